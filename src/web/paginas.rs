//! The pages (maud: escaped by default, checked at compile time). Layout only: every figure is
//! a report table (`rapport::*` → `Tabel`) rendered by the one HTML table renderer
//! (`uitvoer::html::tabel_met`); differences come from `Tabel::verschil_met`.

use crate::Run;
use crate::fout::Resultaat;
use crate::instroom::Doelgroep;
use crate::rapport::tabel::{Cel, Tabel, Verschillen};
use crate::routeverdeling::Route;
use crate::uitvoer::html::{Extra, figuur, tabel_met};
use crate::web::watals::{self, Hefbomen, nl};
use axum::http::StatusCode;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::path::Path;

/// The frame of every page: NL Design System (Utrecht) styles, header, navigation, footer.
pub fn pagina(titel: &str, actief: &str, inhoud: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (titel) " — raming" }
                link rel="stylesheet" href="/static/utrecht-design-tokens.css";
                link rel="stylesheet" href="/static/utrecht-component-library.css";
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body.utrecht-theme.utrecht-body.utrecht-surface {
                a.overslaan href="#inhoud" { "Naar de inhoud" }
                header.kop {
                    div.binnen {
                        a.merk href="/" {
                            span.merkteken aria-hidden="true" { "€" }
                            span { strong { "raming" } span.merkregel { "Begroting Wet inburgering" } }
                        }
                        nav aria-label="Hoofdmenu" {
                            ul {
                                li { a.actief[actief == "scenarios"] href="/" { "Scenario's" } }
                                li { a.actief[actief == "vergelijk"] href="/vergelijk" { "Vergelijken" } }
                                li { a.actief[actief == "inlezen"] href="/inlezen" { "Invoer inlezen" } }
                            }
                        }
                    }
                }
                main #inhoud.binnen { (inhoud) }
                footer.voet {
                    div.binnen {
                        p { "raming " (env!("CARGO_PKG_VERSION")) " — draait op deze computer; er verlaat geen gegeven deze computer. Bedragen in hele euro's, afgerond zoals in "
                            code { "raming bereken" } "." }
                    }
                }
            }
        }
    }
    .into_string()
}

/// An error as a page of its own.
pub fn foutpagina(status: StatusCode, melding: &str) -> String {
    let titel = match status.as_u16() {
        404 => "Niet gevonden",
        401 => "Geen toegang",
        403 => "Geweigerd",
        413 => "Te groot",
        421 => "Onbekende host",
        422 => "De invoer klopt niet",
        _ => "Er ging iets mis",
    };
    pagina(
        titel,
        "",
        html! {
            h1.utrecht-heading-1 { (titel) }
            div.utrecht-alert.utrecht-alert--error role="alert" {
                div.utrecht-alert__content { p.utrecht-paragraph.melding { (melding) } }
            }
            p.utrecht-paragraph { a.utrecht-link href="/" { "Terug naar de scenario's" } }
        },
    )
}

/// What the start page lists per scenario.
pub struct ScenarioRegel {
    pub naam: String,
    pub uitkomst: Result<ScenarioSamenvatting, String>,
}

pub struct ScenarioSamenvatting {
    pub omschrijving: String,
    pub jaren: String,
    pub data: String,
    pub ouder: Option<String>,
    pub waarschuwingen: usize,
}

pub fn samenvatting(run: &Run, map: &Path) -> ScenarioSamenvatting {
    let i = &run.scenario.instellingen;
    ScenarioSamenvatting {
        omschrijving: run.scenario.omschrijving.clone(),
        jaren: format!("{}–{}", i.jaar_van, i.jaar_tot),
        data: run
            .scenario
            .data
            .strip_prefix(map)
            .unwrap_or(&run.scenario.data)
            .display()
            .to_string(),
        ouder: run
            .scenario
            .ouders
            .first()
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned())),
        waarschuwingen: run.waarschuwingen.len(),
    }
}

fn kort(t: &str, n: usize) -> String {
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= n {
        t
    } else {
        format!("{}…", t.chars().take(n).collect::<String>().trim_end())
    }
}

pub fn start(map: &Path, regels: &[ScenarioRegel]) -> String {
    pagina(
        "Scenario's",
        "scenarios",
        html! {
            h1.utrecht-heading-1 { "Scenario's" }
            p.utrecht-paragraph.utrecht-paragraph--lead {
                "Kies een scenario om de begroting te bekijken, een bedrag te herleiden tot de boekingen en ‘wat als’ te rekenen. "
                "Elk scenario is een bestand in " code { (map.join("scenarios").display()) } "."
            }
            form method="get" action="/vergelijk" {
                div.utrecht-table__container.tabel {
                    table.utrecht-table.utrecht-table--html-table.scenariolijst {
                        thead.utrecht-table__header { tr.utrecht-table__row {
                            th.utrecht-table__header-cell scope="col" { span.visueel-verborgen { "Vergelijken" } }
                            th.utrecht-table__header-cell scope="col" { "Scenario" }
                            th.utrecht-table__header-cell scope="col" { "Omschrijving" }
                            th.utrecht-table__header-cell scope="col" { "Jaren" }
                            th.utrecht-table__header-cell scope="col" { "Gegevens" }
                            th.utrecht-table__header-cell.getal scope="col" { "Waarschuwingen" }
                        } }
                        tbody.utrecht-table__body {
                            @for r in regels {
                                (scenariorij(r))
                            }
                        }
                    }
                }
                @if regels.is_empty() {
                    p.utrecht-paragraph { "Er staan geen scenario's in deze map." }
                }
                div.utrecht-button-group {
                    button.utrecht-button.utrecht-button--secondary-action type="submit" { "Vergelijk de aangevinkte scenario's" }
                }
            }
        },
    )
}

/// A scenario's row of the start page: its name (a link), its particulars or why it cannot be
/// computed, and a checkbox to compare it.
fn scenariorij(r: &ScenarioRegel) -> Markup {
    html! {
        tr.utrecht-table__row data-scenario=(r.naam) {
            td.utrecht-table__cell {
                input type="checkbox" name="s" value=(r.naam) aria-label=(format!("{} vergelijken", r.naam));
            }
            td.utrecht-table__cell {
                a.utrecht-link href=(format!("/scenario/{}", r.naam)) { strong { (r.naam) } }
            }
            @match &r.uitkomst {
                Ok(s) => {
                    td.utrecht-table__cell.omschrijving {
                        (kort(&s.omschrijving, 240))
                        @if let Some(o) = &s.ouder { br; span.klein { "afgeleid van " (o) } }
                    }
                    td.utrecht-table__cell.geen-terugloop { (s.jaren) }
                    td.utrecht-table__cell { code { (s.data) } }
                    td.utrecht-table__cell.getal {
                        span.teller.nul[s.waarschuwingen == 0] { (s.waarschuwingen) }
                    }
                }
                Err(m) => {
                    td.utrecht-table__cell colspan="4" {
                        span.fouttekst { "Kan niet worden berekend: " (kort(m, 400)) }
                    }
                }
            }
        }
    }
}

/// Per year the run's overview and its differences against the same year of `referentie`.
fn overzichten(run: &Run, referentie: Option<&Run>) -> Vec<(i32, Tabel, Option<Verschillen>)> {
    run.uitkomst
        .overzichten
        .iter()
        .map(|o| {
            let t = o.tabel();
            let v = referentie.and_then(|r| {
                r.uitkomst
                    .overzichten
                    .iter()
                    .find(|x| x.jaar == o.jaar)
                    .map(|x| t.verschil_met(&x.tabel()))
            });
            (o.jaar, t, v)
        })
        .collect()
}

/// The overview and figures of a run, with the difference against `referentie` beside every
/// figure (a what-if) and trace coordinates on every euro cell.
pub fn resultaat(run: &Run, referentie: Option<&Run>, gewijzigd: &[String]) -> Resultaat<String> {
    let saldo = crate::rapport::raad::saldo_tabel(run);
    let saldo_ref = referentie.map(crate::rapport::raad::saldo_tabel);
    let saldo_verschil = saldo_ref.as_ref().map(|r| saldo.verschil_met(r));
    let grafieken: Vec<_> = crate::rapport::grafiek::saldo_meerjarig(run)
        .into_iter()
        .collect();
    let mut figuren = Vec::new();
    for g in &grafieken {
        figuren.push(figuur(g)?);
    }
    let overzichten = overzichten(run, referentie);
    let w = crate::rapport::dekking::waarschuwingen(&run.waarschuwingen);
    Ok(html! {
        @if let Some(r) = referentie {
            div.utrecht-alert.utrecht-alert--info.watals-melding role="status" {
                div.utrecht-alert__content { p.utrecht-paragraph {
                    strong { "Wat als — niet opgeslagen." } " Gewijzigd ten opzichte van "
                    (r.scenario.naam) ": " (gewijzigd.join(", ")) ". "
                    "Onder elk bedrag staat het verschil met het opgeslagen scenario."
                } }
            }
        }
        section aria-labelledby="kop-kern" {
            h2 #kop-kern.utrecht-heading-2 { "Kerncijfers: saldo per jaar" }
            p.utrecht-paragraph.toelichting { "Baten min lasten per gemeente en groep, in hele euro's; negatief is een tekort. Klik op een bedrag voor de boekingen erachter." }
            (tabel_met("", &saldo, false, &Extra { verschil: saldo_verschil.as_deref(), spoor: Some("saldo") }))
            @for f in &figuren { div.grafiek { (f) } }
        }
        section aria-labelledby="kop-overzicht" {
            h2 #kop-overzicht.utrecht-heading-2 { "Overzicht per jaar" }
            p.utrecht-paragraph.toelichting { "Alle posten per gemeente en groep, zoals overzicht_<jaar>.csv en het werkblad per jaar van " code { "raming bereken" } ": elke rij sluit (methode van de grootste rest)." }
            @for (i, (jaar, t, v)) in overzichten.iter().enumerate() {
                details.jaar open[i == 0] data-jaar=(jaar) {
                    summary { "Lasten en baten " (jaar) }
                    (tabel_met("", t, true, &Extra { verschil: v.as_deref(), spoor: Some(&format!("overzicht_{jaar}")) }))
                }
            }
        }
        section aria-labelledby="kop-waarschuwingen" {
            h2 #kop-waarschuwingen.utrecht-heading-2 { "Waarschuwingen (" (run.waarschuwingen.len()) ")" }
            @if run.waarschuwingen.is_empty() {
                p.utrecht-paragraph { "Geen waarschuwingen: niets aangevuld, aangenomen of overgeslagen dat bedragen verandert." }
            } @else {
                details {
                    summary { "Wat de berekening aanvulde, aannam of oversloeg" }
                    (tabel_met("", &w, false, &Extra::default()))
                }
            }
        }
    }
    .into_string())
}

fn getalveld(naam: &str, waarde: &str, label: &str, klasse: &str) -> Markup {
    html! {
        input.getalveld.(klasse) type="text" inputmode="decimal"
            name=(naam) id=(format!("v-{naam}")) value=(waarde) aria-label=(label) autocomplete="off";
    }
}

fn keuze(naam: &str, label: &str, opties: &[(&str, &str)], huidig: &str) -> Markup {
    html! {
        div.utrecht-form-field {
            label.utrecht-form-label for=(format!("v-{naam}")) { (label) }
            select.utrecht-select.utrecht-select--html-select name=(naam) id=(format!("v-{naam}")) {
                @for (w, t) in opties {
                    option value=(w) selected[*w == huidig] { (t) }
                }
            }
        }
    }
}

/// The what-if panel: every lever with its value in the saved scenario. Long by design: one
/// maud template that reads top to bottom as the panel does.
fn panel(naam: &str, h: &Hefbomen) -> Markup {
    let doelgroepen: Vec<Doelgroep> = {
        let mut d: Vec<_> = h.routes.keys().map(|(d, _)| *d).collect();
        d.dedup();
        d
    };
    let routes: Vec<Route> = {
        let mut r: Vec<_> = h.routes.keys().map(|(_, r)| *r).collect();
        r.sort();
        r.dedup();
        r
    };
    html! {
        form #watals.watals data-scenario=(naam) novalidate autocomplete="off" {
            h2.utrecht-heading-2 { "Wat als?" }
            p.utrecht-paragraph.klein { "Verander een uitgangspunt: de begroting wordt direct herberekend met dezelfde rekenkern als " code { "raming bereken" } ". Decimale komma mag." }
            div #watals-status.status role="status" aria-live="polite" {}
            fieldset.utrecht-form-fieldset.groep {
                legend.utrecht-form-fieldset__legend { "Instroom (factor per jaar)" }
                p.klein { "1 = zoals het scenario, 1,3 = 30 % meer statushouders en gezinsmigranten in alle gemeenten." }
                @for (j, f) in &h.instroom {
                    div.schuif {
                        label for=(format!("v-instroom.{j}")) { (j) }
                        input type="range" min="0" max="3" step="0.05" value=(f.to_string()) data-voor=(format!("instroom.{j}")) aria-label=(format!("Instroomfactor {j} (schuif)"));
                        (getalveld(&format!("instroom.{j}"), &nl(*f), &format!("Instroomfactor {j}"), "smal"))
                    }
                }
            }
            @if !h.routes.is_empty() {
                fieldset.utrecht-form-fieldset.groep {
                    legend.utrecht-form-fieldset__legend { "Routeverdeling" }
                    (keuze("routeverdeling", "Verdeling", &[("laag", "Laag (routeverdeling.csv)"), ("basis", "Basis (routeverdeling.csv)"), ("hoog", "Hoog (routeverdeling.csv)"), ("eigen", "Eigen percentages")], &h.routemodus))
                    div.raster #routes {
                        table.invoertabel {
                            thead { tr { th { "%" } @for r in &routes { th { (match r { Route::B1 => "B1", Route::Onderwijs => "Onderwijs", Route::Z => "Z" }) } } } }
                            tbody {
                                @for d in &doelgroepen {
                                    tr data-veld=(format!("routes.{}", d.id())) {
                                        th scope="row" { (match d { Doelgroep::Asiel => "Asielstatushouders", Doelgroep::Gezin => "Gezinsmigranten" }) }
                                        @for r in &routes {
                                            td { @if let Some(p) = h.routes.get(&(*d, *r)) {
                                                (getalveld(&format!("routes.{}.{}", d.id(), r.id()), &nl(*p), &format!("{} {}", d.id(), r.id()), "smal"))
                                            } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !h.fte.is_empty() {
                fieldset.utrecht-form-fieldset.groep {
                    legend.utrecht-form-fieldset__legend { "Formatie (fte per jaar)" }
                    div.raster {
                        table.invoertabel {
                            thead { tr { th { "Post" } @for j in &h.jaren { th { (j) } } } }
                            tbody {
                                @for (post, omschrijving, jaren) in &h.fte {
                                    tr {
                                        th scope="row" title=(post) { (omschrijving) }
                                        @for j in &h.jaren {
                                            td { @if let Some(x) = jaren.get(j) {
                                                (getalveld(&format!("fte.{j}.{post}"), &nl(*x), &format!("fte {omschrijving} {j}"), "smal"))
                                            } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            fieldset.utrecht-form-fieldset.groep {
                legend.utrecht-form-fieldset__legend { "Indexatie (% per jaar)" }
                div.raster {
                    table.invoertabel {
                        thead { tr { th { "Soort" } @for j in &h.jaren { th { (j) } } } }
                        tbody {
                            @for (s, reeks) in &h.indexatie {
                                @let naam = crate::indexatie::Indexatie::naam(*s);
                                tr {
                                    th scope="row" { (naam) }
                                    @for (j, p) in reeks {
                                        td { (getalveld(&format!("indexatie.{naam}.{j}"), &nl(*p), &format!("indexatie {naam} {j}"), "smal")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            fieldset.utrecht-form-fieldset.groep {
                legend.utrecht-form-fieldset__legend { "SPUK en lasten" }
                (keuze("spuk", "SPUK-baten", &[("beschikking", "Beschikking waar die er is"), ("prognose", "Altijd de raming uit volumes")], watals::spuk_id(h.spuk)))
                (keuze("spuk_baten", "SPUK boeken als", &[("beschikking", "De beschikking"), ("beste_schatting", "Beste schatting (BBV)")], watals::spuk_baten_id(h.spuk_baten)))
                (keuze("inburgeringsvoorzieningen", "Lasten inburgeringsvoorzieningen", &[("spuk", "Gelijk aan de SPUK"), ("routes", "Kosten per deelnemer (routes)")], watals::voorzieningen_id(h.voorzieningen)))
            }
            @if let Some(r) = &h.risico {
                fieldset.utrecht-form-fieldset.groep {
                    legend.utrecht-form-fieldset__legend { "Risico (Monte Carlo)" }
                    p.klein { "Voor " code { "raming risico" } " en het risicohoofdstuk van het raadsrapport; de bedragen hiernaast veranderen er niet door." }
                    @if let Some((laag, modus, hoog)) = r.driehoek {
                        table.invoertabel data-veld="risico.instroom" {
                            thead { tr { th { "Instroomfactor" } th { "laag" } th { "modus" } th { "hoog" } } }
                            tbody { tr {
                                th scope="row" { "driehoek" }
                                td { (getalveld("risico.instroom.laag", &nl(laag), "Risico instroom laag", "smal")) }
                                td { (getalveld("risico.instroom.modus", &nl(modus), "Risico instroom modus", "smal")) }
                                td { (getalveld("risico.instroom.hoog", &nl(hoog), "Risico instroom hoog", "smal")) }
                            } }
                        }
                    }
                    div.schuif {
                        label for="v-risico.correlatie" { "Corr." }
                        span.klein { "tussen opeenvolgende jaren" }
                        (getalveld("risico.correlatie", &nl(r.correlatie), "Correlatie tussen jaren", "smal"))
                    }
                    div.schuif {
                        label for="v-risico.trekkingen" { "Trekk." }
                        span.klein { "aantal trekkingen" }
                        (getalveld("risico.trekkingen", &r.trekkingen.to_string(), "Aantal trekkingen", "smal"))
                    }
                    (keuze("risico.routeverdeling", "Routeverdeling trekken tussen laag en hoog", &[("ja", "Ja"), ("nee", "Nee")], if r.routes { "ja" } else { "nee" }))
                }
            }
            div.utrecht-button-group {
                button.utrecht-button.utrecht-button--secondary-action type="button" #herstel { "Terug naar het opgeslagen scenario" }
            }
            details.scenariotekst {
                summary { "Scenariotekst van deze wijziging (TOML)" }
                pre #toml { "(nog niets gewijzigd)" }
            }
        }
    }
}

pub fn scenario(naam: &str, run: &Run, map: &Path, resultaat_html: &str) -> String {
    let s = samenvatting(run, map);
    let h = watals::hefbomen(run);
    let ouders: Vec<String> = run
        .scenario
        .ouders
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    pagina(
        &format!("Scenario {naam}"),
        "scenarios",
        html! {
            nav.kruimels aria-label="Kruimelpad" { a.utrecht-link href="/" { "Scenario's" } " › " span { (naam) } }
            h1.utrecht-heading-1 { "Scenario " (naam) }
            @if !s.omschrijving.is_empty() { p.utrecht-paragraph.omschrijving { (s.omschrijving) } }
            dl.kenmerken {
                div { dt { "Jaren" } dd { (s.jaren) } }
                div { dt { "Gegevens" } dd { code { (s.data) } } }
                @if !ouders.is_empty() { div { dt { "Afgeleid van" } dd { @for (i, o) in ouders.iter().enumerate() { @if i > 0 { " → " } a.utrecht-link href=(format!("/scenario/{o}")) { (o) } } } } }
                div { dt { "Waarschuwingen" } dd { (s.waarschuwingen) } }
            }
            div.werkblad {
                aside.paneel aria-label="Wat als" {
                    (panel(naam, &h))
                    (opslaan_en_downloads(naam))
                }
                div #resultaat.resultaat aria-live="polite" { (PreEscaped(resultaat_html)) }
            }
            dialog #spoor.spoor aria-labelledby="spoor-kop" {
                div.spoor-kop { h2 #spoor-kop.utrecht-heading-3 { "Herkomst van het bedrag" } button.utrecht-button.utrecht-button--subtle type="button" #spoor-sluit { "Sluiten" } }
                div #spoor-inhoud {}
            }
        },
    )
}

/// Saving the what-if as a child scenario, and the downloads of the run on the screen.
fn opslaan_en_downloads(naam: &str) -> Markup {
    html! {
        section.opslaan aria-labelledby="kop-opslaan" {
            h2 #kop-opslaan.utrecht-heading-3 { "Opslaan als scenario" }
            p.klein { "Schrijft een nieuw scenariobestand met " code { (format!("basis = \"{naam}.toml\"")) } " en alleen de gewijzigde uitgangspunten; een bestaand bestand wordt nooit overschreven." }
            form #opslaan novalidate {
                div.utrecht-form-field {
                    label.utrecht-form-label for="opslaan-naam" { "Naam (letters, cijfers, _ of -)" }
                    input #opslaan-naam.utrecht-textbox.utrecht-textbox--html-input type="text" name="naam" required pattern="[A-Za-z0-9_-]+" maxlength="80";
                }
                div.utrecht-form-field {
                    label.utrecht-form-label for="opslaan-omschrijving" { "Omschrijving" }
                    textarea #opslaan-omschrijving.utrecht-textarea.utrecht-textbox name="omschrijving" rows="3" {}
                }
                div #opslaan-status role="status" aria-live="polite" {}
                button.utrecht-button.utrecht-button--primary-action type="submit" { "Opslaan als scenario" }
            }
        }
        section.downloads aria-labelledby="kop-downloads" {
            h2 #kop-downloads.utrecht-heading-3 { "Downloaden" }
            p.klein { "Van het scenario zoals het nu op het scherm staat, ook met niet-opgeslagen wijzigingen." }
            form #download method="post" action=(format!("/api/scenario/{naam}/download/werkboek")) {
                input type="hidden" name="velden" value="{}";
                ul.downloadlijst {
                    li { button.utrecht-button.utrecht-button--secondary-action type="submit" formaction=(format!("/api/scenario/{naam}/download/werkboek")) { "Werkboek (xlsx)" } }
                    li { button.utrecht-button.utrecht-button--secondary-action type="submit" formaction=(format!("/api/scenario/{naam}/download/rapport")) { "Raadsrapport (HTML)" } }
                    li { button.utrecht-button.utrecht-button--secondary-action type="submit" formaction=(format!("/api/scenario/{naam}/download/docx")) { "Raadsrapport (Word)" } }
                    li { button.utrecht-button.utrecht-button--secondary-action type="submit" formaction=(format!("/api/scenario/{naam}/download/csv")) { "Tabellen (CSV, zip)" } }
                    li { button.utrecht-button.utrecht-button--secondary-action type="submit" formaction=(format!("/api/scenario/{naam}/download/grafieken")) { "Grafieken (PNG en SVG, zip)" } }
                }
            }
        }
    }
}

/// The bookings behind a figure, each with the rule that made it and the input rows (file, row,
/// content and bron) behind it: `rapport::herkomst`, as `raming herkomst` shows it.
pub fn spoor(
    titel: &str,
    sporen: &[crate::rapport::herkomst::Spoor],
    getoond: Option<&Cel>,
) -> String {
    let (totaal, gemengd) = crate::rapport::herkomst::totaal(sporen);
    let wat = if gemengd {
        "baten − lasten van de boekingen hieronder"
    } else {
        "de som van de boekingen hieronder"
    };
    html! {
        p.utrecht-paragraph { strong { (titel) } }
        @if let Some(Cel::Euro(x)) = getoond {
            p.klein { "Getoond: " (crate::opmaak::euro(*x)) "; exact (" (wat) "): " (crate::opmaak::euro_centen(totaal)) "." }
        }
        @if sporen.is_empty() {
            p.utrecht-paragraph { "Geen boekingen." }
        } @else {
            div.tabel {
                table.spoortabel {
                    thead { tr { th { "Gemeente" } th { "Jaar" } th { "Post" } th { "Rekenregel" } th { "Invoer (bestand, rij: inhoud — bron)" } th.getal { "Bedrag" } } }
                    tbody {
                        @for s in sporen {
                            @let b = &s.boeking;
                            tr {
                                td { (s.gemeente) }
                                td { (b.jaar) }
                                td { (b.omschrijving()) br; code { (b.post) } " · " (b.soort.id()) }
                                td.regel { (s.verklaring.regel) }
                                td.invoer {
                                    @if s.invoer.is_empty() { span.klein { "–" } }
                                    ul {
                                        @for r in &s.invoer {
                                            li {
                                                code { (Path::new(&r.bestand).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| r.bestand.clone())) ", rij " (r.rij) }
                                                @if !r.inhoud.is_empty() { ": " (r.inhoud) }
                                                @if !r.bron.is_empty() { br; span.bron { "bron: " (r.bron) } }
                                            }
                                        }
                                    }
                                }
                                td.getal { (crate::opmaak::euro_centen(b.bedrag)) }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

/// Scenarios side by side: the `vergelijk` tables.
pub fn vergelijk(
    namen: &[String],
    gekozen: &[String],
    v: Option<(&crate::rapport::vergelijking::Vergelijking, &[&str])>,
    fout: Option<&str>,
) -> Resultaat<String> {
    let mut figuren = Vec::new();
    if let Some((v, groepen)) = v {
        for g in crate::rapport::grafiek::voor_vergelijking(v, groepen) {
            figuren.push(figuur(&g)?);
        }
    }
    Ok(pagina(
        "Scenario's vergelijken",
        "vergelijk",
        html! {
            h1.utrecht-heading-1 { "Scenario's vergelijken" }
            form.vergelijkkeuze method="get" action="/vergelijk" {
                fieldset.utrecht-form-fieldset {
                    legend.utrecht-form-fieldset__legend { "Kies twee of meer scenario's; het eerste is de referentie" }
                    div.keuzes {
                        @for n in namen {
                            label.keuze { input type="checkbox" name="s" value=(n) checked[gekozen.contains(n)]; " " (n) }
                        }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { "Vergelijk" }
            }
            @if let Some(f) = fout {
                div.utrecht-alert.utrecht-alert--error role="alert" { div.utrecht-alert__content { p.utrecht-paragraph.melding { (f) } } }
            }
            @if let Some((v, _)) = v {
                @if let Some((van, tot, t)) = crate::rapport::vergelijking::meerjarig(v) {
                    h2.utrecht-heading-2 { "Saldo " (van) "–" (tot) " per scenario" }
                    p.utrecht-paragraph.toelichting { "Som over de jaren, exact opgeteld en één keer afgerond; Δ is het verschil met " (v.scenarios[0]) " (zoals " code { "raming vergelijk" } ")." }
                    (tabel_met("", &t, false, &Extra::default()))
                }
                @for f in &figuren { div.grafiek { (f) } }
                h2.utrecht-heading-2 { "Per jaar" }
                @for (i, j) in v.jaren.iter().enumerate() {
                    details.jaar open[i == 0] {
                        summary { "Saldo " (j) }
                        (tabel_met("", &crate::rapport::vergelijking::tabel_jaar(v, *j), false, &Extra::default()))
                    }
                }
            }
        },
    ))
}

/// Reading a filled-in input workbook (the `sjabloon`).
pub fn inlezen(scenarios: &[String]) -> String {
    pagina(
        "Invoer inlezen",
        "inlezen",
        html! {
            h1.utrecht-heading-1 { "Invoer inlezen" }
            p.utrecht-paragraph.utrecht-paragraph--lead {
                "Lees een ingevuld invoerwerkboek in (gemaakt met " code { "raming sjabloon" } "). Elk blad wordt gecontroleerd zoals bij "
                code { "raming importeer" } "; wat niet klopt staat hieronder per blad en cel. Een geldig werkboek kunt u opslaan als gegevensmap met een scenario."
            }
            form #inlezen.inlezen novalidate {
                div.utrecht-form-field {
                    label.utrecht-form-label for="inlezen-bestand" { "Invoerwerkboek (.xlsx, hoogstens 20 MB)" }
                    input #inlezen-bestand type="file" name="bestand" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required;
                }
                fieldset.utrecht-form-fieldset.groep {
                    legend.utrecht-form-fieldset__legend { "Opslaan als gegevensmap en scenario (optioneel)" }
                    div.utrecht-form-field {
                        label.utrecht-form-label for="inlezen-naam" { "Naam (letters, cijfers, _ of -): wordt data/<naam>/ en scenarios/<naam>.toml" }
                        input #inlezen-naam.utrecht-textbox.utrecht-textbox--html-input type="text" name="naam" maxlength="80";
                    }
                    div.utrecht-form-field {
                        label.utrecht-form-label for="inlezen-ouder" { "Uitgangspunten van scenario" }
                        select #inlezen-ouder.utrecht-select.utrecht-select--html-select name="ouder" {
                            @for n in scenarios { option value=(n) selected[n == "basis"] { (n) } }
                        }
                    }
                    div.utrecht-form-field {
                        label.utrecht-form-label for="inlezen-omschrijving" { "Omschrijving" }
                        textarea #inlezen-omschrijving.utrecht-textbox name="omschrijving" rows="2" {}
                    }
                }
                div.utrecht-button-group {
                    button.utrecht-button.utrecht-button--secondary-action type="submit" value="0" { "Controleren" }
                    button.utrecht-button.utrecht-button--primary-action type="submit" value="1" { "Controleren en opslaan" }
                }
            }
            div #inlezen-uitkomst role="status" aria-live="polite" {}
        },
    )
}
