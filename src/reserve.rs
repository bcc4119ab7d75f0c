//! Bestemmingsreserve inburgering: the surplus of the IU part of a gemeente's inburgering budget
//! is added to a reserve, a deficit of the IU part is withdrawn from it, as many gemeenten do
//! (Beleidskader Wet inburgering Drechtsteden urges reserving the uitvoeringsbudget). Pure: a ledger and the scenario's
//! `[reserve]` settings in, the reserve lines (`toevoeging_reserve` / `onttrekking_reserve`) and
//! the reserve table out. After these lines the saldo of a gemeente-year is the resultaat ná
//! bestemming; without them it is the resultaat vóór bestemming.

use crate::fout::Herkomst;
use crate::gemeente::{GemeenteId, Gemeenten, Groep};
use crate::ledger::{Boeking, Ledger, Soort};
use crate::post::PostId;
use crate::waarschuwing::Waarschuwing;
use rust_decimal::Decimal;

/// The scenario's `[reserve]`, resolved against the data (gemeenten by index).
#[derive(Debug, Clone, PartialEq)]
pub struct ReserveInstellingen {
    /// E.g. "Bestemmingsreserve inburgering"; used in the ledger's descriptions.
    pub naam: String,
    /// Opening balance per gemeente (index as in `gemeenten.csv`), at the start of the first
    /// scenario year; 0 where the scenario does not name the gemeente.
    pub beginsaldo: Vec<Decimal>,
    /// Ceiling per gemeente: an addition never takes the balance above it. `None`: no ceiling.
    pub plafond: Vec<Option<Decimal>>,
    /// Where `[reserve]` is written (scenario file and line), for the warnings.
    pub herkomst: Herkomst,
}

/// One gemeente (or group) and year of the reserve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReserveRegel {
    pub jaar: i32,
    pub beginsaldo: Decimal,
    pub toevoeging: Decimal,
    pub onttrekking: Decimal,
    pub eindsaldo: Decimal,
    /// Saldo of the ledger before the reserve lines.
    pub resultaat_voor: Decimal,
    /// Saldo after them: resultaat_voor − toevoeging + onttrekking.
    pub resultaat_na: Decimal,
}

impl ReserveRegel {
    /// The amounts in the order of the tables: beginsaldo, toevoeging, onttrekking, eindsaldo,
    /// resultaat vóór and ná bestemming.
    pub fn bedragen(&self) -> [Decimal; 6] {
        [
            self.beginsaldo,
            self.toevoeging,
            self.onttrekking,
            self.eindsaldo,
            self.resultaat_voor,
            self.resultaat_na,
        ]
    }
}

/// The reserve of a run: per gemeente its years, in scenario order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bestemmingsreserve {
    pub naam: String,
    /// Per gemeente (index as in `gemeenten.csv`) one line per scenario year.
    pub per_gemeente: Vec<Vec<ReserveRegel>>,
    /// A withdrawal capped at the balance (the rest of the deficit stays in the result).
    pub waarschuwingen: Vec<Waarschuwing>,
}

/// Whether a ledger post is the pass-through of SPUK money: the SPUK baten (`spuk`,
/// `spuk_onderwijsroute`) and the inburgeringsvoorzieningen they pay for
/// (`inburgeringsvoorzieningen`, `voorziening_*`). The reserve posts themselves are not part of
/// the IU part either.
pub fn is_spuk_doorgifte(post: &PostId) -> bool {
    post.is_spuk() || post.is_voorziening() || post.is_reserve()
}

/// The IU part of a gemeente's result in a year: its baten minus its lasten, leaving out the
/// pass-through of SPUK money ([`is_spuk_doorgifte`]): in practice the integratie-uitkering
/// minus the regional formation and every other cost paid from it.
///
/// Why only this part: the SPUK is a specific grant for the inburgeringsvoorzieningen, settled
/// with the State on realised volumes (unspent money is reclaimed at the vaststelling, a
/// shortfall is not the State's), so it is no free money a gemeente can put aside. The IU
/// (gemeentefonds) is free money, and that is what a bestemmingsreserve inburgering holds.
/// With route-driven lasten (`inburgeringsvoorzieningen = "routes"`) a gap between the SPUK and
/// the route costs therefore stays in the result and is not taken from the reserve.
pub fn iu_deel(ledger: &Ledger, gemeente: GemeenteId, jaar: i32) -> Decimal {
    ledger
        .boekingen
        .iter()
        .filter(|b| b.gemeente == gemeente && b.jaar == jaar && !is_spuk_doorgifte(&b.post))
        .map(|b| match b.soort {
            Soort::Baten => b.bedrag,
            Soort::Lasten => -b.bedrag,
        })
        .sum()
}

/// Computes the reserve over `jaren` (consecutive, in order) from the ledger before bestemming.
/// Per gemeente and year: a positive IU part is added, capped at the ceiling (the rest stays a
/// surplus); a negative IU part is withdrawn, capped at the balance (the rest stays a deficit,
/// with a warning naming gemeente and year). Amounts in the ledger are whole cents, so every
/// line is too; nothing is rounded here.
pub fn bereken(
    ledger: &Ledger,
    inst: &ReserveInstellingen,
    gemeenten: &Gemeenten,
    jaren: &[i32],
) -> Bestemmingsreserve {
    let saldi = ledger.saldi();
    let mut uit = Bestemmingsreserve {
        naam: inst.naam.clone(),
        ..Default::default()
    };
    for g in 0..gemeenten.len() {
        let mut saldo = inst.beginsaldo.get(g).copied().unwrap_or_default();
        let plafond = inst.plafond.get(g).copied().flatten();
        let mut regels = Vec::new();
        for &jaar in jaren {
            let voor = saldi.get(&(g, jaar)).map(|s| s.saldo()).unwrap_or_default();
            let deel = iu_deel(ledger, g, jaar);
            let begin = saldo;
            let (mut toevoeging, mut onttrekking) = (Decimal::ZERO, Decimal::ZERO);
            if deel > Decimal::ZERO {
                toevoeging = match plafond {
                    Some(p) => deel.min((p - begin).max(Decimal::ZERO)),
                    None => deel,
                };
            } else if deel < Decimal::ZERO {
                onttrekking = (-deel).min(begin);
                if onttrekking < -deel {
                    uit.waarschuwingen.push(Waarschuwing::new(
                        inst.herkomst.clone(),
                        "reserve",
                        format!(
                            "{} {jaar}: het tekort op het IU-deel ({}) is groter dan het saldo van de {} \
                             ({}); de onttrekking is begrensd op het saldo en {} blijft een tekort in het resultaat",
                            gemeenten.naam(g),
                            euro(-deel),
                            inst.naam,
                            euro(begin),
                            euro(-deel - onttrekking)
                        ),
                    ));
                }
            }
            saldo = begin + toevoeging - onttrekking;
            regels.push(ReserveRegel {
                jaar,
                beginsaldo: begin,
                toevoeging,
                onttrekking,
                eindsaldo: saldo,
                resultaat_voor: voor,
                resultaat_na: voor - toevoeging + onttrekking,
            });
        }
        uit.per_gemeente.push(regels);
    }
    uit
}

/// Adds the reserve lines to the ledger: per year, after that year's bookings, the withdrawals
/// (baten) and additions (lasten) per gemeente; only non-zero amounts are booked.
pub fn boek(ledger: &mut Ledger, r: &Bestemmingsreserve) {
    let mut extra: Vec<Boeking> = Vec::new();
    let jaren: Vec<i32> = r
        .per_gemeente
        .first()
        .map(|x| x.iter().map(|l| l.jaar).collect())
        .unwrap_or_default();
    for jaar in jaren {
        for (post, soort, woord) in [
            (PostId::OnttrekkingReserve, Soort::Baten, "Onttrekking"),
            (PostId::ToevoegingReserve, Soort::Lasten, "Toevoeging"),
        ] {
            for (g, regels) in r.per_gemeente.iter().enumerate() {
                let Some(l) = regels.iter().find(|l| l.jaar == jaar) else {
                    continue;
                };
                let bedrag = if soort == Soort::Baten {
                    l.onttrekking
                } else {
                    l.toevoeging
                };
                if !bedrag.is_zero() {
                    extra.push(Boeking {
                        gemeente: g,
                        jaar,
                        soort,
                        post: post.clone(),
                        label: format!("{woord} {}", r.naam.to_lowercase()).into(),
                        bedrag,
                        uitvoerder: crate::uitvoerder::Uitvoerder::Gemeente,
                    });
                }
            }
        }
    }
    // The ledger is year-major; a stable sort by year puts each year's reserve lines after its
    // other bookings and keeps every other order.
    ledger.boekingen.extend(extra);
    ledger.boekingen.sort_by_key(|b| b.jaar);
}

/// The reserve of a group: per year the sums over its members (balances, additions,
/// withdrawals and results alike).
pub fn groep(r: &Bestemmingsreserve, groep: &Groep) -> Vec<ReserveRegel> {
    let mut uit: Vec<ReserveRegel> = Vec::new();
    for g in &groep.leden {
        let Some(regels) = r.per_gemeente.get(*g) else {
            continue;
        };
        for l in regels {
            match uit.iter_mut().find(|x| x.jaar == l.jaar) {
                Some(x) => {
                    x.beginsaldo += l.beginsaldo;
                    x.toevoeging += l.toevoeging;
                    x.onttrekking += l.onttrekking;
                    x.eindsaldo += l.eindsaldo;
                    x.resultaat_voor += l.resultaat_voor;
                    x.resultaat_na += l.resultaat_na;
                }
                None => uit.push(*l),
            }
        }
    }
    uit
}

/// € 1.234,56 (Dutch, to the cent), for warnings; the amounts there are never negative.
fn euro(x: Decimal) -> String {
    crate::opmaak::euro_centen(x.abs())
}

#[cfg(test)]
mod tests {
    use rust_decimal::dec;

    /// A warning's amount follows the product's one rounding rule (half away from zero) and
    /// Dutch notation; the hand-written formatter it replaced rounded half to even.
    #[test]
    fn warning_amounts_round_half_away_from_zero() {
        assert_eq!(super::euro(dec!(1234567.125)), "€ 1.234.567,13");
        assert_eq!(super::euro(dec!(-0.005)), "€ 0,01");
        assert_eq!(super::euro(dec!(12)), "€ 12,00");
    }
}
