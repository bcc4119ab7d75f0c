//! Thin CLI: parses arguments (Dutch commands with English aliases) and wires input, engine and
//! output. All logic lives in the library.

use clap::{Parser, Subcommand};
use raming::fout::Fout;
use raming::uitvoer::{self, samenvatting};
use std::path::PathBuf;
use std::process::ExitCode;

const STANDAARD_SCENARIO: &str = "scenarios/basis.toml";

// Console output goes through these: text from input (names, sources, paths) can hold control
// characters, which are shown escaped (`\x1b`) and never reach the terminal raw.
macro_rules! toon {
    ($($t:tt)*) => { print!("{}", raming::fout::zichtbaar(&format!($($t)*))) };
}
macro_rules! toonln {
    ($($t:tt)*) => { println!("{}", raming::fout::zichtbaar(&format!($($t)*))) };
}
macro_rules! etoonln {
    ($($t:tt)*) => { eprintln!("{}", raming::fout::zichtbaar(&format!($($t)*))) };
}

#[derive(Parser)]
#[command(
    name = "raming",
    version,
    about = "Begroting en prognose van de Wet inburgering 2021: baten, lasten en saldo per gemeente en jaar",
    after_help = "Voorbeelden:\n  raming bereken                       # scenarios/basis.toml → output/basis/\n  raming controleer scenarios/basis.toml\n  raming vergelijk scenarios/routekosten.toml scenarios/hoge_instroom.toml"
)]
struct Cli {
    #[command(subcommand)]
    opdracht: Opdracht,
}

#[derive(Subcommand)]
enum Opdracht {
    /// Rekent een scenario door en schrijft output/<naam>/ (begroting.csv, saldo.csv, overzicht_<jaar>.csv).
    #[command(
        visible_alias = "run",
        after_help = "Voorbeelden:\n  raming bereken\n  raming bereken scenarios/basis.toml --uit /tmp/begroting\n  raming bereken --json > saldo.json\n  raming bereken --streng               # stop bij een waarschuwing, schrijf niets\nWaarschuwingen (wat de berekening aanvulde, aannam of oversloeg) staan op stderr en in waarschuwingen.csv; de dekking per invoertabel in dekking.csv."
    )]
    Bereken {
        /// Scenariobestand (TOML).
        #[arg(default_value = STANDAARD_SCENARIO)]
        scenario: PathBuf,
        /// Uitvoermap (standaard output/<naam van het scenario>).
        #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
        uit: Option<PathBuf>,
        /// Druk de samenvatting af als JSON (exacte bedragen) in plaats van een tabel.
        #[arg(long)]
        json: bool,
        /// Schrijf ook CSV voor Nederlandse Excel (`;`, decimale komma, BOM) in excel-nl/.
        #[arg(long, value_name = "DIALECT", value_parser = ["nl", "standaard"])]
        csv: Option<String>,
        /// Schrijf geen grafieken (grafieken/*.png en *.svg).
        #[arg(long = "geen-grafieken", visible_alias = "no-charts")]
        geen_grafieken: bool,
        /// Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript). Voorbeeld: raming bereken --streng
        #[arg(long, visible_alias = "strict")]
        streng: bool,
    },
    /// Schrijft een invoerwerkboek (xlsx) met een blad per invoertabel, gevuld uit een datamap.
    #[command(
        visible_alias = "template",
        after_help = "Voorbeeld:\n  raming sjabloon --uit invoer.xlsx\n  raming sjabloon --data data/drechtsteden --uit invoer.xlsx\nGebruik het werkboek met data = \"invoer.xlsx\" in een scenario, of met raming importeer."
    )]
    Sjabloon {
        /// Datamap om het werkboek mee te vullen.
        #[arg(long, default_value = "data/drechtsteden", value_name = "MAP")]
        data: PathBuf,
        /// Het te schrijven werkboek.
        #[arg(
            long = "uit",
            visible_alias = "out",
            value_name = "BESTAND",
            default_value = "invoer.xlsx"
        )]
        uit: PathBuf,
    },
    /// Zet een invoerwerkboek om naar CSV-bestanden (na controle van alle bladen).
    #[command(
        visible_alias = "import",
        after_help = "Voorbeeld:\n  raming importeer invoer.xlsx --naar data/mijn_regio"
    )]
    Importeer {
        /// Het werkboek (xlsx).
        werkboek: PathBuf,
        /// Doelmap voor de CSV-bestanden.
        #[arg(long = "naar", visible_alias = "to", value_name = "MAP")]
        naar: PathBuf,
    },
    /// Vergelijkt scenario's: baten, lasten en saldo per gemeente, groep en jaar, en de verschillen met het eerste scenario.
    #[command(
        visible_alias = "compare",
        after_help = "Voorbeeld:\n  raming vergelijk scenarios/routekosten.toml scenarios/hoge_instroom.toml scenarios/lage_instroom.toml\n  → output/vergelijking/vergelijking.csv"
    )]
    Vergelijk {
        /// Twee of meer scenariobestanden; het eerste is de referentie.
        #[arg(required = true, num_args = 2..)]
        scenarios: Vec<PathBuf>,
        /// Uitvoermap (standaard output/vergelijking).
        #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
        uit: Option<PathBuf>,
        /// Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript). Voorbeeld: raming vergelijk scenarios/basis.toml scenarios/routekosten.toml --streng
        #[arg(long, visible_alias = "strict")]
        streng: bool,
    },
    /// Schrijft het raadsrapport: één HTML-bestand met samenvatting, tabellen, grafieken, afrekeningsrisico, uitgangspunten en colofon.
    #[command(
        visible_alias = "report",
        after_help = "Voorbeelden:\n  raming rapport                                   # scenarios/basis.toml → output/rapport.html\n  raming rapport scenarios/routekosten.toml scenarios/hoge_instroom.toml --uit rapport.html\n  raming rapport --datum 2026-11-22                # vaste datum (ook: RAMING_DATUM)"
    )]
    Rapport {
        /// Eén of meer scenariobestanden; het eerste is het hoofdscenario.
        #[arg(default_value = STANDAARD_SCENARIO)]
        scenarios: Vec<PathBuf>,
        /// Het te schrijven HTML-bestand.
        #[arg(
            long = "uit",
            visible_alias = "out",
            value_name = "BESTAND",
            default_value = "output/rapport.html"
        )]
        uit: PathBuf,
        /// Datum op het rapport (JJJJ-MM-DD); standaard RAMING_DATUM of vandaag.
        #[arg(long, value_name = "JJJJ-MM-DD")]
        datum: Option<String>,
        /// Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript). Voorbeeld: raming rapport --streng
        #[arg(long, visible_alias = "strict")]
        streng: bool,
    },
    /// Verschillenanalyse: realisatie tegenover raming per gemeente, groep en post, met volume- en prijseffect.
    #[command(
        visible_alias = "variance",
        after_help = "Voorbeeld:\n  raming verschillen scenarios/basis.toml --jaar 2022\n  → output/verschillen_basis/verschillen.csv\nDe realisatie staat in realisatie.csv (gemeente,jaar,post,bedrag,bron) en gerealiseerde aantallen in instroom.csv met versie = realisatie."
    )]
    Verschillen {
        /// Scenariobestand (TOML).
        #[arg(default_value = STANDAARD_SCENARIO)]
        scenario: PathBuf,
        /// Alleen dit jaar.
        #[arg(long, value_name = "JAAR")]
        jaar: Option<i32>,
        /// Uitvoermap (standaard output/verschillen_<naam>).
        #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
        uit: Option<PathBuf>,
        /// Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript). Voorbeeld: raming verschillen --streng
        #[arg(long, visible_alias = "strict")]
        streng: bool,
    },
    /// Risico: Monte Carlo over onzekere instroom en routeverdeling; percentielen, kans op een tekort, risicoreserve.
    #[command(
        visible_alias = "risk",
        after_help = "Voorbeeld:\n  raming risico scenarios/risico.toml --trekkingen 10000 --zaad 42\n  → output/<naam>/risico/ (banden.csv, reserve.csv, waaier_*.svg, tornado_*.svg)\nDe verdelingen staan in het scenario onder [risico] en [risico.instroom]."
    )]
    Risico {
        /// Scenariobestand (TOML) met een [risico]-tabel.
        #[arg(default_value = STANDAARD_SCENARIO)]
        scenario: PathBuf,
        /// Aantal trekkingen (standaard uit het scenario, anders 10.000).
        #[arg(long, value_name = "N")]
        trekkingen: Option<usize>,
        /// Zaad voor de toevalsgenerator (zelfde zaad, zelfde uitkomst).
        #[arg(long, value_name = "S")]
        zaad: Option<u64>,
        /// Geen voortgangsbalk.
        #[arg(long, visible_alias = "quiet")]
        stil: bool,
        /// Uitvoermap (standaard output/<naam>/risico).
        #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
        uit: Option<PathBuf>,
        /// Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript). Voorbeeld: raming risico scenarios/risico.toml --streng
        #[arg(long, visible_alias = "strict")]
        streng: bool,
    },
    /// Kalibreert de SPUK-bedragen per hoofd (eerste teljaar, per doelgroep) op de beschikkingen van een jaar.
    #[command(
        visible_alias = "calibrate",
        after_help = "Voorbeelden:\n  raming kalibreer                          # eerste jaar met beschikkingen, scenarios/basis.toml\n  raming kalibreer scenarios/basis.toml --jaar 2022 --uit /tmp/kal\n  raming kalibreer --schrijf                # ook spuk_tarieven.csv in de datamap bijwerken\nDe volumes achter een beschikking staan in spuk_beschikking.csv (aantal_asiel, aantal_gezin),\nanders in instroom.csv. Schrijft kalibratie.csv, kalibratie_gemeenten.csv en spuk_tarieven_<jaar>.csv."
    )]
    Kalibreer {
        /// Scenariobestand (TOML).
        #[arg(default_value = STANDAARD_SCENARIO)]
        scenario: PathBuf,
        /// Het jaar van de beschikkingen (standaard het eerste jaar met beschikkingen).
        #[arg(long, value_name = "JAAR")]
        jaar: Option<i32>,
        /// Uitvoermap (standaard output/kalibratie_<naam>).
        #[arg(long = "uit", visible_alias = "out", value_name = "MAP")]
        uit: Option<PathBuf>,
        /// Werk ook spuk_tarieven.csv in de datamap bij: de rijen van dat jaar worden vervangen (het oude bestand blijft bewaard als spuk_tarieven.csv.vorige).
        #[arg(long, visible_alias = "write")]
        schrijf: bool,
    },
    /// Controleert een scenario en zijn gegevens zonder iets te schrijven.
    #[command(
        visible_alias = "validate",
        after_help = "Voorbeelden:\n  raming controleer scenarios/basis.toml\n  raming controleer scenarios/basis.toml --streng   # exitcode 1 bij een waarschuwing"
    )]
    Controleer {
        /// Scenariobestand (TOML).
        #[arg(default_value = STANDAARD_SCENARIO)]
        scenario: PathBuf,
        /// Waarschuwingen gelden als fouten: ze worden als fout getoond, er wordt niets geschreven en de exitcode is 1 (bijv. vóór het aanbieden aan de raad of in een controlescript). Voorbeeld: raming controleer scenarios/basis.toml --streng
        #[arg(long, visible_alias = "strict")]
        streng: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Safety net: inputs are bounded so that exact arithmetic fits in rust_decimal's 28 digits,
    // but extreme combinations (e.g. decades of compound growth) could still overflow. Such a
    // case must end as a clear error with exit code 1, not as a panic trace. Outputs are only
    // written after all computation, so nothing is half-written.
    std::panic::set_hook(Box::new(|info| {
        // Arithmetic overflow is reported as an input problem below; anything else is a bug
        // and keeps its location so it can be fixed.
        let tekst = info.to_string();
        if !tekst.contains("overflow") && !tekst.contains("Broken pipe") {
            etoonln!("interne fout (meld dit): {tekst}");
        }
    }));
    let uitkomst = std::panic::catch_unwind(|| voer_uit(cli.opdracht));
    match uitkomst {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            etoonln!("fout: {e}");
            ExitCode::from(1)
        }
        Err(p) => {
            let reden = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            // `raming vergelijk ... | head`: the reader stopped; every file was already written.
            if reden.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            etoonln!(
                "fout: de berekening kan niet exact worden uitgevoerd ({reden}); \
                 waarschijnlijk zijn bedragen, aantallen, groei of indexatie te groot. \
                 Controleer de invoer; er is niets geschreven."
            );
            ExitCode::from(1)
        }
    }
}

fn voer_uit(opdracht: Opdracht) -> Result<(), Fout> {
    match opdracht {
        Opdracht::Bereken {
            scenario,
            uit,
            json,
            csv,
            geen_grafieken,
            streng,
        } => {
            let mut run = raming::draai(&scenario)?;
            meld_waarschuwingen([&run], streng)?;
            run.scenario.grafieken = !geen_grafieken;
            if let Some(c) = csv {
                run.scenario.csv_nl = c == "nl";
            }
            let doel = uit.unwrap_or_else(|| PathBuf::from("output").join(&run.scenario.naam));
            let bestanden = uitvoer::bestanden(&run)?;
            uitvoer::schrijf_map(&doel, &bestanden)?;
            if run.scenario.grafieken {
                let groepen: Vec<&str> = run
                    .gegevens
                    .groepen
                    .iter()
                    .map(|g| g.naam.as_str())
                    .collect();
                meld_naamconflicten(&groepen);
            }
            if json {
                // JSON escapes in strings (`\u009b`) rather than `\x9b`, so it stays valid JSON.
                let tekst = samenvatting::json(&run.uitkomst, &run.scenario.omschrijving);
                let veilig: String = tekst
                    .chars()
                    .map(|c| {
                        if raming::fout::is_stuurteken(c) {
                            format!("\\u{:04x}", c as u32)
                        } else {
                            c.to_string()
                        }
                    })
                    .collect();
                println!("{veilig}");
            } else {
                toon!(
                    "{}",
                    samenvatting::tekst(&run.uitkomst, &run.scenario.omschrijving)
                );
                toonln!(
                    "\nGeschreven: {}/ ({} bestanden)",
                    doel.display(),
                    bestanden.len()
                );
            }
            Ok(())
        }
        Opdracht::Vergelijk {
            scenarios,
            uit,
            streng,
        } => {
            let runs = scenarios
                .iter()
                .map(|s| raming::draai(s))
                .collect::<Result<Vec<_>, _>>()?;
            meld_waarschuwingen(&runs, streng)?;
            let v = uitvoer::vergelijking::maak(&runs)?;
            let doel = uit.unwrap_or_else(|| PathBuf::from("output").join("vergelijking"));
            let mut bestanden = vec![(
                "vergelijking.csv".to_string(),
                uitvoer::vergelijking::csv(&v)?,
            )];
            let groepen: Vec<String> = runs[0]
                .gegevens
                .groepen
                .iter()
                .map(|g| g.naam.clone())
                .collect();
            bestanden.extend(uitvoer::grafiek::bestanden(
                &uitvoer::grafiek::voor_vergelijking(&v, &groepen),
            )?);
            uitvoer::schrijf_map(&doel, &bestanden)?;
            meld_naamconflicten(&uitvoer::grafiek::namen_vergelijking(&v, &groepen));
            toon!("{}", uitvoer::vergelijking::tekst(&v));
            toonln!("\nGeschreven: {}/vergelijking.csv", doel.display());
            Ok(())
        }
        Opdracht::Sjabloon { data, uit } => {
            // Validate the folder first, so the template never carries broken data.
            raming::invoer::laad(&data, raming::invoer::Behoefte::default())?;
            // An existing workbook may hold a controller's input: never overwrite it.
            if uit.exists() {
                check_doelbestand(&uit, b"\0raming-nooit\0", "nieuw sjabloon")?;
            }
            let tabellen = uitvoer::werkboek::tabellen_uit_map(&data)?;
            let bytes = uitvoer::werkboek::sjabloon(&tabellen)?;
            uitvoer::schrijf_bestand(&uit, &bytes)?;
            toonln!(
                "Geschreven: {} ({} tabellen uit {})",
                uit.display(),
                tabellen.len(),
                data.display()
            );
            Ok(())
        }
        Opdracht::Importeer { werkboek, naar } => {
            let bron = raming::invoer::open_bron(&werkboek)?;
            let tabellen = raming::invoer::als_csv(&bron);
            raming::invoer::laad_bron(bron, raming::invoer::Behoefte::default())?;
            let bestanden: Vec<(String, Vec<u8>)> = tabellen
                .into_iter()
                .map(|(n, t)| (n, t.into_bytes()))
                .collect();
            uitvoer::schrijf_map(&naar, &bestanden)?;
            toonln!(
                "Geschreven: {}/ ({} CSV-bestanden)",
                naar.display(),
                bestanden.len()
            );
            Ok(())
        }
        Opdracht::Rapport {
            scenarios,
            uit,
            datum,
            streng,
        } => {
            let datum = datum
                .or_else(|| {
                    std::env::var("RAMING_DATUM")
                        .ok()
                        .map(|d| d.trim().to_string())
                })
                .unwrap_or_else(uitvoer::html::vandaag);
            if !geldige_datum(&datum) {
                return Err(Fout::Invoer(raming::fout::InvoerFout::new(
                    raming::fout::Herkomst::new("--datum / RAMING_DATUM", 0),
                    "",
                    format!("'{datum}' is geen datum; verwacht JJJJ-MM-DD, bijv. 2026-11-22"),
                )));
            }
            let runs = scenarios
                .iter()
                .map(|s| raming::draai(s))
                .collect::<Result<Vec<_>, _>>()?;
            meld_waarschuwingen(&runs, streng)?;
            let v = if runs.len() > 1 {
                Some(uitvoer::vergelijking::maak(&runs)?)
            } else {
                None
            };
            let mut invoer = Vec::new();
            for r in &runs {
                for f in raming::invoerbestanden(r)? {
                    if !invoer
                        .iter()
                        .any(|x: &uitvoer::html::Invoerbestand| x.pad == f.pad)
                    {
                        invoer.push(f);
                    }
                }
            }
            check_doelbestand(
                &uit,
                b"<meta name=\"generator\" content=\"raming",
                "rapport",
            )?;
            let hoofd = &runs[0];
            let risico = raming::rapport::risico::voor_rapport(
                &hoofd.gegevens,
                &hoofd.scenario.instellingen,
                &hoofd.scenario.risico,
            )?;
            let html = uitvoer::html::rapport(&runs, v.as_ref(), risico.as_ref(), &datum, &invoer)?;
            uitvoer::schrijf_bestand(&uit, html.as_bytes())?;
            toonln!("Geschreven: {}", uit.display());
            Ok(())
        }
        Opdracht::Verschillen {
            scenario,
            jaar,
            uit,
            streng,
        } => {
            let run = raming::draai(&scenario)?;
            meld_waarschuwingen([&run], streng)?;
            if run.gegevens.realisatie.is_empty() {
                return Err(Fout::Invoer(raming::fout::InvoerFout::new(
                    raming::fout::Herkomst::new(
                        format!("{} (realisatie)", run.scenario.data.display()),
                        0,
                    ),
                    "",
                    "geen realisatie; verwacht realisatie.csv met kolommen gemeente,jaar,post,bedrag[,bron]",
                )));
            }
            let v: Vec<raming::realisatie::Verschil> = run
                .verschillen
                .iter()
                .filter(|v| jaar.is_none_or(|j| v.jaar == j))
                .cloned()
                .collect();
            if v.is_empty() {
                return Err(Fout::Invoer(raming::fout::InvoerFout::new(
                    raming::fout::Herkomst::new("--jaar", 0),
                    "",
                    format!("geen realisatie voor jaar {}", jaar.unwrap_or_default()),
                )));
            }
            let doel = uit.unwrap_or_else(|| {
                PathBuf::from("output").join(format!("verschillen_{}", run.scenario.naam))
            });
            let bestanden = vec![(
                "verschillen.csv".to_string(),
                uitvoer::verschillen_csv(&run.scenario.naam, &v)?,
            )];
            uitvoer::schrijf_map(&doel, &bestanden)?;
            toon!("{}", uitvoer::samenvatting::verschillen(&v));
            toonln!("\nGeschreven: {}/verschillen.csv", doel.display());
            Ok(())
        }
        Opdracht::Risico {
            scenario,
            trekkingen,
            zaad,
            stil,
            uit,
            streng,
        } => {
            use std::io::IsTerminal;
            let run = raming::draai(&scenario)?;
            meld_waarschuwingen([&run], streng)?;
            let mut r = run.scenario.risico.clone();
            if let Some(n) = trekkingen {
                r.trekkingen = n;
            }
            if let Some(z) = zaad {
                r.zaad = z;
            }
            raming::risico::check(
                &r,
                &raming::fout::Herkomst::new(scenario.display().to_string(), 0),
            )?;
            let balk = if stil || !std::io::stderr().is_terminal() {
                indicatif::ProgressBar::hidden()
            } else {
                indicatif::ProgressBar::new_spinner()
            };
            balk.set_message(format!(
                "exacte rekenkern en {} trekkingen ...",
                r.trekkingen
            ));
            balk.enable_steady_tick(std::time::Duration::from_millis(120));
            let jaren: Vec<i32> = run.scenario.instellingen.jaren().collect();
            let (c, uitkomst) =
                raming::risico::bereken(&run.gegevens, &run.scenario.instellingen, &r)?;
            balk.finish_and_clear();
            let doel = uit.unwrap_or_else(|| {
                PathBuf::from("output")
                    .join(&run.scenario.naam)
                    .join("risico")
            });
            let bestanden =
                uitvoer::risico::bestanden(&run.scenario.naam, &uitkomst, &c, &r, &jaren)?;
            uitvoer::schrijf_map(&doel, &bestanden)?;
            meld_naamconflicten(&uitvoer::risico::grafiek_namen(&c));
            toon!(
                "{}",
                uitvoer::risico::samenvatting(&uitkomst, r.trekkingen, &jaren)
            );
            toonln!(
                "\nGeschreven: {}/ ({} bestanden)",
                doel.display(),
                bestanden.len()
            );
            Ok(())
        }
        Opdracht::Kalibreer {
            scenario,
            jaar,
            uit,
            schrijf,
        } => {
            let run = raming::draai(&scenario)?;
            let jaar = match jaar.or_else(|| raming::kalibratie::standaard_jaar(&run.gegevens)) {
                Some(j) => j,
                None => {
                    return Err(Fout::Invoer(raming::fout::InvoerFout::new(
                        raming::fout::Herkomst::new(
                            run.gegevens.bestand("spuk_beschikking.csv"),
                            0,
                        ),
                        "",
                        "geen beschikkingen om op te kalibreren; verwacht spuk_beschikking.csv met bedragen en de volumes erachter",
                    )));
                }
            };
            let k = raming::kalibratie::kalibreer(&run.gegevens, &run.scenario.instellingen, jaar)?;
            for w in &k.waarschuwingen {
                etoonln!("waarschuwing: {w}");
            }
            let regels = raming::kalibratie::tariefregels(&run.gegevens, &k);
            let doel = uit.unwrap_or_else(|| {
                PathBuf::from("output").join(format!("kalibratie_{}", run.scenario.naam))
            });
            let tarieven_naam = format!("spuk_tarieven_{jaar}.csv");
            let bestanden = vec![
                (
                    "kalibratie.csv".to_string(),
                    uitvoer::kalibratie::kalibratie_csv(&k)?,
                ),
                (
                    "kalibratie_gemeenten.csv".to_string(),
                    uitvoer::kalibratie::gemeenten_csv(&k, &run.gegevens)?,
                ),
                (
                    tarieven_naam.clone(),
                    uitvoer::kalibratie::tarieven_csv(&regels)?,
                ),
            ];
            uitvoer::schrijf_map(&doel, &bestanden)?;
            toon!("{}", uitvoer::kalibratie::samenvatting(&k, &run.gegevens));
            toonln!(
                "\nGeschreven: {}/ (kalibratie.csv, kalibratie_gemeenten.csv, {tarieven_naam})",
                doel.display()
            );
            if schrijf {
                let pad = uitvoer::kalibratie::werk_tarieven_bij(&run.scenario.data, &regels)?;
                toonln!(
                    "Bijgewerkt: {} (de rijen van {jaar} voor de SPUK-voorzieningen; het vorige bestand staat in {}.vorige)",
                    pad.display(),
                    pad.display()
                );
            }
            Ok(())
        }
        Opdracht::Controleer { scenario, streng } => {
            let run = raming::draai(&scenario)?;
            meld_waarschuwingen([&run], streng)?;
            toonln!(
                "In orde: scenario {} ({}–{}), {} gemeenten, {} groepen, {} formatieposten, {} boekingen.",
                run.scenario.naam,
                run.scenario.instellingen.jaar_van,
                run.scenario.instellingen.jaar_tot,
                run.gegevens.gemeenten.len(),
                run.gegevens.groepen.len(),
                run.gegevens.formatie.len(),
                run.ledger.boekingen.len()
            );
            toon!("{}", uitvoer::waarschuwingen::dekking_tekst(&run));
            Ok(())
        }
    }
}

/// Prints the warnings of the runs on stderr (`waarschuwing: ...`, or `Geen waarschuwingen.`).
/// With `--streng` a warning is an error: printed as `fout: ...`, and the command stops before
/// anything is written (every command calls this right after computing, before any write).
fn meld_waarschuwingen<'a>(
    runs: impl IntoIterator<Item = &'a raming::Run>,
    streng: bool,
) -> Result<(), Fout> {
    let w = uitvoer::waarschuwingen::alle(runs);
    let (regels, uitkomst) = uitvoer::waarschuwingen::meld(&w, streng);
    for r in regels {
        etoonln!("{r}");
    }
    uitkomst
}

/// Names that give the same chart file name are numbered (`opbouw_regio_a_2.png`); says so on
/// stderr, so no chart is lost without notice.
fn meld_naamconflicten<S: AsRef<str>>(namen: &[S]) {
    let (_, meldingen) = uitvoer::grafiek::unieke_bestandsnamen(namen);
    for m in meldingen {
        etoonln!("let op: {m}");
    }
}

/// `JJJJ-MM-DD`, a real calendar date.
fn geldige_datum(d: &str) -> bool {
    let delen: Vec<&str> = d.split('-').collect();
    if delen.len() != 3
        || delen[0].len() != 4
        || delen[1].len() != 2
        || delen[2].len() != 2
        || !delen.iter().all(|x| x.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let (j, m, dag) = (
        delen[0].parse::<u32>().unwrap_or(0),
        delen[1].parse::<u32>().unwrap_or(0),
        delen[2].parse::<u32>().unwrap_or(0),
    );
    let schrikkel = (j % 4 == 0 && j % 100 != 0) || j % 400 == 0;
    let dagen = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if schrikkel => 29,
        2 => 28,
        _ => return false,
    };
    (1..=dagen).contains(&dag)
}

/// Refuses to overwrite an existing file that raming did not make (a filled-in workbook, a
/// scenario): `merk` is a byte string every file of that kind we write contains.
fn check_doelbestand(pad: &std::path::Path, merk: &[u8], soort: &str) -> Result<(), Fout> {
    let fout = |m: String| {
        Fout::Invoer(raming::fout::InvoerFout::new(
            raming::fout::Herkomst::new(pad.display().to_string(), 0),
            "",
            m,
        ))
    };
    if pad.is_dir() {
        return Err(fout(format!(
            "is een map; verwacht een bestandsnaam voor het {soort}"
        )));
    }
    if pad.exists() {
        let inhoud = std::fs::read(pad).unwrap_or_default();
        if !inhoud.windows(merk.len()).any(|w| w == merk) {
            return Err(fout(format!(
                "bestaat al en is geen {soort} van raming; kies een andere naam of verwijder het bestand eerst"
            )));
        }
    }
    Ok(())
}
