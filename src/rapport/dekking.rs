//! The warnings and coverage tables: `waarschuwingen.csv` and `dekking.csv`.

use crate::gegevens::Gegevens;
use crate::rapport::tabel::{Cel, Tabel, Teksten};
use crate::waarschuwing::{Dekking, DekkingStatus, Waarschuwing};

/// Name of the gemeente a coverage line refers to (empty for an index the data does not have,
/// rather than a panic).
pub fn gemeente_naam(d: &Gegevens, i: usize) -> &str {
    d.gemeenten
        .lijst
        .get(i)
        .map(|g| g.naam.as_str())
        .unwrap_or("")
}

/// `bestand,regel,kolom,melding`; `regel` empty when the warning concerns a whole file.
pub fn waarschuwingen(w: &[Waarschuwing]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("bestand", "Bestand"),
        ("regel", "Regel"),
        ("kolom", "Kolom"),
        ("melding", "Melding"),
    ]);
    for x in w {
        t.rij(vec![
            Cel::tekst(&x.herkomst.bestand),
            if x.herkomst.regel > 0 {
                Cel::Geheel(x.herkomst.regel as i64)
            } else {
                Cel::Leeg
            },
            Cel::tekst(&x.kolom),
            Cel::tekst(&x.melding),
        ]);
    }
    t
}

/// `tabel,gemeente,jaar,onderdeel,status,regel`, gemeente by name.
pub fn dekking(d: &Gegevens, dekking: &[Dekking]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("tabel", "Invoertabel"),
        ("gemeente", "Gemeente"),
        ("jaar", "Jaar"),
        ("onderdeel", "Onderdeel"),
        ("status", "Status"),
        ("regel", "Regel of vulregel"),
    ]);
    let mut teksten = Teksten::default();
    for x in dekking {
        t.rij(vec![
            teksten.cel(&x.tabel),
            teksten.cel(gemeente_naam(d, x.gemeente)),
            Cel::Geheel(x.jaar.into()),
            teksten.cel(&x.onderdeel),
            teksten.cel(x.status.id()),
            teksten.cel(&x.regel),
        ]);
    }
    t
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
/// Per (gemeente, year): whether any of its parts was filled. A map, not a list: a national
/// run has tens of thousands of gemeente-years per table (a list search made this quadratic).
type GemeenteJaren = rustc_hash::FxHashMap<(usize, i32), bool>;

/// Per table (in the order first met) the coverage summary.
pub fn dekking_per_tabel(dekking: &[Dekking]) -> Vec<DekkingTabel> {
    let mut tabellen: Vec<(DekkingTabel, GemeenteJaren)> = Vec::new();
    let mut geteld = rustc_hash::FxHashSet::default();
    for x in dekking {
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
                    GemeenteJaren::default(),
                ));
                tabellen.len() - 1
            }
        };
        let (t, jaren) = &mut tabellen[i];
        let gevuld = x.status == DekkingStatus::Gevuld;
        // A gemeente-year counts as filled when any of its parts was filled.
        *jaren.entry((x.gemeente, x.jaar)).or_default() |= gevuld;
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
            t.gevuld = jaren.values().filter(|x| **x).count();
            t.gegeven = jaren.len() - t.gevuld;
            t
        })
        .collect()
}
