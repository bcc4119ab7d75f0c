//! The ledger and the saldo tables: `begroting.csv` and `saldo.csv`. Who executes each cost:
//! `rapport::uitvoering::regels` (`uitvoering.csv`), so `begroting.csv` keeps its columns.

use crate::gegevens::Gegevens;
use crate::ledger::{Boeking, Ledger};
use crate::rapport::Uitkomst;
use crate::rapport::tabel::{Cel, Tabel, Teksten};

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
    let mut t = Tabel::nieuw(&KOLOMMEN);
    let mut teksten = Teksten::default();
    for b in regels {
        t.rij(vec![
            teksten.cel(scenario),
            teksten.cel(d.gemeenten.naam(b.gemeente)),
            Cel::Geheel(b.jaar.into()),
            teksten.cel(b.soort.id()),
            teksten.cel(&b.post),
            teksten.cel(&b.omschrijving),
            Cel::Bedrag(b.bedrag),
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
