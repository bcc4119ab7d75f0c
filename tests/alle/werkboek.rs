//! Spreadsheet round trip: template → workbook input → import, the results workbook read back
//! with calamine, bad workbooks, formula injection and the Dutch-Excel CSV dialect.

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");

fn raming(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn sjabloon(t: &Path) -> PathBuf {
    ok(&raming(
        &["sjabloon", "--data", DATA, "--uit", "invoer.xlsx"],
        t,
    ));
    t.join("invoer.xlsx")
}

#[test]
fn template_import_round_trip_gives_the_original_files() {
    let t = tempfile::tempdir().unwrap();
    sjabloon(t.path());
    ok(&raming(
        &["importeer", "invoer.xlsx", "--naar", "terug"],
        t.path(),
    ));
    let mut n = 0;
    for e in fs::read_dir(DATA).unwrap() {
        let e = e.unwrap();
        let naam = e.file_name().to_string_lossy().to_string();
        if !naam.ends_with(".csv") {
            continue;
        }
        let terug = fs::read(t.path().join("terug").join(&naam)).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&terug),
            fs::read_to_string(e.path()).unwrap(),
            "{naam}"
        );
        n += 1;
    }
    assert!(n >= 10);
}

#[test]
fn workbook_input_gives_the_same_ledger_as_the_csv_folder() {
    let t = tempfile::tempdir().unwrap();
    sjabloon(t.path());
    let scen = |naam: &str, data: &str| {
        fs::write(
            t.path().join(format!("{naam}.toml")),
            format!("naam = \"{naam}\"\ndata = \"{data}\"\njaren = [2022, 2030]\ninburgeringsvoorzieningen = \"routes\"\n[instroom]\ngroei = 0\n"),
        )
        .unwrap();
    };
    scen("csv", DATA);
    scen("xlsx", "invoer.xlsx");
    ok(&raming(&["bereken", "csv.toml", "--uit", "a"], t.path()));
    ok(&raming(&["bereken", "xlsx.toml", "--uit", "b"], t.path()));
    let lees = |m: &str, f: &str| {
        fs::read_to_string(t.path().join(m).join(f))
            .unwrap()
            .replace("xlsx,", "csv,")
    };
    for f in [
        "begroting.csv",
        "saldo.csv",
        "afrekening.csv",
        "overzicht_2022.csv",
        "overzicht_2030.csv",
    ] {
        assert_eq!(lees("a", f), lees("b", f), "{f}");
    }
}

fn cel_getal(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn results_workbook_matches_the_overview_and_adds_up() {
    let t = tempfile::tempdir().unwrap();
    ok(&raming(
        &[
            "bereken",
            concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/basis.toml"),
            "--uit",
            "uit",
        ],
        t.path(),
    ));
    let csv_tekst = fs::read_to_string(t.path().join("uit/overzicht_2022.csv")).unwrap();
    let mut r = csv::Reader::from_reader(csv_tekst.as_bytes());
    let kop: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rijen: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let mut wb = calamine::open_workbook_auto(t.path().join("uit/begroting.xlsx")).unwrap();
    assert!(wb.sheet_names().iter().any(|s| s == "Saldo"));
    assert!(wb.sheet_names().iter().any(|s| s == "Uitgangspunten"));
    let blad = wb.worksheet_range("2022").unwrap();
    let cellen: Vec<Vec<Data>> = blad.rows().map(|r| r.to_vec()).collect();
    // Header row: post, then the gemeente and group columns of the CSV.
    let kop_rij = cellen
        .iter()
        .position(|r| r.first().is_some_and(|c| *c == "Post"))
        .unwrap();
    for (c, naam) in kop.iter().skip(2).enumerate() {
        assert_eq!(cellen[kop_rij][c + 1].to_string(), *naam);
    }
    for (i, rij) in rijen.iter().enumerate() {
        let x = &cellen[kop_rij + 1 + i];
        assert_eq!(x[0].to_string(), rij[1].to_string());
        for c in 2..rij.len() {
            assert_eq!(
                cel_getal(&x[c - 1]),
                Some(rij[c].parse::<f64>().unwrap()),
                "{} {}",
                &rij[0],
                kop[c]
            );
        }
    }
    // Totals in the sheet equal the sum of the displayed parts.
    let waarde = |post: &str, k: usize| {
        let i = rijen.iter().position(|r| &r[0] == post).unwrap();
        cel_getal(&cellen[kop_rij + 1 + i][k]).unwrap()
    };
    for k in 1..kop.len() - 1 {
        let baten: f64 = ["iu_uitvoering", "spuk"].iter().map(|p| waarde(p, k)).sum();
        assert_eq!(waarde("totaal_baten", k), baten);
        assert_eq!(
            waarde("saldo", k),
            waarde("totaal_baten", k) - waarde("totaal_lasten", k)
        );
    }
}

/// Writes a workbook from the default data and lets `muteer` break it.
fn kapot(muteer: impl Fn(&mut Workbook)) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    muteer(&mut wb);
    wb.save(t.path().join("invoer.xlsx")).unwrap();
    t
}

/// A sheet from a CSV file of the default data, with an optional edit of the text first.
fn blad(wb: &mut Workbook, naam: &str, vervang: Option<(&str, &str)>) {
    let mut tekst = fs::read_to_string(format!("{DATA}/{naam}.csv")).unwrap();
    if let Some((a, b)) = vervang {
        tekst = tekst.replacen(a, b, 1);
    }
    let ws = wb.add_worksheet();
    ws.set_name(naam).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(tekst.as_bytes());
    for (i, rec) in r.records().enumerate() {
        for (c, v) in rec.unwrap().iter().enumerate() {
            match v.parse::<f64>() {
                Ok(f) if i > 0 => ws.write_number(i as u32, c as u16, f).unwrap(),
                _ => ws.write_string(i as u32, c as u16, v).unwrap(),
            };
        }
    }
}

const ALLE: [&str; 4] = [
    "gemeenten",
    "groepen",
    "integratie_uitkering",
    "spuk_beschikking",
];

fn importeer_faalt(t: &tempfile::TempDir, delen: &[&str]) {
    let o = raming(&["importeer", "invoer.xlsx", "--naar", "uit"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for d in delen {
        assert!(err.contains(d), "verwacht '{d}' in: {err}");
    }
    assert!(!t.path().join("uit").exists());
}

#[test]
fn missing_sheet() {
    let t = kapot(|wb| {
        for b in ALLE {
            blad(wb, b, None);
        }
    });
    importeer_faalt(&t, &["invoer.xlsx!formatie", "blad 'formatie' ontbreekt"]);
}

#[test]
fn renamed_column_and_text_in_a_number_column() {
    let t = kapot(|wb| {
        for b in ALLE {
            blad(wb, b, None);
        }
        blad(wb, "formatie", Some(("kosten_per_fte", "kosten per fte")));
    });
    importeer_faalt(
        &t,
        &["invoer.xlsx!formatie, regel 1, kolom kosten_per_fte: kolom ontbreekt"],
    );
    let t = kapot(|wb| {
        for b in ["gemeenten", "groepen", "integratie_uitkering", "formatie"] {
            blad(wb, b, None);
        }
        blad(wb, "spuk_beschikking", Some(("68316", "veel")));
    });
    importeer_faalt(
        &t,
        &[
            "invoer.xlsx!spuk_beschikking, regel 3, kolom bedrag (cel spuk_beschikking!C3)",
            "\"veel\"",
        ],
    );
}

#[test]
fn merged_header_empty_workbook_and_not_a_workbook() {
    let t = kapot(|wb| {
        let ws = wb.add_worksheet();
        ws.set_name("gemeenten").unwrap();
        ws.merge_range(0, 0, 0, 1, "code en naam", &Format::new())
            .unwrap();
        ws.write_string(1, 0, "GM0505").unwrap();
    });
    importeer_faalt(
        &t,
        &[
            "invoer.xlsx!gemeenten",
            "cel gemeenten!A1:B1",
            "samengevoegde cellen",
        ],
    );
    let t = kapot(|wb| {
        wb.add_worksheet();
    });
    importeer_faalt(&t, &["leeg werkboek"]);
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("invoer.xlsx"), "dit is geen werkboek").unwrap();
    importeer_faalt(&t, &["invoer.xlsx", "geen leesbaar Excel-werkboek"]);
}

#[test]
fn workbook_cells_are_read_as_a_controller_means_them() {
    // Numbers as text, a Dutch decimal comma, trailing spaces, Excel float noise, blank rows.
    let t = kapot(|wb| {
        for b in ["gemeenten", "groepen", "formatie", "spuk_beschikking"] {
            blad(wb, b, None);
        }
        let ws = wb.add_worksheet();
        ws.set_name("integratie_uitkering").unwrap();
        for (c, k) in ["gemeente", "jaar", "soort", "bedrag"].iter().enumerate() {
            ws.write_string(0, c as u16, *k).unwrap();
        }
        let rijen: [(&str, &str, &str, f64); 7] = [
            ("GM0482 ", "2022", "uitvoering ", 62814.0 + 7e-12),
            ("Dordrecht", "2022", "uitvoering", 453199.0),
            ("GM0523", "2022", "uitvoering", 51979.0),
            ("GM0531", "2022", "uitvoering", 96887.0),
            ("GM0590", "2022", "uitvoering", 104930.0),
            ("GM0610", "2022", "uitvoering", 80938.0),
            ("GM0642", "2022", "uitvoering", 0.0),
        ];
        for (i, (g, j, s, b)) in rijen.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *g).unwrap();
            ws.write_string(r, 1, *j).unwrap();
            ws.write_string(r, 2, *s).unwrap();
            if *b == 0.0 {
                ws.write_string(r, 3, "156.810,00").unwrap();
            } else {
                ws.write_number(r, 3, *b).unwrap();
            }
        }
    });
    let o = raming(&["importeer", "invoer.xlsx", "--naar", "uit"], t.path());
    ok(&o);
    let iu = fs::read_to_string(t.path().join("uit/integratie_uitkering.csv")).unwrap();
    assert!(iu.contains("GM0482,2022,uitvoering,62814\n"), "{iu}");
    assert!(iu.contains("GM0642,2022,uitvoering,156810.00\n"), "{iu}");
}

/// A copy of the shipped data in `t/data` in which Sliedrecht is called `naam` (as CSV text),
/// in every file that names it, and the scenario `t/s.toml` over it (`scenario`: its settings
/// after `naam` and `data`).
fn sliedrecht_heet(t: &Path, naam: &str, scenario: &str) {
    fs::write(
        t.join("s.toml"),
        format!("naam = \"s\"\ndata = \"data\"\n{scenario}"),
    )
    .unwrap();
    let data = crate::gedeeld::kopie(DATA, t, "data");
    for f in [
        "gemeenten.csv",
        "groepen.csv",
        "formatie.csv",
        "uitvoerders.csv",
    ] {
        let p = data.join(f);
        let tekst = fs::read_to_string(&p)
            .unwrap()
            .replace(",Sliedrecht,", &format!(",{naam},"));
        fs::write(&p, tekst).unwrap();
    }
}

#[test]
fn formula_like_names_are_neutralised_in_csv_and_xlsx() {
    let t = tempfile::tempdir().unwrap();
    sliedrecht_heet(
        t.path(),
        "\"=HYPERLINK(\"\"x\"\")\"",
        "jaren = [2022, 2022]\ncsv = \"nl\"\n",
    );
    ok(&raming(&["bereken", "s.toml", "--uit", "uit"], t.path()));
    let saldo = fs::read_to_string(t.path().join("uit/saldo.csv")).unwrap();
    assert!(saldo.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{saldo}");
    assert!(!saldo.contains(",=HYPERLINK"), "{saldo}");
    let mut wb = calamine::open_workbook_auto(t.path().join("uit/begroting.xlsx")).unwrap();
    let blad = wb.worksheet_range("Saldo").unwrap();
    let namen: Vec<String> = blad
        .rows()
        .filter_map(|r| r.first().map(|c| c.to_string()))
        .collect();
    // The text itself, stored as text with Excel's quote prefix: never a formula.
    assert!(namen.iter().any(|n| n == "=HYPERLINK(\"x\")"), "{namen:?}");
    // The name column holds no formula; the amounts' formulas only point at cells.
    let formules = wb.worksheet_formula("Saldo").unwrap();
    assert!(
        formules
            .used_cells()
            .all(|(_, c, f)| f.is_empty() || c as u32 + formules.start().map_or(0, |s| s.1) > 0),
        "formule in de namenkolom van Saldo"
    );
    assert!(
        formules.rows().flatten().all(|f| !f.contains("HYPERLINK")),
        "naam als formule in Saldo"
    );
    let xml = {
        use std::io::Read;
        let mut z = zip_inhoud(&t.path().join("uit/begroting.xlsx"));
        let mut s = String::new();
        z.read_to_string(&mut s).unwrap();
        s
    };
    assert!(xml.contains("quotePrefix=\"1\""), "geen quotePrefix-opmaak");
    // The Dutch-Excel dialect: BOM, `;`, decimal comma.
    let nl = fs::read(t.path().join("uit/excel-nl/saldo.csv")).unwrap();
    assert!(nl.starts_with("\u{feff}".as_bytes()));
    let nl = String::from_utf8(nl).unwrap();
    assert!(nl.contains("scenario;gemeente;jaar;baten;lasten;saldo"));
    assert!(nl.contains("s;Dordrecht;2022;719007,00;"), "{nl}");
}

#[test]
fn results_are_byte_identical_across_runs() {
    let t = tempfile::tempdir().unwrap();
    let s = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/basis.toml");
    ok(&raming(&["bereken", s, "--uit", "a"], t.path()));
    ok(&raming(&["bereken", s, "--uit", "b"], t.path()));
    assert_eq!(
        fs::read(t.path().join("a/begroting.xlsx")).unwrap(),
        fs::read(t.path().join("b/begroting.xlsx")).unwrap()
    );
    ok(&raming(
        &["sjabloon", "--data", DATA, "--uit", "a.xlsx"],
        t.path(),
    ));
    ok(&raming(
        &["sjabloon", "--data", DATA, "--uit", "b.xlsx"],
        t.path(),
    ));
    assert_eq!(
        fs::read(t.path().join("a.xlsx")).unwrap(),
        fs::read(t.path().join("b.xlsx")).unwrap()
    );
    // An existing workbook (a controller's input) is never overwritten.
    let o = raming(&["sjabloon", "--data", DATA, "--uit", "a.xlsx"], t.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bestaat al"));
}

/// The styles part of an xlsx file.
fn zip_inhoud(pad: &Path) -> std::io::Cursor<Vec<u8>> {
    let bytes = fs::read(pad).unwrap();
    let mut archief = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = archief.by_name("xl/styles.xml").unwrap();
    let mut uit = Vec::new();
    std::io::copy(&mut f, &mut uit).unwrap();
    std::io::Cursor::new(uit)
}

#[test]
fn workbook_text_thousands_and_sheets_from_a_dutch_excel_folder() {
    // A folder saved by Dutch Excel (`;`, BOM, decimal comma) gives a correct template.
    let t = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(DATA, t.path(), "nl");
    fs::write(
        data.join("formatie.csv"),
        "\u{feff}post;omschrijving;fte;kosten_per_fte;jaar_van;jaar_tot;sleutel;deelnemers\nprocesregie;proces regisseur;4,0;€ 94.000;2022;2030;iu_uitvoering;SDD-mandaat\n",
    )
    .unwrap();
    fs::write(
        data.join("realisatie.csv"),
        "gemeente,jaar,post,bedrag,bron\nGM0505,2022,procesregie,200000,grootboek\n",
    )
    .unwrap();
    ok(&raming(
        &["sjabloon", "--data", "nl", "--uit", "nl.xlsx"],
        t.path(),
    ));
    ok(&raming(
        &["importeer", "nl.xlsx", "--naar", "terug"],
        t.path(),
    ));
    let f = fs::read_to_string(t.path().join("terug/formatie.csv")).unwrap();
    assert!(
        f.contains("procesregie,proces regisseur,4,94000,2022,2030,iu_uitvoering,SDD-mandaat"),
        "{f}"
    );
    // Actuals travel through the workbook too.
    let r = fs::read_to_string(t.path().join("terug/realisatie.csv")).unwrap();
    assert!(
        r.contains("GM0505,2022,procesregie,200000,grootboek"),
        "{r}"
    );
}

#[test]
fn checks_after_reading_also_name_the_cell() {
    let t = kapot(|wb| {
        for b in ALLE {
            blad(wb, b, None);
        }
        blad(
            wb,
            "formatie",
            Some((
                "procesregie,proces regisseur,4,",
                "procesregie,proces regisseur,-4,",
            )),
        );
    });
    importeer_faalt(
        &t,
        &[
            "invoer.xlsx!formatie, regel 2, kolom fte (cel formatie!C2)",
            "negatief",
        ],
    );
}

/// The workbook's sheets are made in two lanes (the sheets with the shared string table beside
/// the other streamed sheets, which write their texts inline); formats and texts are numbered
/// the same way whatever the threads do. Formula-like names make the ledger sheet and
/// the others use the quote-prefix format at the same time.
#[test]
fn the_workbook_is_the_same_file_for_any_number_of_threads() {
    let t = tempfile::tempdir().unwrap();
    sliedrecht_heet(
        t.path(),
        "\"-Sliedrecht\"",
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    let mut bestanden = Vec::new();
    for (i, threads) in ["1", "2", "2", "3", "8"].iter().enumerate() {
        let uit = format!("uit{i}");
        let o = Command::new(env!("CARGO_BIN_EXE_raming"))
            .args(["bereken", "s.toml", "--uit", &uit, "--geen-grafieken"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(t.path())
            .output()
            .unwrap();
        ok(&o);
        bestanden.push(fs::read(t.path().join(&uit).join("begroting.xlsx")).unwrap());
    }
    // The texts are in the workbook: the quote prefix marks the formula-like name.
    let mut wb = calamine::open_workbook_auto(t.path().join("uit0/begroting.xlsx")).unwrap();
    let grootboek = wb.worksheet_range("Grootboek").unwrap();
    assert!(grootboek.rows().any(|r| r[1] == "-Sliedrecht"));
    for (i, b) in bestanden.iter().enumerate().skip(1) {
        assert!(b == &bestanden[0], "run {i} gave another workbook");
    }
}
