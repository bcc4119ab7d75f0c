//! `begroting.xlsx` ready to print and to trace: every overview total is a formula over the
//! displayed cells whose cached value equals that sum (read with calamine, as readers that do not
//! recalculate see it), and printed with LibreOffice each year sheet fits on one A4 landscape
//! page. The LibreOffice test returns with a notice when `soffice` is not installed (`.ci/run`
//! installs it).

use calamine::{Data, Range, Reader};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/basis.toml");

fn raming(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RAMING_DATUM")
        .output()
        .unwrap()
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn bereken(t: &Path, extra: &[&str]) -> std::path::PathBuf {
    let mut args = vec!["bereken", SCENARIO, "--uit", "uit", "--geen-grafieken"];
    args.extend(extra);
    ok(&raming(&args, t));
    t.join("uit/begroting.xlsx")
}

fn getal(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        Data::Empty => 0.0,
        x => panic!("geen getal: {x:?}"),
    }
}

/// Zero-based (row, column) of an `A1` address.
fn adres(a: &str) -> (u32, u32) {
    let a = a.trim_start_matches('$');
    let letters: String = a.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let rij: u32 = a[letters.len()..].trim_start_matches('$').parse().unwrap();
    let kolom = letters.chars().fold(0u32, |k, c| {
        k * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    (rij - 1, kolom - 1)
}

/// The value of one of our formulas computed from the cached values of the cells it names:
/// `SUM(B5:B7,D5)`, `B8-B16` or `'2022'!C25`.
fn reken(f: &str, blad: &Range<Data>, bladen: &dyn Fn(&str) -> Range<Data>) -> f64 {
    let f = f.trim_start_matches('=');
    if let Some(binnen) = f.strip_prefix("SUM(").and_then(|x| x.strip_suffix(')')) {
        binnen
            .split(',')
            .map(|deel| match deel.split_once(':') {
                Some((a, b)) => {
                    let ((r0, c0), (r1, c1)) = (adres(a), adres(b));
                    let mut s = 0.0;
                    for r in r0..=r1 {
                        for c in c0..=c1 {
                            s += getal(blad.get_value((r, c)).unwrap_or(&Data::Empty));
                        }
                    }
                    s
                }
                None => getal(blad.get_value(adres(deel)).unwrap()),
            })
            .sum()
    } else if let Some((naam, cel)) = f.split_once('!') {
        let ander = bladen(naam.trim_matches('\''));
        getal(ander.get_value(adres(cel)).unwrap())
    } else if let Some((a, b)) = f.split_once('-') {
        getal(blad.get_value(adres(a)).unwrap()) - getal(blad.get_value(adres(b)).unwrap())
    } else {
        panic!("onbekende formule {f}")
    }
}

#[test]
fn overview_totals_are_formulas_whose_cached_value_is_the_sum_of_the_displayed_parts() {
    let t = tempfile::tempdir().unwrap();
    let pad = bereken(t.path(), &[]);
    let mut wb = calamine::open_workbook_auto(&pad).unwrap();
    let namen = wb.sheet_names();
    let jaren: Vec<String> = namen
        .iter()
        .filter(|n| n.parse::<i32>().is_ok())
        .cloned()
        .collect();
    assert_eq!(jaren.len(), 9, "{namen:?}");
    let mut waarden = std::collections::HashMap::new();
    for n in jaren.iter().chain(["Saldo".to_string()].iter()) {
        waarden.insert(n.clone(), wb.worksheet_range(n).unwrap());
    }
    let bladen = |n: &str| waarden[n].clone();
    let mut gezien = std::collections::BTreeMap::<&str, usize>::new();
    for n in jaren.iter().chain(["Saldo".to_string()].iter()) {
        let formules = wb.worksheet_formula(n).unwrap();
        let blad = &waarden[n];
        for (r, c, f) in formules.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (r, c) = (
                r as u32 + formules.start().unwrap().0,
                c as u32 + formules.start().unwrap().1,
            );
            let getoond = getal(blad.get_value((r, c)).unwrap());
            assert_ne!(c, 0, "{n}: formule in de namenkolom");
            let som = reken(f, blad, &bladen);
            assert_eq!(getoond, som, "{n} rij {} kolom {c}: {f}", r + 1);
            let label = blad
                .get_value((r, 0))
                .map(|d| d.to_string())
                .unwrap_or_default();
            let soort = if label.starts_with("Totaal") {
                "totaal"
            } else if label.starts_with("Saldo") {
                "saldo"
            } else if n == "Saldo" {
                "saldoblad"
            } else {
                "groep"
            };
            *gezien.entry(soort).or_default() += 1;
        }
    }
    // Per year sheet 9 columns × (2 totals + saldo); the Saldo sheet: 9 names × 9 years.
    assert_eq!(gezien["totaal"], 9 * 9 * 2, "{gezien:?}");
    assert_eq!(gezien["saldo"], 9 * 9, "{gezien:?}");
    assert_eq!(gezien["saldoblad"], 9 * 9, "{gezien:?}");
    assert!(gezien["groep"] > 0, "{gezien:?}");
    // A zero is shown as a dash, negative in red, in the overview sheets.
    let xml = {
        let f = fs::File::open(&pad).unwrap();
        let mut z = zip::ZipArchive::new(f).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("xl/styles.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert!(
        xml.contains("formatCode=\"€ #,##0;[Red]€ -#,##0;&quot;–&quot;\""),
        "{xml}"
    );
}

/// The page setup of every sheet, as written in the file: A4 landscape, one page wide, a footer
/// with the scenario and page x of y (and the date only when one is passed in), frozen panes.
#[test]
fn every_sheet_has_a_page_setup_footer_and_frozen_panes() {
    let t = tempfile::tempdir().unwrap();
    let pad = bereken(t.path(), &["--datum", "2026-12-01"]);
    let f = fs::File::open(&pad).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let namen: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    assert!(namen.len() >= 15, "{namen:?}");
    for n in &namen {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut z.by_name(n).unwrap(), &mut xml).unwrap();
        assert!(xml.contains("paperSize=\"9\""), "{n}: geen A4");
        assert!(
            xml.contains("orientation=\"landscape\""),
            "{n}: niet liggend"
        );
        assert!(
            xml.contains("fitToHeight=\"0\"") && xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "{n}: niet op paginabreedte"
        );
        assert!(
            xml.contains("scenario basis&amp;C1 december 2026&amp;Rpagina &amp;P van &amp;N"),
            "{n}: voettekst"
        );
        assert!(
            xml.contains("state=\"frozen\""),
            "{n}: geen vaste kopregels"
        );
    }
    let mut wb = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/workbook.xml").unwrap(), &mut wb).unwrap();
    assert!(wb.contains("_xlnm.Print_Titles"), "{wb}");
    // Without a date: no date, and nothing from the clock.
    let t2 = tempfile::tempdir().unwrap();
    let zonder = bereken(t2.path(), &[]);
    let mut z = zip::ZipArchive::new(fs::File::open(&zonder).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("scenario basis&amp;C&amp;Rpagina"), "{xml}");
    assert!(!xml.contains("&amp;D"));
}

fn programma(naam: &str, versie: &str) -> bool {
    Command::new(naam)
        .arg(versie)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn libreoffice_prints_each_year_sheet_on_one_a4_landscape_page() {
    if !programma("soffice", "--version") || !programma("pdfinfo", "-v") {
        eprintln!(
            "soffice of pdfinfo ontbreekt: afdruktest overgeslagen (installeer libreoffice-calc-nogui en poppler-utils)"
        );
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let pad = bereken(t.path(), &["--datum", "2026-12-01"]);
    let profiel = t.path().join("profiel");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profiel.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(t.path())
        .arg(&pad)
        .output()
        .unwrap();
    let pdf = t.path().join("begroting.pdf");
    assert!(
        pdf.is_file(),
        "geen PDF: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let paginas: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // A4 landscape: 841.89 × 595.28 pt.
    assert!(
        info.contains("841.89 x 595.") && info.contains("(A4)"),
        "{info}"
    );
    let teksten: Vec<String> = (1..=paginas)
        .map(|p| {
            let o = Command::new("pdftotext")
                .args(["-f", &p.to_string(), "-l", &p.to_string(), "-layout"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).to_string()
        })
        .collect();
    for jaar in 2022..=2030 {
        // The title row repeats on every page of the sheet: it names the sheet's pages.
        let titel = format!("Lasten en baten inburgering {jaar} — scenario basis");
        let op: Vec<usize> = teksten
            .iter()
            .enumerate()
            .filter(|(_, t)| t.contains(&titel))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(op.len(), 1, "{jaar} staat op pagina's {op:?}");
        let tekst = &teksten[op[0] - 1];
        // Whole: every gemeente header, the saldo row and the footer.
        for naam in [
            "Hardinxveld-Giessendam",
            "Hendrik-Ido-Ambacht",
            "SDD-mandaat",
        ] {
            assert!(
                tekst.contains(naam),
                "{jaar}: {naam} ontbreekt of is afgekapt"
            );
        }
        assert!(tekst.contains(&format!("Saldo {jaar}")), "{jaar}");
        assert!(
            tekst.contains(&format!("pagina {} van {paginas}", op[0])),
            "{jaar}: voettekst\n{tekst}"
        );
        assert!(tekst.contains("1 december 2026"), "{jaar}: datum");
    }
    // The Saldo sheet, too, on one page.
    let saldo = teksten
        .iter()
        .filter(|t| t.contains("Saldo per jaar (baten − lasten) — scenario basis"))
        .count();
    assert_eq!(saldo, 1);
}

/// The ledger sheet is streamed through a temporary file; without a usable temp folder the
/// workbook is built in memory and holds the same cells.
#[test]
fn the_workbook_is_the_same_without_a_usable_temp_folder() {
    let t = tempfile::tempdir().unwrap();
    let gewoon = bereken(t.path(), &[]);
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(["bereken", SCENARIO, "--uit", "zonder", "--geen-grafieken"])
        .current_dir(t.path())
        .env_remove("RAMING_DATUM")
        .env("TMPDIR", t.path().join("bestaat-niet"))
        .output()
        .unwrap();
    ok(&o);
    let cellen = |pad: &Path| -> Vec<(String, Vec<Vec<String>>)> {
        let mut wb = calamine::open_workbook_auto(pad).unwrap();
        wb.sheet_names()
            .into_iter()
            .map(|n| {
                let r = wb.worksheet_range(&n).unwrap();
                let rijen = r
                    .rows()
                    .map(|rij| rij.iter().map(|c| c.to_string()).collect())
                    .collect();
                (n, rijen)
            })
            .collect()
    };
    let a = cellen(&gewoon);
    let grootboek = &a.iter().find(|(n, _)| n == "Grootboek").unwrap().1;
    assert!(grootboek.len() > 100, "{} rijen", grootboek.len());
    assert_eq!(grootboek[0][6], "bedrag");
    assert_eq!(a, cellen(&t.path().join("zonder/begroting.xlsx")));
}
