//! Which charts a run gets and what they show: backend-independent chart descriptions
//! (`Grafiek`: name, title, axis label, the series) built from the report tables. Drawing them
//! (PNG, SVG) is the output edge's work (`uitvoer::grafiek`).

/// A chart, independent of the backend.
#[derive(Debug, Clone)]
pub enum Soort {
    /// Horizontal grouped bars: one group per category, one bar per series.
    Staven {
        categorieen: Vec<String>,
        reeksen: Vec<(String, Vec<f64>)>,
    },
    /// Horizontal bars of one saldo per category, coloured by sign (surplus / deficit).
    SaldoStaven {
        categorieen: Vec<String>,
        waarden: Vec<f64>,
    },
    /// Small multiples: one panel per name with its saldo per year as bars coloured by sign,
    /// each panel on its own scale.
    Panelen {
        jaren: Vec<i32>,
        panelen: Vec<(String, Vec<f64>)>,
    },
    /// Lines over years, one per series, each with its own marker.
    Lijnen {
        jaren: Vec<i32>,
        reeksen: Vec<(String, Vec<f64>)>,
    },
    /// A fan chart: shaded bands (outer first, each a label with its lower and upper values per
    /// year) and lines on top (the scenario's own saldo, the median).
    Waaier {
        jaren: Vec<i32>,
        banden: Vec<(String, Vec<f64>, Vec<f64>)>,
        lijnen: Vec<(String, Vec<f64>)>,
    },
    /// Per year two stacked bars (left and right), each stacked by post.
    Stapels {
        jaren: Vec<i32>,
        links: (String, Vec<(String, Vec<f64>)>),
        rechts: (String, Vec<(String, Vec<f64>)>),
    },
}

#[derive(Debug, Clone)]
pub struct Grafiek {
    /// File name without extension.
    pub naam: String,
    pub titel: String,
    pub as_label: String,
    pub soort: Soort,
}

/// At most [`MAX_PANELEN`] panels: the first `vast` (groups) come first, then the gemeenten;
/// where they do not all fit, those with the largest multi-year saldo (in size) stay, groups
/// before gemeenten, in their own order. Also the note for the title.
pub fn beperk(panelen: Vec<(String, Vec<f64>)>, vast: usize) -> (Vec<(String, Vec<f64>)>, String) {
    if panelen.len() <= MAX_PANELEN {
        return (panelen, String::new());
    }
    let vast = vast.min(panelen.len());
    let grootte = |i: usize| -> f64 {
        panelen[i]
            .1
            .iter()
            .filter(|x| x.is_finite())
            .sum::<f64>()
            .abs()
    };
    let grootste = |van: usize, tot: usize, aantal: usize| -> Vec<usize> {
        let mut v: Vec<(usize, f64)> = (van..tot).map(|i| (i, grootte(i))).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(aantal).map(|(i, _)| i).collect()
    };
    let groepen = grootste(0, vast, MAX_PANELEN);
    let ruimte = MAX_PANELEN - groepen.len();
    let gemeenten = grootste(vast, panelen.len(), ruimte);
    let gekozen: std::collections::BTreeSet<usize> =
        groepen.iter().chain(&gemeenten).copied().collect();
    let totaal = panelen.len() - vast;
    let noot = if vast > MAX_PANELEN {
        format!(" (de {MAX_PANELEN} grootste saldi van {vast} groepen)")
    } else if ruimte == 0 {
        format!(" (de groepen; de {totaal} gemeenten staan in de grafieken per groep)")
    } else {
        format!(" (de {ruimte} grootste saldi van {totaal} gemeenten)")
    };
    let uit = panelen
        .into_iter()
        .enumerate()
        .filter(|(i, _)| gekozen.contains(i))
        .map(|(_, p)| p)
        .collect();
    (uit, noot)
}

/// Named series of a chart: (label, one value per category or year).
pub type Reeksen = Vec<(String, Vec<f64>)>;

/// Most panels in one small-multiples chart.
pub const MAX_PANELEN: usize = 12;

/// Most bars (categories) in one bar chart: beyond this the bars become too thin to read.
pub const MAX_CATEGORIEEN: usize = 20;

/// Most lines in one line chart (besides the groups, which always stay).
pub const MAX_LIJNEN: usize = 8;

/// At most [`MAX_CATEGORIEEN`] bars: the largest categories (sum of the absolute values of
/// their series) keep their own bar, in their own order; the rest is summed into one last bar
/// "overige (n <wat>)". Returns the note for the title (empty when nothing was combined).
pub fn top_met_overige(
    categorieen: Vec<String>,
    reeksen: Vec<(String, Vec<f64>)>,
    wat: &str,
) -> (Vec<String>, Reeksen, String) {
    let n = categorieen.len();
    if n <= MAX_CATEGORIEEN {
        return (categorieen, reeksen, String::new());
    }
    let grootte = |i: usize| -> f64 {
        reeksen
            .iter()
            .map(|(_, v)| {
                v.get(i)
                    .copied()
                    .filter(|x| x.is_finite())
                    .unwrap_or(0.0)
                    .abs()
            })
            .sum()
    };
    let mut volgorde: Vec<(usize, f64)> = (0..n).map(|i| (i, grootte(i))).collect();
    volgorde.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let houd = MAX_CATEGORIEEN - 1;
    let gekozen: std::collections::BTreeSet<usize> =
        volgorde.iter().take(houd).map(|(i, _)| *i).collect();
    let rest = n - houd;
    let mut cats: Vec<String> = gekozen.iter().map(|i| categorieen[*i].clone()).collect();
    cats.push(format!("overige ({rest} {wat})"));
    let reeksen = reeksen
        .into_iter()
        .map(|(naam, v)| {
            let mut w: Vec<f64> = gekozen
                .iter()
                .map(|i| v.get(*i).copied().unwrap_or(0.0))
                .collect();
            w.push(
                (0..n)
                    .filter(|i| !gekozen.contains(i))
                    .map(|i| v.get(i).copied().unwrap_or(0.0))
                    .sum(),
            );
            (naam, w)
        })
        .collect();
    (
        cats,
        reeksen,
        format!(" (de {houd} grootste van {n} {wat}, de rest samen)"),
    )
}

/// The lines of `vast` names (the groups) always stay; of the others at most [`MAX_LIJNEN`], those
/// with the largest value in size, in their own order. Also the note for the title.
pub fn beperk_lijnen(
    reeksen: Vec<(String, Vec<f64>)>,
    vast: &[&str],
) -> (Vec<(String, Vec<f64>)>, String) {
    let anderen: Vec<(usize, f64)> = reeksen
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !vast.contains(&n.as_str()))
        .map(|(i, (_, v))| {
            (
                i,
                v.iter()
                    .filter(|x| x.is_finite())
                    .fold(0.0f64, |m, x| m.max(x.abs())),
            )
        })
        .collect();
    if anderen.len() <= MAX_LIJNEN {
        return (reeksen, String::new());
    }
    let mut volgorde = anderen.clone();
    volgorde.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let gekozen: std::collections::BTreeSet<usize> =
        volgorde.iter().take(MAX_LIJNEN).map(|(i, _)| *i).collect();
    let totaal = anderen.len();
    let uit = reeksen
        .into_iter()
        .enumerate()
        .filter(|(i, (n, _))| vast.contains(&n.as_str()) || gekozen.contains(i))
        .map(|(_, r)| r)
        .collect();
    (
        uit,
        format!(" (de {MAX_LIJNEN} grootste van {totaal} gemeenten)"),
    )
}

/// Whether a chart is one of the per-year charts (`baten_lasten_<jaar>`, `saldo_<jaar>`),
/// written only with `--alle-grafieken`.
pub fn is_jaargrafiek(g: &Grafiek) -> bool {
    ["baten_lasten_", "saldo_"].iter().any(|p| {
        g.naam
            .strip_prefix(p)
            .is_some_and(|j| j.len() == 4 && j.parse::<i32>().is_ok())
    })
}

fn f(x: rust_decimal::Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&x).unwrap_or(0.0)
}

/// The charts of one run: per year baten/lasten and saldo per gemeente, the multi-year saldo,
/// the build-up of baten and lasten per group, the reserve and the SPUK settlement where there
/// are those.
pub fn voor_run(run: &crate::Run) -> Vec<Grafiek> {
    met_achter_titel(run, &format!(" ({})", run.scenario.naam))
}

/// [`voor_run`] with titles without the scenario's (internal) name: for the raad report's
/// main text.
pub fn voor_run_zonder_naam(run: &crate::Run) -> Vec<Grafiek> {
    met_achter_titel(run, "")
}

/// The charts of one run, `scen` after each title.
fn met_achter_titel(run: &crate::Run, scen: &str) -> Vec<Grafiek> {
    let mut uit = per_jaar(run, scen);
    uit.extend(meerjarig(run, scen));
    uit.extend(opbouw(run, scen));
    uit.extend(reserve(run, scen));
    uit.extend(spuk_afrekening(run, scen));
    uit
}

/// Per year: baten and lasten, and the saldo, per gemeente (the largest and the rest).
fn per_jaar(run: &crate::Run, scen: &str) -> Vec<Grafiek> {
    let mut uit = Vec::new();
    let overz = &run.uitkomst.overzichten;
    for o in overz {
        let n = o.aantal_gemeenten;
        let rij = |p: &str| {
            o.rij(p)
                .map(|r| r.waarden[..n].iter().map(|x| f(*x)).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        let namen: Vec<String> = o.kolommen[..n].to_vec();
        let (categorieen, reeksen, noot) = top_met_overige(
            namen.clone(),
            vec![
                ("Baten".into(), rij("totaal_baten")),
                ("Lasten".into(), rij("totaal_lasten")),
            ],
            "gemeenten",
        );
        uit.push(Grafiek {
            naam: format!("baten_lasten_{}", o.jaar),
            titel: format!("Baten en lasten per gemeente {}{noot}{scen}", o.jaar),
            as_label: "bedrag".into(),
            soort: Soort::Staven {
                categorieen,
                reeksen,
            },
        });
        let (categorieen, mut reeksen, noot) =
            top_met_overige(namen, vec![(String::new(), rij("saldo"))], "gemeenten");
        uit.push(Grafiek {
            naam: format!("saldo_{}", o.jaar),
            titel: format!("Saldo per gemeente {}{noot}{scen}", o.jaar),
            as_label: "saldo (baten − lasten)".into(),
            soort: Soort::SaldoStaven {
                categorieen,
                waarden: reeksen.pop().map(|(_, v)| v).unwrap_or_default(),
            },
        });
    }
    uit
}

/// The saldo per year as small multiples: all groups and gemeenten, and per group.
fn meerjarig(run: &crate::Run, scen: &str) -> Vec<Grafiek> {
    let mut uit: Vec<Grafiek> = saldo_meerjarig_met(run, scen).into_iter().collect();
    let overz = &run.uitkomst.overzichten;
    if let Some(eerste) = overz.first() {
        let jaren: Vec<i32> = overz.iter().map(|o| o.jaar).collect();
        let groepsnamen: Vec<&str> = run.gegevens.groepsnamen();
        let (delen, _) = unieke_bestandsnamen(&groepsnamen);
        // Per group: the group and its gemeenten.
        for (groep, deel) in run.gegevens.groepen.iter().zip(&delen) {
            let mut panelen = vec![saldo_reeks(overz, &groep.naam)];
            panelen.extend(
                groep
                    .leden
                    .iter()
                    .filter_map(|l| eerste.kolommen.get(*l))
                    .map(|k| saldo_reeks(overz, k)),
            );
            let (panelen, noot) = beperk(panelen, 1);
            uit.push(Grafiek {
                naam: format!("saldo_meerjarig_{deel}"),
                titel: format!("Saldo per jaar, {} en gemeenten{noot}{scen}", groep.naam),
                as_label: "saldo".into(),
                soort: Soort::Panelen {
                    jaren: jaren.clone(),
                    panelen,
                },
            });
        }
    }
    uit
}

/// The chart `saldo_meerjarig` alone (the browser's overview shows only this one).
pub fn saldo_meerjarig(run: &crate::Run) -> Option<Grafiek> {
    saldo_meerjarig_met(run, &format!(" ({})", run.scenario.naam))
}

/// Every group and gemeente in its own panel, groups first, each on its own scale.
fn saldo_meerjarig_met(run: &crate::Run, scen: &str) -> Option<Grafiek> {
    let overz = &run.uitkomst.overzichten;
    let eerste = overz.first()?;
    let n = eerste.aantal_gemeenten;
    let groepen = eerste.kolommen.len() - n;
    let volgorde = eerste.kolommen[n..].iter().chain(&eerste.kolommen[..n]);
    let (panelen, noot) = beperk(volgorde.map(|k| saldo_reeks(overz, k)).collect(), groepen);
    Some(Grafiek {
        naam: "saldo_meerjarig".into(),
        titel: format!("Saldo per jaar per groep en gemeente{noot}{scen}"),
        as_label: "saldo".into(),
        soort: Soort::Panelen {
            jaren: overz.iter().map(|o| o.jaar).collect(),
            panelen,
        },
    })
}

/// A gemeente's or group's saldo per year of the overviews (0 where it has none).
fn saldo_reeks(overz: &[crate::rapport::overzicht::Overzicht], k: &str) -> (String, Vec<f64>) {
    (
        k.to_string(),
        overz
            .iter()
            .map(|o| o.waarde("saldo", k).map(f).unwrap_or(0.0))
            .collect(),
    )
}

/// Per group: baten and lasten stacked by post over the years.
fn opbouw(run: &crate::Run, scen: &str) -> Vec<Grafiek> {
    let mut uit = Vec::new();
    let overz = &run.uitkomst.overzichten;
    let Some(eerste) = overz.first() else {
        return uit;
    };
    let jaren: Vec<i32> = overz.iter().map(|o| o.jaar).collect();
    let groepsnamen: Vec<&str> = run.gegevens.groepsnamen();
    let (delen, _) = unieke_bestandsnamen(&groepsnamen);
    let posten_per_jaar = run.ledger.posten_per_jaar();
    for (gi, (groep, deel)) in run.gegevens.groepen.iter().zip(&delen).enumerate() {
        let k = eerste.aantal_gemeenten + gi;
        let stapel = |soort: crate::ledger::Soort| {
            let mut posten: Vec<(crate::post::PostId, String)> = Vec::new();
            for o in overz {
                for p in posten_per_jaar
                    .get(&o.jaar)
                    .into_iter()
                    .flatten()
                    .filter(|p| p.soort == soort)
                    .cloned()
                {
                    if !posten.iter().any(|(id, _)| *id == p.post) {
                        posten.push((p.post, p.label.to_string()));
                    }
                }
            }
            posten
                .into_iter()
                .map(|(id, label)| {
                    (
                        label,
                        overz
                            .iter()
                            .map(|o| o.rij(id.as_str()).map(|r| f(r.waarden[k])).unwrap_or(0.0))
                            .collect(),
                    )
                })
                .collect::<Vec<(String, Vec<f64>)>>()
        };
        uit.push(Grafiek {
            naam: format!("opbouw_{deel}"),
            titel: format!(
                "Baten (links) en lasten (rechts) per post, {}{scen}",
                groep.naam
            ),
            as_label: "bedrag".into(),
            soort: Soort::Stapels {
                jaren: jaren.clone(),
                links: ("Baten".into(), stapel(crate::ledger::Soort::Baten)),
                rechts: ("Lasten".into(), stapel(crate::ledger::Soort::Lasten)),
            },
        });
    }
    uit
}

/// With `[reserve]`: the reserve balance per group and the largest gemeenten over the years.
fn reserve(run: &crate::Run, scen: &str) -> Vec<Grafiek> {
    let mut uit = Vec::new();
    let overz = &run.uitkomst.overzichten;
    if let Some(r) = &run.reserve {
        let regels = crate::rapport::reserve::regels(&run.gegevens, run.reserve.as_ref());
        let jaren: Vec<i32> = overz.iter().map(|o| o.jaar).collect();
        let mut namen: Vec<String> = Vec::new();
        for (n, _) in &regels {
            if !namen.contains(n) {
                namen.push(n.clone());
            }
        }
        // The groups and the gemeenten with the largest reserve stay (at most MAX_LIJNEN
        // gemeenten); a line per gemeente of a large region would be unreadable.
        let groepen: Vec<&str> = run.gegevens.groepsnamen();
        let reeksen: Vec<(String, Vec<f64>)> = namen
            .iter()
            .map(|n| {
                (
                    n.clone(),
                    jaren
                        .iter()
                        .map(|j| {
                            regels
                                .iter()
                                .find(|(x, l)| x == n && l.jaar == *j)
                                .map(|(_, l)| f(l.eindsaldo))
                                .unwrap_or(0.0)
                        })
                        .collect(),
                )
            })
            .collect();
        let (reeksen, noot) = beperk_lijnen(reeksen, &groepen);
        uit.push(Grafiek {
            naam: "bestemmingsreserve".into(),
            titel: format!(
                "{}: saldo eind van het jaar per gemeente en groep{noot}{scen}",
                r.naam
            ),
            as_label: "saldo reserve".into(),
            soort: Soort::Lijnen { jaren, reeksen },
        });
    }
    uit
}

/// The regular SPUK: beschikking against the forecast (the largest settlements and the rest).
fn spuk_afrekening(run: &crate::Run, scen: &str) -> Vec<Grafiek> {
    let mut uit = Vec::new();
    // The regular SPUK of the scenario's years: beschikking against the forecast.
    let afrekening: Vec<&crate::berekening::Afrekening> = run
        .afrekening
        .iter()
        .filter(|a| {
            a.regeling == crate::uitkering::Regeling::Voorzieningen
                && a.jaar >= run.scenario.instellingen.jaar_van
        })
        .collect();
    if !afrekening.is_empty() {
        let cat: Vec<String> = afrekening
            .iter()
            .map(|a| format!("{} {}", run.gegevens.gemeenten.naam(a.gemeente), a.jaar))
            .collect();
        let (categorieen, reeksen, noot) = top_met_overige(
            cat,
            vec![
                (
                    "Beschikking".into(),
                    afrekening.iter().map(|a| f(a.beschikking)).collect(),
                ),
                (
                    "Raming uit volumes / definitief".into(),
                    afrekening.iter().map(|a| f(a.uitkomst())).collect(),
                ),
            ],
            "beschikkingen",
        );
        uit.push(Grafiek {
            naam: "spuk_afrekening".into(),
            titel: format!("SPUK: beschikking tegenover raming uit volumes{noot}{scen}"),
            as_label: "SPUK".into(),
            soort: Soort::Staven {
                categorieen,
                reeksen,
            },
        });
    }
    uit
}

/// Saldo per year for each compared scenario: one chart per group (all gemeenten when there are
/// no groups).
pub fn voor_vergelijking(
    v: &crate::rapport::vergelijking::Vergelijking,
    groepen: &[&str],
) -> Vec<Grafiek> {
    let namen = namen_vergelijking(v, groepen);
    let (delen, _) = unieke_bestandsnamen(&namen);
    namen
        .iter()
        .zip(&delen)
        .map(|(naam, deel)| {
            let reeksen = v
                .scenarios
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let waarden = v
                        .jaren
                        .iter()
                        .map(|j| {
                            v.waarden
                                .iter()
                                .find(|((n, y), _)| n == naam && y == j)
                                .and_then(|(_, per)| per[i])
                                .map(|x| f(x.saldo()))
                                // A year the scenario does not cover is left out of its line.
                                .unwrap_or(f64::NAN)
                        })
                        .collect();
                    (s.clone(), waarden)
                })
                .collect();
            Grafiek {
                naam: format!("saldo_scenarios_{deel}"),
                titel: format!("Saldo per jaar per scenario, {naam}"),
                as_label: "saldo".into(),
                soort: Soort::Lijnen {
                    jaren: v.jaren.clone(),
                    reeksen,
                },
            }
        })
        .collect()
}

/// Longest part of a file name (in bytes) taken from a gemeente or group name: file systems allow
/// 255 bytes per name, and the prefix (`saldo_scenarios_`), a `_<n>` suffix and `.png` must fit.
pub const MAX_NAAMDEEL: usize = 80;

/// A name as a safe file name part: lower case, letters, digits, `-` and `_` (anything else
/// becomes `_`), at most [`MAX_NAAMDEEL`] bytes. Different names can give the same part; use
/// [`unieke_bestandsnamen`] for a set of names.
pub fn bestandsnaam(naam: &str) -> String {
    let mut uit = String::new();
    for c in naam.chars() {
        let c = if c.is_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '_'
        };
        for k in c.to_lowercase() {
            if uit.len() + k.len_utf8() > MAX_NAAMDEEL {
                return uit;
            }
            uit.push(k);
        }
    }
    uit
}

/// File name parts for a list of names (groups, gemeenten), unique in the list: a name whose part
/// is already taken gets `_2`, `_3`, ... in list order ("Regio A", "Regio_A", "REGIO A" →
/// `regio_a`, `regio_a_2`, `regio_a_3`). Also returns a Dutch line per collision, to report.
pub fn unieke_bestandsnamen<S: AsRef<str>>(namen: &[S]) -> (Vec<String>, Vec<String>) {
    let mut bezet: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut uit = Vec::with_capacity(namen.len());
    // Per base part: the names that share it, with the part each one got.
    let mut groepen: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for naam in namen {
        let naam = naam.as_ref();
        let basis = bestandsnaam(naam);
        let mut deel = basis.clone();
        let mut n = 2;
        while bezet.contains(&deel) {
            deel = format!("{basis}_{n}");
            n += 1;
        }
        bezet.insert(deel.clone());
        match groepen.iter_mut().find(|(b, _)| *b == basis) {
            Some((_, v)) => v.push((naam.to_string(), deel.clone())),
            None => groepen.push((basis, vec![(naam.to_string(), deel.clone())])),
        }
        uit.push(deel);
    }
    let meldingen = groepen
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(basis, v)| {
            let lijst: Vec<String> = v
                .iter()
                .map(|(naam, deel)| format!("'{naam}' → {deel}"))
                .collect();
            format!(
                "de namen {} geven in bestandsnamen van grafieken hetzelfde ('{basis}'); \
                 ze zijn genummerd in de volgorde van de invoer",
                lijst.join(", ")
            )
        })
        .collect();
    (uit, meldingen)
}

/// The names whose charts `voor_vergelijking` writes: the groups, or all names when there are no
/// groups.
pub fn namen_vergelijking(
    v: &crate::rapport::vergelijking::Vergelijking,
    groepen: &[&str],
) -> Vec<String> {
    if groepen.is_empty() {
        v.namen.clone()
    } else {
        groepen.iter().map(|g| g.to_string()).collect()
    }
}
