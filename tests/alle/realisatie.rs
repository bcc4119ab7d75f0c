//! Realisatie versus raming: hand-checked variance with volume and price effects, SPUK settlement
//! on realised volumes, re-forecast with `realisatie_tot`, and refused actuals.

use raming::berekening::{Instellingen, SpukBron, bereken};
use raming::fout::Herkomst;
use raming::gegevens::Gegevens;
use raming::gemeente::{Gemeente, Gemeenten, Groep};
use raming::instroom::{Doelgroep, InstroomRegel};
use raming::realisatie::Realisatie;
use raming::tarief::{Component, Tarief};
use raming::uitkering::{Beschikking, SpukStatus};
use rust_decimal::{Decimal, dec};
use std::fs;
use std::path::Path;
use std::process::Command;

fn h() -> Herkomst {
    Herkomst::new("test", 0)
}

/// Two gemeenten in one group; SPUK tariff asiel € 1.000 in teljaar 1 only, gezin € 100.
fn data() -> Gegevens {
    let mut d = Gegevens {
        gemeenten: Gemeenten {
            lijst: (0..2)
                .map(|i| Gemeente {
                    code: format!("GM000{}", i + 1),
                    naam: format!("G{i}"),
                    inwoners: None,
                    niet_westers: None,
                    herkomst: h(),
                })
                .collect(),
            ..Default::default()
        },
        ..Default::default()
    };
    d.groepen.push(Groep {
        naam: "Regio".into(),
        leden: vec![0, 1],
        herkomst: h(),
    });
    for (dg, b) in [
        (Doelgroep::Asiel, dec!(1000)),
        (Doelgroep::Gezin, dec!(100)),
    ] {
        d.tarieven.regels.push(Tarief {
            jaar: 2022,
            doelgroep: dg,
            component: Component::Leerroute,
            teljaar: 1,
            bedrag: b,
            jaar_tot: None,
            herkomst: h(),
        });
    }
    d
}

fn koppen(g: usize, jaar: i32, dg: Doelgroep, n: Decimal) -> InstroomRegel {
    InstroomRegel {
        gemeente: g,
        jaar,
        doelgroep: dg,
        aantal: n,
        soort: raming::instroom::InstroomSoort::Inburgeringsplichtigen,
        herkomst: h(),
    }
}

fn geboekt(g: usize, jaar: i32, post: &str, bedrag: Decimal) -> Realisatie {
    Realisatie {
        gemeente: g,
        jaar,
        post: post.into(),
        bedrag,
        herkomst: h(),
    }
}

fn prognose(van: i32, tot: i32) -> Instellingen {
    let mut i = Instellingen::new(van, tot);
    i.spuk = SpukBron::Prognose;
    i
}

#[test]
fn variance_splits_into_volume_and_price_effect_exactly() {
    let mut d = data();
    // Budget: 10 asiel heads in G0 in 2023 → SPUK raming 10 × 1.000 = 10.000.
    d.instroom
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(10)));
    // Realised: 12 heads; booked SPUK 13.200 (an actual price of 1.100 per head).
    d.instroom_realisatie
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(12)));
    d.realisatie.push(geboekt(0, 2023, "spuk", dec!(13200)));
    let b = bereken(&d, &prognose(2023, 2023)).unwrap();
    let v = b
        .verschillen
        .iter()
        .find(|v| v.naam == "G0" && v.post.as_str() == "spuk")
        .unwrap();
    assert_eq!(v.raming, dec!(10000));
    assert_eq!(v.realisatie, dec!(13200));
    assert_eq!(v.verschil(), dec!(3200));
    assert_eq!(v.procent(), Some(dec!(32.0)));
    // Volume effect: (12 − 10) × 1.000 = 2.000; price effect: (1.100 − 1.000) × 12 = 1.200.
    let (volume, prijs) = v.effecten.unwrap();
    assert_eq!(volume, dec!(2000));
    assert_eq!(prijs, dec!(1200));
    assert_eq!(volume + prijs, v.verschil());
    // 32 % is above the 10 % threshold; the group line sums its members.
    assert!(v.toelichting_nodig);
    let g = b
        .verschillen
        .iter()
        .find(|v| v.naam == "Regio" && v.post.as_str() == "spuk")
        .unwrap();
    assert_eq!(
        (g.raming, g.realisatie, g.effecten),
        (dec!(10000), dec!(13200), Some((dec!(2000), dec!(1200))))
    );
}

#[test]
fn small_differences_are_not_flagged() {
    let mut d = data();
    d.instroom
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(100)));
    d.realisatie.push(geboekt(0, 2023, "spuk", dec!(101000)));
    let b = bereken(&d, &prognose(2023, 2023)).unwrap();
    let v = b.verschillen.iter().find(|v| v.naam == "G0").unwrap();
    // 1.000 and 1 %: below € 25.000 and 10 %.
    assert!(!v.toelichting_nodig);
    // Without realised volumes the whole difference is a price effect.
    assert_eq!(v.effecten, Some((dec!(0), dec!(1000))));
}

#[test]
fn settlement_on_realised_volumes_and_gezin_counts_once() {
    let mut d = data();
    // Beschikking 2023 for 20 asiel heads: 20 × 1.000 = 20.000; 17 realised.
    d.instroom
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(20)));
    d.instroom_realisatie
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(17)));
    d.beschikkingen.push(Beschikking {
        gemeente: 0,
        jaar: 2023,
        bedrag: dec!(20000),
        status: SpukStatus::Voorlopig,
        aantal_asiel: None,
        aantal_gezin: None,
        maand: None,
        regeling: Default::default(),
        herkomst: h(),
    });
    // A gezin cohort of 5 realised in 2023 in G1, with a beschikking for 2023 and 2024.
    d.instroom_realisatie
        .regels
        .push(koppen(1, 2023, Doelgroep::Gezin, dec!(5)));
    for j in [2023, 2024] {
        d.beschikkingen.push(Beschikking {
            gemeente: 1,
            jaar: j,
            bedrag: dec!(500),
            status: SpukStatus::Voorlopig,
            aantal_asiel: None,
            aantal_gezin: None,
            maand: None,
            regeling: Default::default(),
            herkomst: h(),
        });
    }
    let b = bereken(&d, &Instellingen::new(2023, 2024)).unwrap();
    let a = b
        .afrekening
        .iter()
        .find(|a| a.gemeente == 0 && a.jaar == 2023)
        .unwrap();
    // 17 × 1.000 − 20.000 = −3.000: terugvordering for 3 heads, settled in 2024.
    assert_eq!(a.verschil(), dec!(-3000));
    assert_eq!(a.vaststellingsjaar, 2024);
    assert_eq!(a.status(), "realisatie");
    // Gezin: 5 × 100 = 500 in 2023 (no difference); in 2024 the cohort no longer counts → −500.
    let g23 = b
        .afrekening
        .iter()
        .find(|a| a.gemeente == 1 && a.jaar == 2023)
        .unwrap();
    let g24 = b
        .afrekening
        .iter()
        .find(|a| a.gemeente == 1 && a.jaar == 2024)
        .unwrap();
    assert_eq!(g23.verschil(), dec!(0));
    assert_eq!(g24.verschil(), dec!(-500));
}

#[test]
fn reforecast_uses_actuals_up_to_the_year_and_the_forecast_after() {
    let mut d = data();
    for j in 2022..=2025 {
        d.instroom
            .regels
            .push(koppen(0, j, Doelgroep::Asiel, dec!(10)));
        d.instroom
            .regels
            .push(koppen(1, j, Doelgroep::Gezin, dec!(4)));
    }
    d.realisatie.push(geboekt(0, 2022, "spuk", dec!(9876.54)));
    d.realisatie.push(geboekt(1, 2022, "spuk", dec!(321.09)));
    d.realisatie.push(geboekt(0, 2023, "spuk", dec!(11111.11)));
    let mut inst = prognose(2022, 2025);
    let origineel = bereken(&d, &inst).unwrap();
    inst.realisatie_tot = Some(2023);
    let herzien = bereken(&d, &inst).unwrap();
    let som = |l: &raming::ledger::Ledger, g: usize, j: i32| {
        l.bedrag(g, j, raming::ledger::Soort::Baten, "spuk")
    };
    // Past years: the actuals to the cent; G1 has no actual in 2023, so it keeps its raming
    // (4 × 100), never 0 (issue 10).
    assert_eq!(som(&herzien.ledger, 0, 2022), dec!(9876.54));
    assert_eq!(som(&herzien.ledger, 1, 2022), dec!(321.09));
    assert_eq!(som(&herzien.ledger, 0, 2023), dec!(11111.11));
    assert_eq!(som(&herzien.ledger, 1, 2023), dec!(400));
    // Future years: the forecast (10 × 1.000 and 4 × 100), equal to the original budget.
    for j in [2024, 2025] {
        let a: Vec<_> = origineel
            .ledger
            .boekingen
            .iter()
            .filter(|b| b.jaar == j)
            .collect();
        let b: Vec<_> = herzien
            .ledger
            .boekingen
            .iter()
            .filter(|b| b.jaar == j)
            .collect();
        assert_eq!(a, b);
        assert_eq!(som(&herzien.ledger, 0, j), dec!(10000));
    }
    // The budget itself is unchanged by the re-forecast.
    assert_eq!(herzien.begroting(), &origineel.ledger);
}

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");

fn opzet(realisatie: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(DATA, t.path(), "data");
    fs::write(data.join("realisatie.csv"), realisatie).unwrap();
    fs::write(
        t.path().join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2024]\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    t
}

fn draai(t: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(t)
        .output()
        .unwrap()
}

#[test]
fn actuals_with_unknown_post_gemeente_or_year_are_refused() {
    for (regel, delen) in [
        (
            "GM0505,2022,koffie,100",
            vec![
                "realisatie.csv, regel 2, kolom post",
                "onbekende post 'koffie'",
            ],
        ),
        (
            "GM9999,2022,spuk,100",
            vec![
                "realisatie.csv, regel 2, kolom gemeente",
                "onbekende gemeente",
            ],
        ),
        (
            "GM0505,2031,spuk,100",
            vec!["realisatie.csv, regel 2, kolom jaar", "buiten de jaren"],
        ),
        (
            "GM0505,2022,spuk,12.345",
            vec!["realisatie.csv, regel 2, kolom bedrag"],
        ),
    ] {
        let t = opzet(&format!(
            "gemeente,jaar,post,bedrag,bron\n{regel},grootboek\n"
        ));
        let o = draai(t.path(), &["verschillen", "s.toml", "--uit", "v"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{regel}: {err}");
        for d in delen {
            assert!(err.contains(d), "{regel}: verwacht '{d}' in {err}");
        }
        assert!(!t.path().join("v").exists());
    }
}

#[test]
fn verschillen_command_and_reforecast_scenario_file() {
    let t = opzet(
        "gemeente,jaar,post,bedrag,bron\nDordrecht,2022,procesregie,250000,grootboek\nDordrecht,2022,spuk,265808,beschikking\n",
    );
    let o = draai(
        t.path(),
        &["verschillen", "s.toml", "--jaar", "2022", "--uit", "v"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = fs::read_to_string(t.path().join("v/verschillen.csv")).unwrap();
    // procesregie Dordrecht: raming 209.900,67, realisatie 250.000 → +40.099,33, flagged.
    assert!(csv.contains("s,Dordrecht,2022,lasten,procesregie,\"4,0 fte proces regisseur\",209900.67,250000.00,40099.33,19.1,,,ja"), "{csv}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("nodig"));
    // A najaarsnota re-forecast is one scenario file; vergelijk shows it against the budget.
    fs::write(
        t.path().join("nj.toml"),
        "basis = \"s.toml\"\nnaam = \"najaarsnota\"\nrealisatie_tot = 2022\n",
    )
    .unwrap();
    let o = draai(
        t.path(),
        &["vergelijk", "s.toml", "nj.toml", "--uit", "cmp"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = fs::read_to_string(t.path().join("cmp/vergelijking.csv")).unwrap();
    // Only the two realised posts replace their raming; every other 2022 post (IU, the other
    // fte posts, voorzieningen) keeps its raming (issue 10): lasten 708.949,02 − 209.900,67 +
    // 250.000 = 749.048,35; baten unchanged (the SPUK actual equals the beschikking).
    assert!(
        v.contains("Dordrecht,2022,najaarsnota,719007.00,749048.35,-30041.35"),
        "{v}"
    );
    // realisatie_tot needs actuals for every year up to it.
    fs::write(
        t.path().join("nj2.toml"),
        "basis = \"s.toml\"\nnaam = \"nj2\"\nrealisatie_tot = 2023\n",
    )
    .unwrap();
    let o = draai(t.path(), &["bereken", "nj2.toml", "--uit", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kolom realisatie_tot"));
}

#[test]
fn a_realised_row_for_one_gemeente_leaves_the_others_on_their_prognose() {
    let mut d = data();
    d.instroom
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(10)));
    d.instroom
        .regels
        .push(koppen(1, 2023, Doelgroep::Asiel, dec!(6)));
    d.instroom
        .regels
        .push(koppen(0, 2023, Doelgroep::Gezin, dec!(4)));
    // Only G0's asiel heads are realised.
    d.instroom_realisatie
        .regels
        .push(koppen(0, 2023, Doelgroep::Asiel, dec!(12)));
    for g in 0..2 {
        d.beschikkingen.push(Beschikking {
            gemeente: g,
            jaar: 2023,
            bedrag: dec!(5000),
            status: SpukStatus::Voorlopig,
            aantal_asiel: None,
            aantal_gezin: None,
            maand: None,
            regeling: Default::default(),
            herkomst: h(),
        });
    }
    let b = bereken(&d, &Instellingen::new(2023, 2023)).unwrap();
    let a0 = b.afrekening.iter().find(|a| a.gemeente == 0).unwrap();
    let a1 = b.afrekening.iter().find(|a| a.gemeente == 1).unwrap();
    // G0: 12 realised asiel × 1.000 + 4 gezin (prognose) × 100 = 12.400; status realisatie.
    assert_eq!(a0.uitkomst(), dec!(12400));
    assert_eq!(a0.status(), "realisatie");
    // G1 keeps its prognose: 6 × 1.000.
    assert_eq!(a1.uitkomst(), dec!(6000));
    assert_eq!(a1.status(), "raming");
}

/// An actual on a post the budget has, booked for a gemeente and year the budget has no line
/// for: an extra line with the post's soort and label, described with its own year, and the
/// actual to the cent; the budget's lines are untouched.
#[test]
fn an_actual_without_a_budget_line_is_booked_as_an_extra_line() {
    let mut d = data();
    for j in 2022..=2023 {
        d.instroom
            .regels
            .push(koppen(0, j, Doelgroep::Asiel, dec!(10)));
    }
    d.instroom
        .regels
        .push(koppen(1, 2023, Doelgroep::Gezin, dec!(4)));
    d.realisatie.push(geboekt(0, 2022, "spuk", dec!(10000)));
    d.realisatie.push(geboekt(1, 2022, "spuk", dec!(123.45)));
    let mut inst = prognose(2022, 2023);
    let origineel = bereken(&d, &inst).unwrap();
    assert!(
        !origineel
            .ledger
            .boekingen
            .iter()
            .any(|b| b.gemeente == 1 && b.jaar == 2022 && b.post.as_str() == "spuk"),
        "the budget has no SPUK line for G1 in 2022"
    );
    inst.realisatie_tot = Some(2022);
    inst.realisatie_ontbreekt = raming::berekening::RealisatieOntbreekt::Raming;
    let herzien = bereken(&d, &inst).unwrap();
    let extra: Vec<_> = herzien
        .ledger
        .boekingen
        .iter()
        .filter(|b| b.gemeente == 1 && b.jaar == 2022 && b.post.as_str() == "spuk")
        .collect();
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0].bedrag, dec!(123.45));
    assert_eq!(extra[0].soort, raming::ledger::Soort::Baten);
    assert_eq!(extra[0].omschrijving(), "SPUK 2022");
    assert_eq!(herzien.begroting(), &origineel.ledger);
}
