//! `raming risico` against the numpy reference of the same cohort model (issue 17), timed side
//! by side in one run: the synthetic national set (342 gemeenten, 12 groups, 2022–2031), at
//! 1.000, 10.000 and 100.000 draws, in pairs of runs whose order alternates (so a change in the
//! machine's load hits both), each the whole program end to end as a user runs it (raming: read,
//! exact engine and responses, draws, files and charts; numpy: start Python, read, rates,
//! draws, files). Prints per size the median wall time, the CPU time (user + system) and the peak
//! memory of each, and their ratio.
//!
//! Run: `cargo bench --bench numpy` (pairs per size: `-- 7`; default 5). Python with numpy: the
//! `RAMING_PYTHON` variable, else `target/venv/bin/python` (make it with
//! `python3 -m venv target/venv && target/venv/bin/pip install numpy`), else `python3`. numpy
//! runs single-threaded (`OPENBLAS_NUM_THREADS=1`, as an analyst's script does); raming uses
//! the machine's cores.

#[path = "meten.rs"]
mod meten;
#[allow(dead_code)]
#[path = "synthetisch.rs"]
mod synthetisch;

use meten::{komma, mediaan, meet, rondes};
use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> PathBuf {
    if let Ok(p) = std::env::var("RAMING_PYTHON") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv/bin/python");
    if venv.exists() {
        venv
    } else {
        "python3".into()
    }
}

fn main() {
    let rondes = rondes(5);
    let tmp = std::env::temp_dir().join(format!("raming-numpy-{}", std::process::id()));
    synthetisch::genereer(&tmp, 342);
    let scenario = tmp.join("landelijk.toml");
    let raming = env!("CARGO_BIN_EXE_raming");
    let referentie = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/numpy_referentie.py");
    let py = python();
    println!(
        "raming risico tegen de numpy-referentie, 342 gemeenten + 12 groepen, 2022–2031, {rondes} paren per maat (mediaan), {} kernen",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "| trekkingen | raming wand | numpy wand | raming : numpy | CPU raming / numpy | piekgeheugen raming / numpy |"
    );
    println!("|---|---|---|---|---|---|");
    for n in [1_000usize, 10_000, 100_000] {
        let mut r = (Vec::new(), Vec::new(), Vec::new());
        let mut p = (Vec::new(), Vec::new(), Vec::new());
        for ronde in 0..rondes {
            let mut raming_cmd = Command::new(raming);
            raming_cmd
                .args(["risico", "landelijk.toml", "--stil", "--trekkingen"])
                .arg(n.to_string())
                .args(["--uit", "uit-raming"])
                .current_dir(&tmp);
            let mut numpy_cmd = Command::new(&py);
            numpy_cmd
                .arg(&referentie)
                .arg(&scenario)
                .arg(n.to_string())
                .args(["--uit", "uit-numpy"])
                .env("OPENBLAS_NUM_THREADS", "1")
                .env("OMP_NUM_THREADS", "1")
                .env("MKL_NUM_THREADS", "1")
                .current_dir(&tmp);
            let (a, b) = if ronde % 2 == 0 {
                let a = meet(&mut raming_cmd);
                (a, meet(&mut numpy_cmd))
            } else {
                let b = meet(&mut numpy_cmd);
                (meet(&mut raming_cmd), b)
            };
            r.0.push(a.0);
            r.1.push(a.1);
            r.2.push(a.2);
            p.0.push(b.0);
            p.1.push(b.1);
            p.2.push(b.2);
        }
        let (rw, rc, rm) = (mediaan(r.0), mediaan(r.1), mediaan(r.2));
        let (pw, pc, pm) = (mediaan(p.0), mediaan(p.1), mediaan(p.2));
        println!(
            "| {} | {} s | {} s | {} | {} / {} s | {:.0} / {:.0} MB |",
            if n >= 1000 {
                format!("{}.{:03}", n / 1000, n % 1000)
            } else {
                n.to_string()
            },
            komma(rw, 2),
            komma(pw, 2),
            komma(rw / pw, 2),
            komma(rc, 2),
            komma(pc, 2),
            rm,
            pm
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
