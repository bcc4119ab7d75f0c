//! Output edge: ledger to files. Every file is rendered in memory first, then written into a
//! temporary folder beside the target and moved into place, so a failed run never leaves a
//! half-written output folder.

pub mod cijfers;
pub mod grafiek;
pub mod kalibratie;
pub mod opmaak;
pub mod overzicht;
pub mod rapport;
pub mod risico;
pub mod samenvatting;
pub mod schrijven;
pub mod tabel;
pub mod vergelijking;
pub mod waarschuwingen;
pub mod werkboek;

use crate::fout::{Fout, Resultaat};
use crate::gegevens::Gegevens;
use crate::ledger::{Ledger, Saldo};
use opmaak::{geheel, machine, veilige_tekst};
use overzicht::Overzicht;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Everything derived from one run, ready to render.
pub struct Uitkomst {
    pub scenario: String,
    pub jaren: Vec<i32>,
    pub overzichten: Vec<Overzicht>,
    /// Exact baten/lasten per column name (gemeente or group) and year.
    pub saldi: HashMap<(String, i32), Saldo>,
}

pub fn maak_uitkomst(
    scenario: &str,
    jaren: &[i32],
    ledger: &Ledger,
    d: &Gegevens,
) -> Resultaat<Uitkomst> {
    let overzichten = jaren
        .iter()
        .map(|j| overzicht::maak(ledger, d, *j))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Uitkomst {
        scenario: scenario.to_string(),
        jaren: jaren.to_vec(),
        overzichten,
        saldi: tabel::saldi(ledger, d)?,
    })
}

/// Plain machine CSV (`,`, CRLF, header row): the one writer behind every CSV output.
pub(crate) fn csv_bytes(
    kop: &[&str],
    rijen: impl IntoIterator<Item = Vec<String>>,
) -> Resultaat<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fout = |e: csv::Error| Fout::Tabel(e.to_string());
    w.write_record(kop).map_err(fout)?;
    for r in rijen {
        w.write_record(&r).map_err(fout)?;
    }
    w.into_inner().map_err(|e| Fout::Tabel(e.to_string()))
}

/// `begroting.csv`: the ledger, one row per gemeente, year and post, exact to the cent.
pub fn begroting_csv(scenario: &str, ledger: &Ledger, d: &Gegevens) -> Resultaat<Vec<u8>> {
    let mut regels: Vec<&crate::ledger::Boeking> = ledger.boekingen.iter().collect();
    // Per year, per gemeente; within a gemeente the ledger's post order is kept (stable sort).
    regels.sort_by_key(|b| (b.jaar, b.gemeente));
    csv_bytes(
        &[
            "scenario",
            "gemeente",
            "jaar",
            "soort",
            "post",
            "omschrijving",
            "bedrag",
        ],
        regels.into_iter().map(|b| {
            vec![
                veilige_tekst(scenario),
                veilige_tekst(d.gemeenten.naam(b.gemeente)),
                b.jaar.to_string(),
                b.soort.id().to_string(),
                veilige_tekst(&b.post),
                veilige_tekst(&b.omschrijving),
                machine(b.bedrag),
            ]
        }),
    )
}

/// `saldo.csv`: exact baten, lasten and saldo per gemeente and group and year.
pub fn saldo_csv(u: &Uitkomst, d: &Gegevens) -> Resultaat<Vec<u8>> {
    let namen = d
        .gemeenten
        .lijst
        .iter()
        .map(|g| g.naam.clone())
        .chain(d.groepen.iter().map(|g| g.naam.clone()));
    let mut rijen = Vec::new();
    for naam in namen {
        for j in &u.jaren {
            let s = u
                .saldi
                .get(&(naam.clone(), *j))
                .copied()
                .unwrap_or_default();
            rijen.push(vec![
                veilige_tekst(&u.scenario),
                veilige_tekst(&naam),
                j.to_string(),
                machine(s.baten),
                machine(s.lasten),
                machine(s.saldo()),
            ]);
        }
    }
    csv_bytes(
        &["scenario", "gemeente", "jaar", "baten", "lasten", "saldo"],
        rijen,
    )
}

/// `overzicht_<jaar>.csv`: the wide table in whole euros.
pub fn overzicht_csv(o: &Overzicht) -> Resultaat<Vec<u8>> {
    let mut kop = vec!["post", "omschrijving"];
    kop.extend(o.kolommen.iter().map(|s| s.as_str()));
    let kop_veilig: Vec<String> = kop.iter().map(|k| veilige_tekst(k)).collect();
    let kop_ref: Vec<&str> = kop_veilig.iter().map(|s| s.as_str()).collect();
    csv_bytes(
        &kop_ref,
        o.rijen.iter().map(|r| {
            let mut v = vec![veilige_tekst(&r.post), veilige_tekst(&r.omschrijving)];
            v.extend(r.waarden.iter().map(|x| geheel(*x)));
            v
        }),
    )
}

/// The settlement lines of a run: per gemeente, then per group (sums over its members), as
/// (name, settlement), per year the regular SPUK first, then the onderwijsroute. Shared by the
/// CSV, the workbook and the report.
pub fn afrekening_regels(run: &crate::Run) -> Vec<(String, crate::berekening::Afrekening)> {
    use crate::berekening::Afrekening;
    use crate::uitkering::Regeling;
    let d = &run.gegevens;
    let mut uit: Vec<(String, Afrekening)> = run
        .afrekening
        .iter()
        .map(|a| (d.gemeenten.naam(a.gemeente).to_string(), a.clone()))
        .collect();
    let mut jaren: Vec<i32> = run.afrekening.iter().map(|a| a.jaar).collect();
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
        for a in run.afrekening.iter().filter(|a| lid[a.gemeente]) {
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

/// `afrekening.csv`: SPUK settlement per gemeente and group and year: the beschikking in force
/// (latest status), the forecast from volumes, the definitieve beschikking, the expected
/// nabetaling (+) or terugvordering (−) = best estimate − advances, its status and cash year;
/// then each known amount (voorlopig, nader voorlopig with its month), the best estimate, the
/// advances received and the regeling.
pub fn afrekening_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    let opt = |x: Option<Decimal>| x.map(machine).unwrap_or_default();
    let rijen = afrekening_regels(run).into_iter().map(|(naam, a)| {
        let v = a.verschil();
        vec![
            veilige_tekst(&run.scenario.naam),
            veilige_tekst(&naam),
            a.jaar.to_string(),
            machine(a.beschikking),
            opt(a.prognose),
            opt(a.definitief),
            machine(v),
            richting(v).to_string(),
            a.status().to_string(),
            a.vaststellingsjaar.to_string(),
            a.regeling.id().to_string(),
            opt(a.voorlopig),
            opt(a.nader_voorlopig),
            a.nader_maand.map(|m| m.to_string()).unwrap_or_default(),
            machine(a.uitkomst()),
            machine(a.voorschotten),
        ]
    });
    csv_bytes(
        &[
            "scenario",
            "gemeente",
            "jaar",
            "beschikking",
            "prognose",
            "definitief",
            "verschil",
            "richting",
            "status",
            "vaststelling_jaar",
            "regeling",
            "voorlopig",
            "nader_voorlopig",
            "nader_maand",
            "beste_schatting",
            "voorschotten",
        ],
        rijen,
    )
}

/// The cash lines of a run: per gemeente, then per group (sums over its members; no status).
pub fn kasstroom_regels(run: &crate::Run) -> Vec<(String, crate::kasstroom::Kasregel)> {
    use crate::kasstroom::Kasregel;
    let d = &run.gegevens;
    let mut uit: Vec<(String, Kasregel)> = run
        .kasstroom
        .iter()
        .map(|k| (d.gemeenten.naam(k.gemeente).to_string(), k.clone()))
        .collect();
    for gr in &d.groepen {
        let lid = gr.lidmaatschap(d.gemeenten.len());
        let mut per_jaar: std::collections::HashMap<i32, Vec<&Kasregel>> =
            std::collections::HashMap::new();
        for k in run.kasstroom.iter().filter(|k| lid[k.gemeente]) {
            per_jaar.entry(k.jaar).or_default().push(k);
        }
        for j in run.scenario.instellingen.jaren() {
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

/// `balans.csv`: per gemeente and group and year with a beschikking, the SPUK booked as baten
/// against the advances received, and the year-end position: nog te ontvangen (overlopende
/// activa) or vooruitontvangen (overlopende passiva). A group's positions are the sums of its
/// members' (not netted).
pub fn balans_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    let d = &run.gegevens;
    let mut rijen: Vec<Vec<String>> = Vec::new();
    let rij = |naam: &str, b: &crate::balans::Balansregel, activa: Decimal, passiva: Decimal| {
        vec![
            run.scenario.naam.clone(),
            opmaak::veilige_tekst(naam),
            b.jaar.to_string(),
            b.regeling.id().to_string(),
            opmaak::machine(b.baten),
            opmaak::machine(b.voorschotten),
            opmaak::machine(activa),
            opmaak::machine(passiva),
        ]
    };
    for b in &run.balans {
        rijen.push(rij(
            d.gemeenten.naam(b.gemeente),
            b,
            b.nog_te_ontvangen(),
            b.vooruitontvangen(),
        ));
    }
    for gr in &d.groepen {
        let lid = gr.lidmaatschap(d.gemeenten.len());
        let mut sleutels: Vec<(i32, crate::uitkering::Regeling)> = run
            .balans
            .iter()
            .filter(|b| lid[b.gemeente])
            .map(|b| (b.jaar, b.regeling))
            .collect();
        sleutels.sort_by_key(|(j, r)| (*j, r.id()));
        sleutels.dedup();
        for (jaar, regeling) in sleutels {
            let leden: Vec<&crate::balans::Balansregel> = run
                .balans
                .iter()
                .filter(|b| b.jaar == jaar && b.regeling == regeling && lid[b.gemeente])
                .collect();
            let som = crate::balans::Balansregel {
                gemeente: 0,
                jaar,
                regeling,
                baten: leden.iter().map(|b| b.baten).sum(),
                voorschotten: leden.iter().map(|b| b.voorschotten).sum(),
            };
            let activa = leden.iter().map(|b| b.nog_te_ontvangen()).sum();
            let passiva = leden.iter().map(|b| b.vooruitontvangen()).sum();
            rijen.push(rij(&gr.naam, &som, activa, passiva));
        }
    }
    csv_bytes(
        &[
            "scenario",
            "gemeente",
            "jaar",
            "regeling",
            "spuk_baten",
            "voorschotten",
            "nog_te_ontvangen",
            "vooruitontvangen",
        ],
        rijen,
    )
}

/// `kasstroom.csv`: cash received per gemeente and group and year, exact to the cent.
pub fn kasstroom_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    csv_bytes(
        &[
            "scenario",
            "gemeente",
            "jaar",
            "spuk_voorschotten",
            "spuk_afrekening",
            "spuk_onderwijsroute",
            "iu",
            "totaal",
            "status",
            "afrekening_status",
        ],
        kasstroom_regels(run).into_iter().map(|(naam, k)| {
            vec![
                veilige_tekst(&run.scenario.naam),
                veilige_tekst(&naam),
                k.jaar.to_string(),
                machine(k.spuk_voorschotten),
                machine(k.spuk_afrekening),
                machine(k.spuk_onderwijsroute),
                machine(k.iu),
                machine(k.totaal()),
                k.status.to_string(),
                k.afrekening_status.to_string(),
            ]
        }),
    )
}

/// `verschillen.csv`: realisatie against raming per gemeente, group and post, with the volume
/// and price effects of volume-driven posts and the flag for posts that need an explanation.
pub fn verschillen_csv(
    scenario: &str,
    verschillen: &[crate::realisatie::Verschil],
) -> Resultaat<Vec<u8>> {
    csv_bytes(
        &[
            "scenario",
            "gemeente",
            "jaar",
            "soort",
            "post",
            "omschrijving",
            "raming",
            "realisatie",
            "verschil",
            "verschil_pct",
            "volume_effect",
            "prijs_effect",
            "toelichting_nodig",
        ],
        verschillen.iter().map(|v| {
            vec![
                veilige_tekst(scenario),
                veilige_tekst(&v.naam),
                v.jaar.to_string(),
                v.soort.id().to_string(),
                veilige_tekst(&v.post),
                veilige_tekst(&v.omschrijving),
                machine(v.raming),
                machine(v.realisatie),
                machine(v.verschil()),
                v.procent().map(opmaak::decimaal).unwrap_or_default(),
                v.effecten.map(|e| machine(e.0)).unwrap_or_default(),
                v.effecten.map(|e| machine(e.1)).unwrap_or_default(),
                if v.toelichting_nodig { "ja" } else { "nee" }.to_string(),
            ]
        }),
    )
}

/// The reserve lines of a run with `[reserve]`: per gemeente, then per group (sums over its
/// members), as (name, line). Shared by the CSV, the workbook, the chart and the report.
pub fn reserve_regels(run: &crate::Run) -> Vec<(String, crate::reserve::ReserveRegel)> {
    let Some(r) = &run.reserve else {
        return Vec::new();
    };
    let d = &run.gegevens;
    let mut uit = Vec::new();
    for (g, regels) in r.per_gemeente.iter().enumerate() {
        for l in regels {
            uit.push((d.gemeenten.naam(g).to_string(), *l));
        }
    }
    for gr in &d.groepen {
        for l in crate::reserve::groep(r, gr) {
            uit.push((gr.naam.clone(), l));
        }
    }
    uit
}

/// `bestemmingsreserve.csv` (only with `[reserve]`): per gemeente and group and year the
/// opening balance, addition, withdrawal, closing balance and the result before and after
/// bestemming, exact to the cent.
pub fn bestemmingsreserve_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    csv_bytes(
        &[
            "gemeente",
            "jaar",
            "beginsaldo",
            "toevoeging",
            "onttrekking",
            "eindsaldo",
            "resultaat_voor_bestemming",
            "resultaat_na_bestemming",
        ],
        reserve_regels(run).into_iter().map(|(naam, l)| {
            vec![
                veilige_tekst(&naam),
                l.jaar.to_string(),
                machine(l.beginsaldo),
                machine(l.toevoeging),
                machine(l.onttrekking),
                machine(l.eindsaldo),
                machine(l.resultaat_voor),
                machine(l.resultaat_na),
            ]
        }),
    )
}

/// `uitgangspunten.csv`: the scenario's settings (after inheritance) and where it came from.
pub fn uitgangspunten_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    let s = &run.scenario;
    let mut rijen = vec![
        vec![
            "scenario".to_string(),
            "naam".to_string(),
            veilige_tekst(&s.naam),
        ],
        vec![
            "scenario".to_string(),
            "omschrijving".to_string(),
            veilige_tekst(&s.omschrijving),
        ],
        vec![
            "scenario".to_string(),
            "bestand".to_string(),
            veilige_tekst(&s.pad.display().to_string()),
        ],
    ];
    for o in &s.ouders {
        rijen.push(vec![
            "scenario".into(),
            "ouder".into(),
            veilige_tekst(&o.display().to_string()),
        ]);
    }
    for (k, v) in &s.instellingen_tekst {
        rijen.push(vec![
            "instelling".into(),
            veilige_tekst(k),
            veilige_tekst(v),
        ]);
    }
    csv_bytes(&["soort", "sleutel", "waarde"], rijen)
}

/// The Dutch-Excel dialect of a CSV file we wrote: UTF-8 with BOM, `;` separator, decimal comma
/// in numbers, so that double-clicking it in Dutch Excel shows columns and amounts correctly.
/// A field is a number when it parses as one; text (already formula-neutralised) stays as is.
pub fn nl_dialect(csv_tekst: &[u8]) -> Resultaat<Vec<u8>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_tekst);
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    for rec in r.records() {
        let rec = rec.map_err(|e| Fout::Tabel(e.to_string()))?;
        let velden: Vec<String> = rec
            .iter()
            .map(|v| {
                if v.parse::<Decimal>().is_ok() {
                    v.replace('.', ",")
                } else {
                    v.to_string()
                }
            })
            .collect();
        w.write_record(&velden)
            .map_err(|e| Fout::Tabel(e.to_string()))?;
    }
    w.into_inner().map_err(|e| Fout::Tabel(e.to_string()))
}

/// All files of `output/<naam>/` for a run, rendered in memory.
pub fn bestanden(run: &crate::Run) -> Resultaat<Vec<(String, Vec<u8>)>> {
    let (u, d) = (&run.uitkomst, &run.gegevens);
    let mut b = vec![
        (
            "begroting.csv".to_string(),
            begroting_csv(&u.scenario, &run.ledger, d)?,
        ),
        ("saldo.csv".to_string(), saldo_csv(u, d)?),
        ("afrekening.csv".to_string(), afrekening_csv(run)?),
        ("kasstroom.csv".to_string(), kasstroom_csv(run)?),
        ("balans.csv".to_string(), balans_csv(run)?),
        ("uitgangspunten.csv".to_string(), uitgangspunten_csv(run)?),
        (
            "verschillen.csv".to_string(),
            verschillen_csv(&run.scenario.naam, &run.verschillen)?,
        ),
        // Always written, also when empty (header only): "no warnings" is visible.
        (
            "waarschuwingen.csv".to_string(),
            waarschuwingen::waarschuwingen_csv(&run.waarschuwingen)?,
        ),
        ("dekking.csv".to_string(), waarschuwingen::dekking_csv(run)?),
    ];
    if run.reserve.is_some() {
        b.push((
            "bestemmingsreserve.csv".to_string(),
            bestemmingsreserve_csv(run)?,
        ));
    }
    for o in &u.overzichten {
        b.push((format!("overzicht_{}.csv", o.jaar), overzicht_csv(o)?));
    }
    b.push(("begroting.xlsx".to_string(), werkboek::begroting(run)?));
    if run.scenario.grafieken {
        b.extend(grafiek::bestanden(&grafiek::voor_run(run))?);
    }
    if run.scenario.csv_nl {
        let nl: Vec<(String, Vec<u8>)> = b
            .iter()
            .filter(|(n, _)| n.ends_with(".csv"))
            .map(|(n, t)| Ok((format!("excel-nl/{n}"), nl_dialect(t)?)))
            .collect::<Resultaat<_>>()?;
        b.extend(nl);
    }
    Ok(b)
}

pub use schrijven::{MARKERING, schrijf_bestand, schrijf_map};
