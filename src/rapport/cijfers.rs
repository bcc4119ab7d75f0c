//! Displayed figures that appear in more than one output, computed in one place, so that the
//! console, the CSV files, the workbook, the report and `vergelijk` show the same number for the
//! same quantity.
//!
//! - A yearly amount per gemeente or group is the overview's displayed cell
//!   (`rapport::overzicht`: rows rounded with the largest-remainder method, so the table adds up).
//! - A multi-year total (e.g. the saldo 2022–2030) is the exact sum of the exact yearly amounts,
//!   rounded once to whole euros, half away from zero: [`meerjarig`]. It can differ by a few euros
//!   from the sum of the rounded yearly cells; it never differs between outputs.
//! - A difference between two displayed multi-year totals (scenario B − scenario A) is the
//!   difference of the displayed totals: [`verschil`], so a table with both adds up.

use crate::rapport::Uitkomst;
use rust_decimal::Decimal;

// The rounding rules themselves sit beside the other rounding primitives in `verdeelsleutel`
// (a leaf), so that `opmaak` can use them without depending on the report layer.
pub use crate::verdeelsleutel::{hele_euros, zonder_min_nul};

/// The displayed multi-year total of exact yearly amounts: their exact sum, rounded once.
pub fn meerjarig(exact: impl IntoIterator<Item = Decimal>) -> Decimal {
    hele_euros(exact.into_iter().sum())
}

/// The exact saldo of a gemeente or group over the given years of a run (years the run lacks
/// count as zero).
pub fn saldo_exact(u: &Uitkomst, naam: &str, jaren: &[i32]) -> Decimal {
    jaren
        .iter()
        .filter_map(|j| u.saldi.get(&(naam.to_string(), *j)))
        .map(|s| s.saldo())
        .sum()
}

/// The displayed saldo of a gemeente or group over all years of a run.
pub fn saldo_meerjarig(u: &Uitkomst, naam: &str) -> Decimal {
    meerjarig([saldo_exact(u, naam, &u.jaren)])
}

/// Displayed difference of two displayed multi-year totals (`b − a`), each rounded once.
pub fn verschil(b_exact: Decimal, a_exact: Decimal) -> Decimal {
    zonder_min_nul(meerjarig([b_exact]) - meerjarig([a_exact]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn rounded_once_half_away_from_zero_without_negative_zero() {
        // Three years of 0,40: rounded per year 0 + 0 + 0, rounded once 1.
        assert_eq!(meerjarig([dec!(0.40), dec!(0.40), dec!(0.40)]), dec!(1));
        assert_eq!(meerjarig([dec!(-0.25), dec!(-0.25)]), dec!(-1));
        assert_eq!(meerjarig([dec!(-0.2)]).to_string(), "0");
        assert_eq!(hele_euros(dec!(2.5)), dec!(3));
        assert_eq!(verschil(dec!(10.4), dec!(0.6)), dec!(9));
    }
}
