//! Excel output (rust_xlsxwriter): the input template (`raming sjabloon`) and the results
//! workbook `begroting.xlsx`. Every value is written as a computed value; the totals of the
//! overview sheets are `SUM` formulas over the displayed cells, always with their computed result
//! cached, so readers that do not recalculate (calamine, viewers) see the figures and Excel shows
//! how a total is made. Every results sheet prints on A4 landscape, one page wide, with print
//! titles and a footer (scenario, date when one is passed in, page x of y).
//! Number formats are written US-style (`€ #,##0`); Dutch Excel shows them as `€ 1.234`.
//! Workbooks carry a fixed creation date so the same inputs give byte-identical files.

use crate::Run;
use crate::formatie::Sleutel;
use crate::fout::{Fout, Resultaat};
use crate::invoer::schema;
use crate::ledger::{Boeking, Soort};
use crate::rapport::overzicht::Overzicht;
use crate::rapport::tabel::{Cel, Tabel};
use crate::reserve::Bestemmingsreserve;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Table, TableColumn,
    Workbook, Worksheet, XlsxError,
};

fn xf(e: XlsxError) -> Fout {
    Fout::Tabel(format!("Excel: {e}"))
}

/// Cell value of an amount. xlsx stores numbers as binary floating point: whole euros and cents
/// are exact enough there, and every reader of our own files rounds back to the cent.
fn getal(x: Decimal) -> f64 {
    // `+ 0.0` turns −0.0 into 0.0, so no cell shows `€ -0`.
    x.to_f64().unwrap_or(0.0) + 0.0
}

/// The cells of a header row: `koppen` from column 0 on in row `rij`, in format `kop`.
fn koppen_in(
    ws: &mut rust_xlsxwriter::Worksheet,
    rij: u32,
    koppen: &[&str],
    kop: &Format,
) -> Resultaat<()> {
    for (c, k) in koppen.iter().enumerate() {
        ws.write_string_with_format(rij, c as u16, *k, kop)
            .map_err(xf)?;
    }
    Ok(())
}

/// A header row in the house style (bold, blue background), with an autofilter over the
/// columns and the rows up to `laatste`, and the panes frozen below it.
fn kopregel(
    ws: &mut rust_xlsxwriter::Worksheet,
    rij: u32,
    koppen: &[&str],
    laatste: u32,
    kop: &Format,
) -> Resultaat<()> {
    koppen_in(ws, rij, koppen, kop)?;
    ws.autofilter(rij, 0, laatste.max(rij), koppen.len() as u16 - 1)
        .map_err(xf)?;
    ws.set_freeze_panes(rij + 1, 0).map_err(xf)?;
    Ok(())
}

/// Writes a text cell, neutralising formula-like text with the quote prefix.
fn tekst_cel(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    t: &str,
    f: Option<&Format>,
) -> Resultaat<()> {
    // Formula-like text gets Excel's quote prefix (shown as text, the value stays the text).
    match (crate::opmaak::formuleachtig(t), f) {
        (true, Some(f)) => ws.write_string_with_format(r, c, t, &f.clone().set_quote_prefix()),
        (true, None) => ws.write_string_with_format(r, c, t, &Format::new().set_quote_prefix()),
        (false, Some(f)) => ws.write_string_with_format(r, c, t, f),
        (false, None) => ws.write_string(r, c, t),
    }
    .map_err(xf)?;
    Ok(())
}

fn nieuw_werkboek() -> Resultaat<Workbook> {
    let mut wb = Workbook::new();
    // Deflate level 1 instead of 6: a fifth of a national `bereken` went to compressing the
    // workbook; the file is a little larger and opens the same in Excel and LibreOffice.
    wb.set_zip_compression_level(1);
    let datum = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xf)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&datum)
            .set_author("raming"),
    );
    Ok(wb)
}

/// `raming sjabloon`: the input workbook, prefilled from a data folder (CSV text per table).
pub fn sjabloon(tabellen: &[(String, String)]) -> Resultaat<Vec<u8>> {
    let mut wb = nieuw_werkboek()?;
    let kop = kopopmaak();
    toelichting_blad(&mut wb, &kop)?;
    let heeft_gemeenten = tabellen
        .iter()
        .find(|(n, _)| n == "gemeenten.csv")
        .is_some_and(|(_, t)| {
            csv::Reader::from_reader(t.as_bytes())
                .records()
                .flatten()
                .any(|r| r.get(1).is_some())
        });
    for b in schema::SJABLOON {
        let inhoud = tabellen
            .iter()
            .find(|(n, _)| *n == b.naam)
            .map(|(_, t)| t.as_str());
        invoerblad(&mut wb, b, inhoud, &kop, heeft_gemeenten)?;
    }
    wb.save_to_buffer().map_err(xf)
}

/// The template's first sheet: how to use it, and what each table and column means (from the
/// input schema).
fn toelichting_blad(wb: &mut Workbook, kop: &Format) -> Resultaat<()> {
    let titel = titelopmaak();
    let vet = Format::new().set_bold();
    let tekst = Format::new().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name("Toelichting").map_err(xf)?;
    ws.write_string_with_format(0, 0, "Invoer voor raming (Wet inburgering 2021)", &titel)
        .map_err(xf)?;
    ws.write_string(1, 0, "Elk blad is één invoertabel, met dezelfde kolommen als het CSV-bestand met die naam. Laat de kopregel staan; voeg regels toe onder de kopregel. De kolom bron zegt waar een getal vandaan komt, of 'aanname'. Gebruik dit werkboek met: data = \"invoer.xlsx\" in een scenario, of raming importeer invoer.xlsx --naar MAP.").map_err(xf)?;
    ws.write_string(2, 0, "Getallen: als getal of als tekst (ook met decimale komma, bijv. 1.234,56). Bedragen worden bij het inlezen op centen afgerond.").map_err(xf)?;
    let mut r = 4;
    koppen_in(ws, r, &["Blad / kolom", "Betekenis"], kop)?;
    r += 1;
    for b in schema::SJABLOON {
        ws.write_string_with_format(r, 0, b.blad(), &vet)
            .map_err(xf)?;
        ws.write_string_with_format(r, 1, b.uitleg, &tekst)
            .map_err(xf)?;
        r += 1;
        for k in b.kolommen {
            ws.write_string(r, 0, format!("  {}", k.naam)).map_err(xf)?;
            ws.write_string_with_format(r, 1, k.betekenis, &tekst)
                .map_err(xf)?;
            r += 1;
        }
    }
    ws.set_column_width(0, 28).map_err(xf)?;
    ws.set_column_width(1, 100).map_err(xf)?;
    Ok(())
}

/// One input table as a sheet: its header and rows (`inhoud`, canonical CSV; numbers as
/// numbers) and its choice lists.
fn invoerblad(
    wb: &mut Workbook,
    b: &schema::Bestand,
    inhoud: Option<&str>,
    kop: &Format,
    heeft_gemeenten: bool,
) -> Resultaat<()> {
    let (kopregel, rijen) = kop_en_rijen(b, inhoud)?;
    let numeriek = b.numeriek();
    let ws = wb.add_worksheet();
    ws.set_name(b.blad()).map_err(xf)?;
    for (c, k) in kopregel.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, k, kop)
            .map_err(xf)?;
        ws.set_column_width(
            c as u16,
            if k == "bron" || k == "omschrijving" {
                50
            } else {
                16
            },
        )
        .map_err(xf)?;
    }
    for (ri, rij) in rijen.iter().enumerate() {
        let row = ri as u32 + 1;
        for (c, v) in rij.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let is_getal = kopregel
                .get(c)
                .is_some_and(|k| numeriek.contains(&k.as_str()));
            match (is_getal, v.parse::<Decimal>()) {
                (true, Ok(d)) => {
                    ws.write_number(row, c as u16, getal(d)).map_err(xf)?;
                }
                _ => tekst_cel(ws, row, c as u16, v, None)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xf)?;
    // Choice lists, over 1000 rows so that added rows get them too.
    let laatste = 1000u32.max(rijen.len() as u32 + 100);
    for (c, k) in kopregel.iter().enumerate() {
        if let Some(dv) = keuzelijst(b, k, heeft_gemeenten)? {
            ws.add_data_validation(1, c as u16, laatste, c as u16, &dv)
                .map_err(xf)?;
        }
    }
    Ok(())
}

/// The header and rows of an input table's CSV text (without text: the schema's columns and
/// no rows).
fn kop_en_rijen(
    b: &schema::Bestand,
    inhoud: Option<&str>,
) -> Resultaat<(Vec<String>, Vec<Vec<String>>)> {
    let mut kopregel: Vec<String> = b.kolommen.iter().map(|k| k.naam.to_string()).collect();
    let mut rijen: Vec<Vec<String>> = Vec::new();
    if let Some(t) = inhoud {
        let mut r = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(t.as_bytes());
        if let Ok(h) = r.headers() {
            kopregel = h.iter().map(String::from).collect();
        }
        rijen = r
            .records()
            .map(|x| x.map(|x| x.iter().map(String::from).collect()))
            .collect::<Result<_, _>>()
            .map_err(|e| Fout::Tabel(format!("{}: {e}", b.naam)))?;
    }
    Ok((kopregel, rijen))
}

/// The choice list of column `k`: from the schema; a gemeente and a formatie key are
/// data-dependent (informational: a CBS code or an own key is still accepted).
fn keuzelijst(
    b: &schema::Bestand,
    k: &str,
    heeft_gemeenten: bool,
) -> Resultaat<Option<DataValidation>> {
    let lijst = b.kolom(k).map(|x| x.lijst()).filter(|l| !l.is_empty());
    Ok(if let Some(l) = lijst {
        Some(DataValidation::new().allow_list_strings(&l).map_err(xf)?)
    } else if k == "gemeente" && heeft_gemeenten {
        let f = rust_xlsxwriter::Formula::new("=gemeenten!$B$2:$B$1000");
        Some(
            DataValidation::new()
                .allow_list_formula(f)
                .ignore_blank(true)
                .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information),
        )
    } else if k == "sleutel" && b.blad() == "formatie" {
        Some(
            DataValidation::new()
                .allow_list_strings(&Sleutel::INGEBOUWD)
                .map_err(xf)?
                .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information),
        )
    } else {
        None
    })
}

const EURO: &str = "€ #,##0;[Red]€ -#,##0";
/// The overview sheets: zero shown as an en dash, as in printed budget tables.
const EURO_STREEP: &str = "€ #,##0;[Red]€ -#,##0;\"–\"";

/// The footer of every results sheet: scenario left, the date (only when passed in: never the
/// clock) in the middle, `pagina x van y` right. `&` is Excel's code character, so it is doubled.
fn voettekst(scenario: &str, datum: Option<&str>) -> String {
    let naam: String = scenario
        .chars()
        .take(80)
        .collect::<String>()
        .replace('&', "&&");
    let datum = datum
        .map(|d| crate::uitvoer::html::datum_nl(d).replace('&', "&&"))
        .unwrap_or_default();
    // No font-size codes: `&8` before a date would read as `&81`, size 81.
    format!("&LRaming Wet inburgering — scenario {naam}&C{datum}&Rpagina &P van &N")
}

/// Page setup of a results sheet: A4 landscape, fit to one page wide, the rows `kop` (first,
/// last) repeated on every page, and the first column too when `eerste_kolom`.
fn afdruk(
    ws: &mut rust_xlsxwriter::Worksheet,
    voet: &str,
    kop: Option<(u32, u32)>,
    eerste_kolom: bool,
) -> Resultaat<()> {
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer(voet);
    if let Some((van, tot)) = kop {
        ws.set_repeat_rows(van, tot).map_err(xf)?;
    }
    if eerste_kolom {
        ws.set_repeat_columns(0, 0).map_err(xf)?;
    }
    Ok(())
}

/// Column width (Excel character units) that shows a text without clipping: a bit wider for
/// bold text and for wide letters.
fn breedte_tekst(t: &str, vet: bool) -> f64 {
    let n = t.chars().count() as f64;
    (n * if vet { 1.15 } else { 1.05 } + 2.0).ceil()
}

/// Width that shows a whole-euro amount as `€ -1.234.567`.
fn breedte_euro(x: Decimal) -> f64 {
    let cijfers = cijfers(x) as f64;
    (cijfers + (cijfers - 1.0).div_euclid(3.0) + 5.0).ceil()
}

/// The digits of the whole euros of `x`, as `x.trunc().abs().to_string()` writes them, without
/// making the text.
fn cijfers(x: Decimal) -> usize {
    let m = x.trunc().mantissa().unsigned_abs();
    m.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// A formula with its computed result cached, so every reader sees the number.
fn formule(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    tekst: &str,
    waarde: Decimal,
    f: &Format,
) -> Resultaat<()> {
    let resultaat = getal(waarde).to_string();
    ws.write_formula_with_format(
        r,
        c,
        rust_xlsxwriter::Formula::new(tekst).set_result(resultaat),
        f,
    )
    .map_err(xf)?;
    Ok(())
}

/// `SUM(...)` over the cells of a group's members (consecutive members as one range), or None
/// when there are none or too many for one Excel formula (then the value is written).
fn som_leden(leden: &[usize], adres: impl Fn(usize) -> String) -> Option<String> {
    let mut delen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < leden.len() {
        let mut j = i;
        while j + 1 < leden.len() && leden[j + 1] == leden[j] + 1 {
            j += 1;
        }
        delen.push(if j > i {
            format!("{}:{}", adres(leden[i]), adres(leden[j]))
        } else {
            adres(leden[i])
        });
        i = j + 1;
    }
    let f = format!("SUM({})", delen.join(","));
    (!delen.is_empty() && delen.len() <= 255 && f.len() <= 8000).then_some(f)
}

/// Column widths: at least `minimum`, and wide enough for the bold heading.
fn kolombreedtes(
    ws: &mut rust_xlsxwriter::Worksheet,
    koppen: &[&str],
    minimum: &[f64],
) -> Resultaat<()> {
    for (c, k) in koppen.iter().enumerate() {
        let b = breedte_tekst(k, true).max(minimum.get(c).copied().unwrap_or(8.0));
        ws.set_column_width(c as u16, b).map_err(xf)?;
    }
    Ok(())
}

/// A long note over the columns `0..=tot` of a row, wrapped, with a row height that shows it
/// whole (merged cells are not fitted by spreadsheet programs). `breedte`: the columns' widths.
fn noot(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    tot: u16,
    tekst: &str,
    breedte: f64,
) -> Resultaat<()> {
    let f = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    if tot > 0 {
        ws.merge_range(r, 0, r, tot, "", &f).map_err(xf)?;
    }
    tekst_cel(ws, r, 0, tekst, Some(&f))?;
    let regels = (tekst.chars().count() as f64 / breedte.max(10.0))
        .ceil()
        .max(1.0);
    ws.set_row_height(r, 15.0 * regels).map_err(xf)?;
    Ok(())
}

/// Sets a row's height for its wrapped cells (text, column width): spreadsheet programs do not
/// always fit it themselves (LibreOffice keeps the default height on import).
fn regelhoogte(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    cellen: &[(&str, f64)],
) -> Resultaat<()> {
    let regels = cellen
        .iter()
        .map(|(t, b)| (t.chars().count() as f64 / (b - 1.0).max(5.0)).ceil())
        .fold(1.0f64, f64::max);
    if regels > 1.0 {
        ws.set_row_height(r, 15.0 * regels).map_err(xf)?;
    }
    Ok(())
}

/// `B7` for a zero-based row and column.
fn cel_adres(r: u32, c: u16) -> String {
    format!(
        "{}{}",
        rust_xlsxwriter::utility::column_number_to_name(c),
        r + 1
    )
}
const EURO_CENT: &str = "€ #,##0.00;[Red]€ -#,##0.00";

/// `begroting.xlsx`: a sheet per year laid out like the Beleidskader's table, a `Saldo` sheet, the ledger as
/// an Excel table, the settlement and the assumptions.
/// A report table as a sheet: a title in row 1, the Dutch headings in row 3 (autofilter,
/// frozen panes), then the rows; group and total rows bold. Displayed amounts as `€ #,##0`,
/// exact ones as `€ #,##0.00`, both as numbers; column widths follow the longest text.
fn blad(naam: &str, titel: &str, t: &Tabel, voet: &str) -> Resultaat<Worksheet> {
    let mut blad = Worksheet::new();
    blad_in(&mut blad, naam, titel, t, voet)?;
    Ok(blad)
}

/// [`blad`] into a given sheet (a streamed one: its rows are written in order).
fn blad_in(ws: &mut Worksheet, naam: &str, titel: &str, t: &Tabel, voet: &str) -> Resultaat<()> {
    ws.set_name(naam).map_err(xf)?;
    afdruk(ws, voet, Some((2, 2)), false)?;
    ws.write_string_with_format(0, 0, titel, &titelopmaak())
        .map_err(xf)?;
    let kop = kopopmaak();
    let koppen: Vec<&str> = t.kolommen.iter().map(|k| k.kop.as_str()).collect();
    let laatste = 2 + t.rijen.len() as u32;
    kopregel(ws, 2, &koppen, laatste, &kop)?;
    let opmaak = [Opmaak::new(false), Opmaak::new(true)];
    let kolom = kolomsoorten(t, koppen.len());
    for (c, k) in kolom.iter().enumerate() {
        if let Some(k) = k {
            ws.set_column_format(c as u16, opmaak[0].getal(*k))
                .map_err(xf)?;
        }
    }
    let mut breedte: Vec<usize> = koppen.iter().map(|k| k.chars().count() + 4).collect();
    for (i, r) in t.rijen.iter().enumerate() {
        let row = 3 + i as u32;
        let o = &opmaak[r.nadruk as usize];
        for (c, cel) in r.cellen.iter().enumerate() {
            let col = c as u16;
            // The column's own format: the cell needs none.
            let getal_opmaak = match Getalsoort::van(cel) {
                Some(k) if r.nadruk || kolom.get(c) != Some(&Some(k)) => Some(o.getal(k)),
                _ => None,
            };
            let lengte = tabelcel(ws, row, col, cel, o, getal_opmaak)?;
            breedte[c] = breedte[c].max(lengte + 2);
        }
    }
    for (c, b) in breedte.iter().enumerate() {
        ws.set_column_width(c as u16, (*b).min(60) as f64)
            .map_err(xf)?;
    }
    Ok(())
}

/// Per column the number format all its ordinary cells take, if they take one: such a column
/// carries it, and those cells are written without one (rust_xlsxwriter hashes a cell's whole
/// format, which was the larger part of writing a long sheet). Emphasised rows name their own
/// (bold) format.
fn kolomsoorten(t: &Tabel, kolommen: usize) -> Vec<Option<Getalsoort>> {
    (0..kolommen)
        .map(|c| {
            let mut soorten = t
                .rijen
                .iter()
                .filter(|r| !r.nadruk)
                .filter_map(|r| r.cellen.get(c))
                .filter(|c| !matches!(c, Cel::Leeg))
                .map(Getalsoort::van);
            let eerste = soorten.next().flatten()?;
            soorten.all(|s| s == Some(eerste)).then_some(eerste)
        })
        .collect()
}

/// Writes a table cell in the row's formats (`getal_opmaak` for an amount or percentage, none
/// where the column carries it); returns the width its text needs (0 where it does not count).
fn tabelcel(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cel: &Cel,
    o: &Opmaak,
    getal_opmaak: Option<&Format>,
) -> Resultaat<usize> {
    Ok(match cel {
        Cel::Tekst(x) => {
            tekst_cel(ws, row, col, x, o.basis.as_ref())?;
            x.chars().count()
        }
        Cel::Euro(x) | Cel::Bedrag(x) | Cel::Procent(x) => {
            let v = match cel {
                Cel::Procent(_) => getal(*x) / 100.0,
                _ => getal(*x),
            };
            getal_cel(ws, row, col, v, getal_opmaak)?;
            if matches!(cel, Cel::Procent(_)) {
                0
            } else {
                cijfers(*x) * 4 / 3 + 4
            }
        }
        Cel::Getal(x) => {
            getal_cel(ws, row, col, getal(*x), o.basis.as_ref())?;
            0
        }
        Cel::Geheel(x) => {
            getal_cel(ws, row, col, *x as f64, o.basis.as_ref())?;
            0
        }
        Cel::Leeg => 0,
    })
}

/// A number cell, with `f` or (none) with its column's or the default format.
fn getal_cel(ws: &mut Worksheet, row: u32, col: u16, v: f64, f: Option<&Format>) -> Resultaat<()> {
    match f {
        Some(f) => ws.write_number_with_format(row, col, v, f),
        None => ws.write_number(row, col, v),
    }
    .map_err(xf)?;
    Ok(())
}

/// The number formats of a list sheet's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Getalsoort {
    Euro,
    Cent,
    Procent,
}

impl Getalsoort {
    fn van(c: &Cel) -> Option<Getalsoort> {
        match c {
            Cel::Euro(_) => Some(Getalsoort::Euro),
            Cel::Bedrag(_) => Some(Getalsoort::Cent),
            Cel::Procent(_) => Some(Getalsoort::Procent),
            _ => None,
        }
    }
}

/// The formats of a list sheet's rows, made once: ordinary (`basis` none: the default format)
/// or emphasised (bold).
struct Opmaak {
    basis: Option<Format>,
    euro: Format,
    cent: Format,
    procent: Format,
}

impl Opmaak {
    fn new(nadruk: bool) -> Opmaak {
        let basis = if nadruk {
            Format::new().set_bold()
        } else {
            Format::new()
        };
        Opmaak {
            euro: basis.clone().set_num_format(EURO),
            cent: basis.clone().set_num_format(EURO_CENT),
            procent: basis.clone().set_num_format("0%"),
            basis: nadruk.then_some(basis),
        }
    }

    fn getal(&self, k: Getalsoort) -> &Format {
        match k {
            Getalsoort::Euro => &self.euro,
            Getalsoort::Cent => &self.cent,
            Getalsoort::Procent => &self.procent,
        }
    }
}

pub fn begroting(run: &Run) -> Resultaat<Vec<u8>> {
    let mut uit = Vec::new();
    begroting_naast(run, |b| b.bewaar(&mut uit), || ()).0?;
    Ok(uit)
}

/// The formats and the footer every sheet of the results workbook shares.
struct Huisstijl {
    titel: Format,
    kop: Format,
    kop_rechts: Format,
    euro: Format,
    euro_vet: Format,
    euro_totaal: Format,
    vet: Format,
    omloop: Format,
    gewoon: Format,
    voet: String,
}

impl Huisstijl {
    /// The top of a list sheet (a row per gemeente and year): its name and print setup, the
    /// title in row 1, the column headers in row 3 (the columns `links` aligned left, the
    /// amounts right) and the panes frozen below them.
    fn lijstkop(
        &self,
        ws: &mut Worksheet,
        naam: &str,
        titel: &str,
        koppen: &[&str],
        links: &[usize],
    ) -> Resultaat<()> {
        ws.set_name(naam).map_err(xf)?;
        afdruk(ws, &self.voet, Some((0, 2)), true)?;
        ws.set_freeze_panes(3, 1).map_err(xf)?;
        ws.write_string_with_format(0, 0, titel, &self.titel)
            .map_err(xf)?;
        for (c, k) in koppen.iter().enumerate() {
            let f = if links.contains(&c) {
                &self.kop
            } else {
                &self.kop_rechts
            };
            ws.write_string_with_format(2, c as u16, *k, f)
                .map_err(xf)?;
        }
        Ok(())
    }

    fn nieuw(voet: String) -> Huisstijl {
        let kop = kopopmaak();
        Huisstijl {
            titel: titelopmaak(),
            kop_rechts: kop.clone().set_align(rust_xlsxwriter::FormatAlign::Right),
            kop,
            euro: Format::new().set_num_format(EURO_STREEP),
            euro_vet: Format::new()
                .set_num_format(EURO_STREEP)
                .set_bold()
                .set_border_top(FormatBorder::Thin),
            euro_totaal: Format::new().set_num_format(EURO_STREEP).set_bold(),
            vet: Format::new().set_bold(),
            omloop: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
            gewoon: Format::new(),
            voet,
        }
    }
}

/// Makes the sheets of `begroting.xlsx` and hands the workbook to `bewaar` as soon as they are
/// made (`Gemaakt::bewaar` writes the file; the zip is never whole in memory); `ernaast` runs
/// beside all this and fills the threads' gaps (the sheets' long pieces start first). Returns
/// what `bewaar` and `ernaast` returned. Long by design: the list of sheets in their order, each
/// made by its own function.
pub fn begroting_naast<R: Send>(
    run: &Run,
    bewaar: impl FnOnce(Gemaakt) -> Resultaat<()> + Send,
    ernaast: impl FnOnce() -> R + Send,
) -> (Resultaat<()>, R) {
    let wb = match nieuw_werkboek() {
        Ok(wb) => wb,
        Err(e) => return (Err(e), ernaast()),
    };
    let s = &run.scenario;
    let huisstijl = Huisstijl::nieuw(voettekst(&s.naam, s.datum.as_deref()));
    let f = &huisstijl;
    let voet = &huisstijl.voet;
    // Every sheet is made on its own (in one of two lanes, see `voeg_samen`) and added in
    // this order; the sheets only read the run and the shared formats.
    let mut bladen: Vec<Blad> = Vec::new();
    // A year sheet has a column per gemeente and group (10.000 for a national set of that
    // size): streamed row by row like the ledger, not held whole in memory.
    for o in &run.uitkomst.overzichten {
        bladen.push(Blad::Stroom(Box::new(move |ws: &mut Worksheet| {
            jaarblad(ws, run, f, o)
        })));
    }

    bladen.push(Blad::Los(Box::new(move || saldoblad(run, f))));

    bladen.push(Blad::Gedeeld {
        opmaak: grootboekopmaak(f),
        schrijf: Box::new(move |ws: &mut Worksheet| grootboekblad(ws, run, f)),
    });

    bladen.push(Blad::Los(Box::new(move || afrekeningblad(run, f))));

    bladen.push(Blad::Stroom(Box::new(move |ws: &mut Worksheet| {
        kasstroomblad(ws, run, f)
    })));

    if let Some(r) = &run.reserve {
        bladen.push(Blad::Los(Box::new(move || reserveblad(run, f, r))));
    }

    if !run.regio.is_empty() {
        // Sheets with a row per gemeente and year are streamed (their cells are never all in
        // memory: at 10.000 gemeenten these sheets held 400 MB at the workbook's save).
        bladen.push(Blad::Gedeeld {
            opmaak: tabelblad_opmaak(),
            schrijf: Box::new(move |ws: &mut Worksheet| {
            let jaren: Vec<i32> = s.instellingen.jaren().collect();
            blad_in(
                ws,
                "Regionale begroting",
                &format!(
                    "Begroting van de regionale organen: bijdragen van de gemeenten en lasten per post — scenario {}",
                    s.naam
                ),
                &crate::rapport::uitvoering::weergave_alle(
                    &run.gegevens,
                    &run.ledger,
                    &run.regio,
                    &jaren,
                ),
                voet,
            )
        }),
        });
        bladen.push(Blad::Gedeeld {
            opmaak: tabelblad_opmaak(),
            schrijf: Box::new(move |ws: &mut Worksheet| {
                blad_in(
                    ws,
                    "Bijdragen",
                    &format!(
                        "Bijdragen per gemeente, post en jaar, met verdeelsleutel — scenario {}",
                        s.naam
                    ),
                    &crate::rapport::uitvoering::bijdragen(
                        &s.naam,
                        &run.gegevens,
                        &run.ledger,
                        &run.regio,
                    ),
                    voet,
                )
            }),
        });
    }

    if !run.verschillen.is_empty() {
        bladen.push(Blad::Los(Box::new(move || {
            blad(
                "Verschillen",
                &format!("Realisatie tegenover raming — scenario {}", s.naam),
                &crate::rapport::verschillen::weergave(&run.verschillen),
                voet,
            )
        })));
    }

    bladen.push(Blad::Los(Box::new(move || uitgangspuntenblad(run, f))));

    bladen.push(Blad::Los(Box::new(move || waarschuwingenblad(run, f))));

    bladen.push(Blad::Stroom(Box::new(move |ws: &mut Worksheet| {
        dekkingblad(ws, run, f)
    })));
    voeg_samen(wb, bladen, bewaar, ernaast)
}

/// A year sheet laid out like the Beleidskader's table: posts down, gemeenten and groups across, totals
/// and a group's cells as formulas over the displayed cells. Streamed: a national set of
/// 10.000 gemeenten has as many columns. Long by design: the sheet's layout from top to
/// bottom.
fn jaarblad(ws: &mut Worksheet, run: &Run, f: &Huisstijl, o: &Overzicht) -> Resultaat<()> {
    let Huisstijl {
        titel,
        kop,
        kop_rechts,
        euro,
        euro_vet,
        vet,
        gewoon,
        voet,
        ..
    } = f;
    let s = &run.scenario;
    let groepen = &run.gegevens.groepen;
    ws.set_name(o.jaar.to_string()).map_err(xf)?;
    afdruk(ws, voet, Some((0, 3)), true)?;
    if let Some(t) = te_breed(o) {
        ws.write_string_with_format(0, 0, t, titel).map_err(xf)?;
        return Ok(());
    }
    let koptekst = format!(
        "Lasten en baten inburgering {} — scenario {}",
        o.jaar, s.naam
    );
    ws.write_string_with_format(0, 0, &koptekst, titel)
        .map_err(xf)?;
    ws.write_string(
            1,
            0,
            "Bedragen in hele euro's; elk totaal is de som van de getoonde delen (een formule). – is nul.",
        )
        .map_err(xf)?;
    ws.write_string_with_format(3, 0, "Post", kop).map_err(xf)?;
    let n = o.aantal_gemeenten;
    let mut breedte: Vec<f64> = vec![breedte_tekst("Post", true)];
    for (c, k) in o.kolommen.iter().enumerate() {
        tekst_cel(ws, 3, c as u16 + 1, k, Some(kop_rechts))?;
        breedte.push(breedte_tekst(k, true).max(10.0));
    }
    // The amount columns carry the plain euro format, so their ordinary cells are written
    // without one (rust_xlsxwriter hashes a cell's whole format: the larger part of a
    // national year sheet's cost); only total rows name theirs. Before the rows: a streamed
    // sheet writes each row as it is finished.
    for c in 0..o.kolommen.len() {
        ws.set_column_format(c as u16 + 1, euro).map_err(xf)?;
    }
    let eerste = 4u32;
    // First row of the current block of posts (baten, then lasten).
    let mut begin = eerste;
    let (mut baten_rij, mut lasten_rij) = (None, None);
    for (i, r) in o.rijen.iter().enumerate() {
        let row = eerste + i as u32;
        let (lf, nf) = if r.is_totaal {
            (&vet, &euro_vet)
        } else {
            (&gewoon, &euro)
        };
        tekst_cel(ws, row, 0, &r.omschrijving, Some(lf))?;
        breedte[0] = breedte[0].max(breedte_tekst(&r.omschrijving, r.is_totaal));
        for (c, v) in r.waarden.iter().enumerate() {
            let col = c as u16 + 1;
            breedte[c + 1] = breedte[c + 1].max(breedte_euro(*v));
            // Totals down the column, the saldo from the two totals, a group's post as the
            // sum of its members' cells in that row: each the sum of displayed cells.
            let f = match r.post.as_str() {
                "totaal_baten" | "totaal_lasten" => (row > begin)
                    .then(|| format!("SUM({}:{})", cel_adres(begin, col), cel_adres(row - 1, col))),
                "saldo" => baten_rij
                    .zip(lasten_rij)
                    .map(|(b, l)| format!("{}-{}", cel_adres(b, col), cel_adres(l, col))),
                _ if c >= n => som_leden(
                    groepen
                        .get(c - n)
                        .map(|g| g.leden.as_slice())
                        .unwrap_or(&[]),
                    |l| cel_adres(row, l as u16 + 1),
                ),
                _ => None,
            };
            match f {
                Some(f) => formule(ws, row, col, &f, *v, nf)?,
                None => getal_cel(ws, row, col, getal(*v), r.is_totaal.then_some(nf))?,
            }
        }
        match r.post.as_str() {
            "totaal_baten" => {
                baten_rij = Some(row);
                begin = row + 1;
            }
            "totaal_lasten" => {
                lasten_rij = Some(row);
                begin = row + 1;
            }
            _ => {}
        }
    }
    // The title may run over the columns; only the labels set column A's width.
    for (c, b) in breedte.iter().enumerate() {
        ws.set_column_width(c as u16, b.min(60.0)).map_err(xf)?;
    }
    ws.set_freeze_panes(4, 1).map_err(xf)?;
    Ok(())
}

/// The Saldo sheet: gemeente × year (a reference to the year sheet; a group the sum of its
/// gemeenten) and the multi-year total rounded once. Long by design: the sheet's layout, cell
/// by cell from top to bottom.
fn saldoblad(run: &Run, f: &Huisstijl) -> Resultaat<Worksheet> {
    let Huisstijl {
        titel,
        kop,
        kop_rechts,
        euro,
        euro_totaal,
        vet,
        gewoon,
        voet,
        ..
    } = f;
    let s = &run.scenario;
    let groepen = &run.gegevens.groepen;
    // Per year sheet: the row of its saldo (the year sheet's rows start at row 4), for the
    // references.
    let saldo_rij: Vec<Option<u32>> = run
        .uitkomst
        .overzichten
        .iter()
        .map(|o| {
            o.rijen
                .iter()
                .rposition(|r| r.post == "saldo")
                .map(|i| 4 + i as u32)
                .filter(|_| te_breed(o).is_none())
        })
        .collect();
    let mut blad = Worksheet::new();
    let ws = &mut blad;
    ws.set_name("Saldo").map_err(xf)?;
    afdruk(ws, voet, Some((0, 2)), true)?;
    ws.write_string_with_format(
        0,
        0,
        format!("Saldo per jaar (baten − lasten) — scenario {}", s.naam),
        titel,
    )
    .map_err(xf)?;
    ws.write_string_with_format(2, 0, "Gemeente / groep", kop)
        .map_err(xf)?;
    let overz = &run.uitkomst.overzichten;
    let mut breedte: Vec<f64> = vec![breedte_tekst("Gemeente / groep", true)];
    for (c, o) in overz.iter().enumerate() {
        ws.write_number_with_format(2, c as u16 + 1, o.jaar as f64, kop_rechts)
            .map_err(xf)?;
        breedte.push(10.0);
    }
    let totaal_kolom = overz.len() as u16 + 1;
    ws.write_string_with_format(2, totaal_kolom, "Totaal", kop_rechts)
        .map_err(xf)?;
    breedte.push(10.0);
    if let Some(eerste) = overz.first() {
        let n = eerste.aantal_gemeenten;
        for (i, k) in eerste.kolommen.iter().enumerate() {
            let row = 3 + i as u32;
            let is_groep = i >= n;
            tekst_cel(ws, row, 0, k, Some(if is_groep { vet } else { gewoon }))?;
            breedte[0] = breedte[0].max(breedte_tekst(k, is_groep));
            let nf = if is_groep { &euro_totaal } else { &euro };
            for (c, o) in overz.iter().enumerate() {
                let col = c as u16 + 1;
                let Some(v) = o.waarde("saldo", k) else {
                    continue;
                };
                breedte[c + 1] = breedte[c + 1].max(breedte_euro(v));
                // A gemeente's saldo is the cell of its year sheet; a group's the sum of its
                // members' rows here.
                let f = if is_groep {
                    som_leden(
                        groepen
                            .get(i - n)
                            .map(|g| g.leden.as_slice())
                            .unwrap_or(&[]),
                        |l| cel_adres(3 + l as u32, col),
                    )
                } else {
                    saldo_rij
                        .get(c)
                        .copied()
                        .flatten()
                        .map(|r| format!("'{}'!{}", o.jaar, cel_adres(r, i as u16 + 1)))
                };
                match f {
                    Some(f) => formule(ws, row, col, &f, v, nf)?,
                    None => {
                        ws.write_number_with_format(row, col, getal(v), nf)
                            .map_err(xf)?;
                    }
                }
            }
            // The multi-year saldo as in the report and `vergelijk`: rounded once.
            let totaal = crate::rapport::cijfers::saldo_meerjarig(&run.uitkomst, k);
            breedte[totaal_kolom as usize] =
                breedte[totaal_kolom as usize].max(breedte_euro(totaal));
            ws.write_number_with_format(row, totaal_kolom, getal(totaal), euro_totaal)
                .map_err(xf)?;
        }
        noot(
            ws,
            4 + eerste.kolommen.len() as u32,
            totaal_kolom,
            &format!(
                "{} {} Totaal: de exacte som over de jaren, één keer afgerond op hele euro's; kan enkele euro's afwijken van de som van de afgeronde jaarbedragen.",
                crate::rapport::uitgangspunten::prijzen_zin(&s.instellingen),
                if te_breed(eerste).is_none() {
                    "De jaarbedragen zijn die van de jaarbladen (een verwijzing; een groep is de som van haar gemeenten)."
                } else {
                    "De jaarbedragen zijn die van overzicht_<jaar>.csv (de jaarbladen tonen zoveel gemeenten niet); een groep is de som van haar gemeenten."
                }
            ),
            breedte.iter().map(|b| b.min(60.0)).sum(),
        )?;
    }
    for (c, b) in breedte.iter().enumerate() {
        ws.set_column_width(c as u16, b.min(60.0)).map_err(xf)?;
    }
    ws.set_freeze_panes(3, 1).map_err(xf)?;
    Ok(blad)
}

/// The ledger as an Excel table, a row per line (streamed: a million lines at 10.000
/// gemeenten; above the limit one sentence naming `begroting.csv`).
fn grootboekblad(ws: &mut Worksheet, run: &Run, f: &Huisstijl) -> Resultaat<()> {
    let Huisstijl { titel, voet, .. } = f;
    ws.set_name("Grootboek").map_err(xf)?;
    afdruk(ws, voet, Some((0, 0)), false)?;
    if let Some(t) = te_groot("grootboek", run.ledger.boekingen.len(), "begroting.csv") {
        ws.write_string_with_format(0, 0, t, titel).map_err(xf)?;
        return Ok(());
    }
    ws.set_freeze_panes(1, 0).map_err(xf)?;
    let kolommen = [
        "scenario",
        "gemeente",
        "jaar",
        "soort",
        "post",
        "omschrijving",
        "bedrag",
        "uitvoerder",
        "uitvoerder_soort",
    ];
    let regels = run.ledger.per_jaar_en_gemeente(|_| true);
    // The table (with its header row) first: the sheet is streamed row by row.
    let cols: Vec<TableColumn> = kolommen
        .iter()
        .map(|k| TableColumn::new().set_header(*k))
        .collect();
    let table = Table::new().set_columns(&cols).set_name("Grootboek");
    ws.add_table(
        0,
        0,
        regels.len().max(1) as u32,
        kolommen.len() as u16 - 1,
        &table,
    )
    .map_err(xf)?;
    // The amount column's format once for the column, not per cell (a format lookup
    // hashes the whole format).
    ws.set_column_format(6, &centopmaak()).map_err(xf)?;
    for (i, b) in regels.iter().enumerate() {
        grootboekregel(ws, 1 + i as u32, run, b)?;
    }
    for (c, w) in [12, 24, 8, 8, 24, 40, 16, 24, 10].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xf)?;
    }
    Ok(())
}

/// Every format the Grootboek sheet uses (it is made beside the other sheets: see
/// `Blad::Gedeeld`): the title, the amount column, and the quote prefix `tekst_cel` gives a
/// formula-like text.
fn grootboekopmaak(f: &Huisstijl) -> Vec<Format> {
    vec![
        f.titel.clone(),
        centopmaak(),
        Format::new().set_quote_prefix(),
    ]
}

/// An exact amount: euros and cents, negative in red.
fn centopmaak() -> Format {
    Format::new().set_num_format(EURO_CENT)
}

/// A sheet's title (row 1).
fn titelopmaak() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// A header row: bold on the house blue, a thin line below.
fn kopopmaak() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin)
}

/// Every format a report table sheet (`blad_in`) uses, for such a sheet made beside the others
/// (see `Blad::Gedeeld`): the title and headers, and per row kind (plain, emphasised) the text
/// (with the quote prefix `tekst_cel` gives a formula-like text) and the number formats.
fn tabelblad_opmaak() -> Vec<Format> {
    let mut v = vec![titelopmaak(), kopopmaak()];
    for o in [Opmaak::new(false), Opmaak::new(true)] {
        let basis = o.basis.clone().unwrap_or_default();
        v.extend([
            basis.clone().set_quote_prefix(),
            basis,
            o.euro,
            o.cent,
            o.procent,
        ]);
    }
    v
}

/// A ledger line as a row of the Grootboek sheet; the uitvoerder only for lasten.
fn grootboekregel(ws: &mut Worksheet, row: u32, run: &Run, b: &Boeking) -> Resultaat<()> {
    let s = &run.scenario;
    tekst_cel(ws, row, 0, &s.naam, None)?;
    tekst_cel(ws, row, 1, run.gegevens.gemeenten.naam(b.gemeente), None)?;
    ws.write_number(row, 2, b.jaar as f64).map_err(xf)?;
    ws.write_string(
        row,
        3,
        if b.soort == Soort::Baten {
            "baten"
        } else {
            "lasten"
        },
    )
    .map_err(xf)?;
    tekst_cel(ws, row, 4, b.post.as_str(), None)?;
    tekst_cel(ws, row, 5, &b.omschrijving(), None)?;
    ws.write_number(row, 6, getal(b.bedrag)).map_err(xf)?;
    if b.soort == Soort::Lasten {
        let gemeente = run.gegevens.gemeenten.naam(b.gemeente);
        tekst_cel(ws, row, 7, b.uitvoerder.naam(gemeente), None)?;
        ws.write_string(row, 8, b.uitvoerder.soort()).map_err(xf)?;
    }
    Ok(())
}

/// SPUK beschikkingen, best estimate and expected settlement per gemeente and year.
fn afrekeningblad(run: &Run, f: &Huisstijl) -> Resultaat<Worksheet> {
    let mut blad = Worksheet::new();
    let ws = &mut blad;
    let koppen = [
        "Gemeente",
        "Jaar",
        "Regeling",
        "Voorlopig",
        "Nader voorlopig",
        "Vanaf maand",
        "Definitief",
        "Prognose",
        "Beste schatting",
        "Voorschotten",
        "Verschil",
        "Status",
        "Vaststelling",
    ];
    f.lijstkop(
        ws,
        "Afrekening",
        "SPUK: beschikkingen, beste schatting en verwachte afrekening (vaststelling in het jaar erna)",
        &koppen,
        &[0, 2, 11],
    )?;
    let cent = centopmaak();
    for (i, (naam, a)) in crate::rapport::afrekening::regels(&run.gegevens, &run.afrekening)
        .iter()
        .enumerate()
    {
        afrekeningregel(ws, 3 + i as u32, naam, a, &cent)?;
    }
    kolombreedtes(
        ws,
        &koppen,
        &[
            24.0, 7.0, 15.0, 15.0, 15.0, 8.0, 15.0, 15.0, 15.0, 15.0, 15.0, 12.0, 8.0,
        ],
    )?;
    Ok(blad)
}

/// A settlement as a row of the Afrekening sheet; a beschikking not (yet) given stays empty.
fn afrekeningregel(
    ws: &mut Worksheet,
    row: u32,
    naam: &str,
    a: &crate::berekening::Afrekening,
    cent: &Format,
) -> Resultaat<()> {
    tekst_cel(ws, row, 0, naam, None)?;
    ws.write_number(row, 1, a.jaar as f64).map_err(xf)?;
    ws.write_string(row, 2, a.regeling.id()).map_err(xf)?;
    for (c, x) in [
        (3, a.voorlopig),
        (4, a.nader_voorlopig),
        (6, a.definitief),
        (7, a.prognose),
        (8, Some(a.uitkomst())),
        (9, Some(a.voorschotten)),
        (10, Some(a.verschil())),
    ] {
        if let Some(x) = x {
            ws.write_number_with_format(row, c, getal(x), cent)
                .map_err(xf)?;
        }
    }
    if let Some(m) = a.nader_maand {
        ws.write_number(row, 5, m as f64).map_err(xf)?;
    }
    ws.write_string(row, 11, a.status()).map_err(xf)?;
    ws.write_number(row, 12, a.vaststellingsjaar as f64)
        .map_err(xf)?;
    Ok(())
}

/// Cash per gemeente and year: SPUK advances and settlement, IU.
fn kasstroomblad(ws: &mut Worksheet, run: &Run, f: &Huisstijl) -> Resultaat<()> {
    let koppen = [
        "Gemeente",
        "Jaar",
        "SPUK voorschotten",
        "SPUK afrekening",
        "SPUK onderwijsroute",
        "IU",
        "Totaal",
        "Status",
        "Status afrekening",
    ];
    f.lijstkop(
        ws,
        "Kasstroom",
        "Kasstroom: ontvangen voorschotten SPUK (twaalfden), afrekening in het vaststellingsjaar en IU",
        &koppen,
        &[0, 7, 8],
    )?;
    // The amount columns carry the format, so their cells are written without one (a
    // formatted cell costs a hash of its whole format).
    let cent = centopmaak();
    for c in 2..=6 {
        ws.set_column_format(c, &cent).map_err(xf)?;
    }
    for (i, (naam, k)) in crate::rapport::kasstroom::regels(
        &run.gegevens,
        &run.kasstroom,
        &run.scenario.instellingen.jaren().collect::<Vec<_>>(),
    )
    .iter()
    .enumerate()
    {
        let row = 3 + i as u32;
        tekst_cel(ws, row, 0, naam, None)?;
        ws.write_number(row, 1, k.jaar as f64).map_err(xf)?;
        for (c, x) in [
            (2, k.spuk_voorschotten),
            (3, k.spuk_afrekening),
            (4, k.spuk_onderwijsroute),
            (5, k.iu),
            (6, k.totaal()),
        ] {
            ws.write_number(row, c, getal(x)).map_err(xf)?;
        }
        ws.write_string(row, 7, k.status).map_err(xf)?;
        ws.write_string(row, 8, k.afrekening_status).map_err(xf)?;
    }
    kolombreedtes(
        ws,
        &koppen,
        &[24.0, 7.0, 16.0, 16.0, 16.0, 16.0, 16.0, 10.0, 12.0],
    )?;
    Ok(())
}

/// The bestemmingsreserve: result before and after bestemming and the balance per year.
fn reserveblad(run: &Run, f: &Huisstijl, r: &Bestemmingsreserve) -> Resultaat<Worksheet> {
    let mut blad = Worksheet::new();
    let ws = &mut blad;
    let koppen = [
        "Gemeente",
        "Jaar",
        "Beginsaldo",
        "Toevoeging",
        "Onttrekking",
        "Eindsaldo",
        "Resultaat vóór bestemming",
        "Resultaat ná bestemming",
    ];
    f.lijstkop(
        ws,
        "Bestemmingsreserve",
        &format!(
            "{}: resultaat vóór en ná bestemming en het saldo per jaar",
            r.naam
        ),
        &koppen,
        &[0],
    )?;
    let cent = centopmaak();
    for (i, (naam, l)) in crate::rapport::reserve::regels(&run.gegevens, run.reserve.as_ref())
        .iter()
        .enumerate()
    {
        let row = 3 + i as u32;
        tekst_cel(ws, row, 0, naam, None)?;
        ws.write_number(row, 1, l.jaar as f64).map_err(xf)?;
        for (c, x) in l.bedragen().into_iter().enumerate() {
            ws.write_number_with_format(row, 2 + c as u16, getal(x), &cent)
                .map_err(xf)?;
        }
    }
    kolombreedtes(
        ws,
        &koppen,
        &[24.0, 7.0, 16.0, 16.0, 16.0, 16.0, 16.0, 16.0],
    )?;
    Ok(blad)
}

/// The settings and every input row with its bron.
fn uitgangspuntenblad(run: &Run, f: &Huisstijl) -> Resultaat<Worksheet> {
    let Huisstijl {
        titel,
        kop,
        omloop,
        voet,
        ..
    } = f;
    let s = &run.scenario;
    let mut blad = Worksheet::new();
    let ws = &mut blad;
    ws.set_name("Uitgangspunten").map_err(xf)?;
    afdruk(ws, voet, Some((0, 0)), false)?;
    ws.set_freeze_panes(1, 0).map_err(xf)?;
    ws.write_string_with_format(0, 0, format!("Uitgangspunten — scenario {}", s.naam), titel)
        .map_err(xf)?;
    noot(ws, 1, 3, &s.omschrijving, 28.0 + 40.0 + 50.0 + 60.0)?;
    noot(
        ws,
        2,
        3,
        &crate::rapport::uitgangspunten::prijzen_zin(&s.instellingen),
        28.0 + 40.0 + 50.0 + 60.0,
    )?;
    let mut row = 3;
    koppen_in(ws, row, &["Instelling", "Waarde"], kop)?;
    row += 1;
    for (k, v) in &s.instellingen_tekst {
        tekst_cel(ws, row, 0, k, None)?;
        tekst_cel(ws, row, 1, v, None)?;
        row += 1;
    }
    row += 1;
    koppen_in(ws, row, &["Bestand", "Regel", "Gegevens", "Bron"], kop)?;
    row += 1;
    for b in &run.bronnen {
        tekst_cel(ws, row, 0, &b.bestand, Some(omloop))?;
        ws.write_number_with_format(row, 1, b.regel as f64, omloop)
            .map_err(xf)?;
        tekst_cel(ws, row, 2, &b.inhoud, Some(omloop))?;
        tekst_cel(ws, row, 3, &b.bron, Some(omloop))?;
        regelhoogte(ws, row, &[(&b.inhoud, 50.0), (&b.bron, 60.0)])?;
        row += 1;
    }
    ws.set_column_width(0, 28).map_err(xf)?;
    ws.set_column_width(1, 40).map_err(xf)?;
    ws.set_column_width(2, 50).map_err(xf)?;
    ws.set_column_width(3, 60).map_err(xf)?;
    Ok(blad)
}

/// What the run filled, assumed or skipped, as in `waarschuwingen.csv`.
fn waarschuwingenblad(run: &Run, f: &Huisstijl) -> Resultaat<Worksheet> {
    let Huisstijl {
        kop, omloop, voet, ..
    } = f;
    let mut blad = Worksheet::new();
    let ws = &mut blad;
    ws.set_name("Waarschuwingen").map_err(xf)?;
    afdruk(ws, voet, Some((0, 0)), false)?;
    let w = &run.waarschuwingen;
    kopregel(
        ws,
        0,
        &["bestand", "regel", "kolom", "melding"],
        w.len().max(1) as u32,
        kop,
    )?;
    if w.is_empty() {
        ws.write_string(1, 3, "Geen waarschuwingen").map_err(xf)?;
    }
    for (i, x) in w.iter().enumerate() {
        let row = 1 + i as u32;
        tekst_cel(ws, row, 0, &x.herkomst.bestand, None)?;
        if x.herkomst.regel > 0 {
            ws.write_number(row, 1, x.herkomst.regel as f64)
                .map_err(xf)?;
        }
        tekst_cel(ws, row, 2, &x.kolom, None)?;
        tekst_cel(ws, row, 3, &x.melding, Some(omloop))?;
        regelhoogte(ws, row, &[(&x.melding, 90.0)])?;
    }
    for (c, b) in [32, 8, 16, 90].iter().enumerate() {
        ws.set_column_width(c as u16, *b).map_err(xf)?;
    }
    Ok(blad)
}

/// Per input table and gemeente-year: given or filled by which rule (streamed; above the
/// limit one sentence naming `dekking.csv`).
fn dekkingblad(ws: &mut Worksheet, run: &Run, f: &Huisstijl) -> Resultaat<()> {
    let Huisstijl {
        titel,
        kop,
        omloop,
        voet,
        ..
    } = f;
    ws.set_name("Dekking").map_err(xf)?;
    afdruk(ws, voet, Some((0, 0)), false)?;
    let d = &run.dekking;
    if let Some(t) = te_groot("dekkingsoverzicht", d.len(), "dekking.csv") {
        ws.write_string_with_format(0, 0, t, titel).map_err(xf)?;
        return Ok(());
    }
    kopregel(
        ws,
        0,
        &["tabel", "gemeente", "jaar", "onderdeel", "status", "regel"],
        d.len().max(1) as u32,
        kop,
    )?;
    if d.is_empty() {
        ws.write_string(1, 5, "Geen dekkingsgegevens").map_err(xf)?;
    } else {
        ws.set_column_format(5, omloop).map_err(xf)?;
    }
    for (i, x) in d.iter().enumerate() {
        let row = 1 + i as u32;
        tekst_cel(ws, row, 0, &x.tabel, None)?;
        tekst_cel(
            ws,
            row,
            1,
            crate::uitvoer::waarschuwingen::gemeente_naam(&run.gegevens, x.gemeente),
            None,
        )?;
        ws.write_number(row, 2, x.jaar as f64).map_err(xf)?;
        tekst_cel(ws, row, 3, &x.onderdeel, None)?;
        ws.write_string(row, 4, x.status.id()).map_err(xf)?;
        if crate::opmaak::formuleachtig(&x.regel) || x.regel.is_empty() {
            tekst_cel(ws, row, 5, &x.regel, Some(omloop))?;
        } else {
            // Wrapped through the column's format (set below the header).
            ws.write_string(row, 5, &x.regel).map_err(xf)?;
        }
        regelhoogte(ws, row, &[(&x.regel, 80.0)])?;
    }
    for (c, b) in [26, 24, 8, 14, 10, 80].iter().enumerate() {
        ws.set_column_width(c as u16, *b).map_err(xf)?;
    }
    Ok(())
}

/// Rows up to which the `Grootboek` and `Dekking` sheets list every line. Beyond it (about
/// 2.400 gemeenten over ten years) a sheet says where the full list is: a sheet of a million
/// rows is no use to a reader, takes most of the run to write (10.000 gemeenten: 8 of 30
/// seconds) and Excel holds at most 1.048.576 rows, which the ledger would pass.
pub const WERKBLAD_TOT: usize = 250_000;

/// The sentence a list sheet shows instead of `regels` rows when they pass [`WERKBLAD_TOT`].
pub fn te_groot(wat: &str, regels: usize, bestand: &str) -> Option<String> {
    (regels > WERKBLAD_TOT).then(|| {
        format!(
            "Het {wat} telt {} regels, meer dan dit werkblad toont (grens {}); de volledige lijst staat in {bestand}.",
            crate::opmaak::getal_nl(Decimal::from(regels)),
            crate::opmaak::getal_nl(Decimal::from(WERKBLAD_TOT)),
        )
    })
}

/// The most columns (gemeenten and groups) a year sheet shows. Every Dutch gemeente and its
/// groups fit (about 400); a sheet of thousands of columns is unreadable, costs seconds per
/// year to write and passes Excel's 16.384 columns somewhere above, so beyond this the sheet
/// names `overzicht_<jaar>.csv`, which holds the same table.
pub const JAARBLAD_KOLOMMEN_TOT: usize = 2_000;

/// The sentence a year sheet shows instead of its table when it is wider than
/// [`JAARBLAD_KOLOMMEN_TOT`].
fn te_breed(o: &crate::rapport::overzicht::Overzicht) -> Option<String> {
    (o.kolommen.len() > JAARBLAD_KOLOMMEN_TOT).then(|| {
        format!(
            "Het overzicht {} telt {} kolommen (gemeenten en groepen), meer dan dit werkblad toont (grens {}); het volledige overzicht staat in overzicht_{}.csv.",
            o.jaar,
            crate::opmaak::getal_nl(Decimal::from(o.kolommen.len())),
            crate::opmaak::getal_nl(Decimal::from(JAARBLAD_KOLOMMEN_TOT)),
            o.jaar,
        )
    })
}

/// Notes for the console: the sheets of `begroting.xlsx` that name a CSV file instead.
pub fn inkortingen(run: &Run) -> Vec<String> {
    let jaarbladen = run.uitkomst.overzichten.first().and_then(te_breed).map(|_| {
        format!(
            "De jaarbladen tonen meer dan {} gemeenten en groepen niet; de volledige overzichten staan in overzicht_<jaar>.csv.",
            crate::opmaak::getal_nl(Decimal::from(JAARBLAD_KOLOMMEN_TOT)),
        )
    });
    [
        jaarbladen,
        te_groot("grootboek", run.ledger.boekingen.len(), "begroting.csv"),
        te_groot("dekkingsoverzicht", run.dekking.len(), "dekking.csv"),
    ]
    .into_iter()
    .flatten()
    .map(|t| format!("begroting.xlsx: {t}"))
    .collect()
}

/// A sheet of the results workbook, made when called.
enum Blad<'a> {
    /// A sheet of bounded size, made on its own in memory (its formats and texts are numbered
    /// for the workbook when it is saved).
    Los(Box<Maak<'a>>),
    /// A sheet with a row per gemeente and year or per input cell (a million rows for 10.000
    /// gemeenten): written row by row into a temporary file (rust_xlsxwriter's constant-memory
    /// mode), so its cells are never all in memory. Rows must be written in order. Its texts
    /// are written in the cells (inline), and the streamed sheets are made one after the other
    /// in their order: a streamed cell's format gets its workbook number when first used.
    Stroom(Box<Schrijf<'a>>),
    /// Streamed like `Stroom`, with its texts in the workbook's shared string table (each
    /// distinct text stored once: the ledger repeats a few hundred texts in 35.000 rows, which
    /// makes the file smaller and faster to write). These sheets are made one after the other,
    /// beside the `Stroom` ones, so the string table is filled in their order alone; `opmaak`
    /// must hold every format such a sheet uses: they are numbered before the making starts, so
    /// no order of the threads changes a number.
    Gedeeld {
        opmaak: Vec<Format>,
        schrijf: Box<Schrijf<'a>>,
    },
}

/// Makes an in-memory sheet.
type Maak<'a> = dyn FnOnce() -> Resultaat<Worksheet> + Send + 'a;

/// Writes a streamed sheet's rows, in order.
type Schrijf<'a> = dyn FnOnce(&mut Worksheet) -> Resultaat<()> + Send + 'a;

/// The results workbook with every sheet made, to be saved (`bewaar`).
pub struct Gemaakt(Workbook);

impl Gemaakt {
    /// Writes the workbook (the zip) into `uit`.
    pub fn bewaar(mut self, uit: impl std::io::Write + Send) -> Resultaat<()> {
        self.0.save_to_writer(uit).map_err(xf)
    }
}

/// Makes the sheets, adds them to the workbook in their order and hands the workbook to
/// `bewaar`; `ernaast` runs beside all this (see [`begroting_naast`]). The same input gives the
/// same file for any number of threads.
fn voeg_samen<R: Send>(
    mut wb: Workbook,
    bladen: Vec<Blad>,
    bewaar: impl FnOnce(Gemaakt) -> Resultaat<()> + Send,
    ernaast: impl FnOnce() -> R + Send,
) -> (Resultaat<()>, R) {
    use std::sync::Mutex;
    // Two lanes, each on its own thread (rayon lends the job of a join's second half to an
    // idle thread): the shared-table sheets (the ledger, the regional tables) with the
    // in-memory ones, and the other streamed sheets. A lane is a list of sheets made one after
    // the other.
    let (mut gedeeld, mut keten): (Vec<Taak>, Vec<Taak>) = (Vec::new(), Vec::new());
    let mut los = Vec::new();
    for (i, b) in bladen.into_iter().enumerate() {
        // A streamed sheet's temporary file is made first (that needs the workbook). Where
        // none can be made (a read-only temp folder) the sheet is built in memory instead.
        match b {
            Blad::Los(maak) => los.push((i, Werk::Los(maak))),
            Blad::Stroom(schrijf) => {
                let ws = wb.new_worksheet_with_constant_memory().unwrap_or_default();
                keten.push((i, Werk::Stroom(Box::new(ws), schrijf)));
            }
            Blad::Gedeeld { opmaak, schrijf } => {
                for f in &opmaak {
                    wb.register_format(f);
                }
                let ws = wb.new_worksheet_with_low_memory().unwrap_or_default();
                gedeeld.push((i, Werk::Stroom(Box::new(ws), schrijf)));
            }
        }
    }
    gedeeld.extend(los);
    // The lane that finishes last adds the sheets and saves the workbook at once (the save is
    // serial: the other thread goes on with `ernaast`).
    let klaar = Mutex::new(Vec::new());
    let wb = Mutex::new(Some((wb, bewaar)));
    let baan = |taken: Vec<Taak>| -> Resultaat<()> {
        let gemaakt = taken
            .into_iter()
            .map(|(i, t)| match t {
                Werk::Los(maak) => Ok((i, maak()?)),
                Werk::Stroom(mut ws, schrijf) => {
                    schrijf(&mut ws)?;
                    Ok((i, *ws))
                }
            })
            .collect::<Resultaat<Vec<_>>>();
        let mut klaar_nu = klaar.lock().unwrap_or_else(|e| e.into_inner());
        klaar_nu.push(gemaakt);
        if klaar_nu.len() < 2 {
            return Ok(());
        }
        let (mut wb, bewaar) = wb
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .expect("the last lane saves once");
        let mut bladen = Vec::new();
        for b in klaar_nu.drain(..) {
            bladen.extend(b?);
        }
        drop(klaar_nu);
        bladen.sort_by_key(|(i, _)| *i);
        for (_, ws) in bladen {
            wb.push_worksheet(ws);
        }
        bewaar(Gemaakt(wb))
    };
    let (a, (b, r)) = rayon::join(|| baan(gedeeld), || rayon::join(|| baan(keten), ernaast));
    (a.and(b), r)
}

/// A sheet in a lane, with its place in the workbook.
type Taak<'a> = (usize, Werk<'a>);

/// What makes a sheet: an in-memory sheet's maker, or a streamed sheet with its writer.
enum Werk<'a> {
    Los(Box<Maak<'a>>),
    Stroom(Box<Worksheet>, Box<Schrijf<'a>>),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number of cell formats a saved workbook declares (`cellXfs` in its styles part).
    fn celformaten(xlsx: &[u8]) -> usize {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut stijl = String::new();
        zip.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut stijl)
            .unwrap();
        let xfs = &stijl[stijl.find("<cellXfs").unwrap()..stijl.find("</cellXfs>").unwrap()];
        xfs.matches("<xf ").count()
    }

    /// The sheets made beside the others with the shared string table (`Blad::Gedeeld`: the
    /// Grootboek and the regional tables) may use only the formats numbered beforehand, or a
    /// format's number would depend on which thread came first. Checked with a formula-like
    /// gemeente and regional body name (the quote-prefix formats, also in bold total rows).
    #[test]
    fn the_shared_table_sheets_use_only_the_formats_numbered_beforehand() {
        let t = tempfile::tempdir().unwrap();
        let bron = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");
        let data = t.path().join("data");
        std::fs::create_dir(&data).unwrap();
        for e in std::fs::read_dir(bron).unwrap() {
            let e = e.unwrap();
            let tekst = std::fs::read_to_string(e.path()).unwrap();
            std::fs::write(
                data.join(e.file_name()),
                tekst
                    .replace(",Sliedrecht,", ",\"=Sliedrecht\",")
                    // Twice: `,SDD,SDD,` overlaps.
                    .replace(",SDD,", ",\"-SDD\",")
                    .replace(",SDD,", ",\"-SDD\",")
                    .replace("\nSDD,", "\n\"-SDD\","),
            )
            .unwrap();
        }
        let scenario = t.path().join("s.toml");
        std::fs::write(
            &scenario,
            "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2023]\n[instroom]\ngroei = 0\n",
        )
        .unwrap();
        let run = crate::draai(&scenario).unwrap();
        assert!(
            run.ledger
                .boekingen
                .iter()
                .any(|b| { crate::opmaak::formuleachtig(run.gegevens.gemeenten.naam(b.gemeente)) })
        );
        assert!(!run.regio.is_empty());
        let f = Huisstijl::nieuw(String::new());
        let jaren: Vec<i32> = run.scenario.instellingen.jaren().collect();
        let (d, l, r) = (&run.gegevens, &run.ledger, &run.regio);
        let regio = crate::rapport::uitvoering::weergave_alle(d, l, r, &jaren);
        let bijdragen = crate::rapport::uitvoering::bijdragen("s", d, l, r);
        // Each sheet that is made beside the others, with the formats numbered for it.
        type MaakBlad<'a> = Box<dyn Fn(&mut Worksheet) -> Resultaat<()> + 'a>;
        let bladen: [(Vec<Format>, MaakBlad); 3] = [
            (
                grootboekopmaak(&f),
                Box::new(|ws| grootboekblad(ws, &run, &f)),
            ),
            (
                tabelblad_opmaak(),
                Box::new(|ws| blad_in(ws, "Regio", "t", &regio, "")),
            ),
            (
                tabelblad_opmaak(),
                Box::new(|ws| blad_in(ws, "Bijdragen", "t", &bijdragen, "")),
            ),
        ];
        for (opmaak, maak) in &bladen {
            let opgeslagen = |met_blad: bool| {
                let mut wb = Workbook::new();
                for fm in opmaak {
                    wb.register_format(fm);
                }
                let mut ws = wb.new_worksheet_with_low_memory().unwrap();
                if met_blad {
                    maak(&mut ws).unwrap();
                }
                wb.push_worksheet(ws);
                wb.save_to_buffer().unwrap()
            };
            let met = celformaten(&opgeslagen(true));
            assert!(met > 1, "{met}");
            assert_eq!(met, celformaten(&opgeslagen(false)));
        }
    }

    /// The column width counts the digits of the whole euros as their text has them.
    #[test]
    fn euro_width_counts_the_digits_of_the_whole_euros() {
        for (x, aantal) in [
            ("0", 1.0),
            ("0.99", 1.0),
            ("-0.5", 1.0),
            ("9.99", 1.0),
            ("10", 2.0),
            ("-999.01", 3.0),
            ("1000", 4.0),
            ("1234567.89", 7.0),
            ("-12345678901234567890.12", 20.0),
        ] {
            let x: Decimal = x.parse().unwrap();
            let verwacht = (aantal + (aantal - 1.0f64).div_euclid(3.0) + 5.0).ceil();
            assert_eq!(breedte_euro(x), verwacht, "{x}");
            assert_eq!(x.trunc().abs().to_string().len() as f64, aantal, "{x}");
            assert_eq!(cijfers(x) as f64, aantal, "{x}");
        }
    }

    #[test]
    fn a_list_sheet_names_the_csv_file_only_above_the_limit() {
        assert_eq!(te_groot("grootboek", WERKBLAD_TOT, "begroting.csv"), None);
        assert_eq!(
            te_groot("grootboek", 1_039_896, "begroting.csv").as_deref(),
            Some(
                "Het grootboek telt 1.039.896 regels, meer dan dit werkblad toont (grens 250.000); de volledige lijst staat in begroting.csv."
            )
        );
    }

    /// A year sheet wider than the limit names its CSV file instead of its table.
    #[test]
    fn a_year_sheet_names_its_csv_file_only_above_the_column_limit() {
        let overzicht = |n: usize| crate::rapport::overzicht::Overzicht {
            jaar: 2027,
            kolommen: (0..n).map(|i| format!("G{i}")).collect(),
            aantal_gemeenten: n,
            rijen: Vec::new(),
            positie: Default::default(),
        };
        assert_eq!(te_breed(&overzicht(JAARBLAD_KOLOMMEN_TOT)), None);
        assert_eq!(
            te_breed(&overzicht(10_011)).as_deref(),
            Some(
                "Het overzicht 2027 telt 10.011 kolommen (gemeenten en groepen), meer dan dit werkblad toont (grens 2.000); het volledige overzicht staat in overzicht_2027.csv."
            )
        );
    }
}
