//! `raming risico`: Monte Carlo over uncertain instroom and route shares.

use super::{ScenarioArg, Streng, UitMap, meld_naamconflicten, meld_waarschuwingen, streng_hulp};
use raming::fout::{Fout, Herkomst};
use raming::uitvoer;
use std::path::PathBuf;

/// Risico: Monte Carlo over onzekere instroom en routeverdeling; percentielen, kans op een tekort, risicoreserve.
#[derive(clap::Args)]
#[command(
    visible_alias = "risk",
    after_help = "Voorbeeld:\n  raming risico scenarios/risico.toml --trekkingen 10000 --zaad 42\n  → output/<naam>/risico/ (banden.csv, reserve.csv, waaier_*.svg, tornado_*.svg)\nDe verdelingen staan in het scenario onder [risico] en [risico.instroom].",
    mut_arg("scenario", |a| a.help("Scenariobestand (TOML) met een [risico]-tabel")),
    mut_arg("uit", |a| a.help("Uitvoermap (standaard output/<naam>/risico)")),
    mut_arg("streng", |a| a.help(streng_hulp("raming risico scenarios/risico.toml --streng")))
)]
pub struct Args {
    #[command(flatten)]
    scenario: ScenarioArg,
    /// Aantal trekkingen (standaard uit het scenario, anders 10.000).
    #[arg(long, value_name = "N")]
    trekkingen: Option<usize>,
    /// Zaad voor de toevalsgenerator (zelfde zaad, zelfde uitkomst).
    #[arg(long, value_name = "S")]
    zaad: Option<u64>,
    /// Peildatum (JJJJ-MM-DD): jaren vóór dit jaar zijn verleden tijd en tellen niet mee in de
    /// samenvatting en de tornado; standaard RAMING_DATUM of vandaag.
    #[arg(long, value_name = "JJJJ-MM-DD")]
    datum: Option<String>,
    /// Geen voortgangsbalk.
    #[arg(long, visible_alias = "quiet")]
    stil: bool,
    #[command(flatten)]
    uit: UitMap,
    #[command(flatten)]
    streng: Streng,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let scenario = &args.scenario.scenario;
    let run = raming::draai(scenario)?;
    meld_waarschuwingen([&run], &args.streng)?;
    let mut r = run.scenario.risico.clone();
    if let Some(n) = args.trekkingen {
        r.trekkingen = n;
    }
    if let Some(z) = args.zaad {
        r.zaad = z;
    }
    raming::risico::check(&r, &Herkomst::new(scenario.display().to_string(), 0))?;
    let balk = voortgang(args.stil, r.trekkingen);
    let jaren: Vec<i32> = run.scenario.instellingen.jaren().collect();
    let datum = super::rapport::rapportdatum(args.datum)?;
    let vanaf = raming::risico::eerste_prognosejaar(
        &run.gegevens,
        &run.scenario.instellingen,
        super::rapport::jaar_van_datum(&datum),
    );
    let (c, uitkomst) =
        raming::risico::bereken_vanaf(&run.gegevens, &run.scenario.instellingen, &r, vanaf)?;
    balk.finish_and_clear();
    let doel = args.uit.of(|| {
        PathBuf::from("output")
            .join(&run.scenario.naam)
            .join("risico")
    });
    let bestanden = uitvoer::risico::bestanden(&uitvoer::risico::Risicobeeld {
        scenario: &run.scenario.naam,
        uitkomst: &uitkomst,
        coefficienten: &c,
        instellingen: &r,
        jaren: &jaren,
        vanaf,
    })?;
    uitvoer::schrijf_map(&doel, &bestanden)?;
    meld_naamconflicten(&uitvoer::risico::grafiek_namen(&c));
    toon!(
        "{}",
        uitvoer::risico::samenvatting(&uitkomst, r.trekkingen, &jaren, vanaf)
    );
    toonln!(
        "\nGeschreven: {}/ ({} bestanden)",
        doel.display(),
        bestanden.len()
    );
    Ok(())
}

/// A spinner on stderr while the draws run; hidden with `--stil` or when stderr is no terminal.
fn voortgang(stil: bool, trekkingen: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let balk = if stil || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    balk.set_message(format!("exacte rekenkern en {trekkingen} trekkingen ..."));
    balk.enable_steady_tick(std::time::Duration::from_millis(120));
    balk
}
