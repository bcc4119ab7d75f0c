//! Issue 12, items 4(b) and 6 (reserve): the onderwijsroute top-up to the guaranteed minimum
//! trajectprijs (2026–2029) and the bestemmingsreserve inburgering, hand-checked on a small
//! invented region written by the test (two gemeenten, figures chosen to compute by hand).

use raming::ledger::{Boeking, Ledger, Soort};
use rust_decimal::{Decimal, dec};
use std::fs;
use std::path::PathBuf;

const BRON: &str = "testgegevens (verzonnen)";

/// Leerroute 5000 + 4000 + 3000 = 12000 per asiel head (2026 prices); minimum onderwijsroute
/// 17000 from 2026 up to and including 2029.
const TARIEVEN: &str = "jaar,doelgroep,component,teljaar,bedrag,jaar_tot,bron
2026,asiel,leerroute,1,5000,,t
2026,asiel,leerroute,2,4000,,t
2026,asiel,leerroute,3,3000,,t
2026,gezin,map,1,100,,t
2026,asiel,onderwijsroute,1,17000,2029,t
";

/// A data folder and a scenario beside it.
struct Regio {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Regio {
    fn new(scenario: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        let data = map.join("data");
        fs::create_dir_all(&data).unwrap();
        let schrijf = |n: &str, t: &str| fs::write(data.join(n), t).unwrap();
        schrijf(
            "gemeenten.csv",
            &format!(
                "code,naam,inwoners,niet_westers,bron\nGM9001,Testdorp,10000,1000,{BRON}\nGM9002,Proefstad,20000,2000,{BRON}\n"
            ),
        );
        schrijf(
            "groepen.csv",
            "groep,gemeente,bron\nRegio,Testdorp,t\nRegio,Proefstad,t\n",
        );
        // Testdorp: IU minus 50000 fte costs = +5000, −20000, +3000, 0, 0 (2026–2030).
        // Proefstad: IU 40000 minus 40000 = 0 every year.
        let mut iu = String::from("gemeente,jaar,soort,bedrag,bron\n");
        for (j, t) in [
            (2026, 55000),
            (2027, 30000),
            (2028, 53000),
            (2029, 50000),
            (2030, 50000),
        ] {
            iu.push_str(&format!("Testdorp,{j},uitvoering,{t},{BRON}\n"));
            iu.push_str(&format!("Proefstad,{j},uitvoering,40000,{BRON}\n"));
        }
        schrijf("integratie_uitkering.csv", &iu);
        schrijf(
            "formatie.csv",
            &format!(
                "post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers,bron\n\
                 regie_t,regie Testdorp,1,50000,2026,2030,gelijk,Testdorp,{BRON}\n\
                 regie_p,regie Proefstad,1,40000,2026,2030,gelijk,Proefstad,{BRON}\n"
            ),
        );
        // Testdorp houses 10 asiel heads in 2027, 5 in 2029 and 10 in 2030; nobody else.
        let mut instroom = String::from("gemeente,jaar,doelgroep,aantal,bron\n");
        for (j, n) in [(2026, 0), (2027, 10), (2028, 0), (2029, 5), (2030, 10)] {
            instroom.push_str(&format!("Testdorp,{j},asiel,{n},{BRON}\n"));
            instroom.push_str(&format!("Testdorp,{j},gezin,0,{BRON}\n"));
            instroom.push_str(&format!("Proefstad,{j},asiel,0,{BRON}\n"));
            instroom.push_str(&format!("Proefstad,{j},gezin,0,{BRON}\n"));
        }
        schrijf("instroom.csv", &instroom);
        schrijf("spuk_tarieven.csv", TARIEVEN);
        // 20 % of asiel heads in the onderwijsroute: 10 heads → 2.
        schrijf(
            "routeverdeling.csv",
            "doelgroep,route,laag,basis,hoog,bron\nasiel,b1,40,40,40,t\nasiel,onderwijs,20,20,20,t\nasiel,z,40,40,40,t\n",
        );
        // Tariffs +2 % in 2027, then flat; wages flat.
        let mut idx = String::from("jaar,soort,percentage,bron\n");
        for j in 2026..=2030 {
            let t = if j == 2027 { 2 } else { 0 };
            idx.push_str(&format!("{j},tarieven,{t},{BRON}\n{j},lonen,0,{BRON}\n"));
        }
        schrijf("indexatie.csv", &idx);
        let r = Regio { _tmp: tmp, map };
        r.scenario(scenario);
        r
    }
    fn scenario(&self, tekst: &str) {
        fs::write(
            self.map.join("s.toml"),
            format!("naam = \"s\"\ndata = \"data\"\nspuk = \"prognose\"\n{tekst}"),
        )
        .unwrap();
    }
    fn schrijf(&self, naam: &str, tekst: &str) {
        fs::write(self.map.join("data").join(naam), tekst).unwrap();
    }
    fn draai(&self) -> raming::Run {
        match raming::draai(&self.map.join("s.toml")) {
            Ok(r) => r,
            Err(e) => panic!("verwacht een geslaagde berekening, kreeg:\n{e}"),
        }
    }
    fn fout(&self) -> String {
        match raming::draai(&self.map.join("s.toml")) {
            Ok(_) => panic!("verwacht een fout"),
            Err(e) => e.to_string(),
        }
    }
}

fn bedrag(run: &raming::Run, g: &str, jaar: i32, soort: Soort, post: &str) -> Decimal {
    run.ledger
        .bedrag(run.gegevens.gemeenten.zoek(g).unwrap(), jaar, soort, post)
}

fn geboekt(run: &raming::Run, jaar: i32, post: &str) -> bool {
    run.ledger
        .boekingen
        .iter()
        .any(|b| b.jaar == jaar && b.post.as_str() == post)
}

const JAREN_2026_2030: &str = "jaren = [2026, 2030]\n";

#[test]
fn onderwijsroute_top_up_for_two_heads_in_2027_is_the_minimum_less_the_leerroute_money() {
    let run = Regio::new(JAREN_2026_2030).draai();
    // 2027: 10 asiel heads × 20 % onderwijsroute = 2 heads. Tarieven index 2026→2027: 1,02.
    // Minimum per head: 17000 × 1,02 = 17340. Leerroute money of a head housed in 2027:
    // (5000 + 4000 + 3000) × 1,02 = 12240. Top-up per head: 17340 − 12240 = 5100.
    // 2 heads × 5100 = 10200 (the old rule paid 2 × 17340 = 34680 on top).
    assert_eq!(
        bedrag(&run, "Testdorp", 2027, Soort::Baten, "spuk_onderwijsroute"),
        dec!(10200.00)
    );
    // Passed through to the voorzieningen: SPUK 2027 = 10 × 5000 × 1,02 = 51000, + 10200.
    assert_eq!(
        bedrag(&run, "Testdorp", 2027, Soort::Baten, "spuk"),
        dec!(51000.00)
    );
    assert_eq!(
        bedrag(
            &run,
            "Testdorp",
            2027,
            Soort::Lasten,
            "inburgeringsvoorzieningen"
        ),
        dec!(61200.00)
    );
    // 2029 is the last year in force (jaar_tot, inclusive): 5 × 20 % = 1 head × 5100.
    assert_eq!(
        bedrag(&run, "Testdorp", 2029, Soort::Baten, "spuk_onderwijsroute"),
        dec!(5100.00)
    );
    // Paid once, in the year of housing: nothing for the 2027 cohort in 2028.
    assert!(!geboekt(&run, 2028, "spuk_onderwijsroute"));
    // Nobody housed in Proefstad: nothing.
    assert_eq!(
        bedrag(&run, "Proefstad", 2027, Soort::Baten, "spuk_onderwijsroute"),
        Decimal::ZERO
    );
}

#[test]
fn no_onderwijsroute_top_up_after_jaar_tot() {
    let run = Regio::new(JAREN_2026_2030).draai();
    // 10 heads housed in 2030, but the minimum holds up to and including 2029.
    assert!(!geboekt(&run, 2030, "spuk_onderwijsroute"));
    // The regular SPUK for them is still paid: 10 × 5000 × 1,02 (t1 of cohort 2030)
    // + 5 × 4000 × 1,02 (t2 of cohort 2029) = 51000 + 20400.
    assert_eq!(
        bedrag(&run, "Testdorp", 2030, Soort::Baten, "spuk"),
        dec!(71400.00)
    );
}

#[test]
fn a_head_whose_leerroute_money_exceeds_the_minimum_gets_no_top_up() {
    let r = Regio::new(JAREN_2026_2030);
    // Leerroute 8000 + 6000 + 4000 = 18000 > 17000: the top-up is max(0, 17000 − 18000) = 0.
    r.schrijf(
        "spuk_tarieven.csv",
        &TARIEVEN
            .replace(",1,5000,", ",1,8000,")
            .replace(",2,4000,", ",2,6000,")
            .replace(",3,3000,", ",3,4000,"),
    );
    let run = r.draai();
    for j in 2026..=2030 {
        assert!(!geboekt(&run, j, "spuk_onderwijsroute"), "{j}");
    }
}

#[test]
fn bad_onderwijsroute_tariff_rows_are_refused_with_file_row_and_column() {
    let r = Regio::new(JAREN_2026_2030);
    r.schrijf(
        "spuk_tarieven.csv",
        &TARIEVEN.replace(
            "2026,asiel,onderwijsroute,1,17000,2029,t",
            "2026,asiel,onderwijsroute,2,17000,2025,t",
        ),
    );
    let f = r.fout();
    assert!(
        f.contains("spuk_tarieven.csv, regel 6, kolom teljaar"),
        "{f}"
    );
    assert!(
        f.contains("eenmalig betaald in het jaar van huisvesting"),
        "{f}"
    );
    assert!(
        f.contains("spuk_tarieven.csv, regel 6, kolom jaar_tot"),
        "{f}"
    );
    assert!(f.contains("2025 ligt vóór jaar 2026"), "{f}");
}

const RESERVE: &str = "jaren = [2026, 2028]
[reserve]
naam = \"Bestemmingsreserve inburgering\"
beginsaldo = { Testdorp = 10000 }
";

/// (beginsaldo, toevoeging, onttrekking, eindsaldo, resultaat vóór, resultaat ná) per year.
fn regels(run: &raming::Run, naam: &str) -> Vec<[Decimal; 6]> {
    raming::rapport::reserve::regels(&run.gegevens, run.reserve.as_ref())
        .into_iter()
        .filter(|(n, _)| n == naam)
        .map(|(_, l)| l.bedragen())
        .collect()
}

#[test]
fn reserve_over_three_years_hand_checked() {
    let run = Regio::new(RESERVE).draai();
    // IU part of Testdorp: +5000, −20000, +3000 (the SPUK and its pass-through, including the
    // onderwijsroute top-up of 2027, do not count). Opening 10000.
    // 2026: +5000 added → 15000, result after bestemming 0.
    // 2027: −20000, withdrawal capped at the balance 15000 → 0; −5000 stays a deficit.
    // 2028: +3000 added → 3000.
    assert_eq!(
        regels(&run, "Testdorp"),
        vec![
            [
                dec!(10000),
                dec!(5000),
                dec!(0),
                dec!(15000),
                dec!(5000),
                dec!(0)
            ],
            [
                dec!(15000),
                dec!(0),
                dec!(15000),
                dec!(0),
                dec!(-20000),
                dec!(-5000)
            ],
            [
                dec!(0),
                dec!(3000),
                dec!(0),
                dec!(3000),
                dec!(3000),
                dec!(0)
            ],
        ]
    );
    // The ledger lines: toevoeging as lasten, onttrekking as baten; saldo after them is the
    // resultaat ná bestemming.
    assert_eq!(
        bedrag(&run, "Testdorp", 2026, Soort::Lasten, "toevoeging_reserve"),
        dec!(5000)
    );
    assert_eq!(
        bedrag(&run, "Testdorp", 2027, Soort::Baten, "onttrekking_reserve"),
        dec!(15000)
    );
    assert_eq!(
        bedrag(&run, "Testdorp", 2028, Soort::Lasten, "toevoeging_reserve"),
        dec!(3000)
    );
    let saldo = |j| run.uitkomst.saldi[&("Testdorp".to_string(), j)].saldo();
    assert_eq!(
        (saldo(2026), saldo(2027), saldo(2028)),
        (dec!(0), dec!(-5000), dec!(0))
    );
    // Proefstad breaks even: no lines, balance 0.
    assert!(
        !run.ledger
            .boekingen
            .iter()
            .any(|b| b.gemeente == 1 && b.post.is_reserve())
    );
    // The group column is the sum of its members.
    assert_eq!(
        regels(&run, "Regio")
            .iter()
            .map(|r| r[3])
            .collect::<Vec<_>>(),
        vec![dec!(15000), dec!(0), dec!(3000)]
    );
    // The capped withdrawal is a warning naming gemeente and year.
    let w: Vec<String> = run.waarschuwingen.iter().map(|w| w.to_string()).collect();
    let capped: Vec<&String> = w.iter().filter(|w| w.contains("onttrekking")).collect();
    assert_eq!(capped.len(), 1, "{w:?}");
    assert!(capped[0].contains("Testdorp 2027"), "{}", capped[0]);
    assert!(
        capped[0].contains("€ 5.000,00 blijft een tekort"),
        "{}",
        capped[0]
    );
    assert!(
        capped[0].contains("s.toml, regel 5, kolom reserve"),
        "{}",
        capped[0]
    );
    // bestemmingsreserve.csv, exact to the cent.
    let csv = String::from_utf8(raming::uitvoer::bestemmingsreserve_csv(&run).unwrap()).unwrap();
    assert!(csv.starts_with("gemeente,jaar,beginsaldo,toevoeging,onttrekking,eindsaldo,resultaat_voor_bestemming,resultaat_na_bestemming\r\n"));
    assert!(csv.contains("Testdorp,2027,15000.00,0.00,15000.00,0.00,-20000.00,-5000.00\r\n"));
    assert!(csv.contains("Regio,2026,10000.00,5000.00,0.00,15000.00,5000.00,0.00\r\n"));
    let namen: Vec<String> = raming::uitvoer::bestanden(&run)
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(namen.contains(&"bestemmingsreserve.csv".to_string()));
    assert!(namen.contains(&"grafieken/bestemmingsreserve.svg".to_string()));
}

#[test]
fn reserve_with_a_ceiling() {
    for plafond in ["plafond = 12000\n", "plafond = { GM9001 = 12000 }\n"] {
        let run = Regio::new(&format!("{RESERVE}{plafond}")).draai();
        // 2026: +5000, but the ceiling 12000 allows only 2000; +3000 stays a surplus.
        // 2027: −20000, withdrawal capped at 12000; −8000 stays. 2028: +3000 → 3000.
        assert_eq!(
            regels(&run, "Testdorp"),
            vec![
                [
                    dec!(10000),
                    dec!(2000),
                    dec!(0),
                    dec!(12000),
                    dec!(5000),
                    dec!(3000)
                ],
                [
                    dec!(12000),
                    dec!(0),
                    dec!(12000),
                    dec!(0),
                    dec!(-20000),
                    dec!(-8000)
                ],
                [
                    dec!(0),
                    dec!(3000),
                    dec!(0),
                    dec!(3000),
                    dec!(3000),
                    dec!(0)
                ],
            ],
            "{plafond}"
        );
    }
}

#[test]
fn without_reserve_nothing_changes() {
    let run = Regio::new("jaren = [2026, 2028]\n").draai();
    assert!(run.reserve.is_none());
    assert!(!run.ledger.boekingen.iter().any(|b| b.post.is_reserve()));
    let namen: Vec<String> = raming::uitvoer::bestanden(&run)
        .unwrap()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(!namen.iter().any(|n| n.contains("bestemmingsreserve")));
}

#[test]
fn iu_part_leaves_out_the_spuk_pass_through() {
    let boek = |soort, post: &str, bedrag| Boeking {
        gemeente: 0,
        jaar: 2026,
        soort,
        post: post.into(),
        label: post.into(),
        bedrag,
        uitvoerder: Default::default(),
    };
    let l = Ledger {
        boekingen: vec![
            boek(Soort::Baten, "iu_uitvoering", dec!(100000)),
            boek(Soort::Baten, "spuk", dec!(50000)),
            boek(Soort::Baten, "spuk_onderwijsroute", dec!(5000)),
            boek(Soort::Lasten, "procesregie", dec!(70000)),
            boek(Soort::Lasten, "voorziening_b1", dec!(80000)),
            boek(Soort::Lasten, "inburgeringsvoorzieningen", dec!(1)),
        ],
    };
    // 100000 − 70000: the route costs above the SPUK do not touch the reserve.
    assert_eq!(raming::reserve::iu_deel(&l, 0, 2026), dec!(30000));
}

fn faalt(r: &Regio, verwacht: &[&str]) {
    let f = r.fout();
    for v in verwacht {
        assert!(f.contains(v), "verwacht '{v}' in:\n{f}");
    }
}

#[test]
fn bad_reserve_sections_are_refused_in_dutch() {
    let r = Regio::new("jaren = [2026, 2028]\n");
    let met = |reserve: &str| {
        r.scenario(&format!("jaren = [2026, 2028]\n[reserve]\n{reserve}"));
    };
    // Line 6 of s.toml is the first key of [reserve].
    met("beginsaldo = { Testdrop = 10000 }\n");
    faalt(
        &r,
        &[
            "s.toml, regel 6, kolom reserve.beginsaldo.Testdrop",
            "onbekende gemeente 'Testdrop'; bedoelde u Testdorp?",
        ],
    );
    met("beginsaldo = { Testdorp = -5000 }\n");
    faalt(
        &r,
        &[
            "s.toml, regel 6, kolom reserve.beginsaldo.Testdorp",
            "-5000 is negatief; verwacht een bedrag ≥ 0",
        ],
    );
    met("saldo = 3\n");
    faalt(
        &r,
        &[
            "s.toml, regel 6, kolom saldo",
            "onbekende sleutel 'saldo'",
            "naam, beginsaldo, plafond of bron",
        ],
    );
    met("beginsaldo = 10000\n");
    faalt(
        &r,
        &[
            "kolom reserve.beginsaldo",
            "verwacht een beginsaldo per gemeente",
        ],
    );
    met("plafond = \"veel\"\n");
    faalt(
        &r,
        &["kolom reserve.plafond", "verwacht een bedrag in euro's"],
    );
    met("beginsaldo = { Testdorp = 10000.001 }\n");
    faalt(&r, &["hele centen"]);
    met("naam = 3\n");
    faalt(
        &r,
        &["kolom reserve.naam", "verwacht de naam van de reserve"],
    );
    met("beginsaldo = { Testdorp = 20000, GM9001 = 1 }\n");
    faalt(&r, &["Testdorp staat twee keer in reserve.beginsaldo"]);
    met("beginsaldo = { Testdorp = 20000 }\nplafond = 15000\n");
    faalt(&r, &["hoger dan het plafond"]);
    // All problems at once.
    met("beginsaldo = { Testdorp = -1, Proefstad = \"x\" }\n");
    faalt(&r, &["-1 is negatief", "\"x\" is ongeldig"]);
}

#[test]
fn a_child_scenario_inherits_and_overrides_the_reserve_key_by_key() {
    let r = Regio::new(RESERVE);
    fs::write(
        r.map.join("kind.toml"),
        "naam = \"kind\"\nbasis = \"s.toml\"\n[reserve]\nplafond = 12000\n",
    )
    .unwrap();
    let run = raming::draai(&r.map.join("kind.toml")).unwrap();
    let t = regels(&run, "Testdorp");
    assert_eq!(t[0][0], dec!(10000));
    assert_eq!(t[0][3], dec!(12000));
}
