//! npm packages the tests need (a mock server, an SDK to compare with), installed pinned into `target/` the first
//! time a test asks for them, so `cargo test` needs nothing beside the clone but Node.js and npm.

use std::path::Path;
use std::process::Command;

/// Installs `packages` (each `name@version`) under `prefix` with the `npm` program, unless `marker` (a file the
/// installation creates) is there already.
pub fn install(npm: &str, prefix: &Path, packages: &[&str], marker: &Path) -> Result<(), String> {
    if marker.is_file() {
        return Ok(());
    }
    let npm_found = Command::new(npm)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !npm_found {
        return Err(
            "these tests need Node.js and npm on the PATH (for example `apt-get install nodejs npm`, or \
             https://nodejs.org); install them and run the tests again"
                .to_string(),
        );
    }
    let output = Command::new(npm)
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--prefix",
        ])
        .arg(prefix)
        .args(packages)
        .output()
        .map_err(|err| format!("cannot run npm: {err}"))?;
    if !output.status.success() || !marker.is_file() {
        return Err(format!(
            "`npm install {}` failed ({}):\n{}",
            packages.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}
