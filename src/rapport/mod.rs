//! Report layer (pure, like hledger's `Reports`): functions from a computed run to the tables
//! every output shows. Renderers in `uitvoer` (CSV, workbook, HTML, console, JSON) only format
//! what is computed here: group totals, displayed rounding and derived figures live in this
//! layer and nowhere else, so one quantity shows the same figure in every output.
//!
//! `relationeel` makes the group totals (each column's members' ledger lines) and the post ×
//! gemeente table in one pass over the ledger each; money is held, summed and multiplied in
//! `rust_decimal` (polars, which did those two, was a hundred times slower on exact Decimal
//! sums; it now only writes Parquet).

pub mod afrekening;
pub mod balans;
pub mod cijfers;
pub mod dekking;
pub mod grafiek;
pub mod grootboek;
pub mod herkomst;
pub mod kalibratie;
pub mod kasstroom;
pub mod kerncijfers;
pub mod overzicht;
pub mod raad;
pub mod relationeel;
pub mod reserve;
pub mod risico;
pub mod tabel;
pub mod uitgangspunten;
pub mod uitvoering;
pub mod vergelijking;
pub mod verschillen;

use crate::fout::Resultaat;
use crate::gegevens::Gegevens;
use crate::ledger::{Ledger, Saldo};
use overzicht::Overzicht;
use std::collections::HashMap;

/// The tables every output of one run starts from: the overview per year and the exact saldo
/// per gemeente and group.
pub struct Uitkomst {
    pub scenario: String,
    pub jaren: Vec<i32>,
    pub overzichten: Vec<Overzicht>,
    /// Exact baten/lasten per column name (gemeente or group) and year.
    pub saldi: HashMap<(String, i32), Saldo>,
}

pub fn maak_uitkomst(
    scenario: &str,
    jaren: &[i32],
    ledger: &Ledger,
    d: &Gegevens,
) -> Resultaat<Uitkomst> {
    use rayon::prelude::*;
    // The years' overviews and the saldi are independent: made side by side, collected in order.
    let (overzichten, saldi) = rayon::join(
        || {
            jaren
                .par_iter()
                .map(|j| overzicht::maak(ledger, d, *j))
                .collect::<Result<Vec<_>, _>>()
        },
        || relationeel::saldi(ledger, d),
    );
    Ok(Uitkomst {
        scenario: scenario.to_string(),
        jaren: jaren.to_vec(),
        overzichten: overzichten?,
        saldi: saldi?,
    })
}

/// An input file and its SHA-256, for the colophon.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoerbestand {
    pub pad: String,
    pub sha256: String,
}

/// A scenario loaded with its data and computed (by `draai`): what every report reads and
/// every command starts from.
pub struct Run {
    pub scenario: crate::scenario::Scenario,
    pub gegevens: crate::gegevens::Gegevens,
    pub ledger: crate::ledger::Ledger,
    pub verschillen: Vec<crate::realisatie::Verschil>,
    pub afrekening: Vec<crate::berekening::Afrekening>,
    /// Cash per gemeente and year: SPUK advances and settlements, IU as received.
    pub kasstroom: Vec<crate::kasstroom::Kasregel>,
    /// SPUK booked against advances received at year-end: the BBV balance positions.
    pub balans: Vec<crate::balans::Balansregel>,
    /// Every input row with its bron, for the list of assumptions.
    pub bronnen: Vec<crate::gegevens::BronRegel>,
    pub uitkomst: Uitkomst,
    /// What the run filled, assumed or skipped that changes money (shown everywhere).
    pub waarschuwingen: Vec<crate::waarschuwing::Waarschuwing>,
    /// Per input table and gemeente-year: given or filled by which rule.
    pub dekking: Vec<crate::waarschuwing::Dekking>,
    /// With `[reserve]` in the scenario: the bestemmingsreserve (its lines are in `ledger`).
    pub reserve: Option<crate::reserve::Bestemmingsreserve>,
    /// The regional bodies' own lasten per post and year; their bijdragen are the ledger lines
    /// with that uitvoerder.
    pub regio: Vec<crate::uitvoering::RegioLast>,
}
