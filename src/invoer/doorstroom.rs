//! `doorstroom.csv` (optional): the cohort flow through the routes, validated into
//! [`Doorstroom`]. Columns `doelgroep,route,soort,jaar_index,aandeel[,naar_route][,bron]`.
//! Every problem is reported with file, row and column, all at once: the choice columns are
//! read as text and checked here, so that an unknown route on one row does not hide a start
//! percentage that does not add up on another.

use super::csvbestand::{Kolom, Rij};
use super::schema::{self, DOELGROEP, DOORSTROOM_SOORT as SOORT, PCT, ROUTE};
use super::{Map, dubbel, fout, klaar, per_rij};
use crate::doorstroom::{Doorstroom, DoorstroomRegel, DoorstroomSoort, MAX_ROUTEJAAR, MAX_START};
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gemeente::lijkt_op;
use crate::instroom::Doelgroep;
use crate::routeverdeling::Route;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const BESTAND: &str = schema::DOORSTROOM.naam;

#[derive(Deserialize)]
struct DoorstroomRij {
    doelgroep: String,
    route: String,
    soort: String,
    jaar_index: i64,
    aandeel: Decimal,
    #[serde(default)]
    naar_route: Option<String>,
}

/// A choice value, or an error naming the column and the choices (with a suggestion).
fn kies<T: Copy>(
    waarde: &str,
    keuzes: &[(&'static str, T)],
    verwacht: &str,
    h: &Herkomst,
    kolom: &str,
    fouten: &mut Vec<InvoerFout>,
) -> Option<T> {
    let w = waarde.trim().to_lowercase();
    if let Some((_, x)) = keuzes.iter().find(|(k, _)| *k == w) {
        return Some(*x);
    }
    let melding = if w.is_empty() {
        format!("leeg; verwacht {verwacht}")
    } else if let Some(k) = lijkt_op(&w, keuzes.iter().map(|(k, _)| *k)) {
        format!("onbekende waarde '{waarde}'; bedoelde u {k}? Verwacht {verwacht}")
    } else {
        format!("onbekende waarde '{waarde}'; verwacht {verwacht}")
    };
    fouten.push(fout(h, kolom, melding));
    None
}

/// The choices of a route column: every route by its id.
fn routes() -> [(&'static str, Route); 3] {
    Route::ALLE.map(|r| (r.id(), r))
}

/// Reads and checks `doorstroom.csv`; absent: no rows.
pub(super) fn laad(m: &Map) -> Result<Doorstroom, Fout> {
    // The choice columns are read as text and checked below, not by the CSV reader.
    let kolommen: Vec<Kolom> = schema::DOORSTROOM
        .kolommen
        .iter()
        .map(|k| Kolom { keuzes: &[], ..*k })
        .collect();
    let rijen: Vec<Rij<DoorstroomRij>> = m.lees_optioneel_met(BESTAND, &kolommen)?;
    let (uit, mut fouten) = per_rij(rijen, Doorstroom::default(), lees_regel);
    check_sommen(&uit, &mut fouten);
    klaar(uit, fouten)
}

/// One row: its choices, share and year index checked, added to `uit` when its choices are
/// known (a row with other errors is kept, so the sums still see it).
fn lees_regel(uit: &mut Doorstroom, r: DoorstroomRij, h: Herkomst, fouten: &mut Vec<InvoerFout>) {
    let (doelgroep, route, soort) = lees_keuzes(&r, &h, fouten);
    // An unknown `naar_route` is reported; the row is not used further.
    let Some(naar_route) = lees_naar_route(&r, &h, fouten) else {
        return;
    };
    if r.aandeel < Decimal::ZERO || r.aandeel > Decimal::ONE_HUNDRED {
        fouten.push(fout(
            &h,
            "aandeel",
            format!("{} ligt buiten 0–100; verwacht {PCT}", r.aandeel),
        ));
    }
    let (Some(doelgroep), Some(route), Some(soort)) = (doelgroep, route, soort) else {
        return;
    };
    check_jaar_index(soort, r.jaar_index, &h, fouten);
    // Out of range: reported above; kept (clamped) so the sums below still see the row.
    let jaar_index = r.jaar_index.clamp(0, i64::from(u32::MAX)) as u32;
    check_wissel(soort, route, naar_route, &h, fouten);
    if let Some(d) = uit.regels.iter().find(|x| {
        x.doelgroep == doelgroep
            && x.route == route
            && x.soort == soort
            && x.jaar_index == jaar_index
            && (soort != DoorstroomSoort::Wissel || x.naar_route == naar_route)
    }) {
        fouten.push(dubbel(&h, "jaar_index", &d.herkomst));
    }
    uit.regels.push(DoorstroomRegel {
        doelgroep,
        route,
        soort,
        jaar_index,
        aandeel: r.aandeel,
        naar_route,
        herkomst: h,
    });
}

/// The row's doelgroep, route and soort, each reported when unknown (all three, in that order).
fn lees_keuzes(
    r: &DoorstroomRij,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> (Option<Doelgroep>, Option<Route>, Option<DoorstroomSoort>) {
    let doelgroep = kies(
        &r.doelgroep,
        &Doelgroep::ALLE.map(|d| (d.id(), d)),
        DOELGROEP,
        h,
        "doelgroep",
        fouten,
    );
    let route = kies(&r.route, &routes(), ROUTE, h, "route", fouten);
    let soort = kies(
        &r.soort,
        &DoorstroomSoort::ALLE.map(|x| (x.id(), x)),
        SOORT,
        h,
        "soort",
        fouten,
    );
    (doelgroep, route, soort)
}

/// The row's `naar_route`: `Some(None)` when empty, `None` when unknown (reported).
fn lees_naar_route(
    r: &DoorstroomRij,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Option<Option<Route>> {
    let naar_tekst = r.naar_route.as_deref().map(str::trim).unwrap_or("");
    if naar_tekst.is_empty() {
        return Some(None);
    }
    kies(
        naar_tekst,
        &routes(),
        "een bekende route om naar te wisselen: b1, onderwijs of z",
        h,
        "naar_route",
        fouten,
    )
    .map(Some)
}

/// The year index fits the soort: a start 0..=MAX_START years after housing, uitval and
/// switches after route year 1..=MAX_ROUTEJAAR.
fn check_jaar_index(
    soort: DoorstroomSoort,
    jaar_index: i64,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    let (van, tot, wat) = match soort {
        DoorstroomSoort::Start => (0, MAX_START, "jaren na het jaar van huisvesting"),
        _ => (
            1,
            MAX_ROUTEJAAR,
            "het routejaar waarna (1 = na het eerste routejaar)",
        ),
    };
    if !(i64::from(van)..=i64::from(tot)).contains(&jaar_index) {
        fouten.push(fout(
            h,
            "jaar_index",
            format!(
                "{} is ongeldig bij soort {}; verwacht {wat}: {van} tot en met {tot}",
                jaar_index,
                soort.id()
            ),
        ));
    }
}

/// `naar_route` belongs to a switch, to another route, and only there.
fn check_wissel(
    soort: DoorstroomSoort,
    route: Route,
    naar_route: Option<Route>,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    match (soort, naar_route) {
            (DoorstroomSoort::Wissel, None) => fouten.push(fout(
                h,
                "naar_route",
                "leeg; verwacht bij soort wissel de route waarnaar gewisseld wordt (b1, onderwijs of z)",
            )),
            (DoorstroomSoort::Wissel, Some(n)) if n == route => fouten.push(fout(
                h,
                "naar_route",
                format!(
                    "wissel van route {} naar dezelfde route; verwacht een andere route",
                    n.id()
                ),
            )),
            (DoorstroomSoort::Start | DoorstroomSoort::Uitval, Some(_)) => fouten.push(fout(
                h,
                "naar_route",
                format!(
                    "alleen bij soort wissel; laat leeg bij soort {}",
                    soort.id()
                ),
            )),
            _ => {}
        }
}

/// Per doelgroep and route the start shares add up to 100; per route year, uitval and switches
/// together at most 100.
fn check_sommen(uit: &Doorstroom, fouten: &mut Vec<InvoerFout>) {
    // Both uitval and switches are shares of those in that route year.
    let mut starts: BTreeMap<(Doelgroep, Route), (Decimal, Herkomst)> = BTreeMap::new();
    let mut weg: BTreeMap<(Doelgroep, Route, u32), (Decimal, Herkomst)> = BTreeMap::new();
    for x in &uit.regels {
        let (som, h) = match x.soort {
            DoorstroomSoort::Start => starts.entry((x.doelgroep, x.route)).or_default(),
            _ => weg.entry((x.doelgroep, x.route, x.jaar_index)).or_default(),
        };
        *som += x.aandeel;
        *h = x.herkomst.clone();
    }
    for ((dg, route), (som, h)) in starts {
        if som != Decimal::ONE_HUNDRED {
            fouten.push(fout(
                &h,
                "aandeel",
                format!(
                    "startpercentages voor doelgroep {} en route {} tellen op tot {som}; verwacht samen 100",
                    dg.id(),
                    route.id()
                ),
            ));
        }
    }
    for ((dg, route, jaar), (som, h)) in weg {
        if som > Decimal::ONE_HUNDRED {
            fouten.push(fout(
                &h,
                "aandeel",
                format!(
                    "uitval en wissels na routejaar {jaar} van doelgroep {} en route {} tellen op tot {som}; \
                     verwacht samen hoogstens 100 (beide zijn een deel van wie in dat routejaar zit)",
                    dg.id(),
                    route.id()
                ),
            ));
        }
    }
}
