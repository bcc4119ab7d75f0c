//! The ledger: one booking per gemeente, year and post, exact to the cent. Everything shown to a
//! user (tables, totals, groups, saldo) is derived from it, so all outputs agree with each other.

use crate::gemeente::{GemeenteId, Groep};
use crate::post::PostId;
use crate::uitvoerder::Uitvoerder;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Soort {
    Baten,
    Lasten,
}

impl Soort {
    pub fn id(self) -> &'static str {
        match self {
            Soort::Baten => "baten",
            Soort::Lasten => "lasten",
        }
    }
}

/// A ledger line of one gemeente, year and post.
#[derive(Debug, Clone, PartialEq)]
pub struct Boeking {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub soort: Soort,
    pub post: PostId,
    /// What the line is, without the year: "SPUK", a formatie line's "1,5 fte Procesregie".
    /// Tables show [`Boeking::omschrijving`].
    pub label: Arc<str>,
    pub bedrag: Decimal,
    /// Who executes the cost (lasten): the gemeente itself, a regional body (the line is a
    /// bijdrage) or a partner (a subsidy). Baten lines: the gemeente.
    pub uitvoerder: Uitvoerder,
}

/// Description of a post as it appears in the tables, in ledger order.
#[derive(Debug, Clone, PartialEq)]
pub struct PostInfo {
    pub soort: Soort,
    pub post: PostId,
    pub label: Arc<str>,
    /// The year whose posts these are.
    pub jaar: i32,
}

impl Boeking {
    /// What the line is, as the tables show it: see [`omschrijving`].
    pub fn omschrijving(&self) -> String {
        omschrijving(&self.post, &self.label, self.jaar)
    }
}

impl PostInfo {
    /// The post's description in its year: see [`omschrijving`].
    pub fn omschrijving(&self) -> String {
        omschrijving(&self.post, &self.label, self.jaar)
    }
}

/// A line's description as the tables show it: its label and the year ("SPUK 2024"), except a
/// formatie post's, whose label names the fte and no year ("1,5 fte Procesregie").
pub fn omschrijving(post: &PostId, label: &str, jaar: i32) -> String {
    match post {
        PostId::Formatie(_) => label.to_string(),
        _ => format!("{label} {jaar}"),
    }
}

/// Where the engine books (`berekening::bouw_in`): the ledger, or a sink that keeps
/// only what it needs. The risk model's reruns keep baten and lasten per gemeente and year and
/// so skip making the descriptions of a national ledger twenty times.
pub trait Boekhouding {
    /// Books `bedrag` of a gemeente, year and soort; `boeking` makes the full line when it is
    /// kept.
    fn boek_op(
        &mut self,
        gemeente: GemeenteId,
        jaar: i32,
        soort: Soort,
        bedrag: Decimal,
        boeking: impl FnOnce() -> Boeking,
    );
}

impl Boekhouding for Ledger {
    fn boek_op(
        &mut self,
        _: GemeenteId,
        _: i32,
        _: Soort,
        _: Decimal,
        boeking: impl FnOnce() -> Boeking,
    ) {
        self.boekingen.push(boeking());
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    pub boekingen: Vec<Boeking>,
}

/// Baten, lasten and saldo of one gemeente or group in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Saldo {
    pub baten: Decimal,
    pub lasten: Decimal,
}

impl Saldo {
    pub fn saldo(&self) -> Decimal {
        self.baten - self.lasten
    }
}

impl Ledger {
    pub fn boek(&mut self, b: Boeking) {
        self.boekingen.push(b);
    }

    /// Distinct posts in order of first appearance for `jaar` (baten before lasten).
    pub fn posten(&self, jaar: i32) -> Vec<PostInfo> {
        posten_van(self.boekingen.iter().filter(|b| b.jaar == jaar))
            .remove(&jaar)
            .unwrap_or_default()
    }

    /// The lines `houd` keeps, per year and within a year per gemeente, in ledger order within
    /// each: the order of every table with a row per ledger line. A stable counting sort on
    /// (year, gemeente), linear in the ledger (a comparison sort of a million lines through their
    /// pointers was a quarter of the time to make such a table).
    pub fn per_jaar_en_gemeente(&self, houd: impl Fn(&Boeking) -> bool) -> Vec<&Boeking> {
        per_jaar_en_gemeente(self.boekingen.iter().filter(|b| houd(b)).collect())
    }

    /// [`Ledger::posten`] for every year, in one pass over the ledger: for callers that need the
    /// posts of many years (one scan per year would make a national run quadratic).
    pub fn posten_per_jaar(&self) -> BTreeMap<i32, Vec<PostInfo>> {
        posten_van(self.boekingen.iter())
    }

    /// Exact amounts per gemeente, year, soort and post in one pass: for lookups inside loops
    /// over gemeenten and years (where [`Ledger::bedrag`] would scan the whole ledger each time).
    pub fn per_post(&self) -> rustc_hash::FxHashMap<(GemeenteId, i32, Soort, &str), Decimal> {
        self.per_post_waar(|_| true)
    }

    /// [`Ledger::per_post`] of the bookings `houd` keeps: for callers that look up a few posts.
    pub fn per_post_waar(
        &self,
        houd: impl Fn(&Boeking) -> bool,
    ) -> rustc_hash::FxHashMap<(GemeenteId, i32, Soort, &str), Decimal> {
        let mut m = rustc_hash::FxHashMap::default();
        for b in self.boekingen.iter().filter(|b| houd(b)) {
            *m.entry((b.gemeente, b.jaar, b.soort, b.post.as_str()))
                .or_insert(Decimal::ZERO) += b.bedrag;
        }
        m
    }

    /// Exact amount of a post for a gemeente and year (0 when not booked).
    pub fn bedrag(&self, gemeente: GemeenteId, jaar: i32, soort: Soort, post: &str) -> Decimal {
        self.boekingen
            .iter()
            .filter(|b| {
                b.gemeente == gemeente
                    && b.jaar == jaar
                    && b.soort == soort
                    && b.post.as_str() == post
            })
            .map(|b| b.bedrag)
            .sum()
    }

    /// Exact baten and lasten per gemeente and year.
    pub fn saldi(&self) -> BTreeMap<(GemeenteId, i32), Saldo> {
        let mut m: BTreeMap<(GemeenteId, i32), Saldo> = BTreeMap::new();
        for b in &self.boekingen {
            let s = m.entry((b.gemeente, b.jaar)).or_default();
            match b.soort {
                Soort::Baten => s.baten += b.bedrag,
                Soort::Lasten => s.lasten += b.bedrag,
            }
        }
        m
    }

    /// Exact baten and lasten of a group in a year: the sum over its members.
    pub fn groep_saldo(&self, groep: &Groep, jaar: i32) -> Saldo {
        let saldi = self.saldi();
        let mut s = Saldo::default();
        for g in &groep.leden {
            if let Some(x) = saldi.get(&(*g, jaar)) {
                s.baten += x.baten;
                s.lasten += x.lasten;
            }
        }
        s
    }
}

/// [`Ledger::per_jaar_en_gemeente`] of lines already chosen (in ledger order): per year and
/// within a year per gemeente, the order among the lines kept.
pub fn per_jaar_en_gemeente(mut regels: Vec<&Boeking>) -> Vec<&Boeking> {
    let (Some(van), Some(tot)) = (
        regels.iter().map(|b| b.jaar).min(),
        regels.iter().map(|b| b.jaar).max(),
    ) else {
        return regels;
    };
    let n = regels.iter().map(|b| b.gemeente).max().unwrap_or(0) + 1;
    let vakken = (tot as i64 - van as i64 + 1) as usize * n;
    // Far more buckets than lines (a ledger spread over centuries): a comparison sort.
    if vakken > 4 * regels.len() + 1024 {
        regels.sort_by_key(|b| (b.jaar, b.gemeente));
        return regels;
    }
    let vak = |b: &Boeking| (b.jaar - van) as usize * n + b.gemeente;
    let mut begin = vec![0usize; vakken + 1];
    for b in &regels {
        begin[vak(b) + 1] += 1;
    }
    for i in 0..vakken {
        begin[i + 1] += begin[i];
    }
    let mut plek = vec![None; regels.len()];
    for b in regels {
        let v = vak(b);
        plek[begin[v]] = Some(b);
        begin[v] += 1;
    }
    plek.into_iter().flatten().collect()
}

/// Distinct posts per year of some bookings, in order of first appearance (baten before
/// lasten): the one pass behind [`Ledger::posten`] and [`Ledger::posten_per_jaar`].
fn posten_van<'a>(boekingen: impl Iterator<Item = &'a Boeking>) -> BTreeMap<i32, Vec<PostInfo>> {
    let mut gezien: rustc_hash::FxHashSet<(i32, Soort, &str)> = Default::default();
    let mut per_jaar: BTreeMap<i32, [Vec<PostInfo>; 2]> = Default::default();
    for b in boekingen {
        if gezien.insert((b.jaar, b.soort, b.post.as_str())) {
            let kant = usize::from(b.soort == Soort::Lasten);
            per_jaar.entry(b.jaar).or_default()[kant].push(PostInfo {
                soort: b.soort,
                post: b.post.clone(),
                label: b.label.clone(),
                jaar: b.jaar,
            });
        }
    }
    per_jaar
        .into_iter()
        .map(|(j, [mut baten, lasten])| {
            baten.extend(lasten);
            (j, baten)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boeking(gemeente: GemeenteId, jaar: i32, soort: Soort, post: &str) -> Boeking {
        Boeking {
            gemeente,
            jaar,
            soort,
            post: post.into(),
            label: "".into(),
            bedrag: Decimal::ONE,
            uitvoerder: Uitvoerder::Gemeente,
        }
    }

    /// A line's description in another year: the year replaced as a whole word at the end, a
    /// year inside the label left alone (the text surgery this replaced turned "Plan 2024" in
    /// 2024 into "Plan 2025 2025"), and a formatie line's description, which names no year,
    /// unchanged.
    #[test]
    fn a_description_moves_to_another_year_by_its_label() {
        let mut b = boeking(0, 2024, Soort::Lasten, "spuk");
        b.label = "SPUK".into();
        assert_eq!(b.omschrijving(), "SPUK 2024");
        assert_eq!(omschrijving(&b.post, &b.label, 2025), "SPUK 2025");
        b.label = "Plan 2024".into();
        assert_eq!(b.omschrijving(), "Plan 2024 2024");
        assert_eq!(omschrijving(&b.post, &b.label, 2025), "Plan 2024 2025");
        let mut b = boeking(0, 2024, Soort::Lasten, "procesregie");
        b.label = "1,5 fte Procesregie".into();
        assert_eq!(b.omschrijving(), "1,5 fte Procesregie");
        assert_eq!(omschrijving(&b.post, &b.label, 2025), "1,5 fte Procesregie");
    }

    /// The counting sort gives exactly the stable sort on (year, gemeente): the ledger's order
    /// within each, for a filter, for years far apart (the comparison-sort path) and for none.
    #[test]
    fn lines_per_year_and_gemeente_keep_the_ledger_order_within_each() {
        let mut toestand: u64 = 11;
        let mut volgende = |m: u64| {
            toestand = toestand
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (toestand >> 33) % m
        };
        for ronde in 0..200 {
            let n = volgende(60) as usize;
            let spreiding = if ronde % 10 == 0 { 5000 } else { 4 };
            let ledger = Ledger {
                boekingen: (0..n)
                    .map(|i| {
                        let soort = if volgende(2) == 0 {
                            Soort::Baten
                        } else {
                            Soort::Lasten
                        };
                        let jaar = 2022 + volgende(spreiding) as i32;
                        boeking(volgende(7) as usize, jaar, soort, &format!("p{i}"))
                    })
                    .collect(),
            };
            for alleen_lasten in [false, true] {
                let houd = |b: &Boeking| !alleen_lasten || b.soort == Soort::Lasten;
                let mut verwacht: Vec<&Boeking> =
                    ledger.boekingen.iter().filter(|b| houd(b)).collect();
                verwacht.sort_by_key(|b| (b.jaar, b.gemeente));
                let posten = |v: &[&Boeking]| v.iter().map(|b| b.post.clone()).collect::<Vec<_>>();
                assert_eq!(
                    posten(&ledger.per_jaar_en_gemeente(houd)),
                    posten(&verwacht),
                    "ronde {ronde}"
                );
            }
        }
    }
}
