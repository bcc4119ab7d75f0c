//! Scenario comparison: per gemeente, group and year the saldo of each scenario (None where a
//! scenario lacks the name or year); the renderers show them beside each other with the
//! differences against the first.

use crate::Run;
use crate::fout::{Fout, InvoerFout, Resultaat};
use crate::ledger::Saldo;
use crate::rapport::cijfers;
use crate::rapport::tabel::{Cel, Tabel};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Per scenario, the saldo of one name and year (None when the scenario lacks it).
pub type PerScenario = Vec<Option<Saldo>>;

pub struct Vergelijking {
    pub scenarios: Vec<String>,
    /// Gemeenten, then groups, in the order of the first scenario's data.
    pub namen: Vec<String>,
    pub jaren: Vec<i32>,
    /// (name, year) → per scenario (None when the scenario lacks that year or name).
    pub waarden: Vec<((String, i32), PerScenario)>,
}

/// The saldi of several scenarios side by side: every gemeente and group of any scenario, every
/// year of any; scenario names must differ.
pub fn maak(runs: &[Run]) -> Resultaat<Vergelijking> {
    let scenarios = scenarionamen(runs)?;
    // Per run the names it knows (gemeenten and groups), as sets: 10.000 gemeenten × years ×
    // runs are looked up.
    let mut bekend: Vec<HashSet<&str>> = Vec::new();
    let mut namen: Vec<String> = Vec::new();
    let mut gezien: HashSet<&str> = HashSet::new();
    let mut jaren: Vec<i32> = Vec::new();
    for r in runs {
        let d = &r.gegevens;
        let mut kent = HashSet::new();
        for n in d
            .gemeenten
            .lijst
            .iter()
            .map(|g| &g.naam)
            .chain(d.groepen.iter().map(|g| &g.naam))
        {
            kent.insert(n.as_str());
            if gezien.insert(n) {
                namen.push(n.clone());
            }
        }
        bekend.push(kent);
        jaren.extend(r.uitkomst.jaren.iter().copied());
    }
    jaren.sort();
    jaren.dedup();
    let mut waarden = Vec::new();
    for n in &namen {
        for j in &jaren {
            let per: Vec<Option<Saldo>> = runs
                .iter()
                .zip(&bekend)
                .map(|(r, b)| saldo_in(r, b.contains(n.as_str()), n, *j))
                .collect();
            waarden.push(((n.clone(), *j), per));
        }
    }
    Ok(Vergelijking {
        scenarios,
        namen,
        jaren,
        waarden,
    })
}

/// The scenarios' names, in order; an error for a name given twice.
fn scenarionamen(runs: &[Run]) -> Resultaat<Vec<String>> {
    let mut scenarios: Vec<String> = Vec::new();
    for r in runs {
        if scenarios.contains(&r.scenario.naam) {
            return Err(Fout::Invoer(InvoerFout::new(
                crate::fout::Herkomst::new(r.scenario.pad.display().to_string(), 0),
                "naam",
                format!(
                    "scenario '{}' staat al in de vergelijking; verwacht scenario's met verschillende namen",
                    r.scenario.naam
                ),
            )));
        }
        scenarios.push(r.scenario.naam.clone());
    }
    Ok(scenarios)
}

/// A scenario's saldo of a gemeente or group in a year: `None` where it lacks the year or the
/// name (`kent_naam`: a gemeente or group of its data), zero where it has both and booked
/// nothing.
fn saldo_in(r: &Run, kent_naam: bool, n: &str, j: i32) -> Option<Saldo> {
    (kent_naam && r.uitkomst.jaren.contains(&j)).then(|| {
        r.uitkomst
            .saldi
            .get(&(n.to_string(), j))
            .copied()
            .unwrap_or_default()
    })
}

/// `vergelijking.csv` (long format): per gemeente or group, year and scenario the exact baten,
/// lasten and saldo, and the differences against the first scenario (empty for the first
/// itself and where the first lacks the name or year).
pub fn tabel(v: &Vergelijking) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("scenario", "Scenario"),
        ("baten", "Baten"),
        ("lasten", "Lasten"),
        ("saldo", "Saldo"),
        ("verschil_baten", "Verschil baten"),
        ("verschil_lasten", "Verschil lasten"),
        ("verschil_saldo", "Verschil saldo"),
    ]);
    for ((naam, jaar), per) in &v.waarden {
        let referentie = per.first().copied().flatten();
        for (i, s) in per.iter().enumerate() {
            let Some(s) = s else { continue };
            let verschil = |x: fn(&Saldo) -> Decimal| match (i, referentie) {
                (0, _) | (_, None) => Cel::Leeg,
                (_, Some(r)) => Cel::Bedrag(x(s) - x(&r)),
            };
            t.rij(vec![
                Cel::tekst(naam),
                Cel::Geheel((*jaar).into()),
                Cel::tekst(&v.scenarios[i]),
                Cel::Bedrag(s.baten),
                Cel::Bedrag(s.lasten),
                Cel::Bedrag(s.saldo()),
                verschil(|s| s.baten),
                verschil(|s| s.lasten),
                verschil(|s| s.saldo()),
            ]);
        }
    }
    t
}

/// The years every scenario has for every name it has at all: the span a multi-year sum can
/// compare. Empty when the scenarios share no year.
pub fn gedeelde_jaren(v: &Vergelijking) -> Vec<i32> {
    v.jaren
        .iter()
        .copied()
        .filter(|j| {
            v.waarden
                .iter()
                .filter(|((_, x), _)| x == j)
                .all(|(_, per)| per.iter().all(|s| s.is_some()) || per.iter().all(|s| s.is_none()))
        })
        .collect()
}

/// The saldo over the shared years per gemeente and group for each scenario (whole euros,
/// rounded once) and after the first the difference against it (rounded once from the exact
/// difference); `None` when the scenarios share no year. The console table and the browser.
pub fn meerjarig(v: &Vergelijking) -> Option<(i32, i32, Tabel)> {
    let gedeeld = gedeelde_jaren(v);
    let (van, tot) = (*gedeeld.first()?, *gedeeld.last()?);
    let ids = scenario_kolommen(v, "gemeente / groep");
    let kolommen: Vec<(&str, &str)> = ids.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut t = Tabel::nieuw(&kolommen);
    for naam in &v.namen {
        let som = |i: usize| -> Option<Decimal> {
            let mut s = Decimal::ZERO;
            let mut gezien = false;
            for ((n, j), per) in &v.waarden {
                if n == naam
                    && gedeeld.contains(j)
                    && let Some(x) = per[i]
                {
                    s += x.saldo();
                    gezien = true;
                }
            }
            gezien.then_some(s)
        };
        let referentie = som(0);
        let mut rij = vec![Cel::tekst(naam)];
        for i in 0..v.scenarios.len() {
            let x = som(i);
            rij.push(
                x.map(|x| Cel::Euro(cijfers::meerjarig([x])))
                    .unwrap_or(Cel::Leeg),
            );
            if i > 0 {
                rij.push(
                    x.zip(referentie)
                        .map(|(a, b)| Cel::Euro(cijfers::verschil(a, b)))
                        .unwrap_or(Cel::Leeg),
                );
            }
        }
        t.rij(rij);
    }
    Some((van, tot, t))
}

/// The columns of a comparison: the gemeente or group (headed `kop`), then per scenario its
/// saldo and, after the first, its difference against the first.
fn scenario_kolommen(v: &Vergelijking, kop: &str) -> Vec<(String, String)> {
    std::iter::once(("gemeente".to_string(), kop.to_string()))
        .chain(v.scenarios.iter().enumerate().flat_map(|(i, n)| {
            let eigen = (format!("saldo_{i}"), n.clone());
            let verschil = (format!("verschil_{i}"), format!("Δ {n}"));
            if i == 0 {
                vec![eigen]
            } else {
                vec![eigen, verschil]
            }
        }))
        .collect()
}

/// One year: per gemeente and group the saldo of each scenario (whole euros) and the difference
/// against the first (of the displayed figures). The browser's comparison per year.
pub fn tabel_jaar(v: &Vergelijking, jaar: i32) -> Tabel {
    let ids = scenario_kolommen(v, "Gemeente / groep");
    let kolommen: Vec<(&str, &str)> = ids.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut t = Tabel::nieuw(&kolommen);
    for ((naam, j), per) in &v.waarden {
        if *j != jaar {
            continue;
        }
        let referentie = per.first().copied().flatten();
        let mut rij = vec![Cel::tekst(naam)];
        for (i, s) in per.iter().enumerate() {
            rij.push(
                s.map(|s| Cel::Euro(cijfers::meerjarig([s.saldo()])))
                    .unwrap_or(Cel::Leeg),
            );
            if i > 0 {
                rij.push(
                    s.zip(referentie)
                        .map(|(a, b)| Cel::Euro(cijfers::verschil(a.saldo(), b.saldo())))
                        .unwrap_or(Cel::Leeg),
                );
            }
        }
        t.rij(rij);
    }
    t
}
