//! Output of `raming kalibreer`: the per-head amounts, the residuals per gemeente, the tariff
//! rows, and a Dutch summary. Formats only; the fit is in `crate::kalibratie`.

use crate::fout::{Fout, Herkomst, InvoerFout, Resultaat};
use crate::gegevens::Gegevens;
use crate::kalibratie::{Kalibratie, TariefRegel};
use crate::rapport;
use crate::uitvoer::opmaak::{decimaal, euro_centen, machine};
use crate::uitvoer::tabel_csv;
use std::path::{Path, PathBuf};

/// `kalibratie.csv`: see `rapport::kalibratie::per_doelgroep`.
pub fn kalibratie_csv(k: &Kalibratie) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::kalibratie::per_doelgroep(k))
}

/// `kalibratie_gemeenten.csv`: see `rapport::kalibratie::gemeenten`.
pub fn gemeenten_csv(k: &Kalibratie, d: &Gegevens) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::kalibratie::gemeenten(k, d))
}

/// The tariff rows in the columns of `spuk_tarieven.csv`: see `rapport::kalibratie::tarieven`.
pub fn tarieven_csv(regels: &[TariefRegel]) -> Resultaat<Vec<u8>> {
    tabel_csv(&rapport::kalibratie::tarieven(regels))
}

/// The Dutch summary for the terminal.
pub fn samenvatting(k: &Kalibratie, d: &Gegevens) -> String {
    let mut s = format!(
        "Kalibratie SPUK {} op {} beschikking(en):\n  asiel: {} per hoofd in het eerste teljaar\n  gezin: {} per hoofd\n\n",
        k.jaar,
        k.regels.len(),
        euro_centen(k.asiel),
        euro_centen(k.gezin)
    );
    s.push_str(&format!(
        "{:<24} {:>14} {:>7} {:>7} {:>14} {:>12}\n",
        "gemeente", "beschikking", "asiel", "gezin", "herberekend", "residu"
    ));
    for r in &k.regels {
        s.push_str(&format!(
            "{:<24} {:>14} {:>7} {:>7} {:>14} {:>12}\n",
            d.gemeenten.naam(r.gemeente),
            euro_centen(r.beschikking),
            decimaal(r.asiel.normalize()),
            decimaal(r.gezin.normalize()),
            euro_centen(r.herberekend),
            euro_centen(r.residu)
        ));
    }
    s
}

/// `--schrijf`: replaces, in the data folder's `spuk_tarieven.csv`, the rows of the calibrated
/// year for the SPUK voorzieningen components by `regels`, keeping every other line as it is
/// and the columns of the file (`teljaar`, `bron`, ... where present). The previous file is kept
/// as `spuk_tarieven.csv.vorige`; the new one replaces it in one rename.
pub fn werk_tarieven_bij(data: &Path, regels: &[TariefRegel]) -> Resultaat<PathBuf> {
    let pad = data.join("spuk_tarieven.csv");
    if !data.is_dir() {
        return Err(InvoerFout::new(
            Herkomst::new(data.display().to_string(), 0),
            "",
            "--schrijf werkt alleen met een datamap van CSV-bestanden; gebruik voor een werkboek het \
             geschreven spuk_tarieven_<jaar>.csv en neem de rijen over in het blad spuk_tarieven",
        )
        .into());
    }
    let tekst = std::fs::read_to_string(&pad).map_err(|e| Fout::io(&pad, e))?;
    let bytes = bijgewerkt(&tekst, &pad, regels)?;
    let vorige = data.join("spuk_tarieven.csv.vorige");
    // The backup too is written whole or not at all.
    crate::uitvoer::schrijf_bestand(&vorige, tekst.as_bytes())?;
    crate::uitvoer::schrijf_bestand(&pad, &bytes)?;
    Ok(pad)
}

/// The text of `spuk_tarieven.csv` (read from `pad`) with the rows of `regels`' year,
/// doelgroep and component replaced by `regels`, in the file's own separator and columns.
fn bijgewerkt(tekst: &str, pad: &Path, regels: &[TariefRegel]) -> Resultaat<Vec<u8>> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let fout = |e: csv::Error| Fout::Tabel(e.to_string());
    let scheiding = if tekst.lines().next().unwrap_or("").contains(';') {
        b';'
    } else {
        b','
    };
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(scheiding)
        .flexible(true)
        .from_reader(tekst.as_bytes());
    let kop: Vec<String> = lezer
        .headers()
        .map_err(fout)?
        .iter()
        .map(|k| k.trim().to_lowercase())
        .collect();
    let kolom = |naam: &str| kop.iter().position(|k| k == naam);
    let (Some(kj), Some(kd), Some(kc)) = (kolom("jaar"), kolom("doelgroep"), kolom("component"))
    else {
        return Err(Fout::Tabel(format!(
            "{}: kolommen jaar, doelgroep en component ontbreken",
            pad.display()
        )));
    };
    let sleutels: Vec<(String, &str, &str)> = regels
        .iter()
        .map(|r| {
            let t = &r.tarief;
            (t.jaar.to_string(), t.doelgroep.id(), t.component.id())
        })
        .collect();
    let vervangen = |rec: &csv::StringRecord| {
        sleutels.iter().any(|(jaar, doelgroep, component)| {
            rec.get(kj).map(str::trim) == Some(jaar.as_str())
                && rec.get(kd).map(str::trim) == Some(*doelgroep)
                && rec
                    .get(kc)
                    .is_some_and(|c| c.trim().eq_ignore_ascii_case(component))
        })
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(scheiding)
        .from_writer(Vec::new());
    w.write_record(lezer.headers().map_err(fout)?.clone().iter())
        .map_err(fout)?;
    for rec in lezer.records() {
        let rec = rec.map_err(fout)?;
        if !vervangen(&rec) {
            w.write_record(&rec).map_err(fout)?;
        }
    }
    let nl = scheiding == b';';
    for r in regels {
        w.write_record(kop.iter().map(|k| celwaarde(r, k, nl)))
            .map_err(fout)?;
    }
    w.into_inner().map_err(|e| Fout::Tabel(e.to_string()))
}

/// A calibrated row's cell in column `k` (a decimal comma in a file with `;`).
fn celwaarde(r: &TariefRegel, k: &str, nl: bool) -> String {
    let t = &r.tarief;
    match k {
        "jaar" => t.jaar.to_string(),
        "doelgroep" => t.doelgroep.id().to_string(),
        "component" => t.component.id().to_string(),
        "teljaar" => t.teljaar.to_string(),
        "bedrag" if nl => machine(t.bedrag).replace('.', ","),
        "bedrag" => machine(t.bedrag),
        "bron" => r.bron.clone(),
        _ => String::new(),
    }
}
