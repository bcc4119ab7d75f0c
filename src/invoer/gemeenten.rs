//! `gemeenten.csv` and `groepen.csv`, and `Namen`: a deelnemer or uitvoerder named in another
//! file, resolved to gemeenten, a group or a partner.

use super::*;

#[derive(Deserialize)]
struct GemeenteRij {
    code: String,
    naam: String,
    inwoners: Option<Decimal>,
    niet_westers: Option<Decimal>,
}

pub(super) fn laad_gemeenten(m: &Map) -> Result<Gemeenten, Fout> {
    let rijen: Vec<Rij<GemeenteRij>> = m.lees(&schema::GEMEENTEN)?;
    // Codes and names seen so far, for the duplicate check (a search of the list per row would
    // be quadratic in gemeenten).
    let mut gezien: std::collections::HashMap<String, usize> = Default::default();
    let (mut g, mut fouten) = per_rij(rijen, Gemeenten::default(), |g, r, h, fouten| {
        let code = r.code.to_uppercase();
        if code.len() != 6
            || !code.starts_with("GM")
            || !code[2..].chars().all(|c| c.is_ascii_digit())
        {
            fouten.push(fout(
                &h,
                "code",
                format!(
                    "'{}' is geen CBS-code; verwacht GM gevolgd door 4 cijfers",
                    r.code
                ),
            ));
        }
        if r.naam.is_empty() {
            fouten.push(fout(&h, "naam", "leeg; verwacht de gemeentenaam"));
        }
        let sleutels = [format!("code:{code}"), format!("naam:{}", r.naam)];
        let eerder = sleutels.iter().filter_map(|k| gezien.get(k).copied()).min();
        if let Some(a) = eerder {
            fouten.push(fout(
                &h,
                "code",
                format!("gemeente staat er dubbel in (ook {})", g.lijst[a].herkomst),
            ));
        }
        for k in sleutels {
            gezien.entry(k).or_insert(g.lijst.len());
        }
        for (k, v) in [("inwoners", r.inwoners), ("niet_westers", r.niet_westers)] {
            if let Some(v) = v {
                check_aantal(v, &h, k, fouten);
            }
        }
        g.lijst.push(Gemeente {
            code,
            naam: r.naam,
            inwoners: r.inwoners,
            niet_westers: r.niet_westers,
            herkomst: h,
        });
    });
    if g.is_empty() && fouten.is_empty() {
        fouten.push(fout(
            &Herkomst::new(m.weergave("gemeenten.csv"), 0),
            "",
            "geen gemeenten; verwacht ten minste één regel",
        ));
    }
    g.indexeer();
    klaar(g, fouten)
}

#[derive(Deserialize)]
struct GroepRij {
    groep: String,
    gemeente: String,
}

/// The groups, and the errors of rows that were refused: the valid groups are kept, so a
/// duplicate row does not also make every later file's use of the group 'unknown'.
pub(super) fn laad_groepen(
    m: &Map,
    gemeenten: &Gemeenten,
) -> Result<(Vec<Groep>, Vec<InvoerFout>), Fout> {
    let rijen: Vec<Rij<GroepRij>> = m.lees_optioneel(&schema::GROEPEN)?;
    // Names of gemeenten, the position of each group and each (group, member) pair: lookups
    // instead of searches per row, which were quadratic in gemeenten.
    let namen: std::collections::HashSet<&str> = gemeenten
        .lijst
        .iter()
        .flat_map(|g| [g.naam.as_str(), g.code.as_str()])
        .collect();
    let mut positie: std::collections::HashMap<String, usize> = Default::default();
    let mut lid: std::collections::HashSet<(usize, GemeenteId)> = Default::default();
    let (mut groepen, fouten) = per_rij(rijen, Vec::<Groep>::new(), |groepen, r, h, fouten| {
        if !check_groepsnaam(&r.groep, &namen, &h, fouten) {
            return;
        }
        let idx = match positie.get(&r.groep) {
            Some(i) => *i,
            None => {
                groepen.push(Groep {
                    naam: r.groep.clone(),
                    leden: Vec::new(),
                    herkomst: h.clone(),
                });
                positie.insert(r.groep.clone(), groepen.len() - 1);
                groepen.len() - 1
            }
        };
        if r.gemeente.is_empty() {
            fouten.push(fout(
                &h,
                "gemeente",
                format!("leeg; een groep heeft leden nodig: verwacht {GEMEENTE}"),
            ));
            return;
        }
        match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
            Ok(g) if !lid.insert((idx, g)) => fouten.push(fout(
                &h,
                "gemeente",
                format!("{} staat al in groep {}", r.gemeente, r.groep),
            )),
            Ok(g) => groepen[idx].leden.push(g),
            Err(e) => fouten.push(e),
        }
    });
    for g in &mut groepen {
        g.leden.sort();
    }
    Ok((groepen, fouten))
}

/// A group's name: not empty and not a gemeente's name or code (`namen`); false when reported.
fn check_groepsnaam(
    groep: &str,
    namen: &std::collections::HashSet<&str>,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> bool {
    if groep.is_empty() {
        fouten.push(fout(h, "groep", "leeg; verwacht de naam van een groep"));
        return false;
    }
    if namen.contains(groep) {
        fouten.push(fout(
            h,
            "groep",
            format!(
                "'{}' is al de naam van een gemeente; kies een andere groepsnaam",
                groep
            ),
        ));
        return false;
    }
    true
}

/// The names an `uitvoerder` or `deelnemers` cell may refer to.
pub(super) struct Namen<'a> {
    pub(super) gemeenten: &'a Gemeenten,
    pub(super) groepen: &'a [Groep],
    pub(super) partners: &'a [Partner],
}

impl Namen<'_> {
    /// The gemeenten of a `deelnemers` cell: a group's members or one gemeente.
    pub(super) fn deelnemers(
        &self,
        tekst: &str,
        h: &Herkomst,
        fouten: &mut Vec<InvoerFout>,
    ) -> Option<Vec<GemeenteId>> {
        if let Some(g) = self.groepen.iter().find(|g| g.naam == tekst) {
            return Some(g.leden.clone());
        }
        if let Some(g) = self.gemeenten.zoek(tekst) {
            return Some(vec![g]);
        }
        let bekend: Vec<&str> = self.groepen.iter().map(|g| g.naam.as_str()).collect();
        let bedoeld = crate::gemeente::lijkt_op(
            tekst,
            bekend
                .iter()
                .copied()
                .chain(self.gemeenten.lijst.iter().map(|g| g.naam.as_str())),
        )
        .map(|s| format!(" bedoelde u {s}?"))
        .unwrap_or_default();
        fouten.push(fout(
            h,
            "deelnemers",
            format!(
                "onbekende groep '{tekst}';{bedoeld} verwacht een groep met leden in groepen.csv ({}) of een gemeente",
                if bekend.is_empty() {
                    "geen groepen bekend".to_string()
                } else {
                    bekend.join(", ")
                }
            ),
        ));
        None
    }

    /// Reads an `uitvoerder` cell for the deelnemers `deelnemers` (named `deelnemers_naam`):
    /// `gemeente`, a group (a regional body: every deelnemer must be a member), a partner, or
    /// the one deelnemer itself. An error (column `uitvoerder`) otherwise.
    pub(super) fn uitvoerder(
        &self,
        tekst: &str,
        deelnemers_naam: &str,
        deelnemers: &[GemeenteId],
        h: &Herkomst,
        fouten: &mut Vec<InvoerFout>,
    ) -> Option<Uitvoerder> {
        if tekst.eq_ignore_ascii_case(crate::uitvoerder::GEMEENTE) {
            return Some(Uitvoerder::Gemeente);
        }
        if let Some(gr) = self.groepen.iter().find(|g| g.naam == tekst) {
            return self.regio(gr, deelnemers, h, fouten);
        }
        if let Some(p) = self.partners.iter().find(|p| p.naam == tekst) {
            return Some(Uitvoerder::Partner(p.naam.clone()));
        }
        if let Some(g) = self.gemeenten.zoek(tekst) {
            if deelnemers == [g] {
                return Some(Uitvoerder::Gemeente);
            }
            fouten.push(fout(
                h,
                "uitvoerder",
                format!(
                    "gemeente {} kan alleen haar eigen kosten uitvoeren, maar deelnemers is {deelnemers_naam}; \
                     verwacht uitvoerder gemeente (elke deelnemer zelf), een groep als regionaal orgaan \
                     of deelnemers = {}",
                    self.gemeenten.naam(g),
                    self.gemeenten.naam(g)
                ),
            ));
            return None;
        }
        self.meld_onbekende_uitvoerder(tekst, h, fouten);
        None
    }

    /// Group `gr` as a regional body for `deelnemers`: only when all are members.
    fn regio(
        &self,
        gr: &Groep,
        deelnemers: &[GemeenteId],
        h: &Herkomst,
        fouten: &mut Vec<InvoerFout>,
    ) -> Option<Uitvoerder> {
        let tekst = &gr.naam;
        let buiten: Vec<&str> = deelnemers
            .iter()
            .filter(|g| !gr.leden.contains(g))
            .map(|g| self.gemeenten.naam(*g))
            .collect();
        if !buiten.is_empty() {
            fouten.push(fout(
                h,
                "uitvoerder",
                format!(
                    "{} {} geen lid van {tekst} (groepen.csv); een regionaal orgaan voert alleen uit \
                     voor zijn leden: verwacht deelnemers binnen {tekst}, of voeg {} toe aan de groep",
                    buiten.join(", "),
                    if buiten.len() == 1 { "is" } else { "zijn" },
                    if buiten.len() == 1 { "de gemeente" } else { "ze" }
                ),
            ));
            return None;
        }
        Some(Uitvoerder::Regio(gr.naam.clone()))
    }

    /// An uitvoerder that is no group, partner or gemeente: the message names the partners
    /// and suggests a close name.
    fn meld_onbekende_uitvoerder(&self, tekst: &str, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
        let kandidaten: Vec<&str> = std::iter::once(crate::uitvoerder::GEMEENTE)
            .chain(self.groepen.iter().map(|g| g.naam.as_str()))
            .chain(self.partners.iter().map(|p| p.naam.as_str()))
            .chain(self.gemeenten.lijst.iter().map(|g| g.naam.as_str()))
            .collect();
        let bedoeld = crate::gemeente::lijkt_op(tekst, kandidaten.iter().copied())
            .map(|s| format!(" bedoelde u {s}?"))
            .unwrap_or_default();
        let partners = if self.partners.is_empty() {
            "partners.csv heeft geen partners".to_string()
        } else {
            format!(
                "partners: {}",
                self.partners
                    .iter()
                    .map(|p| p.naam.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        fouten.push(fout(
            h,
            "uitvoerder",
            format!(
                "onbekende uitvoerder '{tekst}': geen groep, gemeente of gedeclareerde partner ({partners});{bedoeld} \
                 verwacht {UITVOERDER}"
            ),
        ));
    }
}
