//! GitHub's REST API description (npm `@octokit/openapi`, pinned; 13 MB, 1,223 operations), the largest spec
//! the generator is held to: every operation is generated, and no field is left untyped for a reason other
//! than the spec's own free-form values; with `tests/github/paged-lists.overlay.yaml`, its paged lists stream
//! by the `Link` header. (Its generation time and compile cost are in `scripts/bench-scale`.)

use generator::ir::{LinkFrom, Pages};
use workspace_tests::{npm, workspace_root};

/// The release of `@octokit/openapi` the figures in BENCHMARKS.md come from.
const OCTOKIT_OPENAPI_VERSION: &str = "23.0.2";

#[test]
fn every_operation_of_github_is_generated_and_typed() {
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
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&spec).expect("the spec")).expect("JSON");
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

    let generated = generator::generate(&generator::Config {
        spec,
        overlays: vec![
            workspace_root().join("tests/github/paged-lists.overlay.yaml"),
            workspace_root().join("tests/github/webhooks.overlay.yaml"),
        ],
        package_name: "github-client".into(),
        regenerate: "cargo run -p generator -- --spec api.github.com.json".into(),
    })
    .expect("GitHub's spec generates");
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
        .filter(|pagination| pagination.pages == Pages::Link(LinkFrom::Header))
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
}
