//! `--parquet`: every table also as Parquet, typed, exact, and the same rows as the CSV.

use polars::prelude::*;
use std::fs;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn lees(pad: &std::path::Path) -> DataFrame {
    ParquetReader::new(fs::File::open(pad).unwrap())
        .finish()
        .unwrap()
}

#[test]
fn parquet_tables_are_typed_exact_and_match_the_csv() {
    let t = tempfile::tempdir().unwrap();
    for uit in ["a", "b"] {
        let o = Command::new(env!("CARGO_BIN_EXE_raming"))
            .args([
                "bereken",
                &format!("{ROOT}/scenarios/basis.toml"),
                "--parquet",
                "--geen-grafieken",
                "--uit",
            ])
            .arg(t.path().join(uit))
            .current_dir(ROOT)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let a = t.path().join("a");
    // Deterministic: the same inputs give the same bytes.
    for n in [
        "begroting",
        "saldo",
        "afrekening",
        "overzicht_2022",
        "waarschuwingen",
    ] {
        let p = format!("parquet/{n}.parquet");
        assert_eq!(
            fs::read(a.join(&p)).unwrap(),
            fs::read(t.path().join("b").join(&p)).unwrap(),
            "{p}"
        );
    }
    let df = lees(&a.join("parquet/begroting.parquet"));
    assert_eq!(
        df.column("bedrag").unwrap().dtype(),
        &DataType::Decimal(38, 2)
    );
    assert_eq!(df.column("jaar").unwrap().dtype(), &DataType::Int64);
    assert_eq!(df.column("gemeente").unwrap().dtype(), &DataType::String);
    // The same rows and the same exact total as begroting.csv.
    let csv = fs::read_to_string(a.join("begroting.csv")).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let kolom = r
        .headers()
        .unwrap()
        .iter()
        .position(|k| k == "bedrag")
        .unwrap();
    let regels: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(df.height(), regels.len());
    let csv_som: rust_decimal::Decimal = regels
        .iter()
        .map(|r| r[kolom].parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    let pq = df.column("bedrag").unwrap().decimal().unwrap().clone();
    let pq_som: i128 = pq.physical().iter().flatten().sum();
    assert_eq!(
        rust_decimal::Decimal::from_i128_with_scale(pq_som, 2),
        csv_som
    );
    // The overview in displayed whole euros: Decimal(38, 0) per gemeente column.
    let o = lees(&a.join("parquet/overzicht_2022.parquet"));
    assert_eq!(
        o.column("Dordrecht").unwrap().dtype(),
        &DataType::Decimal(38, 0)
    );
    // An unknown amount (no definitieve beschikking yet) is null, not 0.
    let af = lees(&a.join("parquet/afrekening.parquet"));
    assert!(af.column("definitief").unwrap().null_count() > 0);
}
