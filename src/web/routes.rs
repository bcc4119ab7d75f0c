//! Every page and endpoint. Computing happens off the async threads (`spawn_blocking`); every
//! error becomes a Dutch answer, so a bad request never stops the server.

use crate::Run;
use crate::fout::Resultaat;
use crate::rapport::tabel::Cel;
use crate::web::paginas;
use crate::web::staat::Staat;
use crate::web::veiligheid::{WebFout, geldige_naam};
use crate::web::watals::{self, Kind};
use axum::Json;
use axum::extract::{Path as UrlPad, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

/// Runs blocking work (reading files, computing) on tokio's blocking pool.
async fn blokkerend<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, WebFout> + Send + 'static,
) -> Result<T, WebFout> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|_| {
        Err(WebFout::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "interne fout bij het rekenen; de server draait door",
        ))
    })
}

pub async fn start(State(staat): State<Staat>) -> Result<Html<String>, WebFout> {
    blokkerend(move || {
        let regels: Vec<paginas::ScenarioRegel> = staat
            .scenarionamen()
            .into_iter()
            .map(|naam| paginas::ScenarioRegel {
                uitkomst: staat
                    .run(&naam)
                    .map(|r| paginas::samenvatting(&r, &staat.map))
                    .map_err(|e| e.melding),
                naam,
            })
            .collect();
        Ok(Html(paginas::start(&staat.map, &regels)))
    })
    .await
}

pub async fn scenario(
    State(staat): State<Staat>,
    UrlPad(naam): UrlPad<String>,
) -> Result<Html<String>, WebFout> {
    blokkerend(move || {
        let run = staat.run(&naam)?;
        let resultaat = paginas::resultaat(&run, None, &[])?;
        Ok(Html(paginas::scenario(&naam, &run, &staat.map, &resultaat)))
    })
    .await
}

/// The levers as typed in the browser.
#[derive(Deserialize, Default)]
pub struct Verzoek {
    #[serde(default)]
    velden: BTreeMap<String, String>,
}

/// The parent run and, when a lever differs from it, the child scenario and its run.
struct Watals {
    ouder: Arc<Run>,
    kind: Option<(Kind, Run)>,
}

impl Watals {
    fn run(&self) -> &Run {
        self.kind.as_ref().map(|(_, r)| r).unwrap_or(&self.ouder)
    }
}

/// What a what-if request can go wrong with: fields (shown at the field) or the run.
enum WatalsFout {
    Velden(watals::Veldfouten),
    Web(WebFout),
}

impl From<WebFout> for WatalsFout {
    fn from(e: WebFout) -> Self {
        WatalsFout::Web(e)
    }
}

fn reken_watals(
    staat: &Staat,
    naam: &str,
    velden: &BTreeMap<String, String>,
    kindnaam: &str,
    omschrijving: Option<&str>,
) -> Result<Watals, WatalsFout> {
    let ouder = staat.run(naam)?;
    let kind = watals::kind(&ouder, &format!("{naam}.toml"), velden, omschrijving)
        .map_err(WatalsFout::Velden)?;
    if kind.gewijzigd.is_empty() && omschrijving.is_none() {
        return Ok(Watals { ouder, kind: None });
    }
    let run = staat
        .run_tekst(kindnaam, &kind.tekst)
        .map_err(|e| WatalsFout::Web(WebFout::invoer(e)))?;
    if !watals::klopt(&run, velden) {
        return Err(WatalsFout::Web(WebFout::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "interne fout: de scenariotekst geeft niet de gevraagde waarden; er is niets opgeslagen",
        )));
    }
    Ok(Watals {
        ouder,
        kind: Some((kind, run)),
    })
}

fn json_antwoord(status: StatusCode, v: serde_json::Value) -> Response {
    (status, Json(v)).into_response()
}

fn watals_fout(e: WatalsFout) -> Response {
    match e {
        WatalsFout::Velden(f) => json_antwoord(
            StatusCode::OK,
            serde_json::json!({ "ok": false, "fouten": f }),
        ),
        WatalsFout::Web(e) => json_antwoord(
            e.status,
            serde_json::json!({ "ok": false, "fout": e.melding }),
        ),
    }
}

async fn json_blokkerend(f: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|_| {
        json_antwoord(
            StatusCode::INTERNAL_SERVER_ERROR,
            serde_json::json!({ "ok": false, "fout": "interne fout bij het rekenen; de server draait door" }),
        )
    })
}

/// Recomputes with the levers as typed: the figures with their differences, or the fields
/// that cannot be used (the page keeps the last valid result).
pub async fn bereken(
    State(staat): State<Staat>,
    UrlPad(naam): UrlPad<String>,
    Json(v): Json<Verzoek>,
) -> Response {
    json_blokkerend(move || {
        let t = Instant::now();
        let w = match reken_watals(&staat, &naam, &v.velden, &format!("{naam}_watals"), None) {
            Ok(w) => w,
            Err(e) => return watals_fout(e),
        };
        let (referentie, gewijzigd, tekst) = match &w.kind {
            Some((k, _)) => (Some(&*w.ouder), k.gewijzigd.clone(), k.tekst.clone()),
            None => (None, Vec::new(), String::new()),
        };
        let html = match paginas::resultaat(w.run(), referentie, &gewijzigd) {
            Ok(h) => h,
            Err(e) => return watals_fout(WatalsFout::Web(WebFout::invoer(e))),
        };
        let saldo = saldi(w.run());
        json_antwoord(
            StatusCode::OK,
            serde_json::json!({
                "ok": true,
                "html": html,
                "toml": tekst,
                "gewijzigd": gewijzigd,
                "saldo": saldo,
                "ms": t.elapsed().as_secs_f64() * 1000.0,
            }),
        )
    })
    .await
}

/// The displayed saldo per name and year (for scripts and tests: the same figures as the page).
fn saldi(run: &Run) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut uit: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for o in &run.uitkomst.overzichten {
        for k in &o.kolommen {
            if let Some(x) = o.waarde("saldo", k) {
                uit.entry(k.clone())
                    .or_default()
                    .insert(o.jaar.to_string(), crate::opmaak::geheel(x));
            }
        }
    }
    uit
}

#[derive(Deserialize)]
pub struct Opslaan {
    #[serde(default)]
    velden: BTreeMap<String, String>,
    naam: String,
    #[serde(default)]
    omschrijving: String,
}

/// "Opslaan als scenario": the child TOML into `scenarios/<naam>.toml`, never over an existing
/// file (written beside it and linked into place without replacing: of two browsers saving the
/// same name at once, one gets the file and the other a message).
pub async fn opslaan(
    State(staat): State<Staat>,
    UrlPad(ouder): UrlPad<String>,
    Json(v): Json<Opslaan>,
) -> Response {
    json_blokkerend(move || {
        let naam = v.naam.trim().to_string();
        let veldfout = |m: String| {
            json_antwoord(
                StatusCode::OK,
                serde_json::json!({ "ok": false, "fouten": { "naam": m } }),
            )
        };
        if !geldige_naam(&naam) {
            return veldfout(
                "verwacht een naam van letters, cijfers, _ of - (het wordt de bestandsnaam), bijv. hoge_instroom_2026".into(),
            );
        }
        let doel = staat.scenarios.join(format!("{naam}.toml"));
        if doel.symlink_metadata().is_ok() {
            return veldfout(format!("scenario ‘{naam}’ bestaat al; kies een andere naam"));
        }
        if let Some(c) = v.omschrijving.chars().find(|c| crate::fout::is_stuurteken(*c) && *c != '\n' && *c != '\r' && *c != '\t') {
            return json_antwoord(
                StatusCode::OK,
                serde_json::json!({ "ok": false, "fouten": { "omschrijving": format!("bevat een stuurteken ({}); verwijder het", crate::fout::teken_zichtbaar(c)) } }),
            );
        }
        let omschrijving = v.omschrijving.trim().to_string();
        let w = match reken_watals(&staat, &ouder, &v.velden, &naam, Some(&omschrijving)) {
            Ok(w) => w,
            Err(e) => return watals_fout(e),
        };
        let Some((kind, _)) = &w.kind else {
            return veldfout("niets om op te slaan".into());
        };
        match schrijf_nieuw(&staat.scenarios, &doel, kind.tekst.as_bytes()) {
            Ok(()) => json_antwoord(
                StatusCode::OK,
                serde_json::json!({ "ok": true, "naam": naam, "url": format!("/scenario/{naam}"), "toml": kind.tekst }),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                veldfout(format!("scenario ‘{naam}’ bestaat al; kies een andere naam"))
            }
            Err(e) => json_antwoord(
                StatusCode::INTERNAL_SERVER_ERROR,
                serde_json::json!({ "ok": false, "fout": format!("kan {} niet schrijven: {e}", doel.display()) }),
            ),
        }
    })
    .await
}

/// Writes a new file completely beside its target, then links it into place without
/// replacing anything: never a half-written file, never an existing one overwritten.
pub fn schrijf_nieuw(
    map: &std::path::Path,
    doel: &std::path::Path,
    inhoud: &[u8],
) -> std::io::Result<()> {
    use std::io::Write;
    let mut t = tempfile::Builder::new()
        .prefix(".raming-")
        .suffix(".tmp")
        .tempfile_in(map)?;
    t.write_all(inhoud)?;
    t.as_file().sync_all()?;
    t.persist_noclobber(doel).map_err(|e| e.error)?;
    Ok(())
}

#[derive(Deserialize)]
pub struct Spoor {
    #[serde(default)]
    velden: BTreeMap<String, String>,
    tabel: String,
    rij: String,
    kolom: String,
}

/// The bookings behind a displayed figure: a gemeente (or a group's members), a year (or all)
/// and a post (or a soort, or all for a saldo).
pub async fn spoor(
    State(staat): State<Staat>,
    UrlPad(naam): UrlPad<String>,
    Json(v): Json<Spoor>,
) -> Response {
    json_blokkerend(move || {
        let w = match reken_watals(&staat, &naam, &v.velden, &format!("{naam}_watals"), None) {
            Ok(w) => w,
            Err(e) => return watals_fout(e),
        };
        let run = w.run();
        let Some((entiteit, jaren, post)) = gevraagd(&v, run) else {
            return json_antwoord(StatusCode::BAD_REQUEST, serde_json::json!({ "ok": false, "fout": "onbekende tabel" }));
        };
        let keuze = crate::rapport::herkomst::Keuze {
            naam: Some(entiteit.to_string()),
            jaar: (jaren.len() == 1).then(|| jaren[0]),
            post: (!matches!(post, "saldo" | "totaal_baten" | "totaal_lasten")).then(|| post.to_string()),
        };
        let sporen = match crate::rapport::herkomst::sporen(run, &keuze) {
            Ok(s) => s,
            Err(e) => {
                return json_antwoord(StatusCode::BAD_REQUEST, serde_json::json!({ "ok": false, "fout": crate::fout::zichtbaar(&e.to_string()) }));
            }
        };
        let sporen: Vec<_> = sporen
            .into_iter()
            .filter(|s| match post {
                "totaal_baten" => s.boeking.soort == crate::ledger::Soort::Baten,
                "totaal_lasten" => s.boeking.soort == crate::ledger::Soort::Lasten,
                _ => true,
            })
            .collect();
        let getoond = getoond(run, &v, &jaren);
        let titel = if v.tabel == "saldo" {
            format!("Saldo {} — {}", entiteit, if v.kolom == "totaal" { "alle jaren".to_string() } else { v.kolom.clone() })
        } else {
            format!("{} — {} {}", v.rij, entiteit, jaren.first().copied().unwrap_or_default())
        };
        json_antwoord(
            StatusCode::OK,
            serde_json::json!({ "ok": true, "html": paginas::spoor(&titel, &sporen, getoond.as_ref()) }),
        )
    })
    .await
}

/// What a click on a displayed figure asks for: the gemeente or group, the years and the post
/// ("saldo" for the saldo table); `None` for a table without a trace.
fn gevraagd<'v>(v: &'v Spoor, run: &Run) -> Option<(&'v str, Vec<i32>, &'v str)> {
    if v.tabel == "saldo" {
        let jaren = if v.kolom == "totaal" {
            run.uitkomst.jaren.clone()
        } else {
            v.kolom.parse().map(|j| vec![j]).unwrap_or_default()
        };
        return Some((&v.rij, jaren, "saldo"));
    }
    let j = v.tabel.strip_prefix("overzicht_")?.parse::<i32>().ok()?;
    Some((&v.kolom, vec![j], &v.rij))
}

/// The clicked figure as its table shows it (the saldo table or the year's overview), shown
/// beside the bookings it comes from.
fn getoond(run: &Run, v: &Spoor, jaren: &[i32]) -> Option<Cel> {
    let tabel = if v.tabel == "saldo" {
        crate::rapport::raad::saldo_tabel(run)
    } else {
        run.uitkomst
            .overzichten
            .iter()
            .find(|o| jaren.first() == Some(&o.jaar))
            .map(|o| o.tabel())
            .unwrap_or_default()
    };
    tabel
        .rijen
        .iter()
        .find(|r| matches!(r.cellen.first(), Some(Cel::Tekst(t)) if **t == *v.rij))
        .and_then(|r| tabel.kolom(&v.kolom).map(|c| r.cellen[c].clone()))
}

#[derive(Deserialize)]
pub struct Downloadformulier {
    #[serde(default)]
    velden: String,
}

fn bestand(naam: &str, soort: &str, bytes: Vec<u8>) -> Response {
    // Scenario names may hold any letter; a header holds ASCII only.
    let naam: String = naam
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, soort.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Every input file of a run with its SHA-256 for the report's colophon; an unsaved what-if is
/// listed by its text.
fn invoerbestanden(
    run: &Run,
    kind: Option<&Kind>,
) -> Resultaat<Vec<crate::rapport::Invoerbestand>> {
    use sha2::{Digest, Sha256};
    let Some(k) = kind else {
        return crate::invoerbestanden(run);
    };
    let mut uit = vec![crate::rapport::Invoerbestand {
        pad: format!("{} (niet opgeslagen)", run.scenario.pad.display()),
        sha256: format!("{:x}", Sha256::digest(k.tekst.as_bytes())),
    }];
    let mut paden: Vec<std::path::PathBuf> = run.scenario.ouders.clone();
    if run.scenario.data.is_dir() {
        paden.extend(
            crate::invoer::BESTANDEN
                .iter()
                .map(|n| run.scenario.data.join(n))
                .filter(|p| p.is_file()),
        );
    } else {
        paden.push(run.scenario.data.clone());
    }
    for p in paden {
        let bytes = std::fs::read(&p).map_err(|e| crate::fout::Fout::io(&p, e))?;
        uit.push(crate::rapport::Invoerbestand {
            pad: p.display().to_string(),
            sha256: format!("{:x}", Sha256::digest(&bytes)),
        });
    }
    Ok(uit)
}

/// Today in the Netherlands, for the report (the clock is read here, at the edge).
fn vandaag() -> Resultaat<String> {
    crate::opmaak::datum_in_nederland(jiff::Timestamp::now()).map_err(|e| {
        crate::fout::Fout::Tabel(format!(
            "de datum in Nederland is niet te bepalen (tijdzone Europe/Amsterdam: {e})"
        ))
    })
}

fn zip(bestanden: &[(String, Vec<u8>)]) -> Resultaat<Vec<u8>> {
    use std::io::Write;
    let fout = |e: String| crate::fout::Fout::Tabel(e);
    let mut z = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opties = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated);
    for (n, b) in bestanden {
        z.start_file(n.as_str(), opties)
            .map_err(|e| fout(e.to_string()))?;
        z.write_all(b).map_err(|e| fout(e.to_string()))?;
    }
    Ok(z.finish().map_err(|e| fout(e.to_string()))?.into_inner())
}

/// A download of the scenario on screen (with unsaved what-if changes): workbook, raad report
/// (HTML, Word), the CSV tables or the charts, rendered in memory by the same renderers as the
/// commands.
pub async fn download(
    State(staat): State<Staat>,
    UrlPad((naam, soort)): UrlPad<(String, String)>,
    axum::Form(f): axum::Form<Downloadformulier>,
) -> Result<Response, WebFout> {
    blokkerend(move || {
        let w = watals_van_formulier(&staat, &naam, &f.velden)?;
        let run = w.run();
        let stam = run.scenario.naam.clone();
        Ok(match soort.as_str() {
            "werkboek" => bestand(
                &format!("{stam}.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                crate::uitvoer::werkboek::begroting(run)?,
            ),
            "rapport" | "docx" => rapport_bestand(&w, soort == "docx")?,
            "csv" => {
                let b = crate::uitvoer::tabellen(run)
                    .iter()
                    .map(|(n, t)| Ok((format!("{stam}/{n}.csv"), crate::uitvoer::tabel_csv(t)?)))
                    .collect::<Resultaat<Vec<_>>>()?;
                bestand(&format!("{stam}_tabellen.zip"), "application/zip", zip(&b)?)
            }
            "grafieken" => {
                let g: Vec<_> = crate::uitvoer::grafiek::voor_run(run)
                    .into_iter()
                    .filter(|g| !crate::uitvoer::grafiek::is_jaargrafiek(g))
                    .collect();
                let b: Vec<(String, Vec<u8>)> = crate::uitvoer::grafiek::bestanden(&g)?
                    .into_iter()
                    .map(|(n, b)| (format!("{stam}/{n}"), b))
                    .collect();
                bestand(
                    &format!("{stam}_grafieken.zip"),
                    "application/zip",
                    zip(&b)?,
                )
            }
            _ => return Err(WebFout::niet_gevonden("onbekende download")),
        })
    })
    .await
}

/// The what-if of a download form: its fields (JSON; empty for the scenario as saved) applied
/// to scenario `naam`.
fn watals_van_formulier(staat: &Staat, naam: &str, velden: &str) -> Result<Watals, WebFout> {
    let velden: BTreeMap<String, String> = if velden.trim().is_empty() {
        BTreeMap::new()
    } else {
        serde_json::from_str(velden)
            .map_err(|e| WebFout::verzoek(format!("onleesbare invoer: {e}")))?
    };
    match reken_watals(staat, naam, &velden, &format!("{naam}_watals"), None) {
        Ok(w) => Ok(w),
        Err(WatalsFout::Web(e)) => Err(e),
        Err(WatalsFout::Velden(v)) => Err(WebFout::verzoek(format!(
            "de wat-als-invoer klopt niet: {}",
            v.iter()
                .map(|(k, m)| format!("{k}: {m}"))
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}

/// The raad report of a what-if, as HTML or (`docx`) Word.
fn rapport_bestand(w: &Watals, docx: bool) -> Result<Response, WebFout> {
    let run = w.run();
    let stam = &run.scenario.naam;
    let invoer = invoerbestanden(run, w.kind.as_ref().map(|(k, _)| k))?;
    let datum = vandaag()?;
    let runs = std::slice::from_ref(run);
    // The same risk section as `raming rapport` (the Monte Carlo of the scenario on screen,
    // with its what-if changes).
    let risico =
        crate::rapport::risico::voor_runs(runs, &datum).map_err(crate::fout::Fout::from)?;
    let model = crate::rapport::raad::maak(runs, None, risico.as_ref(), &datum, &invoer)?;
    Ok(if docx {
        bestand(
            &format!("rapport_{stam}.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            crate::uitvoer::docx::render(&model)?,
        )
    } else {
        bestand(
            &format!("rapport_{stam}.html"),
            "text/html; charset=utf-8",
            crate::uitvoer::html::render(&model)?.into_bytes(),
        )
    })
}

/// `?s=a&s=b`: the scenarios to compare, in order.
fn gekozen(q: Option<String>) -> Vec<String> {
    q.unwrap_or_default()
        .split('&')
        .filter_map(|p| p.strip_prefix("s="))
        .map(|s| s.replace('+', " "))
        .filter(|s| !s.is_empty())
        .fold(Vec::new(), |mut v, s| {
            if !v.contains(&s) {
                v.push(s);
            }
            v
        })
}

pub async fn vergelijk(
    State(staat): State<Staat>,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, WebFout> {
    blokkerend(move || {
        let namen = staat.scenarionamen();
        let keuze = gekozen(q);
        if keuze.len() < 2 {
            let melding = (keuze.len() == 1).then_some("kies ten minste twee scenario's");
            return Ok(Html(paginas::vergelijk(&namen, &keuze, None, melding)?));
        }
        let mut runs: Vec<Run> = Vec::new();
        for n in &keuze {
            runs.push(crate::draai(&staat.scenario_pad(n)?)?);
        }
        let v = crate::rapport::vergelijking::maak(&runs)?;
        let groepen = runs[0].gegevens.groepsnamen();
        Ok(Html(paginas::vergelijk(
            &namen,
            &keuze,
            Some((&v, &groepen)),
            None,
        )?))
    })
    .await
}

/// The embedded static files: styles (NL Design System), the script and the font.
pub async fn statisch(UrlPad(bestand): UrlPad<String>) -> Response {
    let (soort, inhoud): (&str, &'static [u8]) = match bestand.as_str() {
        "app.css" => (
            "text/css; charset=utf-8",
            include_bytes!("../../assets/web/app.css"),
        ),
        "app.js" => (
            "text/javascript; charset=utf-8",
            include_bytes!("../../assets/web/app.js"),
        ),
        "utrecht-component-library.css" => (
            "text/css; charset=utf-8",
            include_bytes!(
                "../../assets/web/nl-design-system/utrecht-component-library-css-9.0.4.css"
            ),
        ),
        "utrecht-design-tokens.css" => (
            "text/css; charset=utf-8",
            include_bytes!("../../assets/web/nl-design-system/utrecht-design-tokens-5.0.1.css"),
        ),
        "DejaVuSans.ttf" => (
            "font/ttf",
            include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        ),
        _ => return WebFout::niet_gevonden("bestand bestaat niet").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, soort),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        inhoud,
    )
        .into_response()
}

pub async fn niet_gevonden() -> WebFout {
    WebFout::niet_gevonden("deze pagina bestaat niet")
}

pub async fn inlezen_pagina(State(staat): State<Staat>) -> Html<String> {
    Html(paginas::inlezen(&staat.scenarionamen()))
}

/// One problem in an uploaded workbook: the sheet, and the message (with row, column and cell).
#[derive(serde::Serialize)]
struct Probleem {
    blad: String,
    melding: String,
}

/// An uploaded input workbook (the `sjabloon`, raw body, at most 20 MB): checked with the same
/// loaders as `raming importeer`; every problem listed per sheet and cell. With `opslaan=1` and a
/// valid workbook: its tables as a new data folder `data/<naam>/` and a scenario
/// `scenarios/<naam>.toml` (`basis` the chosen scenario, `data` the new folder), both new, never
/// over existing ones, and only when the scenario runs.
pub async fn inlezen(
    State(staat): State<Staat>,
    axum::extract::Query(q): axum::extract::Query<BTreeMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    json_blokkerend(move || {
        let bestandsnaam: String = q
            .get("bestand")
            .map(|b| b.chars().filter(|c| !crate::fout::is_stuurteken(*c)).take(120).collect())
            .unwrap_or_else(|| "invoer.xlsx".into());
        let fout = |m: String| json_antwoord(StatusCode::OK, serde_json::json!({ "ok": false, "fout": m }));
        if body.is_empty() {
            return fout("geen bestand ontvangen; kies een ingevuld invoerwerkboek (.xlsx)".into());
        }
        let opslaan = q.get("opslaan").is_some_and(|x| x == "1");
        let naam = q.get("naam").map(|n| n.trim().to_string()).unwrap_or_default();
        let ouder = q.get("ouder").cloned().unwrap_or_default();
        if opslaan && let Err(m) = toets_nieuwe_naam(&staat, &naam, &ouder) {
            return fout(m);
        }
        let tmp = match tempfile::Builder::new().prefix("raming-inlezen-").tempdir() {
            Ok(t) => t,
            Err(e) => return fout(format!("kan geen tijdelijke map maken: {e}")),
        };
        let pad = tmp.path().join("invoer.xlsx");
        if let Err(e) = std::fs::write(&pad, &body) {
            return fout(format!("kan het bestand niet tijdelijk opslaan: {e}"));
        }
        let getoond = pad.display().to_string();
        let problemen = |e: crate::fout::Fout| problemen_per_blad(e, &getoond, &bestandsnaam);
        let bron = match crate::invoer::open_bron(&pad) {
            Ok(b) => b,
            Err(e) => return json_antwoord(StatusCode::OK, serde_json::json!({ "ok": false, "problemen": problemen(e) })),
        };
        let tabellen = crate::invoer::als_csv(&bron);
        if let Err(e) = crate::invoer::laad_bron(bron, crate::invoer::Behoefte::default()) {
            return json_antwoord(StatusCode::OK, serde_json::json!({ "ok": false, "problemen": problemen(e) }));
        }
        let overzicht: Vec<(String, usize)> = tabellen
            .iter()
            .map(|(n, t)| (n.clone(), t.lines().count().saturating_sub(1)))
            .collect();
        if !opslaan {
            return json_antwoord(StatusCode::OK, serde_json::json!({ "ok": true, "tabellen": overzicht }));
        }
        match sla_gegevens_op(&staat, &naam, &ouder, q.get("omschrijving").map(String::as_str).unwrap_or(""), &tabellen) {
            Ok(()) => json_antwoord(
                StatusCode::OK,
                serde_json::json!({ "ok": true, "tabellen": overzicht, "url": format!("/scenario/{naam}"), "naam": naam }),
            ),
            Err(m) => fout(m),
        }
    })
    .await
}

/// Whether an uploaded workbook may be saved as `naam` on top of scenario `ouder`: a valid
/// name that is not a scenario or data folder yet, and an existing parent.
fn toets_nieuwe_naam(staat: &Staat, naam: &str, ouder: &str) -> Result<(), String> {
    if !geldige_naam(naam) {
        return Err("verwacht een naam van letters, cijfers, _ of - (het wordt de naam van de gegevensmap en het scenario)".into());
    }
    if staat
        .scenarios
        .join(format!("{naam}.toml"))
        .symlink_metadata()
        .is_ok()
        || staat.map.join("data").join(naam).symlink_metadata().is_ok()
    {
        return Err(format!(
            "‘{naam}’ bestaat al als scenario of gegevensmap; kies een andere naam"
        ));
    }
    staat.scenario_pad(ouder).map(|_| ()).map_err(|e| e.melding)
}

/// The problems of an uploaded workbook per sheet, with the temporary path (`getoond`) shown
/// as the uploaded file's name.
fn problemen_per_blad(e: crate::fout::Fout, getoond: &str, bestandsnaam: &str) -> Vec<Probleem> {
    e.lijst()
        .into_iter()
        .map(|f| {
            let tekst = crate::fout::zichtbaar(&f.to_string()).replace(getoond, bestandsnaam);
            let blad = f
                .herkomst
                .bestand
                .split_once('!')
                .map(|(_, b)| b.to_string())
                .unwrap_or_else(|| "werkboek".into());
            Probleem {
                blad,
                melding: tekst,
            }
        })
        .collect()
}

/// The scenario of data read from a workbook: its parent, its description (without control
/// characters but for line breaks) and its data folder `data/<map>`.
fn ingelezen_scenario(ouder: &str, omschrijving: &str, map: &str) -> String {
    let omschrijving = omschrijving
        .chars()
        .filter(|c| !crate::fout::is_stuurteken(*c) || *c == '\n')
        .collect::<String>();
    format!(
        "# Ingelezen uit een invoerwerkboek met raming serve.\nbasis = {}\nomschrijving = {}\ndata = {}\n",
        toml::Value::String(format!("{ouder}.toml")),
        toml::Value::String(omschrijving.trim().to_string()),
        toml::Value::String(format!("../data/{map}"))
    )
}

/// Writes the tables as `data/<naam>/` and the scenario `scenarios/<naam>.toml`; both new. The
/// folder is written completely under a hidden name, the scenario is run against it, and only
/// then both are put in place.
fn sla_gegevens_op(
    staat: &Staat,
    naam: &str,
    ouder: &str,
    omschrijving: &str,
    tabellen: &[(String, String)],
) -> Result<(), String> {
    let data = staat.map.join("data");
    std::fs::create_dir_all(&data)
        .map_err(|e| format!("kan {} niet maken: {e}", data.display()))?;
    let tijdelijk = tempfile::Builder::new()
        .prefix(".raming-")
        .tempdir_in(&data)
        .map_err(|e| format!("kan niet schrijven in {}: {e}", data.display()))?;
    for (n, t) in tabellen {
        std::fs::write(tijdelijk.path().join(n), t)
            .map_err(|e| format!("kan {n} niet schrijven: {e}"))?;
    }
    let tekst = |map: &str| ingelezen_scenario(ouder, omschrijving, map);
    let verborgen = tijdelijk
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    staat
        .run_tekst(naam, &tekst(&verborgen))
        .map_err(|e| format!("de gegevens zijn geldig, maar het scenario op basis van {ouder} kan er niet mee rekenen: {}", crate::fout::zichtbaar(&e.to_string())))?;
    let doel = data.join(naam);
    if doel.symlink_metadata().is_ok() {
        return Err(format!(
            "gegevensmap ‘{naam}’ bestaat al; kies een andere naam"
        ));
    }
    let pad = tijdelijk.keep();
    std::fs::rename(&pad, &doel).map_err(|e| {
        let _ = std::fs::remove_dir_all(&pad);
        format!("kan {} niet maken: {e}", doel.display())
    })?;
    schrijf_nieuw(
        &staat.scenarios,
        &staat.scenarios.join(format!("{naam}.toml")),
        tekst(naam).as_bytes(),
    )
    .map_err(|e| {
        let _ = std::fs::remove_dir_all(&doel);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("scenario ‘{naam}’ bestaat al; kies een andere naam")
        } else {
            format!("kan het scenario niet schrijven: {e}")
        }
    })
}
