//! The scenario checked against its data, every problem at once.

use super::*;

/// The scenario against its data, every problem at once: each scenario year covered by some
/// data ([`jaren_zonder_data`]), actuals for every year up to `realisatie_tot`, fte overrides
/// of existing posts in years they run, and a share of inburgeringsplichtigen for taakstelling
/// rows.
pub fn check(s: &Scenario, d: &Gegevens) -> Result<(), Fout> {
    let h = || Herkomst::new(s.pad.display().to_string(), 0);
    let lijst = |jaren: &[i32]| {
        jaren
            .iter()
            .map(|j| j.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut fouten = Vec::new();
    let zonder = jaren_zonder_data(s, d);
    if !zonder.is_empty() {
        fouten.push(InvoerFout::new(
            h(),
            "jaren",
            format!(
                "geen gegevens in {} voor jaar {}; verwacht jaren die de data dekt",
                s.data.display(),
                lijst(&zonder)
            ),
        ));
    }
    if let Some(tot) = s.instellingen.realisatie_tot {
        let zonder: Vec<i32> = (s.instellingen.jaar_van..=tot)
            .filter(|j| !d.realisatie.iter().any(|r| r.jaar == *j))
            .collect();
        if !zonder.is_empty() {
            fouten.push(InvoerFout::new(
                h(),
                "realisatie_tot",
                format!(
                    "geen realisatie in realisatie.csv voor {}; verwacht geboekte bedragen voor elk jaar tot en met {tot}",
                    lijst(&zonder)
                ),
            ));
        }
    }
    check_fte_jaren(s, d, &mut fouten);
    check_taakstelling(s, d, &mut fouten);
    check_fte_posten(s, d, &mut fouten);
    if fouten.is_empty() {
        Ok(())
    } else {
        Err(meerdere(fouten))
    }
}

/// The scenario years no data covers (no IU row or national budget, beschikking or active
/// formatie post): a year range with such a year is probably a typo.
pub(super) fn jaren_zonder_data(s: &Scenario, d: &Gegevens) -> Vec<i32> {
    s.instellingen
        .jaren()
        .filter(|&j| {
            !d.iu.iter().any(|r| r.jaar == j)
                && !d.rijksbudget.iter().any(|r| r.jaar == j)
                && !d.beschikkingen.iter().any(|b| b.jaar == j)
                && !d.formatie.iter().any(|p| p.actief(j))
        })
        .collect()
}

/// An fte override of a post of formatie.csv is for a year the post runs and the scenario
/// covers.
pub(super) fn check_fte_jaren(s: &Scenario, d: &Gegevens, fouten: &mut Vec<InvoerFout>) {
    let herkomst = |post: &str| {
        s.fte_herkomst
            .iter()
            .find(|(p, _)| p == post)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    };
    for (post, jaar, _) in &s.instellingen.fte {
        let actief = d
            .formatie
            .iter()
            .any(|p| p.post.as_str() == post && p.actief(*jaar));
        let binnen = s.instellingen.jaren().any(|j| j == *jaar);
        if d.formatie.iter().any(|p| p.post.as_str() == post) && !(actief && binnen) {
            fouten.push(InvoerFout::new(
                herkomst(post),
                format!("fte.{post}.{jaar}"),
                format!(
                    "post '{post}' loopt niet in {jaar} (formatie.csv of de jaren van het scenario); \
                     verwacht een jaar waarin de post actief is en dat binnen de scenariojaren valt"
                ),
            ));
        }
    }
}

/// Taakstelling rows need the scenario's share of inburgeringsplichtigen: one error per
/// doelgroep, at its first row, naming the scenario and the key.
pub(super) fn check_taakstelling(s: &Scenario, d: &Gegevens, fouten: &mut Vec<InvoerFout>) {
    for dg in Doelgroep::ALLE {
        if s.instellingen.instroom.aandeel(dg).is_some() {
            continue;
        }
        let mut rijen = d.taakstelling(dg);
        if let Some(eerste) = rijen.next() {
            let meer = rijen.count();
            let mut f = crate::instroom::geen_aandeel(eerste);
            f.melding = format!(
                "{}{} (scenario {})",
                f.melding,
                if meer > 0 {
                    format!(
                        "; zo ook {meer} andere regel(s) met taakstelling {}",
                        dg.id()
                    )
                } else {
                    String::new()
                },
                s.pad.display()
            );
            fouten.push(f);
        }
    }
}

/// fte overrides name a post of formatie.csv.
pub(super) fn check_fte_posten(s: &Scenario, d: &Gegevens, fouten: &mut Vec<InvoerFout>) {
    // The posts, each once (a post with rows for several periods is named once).
    let mut namen: Vec<&str> = Vec::new();
    for p in &d.formatie {
        if !namen.contains(&p.post.as_str()) {
            namen.push(p.post.as_str());
        }
    }
    let namen = namen.join(", ");
    for (post, h) in &s.fte_herkomst {
        if !d.formatie.iter().any(|p| p.post.as_str() == post) {
            fouten.push(InvoerFout::new(
                h.clone(),
                format!("fte.{post}"),
                format!("onbekende post '{post}'; verwacht een post uit formatie.csv ({namen})",),
            ));
        }
    }
}
