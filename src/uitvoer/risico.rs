//! Output of `raming risico`: percentile bands per gemeente, group and year, the probability of a
//! deficit, the suggested risk reserve, a fan chart and a tornado chart per group, and a short
//! Dutch summary.

use crate::fout::Resultaat;
use crate::rapport::risico::{banden, kernregels, reserve};
use crate::risico::Risico;
use crate::uitvoer::grafiek::{self, Grafiek};
use crate::uitvoer::opmaak::euro;
use crate::uitvoer::tabel_csv;

/// The files of `output/<naam>/risico/`.
pub fn bestanden(beeld: &Risicobeeld) -> Resultaat<Vec<(String, Vec<u8>)>> {
    let (scenario, r, jaren) = (beeld.scenario, beeld.uitkomst, beeld.jaren);
    let mut uit = vec![
        ("banden.csv".to_string(), tabel_csv(&banden(scenario, r))?),
        (
            "reserve.csv".to_string(),
            tabel_csv(&reserve(scenario, r, jaren))?,
        ),
    ];
    let grafieken: Vec<Grafiek> = grafieken(beeld)
        .into_iter()
        .flat_map(|(_, w, t)| std::iter::once(w).chain(t))
        .collect();
    uit.extend(
        grafiek::bestanden(&grafieken)?
            .into_iter()
            .map(|(n, b)| (n.replacen("grafieken/", "", 1), b)),
    );
    Ok(uit)
}

use crate::rapport::risico::grafieken;
pub use crate::rapport::risico::{Risicobeeld, grafiek_namen};

/// Short Dutch summary told forward: per group (or gemeente) the forecast year (`vanaf` on)
/// with the largest chance of a deficit, and the reserve over those years.
pub fn samenvatting(r: &Risico, trekkingen: usize, jaren: &[i32], vanaf: i32) -> String {
    let laatste = jaren.last().copied().unwrap_or(0);
    let mut s = format!(
        "Risico over {} trekkingen, prognosejaren {}–{}{}:\n",
        trekkingen,
        vanaf,
        laatste,
        if jaren.first().is_some_and(|j| *j < vanaf) {
            format!(
                " (eerdere jaren, {}–{}, liggen vast en tellen niet mee)",
                jaren.first().unwrap_or(&0),
                vanaf - 1
            )
        } else {
            String::new()
        }
    );
    for k in kernregels(r, vanaf) {
        let naam = &k.naam;
        match k.slechtst {
            None => s.push_str(&format!(
                "- {naam}: in geen enkele trekking een tekort vanaf {vanaf}; geen risicoreserve nodig.\n"
            )),
            Some((jaar, kans, p50)) => s.push_str(&format!(
                "- {naam}: grootste kans op een tekort in {jaar} ({}; P50-saldo {}); voorgestelde risicoreserve (P90 van het diepste aaneengesloten tekort, {vanaf}–{laatste}) {}.\n",
                crate::rapport::risico::kans_tekst(kans),
                euro(p50),
                euro(k.reserve)
            )),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risico::Band;

    /// One draw in 400 with a deficit (0,25 %, ties to even) reads "0,2 %", not "0 %"; none
    /// reads "geen".
    #[test]
    fn the_console_names_a_small_chance() {
        let band = |naam: &str, kans: f64| Band {
            naam: naam.into(),
            is_groep: false,
            jaar: 2027,
            p: [[rust_decimal::Decimal::ZERO; 5]; 3],
            kans_tekort: kans,
        };
        let r = Risico {
            banden: vec![band("A", 1.0 / 400.0), band("B", 0.0)],
            reserve: vec![],
        };
        let s = samenvatting(&r, 400, &[2027], 2027);
        assert!(
            s.contains("- A: grootste kans op een tekort in 2027 (0,2 %;"),
            "{s}"
        );
        assert!(s.contains("- B: in geen enkele trekking een tekort"), "{s}");
    }
}
