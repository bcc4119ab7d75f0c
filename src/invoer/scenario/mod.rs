//! Scenario files (TOML): what to compute, over which years, from which data folder, with which
//! assumptions. A scenario may name a parent (`basis = "basis.toml"`) and override only what
//! differs. Unknown keys are refused, so a typo never silently falls back to a default.
//!
//! Here: the file types, reading a file and its parents, and the merged settings (`Samen`).
//! Children: `tekst` (checks on the raw text), `toepassen` (one file over its parents),
//! `reserve` and `risico` (those tables), `controle` (the scenario against its data).

mod controle;
mod reserve;
mod risico;
mod tekst;
mod toepassen;

use crate::scenario::PlafondRuw;
use crate::scenario::{RapportGegevens, RapportStatus, ReserveRuw, Scenario};
pub use controle::check;
pub use reserve::reserve;
use reserve::*;
use risico::*;
use tekst::*;
use toepassen::*;

use crate::berekening::{Instellingen, RouteKeuze, SpukBron, Voorzieningen};
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::indexatie::IndexSoort;
use crate::instroom::{Doelgroep, InstroomInstellingen};
use crate::invoer::csvbestand::meerdere;
use crate::routeverdeling::{Route, Variant};
use crate::waarschuwing::Waarschuwing;
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

/// The longest scenario name in bytes: it becomes a folder name, next to a temporary
/// `.<naam>.tmp-<pid>` one, within the 255 bytes a file system allows.
pub const MAX_NAAM_BYTES: usize = 120;

/// `[reserve]` as written: every key optional; a child's key replaces its parent's.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReserveToml {
    naam: Option<Spanned<toml::Value>>,
    beginsaldo: Option<Spanned<toml::Value>>,
    plafond: Option<Spanned<toml::Value>>,
    bron: Option<Spanned<toml::Value>>,
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
    /// Settings that are allowed but probably not meant (an instroom factor of 30 where +30 %
    /// was meant), per key: a later file's setting of the key replaces or clears it.
    twijfel: BTreeMap<String, Waarschuwing>,
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
        waarschuwingen: s.twijfel.values().cloned().collect(),
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
    if !super::is_id(&naam) || naam.len() > MAX_NAAM_BYTES {
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
/// Long by design: one branch per kind of parser message, read top to bottom like a table.
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
