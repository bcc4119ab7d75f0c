//! Scenario files (TOML): what to compute, over which years, from which data folder, with which
//! assumptions. A scenario may name a parent (`basis = "basis.toml"`) and override only what
//! differs. Unknown keys are refused, so a typo never silently falls back to a default.

use crate::berekening::{Instellingen, RouteKeuze, SpukBron, Voorzieningen};
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::indexatie::IndexSoort;
use crate::instroom::{Doelgroep, InstroomInstellingen};
use crate::invoer::csvbestand::meerdere;
use crate::routeverdeling::{Route, Variant};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One scenario file as written. Every key is optional here; required ones are checked after
/// the parents are merged in.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Bestand {
    naam: Option<String>,
    omschrijving: Option<String>,
    basis: Option<Spanned<String>>,
    data: Option<String>,
    jaren: Option<Spanned<[i32; 2]>>,
    basisjaar: Option<i32>,
    /// "lopend" (default) or "constant": the price convention.
    prijzen: Option<crate::berekening::Prijzen>,
    inburgeringsvoorzieningen: Option<Voorzieningen>,
    spuk: Option<SpukBron>,
    /// "beschikking" (default) or "beste_schatting" (BBV: book the best estimate).
    spuk_baten: Option<crate::berekening::SpukBaten>,
    routeverdeling: Option<Spanned<toml::Value>>,
    instroom: Option<InstroomToml>,
    indexatie: Option<BTreeMap<String, Spanned<toml::Value>>>,
    fte: Option<BTreeMap<String, Spanned<toml::Value>>>,
    /// `"nl"`: also write the Dutch-Excel CSV dialect.
    csv: Option<CsvDialect>,
    /// Re-forecast: actuals up to and including this year.
    realisatie_tot: Option<Spanned<i32>>,
    /// With `realisatie_tot`: "raming" (default) keeps the raming of a gemeente-post without
    /// actuals, "fout" refuses the run.
    realisatie_ontbreekt: Option<crate::berekening::RealisatieOntbreekt>,
    verschillen: Option<VerschillenToml>,
    /// Monte Carlo settings (`raming risico`).
    risico: Option<Spanned<RisicoToml>>,
    /// Bestemmingsreserve inburgering (`[reserve]`).
    reserve: Option<Spanned<ReserveToml>>,
    /// For the raad report's title page: who presents it.
    organisatie: Option<String>,
    /// The region the report covers (e.g. "Drechtsteden").
    regio: Option<String>,
    /// The report's title.
    titel: Option<String>,
    /// "concept" (default) or "definitief".
    status: Option<RapportStatus>,
    /// Version of the report, e.g. "0.3".
    versie: Option<String>,
    /// Proposed decisions for the raad, one sentence each.
    beslispunten: Option<Vec<String>>,
}

/// Status of the raad report.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum RapportStatus {
    #[default]
    Concept,
    Definitief,
}

/// The longest scenario name in bytes: it becomes a folder name, next to a temporary
/// `.<naam>.tmp-<pid>` one, within the 255 bytes a file system allows.
pub const MAX_NAAM_BYTES: usize = 120;

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

/// `[reserve]` as written: every key optional; a child's key replaces its parent's.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReserveToml {
    naam: Option<Spanned<toml::Value>>,
    beginsaldo: Option<Spanned<toml::Value>>,
    plafond: Option<Spanned<toml::Value>>,
    bron: Option<Spanned<toml::Value>>,
}

/// The scenario's `[reserve]` after inheritance, before its gemeenten are looked up in the
/// data (see [`reserve`]).
#[derive(Debug, Clone, Default)]
pub struct ReserveRuw {
    naam: Option<String>,
    /// (gemeente as written, amount, where).
    beginsaldo: Vec<(String, Decimal, Herkomst)>,
    plafond: Option<PlafondRuw>,
    /// The `[reserve]` header of the nearest file that has one.
    herkomst: Herkomst,
}

#[derive(Debug, Clone)]
enum PlafondRuw {
    /// One ceiling for every gemeente.
    Een(Decimal),
    /// Per gemeente; a gemeente not named has no ceiling.
    PerGemeente(Vec<(String, Decimal, Herkomst)>),
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct VerschillenToml {
    drempel_bedrag: Option<Spanned<toml::Value>>,
    drempel_percentage: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CsvDialect {
    Standaard,
    Nl,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct InstroomToml {
    /// Percent per year beyond the last data year.
    groei: Option<Spanned<toml::Value>>,
    /// Factor on all years (1.3 = +30 %).
    schaal: Option<Spanned<toml::Value>>,
    factoren: Option<Vec<FactorToml>>,
    /// Per doelgroep the percentage of a taakstelling that is inburgeringsplichtig.
    aandeel_inburgeringsplichtig: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactorToml {
    van: i32,
    tot: i32,
    factor: Spanned<toml::Value>,
}

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
    fte_herkomst: Vec<(String, Herkomst)>,
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
    /// `[reserve]`: bestemmingsreserve inburgering (resolved against the data by [`reserve`]).
    pub reserve: Option<ReserveRuw>,
    /// Title page and beslispunten of the raad report.
    pub rapport: RapportGegevens,
}

/// Settings gathered from a file and its parents; later layers override earlier ones.
#[derive(Default)]
struct Samen {
    omschrijving: Option<String>,
    data: Option<PathBuf>,
    jaren: Option<[i32; 2]>,
    jaren_herkomst: Option<Herkomst>,
    basisjaar: Option<i32>,
    prijzen: Option<crate::berekening::Prijzen>,
    voorzieningen: Option<Voorzieningen>,
    spuk: Option<SpukBron>,
    spuk_baten: Option<crate::berekening::SpukBaten>,
    variant: Option<Variant>,
    expliciet: BTreeMap<Doelgroep, Vec<(Route, Decimal)>>,
    groei: Option<Decimal>,
    schaal: Option<Decimal>,
    factoren: Option<Vec<(i32, i32, Decimal)>>,
    /// `[instroom] aandeel_inburgeringsplichtig`, merged per doelgroep.
    aandeel_plichtig: BTreeMap<Doelgroep, Decimal>,
    indexatie: BTreeMap<IndexSoort, Vec<(Option<i32>, Decimal)>>,
    fte: BTreeMap<String, (BTreeMap<i32, Decimal>, Herkomst)>,
    tekst: BTreeMap<String, String>,
    csv: Option<CsvDialect>,
    realisatie_tot: Option<(i32, Herkomst)>,
    realisatie_ontbreekt: Option<crate::berekening::RealisatieOntbreekt>,
    drempel: crate::realisatie::Drempel,
    risico: crate::risico::RisicoInstellingen,
    reserve: Option<ReserveRuw>,
    rapport: RapportGegevens,
}

pub fn lees(pad: &Path) -> Result<Scenario, Fout> {
    lees_met(pad, None)
}

/// A scenario given as text, as if it were the file `pad` (which need not exist): its parents
/// (`basis`) and `data` are resolved relative to `pad`'s folder and read from disk. The same
/// parser and checks as [`lees`]; `raming serve` runs what-if changes through this, so saving
/// the text as `pad` gives the same scenario.
pub fn lees_tekst(pad: &Path, tekst: &str) -> Result<Scenario, Fout> {
    lees_met(pad, Some(tekst))
}

fn lees_met(pad: &Path, eigen_tekst: Option<&str>) -> Result<Scenario, Fout> {
    let lagen = keten(pad, eigen_tekst)?;
    // Apply from the furthest parent to the scenario itself.
    let mut s = Samen::default();
    for (p, tekst, b) in lagen.iter().rev() {
        pas_toe(&mut s, p, tekst, b, p == pad)?;
    }
    let h = Herkomst::new(pad.display().to_string(), 0);
    let eigen = &lagen[0].2;
    let naam = scenario_naam(pad, eigen, &h)?;
    let data = s
        .data
        .clone()
        .ok_or_else(|| InvoerFout::new(h.clone(), "data", "verplichte sleutel ontbreekt; verwacht de datamap, bijv. data = \"../data/drechtsteden\""))?;
    let [van, tot] = s.jaren(&h)?;
    if let Some((j, hk)) = &s.realisatie_tot
        && !(van..=tot).contains(j)
    {
        return Err(InvoerFout::new(
            hk.clone(),
            "realisatie_tot",
            format!("{j} ligt buiten de jaren [{van}, {tot}]; verwacht een jaar daarbinnen"),
        )
        .into());
    }
    let fte_herkomst = s
        .fte
        .iter()
        .map(|(post, (_, h))| (post.clone(), h.clone()))
        .collect();
    Ok(Scenario {
        naam,
        omschrijving: eigen.omschrijving.clone().unwrap_or_default(),
        pad: pad.to_path_buf(),
        ouders: lagen.iter().skip(1).map(|(p, _, _)| p.clone()).collect(),
        instellingen: s.instellingen(van, tot),
        fte_herkomst,
        instellingen_tekst: s.tekst(van, tot, &data),
        data,
        csv_nl: s.csv == Some(CsvDialect::Nl),
        parquet: false,
        grafieken: true,
        alle_grafieken: false,
        datum: None,
        risico: s.risico.clone(),
        reserve: s.reserve.clone(),
        rapport: s.rapport.clone(),
    })
}

/// The scenario file and its parents (`basis`), nearest first: each path, its text and its
/// parsed form. `eigen_tekst` stands in for the first file's text. A loop is an error.
fn keten(pad: &Path, eigen_tekst: Option<&str>) -> Result<Vec<(PathBuf, String, Bestand)>, Fout> {
    let mut keten: Vec<PathBuf> = Vec::new();
    let mut lagen: Vec<(PathBuf, String, Bestand)> = Vec::new();
    let mut huidig = pad.to_path_buf();
    let mut verwijzing: Option<(Herkomst, String)> = None;
    loop {
        let canon = std::fs::canonicalize(&huidig).unwrap_or_else(|_| huidig.clone());
        if keten.contains(&canon) {
            let (h, _) = verwijzing.clone().unwrap_or_default();
            return Err(InvoerFout::new(
                h,
                "basis",
                format!("kringverwijzing: {} is al een ouder in deze keten; verwacht een keten zonder lus", huidig.display()),
            )
            .into());
        }
        keten.push(canon);
        let (tekst, bestand) = match (keten.len(), eigen_tekst) {
            (1, Some(t)) => ontleed(&huidig, t.to_string())?,
            _ => lees_bestand(&huidig, verwijzing.as_ref())?,
        };
        let ouder = bestand.basis.as_ref().map(|b| {
            let h = Herkomst::new(huidig.display().to_string(), regel(&tekst, b.span().start));
            (h, b.get_ref().clone())
        });
        lagen.push((huidig.clone(), tekst, bestand));
        match ouder {
            Some((h, naam)) => {
                let basis_map = huidig.parent().unwrap_or(Path::new("."));
                huidig = schoon_pad(&basis_map.join(&naam));
                verwijzing = Some((h, naam));
            }
            None => return Ok(lagen),
        }
    }
}

/// The scenario's name: `naam`, else the file's stem. It becomes a folder (`output/<naam>/`,
/// with a temporary `.<naam>.tmp-<pid>` beside it): file systems allow 255 bytes per name.
fn scenario_naam(pad: &Path, eigen: &Bestand, h: &Herkomst) -> Result<String, Fout> {
    let naam = eigen.naam.clone().unwrap_or_else(|| {
        pad.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    if naam.is_empty()
        || naam.len() > MAX_NAAM_BYTES
        || !naam
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return Err(InvoerFout::new(
            h.clone(),
            "naam",
            format!(
                "'{}' is ongeldig; verwacht letters, cijfers, _ of - en ten hoogste {MAX_NAAM_BYTES} \
                 bytes (het wordt een mapnaam)",
                crate::fout::zichtbaar(&naam.chars().take(120).collect::<String>())
            ),
        )
        .into());
    }
    Ok(naam)
}

impl Samen {
    /// `jaren`, required: [first, last] between 2000 and 2100.
    fn jaren(&self, h: &Herkomst) -> Result<[i32; 2], Fout> {
        let [van, tot] = self
            .jaren
            .ok_or_else(|| InvoerFout::new(h.clone(), "jaren", "verplichte sleutel ontbreekt; verwacht [eerste jaar, laatste jaar], bijv. [2022, 2030]"))?;
        if van > tot || !(2000..=2100).contains(&van) || !(2000..=2100).contains(&tot) {
            return Err(InvoerFout::new(
                self.jaren_herkomst.clone().unwrap_or(h.clone()),
                "jaren",
                format!("[{van}, {tot}] is ongeldig; verwacht [eerste jaar, laatste jaar] tussen 2000 en 2100, bijv. [2022, 2030]"),
            )
            .into());
        }
        Ok([van, tot])
    }

    /// The engine's settings from the merged layers, with the defaults for what none sets.
    fn instellingen(&self, van: i32, tot: i32) -> Instellingen {
        let mut expliciet = Vec::new();
        for (d, rs) in &self.expliciet {
            for (r, p) in rs {
                expliciet.push((*d, *r, *p));
            }
        }
        let mut indexatie = Vec::new();
        for (soort, v) in &self.indexatie {
            // "every year" entries first, so single years override them.
            for (j, p) in v
                .iter()
                .filter(|(j, _)| j.is_none())
                .chain(v.iter().filter(|(j, _)| j.is_some()))
            {
                indexatie.push((*soort, *j, *p));
            }
        }
        let mut fte = Vec::new();
        for (post, (jaren, _)) in &self.fte {
            for (j, f) in jaren {
                fte.push((post.clone(), *j, *f));
            }
        }
        Instellingen {
            jaar_van: van,
            jaar_tot: tot,
            voorzieningen: self.voorzieningen.unwrap_or_default(),
            spuk: self.spuk.unwrap_or_default(),
            spuk_baten: self.spuk_baten.unwrap_or_default(),
            routes: RouteKeuze {
                variant: self.variant.unwrap_or_default(),
                expliciet,
            },
            instroom: InstroomInstellingen {
                groei: self.groei,
                schaal: self.schaal.unwrap_or(Decimal::ONE),
                factoren: self.factoren.clone().unwrap_or_default(),
                aandeel_plichtig: self
                    .aandeel_plichtig
                    .iter()
                    .map(|(d, p)| (*d, *p))
                    .collect(),
            },
            indexatie,
            fte,
            basisjaar: self.basisjaar.unwrap_or(van),
            prijzen: self.prijzen.unwrap_or_default(),
            realisatie_tot: self.realisatie_tot.as_ref().map(|(j, _)| *j),
            realisatie_ontbreekt: self.realisatie_ontbreekt.unwrap_or_default(),
            drempel: self.drempel,
        }
    }

    /// The settings as written, for the list of assumptions, with the defaults named.
    fn tekst(&self, van: i32, tot: i32, data: &Path) -> Vec<(String, String)> {
        let mut tekst = self.tekst.clone();
        tekst.insert("jaren".into(), format!("{van}–{tot}"));
        tekst.insert("data".into(), data.display().to_string());
        for (sleutel, standaard) in [
            ("inburgeringsvoorzieningen", "spuk (standaard)"),
            ("spuk", "beschikking (standaard)"),
            ("routeverdeling", "basis (standaard)"),
            ("prijzen", "lopend (standaard)"),
        ] {
            tekst
                .entry(sleutel.into())
                .or_insert_with(|| standaard.into());
        }
        tekst
            .entry("basisjaar".into())
            .or_insert_with(|| format!("{van} (standaard: het eerste jaar)"));
        tekst.into_iter().collect()
    }
}

fn lees_bestand(
    pad: &Path,
    verwijzing: Option<&(Herkomst, String)>,
) -> Result<(String, Bestand), Fout> {
    let weergave = pad.display().to_string();
    let bytes = std::fs::read(pad).map_err(|e| match verwijzing {
        Some((h, naam)) => InvoerFout::new(
            h.clone(),
            "basis",
            format!("onbekend ouderscenario '{naam}' ({}: {e}); verwacht een bestaand .toml-bestand, relatief aan dit bestand", pad.display()),
        ),
        None => InvoerFout::new(
            Herkomst::new(&weergave, 0),
            "",
            if e.kind() == std::io::ErrorKind::NotFound {
                "scenariobestand bestaat niet; verwacht een .toml-bestand, bijv. scenarios/basis.toml".to_string()
            } else {
                format!("kan scenariobestand niet lezen: {e}")
            },
        ),
    })?;
    let tekst = String::from_utf8(bytes).map_err(|e| {
        let goed = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let r = goed.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        InvoerFout::new(
            Herkomst::new(&weergave, r),
            "",
            "geen geldige UTF-8-tekst; sla het bestand op als UTF-8",
        )
    })?;
    ontleed(pad, tekst)
}

/// Parses one scenario file's text (errors with file, line and key).
fn ontleed(pad: &Path, tekst: String) -> Result<(String, Bestand), Fout> {
    let weergave = pad.display().to_string();
    let bestand: Bestand = toml::from_str(&tekst).map_err(|e| {
        let byte = e.span().map(|s| s.start);
        let r = byte.map(|b| regel(&tekst, b)).unwrap_or(0);
        let melding = e.message().trim().to_string();
        let sleutel = match sleutel_uit_melding(&melding) {
            k if k.is_empty() => byte.map(|b| sleutel_op(&tekst, b)).unwrap_or_default(),
            k => k,
        };
        let toml_fout = InvoerFout::new(Herkomst::new(&weergave, r), sleutel, vertaal(&melding));
        // A decimal comma is the likely cause; say how to write each one. The parser's own error
        // is kept only when it lies before them (after them it is probably their consequence).
        let kommas = decimale_kommas(&tekst);
        let mut fouten: Vec<InvoerFout> = kommas
            .iter()
            .map(|k| {
                InvoerFout::new(
                    Herkomst::new(&weergave, regel(&tekst, k.byte)),
                    k.sleutel.clone(),
                    format!(
                        "schrijf {} in plaats van {} (punt als decimaalteken)",
                        k.goed, k.geschreven
                    ),
                )
            })
            .collect();
        match fouten.first() {
            Some(f) if r == 0 || r >= f.herkomst.regel => {}
            _ => fouten.insert(0, toml_fout),
        }
        meerdere(fouten)
    })?;
    stuurtekens(&tekst, &weergave)?;
    Ok((tekst, bestand))
}

/// Control characters in a scenario's strings and keys (TOML lets them be written as escapes,
/// `"\u001b"` or `"\e"`) are refused with file, line and key: the scenario name becomes a folder
/// name and is printed, and nothing from input may reach a terminal raw. Line breaks (LF, CR) and tabs are
/// allowed in free text (`omschrijving`, `bron`).
fn stuurtekens(tekst: &str, weergave: &str) -> Result<(), Fout> {
    fn waarde(
        v: &toml::Spanned<DeValue<'_>>,
        sleutel: &str,
        tekst: &str,
        weergave: &str,
        fouten: &mut Vec<InvoerFout>,
    ) {
        match v.get_ref() {
            DeValue::String(s) => {
                let laatste = sleutel.rsplit('.').next().unwrap_or(sleutel);
                let vrij = matches!(laatste, "omschrijving" | "bron");
                // Every setting is copied into the workbook's Uitgangspunten sheet.
                let n = s.chars().count();
                if n > crate::invoer::csvbestand::MAX_CEL_TEKENS {
                    fouten.push(InvoerFout::new(
                        Herkomst::new(weergave, regel(tekst, v.span().start)),
                        crate::fout::zichtbaar(sleutel),
                        format!(
                            "tekst van {n} tekens, langer dan een spreadsheetcel kan bevatten ({}); \
                             maak hem korter",
                            crate::invoer::csvbestand::MAX_CEL_TEKENS
                        ),
                    ));
                    return;
                }
                if let Some(c) = s.chars().find(|c| {
                    (crate::fout::is_stuurteken(*c) && !(vrij && *c == '\r'))
                        || (!vrij && matches!(c, '\t' | '\n'))
                }) {
                    fouten.push(InvoerFout::new(
                        Herkomst::new(weergave, regel(tekst, v.span().start)),
                        crate::fout::zichtbaar(sleutel),
                        format!(
                            "bevat een stuurteken ({}): \"{}\"; een scenario mag geen escape-, \
                             besturings- of richtingstekens bevatten, verwijder het",
                            crate::fout::teken_zichtbaar(c),
                            crate::fout::zichtbaar(s)
                        ),
                    ));
                }
            }
            DeValue::Table(t) => tabel(t, sleutel, tekst, weergave, fouten),
            DeValue::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    waarde(x, &format!("{sleutel}[{i}]"), tekst, weergave, fouten);
                }
            }
            _ => {}
        }
    }
    fn tabel(
        t: &DeTable<'_>,
        pad: &str,
        tekst: &str,
        weergave: &str,
        fouten: &mut Vec<InvoerFout>,
    ) {
        for (k, v) in t.iter() {
            let naam = k.get_ref().as_ref();
            let sleutel = if pad.is_empty() {
                naam.to_string()
            } else {
                format!("{pad}.{naam}")
            };
            if naam
                .chars()
                .any(|c| c.is_control() || crate::fout::is_stuurteken(c))
            {
                fouten.push(InvoerFout::new(
                    Herkomst::new(weergave, regel(tekst, k.span().start)),
                    crate::fout::zichtbaar(&sleutel),
                    "sleutel bevat een stuurteken; verwijder het",
                ));
                continue;
            }
            waarde(v, &sleutel, tekst, weergave, fouten);
        }
    }
    let Ok(doc) = DeTable::parse(tekst) else {
        return Ok(());
    };
    let mut fouten = Vec::new();
    tabel(doc.get_ref(), "", tekst, weergave, &mut fouten);
    if fouten.is_empty() {
        Ok(())
    } else {
        Err(meerdere(fouten))
    }
}

/// A number written with a decimal comma in a scenario (`factor = 1,5`).
#[derive(Debug, PartialEq)]
struct DecimaleKomma {
    /// Where the number starts.
    byte: usize,
    /// The key, with its table (`instroom.groei`).
    sleutel: String,
    /// As written (`1,5`) and as it should be (`1.5`).
    geschreven: String,
    goed: String,
}

/// Every `key = 1,5` outside strings and comments. TOML has no decimal comma, so each one is an
/// error whatever else is in the file. Also finds them in inline tables
/// (`{ b1 = 45,5, z = 54,5 }`) and with thousands points (`1.234,5` → 1234.5).
fn decimale_kommas(tekst: &str) -> Vec<DecimaleKomma> {
    let b = tekst.as_bytes();
    let mut uit = Vec::new();
    let mut tabel = String::new();
    // Keys of the inline tables and arrays we are in (None for an unnamed one).
    let mut binnen: Vec<Option<String>> = Vec::new();
    let mut laatste_sleutel: Option<String> = None;
    let mut regelbegin = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let rest = &b[i..];
        match c {
            b'\n' => {
                regelbegin = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let drie = [c, c, c];
                let (eind, lang) = if rest.starts_with(&drie) {
                    (&drie[..], true)
                } else {
                    (&drie[..1], false)
                };
                i += eind.len();
                while i < b.len() {
                    if c == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i..].starts_with(eind) {
                        i += eind.len();
                        break;
                    }
                    if !lang && b[i] == b'\n' {
                        break;
                    }
                    i += 1;
                }
                regelbegin = false;
                continue;
            }
            b'[' if regelbegin && binnen.is_empty() => {
                // A table header: [instroom] or [[instroom.factoren]].
                let eind = rest.iter().position(|x| *x == b'\n').unwrap_or(rest.len());
                let kop = String::from_utf8_lossy(&rest[..eind]);
                let kop = kop.split('#').next().unwrap_or("");
                tabel = kop
                    .trim()
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .trim()
                    .replace(['"', ' '], "");
                i += eind;
                continue;
            }
            b'{' | b'[' => binnen.push(laatste_sleutel.take()),
            b'}' | b']' => {
                binnen.pop();
            }
            b'=' => {
                let voor = &tekst[..i];
                let sleutel: String = voor
                    .trim_end()
                    .rsplit(['{', ',', '\n', '['])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .replace(['"', ' '], "");
                let na = &tekst[i + 1..];
                let begin = i + 1 + (na.len() - na.trim_start_matches([' ', '\t']).len());
                if let Some((geschreven, goed)) = komma_getal(&tekst[begin..]) {
                    let pad: Vec<&str> = std::iter::once(tabel.as_str())
                        .chain(binnen.iter().flatten().map(|s| s.as_str()))
                        .chain(std::iter::once(sleutel.as_str()))
                        .filter(|s| !s.is_empty())
                        .collect();
                    uit.push(DecimaleKomma {
                        byte: begin,
                        sleutel: pad.join("."),
                        geschreven: geschreven.to_string(),
                        goed,
                    });
                    i = begin + geschreven.len();
                    regelbegin = false;
                    continue;
                }
                laatste_sleutel = Some(sleutel);
            }
            _ => laatste_sleutel = None,
        }
        regelbegin = false;
        i += 1;
    }
    uit
}

/// A number with a decimal comma at the start of `t` (`-1,5`, `1.234,56`), as written and with a
/// decimal point; it must end there (space, `,`, `}`, `]`, `#` or the end of the line).
fn komma_getal(t: &str) -> Option<(&str, String)> {
    let lengte = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | '_')))
        .unwrap_or(t.len());
    let mut kandidaat = &t[..lengte];
    // `1,5, z = 2` in an inline table: the comma that separates entries is not part of it.
    kandidaat = kandidaat.trim_end_matches(',');
    let (teken, kaal) = match kandidaat.strip_prefix(['-', '+']) {
        Some(r) => (&kandidaat[..1], r),
        None => ("", kandidaat),
    };
    let (geheel, fractie) = kaal.split_once(',')?;
    let cijfers = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '_');
    let geheel_ok =
        cijfers(geheel) || geheel.split('.').count() > 1 && geheel.split('.').all(cijfers);
    if !geheel_ok || !cijfers(fractie) {
        return None;
    }
    let goed = format!(
        "{}{}.{fractie}",
        teken.trim_start_matches('+'),
        geheel.replace('.', "")
    );
    Some((kandidaat, goed))
}

/// The key on the line of `byte` (`groei` in `groei = x`), with its table.
fn sleutel_op(tekst: &str, byte: usize) -> String {
    let byte = byte.min(tekst.len());
    let begin = tekst[..byte].rfind('\n').map_or(0, |i| i + 1);
    let eind = tekst[byte..].find('\n').map_or(tekst.len(), |i| byte + i);
    let Some((sleutel, _)) = tekst[begin..eind].split_once('=') else {
        return String::new();
    };
    let sleutel = sleutel.trim().replace('"', "");
    let tabel = tekst[..begin]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| {
            l.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['[', ']'])
                .trim()
                .replace('"', "")
        });
    match tabel {
        Some(t) if !t.is_empty() => format!("{t}.{sleutel}"),
        _ => sleutel,
    }
}

/// One scenario file as [`pas_toe`] and its parts read it: its name for messages, its text
/// and the same text as a tree of literals as written, for exact decimals (see [`getal`]).
struct Bron<'t> {
    weergave: String,
    tekst: &'t str,
    ruw_doc: Option<Spanned<DeTable<'t>>>,
}

impl<'t> Bron<'t> {
    fn nieuw(pad: &Path, tekst: &'t str) -> Bron<'t> {
        Bron {
            weergave: pad.display().to_string(),
            tekst,
            ruw_doc: DeTable::parse(tekst).ok(),
        }
    }

    /// The literal at `pad` as written.
    fn ruw(&self, pad: &[&str]) -> Option<&DeValue<'t>> {
        ruw_waarde(self.ruw_doc.as_ref().map(|d| d.get_ref()), pad)
    }

    /// A value for a message: the literal as written where there is one.
    fn geschreven(&self, v: &toml::Value, pad: &[&str]) -> String {
        match self.ruw(pad) {
            Some(DeValue::Float(f)) => f.as_str().to_string(),
            _ => v.to_string(),
        }
    }

    fn herkomst(&self, span: std::ops::Range<usize>) -> Herkomst {
        Herkomst::new(&self.weergave, regel(self.tekst, span.start))
    }

    fn fout(&self, span: std::ops::Range<usize>, kolom: &str, melding: String) -> Fout {
        InvoerFout::new(self.herkomst(span), kolom, melding).into()
    }
}

/// Applies one file's settings over what its parents set.
fn pas_toe(s: &mut Samen, pad: &Path, tekst: &str, b: &Bestand, is_zelf: bool) -> Result<(), Fout> {
    let bron = Bron::nieuw(pad, tekst);
    let weergave = &bron.weergave;
    let h = |span: std::ops::Range<usize>| bron.herkomst(span);
    if is_zelf {
        s.omschrijving = b.omschrijving.clone();
    }
    for (doel, gegeven) in [
        (&mut s.rapport.organisatie, &b.organisatie),
        (&mut s.rapport.regio, &b.regio),
        (&mut s.rapport.titel, &b.titel),
        (&mut s.rapport.versie, &b.versie),
    ] {
        if let Some(x) = gegeven {
            *doel = Some(x.trim().to_string()).filter(|x| !x.is_empty());
        }
    }
    if let Some(x) = b.status {
        s.rapport.status = x;
    }
    if let Some(x) = &b.beslispunten {
        s.rapport.beslispunten = x
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
    }
    if let Some(d) = &b.data {
        let basis = pad.parent().unwrap_or(Path::new("."));
        s.data = Some(schoon_pad(&basis.join(d)));
    }
    if let Some(j) = &b.jaren {
        s.jaren = Some(*j.get_ref());
        s.jaren_herkomst = Some(h(j.span()));
    }
    if let Some(x) = b.basisjaar {
        if !(2000..=2100).contains(&x) {
            return Err(InvoerFout::new(
                Herkomst::new(weergave, 0),
                "basisjaar",
                format!("{x} is ongeldig; verwacht een jaartal tussen 2000 en 2100"),
            )
            .into());
        }
        s.basisjaar = Some(x);
        s.tekst.insert("basisjaar".into(), x.to_string());
    }
    if let Some(x) = b.prijzen {
        s.prijzen = Some(x);
        s.tekst.insert("prijzen".into(), x.id().into());
    }
    if let Some(x) = b.inburgeringsvoorzieningen {
        s.voorzieningen = Some(x);
        s.tekst.insert(
            "inburgeringsvoorzieningen".into(),
            format!("{x:?}").to_lowercase(),
        );
    }
    if let Some(x) = b.csv {
        s.csv = Some(x);
    }
    if let Some(r) = &b.risico {
        s.risico = lees_risico(r, &h, s.risico.clone())?;
    }
    if let Some(r) = &b.reserve {
        let doc = bron.ruw_doc.as_ref().map(|d| d.get_ref());
        lees_reserve(s, r, doc, &h)?;
    }
    if let Some(x) = &b.realisatie_tot {
        s.realisatie_tot = Some((*x.get_ref(), h(x.span())));
        s.tekst
            .insert("realisatie_tot".into(), x.get_ref().to_string());
    }
    if let Some(x) = b.realisatie_ontbreekt {
        s.realisatie_ontbreekt = Some(x);
        s.tekst.insert(
            "realisatie_ontbreekt".into(),
            format!("{x:?}").to_lowercase(),
        );
    }
    if let Some(v) = &b.verschillen {
        pas_verschillen_toe(s, v, &bron)?;
    }
    if let Some(x) = b.spuk_baten {
        s.spuk_baten = Some(x);
        s.tekst.insert(
            "spuk_baten".into(),
            match x {
                crate::berekening::SpukBaten::Beschikking => "beschikking",
                crate::berekening::SpukBaten::BesteSchatting => "beste_schatting",
            }
            .into(),
        );
    }
    if let Some(x) = b.spuk {
        s.spuk = Some(x);
        s.tekst
            .insert("spuk".into(), format!("{x:?}").to_lowercase());
    }
    if let Some(rv) = &b.routeverdeling {
        pas_routeverdeling_toe(s, rv, &bron)?;
    }
    if let Some(i) = &b.instroom {
        pas_instroom_toe(s, i, &bron)?;
    }
    if let Some(ix) = &b.indexatie {
        pas_indexatie_toe(s, ix, &bron)?;
    }
    if let Some(f) = &b.fte {
        pas_fte_toe(s, f, &bron)?;
    }
    Ok(())
}

/// `[verschillen]`: the thresholds from which a variance is reported.
fn pas_verschillen_toe(s: &mut Samen, v: &VerschillenToml, bron: &Bron) -> Result<(), Fout> {
    if let Some(x) = &v.drempel_bedrag {
        s.drempel.bedrag = getal(x.get_ref(), bron.ruw(&["verschillen", "drempel_bedrag"]))
            .filter(|d| *d >= Decimal::ZERO)
            .ok_or_else(|| {
                bron.fout(
                    x.span(),
                    "verschillen.drempel_bedrag",
                    format!(
                        "{} is ongeldig; verwacht een bedrag ≥ 0, bijv. 25000",
                        bron.geschreven(x.get_ref(), &["verschillen", "drempel_bedrag"])
                    ),
                )
            })?;
        s.tekst.insert(
            "verschillen.drempel_bedrag".into(),
            s.drempel.bedrag.to_string(),
        );
    }
    if let Some(x) = &v.drempel_percentage {
        s.drempel.percentage = getal(
            x.get_ref(),
            bron.ruw(&["verschillen", "drempel_percentage"]),
        )
        .filter(|d| *d >= Decimal::ZERO)
        .ok_or_else(|| {
            bron.fout(
                x.span(),
                "verschillen.drempel_percentage",
                format!(
                    "{} is ongeldig; verwacht een percentage ≥ 0, bijv. 10",
                    bron.geschreven(x.get_ref(), &["verschillen", "drempel_percentage"])
                ),
            )
        })?;
        s.tekst.insert(
            "verschillen.drempel_percentage".into(),
            format!("{} %", s.drempel.percentage),
        );
    }
    Ok(())
}

/// `routeverdeling`: a variant name or explicit route shares per doelgroep.
fn pas_routeverdeling_toe(
    s: &mut Samen,
    rv: &Spanned<toml::Value>,
    bron: &Bron,
) -> Result<(), Fout> {
    match rv.get_ref() {
        toml::Value::String(v) => {
            let variant = match v.as_str() {
                "laag" => Variant::Laag,
                "basis" => Variant::Basis,
                "hoog" => Variant::Hoog,
                _ => {
                    return Err(bron.fout(
                        rv.span(),
                        "routeverdeling",
                        format!(
                            "onbekende waarde '{v}'; verwacht \"laag\", \"basis\", \"hoog\" of een tabel met percentages per doelgroep"
                        ),
                    ));
                }
            };
            s.variant = Some(variant);
            s.expliciet.clear();
            s.tekst.insert("routeverdeling".into(), v.clone());
        }
        toml::Value::Table(t) => {
            for (dg, routes) in t {
                let sleutel = format!("routeverdeling.{dg}");
                let d = match dg.as_str() {
                    "asiel" => Doelgroep::Asiel,
                    "gezin" => Doelgroep::Gezin,
                    _ => {
                        return Err(bron.fout(
                            rv.span(),
                            &sleutel,
                            format!("onbekende doelgroep '{dg}'; verwacht asiel of gezin"),
                        ));
                    }
                };
                let toml::Value::Table(rt) = routes else {
                    return Err(bron.fout(
                        rv.span(),
                        &sleutel,
                        "verwacht een tabel { b1 = .., onderwijs = .., z = .. }".into(),
                    ));
                };
                let mut lijst = Vec::new();
                for (r, p) in rt {
                    let route = match r.as_str() {
                        "b1" => Route::B1,
                        "onderwijs" => Route::Onderwijs,
                        "z" => Route::Z,
                        _ => {
                            return Err(bron.fout(
                                rv.span(),
                                &format!("{sleutel}.{r}"),
                                format!("onbekende route '{r}'; verwacht b1, onderwijs of z"),
                            ));
                        }
                    };
                    let p = getal(p, bron.ruw(&["routeverdeling", dg, r]))
                        .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
                        .ok_or_else(|| {
                            bron.fout(
                                rv.span(),
                                &format!("{sleutel}.{r}"),
                                format!(
                                    "{} is ongeldig; verwacht een percentage tussen 0 en 100",
                                    bron.geschreven(p, &["routeverdeling", dg, r])
                                ),
                            )
                        })?;
                    lijst.push((route, p));
                }
                let som: Decimal = lijst.iter().map(|(_, p)| *p).sum();
                if som != Decimal::ONE_HUNDRED {
                    return Err(bron.fout(
                        rv.span(),
                        &sleutel,
                        format!("percentages tellen op tot {som}; verwacht samen 100"),
                    ));
                }
                s.tekst.insert(
                    sleutel,
                    lijst
                        .iter()
                        .map(|(r, p)| format!("{} {p} %", format!("{r:?}").to_lowercase()))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                s.expliciet.insert(d, lijst);
            }
        }
        ander => {
            return Err(bron.fout(
                rv.span(),
                "routeverdeling",
                format!("{ander} is ongeldig; verwacht \"laag\", \"basis\", \"hoog\" of een tabel"),
            ));
        }
    }
    Ok(())
}

/// `[instroom]`: factors, doelgroep shares and their years.
fn pas_instroom_toe(s: &mut Samen, i: &InstroomToml, bron: &Bron) -> Result<(), Fout> {
    if let Some(g) = &i.groei {
        let v = getal(g.get_ref(), bron.ruw(&["instroom", "groei"]))
            .filter(|v| *v > -Decimal::ONE_HUNDRED && *v <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    g.span(),
                    "instroom.groei",
                    format!(
                        "{} is ongeldig; verwacht een groeipercentage per jaar tussen -100 en 100, bijv. 5 of -10",
                        bron.geschreven(g.get_ref(), &["instroom", "groei"])
                    ),
                )
            })?;
        s.groei = Some(v);
        s.tekst
            .insert("instroom.groei".into(), format!("{v} % per jaar"));
    }
    if let Some(g) = &i.schaal {
        let v = getal(g.get_ref(), bron.ruw(&["instroom", "schaal"]))
            .filter(|v| *v >= Decimal::ZERO && *v <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    g.span(),
                    "instroom.schaal",
                    format!(
                        "{} is ongeldig; verwacht een factor tussen 0 en 100, bijv. 1.3 voor +30 %",
                        bron.geschreven(g.get_ref(), &["instroom", "schaal"])
                    ),
                )
            })?;
        s.schaal = Some(v);
        s.tekst.insert("instroom.schaal".into(), format!("× {v}"));
    }
    if let Some(a) = &i.aandeel_inburgeringsplichtig {
        let sleutel = crate::instroom::AANDEEL_SLEUTEL;
        let toml::Value::Table(t) = a.get_ref() else {
            return Err(bron.fout(
                a.span(),
                sleutel,
                "verwacht een tabel met een percentage per doelgroep, bijv. \
                 aandeel_inburgeringsplichtig = { asiel = 60, gezin = 90 }"
                    .into(),
            ));
        };
        for (dg, v) in t {
            let k = format!("{sleutel}.{dg}");
            let d = match dg.as_str() {
                "asiel" => Doelgroep::Asiel,
                "gezin" => Doelgroep::Gezin,
                _ => {
                    return Err(bron.fout(
                        a.span(),
                        &k,
                        format!("onbekende doelgroep '{dg}'; verwacht asiel of gezin"),
                    ));
                }
            };
            let pad = ["instroom", "aandeel_inburgeringsplichtig", dg.as_str()];
            let p = getal(v, bron.ruw(&pad))
                .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
                .ok_or_else(|| {
                    bron.fout(
                        a.span(),
                        &k,
                        format!(
                            "{} is ongeldig; verwacht het percentage inburgeringsplichtigen \
                             (volwassen, niet vrijgesteld) in de taakstelling, tussen 0 en 100, bijv. 60",
                            bron.geschreven(v, &pad)
                        ),
                    )
                })?;
            s.aandeel_plichtig.insert(d, p);
            s.tekst.insert(
                k,
                format!("{p} % van de taakstelling is inburgeringsplichtig"),
            );
        }
    }
    if let Some(fs) = &i.factoren {
        let mut v = Vec::new();
        for (i, f) in fs.iter().enumerate() {
            let i = i.to_string();
            let pad = ["instroom", "factoren", &i, "factor"];
            let x = getal(f.factor.get_ref(), bron.ruw(&pad))
                .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE_HUNDRED)
                .ok_or_else(|| {
                    bron.fout(
                        f.factor.span(),
                        "instroom.factoren.factor",
                        format!(
                            "{} is ongeldig; verwacht een factor tussen 0 en 100",
                            bron.geschreven(f.factor.get_ref(), &pad)
                        ),
                    )
                })?;
            if f.van > f.tot {
                return Err(bron.fout(
                    f.factor.span(),
                    "instroom.factoren",
                    format!("van {} ligt na tot {}; verwacht van ≤ tot", f.van, f.tot),
                ));
            }
            v.push((f.van, f.tot, x));
        }
        s.tekst.insert(
            "instroom.factoren".into(),
            v.iter()
                .map(|(a, b, x)| format!("{a}–{b} × {x}"))
                .collect::<Vec<_>>()
                .join("; "),
        );
        s.factoren = Some(v);
    }
    Ok(())
}

/// `[indexatie]`: a percentage per kind, for all years or per year.
fn pas_indexatie_toe(
    s: &mut Samen,
    ix: &BTreeMap<String, Spanned<toml::Value>>,
    bron: &Bron,
) -> Result<(), Fout> {
    for (soort_naam, waarde) in ix {
        let sleutel = format!("indexatie.{soort_naam}");
        let soort = IndexSoort::lees(soort_naam).ok_or_else(|| {
            bron.fout(
                waarde.span(),
                &sleutel,
                format!("onbekende soort '{soort_naam}'; verwacht tarieven, lonen of prijzen"),
            )
        })?;
        let pct = |v: &toml::Value, k: &str, jaar: Option<&str>| {
            let mut pad = vec!["indexatie", soort_naam.as_str()];
            pad.extend(jaar);
            getal(v, bron.ruw(&pad))
                .filter(|p| *p > -Decimal::ONE_HUNDRED && *p <= Decimal::ONE_HUNDRED)
                .ok_or_else(|| {
                    bron.fout(
                        waarde.span(),
                        k,
                        format!(
                            "{} is ongeldig; verwacht een percentage tussen -100 en 100, bijv. 2.5",
                            bron.geschreven(v, &pad)
                        ),
                    )
                })
        };
        let reeks = match waarde.get_ref() {
            toml::Value::Table(t) => {
                let mut r = Vec::new();
                for (j, v) in t {
                    let k = format!("{sleutel}.{j}");
                    let jaar: i32 = j.parse().map_err(|_| {
                        bron.fout(
                            waarde.span(),
                            &k,
                            format!("'{j}' is geen jaartal; verwacht bijv. 2025 = 3.0"),
                        )
                    })?;
                    r.push((Some(jaar), pct(v, &k, Some(j.as_str()))?));
                }
                r
            }
            v => vec![(None, pct(v, &sleutel, None)?)],
        };
        s.tekst.insert(
            sleutel,
            reeks
                .iter()
                .map(|(j, p)| match j {
                    Some(j) => format!("{j}: {p} %"),
                    None => format!("{p} % per jaar"),
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
        // A single percentage sets every year; a table overrides single years of what the
        // parent set.
        if reeks.iter().any(|(j, _)| j.is_none()) {
            s.indexatie.insert(soort, reeks);
        } else {
            let bestaand = s.indexatie.entry(soort).or_default();
            bestaand.retain(|(j, _)| !reeks.iter().any(|(k, _)| k == j));
            bestaand.extend(reeks);
        }
    }
    Ok(())
}

/// `[fte.<post>]`: fte per year of a formatie post.
fn pas_fte_toe(
    s: &mut Samen,
    f: &BTreeMap<String, Spanned<toml::Value>>,
    bron: &Bron,
) -> Result<(), Fout> {
    for (post, waarde) in f {
        let sleutel = format!("fte.{post}");
        let toml::Value::Table(t) = waarde.get_ref() else {
            return Err(bron.fout(
                waarde.span(),
                &sleutel,
                "verwacht een tabel jaar = fte, bijv. [fte.procesregie] 2025 = 5.0".into(),
            ));
        };
        let entry = s
            .fte
            .entry(post.clone())
            .or_insert_with(|| (BTreeMap::new(), bron.herkomst(waarde.span())));
        entry.1 = bron.herkomst(waarde.span());
        for (j, v) in t {
            let k = format!("{sleutel}.{j}");
            let jaar: i32 = j
                .parse()
                .map_err(|_| bron.fout(waarde.span(), &k, format!("'{j}' is geen jaartal")))?;
            let x = getal(v, bron.ruw(&["fte", post, j]))
                .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::from(100_000))
                .ok_or_else(|| {
                    bron.fout(
                        waarde.span(),
                        &k,
                        format!(
                            "{} is ongeldig; verwacht een aantal fte tussen 0 en 100.000",
                            bron.geschreven(v, &["fte", post, j])
                        ),
                    )
                })?;
            entry.0.insert(jaar, x);
            s.tekst.insert(k, x.to_string());
        }
    }
    Ok(())
}

/// A number from TOML: integer, float or a string such as "2.5". A float is read from its
/// literal as written (`ruw`, see [`ruw_waarde`]), so `45.5` is exactly 45.5 and
/// `100.0000000000000000000000001` is not 100; without the literal, from the float's shortest
/// decimal text. A literal with more digits than a `Decimal` holds is refused, never rounded.
/// Only for percentages, factors and fte, never money.
fn getal(v: &toml::Value, ruw: Option<&DeValue<'_>>) -> Option<Decimal> {
    if let Some(DeValue::Float(f)) = ruw {
        // `15.0` is 15, as the float's shortest text showed it.
        return exact(f.as_str()).map(|d| d.normalize());
    }
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::from_str(&f.to_string()).ok(),
        toml::Value::String(s) => exact(s.trim()),
        _ => None,
    }
}

/// A decimal literal (`45.5`, `-2.5`, `1e3`) exactly, or `None` (also for `inf`, `nan` and
/// excess digits).
fn exact(s: &str) -> Option<Decimal> {
    let s = s.replace('_', "");
    if s.contains(['e', 'E']) {
        Decimal::from_scientific(&s).ok()
    } else {
        Decimal::from_str_exact(&s).ok()
    }
}

/// The value at `pad` (keys; a number indexes an array) in a document parsed with its literals
/// as written.
fn ruw_waarde<'r, 'i>(doc: Option<&'r DeTable<'i>>, pad: &[&str]) -> Option<&'r DeValue<'i>> {
    let (eerste, rest) = pad.split_first()?;
    let mut v = doc?.get(*eerste)?.get_ref();
    for stap in rest {
        v = match v {
            DeValue::Table(t) => t.get(*stap)?.get_ref(),
            DeValue::Array(a) => a.get(stap.parse::<usize>().ok()?)?.get_ref(),
            _ => return None,
        };
    }
    Some(v)
}

/// The scenario against its data, every problem at once: each scenario year covered by some
/// data ([`jaren_zonder_data`]), actuals for every year up to `realisatie_tot`, fte overrides
/// of existing posts in years they run, and a share of inburgeringsplichtigen for taakstelling
/// rows.
pub fn check(s: &Scenario, d: &Gegevens) -> Result<(), Fout> {
    let h = || Herkomst::new(s.pad.display().to_string(), 0);
    let lijst = |jaren: &[i32]| {
        jaren
            .iter()
            .map(|j| j.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut fouten = Vec::new();
    let zonder = jaren_zonder_data(s, d);
    if !zonder.is_empty() {
        fouten.push(InvoerFout::new(
            h(),
            "jaren",
            format!(
                "geen gegevens in {} voor jaar {}; verwacht jaren die de data dekt",
                s.data.display(),
                lijst(&zonder)
            ),
        ));
    }
    if let Some(tot) = s.instellingen.realisatie_tot {
        let zonder: Vec<i32> = (s.instellingen.jaar_van..=tot)
            .filter(|j| !d.realisatie.iter().any(|r| r.jaar == *j))
            .collect();
        if !zonder.is_empty() {
            fouten.push(InvoerFout::new(
                h(),
                "realisatie_tot",
                format!(
                    "geen realisatie in realisatie.csv voor {}; verwacht geboekte bedragen voor elk jaar tot en met {tot}",
                    lijst(&zonder)
                ),
            ));
        }
    }
    check_fte(s, d, &mut fouten);
    check_taakstelling(s, d, &mut fouten);
    if fouten.is_empty() {
        Ok(())
    } else {
        Err(meerdere(fouten))
    }
}

/// The scenario years no data covers (no IU row or national budget, beschikking or active
/// formatie post): a year range with such a year is probably a typo.
fn jaren_zonder_data(s: &Scenario, d: &Gegevens) -> Vec<i32> {
    s.instellingen
        .jaren()
        .filter(|&j| {
            !d.iu.iter().any(|r| r.jaar == j)
                && !d.rijksbudget.iter().any(|r| r.jaar == j)
                && !d.beschikkingen.iter().any(|b| b.jaar == j)
                && !d.formatie.iter().any(|p| p.actief(j))
        })
        .collect()
}

/// fte overrides name a post of formatie.csv, in a year it runs and the scenario covers.
fn check_fte(s: &Scenario, d: &Gegevens, fouten: &mut Vec<InvoerFout>) {
    let herkomst = |post: &str| {
        s.fte_herkomst
            .iter()
            .find(|(p, _)| p == post)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    };
    for (post, jaar, _) in &s.instellingen.fte {
        let actief = d
            .formatie
            .iter()
            .any(|p| p.post.as_str() == post && p.actief(*jaar));
        let binnen = s.instellingen.jaren().any(|j| j == *jaar);
        if d.formatie.iter().any(|p| p.post.as_str() == post) && !(actief && binnen) {
            fouten.push(InvoerFout::new(
                herkomst(post),
                format!("fte.{post}.{jaar}"),
                format!(
                    "post '{post}' loopt niet in {jaar} (formatie.csv of de jaren van het scenario); \
                     verwacht een jaar waarin de post actief is en dat binnen de scenariojaren valt"
                ),
            ));
        }
    }
    for (post, h) in &s.fte_herkomst {
        if !d.formatie.iter().any(|p| p.post.as_str() == post) {
            fouten.push(InvoerFout::new(
                h.clone(),
                format!("fte.{post}"),
                format!(
                    "onbekende post '{post}'; verwacht een post uit formatie.csv ({})",
                    d.formatie
                        .iter()
                        .map(|p| p.post.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}

/// Taakstelling rows need the scenario's share of inburgeringsplichtigen: one error per
/// doelgroep, at its first row, naming the scenario and the key.
fn check_taakstelling(s: &Scenario, d: &Gegevens, fouten: &mut Vec<InvoerFout>) {
    for dg in Doelgroep::ALLE {
        if s.instellingen.instroom.aandeel(dg).is_some() {
            continue;
        }
        let mut rijen = d
            .instroom
            .regels
            .iter()
            .chain(&d.instroom_realisatie.regels)
            .filter(|r| {
                r.doelgroep == dg && r.soort == crate::instroom::InstroomSoort::Taakstelling
            });
        if let Some(eerste) = rijen.next() {
            let meer = rijen.count();
            let mut f = crate::instroom::geen_aandeel(eerste);
            f.melding = format!(
                "{}{} (scenario {})",
                f.melding,
                if meer > 0 {
                    format!(
                        "; zo ook {meer} andere regel(s) met taakstelling {}",
                        dg.id()
                    )
                } else {
                    String::new()
                },
                s.pad.display()
            );
            fouten.push(f);
        }
    }
}

/// Example shown in every `[reserve]` error.
const RESERVE_VOORBEELD: &str = "bijv. [reserve] naam = \"Bestemmingsreserve inburgering\" \
     beginsaldo = { Dordrecht = 150000 } plafond = 500000";

/// Reads one file's `[reserve]` over what its parents set, key by key. Amounts are whole cents
/// ≥ 0 and read exactly as written; gemeenten are looked up later, against the data
/// ([`reserve`]).
fn lees_reserve(
    s: &mut Samen,
    r: &Spanned<ReserveToml>,
    doc: Option<&DeTable<'_>>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
) -> Result<(), Fout> {
    let mut uit = s.reserve.clone().unwrap_or_default();
    uit.herkomst = h(r.span());
    let r = r.get_ref();
    let mut fouten: Vec<InvoerFout> = Vec::new();
    if let Some(n) = &r.naam {
        match n.get_ref() {
            toml::Value::String(t) if !t.trim().is_empty() => {
                uit.naam = Some(t.trim().to_string());
                s.tekst.insert("reserve.naam".into(), t.trim().to_string());
            }
            v => fouten.push(InvoerFout::new(
                h(n.span()),
                "reserve.naam",
                format!(
                    "{} is ongeldig; verwacht de naam van de reserve als tekst, bijv. naam = \"Bestemmingsreserve inburgering\"",
                    if v.as_str().is_some() { "lege tekst".to_string() } else { v.to_string() }
                ),
            )),
        }
    }
    if let Some(b) = &r.bron {
        match b.get_ref() {
            toml::Value::String(t) => {
                s.tekst.insert("reserve.bron".into(), t.clone());
            }
            v => fouten.push(InvoerFout::new(
                h(b.span()),
                "reserve.bron",
                format!("{v} is ongeldig; verwacht tekst: waar de bedragen vandaan komen"),
            )),
        }
    }
    if let Some(b) = &r.beginsaldo {
        match reserve_per_gemeente(b, "beginsaldo", doc, h, &mut fouten) {
            Some(lijst) => {
                s.tekst
                    .insert("reserve.beginsaldo".into(), lijst_tekst(&lijst));
                uit.beginsaldo = lijst;
            }
            None => fouten.push(InvoerFout::new(
                h(b.span()),
                "reserve.beginsaldo",
                format!(
                    "{} is ongeldig; verwacht een beginsaldo per gemeente (naam of CBS-code), {RESERVE_VOORBEELD}",
                    b.get_ref()
                ),
            )),
        }
    }
    if let Some(p) = &r.plafond {
        if let toml::Value::Table(_) = p.get_ref() {
            let lijst = reserve_per_gemeente(p, "plafond", doc, h, &mut fouten).unwrap_or_default();
            s.tekst
                .insert("reserve.plafond".into(), lijst_tekst(&lijst));
            uit.plafond = Some(PlafondRuw::PerGemeente(lijst));
        } else {
            match reserve_bedrag(
                p.get_ref(),
                doc,
                &["reserve", "plafond"],
                "reserve.plafond",
                &h(p.span()),
            ) {
                Ok(x) => {
                    s.tekst.insert("reserve.plafond".into(), x.to_string());
                    uit.plafond = Some(PlafondRuw::Een(x));
                }
                Err(e) => fouten.push(e),
            }
        }
    }
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    s.tekst
        .entry("reserve.naam".into())
        .or_insert_with(|| "Bestemmingsreserve inburgering (standaard)".into());
    s.reserve = Some(uit);
    Ok(())
}

/// One `[reserve]` amount: a number (exact as written), whole cents, ≥ 0.
fn reserve_bedrag(
    v: &toml::Value,
    doc: Option<&DeTable<'_>>,
    pad: &[&str],
    sleutel: &str,
    hk: &Herkomst,
) -> Result<Decimal, InvoerFout> {
    let ruw = ruw_waarde(doc, pad);
    let geschreven = match ruw {
        Some(DeValue::Float(f)) => f.as_str().to_string(),
        _ => v.to_string(),
    };
    let x = match v {
        toml::Value::Integer(_) | toml::Value::Float(_) => getal(v, ruw),
        _ => None,
    };
    match x {
        None => Err(InvoerFout::new(
            hk.clone(),
            sleutel,
            format!(
                "{geschreven} is ongeldig; verwacht een bedrag in euro's (een getal, punt als decimaalteken), {RESERVE_VOORBEELD}"
            ),
        )),
        Some(x) if x.is_sign_negative() && !x.is_zero() => Err(InvoerFout::new(
            hk.clone(),
            sleutel,
            format!(
                "{geschreven} is negatief; verwacht een bedrag ≥ 0 (een reserve staat nooit onder nul)"
            ),
        )),
        Some(x) if x.normalize().scale() > 2 || x > Decimal::from(1_000_000_000_000i64) => {
            Err(InvoerFout::new(
                hk.clone(),
                sleutel,
                format!(
                    "{geschreven} is ongeldig; verwacht een bedrag in hele centen, hoogstens 1.000.000.000.000"
                ),
            ))
        }
        Some(x) => Ok(x.normalize()),
    }
}

/// A `[reserve]` table of gemeente = amount, each entry with its own line; `None` when `v` is
/// no table.
fn reserve_per_gemeente(
    v: &Spanned<toml::Value>,
    naam: &str,
    doc: Option<&DeTable<'_>>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Option<Vec<(String, Decimal, Herkomst)>> {
    let mut lijst = Vec::new();
    let toml::Value::Table(t) = v.get_ref() else {
        return None;
    };
    for (k, w) in t {
        let span = match ruw_waarde(doc, &["reserve", naam]) {
            Some(DeValue::Table(rt)) => rt.get(k.as_str()).map(|x| x.span()),
            _ => None,
        }
        .unwrap_or(v.span());
        let hk = h(span);
        match reserve_bedrag(
            w,
            doc,
            &["reserve", naam, k],
            &format!("reserve.{naam}.{k}"),
            &hk,
        ) {
            Ok(x) => lijst.push((k.clone(), x, hk)),
            Err(e) => fouten.push(e),
        }
    }
    Some(lijst)
}

/// `gemeente amount, ...` for the list of assumptions.
fn lijst_tekst(lijst: &[(String, Decimal, Herkomst)]) -> String {
    lijst
        .iter()
        .map(|(g, x, _)| format!("{g} {x}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scenario's `[reserve]` against the data: every gemeente named (by name or CBS code)
/// must exist and be named once per key; an opening balance may not exceed its ceiling. All
/// problems at once. `None` without `[reserve]`.
pub fn reserve(
    s: &Scenario,
    d: &Gegevens,
) -> Result<Option<crate::reserve::ReserveInstellingen>, Fout> {
    let Some(r) = &s.reserve else {
        return Ok(None);
    };
    let n = d.gemeenten.len();
    let mut fouten: Vec<InvoerFout> = Vec::new();
    let zoek = |lijst: &[(String, Decimal, Herkomst)],
                sleutel: &str,
                fouten: &mut Vec<InvoerFout>| {
        let mut uit: Vec<Option<Decimal>> = vec![None; n];
        for (g, x, hk) in lijst {
            match d.gemeenten.zoek(g) {
                Some(i) if uit[i].is_some() => fouten.push(InvoerFout::new(
                    hk.clone(),
                    format!("reserve.{sleutel}.{g}"),
                    format!(
                        "{} staat twee keer in reserve.{sleutel} (naam en CBS-code?); verwacht één bedrag per gemeente",
                        d.gemeenten.naam(i)
                    ),
                )),
                Some(i) => uit[i] = Some(*x),
                None => fouten.push(InvoerFout::new(
                    hk.clone(),
                    format!("reserve.{sleutel}.{g}"),
                    match d.gemeenten.suggestie(g) {
                        Some(v) => format!(
                            "onbekende gemeente '{g}'; bedoelde u {v}? Verwacht een naam of CBS-code uit gemeenten.csv"
                        ),
                        None => format!(
                            "onbekende gemeente '{g}'; verwacht een naam of CBS-code uit gemeenten.csv ({})",
                            d.gemeenten.lijst.iter().map(|x| x.naam.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    },
                )),
            }
        }
        uit
    };
    let begin = zoek(&r.beginsaldo, "beginsaldo", &mut fouten);
    let plafond: Vec<Option<Decimal>> = match &r.plafond {
        None => vec![None; n],
        Some(PlafondRuw::Een(x)) => vec![Some(*x); n],
        Some(PlafondRuw::PerGemeente(lijst)) => zoek(lijst, "plafond", &mut fouten),
    };
    for g in 0..n {
        if let (Some(b), Some(p)) = (begin[g], plafond[g])
            && b > p
        {
            let hk = r
                .beginsaldo
                .iter()
                .find(|(x, _, _)| d.gemeenten.zoek(x) == Some(g))
                .map(|(_, _, h)| h.clone())
                .unwrap_or_else(|| r.herkomst.clone());
            fouten.push(InvoerFout::new(
                hk,
                "reserve.beginsaldo",
                format!(
                    "het beginsaldo van {} ({b}) is hoger dan het plafond ({p}); verwacht een beginsaldo ≤ plafond",
                    d.gemeenten.naam(g)
                ),
            ));
        }
    }
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    Ok(Some(crate::reserve::ReserveInstellingen {
        naam: r
            .naam
            .clone()
            .unwrap_or_else(|| "Bestemmingsreserve inburgering".into()),
        beginsaldo: begin.into_iter().map(Option::unwrap_or_default).collect(),
        plafond,
        herkomst: r.herkomst.clone(),
    }))
}

fn regel(tekst: &str, byte: usize) -> u64 {
    tekst.as_bytes()[..byte.min(tekst.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

fn sleutel_uit_melding(m: &str) -> String {
    // toml: "unknown field `x`, expected ..." / "missing field `x`"
    if m.starts_with("unknown field") || m.starts_with("missing field") {
        m.split('`').nth(1).unwrap_or("").to_string()
    } else {
        String::new()
    }
}

/// The parser's message in the controller's words; unknown keys and values get a suggestion.
fn vertaal(m: &str) -> String {
    // The names between backticks: the culprit first, then what is expected.
    let namen: Vec<&str> = m.split('`').skip(1).step_by(2).collect();
    let verwacht = |namen: &[&str]| match namen {
        [] => String::new(),
        [een] => (*een).to_string(),
        [voor @ .., laatste] => format!("{} of {laatste}", voor.join(", ")),
    };
    let bedoeld =
        |x: &str, opties: &[&str]| match crate::gemeente::lijkt_op(x, opties.iter().copied()) {
            Some(k) => format!("; bedoelde u {k}? Verwacht"),
            None => "; verwacht".to_string(),
        };
    if m.starts_with("unknown field") {
        let (x, opties) = namen.split_first().map_or(("", &[][..]), |(x, o)| (*x, o));
        format!(
            "onbekende sleutel '{x}'{} {}",
            bedoeld(x, opties),
            verwacht(opties)
        )
    } else if m.starts_with("missing field") {
        format!(
            "verplichte sleutel '{}' ontbreekt",
            namen.first().unwrap_or(&"")
        )
    } else if m.starts_with("unknown variant") {
        let (x, opties) = namen.split_first().map_or(("", &[][..]), |(x, o)| (*x, o));
        format!(
            "onbekende waarde '{x}'{} {}",
            bedoeld(x, opties),
            verwacht(opties)
        )
    } else if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (gegeven, gevraagd) = rest.split_once(", expected ").unwrap_or((rest, ""));
        format!(
            "{} is ongeldig; verwacht {}",
            soort(gegeven),
            soort(gevraagd)
        )
    } else if let Some(rest) = m.strip_prefix("invalid length ") {
        let (n, gevraagd) = rest.split_once(", expected ").unwrap_or((rest, ""));
        format!("lijst met {n} waarde(n); verwacht {}", soort(gevraagd))
    } else if m.starts_with("duplicate key") {
        "sleutel staat er twee keer in; verwacht elke sleutel één keer per tabel".into()
    } else if m.starts_with("unexpected key or value") {
        "onverwachte tekst na de waarde; verwacht één sleutel = waarde per regel (een \
         kommagetal schrijft u met een punt: 1.5)"
            .into()
    } else if m.starts_with("string values must be quoted") {
        "tekst moet tussen aanhalingstekens staan, bijv. spuk = \"beschikking\"".into()
    } else if m.starts_with("invalid basic string") || m.starts_with("invalid literal string") {
        "tekst zonder afsluitend aanhalingsteken; verwacht bijv. naam = \"basis\"".into()
    } else if m.starts_with("unclosed array") {
        "lijst niet afgesloten; verwacht ] aan het eind, bijv. jaren = [2022, 2030]".into()
    } else if m.starts_with("unclosed inline table") {
        "tabel niet afgesloten; verwacht } aan het eind, bijv. { b1 = 45, onderwijs = 15, z = 40 }"
            .into()
    } else if m.starts_with("unclosed table") {
        "tabelkop niet afgesloten; verwacht ] aan het eind, bijv. [instroom]".into()
    } else if m.starts_with("key with no value") {
        "sleutel zonder waarde; verwacht sleutel = waarde".into()
    } else if m.starts_with("extra comma") {
        "extra komma; verwacht sleutel = waarde tussen de komma's (een kommagetal schrijft u met \
         een punt: 1.5)"
            .into()
    } else if m.starts_with("invalid float") || m.starts_with("invalid integer") {
        "ongeldig getal; verwacht bijv. 2 of 2.5 (punt als decimaalteken)".into()
    } else {
        format!("ongeldig TOML-bestand: {m}")
    }
}

/// A serde type description in Dutch: `string "x"` → `tekst "x"`, `i32` → `een geheel getal`.
fn soort(s: &str) -> String {
    let s = s.trim();
    let waarde = || s.split('`').nth(1).unwrap_or("");
    if let Some(r) = s.strip_prefix("string ") {
        format!("tekst {r}")
    } else if s.starts_with("integer `") {
        format!("het gehele getal {}", waarde())
    } else if s.starts_with("floating point `") {
        format!("het kommagetal {}", waarde())
    } else if s.starts_with("boolean `") {
        waarde().to_string()
    } else if let Some(n) = s
        .strip_prefix("an array of length ")
        .or_else(|| s.strip_prefix("array of length "))
    {
        format!("een lijst van {n} waarden, bijv. [2022, 2030]")
    } else {
        match s {
            "a string" | "string" => "tekst tussen aanhalingstekens".into(),
            "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => {
                "een geheel getal".into()
            }
            "f32" | "f64" => "een getal".into(),
            "a boolean" => "true of false".into(),
            "sequence" | "a sequence" => "een lijst".into(),
            "map" | "a map" => "een tabel".into(),
            ander => ander.to_string(),
        }
    }
}

/// Lexically removes `a/..` pairs so that messages show `data/x/y.csv`, not `scenarios/../data`.
fn schoon_pad(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut uit = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir
                if matches!(uit.components().next_back(), Some(Component::Normal(_))) =>
            {
                uit.pop();
            }
            Component::CurDir => {}
            c => uit.push(c.as_os_str()),
        }
    }
    if uit.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        uit
    }
}

/// `[risico]` as written: every key optional; a child's key replaces its parent's. Values stay
/// `toml::Value`, so a wrong type gets its own Dutch message (see [`lees_risico`]).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "een tabel [risico]")]
struct RisicoToml {
    trekkingen: Option<Spanned<toml::Value>>,
    zaad: Option<Spanned<toml::Value>>,
    correlatie: Option<Spanned<toml::Value>>,
    routeverdeling: Option<Spanned<toml::Value>>,
    instroom: Option<Spanned<RisicoInstroomToml>>,
    bron: Option<Spanned<toml::Value>>,
}

/// `[risico.instroom]`: the distribution of the instroom factor, its parameters and its bron.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "een tabel [risico.instroom]")]
struct RisicoInstroomToml {
    verdeling: Option<Spanned<toml::Value>>,
    laag: Option<Spanned<toml::Value>>,
    modus: Option<Spanned<toml::Value>>,
    hoog: Option<Spanned<toml::Value>>,
    sigma: Option<Spanned<toml::Value>>,
    a: Option<Spanned<toml::Value>>,
    b: Option<Spanned<toml::Value>>,
    bron: Option<Spanned<toml::Value>>,
}

/// Reads the `[risico]` table: draws, zaad (the random generator's starting value), year correlation, route range and the instroom
/// distribution, each with a bron. A child's `[risico]` overrides its parent's key by key.
/// Invalid parameters are refused with file, line and key. (A little over 60 lines: one short
/// block per key, in the order the keys were always checked.)
fn lees_risico(
    t: &Spanned<RisicoToml>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    ouder: crate::risico::RisicoInstellingen,
) -> Result<crate::risico::RisicoInstellingen, Fout> {
    let (x, mut r) = (t.get_ref(), ouder);
    if let Some(w) = &x.bron {
        r.bron.retain(|(k, _)| k != "risico");
        let bron = w.get_ref().as_str().unwrap_or_default().to_string();
        r.bron.push(("risico".into(), bron));
    }
    let binnen = |v: &toml::Value| getal_f(v).filter(|c| (-1.0..=1.0).contains(c));
    if let Some(c) = risico_sleutel(
        &x.correlatie,
        "risico.correlatie",
        h,
        binnen,
        |v| match getal_f(v) {
            Some(c) => format!(
                "{c} ligt buiten -1 tot 1; verwacht een correlatie tussen opeenvolgende jaren"
            ),
            None => format!("{v} is geen getal"),
        },
    )? {
        r.correlatie = c;
    }
    if let Some(it) = &x.instroom {
        let (verdeling, bron) = lees_risico_instroom(it, h)?;
        r.bron.retain(|(k, _)| k != "risico.instroom");
        r.bron.push(("risico.instroom".into(), bron));
        r.instroom = Some(verdeling);
    }
    if let Some(b) = risico_sleutel(
        &x.routeverdeling,
        "risico.routeverdeling",
        h,
        |v| v.as_bool(),
        |_| "verwacht true of false (routeverdeling tussen laag en hoog trekken)".into(),
    )? {
        r.routes = b;
    }
    let aantal = |v: &toml::Value| v.as_integer().filter(|n| (1..=1_000_000).contains(n));
    if let Some(n) = risico_sleutel(&x.trekkingen, "risico.trekkingen", h, aantal, |v| {
        format!("{v} is ongeldig; verwacht een aantal tussen 1 en 1.000.000")
    })? {
        r.trekkingen = n as usize;
    }
    let zaad = |v: &toml::Value| v.as_integer().filter(|n| *n >= 0);
    if let Some(n) = risico_sleutel(&x.zaad, "risico.zaad", h, zaad, |v| {
        format!("{v} is ongeldig; verwacht een geheel getal ≥ 0")
    })? {
        r.zaad = n as u64;
    }
    if r.routes
        && !r
            .bron
            .iter()
            .any(|(k, b)| k == "risico" && !b.trim().is_empty())
    {
        return Err(InvoerFout::new(
            h(t.span()),
            "risico.bron",
            "ontbreekt; bij routeverdeling = true is een bron (of 'aanname: ...') voor de bandbreedte nodig",
        )
        .into());
    }
    Ok(r)
}

/// One `[risico]` key: `None` when absent, else its value as `lees` reads it, or an error at the
/// line of the value with `melding`.
fn risico_sleutel<T>(
    w: &Option<Spanned<toml::Value>>,
    sleutel: &str,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    lees: impl Fn(&toml::Value) -> Option<T>,
    melding: impl Fn(&toml::Value) -> String,
) -> Result<Option<T>, Fout> {
    let Some(w) = w else { return Ok(None) };
    match lees(w.get_ref()) {
        Some(x) => Ok(Some(x)),
        None => Err(InvoerFout::new(h(w.span()), sleutel, melding(w.get_ref())).into()),
    }
}

/// A `[risico]` number as f64 (the draws are floating point; the exact engine is not).
fn getal_f(v: &toml::Value) -> Option<f64> {
    getal(v, None).and_then(|d| rust_decimal::prelude::ToPrimitive::to_f64(&d))
}

/// `[risico.instroom]`: the distribution and its bron (required).
fn lees_risico_instroom(
    t: &Spanned<RisicoInstroomToml>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
) -> Result<(crate::risico::Verdeling, String), Fout> {
    let it = t.get_ref();
    // A message about a value points at its line; about a missing one, at the table's.
    let fout = |w: &Option<Spanned<toml::Value>>, k: &str, m: String| -> Fout {
        let span = w.as_ref().map_or(t.span(), |w| w.span());
        InvoerFout::new(h(span), format!("risico.instroom.{k}"), m).into()
    };
    let soort = it
        .verdeling
        .as_ref()
        .and_then(|x| x.get_ref().as_str())
        .unwrap_or("");
    let par = |naam: &str, w: &Option<Spanned<toml::Value>>| -> Result<f64, Fout> {
        let max = if naam == "sigma" { 2.0 } else { 10.0 };
        let goed = |v: &toml::Value| getal_f(v).filter(|x| (0.0..=max).contains(x));
        let k = format!("risico.instroom.{naam}");
        risico_sleutel(w, &k, h, goed, |v| match getal_f(v) {
            None => format!("{v} is geen getal"),
            Some(x) if x < 0.0 => format!("{x} is negatief; verwacht een factor ≥ 0"),
            Some(x) => format!("{x} is te groot; verwacht hoogstens {max}"),
        })?
        .ok_or_else(|| fout(w, naam, format!("ontbreekt; nodig voor verdeling {soort}")))
    };
    let verdeling = risico_verdeling(it, soort, &par, &fout)?;
    let bron = it
        .bron
        .as_ref()
        .and_then(|x| x.get_ref().as_str())
        .unwrap_or("")
        .trim();
    if bron.is_empty() {
        return Err(fout(
            &it.bron,
            "bron",
            "ontbreekt; verwacht waar de verdeling vandaan komt, of 'aanname: ...' met de reden"
                .into(),
        ));
    }
    Ok((verdeling, bron.to_string()))
}

/// A `[risico]` value as written, with its place in the file.
type Waarde = Option<Spanned<toml::Value>>;

/// The distribution named by `verdeling` with its parameters (read and bounded by `par`).
fn risico_verdeling(
    it: &RisicoInstroomToml,
    soort: &str,
    par: &dyn Fn(&str, &Waarde) -> Result<f64, Fout>,
    fout: &dyn Fn(&Waarde, &str, String) -> Fout,
) -> Result<crate::risico::Verdeling, Fout> {
    use crate::risico::Verdeling;
    Ok(match soort {
        "driehoek" => {
            let (laag, modus, hoog) = (
                par("laag", &it.laag)?,
                par("modus", &it.modus)?,
                par("hoog", &it.hoog)?,
            );
            if laag > hoog {
                return Err(fout(
                    &it.laag,
                    "laag",
                    format!("laag {laag} > hoog {hoog}; verwacht laag ≤ modus ≤ hoog"),
                ));
            }
            if modus < laag || modus > hoog {
                return Err(fout(
                    &it.modus,
                    "modus",
                    format!("{modus} ligt niet tussen laag en hoog"),
                ));
            }
            Verdeling::Driehoek { laag, modus, hoog }
        }
        "lognormaal" => Verdeling::Lognormaal {
            sigma: par("sigma", &it.sigma)?,
        },
        "twee_waarden" => Verdeling::TweeWaarden {
            a: par("a", &it.a)?,
            b: par("b", &it.b)?,
        },
        ander => {
            return Err(fout(
                &it.verdeling,
                "verdeling",
                format!(
                    "onbekende verdeling '{ander}'; verwacht driehoek, lognormaal of twee_waarden"
                ),
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `getal` of the value at `pad` in a parsed text, as `pas_toe` does it.
    fn lees(tekst: &str, pad: &[&str]) -> Option<Decimal> {
        let doc: toml::Table = toml::from_str(tekst).unwrap();
        let mut v = &toml::Value::Table(doc);
        for k in pad {
            v = match v {
                toml::Value::Array(a) => &a[k.parse::<usize>().unwrap()],
                t => &t[*k],
            };
        }
        let ruw = DeTable::parse(tekst).unwrap();
        getal(v, ruw_waarde(Some(ruw.get_ref()), pad))
    }

    #[test]
    fn numbers_are_read_exactly_from_their_literal() {
        let t = "a = { b = { c = 45.0000000000000000000000001 } }\n\
                 [x]\nd = 45.5\ne = 1_000.25\nf = 1e3\ng = 15.0\nh = 3\ni = \"2.5\"\nj = -2.5\n\
                 k = +0.1\nl = 1.00000000000000000000000000000001\n\
                 [[r]]\nf = 1.1\n[[r]]\nf = 0.3\n";
        assert_eq!(
            lees(t, &["a", "b", "c"]),
            Some(dec("45.0000000000000000000000001"))
        );
        assert_eq!(lees(t, &["x", "d"]), Some(dec("45.5")));
        assert_eq!(lees(t, &["x", "e"]), Some(dec("1000.25")));
        assert_eq!(lees(t, &["x", "f"]), Some(dec("1000")));
        assert_eq!(
            lees(t, &["x", "g"]).map(|d| d.to_string()),
            Some("15".into())
        );
        assert_eq!(lees(t, &["x", "h"]), Some(dec("3")));
        assert_eq!(lees(t, &["x", "i"]), Some(dec("2.5")));
        assert_eq!(lees(t, &["x", "j"]), Some(dec("-2.5")));
        assert_eq!(lees(t, &["x", "k"]), Some(dec("0.1")));
        // More digits than a Decimal holds: refused, not rounded to 1.
        assert_eq!(lees(t, &["x", "l"]), None);
        assert_eq!(lees(t, &["r", "0", "f"]), Some(dec("1.1")));
        assert_eq!(lees(t, &["r", "1", "f"]), Some(dec("0.3")));
        // The float itself (what the old reading used) is not exact.
        let v: toml::Value = toml::from_str::<toml::Table>(t).unwrap()["a"]["b"]["c"].clone();
        assert_eq!(getal(&v, None), Some(dec("45")));
    }

    fn kommas(t: &str) -> Vec<(u64, String, String, String)> {
        decimale_kommas(t)
            .into_iter()
            .map(|k| (regel(t, k.byte), k.sleutel, k.geschreven, k.goed))
            .collect()
    }

    fn k(r: u64, s: &str, a: &str, b: &str) -> (u64, String, String, String) {
        (r, s.into(), a.into(), b.into())
    }

    #[test]
    fn decimal_commas_are_found_with_line_and_key() {
        let t = "naam = \"s\" # groei = 2,5 in een commentaar\n\
                 omschrijving = \"\"\"\nfactor = 1,5 in een tekst\n\"\"\"\n\
                 jaren = [2022, 2030]\n\
                 [instroom]\ngroei = 2,5\nschaal = -1.234,5 # x\n\
                 factoren = [{ van = 2023, tot = 2024, factor = 1,5 }, { van = 2025, tot = 2026, factor = 2 }]\n\
                 [[instroom.factoren]]\nfactor=0,75\n\
                 [routeverdeling]\nasiel = { b1 = 45,5, onderwijs = 15, z = 39,5 }\n\
                 [indexatie.lonen]\n\"2025\" = 3,25\n";
        assert_eq!(
            kommas(t),
            vec![
                k(7, "instroom.groei", "2,5", "2.5"),
                k(8, "instroom.schaal", "-1.234,5", "-1234.5"),
                k(9, "instroom.factoren.factor", "1,5", "1.5"),
                k(11, "instroom.factoren.factor", "0,75", "0.75"),
                k(13, "routeverdeling.asiel.b1", "45,5", "45.5"),
                k(13, "routeverdeling.asiel.z", "39,5", "39.5"),
                k(15, "indexatie.lonen.2025", "3,25", "3.25"),
            ]
        );
        assert!(kommas("jaren = [2022,2030]\nx = { a = 1,b = 2 }\ny = \"1,5\"\n").is_empty());
    }

    #[test]
    fn toml_errors_in_dutch() {
        assert_eq!(
            vertaal("unknown field `groe`, expected one of `groei`, `schaal`, `factoren`"),
            "onbekende sleutel 'groe'; bedoelde u groei? Verwacht groei, schaal of factoren"
        );
        assert_eq!(
            vertaal("unknown variant `prognse`, expected `beschikking` or `prognose`"),
            "onbekende waarde 'prognse'; bedoelde u prognose? Verwacht beschikking of prognose"
        );
        assert_eq!(
            vertaal("invalid type: floating point `2022.5`, expected i32"),
            "het kommagetal 2022.5 is ongeldig; verwacht een geheel getal"
        );
        assert_eq!(
            vertaal("invalid type: string \"x\", expected an array of length 2"),
            "tekst \"x\" is ongeldig; verwacht een lijst van 2 waarden, bijv. [2022, 2030]"
        );
        assert_eq!(
            vertaal("missing field `van`"),
            "verplichte sleutel 'van' ontbreekt"
        );
        assert_eq!(
            vertaal("duplicate key"),
            "sleutel staat er twee keer in; verwacht elke sleutel één keer per tabel"
        );
        assert_eq!(
            vertaal("unknown field `onbekend`, expected one of `naam`, `data`"),
            "onbekende sleutel 'onbekend'; verwacht naam of data"
        );
        assert!(vertaal("iets nieuws").starts_with("ongeldig TOML-bestand: iets nieuws"));
        assert_eq!(
            sleutel_op("a = 1\n[instroom]\ngroei = x\n", 22),
            "instroom.groei"
        );
        assert_eq!(sleutel_op("naam = 5\n", 7), "naam");
    }
}
