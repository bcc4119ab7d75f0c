//! A scenario as the input edge validated it (`invoer::scenario` reads and checks the TOML):
//! the settings of a run, what its outputs are and what the raad report says about itself.
//! A data type like `gegevens::Gegevens`, read by the engine, the report layer and the CLI.

use crate::berekening::Instellingen;
use crate::fout::Herkomst;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::PathBuf;

/// A loaded scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub naam: String,
    pub omschrijving: String,
    /// The scenario file itself.
    pub pad: PathBuf,
    /// Parent chain (nearest first), for the list of assumptions.
    pub ouders: Vec<PathBuf>,
    /// The data folder, resolved relative to the file that named it.
    pub data: PathBuf,
    pub instellingen: Instellingen,
    /// Where each fte override was set, to report unknown posts.
    pub(crate) fte_herkomst: Vec<(String, Herkomst)>,
    /// The settings as written (merged), for the list of assumptions: (key, value).
    pub instellingen_tekst: Vec<(String, String)>,
    /// Also write the Dutch-Excel CSV dialect (`csv = "nl"` or `--csv nl`).
    pub csv_nl: bool,
    /// Write charts (default; `--geen-grafieken` turns them off).
    pub grafieken: bool,
    /// Also write every table as Parquet in `parquet/` (`--parquet`), for BI tools.
    pub parquet: bool,
    /// Also the per-year charts (`--alle-grafieken`); default only the multi-year ones.
    pub alle_grafieken: bool,
    /// Date printed in the workbook's footer (`--datum` / `RAMING_DATUM`, `JJJJ-MM-DD`); never
    /// the clock, so the same inputs give the same files.
    pub datum: Option<String>,
    /// The uncertain inputs for `raming risico`.
    pub risico: crate::risico::RisicoInstellingen,
    /// `[reserve]`: bestemmingsreserve inburgering (resolved against the data by `invoer::scenario::reserve`).
    pub reserve: Option<ReserveRuw>,
    /// Title page and beslispunten of the raad report.
    pub rapport: RapportGegevens,
    /// What the scenario sets that is allowed but probably not meant (e.g. an instroom factor
    /// of 30): shown with the run's warnings.
    pub waarschuwingen: Vec<crate::waarschuwing::Waarschuwing>,
}

/// Status of the raad report.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RapportStatus {
    #[default]
    Concept,
    Definitief,
}

/// What the raad report says about itself (title page, beslispunten): optional scenario keys,
/// inherited from the parents key by key like every other setting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RapportGegevens {
    pub organisatie: Option<String>,
    pub regio: Option<String>,
    pub titel: Option<String>,
    pub status: RapportStatus,
    pub versie: Option<String>,
    pub beslispunten: Vec<String>,
}

/// The scenario's `[reserve]` after inheritance, before its gemeenten are looked up in the
/// data (see `invoer::scenario::reserve`).
#[derive(Debug, Clone, Default)]
pub struct ReserveRuw {
    pub(crate) naam: Option<String>,
    /// (gemeente as written, amount, where).
    pub(crate) beginsaldo: Vec<(String, Decimal, Herkomst)>,
    pub(crate) plafond: Option<PlafondRuw>,
    /// The `[reserve]` header of the nearest file that has one.
    pub(crate) herkomst: Herkomst,
}

#[derive(Debug, Clone)]
pub(crate) enum PlafondRuw {
    /// One ceiling for every gemeente.
    Een(Decimal),
    /// Per gemeente; a gemeente not named has no ceiling.
    PerGemeente(Vec<(String, Decimal, Herkomst)>),
}
