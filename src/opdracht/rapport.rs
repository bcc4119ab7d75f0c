//! `raming rapport`: the raad report, one self-contained HTML file.

use super::{Streng, check_doelbestand, draai_alle, invoerfout, meld_waarschuwingen, streng_hulp};
use raming::fout::Fout;
use raming::uitvoer;
use std::path::PathBuf;

/// Schrijft het raadsrapport: één HTML-bestand met samenvatting, tabellen, grafieken, afrekeningsrisico, uitgangspunten en colofon.
#[derive(clap::Args)]
#[command(
    visible_alias = "report",
    after_help = "Voorbeelden:\n  raming rapport                                   # scenarios/basis.toml → output/rapport.html\n  raming rapport scenarios/routekosten.toml scenarios/hoge_instroom.toml --uit rapport.html\n  raming rapport --datum 2026-11-22                # vaste datum (ook: RAMING_DATUM)",
    mut_arg("streng", |a| a.help(streng_hulp("raming rapport --streng")))
)]
pub struct Args {
    /// Eén of meer scenariobestanden; het eerste is het hoofdscenario.
    #[arg(default_value = super::STANDAARD_SCENARIO)]
    scenarios: Vec<PathBuf>,
    /// Het te schrijven HTML-bestand.
    #[arg(
        long = "uit",
        visible_alias = "out",
        value_name = "BESTAND",
        default_value = "output/rapport.html"
    )]
    uit: PathBuf,
    /// Datum op het rapport (JJJJ-MM-DD); standaard RAMING_DATUM of vandaag.
    #[arg(long, value_name = "JJJJ-MM-DD")]
    datum: Option<String>,
    #[command(flatten)]
    streng: Streng,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let datum = args
        .datum
        .or_else(|| {
            std::env::var("RAMING_DATUM")
                .ok()
                .map(|d| d.trim().to_string())
        })
        .unwrap_or_else(uitvoer::rapport::vandaag);
    if !geldige_datum(&datum) {
        return Err(invoerfout(
            "--datum / RAMING_DATUM",
            format!("'{datum}' is geen datum; verwacht JJJJ-MM-DD, bijv. 2026-11-22"),
        ));
    }
    let runs = draai_alle(&args.scenarios)?;
    meld_waarschuwingen(&runs, &args.streng)?;
    let v = if runs.len() > 1 {
        Some(uitvoer::vergelijking::maak(&runs)?)
    } else {
        None
    };
    let mut invoer: Vec<uitvoer::rapport::Invoerbestand> = Vec::new();
    for r in &runs {
        for f in raming::invoerbestanden(r)? {
            if !invoer.iter().any(|x| x.pad == f.pad) {
                invoer.push(f);
            }
        }
    }
    check_doelbestand(
        &args.uit,
        b"<meta name=\"generator\" content=\"raming",
        "rapport",
    )?;
    let html = uitvoer::rapport::rapport(&runs, v.as_ref(), &datum, &invoer)?;
    uitvoer::schrijf_bestand(&args.uit, html.as_bytes())?;
    toonln!("Geschreven: {}", args.uit.display());
    Ok(())
}

/// `JJJJ-MM-DD`, a real calendar date.
fn geldige_datum(d: &str) -> bool {
    let delen: Vec<&str> = d.split('-').collect();
    if delen.len() != 3
        || delen[0].len() != 4
        || delen[1].len() != 2
        || delen[2].len() != 2
        || !delen.iter().all(|x| x.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let (j, m, dag) = (
        delen[0].parse::<u32>().unwrap_or(0),
        delen[1].parse::<u32>().unwrap_or(0),
        delen[2].parse::<u32>().unwrap_or(0),
    );
    let schrikkel = (j % 4 == 0 && j % 100 != 0) || j % 400 == 0;
    let dagen = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if schrikkel => 29,
        2 => 28,
        _ => return false,
    };
    (1..=dagen).contains(&dag)
}
