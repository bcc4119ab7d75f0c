//! Issue 12 items 3, 4(a) and 5: the beschikking's life (voorlopig, nader voorlopig, definitief;
//! the latest known status counts), the SPUK onderwijsroute as its own beschikking line, and
//! cash: advances in monthly twelfths, the settlement in the vaststelling year, IU as received.
//! Hand-checked figures on a temporary copy of the shipped data.

use raming::kasstroom::Kasregel;
use raming::ledger::Soort;
use raming::uitkering::{Beschikking, Regeling, SpukStatus, Stand};
use raming::uitkering::{maandtermijnen, twaalfden};
use rust_decimal::Decimal;
use rust_decimal::dec;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

const DRECHTSTEDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");
const SCENARIO: &str = "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n";
const KOP: &str = "gemeente,jaar,bedrag,status,maand,regeling,bron\n";

/// A copy of the shipped data with a scenario beside it, to edit and run.
struct Regio {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Regio {
    fn new(scenario: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        fs::create_dir_all(map.join("data")).unwrap();
        for e in fs::read_dir(DRECHTSTEDEN).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), map.join("data").join(e.file_name())).unwrap();
        }
        fs::write(
            map.join("s.toml"),
            format!("naam = \"s\"\ndata = \"data\"\n{scenario}"),
        )
        .unwrap();
        Regio { _tmp: tmp, map }
    }
    /// Replaces `spuk_beschikking.csv` by these rows (after the header `KOP`).
    fn beschikkingen(&self, rijen: &str) {
        fs::write(
            self.map.join("data/spuk_beschikking.csv"),
            format!("{KOP}{rijen}"),
        )
        .unwrap();
    }
    fn draai(&self) -> raming::Run {
        match raming::draai(&self.map.join("s.toml")) {
            Ok(r) => r,
            Err(e) => panic!("verwacht een geslaagde berekening, kreeg:\n{e}"),
        }
    }
    /// `raming bereken` through the binary: expects exit code 1 and every part in stderr.
    fn faalt_met(&self, delen: &[&str]) -> String {
        let o = Command::new(env!("CARGO_BIN_EXE_raming"))
            .arg("bereken")
            .arg(self.map.join("s.toml"))
            .arg("--uit")
            .arg(self.map.join("uit"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert_eq!(o.status.code(), Some(1), "stderr: {err}");
        for d in delen {
            assert!(err.contains(d), "verwacht '{d}' in: {err}");
        }
        assert!(!self.map.join("uit").exists(), "uitvoer ondanks fout");
        err
    }
}

/// The four SDD gemeenten's 2022 voorlopige beschikkingen as shipped (Dordrecht left out).
const ANDERE_2022: &str = "GM0531,2022,68316,voorlopig,,,\nGM0590,2022,68905,voorlopig,,,\nGM0642,2022,104734,voorlopig,,,\n";

fn g(run: &raming::Run, naam: &str) -> usize {
    run.gegevens.gemeenten.zoek(naam).unwrap()
}

fn spuk(run: &raming::Run, naam: &str, jaar: i32, post: &str) -> Decimal {
    run.ledger.bedrag(g(run, naam), jaar, Soort::Baten, post)
}

fn kas<'a>(run: &'a raming::Run, naam: &str, jaar: i32) -> &'a Kasregel {
    let gi = g(run, naam);
    run.kasstroom
        .iter()
        .find(|k| k.gemeente == gi && k.jaar == jaar)
        .unwrap()
}

fn afrekening<'a>(
    run: &'a raming::Run,
    naam: &str,
    jaar: i32,
    regeling: Regeling,
) -> &'a raming::berekening::Afrekening {
    let gi = g(run, naam);
    run.afrekening
        .iter()
        .find(|a| a.gemeente == gi && a.jaar == jaar && a.regeling == regeling)
        .unwrap()
}

fn beschikking(bedrag: Decimal, status: SpukStatus, maand: Option<u32>) -> Beschikking {
    Beschikking {
        gemeente: 0,
        jaar: 2022,
        bedrag,
        status,
        aantal_asiel: None,
        aantal_gezin: None,
        maand,
        regeling: Regeling::Voorzieningen,
        herkomst: raming::fout::Herkomst::new("spuk_beschikking.csv", 2),
    }
}

#[test]
fn twelfths_with_a_nader_voorlopige_from_july() {
    // 120.000 from January, 150.000 from July: 6 × 10.000 + 6 × 12.500 = 135.000.
    let v = beschikking(dec!(120000), SpukStatus::Voorlopig, None);
    let n = beschikking(dec!(150000), SpukStatus::NaderVoorlopig, Some(7));
    let stand = Stand {
        voorlopig: Some(&v),
        nader_voorlopig: Some(&n),
        definitief: None,
    };
    let t = maandtermijnen(&stand).unwrap();
    assert_eq!(t[..6], [dec!(10000); 6]);
    assert_eq!(t[6..], [dec!(12500); 6]);
    assert_eq!(t.iter().copied().sum::<Decimal>(), dec!(135000));
}

#[test]
fn twelfths_of_an_amount_not_divisible_by_twelve_add_up_to_the_cent() {
    // 265.808,00 / 12 = 22.150,666…: 8 × 22.150,67 + 4 × 22.150,66 = 265.808,00.
    let t = twaalfden(dec!(265808));
    assert_eq!(t.iter().filter(|x| **x == dec!(22150.67)).count(), 8);
    assert_eq!(t.iter().filter(|x| **x == dec!(22150.66)).count(), 4);
    assert_eq!(t.iter().copied().sum::<Decimal>(), dec!(265808.00));
    // 1.000,00 (4 × 83,34 then 8 × 83,33; ties go to the earlier months) and a nader voorlopige
    // of 1.300,00 from April (108,34 in April, then 8 × 108,33): 3 × 83,34 + 108,34 + 8 × 108,33
    // = 250,02 + 108,34 + 866,64 = 1.225,00 (= 3/12 × 1.000 + 9/12 × 1.300).
    let v = beschikking(dec!(1000), SpukStatus::Voorlopig, None);
    let n = beschikking(dec!(1300), SpukStatus::NaderVoorlopig, Some(4));
    let stand = Stand {
        voorlopig: Some(&v),
        nader_voorlopig: Some(&n),
        definitief: None,
    };
    let t = maandtermijnen(&stand).unwrap();
    assert_eq!(t[..3], [dec!(83.34); 3]);
    assert_eq!(t[3], dec!(108.34));
    assert_eq!(t[4..], [dec!(108.33); 8]);
    assert_eq!(t.iter().copied().sum::<Decimal>(), dec!(1225.00));
}

#[test]
fn nader_voorlopige_is_booked_and_advances_follow_it_from_its_month() {
    let r = Regio::new(SCENARIO);
    r.beschikkingen(&format!(
        "GM0505,2022,120000,voorlopig,,,\nGM0505,2022,150000,nader_voorlopig,7,,brief juni 2022\n{ANDERE_2022}"
    ));
    let run = r.draai();
    // Booked: the latest known status (nader voorlopig).
    assert_eq!(spuk(&run, "Dordrecht", 2022, "spuk"), dec!(150000));
    // With inburgeringsvoorzieningen = "spuk" the lasten follow.
    assert_eq!(
        run.ledger.bedrag(
            g(&run, "Dordrecht"),
            2022,
            Soort::Lasten,
            "inburgeringsvoorzieningen"
        ),
        dec!(150000)
    );
    // Cash 2022: 6 × 10.000 + 6 × 12.500.
    let k = kas(&run, "Dordrecht", 2022);
    assert_eq!(k.spuk_voorschotten, dec!(135000));
    assert_eq!(k.status, "nader_voorlopig");
    // Settlement: the best estimate (the forecast from volumes) − 135.000, in 2023.
    let a = afrekening(&run, "Dordrecht", 2022, Regeling::Voorzieningen);
    assert_eq!(a.voorlopig, Some(dec!(120000)));
    assert_eq!(a.nader_voorlopig, Some(dec!(150000)));
    assert_eq!(a.nader_maand, Some(7));
    assert_eq!(a.voorschotten, dec!(135000));
    let prognose = a.prognose.unwrap();
    assert_eq!(a.verschil(), prognose - dec!(135000));
    assert_eq!(a.vaststellingsjaar, 2023);
    assert_eq!(a.status(), "raming");
    let k23 = kas(&run, "Dordrecht", 2023);
    assert_eq!(k23.spuk_afrekening, prognose - dec!(135000));
    assert_eq!(k23.afrekening_status, "raming");
    // 2023 has no beschikking: the booked forecast counts as received.
    assert_eq!(k23.spuk_voorschotten, spuk(&run, "Dordrecht", 2023, "spuk"));
    assert_eq!(k23.status, "raming");
    // IU as booked; totaal adds up.
    assert_eq!(
        k23.iu,
        spuk(&run, "Dordrecht", 2023, "iu_uitvoering")
            + spuk(&run, "Dordrecht", 2023, "iu_invoering")
    );
    assert_eq!(
        k23.totaal(),
        k23.spuk_voorschotten + k23.spuk_afrekening + k23.spuk_onderwijsroute + k23.iu
    );
}

#[test]
fn definitieve_beschikking_wins_and_is_settled_next_year() {
    let r = Regio::new(SCENARIO);
    // The definitieve row first in the file: the status decides, not the order.
    r.beschikkingen(&format!(
        "GM0505,2022,140000,definitief,,,vaststelling mei 2023\nGM0505,2022,120000,voorlopig,,,\nGM0505,2022,150000,nader_voorlopig,7,,\n{ANDERE_2022}"
    ));
    let run = r.draai();
    assert_eq!(spuk(&run, "Dordrecht", 2022, "spuk"), dec!(140000));
    let a = afrekening(&run, "Dordrecht", 2022, Regeling::Voorzieningen);
    assert_eq!(a.beschikking, dec!(140000));
    assert_eq!(a.uitkomst(), dec!(140000));
    // 140.000 − (6 × 10.000 + 6 × 12.500) = 5.000 nabetaling, received in 2023.
    assert_eq!(a.verschil(), dec!(5000));
    assert_eq!(a.status(), "vastgesteld");
    assert_eq!(kas(&run, "Dordrecht", 2022).spuk_voorschotten, dec!(135000));
    assert_eq!(kas(&run, "Dordrecht", 2022).status, "definitief");
    let k23 = kas(&run, "Dordrecht", 2023);
    assert_eq!(k23.spuk_afrekening, dec!(5000));
    assert_eq!(k23.afrekening_status, "vastgesteld");
    // Written: kasstroom.csv and the new afrekening columns.
    let uit = r.map.join("uit");
    let bestanden = raming::uitvoer::bestanden(&run).unwrap();
    raming::uitvoer::schrijf_map(&uit, &bestanden).unwrap();
    let kascsv = fs::read_to_string(uit.join("kasstroom.csv")).unwrap();
    assert!(kascsv.starts_with(
        "scenario,gemeente,jaar,spuk_voorschotten,spuk_afrekening,spuk_onderwijsroute,iu,totaal,status,afrekening_status\r\n"
    ));
    assert!(
        kascsv.contains("s,Dordrecht,2022,135000.00,0.00,"),
        "{kascsv}"
    );
    assert!(kascsv.contains("s,Dordrecht,2023,"), "{kascsv}");
    let afr = fs::read_to_string(uit.join("afrekening.csv")).unwrap();
    assert!(
        afr.contains(
            "s,Dordrecht,2022,140000.00,"
        ) && afr.contains(
            ",5000.00,nabetaling,vastgesteld,2023,voorzieningen,120000.00,150000.00,7,140000.00,135000.00\r\n"
        ),
        "{afr}"
    );
    let wb = calamine_bladen(&uit.join("begroting.xlsx"));
    assert!(wb.contains(&"Kasstroom".to_string()), "{wb:?}");
}

fn calamine_bladen(pad: &std::path::Path) -> Vec<String> {
    // The workbook's sheet names from its zip directory (no calamine dependency in tests).
    let f = fs::File::open(pad).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut wb = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/workbook.xml").unwrap(), &mut wb).unwrap();
    wb.split("<sheet ")
        .skip(1)
        .filter_map(|s| s.split("name=\"").nth(1))
        .filter_map(|s| s.split('"').next())
        .map(String::from)
        .collect()
}

#[test]
fn onderwijsroute_beschikking_is_its_own_line_booked_and_passed_through() {
    let zonder = Regio::new(SCENARIO).draai();
    let r = Regio::new(SCENARIO);
    r.beschikkingen(&format!(
        "GM0505,2022,265808,voorlopig,,,\n{ANDERE_2022}\
         GM0590,2024,30000,voorlopig,,onderwijsroute,beschikking SPUK onderwijsroute 2024\n\
         GM0590,2024,28000,definitief,,onderwijsroute,vaststelling 2025\n\
         GM0505,2026,50000,voorlopig,,onderwijsroute,aanname\n"
    ));
    let run = r.draai();
    // Booked on its own post, replacing the forecast top-up of that gemeente-year.
    assert_eq!(
        spuk(&run, "Papendrecht", 2024, "spuk_onderwijsroute"),
        dec!(28000)
    );
    assert_eq!(
        spuk(&run, "Dordrecht", 2026, "spuk_onderwijsroute"),
        dec!(50000)
    );
    // The regular SPUK is untouched.
    for (gem, jaar) in [("Papendrecht", 2024), ("Dordrecht", 2026)] {
        assert_eq!(
            spuk(&run, gem, jaar, "spuk"),
            spuk(&zonder, gem, jaar, "spuk")
        );
    }
    // Passed through: the lasten rise by exactly the baten.
    let vz = |run: &raming::Run, gem: &str, jaar: i32| {
        run.ledger.bedrag(
            g(run, gem),
            jaar,
            Soort::Lasten,
            "inburgeringsvoorzieningen",
        )
    };
    assert_eq!(
        vz(&run, "Papendrecht", 2024) - vz(&zonder, "Papendrecht", 2024),
        dec!(28000) - spuk(&zonder, "Papendrecht", 2024, "spuk_onderwijsroute")
    );
    assert_eq!(
        vz(&run, "Dordrecht", 2026) - vz(&zonder, "Dordrecht", 2026),
        dec!(50000) - spuk(&zonder, "Dordrecht", 2026, "spuk_onderwijsroute")
    );
    // Cash: twelfths of 30.000 in 2024, the terugvordering of 2.000 in 2025 on top of the
    // booked top-up of 2025.
    assert_eq!(
        kas(&run, "Papendrecht", 2024).spuk_onderwijsroute,
        dec!(30000)
    );
    let a = afrekening(&run, "Papendrecht", 2024, Regeling::Onderwijsroute);
    assert_eq!(a.verschil(), dec!(-2000));
    assert_eq!(a.prognose, None);
    assert_eq!(
        kas(&run, "Papendrecht", 2025).spuk_onderwijsroute,
        spuk(&run, "Papendrecht", 2025, "spuk_onderwijsroute") - dec!(2000)
    );
    // Without a definitieve onderwijsroute beschikking nothing is expected to be settled.
    let d = afrekening(&run, "Dordrecht", 2026, Regeling::Onderwijsroute);
    assert_eq!(d.verschil(), dec!(0));
    // Coverage names the line.
    let p = g(&run, "Papendrecht");
    assert!(run.dekking.iter().any(|x| x.gemeente == p
        && x.jaar == 2024
        && x.onderdeel == "spuk_onderwijsroute"
        && x.regel.contains("onderwijsroute")));
}

#[test]
fn settlement_of_the_year_before_the_first_is_cash_in_the_first_year() {
    let r = Regio::new("jaren = [2023, 2030]\n[instroom]\ngroei = 0\n");
    r.beschikkingen(&format!(
        "GM0505,2022,265808,voorlopig,,,\nGM0505,2022,270000,definitief,,,vaststelling mei 2023\n{ANDERE_2022}"
    ));
    let run = r.draai();
    // 270.000 − 12 twelfths of 265.808 = 4.192,00 received in 2023.
    assert_eq!(kas(&run, "Dordrecht", 2023).spuk_afrekening, dec!(4192.00));
    // Not vastgesteld and no forecast outside the horizon: nothing expected, with a warning.
    assert_eq!(kas(&run, "Papendrecht", 2023).spuk_afrekening, dec!(0));
    let w: Vec<String> = run.waarschuwingen.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("Papendrecht 2022") && w.contains("vóór het eerste scenariojaar")),
        "{w:#?}"
    );
    // No cash row outside the horizon.
    assert!(run.kasstroom.iter().all(|k| k.jaar >= 2023));
}

#[test]
fn only_a_definitieve_beschikking_assumes_equal_advances_with_a_warning() {
    let r = Regio::new(SCENARIO);
    r.beschikkingen(&format!("GM0505,2022,270000,definitief,,,\n{ANDERE_2022}"));
    let run = r.draai();
    assert_eq!(kas(&run, "Dordrecht", 2022).spuk_voorschotten, dec!(270000));
    assert_eq!(kas(&run, "Dordrecht", 2023).spuk_afrekening, dec!(0));
    assert!(
        run.waarschuwingen.iter().any(
            |w| w.kolom == "status" && w.melding.contains("alleen een definitieve beschikking")
        ),
        "{:#?}",
        run.waarschuwingen
    );
}

#[test]
fn shipped_data_cash_equals_baten_except_the_settlement() {
    let run = Regio::new(SCENARIO).draai();
    // Voorlopige 2022 beschikkingen only: cash 2022 = baten 2022 for every gemeente.
    for k in &run.kasstroom {
        let baten = run.ledger.saldi()[&(k.gemeente, k.jaar)].baten;
        if k.jaar == 2023 {
            let verwacht = run
                .afrekening
                .iter()
                .find(|a| a.gemeente == k.gemeente && a.jaar == 2022)
                .map(|a| a.verschil())
                .unwrap_or_default();
            assert_eq!(k.totaal() - baten, verwacht);
        } else {
            assert_eq!(k.totaal(), baten, "{} {}", k.gemeente, k.jaar);
        }
    }
}

#[test]
fn bad_beschikkingen_are_refused_with_file_row_and_column() {
    let r = Regio::new(SCENARIO);
    r.beschikkingen("GM0505,2022,120000,nader-voorlopig,7,,\n");
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 2, kolom status",
        "voorlopig, nader_voorlopig of definitief",
    ]);
    r.beschikkingen("GM0505,2022,150000,nader_voorlopig,7,,\n");
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 2, kolom status",
        "nader_voorlopig zonder voorlopige beschikking voor Dordrecht 2022",
    ]);
    r.beschikkingen("GM0505,2022,120000,voorlopig,,,\nGM0505,2022,150000,nader_voorlopig,,,\n");
    r.faalt_met(&["spuk_beschikking.csv, regel 3, kolom maand", "1–12"]);
    r.beschikkingen("GM0505,2022,120000,voorlopig,,,\nGM0505,2022,150000,nader_voorlopig,13,,\n");
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 3, kolom maand",
        "13 is geen maand",
    ]);
    r.beschikkingen("GM0505,2022,120000,voorlopig,3,,\n");
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 2, kolom maand",
        "alleen bij nader_voorlopig",
    ]);
    r.beschikkingen(
        "GM0505,2022,120000,voorlopig,,,\nGM0505,2022,130000,nader_voorlopig,4,,\nGM0505,2022,150000,nader_voorlopig,7,,\n",
    );
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 4, kolom status",
        "tweede nader_voorlopig beschikking",
    ]);
    r.beschikkingen("GM0505,2022,120000,voorlopig,,onderwijs,\n");
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 2, kolom regeling",
        "voorzieningen of onderwijsroute",
    ]);
    // A nader voorlopige of the onderwijsroute needs a voorlopige of the onderwijsroute.
    r.beschikkingen(
        "GM0505,2022,120000,voorlopig,,,\nGM0505,2022,20000,nader_voorlopig,5,onderwijsroute,\n",
    );
    r.faalt_met(&[
        "spuk_beschikking.csv, regel 3, kolom status",
        "nader_voorlopig zonder voorlopige beschikking voor Dordrecht 2022 (onderwijsroute)",
    ]);
}
