//! GitHub's REST API description (npm `@octokit/openapi`, pinned; 13 MB, 1,223 operations), the largest spec
//! the generator is held to: every operation is generated, and no field is left untyped for a reason other
//! than the spec's own free-form values; with `tests/github/paged-lists.overlay.yaml`, its paged lists stream
//! by the `Link` header. (Its generation time and compile cost are in `scripts/bench-scale`.)

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use generator::ir::{LinkFrom, Pages};
use workspace_tests::{npm, scratch, workspace_root};

/// The release of `@octokit/openapi` the figures in BENCHMARKS.md come from.
const OCTOKIT_OPENAPI_VERSION: &str = "23.0.2";

/// GitHub's spec, installed from npm once for the tests of this file.
fn github_spec() -> &'static Path {
    static SPEC: OnceLock<PathBuf> = OnceLock::new();
    SPEC.get_or_init(|| {
        let prefix = workspace_root()
            .join("target")
            .join(format!("octokit-openapi-{OCTOKIT_OPENAPI_VERSION}"));
        let spec = prefix.join("node_modules/@octokit/openapi/generated/api.github.com.json");
        npm::install(
            "npm",
            &prefix,
            &[&format!("@octokit/openapi@{OCTOKIT_OPENAPI_VERSION}")],
            &spec,
        )
        .unwrap_or_else(|err| panic!("{err}"));
        spec
    })
}

/// GitHub's client, with the overlays that give it streams and typed webhooks.
fn github_config() -> generator::Config {
    generator::Config {
        spec: github_spec().to_path_buf(),
        overlays: vec![
            workspace_root().join("tests/github/paged-lists.overlay.yaml"),
            workspace_root().join("tests/github/webhooks.overlay.yaml"),
        ],
        package_name: "github-client".into(),
        regenerate: "cargo run -p generator -- --spec api.github.com.json".into(),
    }
}

#[test]
fn every_operation_of_github_is_generated_and_typed() {
    let spec = github_spec();
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(spec).expect("the spec")).expect("JSON");
    let declared: usize = document["paths"]
        .as_object()
        .expect("paths")
        .values()
        .map(|item| {
            [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .iter()
            .filter(|method| item.get(**method).is_some())
            .count()
        })
        .sum();
    assert!(declared > 1_000, "{declared}");

    let generated = generator::generate(&github_config()).expect("GitHub's spec generates");
    let coverage = &generated.api.coverage;
    assert_eq!(
        coverage.skipped_operations,
        Vec::<String>::new(),
        "{}",
        coverage.summary()
    );
    assert_eq!(generated.api.operations.len(), declared);
    let (free_form, unsupported) = coverage.untyped_counts();
    assert_eq!(unsupported, 0, "{}", coverage.summary());
    assert!(
        free_form < 200,
        "GitHub leaves about 150 fields free-form; {}",
        coverage.summary()
    );

    // The overlay gives GitHub's paged lists streams that follow the Link header: 159 answering an array,
    // 68 an object holding the array (`items`).
    let paging_warnings: Vec<_> = generated
        .warnings
        .iter()
        .filter(|warning| warning.pointer.ends_with("x-pagination"))
        .collect();
    assert!(paging_warnings.is_empty(), "{paging_warnings:#?}");
    let linked: Vec<_> = generated
        .api
        .operations
        .iter()
        .filter_map(|op| op.pagination.as_ref())
        .filter(|pagination| {
            matches!(
                pagination.pages,
                Pages::Link {
                    from: LinkFrom::Header,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(linked.len(), 227);
    assert_eq!(linked.iter().filter(|p| p.items_within).count(), 68);

    // Its 270 webhooks (`x-webhooks`, named by the X-GitHub-Event header and the body's action) are one `Event`.
    let webhook_warnings: Vec<_> = generated
        .warnings
        .iter()
        .filter(|warning| warning.pointer.contains("webhook"))
        .collect();
    assert!(webhook_warnings.is_empty(), "{webhook_warnings:#?}");
    let webhooks = generated.api.webhooks.as_ref().expect("webhooks");
    assert_eq!(webhooks.hooks.len(), 270);
    let opened = webhooks
        .hooks
        .iter()
        .find(|hook| hook.name == "issues" && hook.action.as_deref() == Some("opened"))
        .expect("issues/opened");
    assert_eq!(opened.variant, "IssuesOpened");
    assert!(generated
        .files
        .iter()
        .any(|file| file.path == "src/webhooks.rs"));

    // The same document in its OpenAPI 3.1 form, with `webhooks`, gives the same events.
    let mut document = document;
    let object = document.as_object_mut().expect("an object");
    object.insert("openapi".into(), "3.1.0".into());
    let hooks = object.remove("x-webhooks").expect("x-webhooks");
    object.insert("webhooks".into(), hooks);
    let overlay = std::fs::read(workspace_root().join("tests/github/webhooks.overlay.yaml"))
        .expect("the overlay");
    // The overlay targets `x-webhooks`, which a 3.1 document calls `webhooks`.
    let overlay = String::from_utf8(overlay)
        .expect("UTF-8")
        .replace("$['x-webhooks']", "$['webhooks']");
    let as_3_1 = generator::generate_from_bytes(
        &serde_json::to_vec(&document).expect("JSON"),
        &[overlay.as_bytes()],
        std::path::Path::new("api.github.com.3.1.json"),
        "github-client",
    )
    .expect("the 3.1 form generates");
    let hooks_3_1 = as_3_1.api.webhooks.as_ref().expect("webhooks");
    assert_eq!(hooks_3_1.hooks.len(), 270);
    assert_eq!(
        hooks_3_1
            .hooks
            .iter()
            .map(|h| &h.variant)
            .collect::<Vec<_>>(),
        webhooks
            .hooks
            .iter()
            .map(|h| &h.variant)
            .collect::<Vec<_>>()
    );
    // Its `webhooks` module is the 3.0 form's, which `githubs_webhooks_compile_and_an_opened_issue_parses`
    // compiles.
    let module = |generated: &generator::Generated| {
        generated
            .files
            .iter()
            .find(|file| file.path == "src/webhooks.rs")
            // Past the first line, which names the command that generated it.
            .and_then(|file| file.contents.split_once('\n'))
            .map(|(_, code)| code.to_string())
    };
    assert!(module(&as_3_1).is_some());
    assert!(
        module(&as_3_1) == module(&generated),
        "the 3.1 form's webhooks module differs from the 3.0 form's"
    );
}

/// GitHub's client with its `webhooks` feature compiles with warnings denied, and a delivery of `issues` with
/// the action `opened` (`tests/github/issues-opened.json`, made from GitHub's schema: every field it requires,
/// the issue, repository and users named as GitHub's examples name them) parses into `Event::IssuesOpened`.
/// The largest client the generator is held to, built and run: about 6 minutes of CI.
#[test]
fn githubs_webhooks_compile_and_an_opened_issue_parses() {
    let generated = generator::generate(&github_config()).expect("GitHub's spec generates");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("github-webhooks");
    let crate_dir = dir.join("github-client");
    generator::write::write(&crate_dir, &generated.files).expect("the crate is written");
    std::fs::create_dir_all(crate_dir.join("tests")).expect("a tests folder");
    let delivery = workspace_root().join("tests/github/issues-opened.json");
    std::fs::write(
        crate_dir.join("tests/parse.rs"),
        format!(
            r#"//! A delivery of GitHub's `issues` event with the action `opened`.

#[test]
fn an_opened_issue_parses_into_its_variant() {{
    let body = include_bytes!({delivery:?});
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-github-event", reqwest::header::HeaderValue::from_static("issues"));
    match github_client::webhooks::parse(&headers, body).expect("parsed") {{
        github_client::webhooks::Event::IssuesOpened(opened) => {{
            assert_eq!(opened.issue.number, 1347);
            assert_eq!(opened.issue.title, "Found a bug");
        }}
        other => panic!("parsed as {{}}", other.name()),
    }}
}}
"#
        ),
    )
    .expect("the test is written");
    scratch::write_workspace(&dir, &["github-client".to_string()]);
    let output = scratch::cargo(&dir, &["test", "--features", "webhooks", "--test", "parse"]);
    assert!(
        output.status.success(),
        "GitHub's client with webhooks:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
