//! `raming vergelijk`: several scenarios side by side, differences against the first.

use super::{Streng, UitMap, draai_alle, meld_naamconflicten, meld_waarschuwingen, streng_hulp};
use raming::fout::Fout;
use raming::uitvoer;
use std::path::PathBuf;

/// Vergelijkt scenario's: baten, lasten en saldo per gemeente, groep en jaar, en de verschillen met het eerste scenario.
#[derive(clap::Args)]
#[command(
    visible_alias = "compare",
    after_help = "Voorbeeld:\n  raming vergelijk scenarios/routekosten.toml scenarios/hoge_instroom.toml scenarios/lage_instroom.toml\n  → output/vergelijking/vergelijking.csv",
    mut_arg("uit", |a| a.help("Uitvoermap (standaard output/vergelijking)")),
    mut_arg("streng", |a| a.help(streng_hulp("raming vergelijk scenarios/basis.toml scenarios/routekosten.toml --streng")))
)]
pub struct Args {
    /// Twee of meer scenariobestanden; het eerste is de referentie.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    #[command(flatten)]
    uit: UitMap,
    #[command(flatten)]
    streng: Streng,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let runs = draai_alle(&args.scenarios)?;
    meld_waarschuwingen(&runs, &args.streng)?;
    let v = uitvoer::vergelijking::maak(&runs)?;
    let doel = args.uit.of(|| PathBuf::from("output").join("vergelijking"));
    let mut bestanden = vec![(
        "vergelijking.csv".to_string(),
        uitvoer::vergelijking::csv(&v)?,
    )];
    let groepen = runs[0].gegevens.groepsnamen();
    bestanden.extend(uitvoer::grafiek::bestanden(
        &uitvoer::grafiek::voor_vergelijking(&v, &groepen),
    )?);
    uitvoer::schrijf_map(&doel, &bestanden)?;
    meld_naamconflicten(&uitvoer::grafiek::namen_vergelijking(&v, &groepen));
    toon!("{}", uitvoer::vergelijking::tekst(&v));
    toonln!("\nGeschreven: {}/vergelijking.csv", doel.display());
    Ok(())
}
