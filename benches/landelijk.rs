//! Scale benchmark for `raming risico` on a synthetic national data set: 342 gemeenten with
//! plausible inwoners, instroom and IU (through the national budget and the 78/22 maatstaven), one
//! group per province, 2022–2031, route-driven lasten, uncertain instroom and routes.
//!
//! Run: `cargo bench --bench landelijk` (prints wall time, draws per second and peak memory for
//! 1.000, 10.000 and 100.000 draws). The generator is deterministic (fixed LCG).

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
    for n in [1_000usize, 10_000, 100_000] {
        let mut r = run.scenario.risico.clone();
        r.trekkingen = n;
        let t = Instant::now();
        let tr = raming::risico::trek(&r, jaren.len());
        let uit = raming::risico::evalueer(&c, &tr, &jaren);
        let d = t.elapsed();
        assert!(!uit.banden.is_empty());
        println!(
            "{n:>7} trekkingen: trekken + evalueren {:>7.0} ms, met gevoeligheden {:>7.0} ms, {:>9.0} trekkingen/s, piekgeheugen {:.0} MB",
            d.as_secs_f64() * 1000.0,
            (d + coef).as_secs_f64() * 1000.0,
            n as f64 / d.as_secs_f64(),
            synthetisch::piek_geheugen_mb()
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
