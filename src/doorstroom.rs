//! Cohort flow through the leerroutes (`doorstroom.csv`): when the route participants of a
//! cohort start, how many leave a route after each route year and how many switch route.
//!
//! Why: without it every head housed in a year starts its route that same year, stays to the
//! end and never switches, so the route costs of a cohort fall too early and too high. CBS's
//! "Statistiek Wet inburgering" shows real cohorts start over two years or more (asiel cohort
//! 2022: 35 % had started the brede intake by the end of 2022, 88 % by the end of 2023), and a
//! controller's reserve and settlement risk depend on that spending pattern.
//!
//! The model, per doelgroep, for one head housed in year h (everything is an expected value, so
//! fractional participants are fine and the arithmetic stays exact):
//! - a head is in route X with the scenario's route share of X;
//! - `start` rows spread the start of route X over the years h + `jaar_index` (0 = the housing
//!   year); without start rows for X everybody starts in the housing year;
//! - a participant in route year r (1 = the first year in the route) is in calendar year
//!   start + r − 1 and costs that route year's cost (`kosten_per_deelnemer.csv`, `jaar_index` =
//!   route year);
//! - after route year r, `uitval` (percent) leaves the route and every `wissel` (percent) moves
//!   to its `naar_route`; both are shares of those who were in route year r, so together they
//!   are at most 100 (the loader checks it); the rest continues in route year r + 1;
//! - **model choice**: a switcher starts the target route at its route year 1, in the year after
//!   the route year after which it switched. The target route is a new trajectory, bought at the
//!   target route's prices from its start (a Z-route is not entered half-way); the law allows
//!   one switch (within 1,5 years), so a switcher does not switch again, but the target route's
//!   `uitval` applies to it;
//! - route years are followed up to [`MAX_ROUTEJAAR`]; after that nobody costs anything (the
//!   cost file has no later route years).
//!
//! Without `doorstroom.csv` the engine keeps its original formula (all start in the year of
//! housing, no uitval, no switch); that is the same model with no rows.

use crate::fout::Herkomst;
use crate::instroom::Doelgroep;
use crate::routeverdeling::Route;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The last route year followed (the highest `jaar_index` of `kosten_per_deelnemer.csv`).
pub const MAX_ROUTEJAAR: u32 = 10;
/// The latest start, in years after the year of housing.
pub const MAX_START: u32 = 10;

/// What a row of `doorstroom.csv` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DoorstroomSoort {
    /// Share of the route participants that start in the year of housing + `jaar_index`.
    Start,
    /// Share of those in route year `jaar_index` that leave the route after it.
    Uitval,
    /// Share of those in route year `jaar_index` that switch to `naar_route` after it.
    Wissel,
}

impl DoorstroomSoort {
    pub const ALLE: [DoorstroomSoort; 3] = [
        DoorstroomSoort::Start,
        DoorstroomSoort::Uitval,
        DoorstroomSoort::Wissel,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DoorstroomSoort::Start => "start",
            DoorstroomSoort::Uitval => "uitval",
            DoorstroomSoort::Wissel => "wissel",
        }
    }
}

/// One row of `doorstroom.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct DoorstroomRegel {
    pub doelgroep: Doelgroep,
    pub route: Route,
    pub soort: DoorstroomSoort,
    /// `start`: years after the year of housing (0 = the housing year); `uitval` / `wissel`:
    /// the route year after which (1 = after the first route year).
    pub jaar_index: u32,
    /// Percent (0–100).
    pub aandeel: Decimal,
    /// `wissel` only: the route switched to.
    pub naar_route: Option<Route>,
    pub herkomst: Herkomst,
}

/// The validated rows of `doorstroom.csv` (empty: no file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doorstroom {
    pub regels: Vec<DoorstroomRegel>,
}

/// Expected participants, per head housed, in `route` and route year `routejaar`, in the year
/// of housing + `jaar_na_huisvesting`. Includes the route share.
#[derive(Debug, Clone, PartialEq)]
pub struct Deelname {
    pub route: Route,
    pub routejaar: u32,
    pub jaar_na_huisvesting: u32,
    pub aantal: Decimal,
}

impl Doorstroom {
    pub fn is_leeg(&self) -> bool {
        self.regels.is_empty()
    }

    fn rijen(
        &self,
        d: Doelgroep,
        r: Route,
        soort: DoorstroomSoort,
    ) -> impl Iterator<Item = &DoorstroomRegel> {
        self.regels
            .iter()
            .filter(move |x| x.doelgroep == d && x.route == r && x.soort == soort)
    }

    /// The start pattern of route `r` for doelgroep `d`: (years after housing, percent).
    /// Without start rows: everybody in the year of housing.
    pub fn starts(&self, d: Doelgroep, r: Route) -> Vec<(u32, Decimal)> {
        let mut s: Vec<(u32, Decimal)> = self
            .rijen(d, r, DoorstroomSoort::Start)
            .map(|x| (x.jaar_index, x.aandeel))
            .collect();
        if s.is_empty() {
            s.push((0, Decimal::ONE_HUNDRED));
        }
        s.sort();
        s
    }

    /// Percent of those in route year `routejaar` of route `r` that leave after it.
    pub fn uitval(&self, d: Doelgroep, r: Route, routejaar: u32) -> Decimal {
        self.rijen(d, r, DoorstroomSoort::Uitval)
            .filter(|x| x.jaar_index == routejaar)
            .map(|x| x.aandeel)
            .sum()
    }

    /// (target route, percent) of those in route year `routejaar` of route `r` that switch.
    pub fn wissels(&self, d: Doelgroep, r: Route, routejaar: u32) -> Vec<(Route, Decimal)> {
        self.rijen(d, r, DoorstroomSoort::Wissel)
            .filter(|x| x.jaar_index == routejaar)
            .filter_map(|x| x.naar_route.map(|n| (n, x.aandeel)))
            .collect()
    }

    /// The expected participation of one head of doelgroep `d`, given the route shares in
    /// percent (`aandelen`): per route, route year and year after housing, exact. Entries of 0
    /// are left out; the order is by route, route year, year after housing.
    pub fn deelname(&self, d: Doelgroep, aandelen: &[(Route, Decimal)]) -> Vec<Deelname> {
        let mut uit: BTreeMap<(Route, u32, u32), Decimal> = BTreeMap::new();
        // Participants entering route year 1 of a route in a year after housing: first those
        // on their first route, then the switchers (who do not switch again).
        let mut eerste: BTreeMap<(Route, u32), Decimal> = BTreeMap::new();
        for (r, a) in aandelen {
            if a.is_zero() {
                continue;
            }
            for (k, s) in self.starts(d, *r) {
                *eerste.entry((*r, k)).or_default() +=
                    *a / Decimal::ONE_HUNDRED * s / Decimal::ONE_HUNDRED;
            }
        }
        let mut gewisseld: BTreeMap<(Route, u32), Decimal> = BTreeMap::new();
        for ((r, k), n) in eerste {
            self.volg(d, r, k, n, &mut uit, Some(&mut gewisseld));
        }
        for ((r, k), n) in gewisseld {
            self.volg(d, r, k, n, &mut uit, None);
        }
        uit.into_iter()
            .filter(|(_, n)| !n.is_zero())
            .map(
                |((route, routejaar, jaar_na_huisvesting), aantal)| Deelname {
                    route,
                    routejaar,
                    jaar_na_huisvesting,
                    aantal,
                },
            )
            .collect()
    }

    /// Follows `n` participants from route year 1 of route `r`, entered `k` years after
    /// housing, through the route years: uitval and (when `wissel` is given) switches after
    /// each route year.
    fn volg(
        &self,
        d: Doelgroep,
        r: Route,
        k: u32,
        mut n: Decimal,
        uit: &mut BTreeMap<(Route, u32, u32), Decimal>,
        mut wissel: Option<&mut BTreeMap<(Route, u32), Decimal>>,
    ) {
        for (routejaar, jaar) in (1..=MAX_ROUTEJAAR).zip(k..) {
            if n.is_zero() {
                return;
            }
            *uit.entry((r, routejaar, jaar)).or_default() += n;
            let mut weg = self.uitval(d, r, routejaar);
            if let Some(w) = wissel.as_deref_mut() {
                for (naar, p) in self.wissels(d, r, routejaar) {
                    *w.entry((naar, jaar + 1)).or_default() += n * p / Decimal::ONE_HUNDRED;
                    weg += p;
                }
            }
            n = n * (Decimal::ONE_HUNDRED - weg) / Decimal::ONE_HUNDRED;
        }
    }

    /// How many years a cohort's route costs can reach, counting the year of housing as 1:
    /// the latest start + the route years (twice when a doelgroep can switch).
    pub fn reikwijdte(&self, d: Doelgroep, routejaren: u32) -> u32 {
        let start = self
            .regels
            .iter()
            .filter(|x| x.doelgroep == d && x.soort == DoorstroomSoort::Start)
            .map(|x| x.jaar_index)
            .max()
            .unwrap_or(0);
        let wissel = self
            .regels
            .iter()
            .any(|x| x.doelgroep == d && x.soort == DoorstroomSoort::Wissel);
        start + routejaren * if wissel { 2 } else { 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn regel(
        route: Route,
        soort: DoorstroomSoort,
        jaar_index: u32,
        aandeel: Decimal,
    ) -> DoorstroomRegel {
        DoorstroomRegel {
            doelgroep: Doelgroep::Asiel,
            route,
            soort,
            jaar_index,
            aandeel,
            naar_route: None,
            herkomst: Herkomst::new("test", 0),
        }
    }

    fn som(d: &[Deelname], route: Route, jaar: u32) -> Decimal {
        d.iter()
            .filter(|x| x.route == route && x.jaar_na_huisvesting == jaar && x.routejaar <= 3)
            .map(|x| x.aantal)
            .sum()
    }

    #[test]
    fn without_rows_everybody_starts_in_the_housing_year_and_stays() {
        let d = Doorstroom::default().deelname(Doelgroep::Asiel, &[(Route::B1, dec!(40))]);
        assert_eq!(d.len(), MAX_ROUTEJAAR as usize);
        assert!(
            d.iter()
                .all(|x| x.aantal == dec!(0.4) && x.jaar_na_huisvesting == x.routejaar - 1)
        );
    }

    #[test]
    fn worked_example_start_over_two_years_with_uitval() {
        use DoorstroomSoort::*;
        let s = Doorstroom {
            regels: vec![
                regel(Route::B1, Start, 0, dec!(40)),
                regel(Route::B1, Start, 1, dec!(60)),
                regel(Route::B1, Uitval, 1, dec!(10)),
                regel(Route::B1, Uitval, 2, dec!(10)),
            ],
        };
        let d = s.deelname(Doelgroep::Asiel, &[(Route::B1, dec!(100))]);
        // Per head, route years 1–3: 0.4; 0.6 + 0.36; 0.54 + 0.324; 0.486.
        assert_eq!(som(&d, Route::B1, 0), dec!(0.4));
        assert_eq!(som(&d, Route::B1, 1), dec!(0.96));
        assert_eq!(som(&d, Route::B1, 2), dec!(0.864));
        assert_eq!(som(&d, Route::B1, 3), dec!(0.486));
        assert_eq!(som(&d, Route::B1, 4), dec!(0));
    }

    #[test]
    fn a_switcher_starts_the_target_route_at_route_year_one_and_does_not_switch_again() {
        use DoorstroomSoort::*;
        let mut w = regel(Route::B1, Wissel, 1, dec!(25));
        w.naar_route = Some(Route::Z);
        let mut terug = regel(Route::Z, Wissel, 1, dec!(50));
        terug.naar_route = Some(Route::B1);
        let s = Doorstroom {
            regels: vec![w, terug],
        };
        let d = s.deelname(Doelgroep::Asiel, &[(Route::B1, dec!(100))]);
        let x = |route, routejaar, jaar| {
            d.iter()
                .find(|x| {
                    x.route == route && x.routejaar == routejaar && x.jaar_na_huisvesting == jaar
                })
                .map(|x| x.aantal)
        };
        assert_eq!(x(Route::B1, 1, 0), Some(dec!(1)));
        assert_eq!(x(Route::B1, 2, 1), Some(dec!(0.75)));
        // Switched after route year 1: Z route year 1 in the year after, and on (no switch back).
        assert_eq!(x(Route::Z, 1, 1), Some(dec!(0.25)));
        assert_eq!(x(Route::Z, 2, 2), Some(dec!(0.25)));
        assert_eq!(x(Route::B1, 1, 2), None);
        assert_eq!(s.reikwijdte(Doelgroep::Asiel, 3), 6);
    }
}
