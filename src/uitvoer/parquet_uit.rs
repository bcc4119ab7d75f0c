//! `parquet` in a build without the `parquet` feature (polars): the fuzz targets build the
//! library without it, since polars is most of the first build and plays no part in reading input.

use crate::fout::{Fout, Resultaat};
use crate::rapport::tabel::Tabel;

/// Refuses: this build has no Parquet writer.
pub fn tabel_parquet(_: &Tabel) -> Resultaat<Vec<u8>> {
    Err(Fout::Tabel(
        "deze uitgave van raming is gebouwd zonder Parquet (feature 'parquet')".into(),
    ))
}
