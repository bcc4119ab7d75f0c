//! Actuals (realisatie) against the budget (raming): variance per gemeente, group and post, split
//! for volume-driven posts into a volume effect (Δ volume × budgeted price) and a price effect
//! (the rest: Δ price × actual volume), so the two add up to the difference exactly. Posts whose
//! difference passes a threshold are flagged for an explanation.

use crate::fout::InvoerFout;
use crate::gegevens::Gegevens;
use crate::ledger::{Ledger, Soort};
use crate::post::PostId;
use crate::verdeelsleutel::op_centen;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

/// The actuals type lives with the other validated input data.
pub use crate::gegevens::Realisatie;

/// Above which difference a post needs an explanation: an amount or a percentage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drempel {
    pub bedrag: Decimal,
    pub percentage: Decimal,
}

impl Drempel {
    /// Whether a variance needs an explanation: its amount or its percentage reaches the
    /// threshold (without a percentage, a planned 0: any difference).
    pub fn overschreden(&self, v: &Verschil) -> bool {
        let bedrag = v.verschil().abs() >= self.bedrag;
        let pct = match v.procent() {
            Some(p) => p.abs() >= self.percentage,
            None => !v.verschil().is_zero(),
        };
        bedrag || pct
    }
}

impl Default for Drempel {
    fn default() -> Self {
        Drempel {
            bedrag: Decimal::from(25_000),
            percentage: Decimal::TEN,
        }
    }
}

/// One line of the variance analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Verschil {
    /// Gemeente or group name.
    pub naam: String,
    pub is_groep: bool,
    pub jaar: i32,
    pub soort: Soort,
    pub post: PostId,
    pub omschrijving: String,
    pub raming: Decimal,
    pub realisatie: Decimal,
    /// For volume-driven posts: (volume effect, price effect), adding up to the difference.
    pub effecten: Option<(Decimal, Decimal)>,
    pub toelichting_nodig: bool,
}

impl Verschil {
    /// Realisatie − raming: for baten + is more income, for lasten + is more cost.
    pub fn verschil(&self) -> Decimal {
        self.realisatie - self.raming
    }

    /// The difference as a percentage of the raming (None when the raming is 0).
    pub fn procent(&self) -> Option<Decimal> {
        (!self.raming.is_zero()).then(|| {
            let mut p = (self.verschil() / self.raming * Decimal::ONE_HUNDRED).round_dp(1);
            p.rescale(1);
            p
        })
    }
}

/// A variance split into a volume effect (the raming per counted head × the change in heads
/// counted, `vb` budgeted and `va` realised, to the cent) and a price effect (the rest), so the
/// two add up to the variance exactly.
fn volume_en_prijs(
    raming: Decimal,
    realisatie: Decimal,
    vb: Decimal,
    va: Decimal,
) -> (Decimal, Decimal) {
    let volume = if vb.is_zero() {
        Decimal::ZERO
    } else {
        op_centen((va - vb) * (raming / vb))
    };
    (volume, realisatie - raming - volume)
}

/// The posts of year `j`: the budget's, plus posts booked that year without a budget line that
/// year (described as the budget's first line of that post, `eerste`).
fn posten_met_realisatie(
    begroting: &Ledger,
    d: &Gegevens,
    j: i32,
    eerste: &FxHashMap<&str, &crate::ledger::Boeking>,
) -> Vec<crate::ledger::PostInfo> {
    let mut posten = begroting.posten(j);
    for r in d.realisatie.iter().filter(|r| r.jaar == j) {
        if !posten.iter().any(|p| p.post == r.post)
            && let Some(b) = eerste.get(r.post.as_str())
        {
            posten.push(crate::ledger::PostInfo {
                soort: b.soort,
                post: b.post.clone(),
                label: b.label.clone(),
                jaar: j,
            });
        }
    }
    posten
}

/// Posts whose amount follows the number of people counted.
pub fn volume_gedreven(post: &PostId) -> bool {
    post.is_spuk() || post.is_voorziening()
}

/// The distinct post ids of the budget (of one gemeente), sorted: for messages.
fn posten_van(begroting: &Ledger, gemeente: Option<usize>) -> Vec<&str> {
    let mut posten: Vec<&str> = begroting
        .boekingen
        .iter()
        .filter(|b| gemeente.is_none_or(|g| b.gemeente == g))
        .map(|b| b.post.as_str())
        .collect();
    posten.sort();
    posten.dedup();
    posten
}

/// The actuals by gemeente, year and post: the first row of each (as a search in file order
/// finds it), for lookups inside loops over the ledger or over gemeenten.
pub fn per_gemeente_jaar_post(
    d: &Gegevens,
) -> FxHashMap<(usize, i32, &str), &crate::gegevens::Realisatie> {
    let mut uit = FxHashMap::default();
    for r in &d.realisatie {
        uit.entry((r.gemeente, r.jaar, r.post.as_str()))
            .or_insert(r);
    }
    uit
}

/// Checks the actuals against the scenario: a known post (in the budget's ledger), a year inside
/// the scenario.
pub fn check(d: &Gegevens, begroting: &Ledger, van: i32, tot: i32) -> Result<(), InvoerFout> {
    if d.realisatie.is_empty() {
        return Ok(());
    }
    // The posts of the budget and of each gemeente, once (a scan per row was quadratic).
    let posten: FxHashSet<&str> = begroting
        .boekingen
        .iter()
        .map(|b| b.post.as_str())
        .collect();
    let eigen: FxHashSet<(&str, usize)> = begroting
        .boekingen
        .iter()
        .map(|b| (b.post.as_str(), b.gemeente))
        .collect();
    for r in &d.realisatie {
        if !(van..=tot).contains(&r.jaar) {
            return Err(InvoerFout::new(
                r.herkomst.clone(),
                "jaar",
                format!(
                    "{} ligt buiten de jaren van het scenario ({van}–{tot}); verwacht een jaar daarbinnen",
                    r.jaar
                ),
            ));
        }
        if !posten.contains(r.post.as_str()) {
            let posten = posten_van(begroting, None);
            return Err(InvoerFout::new(
                r.herkomst.clone(),
                "post",
                format!(
                    "onbekende post '{}'; verwacht een post uit de begroting: {}",
                    r.post,
                    posten.join(", ")
                ),
            ));
        }
        // A post the gemeente never carries (e.g. a regional post it does not take part in).
        if !eigen.contains(&(r.post.as_str(), r.gemeente)) {
            let posten = posten_van(begroting, Some(r.gemeente));
            return Err(InvoerFout::new(
                r.herkomst.clone(),
                "post",
                format!(
                    "{} heeft geen post '{}' in de begroting (neemt er niet aan deel); \
                     verwacht een post van deze gemeente: {}",
                    d.gemeenten.naam(r.gemeente),
                    r.post,
                    posten.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// The variance analysis for the years that have actuals (or only `jaar`): per gemeente and
/// post, then per group (sums over members). `geteld_raming` / `geteld_realisatie` give the
/// people counted in a gemeente and year under the budget's and the realised volumes.
pub fn verschillen(
    d: &Gegevens,
    begroting: &Ledger,
    jaar: Option<i32>,
    drempel: Drempel,
    geteld_raming: &dyn Fn(usize, i32) -> Decimal,
    geteld_realisatie: &dyn Fn(usize, i32) -> Decimal,
) -> Vec<Verschil> {
    let mut jaren: Vec<i32> = d
        .realisatie
        .iter()
        .map(|r| r.jaar)
        .filter(|j| jaar.is_none_or(|x| x == *j))
        .collect();
    jaren.sort();
    jaren.dedup();
    if jaren.is_empty() {
        return Vec::new();
    }
    // Indexes (the first row or booking of each key, as a search in file order finds), so the
    // cost is linear in gemeenten × posts and the actuals.
    let mut eerste: FxHashMap<&str, &crate::ledger::Boeking> = FxHashMap::default();
    for b in &begroting.boekingen {
        eerste.entry(b.post.as_str()).or_insert(b);
    }
    let bron = Bronnen {
        d,
        per_post: begroting.per_post(),
        geboekt_per: per_gemeente_jaar_post(d),
        met_realisatie: d.realisatie.iter().map(|r| (r.gemeente, r.jaar)).collect(),
        eerste_volume: eerste_volume(d),
        geteld_raming,
        geteld_realisatie,
    };
    let mut uit = Vec::new();
    for j in jaren {
        let posten = posten_met_realisatie(begroting, d, j, &eerste);
        let (per_gemeente, gemeente_van) = bron.per_gemeente(j, &posten);
        uit.extend(groepsregels(d, &posten, &per_gemeente, &gemeente_van, j));
        uit.splice(0..0, per_gemeente);
    }
    for v in &mut uit {
        v.toelichting_nodig = drempel.overschreden(v);
    }
    uit.sort_by_key(|v| (v.jaar, v.is_groep));
    uit
}

/// Per gemeente its first year with realised volumes (a search of the rows per gemeente and
/// post would be quadratic in gemeenten).
fn eerste_volume(d: &Gegevens) -> FxHashMap<usize, i32> {
    let mut eerste: FxHashMap<usize, i32> = FxHashMap::default();
    for r in &d.instroom_realisatie.regels {
        let j = eerste.entry(r.gemeente).or_insert(r.jaar);
        *j = (*j).min(r.jaar);
    }
    eerste
}

/// The budget and the actuals, indexed once, that the variance lines read.
struct Bronnen<'a> {
    d: &'a Gegevens,
    per_post: FxHashMap<(usize, i32, Soort, &'a str), Decimal>,
    geboekt_per: FxHashMap<(usize, i32, &'a str), &'a crate::gegevens::Realisatie>,
    met_realisatie: FxHashSet<(usize, i32)>,
    /// Per gemeente its first year with realised volumes.
    eerste_volume: FxHashMap<usize, i32>,
    geteld_raming: &'a dyn Fn(usize, i32) -> Decimal,
    geteld_realisatie: &'a dyn Fn(usize, i32) -> Decimal,
}

impl Bronnen<'_> {
    /// The gemeenten's variance lines of year `j`, with the gemeente of each line. A gemeente
    /// without any actuals that year has no export yet: no variance lines.
    fn per_gemeente(
        &self,
        j: i32,
        posten: &[crate::ledger::PostInfo],
    ) -> (Vec<Verschil>, Vec<usize>) {
        let mut per_gemeente: Vec<Verschil> = Vec::new();
        let mut gemeente_van: Vec<usize> = Vec::new();
        for g in (0..self.d.gemeenten.len()).filter(|g| self.met_realisatie.contains(&(*g, j))) {
            for p in posten {
                if let Some(v) = self.verschil(g, j, p) {
                    gemeente_van.push(g);
                    per_gemeente.push(v);
                }
            }
        }
        (per_gemeente, gemeente_van)
    }

    /// A gemeente's variance line of a post in year `j`; none where neither budget nor
    /// actuals have the post.
    fn verschil(&self, g: usize, j: i32, p: &crate::ledger::PostInfo) -> Option<Verschil> {
        let sleutel = (g, j, p.soort, p.post.as_str());
        let raming = self.per_post.get(&sleutel).copied().unwrap_or_default();
        let geboekt = self.geboekt_per.get(&(g, j, p.post.as_str())).copied();
        if geboekt.is_none() && !self.per_post.contains_key(&sleutel) {
            return None;
        }
        let realisatie = geboekt.map(|r| r.bedrag).unwrap_or_default();
        let heeft_volumes = self.eerste_volume.get(&g).is_some_and(|e| *e <= j);
        let effecten = volume_gedreven(&p.post).then(|| {
            let vb = (self.geteld_raming)(g, j);
            let va = if heeft_volumes {
                (self.geteld_realisatie)(g, j)
            } else {
                vb
            };
            volume_en_prijs(raming, realisatie, vb, va)
        });
        Some(Verschil {
            naam: self.d.gemeenten.naam(g).to_string(),
            is_groep: false,
            jaar: j,
            soort: p.soort,
            post: p.post.clone(),
            omschrijving: p.omschrijving(),
            raming,
            realisatie,
            effecten,
            toelichting_nodig: false,
        })
    }
}

/// A group's variance lines of year `j`: per post the sums of its members' lines (each member
/// once; names are unique, so a member's line is the line of its index).
fn groepsregels(
    d: &Gegevens,
    posten: &[crate::ledger::PostInfo],
    per_gemeente: &[Verschil],
    gemeente_van: &[usize],
    j: i32,
) -> Vec<Verschil> {
    let mut uit = Vec::new();
    let regel: FxHashMap<(usize, Soort, &str), usize> = gemeente_van
        .iter()
        .zip(per_gemeente)
        .enumerate()
        .map(|(i, (g, v))| ((*g, v.soort, v.post.as_str()), i))
        .collect();
    for gr in &d.groepen {
        let mut leden_van = gr.leden.clone();
        leden_van.sort_unstable();
        leden_van.dedup();
        for p in posten {
            let leden: Vec<&Verschil> = leden_van
                .iter()
                .filter_map(|l| regel.get(&(*l, p.soort, p.post.as_str())))
                .map(|i| &per_gemeente[*i])
                .collect();
            if leden.is_empty() {
                continue;
            }
            let effecten = volume_gedreven(&p.post).then(|| {
                leden
                    .iter()
                    .filter_map(|v| v.effecten)
                    .fold((Decimal::ZERO, Decimal::ZERO), |a, e| {
                        (a.0 + e.0, a.1 + e.1)
                    })
            });
            uit.push(Verschil {
                naam: gr.naam.clone(),
                is_groep: true,
                jaar: j,
                soort: p.soort,
                post: p.post.clone(),
                omschrijving: p.omschrijving(),
                raming: leden.iter().map(|v| v.raming).sum(),
                realisatie: leden.iter().map(|v| v.realisatie).sum(),
                effecten,
                toelichting_nodig: false,
            });
        }
    }
    uit
}
