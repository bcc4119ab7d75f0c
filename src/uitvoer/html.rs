//! The raad report as one self-contained HTML file in Dutch (inline CSS, charts as inline SVG, no
//! external files or URLs), written with maud: every text is escaped by default and the markup
//! is checked at compile time. Layout only: the document (`rapport::raad::Raadsrapport`) and
//! every figure in it come from the report layer. Print CSS gives A4 pages: chapters start on a
//! new page, headings stay with what follows, wide tables get landscape pages of their own.

use crate::Run;
use crate::fout::Resultaat;
use crate::rapport::raad::{Blok, Hoofdstuk, Raadsrapport};
use crate::rapport::tabel::{Cel, Tabel};
use crate::uitvoer::grafiek;
use crate::uitvoer::opmaak::{decimaal, euro_centen, geheel, getal_nl};
use crate::uitvoer::vergelijking::Vergelijking;
use maud::{DOCTYPE, Markup, PreEscaped, html};

pub use crate::rapport::Invoerbestand;
pub use crate::rapport::raad::datum_nl;

const CSS: &str = r#"
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.9em; margin: 0 0 0.3em; color: #1f3b73; }
h2 { font-size: 1.35em; border-bottom: 2px solid #1f3b73; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-top: 1.4em; }
h1, h2, h3, .bijschrift { break-after: avoid; page-break-after: avoid; }
.titelpagina { padding: 3em 0 2em; border-bottom: 2px solid #1f3b73; }
.titelpagina .ondertitel { font-size: 1.2em; color: #333; }
.titelpagina dl { display: grid; grid-template-columns: max-content auto; gap: 0.3em 1.2em; margin-top: 2em; }
.titelpagina dt { font-weight: bold; }
.titelpagina dd { margin: 0; }
.status { display: inline-block; border: 2px solid #b00000; color: #b00000; padding: 0.1em 0.6em; font-weight: bold; text-transform: uppercase; letter-spacing: 0.05em; }
.voorlezen { border-left: 4px solid #1f3b73; background: #f2f5fa; padding: 0.6em 1em; margin: 1em 0; }
.voorlezen p { margin: 0.4em 0; font-size: 1.05em; }
.tabel { max-width: 100%; overflow-x: auto; margin: 0.4em 0 1em; }
.bijschrift { font-weight: bold; font-size: 0.9em; margin: 1em 0 0.2em; }
table { border-collapse: collapse; font-size: 0.82em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.45em; vertical-align: top; }
th { background: #d9e1f2; text-align: left; vertical-align: bottom; }
td.getal, th.getal { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.totaal td { font-weight: bold; border-top: 2px solid #333; }
td.negatief { color: #b00000; }
figure { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
.kern figure { max-width: 85%; }
figcaption { font-size: 0.85em; color: #444; }
.samen { break-inside: avoid; page-break-inside: avoid; }
.begrippen dt { font-weight: bold; margin-top: 0.6em; }
.begrippen dd { margin: 0.1em 0 0 1.5em; }
.bijlage { font-size: 0.92em; }
.bijlage td { overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; word-break: break-all; }
@page { size: A4; margin: 15mm 15mm 16mm; @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt; color: #555; } }
@page breed { size: A4 landscape; margin: 12mm 12mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  .titelpagina { border: none; padding-top: 50mm; }
  section.hoofdstuk { page-break-before: always; break-before: page; }
  .tabel { overflow: visible; }
  .heel, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .breed { page: breed; }
  .breed table { font-size: 0.9em; }
  figure svg { max-height: 120mm; }
}
"#;

/// A table cell: numbers right-aligned (negative in red), displayed whole euros with their value
/// in `data-waarde`. Formatting only.
fn cel(c: &Cel) -> Markup {
    match c {
        Cel::Tekst(x) => html! { td { (x) } },
        Cel::Euro(x) => {
            let negatief = x.is_sign_negative() && !x.is_zero();
            html! { td.getal.negatief[negatief] data-waarde=(geheel(*x)) { (getal_nl(*x)) } }
        }
        Cel::Bedrag(x) => html! { td.getal { (euro_centen(*x)) } },
        Cel::Getal(x) => html! { td.getal { (decimaal(*x).replace('.', ",")) } },
        Cel::Procent(x) => html! { td.getal { (decimaal(*x).replace('.', ",")) " %" } },
        Cel::Geheel(x) => html! { td.getal { (x) } },
        Cel::Leeg => html! { td {} },
    }
}

/// A report table as an HTML table with its caption above it.
pub fn tabel(titel: &str, t: &Tabel, breed: bool) -> Markup {
    tabel_met(titel, t, breed, &Extra::default())
}

/// What the browser app (`raming serve`) adds to a table: the difference beside each figure
/// (computed in the report layer, `Tabel::verschil_met`) and where a figure can be traced.
#[derive(Default)]
pub struct Extra<'a> {
    /// Per row and cell: the difference against the saved scenario.
    pub verschil: Option<&'a [Vec<Option<rust_decimal::Decimal>>]>,
    /// A name for the table: euro cells get `data-tabel`, `data-rij` (the row's first cell) and
    /// `data-kolom` (the column id), so a click can ask for the bookings behind the figure.
    pub spoor: Option<&'a str>,
}

/// [`tabel`] with the browser app's extras; without extras the same markup.
pub fn tabel_met(titel: &str, t: &Tabel, breed: bool, extra: &Extra) -> Markup {
    let getal = |c: usize| {
        t.rijen
            .iter()
            .any(|r| !matches!(r.cellen[c], Cel::Tekst(_) | Cel::Leeg))
    };
    // Short tables are kept on one page; long ones break between rows (the header repeats).
    let heel = t.rijen.len() <= 30;
    let rij_sleutel = |r: &crate::rapport::tabel::Rij| match r.cellen.first() {
        Some(Cel::Tekst(x)) => x.to_string(),
        Some(Cel::Geheel(x)) => x.to_string(),
        _ => String::new(),
    };
    html! {
        div.tabel.breed[breed].heel[heel] {
            @if !titel.is_empty() { p.bijschrift { (titel) } }
            table {
                thead { tr { @for (c, k) in t.kolommen.iter().enumerate() {
                    th.getal[getal(c)] { (k.kop) }
                } } }
                tbody { @for (i, r) in t.rijen.iter().enumerate() {
                    tr.totaal[r.nadruk] { @for (c, x) in r.cellen.iter().enumerate() {
                        @let verschil = extra.verschil.and_then(|v| v.get(i)?.get(c).copied().flatten());
                        @match (extra.spoor, x) {
                            (Some(naam), Cel::Euro(_)) => {
                                (cel_extra(x, verschil, Some((naam, rij_sleutel(r), &t.kolommen[c].id))))
                            }
                            _ => @if extra.verschil.is_some() { (cel_extra(x, verschil, None)) } @else { (cel(x)) },
                        }
                    } }
                } }
            }
        }
    }
}

/// A euro cell with its difference below it (when not zero) and its trace coordinates.
fn cel_extra(
    c: &Cel,
    verschil: Option<rust_decimal::Decimal>,
    spoor: Option<(&str, String, &String)>,
) -> Markup {
    let Cel::Euro(x) = c else { return cel(c) };
    let negatief = x.is_sign_negative() && !x.is_zero();
    let verschil = verschil.filter(|d| !d.is_zero());
    let (tabel, rij, kolom) = match spoor {
        Some((t, r, k)) => (Some(t), Some(r), Some(k.as_str())),
        None => (None, None, None),
    };
    html! {
        td.getal.negatief[negatief].spoorbaar[tabel.is_some()] data-waarde=(geheel(*x))
            data-tabel=[tabel] data-rij=[rij] data-kolom=[kolom]
            tabindex=[tabel.map(|_| "0")] {
            (getal_nl(*x))
            @if let Some(d) = verschil {
                span.verschil.min[d.is_sign_negative()] {
                    (if d.is_sign_negative() { "−" } else { "+" }) (getal_nl(d.abs()))
                }
            }
        }
    }
}

/// A chart as an inline SVG figure with its caption (no URL in it).
pub fn figuur(g: &grafiek::Grafiek) -> Resultaat<Markup> {
    let s = grafiek::svg(g)?;
    // Inline SVG in HTML needs no namespace; dropping it keeps the file free of any URL.
    let s = s.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    let label = html! { (g.titel) }.into_string();
    let s = s.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    );
    Ok(html! { figure { (PreEscaped(s)) figcaption { (g.titel) } } })
}

fn blok(b: &Blok) -> Resultaat<Markup> {
    Ok(match b {
        Blok::Alinea(t) => html! { p { (t) } },
        Blok::Opsomming(z) => html! { ul { @for x in z { li { (x) } } } },
        Blok::Kop(t) => html! { h3 { (t) } },
        Blok::Tabel {
            titel,
            tabel: t,
            breed,
        } => tabel(titel, t, *breed),
        Blok::Grafiek(g) => figuur(g)?,
        Blok::Code(t) => html! { p { code { (t) } } },
    })
}

/// The blocks of a chapter; a sub-heading is kept together with the block after it.
fn blokken(bs: &[Blok]) -> Resultaat<Markup> {
    let mut uit = String::new();
    let mut i = 0;
    while i < bs.len() {
        let volgende_klein = match bs.get(i + 1) {
            Some(Blok::Tabel { tabel, breed, .. }) => !breed && tabel.rijen.len() <= 30,
            Some(Blok::Kop(_)) | None => false,
            Some(_) => true,
        };
        if matches!(bs[i], Blok::Kop(_)) && volgende_klein {
            let (a, b) = (blok(&bs[i])?, blok(&bs[i + 1])?);
            uit.push_str(&html! { div.samen { (a) (b) } }.into_string());
            i += 2;
        } else {
            uit.push_str(&blok(&bs[i])?.into_string());
            i += 1;
        }
    }
    Ok(PreEscaped(uit))
}

fn hoofdstuk(h: &Hoofdstuk, klasse: &str) -> Resultaat<Markup> {
    let inhoud = blokken(&h.blokken)?;
    Ok(html! {
        section class=(format!("hoofdstuk {klasse}").trim_end()) {
            h2 { (h.titel) }
            (inhoud)
        }
    })
}

/// The title page: organisation, title, status and the report's particulars.
fn titelpagina(r: &Raadsrapport) -> Markup {
    html! {
        header.titelpagina {
            @if let Some(o) = &r.organisatie { p.organisatie { (o) } }
            h1 { (r.titel) }
            p.ondertitel { (r.ondertitel) }
            p { span.status { (r.status) } }
            dl {
                @if let Some(x) = &r.regio { dt { "Regio" } dd { (x) } }
                @if let Some(x) = &r.organisatie { dt { "Organisatie" } dd { (x) } }
                dt { "Status" } dd { (r.status) }
                @if let Some(x) = &r.versie { dt { "Versie" } dd { (x) } }
                dt { "Datum" } dd { (r.datum) }
            }
        }
    }
}

/// The whole document as HTML.
pub fn render(r: &Raadsrapport) -> Resultaat<String> {
    let k = &r.kerncijfers;
    let kern_grafiek = figuur(&k.grafiek)?;
    let mut hoofdstukken = String::new();
    for h in &r.hoofdstukken {
        hoofdstukken.push_str(&hoofdstuk(h, "")?.into_string());
    }
    let mut bijlagen = String::new();
    for h in &r.bijlagen {
        bijlagen.push_str(&hoofdstuk(h, "bijlage")?.into_string());
    }
    let doc = html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(r.programma);
                title { (r.titel) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (titelpagina(r))
                section.hoofdstuk.kern {
                    h2 { "Kerncijfers" }
                    div.voorlezen { @for z in &k.zinnen { p { (z) } } }
                    (tabel("Saldo per jaar (hele euro's; negatief is een tekort)", &k.tabel, k.tabel.kolommen.len() > 8))
                    (kern_grafiek)
                }
                (PreEscaped(hoofdstukken))
                @if !r.beslispunten.is_empty() {
                    section.hoofdstuk {
                        h2 { "Beslispunten" }
                        p { "Het college stelt de raad voor:" }
                        ol { @for b in &r.beslispunten { li { (b) } } }
                    }
                }
                section.hoofdstuk {
                    h2 { "Begrippenlijst" }
                    dl.begrippen { @for (t, u) in &r.begrippen { dt { (t) } dd { (u) } } }
                }
                section.hoofdstuk.bijlage {
                    h2 { "Technische bijlage" }
                    p { "De bijlage is voor wie de berekening wil nagaan: de instellingen, alle posten per jaar, de waarschuwingen, de invoer met bron en de controlegetallen van de invoerbestanden." }
                }
                (PreEscaped(bijlagen))
            }
        }
    };
    Ok(doc.into_string())
}

/// The whole report from the runs: the report layer builds the document, this renders it.
pub fn rapport(
    runs: &[Run],
    vergelijking: Option<&Vergelijking>,
    risico: Option<&crate::rapport::risico::RisicoRapport>,
    datum: &str,
    invoer: &[Invoerbestand],
) -> Resultaat<String> {
    if runs.is_empty() {
        return Ok(String::new());
    }
    render(&crate::rapport::raad::maak(
        runs,
        vergelijking,
        risico,
        datum,
        invoer,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_escaping() {
        assert_eq!(datum_nl("2026-11-22"), "22 november 2026");
        let mut t = Tabel::nieuw(&[("a", "A <b>")]);
        t.rij(vec![Cel::tekst("=HYPERLINK(\"x\") <b>&")]);
        let h = tabel("", &t, false).into_string();
        assert!(
            h.contains("=HYPERLINK(&quot;x&quot;) &lt;b&gt;&amp;"),
            "{h}"
        );
        assert!(h.contains("A &lt;b&gt;"));
    }
}
