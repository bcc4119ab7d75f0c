//! Issue 10: every gap in the input is filled by a stated rule or refused; warnings and coverage.

use std::path::Path;

#[test]
fn toon_basis() {
    for s in ["scenarios/basis.toml", "scenarios/routekosten.toml"] {
        let run = raming::draai(Path::new(s)).unwrap();
        for w in &run.waarschuwingen {
            eprintln!("W {w}");
        }
        for d in run.dekking.iter().take(5) {
            eprintln!("D {d:?}");
        }
    }
}
