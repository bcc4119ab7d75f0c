//! The raad report as a councillor gets it: printed from headless Chromium on A4 no element is
//! wider than its page (portrait, or landscape for the wide tables), the screen needs no
//! horizontal scroll, and the Word document reads back with headings, tables, an amount and
//! the charts as images, byte-identical across runs.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const CHROMIUM: &str = "/usr/bin/chromium";

fn raming(args: &[&str], cwd: &Path) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn rapport(t: &Path, scenario: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "rapport".to_string(),
        format!("{ROOT}/scenarios/{scenario}.toml"),
        "--uit".into(),
        "r.html".into(),
        "--datum".into(),
        "2026-11-22".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    raming(&a, t);
    fs::read_to_string(t.join("r.html")).unwrap()
}

/// Runs headless Chromium with the flags that work on these machines and a fresh profile.
fn chromium(t: &Path, extra: &[&str], pagina: &Path) -> String {
    let profiel = tempfile::tempdir_in(t).unwrap();
    let mut c = Command::new(CHROMIUM);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
    ])
    .arg(format!("--user-data-dir={}", profiel.path().display()))
    .args(extra)
    .arg(format!("file://{}", pagina.display()));
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Measures every element against the page: the text width of an A4 page (210 − 2 × 15 mm) or,
/// inside a landscape part, of a landscape page (297 − 2 × 12 mm); writes what sticks out into
/// `<pre id="overloop">` (first line: the count).
const METING: &str = r#"<script>
window.addEventListener('load', () => {
  const mm = 96 / 25.4;
  const body = document.body.getBoundingClientRect();
  const uit = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.tagName === 'SCRIPT') continue;
    const b = el.closest('.breed');
    const grens = b ? b.getBoundingClientRect().left + 273 * mm : body.left + 180 * mm;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > grens + 1) {
      uit.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 60) + ' (+' + Math.round(r.right - grens) + ' px)');
    }
  }
  const scherm = document.documentElement.scrollWidth - window.innerWidth;
  const p = document.createElement('pre');
  p.id = 'overloop';
  p.textContent = uit.length + ' ' + scherm + '\n' + uit.slice(0, 20).join('\n');
  document.body.appendChild(p);
});
</script>"#;

fn overloop(dom: &str) -> (usize, i64, String) {
    let i = dom.find("<pre id=\"overloop\">").expect("meting ontbreekt") + 19;
    let rest = &dom[i..];
    let eind = rest.find("</pre>").unwrap();
    let tekst = &rest[..eind];
    let eerste = tekst.lines().next().unwrap_or("");
    let mut delen = eerste.split(' ');
    let n = delen.next().unwrap().parse().unwrap();
    let scherm = delen.next().unwrap().parse().unwrap();
    (n, scherm, tekst.to_string())
}

#[test]
fn printed_on_a4_no_element_is_wider_than_its_page_and_the_screen_needs_no_scroll() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!(
            "let op: {CHROMIUM} ontbreekt; afdruktest overgeslagen (.ci/run installeert chromium)"
        );
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    for scenario in ["risico", "basis"] {
        let html = rapport(p, scenario, &[]);
        // Print layout: the print rules applied on screen, the body the width of the page text.
        let afdruk = html
            .replace("@media print {", "@media all {")
            .replace(
                "</body>",
                &format!("<style>body {{ width: 180mm !important; }} .breed {{ width: 273mm !important; }}</style>{METING}</body>"),
            );
        let pad = p.join(format!("afdruk_{scenario}.html"));
        fs::write(&pad, afdruk).unwrap();
        let dom = chromium(
            p,
            &[
                "--window-size=1400,1000",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ],
            &pad,
        );
        let (n, _, tekst) = overloop(&dom);
        assert_eq!(n, 0, "{scenario}: breder dan de pagina:\n{tekst}");
        // Screen: a laptop-wide window and a narrow one, no horizontal scroll of the page.
        for breedte in [1280, 700] {
            let scherm = html.replace("</body>", &format!("{METING}</body>"));
            let pad = p.join(format!("scherm_{scenario}_{breedte}.html"));
            fs::write(&pad, scherm).unwrap();
            let dom = chromium(
                p,
                &[
                    &format!("--window-size={breedte},900"),
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                ],
                &pad,
            );
            let (_, scroll, _) = overloop(&dom);
            assert!(
                scroll <= 0,
                "{scenario} op {breedte} px: {scroll} px horizontaal scrollen"
            );
        }
    }
    // The real print: A4 pages, landscape ones for the wide tables.
    let html = rapport(p, "risico", &[]);
    assert!(html.contains("@page breed"));
    let pdf = p.join("r.pdf");
    chromium(
        p,
        &[&format!("--print-to-pdf={}", pdf.display())],
        &p.join("r.html"),
    );
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if let Ok(o) = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "200"])
        .arg(&pdf)
        .output()
    {
        let info = String::from_utf8_lossy(&o.stdout);
        let staand = info.matches("594.96 x 841.92").count();
        let liggend = info.matches("841.92 x 594.96").count();
        assert!(staand > 5 && liggend > 0, "{info}");
    }
}

fn deel(zip: &[u8], naam: &str) -> Option<Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut f = z.by_name(naam).ok()?;
    let mut v = Vec::new();
    f.read_to_end(&mut v).unwrap();
    Some(v)
}

#[test]
fn word_report_has_headings_tables_an_amount_and_images_and_is_deterministic() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    rapport(p, "basis", &["--docx"]);
    let a = fs::read(p.join("r.docx")).unwrap();
    let doc = String::from_utf8(deel(&a, "word/document.xml").expect("document.xml")).unwrap();
    for kop in [
        "Kerncijfers",
        "Baten",
        "Lasten",
        "Afrekening van de SPUK",
        "Begrippenlijst",
        "Technische bijlage",
    ] {
        assert!(doc.contains(&format!(">{kop}<")), "{kop} ontbreekt");
    }
    assert!(doc.contains("w:val=\"Heading1\""), "kopstijl");
    assert!(doc.contains("<w:tbl>"), "Word-tabel");
    // A known amount of the 2022 overview (SDD baten, as in the Beleidskader).
    assert!(doc.contains(">1.515.320<"), "bedrag");
    let styles = String::from_utf8(deel(&a, "word/styles.xml").unwrap()).unwrap();
    assert!(styles.contains("heading 1"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let beelden: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert!(beelden.len() >= 3, "{beelden:?}");
    let png = deel(&a, &beelden[0]).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    // The same report again: the same bytes; an explicit path works too.
    raming(
        &[
            "rapport",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "r2.html",
            "--datum",
            "2026-11-22",
            "--docx",
            "ander.docx",
        ],
        p,
    );
    assert_eq!(a, fs::read(p.join("ander.docx")).unwrap());
    // Not over a file raming did not write.
    fs::write(p.join("eigen.docx"), b"mijn document").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_raming"))
        .args([
            "rapport",
            &format!("{ROOT}/scenarios/basis.toml"),
            "--uit",
            "r3.html",
            "--docx",
            "eigen.docx",
        ])
        .current_dir(p)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read(p.join("eigen.docx")).unwrap(), b"mijn document");
}

#[test]
fn the_main_text_has_no_file_names_hashes_or_settings_and_the_title_page_comes_from_the_scenario() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path();
    fs::write(
        p.join("s.toml"),
        format!(
            "basis = \"{ROOT}/scenarios/basis.toml\"\nnaam = \"instroom50_fte\"\norganisatie = \"Gemeente Dordrecht\"\nregio = \"Drechtsteden\"\ntitel = \"Financiën Wet inburgering 2022–2030\"\nstatus = \"definitief\"\nversie = \"1.2\"\nbeslispunten = [\"Kennis te nemen van de raming.\", \"Het tekort vanaf 2030 te dekken uit de algemene middelen.\"]\n"
        ),
    )
    .unwrap();
    raming(
        &[
            "rapport",
            "s.toml",
            "--uit",
            "r.html",
            "--datum",
            "2026-11-22",
        ],
        p,
    );
    let html = fs::read_to_string(p.join("r.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let i = html.find("Technische bijlage").unwrap();
    let hoofdtekst = &html[..i];
    for verboden in [
        "instroom50_fte",
        ".csv",
        ".toml",
        "data/drechtsteden",
        "seed",
        "sha256",
        "SHA-256",
        "realisatie_tot",
        "inburgeringsvoorzieningen = ",
    ] {
        assert!(
            !hoofdtekst.contains(verboden),
            "{verboden} in de hoofdtekst"
        );
    }
    // No 64-digit hash before the appendix.
    assert!(
        !hoofdtekst
            .split(|c: char| !c.is_ascii_hexdigit())
            .any(|w| w.len() >= 40),
        "hash in de hoofdtekst"
    );
    for s in [
        "Gemeente Dordrecht",
        "Drechtsteden",
        "Financiën Wet inburgering 2022–2030",
        "Definitief",
        "1.2",
        "22 november 2026",
    ] {
        assert!(hoofdtekst.contains(s), "{s} ontbreekt op de titelpagina");
    }
    let h2 = scraper::Selector::parse("h2").unwrap();
    let titels: Vec<String> = doc.select(&h2).map(|e| e.text().collect()).collect();
    let pos = |s: &str| {
        titels
            .iter()
            .position(|x| x == s)
            .unwrap_or_else(|| panic!("{s} in {titels:?}"))
    };
    assert!(pos("Kerncijfers") < pos("Baten"));
    assert!(pos("Baten") < pos("Lasten"));
    assert!(pos("Lasten") < pos("Afrekening van de SPUK"));
    assert!(pos("Risico's en reserve") < pos("Beslispunten"));
    assert!(pos("Beslispunten") < pos("Begrippenlijst"));
    assert!(pos("Begrippenlijst") < pos("Technische bijlage"));
    assert!(pos("Technische bijlage") < pos("Uitgangspunten en bronnen"));
    assert!(html.contains("Het tekort vanaf 2030 te dekken uit de algemene middelen."));
    // The glossary explains the users' words.
    for w in [
        "SPUK (specifieke uitkering)",
        "IU (integratie-uitkering)",
        "GR",
        "Leerroutes",
    ] {
        assert!(hoofdtekst.contains(w), "{w} ontbreekt in de begrippenlijst");
    }
    // Three sentences to read aloud, the structural one first (the region in the last year).
    let sel = scraper::Selector::parse(".voorlezen p").unwrap();
    let zinnen: Vec<String> = doc.select(&sel).map(|e| e.text().collect()).collect();
    assert_eq!(zinnen.len(), 3, "{zinnen:?}");
    assert!(
        zinnen[0].starts_with("In 2030 is het saldo voor SDD"),
        "{zinnen:?}"
    );
    assert!(zinnen[1].starts_with("Het saldo van SDD"), "{zinnen:?}");
}
