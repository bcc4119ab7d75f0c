//! Writing output safely: a folder or file appears whole or not at all, a failed run leaves no
//! temporary or old copy behind, a run killed half-way (SIGKILL, power cut) leaves leftovers the
//! next run into the same target recognises and removes, and a folder raming did not make is
//! never replaced.
//!
//! Names beside the target `<naam>`: `.<naam>.tmp-<pid>` (the new folder or file being written)
//! and `.<naam>.oud-<pid>` (the previous folder, moved aside just before it is deleted); inside a
//! folder written in place: `.raming.tmp-<pid>`. A folder of ours carries the marker
//! [`MARKERING`]; while a run writes a temporary folder or file it holds an advisory lock on its
//! marker (on the file itself for a single file). A leftover whose lock is free belongs to no
//! running process and is removed; one that is locked belongs to a concurrent run and is left
//! alone. A leftover without marker is only removed when it is empty and its process is gone.
//!
//! The target is resolved first: `--uit` through a symbolic link writes into the link's target
//! and keeps the link; a dangling link is refused with a Dutch message.

use crate::fout::{Fout, Resultaat};
use std::collections::{BTreeSet, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Name of the marker file in every folder raming writes: an existing folder is only replaced
/// when it carries this marker (or is empty), so `--uit` can never wipe a user's own folder.
pub const MARKERING: &str = ".raming";

const MARKERING_TEKST: &str =
    "Uitvoermap van raming; wordt bij een volgende run in zijn geheel vervangen.\n";

/// Writes `bestanden` (paths relative to the folder, `/`-separated) as the folder `doel`,
/// replacing it as a whole.
///
/// * `doel` does not exist: everything is written into `.<naam>.tmp-<pid>` beside it and that
///   folder is renamed into place (atomic).
/// * `doel` is raming's own (marker) or empty: the new folder is written beside it, the old one
///   is renamed to `.<naam>.oud-<pid>`, the new one into place, then the old one is deleted
///   (made writable first if it was read-only). Should the second rename fail, the old folder is
///   put back.
/// * `doel` is the current directory (or one of its parents, e.g. `--uit .`), or a mount point:
///   it cannot be renamed, so the files are written into it instead (see [`ter_plaatse`]).
/// * Anything else (a file, a folder of the user's own) is refused and nothing is written.
///
/// On every error path the temporary folder is removed (also when rendering panicked: the
/// temporary folder is a `tempfile::TempDir`, removed when dropped).
pub fn schrijf_map(doel: &Path, bestanden: &[(String, Vec<u8>)]) -> Resultaat<()> {
    schrijf_map_met(doel, |o| {
        bestanden
            .iter()
            .try_for_each(|(n, inhoud)| o.neem(n, inhoud))
    })
    .map(|_| ())
}

/// Receives the files of an output folder as each is rendered (from several threads at once), so
/// that a national run never holds all its output in memory: [`schrijf_map_met`] writes each
/// straight into the temporary folder. Names are relative, `/`-separated, each used once.
pub trait Ontvanger: Sync {
    /// Takes one whole file.
    fn neem(&self, naam: &str, inhoud: &[u8]) -> Resultaat<()>;

    /// Takes one file that `schrijf` writes straight into it (a CSV of a million ledger lines
    /// never exists in memory whole).
    fn neem_stroom(
        &self,
        naam: &str,
        schrijf: &mut dyn FnMut(&mut (dyn Write + Send)) -> Resultaat<()>,
    ) -> Resultaat<()> {
        let mut inhoud = Vec::new();
        schrijf(&mut inhoud)?;
        self.neem(naam, &inhoud)
    }
}

/// As [`schrijf_map`], with the files handed over by `vul` as they are made (see
/// [`Ontvanger`]); the folder still appears whole or not at all: whatever `vul` or a write
/// fails on, the temporary folder is removed and the target left as it was. Returns the number
/// of files written.
pub fn schrijf_map_met(
    doel: &Path,
    vul: impl FnOnce(&dyn Ontvanger) -> Resultaat<()>,
) -> Resultaat<usize> {
    let weergave = doel;
    let doel = echt_doel(doel)?;
    let naam = bestandsnaam(&doel);
    let ouder = ouder_van(&doel);
    ruim_resten_op(
        &ouder,
        &[format!(".{naam}.tmp-"), format!(".{naam}.oud-")],
        true,
    );
    let bestaat = fs::symlink_metadata(&doel).is_ok();
    if bestaat {
        if doel.is_dir() {
            ruim_resten_op(&doel, &[format!("{MARKERING}.tmp-")], true);
        }
        let eigen = doel.join(MARKERING).is_file();
        if !doel.is_dir() || !(eigen || is_leeg(&doel)) {
            return Err(Fout::io(
                weergave,
                io::Error::other(
                    "bestaat al en is geen uitvoermap van raming (geen .raming-markering); \
                     kies een nieuwe of lege map, er is niets geschreven",
                ),
            ));
        }
        if is_werkmap(&doel) {
            return ter_plaatse(&doel, vul);
        }
    }
    let pid = std::process::id();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{naam}.tmp-{pid}"))
        .rand_bytes(0)
        .tempdir_in(&ouder)
        .map_err(|e| schrijffout(&ouder, e))?;
    let (slot, namen) = vul_map(tmp.path(), &doel, vul)?;
    if !bestaat {
        fs::rename(tmp.path(), &doel).map_err(|e| schrijffout(&doel, e))?;
        let _ = tmp.keep();
        drop(slot);
        return Ok(namen.len());
    }
    wissel(
        tmp,
        slot,
        &namen,
        &doel,
        &ouder.join(format!(".{naam}.oud-{pid}")),
    )
}

/// Puts the filled temporary folder `tmp` in the place of the existing output folder `doel`:
/// the old folder is moved aside to `oud`, the new one renamed into place and the old one
/// removed. A folder that cannot be moved (a mount point) is written into instead.
fn wissel(
    tmp: tempfile::TempDir,
    slot: File,
    namen: &[String],
    doel: &Path,
    oud: &Path,
) -> Resultaat<usize> {
    let _ = verwijder(oud);
    // Hold the old folder's marker while it is moved aside, so that a concurrent run does not
    // take it for a leftover.
    let oud_slot = File::open(doel.join(MARKERING))
        .ok()
        .filter(|f| f.try_lock().is_ok());
    if let Err(e) = fs::rename(doel, oud) {
        if e.kind() == io::ErrorKind::ResourceBusy {
            // A mount point (or a folder in use that cannot be moved): write into it instead,
            // copying the files already made (the mount may be another file system).
            let n = ter_plaatse(doel, |o| kopieer(tmp.path(), namen, o));
            drop(slot);
            drop(tmp);
            return n;
        }
        return Err(schrijffout(doel, e));
    }
    if let Err(e) = fs::rename(tmp.path(), doel) {
        let _ = fs::rename(oud, doel);
        return Err(schrijffout(doel, e));
    }
    let _ = tmp.keep();
    drop(slot);
    let weg = verwijder(oud);
    drop(oud_slot);
    weg.map(|_| namen.len()).map_err(|e| {
        Fout::io(
            oud,
            io::Error::new(
                e.kind(),
                format!(
                    "de nieuwe uitvoer staat in {}, maar de vorige uitvoer kon niet worden \
                     verwijderd: {} ({e}); verwijder deze map zelf",
                    doel.display(),
                    uitleg(&e)
                ),
            ),
        )
    })
}

/// Writes the files into the existing folder `doel` (the current directory, a mount point), which
/// is empty or raming's own. A folder in use cannot be swapped as a whole, so "nothing
/// half-written" holds per file, and as well as it can for the folder:
/// 1. every file is first written completely into `doel/.raming.tmp-<pid>` (a full disk or any
///    other error stops here: the staging folder is removed and `doel` is untouched);
/// 2. the marker is put in `doel`, so that from here on the folder is recognisably raming's;
/// 3. each file is renamed into place (one atomic rename per file; renames need no disk space);
/// 4. whatever else was in the folder (files of the previous run that this run does not write) is
///    deleted, and the staging folder is removed.
///
/// A run killed during step 3 or 4 leaves a folder with the marker in which every file is whole,
/// old or new; the next run replaces it and removes the staging folder.
fn ter_plaatse(doel: &Path, vul: impl FnOnce(&dyn Ontvanger) -> Resultaat<()>) -> Resultaat<usize> {
    let staging = tempfile::Builder::new()
        .prefix(&format!("{MARKERING}.tmp-{}", std::process::id()))
        .rand_bytes(0)
        .tempdir_in(doel)
        .map_err(|e| schrijffout(doel, e))?;
    let (slot, namen) = vul_map(staging.path(), doel, vul)?;
    let marker = doel.join(MARKERING);
    if !marker.is_file() {
        fs::write(&marker, MARKERING_TEKST).map_err(|e| schrijffout(&marker, e))?;
    }
    let mut houd_bestanden: HashSet<PathBuf> = HashSet::new();
    let mut houd_mappen: HashSet<PathBuf> = HashSet::new();
    for bestand in &namen {
        let rel = PathBuf::from(bestand);
        let van = staging.path().join(&rel);
        let naar = doel.join(&rel);
        if let Some(map) = naar.parent() {
            fs::create_dir_all(map).map_err(|e| schrijffout(map, e))?;
        }
        if fs::symlink_metadata(&naar).is_ok_and(|m| m.is_dir()) {
            verwijder(&naar).map_err(|e| schrijffout(&naar, e))?;
        }
        fs::rename(&van, &naar).map_err(|e| schrijffout(&naar, e))?;
        let mut a = rel.parent();
        while let Some(m) = a.filter(|m| !m.as_os_str().is_empty()) {
            houd_mappen.insert(m.to_path_buf());
            a = m.parent();
        }
        houd_bestanden.insert(rel);
    }
    veeg(doel, Path::new(""), &houd_bestanden, &houd_mappen)?;
    drop(slot);
    staging.close().map_err(|e| schrijffout(doel, e))?;
    Ok(namen.len())
}

/// Hands the files `namen` of the folder `map` to `o`, one at a time.
fn kopieer(map: &Path, namen: &[String], o: &dyn Ontvanger) -> Resultaat<()> {
    for n in namen {
        let p = map.join(n);
        o.neem(n, &fs::read(&p).map_err(|e| Fout::io(&p, e))?)?;
    }
    Ok(())
}

/// Deletes everything under `map` (at `rel` inside the output folder) that this run did not
/// write, except the marker and the staging folders of running processes.
fn veeg(
    map: &Path,
    rel: &Path,
    bestanden: &HashSet<PathBuf>,
    mappen: &HashSet<PathBuf>,
) -> Resultaat<()> {
    let lijst = fs::read_dir(map).map_err(|e| schrijffout(map, e))?;
    for item in lijst.flatten() {
        let naam = item.file_name();
        let naam_tekst = naam.to_string_lossy();
        if rel.as_os_str().is_empty()
            && (naam_tekst == MARKERING || naam_tekst.starts_with(&format!("{MARKERING}.tmp-")))
        {
            continue;
        }
        let r = rel.join(&naam);
        let pad = item.path();
        let is_map = fs::symlink_metadata(&pad).is_ok_and(|m| m.is_dir());
        if bestanden.contains(&r) && !is_map {
            continue;
        }
        if mappen.contains(&r) && is_map {
            veeg(&pad, &r, bestanden, mappen)?;
            continue;
        }
        verwijder(&pad).map_err(|e| schrijffout(&pad, e))?;
    }
    Ok(())
}

/// Writes one file atomically: to `.<naam>.tmp-<pid>` beside it, then renamed into place. The
/// temporary file is removed on every error path (a full disk included). Through a symbolic link
/// the link's target is written and the link kept.
pub fn schrijf_bestand(doel: &Path, inhoud: &[u8]) -> Resultaat<()> {
    let doel = echt_doel(doel)?;
    let naam = bestandsnaam(&doel);
    let ouder = ouder_van(&doel);
    ruim_resten_op(&ouder, &[format!(".{naam}.tmp-")], false);
    let mut b = tempfile::Builder::new();
    let prefix = format!(".{naam}.tmp-{}", std::process::id());
    b.prefix(&prefix).rand_bytes(0);
    #[cfg(unix)]
    {
        // As `fs::write` would create it (0666 minus the umask), not tempfile's private 0600.
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = b.tempfile_in(&ouder).map_err(|e| schrijffout(&ouder, e))?;
    let _ = tmp.as_file().try_lock();
    tmp.as_file_mut()
        .write_all(inhoud)
        .map_err(|e| schrijffout(&doel, e))?;
    tmp.persist(&doel)
        .map_err(|e| schrijffout(&doel, e.error))?;
    Ok(())
}

/// Creates the marker (locked for as long as the returned handle lives) and lets `vul` write
/// every file into the folder `map`. Returns the names written, sorted.
fn vul_map(
    map: &Path,
    doel: &Path,
    vul: impl FnOnce(&dyn Ontvanger) -> Resultaat<()>,
) -> Resultaat<(File, Vec<String>)> {
    let m = map.join(MARKERING);
    let mut slot = File::create(&m).map_err(|e| schrijffout(doel, e))?;
    // Advisory only; a file system without locks still gets the output.
    let _ = slot.try_lock();
    slot.write_all(MARKERING_TEKST.as_bytes())
        .map_err(|e| schrijffout(doel, e))?;
    let o = Map {
        map,
        doel,
        namen: Mutex::new(BTreeSet::new()),
    };
    vul(&o)?;
    let namen = o.namen.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok((slot, namen.into_iter().collect()))
}

/// The temporary folder being filled. Errors name the file as it would have been in `doel`,
/// not the hidden temporary folder (which is gone by the time the message is read).
struct Map<'a> {
    map: &'a Path,
    doel: &'a Path,
    /// The names taken so far: a second file under one name is refused, not silently lost.
    namen: Mutex<BTreeSet<String>>,
}

impl Map<'_> {
    /// Checks and records `naam`; returns where it goes, its folder made.
    fn plek(&self, naam: &str) -> Resultaat<PathBuf> {
        let p = Path::new(naam);
        let ongeldig = naam == MARKERING
            || p.is_absolute()
            || p.components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
        let mut namen = self.namen.lock().unwrap_or_else(|e| e.into_inner());
        if ongeldig || !namen.insert(naam.to_string()) {
            return Err(Fout::Tabel(format!(
                "bestandsnaam '{naam}' komt dubbel voor of is ongeldig; er is niets geschreven"
            )));
        }
        drop(namen);
        let p = self.map.join(naam);
        if let Some(d) = p.parent() {
            fs::create_dir_all(d).map_err(|e| schrijffout(&self.doel.join(naam), e))?;
        }
        Ok(p)
    }
}

impl Ontvanger for Map<'_> {
    fn neem(&self, naam: &str, inhoud: &[u8]) -> Resultaat<()> {
        let p = self.plek(naam)?;
        fs::write(&p, inhoud).map_err(|e| schrijffout(&self.doel.join(naam), e))
    }

    fn neem_stroom(
        &self,
        naam: &str,
        schrijf: &mut dyn FnMut(&mut (dyn Write + Send)) -> Resultaat<()>,
    ) -> Resultaat<()> {
        let p = self.plek(naam)?;
        let fout = |e| schrijffout(&self.doel.join(naam), e);
        let f = File::create(&p).map_err(fout)?;
        let mut w = Bewaakt {
            w: io::BufWriter::with_capacity(1 << 16, f),
            fout: None,
        };
        let r = schrijf(&mut w).and_then(|()| w.flush().map_err(fout));
        // A failed write (a full disk) is reported as that, not as the renderer's own error.
        match w.fout.take() {
            Some(e) => Err(fout(e)),
            None => r,
        }
    }
}

/// A writer that keeps the first I/O error it passed on.
struct Bewaakt<W> {
    w: W,
    fout: Option<io::Error>,
}

impl<W: Write> Bewaakt<W> {
    fn houd(&mut self, e: io::Error) -> io::Error {
        let kopie = io::Error::new(e.kind(), e.to_string());
        self.fout.get_or_insert(e);
        kopie
    }
}

impl<W: Write> Write for Bewaakt<W> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.w.write(b).map_err(|e| self.houd(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush().map_err(|e| self.houd(e))
    }
}

/// The path actually written: through a symbolic link its target (the link stays a link), else
/// the path made absolute with its parent folder created. A dangling link is refused.
fn echt_doel(doel: &Path) -> Resultaat<PathBuf> {
    if fs::symlink_metadata(doel).is_ok_and(|m| m.file_type().is_symlink()) {
        return fs::canonicalize(doel).map_err(|_| {
            let naar = fs::read_link(doel)
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            Fout::io(
                doel,
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "is een symbolische koppeling naar '{naar}', maar dat bestaat niet; maak \
                         dat doel eerst aan of kies een andere uitvoer, er is niets geschreven"
                    ),
                ),
            )
        });
    }
    if doel.exists() {
        return fs::canonicalize(doel).map_err(|e| schrijffout(doel, e));
    }
    let ouder = doel
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(ouder).map_err(|e| schrijffout(ouder, e))?;
    let ouder = fs::canonicalize(ouder).map_err(|e| schrijffout(ouder, e))?;
    match doel.file_name() {
        Some(n) => Ok(ouder.join(n)),
        None => Ok(ouder),
    }
}

fn bestandsnaam(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".into())
}

fn ouder_van(p: &Path) -> PathBuf {
    p.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

fn is_leeg(map: &Path) -> bool {
    fs::read_dir(map)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

/// Whether `map` is the current directory or one of its parents: renaming it away would leave
/// this process (and a shell in that folder) in a deleted folder; `rename` onto `.` fails.
fn is_werkmap(map: &Path) -> bool {
    std::env::current_dir()
        .and_then(fs::canonicalize)
        .is_ok_and(|w| w.starts_with(map))
}

/// Removes leftovers of killed runs in `map`: folders (`mappen`) or files named
/// `<voorvoegsel><pid>` whose lock is free (see the module documentation). Best effort: what
/// cannot be removed stays.
fn ruim_resten_op(map: &Path, voorvoegsels: &[String], mappen: bool) {
    let Ok(lijst) = fs::read_dir(map) else {
        return;
    };
    for item in lijst.flatten() {
        let naam = item.file_name().to_string_lossy().into_owned();
        let Some(pid) = voorvoegsels.iter().find_map(|v| {
            naam.strip_prefix(v.as_str())
                .filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
        }) else {
            continue;
        };
        let pad = item.path();
        let Ok(meta) = fs::symlink_metadata(&pad) else {
            continue;
        };
        let verlaten = if meta.is_dir() && mappen {
            match File::open(pad.join(MARKERING)) {
                Ok(m) => m.try_lock().is_ok(),
                Err(_) => is_leeg(&pad) && !proces_leeft(pid),
            }
        } else if meta.is_file() && !mappen {
            File::open(&pad).is_ok_and(|f| f.try_lock().is_ok())
        } else {
            false
        };
        if verlaten {
            let _ = verwijder(&pad);
        }
    }
}

/// Whether a process with this id runs (Linux: `/proc/<pid>`); elsewhere assumed running, so an
/// unmarked leftover is kept rather than taken from a live run.
fn proces_leeft(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return false;
    }
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid).exists()
}

/// Removes a file or a folder tree; a read-only tree is made writable first. Gone already is fine.
fn verwijder(pad: &Path) -> io::Result<()> {
    let poging = || match fs::symlink_metadata(pad) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(pad),
        Ok(_) => fs::remove_file(pad),
        Err(e) => Err(e),
    };
    match poging() {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            maak_schrijfbaar(pad);
            match poging() {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                r => r,
            }
        }
    }
}

/// Gives the owner write (and search) permission on every folder of a tree, so its entries can
/// be deleted. Symbolic links are not followed.
fn maak_schrijfbaar(pad: &Path) {
    let Ok(meta) = fs::symlink_metadata(pad) else {
        return;
    };
    if !meta.is_dir() {
        return;
    }
    let mut rechten = meta.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        rechten.set_mode(rechten.mode() | 0o700);
    }
    #[cfg(not(unix))]
    #[allow(clippy::permissions_set_readonly_false)]
    rechten.set_readonly(false);
    let _ = fs::set_permissions(pad, rechten);
    if let Ok(lijst) = fs::read_dir(pad) {
        for item in lijst.flatten() {
            maak_schrijfbaar(&item.path());
        }
    }
}

/// A write error with the reason in Dutch and the system's own words behind it.
fn schrijffout(pad: &Path, e: io::Error) -> Fout {
    let tekst = format!("kan niet schrijven: {} ({e})", uitleg(&e));
    Fout::io(pad, io::Error::new(e.kind(), tekst))
}

fn uitleg(e: &io::Error) -> &'static str {
    use io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "de schijf is vol",
        K::QuotaExceeded => "het schijfquotum is bereikt",
        K::PermissionDenied => "geen toestemming",
        K::ReadOnlyFilesystem => "het bestandssysteem is alleen-lezen",
        K::NotFound => "de map bestaat niet",
        K::ResourceBusy => "de map is in gebruik",
        K::InvalidFilename => "de naam is te lang of ongeldig",
        K::NotADirectory => "een deel van het pad is een bestand, geen map",
        K::IsADirectory => "er staat een map met die naam",
        K::DirectoryNotEmpty => "de map is niet leeg",
        K::AlreadyExists => "er staat al iets met die naam",
        K::FileTooLarge => "het bestand is te groot",
        K::CrossesDevices => "het doel ligt op een andere schijf",
        _ => "schrijven mislukt",
    }
}
