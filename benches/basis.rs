//! End-to-end benchmark of `raming bereken` on the default data: read and validate the scenario
//! and data, compute 2022–2030, shape the tables (the report layer) and render every output file, then
//! write them (atomic folder swap). Target (issue 3): under 0.2 s wall time in release mode.
//!
//! Run: `cargo bench --bench basis` (prints min / median / max over 30 runs).

use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenario = root.join("scenarios/basis.toml");
    let uit = std::env::temp_dir().join(format!("raming-bench-{}", std::process::id()));
    let mut tijden = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let run = raming::draai(&scenario).expect("basis runs");
        let bestanden = raming::uitvoer::bestanden(&run).expect("render");
        raming::uitvoer::schrijf_map(&uit, &bestanden).expect("write");
        tijden.push(t.elapsed());
    }
    let _ = std::fs::remove_dir_all(&uit);
    tijden.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "bereken basis (2022–2030, end to end) over {} runs: min {:.1} ms, mediaan {:.1} ms, max {:.1} ms (doel: < 200 ms)",
        tijden.len(),
        ms(tijden[0]),
        ms(tijden[tijden.len() / 2]),
        ms(tijden[tijden.len() - 1])
    );
}
