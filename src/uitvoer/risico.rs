//! Output of `raming risico`: percentile bands per gemeente, group and year, the probability of a
//! deficit, the suggested risk reserve, a fan chart and a tornado chart per group, and a short
//! Dutch summary.

use crate::fout::Resultaat;
use crate::risico::{Coefficienten, PERCENTIELEN, Risico, RisicoInstellingen, tornado};
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

/// The files of `output/<naam>/risico/`.
pub fn bestanden(
    scenario: &str,
    r: &Risico,
    c: &[Coefficienten],
    inst: &RisicoInstellingen,
    jaren: &[i32],
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
    // Charts per group (or per gemeente when there are no groups).
    let groepen: Vec<&Coefficienten> = if c.iter().any(|k| k.is_groep) {
        c.iter().filter(|k| k.is_groep).collect()
    } else {
        c.iter().collect()
    };
    let mut grafieken = Vec::new();
    let (delen, _) = grafiek::unieke_bestandsnamen(&grafiek_namen(c));
    for (k, deel) in groepen.into_iter().zip(&delen) {
        let banden: Vec<_> = r.banden.iter().filter(|b| b.naam == k.naam).collect();
        let reeksen = PERCENTIELEN
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                (
                    format!("P{p}"),
                    banden
                        .iter()
                        .map(|b| b.p[2][pi].to_f64().unwrap_or(0.0))
                        .collect(),
                )
            })
            .collect();
        grafieken.push(Grafiek {
            naam: format!("waaier_{deel}"),
            titel: format!("Saldo per jaar: onzekerheid, {} ({scenario})", k.naam),
            as_label: "saldo (percentielen)".into(),
            soort: Soort::Lijnen {
                jaren: jaren.to_vec(),
                reeksen,
            },
        });
        let t = tornado(k, inst, jaren);
        if !t.is_empty() {
            grafieken.push(Grafiek {
                naam: format!("tornado_{deel}"),
                titel: format!(
                    "Invloed op het saldo {}–{}, {} ({scenario})",
                    jaren.first().unwrap_or(&0),
                    jaren.last().unwrap_or(&0),
                    k.naam
                ),
                as_label: "verandering saldo over alle jaren".into(),
                soort: Soort::Staven {
                    categorieen: t.iter().map(|x| x.0.clone()).collect(),
                    reeksen: vec![
                        ("laag (P5)".into(), t.iter().map(|x| x.1).collect()),
                        ("hoog (P95)".into(), t.iter().map(|x| x.2).collect()),
                    ],
                },
            });
        }
    }
    uit.extend(
        grafiek::bestanden(&grafieken)?
            .into_iter()
            .map(|(n, b)| (n.replacen("grafieken/", "", 1), b)),
    );
    Ok(uit)
}

/// Short Dutch summary: per group (or gemeente) the chance of a deficit and the reserve.
pub fn samenvatting(r: &Risico, trekkingen: usize, jaren: &[i32]) -> String {
    let mut s = format!(
        "Risico over {} trekkingen, {}–{}:\n",
        trekkingen,
        jaren.first().unwrap_or(&0),
        jaren.last().unwrap_or(&0)
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
        let banden: Vec<_> = r.banden.iter().filter(|b| &b.naam == naam).collect();
        let slechtst = banden
            .iter()
            .max_by(|a, b| a.kans_tekort.total_cmp(&b.kans_tekort));
        let reserve = r
            .reserve
            .iter()
            .find(|(n, _, _)| n == naam)
            .map(|x| x.2)
            .unwrap_or_default();
        if slechtst.is_some_and(|b| b.kans_tekort == 0.0) {
            s.push_str(&format!(
                "- {naam}: in geen enkele trekking een tekort; geen risicoreserve nodig.\n"
            ));
            continue;
        }
        if let Some(b) = slechtst {
            s.push_str(&format!(
                "- {naam}: grootste kans op een tekort in {} ({:.0} %; P50-saldo {}); voorgestelde risicoreserve (P90 van het diepste aaneengesloten tekort over de jaren) {}.\n",
                b.jaar,
                b.kans_tekort * 100.0,
                euro(b.p[2][2]),
                euro(reserve)
            ));
        }
    }
    s
}
