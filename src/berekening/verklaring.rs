//! Why a booking holds its amount: the rule in words with its own figures, the amount that rule
//! gives, and the input rows behind it. The one-hop trace a spreadsheet cannot give.
//!
//! Computed on demand from the same [`Model`] the engine used (a child of `berekening`, so it
//! reads the model's lookups), not stored in every booking: the exact reruns of the risk
//! analysis stay free of text. `uitkomst` is recomputed term by term from what the text shows,
//! and a test holds it equal to the booked amount for every booking of every shipped scenario.

use super::{Afrekening, IuBron, Model, SpukBaten, SpukBron, Voorzieningen, rijksbudget};
use crate::formatie::Sleutel;
use crate::fout::{Herkomst, InvoerFout};
use crate::indexatie::IndexSoort;
use crate::instroom::Doelgroep;
use crate::ledger::{Boeking, Ledger, Soort};
use crate::opmaak::{euro_centen, fte_tekst, getal_nl};
use crate::post::PostId;
use crate::routeverdeling::Route;
use crate::tarief::Component;
use crate::uitkering::{IuSoort, Regeling, Stand};
use crate::verdeelsleutel::{op_centen, verdeel};
use crate::voorziening::KostenRegel;
use rust_decimal::Decimal;

/// The explanation of one booking.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verklaring {
    /// The rule in Dutch with its figures, e.g. "fte 4,0 × € 94.000,00 × loonindex 1,0000 =
    /// € 376.000,00, verdeeld met sleutel iu_uitvoering over SDD-mandaat: aandeel 55,83 %".
    pub regel: String,
    /// The amount the rule gives, to the cent (`None` where the booking is not computed here,
    /// e.g. a reserve line).
    pub uitkomst: Option<Decimal>,
    /// The input rows behind the amount (file and row; their `bron` is in the run's
    /// `bronnen`), without duplicates, in the order the rule uses them.
    pub rijen: Vec<Herkomst>,
}

impl Verklaring {
    fn rij(&mut self, h: &Herkomst) {
        if h.regel > 0 && !self.rijen.contains(h) {
            self.rijen.push(h.clone());
        }
    }
}

/// A factor the Dutch way with four decimals: 1,0300.
fn factor(x: Decimal) -> String {
    let mut x = x.round_dp(4);
    x.rescale(4);
    x.to_string().replace('.', ",")
}

/// A count or share the Dutch way: 44, 12,6, 45,0 (at most two decimals shown).
fn getal(x: Decimal) -> String {
    let r = x.round_dp(2).normalize();
    let heel = getal_nl(r.trunc());
    let frac = (r - r.trunc()).abs();
    if frac.is_zero() {
        heel
    } else {
        let f = frac.to_string();
        let teken = if r.is_sign_negative() && r.trunc().is_zero() {
            "-"
        } else {
            ""
        };
        format!("{teken}{heel},{}", f.trim_start_matches("0."))
    }
}

fn procent(x: Decimal) -> String {
    let mut p = (x * Decimal::ONE_HUNDRED).round_dp(2);
    p.rescale(2);
    format!("{} %", p.to_string().replace('.', ","))
}

/// Explains booking `b` of `ledger`, made with model `m` (the model of the run's ledger, see
/// [`super::model_voor_ledger`]) and the run's settlement table.
pub fn verklaar(
    m: &Model,
    afrekening: &[Afrekening],
    ledger: &Ledger,
    b: &Boeking,
) -> Result<Verklaring, InvoerFout> {
    let d = m.d;
    let inst = m.inst;
    // Actuals booked over the raming.
    if inst.realisatie_tot.is_some_and(|t| b.jaar <= t)
        && let Some(r) = d
            .realisatie
            .iter()
            .find(|r| r.gemeente == b.gemeente && r.jaar == b.jaar && r.post == b.post)
    {
        let mut v = Verklaring {
            regel: format!("realisatie geboekt: {}", euro_centen(r.bedrag)),
            uitkomst: Some(r.bedrag),
            ..Verklaring::default()
        };
        v.rij(&r.herkomst);
        return Ok(v);
    }
    let mut v = match &b.post {
        PostId::IuUitvoering => iu(m, b, IuSoort::Uitvoering)?,
        PostId::IuInvoering => iu(m, b, IuSoort::Invoering)?,
        PostId::Spuk => spuk(m, afrekening, b)?,
        PostId::SpukOnderwijsroute => spuk_onderwijsroute(m, b)?,
        PostId::Inburgeringsvoorzieningen if inst.voorzieningen == Voorzieningen::Spuk => {
            doorgegeven(m, afrekening, ledger, b)?
        }
        PostId::Voorziening(_) if inst.voorzieningen == Voorzieningen::Routes => routes(m, b)?,
        p if d.formatie.iter().any(|x| x.post == *p && x.actief(b.jaar)) => formatie(m, b)?,
        PostId::ToevoegingReserve | PostId::OnttrekkingReserve => Verklaring {
            regel: "uit de bestemmingsreserve van het scenario ([reserve]): wat de IU-uitvoering \
                    overhoudt wordt toegevoegd, een tekort wordt onttrokken tot het plafond"
                .into(),
            ..Verklaring::default()
        },
        _ => Verklaring {
            regel: format!("geen regel bekend voor post '{}'", b.post),
            ..Verklaring::default()
        },
    };
    vul_aan(m, b, &mut v);
    Ok(v)
}

/// What holds for every kind of line: instroom given as taakstelling, the raming standing in
/// for missing actuals, and who executes the cost when it is not the gemeente itself.
fn vul_aan(m: &Model, b: &Boeking, v: &mut Verklaring) {
    let (d, inst) = (m.d, m.inst);
    // Instroom given as taakstelling: the heads above are inburgeringsplichtigen.
    let omgerekend: Vec<String> = Doelgroep::ALLE
        .iter()
        .filter(|dg| d.taakstelling(**dg).any(|r| v.rijen.contains(&r.herkomst)))
        .filter_map(|dg| {
            inst.instroom
                .aandeel(*dg)
                .map(|p| format!("{} {} %", dg.id(), getal(p)))
        })
        .collect();
    if !omgerekend.is_empty() {
        v.regel.push_str(&format!(
            "; instroom gegeven als taakstelling, omgerekend naar inburgeringsplichtigen met \
             het aandeel uit het scenario ({})",
            omgerekend.join(", ")
        ));
    }
    if inst.realisatie_tot.is_some_and(|t| b.jaar <= t) && v.uitkomst.is_some() {
        v.regel.push_str(
            "; geen realisatie geboekt, dus de raming (realisatie_ontbreekt = \"raming\")",
        );
    }
    match &b.uitvoerder {
        crate::uitvoerder::Uitvoerder::Regio(r) => v
            .regel
            .push_str(&format!("; bijdrage aan regionaal orgaan {r}")),
        crate::uitvoerder::Uitvoerder::Partner(p) => {
            v.regel.push_str(&format!("; subsidie aan partner {p}"))
        }
        crate::uitvoerder::Uitvoerder::Gemeente => {}
    }
}

fn iu(m: &Model, b: &Boeking, soort: IuSoort) -> Result<Verklaring, InvoerFout> {
    let d = m.d;
    let naam = match soort {
        IuSoort::Uitvoering => "IU uitvoering",
        IuSoort::Invoering => "IU invoering",
    };
    let mut v = Verklaring {
        uitkomst: m.iu(b.gemeente, b.jaar, soort)?,
        ..Verklaring::default()
    };
    let bedrag = |x, p, jaar, h: &Herkomst| iu_bedrag(m, x, p, jaar, h);
    match m.iu_bron(b.gemeente, b.jaar, soort) {
        IuBron::Expliciet(r) => {
            v.regel = format!(
                "{naam} {} gegeven: {}",
                b.jaar,
                bedrag(r.bedrag, r.prijspeil, r.jaar, &r.herkomst)?
            );
            if r.prijspeil.is_some() {
                v.regel.push_str(&format!(
                    " = {}",
                    euro_centen(v.uitkomst.unwrap_or_default())
                ));
            }
            v.rij(&r.herkomst);
        }
        IuBron::Aandeel { basis, totaal } => {
            v.regel = aandeel_regel(m, b, soort, (basis, totaal), v.uitkomst)?;
            v.rij(&basis.herkomst);
            for r in d
                .rijksbudget
                .iter()
                .filter(|r| r.soort == soort && (r.jaar == basis.jaar || r.jaar == b.jaar))
            {
                v.rij(&r.herkomst);
            }
        }
        IuBron::Maatstaven { totaal } => {
            v.regel = maatstaven_regel(m, b, totaal)?;
            v.rij(&d.gemeenten.lijst[b.gemeente].herkomst);
            for x in &d.maatstaven {
                v.rij(&x.herkomst);
            }
            for r in d
                .rijksbudget
                .iter()
                .filter(|r| r.soort == soort && r.jaar == b.jaar)
            {
                v.rij(&r.herkomst);
            }
        }
        IuBron::Geen => v.regel = format!("geen {naam} voor {}", b.jaar),
    }
    Ok(v)
}

/// The rule of an IU from a share: the gemeente's amount in the basis year over that year's
/// national total, times this year's national total.
fn aandeel_regel(
    m: &Model,
    b: &Boeking,
    soort: IuSoort,
    (basis, totaal): (&crate::uitkering::IuRegel, &crate::uitkering::RijksBudget),
    uitkomst: Option<Decimal>,
) -> Result<String, InvoerFout> {
    let bedrag = |x, p, jaar, h: &Herkomst| iu_bedrag(m, x, p, jaar, h);
    let t0 = match rijksbudget(m.d, basis.jaar, soort) {
        Some(r) => bedrag(r.bedrag, r.prijspeil, r.jaar, &r.herkomst)?,
        None => euro_centen(Decimal::ONE),
    };
    Ok(format!(
        "aandeel {}: {} / rijksbudget {} {} × rijksbudget {} {} = {}",
        basis.jaar,
        bedrag(basis.bedrag, basis.prijspeil, basis.jaar, &basis.herkomst)?,
        basis.jaar,
        t0,
        b.jaar,
        bedrag(
            totaal.bedrag,
            totaal.prijspeil,
            totaal.jaar,
            &totaal.herkomst
        )?,
        euro_centen(uitkomst.unwrap_or_default())
    ))
}

/// An IU amount as the rule uses it: nominal as given, or in prices of its prijspeil × the
/// gemeentefonds index (lopende prijzen).
fn iu_bedrag(
    m: &Model,
    x: Decimal,
    p: Option<i32>,
    jaar: i32,
    h: &Herkomst,
) -> Result<String, InvoerFout> {
    Ok(match p {
        None => euro_centen(x),
        Some(p) => {
            let f = m.index(IndexSoort::Gemeentefonds, p, jaar, h)?;
            format!(
                "({} in prijzen van {p} × gemeentefondsindex {})",
                euro_centen(x),
                factor(f)
            )
        }
    })
}

/// The rule of an IU from the maatstaven: each maatstaf's weight × the gemeente's value over
/// the national total, over the sum of the weights, × the national budget of the year.
fn maatstaven_regel(
    m: &Model,
    b: &Boeking,
    totaal: &crate::uitkering::RijksBudget,
) -> Result<String, InvoerFout> {
    let d = m.d;
    let gem = &d.gemeenten.lijst[b.gemeente];
    let delen: Vec<String> = d
        .maatstaven
        .iter()
        .map(|x| {
            let w = match x.maatstaf.as_str() {
                "inwoners" => gem.inwoners,
                _ => gem.niet_westers,
            };
            format!(
                "{} × {} {} / {}",
                getal(x.gewicht),
                x.maatstaf,
                getal(w.unwrap_or_default()),
                getal(x.landelijk_totaal)
            )
        })
        .collect();
    let gewicht: Decimal = d.maatstaven.iter().map(|x| x.gewicht).sum();
    Ok(format!(
        "maatstaven ({}) / {} × rijksbudget {} {}",
        delen.join(" + "),
        getal(gewicht),
        b.jaar,
        iu_bedrag(
            m,
            totaal.bedrag,
            totaal.prijspeil,
            totaal.jaar,
            &totaal.herkomst
        )?
    ))
}

/// The instroom rows behind a cohort (own or projected rows carry their source row).
fn instroom_rijen(m: &Model, v: &mut Verklaring, g: usize, jaar: i32, dg: Doelgroep) {
    for r in m
        .instroom
        .regels
        .iter()
        .filter(|r| r.gemeente == g && r.jaar == jaar && r.doelgroep == dg)
    {
        v.rij(&r.herkomst);
    }
}

fn beschikking(v: &mut Verklaring, stand: &Stand, wat: &str) -> bool {
    let Some(x) = stand.laatste() else {
        return false;
    };
    v.regel = format!(
        "{wat}-beschikking {} ({}): {}",
        x.jaar,
        x.status.id().replace('_', " "),
        euro_centen(x.bedrag)
    );
    v.uitkomst = Some(x.bedrag);
    v.rij(&x.herkomst);
    true
}

/// The SPUK forecast written out per cohort: heads × (Σ components of the tariff in force ×
/// tarieven index).
fn spuk_prognose(m: &Model, v: &mut Verklaring, g: usize, jaar: i32) -> Result<(), InvoerFout> {
    let d = m.d;
    let mut termen = Vec::new();
    let mut som = Decimal::ZERO;
    for dg in Doelgroep::ALLE {
        for t in 1..=d.tarieven.teljaren(dg) {
            let cohort = jaar - (t as i32 - 1);
            let koppen = m.koppen(g, cohort, dg);
            if koppen.is_zero() {
                continue;
            }
            let mut per_hoofd = Decimal::ZERO;
            let mut rijen = Vec::new();
            for c in Component::VOORZIENINGEN {
                if let Some(tar) = d.tarieven.geldend(dg, c, t, jaar) {
                    let f = m.index(IndexSoort::Tarieven, tar.jaar, jaar, &tar.herkomst)?;
                    per_hoofd += tar.bedrag * f;
                    som += koppen * tar.bedrag * f;
                    rijen.push(tar.herkomst.clone());
                }
            }
            if rijen.is_empty() {
                continue;
            }
            termen.push(format!(
                "{} cohort {cohort} (teljaar {t}): {} × {}",
                dg.id(),
                getal(koppen),
                euro_centen(per_hoofd)
            ));
            instroom_rijen(m, v, g, cohort, dg);
            for h in &rijen {
                v.rij(h);
            }
        }
    }
    v.regel = if termen.is_empty() {
        "SPUK-raming: geen getelde inburgeringsplichtigen".into()
    } else {
        format!(
            "SPUK-raming uit volumes: {} (tarief per hoofd × tarievenindex)",
            termen.join(" + ")
        )
    };
    v.uitkomst = Some(op_centen(som));
    Ok(())
}

fn spuk(m: &Model, afrekening: &[Afrekening], b: &Boeking) -> Result<Verklaring, InvoerFout> {
    let (g, jaar) = (b.gemeente, b.jaar);
    let mut v = Verklaring::default();
    let stand = m.stand(g, jaar, Regeling::Voorzieningen);
    let gegeven = m.inst.spuk == SpukBron::Beschikking && beschikking(&mut v, &stand, "SPUK");
    if !gegeven {
        spuk_prognose(m, &mut v, g, jaar)?;
    }
    let inst = m.inst;
    if inst.spuk_baten == SpukBaten::BesteSchatting
        && inst.realisatie_tot.is_none_or(|t| jaar > t)
        && let Some(a) = afrekening
            .iter()
            .find(|a| a.gemeente == g && a.jaar == jaar && a.regeling == Regeling::Voorzieningen)
    {
        v.regel.push_str(&format!(
            "; geboekt als beste schatting van de definitieve SPUK (spuk_baten = \"beste_schatting\"): {}",
            euro_centen(a.uitkomst())
        ));
        v.uitkomst = Some(a.uitkomst());
    }
    Ok(v)
}

fn spuk_onderwijsroute(m: &Model, b: &Boeking) -> Result<Verklaring, InvoerFout> {
    let (g, jaar) = (b.gemeente, b.jaar);
    let mut v = Verklaring::default();
    let stand = m.stand(g, jaar, Regeling::Onderwijsroute);
    if m.inst.spuk == SpukBron::Beschikking && beschikking(&mut v, &stand, "SPUK onderwijsroute") {
        return Ok(v);
    }
    let mut termen = Vec::new();
    let mut som = Decimal::ZERO;
    for dg in Doelgroep::ALLE {
        let koppen = m.koppen(g, jaar, dg);
        if koppen.is_zero() {
            continue;
        }
        if let Some(per_hoofd) = m.onderwijsroute_aanvulling(dg, jaar)? {
            let aandeel = m.aandeel(dg, Route::Onderwijs);
            som += koppen * aandeel / Decimal::ONE_HUNDRED * per_hoofd;
            termen.push(format!(
                "{} {} × onderwijsroute {} % × aanvulling {}",
                dg.id(),
                getal(koppen),
                getal(aandeel),
                euro_centen(per_hoofd)
            ));
            instroom_rijen(m, &mut v, g, jaar, dg);
            for c in [Component::Onderwijsroute, Component::Leerroute] {
                for t in 1..=m.d.tarieven.teljaren(dg).max(1) {
                    if let Some(tar) = m.d.tarieven.geldend(dg, c, t, jaar) {
                        v.rij(&tar.herkomst);
                    }
                }
            }
        }
    }
    v.regel = format!(
        "aanvulling tot de gegarandeerde trajectprijs onderwijsroute: {}",
        termen.join(" + ")
    );
    v.uitkomst = Some(op_centen(som));
    Ok(v)
}

/// Inburgeringsvoorzieningen budgeted equal to the SPUK: the SPUK lines of the same gemeente
/// and year, with their rows.
fn doorgegeven(
    m: &Model,
    afrekening: &[Afrekening],
    ledger: &Ledger,
    b: &Boeking,
) -> Result<Verklaring, InvoerFout> {
    let mut v = Verklaring::default();
    let mut delen = Vec::new();
    let mut som = Decimal::ZERO;
    for x in ledger.boekingen.iter().filter(|x| {
        x.gemeente == b.gemeente && x.jaar == b.jaar && x.soort == Soort::Baten && x.post.is_spuk()
    }) {
        // The SPUK as raming: in a year with actuals the SPUK line may hold the actual, while
        // this line was set from the raming before actuals were booked.
        let onder = if x.post == PostId::Spuk {
            spuk(m, afrekening, x)?
        } else {
            spuk_onderwijsroute(m, x)?
        };
        let bedrag = onder.uitkomst.unwrap_or(x.bedrag);
        som += bedrag;
        delen.push(format!("{} {}", x.omschrijving(), euro_centen(bedrag)));
        for h in &onder.rijen {
            v.rij(h);
        }
    }
    v.regel = format!(
        "gelijk aan de SPUK-baten (inburgeringsvoorzieningen = \"spuk\"): {}",
        delen.join(" + ")
    );
    v.uitkomst = Some(som);
    Ok(v)
}

fn formatie(m: &Model, b: &Boeking) -> Result<Verklaring, InvoerFout> {
    let d = m.d;
    let mut v = Verklaring::default();
    // A post id may span rows (ranges of years): the active one.
    let Some(post) = d
        .formatie
        .iter()
        .find(|p| p.post == b.post && p.actief(b.jaar) && p.deelnemers.contains(&b.gemeente))
    else {
        return Ok(v);
    };
    let Some(i) = post.deelnemers.iter().position(|g| *g == b.gemeente) else {
        return Ok(v);
    };
    let f = m.index(IndexSoort::Lonen, post.prijspeil, b.jaar, &post.herkomst)?;
    let kosten = m.post_kosten(post, b.jaar)?;
    let gewichten = m.sleutel_gewichten(post, b.jaar)?;
    let totaal: Decimal = gewichten.iter().sum();
    let deel = verdeel(kosten, &gewichten, 2).map(|x| x[i]);
    let aandeel = if totaal.is_zero() {
        Decimal::ZERO
    } else {
        gewichten[i] / totaal
    };
    let verdeling = if post.deelnemers.len() == 1 {
        format!("geheel voor {}", d.gemeenten.naam(b.gemeente))
    } else {
        format!(
            "verdeeld met sleutel {} over {}: aandeel {} ({} van {})",
            post.sleutel.naam(),
            post.deelnemers_naam,
            procent(aandeel),
            getal(gewichten[i]),
            getal(totaal)
        )
    };
    v.regel = format!(
        "fte {} × {} × loonindex {} (prijspeil {}) = {}, {verdeling}",
        fte_tekst(m.fte(post, b.jaar)),
        euro_centen(post.kosten_per_fte),
        factor(f),
        post.prijspeil,
        euro_centen(kosten)
    );
    v.uitkomst = deel;
    v.rij(&post.herkomst);
    sleutel_rijen(m, b, &post.sleutel, &mut v);
    Ok(v)
}

/// The input rows a post's verdeelsleutel read for the gemeente of `b`.
fn sleutel_rijen(m: &Model, b: &Boeking, sleutel: &Sleutel, v: &mut Verklaring) {
    let d = m.d;
    match sleutel {
        Sleutel::IuUitvoering => {
            if let Some(x) = d.iu.iter().find(|r| {
                r.gemeente == b.gemeente && r.jaar == b.jaar && r.soort == IuSoort::Uitvoering
            }) {
                v.rij(&x.herkomst);
            } else if let IuBron::Aandeel { basis, .. } =
                m.iu_bron(b.gemeente, b.jaar, IuSoort::Uitvoering)
            {
                v.rij(&basis.herkomst);
            }
        }
        Sleutel::Inwoners | Sleutel::NietWesters => v.rij(&d.gemeenten.lijst[b.gemeente].herkomst),
        Sleutel::Instroom => {
            for dg in Doelgroep::ALLE {
                instroom_rijen(m, v, b.gemeente, b.jaar, dg);
            }
        }
        Sleutel::Gelijk => {}
        Sleutel::Eigen(naam) => {
            if let Some(s) = d.sleutels.iter().find(|s| &s.naam == naam) {
                v.rij(&s.herkomst);
            }
        }
    }
}

/// The expected participants of a cost row in `jaar` (with doorstroom: the cohorts still in
/// that route year; without: the cohort that started `jaar_index − 1` years before, × the
/// route share), with how they were counted; their instroom rows go to `v`.
fn deelnemers(
    m: &Model,
    v: &mut Verklaring,
    g: usize,
    jaar: i32,
    k: &KostenRegel,
) -> (Decimal, String) {
    match (k.route(), &m.deelname) {
        (Some(r), Some(deelname)) => {
            let mut n = Decimal::ZERO;
            for (na, x) in deelname
                .get(&(k.doelgroep, r, k.jaar_index))
                .into_iter()
                .flatten()
            {
                n += m.koppen(g, jaar - na, k.doelgroep) * x;
                instroom_rijen(m, v, g, jaar - na, k.doelgroep);
            }
            (n, format!("routejaar {} (doorstroom)", k.jaar_index))
        }
        (route, _) => {
            let start = jaar - (k.jaar_index as i32 - 1);
            let mut n = m.koppen(g, start, k.doelgroep);
            instroom_rijen(m, v, g, start, k.doelgroep);
            if let Some(r) = route {
                n = n * m.aandeel(k.doelgroep, r) / Decimal::ONE_HUNDRED;
            }
            (n, format!("cohort {start}"))
        }
    }
}

/// Route-driven costs: per cost row, the expected participants this year × the cost per
/// participant × the price index.
fn routes(m: &Model, b: &Boeking) -> Result<Verklaring, InvoerFout> {
    let (g, jaar) = (b.gemeente, b.jaar);
    let mut v = Verklaring::default();
    let mut termen = Vec::new();
    let mut som = Decimal::ZERO;
    for k in m.d.kosten.iter().filter(|k| k.post().0 == b.post) {
        let prijs = m.index(
            IndexSoort::Prijzen,
            k.prijspeil.unwrap_or(m.inst.basisjaar),
            jaar,
            &k.herkomst,
        )?;
        let (deelnemers, wie) = deelnemers(m, &mut v, g, jaar, k);
        if deelnemers.is_zero() {
            continue;
        }
        som += deelnemers * k.bedrag * prijs;
        termen.push(format!(
            "{} {wie}: {} deelnemers × {} × prijsindex {}",
            k.doelgroep.id(),
            getal(deelnemers),
            euro_centen(k.bedrag),
            factor(prijs)
        ));
        v.rij(&k.herkomst);
        if let Some(r) = k.route()
            && let Some(x) =
                m.d.routeverdeling
                    .regels
                    .iter()
                    .find(|x| x.doelgroep == k.doelgroep && x.route == r)
        {
            v.rij(&x.herkomst);
        }
    }
    v.regel = format!("kosten per deelnemer: {}", termen.join(" + "));
    v.uitkomst = Some(op_centen(som));
    Ok(v)
}
