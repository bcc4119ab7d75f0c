//! Scenario comparison: per gemeente, group and year the saldo of each scenario (None where a
//! scenario lacks the name or year); the renderers show them beside each other with the
//! differences against the first.

use crate::Run;
use crate::fout::{Fout, InvoerFout, Resultaat};
use crate::ledger::Saldo;

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
