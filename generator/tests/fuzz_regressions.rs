//! Every input the fuzzer (`fuzz/`) ever crashed the generator with is kept in `fuzz/regressions/` and replayed
//! here through the same entry point, so a fixed crash stays fixed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[test]
fn inputs_that_once_crashed_the_generator_now_end_in_ok_or_err() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_none_or(|ext| ext != "md"))
        .collect();
    inputs.sort();
    for input in inputs {
        let data = std::fs::read(&input).expect("readable");
        let (spec, overlays): (&[u8], Vec<&[u8]>) = match data.iter().position(|b| *b == 0) {
            Some(split) => (&data[..split], vec![&data[split + 1..]]),
            None => (&data, Vec::new()),
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            generator::generate_from_bytes(spec, &overlays, Path::new("fuzz.yaml"), "fuzzed")
        }));
        assert!(outcome.is_ok(), "{} panics again", input.display());
    }
}
