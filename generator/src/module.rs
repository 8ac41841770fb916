//! A client as a module of another crate ([`crate::generate_module`]): the bundled source, and what the including
//! crate's `Cargo.toml` must declare for it to compile (dependencies and features), read from the manifest
//! the generator writes for the crate, so the two never drift.

use std::path::Path;

use crate::bundle::{self, ModulePath};
use crate::{Error, Generated, Warning};

/// A generated client as one module's source, and what the crate that includes it needs.
#[derive(Debug, Clone)]
pub struct Module {
    /// The module's body, for `include!` inside `mod <name> { ... }` at the module path it was generated for.
    pub source: String,
    /// The `[dependencies]` lines of the generated crate's `Cargo.toml` (`serde_json = "1"`), one per
    /// dependency, in its order: the including crate must declare each.
    pub dependencies: Vec<String>,
    /// The `[features]` lines of the generated crate's `Cargo.toml` (`full-serde = []`): the code tests them
    /// with `cfg(feature = ...)`, so the including crate declares them (Cargo warns about a `cfg` naming a
    /// feature a crate does not declare) and turns them on as it likes.
    pub features: Vec<String>,
    /// The Rust edition the code is written for (`2021`); the including crate should use it too.
    pub edition: String,
    /// What the generator skipped, with where.
    pub warnings: Vec<Warning>,
}

impl Module {
    /// The names of [`Module::dependencies`] (`serde_json`), as the code refers to them.
    pub fn dependency_names(&self) -> impl Iterator<Item = &str> {
        self.dependencies.iter().map(|line| key_of(line))
    }

    /// The names of [`Module::features`] (`full-serde`).
    pub fn feature_names(&self) -> impl Iterator<Item = &str> {
        self.features.iter().map(|line| key_of(line))
    }

    /// The tables to put in the including crate's `Cargo.toml`, as TOML: `[dependencies]`, then `[features]`
    /// when the code has any.
    pub fn manifest_tables(&self) -> String {
        let mut text = String::from("[dependencies]\n");
        for line in &self.dependencies {
            text.push_str(line);
            text.push('\n');
        }
        if !self.features.is_empty() {
            text.push_str("\n[features]\n");
            for line in &self.features {
                text.push_str(line);
                text.push('\n');
            }
        }
        text
    }
}

/// The key of a `key = value` line.
fn key_of(line: &str) -> &str {
    line.split_once('=').map_or(line, |(key, _)| key).trim()
}

/// The module for `generated`, a crate generated from `spec`, to be included at `module_path`.
pub(crate) fn from_generated(
    generated: Generated,
    module_path: &ModulePath,
    spec: &Path,
) -> Result<Module, Error> {
    let internal = |message: String| Error::Document {
        file: spec.to_path_buf(),
        message: format!("internal error while bundling the client as a module: {message}"),
    };
    let manifest = generated
        .files
        .iter()
        .find(|file| file.path == "Cargo.toml")
        .ok_or_else(|| internal("the crate has no Cargo.toml".to_string()))?;
    let tables = ManifestTables::read(&manifest.contents).map_err(internal)?;
    let first_line = format!(
        "@generated from `{}` by the build script (build.rs) of the crate that includes this file. Do not edit: \
         change the spec, its overlays or the generator, and build again.",
        spec.display()
    );
    let source = bundle::bundle(
        &generated.files,
        &bundle::Options {
            module_path,
            package_name: &tables.package_name,
            package_version: &tables.package_version,
            first_line: &first_line,
        },
    )
    .map_err(internal)?;
    Ok(Module {
        source,
        dependencies: tables.dependencies,
        features: tables.features,
        edition: tables.edition,
        warnings: generated.warnings,
    })
}

/// What a bundle takes from the generated `Cargo.toml`.
#[derive(Debug, PartialEq, Eq)]
struct ManifestTables {
    package_name: String,
    package_version: String,
    edition: String,
    dependencies: Vec<String>,
    features: Vec<String>,
}

impl ManifestTables {
    /// Reads the manifest the generator wrote: parsed as TOML for the package's fields, and line by line for
    /// the two tables, whose lines are given as written. Each table must be one entry a line, which the
    /// parsed table confirms.
    fn read(manifest: &str) -> Result<Self, String> {
        let parsed: toml::Table =
            toml::from_str(manifest).map_err(|err| format!("Cargo.toml: {err}"))?;
        let package_field = |field: &str| {
            parsed
                .get("package")
                .and_then(|package| package.get(field))
                .and_then(toml::Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("Cargo.toml has no package.{field}"))
        };
        Ok(Self {
            package_name: package_field("name")?,
            package_version: package_field("version")?,
            edition: package_field("edition")?,
            dependencies: table_lines(manifest, &parsed, "dependencies")?,
            features: table_lines(manifest, &parsed, "features")?,
        })
    }
}

/// The entries of the top-level table `name` of `manifest`, one line each as written (comments and blank lines
/// left out); none when there is no such table.
fn table_lines(manifest: &str, parsed: &toml::Table, name: &str) -> Result<Vec<String>, String> {
    let header = format!("[{name}]");
    let lines: Vec<String> = manifest
        .lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect();
    let entries = parsed
        .get(name)
        .and_then(toml::Value::as_table)
        .map_or(0, toml::Table::len);
    let one_a_line = lines.len() == entries
        && lines.iter().all(|line| {
            toml::from_str::<toml::Table>(line).is_ok_and(|entry| entry.len() == 1)
                && parsed
                    .get(name)
                    .and_then(|table| table.get(key_of(line)))
                    .is_some()
        });
    if !one_a_line {
        return Err(format!(
            "the [{name}] table of Cargo.toml is not one entry a line"
        ));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_read_line_by_line() {
        let manifest = "# @generated\n[package]\nname = \"pets-client\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
                        [dependencies]\nbytes = \"1\"\nreqwest = { version = \"0.12\", features = [\"http2\"] }\n\n\
                        [features]\n# Every derive.\nfull-serde = []\n";
        let tables = ManifestTables::read(manifest).expect("reads");
        assert_eq!(
            tables,
            ManifestTables {
                package_name: "pets-client".into(),
                package_version: "0.1.0".into(),
                edition: "2021".into(),
                dependencies: vec![
                    "bytes = \"1\"".into(),
                    "reqwest = { version = \"0.12\", features = [\"http2\"] }".into()
                ],
                features: vec!["full-serde = []".into()],
            }
        );
    }

    #[test]
    fn a_table_over_several_lines_is_refused() {
        let manifest =
            "[package]\nname = \"a\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\n\
                        reqwest = { version = \"0.12\", features = [\n  \"http2\",\n] }\n";
        let error = ManifestTables::read(manifest).expect_err("not one a line");
        assert!(error.contains("[dependencies]"), "{error}");
    }
}
