//! Issue 16 item 8: fuzzing that stays. This machine has no nightly toolchain for `cargo fuzz`,
//! so the same entry points are fuzzed with proptest in `cargo test`: mutated CSV files through
//! the loaders and the coverage check, mutated scenario text through the scenario parser, and
//! mutated workbook bytes through the workbook reader. Each must answer with a result or a
//! Dutch error, never a panic. Crashing inputs found become the regression cases at the bottom.

use proptest::prelude::*;
use std::fs;
use std::path::Path;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");
/// The shipped data's files among the input tables (`raming::invoer::BESTANDEN`).
fn bestanden() -> Vec<&'static str> {
    raming::invoer::BESTANDEN
        .iter()
        .copied()
        .filter(|b| Path::new(DATA).join(b).is_file())
        .collect()
}

/// Runs a scenario on a copy of the shipped data with one file replaced: Ok or Err, no panic.
fn draai_met(bestand: &str, inhoud: &[u8], scenario: &str) {
    let t = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(DATA, t.path(), "data");
    fs::write(data.join(bestand), inhoud).unwrap();
    fs::write(t.path().join("s.toml"), scenario).unwrap();
    let _ = raming::draai(&t.path().join("s.toml"));
}

const SCENARIO: &str = "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2030]\ninburgeringsvoorzieningen = \"routes\"\n[instroom]\ngroei = 0\n";

fn gevallen() -> u32 {
    std::env::var("RAMING_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96)
}

fn muteer(mut bytes: Vec<u8>, wijzigingen: &[(usize, u8)], inkorten: Option<usize>) -> Vec<u8> {
    for (pos, b) in wijzigingen {
        if !bytes.is_empty() {
            let i = pos % bytes.len();
            bytes[i] = *b;
        }
    }
    if let Some(n) = inkorten
        && !bytes.is_empty()
    {
        bytes.truncate(n % bytes.len());
    }
    bytes
}

/// Bytes that make CSV and numbers interesting.
fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b','),
        Just(b';'),
        Just(b'"'),
        Just(b'\n'),
        Just(b'.'),
        Just(b'-'),
        Just(b'9'),
        Just(b'0'),
        Just(0xff),
        Just(0x1b),
        any::<u8>(),
    ]
}

proptest! {
    // 96 cases per target in CI; `RAMING_FUZZ_CASES=20000 cargo test --release --test fuzz` for
    // a long run.
    #![proptest_config(ProptestConfig { cases: gevallen(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_csv_files_never_panic(
        i in 0..11usize,
        wijzigingen in proptest::collection::vec((any::<usize>(), byte()), 0..6),
        inkorten in proptest::option::of(any::<usize>()),
    ) {
        let b = bestanden();
        let b = b[i % b.len()];
        let origineel = fs::read(Path::new(DATA).join(b)).unwrap();
        draai_met(b, &muteer(origineel, &wijzigingen, inkorten), SCENARIO);
    }

    #[test]
    fn mutated_scenarios_never_panic(
        wijzigingen in proptest::collection::vec((any::<usize>(), prop_oneof![Just(b'='), Just(b'['), Just(b','), Just(b'"'), Just(b'9'), Just(b'.'), any::<u8>()]), 0..6),
        inkorten in proptest::option::of(any::<usize>()),
    ) {
        let tekst = muteer(SCENARIO.as_bytes().to_vec(), &wijzigingen, inkorten);
        draai_met("groepen.csv", &fs::read(Path::new(DATA).join("groepen.csv")).unwrap(), &String::from_utf8_lossy(&tekst));
    }

    #[test]
    fn mutated_workbooks_never_panic(
        wijzigingen in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
    ) {
        let t = tempfile::tempdir().unwrap();
        let pad = t.path().join("in.xlsx");
        let bytes = muteer(werkboek_bytes(), &wijzigingen, None);
        fs::write(&pad, bytes).unwrap();
        let _ = raming::invoer::laad(&pad, raming::invoer::Behoefte::default());
    }
}

/// A small input workbook (the template of the shipped data), made once.
fn werkboek_bytes() -> Vec<u8> {
    use std::sync::OnceLock;
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES
        .get_or_init(|| {
            let t = tempfile::tempdir().unwrap();
            let pad = t.path().join("sjabloon.xlsx");
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_raming"))
                .args(["sjabloon", "--data", DATA, "--uit"])
                .arg(&pad)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            fs::read(&pad).unwrap()
        })
        .clone()
}

// Regression cases: inputs that once crashed or misbehaved stay here.

#[test]
fn regression_empty_and_header_only_files() {
    for b in bestanden() {
        draai_met(b, b"", SCENARIO);
        let kop = fs::read_to_string(Path::new(DATA).join(b)).unwrap();
        draai_met(b, kop.lines().next().unwrap().as_bytes(), SCENARIO);
    }
}

/// Found by `mutated_workbooks_never_panic`: a cell reference with too many column letters made
/// calamine overflow (a panic in a debug build). Now: a Dutch error naming the workbook.
#[test]
fn regression_absurd_cell_reference_in_a_workbook() {
    use std::io::{Read, Write};
    let origineel = werkboek_bytes();
    let mut lezer = zip::ZipArchive::new(std::io::Cursor::new(origineel)).unwrap();
    let mut schrijver = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..lezer.len() {
        let mut deel = lezer.by_index(i).unwrap();
        let naam = deel.name().unwrap().to_string();
        let mut inhoud = Vec::new();
        deel.read_to_end(&mut inhoud).unwrap();
        if naam.starts_with("xl/worksheets/sheet") {
            let t = String::from_utf8(inhoud).unwrap();
            inhoud = t
                .replacen("r=\"A1\"", "r=\"ZZZZZZZZZZZZ1\"", 1)
                .into_bytes();
        }
        schrijver
            .start_file(naam, zip::write::SimpleFileOptions::default())
            .unwrap();
        schrijver.write_all(&inhoud).unwrap();
    }
    let bytes = schrijver.finish().unwrap().into_inner();
    let t = tempfile::tempdir().unwrap();
    let pad = t.path().join("kapot.xlsx");
    fs::write(&pad, bytes).unwrap();
    let e = match raming::invoer::laad(&pad, raming::invoer::Behoefte::default()) {
        Ok(_) => panic!("verwacht een fout"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("kapot.xlsx"), "{e}");
    assert!(e.contains("beschadigd Excel-werkboek"), "{e}");
}

/// Inputs that `cargo fuzz` (fuzz/) found crashing, kept in `tests/data/fuzz/`: `werkboek_*` as
/// an input workbook, `csv_<bestand>__*` as that file of the shipped data, `scenario_*` as the
/// scenario text. Each must give a result or a Dutch error naming the input, never a panic.
///
/// `werkboek_celverwijzing_overloop.xlsx` (4 December 2026): a cell reference that overflows
/// calamine's column arithmetic in a build with overflow checks; a damaged workbook.
#[test]
fn regression_inputs_found_by_cargo_fuzz() {
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut gezien = 0;
    for e in fs::read_dir(&map).unwrap() {
        let pad = e.unwrap().path();
        let naam = pad.file_name().unwrap().to_string_lossy().into_owned();
        let inhoud = fs::read(&pad).unwrap();
        if naam.starts_with("werkboek_") {
            let t = tempfile::tempdir().unwrap();
            let invoer = t.path().join("invoer.xlsx");
            fs::write(&invoer, &inhoud).unwrap();
            match raming::invoer::laad(&invoer, raming::invoer::Behoefte::default()) {
                Ok(_) => {}
                Err(e) => assert!(e.to_string().contains("invoer.xlsx"), "{naam}: {e}"),
            }
        } else if let Some(rest) = naam.strip_prefix("csv_") {
            let bestand = rest.split("__").next().unwrap();
            draai_met(bestand, &inhoud, SCENARIO);
        } else if naam.starts_with("scenario_") {
            let b = fs::read(Path::new(DATA).join("groepen.csv")).unwrap();
            draai_met("groepen.csv", &b, &String::from_utf8_lossy(&inhoud));
        } else {
            panic!("{naam}: onbekend soort regressiegeval");
        }
        gezien += 1;
    }
    assert!(gezien >= 1, "tests/data/fuzz/ holds the crashing inputs");
}
