//! "What if": the levers of a scenario and a change to them as a child scenario. The browser
//! sends the value of every lever as typed (`veld → tekst`); what differs from the parent
//! becomes a scenario key in a child TOML (`basis = "<parent>.toml"`), which runs through the
//! same parser and engine as `raming bereken`. Saving writes exactly that text, so the CLI gives
//! the same figures by construction.

use crate::Run;
use crate::berekening::{self, Instellingen, SpukBaten, SpukBron, Voorzieningen};
use crate::indexatie::{IndexSoort, Indexatie};
use crate::instroom::Doelgroep;
use crate::routeverdeling::{Route, Variant};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The value of every lever in a run (after inheritance).
#[derive(Debug, Clone, PartialEq)]
pub struct Hefbomen {
    pub jaren: Vec<i32>,
    /// Factor on the instroom per year (the product of the `instroom.factoren` covering it).
    pub instroom: BTreeMap<i32, Decimal>,
    /// `laag`, `basis`, `hoog` or `eigen` (percentages per doelgroep in the scenario).
    pub routemodus: String,
    /// Percentage per doelgroep and route in force.
    pub routes: BTreeMap<(Doelgroep, Route), Decimal>,
    /// Per post (id, omschrijving): fte per year in which the post runs.
    pub fte: Vec<(String, String, BTreeMap<i32, Decimal>)>,
    /// Percentage per soort and year in force.
    pub indexatie: BTreeMap<IndexSoort, BTreeMap<i32, Decimal>>,
    pub spuk: SpukBron,
    pub voorzieningen: Voorzieningen,
    pub spuk_baten: SpukBaten,
    /// The risk settings of `raming risico`, when the scenario has `[risico]`.
    pub risico: Option<Risico>,
}

/// The risk levers: the spread of the instroom factor (a triangle: laag, modus, hoog), the
/// correlation between years, the number of draws and whether route shares are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Risico {
    pub driehoek: Option<(Decimal, Decimal, Decimal)>,
    pub bron_instroom: String,
    pub correlatie: Decimal,
    pub trekkingen: usize,
    pub routes: bool,
}

fn risico(inst: &crate::risico::RisicoInstellingen) -> Option<Risico> {
    if inst.instroom.is_none() && !inst.routes {
        return None;
    }
    let d = |x: f64| {
        Decimal::from_f64_retain(x)
            .map(|d| d.round_dp(4).normalize())
            .unwrap_or_default()
    };
    Some(Risico {
        driehoek: match inst.instroom {
            Some(crate::risico::Verdeling::Driehoek { laag, modus, hoog }) => {
                Some((d(laag), d(modus), d(hoog)))
            }
            _ => None,
        },
        bron_instroom: inst
            .bron
            .iter()
            .find(|(k, _)| k == "risico.instroom")
            .map(|(_, b)| b.clone())
            .unwrap_or_default(),
        correlatie: d(inst.correlatie),
        trekkingen: inst.trekkingen,
        routes: inst.routes,
    })
}

fn variant_id(v: Variant) -> &'static str {
    match v {
        Variant::Laag => "laag",
        Variant::Basis => "basis",
        Variant::Hoog => "hoog",
    }
}

pub fn spuk_id(s: SpukBron) -> &'static str {
    match s {
        SpukBron::Beschikking => "beschikking",
        SpukBron::Prognose => "prognose",
    }
}

pub fn voorzieningen_id(v: Voorzieningen) -> &'static str {
    match v {
        Voorzieningen::Spuk => "spuk",
        Voorzieningen::Routes => "routes",
    }
}

pub fn spuk_baten_id(s: SpukBaten) -> &'static str {
    match s {
        SpukBaten::Beschikking => "beschikking",
        SpukBaten::BesteSchatting => "beste_schatting",
    }
}

pub const SOORTEN: [IndexSoort; 3] = [IndexSoort::Tarieven, IndexSoort::Lonen, IndexSoort::Prijzen];

/// Per year the scenario's combined instroom factor, as the what-if form shows it.
fn instroomfactoren(inst: &Instellingen) -> BTreeMap<i32, Decimal> {
    inst.jaren()
        .map(|j| {
            // A product beyond what a Decimal holds (absurd factors, never a real scenario)
            // shows as 0 rather than panicking.
            let f = inst
                .instroom
                .factoren_in(j)
                .try_fold(Decimal::ONE, |a, f| a.checked_mul(f))
                .unwrap_or_default();
            (j, f.normalize())
        })
        .collect()
}

fn routes(run: &Run, inst: &Instellingen) -> BTreeMap<(Doelgroep, Route), Decimal> {
    let mut uit = BTreeMap::new();
    for r in &run.gegevens.routeverdeling.regels {
        let eigen = inst
            .routes
            .expliciet
            .iter()
            .filter(|(d, _, _)| *d == r.doelgroep)
            .collect::<Vec<_>>();
        let p = if eigen.is_empty() {
            run.gegevens
                .routeverdeling
                .aandeel(r.doelgroep, r.route, inst.routes.variant)
        } else {
            eigen
                .iter()
                .find(|(_, route, _)| *route == r.route)
                .map(|(_, _, p)| *p)
                .unwrap_or_default()
        };
        uit.insert((r.doelgroep, r.route), p.normalize());
    }
    uit
}

fn fte(run: &Run, inst: &Instellingen) -> Vec<(String, String, BTreeMap<i32, Decimal>)> {
    let mut uit: Vec<(String, String, BTreeMap<i32, Decimal>)> = Vec::new();
    for p in &run.gegevens.formatie {
        let i = match uit.iter().position(|(id, _, _)| id == p.post.as_str()) {
            Some(i) => i,
            None => {
                uit.push((p.post.to_string(), p.omschrijving.clone(), BTreeMap::new()));
                uit.len() - 1
            }
        };
        for j in inst.jaren().filter(|j| p.actief(*j)) {
            uit[i]
                .2
                .insert(j, berekening::fte_in(inst, p, j).normalize());
        }
    }
    uit.retain(|(_, _, j)| !j.is_empty());
    uit
}

fn indexatie(
    data: &Indexatie,
    inst: &Instellingen,
) -> BTreeMap<IndexSoort, BTreeMap<i32, Decimal>> {
    let ix = berekening::indexatie_met(data, inst);
    SOORTEN
        .iter()
        .map(|s| {
            let r = ix.reeksen.get(s);
            (
                *s,
                inst.jaren()
                    .map(|j| {
                        (
                            j,
                            r.and_then(|r| r.get(&j))
                                .copied()
                                .unwrap_or_default()
                                .normalize(),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

pub fn hefbomen(run: &Run) -> Hefbomen {
    let inst = &run.scenario.instellingen;
    Hefbomen {
        jaren: inst.jaren().collect(),
        instroom: instroomfactoren(inst),
        routemodus: if inst.routes.expliciet.is_empty() {
            variant_id(inst.routes.variant).to_string()
        } else {
            "eigen".to_string()
        },
        routes: routes(run, inst),
        fte: fte(run, inst),
        indexatie: indexatie(&run.gegevens.indexatie, inst),
        spuk: inst.spuk,
        voorzieningen: inst.voorzieningen,
        spuk_baten: inst.spuk_baten,
        risico: risico(&run.scenario.risico),
    }
}

/// A number as a controller types it: `1,5`, `1.5`, `1.234,5`, ` 45 `; `None` for anything else.
pub fn lees_getal(t: &str) -> Option<Decimal> {
    let t = t.trim().replace([' ', '\u{a0}'], "");
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let t = if t.contains(',') {
        if t.matches(',').count() > 1 {
            return None;
        }
        t.replace('.', "").replace(',', ".")
    } else {
        t
    };
    if !t
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
    {
        return None;
    }
    Decimal::from_str_exact(t.trim_start_matches('+')).ok()
}

/// A number in Dutch notation for a form field (`1,3`).
pub fn nl(x: Decimal) -> String {
    x.normalize().to_string().replace('.', ",")
}

/// A number as a TOML literal (`1.3`, `45`).
fn toml_getal(x: Decimal) -> String {
    x.normalize().to_string()
}

/// A TOML key: bare when it can be, else quoted.
fn toml_sleutel(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        toml::Value::String(k.to_string()).to_string()
    }
}

/// A child scenario: its TOML text and the keys it changes (for the screen).
#[derive(Debug, Clone, PartialEq)]
pub struct Kind {
    pub tekst: String,
    pub gewijzigd: Vec<String>,
}

/// Field → Dutch message, for every field that cannot be used.
pub type Veldfouten = BTreeMap<String, String>;

fn getal_veld(
    velden: &BTreeMap<String, String>,
    veld: &str,
    fouten: &mut Veldfouten,
    voorbeeld: &str,
) -> Option<Decimal> {
    let t = velden.get(veld)?;
    match lees_getal(t) {
        Some(x) => Some(x),
        None => {
            let getoond: String = t.chars().take(30).collect();
            fouten.insert(
                veld.to_string(),
                format!("‘{getoond}’ is geen getal; verwacht bijv. {voorbeeld}"),
            );
            None
        }
    }
}

/// The child scenario for the levers as typed (`velden`), on top of `ouder` (the parent run,
/// file `ouder_bestand` in the same folder). Only what differs from the parent is written.
/// `omschrijving` (when saving) goes into the file.
pub fn kind(
    ouder: &Run,
    ouder_bestand: &str,
    velden: &BTreeMap<String, String>,
    omschrijving: Option<&str>,
) -> Result<Kind, Veldfouten> {
    let h = hefbomen(ouder);
    let mut o = Opbouw {
        velden,
        fouten: Veldfouten::new(),
        boven: Vec::new(),
        tabellen: Vec::new(),
        gewijzigd: Vec::new(),
    };
    kies_instellingen(&mut o, &h);
    kies_routeverdeling(&mut o, &h);
    kies_instroom(&mut o, &h);
    let mut proef = ouder.scenario.instellingen.clone();
    kies_indexatie(&mut o, &h, ouder, &mut proef);
    kies_fte(&mut o, &h, ouder, &mut proef);
    kies_risico(&mut o, &h);
    let Opbouw {
        fouten,
        boven,
        tabellen,
        gewijzigd,
        ..
    } = o;
    if !fouten.is_empty() {
        return Err(fouten);
    }
    let mut tekst = format!(
        "# Wat-als op {ouder_bestand}, gemaakt met raming serve: alleen wat afwijkt.\nbasis = {}\n",
        toml::Value::String(ouder_bestand.to_string())
    );
    if let Some(o) = omschrijving {
        tekst.push_str(&format!(
            "omschrijving = {}\n",
            toml::Value::String(o.to_string())
        ));
    }
    for r in &boven {
        tekst.push_str(r);
        tekst.push('\n');
    }
    for t in &tabellen {
        tekst.push('\n');
        tekst.push_str(t);
    }
    Ok(Kind { tekst, gewijzigd })
}

/// The child scenario in the making: the levers as typed, the errors per field, the top-level
/// lines, the tables and what changed.
struct Opbouw<'v> {
    velden: &'v BTreeMap<String, String>,
    fouten: Veldfouten,
    boven: Vec<String>,
    tabellen: Vec<String>,
    gewijzigd: Vec<String>,
}

impl Opbouw<'_> {
    /// A setting with a choice among `opties`; an error for another value.
    fn keuze(&mut self, veld: &str, opties: &[&str]) -> Option<String> {
        let v = self.velden.get(veld)?;
        if opties.contains(&v.as_str()) {
            Some(v.clone())
        } else {
            self.fouten.insert(
                veld.to_string(),
                format!("onbekende keuze; verwacht {}", opties.join(", ")),
            );
            None
        }
    }

    /// A number typed in `veld` (see [`getal_veld`]).
    fn getal(&mut self, veld: &str, voorbeeld: &str) -> Option<Decimal> {
        getal_veld(self.velden, veld, &mut self.fouten, voorbeeld)
    }
}

/// The settings with a choice (spuk, inburgeringsvoorzieningen, spuk_baten).
fn kies_instellingen(o: &mut Opbouw, h: &Hefbomen) {
    for (veld, opties, huidig) in [
        ("spuk", &["beschikking", "prognose"][..], spuk_id(h.spuk)),
        (
            "inburgeringsvoorzieningen",
            &["spuk", "routes"][..],
            voorzieningen_id(h.voorzieningen),
        ),
        (
            "spuk_baten",
            &["beschikking", "beste_schatting"][..],
            spuk_baten_id(h.spuk_baten),
        ),
    ] {
        if let Some(v) = o.keuze(veld, opties)
            && v != huidig
        {
            o.boven.push(format!("{veld} = \"{v}\""));
            o.gewijzigd.push(veld.to_string());
        }
    }
}

/// Routeverdeling: a column of routeverdeling.csv, or own percentages per doelgroep.
fn kies_routeverdeling(o: &mut Opbouw, h: &Hefbomen) {
    if !h.routes.is_empty()
        && let Some(modus) = o.keuze("routeverdeling", &["laag", "basis", "hoog", "eigen"])
    {
        if modus == "eigen" {
            let mut nieuw = BTreeMap::new();
            let mut doelgroepen: Vec<Doelgroep> = h.routes.keys().map(|(d, _)| *d).collect();
            doelgroepen.dedup();
            for d in &doelgroepen {
                let mut som = Decimal::ZERO;
                let mut compleet = true;
                for ((dg, r), oud) in h.routes.iter().filter(|((dg, _), _)| dg == d) {
                    let veld = format!("routes.{}.{}", dg.id(), r.id());
                    let x = if o.velden.contains_key(&veld) {
                        o.getal(&veld, "45")
                    } else {
                        Some(*oud)
                    };
                    match x {
                        Some(x) if x < Decimal::ZERO || x > Decimal::ONE_HUNDRED => {
                            o.fouten
                                .insert(veld, "verwacht een percentage tussen 0 en 100".into());
                            compleet = false;
                        }
                        Some(x) => {
                            som += x;
                            nieuw.insert((*dg, *r), x.normalize());
                        }
                        None => compleet = false,
                    }
                }
                if compleet && som != Decimal::ONE_HUNDRED {
                    o.fouten.insert(
                        format!("routes.{}", d.id()),
                        format!(
                            "de percentages voor {} tellen op tot {}; verwacht samen 100",
                            d.id(),
                            nl(som)
                        ),
                    );
                }
            }
            if nieuw != h.routes || h.routemodus != "eigen" {
                for d in &doelgroepen {
                    let mut t = format!("[routeverdeling.{}]\n", d.id());
                    for ((_, r), x) in nieuw.iter().filter(|((dg, _), _)| dg == d) {
                        t.push_str(&format!("{} = {}\n", r.id(), toml_getal(*x)));
                    }
                    o.tabellen.push(t);
                }
                o.gewijzigd.push("routeverdeling".into());
            }
        } else if modus != h.routemodus {
            o.boven.push(format!("routeverdeling = \"{modus}\""));
            o.gewijzigd.push("routeverdeling".into());
        }
    }
}

/// Instroom: a factor per year; the child's `factoren` replace the parent's as a whole.
fn kies_instroom(o: &mut Opbouw, h: &Hefbomen) {
    let mut factoren = h.instroom.clone();
    for j in &h.jaren {
        let veld = format!("instroom.{j}");
        if let Some(x) = o.getal(&veld, "1,2") {
            if x < Decimal::ZERO || x > Decimal::ONE_HUNDRED {
                o.fouten.insert(
                    veld,
                    "verwacht een factor tussen 0 en 100 (1 = ongewijzigd)".into(),
                );
            } else {
                factoren.insert(*j, x.normalize());
            }
        }
    }
    if factoren != h.instroom {
        let mut reeksen: Vec<(i32, i32, Decimal)> = Vec::new();
        for (j, f) in &factoren {
            if *f == Decimal::ONE {
                continue;
            }
            match reeksen.last_mut() {
                Some((_, tot, g)) if *tot + 1 == *j && g == f => *tot = *j,
                _ => reeksen.push((*j, *j, *f)),
            }
        }
        let lijst: Vec<String> = reeksen
            .iter()
            .map(|(van, tot, f)| {
                format!(
                    "{{ van = {van}, tot = {tot}, factor = {} }}",
                    toml_getal(*f)
                )
            })
            .collect();
        // The child's [instroom] replaces only the keys it names: `schaal` and `groei` stay.
        let mut t = "[instroom]\n".to_string();
        t.push_str(&format!("factoren = [{}]\n", lijst.join(", ")));
        o.tabellen.push(t);
        o.gewijzigd.push("instroom.factoren".into());
    }
}

/// Indexation per soort and year: year-keyed overrides are steps, so write the fewest years
/// that give every year its value (checked on `proef` with the engine's own rule).
fn kies_indexatie(o: &mut Opbouw, h: &Hefbomen, ouder: &Run, proef: &mut Instellingen) {
    let mut ix_tekst: Vec<String> = Vec::new();
    for soort in SOORTEN {
        let naam = Indexatie::naam(soort);
        let oud = h.indexatie.get(&soort).cloned().unwrap_or_default();
        let mut gewenst = oud.clone();
        for j in &h.jaren {
            let veld = format!("indexatie.{naam}.{j}");
            if let Some(x) = o.getal(&veld, "2,5") {
                if x <= -Decimal::ONE_HUNDRED || x > Decimal::ONE_HUNDRED {
                    o.fouten
                        .insert(veld, "verwacht een percentage tussen -100 en 100".into());
                } else {
                    gewenst.insert(*j, x.normalize());
                }
            }
        }
        if gewenst == oud {
            continue;
        }
        let mut jaren: Vec<(i32, Decimal)> = Vec::new();
        for j in &h.jaren {
            let nu = indexatie(&ouder.gegevens.indexatie, proef)
                .get(&soort)
                .and_then(|r| r.get(j).copied())
                .unwrap_or_default();
            if nu != gewenst[j] {
                proef
                    .indexatie
                    .retain(|(s, x, _)| !(*s == soort && *x == Some(*j)));
                proef.indexatie.push((soort, Some(*j), gewenst[j]));
                jaren.push((*j, gewenst[j]));
            }
        }
        ix_tekst.push(format!(
            "{naam} = {{ {} }}",
            jaren
                .iter()
                .map(|(j, p)| format!("{j} = {}", toml_getal(*p)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        o.gewijzigd.push(format!("indexatie.{naam}"));
    }
    if !ix_tekst.is_empty() {
        o.tabellen
            .push(format!("[indexatie]\n{}\n", ix_tekst.join("\n")));
    }
}

/// fte per post and year, likewise as steps.
fn kies_fte(o: &mut Opbouw, h: &Hefbomen, ouder: &Run, proef: &mut Instellingen) {
    for (post, _, oud) in &h.fte {
        let mut gewenst = oud.clone();
        for j in oud.keys() {
            let veld = format!("fte.{j}.{post}");
            if let Some(x) = o.getal(&veld, "4,5") {
                if x < Decimal::ZERO {
                    o.fouten
                        .insert(veld, "negatief; verwacht een aantal fte ≥ 0".into());
                } else if x > Decimal::from(100_000) {
                    o.fouten
                        .insert(veld, "verwacht een aantal fte tot 100.000".into());
                } else {
                    gewenst.insert(*j, x.normalize());
                }
            }
        }
        if gewenst == *oud {
            continue;
        }
        let rijen: Vec<&crate::formatie::Post> = ouder
            .gegevens
            .formatie
            .iter()
            .filter(|p| p.post.as_str() == post)
            .collect();
        let mut jaren: Vec<(i32, Decimal)> = Vec::new();
        for (j, x) in &gewenst {
            let Some(rij) = rijen.iter().find(|p| p.actief(*j)) else {
                continue;
            };
            if berekening::fte_in(proef, rij, *j) != *x {
                proef.fte.retain(|(p, y, _)| !(p == post && y == j));
                proef.fte.push((post.clone(), *j, *x));
                jaren.push((*j, *x));
            }
        }
        let mut t = format!("[fte.{}]\n", toml_sleutel(post));
        for (j, x) in jaren {
            t.push_str(&format!("{j} = {}\n", toml_getal(x)));
        }
        o.tabellen.push(t);
        o.gewijzigd.push(format!("fte.{post}"));
    }
}

/// Risk settings (used by `raming risico` and the report's risk section).
fn kies_risico(o: &mut Opbouw, h: &Hefbomen) {
    if let Some(r) = &h.risico {
        let mut regels: Vec<String> = Vec::new();
        if let Some(c) = o.getal("risico.correlatie", "0,6") {
            if c < -Decimal::ONE || c > Decimal::ONE {
                o.fouten.insert(
                    "risico.correlatie".into(),
                    "verwacht een correlatie tussen -1 en 1".into(),
                );
            } else if c.normalize() != r.correlatie {
                regels.push(format!("correlatie = {}", toml_getal(c)));
            }
        }
        if let Some(n) = o.getal("risico.trekkingen", "10000") {
            if n < Decimal::ONE || n > Decimal::from(1_000_000) || !n.fract().is_zero() {
                o.fouten.insert(
                    "risico.trekkingen".into(),
                    "verwacht een geheel aantal tussen 1 en 1.000.000".into(),
                );
            } else if n != Decimal::from(r.trekkingen) {
                regels.push(format!("trekkingen = {}", n.normalize()));
            }
        }
        if let Some(v) = o.keuze("risico.routeverdeling", &["ja", "nee"]) {
            let b = v == "ja";
            if b != r.routes {
                regels.push(format!("routeverdeling = {b}"));
            }
        }
        if !regels.is_empty() {
            o.tabellen
                .push(format!("[risico]\n{}\n", regels.join("\n")));
            o.gewijzigd.push("risico".into());
        }
        if let Some(d) = r.driehoek {
            kies_driehoek(o, r, d);
        }
    }
}

/// The instroom factor's triangle (laag ≤ modus ≤ hoog, each 0 to 10): a `[risico.instroom]`
/// table when it differs from the scenario's.
fn kies_driehoek(o: &mut Opbouw, r: &Risico, (laag, modus, hoog): (Decimal, Decimal, Decimal)) {
    let mut w = [laag, modus, hoog];
    for (i, k) in ["laag", "modus", "hoog"].iter().enumerate() {
        let veld = format!("risico.instroom.{k}");
        if let Some(x) = o.getal(&veld, "1,2") {
            if x < Decimal::ZERO || x > Decimal::TEN {
                o.fouten
                    .insert(veld, "verwacht een factor tussen 0 en 10".into());
            } else {
                w[i] = x.normalize();
            }
        }
    }
    if !(w[0] <= w[1] && w[1] <= w[2]) {
        o.fouten.insert(
            "risico.instroom".into(),
            "verwacht laag ≤ modus ≤ hoog".into(),
        );
    } else if w != [laag, modus, hoog] {
        o.tabellen.push(format!(
            "[risico.instroom]\nverdeling = \"driehoek\"\nlaag = {}\nmodus = {}\nhoog = {}\nbron = {}\n",
            toml_getal(w[0]),
            toml_getal(w[1]),
            toml_getal(w[2]),
            toml::Value::String(r.bron_instroom.clone())
        ));
        o.gewijzigd.push("risico.instroom".into());
    }
}

/// Whether the run of a child gives every lever the value asked for: the check that the text
/// written means what the screen shows.
pub fn klopt(kind: &Run, velden: &BTreeMap<String, String>) -> bool {
    let h = hefbomen(kind);
    let gelijk = |veld: &str, x: Decimal| match velden.get(veld).and_then(|t| lees_getal(t)) {
        Some(v) => v == x,
        None => true,
    };
    h.instroom
        .iter()
        .all(|(j, f)| gelijk(&format!("instroom.{j}"), *f))
        && h.fte
            .iter()
            .all(|(p, _, r)| r.iter().all(|(j, x)| gelijk(&format!("fte.{j}.{p}"), *x)))
        && h.indexatie.iter().all(|(s, r)| {
            r.iter()
                .all(|(j, x)| gelijk(&format!("indexatie.{}.{j}", Indexatie::naam(*s)), *x))
        })
        && (velden.get("routeverdeling").map(|m| m.as_str()) != Some("eigen")
            || h.routes
                .iter()
                .all(|((d, r), x)| gelijk(&format!("routes.{}.{}", d.id(), r.id()), *x)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(lees_getal("1,5"), Some(dec!(1.5)));
        assert_eq!(lees_getal(" 1.5 "), Some(dec!(1.5)));
        assert_eq!(lees_getal("1.234,5"), Some(dec!(1234.5)));
        assert_eq!(lees_getal("-2,5"), Some(dec!(-2.5)));
        assert_eq!(lees_getal("45"), Some(dec!(45)));
        for fout in ["", "abc", "1,2,3", "1e3", "--1", "1-", "€ 5"] {
            assert_eq!(lees_getal(fout), None, "{fout}");
        }
    }

    #[test]
    fn keys_are_quoted_when_needed() {
        assert_eq!(toml_sleutel("procesregie"), "procesregie");
        assert_eq!(toml_sleutel("post met spatie"), "\"post met spatie\"");
    }
}
