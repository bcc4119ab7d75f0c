//! Risk at scale (Monte Carlo): the uncertain inputs are drawn jointly and the model is run for
//! every draw. Amounts here are statistics, not bookings, so draws are evaluated in f64.
//!
//! One copy of the arithmetic: the exact engine (`berekening::bouw`) is run a few times to get,
//! per gemeente or group and year, the baten and lasten at the scenario's settings and their exact
//! response to the uncertain inputs. The model is linear in instroom for given route shares and
//! linear in the route shares, so with year factors f_y and a route position t ∈ [0, 1] between
//! the `laag` and `hoog` distributions:
//!   x(f, t) = x_scenario + [t-term] + Σ_y (f_y − 1) · (D_y + t · E_y)
//! With every spread at zero (f_y = 1, no route range) each draw is exactly the scenario, so the
//! percentiles equal `raming bereken` to the cent. Limitation: a formatie post with key
//! `instroom` splits its cost by instroom ratios, which is not linear; it is linearised here.

use crate::berekening::{GRENS, Instellingen, Model, bouw_in, grens_fout};
use crate::fout::{Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::ledger::{Boekhouding, Boeking, Soort};
use crate::routeverdeling::Variant;
use multiversion::multiversion;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// How instroom per year varies around the projection (a factor on all heads of a year).
#[derive(Debug, Clone, PartialEq)]
pub enum Verdeling {
    /// Triangular factor: min, mode, max.
    Driehoek { laag: f64, modus: f64, hoog: f64 },
    /// Lognormal factor with median 1 and this sigma.
    Lognormaal { sigma: f64 },
    /// Uniform on two values (for hand-checked cases): each with probability ½.
    TweeWaarden { a: f64, b: f64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct RisicoInstellingen {
    pub trekkingen: usize,
    pub zaad: u64,
    pub instroom: Option<Verdeling>,
    /// Correlation of the normal scores of consecutive years (AR(1)).
    pub correlatie: f64,
    /// Route shares drawn between the `laag` and `hoog` distributions.
    pub routes: bool,
    pub bron: Vec<(String, String)>,
}

impl Default for RisicoInstellingen {
    fn default() -> Self {
        RisicoInstellingen {
            trekkingen: 10_000,
            zaad: 1,
            instroom: None,
            correlatie: 0.0,
            routes: false,
            bron: Vec::new(),
        }
    }
}

/// SplitMix64: small, fast, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(zaad: u64) -> Self {
        Rng(zaad ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// Skips `n` values: the same state as `n` calls of [`Rng::volgende`] (the state is a
    /// counter).
    pub fn sla_over(&mut self, n: u64) {
        self.0 = self
            .0
            .wrapping_add(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(n));
    }
    pub fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    pub fn uniform(&mut self) -> f64 {
        ((self.volgende() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller, one value per call for simplicity).
    pub fn normaal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Standard normal CDF (Abramowitz–Stegun 7.1.26, error < 1.5e-7).
pub fn phi(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let y = 1.0
        - (((((1.061_405_429 * t - 1.453_152_027) * t) + 1.421_413_741) * t - 0.284_496_736) * t
            + 0.254_829_592)
            * t
            * (-x * x).exp();
    if z >= 0.0 {
        0.5 * (1.0 + y)
    } else {
        0.5 * (1.0 - y)
    }
}

impl Verdeling {
    /// The factor for a normal score z (a copula keeps the year-to-year correlation).
    pub fn factor(&self, z: f64) -> f64 {
        match *self {
            Verdeling::Driehoek { laag, modus, hoog } => {
                let u = phi(z);
                if hoog <= laag {
                    return modus;
                }
                let c = (modus - laag) / (hoog - laag);
                if u < c {
                    laag + (u * (hoog - laag) * (modus - laag)).sqrt()
                } else {
                    hoog - ((1.0 - u) * (hoog - laag) * (hoog - modus)).sqrt()
                }
            }
            Verdeling::Lognormaal { sigma } => (sigma * z).exp(),
            Verdeling::TweeWaarden { a, b } => {
                if z < 0.0 {
                    a
                } else {
                    b
                }
            }
        }
    }
}

/// Per entity (gemeente or group) and year: baten and lasten at the scenario, and their
/// responses.
#[derive(Debug, Clone)]
pub struct Coefficienten {
    pub naam: String,
    pub is_groep: bool,
    /// [jaar][0 = baten, 1 = lasten]
    pub basis: Vec<[f64; 2]>,
    /// Exact scenario values in cents, for the zero-spread check.
    pub basis_exact: Vec<[Decimal; 2]>,
    /// Route term at t: laag + t·(hoog − laag) − scenario.
    pub route_laag: Vec<[f64; 2]>,
    pub route_delta: Vec<[f64; 2]>,
    /// Response to f_y − 1 (at t = 0 when routes vary, else at the scenario): [y][jaar][m].
    pub d: Vec<Vec<[f64; 2]>>,
    /// Extra response per unit t: [y][jaar][m].
    pub e: Vec<Vec<[f64; 2]>>,
}

impl Coefficienten {
    /// Baten (m = 0) or lasten (m = 1) in year index `j` for route position `t` and year
    /// factors: the one formula of the linear model, used by the draws and the tornado.
    #[inline]
    pub fn waarde(&self, j: usize, m: usize, t: f64, factoren: &[f64]) -> f64 {
        // route_laag and route_delta are zero when the routes do not vary.
        let mut v = self.basis[j][m] + self.route_laag[j][m] + self.route_delta[j][m] * t;
        // A cohort only moves its own year and later ones: years after `j` add 0.
        for (yi, fy) in factoren.iter().enumerate().take(j + 1) {
            if *fy != 1.0 && yi < self.d.len() {
                let mut resp = self.d[yi][j][m];
                if let Some(e) = self.e.get(yi) {
                    resp += t * e[j][m];
                }
                v += (fy - 1.0) * resp;
            }
        }
        v
    }
}

fn f(x: Decimal) -> f64 {
    x.to_f64().unwrap_or(0.0)
}

/// What a rerun of the engine keeps: baten and lasten per gemeente and year, and the first
/// booking above the engine's limit ([`GRENS`]), in booking order, for the same error as a full
/// run.
struct Saldi {
    eerste_jaar: i32,
    jaren: usize,
    /// `[gemeente · jaren + jaar index][0 = baten, 1 = lasten]`.
    per: Vec<[Decimal; 2]>,
    te_groot: Option<Boeking>,
}

impl Boekhouding for Saldi {
    fn boek_op(
        &mut self,
        g: usize,
        jaar: i32,
        soort: Soort,
        bedrag: Decimal,
        boeking: impl FnOnce() -> Boeking,
    ) {
        // Past the limit the run ends in the error of a full run; summing on could overflow.
        if self.te_groot.is_some() {
            return;
        }
        if bedrag.abs() > GRENS {
            self.te_groot = Some(boeking());
            return;
        }
        let j = (jaar - self.eerste_jaar) as usize;
        if j < self.jaren
            && let Some(s) = self.per.get_mut(g * self.jaren + j)
        {
            s[usize::from(soort == Soort::Lasten)] += bedrag;
        }
    }
}

/// Baten and lasten per (entity, year) of a run: gemeenten, then groups.
fn tabel(s: &Saldi, d: &Gegevens) -> Vec<Vec<[Decimal; 2]>> {
    let mut uit: Vec<Vec<[Decimal; 2]>> = s.per.chunks(s.jaren.max(1)).map(<[_]>::to_vec).collect();
    uit.resize(d.gemeenten.len(), vec![[Decimal::ZERO; 2]; s.jaren]);
    for gr in &d.groepen {
        let rij = (0..s.jaren)
            .map(|ji| {
                let mut som = [Decimal::ZERO; 2];
                for l in &gr.leden {
                    som[0] += uit[*l][ji][0];
                    som[1] += uit[*l][ji][1];
                }
                som
            })
            .collect();
        uit.push(rij);
    }
    uit
}

/// Settings for the years from `jaar` on only: the engine books each year from that year's
/// data and settings alone (`bouw` looks at `jaar_van` only for the years it books), so its
/// bookings for those years are those of the full run. A perturbation of the instroom of year
/// `jaar` moves that year and later ones only, so the years before need no rerun (the tests
/// hold this equal to the full run for every shipped scenario).
pub fn vanaf_jaar(inst: &Instellingen, jaar: i32) -> Instellingen {
    Instellingen {
        jaar_van: jaar.max(inst.jaar_van),
        ..inst.clone()
    }
}

/// Runs the exact engine at the scenario and at the perturbations it needs.
pub fn coefficienten(
    d: &Gegevens,
    inst: &Instellingen,
    r: &RisicoInstellingen,
) -> Result<Vec<Coefficienten>, InvoerFout> {
    coefficienten_vanaf(d, inst, r, 0)
}

/// [`coefficienten`] for a run told forward from year index `start`: the years before it are
/// not drawn, so their responses and route terms stay 0 and are not computed. The route
/// variants and the responses then need the engine from `start` on only (`vanaf_jaar`), which
/// on the national set halves the exact reruns (2022–2025 known: 64 instead of 140 years
/// booked). The scenario itself is run in full: its past years are the bands of those years.
pub fn coefficienten_vanaf(
    d: &Gegevens,
    inst: &Instellingen,
    r: &RisicoInstellingen,
    start: usize,
) -> Result<Vec<Coefficienten>, InvoerFout> {
    let h = Herrekening {
        d,
        inst,
        jaren: inst.jaren().collect(),
        start,
    };
    let basis = h.run(inst)?;
    let (laag, hoog) = h.routevarianten(r.routes)?;
    let (d_resp, e_resp) = if r.instroom.is_some() {
        h.responsen(&basis, laag.as_ref().zip(hoog.as_ref()))?
    } else {
        (Vec::new(), Vec::new())
    };
    let y_n = h.jaren.len();
    // `a − b` of every year from `start` on, as f64 (0 before).
    let min = |a: &[[Decimal; 2]], b: &[[Decimal; 2]]| -> Vec<[f64; 2]> {
        (0..y_n)
            .map(|j| {
                if j < start {
                    return [0.0; 2];
                }
                [f(a[j][0] - b[j][0]), f(a[j][1] - b[j][1])]
            })
            .collect()
    };
    let nul = vec![[0.0; 2]; y_n];
    Ok(entiteiten(d)
        .enumerate()
        .map(|(k, (naam, is_groep))| Coefficienten {
            naam,
            is_groep,
            basis: basis[k].iter().map(|x| [f(x[0]), f(x[1])]).collect(),
            basis_exact: basis[k].clone(),
            route_laag: match &laag {
                Some(l) => min(&l[k], &basis[k]),
                None => nul.clone(),
            },
            route_delta: match (&laag, &hoog) {
                (Some(l), Some(hg)) => min(&hg[k], &l[k]),
                _ => nul.clone(),
            },
            d: d_resp.iter().map(|r| r[k].clone()).collect(),
            e: e_resp.iter().map(|r| r[k].clone()).collect(),
        })
        .collect())
}

/// The entities of the coefficients, in their order: the gemeenten, then the groups (`true`).
fn entiteiten(d: &Gegevens) -> impl Iterator<Item = (String, bool)> + '_ {
    let gemeenten = d.gemeenten.lijst.iter().map(|g| (g.naam.clone(), false));
    gemeenten.chain(d.groepen.iter().map(|g| (g.naam.clone(), true)))
}

/// Baten and lasten per entity (gemeenten, then groups) and year, exact.
type PerEntiteit = Vec<Vec<[Decimal; 2]>>;
/// A response per entity and year, as f64.
type Respons = Vec<Vec<[f64; 2]>>;

/// The exact reruns of one risk run: the scenario's data and settings, its years and the first
/// year that is drawn.
struct Herrekening<'a> {
    d: &'a Gegevens,
    inst: &'a Instellingen,
    jaren: Vec<i32>,
    start: usize,
}

impl Herrekening<'_> {
    /// The runs with the least and the most onderwijsroute (both `None` when the routes do
    /// not vary), side by side.
    fn routevarianten(
        &self,
        routes: bool,
    ) -> Result<(Option<PerEntiteit>, Option<PerEntiteit>), InvoerFout> {
        if !routes {
            return Ok((None, None));
        }
        let (l, hg) = rayon::join(
            || self.run(&self.met_variant(Variant::Laag)),
            || self.run(&self.met_variant(Variant::Hoog)),
        );
        Ok((Some(l?), Some(hg?)))
    }

    /// Baten and lasten per entity for every year of the scenario; a run that starts later
    /// (`vanaf_jaar`) leaves the earlier years at zero.
    fn run(&self, i: &Instellingen) -> Result<PerEntiteit, InvoerFout> {
        let d = self.d;
        let m = Model::new(d, i)?;
        let mut s = Saldi {
            eerste_jaar: self.jaren.first().copied().unwrap_or_default(),
            jaren: self.jaren.len(),
            per: vec![[Decimal::ZERO; 2]; d.gemeenten.len() * self.jaren.len()],
            te_groot: None,
        };
        bouw_in(&m, d, i, &mut s)?;
        match &s.te_groot {
            Some(b) => Err(grens_fout(b, d)),
            None => Ok(tabel(&s, d)),
        }
    }

    /// The scenario with route variant `v` instead of its route shares, from the first drawn
    /// year on.
    fn met_variant(&self, v: Variant) -> Instellingen {
        let mut i = match self.jaren.get(self.start) {
            Some(j) => vanaf_jaar(self.inst, *j),
            None => self.inst.clone(),
        };
        i.routes.variant = v;
        i.routes.expliciet.clear();
        i
    }

    /// Responses to doubling the instroom of one year (exact finite difference of a linear
    /// model), for that year and later ones: the model never uses a response of an earlier
    /// year (see `Coefficienten::waarde`), which stays 0. With a route range (`routes`: the
    /// low and high variant runs) also the response's change per unit of the route draw.
    /// One exact run per year (two with a route range); independent, so run in parallel.
    fn responsen(
        &self,
        basis: &PerEntiteit,
        routes: Option<(&PerEntiteit, &PerEntiteit)>,
    ) -> Result<(Vec<Respons>, Vec<Respons>), InvoerFout> {
        let (d, jaren) = (self.d, &self.jaren);
        let nul = || vec![vec![[0.0; 2]; jaren.len()]; d.gemeenten.len() + d.groepen.len()];
        let per_jaar: Vec<(Respons, Option<Respons>)> = jaren
            .par_iter()
            .enumerate()
            .map(
                |(yi, y)| -> Result<(Respons, Option<Respons>), InvoerFout> {
                    if yi < self.start {
                        return Ok((nul(), routes.map(|_| nul())));
                    }
                    let verdubbel = |i: Instellingen| {
                        let mut i = vanaf_jaar(&i, *y);
                        i.instroom.factoren.push((*y, *y, Decimal::TWO));
                        i
                    };
                    let vanaf = jaren.iter().position(|j| j == y).unwrap_or(0);
                    match routes {
                        Some((a0, a1)) => {
                            let (b0, b1) = rayon::join(
                                || self.run(&verdubbel(self.met_variant(Variant::Laag))),
                                || self.run(&verdubbel(self.met_variant(Variant::Hoog))),
                            );
                            let (b0, b1) = (b0?, b1?);
                            Ok((
                                verschil(&b0, a0, vanaf),
                                Some(verschil_verschil(&b1, a1, &b0, a0, vanaf)),
                            ))
                        }
                        None => Ok((
                            verschil(&self.run(&verdubbel(self.inst.clone()))?, basis, vanaf),
                            None,
                        )),
                    }
                },
            )
            .collect::<Result<_, _>>()?;
        let (d_resp, e_resp): (Vec<_>, Vec<_>) = per_jaar.into_iter().unzip();
        Ok((d_resp, e_resp.into_iter().flatten().collect()))
    }
}

/// a − b per entity and year, for the years from index `vanaf` on (0 before).
fn verschil(a: &[Vec<[Decimal; 2]>], b: &[Vec<[Decimal; 2]>], vanaf: usize) -> Vec<Vec<[f64; 2]>> {
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .enumerate()
                .map(|(j, (p, q))| {
                    if j < vanaf {
                        [0.0; 2]
                    } else {
                        [f(p[0] - q[0]), f(p[1] - q[1])]
                    }
                })
                .collect()
        })
        .collect()
}

fn verschil_verschil(
    a1: &[Vec<[Decimal; 2]>],
    b1: &[Vec<[Decimal; 2]>],
    a0: &[Vec<[Decimal; 2]>],
    b0: &[Vec<[Decimal; 2]>],
    vanaf: usize,
) -> Vec<Vec<[f64; 2]>> {
    let d1 = verschil(a1, b1, vanaf);
    let d0 = verschil(a0, b0, vanaf);
    d1.iter()
        .zip(&d0)
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .map(|(p, q)| [p[0] - q[0], p[1] - q[1]])
                .collect()
        })
        .collect()
}

/// The joint draws, in columns: per year the instroom factor of every draw, and per draw the
/// route position t. Draws are contiguous, so the evaluation runs down a column.
pub struct Trekkingen {
    /// `per_jaar[y][i]`: the factor of year index `y` in draw `i`.
    pub per_jaar: Vec<Vec<f64>>,
    pub t: Vec<f64>,
}

impl Trekkingen {
    /// The number of draws.
    pub fn aantal(&self) -> usize {
        self.t.len()
    }
}

/// Draws from the zaad (random starting value) in the one fixed order of the generator: draw by
/// draw, per draw the normal scores of the years and then the route position. The generator
/// is a counter, so each block of draws starts from its own known position and blocks are
/// drawn in parallel with the same numbers as one after the other: results do not depend on
/// the number of threads.
pub fn trek(r: &RisicoInstellingen, jaren: usize) -> Trekkingen {
    let n = r.trekkingen;
    let rho = r.correlatie.clamp(-0.999, 0.999);
    let wortel = (1.0 - rho * rho).sqrt();
    // Generator calls per draw: two per normal score (Box–Muller), one for the route position.
    let per_trekking = 2 * jaren as u64 + u64::from(r.routes);
    const BLOK: usize = 4096;
    let blokken: Vec<(Vec<Vec<f64>>, Vec<f64>)> = (0..n.div_ceil(BLOK))
        .into_par_iter()
        .map(|b| {
            let (van, tot) = (b * BLOK, ((b + 1) * BLOK).min(n));
            let mut rng = Rng::new(r.zaad);
            rng.sla_over(van as u64 * per_trekking);
            let mut kolommen = vec![Vec::with_capacity(tot - van); jaren];
            let mut t = Vec::with_capacity(tot - van);
            for _ in van..tot {
                let mut z_vorig = 0.0;
                for (y, kolom) in kolommen.iter_mut().enumerate() {
                    let e = rng.normaal();
                    let z = if y == 0 {
                        e
                    } else {
                        rho * z_vorig + wortel * e
                    };
                    z_vorig = z;
                    kolom.push(r.instroom.as_ref().map(|v| v.factor(z)).unwrap_or(1.0));
                }
                t.push(if r.routes { rng.uniform() } else { 0.0 });
            }
            (kolommen, t)
        })
        .collect();
    let mut per_jaar: Vec<Vec<f64>> = (0..jaren).map(|_| Vec::with_capacity(n)).collect();
    let mut t = Vec::with_capacity(n);
    for (kolommen, tb) in blokken {
        for (k, b) in per_jaar.iter_mut().zip(kolommen) {
            k.extend(b);
        }
        t.extend(tb);
    }
    Trekkingen { per_jaar, t }
}

pub const PERCENTIELEN: [f64; 5] = [5.0, 10.0, 50.0, 90.0, 95.0];

/// Statistics of one entity and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub naam: String,
    pub is_groep: bool,
    pub jaar: i32,
    /// [baten, lasten, saldo] × PERCENTIELEN, rounded to cents.
    pub p: [[Decimal; 5]; 3],
    pub kans_tekort: f64,
}

/// Suggested reserve of an entity: name, per year (the P90 shortfall: −P10 of the saldo), and
/// over the years (the P90 of the deepest running saldo over consecutive years: −P10 of it over
/// the same draws, so never below a single year's reserve).
pub type Reserve = (String, Vec<Decimal>, Decimal);

/// Uitkomst of a risk run.
pub struct Risico {
    pub banden: Vec<Band>,
    /// Per entity: suggested reserve (P90 shortfall per year, and over the years cumulated).
    pub reserve: Vec<Reserve>,
}

/// The index of percentile `p` among `n` sorted values: nearest rank (deterministic).
fn rang(p: f64, n: usize) -> usize {
    let k = ((p / 100.0) * n as f64).ceil().max(1.0) as usize - 1;
    k.min(n.saturating_sub(1))
}

/// The values of the given ranks (ascending) of `v`, nearest rank, by nested selection: the
/// middle rank over the whole slice, then the lower ranks in the part below it and the upper
/// ranks in the part above it. A rank's value is unique, so this gives exactly what a full
/// selection per rank gives, for a fraction of the work. Reorders `v`.
fn rangen(v: &mut [f64], ks: &[usize], uit: &mut [f64]) {
    if ks.is_empty() {
        return;
    }
    // The rank nearest the middle of the slice first: the others then lie in small parts.
    let helft = v.len() / 2;
    let midden = (0..ks.len())
        .min_by_key(|i| ks[*i].abs_diff(helft))
        .unwrap_or(0);
    let k = ks[midden];
    let (onder, x, boven) = v.select_nth_unstable_by(k, f64::total_cmp);
    let x = *x;
    // Ranks equal to k (few values) take its value.
    let lo = ks.iter().take_while(|q| **q < k).count();
    let hi = lo + ks[lo..].iter().take_while(|q| **q == k).count();
    for u in &mut uit[lo..hi] {
        *u = x;
    }
    rangen(onder, &ks[..lo], &mut uit[..lo]);
    let mut verschoven = [0usize; PERCENTIELEN.len()];
    let rechts = &ks[hi..];
    for (v, q) in verschoven.iter_mut().zip(rechts) {
        *v = q - k - 1;
    }
    rangen(boven, &verschoven[..rechts.len()], &mut uit[hi..]);
}

/// From this many values on, ranks are found through a histogram ([`rangen_histogram`]).
const HISTOGRAM_VANAF: usize = 4096;

/// The values of the given ranks (ascending) of `v`, nearest rank: for many values through a
/// histogram, else by nested selection. Both give exactly the values of a full sort.
fn selecteer(v: &mut [f64], ks: &[usize], uit: &mut [f64]) {
    if v.len() < HISTOGRAM_VANAF || !rangen_histogram(v, ks, uit) {
        rangen(v, ks, uit);
    }
}

/// Ranks through a histogram over the values' own extremes ([`Histogram`]); `false` (nothing
/// done) for values that are not finite.
fn rangen_histogram(v: &[f64], ks: &[usize], uit: &mut [f64]) -> bool {
    let Some((min, max)) = uitersten(v) else {
        return false;
    };
    if min == max {
        // Equal values (a ±0 mix counts as equal here): the sort gives −0 before +0.
        let mut w = v.to_vec();
        rangen(&mut w, ks, uit);
        return true;
    }
    let mut h = Histogram::nieuw(v.len());
    if !h.begin(v.len(), min, max) {
        return false;
    }
    h.tel(v, 0);
    h.rangen(v, ks, uit)
}

/// From this many draws on, the evaluation counts each row into a [`Histogram`] as it is made
/// (below, nested selection is as fast).
const HISTOGRAM_SAMEN_VANAF: usize = 256;

/// Most bins of a [`Histogram`]: its counts (16 KB) stay in the L1 cache.
const BAKKEN: usize = 4096;

/// Bins passed at once while looking for the bin of a rank.
const SPRONG: usize = 16;

/// The bin of `x` in a [`Histogram`] from `laag` with `schaal` bins per unit and last bin
/// `laatste`: clamped in f64
/// (a NaN to 0), then rounded to a whole number by adding 2^52, whose last bits are then that
/// number. Rounding is as monotone as truncation, and unlike a conversion it has vector
/// instructions on every x86-64.
#[inline(always)]
fn bak(laag: f64, schaal: f64, laatste: f64, x: f64) -> u16 {
    const TWEE_52: f64 = 4_503_599_627_370_496.0;
    let y = (x - laag) * schaal;
    let y = if y > 0.0 { y } else { 0.0 };
    let y = if y < laatste { y } else { laatste };
    (y + TWEE_52).to_bits() as u16
}

/// A histogram for exact ranks: one pass to count (while the values are made, in the L1
/// cache), one to gather the few values in the bins that hold the ranks, and a selection among
/// those, instead of selections over the whole row (three quarters of the evaluation was
/// selection). The bin `(x − laag) · schaal`, clamped to the bins, never decreases as `x` grows
/// (IEEE subtraction and multiplication by a positive number are monotone, and so is rounding),
/// so a smaller bin holds only smaller values and the k-th value is the local rank in the bin
/// where the counts pass k: exactly the value a full sort gives, whatever the bounds. Bounds
/// near the values' range only keep the bins small. A NaN has no place in that order, so after
/// any value that is not finite [`Histogram::rangen`] refuses and the caller selects over the
/// whole row.
struct Histogram {
    laag: f64,
    schaal: f64,
    /// Bins in use: fewer for few values, so emptying them costs little.
    bakken: usize,
    tellingen: Box<[u32; BAKKEN]>,
    /// Per value its bin, for the gathering pass.
    bak_van: Vec<u16>,
    /// A counted value was NaN or infinite.
    nan: bool,
    /// The values of the bins that hold a rank, one buffer per distinct bin.
    verzameld: [Vec<f64>; PERCENTIELEN.len()],
}

impl Histogram {
    fn nieuw(n: usize) -> Histogram {
        Histogram {
            laag: 0.0,
            schaal: 0.0,
            bakken: BAKKEN,
            tellingen: Box::new([0; BAKKEN]),
            bak_van: vec![0; n],
            nan: false,
            verzameld: Default::default(),
        }
    }

    /// Empties the histogram for `n` values expected in `[laag, hoog]`; `false` when these
    /// bounds give no finite scale.
    fn begin(&mut self, n: usize, laag: f64, hoog: f64) -> bool {
        // About one value per bin, at most BAKKEN bins: a bin that holds a rank is then
        // gathered in a value or two (four per bin made a 1.000-draw run a tenth slower).
        let bakken = n.next_power_of_two().clamp(16, BAKKEN);
        let schaal = bakken as f64 / (hoog - laag);
        if !(laag.is_finite() && hoog > laag && schaal.is_finite() && schaal > 0.0) {
            return false;
        }
        self.laag = laag;
        self.schaal = schaal;
        self.bakken = bakken;
        self.tellingen[..bakken].fill(0);
        self.nan = false;
        true
    }

    /// Counts the values `v`, which stand at `van..` in the row.
    #[inline(always)]
    fn tel(&mut self, v: &[f64], van: usize) {
        let (laag, schaal, laatste) = (self.laag, self.schaal, (self.bakken - 1) as f64);
        let bakken = &mut self.bak_van[van..van + v.len()];
        for (b, x) in bakken.iter_mut().zip(v) {
            *b = bak(laag, schaal, laatste, *x);
        }
        for b in bakken.iter() {
            self.tellingen[*b as usize & (BAKKEN - 1)] += 1;
        }
        // x · 0 is ±0 (all bits but the sign zero) for a finite x, NaN for a NaN or ±∞.
        self.nan |= v.iter().fold(0u64, |a, x| a | ((x * 0.0).to_bits() << 1)) != 0;
    }

    /// The values of the given ranks (ascending) of `v`, the values counted; `false` (nothing
    /// done) when a counted value was not finite.
    #[inline(always)]
    fn rangen(&mut self, v: &[f64], ks: &[usize], uit: &mut [f64]) -> bool {
        if self.nan {
            return false;
        }
        if ks.is_empty() {
            return true;
        }
        let doel = self.doelen(ks);
        let doel = &doel[..ks.len()];
        // The distinct bins that hold a rank (a few, each with few values), and their values
        // gathered into buffers kept from row to row.
        let mut doelen = [doel[0].0 as u16; PERCENTIELEN.len()];
        let mut aantal = 0;
        for (b, _) in doel {
            if !doelen[..aantal].contains(&(*b as u16)) {
                doelen[aantal] = *b as u16;
                aantal += 1;
            }
        }
        self.verzamel(v, &doelen, aantal);
        for ((b, lokaal), u) in doel.iter().zip(uit.iter_mut()) {
            let j = doelen[..aantal]
                .iter()
                .position(|d| *d as usize == *b)
                .unwrap_or_default();
            *u = *self.verzameld[j]
                .select_nth_unstable_by(*lokaal, f64::total_cmp)
                .1;
        }
        true
    }

    /// Per rank (ascending, below the number of values counted): its bin and its rank within
    /// that bin.
    #[inline(always)]
    fn doelen(&self, ks: &[usize]) -> [(usize, usize); PERCENTIELEN.len()] {
        let mut doel = [(0usize, 0usize); PERCENTIELEN.len()];
        let (mut bin, mut voor) = (0usize, 0usize);
        for (d, k) in doel.iter_mut().zip(ks) {
            // Whole blocks of bins first (their sum is a vector addition), then bin by bin:
            // a block is passed only where every one of its bins would be.
            while let Some(blok) = self.tellingen[..self.bakken].get(bin..bin + SPRONG) {
                let som: u32 = blok.iter().sum();
                if voor + som as usize > *k {
                    break;
                }
                voor += som as usize;
                bin += SPRONG;
            }
            while voor + self.tellingen[bin] as usize <= *k {
                voor += self.tellingen[bin] as usize;
                bin += 1;
            }
            *d = (bin, k - voor);
        }
        doel
    }

    /// Gathers the values of `v` in the first `aantal` bins of `doelen` (the rest repeat the
    /// first) into `verzameld`, one buffer per bin.
    #[inline(always)]
    fn verzamel(&mut self, v: &[f64], doelen: &[u16; PERCENTIELEN.len()], aantal: usize) {
        let verzameld = &mut self.verzameld[..aantal];
        for (buffer, b) in verzameld.iter_mut().zip(doelen) {
            buffer.clear();
            buffer.reserve(self.tellingen[*b as usize] as usize);
        }
        // Sixteen bins at a time, compared with every target bin at once (vector
        // instructions); the rare group with a hit is gathered value by value.
        let bak_van = &self.bak_van[..v.len()];
        const G: usize = 16;
        let mut stukken = bak_van.chunks_exact(G);
        for (i, stuk) in (&mut stukken).enumerate() {
            let mut raak = 0u8;
            for b in stuk {
                for d in doelen {
                    raak |= u8::from(b == d);
                }
            }
            if raak != 0 {
                // Each value's place first (without branches), then only the few hits pushed.
                let mut plek = [0u8; G];
                for (p, b) in plek.iter_mut().zip(stuk) {
                    *p = plek_van(*b, doelen);
                }
                for (p, x) in plek.iter().zip(&v[i * G..(i + 1) * G]) {
                    if *p != 0 {
                        verzameld[*p as usize - 1].push(*x);
                    }
                }
            }
        }
        let rest = v.len() - stukken.remainder().len();
        for (b, x) in stukken.remainder().iter().zip(&v[rest..]) {
            let p = plek_van(*b, doelen);
            if p != 0 {
                verzameld[p as usize - 1].push(*x);
            }
        }
    }
}

/// The first of the target bins `doelen` that bin `b` is (1-based), 0 for none; without
/// branches. Targets past the distinct ones repeat the first, so a hit is always among those.
#[inline(always)]
fn plek_van(b: u16, doelen: &[u16; PERCENTIELEN.len()]) -> u8 {
    let mut p = 0;
    for (j, d) in doelen.iter().enumerate().rev() {
        if b == *d {
            p = j as u8 + 1;
        }
    }
    p
}

/// The smallest and largest of `v`; `None` when a value is NaN or infinite. Eight lanes of
/// plain comparisons, which the compiler turns into vector instructions (`f64::min` per value,
/// with its NaN rule, stayed scalar and took about 40 % of the percentile time).
fn uitersten(v: &[f64]) -> Option<(f64, f64)> {
    const L: usize = 8;
    let mut mins = [f64::INFINITY; L];
    let mut maxs = [f64::NEG_INFINITY; L];
    let mut nans = [false; L];
    let mut stukken = v.chunks_exact(L);
    for stuk in &mut stukken {
        for i in 0..L {
            let x = stuk[i];
            mins[i] = if x < mins[i] { x } else { mins[i] };
            maxs[i] = if x > maxs[i] { x } else { maxs[i] };
            nans[i] |= x.is_nan();
        }
    }
    let mut min = mins.into_iter().fold(f64::INFINITY, f64::min);
    let mut max = maxs.into_iter().fold(f64::NEG_INFINITY, f64::max);
    let mut nan = nans.contains(&true);
    for x in stukken.remainder() {
        min = min.min(*x);
        max = max.max(*x);
        nan |= x.is_nan();
    }
    (!nan && min.is_finite() && max.is_finite()).then_some((min, max))
}

/// The five percentiles of `v` (reorders it); 0 for no values.
fn percentielen(v: &mut [f64]) -> [f64; 5] {
    let mut uit = [0.0; 5];
    if v.is_empty() {
        return uit;
    }
    let ks = PERCENTIELEN.map(|p| rang(p, v.len()));
    selecteer(v, &ks, &mut uit);
    uit
}

/// Rounded to cents; never negative zero (`-0.0` or `-0.001` would print as `-0.00`).
fn cent(x: f64) -> Decimal {
    let mut d = cent_exact(x).unwrap_or_else(|| {
        Decimal::from_f64_retain(x)
            .map(|d| d.round_dp(2))
            .unwrap_or_default()
    });
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

/// `x` rounded to cents as `Decimal::from_f64_retain(x).round_dp(2)` rounds it (half to even,
/// the scale of the exact value up to 2), in integers from the bits of `x` instead of through a
/// 28-digit decimal: that took a quarter of a 1.000-draw evaluation. `None` (not done here)
/// beyond ±10^15, between 0 and ±10^-6 (where the decimal has no digits left) and for a value
/// that is not finite.
fn cent_exact(x: f64) -> Option<Decimal> {
    if !x.is_finite() || x.abs() >= 1e15 || (x != 0.0 && x.abs() < 1e-6) {
        return None;
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let breuk = bits & ((1u64 << 52) - 1);
    // x = ±m · 2^e, m odd (or zero).
    let (mut m, mut e) = if exponent == 0 {
        (breuk, -1074)
    } else {
        (breuk | (1u64 << 52), exponent - 1075)
    };
    if m == 0 {
        return Some(Decimal::ZERO);
    }
    let nullen = m.trailing_zeros();
    m >>= nullen;
    e += nullen as i32;
    // An odd m over 2^k has exactly k decimals: the scale after rounding is min(k, 2).
    let (centen, schaal) = if e >= 0 {
        ((u128::from(m) << e) * 100, 0)
    } else {
        let k = e.unsigned_abs();
        let honderd = u128::from(m) * 100;
        let centen = if k >= 127 {
            0
        } else {
            let (q, r, half) = (honderd >> k, honderd & ((1 << k) - 1), 1u128 << (k - 1));
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        (centen, k.min(2))
    };
    // Below 10^15 euro the cents fit a u64, whose division by a constant is a multiplication.
    let centen = u64::try_from(centen).ok()?;
    let waarde = i128::from(match schaal {
        0 => centen / 100,
        1 => centen / 10,
        _ => centen,
    });
    let waarde = if x < 0.0 { -waarde } else { waarde };
    Some(Decimal::from_i128_with_scale(waarde, schaal))
}

/// One term of a row of the linear model: `(f_y − 1) · (d + t · e)` for draw factor f_y.
#[derive(Clone, Copy)]
struct Term {
    jaar: usize,
    d: f64,
    /// With a route range: the extra response per unit t (`None`: no t-part, as in
    /// [`Coefficienten::waarde`] without `e`).
    e: Option<f64>,
}

/// One row (entity, year, baten or lasten) of the linear model: `c0 + rd · t + Σ terms`, with
/// only the terms that are not zero (a cohort moves only its own year and later ones, the
/// response is zero for most of them, and a year whose factor is 1 in every draw adds nothing).
/// The same operations in the same order as [`Coefficienten::waarde`], so the values are the
/// same to the last bit (up to the sign of a zero, which no output shows).
struct Rij {
    c0: f64,
    rd: f64,
    termen: Vec<Term>,
}

impl Rij {
    fn van(k: &Coefficienten, j: usize, m: usize, actief: &[bool]) -> Rij {
        let termen = (0..=j)
            .filter(|yi| actief.get(*yi).copied().unwrap_or(false) && *yi < k.d.len())
            .filter_map(|yi| {
                let d = k.d[yi][j][m];
                let e = k.e.get(yi).map(|e| e[j][m]);
                (d != 0.0 || e.is_some_and(|e| e != 0.0)).then_some(Term { jaar: yi, d, e })
            })
            .collect();
        Rij {
            c0: k.basis[j][m] + k.route_laag[j][m],
            rd: k.route_delta[j][m],
            termen,
        }
    }

    fn is_constant(&self) -> bool {
        self.rd == 0.0 && self.termen.is_empty()
    }

    /// The row `self − ander` (baten − lasten: the saldo), term by term, for its bounds.
    fn verminderd_met(&self, ander: &Rij) -> Rij {
        let mut termen: Vec<Term> = self.termen.clone();
        for b in &ander.termen {
            match termen.iter_mut().find(|a| a.jaar == b.jaar) {
                Some(a) => {
                    a.d -= b.d;
                    a.e = match (a.e, b.e) {
                        (None, None) => None,
                        (x, y) => Some(x.unwrap_or(0.0) - y.unwrap_or(0.0)),
                    };
                }
                None => termen.push(Term {
                    jaar: b.jaar,
                    d: -b.d,
                    e: b.e.map(|e| -e),
                }),
            }
        }
        Rij {
            c0: self.c0 - ander.c0,
            rd: self.rd - ander.rd,
            termen,
        }
    }

    /// Bounds of the row's values over the draws (interval arithmetic over the draws'
    /// extremes). Up to rounding the values lie within; they only size a [`Histogram`], whose
    /// ranks are exact whatever its bounds.
    fn grenzen(&self, b: &Bereik) -> (f64, f64) {
        let (mut laag, mut hoog) = (self.c0, self.c0);
        let (l, h) = maal((self.rd, self.rd), b.t);
        laag += l;
        hoog += h;
        for term in &self.termen {
            let respons = match term.e {
                None => (term.d, term.d),
                Some(e) => {
                    let (l, h) = maal((e, e), b.t);
                    (term.d + l, term.d + h)
                }
            };
            let (l, h) = maal(respons, b.f[term.jaar]);
            laag += l;
            hoog += h;
        }
        (laag, hoog)
    }

    /// The row's values for the draws `van..van + uit.len()`; `fm1[y]` holds f_y − 1 per draw.
    #[inline(always)]
    fn vul(&self, uit: &mut [f64], van: usize, t: &[f64], fm1: &[Vec<f64>]) {
        let t = &t[van..van + uit.len()];
        if self.rd == 0.0 {
            uit.fill(self.c0);
        } else {
            for (u, t) in uit.iter_mut().zip(t) {
                *u = self.c0 + self.rd * t;
            }
        }
        for term in &self.termen {
            let f = &fm1[term.jaar][van..van + uit.len()];
            match term.e {
                None => {
                    for (u, f) in uit.iter_mut().zip(f) {
                        *u += f * term.d;
                    }
                }
                Some(e) => {
                    for ((u, f), t) in uit.iter_mut().zip(f).zip(t) {
                        *u += f * (term.d + t * e);
                    }
                }
            }
        }
    }
}

/// The product of two intervals.
fn maal(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let p = [a.0 * b.0, a.0 * b.1, a.1 * b.0, a.1 * b.1];
    (
        p.into_iter().fold(f64::INFINITY, f64::min),
        p.into_iter().fold(f64::NEG_INFINITY, f64::max),
    )
}

/// The extremes of the draws: of t, and per year of f_y − 1 (an inactive year: 0).
struct Bereik {
    t: (f64, f64),
    f: Vec<(f64, f64)>,
}

impl Bereik {
    /// `None` when a draw is not finite.
    fn van(tr: &Trekkingen, fm1: &[Vec<f64>]) -> Option<Bereik> {
        let t = uitersten(&tr.t)?;
        let f = fm1
            .iter()
            .map(|k| {
                if k.is_empty() {
                    Some((0.0, 0.0))
                } else {
                    uitersten(k)
                }
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Bereik { t, f })
    }
}

/// Work buffers of one thread, reused from entity to entity (a few rows of draws, not the
/// whole table of an entity).
struct Buffers {
    baten: Vec<f64>,
    lasten: Vec<f64>,
    saldo: Vec<f64>,
    lopend: Vec<f64>,
    laagste: Vec<f64>,
    /// Of baten, lasten and saldo.
    histogrammen: [Histogram; 3],
}

impl Buffers {
    fn nieuw(n: usize) -> Buffers {
        Buffers {
            baten: vec![0.0; n],
            lasten: vec![0.0; n],
            saldo: vec![0.0; n],
            lopend: vec![0.0; n],
            laagste: vec![0.0; n],
            histogrammen: [0, 1, 2].map(|_| Histogram::nieuw(n)),
        }
    }
}

/// Draws per block of the evaluation: a block of every row of a year stays in the L1 cache
/// while its terms are added.
const BLOK: usize = 1024;

/// Evaluates every draw for every entity (in parallel over entities) and summarises.
pub fn evalueer(c: &[Coefficienten], tr: &Trekkingen, jaren: &[i32]) -> Risico {
    evalueer_vanaf(c, tr, jaren, 0)
}

/// As [`evalueer`], with the years before index `start` known (no reserve is needed for a year
/// that is past: the running deficit and the reserve start at `start`).
pub fn evalueer_vanaf(c: &[Coefficienten], tr: &Trekkingen, jaren: &[i32], start: usize) -> Risico {
    let n = tr.aantal();
    let y_n = jaren.len();
    // A year whose factor is 1 in every draw adds nothing; the others as f − 1 per draw.
    let actief: Vec<bool> = (0..y_n)
        .map(|y| {
            tr.per_jaar
                .get(y)
                .is_some_and(|k| k.iter().any(|f| *f != 1.0))
        })
        .collect();
    let fm1: Vec<Vec<f64>> = (0..y_n)
        .map(|y| {
            if actief[y] {
                tr.per_jaar[y].iter().map(|f| f - 1.0).collect()
            } else {
                Vec::new()
            }
        })
        .collect();
    let bereik = Bereik::van(tr, &fm1);
    // Blocks of entities, each with its own buffers: a few per thread, so the threads share
    // the work and the buffers are allocated a few times, not once per entity.
    let per_blok = c.len().div_ceil(4 * rayon::current_num_threads()).max(1);
    let per_entiteit: Vec<Vec<(Vec<Band>, Reserve)>> = c
        .par_chunks(per_blok)
        .map(|blok| {
            let mut buf = Buffers::nieuw(n);
            blok.iter()
                .map(|k| {
                    let trekking = Trekking {
                        tr,
                        fm1: &fm1,
                        actief: &actief,
                        bereik: bereik.as_ref(),
                    };
                    evalueer_entiteit(k, &trekking, jaren, start, &mut buf)
                })
                .collect()
        })
        .collect();
    let mut banden = Vec::new();
    let mut reserve = Vec::new();
    for (b, r) in per_entiteit.into_iter().flatten() {
        banden.extend(b);
        reserve.push(r);
    }
    Risico { banden, reserve }
}

/// The draws as the evaluation of an entity reads them.
#[derive(Clone, Copy)]
struct Trekking<'a> {
    tr: &'a Trekkingen,
    /// Per year f_y − 1 per draw (empty for a year whose factor is 1 in every draw).
    fm1: &'a [Vec<f64>],
    actief: &'a [bool],
    bereik: Option<&'a Bereik>,
}

/// One entity's bands and reserve over every year and draw. Compiled twice, for plain x86-64 and
/// with AVX2, and the machine picks (twice as many values per vector instruction; the same
/// results, as AVX2 has no other rounding for these operations and Rust fuses no
/// multiply-add). Long by design: the hot loop of
/// the Monte Carlo, kept in one body so each block of draws stays in the L1 cache and the
/// compiler sees the whole loop (see `benches/landelijk.rs`).
#[multiversion(targets("x86_64+avx2"))]
fn evalueer_entiteit(
    k: &Coefficienten,
    trekking: &Trekking,
    jaren: &[i32],
    start: usize,
    buf: &mut Buffers,
) -> (Vec<Band>, Reserve) {
    let Trekking {
        tr,
        fm1,
        actief,
        bereik,
    } = *trekking;
    let n = tr.aantal();
    let ks = PERCENTIELEN.map(|p| rang(p, n));
    let Buffers {
        baten,
        lasten,
        saldo,
        lopend,
        laagste,
        histogrammen,
    } = buf;
    // Per draw the running saldo of the stretch of consecutive years ending in this year (it
    // starts again after a year in which the stretch is in surplus), and the deepest of them.
    // The reserve is a buffer with a level: a deficit is paid from it when it occurs, a later
    // surplus refills it, but a surplus before a deficit is not assumed to be kept for it (it
    // flows to the general means once the reserve is full). So the need is the deepest stretch
    // of consecutive years, and because every stretch includes its last year on its own,
    // `lopend <= saldo` for every year and draw (f64 addition of a value ≤ 0 is monotone, so
    // this holds exactly, not just up to rounding).
    lopend.fill(0.0);
    laagste.fill(0.0);
    let mut banden = Vec::with_capacity(jaren.len());
    let mut reserve_jaar = Vec::with_capacity(jaren.len());
    for (j, jaar) in jaren.iter().enumerate() {
        let rijen = [Rij::van(k, j, 0, actief), Rij::van(k, j, 1, actief)];
        let mut tekort = 0usize;
        let p_waarden: [[f64; 5]; 3];
        if n > 0 && rijen[0].is_constant() && rijen[1].is_constant() {
            // Every draw the same (a known year, a gemeente that nothing moves): nothing to
            // select.
            let x = [rijen[0].c0, rijen[1].c0, rijen[0].c0 - rijen[1].c0];
            if x[2] < -0.005 {
                tekort = n;
            }
            if j >= start {
                for (lo, la) in lopend.iter_mut().zip(laagste.iter_mut()) {
                    *lo = x[2] + lo.min(0.0);
                    *la = la.min(*lo);
                }
            }
            p_waarden = x.map(|v| [v; 5]);
        } else {
            // Many draws: each row is counted into its histogram block by block, while the
            // block is in the L1 cache.
            let mut geteld = [false; 3];
            if let Some(b) = bereik.filter(|_| n >= HISTOGRAM_SAMEN_VANAF) {
                let grenzen = [
                    rijen[0].grenzen(b),
                    rijen[1].grenzen(b),
                    rijen[0].verminderd_met(&rijen[1]).grenzen(b),
                ];
                for ((g, h), (laag, hoog)) in
                    geteld.iter_mut().zip(histogrammen.iter_mut()).zip(grenzen)
                {
                    *g = h.begin(n, laag, hoog);
                }
            }
            for van in (0..n).step_by(BLOK) {
                let tot = (van + BLOK).min(n);
                let (b, l) = (&mut baten[van..tot], &mut lasten[van..tot]);
                rijen[0].vul(b, van, &tr.t, fm1);
                rijen[1].vul(l, van, &tr.t, fm1);
                let s = &mut saldo[van..tot];
                for ((s, b), l) in s.iter_mut().zip(b.iter()).zip(l.iter()) {
                    *s = b - l;
                }
                tekort += s.iter().filter(|x| **x < -0.005).count();
                for ((g, h), rij) in geteld
                    .iter()
                    .zip(histogrammen.iter_mut())
                    .zip([&*b, &*l, &*s])
                {
                    if *g {
                        h.tel(rij, van);
                    }
                }
                if j >= start {
                    let (lo, la) = (&mut lopend[van..tot], &mut laagste[van..tot]);
                    for ((lo, la), s) in lo.iter_mut().zip(la.iter_mut()).zip(s.iter()) {
                        *lo = s + lo.min(0.0);
                        *la = la.min(*lo);
                    }
                }
            }
            let mut p = [[0.0; 5]; 3];
            for (m, rij) in [baten.as_mut_slice(), lasten, saldo]
                .into_iter()
                .enumerate()
            {
                if !(geteld[m] && histogrammen[m].rangen(rij, &ks, &mut p[m])) {
                    p[m] = percentielen(rij);
                }
            }
            p_waarden = p;
        }
        let mut p = p_waarden.map(|rij| rij.map(cent));
        // Exactness at zero spread: a value equal to the scenario in f64 is the exact
        // scenario amount.
        let saldo_exact = k.basis_exact[j][0] - k.basis_exact[j][1];
        let exact = [k.basis_exact[j][0], k.basis_exact[j][1], saldo_exact];
        for ((rij, x_rij), e) in p.iter_mut().zip(&p_waarden).zip(exact) {
            let e_f = f(e);
            for (q, x) in rij.iter_mut().zip(x_rij) {
                // q is x to the cent (|q − x| ≤ 0,005) and f(q) is q within half an f64 step,
                // so a value this far away cannot pass the test: its decimal conversion is
                // skipped (a NaN is not skipped).
                // Only where `cent_exact` made q: beyond, q may be a fallback 0.
                let ver = x.abs() < 1e15 && (x - e_f).abs() >= 0.02 + 1e-15 * x.abs();
                if !ver && (f(*q) - e_f).abs() < 0.005 {
                    *q = e;
                }
            }
        }
        let mut r = if j < start {
            Decimal::ZERO
        } else {
            (-p[2][1]).max(Decimal::ZERO)
        };
        r.set_sign_positive(true);
        reserve_jaar.push(r);
        banden.push(Band {
            naam: k.naam.clone(),
            is_groep: k.is_groep,
            jaar: *jaar,
            p,
            kans_tekort: tekort as f64 / n.max(1) as f64,
        });
    }
    // The same percentile (P10, nearest rank) of the same draws as the yearly reserve
    // (−P10 of the saldo): per draw `diepste <= saldo` of every year, so the cumulative
    // reserve is never below a yearly one.
    let diepste = if n == 0 {
        0.0
    } else {
        let mut uit = [0.0];
        selecteer(laagste, &[rang(10.0, n)], &mut uit);
        uit[0]
    };
    let mut cum = (-cent(diepste)).max(Decimal::ZERO);
    cum.set_sign_positive(true);
    debug_assert!(reserve_jaar.iter().all(|r| *r <= cum));
    (banden, (k.naam.clone(), reserve_jaar, cum))
}

/// The whole risk run on validated data: exact responses, draws from the scenario's `zaad`,
/// evaluation. Shared by `raming risico` and the report.
pub fn bereken(
    d: &Gegevens,
    inst: &Instellingen,
    r: &RisicoInstellingen,
) -> Result<(Vec<Coefficienten>, Risico), InvoerFout> {
    let jaren: Vec<i32> = inst.jaren().collect();
    let c = coefficienten(d, inst, r)?;
    let uitkomst = evalueer(&c, &trek(r, jaren.len()), &jaren);
    Ok((c, uitkomst))
}

/// The first year whose outcome is not known yet, from which the risk is told: after the years
/// booked from actuals (`realisatie_tot`), after the years for which every gemeente has realised
/// volumes (`instroom.csv`, `versie = realisatie`), and not before the year of `peiljaar` (the
/// report date: earlier years are past). Never after the scenario's last year.
pub fn eerste_prognosejaar(d: &Gegevens, inst: &Instellingen, peiljaar: Option<i32>) -> i32 {
    let mut vanaf = inst.jaar_van;
    if let Some(t) = inst.realisatie_tot {
        vanaf = vanaf.max(t + 1);
    }
    // Consecutive years from the first in which every gemeente has realised volumes.
    let mut j = inst.jaar_van;
    while j <= inst.jaar_tot
        && !d.gemeenten.lijst.is_empty()
        && (0..d.gemeenten.len()).all(|g| {
            d.instroom_realisatie
                .regels
                .iter()
                .any(|r| r.gemeente == g && r.jaar == j)
        })
    {
        j += 1;
    }
    vanaf = vanaf.max(j);
    if let Some(p) = peiljaar {
        vanaf = vanaf.max(p);
    }
    vanaf.min(inst.jaar_tot)
}

/// The risk run told forward: years before `vanaf` have a known outcome, so their instroom is
/// not drawn (factor 1) and their own route mix is the scenario's; the reserve and the deficit
/// chances that matter start at `vanaf`. Bands of past years are the scenario to the cent.
pub fn bereken_vanaf(
    d: &Gegevens,
    inst: &Instellingen,
    r: &RisicoInstellingen,
    vanaf: i32,
) -> Result<(Vec<Coefficienten>, Risico), InvoerFout> {
    let jaren: Vec<i32> = inst.jaren().collect();
    let start = jaren.iter().position(|j| *j >= vanaf).unwrap_or(0);
    let c = coefficienten_vanaf(d, inst, r, start)?;
    let mut tr = trek(r, jaren.len());
    for kolom in tr.per_jaar.iter_mut().take(start) {
        kolom.fill(1.0);
    }
    let uitkomst = evalueer_vanaf(&c, &tr, &jaren, start);
    Ok((c, uitkomst))
}

/// Checks risk settings; `h` points at the scenario file.
pub fn check(r: &RisicoInstellingen, h: &Herkomst) -> Result<(), InvoerFout> {
    if !(1..=1_000_000).contains(&r.trekkingen) {
        return Err(InvoerFout::new(
            h.clone(),
            "risico.trekkingen",
            format!(
                "{} is ongeldig; verwacht 1 tot en met 1.000.000 trekkingen (geheugen)",
                r.trekkingen
            ),
        ));
    }
    Ok(())
}

/// One-at-a-time sensitivity of an entity's saldo over all years: per input the change at its
/// low and high value (instroom factor of one year at its P5 / P95, the route position at laag /
/// hoog), largest effect first.
pub fn tornado(
    k: &Coefficienten,
    r: &RisicoInstellingen,
    jaren: &[i32],
) -> Vec<(String, f64, f64)> {
    tornado_vanaf(k, r, jaren, 0)
}

/// As [`tornado`], over the years from index `start` on (the forecast years): their saldo, and
/// the instroom of those years only.
pub fn tornado_vanaf(
    k: &Coefficienten,
    r: &RisicoInstellingen,
    jaren: &[i32],
    start: usize,
) -> Vec<(String, f64, f64)> {
    let saldo = |t: f64, factoren: &[f64]| -> f64 {
        (start..jaren.len())
            .map(|j| k.waarde(j, 0, t, factoren) - k.waarde(j, 1, t, factoren))
            .sum()
    };
    let t0 = if r.routes { 0.5 } else { 0.0 };
    let basis_f = vec![1.0; jaren.len()];
    let nul = saldo(t0, &basis_f);
    let mut uit = Vec::new();
    if let Some(v) = &r.instroom {
        for (yi, jaar) in jaren.iter().enumerate().skip(start) {
            let mut lo = basis_f.clone();
            let mut hi = basis_f.clone();
            lo[yi] = v.factor(-1.645);
            hi[yi] = v.factor(1.645);
            uit.push((
                format!("instroom {jaar}"),
                saldo(t0, &lo) - nul,
                saldo(t0, &hi) - nul,
            ));
        }
    }
    if r.routes {
        uit.push((
            "routeverdeling".into(),
            saldo(0.0, &basis_f) - nul,
            saldo(1.0, &basis_f) - nul,
        ));
    }
    uit.sort_by(|a, b| (b.1.abs().max(b.2.abs())).total_cmp(&a.1.abs().max(a.2.abs())));
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nested selection gives exactly the nearest-rank values of a full sort, also with ties,
    /// few values and negative zeros.
    /// The vector lanes give the plain fold's extremes at every length and refuse a NaN or an
    /// infinity wherever it stands (in a lane or in the remainder).
    #[test]
    fn extremes_in_lanes_equal_the_plain_fold() {
        let mut rng = Rng::new(5);
        for n in 0..40usize {
            let v: Vec<f64> = (0..n).map(|_| rng.normaal() * 1e3).collect();
            let verwacht = (n > 0).then(|| {
                (
                    v.iter().copied().fold(f64::INFINITY, f64::min),
                    v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                )
            });
            assert_eq!(uitersten(&v), verwacht, "n {n}");
            for plek in 0..n {
                for slecht in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                    let mut w = v.clone();
                    w[plek] = slecht;
                    assert_eq!(uitersten(&w), None, "n {n} plek {plek} {slecht}");
                }
            }
        }
    }

    #[test]
    fn nested_selection_equals_the_sorted_ranks() {
        let mut rng = Rng::new(3);
        for n in [
            1usize, 2, 3, 5, 7, 10, 19, 20, 21, 100, 1001, 4095, 4096, 10_000, 50_001,
        ] {
            for soort in 0..5 {
                let v: Vec<f64> = (0..n)
                    .map(|_| match soort {
                        0 => rng.normaal() * 1e6,
                        // Many ties.
                        1 => (rng.uniform() * 4.0).floor() - 2.0,
                        // Heavy tails: most values in a few bins of the histogram.
                        3 => (rng.normaal() * 3.0).exp() * 1e4,
                        // Two values far apart.
                        4 => {
                            if rng.uniform() < 0.3 {
                                1e9
                            } else {
                                -7.5
                            }
                        }
                        _ => {
                            if rng.uniform() < 0.5 {
                                -0.0
                            } else {
                                0.0
                            }
                        }
                    })
                    .collect();
                let mut gesorteerd = v.clone();
                gesorteerd.sort_by(f64::total_cmp);
                let verwacht = PERCENTIELEN.map(|p| gesorteerd[rang(p, n)]);
                let mut w = v.clone();
                let p = percentielen(&mut w);
                for (a, b) in p.iter().zip(verwacht) {
                    assert_eq!(a.to_bits(), b.to_bits(), "n {n} soort {soort}");
                }
                // The histogram path on its own, also for one rank (the reserve's P10).
                if n > 1 {
                    let mut uit = [0.0; 5];
                    let ks = PERCENTIELEN.map(|p| rang(p, n));
                    assert!(rangen_histogram(&v, &ks, &mut uit));
                    for (a, b) in uit.iter().zip(verwacht) {
                        assert_eq!(a.to_bits(), b.to_bits(), "histogram n {n} soort {soort}");
                    }
                    let mut een = [0.0];
                    assert!(rangen_histogram(&v, &[rang(10.0, n)], &mut een));
                    assert_eq!(een[0].to_bits(), gesorteerd[rang(10.0, n)].to_bits());
                }
            }
        }
    }

    /// Cents from the bits of an f64 are what the 28-digit decimal gives, value and scale
    /// (so also the text written), over many magnitudes, exact halves and neighbours of the
    /// midpoints between cents.
    #[test]
    fn cents_from_the_bits_equal_cents_through_a_decimal() {
        let oud = |x: f64| {
            let mut d = Decimal::from_f64_retain(x)
                .map(|d| d.round_dp(2))
                .unwrap_or_default();
            d.set_sign_positive(d.is_sign_positive() || d.is_zero());
            d
        };
        let mut rng = Rng::new(29);
        let mut waarden = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            0.125,
            -0.375,
            2.5,
            1e15 - 1.0,
        ];
        for _ in 0..40_000 {
            let macht = (rng.uniform() * 30.0).floor() as i32 - 14;
            let x = (rng.uniform() - 0.5) * 10f64.powi(macht);
            waarden.push(x);
            // Multiples of a power of two and midpoints between cents, and their neighbours.
            let achtste = (x * 8.0).round() / 8.0;
            let midden = ((x * 100.0).floor() + 0.5) / 100.0;
            for y in [achtste, midden, (x * 1e4).round()] {
                waarden.extend([
                    y,
                    f64::from_bits(y.to_bits() + 1),
                    f64::from_bits(y.to_bits().saturating_sub(1)),
                ]);
            }
        }
        let mut snel = 0;
        for x in waarden {
            snel += usize::from(cent_exact(x).is_some());
            let nieuw = cent(x);
            let verwacht = oud(x);
            assert_eq!(nieuw, verwacht, "{x:e}");
            assert_eq!(nieuw.to_string(), verwacht.to_string(), "{x:e}");
        }
        assert!(snel > 300_000, "{snel}");
        assert_eq!(cent_exact(f64::NAN), None);
        assert_eq!(cent_exact(2e15), None);
        assert_eq!(cent_exact(5e-324), None);
    }

    /// A percentile too large for a decimal becomes 0 and then takes the exact scenario amount
    /// when that is 0 (as before the shortcut in the exact-amount check): never a bare "0".
    #[test]
    fn a_percentile_beyond_a_decimal_takes_an_exact_zero_scenario_amount() {
        let n = 1000;
        let k = Coefficienten {
            naam: "X".into(),
            is_groep: false,
            basis: vec![[0.0, 0.0]],
            basis_exact: vec![[Decimal::new(0, 2); 2]],
            route_laag: vec![[0.0; 2]],
            route_delta: vec![[0.0; 2]],
            d: vec![vec![[1e30, 0.0]]],
            e: Vec::new(),
        };
        let tr = Trekkingen {
            per_jaar: vec![(0..n).map(|i| 0.5 + i as f64 / n as f64).collect()],
            t: vec![0.0; n],
        };
        let r = evalueer(&[k], &tr, &[2024]);
        for rij in [0, 2] {
            for q in r.banden[0].p[rij] {
                assert!(!(q.is_zero() && q.scale() == 0), "{q} in rij {rij}");
            }
        }
    }

    /// A histogram counted block by block gives the sorted ranks whatever its bounds: around
    /// the values, far too wide, too narrow (values clamped into the end bins) or beside them.
    /// A NaN or an infinity makes it refuse.
    #[test]
    fn a_counted_histogram_gives_the_sorted_ranks_whatever_its_bounds() {
        let mut rng = Rng::new(17);
        for n in [1usize, 2, 17, 256, 1000, 5000] {
            let v: Vec<f64> = (0..n).map(|_| (rng.normaal() * 2.0).exp() * 1e4).collect();
            let mut gesorteerd = v.clone();
            gesorteerd.sort_by(f64::total_cmp);
            let ks = PERCENTIELEN.map(|p| rang(p, n));
            let (min, max) = (gesorteerd[0], gesorteerd[n - 1]);
            for (laag, hoog) in [
                (min, max + 1.0),
                (min - 1e9, max + 1e9),
                (gesorteerd[n / 3], gesorteerd[n / 2] + 1.0),
                (max + 5.0, max + 10.0),
                (-20.0, -10.0),
            ] {
                let mut h = Histogram::nieuw(n);
                assert!(h.begin(n, laag, hoog));
                for van in (0..n).step_by(100) {
                    h.tel(&v[van..(van + 100).min(n)], van);
                }
                let mut uit = [0.0; 5];
                assert!(h.rangen(&v, &ks, &mut uit), "n {n} [{laag}, {hoog}]");
                for (a, k) in uit.iter().zip(ks) {
                    assert_eq!(
                        a.to_bits(),
                        gesorteerd[k].to_bits(),
                        "n {n} [{laag}, {hoog}]"
                    );
                }
            }
            for slecht in [f64::NAN, f64::INFINITY] {
                let mut w = v.clone();
                w[n / 2] = slecht;
                let mut h = Histogram::nieuw(n);
                assert!(h.begin(n, min, max + 1.0));
                h.tel(&w, 0);
                assert!(!h.rangen(&w, &ks, &mut [0.0; 5]));
            }
        }
        // Bounds without a scale are refused.
        let mut h = Histogram::nieuw(4);
        assert!(!h.begin(4, 1.0, 1.0));
        assert!(!h.begin(4, 0.0, f64::INFINITY));
    }

    /// Coefficients of one entity over `j_n` years, drawn at random (a fixed start, 23).
    fn willekeurige_coefficienten(j_n: usize) -> Coefficienten {
        let mut rng = Rng::new(23);
        let mut willekeurig = |schaal: f64| rng.normaal() * schaal;
        Coefficienten {
            naam: "X".into(),
            is_groep: false,
            basis: (0..j_n)
                .map(|_| [1e6 + willekeurig(1e5), 1e6 + willekeurig(1e5)])
                .collect(),
            // Far from every draw: no percentile is set to the exact scenario amount.
            basis_exact: vec![[Decimal::from(-1_000_000_000i64); 2]; j_n],
            route_laag: (0..j_n)
                .map(|_| [willekeurig(1e3), willekeurig(1e3)])
                .collect(),
            route_delta: (0..j_n)
                .map(|_| [willekeurig(1e4), willekeurig(1e4)])
                .collect(),
            d: (0..j_n)
                .map(|_| {
                    (0..j_n)
                        .map(|_| [willekeurig(5e5), willekeurig(5e5)])
                        .collect()
                })
                .collect(),
            e: (0..j_n)
                .map(|_| {
                    (0..j_n)
                        .map(|_| [willekeurig(5e4), willekeurig(5e4)])
                        .collect()
                })
                .collect(),
        }
    }

    /// The evaluation's percentiles (counted histograms from 256 draws, nested selection below)
    /// are those of every draw worked out by [`Coefficienten::waarde`] and sorted, for baten,
    /// lasten and saldo, with route ranges and several years.
    #[test]
    fn evaluated_percentiles_equal_sorting_every_draw() {
        let jaren = [2024, 2025, 2026, 2027];
        let j_n = jaren.len();
        let k = willekeurige_coefficienten(j_n);
        for n in [100usize, 300, 5000] {
            let r = RisicoInstellingen {
                trekkingen: n,
                zaad: 5,
                instroom: Some(Verdeling::Lognormaal { sigma: 0.3 }),
                correlatie: 0.4,
                routes: true,
                ..Default::default()
            };
            let tr = trek(&r, j_n);
            let uit = evalueer(std::slice::from_ref(&k), &tr, &jaren);
            for (j, band) in uit.banden.iter().enumerate() {
                let mut rijen = [Vec::new(), Vec::new(), Vec::new()];
                for i in 0..n {
                    let f: Vec<f64> = tr.per_jaar.iter().map(|k| k[i]).collect();
                    let b = k.waarde(j, 0, tr.t[i], &f);
                    let l = k.waarde(j, 1, tr.t[i], &f);
                    rijen[0].push(b);
                    rijen[1].push(l);
                    rijen[2].push(b - l);
                }
                for (m, rij) in rijen.iter_mut().enumerate() {
                    rij.sort_by(f64::total_cmp);
                    let verwacht = PERCENTIELEN.map(|p| cent(rij[rang(p, n)]));
                    assert_eq!(band.p[m], verwacht, "n {n} jaar {j} rij {m}");
                }
            }
        }
    }

    /// The draws in parallel blocks are the draws one after the other (the implementation
    /// before the blocks), across block boundaries.
    #[test]
    fn parallel_draws_equal_sequential_draws() {
        let r = RisicoInstellingen {
            trekkingen: 10_000,
            zaad: 9,
            instroom: Some(Verdeling::Driehoek {
                laag: 0.6,
                modus: 1.0,
                hoog: 1.6,
            }),
            correlatie: 0.6,
            routes: true,
            bron: Vec::new(),
        };
        let jaren = 7;
        let tr = trek(&r, jaren);
        let mut rng = Rng::new(r.zaad);
        let rho = r.correlatie;
        for i in 0..r.trekkingen {
            let mut z_vorig = 0.0;
            for y in 0..jaren {
                let e = rng.normaal();
                let z = if y == 0 {
                    e
                } else {
                    rho * z_vorig + (1.0 - rho * rho).sqrt() * e
                };
                z_vorig = z;
                let f = r.instroom.as_ref().unwrap().factor(z);
                assert_eq!(tr.per_jaar[y][i].to_bits(), f.to_bits(), "{i} {y}");
            }
            assert_eq!(tr.t[i].to_bits(), rng.uniform().to_bits());
        }
    }

    /// The reruns' sink keeps the first booking above the limit and stops summing there: two
    /// amounts near the largest Decimal end in the limit's error, not in an overflow.
    #[test]
    fn the_rerun_sink_stops_at_the_first_amount_above_the_limit() {
        let mut s = Saldi {
            eerste_jaar: 2022,
            jaren: 2,
            per: vec![[Decimal::ZERO; 2]; 2],
            te_groot: None,
        };
        let boeking = |bedrag| Boeking {
            gemeente: 0,
            jaar: 2023,
            soort: Soort::Lasten,
            post: "groot".into(),
            label: "".into(),
            bedrag,
            uitvoerder: Default::default(),
        };
        s.boek_op(0, 2022, Soort::Baten, Decimal::ONE, || {
            boeking(Decimal::ONE)
        });
        for _ in 0..2 {
            s.boek_op(0, 2023, Soort::Lasten, Decimal::MAX, || {
                boeking(Decimal::MAX)
            });
        }
        assert_eq!(s.per[0], [Decimal::ONE, Decimal::ZERO]);
        assert_eq!(s.per[1], [Decimal::ZERO; 2]);
        assert_eq!(s.te_groot.map(|b| b.bedrag), Some(Decimal::MAX));
    }

    /// Blocks drawn from a skipped-ahead generator continue the one sequence.
    #[test]
    fn skipping_ahead_equals_drawing() {
        let mut a = Rng::new(42);
        for _ in 0..1234 {
            a.volgende();
        }
        let mut b = Rng::new(42);
        b.sla_over(1234);
        assert_eq!(a.volgende(), b.volgende());
    }
}
