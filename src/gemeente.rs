//! Gemeenten and groups (a region such as SDD, or the scope of a shared post). Gemeenten are
//! referred to by index internally so that every table keeps the order of `gemeenten.csv`.

use crate::fout::Herkomst;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct Gemeente {
    /// CBS code, e.g. GM0505.
    pub code: String,
    pub naam: String,
    pub inwoners: Option<Decimal>,
    pub niet_westers: Option<Decimal>,
    pub herkomst: Herkomst,
}

/// Index into [`Gemeenten`]; stable for one data set.
pub type GemeenteId = usize;

#[derive(Debug, Clone, Default)]
pub struct Gemeenten {
    pub lijst: Vec<Gemeente>,
    /// Upper-case CBS code → id and exact name → id, built by [`Gemeenten::indexeer`] once the
    /// list is complete, so that looking up a gemeente costs the same for 10 or 10.000 of them.
    pub index: (
        std::collections::HashMap<String, GemeenteId>,
        std::collections::HashMap<String, GemeenteId>,
    ),
}

impl PartialEq for Gemeenten {
    fn eq(&self, other: &Self) -> bool {
        self.lijst == other.lijst
    }
}

impl Gemeenten {
    /// (Re)builds the lookup index; call after changing `lijst`.
    pub fn indexeer(&mut self) {
        let mut codes = std::collections::HashMap::new();
        let mut namen = std::collections::HashMap::new();
        for (i, g) in self.lijst.iter().enumerate() {
            codes.entry(g.code.to_ascii_uppercase()).or_insert(i);
            namen.entry(g.naam.clone()).or_insert(i);
        }
        self.index = (codes, namen);
    }

    /// Accepts the CBS code (case-insensitive) or the exact name.
    pub fn zoek(&self, tekst: &str) -> Option<GemeenteId> {
        let t = tekst.trim();
        let (codes, namen) = &self.index;
        // The index is used only when it covers the whole list (built after the last change).
        if codes.len() == self.lijst.len() && namen.len() == self.lijst.len() && !codes.is_empty() {
            return codes
                .get(&t.to_ascii_uppercase())
                .or_else(|| namen.get(t))
                .copied();
        }
        self.lijst
            .iter()
            .position(|g| g.code.eq_ignore_ascii_case(t))
            .or_else(|| self.lijst.iter().position(|g| g.naam == t))
    }

    /// The name of the gemeente `tekst` probably means when it is not found: the closest name or
    /// CBS code (case-insensitive, see [`lijkt_op`]); a bare number is read as a CBS code
    /// (`505` → GM0505). `None` when nothing is close or two gemeenten are equally close.
    pub fn suggestie(&self, tekst: &str) -> Option<&str> {
        let t = tekst.trim();
        let als_code = (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| format!("GM{t:0>4}"));
        let t = als_code.as_deref().unwrap_or(t);
        let kandidaten = self
            .lijst
            .iter()
            .enumerate()
            .flat_map(|(i, g)| [(i, g.naam.as_str()), (i, g.code.as_str())]);
        dichtstbij(t, kandidaten).map(|i| self.lijst[i].naam.as_str())
    }

    pub fn naam(&self, id: GemeenteId) -> &str {
        &self.lijst[id].naam
    }

    pub fn len(&self) -> usize {
        self.lijst.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lijst.is_empty()
    }
}

/// A named set of gemeenten: a region column in the tables, or the deelnemers of a post.
#[derive(Debug, Clone, PartialEq)]
pub struct Groep {
    pub naam: String,
    /// Members in the order of `gemeenten.csv`, without duplicates.
    pub leden: Vec<GemeenteId>,
    pub herkomst: Herkomst,
}

impl Groep {
    /// Membership per gemeente id (`n` gemeenten): a lookup in O(1) where `leden.contains`
    /// would scan the members for every row.
    pub fn lidmaatschap(&self, n: usize) -> Vec<bool> {
        let mut v = vec![false; n];
        for l in &self.leden {
            if let Some(x) = v.get_mut(*l) {
                *x = true;
            }
        }
        v
    }
}

/// The candidate `tekst` is probably a typo of: the closest one by edit distance, compared
/// case-insensitively, if it is close enough (see [`dichtbij_genoeg`]) and no other candidate is
/// as close. Used for "bedoelde u ...?" in error messages.
pub fn lijkt_op<'a>(tekst: &str, kandidaten: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    dichtstbij(tekst, kandidaten.into_iter().map(|k| (k, k)))
}

/// The key of the closest candidate (several candidates may share a key, e.g. a gemeente's name
/// and code); `None` on a tie between different keys or when nothing is close enough.
fn dichtstbij<K: PartialEq + Copy>(
    tekst: &str,
    kandidaten: impl IntoIterator<Item = (K, impl AsRef<str>)>,
) -> Option<K> {
    let t = tekst.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    let mut beste: Option<(usize, K)> = None;
    let mut gelijk = false;
    for (k, naam) in kandidaten {
        let d = afstand(&t, &naam.as_ref().to_lowercase());
        match beste {
            Some((b, bk)) if d == b && bk != k => gelijk = true,
            Some((b, _)) if d >= b => {}
            _ => {
                beste = Some((d, k));
                gelijk = false;
            }
        }
    }
    let (d, k) = beste?;
    (!gelijk && dichtbij_genoeg(d, t.chars().count())).then_some(k)
}

/// Whether `d` edits on a text of `lengte` characters is still a typo rather than another word:
/// one edit for words up to 4 letters (but not every letter), otherwise 2 or a third of the
/// length, whichever is more.
pub fn dichtbij_genoeg(d: usize, lengte: usize) -> bool {
    if d > 0 && d >= lengte {
        false
    } else if lengte <= 4 {
        d <= 1
    } else {
        d <= 2.max(lengte / 3)
    }
}

/// Levenshtein distance in characters.
pub fn afstand(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut vorige: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut rij = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let vervang = vorige[j] + usize::from(ca != *cb);
            rij[j + 1] = vervang.min(vorige[j + 1] + 1).min(rij[j] + 1);
        }
        vorige = rij;
    }
    vorige[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gemeenten() -> Gemeenten {
        let g = |code: &str, naam: &str| Gemeente {
            code: code.into(),
            naam: naam.into(),
            inwoners: None,
            niet_westers: None,
            herkomst: Herkomst::default(),
        };
        Gemeenten {
            index: Default::default(),
            lijst: vec![
                g("GM0482", "Alblasserdam"),
                g("GM0505", "Dordrecht"),
                g("GM0531", "Hendrik-Ido-Ambacht"),
                g("GM0590", "Papendrecht"),
                g("GM0642", "Zwijndrecht"),
                g("GM0228", "Ede"),
                g("GM0232", "Epe"),
            ],
        }
    }

    #[test]
    fn edit_distance() {
        assert_eq!(afstand("", ""), 0);
        assert_eq!(afstand("dordrect", "dordrecht"), 1);
        assert_eq!(afstand("kitten", "sitting"), 3);
        assert_eq!(afstand("abc", ""), 3);
        assert_eq!(afstand("ë", "e"), 1);
    }

    #[test]
    fn suggestion_for_a_misspelt_gemeente() {
        let g = gemeenten();
        assert_eq!(g.suggestie("Dordrect"), Some("Dordrecht"));
        assert_eq!(g.suggestie(" dordrecht "), Some("Dordrecht"));
        assert_eq!(g.suggestie("Zwijndregt"), Some("Zwijndrecht"));
        assert_eq!(
            g.suggestie("Hendrik Ido Ambacht"),
            Some("Hendrik-Ido-Ambacht")
        );
        // CBS codes, also without GM or leading zeros.
        assert_eq!(g.suggestie("gm0505"), Some("Dordrecht"));
        assert_eq!(g.suggestie("GM505"), Some("Dordrecht"));
        assert_eq!(g.suggestie("505"), Some("Dordrecht"));
        assert_eq!(g.suggestie("GM0483"), Some("Alblasserdam"));
        assert_eq!(g.suggestie("GM0591"), None); // GM0590 and GM0531 both one edit away
        // Too far, or two gemeenten equally close: no guess.
        assert_eq!(g.suggestie("Rotterdam"), None);
        assert_eq!(g.suggestie("GM9999"), None);
        assert_eq!(g.suggestie("Eme"), None);
        assert_eq!(g.suggestie(""), None);
        assert_eq!(g.suggestie("Edr"), Some("Ede"));
    }

    #[test]
    fn suggestion_among_choices() {
        let keuzes = ["asiel", "gezin"];
        assert_eq!(lijkt_op("aseil", keuzes), Some("asiel"));
        assert_eq!(lijkt_op("Asiel", keuzes), Some("asiel"));
        assert_eq!(lijkt_op("gezinnen", keuzes), None);
        assert_eq!(
            lijkt_op("onderwjis", ["b1", "onderwijs", "z"]),
            Some("onderwijs")
        );
        assert_eq!(lijkt_op("x", ["b1", "onderwijs", "z"]), None);
        assert_eq!(lijkt_op("Z", ["b1", "onderwijs", "z"]), Some("z"));
        assert_eq!(lijkt_op("q", ["b1", "z"]), None);
    }
}
