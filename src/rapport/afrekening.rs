//! The SPUK settlement table: per gemeente, then per group (sums over its members).

use crate::berekening::Afrekening;
use crate::gegevens::Gegevens;
use crate::rapport::tabel::{Cel, Tabel};
use crate::uitkering::Regeling;
use rust_decimal::Decimal;

/// The settlement lines of a run: per gemeente, then per group (sums over its members), as
/// (name, settlement), per year the regular SPUK first, then the onderwijsroute. Shared by the
/// CSV, the workbook and the report.
pub fn regels(d: &Gegevens, afrekening: &[Afrekening]) -> Vec<(String, Afrekening)> {
    let mut uit: Vec<(String, Afrekening)> = afrekening
        .iter()
        .map(|a| (d.gemeenten.naam(a.gemeente).to_string(), a.clone()))
        .collect();
    let mut jaren: Vec<i32> = afrekening.iter().map(|a| a.jaar).collect();
    jaren.sort();
    jaren.dedup();
    let som = |xs: Vec<Option<Decimal>>| -> Option<Decimal> {
        xs.iter()
            .any(|x| x.is_some())
            .then(|| xs.iter().flatten().sum())
    };
    for gr in &d.groepen {
        let lid = gr.lidmaatschap(d.gemeenten.len());
        let mut per: std::collections::HashMap<(i32, Regeling), Vec<&Afrekening>> =
            std::collections::HashMap::new();
        for a in afrekening.iter().filter(|a| lid[a.gemeente]) {
            per.entry((a.jaar, a.regeling)).or_default().push(a);
        }
        for j in &jaren {
            for regeling in [Regeling::Voorzieningen, Regeling::Onderwijsroute] {
                let leden: Vec<&Afrekening> = per.get(&(*j, regeling)).cloned().unwrap_or_default();
                if leden.is_empty() {
                    continue;
                }
                // A group's figures: the known amounts and the best estimate summed over its
                // members; definitief only once every member is vastgesteld.
                let definitief = if leden.iter().all(|a| a.definitief.is_some()) {
                    Some(leden.iter().filter_map(|a| a.definitief).sum())
                } else {
                    None
                };
                uit.push((
                    gr.naam.clone(),
                    Afrekening {
                        gemeente: 0,
                        jaar: *j,
                        regeling,
                        beschikking: leden.iter().map(|a| a.beschikking).sum(),
                        voorlopig: som(leden.iter().map(|a| a.voorlopig).collect()),
                        nader_voorlopig: som(leden.iter().map(|a| a.nader_voorlopig).collect()),
                        nader_maand: None,
                        prognose: Some(leden.iter().map(|a| a.uitkomst()).sum()),
                        definitief,
                        voorschotten: leden.iter().map(|a| a.voorschotten).sum(),
                        op_realisatie: leden.iter().any(|a| a.op_realisatie),
                        vaststellingsjaar: j + 1,
                    },
                ));
            }
        }
    }
    uit
}

/// + nabetaling, − terugvordering, in words.
pub fn richting(v: Decimal) -> &'static str {
    if v.is_sign_positive() && !v.is_zero() {
        "nabetaling"
    } else if v.is_sign_negative() && !v.is_zero() {
        "terugvordering"
    } else {
        "geen"
    }
}

/// `afrekening.csv`: per gemeente and group, year and regeling: the beschikking in force (latest
/// status), the forecast, the definitieve beschikking, the expected nabetaling (+) or
/// terugvordering (−) = best estimate − advances, its status and cash year; then each known
/// amount (voorlopig, nader voorlopig with its month), the best estimate and the advances.
pub fn tabel(scenario: &str, d: &Gegevens, afrekening: &[Afrekening]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("beschikking", "Beschikking"),
        ("prognose", "Prognose"),
        ("definitief", "Definitief"),
        ("verschil", "Verschil"),
        ("richting", "Richting"),
        ("status", "Status"),
        ("vaststelling_jaar", "Vaststelling"),
        ("regeling", "Regeling"),
        ("voorlopig", "Voorlopig"),
        ("nader_voorlopig", "Nader voorlopig"),
        ("nader_maand", "Maand nader voorlopig"),
        ("beste_schatting", "Beste schatting"),
        ("voorschotten", "Voorschotten"),
    ]);
    for (naam, a) in regels(d, afrekening) {
        let v = a.verschil();
        t.rij(vec![
            Cel::tekst(scenario),
            Cel::tekst(naam),
            Cel::Geheel(a.jaar.into()),
            Cel::Bedrag(a.beschikking),
            Cel::bedrag_of_leeg(a.prognose),
            Cel::bedrag_of_leeg(a.definitief),
            Cel::Bedrag(v),
            Cel::tekst(richting(v)),
            Cel::tekst(a.status()),
            Cel::Geheel(a.vaststellingsjaar.into()),
            Cel::tekst(a.regeling.id()),
            Cel::bedrag_of_leeg(a.voorlopig),
            Cel::bedrag_of_leeg(a.nader_voorlopig),
            a.nader_maand
                .map(|m| Cel::Geheel(m.into()))
                .unwrap_or(Cel::Leeg),
            Cel::Bedrag(a.uitkomst()),
            Cel::Bedrag(a.voorschotten),
        ]);
    }
    t
}
