//! `raming sjabloon`: the input workbook, filled from a data folder.

use super::check_doelbestand;
use raming::fout::Fout;
use raming::uitvoer;
use std::path::PathBuf;

/// Schrijft een invoerwerkboek (xlsx) met een blad per invoertabel, gevuld uit een datamap.
#[derive(clap::Args)]
#[command(
    visible_alias = "template",
    after_help = "Voorbeeld:\n  raming sjabloon --uit invoer.xlsx\n  raming sjabloon --data data/drechtsteden --uit invoer.xlsx\nGebruik het werkboek met data = \"invoer.xlsx\" in een scenario, of met raming importeer."
)]
pub struct Args {
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
}

pub fn run(args: Args) -> Result<(), Fout> {
    let Args { data, uit } = args;
    // Validate the folder first, so the template never carries broken data.
    raming::invoer::laad(&data, raming::invoer::Behoefte::default())?;
    // An existing workbook may hold a controller's input: never overwrite it.
    if uit.exists() {
        check_doelbestand(&uit, b"\0raming-nooit\0", "nieuw sjabloon")?;
    }
    let tabellen = raming::invoer::tabellen_uit_map(&data)?;
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
