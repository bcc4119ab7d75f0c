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

/// The ledger as a DataFrame for the group totals: gemeente (its index), jaar, lasten (false
/// for baten), bedrag (Decimal(38,2)). Integer keys: polars groups and joins them without
/// encoding strings, which was most of a national run's report time.
fn ledger_frame(ledger: &Ledger) -> Result<DataFrame, Fout> {
    let b = &ledger.boekingen;
    let gemeente: Vec<u32> = b.iter().map(|x| x.gemeente as u32).collect();
    let jaar: Vec<i32> = b.iter().map(|x| x.jaar).collect();
    let lasten: Vec<bool> = b.iter().map(|x| x.soort == Soort::Lasten).collect();
    let bedrag = decimal_series("bedrag", b.iter().map(|x| x.bedrag)).map_err(pf)?;
    DataFrame::new(
        b.len(),
        vec![
            Column::new("gemeente".into(), gemeente),
            Column::new("jaar".into(), jaar),
            Column::new("lasten".into(), lasten),
            bedrag.into_column(),
        ],
    )
    .map_err(pf)
}

/// Baten and lasten per column (each gemeente, then each group) and year, exact. A group is the
/// sum of its members' ledger lines. Returns, per column name, the totals per year.
pub fn saldi(ledger: &Ledger, d: &Gegevens) -> Result<HashMap<(String, i32), Saldo>, Fout> {
    // Membership: each gemeente is its own column; each group column has its members. Columns
    // with the same name are one column (the name is the key of the result).
    let mut namen: Vec<&str> = Vec::new();
    let mut nummer: HashMap<&str, u32> = HashMap::new();
    let mut kolom = Vec::new();
    let mut gemeente = Vec::new();
    let leden = d
        .gemeenten
        .lijst
        .iter()
        .enumerate()
        .map(|(i, g)| (g.naam.as_str(), i))
        .chain(
            d.groepen
                .iter()
                .flat_map(|gr| gr.leden.iter().map(|l| (gr.naam.as_str(), *l))),
        );
    for (naam, g) in leden {
        let k = *nummer.entry(naam).or_insert_with(|| {
            namen.push(naam);
            namen.len() as u32 - 1
        });
        kolom.push(k);
        gemeente.push(g as u32);
    }
    let leden = DataFrame::new(
        kolom.len(),
        vec![
            Column::new("kolom".into(), kolom),
            Column::new("gemeente".into(), gemeente),
        ],
    )
    .map_err(pf)?;
    let som = |s: Soort| {
        col("bedrag")
            .filter(col("lasten").eq(lit(s == Soort::Lasten)))
            .sum()
            .alias(s.id())
    };
    let df = ledger_frame(ledger)?
        .lazy()
        .join(
            leden.lazy(),
            [col("gemeente")],
            [col("gemeente")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("kolom"), col("jaar")])
        .agg([som(Soort::Baten), som(Soort::Lasten)])
        .collect()
        .map_err(pf)?;
    let kolommen = df.column("kolom").map_err(pf)?.u32().map_err(pf)?.clone();
    let jaren = df.column("jaar").map_err(pf)?.i32().map_err(pf)?.clone();
    let baten = lees_decimal(df.column("baten").map_err(pf)?).map_err(pf)?;
    let lasten = lees_decimal(df.column("lasten").map_err(pf)?).map_err(pf)?;
    let mut uit = HashMap::new();
    for i in 0..df.height() {
        let (Some(k), Some(j)) = (kolommen.get(i), jaren.get(i)) else {
            continue;
        };
        uit.insert(
            (namen[k as usize].to_string(), j),
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
    // polars sums per cell (a group-by, linear in the ledger) on one integer key, post row ×
    // gemeenten + gemeente column; the cells are then placed by index. (A polars pivot over
    // every gemeente code compares the whole column once per code: quadratic in the number of
    // gemeenten. Grouping on the strings themselves encoded every row: slow at scale.)
    let n = d.gemeenten.len() as u64;
    let rij: rustc_hash::FxHashMap<(Soort, &str), u64> = posten
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.soort, p.post.as_str()), i as u64))
        .collect();
    let van_jaar: Vec<&crate::ledger::Boeking> =
        ledger.boekingen.iter().filter(|b| b.jaar == jaar).collect();
    let mut cel = Vec::with_capacity(van_jaar.len());
    for b in &van_jaar {
        // A booking outside the gemeenten cannot come from the engine; refused, not misplaced.
        let Some(g) = d.gemeenten.lijst.get(b.gemeente) else {
            return Err(Fout::Tabel(format!(
                "gemeente {} van post {} ontbreekt in de tabel",
                b.gemeente, b.post
            )));
        };
        let Some(r) = rij.get(&(b.soort, b.post.as_str())) else {
            return Err(Fout::Tabel(format!(
                "post {} of gemeente {} ontbreekt in de tabel",
                b.post, g.code
            )));
        };
        cel.push(r * n + b.gemeente as u64);
    }
    let bedrag = decimal_series("bedrag", van_jaar.iter().map(|x| x.bedrag)).map_err(pf)?;
    let som = DataFrame::new(
        cel.len(),
        vec![Column::new("cel".into(), cel), bedrag.into_column()],
    )
    .map_err(pf)?
    .lazy()
    .group_by([col("cel")])
    .agg([col("bedrag").sum()])
    .collect()
    .map_err(pf)?;
    let cellen = som.column("cel").map_err(pf)?.u64().map_err(pf)?.clone();
    let bedragen = lees_decimal(som.column("bedrag").map_err(pf)?).map_err(pf)?;
    let mut rijen = vec![vec![Decimal::ZERO; d.gemeenten.len()]; posten.len()];
    for (c, bedrag) in cellen.iter().zip(bedragen) {
        let Some(c) = c else { continue };
        rijen[(c / n) as usize][(c % n) as usize] += bedrag;
    }
    Ok((posten, rijen))
}
