//! `instroom.csv` (prognose and realised volumes) and `realisatie.csv` (booked actuals).

use super::*;

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
pub(super) fn laad_instroom(m: &Map, gemeenten: &Gemeenten) -> Result<(Instroom, Instroom), Fout> {
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
            let Some(soort) = lees_soort(r.soort.as_deref(), &h, fouten) else {
                return;
            };
            match zoek_gemeente(gemeenten, &r.gemeente, &h, "gemeente") {
                Ok(g) => {
                    match gezien.entry((versie, g, r.jaar, r.doelgroep)) {
                        std::collections::hash_map::Entry::Occupied(e) => {
                            fouten.push(dubbel(&h, "doelgroep", &uit.regels[*e.get()].herkomst));
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

/// A row's `soort`: inburgeringsplichtigen (also when empty) or taakstelling; `None` when
/// neither (reported).
fn lees_soort(
    soort: Option<&str>,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Option<InstroomSoort> {
    match soort.map(str::trim).unwrap_or("") {
        "" | "inburgeringsplichtigen" => Some(InstroomSoort::Inburgeringsplichtigen),
        "taakstelling" => Some(InstroomSoort::Taakstelling),
        ander => {
            fouten.push(fout(
                h,
                "soort",
                format!(
                    "'{ander}' is ongeldig; verwacht inburgeringsplichtigen of \
                         taakstelling (leeg = inburgeringsplichtigen)"
                ),
            ));
            None
        }
    }
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
pub(super) fn laad_realisatie(
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
                        fouten.push(dubbel(&h, "post", &d.herkomst));
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
