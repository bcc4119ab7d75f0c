//! Cohort flow through the routes (`doorstroom.csv`), through the real binary: the worked
//! example of issue 13, a hand-checked route switch with the Z-route priced per hour, the
//! equivalence with the model without the file, bad input and warnings.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small data folder: one gemeente (Dordrecht), IU 100.000 a year 2024–2028, a SPUK
/// beschikking of 0 for 2024, no fte posts; asiel instroom, route shares and route costs as
/// given; optionally a doorstroom.csv.
struct Klein {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Klein {
    fn new(instroom: &[(i32, u32)], routes: &str, kosten: &str, doorstroom: Option<&str>) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        let data = map.join("data");
        fs::create_dir_all(&data).unwrap();
        let schrijf = |naam: &str, tekst: &str| fs::write(data.join(naam), tekst).unwrap();
        schrijf("gemeenten.csv", "code,naam\nGM0505,Dordrecht\n");
        schrijf(
            "formatie.csv",
            "post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers\n",
        );
        let mut iu = String::from("gemeente,jaar,soort,bedrag\n");
        for j in 2024..=2028 {
            iu.push_str(&format!("GM0505,{j},uitvoering,100000\n"));
        }
        schrijf("integratie_uitkering.csv", &iu);
        schrijf(
            "spuk_beschikking.csv",
            "gemeente,jaar,bedrag,status\nGM0505,2024,0,voorlopig\n",
        );
        let mut ins = String::from("gemeente,jaar,doelgroep,aantal\n");
        for (j, n) in instroom {
            ins.push_str(&format!("GM0505,{j},asiel,{n}\n"));
        }
        schrijf("instroom.csv", &ins);
        schrijf(
            "routeverdeling.csv",
            &format!("doelgroep,route,laag,basis,hoog\n{routes}"),
        );
        schrijf("kosten_per_deelnemer.csv", kosten);
        if let Some(t) = doorstroom {
            schrijf("doorstroom.csv", t);
        }
        // Prices flat: no indexation in these hand-checked cases.
        schrijf(
            "indexatie.csv",
            "jaar,soort,percentage\n2025,prijzen,0\n2026,prijzen,0\n2027,prijzen,0\n2028,prijzen,0\n",
        );
        fs::write(
            map.join("s.toml"),
            "naam = \"s\"\ndata = \"data\"\njaren = [2024, 2028]\ninburgeringsvoorzieningen = \"routes\"\n",
        )
        .unwrap();
        Klein { _tmp: tmp, map }
    }

    fn bereken(&self) -> Output {
        Command::new(env!("CARGO_BIN_EXE_raming"))
            .arg("bereken")
            .arg(self.map.join("s.toml"))
            .arg("--uit")
            .arg(self.map.join("uit"))
            .arg("--geen-grafieken")
            .output()
            .unwrap()
    }

    /// Runs and returns the lasten per (post, year) from begroting.csv, as written (cents).
    fn lasten(&self) -> BTreeMap<(String, i32), String> {
        let o = self.bereken();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        lasten(&self.map.join("uit"))
    }
}

fn lasten(uit: &Path) -> BTreeMap<(String, i32), String> {
    let t = fs::read_to_string(uit.join("begroting.csv")).unwrap();
    let mut m = BTreeMap::new();
    for l in t.lines().skip(1) {
        let v: Vec<&str> = l.split(',').collect();
        if v[3] == "lasten" {
            m.insert((v[4].to_string(), v[2].parse().unwrap()), v[6].to_string());
        }
    }
    m
}

fn post(m: &BTreeMap<(String, i32), String>, post: &str, jaar: i32) -> String {
    m.get(&(post.to_string(), jaar))
        .cloned()
        .unwrap_or_else(|| "0".into())
}

const ALLES_B1: &str = "asiel,b1,100,100,100\nasiel,onderwijs,0,0,0\nasiel,z,0,0,0\n";
const B1_DRIE_JAAR: &str =
    "onderdeel,doelgroep,jaar_index,bedrag\nb1,asiel,1,1000\nb1,asiel,2,1000\nb1,asiel,3,1000\n";
const COHORT_2024: &[(i32, u32)] = &[(2024, 100), (2025, 0), (2026, 0), (2027, 0), (2028, 0)];

#[test]
fn worked_example_start_over_two_years_with_uitval() {
    // Issue 13: 100 asiel heads housed 2024, all B1, € 1.000 per route year 1–3; start 40 % in
    // 2024 and 60 % in 2025; uitval 10 % after route year 1 and 10 % after route year 2.
    // 2024: 40 in route year 1                         = 40 × 1000 = 40.000
    // 2025: 60 in ry 1 + 40 × 0,9 = 36 in ry 2          = 96 × 1000 = 96.000
    // 2026: 60 × 0,9 = 54 in ry 2 + 36 × 0,9 = 32,4 ry 3 = 86,4 × 1000 = 86.400
    // 2027: 54 × 0,9 = 48,6 in ry 3                     = 48.600
    // 2028: nobody in route years 1–3                   = 0
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        B1_DRIE_JAAR,
        Some(
            "doelgroep,route,soort,jaar_index,aandeel,bron\n\
             asiel,b1,start,0,40,aanname\n\
             asiel,b1,start,1,60,aanname\n\
             asiel,b1,uitval,1,10,aanname\n\
             asiel,b1,uitval,2,10,aanname\n",
        ),
    );
    let l = k.lasten();
    assert_eq!(post(&l, "voorziening_b1", 2024), "40000.00");
    assert_eq!(post(&l, "voorziening_b1", 2025), "96000.00");
    assert_eq!(post(&l, "voorziening_b1", 2026), "86400.00");
    assert_eq!(post(&l, "voorziening_b1", 2027), "48600.00");
    assert_eq!(post(&l, "voorziening_b1", 2028), "0");
}

#[test]
fn switch_from_b1_to_an_hourly_z_route_hand_checked() {
    // 100 asiel heads housed 2024: 50 % B1 (€ 1.000 per route year 1–3), 50 % Z priced per
    // hour (€ 5 per hour, 400 hours in each route year 1–3 = € 2.000). Everybody starts in 2024.
    // After B1 route year 1, 20 % switch to Z; after Z route year 1, 10 % drop out. A switcher
    // starts Z at route year 1 in the year after (model choice) and does not switch again.
    // B1: 2024 50 in ry1 = 50.000; then 10 switch, 40 go on: 2025 40 = 40.000; 2026 40 = 40.000.
    // Z own cohort: 2024 50 (ry1); 2025 45 (ry2); 2026 45 (ry3).
    // Z switchers: 2025 10 (ry1); 2026 9 (ry2, after 10 % uitval); 2027 9 (ry3).
    // Z: 2024 50 × 2000 = 100.000; 2025 (45 + 10) × 2000 = 110.000; 2026 (45 + 9) × 2000 = 108.000;
    //    2027 9 × 2000 = 18.000; 2028 0.
    let k = Klein::new(
        COHORT_2024,
        "asiel,b1,50,50,50\nasiel,onderwijs,0,0,0\nasiel,z,50,50,50\n",
        "onderdeel,doelgroep,jaar_index,bedrag,eenheid,uren\n\
         b1,asiel,1,1000,,\nb1,asiel,2,1000,,\nb1,asiel,3,1000,,\n\
         z,asiel,1,5,uur,400\nz,asiel,2,5,uur,400\nz,asiel,3,5,uur,400\n",
        Some(
            "doelgroep,route,soort,jaar_index,aandeel,naar_route\n\
             asiel,b1,wissel,1,20,z\n\
             asiel,z,uitval,1,10,\n",
        ),
    );
    let l = k.lasten();
    let b1: Vec<String> = (2024..=2028)
        .map(|j| post(&l, "voorziening_b1", j))
        .collect();
    let z: Vec<String> = (2024..=2028)
        .map(|j| post(&l, "voorziening_z", j))
        .collect();
    assert_eq!(b1, ["50000.00", "40000.00", "40000.00", "0", "0"]);
    assert_eq!(z, ["100000.00", "110000.00", "108000.00", "18000.00", "0"]);
}

#[test]
fn fractional_participants_are_expected_values_rounded_once_per_booking() {
    // 7 heads, start 1/3 each year (33,33 / 33,33 / 33,34 %), € 1.000 for one route year:
    // 2024: 7 × 0,3333 × 1000 = 2.333,10; 2025 the same; 2026: 7 × 0,3334 × 1000 = 2.333,80.
    let k = Klein::new(
        &[(2024, 7), (2025, 0), (2026, 0), (2027, 0), (2028, 0)],
        ALLES_B1,
        "onderdeel,doelgroep,jaar_index,bedrag\nb1,asiel,1,1000\n",
        Some(
            "doelgroep,route,soort,jaar_index,aandeel\n\
             asiel,b1,start,0,33.33\nasiel,b1,start,1,33.33\nasiel,b1,start,2,33.34\n",
        ),
    );
    let l = k.lasten();
    assert_eq!(post(&l, "voorziening_b1", 2024), "2333.10");
    assert_eq!(post(&l, "voorziening_b1", 2025), "2333.10");
    assert_eq!(post(&l, "voorziening_b1", 2026), "2333.80");
}

/// The default data with a routes scenario, with or without a doorstroom.csv.
fn standaard(doorstroom: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let map = tmp.path().to_path_buf();
    fs::create_dir_all(map.join("data")).unwrap();
    for e in fs::read_dir("data/drechtsteden").unwrap() {
        let e = e.unwrap();
        if e.file_name() != "doorstroom.csv" {
            fs::copy(e.path(), map.join("data").join(e.file_name())).unwrap();
        }
    }
    if let Some(t) = doorstroom {
        fs::write(map.join("data").join("doorstroom.csv"), t).unwrap();
    }
    fs::write(
        map.join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2030]\ninburgeringsvoorzieningen = \"routes\"\n\
         [instroom]\ngroei = 0\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .arg("bereken")
        .arg(map.join("s.toml"))
        .arg("--uit")
        .arg(map.join("uit"))
        .arg("--geen-grafieken")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, map)
}

#[test]
fn everybody_starting_in_the_housing_year_is_the_model_without_the_file() {
    let (_a, zonder) = standaard(None);
    let mut rijen = String::from("doelgroep,route,soort,jaar_index,aandeel\n");
    for d in ["asiel", "gezin"] {
        for r in ["b1", "onderwijs", "z"] {
            rijen.push_str(&format!("{d},{r},start,0,100\n{d},{r},uitval,1,0\n"));
        }
    }
    let (_b, met) = standaard(Some(&rijen));
    for f in ["begroting.csv", "saldo.csv", "afrekening.csv"] {
        assert_eq!(
            fs::read_to_string(zonder.join("uit").join(f)).unwrap(),
            fs::read_to_string(met.join("uit").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn later_starts_move_route_costs_to_later_years_and_leave_modules_alone() {
    // Half of every route starts a year later, nobody drops out: each cohort's route costs
    // are moved later (so less falls within the horizon); modules stay in the year of housing.
    let (_a, zonder) = standaard(None);
    let mut rijen = String::from("doelgroep,route,soort,jaar_index,aandeel\n");
    for r in ["b1", "onderwijs", "z"] {
        rijen.push_str(&format!("asiel,{r},start,0,50\nasiel,{r},start,1,50\n"));
    }
    let (_b, met) = standaard(Some(&rijen));
    let a = lasten(&zonder.join("uit"));
    let b = lasten(&met.join("uit"));
    let tot = |m: &BTreeMap<(String, i32), String>, post: &str| -> rust_decimal::Decimal {
        m.iter()
            .filter(|((p, _), _)| p == post)
            .map(|(_, v)| v.parse::<rust_decimal::Decimal>().unwrap())
            .sum()
    };
    // 2022: half the 2022 cohort; so less in the first year.
    let b1 = |m: &BTreeMap<(String, i32), String>, j| -> rust_decimal::Decimal {
        post(m, "voorziening_b1", j).parse().unwrap()
    };
    assert!(b1(&b, 2022) < b1(&a, 2022));
    assert!(tot(&b, "voorziening_b1") < tot(&a, "voorziening_b1"));
    // Modules (map, mb, ...) follow the year of housing: unchanged.
    for j in 2022..=2030 {
        assert_eq!(post(&a, "voorziening_mb", j), post(&b, "voorziening_mb", j));
    }
}

fn faalt_met(k: &Klein, delen: &[&str]) {
    let o = k.bereken();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    for d in delen {
        assert!(err.contains(d), "verwacht '{d}' in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!k.map.join("uit").exists());
}

#[test]
fn bad_doorstroom_rows_are_all_reported_with_row_and_column() {
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        B1_DRIE_JAAR,
        Some(
            "doelgroep,route,soort,jaar_index,aandeel,naar_route\n\
             asiel,b1,start,0,40,\n\
             asiel,b1,start,1,50,\n\
             asiel,b1,uitval,1,120,\n\
             asiel,b1,wissel,1,10,x\n\
             asiel,b1,wissel,2,10,b1\n\
             asiel,b2,start,0,100,\n\
             asiel,b1,stopt,1,10,\n\
             asiel,z,wissel,1,10,\n\
             asiel,z,start,0,100,\n\
             asiel,z,start,0,100,\n\
             asiel,z,uitval,0,10,\n\
             vluchteling,z,uitval,1,10,\n\
             asiel,onderwijs,uitval,1,-5,\n",
        ),
    );
    faalt_met(
        &k,
        &[
            "doorstroom.csv, regel 3, kolom aandeel: startpercentages voor doelgroep asiel en route b1 tellen op tot 90; verwacht samen 100",
            "doorstroom.csv, regel 4, kolom aandeel: 120 ligt buiten 0–100",
            "doorstroom.csv, regel 5, kolom naar_route: onbekende waarde 'x'",
            "doorstroom.csv, regel 6, kolom naar_route: wissel van route b1 naar dezelfde route",
            "doorstroom.csv, regel 7, kolom route: onbekende waarde 'b2'; bedoelde u b1?",
            "doorstroom.csv, regel 8, kolom soort: onbekende waarde 'stopt'",
            "doorstroom.csv, regel 9, kolom naar_route: leeg; verwacht bij soort wissel",
            "doorstroom.csv, regel 11, kolom jaar_index: dubbele regel (ook",
            "doorstroom.csv, regel 11, kolom aandeel: startpercentages voor doelgroep asiel en route z tellen op tot 200",
            "doorstroom.csv, regel 12, kolom jaar_index: 0 is ongeldig bij soort uitval",
            "doorstroom.csv, regel 13, kolom doelgroep: onbekende waarde 'vluchteling'",
            "doorstroom.csv, regel 14, kolom aandeel: -5 ligt buiten 0–100",
        ],
    );
}

#[test]
fn uitval_and_switches_after_one_route_year_at_most_100() {
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        B1_DRIE_JAAR,
        Some(
            "doelgroep,route,soort,jaar_index,aandeel,naar_route\n\
             asiel,b1,uitval,1,60,\nasiel,b1,wissel,1,30,z\nasiel,b1,wissel,1,20,onderwijs\n",
        ),
    );
    faalt_met(
        &k,
        &[
            "doorstroom.csv, regel 4, kolom aandeel: uitval en wissels na routejaar 1 van doelgroep asiel en route b1 tellen op tot 110",
        ],
    );
}

#[test]
fn hourly_pricing_needs_hours_and_hours_need_the_unit() {
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        "onderdeel,doelgroep,jaar_index,bedrag,eenheid,uren\n\
         b1,asiel,1,1000,,\nz,asiel,1,5,uur,\nz,asiel,2,5,,400\n",
        None,
    );
    faalt_met(
        &k,
        &[
            "kosten_per_deelnemer.csv, regel 3, kolom uren: leeg; verwacht bij eenheid = uur",
            "kosten_per_deelnemer.csv, regel 4, kolom uren: alleen bij eenheid = uur",
        ],
    );
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        "onderdeel,doelgroep,jaar_index,bedrag,eenheid,uren
z,asiel,1,5,dag,400
",
        None,
    );
    faalt_met(
        &k,
        &["kosten_per_deelnemer.csv, regel 2, kolom eenheid: waarde \"dag\" is ongeldig"],
    );
}

#[test]
fn a_doorstroom_for_a_route_without_costs_is_a_warning() {
    // Switch from B1 to the onderwijsroute, which has no costs in this data: those
    // participants cost nothing, and the run says so.
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        B1_DRIE_JAAR,
        Some(
            "doelgroep,route,soort,jaar_index,aandeel,naar_route\nasiel,b1,wissel,1,20,onderwijs\n",
        ),
    );
    let o = k.bereken();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    let melding = "doorstroom.csv, regel 2, kolom naar_route: doorstroom voor route onderwijs (asiel), \
                   maar kosten_per_deelnemer.csv heeft geen kosten voor onderwijs (asiel)";
    assert!(
        err.contains("waarschuwing: ") && err.contains(melding),
        "{err}"
    );
    let w = fs::read_to_string(k.map.join("uit").join("waarschuwingen.csv")).unwrap();
    assert!(w.contains("doorstroom voor route onderwijs (asiel)"), "{w}");
    // B1: 100 in 2024; 80 go on in 2025 and 2026.
    let l = lasten(&k.map.join("uit"));
    assert_eq!(post(&l, "voorziening_b1", 2025), "80000.00");
    assert_eq!(post(&l, "voorziening_onderwijs", 2025), "0");
}

#[test]
fn doorstroom_is_unused_and_said_so_when_lasten_follow_the_spuk() {
    let k = Klein::new(
        COHORT_2024,
        ALLES_B1,
        B1_DRIE_JAAR,
        Some("doelgroep,route,soort,jaar_index,aandeel\nasiel,b1,start,0,100\n"),
    );
    fs::write(
        k.map.join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2024, 2028]\n",
    )
    .unwrap();
    let o = k.bereken();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("doorstroom.csv: wordt in dit scenario niet gebruikt"),
        "{err}"
    );
}
