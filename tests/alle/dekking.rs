//! Issue 10: every gap in the input is filled by a stated rule or refused, never read as zero
//! because other gemeenten have rows; warnings and coverage say what the run filled or skipped.
//! On the shipped data and on a second region (`tests/data/regio_noord`, invented figures).

use raming::ledger::Soort;
use raming::waarschuwing::DekkingStatus;
use rust_decimal::Decimal;
use rust_decimal::dec;
use std::fs;
use std::path::{Path, PathBuf};

const DRECHTSTEDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");
const NOORD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/regio_noord");

/// A copy of a data folder with a scenario beside it, to edit and run.
struct Regio {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Regio {
    fn new(bron: &str, scenario: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        fs::create_dir_all(map.join("data")).unwrap();
        for e in fs::read_dir(bron).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), map.join("data").join(e.file_name())).unwrap();
        }
        let r = Regio { _tmp: tmp, map };
        r.scenario(scenario);
        r
    }
    fn scenario(&self, tekst: &str) {
        fs::write(
            self.map.join("s.toml"),
            format!("naam = \"s\"\ndata = \"data\"\n{tekst}"),
        )
        .unwrap();
    }
    fn pad(&self, naam: &str) -> PathBuf {
        self.map.join("data").join(naam)
    }
    fn voeg_toe(&self, naam: &str, regels: &str) {
        let mut t = fs::read_to_string(self.pad(naam)).unwrap();
        t.push_str(regels);
        fs::write(self.pad(naam), t).unwrap();
    }
    fn schrijf(&self, naam: &str, tekst: &str) {
        fs::write(self.pad(naam), tekst).unwrap();
    }
    fn vervang(&self, naam: &str, van: &str, naar: &str) {
        let t = fs::read_to_string(self.pad(naam)).unwrap();
        assert!(t.contains(van), "{van} niet in {naam}");
        fs::write(self.pad(naam), t.replace(van, naar)).unwrap();
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

fn gemeente(run: &raming::Run, naam: &str) -> usize {
    run.gegevens.gemeenten.zoek(naam).unwrap()
}

fn post(run: &raming::Run, g: &str, jaar: i32, soort: Soort, p: &str) -> Decimal {
    run.ledger.bedrag(gemeente(run, g), jaar, soort, p)
}

/// The post's total over all gemeenten in a year.
fn post_totaal(run: &raming::Run, jaar: i32, p: &str) -> Decimal {
    run.ledger
        .boekingen
        .iter()
        .filter(|b| b.jaar == jaar && b.post.as_str() == p)
        .map(|b| b.bedrag)
        .sum()
}

fn waarschuwingen(run: &raming::Run) -> String {
    run.waarschuwingen
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

const NOORD_SCENARIO: &str = "jaren = [2024, 2027]\n[instroom]\ngroei = 0\n";

#[test]
fn second_region_runs_clean_and_an_explicit_zero_stays_zero() {
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    let run = r.draai();
    assert!(run.waarschuwingen.is_empty(), "{}", waarschuwingen(&run));
    // Bergen 2025: asiel cohort 2024 in its second telling year (10 × 4.000) and the explicit 0
    // of 2025; gezin 5 × 600; tariffs indexed 1 % from 2024.
    assert_eq!(
        post(&run, "Bergen (NH.)", 2025, Soort::Baten, "spuk"),
        dec!(43430.00)
    );
    let bergen = gemeente(&run, "Bergen (NH.)");
    let regel = |jaar: i32, onderdeel: &str| {
        run.dekking
            .iter()
            .find(|d| {
                d.tabel == "instroom.csv"
                    && d.gemeente == bergen
                    && d.jaar == jaar
                    && d.onderdeel == onderdeel
            })
            .unwrap()
            .clone()
    };
    assert_eq!(regel(2025, "asiel").status, DekkingStatus::Gegeven);
    assert!(
        regel(2025, "asiel")
            .regel
            .contains("instroom.csv, regel 12")
    );
    let gevuld = regel(2026, "asiel");
    assert_eq!(gevuld.status, DekkingStatus::Gevuld);
    assert!(gevuld.regel.contains("groei 0 %"), "{}", gevuld.regel);
    // IU after 2024: the 2024 share × the national total (filled, with its rule).
    let iu = run
        .dekking
        .iter()
        .find(|d| d.tabel == "integratie_uitkering.csv" && d.gemeente == bergen && d.jaar == 2026)
        .unwrap();
    assert_eq!(iu.status, DekkingStatus::Gevuld);
    assert!(iu.regel.contains("aandeel 2024"), "{}", iu.regel);
    // 120.000 × 90.300.000 / 86.000.000 = 126.000.
    assert_eq!(
        post(&run, "Bergen (NH.)", 2026, Soort::Baten, "iu_uitvoering"),
        dec!(126000.00)
    );
}

#[test]
fn next_years_instroom_for_one_gemeente_does_not_wipe_the_others() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    let voor = post(
        &r.draai(),
        "Hendrik-Ido-Ambacht",
        2023,
        Soort::Baten,
        "spuk",
    );
    // With the tariffs calibrated on the 2022 beschikkingen (issue 12).
    assert_eq!(voor.round(), dec!(117926));
    r.voeg_toe(
        "instroom.csv",
        "GM0505,2023,asiel,50,test\nGM0505,2023,gezin,40,test\nGM0505,2024,asiel,50,test\nGM0505,2024,gezin,40,test\n",
    );
    let run = r.draai();
    // Hendrik-Ido-Ambacht keeps its own projection (flat from its 2022), not 0 heads.
    assert_eq!(
        post(&run, "Hendrik-Ido-Ambacht", 2023, Soort::Baten, "spuk"),
        voor
    );
    let w = waarschuwingen(&run);
    assert!(
        w.contains("geen instroom voor Hendrik-Ido-Ambacht, doelgroep asiel, in 2023, 2024"),
        "{w}"
    );
    assert!(w.contains("instroom.csv"), "{w}");
    // Without a growth rule the same gap is refused, naming file, gemeente and years.
    r.scenario("jaren = [2022, 2030]\n");
    let e = r.fout();
    assert!(e.contains("instroom.csv"), "{e}");
    assert!(e.contains("Hendrik-Ido-Ambacht (asiel)"), "{e}");
    assert!(e.contains("2023–2030"), "{e}");
    assert!(e.contains("groei"), "{e}");
}

#[test]
fn a_gap_inside_the_data_is_refused_even_with_growth() {
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    r.vervang(
        "instroom.csv",
        "GM0383,2024,gezin,6,testgegevens (verzonnen)\n",
        "",
    );
    let e = r.fout();
    assert!(e.contains("instroom.csv"), "{e}");
    assert!(
        e.contains("geen instroom voor Castricum (gezin) in 2024"),
        "{e}"
    );
    // A gemeente without any row is named too.
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    let t = fs::read_to_string(r.pad("instroom.csv")).unwrap();
    let zonder: String = t
        .lines()
        .filter(|l| !l.starts_with("GM0399"))
        .map(|l| format!("{l}\n"))
        .collect();
    r.schrijf("instroom.csv", &zonder);
    let e = r.fout();
    assert!(
        e.contains("instroom.csv heeft geen regels voor Heiloo"),
        "{e}"
    );
}

#[test]
fn iu_of_a_missing_gemeente_year_is_filled_by_the_national_share_or_refused() {
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    r.voeg_toe(
        "integratie_uitkering.csv",
        "GM0361,2025,uitvoering,510000,test\n",
    );
    let run = r.draai();
    assert_eq!(
        post(&run, "Alkmaar", 2025, Soort::Baten, "iu_uitvoering"),
        dec!(510000)
    );
    // Bergen has no 2025 row while Alkmaar has: its share × the national total, with a warning.
    assert_eq!(
        post(&run, "Bergen (NH.)", 2025, Soort::Baten, "iu_uitvoering"),
        dec!(120000.00)
    );
    let w = waarschuwingen(&run);
    assert!(
        w.contains("geen IU uitvoering voor Bergen (NH.), Castricum, Heiloo in 2025"),
        "{w}"
    );
    // Without a national total for 2027 nothing covers that year: an error, not a zero.
    r.vervang(
        "rijksbudget.csv",
        "2027,uitvoering,90300000,testgegevens (verzonnen)\n",
        "",
    );
    let e = r.fout();
    assert!(e.contains("integratie_uitkering.csv"), "{e}");
    assert!(
        e.contains("geen IU uitvoering voor alle gemeenten in 2027"),
        "{e}"
    );
}

/// Percentages written as fractions (0.051 for 5,1 %) index by a twentieth of what was meant:
/// a series whose every percentage lies within ±0,2 is named; the shipped series are not.
#[test]
fn indexation_written_as_fractions_is_a_warning() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    let w = waarschuwingen(&r.draai());
    assert!(!w.contains("als fractie"), "{w}");
    for (van, naar) in [
        ("2023,tarieven,5.1,", "2023,tarieven,0.051,"),
        ("2024,tarieven,5.1,", "2024,tarieven,0.051,"),
        ("2025,tarieven,5,", "2025,tarieven,0.05,"),
    ] {
        r.vervang("indexatie.csv", van, naar);
    }
    for j in 2026..=2030 {
        r.vervang(
            "indexatie.csv",
            &format!("{j},tarieven,2,"),
            &format!("{j},tarieven,0.02,"),
        );
    }
    let w = waarschuwingen(&r.draai());
    assert!(
        w.contains("indexatie.csv, kolom percentage: alle percentages 'tarieven' liggen tussen -0,2 en 0,2 (bijv. 0,051 in 2023); staan ze als fractie? De kolom percentage verwacht procenten: 5,1 voor 5,1 %"),
        "{w}"
    );
    assert!(!w.contains("'lonen' liggen"), "{w}");
}

#[test]
fn rolling_the_horizon_warns_about_posts_and_indexation_that_end() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2031]\n[instroom]\ngroei = 0\n",
    );
    r.voeg_toe("rijksbudget.csv", "2031,uitvoering,110843500,2024,test\n");
    let run = r.draai();
    let w = waarschuwingen(&run);
    for post in [
        "procesregie",
        "voortgang_handhaving",
        "beleid_ondersteuning",
        "financieel_ontzorgen",
    ] {
        assert!(
            w.contains(&format!("post '{post}' heeft geen regel voor 2031")),
            "{w}"
        );
    }
    assert!(w.contains("formatie.csv, regel 2, kolom jaar_tot"), "{w}");
    assert!(w.contains("geen indexatie 'lonen' voor 2031"), "{w}");
    assert!(w.contains("geen indexatie 'tarieven' voor 2031"), "{w}");
    // The 2031 national total is stated in prices of 2024: the gemeentefonds series ends too.
    assert!(
        w.contains("geen indexatie 'gemeentefonds' voor 2031"),
        "{w}"
    );
    // What it warns about is what happens: no fte lasten in 2031.
    assert_eq!(post_totaal(&run, 2031, "procesregie"), dec!(0));
}

#[test]
fn year_keyed_overrides_hold_until_the_next_given_year() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n[fte.procesregie]\n2025 = 5.0\n2028 = 3.0\n",
    );
    let run = r.draai();
    assert_eq!(post_totaal(&run, 2024, "procesregie"), dec!(376000.00));
    // 2025 = 5,0 holds in 2026 and 2027: 5 × 94.000 × 1,03 (2025) × 1,03 (2026).
    assert_eq!(post_totaal(&run, 2025, "procesregie"), dec!(484100.00));
    assert_eq!(post_totaal(&run, 2026, "procesregie"), dec!(498623.00));
    // 2028 = 3,0 from 2028 on: 3 × 94.000 × 1,03^6 (lonen 3 % in 2025–2030).
    assert_eq!(post_totaal(&run, 2030, "procesregie"), dec!(336722.75));
    // Indexation per year is a step too: lonen 10 % from 2025 on (2023–2024 stay 0 %).
    r.scenario("jaren = [2022, 2030]\n[instroom]\ngroei = 0\n[indexatie]\nlonen = { 2025 = 10 }\n");
    let run = r.draai();
    assert_eq!(post_totaal(&run, 2026, "procesregie"), dec!(454960.00));
}

#[test]
fn prijspeil_is_honoured_and_a_split_post_costs_what_one_row_costs() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    let heel = r.draai().ledger;
    // The same post in two rows (to change fte later): the wage index keeps counting from the
    // post's first year.
    r.vervang(
        "formatie.csv",
        "procesregie,proces regisseur,4,94000,2022,2030,",
        "procesregie,proces regisseur,4,94000,2022,2024,iu_uitvoering,SDD-mandaat,SDD,deel 1\nprocesregie,proces regisseur,4,94000,2025,2030,",
    );
    let gesplitst = r.draai().ledger;
    assert_eq!(heel, gesplitst);
    // An explicit prijspeil before jaar_van: indexed from the prijspeil.
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    r.schrijf(
        "formatie.csv",
        "post,omschrijving,fte,kosten_per_fte,jaar_van,jaar_tot,sleutel,deelnemers,prijspeil,bron\n\
         procesregie,proces regisseur,4,94000,2022,2030,iu_uitvoering,SDD-mandaat,,test\n\
         extra,extra kracht,1,100000,2025,2030,gelijk,SDD-mandaat,2024,test\n",
    );
    let run = r.draai();
    // 100.000 in prices of 2024, indexed 3 % into 2025.
    assert_eq!(post_totaal(&run, 2025, "extra"), dec!(103000.00));
    // The other posts did not move (empty prijspeil = the post's first year).
    assert_eq!(post_totaal(&run, 2025, "procesregie"), dec!(387280.00));
}

#[test]
fn cost_per_participant_uses_its_own_prijspeil() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\ninburgeringsvoorzieningen = \"routes\"\n[instroom]\ngroei = 0\n",
    );
    r.vervang(
        "kosten_per_deelnemer.csv",
        "map,asiel,1,136,2022,",
        "map,asiel,1,136,2024,",
    );
    let run = r.draai();
    // Dordrecht 2025: 44 asiel × 136 in prices of 2024 × 1,025 (prijzen 2025) = 6.133,60, plus
    // 48 gezin × 195 in prices of 2022 × 1,03 × 1,03 × 1,025 = 10.178,2746.
    assert_eq!(
        post(&run, "Dordrecht", 2025, Soort::Lasten, "voorziening_map"),
        dec!(16311.87)
    );
}

#[test]
fn actuals_replace_the_raming_only_where_they_exist() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\nrealisatie_tot = 2022\n[instroom]\ngroei = 0\n",
    );
    r.schrijf(
        "realisatie.csv",
        "gemeente,jaar,post,bedrag,bron\nDordrecht,2022,procesregie,250000,grootboek\nDordrecht,2022,spuk,265808,grootboek\n",
    );
    let run = r.draai();
    // The IU of 2022 stays its raming, the realised post takes the actual.
    assert_eq!(
        post(&run, "Dordrecht", 2022, Soort::Baten, "iu_uitvoering"),
        dec!(453199)
    );
    assert_eq!(
        post(&run, "Dordrecht", 2022, Soort::Lasten, "procesregie"),
        dec!(250000)
    );
    assert_eq!(
        post(&run, "Zwijndrecht", 2022, Soort::Lasten, "procesregie"),
        dec!(72627.09)
    );
    let w = waarschuwingen(&run);
    assert!(
        w.contains("geen realisatie voor Dordrecht in 2022 voor iu_uitvoering"),
        "{w}"
    );
    let dordrecht = gemeente(&run, "Dordrecht");
    let bron = |p: &str| {
        run.dekking
            .iter()
            .find(|d| d.tabel == "realisatie.csv" && d.gemeente == dordrecht && d.onderdeel == p)
            .unwrap()
            .status
    };
    assert_eq!(bron("procesregie"), DekkingStatus::Gegeven);
    assert_eq!(bron("iu_uitvoering"), DekkingStatus::Gevuld);
    // The user may demand complete actuals instead.
    r.scenario(
        "jaren = [2022, 2030]\nrealisatie_tot = 2022\nrealisatie_ontbreekt = \"fout\"\n[instroom]\ngroei = 0\n",
    );
    let e = r.fout();
    assert!(e.contains("geen realisatie voor"), "{e}");
    assert!(e.contains("Dordrecht 2022 iu_uitvoering"), "{e}");
    // Actuals for a post the gemeente does not take part in are refused.
    r.scenario("jaren = [2022, 2030]\n[instroom]\ngroei = 0\n");
    r.voeg_toe(
        "realisatie.csv",
        "Alblasserdam,2022,procesregie,1000,grootboek\n",
    );
    let e = r.fout();
    assert!(e.contains("realisatie.csv, regel 4, kolom post"), "{e}");
    assert!(
        e.contains("Alblasserdam heeft geen post 'procesregie'"),
        "{e}"
    );
}

#[test]
fn unused_files_and_missing_tariff_years_are_warnings() {
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    r.schrijf(
        "kosten_per_deelnemer.csv",
        "onderdeel,doelgroep,jaar_index,bedrag\nmap,asiel,1,100\n",
    );
    r.schrijf(
        "verdeelsleutels.csv",
        "sleutel,gemeente,aandeel\neigen,Alkmaar,1\n",
    );
    let w = waarschuwingen(&r.draai());
    assert!(
        w.contains("kosten_per_deelnemer.csv: wordt in dit scenario niet gebruikt"),
        "{w}"
    );
    assert!(
        w.contains("verdeelsleutels.csv: wordt in dit scenario niet gebruikt"),
        "{w}"
    );
    // Tariffs that start after the scenario does: the forecast of 2024 cannot use them.
    let r = Regio::new(NOORD, "jaren = [2023, 2027]\n[instroom]\ngroei = 0\n");
    r.schrijf(
        "integratie_uitkering.csv",
        &fs::read_to_string(r.pad("integratie_uitkering.csv"))
            .unwrap()
            .replace(",2024,", ",2023,"),
    );
    r.voeg_toe("rijksbudget.csv", "2023,uitvoering,86000000,test\n");
    let w = waarschuwingen(&r.draai());
    assert!(
        w.contains("geen tarief voor doelgroep asiel dat geldt in 2023"),
        "{w}"
    );
    assert!(w.contains("post 'regie' heeft geen regel voor 2023"), "{w}");
}

#[test]
fn a_hole_in_the_telling_years_is_a_warning() {
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    r.vervang(
        "spuk_tarieven.csv",
        "2024,asiel,leerroute,2,4000,testgegevens (verzonnen)\n",
        "",
    );
    let w = waarschuwingen(&r.draai());
    assert!(
        w.contains("tarief asiel leerroute 2024 heeft geen teljaar 2 (wel teljaar 3)"),
        "{w}"
    );
    assert!(
        w.contains("spuk_tarieven.csv, regel 2, kolom teljaar"),
        "{w}"
    );
}

#[test]
fn errors_of_several_files_come_in_one_run() {
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    r.vervang(
        "formatie.csv",
        "procesregie,proces regisseur,4,",
        "procesregie,proces regisseur,-4,",
    );
    r.vervang("indexatie.csv", "2025,lonen,3,", "2025,lonen,drie,");
    let e = r.fout();
    assert!(e.contains("formatie.csv, regel 2, kolom fte"), "{e}");
    assert!(e.contains("indexatie.csv, regel"), "{e}");
    assert!(e.contains("kolom percentage"), "{e}");
}

#[test]
fn a_long_list_of_errors_is_capped() {
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    let mut t = String::from("gemeente,jaar,doelgroep,aantal\n");
    for i in 0..60 {
        t.push_str(&format!("Onbekend{i},2024,asiel,1\n"));
    }
    r.schrijf("instroom.csv", &t);
    let e = r.fout();
    assert!(e.contains("… en nog 10 fouten"), "{e}");
    assert_eq!(e.lines().count(), raming::fout::MAX_GETOOND + 1);
}

#[test]
fn shipped_scenarios_state_what_they_fill() {
    for s in ["basis", "routekosten"] {
        let run = raming::draai(Path::new(&format!("scenarios/{s}.toml"))).unwrap();
        // Every gemeente-year of every scenario year has an IU line and a SPUK line.
        for jaar in 2022..=2030 {
            for g in 0..run.gegevens.gemeenten.len() {
                for tabel in ["integratie_uitkering.csv", "spuk_beschikking.csv"] {
                    assert!(
                        run.dekking
                            .iter()
                            .any(|d| d.tabel == tabel && d.gemeente == g && d.jaar == jaar),
                        "{s}: {tabel} {g} {jaar}"
                    );
                }
            }
        }
        // Two non-SDD gemeenten have no beschikking while the others do: said, not silent
        // (Alblasserdam has its own, Raadsinformatiebrief Alblasserdam).
        let w = waarschuwingen(&run);
        assert!(
            w.contains("geen SPUK-beschikking voor Hardinxveld-Giessendam, Sliedrecht in 2022"),
            "{w}"
        );
    }
}

#[test]
fn an_unused_file_is_still_validated() {
    // The basis scenario does not use the costs per participant, but `bereken` lists every
    // input row in the workbook: what `controleer` accepts must not fail later (issue 16).
    let r = Regio::new(
        DRECHTSTEDEN,
        "jaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    );
    r.vervang(
        "kosten_per_deelnemer.csv",
        "b1,asiel,1,4000,",
        "b1,asiel,1,vier,",
    );
    let e = r.fout();
    assert!(
        e.contains("kosten_per_deelnemer.csv, regel 2, kolom bedrag"),
        "{e}"
    );
}

#[test]
fn a_text_longer_than_a_spreadsheet_cell_is_refused_by_controleer() {
    // bereken copies every input row into begroting.xlsx: refuse what Excel cannot hold up
    // front, with file, row and column (issue 16 item 3).
    let r = Regio::new(NOORD, NOORD_SCENARIO);
    let lang = "x".repeat(raming::invoer::csvbestand::MAX_CEL_TEKENS + 1);
    r.vervang(
        "gemeenten.csv",
        "GM0399,Heiloo,24000,1200,testgegevens (verzonnen)",
        &format!("GM0399,Heiloo,24000,1200,\"{lang}\""),
    );
    let e = r.fout();
    assert!(e.contains("gemeenten.csv, regel 5, kolom bron"), "{e}");
    assert!(e.contains("langer dan een spreadsheetcel"), "{e}");
}
