//! Instroom: people housed in / arriving at a gemeente per year and doelgroep. Counts are decimals
//! because projections (a +30 % scenario) give fractional heads.

use crate::fout::{Herkomst, InvoerFout};
use crate::gemeente::GemeenteId;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Doelgroep {
    /// Asielstatushouder.
    Asiel,
    /// Gezins- en overige migrant.
    Gezin,
}

impl Doelgroep {
    pub const ALLE: [Doelgroep; 2] = [Doelgroep::Asiel, Doelgroep::Gezin];
    pub fn id(self) -> &'static str {
        match self {
            Doelgroep::Asiel => "asiel",
            Doelgroep::Gezin => "gezin",
        }
    }

    /// The doelgroep with this id (exact, lower case).
    pub fn van_id(id: &str) -> Option<Doelgroep> {
        Doelgroep::ALLE.into_iter().find(|d| d.id() == id)
    }
}

/// What the `aantal` of an instroom row counts (`instroom.csv` column `soort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum InstroomSoort {
    /// Inburgeringsplichtigen: the heads the SPUK counts and the routes serve (the default).
    #[default]
    Inburgeringsplichtigen,
    /// The housing taakstelling: everyone housed, minors and exempt persons included.
    /// Converted with the scenario's share of inburgeringsplichtigen per doelgroep.
    Taakstelling,
}

impl InstroomSoort {
    pub fn id(self) -> &'static str {
        match self {
            InstroomSoort::Inburgeringsplichtigen => "inburgeringsplichtigen",
            InstroomSoort::Taakstelling => "taakstelling",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstroomRegel {
    pub gemeente: GemeenteId,
    pub jaar: i32,
    pub doelgroep: Doelgroep,
    /// As written: inburgeringsplichtigen, or the taakstelling when `soort` says so (use
    /// [`InstroomInstellingen::plichtigen`] for the heads the model counts).
    pub aantal: Decimal,
    pub soort: InstroomSoort,
    pub herkomst: Herkomst,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Instroom {
    pub regels: Vec<InstroomRegel>,
}

impl Instroom {
    /// Heads of all doelgroepen for a gemeente and year (0 when absent).
    pub fn totaal(&self, gemeente: GemeenteId, jaar: i32) -> Decimal {
        self.regels
            .iter()
            .filter(|r| r.gemeente == gemeente && r.jaar == jaar)
            .map(|r| r.aantal)
            .sum()
    }
}

/// See [`Instroom::index`].
pub struct InstroomIndex<'a> {
    regels: std::collections::HashMap<(GemeenteId, i32, Doelgroep), &'a InstroomRegel>,
    laatste: std::collections::HashMap<(GemeenteId, Doelgroep), i32>,
}

impl<'a> InstroomIndex<'a> {
    pub fn regel(&self, g: GemeenteId, jaar: i32, d: Doelgroep) -> Option<&'a InstroomRegel> {
        self.regels.get(&(g, jaar, d)).copied()
    }
    pub fn laatste_jaar(&self, g: GemeenteId, d: Doelgroep) -> Option<i32> {
        self.laatste.get(&(g, d)).copied()
    }
}

/// How a scenario projects and scales instroom.
#[derive(Debug, Clone, PartialEq)]
pub struct InstroomInstellingen {
    /// Growth in percent per year beyond the last year in the data (0 = flat); `None` = no
    /// projection: years after the data have no instroom.
    pub groei: Option<Decimal>,
    /// Factor on every year (1.3 = +30 %).
    pub schaal: Decimal,
    /// Factors on year ranges (inclusive): (van, tot, factor).
    pub factoren: Vec<(i32, i32, Decimal)>,
    /// `aandeel_inburgeringsplichtig`: per doelgroep the percentage of a taakstelling that is
    /// inburgeringsplichtig (adults, not exempt). Only for rows with `soort = taakstelling`.
    pub aandeel_plichtig: Vec<(Doelgroep, Decimal)>,
}

impl Default for InstroomInstellingen {
    fn default() -> Self {
        InstroomInstellingen {
            groei: None,
            schaal: Decimal::ONE,
            factoren: Vec::new(),
            aandeel_plichtig: Vec::new(),
        }
    }
}

/// The scenario key that holds the share of inburgeringsplichtigen in a taakstelling.
pub const AANDEEL_SLEUTEL: &str = "instroom.aandeel_inburgeringsplichtig";

impl InstroomInstellingen {
    /// The factors that apply to `jaar`, in the scenario's order: the projection multiplies
    /// by each in turn (after `schaal`).
    pub fn factoren_in(&self, jaar: i32) -> impl Iterator<Item = Decimal> + '_ {
        self.factoren
            .iter()
            .filter(move |(van, tot, _)| *van <= jaar && jaar <= *tot)
            .map(|(_, _, f)| *f)
    }

    /// The share (percent) of inburgeringsplichtigen in a taakstelling of doelgroep `d`, if the
    /// scenario gives one.
    pub fn aandeel(&self, d: Doelgroep) -> Option<Decimal> {
        self.aandeel_plichtig
            .iter()
            .find(|(x, _)| *x == d)
            .map(|(_, p)| *p)
    }

    /// The inburgeringsplichtigen of a data row: `aantal` as given, or for a taakstelling row
    /// `aantal` × the scenario's share / 100 (exact; fractional heads are expected values).
    /// A taakstelling row without a share is an error naming the row and the scenario key.
    pub fn plichtigen(&self, r: &InstroomRegel) -> Result<Decimal, InvoerFout> {
        match r.soort {
            InstroomSoort::Inburgeringsplichtigen => Ok(r.aantal),
            InstroomSoort::Taakstelling => {
                let p = self.aandeel(r.doelgroep).ok_or_else(|| geen_aandeel(r))?;
                // The share is at most 100 %: the product never exceeds `aantal`.
                Ok(r.aantal * p / Decimal::ONE_HUNDRED)
            }
        }
    }
}

/// The error for a taakstelling row when the scenario gives no share of inburgeringsplichtigen.
pub fn geen_aandeel(r: &InstroomRegel) -> InvoerFout {
    InvoerFout::new(
        r.herkomst.clone(),
        "soort",
        format!(
            "taakstelling voor doelgroep {d}, maar het scenario geeft geen aandeel \
             inburgeringsplichtigen voor {d}; de taakstelling telt ook minderjarigen en \
             vrijgestelden mee; verwacht in het scenario [instroom] \
             aandeel_inburgeringsplichtig = {{ {d} = 60 }} (percentage 0–100, een aanname met \
             bron) of aantallen inburgeringsplichtigen (soort leeg)",
            d = r.doelgroep.id()
        ),
    )
}

impl Instroom {
    /// Heads of one doelgroep (0 when absent).
    pub fn aantal(&self, gemeente: GemeenteId, jaar: i32, doelgroep: Doelgroep) -> Decimal {
        self.regels
            .iter()
            .filter(|r| r.gemeente == gemeente && r.jaar == jaar && r.doelgroep == doelgroep)
            .map(|r| r.aantal)
            .sum()
    }

    /// The instroom a scenario works with, up to `tot`, in inburgeringsplichtigen (taakstelling
    /// rows converted with the scenario's share): each gemeente and doelgroep on its own.
    /// Its data years as given; years after its own last data year grown from that year's value
    /// when the scenario sets `groei` (else none). Then range factors and the overall scale.
    /// A gemeente without rows gets none: never zeros because other gemeenten have rows (the
    /// coverage check in `dekking` refuses what a scenario needs but the data does not cover).
    /// Exact decimals (fractional heads are fine in a forecast); a number too large for a
    /// `Decimal` (decades of strong growth) is an error naming the row it was grown from.
    pub fn projecteer(
        &self,
        aantal_gemeenten: usize,
        tot: i32,
        inst: &InstroomInstellingen,
    ) -> Result<Instroom, InvoerFout> {
        let mut uit = Instroom::default();
        // Taakstelling rows become inburgeringsplichtigen first: the model counts those.
        let omgerekend: Vec<InstroomRegel> = self
            .regels
            .iter()
            .map(|r| {
                Ok(InstroomRegel {
                    aantal: inst.plichtigen(r)?,
                    soort: InstroomSoort::Inburgeringsplichtigen,
                    ..r.clone()
                })
            })
            .collect::<Result<_, InvoerFout>>()?;
        // Rows grouped once per gemeente and doelgroep: linear in the number of rows.
        let mut per: std::collections::HashMap<(GemeenteId, Doelgroep), Vec<&InstroomRegel>> =
            std::collections::HashMap::new();
        for r in &omgerekend {
            per.entry((r.gemeente, r.doelgroep)).or_default().push(r);
        }
        for g in 0..aantal_gemeenten {
            for d in Doelgroep::ALLE {
                let eigen: &[&InstroomRegel] =
                    per.get(&(g, d)).map(|v| v.as_slice()).unwrap_or(&[]);
                for (jaar, a, herkomst) in reeks(eigen, tot, inst)? {
                    uit.regels.push(InstroomRegel {
                        gemeente: g,
                        jaar,
                        doelgroep: d,
                        aantal: a,
                        soort: InstroomSoort::Inburgeringsplichtigen,
                        herkomst,
                    });
                }
            }
        }
        Ok(uit)
    }

    /// Every row by gemeente, year and doelgroep, and the last data year per gemeente and
    /// doelgroep: for lookups in loops over gemeenten and years.
    pub fn index(&self) -> InstroomIndex<'_> {
        let mut regels = std::collections::HashMap::with_capacity(self.regels.len());
        let mut laatste: std::collections::HashMap<(GemeenteId, Doelgroep), i32> =
            std::collections::HashMap::new();
        for r in &self.regels {
            regels.entry((r.gemeente, r.jaar, r.doelgroep)).or_insert(r);
            let l = laatste.entry((r.gemeente, r.doelgroep)).or_insert(r.jaar);
            *l = (*l).max(r.jaar);
        }
        InstroomIndex { regels, laatste }
    }

    /// The last data year of a gemeente and doelgroep (None without rows).
    pub fn laatste_jaar(&self, gemeente: GemeenteId, doelgroep: Doelgroep) -> Option<i32> {
        self.regels
            .iter()
            .filter(|r| r.gemeente == gemeente && r.doelgroep == doelgroep)
            .map(|r| r.jaar)
            .max()
    }

    /// The row of a gemeente, year and doelgroep, if given.
    pub fn regel(&self, gemeente: GemeenteId, jaar: i32, d: Doelgroep) -> Option<&InstroomRegel> {
        self.regels
            .iter()
            .find(|r| r.gemeente == gemeente && r.jaar == jaar && r.doelgroep == d)
    }
}

/// One gemeente's projected series of one doelgroep from its own rows: (year, heads, herkomst of
/// the row of that year), zero years left out. See [`Instroom::projecteer`].
fn reeks(
    eigen: &[&InstroomRegel],
    tot: i32,
    inst: &InstroomInstellingen,
) -> Result<Vec<(i32, Decimal, Herkomst)>, InvoerFout> {
    let (Some(eerste), Some(laatste)) = (
        eigen.iter().map(|r| r.jaar).min(),
        eigen.iter().map(|r| r.jaar).max(),
    ) else {
        return Ok(Vec::new());
    };
    let groei = inst.groei.map(|g| Decimal::ONE + g / Decimal::ONE_HUNDRED);
    // Grown years name the last data row, the one they were grown from.
    let bron = eigen
        .iter()
        .find(|r| r.jaar == laatste)
        .map(|r| r.herkomst.clone())
        .unwrap_or_default();
    let te_groot = |jaar: i32| {
        crate::fout::te_groot(
            bron.clone(),
            format!("de instroom in {jaar} (met groei, schaal en factoren uit het scenario)"),
        )
    };
    let mut uit = Vec::new();
    let mut basis = Decimal::ZERO;
    for jaar in eerste..=tot.max(laatste) {
        let regel = eigen.iter().find(|r| r.jaar == jaar);
        let ruw = if jaar <= laatste {
            let a = regel.map(|r| r.aantal).unwrap_or_default();
            if jaar == laatste {
                basis = a;
            }
            a
        } else if let Some(groei) = groei {
            basis = basis.checked_mul(groei).ok_or_else(|| te_groot(jaar))?;
            basis
        } else {
            Decimal::ZERO
        };
        let mut a = ruw.checked_mul(inst.schaal).ok_or_else(|| te_groot(jaar))?;
        for f in inst.factoren_in(jaar) {
            a = a.checked_mul(f).ok_or_else(|| te_groot(jaar))?;
        }
        if !a.is_zero() {
            uit.push((
                jaar,
                a,
                regel.map(|r| r.herkomst.clone()).unwrap_or_default(),
            ));
        }
    }
    Ok(uit)
}

impl Instroom {
    /// Prognose rows, with every (gemeente, year, doelgroep) that has a realised row (up to
    /// `tot`, if given) replaced by that realised row.
    pub fn overlay(prognose: &Instroom, realisatie: &Instroom, tot: Option<i32>) -> Instroom {
        let telt = |r: &InstroomRegel| tot.is_none_or(|t| r.jaar <= t);
        // A set, not a search per prognose row: quadratic in gemeenten otherwise.
        let gerealiseerd: rustc_hash::FxHashSet<(GemeenteId, i32, Doelgroep)> = realisatie
            .regels
            .iter()
            .filter(|r| telt(r))
            .map(|r| (r.gemeente, r.jaar, r.doelgroep))
            .collect();
        let echt = |g: GemeenteId, j: i32, d: Doelgroep| gerealiseerd.contains(&(g, j, d));
        let mut uit = Instroom::default();
        uit.regels.extend(
            prognose
                .regels
                .iter()
                .filter(|r| !echt(r.gemeente, r.jaar, r.doelgroep))
                .cloned(),
        );
        uit.regels
            .extend(realisatie.regels.iter().filter(|r| telt(r)).cloned());
        uit
    }
}
