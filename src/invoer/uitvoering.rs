//! `partners.csv` and `uitvoerders.csv`: who executes the inburgeringsvoorzieningen.

use super::*;

#[derive(Deserialize)]
struct PartnerRij {
    partner: String,
    #[serde(default)]
    omschrijving: Option<String>,
}

/// The valid partners and the errors of the other rows.
pub(super) fn laad_partners(
    m: &Map,
    gemeenten: &Gemeenten,
    groepen: &[Groep],
) -> Result<(Vec<Partner>, Vec<InvoerFout>), Fout> {
    let rijen: Vec<Rij<PartnerRij>> = m.lees_optioneel(&schema::PARTNERS)?;
    let (uit, fouten) = per_rij(rijen, Vec::<Partner>::new(), |uit, r, h, fouten| {
        let naam = r.partner.trim().to_string();
        let bezet = if naam.is_empty() {
            Some("leeg".to_string())
        } else if naam.eq_ignore_ascii_case(crate::uitvoerder::GEMEENTE)
            || naam.eq_ignore_ascii_case(crate::uitvoerder::ALLE)
        {
            Some(format!("'{naam}' is een vast woord"))
        } else if groepen.iter().any(|g| g.naam == naam) {
            Some(format!("'{naam}' is al een groep in groepen.csv"))
        } else if gemeenten.zoek(&naam).is_some() {
            Some(format!("'{naam}' is al een gemeente"))
        } else {
            uit.iter()
                .find(|p: &&Partner| p.naam == naam)
                .map(|p| format!("dubbele partner (ook {})", p.herkomst))
        };
        if let Some(b) = bezet {
            fouten.push(fout(
                &h,
                "partner",
                format!("{b}; verwacht een eigen naam voor de partner, bijv. Vluchtelingenwerk"),
            ));
            return;
        }
        uit.push(Partner {
            naam,
            omschrijving: r.omschrijving.unwrap_or_default(),
            herkomst: h,
        });
    });
    Ok((uit, fouten))
}

#[derive(Deserialize)]
struct UitvoerderRij {
    onderdeel: String,
    deelnemers: String,
    uitvoerder: String,
    #[serde(default)]
    jaar_van: Option<i32>,
    #[serde(default)]
    jaar_tot: Option<i32>,
}

/// `kosten_ok`: kosten_per_deelnemer.csv was read without errors, so its modules are known
/// (else an onderdeel that is no route is not reported: the costs' own errors are).
pub(super) fn laad_uitvoerders(
    m: &Map,
    gemeenten: &Gemeenten,
    d: &Gegevens,
    kosten_ok: bool,
) -> Result<Vec<UitvoerderRegel>, Fout> {
    let rijen: Vec<Rij<UitvoerderRij>> = m.lees_optioneel(&schema::UITVOERDERS)?;
    let namen = Namen {
        gemeenten,
        groepen: &d.groepen,
        partners: &d.partners,
    };
    let modules = kosten_ok.then(|| kosten_modules(d));
    let (uit, fouten) = per_rij(rijen, Vec::<UitvoerderRegel>::new(), |uit, r, h, fouten| {
        let n = fouten.len();
        let onderdeel = r.onderdeel.trim().to_lowercase();
        check_onderdeel(&r.onderdeel, &onderdeel, modules.as_deref(), d, &h, fouten);
        check_jaren(&r, &h, fouten);
        let deelnemers_naam = r.deelnemers.trim().to_string();
        let Some(deelnemers) = namen.deelnemers(&deelnemers_naam, &h, fouten) else {
            return;
        };
        let tekst = r.uitvoerder.trim();
        if tekst.is_empty() {
            fouten.push(fout(
                &h,
                "uitvoerder",
                format!("leeg; verwacht {UITVOERDER}"),
            ));
            return;
        }
        let Some(uitvoerder) = namen.uitvoerder(tekst, &deelnemers_naam, &deelnemers, &h, fouten)
        else {
            return;
        };
        if fouten.len() > n {
            return;
        }
        if let Some(melding) =
            al_uitgevoerd(uit, &onderdeel, &r, &deelnemers, &uitvoerder, gemeenten)
        {
            fouten.push(fout(&h, "uitvoerder", melding));
            return;
        }
        uit.push(UitvoerderRegel {
            onderdeel,
            deelnemers_naam,
            deelnemers,
            jaar_van: r.jaar_van,
            jaar_tot: r.jaar_tot,
            uitvoerder,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

/// The modules of the route costs (onderdelen that are no route), sorted, each once.
fn kosten_modules(d: &Gegevens) -> Vec<&str> {
    let mut modules: Vec<&str> = d
        .kosten
        .iter()
        .filter(|k| k.route().is_none())
        .map(|k| k.onderdeel.as_str())
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

/// The optional `jaar_van` and `jaar_tot`: each a valid year, and in order.
fn check_jaren(r: &UitvoerderRij, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
    for (k, j) in [("jaar_van", r.jaar_van), ("jaar_tot", r.jaar_tot)] {
        if let Some(j) = j {
            check_jaar(j, h, k, fouten);
        }
    }
    if let (Some(v), Some(t)) = (r.jaar_van, r.jaar_tot) {
        check_jaar_volgorde(v, t, h, fouten);
    }
}

/// An onderdeel of the inburgeringsvoorzieningen (`ruw` as written, `onderdeel` in lower case):
/// `alle`, `inburgeringsvoorzieningen`, a route or a module of the route costs, and not a
/// formatie post (whose uitvoerder is in formatie.csv).
fn check_onderdeel(
    ruw: &str,
    onderdeel: &str,
    modules: Option<&[&str]>,
    d: &Gegevens,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    use crate::uitvoerder::{ALLE, VOORZIENINGEN};
    // The onderdelen every data set has: all, the whole of the voorzieningen, each route.
    let vast: Vec<&str> = [ALLE, VOORZIENINGEN]
        .into_iter()
        .chain(crate::routeverdeling::Route::ALLE.map(|r| r.id()))
        .collect();
    // Modules unknown (the costs file has errors): any onderdeel could be one.
    let bekend = modules.is_none_or(|m| vast.contains(&onderdeel) || m.contains(&onderdeel));
    let modules = modules.unwrap_or_default();
    if d.formatie.iter().any(|p| p.post.as_str() == ruw.trim()) {
        fouten.push(fout(
            h,
            "onderdeel",
            format!(
                "'{}' is een post van formatie.csv; de uitvoerder daarvan staat in formatie.csv \
                     (kolom uitvoerder); verwacht hier een inburgeringsvoorziening",
                ruw
            ),
        ));
    } else if !bekend {
        let lijst = if modules.is_empty() {
            String::from("(kosten_per_deelnemer.csv heeft geen modules)")
        } else {
            format!("({})", modules.join(", "))
        };
        let bedoeld = crate::gemeente::lijkt_op(
            onderdeel,
            vast.iter().copied().chain(modules.iter().copied()),
        )
        .map(|s| format!(" bedoelde u {s}?"))
        .unwrap_or_default();
        fouten.push(fout(
            h,
            "onderdeel",
            format!(
                "onbekend onderdeel '{}';{bedoeld} verwacht alle, inburgeringsvoorzieningen, b1, \
                     onderwijs, z of een module uit kosten_per_deelnemer.csv {lijst}",
                ruw
            ),
        ));
    }
}

/// Why a row may not be added: an earlier row already names an uitvoerder for one of its
/// gemeenten, for the same onderdeel in an overlapping year.
fn al_uitgevoerd(
    uit: &[UitvoerderRegel],
    onderdeel: &str,
    r: &UitvoerderRij,
    deelnemers: &[GemeenteId],
    uitvoerder: &Uitvoerder,
    gemeenten: &Gemeenten,
) -> Option<String> {
    let overlapt = |x: &UitvoerderRegel| {
        x.onderdeel == onderdeel
            && x.jaar_van.unwrap_or(i32::MIN) <= r.jaar_tot.unwrap_or(i32::MAX)
            && r.jaar_van.unwrap_or(i32::MIN) <= x.jaar_tot.unwrap_or(i32::MAX)
    };
    if let Some((x, g)) = uit.iter().filter(|x| overlapt(x)).find_map(|x| {
        x.deelnemers
            .iter()
            .find(|g| deelnemers.contains(g))
            .map(|g| (x, *g))
    }) {
        let gem = gemeenten.naam(g);
        let melding = match (&x.uitvoerder, uitvoerder) {
            (Uitvoerder::Regio(a), Uitvoerder::Regio(b)) if a != b => format!(
                "{gem} valt voor onderdeel {onderdeel} al onder regionaal orgaan {a} ({}); verwacht \
                     per onderdeel en jaar één regionaal orgaan per gemeente",
                x.herkomst
            ),
            _ => format!(
                "{gem} heeft voor onderdeel {onderdeel} al een uitvoerder ({}); verwacht per \
                     onderdeel, gemeente en jaar één regel",
                x.herkomst
            ),
        };
        return Some(melding);
    }
    None
}
