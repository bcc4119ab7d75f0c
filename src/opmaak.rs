//! Number formatting: plain machine format (`1234.56`) and Dutch display (`€ 1.234.567`). Pure;
//! used by the renderers and by the report layer's sentences (kerncijfers).

use rust_decimal::Decimal;

pub use crate::verdeelsleutel::zonder_min_nul;

/// Exact amount with two decimals, `.` separator, no thousands separator. Never `-0.00`.
pub fn machine(x: Decimal) -> String {
    op_decimalen(x, 2).to_string()
}

/// Whole number without decimals (the value must already be rounded). Never `-0`.
pub fn geheel(x: Decimal) -> String {
    op_decimalen(x, 0).to_string()
}

/// `x` with exactly `dp` decimals, never a negative zero: the number behind [`machine`] and
/// [`geheel`], for writers that format into a buffer of their own.
pub fn op_decimalen(x: Decimal, dp: u32) -> Decimal {
    let mut x = x;
    x.rescale(dp);
    zonder_min_nul(x)
}

/// A decimal number as it is (e.g. a percentage), never `-0`.
pub fn decimaal(x: Decimal) -> String {
    zonder_min_nul(x).to_string()
}

/// A number in Dutch notation as it is, without trailing zeros: `2,5`, `0,051`, `30`.
pub fn decimaal_nl(x: Decimal) -> String {
    decimaal(x.normalize()).replace('.', ",")
}

/// Dutch display of a whole-euro amount: `€ 1.234.567`, `€ -12.345`.
pub fn euro(x: Decimal) -> String {
    format!("€ {}", getal_nl(x))
}

/// Dutch display of an amount in cents: `€ 5.398,50`, `€ -1,25`.
pub fn euro_centen(x: Decimal) -> String {
    let mut x = zonder_min_nul(crate::verdeelsleutel::op_centen(x));
    x.rescale(2);
    let heel = x.trunc();
    let centen = (x - heel).abs().to_string();
    let centen = centen.split('.').nth(1).unwrap_or("00");
    let teken = if x.is_sign_negative() && heel.is_zero() {
        "-"
    } else {
        ""
    };
    format!("€ {teken}{},{centen}", getal_nl(heel))
}

/// Dutch grouping of a whole number: `1.234.567`, `-12.345` (a value with cents is shown in
/// whole euros, half away from zero).
pub fn getal_nl(x: Decimal) -> String {
    let mut x = crate::verdeelsleutel::hele_euros(x);
    x.rescale(0);
    let s = x.abs().to_string();
    let mut uit = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            uit.push('.');
        }
        uit.push(c);
    }
    if x.is_sign_negative() && !x.is_zero() {
        format!("-{uit}")
    } else {
        uit
    }
}

/// fte the Dutch way, one decimal at least: 4,0 / 1,5 / 0,75.
pub fn fte_tekst(fte: Decimal) -> String {
    let mut t = fte.normalize();
    if t.scale() < 1 {
        t.rescale(1);
    }
    t.to_string().replace('.', ",")
}

/// The date in the Netherlands at an instant, as `JJJJ-MM-DD` (jiff bundles the tz database).
/// Reading the clock is I/O and stays with the caller (the CLI, the browser app).
pub fn datum_in_nederland(t: jiff::Timestamp) -> Result<String, jiff::Error> {
    Ok(t.in_tz("Europe/Amsterdam")?.date().to_string())
}

/// Text that a spreadsheet would run as a formula.
pub fn formuleachtig(t: &str) -> bool {
    t.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Neutralises text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
/// the start) by prefixing a quote. Only for text cells: numbers are written as numbers.
pub fn veilige_tekst(t: &str) -> String {
    if formuleachtig(t) {
        format!("'{t}")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn decimal_test() -> String {
        let mut z = dec!(0.0);
        z.set_sign_negative(true);
        assert_eq!(z.to_string(), "-0.0");
        decimaal(z)
    }

    #[test]
    fn dutch_formatting() {
        assert_eq!(euro(dec!(1234567)), "€ 1.234.567");
        assert_eq!(euro(dec!(-12345)), "€ -12.345");
        assert_eq!(euro(dec!(999)), "€ 999");
        assert_eq!(euro(dec!(0)), "€ 0");
        assert_eq!(machine(dec!(12)), "12.00");
        assert_eq!(machine(-dec!(0.001)), "0.00");
        let mut nul = Decimal::ZERO;
        nul.set_sign_negative(true);
        assert_eq!(machine(nul), "0.00");
        assert_eq!(machine(dec!(-0.004).round_dp(2)), "0.00");
        assert_eq!(geheel(dec!(-0.4).round_dp(0)), "0");
        assert_eq!(decimal_test(), "0.0");
        assert_eq!(euro(dec!(-0.4)), "€ 0");
        assert_eq!(veilige_tekst("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(veilige_tekst("Dordrecht"), "Dordrecht");
    }
}
