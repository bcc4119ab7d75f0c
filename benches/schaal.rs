//! Cost against the number of gemeenten (issue 16 item 7): `controleer` (read + check +
//! exact run), `bereken` without and with charts, on the synthetic national data set at 342,
//! 1.000 and 9.999 gemeenten (2022–2031; CBS codes have four digits). Prints wall time and peak memory per step; the cost
//! must grow linearly with gemeenten × years.
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
