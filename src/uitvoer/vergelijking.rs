//! Scenario comparison rendered: `vergelijking.csv` (exact amounts and differences against the
//! first scenario) and the console table (the saldo over the shared years in whole euros). The
//! figures and differences are computed in `rapport::vergelijking`.

use crate::fout::Resultaat;
use crate::rapport::vergelijking as rapport;
use crate::uitvoer::tabel_csv;

pub use crate::rapport::vergelijking::{PerScenario, Vergelijking, maak};

/// `vergelijking.csv` (long format): gemeente, jaar, scenario, baten, lasten, saldo and the
/// differences against the first scenario (empty for the first scenario itself).
pub fn csv(v: &Vergelijking) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::tabel(v))
}

/// Short Dutch table: saldo over the years all scenarios share, per gemeente and group.
pub fn tekst(v: &Vergelijking) -> String {
    let Some((van, tot, t)) = rapport::meerjarig(v) else {
        return "De scenario's hebben geen gemeenschappelijke jaren; zie vergelijking.csv voor de cijfers per jaar.\n".to_string();
    };
    format!(
        "Saldo {van}–{tot} (som over de jaren) per scenario; verschil t.o.v. {}\n\n{}",
        v.scenarios[0],
        crate::uitvoer::samenvatting::tabel(&t)
    )
}
