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
        overlays: vec![workspace_root().join("tests/github/paged-lists.overlay.yaml")],
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
}
