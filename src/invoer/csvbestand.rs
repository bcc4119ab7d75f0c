//! Generic CSV reading with messages a controller can act on. Each loader reads its columns
//! (name, required, what is expected) from `invoer::schema`; this module checks the header, skips blank rows, accepts
//! a UTF-8 BOM and the Dutch-Excel dialect (`;` with decimal comma), and turns serde errors into
//! "file, row, column: value, expected ...".

use crate::fout::{Fout, Herkomst, InvoerFout, is_stuurteken, teken_zichtbaar, zichtbaar};
use crate::gemeente::lijkt_op;
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
    /// Allowed values, for choice columns (an empty one: the column may be left empty).
    pub keuzes: &'static [&'static str],
    /// What the column means, in Dutch, for the input template's `Toelichting` sheet.
    pub betekenis: &'static str,
}

impl Kolom {
    /// The column with its meaning for the template.
    pub const fn betekent(self, betekenis: &'static str) -> Kolom {
        Kolom { betekenis, ..self }
    }

    /// The allowed values without the empty one: the template's choice list.
    pub fn lijst(&self) -> Vec<&'static str> {
        self.keuzes
            .iter()
            .copied()
            .filter(|k| !k.is_empty())
            .collect()
    }

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
        betekenis: "",
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
    let tekst = std::str::from_utf8(&bytes).map_err(|_| utf8_fouten(&bytes, weergave))?;
    lees_tekst(tekst, weergave, kolommen)
}

/// One error per line that holds bytes which are not UTF-8 (typically an é or ë from a file
/// saved by Excel as "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252), naming the
/// line and, where the header can be read, the column.
fn utf8_fouten(bytes: &[u8], weergave: &str) -> Fout {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let kop_regel = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let kop_tekst = String::from_utf8_lossy(kop_regel);
    let scheiding = if kop_tekst.contains(';') && !kop_tekst.contains(',') {
        b';'
    } else {
        b','
    };
    let kop: Vec<String> = kop_tekst
        .split(scheiding as char)
        .map(|k| k.trim().trim_matches('"').trim().to_lowercase())
        .collect();
    let mut fouten: Vec<InvoerFout> = Vec::new();
    let mut vanaf = 0;
    while vanaf < bytes.len() {
        let Err(e) = std::str::from_utf8(&bytes[vanaf..]) else {
            break;
        };
        let pos = vanaf + e.valid_up_to();
        let regel = bytes[..pos].iter().filter(|b| **b == b'\n').count() as u64 + 1;
        let begin = bytes[..pos]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        // The column: separators before the bad byte on its line, outside quotes.
        let mut binnen = false;
        let mut veld = 0;
        for b in &bytes[begin..pos] {
            match *b {
                b'"' => binnen = !binnen,
                x if x == scheiding && !binnen => veld += 1,
                _ => {}
            }
        }
        let kolom = if regel > 1 {
            kop.get(veld).cloned().unwrap_or_default()
        } else {
            String::new()
        };
        if fouten.last().is_none_or(|f| f.herkomst.regel != regel) {
            fouten.push(InvoerFout::new(
                Herkomst::new(weergave, regel),
                kolom,
                "geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8",
            ));
        }
        vanaf = pos + e.error_len().unwrap_or(bytes.len() - pos).max(1);
    }
    if fouten.is_empty() {
        // Unreachable for a text that failed to decode; keep a message anyway.
        fouten.push(InvoerFout::new(
            Herkomst::new(weergave, 0),
            "",
            "geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8",
        ));
    }
    meerdere(fouten)
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
    let dialect = if nl_dialect {
        Dialect::Nederlands
    } else {
        Dialect::Engels
    };
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(if nl_dialect { b';' } else { b',' })
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(tekst.as_bytes());
    let kop = lees_kop(&mut lezer, weergave, kolommen)?;
    let mut fouten = Vec::new();
    let mut rijen = Vec::new();
    let mut regels = Regelteller::nieuw(tekst);
    for rec in lezer.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let regel = regels.regel(e.position());
                fouten.push(InvoerFout::new(
                    Herkomst::new(weergave, regel),
                    "",
                    format!("onleesbare regel: {e}"),
                ));
                continue;
            }
        };
        let regel = regels.regel(rec.position());
        match lees_rij(
            &rec,
            &kop,
            kolommen,
            dialect,
            Herkomst::new(weergave, regel),
        ) {
            Ok(Some(r)) => rijen.push(r),
            Ok(None) => {}
            Err(f) => fouten.extend(f),
        }
    }
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    Ok(rijen)
}

/// The header row, lower-cased: every error in it at once (unknown, repeated and missing
/// columns), or an empty header.
fn lees_kop(
    lezer: &mut csv::Reader<&[u8]>,
    weergave: &str,
    kolommen: &[Kolom],
) -> Result<StringRecord, Fout> {
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
    let fouten = kop_fouten(&kop, weergave, kolommen);
    if !fouten.is_empty() {
        return Err(meerdere(fouten));
    }
    Ok(kop)
}

/// A non-empty header's errors: unknown and repeated columns in their order, then the missing
/// required ones.
fn kop_fouten(kop: &StringRecord, weergave: &str, kolommen: &[Kolom]) -> Vec<InvoerFout> {
    let mut fouten = Vec::new();
    for (i, k) in kop.iter().enumerate() {
        if !kolommen.iter().any(|c| c.naam == k) {
            fouten.push(InvoerFout::new(
                Herkomst::new(weergave, 1),
                zichtbaar(k),
                format!(
                    "onbekende kolom '{}' (kolom {}); verwacht kolommen {}",
                    zichtbaar(k),
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
    fouten
}

/// One data row: its value, nothing for a blank row (often trailing ones from Excel), or its
/// errors (field count, control characters, numbers, values that do not fit their column).
fn lees_rij<T: DeserializeOwned>(
    rec: &StringRecord,
    kop: &StringRecord,
    kolommen: &[Kolom],
    dialect: Dialect,
    herkomst: Herkomst,
) -> Result<Option<Rij<T>>, Vec<InvoerFout>> {
    if rec.iter().all(|v| v.is_empty()) {
        return Ok(None);
    }
    if rec.len() != kop.len() {
        return Err(vec![InvoerFout::new(
            herkomst,
            "",
            format!(
                "{} velden, verwacht {} (zoals de kopregel); staat er een komma in een waarde? \
                 Zet die waarde dan tussen aanhalingstekens",
                rec.len(),
                kop.len()
            ),
        )]);
    }
    let teken_fouten: Vec<InvoerFout> = rec
        .iter()
        .zip(kop.iter())
        .filter_map(|(v, k)| {
            stuurteken_fout(v, k)
                .or_else(|| te_lang(v))
                .map(|m| InvoerFout::new(herkomst.clone(), k, m))
        })
        .collect();
    if !teken_fouten.is_empty() {
        return Err(teken_fouten);
    }
    let schoon = lees_getallen(rec, kop, kolommen, dialect, &herkomst)?;
    match schoon.deserialize::<T>(Some(kop)) {
        Ok(w) => Ok(Some(Rij {
            waarde: w,
            herkomst,
        })),
        Err(e) => Err(vec![veldfout(&e, &schoon, rec, kop, kolommen, herkomst)]),
    }
}

/// The row with its number columns as canonical text (see [`lees_getal`]), or the messages of
/// the numbers it cannot read unambiguously.
fn lees_getallen(
    rec: &StringRecord,
    kop: &StringRecord,
    kolommen: &[Kolom],
    dialect: Dialect,
    herkomst: &Herkomst,
) -> Result<StringRecord, Vec<InvoerFout>> {
    let mut getal_fouten = Vec::new();
    let schoon: StringRecord = rec
        .iter()
        .zip(kop.iter())
        .map(|(v, k)| {
            let is_getal = kolommen.iter().any(|c| c.naam == k && c.getal);
            if !is_getal {
                return v.to_string();
            }
            match lees_getal(v, dialect) {
                Ok(n) => n,
                // Fails the column check, which names the column and what it expects.
                Err(GetalFout::Ongeldig) => format!("{v}?"),
                Err(GetalFout::Melding(m)) => {
                    getal_fouten.push(InvoerFout::new(herkomst.clone(), k, m));
                    String::new()
                }
            }
        })
        .collect();
    if !getal_fouten.is_empty() {
        return Err(getal_fouten);
    }
    Ok(schoon)
}

/// The error of a row serde refused: the first value that does not fit its column, with what
/// the column expects (and the choice it resembles), or serde's own message.
fn veldfout(
    e: &csv::Error,
    schoon: &StringRecord,
    rec: &StringRecord,
    kop: &StringRecord,
    kolommen: &[Kolom],
    herkomst: Herkomst,
) -> InvoerFout {
    let veld = match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err.field().map(|i| i as usize),
        _ => None,
    };
    // serde's own errors (Decimal, enums) carry no position: find the first value that does
    // not fit its column.
    let veld = veld.or_else(|| {
        schoon
            .iter()
            .zip(kop.iter())
            .position(|(v, k)| kolommen.iter().any(|c| c.naam == k && !c.past(v)))
    });
    let Some(i) = veld else {
        return InvoerFout::new(herkomst, "", format!("ongeldige regel: {e}"));
    };
    let kolom_naam = kop.get(i).unwrap_or("").to_string();
    let waarde = rec.get(i).unwrap_or("").to_string();
    let verwacht = kolommen
        .iter()
        .find(|c| c.naam == kolom_naam)
        .map(|c| c.verwacht)
        .unwrap_or("een geldige waarde");
    let keuzes = kolommen
        .iter()
        .find(|c| c.naam == kolom_naam)
        .map(|c| c.keuzes)
        .unwrap_or_default();
    let melding = if waarde.is_empty() {
        format!("leeg; verwacht {verwacht}")
    } else if let Some(k) = lijkt_op(&waarde, keuzes.iter().copied()) {
        format!("waarde \"{waarde}\" is ongeldig; bedoelde u {k}? Verwacht {verwacht}")
    } else {
        format!("waarde \"{waarde}\" is ongeldig; verwacht {verwacht}")
    };
    InvoerFout::new(herkomst, kolom_naam, melding)
}

/// The most characters a spreadsheet cell holds (Excel and LibreOffice): every input cell is
/// copied into `begroting.xlsx`, so a longer one is refused here, where `controleer` sees it,
/// instead of failing when the workbook is written.
pub const MAX_CEL_TEKENS: usize = 32_767;

fn te_lang(v: &str) -> Option<String> {
    let n = v.chars().count();
    (n > MAX_CEL_TEKENS).then(|| {
        format!(
            "tekst van {n} tekens, langer dan een spreadsheetcel kan bevatten ({MAX_CEL_TEKENS}); \
             maak hem korter (verwijs bijv. naar een document in plaats van het te citeren)"
        )
    })
}

/// Columns of free text (a source, a description): line breaks (LF, CR) and tabs are allowed (a
/// cell with Alt+Enter in Excel), other control characters are not. Elsewhere (names, codes,
/// numbers) no control character is allowed at all.
const VRIJE_TEKST: &[&str] = &["bron", "omschrijving"];

/// Why a cell is refused for a control character (escape sequences, C1 controls, bidirectional
/// overrides: text that would recolour, move or reorder a terminal or a report), or `None`.
fn stuurteken_fout(v: &str, kolom: &str) -> Option<String> {
    let vrij = VRIJE_TEKST.contains(&kolom);
    let (pos, c) = v.chars().enumerate().find(|(_, c)| {
        (is_stuurteken(*c) && !(vrij && *c == '\r')) || (!vrij && matches!(c, '\t' | '\n'))
    })?;
    Some(format!(
        "bevat een stuurteken ({}) op teken {}: \"{}\"; {} mag geen escape-, besturings- of \
         richtingstekens bevatten, verwijder het (kopieer de tekst eventueel opnieuw als platte tekst)",
        teken_zichtbaar(c),
        pos + 1,
        zichtbaar(v),
        if vrij {
            "tekst"
        } else {
            "een naam, code of getal"
        },
    ))
}

/// Line numbers as a text editor counts them, from the byte where a record starts: one more
/// than the line breaks before it. The csv crate's own count is one short in a file with CRLF
/// line ends (as Excel on Windows saves them): there a record's position is the `\n` of the
/// `\r\n` before it, so that byte is counted too (in an LF file it is the record's first
/// character, never a break). Records come in order, so the breaks are counted once.
pub(super) struct Regelteller<'a> {
    tekst: &'a [u8],
    tot: usize,
    regel: u64,
}

impl<'a> Regelteller<'a> {
    pub(super) fn nieuw(tekst: &'a str) -> Self {
        Regelteller {
            tekst: tekst.as_bytes(),
            tot: 0,
            regel: 1,
        }
    }

    /// The line of a position; 0 where there is none.
    pub(super) fn regel(&mut self, pos: Option<&csv::Position>) -> u64 {
        let Some(p) = pos else { return 0 };
        let b = usize::try_from(p.byte())
            .unwrap_or(usize::MAX)
            .saturating_add(1)
            .min(self.tekst.len());
        let breuken = |x: &[u8]| x.iter().filter(|c| **c == b'\n').count() as u64;
        if b < self.tot {
            return 1 + breuken(&self.tekst[..b]);
        }
        self.regel += breuken(&self.tekst[self.tot..b]);
        self.tot = b;
        self.regel
    }
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
    let mut regels = Regelteller::nieuw(tekst);
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| {
            InvoerFout::new(
                Herkomst::new(weergave, regels.regel(e.position())),
                "",
                format!("onleesbare regel: {e}"),
            )
        })?;
        let regel = regels.regel(rec.position());
        let velden: Vec<String> = if i == 0 {
            kop = rec.iter().map(|k| k.trim().to_lowercase()).collect();
            rec.iter().map(|k| k.trim().to_string()).collect()
        } else {
            rec.iter()
                .enumerate()
                .map(|(c, v)| {
                    let is_getal = kop.get(c).is_some_and(|k| numeriek.contains(&k.as_str()));
                    if is_getal && !v.trim().is_empty() {
                        match lees_getal(v, Dialect::Nederlands) {
                            Ok(n) => Ok(n),
                            // The loaders refuse it with the column's expectation.
                            Err(GetalFout::Ongeldig) => Ok(v.trim().to_string()),
                            Err(GetalFout::Melding(m)) => Err(InvoerFout::new(
                                Herkomst::new(weergave, regel),
                                kop.get(c).cloned().unwrap_or_default(),
                                m,
                            )),
                        }
                    } else {
                        Ok(v.trim().to_string())
                    }
                })
                .collect::<Result<_, _>>()?
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

/// How a text holding a number is written. A CSV file states its dialect by its separator; a
/// workbook text cell does not, so there a number that reads two ways is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Comma-separated CSV: `.` is the decimal point; a `,` in a number is refused.
    Engels,
    /// `;`-separated CSV (Dutch Excel): `,` is the decimal separator and `.` only groups
    /// thousands (`1.234,56`, `94.000`); any other `.` (`1.5`) is refused.
    Nederlands,
    /// A workbook text cell: with both `.` and `,` the last one is the decimal separator and the
    /// other must group thousands (`1.234,56`, `1,234.56`); a single `.` or `,` before exactly
    /// three digits (`1.500`, `1,500`) reads as 1500 or 1,5 and is refused; any other single
    /// `.` or `,` is the decimal separator (`1,5`, `2.25`).
    Onbekend,
}

/// Why a text is not read as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GetalFout {
    /// Not a number in any notation; the column check words the message ("verwacht ...").
    Ongeldig,
    /// Readable in two ways, or written in the other notation: the message says how to write it.
    Melding(String),
}

/// The number in `v` as canonical text (`.` decimal point, no grouping, no euro sign or spaces),
/// read in `dialect`; an empty text stays empty.
pub fn lees_getal(v: &str, dialect: Dialect) -> Result<String, GetalFout> {
    let origineel = v.trim();
    let schoon: String = origineel.chars().filter(|c| !c.is_whitespace()).collect();
    let schoon = schoon.trim_matches('€');
    let (teken, kaal) = match schoon.strip_prefix('-') {
        Some(r) => ("-", r.trim_start_matches('€')),
        None => ("", schoon),
    };
    if kaal.is_empty() {
        return if origineel.is_empty() {
            Ok(String::new())
        } else {
            Err(GetalFout::Ongeldig)
        };
    }
    match dialect {
        Dialect::Engels => getal_engels(origineel, teken, kaal),
        Dialect::Nederlands => getal_nederlands(origineel, teken, kaal),
        Dialect::Onbekend => match onbekend(kaal) {
            Ok(n) => Ok(format!("{teken}{n}")),
            Err(Some((geheel, decimaal))) => Err(GetalFout::Melding(format!(
                "waarde \"{origineel}\" is dubbelzinnig: bedoelt u {teken}{geheel} of {teken}{nl}? \
                 Schrijf {teken}{geheel} of {teken}{nl} (of zet de cel als getal)",
                nl = decimaal.replace('.', ",")
            ))),
            Err(None) => Err(GetalFout::Ongeldig),
        },
    }
}

/// [`lees_getal`] in a comma-separated CSV: a point is the decimal sign and a comma is refused,
/// with how to write the number. `kaal`: the number without sign, `origineel` as written.
fn getal_engels(origineel: &str, teken: &str, kaal: &str) -> Result<String, GetalFout> {
    if !kaal.contains(',') {
        // `94.000` is 94 with a decimal point, but how a Dutch reader writes 94000: a point
        // followed by exactly three digits, as a thousands point stands, is refused (without
        // it the amount would silently be a thousand times smaller).
        if let Err(Some((geheel, decimaal))) = onbekend(kaal) {
            // The decimal reading written so that it is no thousands point: 94, 1.5, 1.1250.
            let schrijf = match decimaal.split_once('.') {
                Some((_, f)) if f.len() == 3 => format!("{decimaal}0"),
                _ => decimaal.clone(),
            };
            return Err(GetalFout::Melding(format!(
                "waarde \"{origineel}\" is dubbelzinnig: bedoelt u {teken}{geheel} of \
                 {teken}{}? In een CSV met komma's als scheidingsteken is de punt het \
                 decimaalteken en staat er geen duizendtalscheiding: schrijf {teken}{geheel} \
                 of {teken}{schrijf}",
                decimaal.replace('.', ","),
            )));
        }
        return Ok(format!("{teken}{kaal}"));
    }
    let voorstel = match onbekend(kaal) {
        Ok(n) => format!("{teken}{n}"),
        Err(Some((geheel, decimaal))) => {
            format!("{teken}{geheel} of {teken}{decimaal}")
        }
        Err(None) => "bijv. 1234.56".to_string(),
    };
    Err(GetalFout::Melding(format!(
        "waarde \"{origineel}\" bevat een komma; in een CSV met komma's als \
         scheidingsteken is de punt het decimaalteken en staat er geen \
         duizendtalscheiding: schrijf {voorstel}"
    )))
}

/// [`lees_getal`] in a semicolon-separated CSV: a comma is the decimal sign, a point only
/// groups thousands (a single point without comma is ambiguous and refused).
fn getal_nederlands(origineel: &str, teken: &str, kaal: &str) -> Result<String, GetalFout> {
    let (geheel, fractie) = match kaal.split_once(',') {
        Some((g, f)) => (g, Some(f)),
        None => (kaal, None),
    };
    let geheel = if groepering(geheel, '.') {
        geheel.replace('.', "")
    } else if geheel.contains('.') {
        if fractie.is_none() && geheel.matches('.').count() == 1 {
            return Err(GetalFout::Melding(format!(
                "waarde \"{origineel}\" is dubbelzinnig: in een CSV met puntkomma's is \
                 de komma het decimaalteken en de punt alleen duizendtalscheiding; \
                 schrijf {teken}{}",
                geheel.replace('.', ",")
            )));
        }
        return Err(GetalFout::Ongeldig);
    } else {
        geheel.to_string()
    };
    Ok(match fractie {
        Some(f) => format!("{teken}{geheel}.{f}"),
        None => format!("{teken}{geheel}"),
    })
}

/// Reads an unsigned number of unknown notation (see [`Dialect::Onbekend`]). `Err(Some((whole,
/// decimal)))` when it reads two ways (both canonical), `Err(None)` when it is no number in
/// either notation. Other characters are left for the column check.
fn onbekend(kaal: &str) -> Result<String, Option<(String, String)>> {
    let punten = kaal.matches('.').count();
    let kommas = kaal.matches(',').count();
    match (punten, kommas) {
        (0, 0) => Ok(kaal.to_string()),
        (n, 0) | (0, n) => {
            let teken = if punten > 0 { '.' } else { ',' };
            if groepering(kaal, teken) {
                let geheel = kaal.replace(teken, "");
                if n > 1 {
                    // Only a thousands grouping has two separators of the same kind.
                    Ok(geheel)
                } else {
                    let decimaal = kaal.replace(',', ".");
                    let decimaal = rust_decimal::Decimal::from_str_exact(&decimaal)
                        .map(|d| d.normalize().to_string())
                        .unwrap_or(decimaal);
                    Err(Some((geheel, decimaal)))
                }
            } else if n == 1 {
                Ok(kaal.replace(',', "."))
            } else {
                Err(None)
            }
        }
        _ => {
            let laatste = kaal.rfind(['.', ',']).unwrap_or(0);
            let (geheel, fractie) = (&kaal[..laatste], &kaal[laatste + 1..]);
            let scheiding = if kaal[laatste..].starts_with('.') {
                ','
            } else {
                '.'
            };
            let fractie_ok = !fractie.is_empty() && fractie.chars().all(|c| c.is_ascii_digit());
            if fractie_ok && groepering(geheel, scheiding) {
                Ok(format!("{}.{fractie}", geheel.replace(scheiding, "")))
            } else {
                Err(None)
            }
        }
    }
}

/// Whether `g` is digits grouped by thousands with `scheiding`: `1.234`, `12.345.678`; the first
/// group has 1 to 3 digits and does not start with 0 (`0.500` is no grouping).
fn groepering(g: &str, scheiding: char) -> bool {
    let groepen: Vec<&str> = g.split(scheiding).collect();
    groepen.len() > 1
        && (1..=3).contains(&groepen[0].len())
        && !groepen[0].starts_with('0')
        && groepen[1..].iter().all(|x| x.len() == 3)
        && groepen
            .iter()
            .all(|x| x.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::{Dialect, GetalFout, lees_getal, utf8_fouten};
    use crate::fout::Fout;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let mut b = b"code,naam,bron\nGM0505,Dordrecht,x\nGM0999,Gem".to_vec();
        b.push(0xe9); // é in Windows-1252
        b.extend_from_slice(b"nte,\"a,b\"\nGM0998,X,\"a,");
        b.push(0xeb);
        b.extend_from_slice(b"\"\n");
        let Fout::Meerdere(f) = utf8_fouten(&b, "gemeenten.csv") else {
            panic!("verwacht twee fouten");
        };
        let tekst: Vec<String> = f.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            tekst,
            [
                "gemeenten.csv, regel 3, kolom naam: geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8",
                "gemeenten.csv, regel 4, kolom bron: geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8",
            ]
        );
        let Fout::Invoer(f) = utf8_fouten(b"code;na\xffam\n", "g.csv") else {
            panic!("verwacht één fout");
        };
        assert_eq!(
            f.to_string(),
            "g.csv, regel 1: geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8"
        );
    }

    fn lees(v: &str, d: Dialect) -> String {
        lees_getal(v, d).unwrap_or_else(|e| panic!("{v}: {e:?}"))
    }

    fn melding(v: &str, d: Dialect) -> String {
        match lees_getal(v, d) {
            Err(GetalFout::Melding(m)) => m,
            ander => panic!("{v}: verwacht een melding, kreeg {ander:?}"),
        }
    }

    #[test]
    fn dutch_numbers() {
        let nl = Dialect::Nederlands;
        assert_eq!(lees("€ 94.000", nl), "94000");
        assert_eq!(lees("1.234.567,89", nl), "1234567.89");
        assert_eq!(lees("-1.234,5", nl), "-1234.5");
        assert_eq!(lees("-€ 1.234,5", nl), "-1234.5");
        assert_eq!(lees("1,5", nl), "1.5");
        assert_eq!(lees("119.000", nl), "119000");
        assert_eq!(lees("", nl), "");
        assert_eq!(
            melding("1.5", nl),
            "waarde \"1.5\" is dubbelzinnig: in een CSV met puntkomma's is de komma het \
             decimaalteken en de punt alleen duizendtalscheiding; schrijf 1,5"
        );
        // A leading zero is no thousands grouping: not silently 500.
        assert_eq!(
            melding("0.500", nl).split(';').nth(1).unwrap(),
            " schrijf 0,500"
        );
        assert_eq!(lees_getal("1.2,5", nl), Err(GetalFout::Ongeldig));
    }

    #[test]
    fn english_numbers() {
        let en = Dialect::Engels;
        assert_eq!(lees("1.5", en), "1.5");
        // A point with three digits is how a Dutch reader writes thousands: refused (it read
        // as 1.5 before, a thousand times too small if 1500 was meant).
        assert!(melding("1.500", en).ends_with("schrijf 1500 of 1.5"));
        assert_eq!(lees(" € 12 ", en), "12");
        assert_eq!(lees("-3.25", en), "-3.25");
        assert_eq!(lees("veel", en), "veel"); // refused later by the column check
        assert!(
            melding("1,5", en).ends_with("schrijf 1.5"),
            "{}",
            melding("1,5", en)
        );
        assert!(melding("1,500", en).ends_with("schrijf 1500 of 1.5"));
        assert!(melding("1.234,56", en).ends_with("schrijf 1234.56"));
        assert!(melding("-1,5", en).ends_with("schrijf -1.5"));
        assert!(melding("1,5", en).starts_with("waarde \"1,5\" bevat een komma"));
    }

    #[test]
    fn numbers_of_unknown_notation() {
        let o = Dialect::Onbekend;
        assert_eq!(lees("1.234,56", o), "1234.56");
        assert_eq!(lees("1,234.56", o), "1234.56");
        assert_eq!(lees("1.234.567,8", o), "1234567.8");
        assert_eq!(lees("12.345.678", o), "12345678");
        assert_eq!(lees("12,345,678", o), "12345678");
        assert_eq!(lees("1,5", o), "1.5");
        assert_eq!(lees("1.5", o), "1.5");
        assert_eq!(lees("2,25", o), "2.25");
        assert_eq!(lees("1.2345", o), "1.2345");
        assert_eq!(lees("0,500", o), "0.500");
        assert_eq!(lees("1500", o), "1500");
        assert_eq!(lees("€ 1.234,50", o), "1234.50");
        assert_eq!(lees("-2,5", o), "-2.5");
        assert_eq!(
            melding("1.500", o),
            "waarde \"1.500\" is dubbelzinnig: bedoelt u 1500 of 1,5? Schrijf 1500 of 1,5 \
             (of zet de cel als getal)"
        );
        assert_eq!(
            melding("1,500", o),
            "waarde \"1,500\" is dubbelzinnig: bedoelt u 1500 of 1,5? Schrijf 1500 of 1,5 \
             (of zet de cel als getal)"
        );
        assert!(melding("-12.250", o).contains("bedoelt u -12250 of -12,25?"));
        assert!(melding("100,000", o).contains("bedoelt u 100000 of 100?"));
        for v in ["1.2,5", "1,2.5", "1.23.4", "1,234,5", "1.234,5,6", "-", "€"] {
            assert_eq!(lees_getal(v, o), Err(GetalFout::Ongeldig), "{v}");
        }
    }
}

#[cfg(test)]
mod regelnummers {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct R {
        a: u32,
    }

    /// A point with three digits after it, as a thousands point stands, is refused in a
    /// comma-separated file (it would read a thousand times too small); other points are the
    /// decimal sign.
    #[test]
    fn a_thousands_point_in_a_comma_file_is_refused() {
        for (v, verwacht) in [
            ("94.000", "bedoelt u 94000 of 94? "),
            ("€ 94.000", "bedoelt u 94000 of 94? "),
            ("-1.000", "bedoelt u -1000 of -1? "),
            ("1.125", "bedoelt u 1125 of 1,125? "),
        ] {
            match lees_getal(v, Dialect::Engels) {
                Err(GetalFout::Melding(m)) => assert!(m.contains(verwacht), "{v}: {m}"),
                ander => panic!("{v}: {ander:?}"),
            }
        }
        let m = match lees_getal("1.125", Dialect::Engels) {
            Err(GetalFout::Melding(m)) => m,
            ander => panic!("{ander:?}"),
        };
        assert!(m.ends_with("schrijf 1125 of 1.1250"), "{m}");
        for (v, n) in [
            ("94.5", "94.5"),
            ("0.875", "0.875"),
            ("1.1250", "1.1250"),
            ("94000", "94000"),
            ("12.50", "12.50"),
            ("1234.567", "1234.567"),
        ] {
            assert_eq!(
                lees_getal(v, Dialect::Engels).ok().as_deref(),
                Some(n),
                "{v}"
            );
        }
    }

    /// An error names the row as a text editor numbers it, whatever the line ends: Excel on
    /// Windows saves CRLF, a Mac LF; a quoted value may hold a line break.
    #[test]
    fn rows_are_numbered_alike_for_lf_and_crlf() {
        let kolommen = [kolom("a", "een getal")];
        for einde in ["\n", "\r\n"] {
            let tekst = ["a", "1", "2", "x", "4", "\"y\ny\"", "z"].join(einde) + einde;
            let Err(Fout::Meerdere(fouten)) = lees_tekst::<R>(&tekst, "t.csv", &kolommen) else {
                panic!("verwacht drie fouten");
            };
            let regels: Vec<u64> = fouten.iter().map(|x| x.herkomst.regel).collect();
            assert_eq!(regels, [4, 6, 8], "{einde:?}");
        }
    }
}
