//! Output of `raming risico`: percentile bands per gemeente, group and year, the probability of a
//! deficit, the suggested risk reserve, a fan chart and a tornado chart per group, and a short
//! Dutch summary.

use crate::fout::Resultaat;
use crate::risico::Risico;
use crate::uitvoer::csv_bytes;
use crate::uitvoer::grafiek::{self, Grafiek};
use crate::uitvoer::opmaak::{euro, machine, veilige_tekst};

/// The files of `output/<naam>/risico/`.
pub fn bestanden(beeld: &Risicobeeld) -> Resultaat<Vec<(String, Vec<u8>)>> {
    let (scenario, r, jaren) = (beeld.scenario, beeld.uitkomst, beeld.jaren);
    let mut rijen = Vec::new();
    for b in &r.banden {
        for (m, maat) in ["baten", "lasten", "saldo"].iter().enumerate() {
            let mut rij = vec![
                veilige_tekst(scenario),
                veilige_tekst(&b.naam),
                b.jaar.to_string(),
                maat.to_string(),
            ];
            rij.extend(b.p[m].iter().map(|x| machine(*x)));
            rij.push(if m == 2 {
                format!("{:.4}", b.kans_tekort)
            } else {
                String::new()
            });
            rijen.push(rij);
        }
    }
    let mut kop = vec!["scenario", "gemeente", "jaar", "maat"];
    kop.extend(["p5", "p10", "p50", "p90", "p95"]);
    kop.push("kans_tekort");
    let mut uit = vec![("banden.csv".to_string(), csv_bytes(&kop, rijen)?)];
    let reserve: Vec<Vec<String>> = r
        .reserve
        .iter()
        .map(|(n, per_jaar, cum)| {
            let mut rij = vec![veilige_tekst(scenario), veilige_tekst(n)];
            rij.extend(per_jaar.iter().map(|x| machine(*x)));
            rij.push(machine(*cum));
            rij
        })
        .collect();
    let jaar_kop: Vec<String> = jaren.iter().map(|j| format!("reserve_{j}")).collect();
    let mut kop2: Vec<&str> = vec!["scenario", "gemeente"];
    kop2.extend(jaar_kop.iter().map(|s| s.as_str()));
    kop2.push("reserve_cumulatief");
    uit.push(("reserve.csv".to_string(), csv_bytes(&kop2, reserve)?));
    let grafieken: Vec<Grafiek> = grafieken(beeld)
        .into_iter()
        .flat_map(|(_, w, t)| std::iter::once(w).chain(t))
        .collect();
    uit.extend(
        grafiek::bestanden(&grafieken)?
            .into_iter()
            .map(|(n, b)| (n.replacen("grafieken/", "", 1), b)),
    );
    Ok(uit)
}

pub use crate::rapport::risico::{Risicobeeld, grafiek_namen, grafieken};

/// Whom the summary names: the groups, or every gemeente when there are none.
fn samengevat(r: &Risico) -> Vec<&String> {
    let g: Vec<&String> = r
        .banden
        .iter()
        .filter(|b| b.is_groep)
        .map(|b| &b.naam)
        .collect();
    let mut g = if g.is_empty() {
        r.banden.iter().map(|b| &b.naam).collect()
    } else {
        g
    };
    g.dedup();
    g
}

/// Short Dutch summary told forward: per group (or gemeente) the forecast year (`vanaf` on)
/// with the largest chance of a deficit, and the reserve over those years.
pub fn samenvatting(r: &Risico, trekkingen: usize, jaren: &[i32], vanaf: i32) -> String {
    let laatste = jaren.last().copied().unwrap_or(0);
    let mut s = format!(
        "Risico over {} trekkingen, prognosejaren {}–{}{}:\n",
        trekkingen,
        vanaf,
        laatste,
        if jaren.first().is_some_and(|j| *j < vanaf) {
            format!(
                " (eerdere jaren, {}–{}, liggen vast en tellen niet mee)",
                jaren.first().unwrap_or(&0),
                vanaf - 1
            )
        } else {
            String::new()
        }
    );
    for naam in samengevat(r) {
        let banden: Vec<_> = r
            .banden
            .iter()
            .filter(|b| &b.naam == naam && b.jaar >= vanaf)
            .collect();
        // The largest chance; on a tie the later year (the structural position).
        let slechtst = banden.iter().max_by(|a, b| {
            a.kans_tekort
                .total_cmp(&b.kans_tekort)
                .then(a.jaar.cmp(&b.jaar))
        });
        let reserve = r
            .reserve
            .iter()
            .find(|(n, _, _)| n == naam)
            .map(|x| x.2)
            .unwrap_or_default();
        if slechtst.is_none_or(|b| b.kans_tekort == 0.0) {
            s.push_str(&format!(
                "- {naam}: in geen enkele trekking een tekort vanaf {vanaf}; geen risicoreserve nodig.\n"
            ));
            continue;
        }
        if let Some(b) = slechtst {
            s.push_str(&format!(
                "- {naam}: grootste kans op een tekort in {} ({:.0} %; P50-saldo {}); voorgestelde risicoreserve (P90 van het diepste aaneengesloten tekort, {vanaf}–{laatste}) {}.\n",
                b.jaar,
                b.kans_tekort * 100.0,
                euro(b.p[2][2]),
                euro(reserve)
            ));
        }
    }
    s
}
