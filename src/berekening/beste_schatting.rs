//! `spuk_baten = "beste_schatting"`: the SPUK booked at the best estimate of the definitive
//! amount instead of the forecast.

use super::{Afrekening, Instellingen, SpukBaten, Voorzieningen};
use crate::ledger::{Ledger, Soort};
use crate::post::PostId;
use crate::uitkering::Regeling;
use rust_decimal::Decimal;

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
