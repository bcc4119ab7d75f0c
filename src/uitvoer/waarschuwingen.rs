//! Warnings and coverage of a run, rendered: `waarschuwingen.csv`, `dekking.csv`, the lines on
//! stderr (`waarschuwing: ...` or, with `--streng`, `fout: ...`) and the per-table coverage
//! summary shared by `controleer`, the report and the workbook. The core fills
//! `Run::waarschuwingen` and `Run::dekking`; this module only shows them.

use crate::Run;
use crate::fout::{Fout, Herkomst, InvoerFout, Resultaat};
use crate::uitvoer::tabel_csv;
use crate::waarschuwing::Waarschuwing;

pub use crate::rapport::dekking::gemeente_naam;

/// `waarschuwingen.csv`: `bestand,regel,kolom,melding`; header only when there are none, so a
/// controller sees "none" rather than a missing file. `regel` is empty when the warning concerns
/// a whole file.
pub fn waarschuwingen_csv(w: &[Waarschuwing]) -> Resultaat<Vec<u8>> {
    tabel_csv(&crate::rapport::dekking::waarschuwingen(w))
}

/// `dekking.csv`: `tabel,gemeente,jaar,onderdeel,status,regel`, gemeente by name.
pub fn dekking_csv(run: &Run) -> Resultaat<Vec<u8>> {
    tabel_csv(&crate::rapport::dekking::dekking(
        &run.gegevens,
        &run.dekking,
    ))
}

pub use crate::rapport::dekking::{DekkingTabel, dekking_per_tabel};

/// The coverage summary as Dutch text lines (for `controleer`).
pub fn dekking_tekst(run: &Run) -> String {
    let tabellen = dekking_per_tabel(&run.dekking);
    if tabellen.is_empty() {
        return "Dekking: geen gegevens per gemeente en jaar gemeld.\n".to_string();
    }
    let mut s = String::from("Dekking per invoertabel (gemeente-jaren):\n");
    for t in tabellen {
        s.push_str(&format!(
            "- {}: {} gegeven, {} aangevuld\n",
            t.tabel, t.gegeven, t.gevuld
        ));
        for (regel, n) in &t.regels {
            s.push_str(&format!("    aangevuld volgens: {regel} ({n}×)\n"));
        }
    }
    s
}

/// Warnings of several runs (e.g. `vergelijk`), each once: runs on the same data repeat the same
/// warning.
pub fn alle<'a>(runs: impl IntoIterator<Item = &'a Run>) -> Vec<&'a Waarschuwing> {
    let mut uit: Vec<&Waarschuwing> = Vec::new();
    for r in runs {
        for w in &r.waarschuwingen {
            if !uit.contains(&w) {
                uit.push(w);
            }
        }
    }
    uit
}

/// What a command prints on stderr about the warnings, and whether it may go on. Without
/// `streng`: `waarschuwing: ...` per warning, or `Geen waarschuwingen.`; always Ok. With
/// `streng` and warnings: `fout: ...` per warning and an error (exit code 1; the caller has not
/// written anything yet).
pub fn meld(w: &[&Waarschuwing], streng: bool) -> (Vec<String>, Result<(), Fout>) {
    if w.is_empty() {
        return (vec!["Geen waarschuwingen.".to_string()], Ok(()));
    }
    let voorvoegsel = if streng { "fout" } else { "waarschuwing" };
    let regels = w.iter().map(|x| format!("{voorvoegsel}: {x}")).collect();
    if !streng {
        return (regels, Ok(()));
    }
    (
        regels,
        Err(Fout::Invoer(InvoerFout::new(
            Herkomst::new("--streng", 0),
            "",
            format!(
                "{} waarschuwing{} behandeld als fout; er is niets geschreven",
                w.len(),
                if w.len() == 1 { "" } else { "en" }
            ),
        ))),
    )
}
