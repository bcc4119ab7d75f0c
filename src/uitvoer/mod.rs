//! Output edge: ledger to files. Each file is written into a temporary folder beside the target
//! as soon as it is rendered (a large CSV straight from its table, never whole in memory), and
//! the folder is moved into place when all are there, so a failed run never leaves a
//! half-written output folder.

pub mod docx;
pub mod grafiek;
pub mod html;
pub mod kalibratie;
/// Number formats are shared with the report layer's sentences: `crate::opmaak`.
pub use crate::opmaak;
#[cfg(feature = "parquet")]
pub mod parquet;
#[cfg(not(feature = "parquet"))]
#[path = "parquet_uit.rs"]
pub mod parquet;
pub mod risico;
pub mod samenvatting;
pub mod schrijven;
pub mod vergelijking;
pub mod waarschuwingen;
pub mod werkboek;

use crate::fout::{Fout, Resultaat};
use crate::rapport;
use crate::rapport::tabel::{Cel, Tabel};
use opmaak::{geheel, machine, veilige_tekst};
use rust_decimal::Decimal;

/// The machine CSV dialect (`,`, CRLF): the one writer behind every CSV output.
fn schrijver_naar<W: std::io::Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

/// A report table as machine CSV: the column ids as header; exact amounts with two decimals,
/// displayed amounts as whole numbers, text guarded against formula injection.
pub fn tabel_csv(t: &Tabel) -> Resultaat<Vec<u8>> {
    tabel_csv_naar(t, Vec::new())
}

/// [`tabel_csv`] written into `uit`.
pub fn tabel_csv_naar<W: std::io::Write>(t: &Tabel, uit: W) -> Resultaat<W> {
    rijen_csv_naar(
        &t.kolommen,
        t.rijen.iter().map(|r| r.cellen.as_slice()),
        uit,
    )
}

/// A table's columns and rows as CSV into `uit`, each row written as it comes (a
/// [`rapport::tabel::Rijen`] is never whole in memory).
pub fn rijen_csv_naar<W: std::io::Write, R: AsRef<[Cel]>>(
    kolommen: &[rapport::tabel::Kolom],
    rijen: impl Iterator<Item = R>,
    uit: W,
) -> Resultaat<W> {
    let kop: Vec<String> = kolommen.iter().map(|k| veilige_tekst(&k.id)).collect();
    let mut w = schrijver_naar(uit);
    let fout = |e: csv::Error| Fout::Tabel(e.to_string());
    w.write_record(&kop).map_err(fout)?;
    // Cells straight into the writer (a String per cell and a Vec per row cost a third of the
    // rendering of a million-line ledger); the same text as `cel_machine`.
    let mut getal = String::new();
    for r in rijen {
        for c in r.as_ref() {
            match c {
                Cel::Tekst(x) if !opmaak::formuleachtig(x) => w.write_field(x.as_bytes()),
                Cel::Tekst(x) => w.write_field(veilige_tekst(x).as_bytes()),
                Cel::Bedrag(_)
                | Cel::Euro(_)
                | Cel::Getal(_)
                | Cel::Procent(_)
                | Cel::Geheel(_) => {
                    use std::fmt::Write as _;
                    getal.clear();
                    let _ = match c {
                        Cel::Bedrag(x) => write!(getal, "{}", opmaak::op_decimalen(*x, 2)),
                        Cel::Euro(x) => write!(getal, "{}", opmaak::op_decimalen(*x, 0)),
                        Cel::Getal(x) | Cel::Procent(x) => {
                            write!(getal, "{}", opmaak::zonder_min_nul(*x))
                        }
                        Cel::Geheel(x) => write!(getal, "{x}"),
                        _ => Ok(()),
                    };
                    w.write_field(getal.as_bytes())
                }
                Cel::Leeg => w.write_field(b""),
            }
            .map_err(fout)?;
        }
        w.write_record(None::<&[u8]>).map_err(fout)?;
    }
    w.into_inner().map_err(|e| Fout::Tabel(e.to_string()))
}

/// A cell in machine notation.
pub fn cel_machine(c: &Cel) -> String {
    match c {
        Cel::Tekst(t) => veilige_tekst(t),
        Cel::Bedrag(x) => machine(*x),
        Cel::Euro(x) => geheel(*x),
        Cel::Getal(x) | Cel::Procent(x) => opmaak::decimaal(*x),
        Cel::Geheel(x) => x.to_string(),
        Cel::Leeg => String::new(),
    }
}

/// `balans.csv`: see `rapport::balans::tabel`.
pub fn balans_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::balans::tabel(
        &run.scenario.naam,
        &run.gegevens,
        &run.balans,
    ))
}

/// `verschillen.csv`: realisatie against raming per gemeente, group and post, exact.
pub fn verschillen_csv(
    scenario: &str,
    verschillen: &[crate::realisatie::Verschil],
) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::verschillen::tabel(scenario, verschillen))
}

/// `bestemmingsreserve.csv` (only with `[reserve]`): see `rapport::reserve::tabel`.
pub fn bestemmingsreserve_csv(run: &crate::Run) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::reserve::tabel(
        &run.gegevens,
        run.reserve.as_ref(),
    ))
}

/// The Dutch-Excel dialect of a CSV file we wrote: UTF-8 with BOM, `;` separator, decimal comma
/// in numbers, so that double-clicking it in Dutch Excel shows columns and amounts correctly.
/// A field is a number when it parses as one; text (already formula-neutralised) stays as is.
pub fn nl_dialect(csv_tekst: &[u8]) -> Resultaat<Vec<u8>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_tekst);
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    for rec in r.records() {
        let rec = rec.map_err(|e| Fout::Tabel(e.to_string()))?;
        let velden: Vec<String> = rec
            .iter()
            .map(|v| {
                if v.parse::<Decimal>().is_ok() {
                    v.replace('.', ",")
                } else {
                    v.to_string()
                }
            })
            .collect();
        w.write_record(&velden)
            .map_err(|e| Fout::Tabel(e.to_string()))?;
    }
    w.into_inner().map_err(|e| Fout::Tabel(e.to_string()))
}

/// Every table of `output/<naam>/` as (file stem, table), in file order: the CSV files and, with
/// `--parquet`, the Parquet files are renderings of these.
pub fn tabellen(run: &crate::Run) -> Vec<(String, Tabel)> {
    makers(run)
        .into_iter()
        .map(|(n, maak)| (n, maak().tabel()))
        .collect()
}

/// A table of `output/<naam>/`, made when called.
type Maak<'a> = Box<dyn Fn() -> Gemaakt<'a> + Send + Sync + 'a>;

/// A made table: whole, or (a row per ledger line) its rows made as they are written.
enum Gemaakt<'a> {
    Tabel(Tabel),
    Rijen(rapport::tabel::Rijen<'a>),
}

/// The maker of a table made whole.
fn heel<'a>(maak: impl Fn() -> Tabel + Send + Sync + 'a) -> Maak<'a> {
    Box::new(move || Gemaakt::Tabel(maak()))
}

impl Gemaakt<'_> {
    fn tabel(self) -> Tabel {
        match self {
            Gemaakt::Tabel(t) => t,
            Gemaakt::Rijen(r) => r.tabel(),
        }
    }
}

/// [`tabellen`], each made when called: `bestanden` makes, renders and drops one table at a
/// time (at 10.000 gemeenten the tables together hold millions of cells). Long by design: the
/// list of every CSV file of a run, one entry each.
fn makers(run: &crate::Run) -> Vec<(String, Maak<'_>)> {
    let (u, d) = (&run.uitkomst, &run.gegevens);
    let naam = &run.scenario.naam;
    let jaren = || -> Vec<i32> { run.scenario.instellingen.jaren().collect() };
    let mut t: Vec<(String, Maak)> = vec![
        (
            "begroting".to_string(),
            Box::new(move || Gemaakt::Rijen(rapport::grootboek::rijen(naam, &run.ledger, d))),
        ),
        (
            "saldo".to_string(),
            heel(move || rapport::grootboek::saldo(u, d)),
        ),
        (
            "afrekening".to_string(),
            heel(move || rapport::afrekening::tabel(naam, d, &run.afrekening)),
        ),
        (
            "kasstroom".to_string(),
            heel(move || rapport::kasstroom::tabel(naam, d, &run.kasstroom, &jaren())),
        ),
        (
            "balans".to_string(),
            heel(move || rapport::balans::tabel(naam, d, &run.balans)),
        ),
        (
            "regio_begroting".to_string(),
            heel(move || rapport::uitvoering::begroting(naam, d, &run.ledger, &run.regio)),
        ),
        (
            "bijdragen".to_string(),
            heel(move || rapport::uitvoering::bijdragen(naam, d, &run.ledger, &run.regio)),
        ),
        (
            "uitvoering".to_string(),
            Box::new(move || {
                Gemaakt::Rijen(rapport::uitvoering::regels_rijen(naam, d, &run.ledger))
            }),
        ),
        (
            "lasten_per_uitvoerder".to_string(),
            heel(move || rapport::uitvoering::lasten(naam, d, &run.ledger, &jaren())),
        ),
        (
            "uitgangspunten".to_string(),
            heel(move || rapport::uitgangspunten::tabel(&run.scenario)),
        ),
        (
            "verschillen".to_string(),
            heel(move || rapport::verschillen::tabel(naam, &run.verschillen)),
        ),
        // Always written, also when empty (header only): "no warnings" is visible.
        (
            "waarschuwingen".to_string(),
            heel(move || rapport::dekking::waarschuwingen(&run.waarschuwingen)),
        ),
        (
            "dekking".to_string(),
            heel(move || rapport::dekking::dekking(d, &run.dekking)),
        ),
    ];
    if run.reserve.is_some() {
        t.push((
            "bestemmingsreserve".to_string(),
            heel(move || rapport::reserve::tabel(d, run.reserve.as_ref())),
        ));
    }
    for o in &u.overzichten {
        t.push((format!("overzicht_{}", o.jaar), heel(move || o.tabel())));
    }
    t
}

/// All files of `output/<naam>/` for a run, in memory (sorted by name): for tests and the
/// benchmark; `raming bereken` writes them as they come with [`schrijf`].
pub fn bestanden(run: &crate::Run) -> Resultaat<Vec<(String, Vec<u8>)>> {
    struct Geheugen(std::sync::Mutex<Vec<(String, Vec<u8>)>>);
    impl Ontvanger for Geheugen {
        fn neem(&self, naam: &str, inhoud: &[u8]) -> Resultaat<()> {
            let mut b = self.0.lock().unwrap_or_else(|e| e.into_inner());
            b.push((naam.to_string(), inhoud.to_vec()));
            Ok(())
        }
    }
    let g = Geheugen(Default::default());
    schrijf(run, &g)?;
    let mut b = g.0.into_inner().unwrap_or_else(|e| e.into_inner());
    b.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(b)
}

/// Renders every file of `output/<naam>/` for a run and hands each to `o` as soon as it is
/// made (into the temporary output folder: see [`schrijf_map_met`]), so no more than the
/// tables in the making are in memory.
pub fn schrijf(run: &crate::Run, o: &dyn Ontvanger) -> Resultaat<()> {
    use rayon::prelude::*;
    let tabellen = || {
        // Each table made, written (CSV, and Parquet on request) and dropped on its own.
        makers(run).into_par_iter().try_for_each(|(n, maak)| {
            let naam = format!("{n}.csv");
            let t = match maak() {
                // Written row by row as they are made, unless another rendering needs the
                // whole table.
                Gemaakt::Rijen(r) if !run.scenario.csv_nl && !run.scenario.parquet => {
                    let mut r = Some(r);
                    return o.neem_stroom(&naam, &mut |w| match r.take() {
                        Some(r) => rijen_csv_naar(&r.kolommen, r.rijen, w).map(|_| ()),
                        None => Ok(()),
                    });
                }
                t => t.tabel(),
            };
            if run.scenario.csv_nl {
                let b = tabel_csv(&t)?;
                o.neem(&naam, &b)?;
                o.neem(&format!("excel-nl/{naam}"), &nl_dialect(&b)?)?;
            } else {
                o.neem_stroom(&naam, &mut |w| tabel_csv_naar(&t, w).map(|_| ()))?;
            }
            if run.scenario.parquet {
                let pq = parquet::tabel_parquet(&t)?;
                o.neem(&format!("parquet/{n}.parquet"), &pq)?;
            }
            Resultaat::Ok(())
        })
    };
    let grafieken = || -> Resultaat<()> {
        if !run.scenario.grafieken {
            return Ok(());
        }
        // The per-year charts only on request (`--alle-grafieken`).
        let grafieken: Vec<grafiek::Grafiek> = grafiek::voor_run(run)
            .into_iter()
            .filter(|g| run.scenario.alle_grafieken || !grafiek::is_jaargrafiek(g))
            .collect();
        // Each chart's files are handed over as soon as it is drawn.
        grafieken.par_iter().try_for_each(|g| {
            grafiek::bestanden_van(g)?
                .iter()
                .try_for_each(|(n, b)| o.neem(n, b))
        })
    };
    // The workbook's sheets (the largest piece of work: a national run writes half a million
    // cells) start first; its save (a serial zip) starts as soon as they are made. The charts
    // and then the CSV tables fill the gaps on both threads.
    let (xlsx, (grafieken, tabellen)) = werkboek::begroting_naast(
        run,
        |b| {
            let mut b = Some(b);
            o.neem_stroom("begroting.xlsx", &mut |w| match b.take() {
                Some(b) => b.bewaar(w),
                None => Ok(()),
            })
        },
        || {
            let g = grafieken();
            (g, tabellen())
        },
    );
    xlsx?;
    grafieken?;
    tabellen
}

pub use schrijven::{MARKERING, Ontvanger, schrijf_bestand, schrijf_map, schrijf_map_met};

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    /// Plain records through the same dialect: the reference the table writer is held to.
    fn csv_bytes(kop: &[&str], rijen: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
        let mut w = schrijver_naar(Vec::new());
        w.write_record(kop).unwrap();
        for r in rijen {
            w.write_record(&r).unwrap();
        }
        w.into_inner().unwrap()
    }

    /// `tabel_csv` writes cells straight into the writer; the text must stay what `cel_machine`
    /// gives for every kind of cell (negative zero, formula-like text, quotes, empty cells).
    #[test]
    fn csv_cells_are_written_as_cel_machine_writes_them() {
        let mut min_nul = dec!(0.00);
        min_nul.set_sign_negative(true);
        let mut t = Tabel::nieuw(&[("a", "A"), ("b", "B"), ("c", "C")]);
        t.rij(vec![
            Cel::tekst("=SUM(A1)"),
            Cel::Bedrag(dec!(1234.5)),
            Cel::Euro(dec!(-12)),
        ]);
        t.rij(vec![
            Cel::tekst("a \"b\", c"),
            Cel::Bedrag(min_nul),
            Cel::Euro(min_nul),
        ]);
        t.rij(vec![
            Cel::Leeg,
            Cel::Getal(dec!(0.125)),
            Cel::Procent(min_nul),
        ]);
        t.rij(vec![Cel::Geheel(2031), Cel::Leeg, Cel::tekst("-3")]);
        let verwacht = csv_bytes(
            &["a", "b", "c"],
            t.rijen
                .iter()
                .map(|r| r.cellen.iter().map(cel_machine).collect()),
        );
        let uit = tabel_csv(&t).unwrap();
        assert_eq!(
            String::from_utf8(uit).unwrap(),
            String::from_utf8(verwacht).unwrap()
        );
        // A one-column table with an empty cell keeps its row.
        let mut leeg = Tabel::nieuw(&[("a", "A")]);
        leeg.rij(vec![Cel::Leeg]);
        assert_eq!(tabel_csv(&leeg).unwrap(), b"a\r\n\"\"\r\n");
    }
}
