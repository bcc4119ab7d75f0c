//! `raming bereken` on the synthetic national data set (342 gemeenten, 12 groups, 2022–2031),
//! end to end as a user runs it (read, check, exact run, every output file: CSV tables, the
//! workbook, the charts), against issue 17's target of 250 ms. Each round runs, in alternating
//! order, the command with all outputs and with `--geen-grafieken`, both into an existing
//! output folder (a controller's rerun: the previous output is replaced). Prints the median and
//! minimum wall time, the median CPU time (user + system) and the peak memory.
//!
//! Run: `cargo bench --bench bereken` (rounds: `-- 31`; default 15).

#[path = "meten.rs"]
mod meten;
#[allow(dead_code)]
#[path = "synthetisch.rs"]
mod synthetisch;

use meten::{komma, mediaan, meet, rondes};
use std::process::{Command, Stdio};

fn main() {
    let rondes = rondes(15);
    let tmp = std::env::temp_dir().join(format!("raming-bereken-{}", std::process::id()));
    synthetisch::genereer(&tmp, 342);
    let raming = env!("CARGO_BIN_EXE_raming");
    let varianten: [(&str, &[&str]); 2] = [
        ("alle uitvoer", &[]),
        ("zonder grafieken", &["--geen-grafieken"]),
    ];
    let mut metingen = vec![(Vec::new(), Vec::new(), Vec::new()); varianten.len()];
    for ronde in 0..=rondes {
        for k in 0..varianten.len() {
            // Alternating order, so a change in the machine's load hits both.
            let k = if ronde % 2 == 0 {
                k
            } else {
                varianten.len() - 1 - k
            };
            let (_, extra) = varianten[k];
            let (wand, cpu, mb) = meet(
                Command::new(raming)
                    .args(["bereken", "landelijk.toml", "--uit"])
                    .arg(format!("uit-{k}"))
                    .args(extra)
                    .stderr(Stdio::null())
                    .current_dir(&tmp),
            );
            // Round 0 only makes the output folders (and warms the file cache).
            if ronde > 0 {
                metingen[k].0.push(wand);
                metingen[k].1.push(cpu);
                metingen[k].2.push(mb);
            }
        }
    }
    println!(
        "raming bereken, 342 gemeenten + 12 groepen, 2022–2031, {rondes} rondes, {} kernen (doel: ≤ 250 ms met alle uitvoer)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for ((naam, _), (wand, cpu, mb)) in varianten.iter().zip(metingen) {
        let min = wand.iter().copied().fold(f64::INFINITY, f64::min);
        println!(
            "{naam}: mediaan {} ms, min {} ms, CPU {} s, piekgeheugen {:.0} MB",
            komma(mediaan(wand) * 1000.0, 0),
            komma(min * 1000.0, 0),
            komma(mediaan(cpu), 2),
            mediaan(mb)
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
