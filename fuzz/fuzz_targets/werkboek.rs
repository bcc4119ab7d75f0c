//! The workbook reader (zip directory limits, calamine, the input sheets) and the loaders
//! behind it: any bytes as `invoer.xlsx`, a result or a Dutch error, never a panic, an abort or
//! an allocation without bound (libFuzzer's memory limit catches the last).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let pad = raming_fuzz::map().join("invoer.xlsx");
    std::fs::write(&pad, data).unwrap();
    let _ = raming::invoer::laad(&pad, raming::invoer::Behoefte::default());
});
