//! Scratch workspaces of generated crates, checked with warnings denied. They share one target directory, and
//! the workspace's lock file, so their dependencies are resolved and compiled once for every test that uses one.

use std::path::Path;
use std::process::{Command, Output};

use crate::workspace_root;

/// Writes `dir/Cargo.toml` naming `members` (folders of `dir`), with the workspace's `Cargo.lock` beside it so
/// nothing new is resolved or fetched. Checks need no debug information nor incremental caches: with them,
/// GitHub's client alone took 6 GB of disk.
pub fn write_workspace(dir: &Path, members: &[String]) {
    let members: String = members
        .iter()
        .map(|member| format!("    \"{member}\",\n"))
        .collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [\n{members}]\n\n\
             [profile.dev]\ndebug = false\nincremental = false\n"
        ),
    )
    .expect("scratch workspace written");
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .expect("lock file copied");
}

/// Runs `cargo <args> --workspace` in the scratch workspace `dir`, warnings denied for rustc and rustdoc.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .args(["--workspace", "--quiet", "--message-format", "short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target(dir))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

/// The target directory every scratch workspace builds into: a sibling of the workspaces, which tests keep in
/// their `CARGO_TARGET_TMPDIR`.
fn shared_target(dir: &Path) -> std::path::PathBuf {
    dir.parent().unwrap_or(dir).join("scratch-target")
}
