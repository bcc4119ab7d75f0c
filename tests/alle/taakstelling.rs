//! Taakstelling is not inburgeringsplichtigen (issue 13, item 4): `instroom.csv` rows with
//! `soort = taakstelling` are converted with the scenario's `[instroom]
//! aandeel_inburgeringsplichtig` per doelgroep, and the model counts inburgeringsplichtigen
//! everywhere: SPUK forecast, route costs (with doorstroom), the instroom projection, the
//! settlement, the calibration and the risk run. Hand-checked figures, equivalence with the same
//! heads given directly, the visible assumption and bad input.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

/// One gemeente (Dordrecht), 2024–2026, IU 100.000 a year, no fte posts, no beschikkingen:
/// the SPUK is forecast (asiel: leerroute € 1.000 + MAP € 100 in the first counted year; gezin:
/// MAP € 50), route costs from `kosten_per_deelnemer.csv` (asiel B1 € 2.000 in its first route
/// year, MAP € 100), all asiel and gezin in B1, doorstroom: B1 starts 40 % in the year of
/// housing and 60 % the year after. Instroom 2024 only, grown flat (`groei = 0`): asiel as
/// given in `asiel` (e.g. `50,taakstelling`), gezin 10 inburgeringsplichtigen.
struct Klein {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Klein {
    fn new(asiel: &str, scenario_extra: &str) -> Self {
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
        schrijf(
            "integratie_uitkering.csv",
            "gemeente,jaar,soort,bedrag\nGM0505,2024,uitvoering,100000\n\
             GM0505,2025,uitvoering,100000\nGM0505,2026,uitvoering,100000\n",
        );
        schrijf(
            "spuk_tarieven.csv",
            "jaar,doelgroep,component,teljaar,bedrag\n2024,asiel,leerroute,1,1000\n\
             2024,asiel,map,1,100\n2024,gezin,map,1,50\n",
        );
        schrijf(
            "instroom.csv",
            &format!(
                "gemeente,jaar,doelgroep,aantal,soort\nGM0505,2024,asiel,{asiel}\n\
                 GM0505,2024,gezin,10,\n"
            ),
        );
        schrijf(
            "routeverdeling.csv",
            "doelgroep,route,laag,basis,hoog\nasiel,b1,100,100,100\nasiel,onderwijs,0,0,0\n\
             asiel,z,0,0,0\ngezin,b1,100,100,100\ngezin,onderwijs,0,0,0\ngezin,z,0,0,0\n",
        );
        schrijf(
            "kosten_per_deelnemer.csv",
            "onderdeel,doelgroep,jaar_index,bedrag\nb1,asiel,1,2000\nmap,asiel,1,100\n",
        );
        schrijf(
            "doorstroom.csv",
            "doelgroep,route,soort,jaar_index,aandeel\nasiel,b1,start,0,40\nasiel,b1,start,1,60\n",
        );
        let mut ix = String::from("jaar,soort,percentage\n");
        for j in 2025..=2026 {
            for s in ["tarieven", "prijzen"] {
                ix.push_str(&format!("{j},{s},0\n"));
            }
        }
        schrijf("indexatie.csv", &ix);
        fs::write(
            map.join("s.toml"),
            format!(
                "naam = \"s\"\ndata = \"data\"\njaren = [2024, 2026]\n\
                 inburgeringsvoorzieningen = \"routes\"\nspuk = \"prognose\"\n\
                 [instroom]\ngroei = 0\n{scenario_extra}\n\
                 [risico]\ntrekkingen = 300\nzaad = 7\n\
                 [risico.instroom]\nverdeling = \"driehoek\"\nlaag = 0.5\nmodus = 1.0\nhoog = 1.5\n\
                 bron = \"aanname: test\"\n"
            ),
        )
        .unwrap();
        Klein { _tmp: tmp, map }
    }

    fn raming(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_raming"))
            .args(args)
            .current_dir(&self.map)
            .output()
            .unwrap()
    }

    fn bereken(&self) -> Output {
        self.raming(&["bereken", "s.toml", "--uit", "uit", "--geen-grafieken"])
    }

    fn lees(&self, pad: &str) -> String {
        fs::read_to_string(self.map.join(pad)).unwrap_or_else(|e| panic!("{pad}: {e}"))
    }
}

/// The amount of a post, gemeente and year in begroting.csv, as written.
fn bedrag(begroting: &str, post: &str, jaar: i32) -> String {
    let mut r = csv::Reader::from_reader(begroting.as_bytes());
    let kop = r.headers().unwrap().clone();
    let kolom = |k: &str| kop.iter().position(|x| x == k).unwrap();
    let (p, j, b) = (kolom("post"), kolom("jaar"), kolom("bedrag"));
    r.records()
        .map(|x| x.unwrap())
        .find(|x| &x[p] == post && x[j] == jaar.to_string())
        .map(|x| x[b].to_string())
        .unwrap_or_else(|| "0".into())
}

const AANDEEL_60: &str = "aandeel_inburgeringsplichtig = { asiel = 60 }";

#[test]
fn a_taakstelling_of_50_with_share_60_is_30_heads_everywhere() {
    let k = Klein::new("50,taakstelling", AANDEEL_60);
    let o = k.bereken();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b = k.lees("uit/begroting.csv");
    // 50 housed × 60 % = 30 inburgeringsplichtigen a year (2024, and 2025–2026 grown flat from
    // the converted 2024 row), gezin 10 as given.
    // SPUK: 30 × (1.000 + 100) + 10 × 50 = 33.000 + 500 = 33.500 every year.
    for j in 2024..=2026 {
        assert_eq!(bedrag(&b, "spuk", j), "33500.00", "spuk {j}");
    }
    // MAP costs follow the year of housing: 30 × 100 = 3.000 a year.
    for j in 2024..=2026 {
        assert_eq!(bedrag(&b, "voorziening_map", j), "3000.00", "map {j}");
    }
    // B1, € 2.000 in route year 1; each cohort of 30 starts 40 % (12) in its year of housing
    // and 60 % (18) the year after: 2024 12 × 2.000 = 24.000; 2025 (18 + 12) × 2.000 =
    // 60.000; 2026 likewise 60.000.
    assert_eq!(bedrag(&b, "voorziening_b1", 2024), "24000.00");
    assert_eq!(bedrag(&b, "voorziening_b1", 2025), "60000.00");
    assert_eq!(bedrag(&b, "voorziening_b1", 2026), "60000.00");
    // A visible assumption: a warning and the setting in uitgangspunten.csv.
    let w = k.lees("uit/waarschuwingen.csv");
    assert!(
        w.contains("instroom.csv,,soort,")
            && w.contains("1 regel(s) asiel zijn een taakstelling")
            && w.contains("omgerekend naar inburgeringsplichtigen met 60 %")
            && w.contains("bijv. 50 × 60 % = 30 (regel 2)"),
        "waarschuwingen:\n{w}"
    );
    let u = k.lees("uit/uitgangspunten.csv");
    assert!(
        u.contains(
            "instelling,instroom.aandeel_inburgeringsplichtig.asiel,60 % van de taakstelling is inburgeringsplichtig"
        ),
        "{u}"
    );
    // The warning is on stderr too.
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("zijn een taakstelling"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn taakstelling_times_share_equals_the_heads_given_directly_in_every_output() {
    // Property of the conversion: 50 taakstelling × 60 % and 30 inburgeringsplichtigen give the
    // same bookings, settlement, cash and risk bands (the model never sees the taakstelling).
    let t = Klein::new("50,taakstelling", AANDEEL_60);
    let p = Klein::new("30,", "");
    for k in [&t, &p] {
        let o = k.bereken();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let o = k.raming(&[
            "risico",
            "s.toml",
            "--stil",
            "--datum",
            "2024-01-01",
            "--uit",
            "r",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for f in [
        "uit/begroting.csv",
        "uit/saldo.csv",
        "uit/afrekening.csv",
        "uit/kasstroom.csv",
        "r/banden.csv",
        "r/reserve.csv",
    ] {
        assert_eq!(t.lees(f), p.lees(f), "{f}");
    }
}

#[test]
fn calibration_uses_inburgeringsplichtigen_not_the_taakstelling() {
    // Two gemeenten with beschikkingen 2024 but no volumes beside them: the calibration takes
    // the instroom, converted. Dordrecht 50 taakstelling (→ 30) asiel + 20 gezin, Zwijndrecht
    // 20 taakstelling (→ 12) + 7 gezin; beschikkingen 30 × 5.000 + 20 × 600 = 162.000 and
    // 12 × 5.000 + 7 × 600 = 64.200 → exactly € 5.000 per asiel head and € 600 per gezin head
    // (on the raw taakstelling it would be € 3.000 per asiel head).
    let k = Klein::new("50,taakstelling", AANDEEL_60);
    let data = k.map.join("data");
    fs::write(
        data.join("gemeenten.csv"),
        "code,naam\nGM0505,Dordrecht\nGM0642,Zwijndrecht\n",
    )
    .unwrap();
    fs::write(
        data.join("instroom.csv"),
        "gemeente,jaar,doelgroep,aantal,soort\nGM0505,2024,asiel,50,taakstelling\n\
         GM0505,2024,gezin,20,\nGM0642,2024,asiel,20,taakstelling\nGM0642,2024,gezin,7,\n",
    )
    .unwrap();
    fs::write(
        data.join("integratie_uitkering.csv"),
        "gemeente,jaar,soort,bedrag\nGM0505,2024,uitvoering,100000\nGM0642,2024,uitvoering,50000\n\
         GM0505,2025,uitvoering,100000\nGM0642,2025,uitvoering,50000\n\
         GM0505,2026,uitvoering,100000\nGM0642,2026,uitvoering,50000\n",
    )
    .unwrap();
    fs::write(
        data.join("spuk_beschikking.csv"),
        "gemeente,jaar,bedrag,status\nGM0505,2024,162000,voorlopig\nGM0642,2024,64200,voorlopig\n",
    )
    .unwrap();
    let o = k.raming(&["kalibreer", "s.toml", "--jaar", "2024", "--uit", "kal"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let kal = k.lees("kal/kalibratie.csv");
    assert!(kal.contains("2024,asiel,5000.00,"), "{kal}");
    assert!(kal.contains("2024,gezin,600.00,"), "{kal}");
    let g = k.lees("kal/kalibratie_gemeenten.csv");
    assert!(
        g.contains("taakstelling × aandeel inburgeringsplichtigen"),
        "{g}"
    );
}

#[test]
fn the_report_states_the_share() {
    let k = Klein::new("50,taakstelling", AANDEEL_60);
    let run = raming::draai(&k.map.join("s.toml")).unwrap_or_else(|e| panic!("{e}"));
    let zin = raming::rapport::uitgangspunten::taakstelling_zin(
        &run.scenario.instellingen,
        &run.gegevens,
    )
    .unwrap();
    assert_eq!(
        zin,
        "De instroom is (deels) opgegeven als taakstelling voor huisvesting, die ook \
         minderjarigen en vrijgestelden telt; aangenomen is dat 60 % van de asielstatushouders \
         inburgeringsplichtig is, en alleen zij tellen voor de SPUK en de leerroutes."
    );
    let rapport =
        raming::rapport::raad::maak(std::slice::from_ref(&run), None, None, "2026-12-01", &[])
            .unwrap();
    let baten = rapport
        .hoofdstukken
        .iter()
        .find(|h| h.titel == "Baten")
        .unwrap();
    assert!(
        baten
            .blokken
            .iter()
            .any(|b| format!("{b:?}").contains(&zin)),
        "{:?}",
        baten.blokken
    );
    // Without taakstelling rows: no sentence.
    let p = Klein::new("30,", "");
    let run = raming::draai(&p.map.join("s.toml")).unwrap();
    assert!(
        raming::rapport::uitgangspunten::taakstelling_zin(
            &run.scenario.instellingen,
            &run.gegevens
        )
        .is_none()
    );
}

#[test]
fn taakstelling_without_a_share_is_an_error_naming_the_scenario_key() {
    let k = Klein::new("50,taakstelling", "");
    let o = k.bereken();
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("instroom.csv, regel 2, kolom soort: taakstelling voor doelgroep asiel"),
        "{e}"
    );
    assert!(
        e.contains("[instroom] aandeel_inburgeringsplichtig = { asiel = 60 }")
            && e.contains("s.toml"),
        "{e}"
    );
    assert!(!k.map.join("uit").exists(), "niets geschreven");
    // A share for gezin does not cover asiel.
    let k = Klein::new(
        "50,taakstelling",
        "aandeel_inburgeringsplichtig = { gezin = 90 }",
    );
    let o = k.bereken();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("doelgroep asiel"));
}

#[test]
fn bad_soort_and_bad_share_are_refused_with_file_row_and_column() {
    let k = Klein::new("50,taakstellingen", AANDEEL_60);
    let o = k.bereken();
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("instroom.csv, regel 2, kolom soort") && e.contains("taakstelling"),
        "{e}"
    );
    for (waarde, verwacht) in [
        (
            "aandeel_inburgeringsplichtig = { asiel = 160 }",
            "kolom instroom.aandeel_inburgeringsplichtig.asiel: 160 is ongeldig",
        ),
        (
            "aandeel_inburgeringsplichtig = { statushouder = 60 }",
            "onbekende doelgroep 'statushouder'",
        ),
        (
            "aandeel_inburgeringsplichtig = 60",
            "kolom instroom.aandeel_inburgeringsplichtig: verwacht een tabel",
        ),
        (
            "aandeel_inburgeringsplichtig = { asiel = 60,5 }",
            "schrijf 60.5 in plaats van 60,5",
        ),
    ] {
        let k = Klein::new("50,taakstelling", waarde);
        let o = k.bereken();
        assert_eq!(o.status.code(), Some(1), "{waarde}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(
            e.contains("s.toml") && e.contains(verwacht),
            "{waarde}: {e}"
        );
    }
}

#[test]
fn a_share_without_taakstelling_rows_is_a_warning_and_changes_nothing() {
    let met = Klein::new(
        "30,",
        "aandeel_inburgeringsplichtig = { asiel = 60, gezin = 80 }",
    );
    let zonder = Klein::new("30,", "");
    for k in [&met, &zonder] {
        let o = k.bereken();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(
        met.lees("uit/begroting.csv"),
        zonder.lees("uit/begroting.csv")
    );
    let w = met.lees("uit/waarschuwingen.csv");
    assert!(
        w.contains("aandeel_inburgeringsplichtig asiel = 60, maar instroom.csv heeft geen taakstelling voor asiel")
            && w.contains("aandeel_inburgeringsplichtig gezin = 80"),
        "{w}"
    );
}

#[test]
fn herkomst_says_the_heads_come_from_a_taakstelling() {
    let k = Klein::new("50,taakstelling", AANDEEL_60);
    let run = raming::draai(&k.map.join("s.toml")).unwrap_or_else(|e| panic!("{e}"));
    let s = raming::rapport::herkomst::sporen(&run, &Default::default()).unwrap();
    for x in &s {
        assert_eq!(
            x.verklaring.uitkomst,
            Some(x.boeking.bedrag),
            "{}",
            x.verklaring.regel
        );
    }
    let spuk = s
        .iter()
        .find(|x| x.boeking.post.as_str() == "spuk" && x.boeking.jaar == 2024)
        .unwrap();
    assert!(
        spuk.verklaring
            .regel
            .contains("asiel cohort 2024 (teljaar 1): 30 × € 1.100,00")
            && spuk.verklaring.regel.contains(
                "instroom gegeven als taakstelling, omgerekend naar inburgeringsplichtigen met \
                 het aandeel uit het scenario (asiel 60 %)"
            ),
        "{}",
        spuk.verklaring.regel
    );
}

#[test]
fn a_child_scenario_inherits_the_share_per_doelgroep() {
    let k = Klein::new("50,taakstelling", AANDEEL_60);
    fs::write(
        k.map.join("kind.toml"),
        "basis = \"s.toml\"\nnaam = \"kind\"\n[instroom]\naandeel_inburgeringsplichtig = { gezin = 90 }\n",
    )
    .unwrap();
    let s = raming::invoer::scenario::lees(&k.map.join("kind.toml")).unwrap();
    let i = &s.instellingen.instroom;
    assert_eq!(
        i.aandeel(raming::instroom::Doelgroep::Asiel),
        Some(rust_decimal::dec!(60))
    );
    assert_eq!(
        i.aandeel(raming::instroom::Doelgroep::Gezin),
        Some(rust_decimal::dec!(90))
    );
}
