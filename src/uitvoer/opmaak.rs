//! Number formatting: plain machine format (`1234.56`) and Dutch display (`€ 1.234.567`).

use rust_decimal::Decimal;

/// Exact amount with two decimals, `.` separator, no thousands separator.
pub fn machine(x: Decimal) -> String {
    let mut x = x;
    x.rescale(2);
    x.to_string()
}

/// Whole number without decimals (the value must already be rounded).
pub fn geheel(x: Decimal) -> String {
    let mut x = x;
    x.rescale(0);
    x.to_string()
}

/// Dutch display of a whole-euro amount: `€ 1.234.567`, `€ -12.345`.
pub fn euro(x: Decimal) -> String {
    format!("€ {}", getal_nl(x))
}

/// Dutch grouping of a whole number: `1.234.567`, `-12.345`.
pub fn getal_nl(x: Decimal) -> String {
    let mut x = crate::verdeelsleutel::afgerond(x, 0);
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

/// Neutralises text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
/// the start) by prefixing a quote. Only for text cells: numbers are written as numbers.
pub fn veilige_tekst(t: &str) -> String {
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{t}")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn dutch_formatting() {
        assert_eq!(euro(dec!(1234567)), "€ 1.234.567");
        assert_eq!(euro(dec!(-12345)), "€ -12.345");
        assert_eq!(euro(dec!(999)), "€ 999");
        assert_eq!(euro(dec!(0)), "€ 0");
        assert_eq!(machine(dec!(12)), "12.00");
        assert_eq!(veilige_tekst("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(veilige_tekst("Dordrecht"), "Dordrecht");
    }
}
