//! The bestemmingsreserve table: per gemeente, then per group (sums over its members).

use crate::gegevens::Gegevens;
use crate::rapport::tabel::{Cel, Tabel};
use crate::reserve::{Bestemmingsreserve, ReserveRegel};

/// The reserve lines of a run with `[reserve]`: per gemeente, then per group (sums over its
/// members), as (name, line). Shared by the CSV, the workbook, the chart and the report.
pub fn regels(d: &Gegevens, reserve: Option<&Bestemmingsreserve>) -> Vec<(String, ReserveRegel)> {
    let Some(r) = reserve else {
        return Vec::new();
    };
    let mut uit = Vec::new();
    for (g, regels) in r.per_gemeente.iter().enumerate() {
        for l in regels {
            uit.push((d.gemeenten.naam(g).to_string(), *l));
        }
    }
    for gr in &d.groepen {
        for l in crate::reserve::groep(r, gr) {
            uit.push((gr.naam.clone(), l));
        }
    }
    uit
}

/// `bestemmingsreserve.csv`: per gemeente and group and year the opening balance, addition,
/// withdrawal, closing balance and the result before and after bestemming, exact to the cent.
pub fn tabel(d: &Gegevens, reserve: Option<&Bestemmingsreserve>) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("beginsaldo", "Beginsaldo"),
        ("toevoeging", "Toevoeging"),
        ("onttrekking", "Onttrekking"),
        ("eindsaldo", "Eindsaldo"),
        ("resultaat_voor_bestemming", "Resultaat vóór bestemming"),
        ("resultaat_na_bestemming", "Resultaat na bestemming"),
    ]);
    for (naam, l) in regels(d, reserve) {
        let mut rij = vec![Cel::tekst(naam), Cel::Geheel(l.jaar.into())];
        rij.extend(l.bedragen().map(Cel::Bedrag));
        t.rij(rij);
    }
    t
}
