//! Formats the hand-written runtime modules (`runtime/*.rs`) once, when the generator is built, with the same
//! code emission formats generated files with (`src/emit/format.rs`). Every generation used to parse and print
//! them again: about a tenth of the work of generating the Crisp client.

use std::error::Error;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/emit/format.rs"]
mod format;

/// The runtime modules emission may copy into a crate.
const RUNTIME_MODULES: &[&str] = &["retry.rs", "pointer.rs", "pages.rs", "cursor_pages.rs"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=src/emit/format.rs");
    let out_dir =
        PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?).join("runtime");
    std::fs::create_dir_all(&out_dir)?;
    for name in RUNTIME_MODULES {
        let source_path = Path::new("runtime").join(name);
        println!("cargo::rerun-if-changed={}", source_path.display());
        let source = std::fs::read_to_string(&source_path)?;
        let tokens: proc_macro2::TokenStream = source
            .parse()
            .map_err(|err| format!("{}: {err}", source_path.display()))?;
        let mut formatted = String::new();
        format::format_into(&mut formatted, &source_path.display().to_string(), tokens)?;
        std::fs::write(out_dir.join(name), formatted)?;
    }
    Ok(())
}
