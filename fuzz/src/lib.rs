//! Shared set-up of the fuzz targets: a private copy of the shipped data in a temporary folder,
//! made once per process, in which a target replaces one file per input.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The shipped data set the targets mutate.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/drechtsteden");

/// A scenario over the copy (`data/`): routes, so every input table is read.
pub const SCENARIO: &str = "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2030]\ninburgeringsvoorzieningen = \"routes\"\n[instroom]\ngroei = 0\n";

/// The temporary folder holding `data/` (a copy of [`DATA`]) and `s.toml` ([`SCENARIO`]).
pub fn map() -> &'static Path {
    static MAP: OnceLock<PathBuf> = OnceLock::new();
    MAP.get_or_init(|| {
        let t = std::env::temp_dir().join(format!("raming-fuzz-{}", std::process::id()));
        let data = t.join("data");
        std::fs::create_dir_all(&data).expect("temp folder");
        for e in std::fs::read_dir(DATA).expect("shipped data") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), data.join(e.file_name())).expect("copy");
        }
        std::fs::write(t.join("s.toml"), SCENARIO).expect("scenario");
        t
    })
}

/// The shipped contents of an input table, read once: a target puts them back after each input.
pub fn origineel(naam: &str) -> &'static [u8] {
    static INHOUD: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    let alle = INHOUD.get_or_init(|| {
        bestanden()
            .into_iter()
            .map(|b| {
                (
                    b,
                    std::fs::read(Path::new(DATA).join(b)).expect("shipped file"),
                )
            })
            .collect()
    });
    alle.iter()
        .find(|(b, _)| *b == naam)
        .map(|(_, x)| x.as_slice())
        .expect("a shipped input table")
}

/// The input tables of the shipped data (`raming::invoer::BESTANDEN` that it has), sorted by
/// name: a csv_invoer input's first byte picks one (mod their number).
pub fn bestanden() -> Vec<&'static str> {
    let mut b: Vec<&str> = raming::invoer::BESTANDEN
        .iter()
        .copied()
        .filter(|b| Path::new(DATA).join(b).is_file())
        .collect();
    b.sort_unstable();
    b
}
