//! Property tests for the invariants the tables rest on: allocations add up exactly to their
//! totals for any key and any number of gemeenten; saldo = baten − lasten; a group is the sum of
//! its members; displayed tables are sluitend.

use proptest::prelude::*;
use raming::berekening::{Instellingen, bereken};
use raming::formatie::{EigenSleutel, Post, Sleutel};
use raming::fout::Herkomst;
use raming::gegevens::Gegevens;
use raming::gemeente::{Gemeente, Gemeenten, Groep};
use raming::instroom::{Doelgroep, InstroomRegel};
use raming::rapport::{maak_uitkomst, overzicht};
use raming::uitkering::{Beschikking, IuRegel, IuSoort, SpukStatus};
use raming::verdeelsleutel::{rond_sluitend, verdeel};
use rust_decimal::Decimal;

fn cent(x: i64) -> Decimal {
    Decimal::new(x, 2)
}

proptest! {
    #[test]
    fn allocation_adds_up_and_stays_within_a_cent(
        totaal in 0i64..100_000_000_000,
        gewichten in prop::collection::vec(0i64..10_000_000, 1..40),
    ) {
        prop_assume!(gewichten.iter().any(|w| *w > 0));
        let w: Vec<Decimal> = gewichten.iter().map(|x| Decimal::from(*x)).collect();
        let t = cent(totaal);
        let delen = verdeel(t, &w, 2).unwrap();
        prop_assert_eq!(delen.iter().copied().sum::<Decimal>(), t);
        let som: Decimal = w.iter().copied().sum();
        for (d, wi) in delen.iter().zip(&w) {
            let exact = t * *wi / som;
            prop_assert!((*d - exact).abs() < cent(1), "{} vs {}", d, exact);
            prop_assert!(!d.is_sign_negative() || d.is_zero());
        }
    }

    #[test]
    fn display_rounding_is_sluitend(waarden in prop::collection::vec(-1_000_000_000i64..1_000_000_000, 0..30)) {
        let v: Vec<Decimal> = waarden.iter().map(|x| cent(*x)).collect();
        let r = rond_sluitend(&v, 0);
        let som: Decimal = v.iter().copied().sum();
        prop_assert_eq!(r.iter().copied().sum::<Decimal>(), raming::verdeelsleutel::afgerond(som, 0));
        for (a, b) in r.iter().zip(&v) {
            prop_assert!((*a - *b).abs() < Decimal::ONE);
            prop_assert_eq!(a.fract(), Decimal::ZERO);
        }
    }

    #[test]
    fn engine_invariants_hold_for_any_region(
        n in 1usize..10,
        iu in prop::collection::vec(0i64..50_000_000, 10),
        spuk in prop::collection::vec(0i64..50_000_000, 10),
        instroom in prop::collection::vec(0i64..40, 10),
        posten in prop::collection::vec((0u8..4, 1i64..500, 100_000i64..12_000_000, any::<u16>()), 1..6),
        groep_masker in 1u16..1024,
    ) {
        let d = gegevens(n, &iu, &spuk, &instroom, &posten, groep_masker);
        let inst = Instellingen::new(2022, 2023);
        let ledger = bereken(&d, &inst).unwrap().ledger;
        // Every post's shares add up exactly to its cost.
        for p in &d.formatie {
            for jaar in 2022..=2023 {
                let som: Decimal = ledger.boekingen.iter().filter(|b| b.jaar == jaar && b.post == p.post).map(|b| b.bedrag).sum();
                prop_assert_eq!(som, p.kosten(p.fte, Decimal::ONE));
            }
        }
        let u = maak_uitkomst("p", &[2022, 2023], &ledger, &d).unwrap();
        let saldi = ledger.saldi();
        for jaar in 2022..=2023 {
            for g in 0..n {
                // the group totals equal the ledger; saldo = baten − lasten.
                let s = u.saldi.get(&(d.gemeenten.naam(g).to_string(), jaar)).copied().unwrap_or_default();
                let x = saldi.get(&(g, jaar)).copied().unwrap_or_default();
                prop_assert_eq!(s, x);
                prop_assert_eq!(s.saldo(), s.baten - s.lasten);
            }
            for gr in &d.groepen {
                let s = u.saldi.get(&(gr.naam.clone(), jaar)).copied().unwrap_or_default();
                prop_assert_eq!(s, ledger.groep_saldo(gr, jaar));
                let baten: Decimal = gr.leden.iter().map(|g| saldi.get(&(*g, jaar)).map(|x| x.baten).unwrap_or_default()).sum();
                prop_assert_eq!(s.baten, baten);
            }
            let o = overzicht::maak(&ledger, &d, jaar).unwrap();
            let totaal = o.rij("totaal_lasten").unwrap();
            for k in 0..o.kolommen.len() {
                let delen: Decimal = o.rijen.iter().filter(|r| !r.is_totaal && ledger.boekingen.iter().any(|b| b.post.as_str() == r.post && b.soort == raming::ledger::Soort::Lasten)).map(|r| r.waarden[k]).sum();
                prop_assert_eq!(totaal.waarden[k], delen);
            }
        }
    }
}

/// A random but valid data set: `n` gemeenten, one group of all and one masked group, and posts
/// with each of the keys.
fn gegevens(
    n: usize,
    iu: &[i64],
    spuk: &[i64],
    instroom: &[i64],
    posten: &[(u8, i64, i64, u16)],
    masker: u16,
) -> Gegevens {
    let h = Herkomst::new("test", 0);
    let gemeenten = Gemeenten {
        lijst: (0..n)
            .map(|i| Gemeente {
                code: format!("GM{:04}", i + 1),
                naam: format!("Gemeente {i}"),
                inwoners: Some(Decimal::from(1000 + i as i64 * 37)),
                niet_westers: Some(Decimal::from(10 + i as i64)),
                herkomst: h.clone(),
            })
            .collect(),
        ..Default::default()
    };
    let alle: Vec<usize> = (0..n).collect();
    let mut deel: Vec<usize> = (0..n).filter(|i| masker & (1 << i) != 0).collect();
    if deel.is_empty() {
        deel.push(0);
    }
    let mut d = Gegevens {
        gemeenten,
        ..Default::default()
    };
    d.groepen = vec![
        Groep {
            naam: "Regio".into(),
            leden: alle.clone(),
            herkomst: h.clone(),
        },
        Groep {
            naam: "Deel".into(),
            leden: deel.clone(),
            herkomst: h.clone(),
        },
    ];
    for jaar in 2022..=2023 {
        for g in 0..n {
            // At least one cent of IU for every gemeente, so iu_uitvoering keys are never all zero.
            d.iu.push(IuRegel {
                gemeente: g,
                jaar,
                soort: IuSoort::Uitvoering,
                bedrag: cent(iu[g] + 1),
                prijspeil: None,
                herkomst: h.clone(),
            });
            if spuk[g] % 3 != 0 {
                d.beschikkingen.push(Beschikking {
                    gemeente: g,
                    jaar,
                    bedrag: cent(spuk[g]),
                    status: SpukStatus::Voorlopig,
                    aantal_asiel: None,
                    aantal_gezin: None,
                    maand: None,
                    regeling: Default::default(),
                    herkomst: h.clone(),
                });
            }
            d.instroom.regels.push(InstroomRegel {
                gemeente: g,
                jaar,
                doelgroep: Doelgroep::Asiel,
                aantal: Decimal::from(instroom[g] + 1),
                soort: raming::instroom::InstroomSoort::Inburgeringsplichtigen,
                herkomst: h.clone(),
            });
        }
    }
    d.sleutels.push(EigenSleutel {
        naam: "eigen".into(),
        aandelen: alle
            .iter()
            .map(|g| (*g, Decimal::new(*g as i64 + 1, 1)))
            .collect(),
        herkomst: h.clone(),
    });
    for (i, (k, fte_tiende, kosten, _)) in posten.iter().enumerate() {
        let sleutel = match k {
            0 => Sleutel::IuUitvoering,
            1 => Sleutel::Gelijk,
            2 => Sleutel::Instroom,
            _ => Sleutel::Eigen("eigen".into()),
        };
        let (naam, leden) = if i % 2 == 0 {
            ("Regio", alle.clone())
        } else {
            ("Deel", deel.clone())
        };
        d.formatie.push(Post {
            post: format!("post{i}").as_str().into(),
            omschrijving: format!("post {i}"),
            fte: Decimal::new(*fte_tiende, 1),
            kosten_per_fte: cent(*kosten),
            jaar_van: 2022,
            jaar_tot: 2023,
            sleutel,
            deelnemers_naam: naam.into(),
            deelnemers: leden,
            prijspeil: 2022,
            uitvoerder: Default::default(),
            herkomst: h.clone(),
        });
    }
    d
}
