//! The ledger and the saldo tables: `begroting.csv` and `saldo.csv`. Who executes each cost:
//! `rapport::uitvoering::regels` (`uitvoering.csv`), so `begroting.csv` keeps its columns.

use crate::gegevens::Gegevens;
use crate::gemeente::GemeenteId;
use crate::ledger::Ledger;
use crate::rapport::Uitkomst;
use crate::rapport::tabel::{Cel, Rijen, Tabel, Teksten};

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
    rijen(scenario, ledger, d).tabel()
}

/// [`tabel`], its rows made as they are read (`begroting.csv` of 10.000 gemeenten has a million).
pub fn rijen<'a>(scenario: &str, ledger: &'a Ledger, d: &'a Gegevens) -> Rijen<'a> {
    let mut teksten = Teksten::default();
    let scenario = teksten.cel(scenario);
    let mut gemeente = Gemeentecel::default();
    Rijen::nieuw(
        &KOLOMMEN,
        ledger
            .per_jaar_en_gemeente(|_| true)
            .into_iter()
            .map(move |b| {
                vec![
                    scenario.clone(),
                    gemeente.cel(d, b.gemeente),
                    Cel::Geheel(b.jaar.into()),
                    teksten.cel(b.soort.id()),
                    teksten.cel(b.post.as_str()),
                    teksten.cel(&b.omschrijving()),
                    Cel::Bedrag(b.bedrag),
                ]
            }),
    )
}

/// The name cell of the gemeente of a run of lines (the rows come per gemeente): made once per
/// run instead of looked up per row.
#[derive(Default)]
pub struct Gemeentecel(Option<(GemeenteId, Cel)>);

impl Gemeentecel {
    pub fn cel(&mut self, d: &Gegevens, g: GemeenteId) -> Cel {
        match &self.0 {
            Some((vorige, c)) if *vorige == g => c.clone(),
            _ => {
                let c = Cel::tekst(d.gemeenten.naam(g));
                self.0 = Some((g, c.clone()));
                c
            }
        }
    }
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
