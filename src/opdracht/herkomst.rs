//! `raming herkomst`: where a figure comes from — its bookings, the rule that made each one and
//! the input rows with their `bron`.

use super::ScenarioArg;
use raming::fout::Fout;
use raming::opmaak::euro_centen;
use raming::rapport::herkomst::{self, Keuze};
use raming::uitvoer;
use std::path::PathBuf;

/// Toont waar een bedrag vandaan komt: de boekingen, de rekenregel van elke boeking en de invoerrijen met hun bron.
#[derive(clap::Args)]
#[command(
    visible_alias = "trace",
    after_help = "Voorbeelden:\n  raming herkomst --gemeente Dordrecht --jaar 2022 --post procesregie\n  raming herkomst scenarios/routekosten.toml --gemeente SDD --jaar 2024 --post voorziening_b1\n  raming herkomst --csv output/herkomst.csv      # alle boekingen met regel en invoerrijen\nEen groep (zoals SDD) toont de boekingen van al haar leden."
)]
pub struct Args {
    #[command(flatten)]
    scenario: ScenarioArg,
    /// Gemeente of groep.
    #[arg(long, value_name = "NAAM")]
    gemeente: Option<String>,
    /// Jaar.
    #[arg(long, value_name = "JAAR")]
    jaar: Option<i32>,
    /// Post-id (zoals in begroting.csv: iu_uitvoering, spuk, procesregie, ...).
    #[arg(long, value_name = "POST")]
    post: Option<String>,
    /// Schrijf de keuze als CSV naar dit bestand in plaats van naar het scherm.
    #[arg(long, value_name = "PAD")]
    csv: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let run = raming::draai(&args.scenario.scenario)?;
    let keuze = Keuze {
        naam: args.gemeente,
        jaar: args.jaar,
        post: args.post,
    };
    let sporen = herkomst::sporen(&run, &keuze)?;
    if let Some(pad) = args.csv {
        let t = herkomst::tabel(&run.scenario.naam, &sporen);
        uitvoer::schrijven::schrijf_bestand(&pad, &uitvoer::tabel_csv(&t)?)?;
        toonln!("Geschreven: {} ({} boekingen)", pad.display(), sporen.len());
        return Ok(());
    }
    if sporen.is_empty() {
        toonln!("Geen boekingen voor deze keuze.");
        return Ok(());
    }
    for s in &sporen {
        let b = &s.boeking;
        toonln!(
            "{} {} {} ({}): {}",
            s.gemeente,
            b.jaar,
            b.omschrijving(),
            b.soort.id(),
            euro_centen(b.bedrag)
        );
        toonln!("  regel: {}", s.verklaring.regel);
        for i in &s.invoer {
            toonln!("  invoer: {} rij {}: {}", i.bestand, i.rij, i.inhoud);
            if !i.bron.is_empty() {
                toonln!("          bron: {}", i.bron);
            }
        }
    }
    Ok(())
}
