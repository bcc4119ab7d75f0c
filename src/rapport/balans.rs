//! The BBV balance table: per gemeente, then per group. A group's positions are the sums of its
//! members' positions (not netted: one member's nog te ontvangen does not cancel another's
//! vooruitontvangen).

use crate::balans::Balansregel;
use crate::gegevens::Gegevens;
use crate::rapport::tabel::{Cel, Tabel};
use crate::uitkering::Regeling;
use rust_decimal::Decimal;

/// One row of `balans.csv`: the booked SPUK against the advances and the year-end positions.
pub struct BalansRij {
    pub naam: String,
    pub regel: Balansregel,
    pub nog_te_ontvangen: Decimal,
    pub vooruitontvangen: Decimal,
}

/// Per gemeente (in the engine's order), then per group and (year, regeling).
pub fn regels(d: &Gegevens, balans: &[Balansregel]) -> Vec<BalansRij> {
    let mut uit: Vec<BalansRij> = balans
        .iter()
        .map(|b| BalansRij {
            naam: d.gemeenten.naam(b.gemeente).to_string(),
            regel: b.clone(),
            nog_te_ontvangen: b.nog_te_ontvangen(),
            vooruitontvangen: b.vooruitontvangen(),
        })
        .collect();
    for gr in &d.groepen {
        let lid = gr.lidmaatschap(d.gemeenten.len());
        let mut sleutels: Vec<(i32, Regeling)> = balans
            .iter()
            .filter(|b| lid[b.gemeente])
            .map(|b| (b.jaar, b.regeling))
            .collect();
        sleutels.sort_by_key(|(j, r)| (*j, r.id()));
        sleutels.dedup();
        for (jaar, regeling) in sleutels {
            let leden: Vec<&Balansregel> = balans
                .iter()
                .filter(|b| b.jaar == jaar && b.regeling == regeling && lid[b.gemeente])
                .collect();
            uit.push(BalansRij {
                naam: gr.naam.clone(),
                regel: Balansregel {
                    gemeente: 0,
                    jaar,
                    regeling,
                    baten: leden.iter().map(|b| b.baten).sum(),
                    voorschotten: leden.iter().map(|b| b.voorschotten).sum(),
                },
                nog_te_ontvangen: leden.iter().map(|b| b.nog_te_ontvangen()).sum(),
                vooruitontvangen: leden.iter().map(|b| b.vooruitontvangen()).sum(),
            });
        }
    }
    uit
}

/// `balans.csv`: the SPUK booked as baten against the advances and the year-end positions.
pub fn tabel(scenario: &str, d: &Gegevens, balans: &[Balansregel]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("regeling", "Regeling"),
        ("spuk_baten", "SPUK als baten"),
        ("voorschotten", "Voorschotten"),
        ("nog_te_ontvangen", "Nog te ontvangen"),
        ("vooruitontvangen", "Vooruitontvangen"),
    ]);
    for r in regels(d, balans) {
        t.rij(vec![
            Cel::tekst(scenario),
            Cel::tekst(r.naam),
            Cel::Geheel(r.regel.jaar.into()),
            Cel::tekst(r.regel.regeling.id()),
            Cel::Bedrag(r.regel.baten),
            Cel::Bedrag(r.regel.voorschotten),
            Cel::Bedrag(r.nog_te_ontvangen),
            Cel::Bedrag(r.vooruitontvangen),
        ]);
    }
    t
}
