//! The State's money: `iu.csv`, `spuk_beschikking.csv`, `rijksbudget.csv` and
//! `maatstaven.csv`.

use super::*;

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

pub(super) fn laad_iu(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<IuRegel>, Fout> {
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

pub(super) fn laad_beschikkingen(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<Beschikking>, Fout> {
    let rijen: Vec<Rij<BeschikkingRij>> = m.lees(&schema::SPUK_BESCHIKKING)?;
    // The first row of each gemeente, year, status and regeling, for the duplicate check by
    // lookup.
    let mut eerder: Eerder = FxHashMap::default();
    let (uit, mut fouten) = per_rij(rijen, Vec::<Beschikking>::new(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
            Ok(g) => lees_beschikking(uit, &mut eerder, r, g, h, fouten),
            Err(e) => fouten.push(e),
        }
    });
    check_nader_voorlopig(&uit, &eerder, gemeenten, &mut fouten);
    klaar(uit, fouten)
}

/// Per gemeente, year, status and regeling the index of its first beschikking.
type Eerder = FxHashMap<(usize, i32, SpukStatus, Regeling), usize>;

/// One beschikking of a known gemeente `g`: a second one for the same gemeente, year, status
/// and regeling is reported; counts and month checked.
fn lees_beschikking(
    uit: &mut Vec<Beschikking>,
    eerder: &mut Eerder,
    r: BeschikkingRij,
    g: usize,
    h: Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
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
    let maand = check_maand(r.status, r.maand, &h, fouten);
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

/// A nader voorlopige beschikking changes a voorlopige one: it needs one for that gemeente,
/// year and regeling.
fn check_nader_voorlopig(
    uit: &[Beschikking],
    eerder: &Eerder,
    gemeenten: &Gemeenten,
    fouten: &mut Vec<InvoerFout>,
) {
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
}

/// The month from which a nader voorlopige beschikking's advances follow it: 1–12, given only
/// for that status.
fn check_maand(
    status: SpukStatus,
    maand: Option<i32>,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Option<u32> {
    match (status, maand) {
        (SpukStatus::NaderVoorlopig, Some(m)) if (1..=12).contains(&m) => Some(m as u32),
        (SpukStatus::NaderVoorlopig, Some(m)) => {
            fouten.push(fout(
                h,
                "maand",
                format!("{m} is geen maand; verwacht 1 tot en met 12"),
            ));
            None
        }
        (SpukStatus::NaderVoorlopig, None) => {
            fouten.push(fout(
                h,
                "maand",
                "leeg; een nader voorlopige beschikking heeft een maand (1–12) nodig \
                 vanaf wanneer de voorschotten het nieuwe bedrag volgen",
            ));
            None
        }
        (st, Some(m)) => {
            fouten.push(fout(
                h,
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
    }
}

#[derive(Deserialize)]
struct RijksRij {
    jaar: i32,
    soort: IuSoort,
    bedrag: Decimal,
    #[serde(default)]
    prijspeil: Option<i32>,
}

pub(super) fn laad_rijksbudget(m: &Map) -> Result<Vec<RijksBudget>, Fout> {
    let rijen: Vec<Rij<RijksRij>> = m.lees_optioneel(&schema::RIJKSBUDGET)?;
    let (uit, fouten) = per_rij(rijen, Vec::<RijksBudget>::new(), |uit, r, h, fouten| {
        check_jaar(r.jaar, &h, "jaar", fouten);
        check_bedrag(r.bedrag, &h, "bedrag", fouten);
        check_prijspeil(r.prijspeil, r.jaar, &h, fouten);
        if let Some(d) = uit.iter().find(|x| x.jaar == r.jaar && x.soort == r.soort) {
            fouten.push(dubbel(&h, "soort", &d.herkomst));
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

pub(super) fn laad_maatstaven(m: &Map) -> Result<Vec<Maatstaf>, Fout> {
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
