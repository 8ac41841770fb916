//! The crate's `Cargo.toml` declares exactly the dependencies and features the generated module needs, as
//! `build.rs` wrote them from `generator::Module::manifest_tables`: when the generator's needs change, this
//! fails instead of the build breaking somewhere else.

/// What the module needs, as `build.rs` wrote it.
const NEEDED: &str = include_str!(concat!(env!("OUT_DIR"), "/pets-manifest.toml"));

/// The crate's manifest.
const MANIFEST: &str = include_str!("../Cargo.toml");

/// The entries of the table `name` in `toml`, one a line, without comments and blank lines.
fn table<'a>(toml: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("[{name}]");
    toml.lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

#[test]
fn cargo_toml_declares_what_the_module_needs() {
    for name in ["dependencies", "features"] {
        assert_eq!(
            table(MANIFEST, name),
            table(NEEDED, name),
            "[{name}] of tests/build-rs-client/Cargo.toml must be what the generated module needs:\n{NEEDED}"
        );
    }
    assert!(
        !table(NEEDED, "dependencies").is_empty(),
        "build.rs wrote the tables"
    );
}
