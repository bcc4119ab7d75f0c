//! Generic CSV reading with messages a controller can act on. Each loader declares its columns
//! (name, required, what is expected); this module checks the header, skips blank rows, accepts
//! a UTF-8 BOM and the Dutch-Excel dialect (`;` with decimal comma), and turns serde errors into
//! "file, row, column: value, expected ...".

use crate::fout::{Fout, Herkomst, InvoerFout};
use csv::StringRecord;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A column of an input file.
#[derive(Debug, Clone, Copy)]
pub struct Kolom {
    pub naam: &'static str,
    pub verplicht: bool,
    /// What a valid value looks like, in Dutch, for error messages.
    pub verwacht: &'static str,
    /// Numeric column: in the `;` dialect a decimal comma is accepted.
    pub getal: bool,
    /// Whole number (years).
    pub geheel: bool,
    /// Allowed values, for choice columns.
    pub keuzes: &'static [&'static str],
}

impl Kolom {
    /// Whether a (normalised) value fits this column; used to find the culprit when serde
    /// reports an error without a field position.
    fn past(&self, v: &str) -> bool {
        if v.is_empty() {
            return !self.verplicht;
        }
        if self.geheel {
            v.parse::<i32>().is_ok()
        } else if self.getal {
            v.parse::<rust_decimal::Decimal>().is_ok()
                || rust_decimal::Decimal::from_scientific(v).is_ok()
        } else if !self.keuzes.is_empty() {
            self.keuzes.contains(&v)
        } else {
            true
        }
    }
}

pub const fn kolom(naam: &'static str, verwacht: &'static str) -> Kolom {
    Kolom {
        naam,
        verplicht: true,
        verwacht,
        getal: false,
        geheel: false,
        keuzes: &[],
    }
}

pub const fn getal(naam: &'static str, verwacht: &'static str) -> Kolom {
    Kolom {
        getal: true,
        ..kolom(naam, verwacht)
    }
}

pub const fn geheel(naam: &'static str, verwacht: &'static str) -> Kolom {
    Kolom {
        getal: true,
        geheel: true,
        ..kolom(naam, verwacht)
    }
}

pub const fn keuze(
    naam: &'static str,
    verwacht: &'static str,
    keuzes: &'static [&'static str],
) -> Kolom {
    Kolom {
        keuzes,
        ..kolom(naam, verwacht)
    }
}

pub const fn optioneel(k: Kolom) -> Kolom {
    Kolom {
        verplicht: false,
        ..k
    }
}

/// The `bron` column every file may carry.
pub const BRON: Kolom = optioneel(kolom(
    "bron",
    "tekst: waar het getal vandaan komt, of 'aanname'",
));

/// One parsed row with where it came from.
pub struct Rij<T> {
    pub waarde: T,
    pub herkomst: Herkomst,
}

/// Reads `pad` (shown to the user as `weergave`) into typed rows.
pub fn lees<T: DeserializeOwned>(
    pad: &Path,
    weergave: &str,
    kolommen: &[Kolom],
) -> Result<Vec<Rij<T>>, Fout> {
    let bytes = std::fs::read(pad).map_err(|e| {
        let melding = if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "bestand ontbreekt; verwacht een CSV-bestand met kolommen {}",
                kolom_lijst(kolommen)
            )
        } else {
            format!("kan bestand niet lezen: {e}")
        };
        InvoerFout::new(Herkomst::new(weergave, 0), "", melding)
    })?;
    let tekst = std::str::from_utf8(&bytes).map_err(|e| {
        InvoerFout::new(
            Herkomst::new(weergave, 0),
            "",
            format!(
                "geen geldige UTF-8-tekst (byte {}); sla het bestand op als CSV UTF-8",
                e.valid_up_to()
            ),
        )
    })?;
    lees_tekst(tekst, weergave, kolommen)
}

/// Parses CSV text (shown to the user as `weergave`) into typed rows; also used for workbook
/// sheets, which are turned into CSV text first.
pub fn lees_tekst<T: DeserializeOwned>(
    tekst: &str,
    weergave: &str,
    kolommen: &[Kolom],
) -> Result<Vec<Rij<T>>, Fout> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let eerste_regel = tekst.lines().next().unwrap_or("");
    let nl_dialect = eerste_regel.contains(';') && !eerste_regel.contains(',');
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(if nl_dialect { b';' } else { b',' })
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(tekst.as_bytes());

    let kop = lezer
        .headers()
        .map_err(|e| {
            InvoerFout::new(
                Herkomst::new(weergave, 1),
                "",
                format!("kopregel onleesbaar: {e}"),
            )
        })?
        .clone();
    let kop: StringRecord = kop.iter().map(|k| k.trim().to_lowercase()).collect();
    if kop.iter().all(|k| k.is_empty()) {
        return Err(InvoerFout::new(
            Herkomst::new(weergave, 1),
            "",
            format!("lege kopregel; verwacht kolommen {}", kolom_lijst(kolommen)),
        )
        .into());
    }
    let mut fouten = Vec::new();
    for (i, k) in kop.iter().enumerate() {
        if !kolommen.iter().any(|c| c.naam == k) {
            fouten.push(InvoerFout::new(
                Herkomst::new(weergave, 1),
                k,
                format!(
                    "onbekende kolom '{k}' (kolom {}); verwacht kolommen {}",
                    i + 1,
                    kolom_lijst(kolommen)
                ),
            ));
        } else if kop.iter().filter(|x| *x == k).count() > 1
            && kop.iter().position(|x| x == k) == Some(i)
        {
            fouten.push(InvoerFout::new(
                Herkomst::new(weergave, 1),
                k,
                "kolom staat er meer dan één keer in",
            ));
        }
    }
    for c in kolommen.iter().filter(|c| c.verplicht) {
        if !kop.iter().any(|k| k == c.naam) {
            fouten.push(InvoerFout::new(
                Herkomst::new(weergave, 1),
                c.naam,
                format!("kolom ontbreekt; verwacht {}", c.verwacht),
            ));
        }
    }
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }

    let mut rijen = Vec::new();
    for rec in lezer.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let regel = e.position().map(|p| p.line()).unwrap_or(0);
                fouten.push(InvoerFout::new(
                    Herkomst::new(weergave, regel),
                    "",
                    format!("onleesbare regel: {e}"),
                ));
                continue;
            }
        };
        let regel = rec.position().map(|p| p.line()).unwrap_or(0);
        let herkomst = Herkomst::new(weergave, regel);
        if rec.iter().all(|v| v.is_empty()) {
            continue; // blank rows (often trailing ones from Excel) carry nothing
        }
        if rec.len() != kop.len() {
            fouten.push(InvoerFout::new(
                herkomst,
                "",
                format!(
                    "{} velden, verwacht {} (zoals de kopregel); staat er een komma in een waarde? \
                     Zet die waarde dan tussen aanhalingstekens",
                    rec.len(),
                    kop.len()
                ),
            ));
            continue;
        }
        let schoon: StringRecord = rec
            .iter()
            .zip(kop.iter())
            .map(|(v, k)| {
                let is_getal = kolommen.iter().any(|c| c.naam == k && c.getal);
                if is_getal {
                    normaliseer_getal(v, nl_dialect)
                } else {
                    v.to_string()
                }
            })
            .collect();
        match schoon.deserialize::<T>(Some(&kop)) {
            Ok(w) => rijen.push(Rij {
                waarde: w,
                herkomst,
            }),
            Err(e) => {
                let veld = match e.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => err.field().map(|i| i as usize),
                    _ => None,
                };
                // serde's own errors (Decimal, enums) carry no position: find the first value
                // that does not fit its column.
                let veld = veld.or_else(|| {
                    schoon
                        .iter()
                        .zip(kop.iter())
                        .position(|(v, k)| kolommen.iter().any(|c| c.naam == k && !c.past(v)))
                });
                let Some(i) = veld else {
                    fouten.push(InvoerFout::new(
                        herkomst,
                        "",
                        format!("ongeldige regel: {e}"),
                    ));
                    continue;
                };
                let kolom_naam = kop.get(i).unwrap_or("").to_string();
                let waarde = rec.get(i).unwrap_or("").to_string();
                let verwacht = kolommen
                    .iter()
                    .find(|c| c.naam == kolom_naam)
                    .map(|c| c.verwacht)
                    .unwrap_or("een geldige waarde");
                let melding = if waarde.is_empty() {
                    format!("leeg; verwacht {verwacht}")
                } else {
                    format!("waarde \"{waarde}\" is ongeldig; verwacht {verwacht}")
                };
                fouten.push(InvoerFout::new(herkomst, kolom_naam, melding));
            }
        }
    }
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    Ok(rijen)
}

/// A CSV text in canonical form (`,` separator, `.` decimal point): a file saved by Dutch Excel
/// (`;`, decimal comma, BOM) is converted; numbers in `numeriek` columns are normalised. Used to
/// fill the input template from any folder the loaders accept.
pub fn canoniek(tekst: &str, weergave: &str, numeriek: &[&str]) -> Result<String, Fout> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let eerste = tekst.lines().next().unwrap_or("");
    let nl = eerste.contains(';') && !eerste.contains(',');
    if !nl {
        return Ok(tekst.to_string());
    }
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(tekst.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut kop: Vec<String> = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| {
            InvoerFout::new(
                Herkomst::new(weergave, e.position().map(|p| p.line()).unwrap_or(0)),
                "",
                format!("onleesbare regel: {e}"),
            )
        })?;
        let velden: Vec<String> = if i == 0 {
            kop = rec.iter().map(|k| k.trim().to_lowercase()).collect();
            rec.iter().map(|k| k.trim().to_string()).collect()
        } else {
            rec.iter()
                .enumerate()
                .map(|(c, v)| {
                    let is_getal = kop.get(c).is_some_and(|k| numeriek.contains(&k.as_str()));
                    if is_getal && !v.trim().is_empty() {
                        normaliseer_getal(v, true)
                    } else {
                        v.trim().to_string()
                    }
                })
                .collect()
        };
        w.write_record(&velden)
            .map_err(|e| Fout::Tabel(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| Fout::Tabel(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One error as itself, several as a list.
pub fn meerdere(mut fouten: Vec<InvoerFout>) -> Fout {
    if fouten.len() == 1 {
        Fout::Invoer(fouten.remove(0))
    } else {
        Fout::Meerdere(fouten)
    }
}

fn kolom_lijst(kolommen: &[Kolom]) -> String {
    kolommen
        .iter()
        .map(|c| {
            if c.verplicht {
                c.naam.to_string()
            } else {
                format!("[{}]", c.naam)
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Strips a euro sign and spaces. In the `;` dialect (Dutch Excel) the comma is the decimal
/// separator and a dot only groups thousands: `1.234,56` and `94.000` are read as 1234.56 and
/// 94000; a dot that is not a thousands grouping (`1.5`) is left as is and then refused as
/// ambiguous by the column check.
pub fn normaliseer_getal(v: &str, nl_dialect: bool) -> String {
    let v: String = v
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if !nl_dialect {
        return v;
    }
    let (geheel, fractie) = match v.split_once(',') {
        Some((g, f)) => (g, Some(f)),
        None => (v.as_str(), None),
    };
    let zonder_teken = geheel.strip_prefix('-').unwrap_or(geheel);
    let groepen: Vec<&str> = zonder_teken.split('.').collect();
    let duizendtallen = groepen.len() > 1
        && !groepen[0].is_empty()
        && groepen[0].len() <= 3
        && groepen[1..].iter().all(|g| g.len() == 3)
        && groepen
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_digit()));
    let geheel = if duizendtallen {
        geheel.replace('.', "")
    } else if geheel.contains('.') {
        // Ambiguous in this dialect: make it fail the numeric check with the original text.
        return format!("{v}?");
    } else {
        geheel.to_string()
    };
    match fractie {
        Some(f) => format!("{geheel}.{f}"),
        None => geheel,
    }
}

#[cfg(test)]
mod tests {
    use super::normaliseer_getal;

    #[test]
    fn dutch_numbers() {
        assert_eq!(normaliseer_getal("€ 94.000", true), "94000");
        assert_eq!(normaliseer_getal("1.234.567,89", true), "1234567.89");
        assert_eq!(normaliseer_getal("-1.234,5", true), "-1234.5");
        assert_eq!(normaliseer_getal("1,5", true), "1.5");
        assert_eq!(normaliseer_getal("119.000", true), "119000");
        assert!(normaliseer_getal("1.5", true).ends_with('?'));
        assert_eq!(normaliseer_getal("1.5", false), "1.5");
        assert_eq!(normaliseer_getal(" € 12 ", false), "12");
    }
}
