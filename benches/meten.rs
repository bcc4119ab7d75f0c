//! Measuring a child process (shared by the benches that time the command as a user runs it).

use std::process::{Command, Stdio};
use std::time::Instant;

/// Wall seconds, CPU seconds (user + system) and peak memory (MB) of one child process.
// The child is reaped by `wait4` (for its resource use), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
pub fn meet(cmd: &mut Command) -> (f64, f64, f64) {
    let t = Instant::now();
    // Its standard error as the caller set it (inherited unless set).
    let kind = cmd.stdout(Stdio::null()).spawn().expect("start");
    let pid = kind.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; status and ru are valid pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    let wand = t.elapsed().as_secs_f64();
    assert_eq!(r, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} faalde"
    );
    let tijd = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        wand,
        tijd(ru.ru_utime) + tijd(ru.ru_stime),
        ru.ru_maxrss as f64 / 1024.0,
    )
}

pub fn mediaan(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Dutch notation: 0,72 / 1.000.
pub fn komma(x: f64, dp: usize) -> String {
    format!("{x:.dp$}").replace('.', ",")
}

/// The number of rounds: the first number on the command line (`cargo bench --bench x -- 7`),
/// else `standaard`.
pub fn rondes(standaard: usize) -> usize {
    std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(standaard)
}
