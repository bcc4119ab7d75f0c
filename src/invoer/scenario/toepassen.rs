//! One scenario file applied over what its parents set (`Samen`), key by key: settings,
//! `[verschillen]`, route shares, instroom, indexation and fte overrides.

use super::*;
use crate::waarschuwing::Waarschuwing;

/// One scenario file as [`pas_toe`] and its parts read it: its name for messages, its text
/// and the same text as a tree of literals as written, for exact decimals (see [`getal`]).
pub(super) struct Bron<'t> {
    weergave: String,
    tekst: &'t str,
    ruw_doc: Option<Spanned<DeTable<'t>>>,
}

impl<'t> Bron<'t> {
    fn nieuw(pad: &Path, tekst: &'t str) -> Bron<'t> {
        Bron {
            weergave: pad.display().to_string(),
            tekst,
            ruw_doc: DeTable::parse(tekst).ok(),
        }
    }

    /// The literal at `pad` as written.
    fn ruw(&self, pad: &[&str]) -> Option<&DeValue<'t>> {
        ruw_waarde(self.ruw_doc.as_ref().map(|d| d.get_ref()), pad)
    }

    /// A value for a message: the literal as written where there is one.
    fn geschreven(&self, v: &toml::Value, pad: &[&str]) -> String {
        match self.ruw(pad) {
            Some(DeValue::Float(f)) => f.as_str().to_string(),
            _ => v.to_string(),
        }
    }

    fn herkomst(&self, span: std::ops::Range<usize>) -> Herkomst {
        Herkomst::new(&self.weergave, regel(self.tekst, span.start))
    }

    fn fout(&self, span: std::ops::Range<usize>, kolom: &str, melding: String) -> Fout {
        InvoerFout::new(self.herkomst(span), kolom, melding).into()
    }
}

/// Applies one file's settings over what its parents set, in a fixed order (the first error
/// stops, so the order decides which one is reported).
pub(super) fn pas_toe(
    s: &mut Samen,
    pad: &Path,
    tekst: &str,
    b: &Bestand,
    is_zelf: bool,
) -> Result<(), Fout> {
    let bron = Bron::nieuw(pad, tekst);
    let h = |span: std::ops::Range<usize>| bron.herkomst(span);
    pas_algemeen_toe(s, pad, b, is_zelf, &bron)?;
    if let Some(r) = &b.risico {
        s.risico = lees_risico(r, &h, s.risico.clone())?;
    }
    if let Some(r) = &b.reserve {
        let doc = bron.ruw_doc.as_ref().map(|d| d.get_ref());
        lees_reserve(s, r, doc, &h)?;
    }
    pas_realisatie_toe(s, b, &bron);
    if let Some(v) = &b.verschillen {
        pas_verschillen_toe(s, v, &bron)?;
    }
    pas_spuk_toe(s, b);
    if let Some(rv) = &b.routeverdeling {
        pas_routeverdeling_toe(s, rv, &bron)?;
    }
    if let Some(i) = &b.instroom {
        pas_instroom_toe(s, i, &bron)?;
    }
    if let Some(ix) = &b.indexatie {
        pas_indexatie_toe(s, ix, &bron)?;
    }
    if let Some(f) = &b.fte {
        pas_fte_toe(s, f, &bron)?;
    }
    Ok(())
}

/// The top-level settings that come before `[risico]`: description, report, data folder,
/// years, base year, prices, voorzieningen and csv.
fn pas_algemeen_toe(
    s: &mut Samen,
    pad: &Path,
    b: &Bestand,
    is_zelf: bool,
    bron: &Bron,
) -> Result<(), Fout> {
    if is_zelf {
        s.omschrijving = b.omschrijving.clone();
    }
    pas_rapport_toe(s, b);
    if let Some(d) = &b.data {
        let basis = pad.parent().unwrap_or(Path::new("."));
        s.data = Some(schoon_pad(&basis.join(d)));
    }
    if let Some(j) = &b.jaren {
        s.jaren = Some(*j.get_ref());
        s.jaren_herkomst = Some(bron.herkomst(j.span()));
    }
    if let Some(x) = b.basisjaar {
        pas_basisjaar_toe(s, x, &bron.weergave)?;
    }
    if let Some(x) = b.prijzen {
        s.prijzen = Some(x);
        s.tekst.insert("prijzen".into(), x.id().into());
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
    Ok(())
}

/// `basisjaar`: a year 2000–2100 (the message names the file, without a line).
fn pas_basisjaar_toe(s: &mut Samen, x: i32, weergave: &str) -> Result<(), Fout> {
    if !(2000..=2100).contains(&x) {
        return Err(InvoerFout::new(
            Herkomst::new(weergave, 0),
            "basisjaar",
            format!("{x} is ongeldig; verwacht een jaartal tussen 2000 en 2100"),
        )
        .into());
    }
    s.basisjaar = Some(x);
    s.tekst.insert("basisjaar".into(), x.to_string());
    Ok(())
}

/// `realisatie_tot` and `realisatie_ontbreekt` (checked against the years later).
fn pas_realisatie_toe(s: &mut Samen, b: &Bestand, bron: &Bron) {
    if let Some(x) = &b.realisatie_tot {
        s.realisatie_tot = Some((*x.get_ref(), bron.herkomst(x.span())));
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
}

/// `spuk_baten` and `spuk`: which SPUK counts as income and where it comes from.
fn pas_spuk_toe(s: &mut Samen, b: &Bestand) {
    if let Some(x) = b.spuk_baten {
        s.spuk_baten = Some(x);
        s.tekst.insert(
            "spuk_baten".into(),
            match x {
                crate::berekening::SpukBaten::Beschikking => "beschikking",
                crate::berekening::SpukBaten::BesteSchatting => "beste_schatting",
            }
            .into(),
        );
    }
    if let Some(x) = b.spuk {
        s.spuk = Some(x);
        s.tekst
            .insert("spuk".into(), format!("{x:?}").to_lowercase());
    }
}

/// The raad report's title page and beslispunten; an empty text clears what a parent set.
fn pas_rapport_toe(s: &mut Samen, b: &Bestand) {
    for (doel, gegeven) in [
        (&mut s.rapport.organisatie, &b.organisatie),
        (&mut s.rapport.regio, &b.regio),
        (&mut s.rapport.titel, &b.titel),
        (&mut s.rapport.versie, &b.versie),
    ] {
        if let Some(x) = gegeven {
            *doel = Some(x.trim().to_string()).filter(|x| !x.is_empty());
        }
    }
    if let Some(x) = b.status {
        s.rapport.status = x;
    }
    if let Some(x) = &b.beslispunten {
        s.rapport.beslispunten = x
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
    }
}

/// `[verschillen]`: the thresholds from which a variance is reported.
pub(super) fn pas_verschillen_toe(
    s: &mut Samen,
    v: &VerschillenToml,
    bron: &Bron,
) -> Result<(), Fout> {
    if let Some(x) = &v.drempel_bedrag {
        s.drempel.bedrag = getal(x.get_ref(), bron.ruw(&["verschillen", "drempel_bedrag"]))
            .filter(|d| *d >= Decimal::ZERO)
            .ok_or_else(|| {
                bron.fout(
                    x.span(),
                    "verschillen.drempel_bedrag",
                    format!(
                        "{} is ongeldig; verwacht een bedrag ≥ 0, bijv. 25000",
                        bron.geschreven(x.get_ref(), &["verschillen", "drempel_bedrag"])
                    ),
                )
            })?;
        s.tekst.insert(
            "verschillen.drempel_bedrag".into(),
            s.drempel.bedrag.to_string(),
        );
    }
    if let Some(x) = &v.drempel_percentage {
        s.drempel.percentage = getal(
            x.get_ref(),
            bron.ruw(&["verschillen", "drempel_percentage"]),
        )
        .filter(|d| *d >= Decimal::ZERO)
        .ok_or_else(|| {
            bron.fout(
                x.span(),
                "verschillen.drempel_percentage",
                format!(
                    "{} is ongeldig; verwacht een percentage ≥ 0, bijv. 10",
                    bron.geschreven(x.get_ref(), &["verschillen", "drempel_percentage"])
                ),
            )
        })?;
        s.tekst.insert(
            "verschillen.drempel_percentage".into(),
            format!("{} %", s.drempel.percentage),
        );
    }
    Ok(())
}

/// `routeverdeling`: a variant name or explicit route shares per doelgroep.
pub(super) fn pas_routeverdeling_toe(
    s: &mut Samen,
    rv: &Spanned<toml::Value>,
    bron: &Bron,
) -> Result<(), Fout> {
    match rv.get_ref() {
        toml::Value::String(v) => {
            let variant = match v.as_str() {
                "laag" => Variant::Laag,
                "basis" => Variant::Basis,
                "hoog" => Variant::Hoog,
                _ => {
                    return Err(bron.fout(
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
        toml::Value::Table(t) => pas_routetabel_toe(s, t, rv.span(), bron)?,
        ander => {
            return Err(bron.fout(
                rv.span(),
                "routeverdeling",
                format!("{ander} is ongeldig; verwacht \"laag\", \"basis\", \"hoog\" of een tabel"),
            ));
        }
    }
    Ok(())
}

/// `routeverdeling` as a table: per doelgroep explicit route shares that add up to 100.
fn pas_routetabel_toe(
    s: &mut Samen,
    t: &toml::Table,
    span: std::ops::Range<usize>,
    bron: &Bron,
) -> Result<(), Fout> {
    for (dg, routes) in t {
        let sleutel = format!("routeverdeling.{dg}");
        let d = lees_doelgroep(dg, span.clone(), &sleutel, bron)?;
        let lijst = lees_routes(dg, routes, span.clone(), bron)?;
        let som: Decimal = lijst.iter().map(|(_, p)| *p).sum();
        if som != Decimal::ONE_HUNDRED {
            return Err(bron.fout(
                span,
                &sleutel,
                format!("percentages tellen op tot {som}; verwacht samen 100"),
            ));
        }
        s.tekst.insert(
            sleutel,
            lijst
                .iter()
                .map(|(r, p)| format!("{} {p} %", r.id()))
                .collect::<Vec<_>>()
                .join(", "),
        );
        s.expliciet.insert(d, lijst);
    }
    Ok(())
}

/// A doelgroep named as a key (`asiel` or `gezin`); an error at `span` under `sleutel` otherwise.
fn lees_doelgroep(
    dg: &str,
    span: std::ops::Range<usize>,
    sleutel: &str,
    bron: &Bron,
) -> Result<Doelgroep, Fout> {
    match Doelgroep::van_id(dg) {
        Some(d) => Ok(d),
        None => Err(bron.fout(
            span,
            sleutel,
            format!("onbekende doelgroep '{dg}'; verwacht asiel of gezin"),
        )),
    }
}

/// One doelgroep's explicit route shares (`routeverdeling.asiel = { b1 = .., .. }`): known
/// routes, each a percentage 0–100 (their sum is checked by the caller).
fn lees_routes(
    dg: &str,
    routes: &toml::Value,
    span: std::ops::Range<usize>,
    bron: &Bron,
) -> Result<Vec<(Route, Decimal)>, Fout> {
    let sleutel = format!("routeverdeling.{dg}");
    let toml::Value::Table(rt) = routes else {
        return Err(bron.fout(
            span,
            &sleutel,
            "verwacht een tabel { b1 = .., onderwijs = .., z = .. }".into(),
        ));
    };
    let mut lijst = Vec::new();
    for (r, p) in rt {
        let route = match Route::van_id(r) {
            Some(route) => route,
            None => {
                return Err(bron.fout(
                    span,
                    &format!("{sleutel}.{r}"),
                    format!("onbekende route '{r}'; verwacht b1, onderwijs of z"),
                ));
            }
        };
        let p = getal(p, bron.ruw(&["routeverdeling", dg, r]))
            .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    span.clone(),
                    &format!("{sleutel}.{r}"),
                    format!(
                        "{} is ongeldig; verwacht een percentage tussen 0 en 100",
                        bron.geschreven(p, &["routeverdeling", dg, r])
                    ),
                )
            })?;
        lijst.push((route, p));
    }
    Ok(lijst)
}

/// `[instroom]`: factors, doelgroep shares and their years.
pub(super) fn pas_instroom_toe(s: &mut Samen, i: &InstroomToml, bron: &Bron) -> Result<(), Fout> {
    if let Some(g) = &i.groei {
        let v = getal(g.get_ref(), bron.ruw(&["instroom", "groei"]))
            .filter(|v| *v > -Decimal::ONE_HUNDRED && *v <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    g.span(),
                    "instroom.groei",
                    format!(
                        "{} is ongeldig; verwacht een groeipercentage per jaar tussen -100 en 100, bijv. 5 of -10",
                        bron.geschreven(g.get_ref(), &["instroom", "groei"])
                    ),
                )
            })?;
        s.groei = Some(v);
        s.tekst
            .insert("instroom.groei".into(), format!("{v} % per jaar"));
    }
    if let Some(g) = &i.schaal {
        let v = getal(g.get_ref(), bron.ruw(&["instroom", "schaal"]))
            .filter(|v| *v >= Decimal::ZERO && *v <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    g.span(),
                    "instroom.schaal",
                    format!(
                        "{} is ongeldig; verwacht een factor tussen 0 en 100, bijv. 1.3 voor +30 %",
                        bron.geschreven(g.get_ref(), &["instroom", "schaal"])
                    ),
                )
            })?;
        s.schaal = Some(v);
        s.tekst.insert("instroom.schaal".into(), format!("× {v}"));
        twijfel_factor(s, "instroom.schaal", v, bron.herkomst(g.span()));
    }
    if let Some(a) = &i.aandeel_inburgeringsplichtig {
        pas_aandeel_toe(s, a, bron)?;
    }
    if let Some(fs) = &i.factoren {
        let v = lees_factoren(fs, bron)?;
        s.tekst.insert(
            "instroom.factoren".into(),
            v.iter()
                .map(|(a, b, x)| format!("{a}–{b} × {x}"))
                .collect::<Vec<_>>()
                .join("; "),
        );
        // The first implausible factor is named (`v` is in the order of `fs`).
        match v.iter().position(|(_, _, x)| *x > GROTE_FACTOR) {
            Some(i) => twijfel_factor(
                s,
                "instroom.factoren",
                v[i].2,
                bron.herkomst(fs[i].factor.span()),
            ),
            None => {
                s.twijfel.remove("instroom.factoren");
            }
        }
        s.factoren = Some(v);
    }
    Ok(())
}

/// An instroom factor above this is allowed (a stress test) but more likely a percentage
/// written as a factor (30 for +30 %): a warning, so the run does not multiply silently.
const GROTE_FACTOR: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// Records (or clears) the warning for an instroom factor `v` set under `sleutel`.
fn twijfel_factor(s: &mut Samen, sleutel: &str, v: Decimal, h: crate::fout::Herkomst) {
    if v <= GROTE_FACTOR {
        s.twijfel.remove(sleutel);
        return;
    }
    let nl = crate::opmaak::decimaal_nl;
    let procent = (v - Decimal::ONE) * Decimal::ONE_HUNDRED;
    s.twijfel.insert(
        sleutel.to_string(),
        Waarschuwing::new(
            h,
            sleutel,
            format!(
                "factor {} vermenigvuldigt de instroom met {} (+{} %); bedoelde u {} voor +{} %? \
                 Een factor boven {} is toegestaan maar ongebruikelijk",
                nl(v),
                nl(v),
                if procent.fract().is_zero() {
                    crate::opmaak::getal_nl(procent)
                } else {
                    nl(procent)
                },
                nl(Decimal::ONE + v / Decimal::ONE_HUNDRED),
                nl(v),
                nl(GROTE_FACTOR)
            ),
        ),
    );
}

/// `[instroom] factoren`: per period (van ≤ tot) a factor 0–100 on the instroom.
fn lees_factoren(fs: &[FactorToml], bron: &Bron) -> Result<Vec<(i32, i32, Decimal)>, Fout> {
    let mut v = Vec::new();
    for (i, f) in fs.iter().enumerate() {
        let i = i.to_string();
        let pad = ["instroom", "factoren", &i, "factor"];
        let x = getal(f.factor.get_ref(), bron.ruw(&pad))
            .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    f.factor.span(),
                    "instroom.factoren.factor",
                    format!(
                        "{} is ongeldig; verwacht een factor tussen 0 en 100",
                        bron.geschreven(f.factor.get_ref(), &pad)
                    ),
                )
            })?;
        if f.van > f.tot {
            return Err(bron.fout(
                f.factor.span(),
                "instroom.factoren",
                format!("van {} ligt na tot {}; verwacht van ≤ tot", f.van, f.tot),
            ));
        }
        v.push((f.van, f.tot, x));
    }
    Ok(v)
}

/// `[instroom] aandeel_inburgeringsplichtig`: per doelgroep the percentage of a taakstelling
/// that is inburgeringsplichtig, 0–100.
fn pas_aandeel_toe(s: &mut Samen, a: &Spanned<toml::Value>, bron: &Bron) -> Result<(), Fout> {
    let sleutel = crate::instroom::AANDEEL_SLEUTEL;
    let toml::Value::Table(t) = a.get_ref() else {
        return Err(bron.fout(
            a.span(),
            sleutel,
            "verwacht een tabel met een percentage per doelgroep, bijv. \
             aandeel_inburgeringsplichtig = { asiel = 60, gezin = 90 }"
                .into(),
        ));
    };
    for (dg, v) in t {
        let k = format!("{sleutel}.{dg}");
        let d = lees_doelgroep(dg, a.span(), &k, bron)?;
        let pad = ["instroom", "aandeel_inburgeringsplichtig", dg.as_str()];
        let p = getal(v, bron.ruw(&pad))
            .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    a.span(),
                    &k,
                    format!(
                        "{} is ongeldig; verwacht het percentage inburgeringsplichtigen \
                         (volwassen, niet vrijgesteld) in de taakstelling, tussen 0 en 100, bijv. 60",
                        bron.geschreven(v, &pad)
                    ),
                )
            })?;
        s.aandeel_plichtig.insert(d, p);
        s.tekst.insert(
            k,
            format!("{p} % van de taakstelling is inburgeringsplichtig"),
        );
    }
    Ok(())
}

/// `[indexatie]`: a percentage per kind, for all years or per year.
pub(super) fn pas_indexatie_toe(
    s: &mut Samen,
    ix: &BTreeMap<String, Spanned<toml::Value>>,
    bron: &Bron,
) -> Result<(), Fout> {
    for (soort_naam, waarde) in ix {
        let sleutel = format!("indexatie.{soort_naam}");
        let soort = IndexSoort::lees(soort_naam).ok_or_else(|| {
            bron.fout(
                waarde.span(),
                &sleutel,
                format!("onbekende soort '{soort_naam}'; verwacht tarieven, lonen, prijzen of gemeentefonds"),
            )
        })?;
        let reeks = lees_indexatie_reeks(soort_naam, waarde, &sleutel, bron)?;
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
    Ok(())
}

/// One kind's indexation as written: a single percentage (year `None`) or a table of year =
/// percentage, each between -100 and 100.
fn lees_indexatie_reeks(
    soort_naam: &str,
    waarde: &Spanned<toml::Value>,
    sleutel: &str,
    bron: &Bron,
) -> Result<Vec<(Option<i32>, Decimal)>, Fout> {
    let pct = |v: &toml::Value, k: &str, jaar: Option<&str>| {
        let mut pad = vec!["indexatie", soort_naam];
        pad.extend(jaar);
        getal(v, bron.ruw(&pad))
            .filter(|p| *p > -Decimal::ONE_HUNDRED && *p <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                bron.fout(
                    waarde.span(),
                    k,
                    format!(
                        "{} is ongeldig; verwacht een percentage tussen -100 en 100, bijv. 2.5",
                        bron.geschreven(v, &pad)
                    ),
                )
            })
    };
    Ok(match waarde.get_ref() {
        toml::Value::Table(t) => {
            let mut r = Vec::new();
            for (j, v) in t {
                let k = format!("{sleutel}.{j}");
                let jaar: i32 = j.parse().map_err(|_| {
                    bron.fout(
                        waarde.span(),
                        &k,
                        format!("'{j}' is geen jaartal; verwacht bijv. 2025 = 3.0"),
                    )
                })?;
                r.push((Some(jaar), pct(v, &k, Some(j.as_str()))?));
            }
            r
        }
        v => vec![(None, pct(v, sleutel, None)?)],
    })
}

/// `[fte.<post>]`: fte per year of a formatie post.
pub(super) fn pas_fte_toe(
    s: &mut Samen,
    f: &BTreeMap<String, Spanned<toml::Value>>,
    bron: &Bron,
) -> Result<(), Fout> {
    for (post, waarde) in f {
        let sleutel = format!("fte.{post}");
        let toml::Value::Table(t) = waarde.get_ref() else {
            return Err(bron.fout(
                waarde.span(),
                &sleutel,
                "verwacht een tabel jaar = fte, bijv. [fte.procesregie] 2025 = 5.0".into(),
            ));
        };
        let entry = s
            .fte
            .entry(post.clone())
            .or_insert_with(|| (BTreeMap::new(), bron.herkomst(waarde.span())));
        entry.1 = bron.herkomst(waarde.span());
        for (j, v) in t {
            let k = format!("{sleutel}.{j}");
            let jaar: i32 = j
                .parse()
                .map_err(|_| bron.fout(waarde.span(), &k, format!("'{j}' is geen jaartal")))?;
            let x = getal(v, bron.ruw(&["fte", post, j]))
                .filter(|x| *x >= Decimal::ZERO && *x <= Decimal::from(100_000))
                .ok_or_else(|| {
                    bron.fout(
                        waarde.span(),
                        &k,
                        format!(
                            "{} is ongeldig; verwacht een aantal fte tussen 0 en 100.000",
                            bron.geschreven(v, &["fte", post, j])
                        ),
                    )
                })?;
            entry.0.insert(jaar, x);
            s.tekst.insert(k, x.to_string());
        }
    }
    Ok(())
}
