//! Trace: for a figure (a gemeente or group, a year, a post) its ledger bookings, the rule that
//! made each one and the input rows with their `bron`. Used by `raming herkomst`, by
//! `herkomst.csv` and by the browser app.

use crate::Run;
use crate::berekening::{self, verklaring};
use crate::fout::{Fout, Herkomst};
use crate::ledger::Boeking;
use crate::rapport::tabel::{Cel, Tabel};

/// An input row behind a booking.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoerrij {
    /// As shown to the user (the file's path or the workbook sheet).
    pub bestand: String,
    pub rij: u64,
    /// The row's values without `bron`, e.g. `GM0505 · 2022 · uitvoering · 453199`.
    pub inhoud: String,
    pub bron: String,
}

/// One booking with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Spoor {
    pub boeking: Boeking,
    pub gemeente: String,
    pub verklaring: verklaring::Verklaring,
    pub invoer: Vec<Invoerrij>,
}

/// Which bookings: `naam` a gemeente or group (all members), `jaar` and `post` optional.
#[derive(Debug, Clone, Default)]
pub struct Keuze {
    pub naam: Option<String>,
    pub jaar: Option<i32>,
    pub post: Option<String>,
}

/// The bookings of the run that `keuze` selects, each explained. An unknown name is an error
/// listing the names that exist.
pub fn sporen(run: &Run, keuze: &Keuze) -> Result<Vec<Spoor>, Fout> {
    let d = &run.gegevens;
    let leden: Option<Vec<bool>> = match &keuze.naam {
        None => None,
        Some(naam) => {
            let n = d.gemeenten.len();
            if let Some(g) = d.gemeenten.lijst.iter().position(|g| &g.naam == naam) {
                let mut v = vec![false; n];
                v[g] = true;
                Some(v)
            } else if let Some(groep) = d.groep(naam) {
                Some(groep.lidmaatschap(n))
            } else {
                let mut namen: Vec<&str> =
                    d.gemeenten.lijst.iter().map(|g| g.naam.as_str()).collect();
                namen.extend(d.groepen.iter().map(|g| g.naam.as_str()));
                return Err(Fout::Invoer(crate::fout::InvoerFout::new(
                    Herkomst::new("--gemeente", 0),
                    "",
                    format!(
                        "onbekende gemeente of groep '{naam}'; verwacht een van: {}",
                        namen.join(", ")
                    ),
                )));
            }
        }
    };
    let inst = &run.scenario.instellingen;
    let m = berekening::model_voor_ledger(d, inst)?;
    let mut uit = Vec::new();
    for b in run.ledger.boekingen.iter().filter(|b| {
        leden.as_ref().is_none_or(|l| l[b.gemeente])
            && keuze.jaar.is_none_or(|j| j == b.jaar)
            && keuze.post.as_ref().is_none_or(|p| p == b.post.as_str())
    }) {
        let v = verklaring::verklaar(&m, &run.afrekening, &run.ledger, b)?;
        let invoer = v.rijen.iter().map(|h| invoerrij(run, h)).collect();
        uit.push(Spoor {
            boeking: b.clone(),
            gemeente: d.gemeenten.naam(b.gemeente).to_string(),
            verklaring: v,
            invoer,
        });
    }
    Ok(uit)
}

/// The row with its content and `bron` from the run's list of sources.
fn invoerrij(run: &Run, h: &Herkomst) -> Invoerrij {
    // A row's herkomst names the table as shown (path or sheet); the sources list by file name.
    let naam = run
        .gegevens
        .tabellen
        .iter()
        .find(|(_, getoond, _)| *getoond == h.bestand)
        .map(|(n, _, _)| n.as_str())
        .unwrap_or(h.bestand.as_str());
    let bron = run
        .bronnen
        .iter()
        .find(|r| r.bestand == naam && r.regel == h.regel);
    Invoerrij {
        bestand: h.bestand.clone(),
        rij: h.regel,
        inhoud: bron.map(|r| r.inhoud.clone()).unwrap_or_default(),
        bron: bron.map(|r| r.bron.clone()).unwrap_or_default(),
    }
}

/// The exact total of traced bookings, to show beside the displayed figure: of one soort its
/// sum; of both baten − lasten (a saldo), with `true`.
pub fn totaal(sporen: &[Spoor]) -> (rust_decimal::Decimal, bool) {
    let gemengd = sporen
        .iter()
        .any(|s| s.boeking.soort != sporen[0].boeking.soort);
    let totaal = sporen
        .iter()
        .map(|s| match s.boeking.soort {
            crate::ledger::Soort::Lasten if gemengd => -s.boeking.bedrag,
            _ => s.boeking.bedrag,
        })
        .sum();
    (totaal, gemengd)
}

/// One row per booking and input row (a booking without input rows gets one row):
/// `herkomst.csv`, the console and the browser's trace panel.
pub fn tabel(scenario: &str, sporen: &[Spoor]) -> Tabel {
    let mut kolommen = crate::rapport::grootboek::KOLOMMEN.to_vec();
    kolommen.extend([
        ("regel", "Rekenregel"),
        ("bestand", "Invoerbestand"),
        ("rij", "Rij"),
        ("inhoud", "Invoerrij"),
        ("bron", "Bron"),
    ]);
    let mut t = Tabel::nieuw(&kolommen);
    for s in sporen {
        let b = &s.boeking;
        let kop = || {
            vec![
                Cel::tekst(scenario),
                Cel::tekst(&s.gemeente),
                Cel::Geheel(b.jaar.into()),
                Cel::tekst(b.soort.id()),
                Cel::tekst(&b.post),
                Cel::tekst(b.omschrijving()),
                Cel::Bedrag(b.bedrag),
                Cel::tekst(&s.verklaring.regel),
            ]
        };
        if s.invoer.is_empty() {
            let mut r = kop();
            r.extend([Cel::Leeg, Cel::Leeg, Cel::Leeg, Cel::Leeg]);
            t.rij(r);
        }
        for i in &s.invoer {
            let mut r = kop();
            r.extend([
                Cel::tekst(&i.bestand),
                Cel::Geheel(i.rij as i64),
                Cel::tekst(&i.inhoud),
                Cel::tekst(&i.bron),
            ]);
            t.rij(r);
        }
    }
    t
}
