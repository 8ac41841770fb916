//! Names nobody should use, drawn at random: Rust's keywords and prelude, the names of the runtime's own items,
//! modules and methods, and the crates generated code relies on, given to schemas, tags, parameters, security
//! schemes and operations. Every spec must generate into Rust that parses, and a sample of the crates, built in
//! one scratch workspace, must compile with warnings denied.

use std::cell::RefCell;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRng, TestRunner};
use serde_json::{json, Map, Value};
use workspace_tests::scratch;

/// The names drawn from.
const NAMES: &[&str] = &[
    // Keywords, strict and reserved.
    "type",
    "match",
    "self",
    "Self",
    "super",
    "crate",
    "async",
    "await",
    "fn",
    "mod",
    "use",
    "impl",
    "dyn",
    "ref",
    "move",
    "loop",
    "where",
    "static",
    "const",
    "enum",
    "struct",
    "trait",
    "true",
    "false",
    "in",
    "abstract",
    "yield",
    "try",
    "gen",
    "union",
    // The prelude and common std items.
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "From",
    "Into",
    "TryFrom",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "Iterator",
    "ToString",
    "Debug",
    "Display",
    "Future",
    "Stream",
    "PartialEq",
    "Eq",
    "Hash",
    "AsRef",
    "BTreeMap",
    "HashMap",
    "Duration",
    // The runtime's items, modules and methods.
    "Client",
    "ClientBuilder",
    "Error",
    "Response",
    "Call",
    "Answer",
    "Scheme",
    "Credentials",
    "Parts",
    "Style",
    "RetryPolicy",
    "RequestInfo",
    "Unread",
    "Value",
    "client",
    "error",
    "types",
    "retry",
    "pointer",
    "pages",
    "links",
    "link_header",
    "items",
    "lib",
    "execute",
    "send",
    "request",
    "builder",
    "base_url",
    "with_timeout",
    "with_retry_policy",
    "with_max_answer_size",
    "build",
    "timeout",
    "retry_policy",
    "user_agent",
    "http_client",
    "max_answer_size",
    "connect_timeout",
    "body",
    "options",
    "value",
    "answer",
    "path",
    // The crates generated code uses.
    "serde",
    "serde_json",
    "std",
    "core",
    "reqwest",
    "futures",
    "tokio",
    "tracing",
    "bytes",
];

fn name() -> impl Strategy<Value = String> {
    proptest::sample::select(NAMES).prop_map(str::to_string)
}

/// A spec with schemas, operations (and their tags and query parameters) and security schemes named from
/// `NAMES`.
fn spec() -> impl Strategy<Value = Value> {
    (
        proptest::collection::vec((name(), 0u8..4), 1..6),
        proptest::collection::vec((name(), name(), name(), 0u8..3), 1..5),
        proptest::collection::vec(name(), 0..3),
    )
        .prop_map(|(schemas, operations, schemes)| build_spec(&schemas, &operations, &schemes))
}

fn build_spec(
    schemas: &[(String, u8)],
    operations: &[(String, String, String, u8)],
    schemes: &[String],
) -> Value {
    let mut components = Map::new();
    let first = schemas.first().map(|(name, _)| name.clone());
    for (index, (name, shape)) in schemas.iter().enumerate() {
        let other = &schemas[(index + 1) % schemas.len()].0;
        let schema = match shape {
            0 => json!({ "type": "object", "required": [name], "properties": {
                name: { "type": "string" }, "ref": { "$ref": format!("#/components/schemas/{other}") } } }),
            1 => json!({ "type": "string", "enum": [name, other, "Other", "type"] }),
            2 => {
                json!({ "oneOf": [{ "$ref": format!("#/components/schemas/{other}") }, { "type": "integer" }] })
            }
            _ => {
                json!({ "type": "array", "items": { "$ref": format!("#/components/schemas/{other}") } })
            }
        };
        components.insert(name.clone(), schema);
    }
    let mut security_schemes = Map::new();
    for (index, scheme) in schemes.iter().enumerate() {
        let declared = match index % 3 {
            0 => json!({ "type": "apiKey", "in": "header", "name": "X-Key" }),
            1 => json!({ "type": "http", "scheme": "bearer" }),
            _ => json!({ "type": "http", "scheme": "basic" }),
        };
        security_schemes.insert(scheme.clone(), declared);
    }
    let mut paths = Map::new();
    for (index, (operation, tag, parameter, method)) in operations.iter().enumerate() {
        let method = ["get", "post", "put"][usize::from(*method)];
        let answer = first.as_ref().map_or(
            json!({ "type": "string" }),
            |name| json!({ "$ref": format!("#/components/schemas/{name}") }),
        );
        let mut declared = json!({
            "operationId": operation,
            "tags": [tag],
            "parameters": [
                { "name": parameter, "in": "query", "schema": { "type": "string" } },
                { "name": parameter, "in": "path", "required": true, "schema": { "type": "string" } }
            ],
            "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": answer } } } }
        });
        if method != "get" {
            declared["requestBody"] =
                json!({ "content": { "application/json": { "schema": answer } } });
        }
        let path = format!("/p{index}/{{{parameter}}}");
        paths.insert(path, json!({ method: declared }));
    }
    let security: Vec<Value> = schemes.iter().map(|scheme| json!({ scheme: [] })).collect();
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Hostile names", "version": "1" },
        "servers": [{ "url": "https://hostile.example" }],
        "security": security,
        "paths": paths,
        "components": { "schemas": components, "securitySchemes": security_schemes }
    })
}

/// How many specs are drawn (`PROPTEST_CASES` draws more), and how many of their crates are compiled. The
/// draws are the same on every run, so CI is never red by chance; a bug found by a longer local run gets a
/// fixture in `tests/corpus/hostile/`.
const CASES: u32 = 64;
const COMPILED: usize = 6;

#[test]
fn hostile_names_generate_rust_that_parses_and_a_sample_compiles() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-names");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let sampled: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(CASES);
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let outcome = runner.run(&spec(), |document| {
        let index = sampled.borrow().len();
        let spec = dir.join(format!("spec-{index}.json"));
        std::fs::write(&spec, document.to_string()).expect("scratch spec");
        let package = format!("hostile-{index}");
        let config = generator::Config {
            spec: spec.clone(),
            overlays: Vec::new(),
            package_name: package.clone(),
            regenerate: format!("cargo run -p generator -- --spec spec-{index}.json"),
        };
        let generated = generator::generate(&config)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{document:#}")))?;
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            prop_assert!(
                syn::parse_file(&file.contents).is_ok(),
                "{} is not Rust, from {document:#}",
                file.path
            );
        }
        if index < COMPILED {
            generator::write::write(&dir.join(&package), &generated.files)
                .expect("scratch crate written");
            sampled.borrow_mut().push(package);
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    scratch::write_workspace(&dir, &sampled.borrow());
    let output = scratch::cargo(&dir, &["check", "--all-features"]);
    assert!(
        output.status.success(),
        "crates generated from hostile names do not compile cleanly (specs in {}):\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
