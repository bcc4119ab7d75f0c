//! Input edge: reads a data folder of CSV files (the contract controllers edit) and turns it into
//! a validated [`Gegevens`]. Everything that can be wrong with a file is caught here, with file,
//! row and column; the core can then assume consistent data.

pub mod csvbestand;
pub mod doorstroom;
pub mod scenario;
pub mod schema;
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
use crate::uitvoering::{Partner, Uitvoerder, UitvoerderRegel};
use crate::voorziening::KostenRegel;
use csvbestand::{Kolom, Rij, lees, meerdere};
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};
use schema::{BEDRAG, Bestand, GEMEENTE, JAAR, PCT, SLEUTEL, UITVOERDER};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
        d.groepen = neem(laad_groepen(m, &gemeenten), &mut fouten);
        d.sleutels = neem(laad_sleutels(m, &gemeenten), &mut fouten);
        // Valid partners are kept when another row is wrong: an uitvoerder that names one is
        // then not reported as unknown as well.
        match laad_partners(m, &gemeenten, &d.groepen) {
            Ok((p, f)) => {
                d.partners = p;
                fouten.extend(f);
            }
            Err(e) => fouten.extend(e.lijst()),
        }
        d.iu = neem(laad_iu(m, &gemeenten), &mut fouten);
        d.formatie = neem(
            laad_formatie(m, &gemeenten, &d.groepen, &d.sleutels, &d.partners),
            &mut fouten,
        );
        if behoefte.spuk_beschikking || m.bestaat("spuk_beschikking.csv") {
            d.beschikkingen = neem(laad_beschikkingen(m, &gemeenten), &mut fouten);
        }
    }
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
    if behoefte.routes || m.bestaat("kosten_per_deelnemer.csv") {
        d.kosten = neem(laad_kosten(m), &mut fouten);
    }
    d.doorstroom = neem(doorstroom::laad(m), &mut fouten);
    if gemeenten_ok {
        d.uitvoerders = neem(laad_uitvoerders(m, &gemeenten, &d), &mut fouten);
    }
    d.indexatie = neem(laad_indexatie(m), &mut fouten);
    d.rijksbudget = neem(laad_rijksbudget(m), &mut fouten);
    d.maatstaven = neem(laad_maatstaven(m), &mut fouten);
    // Route shares must exist for every doelgroep whose money depends on them.
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
    d.gemeenten = gemeenten;
    klaar(d, fouten)
}

/// The value of a loader, or its default with its errors added to the list.
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

#[derive(Deserialize)]
struct GemeenteRij {
    code: String,
    naam: String,
    inwoners: Option<Decimal>,
    niet_westers: Option<Decimal>,
}

fn laad_gemeenten(m: &Map) -> Result<Gemeenten, Fout> {
    let rijen: Vec<Rij<GemeenteRij>> = m.lees(&schema::GEMEENTEN)?;
    // Codes and names seen so far, for the duplicate check (a search of the list per row would
    // be quadratic in gemeenten).
    let mut gezien: std::collections::HashMap<String, usize> = Default::default();
    let (mut g, mut fouten) = per_rij(rijen, Gemeenten::default(), |g, r, h, fouten| {
        let code = r.code.to_uppercase();
        if code.len() != 6
            || !code.starts_with("GM")
            || !code[2..].chars().all(|c| c.is_ascii_digit())
        {
            fouten.push(fout(
                &h,
                "code",
                format!(
                    "'{}' is geen CBS-code; verwacht GM gevolgd door 4 cijfers",
                    r.code
                ),
            ));
        }
        if r.naam.is_empty() {
            fouten.push(fout(&h, "naam", "leeg; verwacht de gemeentenaam"));
        }
        let sleutels = [format!("code:{code}"), format!("naam:{}", r.naam)];
        let eerder = sleutels.iter().filter_map(|k| gezien.get(k).copied()).min();
        if let Some(a) = eerder {
            fouten.push(fout(
                &h,
                "code",
                format!("gemeente staat er dubbel in (ook {})", g.lijst[a].herkomst),
            ));
        }
        for k in sleutels {
            gezien.entry(k).or_insert(g.lijst.len());
        }
        for (k, v) in [("inwoners", r.inwoners), ("niet_westers", r.niet_westers)] {
            if let Some(v) = v {
                check_aantal(v, &h, k, fouten);
            }
        }
        g.lijst.push(Gemeente {
            code,
            naam: r.naam,
            inwoners: r.inwoners,
            niet_westers: r.niet_westers,
            herkomst: h,
        });
    });
    if g.is_empty() && fouten.is_empty() {
        fouten.push(fout(
            &Herkomst::new(m.weergave("gemeenten.csv"), 0),
            "",
            "geen gemeenten; verwacht ten minste één regel",
        ));
    }
    g.indexeer();
    klaar(g, fouten)
}

#[derive(Deserialize)]
struct GroepRij {
    groep: String,
    gemeente: String,
}

fn laad_groepen(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<Groep>, Fout> {
    let rijen: Vec<Rij<GroepRij>> = m.lees_optioneel(&schema::GROEPEN)?;
    // Names of gemeenten, the position of each group and each (group, member) pair: lookups
    // instead of searches per row, which were quadratic in gemeenten.
    let namen: std::collections::HashSet<&str> = gemeenten
        .lijst
        .iter()
        .flat_map(|g| [g.naam.as_str(), g.code.as_str()])
        .collect();
    let mut positie: std::collections::HashMap<String, usize> = Default::default();
    let mut lid: std::collections::HashSet<(usize, GemeenteId)> = Default::default();
    let (mut groepen, fouten) = per_rij(rijen, Vec::<Groep>::new(), |groepen, r, h, fouten| {
        if r.groep.is_empty() {
            fouten.push(fout(&h, "groep", "leeg; verwacht de naam van een groep"));
            return;
        }
        if namen.contains(r.groep.as_str()) {
            fouten.push(fout(
                &h,
                "groep",
                format!(
                    "'{}' is al de naam van een gemeente; kies een andere groepsnaam",
                    r.groep
                ),
            ));
            return;
        }
        let idx = match positie.get(&r.groep) {
            Some(i) => *i,
            None => {
                groepen.push(Groep {
                    naam: r.groep.clone(),
                    leden: Vec::new(),
                    herkomst: h.clone(),
                });
                positie.insert(r.groep.clone(), groepen.len() - 1);
                groepen.len() - 1
            }
        };
        if r.gemeente.is_empty() {
            fouten.push(fout(
                &h,
                "gemeente",
                format!("leeg; een groep heeft leden nodig: verwacht {GEMEENTE}"),
            ));
            return;
        }
        match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
            Ok(g) if !lid.insert((idx, g)) => fouten.push(fout(
                &h,
                "gemeente",
                format!("{} staat al in groep {}", r.gemeente, r.groep),
            )),
            Ok(g) => groepen[idx].leden.push(g),
            Err(e) => fouten.push(e),
        }
    });
    for g in &mut groepen {
        g.leden.sort();
    }
    klaar(groepen, fouten)
}

/// The names an `uitvoerder` or `deelnemers` cell may refer to.
struct Namen<'a> {
    gemeenten: &'a Gemeenten,
    groepen: &'a [Groep],
    partners: &'a [Partner],
}

impl Namen<'_> {
    /// The gemeenten of a `deelnemers` cell: a group's members or one gemeente.
    fn deelnemers(
        &self,
        tekst: &str,
        h: &Herkomst,
        fouten: &mut Vec<InvoerFout>,
    ) -> Option<Vec<GemeenteId>> {
        if let Some(g) = self.groepen.iter().find(|g| g.naam == tekst) {
            return Some(g.leden.clone());
        }
        if let Some(g) = self.gemeenten.zoek(tekst) {
            return Some(vec![g]);
        }
        let bekend: Vec<&str> = self.groepen.iter().map(|g| g.naam.as_str()).collect();
        let bedoeld = crate::gemeente::lijkt_op(
            tekst,
            bekend
                .iter()
                .copied()
                .chain(self.gemeenten.lijst.iter().map(|g| g.naam.as_str())),
        )
        .map(|s| format!(" bedoelde u {s}?"))
        .unwrap_or_default();
        fouten.push(fout(
            h,
            "deelnemers",
            format!(
                "onbekende groep '{tekst}';{bedoeld} verwacht een groep met leden in groepen.csv ({}) of een gemeente",
                if bekend.is_empty() {
                    "geen groepen bekend".to_string()
                } else {
                    bekend.join(", ")
                }
            ),
        ));
        None
    }

    /// Reads an `uitvoerder` cell for the deelnemers `deelnemers` (named `deelnemers_naam`):
    /// `gemeente`, a group (a regional body: every deelnemer must be a member), a partner, or
    /// the one deelnemer itself. An error (column `uitvoerder`) otherwise.
    fn uitvoerder(
        &self,
        tekst: &str,
        deelnemers_naam: &str,
        deelnemers: &[GemeenteId],
        h: &Herkomst,
        fouten: &mut Vec<InvoerFout>,
    ) -> Option<Uitvoerder> {
        if tekst.eq_ignore_ascii_case(crate::uitvoering::GEMEENTE) {
            return Some(Uitvoerder::Gemeente);
        }
        if let Some(gr) = self.groepen.iter().find(|g| g.naam == tekst) {
            let buiten: Vec<&str> = deelnemers
                .iter()
                .filter(|g| !gr.leden.contains(g))
                .map(|g| self.gemeenten.naam(*g))
                .collect();
            if !buiten.is_empty() {
                fouten.push(fout(
                    h,
                    "uitvoerder",
                    format!(
                        "{} {} geen lid van {tekst} (groepen.csv); een regionaal orgaan voert alleen uit \
                         voor zijn leden: verwacht deelnemers binnen {tekst}, of voeg {} toe aan de groep",
                        buiten.join(", "),
                        if buiten.len() == 1 { "is" } else { "zijn" },
                        if buiten.len() == 1 { "de gemeente" } else { "ze" }
                    ),
                ));
                return None;
            }
            return Some(Uitvoerder::Regio(gr.naam.clone()));
        }
        if let Some(p) = self.partners.iter().find(|p| p.naam == tekst) {
            return Some(Uitvoerder::Partner(p.naam.clone()));
        }
        if let Some(g) = self.gemeenten.zoek(tekst) {
            if deelnemers == [g] {
                return Some(Uitvoerder::Gemeente);
            }
            fouten.push(fout(
                h,
                "uitvoerder",
                format!(
                    "gemeente {} kan alleen haar eigen kosten uitvoeren, maar deelnemers is {deelnemers_naam}; \
                     verwacht uitvoerder gemeente (elke deelnemer zelf), een groep als regionaal orgaan \
                     of deelnemers = {}",
                    self.gemeenten.naam(g),
                    self.gemeenten.naam(g)
                ),
            ));
            return None;
        }
        let kandidaten: Vec<&str> = std::iter::once(crate::uitvoering::GEMEENTE)
            .chain(self.groepen.iter().map(|g| g.naam.as_str()))
            .chain(self.partners.iter().map(|p| p.naam.as_str()))
            .chain(self.gemeenten.lijst.iter().map(|g| g.naam.as_str()))
            .collect();
        let bedoeld = crate::gemeente::lijkt_op(tekst, kandidaten.iter().copied())
            .map(|s| format!(" bedoelde u {s}?"))
            .unwrap_or_default();
        let partners = if self.partners.is_empty() {
            "partners.csv heeft geen partners".to_string()
        } else {
            format!(
                "partners: {}",
                self.partners
                    .iter()
                    .map(|p| p.naam.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        fouten.push(fout(
            h,
            "uitvoerder",
            format!(
                "onbekende uitvoerder '{tekst}': geen groep, gemeente of gedeclareerde partner ({partners});{bedoeld} \
                 verwacht {UITVOERDER}"
            ),
        ));
        None
    }
}

#[derive(Deserialize)]
struct PartnerRij {
    partner: String,
    #[serde(default)]
    omschrijving: Option<String>,
}

/// The valid partners and the errors of the other rows.
fn laad_partners(
    m: &Map,
    gemeenten: &Gemeenten,
    groepen: &[Groep],
) -> Result<(Vec<Partner>, Vec<InvoerFout>), Fout> {
    let rijen: Vec<Rij<PartnerRij>> = m.lees_optioneel(&schema::PARTNERS)?;
    let (uit, fouten) = per_rij(rijen, Vec::<Partner>::new(), |uit, r, h, fouten| {
        let naam = r.partner.trim().to_string();
        let bezet = if naam.is_empty() {
            Some("leeg".to_string())
        } else if naam.eq_ignore_ascii_case(crate::uitvoering::GEMEENTE)
            || naam.eq_ignore_ascii_case(crate::uitvoering::ALLE)
        {
            Some(format!("'{naam}' is een vast woord"))
        } else if groepen.iter().any(|g| g.naam == naam) {
            Some(format!("'{naam}' is al een groep in groepen.csv"))
        } else if gemeenten.zoek(&naam).is_some() {
            Some(format!("'{naam}' is al een gemeente"))
        } else {
            uit.iter()
                .find(|p: &&Partner| p.naam == naam)
                .map(|p| format!("dubbele partner (ook {})", p.herkomst))
        };
        if let Some(b) = bezet {
            fouten.push(fout(
                &h,
                "partner",
                format!("{b}; verwacht een eigen naam voor de partner, bijv. Vluchtelingenwerk"),
            ));
            return;
        }
        uit.push(Partner {
            naam,
            omschrijving: r.omschrijving.unwrap_or_default(),
            herkomst: h,
        });
    });
    Ok((uit, fouten))
}

#[derive(Deserialize)]
struct UitvoerderRij {
    onderdeel: String,
    deelnemers: String,
    uitvoerder: String,
    #[serde(default)]
    jaar_van: Option<i32>,
    #[serde(default)]
    jaar_tot: Option<i32>,
}

fn laad_uitvoerders(
    m: &Map,
    gemeenten: &Gemeenten,
    d: &Gegevens,
) -> Result<Vec<UitvoerderRegel>, Fout> {
    use crate::uitvoering::{ALLE, VOORZIENINGEN};
    let rijen: Vec<Rij<UitvoerderRij>> = m.lees_optioneel(&schema::UITVOERDERS)?;
    let namen = Namen {
        gemeenten,
        groepen: &d.groepen,
        partners: &d.partners,
    };
    let mut modules: Vec<&str> = d
        .kosten
        .iter()
        .filter(|k| k.route().is_none())
        .map(|k| k.onderdeel.as_str())
        .collect();
    modules.sort();
    modules.dedup();
    let (uit, fouten) = per_rij(rijen, Vec::<UitvoerderRegel>::new(), |uit, r, h, fouten| {
        let n = fouten.len();
        let onderdeel = r.onderdeel.trim().to_lowercase();
        let bekend = [ALLE, VOORZIENINGEN, "b1", "onderwijs", "z"].contains(&onderdeel.as_str())
            || modules.contains(&onderdeel.as_str());
        if d.formatie
            .iter()
            .any(|p| p.post.as_str() == r.onderdeel.trim())
        {
            fouten.push(fout(
                    &h,
                    "onderdeel",
                    format!(
                        "'{}' is een post van formatie.csv; de uitvoerder daarvan staat in formatie.csv \
                         (kolom uitvoerder); verwacht hier een inburgeringsvoorziening",
                        r.onderdeel
                    ),
                ));
        } else if !bekend {
            let lijst = if modules.is_empty() {
                String::from("(kosten_per_deelnemer.csv heeft geen modules)")
            } else {
                format!("({})", modules.join(", "))
            };
            let bedoeld = crate::gemeente::lijkt_op(
                &onderdeel,
                [ALLE, VOORZIENINGEN, "b1", "onderwijs", "z"]
                    .into_iter()
                    .chain(modules.iter().copied()),
            )
            .map(|s| format!(" bedoelde u {s}?"))
            .unwrap_or_default();
            fouten.push(fout(
                    &h,
                    "onderdeel",
                    format!(
                        "onbekend onderdeel '{}';{bedoeld} verwacht alle, inburgeringsvoorzieningen, b1, \
                         onderwijs, z of een module uit kosten_per_deelnemer.csv {lijst}",
                        r.onderdeel
                    ),
                ));
        }
        for (k, j) in [("jaar_van", r.jaar_van), ("jaar_tot", r.jaar_tot)] {
            if let Some(j) = j {
                check_jaar(j, &h, k, fouten);
            }
        }
        if let (Some(v), Some(t)) = (r.jaar_van, r.jaar_tot)
            && t < v
        {
            fouten.push(fout(
                &h,
                "jaar_tot",
                format!("{t} ligt vóór jaar_van {v}; verwacht jaar_tot ≥ jaar_van"),
            ));
        }
        let deelnemers_naam = r.deelnemers.trim().to_string();
        let Some(deelnemers) = namen.deelnemers(&deelnemers_naam, &h, fouten) else {
            return;
        };
        let tekst = r.uitvoerder.trim();
        if tekst.is_empty() {
            fouten.push(fout(
                &h,
                "uitvoerder",
                format!("leeg; verwacht {UITVOERDER}"),
            ));
            return;
        }
        let Some(uitvoerder) = namen.uitvoerder(tekst, &deelnemers_naam, &deelnemers, &h, fouten)
        else {
            return;
        };
        if fouten.len() > n {
            return;
        }
        let overlapt = |x: &UitvoerderRegel| {
            x.onderdeel == onderdeel
                && x.jaar_van.unwrap_or(i32::MIN) <= r.jaar_tot.unwrap_or(i32::MAX)
                && r.jaar_van.unwrap_or(i32::MIN) <= x.jaar_tot.unwrap_or(i32::MAX)
        };
        if let Some((x, g)) = uit.iter().filter(|x| overlapt(x)).find_map(|x| {
            x.deelnemers
                .iter()
                .find(|g| deelnemers.contains(g))
                .map(|g| (x, *g))
        }) {
            let gem = gemeenten.naam(g);
            let melding = match (&x.uitvoerder, &uitvoerder) {
                (Uitvoerder::Regio(a), Uitvoerder::Regio(b)) if a != b => format!(
                    "{gem} valt voor onderdeel {onderdeel} al onder regionaal orgaan {a} ({}); verwacht \
                         per onderdeel en jaar één regionaal orgaan per gemeente",
                    x.herkomst
                ),
                _ => format!(
                    "{gem} heeft voor onderdeel {onderdeel} al een uitvoerder ({}); verwacht per \
                         onderdeel, gemeente en jaar één regel",
                    x.herkomst
                ),
            };
            fouten.push(fout(&h, "uitvoerder", melding));
            return;
        }
        uit.push(UitvoerderRegel {
            onderdeel,
            deelnemers_naam,
            deelnemers,
            jaar_van: r.jaar_van,
            jaar_tot: r.jaar_tot,
            uitvoerder,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct SleutelRij {
    sleutel: String,
    gemeente: String,
    aandeel: Decimal,
}

fn laad_sleutels(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<EigenSleutel>, Fout> {
    let rijen: Vec<Rij<SleutelRij>> = m.lees_optioneel(&schema::VERDEELSLEUTELS)?;
    // (key, gemeente) pairs seen, for the duplicate check by lookup.
    let mut in_sleutel: FxHashSet<(usize, usize)> = FxHashSet::default();
    let (sleutels, fouten) = per_rij(
        rijen,
        Vec::<EigenSleutel>::new(),
        |sleutels, r, h, fouten| {
            if !matches!(Sleutel::lees(&r.sleutel), Sleutel::Eigen(_)) || r.sleutel.is_empty() {
                fouten.push(fout(
                    &h,
                    "sleutel",
                    format!(
                        "'{}' is een ingebouwde sleutel of leeg; kies een eigen naam",
                        r.sleutel
                    ),
                ));
                return;
            }
            check_aantal(r.aandeel, &h, "aandeel", fouten);
            let g = match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
                Ok(g) => g,
                Err(e) => {
                    fouten.push(e);
                    return;
                }
            };
            let idx = match sleutels.iter().position(|s| s.naam == r.sleutel) {
                Some(i) => i,
                None => {
                    sleutels.push(EigenSleutel {
                        naam: r.sleutel.clone(),
                        aandelen: Vec::new(),
                        herkomst: h.clone(),
                    });
                    sleutels.len() - 1
                }
            };
            if !in_sleutel.insert((idx, g)) {
                fouten.push(fout(
                    &h,
                    "gemeente",
                    format!("{} staat al in sleutel {}", r.gemeente, r.sleutel),
                ));
            }
            sleutels[idx].aandelen.push((g, r.aandeel));
        },
    );
    klaar(sleutels, fouten)
}

#[derive(Deserialize)]
struct FormatieRij {
    post: String,
    omschrijving: String,
    fte: Decimal,
    kosten_per_fte: Decimal,
    jaar_van: i32,
    jaar_tot: i32,
    sleutel: String,
    deelnemers: String,
    #[serde(default)]
    prijspeil: Option<i32>,
    #[serde(default)]
    uitvoerder: Option<String>,
}

fn laad_formatie(
    m: &Map,
    gemeenten: &Gemeenten,
    groepen: &[Groep],
    sleutels: &[EigenSleutel],
    partners: &[Partner],
) -> Result<Vec<Post>, Fout> {
    let rijen: Vec<Rij<FormatieRij>> = m.lees(&schema::FORMATIE)?;
    let (mut posten, fouten) = per_rij(rijen, Vec::<Post>::new(), |posten, r, h, fouten| {
        let n = fouten.len();
        check_post_id(&r.post, &h, fouten);
        check_aantal(r.fte, &h, "fte", fouten);
        check_bedrag(r.kosten_per_fte, &h, "kosten_per_fte", fouten);
        check_jaar(r.jaar_van, &h, "jaar_van", fouten);
        check_jaar(r.jaar_tot, &h, "jaar_tot", fouten);
        if r.jaar_tot < r.jaar_van {
            fouten.push(fout(
                &h,
                "jaar_tot",
                format!(
                    "{} ligt vóór jaar_van {}; verwacht jaar_tot ≥ jaar_van",
                    r.jaar_tot, r.jaar_van
                ),
            ));
        }
        let sleutel = Sleutel::lees(&r.sleutel);
        if let Sleutel::Eigen(naam) = &sleutel
            && !sleutels.iter().any(|s| &s.naam == naam)
        {
            let extra = if m.bestaat("verdeelsleutels.csv") {
                ""
            } else {
                " (verdeelsleutels.csv ontbreekt)"
            };
            fouten.push(fout(
                &h,
                "sleutel",
                format!("onbekende sleutel '{naam}'{extra}; verwacht {SLEUTEL}"),
            ));
        }
        let namen = Namen {
            gemeenten,
            groepen,
            partners,
        };
        let deelnemers = namen
            .deelnemers(&r.deelnemers, &h, fouten)
            .unwrap_or_default();
        let uitvoerder = match r.uitvoerder.as_deref().map(str::trim) {
            None | Some("") => {
                if groepen.iter().any(|g| g.naam == r.deelnemers) {
                    Uitvoerder::Regio(r.deelnemers.clone())
                } else {
                    Uitvoerder::Gemeente
                }
            }
            Some(t) => namen
                .uitvoerder(t, &r.deelnemers, &deelnemers, &h, fouten)
                .unwrap_or_default(),
        };
        check_overlap(posten, &r, &deelnemers, &uitvoerder, gemeenten, &h, fouten);
        if fouten.len() > n {
            return;
        }
        posten.push(Post {
            post: PostId::van(&r.post),
            omschrijving: r.omschrijving,
            fte: r.fte,
            kosten_per_fte: r.kosten_per_fte,
            jaar_van: r.jaar_van,
            jaar_tot: r.jaar_tot,
            sleutel,
            deelnemers_naam: r.deelnemers,
            deelnemers,
            prijspeil: r.prijspeil.unwrap_or(0),
            uitvoerder,
            herkomst: h,
        });
        if let Some(p) = r.prijspeil {
            check_jaar(p, &posten[posten.len() - 1].herkomst, "prijspeil", fouten);
        }
    });
    standaard_prijspeil(&mut posten);
    klaar(posten, fouten)
}

/// A formatie post's id: letters, digits, `_` or `-`, and not one of the engine's posts.
fn check_post_id(post: &str, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
    if post.is_empty()
        || !post
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        fouten.push(fout(
            h,
            "post",
            format!(
                "'{}' is geen geldige id; verwacht letters, cijfers, _ of -",
                post
            ),
        ));
    }
    // An engine post's id (or `voorziening_*`) would make the row that post: its money
    // would count as SPUK passed on, reserve or IU.
    if !matches!(PostId::van(post), PostId::Formatie(_)) {
        fouten.push(fout(
            h,
            "post",
            format!(
                "'{}' is een vaste post van het model; kies een andere id",
                post
            ),
        ));
    }
}

/// Rows of one post may overlap in years only for other gemeenten (a post executed by two
/// regional bodies, each for its own members).
fn check_overlap(
    posten: &[Post],
    r: &FormatieRij,
    deelnemers: &[GemeenteId],
    uitvoerder: &Uitvoerder,
    gemeenten: &Gemeenten,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    if let Some(p) = posten.iter().find(|p| {
        p.post.as_str() == r.post
            && p.jaar_van <= r.jaar_tot
            && r.jaar_van <= p.jaar_tot
            && p.deelnemers.iter().any(|g| deelnemers.contains(g))
    }) {
        let dubbel = p.deelnemers.iter().find(|g| deelnemers.contains(g));
        match (&p.uitvoerder, uitvoerder, dubbel) {
            (Uitvoerder::Regio(a), Uitvoerder::Regio(b), Some(g)) if a != b => fouten.push(fout(
                h,
                "uitvoerder",
                format!(
                    "{} valt voor post '{}' in {}–{} al onder regionaal orgaan {a} ({}); \
                         verwacht per post en jaar één regionaal orgaan per gemeente",
                    gemeenten.naam(*g),
                    r.post,
                    r.jaar_van.max(p.jaar_van),
                    r.jaar_tot.min(p.jaar_tot),
                    p.herkomst
                ),
            )),
            _ => fouten.push(fout(
                h,
                "jaar_van",
                format!(
                    "post '{}' overlapt in jaren en deelnemers met {}; verwacht één regel per post \
                     per jaar (voor andere deelnemers mag een tweede regel)",
                    r.post, p.herkomst
                ),
            )),
        }
    }
}

/// Default price level: the post's first year, so a later row for the same post (new fte)
/// keeps the wage indexation built up since then.
fn standaard_prijspeil(posten: &mut [Post]) {
    // Default price level: the post's first year, so a later row for the same post (new fte)
    // keeps the wage indexation built up since then.
    let eerste: Vec<i32> = posten
        .iter()
        .map(|p| {
            posten
                .iter()
                .filter(|q| q.post == p.post)
                .map(|q| q.jaar_van)
                .min()
                .unwrap_or(p.jaar_van)
        })
        .collect();
    for (p, e) in posten.iter_mut().zip(eerste) {
        if p.prijspeil == 0 {
            p.prijspeil = e;
        }
    }
}

#[derive(Deserialize)]
struct IuRij {
    gemeente: String,
    jaar: i32,
    soort: IuSoort,
    bedrag: Decimal,
    #[serde(default)]
    prijspeil: Option<i32>,
}

/// `prijspeil` of an IU amount: a year, not after the amount's own `jaar` (an amount in prices
/// of a later year would have to be deflated, which the model never does).
fn check_prijspeil(p: Option<i32>, jaar: i32, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
    let Some(p) = p else { return };
    check_jaar(p, h, "prijspeil", fouten);
    if p > jaar {
        fouten.push(fout(
            h,
            "prijspeil",
            format!(
                "{p} ligt na jaar {jaar}; verwacht leeg (het nominale bedrag van {jaar}) of een \
                 jaar ≤ {jaar} waarin het bedrag is uitgedrukt"
            ),
        ));
    }
}

fn laad_iu(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<IuRegel>, Fout> {
    let rijen: Vec<Rij<IuRij>> = m.lees(&schema::INTEGRATIE_UITKERING)?;
    // The first row of each gemeente, year and soort, for the duplicate check by lookup.
    let mut eerder: FxHashMap<(usize, i32, IuSoort), usize> = FxHashMap::default();
    let (uit, fouten) = per_rij(rijen, Vec::<IuRegel>::new(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        check_prijspeil(r.prijspeil, r.jaar, &h, fouten);
        match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
            Ok(g) => {
                let i = *eerder.entry((g, r.jaar, r.soort)).or_insert(uit.len());
                if let Some(d) = uit.get(i) {
                    fouten.push(fout(
                        &h,
                        "gemeente",
                        format!(
                            "dubbele regel voor {} {} (ook {})",
                            r.gemeente, r.jaar, d.herkomst
                        ),
                    ));
                }
                uit.push(IuRegel {
                    gemeente: g,
                    jaar: r.jaar,
                    soort: r.soort,
                    bedrag: r.bedrag,
                    prijspeil: r.prijspeil,
                    herkomst: h,
                });
            }
            Err(e) => fouten.push(e),
        }
    });
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct BeschikkingRij {
    gemeente: String,
    jaar: i32,
    bedrag: Decimal,
    status: SpukStatus,
    #[serde(default)]
    aantal_asiel: Option<Decimal>,
    #[serde(default)]
    aantal_gezin: Option<Decimal>,
    #[serde(default)]
    maand: Option<i32>,
    #[serde(default)]
    regeling: Option<Regeling>,
}

fn laad_beschikkingen(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<Beschikking>, Fout> {
    let rijen: Vec<Rij<BeschikkingRij>> = m.lees(&schema::SPUK_BESCHIKKING)?;
    // The first row of each gemeente, year, status and regeling, for the duplicate check by
    // lookup.
    let mut eerder: FxHashMap<(usize, i32, SpukStatus, Regeling), usize> = FxHashMap::default();
    let (uit, mut fouten) = per_rij(rijen, Vec::<Beschikking>::new(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
            Ok(g) => {
                let regeling = r.regeling.unwrap_or_default();
                let i = *eerder
                    .entry((g, r.jaar, r.status, regeling))
                    .or_insert(uit.len());
                if let Some(d) = uit.get(i) {
                    fouten.push(fout(
                        &h,
                        "status",
                        format!(
                            "tweede {} beschikking ({}) voor {} {} (ook {})",
                            r.status.id(),
                            regeling.id(),
                            r.gemeente,
                            r.jaar,
                            d.herkomst
                        ),
                    ));
                }
                for (k, a) in [
                    ("aantal_asiel", r.aantal_asiel),
                    ("aantal_gezin", r.aantal_gezin),
                ] {
                    if let Some(a) = a {
                        check_aantal(a, &h, k, fouten);
                    }
                }
                let maand = match (r.status, r.maand) {
                    (SpukStatus::NaderVoorlopig, Some(m)) if (1..=12).contains(&m) => {
                        Some(m as u32)
                    }
                    (SpukStatus::NaderVoorlopig, Some(m)) => {
                        fouten.push(fout(
                            &h,
                            "maand",
                            format!("{m} is geen maand; verwacht 1 tot en met 12"),
                        ));
                        None
                    }
                    (SpukStatus::NaderVoorlopig, None) => {
                        fouten.push(fout(
                            &h,
                            "maand",
                            "leeg; een nader voorlopige beschikking heeft een maand (1–12) nodig \
                             vanaf wanneer de voorschotten het nieuwe bedrag volgen",
                        ));
                        None
                    }
                    (st, Some(m)) => {
                        fouten.push(fout(
                            &h,
                            "maand",
                            format!(
                                "{m} bij een {} beschikking; een maand hoort alleen bij \
                                 nader_voorlopig (een voorlopige geldt vanaf januari); laat de cel leeg",
                                if st == SpukStatus::Definitief {
                                    "definitieve"
                                } else {
                                    "voorlopige"
                                }
                            ),
                        ));
                        None
                    }
                    (_, None) => None,
                };
                uit.push(Beschikking {
                    gemeente: g,
                    jaar: r.jaar,
                    bedrag: r.bedrag,
                    status: r.status,
                    aantal_asiel: r.aantal_asiel,
                    aantal_gezin: r.aantal_gezin,
                    maand,
                    regeling,
                    herkomst: h,
                });
            }
            Err(e) => fouten.push(e),
        }
    });
    // A nader voorlopige beschikking changes a voorlopige one: it needs one for that gemeente,
    // year and regeling.
    for b in uit
        .iter()
        .filter(|b| b.status == SpukStatus::NaderVoorlopig)
    {
        let heeft = eerder.contains_key(&(b.gemeente, b.jaar, SpukStatus::Voorlopig, b.regeling));
        if !heeft {
            fouten.push(fout(
                &b.herkomst,
                "status",
                format!(
                    "nader_voorlopig zonder voorlopige beschikking voor {} {} ({}); \
                     verwacht eerst een regel met status voorlopig voor die gemeente, dat jaar en die regeling",
                    gemeenten.naam(b.gemeente),
                    b.jaar,
                    b.regeling.id()
                ),
            ));
        }
    }
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct InstroomRij {
    gemeente: String,
    jaar: i32,
    doelgroep: Doelgroep,
    aantal: Decimal,
    #[serde(default)]
    versie: Option<String>,
    #[serde(default)]
    soort: Option<String>,
}

/// Reads `instroom.csv`: rows with `versie` = `prognose` (default) or `realisatie` (realised
/// volumes, people housed on 31 December).
fn laad_instroom(m: &Map, gemeenten: &Gemeenten) -> Result<(Instroom, Instroom), Fout> {
    let rijen: Vec<Rij<InstroomRij>> = m.lees(&schema::INSTROOM)?;
    // (versie, gemeente, jaar, doelgroep) → position of the first row, for the duplicate check.
    let mut gezien: std::collections::HashMap<_, usize> = Default::default();
    let (beide, fouten) = per_rij(
        rijen,
        (Instroom::default(), Instroom::default()),
        |(prognose, realisatie), r, h, fouten| {
            check_jaar(r.jaar, &h, "jaar", fouten);
            check_aantal(r.aantal, &h, "aantal", fouten);
            let (uit, versie) = match r.versie.as_deref().map(str::trim).unwrap_or("") {
                "" | "prognose" => (prognose, 0u8),
                "realisatie" => (realisatie, 1u8),
                ander => {
                    fouten.push(fout(
                        &h,
                        "versie",
                        format!("'{ander}' is ongeldig; verwacht prognose of realisatie"),
                    ));
                    return;
                }
            };
            let soort = match r.soort.as_deref().map(str::trim).unwrap_or("") {
                "" | "inburgeringsplichtigen" => InstroomSoort::Inburgeringsplichtigen,
                "taakstelling" => InstroomSoort::Taakstelling,
                ander => {
                    fouten.push(fout(
                        &h,
                        "soort",
                        format!(
                            "'{ander}' is ongeldig; verwacht inburgeringsplichtigen of \
                                 taakstelling (leeg = inburgeringsplichtigen)"
                        ),
                    ));
                    return;
                }
            };
            match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
                Ok(g) => {
                    match gezien.entry((versie, g, r.jaar, r.doelgroep)) {
                        std::collections::hash_map::Entry::Occupied(e) => {
                            fouten.push(fout(
                                &h,
                                "doelgroep",
                                format!("dubbele regel (ook {})", uit.regels[*e.get()].herkomst),
                            ));
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(uit.regels.len());
                        }
                    }
                    uit.regels.push(InstroomRegel {
                        gemeente: g,
                        jaar: r.jaar,
                        doelgroep: r.doelgroep,
                        aantal: r.aantal,
                        soort,
                        herkomst: h,
                    });
                }
                Err(e) => fouten.push(e),
            }
        },
    );
    klaar(beide, fouten)
}

#[derive(Deserialize)]
struct RealisatieRij {
    gemeente: String,
    jaar: i32,
    post: String,
    bedrag: Decimal,
}

/// Reads `realisatie.csv`: booked baten and lasten per gemeente, year and post. Whether a post
/// exists and a year lies in the scenario is checked against the scenario (`realisatie::check`).
fn laad_realisatie(
    m: &Map,
    gemeenten: &Gemeenten,
) -> Result<Vec<crate::realisatie::Realisatie>, Fout> {
    let rijen: Vec<Rij<RealisatieRij>> = m.lees_optioneel(&schema::REALISATIE)?;
    let (uit, fouten) = per_rij(
        rijen,
        Vec::<crate::realisatie::Realisatie>::new(),
        |uit, r, h, fouten| {
            check_jaar(r.jaar, &h, "jaar", fouten);
            if r.bedrag.normalize().scale() > 2 || r.bedrag.abs() > MAX_BEDRAG {
                fouten.push(fout(
                    &h,
                    "bedrag",
                    format!(
                        "{} is ongeldig; verwacht een bedrag met hoogstens 2 decimalen",
                        r.bedrag
                    ),
                ));
            }
            match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
                Ok(g) => {
                    if let Some(d) = uit
                        .iter()
                        .find(|x| x.gemeente == g && x.jaar == r.jaar && x.post.as_str() == r.post)
                    {
                        fouten.push(fout(
                            &h,
                            "post",
                            format!("dubbele regel (ook {})", d.herkomst),
                        ));
                    }
                    uit.push(crate::realisatie::Realisatie {
                        gemeente: g,
                        jaar: r.jaar,
                        post: PostId::van(&r.post),
                        bedrag: r.bedrag,
                        herkomst: h,
                    });
                }
                Err(e) => fouten.push(e),
            }
        },
    );
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct TariefRij {
    jaar: i32,
    doelgroep: Doelgroep,
    component: Component,
    #[serde(default)]
    teljaar: Option<u32>,
    bedrag: Decimal,
    /// Last year the row is in force (inclusive); empty: until a later row replaces it.
    #[serde(default)]
    jaar_tot: Option<i32>,
}

fn laad_tarieven(m: &Map) -> Result<Tarieven, Fout> {
    let rijen: Vec<Rij<TariefRij>> = m.lees_optioneel(&schema::SPUK_TARIEVEN)?;
    let (uit, fouten) = per_rij(rijen, Tarieven::default(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        let teljaar = r.teljaar.unwrap_or(1);
        if !(1..=10).contains(&teljaar) {
            fouten.push(fout(&h, "teljaar", format!("{teljaar} is ongeldig; verwacht 1, 2 of 3 (het hoeveelste jaar dat een cohort telt)")));
        }
        if r.component == Component::Onderwijsroute && teljaar != 1 {
            fouten.push(fout(
                &h,
                "teljaar",
                format!(
                    "{teljaar} is ongeldig voor onderwijsroute: de aanvulling tot de minimale trajectprijs \
                     wordt eenmalig betaald in het jaar van huisvesting; verwacht 1 of leeg"
                ),
            ));
        }
        if let Some(tot) = r.jaar_tot {
            check_jaar(tot, &h, "jaar_tot", fouten);
            if tot < r.jaar {
                fouten.push(fout(
                    &h,
                    "jaar_tot",
                    format!(
                        "{tot} ligt vóór jaar {}; verwacht een jaar ≥ {} (de regel geldt van jaar tot en met jaar_tot)",
                        r.jaar, r.jaar
                    ),
                ));
            }
        }
        // The rows of one year, doelgroep and component are one tariff (split over the telling
        // years): they end together.
        if let Some(d) = uit.regels.iter().find(|x| {
            x.jaar == r.jaar
                && x.doelgroep == r.doelgroep
                && x.component == r.component
                && x.jaar_tot != r.jaar_tot
        }) {
            let tekst = |j: Option<i32>| j.map(|j| j.to_string()).unwrap_or_else(|| "leeg".into());
            fouten.push(fout(
                &h,
                "jaar_tot",
                format!(
                    "{} verschilt van {} in {} (zelfde jaar, doelgroep en component); \
                     verwacht voor alle teljaren van een tarief hetzelfde jaar_tot",
                    tekst(r.jaar_tot),
                    tekst(d.jaar_tot),
                    d.herkomst
                ),
            ));
        }
        if let Some(d) = uit.regels.iter().find(|x| {
            x.jaar == r.jaar
                && x.doelgroep == r.doelgroep
                && x.component == r.component
                && x.teljaar == teljaar
        }) {
            fouten.push(fout(
                &h,
                "component",
                format!("dubbele regel (ook {})", d.herkomst),
            ));
        }
        uit.regels.push(Tarief {
            jaar: r.jaar,
            doelgroep: r.doelgroep,
            component: r.component,
            teljaar,
            bedrag: r.bedrag,
            jaar_tot: r.jaar_tot,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct RouteRij {
    doelgroep: Doelgroep,
    route: Route,
    laag: Decimal,
    basis: Decimal,
    hoog: Decimal,
}

fn laad_routeverdeling(m: &Map) -> Result<Routeverdeling, Fout> {
    let rijen: Vec<Rij<RouteRij>> = m.lees_optioneel(&schema::ROUTEVERDELING)?;
    let (uit, mut fouten) = per_rij(rijen, Routeverdeling::default(), |uit, r, h, fouten| {
        for (k, v) in [("laag", r.laag), ("basis", r.basis), ("hoog", r.hoog)] {
            if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                fouten.push(fout(
                    &h,
                    k,
                    format!("{v} ligt buiten 0–100; verwacht {PCT}"),
                ));
            }
        }
        if let Some(d) = uit
            .regels
            .iter()
            .find(|x| x.doelgroep == r.doelgroep && x.route == r.route)
        {
            fouten.push(fout(
                &h,
                "route",
                format!("dubbele regel (ook {})", d.herkomst),
            ));
        }
        uit.regels.push(RouteAandeel {
            doelgroep: r.doelgroep,
            route: r.route,
            laag: r.laag,
            basis: r.basis,
            hoog: r.hoog,
            herkomst: h,
        });
    });
    // Each alternative must add up to 100 per doelgroep.
    let mut per_groep: BTreeMap<Doelgroep, Vec<&RouteAandeel>> = BTreeMap::new();
    for r in &uit.regels {
        per_groep.entry(r.doelgroep).or_default().push(r);
    }
    for (dg, rs) in &per_groep {
        for (k, f) in [("laag", 0usize), ("basis", 1), ("hoog", 2)] {
            let som: Decimal = rs.iter().map(|r| [r.laag, r.basis, r.hoog][f]).sum();
            if som != Decimal::ONE_HUNDRED {
                let h = &rs.last().map(|r| r.herkomst.clone()).unwrap_or_default();
                fouten.push(fout(
                    h,
                    k,
                    format!(
                        "percentages voor doelgroep {} tellen op tot {som}; verwacht samen 100",
                        dg.id()
                    ),
                ));
            }
        }
    }
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct KostenRij {
    onderdeel: String,
    doelgroep: Doelgroep,
    jaar_index: u32,
    bedrag: Decimal,
    #[serde(default)]
    prijspeil: Option<i32>,
    #[serde(default)]
    eenheid: Option<Eenheid>,
    #[serde(default)]
    uren: Option<Decimal>,
}

/// What `bedrag` of a cost row is per: a participant (default) or an hour (`uren` per route
/// year; the cost per participant is then uren × bedrag).
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Eenheid {
    Deelnemer,
    Uur,
}

fn laad_kosten(m: &Map) -> Result<Vec<KostenRegel>, Fout> {
    let rijen: Vec<Rij<KostenRij>> = m.lees(&schema::KOSTEN_PER_DEELNEMER)?;
    let (uit, fouten) = per_rij(rijen, Vec::<KostenRegel>::new(), |uit, mut r, h, fouten| {
        // Route names are matched exactly; a route written another way would silently be
        // costed as a module for every head.
        r.onderdeel = r.onderdeel.to_lowercase();
        if r.onderdeel.contains("route") {
            fouten.push(fout(&h, "onderdeel", format!("'{}' is ongeldig; routes heten b1, onderwijs of z, modules bijv. map, mb, pvt, tolk", r.onderdeel)));
            return;
        }
        if let Some(p) = r.prijspeil {
            check_jaar(p, &h, "prijspeil", fouten);
        }
        if r.onderdeel.is_empty() || !r.onderdeel.chars().all(|c| c.is_alphanumeric() || c == '_') {
            fouten.push(fout(&h, "onderdeel", format!("'{}' is ongeldig; verwacht b1, onderwijs, z of een id van letters, cijfers en _", r.onderdeel)));
        }
        if !(1..=10).contains(&r.jaar_index) {
            fouten.push(fout(
                &h,
                "jaar_index",
                format!("{} is ongeldig; verwacht 1 tot en met 10", r.jaar_index),
            ));
        }
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        // Priced per hour: the cost per participant of that (route) year is uren × bedrag.
        let mut bedrag = r.bedrag;
        match (r.eenheid, r.uren) {
            (Some(Eenheid::Uur), Some(u)) => {
                check_aantal(u, &h, "uren", fouten);
                if u.normalize().scale() > 2 {
                    fouten.push(fout(&h, "uren", format!("{u} heeft meer dan 2 decimalen; verwacht een aantal uren ≥ 0, bijv. 533.33")));
                } else if u >= Decimal::ZERO && u <= MAX_AANTAL && r.bedrag <= MAX_BEDRAG {
                    bedrag = u * r.bedrag;
                    if bedrag > MAX_BEDRAG {
                        fouten.push(fout(&h, "uren", format!("uren × bedrag = {bedrag} per deelnemer is onwaarschijnlijk groot; verwacht ten hoogste 1.000.000.000.000")));
                    }
                }
            }
            (Some(Eenheid::Uur), None) => fouten.push(fout(
                &h,
                "uren",
                "leeg; verwacht bij eenheid = uur het aantal uren in dat jaar",
            )),
            (_, Some(_)) => fouten.push(fout(
                &h,
                "uren",
                "alleen bij eenheid = uur; zet eenheid op uur of laat uren leeg",
            )),
            _ => {}
        }
        if let Some(d) = uit.iter().find(|x| {
            x.onderdeel == r.onderdeel && x.doelgroep == r.doelgroep && x.jaar_index == r.jaar_index
        }) {
            fouten.push(fout(
                &h,
                "jaar_index",
                format!("dubbele regel (ook {})", d.herkomst),
            ));
        }
        uit.push(KostenRegel {
            onderdeel: r.onderdeel,
            doelgroep: r.doelgroep,
            jaar_index: r.jaar_index,
            bedrag,
            prijspeil: r.prijspeil,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct IndexRij {
    jaar: i32,
    soort: IndexSoort,
    percentage: Decimal,
}

fn laad_indexatie(m: &Map) -> Result<Indexatie, Fout> {
    let rijen: Vec<Rij<IndexRij>> = m.lees_optioneel(&schema::INDEXATIE)?;
    let uit = Indexatie::default();
    let mut gezien: Vec<(i32, IndexSoort, Herkomst)> = Vec::new();
    let (uit, fouten) = per_rij(rijen, uit, |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        if r.percentage <= -Decimal::ONE_HUNDRED || r.percentage > Decimal::ONE_HUNDRED {
            fouten.push(fout(
                &h,
                "percentage",
                "buiten (-100, 100]; verwacht een percentage groter dan -100 en hoogstens 100",
            ));
        }
        if let Some((_, _, d)) = gezien
            .iter()
            .find(|(j, s, _)| *j == r.jaar && *s == r.soort)
        {
            fouten.push(fout(&h, "soort", format!("dubbele regel (ook {d})")));
        }
        gezien.push((r.jaar, r.soort, h));
        uit.zet(r.soort, r.jaar, r.percentage);
    });
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct RijksRij {
    jaar: i32,
    soort: IuSoort,
    bedrag: Decimal,
    #[serde(default)]
    prijspeil: Option<i32>,
}

fn laad_rijksbudget(m: &Map) -> Result<Vec<RijksBudget>, Fout> {
    let rijen: Vec<Rij<RijksRij>> = m.lees_optioneel(&schema::RIJKSBUDGET)?;
    let (uit, fouten) = per_rij(rijen, Vec::<RijksBudget>::new(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        check_prijspeil(r.prijspeil, r.jaar, &h, fouten);
        if let Some(d) = uit.iter().find(|x| x.jaar == r.jaar && x.soort == r.soort) {
            fouten.push(fout(
                &h,
                "soort",
                format!("dubbele regel (ook {})", d.herkomst),
            ));
        }
        uit.push(RijksBudget {
            jaar: r.jaar,
            soort: r.soort,
            bedrag: r.bedrag,
            prijspeil: r.prijspeil,
            herkomst: h,
        });
    });
    klaar(uit, fouten)
}

#[derive(Deserialize)]
struct MaatstafRij {
    maatstaf: String,
    gewicht: Decimal,
    landelijk_totaal: Decimal,
}

fn laad_maatstaven(m: &Map) -> Result<Vec<Maatstaf>, Fout> {
    let rijen: Vec<Rij<MaatstafRij>> = m.lees_optioneel(&schema::IU_MAATSTAVEN)?;
    let (uit, mut fouten) = per_rij(rijen, Vec::<Maatstaf>::new(), |uit, r, h, fouten| {
        if r.gewicht < Decimal::ZERO {
            fouten.push(fout(&h, "gewicht", "negatief; verwacht een gewicht ≥ 0"));
        }
        if r.landelijk_totaal <= Decimal::ZERO {
            fouten.push(fout(
                &h,
                "landelijk_totaal",
                "verwacht een landelijk totaal > 0",
            ));
        }
        if uit.iter().any(|x| x.maatstaf == r.maatstaf) {
            fouten.push(fout(&h, "maatstaf", "dubbele regel"));
        }
        uit.push(Maatstaf {
            maatstaf: r.maatstaf,
            gewicht: r.gewicht,
            landelijk_totaal: r.landelijk_totaal,
            herkomst: h,
        });
    });
    if fouten.is_empty()
        && !uit.is_empty()
        && uit.iter().map(|x| x.gewicht).sum::<Decimal>().is_zero()
    {
        fouten.push(fout(
            &Herkomst::new(m.weergave("iu_maatstaven.csv"), 0),
            "gewicht",
            "alle gewichten zijn 0; verwacht samen > 0",
        ));
    }
    klaar(uit, fouten)
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
        for rec in r.records().flatten() {
            if rec.iter().all(|v| v.is_empty()) {
                continue;
            }
            let regel = rec.position().map(|p| p.line()).unwrap_or(0);
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
