//! What the State pays: the integratie-uitkering (IU, via the gemeentefonds) and the SPUK
//! beschikking (the earmarked grant as decided, provisional or definitive).

use crate::fout::Herkomst;
use crate::gemeente::GemeenteId;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IuSoort {
    /// Structural execution costs (from 2022).
    Uitvoering,
    /// One-off implementation costs.
    Invoering,
}

impl IuSoort {
    pub fn id(self) -> &'static str {
        match self {
            IuSoort::Uitvoering => "uitvoering",
            IuSoort::Invoering => "invoering",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IuRegel {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub soort: IuSoort,
    pub bedrag: Decimal,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpukStatus {
    Voorlopig,
    Definitief,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Beschikking {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub bedrag: Decimal,
    pub status: SpukStatus,
    /// The volumes the State used for this amount (optional columns `aantal_asiel`,
    /// `aantal_gezin`): what `kalibreer` fits the per-head amounts on.
    pub aantal_asiel: Option<Decimal>,
    pub aantal_gezin: Option<Decimal>,
    pub herkomst: Herkomst,
}

/// National total of the IU per year and soort (`rijksbudget.csv`): the base for gemeenten
/// without an explicit IU row in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct RijksBudget {
    pub jaar: i32,
    pub soort: IuSoort,
    pub bedrag: Decimal,
    pub herkomst: Herkomst,
}

/// A criterion of the IU distribution (`iu_maatstaven.csv`): weight and national total, e.g.
/// inwoners 78, niet_westers 22 (seed 003 §4.1).
#[derive(Debug, Clone, PartialEq)]
pub struct Maatstaf {
    /// `inwoners` or `niet_westers`.
    pub maatstaf: String,
    pub gewicht: Decimal,
    pub landelijk_totaal: Decimal,
    pub herkomst: Herkomst,
}
