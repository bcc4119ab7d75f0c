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

/// Exact arithmetic whose result does not fit in a `Decimal` (28 digits): an error naming what
/// grew too large and the input it came from, never a panic. Only compounding (growth and
/// indexation over decades) or extreme scenario factors get there: input amounts and counts are
/// bounded when they are read.
pub fn te_groot(herkomst: Herkomst, wat: impl fmt::Display) -> InvoerFout {
    InvoerFout::new(
        herkomst,
        "",
        format!(
            "de berekening kan niet exact worden uitgevoerd: {wat} te groot; controleer \
             bedragen, aantallen, groei, schaal en indexatie (er is niets geschreven)"
        ),
    )
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

/// A character that must never reach a terminal raw: C0 controls (ESC starts terminal escape
/// sequences; CR overwrites a line), DEL, C1 controls (U+0080–U+009F; U+009B is a one-character
/// CSI) and the Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069), which reorder what is shown ("Trojan source"). Tab and line feed are not
/// included: callers decide where those are allowed.
pub fn is_stuurteken(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A control character written out visibly: `\x1b` for ESC, `\u{202e}` for a bidi override.
pub fn teken_zichtbaar(c: char) -> String {
    if (c as u32) < 0x100 {
        format!("\\x{:02x}", c as u32)
    } else {
        format!("\\u{{{:04x}}}", c as u32)
    }
}

/// Text for a terminal: every [`is_stuurteken`] character escaped (tab and line feed stay), so
/// text from input files can never move the cursor, recolour or reorder the console.
pub fn zichtbaar(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.chars().any(is_stuurteken) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut uit = String::with_capacity(t.len() + 8);
    for c in t.chars() {
        if is_stuurteken(c) {
            uit.push_str(&teken_zichtbaar(c));
        } else {
            uit.push(c);
        }
    }
    std::borrow::Cow::Owned(uit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(zichtbaar("Dordrecht"), "Dordrecht");
        assert_eq!(zichtbaar("a\u{1b}[31mb"), "a\\x1b[31mb");
        assert_eq!(zichtbaar("x\u{9b}y\u{202e}z\r"), "x\\x9by\\u{202e}z\\x0d");
        assert_eq!(
            zichtbaar("regel 1\nregel 2\tkolom"),
            "regel 1\nregel 2\tkolom"
        );
        assert_eq!(zichtbaar("\u{7f}"), "\\x7f");
    }
}
