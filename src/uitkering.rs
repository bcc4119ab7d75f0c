//! What the State pays: the integratie-uitkering (IU, via the gemeentefonds) and the SPUK
//! beschikking (the earmarked grant as decided, provisional or definitive).

use crate::fout::Herkomst;
use crate::gemeente::GemeenteId;
use crate::verdeelsleutel::verdeel;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IuSoort {
    /// Structural execution costs (from 2022).
    Uitvoering,
    /// One-off implementation costs.
    Invoering,
}

impl IuSoort {
    pub fn id(self) -> &'static str {
        match self {
            IuSoort::Uitvoering => "uitvoering",
            IuSoort::Invoering => "invoering",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IuRegel {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub soort: IuSoort,
    pub bedrag: Decimal,
    /// `None`: the nominal amount of `jaar` (as in a circulaire), never re-indexed. A year:
    /// the amount is in prices of that year (a projection such as "gelijk aan 2024") and is
    /// indexed to `jaar` with the gemeentefonds series in lopende prijzen.
    pub prijspeil: Option<i32>,
    pub herkomst: Herkomst,
}

/// The status of a SPUK beschikking in its life. The order is the precedence: the latest known
/// status counts for what is booked (definitief > nader_voorlopig > voorlopig).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpukStatus {
    /// By 1 October of the year before; advances from January.
    Voorlopig,
    /// During the year; advances at the new amount from its `maand`.
    NaderVoorlopig,
    /// The vaststelling, in May of the next year.
    Definitief,
}

impl SpukStatus {
    pub fn id(self) -> &'static str {
        match self {
            SpukStatus::Voorlopig => "voorlopig",
            SpukStatus::NaderVoorlopig => "nader_voorlopig",
            SpukStatus::Definitief => "definitief",
        }
    }
}

/// Which SPUK a beschikking grants: the regular SPUK inburgeringsvoorzieningen (ledger post
/// `spuk`) or the separate SPUK onderwijsroute of 2022–2025 (post `spuk_onderwijsroute`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Regeling {
    #[default]
    Voorzieningen,
    Onderwijsroute,
}

impl Regeling {
    pub fn id(self) -> &'static str {
        match self {
            Regeling::Voorzieningen => "voorzieningen",
            Regeling::Onderwijsroute => "onderwijsroute",
        }
    }

    /// The ledger post the beschikking is booked on.
    pub fn post(self) -> crate::post::PostId {
        match self {
            Regeling::Voorzieningen => crate::post::PostId::Spuk,
            Regeling::Onderwijsroute => crate::post::PostId::SpukOnderwijsroute,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Beschikking {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub bedrag: Decimal,
    pub status: SpukStatus,
    /// The volumes the State used for this amount (optional columns `aantal_asiel`,
    /// `aantal_gezin`): what `kalibreer` fits the per-head amounts on.
    pub aantal_asiel: Option<Decimal>,
    pub aantal_gezin: Option<Decimal>,
    /// A nader voorlopige beschikking: the month (1–12) from which the advances follow it.
    /// Empty for the other statuses (a voorlopige counts from January).
    pub maand: Option<u32>,
    pub regeling: Regeling,
    pub herkomst: Herkomst,
}

/// What is known of one gemeente, year and regeling: at most one beschikking per status.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stand<'a> {
    pub voorlopig: Option<&'a Beschikking>,
    pub nader_voorlopig: Option<&'a Beschikking>,
    pub definitief: Option<&'a Beschikking>,
}

impl<'a> Stand<'a> {
    /// From the beschikkingen (all, or those of the gemeente from [`PerGemeente`]).
    pub fn van(
        beschikkingen: impl IntoIterator<Item = &'a Beschikking>,
        gemeente: usize,
        jaar: i32,
        regeling: Regeling,
    ) -> Self {
        let mut s = Stand::default();
        for b in beschikkingen
            .into_iter()
            .filter(|b| b.gemeente == gemeente && b.jaar == jaar && b.regeling == regeling)
        {
            match b.status {
                SpukStatus::Voorlopig => s.voorlopig = Some(b),
                SpukStatus::NaderVoorlopig => s.nader_voorlopig = Some(b),
                SpukStatus::Definitief => s.definitief = Some(b),
            }
        }
        s
    }

    pub fn is_leeg(&self) -> bool {
        self.laatste().is_none()
    }

    /// The latest known beschikking: definitief > nader voorlopig > voorlopig.
    pub fn laatste(&self) -> Option<&'a Beschikking> {
        self.definitief.or(self.nader_voorlopig).or(self.voorlopig)
    }
}

/// National total of the IU per year and soort (`rijksbudget.csv`): the base for gemeenten
/// without an explicit IU row in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct RijksBudget {
    pub jaar: i32,
    pub soort: IuSoort,
    pub bedrag: Decimal,
    /// `None`: the nominal amount of `jaar` (as in a circulaire), never re-indexed. A year:
    /// the amount is in prices of that year (a projection such as "gelijk aan 2024") and is
    /// indexed to `jaar` with the gemeentefonds series in lopende prijzen.
    pub prijspeil: Option<i32>,
    pub herkomst: Herkomst,
}

/// A criterion of the IU distribution (`iu_maatstaven.csv`): weight and national total, e.g.
/// inwoners 78, niet_westers 22 (Beleidskader Wet inburgering Drechtsteden §4.1).
#[derive(Debug, Clone, PartialEq)]
pub struct Maatstaf {
    /// `inwoners` or `niet_westers`.
    pub maatstaf: String,
    pub gewicht: Decimal,
    pub landelijk_totaal: Decimal,
    pub herkomst: Herkomst,
}

/// The rows of an input table per gemeente, in file order. Lookups inside loops over gemeenten
/// go through this: a scan of every row for every gemeente makes a national run quadratic.
pub struct PerGemeente<'a, T>(Vec<Vec<&'a T>>);

impl<'a, T> PerGemeente<'a, T> {
    pub fn new(rijen: &'a [T], gemeenten: usize, gemeente: impl Fn(&T) -> GemeenteId) -> Self {
        let mut uit: Vec<Vec<&'a T>> = vec![Vec::new(); gemeenten];
        for r in rijen {
            if let Some(v) = uit.get_mut(gemeente(r)) {
                v.push(r);
            }
        }
        PerGemeente(uit)
    }

    /// The rows of gemeente `g`, in file order.
    pub fn van(&self, g: GemeenteId) -> impl Iterator<Item = &'a T> + Clone + '_ {
        self.0.get(g).into_iter().flatten().copied()
    }
}

impl<'a> PerGemeente<'a, Beschikking> {
    /// [`Stand::van`] for one gemeente, year and regeling.
    pub fn stand(&self, g: GemeenteId, jaar: i32, regeling: Regeling) -> Stand<'a> {
        Stand::van(self.van(g), g, jaar, regeling)
    }
}

/// The twelve monthly twelfths of an amount, to the cent, adding up to it exactly.
pub fn twaalfden(bedrag: Decimal) -> Vec<Decimal> {
    verdeel(bedrag, &[Decimal::ONE; 12], 2).expect("twelve equal positive weights")
}

/// The advances per month (January first) under the beschikkingen of one gemeente, year and
/// regeling; `None` without any beschikking.
pub fn maandtermijnen(stand: &Stand) -> Option<Vec<Decimal>> {
    let basis = stand
        .voorlopig
        .or(stand.nader_voorlopig)
        .or(stand.definitief)?;
    let mut termijnen = twaalfden(basis.bedrag);
    if let Some(n) = stand.nader_voorlopig {
        let vanaf = n.maand.unwrap_or(1).clamp(1, 12) as usize - 1;
        termijnen[vanaf..].copy_from_slice(&twaalfden(n.bedrag)[vanaf..]);
    }
    Some(termijnen)
}

/// The advances received in the year (sum of the twelfths); `None` without any beschikking.
pub fn voorschotten(stand: &Stand) -> Option<Decimal> {
    maandtermijnen(stand).map(|t| t.into_iter().sum())
}
