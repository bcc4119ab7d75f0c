//! The ledger and the saldo tables: `begroting.csv` (with who executes each cost) and
//! `saldo.csv`.

use crate::gegevens::Gegevens;
use crate::ledger::{Boeking, Ledger, Soort};
use crate::rapport::Uitkomst;
use crate::rapport::tabel::{Cel, Tabel};

/// The columns of a booking (also the first columns of the trace table).
pub const KOLOMMEN: [(&str, &str); 7] = [
    ("scenario", "Scenario"),
    ("gemeente", "Gemeente"),
    ("jaar", "Jaar"),
    ("soort", "Soort"),
    ("post", "Post"),
    ("omschrijving", "Omschrijving"),
    ("bedrag", "Bedrag"),
];

/// The ledger, one row per gemeente, year and post, exact to the cent: per year, per gemeente;
/// within a gemeente the ledger's post order.
pub fn tabel(scenario: &str, ledger: &Ledger, d: &Gegevens) -> Tabel {
    let mut regels: Vec<&Boeking> = ledger.boekingen.iter().collect();
    regels.sort_by_key(|b| (b.jaar, b.gemeente));
    let mut kolommen = KOLOMMEN.to_vec();
    kolommen.extend([
        ("uitvoerder", "Uitvoerder"),
        ("uitvoerder_soort", "Soort uitvoerder"),
    ]);
    let mut t = Tabel::nieuw(&kolommen);
    for b in regels {
        let gemeente = d.gemeenten.naam(b.gemeente);
        // Who executes a cost; baten have none.
        let (uitvoerder, soort) = match b.soort {
            Soort::Lasten => (
                Cel::tekst(b.uitvoerder.naam(gemeente)),
                Cel::tekst(b.uitvoerder.soort()),
            ),
            Soort::Baten => (Cel::Leeg, Cel::Leeg),
        };
        t.rij(vec![
            Cel::tekst(scenario),
            Cel::tekst(gemeente),
            Cel::Geheel(b.jaar.into()),
            Cel::tekst(b.soort.id()),
            Cel::tekst(&b.post),
            Cel::tekst(&b.omschrijving),
            Cel::Bedrag(b.bedrag),
            uitvoerder,
            soort,
        ]);
    }
    t
}

/// Exact baten, lasten and saldo per gemeente, then per group, and year.
pub fn saldo(u: &Uitkomst, d: &Gegevens) -> Tabel {
    let namen = d
        .gemeenten
        .lijst
        .iter()
        .map(|g| g.naam.clone())
        .chain(d.groepen.iter().map(|g| g.naam.clone()));
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("baten", "Baten"),
        ("lasten", "Lasten"),
        ("saldo", "Saldo"),
    ]);
    for naam in namen {
        for j in &u.jaren {
            let s = u
                .saldi
                .get(&(naam.clone(), *j))
                .copied()
                .unwrap_or_default();
            t.rij(vec![
                Cel::tekst(&u.scenario),
                Cel::tekst(&naam),
                Cel::Geheel((*j).into()),
                Cel::Bedrag(s.baten),
                Cel::Bedrag(s.lasten),
                Cel::Bedrag(s.saldo()),
            ]);
        }
    }
    t
}
