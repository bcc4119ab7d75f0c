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

use crate::berekening::{Instellingen, Model, bouw};
use crate::fout::{Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::ledger::Ledger;
use crate::routeverdeling::Variant;
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

/// Baten and lasten per (entity, year) of a ledger: gemeenten, then groups.
fn tabel(l: &Ledger, d: &Gegevens, jaren: &[i32]) -> Vec<Vec<[Decimal; 2]>> {
    let saldi = l.saldi();
    let mut uit: Vec<Vec<[Decimal; 2]>> = (0..d.gemeenten.len())
        .map(|g| {
            jaren
                .iter()
                .map(|j| {
                    saldi
                        .get(&(g, *j))
                        .map(|s| [s.baten, s.lasten])
                        .unwrap_or([Decimal::ZERO; 2])
                })
                .collect()
        })
        .collect();
    for gr in &d.groepen {
        let rij = jaren
            .iter()
            .enumerate()
            .map(|(ji, _)| {
                let mut s = [Decimal::ZERO; 2];
                for l in &gr.leden {
                    s[0] += uit[*l][ji][0];
                    s[1] += uit[*l][ji][1];
                }
                s
            })
            .collect();
        uit.push(rij);
    }
    uit
}

/// Runs the exact engine at the scenario and at the perturbations it needs.
pub fn coefficienten(
    d: &Gegevens,
    inst: &Instellingen,
    r: &RisicoInstellingen,
) -> Result<Vec<Coefficienten>, InvoerFout> {
    let jaren: Vec<i32> = inst.jaren().collect();
    let run = |i: &Instellingen| -> Result<Vec<Vec<[Decimal; 2]>>, InvoerFout> {
        let m = Model::new(d, i)?;
        Ok(tabel(&bouw(&m, d, i)?.0, d, &jaren))
    };
    let basis = run(inst)?;
    let met_variant = |v: Variant| {
        let mut i = inst.clone();
        i.routes.variant = v;
        i.routes.expliciet.clear();
        i
    };
    let (laag, hoog) = if r.routes {
        (
            Some(run(&met_variant(Variant::Laag))?),
            Some(run(&met_variant(Variant::Hoog))?),
        )
    } else {
        (None, None)
    };
    // Responses to doubling the instroom of one year (exact finite difference of a linear model).
    type Respons = (Vec<Vec<[f64; 2]>>, Option<Vec<Vec<[f64; 2]>>>);
    let (d_resp, e_resp): (Vec<_>, Vec<_>) = if r.instroom.is_some() {
        // One exact run per year (two with a route range); independent, so run in parallel.
        let per_jaar: Vec<Respons> = jaren
            .par_iter()
            .map(|y| -> Result<Respons, InvoerFout> {
                let verdubbel = |mut i: Instellingen| {
                    i.instroom.factoren.push((*y, *y, Decimal::TWO));
                    i
                };
                match (&laag, &hoog) {
                    (Some(a0), Some(a1)) => {
                        let b0 = run(&verdubbel(met_variant(Variant::Laag)))?;
                        let b1 = run(&verdubbel(met_variant(Variant::Hoog)))?;
                        Ok((verschil(&b0, a0), Some(verschil_verschil(&b1, a1, &b0, a0))))
                    }
                    _ => Ok((verschil(&run(&verdubbel(inst.clone()))?, &basis), None)),
                }
            })
            .collect::<Result<_, _>>()?;
        per_jaar.into_iter().unzip()
    } else {
        (Vec::new(), Vec::new())
    };
    let e_resp: Vec<Vec<Vec<[f64; 2]>>> = e_resp.into_iter().flatten().collect();
    let namen: Vec<(String, bool)> = d
        .gemeenten
        .lijst
        .iter()
        .map(|g| (g.naam.clone(), false))
        .chain(d.groepen.iter().map(|g| (g.naam.clone(), true)))
        .collect();
    let nul = vec![[0.0; 2]; jaren.len()];
    Ok(namen
        .into_iter()
        .enumerate()
        .map(|(k, (naam, is_groep))| Coefficienten {
            naam,
            is_groep,
            basis: basis[k].iter().map(|x| [f(x[0]), f(x[1])]).collect(),
            basis_exact: basis[k].clone(),
            route_laag: match &laag {
                Some(l) => (0..jaren.len())
                    .map(|j| {
                        [
                            f(l[k][j][0] - basis[k][j][0]),
                            f(l[k][j][1] - basis[k][j][1]),
                        ]
                    })
                    .collect(),
                None => nul.clone(),
            },
            route_delta: match (&laag, &hoog) {
                (Some(l), Some(h)) => (0..jaren.len())
                    .map(|j| [f(h[k][j][0] - l[k][j][0]), f(h[k][j][1] - l[k][j][1])])
                    .collect(),
                _ => nul.clone(),
            },
            d: d_resp
                .iter()
                .map(|r: &Vec<Vec<[f64; 2]>>| r[k].clone())
                .collect(),
            e: e_resp
                .iter()
                .map(|r: &Vec<Vec<[f64; 2]>>| r[k].clone())
                .collect(),
        })
        .collect())
}

fn verschil(a: &[Vec<[Decimal; 2]>], b: &[Vec<[Decimal; 2]>]) -> Vec<Vec<[f64; 2]>> {
    a.iter()
        .zip(b)
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .map(|(p, q)| [f(p[0] - q[0]), f(p[1] - q[1])])
                .collect()
        })
        .collect()
}

fn verschil_verschil(
    a1: &[Vec<[Decimal; 2]>],
    b1: &[Vec<[Decimal; 2]>],
    a0: &[Vec<[Decimal; 2]>],
    b0: &[Vec<[Decimal; 2]>],
) -> Vec<Vec<[f64; 2]>> {
    let d1 = verschil(a1, b1);
    let d0 = verschil(a0, b0);
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

/// The joint draws: per draw the year factors and the route position t.
pub struct Trekkingen {
    pub factoren: Vec<Vec<f64>>,
    pub t: Vec<f64>,
}

/// Draws sequentially from the zaad (random starting value), so results do not depend on the number of threads.
pub fn trek(r: &RisicoInstellingen, jaren: usize) -> Trekkingen {
    let mut rng = Rng::new(r.zaad);
    let rho = r.correlatie.clamp(-0.999, 0.999);
    let mut factoren = Vec::with_capacity(r.trekkingen);
    let mut t = Vec::with_capacity(r.trekkingen);
    for _ in 0..r.trekkingen {
        let mut z_vorig = 0.0;
        let mut rij = Vec::with_capacity(jaren);
        for y in 0..jaren {
            let e = rng.normaal();
            let z = if y == 0 {
                e
            } else {
                rho * z_vorig + (1.0 - rho * rho).sqrt() * e
            };
            z_vorig = z;
            rij.push(r.instroom.as_ref().map(|v| v.factor(z)).unwrap_or(1.0));
        }
        factoren.push(rij);
        t.push(if r.routes { rng.uniform() } else { 0.0 });
    }
    Trekkingen { factoren, t }
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

fn percentiel(v: &mut [f64], p: f64) -> f64 {
    // Nearest rank on the sorted values (deterministic).
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    let k = ((p / 100.0) * n as f64).ceil().max(1.0) as usize - 1;
    let k = k.min(n - 1);
    *v.select_nth_unstable_by(k, |a, b| a.total_cmp(b)).1
}

/// Rounded to cents; never negative zero (`-0.0` or `-0.001` would print as `-0.00`).
fn cent(x: f64) -> Decimal {
    let mut d = Decimal::from_f64_retain(x)
        .map(|d| d.round_dp(2))
        .unwrap_or_default();
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

/// Evaluates every draw for every entity (in parallel over entities) and summarises.
pub fn evalueer(c: &[Coefficienten], tr: &Trekkingen, jaren: &[i32]) -> Risico {
    evalueer_vanaf(c, tr, jaren, 0)
}

/// As [`evalueer`], with the years before index `start` known (no reserve is needed for a year
/// that is past: the running deficit and the reserve start at `start`).
pub fn evalueer_vanaf(c: &[Coefficienten], tr: &Trekkingen, jaren: &[i32], start: usize) -> Risico {
    let n = tr.t.len();
    let per_entiteit: Vec<(Vec<Band>, Reserve)> = c
        .par_iter()
        .map(|k| {
            let y_n = jaren.len();
            let mut waarden = vec![vec![0.0f64; n]; y_n * 3];
            // Per draw the deepest running saldo over consecutive years (≤ 0).
            let mut diepste = vec![0.0f64; n];
            for i in 0..n {
                let t = tr.t[i];
                // Running saldo of the stretch of years ending in this year: it starts again
                // after a year in which the stretch is in surplus.
                let mut lopend = 0.0f64;
                let mut laagste = 0.0f64;
                for j in 0..y_n {
                    let x = [
                        k.waarde(j, 0, t, &tr.factoren[i]),
                        k.waarde(j, 1, t, &tr.factoren[i]),
                    ];
                    let saldo = x[0] - x[1];
                    waarden[j * 3][i] = x[0];
                    waarden[j * 3 + 1][i] = x[1];
                    waarden[j * 3 + 2][i] = saldo;
                    // The reserve is a buffer with a level: a deficit is paid from it when it
                    // occurs, a later surplus refills it, but a surplus before a deficit is not
                    // assumed to be kept for it (it flows to the general means once the reserve
                    // is full). So the need is the deepest stretch of consecutive years, and
                    // because every stretch includes its last year on its own,
                    // `lopend <= saldo` for every year and draw (f64 addition of a value ≤ 0 is
                    // monotone, so this holds exactly, not just up to rounding). The old
                    // running total from the first year let an early surplus hide a later
                    // deficit, and the cumulative reserve came out below a single year's.
                    if j >= start {
                        lopend = saldo + lopend.min(0.0);
                        laagste = laagste.min(lopend);
                    }
                }
                diepste[i] = laagste;
            }
            let mut banden = Vec::new();
            let mut reserve_jaar = Vec::new();
            for (j, jaar) in jaren.iter().enumerate() {
                let mut p = [[Decimal::ZERO; 5]; 3];
                for m in 0..3 {
                    let v = &mut waarden[j * 3 + m];
                    for (pi, q) in PERCENTIELEN.iter().enumerate() {
                        p[m][pi] = cent(percentiel(v, *q));
                    }
                }
                // Exactness at zero spread: a value equal to the scenario in f64 is the exact
                // scenario amount.
                let saldo_exact = k.basis_exact[j][0] - k.basis_exact[j][1];
                let exact = [k.basis_exact[j][0], k.basis_exact[j][1], saldo_exact];
                for (rij, e) in p.iter_mut().zip(exact) {
                    for q in rij.iter_mut() {
                        if (f(*q) - f(e)).abs() < 0.005 {
                            *q = e;
                        }
                    }
                }
                let tekort = waarden[j * 3 + 2].iter().filter(|x| **x < -0.005).count();
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
            // reserve is never below a yearly one. (P90 of the negated values, as before, picks
            // the neighbouring rank and could fall a few hundred euros below it.)
            let mut cum = (-cent(percentiel(&mut diepste, 10.0))).max(Decimal::ZERO);
            cum.set_sign_positive(true);
            debug_assert!(reserve_jaar.iter().all(|r| *r <= cum));
            (banden, (k.naam.clone(), reserve_jaar, cum))
        })
        .collect();
    let mut banden = Vec::new();
    let mut reserve = Vec::new();
    for (b, r) in per_entiteit {
        banden.extend(b);
        reserve.push(r);
    }
    Risico { banden, reserve }
}

/// The whole risk run on validated data: exact responses, seeded draws, evaluation. Shared by
/// `raming risico` and the report.
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
    let mut c = coefficienten(d, inst, r)?;
    for k in &mut c {
        for j in 0..start {
            k.route_laag[j] = [0.0; 2];
            k.route_delta[j] = [0.0; 2];
        }
    }
    let mut tr = trek(r, jaren.len());
    for rij in &mut tr.factoren {
        for f in rij.iter_mut().take(start) {
            *f = 1.0;
        }
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
