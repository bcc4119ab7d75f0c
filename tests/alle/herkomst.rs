//! Trace: every booking is explained by a rule whose own figures give the booked amount, and by
//! input rows that exist with their bron.

use raming::rapport::herkomst::{Keuze, Spoor, sporen, tabel};
use std::fs;
use std::path::Path;

/// Every booking of a run: the rule is known, its outcome equals the booked amount to the cent
/// (where the rule computes one), and every input row is found with its content.
fn alles_verklaard(run: &raming::Run) -> Vec<Spoor> {
    let s = sporen(run, &Keuze::default()).unwrap();
    assert_eq!(s.len(), run.ledger.boekingen.len());
    for x in &s {
        let b = &x.boeking;
        let wat = format!(
            "{} {} {}: {}",
            x.gemeente, b.jaar, b.post, x.verklaring.regel
        );
        assert!(!x.verklaring.regel.starts_with("geen regel"), "{wat}");
        if let Some(u) = x.verklaring.uitkomst {
            assert_eq!(u, b.bedrag, "{wat}");
        } else {
            assert!(b.post.is_reserve(), "zonder uitkomst: {wat}");
        }
        for i in &x.invoer {
            assert!(
                !i.inhoud.is_empty(),
                "{wat}: {} rij {} niet gevonden",
                i.bestand,
                i.rij
            );
        }
    }
    s
}

#[test]
fn every_booking_of_every_shipped_scenario_is_explained_to_the_cent() {
    for e in fs::read_dir("scenarios").unwrap() {
        let pad = e.unwrap().path();
        let run = raming::draai(&pad).unwrap();
        let s = alles_verklaard(&run);
        // Every computed booking rests on at least one input row.
        for x in s.iter().filter(|x| x.verklaring.uitkomst.is_some()) {
            assert!(
                !x.invoer.is_empty(),
                "{} {} {}",
                pad.display(),
                x.gemeente,
                x.boeking.post
            );
        }
    }
}

fn scenario(map: &Path, tekst: &str) -> raming::Run {
    let data = crate::gedeeld::kopie("data/drechtsteden", map, "data");
    assert!(data.exists());
    fs::write(
        map.join("s.toml"),
        format!(
            "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2028]\n{tekst}[instroom]\ngroei = 0\n"
        ),
    )
    .unwrap();
    raming::draai(&map.join("s.toml")).unwrap()
}

#[test]
fn forecast_best_estimate_routes_and_actuals_are_explained_too() {
    for tekst in [
        "spuk = \"prognose\"\n",
        "spuk_baten = \"beste_schatting\"\n",
        "inburgeringsvoorzieningen = \"routes\"\nrouteverdeling = { asiel = { b1 = 50, onderwijs = 20, z = 30 } }\n",
        "realisatie_tot = 2023\n",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        if tekst.starts_with("realisatie") {
            crate::gedeeld::kopie("data/drechtsteden", tmp.path(), "data");
            fs::write(
                tmp.path().join("data/realisatie.csv"),
                "gemeente,jaar,post,bedrag,bron\nDordrecht,2022,procesregie,250000,grootboek 2022\nZwijndrecht,2023,spuk,100000,grootboek 2023\n",
            )
            .unwrap();
        }
        let run = scenario(tmp.path(), tekst);
        alles_verklaard(&run);
    }
}

#[test]
fn a_formatie_share_names_fte_cost_index_and_key() {
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    let keuze = Keuze {
        naam: Some("Dordrecht".into()),
        jaar: Some(2022),
        post: Some("procesregie".into()),
    };
    let s = sporen(&run, &keuze).unwrap();
    assert_eq!(s.len(), 1);
    // 376.000 × 453.199 / 811.826 = 209.900,67 (Beleidskader's table: 209.901 displayed).
    assert_eq!(s[0].boeking.bedrag.to_string(), "209900.67");
    let r = &s[0].verklaring.regel;
    assert!(
        r.contains("fte 4,0 × € 94.000,00 × loonindex 1,0000 (prijspeil 2022) = € 376.000,00"),
        "{r}"
    );
    assert!(
        r.contains("sleutel iu_uitvoering over SDD-mandaat: aandeel 55,82 % (453.199 van 811.826)"),
        "{r}"
    );
    let bestanden: Vec<&str> = s[0].invoer.iter().map(|i| i.bestand.as_str()).collect();
    assert!(bestanden[0].ends_with("formatie.csv"), "{bestanden:?}");
    assert!(
        bestanden[1].ends_with("integratie_uitkering.csv"),
        "{bestanden:?}"
    );
    assert!(
        s[0].invoer[0]
            .bron
            .contains("Beleidskader Wet inburgering Drechtsteden")
    );
    // A group selects the bookings of all its members: 4 mandating gemeenten.
    let groep = Keuze {
        naam: Some("SDD-mandaat".into()),
        ..keuze
    };
    let s = sporen(&run, &groep).unwrap();
    let som: rust_decimal::Decimal = s.iter().map(|x| x.boeking.bedrag).sum();
    assert_eq!(s.len(), 4);
    assert_eq!(som.to_string(), "376000.00");
    let t = tabel("basis", &s);
    assert_eq!(t.rijen.len(), 8, "two input rows per booking");
}

#[test]
fn an_unknown_name_lists_the_names_that_exist() {
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    let e = sporen(
        &run,
        &Keuze {
            naam: Some("Rotterdam".into()),
            ..Keuze::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("onbekende gemeente of groep 'Rotterdam'"), "{e}");
    assert!(e.contains("Dordrecht") && e.contains("SDD-mandaat"), "{e}");
}

#[test]
fn the_command_prints_rule_rows_and_bron() {
    let uit = std::process::Command::new(env!("CARGO_BIN_EXE_raming"))
        .args([
            "herkomst",
            "--gemeente",
            "Zwijndrecht",
            "--jaar",
            "2024",
            "--post",
            "spuk",
        ])
        .output()
        .unwrap();
    assert!(uit.status.success());
    let t = String::from_utf8(uit.stdout).unwrap();
    // Zwijndrecht 2024: cohorts 2022–2024 of 17 asiel each (no growth) and 22 gezin in 2024.
    assert!(
        t.contains("SPUK-raming uit volumes: asiel cohort 2024 (teljaar 1): 17 × "),
        "{t}"
    );
    assert!(t.contains("gezin cohort 2024 (teljaar 1): 22 × "), "{t}");
    assert!(t.contains("instroom.csv rij"), "{t}");
    assert!(t.contains("spuk_tarieven.csv rij"), "{t}");
    assert!(t.contains("bron: "), "{t}");
}
