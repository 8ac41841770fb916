//! The upstream spec is never edited: refinements belong in the overlay.

use workspace_tests::workspace_root;

#[test]
fn spec_is_byte_identical_to_the_shared_upstream_copy() {
    let root = workspace_root();
    let ours = std::fs::read(root.join("spec/crisp-openapi.yml"))
        .expect("spec/crisp-openapi.yml is readable");
    let upstream_path = root.join("../shared/spec/crisp-openapi.yml");
    let upstream = std::fs::read(&upstream_path).unwrap_or_else(|err| {
        panic!(
            "{} must sit beside the workspace: {err}",
            upstream_path.display()
        )
    });
    assert!(
        ours == upstream,
        "spec/crisp-openapi.yml differs from {}; put refinements in spec/crisp-overlay.yml instead",
        upstream_path.display()
    );
}
