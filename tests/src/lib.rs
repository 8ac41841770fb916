//! Shared helpers of the workspace's tests: where things are, and how the Crisp client is generated.

use std::path::PathBuf;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The generator configuration `cargo run -p generator` uses by default.
pub fn crisp_config() -> generator::Config {
    let root = workspace_root();
    generator::Config {
        spec: root.join("spec/crisp-openapi.yml"),
        overlays: vec![root.join("spec/crisp-overlay.yml")],
        package_name: "crisp-client".to_string(),
    }
}
