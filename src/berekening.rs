//! The calculation engine: validated data + scenario settings in, ledger out. Pure: no files, no
//! terminal. Money stays exact (`rust_decimal`); every booking is rounded once, to the cent, and
//! shared posts are split with the largest-remainder method so that the parts add up to the post.
//!
//! Per gemeente g and year y:
//! - baten: IU uitvoering / invoering (explicit row, else share × national total), SPUK
//!   (beschikking where given, else the cohort forecast), SPUK onderwijsroute (top-up to the
//!   guaranteed minimum trajectprijs, in the years it is in force);
//! - lasten: fte posts (fte × cost per fte × wage index, split by key) and the
//!   inburgeringsvoorzieningen (equal to the SPUK, or route-driven costs per participant).

use crate::formatie::{Post, Sleutel};
use crate::fout::{InvoerFout, te_groot};
use crate::gegevens::Gegevens;
use crate::indexatie::{IndexSoort, Indexatie};
use crate::instroom::{Doelgroep, Instroom, InstroomInstellingen};
use crate::ledger::{Boekhouding, Boeking, Ledger, Soort};
use crate::post::PostId;
use crate::routeverdeling::{Route, Variant};
use crate::tarief::Component;
use crate::uitkering::{Beschikking, IuRegel, IuSoort, PerGemeente, Regeling, Stand};
use crate::uitvoerder::Uitvoerder;
use crate::uitvoering::RegioLast;
use crate::verdeelsleutel::{op_centen, verdeel};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;

mod beste_schatting;
pub mod verklaring;

/// How the lasten for inburgeringsvoorzieningen are budgeted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Voorzieningen {
    /// Equal to the SPUK of that gemeente and year: money passed on to the routes (Beleidskader Wet inburgering Drechtsteden).
    #[default]
    Spuk,
    /// From `kosten_per_deelnemer.csv`: route costs × instroom × route share, modules × instroom.
    Routes,
}

/// Which SPUK amount is booked as baten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SpukBron {
    /// The beschikking where there is one, else the forecast from volumes.
    #[default]
    Beschikking,
    /// Always the forecast from volumes.
    Prognose,
}

/// In a re-forecast, what a gemeente-post without actuals gets for a year up to `realisatie_tot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RealisatieOntbreekt {
    /// Its raming (listed in the coverage and the warnings).
    #[default]
    Raming,
    /// An error: every gemeente-post must have actuals.
    Fout,
}

/// At what amount the SPUK of a year with a beschikking is booked as baten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SpukBaten {
    /// The beschikking in force (the latest known status).
    #[default]
    Beschikking,
    /// BBV: the best estimate of the definitive amount; the difference with the advances is a
    /// balance position (`balans.csv`).
    BesteSchatting,
}

/// The price convention of a scenario (`prijzen`): one convention for costs and income.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Prijzen {
    /// Lopende prijzen: fte costs follow the `lonen` series, costs per participant `prijzen`,
    /// SPUK tariffs `tarieven`, and IU amounts stated in a price level (`prijspeil` in
    /// `integratie_uitkering.csv` / `rijksbudget.csv`) the `gemeentefonds` series. Nominal IU
    /// amounts (no `prijspeil`) are the money of their year and are never re-indexed.
    #[default]
    Lopend,
    /// Constante prijzen of `basisjaar`: no index is applied to anything; every amount counts
    /// as given (the coverage check warns about amounts stated in another year's prices).
    Constant,
}

impl Prijzen {
    pub fn id(self) -> &'static str {
        match self {
            Prijzen::Lopend => "lopend",
            Prijzen::Constant => "constant",
        }
    }
}

/// The route distribution a scenario uses: a column of `routeverdeling.csv`, optionally replaced
/// per doelgroep by explicit percentages (validated to add up to 100 by the input edge).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RouteKeuze {
    pub variant: Variant,
    pub expliciet: Vec<(Doelgroep, Route, Decimal)>,
}

/// The scenario settings the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Instellingen {
    pub jaar_van: i32,
    pub jaar_tot: i32,
    pub voorzieningen: Voorzieningen,
    pub spuk: SpukBron,
    /// `spuk_baten`: book the beschikking or the best estimate (BBV).
    pub spuk_baten: SpukBaten,
    pub routes: RouteKeuze,
    pub instroom: InstroomInstellingen,
    /// Scenario overrides of `indexatie.csv`: (soort, year or every year, percentage).
    pub indexatie: Vec<(IndexSoort, Option<i32>, Decimal)>,
    /// fte per post per year, replacing `formatie.csv`: (post, year, fte).
    pub fte: Vec<(String, i32, Decimal)>,
    /// Price level of `kosten_per_deelnemer.csv` rows without `prijspeil`, and with
    /// `prijzen = "constant"` the price level of the whole result.
    pub basisjaar: i32,
    /// Lopende or constante prijzen.
    pub prijzen: Prijzen,
    /// Re-forecast: years up to and including this one use the actuals (`realisatie.csv`) and
    /// the realised volumes; later years are forecast (with the realised cohorts).
    pub realisatie_tot: Option<i32>,
    /// With `realisatie_tot`: what a gemeente-post without realised rows gets.
    pub realisatie_ontbreekt: RealisatieOntbreekt,
    /// Threshold for flagging variances.
    pub drempel: crate::realisatie::Drempel,
}

impl Instellingen {
    /// Plain settings for a year range: everything else at its default.
    pub fn new(jaar_van: i32, jaar_tot: i32) -> Self {
        Instellingen {
            jaar_van,
            jaar_tot,
            voorzieningen: Voorzieningen::Spuk,
            spuk: SpukBron::Beschikking,
            spuk_baten: SpukBaten::Beschikking,
            routes: RouteKeuze::default(),
            instroom: InstroomInstellingen::default(),
            indexatie: Vec::new(),
            fte: Vec::new(),
            basisjaar: jaar_van,
            prijzen: Prijzen::Lopend,
            realisatie_tot: None,
            realisatie_ontbreekt: RealisatieOntbreekt::Raming,
            drempel: crate::realisatie::Drempel::default(),
        }
    }

    pub fn jaren(&self) -> impl Iterator<Item = i32> + use<> {
        self.jaar_van..=self.jaar_tot
    }
}

/// SPUK settlement of one gemeente, year and regeling. It shows each known beschikking
/// (voorlopig, nader voorlopig, definitief), the best estimate of the definitive amount
/// (definitief once known, else the forecast on realised volumes where known, else the forecast
/// from the prognose volumes, else the latest beschikking) and the expected nabetaling or
/// terugvordering: best estimate − advances received, settled in the vaststelling year.
#[derive(Debug, Clone, PartialEq)]
pub struct Afrekening {
    pub gemeente: usize,
    pub jaar: i32,
    pub regeling: Regeling,
    /// The latest known beschikking (what is booked): definitief > nader voorlopig > voorlopig.
    pub beschikking: Decimal,
    pub voorlopig: Option<Decimal>,
    pub nader_voorlopig: Option<Decimal>,
    /// The month from which the nader voorlopige beschikking is in force.
    pub nader_maand: Option<u32>,
    /// The forecast from volumes (none for the onderwijsroute beschikking, which is not a
    /// per-head rule, and for a year before the scenario's first year).
    pub prognose: Option<Decimal>,
    pub definitief: Option<Decimal>,
    /// Advances received in the year: twelfths of the beschikking in force each month.
    pub voorschotten: Decimal,
    /// The forecast uses realised volumes (`instroom.csv` rows with `versie = realisatie`).
    pub op_realisatie: bool,
    /// May of the following year: the cash year of the settlement.
    pub vaststellingsjaar: i32,
}

impl Afrekening {
    /// From the beschikkingen of a gemeente, year and regeling (`None` without any) and the
    /// forecast from volumes.
    pub fn van(stand: &Stand, prognose: Option<Decimal>) -> Option<Afrekening> {
        let laatste = stand.laatste()?;
        Some(Afrekening {
            gemeente: laatste.gemeente,
            jaar: laatste.jaar,
            regeling: laatste.regeling,
            beschikking: laatste.bedrag,
            voorlopig: stand.voorlopig.map(|b| b.bedrag),
            nader_voorlopig: stand.nader_voorlopig.map(|b| b.bedrag),
            nader_maand: stand.nader_voorlopig.and_then(|b| b.maand),
            prognose,
            definitief: stand.definitief.map(|b| b.bedrag),
            voorschotten: crate::uitkering::voorschotten(stand).unwrap_or_default(),
            op_realisatie: false,
            vaststellingsjaar: laatste.jaar + 1,
        })
    }

    /// The best estimate of the definitive SPUK of the year (the definitive one, once set).
    pub fn uitkomst(&self) -> Decimal {
        self.definitief
            .or(self.prognose)
            .unwrap_or(self.beschikking)
    }

    /// Best estimate − advances received: positive a nabetaling (the State pays more),
    /// negative a terugvordering (the gemeente pays back).
    pub fn verschil(&self) -> Decimal {
        self.uitkomst() - self.voorschotten
    }

    /// `vastgesteld` once a definitieve beschikking exists; `realisatie` when the forecast rests
    /// on realised volumes; else `raming`.
    pub fn status(&self) -> &'static str {
        if self.definitief.is_some() {
            "vastgesteld"
        } else if self.op_realisatie {
            "realisatie"
        } else {
            "raming"
        }
    }
}

/// Everything the engine produces.
#[derive(Debug, Clone, PartialEq)]
pub struct Berekening {
    /// The ledger of the scenario (with actuals for years up to `realisatie_tot`).
    pub ledger: Ledger,
    /// The budget (the forecast from the prognose volumes, without actuals) where it differs
    /// from `ledger`: without `realisatie_tot` they are the same ledger, kept once (a national
    /// ledger is a million lines). Read it with [`Berekening::begroting`].
    begroting: Option<Ledger>,
    /// Variance of the actuals against the budget, for every year with actuals.
    pub verschillen: Vec<crate::realisatie::Verschil>,
    pub afrekening: Vec<Afrekening>,
    /// The instroom the scenario worked with (projected and scaled).
    pub instroom: Instroom,
    /// With `realisatie_tot`: per gemeente, year and post whether the actuals or the raming
    /// were booked.
    pub realisatie_dekking: Vec<crate::waarschuwing::Dekking>,
    /// The regional bodies' own lasten per post and year (what their bijdragen pay for).
    pub regio: Vec<RegioLast>,
}

impl Berekening {
    /// The budget: the forecast from the prognose volumes, without actuals.
    pub fn begroting(&self) -> &Ledger {
        self.begroting.as_ref().unwrap_or(&self.ledger)
    }
}

/// The data prepared for one scenario: projected instroom, merged indexation, lookups.
pub struct Model<'a> {
    d: &'a Gegevens,
    inst: &'a Instellingen,
    pub instroom: Instroom,
    koppen: FxHashMap<(usize, i32, Doelgroep), Decimal>,
    pub indexatie: Indexatie,
    /// Memo of [`Model::factor`]: the same few (soort, van, naar) are asked for every gemeente,
    /// and the compound product (a division per year) was a quarter of a national run.
    factoren: Mutex<FxHashMap<(IndexSoort, i32, i32), Option<Decimal>>>,
    /// The distinct posts of `kosten_per_deelnemer.csv` (id, description of its first row) in
    /// file order, and per row the index of its post: made once, not per gemeente and year.
    pub voorziening_posten: Vec<(PostId, String)>,
    kosten_post: Vec<usize>,
    /// With `doorstroom.csv`: expected participants per head housed, per (doelgroep, route,
    /// route year): (years after housing, participants). `None` without the file.
    deelname: Option<Deelnames>,
    /// The beschikkingen and IU rows per gemeente (see [`PerGemeente`]).
    beschikkingen: PerGemeente<'a, Beschikking>,
    iu_rijen: PerGemeente<'a, IuRegel>,
}

/// Expected route participation per head housed: see [`crate::doorstroom`].
/// The indexation in force: the data's percentages with the scenario's overrides. A percentage
/// for every year first; then year-keyed overrides as steps: "2025 = 3.0" holds from 2025 until
/// the next given year of that soort (or beyond the horizon).
pub fn indexatie_met(data: &Indexatie, inst: &Instellingen) -> Indexatie {
    let mut indexatie = data.clone();
    for (soort, jaar, p) in &inst.indexatie {
        if jaar.is_none() {
            for j in 2000..=2100 {
                indexatie.zet(*soort, j, *p);
            }
        }
    }
    for (soort, jaar, p) in &inst.indexatie {
        let Some(van) = jaar else { continue };
        let volgende = inst
            .indexatie
            .iter()
            .filter_map(|(s, j, _)| j.filter(|j| s == soort && j > van))
            .min()
            .unwrap_or(2101);
        for j in *van..volgende {
            indexatie.zet(*soort, j, *p);
        }
    }
    indexatie
}

/// fte of a post in a year: the scenario's override as a step (the latest override year not
/// after `jaar` holds until the next one), else the data.
pub fn fte_in(inst: &Instellingen, post: &Post, jaar: i32) -> Decimal {
    inst.fte
        .iter()
        .filter(|(p, j, _)| *p == post.post.as_str() && *j <= jaar)
        .max_by_key(|(_, j, _)| *j)
        .map(|(_, _, f)| *f)
        .unwrap_or(post.fte)
}

type Deelnames = HashMap<(Doelgroep, Route, u32), Vec<(i32, Decimal)>>;

impl<'a> Model<'a> {
    /// Whether the data has SPUK tariffs to forecast from (without them the SPUK is only the
    /// beschikkingen).
    fn heeft_tarieven(&self) -> bool {
        !self.d.tarieven.regels.is_empty()
    }

    pub fn new(d: &'a Gegevens, inst: &'a Instellingen) -> Result<Self, InvoerFout> {
        Model::met_instroom(d, inst, &d.instroom)
    }

    /// A model on another instroom base (e.g. with realised volumes).
    pub fn met_instroom(
        d: &'a Gegevens,
        inst: &'a Instellingen,
        basis: &Instroom,
    ) -> Result<Self, InvoerFout> {
        let instroom = basis.projecteer(d.gemeenten.len(), inst.jaar_tot, &inst.instroom)?;
        let mut koppen = FxHashMap::default();
        for r in &instroom.regels {
            *koppen
                .entry((r.gemeente, r.jaar, r.doelgroep))
                .or_insert(Decimal::ZERO) += r.aantal;
        }
        let indexatie = indexatie_met(&d.indexatie, inst);
        let mut voorziening_posten: Vec<(PostId, String)> = Vec::new();
        let kosten_post = d
            .kosten
            .iter()
            .map(|k| {
                let (post, omschrijving) = k.post();
                match voorziening_posten.iter().position(|(p, _)| *p == post) {
                    Some(i) => i,
                    None => {
                        voorziening_posten.push((post, omschrijving));
                        voorziening_posten.len() - 1
                    }
                }
            })
            .collect();
        let mut m = Model {
            d,
            inst,
            instroom,
            koppen,
            indexatie,
            factoren: Mutex::default(),
            voorziening_posten,
            kosten_post,
            deelname: None,
            beschikkingen: PerGemeente::beschikkingen(d),
            iu_rijen: PerGemeente::iu(d),
        };
        m.deelname = m.deelnames();
        Ok(m)
    }

    /// The indexation factor from prices of `van` to prices of `naar` under the scenario's
    /// price convention: always 1 in constante prijzen. `None` when it does not fit in a
    /// `Decimal`.
    pub fn factor(&self, soort: IndexSoort, van: i32, naar: i32) -> Option<Decimal> {
        match self.inst.prijzen {
            Prijzen::Constant => Some(Decimal::ONE),
            Prijzen::Lopend => {
                let mut memo = self.factoren.lock().unwrap_or_else(|e| e.into_inner());
                *memo
                    .entry((soort, van, naar))
                    .or_insert_with(|| self.indexatie.factor(soort, van, naar))
            }
        }
    }

    /// The indexation factor ([`Model::factor`]), or an error naming the row whose amount is
    /// indexed.
    fn index(
        &self,
        soort: IndexSoort,
        van: i32,
        naar: i32,
        herkomst: &crate::fout::Herkomst,
    ) -> Result<Decimal, InvoerFout> {
        self.factor(soort, van, naar).ok_or_else(|| {
            te_groot(
                herkomst.clone(),
                format!(
                    "de indexatiefactor '{}' van {van} tot {naar}",
                    crate::indexatie::Indexatie::naam(soort)
                ),
            )
        })
    }

    /// The scenario settings the model was made with.
    pub fn inst(&self) -> &Instellingen {
        self.inst
    }

    fn koppen(&self, g: usize, jaar: i32, d: Doelgroep) -> Decimal {
        self.koppen.get(&(g, jaar, d)).copied().unwrap_or_default()
    }

    /// People counted in a gemeente and year: each cohort in its telling years (asiel three,
    /// gezin one in the default data; at least one).
    pub fn geteld(&self, g: usize, jaar: i32) -> Decimal {
        Doelgroep::ALLE
            .iter()
            .map(|d| {
                (1..=self.d.tarieven.teljaren(*d).max(1))
                    .map(|t| self.koppen(g, jaar - (t as i32 - 1), *d))
                    .sum::<Decimal>()
            })
            .sum()
    }

    /// Route share in percent for a doelgroep under the scenario's choice.
    pub fn aandeel(&self, d: Doelgroep, r: Route) -> Decimal {
        let expl: Vec<_> = self
            .inst
            .routes
            .expliciet
            .iter()
            .filter(|(x, _, _)| *x == d)
            .collect();
        if expl.is_empty() {
            self.d
                .routeverdeling
                .aandeel(d, r, self.inst.routes.variant)
        } else {
            expl.iter()
                .filter(|(_, x, _)| *x == r)
                .map(|(_, _, p)| *p)
                .sum()
        }
    }

    /// Cohort SPUK forecast for the given components, exact (not yet rounded): heads counted in
    /// `jaar` (a cohort counts in its telling years) × tariff of that year for that telling year
    /// × tariff indexation.
    fn spuk_exact(
        &self,
        g: usize,
        jaar: i32,
        componenten: &[Component],
    ) -> Result<Decimal, InvoerFout> {
        let mut som = Decimal::ZERO;
        for d in Doelgroep::ALLE {
            for t in 1..=self.d.tarieven.teljaren(d) {
                let koppen = self.koppen(g, jaar - (t as i32 - 1), d);
                if koppen.is_zero() {
                    continue;
                }
                for c in componenten {
                    if let Some(tar) = self.d.tarieven.geldend(d, *c, t, jaar) {
                        let f = self.index(IndexSoort::Tarieven, tar.jaar, jaar, &tar.herkomst)?;
                        som = koppen
                            .checked_mul(tar.bedrag)
                            .and_then(|x| x.checked_mul(f))
                            .and_then(|x| som.checked_add(x))
                            .ok_or_else(|| {
                                te_groot(
                                    tar.herkomst.clone(),
                                    format!(
                                        "de SPUK-raming {jaar} (instroom × tarief × indexatie)"
                                    ),
                                )
                            })?;
                    }
                }
            }
        }
        Ok(som)
    }

    /// The regular leerroute money of one head of doelgroep `d` housed in `jaar`, exact: the
    /// trajectprijs of that year, i.e. the sum over the telling years t = 1, 2, ... of the
    /// `leerroute` tariff for telling year t in force in the year of housing, each indexed with
    /// the tarieven index from its own `jaar` to the year of housing. The telling years only
    /// spread the payment of this one amount; the onderwijsroute minimum is settled once, in
    /// the year of housing, so both sides are taken in that year's prices and tariffs (a later
    /// tariff row or index does not change a top-up already paid). 0 when no leerroute tariff
    /// is in force.
    pub fn leerroute_per_hoofd(&self, d: Doelgroep, jaar: i32) -> Result<Decimal, InvoerFout> {
        let mut som = Decimal::ZERO;
        for t in 1..=self.d.tarieven.teljaren(d) {
            if let Some(tar) = self.d.tarieven.geldend(d, Component::Leerroute, t, jaar) {
                let f = self.index(IndexSoort::Tarieven, tar.jaar, jaar, &tar.herkomst)?;
                som = tar
                    .bedrag
                    .checked_mul(f)
                    .and_then(|x| som.checked_add(x))
                    .ok_or_else(|| {
                        te_groot(
                            tar.herkomst.clone(),
                            format!("de leerroute per hoofd {jaar}"),
                        )
                    })?;
            }
        }
        Ok(som)
    }

    /// The onderwijsroute top-up per head of doelgroep `d` housed in `jaar`, exact:
    /// max(0, minimum − leerroute money), where the minimum is the `onderwijsroute` tariff in
    /// force in `jaar` (telling year 1; indexed with the tarieven index from its `jaar`) and the
    /// leerroute money is [`Model::leerroute_per_hoofd`]. `None` when no minimum is in force
    /// (before its first year or after its `jaar_tot`).
    pub fn onderwijsroute_aanvulling(
        &self,
        d: Doelgroep,
        jaar: i32,
    ) -> Result<Option<Decimal>, InvoerFout> {
        let Some(min) = self
            .d
            .tarieven
            .geldend(d, Component::Onderwijsroute, 1, jaar)
        else {
            return Ok(None);
        };
        let f = self.index(IndexSoort::Tarieven, min.jaar, jaar, &min.herkomst)?;
        let minimum = min.bedrag.checked_mul(f).ok_or_else(|| {
            te_groot(
                min.herkomst.clone(),
                format!("het minimum onderwijsroute {jaar}"),
            )
        })?;
        // Both terms are ≥ 0, so the difference fits.
        Ok(Some(
            (minimum - self.leerroute_per_hoofd(d, jaar)?).max(Decimal::ZERO),
        ))
    }

    /// SPUK voorzieningen forecast from volumes, to the cent.
    pub fn spuk_prognose(&self, g: usize, jaar: i32) -> Result<Decimal, InvoerFout> {
        Ok(op_centen(self.spuk_exact(
            g,
            jaar,
            &Component::VOORZIENINGEN,
        )?))
    }

    /// SPUK onderwijsroute from the guaranteed minimum trajectprijs (2026–2029 in the default
    /// data), to the cent: per doelgroep, heads housed in `jaar` × onderwijs share × the top-up
    /// per head ([`Model::onderwijsroute_aanvulling`]). Paid once, in the year of housing, only
    /// in years the minimum is in force; never the full minimum on top of the leerroute money.
    pub fn spuk_onderwijsroute(&self, g: usize, jaar: i32) -> Result<Decimal, InvoerFout> {
        let mut som = Decimal::ZERO;
        for d in Doelgroep::ALLE {
            let koppen = self.koppen(g, jaar, d);
            if koppen.is_zero() {
                continue;
            }
            if let Some(per_hoofd) = self.onderwijsroute_aanvulling(d, jaar)? {
                // The share is at most 100 %: only the product with the top-up can overflow.
                let x = koppen * self.aandeel(d, Route::Onderwijs) / Decimal::ONE_HUNDRED;
                som = x
                    .checked_mul(per_hoofd)
                    .and_then(|x| som.checked_add(x))
                    .ok_or_else(|| {
                        te_groot(
                            self.d.gemeenten.lijst[g].herkomst.clone(),
                            format!(
                                "de SPUK onderwijsroute {jaar} (instroom × aanvulling per hoofd)"
                            ),
                        )
                    })?;
            }
        }
        Ok(op_centen(som))
    }

    /// The beschikking of a gemeente, year and regeling that counts for what is booked: the
    /// latest known status (definitief > nader voorlopig > voorlopig).
    pub fn beschikking(&self, g: usize, jaar: i32, regeling: Regeling) -> Option<Decimal> {
        self.stand(g, jaar, regeling).laatste().map(|b| b.bedrag)
    }

    /// Where the IU of a gemeente, year and soort comes from ([`iu_bron`]).
    pub fn iu_bron(&self, g: usize, jaar: i32, soort: IuSoort) -> IuBron<'a> {
        iu_bron_in(self.d, self.iu_rijen.van(g), g, jaar, soort)
    }

    /// What is known of the beschikkingen of a gemeente, year and regeling.
    pub fn stand(&self, g: usize, jaar: i32, regeling: Regeling) -> Stand<'a> {
        self.beschikkingen.stand(g, jaar, regeling)
    }

    /// An IU amount in the money of its own year `jaar`: a nominal amount (no `prijspeil`) as
    /// given; an amount stated in prices of `prijspeil` × the gemeentefonds index from
    /// `prijspeil` to `jaar` (lopende prijzen; 1 in constante prijzen). Exact, not rounded.
    fn iu_nominaal(
        &self,
        bedrag: Decimal,
        prijspeil: Option<i32>,
        jaar: i32,
        herkomst: &crate::fout::Herkomst,
    ) -> Result<Decimal, InvoerFout> {
        let Some(p) = prijspeil else {
            return Ok(bedrag);
        };
        let f = self.index(IndexSoort::Gemeentefonds, p, jaar, herkomst)?;
        bedrag.checked_mul(f).ok_or_else(|| {
            te_groot(
                herkomst.clone(),
                format!("de integratie-uitkering {jaar} (bedrag × gemeentefondsindex)"),
            )
        })
    }

    /// A national IU total in the money of its year ([`Model::iu_nominaal`]).
    fn rijks_nominaal(&self, r: &crate::uitkering::RijksBudget) -> Result<Decimal, InvoerFout> {
        self.iu_nominaal(r.bedrag, r.prijspeil, r.jaar, &r.herkomst)
    }

    /// IU of a gemeente: the explicit row, else its share × the national total of that year.
    /// The share comes from the nearest explicit year (earlier first), else from the
    /// maatstaven (inwoners / niet_westers with their weights). Amounts stated in a price
    /// level are first brought to the money of their year with the gemeentefonds index
    /// ([`Model::iu_nominaal`]); to the cent.
    pub fn iu(&self, g: usize, jaar: i32, soort: IuSoort) -> Result<Option<Decimal>, InvoerFout> {
        let d = self.d;
        let totaal = match self.iu_bron(g, jaar, soort) {
            IuBron::Expliciet(r) => {
                return Ok(Some(op_centen(self.iu_nominaal(
                    r.bedrag,
                    r.prijspeil,
                    r.jaar,
                    &r.herkomst,
                )?)));
            }
            IuBron::Geen => return Ok(None),
            IuBron::Aandeel { basis, totaal } => {
                let t = self.rijks_nominaal(totaal)?;
                let t0 = match rijksbudget(d, basis.jaar, soort) {
                    Some(r) => self.rijks_nominaal(r)?,
                    None => Decimal::ONE,
                };
                let b =
                    self.iu_nominaal(basis.bedrag, basis.prijspeil, basis.jaar, &basis.herkomst)?;
                // The share b / t0 is at most a few times 1; only the product can overflow.
                let x = b.checked_mul(t).map(|x| x / t0).ok_or_else(|| {
                    te_groot(
                        totaal.herkomst.clone(),
                        format!("de integratie-uitkering {jaar} (aandeel × landelijk totaal)"),
                    )
                })?;
                return Ok(Some(op_centen(x)));
            }
            IuBron::Maatstaven { totaal } => self.rijks_nominaal(totaal)?,
        };
        Ok(Some(op_centen(
            self.maatstaf_aandeel(g, jaar, soort)? * totaal,
        )))
    }

    /// A gemeente's share of the national IU by the maatstaven (inwoners / niet_westers with
    /// their weights); an error without maatstaven or with an empty maatstaf of the gemeente.
    fn maatstaf_aandeel(&self, g: usize, jaar: i32, soort: IuSoort) -> Result<Decimal, InvoerFout> {
        let d = self.d;
        if d.maatstaven.is_empty() {
            return Err(InvoerFout::new(
                d.gemeenten.lijst[g].herkomst.clone(),
                "",
                format!(
                    "{} heeft geen IU-regel ({} {jaar}) en er is geen iu_maatstaven.csv om het aandeel \
                     in het rijksbudget te bepalen; verwacht een regel in integratie_uitkering.csv of maatstaven",
                    d.gemeenten.naam(g),
                    soort.id()
                ),
            ));
        }
        let gewicht: Decimal = d.maatstaven.iter().map(|m| m.gewicht).sum();
        let mut aandeel = Decimal::ZERO;
        for m in &d.maatstaven {
            let gem = &d.gemeenten.lijst[g];
            let waarde = match m.maatstaf.as_str() {
                "inwoners" => gem.inwoners,
                _ => gem.niet_westers,
            };
            let Some(w) = waarde else {
                return Err(InvoerFout::new(
                    gem.herkomst.clone(),
                    m.maatstaf.clone(),
                    format!(
                        "leeg voor {}, maar de IU {jaar} wordt verdeeld met maatstaf {} ({}); verwacht een aantal",
                        gem.naam, m.maatstaf, m.herkomst
                    ),
                ));
            };
            aandeel += m.gewicht / gewicht * w / m.landelijk_totaal;
        }
        Ok(aandeel)
    }

    /// fte of a post in a year: the scenario's override as a step (the latest override year not
    /// after `jaar` holds until the next one), else the data.
    pub fn fte(&self, post: &Post, jaar: i32) -> Decimal {
        fte_in(self.inst, post, jaar)
    }

    /// Cost of a post in a year: fte × cost per fte × wage index from the row's `prijspeil`
    /// (default: the post's first year, so splitting a post over two rows keeps its
    /// indexation), to the cent.
    pub fn post_kosten(&self, post: &Post, jaar: i32) -> Result<Decimal, InvoerFout> {
        let f = self.index(IndexSoort::Lonen, post.prijspeil, jaar, &post.herkomst)?;
        let fte = self.fte(post, jaar);
        // `Post::kosten` multiplies unchecked: make sure the product fits first.
        fte.checked_mul(post.kosten_per_fte)
            .and_then(|x| x.checked_mul(f))
            .ok_or_else(|| {
                te_groot(
                    post.herkomst.clone(),
                    format!(
                        "de kosten van post '{}' in {jaar} (fte × kosten per fte × loonindex)",
                        post.post
                    ),
                )
            })?;
        Ok(post.kosten(fte, f))
    }

    /// The weights of a post's key for its deelnemers in a year.
    fn sleutel_gewichten(&self, post: &Post, jaar: i32) -> Result<Vec<Decimal>, InvoerFout> {
        let d = self.d;
        Ok(match &post.sleutel {
            Sleutel::IuUitvoering => self.iu_gewichten(post, jaar)?,
            Sleutel::Inwoners => {
                kenmerk_gewichten(d, post, "inwoners", &|g| d.gemeenten.lijst[g].inwoners)?
            }
            Sleutel::NietWesters => kenmerk_gewichten(d, post, "niet_westers", &|g| {
                d.gemeenten.lijst[g].niet_westers
            })?,
            Sleutel::Instroom => post
                .deelnemers
                .iter()
                .map(|g| {
                    Doelgroep::ALLE
                        .iter()
                        .map(|dg| self.koppen(*g, jaar, *dg))
                        .sum()
                })
                .collect(),
            Sleutel::Gelijk => post.deelnemers.iter().map(|_| Decimal::ONE).collect(),
            Sleutel::Eigen(naam) => eigen_gewichten(d, post, naam)?,
        })
    }

    /// Weights by the IU uitvoering of the year; every deelnemer must have one.
    fn iu_gewichten(&self, post: &Post, jaar: i32) -> Result<Vec<Decimal>, InvoerFout> {
        post.deelnemers
            .iter()
            .map(|g| {
                self.iu(*g, jaar, IuSoort::Uitvoering)?.ok_or_else(|| {
                    InvoerFout::new(
                        post.herkomst.clone(),
                        "sleutel",
                        format!(
                            "{} heeft geen IU uitvoering in {jaar} (geen regel in integratie_uitkering.csv \
                             en geen rijksbudget.csv voor dat jaar), maar post '{}' verdeelt met sleutel \
                             iu_uitvoering; verwacht een IU-bedrag voor elke deelnemer",
                            self.d.gemeenten.naam(*g),
                            post.post
                        ),
                    )
                })
            })
            .collect()
    }

    /// With `doorstroom.csv`: the expected route participation per head of each doelgroep
    /// under the scenario's route shares, indexed by (doelgroep, route, route year).
    fn deelnames(&self) -> Option<Deelnames> {
        if self.d.doorstroom.is_leeg() {
            return None;
        }
        let routes = [Route::B1, Route::Onderwijs, Route::Z];
        let mut uit: Deelnames = HashMap::new();
        for dg in Doelgroep::ALLE {
            let aandelen: Vec<(Route, Decimal)> =
                routes.iter().map(|r| (*r, self.aandeel(dg, *r))).collect();
            for x in self.d.doorstroom.deelname(dg, &aandelen) {
                uit.entry((dg, x.route, x.routejaar))
                    .or_default()
                    .push((x.jaar_na_huisvesting as i32, x.aantal));
            }
        }
        Some(uit)
    }

    /// Route-driven costs of every gemeente in a year, per post of
    /// [`Model::voorziening_posten`] (ledger order), to the cent: `[gemeente][post]`.
    /// A route row's `jaar_index` is the year after housing without `doorstroom.csv` (all start
    /// in the year of housing) and the route year with it: then its cost is the expected
    /// participants in that route year this year (every earlier cohort, see
    /// [`crate::doorstroom`]) × the cost. Modules (`map`, `mb`, ...) always follow the year of
    /// housing. What does not depend on the gemeente (price index, route share, participation)
    /// is looked up once per row.
    fn voorzieningen_routes(&self, jaar: i32) -> Result<Vec<Vec<Decimal>>, InvoerFout> {
        let rijen: Vec<_> = self
            .d
            .kosten
            .iter()
            .zip(&self.kosten_post)
            .map(|(k, i)| {
                // A row's own price level, else the scenario's basisjaar. An error is kept
                // and given where the row is first used, as before the lookup was hoisted.
                let prijs = self.index(
                    IndexSoort::Prijzen,
                    k.prijspeil.unwrap_or(self.inst.basisjaar),
                    jaar,
                    &k.herkomst,
                );
                let wie = match (k.route(), &self.deelname) {
                    (Some(r), Some(deelname)) => Wie::Doorstroom(
                        deelname
                            .get(&(k.doelgroep, r, k.jaar_index))
                            .map(Vec::as_slice)
                            .unwrap_or_default(),
                    ),
                    (r, _) => Wie::Start(
                        jaar - (k.jaar_index as i32 - 1),
                        r.map(|r| self.aandeel(k.doelgroep, r)),
                    ),
                };
                (k, *i, prijs, wie)
            })
            .collect();
        (0..self.d.gemeenten.len())
            .map(|g| {
                let mut uit = vec![Decimal::ZERO; self.voorziening_posten.len()];
                for (k, i, prijs, wie) in &rijen {
                    let prijs = prijs.clone()?;
                    let te_groot = || {
                        let post = &self.voorziening_posten[*i].0;
                        te_groot(
                            k.herkomst.clone(),
                            format!("de kosten {post} {jaar} (instroom × bedrag × prijsindex)"),
                        )
                    };
                    let x = self
                        .rijkosten(g, jaar, k, prijs, wie)
                        .ok_or_else(te_groot)?;
                    uit[*i] = uit[*i].checked_add(x).ok_or_else(te_groot)?;
                }
                for e in &mut uit {
                    *e = op_centen(*e);
                }
                Ok(uit)
            })
            .collect()
    }

    /// A cost row's amount for gemeente `g` in `jaar`: who it counts × bedrag × price index;
    /// `None` past the decimal range.
    fn rijkosten(
        &self,
        g: usize,
        jaar: i32,
        k: &crate::voorziening::KostenRegel,
        prijs: Decimal,
        wie: &Wie,
    ) -> Option<Decimal> {
        match wie {
            Wie::Doorstroom(schema) => {
                let mut deelnemers = Decimal::ZERO;
                for (na, n) in schema.iter() {
                    deelnemers = self
                        .koppen(g, jaar - na, k.doelgroep)
                        .checked_mul(*n)
                        .and_then(|x| deelnemers.checked_add(x))?;
                }
                deelnemers
                    .checked_mul(k.bedrag)
                    .and_then(|x| x.checked_mul(prijs))
            }
            Wie::Start(start, aandeel) => {
                let mut x = self
                    .koppen(g, *start, k.doelgroep)
                    .checked_mul(k.bedrag)
                    .and_then(|x| x.checked_mul(prijs))?;
                if let Some(a) = aandeel {
                    x = x * a / Decimal::ONE_HUNDRED;
                }
                Some(x)
            }
        }
    }
}

/// Who a cost row counts: the expected participants of a cohort flow, or the heads of one year
/// of housing (× the route share for a route row).
enum Wie<'b> {
    Doorstroom(&'b [(i32, Decimal)]),
    Start(i32, Option<Decimal>),
}

/// Where the IU of a gemeente, year and soort comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum IuBron<'a> {
    /// A row in `integratie_uitkering.csv`.
    Expliciet(&'a crate::uitkering::IuRegel),
    /// Its share in an explicit year (`basis`) × the national total of the year.
    Aandeel {
        basis: &'a crate::uitkering::IuRegel,
        totaal: &'a crate::uitkering::RijksBudget,
    },
    /// The maatstaven (inwoners / niet-westers) × the national total of the year.
    Maatstaven {
        totaal: &'a crate::uitkering::RijksBudget,
    },
    /// Neither a row nor a national total for the year.
    Geen,
}

fn rijksbudget(d: &Gegevens, jaar: i32, soort: IuSoort) -> Option<&crate::uitkering::RijksBudget> {
    d.rijksbudget
        .iter()
        .find(|r| r.jaar == jaar && r.soort == soort)
}

/// The rule that gives a gemeente's IU in a year: the one place that decides it, for the
/// engine and for the coverage table.
pub fn iu_bron(d: &Gegevens, g: usize, jaar: i32, soort: IuSoort) -> IuBron<'_> {
    iu_bron_in(d, d.iu.iter(), g, jaar, soort)
}

/// [`iu_bron`] from the IU rows `rijen` (all, or those of the gemeente from
/// [`PerGemeente::iu`], for loops over gemeenten).
pub fn iu_bron_in<'a>(
    d: &'a Gegevens,
    rijen: impl Iterator<Item = &'a crate::uitkering::IuRegel> + Clone,
    g: usize,
    jaar: i32,
    soort: IuSoort,
) -> IuBron<'a> {
    let eigen = rijen.filter(|r| r.gemeente == g && r.soort == soort);
    if let Some(r) = eigen.clone().find(|r| r.jaar == jaar) {
        return IuBron::Expliciet(r);
    }
    let Some(totaal) = rijksbudget(d, jaar, soort) else {
        return IuBron::Geen;
    };
    let basis = eigen
        .filter(|r| rijksbudget(d, r.jaar, soort).is_some_and(|t| !t.bedrag.is_zero()))
        .min_by_key(|r| (r.jaar > jaar, (r.jaar - jaar).abs()));
    match basis {
        Some(basis) => IuBron::Aandeel { basis, totaal },
        None => IuBron::Maatstaven { totaal },
    }
}

/// The model a run's ledger is built with: with `realisatie_tot`, on the realised volumes up to
/// that year (as [`bereken`] does). For explaining bookings ([`verklaring::verklaar`]).
pub fn model_voor_ledger<'a>(
    d: &'a Gegevens,
    inst: &'a Instellingen,
) -> Result<Model<'a>, InvoerFout> {
    match inst.realisatie_tot {
        None => Model::new(d, inst),
        Some(tot) => Model::met_instroom(
            d,
            inst,
            &Instroom::overlay(&d.instroom, &d.instroom_realisatie, Some(tot)),
        ),
    }
}

/// Builds the ledger and the settlement table. Ledger order: per year, per post (IU uitvoering,
/// IU invoering, SPUK, SPUK onderwijsroute, formatie in file order, voorzieningen), per gemeente
/// in `gemeenten.csv` order.
pub fn bereken(d: &Gegevens, inst: &Instellingen) -> Result<Berekening, InvoerFout> {
    let m = Model::new(d, inst)?;
    let (mut begroting, afrekening_prognose) = bouw(&m, d, inst)?;
    crate::realisatie::check(d, &begroting, inst.jaar_van, inst.jaar_tot)?;
    let (m_echt, afrekening) = op_realisatie(d, inst, afrekening_prognose)?;
    let m_echt = m_echt.as_ref().unwrap_or(&m);
    // BBV: the budget books the best estimate where the scenario asks for it.
    let zonder_realisatie = Instellingen {
        realisatie_tot: None,
        ..inst.clone()
    };
    beste_schatting::boek_beste_schatting(&mut begroting, &afrekening, &zonder_realisatie);
    let verschillen = crate::realisatie::verschillen(
        d,
        &begroting,
        None,
        inst.drempel,
        &|g, j| m.geteld(g, j),
        &|g, j| m_echt.geteld(g, j),
    );
    let mut realisatie_dekking = Vec::new();
    let (ledger, begroting, instroom) = match inst.realisatie_tot {
        None => (begroting, None, m.instroom.clone()),
        Some(tot) => {
            let werk = Instroom::overlay(&d.instroom, &d.instroom_realisatie, Some(tot));
            let m_werk = Model::met_instroom(d, inst, &werk)?;
            let (mut ledger, _) = bouw(&m_werk, d, inst)?;
            realisatie_dekking = boek_realisatie(&mut ledger, &begroting, d, inst, tot)?;
            beste_schatting::boek_beste_schatting(&mut ledger, &afrekening, inst);
            (ledger, Some(begroting), m_werk.instroom)
        }
    };
    // The regional bodies' lasten: the fte posts they execute (their cost before the split does
    // not depend on the instroom) and the voorzieningen they execute, from the final ledger.
    let regio = crate::uitvoering::regio_lasten(
        d,
        &ledger,
        inst.jaren(),
        |p, j| m.fte(p, j),
        |p, j| m.post_kosten(p, j),
    )?;
    Ok(Berekening {
        regio,
        ledger,
        begroting,
        verschillen,
        afrekening,
        instroom,
        realisatie_dekking,
    })
}

/// The settlement rests on realised volumes wherever there are any: the model on them (none
/// without any; the budget run's own settlement `prognose` then stands, no second exact run)
/// and the settlement, each row marked where it rests on realised volumes.
fn op_realisatie<'a>(
    d: &'a Gegevens,
    inst: &'a Instellingen,
    prognose: Vec<Afrekening>,
) -> Result<(Option<Model<'a>>, Vec<Afrekening>), InvoerFout> {
    let m_echt = if d.instroom_realisatie.regels.is_empty() {
        None
    } else {
        let echt = Instroom::overlay(&d.instroom, &d.instroom_realisatie, None);
        Some(Model::met_instroom(d, inst, &echt)?)
    };
    let mut afrekening = match &m_echt {
        None => prognose,
        Some(m_echt) => bouw(m_echt, d, inst)?.1,
    };
    let gerealiseerd: rustc_hash::FxHashSet<(i32, usize)> = d
        .instroom_realisatie
        .regels
        .iter()
        .map(|r| (r.jaar, r.gemeente))
        .collect();
    for a in &mut afrekening {
        a.op_realisatie = a.prognose.is_some() && gerealiseerd.contains(&(a.jaar, a.gemeente));
    }
    Ok((m_echt, afrekening))
}

/// Books the actuals for every year up to `tot` over the re-forecast: a gemeente-post with a
/// realised row gets that amount (to the cent); one without keeps its raming, unless the scenario
/// says `realisatie_ontbreekt = "fout"`. Actuals for a post the raming does not have in that
/// year are added (unbudgeted spending), in the budget's post order.
fn boek_realisatie(
    ledger: &mut Ledger,
    begroting: &Ledger,
    d: &Gegevens,
    inst: &Instellingen,
    tot: i32,
) -> Result<Vec<crate::waarschuwing::Dekking>, InvoerFout> {
    use crate::waarschuwing::{Dekking, DekkingStatus};
    let mut dekking = Vec::new();
    // Indexes, so the cost is linear in the ledger and the actuals.
    let realisatie = crate::realisatie::per_gemeente_jaar_post(d);
    let echt = |g: usize, j: i32, post: &str| realisatie.get(&(g, j, post)).copied();
    let mut ontbreekt: Vec<String> = Vec::new();
    for b in ledger.boekingen.iter_mut().filter(|b| b.jaar <= tot) {
        let r = echt(b.gemeente, b.jaar, b.post.as_str());
        dekking.push(Dekking {
            tabel: "realisatie.csv".into(),
            gemeente: b.gemeente,
            jaar: b.jaar,
            onderdeel: b.post.to_string(),
            status: if r.is_some() {
                DekkingStatus::Gegeven
            } else {
                DekkingStatus::Gevuld
            },
            regel: match r {
                Some(r) => r.herkomst.to_string(),
                None => "raming (geen realisatie geboekt)".into(),
            },
        });
        match r {
            Some(r) => b.bedrag = r.bedrag,
            None => ontbreekt.push(format!(
                "{} {} {}",
                d.gemeenten.naam(b.gemeente),
                b.jaar,
                b.post
            )),
        }
    }
    if inst.realisatie_ontbreekt == RealisatieOntbreekt::Fout && !ontbreekt.is_empty() {
        return Err(InvoerFout::new(
            crate::fout::Herkomst::new(d.bestand("realisatie.csv"), 0),
            "post",
            format!(
                "geen realisatie voor {} (realisatie_ontbreekt = \"fout\"); verwacht een geboekt bedrag \
                 per gemeente en post voor elk jaar tot en met {tot}, of realisatie_ontbreekt = \"raming\"",
                ontbreekt.join(", ")
            ),
        ));
    }
    boek_niet_geraamd(ledger, begroting, d, tot, &mut dekking);
    Ok(dekking)
}

/// Actuals on a post the budget has not for that gemeente and year: booked as extra lines (the
/// post's soort, label and uitvoerder from the budget where it has the post), each a given
/// coverage row, in the budget's post order within a year.
fn boek_niet_geraamd(
    ledger: &mut Ledger,
    begroting: &Ledger,
    d: &Gegevens,
    tot: i32,
    dekking: &mut Vec<crate::waarschuwing::Dekking>,
) {
    use crate::waarschuwing::{Dekking, DekkingStatus};
    let geraamd: rustc_hash::FxHashSet<(usize, i32, &str)> = ledger
        .boekingen
        .iter()
        .map(|b| (b.gemeente, b.jaar, b.post.as_str()))
        .collect();
    let mut per_post: FxHashMap<&str, &Boeking> = FxHashMap::default();
    let mut per_gemeente_post: FxHashMap<(usize, &str), &Boeking> = FxHashMap::default();
    for b in &begroting.boekingen {
        per_post.entry(b.post.as_str()).or_insert(b);
        per_gemeente_post
            .entry((b.gemeente, b.post.as_str()))
            .or_insert(b);
    }
    let mut extra: Vec<Boeking> = Vec::new();
    for r in d.realisatie.iter().filter(|r| r.jaar <= tot) {
        if geraamd.contains(&(r.gemeente, r.jaar, r.post.as_str())) {
            continue;
        }
        let info = per_post.get(r.post.as_str()).copied();
        dekking.push(Dekking {
            tabel: "realisatie.csv".into(),
            gemeente: r.gemeente,
            jaar: r.jaar,
            onderdeel: r.post.to_string(),
            status: DekkingStatus::Gegeven,
            regel: format!("{} (niet geraamd)", r.herkomst),
        });
        extra.push(Boeking {
            gemeente: r.gemeente,
            jaar: r.jaar,
            soort: info.map(|b| b.soort).unwrap_or(Soort::Lasten),
            post: r.post.clone(),
            label: info.map_or_else(|| r.post.as_str().into(), |b| b.label.clone()),
            bedrag: r.bedrag,
            uitvoerder: per_gemeente_post
                .get(&(r.gemeente, r.post.as_str()))
                .map(|b| b.uitvoerder.clone())
                .unwrap_or_default(),
        });
    }
    if !extra.is_empty() {
        voeg_in(ledger, begroting, extra, tot);
    }
}

/// Adds lines to the ledger's years up to `tot`, in the budget's post order within a year.
fn voeg_in(ledger: &mut Ledger, begroting: &Ledger, extra: Vec<Boeking>, tot: i32) {
    let posten = begroting.posten_per_jaar();
    let volgorde = |b: &Boeking| {
        posten
            .get(&b.jaar)
            .and_then(|p| p.iter().position(|p| p.post == b.post))
            .unwrap_or(usize::MAX)
    };
    let (mut vroeg, laat): (Vec<Boeking>, Vec<Boeking>) = std::mem::take(&mut ledger.boekingen)
        .into_iter()
        .partition(|b| b.jaar <= tot);
    vroeg.extend(extra);
    vroeg.sort_by_cached_key(|b| (b.jaar, b.soort, volgorde(b), b.gemeente));
    vroeg.extend(laat);
    ledger.boekingen = vroeg;
}

/// Weights by a column of gemeenten.csv (`kolom`); every deelnemer must have a value.
fn kenmerk_gewichten(
    d: &Gegevens,
    post: &Post,
    kolom: &str,
    waarde: &dyn Fn(usize) -> Option<Decimal>,
) -> Result<Vec<Decimal>, InvoerFout> {
    post.deelnemers
        .iter()
        .map(|g| {
            waarde(*g).ok_or_else(|| {
                let gem = &d.gemeenten.lijst[*g];
                InvoerFout::new(
                    gem.herkomst.clone(),
                    kolom,
                    format!(
                        "leeg voor {}, maar post '{}' ({}) verdeelt met sleutel '{kolom}'; \
                         verwacht een aantal",
                        gem.naam, post.post, post.herkomst
                    ),
                )
            })
        })
        .collect()
}

/// Weights by an own key of verdeelsleutels.csv: the first share of each deelnemer, as a
/// search in file order finds; every deelnemer must have one.
fn eigen_gewichten(d: &Gegevens, post: &Post, naam: &str) -> Result<Vec<Decimal>, InvoerFout> {
    let s = d.sleutels.iter().find(|s| s.naam == naam).ok_or_else(|| {
        InvoerFout::new(
            post.herkomst.clone(),
            "sleutel",
            format!("onbekende verdeelsleutel '{naam}'"),
        )
    })?;
    let mut aandeel: FxHashMap<usize, Decimal> = FxHashMap::default();
    for (g, a) in &s.aandelen {
        aandeel.entry(*g).or_insert(*a);
    }
    post.deelnemers
        .iter()
        .map(|g| {
            aandeel.get(g).copied().ok_or_else(|| {
                InvoerFout::new(
                    s.herkomst.clone(),
                    "gemeente",
                    format!(
                        "sleutel '{naam}' heeft geen aandeel voor {}, een deelnemer van post '{}' ({}); \
                         verwacht een regel per deelnemer (aandeel 0 mag)",
                        d.gemeenten.naam(*g),
                        post.post,
                        post.herkomst
                    ),
                )
            })
        })
        .collect()
}

/// Ledger and settlement from one prepared model.
pub fn bouw(
    m: &Model,
    d: &Gegevens,
    inst: &Instellingen,
) -> Result<(Ledger, Vec<Afrekening>), InvoerFout> {
    let mut ledger = Ledger::default();
    let afrekening = bouw_in(m, d, inst, &mut ledger)?;
    check_grens(&ledger, d)?;
    Ok((ledger, afrekening))
}

/// [`bouw`] into any [`Boekhouding`]; returns the settlement table. The caller checks the
/// amounts against [`GRENS`] ([`grens_fout`]).
pub fn bouw_in<B: Boekhouding>(
    m: &Model,
    d: &Gegevens,
    inst: &Instellingen,
    ledger: &mut B,
) -> Result<Vec<Afrekening>, InvoerFout> {
    let n = d.gemeenten.len();
    let mut afrekening = Vec::new();
    let mut bk = Boeker {
        ledger,
        uitvoerders: crate::uitvoering::Index::new(&d.uitvoerders),
        labels: FxHashMap::default(),
    };
    // The year before the first: only its settlement, which is received or repaid in the first
    // year. No forecast outside the horizon: the best estimate is the latest beschikking.
    for g in 0..n {
        for regeling in [Regeling::Voorzieningen, Regeling::Onderwijsroute] {
            let stand = m.stand(g, inst.jaar_van - 1, regeling);
            afrekening.extend(Afrekening::van(&stand, None));
        }
    }
    for jaar in inst.jaren() {
        boek_iu(m, jaar, &mut bk)?;
        let spuk = boek_spuk(m, inst, jaar, &mut afrekening, &mut bk)?;
        let onderwijs = boek_onderwijsroute(m, inst, jaar, &mut afrekening, &mut bk)?;
        boek_formatie(m, d, jaar, &mut bk)?;
        boek_voorzieningen(m, inst, jaar, &spuk, &onderwijs, &mut bk)?;
    }
    Ok(afrekening)
}

/// Books the engine's lines into a [`Boekhouding`], with who executes each.
struct Boeker<'a, B> {
    ledger: &'a mut B,
    uitvoerders: crate::uitvoering::Index<'a>,
    /// One shared copy per label: a national ledger has a million lines and a few dozen labels.
    labels: FxHashMap<Box<str>, Arc<str>>,
}

impl<B: Boekhouding> Boeker<'_, B> {
    fn boek(
        &mut self,
        g: usize,
        jaar: i32,
        soort: Soort,
        post: &PostId,
        label: &str,
        bedrag: Decimal,
    ) {
        let uitvoerders = &self.uitvoerders;
        let labels = &mut self.labels;
        self.ledger.boek_op(g, jaar, soort, bedrag, || Boeking {
            gemeente: g,
            jaar,
            soort,
            post: post.clone(),
            label: match labels.get(label) {
                Some(l) => l.clone(),
                None => labels
                    .entry(label.into())
                    .or_insert_with(|| label.into())
                    .clone(),
            },
            bedrag,
            // Who executes: an inburgeringsvoorziening the gemeente's rule in uitvoerders.csv
            // (default the gemeente itself); baten are the gemeente's own. Formatie lines carry
            // their row's uitvoerder (booked in `boek_formatie`).
            uitvoerder: match soort {
                Soort::Baten => Uitvoerder::Gemeente,
                Soort::Lasten => uitvoerders.voorziening(post.uitvoering_onderdeel(), g, jaar),
            },
        })
    }
}

/// Baten: the integratie-uitkering for uitvoering and invoering of every gemeente.
fn boek_iu<B: Boekhouding>(m: &Model, jaar: i32, bk: &mut Boeker<'_, B>) -> Result<(), InvoerFout> {
    let n = m.d.gemeenten.len();
    for (soort, post, label) in [
        (
            IuSoort::Uitvoering,
            PostId::IuUitvoering,
            "Uitvoeringskosten IU",
        ),
        (
            IuSoort::Invoering,
            PostId::IuInvoering,
            "Invoeringskosten IU",
        ),
    ] {
        for g in 0..n {
            if let Some(b) = m.iu(g, jaar, soort)? {
                bk.boek(g, jaar, Soort::Baten, &post, label, b);
            }
        }
    }
    Ok(())
}

/// Baten: the SPUK of every gemeente, the beschikking where given (unless the scenario wants
/// the forecast), else the forecast; its settlement row into `afrekening`. Returns what was
/// booked per gemeente.
fn boek_spuk<B: Boekhouding>(
    m: &Model,
    inst: &Instellingen,
    jaar: i32,
    afrekening: &mut Vec<Afrekening>,
    bk: &mut Boeker<'_, B>,
) -> Result<Vec<Option<Decimal>>, InvoerFout> {
    let n = m.d.gemeenten.len();
    let mut spuk = vec![None; n];
    for (g, s) in spuk.iter_mut().enumerate() {
        let beschikt = m.beschikking(g, jaar, Regeling::Voorzieningen);
        let prognose = if m.heeft_tarieven() {
            Some(m.spuk_prognose(g, jaar)?)
        } else {
            None
        };
        let stand = m.stand(g, jaar, Regeling::Voorzieningen);
        afrekening.extend(Afrekening::van(&stand, prognose));
        *s = match inst.spuk {
            SpukBron::Beschikking => beschikt.or(prognose.filter(|p| !p.is_zero())),
            SpukBron::Prognose => prognose.filter(|p| !p.is_zero()),
        };
        if let Some(b) = *s {
            bk.boek(g, jaar, Soort::Baten, &PostId::Spuk, "SPUK", b);
        }
    }
    Ok(spuk)
}

/// Baten: the SPUK onderwijsroute, its own beschikking line where given (2022–2025: a separate
/// SPUK, not a per-head rule), else the forecast top-up. Returns the amount per gemeente.
fn boek_onderwijsroute<B: Boekhouding>(
    m: &Model,
    inst: &Instellingen,
    jaar: i32,
    afrekening: &mut Vec<Afrekening>,
    bk: &mut Boeker<'_, B>,
) -> Result<Vec<Decimal>, InvoerFout> {
    let n = m.d.gemeenten.len();
    let mut onderwijs = vec![Decimal::ZERO; n];
    for (g, o) in onderwijs.iter_mut().enumerate() {
        let stand = m.stand(g, jaar, Regeling::Onderwijsroute);
        afrekening.extend(Afrekening::van(&stand, None));
        let beschikt = match inst.spuk {
            SpukBron::Beschikking => stand.laatste().map(|b| b.bedrag),
            SpukBron::Prognose => None,
        };
        *o = match beschikt {
            Some(b) => b,
            None if m.heeft_tarieven() => m.spuk_onderwijsroute(g, jaar)?,
            None => Decimal::ZERO,
        };
        if !o.is_zero() {
            bk.boek(
                g,
                jaar,
                Soort::Baten,
                &PostId::SpukOnderwijsroute,
                "SPUK onderwijsroute",
                *o,
            );
        }
    }
    Ok(onderwijs)
}

/// Lasten: every formatie post active in the year, its cost split over its deelnemers by its
/// verdeelsleutel.
fn boek_formatie<B: Boekhouding>(
    m: &Model,
    d: &Gegevens,
    jaar: i32,
    bk: &mut Boeker<'_, B>,
) -> Result<(), InvoerFout> {
    for post in d.formatie.iter().filter(|p| p.actief(jaar)) {
        let gewichten = m.sleutel_gewichten(post, jaar)?;
        let kosten = m.post_kosten(post, jaar)?;
        let delen = verdeel(kosten, &gewichten, 2).ok_or_else(|| {
            InvoerFout::new(
                post.herkomst.clone(),
                "sleutel",
                format!(
                    "verdeelsleutel '{}' is 0 voor alle deelnemers van '{}' in {jaar}; \
                     verwacht ten minste één deelnemer met een positief aandeel",
                    post.sleutel.naam(),
                    post.deelnemers_naam
                ),
            )
        })?;
        // A post with several rows in the year (one per regional body, or per gemeente that
        // executes it itself) has no single fte: its description then leaves it out.
        let rijen = d
            .formatie
            .iter()
            .filter(|q| q.post == post.post && q.actief(jaar))
            .count();
        let omschrijving = || {
            if rijen > 1 {
                post.omschrijving.clone()
            } else {
                format!(
                    "{} fte {}",
                    crate::opmaak::fte_tekst(m.fte(post, jaar)),
                    post.omschrijving
                )
            }
        };
        for (g, bedrag) in post.deelnemers.iter().zip(delen) {
            bk.ledger
                .boek_op(*g, jaar, Soort::Lasten, bedrag, || Boeking {
                    gemeente: *g,
                    jaar,
                    soort: Soort::Lasten,
                    post: post.post.clone(),
                    label: omschrijving().into(),
                    bedrag,
                    uitvoerder: post.uitvoerder.clone(),
                });
        }
    }
    Ok(())
}

/// Lasten: the inburgeringsvoorzieningen, equal to the SPUK passed on, or from the route costs.
fn boek_voorzieningen<B: Boekhouding>(
    m: &Model,
    inst: &Instellingen,
    jaar: i32,
    spuk: &[Option<Decimal>],
    onderwijs: &[Decimal],
    bk: &mut Boeker<'_, B>,
) -> Result<(), InvoerFout> {
    let n = spuk.len();
    match inst.voorzieningen {
        Voorzieningen::Spuk => {
            for g in 0..n {
                if spuk[g].is_some() || !onderwijs[g].is_zero() {
                    let b = spuk[g].unwrap_or_default() + onderwijs[g];
                    bk.boek(
                        g,
                        jaar,
                        Soort::Lasten,
                        &PostId::Inburgeringsvoorzieningen,
                        "Inburgeringsvoorzieningen",
                        b,
                    );
                }
            }
        }
        Voorzieningen::Routes => {
            // Post-major order so the table lists posts in the order of the cost file.
            let per_g = m.voorzieningen_routes(jaar)?;
            for (i, (post, omschrijving)) in m.voorziening_posten.iter().enumerate() {
                for (g, regels) in per_g.iter().enumerate() {
                    let b = regels[i];
                    if !b.is_zero() {
                        bk.boek(g, jaar, Soort::Lasten, post, omschrijving, b);
                    }
                }
            }
        }
    }
    Ok(())
}

/// The largest amount one booking may hold: 10^20 euro. Far beyond any budget, and far enough
/// below a `Decimal`'s 7.9 × 10^28 that the sums over gemeenten, groups and years made after
/// the engine (at most some 10^7 bookings) cannot overflow.
pub const GRENS: Decimal = rust_decimal::dec!(100_000_000_000_000_000_000);

/// Refuses a ledger with an amount above [`GRENS`], naming the gemeente, year and post.
fn check_grens(ledger: &Ledger, d: &Gegevens) -> Result<(), InvoerFout> {
    match ledger.boekingen.iter().find(|b| b.bedrag.abs() > GRENS) {
        None => Ok(()),
        Some(b) => Err(grens_fout(b, d)),
    }
}

/// The error for a booking above [`GRENS`].
pub fn grens_fout(b: &Boeking, d: &Gegevens) -> InvoerFout {
    te_groot(
        d.gemeenten.lijst[b.gemeente].herkomst.clone(),
        format!(
            "het bedrag van {} {} {} (meer dan 10^20 euro)",
            b.post,
            d.gemeenten.naam(b.gemeente),
            b.jaar
        ),
    )
}
