//! `Cargo.toml` of the generated crate. Dependencies carry their own versions (nothing is inherited from a
//! workspace), so the crate can be copied out or published as it is. TLS is rustls only: HTTPS works out of
//! the box with no OpenSSL.

use super::GeneratedFile;
use crate::ir::Api;

/// The crate's own version; the API's version is in its description.
const CRATE_VERSION: &str = "0.1.0";

/// Writes the manifest.
pub fn emit(api: &Api, preamble: &str) -> GeneratedFile {
    let description = format!(
        "Typed async client for {} (API version {}), generated from its OpenAPI description.",
        api.title, api.api_version
    );
    let contents = format!(
        r#"# {preamble}
[package]
name = {name}
version = "{CRATE_VERSION}"
edition = "2021"
description = {description}
license = "MIT OR Apache-2.0"

[dependencies]
{base64}bytes = "1"
fastrand = "2"
{futures}httpdate = "1"
{percent_encoding}reqwest = {{ version = "0.12", default-features = false, features = [{reqwest_features}] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
{serde_path_to_error}{serde_urlencoded}{signature_dependencies}tokio = {{ version = "1", features = ["time"] }}
tracing = "0.1"

[features]
# Every type derives both Serialize and Deserialize. Without it, a type derives only what its direction needs
# (sent: Serialize; received, or used by no operation: Deserialize), which keeps a large API quick to compile.
full-serde = []
{all_schemas}{webhooks}{dev_dependencies}"#,
        name = toml_string(&api.package_name),
        all_schemas = optional_dependency(
            api.types.iter().any(|def| def.travel.unused),
            "# Types for the schemas no operation uses (webhook payloads, for example), in `types` beside the others.\nall-schemas = []",
        ),
        base64 = optional_dependency(api.needs.http_basic, "base64 = \"0.22\""),
        webhooks = optional_dependency(
            api.webhooks.is_some(),
            &format!(
                "# The `webhooks` module: the events the API sends, read into a typed `Event`{}.\nwebhooks = [{}]",
                if api.needs.webhook_signature { ", and their signatures verified" } else { "" },
                webhooks_feature(api).join(", ")
            ),
        ),
        signature_dependencies = optional_dependency(
            api.needs.webhook_signature,
            &format!(
                "hmac = {{ version = \"0.12\", optional = true }}\nsha2 = {{ version = \"0.10\", optional = true }}{}",
                if api.needs.http_basic {
                    ""
                } else {
                    "\nbase64 = { version = \"0.22\", optional = true }"
                }
            ),
        ),
        dev_dependencies = optional_dependency(
            api.example.is_some(),
            "\n[dev-dependencies]\n# The crate page's example (the spec's `x-rust-example`) runs on tokio's runtime.\ntokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }",
        ),
        reqwest_features = reqwest_features(api),
        futures = optional_dependency(
            api.needs.futures(),
            "futures = { version = \"0.3\", default-features = false, features = [\"std\"] }",
        ),
        description = toml_string(&description),
        percent_encoding =
            optional_dependency(api.needs.percent_encoding(), "percent-encoding = \"2.3\""),
        serde_urlencoded = optional_dependency(api.needs.form_body, "serde_urlencoded = \"0.7\""),
        serde_path_to_error = optional_dependency(
            api.needs.decodes_json(),
            "serde_path_to_error = \"0.1\"",
        ),
    );
    GeneratedFile {
        path: "Cargo.toml".to_string(),
        contents,
    }
}

/// What the `webhooks` feature turns on: the types of the payloads no operation uses, and the crates that
/// verify signatures.
fn webhooks_feature(api: &Api) -> Vec<&'static str> {
    let mut enabled = Vec::new();
    if api.types.iter().any(|def| def.travel.unused) {
        enabled.push("\"all-schemas\"");
    }
    if api.needs.webhook_signature {
        enabled.extend(["\"dep:hmac\"", "\"dep:sha2\""]);
        if !api.needs.http_basic {
            enabled.push("\"dep:base64\"");
        }
    }
    enabled
}

/// A TOML basic string; JSON string escapes are valid TOML escapes.
fn toml_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// rustls and HTTP/2 always; `multipart` only for crates that send multipart bodies.
fn reqwest_features(api: &Api) -> String {
    let mut features = vec!["\"rustls-tls\"", "\"http2\""];
    if api.needs.multipart_body {
        features.push("\"multipart\"");
    }
    if api.needs.byte_uploads {
        features.push("\"stream\"");
    }
    features.join(", ")
}

/// A dependency or feature line, only when the crate uses it.
fn optional_dependency(used: bool, line: &str) -> String {
    if used {
        format!("{line}\n")
    } else {
        String::new()
    }
}
