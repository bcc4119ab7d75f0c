//! Scale benchmark for `raming risico` on a synthetic national data set: 342 gemeenten with
//! plausible inwoners, instroom and IU (through the national budget and the 78/22 maatstaven), one
//! group per province, 2022–2031, route-driven lasten, uncertain instroom and routes.
//!
//! Run: `cargo bench --bench landelijk` (prints for 1.000, 10.000 and 100.000 draws the time to
//! draw and to evaluate, the cost per cell (gemeente-or-group × year × draw) in wall and CPU
//! time, and peak memory; `-- 1000 1000` runs only the numbers given). The generator is
//! deterministic (fixed LCG).

#[path = "synthetisch.rs"]
mod synthetisch;

use std::time::Instant;
use synthetisch::genereer;

fn main() {
    let tmp = std::env::temp_dir().join(format!("raming-landelijk-{}", std::process::id()));
    genereer(&tmp, 342);
    let t = Instant::now();
    let run = raming::draai(&tmp.join("landelijk.toml")).expect("synthetic scenario runs");
    let laden = t.elapsed();
    let jaren: Vec<i32> = run.scenario.instellingen.jaren().collect();
    println!(
        "landelijk: {} gemeenten, {} groepen, {} jaren; inlezen + exacte berekening: {:.0} ms",
        run.gegevens.gemeenten.len(),
        run.gegevens.groepen.len(),
        jaren.len(),
        laden.as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let c = raming::risico::coefficienten(
        &run.gegevens,
        &run.scenario.instellingen,
        &run.scenario.risico,
    )
    .unwrap();
    let coef = t.elapsed();
    println!(
        "gevoeligheden uit de exacte rekenkern: {:.0} ms",
        coef.as_secs_f64() * 1000.0
    );
    // `cargo bench --bench landelijk -- 1000 1000`: only these numbers of draws.
    let mut aantallen: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if aantallen.is_empty() {
        aantallen = vec![1_000, 10_000, 100_000];
    }
    for n in aantallen {
        let mut r = run.scenario.risico.clone();
        r.trekkingen = n;
        let (t, cpu) = (Instant::now(), cpu_seconden());
        let tr = raming::risico::trek(&r, jaren.len());
        let trek = t.elapsed();
        let (t2, cpu2) = (Instant::now(), cpu_seconden());
        let uit = raming::risico::evalueer(&c, &tr, &jaren);
        let evalueer = t2.elapsed();
        let cpu_eval = cpu_seconden() - cpu2;
        let d = t.elapsed();
        let cpu_totaal = cpu_seconden() - cpu;
        assert!(!uit.banden.is_empty());
        // A cell: one gemeente or group, one year, one draw (baten, lasten, saldo and their
        // percentiles, the chance of a deficit and the reserve).
        let cellen = (c.len() * jaren.len() * n) as f64;
        println!(
            "{n:>7} trekkingen: trekken {:>5.0} ms, evalueren {:>6.0} ms ({:.2} ns per cel wand, {:.2} ns CPU), samen {:>6.0} ms (CPU {:.0} ms), met gevoeligheden {:>6.0} ms, piekgeheugen {:.0} MB",
            trek.as_secs_f64() * 1000.0,
            evalueer.as_secs_f64() * 1000.0,
            evalueer.as_secs_f64() * 1e9 / cellen,
            cpu_eval * 1e9 / cellen,
            d.as_secs_f64() * 1000.0,
            cpu_totaal * 1000.0,
            (d + coef).as_secs_f64() * 1000.0,
            synthetisch::piek_geheugen_mb()
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// CPU time (user + system) of this process so far, all threads.
fn cpu_seconden() -> f64 {
    // SAFETY: a zeroed rusage is valid for getrusage to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointer to our own rusage.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tijd = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tijd(ru.ru_utime) + tijd(ru.ru_stime)
}
