//! One file per command (like xsv's `src/cmd/`): each has its clap `Args` (help text with
//! examples) and its `run`. This file holds what several commands share: the console macros,
//! the shared flags, the warning and name-conflict reports and the target-file check.

// Console output goes through these: text from input (names, sources, paths) can hold control
// characters, which are shown escaped (`\x1b`) and never reach the terminal raw. A failed write
// (a reader that stopped, as in `raming vergelijk ... | head`) is ignored: every file was
// already written, and a closed pipe is not an error of the run.
macro_rules! toon {
    ($($t:tt)*) => { $crate::opdracht::naar_stdout(&raming::fout::zichtbaar(&format!($($t)*))) };
}
macro_rules! toonln {
    ($($t:tt)*) => {
        $crate::opdracht::naar_stdout(&(raming::fout::zichtbaar(&format!($($t)*)) + "\n"))
    };
}
macro_rules! etoonln {
    ($($t:tt)*) => {
        $crate::opdracht::naar_stderr(&(raming::fout::zichtbaar(&format!($($t)*)) + "\n"))
    };
}

pub mod bereken;
pub mod controleer;
pub mod herkomst;
pub mod importeer;
pub mod kalibreer;
pub mod rapport;
pub mod risico;
pub mod serve;
pub mod sjabloon;
pub mod vergelijk;
pub mod verschillen;

use raming::fout::{Fout, Herkomst, InvoerFout};
use raming::uitvoer;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const STANDAARD_SCENARIO: &str = "scenarios/basis.toml";

/// Writes text to stdout; see the macros above for why errors are ignored.
pub fn naar_stdout(tekst: &str) {
    let mut uit = std::io::stdout().lock();
    let _ = uit.write_all(tekst.as_bytes()).and_then(|_| uit.flush());
}

/// Writes text to stderr; nothing is left to report to when that fails.
pub fn naar_stderr(tekst: &str) {
    let _ = std::io::stderr().lock().write_all(tekst.as_bytes());
}

// The shared flags below carry no struct doc comment: a flattened struct's doc comment would
// become the command's help text. A command whose flag needs its own help text sets it with
// `mut_arg`, so name, alias, value name and default stay defined once.

/// The scenario path of the single-scenario commands.
#[derive(clap::Args)]
pub struct ScenarioArg {
    /// Scenariobestand (TOML).
    #[arg(default_value = STANDAARD_SCENARIO)]
    pub scenario: PathBuf,
}

/// `--uit MAP`: the output folder, with a default that depends on the command.
#[derive(clap::Args)]
pub struct UitMap {
    /// Uitvoermap.
    #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
    pub uit: Option<PathBuf>,
}

impl UitMap {
    /// The folder given, else `standaard`.
    pub fn of(self, standaard: impl FnOnce() -> PathBuf) -> PathBuf {
        self.uit.unwrap_or_else(standaard)
    }
}

/// `--streng`: warnings are errors.
#[derive(clap::Args)]
pub struct Streng {
    #[arg(long, visible_alias = "strict", help = streng_hulp(""))]
    pub streng: bool,
}

/// The help text of `--streng`, with a command's own example.
pub fn streng_hulp(voorbeeld: &str) -> String {
    let mut t = String::from(
        "Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript).",
    );
    if !voorbeeld.is_empty() {
        t.push_str(" Voorbeeld: ");
        t.push_str(voorbeeld);
    }
    t
}

/// An input error without a row: `bron: melding`.
pub fn invoerfout(bron: impl Into<String>, melding: impl Into<String>) -> Fout {
    Fout::Invoer(InvoerFout::new(Herkomst::new(bron, 0), "", melding))
}

/// Prints the warnings of the runs on stderr (`waarschuwing: ...`, or `Geen waarschuwingen.`).
/// With `--streng` a warning is an error: printed as `fout: ...`, and the command stops before
/// anything is written (every command calls this right after computing, before any write).
pub fn meld_waarschuwingen<'a>(
    runs: impl IntoIterator<Item = &'a raming::Run>,
    streng: &Streng,
) -> Result<(), Fout> {
    let w = uitvoer::waarschuwingen::alle(runs);
    let (regels, uitkomst) = uitvoer::waarschuwingen::meld(&w, streng.streng);
    for r in regels {
        etoonln!("{r}");
    }
    uitkomst
}

/// Names that give the same chart file name are numbered (`opbouw_regio_a_2.png`); says so on
/// stderr, so no chart is lost without notice.
pub fn meld_naamconflicten<S: AsRef<str>>(namen: &[S]) {
    let (_, meldingen) = uitvoer::grafiek::unieke_bestandsnamen(namen);
    for m in meldingen {
        etoonln!("let op: {m}");
    }
}

/// Runs every scenario (all or nothing).
pub fn draai_alle(scenarios: &[PathBuf]) -> Result<Vec<raming::Run>, Fout> {
    scenarios.iter().map(|s| raming::draai(s)).collect()
}

/// Refuses to overwrite an existing file that raming did not make (a filled-in workbook, a
/// scenario): `merk` is a byte string every file of that kind we write contains.
pub fn check_doelbestand(pad: &Path, merk: &[u8], soort: &str) -> Result<(), Fout> {
    let fout = |m: String| invoerfout(pad.display().to_string(), m);
    if pad.is_dir() {
        return Err(fout(format!(
            "is een map; verwacht een bestandsnaam voor het {soort}"
        )));
    }
    if pad.exists() {
        let inhoud = std::fs::read(pad).unwrap_or_default();
        if !inhoud.windows(merk.len()).any(|w| w == merk) {
            return Err(fout(format!(
                "bestaat al en is geen {soort} van raming; kies een andere naam of verwijder het bestand eerst"
            )));
        }
    }
    Ok(())
}

/// `JJJJ-MM-DD`, a real calendar date: exactly the text jiff writes for the date it reads.
pub fn geldige_datum(d: &str) -> bool {
    d.parse::<jiff::civil::Date>()
        .is_ok_and(|x| d.len() == 10 && x.to_string() == d)
}
