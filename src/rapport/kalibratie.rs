//! The tables of `raming kalibreer`: the fitted per-head amounts, the residual per beschikking
//! and the tariff rows. The fit itself is `crate::kalibratie`.

use crate::gegevens::Gegevens;
use crate::kalibratie::{Kalibratie, TariefRegel};
use crate::rapport::tabel::{Cel, Tabel};

/// `kalibratie.csv`: one row per doelgroep.
pub fn per_doelgroep(k: &Kalibratie) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("jaar", "Jaar"),
        ("doelgroep", "Doelgroep"),
        ("bedrag_per_hoofd", "Bedrag per hoofd"),
        ("beschikkingen", "Beschikkingen"),
    ]);
    for (d, b) in [("asiel", k.asiel), ("gezin", k.gezin)] {
        t.rij(vec![
            Cel::Geheel(k.jaar.into()),
            Cel::tekst(d),
            Cel::Bedrag(b),
            Cel::Geheel(k.regels.len() as i64),
        ]);
    }
    t
}

/// `kalibratie_gemeenten.csv`: per beschikking the volumes, the recomputed amount and the
/// residual.
pub fn gemeenten(k: &Kalibratie, d: &Gegevens) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("jaar", "Jaar"),
        ("gemeente", "Gemeente"),
        ("beschikking", "Beschikking"),
        ("aantal_asiel", "Aantal asiel"),
        ("aantal_gezin", "Aantal gezin"),
        ("eerdere_cohorten", "Eerdere cohorten"),
        ("herberekend", "Herberekend"),
        ("residu", "Residu"),
        ("volumes", "Volumes"),
    ]);
    for r in &k.regels {
        t.rij(vec![
            Cel::Geheel(k.jaar.into()),
            Cel::tekst(d.gemeenten.naam(r.gemeente)),
            Cel::Bedrag(r.beschikking),
            Cel::Getal(r.asiel.normalize()),
            Cel::Getal(r.gezin.normalize()),
            Cel::Bedrag(r.eerdere_cohorten),
            Cel::Bedrag(r.herberekend),
            Cel::Bedrag(r.residu),
            Cel::tekst(&r.volumes),
        ]);
    }
    t
}

/// The tariff rows in the columns of `spuk_tarieven.csv`.
pub fn tarieven(regels: &[TariefRegel]) -> Tabel {
    let mut t = Tabel::nieuw(&[
        ("jaar", "Jaar"),
        ("doelgroep", "Doelgroep"),
        ("component", "Component"),
        ("teljaar", "Teljaar"),
        ("bedrag", "Bedrag"),
        ("bron", "Bron"),
    ]);
    for r in regels {
        let x = &r.tarief;
        t.rij(vec![
            Cel::Geheel(x.jaar.into()),
            Cel::tekst(x.doelgroep.id()),
            Cel::tekst(x.component.id()),
            Cel::Geheel(x.teljaar.into()),
            Cel::Bedrag(x.bedrag),
            Cel::tekst(&r.bron),
        ]);
    }
    t
}
