//! BBV booking of the SPUK: a gemeente books the SPUK as baten at its best estimate of the
//! definitive amount (`spuk_baten = "beste_schatting"`), and the difference with the advances
//! received in the year is a balance position at year-end: vooruitontvangen (overlopende passiva)
//! when more was received than booked, nog te ontvangen (overlopende activa) when less. The
//! position is settled with the vaststelling the next year. Pure: ledger and settlement in.

use crate::berekening::{Afrekening, Instellingen, SpukBaten, Voorzieningen};
use crate::ledger::{Ledger, Soort};
use crate::post::PostId;
use crate::uitkering::Regeling;
use rust_decimal::Decimal;

/// The SPUK of one gemeente and year at year-end: booked baten against advances received.
#[derive(Debug, Clone, PartialEq)]
pub struct Balansregel {
    pub gemeente: usize,
    pub jaar: i32,
    pub regeling: Regeling,
    /// What the ledger books as SPUK baten for the year.
    pub baten: Decimal,
    /// Advances received in the year (monthly twelfths of the beschikking in force).
    pub voorschotten: Decimal,
}

impl Balansregel {
    /// Overlopende activa: booked but not yet received.
    pub fn nog_te_ontvangen(&self) -> Decimal {
        (self.baten - self.voorschotten).max(Decimal::ZERO)
    }

    /// Overlopende passiva: received but not (yet) earned.
    pub fn vooruitontvangen(&self) -> Decimal {
        (self.voorschotten - self.baten).max(Decimal::ZERO)
    }
}

/// With `spuk_baten = "beste_schatting"`: books the SPUK of every gemeente-year that has a
/// beschikking at the best estimate of the definitive amount (definitief, else the forecast on
/// realised volumes, else the forecast), years up to `realisatie_tot` excepted (those hold the
/// actuals). With `inburgeringsvoorzieningen = "spuk"` the pass-through lasten move with it.
pub fn boek_beste_schatting(ledger: &mut Ledger, afrekening: &[Afrekening], inst: &Instellingen) {
    if inst.spuk_baten != SpukBaten::BesteSchatting {
        return;
    }
    for a in afrekening.iter().filter(|a| {
        a.regeling == Regeling::Voorzieningen
            && inst.jaren().any(|j| j == a.jaar)
            && inst.realisatie_tot.is_none_or(|t| a.jaar > t)
    }) {
        let doel = a.uitkomst();
        let mut verschil = Decimal::ZERO;
        for b in ledger.boekingen.iter_mut().filter(|b| {
            b.gemeente == a.gemeente
                && b.jaar == a.jaar
                && b.soort == Soort::Baten
                && b.post == PostId::Spuk
        }) {
            verschil = doel - b.bedrag;
            b.bedrag = doel;
        }
        if inst.voorzieningen == Voorzieningen::Spuk && !verschil.is_zero() {
            for b in ledger.boekingen.iter_mut().filter(|b| {
                b.gemeente == a.gemeente
                    && b.jaar == a.jaar
                    && b.soort == Soort::Lasten
                    && b.post == PostId::Inburgeringsvoorzieningen
            }) {
                b.bedrag += verschil;
            }
        }
    }
}

/// The balance positions at the end of every scenario year with a beschikking.
pub fn posities(
    ledger: &Ledger,
    afrekening: &[Afrekening],
    inst: &Instellingen,
) -> Vec<Balansregel> {
    let per_post = ledger.per_post_waar(|b| b.soort == Soort::Baten && b.post.is_spuk());
    afrekening
        .iter()
        .filter(|a| inst.jaren().any(|j| j == a.jaar))
        .map(|a| Balansregel {
            gemeente: a.gemeente,
            jaar: a.jaar,
            regeling: a.regeling,
            baten: per_post
                .get(&(a.gemeente, a.jaar, Soort::Baten, a.regeling.post().as_str()))
                .copied()
                .unwrap_or_default(),
            voorschotten: a.voorschotten,
        })
        .collect()
}
