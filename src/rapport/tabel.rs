//! `Tabel`: the one table type every report function returns and every renderer formats.
//! Cells are typed (text, exact amount, displayed whole euros, number, year), so a renderer
//! chooses only the notation (`1234.50` in CSV, `€ 1.235` on screen, a number cell in the
//! workbook) and never computes, sums or rounds.

use rust_decimal::Decimal;
use std::sync::Arc;

/// Per row and cell of a table: the difference of a displayed figure (see `Tabel::verschil_met`).
pub type Verschillen = Vec<Vec<Option<Decimal>>>;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cel {
    /// Text, shared: a million-line table repeats a few texts (the scenario, a gemeente, a
    /// post), each kept once.
    Tekst(Arc<str>),
    /// An exact amount in euros (to the cent).
    Bedrag(Decimal),
    /// A displayed amount in whole euros: rounded once in the report layer (sluitend where the
    /// table has totals).
    Euro(Decimal),
    /// A number shown as it is (a percentage, a factor).
    Getal(Decimal),
    /// A displayed percentage (already rounded), shown with a `%` sign.
    Procent(Decimal),
    /// A whole number: a year, a month, a count.
    Geheel(i64),
    Leeg,
}

impl Cel {
    pub fn tekst(t: impl AsRef<str>) -> Cel {
        Cel::Tekst(t.as_ref().into())
    }

    /// An optional exact amount: empty when unknown.
    pub fn bedrag_of_leeg(x: Option<Decimal>) -> Cel {
        x.map(Cel::Bedrag).unwrap_or(Cel::Leeg)
    }
}

/// Shares the equal texts of a large table: each distinct text is stored once and every cell
/// points to it (a national ledger table repeats a few hundred texts over millions of cells).
#[derive(Default)]
pub struct Teksten(rustc_hash::FxHashSet<Arc<str>>);

impl Teksten {
    pub fn cel(&mut self, t: &str) -> Cel {
        if let Some(a) = self.0.get(t) {
            return Cel::Tekst(Arc::clone(a));
        }
        let a: Arc<str> = t.into();
        self.0.insert(Arc::clone(&a));
        Cel::Tekst(a)
    }
}

/// A table with a row per ledger line (a million rows at 10.000 gemeenten): its rows are made
/// as a renderer reads them, so the table is never held whole. [`Rijen::tabel`] collects it
/// where a renderer needs the whole table.
pub struct Rijen<'a> {
    pub kolommen: Vec<Kolom>,
    pub rijen: Box<dyn Iterator<Item = Vec<Cel>> + 'a>,
}

impl<'a> Rijen<'a> {
    pub fn nieuw(kolommen: &[(&str, &str)], rijen: impl Iterator<Item = Vec<Cel>> + 'a) -> Self {
        Rijen {
            kolommen: Tabel::nieuw(kolommen).kolommen,
            rijen: Box::new(rijen),
        }
    }

    pub fn tabel(self) -> Tabel {
        let mut t = Tabel {
            kolommen: self.kolommen,
            rijen: Vec::new(),
        };
        for r in self.rijen {
            t.rij(r);
        }
        t
    }
}

/// A column: `id` is the machine name (the CSV header), `kop` the Dutch heading for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Kolom {
    pub id: String,
    pub kop: String,
}

/// A row; `nadruk` marks a group or total row (bold in the workbook and the report).
#[derive(Debug, Clone, PartialEq)]
pub struct Rij {
    pub cellen: Vec<Cel>,
    pub nadruk: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tabel {
    pub kolommen: Vec<Kolom>,
    pub rijen: Vec<Rij>,
}

impl Tabel {
    /// A table with these columns as (id, Dutch heading).
    pub fn nieuw(kolommen: &[(&str, &str)]) -> Tabel {
        Tabel {
            kolommen: kolommen
                .iter()
                .map(|(id, kop)| Kolom {
                    id: id.to_string(),
                    kop: kop.to_string(),
                })
                .collect(),
            rijen: Vec::new(),
        }
    }

    pub fn rij(&mut self, cellen: Vec<Cel>) {
        self.push(cellen, false);
    }

    pub fn push(&mut self, cellen: Vec<Cel>, nadruk: bool) {
        debug_assert_eq!(cellen.len(), self.kolommen.len());
        self.rijen.push(Rij { cellen, nadruk });
    }

    /// Position of a column by id.
    pub fn kolom(&self, id: &str) -> Option<usize> {
        self.kolommen.iter().position(|k| k.id == id)
    }

    /// The difference of every displayed euro cell against the same cell of `oud` (the row with
    /// the same first cell, the column with the same id): what `raming serve` shows beside a
    /// what-if figure. A difference of displayed figures, like every difference between
    /// scenarios. `None` for other cells; a row or column `oud` lacks counts as 0.
    pub fn verschil_met(&self, oud: &Tabel) -> Verschillen {
        let sleutel = |r: &Rij| match r.cellen.first() {
            Some(Cel::Tekst(t)) => t.to_string(),
            Some(Cel::Geheel(x)) => x.to_string(),
            _ => String::new(),
        };
        self.rijen
            .iter()
            .map(|r| {
                let k = sleutel(r);
                let o = oud.rijen.iter().find(|x| sleutel(x) == k);
                r.cellen
                    .iter()
                    .enumerate()
                    .map(|(c, cel)| {
                        let Cel::Euro(nieuw) = cel else { return None };
                        let voor = o
                            .and_then(|o| oud.kolom(&self.kolommen[c].id).map(|i| &o.cellen[i]))
                            .and_then(|x| match x {
                                Cel::Euro(x) => Some(*x),
                                _ => None,
                            })
                            .unwrap_or_default();
                        Some(*nieuw - voor)
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn differences_are_per_row_key_and_column_id() {
        let mut oud = Tabel::nieuw(&[("naam", "Naam"), ("2022", "2022"), ("2023", "2023")]);
        oud.rij(vec![
            Cel::tekst("A"),
            Cel::Euro(dec!(10)),
            Cel::Euro(dec!(20)),
        ]);
        oud.rij(vec![
            Cel::tekst("B"),
            Cel::Euro(dec!(5)),
            Cel::Euro(dec!(5)),
        ]);
        let mut nieuw = Tabel::nieuw(&[("naam", "Naam"), ("2023", "2023"), ("2024", "2024")]);
        nieuw.rij(vec![
            Cel::tekst("B"),
            Cel::Euro(dec!(7)),
            Cel::Euro(dec!(1)),
        ]);
        nieuw.rij(vec![Cel::tekst("C"), Cel::Euro(dec!(3)), Cel::Leeg]);
        assert_eq!(
            nieuw.verschil_met(&oud),
            vec![
                vec![None, Some(dec!(2)), Some(dec!(1))],
                vec![None, Some(dec!(3)), None]
            ]
        );
    }
}
