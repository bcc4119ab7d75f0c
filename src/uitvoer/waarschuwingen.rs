//! Warnings and coverage of a run, rendered: `waarschuwingen.csv`, `dekking.csv`, the lines on
//! stderr (`waarschuwing: ...` or, with `--streng`, `fout: ...`) and the per-table coverage
//! summary shared by `controleer`, the report and the workbook. The core fills
//! `Run::waarschuwingen` and `Run::dekking`; this module only shows them.

use crate::Run;
use crate::fout::{Fout, Herkomst, InvoerFout, Resultaat};
use crate::uitvoer::tabel_csv;
use crate::waarschuwing::{DekkingStatus, Waarschuwing};

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

/// Coverage of one input table, summarised: how many gemeente-years were given entirely by
/// rows in the data, how many were (partly) filled, and by which rules (with the number of
/// gemeente-years per rule), in the order first met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DekkingTabel {
    pub tabel: String,
    pub gegeven: usize,
    pub gevuld: usize,
    pub regels: Vec<(String, usize)>,
}

/// Gemeente, year and whether any part of that gemeente-year was filled.
type GemeenteJaar = (usize, i32, bool);

/// Per table (in the order first met) the coverage summary.
pub fn dekking_per_tabel(run: &Run) -> Vec<DekkingTabel> {
    let mut tabellen: Vec<(DekkingTabel, Vec<GemeenteJaar>)> = Vec::new();
    let mut geteld = std::collections::HashSet::new();
    for x in &run.dekking {
        let i = match tabellen.iter().position(|(t, _)| t.tabel == x.tabel) {
            Some(i) => i,
            None => {
                tabellen.push((
                    DekkingTabel {
                        tabel: x.tabel.clone(),
                        gegeven: 0,
                        gevuld: 0,
                        regels: Vec::new(),
                    },
                    Vec::new(),
                ));
                tabellen.len() - 1
            }
        };
        let (t, jaren) = &mut tabellen[i];
        let gevuld = x.status == DekkingStatus::Gevuld;
        // A gemeente-year counts as filled when any of its parts was filled.
        match jaren
            .iter_mut()
            .find(|(g, j, _)| *g == x.gemeente && *j == x.jaar)
        {
            Some(gj) => gj.2 |= gevuld,
            None => jaren.push((x.gemeente, x.jaar, gevuld)),
        }
        // Count a gemeente-year once per rule (instroom has a line per doelgroep).
        if gevuld && geteld.insert((&x.tabel, x.gemeente, x.jaar, &x.regel)) {
            match t.regels.iter_mut().find(|(r, _)| *r == x.regel) {
                Some(r) => r.1 += 1,
                None => t.regels.push((x.regel.clone(), 1)),
            }
        }
    }
    tabellen
        .into_iter()
        .map(|(mut t, jaren)| {
            t.gevuld = jaren.iter().filter(|x| x.2).count();
            t.gegeven = jaren.len() - t.gevuld;
            t
        })
        .collect()
}

/// The coverage summary as Dutch text lines (for `controleer`).
pub fn dekking_tekst(run: &Run) -> String {
    let tabellen = dekking_per_tabel(run);
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
