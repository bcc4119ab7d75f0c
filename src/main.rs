//! Thin CLI: parses arguments (Dutch commands with English aliases) and dispatches to one file
//! per command in `opdracht/`. All logic lives in the library.

#[macro_use]
mod opdracht;

use clap::{Parser, Subcommand};
use opdracht::*;
use raming::fout::Fout;
use std::process::ExitCode;

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

/// The commands in the order of `raming --help`; help texts and flags live in `opdracht/`.
#[derive(Subcommand)]
enum Opdracht {
    Bereken(bereken::Args),
    Sjabloon(sjabloon::Args),
    Importeer(importeer::Args),
    Vergelijk(vergelijk::Args),
    Rapport(rapport::Args),
    Verschillen(verschillen::Args),
    Risico(risico::Args),
    Kalibreer(kalibreer::Args),
    Controleer(controleer::Args),
}

fn voer_uit(opdracht: Opdracht) -> Result<(), Fout> {
    match opdracht {
        Opdracht::Bereken(a) => bereken::run(a),
        Opdracht::Sjabloon(a) => sjabloon::run(a),
        Opdracht::Importeer(a) => importeer::run(a),
        Opdracht::Vergelijk(a) => vergelijk::run(a),
        Opdracht::Rapport(a) => rapport::run(a),
        Opdracht::Verschillen(a) => verschillen::run(a),
        Opdracht::Risico(a) => risico::run(a),
        Opdracht::Kalibreer(a) => kalibreer::run(a),
        Opdracht::Controleer(a) => controleer::run(a),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own consistency checks (every `mut_arg` names a flag that exists, no clashes).
    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
