//! Ledger post ids: what a ledger line is for. The engine's own posts are named cases, so code
//! that treats a post specially (the SPUK passed on, the reserve, the IU) matches on a case
//! instead of comparing text; a formatie post and a route-cost onderdeel carry the id the data
//! gives them. The id text (`spuk`, `procesregie`) is what files show and read.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The id of a ledger post. Equality, order and hash are those of the id text, so a post read
/// from a file (`PostId::van`) and the engine's own case are the same post.
#[derive(Debug, Clone)]
pub enum PostId {
    /// Integratie-uitkering, uitvoeringskosten (baten).
    IuUitvoering,
    /// Integratie-uitkering, invoeringskosten (baten).
    IuInvoering,
    /// SPUK inburgeringsvoorzieningen (baten).
    Spuk,
    /// SPUK onderwijsroute (baten).
    SpukOnderwijsroute,
    /// Lasten equal to the SPUK passed on (`inburgeringsvoorzieningen = "spuk"`).
    Inburgeringsvoorzieningen,
    /// Lasten of one onderdeel from the route costs; holds the whole id
    /// (`voorziening_<onderdeel>`), see [`PostId::onderdeel`].
    Voorziening(Arc<str>),
    /// Toevoeging aan de bestemmingsreserve (lasten).
    ToevoegingReserve,
    /// Onttrekking aan de bestemmingsreserve (baten).
    OnttrekkingReserve,
    /// A post of the regional formatie, or any other post the data names, by its id.
    Formatie(Arc<str>),
}

const VOORZIENING: &str = "voorziening_";

/// The ids of the engine's own posts (and the prefix of a route onderdeel's): a formatie post
/// may not take one ([`PostId::van`] would make it that post).
pub const VASTE_IDS: [&str; 8] = [
    "iu_uitvoering",
    "iu_invoering",
    "spuk",
    "spuk_onderwijsroute",
    "inburgeringsvoorzieningen",
    VOORZIENING,
    "toevoeging_reserve",
    "onttrekking_reserve",
];

impl PostId {
    /// The post with id `id`: an engine post's own case, else a voorziening onderdeel
    /// (`voorziening_*`), else a formatie post.
    pub fn van(id: &str) -> PostId {
        match id {
            "iu_uitvoering" => PostId::IuUitvoering,
            "iu_invoering" => PostId::IuInvoering,
            "spuk" => PostId::Spuk,
            "spuk_onderwijsroute" => PostId::SpukOnderwijsroute,
            "inburgeringsvoorzieningen" => PostId::Inburgeringsvoorzieningen,
            "toevoeging_reserve" => PostId::ToevoegingReserve,
            "onttrekking_reserve" => PostId::OnttrekkingReserve,
            _ if id.starts_with(VOORZIENING) => PostId::Voorziening(id.into()),
            _ => PostId::Formatie(id.into()),
        }
    }

    /// The post of an inburgeringsvoorziening onderdeel from the route costs (`b1`, `map`).
    pub fn voorziening(onderdeel: &str) -> PostId {
        PostId::Voorziening(format!("{VOORZIENING}{onderdeel}").into())
    }

    /// The id as files show it.
    pub fn as_str(&self) -> &str {
        match self {
            PostId::IuUitvoering => "iu_uitvoering",
            PostId::IuInvoering => "iu_invoering",
            PostId::Spuk => "spuk",
            PostId::SpukOnderwijsroute => "spuk_onderwijsroute",
            PostId::Inburgeringsvoorzieningen => "inburgeringsvoorzieningen",
            PostId::ToevoegingReserve => "toevoeging_reserve",
            PostId::OnttrekkingReserve => "onttrekking_reserve",
            PostId::Voorziening(id) | PostId::Formatie(id) => id,
        }
    }

    /// The onderdeel of an inburgeringsvoorziening post (`b1` of `voorziening_b1`).
    pub fn onderdeel(&self) -> Option<&str> {
        match self {
            PostId::Voorziening(id) => id.strip_prefix(VOORZIENING),
            _ => None,
        }
    }

    /// The onderdeel `uitvoerders.csv` names for this post's lasten: `b1` of `voorziening_b1`,
    /// else the id itself (`inburgeringsvoorzieningen`).
    pub fn uitvoering_onderdeel(&self) -> &str {
        self.onderdeel().unwrap_or(self.as_str())
    }

    /// One of the integratie-uitkering's posts.
    pub fn is_iu(&self) -> bool {
        matches!(self, PostId::IuUitvoering | PostId::IuInvoering)
    }

    /// One of the SPUK baten posts.
    pub fn is_spuk(&self) -> bool {
        matches!(self, PostId::Spuk | PostId::SpukOnderwijsroute)
    }

    /// The lasten of the inburgeringsvoorzieningen: the SPUK passed on or a route onderdeel.
    pub fn is_voorziening(&self) -> bool {
        matches!(
            self,
            PostId::Inburgeringsvoorzieningen | PostId::Voorziening(_)
        )
    }

    /// One of the bestemmingsreserve's posts.
    pub fn is_reserve(&self) -> bool {
        matches!(self, PostId::ToevoegingReserve | PostId::OnttrekkingReserve)
    }
}

impl PartialEq for PostId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PostId {}

impl Hash for PostId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for PostId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PostId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for PostId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for PostId {
    fn from(id: &str) -> PostId {
        PostId::van(id)
    }
}

impl AsRef<str> for PostId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_read_back_is_the_same_case_and_text() {
        for id in [
            "iu_uitvoering",
            "iu_invoering",
            "spuk",
            "spuk_onderwijsroute",
            "inburgeringsvoorzieningen",
            "toevoeging_reserve",
            "onttrekking_reserve",
            "voorziening_b1",
            "procesregie",
        ] {
            let p = PostId::van(id);
            assert_eq!(p.as_str(), id);
            assert_eq!(PostId::van(p.as_str()), p);
        }
        assert_eq!(PostId::van("spuk"), PostId::Spuk);
        assert_eq!(PostId::voorziening("map"), PostId::van("voorziening_map"));
        assert_eq!(PostId::van("voorziening_map").onderdeel(), Some("map"));
        assert!(matches!(PostId::van("procesregie"), PostId::Formatie(_)));
        assert_eq!(PostId::Spuk.onderdeel(), None);
    }

    #[test]
    fn the_fixed_ids_are_the_engine_posts_and_the_template_names_them() {
        for id in VASTE_IDS {
            let p = PostId::van(&format!(
                "{id}{}",
                if id == VOORZIENING { "b1" } else { "" }
            ));
            assert!(!matches!(p, PostId::Formatie(_)), "{id}");
        }
        // The formatie table's error text, template explanation and README note name every
        // fixed id.
        let f = &crate::invoer::schema::FORMATIE;
        let post = f.kolom("post").expect("column post");
        for tekst in [post.verwacht, post.betekenis, f.noot] {
            for id in VASTE_IDS {
                let id = id.trim_end_matches('_');
                assert!(tekst.contains(id), "{id} ontbreekt in: {tekst}");
            }
        }
    }

    #[test]
    fn order_and_equality_are_those_of_the_id_text() {
        // A formatie post that happens to carry an engine id is that post, as it was as text.
        assert_eq!(PostId::Formatie("spuk".into()), PostId::Spuk);
        let mut v = [
            PostId::Spuk,
            PostId::van("beleid"),
            PostId::IuUitvoering,
            PostId::voorziening("z"),
        ];
        v.sort();
        let ids: Vec<&str> = v.iter().map(PostId::as_str).collect();
        assert_eq!(ids, ["beleid", "iu_uitvoering", "spuk", "voorziening_z"]);
    }
}
