//! Hand-checked cases of the multi-year model, on small in-memory data sets with the arithmetic
//! written out, plus properties of volume-driven posts.

use proptest::prelude::*;
use raming::berekening::{Instellingen, SpukBron, Voorzieningen, bereken};
use raming::formatie::{Post, Sleutel};
use raming::fout::Herkomst;
use raming::gegevens::Gegevens;
use raming::gemeente::{Gemeente, Gemeenten};
use raming::indexatie::IndexSoort;
use raming::instroom::{Doelgroep, InstroomRegel};
use raming::ledger::Ledger;
use raming::routeverdeling::{Route, RouteAandeel};
use raming::tarief::{Component, Tarief};
use raming::uitkering::{IuRegel, IuSoort, Maatstaf, RijksBudget};
use raming::voorziening::KostenRegel;
use rust_decimal::{Decimal, dec};

fn h() -> Herkomst {
    Herkomst::new("test", 0)
}

fn gemeenten(n: usize) -> Gemeenten {
    Gemeenten {
        lijst: (0..n)
            .map(|i| Gemeente {
                code: format!("GM{:04}", i + 1),
                naam: format!("G{i}"),
                inwoners: Some(Decimal::from(10 * (i + 1))),
                niet_westers: Some(Decimal::from(5)),
                herkomst: h(),
            })
            .collect(),
        ..Default::default()
    }
}

fn tarief(jaar: i32, d: Doelgroep, c: Component, teljaar: u32, bedrag: Decimal) -> Tarief {
    Tarief {
        jaar,
        doelgroep: d,
        component: c,
        teljaar,
        bedrag,
        jaar_tot: None,
        herkomst: h(),
    }
}

fn instroom(g: usize, jaar: i32, d: Doelgroep, aantal: Decimal) -> InstroomRegel {
    InstroomRegel {
        gemeente: g,
        jaar,
        doelgroep: d,
        aantal,
        soort: raming::instroom::InstroomSoort::Inburgeringsplichtigen,
        herkomst: h(),
    }
}

fn post_bedrag(l: &Ledger, post: &str, jaar: i32) -> Option<Decimal> {
    let b: Vec<_> = l
        .boekingen
        .iter()
        .filter(|b| b.post.as_str() == post && b.jaar == jaar)
        .collect();
    (!b.is_empty()).then(|| b.iter().map(|b| b.bedrag).sum())
}

/// One gemeente, tariffs spread over three telling years for asiel, one for gezin.
fn cohort_data() -> Gegevens {
    let mut d = Gegevens {
        gemeenten: gemeenten(1),
        ..Default::default()
    };
    d.tarieven.regels = vec![
        tarief(
            2022,
            Doelgroep::Asiel,
            Component::Leerroute,
            1,
            dec!(3333.33),
        ),
        tarief(
            2022,
            Doelgroep::Asiel,
            Component::Leerroute,
            2,
            dec!(3333.33),
        ),
        tarief(
            2022,
            Doelgroep::Asiel,
            Component::Leerroute,
            3,
            dec!(3333.34),
        ),
        tarief(2022, Doelgroep::Asiel, Component::Map, 1, dec!(136)),
        tarief(2022, Doelgroep::Gezin, Component::Map, 1, dec!(195)),
    ];
    d
}

fn prognose(jaren: (i32, i32)) -> Instellingen {
    let mut i = Instellingen::new(jaren.0, jaren.1);
    i.spuk = SpukBron::Prognose;
    i
}

#[test]
fn asiel_cohort_counts_in_three_telling_years_and_then_stops() {
    let mut d = cohort_data();
    d.instroom
        .regels
        .push(instroom(0, 2023, Doelgroep::Asiel, dec!(10)));
    let l = bereken(&d, &prognose((2022, 2027))).unwrap().ledger;
    // 2022: nobody housed yet.
    assert_eq!(post_bedrag(&l, "spuk", 2022), None);
    // 2023 (teljaar 1): 10 × (3333.33 + 136) = 34693.30
    assert_eq!(post_bedrag(&l, "spuk", 2023), Some(dec!(34693.30)));
    // 2024 (teljaar 2): 10 × 3333.33 = 33333.30
    assert_eq!(post_bedrag(&l, "spuk", 2024), Some(dec!(33333.30)));
    // 2025 (teljaar 3): 10 × 3333.34 = 33333.40
    assert_eq!(post_bedrag(&l, "spuk", 2025), Some(dec!(33333.40)));
    // 2026: the cohort no longer counts. Total leerroute = 10 × 10000.
    assert_eq!(post_bedrag(&l, "spuk", 2026), None);
    assert_eq!(
        dec!(34693.30) + dec!(33333.30) + dec!(33333.40),
        dec!(100000) + dec!(1360)
    );
}

#[test]
fn gezin_cohort_counts_once() {
    let mut d = cohort_data();
    d.instroom
        .regels
        .push(instroom(0, 2023, Doelgroep::Gezin, dec!(5)));
    let l = bereken(&d, &prognose((2022, 2026))).unwrap().ledger;
    // 2023: 5 × 195 = 975; nothing in later years.
    assert_eq!(post_bedrag(&l, "spuk", 2023), Some(dec!(975)));
    assert_eq!(post_bedrag(&l, "spuk", 2024), None);
    assert_eq!(post_bedrag(&l, "spuk", 2025), None);
}

#[test]
fn beschikking_wins_and_settlement_shows_the_difference() {
    let mut d = cohort_data();
    d.instroom
        .regels
        .push(instroom(0, 2023, Doelgroep::Asiel, dec!(10)));
    d.beschikkingen.push(raming::uitkering::Beschikking {
        gemeente: 0,
        jaar: 2023,
        bedrag: dec!(40000),
        status: raming::uitkering::SpukStatus::Voorlopig,
        aantal_asiel: None,
        aantal_gezin: None,
        maand: None,
        regeling: Default::default(),
        herkomst: h(),
    });
    let b = bereken(&d, &Instellingen::new(2023, 2024)).unwrap();
    assert_eq!(post_bedrag(&b.ledger, "spuk", 2023), Some(dec!(40000)));
    // No beschikking for 2024: the forecast is booked.
    assert_eq!(post_bedrag(&b.ledger, "spuk", 2024), Some(dec!(33333.30)));
    // Settlement 2023: forecast 34693.30 − beschikking 40000 = −5306.70 (terugvordering) in 2024.
    assert_eq!(b.afrekening.len(), 1);
    assert_eq!(b.afrekening[0].verschil(), dec!(-5306.70));
    assert_eq!(b.afrekening[0].vaststellingsjaar, 2024);
    assert_eq!(b.afrekening[0].status(), "raming");
    // Once the definitieve beschikking (37000) is known, it is booked and the settlement is
    // definitief − voorlopig = −3000, status vastgesteld.
    d.beschikkingen.push(raming::uitkering::Beschikking {
        gemeente: 0,
        jaar: 2023,
        bedrag: dec!(37000),
        status: raming::uitkering::SpukStatus::Definitief,
        aantal_asiel: None,
        aantal_gezin: None,
        maand: None,
        regeling: Default::default(),
        herkomst: h(),
    });
    let b = bereken(&d, &Instellingen::new(2023, 2024)).unwrap();
    assert_eq!(post_bedrag(&b.ledger, "spuk", 2023), Some(dec!(37000)));
    assert_eq!(b.afrekening[0].verschil(), dec!(-3000));
    assert_eq!(b.afrekening[0].status(), "vastgesteld");
}

/// Two gemeenten with route costs, for the route-mix and doubling checks.
fn route_data() -> Gegevens {
    let mut d = cohort_data();
    d.gemeenten = gemeenten(2);
    d.tarieven.regels.push(tarief(
        2022,
        Doelgroep::Asiel,
        Component::Onderwijsroute,
        1,
        dec!(17000),
    ));
    for (r, laag, hoog) in [
        (Route::B1, dec!(50), dec!(40)),
        (Route::Onderwijs, dec!(10), dec!(20)),
        (Route::Z, dec!(40), dec!(40)),
    ] {
        d.routeverdeling.regels.push(RouteAandeel {
            doelgroep: Doelgroep::Asiel,
            route: r,
            laag,
            basis: laag,
            hoog,
            herkomst: h(),
        });
    }
    for (o, i, b) in [
        ("b1", 1, dec!(5000)),
        ("b1", 2, dec!(5000)),
        ("onderwijs", 1, dec!(16000)),
        ("z", 1, dec!(7000)),
        ("map", 1, dec!(136)),
    ] {
        d.kosten.push(KostenRegel {
            onderdeel: o.into(),
            doelgroep: Doelgroep::Asiel,
            jaar_index: i,
            bedrag: b,
            prijspeil: None,
            herkomst: h(),
        });
    }
    d.instroom
        .regels
        .push(instroom(0, 2022, Doelgroep::Asiel, dec!(10)));
    d.instroom
        .regels
        .push(instroom(1, 2022, Doelgroep::Asiel, dec!(7)));
    d
}

#[test]
fn route_mix_moves_lasten_not_baten_except_the_onderwijsroute_top_up() {
    let d = route_data();
    let mut laag = prognose((2022, 2024));
    laag.voorzieningen = Voorzieningen::Routes;
    laag.routes.variant = raming::routeverdeling::Variant::Laag;
    let mut hoog = laag.clone();
    hoog.routes.variant = raming::routeverdeling::Variant::Hoog;
    let a = bereken(&d, &laag).unwrap().ledger;
    let b = bereken(&d, &hoog).unwrap().ledger;
    for jaar in 2022..=2024 {
        assert_eq!(post_bedrag(&a, "spuk", jaar), post_bedrag(&b, "spuk", jaar));
    }
    // Top-up 2022, gemeente 0: the minimum 17000 less the leerroute money of a head housed in
    // 2022 (3333.33 + 3333.33 + 3333.34 = 10000) = 7000 per head; 10 heads × 10 % × 7000 = 7000;
    // hoog: × 20 % = 14000.
    let g0 =
        |l: &Ledger, post: &str, jaar: i32| l.bedrag(0, jaar, raming::ledger::Soort::Baten, post);
    assert_eq!(g0(&a, "spuk_onderwijsroute", 2022), dec!(7000));
    assert_eq!(g0(&b, "spuk_onderwijsroute", 2022), dec!(14000));
    // Lasten 2022, gemeente 0, laag: b1 10×50%×5000 = 25000; onderwijs 10×10%×16000 = 16000;
    // z 10×40%×7000 = 28000. Hoog: b1 20000; onderwijs 32000; z 28000.
    let l0 = |l: &Ledger, post: &str| l.bedrag(0, 2022, raming::ledger::Soort::Lasten, post);
    assert_eq!(l0(&a, "voorziening_b1"), dec!(25000));
    assert_eq!(l0(&a, "voorziening_onderwijs"), dec!(16000));
    assert_eq!(l0(&b, "voorziening_b1"), dec!(20000));
    assert_eq!(l0(&b, "voorziening_onderwijs"), dec!(32000));
    assert_eq!(l0(&a, "voorziening_z"), l0(&b, "voorziening_z"));
    // 2023: only b1 year 2 remains: laag 10×50%×5000 = 25000, hoog 20000.
    assert_eq!(
        a.bedrag(0, 2023, raming::ledger::Soort::Lasten, "voorziening_b1"),
        dec!(25000)
    );
    assert_eq!(
        b.bedrag(0, 2023, raming::ledger::Soort::Lasten, "voorziening_b1"),
        dec!(20000)
    );
}

#[test]
fn indexation_compounds_from_the_base_year() {
    let mut d = Gegevens {
        gemeenten: gemeenten(1),
        ..Default::default()
    };
    d.formatie.push(Post {
        post: "p".into(),
        omschrijving: "p".into(),
        fte: dec!(1),
        kosten_per_fte: dec!(100000),
        jaar_van: 2022,
        jaar_tot: 2025,
        sleutel: Sleutel::Gelijk,
        deelnemers_naam: "G0".into(),
        deelnemers: vec![0],
        prijspeil: 2022,
        uitvoerder: Default::default(),
        herkomst: h(),
    });
    d.indexatie.zet(IndexSoort::Lonen, 2023, dec!(10));
    d.indexatie.zet(IndexSoort::Lonen, 2024, dec!(10));
    d.indexatie.zet(IndexSoort::Lonen, 2025, dec!(-50));
    let l = bereken(&d, &Instellingen::new(2022, 2025)).unwrap().ledger;
    // 100000; × 1.1 = 110000; × 1.1 × 1.1 = 121000; × 1.21 × 0.5 = 60500.
    assert_eq!(post_bedrag(&l, "p", 2022), Some(dec!(100000)));
    assert_eq!(post_bedrag(&l, "p", 2023), Some(dec!(110000)));
    assert_eq!(post_bedrag(&l, "p", 2024), Some(dec!(121000)));
    assert_eq!(post_bedrag(&l, "p", 2025), Some(dec!(60500)));
    // A scenario override (lonen 0 % every year) replaces the data.
    let mut i = Instellingen::new(2022, 2025);
    i.indexatie.push((IndexSoort::Lonen, None, dec!(0)));
    let l = bereken(&d, &i).unwrap().ledger;
    assert_eq!(post_bedrag(&l, "p", 2025), Some(dec!(100000)));
    // fte override for one year.
    i.fte.push(("p".into(), 2024, dec!(2.5)));
    let l = bereken(&d, &i).unwrap().ledger;
    assert_eq!(post_bedrag(&l, "p", 2024), Some(dec!(250000)));
    assert_eq!(post_bedrag(&l, "p", 2023), Some(dec!(100000)));
}

#[test]
fn iu_projection_share_times_national_total_and_explicit_rows_win() {
    let mut d = Gegevens {
        gemeenten: gemeenten(3),
        ..Default::default()
    };
    let iu = |g, jaar, bedrag| IuRegel {
        gemeente: g,
        jaar,
        soort: IuSoort::Uitvoering,
        bedrag,
        prijspeil: None,
        herkomst: h(),
    };
    d.iu.push(iu(0, 2022, dec!(1000)));
    d.iu.push(iu(2, 2022, dec!(500)));
    d.iu.push(iu(2, 2023, dec!(777))); // explicit row wins over the projection
    for (jaar, bedrag) in [(2022, dec!(100000)), (2023, dec!(110000))] {
        d.rijksbudget.push(RijksBudget {
            jaar,
            soort: IuSoort::Uitvoering,
            bedrag,
            prijspeil: None,
            herkomst: h(),
        });
    }
    for (m, w, t) in [
        ("inwoners", dec!(78), dec!(1000)),
        ("niet_westers", dec!(22), dec!(100)),
    ] {
        d.maatstaven.push(Maatstaf {
            maatstaf: m.into(),
            gewicht: w,
            landelijk_totaal: t,
            herkomst: h(),
        });
    }
    let l = bereken(&d, &Instellingen::new(2022, 2023)).unwrap().ledger;
    let iu_of = |g, jaar| l.bedrag(g, jaar, raming::ledger::Soort::Baten, "iu_uitvoering");
    // Gemeente 0: share 1000 / 100000 = 1 %, 2023: 1 % × 110000 = 1100.
    assert_eq!(iu_of(0, 2022), dec!(1000));
    assert_eq!(iu_of(0, 2023), dec!(1100));
    // Gemeente 1 has no IU row: 0.78 × 20/1000 + 0.22 × 5/100 = 0.0156 + 0.011 = 0.0266;
    // 2022: 0.0266 × 100000 = 2660; 2023: 0.0266 × 110000 = 2926.
    assert_eq!(iu_of(1, 2022), dec!(2660));
    assert_eq!(iu_of(1, 2023), dec!(2926));
    assert_eq!(iu_of(2, 2023), dec!(777));
}

#[test]
fn instroom_projection_grows_beyond_the_data_and_scales() {
    let mut d = Gegevens {
        gemeenten: gemeenten(1),
        ..Default::default()
    };
    d.instroom
        .regels
        .push(instroom(0, 2022, Doelgroep::Asiel, dec!(100)));
    let mut i = raming::instroom::InstroomInstellingen {
        groei: Some(dec!(10)),
        ..Default::default()
    };
    let p = d.instroom.projecteer(1, 2024, &i).unwrap();
    // 100, then 110, 121.
    assert_eq!(p.aantal(0, 2023, Doelgroep::Asiel), dec!(110));
    assert_eq!(p.aantal(0, 2024, Doelgroep::Asiel), dec!(121));
    i.schaal = dec!(1.3);
    i.factoren.push((2024, 2024, dec!(2)));
    let p = d.instroom.projecteer(1, 2024, &i).unwrap();
    assert_eq!(p.aantal(0, 2022, Doelgroep::Asiel), dec!(130));
    assert_eq!(p.aantal(0, 2024, Doelgroep::Asiel), dec!(314.6));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn doubling_instroom_doubles_every_volume_driven_post(
        koppen in prop::collection::vec((0usize..2, 2020i32..2025, 0u32..2, 0i64..500), 1..12)
    ) {
        let mut d = route_data();
        d.instroom.regels.clear();
        for (g, jaar, dg, n) in &koppen {
            let dg = if *dg == 0 { Doelgroep::Asiel } else { Doelgroep::Gezin };
            if !d.instroom.regels.iter().any(|r| r.gemeente == *g && r.jaar == *jaar && r.doelgroep == dg) {
                d.instroom.regels.push(instroom(*g, *jaar, dg, Decimal::new(*n, 1)));
            }
        }
        let mut een = prognose((2022, 2026));
        een.voorzieningen = Voorzieningen::Routes;
        let mut twee = een.clone();
        twee.instroom.schaal = dec!(2);
        let a = bereken(&d, &een).unwrap().ledger;
        let b = bereken(&d, &twee).unwrap().ledger;
        let volume = |p: &str| p == "spuk" || p == "spuk_onderwijsroute" || p.starts_with("voorziening_");
        for x in a.boekingen.iter().filter(|x| volume(x.post.as_str())) {
            let y = b.bedrag(x.gemeente, x.jaar, x.soort, x.post.as_str());
            // Each booking is rounded once to the cent, so doubling holds to within a cent.
            prop_assert!((y - dec!(2) * x.bedrag).abs() <= dec!(0.01), "{} {}: {} vs {}", x.post, x.jaar, y, x.bedrag);
        }
        for x in b.boekingen.iter().filter(|x| volume(x.post.as_str())) {
            prop_assert!(a.boekingen.iter().any(|y| y.post == x.post && y.jaar == x.jaar && y.gemeente == x.gemeente) || x.bedrag <= dec!(0.01));
        }
    }
}

#[test]
fn a_new_tariff_year_replaces_the_whole_split() {
    let mut d = cohort_data();
    // From 2025 the leerroute is 11600, paid at once in the first telling year.
    d.tarieven.regels.push(tarief(
        2025,
        Doelgroep::Asiel,
        Component::Leerroute,
        1,
        dec!(11600),
    ));
    d.instroom
        .regels
        .push(instroom(0, 2024, Doelgroep::Asiel, dec!(1)));
    d.instroom
        .regels
        .push(instroom(0, 2025, Doelgroep::Asiel, dec!(1)));
    let l = bereken(&d, &prognose((2024, 2026))).unwrap().ledger;
    // 2024: cohort 2024 t1 = 3333.33 + 136.
    assert_eq!(post_bedrag(&l, "spuk", 2024), Some(dec!(3469.33)));
    // 2025: cohort 2025 t1 = 11600 + 136; cohort 2024 t2 = nothing (the 2025 split has no t2).
    assert_eq!(post_bedrag(&l, "spuk", 2025), Some(dec!(11736)));
    assert_eq!(post_bedrag(&l, "spuk", 2026), None);
}
