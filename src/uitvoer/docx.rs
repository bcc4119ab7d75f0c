//! The raad report as a Word document (.docx), for controllers who paste the financial paragraph
//! into a raadsvoorstel or RIB: the same document as the HTML report (`rapport::raad`), with Word
//! heading styles, real Word tables and the charts as PNG images. Layout only: every figure
//! comes from the report layer. Deterministic: fixed document properties (the report date),
//! image ids by position, zip entries without timestamps.

use crate::fout::{Fout, Resultaat};
use crate::rapport::raad::{Blok, Hoofdstuk, Raadsrapport};
use crate::rapport::tabel::{Cel, Tabel};
use crate::uitvoer::grafiek;
use crate::uitvoer::opmaak::{decimaal, euro_centen, getal_nl};
use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Pic, Run, RunFonts, Shading, Style,
    StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// The custom document property that marks a file as raming's report (an existing file is only
/// overwritten when it carries it).
pub const MERK: &str = "raming-rapport";

/// A4 in twentieths of a point; margins 2 cm.
const A4: (u32, u32) = (11906, 16838);
const MARGE: i32 = 1134;
/// Text width in EMU (A4 minus two margins of 2 cm): 17 cm.
const BREEDTE_EMU: u32 = 6_120_000;

const BLAUW: &str = "1F3B73";

fn stijlen(d: Docx) -> Docx {
    let kop = |id: &str, naam: &str, grootte: usize, niveau: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(naam)
            .based_on("Normal")
            .next("Normal")
            .size(grootte)
            .bold()
            .color(BLAUW)
            .outline_lvl(niveau)
    };
    d.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .size(20)
            .fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial")),
    )
    .add_style(kop("Title", "Title", 48, 0))
    .add_style(kop("Heading1", "heading 1", 32, 0))
    .add_style(kop("Heading2", "heading 2", 24, 1))
    .add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .size(18)
            .bold(),
    )
}

fn alinea(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

fn kop(t: &str, stijl: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(t))
        .style(stijl)
        .keep_next(true)
}

/// A cell's text and whether it is a number (right-aligned) and negative (red).
fn celtekst(c: &Cel) -> (String, bool, bool) {
    match c {
        Cel::Tekst(x) => (x.to_string(), false, false),
        Cel::Euro(x) => (getal_nl(*x), true, x.is_sign_negative() && !x.is_zero()),
        Cel::Bedrag(x) => (euro_centen(*x), true, x.is_sign_negative() && !x.is_zero()),
        Cel::Getal(x) => (decimaal(*x).replace('.', ","), true, false),
        Cel::Procent(x) => (format!("{} %", decimaal(*x).replace('.', ",")), true, false),
        Cel::Geheel(x) => (x.to_string(), true, false),
        Cel::Leeg => (String::new(), false, false),
    }
}

/// A report table as a Word table: a shaded header row that repeats, numbers right-aligned,
/// negative amounts red, total rows bold; 8 pt in wide tables so they fit the page width.
fn tabel(t: &Tabel, breed: bool) -> Table {
    let grootte = if breed || t.kolommen.len() > 6 {
        14
    } else {
        17
    };
    let getal = |c: usize| {
        t.rijen
            .iter()
            .any(|r| !matches!(r.cellen[c], Cel::Tekst(_) | Cel::Leeg))
    };
    let paragraaf = |tekst: &str, rechts: bool, vet: bool, rood: bool| {
        let mut run = Run::new().add_text(tekst).size(grootte);
        if vet {
            run = run.bold();
        }
        if rood {
            run = run.color("B00000");
        }
        let p = Paragraph::new().add_run(run);
        if rechts {
            p.align(AlignmentType::Right)
        } else {
            p
        }
    };
    let mut rijen = vec![
        TableRow::new(
            t.kolommen
                .iter()
                .enumerate()
                .map(|(c, k)| {
                    TableCell::new()
                        .add_paragraph(paragraaf(&k.kop, getal(c), true, false))
                        .shading(Shading::new().fill("D9E1F2"))
                })
                .collect(),
        )
        .cant_split(),
    ];
    for r in &t.rijen {
        rijen.push(
            TableRow::new(
                r.cellen
                    .iter()
                    .map(|c| {
                        let (tekst, rechts, rood) = celtekst(c);
                        TableCell::new().add_paragraph(paragraaf(&tekst, rechts, r.nadruk, rood))
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rijen)
        .layout(TableLayoutType::Autofit)
        .width(5000, WidthType::Pct)
}

/// The chart as a PNG image the width of the text.
fn figuur(g: &grafiek::Grafiek, nummer: &mut usize) -> Resultaat<Vec<Paragraph>> {
    let png = grafiek::png(g)?;
    *nummer += 1;
    let (b, h) = (1000u32, 600u32);
    let pic = Pic::new_with_dimensions(png, b, h)
        .id(format!("rIdImage{nummer}"))
        .size(BREEDTE_EMU, BREEDTE_EMU / b * h);
    Ok(vec![
        Paragraph::new()
            .add_run(Run::new().add_image(pic))
            .keep_next(true),
        Paragraph::new()
            .add_run(Run::new().add_text(&g.titel).italic().size(18))
            .style("Caption"),
    ])
}

enum Deel {
    P(Box<Paragraph>),
    T(Box<Table>),
}

fn pp(p: Paragraph) -> Deel {
    Deel::P(Box::new(p))
}

fn blokken(h: &Hoofdstuk, nummer: &mut usize) -> Resultaat<Vec<Deel>> {
    let mut uit = vec![pp(kop(&h.titel, "Heading1").page_break_before(true))];
    for b in &h.blokken {
        match b {
            Blok::Alinea(t) => uit.push(pp(alinea(t))),
            Blok::Opsomming(z) => {
                for x in z {
                    uit.push(pp(Paragraph::new()
                        .add_run(Run::new().add_text(format!("•\u{a0}{x}")))
                        .indent(
                            Some(360),
                            Some(docx_rs::SpecialIndentType::Hanging(360)),
                            None,
                            None,
                        )));
                }
            }
            Blok::Kop(t) => uit.push(pp(kop(t, "Heading2"))),
            Blok::Tabel {
                titel,
                tabel: t,
                breed,
            } => {
                if !titel.is_empty() {
                    uit.push(pp(kop(titel, "Caption")));
                }
                uit.push(Deel::T(Box::new(tabel(t, *breed))));
                uit.push(pp(Paragraph::new()));
            }
            Blok::Grafiek(g) => uit.extend(figuur(g, nummer)?.into_iter().map(pp)),
            Blok::Code(t) => uit.push(pp(Paragraph::new().add_run(
                Run::new()
                    .add_text(t)
                    .size(14)
                    .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New")),
            ))),
        }
    }
    Ok(uit)
}

/// The whole document as .docx bytes. Long by design: one match over the document's blocks,
/// each a few lines of docx-rs.
pub fn render(r: &Raadsrapport) -> Resultaat<Vec<u8>> {
    let mut d = stijlen(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGE)
                .bottom(MARGE)
                .left(MARGE)
                .right(MARGE),
        )
        .created_at(&format!("{}T00:00:00Z", r.datum_iso))
        .updated_at(&format!("{}T00:00:00Z", r.datum_iso))
        .custom_property("generator", MERK);
    let mut nummer = 0usize;
    // Title page.
    if let Some(o) = &r.organisatie {
        d = d.add_paragraph(alinea(o));
    }
    d = d
        .add_paragraph(kop(&r.titel, "Title"))
        .add_paragraph(alinea(&r.ondertitel))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(&r.status).bold().color("B00000")),
        );
    let mut regels: Vec<(String, String)> = Vec::new();
    if let Some(x) = &r.regio {
        regels.push(("Regio".into(), x.clone()));
    }
    if let Some(x) = &r.organisatie {
        regels.push(("Organisatie".into(), x.clone()));
    }
    regels.push(("Status".into(), r.status.clone()));
    if let Some(x) = &r.versie {
        regels.push(("Versie".into(), x.clone()));
    }
    regels.push(("Datum".into(), r.datum.clone()));
    for (k, v) in regels {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{k}: ")).bold())
                .add_run(Run::new().add_text(v)),
        );
    }
    // Kerncijfers.
    let k = &r.kerncijfers;
    d = d.add_paragraph(kop("Kerncijfers", "Heading1").page_break_before(true));
    for z in &k.zinnen {
        d = d.add_paragraph(alinea(z));
    }
    d = d
        .add_paragraph(kop(
            "Saldo per jaar (hele euro's; negatief is een tekort)",
            "Caption",
        ))
        .add_table(tabel(&k.tabel, false))
        .add_paragraph(Paragraph::new());
    for p in figuur(&k.grafiek, &mut nummer)? {
        d = d.add_paragraph(p);
    }
    let voeg_toe = |d: Docx, h: &Hoofdstuk, nummer: &mut usize| -> Resultaat<Docx> {
        let mut d = d;
        for deel in blokken(h, nummer)? {
            d = match deel {
                Deel::P(p) => d.add_paragraph(*p),
                Deel::T(t) => d.add_table(*t),
            };
        }
        Ok(d)
    };
    for h in &r.hoofdstukken {
        d = voeg_toe(d, h, &mut nummer)?;
    }
    if !r.beslispunten.is_empty() {
        d = d
            .add_paragraph(kop("Beslispunten", "Heading1").page_break_before(true))
            .add_paragraph(alinea("Het college stelt de raad voor:"));
        for (i, b) in r.beslispunten.iter().enumerate() {
            d = d.add_paragraph(alinea(&format!("{}. {b}", i + 1)));
        }
    }
    d = d.add_paragraph(kop("Begrippenlijst", "Heading1").page_break_before(true));
    for (t, u) in &r.begrippen {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(t).bold())
                .keep_next(true),
        );
        d = d.add_paragraph(alinea(u));
    }
    d = d
        .add_paragraph(kop("Technische bijlage", "Heading1").page_break_before(true))
        .add_paragraph(alinea("De bijlage is voor wie de berekening wil nagaan: de instellingen, alle posten per jaar, de waarschuwingen, de invoer met bron en de controlegetallen van de invoerbestanden."));
    for h in &r.bijlagen {
        d = voeg_toe(d, h, &mut nummer)?;
    }
    d = d.add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_break(BreakType::TextWrapping)
                .add_text(&r.programma)
                .size(14),
        ),
    );
    let mut uit = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut uit)
        .map_err(|e| Fout::Tabel(format!("Word-document: {e}")))?;
    Ok(uit.into_inner())
}
