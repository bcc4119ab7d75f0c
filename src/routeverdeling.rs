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

impl Route {
    pub const ALLE: [Route; 3] = [Route::B1, Route::Onderwijs, Route::Z];

    /// The id in the data files and the scenario (`b1`, `onderwijs`, `z`).
    pub fn id(self) -> &'static str {
        match self {
            Route::B1 => "b1",
            Route::Onderwijs => "onderwijs",
            Route::Z => "z",
        }
    }

    /// The route with this id (exact, lower case).
    pub fn van_id(id: &str) -> Option<Route> {
        Route::ALLE.into_iter().find(|r| r.id() == id)
    }
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
