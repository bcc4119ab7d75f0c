//! The scenario's settings after inheritance and where it came from: `uitgangspunten.csv`.

use crate::berekening::{Instellingen, Prijzen};
use crate::gegevens::Gegevens;
use crate::instroom::Doelgroep;
use crate::rapport::tabel::{Cel, Tabel};
use crate::scenario::Scenario;

/// The price convention of a run in one Dutch sentence, for the report and the workbook.
pub fn prijzen_zin(inst: &Instellingen) -> String {
    match inst.prijzen {
        Prijzen::Lopend => "Alle bedragen zijn in lopende prijzen: de lonen, de contractprijzen en \
             de SPUK-tarieven zijn geïndexeerd, en de uitkering uit het gemeentefonds groeit mee met \
             de gemeentefondsindex waar ze als raming in prijzen van een eerder jaar is opgegeven \
             (bedragen die voor een jaar zijn toegekend, staan zoals toegekend)."
            .to_string(),
        Prijzen::Constant => format!(
            "Alle bedragen zijn in constante prijzen van {}: niets is geïndexeerd, niet de \
             kosten, niet de SPUK-tarieven en niet de uitkering uit het gemeentefonds.",
            inst.basisjaar
        ),
    }
}

/// The share of inburgeringsplichtigen the run assumed for taakstelling rows, in one Dutch
/// sentence (`None` when the data has no taakstelling): for the report.
pub fn taakstelling_zin(inst: &Instellingen, d: &Gegevens) -> Option<String> {
    let delen: Vec<String> = Doelgroep::ALLE
        .iter()
        .filter(|dg| d.taakstelling(**dg).next().is_some())
        .filter_map(|dg| {
            let p = inst.instroom.aandeel(*dg)?;
            let naam = match dg {
                Doelgroep::Asiel => "asielstatushouders",
                Doelgroep::Gezin => "gezins- en overige migranten",
            };
            Some(format!("{} % van de {naam}", crate::opmaak::decimaal_nl(p)))
        })
        .collect();
    (!delen.is_empty()).then(|| {
        format!(
            "De instroom is (deels) opgegeven als taakstelling voor huisvesting, die ook \
             minderjarigen en vrijgestelden telt; aangenomen is dat {} inburgeringsplichtig is, en \
             alleen zij tellen voor de SPUK en de leerroutes.",
            delen.join(" en ")
        )
    })
}

pub fn tabel(s: &Scenario) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("soort", "Soort"),
        ("sleutel", "Sleutel"),
        ("waarde", "Waarde"),
    ]);
    let mut rij =
        |a: &str, b: &str, c: String| t.rij(vec![Cel::tekst(a), Cel::tekst(b), Cel::tekst(c)]);
    rij("scenario", "naam", s.naam.clone());
    rij("scenario", "omschrijving", s.omschrijving.clone());
    rij("scenario", "bestand", s.pad.display().to_string());
    rij("scenario", "prijzen", prijzen_zin(&s.instellingen));
    for o in &s.ouders {
        rij("scenario", "ouder", o.display().to_string());
    }
    for (k, v) in &s.instellingen_tekst {
        rij("instelling", k, v.clone());
    }
    t
}
