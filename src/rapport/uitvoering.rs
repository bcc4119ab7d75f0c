//! Who executes each cost, as tables: the regional bodies' own begroting (`regio_begroting.csv`:
//! their lasten per post and the bijdragen of their members), the bijdragen in detail
//! (`bijdragen.csv`, with the key that split them and the input row), every lasten line with its
//! uitvoerder (`uitvoering.csv`), per gemeente its own lasten, its subsidies and its bijdragen
//! (`lasten_per_uitvoerder.csv`), and a regional body's
//! opgave: the wide table of what goes through it, as the Beleidskader's "Voorlopige opgave
//! Lasten en Baten Inburgering 2022" shows the SDD.

use crate::fout::Fout;
use crate::gegevens::Gegevens;
use crate::gemeente::Groep;
use crate::ledger::{Boeking, Ledger, Soort};
use crate::rapport::grootboek::Gemeentecel;
use crate::rapport::overzicht::{self, Overzicht};
use crate::rapport::tabel::{Cel, Rijen, Tabel, Teksten};
use crate::uitvoerder::{Uitvoerder, VOORZIENINGEN};
use crate::uitvoering::RegioLast;
use crate::verdeelsleutel::rond_sluitend;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The regional bodies that execute something in the run, in the order of `groepen.csv`.
pub fn organen(d: &Gegevens, regio: &[RegioLast]) -> Vec<String> {
    // A set of the executing names, not a search of the lasten per group (quadratic when the
    // groups and bodies grow with the gemeenten).
    let uitvoerend: rustc_hash::FxHashSet<&str> = regio.iter().map(|r| r.regio.as_str()).collect();
    d.groepen
        .iter()
        .filter(|g| uitvoerend.contains(g.naam.as_str()))
        .map(|g| g.naam.clone())
        .collect()
}

fn is_bijdrage(b: &Boeking, regio: &str) -> bool {
    b.soort == Soort::Lasten && b.uitvoerder.regio() == Some(regio)
}

/// Per regional body its bijdrage lines (in ledger order) and its lasten (in the order of
/// `regio`), each found in one pass: a table over all bodies then reads the ledger once, not
/// once per body (bodies × ledger grows with the square of the gemeenten when the bodies do).
struct PerOrgaan<'a> {
    regels: rustc_hash::FxHashMap<&'a str, Vec<&'a Boeking>>,
    lasten: rustc_hash::FxHashMap<&'a str, Vec<&'a RegioLast>>,
}

impl<'a> PerOrgaan<'a> {
    fn new(ledger: &'a Ledger, regio: &'a [RegioLast]) -> Self {
        let mut regels: rustc_hash::FxHashMap<&str, Vec<&Boeking>> = Default::default();
        for b in ledger.boekingen.iter().filter(|b| b.soort == Soort::Lasten) {
            if let Some(r) = b.uitvoerder.regio() {
                regels.entry(r).or_default().push(b);
            }
        }
        let mut lasten: rustc_hash::FxHashMap<&str, Vec<&RegioLast>> = Default::default();
        for r in regio {
            lasten.entry(r.regio.as_str()).or_default().push(r);
        }
        PerOrgaan { regels, lasten }
    }

    /// The body's bijdrage lines: the ledger's lines that [`is_bijdrage`] keeps, in order.
    fn regels(&self, orgaan: &str) -> &[&'a Boeking] {
        self.regels.get(orgaan).map_or(&[], |v| v.as_slice())
    }

    /// The body's lasten: the lines of `regio` with its name, in order.
    fn lasten(&self, orgaan: &str) -> &[&'a RegioLast] {
        self.lasten.get(orgaan).map_or(&[], |v| v.as_slice())
    }
}

/// `uitvoering.csv`: every lasten line of the ledger (as in `begroting.csv`: per year, per
/// gemeente, the ledger's post order) with who executes it: `uitvoerder` (the gemeente's own
/// name, a regional body or a partner) and `uitvoerder_soort` (`gemeente`, `regio`, `partner`).
pub fn regels(scenario: &str, d: &Gegevens, ledger: &Ledger) -> Tabel {
    regels_rijen(scenario, d, ledger).tabel()
}

/// [`regels`], its rows made as they are read (a million at 10.000 gemeenten).
pub fn regels_rijen<'a>(scenario: &str, d: &'a Gegevens, ledger: &'a Ledger) -> Rijen<'a> {
    let mut teksten = Teksten::default();
    let scenario = teksten.cel(scenario);
    let mut gemeente = Gemeentecel::default();
    Rijen::nieuw(
        &[
            ("scenario", "Scenario"),
            ("gemeente", "Gemeente"),
            ("jaar", "Jaar"),
            ("post", "Post"),
            ("omschrijving", "Omschrijving"),
            ("uitvoerder", "Uitvoerder"),
            ("uitvoerder_soort", "Soort uitvoerder"),
            ("bedrag", "Bedrag"),
        ],
        ledger
            .per_jaar_en_gemeente(|b| b.soort == Soort::Lasten)
            .into_iter()
            .map(move |b| {
                let naam = d.gemeenten.naam(b.gemeente);
                vec![
                    scenario.clone(),
                    gemeente.cel(d, b.gemeente),
                    Cel::Geheel(b.jaar.into()),
                    teksten.cel(b.post.as_str()),
                    teksten.cel(&b.omschrijving()),
                    teksten.cel(b.uitvoerder.naam(naam)),
                    teksten.cel(b.uitvoerder.soort()),
                    Cel::Bedrag(b.bedrag),
                ]
            }),
    )
}

/// Per regional body, year and gemeente its bijdrage (exact, summed over the posts), in the
/// order of the gemeenten.
fn bijdrage_per_gemeente(regels: &[&Boeking]) -> BTreeMap<(i32, usize), Decimal> {
    let mut m = BTreeMap::new();
    for b in regels {
        *m.entry((b.jaar, b.gemeente)).or_insert(Decimal::ZERO) += b.bedrag;
    }
    m
}

/// `regio_begroting.csv`: per regional body and year its baten (the bijdrage of each member,
/// post `bijdrage`) and its lasten per post, exact. In a forecast year the two add up to the
/// same amount to the cent: a shared post is split once, by the largest-remainder method.
pub fn begroting(scenario: &str, d: &Gegevens, ledger: &Ledger, regio: &[RegioLast]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("uitvoerder", "Regionaal orgaan"),
        ("jaar", "Jaar"),
        ("soort", "Soort"),
        ("post", "Post"),
        ("omschrijving", "Omschrijving"),
        ("gemeente", "Gemeente"),
        ("bedrag", "Bedrag"),
    ]);
    let per = PerOrgaan::new(ledger, regio);
    for orgaan in organen(d, regio) {
        let bijdragen = bijdrage_per_gemeente(per.regels(&orgaan));
        let jaren: Vec<i32> = {
            let mut j: Vec<i32> = per.lasten(&orgaan).iter().map(|r| r.jaar).collect();
            j.dedup();
            j
        };
        for jaar in jaren {
            for ((_, g), x) in bijdragen.range((jaar, 0)..(jaar + 1, 0)) {
                let naam = d.gemeenten.naam(*g);
                t.rij(vec![
                    Cel::tekst(scenario),
                    Cel::tekst(&orgaan),
                    Cel::Geheel(jaar.into()),
                    Cel::tekst("baten"),
                    Cel::tekst("bijdrage"),
                    Cel::tekst(format!("Bijdrage {naam} {jaar}")),
                    Cel::tekst(naam),
                    Cel::Bedrag(*x),
                ]);
            }
            for r in per.lasten(&orgaan).iter().filter(|r| r.jaar == jaar) {
                t.rij(vec![
                    Cel::tekst(scenario),
                    Cel::tekst(&orgaan),
                    Cel::Geheel(jaar.into()),
                    Cel::tekst("lasten"),
                    Cel::tekst(&r.post),
                    Cel::tekst(&r.omschrijving),
                    Cel::Leeg,
                    Cel::Bedrag(r.bedrag),
                ]);
            }
        }
    }
    t
}

/// `bijdragen.csv`: every bijdrage a regional body charges a gemeente, per post and year, exact,
/// with how the post was split (`verdeelsleutel`: the key over the deelnemers, or each member's
/// own cost) and the input row of the cost (`bron`).
pub fn bijdragen(scenario: &str, d: &Gegevens, ledger: &Ledger, regio: &[RegioLast]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("uitvoerder", "Regionaal orgaan"),
        ("gemeente", "Gemeente"),
        ("jaar", "Jaar"),
        ("post", "Post"),
        ("omschrijving", "Omschrijving"),
        ("bijdrage", "Bijdrage"),
        ("verdeelsleutel", "Verdeelsleutel"),
        ("bron", "Bron"),
    ]);
    let mut teksten = Teksten::default();
    let per = PerOrgaan::new(ledger, regio);
    for orgaan in organen(d, regio) {
        // Per year and gemeente, the posts in the ledger's order.
        let regels = crate::ledger::per_jaar_en_gemeente(per.regels(&orgaan).to_vec());
        // The body's lasten per year and post (the first, as a search would find).
        let mut lasten: rustc_hash::FxHashMap<(i32, &str), &RegioLast> = Default::default();
        for r in per.lasten(&orgaan) {
            lasten.entry((r.jaar, r.post.as_str())).or_insert(r);
        }
        for b in regels {
            let last = lasten.get(&(b.jaar, b.post.as_str())).copied();
            t.rij(vec![
                teksten.cel(scenario),
                teksten.cel(&orgaan),
                teksten.cel(d.gemeenten.naam(b.gemeente)),
                Cel::Geheel(b.jaar.into()),
                teksten.cel(b.post.as_str()),
                // The body's own description of the post (its fte, where another body executes
                // the same post for others).
                teksten.cel(&last.map_or_else(|| b.omschrijving(), |r| r.omschrijving.clone())),
                Cel::Bedrag(b.bedrag),
                teksten.cel(last.map(|r| r.verdeling.as_str()).unwrap_or("")),
                teksten.cel(last.map(|r| r.bron.as_str()).unwrap_or("")),
            ]);
        }
    }
    t
}

/// A gemeente's lasten in one year by who executes them: itself, partners (subsidies) and
/// regional bodies (bijdragen). Exact; the three add up to its lasten.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LastenNaarUitvoerder {
    pub eigen: Decimal,
    pub partners: Decimal,
    pub regio: Decimal,
}

impl LastenNaarUitvoerder {
    pub fn totaal(&self) -> Decimal {
        self.eigen + self.partners + self.regio
    }
}

/// Per gemeente and year, its lasten by uitvoerder.
pub fn naar_uitvoerder(ledger: &Ledger) -> BTreeMap<(usize, i32), LastenNaarUitvoerder> {
    let mut m: BTreeMap<(usize, i32), LastenNaarUitvoerder> = BTreeMap::new();
    for b in ledger.boekingen.iter().filter(|b| b.soort == Soort::Lasten) {
        let x = m.entry((b.gemeente, b.jaar)).or_default();
        match b.uitvoerder {
            Uitvoerder::Gemeente => x.eigen += b.bedrag,
            Uitvoerder::Partner(_) => x.partners += b.bedrag,
            Uitvoerder::Regio(_) => x.regio += b.bedrag,
        }
    }
    m
}

/// `lasten_per_uitvoerder.csv`: per gemeente, then per group (the sum of its members), and year the
/// lasten it executes itself, its subsidies to partners, its bijdragen to regional bodies and
/// their total (the lasten of `saldo.csv`), exact.
pub fn lasten(scenario: &str, d: &Gegevens, ledger: &Ledger, jaren: &[i32]) -> Tabel {
    let m = naar_uitvoerder(ledger);
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("eigen_uitvoering", "Eigen uitvoering"),
        ("subsidie_partners", "Subsidie aan partners"),
        ("bijdrage_regio", "Bijdrage aan regionaal orgaan"),
        ("lasten", "Lasten"),
    ]);
    let mut regel = |naam: &str, jaar: i32, x: LastenNaarUitvoerder| {
        t.rij(vec![
            Cel::tekst(scenario),
            Cel::tekst(naam),
            Cel::Geheel(jaar.into()),
            Cel::Bedrag(x.eigen),
            Cel::Bedrag(x.partners),
            Cel::Bedrag(x.regio),
            Cel::Bedrag(x.totaal()),
        ]);
    };
    for g in 0..d.gemeenten.len() {
        for j in jaren {
            regel(
                d.gemeenten.naam(g),
                *j,
                m.get(&(g, *j)).copied().unwrap_or_default(),
            );
        }
    }
    for gr in &d.groepen {
        for j in jaren {
            let mut x = LastenNaarUitvoerder::default();
            for l in &gr.leden {
                if let Some(y) = m.get(&(*l, *j)) {
                    x.eigen += y.eigen;
                    x.partners += y.partners;
                    x.regio += y.regio;
                }
            }
            regel(&gr.naam, *j, x);
        }
    }
    t
}

/// The ledger lines of a regional body's opgave: per member of its group the IU (baten), the
/// SPUK of the members whose inburgeringsvoorzieningen it executes (`uitvoerders.csv`, onderdeel
/// `inburgeringsvoorzieningen` or `alle`), and every lasten line it executes (the bijdragen).
pub fn opgave_ledger(ledger: &Ledger, d: &Gegevens, regio: &str) -> Ledger {
    let leden = d
        .groep(regio)
        .map(|g| g.lidmaatschap(d.gemeenten.len()))
        .unwrap_or_default();
    let index = crate::uitvoering::Index::new(&d.uitvoerders);
    let mandaat = |g: usize, j: i32| index.voorziening(VOORZIENINGEN, g, j).regio() == Some(regio);
    Ledger {
        boekingen: ledger
            .boekingen
            .iter()
            .filter(|b| leden.get(b.gemeente).copied().unwrap_or(false))
            .filter(|b| match b.soort {
                Soort::Lasten => b.uitvoerder.regio() == Some(regio),
                Soort::Baten => b.post.is_iu() || (b.post.is_spuk() && mandaat(b.gemeente, b.jaar)),
            })
            .cloned()
            .collect(),
    }
}

/// A regional body's opgave for one year: the wide table (posts down, its members and the body
/// across, whole euros, sluitend) of what goes through it. For the SDD in 2022 this is the
/// Beleidskader's "Voorlopige opgave Lasten en Baten Inburgering 2022".
pub fn opgave(ledger: &Ledger, d: &Gegevens, regio: &str, jaar: i32) -> Result<Overzicht, Fout> {
    let Some(groep) = d.groep(regio) else {
        return Err(Fout::Tabel(format!("geen groep '{regio}' in groepen.csv")));
    };
    let deel = opgave_ledger(ledger, d, regio);
    overzicht::maak_voor(&deel, d, jaar, &groep.leden, &[groep])
}

/// A regional body's begroting for people: its members' bijdragen (baten) and its lasten per
/// post (rows) per year (columns), whole euros, rounded as the overview rounds: each post's
/// bijdragen are rounded sluitend over the members (so a member's displayed bijdrage is the sum
/// of its cells in the overview and the opgave), a post's displayed lasten are the sum of its
/// displayed bijdragen, and every total is the sum of displayed cells.
pub fn weergave(
    d: &Gegevens,
    ledger: &Ledger,
    regio: &[RegioLast],
    orgaan: &str,
    jaren: &[i32],
) -> Tabel {
    let regels: Vec<&Boeking> = ledger
        .boekingen
        .iter()
        .filter(|b| is_bijdrage(b, orgaan))
        .collect();
    let lasten: Vec<&RegioLast> = regio.iter().filter(|r| r.regio == orgaan).collect();
    weergave_van(d, &regels, &lasten, jaren)
}

/// Exact bijdragen per (year, post) and member (a member's column).
type PerLid<'a> = BTreeMap<(i32, &'a str), Vec<Decimal>>;

/// The members with a bijdrage, in the order of the gemeenten (a member's column is its place
/// in this list), and the exact bijdragen per (year, post) and member.
fn per_lid<'a>(regels: &[&'a Boeking]) -> (Vec<usize>, PerLid<'a>) {
    let mut gemeenten: Vec<usize> = regels.iter().map(|b| b.gemeente).collect();
    gemeenten.sort_unstable();
    gemeenten.dedup();
    // Always found: the list is made of these lines' gemeenten.
    let kolom = |g: usize| gemeenten.binary_search(&g).unwrap_or_default();
    let n = gemeenten.len();
    let mut exact: PerLid = BTreeMap::new();
    for b in regels {
        exact
            .entry((b.jaar, b.post.as_str()))
            .or_insert_with(|| vec![Decimal::ZERO; n])[kolom(b.gemeente)] += b.bedrag;
    }
    (gemeenten, exact)
}

/// [`weergave`] of a body's bijdrage lines and lasten. Its rows are as wide as its members: the
/// largest remainder over the members alone hands out the same units as over every gemeente
/// (a gemeente without a bijdrage has nothing to round and never gets a unit).
fn weergave_van(d: &Gegevens, regels: &[&Boeking], regio: &[&RegioLast], jaren: &[i32]) -> Tabel {
    let mut posten: Vec<(crate::post::PostId, String)> = Vec::new();
    for r in regio {
        if !posten.iter().any(|(p, _)| *p == r.post) {
            posten.push((r.post.clone(), r.label.clone()));
        }
    }
    let (gemeenten, exact) = per_lid(regels);
    let n = gemeenten.len();
    let mut koppen: Vec<(String, String)> = vec![
        ("post".into(), "Post".into()),
        ("omschrijving".into(), "Omschrijving".into()),
    ];
    koppen.extend(jaren.iter().map(|j| (j.to_string(), j.to_string())));
    let k: Vec<(&str, &str)> = koppen
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut t = Tabel::nieuw(&k);
    let (baten, lasten) = gerond_per_jaar(&exact, &posten, jaren, n);
    let som = |rijen: &[Vec<Decimal>]| -> Vec<Decimal> {
        (0..jaren.len())
            .map(|c| rijen.iter().map(|r| r[c]).sum())
            .collect()
    };
    let rij = |t: &mut Tabel, post: &str, omschrijving: &str, w: &[Decimal], nadruk: bool| {
        let mut c = vec![Cel::tekst(post), Cel::tekst(omschrijving)];
        c.extend(w.iter().map(|x| Cel::Euro(*x)));
        t.push(c, nadruk);
    };
    for (g, w) in gemeenten.iter().zip(&baten) {
        rij(
            &mut t,
            "bijdrage",
            &format!("Bijdrage {}", d.gemeenten.naam(*g)),
            w,
            false,
        );
    }
    let tb = som(&baten);
    rij(&mut t, "totaal_baten", "Totaal bijdragen", &tb, true);
    for ((p, o), w) in posten.iter().zip(&lasten) {
        rij(&mut t, p.as_str(), o, w, false);
    }
    let tl = som(&lasten);
    rij(&mut t, "totaal_lasten", "Totaal lasten", &tl, true);
    t
}

/// Per year each post's bijdragen rounded sluitend over the `n` members: per member its
/// bijdrage per year (the sum of its displayed cells), and per post its lasten per year (the
/// sum over the members).
fn gerond_per_jaar(
    exact: &PerLid,
    posten: &[(crate::post::PostId, String)],
    jaren: &[i32],
    n: usize,
) -> (Vec<Vec<Decimal>>, Vec<Vec<Decimal>>) {
    let mut baten: Vec<Vec<Decimal>> = vec![Vec::new(); n];
    let mut lasten: Vec<Vec<Decimal>> = vec![Vec::new(); posten.len()];
    for j in jaren {
        let mut per_gemeente = vec![Decimal::ZERO; n];
        for (i, (p, _)) in posten.iter().enumerate() {
            let cellen = exact
                .get(&(*j, p.as_str()))
                .map(|x| rond_sluitend(x, 0))
                .unwrap_or_else(|| vec![Decimal::ZERO; n]);
            for (som, x) in per_gemeente.iter_mut().zip(&cellen) {
                *som += *x;
            }
            lasten[i].push(cellen.iter().copied().sum());
        }
        for (b, x) in baten.iter_mut().zip(&per_gemeente) {
            b.push(*x);
        }
    }
    (baten, lasten)
}

/// Per member of a regional body's group, its lasten in `jaar` outside the body: what the
/// group column of the overview holds beyond the body's opgave (own execution, subsidies,
/// bijdragen to other bodies), exact. Only members with such lasten.
pub fn buiten_opgave(
    ledger: &Ledger,
    groep: &Groep,
    jaar: i32,
) -> Vec<(usize, LastenNaarUitvoerder)> {
    let mut per: BTreeMap<usize, LastenNaarUitvoerder> = groep
        .leden
        .iter()
        .map(|g| (*g, Default::default()))
        .collect();
    for b in ledger
        .boekingen
        .iter()
        .filter(|b| b.jaar == jaar && b.soort == Soort::Lasten)
    {
        let Some(x) = per.get_mut(&b.gemeente) else {
            continue;
        };
        match &b.uitvoerder {
            Uitvoerder::Regio(r) if *r == groep.naam => {}
            Uitvoerder::Regio(_) => x.regio += b.bedrag,
            Uitvoerder::Gemeente => x.eigen += b.bedrag,
            Uitvoerder::Partner(_) => x.partners += b.bedrag,
        }
    }
    per.into_iter()
        .filter(|(_, x)| !x.totaal().is_zero())
        .collect()
}

/// Every regional body's begroting for people ([`weergave`]) in one table, the body's name in
/// the first column: the workbook's `Regionale begroting` sheet.
pub fn weergave_alle(d: &Gegevens, ledger: &Ledger, regio: &[RegioLast], jaren: &[i32]) -> Tabel {
    let mut t: Option<Tabel> = None;
    let per = PerOrgaan::new(ledger, regio);
    for orgaan in organen(d, regio) {
        let w = weergave_van(d, per.regels(&orgaan), per.lasten(&orgaan), jaren);
        let t = t.get_or_insert_with(|| {
            let mut k = vec![crate::rapport::tabel::Kolom {
                id: "uitvoerder".into(),
                kop: "Regionaal orgaan".into(),
            }];
            k.extend(w.kolommen.iter().cloned());
            Tabel {
                kolommen: k,
                rijen: Vec::new(),
            }
        });
        for r in w.rijen {
            let mut c = vec![Cel::tekst(&orgaan)];
            c.extend(r.cellen);
            t.push(c, r.nadruk);
        }
    }
    t.unwrap_or_default()
}

/// Per gemeente its lasten of one year by who executes them, in whole euros: the overview's
/// displayed cells (`o`, that year's overview) summed by the uitvoerder of each booking, so
/// own execution, subsidies and bijdragen add up to the lasten the overview shows.
pub fn per_gemeente(d: &Gegevens, ledger: &Ledger, o: &Overzicht) -> Tabel {
    let mut wie: std::collections::HashMap<(usize, &str), &Uitvoerder> =
        std::collections::HashMap::new();
    for b in ledger
        .boekingen
        .iter()
        .filter(|b| b.jaar == o.jaar && b.soort == Soort::Lasten)
    {
        wie.insert((b.gemeente, b.post.as_str()), &b.uitvoerder);
    }
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente"),
        ("eigen_uitvoering", "Eigen uitvoering"),
        ("subsidie_partners", "Subsidie aan partners"),
        ("bijdrage_regio", "Bijdrage aan regionaal orgaan"),
        ("lasten", "Lasten"),
    ]);
    let lasten_rijen: Vec<&crate::rapport::overzicht::OverzichtRij> = {
        let begin = o
            .rijen
            .iter()
            .position(|r| r.post == "totaal_baten")
            .map_or(0, |i| i + 1);
        o.rijen[begin..]
            .iter()
            .take_while(|r| !r.is_totaal)
            .collect()
    };
    for g in 0..d.gemeenten.len().min(o.aantal_gemeenten) {
        let mut x = LastenNaarUitvoerder::default();
        for r in &lasten_rijen {
            let v = r.waarden[g];
            match wie.get(&(g, r.post.as_str())) {
                Some(Uitvoerder::Regio(_)) => x.regio += v,
                Some(Uitvoerder::Partner(_)) => x.partners += v,
                _ => x.eigen += v,
            }
        }
        t.rij(vec![
            Cel::tekst(&o.kolommen[g]),
            Cel::Euro(x.eigen),
            Cel::Euro(x.partners),
            Cel::Euro(x.regio),
            Cel::Euro(x.totaal()),
        ]);
    }
    t
}

/// Why a group column of the overview differs from the regional body's opgave of the same name:
/// one sentence naming, per member, its lasten outside the body in `jaar`. `None` when the
/// body is not a group whose members have other lasten.
pub fn verschil_met_groep(
    d: &Gegevens,
    ledger: &Ledger,
    regio: &[RegioLast],
    orgaan: &str,
    jaar: i32,
) -> Option<String> {
    use crate::opmaak::euro;
    let groep = d.groep(orgaan)?;
    let buiten = buiten_opgave(ledger, groep, jaar);
    if buiten.is_empty() {
        return None;
    }
    let eigen: Decimal = regio
        .iter()
        .filter(|r| r.regio == orgaan && r.jaar == jaar)
        .map(|r| r.bedrag)
        .sum();
    // At most eight members by name; the rest together.
    const GENOEMD: usize = 8;
    let mut delen: Vec<String> = buiten
        .iter()
        .take(GENOEMD)
        .map(|(g, x)| {
            let mut soort = Vec::new();
            for (naam, y) in [
                ("eigen uitvoering", x.eigen),
                ("subsidie aan partners", x.partners),
                ("bijdragen aan andere regionale organen", x.regio),
            ] {
                if !y.is_zero() {
                    soort.push(format!("{naam} {}", euro(y)));
                }
            }
            format!(
                "{} {} ({})",
                d.gemeenten.naam(*g),
                euro(x.totaal()),
                soort.join(", ")
            )
        })
        .collect();
    if buiten.len() > GENOEMD {
        let rest: Decimal = buiten[GENOEMD..].iter().map(|(_, x)| x.totaal()).sum();
        delen.push(format!(
            "{} andere gemeenten samen {}",
            buiten.len() - GENOEMD,
            euro(rest)
        ));
    }
    let totaal: Decimal = buiten.iter().map(|(_, x)| x.totaal()).sum();
    Some(format!(
        "De begroting van {orgaan} ({jaar}: lasten {}) is wat {orgaan} zelf uitvoert en haar leden in \
         rekening brengt. De kolom {orgaan} in de overzichten telt alle lasten van haar leden en is \
         daarom {} hoger: {}.",
        euro(eigen),
        euro(totaal),
        delen.join("; ")
    ))
}

/// Per regional body and year its displayed lasten and the bijdragen of its members (whole
/// euros, as in [`weergave`]): the console's short account after `raming bereken`.
pub fn samenvatting(d: &Gegevens, ledger: &Ledger, regio: &[RegioLast], jaren: &[i32]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("uitvoerder", "Regionaal orgaan"),
        ("jaar", "Jaar"),
        ("lasten", "Lasten"),
        ("bijdragen", "Bijdragen gemeenten"),
    ]);
    let per = PerOrgaan::new(ledger, regio);
    for orgaan in organen(d, regio) {
        let w = weergave_van(d, per.regels(&orgaan), per.lasten(&orgaan), jaren);
        let rij = |id: &str| w.rijen.iter().find(|r| r.cellen[0] == Cel::tekst(id));
        let (Some(l), Some(b)) = (rij("totaal_lasten"), rij("totaal_baten")) else {
            continue;
        };
        for (i, j) in jaren.iter().enumerate() {
            t.rij(vec![
                Cel::tekst(&orgaan),
                Cel::Geheel((*j).into()),
                l.cellen[2 + i].clone(),
                b.cellen[2 + i].clone(),
            ]);
        }
    }
    t
}
