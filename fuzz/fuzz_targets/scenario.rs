//! The scenario parser (TOML with parents, overrides, `[risico]`, `[reserve]`) and, on a
//! scenario it accepts, the run over the shipped data: a result or a Dutch error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(tekst) = std::str::from_utf8(data) else {
        return;
    };
    let map = raming_fuzz::map();
    let _ = raming::draai::draai_tekst(&map.join("s.toml"), tekst);
});
