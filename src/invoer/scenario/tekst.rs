//! Checks on a scenario's raw text before TOML parsing: control characters, and decimal commas
//! (`3,5`), which TOML would read as something else, with the key they belong to.

use super::*;

/// Control characters in a scenario's strings and keys (TOML lets them be written as escapes,
/// `"\u001b"` or `"\e"`) are refused with file, line and key: the scenario name becomes a folder
/// name and is printed, and nothing from input may reach a terminal raw. Line breaks (LF, CR) and tabs are
/// allowed in free text (`omschrijving`, `bron`).
pub(super) fn stuurtekens(tekst: &str, weergave: &str) -> Result<(), Fout> {
    let Ok(doc) = DeTable::parse(tekst) else {
        return Ok(());
    };
    let mut fouten = Vec::new();
    stuur_tabel(doc.get_ref(), "", tekst, weergave, &mut fouten);
    if fouten.is_empty() {
        Ok(())
    } else {
        Err(meerdere(fouten))
    }
}

/// [`stuurtekens`] for one table's keys and values, `pad` its dotted key ("" at the top).
fn stuur_tabel(
    t: &DeTable<'_>,
    pad: &str,
    tekst: &str,
    weergave: &str,
    fouten: &mut Vec<InvoerFout>,
) {
    for (k, v) in t.iter() {
        let naam = k.get_ref().as_ref();
        let sleutel = if pad.is_empty() {
            naam.to_string()
        } else {
            format!("{pad}.{naam}")
        };
        if naam
            .chars()
            .any(|c| c.is_control() || crate::fout::is_stuurteken(c))
        {
            fouten.push(InvoerFout::new(
                Herkomst::new(weergave, regel(tekst, k.span().start)),
                crate::fout::zichtbaar(&sleutel),
                "sleutel bevat een stuurteken; verwijder het",
            ));
            continue;
        }
        stuur_waarde(v, &sleutel, tekst, weergave, fouten);
    }
}

/// [`stuurtekens`] for one value: a string is checked, a table or array walked.
fn stuur_waarde(
    v: &toml::Spanned<DeValue<'_>>,
    sleutel: &str,
    tekst: &str,
    weergave: &str,
    fouten: &mut Vec<InvoerFout>,
) {
    match v.get_ref() {
        DeValue::String(s) => {
            // The line is counted only for a value that is reported.
            let hk = || Herkomst::new(weergave, regel(tekst, v.span().start));
            fouten.extend(stuur_tekst(s, sleutel, hk));
        }
        DeValue::Table(t) => stuur_tabel(t, sleutel, tekst, weergave, fouten),
        DeValue::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                stuur_waarde(x, &format!("{sleutel}[{i}]"), tekst, weergave, fouten);
            }
        }
        _ => {}
    }
}

/// One string setting: too long for a spreadsheet cell, or holding a control character
/// (line breaks are allowed only in free text, `omschrijving` and `bron`).
fn stuur_tekst(s: &str, sleutel: &str, hk: impl FnOnce() -> Herkomst) -> Option<InvoerFout> {
    let laatste = sleutel.rsplit('.').next().unwrap_or(sleutel);
    let vrij = matches!(laatste, "omschrijving" | "bron");
    // Every setting is copied into the workbook's Uitgangspunten sheet.
    let n = s.chars().count();
    if n > crate::invoer::csvbestand::MAX_CEL_TEKENS {
        return Some(InvoerFout::new(
            hk(),
            crate::fout::zichtbaar(sleutel),
            format!(
                "tekst van {n} tekens, langer dan een spreadsheetcel kan bevatten ({}); \
                 maak hem korter",
                crate::invoer::csvbestand::MAX_CEL_TEKENS
            ),
        ));
    }
    let c = s.chars().find(|c| {
        (crate::fout::is_stuurteken(*c) && !(vrij && *c == '\r'))
            || (!vrij && matches!(c, '\t' | '\n'))
    })?;
    Some(InvoerFout::new(
        hk(),
        crate::fout::zichtbaar(sleutel),
        format!(
            "bevat een stuurteken ({}): \"{}\"; een scenario mag geen escape-, \
             besturings- of richtingstekens bevatten, verwijder het",
            crate::fout::teken_zichtbaar(c),
            crate::fout::zichtbaar(s)
        ),
    ))
}

/// A number written with a decimal comma in a scenario (`factor = 1,5`).
#[derive(Debug, PartialEq)]
pub(super) struct DecimaleKomma {
    /// Where the number starts.
    pub(super) byte: usize,
    /// The key, with its table (`instroom.groei`).
    pub(super) sleutel: String,
    /// As written (`1,5`) and as it should be (`1.5`).
    pub(super) geschreven: String,
    pub(super) goed: String,
}

/// Every `key = 1,5` outside strings and comments. TOML has no decimal comma, so each one is an
/// error whatever else is in the file. Also finds them in inline tables
/// (`{ b1 = 45,5, z = 54,5 }`) and with thousands points (`1.234,5` → 1234.5). Long by
/// design: one pass of a small scanner over the text, its state (table, inline tables, last
/// key, line start) kept in one loop; strings, headers and keys are read by helpers.
pub(super) fn decimale_kommas(tekst: &str) -> Vec<DecimaleKomma> {
    let b = tekst.as_bytes();
    let mut uit = Vec::new();
    let mut tabel = String::new();
    // Keys of the inline tables and arrays we are in (None for an unnamed one).
    let mut binnen: Vec<Option<String>> = Vec::new();
    let mut laatste_sleutel: Option<String> = None;
    let mut regelbegin = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let rest = &b[i..];
        match c {
            b'\n' => {
                regelbegin = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = na_tekst(b, i);
                regelbegin = false;
                continue;
            }
            b'[' if regelbegin && binnen.is_empty() => {
                let (naam, eind) = tabelkop(rest);
                tabel = naam;
                i += eind;
                continue;
            }
            b'{' | b'[' => binnen.push(laatste_sleutel.take()),
            b'}' | b']' => {
                binnen.pop();
            }
            b'=' => {
                let sleutel = sleutel_voor(tekst, i);
                let na = &tekst[i + 1..];
                let begin = i + 1 + (na.len() - na.trim_start_matches([' ', '\t']).len());
                if let Some((geschreven, goed)) = komma_getal(&tekst[begin..]) {
                    let pad: Vec<&str> = std::iter::once(tabel.as_str())
                        .chain(binnen.iter().flatten().map(|s| s.as_str()))
                        .chain(std::iter::once(sleutel.as_str()))
                        .filter(|s| !s.is_empty())
                        .collect();
                    uit.push(DecimaleKomma {
                        byte: begin,
                        sleutel: pad.join("."),
                        geschreven: geschreven.to_string(),
                        goed,
                    });
                    i = begin + geschreven.len();
                    regelbegin = false;
                    continue;
                }
                laatste_sleutel = Some(sleutel);
            }
            _ => laatste_sleutel = None,
        }
        regelbegin = false;
        i += 1;
    }
    uit
}

/// The byte after the string literal whose quote (`"`, `'`, or three of them) is at `i`; a
/// single-line string left open ends at its line break.
fn na_tekst(b: &[u8], mut i: usize) -> usize {
    let c = b[i];
    let drie = [c, c, c];
    let (eind, lang) = if b[i..].starts_with(&drie) {
        (&drie[..], true)
    } else {
        (&drie[..1], false)
    };
    i += eind.len();
    while i < b.len() {
        if c == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(eind) {
            i += eind.len();
            break;
        }
        if !lang && b[i] == b'\n' {
            break;
        }
        i += 1;
    }
    i
}

/// A table header at the start of `rest` (`[instroom]` or `[[instroom.factoren]]`): its dotted
/// name without quotes or spaces, and its length up to the line break.
fn tabelkop(rest: &[u8]) -> (String, usize) {
    let eind = rest.iter().position(|x| *x == b'\n').unwrap_or(rest.len());
    let kop = String::from_utf8_lossy(&rest[..eind]);
    let kop = kop.split('#').next().unwrap_or("");
    let naam = kop
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim()
        .replace(['"', ' '], "");
    (naam, eind)
}

/// The key just before the `=` at byte `i`, without quotes or spaces (inline tables too).
fn sleutel_voor(tekst: &str, i: usize) -> String {
    tekst[..i]
        .trim_end()
        .rsplit(['{', ',', '\n', '['])
        .next()
        .unwrap_or("")
        .trim()
        .replace(['"', ' '], "")
}

/// A number with a decimal comma at the start of `t` (`-1,5`, `1.234,56`), as written and with a
/// decimal point; it must end there (space, `,`, `}`, `]`, `#` or the end of the line).
pub(super) fn komma_getal(t: &str) -> Option<(&str, String)> {
    let lengte = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | '_')))
        .unwrap_or(t.len());
    let mut kandidaat = &t[..lengte];
    // `1,5, z = 2` in an inline table: the comma that separates entries is not part of it.
    kandidaat = kandidaat.trim_end_matches(',');
    let (teken, kaal) = match kandidaat.strip_prefix(['-', '+']) {
        Some(r) => (&kandidaat[..1], r),
        None => ("", kandidaat),
    };
    let (geheel, fractie) = kaal.split_once(',')?;
    let cijfers = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '_');
    let geheel_ok =
        cijfers(geheel) || geheel.split('.').count() > 1 && geheel.split('.').all(cijfers);
    if !geheel_ok || !cijfers(fractie) {
        return None;
    }
    let goed = format!(
        "{}{}.{fractie}",
        teken.trim_start_matches('+'),
        geheel.replace('.', "")
    );
    Some((kandidaat, goed))
}

/// The key on the line of `byte` (`groei` in `groei = x`), with its table.
pub(super) fn sleutel_op(tekst: &str, byte: usize) -> String {
    let byte = byte.min(tekst.len());
    let begin = tekst[..byte].rfind('\n').map_or(0, |i| i + 1);
    let eind = tekst[byte..].find('\n').map_or(tekst.len(), |i| byte + i);
    let Some((sleutel, _)) = tekst[begin..eind].split_once('=') else {
        return String::new();
    };
    let sleutel = sleutel.trim().replace('"', "");
    let tabel = tekst[..begin]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| {
            l.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['[', ']'])
                .trim()
                .replace('"', "")
        });
    match tabel {
        Some(t) if !t.is_empty() => format!("{t}.{sleutel}"),
        _ => sleutel,
    }
}
