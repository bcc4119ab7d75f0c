//! Output of `raming risico`: percentile bands per gemeente, group and year, the probability of a
//! deficit, the suggested risk reserve, a fan chart and a tornado chart per group, and a short
//! Dutch summary.

use crate::fout::Resultaat;
use crate::risico::{Coefficienten, PERCENTIELEN, Risico, RisicoInstellingen, tornado_vanaf};
use crate::uitvoer::csv_bytes;
use crate::uitvoer::grafiek::{self, Grafiek, Soort};
use crate::uitvoer::opmaak::{euro, machine, veilige_tekst};
use rust_decimal::prelude::ToPrimitive;

/// The names whose fan and tornado charts are written: the groups, or every gemeente when there
/// are no groups. Their file name parts come from `grafiek::unieke_bestandsnamen`.
pub fn grafiek_namen(c: &[Coefficienten]) -> Vec<String> {
    let groepen = c.iter().any(|k| k.is_groep);
    c.iter()
        .filter(|k| k.is_groep || !groepen)
        .map(|k| k.naam.clone())
        .collect()
}

/// The files of `output/<naam>/risico/`. `vanaf` is the first forecast year: the tornado and
/// the summary look at it and later years.
pub fn bestanden(
    scenario: &str,
    r: &Risico,
    c: &[Coefficienten],
    inst: &RisicoInstellingen,
    jaren: &[i32],
    vanaf: i32,
) -> Resultaat<Vec<(String, Vec<u8>)>> {
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
    let grafieken: Vec<Grafiek> = grafieken(scenario, r, c, inst, jaren, vanaf)
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

/// Per group (or per gemeente when there are no groups): its name, the fan chart (the P5–P95
/// and P10–P90 bands shaded, the scenario's own saldo and the median as lines) and the tornado
/// over the forecast years (`vanaf` on), when any input varies.
pub fn grafieken(
    scenario: &str,
    r: &Risico,
    c: &[Coefficienten],
    inst: &RisicoInstellingen,
    jaren: &[i32],
    vanaf: i32,
) -> Vec<(String, Grafiek, Option<Grafiek>)> {
    let groepen: Vec<&Coefficienten> = if c.iter().any(|k| k.is_groep) {
        c.iter().filter(|k| k.is_groep).collect()
    } else {
        c.iter().collect()
    };
    let start = jaren.iter().position(|j| *j >= vanaf).unwrap_or(0);
    let laatste = jaren.last().copied().unwrap_or(0);
    let mut uit = Vec::new();
    let (delen, _) = grafiek::unieke_bestandsnamen(&grafiek_namen(c));
    for (k, deel) in groepen.into_iter().zip(&delen) {
        let banden: Vec<_> = r.banden.iter().filter(|b| b.naam == k.naam).collect();
        let p = |pi: usize| -> Vec<f64> {
            banden
                .iter()
                .map(|b| b.p[2][pi].to_f64().unwrap_or(0.0))
                .collect()
        };
        let eigen: Vec<f64> = k
            .basis_exact
            .iter()
            .map(|x| (x[0] - x[1]).to_f64().unwrap_or(0.0))
            .collect();
        debug_assert_eq!(PERCENTIELEN.len(), 5);
        let waaier = Grafiek {
            naam: format!("waaier_{deel}"),
            titel: format!("Saldo per jaar met onzekerheid, {} ({scenario})", k.naam),
            as_label: "saldo".into(),
            soort: Soort::Waaier {
                jaren: jaren.to_vec(),
                banden: vec![
                    ("P5–P95: 90 % kans".into(), p(0), p(4)),
                    ("P10–P90: 80 % kans".into(), p(1), p(3)),
                ],
                lijnen: vec![
                    ("Saldo in de raming".into(), eigen),
                    ("Middelste uitkomst (P50)".into(), p(2)),
                ],
            },
        };
        let t = tornado_vanaf(k, inst, jaren, start);
        let tornado = (!t.is_empty()).then(|| Grafiek {
            naam: format!("tornado_{deel}"),
            titel: format!(
                "Invloed op het saldo {}–{}, {} ({scenario})",
                jaren.get(start).unwrap_or(&0),
                laatste,
                k.naam
            ),
            as_label: format!(
                "verandering saldo {}–{laatste}",
                jaren.get(start).unwrap_or(&0)
            ),
            soort: Soort::Staven {
                categorieen: t.iter().map(|x| x.0.clone()).collect(),
                reeksen: vec![
                    ("laag (P5)".into(), t.iter().map(|x| x.1).collect()),
                    ("hoog (P95)".into(), t.iter().map(|x| x.2).collect()),
                ],
            },
        });
        uit.push((k.naam.clone(), waaier, tornado));
    }
    uit
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
    let groepen: Vec<&String> = {
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
    };
    for naam in groepen {
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
