//! Allocation with the largest-remainder method: split an amount over parts so that the parts add
//! up exactly to the total at the given precision (cents in the ledger, whole euros on display).
//! This is what makes every table "sluitend", unlike the Beleidskader's Excel table.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Round to cents, half away from zero (the usual rule in Dutch bookkeeping).
pub fn op_centen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Round to `dp` decimals, half away from zero.
pub fn afgerond(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Zero without a sign: rust_decimal keeps the sign of a value that rounds (or sums) to zero,
/// which would print as `-0.00`. Every formatter goes through this.
/// The scale is kept (`0.00` stays `0.00`).
pub fn zonder_min_nul(x: Decimal) -> Decimal {
    let mut x = x;
    if x.is_zero() {
        x.set_sign_positive(true);
    }
    x
}

/// An amount displayed in whole euros: half away from zero, never negative zero.
pub fn hele_euros(x: Decimal) -> Decimal {
    zonder_min_nul(afgerond(x, 0))
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
    verdeel_rest(exact, doel, dp, volgorde)
}

/// Which positions of the order the handing out reads: the first `k` (units handed out) or the
/// last `k` (units taken back), each once, so only which parts they are matters, not their order
/// among themselves; or all of it in order (more units than parts: rounds over the order).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Deel {
    Voor(usize),
    Achter(usize),
    Alles,
}

/// Largest remainder first, ties by position; the remainders computed once, not per
/// comparison (a national overview orders ten thousand of them per row). A remainder is in
/// [0, 1), so in units of 10^-28 it is an exact integer below 10^28: ordering those integers
/// gives the order of the Decimals without comparing Decimals. Only the part `deel` the handing
/// out reads is put in place (a selection, linear, instead of a sort); the order is total (ties
/// by position), so that part holds the same parts as in a full sort.
fn volgorde(exact: &[Decimal], delen: &[Decimal], deel: Deel) -> Vec<usize> {
    let rest: Vec<i128> = exact
        .iter()
        .zip(delen)
        .map(|(x, d)| {
            let r = x - d;
            r.mantissa() * 10i128.pow(28 - r.scale())
        })
        .collect();
    let n = exact.len();
    let mut volgorde: Vec<usize> = (0..n).collect();
    let orde = |a: &usize, b: &usize| rest[*b].cmp(&rest[*a]).then(a.cmp(b));
    match deel {
        Deel::Voor(k) | Deel::Achter(k) if k == 0 || k >= n => {}
        Deel::Voor(k) => {
            volgorde.select_nth_unstable_by(k - 1, orde);
        }
        Deel::Achter(k) => {
            volgorde.select_nth_unstable_by(n - k, orde);
        }
        Deel::Alles => volgorde.sort_unstable_by(orde),
    }
    volgorde
}

/// [`grootste_rest`] with the order of the remainders given by `orde` (floored parts in, part
/// indices largest remainder first out, at least the part [`Deel`] says is read): the tests
/// check the integer order against the Decimal one through the same handing out.
fn verdeel_rest(
    exact: &[Decimal],
    doel: Decimal,
    dp: u32,
    orde: impl Fn(&[Decimal], &[Decimal], Deel) -> Vec<usize>,
) -> Vec<Decimal> {
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
    let terug = eenheden.is_sign_negative();
    let deel = match eenheden.abs().to_usize() {
        Some(k) if k <= delen.len() && terug => Deel::Achter(k),
        Some(k) if k <= delen.len() => Deel::Voor(k),
        _ => Deel::Alles,
    };
    let volgorde = orde(exact, &delen, deel);
    let (stap, een) = if terug {
        (-eenheid, Decimal::NEGATIVE_ONE)
    } else {
        (eenheid, Decimal::ONE)
    };
    let mut i = 0;
    while !eenheden.is_zero() {
        let idx = if terug {
            volgorde[volgorde.len() - 1 - (i % volgorde.len())]
        } else {
            volgorde[i % volgorde.len()]
        };
        delen[idx] += stap;
        eenheden -= een;
        i += 1;
    }
    delen
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    /// A small deterministic random generator (an LCG) for the tests' many cases.
    fn toeval(zaad: u64) -> impl FnMut() -> u64 {
        let mut toestand = zaad;
        move || {
            toestand = toestand
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            toestand >> 33
        }
    }

    #[test]
    fn beleidskader_procesregie_split_adds_up() {
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

    /// The order by integer remainders is the order by Decimal remainders: the same parts as
    /// sorting the Decimals themselves, for values of every scale, sign and size, with ties.
    #[test]
    fn remainders_sort_as_their_decimals() {
        // The order by comparing the Decimal remainders themselves.
        let decimaal = |exact: &[Decimal], delen: &[Decimal], _: Deel| {
            let rest: Vec<Decimal> = exact.iter().zip(delen).map(|(x, d)| x - d).collect();
            let mut volgorde: Vec<usize> = (0..exact.len()).collect();
            volgorde.sort_by(|&a, &b| rest[b].cmp(&rest[a]).then(a.cmp(&b)));
            volgorde
        };
        let mut volgende = toeval(7);
        for ronde in 0..300 {
            let n = 1 + (volgende() % 40) as usize;
            let exact: Vec<Decimal> = (0..n)
                .map(|_| {
                    let schaal = (volgende() % 29) as u32;
                    // Few distinct mantissas in some rounds: many equal remainders.
                    let m = if ronde % 3 == 0 {
                        (volgende() % 5) as i64 * 25
                    } else {
                        volgende() as i64 * volgende() as i64 % 1_000_000_000_000_000
                    };
                    let x = Decimal::new(m, schaal.min(18));
                    let x = if schaal > 18 { x / Decimal::from(3) } else { x };
                    if volgende().is_multiple_of(2) { -x } else { x }
                })
                .collect();
            for dp in [0, 2] {
                let doel = afgerond(exact.iter().copied().sum(), dp);
                let delen: Vec<Decimal> = exact
                    .iter()
                    .map(|x| x.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity))
                    .collect();
                assert_eq!(
                    volgorde(&exact, &delen, Deel::Alles),
                    decimaal(&exact, &delen, Deel::Alles),
                    "ronde {ronde} dp {dp}"
                );
                assert_eq!(
                    grootste_rest(&exact, doel, dp),
                    verdeel_rest(&exact, doel, dp, decimaal),
                    "ronde {ronde} dp {dp}"
                );
            }
        }
    }

    /// Zeros among the values change nothing: rounding a row padded with zeros gives the same
    /// cells for the values and 0 for the zeros (a zero has no remainder, so it never gets a
    /// unit). `rapport::uitvoering` rounds a regional body's rows over its members alone on this.
    #[test]
    fn zeros_in_a_row_do_not_change_its_rounding() {
        let mut volgende = toeval(11);
        for ronde in 0..2000 {
            let n = 1 + (volgende() % 12) as usize;
            let waarden: Vec<Decimal> = (0..n)
                .map(|_| {
                    // Halves and equal values in some rounds: ties between remainders.
                    let m = if ronde % 2 == 0 {
                        (volgende() % 9) as i64 * 50
                    } else {
                        (volgende() % 2_000_000) as i64
                    };
                    let x = Decimal::new(m, 2);
                    if volgende().is_multiple_of(4) { -x } else { x }
                })
                .collect();
            let mut met_nullen = Vec::new();
            let mut plek = Vec::new();
            for x in &waarden {
                for _ in 0..volgende() % 3 {
                    met_nullen.push(Decimal::ZERO);
                }
                plek.push(met_nullen.len());
                met_nullen.push(*x);
            }
            for dp in [0, 1] {
                let kort = rond_sluitend(&waarden, dp);
                let lang = rond_sluitend(&met_nullen, dp);
                let terug: Vec<Decimal> = plek.iter().map(|i| lang[*i]).collect();
                assert_eq!(kort, terug, "ronde {ronde} dp {dp}: {waarden:?}");
                for (i, x) in lang.iter().enumerate() {
                    if !plek.contains(&i) {
                        assert!(x.is_zero(), "ronde {ronde}: a zero got a unit");
                    }
                }
            }
        }
    }

    #[test]
    fn zero_or_negative_weights_are_refused() {
        assert!(verdeel(dec!(10), &[dec!(0), dec!(0)], 2).is_none());
        assert!(verdeel(dec!(10), &[dec!(2), dec!(-1)], 2).is_none());
        assert!(verdeel(dec!(10), &[], 2).is_none());
    }
}
