//! The upstream spec is never edited: refinements belong in the overlays. The check needs nothing beside the
//! clone: it compares the file with the SHA-256 of the upstream spec as it was received.

use sha2::{Digest, Sha256};
use workspace_tests::workspace_root;

/// SHA-256 of the upstream Crisp spec (`../shared/spec/crisp-openapi.yml` when it was copied in).
const UPSTREAM_SHA256: &str = "6bf343a27f9eee4051c85d343d8c5a6336911d2a045def600fd1382877c71bb7";

#[test]
fn spec_is_byte_identical_to_the_upstream_spec() {
    let ours = std::fs::read(workspace_root().join("spec/crisp-openapi.yml"))
        .expect("spec/crisp-openapi.yml is readable");
    let digest: String = Sha256::digest(&ours)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(
        digest, UPSTREAM_SHA256,
        "spec/crisp-openapi.yml differs from the upstream spec; put refinements in spec/crisp/*.yml or \
         spec/crisp-overlay.yml instead"
    );
}
