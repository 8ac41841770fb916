//! Generates a typed async Rust client crate from an OpenAPI 3.0, 3.1 or 3.2 document.
//!
//! The pipeline has one module per step, each deciding one thing: [`load`] (bytes to JSON, syntax errors
//! with line and column), [`overlay`] (Overlay 1.0 and 1.1 refinements), [`normalize`] (3.1 and 3.2 forms to 3.0), [`keys`]
//! (keys the OpenAPI model does not define, reported),
//! [`deserialize()`] (into `openapiv3`'s model, errors with a JSON pointer), [`lower`] (every naming and typing decision, into the [`ir`]), [`emit`] (token streams to formatted
//! files) and [`mod@write`] (write-if-changed and `--check`). [`generate_module`] and [`BuildScript`] give the
//! client as one module to include from a build script instead ([`bundle`]).

mod build_script;
pub mod bundle;
pub mod crate_names;
mod deserialize;
pub mod emit;
pub mod error;
pub mod ir;
pub mod keys;
pub mod load;
pub mod lower;
mod media_type;
mod module;
pub mod normalize;
pub mod overlay;
mod parallel;
pub mod settings;
pub mod write;

use std::path::{Path, PathBuf};

pub use build_script::BuildScript;
pub use deserialize::deserialize;
pub use error::{Error, Warning};
pub use module::Module;

/// What to generate from, and what to call the result.
#[derive(Debug, Clone)]
pub struct Config {
    /// The OpenAPI document (YAML or JSON).
    pub spec: PathBuf,
    /// Overlay 1.0 or 1.1 documents applied in order before normalisation; a directory stands for the overlays in it
    /// (see [`overlay_files`]).
    pub overlays: Vec<PathBuf>,
    /// Cargo package name of the generated crate.
    pub package_name: String,
    /// The command that regenerates the crate (`cargo run -p generator -- --spec ... --out ...`), which every
    /// generated file names in its first line; see [`regenerate_command`].
    pub regenerate: String,
}

impl Config {
    /// What `cargo run -p generator` generates by default, from the workspace at `root`: the Crisp spec, then
    /// one overlay per resource group (`spec/crisp/`, in file-name order), then the conventions every group
    /// shares (`spec/crisp-overlay.yml`: credentials, the answer envelope, shared types), into `crisp-client`.
    pub fn crisp(root: &Path) -> Self {
        Self {
            spec: root.join("spec/crisp-openapi.yml"),
            overlays: vec![root.join("spec/crisp"), root.join("spec/crisp-overlay.yml")],
            package_name: "crisp-client".to_string(),
            regenerate: "cargo run -p generator".to_string(),
        }
    }
}

/// The command that generates the crate `name` into `out` from `spec` and `overlays`, as the user wrote the
/// paths: what the crate's files name as the way to regenerate them.
pub fn regenerate_command(spec: &Path, overlays: &[PathBuf], out: &Path, name: &str) -> String {
    let mut command = format!("cargo run -p generator -- --spec {}", spec.display());
    for overlay in overlays {
        command.push_str(&format!(" --overlay {}", overlay.display()));
    }
    command.push_str(&format!(" --out {} --name {name}", out.display()));
    command
}

/// The overlay files `overlays` names, in the order they apply: a file as given, a directory as the `.yml`,
/// `.yaml` and `.json` files directly in it, sorted by file name, so a spec refined by many overlays (one per
/// resource group, say) needs no list to keep in step.
pub fn overlay_files(overlays: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in overlays {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let io_error = |source| Error::Io {
            file: path.clone(),
            source,
        };
        let mut found = Vec::new();
        for entry in std::fs::read_dir(path).map_err(io_error)? {
            let entry = entry.map_err(io_error)?;
            let file = entry.path();
            let is_overlay = file
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "yml" | "yaml" | "json"));
            if is_overlay && file.is_file() {
                found.push(file);
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// The generated crate, in memory.
#[derive(Debug)]
pub struct Generated {
    /// The files, paths relative to the crate root, in a fixed order.
    pub files: Vec<emit::GeneratedFile>,
    /// What the generator skipped, with where.
    pub warnings: Vec<Warning>,
    /// The lowered model, for inspection and snapshots.
    pub api: ir::Api,
}

/// Runs the whole pipeline: load, overlay, normalise, deserialise, lower, emit.
pub fn generate(config: &Config) -> Result<Generated, Error> {
    let (document, warnings) = effective_document_and_warnings(&config.spec, &config.overlays)?;
    generate_from_document(
        document,
        warnings,
        &config.spec,
        &config.package_name,
        &config.regenerate,
    )
}

/// Runs the whole pipeline and gives the client as one module of another crate, to be included at
/// `module_path` from that crate's root (`pets`, `api::pets`, or empty for the root itself):
/// `pub mod pets { include!(concat!(env!("OUT_DIR"), "/pets.rs")); }`. The [`Module`] also lists the
/// dependencies and features the including crate declares for it, as the generated `Cargo.toml` has them.
/// [`BuildScript`] calls this from a build script; [`bundle`] says how the crate's files become one module.
/// `config.regenerate` is not used: the module's first line says the build script regenerates it.
pub fn generate_module(config: &Config, module_path: &str) -> Result<Module, Error> {
    let module_path =
        bundle::ModulePath::parse(module_path).map_err(|message| Error::Usage { message })?;
    let generated = generate(config)?;
    module::from_generated(generated, &module_path, &config.spec)
}

/// The pipeline on documents already in memory (the fuzz target drives this): `spec` and `overlays` are file
/// contents, and `label` names the spec in errors.
pub fn generate_from_bytes(
    spec: &[u8],
    overlays: &[&[u8]],
    label: &Path,
    package_name: &str,
) -> Result<Generated, Error> {
    let mut document = load::parse_document(spec, label)?;
    for overlay in overlays {
        let overlay = load::parse_document(overlay, label)?;
        overlay::apply_overlay(&mut document, &overlay).map_err(|e| e.in_file(label))?;
    }
    let (document, warnings) = normalized(document, label)?;
    let regenerate = regenerate_command(label, &[], Path::new(package_name), package_name);
    generate_from_document(document, warnings, label, package_name, &regenerate)
}

/// Deserialises, lowers and emits the normalised `document`; `normalize_warnings` come first among the
/// warnings, in pipeline order.
fn generate_from_document(
    document: serde_json::Value,
    normalize_warnings: Vec<Warning>,
    file: &Path,
    package_name: &str,
    regenerate: &str,
) -> Result<Generated, Error> {
    let preamble = emit::preamble(regenerate);
    let emit_error = |message: String| Error::Document {
        file: file.to_path_buf(),
        message: format!("internal error while emitting the crate: {message}"),
    };
    // `openapi.json` is written on a second core while this one deserialises and lowers the document.
    let (spec_file, lowered) = std::thread::scope(|scope| {
        let spec_file = scope.spawn(|| emit::spec_file(&document, &preamble));
        let lowered =
            deserialize(&document, file).map(|spec| lower::lower(&spec, &document, package_name));
        let spec_file = spec_file
            .join()
            .unwrap_or_else(|_| Err("writing openapi.json panicked".to_string()));
        (spec_file, lowered)
    });
    let (mut api, lowering_warnings) = lowered?;
    let unknown_keys = keys::unknown_keys(&document);
    api.coverage.attribute(
        unknown_keys
            .iter()
            .filter(|w| {
                keys::UNTYPING_KEYWORDS
                    .iter()
                    .any(|keyword| w.pointer.ends_with(&format!("/{keyword}")))
            })
            .map(|w| (w.pointer.as_str(), w.message.as_str())),
    );
    let mut warnings = normalize_warnings;
    warnings.extend(unknown_keys);
    warnings.extend(lowering_warnings);
    let files =
        emit::emit_crate(&api, spec_file.map_err(emit_error)?, &preamble).map_err(emit_error)?;
    Ok(Generated {
        files,
        warnings,
        api,
    })
}

/// The document the client is generated from: the spec with every overlay applied, normalised to 3.0 form.
pub fn effective_document(spec: &Path, overlays: &[PathBuf]) -> Result<serde_json::Value, Error> {
    effective_document_and_warnings(spec, overlays).map(|(document, _)| document)
}

/// [`effective_document`], with what normalising it left out or changed at a loss (what a 3.2 document says
/// that the client cannot send yet), for [`generate`] to report beside the other warnings.
fn effective_document_and_warnings(
    spec: &Path,
    overlays: &[PathBuf],
) -> Result<(serde_json::Value, Vec<Warning>), Error> {
    // The spec and its overlays are read on all cores (Crisp has twenty overlays, and reading YAML is most of
    // loading), then applied in order.
    let overlay_paths = overlay_files(overlays)?;
    let files: Vec<&Path> = std::iter::once(spec)
        .chain(overlay_paths.iter().map(PathBuf::as_path))
        .collect();
    let size = |path: &&Path| std::fs::metadata(path).map_or(0, |m| m.len() as usize);
    let loaded =
        parallel::in_parallel(&files, size, |path| load::load_file(path)).ok_or_else(|| {
            Error::Document {
                file: spec.to_path_buf(),
                message: "a thread reading the spec and its overlays panicked".to_string(),
            }
        })?;
    let mut loaded = loaded.into_iter();
    let mut document = loaded.next().unwrap_or_else(|| load::load_file(spec))?;
    for (overlay, overlay_path) in loaded.zip(&overlay_paths) {
        overlay::apply_overlay(&mut document, &overlay?).map_err(|e| e.in_file(overlay_path))?;
    }
    normalized(document, spec)
}

/// Normalises a document and checks it is within the generator's bounds; with normalisation's warnings.
fn normalized(
    mut document: serde_json::Value,
    spec: &Path,
) -> Result<(serde_json::Value, Vec<Warning>), Error> {
    let warnings = normalize::normalize(&mut document).map_err(|e| e.in_file(spec))?;
    let operations = count_operations(&document);
    if operations > MAX_OPERATIONS {
        return Err(Error::Document {
            file: spec.to_path_buf(),
            message: format!(
                "the document declares {operations} operations; the generator handles up to {MAX_OPERATIONS} \
                 (GitHub's whole REST API has about 1,200)"
            ),
        });
    }
    Ok((document, warnings))
}

/// The most operations one generated client may have: far beyond any real API, and a bound on time and memory.
pub const MAX_OPERATIONS: usize = 20_000;

/// How many operations a normalised document declares: one per method of each path item, those of
/// `x-additional-operations` (3.2's `query` and `additionalOperations`) included.
pub fn count_operations(document: &serde_json::Value) -> usize {
    document
        .get("paths")
        .and_then(serde_json::Value::as_object)
        .map_or(0, |paths| {
            paths
                .values()
                .map(|item| {
                    let additional = item
                        .get(normalize::ADDITIONAL_OPERATIONS)
                        .and_then(serde_json::Value::as_object)
                        .map_or(0, serde_json::Map::len);
                    normalize::HTTP_METHODS
                        .iter()
                        .filter(|m| item.get(**m).is_some())
                        .count()
                        + additional
                })
                .sum()
        })
}

/// The specs the unit tests read whole: Crisp's, the pets fixture, and the vendored `@readme/oas-examples`
/// corpus (3.0 and 3.1).
#[cfg(test)]
fn spec_files_for_tests() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = vec![
        root.join("spec/crisp-openapi.yml"),
        root.join("generator/tests/fixtures/pets-3.1.yaml"),
    ];
    for version in ["3.0", "3.1"] {
        let dir = root.join("tests/corpus/oas-examples-8.2.2").join(version);
        let entries = std::fs::read_dir(&dir).expect("the vendored corpus");
        specs.extend(entries.map(|entry| entry.expect("a directory entry").path()));
    }
    specs
}
