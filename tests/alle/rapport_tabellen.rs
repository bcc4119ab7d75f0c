//! The report layer: one displayed table per quantity, shown the same in every output.

use calamine::{Data, Reader};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/drechtsteden");

fn opzet(realisatie: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let data = crate::gedeeld::kopie(DATA, t.path(), "data");
    fs::write(data.join("realisatie.csv"), realisatie).unwrap();
    fs::write(
        t.path().join("s.toml"),
        "naam = \"s\"\ndata = \"data\"\njaren = [2022, 2024]\n[instroom]\ngroei = 0\n",
    )
    .unwrap();
    t
}

fn raming(t: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(t)
        .env("RAMING_DATUM", "2026-12-01")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Dordrecht procesregie 2022: raming 209.900,67 (shown 209.901), realisatie 250.000,40 (shown
/// 250.000). The exact difference 40.099,73 rounds to 40.100, but the displayed difference is
/// 250.000 − 209.901 = 40.099: console, workbook and report all show 40.099, so the row adds up
/// on paper; the CSV keeps the exact cents.
#[test]
fn the_variance_table_shows_the_same_sluitende_figures_everywhere() {
    let t = opzet(
        "gemeente,jaar,post,bedrag,bron\nDordrecht,2022,procesregie,250000.40,grootboek\nDordrecht,2022,spuk,265808,beschikking\n",
    );
    let console = raming(
        t.path(),
        &["verschillen", "s.toml", "--jaar", "2022", "--uit", "v"],
    );
    let console = String::from_utf8_lossy(&console.stdout).to_string();
    let rij = console
        .lines()
        .find(|l| l.starts_with("Dordrecht") && l.contains("proces regisseur"))
        .unwrap_or_else(|| panic!("{console}"));
    for deel in ["€ 209.901", "€ 250.000", "€ 40.099", "19,1", "nodig"] {
        assert!(rij.contains(deel), "{deel} in {rij}");
    }
    assert!(!rij.contains("40.100"), "{rij}");
    let csv = fs::read_to_string(t.path().join("v/verschillen.csv")).unwrap();
    assert!(
        csv.contains(",209900.67,250000.40,40099.73,19.1,,,ja"),
        "{csv}"
    );

    // The workbook's Verschillen sheet: the same whole euros, as numbers.
    raming(
        t.path(),
        &["bereken", "s.toml", "--uit", "b", "--geen-grafieken"],
    );
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(t.path().join("b/begroting.xlsx")).unwrap();
    let blad = wb.worksheet_range("Verschillen").unwrap();
    let rij: Vec<&Data> = blad
        .rows()
        .find(|r| {
            r.first() == Some(&Data::String("Dordrecht".into()))
                && r.iter()
                    .any(|c| matches!(c, Data::String(s) if s.contains("proces regisseur")))
        })
        .expect("rij Dordrecht procesregie")
        .iter()
        .collect();
    let getallen: Vec<f64> = rij
        .iter()
        .filter_map(|c| match c {
            Data::Float(x) => Some(*x),
            _ => None,
        })
        .collect();
    assert_eq!(
        getallen[..4],
        [2022.0, 209901.0, 250000.0, 40099.0],
        "{rij:?}"
    );

    // The report: the same displayed cells.
    raming(t.path(), &["rapport", "s.toml", "--uit", "r.html"]);
    let html = fs::read_to_string(t.path().join("r.html")).unwrap();
    let sectie = &html[html.find("Realisatie tegenover raming").unwrap()..];
    let rij = sectie
        .split("<tr")
        .find(|r| r.contains("Dordrecht") && r.contains("proces regisseur"))
        .unwrap();
    for w in [
        "data-waarde=\"209901\"",
        "data-waarde=\"250000\"",
        "data-waarde=\"40099\"",
    ] {
        assert!(rij.contains(w), "{w} in {rij}");
    }
}
