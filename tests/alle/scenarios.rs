//! Scenario files: the shipped scenarios, inheritance, comparison, and bad scenario files (clear
//! error naming file and key, exit code 1, nothing written).

use proptest::prelude::*;
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

/// A temp folder with scenario files (name, content); `DATA` is substituted.
fn map(bestanden: &[(&str, &str)]) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for (n, inhoud) in bestanden {
        fs::write(t.path().join(n), inhoud.replace("DATA", DATA)).unwrap();
    }
    t
}

fn faalt(t: &tempfile::TempDir, scenario: &str, delen: &[&str]) {
    let o = raming(&["bereken", scenario, "--uit", "uit"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for d in delen {
        assert!(err.contains(d), "verwacht '{d}' in: {err}");
    }
    assert!(!t.path().join("uit").exists());
    assert!(!t.path().join("output").exists());
}

const BASIS: &str = "naam = \"b\"\ndata = \"DATA\"\njaren = [2022, 2030]\n[instroom]\ngroei = 0\n";

#[test]
fn shipped_scenarios_run_and_say_what_they_assume() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for s in [
        "basis",
        "routekosten",
        "hoge_instroom",
        "lage_instroom",
        "onderwijsroute_hoog",
    ] {
        let run = raming::draai(&root.join("scenarios").join(format!("{s}.toml"))).unwrap();
        assert_eq!(run.scenario.naam, s);
        assert!(
            run.scenario.omschrijving.len() > 40,
            "{s}: omschrijving te kort"
        );
        assert_eq!(run.uitkomst.jaren, (2022..=2030).collect::<Vec<_>>());
    }
}

#[test]
fn children_inherit_and_override() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let basis = raming::draai(&root.join("routekosten.toml")).unwrap();
    let hoog = raming::draai(&root.join("hoge_instroom.toml")).unwrap();
    // Inherited: data, years, lasten choice; overridden: instroom factor from 2023.
    assert_eq!(hoog.scenario.data, basis.scenario.data);
    assert_eq!(
        hoog.scenario.instellingen.voorzieningen,
        basis.scenario.instellingen.voorzieningen
    );
    assert_eq!(hoog.scenario.ouders.len(), 2);
    let spuk = |r: &raming::Run, j: i32| -> rust_decimal::Decimal {
        r.ledger
            .boekingen
            .iter()
            .filter(|b| b.jaar == j && b.post.as_str() == "spuk")
            .map(|b| b.bedrag)
            .sum()
    };
    // 2022 stays on the beschikking; later the volume-driven SPUK rises.
    assert_eq!(spuk(&basis, 2022), spuk(&hoog, 2022));
    assert!(spuk(&hoog, 2026) > spuk(&basis, 2026));
    let o = raming::draai(&root.join("onderwijsroute_hoog.toml")).unwrap();
    assert_eq!(
        o.scenario.instellingen.routes.variant,
        raming::routeverdeling::Variant::Hoog
    );
}

#[test]
fn unknown_key() {
    let t = map(&[("s.toml", &format!("{BASIS}onbekend = 3\n"))]);
    faalt(
        &t,
        "s.toml",
        &["s.toml, regel 6, kolom onbekend", "onbekende sleutel"],
    );
}

#[test]
fn unknown_parent() {
    let t = map(&[("s.toml", "basis = \"bestaat_niet.toml\"\nnaam = \"s\"\n")]);
    faalt(
        &t,
        "s.toml",
        &[
            "s.toml, regel 1, kolom basis",
            "onbekend ouderscenario 'bestaat_niet.toml'",
        ],
    );
}

#[test]
fn cycle_in_parents() {
    let t = map(&[
        ("a.toml", &format!("basis = \"b.toml\"\n{BASIS}")),
        ("b.toml", "basis = \"a.toml\"\n"),
    ]);
    faalt(
        &t,
        "a.toml",
        &["b.toml, regel 1, kolom basis", "kringverwijzing"],
    );
}

#[test]
fn unknown_route_and_percentages_not_100() {
    let t = map(&[(
        "s.toml",
        &format!("{BASIS}[routeverdeling.asiel]\nb1 = 50\nonderwijs = 20\nx = 30\n"),
    )]);
    faalt(
        &t,
        "s.toml",
        &[
            "s.toml, regel 6, kolom routeverdeling.asiel.x",
            "onbekende route 'x'",
        ],
    );
    let t = map(&[(
        "s.toml",
        &format!("{BASIS}[routeverdeling.asiel]\nb1 = 50\nonderwijs = 20\nz = 20\n"),
    )]);
    faalt(
        &t,
        "s.toml",
        &[
            "kolom routeverdeling.asiel",
            "tellen op tot 90",
            "verwacht samen 100",
        ],
    );
    let t = map(&[("s.toml", &format!("routeverdeling = \"midden\"\n{BASIS}"))]);
    faalt(
        &t,
        "s.toml",
        &["kolom routeverdeling", "onbekende waarde 'midden'"],
    );
}

#[test]
fn year_range_outside_the_data() {
    let t = map(&[(
        "s.toml",
        "naam = \"s\"\ndata = \"DATA\"\njaren = [2022, 2035]\n",
    )]);
    faalt(
        &t,
        "s.toml",
        &[
            "s.toml, kolom jaren",
            "geen gegevens",
            "2031, 2032, 2033, 2034, 2035",
        ],
    );
    let t = map(&[(
        "s.toml",
        "naam = \"s\"\ndata = \"DATA\"\njaren = [2030, 2022]\n",
    )]);
    faalt(&t, "s.toml", &["s.toml, regel 3, kolom jaren", "ongeldig"]);
}

/// An instroom factor of 30 (where +30 % was meant) is allowed but named: the run does not
/// multiply the instroom thirty-fold without a word; a child that sets a plausible factor
/// clears its parent's warning.
#[test]
fn an_implausible_instroom_factor_is_a_warning() {
    let t = map(&[
        ("s.toml", &format!("{BASIS}schaal = 30\n")),
        (
            "f.toml",
            &format!(
                "{BASIS}factoren = [{{ van = 2024, tot = 2025, factor = 1.2 }}, {{ van = 2026, tot = 2030, factor = 4.5 }}]\n"
            ),
        ),
        (
            "k.toml",
            "basis = \"s.toml\"\nnaam = \"k\"\n[instroom]\nschaal = 1.3\n",
        ),
    ]);
    let o = raming(&["controleer", "s.toml"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "waarschuwing: s.toml, regel 6, kolom instroom.schaal: factor 30 vermenigvuldigt de \
             instroom met 30 (+2.900 %); bedoelde u 1,3 voor +30 %?"
        ),
        "{err}"
    );
    let o = raming(&["controleer", "f.toml"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("kolom instroom.factoren: factor 4,5 vermenigvuldigt de instroom met 4,5 (+350 %); bedoelde u 1,045 voor +4,5 %?"),
        "{err}"
    );
    let o = raming(&["controleer", "k.toml"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("vermenigvuldigt de instroom"), "{err}");
    let o = raming(&["bereken", "s.toml", "--streng", "--uit", "uit"], t.path());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn unknown_post_in_fte_override_and_bad_index() {
    let t = map(&[("s.toml", &format!("{BASIS}[fte.bestaat_niet]\n2025 = 3\n"))]);
    faalt(
        &t,
        "s.toml",
        &["s.toml, regel 6, kolom fte.bestaat_niet", "onbekende post"],
    );
    // A post with rows for several periods (lokale_uitvoering has three) is named once.
    let o = raming(&["bereken", "s.toml", "--uit", "uit"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("lokale_uitvoering").count(), 1, "{err}");
    let t = map(&[("s.toml", &format!("{BASIS}[indexatie]\nsalaris = 3\n"))]);
    faalt(
        &t,
        "s.toml",
        &[
            "kolom indexatie.salaris",
            "tarieven, lonen, prijzen of gemeentefonds",
        ],
    );
}

#[test]
fn vergelijk_writes_differences_and_refuses_duplicates() {
    let t = map(&[
        ("a.toml", BASIS),
        (
            "b.toml",
            "basis = \"a.toml\"\nnaam = \"b2\"\ninburgeringsvoorzieningen = \"routes\"\n",
        ),
    ]);
    let o = raming(&["vergelijk", "a.toml", "b.toml", "--uit", "v"], t.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tekst = String::from_utf8_lossy(&o.stdout);
    assert!(
        tekst.contains("Δ b2") && tekst.contains("Dordrecht"),
        "{tekst}"
    );
    check_verschillen(&t.path().join("v/vergelijking.csv"), "b", "b2");
    let o = raming(&["vergelijk", "a.toml", "a.toml", "--uit", "w"], t.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(!t.path().join("w").exists());
}

/// Every difference in the comparison equals B − A of the two runs' own figures.
fn check_verschillen(pad: &PathBuf, a: &str, b: &str) {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let mut r = csv::Reader::from_path(pad).unwrap();
    let rijen: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let mut gecontroleerd = 0;
    for x in rijen.iter().filter(|x| &x[2] == b) {
        let ref_rij = rijen
            .iter()
            .find(|y| y[0] == x[0] && y[1] == x[1] && &y[2] == a)
            .unwrap();
        for (k, v) in [(3, 6), (4, 7), (5, 8)] {
            assert_eq!(d(&x[v]), d(&x[k]) - d(&ref_rij[k]), "{:?}", x);
        }
        assert_eq!(d(&x[5]), d(&x[3]) - d(&x[4]));
        gecontroleerd += 1;
    }
    assert!(gecontroleerd > 50);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]
    #[test]
    fn scenario_deltas_equal_the_difference_of_the_runs(schaal in 0u32..300, groei in -20i32..20) {
        let t = map(&[
            ("a.toml", BASIS),
            ("b.toml", &format!("basis = \"a.toml\"\nnaam = \"b2\"\n[instroom]\nschaal = {}\ngroei = {groei}\n", schaal as f32 / 100.0)),
        ]);
        let o = raming(&["vergelijk", "a.toml", "b.toml", "--uit", "v"], t.path());
        prop_assert!(o.status.success());
        check_verschillen(&t.path().join("v/vergelijking.csv"), "b", "b2");
    }
}

#[test]
fn arithmetic_overflow_is_a_clear_error_not_a_panic() {
    // Decades of 100 % yearly growth make the exact amounts exceed 28 digits.
    let t = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(DATA, t.path(), "data");
    let f = data.join("formatie.csv");
    fs::write(
        &f,
        fs::read_to_string(&f)
            .unwrap()
            .replace(",2030,iu_uitvoering,", ",2100,gelijk,"),
    )
    .unwrap();
    // Every year needs its IU (issue 10): a national total up to 2100.
    let r = data.join("rijksbudget.csv");
    let mut rijk = fs::read_to_string(&r).unwrap();
    for j in 2031..=2100 {
        rijk.push_str(&format!("{j},uitvoering,110843500,,test\n"));
    }
    fs::write(&r, rijk).unwrap();
    fs::write(
        t.path().join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2100]\nspuk = \"prognose\"\n[instroom]\ngroei = 100\n",
    )
    .unwrap();
    let o = raming(&["bereken", "s.toml", "--uit", "uit"], t.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("niet exact"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!t.path().join("uit").exists());
}

#[test]
fn instroom_is_optional_only_where_beschikkingen_cover_the_spuk() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    fs::create_dir_all(&data).unwrap();
    for e in fs::read_dir(DATA).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "instroom.csv" {
            fs::copy(e.path(), data.join(e.file_name())).unwrap();
        }
    }
    // 2023–2024 have no beschikking: the SPUK there is forecast from volumes, so a missing
    // instroom.csv is named instead of silently dropping that SPUK (issue 10).
    fs::write(
        t.path().join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2024]\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    let o = raming(&["bereken", "s.toml", "--uit", "uit"], t.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("instroom.csv: bestand ontbreekt"), "{err}");
    assert!(err.contains("SPUK-raming"), "{err}");
    assert!(!t.path().join("uit").exists());
    // Only 2022, without tariffs: the beschikkingen are all there is; no instroom needed.
    fs::remove_file(data.join("spuk_tarieven.csv")).unwrap();
    fs::write(
        t.path().join("k.toml"),
        "naam = \"k\"\ndata = \"data\"\njaren = [2022, 2022]\n",
    )
    .unwrap();
    let o = raming(&["bereken", "k.toml", "--uit", "uit"], t.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // With spuk = "prognose" it is needed, and its absence is named.
    fs::copy(
        Path::new(DATA).join("spuk_tarieven.csv"),
        data.join("spuk_tarieven.csv"),
    )
    .unwrap();
    fs::write(
        t.path().join("p.toml"),
        "naam = \"p\"\ndata = \"data\"\njaren = [2022, 2024]\nspuk = \"prognose\"\n",
    )
    .unwrap();
    let o = raming(&["bereken", "p.toml", "--uit", "uit2"], t.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("instroom.csv: bestand ontbreekt"));
}
