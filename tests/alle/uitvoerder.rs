//! Issue 13 item 2: who executes each cost. Every lasten line has an uitvoerder (the gemeente,
//! a regional body or a partner); the regional bodies' bijdragen add up to their lasten to the
//! cent; the gemeenten that do not mandate the SDD carry their own execution costs; bad input
//! is refused with file, row and column; and a small region of its own (two regional bodies, a
//! partner) is computed by hand.

use raming::ledger::Soort;
use raming::rapport::uitvoering;
use raming::uitvoerder::Uitvoerder;
use rust_decimal::Decimal;
use rust_decimal::dec;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const DRECHTSTEDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");

/// Every (body, year, post): the regional lasten equal the sum of the bijdragen to the cent.
fn bijdragen_sluiten(run: &raming::Run) -> usize {
    let mut som: BTreeMap<(String, i32, String), Decimal> = BTreeMap::new();
    for b in &run.ledger.boekingen {
        if let Uitvoerder::Regio(r) = &b.uitvoerder {
            assert_eq!(b.soort, Soort::Lasten);
            *som.entry((r.clone(), b.jaar, b.post.to_string()))
                .or_default() += b.bedrag;
        }
    }
    assert_eq!(
        som.len(),
        run.regio.len(),
        "een regionale last per bijdrage-post"
    );
    for r in &run.regio {
        let s = som
            .get(&(r.regio.clone(), r.jaar, r.post.to_string()))
            .copied()
            .unwrap_or_default();
        assert_eq!(s, r.bedrag, "{} {} {}", r.regio, r.jaar, r.post);
        assert_eq!(r.bedrag, r.bedrag.round_dp(2), "op de cent: {r:?}");
    }
    run.regio.len()
}

#[test]
fn regional_bijdragen_add_up_to_the_regional_lasten_to_the_cent() {
    for s in [
        "basis",
        "routekosten",
        "hoge_instroom",
        "onderwijsroute_hoog",
    ] {
        let run = raming::draai(Path::new(&format!("scenarios/{s}.toml"))).unwrap();
        assert!(bijdragen_sluiten(&run) > 0, "{s}");
        // Every lasten line has an uitvoerder; here only the SDD is a regional body.
        for r in &run.regio {
            assert_eq!(r.regio, "SDD");
        }
    }
    // By hand, basis 2022: the SDD executes the four fte posts (376.000 + 141.000 + 163.200 +
    // 141.000) and the inburgeringsvoorzieningen of its four mandating gemeenten (their SPUK,
    // 265.808 + 68.316 + 68.905 + 104.734): 1.328.963,00, the Beleidskader's "Voorlopige lasten
    // 2022"; the bijdragen of the seven members add up to it.
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    let lasten: Decimal = run
        .regio
        .iter()
        .filter(|r| r.jaar == 2022)
        .map(|r| r.bedrag)
        .sum();
    assert_eq!(lasten, dec!(1328963.00));
    let t = uitvoering::begroting("basis", &run.gegevens, &run.ledger, &run.regio);
    let (soort, jaar, bedrag) = (
        t.kolom("soort").unwrap(),
        t.kolom("jaar").unwrap(),
        t.kolom("bedrag").unwrap(),
    );
    let mut baten = Decimal::ZERO;
    for r in &t.rijen {
        if r.cellen[jaar] == raming::rapport::tabel::Cel::Geheel(2022)
            && r.cellen[soort] == raming::rapport::tabel::Cel::tekst("baten")
            && let raming::rapport::tabel::Cel::Bedrag(x) = r.cellen[bedrag]
        {
            baten += x;
        }
    }
    assert_eq!(baten, dec!(1328963.00));
    // Dordrecht's bijdrage 2022: 209.900,67 + 78.712,75 + 91.105,82 + 63.421,78 + 265.808.
    let dordrecht: Decimal = run
        .ledger
        .boekingen
        .iter()
        .filter(|b| {
            b.jaar == 2022 && b.gemeente == 1 && b.uitvoerder == Uitvoerder::Regio("SDD".into())
        })
        .map(|b| b.bedrag)
        .sum();
    assert_eq!(dordrecht, dec!(708949.02));
}

fn exact_saldo(run: &raming::Run, gemeente: &str, jaar: i32) -> Decimal {
    run.uitkomst.saldi[&(gemeente.to_string(), jaar)].saldo()
}

#[test]
fn non_mandating_gemeenten_carry_their_local_execution() {
    let run = raming::draai(Path::new("scenarios/basis.toml")).unwrap();
    // Local execution (aanname, formatie.csv): fte × € 95.803, executed by the gemeente itself.
    for (gemeente, kosten_2022, kosten_2025) in [
        // 0,55 × 95.803 = 52.691,65; 2025 × 1,03 (lonen) = 54.272,3995 → 54.272,40.
        ("Alblasserdam", dec!(52691.65), dec!(54272.40)),
        // 0,45 × 95.803 = 43.111,35; × 1,03 = 44.404,6905 → 44.404,69.
        ("Hardinxveld-Giessendam", dec!(43111.35), dec!(44404.69)),
        // 0,71 × 95.803 = 68.020,13; × 1,03 = 70.060,7339 → 70.060,73.
        ("Sliedrecht", dec!(68020.13), dec!(70060.73)),
    ] {
        let g = run.gegevens.gemeenten.zoek(gemeente).unwrap();
        for (jaar, verwacht) in [(2022, kosten_2022), (2025, kosten_2025)] {
            let b = run
                .ledger
                .boekingen
                .iter()
                .find(|b| {
                    b.gemeente == g && b.jaar == jaar && b.post.as_str() == "lokale_uitvoering"
                })
                .unwrap();
            assert_eq!(b.bedrag, verwacht, "{gemeente} {jaar}");
            assert_eq!(b.uitvoerder, Uitvoerder::Gemeente);
        }
    }
    // Their saldo 2022 (was a "surplus" of 54.024 / 44.705 / 69.611 without local costs):
    // Alblasserdam 62.814 IU + 118.000 SPUK − 8.790,35 financieel ontzorgen − 52.691,65 local
    // − 118.000 inburgeringsvoorzieningen = 1.332,00;
    assert_eq!(exact_saldo(&run, "Alblasserdam", 2022), dec!(1332.00));
    // Hardinxveld-Giessendam 51.979 − 7.274,07 − 43.111,35 = 1.593,58;
    assert_eq!(
        exact_saldo(&run, "Hardinxveld-Giessendam", 2022),
        dec!(1593.58)
    );
    // Sliedrecht 80.938 − 11.326,66 − 68.020,13 = 1.591,21.
    assert_eq!(exact_saldo(&run, "Sliedrecht", 2022), dec!(1591.21));
    // Alblasserdam's SPUK 2022 is its beschikking (Raadsinformatiebrief Alblasserdam), passed on
    // to its own inburgeringsvoorzieningen.
    let post = |p: &str, soort| {
        run.ledger
            .boekingen
            .iter()
            .find(|b| b.gemeente == 0 && b.jaar == 2022 && b.post.as_str() == p && b.soort == soort)
            .unwrap()
            .clone()
    };
    assert_eq!(post("spuk", Soort::Baten).bedrag, dec!(118000));
    let v = post("inburgeringsvoorzieningen", Soort::Lasten);
    assert_eq!(
        (v.bedrag, v.uitvoerder),
        (dec!(118000), Uitvoerder::Gemeente)
    );
    // Per gemeente its local costs plus its bijdrage: lasten_per_uitvoerder.csv.
    let per = uitvoering::naar_uitvoerder(&run.ledger);
    let a = per[&(0, 2022)];
    assert_eq!(
        (a.eigen, a.partners, a.regio),
        (dec!(170691.65), dec!(0), dec!(8790.35))
    );
    assert_eq!(
        a.totaal(),
        run.uitkomst.saldi[&("Alblasserdam".into(), 2022)].lasten
    );
    // No warnings about execution on the shipped data.
    assert!(
        !run.waarschuwingen
            .iter()
            .any(|w| w.melding.contains("uitvoerder") || w.melding.contains("zelf uit")),
        "{:?}",
        run.waarschuwingen
    );
}

#[test]
fn routes_name_the_partner_and_the_region_per_onderdeel() {
    let run = raming::draai(Path::new("scenarios/routekosten.toml")).unwrap();
    let wie = |gemeente: &str, post: &str| {
        let g = run.gegevens.gemeenten.zoek(gemeente).unwrap();
        run.ledger
            .boekingen
            .iter()
            .find(|b| b.gemeente == g && b.jaar == 2023 && b.post.as_str() == post)
            .map(|b| b.uitvoerder.clone())
    };
    let sdd = Some(Uitvoerder::Regio("SDD".into()));
    let vw = Some(Uitvoerder::Partner("Vluchtelingenwerk".into()));
    assert_eq!(wie("Dordrecht", "voorziening_b1"), sdd);
    assert_eq!(wie("Dordrecht", "voorziening_map"), sdd);
    assert_eq!(wie("Dordrecht", "voorziening_mb"), vw);
    assert_eq!(wie("Dordrecht", "voorziening_pvt"), vw);
    assert_eq!(
        wie("Alblasserdam", "voorziening_b1"),
        Some(Uitvoerder::Gemeente)
    );
    // Alblasserdam buys MAP from the SDD (DVO, Raadsinformatiebrief Alblasserdam).
    assert_eq!(wie("Alblasserdam", "voorziening_map"), sdd);
    assert_eq!(wie("Alblasserdam", "voorziening_mb"), vw);
    // The SDD's own lasten include Alblasserdam's MAP, charged to Alblasserdam alone.
    let map: Decimal = run
        .regio
        .iter()
        .filter(|r| r.jaar == 2023 && r.post.as_str() == "voorziening_map")
        .map(|r| r.bedrag)
        .sum();
    let bijdragen: Decimal = run
        .ledger
        .boekingen
        .iter()
        .filter(|b| {
            b.jaar == 2023
                && b.post.as_str() == "voorziening_map"
                && b.uitvoerder == sdd.clone().unwrap()
        })
        .map(|b| b.bedrag)
        .sum();
    assert_eq!(map, bijdragen);
    assert!(map > Decimal::ZERO);
    // uitvoering.csv names the uitvoerder of every lasten line.
    let t = uitvoering::regels("r", &run.gegevens, &run.ledger);
    let n = run
        .ledger
        .boekingen
        .iter()
        .filter(|b| b.soort == Soort::Lasten)
        .count();
    assert_eq!(t.rijen.len(), n);
    let u = t.kolom("uitvoerder").unwrap();
    assert!(
        t.rijen.iter().all(
            |r| matches!(&r.cellen[u], raming::rapport::tabel::Cel::Tekst(x) if !x.is_empty())
        )
    );
}

/// A data folder of its own in a temporary directory.
struct Regio {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Regio {
    /// Waterland (invented): two regional bodies, GR Noord (Aastad, Beedorp, Ceeveen) and GR
    /// Zuid (Deewoude, Eemond), and a partner, Stichting Welzijn. 2024–2025, spuk mode.
    fn waterland() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        let data = map.join("data");
        fs::create_dir_all(&data).unwrap();
        let bestanden = [
            (
                "gemeenten.csv",
                "code,naam\nGM9001,Aastad\nGM9002,Beedorp\nGM9003,Ceeveen\nGM9004,Deewoude\nGM9005,Eemond\n",
            ),
            (
                "groepen.csv",
                "groep,gemeente\nGR Noord,Aastad\nGR Noord,Beedorp\nGR Noord,Ceeveen\nGR Zuid,Deewoude\nGR Zuid,Eemond\n",
            ),
            (
                "partners.csv",
                "partner,omschrijving,bron\nStichting Welzijn,maatschappelijke begeleiding,test\n",
            ),
            (
                "formatie.csv",
                "post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers,uitvoerder,bron\n\
                 regie,regieteam,1,100000,2024,2025,gelijk,GR Noord,GR Noord,test\n\
                 regie,regieteam,1,80000,2024,2025,iu_uitvoering,GR Zuid,,test\n\
                 begeleiding,begeleiding,1,50000,2024,2025,gelijk,Eemond,Stichting Welzijn,test\n\
                 eigen,eigen regie,0.5,90000,2024,2025,gelijk,Deewoude,gemeente,test\n",
            ),
            (
                "uitvoerders.csv",
                "onderdeel,deelnemers,uitvoerder,jaar_van,jaar_tot,bron\n\
                 alle,GR Noord,GR Noord,,,test\n\
                 alle,Deewoude,gemeente,,,test\n\
                 alle,Eemond,GR Zuid,,,test\n",
            ),
            (
                "integratie_uitkering.csv",
                "gemeente,jaar,soort,bedrag\n\
                 Aastad,2024,uitvoering,100000\nBeedorp,2024,uitvoering,50000\nCeeveen,2024,uitvoering,40000\n\
                 Deewoude,2024,uitvoering,60000\nEemond,2024,uitvoering,30000\n\
                 Aastad,2025,uitvoering,100000\nBeedorp,2025,uitvoering,50000\nCeeveen,2025,uitvoering,40000\n\
                 Deewoude,2025,uitvoering,60000\nEemond,2025,uitvoering,30000\n",
            ),
            (
                "spuk_beschikking.csv",
                "gemeente,jaar,bedrag,status\n\
                 Aastad,2024,30000,voorlopig\nBeedorp,2024,20000,voorlopig\nCeeveen,2024,10000,voorlopig\n\
                 Deewoude,2024,15000,voorlopig\nEemond,2024,5000,voorlopig\n\
                 Aastad,2025,30000,voorlopig\nBeedorp,2025,20000,voorlopig\nCeeveen,2025,10000,voorlopig\n\
                 Deewoude,2025,15000,voorlopig\nEemond,2025,5000,voorlopig\n",
            ),
            ("indexatie.csv", "jaar,soort,percentage\n2025,lonen,10\n"),
        ];
        for (naam, tekst) in bestanden {
            fs::write(data.join(naam), tekst).unwrap();
        }
        fs::write(
            map.join("s.toml"),
            "naam = \"w\"\ndata = \"data\"\njaren = [2024, 2025]\n",
        )
        .unwrap();
        Regio { _tmp: tmp, map }
    }
    fn pad(&self, naam: &str) -> PathBuf {
        self.map.join("data").join(naam)
    }
    fn schrijf(&self, naam: &str, tekst: &str) {
        fs::write(self.pad(naam), tekst).unwrap();
    }
    fn vervang(&self, naam: &str, van: &str, naar: &str) {
        let t = fs::read_to_string(self.pad(naam)).unwrap();
        assert!(t.contains(van), "{van} niet in {naam}");
        fs::write(self.pad(naam), t.replacen(van, naar, 1)).unwrap();
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
    fn bereken(&self) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_raming"))
            .args(["bereken", "s.toml", "--uit", "uit", "--geen-grafieken"])
            .current_dir(&self.map)
            .output()
            .unwrap()
    }
}

fn bedrag(run: &raming::Run, gemeente: &str, jaar: i32, post: &str) -> (Decimal, Uitvoerder) {
    let g = run.gegevens.gemeenten.zoek(gemeente).unwrap();
    let b = run
        .ledger
        .boekingen
        .iter()
        .find(|b| {
            b.gemeente == g && b.jaar == jaar && b.post.as_str() == post && b.soort == Soort::Lasten
        })
        .unwrap_or_else(|| panic!("{gemeente} {jaar} {post}"));
    (b.bedrag, b.uitvoerder.clone())
}

#[test]
fn a_region_with_two_regional_bodies_and_a_partner_by_hand() {
    let r = Regio::waterland();
    let run = r.draai();
    let noord = Uitvoerder::Regio("GR Noord".into());
    let zuid = Uitvoerder::Regio("GR Zuid".into());
    let welzijn = Uitvoerder::Partner("Stichting Welzijn".into());
    // GR Noord's regie, 100.000 in three equal parts: the extra cent to the first.
    assert_eq!(
        bedrag(&run, "Aastad", 2024, "regie"),
        (dec!(33333.34), noord.clone())
    );
    assert_eq!(
        bedrag(&run, "Beedorp", 2024, "regie"),
        (dec!(33333.33), noord.clone())
    );
    assert_eq!(
        bedrag(&run, "Ceeveen", 2024, "regie"),
        (dec!(33333.33), noord.clone())
    );
    // GR Zuid's regie (uitvoerder empty: the group of deelnemers), 80.000 by IU 60.000 : 30.000.
    assert_eq!(
        bedrag(&run, "Deewoude", 2024, "regie"),
        (dec!(53333.33), zuid.clone())
    );
    assert_eq!(
        bedrag(&run, "Eemond", 2024, "regie"),
        (dec!(26666.67), zuid.clone())
    );
    // 2025, lonen +10 %: 110.000 and 88.000.
    assert_eq!(bedrag(&run, "Aastad", 2025, "regie").0, dec!(36666.67));
    assert_eq!(bedrag(&run, "Beedorp", 2025, "regie").0, dec!(36666.67));
    assert_eq!(bedrag(&run, "Ceeveen", 2025, "regie").0, dec!(36666.66));
    assert_eq!(bedrag(&run, "Deewoude", 2025, "regie").0, dec!(58666.67));
    assert_eq!(bedrag(&run, "Eemond", 2025, "regie").0, dec!(29333.33));
    // The partner by subsidy and the gemeente's own execution.
    assert_eq!(
        bedrag(&run, "Eemond", 2024, "begeleiding"),
        (dec!(50000.00), welzijn)
    );
    assert_eq!(
        bedrag(&run, "Deewoude", 2024, "eigen"),
        (dec!(45000.00), Uitvoerder::Gemeente)
    );
    // Inburgeringsvoorzieningen (= SPUK) by the uitvoerders.csv rule.
    assert_eq!(
        bedrag(&run, "Beedorp", 2024, "inburgeringsvoorzieningen"),
        (dec!(20000), noord.clone())
    );
    assert_eq!(
        bedrag(&run, "Deewoude", 2024, "inburgeringsvoorzieningen"),
        (dec!(15000), Uitvoerder::Gemeente)
    );
    assert_eq!(
        bedrag(&run, "Eemond", 2024, "inburgeringsvoorzieningen"),
        (dec!(5000), zuid.clone())
    );
    // The bodies' own begroting: lasten per post, and the bijdragen add up to them.
    assert_eq!(bijdragen_sluiten(&run), 8);
    let last = |regio: &str, jaar: i32, post: &str| {
        run.regio
            .iter()
            .find(|r| r.regio == regio && r.jaar == jaar && r.post.as_str() == post)
            .map(|r| (r.bedrag, r.omschrijving.clone()))
            .unwrap()
    };
    assert_eq!(
        last("GR Noord", 2024, "regie"),
        (dec!(100000.00), "1,0 fte regieteam".to_string())
    );
    assert_eq!(
        last("GR Noord", 2024, "inburgeringsvoorzieningen").0,
        dec!(60000)
    );
    assert_eq!(last("GR Zuid", 2024, "regie").0, dec!(80000.00));
    assert_eq!(last("GR Zuid", 2025, "regie").0, dec!(88000.00));
    assert_eq!(
        last("GR Zuid", 2024, "inburgeringsvoorzieningen").0,
        dec!(5000)
    );
    // Per gemeente: own execution, subsidies, bijdragen; the saldo includes all of them.
    let per = uitvoering::naar_uitvoerder(&run.ledger);
    let d = per[&(3, 2024)];
    assert_eq!(
        (d.eigen, d.partners, d.regio),
        (dec!(60000.00), dec!(0), dec!(53333.33))
    );
    let e = per[&(4, 2024)];
    assert_eq!(
        (e.eigen, e.partners, e.regio),
        (dec!(0), dec!(50000.00), dec!(31666.67))
    );
    // Aastad 100.000 + 30.000 − 33.333,34 − 30.000; Deewoude 60.000 + 15.000 − 45.000 −
    // 15.000 − 53.333,33; Eemond 30.000 + 5.000 − 50.000 − 26.666,67 − 5.000.
    assert_eq!(exact_saldo(&run, "Aastad", 2024), dec!(66666.66));
    assert_eq!(exact_saldo(&run, "Deewoude", 2024), dec!(-38333.33));
    assert_eq!(exact_saldo(&run, "Eemond", 2024), dec!(-46666.67));
    // GR Zuid's opgave: its members' IU, the SPUK of Eemond only (Deewoude executes its own
    // voorzieningen), and what GR Zuid executes.
    let o = uitvoering::opgave(&run.ledger, &run.gegevens, "GR Zuid", 2024).unwrap();
    assert_eq!(o.kolommen, ["Deewoude", "Eemond", "GR Zuid"]);
    assert_eq!(o.waarde("spuk", "Deewoude"), Some(dec!(0)));
    assert_eq!(o.waarde("spuk", "Eemond"), Some(dec!(5000)));
    assert_eq!(o.waarde("totaal_baten", "GR Zuid"), Some(dec!(95000)));
    assert_eq!(o.waarde("regie", "Deewoude"), Some(dec!(53333)));
    assert_eq!(o.waarde("regie", "Eemond"), Some(dec!(26667)));
    assert_eq!(o.waarde("totaal_lasten", "GR Zuid"), Some(dec!(85000)));
    assert!(o.rij("eigen").is_none() && o.rij("begeleiding").is_none());
    assert!(run.waarschuwingen.is_empty(), "{:?}", run.waarschuwingen);
}

#[test]
fn the_outputs_show_the_uitvoerder() {
    let r = Regio::waterland();
    let o = r.bereken();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let uit = r.map.join("uit");
    let lees = |n: &str| fs::read_to_string(uit.join(n)).unwrap();
    let b = lees("bijdragen.csv");
    assert!(
        b.starts_with(
            "scenario,uitvoerder,gemeente,jaar,post,omschrijving,bijdrage,verdeelsleutel,bron\r\n"
        ),
        "{b}"
    );
    assert!(
        b.contains("w,GR Noord,Aastad,2024,regie,\"1,0 fte regieteam\",33333.34,gelijk over GR Noord,\"formatie.csv, regel 2\"\r\n"),
        "{b}"
    );
    assert!(
        b.contains("w,GR Zuid,Eemond,2024,inburgeringsvoorzieningen,Inburgeringsvoorzieningen 2024,5000.00,eigen kosten per gemeente,\"uitvoerders.csv, regel 4\"\r\n"),
        "{b}"
    );
    let g = lees("regio_begroting.csv");
    assert!(
        g.contains("w,GR Zuid,2024,baten,bijdrage,Bijdrage Eemond 2024,Eemond,31666.67\r\n"),
        "{g}"
    );
    assert!(
        g.contains("w,GR Zuid,2024,lasten,regie,\"1,0 fte regieteam\",,80000.00\r\n"),
        "{g}"
    );
    let l = lees("lasten_per_uitvoerder.csv");
    assert!(
        l.contains("w,Eemond,2024,0.00,50000.00,31666.67,81666.67\r\n"),
        "{l}"
    );
    assert!(
        l.contains("w,GR Zuid,2024,60000.00,50000.00,85000.00,195000.00\r\n"),
        "{l}"
    );
    let u = lees("uitvoering.csv");
    assert!(
        u.starts_with(
            "scenario,gemeente,jaar,post,omschrijving,uitvoerder,uitvoerder_soort,bedrag\r\n"
        ),
        "{u}"
    );
    for regel in [
        "w,Eemond,2024,begeleiding,\"1,0 fte begeleiding\",Stichting Welzijn,partner,50000.00\r\n",
        "w,Deewoude,2024,eigen,\"0,5 fte eigen regie\",Deewoude,gemeente,45000.00\r\n",
        "w,Aastad,2024,regie,regieteam,GR Noord,regio,33333.34\r\n",
        "w,Deewoude,2024,inburgeringsvoorzieningen,Inburgeringsvoorzieningen 2024,Deewoude,gemeente,15000.00\r\n",
    ] {
        assert!(u.contains(regel), "{regel} in {u}");
    }
    // begroting.csv keeps its columns, bedrag last; every lasten line is in uitvoering.csv.
    let gb = lees("begroting.csv");
    assert!(
        gb.starts_with("scenario,gemeente,jaar,soort,post,omschrijving,bedrag\r\n"),
        "{gb}"
    );
    let lasten = gb.lines().filter(|l| l.contains(",lasten,")).count();
    assert_eq!(lasten, u.lines().count() - 1);
    // The workbook has the regional begroting and the bijdragen.
    use calamine::Reader;
    let wb = calamine::open_workbook_auto(uit.join("begroting.xlsx")).unwrap();
    let namen = wb.sheet_names();
    assert!(
        namen.iter().any(|n| n == "Regionale begroting"),
        "{namen:?}"
    );
    assert!(namen.iter().any(|n| n == "Bijdragen"), "{namen:?}");
}

#[test]
fn bad_uitvoerders_are_refused_with_file_row_and_column() {
    // An uitvoerder that is neither a group, a gemeente nor a declared partner.
    let r = Regio::waterland();
    r.vervang(
        "formatie.csv",
        "Eemond,Stichting Welzijn,test",
        "Eemond,Stichting Welzjin,test",
    );
    let e = r.fout();
    assert!(e.contains("formatie.csv, regel 4, kolom uitvoerder"), "{e}");
    assert!(
        e.contains("onbekende uitvoerder 'Stichting Welzjin'"),
        "{e}"
    );
    assert!(e.contains("bedoelde u Stichting Welzijn?"), "{e}");
    // The partner must be declared: without partners.csv the same row is refused.
    let r = Regio::waterland();
    fs::remove_file(r.pad("partners.csv")).unwrap();
    let e = r.fout();
    assert!(e.contains("formatie.csv, regel 4, kolom uitvoerder"), "{e}");
    assert!(e.contains("partners.csv heeft geen partners"), "{e}");
    // In uitvoerders.csv too.
    let r = Regio::waterland();
    r.vervang(
        "uitvoerders.csv",
        "alle,Eemond,GR Zuid",
        "alle,Eemond,GR West",
    );
    let e = r.fout();
    assert!(
        e.contains("uitvoerders.csv, regel 4, kolom uitvoerder"),
        "{e}"
    );
    assert!(e.contains("onbekende uitvoerder 'GR West'"), "{e}");
    // A gemeente in two regional bodies for the same post (formatie.csv).
    let r = Regio::waterland();
    r.vervang(
        "groepen.csv",
        "GR Zuid,Deewoude\n",
        "GR Zuid,Deewoude\nGR Zuid,Ceeveen\n",
    );
    r.vervang(
        "formatie.csv",
        "regie,regieteam,1,80000,2024,2025,iu_uitvoering,GR Zuid,,test",
        "regie,regieteam,1,80000,2025,2025,iu_uitvoering,GR Zuid,GR Zuid,test",
    );
    let e = r.fout();
    assert!(e.contains("formatie.csv, regel 3, kolom uitvoerder"), "{e}");
    assert!(
        e.contains(
            "Ceeveen valt voor post 'regie' in 2025–2025 al onder regionaal orgaan GR Noord"
        ),
        "{e}"
    );
    // ... and for the same onderdeel (uitvoerders.csv).
    let r = Regio::waterland();
    r.vervang(
        "groepen.csv",
        "GR Zuid,Deewoude\n",
        "GR Zuid,Deewoude\nGR Zuid,Beedorp\n",
    );
    r.vervang(
        "uitvoerders.csv",
        "alle,Eemond,GR Zuid,,,test\n",
        "alle,Eemond,GR Zuid,,,test\nalle,Beedorp,GR Zuid,2025,,test\n",
    );
    let e = r.fout();
    assert!(
        e.contains("uitvoerders.csv, regel 5, kolom uitvoerder"),
        "{e}"
    );
    assert!(
        e.contains("Beedorp valt voor onderdeel alle al onder regionaal orgaan GR Noord"),
        "{e}"
    );
    // A regional body only executes for its members; a gemeente only for itself.
    let r = Regio::waterland();
    r.vervang(
        "formatie.csv",
        "eigen,eigen regie,0.5,90000,2024,2025,gelijk,Deewoude,gemeente,test",
        "eigen,eigen regie,0.5,90000,2024,2025,gelijk,Deewoude,GR Noord,test",
    );
    r.vervang(
        "uitvoerders.csv",
        "alle,Deewoude,gemeente",
        "alle,GR Zuid,Eemond",
    );
    let e = r.fout();
    assert!(e.contains("formatie.csv, regel 5, kolom uitvoerder"), "{e}");
    assert!(e.contains("Deewoude is geen lid van GR Noord"), "{e}");
    assert!(
        e.contains("uitvoerders.csv, regel 3, kolom uitvoerder"),
        "{e}"
    );
    assert!(
        e.contains("gemeente Eemond kan alleen haar eigen kosten uitvoeren"),
        "{e}"
    );
    // A partner named like a gemeente; an onderdeel that is a formatie post or unknown.
    let r = Regio::waterland();
    r.schrijf("partners.csv", "partner\nStichting Welzijn\nEemond\n");
    r.vervang(
        "uitvoerders.csv",
        "alle,Deewoude,gemeente",
        "regie,Deewoude,gemeente",
    );
    r.vervang(
        "uitvoerders.csv",
        "alle,Eemond,GR Zuid",
        "pvtt,Eemond,GR Zuid",
    );
    let e = r.fout();
    assert!(
        e.contains("partners.csv, regel 3, kolom partner: 'Eemond' is al een gemeente"),
        "{e}"
    );
    assert!(
        e.contains(
            "uitvoerders.csv, regel 3, kolom onderdeel: 'regie' is een post van formatie.csv"
        ),
        "{e}"
    );
    assert!(
        e.contains("uitvoerders.csv, regel 4, kolom onderdeel: onbekend onderdeel 'pvtt'"),
        "{e}"
    );
    // From the command line: all at once, exit code 1, nothing written.
    let o = r.bereken();
    assert_eq!(o.status.code(), Some(1));
    let fout = String::from_utf8_lossy(&o.stderr);
    assert_eq!(fout.matches("kolom onderdeel").count(), 2, "{fout}");
    assert!(!r.map.join("uit").exists());
}

#[test]
fn assumed_execution_is_a_warning() {
    // Uitvoerders.csv names the voorzieningen of the others but not of Deewoude: it is taken to
    // execute them itself, said out loud.
    let r = Regio::waterland();
    r.vervang("uitvoerders.csv", "alle,Deewoude,gemeente,,,test\n", "");
    let run = r.draai();
    let w: Vec<String> = run.waarschuwingen.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter().any(|w| w.contains("uitvoerders.csv, kolom deelnemers")
            && w.contains("geen uitvoerder voor onderdeel inburgeringsvoorzieningen van Deewoude in 2024–2025")),
        "{w:?}"
    );
    // A gemeente that executes itself without own execution costs: its IU would be all surplus.
    let r = Regio::waterland();
    r.vervang(
        "formatie.csv",
        "eigen,eigen regie,0.5,90000,2024,2025,gelijk,Deewoude,gemeente,test\n",
        "",
    );
    let run = r.draai();
    let w: Vec<String> = run.waarschuwingen.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("formatie.csv, kolom uitvoerder")
                && w.contains("Deewoude voert de inburgering zelf uit")
                && w.contains("in 2024–2025 geen eigen uitvoeringslasten")),
        "{w:?}"
    );
    // The shipped data without the local execution rows: the three non-mandating gemeenten.
    let tmp = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(DRECHTSTEDEN, tmp.path(), "data");
    let f = fs::read_to_string(data.join("formatie.csv")).unwrap();
    let zonder: String = f
        .lines()
        .filter(|l| !l.starts_with("lokale_uitvoering"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(data.join("formatie.csv"), zonder).unwrap();
    fs::write(
        tmp.path().join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2023]\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    let run = raming::draai(&tmp.path().join("s.toml")).unwrap();
    let w: Vec<String> = run.waarschuwingen.iter().map(|w| w.to_string()).collect();
    for g in ["Alblasserdam", "Hardinxveld-Giessendam", "Sliedrecht"] {
        assert!(
            w.iter()
                .any(|w| w.contains(&format!("{g} voert de inburgering zelf uit"))),
            "{g}: {w:?}"
        );
    }
    // Then their 2022 saldo is the old "surplus" again: 54.024 / 44.705 / 69.611.
    for (g, s) in [
        ("Alblasserdam", dec!(54023.65)),
        ("Hardinxveld-Giessendam", dec!(44704.93)),
        ("Sliedrecht", dec!(69611.34)),
    ] {
        assert_eq!(exact_saldo(&run, g, 2022), s, "{g}");
    }
}

/// A regional body's table (post rows, a column per year) shows a formatie post's own
/// description whole: a description that ends in a year number ("regieteam 2025") keeps it
/// (the year was cut off as if it were the table's year before typed labels).
#[test]
fn a_body_table_shows_a_formatie_description_whole() {
    let r = Regio::waterland();
    r.vervang(
        "formatie.csv",
        "regie,regieteam,1,100000",
        "regie,regieteam 2025,1,100000",
    );
    let run = r.draai();
    let t = raming::rapport::uitvoering::weergave(
        &run.gegevens,
        &run.ledger,
        &run.regio,
        "GR Noord",
        &[2024, 2025],
    );
    let tekst = |c: &raming::rapport::tabel::Cel| match c {
        raming::rapport::tabel::Cel::Tekst(t) => t.to_string(),
        _ => String::new(),
    };
    let regie: Vec<String> = t
        .rijen
        .iter()
        .filter(|rij| rij.cellen.first().map(tekst).as_deref() == Some("regie"))
        .map(|rij| tekst(&rij.cellen[1]))
        .collect();
    assert_eq!(regie, ["1,0 fte regieteam 2025"]);
}
