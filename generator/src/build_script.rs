//! Generating from a build script: a crate that would rather not commit its client generates it into
//! `OUT_DIR` when it builds and includes it as a module. [`BuildScript`] does what a `build.rs` needs around
//! [`crate::generate_module`]: tells Cargo which files to watch, writes the module only when it changed (so
//! the crate is not recompiled for nothing), and shows the generator's warnings and any dependency or
//! feature the crate's `Cargo.toml` lacks as Cargo warnings.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::bundle::ModulePath;
use crate::{generate_module, Config, Error, Module};

/// A client to generate from a build script, into `OUT_DIR`. Relative paths are relative to the crate's root,
/// the directory Cargo runs build scripts in.
///
/// ```no_run
/// // The `main` of build.rs, with `generator` as a build dependency:
/// if let Err(err) = generator::BuildScript::new("spec/openapi.yml", "api").run() {
///     eprintln!("error: {err}");
///     std::process::exit(1);
/// }
/// ```
///
/// and in the crate: `pub mod api { include!(concat!(env!("OUT_DIR"), "/api.rs")); }`.
#[derive(Debug, Clone)]
pub struct BuildScript {
    spec: PathBuf,
    overlays: Vec<PathBuf>,
    module_path: String,
    package_name: Option<String>,
    out_file: Option<String>,
    print_warnings: bool,
}

impl BuildScript {
    /// The client of the OpenAPI document `spec` (YAML or JSON), to be included at `module_path` from the
    /// crate's root (`api`, `clients::api`; the module's `crate::` paths are written to match).
    pub fn new(spec: impl Into<PathBuf>, module_path: impl Into<String>) -> Self {
        Self {
            spec: spec.into(),
            overlays: Vec::new(),
            module_path: module_path.into(),
            package_name: None,
            out_file: None,
            print_warnings: true,
        }
    }

    /// Applies an Overlay 1.0 or 1.1 document, or the overlays of a directory in file-name order, after those given
    /// before.
    pub fn overlay(mut self, overlay: impl Into<PathBuf>) -> Self {
        self.overlays.push(overlay.into());
        self
    }

    /// The name the client goes by: its default `User-Agent` is `<name>/0.1.0`. Default: the last segment of
    /// the module path, with `-` for `_` (`api` for `clients::api`).
    pub fn package_name(mut self, name: impl Into<String>) -> Self {
        self.package_name = Some(name.into());
        self
    }

    /// The file written in `OUT_DIR`, the name the `include!` gives. Default: the last segment of the module
    /// path with `.rs` (`api.rs`), or `client.rs` at the crate root.
    pub fn out_file(mut self, name: impl Into<String>) -> Self {
        self.out_file = Some(name.into());
        self
    }

    /// Whether the generator's warnings (what it skipped of the spec, with where) are printed as Cargo
    /// warnings, shown on every build of the crate; on unless turned off. They stay in [`Module::warnings`].
    pub fn print_warnings(mut self, print: bool) -> Self {
        self.print_warnings = print;
        self
    }

    /// Generates the module and writes it into `OUT_DIR` if it changed, printing what Cargo should know
    /// (`cargo::rerun-if-changed` for the spec, each overlay and `Cargo.toml`; `cargo::warning` for each
    /// generator warning and for each dependency or feature `Cargo.toml` lacks). Fails outside a build
    /// script, on a module path or file name that cannot be used, and as [`crate::generate`] does.
    pub fn run(&self) -> Result<Module, Error> {
        let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
            Error::Usage {
                message: "OUT_DIR is not set: BuildScript runs in a build script (build.rs), where Cargo \
                          sets it"
                    .to_string(),
            }
        })?;
        let module_path =
            ModulePath::parse(&self.module_path).map_err(|message| Error::Usage { message })?;
        let out_file = self.out_file_name(&module_path)?;
        let print = |line: String| {
            // Cargo reads these lines; if stdout is gone there is nobody to tell.
            let _ = writeln!(std::io::stdout(), "{line}");
        };
        for path in std::iter::once(&self.spec).chain(&self.overlays) {
            print(format!("cargo::rerun-if-changed={}", path.display()));
        }
        let config = Config {
            spec: self.spec.clone(),
            overlays: self.overlays.clone(),
            package_name: self.package_name_for(&module_path),
            regenerate: "the build script of the crate that includes it".to_string(),
        };
        let module = generate_module(&config, &module_path.to_rust())?;
        write_if_changed(&out_dir.join(out_file), &module.source)?;
        if self.print_warnings {
            for warning in &module.warnings {
                print(cargo_warning(&format!(
                    "{}: {warning}",
                    self.spec.display()
                )));
            }
        }
        if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
            let manifest = Path::new(&manifest_dir).join("Cargo.toml");
            print(format!("cargo::rerun-if-changed={}", manifest.display()));
            if let Ok(text) = std::fs::read_to_string(&manifest) {
                for missing in missing_from_manifest(&module, &text) {
                    print(cargo_warning(&missing));
                }
            }
        }
        Ok(module)
    }

    /// The file name in `OUT_DIR`: as given if it is a plain file name, or from the module path.
    fn out_file_name(&self, module_path: &ModulePath) -> Result<String, Error> {
        let name = match &self.out_file {
            Some(name) => name.clone(),
            None => format!("{}.rs", module_path.last().as_deref().unwrap_or("client")),
        };
        let plain =
            Path::new(&name).file_name().and_then(|file| file.to_str()) == Some(name.as_str());
        if !plain {
            return Err(Error::Usage {
                message: format!(
                    "out file `{name}`: give a file name (such as `api.rs`), which is written in OUT_DIR"
                ),
            });
        }
        Ok(name)
    }

    /// The package name: as given, or from the module path.
    fn package_name_for(&self, module_path: &ModulePath) -> String {
        self.package_name.clone().unwrap_or_else(|| {
            module_path
                .last()
                .map_or_else(|| "client".to_string(), |last| last.replace('_', "-"))
        })
    }
}

/// A `cargo::warning` line; Cargo reads one line, so line breaks become spaces.
fn cargo_warning(message: &str) -> String {
    format!("cargo::warning={}", message.replace(['\r', '\n'], " "))
}

/// Writes `contents` to `path` unless it already holds them: an unchanged file keeps its modification time, so
/// Cargo does not recompile the crate.
fn write_if_changed(path: &Path, contents: &str) -> Result<(), Error> {
    if std::fs::read(path).is_ok_and(|existing| existing == contents.as_bytes()) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|source| Error::Io {
        file: path.to_path_buf(),
        source,
    })
}

/// What the crate's manifest `manifest` lacks for `module`, each said as a warning: a dependency missing from
/// `[dependencies]` or a feature from `[features]`. A manifest that does not parse says nothing (Cargo
/// reports it). Dependencies declared only for some targets count as missing.
fn missing_from_manifest(module: &Module, manifest: &str) -> Vec<String> {
    let Ok(parsed) = toml::from_str::<toml::Table>(manifest) else {
        return Vec::new();
    };
    let declares = |table: &str, key: &str| {
        parsed
            .get(table)
            .and_then(toml::Value::as_table)
            .is_some_and(|entries| entries.contains_key(key))
    };
    let mut missing = Vec::new();
    for (name, line) in module.dependency_names().zip(&module.dependencies) {
        if !declares("dependencies", name) {
            missing.push(format!(
                "the generated module uses `{name}`: add `{line}` to [dependencies] in Cargo.toml"
            ));
        }
    }
    for (name, line) in module.feature_names().zip(&module.features) {
        if !declares("features", name) {
            missing.push(format!(
                "the generated module tests the feature `{name}`: add `{line}` to [features] in Cargo.toml"
            ));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module() -> Module {
        Module {
            source: String::new(),
            dependencies: vec!["serde_json = \"1\"".into(), "tracing = \"0.1\"".into()],
            features: vec!["full-serde = []".into()],
            edition: "2021".into(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn what_the_manifest_lacks_is_named_with_the_line_to_add() {
        let manifest = "[package]\nname = \"x\"\n[dependencies]\ntracing = { workspace = true }\n";
        assert_eq!(
            missing_from_manifest(&module(), manifest),
            [
                "the generated module uses `serde_json`: add `serde_json = \"1\"` to [dependencies] in Cargo.toml",
                "the generated module tests the feature `full-serde`: add `full-serde = []` to [features] in Cargo.toml",
            ]
        );
        let complete = format!("{manifest}serde_json = \"1\"\n[features]\nfull-serde = []\n");
        assert!(missing_from_manifest(&module(), &complete).is_empty());
    }

    #[test]
    fn names_default_to_the_module_path() {
        let path = ModulePath::parse("clients::my_api").expect("a path");
        let build = BuildScript::new("spec.yml", "clients::my_api");
        assert_eq!(build.package_name_for(&path), "my-api");
        assert_eq!(
            build.out_file_name(&path).ok().as_deref(),
            Some("my_api.rs")
        );
        let root = ModulePath::parse("").expect("the root");
        assert_eq!(
            build.out_file_name(&root).ok().as_deref(),
            Some("client.rs")
        );
        for wrong in ["../x.rs", "a/b.rs", ""] {
            assert!(
                build.clone().out_file(wrong).out_file_name(&path).is_err(),
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_warning_is_one_line() {
        assert_eq!(cargo_warning("a\nb"), "cargo::warning=a b");
    }
}
