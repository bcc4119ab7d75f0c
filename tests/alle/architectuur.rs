//! The layering of ARCHITECTURE.md, checked on the source: dependencies between the top-level
//! modules of `src/` point one way (no cycles), the core names no edge, the report layer names
//! no renderer and no input reader.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The edges: everything else in `src/` is core (pure domain types and rules).
const RAND: [&str; 6] = ["invoer", "rapport", "uitvoer", "web", "opdracht", "draai"];

/// Per top-level module the other top-level modules its non-test code names (`crate::x`).
fn afhankelijkheden() -> BTreeMap<String, BTreeSet<String>> {
    fn lees(map: &Path, uit: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(map).expect("src readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                lees(&p, uit);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix("src").expect("under src").to_path_buf();
                let top = rel.iter().next().expect("a component").to_string_lossy();
                let top = top.trim_end_matches(".rs").to_string();
                let tekst = std::fs::read_to_string(&p).expect("readable");
                // Code only: a comment (a doc link) is no dependency.
                let code = tekst
                    .split("#[cfg(test)]\nmod tests")
                    .next()
                    .unwrap_or_default()
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                uit.push((top, code));
            }
        }
    }
    let mut bestanden = Vec::new();
    lees(Path::new("src"), &mut bestanden);
    let modules: BTreeSet<String> = bestanden
        .iter()
        .map(|(m, _)| m.clone())
        .filter(|m| m != "main" && m != "lib")
        .collect();
    // What `lib.rs` re-exports at the crate root (`crate::Run`) counts for its module.
    let lib = std::fs::read_to_string("src/lib.rs").expect("lib.rs readable");
    let mut herexport: BTreeMap<String, String> = BTreeMap::new();
    for regel in lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub use "))
    {
        let (module, namen) = regel.split_once("::").unwrap_or((regel, ""));
        for n in namen.trim_matches(|c| "{};".contains(c)).split(',') {
            herexport.insert(n.trim().to_string(), module.to_string());
        }
    }
    let mut graaf: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, code) in bestanden.iter().filter(|(m, _)| modules.contains(m)) {
        let deps = graaf.entry(m.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            // `crate::x::…` or `use crate::{x, y::…}`.
            let namen: Vec<&str> = match rest.strip_prefix('{') {
                Some(groep) => groep
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|x| x.trim().split("::").next().unwrap_or_default())
                    .collect(),
                None => vec![
                    rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or_default(),
                ],
            };
            for n in namen {
                let n = herexport.get(n).map(String::as_str).unwrap_or(n);
                if n != m && modules.contains(n) {
                    deps.insert(n.to_string());
                }
            }
        }
    }
    graaf
}

#[test]
fn no_cycles_between_top_level_modules() {
    let graaf = afhankelijkheden();
    assert!(graaf.len() > 25, "modules found: {:?}", graaf.keys());
    // Depth-first search; a module met again while on the path closes a cycle.
    fn bezoek(
        m: &str,
        graaf: &BTreeMap<String, BTreeSet<String>>,
        pad: &mut Vec<String>,
        klaar: &mut BTreeSet<String>,
    ) {
        if klaar.contains(m) {
            return;
        }
        if let Some(i) = pad.iter().position(|x| x == m) {
            panic!("cycle: {} → {m}", pad[i..].join(" → "));
        }
        pad.push(m.to_string());
        for d in graaf.get(m).into_iter().flatten() {
            bezoek(d, graaf, pad, klaar);
        }
        pad.pop();
        klaar.insert(m.to_string());
    }
    let mut klaar = BTreeSet::new();
    for m in graaf.keys() {
        bezoek(m, &graaf, &mut Vec::new(), &mut klaar);
    }
}

#[test]
fn the_core_names_no_edge_and_the_report_layer_no_renderer() {
    let graaf = afhankelijkheden();
    for (m, deps) in &graaf {
        let verboden: Vec<&str> = if RAND.contains(&m.as_str()) {
            match m.as_str() {
                "rapport" | "invoer" => RAND.to_vec(),
                "uitvoer" => vec!["web", "opdracht", "draai"],
                "web" => vec!["opdracht"],
                _ => vec![],
            }
        } else {
            RAND.to_vec()
        };
        let fout: Vec<&String> = deps
            .iter()
            .filter(|d| verboden.contains(&d.as_str()))
            .collect();
        assert!(fout.is_empty(), "{m} names {fout:?}");
    }
    // The check sees real dependencies, also through a re-export at the crate root.
    assert!(graaf["draai"].contains("berekening"));
    assert!(graaf["uitvoer"].contains("rapport") && graaf["web"].contains("rapport"));
}
