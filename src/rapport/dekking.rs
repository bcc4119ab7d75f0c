//! The warnings and coverage tables: `waarschuwingen.csv` and `dekking.csv`.

use crate::gegevens::Gegevens;
use crate::rapport::tabel::{Cel, Tabel};
use crate::waarschuwing::{Dekking, Waarschuwing};

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
    for x in dekking {
        t.rij(vec![
            Cel::tekst(&x.tabel),
            Cel::tekst(gemeente_naam(d, x.gemeente)),
            Cel::Geheel(x.jaar.into()),
            Cel::tekst(&x.onderdeel),
            Cel::tekst(x.status.id()),
            Cel::tekst(&x.regel),
        ]);
    }
    t
}
