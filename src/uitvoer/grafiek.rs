//! Charts for the raad (plotters), each as PNG and SVG, Dutch titles and labels, euro amounts the
//! Dutch way (€ 1,2 mln / € 250.000). Readable in black and white: series differ in grey value,
//! outline and marker shape as well as colour. Text uses an embedded DejaVu Sans (registered
//! once), so nothing depends on system fonts. PNG text is laid out by ab_glyph here ([`Raster`]),
//! not by plotters, whose glyph placement drops each glyph's side bearing ("Zwi jndrecht").
//! Deficits and surpluses differ in colour and in grey value (dark surplus, light deficit).
//!
//! Chart values are whole euros taken from the displayed (sluitend) tables; f64 is used here only
//! for pixel positions.

use crate::fout::{Fout, Resultaat};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters_backend::{BackendColor, BackendCoord, DrawingErrorKind};
use std::sync::Once;

// The chart descriptions and the functions that choose the charts of a run are report-layer
// work (`rapport::grafiek`); this module draws them.
pub use crate::rapport::grafiek::{
    Grafiek, MAX_NAAMDEEL, MAX_PANELEN, Soort, beperk, bestandsnaam, is_jaargrafiek,
    namen_vergelijking, unieke_bestandsnamen, voor_run, voor_vergelijking,
};

pub const BREEDTE: u32 = 1000;
pub const HOOGTE: u32 = 600;
/// Width of the legend column.
const LEGENDA: i32 = 240;
/// Font size of the legend and the width its text may take (right of the marker).
const LEGENDA_LETTER: f64 = 13.0;
pub const LEGENDA_TEKST: f32 = (LEGENDA - 38 - 8) as f32;

static LETTERTYPE: Once = Once::new();
const DEJAVU: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The embedded font for our own text layout (legend widths, PNG text).
fn lettertype() -> &'static ab_glyph::FontRef<'static> {
    static F: std::sync::OnceLock<ab_glyph::FontRef<'static>> = std::sync::OnceLock::new();
    F.get_or_init(|| ab_glyph::FontRef::try_from_slice(DEJAVU).expect("DejaVu Sans"))
}

/// Width in pixels of a text at a font size (advances and kerning), as plotters measures it.
pub fn tekstbreedte(tekst: &str, grootte: f32) -> f32 {
    use ab_glyph::{Font, ScaleFont};
    let f = lettertype().as_scaled(grootte);
    let mut x = 0.0;
    let mut vorige = None;
    for c in tekst.chars() {
        let id = f.glyph_id(c);
        if let Some(v) = vorige {
            x += f.kern(v, id);
        }
        x += f.h_advance(id);
        vorige = Some(id);
    }
    x
}

/// A label broken into lines of at most `max` pixels, only between words. A single word wider
/// than a line is split with a hyphen (every letter stays). Joining the lines with spaces (a
/// line ending in the split hyphen: without) gives the label back.
pub fn regels(label: &str, max: f32, grootte: f32) -> Vec<String> {
    let mut uit: Vec<String> = Vec::new();
    let mut regel = String::new();
    for woord in label.split_whitespace() {
        let kandidaat = if regel.is_empty() {
            woord.to_string()
        } else {
            format!("{regel} {woord}")
        };
        if tekstbreedte(&kandidaat, grootte) <= max {
            regel = kandidaat;
            continue;
        }
        if !regel.is_empty() {
            uit.push(std::mem::take(&mut regel));
        }
        // A word wider than a line: split it, hyphen at the end of each part.
        let mut rest: Vec<char> = woord.chars().collect();
        while tekstbreedte(&rest.iter().collect::<String>(), grootte) > max && rest.len() > 1 {
            let mut n = rest.len() - 1;
            while n > 1
                && tekstbreedte(
                    &format!("{}-", rest[..n].iter().collect::<String>()),
                    grootte,
                ) > max
            {
                n -= 1;
            }
            uit.push(format!("{}-", rest[..n].iter().collect::<String>()));
            rest = rest[n..].to_vec();
        }
        regel = rest.into_iter().collect();
    }
    if !regel.is_empty() || uit.is_empty() {
        uit.push(regel);
    }
    uit
}

/// The bitmap backend with our own text drawing: each glyph at its pen position plus its side
/// bearing, at subpixel precision, with kerning. Plotters' own path (ab_glyph feature) puts the
/// glyph's bounding box at the pen position, so a letter after one with a negative bearing (the
/// `j` of `ij`) stands apart. Everything else is the bitmap backend's.
pub struct Raster<'a>(pub BitMapBackend<'a>);

type RasterFout<'a> = DrawingErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>;

impl<'a> DrawingBackend for Raster<'a> {
    type ErrorType = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), RasterFout<'a>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), RasterFout<'a>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), RasterFout<'a>> {
        self.0.draw_pixel(p, c)
    }
    fn draw_line<S: plotters_backend::BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), RasterFout<'a>> {
        self.0.draw_line(a, b, s)
    }
    fn draw_rect<S: plotters_backend::BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        vul: bool,
    ) -> Result<(), RasterFout<'a>> {
        self.0.draw_rect(a, b, s, vul)
    }
    fn draw_path<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        pad: I,
        s: &S,
    ) -> Result<(), RasterFout<'a>> {
        self.0.draw_path(pad, s)
    }
    fn draw_circle<S: plotters_backend::BackendStyle>(
        &mut self,
        m: BackendCoord,
        r: u32,
        s: &S,
        vul: bool,
    ) -> Result<(), RasterFout<'a>> {
        self.0.draw_circle(m, r, s, vul)
    }
    fn fill_polygon<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        punten: I,
        s: &S,
    ) -> Result<(), RasterFout<'a>> {
        self.0.fill_polygon(punten, s)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (w, h): (u32, u32),
        bron: &[u8],
    ) -> Result<(), RasterFout<'a>> {
        self.0.blit_bitmap(pos, (w, h), bron)
    }

    fn draw_text<T: plotters_backend::BackendTextStyle>(
        &mut self,
        tekst: &str,
        stijl: &T,
        pos: BackendCoord,
    ) -> Result<(), RasterFout<'a>> {
        let kleur = stijl.color();
        if kleur.alpha == 0.0 {
            return Ok(());
        }
        let (dx, dy) = verschuiving(stijl, tekst)?;
        let trans = stijl.transform();
        let (w, h) = self.get_size();
        let pixels = tekstpixels(tekst, stijl.size() as f32);
        for &(x, y, dekking) in pixels.iter() {
            let (x, y) = trans.transform(x + dx, y + dy);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if x >= 0 && x < w as i32 && y >= 0 && y < h as i32 {
                self.0.draw_pixel(
                    (x, y),
                    BackendColor {
                        alpha: kleur.alpha * dekking as f64,
                        rgb: kleur.rgb,
                    },
                )?;
            }
        }
        Ok(())
    }
}

/// The covered pixels of a text at a font size, glyph by glyph in drawing order, relative to
/// its anchor: each glyph at its pen position plus its side bearing, at subpixel precision,
/// with kerning. Kept per thread: the axes of thirty charts repeat the same labels, and
/// rasterising a glyph costs more than drawing its pixels.
fn tekstpixels(tekst: &str, grootte: f32) -> std::rc::Rc<Vec<(i32, i32, f32)>> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    type Cache = HashMap<(String, u32), Rc<Vec<(i32, i32, f32)>>>;
    thread_local! {
        static GEMAAKT: RefCell<Cache> = RefCell::new(HashMap::new());
    }
    let sleutel = (tekst.to_string(), grootte.to_bits());
    if let Some(p) = GEMAAKT.with(|c| c.borrow().get(&sleutel).cloned()) {
        return p;
    }
    let pixels = Rc::new(rasteriseer(tekst, grootte));
    GEMAAKT.with(|c| {
        let mut c = c.borrow_mut();
        // Bounded: `raming serve` draws charts for as long as it runs.
        if c.len() >= 4096 {
            c.clear();
        }
        c.insert(sleutel, Rc::clone(&pixels));
    });
    pixels
}

/// [`tekstpixels`] made afresh.
fn rasteriseer(tekst: &str, grootte: f32) -> Vec<(i32, i32, f32)> {
    use ab_glyph::{Font, ScaleFont, point};
    let f = lettertype().as_scaled(grootte);
    let mut pen = 0.0f32;
    let mut vorige = None;
    let mut pixels = Vec::new();
    for c in tekst.chars() {
        let id = f.glyph_id(c);
        if let Some(v) = vorige {
            pen += f.kern(v, id);
        }
        vorige = Some(id);
        let glyph = id.with_scale_and_position(f.scale(), point(pen, 0.0));
        pen += f.h_advance(id);
        let Some(omtrek) = f.outline_glyph(glyph) else {
            continue;
        };
        let vak = omtrek.px_bounds();
        // Vertical placement as plotters: the glyph box's top at size / 2 + its top.
        let y0 = (grootte / 2.0 + vak.min.y) as i32;
        let x0 = vak.min.x as i32;
        omtrek.draw(|x, y, dekking| pixels.push((x as i32 + x0, y as i32 + y0, dekking)));
    }
    pixels
}

/// Where a text's glyphs go from its anchor point: anchored as plotters does it (by its layout
/// box), so nothing moves but the glyphs.
fn verschuiving<'a, T: plotters_backend::BackendTextStyle>(
    stijl: &T,
    tekst: &str,
) -> Result<(i32, i32), RasterFout<'a>> {
    use plotters_backend::text_anchor::{HPos, VPos};
    let ((min_x, min_y), (max_x, max_y)) = stijl
        .layout_box(tekst)
        .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
    let (breedte, hoogte) = (max_x - min_x, max_y - min_y);
    let dx = match stijl.anchor().h_pos {
        HPos::Left => 0,
        HPos::Right => -breedte,
        HPos::Center => -breedte / 2,
    };
    let dy = match stijl.anchor().v_pos {
        VPos::Top => 0,
        VPos::Center => -hoogte / 2,
        VPos::Bottom => -hoogte,
    };
    Ok((dx - min_x, dy - min_y))
}

/// Registers the embedded font for every style plotters may ask for.
pub fn registreer_lettertype() {
    LETTERTYPE.call_once(|| {
        let bytes: &'static [u8] = DEJAVU;
        for stijl in [
            FontStyle::Normal,
            FontStyle::Bold,
            FontStyle::Italic,
            FontStyle::Oblique,
        ] {
            let _ = plotters::style::register_font("sans-serif", stijl, bytes);
        }
    });
}

/// Fill colours with clearly different grey values (dark to light), so that printed in black and
/// white the series stay apart; bars also get a black outline.
const KLEUREN: [RGBColor; 12] = [
    RGBColor(0x1F, 0x3B, 0x73),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x60, 0x3C),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x8C, 0x1C, 0x13),
    RGBColor(0xB0, 0xB0, 0xB0),
    RGBColor(0x40, 0x40, 0x40),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x80, 0x80, 0xFF),
];

/// A surplus: dark blue (dark grey in black and white).
pub const OVERSCHOT: RGBColor = RGBColor(0x1F, 0x3B, 0x73);
/// A deficit: light red (light grey in black and white), always with a black outline.
pub const TEKORT: RGBColor = RGBColor(0xF4, 0xA5, 0x82);

fn teken_kleur(v: f64) -> RGBColor {
    if v < 0.0 { TEKORT } else { OVERSCHOT }
}

fn kleur(i: usize) -> RGBColor {
    KLEUREN[i % KLEUREN.len()]
}

/// `€ 1,2 mln`, `€ 250.000`, `€ -3.400`.
pub fn euro_kort(x: f64) -> String {
    let teken = if x < 0.0 { "-" } else { "" };
    let a = x.abs();
    if a >= 1_000_000.0 {
        let s = format!("{:.1}", a / 1_000_000.0).replace('.', ",");
        format!("€ {teken}{s} mln")
    } else {
        let s = format!("{:.0}", a);
        let mut uit = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                uit.push('.');
            }
            uit.push(c);
        }
        format!("€ {teken}{uit}")
    }
}

fn fout<E: std::fmt::Debug>(e: E) -> Fout {
    Fout::Tabel(format!("grafiek: {e:?}"))
}

/// The SVG text of a chart.
pub fn svg(g: &Grafiek) -> Resultaat<String> {
    registreer_lettertype();
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (BREEDTE, HOOGTE)).into_drawing_area();
        teken(&root, g).map_err(fout)?;
        root.present().map_err(fout)?;
    }
    Ok(s)
}

/// The PNG bytes of a chart.
pub fn png(g: &Grafiek) -> Resultaat<Vec<u8>> {
    registreer_lettertype();
    let mut buf = vec![0u8; (BREEDTE * HOOGTE * 3) as usize];
    {
        let root =
            Raster(BitMapBackend::with_buffer(&mut buf, (BREEDTE, HOOGTE))).into_drawing_area();
        teken(&root, g).map_err(fout)?;
        root.present().map_err(fout)?;
    }
    // Fast compression (fdeflate) with a filter chosen per row: measured on the national
    // charts (png 0.18), a fixed filter saved 7–12 % of the time and made the PNG files 5 % (Paeth)
    // to 130 % (Up) larger.
    let mut uit = Vec::new();
    let mut enc = png::Encoder::new(&mut uit, BREEDTE, HOOGTE);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    enc.set_filter(png::Filter::Adaptive);
    let mut schrijver = enc.write_header().map_err(fout)?;
    schrijver.write_image_data(&buf).map_err(fout)?;
    schrijver.finish().map_err(fout)?;
    Ok(uit)
}

fn bereik(waarden: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for v in waarden {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi - lo < 1.0 {
        hi = lo + 1.0;
    }
    let marge = (hi - lo) * 0.08;
    (if lo < 0.0 { lo - marge } else { 0.0 }, hi + marge)
}

/// How a series looks in the legend.
enum Merk {
    Vlak(RGBColor),
    Lijn(RGBColor, usize),
}

/// Marker shape of a line series: differs from the series with the same colour.
fn vorm(si: usize) -> usize {
    (si + si / KLEUREN.len()) % 4
}

fn teken_merk<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    merk: &Merk,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match merk {
        Merk::Vlak(c) => {
            area.draw(&Rectangle::new([(x, y - 7), (x + 18, y + 7)], c.filled()))?;
            area.draw(&Rectangle::new(
                [(x, y - 7), (x + 18, y + 7)],
                BLACK.stroke_width(1),
            ))?;
        }
        Merk::Lijn(c, v) => {
            area.draw(&PathElement::new(
                vec![(x, y), (x + 24, y)],
                c.stroke_width(3),
            ))?;
            let p = (x + 12, y);
            match v {
                0 => area.draw(&Circle::new(p, 5, c.filled()))?,
                1 => area.draw(&TriangleMarker::new(p, 6, c.filled()))?,
                2 => area.draw(&Cross::new(p, 6, c.stroke_width(2)))?,
                _ => area.draw(&Rectangle::new(
                    [(p.0 - 4, p.1 - 4), (p.0 + 4, p.1 + 4)],
                    c.filled(),
                ))?,
            }
        }
    }
    Ok(())
}

/// The legend in its own column right of the plot, so it never covers data.
fn legenda<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(String, Merk)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let tekst = ("sans-serif", LEGENDA_LETTER).into_font();
    let mut y = 70;
    for (label, merk) in items {
        teken_merk(area, (8, y), merk)?;
        // Long labels wrap between words; no word is cut.
        let r = regels(label, LEGENDA_TEKST, LEGENDA_LETTER as f32);
        for (i, l) in r.iter().enumerate() {
            area.draw(&Text::new(
                l.clone(),
                (38, y - 8 + 16 * i as i32),
                tekst.clone(),
            ))?;
        }
        y += 16 * r.len() as i32 + 8;
    }
    Ok(())
}

/// A chart with years across and euros up.
type JaarAssen<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordi32, plotters::coord::types::RangedCoordf64>,
>;

/// The axes of a chart over years (line and fan charts): the title, years across, euros up.
fn jaar_assen<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    g: &Grafiek,
    (x0, x1): (i32, i32),
    (lo, hi): (f64, f64),
    aantal_jaren: usize,
    tekst: &FontDesc<'_>,
) -> Result<JaarAssen<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(root)
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(110)
        .build_cartesian_2d(x0..x1, lo..hi)?;
    chart
        .configure_mesh()
        .x_desc("jaar")
        .y_desc(&g.as_label)
        .x_labels(aantal_jaren.max(2))
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| euro_kort(*y))
        .label_style(tekst.clone())
        .draw()?;
    Ok(chart)
}

/// The chart's title at the top left, broken between words to fit the width (a long group name
/// or a note on what was combined must not run off the image). Returns the area below it.
fn kop<DB: DrawingBackend>(
    totaal: &DrawingArea<DB, Shift>,
    titel: &str,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    const GROOTTE: f32 = 22.0;
    const REGEL: i32 = 28;
    let lijnen = regels(titel, BREEDTE as f32 - 40.0, GROOTTE);
    let (boven, rest) = totaal.split_vertically(16 + REGEL * lijnen.len().max(1) as i32);
    let font = ("sans-serif", GROOTTE as f64)
        .into_font()
        .style(FontStyle::Bold);
    for (i, l) in lijnen.iter().enumerate() {
        boven.draw(&Text::new(
            l.clone(),
            (20, 12 + REGEL * i as i32),
            font.clone(),
        ))?;
    }
    Ok(rest)
}

type Legenda = Vec<(String, Merk)>;
type Teken<DB> = Result<Legenda, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// One chart: the title, the plot of its kind, the legend on the right (small multiples have
/// their own layout).
fn teken<DB: DrawingBackend>(
    totaal: &DrawingArea<DB, Shift>,
    g: &Grafiek,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    totaal.fill(&WHITE)?;
    if let Soort::Panelen { jaren, panelen } = &g.soort {
        return teken_panelen(totaal, &g.titel, jaren, panelen);
    }
    let rest = kop(totaal, &g.titel)?;
    let (root, legenda_vlak) = rest.split_horizontally(BREEDTE as i32 - LEGENDA);
    let tekst = ("sans-serif", 14).into_font();
    let items = match &g.soort {
        Soort::Panelen { .. } => Vec::new(),
        Soort::Staven {
            categorieen,
            reeksen,
        } => teken_staven(&root, g, &tekst, categorieen, reeksen, false)?,
        Soort::SaldoStaven {
            categorieen,
            waarden,
        } => {
            let saldo = vec![("Saldo".to_string(), waarden.clone())];
            teken_staven(&root, g, &tekst, categorieen, &saldo, true)?
        }
        Soort::Lijnen { jaren, reeksen } => teken_lijnen(&root, g, &tekst, jaren, reeksen)?,
        Soort::Waaier {
            jaren,
            banden,
            lijnen,
        } => teken_waaier(&root, g, &tekst, jaren, banden, lijnen)?,
        Soort::Stapels {
            jaren,
            links,
            rechts,
        } => teken_stapels(&root, g, &tekst, jaren, links, rechts)?,
    };
    legenda(&legenda_vlak, &items)
}

/// Horizontal bars, one group per category (first at the top), one bar per series; with
/// `per_teken` one series coloured by sign (surplus / deficit).
fn teken_staven<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Grafiek,
    tekst: &FontDesc<'_>,
    categorieen: &[String],
    reeksen: &[(String, Vec<f64>)],
    per_teken: bool,
) -> Teken<DB> {
    let mut items: Legenda = Vec::new();
    let n = categorieen.len().max(1);
    let (lo, hi) = bereik(reeksen.iter().flat_map(|(_, v)| v.iter().copied()));
    let mut chart = ChartBuilder::on(root)
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(200)
        .build_cartesian_2d(lo..hi, (0..(n - 1).max(1)).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(&g.as_label)
        .x_labels(6)
        // A label for every category (plotters would otherwise thin them out).
        .y_labels(n + 1)
        .x_label_formatter(&|x| euro_kort(*x))
        .y_label_formatter(&|y| match y {
            // First category at the top.
            SegmentValue::CenterOf(i) if *i < n => {
                categorieen.get(n - 1 - *i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        })
        .label_style(tekst.clone())
        .draw()?;
    // The plot's height per category: the area below the title minus the margins (2 × 20)
    // and the x labels (50); one category still gets two segments.
    let plot_hoogte = (root.dim_in_pixel().1 as f64 - 90.0) / n.max(2) as f64;
    let k = reeksen.len().max(1) as f64;
    let staaf = (plot_hoogte * 0.8 / k).max(1.0);
    for (si, (label, waarden)) in reeksen.iter().enumerate() {
        let c = kleur(si);
        let boven = plot_hoogte * 0.1 + staaf * si as f64;
        let onder = plot_hoogte - boven - staaf;
        // The same bars twice: filled, then a black outline (readable in black and white).
        let staven = |stijl: &dyn Fn(f64) -> ShapeStyle| staven(waarden, n, (boven, onder), stijl);
        if per_teken {
            chart.draw_series(staven(&|v| teken_kleur(v).filled()))?;
        } else {
            chart.draw_series(staven(&|_| c.filled()))?;
        }
        chart.draw_series(staven(&|_| BLACK.stroke_width(1)))?;
        if !per_teken {
            items.push((label.clone(), Merk::Vlak(c)));
        }
    }
    if per_teken {
        items.push(("Overschot".into(), Merk::Vlak(OVERSCHOT)));
        items.push(("Tekort".into(), Merk::Vlak(TEKORT)));
    }
    Ok(items)
}

/// One series' horizontal bars, the first category at the top, each within the margins
/// (`boven`, `onder`) of its category's segment, in the style `stijl` gives its value.
fn staven(
    waarden: &[f64],
    n: usize,
    (boven, onder): (f64, f64),
    stijl: &dyn Fn(f64) -> ShapeStyle,
) -> Vec<Rectangle<(f64, SegmentValue<usize>)>> {
    waarden
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let stijl = stijl(*v);
            let i = n - 1 - i;
            let mut r = Rectangle::new(
                [
                    (0.0f64.min(*v), SegmentValue::Exact(i)),
                    (0.0f64.max(*v), SegmentValue::Exact(i + 1)),
                ],
                stijl,
            );
            r.set_margin(boven.max(0.0) as u32, onder.max(0.0) as u32, 0, 0);
            r
        })
        .collect()
}

/// Lines over the years, each series with its own colour and marker shape.
fn teken_lijnen<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Grafiek,
    tekst: &FontDesc<'_>,
    jaren: &[i32],
    reeksen: &[(String, Vec<f64>)],
) -> Teken<DB> {
    let mut items: Legenda = Vec::new();
    let (x0, x1) = (
        jaren.first().copied().unwrap_or(0),
        jaren
            .last()
            .copied()
            .unwrap_or(1)
            .max(jaren.first().copied().unwrap_or(0) + 1),
    );
    let (lo, hi) = bereik(reeksen.iter().flat_map(|(_, v)| v.iter().copied()));
    let mut chart = jaar_assen(root, g, (x0, x1), (lo, hi), jaren.len(), tekst)?;
    if lo < 0.0 {
        chart.draw_series(LineSeries::new(
            [(x0, 0.0), (x1, 0.0)],
            BLACK.stroke_width(1),
        ))?;
    }
    for (si, (label, waarden)) in reeksen.iter().enumerate() {
        let c = kleur(si);
        let punten: Vec<(i32, f64)> = jaren
            .iter()
            .copied()
            .zip(waarden.iter().copied())
            .filter(|(_, v)| v.is_finite())
            .collect();
        chart.draw_series(LineSeries::new(punten.clone(), c.stroke_width(3)))?;
        items.push((label.clone(), Merk::Lijn(c, vorm(si))));
        // Marker shape per series: circle, triangle, cross, square.
        match vorm(si) {
            0 => chart.draw_series(punten.iter().map(|p| Circle::new(*p, 5, c.filled())))?,
            1 => chart.draw_series(
                punten
                    .iter()
                    .map(|p| TriangleMarker::new(*p, 6, c.filled())),
            )?,
            2 => chart.draw_series(punten.iter().map(|p| Cross::new(*p, 6, c.stroke_width(2))))?,
            _ => {
                chart.draw_series(punten.iter().map(|p| {
                    EmptyElement::at(*p) + Rectangle::new([(-4, -4), (4, 4)], c.filled())
                }))?
            }
        };
    }
    Ok(items)
}

/// A fan chart: shaded bands (outer first), then the lines on top.
fn teken_waaier<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Grafiek,
    tekst: &FontDesc<'_>,
    jaren: &[i32],
    banden: &[(String, Vec<f64>, Vec<f64>)],
    lijnen: &[(String, Vec<f64>)],
) -> Teken<DB> {
    let mut items: Legenda = Vec::new();
    let x0 = jaren.first().copied().unwrap_or(0);
    let x1 = jaren.last().copied().unwrap_or(1).max(x0 + 1);
    let (lo, hi) = bereik(
        banden
            .iter()
            .flat_map(|(_, a, b)| a.iter().chain(b.iter()).copied())
            .chain(lijnen.iter().flat_map(|(_, v)| v.iter().copied())),
    );
    let mut chart = jaar_assen(root, g, (x0, x1), (lo, hi), jaren.len(), tekst)?;
    // Bands from light (outer) to darker (inner) grey-blue: readable in black and white.
    let tinten = [RGBColor(200, 214, 235), RGBColor(140, 168, 210)];
    for (bi, (label, onder, boven)) in banden.iter().enumerate() {
        let c = tinten[bi.min(tinten.len() - 1)];
        let mut punten: Vec<(i32, f64)> =
            jaren.iter().copied().zip(boven.iter().copied()).collect();
        punten.extend(jaren.iter().copied().zip(onder.iter().copied()).rev());
        chart.draw_series(std::iter::once(Polygon::new(punten, c.filled())))?;
        items.push((label.clone(), Merk::Vlak(c)));
    }
    if lo < 0.0 {
        chart.draw_series(LineSeries::new(
            [(x0, 0.0), (x1, 0.0)],
            BLACK.stroke_width(1),
        ))?;
    }
    let lijnkleuren = [RGBColor(0, 0, 0), RGBColor(31, 59, 115)];
    for (si, (label, waarden)) in lijnen.iter().enumerate() {
        let c = lijnkleuren[si % lijnkleuren.len()];
        let punten: Vec<(i32, f64)> = jaren
            .iter()
            .copied()
            .zip(waarden.iter().copied())
            .filter(|(_, v)| v.is_finite())
            .collect();
        chart.draw_series(LineSeries::new(punten.clone(), c.stroke_width(3)))?;
        if si == 0 {
            chart.draw_series(punten.iter().map(|p| Circle::new(*p, 5, c.filled())))?;
        } else {
            chart.draw_series(
                punten
                    .iter()
                    .map(|p| TriangleMarker::new(*p, 6, c.filled())),
            )?;
        }
        items.push((label.clone(), Merk::Lijn(c, if si == 0 { 0 } else { 1 })));
    }
    Ok(items)
}

/// Per year two stacked bars (baten left, lasten right), each stacked by post.
fn teken_stapels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &Grafiek,
    tekst: &FontDesc<'_>,
    jaren: &[i32],
    links: &(String, Vec<(String, Vec<f64>)>),
    rechts: &(String, Vec<(String, Vec<f64>)>),
) -> Teken<DB> {
    let mut items: Legenda = Vec::new();
    let n = jaren.len().max(1);
    let totaal = |s: &Vec<(String, Vec<f64>)>, i: usize| {
        s.iter()
            .map(|(_, v)| v.get(i).copied().unwrap_or(0.0).max(0.0))
            .sum::<f64>()
    };
    let (_, hi) = bereik((0..n).flat_map(|i| [totaal(&links.1, i), totaal(&rechts.1, i)]));
    let mut chart = ChartBuilder::on(root)
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(110)
        .build_cartesian_2d((0..(n - 1).max(1)).into_segmented(), 0.0..hi)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(&g.as_label)
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => jaren.get(*i).map(|j| j.to_string()).unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|y| euro_kort(*y))
        .label_style(tekst.clone())
        .draw()?;
    let breedte_segment = (BREEDTE as f64 - LEGENDA as f64 - 150.0) / n.max(2) as f64;
    let mut kleur_index = 0;
    for (kant, (_, stapel)) in [links, rechts].iter().enumerate() {
        let mut basis = vec![0.0f64; n];
        for (label, waarden) in stapel.iter() {
            let c = kleur(kleur_index);
            kleur_index += 1;
            let (l, r) = if kant == 0 {
                (breedte_segment * 0.12, breedte_segment * 0.52)
            } else {
                (breedte_segment * 0.52, breedte_segment * 0.12)
            };
            // Each post stacked on the posts before it; filled, then outlined.
            let onder = basis.clone();
            for (b, v) in basis.iter_mut().zip(waarden) {
                *b += v.max(0.0);
            }
            let stapel = |stijl: ShapeStyle| stapelvakken(&onder, &basis, (l, r), stijl);
            chart.draw_series(stapel(c.filled()))?;
            chart.draw_series(stapel(BLACK.stroke_width(1)))?;
            items.push((
                format!("{} {label}", if kant == 0 { "B:" } else { "L:" }),
                Merk::Vlak(c),
            ));
        }
    }
    Ok(items)
}

/// One post's blocks in a stacked column per year, from `onder` to `boven`, within the
/// margins (`l`, `r`) of its side of the year's segment.
fn stapelvakken(
    onder: &[f64],
    boven: &[f64],
    (l, r): (f64, f64),
    stijl: ShapeStyle,
) -> Vec<Rectangle<(SegmentValue<usize>, f64)>> {
    onder
        .iter()
        .zip(boven)
        .enumerate()
        .map(|(i, (o, b))| {
            let mut rect = Rectangle::new(
                [
                    (SegmentValue::Exact(i), *o),
                    (SegmentValue::Exact(i + 1), *b),
                ],
                stijl,
            );
            rect.set_margin(0, 0, l as u32, r as u32);
            rect
        })
        .collect()
}

/// Small multiples: the title, a legend line (surplus / deficit), then a grid of panels, each
/// with its own scale, the saldo per year as bars coloured by sign and a zero line. Long by
/// design: the drawing steps in order.
fn teken_panelen<DB: DrawingBackend>(
    totaal: &DrawingArea<DB, Shift>,
    titel: &str,
    jaren: &[i32],
    panelen: &[(String, Vec<f64>)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let tekst = ("sans-serif", 12).into_font();
    let onder_kop = kop(totaal, titel)?;
    let (boven, rest) = onder_kop.split_vertically(34);
    let mut x = 20;
    for (label, k) in [("Overschot", OVERSCHOT), ("Tekort", TEKORT)] {
        teken_merk(&boven, (x, 14), &Merk::Vlak(k))?;
        boven.draw(&Text::new(
            label,
            (x + 26, 7),
            ("sans-serif", 14).into_font(),
        ))?;
        x += 130;
    }
    boven.draw(&Text::new(
        "elk vak heeft een eigen schaal",
        (x + 10, 7),
        ("sans-serif", 14)
            .into_font()
            .color(&RGBColor(0x40, 0x40, 0x40)),
    ))?;
    let p = panelen.len().max(1);
    let kolommen = match p {
        1 => 1,
        2 | 4 => 2,
        3 | 5 | 6 | 9 => 3,
        _ => 4,
    };
    let rijen = p.div_ceil(kolommen);
    let n = jaren.len().max(1);
    // With many years only every other one is labelled.
    let stap = if n > 5 && kolommen > 2 { 2 } else { 1 };
    for ((naam, waarden), vak) in panelen.iter().zip(rest.split_evenly((rijen, kolommen))) {
        let (lo, hi) = bereik(waarden.iter().copied());
        let mut chart = ChartBuilder::on(&vak)
            .caption(naam, ("sans-serif", 16).into_font().style(FontStyle::Bold))
            .margin(10)
            .x_label_area_size(22)
            .y_label_area_size(78)
            .build_cartesian_2d((0..(n - 1).max(1)).into_segmented(), lo..hi)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_labels(5)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(i) if i % stap == 0 => {
                    jaren.get(*i).map(|j| j.to_string()).unwrap_or_default()
                }
                _ => String::new(),
            })
            .y_label_formatter(&|y| euro_kort(*y))
            .label_style(tekst.clone())
            .draw()?;
        let staven =
            |stijl: &dyn Fn(f64) -> ShapeStyle| -> Vec<Rectangle<(SegmentValue<usize>, f64)>> {
                waarden
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_finite())
                    .map(|(i, v)| {
                        let mut r = Rectangle::new(
                            [
                                (SegmentValue::Exact(i), 0.0),
                                (SegmentValue::Exact(i + 1), *v),
                            ],
                            stijl(*v),
                        );
                        r.set_margin(0, 0, 3, 3);
                        r
                    })
                    .collect()
            };
        chart.draw_series(staven(&|v| teken_kleur(v).filled()))?;
        chart.draw_series(staven(&|_| BLACK.stroke_width(1)))?;
        chart.draw_series(LineSeries::new(
            [(SegmentValue::Exact(0), 0.0), (SegmentValue::Exact(n), 0.0)],
            BLACK.stroke_width(1),
        ))?;
    }
    Ok(())
}

/// PNG and SVG files of charts, as (path in the output folder, bytes).
pub fn bestanden(grafieken: &[Grafiek]) -> Resultaat<Vec<(String, Vec<u8>)>> {
    use rayon::prelude::*;
    // Charts are independent pixel work: rendered in parallel, collected in their order.
    let per_grafiek = grafieken
        .par_iter()
        .map(bestanden_van)
        .collect::<Resultaat<Vec<_>>>()?;
    Ok(per_grafiek.into_iter().flatten().collect())
}

/// A chart's PNG and SVG file, as (path in the output folder, bytes).
pub fn bestanden_van(g: &Grafiek) -> Resultaat<[(String, Vec<u8>); 2]> {
    Ok([
        (format!("grafieken/{}.png", g.naam), png(g)?),
        (format!("grafieken/{}.svg", g.naam), svg(g)?.into_bytes()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's pixels from the cache are the pixels made fresh: glyph by glyph, in the same
    /// order, whatever the size; a chart drawn twice (the second time from the cache) is the
    /// same file.
    #[test]
    fn cached_text_draws_as_fresh_text() {
        for (t, g) in [("€ 1,2 mln", 14.0), ("Zwijndrecht", 11.5), ("2030", 14.0)] {
            let vers = rasteriseer(t, g);
            assert!(!vers.is_empty());
            assert_eq!(*tekstpixels(t, g), vers, "{t}");
            assert_eq!(*tekstpixels(t, g), vers, "{t}, from the cache");
        }
        // The size is part of the key.
        assert_eq!(*tekstpixels("2030", 15.0), rasteriseer("2030", 15.0));
        assert_ne!(rasteriseer("2030", 14.0), rasteriseer("2030", 15.0));
        let g = Grafiek {
            naam: "t".into(),
            titel: "Saldo per jaar, Zwijndrecht".into(),
            as_label: "saldo".into(),
            soort: crate::rapport::grafiek::Soort::Panelen {
                jaren: vec![2022, 2023, 2024],
                panelen: vec![("Zwijndrecht".into(), vec![-1200.0, 350_000.0, 2.5e6])],
            },
        };
        assert_eq!(png(&g).unwrap(), png(&g).unwrap());
    }

    #[test]
    fn file_name_parts_are_unique_and_short() {
        let (delen, meldingen) =
            unieke_bestandsnamen(&["Regio A", "regio_a_2", "Regio_A", "REGIO A", "SDD"]);
        assert_eq!(
            delen,
            ["regio_a", "regio_a_2", "regio_a_3", "regio_a_4", "sdd"]
        );
        assert_eq!(meldingen.len(), 1);
        assert!(meldingen[0].contains("'REGIO A' → regio_a_4"));
        let lang = "Ë".repeat(300);
        let deel = bestandsnaam(&lang);
        assert!(deel.len() <= MAX_NAAMDEEL && deel.starts_with("ëë"));
        let (delen, _) = unieke_bestandsnamen(&[lang.clone(), format!("{lang}x")]);
        assert_eq!(delen[1], format!("{deel}_2"));
    }

    #[test]
    fn legend_labels_wrap_between_words_and_lose_no_letter() {
        for label in [
            "L: 1,5 fte voortgang en handhaving",
            "Raming uit volumes / definitief",
            "L: Inburgeringsvoorzieningen (routes, kosten per deelnemer) 2022",
            "B: Uitvoeringskosten IU",
            "Kort",
            "Eenheelerglangwoordzonderspatiesdatnietopéénregelpast",
        ] {
            let r = regels(label, LEGENDA_TEKST, LEGENDA_LETTER as f32);
            let mut terug = String::new();
            for l in &r {
                assert!(
                    tekstbreedte(l, LEGENDA_LETTER as f32) <= LEGENDA_TEKST,
                    "{l:?} te breed"
                );
                assert!(!l.contains('…'), "{l:?}");
                if !terug.is_empty() && !terug.ends_with('-') {
                    terug.push(' ');
                }
                terug = terug.trim_end_matches('-').to_string() + l;
            }
            // Every word whole: only a word wider than the column is split, with a hyphen.
            assert_eq!(terug.trim_end_matches('-'), label, "{r:?}");
            if label.len() < 40 {
                for w in label.split_whitespace() {
                    assert!(
                        r.iter().any(|l| l.split_whitespace().any(|x| x == w)),
                        "{w} in {r:?}"
                    );
                }
            }
        }
        assert_eq!(
            regels("L: 1,5 fte voortgang en handhaving", LEGENDA_TEKST, 13.0).len(),
            2
        );
    }

    /// Columns with ink in a PNG buffer rendered by [`Raster`]: the glyphs' horizontal runs.
    fn inktkolommen(tekst: &str) -> Vec<(usize, usize)> {
        registreer_lettertype();
        let (w, h) = (400u32, 80u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = Raster(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
            root.draw(&Text::new(tekst, (10, 10), ("sans-serif", 48).into_font()))
                .unwrap();
            root.present().unwrap();
        }
        let inkt: Vec<bool> = (0..w as usize)
            .map(|x| (0..h as usize).any(|y| buf[(y * w as usize + x) * 3] < 128))
            .collect();
        let mut runs = Vec::new();
        let mut x = 0;
        while x < inkt.len() {
            if inkt[x] {
                let b = x;
                while x < inkt.len() && inkt[x] {
                    x += 1;
                }
                runs.push((b, x));
            }
            x += 1;
        }
        runs
    }

    #[test]
    fn ij_is_set_as_close_as_il() {
        // Plotters' own glyph placement put the j's box (its hook reaching left) at the pen
        // position, pushing the j right: "Zwi jndrecht". With the bearing the gap between i and
        // j is no wider than between i and l.
        let gat = |t: &str| {
            let r = inktkolommen(t);
            if r.len() < 2 { 0 } else { r[1].0 - r[0].1 }
        };
        let (ij, il) = (gat("ij"), gat("il"));
        assert!(ij <= il + 1, "ij {ij} px, il {il} px");
        // And the word's ink is as wide as its measured advance (no extra spacing).
        let r = inktkolommen("Zwijndrecht");
        let inkt = r.last().unwrap().1 - r.first().unwrap().0;
        let maat = tekstbreedte("Zwijndrecht", 48.0);
        assert!((inkt as f32 - maat).abs() < 6.0, "inkt {inkt}, maat {maat}");
    }

    #[test]
    fn svg_text_is_one_run_per_label_and_deficits_have_their_own_colour() {
        let g = Grafiek {
            naam: "t".into(),
            titel: "Saldo Zwijndrecht".into(),
            as_label: "saldo".into(),
            soort: Soort::SaldoStaven {
                categorieen: vec!["Zwijndrecht".into(), "Hendrik-Ido-Ambacht".into()],
                waarden: vec![1000.0, -500.0],
            },
        };
        let s = svg(&g).unwrap();
        // One <text> element holds the whole word (the viewer sets it, kerning included).
        assert!(s.contains(">\nZwijndrecht\n</text>"), "{s}");
        assert!(s.contains(">\nOverschot\n</text>") && s.contains(">\nTekort\n</text>"));
        assert!(s.contains("#1F3B73") && s.contains("#F4A582"), "{s}");
        // In grey the two differ clearly.
        let grijs = |c: RGBColor| 0.299 * c.0 as f64 + 0.587 * c.1 as f64 + 0.114 * c.2 as f64;
        assert!(grijs(TEKORT) - grijs(OVERSCHOT) > 100.0);
    }

    #[test]
    fn small_multiples_keep_at_most_twelve_panels_groups_first() {
        let p: Vec<(String, Vec<f64>)> = (0..20)
            .map(|i| (format!("g{i}"), vec![i as f64 * 10.0]))
            .collect();
        let (uit, noot) = beperk(p, 2);
        assert_eq!(uit.len(), MAX_PANELEN);
        assert_eq!(uit[0].0, "g0");
        assert_eq!(uit[1].0, "g1");
        assert_eq!(uit[2].0, "g10");
        assert!(
            noot.contains("10 grootste saldi van 18 gemeenten"),
            "{noot}"
        );
    }

    #[test]
    fn many_bars_become_the_largest_nineteen_and_one_bar_for_the_rest() {
        use crate::rapport::grafiek::{MAX_CATEGORIEEN, top_met_overige};
        // 50 gemeenten; gemeente i has baten 100·i and lasten 50·i: the largest are 31..49.
        let cats: Vec<String> = (0..50).map(|i| format!("g{i}")).collect();
        let baten: Vec<f64> = (0..50).map(|i| 100.0 * i as f64).collect();
        let lasten: Vec<f64> = (0..50).map(|i| 50.0 * i as f64).collect();
        let (c, r, noot) = top_met_overige(
            cats,
            vec![("Baten".into(), baten.clone()), ("Lasten".into(), lasten)],
            "gemeenten",
        );
        assert_eq!(c.len(), MAX_CATEGORIEEN);
        assert_eq!(c[0], "g31");
        assert_eq!(c[18], "g49");
        assert_eq!(c[19], "overige (31 gemeenten)");
        // Nothing is lost: the bars add up to the total of every series.
        assert_eq!(r[0].1.iter().sum::<f64>(), baten.iter().sum::<f64>());
        assert_eq!(r[0].1[19], 100.0 * (0..31).sum::<i32>() as f64);
        assert!(noot.contains("de 19 grootste van 50 gemeenten"), "{noot}");
        // Few categories stay as they are.
        let (c, _, noot) =
            top_met_overige(vec!["a".into()], vec![("x".into(), vec![1.0])], "gemeenten");
        assert_eq!((c.len(), noot.as_str()), (1, ""));
    }

    #[test]
    fn a_line_chart_keeps_the_groups_and_the_eight_largest_gemeenten() {
        use crate::rapport::grafiek::{MAX_LIJNEN, beperk_lijnen};
        let mut reeksen: Vec<(String, Vec<f64>)> = (0..30)
            .map(|i| (format!("g{i}"), vec![0.0, -(i as f64)]))
            .collect();
        reeksen.push(("Regio".into(), vec![0.0, 1.0]));
        let (uit, noot) = beperk_lijnen(reeksen, &["Regio"]);
        assert_eq!(uit.len(), MAX_LIJNEN + 1);
        assert_eq!(uit[0].0, "g22");
        assert_eq!(uit.last().unwrap().0, "Regio");
        assert!(noot.contains("de 8 grootste van 30 gemeenten"), "{noot}");
    }

    #[test]
    fn dutch_short_euros() {
        assert_eq!(euro_kort(1_234_567.0), "€ 1,2 mln");
        assert_eq!(euro_kort(250_000.0), "€ 250.000");
        assert_eq!(euro_kort(-3_400.0), "€ -3.400");
        assert_eq!(euro_kort(0.0), "€ 0");
    }
}
