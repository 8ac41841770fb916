//! Generates a typed async Rust client crate from an OpenAPI 3.0 or 3.1 document.
//!
//! The pipeline has one module per step, each deciding one thing: [`load`] (bytes to JSON, syntax errors
//! with line and column), [`overlay`] (Overlay 1.0 refinements), [`normalize`] (3.1 forms to 3.0),
//! [`lower`] (every naming and typing decision, into the [`ir`]), [`emit`] (token streams to formatted
//! files) and [`write`] (write-if-changed and `--check`).

pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod normalize;
pub mod overlay;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, Warning};

/// What to generate from, and what to call the result.
#[derive(Debug, Clone)]
pub struct Config {
    /// The OpenAPI document (YAML or JSON).
    pub spec: PathBuf,
    /// Overlay 1.0 documents applied in order before normalisation.
    pub overlays: Vec<PathBuf>,
    /// Cargo package name of the generated crate.
    pub package_name: String,
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
    let document = effective_document(&config.spec, &config.overlays)?;
    let spec = deserialize(&document, &config.spec)?;
    let (api, warnings) = lower::lower(&spec, &document, &config.package_name);
    let files = emit::emit_crate(&api).map_err(|message| Error::Document {
        file: config.spec.clone(),
        message: format!("internal error while emitting the crate: {message}"),
    })?;
    Ok(Generated {
        files,
        warnings,
        api,
    })
}

/// The document the client is generated from: the spec with every overlay applied, normalised to 3.0 form.
pub fn effective_document(spec: &Path, overlays: &[PathBuf]) -> Result<serde_json::Value, Error> {
    let mut document = load::load_file(spec)?;
    for overlay_path in overlays {
        let overlay = load::load_file(overlay_path)?;
        overlay::apply_overlay(&mut document, &overlay).map_err(|e| e.in_file(overlay_path))?;
    }
    normalize::normalize(&mut document).map_err(|e| e.in_file(spec))?;
    Ok(document)
}

/// Reads the normalised document into `openapiv3`'s model; errors carry the JSON pointer of the bad value.
pub fn deserialize(document: &serde_json::Value, file: &Path) -> Result<openapiv3::OpenAPI, Error> {
    serde_path_to_error::deserialize(document).map_err(|err| {
        let pointer = err
            .path()
            .iter()
            .fold("#".to_string(), |pointer, segment| match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    error::pointer_push(&pointer, &index.to_string())
                }
                serde_path_to_error::Segment::Map { key }
                | serde_path_to_error::Segment::Enum { variant: key } => {
                    error::pointer_push(&pointer, key)
                }
                serde_path_to_error::Segment::Unknown => pointer,
            });
        Error::At {
            file: file.to_path_buf(),
            pointer,
            message: format!("not a valid OpenAPI 3.0 document here: {}", err.inner()),
        }
    })
}
