//! Charts of a region with many gemeenten stay readable: at most 20 bars (the largest and one
//! bar for the rest), at most 12 panels, and the totals are kept.

#[path = "../../benches/synthetisch.rs"]
#[allow(dead_code)]
pub mod synthetisch;

use raming::rapport::grafiek::{MAX_CATEGORIEEN, MAX_PANELEN, Soort, voor_run};

#[test]
fn sixty_gemeenten_give_bars_of_the_largest_and_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    synthetisch::genereer(tmp.path(), 60);
    let run = raming::draai(&tmp.path().join("landelijk.toml")).unwrap();
    let grafieken = voor_run(&run);
    let saldo = grafieken.iter().find(|g| g.naam == "saldo_2022").unwrap();
    let Soort::SaldoStaven {
        categorieen,
        waarden,
    } = &saldo.soort
    else {
        panic!("saldo_2022 is geen staafgrafiek");
    };
    assert_eq!(categorieen.len(), MAX_CATEGORIEEN);
    assert_eq!(categorieen[19], "overige (41 gemeenten)");
    assert!(
        saldo.titel.contains("de 19 grootste van 60 gemeenten"),
        "{}",
        saldo.titel
    );
    // The bars add up to the sum of every gemeente's saldo (whole euros of the overview).
    let o = &run.uitkomst.overzichten[0];
    let totaal: f64 = o.rij("saldo").unwrap().waarden[..60]
        .iter()
        .map(|x| x.to_string().parse::<f64>().unwrap())
        .sum();
    assert!((waarden.iter().sum::<f64>() - totaal).abs() < 0.5);
    for g in &grafieken {
        match &g.soort {
            Soort::Staven { categorieen, .. } | Soort::SaldoStaven { categorieen, .. } => {
                assert!(categorieen.len() <= MAX_CATEGORIEEN, "{}", g.naam)
            }
            Soort::Panelen { panelen, .. } => assert!(panelen.len() <= MAX_PANELEN, "{}", g.naam),
            _ => {}
        }
    }
    // And they are drawn.
    let uit = tmp.path().join("uit");
    let s = std::process::Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(["bereken", "--alle-grafieken", "--uit"])
        .arg(&uit)
        .arg(tmp.path().join("landelijk.toml"))
        .output()
        .unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    assert!(uit.join("grafieken/saldo_2022.png").exists());
    if let Ok(map) = std::env::var("RAMING_GRAFIEK_MAP") {
        std::fs::copy(
            uit.join("grafieken/saldo_2022.png"),
            format!("{map}/saldo_2022.png"),
        )
        .unwrap();
        std::fs::copy(
            uit.join("grafieken/baten_lasten_2022.png"),
            format!("{map}/baten_lasten_2022.png"),
        )
        .unwrap();
    }
}
