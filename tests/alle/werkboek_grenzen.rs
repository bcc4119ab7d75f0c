//! Issue 16 item 1: no workbook makes the process abort or allocate without bound. Sheets are
//! read from their actual cells, only input sheets are read, and a zip bomb is refused before
//! anything is unpacked.

use rust_xlsxwriter::Workbook;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");

/// The shipped data folder as a workbook: one sheet per CSV file, numbers as numbers.
fn werkboek(extra: impl FnOnce(&mut Workbook)) -> Workbook {
    let mut wb = Workbook::new();
    let mut namen: Vec<_> = fs::read_dir(DATA)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    namen.sort();
    for p in namen {
        let blad = wb.add_worksheet();
        blad.set_name(p.file_stem().unwrap().to_str().unwrap())
            .unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&p)
            .unwrap();
        for (i, rec) in r.records().enumerate() {
            for (j, v) in rec.unwrap().iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(x) if i > 0 => blad.write_number(i as u32, j as u16, x).unwrap(),
                    _ => blad.write_string(i as u32, j as u16, v).unwrap(),
                };
            }
        }
    }
    extra(&mut wb);
    wb
}

fn controleer(dir: &Path, werkboek: &str) -> std::process::Output {
    fs::write(
        dir.join("s.toml"),
        format!(
            "naam = \"s\"\ndata = \"{werkboek}\"\njaren = [2022, 2030]\n[instroom]\ngroei = 0\n"
        ),
    )
    .unwrap();
    Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(["controleer", "s.toml"])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_far_cell_on_an_explanation_sheet_is_ignored() {
    let t = tempfile::tempdir().unwrap();
    let mut wb = werkboek(|wb| {
        let b = wb.add_worksheet();
        b.set_name("Toelichting").unwrap();
        b.write_string(0, 0, "uitleg").unwrap();
        b.write_string(1_048_575, 16_383, "ver weg").unwrap();
    });
    wb.save(t.path().join("in.xlsx")).unwrap();
    let o = controleer(t.path(), "in.xlsx");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("In orde"));
}

#[test]
fn a_far_cell_on_an_input_sheet_is_refused_with_the_cell_named() {
    let t = tempfile::tempdir().unwrap();
    let mut wb = werkboek(|_| {});
    wb.worksheet_from_name("instroom")
        .unwrap()
        .write_string(99_999, 16_383, "x")
        .unwrap();
    wb.save(t.path().join("in.xlsx")).unwrap();
    let o = controleer(t.path(), "in.xlsx");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("in.xlsx"), "{err}");
    assert!(err.contains("blad 'instroom'"), "{err}");
    assert!(err.contains("XFD100000"), "{err}");
    assert!(!err.contains("memory allocation"), "{err}");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let t = tempfile::tempdir().unwrap();
    let pad = t.path().join("bom.xlsx");
    let mut z = zip::ZipWriter::new(fs::File::create(&pad).unwrap());
    let opties = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("xl/worksheets/sheet1.xml", opties).unwrap();
    let nullen = vec![b' '; 1 << 20];
    for _ in 0..(raming::invoer::werkboek::MAX_UITGEPAKT >> 20) + 1 {
        z.write_all(&nullen).unwrap();
    }
    z.finish().unwrap();
    assert!(fs::metadata(&pad).unwrap().len() < 2_000_000);
    let o = controleer(t.path(), "bom.xlsx");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("bom.xlsx"), "{err}");
    assert!(err.contains("meer dan de 200 MB"), "{err}");
}
