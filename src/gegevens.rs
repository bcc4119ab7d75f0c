//! The validated data set the engine works on. Built by the input edge (`invoer`), never by
//! parsing inside the core.

use crate::formatie::{EigenSleutel, Post};
use crate::gemeente::{Gemeenten, Groep};
use crate::indexatie::Indexatie;
use crate::instroom::Instroom;
use crate::routeverdeling::Routeverdeling;
use crate::tarief::Tarieven;
use crate::uitkering::{Beschikking, IuRegel, Maatstaf, RijksBudget};
use crate::voorziening::KostenRegel;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gegevens {
    pub gemeenten: Gemeenten,
    /// Regions and scopes, in order of first appearance in `groepen.csv`.
    pub groepen: Vec<Groep>,
    pub iu: Vec<IuRegel>,
    pub beschikkingen: Vec<Beschikking>,
    pub instroom: Instroom,
    pub tarieven: Tarieven,
    pub routeverdeling: Routeverdeling,
    pub formatie: Vec<Post>,
    /// Partners that execute by subsidy (`partners.csv`).
    pub partners: Vec<crate::uitvoerder::Partner>,
    /// Who executes the inburgeringsvoorzieningen (`uitvoerders.csv`; empty: every gemeente
    /// itself).
    pub uitvoerders: Vec<crate::uitvoerder::UitvoerderRegel>,
    pub sleutels: Vec<EigenSleutel>,
    /// Route-driven costs per participant (`kosten_per_deelnemer.csv`).
    pub kosten: Vec<KostenRegel>,
    /// Cohort flow through the routes (`doorstroom.csv`; empty: all start in the year of
    /// housing, no uitval, no switch).
    pub doorstroom: crate::doorstroom::Doorstroom,
    pub indexatie: Indexatie,
    pub rijksbudget: Vec<RijksBudget>,
    pub maatstaven: Vec<Maatstaf>,
    /// Realised volumes (`instroom.csv` rows with `versie = realisatie`).
    pub instroom_realisatie: Instroom,
    /// Booked actuals (`realisatie.csv`).
    pub realisatie: Vec<Realisatie>,
    /// Every input table of the source as shown to the user (file name → path or
    /// workbook!sheet), and whether it is present: for messages about rows that are missing.
    pub tabellen: Vec<(String, String, bool)>,
}

impl Gegevens {
    /// The instroom rows (prognose and realised) of doelgroep `dg` given as a taakstelling for
    /// housing: they need the scenario's share of inburgeringsplichtigen.
    pub fn taakstelling(
        &self,
        dg: crate::instroom::Doelgroep,
    ) -> impl Iterator<Item = &crate::instroom::InstroomRegel> {
        self.instroom
            .regels
            .iter()
            .chain(&self.instroom_realisatie.regels)
            .filter(move |r| {
                r.doelgroep == dg && r.soort == crate::instroom::InstroomSoort::Taakstelling
            })
    }

    /// How an input table is shown to the user (its path or workbook sheet); the bare name when
    /// unknown.
    pub fn bestand(&self, naam: &str) -> String {
        self.tabellen
            .iter()
            .find(|(n, _, _)| n == naam)
            .map(|(_, w, _)| w.clone())
            .unwrap_or_else(|| naam.to_string())
    }

    /// Whether an input table is present in the source.
    pub fn aanwezig(&self, naam: &str) -> bool {
        self.tabellen.iter().any(|(n, _, a)| n == naam && *a)
    }

    /// The groups' names, in their order.
    pub fn groepsnamen(&self) -> Vec<&str> {
        self.groepen.iter().map(|g| g.naam.as_str()).collect()
    }

    pub fn groep(&self, naam: &str) -> Option<&Groep> {
        self.groepen.iter().find(|g| g.naam == naam)
    }
}

/// A booked amount from the financial system.
#[derive(Debug, Clone, PartialEq)]
pub struct Realisatie {
    pub gemeente: usize,
    pub jaar: i32,
    pub post: crate::post::PostId,
    /// May be negative (corrections).
    pub bedrag: Decimal,
    pub herkomst: crate::fout::Herkomst,
}

// The indexes of a data set's beschikkingen and IU rows per gemeente are made here, where the
// data set is known (`uitkering` knows its rows, not the data set).
impl<'a> crate::uitkering::PerGemeente<'a, Beschikking> {
    /// The beschikkingen of `d` per gemeente.
    pub fn beschikkingen(d: &'a Gegevens) -> Self {
        Self::new(&d.beschikkingen, d.gemeenten.len(), |b| b.gemeente)
    }
}

impl<'a> crate::uitkering::PerGemeente<'a, IuRegel> {
    /// The IU rows of `d` per gemeente.
    pub fn iu(d: &'a Gegevens) -> Self {
        Self::new(&d.iu, d.gemeenten.len(), |r| r.gemeente)
    }
}

/// A row of an input file with its `bron`: the list of assumptions shown to the raad.
#[derive(Debug, Clone, PartialEq)]
pub struct BronRegel {
    pub bestand: String,
    pub regel: u64,
    /// The row's values (without `bron`), joined, e.g. `GM0505 · 2022 · uitvoering · 453199`.
    pub inhoud: String,
    pub bron: String,
}
