//! Calibration of the SPUK per-head amounts on the State's own beschikkingen. The yearly amounts
//! per component and counted year are published in the Regeling inburgering; where a controller
//! does not have them, the beschikkingen of a year and the volumes behind them imply the amount
//! per head per doelgroep in the first counted year. Least squares over the gemeenten, solved
//! exactly (normal equations in `Decimal`), rounded once to the cent. Pure: data in, table out.

use crate::berekening::{Instellingen, Model};
use crate::fout::{Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::indexatie::IndexSoort;
use crate::instroom::Doelgroep;
use crate::tarief::{Component, Tarief};
use crate::verdeelsleutel::{op_centen, verdeel};
use crate::waarschuwing::Waarschuwing;
use rust_decimal::Decimal;

/// One beschikking used in the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct KalibratieRegel {
    pub gemeente: usize,
    pub beschikking: Decimal,
    /// Heads in their first counted year behind the amount.
    pub asiel: Decimal,
    pub gezin: Decimal,
    /// Where the volumes come from (the beschikking's own columns or instroom.csv).
    pub volumes: String,
    /// The part of the beschikking for cohorts of earlier years (their later counted years,
    /// at the tariffs in the data); 0 in the first year of the law.
    pub eerdere_cohorten: Decimal,
    /// Recomputed with the rounded per-head amounts.
    pub herberekend: Decimal,
    /// Beschikking − herberekend.
    pub residu: Decimal,
    pub herkomst: Herkomst,
}

/// The result of a calibration.
#[derive(Debug, Clone, PartialEq)]
pub struct Kalibratie {
    pub jaar: i32,
    /// Per head in the first counted year, to the cent.
    pub asiel: Decimal,
    pub gezin: Decimal,
    pub regels: Vec<KalibratieRegel>,
    /// Beschikkingen of the year that could not be used, with the reason.
    pub overgeslagen: Vec<(usize, String)>,
    pub waarschuwingen: Vec<Waarschuwing>,
}

/// The default year: the first year with a beschikking (every counted head is then in its first
/// counted year).
pub fn standaard_jaar(d: &Gegevens) -> Option<i32> {
    d.beschikkingen.iter().map(|b| b.jaar).min()
}

/// Fits the per-head amounts of `jaar` on its beschikkingen.
pub fn kalibreer(d: &Gegevens, inst: &Instellingen, jaar: i32) -> Result<Kalibratie, InvoerFout> {
    let bestand = Herkomst::new(d.bestand("spuk_beschikking.csv"), 0);
    let m = Model::new(d, inst)?;
    let (mut regels, overgeslagen) = bruikbare_beschikkingen(d, inst, &m, jaar)?;
    if regels.len() < 2 {
        return Err(InvoerFout::new(
            bestand,
            "jaar",
            format!(
                "kan niet kalibreren op {jaar}: {} bruikbare beschikking(en); verwacht er ten minste 2 \
                 (met aantal_asiel en aantal_gezin, of instroom voor dat jaar){}",
                regels.len(),
                overgeslagen_tekst(d, &overgeslagen)
            ),
        ));
    }
    let (asiel, gezin) = kleinste_kwadraten(&regels, &bestand, jaar)?;
    let waarschuwingen = herbereken(d, &mut regels, asiel, gezin, &overgeslagen, &bestand);
    Ok(Kalibratie {
        jaar,
        asiel,
        gezin,
        regels,
        overgeslagen,
        waarschuwingen,
    })
}

/// The gemeenten whose beschikking was not used, each with the reason.
type Overgeslagen = Vec<(usize, String)>;

/// The beschikkingen of `jaar` that can be fitted, each with its volumes (stated with it, or
/// the instroom) and the cohorts of earlier years, and the gemeenten left out with the reason.
fn bruikbare_beschikkingen(
    d: &Gegevens,
    inst: &Instellingen,
    m: &Model,
    jaar: i32,
) -> Result<(Vec<KalibratieRegel>, Overgeslagen), InvoerFout> {
    let mut regels = Vec::new();
    let mut overgeslagen = Vec::new();
    // Volumes stated with a beschikking are the heads behind it; instroom is a forecast (or an
    // assumption derived from the beschikking itself). Once some beschikkingen of the year state
    // their volumes, only those are fitted.
    let met_aantallen = d.beschikkingen.iter().any(|b| {
        b.jaar == jaar
            && b.regeling == crate::uitkering::Regeling::Voorzieningen
            && b.aantal_asiel.is_some()
            && b.aantal_gezin.is_some()
    });
    for g in 0..d.gemeenten.len() {
        let Some(b) = d
            .beschikkingen
            .iter()
            .filter(|b| {
                b.gemeente == g
                    && b.jaar == jaar
                    && b.regeling == crate::uitkering::Regeling::Voorzieningen
            })
            .max_by_key(|b| b.status)
        else {
            continue;
        };
        let (asiel, gezin, volumes) = match volumes(d, inst, b, g, jaar, met_aantallen)? {
            Ok(v) => v,
            Err(reden) => {
                overgeslagen.push((g, reden));
                continue;
            }
        };
        regels.push(KalibratieRegel {
            gemeente: g,
            beschikking: b.bedrag,
            asiel,
            gezin,
            volumes,
            eerdere_cohorten: eerdere_cohorten(d, m, g, jaar)?,
            herberekend: Decimal::ZERO,
            residu: Decimal::ZERO,
            herkomst: b.herkomst.clone(),
        });
    }
    Ok((regels, overgeslagen))
}

/// The volumes behind gemeente `g`'s beschikking `b`: its own `aantal_asiel`/`aantal_gezin`,
/// else the instroom in inburgeringsplichtigen (unless other beschikkingen of the year state
/// theirs). `Ok(Err(reason))`: the beschikking is skipped; `Err`: one of the two counts given.
fn volumes(
    d: &Gegevens,
    inst: &Instellingen,
    b: &crate::uitkering::Beschikking,
    g: usize,
    jaar: i32,
    met_aantallen: bool,
) -> Result<Result<(Decimal, Decimal, String), String>, InvoerFout> {
    let eigen = (b.aantal_asiel, b.aantal_gezin);
    // The instroom in inburgeringsplichtigen (a taakstelling row × the scenario's share).
    let prognose = |dg: Doelgroep| {
        d.instroom
            .regel(g, jaar, dg)
            .map(|r| inst.instroom.plichtigen(r))
            .transpose()
    };
    let taakstelling = Doelgroep::ALLE.iter().any(|dg| {
        d.instroom
            .regel(g, jaar, *dg)
            .is_some_and(|r| r.soort == crate::instroom::InstroomSoort::Taakstelling)
    });
    Ok(match eigen {
        (Some(a), Some(z)) => Ok((a, z, format!("{}", b.herkomst))),
        (None, None) if met_aantallen => Err(format!(
            "geen aantal_asiel/aantal_gezin bij {}, terwijl andere beschikkingen van {jaar} hun \
             aantallen wel noemen; de instroom is een raming en telt dan niet mee",
            b.herkomst
        )),
        (None, None) => match (prognose(Doelgroep::Asiel)?, prognose(Doelgroep::Gezin)?) {
            (Some(a), Some(z)) => Ok((
                a,
                z,
                if taakstelling {
                    format!("instroom.csv {jaar} (taakstelling × aandeel inburgeringsplichtigen)")
                } else {
                    format!("instroom.csv {jaar}")
                },
            )),
            _ => Err(format!(
                "geen volumes: geen aantal_asiel/aantal_gezin bij {} en geen instroom {jaar} \
                 voor asiel en gezin",
                b.herkomst
            )),
        },
        _ => {
            return Err(InvoerFout::new(
                b.herkomst.clone(),
                if eigen.0.is_none() {
                    "aantal_asiel"
                } else {
                    "aantal_gezin"
                },
                "leeg terwijl de andere aantal-kolom gevuld is; verwacht beide aantallen achter \
                 de beschikking (0 mag) of beide leeg",
            ));
        }
    })
}

/// The per-head amounts for asiel and gezin from min Σ (B − E − a·A − z·G)², exact, rounded to
/// cents; an error when the beschikkingen cannot separate the two or give a negative amount.
fn kleinste_kwadraten(
    regels: &[KalibratieRegel],
    bestand: &Herkomst,
    jaar: i32,
) -> Result<(Decimal, Decimal), InvoerFout> {
    let (mut aa, mut gg, mut ag, mut ab, mut gb) = (
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
    );
    for r in regels {
        let doel = r.beschikking - r.eerdere_cohorten;
        aa += r.asiel * r.asiel;
        gg += r.gezin * r.gezin;
        ag += r.asiel * r.gezin;
        ab += r.asiel * doel;
        gb += r.gezin * doel;
    }
    let det = aa * gg - ag * ag;
    if det.is_zero() {
        return Err(InvoerFout::new(
            bestand.clone(),
            "aantal_asiel",
            format!(
                "kan niet kalibreren op {jaar}: de {} beschikkingen laten asiel en gezin niet uit elkaar halen \
                 (alle gemeenten hebben dezelfde verhouding asiel/gezin, of één doelgroep is overal 0); \
                 verwacht gemeenten met een verschillende verhouding",
                regels.len()
            ),
        ));
    }
    let asiel = op_centen((ab * gg - ag * gb) / det);
    let gezin = op_centen((aa * gb - ag * ab) / det);
    for (naam, x) in [("asiel", asiel), ("gezin", gezin)] {
        if x.is_sign_negative() && !x.is_zero() {
            return Err(InvoerFout::new(
                bestand.clone(),
                "bedrag",
                format!(
                    "de kalibratie op {jaar} geeft een negatief bedrag per hoofd voor {naam} ({x}); \
                     de beschikkingen en volumes passen niet bij elkaar. Controleer de aantallen"
                ),
            ));
        }
    }
    Ok((asiel, gezin))
}

/// Each beschikking recomputed with the fitted amounts and its residu; warnings for volumes
/// that cannot have given the amount and for the beschikkingen left out.
fn herbereken(
    d: &Gegevens,
    regels: &mut [KalibratieRegel],
    asiel: Decimal,
    gezin: Decimal,
    overgeslagen: &[(usize, String)],
    bestand: &Herkomst,
) -> Vec<Waarschuwing> {
    let mut waarschuwingen = Vec::new();
    for r in regels.iter_mut() {
        r.herberekend = op_centen(r.eerdere_cohorten + asiel * r.asiel + gezin * r.gezin);
        r.residu = r.beschikking - r.herberekend;
        if -r.residu > r.beschikking {
            waarschuwingen.push(Waarschuwing::new(
                r.herkomst.clone(),
                "bedrag",
                format!(
                    "de volumes van {} ({} asiel, {} gezin) geven {} en kunnen het bedrag {} niet hebben \
                     opgeleverd; controleer de aantallen",
                    d.gemeenten.naam(r.gemeente),
                    r.asiel.normalize(),
                    r.gezin.normalize(),
                    r.herberekend,
                    r.beschikking
                ),
            ));
        }
    }
    for (g, reden) in overgeslagen {
        waarschuwingen.push(Waarschuwing::new(
            bestand.clone(),
            "",
            format!(
                "beschikking van {} niet gebruikt: {reden}",
                d.gemeenten.naam(*g)
            ),
        ));
    }
    waarschuwingen
}

fn overgeslagen_tekst(d: &Gegevens, o: &[(usize, String)]) -> String {
    if o.is_empty() {
        return String::new();
    }
    format!(
        "; niet gebruikt: {}",
        o.iter()
            .map(|(g, r)| format!("{} ({r})", d.gemeenten.naam(*g)))
            .collect::<Vec<_>>()
            .join("; ")
    )
}

/// The SPUK voorzieningen of `jaar` for cohorts of earlier years (their counted years ≥ 2), at
/// the tariffs in the data: what the beschikking holds beyond the year's own new heads.
fn eerdere_cohorten(d: &Gegevens, m: &Model, g: usize, jaar: i32) -> Result<Decimal, InvoerFout> {
    let mut som = Decimal::ZERO;
    for dg in Doelgroep::ALLE {
        for t in 2..=d.tarieven.teljaren(dg) {
            let cohort = jaar - (t as i32 - 1);
            let koppen = match d.instroom.regel(g, cohort, dg) {
                Some(r) => m.inst().instroom.plichtigen(r)?,
                None => Decimal::ZERO,
            };
            if koppen.is_zero() {
                continue;
            }
            for c in Component::VOORZIENINGEN {
                if let Some(tar) = d.tarieven.geldend(dg, c, t, jaar) {
                    som = m
                        .factor(IndexSoort::Tarieven, tar.jaar, jaar)
                        .and_then(|f| koppen.checked_mul(tar.bedrag)?.checked_mul(f))
                        .and_then(|x| som.checked_add(x))
                        .ok_or_else(|| {
                            crate::fout::te_groot(
                                tar.herkomst.clone(),
                                format!("de SPUK {jaar} van eerdere cohorten"),
                            )
                        })?;
                }
            }
        }
    }
    Ok(som)
}

/// A tariff row written by the calibration, with its bron.
#[derive(Debug, Clone, PartialEq)]
pub struct TariefRegel {
    pub tarief: Tarief,
    pub bron: String,
}

/// Tariff rows for `spuk_tarieven.csv` that pay the calibrated amount per head in the first
/// counted year of `k.jaar`, keeping each doelgroep's total per head where it can: the other
/// components stay in the first year, the leerroute's first-year part is the calibrated amount
/// minus those, and the rest of the leerroute is spread evenly over the later counted years
/// (an assumption, said in the bron). Where the other components alone exceed the calibrated
/// amount, they are scaled to it (largest remainder, to the cent). They replace the rows of
/// `k.jaar` for the components of the SPUK voorzieningen; other rows stay as they are.
pub fn tariefregels(d: &Gegevens, k: &Kalibratie) -> Vec<TariefRegel> {
    let bron = |wat: &str| {
        format!(
            "gekalibreerd op de SPUK-beschikkingen {} ({} gemeenten, raming kalibreer); {wat}",
            k.jaar,
            k.regels.len()
        )
    };
    let mut uit = Vec::new();
    for (dg, per_hoofd) in [(Doelgroep::Asiel, k.asiel), (Doelgroep::Gezin, k.gezin)] {
        for (component, teljaar, bedrag, wat) in over_componenten(d, k.jaar, dg, per_hoofd) {
            uit.push(TariefRegel {
                tarief: Tarief {
                    jaar: k.jaar,
                    doelgroep: dg,
                    component,
                    teljaar,
                    bedrag,
                    jaar_tot: None,
                    herkomst: Herkomst::default(),
                },
                bron: bron(wat),
            });
        }
    }
    uit
}

/// A doelgroep's calibrated amount per head over the components and counted years of the
/// tariffs in force in `jaar`: (component, teljaar, bedrag, what was assumed), as
/// [`tariefregels`] describes.
fn over_componenten(
    d: &Gegevens,
    jaar: i32,
    dg: Doelgroep,
    per_hoofd: Decimal,
) -> Vec<(Component, u32, Decimal, &'static str)> {
    let teljaren = d.tarieven.teljaren(dg).max(1);
    let geldend = |c: Component, t: u32| {
        d.tarieven
            .geldend(dg, c, t, jaar)
            .map(|x| x.bedrag)
            .unwrap_or_default()
    };
    let leerroute: Decimal = (1..=teljaren)
        .map(|t| geldend(Component::Leerroute, t))
        .sum();
    let overig: Vec<(Component, Decimal)> = Component::VOORZIENINGEN
        .iter()
        .filter(|c| **c != Component::Leerroute)
        .map(|c| (*c, (1..=teljaren).map(|t| geldend(*c, t)).sum::<Decimal>()))
        .collect();
    let overig_som: Decimal = overig.iter().map(|(_, b)| *b).sum();
    if !(per_hoofd >= overig_som && per_hoofd - overig_som <= leerroute) {
        return geschaald(overig, leerroute, per_hoofd);
    }
    let mut uit = Vec::new();
    for (c, b) in &overig {
        uit.push((*c, 1, *b, "betaald in het eerste teljaar"));
    }
    let eerste = per_hoofd - overig_som;
    uit.push((
        Component::Leerroute,
        1,
        eerste,
        "leerroute eerste teljaar = bedrag per hoofd min de andere componenten",
    ));
    if teljaren > 1 {
        let delen = verdeel(
            leerroute - eerste,
            &vec![Decimal::ONE; teljaren as usize - 1],
            2,
        )
        .unwrap_or_default();
        for (i, b) in delen.into_iter().enumerate() {
            uit.push((
                Component::Leerroute,
                i as u32 + 2,
                b,
                "aanname: rest van de leerroute in gelijke delen over de latere teljaren",
            ));
        }
    }
    uit
}

/// Where the amount per head does not fit the components' totals: all components scaled to
/// it (largest remainder, to the cent), in the first counted year.
fn geschaald(
    overig: Vec<(Component, Decimal)>,
    leerroute: Decimal,
    per_hoofd: Decimal,
) -> Vec<(Component, u32, Decimal, &'static str)> {
    let mut delen = overig;
    delen.push((Component::Leerroute, leerroute));
    let gewichten: Vec<Decimal> = delen.iter().map(|(_, b)| *b).collect();
    let bedragen = verdeel(per_hoofd, &gewichten, 2).unwrap_or_else(|| {
        let mut v = vec![Decimal::ZERO; delen.len()];
        v[delen.len() - 1] = per_hoofd;
        v
    });
    delen
        .iter()
        .zip(bedragen)
        .map(|((c, _), b)| {
            (
                *c,
                1,
                b,
                "componenten naar verhouding geschaald op het bedrag per hoofd",
            )
        })
        .collect()
}
