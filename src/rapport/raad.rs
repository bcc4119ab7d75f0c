//! The raad report as a document: title page, kerncijfers, an explanation per subject,
//! beslispunten, begrippenlijst and a technical appendix. Built here from the runs, once; the
//! HTML (`uitvoer::html`) and Word (`uitvoer::docx`) renderers only lay it out. The main text
//! holds no file names, hashes or settings keys: those are in the appendix.

use crate::Run;
use crate::fout::Resultaat;
use crate::rapport::Invoerbestand;
use crate::rapport::cijfers;
use crate::rapport::grafiek::{self, Grafiek};
use crate::rapport::kerncijfers::{self, Feit, Kerncijfers, Onderwerp};
use crate::rapport::tabel::{Cel, Tabel};
use crate::rapport::vergelijking::Vergelijking;
use crate::scenario::RapportStatus;
use rust_decimal::Decimal;
use serde::Deserialize;

/// A piece of a chapter.
#[derive(Debug, Clone)]
pub enum Blok {
    Alinea(String),
    Opsomming(Vec<String>),
    /// A sub-heading.
    Kop(String),
    /// A table with its caption. `breed`: too wide for a portrait page (printed landscape).
    Tabel {
        titel: String,
        tabel: Tabel,
        breed: bool,
    },
    Grafiek(Grafiek),
    /// Text a reader checks character by character (a hash): shown in a fixed-width font.
    Code(String),
}

#[derive(Debug, Clone)]
pub struct Hoofdstuk {
    pub titel: String,
    pub blokken: Vec<Blok>,
}

impl Hoofdstuk {
    fn nieuw(titel: impl Into<String>) -> Self {
        Hoofdstuk {
            titel: titel.into(),
            blokken: Vec::new(),
        }
    }
    fn alinea(&mut self, t: impl Into<String>) {
        self.blokken.push(Blok::Alinea(t.into()));
    }
    fn kop(&mut self, t: impl Into<String>) {
        self.blokken.push(Blok::Kop(t.into()));
    }
    fn tabel(&mut self, titel: impl Into<String>, tabel: Tabel) {
        // Wider than about eight columns does not fit a portrait A4 page in a legible size.
        let breed = tabel.kolommen.len() > 8;
        self.blokken.push(Blok::Tabel {
            titel: titel.into(),
            tabel,
            breed,
        });
    }
    fn feiten(&mut self, feiten: &[Feit], onderwerp: Onderwerp) {
        let z: Vec<String> = feiten
            .iter()
            .filter(|f| f.onderwerp == onderwerp)
            .map(|f| f.zin.clone())
            .collect();
        if !z.is_empty() {
            self.blokken.push(Blok::Opsomming(z));
        }
    }
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Raadsrapport {
    pub titel: String,
    pub ondertitel: String,
    pub organisatie: Option<String>,
    pub regio: Option<String>,
    /// "Concept" or "Definitief".
    pub status: String,
    pub versie: Option<String>,
    /// `22 november 2026`.
    pub datum: String,
    /// `2026-11-22` (document properties).
    pub datum_iso: String,
    pub kerncijfers: Kerncijfers,
    pub hoofdstukken: Vec<Hoofdstuk>,
    pub beslispunten: Vec<String>,
    pub begrippen: Vec<(String, String)>,
    pub bijlagen: Vec<Hoofdstuk>,
    /// `raming 0.1.0`.
    pub programma: String,
}

#[derive(Deserialize)]
struct Begrippen {
    begrip: Vec<Begrip>,
}

#[derive(Deserialize)]
struct Begrip {
    term: String,
    uitleg: String,
}

/// The begrippenlijst: `assets/begrippen.toml`, embedded in the binary.
pub fn begrippen() -> Vec<(String, String)> {
    toml::from_str::<Begrippen>(include_str!("../../assets/begrippen.toml"))
        .map(|b| b.begrip.into_iter().map(|x| (x.term, x.uitleg)).collect())
        .unwrap_or_default()
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

/// Gemeenten and groups down, years across and the multi-year total (rounded once).
pub fn saldo_tabel(run: &Run) -> Tabel {
    let overz = &run.uitkomst.overzichten;
    let mut kolommen = vec![("naam".to_string(), "Gemeente / groep".to_string())];
    kolommen.extend(
        overz
            .iter()
            .map(|o| (o.jaar.to_string(), o.jaar.to_string())),
    );
    kolommen.push(("totaal".into(), "Totaal".into()));
    let k: Vec<(&str, &str)> = kolommen
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut t = Tabel::nieuw(&k);
    let Some(eerste) = overz.first() else {
        return t;
    };
    for (i, naam) in eerste.kolommen.iter().enumerate() {
        let mut rij = vec![Cel::tekst(naam)];
        rij.extend(
            overz
                .iter()
                .map(|o| Cel::Euro(o.waarde("saldo", naam).unwrap_or_default())),
        );
        rij.push(Cel::Euro(cijfers::saldo_meerjarig(&run.uitkomst, naam)));
        t.push(rij, i >= eerste.aantal_gemeenten);
    }
    t
}

/// One soort's posts of one entity down, years across (displayed overview cells), with the
/// overview's own total row.
fn posten_tabel(run: &Run, naam: &str, soort: crate::ledger::Soort) -> Tabel {
    let overz = &run.uitkomst.overzichten;
    let mut kolommen = vec![("post".to_string(), "Post".to_string())];
    kolommen.extend(
        overz
            .iter()
            .map(|o| (o.jaar.to_string(), o.jaar.to_string())),
    );
    let k: Vec<(&str, &str)> = kolommen
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut t = Tabel::nieuw(&k);
    // Posts in order of first appearance over the years.
    let mut posten: Vec<(crate::post::PostId, String)> = Vec::new();
    for o in overz {
        for p in run.ledger.posten(o.jaar) {
            if p.soort == soort && !posten.iter().any(|(id, _)| *id == p.post) {
                posten.push((p.post.clone(), p.label.to_string()));
            }
        }
    }
    for (id, omschrijving) in &posten {
        let mut rij = vec![Cel::tekst(omschrijving)];
        rij.extend(
            overz
                .iter()
                .map(|o| Cel::Euro(o.waarde(id.as_str(), naam).unwrap_or_default())),
        );
        t.rij(rij);
    }
    let totaal = match soort {
        crate::ledger::Soort::Baten => ("totaal_baten", "Totaal baten"),
        crate::ledger::Soort::Lasten => ("totaal_lasten", "Totaal lasten"),
    };
    let mut rij = vec![Cel::tekst(totaal.1)];
    rij.extend(
        overz
            .iter()
            .map(|o| Cel::Euro(o.waarde(totaal.0, naam).unwrap_or_default())),
    );
    t.push(rij, true);
    t
}

/// The overview of one year without the machine post ids.
fn overzicht_tabel(o: &crate::rapport::overzicht::Overzicht) -> Tabel {
    let mut t = o.tabel();
    t.kolommen.remove(0);
    t.kolommen[0].kop = "Post".into();
    for r in &mut t.rijen {
        r.cellen.remove(0);
    }
    t
}

fn afrekening_tabel(run: &Run) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente"),
        ("jaar", "Jaar"),
        ("beschikking", "Beschikking"),
        ("voorschotten", "Voorschotten"),
        ("beste_schatting", "Beste schatting"),
        ("verschil", "Verschil"),
        ("status", "Status"),
        ("vaststelling", "Vaststelling"),
    ]);
    let groepen: Vec<&str> = run.gegevens.groepsnamen();
    for (naam, a) in crate::rapport::afrekening::regels(&run.gegevens, &run.afrekening) {
        let groep = groepen.contains(&naam.as_str());
        let naam = match a.regeling {
            crate::uitkering::Regeling::Voorzieningen => naam,
            _ => format!("{naam} (onderwijsroute)"),
        };
        t.push(
            vec![
                Cel::tekst(naam),
                Cel::Geheel(a.jaar.into()),
                Cel::Euro(crate::verdeelsleutel::afgerond(a.beschikking, 0)),
                Cel::Euro(crate::verdeelsleutel::afgerond(a.voorschotten, 0)),
                Cel::Euro(crate::verdeelsleutel::afgerond(a.uitkomst(), 0)),
                Cel::Euro(crate::verdeelsleutel::afgerond(a.verschil(), 0)),
                Cel::tekst(match a.status() {
                    "raming" => "geraamd",
                    "realisatie" => "op werkelijke aantallen",
                    "vastgesteld" => "vastgesteld",
                    s => s,
                }),
                Cel::Geheel(a.vaststellingsjaar.into()),
            ],
            groep,
        );
    }
    t
}

/// Cash beside baten: the gemeente- and group-years where what is received differs from the
/// baten booked.
fn kasstroom_tabel(run: &Run) -> Option<Tabel> {
    let jaren: Vec<i32> = run.scenario.instellingen.jaren().collect();
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente"),
        ("jaar", "Jaar"),
        ("baten", "Baten"),
        ("ontvangen", "Ontvangen"),
        ("voorschotten", "w.v. voorschotten SPUK"),
        ("afrekening", "w.v. afrekening SPUK"),
        ("verschil", "Verschil"),
    ]);
    for (naam, k) in crate::rapport::kasstroom::regels(&run.gegevens, &run.kasstroom, &jaren) {
        let baten = run
            .uitkomst
            .saldi
            .get(&(naam.clone(), k.jaar))
            .map(|s| s.baten)
            .unwrap_or_default();
        if k.totaal() == baten {
            continue;
        }
        t.rij(vec![
            Cel::tekst(naam),
            Cel::Geheel(k.jaar.into()),
            Cel::Euro(cijfers::hele_euros(baten)),
            Cel::Euro(cijfers::hele_euros(k.totaal())),
            Cel::Euro(cijfers::hele_euros(k.spuk_voorschotten)),
            Cel::Euro(cijfers::hele_euros(k.spuk_afrekening)),
            Cel::Euro(cijfers::hele_euros(k.totaal() - baten)),
        ]);
    }
    (!t.rijen.is_empty()).then_some(t)
}

fn reserve_tabel(run: &Run) -> Option<Tabel> {
    let r = run.reserve.as_ref()?;
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("voor", "Resultaat vóór bestemming"),
        ("toevoeging", "Toevoeging"),
        ("onttrekking", "Onttrekking"),
        ("na", "Resultaat ná bestemming"),
        ("begin", "Beginsaldo"),
        ("eind", "Eindsaldo"),
    ]);
    let aantal = run.gegevens.gemeenten.len();
    let per = run.uitkomst.jaren.len().max(1);
    let mut vorige = String::new();
    for (i, (naam, l)) in crate::rapport::reserve::regels(&run.gegevens, Some(r))
        .into_iter()
        .enumerate()
    {
        let getoond = if naam == vorige {
            Cel::Leeg
        } else {
            Cel::tekst(&naam)
        };
        vorige = naam;
        let mut rij = vec![getoond, Cel::Geheel(l.jaar.into())];
        rij.extend(
            [
                l.resultaat_voor,
                l.toevoeging,
                l.onttrekking,
                l.resultaat_na,
                l.beginsaldo,
                l.eindsaldo,
            ]
            .into_iter()
            .map(|x| Cel::Euro(cijfers::hele_euros(x))),
        );
        t.push(rij, i / per >= aantal);
    }
    Some(t)
}

fn dekking_tabel(run: &Run) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("tabel", "Tabel"),
        ("gegeven", "Gegeven"),
        ("aangevuld", "Aangevuld"),
        ("regels", "Aangevuld volgens"),
    ]);
    for d in crate::rapport::dekking::dekking_per_tabel(&run.dekking) {
        let regels: Vec<String> = d
            .regels
            .iter()
            .map(|(regel, n)| format!("{regel} ({n}×)"))
            .collect();
        t.rij(vec![
            Cel::tekst(d.tabel),
            Cel::Geheel(d.gegeven as i64),
            Cel::Geheel(d.gevuld as i64),
            Cel::tekst(if regels.is_empty() {
                "–".into()
            } else {
                regels.join("; ")
            }),
        ]);
    }
    t
}

/// Builds the report from the runs (the first is the main scenario), the comparison of several,
/// the risk section, the report date and the input files with their hashes.
pub fn maak(
    runs: &[Run],
    vergelijking: Option<&Vergelijking>,
    risico: Option<&crate::rapport::risico::RisicoRapport>,
    datum: &str,
    invoer: &[Invoerbestand],
) -> Resultaat<Raadsrapport> {
    let Some(hoofd) = runs.first() else {
        return Err(crate::fout::Fout::Tabel(
            "rapport: geen scenario om over te rapporteren".into(),
        ));
    };
    let inst = &hoofd.scenario.instellingen;
    let periode = format!("{}–{}", inst.jaar_van, inst.jaar_tot);
    let rg = &hoofd.scenario.rapport;
    let kern = kerncijfers::maak(hoofd, risico, vergelijking);
    let hoofdgroep = kerncijfers::hoofdgroep(hoofd);
    // Titled without the scenario's (internal) name.
    let alle_grafieken = grafiek::voor_run_zonder_naam(hoofd);
    let [baten, lasten] = hoofdstukken_baten_lasten(hoofd, hoofdgroep.as_deref(), &alle_grafieken);
    let mut hoofdstukken = vec![
        hoofdstuk_saldo(runs, hoofd, &periode, &kern, &alle_grafieken),
        baten,
        lasten,
    ];
    hoofdstukken.extend(hoofdstuk_uitvoering(hoofd));
    hoofdstukken.push(hoofdstuk_afrekening(hoofd, &kern, &alle_grafieken));
    hoofdstukken.push(hoofdstuk_risico(runs, risico, &kern, &alle_grafieken));
    hoofdstukken.extend(hoofdstuk_verschillen(hoofd));
    if let Some(v) = vergelijking {
        hoofdstukken.push(hoofdstuk_vergelijking(runs, hoofd, v, &kern));
    }
    let bijlagen = bijlagen(runs, hoofd, datum, invoer);

    let regio = rg.regio.clone().or_else(|| hoofdgroep.clone());
    Ok(Raadsrapport {
        titel: rg
            .titel
            .clone()
            .unwrap_or_else(|| format!("Raming Wet inburgering {periode}")),
        ondertitel: format!("Baten, lasten en saldo per gemeente en jaar, {periode}"),
        organisatie: rg.organisatie.clone(),
        regio,
        status: match rg.status {
            RapportStatus::Concept => "Concept".into(),
            RapportStatus::Definitief => "Definitief".into(),
        },
        versie: rg.versie.clone(),
        datum: datum_nl(datum),
        datum_iso: datum.to_string(),
        kerncijfers: kern,
        hoofdstukken,
        beslispunten: rg.beslispunten.clone(),
        begrippen: begrippen(),
        bijlagen,
        programma: format!("raming {}", env!("CARGO_PKG_VERSION")),
    })
}

/// Saldo per gemeente and year, of every scenario, with the last year's chart.
fn hoofdstuk_saldo(
    runs: &[Run],
    hoofd: &Run,
    periode: &str,
    kern: &Kerncijfers,
    grafieken: &[Grafiek],
) -> Hoofdstuk {
    let inst = &hoofd.scenario.instellingen;
    let grafiek = |naam: &str| zoek(grafieken, naam);
    let mut h = Hoofdstuk::nieuw("Saldo per gemeente en jaar");
    h.alinea(format!(
        "Het saldo is de som van de baten min de lasten. Een negatief saldo is een tekort dat de gemeente uit eigen middelen moet dekken. De bedragen zijn hele euro's; elke tabel telt op (afronding met de methode van de grootste rest). Het totaal over {periode} is de exacte som over de jaren, één keer afgerond; het kan daardoor enkele euro's afwijken van de som van de jaarbedragen."
    ));
    h.alinea(crate::rapport::uitgangspunten::prijzen_zin(inst));
    h.feiten(&kern.feiten, Onderwerp::Saldo);
    if runs.len() == 1 {
        h.tabel("Saldo per gemeente en jaar", saldo_tabel(hoofd));
    } else {
        for r in runs {
            h.tabel(
                format!("Saldo per jaar — {}", r.scenario.naam),
                saldo_tabel(r),
            );
        }
    }
    if let Some(j) = hoofd.uitkomst.jaren.last()
        && let Some(g) = grafiek(&format!("saldo_{j}"))
    {
        h.blokken.push(Blok::Grafiek(g));
    }
    h
}

/// Baten and lasten per post of the main entity (the group the report is about), with the
/// charts of their make-up.
fn hoofdstukken_baten_lasten(
    hoofd: &Run,
    hoofdgroep: Option<&str>,
    grafieken: &[Grafiek],
) -> [Hoofdstuk; 2] {
    let inst = &hoofd.scenario.instellingen;
    let naam = hoofdgroep.unwrap_or_default().to_string();
    let opbouw: Vec<Grafiek> = grafieken
        .iter()
        .filter(|g| g.naam.starts_with("opbouw_"))
        .cloned()
        .collect();
    let mut h = Hoofdstuk::nieuw("Baten");
    h.alinea("De baten komen van het Rijk langs twee wegen. De integratie-uitkering (IU) via het gemeentefonds is voor de uitvoering: het regionale team, de organisatie en eenmalig de invoering van de wet. De gemeente mag dit geld vrij besteden en het wordt niet afgerekend. De specifieke uitkering (SPUK) is voor de inburgeringsvoorzieningen: de leerroutes en de onderdelen eromheen. Ze hangt af van het aantal inburgeraars en wordt achteraf afgerekend op de werkelijke aantallen.");
    if let Some(z) = crate::rapport::uitgangspunten::taakstelling_zin(inst, &hoofd.gegevens) {
        h.alinea(z);
    }
    h.tabel(
        format!("Baten per onderdeel — {naam}"),
        posten_tabel(hoofd, &naam, crate::ledger::Soort::Baten),
    );
    let baten = h;
    let mut h = Hoofdstuk::nieuw("Lasten");
    h.alinea(match inst.voorzieningen {
        crate::berekening::Voorzieningen::Spuk => "De lasten zijn de kosten van het regionale team (aantal fte maal de kosten per fte, verdeeld over de gemeenten naar de hoogte van hun uitvoeringsbudget) en de inburgeringsvoorzieningen. Die laatste zijn in deze raming gelijk aan de SPUK: het geld wordt doorgegeven aan de leerroutes, zodat de SPUK het saldo niet verandert.",
        crate::berekening::Voorzieningen::Routes => "De lasten zijn de kosten van het regionale team (aantal fte maal de kosten per fte, verdeeld over de gemeenten naar de hoogte van hun uitvoeringsbudget) en de inburgeringsvoorzieningen. Die laatste zijn geraamd uit de kosten per deelnemer per leerroute en module, het aantal inburgeraars en de verdeling over de routes. Zo is te zien of de SPUK de werkelijke routekosten dekt.",
    });
    h.tabel(
        format!("Lasten per onderdeel — {naam}"),
        posten_tabel(hoofd, &naam, crate::ledger::Soort::Lasten),
    );
    for g in opbouw {
        h.blokken.push(Blok::Grafiek(g));
    }
    [baten, h]
}

/// Who executes what: the regional bodies' own begroting and opgave, and the lasten per
/// gemeente by who executes them; none when the gemeenten execute everything themselves.
fn hoofdstuk_uitvoering(hoofd: &Run) -> Option<Hoofdstuk> {
    let organen = crate::rapport::uitvoering::organen(&hoofd.gegevens, &hoofd.regio);
    let eigen_uitvoering = hoofd.ledger.boekingen.iter().any(|b| {
        b.soort == crate::ledger::Soort::Lasten
            && b.uitvoerder != crate::uitvoerder::Uitvoerder::Gemeente
    });
    if organen.is_empty() && !eigen_uitvoering {
        return None;
    }
    let mut h = Hoofdstuk::nieuw("Wie voert wat uit");
    h.alinea("Niet elke last is een uitgave van de gemeente zelf. Een regionaal orgaan (een gemeenschappelijke regeling) voert taken uit voor de gemeenten die het daarmee belasten en brengt elk een bijdrage in rekening; een partner voert taken uit met subsidie van de gemeente. Een gedeelde post wordt één keer verdeeld met de verdeelsleutel (methode van de grootste rest), zodat de bijdragen precies de lasten van het orgaan dekken. Wat een gemeente niet aan een orgaan of partner heeft opgedragen, voert zij zelf uit.");
    for orgaan in &organen {
        paragraaf_orgaan(&mut h, hoofd, orgaan);
    }
    if let Some(o) = hoofd.uitkomst.overzichten.first() {
        h.kop(format!("Lasten per gemeente naar uitvoerder, {}", o.jaar));
        h.tabel(
            format!("Lasten per gemeente naar uitvoerder {}", o.jaar),
            crate::rapport::uitvoering::per_gemeente(&hoofd.gegevens, &hoofd.ledger, o),
        );
    }
    Some(h)
}

/// A regional body's section: its budget (bijdragen and lasten per year) and, for a body of a
/// region's size, its opgave of the first year.
fn paragraaf_orgaan(h: &mut Hoofdstuk, hoofd: &Run, orgaan: &str) {
    let jaren = &hoofd.uitkomst.jaren;
    h.kop(format!("Begroting {orgaan}"));
    let eerste = jaren.first().copied();
    // Text first, then the two wide tables (each printed on a landscape page).
    let mut tekst = format!(
        "De eerste tabel is de begroting van {orgaan}: de bijdragen die het de gemeenten per jaar in rekening brengt en zijn lasten per post."
    );
    // The opgave has a column per member: only for a body of a region's size.
    let klein = hoofd
        .gegevens
        .groep(orgaan)
        .is_some_and(|g| g.leden.len() <= 12);
    let opgave = eerste.filter(|_| klein).and_then(|j| {
        crate::rapport::uitvoering::opgave(&hoofd.ledger, &hoofd.gegevens, orgaan, j).ok()
    });
    if let Some(j) = eerste.filter(|_| opgave.is_some()) {
        tekst.push_str(&format!(" De tweede is de opgave van {orgaan} voor {j}: per gemeente de integratie-uitkering, de SPUK van de gemeenten die hun inburgeringsvoorzieningen door {orgaan} laten uitvoeren, en de lasten die {orgaan} uitvoert (hun bijdragen)."));
    }
    if let Some(z) = eerste.and_then(|j| {
        crate::rapport::uitvoering::verschil_met_groep(
            &hoofd.gegevens,
            &hoofd.ledger,
            &hoofd.regio,
            orgaan,
            j,
        )
    }) {
        tekst.push(' ');
        tekst.push_str(&z);
    }
    h.alinea(tekst);
    let mut t = crate::rapport::uitvoering::weergave(
        &hoofd.gegevens,
        &hoofd.ledger,
        &hoofd.regio,
        orgaan,
        jaren,
    );
    // Post ids are for machines: the description is the row's name here.
    t.kolommen.remove(0);
    t.kolommen[0].kop = "Post".into();
    for r in &mut t.rijen {
        r.cellen.remove(0);
    }
    h.tabel(format!("Bijdragen en lasten van {orgaan} per jaar"), t);
    if let (Some(j), Some(o)) = (eerste, opgave) {
        // Its saldo row would be baten minus only the lasten via the body: left out.
        let mut t = overzicht_tabel(&o);
        t.rijen.pop();
        h.tabel(format!("Opgave lasten en baten via {orgaan} {j}"), t);
    }
}

/// The SPUK settlement and the cash that differs from the baten.
fn hoofdstuk_afrekening(hoofd: &Run, kern: &Kerncijfers, grafieken: &[Grafiek]) -> Hoofdstuk {
    let grafiek = |naam: &str| zoek(grafieken, naam);
    let mut h = Hoofdstuk::nieuw("Afrekening van de SPUK");
    h.alinea("Het Rijk geeft vóór 1 oktober van het jaar ervoor een voorlopige beschikking, soms in het jaar een nader voorlopige, en betaalt voorschotten in maandelijkse twaalfden. In mei van het jaar erna stelt het Rijk het bedrag vast op de werkelijke aantallen inburgeraars. Het verschil tussen de beste schatting van dat bedrag en de ontvangen voorschotten wordt dan nabetaald (positief) of teruggevorderd (negatief).");
    h.feiten(&kern.feiten, Onderwerp::Afrekening);
    if hoofd.afrekening.is_empty() {
        h.alinea("Er zijn geen beschikkingen bekend; er is geen afrekening te ramen.");
    } else {
        h.tabel("Afrekening per gemeente en jaar", afrekening_tabel(hoofd));
    }
    if let Some(g) = grafiek("spuk_afrekening") {
        h.blokken.push(Blok::Grafiek(g));
    }
    match kasstroom_tabel(hoofd) {
        Some(t) => {
            h.kop("Kasstroom");
            h.alinea("De SPUK komt binnen in maandelijkse twaalfden van de geldende beschikking; de afrekening volgt in het jaar van vaststelling. Waar de ontvangsten afwijken van de baten:");
            h.tabel("Ontvangsten tegenover baten", t);
        }
        None => h.alinea(
            "De ontvangsten (voorschotten SPUK, afrekeningen en IU) zijn in elk jaar gelijk aan de baten.",
        ),
    }
    h
}

/// The risk section (bands, reserve, tornado) and every scenario's bestemmingsreserve.
fn hoofdstuk_risico(
    runs: &[Run],
    risico: Option<&crate::rapport::risico::RisicoRapport>,
    kern: &Kerncijfers,
    grafieken: &[Grafiek],
) -> Hoofdstuk {
    let grafiek = |naam: &str| zoek(grafieken, naam);
    let mut h = Hoofdstuk::nieuw("Risico's en reserve");
    match risico {
        Some(r) => {
            h.alinea(format!(
                "Hoeveel inburgeraars komen en welke leerroute zij volgen, is niet zeker. Daarom is de raming {} keer doorgerekend met wisselende instroom en routeverdeling. Jaren vóór {} liggen vast en tellen niet mee; de uitkomsten gaan over {}–{}. De onzekerheid is ontleend aan: {}.",
                crate::opmaak::getal_nl(Decimal::from(r.trekkingen as u64)),
                r.vanaf,
                r.vanaf,
                r.laatste,
                r.bronnen
            ));
            h.feiten(&kern.feiten, Onderwerp::Risico);
            for (t, (_, waaier, tornado)) in r.tabellen.iter().zip(&r.grafieken) {
                h.kop(t.naam.clone());
                h.blokken
                    .push(Blok::Grafiek(waaier.clone()));
                // The table holds the years from `vanaf` only (see `rapport::risico`).
                h.tabel(
                    format!("Onzekerheid in het saldo — {}", t.naam),
                    t.tabel.clone(),
                );
                if t.reserve_nul {
                    h.alinea(format!(
                        "Voor {} is over {}–{} geen risicoreserve nodig: in minstens 9 van de 10 gevallen is er in die jaren geen tekort.",
                        t.naam, r.vanaf, r.laatste
                    ));
                } else if let Some(x) = t.reserve_meerjarig {
                    h.alinea(format!(
                        "Voorgestelde risicoreserve voor {} over {}–{}: {} (het diepste aaneengesloten tekort dat in 9 van de 10 gevallen niet wordt overschreden).",
                        t.naam,
                        r.vanaf,
                        r.laatste,
                        crate::opmaak::euro(x)
                    ));
                }
                if let Some(g) = tornado {
                    h.blokken
                        .push(Blok::Grafiek(g.clone()));
                }
            }
        }
        None => h.alinea(
            "Voor deze raming is geen risicoberekening gemaakt: er is geen onzekerheid in instroom of routeverdeling opgegeven.",
        ),
    }
    for r in runs {
        if let (Some(t), Some(res)) = (reserve_tabel(r), &r.reserve) {
            h.kop(res.naam.clone());
            h.alinea("Het overschot op het deel van de integratie-uitkering (de IU min alle lasten behalve de doorgegeven SPUK, die op de werkelijke aantallen wordt afgerekend) gaat naar de reserve, tot het plafond als dat er is; een tekort wordt eruit gedekt, zolang de reserve dat toelaat. Het resultaat ná bestemming is het saldo in de overige tabellen.");
            h.tabel(format!("Verloop van de reserve — {}", r.scenario.naam), t);
            if let Some(g) = grafiek("bestemmingsreserve") {
                h.blokken.push(Blok::Grafiek(g));
            }
        }
    }
    h
}

/// Realisatie against the budget, when there are actuals.
fn hoofdstuk_verschillen(hoofd: &Run) -> Option<Hoofdstuk> {
    if hoofd.verschillen.is_empty() {
        return None;
    }
    {
        let mut h = Hoofdstuk::nieuw("Realisatie tegenover raming");
        h.alinea("Verschil = realisatie − raming. Bij posten die met het aantal inburgeraars meebewegen is het verschil gesplitst in een volume-effect (verschil in aantallen × geraamde prijs) en een prijseffect (de rest); samen precies het verschil. Posten boven de drempel zijn gemarkeerd: daar is een toelichting nodig.");
        h.tabel(
            "Realisatie tegenover raming",
            crate::rapport::verschillen::weergave(&hoofd.verschillen),
        );
        Some(h)
    }
}

/// The scenarios side by side.
fn hoofdstuk_vergelijking(
    runs: &[Run],
    hoofd: &Run,
    v: &Vergelijking,
    kern: &Kerncijfers,
) -> Hoofdstuk {
    {
        let mut h = Hoofdstuk::nieuw("Scenario's vergeleken");
        h.alinea("Elk scenario is dezelfde raming met andere uitgangspunten:");
        h.blokken.push(Blok::Opsomming(
            runs.iter()
                .map(|r| format!("{}: {}", r.scenario.naam, r.scenario.omschrijving))
                .collect(),
        ));
        h.feiten(&kern.feiten, Onderwerp::Scenarios);
        for g in grafiek::voor_vergelijking(v, &hoofd.gegevens.groepsnamen()) {
            h.blokken.push(Blok::Grafiek(g));
        }
        h
    }
}

/// The technical appendix: settings, the overview per year, warnings and coverage, the
/// inputs with their bron, and the colophon with the input files' hashes. Long by design: the
/// appendix's sections in reading order.
fn bijlagen(runs: &[Run], hoofd: &Run, datum: &str, invoer: &[Invoerbestand]) -> Vec<Hoofdstuk> {
    let mut bijlagen = Vec::new();
    let mut b = Hoofdstuk::nieuw("Scenario en instellingen");
    for r in runs {
        b.kop(format!("Scenario {}", r.scenario.naam));
        if !r.scenario.omschrijving.is_empty() {
            b.alinea(r.scenario.omschrijving.clone());
        }
        let mut keten = vec![r.scenario.pad.display().to_string()];
        keten.extend(r.scenario.ouders.iter().map(|p| p.display().to_string()));
        b.alinea(format!(
            "Scenariobestand {} (met zijn ouders: {}); gegevens uit {}; jaren {}–{}.",
            r.scenario.pad.display(),
            keten.join(" → "),
            r.scenario.data.display(),
            r.scenario.instellingen.jaar_van,
            r.scenario.instellingen.jaar_tot
        ));
        b.alinea(crate::rapport::uitgangspunten::prijzen_zin(
            &r.scenario.instellingen,
        ));
        let mut t = Tabel::nieuw(&[("instelling", "Instelling"), ("waarde", "Waarde")]);
        for (k, v) in &r.scenario.instellingen_tekst {
            t.rij(vec![Cel::tekst(k), Cel::tekst(v)]);
        }
        b.tabel(format!("Instellingen — {}", r.scenario.naam), t);
    }
    bijlagen.push(b);
    let mut b = Hoofdstuk::nieuw("Overzicht per jaar");
    b.alinea("Per jaar alle posten per gemeente en groep, in hele euro's; elk getoond totaal is de som van de getoonde delen (afronding met de methode van de grootste rest). De exacte bedragen staan in begroting.csv en saldo.csv.");
    for o in &hoofd.uitkomst.overzichten {
        b.tabel(format!("Lasten en baten {}", o.jaar), overzicht_tabel(o));
    }
    bijlagen.push(b);
    let mut b = Hoofdstuk::nieuw("Waarschuwingen en dekking");
    for r in runs {
        let naam = if runs.len() > 1 {
            format!(" — {}", r.scenario.naam)
        } else {
            String::new()
        };
        b.kop(format!("Waarschuwingen{naam}"));
        if r.waarschuwingen.is_empty() {
            b.alinea("Deze berekening gaf geen waarschuwingen.");
        } else {
            b.alinea("Wat de berekening heeft aangevuld, aangenomen of overgeslagen en dat bedragen verandert (ook in waarschuwingen.csv):");
            b.tabel(
                format!("Waarschuwingen{naam}"),
                super::dekking::waarschuwingen(&r.waarschuwingen),
            );
        }
        b.kop(format!("Dekking van de invoer{naam}"));
        let t = dekking_tabel(r);
        if t.rijen.is_empty() {
            b.alinea("Er zijn geen gegevens over de dekking per gemeente en jaar gemeld.");
        } else {
            b.alinea("Per invoertabel: hoeveel gemeente-jaren in de gegevens staan en hoeveel zijn aangevuld, en volgens welke regel (per gemeente en jaar in dekking.csv).");
            b.tabel(format!("Dekking{naam}"), t);
        }
    }
    bijlagen.push(b);
    let mut b = Hoofdstuk::nieuw("Uitgangspunten en bronnen");
    b.alinea("Elke invoerregel met de bron die erbij staat. Bronnen zijn de documenten zoals hun titel luidt; 'aanname' betekent dat de documenten het getal niet geven.");
    let mut t = Tabel::nieuw(&[
        ("bestand", "Bestand"),
        ("regel", "Regel"),
        ("gegevens", "Gegevens"),
        ("bron", "Bron"),
    ]);
    for br in &hoofd.bronnen {
        t.rij(vec![
            Cel::tekst(&br.bestand),
            Cel::Geheel(br.regel as i64),
            Cel::tekst(&br.inhoud),
            Cel::tekst(&br.bron),
        ]);
    }
    b.tabel("Gegevens met bron", t);
    bijlagen.push(b);
    let mut b = Hoofdstuk::nieuw("Colofon");
    b.alinea(format!(
        "Gemaakt met raming {} op {}. Alle bedragen zijn exact tot op de cent berekend (decimale rekenkunde) en voor de tabellen afgerond op hele euro's met de methode van de grootste rest.",
        env!("CARGO_PKG_VERSION"),
        datum_nl(datum)
    ));
    b.alinea("Invoerbestanden met hun SHA-256, zodat een lezer kan nagaan welke gegevens dit rapport hebben gemaakt:");
    for f in invoer {
        b.blokken
            .push(Blok::Code(format!("{}  {}", f.sha256, f.pad)));
    }
    bijlagen.push(b);
    bijlagen
}

/// The chart of that name, if the run made it.
fn zoek(grafieken: &[Grafiek], naam: &str) -> Option<Grafiek> {
    grafieken.iter().find(|g| g.naam == naam).cloned()
}
