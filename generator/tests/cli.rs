//! The generator's command line: defaults, `--spec`/`--out`/`--name`/`--overlay`, `--check`, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn generator(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .output()
        .expect("the generator runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("generator-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

#[test]
fn default_check_passes_on_the_committed_crisp_client() {
    let output = generator(&["--check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn another_spec_generates_then_checks_clean_then_reports_drift() {
    let out = scratch("pets");
    let out_arg = out.join("pets-client").display().to_string();
    let spec = fixture("pets-3.1.yaml");

    let output = generator(&["--spec", &spec, "--out", &out_arg, "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("missing: Cargo.toml") && message.contains("missing: src/lib.rs"),
        "{message}"
    );
    assert!(message.contains("cargo run -p generator"), "{message}");
    assert!(!out.join("pets-client").exists(), "--check writes nothing");

    let output = generator(&["--spec", &spec, "--out", &out_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(out.join("pets-client/Cargo.toml")).expect("written");
    assert!(
        manifest.contains("name = \"pets-client\""),
        "the package is named after --out: {manifest}"
    );

    let output = generator(&["--spec", &spec, "--out", &out_arg, "--check"]);
    assert!(output.status.success(), "{}", stderr(&output));

    std::fs::write(out.join("pets-client/src/types.rs"), "// edited by hand\n").expect("edit");
    std::fs::write(out.join("pets-client/src/stray.rs"), "// not generated\n").expect("add");
    let output = generator(&[
        "--spec",
        &spec,
        "--out",
        &out_arg,
        "--check",
        "--name",
        "pets-client",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("stale: src/types.rs"), "{message}");
    assert!(message.contains("extra: src/stray.rs"), "{message}");
    std::fs::remove_dir_all(&out).expect("cleanup");
}

#[test]
fn usage_errors_exit_with_2() {
    let output = generator(&["--spec", &fixture("pets-3.1.yaml")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--out DIR is required with --spec"));
    assert_eq!(generator(&["--no-such-flag"]).status.code(), Some(2));
    let output = generator(&[
        "--spec",
        &fixture("pets-3.1.yaml"),
        "--out",
        "x",
        "--name",
        "9 lives",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn invalid_input_exits_with_1_and_names_the_place() {
    let dir = scratch("broken");
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "openapi: 3.0.0\ninfo: [unclosed\n").expect("write");
    let out = dir.join("out").display().to_string();
    let output = generator(&["--spec", &broken.display().to_string(), "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("broken.yaml:3:1: invalid YAML"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");

    let wrong = dir.join("wrong.yaml");
    std::fs::write(&wrong, "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      parameters: 7\n      responses: {}\n")
        .expect("write");
    let output = generator(&["--spec", &wrong.display().to_string(), "--out", &out]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("wrong.yaml: at #/paths/~1a/get"),
        "{message}"
    );

    let overlay = dir.join("overlay.yaml");
    std::fs::write(&overlay, "overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: $.nothing\n    remove: true\n")
        .expect("write");
    let output = generator(&[
        "--spec",
        &fixture("pets-3.1.yaml"),
        "--overlay",
        &overlay.display().to_string(),
        "--out",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "overlay.yaml: at #/actions/0/target: the target `$.nothing` matches nothing"
        ),
        "{message}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
