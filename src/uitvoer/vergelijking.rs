//! Scenario comparison: baten, lasten and saldo per gemeente, group and year for each scenario,
//! and the differences against the first scenario (the reference). Exact amounts in the CSV; the
//! console table shows the saldo over all common years in whole euros.

use crate::fout::Resultaat;
use crate::ledger::Saldo;
use crate::rapport::cijfers;
use crate::uitvoer::csv_bytes;
use crate::uitvoer::opmaak::{euro, machine, veilige_tekst};
use rust_decimal::Decimal;

pub use crate::rapport::vergelijking::{PerScenario, Vergelijking, maak};

/// `vergelijking.csv` (long format): gemeente, jaar, scenario, baten, lasten, saldo and the
/// differences against the first scenario (empty for the first scenario itself).
pub fn csv(v: &Vergelijking) -> Resultaat<Vec<u8>> {
    let mut rijen = Vec::new();
    for ((naam, jaar), per) in &v.waarden {
        let referentie = per.first().copied().flatten();
        for (i, s) in per.iter().enumerate() {
            let Some(s) = s else { continue };
            let verschil = |x: fn(&Saldo) -> Decimal| match (i, referentie) {
                (0, _) | (_, None) => String::new(),
                (_, Some(r)) => machine(x(s) - x(&r)),
            };
            rijen.push(vec![
                veilige_tekst(naam),
                jaar.to_string(),
                veilige_tekst(&v.scenarios[i]),
                machine(s.baten),
                machine(s.lasten),
                machine(s.saldo()),
                verschil(|s| s.baten),
                verschil(|s| s.lasten),
                verschil(|s| s.saldo()),
            ]);
        }
    }
    csv_bytes(
        &[
            "gemeente",
            "jaar",
            "scenario",
            "baten",
            "lasten",
            "saldo",
            "verschil_baten",
            "verschil_lasten",
            "verschil_saldo",
        ],
        rijen,
    )
}

/// Short Dutch table: saldo over the years all scenarios share, per gemeente and group.
pub fn tekst(v: &Vergelijking) -> String {
    let gedeeld: Vec<i32> = v
        .jaren
        .iter()
        .copied()
        .filter(|j| {
            v.waarden
                .iter()
                .filter(|((_, x), _)| x == j)
                .all(|(_, per)| per.iter().all(|s| s.is_some()) || per.iter().all(|s| s.is_none()))
        })
        .collect();
    let (Some(van), Some(tot)) = (gedeeld.first().copied(), gedeeld.last().copied()) else {
        return "De scenario's hebben geen gemeenschappelijke jaren; zie vergelijking.csv voor de cijfers per jaar.\n".to_string();
    };
    let breedte = v
        .namen
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(8)
        .max(12);
    let kol = v
        .scenarios
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .max(15);
    let mut s = format!(
        "Saldo {van}–{tot} (som over de jaren) per scenario; verschil t.o.v. {}\n\n",
        v.scenarios[0]
    );
    s.push_str(&format!("{:<breedte$}", "gemeente / groep"));
    for (i, n) in v.scenarios.iter().enumerate() {
        s.push_str(&format!("  {n:>kol$}"));
        if i > 0 {
            s.push_str(&format!("  {:>kol$}", format!("Δ {n}")));
        }
    }
    s.push('\n');
    for naam in &v.namen {
        let som = |i: usize| -> Option<Decimal> {
            let mut t = Decimal::ZERO;
            let mut gezien = false;
            for ((n, j), per) in &v.waarden {
                if n == naam
                    && gedeeld.contains(j)
                    && let Some(x) = per[i]
                {
                    t += x.saldo();
                    gezien = true;
                }
            }
            gezien.then_some(t)
        };
        s.push_str(&format!("{naam:<breedte$}"));
        let referentie = som(0);
        for i in 0..v.scenarios.len() {
            let x = som(i);
            s.push_str(&format!(
                "  {:>kol$}",
                x.map(|x| euro(cijfers::meerjarig([x])))
                    .unwrap_or_else(|| "–".into())
            ));
            if i > 0 {
                let d = x
                    .zip(referentie)
                    .map(|(a, b)| euro(cijfers::verschil(a, b)))
                    .unwrap_or_else(|| "–".into());
                s.push_str(&format!("  {d:>kol$}"));
            }
        }
        s.push('\n');
    }
    s
}
