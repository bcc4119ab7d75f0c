//! `raming verschillen`: realisatie against the budget (variance analysis).

use super::{ScenarioArg, Streng, UitMap, invoerfout, meld_waarschuwingen, streng_hulp};
use raming::fout::Fout;
use raming::realisatie::Verschil;
use raming::uitvoer;
use std::path::PathBuf;

/// Verschillenanalyse: realisatie tegenover raming per gemeente, groep en post, met volume- en prijseffect.
#[derive(clap::Args)]
#[command(
    visible_alias = "variance",
    after_help = "Voorbeeld:\n  raming verschillen scenarios/basis.toml --jaar 2022\n  → output/verschillen_basis/verschillen.csv\nDe realisatie staat in realisatie.csv (gemeente,jaar,post,bedrag,bron) en gerealiseerde aantallen in instroom.csv met versie = realisatie.",
    mut_arg("uit", |a| a.help("Uitvoermap (standaard output/verschillen_<naam>)")),
    mut_arg("streng", |a| a.help(streng_hulp("raming verschillen --streng")))
)]
pub struct Args {
    #[command(flatten)]
    scenario: ScenarioArg,
    /// Alleen dit jaar.
    #[arg(long, value_name = "JAAR")]
    jaar: Option<i32>,
    #[command(flatten)]
    uit: UitMap,
    #[command(flatten)]
    streng: Streng,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let run = raming::draai(&args.scenario.scenario)?;
    meld_waarschuwingen([&run], &args.streng)?;
    if run.gegevens.realisatie.is_empty() {
        return Err(invoerfout(
            format!("{} (realisatie)", run.scenario.data.display()),
            "geen realisatie; verwacht realisatie.csv met kolommen gemeente,jaar,post,bedrag[,bron]",
        ));
    }
    let jaar = args.jaar;
    let v: Vec<Verschil> = run
        .verschillen
        .iter()
        .filter(|v| jaar.is_none_or(|j| v.jaar == j))
        .cloned()
        .collect();
    if v.is_empty() {
        return Err(invoerfout(
            "--jaar",
            format!("geen realisatie voor jaar {}", jaar.unwrap_or_default()),
        ));
    }
    let doel = args
        .uit
        .of(|| PathBuf::from("output").join(format!("verschillen_{}", run.scenario.naam)));
    let bestanden = vec![(
        "verschillen.csv".to_string(),
        uitvoer::verschillen_csv(&run.scenario.naam, &v)?,
    )];
    uitvoer::schrijf_map(&doel, &bestanden)?;
    toon!("{}", uitvoer::samenvatting::verschillen(&v));
    toonln!("\nGeschreven: {}/verschillen.csv", doel.display());
    Ok(())
}
