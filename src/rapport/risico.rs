//! The risk section's tables: the Monte Carlo run (`crate::risico`) summarised per group (or per
//! gemeente when there are no groups): saldo percentiles, the chance of a deficit and the
//! suggested reserve per year, and the reserve over the years. Computed here, once; the report
//! only renders it.

use crate::berekening::Instellingen;
use crate::fout::InvoerFout;
use crate::gegevens::Gegevens;
use crate::rapport::cijfers::hele_euros;
use crate::rapport::grafiek::{self, Grafiek, Soort};
use crate::rapport::tabel::{Cel, Tabel};
use crate::risico::{
    Band, Coefficienten, PERCENTIELEN, Reserve, Risico, RisicoInstellingen, tornado_vanaf,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// One entity's risk table and its reserve over the years (displayed whole euros).
pub struct RisicoTabel {
    pub naam: String,
    pub tabel: Tabel,
    pub reserve_meerjarig: Option<Decimal>,
    /// The reserve over the years is nil exactly: at least 9 in 10 draws have no deficit.
    pub reserve_nul: bool,
}

/// The risk section: the run's settings in words and a table per group.
pub struct RisicoRapport {
    /// First forecast year: the tables, the tornado and the reserve look at it and later years.
    pub vanaf: i32,
    pub laatste: i32,
    pub trekkingen: usize,
    pub zaad: u64,
    /// The bron of each distribution, joined with "; ".
    pub bronnen: String,
    pub tabellen: Vec<RisicoTabel>,
    /// Per group: the year with the largest chance of a deficit (from `vanaf`), as the console's
    /// summary has it (one rule for both).
    pub kernpunten: Vec<Kernregel>,
    /// Per group: name, fan chart, tornado.
    pub grafieken: Vec<(
        String,
        crate::rapport::grafiek::Grafiek,
        Option<crate::rapport::grafiek::Grafiek>,
    )>,
}

/// A chance as a displayed percentage: whole percents (ties to even on the exact value of the
/// draw share), except that a chance above nil never shows as 0 % and one below certain never
/// as 100 %: those get the decimals that tell them apart (1 draw in 10.000: 0,01 %; 9.997 in
/// 10.000: 99,97 %). A reader must not read "no risk" where some draws have a deficit.
fn procent(kans: f64) -> Decimal {
    let x = Decimal::from_f64_retain(kans * 100.0).unwrap_or_default();
    let afgerond = |dp| x.round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven);
    let misleidend =
        |p: &Decimal| (kans > 0.0 && p.is_zero()) || (kans < 1.0 && *p == Decimal::ONE_HUNDRED);
    (0..=8)
        .map(afgerond)
        .find(|p| !misleidend(p))
        .unwrap_or_else(|| afgerond(0))
}

/// The report's risk section for a set of runs: the Monte Carlo of the first run with uncertain
/// inputs, told forward from its first forecast year (not before the year of the report date
/// `datum`, JJJJ-MM-DD). One place, so `raming rapport` and the browser's download carry the same
/// section.
pub fn voor_runs(runs: &[crate::Run], datum: &str) -> Result<Option<RisicoRapport>, InvoerFout> {
    let peiljaar = datum
        .parse::<jiff::civil::Date>()
        .ok()
        .map(|d| i32::from(d.year()));
    match runs
        .iter()
        .find(|r| r.scenario.risico.instroom.is_some() || r.scenario.risico.routes)
    {
        Some(r) => voor_rapport(
            &r.gegevens,
            &r.scenario.instellingen,
            &r.scenario.risico,
            &r.scenario.naam,
            crate::risico::eerste_prognosejaar(&r.gegevens, &r.scenario.instellingen, peiljaar),
        ),
        None => Ok(None),
    }
}

/// Runs the Monte Carlo of a scenario with uncertain inputs and shapes its tables; `None` when
/// the scenario has no `[risico]` distributions.
pub fn voor_rapport(
    d: &Gegevens,
    inst: &Instellingen,
    r: &RisicoInstellingen,
    scenario: &str,
    vanaf: i32,
) -> Result<Option<RisicoRapport>, InvoerFout> {
    if r.instroom.is_none() && !r.routes {
        return Ok(None);
    }
    let (c, uitkomst) = crate::risico::bereken_vanaf(d, inst, r, vanaf)?;
    let jaren: Vec<i32> = inst.jaren().collect();
    let per_naam = PerNaam::van(&uitkomst);
    let groepen = c.iter().any(|k| k.is_groep);
    let tabellen = c
        .iter()
        .filter(|k| k.is_groep || !groepen)
        .map(|k| {
            let reserve = per_naam.reserve.get(k.naam.as_str()).copied();
            RisicoTabel {
                naam: k.naam.clone(),
                tabel: bandentabel(per_naam.banden(&k.naam), reserve, vanaf),
                reserve_meerjarig: reserve.map(|r| hele_euros(r.2)),
                reserve_nul: reserve.is_none_or(|r| r.2.is_zero()),
            }
        })
        .collect();
    Ok(Some(RisicoRapport {
        vanaf,
        laatste: inst.jaar_tot,
        // The report's main text names no internal scenario name in a chart title.
        grafieken: grafieken_met(
            &Risicobeeld {
                scenario,
                uitkomst: &uitkomst,
                coefficienten: &c,
                instellingen: r,
                jaren: &jaren,
                vanaf,
            },
            "",
            &per_naam,
        ),
        kernpunten: kernregels(&uitkomst, vanaf),
        trekkingen: r.trekkingen,
        zaad: r.zaad,
        bronnen: r
            .bron
            .iter()
            .map(|(_, b)| b.clone())
            .collect::<Vec<_>>()
            .join("; "),
        tabellen,
    }))
}

/// `banden.csv`: per gemeente and group, year and measure (baten, lasten, saldo) the exact
/// percentiles, and for the saldo the chance of a deficit (four decimals).
pub fn banden(scenario: &str, r: &Risico) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("maat", "Maat"),
        ("p5", "P5"),
        ("p10", "P10"),
        ("p50", "P50"),
        ("p90", "P90"),
        ("p95", "P95"),
        ("kans_tekort", "Kans op tekort"),
    ]);
    for b in &r.banden {
        for (m, maat) in ["baten", "lasten", "saldo"].iter().enumerate() {
            let mut rij = vec![
                Cel::tekst(scenario),
                Cel::tekst(&b.naam),
                Cel::Geheel(b.jaar.into()),
                Cel::tekst(maat),
            ];
            rij.extend(b.p[m].iter().map(|x| Cel::Bedrag(*x)));
            rij.push(if m == 2 {
                Cel::Getal(kans_vier_decimalen(b.kans_tekort))
            } else {
                Cel::Leeg
            });
            t.rij(rij);
        }
    }
    t
}

/// A chance with four decimals, as `{:.4}` shows the f64 (half to even on its exact value).
fn kans_vier_decimalen(kans: f64) -> Decimal {
    let mut x = Decimal::from_f64_retain(kans)
        .unwrap_or_default()
        .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven);
    x.rescale(4);
    x
}

/// `reserve.csv`: per gemeente and group the suggested risk reserve per year and over the years,
/// exact.
pub fn reserve(scenario: &str, r: &Risico, jaren: &[i32]) -> Tabel {
    let mut koppen: Vec<(String, String)> = vec![
        ("scenario".into(), "Scenario".into()),
        ("gemeente".into(), "Gemeente / groep".into()),
    ];
    koppen.extend(
        jaren
            .iter()
            .map(|j| (format!("reserve_{j}"), format!("Reserve {j}"))),
    );
    koppen.push(("reserve_cumulatief".into(), "Reserve cumulatief".into()));
    let k: Vec<(&str, &str)> = koppen
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut t = Tabel::nieuw(&k);
    for (n, per_jaar, cum) in &r.reserve {
        let mut rij = vec![Cel::tekst(scenario), Cel::tekst(n)];
        rij.extend(per_jaar.iter().map(|x| Cel::Bedrag(*x)));
        rij.push(Cel::Bedrag(*cum));
        t.rij(rij);
    }
    t
}

/// A line of the console's risk summary: a group (or a gemeente where there are no groups), its
/// forecast year (from `vanaf`) with the largest chance of a deficit (on a tie the later year,
/// the structural position) with that chance as displayed (see [`procent`]) and the P50 saldo
/// in whole euros, `None` where no draw has a deficit; the suggested reserve in whole euros,
/// and whether it is nil exactly (then at least 9 in 10 draws have no deficit at all).
pub struct Kernregel {
    pub naam: String,
    pub slechtst: Option<(i32, Decimal, Decimal)>,
    pub reserve: Decimal,
    pub reserve_nul: bool,
}

/// A displayed chance as Dutch text: `12 %`, `0,3 %`.
pub fn kans_tekst(kans: Decimal) -> String {
    format!("{} %", crate::opmaak::decimaal(kans).replace('.', ","))
}

/// [`Kernregel`]s of the groups, or of every gemeente when there are none. One pass over the
/// bands and the reserves (10.000 gemeenten without groups have 100.000 bands).
pub fn kernregels(r: &Risico, vanaf: i32) -> Vec<Kernregel> {
    let groepen = r.banden.iter().any(|b| b.is_groep);
    // Per name, in the order of the bands: the largest chance (on a tie the later year, the
    // structural position, as `max_by` keeps the last of equals).
    let mut volgorde: Vec<(&str, Option<&Band>)> = Vec::new();
    let mut plek: HashMap<&str, usize> = HashMap::new();
    for b in r.banden.iter().filter(|b| b.is_groep || !groepen) {
        let i = *plek.entry(&b.naam).or_insert_with(|| {
            volgorde.push((&b.naam, None));
            volgorde.len() - 1
        });
        let slechtst = &mut volgorde[i].1;
        let hoger = |s: &Band| {
            b.kans_tekort
                .total_cmp(&s.kans_tekort)
                .then(b.jaar.cmp(&s.jaar))
                .is_ge()
        };
        if b.jaar >= vanaf && slechtst.is_none_or(hoger) {
            *slechtst = Some(b);
        }
    }
    let reserves = eerste_reserves(r);
    let reserve = |naam: &str| reserves.get(naam).map(|x| x.2).unwrap_or_default();
    volgorde
        .into_iter()
        .map(|(naam, slechtst)| (naam, slechtst, reserve(naam)))
        .map(|(naam, slechtst, cum)| Kernregel {
            naam: naam.to_string(),
            slechtst: slechtst
                .filter(|b| b.kans_tekort != 0.0)
                .map(|b| (b.jaar, procent(b.kans_tekort), hele_euros(b.p[2][2]))),
            reserve: hele_euros(cum),
            reserve_nul: cum.is_zero(),
        })
        .collect()
}

/// The bands (in year order) and the first reserve of each name, found once: 10.000 gemeenten
/// without groups have 100.000 bands, too many to search per name.
struct PerNaam<'a> {
    banden: HashMap<&'a str, Vec<&'a Band>>,
    reserve: HashMap<&'a str, &'a Reserve>,
}

impl<'a> PerNaam<'a> {
    fn van(r: &'a Risico) -> Self {
        let mut banden: HashMap<&str, Vec<&Band>> = HashMap::new();
        for b in &r.banden {
            banden.entry(b.naam.as_str()).or_default().push(b);
        }
        PerNaam {
            banden,
            reserve: eerste_reserves(r),
        }
    }

    fn banden(&self, naam: &str) -> &[&'a Band] {
        self.banden.get(naam).map_or(&[], Vec::as_slice)
    }
}

/// The first reserve of each name.
fn eerste_reserves(r: &Risico) -> HashMap<&str, &Reserve> {
    let mut reserve: HashMap<&str, &Reserve> = HashMap::new();
    for x in &r.reserve {
        reserve.entry(x.0.as_str()).or_insert(x);
    }
    reserve
}

/// An entity's saldo band, chance of a deficit and reserve per year from `vanaf`.
fn bandentabel(banden: &[&Band], reserve: Option<&Reserve>, vanaf: i32) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("jaar", "Jaar"),
        ("saldo_p5", "Saldo P5"),
        ("saldo_p50", "Saldo P50"),
        ("saldo_p95", "Saldo P95"),
        ("kans_tekort", "Kans op tekort"),
        ("reserve", "Reserve (P90-tekort)"),
    ]);
    for (j, b) in banden.iter().enumerate() {
        if b.jaar < vanaf {
            continue;
        }
        t.rij(vec![
            Cel::Geheel(b.jaar.into()),
            Cel::Euro(hele_euros(b.p[2][0])),
            Cel::Euro(hele_euros(b.p[2][2])),
            Cel::Euro(hele_euros(b.p[2][4])),
            Cel::Procent(procent(b.kans_tekort)),
            Cel::Euro(hele_euros(
                reserve
                    .and_then(|r| r.1.get(j).copied())
                    .unwrap_or_default(),
            )),
        ]);
    }
    t
}

/// An entity's fan chart: the P5–P95 and P10–P90 bands of its saldo shaded, the scenario's
/// own saldo and the median as lines.
fn waaier(achter: &str, banden: &[&Band], k: &Coefficienten, deel: &str, jaren: &[i32]) -> Grafiek {
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
    Grafiek {
        naam: format!("waaier_{deel}"),
        titel: format!("Saldo per jaar met onzekerheid, {}{achter}", k.naam),
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
    }
}

/// A computed risk evaluation with what its tables and charts are read against.
pub struct Risicobeeld<'a> {
    pub scenario: &'a str,
    pub uitkomst: &'a Risico,
    pub coefficienten: &'a [Coefficienten],
    pub instellingen: &'a RisicoInstellingen,
    pub jaren: &'a [i32],
    /// The first forecast year: the tornado and the summary look at it and later years.
    pub vanaf: i32,
}

/// Per group (or per gemeente when there are no groups): its name, the fan chart (the P5–P95
/// and P10–P90 bands shaded, the scenario's own saldo and the median as lines) and the tornado
/// over the forecast years (`vanaf` on), when any input varies.
pub fn grafieken(b: &Risicobeeld) -> Vec<(String, Grafiek, Option<Grafiek>)> {
    grafieken_met(b, &format!(" ({})", b.scenario), &PerNaam::van(b.uitkomst))
}

/// [`grafieken`] with `achter` after each title (the raad report leaves the scenario's
/// internal name out).
fn grafieken_met(
    b: &Risicobeeld,
    achter: &str,
    per_naam: &PerNaam,
) -> Vec<(String, Grafiek, Option<Grafiek>)> {
    let Risicobeeld {
        coefficienten: c,
        instellingen: inst,
        jaren,
        vanaf,
        ..
    } = *b;
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
        let waaier = waaier(achter, per_naam.banden(&k.naam), k, deel, jaren);
        let t = tornado_vanaf(k, inst, jaren, start);
        let tornado = (!t.is_empty()).then(|| Grafiek {
            naam: format!("tornado_{deel}"),
            titel: format!(
                "Invloed op het saldo {}–{}, {}{achter}",
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

/// The names whose fan and tornado charts are written: the groups, or every gemeente when there
/// are no groups. Their file name parts come from `grafiek::unieke_bestandsnamen`.
pub fn grafiek_namen(c: &[Coefficienten]) -> Vec<String> {
    let groepen = c.iter().any(|k| k.is_groep);
    c.iter()
        .filter(|k| k.is_groep || !groepen)
        .map(|k| k.naam.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The console, `banden.csv` and the report show a chance as the f64's own formatting did
    /// (`{:.0}` of the percentage, `{:.4}` of the chance): over every chance k/n of up to 400
    /// draws and k/2^m, ties included (1/8 = 12,5 % shows 12, as before); except that a chance
    /// above nil that would show 0 % (or below certain that would show 100 %) shows its first
    /// decimals that differ.
    #[test]
    fn chances_show_as_the_f64_formatting_did() {
        let breuken = (1..=400u32).flat_map(|n| (0..=n).map(move |k| (k, n)));
        let machten = (1..=14).flat_map(|m| (0..=(1u32 << m)).map(move |k| (k, 1u32 << m)));
        for (k, n) in breuken.chain(machten) {
            let kans = k as f64 / n as f64;
            let heel = format!("{:.0}", kans * 100.0);
            let p = procent(kans);
            if (heel == "0" && k > 0) || (heel == "100" && k < n) {
                assert!(
                    p > Decimal::ZERO && p < Decimal::ONE_HUNDRED && p.scale() >= 1,
                    "{k}/{n}: {p}"
                );
            } else {
                assert_eq!(p.to_string(), heel, "{k}/{n}");
            }
            assert_eq!(
                kans_vier_decimalen(kans).to_string(),
                format!("{kans:.4}"),
                "{k}/{n}"
            );
        }
        assert_eq!(procent(0.125).to_string(), "12");
        assert_eq!(procent(1.0 / 10_000.0).to_string(), "0.01");
        assert_eq!(procent(1.0 / 400.0).to_string(), "0.2");
        assert_eq!(procent(0.0034).to_string(), "0.3");
        assert_eq!(procent(9_997.0 / 10_000.0).to_string(), "99.97");
        assert_eq!(procent(0.0).to_string(), "0");
        assert_eq!(procent(1.0).to_string(), "100");
        assert_eq!(kans_tekst(procent(0.0034)), "0,3 %");
    }

    /// The one-pass summary picks what a search per name picks (the largest chance from
    /// `vanaf`, ties to the later year; a name without a deficit has none), with and without
    /// groups, chances that tie included.
    #[test]
    fn summary_lines_match_a_search_per_name() {
        use crate::risico::Band;
        use rust_decimal::dec;
        let band = |naam: &str, is_groep: bool, jaar: i32, kans: f64| Band {
            naam: naam.into(),
            is_groep,
            jaar,
            p: [[Decimal::from(jaar); 5]; 3],
            kans_tekort: kans,
        };
        let kansen = [0.0, 0.25, 0.25, 0.1, 0.0, 0.5, 0.5, 0.0];
        for groepen in [false, true] {
            let mut banden = Vec::new();
            for (i, naam) in ["A", "B", "C", "D"].iter().enumerate() {
                for (j, jaar) in (2024..2030).enumerate() {
                    let kans = if *naam == "D" {
                        0.0
                    } else {
                        kansen[(i + j) % kansen.len()]
                    };
                    banden.push(band(naam, groepen && i % 2 == 0, jaar, kans));
                }
            }
            let reserve = vec![
                ("B".to_string(), vec![], dec!(10.5)),
                ("B".to_string(), vec![], dec!(99)),
                ("A".to_string(), vec![], dec!(2.4)),
            ];
            let r = Risico { banden, reserve };
            let regels = kernregels(&r, 2025);
            let namen: Vec<&str> = regels.iter().map(|k| k.naam.as_str()).collect();
            assert_eq!(
                namen,
                if groepen {
                    vec!["A", "C"]
                } else {
                    vec!["A", "B", "C", "D"]
                }
            );
            for k in &regels {
                let verwacht = r
                    .banden
                    .iter()
                    .filter(|b| b.naam == k.naam && b.jaar >= 2025)
                    .max_by(|a, b| {
                        a.kans_tekort
                            .total_cmp(&b.kans_tekort)
                            .then(a.jaar.cmp(&b.jaar))
                    })
                    .filter(|b| b.kans_tekort != 0.0)
                    .map(|b| (b.jaar, procent(b.kans_tekort), Decimal::from(b.jaar)));
                assert_eq!(k.slechtst, verwacht, "{}", k.naam);
            }
            let reserve_van = |n: &str| regels.iter().find(|k| k.naam == n).map(|k| k.reserve);
            assert_eq!(reserve_van("A"), Some(dec!(2)));
            if !groepen {
                // The first reserve of a name counts, rounded half away from zero.
                assert_eq!(reserve_van("B"), Some(dec!(11)));
                assert_eq!(reserve_van("D").map(|x| x.is_zero()), Some(true));
                assert_eq!(regels[3].slechtst, None);
            }
        }
    }
}
