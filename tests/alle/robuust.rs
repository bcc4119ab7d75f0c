//! Hard to break (issue 16 items 2, 4, 5, 6), through the real binary where it matters: no
//! temporary or old copy survives a run, leftovers of a killed run are removed by the next one,
//! `--uit .` and an existing empty folder work, `--uit` through a symbolic link writes into its
//! target, chart file names are unique per group, and control characters from input never reach
//! the terminal raw.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Opzet {
    _tmp: tempfile::TempDir,
    map: PathBuf,
}

impl Opzet {
    /// A copy of the default data (years 2022–2024, to keep runs short) with a scenario.
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let map = tmp.path().to_path_buf();
        fs::create_dir_all(map.join("data")).unwrap();
        for e in fs::read_dir("data/drechtsteden").unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), map.join("data").join(e.file_name())).unwrap();
        }
        let o = Opzet { _tmp: tmp, map };
        o.scenario("s");
        o
    }
    fn scenario(&self, naam: &str) -> PathBuf {
        let p = self.map.join(format!("{naam}.toml"));
        fs::write(
            &p,
            format!(
                "naam = \"{naam}\"\nomschrijving = \"test\"\ndata = \"data\"\njaren = [2022, 2024]\n[instroom]\ngroei = 0\n"
            ),
        )
        .unwrap();
        p
    }
    fn bestand(&self, naam: &str) -> PathBuf {
        self.map.join("data").join(naam)
    }
    fn vervang(&self, naam: &str, van: &str, naar: &str) {
        let p = self.bestand(naam);
        let t = fs::read_to_string(&p).unwrap();
        assert!(t.contains(van), "{van} niet in {naam}");
        fs::write(&p, t.replacen(van, naar, 1)).unwrap();
    }
    fn voeg_toe(&self, naam: &str, regels: &str) {
        let p = self.bestand(naam);
        let mut t = fs::read_to_string(&p).unwrap();
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t.push_str(regels);
        fs::write(&p, t).unwrap();
    }
    fn raming(&self, werkmap: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_raming"))
            .args(args)
            .current_dir(werkmap)
            .output()
            .unwrap()
    }
    /// `raming bereken s.toml --uit <uit>` run from the test's folder.
    fn bereken(&self, uit: &str, extra: &[&str]) -> Output {
        let s = self.map.join("s.toml");
        let mut args = vec!["bereken", s.to_str().unwrap(), "--uit", uit];
        args.extend(extra);
        self.raming(&self.map, &args)
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn gelukt(o: &Output) {
    assert!(o.status.success(), "stderr: {}", stderr(o));
}

/// Names in `map` that look like raming's temporary or old copies.
fn resten(map: &Path) -> Vec<String> {
    fs::read_dir(map)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".oud-"))
        .collect()
}

/// Every file under `map` (recursively), the marker excepted.
fn bestanden(map: &Path) -> Vec<PathBuf> {
    let mut uit = Vec::new();
    for e in fs::read_dir(map).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            uit.extend(bestanden(&p));
        } else if e.file_name() != ".raming" {
            uit.push(p);
        }
    }
    uit
}

/// The count in "Geschreven: uit/ (N bestanden)".
fn geschreven_aantal(o: &Output) -> usize {
    let t = stdout(o);
    let regel = t
        .lines()
        .find(|r| r.starts_with("Geschreven:"))
        .unwrap_or_else(|| panic!("geen Geschreven-regel in: {t}"));
    let na = regel.rsplit('(').next().unwrap();
    na.split_whitespace().next().unwrap().parse().unwrap()
}

fn maak_markering(map: &Path) {
    fs::create_dir_all(map).unwrap();
    fs::write(map.join(".raming"), "Uitvoermap van raming\n").unwrap();
    fs::write(map.join("begroting.csv"), "half").unwrap();
}

// ---- 2. every failure path cleans up; leftovers of killed runs are removed ----

#[test]
fn leftovers_of_a_killed_run_are_removed_by_the_next_run() {
    let o = Opzet::new();
    // As a run killed with SIGKILL leaves them: a temporary folder being written and an old
    // folder being deleted, both with the marker, plus an empty one without.
    maak_markering(&o.map.join(".uit.tmp-99999"));
    maak_markering(&o.map.join(".uit.oud-99998"));
    fs::create_dir(o.map.join(".uit.tmp-99997")).unwrap();
    // A file write killed half-way.
    fs::write(o.map.join(".rapport.html.tmp-99996"), "<html").unwrap();
    // Not ours: no matching name, or no marker and not empty.
    fs::create_dir(o.map.join(".uit.tmp-eigen")).unwrap();
    fs::create_dir(o.map.join(".uit.tmp-99995")).unwrap();
    fs::write(o.map.join(".uit.tmp-99995/notities.txt"), "van mij").unwrap();
    gelukt(&o.bereken("uit", &["--geen-grafieken"]));
    assert!(o.map.join("uit/begroting.csv").is_file());
    let mut over = resten(&o.map);
    over.sort();
    assert_eq!(
        over,
        [
            ".rapport.html.tmp-99996",
            ".uit.tmp-99995",
            ".uit.tmp-eigen"
        ],
        "alleen resten van raming zelf worden opgeruimd"
    );
    // The file leftover goes with the next write of that file.
    let s = o.map.join("s.toml");
    let r = o.raming(
        &o.map,
        &[
            "rapport",
            s.to_str().unwrap(),
            "--uit",
            "rapport.html",
            "--datum",
            "2026-01-01",
        ],
    );
    gelukt(&r);
    assert!(!o.map.join(".rapport.html.tmp-99996").exists());
    assert!(o.map.join("rapport.html").is_file());
}

#[test]
fn a_leftover_of_a_running_process_is_left_alone() {
    let o = Opzet::new();
    let bezig = o.map.join(".uit.tmp-99999");
    maak_markering(&bezig);
    // A concurrent run holds the lock on its marker while it writes.
    let slot = fs::File::open(bezig.join(".raming")).unwrap();
    slot.lock().unwrap();
    gelukt(&o.bereken("uit", &["--geen-grafieken"]));
    assert!(
        bezig.join("begroting.csv").is_file(),
        "lopende run verstoord"
    );
    drop(slot);
    gelukt(&o.bereken("uit", &["--geen-grafieken"]));
    assert!(!bezig.exists(), "verlaten rest niet opgeruimd");
}

#[test]
fn a_failed_write_leaves_no_temporary_folder_and_keeps_the_old_output() {
    let o = Opzet::new();
    gelukt(&o.bereken("uit", &["--geen-grafieken"]));
    let voor = fs::read(o.map.join("uit/begroting.csv")).unwrap();
    // "a" as a file and as a folder: the second write fails half-way, like a full disk would.
    let fout = vec![
        ("a".to_string(), b"1".to_vec()),
        ("a/b.csv".to_string(), b"2".to_vec()),
    ];
    assert!(raming::uitvoer::schrijf_map(&o.map.join("uit"), &fout).is_err());
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    assert_eq!(fs::read(o.map.join("uit/begroting.csv")).unwrap(), voor);
    // Into a new folder: nothing at all.
    assert!(raming::uitvoer::schrijf_map(&o.map.join("nieuw"), &fout).is_err());
    assert!(!o.map.join("nieuw").exists());
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    // Two files under one name are refused before anything is written.
    let dubbel = vec![
        ("x.csv".to_string(), b"1".to_vec()),
        ("x.csv".to_string(), b"2".to_vec()),
    ];
    assert!(raming::uitvoer::schrijf_map(&o.map.join("nieuw"), &dubbel).is_err());
    assert!(!o.map.join("nieuw").exists());
}

/// Files are written into the temporary folder as they are rendered: a renderer that fails
/// after some files were written (or half-way through a streamed file) leaves the old output as
/// it was and no temporary folder; a stream that succeeds is the file, and the count is right.
#[test]
fn a_renderer_failing_after_some_files_leaves_the_old_output_whole() {
    use raming::fout::Fout;
    let gesorteerd = |m: &Path| {
        let mut b = bestanden(m);
        b.sort();
        b
    };
    let o = Opzet::new();
    gelukt(&o.bereken("uit", &["--geen-grafieken"]));
    let voor = gesorteerd(&o.map.join("uit"));
    let inhoud = fs::read(o.map.join("uit/begroting.csv")).unwrap();
    for na_stroom in [false, true] {
        let r = raming::uitvoer::schrijf_map_met(&o.map.join("uit"), |u| {
            u.neem("begroting.csv", b"nieuw")?;
            u.neem("extra/a.csv", b"1")?;
            if na_stroom {
                u.neem_stroom("b.csv", &mut |w| {
                    w.write_all(b"half")
                        .map_err(|e| Fout::Tabel(e.to_string()))?;
                    Err(Fout::Tabel("kapot halverwege".into()))
                })
            } else {
                Err(Fout::Tabel("kapot".into()))
            }
        });
        assert!(r.unwrap_err().to_string().contains("kapot"));
        assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
        assert_eq!(gesorteerd(&o.map.join("uit")), voor);
        assert_eq!(fs::read(o.map.join("uit/begroting.csv")).unwrap(), inhoud);
    }
    // A second file under a name already written is refused mid-way: nothing is written.
    let r = raming::uitvoer::schrijf_map_met(&o.map.join("nieuw"), |u| {
        u.neem("x.csv", b"1")?;
        u.neem("x.csv", b"2")
    });
    assert!(r.unwrap_err().to_string().contains("dubbel"));
    assert!(!o.map.join("nieuw").exists());
    // A stream that succeeds is the file.
    let n = raming::uitvoer::schrijf_map_met(&o.map.join("nieuw"), |u| {
        u.neem_stroom("s/t.csv", &mut |w| {
            w.write_all(b"a,b\r\n1,2\r\n")
                .map_err(|e| Fout::Tabel(e.to_string()))
        })?;
        u.neem("u.csv", b"u")
    })
    .unwrap();
    assert_eq!(n, 2);
    assert_eq!(
        fs::read(o.map.join("nieuw/s/t.csv")).unwrap(),
        b"a,b\r\n1,2\r\n"
    );
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
}

#[test]
fn a_failed_file_write_leaves_no_temporary_file() {
    let o = Opzet::new();
    // The target is a folder that is not empty: the final rename fails.
    fs::create_dir_all(o.map.join("r.html/iets")).unwrap();
    let e = raming::uitvoer::schrijf_bestand(&o.map.join("r.html"), b"<html>").unwrap_err();
    assert!(e.to_string().contains("kan niet schrijven"), "{e}");
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    // A missing parent folder is made; the file appears whole.
    raming::uitvoer::schrijf_bestand(&o.map.join("sub/r.html"), b"<html>").unwrap();
    assert_eq!(fs::read(o.map.join("sub/r.html")).unwrap(), b"<html>");
    assert!(resten(&o.map.join("sub")).is_empty());
}

#[cfg(unix)]
#[test]
fn a_read_only_previous_output_is_replaced_without_leftovers() {
    use std::os::unix::fs::PermissionsExt;
    fn alleen_lezen(p: &Path) {
        for e in fs::read_dir(p).unwrap().flatten() {
            if e.path().is_dir() {
                alleen_lezen(&e.path());
            } else {
                fs::set_permissions(e.path(), fs::Permissions::from_mode(0o444)).unwrap();
            }
        }
        fs::set_permissions(p, fs::Permissions::from_mode(0o555)).unwrap();
    }
    let o = Opzet::new();
    gelukt(&o.bereken("uit", &[]));
    alleen_lezen(&o.map.join("uit"));
    let r = o.bereken("uit", &["--geen-grafieken"]);
    gelukt(&r);
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    assert!(o.map.join("uit/begroting.csv").is_file());
    assert!(
        !o.map.join("uit/grafieken").exists(),
        "de vorige uitvoer is vervangen, niet aangevuld"
    );
}

#[test]
fn uit_dot_in_an_empty_folder_writes_into_it() {
    let o = Opzet::new();
    let hier = o.map.join("hier");
    fs::create_dir(&hier).unwrap();
    let s = o.map.join("s.toml");
    let r = o.raming(&hier, &["bereken", s.to_str().unwrap(), "--uit", "."]);
    gelukt(&r);
    assert!(hier.join("begroting.csv").is_file());
    assert!(hier.join(".raming").is_file());
    assert!(hier.join("grafieken").is_dir());
    assert_eq!(geschreven_aantal(&r), bestanden(&hier).len());
    assert!(resten(&hier).is_empty(), "{:?}", resten(&hier));
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    // Again, now raming's own folder: replaced as a whole (the charts are gone), still in place.
    let r = o.raming(
        &hier,
        &[
            "bereken",
            s.to_str().unwrap(),
            "--uit",
            ".",
            "--geen-grafieken",
        ],
    );
    gelukt(&r);
    assert!(!hier.join("grafieken").exists());
    assert_eq!(geschreven_aantal(&r), bestanden(&hier).len());
    assert!(resten(&hier).is_empty(), "{:?}", resten(&hier));
}

#[test]
fn uit_dot_in_a_folder_of_ones_own_is_refused() {
    let o = Opzet::new();
    let hier = o.map.join("hier");
    fs::create_dir(&hier).unwrap();
    fs::write(hier.join("notities.txt"), "van mij").unwrap();
    let s = o.map.join("s.toml");
    let r = o.raming(&hier, &["bereken", s.to_str().unwrap(), "--uit", "."]);
    assert_eq!(r.status.code(), Some(1));
    assert!(
        stderr(&r).contains("geen uitvoermap van raming"),
        "{}",
        stderr(&r)
    );
    let namen: Vec<_> = fs::read_dir(&hier).unwrap().flatten().collect();
    assert_eq!(namen.len(), 1, "er is iets geschreven");
}

#[test]
fn an_existing_empty_folder_is_used() {
    let o = Opzet::new();
    fs::create_dir(o.map.join("leeg")).unwrap();
    let r = o.bereken("leeg", &["--geen-grafieken"]);
    gelukt(&r);
    assert!(o.map.join("leeg/begroting.csv").is_file());
    assert_eq!(geschreven_aantal(&r), bestanden(&o.map.join("leeg")).len());
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
}

// ---- 4. --uit through a symbolic link ----

#[cfg(unix)]
#[test]
fn uit_through_a_symlink_writes_into_its_target() {
    let o = Opzet::new();
    fs::create_dir(o.map.join("echt")).unwrap();
    std::os::unix::fs::symlink("echt", o.map.join("koppeling")).unwrap();
    for _ in 0..2 {
        gelukt(&o.bereken("koppeling", &["--geen-grafieken"]));
        let m = fs::symlink_metadata(o.map.join("koppeling")).unwrap();
        assert!(m.file_type().is_symlink(), "de koppeling is vervangen");
        assert_eq!(
            fs::read_link(o.map.join("koppeling")).unwrap(),
            Path::new("echt")
        );
        assert!(o.map.join("echt/begroting.csv").is_file());
        assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    }
    // A single file through a link: the target is written, the link stays.
    fs::write(o.map.join("r_echt.html"), "").unwrap();
    std::os::unix::fs::symlink("r_echt.html", o.map.join("r.html")).unwrap();
    raming::uitvoer::schrijf_bestand(&o.map.join("r.html"), b"<html>").unwrap();
    assert!(
        fs::symlink_metadata(o.map.join("r.html"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(o.map.join("r_echt.html")).unwrap(), b"<html>");
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_refused_in_dutch() {
    let o = Opzet::new();
    std::os::unix::fs::symlink("bestaat_niet", o.map.join("koppeling")).unwrap();
    let r = o.bereken("koppeling", &["--geen-grafieken"]);
    assert_eq!(r.status.code(), Some(1));
    let e = stderr(&r);
    assert!(e.contains("symbolische koppeling"), "{e}");
    assert!(e.contains("bestaat niet"), "{e}");
    assert!(!e.contains("os error"), "ruwe systeemfout: {e}");
    assert!(
        fs::symlink_metadata(o.map.join("koppeling"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!o.map.join("bestaat_niet").exists());
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
}

// ---- 5. output file names unique per group ----

#[test]
fn colliding_group_names_give_numbered_charts_and_the_right_count() {
    let o = Opzet::new();
    o.voeg_toe(
        "groepen.csv",
        "Regio A,Dordrecht,\nRegio_A,Sliedrecht,\nREGIO A,Zwijndrecht,\n",
    );
    let r = o.bereken("uit", &[]);
    gelukt(&r);
    let g = o.map.join("uit/grafieken");
    for deel in ["regio_a", "regio_a_2", "regio_a_3"] {
        for ext in ["png", "svg"] {
            assert!(
                g.join(format!("opbouw_{deel}.{ext}")).is_file(),
                "{deel}.{ext}"
            );
        }
    }
    // In group order: the third group's chart carries its own title.
    let svg = fs::read_to_string(g.join("opbouw_regio_a_3.svg")).unwrap();
    assert!(svg.contains("REGIO A"));
    let e = stderr(&r);
    assert!(
        e.contains("let op:") && e.contains("'Regio_A' → regio_a_2"),
        "{e}"
    );
    assert_eq!(geschreven_aantal(&r), bestanden(&o.map.join("uit")).len());
}

#[test]
fn colliding_group_names_in_a_comparison() {
    let o = Opzet::new();
    o.voeg_toe(
        "groepen.csv",
        "Regio A,Dordrecht,\nregio-a,Sliedrecht,\nregio a,Zwijndrecht,\n",
    );
    let t = o.scenario("t");
    let s = o.map.join("s.toml");
    let r = o.raming(
        &o.map,
        &[
            "vergelijk",
            s.to_str().unwrap(),
            t.to_str().unwrap(),
            "--uit",
            "v",
        ],
    );
    gelukt(&r);
    let g = o.map.join("v/grafieken");
    // "regio-a" keeps its hyphen: a different name; the two others collide.
    for naam in [
        "saldo_scenarios_regio_a.svg",
        "saldo_scenarios_regio-a.svg",
        "saldo_scenarios_regio_a_2.svg",
    ] {
        assert!(g.join(naam).is_file(), "{naam}");
    }
    assert!(stderr(&r).contains("let op:"), "{}", stderr(&r));
}

#[test]
fn a_300_character_group_name_gives_a_short_file_name() {
    let o = Opzet::new();
    let lang = format!("Samenwerking {}", "Drechtsteden ".repeat(23));
    let lang = lang.trim();
    assert!(lang.chars().count() >= 300);
    let tweede = format!("{lang} bis");
    o.voeg_toe(
        "groepen.csv",
        &format!("{lang},Dordrecht,\n{tweede},Sliedrecht,\n"),
    );
    let r = o.bereken("uit", &[]);
    gelukt(&r);
    let files = bestanden(&o.map.join("uit"));
    assert_eq!(geschreven_aantal(&r), files.len());
    for f in &files {
        assert!(f.file_name().unwrap().len() <= 120, "{}", f.display());
    }
    // Both long names start alike: capped, they collide and are numbered.
    let opbouw: Vec<_> = files
        .iter()
        .filter_map(|f| f.file_name().unwrap().to_str())
        .filter(|n| n.starts_with("opbouw_samenwerking") && n.ends_with(".png"))
        .collect();
    assert_eq!(opbouw.len(), 2, "{opbouw:?}");
}

// ---- 6. control characters never reach the terminal raw ----

fn geen_ruwe_stuurtekens(o: &Output) {
    for (naam, t) in [("stdout", stdout(o)), ("stderr", stderr(o))] {
        let ruw: Vec<char> = t
            .chars()
            .filter(|c| {
                (c.is_control() && *c != '\n' && *c != '\t')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(ruw.is_empty(), "{naam} bevat ruwe stuurtekens {ruw:?}: {t}");
    }
}

#[test]
fn an_escape_in_a_gemeente_name_is_refused_with_file_row_and_column() {
    let o = Opzet::new();
    o.vervang(
        "gemeenten.csv",
        "GM0505,Dordrecht,",
        "GM0505,Dord\u{1b}]0;gehackt\u{7}\u{1b}[2Jrecht,",
    );
    let r = o.bereken("uit", &[]);
    assert_eq!(r.status.code(), Some(1));
    let e = stderr(&r);
    assert!(e.contains("gemeenten.csv, regel 3, kolom naam"), "{e}");
    assert!(e.contains("stuurteken (\\x1b)"), "{e}");
    geen_ruwe_stuurtekens(&r);
    assert!(!o.map.join("uit").exists());
    // The same through controleer.
    let s = o.map.join("s.toml");
    let c = o.raming(&o.map, &["controleer", s.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(1));
    geen_ruwe_stuurtekens(&c);
}

#[test]
fn bidi_and_c1_controls_in_names_and_sources_are_refused() {
    let o = Opzet::new();
    o.vervang("groepen.csv", "SDD,Dordrecht,", "SDD\u{202e},Dordrecht,");
    let r = o.bereken("uit", &[]);
    assert_eq!(r.status.code(), Some(1));
    assert!(stderr(&r).contains("\\u{202e}"), "{}", stderr(&r));
    geen_ruwe_stuurtekens(&r);

    let o = Opzet::new();
    let t = fs::read_to_string(o.bestand("gemeenten.csv")).unwrap();
    let regel = t.lines().nth(1).unwrap().to_string();
    o.vervang("gemeenten.csv", &regel, &format!("{regel} \u{9b}31m rood"));
    let r = o.bereken("uit", &[]);
    assert_eq!(r.status.code(), Some(1));
    let e = stderr(&r);
    assert!(e.contains("kolom bron") && e.contains("\\x9b"), "{e}");
    geen_ruwe_stuurtekens(&r);
}

#[test]
fn line_breaks_in_a_source_are_text_not_controls() {
    let o = Opzet::new();
    let t = fs::read_to_string(o.bestand("gemeenten.csv")).unwrap();
    let regel = t.lines().nth(1).unwrap().to_string();
    let (begin, _) = regel.rsplit_once(",").unwrap();
    o.vervang(
        "gemeenten.csv",
        &regel,
        &format!("{begin},\"eerste regel\r\ntweede\tregel\""),
    );
    gelukt(&o.bereken("uit", &["--geen-grafieken"]));
}

#[test]
fn control_characters_in_a_scenario_are_refused() {
    let o = Opzet::new();
    let p = o.map.join("s.toml");
    let t = fs::read_to_string(&p).unwrap();
    fs::write(&p, t.replace("naam = \"s\"", "naam = \"s\\u001b[31m\"")).unwrap();
    let r = o.bereken("uit", &[]);
    assert_eq!(r.status.code(), Some(1));
    let e = stderr(&r);
    assert!(e.contains("s.toml, regel 1, kolom naam"), "{e}");
    assert!(e.contains("\\x1b"), "{e}");
    geen_ruwe_stuurtekens(&r);
}

#[cfg(unix)]
#[test]
fn a_real_kill_leaves_old_or_new_output_and_the_next_run_cleans_up() {
    let o = Opzet::new();
    gelukt(&o.bereken("uit", &[]));
    let s = o.map.join("s.toml");
    for wacht in [20, 120, 300] {
        let mut kind = Command::new(env!("CARGO_BIN_EXE_raming"))
            .args(["bereken", s.to_str().unwrap(), "--uit", "uit"])
            .current_dir(&o.map)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wacht));
        let _ = kind.kill(); // SIGKILL
        let _ = kind.wait();
        // Whenever it died, a whole output folder is there (old or new).
        assert!(o.map.join("uit/begroting.csv").is_file(), "na {wacht} ms");
    }
    let r = o.bereken("uit", &[]);
    gelukt(&r);
    assert!(resten(&o.map).is_empty(), "{:?}", resten(&o.map));
    assert_eq!(geschreven_aantal(&r), bestanden(&o.map.join("uit")).len());
}

/// Issue 16 item 3: what `bereken` would fail on, `controleer` refuses first — a scenario text
/// longer than a spreadsheet cell (it goes into the Uitgangspunten sheet) and a name too long
/// for a folder.
#[test]
fn controleer_refuses_scenario_text_that_bereken_could_not_write() {
    let o = Opzet::new();
    let s = o.map.join("s.toml");
    let lang = "x".repeat(40_000);
    let t = fs::read_to_string(&s).unwrap();
    fs::write(
        &s,
        t.replace(
            "omschrijving = \"test\"",
            &format!("omschrijving = \"{lang}\""),
        ),
    )
    .unwrap();
    for args in [vec!["controleer"], vec!["bereken", "--uit", "u"]] {
        let opdracht = args[0];
        let mut args = args.clone();
        args.insert(1, s.to_str().unwrap());
        let uit = o.raming(&o.map, &args);
        assert_eq!(uit.status.code(), Some(1), "{opdracht}");
        let e = stderr(&uit);
        assert!(
            e.contains("s.toml, regel 2, kolom omschrijving: tekst van 40000 tekens"),
            "{e}"
        );
    }
    assert!(!o.map.join("u").exists());
    let naam = "n".repeat(200);
    let p = o.scenario(&"m".repeat(10));
    let t = fs::read_to_string(&p).unwrap();
    fs::write(
        &p,
        t.replace("naam = \"mmmmmmmmmm\"", &format!("naam = \"{naam}\"")),
    )
    .unwrap();
    let uit = o.raming(&o.map, &["controleer", p.to_str().unwrap()]);
    assert_eq!(uit.status.code(), Some(1));
    assert!(
        stderr(&uit).contains("ten hoogste 120 bytes"),
        "{}",
        stderr(&uit)
    );
}
