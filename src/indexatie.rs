//! Indexation: yearly percentages per soort (`tarieven` for SPUK tariffs, `lonen` for fte costs,
//! `prijzen` for route contract prices, `gemeentefonds` for the integratie-uitkering / algemene
//! uitkering amounts stated in a price level). An amount given in prices of year A is worth
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
    /// The gemeentefonds (integratie-uitkering, later algemene uitkering): its own series.
    Gemeentefonds,
}

impl IndexSoort {
    pub fn lees(t: &str) -> Option<IndexSoort> {
        match t {
            "tarieven" => Some(IndexSoort::Tarieven),
            "lonen" => Some(IndexSoort::Lonen),
            "prijzen" => Some(IndexSoort::Prijzen),
            "gemeentefonds" => Some(IndexSoort::Gemeentefonds),
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
    /// are not deflated to earlier years). `None` when the product does not fit in a `Decimal`
    /// (decades of large percentages).
    pub fn factor(&self, soort: IndexSoort, van: i32, naar: i32) -> Option<Decimal> {
        let Some(r) = self.reeksen.get(&soort) else {
            return Some(Decimal::ONE);
        };
        let mut f = Decimal::ONE;
        if naar > van {
            for (_, p) in r.range(van + 1..=naar) {
                f = f.checked_mul(Decimal::ONE + *p / Decimal::ONE_HUNDRED)?;
            }
        }
        Some(f)
    }

    /// The name of a soort as written in `indexatie.csv`.
    pub fn naam(soort: IndexSoort) -> &'static str {
        match soort {
            IndexSoort::Tarieven => "tarieven",
            IndexSoort::Lonen => "lonen",
            IndexSoort::Prijzen => "prijzen",
            IndexSoort::Gemeentefonds => "gemeentefonds",
        }
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
        assert_eq!(i.factor(IndexSoort::Lonen, 2022, 2022), Some(dec!(1)));
        assert_eq!(i.factor(IndexSoort::Lonen, 2022, 2023), Some(dec!(1.1)));
        assert_eq!(i.factor(IndexSoort::Lonen, 2022, 2024), Some(dec!(1.21)));
        assert_eq!(i.factor(IndexSoort::Lonen, 2023, 2024), Some(dec!(1.1)));
        assert_eq!(i.factor(IndexSoort::Prijzen, 2022, 2024), Some(dec!(1)));
    }

    #[test]
    fn a_factor_too_large_for_a_decimal_is_none_not_a_panic() {
        let mut i = Indexatie::default();
        for j in 2001..=2100 {
            i.zet(IndexSoort::Lonen, j, dec!(100));
        }
        // 2^100 > 7.9e28, the largest Decimal.
        assert_eq!(i.factor(IndexSoort::Lonen, 2000, 2100), None);
        assert!(i.factor(IndexSoort::Lonen, 2000, 2050).is_some());
    }
}
