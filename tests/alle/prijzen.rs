//! One price convention (issue 13, item 3): `prijzen = "lopend"` (costs indexed, IU amounts
//! stated in a price level indexed with the gemeentefonds series, nominal amounts as given) or
//! `prijzen = "constant"` (nothing indexed). Hand-checked small region, a property over every
//! booking, the default data's coherence, the sentence in report and workbook, bad input.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Two gemeenten (Dordrecht, Zwijndrecht) in group R, 2024–2027:
/// - IU 2024 nominal: Dordrecht 30.000, Zwijndrecht 10.000; Zwijndrecht 2026 nominal 12.345;
/// - national total 2024 1.000.000 nominal, 2025–2027 1.000.000 in prices of 2024;
/// - gemeentefonds +2 % (2025), +3 % (2026), 2027 missing; lonen +4 % a year;
/// - one fte post of € 50.000 (prijspeil 2024) split over R by IU uitvoering;
/// - SPUK beschikkingen of 0 (the SPUK plays no part here).
struct Klein {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Klein {
    fn new(scenario_extra: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        let data = map.join("data");
        fs::create_dir_all(&data).unwrap();
        let schrijf = |naam: &str, tekst: &str| fs::write(data.join(naam), tekst).unwrap();
        schrijf(
            "gemeenten.csv",
            "code,naam\nGM0505,Dordrecht\nGM0642,Zwijndrecht\n",
        );
        schrijf(
            "groepen.csv",
            "groep,gemeente\nR,Dordrecht\nR,Zwijndrecht\n",
        );
        schrijf(
            "formatie.csv",
            "post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers\n\
             team,regionaal team,1,50000,2024,2027,iu_uitvoering,R\n",
        );
        schrijf(
            "integratie_uitkering.csv",
            "gemeente,jaar,soort,bedrag\nGM0505,2024,uitvoering,30000\n\
             GM0642,2024,uitvoering,10000\nGM0642,2026,uitvoering,12345\n",
        );
        schrijf(
            "rijksbudget.csv",
            "jaar,soort,bedrag,prijspeil,bron\n2024,uitvoering,1000000,,circulaire\n\
             2025,uitvoering,1000000,2024,aanname: gelijk aan 2024\n\
             2026,uitvoering,1000000,2024,aanname\n2027,uitvoering,1000000,2024,aanname\n",
        );
        schrijf(
            "indexatie.csv",
            "jaar,soort,percentage\n2025,gemeentefonds,2\n2026,gemeentefonds,3\n\
             2025,lonen,4\n2026,lonen,4\n2027,lonen,4\n",
        );
        let mut b = String::from("gemeente,jaar,bedrag,status\n");
        for j in 2024..=2027 {
            b.push_str(&format!("GM0505,{j},0,voorlopig\nGM0642,{j},0,voorlopig\n"));
        }
        schrijf("spuk_beschikking.csv", &b);
        fs::write(
            map.join("s.toml"),
            format!("naam = \"s\"\ndata = \"data\"\njaren = [2024, 2027]\n{scenario_extra}"),
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

    /// Runs and returns (post, gemeente, year) → amount as written in begroting.csv.
    fn boekingen(&self) -> BTreeMap<(String, String, i32), String> {
        let o = self.bereken();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        boekingen(&self.map.join("uit"))
    }

    fn waarschuwingen(&self) -> String {
        fs::read_to_string(self.map.join("uit").join("waarschuwingen.csv")).unwrap()
    }
}

fn boekingen(uit: &Path) -> BTreeMap<(String, String, i32), String> {
    let mut r = csv::Reader::from_path(uit.join("begroting.csv")).unwrap();
    let kop = r.headers().unwrap().clone();
    let kolom = |k: &str| kop.iter().position(|x| x == k).unwrap();
    let (p, g, j, b) = (
        kolom("post"),
        kolom("gemeente"),
        kolom("jaar"),
        kolom("bedrag"),
    );
    r.records()
        .map(|x| x.unwrap())
        .map(|x| {
            (
                (x[p].to_string(), x[g].to_string(), x[j].parse().unwrap()),
                x[b].to_string(),
            )
        })
        .collect()
}

fn b(m: &BTreeMap<(String, String, i32), String>, post: &str, g: &str, jaar: i32) -> String {
    m.get(&(post.to_string(), g.to_string(), jaar))
        .cloned()
        .unwrap_or_else(|| panic!("geen boeking {post} {g} {jaar}: {m:?}"))
}

#[test]
fn lopend_indexes_projected_iu_with_the_gemeentefonds_series_and_leaves_nominal_amounts() {
    let k = Klein::new("");
    let m = k.boekingen();
    // Dordrecht: 30.000 in 2024 (nominal, as given); later years its 3 % share × the national
    // total in the money of the year: 1.000.000 (prices of 2024) × 1,02 = 1.020.000 → 30.600;
    // × 1,02 × 1,03 = 1.050.600 → 31.518; 2027 has no gemeentefonds percentage: 0 % (warned)
    // → 31.518.
    assert_eq!(b(&m, "iu_uitvoering", "Dordrecht", 2024), "30000.00");
    assert_eq!(b(&m, "iu_uitvoering", "Dordrecht", 2025), "30600.00");
    assert_eq!(b(&m, "iu_uitvoering", "Dordrecht", 2026), "31518.00");
    assert_eq!(b(&m, "iu_uitvoering", "Dordrecht", 2027), "31518.00");
    // Zwijndrecht: 10.000 → 10.200 in 2025; its 2026 row is a nominal amount: 12.345 as given,
    // not re-indexed although the gemeentefonds rose 3 %; 2027 takes its share from 2026
    // (12.345 / 1.050.600) × 1.050.600 = 12.345.
    assert_eq!(b(&m, "iu_uitvoering", "Zwijndrecht", 2024), "10000.00");
    assert_eq!(b(&m, "iu_uitvoering", "Zwijndrecht", 2025), "10200.00");
    assert_eq!(b(&m, "iu_uitvoering", "Zwijndrecht", 2026), "12345.00");
    assert_eq!(b(&m, "iu_uitvoering", "Zwijndrecht", 2027), "12345.00");
    // The fte post follows lonen: 50.000, 52.000, 54.080, 56.243,20, split by IU uitvoering
    // (3 : 1 in 2024 and 2025; 31.518 : 12.345 in 2026 and 2027, largest remainder).
    assert_eq!(b(&m, "team", "Dordrecht", 2024), "37500.00");
    assert_eq!(b(&m, "team", "Zwijndrecht", 2024), "12500.00");
    assert_eq!(b(&m, "team", "Dordrecht", 2025), "39000.00");
    assert_eq!(b(&m, "team", "Zwijndrecht", 2025), "13000.00");
    assert_eq!(b(&m, "team", "Dordrecht", 2026), "38859.48");
    assert_eq!(b(&m, "team", "Zwijndrecht", 2026), "15220.52");
    assert_eq!(b(&m, "team", "Dordrecht", 2027), "40413.86");
    assert_eq!(b(&m, "team", "Zwijndrecht", 2027), "15829.34");
    // The missing gemeentefonds year is filled with 0 % and said, never silent.
    let w = k.waarschuwingen();
    assert!(
        w.contains("geen indexatie 'gemeentefonds' voor 2027"),
        "waarschuwingen:\n{w}"
    );
    assert!(!w.contains("constante prijzen"), "{w}");
    // uitgangspunten.csv states the convention in one sentence.
    let u = fs::read_to_string(k.map.join("uit").join("uitgangspunten.csv")).unwrap();
    assert!(
        u.contains("scenario,prijzen,\"Alle bedragen zijn in lopende prijzen:"),
        "{u}"
    );
    assert!(u.contains("instelling,prijzen,lopend (standaard)"), "{u}");
    assert!(
        u.contains("instelling,basisjaar,2024 (standaard: het eerste jaar)"),
        "{u}"
    );
}

#[test]
fn constant_indexes_nothing_and_warns_about_amounts_in_another_years_prices() {
    let k = Klein::new("prijzen = \"constant\"\n");
    let m = k.boekingen();
    for j in 2024..=2027 {
        // IU in prices of 2024 (= basisjaar): no gemeentefonds index.
        assert_eq!(b(&m, "iu_uitvoering", "Dordrecht", j), "30000.00", "{j}");
        // The fte post: no wage index; 50.000 a year, split by IU uitvoering.
        let d: rust_decimal::Decimal = b(&m, "team", "Dordrecht", j).parse().unwrap();
        let z: rust_decimal::Decimal = b(&m, "team", "Zwijndrecht", j).parse().unwrap();
        assert_eq!(d + z, rust_decimal::Decimal::from(50000), "{j}");
    }
    assert_eq!(b(&m, "iu_uitvoering", "Zwijndrecht", 2025), "10000.00");
    // A nominal amount of 2026 counts as given (not deflated) and is warned about.
    assert_eq!(b(&m, "iu_uitvoering", "Zwijndrecht", 2026), "12345.00");
    let w = k.waarschuwingen();
    assert!(
        w.contains("integratie_uitkering.csv,4,jaar,")
            && w.contains("basisjaar 2024) wordt niets geïndexeerd of teruggerekend")
            && w.contains("in prijzen van 2026 tellen zoals gegeven"),
        "waarschuwingen:\n{w}"
    );
    // Nothing is indexed, so a missing gemeentefonds year is no warning here.
    assert!(!w.contains("gemeentefonds' voor"), "{w}");
    let u = fs::read_to_string(k.map.join("uit").join("uitgangspunten.csv")).unwrap();
    assert!(
        u.contains("Alle bedragen zijn in constante prijzen van 2024: niets is geïndexeerd"),
        "{u}"
    );
}

/// The shipped data with a scenario on top, computed through the library.
fn ledger_met(data: &Path, scenario: &str, tmp: &Path, naam: &str) -> Vec<String> {
    let pad = tmp.join(format!("{naam}.toml"));
    fs::write(
        &pad,
        format!(
            "naam = \"{naam}\"\ndata = \"{}\"\n{scenario}",
            data.display()
        ),
    )
    .unwrap();
    let run = raming::draai(&pad).unwrap_or_else(|e| panic!("{e}"));
    run.ledger
        .boekingen
        .iter()
        .map(|b| {
            format!(
                "{} {} {:?} {} {}",
                b.gemeente, b.jaar, b.soort, b.post, b.bedrag
            )
        })
        .collect()
}

/// A deterministic pseudo-random indexatie.csv: every soort, every year 2021–2032, a
/// percentage between −5 and +10 with two decimals.
fn willekeurige_indexatie(zaad: u64) -> String {
    let mut x = zaad
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut t = String::from("jaar,soort,percentage\n");
    for soort in ["tarieven", "lonen", "prijzen", "gemeentefonds"] {
        for j in 2021..=2032 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let cent = (x >> 33) % 1501; // 0..=1500
            let p = cent as i64 - 500; // −5,00 .. +10,00 in hundredths
            let teken = if p < 0 { "-" } else { "" };
            t.push_str(&format!(
                "{j},{soort},{teken}{}.{:02}\n",
                p.abs() / 100,
                p.abs() % 100
            ));
        }
    }
    t
}

#[test]
fn constant_prices_no_booking_moves_with_any_index() {
    // Property over every booking of the shipped data (fte posts, IU with prijspeil rows,
    // SPUK forecast from tariffs, route costs with doorstroom, the onderwijsroute top-up): under
    // prijzen = "constant" each run with a different indexatie.csv and scenario overrides gives
    // the same ledger, booking for booking. Under "lopend" the same changes move amounts.
    let tmp = tempfile::tempdir().unwrap();
    let basis = "jaren = [2022, 2030]\ninburgeringsvoorzieningen = \"routes\"\nspuk = \"prognose\"\n\
                 [instroom]\ngroei = 5\n";
    let data0 = crate::gedeeld::kopie(
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden"),
        tmp.path(),
        "d0",
    );
    let referentie = ledger_met(
        &data0,
        &format!("prijzen = \"constant\"\n{basis}"),
        tmp.path(),
        "c0",
    );
    let lopend0 = ledger_met(&data0, basis, tmp.path(), "l0");
    assert!(referentie.len() > 100, "{}", referentie.len());
    for zaad in 1..=6u64 {
        let data = crate::gedeeld::kopie(
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden"),
            tmp.path(),
            &format!("d{zaad}"),
        );
        let ix = willekeurige_indexatie(zaad);
        // Sanity: every line parses as jaar,soort,percentage.
        assert!(
            ix.lines().skip(1).all(|l| l.split(',').count() == 3),
            "{ix}"
        );
        fs::write(data.join("indexatie.csv"), &ix).unwrap();
        let extra = format!(
            "[indexatie]\nlonen = {{ 2027 = {} }}\ngemeentefonds = {}\n",
            zaad, zaad
        );
        let c = ledger_met(
            &data,
            &format!("prijzen = \"constant\"\n{basis}{extra}"),
            tmp.path(),
            &format!("c{zaad}"),
        );
        assert_eq!(c.len(), referentie.len(), "zaad {zaad}");
        for (x, y) in c.iter().zip(&referentie) {
            assert_eq!(x, y, "zaad {zaad}: een boeking beweegt met de index");
        }
        let l = ledger_met(
            &data,
            &format!("{basis}{extra}"),
            tmp.path(),
            &format!("l{zaad}"),
        );
        assert_ne!(
            l, lopend0,
            "zaad {zaad}: in lopende prijzen beweegt de index wel"
        );
    }
    // And within one constant run, a cost line that does not depend on volumes (the fte posts)
    // is the same amount in every year.
    let per_jaar: BTreeMap<(String, String), Vec<String>> =
        referentie.iter().fold(BTreeMap::new(), |mut m, r| {
            let v: Vec<&str> = r.split(' ').collect();
            if v[3] == "procesregie" {
                m.entry((v[0].to_string(), v[3].to_string()))
                    .or_insert_with(Vec::new)
                    .push(v[4].to_string());
            }
            m
        });
    assert!(!per_jaar.is_empty());
    for (k, v) in per_jaar {
        assert!(v.len() == 9, "{k:?}: {v:?}");
        // The key (IU uitvoering shares) changes only between 2022 and 2023 (data rows).
        assert!(v[1..].iter().all(|x| *x == v[1]), "{k:?}: {v:?}");
    }
}

#[test]
fn default_data_income_and_costs_both_follow_an_index() {
    // Before: the fte lasten (821.200) rose 3 % a year from 2025 while the IU (1.108.435) stayed
    // flat, so the SDD saldo fell by about € 159.000 by 2030 through a convention nobody chose.
    // Now the 2025–2030 national totals are "gelijk aan 2024 in prijzen van 2024" and follow the
    // gemeentefonds series (2,5 %): saldo 2030 = 1.108.435 × 1,025^6 − 821.200 × 1,03^6
    // = 1.285.444,77 − 980.555,75 = 304.889,03 (the SPUK is passed through: 0 net), against
    // 287.234,99 in 2024 (1.108.435 − 821.200 = 287.235 less a cent of rounding per gemeente).
    // The three gemeenten that execute locally add 1,71 fte × € 95.803 (an aanname in
    // formatie.csv, wages indexed too): 163.823,13 in 2024 and × 1,03^6 = 195.613,38 in 2030,
    // so SDD: 287.234,99 − 163.823,13 = 123.411,86 and 304.889,03 − 195.613,38 = 109.275,65.
    let tmp = tempfile::tempdir().unwrap();
    let uit = tmp.path().join("uit");
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .args([
            "bereken",
            "scenarios/basis.toml",
            "--geen-grafieken",
            "--uit",
        ])
        .arg(&uit)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let saldo = fs::read_to_string(uit.join("saldo.csv")).unwrap();
    let sdd = |jaar: i32| -> rust_decimal::Decimal {
        let r = saldo
            .lines()
            .find(|l| l.starts_with(&format!("basis,SDD,{jaar},")))
            .unwrap();
        r.rsplit(',').next().unwrap().parse().unwrap()
    };
    assert_eq!(sdd(2024).to_string(), "123411.86");
    let d2030 = sdd(2030) - rust_decimal::dec!(109275.65);
    assert!(d2030.abs() <= rust_decimal::dec!(0.05), "{}", sdd(2030));
    // No silent fill: the default data has a gemeentefonds percentage for every year it needs.
    let w = fs::read_to_string(uit.join("waarschuwingen.csv")).unwrap();
    assert!(!w.contains("gemeentefonds"), "{w}");
}

#[test]
fn report_and_workbook_say_the_convention_in_one_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("constant.toml");
    fs::write(
        &s,
        format!(
            "naam = \"constant\"\nbasis = \"{}/scenarios/basis.toml\"\nprijzen = \"constant\"\nbasisjaar = 2022\n",
            env!("CARGO_MANIFEST_DIR")
        ),
    )
    .unwrap();
    let run = raming::draai(&s).unwrap_or_else(|e| panic!("{e}"));
    let zin = raming::rapport::uitgangspunten::prijzen_zin(&run.scenario.instellingen);
    assert_eq!(
        zin,
        "Alle bedragen zijn in constante prijzen van 2022: niets is geïndexeerd, niet de kosten, \
         niet de SPUK-tarieven en niet de uitkering uit het gemeentefonds."
    );
    // The raad report: the first chapter and the appendix.
    let rapport =
        raming::rapport::raad::maak(std::slice::from_ref(&run), None, None, "2026-12-01", &[])
            .unwrap();
    let teksten: Vec<String> = rapport
        .hoofdstukken
        .iter()
        .chain(&rapport.bijlagen)
        .flat_map(|h| h.blokken.iter().map(|b| format!("{b:?}")))
        .collect();
    assert!(
        teksten.iter().filter(|t| t.contains(&zin)).count() >= 2,
        "de zin ontbreekt in het rapport"
    );
    // The workbook: the sentence is in its shared strings (Saldo and Uitgangspunten sheets).
    let uit = tmp.path().join("uit");
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .arg("bereken")
        .arg(&s)
        .args(["--geen-grafieken", "--uit"])
        .arg(&uit)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xlsx = fs::read(uit.join("begroting.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(
        strings.contains("Alle bedragen zijn in constante prijzen van 2022"),
        "niet in het werkboek"
    );
}

#[test]
fn bad_price_input_is_refused_with_file_row_and_column() {
    // A prijspeil after the amount's own year.
    let k = Klein::new("");
    fs::write(
        k.map.join("data").join("rijksbudget.csv"),
        "jaar,soort,bedrag,prijspeil\n2024,uitvoering,1000000,\n2025,uitvoering,1000000,2026\n\
         2026,uitvoering,1000000,2024\n2027,uitvoering,1000000,1999\n",
    )
    .unwrap();
    let o = k.bereken();
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("rijksbudget.csv, regel 3, kolom prijspeil: 2026 ligt na jaar 2025"),
        "{e}"
    );
    assert!(
        e.contains("rijksbudget.csv, regel 5, kolom prijspeil: jaar 1999 ligt buiten 2000–2100"),
        "{e}"
    );
    assert!(!k.map.join("uit").exists(), "niets geschreven");
    // An unknown convention in the scenario.
    let k = Klein::new("prijzen = \"vast\"\n");
    let o = k.bereken();
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("s.toml") && e.contains("prijzen"), "{e}");
    assert!(e.contains("lopend") && e.contains("constant"), "{e}");
    // An unknown index soort.
    let k = Klein::new("");
    fs::write(
        k.map.join("data").join("indexatie.csv"),
        "jaar,soort,percentage\n2025,gemeentefonts,2\n",
    )
    .unwrap();
    let o = k.bereken();
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("indexatie.csv, regel 2, kolom soort") && e.contains("gemeentefonds"),
        "{e}"
    );
}

/// Every booking of a run explained to the cent (`raming herkomst`), with the rule texts.
fn verklaard(run: &raming::Run) -> Vec<(String, i32, String, String)> {
    let s = raming::rapport::herkomst::sporen(run, &Default::default()).unwrap();
    assert_eq!(s.len(), run.ledger.boekingen.len());
    s.iter()
        .map(|x| {
            let b = &x.boeking;
            let wat = format!(
                "{} {} {}: {}",
                x.gemeente, b.jaar, b.post, x.verklaring.regel
            );
            assert_eq!(x.verklaring.uitkomst, Some(b.bedrag), "{wat}");
            (
                x.gemeente.clone(),
                b.jaar,
                b.post.to_string(),
                x.verklaring.regel.clone(),
            )
        })
        .collect()
}

#[test]
fn herkomst_explains_the_gemeentefonds_index_and_constant_prices_to_the_cent() {
    let k = Klein::new("");
    let run = raming::draai(&k.map.join("s.toml")).unwrap_or_else(|e| panic!("{e}"));
    let v = verklaard(&run);
    let regel = |g: &str, j: i32, p: &str| {
        v.iter()
            .find(|x| x.0 == g && x.1 == j && x.2 == p)
            .map(|x| x.3.clone())
            .unwrap()
    };
    let r = regel("Dordrecht", 2025, "iu_uitvoering");
    assert!(
        r.contains("(€ 1.000.000,00 in prijzen van 2024 × gemeentefondsindex 1,0200)")
            && r.ends_with("= € 30.600,00"),
        "{r}"
    );
    let r = regel("Zwijndrecht", 2026, "iu_uitvoering");
    assert_eq!(r, "IU uitvoering 2026 gegeven: € 12.345,00");
    // Constant prices: every index shown is 1 and the outcomes still equal the bookings.
    let k = Klein::new("prijzen = \"constant\"\n");
    let run = raming::draai(&k.map.join("s.toml")).unwrap_or_else(|e| panic!("{e}"));
    let v = verklaard(&run);
    let r = v
        .iter()
        .find(|x| x.0 == "Dordrecht" && x.1 == 2027 && x.2 == "team")
        .unwrap();
    assert!(r.3.contains("loonindex 1,0000"), "{}", r.3);
    // The shipped data in constant prices with routes: explained to the cent too.
    let tmp = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden"),
        tmp.path(),
        "data",
    );
    assert!(data.exists());
    fs::write(
        tmp.path().join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2030]\nprijzen = \"constant\"\n\
         inburgeringsvoorzieningen = \"routes\"\nspuk = \"prognose\"\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    verklaard(&raming::draai(&tmp.path().join("s.toml")).unwrap());
}
