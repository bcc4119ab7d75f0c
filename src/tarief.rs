//! SPUK tariffs per head, per doelgroep and component. A tariff holds from its `jaar` until a
//! later row for the same doelgroep and component replaces it, or up to and including its
//! `jaar_tot` when the row has one (a rule in force for a fixed period, such as the
//! onderwijsroute minimum 2026–2029).

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
    /// SPUK onderwijsroute: the guaranteed minimum trajectprijs per statushouder in the
    /// onderwijsroute (its own baten post pays the top-up to it, see
    /// `berekening::Model::spuk_onderwijsroute`). Paid once, in the year of housing.
    Onderwijsroute,
}

impl Component {
    /// The components of the SPUK voorzieningen (the `spuk` post).
    pub const VOORZIENINGEN: [Component; 5] = [
        Component::Leerroute,
        Component::Map,
        Component::Mb,
        Component::Pvt,
        Component::Tolk,
    ];

    /// The id in `spuk_tarieven.csv` (`leerroute`, `map`, …, as serde reads it).
    pub fn id(self) -> &'static str {
        match self {
            Component::Leerroute => "leerroute",
            Component::Map => "map",
            Component::Mb => "mb",
            Component::Pvt => "pvt",
            Component::Tolk => "tolk",
            Component::Onderwijsroute => "onderwijsroute",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tarief {
    pub jaar: i32,
    pub doelgroep: Doelgroep,
    pub component: Component,
    /// Telling year of a cohort this amount is paid in (1 = year of housing).
    pub teljaar: u32,
    pub bedrag: Decimal,
    /// Last year the row is in force (inclusive); `None`: until a later row replaces it.
    pub jaar_tot: Option<i32>,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tarieven {
    pub regels: Vec<Tarief>,
}

impl Tarieven {
    /// The tariff in force in `jaar` for a telling year. The rows of the latest `jaar` not after
    /// it (for this doelgroep and component) replace earlier rows as a whole: a new year's split
    /// over the telling years replaces the old split, a telling year it leaves out pays nothing.
    /// Once that row's `jaar_tot` has passed nothing is in force (an expired row does not bring
    /// back the rows it replaced).
    pub fn geldend(
        &self,
        doelgroep: Doelgroep,
        component: Component,
        teljaar: u32,
        jaar: i32,
    ) -> Option<&Tarief> {
        let van = self
            .regels
            .iter()
            .filter(|t| t.doelgroep == doelgroep && t.component == component && t.jaar <= jaar)
            .map(|t| t.jaar)
            .max()?;
        self.regels.iter().find(|t| {
            t.doelgroep == doelgroep
                && t.component == component
                && t.jaar == van
                && t.teljaar == teljaar
                && t.jaar_tot.is_none_or(|tot| jaar <= tot)
        })
    }

    /// Highest telling year in the data for a doelgroep (asiel 3, gezin 1 in the default data).
    pub fn teljaren(&self, doelgroep: Doelgroep) -> u32 {
        self.regels
            .iter()
            .filter(|t| t.doelgroep == doelgroep)
            .map(|t| t.teljaar)
            .max()
            .unwrap_or(0)
    }
}
