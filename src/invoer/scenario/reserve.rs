//! `[reserve]`: the bestemmingsreserve as written, and resolved against the data.

use super::*;

/// Example shown in every `[reserve]` error.
pub(super) const RESERVE_VOORBEELD: &str = "bijv. [reserve] naam = \"Bestemmingsreserve inburgering\" \
     beginsaldo = { Dordrecht = 150000 } plafond = 500000";

/// Reads one file's `[reserve]` over what its parents set, key by key. Amounts are whole cents
/// ≥ 0 and read exactly as written; gemeenten are looked up later, against the data
/// ([`reserve`]).
pub(super) fn lees_reserve(
    s: &mut Samen,
    r: &Spanned<ReserveToml>,
    doc: Option<&DeTable<'_>>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
) -> Result<(), Fout> {
    let mut uit = s.reserve.clone().unwrap_or_default();
    uit.herkomst = h(r.span());
    let r = r.get_ref();
    let mut fouten: Vec<InvoerFout> = Vec::new();
    lees_reserve_teksten(s, &mut uit, r, h, &mut fouten);
    if let Some(b) = &r.beginsaldo {
        match reserve_per_gemeente(b, "beginsaldo", doc, h, &mut fouten) {
            Some(lijst) => {
                s.tekst
                    .insert("reserve.beginsaldo".into(), lijst_tekst(&lijst));
                uit.beginsaldo = lijst;
            }
            None => fouten.push(InvoerFout::new(
                h(b.span()),
                "reserve.beginsaldo",
                format!(
                    "{} is ongeldig; verwacht een beginsaldo per gemeente (naam of CBS-code), {RESERVE_VOORBEELD}",
                    b.get_ref()
                ),
            )),
        }
    }
    if let Some(p) = &r.plafond {
        lees_reserve_plafond(s, &mut uit, p, doc, h, &mut fouten);
    }
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    s.tekst
        .entry("reserve.naam".into())
        .or_insert_with(|| "Bestemmingsreserve inburgering (standaard)".into());
    s.reserve = Some(uit);
    Ok(())
}

/// `[reserve]` `naam` (non-empty text) and `bron` (text), each reported when not.
fn lees_reserve_teksten(
    s: &mut Samen,
    uit: &mut ReserveRuw,
    r: &ReserveToml,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    if let Some(n) = &r.naam {
        match n.get_ref() {
            toml::Value::String(t) if !t.trim().is_empty() => {
                uit.naam = Some(t.trim().to_string());
                s.tekst.insert("reserve.naam".into(), t.trim().to_string());
            }
            v => fouten.push(InvoerFout::new(
                h(n.span()),
                "reserve.naam",
                format!(
                    "{} is ongeldig; verwacht de naam van de reserve als tekst, bijv. naam = \"Bestemmingsreserve inburgering\"",
                    if v.as_str().is_some() { "lege tekst".to_string() } else { v.to_string() }
                ),
            )),
        }
    }
    if let Some(b) = &r.bron {
        match b.get_ref() {
            toml::Value::String(t) => {
                s.tekst.insert("reserve.bron".into(), t.clone());
            }
            v => fouten.push(InvoerFout::new(
                h(b.span()),
                "reserve.bron",
                format!("{v} is ongeldig; verwacht tekst: waar de bedragen vandaan komen"),
            )),
        }
    }
}

/// `[reserve] plafond`: one amount for every gemeente, or a table per gemeente.
fn lees_reserve_plafond(
    s: &mut Samen,
    uit: &mut ReserveRuw,
    p: &Spanned<toml::Value>,
    doc: Option<&DeTable<'_>>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    fouten: &mut Vec<InvoerFout>,
) {
    if let toml::Value::Table(_) = p.get_ref() {
        let lijst = reserve_per_gemeente(p, "plafond", doc, h, fouten).unwrap_or_default();
        s.tekst
            .insert("reserve.plafond".into(), lijst_tekst(&lijst));
        uit.plafond = Some(PlafondRuw::PerGemeente(lijst));
    } else {
        match reserve_bedrag(
            p.get_ref(),
            doc,
            &["reserve", "plafond"],
            "reserve.plafond",
            &h(p.span()),
        ) {
            Ok(x) => {
                s.tekst.insert("reserve.plafond".into(), x.to_string());
                uit.plafond = Some(PlafondRuw::Een(x));
            }
            Err(e) => fouten.push(e),
        }
    }
}

/// One `[reserve]` amount: a number (exact as written), whole cents, ≥ 0.
pub(super) fn reserve_bedrag(
    v: &toml::Value,
    doc: Option<&DeTable<'_>>,
    pad: &[&str],
    sleutel: &str,
    hk: &Herkomst,
) -> Result<Decimal, InvoerFout> {
    let ruw = ruw_waarde(doc, pad);
    let geschreven = match ruw {
        Some(DeValue::Float(f)) => f.as_str().to_string(),
        _ => v.to_string(),
    };
    let x = match v {
        toml::Value::Integer(_) | toml::Value::Float(_) => getal(v, ruw),
        _ => None,
    };
    match x {
        None => Err(InvoerFout::new(
            hk.clone(),
            sleutel,
            format!(
                "{geschreven} is ongeldig; verwacht een bedrag in euro's (een getal, punt als decimaalteken), {RESERVE_VOORBEELD}"
            ),
        )),
        Some(x) if x.is_sign_negative() && !x.is_zero() => Err(InvoerFout::new(
            hk.clone(),
            sleutel,
            format!(
                "{geschreven} is negatief; verwacht een bedrag ≥ 0 (een reserve staat nooit onder nul)"
            ),
        )),
        Some(x) if x.normalize().scale() > 2 || x > Decimal::from(1_000_000_000_000i64) => {
            Err(InvoerFout::new(
                hk.clone(),
                sleutel,
                format!(
                    "{geschreven} is ongeldig; verwacht een bedrag in hele centen, hoogstens 1.000.000.000.000"
                ),
            ))
        }
        Some(x) => Ok(x.normalize()),
    }
}

/// A `[reserve]` table of gemeente = amount, each entry with its own line; `None` when `v` is
/// no table.
pub(super) fn reserve_per_gemeente(
    v: &Spanned<toml::Value>,
    naam: &str,
    doc: Option<&DeTable<'_>>,
    h: &dyn Fn(std::ops::Range<usize>) -> Herkomst,
    fouten: &mut Vec<InvoerFout>,
) -> Option<Vec<(String, Decimal, Herkomst)>> {
    let mut lijst = Vec::new();
    let toml::Value::Table(t) = v.get_ref() else {
        return None;
    };
    for (k, w) in t {
        let span = match ruw_waarde(doc, &["reserve", naam]) {
            Some(DeValue::Table(rt)) => rt.get(k.as_str()).map(|x| x.span()),
            _ => None,
        }
        .unwrap_or(v.span());
        let hk = h(span);
        match reserve_bedrag(
            w,
            doc,
            &["reserve", naam, k],
            &format!("reserve.{naam}.{k}"),
            &hk,
        ) {
            Ok(x) => lijst.push((k.clone(), x, hk)),
            Err(e) => fouten.push(e),
        }
    }
    Some(lijst)
}

/// `gemeente amount, ...` for the list of assumptions.
pub(super) fn lijst_tekst(lijst: &[(String, Decimal, Herkomst)]) -> String {
    lijst
        .iter()
        .map(|(g, x, _)| format!("{g} {x}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scenario's `[reserve]` against the data: every gemeente named (by name or CBS code)
/// must exist and be named once per key; an opening balance may not exceed its ceiling. All
/// problems at once. `None` without `[reserve]`.
pub fn reserve(
    s: &Scenario,
    d: &Gegevens,
) -> Result<Option<crate::reserve::ReserveInstellingen>, Fout> {
    let Some(r) = &s.reserve else {
        return Ok(None);
    };
    let n = d.gemeenten.len();
    let mut fouten: Vec<InvoerFout> = Vec::new();
    let begin = reserve_per_index(d, &r.beginsaldo, "beginsaldo", &mut fouten);
    let plafond: Vec<Option<Decimal>> = match &r.plafond {
        None => vec![None; n],
        Some(PlafondRuw::Een(x)) => vec![Some(*x); n],
        Some(PlafondRuw::PerGemeente(lijst)) => reserve_per_index(d, lijst, "plafond", &mut fouten),
    };
    check_begin_plafond(r, d, &begin, &plafond, &mut fouten);
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    Ok(Some(crate::reserve::ReserveInstellingen {
        naam: r
            .naam
            .clone()
            .unwrap_or_else(|| "Bestemmingsreserve inburgering".into()),
        beginsaldo: begin.into_iter().map(Option::unwrap_or_default).collect(),
        plafond,
        herkomst: r.herkomst.clone(),
    }))
}

/// A `[reserve]` list of gemeente = amount as an amount per gemeente index; an unknown
/// gemeente, or one named twice (by name and CBS code), is reported.
fn reserve_per_index(
    d: &Gegevens,
    lijst: &[(String, Decimal, Herkomst)],
    sleutel: &str,
    fouten: &mut Vec<InvoerFout>,
) -> Vec<Option<Decimal>> {
    let mut uit: Vec<Option<Decimal>> = vec![None; d.gemeenten.len()];
    for (g, x, hk) in lijst {
        match d.gemeenten.zoek(g) {
            Some(i) if uit[i].is_some() => fouten.push(InvoerFout::new(
                hk.clone(),
                format!("reserve.{sleutel}.{g}"),
                format!(
                    "{} staat twee keer in reserve.{sleutel} (naam en CBS-code?); verwacht één bedrag per gemeente",
                    d.gemeenten.naam(i)
                ),
            )),
            Some(i) => uit[i] = Some(*x),
            None => fouten.push(InvoerFout::new(
                hk.clone(),
                format!("reserve.{sleutel}.{g}"),
                match d.gemeenten.suggestie(g) {
                    Some(v) => format!(
                        "onbekende gemeente '{g}'; bedoelde u {v}? Verwacht een naam of CBS-code uit gemeenten.csv"
                    ),
                    None => format!(
                        "onbekende gemeente '{g}'; verwacht een naam of CBS-code uit gemeenten.csv ({})",
                        d.gemeenten.lijst.iter().map(|x| x.naam.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                },
            )),
        }
    }
    uit
}

/// Per gemeente the opening balance may not exceed its ceiling; reported at the beginsaldo
/// entry that named it.
fn check_begin_plafond(
    r: &ReserveRuw,
    d: &Gegevens,
    begin: &[Option<Decimal>],
    plafond: &[Option<Decimal>],
    fouten: &mut Vec<InvoerFout>,
) {
    for g in 0..d.gemeenten.len() {
        if let (Some(b), Some(p)) = (begin[g], plafond[g])
            && b > p
        {
            let hk = r
                .beginsaldo
                .iter()
                .find(|(x, _, _)| d.gemeenten.zoek(x) == Some(g))
                .map(|(_, _, h)| h.clone())
                .unwrap_or_else(|| r.herkomst.clone());
            fouten.push(InvoerFout::new(
                hk,
                "reserve.beginsaldo",
                format!(
                    "het beginsaldo van {} ({b}) is hoger dan het plafond ({p}); verwacht een beginsaldo ≤ plafond",
                    d.gemeenten.naam(g)
                ),
            ));
        }
    }
}
