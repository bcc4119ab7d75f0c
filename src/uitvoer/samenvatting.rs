//! The short summary printed after a run: a Dutch table (displayed, sluitend figures of the
//! overview) or JSON for scripts (exact amounts as strings with two decimals).

use crate::rapport::Uitkomst;
use crate::rapport::tabel::{Cel, Tabel};
use crate::uitvoer::opmaak::{euro, machine};
use serde::Serialize;

pub fn tekst(u: &Uitkomst, omschrijving: &str) -> String {
    let mut s = format!("Scenario {}", u.scenario);
    if !omschrijving.is_empty() {
        s.push_str(&format!(": {omschrijving}"));
    }
    s.push('\n');
    for o in &u.overzichten {
        let (Some(b), Some(l), Some(sa)) = (
            o.rij("totaal_baten"),
            o.rij("totaal_lasten"),
            o.rij("saldo"),
        ) else {
            continue;
        };
        let breedte = o
            .kolommen
            .iter()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(8)
            .max(8);
        s.push_str(&format!(
            "\n{:<breedte$}  {:>15}  {:>15}  {:>15}\n",
            format!("Jaar {}", o.jaar),
            "baten",
            "lasten",
            "saldo"
        ));
        // Written into the text, not formatted per line: a national run prints a line per
        // gemeente and group per year.
        use std::fmt::Write as _;
        for (i, k) in o.kolommen.iter().enumerate() {
            if i == o.aantal_gemeenten {
                let _ = writeln!(s, "{}", "-".repeat(breedte + 51));
            }
            let _ = writeln!(
                s,
                "{:<breedte$}  {:>15}  {:>15}  {:>15}",
                k,
                euro(b.waarden[i]),
                euro(l.waarden[i]),
                euro(sa.waarden[i])
            );
        }
    }
    s
}

#[derive(Serialize)]
struct Json<'a> {
    scenario: &'a str,
    omschrijving: &'a str,
    jaren: Vec<JsonJaar<'a>>,
}

#[derive(Serialize)]
struct JsonJaar<'a> {
    jaar: i32,
    regels: Vec<JsonRegel<'a>>,
}

#[derive(Serialize)]
struct JsonRegel<'a> {
    naam: &'a str,
    /// `gemeente` or `groep`.
    soort: &'static str,
    baten: String,
    lasten: String,
    saldo: String,
}

pub fn json(u: &Uitkomst, omschrijving: &str) -> String {
    let jaren = u
        .overzichten
        .iter()
        .map(|o| JsonJaar {
            jaar: o.jaar,
            regels: o
                .kolommen
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    let s = u
                        .saldi
                        .get(&(k.clone(), o.jaar))
                        .copied()
                        .unwrap_or_default();
                    JsonRegel {
                        naam: k,
                        soort: if i < o.aantal_gemeenten {
                            "gemeente"
                        } else {
                            "groep"
                        },
                        baten: machine(s.baten),
                        lasten: machine(s.lasten),
                        saldo: machine(s.saldo()),
                    }
                })
                .collect(),
        })
        .collect();
    serde_json::to_string_pretty(&Json {
        scenario: &u.scenario,
        omschrijving,
        jaren,
    })
    .unwrap_or_default()
}

/// Short Dutch variance table: the displayed variance table (`rapport::verschillen::weergave`).
pub fn verschillen(v: &[crate::realisatie::Verschil]) -> String {
    tabel(&crate::rapport::verschillen::weergave(v))
}

/// A report table as aligned console text: text left, numbers right, amounts as `€ 1.234`, an
/// empty number as `–`. Headings are the Dutch column headings.
pub fn tabel(t: &Tabel) -> String {
    let tekst = |c: &Cel| -> String {
        match c {
            Cel::Tekst(x) => x.to_string(),
            Cel::Euro(x) => euro(*x),
            Cel::Bedrag(x) => crate::uitvoer::opmaak::euro_centen(*x),
            Cel::Getal(x) => crate::uitvoer::opmaak::decimaal(*x).replace('.', ","),
            Cel::Procent(x) => format!(
                "{} %",
                crate::uitvoer::opmaak::decimaal(*x).replace('.', ",")
            ),
            Cel::Geheel(x) => x.to_string(),
            Cel::Leeg => "–".into(),
        }
    };
    let cellen: Vec<Vec<String>> = t
        .rijen
        .iter()
        .map(|r| r.cellen.iter().map(tekst).collect())
        .collect();
    let rechts: Vec<bool> = (0..t.kolommen.len())
        .map(|c| {
            t.rijen
                .iter()
                .any(|r| !matches!(r.cellen[c], Cel::Tekst(_) | Cel::Leeg))
        })
        .collect();
    let breedte: Vec<usize> = (0..t.kolommen.len())
        .map(|c| {
            cellen
                .iter()
                .map(|r| r[c].chars().count())
                .chain([t.kolommen[c].kop.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let regel = |velden: Vec<&str>| -> String {
        let delen: Vec<String> = velden
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let b = breedte[c];
                if rechts[c] {
                    format!("{v:>b$}")
                } else {
                    format!("{v:<b$}")
                }
            })
            .collect();
        format!("{}\n", delen.join("  ").trim_end())
    };
    let mut s = regel(t.kolommen.iter().map(|k| k.kop.as_str()).collect());
    for r in &cellen {
        s.push_str(&regel(r.iter().map(|x| x.as_str()).collect()));
    }
    s
}
