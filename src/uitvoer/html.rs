//! The raad report: one self-contained HTML file in Dutch (inline CSS, charts as inline SVG, no
//! external files or URLs), with a summary in words generated from the figures, the tables, the
//! charts, the settlement risk, the assumptions with their bron, and a colophon with the tool
//! version and a SHA-256 of every input file. Print CSS gives clean A4 pages.

use crate::Run;
use crate::fout::Resultaat;
use crate::ledger::Soort;
use crate::rapport::cijfers;
use crate::rapport::tabel::{Cel, Tabel};
use crate::uitvoer::grafiek;
use crate::uitvoer::opmaak::{euro, geheel, getal_nl};
use crate::uitvoer::vergelijking::Vergelijking;
use rust_decimal::Decimal;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn esc(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

/// A date `JJJJ-MM-DD` in Dutch: `22 november 2026`.
pub fn datum_nl(iso: &str) -> String {
    const MAANDEN: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    match iso.parse::<jiff::civil::Date>() {
        Ok(d) => format!(
            "{} {} {:04}",
            d.day(),
            MAANDEN[(d.month() - 1) as usize],
            d.year()
        ),
        Err(_) => iso.to_string(),
    }
}

pub use crate::rapport::Invoerbestand;

fn svg_inline(g: &grafiek::Grafiek) -> Resultaat<String> {
    let s = grafiek::svg(g)?;
    // Inline SVG in HTML needs no namespace; dropping it keeps the file free of any URL.
    let s = s.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    Ok(s.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", esc(&g.titel)),
        1,
    ))
}

const CSS: &str = r#"
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #1f3b73; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.05em; margin-top: 1.5em; }
p.datum { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.82em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; }
th { background: #d9e1f2; text-align: left; }
td.getal, th.getal { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.totaal td { font-weight: bold; border-top: 2px solid #333; }
td.negatief { color: #b00000; }
figure { margin: 1em 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #444; }
.samenvatting li { margin-bottom: 0.4em; }
.colofon { font-size: 0.8em; color: #444; }
.colofon code { word-break: break-all; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  h2 { page-break-before: always; break-before: page; }
  h2.eerste { page-break-before: avoid; break-before: avoid; }
  table, figure, tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  @page { size: A4; margin: 15mm; }
}
"#;

fn cel(x: Decimal) -> String {
    let klasse = if x.is_sign_negative() && !x.is_zero() {
        "getal negatief"
    } else {
        "getal"
    };
    format!(
        "<td class=\"{klasse}\" data-waarde=\"{}\">{}</td>",
        geheel(x),
        getal_nl(x)
    )
}

/// A report table as an HTML table: Dutch headings, numbers right-aligned (negative in red),
/// group and total rows marked. Formatting only: every figure comes from the `Tabel`.
fn tabel_html(t: &Tabel) -> String {
    let getal = |c: usize| {
        t.rijen
            .iter()
            .any(|r| !matches!(r.cellen[c], Cel::Tekst(_) | Cel::Leeg))
    };
    let mut h = String::from("<table><thead><tr>");
    for (c, k) in t.kolommen.iter().enumerate() {
        let klasse = if getal(c) { " class=\"getal\"" } else { "" };
        let _ = write!(h, "<th{klasse}>{}</th>", esc(&k.kop));
    }
    h.push_str("</tr></thead><tbody>");
    for r in &t.rijen {
        h.push_str(if r.nadruk {
            "<tr class=\"totaal\">"
        } else {
            "<tr>"
        });
        for c in &r.cellen {
            match c {
                Cel::Tekst(x) => {
                    let _ = write!(h, "<td>{}</td>", esc(x));
                }
                Cel::Euro(x) => h.push_str(&cel(*x)),
                Cel::Bedrag(x) => {
                    let _ = write!(
                        h,
                        "<td class=\"getal\">{}</td>",
                        esc(&crate::uitvoer::opmaak::euro_centen(*x))
                    );
                }
                Cel::Getal(x) => {
                    let _ = write!(
                        h,
                        "<td class=\"getal\">{}</td>",
                        crate::uitvoer::opmaak::decimaal(*x).replace('.', ",")
                    );
                }
                Cel::Procent(x) => {
                    let _ = write!(
                        h,
                        "<td class=\"getal\">{} %</td>",
                        crate::uitvoer::opmaak::decimaal(*x).replace('.', ",")
                    );
                }
                Cel::Geheel(x) => {
                    let _ = write!(h, "<td class=\"getal\">{x}</td>");
                }
                Cel::Leeg => h.push_str("<td></td>"),
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>\n");
    h
}

/// Posts that pass money through unchanged (with `inburgeringsvoorzieningen = "spuk"` the lasten
/// equal the SPUK baten): they never explain a deficit.
fn doorgegeven(run: &Run, post: &str) -> bool {
    run.scenario.instellingen.voorzieningen == crate::berekening::Voorzieningen::Spuk
        && matches!(
            post,
            "spuk" | "spuk_onderwijsroute" | "inburgeringsvoorzieningen"
        )
}

/// The bestemmingsreserve of a run with `[reserve]`: per gemeente and group and year the
/// resultaat vóór bestemming, the addition and withdrawal, the resultaat ná bestemming and the
/// balance at the start and end of the year. Empty without `[reserve]`.
fn reserve_sectie(run: &Run) -> String {
    let Some(r) = &run.reserve else {
        return String::new();
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<h2>{} — {}</h2>\n<p>Het overschot op het IU-deel (de integratie-uitkering min alle lasten behalve de \
         doorgegeven SPUK: die wordt op de werkelijke aantallen afgerekend en kan niet in een reserve) wordt aan de \
         reserve toegevoegd, tot het plafond als dat er is; een tekort op het IU-deel wordt eruit onttrokken, \
         hoogstens tot het saldo (de rest blijft een tekort en staat bij de waarschuwingen). Het resultaat ná \
         bestemming is het saldo in de overige tabellen. Hele euro's; de exacte bedragen staan in \
         <code>bestemmingsreserve.csv</code>.</p>\n<table><thead><tr><th>Gemeente / groep</th><th class=\"getal\">Jaar</th>\
         <th class=\"getal\">Resultaat vóór bestemming</th><th class=\"getal\">Toevoeging</th>\
         <th class=\"getal\">Onttrekking</th><th class=\"getal\">Resultaat ná bestemming</th>\
         <th class=\"getal\">Beginsaldo</th><th class=\"getal\">Eindsaldo</th></tr></thead><tbody>",
        esc(&r.naam),
        esc(&run.scenario.naam)
    );
    let aantal = run.gegevens.gemeenten.len();
    let mut vorige = String::new();
    for (i, (naam, l)) in crate::rapport::reserve::regels(&run.gegevens, run.reserve.as_ref())
        .iter()
        .enumerate()
    {
        let groep = i / run.uitkomst.jaren.len().max(1) >= aantal;
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td class=\"getal\">{}</td>",
            if groep { " class=\"totaal\"" } else { "" },
            if *naam == vorige {
                String::new()
            } else {
                esc(naam)
            },
            l.jaar
        );
        vorige = naam.clone();
        for x in [
            l.resultaat_voor,
            l.toevoeging,
            l.onttrekking,
            l.resultaat_na,
            l.beginsaldo,
            l.eindsaldo,
        ] {
            h.push_str(&cel(cijfers::hele_euros(x)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>\n");
    h
}

/// Sentences about the first run's figures: the saldo per group (or gemeente) in the last year,
/// deficits and what causes them, the multi-year total and the SPUK settlement.
pub fn samenvatting(run: &Run) -> Vec<String> {
    let mut zinnen = Vec::new();
    let overz = &run.uitkomst.overzichten;
    let (Some(eerste), Some(laatste)) = (overz.first(), overz.last()) else {
        return zinnen;
    };
    let groepen: Vec<String> = run
        .gegevens
        .groepen
        .iter()
        .map(|g| g.naam.clone())
        .collect();
    let namen: Vec<String> = if groepen.is_empty() {
        eerste.kolommen.clone()
    } else {
        groepen
    };
    for n in &namen {
        let s = laatste.waarde("saldo", n).unwrap_or_default();
        // The multi-year saldo as everywhere else (vergelijk, the table below): rounded once.
        let totaal = cijfers::saldo_meerjarig(&run.uitkomst, n);
        zinnen.push(format!(
            "In {} is het saldo voor {} {} {}; over {}–{} samen {} {}.",
            laatste.jaar,
            esc(n),
            euro(s.abs()),
            if s.is_sign_negative() && !s.is_zero() {
                "negatief"
            } else {
                "positief"
            },
            eerste.jaar,
            laatste.jaar,
            euro(totaal.abs()),
            if totaal.is_sign_negative() && !totaal.is_zero() {
                "negatief (tekort)"
            } else {
                "positief (overschot)"
            }
        ));
    }
    // Deficits: the first year each gemeente or group goes negative, and what drives it.
    for k in &eerste.kolommen {
        let Some(o) = overz
            .iter()
            .find(|o| o.waarde("saldo", k).is_some_and(|s| s < Decimal::ZERO))
        else {
            continue;
        };
        let s = o.waarde("saldo", k).unwrap_or_default();
        let b = o.waarde("totaal_baten", k).unwrap_or_default();
        let l = o.waarde("totaal_lasten", k).unwrap_or_default();
        let mut zin = format!(
            "In {} is het saldo voor {} {} negatief: de lasten ({}) zijn hoger dan de baten ({})",
            o.jaar,
            esc(k),
            euro(-s),
            euro(l),
            euro(b)
        );
        if o.jaar == eerste.jaar {
            // First year: name the largest lasten post.
            let grootste = o
                .rijen
                .iter()
                .filter(|r| {
                    !r.is_totaal
                        && !doorgegeven(run, &r.post)
                        && run
                            .ledger
                            .posten(o.jaar)
                            .iter()
                            .any(|p| p.post == r.post && p.soort == Soort::Lasten)
                })
                .filter_map(|r| o.waarde(&r.post, k).map(|v| (r.omschrijving.clone(), v)))
                .max_by_key(|(_, v)| *v);
            if let Some((post, v)) = grootste {
                let label = post
                    .trim_end_matches(&o.jaar.to_string())
                    .trim()
                    .to_lowercase();
                let _ = write!(
                    zin,
                    "; de grootste lastenpost is {} ({})",
                    esc(&label),
                    euro(v)
                );
            }
        }
        // The post that moved the saldo most since the first year.
        if o.jaar != eerste.jaar {
            let mut slechtste: Option<(String, Decimal, Decimal)> = None;
            for p in run
                .ledger
                .posten(o.jaar)
                .into_iter()
                .chain(run.ledger.posten(eerste.jaar))
                .filter(|p| !doorgegeven(run, &p.post))
            {
                let nu = o.waarde(&p.post, k).unwrap_or_default();
                let toen = eerste.waarde(&p.post, k).unwrap_or_default();
                let effect = if p.soort == Soort::Baten {
                    nu - toen
                } else {
                    toen - nu
                };
                if slechtste.as_ref().is_none_or(|(_, e, _)| effect < *e) {
                    let label = p
                        .omschrijving
                        .trim_end_matches(&o.jaar.to_string())
                        .trim_end_matches(&eerste.jaar.to_string())
                        .trim()
                        .to_string();
                    slechtste = Some((label, effect, nu - toen));
                }
            }
            if let Some((post, effect, delta)) = slechtste
                && effect < Decimal::ZERO
            {
                let _ = write!(
                    zin,
                    "; het tekort ontstaat vooral doordat de post {} sinds {} {} is met {}",
                    esc(&post.to_lowercase()),
                    eerste.jaar,
                    if delta > Decimal::ZERO {
                        "gestegen"
                    } else {
                        "gedaald"
                    },
                    euro(delta.abs())
                );
            }
        }
        zin.push('.');
        zinnen.push(zin);
    }
    let risico: Vec<_> = run
        .afrekening
        .iter()
        .filter(|a| {
            a.status() != "vastgesteld"
                && a.prognose.is_some()
                && a.regeling == crate::uitkering::Regeling::Voorzieningen
        })
        .collect();
    let mut jaren: Vec<i32> = risico.iter().map(|a| a.jaar).collect();
    jaren.dedup();
    for j in jaren {
        let v: Decimal = risico
            .iter()
            .filter(|a| a.jaar == j)
            .map(|a| a.verschil())
            .sum();
        zinnen.push(format!(
            "De SPUK over {j} wordt in {} vastgesteld op de werkelijke aantallen; de raming uit de volumes geeft voor alle gemeenten samen een {} van {}.",
            j + 1,
            if v < Decimal::ZERO { "terugvordering" } else { "nabetaling" },
            euro(crate::verdeelsleutel::afgerond(v.abs(), 0))
        ));
    }
    zinnen
}

fn overzicht_tabel(o: &crate::rapport::overzicht::Overzicht) -> String {
    let mut h = String::from("<table><thead><tr><th>Post</th>");
    for k in &o.kolommen {
        let _ = write!(h, "<th class=\"getal\">{}</th>", esc(k));
    }
    h.push_str("</tr></thead><tbody>");
    for r in &o.rijen {
        let _ = write!(
            h,
            "<tr{}><td>{}</td>",
            if r.is_totaal { " class=\"totaal\"" } else { "" },
            esc(&r.omschrijving)
        );
        for v in &r.waarden {
            h.push_str(&cel(*v));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// The section with what the run filled, assumed or skipped (the warnings) and, per input
/// table, which gemeente-years were given and which were filled by which rule.
/// Cash beside baten: the gemeente- and group-years where what is received (SPUK advances,
/// the settlement of the year before, onderwijsroute, IU) differs from the baten booked.
fn kasstroom(run: &Run) -> String {
    let mut h = String::from("<h2>Kasstroom</h2>\n");
    let rijen: Vec<(String, crate::kasstroom::Kasregel, Decimal)> =
        crate::rapport::kasstroom::regels(
            &run.gegevens,
            &run.kasstroom,
            &run.scenario.instellingen.jaren().collect::<Vec<_>>(),
        )
        .into_iter()
        .filter_map(|(naam, k)| {
            let baten = run
                .uitkomst
                .saldi
                .get(&(naam.clone(), k.jaar))
                .map(|s| s.baten)
                .unwrap_or_default();
            (k.totaal() != baten).then_some((naam, k, baten))
        })
        .collect();
    if rijen.is_empty() {
        h.push_str("<p>De kasontvangsten (voorschotten SPUK, afrekeningen en IU) zijn in elk jaar gelijk aan de baten.</p>\n");
        return h;
    }
    h.push_str("<p>De SPUK komt binnen in maandelijkse twaalfden van de geldende beschikking; de afrekening volgt in het jaar van vaststelling. Waar de ontvangsten afwijken van de baten (alle cijfers in <code>kasstroom.csv</code>):</p>\n<table><thead><tr><th>Gemeente</th><th class=\"getal\">Jaar</th><th class=\"getal\">Baten</th><th class=\"getal\">Ontvangen</th><th class=\"getal\">w.v. voorschotten SPUK</th><th class=\"getal\">w.v. afrekening SPUK</th><th class=\"getal\">Verschil</th></tr></thead><tbody>");
    for (naam, k, baten) in rijen {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"getal\">{}</td>{}{}{}{}{}</tr>",
            esc(&naam),
            k.jaar,
            cel(cijfers::hele_euros(baten)),
            cel(cijfers::hele_euros(k.totaal())),
            cel(cijfers::hele_euros(k.spuk_voorschotten)),
            cel(cijfers::hele_euros(k.spuk_afrekening)),
            cel(cijfers::hele_euros(k.totaal() - baten)),
        );
    }
    h.push_str("</tbody></table>\n");
    h
}

fn waarschuwingen_en_dekking(runs: &[Run]) -> String {
    let mut h = String::from("<h2>Waarschuwingen en dekking</h2>\n");
    for r in runs {
        let naam = if runs.len() > 1 {
            format!(" — {}", esc(&r.scenario.naam))
        } else {
            String::new()
        };
        let _ = writeln!(h, "<h3>Waarschuwingen{naam}</h3>");
        if r.waarschuwingen.is_empty() {
            h.push_str("<p>Deze berekening gaf geen waarschuwingen.</p>\n");
        } else {
            h.push_str("<p>Wat de berekening heeft aangevuld, aangenomen of overgeslagen en dat bedragen verandert (ook in <code>waarschuwingen.csv</code>):</p>\n<table><thead><tr><th>Bestand</th><th class=\"getal\">Regel</th><th>Kolom</th><th>Melding</th></tr></thead><tbody>");
            for w in &r.waarschuwingen {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td class=\"getal\">{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&w.herkomst.bestand),
                    if w.herkomst.regel > 0 {
                        w.herkomst.regel.to_string()
                    } else {
                        String::new()
                    },
                    esc(&w.kolom),
                    esc(&w.melding)
                );
            }
            h.push_str("</tbody></table>\n");
        }
        let _ = writeln!(h, "<h3>Dekking van de invoer{naam}</h3>");
        let tabellen = crate::uitvoer::waarschuwingen::dekking_per_tabel(r);
        if tabellen.is_empty() {
            h.push_str(
                "<p>Er zijn geen gegevens over de dekking per gemeente en jaar gemeld.</p>\n",
            );
            continue;
        }
        h.push_str("<p>Per invoertabel: hoeveel gemeente-jaren in de gegevens staan en hoeveel zijn aangevuld, en volgens welke regel (per gemeente en jaar in <code>dekking.csv</code>).</p>\n<table><thead><tr><th>Tabel</th><th class=\"getal\">Gegeven</th><th class=\"getal\">Aangevuld</th><th>Aangevuld volgens</th></tr></thead><tbody>");
        for t in tabellen {
            let regels: Vec<String> = t
                .regels
                .iter()
                .map(|(regel, n)| format!("{} ({n}×)", esc(regel)))
                .collect();
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"getal\">{}</td><td class=\"getal\">{}</td><td>{}</td></tr>",
                esc(&t.tabel),
                t.gegeven,
                t.gevuld,
                if regels.is_empty() {
                    "–".to_string()
                } else {
                    regels.join("; ")
                }
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h
}

/// The whole report.
pub fn rapport(
    runs: &[Run],
    vergelijking: Option<&Vergelijking>,
    risico: Option<&crate::rapport::risico::RisicoRapport>,
    datum: &str,
    invoer: &[Invoerbestand],
) -> Resultaat<String> {
    let Some(hoofd) = runs.first() else {
        return Ok(String::new());
    };
    let namen: Vec<&str> = runs.iter().map(|r| r.scenario.naam.as_str()).collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"raming {}\">\n<title>Raming inburgering — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&namen.join(", "))
    );
    let jaren = |r: &Run| {
        format!(
            "{}–{}",
            r.scenario.instellingen.jaar_van, r.scenario.instellingen.jaar_tot
        )
    };
    let _ = write!(
        h,
        "<h1>Raming Wet inburgering: baten, lasten en saldo</h1>\n<p class=\"datum\">{} · scenario {} · {}</p>\n",
        esc(&datum_nl(datum)),
        esc(&namen.join(", ")),
        jaren(hoofd)
    );

    h.push_str("<h2 class=\"eerste\">Samenvatting</h2>\n<ul class=\"samenvatting\">\n");
    for z in samenvatting(hoofd) {
        let _ = writeln!(h, "<li>{z}</li>");
    }
    if let Some(v) = vergelijking {
        for (i, s) in v.scenarios.iter().enumerate().skip(1) {
            for naam in hoofd.gegevens.groepen.iter().map(|g| &g.naam) {
                // Only the years both scenarios cover.
                let gedeeld: Vec<&(String, i32)> = v
                    .waarden
                    .iter()
                    .filter(|((n, _), per)| n == naam && per[0].is_some() && per[i].is_some())
                    .map(|(k, _)| k)
                    .collect();
                let Some(eerste_jaar) = gedeeld.iter().map(|(_, j)| *j).min() else {
                    continue;
                };
                let laatste_jaar = gedeeld.iter().map(|(_, j)| *j).max().unwrap_or(eerste_jaar);
                let som = |idx: usize| -> Decimal {
                    v.waarden
                        .iter()
                        .filter(|((n, _), per)| n == naam && per[0].is_some() && per[i].is_some())
                        .filter_map(|(_, per)| per[idx])
                        .map(|x| x.saldo())
                        .sum()
                };
                let d = cijfers::verschil(som(i), som(0));
                let _ = writeln!(
                    h,
                    "<li>In scenario {} is het saldo van {} over {}–{} samen {} {} dan in {}.</li>",
                    esc(s),
                    esc(naam),
                    eerste_jaar,
                    laatste_jaar,
                    euro(d.abs()),
                    if d < Decimal::ZERO { "lager" } else { "hoger" },
                    esc(&v.scenarios[0])
                );
            }
        }
    }
    h.push_str("</ul>\n");

    h.push_str("<h2>Scenario's en uitgangspunten in het kort</h2>\n");
    for r in runs {
        let _ = write!(
            h,
            "<h3>{}</h3>\n<p>{}</p>\n<p>Jaren {}; gegevens uit <code>{}</code>.</p>\n",
            esc(&r.scenario.naam),
            esc(&r.scenario.omschrijving),
            jaren(r),
            esc(&r.scenario.data.display().to_string())
        );
    }

    h.push_str("<h2>Meerjarig saldo</h2>\n");
    for r in runs {
        let overz = &r.uitkomst.overzichten;
        let Some(eerste) = overz.first() else {
            continue;
        };
        let _ = write!(
            h,
            "<h3>Saldo per jaar — {}</h3>\n<table><thead><tr><th>Gemeente / groep</th>",
            esc(&r.scenario.naam)
        );
        for o in overz {
            let _ = write!(h, "<th class=\"getal\">{}</th>", o.jaar);
        }
        h.push_str("<th class=\"getal\">Totaal</th></tr></thead><tbody>");
        for (i, k) in eerste.kolommen.iter().enumerate() {
            let _ = write!(
                h,
                "<tr{}><td>{}</td>",
                if i >= eerste.aantal_gemeenten {
                    " class=\"totaal\""
                } else {
                    ""
                },
                esc(k)
            );
            for o in overz {
                h.push_str(&cel(o.waarde("saldo", k).unwrap_or_default()));
            }
            h.push_str(&cel(cijfers::saldo_meerjarig(&r.uitkomst, k)));
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>\n");
        h.push_str("<p>De jaarbedragen zijn die van het overzicht per jaar. Het totaal is de exacte som over de jaren, één keer afgerond op hele euro's (hetzelfde bedrag als in de samenvatting en in <code>raming vergelijk</code>); het kan daardoor enkele euro's afwijken van de som van de afgeronde jaarbedragen.</p>\n");
    }

    for r in runs {
        h.push_str(&reserve_sectie(r));
    }

    h.push_str("<h2>Grafieken</h2>\n");
    let mut grafieken: Vec<grafiek::Grafiek> = grafiek::voor_run(hoofd)
        .into_iter()
        .filter(|g| {
            let eerste = hoofd.uitkomst.jaren.first().copied().unwrap_or(0);
            let laatste = hoofd.uitkomst.jaren.last().copied().unwrap_or(0);
            !(g.naam.starts_with("baten_lasten_") || g.naam.starts_with("saldo_2"))
                || g.naam.ends_with(&eerste.to_string())
                || g.naam.ends_with(&laatste.to_string())
        })
        .collect();
    if let Some(v) = vergelijking {
        let groepen: Vec<String> = hoofd
            .gegevens
            .groepen
            .iter()
            .map(|g| g.naam.clone())
            .collect();
        grafieken.extend(grafiek::voor_vergelijking(v, &groepen));
    }
    for g in &grafieken {
        let _ = write!(
            h,
            "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            svg_inline(g)?,
            esc(&g.titel)
        );
    }

    h.push_str("<h2>Overzicht per jaar</h2>\n<p>Bedragen in hele euro's; elk getoond totaal is de som van de getoonde delen (afronding met de methode van de grootste rest).</p>\n");
    for o in &hoofd.uitkomst.overzichten {
        let _ = write!(
            h,
            "<h3>Lasten en baten {} — {}</h3>\n{}\n",
            o.jaar,
            esc(&hoofd.scenario.naam),
            overzicht_tabel(o)
        );
    }

    if !hoofd.verschillen.is_empty() {
        h.push_str("<h2>Realisatie tegenover raming</h2>\n<p>Verschil = realisatie − raming. Bij posten die met het aantal inburgeraars meebewegen is het verschil gesplitst in een volume-effect (verschil in aantallen × geraamde prijs) en een prijseffect (de rest); samen precies het verschil. Posten boven de drempel zijn gemarkeerd: daar is een toelichting nodig.</p>\n");
        h.push_str(&tabel_html(&crate::rapport::verschillen::weergave(
            &hoofd.verschillen,
        )));
    }

    if let Some(r) = risico {
        let _ = write!(
            h,
            "<h2>Risico</h2>\n<p>{} trekkingen (zaad {}) van de onzekere invoer: {}. Per jaar het saldo bij de 5e, 50e en 95e percentiel, de kans op een tekort en het P90-tekort als voorgestelde risicoreserve.</p>\n",
            r.trekkingen,
            r.zaad,
            esc(&r.bronnen)
        );
        for t in &r.tabellen {
            let _ = write!(h, "<h3>{}</h3>\n{}", esc(&t.naam), tabel_html(&t.tabel));
            if let Some(x) = t.reserve_meerjarig {
                let _ = writeln!(
                    h,
                    "<p>Voorgestelde risicoreserve over de jaren (P90 van het diepste aaneengesloten tekort): {}.</p>",
                    euro(x)
                );
            }
        }
    }

    h.push_str("<h2>SPUK: afrekeningsrisico</h2>\n");
    if hoofd.afrekening.is_empty() {
        h.push_str("<p>Geen beschikkingen in de gegevens; er is geen afrekening te ramen.</p>\n");
    } else {
        h.push_str("<p>De SPUK wordt voorlopig beschikt (vóór 1 oktober van het jaar ervoor), soms nader voorlopig in het jaar, in maandelijkse twaalfden bevoorschot en in mei van het jaar erna vastgesteld. Beste schatting = definitieve beschikking, anders de raming uit de (gerealiseerde) volumes. Verschil = beste schatting − ontvangen voorschotten: positief is een nabetaling, negatief een terugvordering, in het jaar van vaststelling.</p>\n<table><thead><tr><th>Gemeente</th><th class=\"getal\">Jaar</th><th class=\"getal\">Beschikking</th><th class=\"getal\">Voorschotten</th><th class=\"getal\">Beste schatting</th><th class=\"getal\">Verschil</th><th>Status</th><th class=\"getal\">Vaststelling</th></tr></thead><tbody>");
        for (naam, a) in crate::rapport::afrekening::regels(&hoofd.gegevens, &hoofd.afrekening) {
            let naam = match a.regeling {
                crate::uitkering::Regeling::Voorzieningen => naam,
                r => format!("{naam} ({})", r.id()),
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"getal\">{}</td>{}{}{}{}<td>{}</td><td class=\"getal\">{}</td></tr>",
                esc(&naam),
                a.jaar,
                cel(crate::verdeelsleutel::afgerond(a.beschikking, 0)),
                cel(crate::verdeelsleutel::afgerond(a.voorschotten, 0)),
                cel(crate::verdeelsleutel::afgerond(a.uitkomst(), 0)),
                cel(crate::verdeelsleutel::afgerond(a.verschil(), 0)),
                a.status(),
                a.vaststellingsjaar
            );
        }
        h.push_str("</tbody></table>\n");
    }

    h.push_str(&kasstroom(hoofd));

    h.push_str(&waarschuwingen_en_dekking(runs));

    h.push_str("<h2>Uitgangspunten en bronnen</h2>\n");
    for r in runs {
        let _ = write!(
            h,
            "<h3>Instellingen — {}</h3>\n<table><thead><tr><th>Instelling</th><th>Waarde</th></tr></thead><tbody>",
            esc(&r.scenario.naam)
        );
        for (k, v) in &r.scenario.instellingen_tekst {
            let _ = write!(h, "<tr><td>{}</td><td>{}</td></tr>", esc(k), esc(v));
        }
        h.push_str("</tbody></table>\n");
    }
    let _ = write!(
        h,
        "<h3>Gegevens met bron — {}</h3>\n<table><thead><tr><th>Bestand</th><th class=\"getal\">Regel</th><th>Gegevens</th><th>Bron</th></tr></thead><tbody>",
        esc(&hoofd.scenario.naam)
    );
    for b in &hoofd.bronnen {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"getal\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&b.bestand),
            b.regel,
            esc(&b.inhoud),
            esc(&b.bron)
        );
    }
    h.push_str("</tbody></table>\n");

    let _ = write!(
        h,
        "<h2>Colofon</h2>\n<div class=\"colofon\">\n<p>Gemaakt met raming {} op {}. Alle bedragen zijn exact tot op de cent berekend (decimale rekenkunde) en voor de tabellen afgerond op hele euro's met de methode van de grootste rest.</p>\n<p>Invoerbestanden met hun SHA-256, zodat een lezer kan nagaan welke gegevens dit rapport hebben gemaakt:</p>\n<table><thead><tr><th>Bestand</th><th>SHA-256</th></tr></thead><tbody>",
        env!("CARGO_PKG_VERSION"),
        esc(&datum_nl(datum))
    );
    for f in invoer {
        let _ = write!(
            h,
            "<tr><td>{}</td><td><code>{}</code></td></tr>",
            esc(&f.pad),
            f.sha256
        );
    }
    h.push_str("</tbody></table>\n</div>\n</body>\n</html>\n");
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_escaping() {
        assert_eq!(datum_nl("2026-11-22"), "22 november 2026");
        assert_eq!(
            esc("=HYPERLINK(\"x\") <b>&"),
            "=HYPERLINK(&quot;x&quot;) &lt;b&gt;&amp;"
        );
    }
}
