//! Allocation with the largest-remainder method: split an amount over parts so that the parts add
//! up exactly to the total at the given precision (cents in the ledger, whole euros on display).
//! This is what makes every table "sluitend", unlike the Beleidskader's Excel table.

use rust_decimal::{Decimal, RoundingStrategy};

/// Round to cents, half away from zero (the usual rule in Dutch bookkeeping).
pub fn op_centen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Round to `dp` decimals, half away from zero.
pub fn afgerond(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Splits `totaal` (rounded to `dp` decimals first) over parts proportional to `gewichten`.
/// Returns `None` when the weights sum to zero, or any is negative (nothing sensible to do).
/// The result adds up exactly to the rounded total and each part is within one unit of its exact
/// share.
pub fn verdeel(totaal: Decimal, gewichten: &[Decimal], dp: u32) -> Option<Vec<Decimal>> {
    let som: Decimal = gewichten.iter().copied().sum();
    if som <= Decimal::ZERO
        || gewichten
            .iter()
            .any(|w| w.is_sign_negative() && !w.is_zero())
    {
        return None;
    }
    let exact: Vec<Decimal> = gewichten
        .iter()
        .map(|w| {
            // Multiply before dividing where it fits, to keep all 28 digits of precision.
            totaal
                .checked_mul(*w)
                .and_then(|t| t.checked_div(som))
                .unwrap_or_else(|| totaal * (*w / som))
        })
        .collect();
    Some(grootste_rest(&exact, afgerond(totaal, dp), dp))
}

/// Rounds each value to `dp` decimals so that the rounded values add up to the rounded sum of
/// the exact values. Used for displayed rows.
pub fn rond_sluitend(waarden: &[Decimal], dp: u32) -> Vec<Decimal> {
    let som: Decimal = waarden.iter().copied().sum();
    grootste_rest(waarden, afgerond(som, dp), dp)
}

/// Core of the method: floor every exact value to the unit, then hand the missing units to the
/// values with the largest remainders (ties go to the earlier part, so the result is
/// deterministic).
fn grootste_rest(exact: &[Decimal], doel: Decimal, dp: u32) -> Vec<Decimal> {
    let eenheid = Decimal::new(1, dp);
    let mut delen: Vec<Decimal> = exact
        .iter()
        .map(|x| x.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity))
        .collect();
    if delen.is_empty() {
        return delen;
    }
    let tekort = doel - delen.iter().copied().sum::<Decimal>();
    // Number of units to hand out; for consistent inputs this is 0..=n.
    let mut eenheden = (tekort / eenheid).round();
    // Largest remainder first, ties by position; the remainders computed once, not per
    // comparison (a national overview sorts ten thousand of them per row).
    let rest: Vec<Decimal> = exact.iter().zip(&delen).map(|(x, d)| x - d).collect();
    let mut volgorde: Vec<usize> = (0..exact.len()).collect();
    volgorde.sort_by(|&a, &b| rest[b].cmp(&rest[a]).then(a.cmp(&b)));
    let stap = if eenheden.is_sign_negative() {
        -eenheid
    } else {
        eenheid
    };
    let mut i = 0;
    while !eenheden.is_zero() {
        let idx = if stap.is_sign_negative() {
            volgorde[volgorde.len() - 1 - (i % volgorde.len())]
        } else {
            volgorde[i % volgorde.len()]
        };
        delen[idx] += stap;
        eenheden -= stap / eenheid;
        i += 1;
    }
    delen
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn seed_procesregie_split_adds_up() {
        // 376.000 over the IU uitvoering 2022 of the four mandating gemeenten (Beleidskader Wet inburgering Drechtsteden).
        let w = [dec!(453199), dec!(96887), dec!(104930), dec!(156810)];
        let d = verdeel(dec!(376000), &w, 2).unwrap();
        assert_eq!(d.iter().copied().sum::<Decimal>(), dec!(376000));
        // 376000 × 453199 / 811826 = 209900.6733...
        assert_eq!(d[0], dec!(209900.67));
    }

    #[test]
    fn display_rounding_is_sluitend() {
        let v = [dec!(0.5), dec!(0.5), dec!(0.5)];
        let r = rond_sluitend(&v, 0);
        assert_eq!(r, vec![dec!(1), dec!(1), dec!(0)]); // sum 1.5 rounds to 2
        let v = [dec!(-0.4), dec!(-0.4), dec!(-0.4)];
        let r = rond_sluitend(&v, 0);
        assert_eq!(r.iter().copied().sum::<Decimal>(), dec!(-1));
    }

    #[test]
    fn zero_or_negative_weights_are_refused() {
        assert!(verdeel(dec!(10), &[dec!(0), dec!(0)], 2).is_none());
        assert!(verdeel(dec!(10), &[dec!(2), dec!(-1)], 2).is_none());
        assert!(verdeel(dec!(10), &[], 2).is_none());
    }
}
