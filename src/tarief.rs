//! SPUK tariffs per head, per doelgroep and component. A tariff holds from its `jaar` until a
//! later row for the same doelgroep and component replaces it.

use crate::fout::Herkomst;
use crate::instroom::Doelgroep;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    Leerroute,
    /// Module Arbeidsmarkt en Participatie.
    Map,
    /// Maatschappelijke begeleiding.
    Mb,
    /// Participatieverklaringstraject.
    Pvt,
    /// Tolkvoorziening.
    Tolk,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tarief {
    pub jaar: i32,
    pub doelgroep: Doelgroep,
    pub component: Component,
    pub bedrag: Decimal,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tarieven {
    pub regels: Vec<Tarief>,
}

impl Tarieven {
    /// The tariff in force in `jaar`: the row with the latest `jaar` not after it.
    pub fn geldend(
        &self,
        doelgroep: Doelgroep,
        component: Component,
        jaar: i32,
    ) -> Option<&Tarief> {
        self.regels
            .iter()
            .filter(|t| t.doelgroep == doelgroep && t.component == component && t.jaar <= jaar)
            .max_by_key(|t| t.jaar)
    }

    /// Sum of the components for a doelgroep in `jaar` (the "gemiddeld bedrag per head").
    pub fn per_hoofd(&self, doelgroep: Doelgroep, jaar: i32) -> Decimal {
        [
            Component::Leerroute,
            Component::Map,
            Component::Mb,
            Component::Pvt,
            Component::Tolk,
        ]
        .iter()
        .filter_map(|c| self.geldend(doelgroep, *c, jaar))
        .map(|t| t.bedrag)
        .sum()
    }
}
