//! Parquet for BI tools (Power BI, DuckDB): every report table as a Parquet file with typed
//! columns. Amounts are exact decimals (Decimal(38, 2) for amounts to the cent, Decimal(38, 0) for
//! displayed whole euros), years and counts integers, text UTF-8; an empty cell is null. Like the
//! CSV writer it only formats a `Tabel`.

use crate::fout::{Fout, Resultaat};
use crate::rapport::tabel::{Cel, Tabel};
use polars::prelude::*;
use rust_decimal::Decimal;

fn pf(e: PolarsError) -> Fout {
    Fout::Tabel(format!("Parquet: {e}"))
}

/// A decimal column at one scale (the largest scale among its cells), null where empty.
fn decimalen(naam: &str, waarden: &[Option<Decimal>]) -> PolarsResult<Column> {
    let schaal = waarden
        .iter()
        .flatten()
        .map(|d| d.scale())
        .max()
        .unwrap_or(0);
    let m: Vec<Option<i128>> = waarden
        .iter()
        .map(|d| {
            d.map(|mut d| {
                d.rescale(schaal);
                d.mantissa()
            })
        })
        .collect();
    Ok(Int128Chunked::from_iter_options(naam.into(), m.into_iter())
        .into_decimal(38, schaal as usize)?
        .into_series()
        .into_column())
}

/// One column of the table, typed after its cells: text, whole number or decimal.
fn kolom(t: &Tabel, c: usize) -> PolarsResult<Column> {
    let naam = t.kolommen[c].id.as_str();
    let cellen: Vec<&Cel> = t.rijen.iter().map(|r| &r.cellen[c]).collect();
    if cellen.iter().any(|x| matches!(x, Cel::Tekst(_))) {
        let v: Vec<Option<String>> = cellen
            .iter()
            .map(|x| match x {
                Cel::Leeg => None,
                Cel::Tekst(s) => Some(s.to_string()),
                // A column mixing text and numbers (none does today) keeps the numbers as text.
                ander => Some(crate::uitvoer::cel_machine(ander)),
            })
            .collect();
        return Ok(Column::new(naam.into(), v));
    }
    if cellen
        .iter()
        .all(|x| matches!(x, Cel::Geheel(_) | Cel::Leeg))
    {
        let v: Vec<Option<i64>> = cellen
            .iter()
            .map(|x| match x {
                Cel::Geheel(n) => Some(*n),
                _ => None,
            })
            .collect();
        return Ok(Column::new(naam.into(), v));
    }
    let v: Vec<Option<Decimal>> = cellen
        .iter()
        .map(|x| match x {
            Cel::Bedrag(d) | Cel::Euro(d) | Cel::Getal(d) | Cel::Procent(d) => Some(*d),
            Cel::Geheel(n) => Some(Decimal::from(*n)),
            _ => None,
        })
        .collect();
    decimalen(naam, &v)
}

/// The table as Parquet bytes (Snappy compression, the BI tools' default).
pub fn tabel_parquet(t: &Tabel) -> Resultaat<Vec<u8>> {
    let kolommen = (0..t.kolommen.len())
        .map(|c| kolom(t, c))
        .collect::<PolarsResult<Vec<_>>>()
        .map_err(pf)?;
    let mut df = DataFrame::new(t.rijen.len(), kolommen).map_err(pf)?;
    let mut uit = Vec::new();
    ParquetWriter::new(&mut uit)
        .with_compression(ParquetCompression::Snappy)
        .finish(&mut df)
        .map_err(pf)?;
    Ok(uit)
}
