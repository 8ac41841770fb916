//! The whole generator pipeline on arbitrary bytes: a spec, optionally followed by a NUL byte and an overlay.
//! Any outcome but a panic (or a hang, or running out of memory) is fine; crashes found here are kept in
//! `fuzz/regressions/` and replayed by `generator/tests/fuzz_regressions.rs`.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (spec, overlays): (&[u8], Vec<&[u8]>) = match data.iter().position(|byte| *byte == 0) {
        Some(split) => (&data[..split], vec![&data[split + 1..]]),
        None => (data, Vec::new()),
    };
    let _ = generator::generate_from_bytes(spec, &overlays, Path::new("fuzz.yaml"), "fuzzed");
});
