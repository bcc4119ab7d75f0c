//! Cash (kasritme): what a gemeente receives in a year, as opposed to what it books as baten.
//! Pure: no files, no terminal.
//!
//! - SPUK advances: monthly twelfths of the beschikking in force that month. A voorlopige
//!   beschikking is in force from January, a nader voorlopige from its `maand`. Each
//!   beschikking is split into twelve twelfths with the largest-remainder method, so the twelfths
//!   of a beschikking add up to it exactly; a month takes the twelfth of the beschikking in force.
//!   A year with only a definitieve beschikking: the advances are taken equal to it (warned in
//!   `dekking`). A year without any beschikking: the booked forecast counts as received that year.
//! - SPUK settlement: received (nabetaling) or repaid (terugvordering) in the vaststelling year
//!   (the year after): definitief − advances, or, while not vastgesteld, the expected one from
//!   the best estimate (`Afrekening::verschil`).
//! - SPUK onderwijsroute: its own beschikking likewise (advances + settlement), else the booked
//!   top-up.
//! - IU: as booked (the gemeentefonds pays it in the year).

use crate::berekening::Afrekening;
use crate::gegevens::Gegevens;
use crate::ledger::{Ledger, Soort};
use crate::post::PostId;
use crate::uitkering::{Regeling, voorschotten};
use rust_decimal::Decimal;

/// Cash received by one gemeente in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Kasregel {
    pub gemeente: usize,
    pub jaar: i32,
    /// SPUK voorzieningen: advances received this year.
    pub spuk_voorschotten: Decimal,
    /// SPUK voorzieningen: the settlement of the year before (+ received, − repaid).
    pub spuk_afrekening: Decimal,
    /// SPUK onderwijsroute: advances of this year + settlement of the year before, or the
    /// booked top-up.
    pub spuk_onderwijsroute: Decimal,
    /// Integratie-uitkering as booked.
    pub iu: Decimal,
    /// What the year's SPUK advances rest on: the latest beschikking's status (`voorlopig`,
    /// `nader_voorlopig`, `definitief`) or `raming` (no beschikking: the booked forecast).
    pub status: &'static str,
    /// The status of the settlement received this year (`vastgesteld`, `realisatie`, `raming`),
    /// empty when there is none.
    pub afrekening_status: &'static str,
}

impl Kasregel {
    pub fn totaal(&self) -> Decimal {
        self.spuk_voorschotten + self.spuk_afrekening + self.spuk_onderwijsroute + self.iu
    }
}

/// Cash per gemeente and year of the horizon, from the beschikkingen, the settlement table and
/// the ledger (IU, and the SPUK of years without a beschikking). A settlement appears in its
/// vaststelling year only when that year is inside the horizon.
pub fn bereken(
    d: &Gegevens,
    jaren: impl IntoIterator<Item = i32>,
    ledger: &Ledger,
    afrekening: &[Afrekening],
) -> Vec<Kasregel> {
    // Indexes, so the cost is linear in gemeenten × years.
    let per_post = ledger.per_post_waar(|b| b.soort == Soort::Baten);
    let bedrag = |g: usize, jaar: i32, post: PostId| {
        per_post
            .get(&(g, jaar, Soort::Baten, post.as_str()))
            .copied()
            .unwrap_or_default()
    };
    let afrekeningen: std::collections::HashMap<(usize, i32, Regeling), &Afrekening> = afrekening
        .iter()
        .map(|a| ((a.gemeente, a.jaar, a.regeling), a))
        .collect();
    let afrekening_van =
        |g: usize, jaar: i32, r: Regeling| afrekeningen.get(&(g, jaar, r)).copied();
    let beschikkingen = crate::uitkering::PerGemeente::beschikkingen(d);
    let mut uit = Vec::new();
    let jaren: Vec<i32> = jaren.into_iter().collect();
    for g in 0..d.gemeenten.len() {
        for &jaar in &jaren {
            let regulier = beschikkingen.stand(g, jaar, Regeling::Voorzieningen);
            let spuk_voorschotten =
                voorschotten(&regulier).unwrap_or_else(|| bedrag(g, jaar, PostId::Spuk));
            let vorig = afrekening_van(g, jaar - 1, Regeling::Voorzieningen);
            let onderwijs = beschikkingen.stand(g, jaar, Regeling::Onderwijsroute);
            let spuk_onderwijsroute = voorschotten(&onderwijs)
                .unwrap_or_else(|| bedrag(g, jaar, PostId::SpukOnderwijsroute))
                + afrekening_van(g, jaar - 1, Regeling::Onderwijsroute)
                    .map(|a| a.verschil())
                    .unwrap_or_default();
            let iu = bedrag(g, jaar, PostId::IuUitvoering) + bedrag(g, jaar, PostId::IuInvoering);
            uit.push(Kasregel {
                gemeente: g,
                jaar,
                spuk_voorschotten,
                spuk_afrekening: vorig.map(|a| a.verschil()).unwrap_or_default(),
                spuk_onderwijsroute,
                iu,
                status: regulier
                    .laatste()
                    .map(|b| b.status.id())
                    .unwrap_or("raming"),
                afrekening_status: vorig.map(|a| a.status()).unwrap_or(""),
            });
        }
    }
    uit
}
