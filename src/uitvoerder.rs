//! Who executes a cost line ([`Uitvoerder`]) and the input rows that say so (`partners.csv`,
//! `uitvoerders.csv`): data types that the ledger, the formatie and the data hold. What follows
//! from them (a regional body's lasten, the warnings) is `uitvoering`.

use crate::fout::Herkomst;
use crate::gemeente::GemeenteId;

/// The `onderdeel` of `uitvoerders.csv` that covers every inburgeringsvoorziening.
pub const ALLE: &str = "alle";
/// The lasten post (and `uitvoerders.csv` onderdeel) of the inburgeringsvoorzieningen under
/// `inburgeringsvoorzieningen = "spuk"`.
pub const VOORZIENINGEN: &str = "inburgeringsvoorzieningen";
/// The `uitvoerder` value meaning "each gemeente itself".
pub const GEMEENTE: &str = "gemeente";

/// Who executes a cost line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Uitvoerder {
    /// The gemeente itself.
    #[default]
    Gemeente,
    /// A regional body (the name of its group in `groepen.csv`): the line is a bijdrage.
    Regio(String),
    /// A partner from `partners.csv`: the line is a subsidy.
    Partner(String),
}

impl Uitvoerder {
    /// `gemeente`, `regio` or `partner`.
    pub fn soort(&self) -> &'static str {
        match self {
            Uitvoerder::Gemeente => "gemeente",
            Uitvoerder::Regio(_) => "regio",
            Uitvoerder::Partner(_) => "partner",
        }
    }

    /// The name shown: the gemeente's own name (`gemeente`) for [`Uitvoerder::Gemeente`].
    pub fn naam<'a>(&'a self, gemeente: &'a str) -> &'a str {
        match self {
            Uitvoerder::Gemeente => gemeente,
            Uitvoerder::Regio(n) | Uitvoerder::Partner(n) => n,
        }
    }

    /// The regional body's name, if this is one.
    pub fn regio(&self) -> Option<&str> {
        match self {
            Uitvoerder::Regio(n) => Some(n),
            _ => None,
        }
    }
}

/// A partner that executes part of the law by subsidy from the gemeenten (`partners.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub naam: String,
    pub omschrijving: String,
    pub herkomst: Herkomst,
}

/// A row of `uitvoerders.csv`: who executes an onderdeel of the inburgeringsvoorzieningen for a
/// group of gemeenten (or one), in a range of years.
#[derive(Debug, Clone, PartialEq)]
pub struct UitvoerderRegel {
    /// `alle`, `inburgeringsvoorzieningen`, a route (`b1`, `onderwijs`, `z`) or a module id.
    pub onderdeel: String,
    /// The group or gemeente named in `deelnemers`.
    pub deelnemers_naam: String,
    pub deelnemers: Vec<GemeenteId>,
    pub jaar_van: Option<i32>,
    pub jaar_tot: Option<i32>,
    pub uitvoerder: Uitvoerder,
    pub herkomst: Herkomst,
}

impl UitvoerderRegel {
    pub fn geldt(&self, g: GemeenteId, jaar: i32) -> bool {
        self.jaar_van.is_none_or(|v| v <= jaar)
            && self.jaar_tot.is_none_or(|t| jaar <= t)
            && self.deelnemers.contains(&g)
    }
}
