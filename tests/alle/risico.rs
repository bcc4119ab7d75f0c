//! Risk runs: zero spread reproduces `raming bereken`, a hand-checked probability of a deficit,
//! monotone percentiles, reproducible seeds independent of the thread count, refused parameters.

use raming::berekening::{Instellingen, SpukBron, Voorzieningen};
use raming::fout::Herkomst;
use raming::gegevens::Gegevens;
use raming::gemeente::{Gemeente, Gemeenten};
use raming::instroom::{Doelgroep, InstroomRegel};
use raming::risico::{RisicoInstellingen, Verdeling, coefficienten, evalueer, trek};
use raming::tarief::{Component, Tarief};
use raming::uitkering::{IuRegel, IuSoort};
use raming::voorziening::KostenRegel;
use rust_decimal::dec;
use std::fs;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn raming(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

#[test]
fn zero_spread_reproduces_bereken_to_the_cent() {
    let t = tempfile::tempdir().unwrap();
    let s = format!("{ROOT}/scenarios/routekosten.toml");
    assert!(
        raming(&["bereken", &s, "--uit", "b", "--geen-grafieken"], t.path())
            .status
            .success()
    );
    let o = raming(
        &["risico", &s, "--trekkingen", "200", "--stil", "--uit", "r"],
        t.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let saldo = fs::read_to_string(t.path().join("b/saldo.csv")).unwrap();
    let banden = fs::read_to_string(t.path().join("r/banden.csv")).unwrap();
    let mut n = 0;
    for regel in saldo.lines().skip(1) {
        let v: Vec<&str> = regel.split(',').collect();
        for (maat, waarde) in [("baten", v[3]), ("lasten", v[4]), ("saldo", v[5])] {
            let prefix = format!("{},{},{},{maat},", v[0], v[1], v[2]);
            let rij = banden
                .lines()
                .find(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| panic!("{prefix}"));
            let p: Vec<&str> = rij.split(',').collect();
            for q in &p[4..9] {
                assert_eq!(*q, waarde, "{prefix}");
            }
            n += 1;
        }
    }
    assert!(n > 200);
}

/// One gemeente, one year: IU 10.000, SPUK 1.000 per asiel head, cost 1.100 per head, 100 heads
/// projected. Saldo = 10.000 − 100 × heads.
fn klein() -> (Gegevens, Instellingen) {
    let h = Herkomst::new("test", 0);
    let mut d = Gegevens {
        gemeenten: Gemeenten {
            lijst: vec![Gemeente {
                code: "GM0001".into(),
                naam: "G".into(),
                inwoners: None,
                niet_westers: None,
                herkomst: h.clone(),
            }],
            ..Default::default()
        },
        ..Default::default()
    };
    d.iu.push(IuRegel {
        gemeente: 0,
        jaar: 2023,
        soort: IuSoort::Uitvoering,
        bedrag: dec!(10000),
        prijspeil: None,
        herkomst: h.clone(),
    });
    d.tarieven.regels.push(Tarief {
        jaar: 2023,
        doelgroep: Doelgroep::Asiel,
        component: Component::Leerroute,
        teljaar: 1,
        bedrag: dec!(1000),
        jaar_tot: None,
        herkomst: h.clone(),
    });
    d.kosten.push(KostenRegel {
        onderdeel: "map".into(),
        doelgroep: Doelgroep::Asiel,
        jaar_index: 1,
        bedrag: dec!(1100),
        prijspeil: None,
        herkomst: h.clone(),
    });
    d.instroom.regels.push(InstroomRegel {
        gemeente: 0,
        jaar: 2023,
        doelgroep: Doelgroep::Asiel,
        aantal: dec!(100),
        soort: raming::instroom::InstroomSoort::Inburgeringsplichtigen,
        herkomst: h,
    });
    let mut i = Instellingen::new(2023, 2023);
    i.spuk = SpukBron::Prognose;
    i.voorzieningen = Voorzieningen::Routes;
    (d, i)
}

#[test]
fn probability_of_a_deficit_matches_the_analytic_value() {
    let (d, i) = klein();
    // Instroom factor 0,5 or 1,5 with probability ½ each: 50 heads → saldo +5.000, 150 heads →
    // −5.000. Analytic P(deficit) = 0,5; the Monte Carlo error for 20.000 draws is
    // √(0,25 / 20.000) ≈ 0,0035, so the estimate must lie within 4 × that.
    let r = RisicoInstellingen {
        trekkingen: 20_000,
        zaad: 7,
        instroom: Some(Verdeling::TweeWaarden { a: 0.5, b: 1.5 }),
        ..Default::default()
    };
    let c = coefficienten(&d, &i, &r).unwrap();
    let uit = evalueer(&c, &trek(&r, 1), &[2023]);
    let b = &uit.banden[0];
    assert!(
        (b.kans_tekort - 0.5).abs() < 4.0 * (0.25f64 / 20_000.0).sqrt(),
        "{}",
        b.kans_tekort
    );
    // The two outcomes are exact: P5 = −5.000, P95 = +5.000.
    assert_eq!(b.p[2][0], dec!(-5000));
    assert_eq!(b.p[2][4], dec!(5000));
    // P90 shortfall: P10 of the saldo is −5.000 → reserve 5.000.
    assert_eq!(uit.reserve[0].1[0], dec!(5000));
}

#[test]
fn percentiles_are_monotone_and_seeds_reproduce_whatever_the_threads() {
    let (d, i) = klein();
    let r = RisicoInstellingen {
        trekkingen: 5_000,
        zaad: 11,
        instroom: Some(Verdeling::Driehoek {
            laag: 0.5,
            modus: 1.0,
            hoog: 2.0,
        }),
        correlatie: 0.5,
        ..Default::default()
    };
    let c = coefficienten(&d, &i, &r).unwrap();
    let a = evalueer(&c, &trek(&r, 1), &[2023]);
    let een = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let b = een.install(|| evalueer(&c, &trek(&r, 1), &[2023]));
    assert_eq!(a.banden, b.banden);
    for band in &a.banden {
        for m in 0..3 {
            assert!(band.p[m].windows(2).all(|w| w[0] <= w[1]), "{band:?}");
        }
    }
    let anders = evalueer(
        &c,
        &trek(
            &RisicoInstellingen {
                zaad: 12,
                ..r.clone()
            },
            1,
        ),
        &[2023],
    );
    assert_ne!(a.banden, anders.banden);
}

#[test]
fn invalid_distribution_parameters_are_refused_with_file_and_key() {
    for (tabel, delen) in [
        (
            "[risico.instroom]\nverdeling = \"driehoek\"\nlaag = 1.5\nmodus = 1.0\nhoog = 0.5\n",
            vec!["kolom risico.instroom.laag", "laag 1.5 > hoog 0.5"],
        ),
        (
            "[risico.instroom]\nverdeling = \"lognormaal\"\nsigma = -0.2\n",
            vec!["kolom risico.instroom.sigma", "negatief"],
        ),
        (
            "[risico.instroom]\nverdeling = \"gamma\"\n",
            vec![
                "kolom risico.instroom.verdeling",
                "onbekende verdeling 'gamma'",
            ],
        ),
        (
            "[risico]\ncorrelatie = 2\n",
            vec!["kolom risico.correlatie"],
        ),
    ] {
        let t = tempfile::tempdir().unwrap();
        fs::write(
            t.path().join("s.toml"),
            format!(
                "naam = \"s\"\ndata = \"{ROOT}/data/drechtsteden\"\njaren = [2022, 2024]\n{tabel}"
            ),
        )
        .unwrap();
        let o = raming(&["risico", "s.toml", "--stil", "--uit", "r"], t.path());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("s.toml"), "{err}");
        for d in delen {
            assert!(err.contains(d), "verwacht '{d}' in {err}");
        }
        assert!(!t.path().join("r").exists());
    }
}

fn risico_scenario(t: &Path, naam: &str, extra: &str) {
    fs::write(
        t.join(format!("{naam}.toml")),
        format!("basis = \"{ROOT}/scenarios/routekosten.toml\"\nnaam = \"{naam}\"\n{extra}"),
    )
    .unwrap();
}

#[test]
fn declared_zero_spread_also_reproduces_bereken() {
    let t = tempfile::tempdir().unwrap();
    risico_scenario(
        t.path(),
        "nul",
        "[risico]\ncorrelatie = 0.7\n[risico.instroom]\nverdeling = \"lognormaal\"\nsigma = 0\nbron = \"test\"\n",
    );
    assert!(
        raming(
            &["bereken", "nul.toml", "--uit", "b", "--geen-grafieken"],
            t.path()
        )
        .status
        .success()
    );
    let o = raming(
        &[
            "risico",
            "nul.toml",
            "--trekkingen",
            "100",
            "--stil",
            "--uit",
            "r",
        ],
        t.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let saldo = fs::read_to_string(t.path().join("b/saldo.csv")).unwrap();
    let banden = fs::read_to_string(t.path().join("r/banden.csv")).unwrap();
    for regel in saldo.lines().skip(1) {
        let v: Vec<&str> = regel.split(',').collect();
        let rij = banden
            .lines()
            .find(|l| l.starts_with(&format!("{},{},{},saldo,", v[0], v[1], v[2])))
            .unwrap();
        assert!(
            rij.split(',').skip(4).take(5).all(|q| q == v[5]),
            "{rij} vs {regel}"
        );
    }
}

#[test]
fn same_seed_same_bytes_whatever_the_threads_and_children_inherit_risico() {
    let t = tempfile::tempdir().unwrap();
    // The child only changes the number of draws; the distributions come from scenarios/risico.toml.
    fs::write(t.path().join("kind.toml"), format!("basis = \"{ROOT}/scenarios/risico.toml\"\nnaam = \"kind\"\n[risico]\ntrekkingen = 400\n")).unwrap();
    let mut uitkomsten = Vec::new();
    for threads in ["1", "4"] {
        let uit = format!("r{threads}");
        let o = Command::new(env!("CARGO_BIN_EXE_raming"))
            .args(["risico", "kind.toml", "--stil", "--uit", &uit])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(t.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut bestanden: Vec<(String, Vec<u8>)> = fs::read_dir(t.path().join(&uit))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        bestanden.sort();
        uitkomsten.push(bestanden);
    }
    assert_eq!(uitkomsten[0], uitkomsten[1]);
    // Inherited distributions: the bands have width and a tornado chart exists.
    assert!(uitkomsten[0].iter().any(|(n, _)| n.starts_with("tornado_")));
    let banden = String::from_utf8(
        uitkomsten[0]
            .iter()
            .find(|(n, _)| n == "banden.csv")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let rij = banden
        .lines()
        .find(|l| l.starts_with("kind,SDD,2026,saldo,"))
        .unwrap();
    let p: Vec<&str> = rij.split(',').collect();
    assert_ne!(p[4], p[8], "{rij}");
}

#[test]
fn a_distribution_needs_a_bron() {
    let t = tempfile::tempdir().unwrap();
    risico_scenario(
        t.path(),
        "zb",
        "[risico.instroom]\nverdeling = \"lognormaal\"\nsigma = 0.2\n",
    );
    let o = raming(&["risico", "zb.toml", "--stil", "--uit", "r"], t.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kolom risico.instroom.bron"));
}
