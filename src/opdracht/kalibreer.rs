//! `raming kalibreer`: the SPUK per head fitted on a year's beschikkingen.

use super::{ScenarioArg, UitMap, invoerfout};
use raming::fout::Fout;
use raming::uitvoer;
use std::path::PathBuf;

/// Kalibreert de SPUK-bedragen per hoofd (eerste teljaar, per doelgroep) op de beschikkingen van een jaar.
#[derive(clap::Args)]
#[command(
    visible_alias = "calibrate",
    after_help = "Voorbeelden:\n  raming kalibreer                          # eerste jaar met beschikkingen, scenarios/basis.toml\n  raming kalibreer scenarios/basis.toml --jaar 2022 --uit /tmp/kal\n  raming kalibreer --schrijf                # ook spuk_tarieven.csv in de datamap bijwerken\nDe volumes achter een beschikking staan in spuk_beschikking.csv (aantal_asiel, aantal_gezin),\nanders in instroom.csv. Schrijft kalibratie.csv, kalibratie_gemeenten.csv en spuk_tarieven_<jaar>.csv.",
    mut_arg("uit", |a| a.help("Uitvoermap (standaard output/kalibratie_<naam>)"))
)]
pub struct Args {
    #[command(flatten)]
    scenario: ScenarioArg,
    /// Het jaar van de beschikkingen (standaard het eerste jaar met beschikkingen).
    #[arg(long, value_name = "JAAR")]
    jaar: Option<i32>,
    #[command(flatten)]
    uit: UitMap,
    /// Werk ook spuk_tarieven.csv in de datamap bij: de rijen van dat jaar worden vervangen (het oude bestand blijft bewaard als spuk_tarieven.csv.vorige).
    #[arg(long, visible_alias = "write")]
    schrijf: bool,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let run = raming::draai(&args.scenario.scenario)?;
    let Some(jaar) = args
        .jaar
        .or_else(|| raming::kalibratie::standaard_jaar(&run.gegevens))
    else {
        return Err(invoerfout(
            run.gegevens.bestand("spuk_beschikking.csv"),
            "geen beschikkingen om op te kalibreren; verwacht spuk_beschikking.csv met bedragen en de volumes erachter",
        ));
    };
    let k = raming::kalibratie::kalibreer(&run.gegevens, &run.scenario.instellingen, jaar)?;
    for w in &k.waarschuwingen {
        etoonln!("waarschuwing: {w}");
    }
    let regels = raming::kalibratie::tariefregels(&run.gegevens, &k);
    let doel = args
        .uit
        .of(|| PathBuf::from("output").join(format!("kalibratie_{}", run.scenario.naam)));
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
    if args.schrijf {
        let pad = uitvoer::kalibratie::werk_tarieven_bij(&run.scenario.data, &regels)?;
        toonln!(
            "Bijgewerkt: {} (de rijen van {jaar} voor de SPUK-voorzieningen; het vorige bestand staat in {}.vorige)",
            pad.display(),
            pad.display()
        );
    }
    Ok(())
}
