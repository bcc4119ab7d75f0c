//! Issue 12 item 6 (BBV): `spuk_baten = "beste_schatting"` books the SPUK at the best estimate of
//! the definitive amount; `balans.csv` shows booked baten against advances at year-end.

use raming::ledger::Soort;
use rust_decimal::dec;
use std::fs;
use std::path::PathBuf;

const NOORD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/regio_noord");

fn regio(beschikkingen: &str, extra: &str) -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(NOORD, t.path(), "data");
    fs::write(data.join("spuk_beschikking.csv"), beschikkingen).unwrap();
    let s = t.path().join("s.toml");
    fs::write(
        &s,
        format!(
            "naam = \"s\"\ndata = \"data\"\njaren = [2024, 2027]\n{extra}[instroom]\ngroei = 0\n"
        ),
    )
    .unwrap();
    (t, s)
}

const BESCHIKKINGEN: &str = "gemeente,jaar,bedrag,status,maand\n\
    Alkmaar,2024,120000,voorlopig,\n\
    Alkmaar,2024,150000,nader_voorlopig,7\n\
    Bergen (NH.),2024,60000,voorlopig,\n\
    Castricum,2024,70000,voorlopig,\n\
    Heiloo,2024,50000,voorlopig,\n";

#[test]
fn best_estimate_is_booked_and_the_difference_with_the_advances_is_a_balance_position() {
    // Alkmaar 2024: forecast 50 asiel × (4.000 + 2.000) + 30 gezin × 600 = 318.000; advances
    // 6 × 10.000 + 6 × 12.500 = 135.000 → nog te ontvangen 183.000.
    let (_t, s) = regio(BESCHIKKINGEN, "spuk_baten = \"beste_schatting\"\n");
    let run = raming::draai(&s).unwrap();
    assert_eq!(
        run.ledger.bedrag(0, 2024, Soort::Baten, "spuk"),
        dec!(318000)
    );
    // The pass-through lasten follow the baten.
    assert_eq!(
        run.ledger
            .bedrag(0, 2024, Soort::Lasten, "inburgeringsvoorzieningen"),
        dec!(318000)
    );
    let b = run
        .balans
        .iter()
        .find(|b| b.gemeente == 0 && b.jaar == 2024)
        .unwrap();
    assert_eq!(b.voorschotten, dec!(135000));
    assert_eq!(b.nog_te_ontvangen(), dec!(183000));
    assert_eq!(b.vooruitontvangen(), dec!(0));
    // Bergen: forecast 10 × 6.000 + 5 × 600 = 63.000 against 60.000 received.
    let b = run
        .balans
        .iter()
        .find(|b| b.gemeente == 1 && b.jaar == 2024)
        .unwrap();
    assert_eq!((b.baten, b.nog_te_ontvangen()), (dec!(63000), dec!(3000)));
    let csv = String::from_utf8(raming::uitvoer::balans_csv(&run).unwrap()).unwrap();
    assert!(
        csv.contains("s,Alkmaar,2024,voorzieningen,318000.00,135000.00,183000.00,0.00"),
        "{csv}"
    );
    // The group adds its members' positions.
    assert!(csv.contains("s,Regio,2024,voorzieningen,"), "{csv}");
}

#[test]
fn without_the_setting_the_beschikking_is_booked_and_the_position_is_what_the_twelfths_leave() {
    let (_t, s) = regio(BESCHIKKINGEN, "");
    let run = raming::draai(&s).unwrap();
    // The latest known beschikking (nader voorlopig 150.000) against 135.000 received.
    assert_eq!(
        run.ledger.bedrag(0, 2024, Soort::Baten, "spuk"),
        dec!(150000)
    );
    let b = run
        .balans
        .iter()
        .find(|b| b.gemeente == 0 && b.jaar == 2024)
        .unwrap();
    assert_eq!(b.nog_te_ontvangen(), dec!(15000));
    let b = run
        .balans
        .iter()
        .find(|b| b.gemeente == 1 && b.jaar == 2024)
        .unwrap();
    assert_eq!(
        (b.nog_te_ontvangen(), b.vooruitontvangen()),
        (dec!(0), dec!(0))
    );
}

#[test]
fn a_terugvordering_expected_is_vooruitontvangen() {
    // Heiloo: a beschikking of 60.000 received in twelfths against a best estimate of
    // 8 × 6.000 + 4 × 600 = 50.400 → 9.600 vooruitontvangen (overlopende passiva).
    let b = BESCHIKKINGEN.replace("Heiloo,2024,50000", "Heiloo,2024,60000");
    let (_t, s) = regio(&b, "spuk_baten = \"beste_schatting\"\n");
    let run = raming::draai(&s).unwrap();
    let b = run
        .balans
        .iter()
        .find(|b| b.gemeente == 3 && b.jaar == 2024)
        .unwrap();
    assert_eq!(b.baten, dec!(50400));
    assert_eq!(b.vooruitontvangen(), dec!(9600));
    assert_eq!(b.nog_te_ontvangen(), dec!(0));
}
