//! Scenario comparison: per gemeente, group and year the saldo of each scenario (None where a
//! scenario lacks the name or year); the renderers show them beside each other with the
//! differences against the first.

use crate::Run;
use crate::fout::{Fout, InvoerFout, Resultaat};
use crate::ledger::Saldo;
use crate::rapport::cijfers;
use crate::rapport::tabel::{Cel, Tabel};
use rust_decimal::Decimal;

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

pub fn maak(runs: &[Run]) -> Resultaat<Vergelijking> {
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
    let mut namen: Vec<String> = Vec::new();
    let mut jaren: Vec<i32> = Vec::new();
    for r in runs {
        let d = &r.gegevens;
        for n in d
            .gemeenten
            .lijst
            .iter()
            .map(|g| &g.naam)
            .chain(d.groepen.iter().map(|g| &g.naam))
        {
            if !namen.contains(n) {
                namen.push(n.clone());
            }
        }
        jaren.extend(r.uitkomst.jaren.iter().copied());
    }
    jaren.sort();
    jaren.dedup();
    let mut waarden = Vec::new();
    for n in &namen {
        for j in &jaren {
            let per: Vec<Option<Saldo>> = runs
                .iter()
                .map(|r| {
                    let bekend = r.uitkomst.jaren.contains(j)
                        && (r.gegevens.gemeenten.lijst.iter().any(|g| &g.naam == n)
                            || r.gegevens.groep(n).is_some());
                    bekend.then(|| {
                        r.uitkomst
                            .saldi
                            .get(&(n.clone(), *j))
                            .copied()
                            .unwrap_or_default()
                    })
                })
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

/// The years every scenario has for every name it has (the years a multi-year total compares).
fn gedeelde_jaren(v: &Vergelijking) -> Vec<i32> {
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

/// Per gemeente and group the saldo over the shared years per scenario (the exact sum rounded
/// once) and the difference of each scenario against the first (of the displayed totals).
pub fn tabel(v: &Vergelijking) -> Tabel {
    let gedeeld = gedeelde_jaren(v);
    let mut kolommen = vec![("naam".to_string(), "Gemeente / groep".to_string())];
    for (i, s) in v.scenarios.iter().enumerate() {
        kolommen.push((s.clone(), s.clone()));
        if i > 0 {
            kolommen.push((format!("verschil_{s}"), format!("Verschil {s}")));
        }
    }
    let k: Vec<(&str, &str)> = kolommen
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut t = Tabel::nieuw(&k);
    for naam in &v.namen {
        let som = |i: usize| -> Option<Decimal> {
            let mut totaal = Decimal::ZERO;
            let mut gezien = false;
            for ((n, j), per) in &v.waarden {
                if n == naam
                    && gedeeld.contains(j)
                    && let Some(x) = per[i]
                {
                    totaal += x.saldo();
                    gezien = true;
                }
            }
            gezien.then_some(totaal)
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
    t
}

/// The shared years the multi-year comparison covers, as `2022–2030` (empty without any).
pub fn periode(v: &Vergelijking) -> String {
    let g = gedeelde_jaren(v);
    match (g.first(), g.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// One year: per gemeente and group the saldo of each scenario (whole euros) and the difference
/// against the first.
pub fn tabel_jaar(v: &Vergelijking, jaar: i32) -> Tabel {
    let mut kolommen = vec![("naam".to_string(), "Gemeente / groep".to_string())];
    for (i, s) in v.scenarios.iter().enumerate() {
        kolommen.push((s.clone(), s.clone()));
        if i > 0 {
            kolommen.push((format!("verschil_{s}"), format!("Verschil {s}")));
        }
    }
    let k: Vec<(&str, &str)> = kolommen
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut t = Tabel::nieuw(&k);
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
