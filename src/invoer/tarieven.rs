//! Prices and shares: `spuk_tarieven.csv`, `routeverdeling.csv`,
//! `kosten_per_deelnemer.csv` and `indexatie.csv`.

use super::*;

#[derive(Deserialize)]
struct TariefRij {
    jaar: i32,
    doelgroep: Doelgroep,
    component: Component,
    #[serde(default)]
    teljaar: Option<u32>,
    bedrag: Decimal,
    /// Last year the row is in force (inclusive); empty: until a later row replaces it.
    #[serde(default)]
    jaar_tot: Option<i32>,
}

pub(super) fn laad_tarieven(m: &Map) -> Result<Tarieven, Fout> {
    let rijen: Vec<Rij<TariefRij>> = m.lees_optioneel(&schema::SPUK_TARIEVEN)?;
    let (uit, fouten) = per_rij(rijen, Tarieven::default(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        let teljaar = r.teljaar.unwrap_or(1);
        check_teljaar(r.component, teljaar, &h, fouten);
        if let Some(tot) = r.jaar_tot {
            check_jaar(tot, &h, "jaar_tot", fouten);
            if tot < r.jaar {
                fouten.push(fout(
                    &h,
                    "jaar_tot",
                    format!(
                        "{tot} ligt vóór jaar {}; verwacht een jaar ≥ {} (de regel geldt van jaar tot en met jaar_tot)",
                        r.jaar, r.jaar
                    ),
                ));
            }
        }
        check_tarief_tegen_eerder(&uit.regels, &r, teljaar, &h, fouten);
        uit.regels.push(Tarief {
            jaar: r.jaar,
            doelgroep: r.doelgroep,
            component: r.component,
            teljaar,
            bedrag: r.bedrag,
            jaar_tot: r.jaar_tot,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

/// The telling year: 1–10, and 1 for the onderwijsroute (paid once).
fn check_teljaar(component: Component, teljaar: u32, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
    if !(1..=10).contains(&teljaar) {
        fouten.push(fout(h, "teljaar", format!("{teljaar} is ongeldig; verwacht 1, 2 of 3 (het hoeveelste jaar dat een cohort telt)")));
    }
    if component == Component::Onderwijsroute && teljaar != 1 {
        fouten.push(fout(
            h,
            "teljaar",
            format!(
                "{teljaar} is ongeldig voor onderwijsroute: de aanvulling tot de minimale trajectprijs \
                 wordt eenmalig betaald in het jaar van huisvesting; verwacht 1 of leeg"
            ),
        ));
    }
}

/// A row against the rows before it: the rows of one year, doelgroep and component are one
/// tariff (split over the telling years), so they end together, and each telling year once.
fn check_tarief_tegen_eerder(
    regels: &[Tarief],
    r: &TariefRij,
    teljaar: u32,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    if let Some(d) = regels.iter().find(|x| {
        x.jaar == r.jaar
            && x.doelgroep == r.doelgroep
            && x.component == r.component
            && x.jaar_tot != r.jaar_tot
    }) {
        let tekst = |j: Option<i32>| j.map(|j| j.to_string()).unwrap_or_else(|| "leeg".into());
        fouten.push(fout(
            h,
            "jaar_tot",
            format!(
                "{} verschilt van {} in {} (zelfde jaar, doelgroep en component); \
                 verwacht voor alle teljaren van een tarief hetzelfde jaar_tot",
                tekst(r.jaar_tot),
                tekst(d.jaar_tot),
                d.herkomst
            ),
        ));
    }
    if let Some(d) = regels.iter().find(|x| {
        x.jaar == r.jaar
            && x.doelgroep == r.doelgroep
            && x.component == r.component
            && x.teljaar == teljaar
    }) {
        fouten.push(dubbel(h, "component", &d.herkomst));
    }
}

#[derive(Deserialize)]
struct RouteRij {
    doelgroep: Doelgroep,
    route: Route,
    laag: Decimal,
    basis: Decimal,
    hoog: Decimal,
}

pub(super) fn laad_routeverdeling(m: &Map) -> Result<Routeverdeling, Fout> {
    let rijen: Vec<Rij<RouteRij>> = m.lees_optioneel(&schema::ROUTEVERDELING)?;
    let (uit, mut fouten) = per_rij(rijen, Routeverdeling::default(), |uit, r, h, fouten| {
        for (k, v) in [("laag", r.laag), ("basis", r.basis), ("hoog", r.hoog)] {
            if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                fouten.push(fout(
                    &h,
                    k,
                    format!("{v} ligt buiten 0–100; verwacht {PCT}"),
                ));
            }
        }
        if let Some(d) = uit
            .regels
            .iter()
            .find(|x| x.doelgroep == r.doelgroep && x.route == r.route)
        {
            fouten.push(dubbel(&h, "route", &d.herkomst));
        }
        uit.regels.push(RouteAandeel {
            doelgroep: r.doelgroep,
            route: r.route,
            laag: r.laag,
            basis: r.basis,
            hoog: r.hoog,
            herkomst: h,
        });
    });
    // Each alternative must add up to 100 per doelgroep.
    let mut per_groep: BTreeMap<Doelgroep, Vec<&RouteAandeel>> = BTreeMap::new();
    for r in &uit.regels {
        per_groep.entry(r.doelgroep).or_default().push(r);
    }
    for (dg, rs) in &per_groep {
        for (k, f) in [("laag", 0usize), ("basis", 1), ("hoog", 2)] {
            let som: Decimal = rs.iter().map(|r| [r.laag, r.basis, r.hoog][f]).sum();
            if som != Decimal::ONE_HUNDRED {
                let h = &rs.last().map(|r| r.herkomst.clone()).unwrap_or_default();
                fouten.push(fout(
                    h,
                    k,
                    format!(
                        "percentages voor doelgroep {} tellen op tot {som}; verwacht samen 100",
                        dg.id()
                    ),
                ));
            }
        }
    }
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct KostenRij {
    onderdeel: String,
    doelgroep: Doelgroep,
    jaar_index: u32,
    bedrag: Decimal,
    #[serde(default)]
    prijspeil: Option<i32>,
    #[serde(default)]
    eenheid: Option<Eenheid>,
    #[serde(default)]
    uren: Option<Decimal>,
}

/// What `bedrag` of a cost row is per: a participant (default) or an hour (`uren` per route
/// year; the cost per participant is then uren × bedrag).
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Eenheid {
    Deelnemer,
    Uur,
}

pub(super) fn laad_kosten(m: &Map) -> Result<Vec<KostenRegel>, Fout> {
    let rijen: Vec<Rij<KostenRij>> = m.lees(&schema::KOSTEN_PER_DEELNEMER)?;
    let (uit, fouten) = per_rij(rijen, Vec::<KostenRegel>::new(), |uit, mut r, h, fouten| {
        // Route names are matched exactly; a route written another way would silently be
        // costed as a module for every head.
        r.onderdeel = r.onderdeel.to_lowercase();
        if r.onderdeel.contains("route") {
            fouten.push(fout(&h, "onderdeel", format!("'{}' is ongeldig; routes heten b1, onderwijs of z, modules bijv. map, mb, pvt, tolk", r.onderdeel)));
            return;
        }
        if let Some(p) = r.prijspeil {
            check_jaar(p, &h, "prijspeil", fouten);
        }
        if r.onderdeel.is_empty() || !r.onderdeel.chars().all(|c| c.is_alphanumeric() || c == '_') {
            fouten.push(fout(&h, "onderdeel", format!("'{}' is ongeldig; verwacht b1, onderwijs, z of een id van letters, cijfers en _", r.onderdeel)));
        }
        if !(1..=10).contains(&r.jaar_index) {
            fouten.push(fout(
                &h,
                "jaar_index",
                format!("{} is ongeldig; verwacht 1 tot en met 10", r.jaar_index),
            ));
        }
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        let bedrag = bedrag_per_deelnemer(&r, &h, fouten);
        if let Some(d) = uit.iter().find(|x| {
            x.onderdeel == r.onderdeel && x.doelgroep == r.doelgroep && x.jaar_index == r.jaar_index
        }) {
            fouten.push(dubbel(&h, "jaar_index", &d.herkomst));
        }
        uit.push(KostenRegel {
            onderdeel: r.onderdeel,
            doelgroep: r.doelgroep,
            jaar_index: r.jaar_index,
            bedrag,
            prijspeil: r.prijspeil,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

/// The cost per participant of the row's (route) year: `bedrag`, or when priced per hour
/// uren × bedrag (with `uren` checked; `bedrag` itself is checked by the caller).
fn bedrag_per_deelnemer(r: &KostenRij, h: &Herkomst, fouten: &mut Vec<InvoerFout>) -> Decimal {
    let mut bedrag = r.bedrag;
    match (r.eenheid, r.uren) {
        (Some(Eenheid::Uur), Some(u)) => {
            check_aantal(u, h, "uren", fouten);
            if u.normalize().scale() > 2 {
                fouten.push(fout(
                    h,
                    "uren",
                    format!(
                        "{u} heeft meer dan 2 decimalen; verwacht een aantal uren ≥ 0, bijv. 533.33"
                    ),
                ));
            } else if u >= Decimal::ZERO && u <= MAX_AANTAL && r.bedrag <= MAX_BEDRAG {
                bedrag = u * r.bedrag;
                if bedrag > MAX_BEDRAG {
                    fouten.push(fout(h, "uren", format!("uren × bedrag = {bedrag} per deelnemer is onwaarschijnlijk groot; verwacht ten hoogste 1.000.000.000.000")));
                }
            }
        }
        (Some(Eenheid::Uur), None) => fouten.push(fout(
            h,
            "uren",
            "leeg; verwacht bij eenheid = uur het aantal uren in dat jaar",
        )),
        (_, Some(_)) => fouten.push(fout(
            h,
            "uren",
            "alleen bij eenheid = uur; zet eenheid op uur of laat uren leeg",
        )),
        _ => {}
    }
    bedrag
}

#[derive(Deserialize)]
struct IndexRij {
    jaar: i32,
    soort: IndexSoort,
    percentage: Decimal,
}

pub(super) fn laad_indexatie(m: &Map) -> Result<Indexatie, Fout> {
    let rijen: Vec<Rij<IndexRij>> = m.lees_optioneel(&schema::INDEXATIE)?;
    let uit = Indexatie::default();
    let mut gezien: Vec<(i32, IndexSoort, Herkomst)> = Vec::new();
    let (uit, fouten) = per_rij(rijen, uit, |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        if r.percentage <= -Decimal::ONE_HUNDRED || r.percentage > Decimal::ONE_HUNDRED {
            fouten.push(fout(
                &h,
                "percentage",
                "buiten (-100, 100]; verwacht een percentage groter dan -100 en hoogstens 100",
            ));
        }
        if let Some((_, _, d)) = gezien
            .iter()
            .find(|(j, s, _)| *j == r.jaar && *s == r.soort)
        {
            fouten.push(dubbel(&h, "soort", d));
        }
        gezien.push((r.jaar, r.soort, h));
        uit.zet(r.soort, r.jaar, r.percentage);
    });
    klaar(uit, fouten)
}
