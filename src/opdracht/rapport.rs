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
    let datum = match args.datum.or_else(|| {
        std::env::var("RAMING_DATUM")
            .ok()
            .map(|d| d.trim().to_string())
    }) {
        Some(d) => d,
        None => datum_in_nederland(jiff::Timestamp::now())?,
    };
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
    let mut invoer: Vec<raming::rapport::Invoerbestand> = Vec::new();
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
    // The risk section's Monte Carlo runs here, in the report layer; the renderer only formats.
    let hoofd = &runs[0];
    let risico = raming::rapport::risico::voor_rapport(
        &hoofd.gegevens,
        &hoofd.scenario.instellingen,
        &hoofd.scenario.risico,
    )?;
    let html = uitvoer::html::rapport(&runs, v.as_ref(), risico.as_ref(), &datum, &invoer)?;
    uitvoer::schrijf_bestand(&args.uit, html.as_bytes())?;
    toonln!("Geschreven: {}", args.uit.display());
    Ok(())
}

/// `JJJJ-MM-DD`, a real calendar date: exactly the text jiff writes for the date it reads.
fn geldige_datum(d: &str) -> bool {
    d.parse::<jiff::civil::Date>()
        .is_ok_and(|x| d.len() == 10 && x.to_string() == d)
}

/// The date in the Netherlands at an instant, as `JJJJ-MM-DD` (the tz database is bundled).
fn datum_in_nederland(t: jiff::Timestamp) -> Result<String, Fout> {
    let z = t.in_tz("Europe/Amsterdam").map_err(|e| {
        invoerfout(
            "Europe/Amsterdam",
            format!("tijdzone niet gevonden ({e}); geef de datum met --datum JJJJ-MM-DD"),
        )
    })?;
    Ok(z.date().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_is_the_date_in_the_netherlands() {
        // 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam (CET, UTC+1).
        let t: jiff::Timestamp = "2026-03-01T23:30:00Z".parse().unwrap();
        assert_eq!(datum_in_nederland(t).unwrap(), "2026-03-02");
        // Summer time (CEST, UTC+2): 22:30 UTC on 30 June is already 1 July.
        let t: jiff::Timestamp = "2026-06-30T22:30:00Z".parse().unwrap();
        assert_eq!(datum_in_nederland(t).unwrap(), "2026-07-01");
        let t: jiff::Timestamp = "2026-03-01T12:00:00Z".parse().unwrap();
        assert_eq!(datum_in_nederland(t).unwrap(), "2026-03-01");
    }

    #[test]
    fn only_real_dates_written_as_jjjj_mm_dd() {
        for goed in ["2026-11-22", "2024-02-29", "2000-02-29", "2026-12-31"] {
            assert!(geldige_datum(goed), "{goed}");
        }
        for fout in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-1-22",
            "26-11-22",
            "20261122",
            "2026-11-22T10:00",
            "+002026-11-22",
            " 2026-11-22",
            "",
        ] {
            assert!(!geldige_datum(fout), "{fout}");
        }
    }
}
