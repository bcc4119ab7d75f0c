//! `raming rapport`: the raad report, one self-contained HTML file.

use super::{
    Streng, check_doelbestand, draai_alle, geldige_datum, invoerfout, meld_waarschuwingen,
    streng_hulp,
};
use raming::fout::Fout;
use raming::uitvoer;
use std::path::PathBuf;

/// Schrijft het raadsrapport: één HTML-bestand met samenvatting, tabellen, grafieken, afrekeningsrisico, uitgangspunten en colofon.
#[derive(clap::Args)]
#[command(
    visible_alias = "report",
    after_help = "Voorbeelden:\n  raming rapport                                   # scenarios/basis.toml → output/rapport.html\n  raming rapport scenarios/routekosten.toml scenarios/hoge_instroom.toml --uit rapport.html\n  raming rapport --datum 2026-11-22                # vaste datum (ook: RAMING_DATUM)\n  raming rapport --docx                            # ook output/rapport.docx (Word)",
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
    /// Schrijf hetzelfde rapport ook als Word-document (.docx): naast het HTML-bestand, of naar PAD.
    #[arg(long, value_name = "PAD", num_args = 0..=1)]
    docx: Option<Option<PathBuf>>,
    #[command(flatten)]
    streng: Streng,
}

/// The report date: `--datum`, else `RAMING_DATUM`, else today in the Netherlands; checked.
pub(super) fn rapportdatum(arg: Option<String>) -> Result<String, Fout> {
    let datum = match arg.or_else(|| {
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
    Ok(datum)
}

/// The year of a checked `JJJJ-MM-DD` date.
pub(super) fn jaar_van_datum(datum: &str) -> Option<i32> {
    datum
        .parse::<jiff::civil::Date>()
        .ok()
        .map(|d| d.year().into())
}

/// Whether an existing file is a Word report raming wrote (its custom property `generator`).
fn is_raming_docx(pad: &std::path::Path) -> bool {
    let Ok(f) = std::fs::File::open(pad) else {
        return false;
    };
    let Ok(mut z) = zip::ZipArchive::new(f) else {
        return false;
    };
    let Ok(mut deel) = z.by_name("docProps/custom.xml") else {
        return false;
    };
    let mut tekst = String::new();
    std::io::Read::read_to_string(&mut deel, &mut tekst).is_ok()
        && tekst.contains(uitvoer::docx::MERK)
}

pub fn run(args: Args) -> Result<(), Fout> {
    let datum = rapportdatum(args.datum)?;
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
    let docx = args
        .docx
        .map(|p| p.unwrap_or_else(|| args.uit.with_extension("docx")));
    if let Some(p) = &docx {
        if p.is_dir() {
            return Err(invoerfout(
                p.display().to_string(),
                "is een map; verwacht een bestandsnaam voor het Word-rapport",
            ));
        }
        if p.exists() && !is_raming_docx(p) {
            return Err(invoerfout(
                p.display().to_string(),
                "bestaat al en is geen Word-rapport van raming; kies een andere naam of verwijder het bestand eerst",
            ));
        }
    }
    // The risk section's Monte Carlo runs in the report layer; the renderers only format.
    let risico = raming::rapport::risico::voor_runs(&runs, &datum)?;
    let model = raming::rapport::raad::maak(&runs, v.as_ref(), risico.as_ref(), &datum, &invoer)?;
    let html = uitvoer::html::render(&model)?;
    uitvoer::schrijf_bestand(&args.uit, html.as_bytes())?;
    toonln!("Geschreven: {}", args.uit.display());
    if let Some(p) = &docx {
        let bytes = uitvoer::docx::render(&model)?;
        uitvoer::schrijf_bestand(p, &bytes)?;
        toonln!("Geschreven: {}", p.display());
    }
    Ok(())
}

/// The date in the Netherlands at an instant, as `JJJJ-MM-DD` (the tz database is bundled).
fn datum_in_nederland(t: jiff::Timestamp) -> Result<String, Fout> {
    raming::opmaak::datum_in_nederland(t).map_err(|e| {
        invoerfout(
            "Europe/Amsterdam",
            format!("tijdzone niet gevonden ({e}); geef de datum met --datum JJJJ-MM-DD"),
        )
    })
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
