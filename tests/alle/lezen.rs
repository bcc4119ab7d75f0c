//! Reading numbers and text the same way from every source (issue 10, items 7 and 9): the three
//! number notations (comma CSV, Dutch `;` CSV, workbook text cells), exact percentages in a
//! scenario, a decimal comma in a scenario, invalid UTF-8 and misspelt names.

use raming::fout::Fout;
use raming::gegevens::Gegevens;
use raming::instroom::Doelgroep;
use raming::invoer::{Behoefte, laad};
use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");

/// What `bereken` with instroom needs: instroom.csv is read and required.
const MET_INSTROOM: Behoefte = Behoefte {
    spuk_beschikking: false,
    routes: false,
    prognose: true,
};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A copy of the default data in a temporary folder.
fn kopie() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let map = crate::gedeeld::kopie(DATA, t.path(), "data");
    (t, map)
}

fn vervang(pad: &Path, van: &str, naar: &str) {
    let t = fs::read_to_string(pad).unwrap();
    assert!(t.contains(van), "{van} niet in {}", pad.display());
    fs::write(pad, t.replacen(van, naar, 1)).unwrap();
}

fn fout(r: Result<Gegevens, Fout>) -> String {
    match r {
        Ok(_) => panic!("verwacht een fout, maar de invoer werd aanvaard"),
        Err(e) => e.to_string(),
    }
}

/// Heads in instroom for a gemeente (code), year and doelgroep.
fn aantal(d: &Gegevens, code: &str, jaar: i32, dg: Doelgroep) -> Decimal {
    let g = d.gemeenten.zoek(code).unwrap();
    let r: Vec<_> = d
        .instroom
        .regels
        .iter()
        .filter(|r| r.gemeente == g && r.jaar == jaar && r.doelgroep == dg)
        .collect();
    assert_eq!(r.len(), 1, "{code} {jaar} {dg:?}");
    r[0].aantal
}

// ---------------------------------------------------------------- CSV and workbook numbers

#[test]
fn comma_csv_reads_a_point_as_the_decimal_point_and_refuses_a_comma() {
    let (_t, map) = kopie();
    let instroom = map.join("instroom.csv");
    vervang(
        &instroom,
        "GM0505,2022,asiel,44,",
        "GM0505,2022,asiel,1.50,",
    );
    let d = laad(&map, MET_INSTROOM).unwrap();
    assert_eq!(aantal(&d, "GM0505", 2022, Doelgroep::Asiel), dec("1.5"));
    assert_eq!(aantal(&d, "GM0505", 2022, Doelgroep::Gezin), dec("48"));

    // A point with three digits after it is how a Dutch reader writes thousands: refused with
    // both readings, never read as 1.5 (a thousand times too small if 1500 was meant).
    vervang(
        &instroom,
        "GM0505,2022,asiel,1.50,",
        "GM0505,2022,asiel,1.500,",
    );
    let e = fout(laad(&map, MET_INSTROOM));
    assert!(
        e.contains(
            "instroom.csv, regel 2, kolom aantal: waarde \"1.500\" is dubbelzinnig: bedoelt u \
             1500 of 1,5?"
        ) && e.contains("schrijf 1500 of 1.5"),
        "{e}"
    );

    // A quoted comma is not read as either a decimal or a thousands separator.
    vervang(
        &instroom,
        "GM0505,2022,asiel,1.500,",
        "GM0505,2022,asiel,\"1,5\",",
    );
    vervang(
        &instroom,
        "GM0505,2022,gezin,48,",
        "GM0505,2022,gezin,\"1,500\",",
    );
    let e = fout(laad(&map, MET_INSTROOM));
    assert!(
        e.contains(
            "instroom.csv, regel 2, kolom aantal: waarde \"1,5\" bevat een komma; in een CSV met \
             komma's als scheidingsteken is de punt het decimaalteken en staat er geen \
             duizendtalscheiding: schrijf 1.5"
        ),
        "{e}"
    );
    assert!(
        e.contains("instroom.csv, regel 3, kolom aantal: waarde \"1,500\" bevat een komma")
            && e.contains("schrijf 1500 of 1.5"),
        "{e}"
    );
}

/// The default `instroom.csv` in the Dutch-Excel dialect (`;`, BOM) in `map`, with `aantal` of
/// the first two rows replaced.
fn instroom_nl(map: &Path, eerste: &str, tweede: &str) {
    let pad = map.join("instroom.csv");
    let tekst = fs::read_to_string(Path::new(DATA).join("instroom.csv")).unwrap();
    let mut r = csv::Reader::from_reader(tekst.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(r.headers().unwrap()).unwrap();
    for (i, rec) in r.records().enumerate() {
        let mut v: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        match i {
            0 => v[3] = eerste.into(),
            1 => v[3] = tweede.into(),
            _ => {}
        }
        w.write_record(&v).unwrap();
    }
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(w.into_inner().unwrap());
    fs::write(pad, bytes).unwrap();
}

#[test]
fn semicolon_csv_reads_dutch_notation_and_refuses_a_lone_point() {
    let (_t, map) = kopie();
    instroom_nl(&map, "1.500", "2,5");
    let d = laad(&map, MET_INSTROOM).unwrap();
    assert_eq!(aantal(&d, "GM0505", 2022, Doelgroep::Asiel), dec("1500"));
    assert_eq!(aantal(&d, "GM0505", 2022, Doelgroep::Gezin), dec("2.5"));

    instroom_nl(&map, "1.234,5", "€ 12");
    let d = laad(&map, MET_INSTROOM).unwrap();
    assert_eq!(aantal(&d, "GM0505", 2022, Doelgroep::Asiel), dec("1234.5"));
    assert_eq!(aantal(&d, "GM0505", 2022, Doelgroep::Gezin), dec("12"));

    instroom_nl(&map, "1.5", "0.500");
    let e = fout(laad(&map, MET_INSTROOM));
    assert!(
        e.contains(
            "instroom.csv, regel 2, kolom aantal: waarde \"1.5\" is dubbelzinnig: in een CSV met \
             puntkomma's is de komma het decimaalteken en de punt alleen duizendtalscheiding; \
             schrijf 1,5"
        ),
        "{e}"
    );
    // A leading zero is no thousands grouping: refused, not read as 500.
    assert!(
        e.contains("instroom.csv, regel 3, kolom aantal: waarde \"0.500\" is dubbelzinnig"),
        "{e}"
    );
}

/// A workbook with every table of the default data (numbers as number cells), where `instroom`
/// has text cells in `aantal` for its first data rows.
fn werkboek(tekst_aantal: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let mut namen: Vec<String> = fs::read_dir(DATA)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    namen.sort();
    for naam in namen {
        let stam = naam.trim_end_matches(".csv");
        let tekst = fs::read_to_string(Path::new(DATA).join(&naam)).unwrap();
        let ws = wb.add_worksheet();
        ws.set_name(stam).unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(tekst.as_bytes());
        for (i, rec) in r.records().enumerate() {
            for (c, v) in rec.unwrap().iter().enumerate() {
                let (i, c16) = (i as u32, c as u16);
                let tekstcel = (stam == "instroom" && c == 3 && i > 0)
                    .then(|| tekst_aantal.get(i as usize - 1))
                    .flatten();
                match (tekstcel, v.parse::<f64>()) {
                    (Some(t), _) => ws.write_string(i, c16, *t).unwrap(),
                    (None, Ok(f)) if i > 0 => ws.write_number(i, c16, f).unwrap(),
                    _ => ws.write_string(i, c16, v).unwrap(),
                };
            }
        }
    }
    let pad = t.path().join("invoer.xlsx");
    wb.save(&pad).unwrap();
    (t, pad)
}

#[test]
fn workbook_text_cell_1500_is_ambiguous_and_names_the_cell() {
    let (_t, pad) = werkboek(&["1.500", "48", "1,500"]);
    let e = fout(laad(&pad, MET_INSTROOM));
    assert!(
        e.contains(
            "invoer.xlsx!instroom, regel 2, kolom aantal (cel instroom!D2): waarde \"1.500\" is \
             dubbelzinnig: bedoelt u 1500 of 1,5? Schrijf 1500 of 1,5 (of zet de cel als getal)"
        ),
        "{e}"
    );
    assert!(
        e.contains(
            "invoer.xlsx!instroom, regel 4, kolom aantal (cel instroom!D4): waarde \"1,500\" is \
             dubbelzinnig: bedoelt u 1500 of 1,5?"
        ),
        "{e}"
    );
    // One message per cell: the mark that keeps the cell from passing is never shown.
    assert_eq!(e.matches("cel instroom!D2").count(), 1, "{e}");
    assert!(!e.contains("1.500?"), "{e}");
    assert!(!e.contains("regel 3"), "{e}");
}

#[test]
fn workbook_text_cells_with_one_reading_are_read_in_either_notation() {
    let (_t, pad) = werkboek(&["1.234,5", "1,234.5", "2,5", "2.25", " 12 ", "1.234.567"]);
    let d = laad(&pad, MET_INSTROOM).unwrap();
    let rijen: Vec<Decimal> = d.instroom.regels.iter().take(6).map(|r| r.aantal).collect();
    assert_eq!(
        rijen,
        ["1234.5", "1234.5", "2.5", "2.25", "12", "1234567"].map(dec)
    );
    // The same data as number cells, for contrast: the seventh row is untouched.
    let csv = laad(Path::new(DATA), MET_INSTROOM).unwrap();
    assert_eq!(d.instroom.regels[6].aantal, csv.instroom.regels[6].aantal);
}

#[test]
fn workbook_text_that_is_no_number_names_the_cell() {
    let (_t, pad) = werkboek(&["44", "1.2,5"]);
    let e = fout(laad(&pad, MET_INSTROOM));
    assert!(
        e.contains(
            "invoer.xlsx!instroom, regel 3, kolom aantal (cel instroom!D3): waarde \"1.2,5\" is \
             ongeldig; verwacht een aantal personen ≥ 0"
        ),
        "{e}"
    );
}

// ---------------------------------------------------------------- text, names and choices

#[test]
fn invalid_utf8_names_the_row_and_column() {
    let (_t, map) = kopie();
    let pad = map.join("gemeenten.csv");
    let tekst = fs::read_to_string(&pad).unwrap();
    let mut bytes = Vec::new();
    for (i, regel) in tekst.split_inclusive('\n').enumerate() {
        match regel.split_once("Giessendam") {
            // Hardinxveld-Giessendam saved as Windows-1252 with an é.
            Some((voor, na)) if i == 3 => {
                bytes.extend(voor.bytes());
                bytes.extend(b"Gi\xe9ssendam");
                bytes.extend(na.bytes());
            }
            _ => bytes.extend(regel.bytes()),
        }
    }
    assert!(std::str::from_utf8(&bytes).is_err());
    fs::write(&pad, &bytes).unwrap();
    let e = fout(laad(&map, Behoefte::default()));
    assert_eq!(
        e,
        format!(
            "{}, regel 4, kolom naam: geen geldige UTF-8-tekst; sla het bestand op als CSV UTF-8",
            pad.display()
        )
    );
}

#[test]
fn misspelt_gemeente_gets_a_suggestion() {
    let d = laad(Path::new(DATA), Behoefte::default()).unwrap();
    let g = &d.gemeenten;
    assert_eq!(g.suggestie("Dordrect"), Some("Dordrecht"));
    assert_eq!(g.suggestie("dordrecht"), Some("Dordrecht"));
    assert_eq!(g.suggestie("Sliedrekt"), Some("Sliedrecht"));
    assert_eq!(
        g.suggestie("Hardinxveld Giessendam"),
        Some("Hardinxveld-Giessendam")
    );
    assert_eq!(g.suggestie("GM0506"), Some("Dordrecht"));
    assert_eq!(g.suggestie("Rotterdam"), None);
    assert_eq!(g.suggestie("GM9999"), None);
}

#[test]
fn misspelt_choice_gets_a_suggestion() {
    let (_t, map) = kopie();
    let instroom = map.join("instroom.csv");
    vervang(
        &instroom,
        "GM0505,2022,asiel,44,",
        "GM0505,2022, asiel ,44,",
    );
    laad(&map, MET_INSTROOM).unwrap(); // spaces are trimmed
    vervang(
        &instroom,
        "GM0505,2022, asiel ,44,",
        "GM0505,2022,Asiel,44,",
    );
    vervang(&instroom, "GM0505,2022,gezin,48,", "GM0505,2022,gezni,48,");
    let e = fout(laad(&map, MET_INSTROOM));
    assert!(
        e.contains(
            "instroom.csv, regel 2, kolom doelgroep: waarde \"Asiel\" is ongeldig; bedoelde u \
             asiel? Verwacht asiel of gezin"
        ),
        "{e}"
    );
    assert!(
        e.contains("regel 3, kolom doelgroep: waarde \"gezni\" is ongeldig; bedoelde u gezin?"),
        "{e}"
    );
}

// ---------------------------------------------------------------- scenario numbers

/// A scenario file on the default data with `rest` appended; returns the folder and the file.
fn scenario(rest: &str) -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let pad = t.path().join("s.toml");
    fs::write(
        &pad,
        format!(
            "naam = \"s\"\nomschrijving = \"test\"\ndata = \"{DATA}\"\njaren = [2022, 2030]\n{rest}"
        ),
    )
    .unwrap();
    (t, pad)
}

fn scenario_fout(rest: &str) -> String {
    let (_t, pad) = scenario(rest);
    match raming::invoer::scenario::lees(&pad) {
        Ok(_) => panic!("verwacht een fout voor:\n{rest}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn decimal_comma_in_a_scenario_names_line_key_and_the_right_literal() {
    let (t, pad) = scenario(
        "[instroom]\ngroei = 2,5\n[[instroom.factoren]]\nvan = 2023\ntot = 2024\nfactor = 1,5\n",
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_raming"))
        .arg("bereken")
        .arg(&pad)
        .arg("--uit")
        .arg(t.path().join("uit"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let s = pad.display();
    assert!(
        err.contains(&format!(
            "{s}, regel 6, kolom instroom.groei: schrijf 2.5 in plaats van 2,5 (punt als decimaalteken)"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{s}, regel 10, kolom instroom.factoren.factor: schrijf 1.5 in plaats van 1,5 (punt als \
             decimaalteken)"
        )),
        "{err}"
    );
    assert!(!err.contains("TOML") && !err.contains("expected"), "{err}");
    assert!(!t.path().join("uit").exists());

    // The form from the issue: an inline table in an array ("invalid literal string" before).
    let e = scenario_fout("[instroom]\nfactoren = [{ van = 2023, tot = 2024, factor = 1,5 }]\n");
    assert!(
        e.ends_with(
            "s.toml, regel 6, kolom instroom.factoren.factor: schrijf 1.5 in plaats van 1,5 (punt \
             als decimaalteken)"
        ),
        "{e}"
    );
    let e = scenario_fout("routeverdeling = { asiel = { b1 = 45,5, onderwijs = 15, z = 39,5 } }\n");
    assert!(
        e.contains("regel 5, kolom routeverdeling.asiel.b1: schrijf 45.5 in plaats van 45,5")
            && e.contains("regel 5, kolom routeverdeling.asiel.z: schrijf 39.5 in plaats van 39,5"),
        "{e}"
    );
}

#[test]
fn other_toml_errors_in_dutch() {
    let e = scenario_fout("[instroom]\ngroie = 2\n");
    assert!(
        e.contains(
            "s.toml, regel 6, kolom groie: onbekende sleutel 'groie'; bedoelde u groei? Verwacht"
        ),
        "{e}"
    );
    let e = scenario_fout("spuk = \"prognse\"\n");
    assert!(
        e.contains("regel 5, kolom spuk: onbekende waarde 'prognse'; bedoelde u prognose?"),
        "{e}"
    );
    let e = scenario_fout("basisjaar = 2022.5\n");
    assert!(
        e.contains(
            "regel 5, kolom basisjaar: het kommagetal 2022.5 is ongeldig; verwacht een geheel getal"
        ),
        "{e}"
    );
    let e = scenario_fout("spuk = prognose\n");
    assert!(
        e.contains("regel 5, kolom spuk: tekst moet tussen aanhalingstekens staan"),
        "{e}"
    );
}

#[test]
fn route_percentages_are_exact() {
    let e = scenario_fout(
        "routeverdeling = { asiel = { b1 = 45.0000000000000000000000001, onderwijs = 15, z = 40 } }\n",
    );
    assert!(
        e.contains(
            "kolom routeverdeling.asiel: percentages tellen op tot 100.0000000000000000000000001; \
             verwacht samen 100"
        ),
        "{e}"
    );
    let e = scenario_fout(
        "[routeverdeling.gezin]\nb1 = 100.0000000000000000000000001\nonderwijs = 0\nz = 0\n",
    );
    assert!(
        e.contains(
            "kolom routeverdeling.gezin.b1: 100.0000000000000000000000001 is ongeldig; verwacht \
             een percentage tussen 0 en 100"
        ),
        "{e}"
    );

    let (_t, pad) = scenario(
        "[routeverdeling]\nasiel = { b1 = 45.5, onderwijs = 15, z = 39.5 }\n\
         gezin = { b1 = 33.3, onderwijs = 33.3, z = 33.4 }\n",
    );
    let s = raming::invoer::scenario::lees(&pad).unwrap();
    use raming::routeverdeling::Route;
    let mut expliciet = s.instellingen.routes.expliciet.clone();
    expliciet.sort_by_key(|(d, r, _)| (*d as u8, *r as u8));
    assert_eq!(
        expliciet,
        vec![
            (Doelgroep::Asiel, Route::B1, dec("45.5")),
            (Doelgroep::Asiel, Route::Onderwijs, dec("15")),
            (Doelgroep::Asiel, Route::Z, dec("39.5")),
            (Doelgroep::Gezin, Route::B1, dec("33.3")),
            (Doelgroep::Gezin, Route::Onderwijs, dec("33.3")),
            (Doelgroep::Gezin, Route::Z, dec("33.4")),
        ]
    );
}

#[test]
fn factors_indexation_and_fte_are_exact() {
    let (_t, pad) = scenario(
        "[instroom]\ngroei = 0.1\nschaal = 1.0000000000000000000001\n\
         factoren = [{ van = 2023, tot = 2024, factor = 1.15 }]\n\
         [indexatie]\nlonen = 2.675\n[fte.procesregie]\n2025 = 4.1\n",
    );
    let s = raming::invoer::scenario::lees(&pad).unwrap();
    let i = &s.instellingen;
    assert_eq!(i.instroom.groei, Some(dec("0.1")));
    // An f64 would make this 1.
    assert_eq!(i.instroom.schaal, dec("1.0000000000000000000001"));
    assert_eq!(i.instroom.factoren, vec![(2023, 2024, dec("1.15"))]);
    assert_eq!(
        i.indexatie
            .iter()
            .map(|(_, j, p)| (*j, *p))
            .collect::<Vec<_>>(),
        vec![(None, dec("2.675"))]
    );
    assert_eq!(i.fte, vec![("procesregie".to_string(), 2025, dec("4.1"))]);
}
