//! Input from an Excel workbook (calamine): one sheet per input table, named like the CSV file
//! without `.csv` (`instroom`, `formatie`, ...). Each sheet is turned into CSV text and read by the
//! same loaders as a data folder, so a workbook and a folder give byte-identical results.
//!
//! Cells are read as a controller means them: numbers stored as text, trailing spaces, empty rows
//! at the end and formula cells (their cached value) are handled. A text cell does not say whether
//! it is Dutch or English notation, so it is read as [`Dialect::Onbekend`]: `1.234,56` and
//! `1,234.56` are 1234.56, `1,5` and `1.5` are 1.5, and `1.500` (1500 or 1,5?) is refused with the
//! cell named; numeric cells are unambiguous and read as they are. Floating-point noise from Excel (7.0000000000000009) is removed: numbers
//! are rounded to 6 decimals, amounts (`bedrag`, `kosten_per_fte`, `landelijk_totaal`) to the
//! cent. Errors name the sheet and cell, e.g. `instroom!D7`.

use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::invoer::csvbestand::{Dialect, GetalFout, Kolom, Rij, lees_getal, lees_tekst, meerdere};
use calamine::{Data, Reader};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use std::path::Path;
use std::str::FromStr;

/// Columns holding money: rounded to the cent on the way in.
const BEDRAG_KOLOMMEN: &[&str] = &["bedrag", "kosten_per_fte"];

pub struct Blad {
    pub naam: String,
    /// Absolute (row, column) of the first cell of `cellen`.
    pub start: (u32, u32),
    pub cellen: Vec<Vec<Data>>,
}

impl Blad {
    /// The header row as lower-case column names.
    fn kop(&self) -> Vec<String> {
        self.cellen
            .first()
            .map(|r| {
                r.iter()
                    .map(|c| tekst_van(c).trim().to_lowercase())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub struct Werkboek {
    pub weergave: String,
    pub bladen: Vec<Blad>,
}

/// Upper bound for the unpacked size of a workbook (all parts of the zip together): far above
/// any real input workbook, low enough that a zip bomb cannot exhaust memory.
pub const MAX_UITGEPAKT: u64 = 200 * 1024 * 1024;
/// Upper bound for the cells of one sheet between its first and last non-empty cell.
pub const MAX_CELLEN: u64 = 2_000_000;

/// Refuses a workbook whose parts unpack to more than [`MAX_UITGEPAKT`], from the sizes in the
/// zip directory (the zip reader holds each part to its declared size), before anything is
/// unpacked.
fn controleer_omvang(pad: &Path) -> Result<(), String> {
    let bestand = std::fs::File::open(pad).map_err(|e| format!("kan werkboek niet openen: {e}"))?;
    let mut zip = zip::ZipArchive::new(bestand)
        .map_err(|e| format!("geen leesbaar Excel-werkboek ({e}); verwacht een .xlsx-bestand"))?;
    let mut totaal: u64 = 0;
    for i in 0..zip.len() {
        let deel = zip
            .by_index_raw(i)
            .map_err(|e| format!("geen leesbaar Excel-werkboek ({e})"))?;
        totaal = totaal.saturating_add(deel.size());
    }
    if totaal > MAX_UITGEPAKT {
        return Err(format!(
            "het werkboek is uitgepakt {} MB, meer dan de {} MB die raming leest; verwacht een \
             invoerwerkboek met alleen de invoerbladen (maak er een met `raming sjabloon`)",
            totaal / (1024 * 1024),
            MAX_UITGEPAKT / (1024 * 1024)
        ));
    }
    Ok(())
}

/// A sheet's first cell (row, column) and its rows of cells from there.
type BladCellen = ((u32, u32), Vec<Vec<Data>>);

/// The non-empty cells of a sheet as dense rows from its first to its last non-empty cell
/// (not the sheet's declared range, which a stray format can stretch to XFD1048576). A sheet
/// whose cells span more than [`MAX_CELLEN`] is refused with its farthest cell named.
fn lees_blad<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    naam: &str,
) -> Result<BladCellen, String> {
    let mut lezer = wb
        .worksheet_cells_reader(naam)
        .map_err(|e| format!("onleesbaar: {e}"))?;
    let mut cellen: Vec<((u32, u32), Data)> = Vec::new();
    let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Some(cel) = lezer.next_cell().map_err(|e| format!("onleesbaar: {e}"))? {
        let waarde = Data::from(cel.get_value().clone());
        if matches!(waarde, Data::Empty)
            || matches!(&waarde, Data::String(t) if t.trim().is_empty())
        {
            continue;
        }
        let (r, c) = cel.get_position();
        (r0, c0, r1, c1) = (r0.min(r), c0.min(c), r1.max(r), c1.max(c));
        let omvang = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        if omvang > MAX_CELLEN || cellen.len() as u64 >= MAX_CELLEN {
            return Err(format!(
                "de gevulde cellen lopen tot cel {}{} ({} cellen tussen de eerste en de laatste, \
                 meer dan de {} die raming leest); verwijder wat buiten de tabel staat",
                kolomletter(c),
                r + 1,
                omvang,
                MAX_CELLEN
            ));
        }
        cellen.push(((r, c), waarde));
    }
    if cellen.is_empty() {
        return Ok(((0, 0), Vec::new()));
    }
    let mut rijen = vec![vec![Data::Empty; (c1 - c0 + 1) as usize]; (r1 - r0 + 1) as usize];
    for ((r, c), w) in cellen {
        rijen[(r - r0) as usize][(c - c0) as usize] = w;
    }
    Ok(((r0, c0), rijen))
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. rust_xlsxwriter numbers columns
/// as `u16` (Excel has 16.384); a damaged workbook can name a column beyond that, which is then
/// shown by its number.
pub fn kolomletter(k: u32) -> String {
    match u16::try_from(k) {
        Ok(k) if k < u16::MAX => rust_xlsxwriter::utility::column_number_to_name(k),
        _ => format!("[kolom {}]", u64::from(k) + 1),
    }
}

impl Werkboek {
    pub fn open(pad: &Path) -> Result<Werkboek, Fout> {
        let weergave = pad.display().to_string();
        let fout = |m: String| Fout::Invoer(InvoerFout::new(Herkomst::new(&weergave, 0), "", m));
        if !pad.is_file() {
            return Err(fout(
                "werkboek bestaat niet; verwacht een .xlsx-bestand".into(),
            ));
        }
        controleer_omvang(pad).map_err(fout)?;
        // calamine can panic on a damaged file (e.g. an arithmetic overflow on an absurd cell
        // reference, found by tests/fuzz.rs): that is a damaged workbook, not a crash.
        std::panic::catch_unwind(|| Werkboek::lees_bestand(pad, &weergave)).unwrap_or_else(|_| {
            Err(fout(
                "beschadigd Excel-werkboek (onleesbare celverwijzing of structuur); sla het opnieuw \
                 op als .xlsx of maak een nieuw met `raming sjabloon`"
                    .into(),
            ))
        })
    }

    fn lees_bestand(pad: &Path, weergave: &str) -> Result<Werkboek, Fout> {
        let weergave = weergave.to_string();
        let fout = |m: String| Fout::Invoer(InvoerFout::new(Herkomst::new(&weergave, 0), "", m));
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(pad).map_err(|e| {
            fout(format!(
                "geen leesbaar Excel-werkboek ({e}); verwacht een .xlsx-bestand"
            ))
        })?;
        // Only the sheets of input tables are read: an explanation sheet or a list of choices
        // may hold anything, anywhere.
        let namen: Vec<String> = wb
            .sheet_names()
            .iter()
            .filter(|n| {
                crate::invoer::BESTANDEN
                    .iter()
                    .any(|b| b.trim_end_matches(".csv") == n.trim())
            })
            .cloned()
            .collect();
        let mut bladen = Vec::new();
        for naam in namen {
            let (start, cellen) =
                lees_blad(&mut wb, &naam).map_err(|m| fout(format!("blad '{naam}': {m}")))?;
            // A merged header cannot be mapped to columns.
            if let Ok(samengevoegd) = wb.merge_cells_by_sheet_name(&naam)
                && let Some(d) = samengevoegd.iter().find(|d| d.start.0 == start.0)
            {
                return Err(Fout::Invoer(InvoerFout::new(
                    Herkomst::new(format!("{weergave}!{naam}"), d.start.0 as u64 + 1),
                    format!(
                        "cel {naam}!{}{}:{}{}",
                        kolomletter(d.start.1),
                        d.start.0 + 1,
                        kolomletter(d.end.1),
                        d.end.0 + 1
                    ),
                    "samengevoegde cellen in de kopregel; verwacht één kolomnaam per cel",
                )));
            }
            bladen.push(Blad {
                naam,
                start,
                cellen,
            });
        }
        if bladen
            .iter()
            .all(|b| b.cellen.iter().flatten().all(|c| matches!(c, Data::Empty)))
        {
            return Err(fout("leeg werkboek; verwacht bladen zoals gemeenten, formatie en integratie_uitkering (maak er een met `raming sjabloon`)".into()));
        }
        Ok(Werkboek { weergave, bladen })
    }

    fn blad(&self, bestand: &str) -> Option<&Blad> {
        let stam = bestand.trim_end_matches(".csv");
        self.bladen.iter().find(|b| b.naam.trim() == stam)
    }

    pub fn bestaat(&self, bestand: &str) -> bool {
        self.blad(bestand).is_some()
    }

    pub fn weergave(&self, bestand: &str) -> String {
        format!("{}!{}", self.weergave, bestand.trim_end_matches(".csv"))
    }

    /// The sheet as CSV text with normalised cells (see the module doc).
    pub fn csv_tekst(&self, bestand: &str, kolommen: &[Kolom]) -> Option<String> {
        self.csv_en_fouten(bestand, kolommen).map(|(t, _)| t)
    }

    /// The sheet as CSV text, and the text cells in number columns that are no number or read
    /// two ways (row as the CSV text numbers it, header = 1). Such cells are written so that they
    /// fail the loaders' column check, never as a number.
    fn csv_en_fouten(
        &self,
        bestand: &str,
        kolommen: &[Kolom],
    ) -> Option<(String, Vec<InvoerFout>)> {
        let blad = self.blad(bestand)?;
        let weergave = self.weergave(bestand);
        let kop: Vec<String> = blad
            .cellen
            .first()
            .map(|r| r.iter().map(|c| tekst(c, false, false)).collect())
            .unwrap_or_default();
        let mut fouten = Vec::new();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let _ = w.write_record(&kop);
        for (r, rij) in blad.cellen.iter().enumerate().skip(1) {
            let velden: Vec<String> = rij
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let naam = kop
                        .get(i)
                        .map(|k| k.trim().to_lowercase())
                        .unwrap_or_default();
                    let kolom = kolommen.iter().find(|k| k.naam == naam && k.getal);
                    if let (Some(k), Data::String(s)) = (kolom, c) {
                        let s = s.trim();
                        match lees_getal(s, Dialect::Onbekend) {
                            Ok(n) => return n,
                            Err(e) => {
                                let melding = match e {
                                    GetalFout::Melding(m) => m,
                                    GetalFout::Ongeldig => format!(
                                        "waarde \"{s}\" is ongeldig; verwacht {}",
                                        k.verwacht
                                    ),
                                };
                                let h = Herkomst::new(&weergave, r as u64 + 1);
                                fouten.push(InvoerFout::new(h, naam, melding));
                                return format!("{s}?");
                            }
                        }
                    }
                    tekst(c, kolom.is_some(), BEDRAG_KOLOMMEN.contains(&naam.as_str()))
                })
                .collect();
            let _ = w.write_record(&velden);
        }
        let t = w
            .into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())?;
        Some((t, fouten))
    }

    /// Reads a sheet with the loader's columns; errors get the sheet and cell address.
    pub fn lees<T: DeserializeOwned>(
        &self,
        bestand: &str,
        kolommen: &[Kolom],
    ) -> Result<Vec<Rij<T>>, Fout> {
        let weergave = self.weergave(bestand);
        let Some(blad) = self.blad(bestand) else {
            return Err(Fout::Invoer(InvoerFout::new(
                Herkomst::new(&weergave, 0),
                "",
                format!(
                    "blad '{}' ontbreekt in het werkboek",
                    bestand.trim_end_matches(".csv")
                ),
            )));
        };
        let (tekst, mut cel_fouten) = self.csv_en_fouten(bestand, kolommen).unwrap_or_default();
        let kop = blad.kop();
        let gelezen = lees_tekst(&tekst, &weergave, kolommen);
        if !cel_fouten.is_empty() {
            // The loaders' errors too, but not a second one for a cell already named.
            if let Err(e) = gelezen {
                let andere = match e {
                    Fout::Invoer(f) => vec![f],
                    Fout::Meerdere(v) => v,
                    ander => return Err(ander),
                };
                let nieuw: Vec<InvoerFout> = andere
                    .into_iter()
                    .filter(|f| {
                        !cel_fouten
                            .iter()
                            .any(|c| c.herkomst.regel == f.herkomst.regel && c.kolom == f.kolom)
                    })
                    .collect();
                cel_fouten.extend(nieuw);
            }
            cel_fouten.sort_by_key(|f| f.herkomst.regel);
            return Err(adresseer(meerdere(cel_fouten), blad, &kop));
        }
        // Row numbers as the sheet shows them (the used range may start below row 1); errors found
        // by the loaders later get their cell address from `adresseer_alle`.
        let mut rijen = gelezen.map_err(|e| adresseer(e, blad, &kop))?;
        for r in &mut rijen {
            r.herkomst.regel += blad.start.0 as u64;
        }
        Ok(rijen)
    }
}

impl Werkboek {
    /// Adds the cell address to errors the loaders found after reading (negative fte, unknown
    /// gemeente, ...): their row is already the sheet row.
    pub fn adresseer_alle(&self, e: Fout) -> Fout {
        let een = |mut f: InvoerFout| {
            if f.kolom.contains("(cel ") || f.herkomst.regel == 0 {
                return f;
            }
            let Some(blad) = self
                .bladen
                .iter()
                .find(|b| self.weergave(&b.naam) == f.herkomst.bestand)
            else {
                return f;
            };
            let kop = blad.kop();
            if let Some(k) = kop.iter().position(|k| *k == f.kolom) {
                f.kolom = met_cel(&f.kolom, blad, k, f.herkomst.regel);
            }
            f
        };
        match e {
            Fout::Invoer(f) => Fout::Invoer(een(f)),
            Fout::Meerdere(v) => Fout::Meerdere(v.into_iter().map(een).collect()),
            ander => ander,
        }
    }
}

/// A column name with its sheet cell: `aantal (cel instroom!D7)` for column index `k` of the
/// sheet's table and sheet row `rij`.
fn met_cel(kolom: &str, blad: &Blad, k: usize, rij: u64) -> String {
    format!(
        "{kolom} (cel {}!{}{rij})",
        blad.naam,
        kolomletter(blad.start.1 + k as u32)
    )
}

/// Adds the sheet cell (e.g. `instroom!D7`) to every error that names a row and a column.
fn adresseer(e: Fout, blad: &Blad, kop: &[String]) -> Fout {
    let een = |mut f: InvoerFout| {
        let rij = f.herkomst.regel;
        if rij > 0 {
            let rij_abs = blad.start.0 as u64 + rij;
            f.herkomst.regel = rij_abs;
            if let Some(k) = kop.iter().position(|k| *k == f.kolom) {
                f.kolom = met_cel(&f.kolom, blad, k, rij_abs);
            }
        }
        f
    };
    match e {
        Fout::Invoer(f) => Fout::Invoer(een(f)),
        Fout::Meerdere(v) => Fout::Meerdere(v.into_iter().map(een).collect()),
        ander => ander,
    }
}

fn tekst_van(c: &Data) -> String {
    tekst(c, false, false)
}

/// A cell as the text a CSV file would hold.
fn tekst(c: &Data, getal_kolom: bool, bedrag: bool) -> String {
    let afronden = |d: Decimal| {
        let d = if bedrag { d.round_dp(2) } else { d.round_dp(6) };
        d.normalize().to_string()
    };
    match c {
        Data::Empty => String::new(),
        Data::String(s) => {
            let s = s.trim();
            if getal_kolom {
                // Text in a number column: see the module doc. What does not read as one number
                // is kept with a mark, so it can never pass as a number.
                lees_getal(s, Dialect::Onbekend).unwrap_or_else(|_| format!("{s}?"))
            } else {
                s.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        // An f64 is what the file holds; its shortest decimal text is what Excel showed.
        Data::Float(f) => match Decimal::from_str(&f.to_string())
            .or_else(|_| Decimal::from_scientific(&f.to_string()))
        {
            Ok(d) => afronden(d),
            Err(_) => f.to_string(),
        },
        Data::Bool(b) => if *b { "WAAR" } else { "ONWAAR" }.to_string(),
        Data::DateTime(d) => format!("datum {}", d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => format!("datum {s}"),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_cells() {
        assert_eq!(kolomletter(0), "A");
        assert_eq!(kolomletter(3), "D");
        assert_eq!(kolomletter(25), "Z");
        assert_eq!(kolomletter(26), "AA");
        assert_eq!(kolomletter(27), "AB");
        assert_eq!(tekst(&Data::Float(7.000000000000001), true, false), "7");
        assert_eq!(
            tekst(&Data::Float(1234.5600000000002), true, true),
            "1234.56"
        );
        assert_eq!(
            tekst(&Data::String(" 1.234,5 ".into()), true, false),
            "1234.5"
        );
        assert_eq!(
            tekst(&Data::String(" Dordrecht ".into()), false, false),
            "Dordrecht"
        );
        assert_eq!(
            tekst(&Data::String("1,234.5".into()), true, false),
            "1234.5"
        );
        assert_eq!(tekst(&Data::String("2,5".into()), true, false), "2.5");
        assert_eq!(tekst(&Data::String("1.500".into()), true, false), "1.500?");
        assert_eq!(tekst(&Data::String("1.500".into()), false, false), "1.500");
        assert_eq!(tekst(&Data::Float(1.5), true, false), "1.5");
    }
}
