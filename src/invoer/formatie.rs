//! `verdeelsleutels.csv` and `formatie.csv`: the regional team's posts and their keys.

use super::*;

#[derive(Deserialize)]
struct SleutelRij {
    sleutel: String,
    gemeente: String,
    aandeel: Decimal,
}

pub(super) fn laad_sleutels(m: &Map, gemeenten: &Gemeenten) -> Result<Vec<EigenSleutel>, Fout> {
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

pub(super) fn laad_formatie(
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
        check_jaar_volgorde(r.jaar_van, r.jaar_tot, &h, fouten);
        let sleutel = lees_sleutel(m, sleutels, &r.sleutel, &h, fouten);
        let namen = Namen {
            gemeenten,
            groepen,
            partners,
        };
        let deelnemers = namen
            .deelnemers(&r.deelnemers, &h, fouten)
            .unwrap_or_default();
        let uitvoerder = lees_uitvoerder(&namen, &r, &deelnemers, &h, fouten);
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

/// A post's key: built in, or one of verdeelsleutels.csv (an unknown one is reported).
fn lees_sleutel(
    m: &Map,
    sleutels: &[EigenSleutel],
    tekst: &str,
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Sleutel {
    let sleutel = Sleutel::lees(tekst);
    if let Sleutel::Eigen(naam) = &sleutel
        && !sleutels.iter().any(|s| &s.naam == naam)
    {
        let extra = if m.bestaat("verdeelsleutels.csv") {
            ""
        } else {
            " (verdeelsleutels.csv ontbreekt)"
        };
        fouten.push(fout(
            h,
            "sleutel",
            format!("onbekende sleutel '{naam}'{extra}; verwacht {SLEUTEL}"),
        ));
    }
    sleutel
}

/// A post's uitvoerder; empty: the group of deelnemers as a regional body, or else each
/// gemeente itself.
fn lees_uitvoerder(
    namen: &Namen,
    r: &FormatieRij,
    deelnemers: &[GemeenteId],
    h: &Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Uitvoerder {
    match r.uitvoerder.as_deref().map(str::trim) {
        None | Some("") => {
            if namen.groepen.iter().any(|g| g.naam == r.deelnemers) {
                Uitvoerder::Regio(r.deelnemers.clone())
            } else {
                Uitvoerder::Gemeente
            }
        }
        Some(t) => namen
            .uitvoerder(t, &r.deelnemers, deelnemers, h, fouten)
            .unwrap_or_default(),
    }
}

/// A formatie post's id: letters, digits, `_` or `-`, and not one of the engine's posts.
fn check_post_id(post: &str, h: &Herkomst, fouten: &mut Vec<InvoerFout>) {
    if !is_id(post) {
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
