//! Helpers shared by the test modules.

use std::fs;
use std::path::{Path, PathBuf};

/// Copies every file of a data folder (e.g. the shipped `data/drechtsteden`) into `doel/<naam>`
/// and returns that folder: tests change a copy, never the shipped data.
pub fn kopie(bron: &str, doel: &Path, naam: &str) -> PathBuf {
    let data = doel.join(naam);
    fs::create_dir_all(&data).unwrap();
    for e in fs::read_dir(bron).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), data.join(e.file_name())).unwrap();
    }
    data
}
