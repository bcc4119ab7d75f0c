//! Route-driven costs of the inburgeringsvoorzieningen: what the gemeente pays per participant
//! (`kosten_per_deelnemer.csv`), per onderdeel (route `b1` / `onderwijs` / `z`, or a per-head
//! module such as `map`, `mb`, `pvt`, `tolk`) and per year after the start of the cohort.

use crate::fout::Herkomst;
use crate::instroom::Doelgroep;
use crate::routeverdeling::Route;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct KostenRegel {
    /// `b1`, `onderwijs`, `z` (route: × route share) or any other module id (× all heads).
    pub onderdeel: String,
    pub doelgroep: Doelgroep,
    /// 1 = year of start (housing), 2 = the year after, ...
    pub jaar_index: u32,
    /// Per participant, in prices of `prijspeil` (absent: the scenario's basisjaar).
    pub bedrag: Decimal,
    pub prijspeil: Option<i32>,
    pub herkomst: Herkomst,
}

impl KostenRegel {
    pub fn route(&self) -> Option<Route> {
        Route::van_id(&self.onderdeel)
    }

    /// Ledger post id and description.
    pub fn post(&self) -> (crate::post::PostId, String) {
        let naam = match self.onderdeel.as_str() {
            "b1" => "B1-route".to_string(),
            "onderwijs" => "onderwijsroute".to_string(),
            "z" => "Z-route".to_string(),
            "map" => "MAP".to_string(),
            "mb" => "maatschappelijke begeleiding".to_string(),
            "pvt" => "PVT".to_string(),
            "tolk" => "tolkvoorziening".to_string(),
            ander => ander.to_string(),
        };
        (
            crate::post::PostId::voorziening(&self.onderdeel),
            format!("Inburgeringsvoorziening {naam}"),
        )
    }
}
