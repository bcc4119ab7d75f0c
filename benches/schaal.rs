//! Cost against the number of gemeenten (issue 16 item 7): `controleer` (read + check +
//! exact run), `bereken` without and with charts (the files written into a folder, as the CLI
//! does) and `risico` with 1.000 draws, on the synthetic national data set at 342, 1.000 and
//! 9.999 gemeenten (2022–2031; CBS codes have four digits). Prints wall time (the `bereken` and
//! `risico` times include `controleer`, as on the command line) and peak memory per step; the
//! cost must grow linearly with gemeenten × years.
//!
//! Every gemeente has an IU row and SPUK beschikkingen (see `met_regels_per_gemeente`).
//!
//! Run: `cargo bench --bench schaal` (all sizes) or `cargo bench --bench schaal -- 1000` (one).

#[path = "synthetisch.rs"]
mod synthetisch;

use std::fmt::Write;
use std::time::Instant;

/// An IU row (2022) and voorlopige SPUK beschikkingen (2022, 2023) for every gemeente: the
/// lookups of a gemeente's rows (IU share, settlement, cash flow, balance, coverage) then run
/// at full scale, so a scan of all rows per gemeente would show as quadratic cost here.
fn met_regels_per_gemeente(map: &std::path::Path, n: usize) {
    let mut iu = String::from("gemeente,jaar,soort,bedrag,bron\n");
    let mut spuk = String::from("gemeente,jaar,bedrag,status,bron\n");
    for i in 0..n {
        let code = format!("GM{:04}", i + 1);
        let _ = writeln!(iu, "{code},2022,uitvoering,{},synthetisch", 50_000 + 7 * i);
        for jaar in [2022, 2023] {
            let _ = writeln!(
                spuk,
                "{code},{jaar},{},voorlopig,synthetisch",
                20_000 + 3 * i
            );
        }
    }
    let data = map.join("data");
    std::fs::write(data.join("integratie_uitkering.csv"), iu).unwrap();
    std::fs::write(data.join("spuk_beschikking.csv"), spuk).unwrap();
}

/// Runs one step: its wall time and the process's peak memory (MB) while it ran, what was already
/// held included (as a command that runs this step would need).
fn stap<T>(f: impl FnOnce() -> T) -> (std::time::Duration, f64, T) {
    // Linux: writing 5 to clear_refs resets the high-water mark of the resident set.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let uit = f();
    (t.elapsed(), synthetisch::piek_geheugen_mb(), uit)
}

/// `bereken`'s output folder, written as the CLI writes it; the number of files.
fn schrijf(run: &raming::Run, uit: &std::path::Path) -> usize {
    raming::uitvoer::schrijf_map_met(uit, |o| raming::uitvoer::schrijf(run, o)).expect("written")
}

fn main() {
    let maten: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let maten = if maten.is_empty() {
        vec![342, 1_000, 9_999]
    } else {
        maten
    };
    for n in maten {
        let tmp = std::env::temp_dir().join(format!("raming-schaal-{}-{n}", std::process::id()));
        synthetisch::genereer(&tmp, n);
        met_regels_per_gemeente(&tmp, n);
        let scenario = tmp.join("landelijk.toml");
        let uit = tmp.join("uit");
        // Each step as the CLI runs it, its files written into an output folder; the peak
        // memory is measured per step (the high-water mark is reset before each).
        let (controleer, mb_controleer, mut run) =
            stap(|| raming::draai(&scenario).expect("synthetic scenario runs"));
        run.scenario.grafieken = false;
        let (zonder, mb_zonder, n_zonder) = stap(|| schrijf(&run, &uit));
        run.scenario.grafieken = true;
        let (met, mb_met, n_met) = stap(|| schrijf(&run, &uit));
        assert!(n_met > n_zonder);
        let (risico, mb_risico, _) = stap(|| {
            let mut r = run.scenario.risico.clone();
            r.trekkingen = 1_000;
            let inst = &run.scenario.instellingen;
            let jaren: Vec<i32> = inst.jaren().collect();
            let vanaf = raming::risico::eerste_prognosejaar(&run.gegevens, inst, None);
            let (c, u) =
                raming::risico::bereken_vanaf(&run.gegevens, inst, &r, vanaf).expect("risk runs");
            let b = raming::uitvoer::risico::bestanden(&raming::uitvoer::risico::Risicobeeld {
                scenario: &run.scenario.naam,
                uitkomst: &u,
                coefficienten: &c,
                instellingen: &r,
                jaren: &jaren,
                vanaf,
            })
            .expect("risk files");
            raming::uitvoer::schrijf_map(&tmp.join("risico"), &b).expect("written");
        });
        let s = |t: std::time::Duration| format!("{:.2} s", t.as_secs_f64());
        println!(
            "{n:>6} gemeenten: controleer {} ({mb_controleer:.0} MB); bereken zonder grafieken {} ({n_zonder} bestanden, {mb_zonder:.0} MB); met grafieken {} ({n_met} bestanden, {mb_met:.0} MB); risico 1.000 trekkingen {} ({mb_risico:.0} MB)",
            s(controleer),
            s(controleer + zonder),
            s(controleer + met),
            s(controleer + risico),
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
