//! Indexation: yearly percentages per soort (`tarieven` for SPUK tariffs, `lonen` for fte costs,
//! `prijzen` for route contract prices). An amount given in prices of year A is worth
//! amount × Π_{k=A+1..=B} (1 + p_k / 100) in year B; years without a percentage count as 0 %.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexSoort {
    Tarieven,
    Lonen,
    Prijzen,
}

impl IndexSoort {
    pub fn lees(t: &str) -> Option<IndexSoort> {
        match t {
            "tarieven" => Some(IndexSoort::Tarieven),
            "lonen" => Some(IndexSoort::Lonen),
            "prijzen" => Some(IndexSoort::Prijzen),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indexatie {
    /// Percentage per soort and year.
    pub reeksen: BTreeMap<IndexSoort, BTreeMap<i32, Decimal>>,
}

impl Indexatie {
    pub fn zet(&mut self, soort: IndexSoort, jaar: i32, percentage: Decimal) {
        self.reeksen
            .entry(soort)
            .or_default()
            .insert(jaar, percentage);
    }

    /// Compound factor from prices of `van` to prices of `naar`; 1 when `naar` ≤ `van` (amounts
    /// are not deflated to earlier years).
    pub fn factor(&self, soort: IndexSoort, van: i32, naar: i32) -> Decimal {
        let Some(r) = self.reeksen.get(&soort) else {
            return Decimal::ONE;
        };
        let mut f = Decimal::ONE;
        if naar > van {
            for (_, p) in r.range(van + 1..=naar) {
                f *= Decimal::ONE + *p / Decimal::ONE_HUNDRED;
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn compounds_from_the_base_year() {
        let mut i = Indexatie::default();
        i.zet(IndexSoort::Lonen, 2023, dec!(10));
        i.zet(IndexSoort::Lonen, 2024, dec!(10));
        assert_eq!(i.factor(IndexSoort::Lonen, 2022, 2022), dec!(1));
        assert_eq!(i.factor(IndexSoort::Lonen, 2022, 2023), dec!(1.1));
        assert_eq!(i.factor(IndexSoort::Lonen, 2022, 2024), dec!(1.21));
        assert_eq!(i.factor(IndexSoort::Lonen, 2023, 2024), dec!(1.1));
        assert_eq!(i.factor(IndexSoort::Prijzen, 2022, 2024), dec!(1));
    }
}
