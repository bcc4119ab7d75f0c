//! The risk section's tables: the Monte Carlo run (`crate::risico`) summarised per group (or per
//! gemeente when there are no groups): saldo percentiles, the chance of a deficit and the
//! suggested reserve per year, and the reserve over the years. Computed here, once; the report
//! only renders it.

use crate::berekening::Instellingen;
use crate::fout::InvoerFout;
use crate::gegevens::Gegevens;
use crate::rapport::cijfers::hele_euros;
use crate::rapport::tabel::{Cel, Tabel};
use crate::risico::RisicoInstellingen;
use rust_decimal::{Decimal, RoundingStrategy};

/// One entity's risk table and its reserve over the years (displayed whole euros).
pub struct RisicoTabel {
    pub naam: String,
    pub tabel: Tabel,
    pub reserve_meerjarig: Option<Decimal>,
}

/// The risk section: the run's settings in words and a table per group.
pub struct RisicoRapport {
    /// The scenario the risk was run on.
    pub scenario: String,
    /// First forecast year: the tables, the tornado and the reserve look at it and later years.
    pub vanaf: i32,
    pub laatste: i32,
    pub trekkingen: usize,
    pub zaad: u64,
    /// The bron of each distribution, joined with "; ".
    pub bronnen: String,
    pub tabellen: Vec<RisicoTabel>,
    /// Per group: the year with the largest chance of a deficit (from `vanaf`), that chance as a
    /// displayed percentage, and the reserve over the years (displayed whole euros).
    pub kernpunten: Vec<(String, i32, Decimal, Decimal)>,
    /// Per group: name, fan chart, tornado.
    pub grafieken: Vec<(
        String,
        crate::uitvoer::grafiek::Grafiek,
        Option<crate::uitvoer::grafiek::Grafiek>,
    )>,
}

/// A chance as a displayed whole percentage (ties to even on the exact value of the draw share).
fn procent(kans: f64) -> Decimal {
    Decimal::from_f64_retain(kans * 100.0)
        .unwrap_or_default()
        .round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven)
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
    let mut kernpunten = Vec::new();
    let groepen = c.iter().any(|k| k.is_groep);
    let mut tabellen = Vec::new();
    for k in c.iter().filter(|k| k.is_groep || !groepen) {
        let reserve = uitkomst.reserve.iter().find(|x| x.0 == k.naam);
        let mut t = Tabel::nieuw(&[
            ("jaar", "Jaar"),
            ("saldo_p5", "Saldo P5"),
            ("saldo_p50", "Saldo P50"),
            ("saldo_p95", "Saldo P95"),
            ("kans_tekort", "Kans op tekort"),
            ("reserve", "Reserve (P90-tekort)"),
        ]);
        let mut slechtst: Option<(i32, f64)> = None;
        for (j, b) in uitkomst
            .banden
            .iter()
            .filter(|b| b.naam == k.naam)
            .enumerate()
        {
            if b.jaar < vanaf {
                continue;
            }
            if slechtst.is_none_or(|(_, p)| b.kans_tekort >= p) {
                slechtst = Some((b.jaar, b.kans_tekort));
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
        if let Some((jaar, kans)) = slechtst {
            kernpunten.push((
                k.naam.clone(),
                jaar,
                procent(kans),
                reserve.map(|r| hele_euros(r.2)).unwrap_or_default(),
            ));
        }
        tabellen.push(RisicoTabel {
            naam: k.naam.clone(),
            tabel: t,
            reserve_meerjarig: reserve.map(|r| hele_euros(r.2)),
        });
    }
    Ok(Some(RisicoRapport {
        scenario: scenario.to_string(),
        vanaf,
        laatste: inst.jaar_tot,
        grafieken: crate::uitvoer::risico::grafieken(scenario, &uitkomst, &c, r, &jaren, vanaf),
        kernpunten,
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
