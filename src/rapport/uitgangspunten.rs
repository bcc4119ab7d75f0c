//! The scenario's settings after inheritance and where it came from: `uitgangspunten.csv`.

use crate::invoer::scenario::Scenario;
use crate::rapport::tabel::{Cel, Tabel};

pub fn tabel(s: &Scenario) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("soort", "Soort"),
        ("sleutel", "Sleutel"),
        ("waarde", "Waarde"),
    ]);
    let mut rij =
        |a: &str, b: &str, c: String| t.rij(vec![Cel::tekst(a), Cel::tekst(b), Cel::Tekst(c)]);
    rij("scenario", "naam", s.naam.clone());
    rij("scenario", "omschrijving", s.omschrijving.clone());
    rij("scenario", "bestand", s.pad.display().to_string());
    for o in &s.ouders {
        rij("scenario", "ouder", o.display().to_string());
    }
    for (k, v) in &s.instellingen_tekst {
        rij("instelling", k, v.clone());
    }
    t
}
