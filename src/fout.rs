//! Errors a controller can act on: every input problem names the file, the row (line number as an
//! editor shows it, header = line 1), the column and what was expected. Messages are Dutch because
//! the people reading them are.

use std::fmt;
use std::path::PathBuf;

/// Where a value came from: file and line. Kept on domain rows so that the core can point back at
/// the input when a combination of valid rows is invalid (e.g. a key that is zero everywhere).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Herkomst {
    pub bestand: String,
    pub regel: u64,
}

impl Herkomst {
    pub fn new(bestand: impl Into<String>, regel: u64) -> Self {
        Herkomst {
            bestand: bestand.into(),
            regel,
        }
    }
}

impl fmt::Display for Herkomst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.regel > 0 {
            write!(f, "{}, regel {}", self.bestand, self.regel)
        } else {
            write!(f, "{}", self.bestand)
        }
    }
}

/// A problem in the input, pointing at file / row / column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoerFout {
    pub herkomst: Herkomst,
    /// Column name (CSV) or key (TOML); empty when the whole file or row is concerned.
    pub kolom: String,
    pub melding: String,
}

impl InvoerFout {
    pub fn new(herkomst: Herkomst, kolom: impl Into<String>, melding: impl Into<String>) -> Self {
        InvoerFout {
            herkomst,
            kolom: kolom.into(),
            melding: melding.into(),
        }
    }
}

impl fmt::Display for InvoerFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.herkomst)?;
        if !self.kolom.is_empty() {
            write!(f, ", kolom {}", self.kolom)?;
        }
        write!(f, ": {}", self.melding)
    }
}

/// Every way a run can fail. Exit code 1 for all of them (see `main`).
#[derive(Debug, thiserror::Error)]
pub enum Fout {
    #[error("{0}")]
    Invoer(InvoerFout),
    /// Several input problems found in one pass, so a controller fixes them in one go. At most
    /// `MAX_GETOOND` are shown, then "… en nog N fouten".
    #[error("{}", toon_lijst(.0))]
    Meerdere(Vec<InvoerFout>),
    #[error("{pad}: {bron}")]
    Io {
        pad: PathBuf,
        #[source]
        bron: std::io::Error,
    },
    #[error("interne fout bij het maken van tabellen: {0}")]
    Tabel(String),
}

/// How many errors of one run are shown; the rest is counted.
pub const MAX_GETOOND: usize = 50;

fn toon_lijst(fouten: &[InvoerFout]) -> String {
    let mut regels: Vec<String> = fouten
        .iter()
        .take(MAX_GETOOND)
        .map(|f| f.to_string())
        .collect();
    if fouten.len() > MAX_GETOOND {
        let n = fouten.len() - MAX_GETOOND;
        regels.push(format!(
            "… en nog {n} {}",
            if n == 1 { "fout" } else { "fouten" }
        ));
    }
    regels.join("\n")
}

impl From<InvoerFout> for Fout {
    fn from(f: InvoerFout) -> Self {
        Fout::Invoer(f)
    }
}

impl Fout {
    /// The error as a list of input problems (an I/O or table error becomes one without row).
    pub fn lijst(self) -> Vec<InvoerFout> {
        match self {
            Fout::Invoer(f) => vec![f],
            Fout::Meerdere(v) => v,
            Fout::Io { pad, bron } => vec![InvoerFout::new(
                Herkomst::new(pad.display().to_string(), 0),
                "",
                format!("kan bestand niet lezen: {bron}"),
            )],
            Fout::Tabel(m) => vec![InvoerFout::new(Herkomst::default(), "", m)],
        }
    }

    pub fn io(pad: impl Into<PathBuf>, bron: std::io::Error) -> Self {
        Fout::Io {
            pad: pad.into(),
            bron,
        }
    }
}

pub type Resultaat<T> = Result<T, Fout>;
