//! Shared helpers of the workspace's tests: where things are, and how the Crisp client is generated.

use std::path::PathBuf;

/// The README's example, compiled (not run) as a doctest, so it cannot drift from the crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExample;

pub mod npm;
pub mod prism;
pub mod scratch;
pub mod sdk;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The generator configuration `cargo run -p generator` uses by default.
pub fn crisp_config() -> generator::Config {
    generator::Config::crisp(&workspace_root())
}

/// The command that regenerates `tests/pets-client` and `tests/chat-client` (the workspace's generator.toml
/// lists them beside Crisp).
pub const PETS_REGENERATE: &str = "cargo run -p generator";

/// The generator configuration of `tests/pets-client`, whose end-to-end tests prove the general features at runtime.
pub fn pets_config() -> generator::Config {
    generator::Config {
        spec: workspace_root().join("generator/tests/fixtures/pets-3.1.yaml"),
        overlays: Vec::new(),
        package_name: "pets-client".to_string(),
        regenerate: PETS_REGENERATE.to_string(),
    }
}

/// The generator configuration of `tests/chat-client`, the streaming fixture (OpenAPI 3.2).
pub fn chat_config() -> generator::Config {
    generator::Config {
        spec: workspace_root().join("tests/corpus/streaming/chat.yaml"),
        overlays: Vec::new(),
        package_name: "chat-client".to_string(),
        regenerate: PETS_REGENERATE.to_string(),
    }
}

/// The URL of a loopback port that was free a moment ago and has no listener now, so connecting is refused.
/// (wiremock's servers go back to a pool when dropped and keep answering, so they cannot stand in.)
pub fn refusing_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    drop(listener);
    url
}
