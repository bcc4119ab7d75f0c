//! The CSV loaders (and, on input they accept, the checks and the exact run): the first byte
//! picks one of the shipped data's files, the rest replaces its contents. Any answer but a panic,
//! an abort or a hang is fine: a result or a Dutch error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((keuze, inhoud)) = data.split_first() else {
        return;
    };
    let map = raming_fuzz::map();
    let bestanden = raming_fuzz::bestanden();
    let naam = bestanden[*keuze as usize % bestanden.len()];
    let pad = map.join("data").join(naam);
    std::fs::write(&pad, inhoud).unwrap();
    let _ = raming::draai(&map.join("s.toml"));
    std::fs::write(&pad, raming_fuzz::origineel(naam)).unwrap();
});
