//! `[risico]`: the uncertain inputs of `raming risico`, read with a Dutch message per key.

use super::*;

/// `[risico]` as written: every key optional; a child's key replaces its parent's. Values stay
/// `toml::Value`, so a wrong type gets its own Dutch message (see [`lees_risico`]).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "een tabel [risico]")]
pub(super) struct RisicoToml {
    trekkingen: Option<Spanned<toml::Value>>,
    zaad: Option<Spanned<toml::Value>>,
    correlatie: Option<Spanned<toml::Value>>,
    routeverdeling: Option<Spanned<toml::Value>>,
    instroom: Option<Spanned<RisicoInstroomToml>>,
    bron: Option<Spanned<toml::Value>>,
}

/// `[risico.instroom]`: the distribution of the instroom factor, its parameters and its bron.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "een tabel [risico.instroom]")]
pub(super) struct RisicoInstroomToml {
    verdeling: Option<Spanned<toml::Value>>,
    laag: Option<Spanned<toml::Value>>,
    modus: Option<Spanned<toml::Value>>,
    hoog: Option<Spanned<toml::Value>>,
    sigma: Option<Spanned<toml::Value>>,
    a: Option<Spanned<toml::Value>>,
    b: Option<Spanned<toml::Value>>,
    bron: Option<Spanned<toml::Value>>,
}

/// Reads the `[risico]` table: draws, zaad (the random generator's starting value), year correlation, route range and the instroom
/// distribution, each with a bron. A child's `[risico]` overrides its parent's key by key.
/// Invalid parameters are refused with file, line and key; one short block per key, in the
/// order the keys were always checked.
pub(super) fn lees_risico(
    t: &Spanned<RisicoToml>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    ouder: crate::risico::RisicoInstellingen,
) -> Result<crate::risico::RisicoInstellingen, Fout> {
    let (x, mut r) = (t.get_ref(), ouder);
    if let Some(w) = &x.bron {
        r.bron.retain(|(k, _)| k != "risico");
        let bron = w.get_ref().as_str().unwrap_or_default().to_string();
        r.bron.push(("risico".into(), bron));
    }
    let binnen = |v: &toml::Value| getal_f(v).filter(|c| (-1.0..=1.0).contains(c));
    if let Some(c) = risico_sleutel(
        &x.correlatie,
        "risico.correlatie",
        h,
        binnen,
        |v| match getal_f(v) {
            Some(c) => format!(
                "{c} ligt buiten -1 tot 1; verwacht een correlatie tussen opeenvolgende jaren"
            ),
            None => format!("{v} is geen getal"),
        },
    )? {
        r.correlatie = c;
    }
    if let Some(it) = &x.instroom {
        let (verdeling, bron) = lees_risico_instroom(it, h)?;
        r.bron.retain(|(k, _)| k != "risico.instroom");
        r.bron.push(("risico.instroom".into(), bron));
        r.instroom = Some(verdeling);
    }
    if let Some(b) = risico_sleutel(
        &x.routeverdeling,
        "risico.routeverdeling",
        h,
        |v| v.as_bool(),
        |_| "verwacht true of false (routeverdeling tussen laag en hoog trekken)".into(),
    )? {
        r.routes = b;
    }
    let aantal = |v: &toml::Value| v.as_integer().filter(|n| (1..=1_000_000).contains(n));
    if let Some(n) = risico_sleutel(&x.trekkingen, "risico.trekkingen", h, aantal, |v| {
        format!("{v} is ongeldig; verwacht een aantal tussen 1 en 1.000.000")
    })? {
        r.trekkingen = n as usize;
    }
    let zaad = |v: &toml::Value| v.as_integer().filter(|n| *n >= 0);
    if let Some(n) = risico_sleutel(&x.zaad, "risico.zaad", h, zaad, |v| {
        format!("{v} is ongeldig; verwacht een geheel getal ≥ 0")
    })? {
        r.zaad = n as u64;
    }
    check_risico_bron(&r, h(t.span()))?;
    Ok(r)
}

/// Drawing the routeverdeling needs a bron for its range (`hk`: the `[risico]` header).
fn check_risico_bron(r: &crate::risico::RisicoInstellingen, hk: Herkomst) -> Result<(), Fout> {
    if r.routes
        && !r
            .bron
            .iter()
            .any(|(k, b)| k == "risico" && !b.trim().is_empty())
    {
        return Err(InvoerFout::new(
            hk,
            "risico.bron",
            "ontbreekt; bij routeverdeling = true is een bron (of 'aanname: ...') voor de bandbreedte nodig",
        )
        .into());
    }
    Ok(())
}

/// One `[risico]` key: `None` when absent, else its value as `lees` reads it, or an error at the
/// line of the value with `melding`.
pub(super) fn risico_sleutel<T>(
    w: &Option<Spanned<toml::Value>>,
    sleutel: &str,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    lees: impl Fn(&toml::Value) -> Option<T>,
    melding: impl Fn(&toml::Value) -> String,
) -> Result<Option<T>, Fout> {
    let Some(w) = w else { return Ok(None) };
    match lees(w.get_ref()) {
        Some(x) => Ok(Some(x)),
        None => Err(InvoerFout::new(h(w.span()), sleutel, melding(w.get_ref())).into()),
    }
}

/// A `[risico]` number as f64 (the draws are floating point; the exact engine is not).
pub(super) fn getal_f(v: &toml::Value) -> Option<f64> {
    getal(v, None).and_then(|d| rust_decimal::prelude::ToPrimitive::to_f64(&d))
}

/// `[risico.instroom]`: the distribution and its bron (required).
pub(super) fn lees_risico_instroom(
    t: &Spanned<RisicoInstroomToml>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
) -> Result<(crate::risico::Verdeling, String), Fout> {
    let it = t.get_ref();
    // A message about a value points at its line; about a missing one, at the table's.
    let fout = |w: &Option<Spanned<toml::Value>>, k: &str, m: String| -> Fout {
        let span = w.as_ref().map_or(t.span(), |w| w.span());
        InvoerFout::new(h(span), format!("risico.instroom.{k}"), m).into()
    };
    let soort = it
        .verdeling
        .as_ref()
        .and_then(|x| x.get_ref().as_str())
        .unwrap_or("");
    let par = |naam: &str, w: &Option<Spanned<toml::Value>>| -> Result<f64, Fout> {
        let max = if naam == "sigma" { 2.0 } else { 10.0 };
        let goed = |v: &toml::Value| getal_f(v).filter(|x| (0.0..=max).contains(x));
        let k = format!("risico.instroom.{naam}");
        risico_sleutel(w, &k, h, goed, |v| match getal_f(v) {
            None => format!("{v} is geen getal"),
            Some(x) if x < 0.0 => format!("{x} is negatief; verwacht een factor ≥ 0"),
            Some(x) => format!("{x} is te groot; verwacht hoogstens {max}"),
        })?
        .ok_or_else(|| fout(w, naam, format!("ontbreekt; nodig voor verdeling {soort}")))
    };
    let verdeling = risico_verdeling(it, soort, &par, &fout)?;
    let bron = it
        .bron
        .as_ref()
        .and_then(|x| x.get_ref().as_str())
        .unwrap_or("")
        .trim();
    if bron.is_empty() {
        return Err(fout(
            &it.bron,
            "bron",
            "ontbreekt; verwacht waar de verdeling vandaan komt, of 'aanname: ...' met de reden"
                .into(),
        ));
    }
    Ok((verdeling, bron.to_string()))
}

/// A `[risico]` value as written, with its place in the file.
pub(super) type Waarde = Option<Spanned<toml::Value>>;

/// The distribution named by `verdeling` with its parameters (read and bounded by `par`).
pub(super) fn risico_verdeling(
    it: &RisicoInstroomToml,
    soort: &str,
    par: &dyn Fn(&str, &Waarde) -> Result<f64, Fout>,
    fout: &dyn Fn(&Waarde, &str, String) -> Fout,
) -> Result<crate::risico::Verdeling, Fout> {
    use crate::risico::Verdeling;
    Ok(match soort {
        "driehoek" => {
            let (laag, modus, hoog) = (
                par("laag", &it.laag)?,
                par("modus", &it.modus)?,
                par("hoog", &it.hoog)?,
            );
            if laag > hoog {
                return Err(fout(
                    &it.laag,
                    "laag",
                    format!("laag {laag} > hoog {hoog}; verwacht laag ≤ modus ≤ hoog"),
                ));
            }
            if modus < laag || modus > hoog {
                return Err(fout(
                    &it.modus,
                    "modus",
                    format!("{modus} ligt niet tussen laag en hoog"),
                ));
            }
            Verdeling::Driehoek { laag, modus, hoog }
        }
        "lognormaal" => Verdeling::Lognormaal {
            sigma: par("sigma", &it.sigma)?,
        },
        "twee_waarden" => Verdeling::TweeWaarden {
            a: par("a", &it.a)?,
            b: par("b", &it.b)?,
        },
        ander => {
            return Err(fout(
                &it.verdeling,
                "verdeling",
                format!(
                    "onbekende verdeling '{ander}'; verwacht driehoek, lognormaal of twee_waarden"
                ),
            ));
        }
    })
}
