//! Stoplight Prism, an OpenAPI mock server nobody here wrote, as an independent judge of the Crisp client: it
//! validates every request against the effective spec (`generated-client/openapi.json`) and answers with data
//! generated from the response schemas. Installed from npm (pinned) into `target/` on first use.

use std::io;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::workspace_root;

/// The Prism release the contract tests are pinned to.
pub const PRISM_VERSION: &str = "5.14.2";

/// How long Prism may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A running `prism mock`, stopped when dropped. Its output goes to `target/prism-<port>.log`, which is kept
/// only when the test using it fails.
pub struct Prism {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    log: PathBuf,
}

/// How Prism makes up answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// The same answer every time, from examples or the schema's first choices.
    Static,
    /// Random data valid against the response schema, different on every call.
    Dynamic,
}

impl Prism {
    /// Starts `prism mock` for `spec` on a free loopback port and waits until it listens.
    pub fn start(spec: &Path, answers: Answers) -> Result<Self, String> {
        let prism = installed()?;
        let port = free_port().map_err(|err| format!("no free port: {err}"))?;
        let log = workspace_root()
            .join("target")
            .join(format!("prism-{port}.log"));
        let log_file = std::fs::File::create(&log)
            .map_err(|err| format!("cannot create {}: {err}", log.display()))?;
        let stderr = log_file
            .try_clone()
            .map_err(|err| format!("cannot share {}: {err}", log.display()))?;
        let mut command = Command::new(&prism);
        command
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(stderr);
        if answers == Answers::Dynamic {
            command.arg("--dynamic");
        }
        let child = command
            .spawn()
            .map_err(|err| format!("cannot run {}: {err}", prism.display()))?;
        let mut server = Self {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            log,
        };
        server.wait_until_listening(port)?;
        Ok(server)
    }

    fn wait_until_listening(&mut self, port: u16) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < START_TIMEOUT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("prism exited with {status}:\n{}", self.log_text()));
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(format!(
            "prism did not listen within {START_TIMEOUT:?}:\n{}",
            self.log_text()
        ))
    }

    /// What Prism printed, for failure messages.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Where Prism's output goes.
    pub fn log_path(&self) -> &Path {
        &self.log
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The log explains a failing test; after a passing one it would only pile up in target/.
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

/// The `prism` executable, installed with npm into `target/prism-<version>` the first time.
fn installed() -> Result<PathBuf, String> {
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    INSTALLED.get_or_init(install).clone()
}

fn install() -> Result<PathBuf, String> {
    let prefix = workspace_root()
        .join("target")
        .join(format!("prism-{PRISM_VERSION}"));
    install_with("npm", &prefix)
}

/// Installs Prism under `prefix` with the `npm` program, unless it is there already.
fn install_with(npm: &str, prefix: &Path) -> Result<PathBuf, String> {
    let executable = prefix.join("node_modules/.bin/prism");
    let package = format!("@stoplight/prism-cli@{PRISM_VERSION}");
    crate::npm::install(npm, prefix, &[&package], &executable)?;
    Ok(executable)
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_npm_the_message_says_what_to_install() {
        let prefix = std::env::temp_dir().join(format!("prism-missing-npm-{}", std::process::id()));
        let err = install_with("npm-that-is-not-installed", &prefix).expect_err("no npm");
        assert!(err.contains("Node.js and npm"), "{err}");
        assert!(!prefix.exists(), "nothing is installed");
    }
}
