//! `raming importeer`: an input workbook checked and turned into CSV files.

use raming::fout::Fout;
use raming::uitvoer;
use std::path::PathBuf;

/// Zet een invoerwerkboek om naar CSV-bestanden (na controle van alle bladen).
#[derive(clap::Args)]
#[command(
    visible_alias = "import",
    after_help = "Voorbeeld:\n  raming importeer invoer.xlsx --naar data/mijn_regio"
)]
pub struct Args {
    /// Het werkboek (xlsx).
    werkboek: PathBuf,
    /// Doelmap voor de CSV-bestanden.
    #[arg(long = "naar", visible_alias = "to", value_name = "MAP")]
    naar: PathBuf,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let bron = raming::invoer::open_bron(&args.werkboek)?;
    let tabellen = raming::invoer::als_csv(&bron);
    raming::invoer::laad_bron(bron, raming::invoer::Behoefte::default())?;
    let bestanden: Vec<(String, Vec<u8>)> = tabellen
        .into_iter()
        .map(|(n, t)| (n, t.into_bytes()))
        .collect();
    uitvoer::schrijf_map(&args.naar, &bestanden)?;
    toonln!(
        "Geschreven: {}/ ({} CSV-bestanden)",
        args.naar.display(),
        bestanden.len()
    );
    Ok(())
}
