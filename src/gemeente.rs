//! Gemeenten and groups (a region such as SDD, or the scope of a shared post). Gemeenten are
//! referred to by index internally so that every table keeps the order of `gemeenten.csv`.

use crate::fout::Herkomst;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct Gemeente {
    /// CBS code, e.g. GM0505.
    pub code: String,
    pub naam: String,
    pub inwoners: Option<Decimal>,
    pub niet_westers: Option<Decimal>,
    pub herkomst: Herkomst,
}

/// Index into [`Gemeenten`]; stable for one data set.
pub type GemeenteId = usize;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gemeenten {
    pub lijst: Vec<Gemeente>,
}

impl Gemeenten {
    /// Accepts the CBS code (case-insensitive) or the exact name.
    pub fn zoek(&self, tekst: &str) -> Option<GemeenteId> {
        let t = tekst.trim();
        self.lijst
            .iter()
            .position(|g| g.code.eq_ignore_ascii_case(t))
            .or_else(|| self.lijst.iter().position(|g| g.naam == t))
    }

    pub fn naam(&self, id: GemeenteId) -> &str {
        &self.lijst[id].naam
    }

    pub fn len(&self) -> usize {
        self.lijst.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lijst.is_empty()
    }
}

/// A named set of gemeenten: a region column in the tables, or the deelnemers of a post.
#[derive(Debug, Clone, PartialEq)]
pub struct Groep {
    pub naam: String,
    /// Members in the order of `gemeenten.csv`, without duplicates.
    pub leden: Vec<GemeenteId>,
    pub herkomst: Herkomst,
}
