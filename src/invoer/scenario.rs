//! Scenario files (TOML): what to compute, over which years, from which data folder, with which
//! assumptions. A scenario may name a parent (`basis = "basis.toml"`) and override only what
//! differs. Unknown keys are refused, so a typo never silently falls back to a default.

use crate::berekening::{Instellingen, RouteKeuze, SpukBron, Voorzieningen};
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::indexatie::IndexSoort;
use crate::instroom::{Doelgroep, InstroomInstellingen};
use crate::routeverdeling::{Route, Variant};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;

/// One scenario file as written. Every key is optional here; required ones are checked after
/// the parents are merged in.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Bestand {
    naam: Option<String>,
    omschrijving: Option<String>,
    basis: Option<Spanned<String>>,
    data: Option<String>,
    jaren: Option<Spanned<[i32; 2]>>,
    basisjaar: Option<i32>,
    inburgeringsvoorzieningen: Option<Voorzieningen>,
    spuk: Option<SpukBron>,
    routeverdeling: Option<Spanned<toml::Value>>,
    instroom: Option<InstroomToml>,
    indexatie: Option<BTreeMap<String, Spanned<toml::Value>>>,
    fte: Option<BTreeMap<String, Spanned<toml::Value>>>,
    /// `"nl"`: also write the Dutch-Excel CSV dialect.
    csv: Option<CsvDialect>,
    /// Re-forecast: actuals up to and including this year.
    realisatie_tot: Option<Spanned<i32>>,
    /// With `realisatie_tot`: "raming" (default) keeps the raming of a gemeente-post without
    /// actuals, "fout" refuses the run.
    realisatie_ontbreekt: Option<crate::berekening::RealisatieOntbreekt>,
    verschillen: Option<VerschillenToml>,
    /// Monte Carlo settings (`raming risico`).
    risico: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct VerschillenToml {
    drempel_bedrag: Option<Spanned<toml::Value>>,
    drempel_percentage: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CsvDialect {
    Standaard,
    Nl,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct InstroomToml {
    /// Percent per year beyond the last data year.
    groei: Option<Spanned<toml::Value>>,
    /// Factor on all years (1.3 = +30 %).
    schaal: Option<Spanned<toml::Value>>,
    factoren: Option<Vec<FactorToml>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactorToml {
    van: i32,
    tot: i32,
    factor: Spanned<toml::Value>,
}

/// A loaded scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub naam: String,
    pub omschrijving: String,
    /// The scenario file itself.
    pub pad: PathBuf,
    /// Parent chain (nearest first), for the list of assumptions.
    pub ouders: Vec<PathBuf>,
    /// The data folder, resolved relative to the file that named it.
    pub data: PathBuf,
    pub instellingen: Instellingen,
    /// Where each fte override was set, to report unknown posts.
    fte_herkomst: Vec<(String, Herkomst)>,
    /// The settings as written (merged), for the list of assumptions: (key, value).
    pub instellingen_tekst: Vec<(String, String)>,
    /// Also write the Dutch-Excel CSV dialect (`csv = "nl"` or `--csv nl`).
    pub csv_nl: bool,
    /// Write charts (default; `--geen-grafieken` turns them off).
    pub grafieken: bool,
    /// The uncertain inputs for `raming risico`.
    pub risico: crate::risico::RisicoInstellingen,
}

/// Settings gathered from a file and its parents; later layers override earlier ones.
#[derive(Default)]
struct Samen {
    omschrijving: Option<String>,
    data: Option<PathBuf>,
    jaren: Option<[i32; 2]>,
    jaren_herkomst: Option<Herkomst>,
    basisjaar: Option<i32>,
    voorzieningen: Option<Voorzieningen>,
    spuk: Option<SpukBron>,
    variant: Option<Variant>,
    expliciet: BTreeMap<Doelgroep, Vec<(Route, Decimal)>>,
    groei: Option<Decimal>,
    schaal: Option<Decimal>,
    factoren: Option<Vec<(i32, i32, Decimal)>>,
    indexatie: BTreeMap<IndexSoort, Vec<(Option<i32>, Decimal)>>,
    fte: BTreeMap<String, (BTreeMap<i32, Decimal>, Herkomst)>,
    tekst: BTreeMap<String, String>,
    csv: Option<CsvDialect>,
    realisatie_tot: Option<(i32, Herkomst)>,
    realisatie_ontbreekt: Option<crate::berekening::RealisatieOntbreekt>,
    drempel: crate::realisatie::Drempel,
    risico: crate::risico::RisicoInstellingen,
}

pub fn lees(pad: &Path) -> Result<Scenario, Fout> {
    let mut keten: Vec<PathBuf> = Vec::new();
    let mut lagen: Vec<(PathBuf, String, Bestand)> = Vec::new();
    let mut huidig = pad.to_path_buf();
    let mut verwijzing: Option<(Herkomst, String)> = None;
    loop {
        let canon = std::fs::canonicalize(&huidig).unwrap_or_else(|_| huidig.clone());
        if keten.contains(&canon) {
            let (h, _) = verwijzing.clone().unwrap_or_default();
            return Err(InvoerFout::new(
                h,
                "basis",
                format!("kringverwijzing: {} is al een ouder in deze keten; verwacht een keten zonder lus", huidig.display()),
            )
            .into());
        }
        keten.push(canon);
        let (tekst, bestand) = lees_bestand(&huidig, verwijzing.as_ref())?;
        let ouder = bestand.basis.as_ref().map(|b| {
            let h = Herkomst::new(huidig.display().to_string(), regel(&tekst, b.span().start));
            (h, b.get_ref().clone())
        });
        lagen.push((huidig.clone(), tekst, bestand));
        match ouder {
            Some((h, naam)) => {
                let basis_map = huidig.parent().unwrap_or(Path::new("."));
                huidig = schoon_pad(&basis_map.join(&naam));
                verwijzing = Some((h, naam));
            }
            None => break,
        }
    }
    // Apply from the furthest parent to the scenario itself.
    let mut s = Samen::default();
    for (p, tekst, b) in lagen.iter().rev() {
        pas_toe(&mut s, p, tekst, b, p == pad)?;
    }
    let weergave = pad.display().to_string();
    let h = Herkomst::new(&weergave, 0);
    let eigen = &lagen[0].2;
    let naam = eigen.naam.clone().unwrap_or_else(|| {
        pad.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    if naam.is_empty()
        || !naam
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return Err(InvoerFout::new(
            h,
            "naam",
            format!(
                "'{naam}' is ongeldig; verwacht letters, cijfers, _ of - (het wordt een mapnaam)"
            ),
        )
        .into());
    }
    let data = s
        .data
        .clone()
        .ok_or_else(|| InvoerFout::new(h.clone(), "data", "verplichte sleutel ontbreekt; verwacht de datamap, bijv. data = \"../data/drechtsteden\""))?;
    let [van, tot] = s
        .jaren
        .ok_or_else(|| InvoerFout::new(h.clone(), "jaren", "verplichte sleutel ontbreekt; verwacht [eerste jaar, laatste jaar], bijv. [2022, 2030]"))?;
    if van > tot || !(2000..=2100).contains(&van) || !(2000..=2100).contains(&tot) {
        return Err(InvoerFout::new(
            s.jaren_herkomst.clone().unwrap_or(h),
            "jaren",
            format!("[{van}, {tot}] is ongeldig; verwacht [eerste jaar, laatste jaar] tussen 2000 en 2100, bijv. [2022, 2030]"),
        )
        .into());
    }
    let mut expliciet = Vec::new();
    for (d, rs) in &s.expliciet {
        for (r, p) in rs {
            expliciet.push((*d, *r, *p));
        }
    }
    let mut indexatie = Vec::new();
    for (soort, v) in &s.indexatie {
        // "every year" entries first, so single years override them.
        for (j, p) in v
            .iter()
            .filter(|(j, _)| j.is_none())
            .chain(v.iter().filter(|(j, _)| j.is_some()))
        {
            indexatie.push((*soort, *j, *p));
        }
    }
    let mut fte = Vec::new();
    let mut fte_herkomst = Vec::new();
    for (post, (jaren, h)) in &s.fte {
        for (j, f) in jaren {
            fte.push((post.clone(), *j, *f));
        }
        fte_herkomst.push((post.clone(), h.clone()));
    }
    let instellingen = Instellingen {
        jaar_van: van,
        jaar_tot: tot,
        voorzieningen: s.voorzieningen.unwrap_or_default(),
        spuk: s.spuk.unwrap_or_default(),
        routes: RouteKeuze {
            variant: s.variant.unwrap_or_default(),
            expliciet,
        },
        instroom: InstroomInstellingen {
            groei: s.groei,
            schaal: s.schaal.unwrap_or(Decimal::ONE),
            factoren: s.factoren.clone().unwrap_or_default(),
        },
        indexatie,
        fte,
        basisjaar: s.basisjaar.unwrap_or(van),
        realisatie_tot: s.realisatie_tot.as_ref().map(|(j, _)| *j),
        realisatie_ontbreekt: s.realisatie_ontbreekt.unwrap_or_default(),
        drempel: s.drempel,
    };
    if let Some((j, hk)) = &s.realisatie_tot
        && !(van..=tot).contains(j)
    {
        return Err(InvoerFout::new(
            hk.clone(),
            "realisatie_tot",
            format!("{j} ligt buiten de jaren [{van}, {tot}]; verwacht een jaar daarbinnen"),
        )
        .into());
    }
    let mut tekst = s.tekst.clone();
    tekst.insert("jaren".into(), format!("{van}–{tot}"));
    tekst.insert("data".into(), data.display().to_string());
    tekst
        .entry("inburgeringsvoorzieningen".into())
        .or_insert_with(|| "spuk (standaard)".into());
    tekst
        .entry("spuk".into())
        .or_insert_with(|| "beschikking (standaard)".into());
    tekst
        .entry("routeverdeling".into())
        .or_insert_with(|| "basis (standaard)".into());
    Ok(Scenario {
        naam,
        omschrijving: eigen.omschrijving.clone().unwrap_or_default(),
        pad: pad.to_path_buf(),
        ouders: lagen.iter().skip(1).map(|(p, _, _)| p.clone()).collect(),
        data,
        instellingen,
        fte_herkomst,
        instellingen_tekst: tekst.into_iter().collect(),
        csv_nl: s.csv == Some(CsvDialect::Nl),
        grafieken: true,
        risico: s.risico.clone(),
    })
}

fn lees_bestand(
    pad: &Path,
    verwijzing: Option<&(Herkomst, String)>,
) -> Result<(String, Bestand), Fout> {
    let weergave = pad.display().to_string();
    let tekst = std::fs::read_to_string(pad).map_err(|e| match verwijzing {
        Some((h, naam)) => InvoerFout::new(
            h.clone(),
            "basis",
            format!("onbekend ouderscenario '{naam}' ({}: {e}); verwacht een bestaand .toml-bestand, relatief aan dit bestand", pad.display()),
        ),
        None => InvoerFout::new(
            Herkomst::new(&weergave, 0),
            "",
            if e.kind() == std::io::ErrorKind::NotFound {
                "scenariobestand bestaat niet; verwacht een .toml-bestand, bijv. scenarios/basis.toml".to_string()
            } else {
                format!("kan scenariobestand niet lezen: {e}")
            },
        ),
    })?;
    let bestand: Bestand = toml::from_str(&tekst).map_err(|e| {
        let r = e.span().map(|s| regel(&tekst, s.start)).unwrap_or(0);
        let melding = e.message().trim().to_string();
        InvoerFout::new(
            Herkomst::new(&weergave, r),
            sleutel_uit_melding(&melding),
            vertaal(&melding),
        )
    })?;
    Ok((tekst, bestand))
}

/// Applies one file's settings over what its parents set.
fn pas_toe(s: &mut Samen, pad: &Path, tekst: &str, b: &Bestand, is_zelf: bool) -> Result<(), Fout> {
    let weergave = pad.display().to_string();
    let h = |span: std::ops::Range<usize>| Herkomst::new(&weergave, regel(tekst, span.start));
    let fout = |span: std::ops::Range<usize>, kolom: &str, melding: String| -> Fout {
        InvoerFout::new(h(span), kolom, melding).into()
    };
    if is_zelf {
        s.omschrijving = b.omschrijving.clone();
    }
    if let Some(d) = &b.data {
        let basis = pad.parent().unwrap_or(Path::new("."));
        s.data = Some(schoon_pad(&basis.join(d)));
    }
    if let Some(j) = &b.jaren {
        s.jaren = Some(*j.get_ref());
        s.jaren_herkomst = Some(h(j.span()));
    }
    if let Some(x) = b.basisjaar {
        if !(2000..=2100).contains(&x) {
            return Err(InvoerFout::new(
                Herkomst::new(&weergave, 0),
                "basisjaar",
                format!("{x} is ongeldig; verwacht een jaartal tussen 2000 en 2100"),
            )
            .into());
        }
        s.basisjaar = Some(x);
        s.tekst.insert("basisjaar".into(), x.to_string());
    }
    if let Some(x) = b.inburgeringsvoorzieningen {
        s.voorzieningen = Some(x);
        s.tekst.insert(
            "inburgeringsvoorzieningen".into(),
            format!("{x:?}").to_lowercase(),
        );
    }
    if let Some(x) = b.csv {
        s.csv = Some(x);
    }
    if let Some(r) = &b.risico {
        s.risico = lees_risico(r, &h(r.span()), s.risico.clone())?;
    }
    if let Some(x) = &b.realisatie_tot {
        s.realisatie_tot = Some((*x.get_ref(), h(x.span())));
        s.tekst
            .insert("realisatie_tot".into(), x.get_ref().to_string());
    }
    if let Some(x) = b.realisatie_ontbreekt {
        s.realisatie_ontbreekt = Some(x);
        s.tekst.insert(
            "realisatie_ontbreekt".into(),
            format!("{x:?}").to_lowercase(),
        );
    }
    if let Some(v) = &b.verschillen {
        if let Some(x) = &v.drempel_bedrag {
            s.drempel.bedrag = getal(x.get_ref())
                .filter(|d| *d >= Decimal::ZERO)
                .ok_or_else(|| {
                    fout(
                        x.span(),
                        "verschillen.drempel_bedrag",
                        format!(
                            "{} is ongeldig; verwacht een bedrag ≥ 0, bijv. 25000",
                            x.get_ref()
                        ),
                    )
                })?;
            s.tekst.insert(
                "verschillen.drempel_bedrag".into(),
                s.drempel.bedrag.to_string(),
            );
        }
        if let Some(x) = &v.drempel_percentage {
            s.drempel.percentage = getal(x.get_ref())
                .filter(|d| *d >= Decimal::ZERO)
                .ok_or_else(|| {
                    fout(
                        x.span(),
                        "verschillen.drempel_percentage",
                        format!(
                            "{} is ongeldig; verwacht een percentage ≥ 0, bijv. 10",
                            x.get_ref()
                        ),
                    )
                })?;
            s.tekst.insert(
                "verschillen.drempel_percentage".into(),
                format!("{} %", s.drempel.percentage),
            );
        }
    }
    if let Some(x) = b.spuk {
        s.spuk = Some(x);
        s.tekst
            .insert("spuk".into(), format!("{x:?}").to_lowercase());
    }
    if let Some(rv) = &b.routeverdeling {
        match rv.get_ref() {
            toml::Value::String(v) => {
                let variant = match v.as_str() {
                    "laag" => Variant::Laag,
                    "basis" => Variant::Basis,
                    "hoog" => Variant::Hoog,
                    _ => {
                        return Err(fout(
                            rv.span(),
                            "routeverdeling",
                            format!(
                                "onbekende waarde '{v}'; verwacht \"laag\", \"basis\", \"hoog\" of een tabel met percentages per doelgroep"
                            ),
                        ));
                    }
                };
                s.variant = Some(variant);
                s.expliciet.clear();
                s.tekst.insert("routeverdeling".into(), v.clone());
            }
            toml::Value::Table(t) => {
                for (dg, routes) in t {
                    let sleutel = format!("routeverdeling.{dg}");
                    let d = match dg.as_str() {
                        "asiel" => Doelgroep::Asiel,
                        "gezin" => Doelgroep::Gezin,
                        _ => {
                            return Err(fout(
                                rv.span(),
                                &sleutel,
                                format!("onbekende doelgroep '{dg}'; verwacht asiel of gezin"),
                            ));
                        }
                    };
                    let toml::Value::Table(rt) = routes else {
                        return Err(fout(
                            rv.span(),
                            &sleutel,
                            "verwacht een tabel { b1 = .., onderwijs = .., z = .. }".into(),
                        ));
                    };
                    let mut lijst = Vec::new();
                    for (r, p) in rt {
                        let route = match r.as_str() {
                            "b1" => Route::B1,
                            "onderwijs" => Route::Onderwijs,
                            "z" => Route::Z,
                            _ => {
                                return Err(fout(
                                    rv.span(),
                                    &format!("{sleutel}.{r}"),
                                    format!("onbekende route '{r}'; verwacht b1, onderwijs of z"),
                                ));
                            }
                        };
                        let p = getal(p)
                            .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
                            .ok_or_else(|| {
                                fout(
                                    rv.span(),
                                    &format!("{sleutel}.{r}"),
                                    format!(
                                        "{p} is ongeldig; verwacht een percentage tussen 0 en 100"
                                    ),
                                )
                            })?;
                        lijst.push((route, p));
                    }
                    let som: Decimal = lijst.iter().map(|(_, p)| *p).sum();
                    if som != Decimal::ONE_HUNDRED {
                        return Err(fout(
                            rv.span(),
                            &sleutel,
                            format!("percentages tellen op tot {som}; verwacht samen 100"),
                        ));
                    }
                    s.tekst.insert(
                        sleutel,
                        lijst
                            .iter()
                            .map(|(r, p)| format!("{} {p} %", format!("{r:?}").to_lowercase()))
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                    s.expliciet.insert(d, lijst);
                }
            }
            ander => {
                return Err(fout(
                    rv.span(),
                    "routeverdeling",
                    format!(
                        "{ander} is ongeldig; verwacht \"laag\", \"basis\", \"hoog\" of een tabel"
                    ),
                ));
            }
        }
    }
    if let Some(i) = &b.instroom {
        if let Some(g) = &i.groei {
            let v = getal(g.get_ref())
                .filter(|v| *v > -Decimal::ONE_HUNDRED && *v <= Decimal::ONE_HUNDRED)
                .ok_or_else(|| {
                    fout(
                        g.span(),
                        "instroom.groei",
                        format!(
                            "{} is ongeldig; verwacht een groeipercentage per jaar tussen -100 en 100, bijv. 5 of -10",
                            g.get_ref()
                        ),
                    )
                })?;
            s.groei = Some(v);
            s.tekst
                .insert("instroom.groei".into(), format!("{v} % per jaar"));
        }
        if let Some(g) = &i.schaal {
            let v = getal(g.get_ref())
                .filter(|v| *v >= Decimal::ZERO && *v <= Decimal::ONE_HUNDRED)
                .ok_or_else(|| {
                    fout(
                        g.span(),
                        "instroom.schaal",
                        format!(
                            "{} is ongeldig; verwacht een factor tussen 0 en 100, bijv. 1.3 voor +30 %",
                            g.get_ref()
                        ),
                    )
                })?;
            s.schaal = Some(v);
            s.tekst.insert("instroom.schaal".into(), format!("× {v}"));
        }
        if let Some(fs) = &i.factoren {
            let mut v = Vec::new();
            for f in fs {
                let x = getal(f.factor.get_ref())
                    .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE_HUNDRED)
                    .ok_or_else(|| {
                        fout(
                            f.factor.span(),
                            "instroom.factoren.factor",
                            format!(
                                "{} is ongeldig; verwacht een factor tussen 0 en 100",
                                f.factor.get_ref()
                            ),
                        )
                    })?;
                if f.van > f.tot {
                    return Err(fout(
                        f.factor.span(),
                        "instroom.factoren",
                        format!("van {} ligt na tot {}; verwacht van ≤ tot", f.van, f.tot),
                    ));
                }
                v.push((f.van, f.tot, x));
            }
            s.tekst.insert(
                "instroom.factoren".into(),
                v.iter()
                    .map(|(a, b, x)| format!("{a}–{b} × {x}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            s.factoren = Some(v);
        }
    }
    if let Some(ix) = &b.indexatie {
        for (soort_naam, waarde) in ix {
            let sleutel = format!("indexatie.{soort_naam}");
            let soort = IndexSoort::lees(soort_naam).ok_or_else(|| {
                fout(
                    waarde.span(),
                    &sleutel,
                    format!("onbekende soort '{soort_naam}'; verwacht tarieven, lonen of prijzen"),
                )
            })?;
            let pct = |v: &toml::Value, k: &str| {
                getal(v)
                    .filter(|p| *p > -Decimal::ONE_HUNDRED && *p <= Decimal::ONE_HUNDRED)
                    .ok_or_else(|| {
                        fout(
                            waarde.span(),
                            k,
                            format!("{v} is ongeldig; verwacht een percentage tussen -100 en 100, bijv. 2.5"),
                        )
                    })
            };
            let reeks = match waarde.get_ref() {
                toml::Value::Table(t) => {
                    let mut r = Vec::new();
                    for (j, v) in t {
                        let k = format!("{sleutel}.{j}");
                        let jaar: i32 = j.parse().map_err(|_| {
                            fout(
                                waarde.span(),
                                &k,
                                format!("'{j}' is geen jaartal; verwacht bijv. 2025 = 3.0"),
                            )
                        })?;
                        r.push((Some(jaar), pct(v, &k)?));
                    }
                    r
                }
                v => vec![(None, pct(v, &sleutel)?)],
            };
            s.tekst.insert(
                sleutel,
                reeks
                    .iter()
                    .map(|(j, p)| match j {
                        Some(j) => format!("{j}: {p} %"),
                        None => format!("{p} % per jaar"),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            // A single percentage sets every year; a table overrides single years of what the
            // parent set.
            if reeks.iter().any(|(j, _)| j.is_none()) {
                s.indexatie.insert(soort, reeks);
            } else {
                let bestaand = s.indexatie.entry(soort).or_default();
                bestaand.retain(|(j, _)| !reeks.iter().any(|(k, _)| k == j));
                bestaand.extend(reeks);
            }
        }
    }
    if let Some(f) = &b.fte {
        for (post, waarde) in f {
            let sleutel = format!("fte.{post}");
            let toml::Value::Table(t) = waarde.get_ref() else {
                return Err(fout(
                    waarde.span(),
                    &sleutel,
                    "verwacht een tabel jaar = fte, bijv. [fte.procesregie] 2025 = 5.0".into(),
                ));
            };
            let entry = s
                .fte
                .entry(post.clone())
                .or_insert_with(|| (BTreeMap::new(), h(waarde.span())));
            entry.1 = h(waarde.span());
            for (j, v) in t {
                let k = format!("{sleutel}.{j}");
                let jaar: i32 = j
                    .parse()
                    .map_err(|_| fout(waarde.span(), &k, format!("'{j}' is geen jaartal")))?;
                let x = getal(v)
                    .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::from(100_000))
                    .ok_or_else(|| {
                        fout(
                            waarde.span(),
                            &k,
                            format!("{v} is ongeldig; verwacht een aantal fte tussen 0 en 100.000"),
                        )
                    })?;
                entry.0.insert(jaar, x);
                s.tekst.insert(k, x.to_string());
            }
        }
    }
    Ok(())
}

/// A number from TOML: integer, float (via its shortest decimal text, which is exactly what the
/// user typed) or a string such as "2.5". Only for percentages, factors and fte, never money.
fn getal(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::from_str(&f.to_string()).ok(),
        toml::Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

/// Every scenario year must be covered by some data (an IU row or national budget, a
/// beschikking, instroom or a formatie post); otherwise the year range is probably a typo. Also
/// checks that fte overrides name existing posts.
pub fn check(s: &Scenario, d: &Gegevens) -> Result<(), Fout> {
    let zonder: Vec<i32> = s
        .instellingen
        .jaren()
        .filter(|&j| {
            !d.iu.iter().any(|r| r.jaar == j)
                && !d.rijksbudget.iter().any(|r| r.jaar == j)
                && !d.beschikkingen.iter().any(|b| b.jaar == j)
                && !d.formatie.iter().any(|p| p.actief(j))
        })
        .collect();
    if !zonder.is_empty() {
        return Err(InvoerFout::new(
            Herkomst::new(s.pad.display().to_string(), 0),
            "jaren",
            format!(
                "geen gegevens in {} voor jaar {}; verwacht jaren die de data dekt",
                s.data.display(),
                zonder
                    .iter()
                    .map(|j| j.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .into());
    }
    if let Some(tot) = s.instellingen.realisatie_tot {
        let zonder: Vec<i32> = (s.instellingen.jaar_van..=tot)
            .filter(|j| !d.realisatie.iter().any(|r| r.jaar == *j))
            .collect();
        if !zonder.is_empty() {
            return Err(InvoerFout::new(
                Herkomst::new(s.pad.display().to_string(), 0),
                "realisatie_tot",
                format!(
                    "geen realisatie in realisatie.csv voor {}; verwacht geboekte bedragen voor elk jaar tot en met {tot}",
                    zonder.iter().map(|j| j.to_string()).collect::<Vec<_>>().join(", ")
                ),
            )
            .into());
        }
    }
    for (post, jaar, _) in &s.instellingen.fte {
        let actief = d
            .formatie
            .iter()
            .any(|p| &p.post == post && p.actief(*jaar));
        let binnen = s.instellingen.jaren().any(|j| j == *jaar);
        if d.formatie.iter().any(|p| &p.post == post) && !(actief && binnen) {
            let h = s
                .fte_herkomst
                .iter()
                .find(|(p, _)| p == post)
                .map(|(_, h)| h.clone())
                .unwrap_or_default();
            return Err(InvoerFout::new(
                h,
                format!("fte.{post}.{jaar}"),
                format!(
                    "post '{post}' loopt niet in {jaar} (formatie.csv of de jaren van het scenario); \
                     verwacht een jaar waarin de post actief is en dat binnen de scenariojaren valt"
                ),
            )
            .into());
        }
    }
    for (post, h) in &s.fte_herkomst {
        if !d.formatie.iter().any(|p| &p.post == post) {
            return Err(InvoerFout::new(
                h.clone(),
                format!("fte.{post}"),
                format!(
                    "onbekende post '{post}'; verwacht een post uit formatie.csv ({})",
                    d.formatie
                        .iter()
                        .map(|p| p.post.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .into());
        }
    }
    Ok(())
}

fn regel(tekst: &str, byte: usize) -> u64 {
    tekst.as_bytes()[..byte.min(tekst.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

fn sleutel_uit_melding(m: &str) -> String {
    // toml: "unknown field `x`, expected ..." / "missing field `x`"
    m.split('`').nth(1).unwrap_or("").to_string()
}

fn vertaal(m: &str) -> String {
    if m.starts_with("unknown field") {
        format!("onbekende sleutel ({m})")
    } else if m.starts_with("missing field") {
        format!("verplichte sleutel ontbreekt ({m})")
    } else if m.starts_with("unknown variant") {
        format!("onbekende waarde ({m})")
    } else {
        format!("ongeldig TOML-bestand: {m}")
    }
}

/// Lexically removes `a/..` pairs so that messages show `data/x/y.csv`, not `scenarios/../data`.
fn schoon_pad(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut uit = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir
                if matches!(uit.components().next_back(), Some(Component::Normal(_))) =>
            {
                uit.pop();
            }
            Component::CurDir => {}
            c => uit.push(c.as_os_str()),
        }
    }
    if uit.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        uit
    }
}

/// Reads the `[risico]` table: draws, seed, year correlation, route range and the instroom
/// distribution, each with a bron. Invalid parameters are refused with file and key.
fn lees_risico(
    v: &Spanned<toml::Value>,
    h: &Herkomst,
    ouder: crate::risico::RisicoInstellingen,
) -> Result<crate::risico::RisicoInstellingen, Fout> {
    use crate::risico::{RisicoInstellingen, Verdeling};
    let fout = |k: &str, m: String| -> Fout { InvoerFout::new(h.clone(), k, m).into() };
    let toml::Value::Table(t) = v.get_ref() else {
        return Err(fout("risico", "verwacht een tabel [risico]".into()));
    };
    // A child's [risico] overrides its parent's key by key.
    let mut r: RisicoInstellingen = ouder;
    let getal_f = |x: &toml::Value, k: &str| -> Result<f64, Fout> {
        getal(x)
            .and_then(|d| rust_decimal::prelude::ToPrimitive::to_f64(&d))
            .ok_or_else(|| fout(k, format!("{x} is geen getal")))
    };
    for (k, w) in t {
        let sleutel = format!("risico.{k}");
        match k.as_str() {
            "trekkingen" => {
                let n = w.as_integer().filter(|n| (1..=1_000_000).contains(n)).ok_or_else(|| fout(&sleutel, format!("{w} is ongeldig; verwacht een aantal tussen 1 en 1.000.000")))?;
                r.trekkingen = n as usize;
            }
            "zaad" => {
                let n = w.as_integer().filter(|n| *n >= 0).ok_or_else(|| fout(&sleutel, format!("{w} is ongeldig; verwacht een geheel getal ≥ 0")))?;
                r.zaad = n as u64;
            }
            "correlatie" => {
                let c = getal_f(w, &sleutel)?;
                if !(-1.0..=1.0).contains(&c) {
                    return Err(fout(&sleutel, format!("{c} ligt buiten -1 tot 1; verwacht een correlatie tussen opeenvolgende jaren")));
                }
                r.correlatie = c;
            }
            "routeverdeling" => {
                r.routes = w.as_bool().ok_or_else(|| fout(&sleutel, "verwacht true of false (routeverdeling tussen laag en hoog trekken)".into()))?;
            }
            "bron" => {
                r.bron.retain(|(k, _)| k != "risico");
                r.bron.push(("risico".into(), w.as_str().unwrap_or_default().to_string()));
            }
            "instroom" => {
                let toml::Value::Table(it) = w else {
                    return Err(fout(&sleutel, "verwacht een tabel [risico.instroom]".into()));
                };
                let soort = it.get("verdeling").and_then(|x| x.as_str()).unwrap_or("");
                let par = |naam: &str| -> Result<f64, Fout> {
                    let k = format!("risico.instroom.{naam}");
                    let x = it.get(naam).ok_or_else(|| fout(&k, format!("ontbreekt; nodig voor verdeling {soort}")))?;
                    let v = getal_f(x, &k)?;
                    if v < 0.0 {
                        return Err(fout(&k, format!("{v} is negatief; verwacht een factor ≥ 0")));
                    }
                    let max = if naam == "sigma" { 2.0 } else { 10.0 };
                    if v > max {
                        return Err(fout(&k, format!("{v} is te groot; verwacht hoogstens {max}")));
                    }
                    Ok(v)
                };
                let verdeling = match soort {
                    "driehoek" => {
                        let (laag, modus, hoog) = (par("laag")?, par("modus")?, par("hoog")?);
                        if laag > hoog {
                            return Err(fout("risico.instroom.laag", format!("laag {laag} > hoog {hoog}; verwacht laag ≤ modus ≤ hoog")));
                        }
                        if modus < laag || modus > hoog {
                            return Err(fout("risico.instroom.modus", format!("{modus} ligt niet tussen laag en hoog")));
                        }
                        Verdeling::Driehoek { laag, modus, hoog }
                    }
                    "lognormaal" => Verdeling::Lognormaal { sigma: par("sigma")? },
                    "twee_waarden" => Verdeling::TweeWaarden { a: par("a")?, b: par("b")? },
                    ander => {
                        return Err(fout(
                            "risico.instroom.verdeling",
                            format!("onbekende verdeling '{ander}'; verwacht driehoek, lognormaal of twee_waarden"),
                        ))
                    }
                };
                for k2 in it.keys() {
                    if !["verdeling", "laag", "modus", "hoog", "sigma", "a", "b", "bron"].contains(&k2.as_str()) {
                        return Err(fout(&format!("risico.instroom.{k2}"), "onbekende sleutel; verwacht verdeling, laag, modus, hoog, sigma, a, b of bron".into()));
                    }
                }
                let bron = it.get("bron").and_then(|x| x.as_str()).unwrap_or("").trim().to_string();
                if bron.is_empty() {
                    return Err(fout(
                        "risico.instroom.bron",
                        "ontbreekt; verwacht waar de verdeling vandaan komt, of 'aanname: ...' met de reden".into(),
                    ));
                }
                r.bron.retain(|(k, _)| k != "risico.instroom");
                r.bron.push(("risico.instroom".into(), bron));
                r.instroom = Some(verdeling);
            }
            _ => return Err(fout(&sleutel, "onbekende sleutel; verwacht trekkingen, zaad, correlatie, routeverdeling, instroom of bron".into())),
        }
    }
    if r.routes
        && !r
            .bron
            .iter()
            .any(|(k, b)| k == "risico" && !b.trim().is_empty())
    {
        return Err(fout(
            "risico.bron",
            "ontbreekt; bij routeverdeling = true is een bron (of 'aanname: ...') voor de bandbreedte nodig".into(),
        ));
    }
    Ok(r)
}
