//! `raming bereken`: one scenario computed and written to `output/<naam>/`.

use super::{
    ScenarioArg, Streng, UitMap, geldige_datum, meld_naamconflicten, meld_waarschuwingen,
    streng_hulp,
};
use raming::fout::Fout;
use raming::uitvoer::{self, samenvatting};
use std::path::PathBuf;

/// Rekent een scenario door en schrijft output/<naam>/ (begroting.csv, saldo.csv, overzicht_<jaar>.csv).
#[derive(clap::Args)]
#[command(
    visible_alias = "run",
    after_help = "Voorbeelden:\n  raming bereken\n  raming bereken scenarios/basis.toml --uit /tmp/begroting\n  raming bereken --json > saldo.json\n  raming bereken --parquet              # ook parquet/*.parquet voor BI-hulpmiddelen\n  raming bereken --streng               # stop bij een waarschuwing, schrijf niets\nWaarschuwingen (wat de berekening aanvulde, aannam of oversloeg) staan op stderr en in waarschuwingen.csv; de dekking per invoertabel in dekking.csv.",
    mut_arg("uit", |a| a.help("Uitvoermap (standaard output/<naam van het scenario>)")),
    mut_arg("streng", |a| a.help(streng_hulp("raming bereken --streng")))
)]
pub struct Args {
    #[command(flatten)]
    scenario: ScenarioArg,
    #[command(flatten)]
    uit: UitMap,
    /// Druk de samenvatting af als JSON (exacte bedragen) in plaats van een tabel.
    #[arg(long)]
    json: bool,
    /// Schrijf ook CSV voor Nederlandse Excel (`;`, decimale komma, BOM) in excel-nl/.
    #[arg(long, value_name = "DIALECT", value_parser = ["nl", "standaard"])]
    csv: Option<String>,
    /// Schrijf geen grafieken (grafieken/*.png en *.svg).
    #[arg(long = "geen-grafieken", visible_alias = "no-charts")]
    geen_grafieken: bool,
    /// Schrijf ook elke tabel als Parquet in parquet/ (voor Power BI, DuckDB en andere BI-hulpmiddelen); bedragen als exacte decimalen.
    #[arg(long)]
    parquet: bool,
    /// Schrijf ook de grafieken per jaar (baten en lasten, saldo per gemeente); standaard alleen
    /// de meerjarige grafieken.
    #[arg(
        long = "alle-grafieken",
        visible_alias = "all-charts",
        conflicts_with = "geen_grafieken"
    )]
    alle_grafieken: bool,
    /// Datum in de voettekst van begroting.xlsx (JJJJ-MM-DD); standaard RAMING_DATUM, anders geen
    /// datum (nooit de klok: dezelfde invoer geeft dezelfde bestanden).
    #[arg(long, value_name = "JJJJ-MM-DD")]
    datum: Option<String>,
    #[command(flatten)]
    streng: Streng,
}

pub fn run(args: Args) -> Result<(), Fout> {
    let mut run = raming::draai(&args.scenario.scenario)?;
    meld_waarschuwingen([&run], &args.streng)?;
    run.scenario.grafieken = !args.geen_grafieken;
    run.scenario.parquet = args.parquet;
    run.scenario.alle_grafieken = args.alle_grafieken;
    run.scenario.datum = match args
        .datum
        .or_else(|| std::env::var("RAMING_DATUM").ok().filter(|d| !d.is_empty()))
    {
        Some(d) if geldige_datum(&d) => Some(d),
        Some(d) => {
            return Err(super::invoerfout(
                "--datum / RAMING_DATUM",
                format!("'{d}' is geen datum; verwacht JJJJ-MM-DD, bijv. 2026-11-22"),
            ));
        }
        None => None,
    };
    if let Some(c) = args.csv {
        run.scenario.csv_nl = c == "nl";
    }
    let doel = args
        .uit
        .of(|| PathBuf::from("output").join(&run.scenario.naam));
    // The console's summary is made while the files are written (at 10.000 gemeenten its
    // regional account alone reads the whole ledger); it is printed after them, as before.
    let (aantal, tekst) = rayon::join(
        || uitvoer::schrijf_map_met(&doel, |o| uitvoer::schrijf(&run, o)),
        || console(&run, args.json),
    );
    let aantal = aantal?;
    for t in uitvoer::werkboek::inkortingen(&run) {
        etoonln!("let op: {t}");
    }
    if run.scenario.grafieken {
        let groepen: Vec<&str> = run.gegevens.groepsnamen();
        meld_naamconflicten(&groepen);
    }
    if args.json {
        super::naar_stdout(&tekst);
    } else {
        toon!("{tekst}");
        toonln!("\nGeschreven: {}/ ({} bestanden)", doel.display(), aantal);
    }
    // The process ends here: freeing millions of small strings (a ledger of 10.000 gemeenten)
    // took seconds and changes nothing.
    std::mem::forget(run);
    Ok(())
}

/// What `bereken` prints after writing: the summary (as JSON with `--json`) and, with regional
/// bodies, their lasten and the bijdragen of the gemeenten.
fn console(run: &raming::Run, json: bool) -> String {
    if json {
        return json_veilig(&samenvatting::json(
            &run.uitkomst,
            &run.scenario.omschrijving,
        )) + "\n";
    }
    let mut tekst = samenvatting::tekst(&run.uitkomst, &run.scenario.omschrijving);
    if !run.regio.is_empty() {
        let jaren: Vec<i32> = run.scenario.instellingen.jaren().collect();
        tekst.push_str(&format!(
            "\nRegionale organen: hun lasten en de bijdragen van de gemeenten\n{}",
            samenvatting::tabel(&raming::rapport::uitvoering::samenvatting(
                &run.gegevens,
                &run.ledger,
                &run.regio,
                &jaren
            ))
        ));
    }
    tekst
}

/// Control characters as JSON escapes (`\u009b`) rather than `\x9b`, so the text stays valid JSON.
fn json_veilig(tekst: &str) -> String {
    tekst
        .chars()
        .map(|c| {
            if raming::fout::is_stuurteken(c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}
