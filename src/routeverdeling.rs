//! Route distribution: the share of a doelgroep per leerroute, in three alternatives
//! (laag / basis / hoog). Each alternative adds up to 100 per doelgroep; the loader enforces it.

use crate::fout::Herkomst;
use crate::instroom::Doelgroep;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Route {
    B1,
    Onderwijs,
    Z,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    Laag,
    #[default]
    Basis,
    Hoog,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteAandeel {
    pub doelgroep: Doelgroep,
    pub route: Route,
    pub laag: Decimal,
    pub basis: Decimal,
    pub hoog: Decimal,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Routeverdeling {
    pub regels: Vec<RouteAandeel>,
}

impl Routeverdeling {
    /// Percentage of `doelgroep` in `route` under `variant` (0 when the route is not listed).
    pub fn aandeel(&self, doelgroep: Doelgroep, route: Route, variant: Variant) -> Decimal {
        self.regels
            .iter()
            .find(|r| r.doelgroep == doelgroep && r.route == route)
            .map(|r| match variant {
                Variant::Laag => r.laag,
                Variant::Basis => r.basis,
                Variant::Hoog => r.hoog,
            })
            .unwrap_or(Decimal::ZERO)
    }
}
