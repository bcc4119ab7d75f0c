//! The reference table of DOMAIN.md ("Voorlopige opgave Lasten en Baten Inburgering 2022", seed
//! 003), computed from the default data files alone. The table is the SDD's own opgave: per
//! gemeente the IU, the SPUK of the gemeenten that mandate the SDD, and the lasten the SDD
//! executes (the bijdragen). It is reproduced on that view (`rapport::uitvoering::opgave`):
//! every cell within €1 of the seed, the IU, SPUK and post totals exactly, and every displayed
//! total equal to the sum of its displayed parts (across and down). The overview of all lasten
//! per gemeente differs from it by exactly the lasten outside the SDD (tested below).
use raming::rapport::overzicht::Overzicht;
use rust_decimal::Decimal;
use std::path::Path;

const KOLOMMEN: [&str; 8] = [
    "Alblasserdam",
    "Dordrecht",
    "Hardinxveld-Giessendam",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
    "SDD",
];

/// (post id in our table, seed row; blank seed cells are 0).
const SEED: [(&str, [i64; 8]); 10] = [
    (
        "iu_uitvoering",
        [62814, 453199, 51979, 96887, 104930, 80938, 156810, 1007557],
    ),
    ("spuk", [0, 265808, 0, 68316, 68905, 0, 104734, 507763]),
    (
        "totaal_baten",
        [62814, 719007, 51979, 165203, 173835, 80938, 261544, 1515320],
    ),
    (
        "procesregie",
        [0, 209901, 0, 44874, 48599, 0, 72627, 376000],
    ),
    (
        "voortgang_handhaving",
        [0, 78713, 0, 16828, 18225, 0, 27235, 141000],
    ),
    (
        "beleid_ondersteuning",
        [0, 91106, 0, 19477, 21094, 0, 31523, 163200],
    ),
    (
        "financieel_ontzorgen",
        [8790, 63422, 7274, 13559, 14684, 11327, 21944, 141000],
    ),
    (
        "inburgeringsvoorzieningen",
        [0, 265808, 0, 68316, 68905, 0, 104734, 507763],
    ),
    (
        "totaal_lasten",
        [8790, 708949, 7274, 163053, 171506, 11327, 258063, 1328963],
    ),
    // saldo is not in the seed table; derived from its baten and lasten rows.
    (
        "saldo",
        [54024, 10058, 44705, 2150, 2329, 69611, 3481, 186357],
    ),
];

/// The SDD's opgave 2022: what goes through the SDD.
fn overzicht_2022() -> Overzicht {
    let run = raming::draai(Path::new("scenarios/basis.toml")).expect("default scenario runs");
    raming::rapport::uitvoering::opgave(&run.ledger, &run.gegevens, "SDD", 2022)
        .expect("opgave SDD 2022")
}

#[test]
fn every_cell_within_one_euro_of_the_seed() {
    let o = overzicht_2022();
    for (post, seed) in SEED {
        for (k, verwacht) in KOLOMMEN.iter().zip(seed) {
            let w = o
                .waarde(post, k)
                .unwrap_or_else(|| panic!("{post}/{k} ontbreekt"));
            let verschil = (w - Decimal::from(verwacht)).abs();
            assert!(
                verschil <= Decimal::ONE,
                "{post} {k}: {w} vs seed {verwacht}"
            );
        }
    }
    // Rows that are in the seed's table are all there, nothing else but totals.
    let posten: Vec<&str> = o.rijen.iter().map(|r| r.post.as_str()).collect();
    assert_eq!(posten, SEED.iter().map(|(p, _)| *p).collect::<Vec<_>>());
}

#[test]
fn exact_rows_are_reproduced_exactly() {
    // IU, SPUK and fte totals are exact in the seed; so must ours be.
    let o = overzicht_2022();
    for (post, seed) in SEED
        .iter()
        .filter(|(p, _)| ["iu_uitvoering", "spuk", "inburgeringsvoorzieningen"].contains(p))
    {
        for (k, v) in KOLOMMEN.iter().zip(seed) {
            assert_eq!(o.waarde(post, k), Some(Decimal::from(*v)), "{post} {k}");
        }
    }
    for (post, totaal) in [
        ("procesregie", 376000),
        ("voortgang_handhaving", 141000),
        ("beleid_ondersteuning", 163200),
        ("financieel_ontzorgen", 141000),
    ] {
        assert_eq!(o.waarde(post, "SDD"), Some(Decimal::from(totaal)));
    }
    assert_eq!(
        o.waarde("totaal_lasten", "SDD"),
        Some(Decimal::from(1328963))
    );
    assert_eq!(
        o.waarde("totaal_baten", "SDD"),
        Some(Decimal::from(1515320))
    );
}

#[test]
fn displayed_table_is_sluitend_across_and_down() {
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    for o in &run.uitkomst.overzichten {
        let n = o.aantal_gemeenten;
        // Across: each group column equals the sum of its members' displayed cells.
        for (gi, groep) in run.gegevens.groepen.iter().enumerate() {
            for r in &o.rijen {
                let som: Decimal = groep.leden.iter().map(|l| r.waarden[*l]).sum();
                assert_eq!(
                    r.waarden[n + gi],
                    som,
                    "{} {} {}",
                    o.jaar,
                    r.post,
                    groep.naam
                );
            }
        }
        // Down: totals are sums of displayed posts, saldo = baten − lasten.
        let posten = |tot: &str| {
            let eind = o.rijen.iter().position(|r| r.post.as_str() == tot).unwrap();
            let begin = if tot == "totaal_baten" {
                0
            } else {
                o.rijen
                    .iter()
                    .position(|r| r.post.as_str() == "totaal_baten")
                    .unwrap()
                    + 1
            };
            (begin, eind)
        };
        for tot in ["totaal_baten", "totaal_lasten"] {
            let (b, e) = posten(tot);
            for k in 0..o.kolommen.len() {
                let som: Decimal = o.rijen[b..e].iter().map(|r| r.waarden[k]).sum();
                assert_eq!(
                    o.rijen[e].waarden[k], som,
                    "{} {tot} kolom {}",
                    o.jaar, o.kolommen[k]
                );
            }
        }
        for k in 0..o.kolommen.len() {
            assert_eq!(
                o.waarde("saldo", &o.kolommen[k]).unwrap(),
                o.waarde("totaal_baten", &o.kolommen[k]).unwrap()
                    - o.waarde("totaal_lasten", &o.kolommen[k]).unwrap()
            );
        }
        // Each displayed post row rounds its exact total: the SDD cell is within €0,50 of exact.
        for r in o.rijen.iter().filter(|r| !r.is_totaal) {
            let exact: Decimal = run
                .ledger
                .boekingen
                .iter()
                .filter(|b| b.jaar == o.jaar && b.post.as_str() == r.post)
                .map(|b| b.bedrag)
                .sum();
            assert!((o.waarde(&r.post, "SDD").unwrap() - exact).abs() <= Decimal::new(5, 1));
        }
    }
}

#[test]
fn ledger_keeps_cents_and_shares_add_up_to_the_post() {
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    let b = |post: &str, gemeente: &str| {
        run.ledger
            .boekingen
            .iter()
            .find(|b| {
                b.jaar == 2022
                    && b.post.as_str() == post
                    && run.gegevens.gemeenten.naam(b.gemeente) == gemeente
            })
            .unwrap()
            .bedrag
    };
    // 376000 × 453199 / 811826 = 209900.6733… → 209900.67
    assert_eq!(b("procesregie", "Dordrecht"), Decimal::new(20990067, 2));
    for post in [
        "procesregie",
        "voortgang_handhaving",
        "beleid_ondersteuning",
        "financieel_ontzorgen",
    ] {
        for jaar in 2022..=2024 {
            let som: Decimal = run
                .ledger
                .boekingen
                .iter()
                .filter(|x| x.jaar == jaar && x.post.as_str() == post)
                .map(|x| x.bedrag)
                .sum();
            let post_def = run
                .gegevens
                .formatie
                .iter()
                .find(|p| p.post.as_str() == post)
                .unwrap();
            assert_eq!(
                som,
                post_def.kosten(post_def.fte, Decimal::ONE),
                "{post} {jaar}"
            );
        }
    }
}

#[test]
fn the_overview_differs_from_the_opgave_by_the_lasten_outside_the_sdd() {
    // The SDD column of the overview is every lasten of its seven members; the opgave only what
    // the SDD executes. The difference is the three non-mandating gemeenten's own execution
    // (0,55 / 0,45 / 0,71 fte × € 95.803 = 52.691,65 / 43.111,35 / 68.020,13, the aanname in
    // formatie.csv) and Alblasserdam's inburgeringsvoorzieningen (its SPUK 118.000, passed on).
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    let o = run
        .uitkomst
        .overzichten
        .iter()
        .find(|o| o.jaar == 2022)
        .unwrap();
    let opgave = overzicht_2022();
    let d = |post: &str, k: &str| o.waarde(post, k).unwrap() - opgave.waarde(post, k).unwrap();
    assert_eq!(d("totaal_lasten", "SDD"), Decimal::from(281823));
    assert_eq!(
        d("totaal_lasten", "Alblasserdam"),
        Decimal::from(52692 + 118000)
    );
    assert_eq!(
        d("totaal_lasten", "Hardinxveld-Giessendam"),
        Decimal::from(43111)
    );
    assert_eq!(d("totaal_lasten", "Sliedrecht"), Decimal::from(68020));
    for k in [
        "Dordrecht",
        "Hendrik-Ido-Ambacht",
        "Papendrecht",
        "Zwijndrecht",
    ] {
        assert_eq!(d("totaal_lasten", k), Decimal::ZERO, "{k}");
        assert_eq!(d("totaal_baten", k), Decimal::ZERO, "{k}");
    }
    assert_eq!(d("spuk", "Alblasserdam"), Decimal::from(118000));
    // The report says so, in one sentence.
    let zin = raming::rapport::uitvoering::verschil_met_groep(
        &run.gegevens,
        &run.ledger,
        &run.regio,
        "SDD",
        2022,
    )
    .unwrap();
    assert!(zin.contains("lasten € 1.328.963"), "{zin}");
    assert!(zin.contains("€ 281.823 hoger"), "{zin}");
    assert!(
        zin.contains("Alblasserdam € 170.692 (eigen uitvoering € 170.692)"),
        "{zin}"
    );
}
