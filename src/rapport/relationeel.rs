//! Table shaping with polars: the ledger as a DataFrame, group totals (join with membership,
//! group-by, exact Decimal sums) and the wide post × gemeente pivot behind the overview.
//! Amounts cross the boundary as Decimal(38, 2) mantissas, so nothing is rounded on the way:
//! polars only sums here (exact), it never multiplies money (see CRATES.md).

use crate::fout::Fout;
use crate::gegevens::Gegevens;
use crate::ledger::{Ledger, PostInfo, Saldo, Soort};
use polars::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

fn pf(e: PolarsError) -> Fout {
    Fout::Tabel(e.to_string())
}

fn decimal_series(naam: &str, waarden: impl Iterator<Item = Decimal>) -> PolarsResult<Series> {
    let m: Vec<i128> = waarden
        .map(|d| {
            let mut d = d;
            d.rescale(2);
            d.mantissa()
        })
        .collect();
    Ok(Int128Chunked::from_vec(naam.into(), m)
        .into_decimal(38, 2)?
        .into_series())
}

fn lees_decimal(c: &Column) -> PolarsResult<Vec<Decimal>> {
    let ca = c.decimal()?;
    let scale = ca.scale() as u32;
    ca.physical()
        .iter()
        .map(|v| {
            Decimal::try_from_i128_with_scale(v.unwrap_or(0), scale)
                .map_err(|e| PolarsError::ComputeError(e.to_string().into()))
        })
        .collect()
}

/// The ledger as a DataFrame: code, jaar, soort, post, bedrag (Decimal(38,2)).
pub fn ledger_frame(ledger: &Ledger, d: &Gegevens) -> Result<DataFrame, Fout> {
    let b: Vec<&crate::ledger::Boeking> = ledger.boekingen.iter().collect();
    frame_van(&b, d)
}

/// The frame of some bookings (one year's: building the whole ledger's frame for every year
/// made the overviews quadratic in gemeenten × years).
fn frame_van(b: &[&crate::ledger::Boeking], d: &Gegevens) -> Result<DataFrame, Fout> {
    let code: Vec<&str> = b
        .iter()
        .map(|x| d.gemeenten.lijst[x.gemeente].code.as_str())
        .collect();
    let jaar: Vec<i32> = b.iter().map(|x| x.jaar).collect();
    let soort: Vec<&str> = b.iter().map(|x| x.soort.id()).collect();
    let post: Vec<&str> = b.iter().map(|x| x.post.as_str()).collect();
    let bedrag = decimal_series("bedrag", b.iter().map(|x| x.bedrag)).map_err(pf)?;
    DataFrame::new(
        b.len(),
        vec![
            Column::new("code".into(), code),
            Column::new("jaar".into(), jaar),
            Column::new("soort".into(), soort),
            Column::new("post".into(), post),
            bedrag.into_column(),
        ],
    )
    .map_err(pf)
}

/// Baten and lasten per column (each gemeente, then each group) and year, exact. A group is the
/// sum of its members' ledger lines. Returns, per column name, the totals per year.
pub fn saldi(ledger: &Ledger, d: &Gegevens) -> Result<HashMap<(String, i32), Saldo>, Fout> {
    // Membership: each gemeente is its own column; each group column has its members.
    let mut naam = Vec::new();
    let mut code = Vec::new();
    for g in &d.gemeenten.lijst {
        naam.push(g.naam.clone());
        code.push(g.code.clone());
    }
    for gr in &d.groepen {
        for l in &gr.leden {
            naam.push(gr.naam.clone());
            code.push(d.gemeenten.lijst[*l].code.clone());
        }
    }
    let leden = DataFrame::new(
        naam.len(),
        vec![
            Column::new("naam".into(), naam),
            Column::new("code".into(), code),
        ],
    )
    .map_err(pf)?;
    let som = |s: Soort| {
        col("bedrag")
            .filter(col("soort").eq(lit(s.id())))
            .sum()
            .alias(s.id())
    };
    let df = ledger_frame(ledger, d)?
        .lazy()
        .join(
            leden.lazy(),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("naam"), col("jaar")])
        .agg([som(Soort::Baten), som(Soort::Lasten)])
        .collect()
        .map_err(pf)?;
    let namen = df.column("naam").map_err(pf)?.str().map_err(pf)?.clone();
    let jaren = df.column("jaar").map_err(pf)?.i32().map_err(pf)?.clone();
    let baten = lees_decimal(df.column("baten").map_err(pf)?).map_err(pf)?;
    let lasten = lees_decimal(df.column("lasten").map_err(pf)?).map_err(pf)?;
    let mut uit = HashMap::new();
    for i in 0..df.height() {
        let (Some(n), Some(j)) = (namen.get(i), jaren.get(i)) else {
            continue;
        };
        uit.insert(
            (n.to_string(), j),
            Saldo {
                baten: baten[i],
                lasten: lasten[i],
            },
        );
    }
    Ok(uit)
}

/// Exact amounts for one year as a wide table: one row per post (in ledger order), one column per
/// gemeente (in `gemeenten.csv` order); combinations without bookings are 0.
pub fn pivot_jaar(
    ledger: &Ledger,
    d: &Gegevens,
    jaar: i32,
) -> Result<(Vec<PostInfo>, Vec<Vec<Decimal>>), Fout> {
    let posten = ledger.posten(jaar);
    if posten.is_empty() {
        return Ok((posten, Vec::new()));
    }
    // polars sums per post and gemeente (a group-by, linear in the ledger); the cells are then
    // placed by index. (A polars pivot over every gemeente code compares the whole column once
    // per code: quadratic in the number of gemeenten.)
    let van_jaar: Vec<&crate::ledger::Boeking> =
        ledger.boekingen.iter().filter(|b| b.jaar == jaar).collect();
    let som = frame_van(&van_jaar, d)?
        .lazy()
        .group_by([col("soort"), col("post"), col("code")])
        .agg([col("bedrag").sum()])
        .collect()
        .map_err(pf)?;
    let soorten = som.column("soort").map_err(pf)?.str().map_err(pf)?.clone();
    let post_ids = som.column("post").map_err(pf)?.str().map_err(pf)?.clone();
    let codes = som.column("code").map_err(pf)?.str().map_err(pf)?.clone();
    let bedragen = lees_decimal(som.column("bedrag").map_err(pf)?).map_err(pf)?;
    let kolom: HashMap<&str, usize> = d
        .gemeenten
        .lijst
        .iter()
        .enumerate()
        .map(|(i, g)| (g.code.as_str(), i))
        .collect();
    let rij: HashMap<(&str, &str), usize> = posten
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.soort.id(), p.post.as_str()), i))
        .collect();
    let mut rijen = vec![vec![Decimal::ZERO; d.gemeenten.len()]; posten.len()];
    for (i, bedrag) in bedragen.iter().enumerate() {
        let (Some(s), Some(p), Some(c)) = (soorten.get(i), post_ids.get(i), codes.get(i)) else {
            continue;
        };
        let (Some(r), Some(k)) = (rij.get(&(s, p)), kolom.get(c)) else {
            return Err(Fout::Tabel(format!(
                "post {p} of gemeente {c} ontbreekt in de tabel"
            )));
        };
        rijen[*r][*k] += *bedrag;
    }
    Ok((posten, rijen))
}
