//! `raming controleer`: a scenario and its data checked, nothing written.

use super::{ScenarioArg, Streng, meld_waarschuwingen, streng_hulp};
use raming::fout::Fout;
use raming::uitvoer;

/// Controleert een scenario en zijn gegevens zonder iets te schrijven.
#[derive(clap::Args)]
#[command(
    visible_alias = "validate",
    after_help = "Voorbeelden:\n  raming controleer scenarios/basis.toml\n  raming controleer scenarios/basis.toml --streng   # exitcode 1 bij een waarschuwing",
    mut_arg("streng", |a| a.help(streng_hulp("raming controleer scenarios/basis.toml --streng")))
)]
pub struct Args {
    #[command(flatten)]
    scenario: ScenarioArg,
    #[command(flatten)]
    streng: Streng,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let run = raming::draai(&args.scenario.scenario)?;
    meld_waarschuwingen([&run], &args.streng)?;
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
