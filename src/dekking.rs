//! Coverage of the input: for every table the model reads by gemeente and year, which
//! gemeente-years were given, which were filled and by which rule, and which the scenario needs
//! but nothing covers (an error naming file, gemeente and year). A gemeente-year is never read as
//! zero because other gemeenten have rows. Also the warnings about what the run assumes or skips
//! that changes money. Pure: data and settings in, tables out.

use crate::berekening::{Berekening, Instellingen, IuBron, Prijzen, SpukBron, Voorzieningen};
use crate::formatie::Sleutel;
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::indexatie::{IndexSoort, Indexatie};
use crate::instroom::Doelgroep;
use crate::tarief::Component;
use crate::uitkering::{Beschikking, IuSoort, PerGemeente, Regeling, SpukStatus};
use crate::waarschuwing::{Dekking, DekkingStatus, Waarschuwing};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The coverage table and the warnings of one scenario run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toets {
    pub dekking: Vec<Dekking>,
    pub waarschuwingen: Vec<Waarschuwing>,
}

/// Checks what the scenario needs against what the data gives. Run before the engine: every
/// uncovered gemeente-year is an error (all at once), every fill a coverage line, every
/// assumption that changes money a warning.
pub fn toets(d: &Gegevens, inst: &Instellingen) -> Result<Toets, Fout> {
    let mut w = Werk {
        d,
        inst,
        toets: Toets::default(),
        fouten: Vec::new(),
    };
    w.iu();
    w.instroom();
    w.spuk();
    w.beschikkingen();
    w.gaten();
    w.formatie();
    w.indexatie();
    w.prijspeil();
    w.taakstelling();
    w.doorstroom();
    w.bestanden();
    if w.fouten.is_empty() {
        // Unstable is exact here: lines that compare equal are equal in every field.
        w.toets.dekking.sort_unstable();
        Ok(w.toets)
    } else if w.fouten.len() == 1 {
        Err(Fout::Invoer(w.fouten.remove(0)))
    } else {
        Err(Fout::Meerdere(w.fouten))
    }
}

/// Adds what the engine decided about actuals (`realisatie_tot`): the coverage per gemeente,
/// year and post, and a warning per gemeente-year whose posts were booked from the raming.
pub fn realisatie(t: &mut Toets, d: &Gegevens, b: &Berekening) {
    let mut per: BTreeMap<(i32, usize), Vec<&str>> = BTreeMap::new();
    for x in &b.realisatie_dekking {
        if x.status == DekkingStatus::Gevuld {
            per.entry((x.jaar, x.gemeente))
                .or_default()
                .push(&x.onderdeel);
        }
    }
    for ((jaar, g), posten) in per {
        t.waarschuwingen.push(Waarschuwing::new(
            Herkomst::new(d.bestand("realisatie.csv"), 0),
            "post",
            format!(
                "geen realisatie voor {} in {jaar} voor {}: geboekt uit de raming \
                 (realisatie_ontbreekt = \"fout\" weigert dit)",
                d.gemeenten.naam(g),
                posten.join(", ")
            ),
        ));
    }
    if !b.realisatie_dekking.is_empty() {
        t.dekking.extend(b.realisatie_dekking.iter().cloned());
        t.dekking.sort_unstable();
    }
}

/// The tariff rows in force in some scenario year.
fn geldende_tarieven<'a>(d: &'a Gegevens, inst: &Instellingen) -> Vec<&'a crate::tarief::Tarief> {
    let mut tarieven: Vec<&crate::tarief::Tarief> = Vec::new();
    for t in &d.tarieven.regels {
        let geldt = inst.jaren().any(|j| {
            d.tarieven
                .geldend(t.doelgroep, t.component, t.teljaar, j)
                .is_some_and(|x| std::ptr::eq(x, t))
        });
        if geldt {
            tarieven.push(t);
        }
    }
    tarieven
}

struct Werk<'a> {
    d: &'a Gegevens,
    inst: &'a Instellingen,
    toets: Toets,
    fouten: Vec<InvoerFout>,
}

/// A hole in numbered rows (telling years, route years): the highest number, the missing ones
/// below it, and the first row's origin; `None` without a hole.
fn gat(rijen: &[(u32, Herkomst)]) -> Option<(u32, Vec<String>, Herkomst)> {
    let max = rijen.iter().map(|(t, _)| *t).max()?;
    let mist: Vec<String> = (1..max)
        .filter(|t| !rijen.iter().any(|(x, _)| x == t))
        .map(|t| t.to_string())
        .collect();
    (!mist.is_empty()).then(|| (max, mist, rijen[0].1.clone()))
}

/// "2023, 2024, 2026" or "2023–2030" for a sorted list of years.
pub fn jaren_tekst(jaren: &[i32]) -> String {
    let mut delen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < jaren.len() {
        let mut j = i;
        while j + 1 < jaren.len() && jaren[j + 1] == jaren[j] + 1 {
            j += 1;
        }
        delen.push(if j > i + 1 {
            format!("{}–{}", jaren[i], jaren[j])
        } else if j == i + 1 {
            format!("{}, {}", jaren[i], jaren[j])
        } else {
            jaren[i].to_string()
        });
        i = j + 1;
    }
    delen.join(", ")
}

impl Werk<'_> {
    fn dek(
        &mut self,
        tabel: &str,
        g: usize,
        jaar: i32,
        onderdeel: &str,
        status: DekkingStatus,
        regel: String,
    ) {
        self.toets.dekking.push(Dekking {
            tabel: tabel.into(),
            gemeente: g,
            jaar,
            onderdeel: onderdeel.into(),
            status,
            regel,
        });
    }

    fn waarschuw(&mut self, h: Herkomst, kolom: &str, melding: String) {
        self.toets
            .waarschuwingen
            .push(Waarschuwing::new(h, kolom, melding));
    }

    fn bestand(&self, naam: &str) -> Herkomst {
        Herkomst::new(self.d.bestand(naam), 0)
    }

    fn namen(&self, gs: &[usize]) -> String {
        gs.iter()
            .map(|g| self.d.gemeenten.naam(*g))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// IU per gemeente and year: the row, else share × national total; uitvoering must be
    /// covered in every scenario year; invoering only in years that have any.
    fn iu(&mut self) {
        let d = self.d;
        let n = d.gemeenten.len();
        let mut iu_mist: BTreeMap<(IuSoort, Vec<usize>), Vec<i32>> = BTreeMap::new();
        let rijen = PerGemeente::iu(d);
        for soort in [IuSoort::Uitvoering, IuSoort::Invoering] {
            for jaar in self.inst.jaren() {
                // Each gemeente's source once: it decides both the coverage and the warnings.
                let bronnen: Vec<IuBron> = (0..n)
                    .map(|g| crate::berekening::iu_bron_in(d, rijen.van(g), g, jaar, soort))
                    .collect();
                let expliciet = bronnen.iter().any(|b| matches!(b, IuBron::Expliciet(_)));
                let rijk = d
                    .rijksbudget
                    .iter()
                    .any(|r| r.jaar == jaar && r.soort == soort);
                if soort == IuSoort::Invoering && !expliciet && !rijk {
                    continue; // no invoeringskosten in this year
                }
                let ontbreekt = self.iu_jaar(&bronnen, soort, jaar, expliciet);
                if !ontbreekt.is_empty() {
                    iu_mist.entry((soort, ontbreekt)).or_default().push(jaar);
                }
            }
        }
        for ((soort, gs), jaren) in iu_mist {
            self.meld_iu_mist(soort, &gs, &jaren);
        }
    }

    /// One IU soort and year from each gemeente's source: its coverage; a gemeente without a
    /// row while others have one (`expliciet`) is a warning. Returns the gemeenten without any IU.
    fn iu_jaar(
        &mut self,
        bronnen: &[IuBron],
        soort: IuSoort,
        jaar: i32,
        expliciet: bool,
    ) -> Vec<usize> {
        let onderdeel = soort.id();
        let mut ontbreekt = Vec::new();
        let mut gemengd = Vec::new();
        for (g, bron) in bronnen.iter().enumerate() {
            let (status, regel) = match bron {
                IuBron::Expliciet(r) => (DekkingStatus::Gegeven, r.herkomst.to_string()),
                IuBron::Aandeel { basis, .. } => (
                    DekkingStatus::Gevuld,
                    format!(
                        "aandeel {} × landelijk totaal van het jaar (rijksbudget.csv)",
                        basis.jaar
                    ),
                ),
                IuBron::Maatstaven { .. } => (
                    DekkingStatus::Gevuld,
                    "maatstaven (iu_maatstaven.csv) × landelijk totaal van het jaar \
                     (rijksbudget.csv)"
                        .to_string(),
                ),
                IuBron::Geen => {
                    ontbreekt.push(g);
                    continue;
                }
            };
            if status == DekkingStatus::Gevuld && expliciet {
                gemengd.push(g);
            }
            self.dek(
                "integratie_uitkering.csv",
                g,
                jaar,
                onderdeel,
                status,
                regel,
            );
        }
        if !gemengd.is_empty() {
            let h = self.bestand("integratie_uitkering.csv");
            let m = format!(
                "geen IU {onderdeel} voor {} in {jaar} (andere gemeenten hebben wel een regel); \
                 afgeleid uit het landelijk totaal in rijksbudget.csv",
                self.namen(&gemengd)
            );
            self.waarschuw(h, "gemeente", m);
        }
        ontbreekt
    }

    /// The error for gemeenten `gs` without any IU in `jaren`.
    fn meld_iu_mist(&mut self, soort: IuSoort, gs: &[usize], jaren: &[i32]) {
        let onderdeel = soort.id();
        let wie = if gs.len() == self.d.gemeenten.len() && gs.len() > 1 {
            "alle gemeenten".to_string()
        } else {
            self.namen(gs)
        };
        let j = jaren_tekst(jaren);
        self.fouten.push(InvoerFout::new(
            self.bestand("integratie_uitkering.csv"),
            "jaar",
            format!(
                "geen IU {onderdeel} voor {wie} in {j}: geen regel in integratie_uitkering.csv en geen \
                 landelijk totaal in rijksbudget.csv voor die jaren; verwacht een regel per gemeente en \
                 jaar, of per jaar een regel <jaar>,{onderdeel},<bedrag> in rijksbudget.csv"
            ),
        ));
    }

    /// Which cohort years the scenario needs instroom for, per gemeente, and why.
    fn instroom_nodig(&self) -> Vec<(usize, Doelgroep, i32, i32, Rc<str>)> {
        let d = self.d;
        let inst = self.inst;
        let mut uit = Vec::new();
        let eerste_data = d
            .instroom
            .regels
            .iter()
            .map(|r| r.jaar)
            .min()
            .unwrap_or(inst.jaar_van);
        // Per doelgroep, without and with a post split by instroom: the same for every
        // gemeente, so worked out once.
        let per_doelgroep = Doelgroep::ALLE.map(|dg| {
            [false, true].map(|sleutel| {
                let (bereik, redenen) = self.instroom_bereik(dg, sleutel);
                (bereik, Rc::<str>::from(redenen.join(", ")))
            })
        });
        for (g, sleutel) in self.instroom_sleutel().into_iter().enumerate() {
            for (dg, varianten) in Doelgroep::ALLE.into_iter().zip(&per_doelgroep) {
                let (bereik, redenen) = &varianten[usize::from(sleutel)];
                let bereik = *bereik;
                if bereik == 0 {
                    continue;
                }
                // Cohorts before the first year of instroom.csv do not exist for the model.
                let van = (inst.jaar_van - bereik + 1).max(eerste_data);
                uit.push((g, dg, van, inst.jaar_tot, Rc::clone(redenen)));
            }
        }
        uit
    }

    /// The gemeenten a post split by instroom covers (marked once: a search of every post's
    /// members per gemeente would be quadratic in gemeenten).
    fn instroom_sleutel(&self) -> Vec<bool> {
        let d = self.d;
        let mut sleutel = vec![false; d.gemeenten.len()];
        for p in d
            .formatie
            .iter()
            .filter(|p| p.sleutel == Sleutel::Instroom && self.inst.jaren().any(|j| p.actief(j)))
        {
            for g in &p.deelnemers {
                if let Some(x) = sleutel.get_mut(*g) {
                    *x = true;
                }
            }
        }
        sleutel
    }

    /// How many cohort years back a doelgroep's instroom is needed (0: not at all), and for
    /// what; `sleutel`: a post of the gemeente is split by instroom.
    fn instroom_bereik(&self, dg: Doelgroep, sleutel: bool) -> (i32, Vec<&'static str>) {
        let d = self.d;
        let mut bereik = 0i32;
        let mut redenen = Vec::new();
        if !d.tarieven.regels.is_empty() {
            bereik = bereik.max(d.tarieven.teljaren(dg).max(1) as i32);
            redenen.push("de SPUK-raming en de afrekening");
        }
        if self.inst.voorzieningen == Voorzieningen::Routes {
            let r = d
                .kosten
                .iter()
                .filter(|k| k.doelgroep == dg)
                .map(|k| k.jaar_index as i32)
                .max()
                .unwrap_or(0);
            if r > 0 {
                // With doorstroom a cohort's route costs reach further: later starts
                // and, after a switch, the target route's years.
                let r = if d.doorstroom.is_leeg() {
                    r
                } else {
                    d.doorstroom.reikwijdte(dg, r as u32) as i32
                };
                bereik = bereik.max(r);
                redenen.push("de routekosten");
            }
        }
        if sleutel {
            bereik = bereik.max(1);
            redenen.push("verdeelsleutel instroom");
        }
        (bereik, redenen)
    }

    /// Instroom per gemeente, year and doelgroep: given, or grown from the gemeente's own last
    /// year (scenario `instroom.groei`), else missing.
    fn instroom(&mut self) {
        let d = self.d;
        let nodig = self.instroom_nodig();
        if nodig.is_empty() {
            return;
        }
        if d.instroom.regels.is_empty() {
            self.geen_instroom(&nodig[0].4);
            return;
        }
        let laatste_data = d.instroom.regels.iter().map(|r| r.jaar).max().unwrap_or(0);
        let index = d.instroom.index();
        let groei = self.inst.instroom.groei;
        let mut ontbreekt: BTreeMap<(usize, Doelgroep), (Vec<i32>, Rc<str>)> = BTreeMap::new();
        let mut gevuld_gemengd: BTreeMap<(usize, Doelgroep), Vec<i32>> = BTreeMap::new();
        for (g, dg, van, tot, reden) in nodig {
            let laatste = index.laatste_jaar(g, dg);
            for jaar in van..=tot {
                let in_horizon = self.inst.jaren().any(|j| j == jaar);
                if let Some(r) = index.regel(g, jaar, dg) {
                    if in_horizon {
                        let h = r.herkomst.to_string();
                        self.dek("instroom.csv", g, jaar, dg.id(), DekkingStatus::Gegeven, h);
                    }
                } else if let (Some(l), Some(p)) = (laatste, groei)
                    && jaar > l
                {
                    if in_horizon {
                        let regel = format!(
                            "groei {p} % per jaar vanaf de eigen instroom {l} (scenario instroom.groei)"
                        );
                        self.dek(
                            "instroom.csv",
                            g,
                            jaar,
                            dg.id(),
                            DekkingStatus::Gevuld,
                            regel,
                        );
                    }
                    if jaar <= laatste_data {
                        gevuld_gemengd.entry((g, dg)).or_default().push(jaar);
                    }
                } else {
                    ontbreekt
                        .entry((g, dg))
                        .or_insert_with(|| (Vec::new(), reden.clone()))
                        .0
                        .push(jaar);
                }
            }
        }
        self.meld_instroom(ontbreekt, gevuld_gemengd, &index);
        self.dek_instroom_realisatie();
    }

    /// The realised instroom of the scenario's years, given.
    fn dek_instroom_realisatie(&mut self) {
        for r in &self.d.instroom_realisatie.regels {
            if self.inst.jaren().any(|j| j == r.jaar) {
                let h = format!("{} (realisatie)", r.herkomst);
                self.dek(
                    "instroom.csv",
                    r.gemeente,
                    r.jaar,
                    &format!("{} realisatie", r.doelgroep.id()),
                    DekkingStatus::Gegeven,
                    h,
                );
            }
        }
    }

    /// The error for an instroom that is needed (for `reden`) and has no rows at all.
    fn geen_instroom(&mut self, reden: &str) {
        let melding = if self.d.aanwezig("instroom.csv") {
            format!(
                "geen prognoseregels; nodig voor {reden}; verwacht per gemeente, jaar en doelgroep een aantal (0 mag)"
            )
        } else {
            format!(
                "bestand ontbreekt; nodig voor {reden}; verwacht instroom.csv met kolommen gemeente,jaar,doelgroep,aantal"
            )
        };
        self.fouten
            .push(InvoerFout::new(self.bestand("instroom.csv"), "", melding));
    }

    /// The instroom the model needs and misses, one message per cause: the data ends before
    /// the scenario (the same years for many gemeenten), a gemeente without rows, or gaps; and
    /// a warning for each gemeente filled by the scenario's growth where others have rows.
    fn meld_instroom(
        &mut self,
        ontbreekt: BTreeMap<(usize, Doelgroep), (Vec<i32>, Rc<str>)>,
        gevuld_gemengd: BTreeMap<(usize, Doelgroep), Vec<i32>>,
        index: &crate::instroom::InstroomIndex<'_>,
    ) {
        let d = self.d;
        let mut na_einde: BTreeMap<(Vec<i32>, Rc<str>), Vec<String>> = BTreeMap::new();
        for ((g, dg), (jaren, reden)) in ontbreekt {
            let naam = d.gemeenten.naam(g);
            let wie = format!("{naam} ({})", dg.id());
            match index.laatste_jaar(g, dg) {
                Some(l) if jaren.iter().all(|j| *j > l) => {
                    na_einde.entry((jaren, reden)).or_default().push(wie);
                }
                laatste => {
                    let hint = if laatste.is_none() {
                        format!("instroom.csv heeft geen regels voor {wie}")
                    } else {
                        "andere jaren of gemeenten hebben wel regels".to_string()
                    };
                    self.fouten.push(InvoerFout::new(
                        self.bestand("instroom.csv"),
                        "jaar",
                        format!(
                            "geen instroom voor {wie} in {} (nodig voor {reden}): {hint}; verwacht een \
                             regel per gemeente, jaar en doelgroep (een expliciete 0 mag)",
                            jaren_tekst(&jaren)
                        ),
                    ));
                }
            }
        }
        self.meld_na_einde(na_einde);
        for ((g, dg), jaren) in gevuld_gemengd {
            let h = self.bestand("instroom.csv");
            let m = format!(
                "geen instroom voor {}, doelgroep {}, in {} (andere gemeenten hebben wel regels); \
                 aangevuld met de groei uit het scenario vanaf het eigen laatste jaar",
                d.gemeenten.naam(g),
                dg.id(),
                jaren_tekst(&jaren)
            );
            self.waarschuw(h, "jaar", m);
        }
    }

    /// Instroom missing only after the data's last year, one error per (years, reason) for
    /// all gemeenten and doelgroepen it concerns.
    fn meld_na_einde(&mut self, na_einde: BTreeMap<(Vec<i32>, Rc<str>), Vec<String>>) {
        let alle = self.d.gemeenten.len() * Doelgroep::ALLE.len();
        for ((jaren, reden), wie) in na_einde {
            let wie = if wie.len() == alle {
                "alle gemeenten".to_string()
            } else {
                wie.join(", ")
            };
            self.fouten.push(InvoerFout::new(
                self.bestand("instroom.csv"),
                "jaar",
                format!(
                    "geen instroom voor {wie} in {} (nodig voor {reden}): de gegevens houden eerder op \
                     en het scenario zet geen groei; zet [instroom] groei in het scenario (0 = gelijkblijvend) \
                     of vul instroom.csv aan",
                    jaren_tekst(&jaren)
                ),
            ));
        }
    }

    /// SPUK per gemeente and year: the beschikking, else the forecast from volumes; a year
    /// without either is a warning, as is a forecast where other gemeenten have a beschikking.
    fn spuk(&mut self) {
        let d = self.d;
        let heeft_tarieven = !d.tarieven.regels.is_empty();
        let mut zonder: BTreeMap<Vec<usize>, Vec<i32>> = BTreeMap::new();
        let mut tarief_mist: BTreeMap<Doelgroep, Vec<i32>> = BTreeMap::new();
        let beschikkingen = PerGemeente::beschikkingen(d);
        for jaar in self.inst.jaren() {
            let geen = self.spuk_jaar(&beschikkingen, jaar, heeft_tarieven);
            if !geen.is_empty() {
                zonder.entry(geen).or_default().push(jaar);
            }
            if heeft_tarieven {
                for dg in Doelgroep::ALLE {
                    let heeft = d.tarieven.regels.iter().any(|t| t.doelgroep == dg);
                    let geldt = Component::VOORZIENINGEN
                        .iter()
                        .any(|c| d.tarieven.geldend(dg, *c, 1, jaar).is_some());
                    if heeft && !geldt {
                        tarief_mist.entry(dg).or_default().push(jaar);
                    }
                }
            }
        }
        for (gs, jaren) in zonder {
            let h = self.bestand("spuk_beschikking.csv");
            let m = format!(
                "geen SPUK voor {} in {}: geen beschikking en geen spuk_tarieven.csv om uit instroom te ramen; \
                 de SPUK-baten zijn daar 0",
                self.namen(&gs),
                jaren_tekst(&jaren)
            );
            self.waarschuw(h, "", m);
        }
        for (dg, jaren) in tarief_mist {
            let h = self.bestand("spuk_tarieven.csv");
            let m = format!(
                "geen tarief voor doelgroep {} dat geldt in {}: de SPUK-raming voor deze doelgroep is daar 0",
                dg.id(),
                jaren_tekst(&jaren)
            );
            self.waarschuw(h, "jaar", m);
        }
    }

    /// One year's SPUK: each gemeente's coverage; a forecast where other gemeenten have a
    /// beschikking is a warning. Returns the gemeenten with neither.
    fn spuk_jaar(
        &mut self,
        beschikkingen: &PerGemeente<'_, crate::uitkering::Beschikking>,
        jaar: i32,
        heeft_tarieven: bool,
    ) -> Vec<usize> {
        let n = self.d.gemeenten.len();
        let iemand_beschikt = (0..n).any(|g| {
            beschikkingen
                .van(g)
                .any(|b| b.jaar == jaar && b.regeling == Regeling::Voorzieningen)
        });
        let mut gemengd = Vec::new();
        let mut geen = Vec::new();
        for g in 0..n {
            let b = beschikkingen
                .stand(g, jaar, Regeling::Voorzieningen)
                .laatste();
            let (status, regel) = match (b, self.inst.spuk) {
                (Some(b), SpukBron::Beschikking) => (
                    DekkingStatus::Gegeven,
                    format!("{} ({})", b.herkomst, b.status.id()),
                ),
                _ if heeft_tarieven => {
                    if self.inst.spuk == SpukBron::Beschikking && iemand_beschikt {
                        gemengd.push(g);
                    }
                    (
                        DekkingStatus::Gevuld,
                        "raming: instroom × tarieven (spuk_tarieven.csv)".to_string(),
                    )
                }
                _ => {
                    geen.push(g);
                    continue;
                }
            };
            self.dek("spuk_beschikking.csv", g, jaar, "spuk", status, regel);
        }
        if !gemengd.is_empty() {
            let h = self.bestand("spuk_beschikking.csv");
            let m = format!(
                "geen SPUK-beschikking voor {} in {jaar} (andere gemeenten hebben er wel een); \
                 de SPUK is geraamd uit instroom × tarieven",
                self.namen(&gemengd)
            );
            self.waarschuw(h, "gemeente", m);
        }
        geen
    }

    /// The beschikking's life: the onderwijsroute line (coverage; unused under
    /// `spuk = "prognose"`), a year with only a definitieve beschikking (advances assumed equal
    /// to it) and a year before the first whose settlement is expected in the first year without
    /// a forecast (best estimate = the latest beschikking).
    fn beschikkingen(&mut self) {
        let d = self.d;
        let (van, tot) = (self.inst.jaar_van, self.inst.jaar_tot);
        let mut ongebruikt = Vec::new();
        let per_gemeente = PerGemeente::beschikkingen(d);
        for b in &d.beschikkingen {
            if b.jaar < van - 1 || b.jaar > tot {
                continue;
            }
            let stand = per_gemeente.stand(b.gemeente, b.jaar, b.regeling);
            let laatste = stand.laatste().is_some_and(|l| std::ptr::eq(l, b));
            if !laatste {
                continue;
            }
            if b.regeling == Regeling::Onderwijsroute && b.jaar >= van {
                if self.inst.spuk == SpukBron::Prognose {
                    ongebruikt.push(b.herkomst.clone());
                } else {
                    let h = format!("{} ({}, onderwijsroute)", b.herkomst, b.status.id());
                    self.dek(
                        "spuk_beschikking.csv",
                        b.gemeente,
                        b.jaar,
                        "spuk_onderwijsroute",
                        DekkingStatus::Gegeven,
                        h,
                    );
                }
            }
            self.meld_status(b, stand.voorlopig.is_none());
        }
        if let Some(h) = ongebruikt.into_iter().next() {
            self.waarschuw(
                h,
                "regeling",
                "beschikkingen SPUK onderwijsroute worden niet geboekt: het scenario raamt de SPUK \
                 uit volumes (spuk = \"prognose\"), ook de onderwijsroute"
                    .to_string(),
            );
        }
    }

    /// The warnings about the status of a gemeente-year's latest beschikking: only a
    /// definitive one (`alleen_definitief`: advances assumed equal to it), or one before the
    /// first year that is not yet definitive.
    fn meld_status(&mut self, b: &Beschikking, alleen_definitief: bool) {
        let naam = self.d.gemeenten.naam(b.gemeente);
        let van = self.inst.jaar_van;
        if alleen_definitief && b.status == SpukStatus::Definitief {
            self.waarschuw(
                b.herkomst.clone(),
                "status",
                format!(
                    "alleen een definitieve beschikking ({}) voor {naam} {}: aangenomen dat de \
                     voorschotten in {} gelijk waren aan het definitieve bedrag (afrekening 0); \
                     voeg de voorlopige beschikking toe voor de werkelijke voorschotten",
                    b.regeling.id(),
                    b.jaar,
                    b.jaar
                ),
            );
        }
        if b.jaar == van - 1 && b.status != SpukStatus::Definitief {
            self.waarschuw(
                b.herkomst.clone(),
                "status",
                format!(
                    "{} {} ({}) valt vóór het eerste scenariojaar en is nog niet vastgesteld: \
                     de verwachte afrekening in {van} is gerekend op de laatste beschikking, \
                     zonder raming uit volumes",
                    naam,
                    b.jaar,
                    b.regeling.id()
                ),
            );
        }
    }

    /// A tariff year whose telling years or a cost row whose route years have a hole: the model
    /// pays nothing in the missing year, which is almost always a deleted row.
    fn gaten(&mut self) {
        let d = self.d;
        let mut groepen: BTreeMap<(Doelgroep, Component, i32), Vec<(u32, Herkomst)>> =
            BTreeMap::new();
        for t in &d.tarieven.regels {
            groepen
                .entry((t.doelgroep, t.component, t.jaar))
                .or_default()
                .push((t.teljaar, t.herkomst.clone()));
        }
        for ((dg, c, jaar), rijen) in groepen {
            if let Some((max, mist, h)) = gat(&rijen) {
                let m = format!(
                    "tarief {} {} {jaar} heeft geen teljaar {} (wel teljaar {max}): een cohort krijgt in dat teljaar 0",
                    dg.id(),
                    format!("{c:?}").to_lowercase(),
                    mist.join(", ")
                );
                self.waarschuw(h, "teljaar", m);
            }
        }
        if self.inst.voorzieningen != Voorzieningen::Routes {
            return;
        }
        let mut kosten: BTreeMap<(String, Doelgroep), Vec<(u32, Herkomst)>> = BTreeMap::new();
        for k in &d.kosten {
            kosten
                .entry((k.onderdeel.clone(), k.doelgroep))
                .or_default()
                .push((k.jaar_index, k.herkomst.clone()));
        }
        for ((onderdeel, dg), rijen) in kosten {
            if let Some((max, mist, h)) = gat(&rijen) {
                let m = format!(
                    "{onderdeel} ({}) heeft geen jaar_index {} (wel {max}): in dat jaar na de start 0 kosten",
                    dg.id(),
                    mist.join(", ")
                );
                self.waarschuw(h, "jaar_index", m);
            }
        }
    }

    /// A post that ends before the scenario does, starts after it begins, or has a gap.
    fn formatie(&mut self) {
        let d = self.d;
        let (van, tot) = (self.inst.jaar_van, self.inst.jaar_tot);
        let mut posten: Vec<&str> = d.formatie.iter().map(|p| p.post.as_str()).collect();
        posten.dedup();
        posten.sort();
        posten.dedup();
        for post in posten {
            let rijen: Vec<_> = d
                .formatie
                .iter()
                .filter(|p| p.post.as_str() == post)
                .collect();
            let geen: Vec<i32> = (van..=tot)
                .filter(|j| !rijen.iter().any(|p| p.actief(*j)))
                .collect();
            if geen.is_empty() || geen.len() as i32 == tot - van + 1 {
                continue;
            }
            let laatste = rijen.iter().max_by_key(|p| p.jaar_tot).copied();
            let Some(laatste) = laatste else { continue };
            let kolom = if geen.iter().all(|j| *j > laatste.jaar_tot) {
                "jaar_tot"
            } else {
                "jaar_van"
            };
            let m = format!(
                "post '{post}' heeft geen regel voor {} (het scenario loopt {van}–{tot}): geen lasten voor \
                 deze post in die jaren; verleng jaar_tot of voeg een regel toe als de post doorloopt",
                jaren_tekst(&geen)
            );
            self.waarschuw(laatste.herkomst.clone(), kolom, m);
        }
    }

    /// Years in which an indexation the scenario uses has no percentage (0 % assumed). Only in
    /// lopende prijzen: in constante prijzen nothing is indexed.
    fn indexatie(&mut self) {
        let d = self.d;
        let inst = self.inst;
        if inst.prijzen == Prijzen::Constant {
            return;
        }
        // The indexation in force, as the engine makes it (not a whole model: only its series
        // are read here).
        let ix = crate::berekening::indexatie_met(&d.indexatie, inst);
        let mut gebruik: Vec<(IndexSoort, i32, &str)> = Vec::new();
        if let Some(b) = d.formatie.iter().map(|p| p.prijspeil).min() {
            gebruik.push((IndexSoort::Lonen, b, "de fte-kosten"));
        }
        if let Some(b) = d.tarieven.regels.iter().map(|t| t.jaar).min() {
            gebruik.push((IndexSoort::Tarieven, b, "de SPUK-tarieven"));
        }
        if inst.voorzieningen == Voorzieningen::Routes && !d.kosten.is_empty() {
            let b = d
                .kosten
                .iter()
                .map(|k| k.prijspeil.unwrap_or(inst.basisjaar))
                .min()
                .unwrap_or(inst.basisjaar);
            gebruik.push((IndexSoort::Prijzen, b, "de kosten per deelnemer"));
        }
        self.meld_gemeentefonds(&ix);
        self.meld_fracties();
        for (soort, basis, waarvoor) in gebruik {
            let reeks = ix.reeksen.get(&soort);
            let eerste = (basis + 1).max(inst.jaar_van);
            let geen: Vec<i32> = (eerste..=inst.jaar_tot)
                .filter(|j| !reeks.is_some_and(|r| r.contains_key(j)))
                .collect();
            if geen.is_empty() {
                continue;
            }
            let naam = format!("{soort:?}").to_lowercase();
            let h = self.bestand("indexatie.csv");
            let m = format!(
                "geen indexatie '{naam}' voor {} (nodig voor {waarvoor}): 0 % aangenomen; \
                 voeg regels toe aan indexatie.csv of zet [indexatie] {naam} in het scenario",
                jaren_tekst(&geen)
            );
            self.waarschuw(h, "jaar", m);
        }
    }

    /// A series of `indexatie.csv` whose every percentage lies within ±0,2 (at least two
    /// non-zero) is likelier written as fractions (0.051 for 5,1 %) than meant: indexing by
    /// 0,051 % a year changes money without anybody noticing.
    fn meld_fracties(&mut self) {
        let grens = Decimal::new(2, 1);
        let verdacht: Vec<(IndexSoort, i32, Decimal)> = self
            .d
            .indexatie
            .reeksen
            .iter()
            .filter_map(|(soort, reeks)| {
                let niet_nul: Vec<(&i32, &Decimal)> =
                    reeks.iter().filter(|(_, p)| !p.is_zero()).collect();
                let klein = niet_nul.len() >= 2 && niet_nul.iter().all(|(_, p)| p.abs() < grens);
                klein.then(|| (*soort, *niet_nul[0].0, *niet_nul[0].1))
            })
            .collect();
        for (soort, jaar, p) in verdacht {
            let naam = crate::indexatie::Indexatie::naam(soort);
            let nl = crate::opmaak::decimaal_nl;
            let h = self.bestand("indexatie.csv");
            let m = format!(
                "alle percentages '{naam}' liggen tussen -0,2 en 0,2 (bijv. {} in {jaar}); staan \
                 ze als fractie? De kolom percentage verwacht procenten: {} voor {} %",
                nl(p),
                nl(p * Decimal::ONE_HUNDRED),
                nl(p * Decimal::ONE_HUNDRED)
            );
            self.waarschuw(h, "percentage", m);
        }
    }

    /// The gemeentefonds series must hold every year between the prijspeil and the year of
    /// every IU amount the run uses that is stated in a price level; a missing year is 0 %.
    fn meld_gemeentefonds(&mut self, ix: &Indexatie) {
        let gf = self.gemeentefonds_jaren();
        if !gf.is_empty() {
            let reeks = ix.reeksen.get(&IndexSoort::Gemeentefonds);
            let geen: Vec<i32> = gf
                .into_iter()
                .filter(|j| !reeks.is_some_and(|r| r.contains_key(j)))
                .collect();
            if !geen.is_empty() {
                let h = self.bestand("indexatie.csv");
                let m = format!(
                    "geen indexatie 'gemeentefonds' voor {} (nodig voor de integratie-uitkering \
                 met een prijspeil, in lopende prijzen): 0 % aangenomen, dat bedrag blijft \
                 in die jaren gelijk; voeg regels <jaar>,gemeentefonds,<percentage> toe aan \
                 indexatie.csv of zet [indexatie] gemeentefonds in het scenario",
                    jaren_tekst(&geen)
                );
                self.waarschuw(h, "jaar", m);
            }
        }
    }

    /// The IU amounts the run uses in the scenario years: (amount's row, its prijspeil or
    /// `None` for a nominal amount, the year it is money of). Per gemeente, year and soort the
    /// explicit row, or the national total and the share's base year it was derived from.
    fn iu_bedragen(&self) -> Vec<(Herkomst, Option<i32>, i32)> {
        let d = self.d;
        let mut uit = Vec::new();
        let rijen = PerGemeente::iu(d);
        for jaar in self.inst.jaren() {
            for soort in [IuSoort::Uitvoering, IuSoort::Invoering] {
                for g in 0..d.gemeenten.len() {
                    match crate::berekening::iu_bron_in(d, rijen.van(g), g, jaar, soort) {
                        IuBron::Expliciet(r) => {
                            uit.push((r.herkomst.clone(), r.prijspeil, r.jaar));
                        }
                        IuBron::Aandeel { basis, totaal } => {
                            uit.push((basis.herkomst.clone(), basis.prijspeil, basis.jaar));
                            uit.push((totaal.herkomst.clone(), totaal.prijspeil, totaal.jaar));
                            if let Some(t0) = d
                                .rijksbudget
                                .iter()
                                .find(|r| r.jaar == basis.jaar && r.soort == soort)
                            {
                                uit.push((t0.herkomst.clone(), t0.prijspeil, t0.jaar));
                            }
                        }
                        IuBron::Maatstaven { totaal } => {
                            uit.push((totaal.herkomst.clone(), totaal.prijspeil, totaal.jaar));
                        }
                        IuBron::Geen => {}
                    }
                }
            }
        }
        uit.sort_by(|a, b| (a.0.regel, &a.0.bestand).cmp(&(b.0.regel, &b.0.bestand)));
        uit.dedup();
        uit
    }

    /// The years the gemeentefonds series is needed for (lopende prijzen): for every IU amount
    /// in use that is stated in a price level P, the years P+1 up to its own year.
    fn gemeentefonds_jaren(&self) -> Vec<i32> {
        let d = self.d;
        // Without any prijspeil nothing is indexed: skip the pass over every gemeente-year.
        if !d.iu.iter().any(|r| r.prijspeil.is_some())
            && !d.rijksbudget.iter().any(|r| r.prijspeil.is_some())
        {
            return Vec::new();
        }
        let mut jaren: Vec<i32> = self
            .iu_bedragen()
            .into_iter()
            .filter_map(|(_, p, jaar)| p.map(|p| (p + 1)..=jaar))
            .flatten()
            .collect();
        jaren.sort();
        jaren.dedup();
        jaren
    }

    /// In constante prijzen nothing is indexed, so an amount stated in the prices of another
    /// year than `basisjaar` counts as given, not converted: a warning per input table that has
    /// such amounts in use (with the price levels found).
    fn prijspeil(&mut self) {
        if self.inst.prijzen != Prijzen::Constant {
            return;
        }
        let b = self.inst.basisjaar;
        let per = self.andere_prijspeilen();
        for (tabel, (kolom, h, mut peilen)) in per {
            peilen.sort();
            peilen.dedup();
            let m = format!(
                "in constante prijzen (prijzen = \"constant\", basisjaar {b}) wordt niets \
                 geïndexeerd of teruggerekend: bedragen in {tabel} in prijzen van {} tellen zoals \
                 gegeven, als prijzen van {b}",
                jaren_tekst(&peilen)
            );
            self.waarschuw(h, kolom, m);
        }
    }

    /// Per table the amounts the run uses in a price level other than the basisjaar: (column,
    /// first row, those price levels).
    fn andere_prijspeilen(&self) -> BTreeMap<&'static str, (&'static str, Herkomst, Vec<i32>)> {
        let d = self.d;
        let inst = self.inst;
        let b = inst.basisjaar;
        let mut per: BTreeMap<&str, (&str, Herkomst, Vec<i32>)> = BTreeMap::new();
        let mut noteer = |tabel: &'static str, kolom: &'static str, h: &Herkomst, peil: i32| {
            if peil == b {
                return;
            }
            let e = per
                .entry(tabel)
                .or_insert_with(|| (kolom, h.clone(), Vec::new()));
            if h.regel < e.1.regel {
                e.1 = h.clone();
            }
            e.2.push(peil);
        };
        for (h, p, jaar) in self.iu_bedragen() {
            let tabel = if d.rijksbudget.iter().any(|r| r.herkomst == h) {
                "rijksbudget.csv"
            } else {
                "integratie_uitkering.csv"
            };
            noteer(
                tabel,
                if p.is_some() { "prijspeil" } else { "jaar" },
                &h,
                p.unwrap_or(jaar),
            );
        }
        for post in &d.formatie {
            if inst.jaren().any(|j| post.actief(j)) {
                noteer("formatie.csv", "prijspeil", &post.herkomst, post.prijspeil);
            }
        }
        if inst.voorzieningen == Voorzieningen::Routes {
            for k in &d.kosten {
                noteer(
                    "kosten_per_deelnemer.csv",
                    "prijspeil",
                    &k.herkomst,
                    k.prijspeil.unwrap_or(b),
                );
            }
        }
        // A tariff is in prices of its `jaar`.
        for t in geldende_tarieven(d, inst) {
            noteer("spuk_tarieven.csv", "jaar", &t.herkomst, t.jaar);
        }
        per
    }

    /// Taakstelling rows in `instroom.csv` are converted to inburgeringsplichtigen with the
    /// scenario's share: a visible assumption (a warning per doelgroep); a share without
    /// taakstelling rows is not used (a warning too). A missing share is an error in
    /// `invoer::scenario::check`.
    fn taakstelling(&mut self) {
        let d = self.d;
        let inst = self.inst;
        for dg in Doelgroep::ALLE {
            let rijen: Vec<&crate::instroom::InstroomRegel> = d.taakstelling(dg).collect();
            let aandeel = inst.instroom.aandeel(dg);
            match (rijen.first(), aandeel) {
                (Some(eerste), Some(p)) => {
                    let nl = |x: rust_decimal::Decimal| crate::opmaak::decimaal_nl(x);
                    let h = Herkomst::new(eerste.herkomst.bestand.clone(), 0);
                    let m = format!(
                        "{} regel(s) {} zijn een taakstelling (inclusief minderjarigen en \
                         vrijgestelden); omgerekend naar inburgeringsplichtigen met {} % \
                         (aanname uit het scenario, [instroom] aandeel_inburgeringsplichtig), \
                         bijv. {} × {} % = {} (regel {})",
                        rijen.len(),
                        dg.id(),
                        nl(p),
                        nl(eerste.aantal),
                        nl(p),
                        nl(eerste.aantal * p / rust_decimal::Decimal::ONE_HUNDRED),
                        eerste.herkomst.regel
                    );
                    self.waarschuw(h, "soort", m);
                }
                (None, Some(p)) => {
                    let h = self.bestand("instroom.csv");
                    let m = format!(
                        "het scenario zet [instroom] aandeel_inburgeringsplichtig {} = {}, maar \
                         instroom.csv heeft geen taakstelling voor {}: het aandeel wordt niet \
                         gebruikt (de aantallen zijn al inburgeringsplichtigen)",
                        dg.id(),
                        crate::opmaak::decimaal_nl(p),
                        dg.id()
                    );
                    self.waarschuw(h, "soort", m);
                }
                _ => {}
            }
        }
    }

    /// A doorstroom row for a route (or a switch to a route) of a doelgroep that has no costs
    /// in `kosten_per_deelnemer.csv`: those participants cost nothing.
    fn doorstroom(&mut self) {
        let d = self.d;
        if self.inst.voorzieningen != Voorzieningen::Routes {
            return;
        }
        let mut gemeld: Vec<(Doelgroep, crate::routeverdeling::Route)> = Vec::new();
        for x in &d.doorstroom.regels {
            for (route, kolom) in [(Some(x.route), "route"), (x.naar_route, "naar_route")] {
                let Some(route) = route else { continue };
                let heeft = d
                    .kosten
                    .iter()
                    .any(|k| k.doelgroep == x.doelgroep && k.route() == Some(route));
                if heeft || gemeld.contains(&(x.doelgroep, route)) {
                    continue;
                }
                gemeld.push((x.doelgroep, route));
                let naam = format!("{route:?}").to_lowercase();
                let m = format!(
                    "doorstroom voor route {naam} ({}), maar kosten_per_deelnemer.csv heeft geen kosten \
                     voor {naam} ({}): deze deelnemers kosten niets",
                    x.doelgroep.id(),
                    x.doelgroep.id()
                );
                self.waarschuw(x.herkomst.clone(), kolom, m);
            }
        }
    }

    /// Input files present but not used by this scenario, and optional files its mode relies on.
    fn bestanden(&mut self) {
        for (naam, reden) in self.ongebruikt() {
            let h = self.bestand(naam);
            self.waarschuw(
                h,
                "",
                format!("wordt in dit scenario niet gebruikt ({reden}); de getallen erin tellen niet mee"),
            );
        }
        if !self.d.aanwezig("spuk_beschikking.csv") && self.inst.spuk == SpukBron::Beschikking {
            let h = self.bestand("spuk_beschikking.csv");
            self.waarschuw(
                h,
                "",
                "bestand ontbreekt: de SPUK is in alle jaren geraamd uit instroom × tarieven, zonder beschikking".into(),
            );
        }
    }

    /// The input files present that this scenario does not use, with the reason. Long by
    /// design: a table with one rule per optional file, read top to bottom.
    fn ongebruikt(&self) -> Vec<(&'static str, &'static str)> {
        let d = self.d;
        let inst = self.inst;
        let spuk = inst.voorzieningen != Voorzieningen::Routes;
        let dekking_iu = |regel: &dyn Fn(&Dekking) -> bool| {
            self.toets
                .dekking
                .iter()
                .any(|x| x.tabel == "integratie_uitkering.csv" && regel(x))
        };
        let onderwijs = || {
            d.tarieven
                .regels
                .iter()
                .any(|t| t.component == Component::Onderwijsroute && !t.bedrag.is_zero())
        };
        // Per file present: whether this scenario leaves it unused, and why.
        let regels: [(&'static str, &dyn Fn() -> bool, &'static str); 7] = [
            (
                "kosten_per_deelnemer.csv",
                &|| spuk,
                "inburgeringsvoorzieningen = \"spuk\": de lasten zijn gelijk aan de SPUK",
            ),
            (
                "doorstroom.csv",
                &|| spuk,
                "inburgeringsvoorzieningen = \"spuk\": de lasten zijn gelijk aan de SPUK",
            ),
            (
                "verdeelsleutels.csv",
                &|| {
                    !d.formatie
                        .iter()
                        .any(|p| matches!(p.sleutel, Sleutel::Eigen(_)))
                },
                "geen post in formatie.csv gebruikt een eigen sleutel",
            ),
            (
                "rijksbudget.csv",
                &|| !dekking_iu(&|x| x.status == DekkingStatus::Gevuld),
                "elke IU in de scenariojaren staat in integratie_uitkering.csv",
            ),
            (
                "iu_maatstaven.csv",
                &|| !dekking_iu(&|x| x.regel.starts_with("maatstaven")),
                "geen gemeente krijgt haar IU uit de maatstaven",
            ),
            (
                "routeverdeling.csv",
                &|| spuk && !onderwijs(),
                "het scenario rekent niet met routes en er is geen tarief onderwijsroute",
            ),
            (
                "instroom.csv",
                &|| self.instroom_nodig().is_empty(),
                "de SPUK komt uit beschikkingen en het scenario rekent niet met routes",
            ),
        ];
        regels
            .iter()
            .filter(|(naam, ongebruikt, _)| d.aanwezig(naam) && ongebruikt())
            .map(|(naam, _, reden)| (*naam, *reden))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::jaren_tekst;

    #[test]
    fn year_lists_read_as_ranges() {
        assert_eq!(jaren_tekst(&[2023]), "2023");
        assert_eq!(jaren_tekst(&[2023, 2024]), "2023, 2024");
        assert_eq!(jaren_tekst(&[2023, 2024, 2025, 2027]), "2023–2025, 2027");
    }
}
