//! Input edge: reads a data folder of CSV files (the contract controllers edit) and turns it into
//! a validated [`Gegevens`]. Everything that can be wrong with a file is caught here, with file,
//! row and column; the core can then assume consistent data.
//!
//! This module holds the folder (`Map`), the pipeline (`laad_map`) and the checks every loader
//! shares (`per_rij`, `fout`, `check_*`); the loaders live in a child module per family of
//! files (`gemeenten`, `uitvoering`, `formatie`, `uitkering`, `instroom`, `tarieven`,
//! `doorstroom`), each reading the shared imports below through `use super::*`.

pub mod csvbestand;
pub mod doorstroom;
mod formatie;
mod gemeenten;
mod instroom;
pub mod scenario;
pub mod schema;
mod tarieven;
mod uitkering;
mod uitvoering;
pub mod werkboek;

use crate::formatie::{EigenSleutel, Post, Sleutel};
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::gemeente::{Gemeente, GemeenteId, Gemeenten, Groep};
use crate::indexatie::{IndexSoort, Indexatie};
use crate::instroom::{Doelgroep, Instroom, InstroomRegel, InstroomSoort};
use crate::post::PostId;
use crate::routeverdeling::{Route, RouteAandeel, Routeverdeling};
use crate::tarief::{Component, Tarief, Tarieven};
use crate::uitkering::{Beschikking, IuRegel, IuSoort, Regeling, SpukStatus};
use crate::uitkering::{Maatstaf, RijksBudget};
use crate::uitvoerder::{Partner, Uitvoerder, UitvoerderRegel};
use crate::voorziening::KostenRegel;
use csvbestand::{Kolom, Rij, lees, meerdere};
use formatie::{laad_formatie, laad_sleutels};
use gemeenten::{Namen, laad_gemeenten, laad_groepen};
use instroom::{laad_instroom, laad_realisatie};
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};
use schema::{BEDRAG, Bestand, GEMEENTE, JAAR, PCT, SLEUTEL, UITVOERDER};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tarieven::{laad_indexatie, laad_kosten, laad_routeverdeling, laad_tarieven};
use uitkering::{laad_beschikkingen, laad_iu, laad_maatstaven, laad_rijksbudget};
use uitvoering::{laad_partners, laad_uitvoerders};

/// What the scenario needs from the data folder beyond the always-required files.
#[derive(Debug, Clone, Copy, Default)]
pub struct Behoefte {
    pub spuk_beschikking: bool,
    /// Route-driven lasten: `kosten_per_deelnemer.csv`, `instroom.csv` and `routeverdeling.csv`.
    pub routes: bool,
    /// SPUK always from volumes: `spuk_tarieven.csv` and `instroom.csv`.
    pub prognose: bool,
}

/// The input files of a data folder, in the order they are read. Also used for input hashes.
/// Their columns: [`schema`].
pub const BESTANDEN: &[&str] = &schema::NAMEN;

/// Where the input tables come from: a folder of CSV files or an Excel workbook.
pub enum Bron {
    Map(PathBuf),
    Werkboek(werkboek::Werkboek),
}

struct Map {
    bron: Bron,
}

impl Map {
    fn weergave(&self, naam: &str) -> String {
        match &self.bron {
            Bron::Map(p) => p.join(naam).display().to_string(),
            Bron::Werkboek(w) => w.weergave(naam),
        }
    }
    fn bestaat(&self, naam: &str) -> bool {
        match &self.bron {
            Bron::Map(p) => p.join(naam).is_file(),
            Bron::Werkboek(w) => w.bestaat(naam),
        }
    }
    /// Reads a file with its schema columns; absent is an error.
    fn lees<T: serde::de::DeserializeOwned>(&self, b: &Bestand) -> Result<Vec<Rij<T>>, Fout> {
        self.lees_met(b.naam, b.kolommen)
    }
    /// Reads an optional file with its schema columns: absent means no rows.
    fn lees_optioneel<T: serde::de::DeserializeOwned>(
        &self,
        b: &Bestand,
    ) -> Result<Vec<Rij<T>>, Fout> {
        self.lees_optioneel_met(b.naam, b.kolommen)
    }
    fn lees_met<T: serde::de::DeserializeOwned>(
        &self,
        naam: &str,
        kolommen: &[Kolom],
    ) -> Result<Vec<Rij<T>>, Fout> {
        match &self.bron {
            Bron::Map(p) => lees(&p.join(naam), &self.weergave(naam), kolommen),
            Bron::Werkboek(w) => w.lees(naam, kolommen),
        }
    }
    /// Reads an optional file with the given columns: absent means no rows.
    fn lees_optioneel_met<T: serde::de::DeserializeOwned>(
        &self,
        naam: &str,
        kolommen: &[Kolom],
    ) -> Result<Vec<Rij<T>>, Fout> {
        if self.bestaat(naam) {
            self.lees_met(naam, kolommen)
        } else {
            Ok(Vec::new())
        }
    }
}

/// Opens a data source: an `.xlsx` workbook or a folder.
pub fn open_bron(pad: &Path) -> Result<Bron, Fout> {
    let is_werkboek = pad.extension().is_some_and(|e| {
        e.eq_ignore_ascii_case("xlsx")
            || e.eq_ignore_ascii_case("xlsm")
            || e.eq_ignore_ascii_case("xls")
            || e.eq_ignore_ascii_case("ods")
    });
    if is_werkboek || pad.is_file() {
        return Ok(Bron::Werkboek(werkboek::Werkboek::open(pad)?));
    }
    if !pad.is_dir() {
        return Err(InvoerFout::new(
            Herkomst::new(pad.display().to_string(), 0),
            "",
            "datamap bestaat niet; verwacht een map met o.a. gemeenten.csv, formatie.csv en integratie_uitkering.csv, of een .xlsx-werkboek",
        )
        .into());
    }
    Ok(Bron::Map(pad.to_path_buf()))
}

/// Reads and validates a data folder or workbook.
pub fn laad(pad: &Path, behoefte: Behoefte) -> Result<Gegevens, Fout> {
    laad_bron(open_bron(pad)?, behoefte)
}

/// Reads and validates an opened data source.
pub fn laad_bron(bron: Bron, behoefte: Behoefte) -> Result<Gegevens, Fout> {
    let m = Map { bron };
    match laad_map(&m, behoefte) {
        Err(e) => match &m.bron {
            Bron::Werkboek(w) => Err(w.adresseer_alle(e)),
            Bron::Map(_) => Err(e),
        },
        ok => ok,
    }
}

/// Reads every table, collecting the errors of all files so a controller fixes them in one go.
/// Tables that need gemeenten are only read when `gemeenten.csv` itself is valid.
fn laad_map(m: &Map, behoefte: Behoefte) -> Result<Gegevens, Fout> {
    let mut fouten: Vec<InvoerFout> = Vec::new();
    let gemeenten = laad_gemeenten(m);
    let gemeenten_ok = gemeenten.is_ok();
    let gemeenten = neem(gemeenten, &mut fouten);
    let mut d = Gegevens {
        tabellen: BESTANDEN
            .iter()
            .map(|n| (n.to_string(), m.weergave(n), m.bestaat(n)))
            .collect(),
        ..Gegevens::default()
    };
    if gemeenten_ok {
        laad_organisatie(m, &gemeenten, behoefte, &mut d, &mut fouten);
    }
    check_tarieven_nodig(m, behoefte, &mut fouten);
    // Instroom drives the SPUK forecast; with beschikkingen it only fills years without one.
    // Whether the scenario's years are covered is checked per gemeente in `dekking`.
    let instroom_nodig = behoefte.routes
        || behoefte.prognose
        || !m.bestaat("spuk_beschikking.csv")
        || d.formatie.iter().any(|p| p.sleutel == Sleutel::Instroom);
    if gemeenten_ok && (instroom_nodig || m.bestaat("instroom.csv")) {
        (d.instroom, d.instroom_realisatie) = neem(laad_instroom(m, &gemeenten), &mut fouten);
    }
    if gemeenten_ok {
        d.realisatie = neem(laad_realisatie(m, &gemeenten), &mut fouten);
    }
    d.tarieven = neem(laad_tarieven(m), &mut fouten);
    if behoefte.routes && !m.bestaat("routeverdeling.csv") {
        fouten.push(fout(&Herkomst::new(m.weergave("routeverdeling.csv"), 0), "", "bestand ontbreekt; het scenario rekent met routes (inburgeringsvoorzieningen = \"routes\")"));
    }
    d.routeverdeling = neem(laad_routeverdeling(m), &mut fouten);
    // Validated whenever present, also when the scenario does not use it: what `controleer`
    // accepts, `bereken` (which lists every input row in the workbook) never fails on.
    let voor_kosten = fouten.len();
    if behoefte.routes || m.bestaat("kosten_per_deelnemer.csv") {
        d.kosten = neem(laad_kosten(m), &mut fouten);
    }
    // With errors in kosten_per_deelnemer.csv its modules are unknown: uitvoerders.csv's
    // modules are then not also reported as unknown.
    let kosten_ok = fouten.len() == voor_kosten;
    d.doorstroom = neem(doorstroom::laad(m), &mut fouten);
    if gemeenten_ok {
        d.uitvoerders = neem(laad_uitvoerders(m, &gemeenten, &d, kosten_ok), &mut fouten);
    }
    d.indexatie = neem(laad_indexatie(m), &mut fouten);
    d.rijksbudget = neem(laad_rijksbudget(m), &mut fouten);
    d.maatstaven = neem(laad_maatstaven(m), &mut fouten);
    check_routeverdeling_nodig(m, behoefte, &d, &mut fouten);
    d.gemeenten = gemeenten;
    klaar(d, fouten)
}

/// The first tables that name gemeenten (read only when gemeenten.csv is valid): groups, keys,
/// partners, IU, formatie and, when needed or present, the SPUK beschikkingen.
fn laad_organisatie(
    m: &Map,
    gemeenten: &Gemeenten,
    behoefte: Behoefte,
    d: &mut Gegevens,
    fouten: &mut Vec<InvoerFout>,
) {
    // Valid groups are kept when another row is wrong (as partners below).
    d.groepen = neem_deels(laad_groepen(m, gemeenten), fouten);
    d.sleutels = neem(laad_sleutels(m, gemeenten), fouten);
    // Valid partners are kept when another row is wrong: an uitvoerder that names one is
    // then not reported as unknown as well.
    d.partners = neem_deels(laad_partners(m, gemeenten, &d.groepen), fouten);
    d.iu = neem(laad_iu(m, gemeenten), fouten);
    d.formatie = neem(
        laad_formatie(m, gemeenten, &d.groepen, &d.sleutels, &d.partners),
        fouten,
    );
    if behoefte.spuk_beschikking || m.bestaat("spuk_beschikking.csv") {
        d.beschikkingen = neem(laad_beschikkingen(m, gemeenten), fouten);
    }
}

/// `spuk_tarieven.csv` is required when the SPUK is forecast from volumes: by the scenario
/// (`spuk = "prognose"`) or for want of beschikkingen.
fn check_tarieven_nodig(m: &Map, behoefte: Behoefte, fouten: &mut Vec<InvoerFout>) {
    if (behoefte.prognose || !m.bestaat("spuk_beschikking.csv")) && !m.bestaat("spuk_tarieven.csv")
    {
        let reden = if behoefte.prognose {
            "het scenario raamt de SPUK uit volumes (spuk = \"prognose\")"
        } else {
            "zonder spuk_beschikking.csv is de SPUK alleen uit volumes te ramen"
        };
        fouten.push(fout(
            &Herkomst::new(m.weergave("spuk_tarieven.csv"), 0),
            "",
            format!("bestand ontbreekt; {reden}"),
        ));
    }
}

/// Route shares must exist for every doelgroep whose money depends on them (route costs, or an
/// onderwijsroute tariff); not repeated when routeverdeling.csv itself has errors.
fn check_routeverdeling_nodig(
    m: &Map,
    behoefte: Behoefte,
    d: &Gegevens,
    fouten: &mut Vec<InvoerFout>,
) {
    for dg in Doelgroep::ALLE {
        let heeft = d.routeverdeling.regels.iter().any(|r| r.doelgroep == dg);
        let bron = d
            .kosten
            .iter()
            .filter(|_| behoefte.routes)
            .find(|k| k.doelgroep == dg && k.route().is_some())
            .map(|k| k.herkomst.clone())
            .or_else(|| {
                d.tarieven
                    .regels
                    .iter()
                    .find(|t| {
                        t.doelgroep == dg
                            && t.component == Component::Onderwijsroute
                            && !t.bedrag.is_zero()
                    })
                    .map(|t| t.herkomst.clone())
            });
        let rv_fout = fouten
            .iter()
            .any(|f| f.herkomst.bestand == m.weergave("routeverdeling.csv"));
        if let (false, Some(h), false) = (heeft, bron, rv_fout) {
            fouten.push(fout(
                &h,
                "",
                format!(
                    "hangt af van de routeverdeling van doelgroep {}, maar routeverdeling.csv heeft daarvoor geen regels{}",
                    dg.id(),
                    if m.bestaat("routeverdeling.csv") { "" } else { " (bestand ontbreekt)" }
                ),
            ));
        }
    }
}

/// The value of a loader, or its default with its errors added to the list.
/// [`neem`] for a loader that keeps its valid rows beside the errors of the others.
fn neem_deels<T: Default>(
    r: Result<(T, Vec<InvoerFout>), Fout>,
    fouten: &mut Vec<InvoerFout>,
) -> T {
    let (x, f) = neem(r, fouten);
    fouten.extend(f);
    x
}

fn neem<T: Default>(r: Result<T, Fout>, fouten: &mut Vec<InvoerFout>) -> T {
    match r {
        Ok(x) => x,
        Err(e) => {
            fouten.extend(e.lijst());
            T::default()
        }
    }
}

fn fout(h: &Herkomst, kolom: &str, melding: impl Into<String>) -> InvoerFout {
    InvoerFout::new(h.clone(), kolom, melding)
}

/// An id a user names things by (a post, a scenario): not empty, only letters, digits, `_` or
/// `-`, so it is safe as a file or folder name and in a CSV cell.
fn is_id(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// A row that repeats the key of an earlier one (`eerder`).
fn dubbel(h: &Herkomst, kolom: &str, eerder: &Herkomst) -> InvoerFout {
    fout(h, kolom, format!("dubbele regel (ook {eerder})"))
}

/// The shared skeleton of a loader: every row checked in turn into `uit` (a row returns early to
/// skip the rest of its checks), all errors collected for [`klaar`].
fn per_rij<T, U>(
    rijen: Vec<Rij<T>>,
    mut uit: U,
    mut rij: impl FnMut(&mut U, T, Herkomst, &mut Vec<InvoerFout>),
) -> (U, Vec<InvoerFout>) {
    let mut fouten = Vec::new();
    for Rij { waarde, herkomst } in rijen {
        rij(&mut uit, waarde, herkomst, &mut fouten);
    }
    (uit, fouten)
}

fn klaar<T>(waarde: T, fouten: Vec<InvoerFout>) -> Result<T, Fout> {
    if fouten.is_empty() {
        Ok(waarde)
    } else {
        Err(meerdere(fouten))
    }
}

fn zoek_gemeente(
    g: &Gemeenten,
    tekst: &str,
    h: &Herkomst,
    kolom: &str,
) -> Result<GemeenteId, InvoerFout> {
    g.zoek(tekst).ok_or_else(|| {
        fout(
            h,
            kolom,
            match g.suggestie(tekst) {
                Some(s) => {
                    format!("onbekende gemeente '{tekst}'; bedoelde u {s}? Verwacht {GEMEENTE}")
                }
                None => format!("onbekende gemeente '{tekst}'; verwacht {GEMEENTE}"),
            },
        )
    })
}

/// Upper bound for amounts: far above any real budget, low enough that products with counts and
/// index factors stay within `rust_decimal`'s 28 digits.
const MAX_BEDRAG: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12
/// Upper bound for counts (heads, fte, inwoners).
const MAX_AANTAL: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0); // 1e9

fn check_bedrag(x: Decimal, h: &Herkomst, kolom: &str, fouten: &mut Vec<InvoerFout>) {
    if x.is_sign_negative() && !x.is_zero() || x.normalize().scale() > 2 || x > MAX_BEDRAG {
        fouten.push(fout(
            h,
            kolom,
            format!("waarde {x} is ongeldig; verwacht {BEDRAG}"),
        ));
    }
}

fn check_aantal(x: Decimal, h: &Herkomst, kolom: &str, fouten: &mut Vec<InvoerFout>) {
    if x.is_sign_negative() && !x.is_zero() {
        fouten.push(fout(
            h,
            kolom,
            format!("{x} is negatief; verwacht een aantal ≥ 0"),
        ));
    } else if x > MAX_AANTAL {
        fouten.push(fout(
            h,
            kolom,
            format!("{x} is onwaarschijnlijk groot; verwacht een aantal ≤ 1.000.000.000"),
        ));
    }
}

fn check_jaar(j: i32, h: &Herkomst, kolom: &str, fouten: &mut Vec<InvoerFout>) {
    if !(2000..=2100).contains(&j) {
        fouten.push(fout(
            h,
            kolom,
            format!("jaar {j} ligt buiten 2000–2100; verwacht {JAAR}"),
        ));
    }
}

/// A row's `jaar_tot` not before its `jaar_van`.
fn check_jaar_volgorde(van: i32, tot: i32, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
    if tot < van {
        fouten.push(fout(
            h,
            "jaar_tot",
            format!("{tot} ligt vóór jaar_van {van}; verwacht jaar_tot ≥ jaar_van"),
        ));
    }
}

use crate::gegevens::BronRegel;

/// Every row of every present input table with its `bron` (empty when the file has none).
/// Reads the source again as plain text; values are already validated by `laad`.
pub fn bronvermeldingen(pad: &Path) -> Result<Vec<BronRegel>, Fout> {
    let m = Map {
        bron: open_bron(pad)?,
    };
    let mut uit = Vec::new();
    for naam in BESTANDEN.iter().filter(|n| m.bestaat(n)) {
        let tekst = match &m.bron {
            Bron::Map(p) => {
                std::fs::read_to_string(p.join(naam)).map_err(|e| Fout::io(p.join(naam), e))?
            }
            Bron::Werkboek(w) => w.csv_tekst(naam, &[]).unwrap_or_default(),
        };
        let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(&tekst);
        let eerste = tekst.lines().next().unwrap_or("");
        let scheiding = if eerste.contains(';') && !eerste.contains(',') {
            b';'
        } else {
            b','
        };
        let mut r = csv::ReaderBuilder::new()
            .delimiter(scheiding)
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(tekst.as_bytes());
        let kop: Vec<String> = r
            .headers()
            .map(|h| h.iter().map(|k| k.to_lowercase()).collect())
            .unwrap_or_default();
        let bron_kolom = kop.iter().position(|k| k == "bron");
        let mut regels = csvbestand::Regelteller::nieuw(tekst);
        for rec in r.records().flatten() {
            if rec.iter().all(|v| v.is_empty()) {
                continue;
            }
            let regel = regels.regel(rec.position());
            let inhoud = rec
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != bron_kolom)
                .map(|(_, v)| v)
                .collect::<Vec<_>>()
                .join(" · ");
            let bron = bron_kolom
                .and_then(|i| rec.get(i))
                .unwrap_or("")
                .to_string();
            uit.push(BronRegel {
                bestand: naam.to_string(),
                regel,
                inhoud,
                bron,
            });
        }
    }
    Ok(uit)
}

/// The tables of a data source as canonical CSV text (file name, text): what `importeer` writes.
/// Only tables with at least one data row are included.
pub fn als_csv(bron: &Bron) -> Vec<(String, String)> {
    let Bron::Werkboek(w) = bron else {
        return Vec::new();
    };
    BESTANDEN
        .iter()
        .filter_map(|n| {
            let t = w.csv_tekst(n, schema::kolommen(n))?;
            let rijen = t
                .lines()
                .skip(1)
                .filter(|l| !l.trim_matches(',').is_empty())
                .count();
            (rijen > 0).then(|| {
                // Drop blank rows (e.g. trailing ones) so the file equals its CSV original.
                let mut regels: Vec<&str> = t.lines().collect();
                let kop = regels.remove(0);
                let mut s = String::from(kop);
                s.push('\n');
                for r in regels.iter().filter(|l| !l.trim_matches(',').is_empty()) {
                    s.push_str(r);
                    s.push('\n');
                }
                (n.to_string(), s)
            })
        })
        .collect()
}

/// Reads the CSV tables of a data folder for the template, in canonical form (a folder saved by
/// Dutch Excel is converted, not misread).
pub fn tabellen_uit_map(map: &Path) -> crate::fout::Resultaat<Vec<(String, String)>> {
    let mut uit = Vec::new();
    for n in BESTANDEN {
        let p = map.join(n);
        if p.is_file() {
            let t = std::fs::read_to_string(&p).map_err(|e| Fout::io(&p, e))?;
            let numeriek = schema::numeriek(n);
            let t = csvbestand::canoniek(&t, &p.display().to_string(), &numeriek)?;
            uit.push((n.to_string(), t));
        }
    }
    Ok(uit)
}
