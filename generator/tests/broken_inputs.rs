//! Broken and hostile inputs, one table: each runs the real command line and its outcome (exit code and
//! everything it printed, with scratch paths replaced by `<dir>`) is snapshotted, so every message is reviewed
//! as the user sees it. None may panic: a panic would exit with 101 and print `panicked`.

use std::path::PathBuf;
use std::process::Command;

const VALID_HEAD: &str = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\n";

/// One broken input: the spec's file name and bytes, and an optional overlay's bytes.
struct Case {
    name: &'static str,
    spec_file: &'static str,
    spec: Vec<u8>,
    overlay: Option<Vec<u8>>,
}

fn case(name: &'static str, spec_file: &'static str, spec: &str) -> Case {
    Case {
        name,
        spec_file,
        spec: spec.as_bytes().to_vec(),
        overlay: None,
    }
}

fn with_valid_head(body: &str) -> String {
    format!("{VALID_HEAD}{body}")
}

fn cases() -> Vec<Case> {
    let one_operation = "paths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n";
    vec![
        case("invalid_yaml", "spec.yaml", "openapi: 3.0.3\ninfo: [unclosed\n  title: x\n"),
        case("invalid_json", "spec.json", "{\"openapi\": \"3.0.3\",\n \"info\": }\n"),
        case(
            "two_yaml_documents",
            "spec.yaml",
            &format!("{}---\n{}", with_valid_head("paths: {}\n"), with_valid_head("paths: {}\n")),
        ),
        case("not_openapi", "spec.yaml", "hello: world\n"),
        case(
            "swagger_2",
            "spec.yaml",
            "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n",
        ),
        case(
            "unknown_version",
            "spec.yaml",
            "openapi: 4.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n",
        ),
        case(
            "dangling_ref",
            "spec.yaml",
            &with_valid_head("paths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Nope' }\n"),
        ),
        case(
            "ref_to_another_file",
            "spec.yaml",
            &with_valid_head("paths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: 'common.yaml#/components/schemas/Pet' }\n"),
        ),
        case(
            "ref_cycle_without_schema",
            "spec.yaml",
            &with_valid_head("components:\n  schemas:\n    A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/A' }\n"),
        ),
        case(
            "duplicate_operation_ids",
            "spec.yaml",
            &with_valid_head("paths:\n  /a:\n    get: { operationId: fetch, responses: { '204': { description: ok } } }\n  /b:\n    get: { operationId: fetch, responses: { '204': { description: ok } } }\n"),
        ),
        case(
            "path_parameter_not_in_template",
            "spec.yaml",
            &with_valid_head("paths:\n  /pets:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { '204': { description: ok } }\n"),
        ),
        case(
            "template_parameter_not_declared",
            "spec.yaml",
            &with_valid_head("paths:\n  /pets/{id}:\n    get:\n      responses: { '204': { description: ok } }\n"),
        ),
        Case {
            overlay: Some(
                b"overlay: 1.0.0\ninfo: { title: o, version: '1' }\nactions:\n  - target: $.paths['/nowhere']\n    update: { x-a: 1 }\n"
                    .to_vec(),
            ),
            ..case("overlay_target_matches_nothing", "spec.yaml", &with_valid_head(one_operation))
        },
        Case {
            overlay: Some(with_valid_head("paths: {}\n").into_bytes()),
            ..case("overlay_is_not_an_overlay", "spec.yaml", &with_valid_head(one_operation))
        },
        case("empty_file", "spec.yaml", ""),
        Case {
            overlay: Some(Vec::new()),
            ..case("empty_overlay", "spec.yaml", &with_valid_head(one_operation))
        },
        Case {
            spec: vec![0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0xfe, 0],
            ..case("binary_file", "spec.yaml", "")
        },
    ]
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("generator-broken-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs the command line on `case` and describes the outcome.
fn outcome(case: &Case) -> String {
    let dir = scratch(case.name);
    let spec = dir.join(case.spec_file);
    std::fs::write(&spec, &case.spec).expect("write spec");
    let mut command = Command::new(env!("CARGO_BIN_EXE_generator"));
    command
        .arg("--spec")
        .arg(&spec)
        .arg("--out")
        .arg(dir.join("out"));
    if let Some(overlay) = &case.overlay {
        let path = dir.join("overlay.yaml");
        std::fs::write(&path, overlay).expect("write overlay");
        command.arg("--overlay").arg(path);
    }
    let output = command.output().expect("the generator runs");
    let printed = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| !line.starts_with("wrote "))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(&dir.display().to_string(), "<dir>");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        !printed.contains("panicked") && output.status.code() != Some(101),
        "{}: the generator panicked:\n{printed}",
        case.name
    );
    format!("exit: {:?}\n{printed}\n", output.status.code())
}

#[test]
fn every_broken_input_gets_a_clear_message() {
    for case in cases() {
        insta::assert_snapshot!(case.name, outcome(&case));
    }
}

/// Inputs built to exhaust time, memory or the stack.
fn hostile_cases() -> Vec<Case> {
    let mut bomb = String::from("openapi: 3.0.3\ninfo: { title: t, version: '1' }\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 9].join(", ");
        bomb.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    bomb.push_str("paths: {}\n");

    let depth = 10_000;
    let deep_yaml = format!(
        "{VALID_HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Deep: {}{}\n",
        "{ properties: { a: ".repeat(depth),
        "}}".repeat(depth)
    );
    let deep_json = format!(
        "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"x-deep\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );

    let mut huge = String::from(VALID_HEAD);
    huge.push_str("paths: {}\nx-padding: |\n");
    let line = format!("  {}\n", "x".repeat(1_000));
    while huge.len() < 50 * 1024 * 1024 {
        huge.push_str(&line);
    }

    let mut many = String::from(
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {",
    );
    for i in 0..100_000 {
        if i > 0 {
            many.push(',');
        }
        many.push_str(&format!("\"/p{i}\": {{\"get\": {{\"responses\": {{}}}}}}"));
    }
    many.push_str("}}");

    vec![
        case("billion_laughs", "spec.yaml", &bomb),
        case("nested_10000_levels_yaml", "spec.yaml", &deep_yaml),
        case("nested_10000_levels_json", "spec.json", &deep_json),
        case("spec_of_50_mb", "spec.yaml", &huge),
        case("operations_100000", "spec.json", &many),
    ]
}

#[test]
fn hostile_inputs_end_in_a_clear_error_without_overflowing_the_stack() {
    for case in hostile_cases() {
        insta::assert_snapshot!(case.name, outcome(&case));
    }
}
