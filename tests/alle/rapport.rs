//! Charts and the raad report: files exist and are valid, the report holds every figure of the
//! 2022 overview, the assumptions and input hashes, references nothing external, parses as HTML
//! and is byte-identical across runs with a fixed date.

use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

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

const GEMEENTEN: [&str; 7] = [
    "Alblasserdam",
    "Dordrecht",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
];

#[test]
fn every_chart_is_a_valid_png_and_svg_with_title_and_names() {
    let t = tempfile::tempdir().unwrap();
    ok(&raming(
        &[
            "bereken",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "uit",
            "--alle-grafieken",
        ],
        t.path(),
    ));
    let map = t.path().join("uit/grafieken");
    let verwacht = [
        "baten_lasten_2022",
        "saldo_2022",
        "saldo_2030",
        "saldo_meerjarig",
        "saldo_meerjarig_sdd",
        "saldo_meerjarig_sdd-mandaat",
        "opbouw_sdd",
        "opbouw_sdd-mandaat",
        "spuk_afrekening",
    ];
    for naam in verwacht {
        // PNG: signature, stated size, more than one colour inside the plot area.
        let bytes =
            fs::read(map.join(format!("{naam}.png"))).unwrap_or_else(|_| panic!("{naam}.png"));
        let dec = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = dec.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (1000, 600), "{naam}");
        let bpp = info.line_size / info.width as usize;
        let mut kleuren = std::collections::BTreeSet::new();
        for y in 100..500 {
            for x in 250..700 {
                let i = y * info.line_size + x * bpp;
                kleuren.insert(buf[i..i + bpp].to_vec());
            }
        }
        assert!(kleuren.len() > 2, "{naam}.png is (bijna) leeg");
        // SVG: root element of the stated size with the title and, per gemeente chart, the names.
        let svg = fs::read_to_string(map.join(format!("{naam}.svg"))).unwrap();
        assert!(
            svg.starts_with("<svg width=\"1000\" height=\"600\""),
            "{naam}"
        );
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("(basis)"), "{naam}: titel ontbreekt");
        if naam.starts_with("baten_lasten")
            || naam.starts_with("saldo_20")
            || naam == "saldo_meerjarig"
            || naam == "saldo_meerjarig_sdd"
        {
            for g in GEMEENTEN {
                assert!(svg.contains(g), "{naam}: {g} ontbreekt");
            }
        }
    }
    assert!(
        fs::read_to_string(map.join("baten_lasten_2022.svg"))
            .unwrap()
            .contains("Baten en lasten per gemeente 2022")
    );
    // By default only the multi-year charts; --geen-grafieken turns them all off.
    ok(&raming(
        &[
            "bereken",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "standaard",
        ],
        t.path(),
    ));
    let standaard = t.path().join("standaard/grafieken");
    assert!(standaard.join("saldo_meerjarig.svg").is_file());
    assert!(standaard.join("opbouw_sdd.png").is_file());
    assert!(!standaard.join("baten_lasten_2022.png").exists());
    assert!(!standaard.join("saldo_2022.svg").exists());
    ok(&raming(
        &[
            "bereken",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "zonder",
            "--geen-grafieken",
        ],
        t.path(),
    ));
    assert!(!t.path().join("zonder/grafieken").exists());
}

#[test]
fn comparison_writes_a_saldo_chart_per_group() {
    let t = tempfile::tempdir().unwrap();
    ok(&raming(
        &[
            "vergelijk",
            &format!("{ROOT}/scenarios/routekosten.toml"),
            &format!("{ROOT}/scenarios/hoge_instroom.toml"),
            "--uit",
            "v",
        ],
        t.path(),
    ));
    let svg = fs::read_to_string(t.path().join("v/grafieken/saldo_scenarios_sdd.svg")).unwrap();
    assert!(svg.contains("routekosten") && svg.contains("hoge_instroom") && svg.contains("SDD"));
    assert!(
        t.path()
            .join("v/grafieken/saldo_scenarios_sdd.png")
            .is_file()
    );
}

fn rapport(t: &Path, uit: &str) -> String {
    ok(&raming(
        &[
            "rapport",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            uit,
            "--datum",
            "2026-11-22",
        ],
        t,
    ));
    fs::read_to_string(t.join(uit)).unwrap()
}

#[test]
fn report_holds_the_figures_assumptions_and_hashes_and_nothing_external() {
    let t = tempfile::tempdir().unwrap();
    let html = rapport(t.path(), "rapport.html");
    ok(&raming(
        &[
            "bereken",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "uit",
        ],
        t.path(),
    ));
    // Every figure of the 2022 overview as the overview CSV shows it.
    let tekst = fs::read_to_string(t.path().join("uit/overzicht_2022.csv")).unwrap();
    let mut r = csv::Reader::from_reader(tekst.as_bytes());
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        for v in rec.iter().skip(2) {
            assert!(
                html.contains(&format!("data-waarde=\"{v}\"")),
                "{} {v} ontbreekt",
                &rec[0]
            );
            n += 1;
        }
        assert!(html.contains(&rec[1].replace('&', "&amp;")), "{}", &rec[1]);
    }
    assert!(n > 80);
    assert!(
        html.contains("453.199") && html.contains("1.515.320"),
        "Nederlandse notatie"
    );
    // Assumptions with bron, and scenario settings.
    assert!(html.contains("Beleidskader Wet inburgering Drechtsteden §4.1.1"));
    assert!(html.contains("aanname"));
    assert!(html.contains("inburgeringsvoorzieningen"));
    // Input hashes of the scenario and every data file.
    for f in [
        "scenarios/basis.toml",
        "data/drechtsteden/formatie.csv",
        "data/drechtsteden/integratie_uitkering.csv",
    ] {
        let hash = format!(
            "{:x}",
            Sha256::digest(fs::read(Path::new(ROOT).join(f)).unwrap())
        );
        assert!(html.contains(&hash), "hash van {f} ontbreekt");
    }
    assert!(html.contains(env!("CARGO_PKG_VERSION")));
    assert!(html.contains("22 november 2026"));
    // Self-contained: no URLs, no external resources.
    for verboden in ["http://", "https://", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(verboden), "{verboden} in rapport");
    }
    // Summary in words.
    assert!(html.contains("In 2030 is het saldo voor SDD"));
    assert!(html.contains("@media print") && html.contains("page-break-before"));
}

#[test]
fn report_is_valid_html_and_byte_identical_with_a_fixed_date() {
    let t = tempfile::tempdir().unwrap();
    let a = rapport(t.path(), "a.html");
    let b = rapport(t.path(), "b.html");
    assert_eq!(a, b);
    let doc = scraper::Html::parse_document(&a);
    assert!(doc.errors.is_empty(), "HTML-fouten: {:?}", doc.errors);
    let sel = scraper::Selector::parse("svg").unwrap();
    assert!(doc.select(&sel).count() >= 5);
    let h2 = scraper::Selector::parse("h2").unwrap();
    let titels: Vec<String> = doc.select(&h2).map(|e| e.text().collect()).collect();
    for s in [
        "Kerncijfers",
        "Saldo per gemeente en jaar",
        "Baten",
        "Lasten",
        "Afrekening van de SPUK",
        "Risico's en reserve",
        "Begrippenlijst",
        "Technische bijlage",
        "Overzicht per jaar",
        "Uitgangspunten en bronnen",
        "Colofon",
    ] {
        assert!(titels.iter().any(|x| x == s), "{s} ontbreekt in {titels:?}");
    }
    // The environment variable also fixes the date.
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .args([
            "rapport",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "c.html",
        ])
        .env("RAMING_DATUM", "2026-11-22")
        .current_dir(t.path())
        .output()
        .unwrap();
    ok(&o);
    assert_eq!(fs::read_to_string(t.path().join("c.html")).unwrap(), a);
    let o = raming(
        &["rapport", "--datum", "gisteren", "--uit", "d.html"],
        Path::new(ROOT),
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_region_of_one_gemeente_without_groups_gets_charts_and_a_report() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("data");
    fs::create_dir_all(&d).unwrap();
    fs::write(
        d.join("gemeenten.csv"),
        "code,naam\nGM0363,Amsterdam & \"Co\"\n",
    )
    .unwrap();
    fs::write(
        d.join("integratie_uitkering.csv"),
        "gemeente,jaar,soort,bedrag\nGM0363,2024,uitvoering,5000000\n",
    )
    .unwrap();
    fs::write(
        d.join("spuk_beschikking.csv"),
        "gemeente,jaar,bedrag,status\nGM0363,2024,3000000,voorlopig\n",
    )
    .unwrap();
    fs::write(d.join("formatie.csv"), "post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers\nteam,uitvoeringsteam,60,98000,2024,2024,gelijk,GM0363\n").unwrap();
    fs::write(
        t.path().join("s.toml"),
        "naam = \"een\"\ndata = \"data\"\njaren = [2024, 2024]\n",
    )
    .unwrap();
    ok(&raming(&["bereken", "s.toml", "--uit", "uit"], t.path()));
    // 5.000.000 + 3.000.000 − 60 × 98.000 − 3.000.000 = −880.000.
    let saldo = fs::read_to_string(t.path().join("uit/saldo.csv")).unwrap();
    assert!(
        saldo.contains("2024,8000000.00,8880000.00,-880000.00"),
        "{saldo}"
    );
    assert!(t.path().join("uit/grafieken/saldo_meerjarig.png").is_file());
    ok(&raming(
        &[
            "rapport",
            "s.toml",
            "--uit",
            "r.html",
            "--datum",
            "2026-11-22",
        ],
        t.path(),
    ));
    let html = fs::read_to_string(t.path().join("r.html")).unwrap();
    assert!(html.contains("Amsterdam &amp; &quot;Co&quot;"));
    assert!(html.contains("€ 880.000 negatief"));
    assert!(scraper::Html::parse_document(&html).errors.is_empty());
}
