//! The wide table (as in the Beleidskader) for one year: posts down, gemeenten then groups across, whole euros.
//! Each post row is rounded with the largest-remainder method, so its displayed parts add up to
//! its displayed total; totals, saldo and group columns are sums of displayed cells. The table is
//! therefore "sluitend" both across and down, unlike the Beleidskader's Excel table.

use crate::fout::Fout;
use crate::gegevens::Gegevens;
use crate::gemeente::Groep;
use crate::ledger::{Ledger, Soort};
use crate::rapport::relationeel;
use crate::rapport::tabel::{Cel, Kolom, Tabel};
use crate::verdeelsleutel::rond_sluitend;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct OverzichtRij {
    /// Post id, or `totaal_baten` / `totaal_lasten` / `saldo`.
    pub post: String,
    pub omschrijving: String,
    /// Whole euros: one per gemeente, then one per group.
    pub waarden: Vec<Decimal>,
    pub is_totaal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overzicht {
    pub jaar: i32,
    /// Gemeente names, then group names.
    pub kolommen: Vec<String>,
    /// Number of gemeente columns; the rest are groups.
    pub aantal_gemeenten: usize,
    pub rijen: Vec<OverzichtRij>,
    /// Column name → position in `kolommen`: callers look up every column of every year, which
    /// a search would make quadratic in gemeenten.
    pub positie: rustc_hash::FxHashMap<String, usize>,
}

impl Overzicht {
    pub fn rij(&self, post: &str) -> Option<&OverzichtRij> {
        self.rijen.iter().find(|r| r.post == post)
    }

    /// Position of a column (gemeente or group name).
    pub fn kolom(&self, kolom: &str) -> Option<usize> {
        self.positie.get(kolom).copied()
    }

    /// Displayed value of a row for a column name (gemeente or group).
    pub fn waarde(&self, post: &str, kolom: &str) -> Option<Decimal> {
        let k = self.kolom(kolom)?;
        self.rij(post).map(|r| r.waarden[k])
    }
}

pub fn maak(ledger: &Ledger, d: &Gegevens, jaar: i32) -> Result<Overzicht, Fout> {
    let leden: Vec<usize> = (0..d.gemeenten.len()).collect();
    let groepen: Vec<&Groep> = d.groepen.iter().collect();
    maak_voor(ledger, d, jaar, &leden, &groepen)
}

/// The wide table for some gemeenten (`leden`, in this order) and groups of them: a group
/// column is the sum of its members among `leden`.
pub fn maak_voor(
    ledger: &Ledger,
    d: &Gegevens,
    jaar: i32,
    leden: &[usize],
    groepen: &[&Groep],
) -> Result<Overzicht, Fout> {
    let (posten, exact) = relationeel::pivot_jaar(ledger, d, jaar)?;
    let exact: Vec<Vec<Decimal>> = exact
        .iter()
        .map(|rij| leden.iter().map(|g| rij[*g]).collect())
        .collect();
    let n = leden.len();
    let mut kolommen: Vec<String> = leden
        .iter()
        .map(|g| d.gemeenten.naam(*g).to_string())
        .collect();
    kolommen.extend(groepen.iter().map(|g| g.naam.clone()));
    let posities = groep_posities(leden, groepen);
    // Gemeente cells rounded per row, then group columns as sums of displayed member cells.
    let met_groepen = |cellen: Vec<Decimal>| -> Vec<Decimal> {
        let mut v = cellen;
        for p in &posities {
            let s = p.iter().map(|l| v[*l]).sum();
            v.push(s);
        }
        v
    };
    let rijen = rijen_met_totalen(&posten, &exact, n, jaar, met_groepen);
    // The first of equal names, as a search would find it.
    let mut positie = rustc_hash::FxHashMap::default();
    for (i, k) in kolommen.iter().enumerate() {
        positie.entry(k.clone()).or_insert(i);
    }
    Ok(Overzicht {
        positie,
        jaar,
        kolommen,
        aantal_gemeenten: n,
        rijen,
    })
}

/// Each group's members as positions among `leden` (through a map: a search per member
/// would be quadratic in gemeenten).
fn groep_posities(leden: &[usize], groepen: &[&Groep]) -> Vec<Vec<usize>> {
    let mut positie: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for (i, g) in leden.iter().enumerate() {
        positie.entry(*g).or_insert(i);
    }
    groepen
        .iter()
        .map(|gr| {
            gr.leden
                .iter()
                .filter_map(|l| positie.get(l).copied())
                .collect()
        })
        .collect()
}

/// The post rows (each rounded sluitend over the gemeenten), the totals of baten and lasten
/// as sums of the displayed cells, and the saldo; `met_groepen` adds the group columns.
fn rijen_met_totalen(
    posten: &[crate::ledger::PostInfo],
    exact: &[Vec<Decimal>],
    n: usize,
    jaar: i32,
    met_groepen: impl Fn(Vec<Decimal>) -> Vec<Decimal>,
) -> Vec<OverzichtRij> {
    let mut rijen = Vec::new();
    let mut totalen = [vec![Decimal::ZERO; n], vec![Decimal::ZERO; n]];
    for soort in [Soort::Baten, Soort::Lasten] {
        let t = soort as usize;
        for (p, cellen) in posten.iter().zip(exact).filter(|(p, _)| p.soort == soort) {
            let afgerond = rond_sluitend(cellen, 0);
            for (som, x) in totalen[t].iter_mut().zip(&afgerond) {
                *som += *x;
            }
            rijen.push(OverzichtRij {
                post: p.post.to_string(),
                omschrijving: p.omschrijving(),
                waarden: met_groepen(afgerond),
                is_totaal: false,
            });
        }
        let (id, label) = match soort {
            Soort::Baten => ("totaal_baten", "Totaal baten"),
            Soort::Lasten => ("totaal_lasten", "Totaal lasten"),
        };
        rijen.push(OverzichtRij {
            post: id.into(),
            omschrijving: format!("{label} {jaar}"),
            waarden: met_groepen(totalen[t].clone()),
            is_totaal: true,
        });
    }
    let saldo: Vec<Decimal> = totalen[0]
        .iter()
        .zip(&totalen[1])
        .map(|(b, l)| b - l)
        .collect();
    rijen.push(OverzichtRij {
        post: "saldo".into(),
        omschrijving: format!("Saldo {jaar}"),
        waarden: met_groepen(saldo),
        is_totaal: true,
    });
    rijen
}

impl Overzicht {
    /// The wide table as a `Tabel`: post and omschrijving, then one column per gemeente and
    /// group, in displayed whole euros (already sluitend).
    pub fn tabel(&self) -> Tabel {
        let mut kolommen = vec![
            Kolom {
                id: "post".into(),
                kop: "Post".into(),
            },
            Kolom {
                id: "omschrijving".into(),
                kop: "Omschrijving".into(),
            },
        ];
        kolommen.extend(self.kolommen.iter().map(|k| Kolom {
            id: k.clone(),
            kop: k.clone(),
        }));
        let mut t = Tabel {
            kolommen,
            rijen: Vec::new(),
        };
        for r in &self.rijen {
            let mut cellen = vec![Cel::tekst(&r.post), Cel::tekst(&r.omschrijving)];
            cellen.extend(r.waarden.iter().map(|x| Cel::Euro(*x)));
            t.push(cellen, r.is_totaal);
        }
        t
    }
}
