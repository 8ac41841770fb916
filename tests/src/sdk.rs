//! The official Node SDK, npm `crisp-api`, pinned: the source of the facts the Crisp overlays hold. Installed
//! with the TypeScript compiler into `target/` on first use, so `scripts/crisp-sdk-endpoints.mjs` can derive
//! the table of the SDK's endpoints again and a test can compare it with the committed one.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::workspace_root;

/// The SDK release the overlays and `spec/crisp-sdk-endpoints.tsv` come from.
pub const CRISP_API_VERSION: &str = "11.3.0";

/// The TypeScript release the derivation script parses the SDK with.
pub const TYPESCRIPT_VERSION: &str = "5.6.3";

/// The `node_modules` directory holding both, installed the first time.
pub fn node_modules() -> Result<PathBuf, String> {
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let prefix = workspace_root().join("target").join(format!(
                "crisp-api-{CRISP_API_VERSION}-ts-{TYPESCRIPT_VERSION}"
            ));
            let modules = prefix.join("node_modules");
            let packages = [
                format!("crisp-api@{CRISP_API_VERSION}"),
                format!("typescript@{TYPESCRIPT_VERSION}"),
            ];
            let packages: Vec<&str> = packages.iter().map(String::as_str).collect();
            let marker = modules.join("typescript/package.json");
            crate::npm::install("npm", &prefix, &packages, &marker)?;
            Ok(modules)
        })
        .clone()
}

/// What `scripts/crisp-sdk-endpoints.mjs` derives from the pinned SDK.
pub fn derived_endpoint_table() -> Result<String, String> {
    let modules = node_modules()?;
    let script = workspace_root().join("scripts/crisp-sdk-endpoints.mjs");
    let output = Command::new("node")
        .arg(&script)
        .arg(&modules)
        .output()
        .map_err(|err| format!("cannot run node: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}):\n{}",
            script.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|err| format!("the table is not UTF-8: {err}"))
}
