//! Scenario files (TOML): what to compute, over which years, from which data folder. Unknown keys
//! are refused, so a typo never silently falls back to a default.

use crate::berekening::{Instellingen, Voorzieningen};
use crate::fout::{Fout, Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioBestand {
    naam: Option<String>,
    omschrijving: Option<String>,
    data: String,
    jaren: [i32; 2],
    #[serde(default)]
    inburgeringsvoorzieningen: Voorzieningen,
}

/// A loaded scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub naam: String,
    pub omschrijving: String,
    /// The scenario file itself.
    pub pad: PathBuf,
    /// The data folder, resolved relative to the scenario file.
    pub data: PathBuf,
    pub instellingen: Instellingen,
}

pub fn lees(pad: &Path) -> Result<Scenario, Fout> {
    let weergave = pad.display().to_string();
    let tekst = std::fs::read_to_string(pad).map_err(|e| {
        InvoerFout::new(
            Herkomst::new(&weergave, 0),
            "",
            if e.kind() == std::io::ErrorKind::NotFound {
                "scenariobestand bestaat niet; verwacht een .toml-bestand, bijv. scenarios/basis.toml".to_string()
            } else {
                format!("kan scenariobestand niet lezen: {e}")
            },
        )
    })?;
    let bestand: ScenarioBestand = toml::from_str(&tekst).map_err(|e| {
        let regel = e
            .span()
            .map(|s| {
                tekst.as_bytes()[..s.start.min(tekst.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64
                    + 1
            })
            .unwrap_or(0);
        let melding = e.message().trim().to_string();
        let kolom = sleutel_uit_melding(&melding);
        InvoerFout::new(Herkomst::new(&weergave, regel), kolom, vertaal(&melding))
    })?;
    let h = Herkomst::new(&weergave, 0);
    let naam = bestand.naam.unwrap_or_else(|| {
        pad.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    if naam.is_empty()
        || !naam
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return Err(InvoerFout::new(
            h,
            "naam",
            format!(
                "'{naam}' is ongeldig; verwacht letters, cijfers, _ of - (het wordt een mapnaam)"
            ),
        )
        .into());
    }
    let [van, tot] = bestand.jaren;
    if van > tot || !(2000..=2100).contains(&van) || !(2000..=2100).contains(&tot) {
        return Err(InvoerFout::new(h, "jaren", format!("[{van}, {tot}] is ongeldig; verwacht [eerste jaar, laatste jaar], bijv. [2022, 2024]")).into());
    }
    let basis = pad.parent().unwrap_or(Path::new("."));
    Ok(Scenario {
        naam,
        omschrijving: bestand.omschrijving.unwrap_or_default(),
        pad: pad.to_path_buf(),
        data: schoon_pad(&basis.join(&bestand.data)),
        instellingen: Instellingen {
            jaar_van: van,
            jaar_tot: tot,
            voorzieningen: bestand.inburgeringsvoorzieningen,
        },
    })
}

/// Every scenario year must be covered by some data (an IU row, a beschikking or a formatie
/// post); otherwise the year range is probably a typo.
pub fn check_jaren(s: &Scenario, d: &Gegevens) -> Result<(), Fout> {
    let zonder: Vec<i32> = s
        .instellingen
        .jaren()
        .filter(|&j| {
            !d.iu.iter().any(|r| r.jaar == j)
                && !d.beschikkingen.iter().any(|b| b.jaar == j)
                && !d.formatie.iter().any(|p| p.actief(j))
        })
        .collect();
    if zonder.is_empty() {
        return Ok(());
    }
    Err(InvoerFout::new(
        Herkomst::new(s.pad.display().to_string(), 0),
        "jaren",
        format!(
            "geen gegevens in {} voor jaar {}; verwacht jaren die de data dekt",
            s.data.display(),
            zonder
                .iter()
                .map(|j| j.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .into())
}

fn sleutel_uit_melding(m: &str) -> String {
    // toml: "unknown field `x`, expected ..." / "missing field `x`"
    m.split('`').nth(1).unwrap_or("").to_string()
}

fn vertaal(m: &str) -> String {
    if m.starts_with("unknown field") {
        format!("onbekende sleutel ({m})")
    } else if m.starts_with("missing field") {
        format!("verplichte sleutel ontbreekt ({m})")
    } else if m.starts_with("unknown variant") {
        format!("onbekende waarde ({m})")
    } else {
        format!("ongeldig TOML-bestand: {m}")
    }
}

/// Lexically removes `a/..` pairs so that messages show `data/x/y.csv`, not `scenarios/../data`.
fn schoon_pad(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut uit = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir
                if matches!(uit.components().next_back(), Some(Component::Normal(_))) =>
            {
                uit.pop();
            }
            Component::CurDir => {}
            c => uit.push(c.as_os_str()),
        }
    }
    if uit.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        uit
    }
}
