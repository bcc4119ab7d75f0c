//! Cost against the number of gemeenten (issue 16 item 7): `controleer` (read + check +
//! exact run), `bereken` without and with charts, on the synthetic national data set at 342,
//! 1.000 and 9.999 gemeenten (2022–2031; CBS codes have four digits). Prints wall time and peak memory per step; the cost
//! must grow linearly with gemeenten × years.
//!
//! Run: `cargo bench --bench schaal` (all sizes) or `cargo bench --bench schaal -- 1000` (one).

#[path = "synthetisch.rs"]
mod synthetisch;

use std::time::Instant;

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
        let scenario = tmp.join("landelijk.toml");
        let t = Instant::now();
        let mut run = raming::draai(&scenario).expect("synthetic scenario runs");
        let controleer = t.elapsed();
        run.scenario.grafieken = false;
        let t = Instant::now();
        let zonder = raming::uitvoer::bestanden(&run).expect("tables");
        let tabellen = t.elapsed();
        let grafieken = if n <= 1_000 {
            run.scenario.grafieken = true;
            let t = Instant::now();
            let met = raming::uitvoer::bestanden(&run).expect("tables and charts");
            assert!(met.len() > zonder.len());
            format!("{:.2} s", (controleer + t.elapsed()).as_secs_f64())
        } else {
            "niet gemeten".to_string()
        };
        println!(
            "{n:>6} gemeenten: controleer {:.2} s; bereken zonder grafieken {:.2} s ({} bestanden); met grafieken {grafieken}; piekgeheugen {:.0} MB",
            controleer.as_secs_f64(),
            (controleer + tabellen).as_secs_f64(),
            zonder.len(),
            synthetisch::piek_geheugen_mb()
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
