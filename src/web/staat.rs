//! The server's state: the project folder (`--map`), the access rules and a cache of computed
//! scenarios (recomputed when a scenario, a parent or a data file changes).

use crate::Run;
use crate::fout::Resultaat;
use crate::web::veiligheid::{WebFout, geldige_naam};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Instellingen {
    /// The project folder: `scenarios/` and the data folders the scenarios name.
    pub map: PathBuf,
    /// The port the server listens on (for the Host check).
    pub poort: u16,
    /// Required on every request when set (cookie, `Authorization: Bearer` or `?token=`).
    pub token: Option<String>,
    /// Host names besides localhost, 127.0.0.1 and [::1] that may address the server.
    pub hosts: Vec<String>,
}

pub struct Binnen {
    pub map: PathBuf,
    pub scenarios: PathBuf,
    pub poort: u16,
    pub token: Option<String>,
    pub hosts: Vec<String>,
    cache: Mutex<HashMap<String, Bewaard>>,
}

/// The server state shared by every request.
#[derive(Clone)]
pub struct Staat(pub Arc<Binnen>);

impl std::ops::Deref for Staat {
    type Target = Binnen;
    fn deref(&self) -> &Binnen {
        &self.0
    }
}

/// A file's modification time and size: a cached run is reused while all of its input files
/// keep theirs.
type Stempel = (PathBuf, Option<(SystemTime, u64)>);

/// A computed scenario with the stamps of its input files.
type Bewaard = (Vec<Stempel>, Arc<Run>);

fn stempel(p: &Path) -> Stempel {
    let m = std::fs::metadata(p)
        .ok()
        .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
    (p.to_path_buf(), m)
}

/// Every input file of a run, stamped.
fn stempels(run: &Run) -> Vec<Stempel> {
    let mut paden = vec![run.scenario.pad.clone()];
    paden.extend(run.scenario.ouders.iter().cloned());
    if run.scenario.data.is_dir() {
        if let Ok(rd) = std::fs::read_dir(&run.scenario.data) {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            paden.extend(v);
        }
    } else {
        paden.push(run.scenario.data.clone());
    }
    paden.iter().map(|p| stempel(p)).collect()
}

impl Staat {
    pub fn nieuw(i: Instellingen) -> std::io::Result<Staat> {
        let map = std::fs::canonicalize(&i.map)?;
        let scenarios = map.join("scenarios");
        Ok(Staat(Arc::new(Binnen {
            map,
            scenarios,
            poort: i.poort,
            token: i.token,
            hosts: i.hosts,
            cache: Mutex::new(HashMap::new()),
        })))
    }

    /// The scenario file of a name from the browser: only `[A-Za-z0-9_-]` names, a regular
    /// file directly in `scenarios/` (a symbolic link only when it stays inside the map).
    pub fn scenario_pad(&self, naam: &str) -> Result<PathBuf, WebFout> {
        if !geldige_naam(naam) {
            return Err(WebFout::niet_gevonden(format!(
                "scenario ‘{}’ bestaat niet",
                naam.chars().take(60).collect::<String>()
            )));
        }
        let pad = self.scenarios.join(format!("{naam}.toml"));
        let binnen = std::fs::canonicalize(&pad)
            .map(|c| c.starts_with(&self.map) && c.is_file())
            .unwrap_or(false);
        if !binnen {
            return Err(WebFout::niet_gevonden(format!(
                "scenario ‘{naam}’ bestaat niet in {}",
                self.scenarios.display()
            )));
        }
        Ok(pad)
    }

    /// The names of the scenarios in `scenarios/`, sorted.
    pub fn scenarionamen(&self) -> Vec<String> {
        let Ok(rd) = std::fs::read_dir(&self.scenarios) else {
            return Vec::new();
        };
        let mut namen: Vec<String> = rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                let naam = n.strip_suffix(".toml")?.to_string();
                self.scenario_pad(&naam).ok().map(|_| naam)
            })
            .collect();
        namen.sort();
        namen
    }

    /// A scenario computed (from the cache while its input files are unchanged).
    pub fn run(&self, naam: &str) -> Result<Arc<Run>, WebFout> {
        let pad = self.scenario_pad(naam)?;
        if let Some((s, r)) = self.cache.lock().ok().and_then(|c| c.get(naam).cloned())
            && s.iter().all(|(p, m)| stempel(p).1 == *m)
        {
            return Ok(r);
        }
        let run = Arc::new(crate::draai(&pad).map_err(WebFout::invoer)?);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(naam.to_string(), (stempels(&run), run.clone()));
        }
        Ok(run)
    }

    /// A what-if child of `ouder` as text, computed as if it were `scenarios/<naam>.toml`.
    pub fn run_tekst(&self, naam: &str, tekst: &str) -> Resultaat<Run> {
        crate::draai::draai_tekst(&self.scenarios.join(format!("{naam}.toml")), tekst)
    }
}
