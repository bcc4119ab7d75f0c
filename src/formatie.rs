//! The regional team's fte posts. Each row is a post for a range of years; its cost
//! (fte × kosten per fte) is split over the deelnemers of a group with a verdeelsleutel.

use crate::fout::Herkomst;
use crate::gemeente::GemeenteId;
use rust_decimal::Decimal;

/// How a shared cost is split over the deelnemers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sleutel {
    /// Share of the IU uitvoering among the deelnemers in that year (Beleidskader Wet inburgering Drechtsteden's advice).
    IuUitvoering,
    Inwoners,
    NietWesters,
    /// Instroom (all doelgroepen) in that year.
    Instroom,
    /// Equal parts.
    Gelijk,
    /// A named key from `verdeelsleutels.csv`.
    Eigen(String),
}

impl Sleutel {
    /// The names of the builtin keys (every key but `Eigen`): the one list for the template and
    /// the expectation in error messages (`invoer::schema::SLEUTEL`, checked by a test).
    pub const INGEBOUWD: [&'static str; 5] = [
        "iu_uitvoering",
        "inwoners",
        "niet_westers",
        "instroom",
        "gelijk",
    ];

    pub fn lees(tekst: &str) -> Sleutel {
        match tekst {
            "iu_uitvoering" => Sleutel::IuUitvoering,
            "inwoners" => Sleutel::Inwoners,
            "niet_westers" => Sleutel::NietWesters,
            "instroom" => Sleutel::Instroom,
            "gelijk" => Sleutel::Gelijk,
            ander => Sleutel::Eigen(ander.to_string()),
        }
    }

    pub fn naam(&self) -> &str {
        match self {
            Sleutel::IuUitvoering => "iu_uitvoering",
            Sleutel::Inwoners => "inwoners",
            Sleutel::NietWesters => "niet_westers",
            Sleutel::Instroom => "instroom",
            Sleutel::Gelijk => "gelijk",
            Sleutel::Eigen(n) => n,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// Stable id used in the ledger, e.g. `procesregie`.
    pub post: crate::post::PostId,
    pub omschrijving: String,
    pub fte: Decimal,
    pub kosten_per_fte: Decimal,
    pub jaar_van: i32,
    pub jaar_tot: i32,
    pub sleutel: Sleutel,
    /// Name of the group (or a single gemeente) that shares the cost.
    pub deelnemers_naam: String,
    pub deelnemers: Vec<GemeenteId>,
    /// Year whose prices `kosten_per_fte` is in; wage indexation runs from here.
    pub prijspeil: i32,
    /// Who executes the post: a regional body charges each deelnemer its share as a bijdrage;
    /// `Gemeente`: each deelnemer's share is its own cost; a partner: a subsidy.
    pub uitvoerder: crate::uitvoerder::Uitvoerder,
    pub herkomst: Herkomst,
}

impl Post {
    pub fn actief(&self, jaar: i32) -> bool {
        self.jaar_van <= jaar && jaar <= self.jaar_tot
    }

    /// Yearly cost to the cent for a given fte and wage-index factor (from `prijspeil` prices).
    pub fn kosten(&self, fte: Decimal, loonindex: Decimal) -> Decimal {
        crate::verdeelsleutel::op_centen(fte * self.kosten_per_fte * loonindex)
    }
}

/// A named custom key: aandeel per gemeente (any scale; only ratios matter).
#[derive(Debug, Clone, PartialEq)]
pub struct EigenSleutel {
    pub naam: String,
    pub aandelen: Vec<(GemeenteId, Decimal)>,
    pub herkomst: Herkomst,
}
