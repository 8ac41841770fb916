//! Specs nobody here wrote: every OpenAPI 3.0 and 3.1 document of `@readme/oas-examples` generates a client,
//! what the generator skipped is snapshotted per fixture, and all generated crates compile without a single
//! warning in `cargo check` of a scratch workspace, with default and with all features (one shared target
//! directory keeps it fast). With them, the hostile fixtures of `tests/corpus/hostile/`, written to break a
//! generator: names the crate uses itself or that shadow the prelude, given to schemas, tags, parameters,
//! security schemes and operations, and a discriminated union without a mapping. The streaming fixture of
//! `tests/corpus/streaming/` (OpenAPI 3.2: event streams, JSON Lines, streamed bodies). And the two clients this
//! repository ships, Crisp's and the pets fixture's, so they too are checked with all features. Then
//! `cargo doc` of them all, with warnings denied: a link rustdoc cannot resolve, or a bare URL from a spec's
//! text, fails here rather than on docs.rs.

use std::path::{Path, PathBuf};

use workspace_tests::{crisp_config, pets_config, scratch, workspace_root};

const CORPUS: &str = "tests/corpus/oas-examples-8.2.2";
const HOSTILE: &str = "tests/corpus/hostile";
const STREAMING: &str = "tests/corpus/streaming";

/// `(version, name, path)` of every fixture, sorted.
fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut found = Vec::new();
    let folders = [
        ("3.0", workspace_root().join(CORPUS).join("3.0")),
        ("3.1", workspace_root().join(CORPUS).join("3.1")),
        ("hostile", workspace_root().join(HOSTILE)),
        ("streaming", workspace_root().join(STREAMING)),
    ];
    for (version, dir) in folders {
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

/// What a fixture's client keeps of its spec, snapshotted with the warnings so a regression shows as a diff.
#[derive(serde::Serialize)]
struct Kept<'a> {
    operations: usize,
    skipped_operations: usize,
    untyped_fields_free_form: usize,
    untyped_fields_unsupported: usize,
    warnings: &'a [generator::Warning],
}

impl<'a> Kept<'a> {
    fn of(generated: &'a generator::Generated) -> Self {
        let (free_form, unsupported) = generated.api.coverage.untyped_counts();
        Self {
            operations: generated.api.operations.len(),
            skipped_operations: generated.api.coverage.skipped_operations.len(),
            untyped_fields_free_form: free_form,
            untyped_fields_unsupported: unsupported,
            warnings: &generated.warnings,
        }
    }
}

/// Why an operation may be skipped in a fixture nobody here wrote: its spec is wrong, not the generator.
const SPEC_ERRORS: &[&str] = &[
    "but no path parameter declares it",
    "does not appear in the path template",
    "malformed parameter in path template",
    "unclosed `{` in path template",
];

/// A valid fixture loses no operation: every skipped one must be skipped for an error in the spec.
fn assert_skipped_only_for_spec_errors(generated: &generator::Generated, fixture: &str) {
    for pointer in &generated.api.coverage.skipped_operations {
        let why: Vec<&str> = generated
            .warnings
            .iter()
            .filter(|w| &w.pointer == pointer)
            .map(|w| w.message.as_str())
            .collect();
        assert!(
            why.iter()
                .any(|message| SPEC_ERRORS.iter().any(|error| message.contains(error))),
            "{fixture}: {pointer} was skipped though the spec is valid there: {why:?}"
        );
    }
}

#[test]
fn every_fixture_generates_and_all_clients_compile_warning_free() {
    let fixtures = fixtures();
    let vendored = fixtures
        .iter()
        .filter(|(version, ..)| version.starts_with('3'))
        .count();
    assert_eq!(vendored, 52, "the vendored corpus is complete");
    assert!(fixtures.len() > vendored, "the hostile fixtures are there");
    assert!(
        fixtures.iter().any(|(version, ..)| version == "streaming"),
        "the streaming fixture is there"
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
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
            Kept::of(&generated)
        );
        if version != "hostile" {
            assert_skipped_only_for_spec_errors(&generated, &format!("{version}/{name}"));
        }
        generator::write::write(&dir.join(&package), &generated.files)
            .expect("scratch crate written");
        members.push(package);
    }
    for config in [crisp_config(), pets_config()] {
        let generated = generator::generate(&config)
            .unwrap_or_else(|err| panic!("{}: {err}", config.package_name));
        generator::write::write(&dir.join(&config.package_name), &generated.files)
            .expect("scratch crate written");
        members.push(config.package_name);
    }
    scratch::write_workspace(&dir, &members);

    // Checked with the default features (each type derives only the serde traits it needs, and the schemas no
    // operation uses are left out) and with all of them (both derives everywhere, every schema); documented
    // with all of them.
    let runs: [&[&str]; 3] = [
        &["check"],
        &["check", "--all-features"],
        &["doc", "--no-deps", "--all-features"],
    ];
    for run in runs {
        let output = scratch::cargo(&dir, run);
        assert!(
            output.status.success(),
            "generated clients are not warning-free (cargo {}):\n{}",
            run.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
