//! The variance table (realisatie against raming): exact for `verschillen.csv`, and one displayed
//! table in whole euros for the console, the workbook and the report, so those three show the
//! same figures and every displayed difference is realisatie − raming as displayed, split into a
//! volume and a price effect that add up to it.

use crate::rapport::cijfers::{hele_euros, zonder_min_nul};
use crate::rapport::tabel::{Cel, Tabel};
use crate::realisatie::Verschil;

/// `verschillen.csv`: exact to the cent.
pub fn tabel(scenario: &str, verschillen: &[Verschil]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("scenario", "Scenario"),
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("soort", "Soort"),
        ("post", "Post"),
        ("omschrijving", "Omschrijving"),
        ("raming", "Raming"),
        ("realisatie", "Realisatie"),
        ("verschil", "Verschil"),
        ("verschil_pct", "%"),
        ("volume_effect", "Volume-effect"),
        ("prijs_effect", "Prijseffect"),
        ("toelichting_nodig", "Toelichting nodig"),
    ]);
    for v in verschillen {
        t.rij(vec![
            Cel::tekst(scenario),
            Cel::tekst(&v.naam),
            Cel::Geheel(v.jaar.into()),
            Cel::tekst(v.soort.id()),
            Cel::tekst(&v.post),
            Cel::tekst(&v.omschrijving),
            Cel::Bedrag(v.raming),
            Cel::Bedrag(v.realisatie),
            Cel::Bedrag(v.verschil()),
            v.procent().map(Cel::Getal).unwrap_or(Cel::Leeg),
            Cel::bedrag_of_leeg(v.effecten.map(|e| e.0)),
            Cel::bedrag_of_leeg(v.effecten.map(|e| e.1)),
            Cel::tekst(if v.toelichting_nodig { "ja" } else { "nee" }),
        ]);
    }
    t
}

/// The displayed table: raming and realisatie in whole euros; verschil is the difference of
/// those displayed figures; the volume effect is rounded and the price effect is the rest, so
/// volume + prijs = verschil on screen as in the exact table. Group rows are marked.
pub fn weergave(verschillen: &[Verschil]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("gemeente", "Gemeente / groep"),
        ("jaar", "Jaar"),
        ("soort", "Soort"),
        ("post", "Post"),
        ("raming", "Raming"),
        ("realisatie", "Realisatie"),
        ("verschil", "Verschil"),
        ("verschil_pct", "%"),
        ("volume_effect", "Volume-effect"),
        ("prijs_effect", "Prijseffect"),
        ("toelichting", "Toelichting"),
    ]);
    for v in verschillen {
        let raming = hele_euros(v.raming);
        let realisatie = hele_euros(v.realisatie);
        let verschil = zonder_min_nul(realisatie - raming);
        let (volume, prijs) = match v.effecten {
            Some((vol, _)) => {
                let vol = hele_euros(vol);
                (Cel::Euro(vol), Cel::Euro(zonder_min_nul(verschil - vol)))
            }
            None => (Cel::Leeg, Cel::Leeg),
        };
        t.push(
            vec![
                Cel::tekst(&v.naam),
                Cel::Geheel(v.jaar.into()),
                Cel::tekst(v.soort.id()),
                Cel::tekst(&v.omschrijving),
                Cel::Euro(raming),
                Cel::Euro(realisatie),
                Cel::Euro(verschil),
                v.procent().map(Cel::Getal).unwrap_or(Cel::Leeg),
                volume,
                prijs,
                Cel::tekst(if v.toelichting_nodig { "nodig" } else { "" }),
            ],
            v.is_groep,
        );
    }
    t
}
