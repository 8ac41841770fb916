//! Generates the client of the generator's pets fixture into `OUT_DIR` as the module `pets` (see `src/lib.rs`),
//! as a crate that does not commit its client would, with the generator as a build dependency. Beside it,
//! `pets-manifest.toml` holds the dependencies and features the module needs, which `tests/manifest.rs`
//! holds `Cargo.toml` to.

use std::path::PathBuf;

fn main() {
    if let Err(err) = generate() {
        eprintln!("error: {err}");
        std::process::exit(1);
    }
}

/// Writes `pets.rs` and `pets-manifest.toml` into `OUT_DIR`, each only when it changed.
fn generate() -> Result<(), Box<dyn std::error::Error>> {
    let module =
        generator::BuildScript::new("../../generator/tests/fixtures/pets-3.1.yaml", "pets")
            // The committed pets client's name, so both send the same `User-Agent`.
            .package_name("pets-client")
            // The fixture makes the generator warn on purpose; the generator's own tests look at those warnings.
            .print_warnings(false)
            .run()?;
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("Cargo sets OUT_DIR")?);
    let manifest = out_dir.join("pets-manifest.toml");
    let tables = module.manifest_tables();
    if std::fs::read_to_string(&manifest).ok().as_deref() != Some(tables.as_str()) {
        std::fs::write(&manifest, tables)?;
    }
    Ok(())
}
