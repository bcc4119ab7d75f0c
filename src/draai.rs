//! One scenario run: read the scenario and its data, check coverage, compute, apply the reserve
//! and shape the report tables. What every command starts from; writes nothing.

use crate::fout::{self, Resultaat};
use crate::gegevens::Gegevens;
use crate::ledger::Ledger;
use crate::rapport::Invoerbestand;
use crate::scenario::Scenario;
use crate::{balans, berekening, dekking, invoer, kasstroom, rapport, reserve, uitvoering};
use std::path::Path;

use crate::rapport::Run;

/// Loads a scenario file and its data, validates everything and computes the ledger and tables.
/// Writes nothing.
pub fn draai(scenario_pad: &Path) -> Resultaat<Run> {
    draai_scenario(invoer::scenario::lees(scenario_pad)?)
}

/// As [`draai`], for a scenario given as text as if it were the file `pad` (parents and data
/// relative to its folder): what `raming serve` computes a what-if with.
pub fn draai_tekst(pad: &Path, tekst: &str) -> Resultaat<Run> {
    draai_scenario(invoer::scenario::lees_tekst(pad, tekst)?)
}

/// Loads a read scenario's data, validates everything and computes. Writes nothing.
pub fn draai_scenario(scenario: Scenario) -> Resultaat<Run> {
    let gegevens = laad_gegevens(&scenario)?;
    let reserve_instellingen = invoer::scenario::reserve(&scenario, &gegevens)?;
    let jaren: Vec<i32> = scenario.instellingen.jaren().collect();
    let (mut toets, mut berekening) = reken(&gegevens, &scenario, &jaren)?;
    // The scenario's own doubtful settings first: they are where a reader looks first.
    toets
        .waarschuwingen
        .splice(0..0, scenario.waarschuwingen.iter().cloned());
    let balans = balans::posities(
        &berekening.ledger,
        &berekening.afrekening,
        &scenario.instellingen,
    );
    // The bestemming comes after the result: the reserve reads the ledger vóór bestemming and
    // adds its lines, so every table downstream shows the resultaat ná bestemming.
    let reserve = reserve_instellingen.map(|r| {
        bestem(
            &r,
            &mut berekening.ledger,
            &gegevens,
            &jaren,
            &mut toets.waarschuwingen,
        )
    });
    // Cash (which reads only the SPUK and IU baten, never the reserve's lines) and the list of
    // sources beside the overviews.
    let ((kasstroom, bronnen), uitkomst) = rayon::join(
        || {
            rayon::join(
                || {
                    kasstroom::bereken(
                        &gegevens,
                        jaren.iter().copied(),
                        &berekening.ledger,
                        &berekening.afrekening,
                    )
                },
                || invoer::bronvermeldingen(&scenario.data),
            )
        },
        || rapport::maak_uitkomst(&scenario.naam, &jaren, &berekening.ledger, &gegevens),
    );
    let uitkomst = uitkomst?;
    let bronnen = bronnen?;
    Ok(Run {
        scenario,
        bronnen,
        gegevens,
        ledger: berekening.ledger,
        verschillen: berekening.verschillen,
        afrekening: berekening.afrekening,
        kasstroom,
        balans,
        uitkomst,
        waarschuwingen: toets.waarschuwingen,
        dekking: toets.dekking,
        reserve,
        regio: berekening.regio,
    })
}

/// The coverage check and the computation (side by side: both only read the data), with the
/// warnings about actuals and about who executes.
fn reken(
    gegevens: &Gegevens,
    scenario: &Scenario,
    jaren: &[i32],
) -> Resultaat<(dekking::Toets, berekening::Berekening)> {
    let (toets, berekening) = rayon::join(
        || dekking::toets(gegevens, &scenario.instellingen),
        || berekening::bereken(gegevens, &scenario.instellingen),
    );
    let (mut toets, berekening) = (toets?, berekening?);
    dekking::realisatie(&mut toets, gegevens, &berekening);
    toets.waarschuwingen.extend(uitvoering::waarschuwingen(
        gegevens,
        &berekening.ledger,
        jaren,
    ));
    Ok((toets, berekening))
}

/// Books the bestemmingsreserve's lines into the ledger (after the result: the reserve reads
/// the ledger vóór bestemming) and adds its warnings.
fn bestem(
    r: &reserve::ReserveInstellingen,
    ledger: &mut Ledger,
    d: &Gegevens,
    jaren: &[i32],
    waarschuwingen: &mut Vec<crate::waarschuwing::Waarschuwing>,
) -> reserve::Bestemmingsreserve {
    let x = reserve::bereken(ledger, r, &d.gemeenten, jaren);
    reserve::boek(ledger, &x);
    waarschuwingen.extend(x.waarschuwingen.iter().cloned());
    x
}

/// The scenario's data, loaded for what its settings need and checked against the scenario.
fn laad_gegevens(scenario: &Scenario) -> Resultaat<Gegevens> {
    let behoefte = invoer::Behoefte {
        spuk_beschikking: false,
        routes: scenario.instellingen.voorzieningen == berekening::Voorzieningen::Routes,
        prognose: scenario.instellingen.spuk == berekening::SpukBron::Prognose,
    };
    let gegevens = invoer::laad(&scenario.data, behoefte)?;
    invoer::scenario::check(scenario, &gegevens)?;
    Ok(gegevens)
}

/// Every input file of a run (the scenario, its parents and the data files or workbook) with its
/// SHA-256, in a fixed order: for the report's colophon.
pub fn invoerbestanden(run: &Run) -> Resultaat<Vec<Invoerbestand>> {
    use sha2::{Digest, Sha256};
    let mut paden = vec![run.scenario.pad.clone()];
    paden.extend(run.scenario.ouders.iter().cloned());
    if run.scenario.data.is_dir() {
        paden.extend(
            invoer::BESTANDEN
                .iter()
                .map(|n| run.scenario.data.join(n))
                .filter(|p| p.is_file()),
        );
    } else {
        paden.push(run.scenario.data.clone());
    }
    paden
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|e| fout::Fout::io(&p, e))?;
            Ok(Invoerbestand {
                pad: p.display().to_string(),
                sha256: format!("{:x}", Sha256::digest(&bytes)),
            })
        })
        .collect()
}
