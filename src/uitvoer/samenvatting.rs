//! The short summary printed after a run: a Dutch table (displayed, sluitend figures of the
//! overview) or JSON for scripts (exact amounts as strings with two decimals).

use crate::uitvoer::Uitkomst;
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
        for (i, k) in o.kolommen.iter().enumerate() {
            if i == o.aantal_gemeenten {
                s.push_str(&format!("{}\n", "-".repeat(breedte + 51)));
            }
            s.push_str(&format!(
                "{:<breedte$}  {:>15}  {:>15}  {:>15}\n",
                k,
                euro(b.waarden[i]),
                euro(l.waarden[i]),
                euro(sa.waarden[i])
            ));
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

/// Short Dutch variance table: per gemeente/group and post the difference, effects and flag.
pub fn verschillen(v: &[crate::realisatie::Verschil]) -> String {
    let breedte = v
        .iter()
        .map(|x| x.naam.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let mut s = format!(
        "{:<breedte$}  {:>4}  {:<26}  {:>13}  {:>13}  {:>13}  {:>7}  {:>13}  {:>13}  toelichting\n",
        "gemeente / groep",
        "jaar",
        "post",
        "raming",
        "realisatie",
        "verschil",
        "%",
        "volume",
        "prijs"
    );
    for x in v {
        let post: String = x.post.chars().take(26).collect();
        s.push_str(&format!(
            "{:<breedte$}  {:>4}  {:<26}  {:>13}  {:>13}  {:>13}  {:>7}  {:>13}  {:>13}  {}\n",
            x.naam,
            x.jaar,
            post,
            euro(x.raming),
            euro(x.realisatie),
            euro(x.verschil()),
            x.procent()
                .map(|p| crate::uitvoer::opmaak::decimaal(p).replace('.', ","))
                .unwrap_or_else(|| "–".into()),
            x.effecten.map(|e| euro(e.0)).unwrap_or_else(|| "–".into()),
            x.effecten.map(|e| euro(e.1)).unwrap_or_else(|| "–".into()),
            if x.toelichting_nodig { "nodig" } else { "" }
        ));
    }
    s
}
