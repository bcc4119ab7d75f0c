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
    pub herkomst: Herkomst,
}
