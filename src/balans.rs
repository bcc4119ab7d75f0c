//! BBV booking of the SPUK: a gemeente books the SPUK as baten at its best estimate of the
//! definitive amount (`spuk_baten = "beste_schatting"`), and the difference with the advances
//! received in the year is a balance position at year-end: vooruitontvangen (overlopende passiva)
//! when more was received than booked, nog te ontvangen (overlopende activa) when less. The
//! position is settled with the vaststelling the next year (the booking itself is the engine's:
//! `boek_beste_schatting` in `berekening`'s child `beste_schatting`). Pure: ledger and
//! settlement in.

use crate::berekening::{Afrekening, Instellingen};
use crate::ledger::{Ledger, Soort};
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
