//! Thin CLI: parses arguments (Dutch commands with English aliases) and dispatches to one file
//! per command in `opdracht/`. All logic lives in the library.

#[macro_use]
mod opdracht;

use clap::{Parser, Subcommand};
use opdracht::*;
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
    Herkomst(herkomst::Args),
    Controleer(controleer::Args),
    Serve(serve::Args),
}

/// Exit code 1 on any error, printed as `fout: ...`. Arithmetic that does not fit exactly is an
/// error from the engine (checked arithmetic), so a panic here is a bug and keeps its trace.
fn main() -> ExitCode {
    let uitkomst = match Cli::parse().opdracht {
        Opdracht::Bereken(a) => bereken::run(a),
        Opdracht::Sjabloon(a) => sjabloon::run(a),
        Opdracht::Importeer(a) => importeer::run(a),
        Opdracht::Vergelijk(a) => vergelijk::run(a),
        Opdracht::Rapport(a) => rapport::run(a),
        Opdracht::Verschillen(a) => verschillen::run(a),
        Opdracht::Risico(a) => risico::run(a),
        Opdracht::Kalibreer(a) => kalibreer::run(a),
        Opdracht::Herkomst(a) => herkomst::run(a),
        Opdracht::Controleer(a) => controleer::run(a),
        Opdracht::Serve(a) => serve::run(a),
    };
    match uitkomst {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            etoonln!("fout: {e}");
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
