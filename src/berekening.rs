//! The calculation engine: validated data + scenario settings in, ledger out. Pure: no files, no
//! terminal. Money stays exact (`rust_decimal`); shared posts are split to the cent with the
//! largest-remainder method so that the parts add up to the post.

use crate::formatie::{Post, Sleutel};
use crate::fout::InvoerFout;
use crate::gegevens::Gegevens;
use crate::ledger::{Boeking, Ledger, Soort};
use crate::uitkering::{IuSoort, SpukStatus};
use crate::verdeelsleutel::verdeel;
use rust_decimal::Decimal;
use serde::Deserialize;

/// How the lasten post `inburgeringsvoorzieningen` is budgeted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Voorzieningen {
    /// Equal to the SPUK of that gemeente and year: money passed on to the routes (seed 003).
    #[default]
    Spuk,
}

/// The scenario settings the engine needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Instellingen {
    pub jaar_van: i32,
    pub jaar_tot: i32,
    pub voorzieningen: Voorzieningen,
}

impl Instellingen {
    pub fn jaren(&self) -> impl Iterator<Item = i32> + use<> {
        self.jaar_van..=self.jaar_tot
    }
}

/// Builds the ledger. Order: per year, per post (IU uitvoering, IU invoering, SPUK, formatie in
/// file order, inburgeringsvoorzieningen), per gemeente in `gemeenten.csv` order.
pub fn bereken(d: &Gegevens, inst: &Instellingen) -> Result<Ledger, InvoerFout> {
    let mut ledger = Ledger::default();
    for jaar in inst.jaren() {
        for (soort, post, label) in [
            (IuSoort::Uitvoering, "iu_uitvoering", "Uitvoeringskosten IU"),
            (IuSoort::Invoering, "iu_invoering", "Invoeringskosten IU"),
        ] {
            for r in d.iu.iter().filter(|r| r.jaar == jaar && r.soort == soort) {
                ledger.boek(Boeking {
                    gemeente: r.gemeente,
                    jaar,
                    soort: Soort::Baten,
                    post: post.into(),
                    omschrijving: format!("{label} {jaar}"),
                    bedrag: r.bedrag,
                });
            }
        }
        let spuk = spuk_beschikt(d, jaar);
        for (g, bedrag) in &spuk {
            ledger.boek(Boeking {
                gemeente: *g,
                jaar,
                soort: Soort::Baten,
                post: "spuk".into(),
                omschrijving: format!("SPUK {jaar}"),
                bedrag: *bedrag,
            });
        }
        for post in d.formatie.iter().filter(|p| p.actief(jaar)) {
            let gewichten = sleutel_gewichten(d, post, jaar)?;
            let delen = verdeel(post.kosten(), &gewichten, 2).ok_or_else(|| {
                InvoerFout::new(
                    post.herkomst.clone(),
                    "sleutel",
                    format!(
                        "verdeelsleutel '{}' is 0 voor alle deelnemers van '{}' in {jaar}; \
                         verwacht ten minste één deelnemer met een positief aandeel",
                        post.sleutel.naam(),
                        post.deelnemers_naam
                    ),
                )
            })?;
            let omschrijving = format!("{} fte {}", fte_tekst(post.fte), post.omschrijving);
            for (g, bedrag) in post.deelnemers.iter().zip(delen) {
                ledger.boek(Boeking {
                    gemeente: *g,
                    jaar,
                    soort: Soort::Lasten,
                    post: post.post.clone(),
                    omschrijving: omschrijving.clone(),
                    bedrag,
                });
            }
        }
        match inst.voorzieningen {
            Voorzieningen::Spuk => {
                for (g, bedrag) in &spuk {
                    ledger.boek(Boeking {
                        gemeente: *g,
                        jaar,
                        soort: Soort::Lasten,
                        post: "inburgeringsvoorzieningen".into(),
                        omschrijving: format!("Inburgeringsvoorzieningen {jaar}"),
                        bedrag: *bedrag,
                    });
                }
            }
        }
    }
    Ok(ledger)
}

/// SPUK per gemeente for a year: the definitive beschikking where there is one, else the
/// provisional one. Ordered by gemeente.
pub fn spuk_beschikt(d: &Gegevens, jaar: i32) -> Vec<(usize, Decimal)> {
    let mut uit: Vec<(usize, Decimal)> = Vec::new();
    for g in 0..d.gemeenten.len() {
        let rijen = d
            .beschikkingen
            .iter()
            .filter(|b| b.gemeente == g && b.jaar == jaar);
        if let Some(b) = rijen.max_by_key(|b| b.status == SpukStatus::Definitief) {
            uit.push((g, b.bedrag));
        }
    }
    uit
}

/// The weights of a post's key for its deelnemers in a year.
fn sleutel_gewichten(d: &Gegevens, post: &Post, jaar: i32) -> Result<Vec<Decimal>, InvoerFout> {
    let per_gemeente =
        |f: &dyn Fn(usize) -> Decimal| post.deelnemers.iter().map(|g| f(*g)).collect();
    let kenmerk = |kolom: &str, waarde: &dyn Fn(usize) -> Option<Decimal>| {
        post.deelnemers
            .iter()
            .map(|g| {
                waarde(*g).ok_or_else(|| {
                    let gem = &d.gemeenten.lijst[*g];
                    InvoerFout::new(
                        gem.herkomst.clone(),
                        kolom,
                        format!(
                            "leeg voor {}, maar post '{}' ({}) verdeelt met sleutel '{kolom}'; \
                             verwacht een aantal",
                            gem.naam, post.post, post.herkomst
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(match &post.sleutel {
        Sleutel::IuUitvoering => per_gemeente(&|g| {
            d.iu.iter()
                .filter(|r| r.gemeente == g && r.jaar == jaar && r.soort == IuSoort::Uitvoering)
                .map(|r| r.bedrag)
                .sum()
        }),
        Sleutel::Inwoners => kenmerk("inwoners", &|g| d.gemeenten.lijst[g].inwoners)?,
        Sleutel::NietWesters => kenmerk("niet_westers", &|g| d.gemeenten.lijst[g].niet_westers)?,
        Sleutel::Instroom => per_gemeente(&|g| d.instroom.totaal(g, jaar)),
        Sleutel::Gelijk => per_gemeente(&|_| Decimal::ONE),
        Sleutel::Eigen(naam) => {
            let s = d.sleutels.iter().find(|s| &s.naam == naam).ok_or_else(|| {
                InvoerFout::new(
                    post.herkomst.clone(),
                    "sleutel",
                    format!("onbekende verdeelsleutel '{naam}'"),
                )
            })?;
            per_gemeente(&|g| {
                s.aandelen
                    .iter()
                    .filter(|(x, _)| *x == g)
                    .map(|(_, a)| *a)
                    .sum()
            })
        }
    })
}

/// fte the Dutch way, one decimal at least: 4,0 / 1,5 / 0,75.
pub fn fte_tekst(fte: Decimal) -> String {
    let mut t = fte.normalize();
    if t.scale() < 1 {
        t.rescale(1);
    }
    t.to_string().replace('.', ",")
}
