//! The facts of the raad report, ranked by size and relevance: the structural position (the
//! saldo of the last year and over the years), the trend and what drives it, the largest deficit
//! of a gemeente, the SPUK settlement and the risk. Computed here from the displayed figures of
//! the overview (so the words say what the tables show); the renderers only print the sentences.

use crate::Run;
use crate::ledger::Soort;
use crate::opmaak::euro;
use crate::post::PostId;
use crate::rapport::Overzicht;
use crate::rapport::cijfers;
use crate::rapport::grafiek::{Grafiek, Soort as GrafiekSoort};
use crate::rapport::tabel::{Cel, Tabel};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// What a fact is about: where the report explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Onderwerp {
    Saldo,
    Afrekening,
    Risico,
    Scenarios,
}

/// One fact in plain Dutch, with its weight (the euro amount it is about; the structural
/// position of the region first).
#[derive(Debug, Clone, PartialEq)]
pub struct Feit {
    pub onderwerp: Onderwerp,
    pub gewicht: Decimal,
    pub zin: String,
}

/// The one page a wethouder reads aloud: three sentences, the saldo per year for the groups and
/// one chart; and every fact, ranked, for the explanation.
#[derive(Debug, Clone)]
pub struct Kerncijfers {
    pub zinnen: Vec<String>,
    pub feiten: Vec<Feit>,
    /// Years down, groups (or gemeenten without groups) across; the last row the multi-year
    /// total (exact sum over the years, rounded once).
    pub tabel: Tabel,
    pub grafiek: Grafiek,
}

fn negatief(x: Decimal) -> bool {
    x.is_sign_negative() && !x.is_zero()
}

/// `€ 54.743 negatief` / `€ 12.000 positief`.
fn teken(x: Decimal) -> String {
    format!(
        "{} {}",
        euro(x.abs()),
        if negatief(x) { "negatief" } else { "positief" }
    )
}

/// The names the report speaks about: the groups, or the gemeenten when there are none.
pub fn hoofdnamen(run: &Run) -> Vec<String> {
    if run.gegevens.groepen.is_empty() {
        run.gegevens
            .gemeenten
            .lijst
            .iter()
            .map(|g| g.naam.clone())
            .collect()
    } else {
        run.gegevens
            .groepen
            .iter()
            .map(|g| g.naam.clone())
            .collect()
    }
}

/// The entity the structural sentences are about: the group with the most members (the
/// region), else the only gemeente, else the gemeente with the largest baten in the last year.
pub fn hoofdgroep(run: &Run) -> Option<String> {
    if let Some(g) = run
        .gegevens
        .groepen
        .iter()
        .enumerate()
        .max_by_key(|(i, g)| (g.leden.len(), std::cmp::Reverse(*i)))
    {
        return Some(g.1.naam.clone());
    }
    let laatste = run.uitkomst.overzichten.last()?;
    run.gegevens
        .gemeenten
        .lijst
        .iter()
        .max_by_key(|g| laatste.waarde("totaal_baten", &g.naam).unwrap_or_default())
        .map(|g| g.naam.clone())
}

/// Posts that pass money through unchanged (with `inburgeringsvoorzieningen = "spuk"` the lasten
/// equal the SPUK baten): they never explain a deficit.
pub fn doorgegeven(run: &Run, post: &PostId) -> bool {
    run.scenario.instellingen.voorzieningen == crate::berekening::Voorzieningen::Spuk
        && (post.is_spuk() || *post == PostId::Inburgeringsvoorzieningen)
}

/// The ranked facts and the one-page summary of the first run.
pub fn maak(
    run: &Run,
    risico: Option<&crate::rapport::risico::RisicoRapport>,
    vergelijking: Option<&crate::rapport::vergelijking::Vergelijking>,
) -> Kerncijfers {
    let overz = &run.uitkomst.overzichten;
    let namen = hoofdnamen(run);
    let hoofd = hoofdgroep(run);
    let mut feiten: Vec<Feit> = Vec::new();
    let mut structureel: Option<String> = None;
    let mut trend_zin: Option<String> = None;
    if let (Some(eerste), Some(laatste)) = (overz.first(), overz.last()) {
        let posities = posities(run, &namen, eerste, laatste);
        if let Some(i) = namen.iter().position(|n| Some(n) == hoofd.as_ref()) {
            structureel = Some(posities[i].zin.clone());
        }
        feiten.extend(posities);
        if let Some(t) = hoofd
            .as_deref()
            .and_then(|h| trend(run, h, eerste, laatste))
        {
            trend_zin = Some(t.zin.clone());
            feiten.push(t);
        }
        feiten.extend(grootste_tekort(run, laatste));
    }
    feiten.extend(afrekening(run));
    if let Some(r) = risico {
        feiten.extend(risico_feiten(r));
    }
    if let Some(v) = vergelijking {
        feiten.extend(scenario_feiten(v, &namen));
    }
    // Largest first (stable: equal weights keep their order).
    feiten.sort_by_key(|f| std::cmp::Reverse(f.gewicht));
    let mut zinnen: Vec<String> = structureel.into_iter().chain(trend_zin).collect();
    for f in &feiten {
        if zinnen.len() >= 3 {
            break;
        }
        if !zinnen.contains(&f.zin) {
            zinnen.push(f.zin.clone());
        }
    }
    Kerncijfers {
        zinnen,
        feiten,
        tabel: saldo_per_jaar(run, &namen),
        grafiek: grafiek(run, &namen),
    }
}

/// Per group (or gemeente): the saldo in the last year and over the years.
fn posities(run: &Run, namen: &[String], eerste: &Overzicht, laatste: &Overzicht) -> Vec<Feit> {
    let (j0, j1) = (eerste.jaar, laatste.jaar);
    let mut feiten = Vec::new();
    for n in namen {
        let s = laatste.waarde("saldo", n).unwrap_or_default();
        let totaal = cijfers::saldo_meerjarig(&run.uitkomst, n);
        let zin = format!(
            "In {j1} is het saldo voor {n} {}; over {j0}–{j1} samen {} {}.",
            teken(s),
            euro(totaal.abs()),
            if negatief(totaal) {
                "negatief (tekort)"
            } else {
                "positief (overschot)"
            }
        );
        feiten.push(Feit {
            onderwerp: Onderwerp::Saldo,
            gewicht: s.abs(),
            zin,
        });
    }
    feiten
}

/// The post that moved the saldo of `h` most in its direction (`daalt`: down) between the two
/// years: its label, signed change and soort.
fn grootste_beweging(
    run: &Run,
    h: &str,
    eerste: &Overzicht,
    laatste: &Overzicht,
    daalt: bool,
) -> Option<(String, Decimal, Soort)> {
    // (label, weight in the saldo's direction, signed change, soort)
    let mut grootste: Option<(String, Decimal, Decimal, Soort)> = None;
    for p in run
        .ledger
        .posten(laatste.jaar)
        .into_iter()
        .chain(run.ledger.posten(eerste.jaar))
        .filter(|p| !doorgegeven(run, &p.post))
    {
        let nu = laatste.waarde(p.post.as_str(), h).unwrap_or_default();
        let toen = eerste.waarde(p.post.as_str(), h).unwrap_or_default();
        // Effect on the saldo: baten up helps, lasten up hurts.
        let effect = if p.soort == Soort::Baten {
            nu - toen
        } else {
            toen - nu
        };
        let telt = if daalt { -effect } else { effect };
        if telt > Decimal::ZERO && grootste.as_ref().is_none_or(|g| telt > g.1) {
            grootste = Some((p.label.to_string(), telt, nu - toen, p.soort));
        }
    }
    grootste.map(|(post, _, delta, soort)| (post, delta, soort))
}

/// The trend of the main entity from the first year to the last, the post that moves it most
/// and from which year the saldo stays negative; none for one year.
fn trend(run: &Run, h: &str, eerste: &Overzicht, laatste: &Overzicht) -> Option<Feit> {
    let overz = &run.uitkomst.overzichten;
    let (j0, j1) = (eerste.jaar, laatste.jaar);
    if j0 == j1 {
        return None;
    }
    let s0 = eerste.waarde("saldo", h).unwrap_or_default();
    let s1 = laatste.waarde("saldo", h).unwrap_or_default();
    let mut zin = format!(
        "Het saldo van {h} {} van {} in {j0} naar {} in {j1}",
        if s1 < s0 { "daalt" } else { "stijgt" },
        teken(s0),
        teken(s1)
    );
    if let Some((post, delta, soort)) = grootste_beweging(run, h, eerste, laatste, s1 < s0)
        && !delta.is_zero()
    {
        zin.push_str(&format!(
            ", vooral doordat {} {} {} met {}",
            if soort == Soort::Baten {
                "de baten uit"
            } else {
                "de lasten voor"
            },
            post.to_lowercase(),
            if delta > Decimal::ZERO {
                "stijgen"
            } else {
                "dalen"
            },
            euro(delta.abs())
        ));
    }
    zin.push('.');
    // From which year on the saldo stays negative: a structural deficit.
    let vanaf = overz
        .iter()
        .rposition(|o| !negatief(o.waarde("saldo", h).unwrap_or_default()))
        .map(|i| i + 1)
        .unwrap_or(0);
    if vanaf < overz.len() && vanaf > 0 {
        zin.push_str(&format!(
            " Vanaf {} is het saldo elk jaar negatief: een structureel tekort.",
            overz[vanaf].jaar
        ));
    }
    Some(Feit {
        onderwerp: Onderwerp::Saldo,
        gewicht: (s1 - s0).abs(),
        zin,
    })
}

/// The largest deficit of a gemeente in the last year (with more than one gemeente).
fn grootste_tekort(run: &Run, laatste: &Overzicht) -> Option<Feit> {
    let j1 = laatste.jaar;
    let meer = !run.gegevens.groepen.is_empty() || run.gegevens.gemeenten.len() > 1;
    let (g, s) = run
        .gegevens
        .gemeenten
        .lijst
        .iter()
        .map(|g| {
            (
                g.naam.clone(),
                laatste.waarde("saldo", &g.naam).unwrap_or_default(),
            )
        })
        .filter(|(_, s)| negatief(*s))
        .min_by_key(|(_, s)| *s)
        .filter(|_| meer)?;
    Some(Feit {
        onderwerp: Onderwerp::Saldo,
        gewicht: s.abs(),
        zin: format!(
            "Het grootste tekort van een gemeente in {j1} heeft {g}: {}.",
            euro(s.abs())
        ),
    })
}

/// The SPUK settlement on the forecast volumes, per year, all gemeenten together.
fn afrekening(run: &Run) -> Vec<Feit> {
    let mut feiten = Vec::new();
    let afr: Vec<_> = run
        .afrekening
        .iter()
        .filter(|a| {
            a.status() != "vastgesteld"
                && a.prognose.is_some()
                && a.regeling == crate::uitkering::Regeling::Voorzieningen
        })
        .collect();
    let mut jaren: Vec<i32> = afr.iter().map(|a| a.jaar).collect();
    jaren.sort();
    jaren.dedup();
    for j in jaren {
        let v: Decimal = afr
            .iter()
            .filter(|a| a.jaar == j)
            .map(|a| a.verschil())
            .sum();
        let v = crate::verdeelsleutel::afgerond(v, 0);
        if v.is_zero() {
            continue;
        }
        feiten.push(Feit {
            onderwerp: Onderwerp::Afrekening,
            gewicht: v.abs(),
            zin: format!(
                "De SPUK over {j} wordt in {} vastgesteld op de werkelijke aantallen; naar verwachting volgt voor alle gemeenten samen een {} van {}.",
                j + 1,
                if v < Decimal::ZERO {
                    "terugvordering"
                } else {
                    "nabetaling"
                },
                euro(v.abs())
            ),
        });
    }
    feiten
}

/// Per group: the chance of a deficit and the reserve that covers it.
fn risico_feiten(r: &crate::rapport::risico::RisicoRapport) -> Vec<Feit> {
    let mut feiten = Vec::new();
    for k in &r.kernpunten {
        let naam = &k.naam;
        let zin = match k.slechtst {
            None => format!(
                "Ook als instroom en routekeuze tegenvallen, blijft het saldo van {naam} vanaf {} in elk jaar positief.",
                r.vanaf
            ),
            // A reserve of nil: in at least 9 of 10 draws no deficit over the years at all.
            Some((jaar, kans, _)) if k.reserve_nul => format!(
                "Omdat instroom en routekeuze onzeker zijn, is er voor {naam} een kans van {} op een tekort in {jaar}; in minstens 9 van de 10 gevallen is er in {}–{} geen tekort, dus is geen risicoreserve nodig.",
                crate::rapport::risico::kans_tekst(kans),
                r.vanaf,
                r.laatste
            ),
            Some((jaar, kans, _)) => format!(
                "Omdat instroom en routekeuze onzeker zijn, is er voor {naam} een kans van {} op een tekort in {jaar}; een risicoreserve van {} dekt de tekorten van {}–{} in 9 van de 10 gevallen.",
                crate::rapport::risico::kans_tekst(kans),
                euro(k.reserve),
                r.vanaf,
                r.laatste
            ),
        };
        feiten.push(Feit {
            onderwerp: Onderwerp::Risico,
            gewicht: k.reserve,
            zin,
        });
    }
    feiten
}

/// Per other scenario and group: its saldo over the shared years against the first's.
fn scenario_feiten(v: &crate::rapport::vergelijking::Vergelijking, namen: &[String]) -> Vec<Feit> {
    let mut feiten = Vec::new();
    for (i, s) in v.scenarios.iter().enumerate().skip(1) {
        for naam in namen {
            let gedeeld =
                |per: &Vec<Option<crate::ledger::Saldo>>| per[0].is_some() && per[i].is_some();
            let jaren: Vec<i32> = v
                .waarden
                .iter()
                .filter(|((n, _), per)| n == naam && gedeeld(per))
                .map(|((_, j), _)| *j)
                .collect();
            let (Some(a), Some(b)) = (jaren.iter().min(), jaren.iter().max()) else {
                continue;
            };
            let som = |idx: usize| -> Decimal {
                v.waarden
                    .iter()
                    .filter(|((n, _), per)| n == naam && gedeeld(per))
                    .filter_map(|(_, per)| per[idx])
                    .map(|x| x.saldo())
                    .sum()
            };
            let d = cijfers::verschil(som(i), som(0));
            feiten.push(Feit {
                onderwerp: Onderwerp::Scenarios,
                gewicht: d.abs(),
                zin: format!(
                    "In scenario {s} is het saldo van {naam} over {a}–{b} samen {} {} dan in {}.",
                    euro(d.abs()),
                    if d < Decimal::ZERO { "lager" } else { "hoger" },
                    v.scenarios[0]
                ),
            });
        }
    }
    feiten
}

/// Years down, the named groups across, displayed saldo; then the multi-year total.
fn saldo_per_jaar(run: &Run, namen: &[String]) -> Tabel {
    let mut kolommen: Vec<(&str, &str)> = vec![("jaar", "Jaar")];
    kolommen.extend(namen.iter().map(|n| (n.as_str(), n.as_str())));
    let mut t = Tabel::nieuw(&kolommen);
    for o in &run.uitkomst.overzichten {
        let mut rij = vec![Cel::Geheel(o.jaar.into())];
        rij.extend(
            namen
                .iter()
                .map(|n| Cel::Euro(o.waarde("saldo", n).unwrap_or_default())),
        );
        t.rij(rij);
    }
    if let (Some(a), Some(b)) = (run.uitkomst.jaren.first(), run.uitkomst.jaren.last()) {
        let mut rij = vec![Cel::tekst(format!("{a}–{b}"))];
        rij.extend(
            namen
                .iter()
                .map(|n| Cel::Euro(cijfers::saldo_meerjarig(&run.uitkomst, n))),
        );
        t.push(rij, true);
    }
    t
}

/// The saldo per year of the named groups: one line each.
fn grafiek(run: &Run, namen: &[String]) -> Grafiek {
    Grafiek {
        naam: "kerncijfers_saldo".into(),
        titel: "Saldo per jaar".into(),
        as_label: "saldo".into(),
        soort: GrafiekSoort::Lijnen {
            jaren: run.uitkomst.jaren.clone(),
            reeksen: namen
                .iter()
                .map(|n| {
                    (
                        n.clone(),
                        run.uitkomst
                            .overzichten
                            .iter()
                            .map(|o| {
                                o.waarde("saldo", n)
                                    .unwrap_or_default()
                                    .to_f64()
                                    .unwrap_or(0.0)
                            })
                            .collect(),
                    )
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rapport::risico::{Kernregel, RisicoRapport};
    use rust_decimal::dec;

    /// A small chance is still a chance: the summary names it as the console does, and only a
    /// name without any deficit draw "blijft positief".
    #[test]
    fn a_small_chance_of_a_deficit_is_not_called_positive() {
        let regel = |naam: &str, slechtst| Kernregel {
            naam: naam.into(),
            slechtst,
            reserve: if naam == "Nul" { dec!(0) } else { dec!(1200) },
            reserve_nul: naam == "Nul",
        };
        let r = RisicoRapport {
            vanaf: 2026,
            laatste: 2030,
            trekkingen: 1000,
            zaad: 23,
            bronnen: String::new(),
            tabellen: vec![],
            kernpunten: vec![
                regel("Klein", Some((2028, dec!(0.3), dec!(-5)))),
                regel("Groot", Some((2029, dec!(37), dec!(-5)))),
                regel("Geen", None),
                regel("Nul", Some((2030, dec!(0.02), dec!(7)))),
            ],
            grafieken: vec![],
        };
        let zinnen: Vec<String> = risico_feiten(&r).into_iter().map(|f| f.zin).collect();
        assert!(
            zinnen[0].contains("een kans van 0,3 % op een tekort in 2028"),
            "{}",
            zinnen[0]
        );
        assert!(zinnen[1].contains("een kans van 37 % op een tekort in 2029"));
        assert!(zinnen[2].contains("blijft het saldo van Geen vanaf 2026 in elk jaar positief"));
        assert!(zinnen[1].contains("een risicoreserve van € 1.200 dekt de tekorten van 2026–2030"));
        assert_eq!(
            zinnen[3],
            "Omdat instroom en routekeuze onzeker zijn, is er voor Nul een kans van 0,02 % op een tekort in 2030; in minstens 9 van de 10 gevallen is er in 2026–2030 geen tekort, dus is geen risicoreserve nodig."
        );
        assert!(!zinnen[..2].iter().any(|z| z.contains("positief")));
    }
}
