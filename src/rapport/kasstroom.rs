//! The cash table: per gemeente, then per group (sums over its members).

use crate::gegevens::Gegevens;
use crate::kasstroom::Kasregel;
use crate::rapport::tabel::{Cel, Tabel};

/// The cash lines of a run: per gemeente, then per group (sums over its members; no status).
pub fn regels(d: &Gegevens, kasstroom: &[Kasregel], jaren: &[i32]) -> Vec<(String, Kasregel)> {
    let mut uit: Vec<(String, Kasregel)> = kasstroom
        .iter()
        .map(|k| (d.gemeenten.naam(k.gemeente).to_string(), k.clone()))
        .collect();
    for gr in &d.groepen {
        let lid = gr.lidmaatschap(d.gemeenten.len());
        let mut per_jaar: std::collections::HashMap<i32, Vec<&Kasregel>> =
            std::collections::HashMap::new();
        for k in kasstroom.iter().filter(|k| lid[k.gemeente]) {
            per_jaar.entry(k.jaar).or_default().push(k);
        }
        for &j in jaren {
            let leden: Vec<&Kasregel> = per_jaar.get(&j).cloned().unwrap_or_default();
            if leden.is_empty() {
                continue;
            }
            uit.push((
                gr.naam.clone(),
                Kasregel {
                    gemeente: 0,
                    jaar: j,
                    spuk_voorschotten: leden.iter().map(|k| k.spuk_voorschotten).sum(),
                    spuk_afrekening: leden.iter().map(|k| k.spuk_afrekening).sum(),
                    spuk_onderwijsroute: leden.iter().map(|k| k.spuk_onderwijsroute).sum(),
                    iu: leden.iter().map(|k| k.iu).sum(),
                    status: "",
                    afrekening_status: "",
                },
            ));
        }
    }
    uit
}

/// `kasstroom.csv`: cash received per gemeente and group and year, exact to the cent.
pub fn tabel(scenario: &str, d: &Gegevens, kasstroom: &[Kasregel], jaren: &[i32]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("spuk_voorschotten", "SPUK-voorschotten"),
        ("spuk_afrekening", "SPUK-afrekening"),
        ("spuk_onderwijsroute", "SPUK onderwijsroute"),
        ("iu", "Integratie-uitkering"),
        ("totaal", "Totaal"),
        ("status", "Status"),
        ("afrekening_status", "Status afrekening"),
    ]);
    for (naam, k) in regels(d, kasstroom, jaren) {
        t.rij(vec![
            Cel::tekst(scenario),
            Cel::tekst(naam),
            Cel::Geheel(k.jaar.into()),
            Cel::Bedrag(k.spuk_voorschotten),
            Cel::Bedrag(k.spuk_afrekening),
            Cel::Bedrag(k.spuk_onderwijsroute),
            Cel::Bedrag(k.iu),
            Cel::Bedrag(k.totaal()),
            Cel::tekst(k.status),
            Cel::tekst(k.afrekening_status),
        ]);
    }
    t
}
