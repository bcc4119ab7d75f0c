//! Writes the synthetic national data set of the benchmarks (`benches/synthetisch.rs`) into a
//! folder, to run and profile the CLI on it by hand:
//! `cargo run --release --example landelijk -- /tmp/landelijk 342`, then
//! `raming bereken landelijk.toml` or `raming risico landelijk.toml` in that folder.

#[allow(dead_code)]
#[path = "../benches/synthetisch.rs"]
mod synthetisch;

fn main() {
    let mut args = std::env::args().skip(1);
    let map = args.next().unwrap_or_else(|| "landelijk".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(342);
    synthetisch::genereer(std::path::Path::new(&map), n);
    println!("{n} gemeenten geschreven in {map}");
}
