//! Warnings and coverage: whatever a run filled, assumed or skipped that changes money is said
//! out loud (stderr, `waarschuwingen.csv`, report, workbook), never silent. Coverage
//! (`dekking.csv`) says per input table and gemeente-year whether a value was given in the data
//! or filled by a stated rule. Pure data: the core fills these, the output edge renders them.

use crate::fout::Herkomst;
use std::fmt;

/// Something the run filled, assumed or skipped that changes money. Like an input error it
/// points at file, row and column where there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Waarschuwing {
    pub herkomst: Herkomst,
    /// Column (CSV) or key (TOML); empty when the whole file or row is concerned.
    pub kolom: String,
    pub melding: String,
}

impl Waarschuwing {
    pub fn new(herkomst: Herkomst, kolom: impl Into<String>, melding: impl Into<String>) -> Self {
        Waarschuwing {
            herkomst,
            kolom: kolom.into(),
            melding: melding.into(),
        }
    }
}

impl fmt::Display for Waarschuwing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.herkomst)?;
        if !self.kolom.is_empty() {
            write!(f, ", kolom {}", self.kolom)?;
        }
        write!(f, ": {}", self.melding)
    }
}

/// How a gemeente-year of an input table got its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DekkingStatus {
    /// A row in the data.
    Gegeven,
    /// Filled by a stated rule (named in `Dekking::regel`).
    Gevuld,
}

impl DekkingStatus {
    pub fn id(self) -> &'static str {
        match self {
            DekkingStatus::Gegeven => "gegeven",
            DekkingStatus::Gevuld => "gevuld",
        }
    }
}

/// One line of the coverage table: table, gemeente, year, part (doelgroep, soort or post), how
/// it was covered and by which rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dekking {
    /// The input table, as the user knows it: `instroom.csv`, `integratie_uitkering.csv`, ...
    pub tabel: String,
    pub gemeente: usize,
    pub jaar: i32,
    /// Doelgroep (instroom), soort (IU) or post (realisatie); empty when not applicable.
    pub onderdeel: String,
    pub status: DekkingStatus,
    /// In Dutch: the row (file, regel) or the rule that filled it.
    pub regel: String,
}
