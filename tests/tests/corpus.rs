//! Specs nobody here wrote: every OpenAPI 3.0 and 3.1 document of `@readme/oas-examples` generates a client,
//! what the generator skipped is snapshotted per fixture, and all generated crates compile without a single
//! warning in `cargo check` of a scratch workspace, with default and with all features (one shared target
//! directory keeps it fast).

use std::path::{Path, PathBuf};
use std::process::Command;

use workspace_tests::workspace_root;

const CORPUS: &str = "tests/corpus/oas-examples-8.2.2";

/// `(version, name, path)` of every fixture, sorted.
fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut found = Vec::new();
    for version in ["3.0", "3.1"] {
        let dir = workspace_root().join(CORPUS).join(version);
        for entry in
            std::fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let name = path
                    .file_stem()
                    .expect("file name")
                    .to_string_lossy()
                    .into_owned();
                found.push((version.to_string(), name, path));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_fixture_generates_and_all_clients_compile_warning_free() {
    let fixtures = fixtures();
    assert_eq!(fixtures.len(), 52, "the vendored corpus is complete");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    let mut members = Vec::new();
    for (version, name, path) in &fixtures {
        let package = format!("oas-{}-{name}", version.replace('.', "-"));
        let config = generator::Config {
            spec: path.clone(),
            overlays: Vec::new(),
            package_name: package.clone(),
            regenerate: format!("cargo run -p generator -- --spec {version}/{name}"),
        };
        let generated =
            generator::generate(&config).unwrap_or_else(|err| panic!("{version}/{name}: {err}"));
        insta::assert_yaml_snapshot!(
            format!("warnings__{}__{name}", version.replace('.', "_")),
            generated.warnings
        );
        generator::write::write(&scratch.join(&package), &generated.files)
            .expect("scratch crate written");
        members.push(format!("    \"{package}\",\n"));
    }
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n",
        members.concat()
    );
    std::fs::write(scratch.join("Cargo.toml"), manifest).expect("scratch workspace written");
    // The workspace's lock file pins the same dependency versions, so nothing new is resolved or fetched.
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        scratch.join("Cargo.lock"),
    )
    .expect("lock file copied");

    // Twice: with the default features (each type derives only the serde traits it needs, and the schemas no
    // operation uses are left out) and with all of them (both derives everywhere, every schema).
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for features in [None, Some("--all-features")] {
        let output = Command::new(&cargo)
            .args([
                "check",
                "--workspace",
                "--quiet",
                "--message-format",
                "short",
            ])
            .args(features)
            .current_dir(&scratch)
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target"),
            )
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "generated clients do not compile cleanly ({}):\n{}",
            features.unwrap_or("default features"),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
