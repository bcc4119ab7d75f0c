//! The risk run's results pinned to the cent (issue 17): every percentile, the chance of a
//! deficit, the reserve (per year and over the years) and the tornado, for fixed zaden on the
//! shipped `scenarios/risico.toml` and on a small synthetic national set. The expected files in
//! `tests/alle/risico_gelijk/` were written by the implementation before the evaluation was
//! rewritten for speed; a faster kernel must give the same numbers, and the same numbers for 1
//! and 2 threads. Only a deliberate change of the model may rewrite them
//! (`RAMING_HERSCHRIJF=1 cargo test --test alle risico_gelijk::`), and says so in its commit.

// The synthetic national set, loaded once for the test binary (in veel_gemeenten).
use crate::veel_gemeenten::synthetisch;

use raming::risico::{RisicoInstellingen, Verdeling, bereken_vanaf, tornado_vanaf};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Bands, reserve and tornado of one risk run as text: one line per entity, year and measure.
fn tekst(run: &raming::Run, r: &RisicoInstellingen, vanaf: i32) -> String {
    let inst = &run.scenario.instellingen;
    let jaren: Vec<i32> = inst.jaren().collect();
    let start = jaren.iter().position(|j| *j >= vanaf).unwrap_or(0);
    let (c, uit) = bereken_vanaf(&run.gegevens, inst, r, vanaf).unwrap();
    let mut s = String::new();
    for b in &uit.banden {
        for (m, maat) in ["baten", "lasten", "saldo"].iter().enumerate() {
            let _ = write!(s, "{};{};{maat}", b.naam, b.jaar);
            for q in &b.p[m] {
                let _ = write!(s, ";{q}");
            }
            // The chance as its exact f64 (shortest round-trip form).
            let _ = writeln!(s, ";{:?}", b.kans_tekort);
        }
    }
    for (naam, per_jaar, cum) in &uit.reserve {
        let _ = write!(s, "reserve;{naam}");
        for x in per_jaar {
            let _ = write!(s, ";{x}");
        }
        let _ = writeln!(s, ";{cum}");
    }
    for k in &c {
        for (label, laag, hoog) in tornado_vanaf(k, r, &jaren, start) {
            let _ = writeln!(s, "tornado;{};{label};{laag:.2};{hoog:.2}", k.naam);
        }
    }
    s
}

/// The same text computed in a pool of 1 and of 2 threads: they must be identical.
fn in_pools(run: &raming::Run, r: &RisicoInstellingen, vanaf: i32) -> String {
    let mut uit: Vec<String> = Vec::new();
    for n in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap();
        uit.push(pool.install(|| tekst(run, r, vanaf)));
    }
    assert!(uit[0] == uit[1], "1 and 2 threads differ");
    uit.swap_remove(0)
}

fn verwacht(naam: &str, gekregen: &str) {
    let pad = PathBuf::from(ROOT).join(format!("tests/alle/risico_gelijk/{naam}.txt"));
    if std::env::var("RAMING_HERSCHRIJF").is_ok_and(|v| v == "1") {
        std::fs::write(&pad, gekregen).unwrap();
        return;
    }
    let oud = std::fs::read_to_string(&pad).unwrap_or_else(|e| panic!("{}: {e}", pad.display()));
    if oud != gekregen {
        let verschil: Vec<String> = oud
            .lines()
            .zip(gekregen.lines())
            .filter(|(a, b)| a != b)
            .take(8)
            .map(|(a, b)| format!("  verwacht {a}\n  gekregen {b}"))
            .collect();
        panic!(
            "{naam}: {} van {} regels wijken af ({} tegen {} regels):\n{}",
            oud.lines()
                .zip(gekregen.lines())
                .filter(|(a, b)| a != b)
                .count(),
            oud.lines().count(),
            oud.lines().count(),
            gekregen.lines().count(),
            verschil.join("\n")
        );
    }
}

fn risico_run() -> raming::Run {
    raming::draai(Path::new(&format!("{ROOT}/scenarios/risico.toml"))).unwrap()
}

#[test]
fn shipped_scenario_to_the_cent() {
    let run = risico_run();
    let mut r = run.scenario.risico.clone();
    r.trekkingen = 2_000;
    verwacht(
        "risico_2026",
        &in_pools(&run, &r, run.scenario.instellingen.jaar_van),
    );
}

#[test]
fn shipped_scenario_told_forward_to_the_cent() {
    // Years before 2025 known: not drawn, no reserve. An odd number of draws and another zaad.
    let run = risico_run();
    let mut r = run.scenario.risico.clone();
    r.trekkingen = 1_001;
    r.zaad = 7;
    verwacht("risico_vanaf_2025", &in_pools(&run, &r, 2025));
}

fn synthetisch_run(map: &Path, n: usize) -> raming::Run {
    synthetisch::genereer(map, n);
    raming::draai(&map.join("landelijk.toml")).unwrap()
}

#[test]
fn synthetic_national_set_to_the_cent() {
    let t = tempfile::tempdir().unwrap();
    let run = synthetisch_run(t.path(), 40);
    let mut r = run.scenario.risico.clone();
    r.trekkingen = 3_000;
    r.zaad = 1;
    verwacht("synthetisch_40", &in_pools(&run, &r, 2022));
    // Lognormal instroom without a route range, told from 2024.
    r.instroom = Some(Verdeling::Lognormaal { sigma: 0.25 });
    r.routes = false;
    r.correlatie = 0.3;
    r.trekkingen = 999;
    r.zaad = 99;
    verwacht("synthetisch_40_lognormaal", &in_pools(&run, &r, 2024));
    // Only the route range.
    r.instroom = None;
    r.routes = true;
    r.trekkingen = 500;
    verwacht("synthetisch_40_routes", &in_pools(&run, &r, 2022));
}

#[test]
fn synthetic_set_with_deficits_to_the_cent() {
    // A tight national budget (a third of the synthetic one): deficits and reserves appear.
    let t = tempfile::tempdir().unwrap();
    synthetisch::genereer(t.path(), 40);
    let pad = t.path().join("data/rijksbudget.csv");
    let krap = std::fs::read_to_string(&pad)
        .unwrap()
        .replace("110843500", "36947833");
    std::fs::write(&pad, krap).unwrap();
    let run = raming::draai(&t.path().join("landelijk.toml")).unwrap();
    let mut r = run.scenario.risico.clone();
    r.trekkingen = 2_500;
    r.zaad = 5;
    let s = in_pools(&run, &r, 2023);
    assert!(
        s.lines()
            .any(|l| l.starts_with("reserve;") && !l.ends_with(";0"))
    );
    verwacht("synthetisch_40_krap", &s);
}

/// The responses to one year's instroom are computed from a run that starts in that year
/// (`risico::vanaf_jaar`): it must book exactly what the full run books for those years, for
/// every shipped scenario, also with that year's instroom doubled.
#[test]
fn a_run_from_a_later_year_books_what_the_full_run_books_for_those_years() {
    use raming::berekening::{Model, bouw};
    use rust_decimal::Decimal;
    let mut n = 0;
    for e in std::fs::read_dir(format!("{ROOT}/scenarios")).unwrap() {
        let pad = e.unwrap().path();
        if pad.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let run = raming::draai(&pad).unwrap();
        let d = &run.gegevens;
        for y in run.scenario.instellingen.jaren() {
            let mut inst = run.scenario.instellingen.clone();
            inst.instroom.factoren.push((y, y, Decimal::TWO));
            let vol = bouw(&Model::new(d, &inst).unwrap(), d, &inst).unwrap().0;
            let i = raming::risico::vanaf_jaar(&inst, y);
            let deel = bouw(&Model::new(d, &i).unwrap(), d, &i).unwrap().0;
            let verwacht: Vec<_> = vol.boekingen.iter().filter(|b| b.jaar >= y).collect();
            let gekregen: Vec<_> = deel.boekingen.iter().collect();
            assert!(gekregen == verwacht, "{} vanaf {y}", pad.display());
            n += 1;
        }
    }
    assert!(n > 30);
}
