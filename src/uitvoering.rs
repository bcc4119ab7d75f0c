//! Who executes each cost. Every ledger line has an [`Uitvoerder`]:
//! - the gemeente itself (its own staff and contracts),
//! - a regional body: a group from `groepen.csv` acting as a gemeenschappelijke regeling (e.g. the
//!   SDD), which executes for its members and charges each a bijdrage (the member's ledger line
//!   is that bijdrage), or
//! - a partner by subsidy (e.g. Vluchtelingenwerk for maatschappelijke begeleiding and PVT),
//!   declared in `partners.csv`: the gemeente's ledger line is its subsidy.
//!
//! The fte posts carry their uitvoerder in `formatie.csv`; the inburgeringsvoorzieningen per
//! onderdeel and gemeente in `uitvoerders.csv` (default: the gemeente itself). From the ledger
//! follow the regional body's own begroting (its lasten per post, [`RegioLast`]) and the
//! bijdragen it charges; a shared post is split once, in the engine, by the largest-remainder
//! method, so the bijdragen add up to the regional lasten to the cent. Pure.

use crate::fout::{Herkomst, InvoerFout};
use crate::gegevens::Gegevens;
use crate::gemeente::GemeenteId;
use crate::ledger::{Ledger, Soort};
use crate::post::PostId;
use crate::uitvoerder::{ALLE, Uitvoerder, UitvoerderRegel, VOORZIENINGEN};
use crate::waarschuwing::Waarschuwing;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The rules of `uitvoerders.csv` by onderdeel and gemeente: [`Index::regel`] for every booking
/// of a large data set without scanning every row and group each time.
pub struct Index<'a> {
    per: std::collections::HashMap<(&'a str, GemeenteId), Vec<&'a UitvoerderRegel>>,
}

impl<'a> Index<'a> {
    pub fn new(regels: &'a [UitvoerderRegel]) -> Self {
        let mut per: std::collections::HashMap<_, Vec<&UitvoerderRegel>> =
            std::collections::HashMap::new();
        for r in regels {
            for g in &r.deelnemers {
                per.entry((r.onderdeel.as_str(), *g)).or_default().push(r);
            }
        }
        Index { per }
    }

    /// The row that decides who executes `onderdeel` for gemeente `g` in `jaar`: its own row,
    /// else the `alle` row (the first that holds, in file order); `None`: the gemeente itself.
    pub fn regel(&self, onderdeel: &str, g: GemeenteId, jaar: i32) -> Option<&'a UitvoerderRegel> {
        let zoek = |o: &str| {
            self.per
                .get(&(o, g))
                .and_then(|v| v.iter().find(|r| r.geldt(g, jaar)).copied())
        };
        zoek(onderdeel).or_else(|| zoek(ALLE))
    }

    /// Who executes `onderdeel` of the inburgeringsvoorzieningen (a route or module id, or
    /// `inburgeringsvoorzieningen`) for gemeente `g` in `jaar`: [`Index::regel`]'s uitvoerder,
    /// else the gemeente itself.
    pub fn voorziening(&self, onderdeel: &str, g: GemeenteId, jaar: i32) -> Uitvoerder {
        self.regel(onderdeel, g, jaar)
            .map(|r| r.uitvoerder.clone())
            .unwrap_or_default()
    }
}

/// The regional body's own lasten of one post in one year: what its bijdragen pay for.
#[derive(Debug, Clone, PartialEq)]
pub struct RegioLast {
    pub regio: String,
    pub jaar: i32,
    pub post: PostId,
    pub omschrijving: String,
    /// The description without the year, for a table with a column per year.
    pub label: String,
    pub bedrag: Decimal,
    /// How the members are charged: the post's verdeelsleutel, or each member's own cost.
    pub verdeling: String,
    /// The input row(s) the cost comes from (`formatie.csv, regel 2`).
    pub bron: String,
}

/// The lasten of every regional body per post and year: a formatie post it executes costs what
/// the engine computes for it (`kosten`: fte × kosten per fte × wage index, before the split),
/// an inburgeringsvoorziening it executes the sum of its members' own costs (nothing is split:
/// each member pays for its own participants). Sorted by body, year and ledger post order.
pub fn regio_lasten(
    d: &Gegevens,
    ledger: &Ledger,
    jaren: impl Iterator<Item = i32>,
    fte: impl Fn(&crate::formatie::Post, i32) -> Decimal,
    kosten: impl Fn(&crate::formatie::Post, i32) -> Result<Decimal, InvoerFout>,
) -> Result<Vec<RegioLast>, InvoerFout> {
    let mut lasten = Lasten::default();
    let mut voeg = |r: RegioLast| lasten.voeg(r);
    let formatie: std::collections::HashSet<&str> =
        d.formatie.iter().map(|p| p.post.as_str()).collect();
    let index = Index::new(&d.uitvoerders);
    let mut per_jaar: BTreeMap<i32, Vec<&crate::ledger::Boeking>> = BTreeMap::new();
    for b in ledger
        .boekingen
        .iter()
        .filter(|b| b.soort == Soort::Lasten && b.uitvoerder.regio().is_some())
    {
        per_jaar.entry(b.jaar).or_default().push(b);
    }
    for jaar in jaren {
        for p in d.formatie.iter().filter(|p| p.actief(jaar)) {
            if let Some(r) = formatie_last(d, p, jaar, &fte, &kosten)? {
                voeg(r);
            }
        }
        for b in per_jaar
            .get(&jaar)
            .into_iter()
            .flatten()
            .filter(|b| !formatie.contains(b.post.as_str()))
        {
            if let Some(r) = voorziening_last(b, &index) {
                voeg(r);
            }
        }
    }
    Ok(op_volgorde(d, ledger, lasten.uit))
}

/// A formatie post's cost in a year, when a regional body executes it.
fn formatie_last(
    d: &Gegevens,
    p: &crate::formatie::Post,
    jaar: i32,
    fte: &impl Fn(&crate::formatie::Post, i32) -> Decimal,
    kosten: &impl Fn(&crate::formatie::Post, i32) -> Result<Decimal, InvoerFout>,
) -> Result<Option<RegioLast>, InvoerFout> {
    let Some(regio) = p.uitvoerder.regio() else {
        return Ok(None);
    };
    // The body's own fte of the post (another body may execute it for others).
    let eigen_fte: Decimal = d
        .formatie
        .iter()
        .filter(|q| q.post == p.post && q.uitvoerder == p.uitvoerder && q.actief(jaar))
        .map(|q| fte(q, jaar))
        .sum();
    let omschrijving = format!(
        "{} fte {}",
        crate::opmaak::fte_tekst(eigen_fte),
        p.omschrijving
    );
    Ok(Some(RegioLast {
        regio: regio.to_string(),
        jaar,
        post: p.post.clone(),
        label: omschrijving.clone(),
        omschrijving,
        bedrag: kosten(p, jaar)?,
        verdeling: format!("{} over {}", p.sleutel.naam(), p.deelnemers_naam),
        bron: bron(&p.herkomst),
    }))
}

/// A ledger line of a voorziening that a regional body executes for a gemeente.
fn voorziening_last(b: &crate::ledger::Boeking, index: &Index) -> Option<RegioLast> {
    let regio = b.uitvoerder.regio()?;
    let onderdeel = b.post.uitvoering_onderdeel();
    Some(RegioLast {
        regio: regio.to_string(),
        jaar: b.jaar,
        post: b.post.clone(),
        omschrijving: b.omschrijving(),
        label: b.label.to_string(),
        bedrag: b.bedrag,
        verdeling: "eigen kosten per gemeente".into(),
        bron: index
            .regel(onderdeel, b.gemeente, b.jaar)
            .map(|r| bron(&r.herkomst))
            .unwrap_or_default(),
    })
}

/// The bodies in the order of the groups, then by year, then by the posts' order in the
/// ledger.
fn op_volgorde(d: &Gegevens, ledger: &Ledger, mut uit: Vec<RegioLast>) -> Vec<RegioLast> {
    let volgorde: BTreeMap<i32, Vec<PostId>> = ledger
        .posten_per_jaar()
        .into_iter()
        .map(|(j, posten)| (j, posten.into_iter().map(|p| p.post).collect()))
        .collect();
    let plaats = |r: &RegioLast| {
        volgorde
            .get(&r.jaar)
            .and_then(|v| v.iter().position(|p| *p == r.post))
            .unwrap_or(usize::MAX)
    };
    let regio_volgorde = |naam: &str| d.groepen.iter().position(|g| g.naam == naam);
    uit.sort_by_cached_key(|r| (regio_volgorde(&r.regio), r.jaar, plaats(r)));
    uit
}

/// A body's lasten per (body, year, post), in order of first appearance: several rows of one
/// post (own fte rows, voorzieningen of several members) add up into one.
#[derive(Default)]
struct Lasten {
    uit: Vec<RegioLast>,
    plek: std::collections::HashMap<(String, i32, PostId), usize>,
}

impl Lasten {
    /// Adds `r` to its (body, year, post): the amounts summed, each distinct verdeling and
    /// bron named once.
    fn voeg(&mut self, r: RegioLast) {
        let sleutel = (r.regio.clone(), r.jaar, r.post.clone());
        match self.plek.get(&sleutel).map(|i| &mut self.uit[*i]) {
            Some(x) => {
                x.bedrag += r.bedrag;
                if !x.verdeling.split("; ").any(|v| v == r.verdeling) {
                    x.verdeling = format!("{}; {}", x.verdeling, r.verdeling);
                }
                if !x.bron.split("; ").any(|v| v == r.bron) {
                    x.bron = format!("{}; {}", x.bron, r.bron);
                }
            }
            None => {
                self.plek.insert(sleutel, self.uit.len());
                self.uit.push(r);
            }
        }
    }
}

/// An input row as cited in an output: the file's name and the row, without the folder.
pub fn bron(h: &Herkomst) -> String {
    let naam = std::path::Path::new(&h.bestand)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| h.bestand.clone());
    Herkomst::new(naam, h.regel).to_string()
}

/// Whether the data says who executes what: then a gemeente without a rule is an assumption
/// worth a warning.
fn gemodelleerd(d: &Gegevens) -> bool {
    !d.uitvoerders.is_empty()
}

/// What the run assumes about who executes that changes a gemeente's or a body's money:
/// - an onderdeel that `uitvoerders.csv` names for some gemeenten but not for a gemeente in
///   some scenario year (that gemeente is taken to execute it itself);
/// - a gemeente that executes its inburgeringsvoorzieningen itself but has no lasten of its own
///   execution (no `formatie.csv` row with uitvoerder `gemeente` for it) while it receives IU
///   uitvoering: its whole uitvoeringsbudget then shows as a surplus.
pub fn waarschuwingen(d: &Gegevens, ledger: &Ledger, jaren: &[i32]) -> Vec<Waarschuwing> {
    if !gemodelleerd(d) {
        return Vec::new();
    }
    let index = Index::new(&d.uitvoerders);
    let mut uit = zonder_uitvoerder(d, ledger, &index);
    uit.extend(zonder_eigen_lasten(d, ledger, jaren, &index));
    uit
}

/// A gemeente without an uitvoerder for an onderdeel that other gemeenten have one for: it is
/// assumed to execute it itself.
fn zonder_uitvoerder(d: &Gegevens, ledger: &Ledger, index: &Index) -> Vec<Waarschuwing> {
    let mut uit = Vec::new();
    let bestand = Herkomst::new(d.bestand("uitvoerders.csv"), 0);
    // Onderdelen the ledger books, by post.
    let mut onderdelen: Vec<(String, &PostId)> = Vec::new();
    for b in ledger
        .boekingen
        .iter()
        .filter(|b| b.soort == Soort::Lasten && b.post.is_voorziening())
    {
        let onderdeel = b.post.uitvoering_onderdeel();
        if !onderdelen.iter().any(|(o, _)| o == onderdeel) {
            onderdelen.push((onderdeel.to_string(), &b.post));
        }
    }
    for (onderdeel, post) in &onderdelen {
        if !d
            .uitvoerders
            .iter()
            .any(|r| r.onderdeel == *onderdeel || r.onderdeel == ALLE)
        {
            continue;
        }
        let mut zonder: BTreeMap<GemeenteId, Vec<i32>> = BTreeMap::new();
        for b in ledger
            .boekingen
            .iter()
            .filter(|b| b.soort == Soort::Lasten && b.post == **post && !b.bedrag.is_zero())
        {
            if index.regel(onderdeel, b.gemeente, b.jaar).is_none() {
                zonder.entry(b.gemeente).or_default().push(b.jaar);
            }
        }
        for (g, js) in zonder {
            uit.push(Waarschuwing::new(
                bestand.clone(),
                "deelnemers",
                format!(
                    "geen uitvoerder voor onderdeel {onderdeel} van {} in {}, terwijl andere gemeenten er \
                     wel een hebben; aangenomen: {} voert het zelf uit (een regel met uitvoerder gemeente \
                     maakt dit expliciet)",
                    d.gemeenten.naam(g),
                    jaren_tekst(&js),
                    d.gemeenten.naam(g)
                ),
            ));
        }
    }
    uit
}

/// A gemeente that executes the inburgering itself but has no own cost lines in a year.
fn zonder_eigen_lasten(
    d: &Gegevens,
    ledger: &Ledger,
    jaren: &[i32],
    index: &Index,
) -> Vec<Waarschuwing> {
    let mut uit = Vec::new();
    let iu: std::collections::HashSet<(GemeenteId, i32)> = ledger
        .boekingen
        .iter()
        .filter(|b| b.post == PostId::IuUitvoering && b.bedrag > Decimal::ZERO)
        .map(|b| (b.gemeente, b.jaar))
        .collect();
    let mut eigen: std::collections::HashSet<(GemeenteId, i32)> = Default::default();
    for p in d
        .formatie
        .iter()
        .filter(|p| p.uitvoerder == Uitvoerder::Gemeente)
    {
        for j in jaren.iter().filter(|j| p.actief(**j)) {
            eigen.extend(p.deelnemers.iter().map(|g| (*g, *j)));
        }
    }
    for g in 0..d.gemeenten.len() {
        let js: Vec<i32> = jaren
            .iter()
            .copied()
            .filter(|j| {
                iu.contains(&(g, *j))
                    && !eigen.contains(&(g, *j))
                    && index.voorziening(VOORZIENINGEN, g, *j) == Uitvoerder::Gemeente
            })
            .collect();
        if !js.is_empty() {
            let naam = d.gemeenten.naam(g);
            uit.push(Waarschuwing::new(
                Herkomst::new(d.bestand("formatie.csv"), 0),
                "uitvoerder",
                format!(
                    "{naam} voert de inburgering zelf uit (geen regionaal orgaan voor de \
                     inburgeringsvoorzieningen in uitvoerders.csv) maar heeft in {} geen eigen \
                     uitvoeringslasten (een post met uitvoerder gemeente en deelnemers {naam}); de IU \
                     uitvoering telt dan geheel als overschot",
                    jaren_tekst(&js)
                ),
            ));
        }
    }
    uit
}

/// `2022–2024, 2026`.
fn jaren_tekst(jaren: &[i32]) -> String {
    let mut delen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < jaren.len() {
        let mut k = i;
        while k + 1 < jaren.len() && jaren[k + 1] == jaren[k] + 1 {
            k += 1;
        }
        delen.push(if k > i {
            format!("{}–{}", jaren[i], jaren[k])
        } else {
            jaren[i].to_string()
        });
        i = k + 1;
    }
    delen.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(jaren_tekst(&[2022, 2023, 2024, 2026]), "2022–2024, 2026");
        assert_eq!(jaren_tekst(&[2030]), "2030");
        assert_eq!(jaren_tekst(&[]), "");
    }

    #[test]
    fn a_specific_row_goes_before_alle() {
        let r = |onderdeel: &str, uitvoerder: Uitvoerder| UitvoerderRegel {
            onderdeel: onderdeel.into(),
            deelnemers_naam: "R".into(),
            deelnemers: vec![0, 1],
            jaar_van: Some(2023),
            jaar_tot: None,
            uitvoerder,
            herkomst: Herkomst::default(),
        };
        let regels = vec![
            r(ALLE, Uitvoerder::Regio("R".into())),
            r("mb", Uitvoerder::Partner("P".into())),
        ];
        let index = Index::new(&regels);
        let u = |o: &str, g, j| index.regel(o, g, j).map(|x| x.uitvoerder.clone());
        assert_eq!(u("mb", 1, 2024), Some(Uitvoerder::Partner("P".into())));
        assert_eq!(u("b1", 1, 2024), Some(Uitvoerder::Regio("R".into())));
        assert_eq!(u("b1", 2, 2024), None);
        assert_eq!(u("b1", 0, 2022), None);
        assert_eq!(
            bron(&Herkomst::new("a/b/formatie.csv", 3)),
            "formatie.csv, regel 3"
        );
    }
}
