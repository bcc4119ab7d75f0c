//! Instroom: people housed in / arriving at a gemeente per year and doelgroep. Counts are decimals
//! because projections (a +30 % scenario) give fractional heads.

use crate::fout::Herkomst;
use crate::gemeente::GemeenteId;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Doelgroep {
    /// Asielstatushouder.
    Asiel,
    /// Gezins- en overige migrant.
    Gezin,
}

impl Doelgroep {
    pub const ALLE: [Doelgroep; 2] = [Doelgroep::Asiel, Doelgroep::Gezin];
    pub fn id(self) -> &'static str {
        match self {
            Doelgroep::Asiel => "asiel",
            Doelgroep::Gezin => "gezin",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstroomRegel {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub doelgroep: Doelgroep,
    pub aantal: Decimal,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Instroom {
    pub regels: Vec<InstroomRegel>,
}

impl Instroom {
    /// Heads of all doelgroepen for a gemeente and year (0 when absent).
    pub fn totaal(&self, gemeente: GemeenteId, jaar: i32) -> Decimal {
        self.regels
            .iter()
            .filter(|r| r.gemeente == gemeente && r.jaar == jaar)
            .map(|r| r.aantal)
            .sum()
    }
}
