//! Trust in the outputs (issue 10, items 3 and 8): warnings and coverage are rendered in every
//! output and `--streng` refuses before writing; one quantity shows one figure in every output
//! (multi-year saldo in `vergelijk`, the report, the workbook and summed from saldo.csv); the
//! cumulative risk reserve is never below a yearly one; no `-0` / `-0.00` anywhere.

use calamine::{Data, Reader};
use raming::fout::Herkomst;
use raming::risico::{Coefficienten, Trekkingen, evalueer};
use raming::uitvoer;
use raming::waarschuwing::{Dekking, DekkingStatus, Waarschuwing};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn scenario(naam: &str) -> String {
    format!("{ROOT}/scenarios/{naam}.toml")
}

/// A test scenario on the invented second region, which gives no warnings.
fn noord(naam: &str) -> String {
    format!("{ROOT}/tests/data/{naam}.toml")
}

fn raming(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whole euros, half away from zero: the rule for a displayed multi-year total.
fn hele_euros(x: Decimal) -> i64 {
    let r = x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    r.to_string().parse().unwrap()
}

/// A Dutch whole-euro text (`€ 1.234.567`, `€ -12.345`) as a number.
fn nl_getal(t: &str) -> i64 {
    t.trim()
        .trim_start_matches('€')
        .trim()
        .replace('.', "")
        .parse()
        .unwrap_or_else(|_| panic!("geen getal: {t:?}"))
}

fn csv_rijen(pad: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(pad).unwrap();
    let kop: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|x| {
            let x = x.unwrap();
            kop.iter()
                .cloned()
                .zip(x.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// Exact multi-year saldo per name from a written saldo.csv.
fn saldo_uit_csv(pad: &Path) -> BTreeMap<String, Decimal> {
    let mut uit: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in csv_rijen(pad) {
        *uit.entry(r["gemeente"].clone()).or_default() += r["saldo"].parse::<Decimal>().unwrap();
    }
    uit
}

/// Per name the `data-waarde` of the last cell (Totaal) in the report's table after `kop`.
fn rapport_totalen(html: &str, kop: &str) -> BTreeMap<String, i64> {
    let begin = html
        .find(kop)
        .unwrap_or_else(|| panic!("{kop} niet in rapport"));
    let eind = begin + html[begin..].find("</table>").unwrap();
    let tabel = scraper::Html::parse_fragment(&html[begin..eind]);
    let tr = scraper::Selector::parse("tbody tr").unwrap();
    let td = scraper::Selector::parse("td").unwrap();
    tabel
        .select(&tr)
        .map(|rij| {
            let cellen: Vec<_> = rij.select(&td).collect();
            let naam = cellen[0].text().collect::<String>();
            let totaal = cellen
                .last()
                .unwrap()
                .value()
                .attr("data-waarde")
                .unwrap()
                .parse()
                .unwrap();
            (naam, totaal)
        })
        .collect()
}

#[test]
fn multi_year_saldo_is_one_figure_in_vergelijk_report_workbook_and_saldo_csv() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    let namen = ["basis", "routekosten"];
    let mut verwacht: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut exact: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for n in namen {
        ok(&raming(
            &[
                "bereken",
                &scenario(n),
                "--uit",
                &format!("uit_{n}"),
                "--geen-grafieken",
            ],
            p,
        ));
        for (naam, s) in saldo_uit_csv(&p.join(format!("uit_{n}/saldo.csv"))) {
            verwacht.insert((n.to_string(), naam.clone()), hele_euros(s));
            exact.insert((n.to_string(), naam), s);
        }
        // The workbook's Saldo sheet: the Totaal column.
        let mut wb =
            calamine::open_workbook_auto(p.join(format!("uit_{n}/begroting.xlsx"))).unwrap();
        let blad = wb.worksheet_range("Saldo").unwrap();
        let rijen: Vec<Vec<Data>> = blad.rows().map(|r| r.to_vec()).collect();
        let kop = rijen
            .iter()
            .position(|r| r.first().is_some_and(|c| *c == "Gemeente / groep"))
            .unwrap();
        let k = rijen[kop].iter().position(|c| *c == "Totaal").unwrap();
        let mut gezien = 0;
        for r in &rijen[kop + 1..] {
            let naam = r[0].to_string();
            if let Some(v) = verwacht.get(&(n.to_string(), naam.clone())) {
                let Data::Float(x) = r[k] else {
                    panic!("{naam}: {:?}", r[k])
                };
                assert_eq!(x as i64, *v, "werkboek {n} {naam}");
                gezien += 1;
            }
        }
        assert_eq!(gezien, 9, "werkboek {n}: alle gemeenten en groepen");
    }
    assert_eq!(verwacht.len(), 18);
    // The figures the issue names, plus the IU of 2025–2030 that now follows the gemeentefonds
    // series (2,5 % a year from 2024's level, issue 13 item 3): Σ_{k=1..6} (1,025^k − 1) =
    // 0,54743 × 1.108.435 × the share in the IU uitvoering (Dordrecht 453.199 / 1.007.557:
    // + 272.934; the four mandating gemeenten 811.826 / 1.007.557: + 488.914).
    assert_eq!(
        verwacht[&("basis".into(), "Dordrecht".into())],
        159_957 + 272_934
    );
    assert_eq!(
        verwacht[&("basis".into(), "SDD-mandaat".into())],
        286_534 + 488_914
    );

    // vergelijk: console and CSV.
    let uit = ok(&raming(
        &[
            "vergelijk",
            &scenario("basis"),
            &scenario("routekosten"),
            "--uit",
            "vgl",
        ],
        p,
    ));
    let mut regels = 0;
    for regel in uit.lines() {
        let delen: Vec<&str> = regel.split("€ ").collect();
        let naam = delen[0].trim();
        if delen.len() != 4 || !verwacht.contains_key(&("basis".into(), naam.into())) {
            continue;
        }
        let a = nl_getal(delen[1]);
        let b = nl_getal(delen[2]);
        let d = nl_getal(delen[3]);
        assert_eq!(
            a,
            verwacht[&("basis".into(), naam.into())],
            "vergelijk {naam}"
        );
        assert_eq!(
            b,
            verwacht[&("routekosten".into(), naam.into())],
            "vergelijk {naam}"
        );
        // The difference of the displayed totals: the row adds up.
        assert_eq!(d, b - a, "vergelijk Δ {naam}");
        regels += 1;
    }
    assert_eq!(regels, 9, "{uit}");
    let mut som: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for r in csv_rijen(&p.join("vgl/vergelijking.csv")) {
        *som.entry((r["scenario"].clone(), r["gemeente"].clone()))
            .or_default() += r["saldo"].parse::<Decimal>().unwrap();
    }
    for (k, v) in &som {
        assert_eq!(*v, exact[k], "vergelijking.csv {k:?} exact");
    }

    // The report: the multi-year table of each scenario and the summary sentences.
    ok(&raming(
        &[
            "rapport",
            &scenario("basis"),
            &scenario("routekosten"),
            "--uit",
            "rapport.html",
            "--datum",
            "2026-01-01",
        ],
        p,
    ));
    let html = fs::read_to_string(p.join("rapport.html")).unwrap();
    for n in namen {
        let totalen = rapport_totalen(&html, &format!("Saldo per jaar — {n}"));
        assert_eq!(totalen.len(), 9);
        for (naam, v) in totalen {
            assert_eq!(
                v,
                verwacht[&(n.to_string(), naam.clone())],
                "rapport {n} {naam}"
            );
        }
    }
    for groep in ["SDD", "SDD-mandaat"] {
        let v = verwacht[&("basis".into(), groep.into())];
        let samen = format!(
            "over 2022–2030 samen {}",
            uitvoer::opmaak::euro(Decimal::from(v.abs()))
        );
        assert!(
            html.lines()
                .any(|l| l.contains(&format!("voor {groep} €")) && l.contains(&samen)),
            "samenvatting {groep}: {samen}"
        );
        // The comparison sentence: difference of the displayed totals.
        let d = verwacht[&("routekosten".into(), groep.into())] - v;
        let zin = format!(
            "In scenario routekosten is het saldo van {groep} over 2022–2030 samen {} {}",
            uitvoer::opmaak::euro(Decimal::from(d.abs())),
            if d < 0 { "lager" } else { "hoger" }
        );
        assert!(html.contains(&zin), "{zin}");
    }
}

/// Every `-0`, `-0.00` or `-0,00` field of a CSV text.
fn min_nul(tekst: &str) -> Vec<String> {
    // A `;` file (Dutch Excel) has a decimal comma: "-0,12" is a real number there.
    let scheiding = if tekst.lines().next().unwrap_or("").contains(';') {
        ';'
    } else {
        ','
    };
    tekst
        .split(['\n', '\r', scheiding])
        .map(|v| v.trim_matches('"'))
        .filter(|v| {
            v.starts_with("-0")
                && v[1..].chars().all(|c| c == '0' || c == '.' || c == ',')
                && !v.is_empty()
        })
        .map(String::from)
        .collect()
}

fn alle_csv(map: &Path, uit: &mut Vec<PathBuf>) {
    for e in fs::read_dir(map).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            alle_csv(&p, uit);
        } else if p.extension().is_some_and(|x| x == "csv") {
            uit.push(p);
        }
    }
}

#[test]
fn no_negative_zero_in_any_written_csv_or_the_report() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    for n in ["basis", "routekosten"] {
        ok(&raming(
            &[
                "bereken",
                &scenario(n),
                "--uit",
                &format!("uit_{n}"),
                "--geen-grafieken",
                "--csv",
                "nl",
            ],
            p,
        ));
    }
    ok(&raming(
        &[
            "vergelijk",
            &scenario("basis"),
            &scenario("routekosten"),
            "--uit",
            "vgl",
        ],
        p,
    ));
    let risico = ok(&raming(
        &[
            "risico",
            &scenario("risico"),
            "--trekkingen",
            "500",
            "--stil",
            "--uit",
            "risico",
        ],
        p,
    ));
    assert!(
        !risico.contains("€ -0 ") && !risico.contains("€ -0."),
        "{risico}"
    );
    let mut bestanden = Vec::new();
    alle_csv(p, &mut bestanden);
    assert!(bestanden.len() > 20, "{bestanden:?}");
    for b in &bestanden {
        let tekst = fs::read_to_string(b).unwrap();
        let fout = min_nul(&tekst);
        assert!(fout.is_empty(), "{}: {fout:?}", b.display());
    }
    ok(&raming(
        &[
            "rapport",
            &scenario("risico"),
            "--uit",
            "r.html",
            "--datum",
            "2026-01-01",
        ],
        p,
    ));
    let html = fs::read_to_string(p.join("r.html")).unwrap();
    assert!(!html.contains("data-waarde=\"-0\""));
    assert!(!html.contains(">-0<") && !html.contains("€ -0 ") && !html.contains("€ -0."));
}

fn reserve(pad: &Path) -> Vec<(String, Vec<Decimal>, Decimal)> {
    csv_rijen(pad)
        .into_iter()
        .map(|r| {
            let jaren = r
                .iter()
                .filter(|(k, _)| k.starts_with("reserve_2"))
                .map(|(_, v)| v.parse().unwrap())
                .collect();
            (
                r["gemeente"].clone(),
                jaren,
                r["reserve_cumulatief"].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn cumulative_reserve_is_never_below_a_yearly_reserve() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    for (trekkingen, zaad) in [("500", "2026"), ("137", "1"), ("1000", "99")] {
        let map = format!("r_{zaad}");
        ok(&raming(
            &[
                "risico",
                &scenario("risico"),
                "--trekkingen",
                trekkingen,
                "--zaad",
                zaad,
                "--stil",
                "--uit",
                &map,
            ],
            p,
        ));
        let rijen = reserve(&p.join(&map).join("reserve.csv"));
        assert_eq!(rijen.len(), 9);
        for (naam, jaren, cum) in rijen {
            assert_eq!(jaren.len(), 9);
            let max = jaren.iter().copied().max().unwrap();
            assert!(cum >= max, "{naam} ({trekkingen}, {zaad}): {cum} < {max}");
            assert!(jaren.iter().all(|x| *x >= Decimal::ZERO));
        }
    }
}

/// One entity, two years: a sure surplus of 100 in the first year, then ±100 (half the draws
/// each). The old running total from the first year let the surplus hide the deficit
/// (cumulative reserve 0 against a yearly reserve of 100).
#[test]
fn an_early_surplus_does_not_hide_a_later_deficit_in_the_cumulative_reserve() {
    let k = Coefficienten {
        naam: "X".into(),
        is_groep: false,
        basis: vec![[200.0, 100.0], [100.0, 100.0]],
        basis_exact: vec![
            [Decimal::from(200), Decimal::from(100)],
            [Decimal::from(100), Decimal::from(100)],
        ],
        route_laag: vec![[0.0; 2]; 2],
        route_delta: vec![[0.0; 2]; 2],
        d: vec![vec![[0.0; 2]; 2], vec![[0.0, 0.0], [0.0, 200.0]]],
        e: Vec::new(),
    };
    let n = 1000;
    let tr = Trekkingen {
        per_jaar: vec![
            vec![1.0; n],
            (0..n).map(|i| if i % 2 == 0 { 0.5 } else { 1.5 }).collect(),
        ],
        t: vec![0.0; n],
    };
    let r = evalueer(&[k], &tr, &[2023, 2024]);
    let (_, jaren, cum) = &r.reserve[0];
    assert_eq!(jaren[0], Decimal::ZERO);
    assert_eq!(jaren[1], Decimal::from(100));
    assert_eq!(*cum, Decimal::from(100));
    assert!(!cum.is_sign_negative() && !jaren[0].is_sign_negative());
}

fn met_waarschuwingen() -> raming::Run {
    let mut run = raming::draai(Path::new(&scenario("basis"))).unwrap();
    // Only the example warnings and coverage below, not the engine's own.
    run.waarschuwingen.clear();
    run.dekking.clear();
    run.waarschuwingen.push(Waarschuwing::new(
        Herkomst::new("data/drechtsteden/formatie.csv", 3),
        "jaar_tot",
        "post procesregie eindigt in 2029; in 2030 geen lasten <b>&",
    ));
    run.waarschuwingen.push(Waarschuwing::new(
        Herkomst::new("data/drechtsteden/instroom.csv", 0),
        "",
        "=2+3 staat niet in de data",
    ));
    run.dekking.push(Dekking {
        tabel: "instroom.csv".into(),
        gemeente: 1,
        jaar: 2022,
        onderdeel: "asiel".into(),
        status: DekkingStatus::Gegeven,
        regel: "instroom.csv, regel 2".into(),
    });
    for jaar in [2023, 2024] {
        for (g, status) in [(1, DekkingStatus::Gevuld), (2, DekkingStatus::Gevuld)] {
            run.dekking.push(Dekking {
                tabel: "instroom.csv".into(),
                gemeente: g,
                jaar,
                onderdeel: "asiel".into(),
                status,
                regel: "projectie van de gemeente zelf vanaf 2022".into(),
            });
        }
    }
    run
}

fn bestand<'a>(b: &'a [(String, Vec<u8>)], naam: &str) -> &'a [u8] {
    &b.iter()
        .find(|(n, _)| n == naam)
        .unwrap_or_else(|| panic!("{naam} ontbreekt"))
        .1
}

#[test]
fn warnings_and_coverage_are_written_to_csv_workbook_and_report() {
    let mut run = met_waarschuwingen();
    run.scenario.grafieken = false;
    let b = uitvoer::bestanden(&run).unwrap();
    let w = String::from_utf8(bestand(&b, "waarschuwingen.csv").to_vec()).unwrap();
    assert_eq!(
        w,
        "bestand,regel,kolom,melding\r\n\
         data/drechtsteden/formatie.csv,3,jaar_tot,post procesregie eindigt in 2029; in 2030 geen lasten <b>&\r\n\
         data/drechtsteden/instroom.csv,,,'=2+3 staat niet in de data\r\n"
    );
    let d = String::from_utf8(bestand(&b, "dekking.csv").to_vec()).unwrap();
    let mut regels = d.lines();
    assert_eq!(
        regels.next(),
        Some("tabel,gemeente,jaar,onderdeel,status,regel")
    );
    assert_eq!(
        regels.next(),
        Some("instroom.csv,Dordrecht,2022,asiel,gegeven,\"instroom.csv, regel 2\"")
    );
    assert!(d.contains(
        "instroom.csv,Hardinxveld-Giessendam,2024,asiel,gevuld,projectie van de gemeente zelf vanaf 2022"
    ));

    // The workbook: a Waarschuwingen and a Dekking sheet with header, autofilter, frozen header.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(
        bestand(&b, "begroting.xlsx").to_vec(),
    ))
    .unwrap();
    let blad = wb.worksheet_range("Waarschuwingen").unwrap();
    let rijen: Vec<Vec<String>> = blad
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rijen[0], ["bestand", "regel", "kolom", "melding"]);
    assert_eq!(rijen[1][1], "3");
    assert_eq!(rijen[2][3], "=2+3 staat niet in de data");
    let blad = wb.worksheet_range("Dekking").unwrap();
    let rijen: Vec<Vec<String>> = blad
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rijen[0],
        ["tabel", "gemeente", "jaar", "onderdeel", "status", "regel"]
    );
    assert_eq!(rijen.len(), 6);
    assert_eq!(rijen[1][1], "Dordrecht");
    assert!(
        wb.worksheet_formula("Waarschuwingen")
            .unwrap()
            .rows()
            .flatten()
            .all(|f| f.is_empty())
    );

    // The report: the warnings (escaped) and the coverage per table.
    let html =
        uitvoer::html::rapport(std::slice::from_ref(&run), None, None, "2026-01-01", &[]).unwrap();
    let i = html
        .find("<h2>Waarschuwingen")
        .expect("sectie Waarschuwingen");
    let j = html.find("<h2>Uitgangspunten").unwrap();
    assert!(i < j);
    let sectie = &html[i..j];
    assert!(sectie.contains("geen lasten &lt;b&gt;&amp;"), "{sectie}");
    assert!(!sectie.contains("<b>"));
    assert!(sectie.contains("formatie.csv"));
    assert!(!sectie.contains("geen waarschuwingen"));
    // instroom.csv: Dordrecht 2022 given; 2023 and 2024 of Dordrecht and
    // Hardinxveld-Giessendam filled (4 gemeente-years, by one rule, 4 lines).
    assert!(
        sectie.contains("<td>instroom.csv</td><td class=\"getal\">1</td><td class=\"getal\">4</td><td>projectie van de gemeente zelf vanaf 2022 (4×)</td>"),
        "{sectie}"
    );
    let samenvatting = uitvoer::waarschuwingen::dekking_tekst(&run);
    assert!(
        samenvatting.contains("- instroom.csv: 1 gegeven, 4 aangevuld"),
        "{samenvatting}"
    );
}

#[test]
fn without_warnings_every_output_says_so() {
    let mut run = raming::draai(Path::new(&noord("noord"))).unwrap();
    assert!(run.waarschuwingen.is_empty());
    run.scenario.grafieken = false;
    let b = uitvoer::bestanden(&run).unwrap();
    assert_eq!(
        bestand(&b, "waarschuwingen.csv"),
        b"bestand,regel,kolom,melding\r\n"
    );
    // Coverage is always there: what was given and what was filled.
    let d = String::from_utf8(bestand(&b, "dekking.csv").to_vec()).unwrap();
    assert!(d.starts_with("tabel,gemeente,jaar,onderdeel,status,regel\r\n"));
    assert!(
        d.contains("instroom.csv,Bergen (NH.),2026,asiel,gevuld,"),
        "{d}"
    );
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(
        bestand(&b, "begroting.xlsx").to_vec(),
    ))
    .unwrap();
    let blad = wb.worksheet_range("Waarschuwingen").unwrap();
    assert!(
        blad.rows()
            .any(|r| r.iter().any(|c| *c == "Geen waarschuwingen"))
    );
    let html =
        uitvoer::html::rapport(std::slice::from_ref(&run), None, None, "2026-01-01", &[]).unwrap();
    assert!(html.contains("Deze berekening gaf geen waarschuwingen."));
}

#[test]
fn streng_turns_warnings_into_errors_and_lists_them() {
    let run = met_waarschuwingen();
    let w: Vec<&Waarschuwing> = run.waarschuwingen.iter().collect();
    let (regels, uitkomst) = uitvoer::waarschuwingen::meld(&w, false);
    assert!(uitkomst.is_ok());
    assert_eq!(
        regels,
        [
            "waarschuwing: data/drechtsteden/formatie.csv, regel 3, kolom jaar_tot: post procesregie eindigt in 2029; in 2030 geen lasten <b>&",
            "waarschuwing: data/drechtsteden/instroom.csv: =2+3 staat niet in de data",
        ]
    );
    let (regels, uitkomst) = uitvoer::waarschuwingen::meld(&w, true);
    assert!(regels.iter().all(|r| r.starts_with("fout: ")));
    let fout = uitkomst.unwrap_err().to_string();
    assert!(
        fout.contains("2 waarschuwingen") && fout.contains("niets geschreven"),
        "{fout}"
    );
    let (regels, uitkomst) = uitvoer::waarschuwingen::meld(&[], true);
    assert!(uitkomst.is_ok());
    assert_eq!(regels, ["Geen waarschuwingen."]);
    // Two runs on the same data: each warning once.
    let twee = [met_waarschuwingen(), met_waarschuwingen()];
    assert_eq!(uitvoer::waarschuwingen::alle(&twee).len(), 2);
}

#[test]
fn every_scenario_command_reports_warnings_and_accepts_streng() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    let basis = noord("noord");
    let routekosten = noord("noord_hoog");
    let risico = noord("noord_risico");
    // The shipped basis scenario warns (an unused cost file, gemeenten without beschikking):
    // --streng refuses it and writes nothing.
    let echt = scenario("basis");
    let uit = raming(&["bereken", &echt, "--uit", "echt", "--streng"], p);
    assert_eq!(uit.status.code(), Some(1), "{}", stderr(&uit));
    assert!(stderr(&uit).contains("fout: "), "{}", stderr(&uit));
    assert!(!p.join("echt").exists());
    let opdrachten: Vec<Vec<&str>> = vec![
        vec!["bereken", &basis, "--uit", "b", "--geen-grafieken"],
        vec!["controleer", &basis],
        vec!["vergelijk", &basis, &routekosten, "--uit", "v"],
        vec![
            "rapport",
            &basis,
            "--uit",
            "r.html",
            "--datum",
            "2026-01-01",
        ],
        vec![
            "risico",
            &risico,
            "--trekkingen",
            "50",
            "--stil",
            "--uit",
            "rs",
        ],
    ];
    for o in &opdrachten {
        for streng in [false, true] {
            let mut args = o.clone();
            if streng {
                args.push("--streng");
            }
            let uit = raming(&args, p);
            ok(&uit);
            assert!(
                stderr(&uit).lines().any(|l| l == "Geen waarschuwingen."),
                "{args:?}: {}",
                stderr(&uit)
            );
        }
    }
    // bereken writes both files, also when empty.
    assert!(p.join("b/waarschuwingen.csv").is_file());
    assert!(p.join("b/dekking.csv").is_file());
    // controleer: the coverage summary after "In orde".
    let uit = ok(&raming(&["controleer", &basis], p));
    let i = uit.find("In orde").unwrap();
    assert!(uit[i..].contains("Dekking"), "{uit}");
    // verschillen: the same, before its own checks.
    let data = p.join("data");
    fs::create_dir_all(&data).unwrap();
    for e in fs::read_dir(format!("{ROOT}/tests/data/regio_noord")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), data.join(e.file_name())).unwrap();
    }
    fs::write(
        data.join("realisatie.csv"),
        "gemeente,jaar,post,bedrag\nAlkmaar,2024,iu_uitvoering,450000\n",
    )
    .unwrap();
    fs::write(
        p.join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2024, 2026]\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    let uit = raming(&["verschillen", "s.toml", "--streng", "--uit", "vs"], p);
    ok(&uit);
    assert!(stderr(&uit).contains("Geen waarschuwingen."));
    // The help says what --streng does, with an example.
    for o in [
        "bereken",
        "controleer",
        "vergelijk",
        "rapport",
        "verschillen",
        "risico",
    ] {
        let h = ok(&raming(&[o, "--help"], p));
        assert!(
            h.contains("--streng") && h.contains("niets geschreven"),
            "{o}: {h}"
        );
        assert!(
            h.contains(&format!("raming {o}")) && h.contains("--streng"),
            "{o}"
        );
    }
}

/// Needs the engine to fill `Run::waarschuwingen` (issue 10 item 3, engine side): a formatie
/// that ends before the scenario does is a warning. Then `--streng` must refuse with exit code 1
/// and write nothing.
#[test]
fn streng_through_the_binary_writes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    let data = p.join("data");
    fs::create_dir_all(&data).unwrap();
    for e in fs::read_dir(format!("{ROOT}/data/drechtsteden")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), data.join(e.file_name())).unwrap();
    }
    let formatie = fs::read_to_string(data.join("formatie.csv"))
        .unwrap()
        .replace(",2030,", ",2028,");
    fs::write(data.join("formatie.csv"), formatie).unwrap();
    fs::write(
        p.join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2030]\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    let zacht = raming(&["bereken", "s.toml", "--uit", "zacht"], p);
    ok(&zacht);
    assert!(stderr(&zacht).contains("waarschuwing: "));
    assert!(
        stderr(&zacht).contains("post 'procesregie' heeft geen regel voor 2029, 2030"),
        "{}",
        stderr(&zacht)
    );
    let w = fs::read_to_string(p.join("zacht/waarschuwingen.csv")).unwrap();
    assert!(w.lines().count() > 1);
    let streng = raming(&["bereken", "s.toml", "--uit", "streng", "--streng"], p);
    assert_eq!(streng.status.code(), Some(1));
    assert!(stderr(&streng).contains("fout: "));
    assert!(!p.join("streng").exists());
}
