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
    generate_from_document(document, &config.spec, &config.package_name)
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
    let document = normalized(document, label)?;
    generate_from_document(document, label, package_name)
}

fn generate_from_document(
    document: serde_json::Value,
    file: &Path,
    package_name: &str,
) -> Result<Generated, Error> {
    let spec = deserialize(&document, file)?;
    let (api, warnings) = lower::lower(&spec, &document, package_name);
    let files = emit::emit_crate(&api, &document).map_err(|message| Error::Document {
        file: file.to_path_buf(),
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
    normalized(document, spec)
}

/// Normalises a document and checks it is within the generator's bounds.
fn normalized(mut document: serde_json::Value, spec: &Path) -> Result<serde_json::Value, Error> {
    normalize::normalize(&mut document).map_err(|e| e.in_file(spec))?;
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
    Ok(document)
}

/// The most operations one generated client may have: far beyond any real API, and a bound on time and memory.
pub const MAX_OPERATIONS: usize = 20_000;

fn count_operations(document: &serde_json::Value) -> usize {
    document
        .get("paths")
        .and_then(serde_json::Value::as_object)
        .map_or(0, |paths| {
            paths
                .values()
                .map(|item| {
                    normalize::HTTP_METHODS
                        .iter()
                        .filter(|m| item.get(**m).is_some())
                        .count()
                })
                .sum()
        })
}

/// Reads the normalised document into `openapiv3`'s model; errors carry the JSON pointer of the bad value.
pub fn deserialize(document: &serde_json::Value, file: &Path) -> Result<openapiv3::OpenAPI, Error> {
    serde_path_to_error::deserialize(document).map_err(|err| {
        let (pointer, message) = narrow_error(document)
            .unwrap_or_else(|| (pointer_of(err.path(), "#"), err.inner().to_string()));
        Error::At {
            file: file.to_path_buf(),
            pointer,
            message: format!("not a valid OpenAPI 3.0 document here: {message}"),
        }
    })
}

/// `openapiv3` flattens `paths` (and extensions), which hides the inner path of an error. Deserialising each
/// path item and each component on its own finds the entry that fails and the path inside it.
fn narrow_error(document: &serde_json::Value) -> Option<(String, String)> {
    use openapiv3::{
        Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    };

    fn first_failure<T: serde::de::DeserializeOwned>(
        entries: Option<&serde_json::Value>,
        at: &str,
    ) -> Option<(String, String)> {
        entries?.as_object()?.iter().find_map(|(key, value)| {
            let err = serde_path_to_error::deserialize::<_, T>(value).err()?;
            Some((
                pointer_of(err.path(), &error::pointer_push(at, key)),
                err.inner().to_string(),
            ))
        })
    }
    let components = document.get("components");
    let section = |name: &str| components.and_then(|c| c.get(name));
    let paths = document.get("paths").and_then(serde_json::Value::as_object);
    paths
        .into_iter()
        .flatten()
        .find_map(|(path, item)| narrow_path_item(item, &error::pointer_push("#/paths", path)))
        .or_else(|| first_failure::<ReferenceOr<PathItem>>(document.get("paths"), "#/paths"))
        .or_else(|| {
            first_failure::<ReferenceOr<Schema>>(section("schemas"), "#/components/schemas")
        })
        .or_else(|| {
            first_failure::<ReferenceOr<Parameter>>(
                section("parameters"),
                "#/components/parameters",
            )
        })
        .or_else(|| {
            first_failure::<ReferenceOr<Response>>(section("responses"), "#/components/responses")
        })
        .or_else(|| {
            first_failure::<ReferenceOr<RequestBody>>(
                section("requestBodies"),
                "#/components/requestBodies",
            )
        })
        .or_else(|| {
            first_failure::<ReferenceOr<SecurityScheme>>(
                section("securitySchemes"),
                "#/components/securitySchemes",
            )
        })
}

/// The first part of a path item that fails to deserialise: a parameter, a request body, a response.
fn narrow_path_item(item: &serde_json::Value, at: &str) -> Option<(String, String)> {
    use openapiv3::{Parameter, ReferenceOr, RequestBody, Response};

    fn check<T: serde::de::DeserializeOwned>(
        value: &serde_json::Value,
        at: &str,
    ) -> Option<(String, String)> {
        let err = serde_path_to_error::deserialize::<_, T>(value).err()?;
        Some((pointer_of(err.path(), at), err.inner().to_string()))
    }
    fn parameters(value: Option<&serde_json::Value>, at: &str) -> Option<(String, String)> {
        let value = value?;
        let at = error::pointer_push(at, "parameters");
        let Some(list) = value.as_array() else {
            return check::<Vec<ReferenceOr<Parameter>>>(value, &at);
        };
        list.iter().enumerate().find_map(|(i, p)| {
            check::<ReferenceOr<Parameter>>(p, &error::pointer_push(&at, &i.to_string()))
        })
    }
    let item = item.as_object()?;
    parameters(item.get("parameters"), at).or_else(|| {
        item.iter()
            .filter(|(key, _)| ir::HttpMethod::ALL.iter().any(|m| m.spec_name() == *key))
            .find_map(|(method, op)| {
                let op_at = error::pointer_push(at, method);
                let body = op.get("requestBody").and_then(|body| {
                    check::<ReferenceOr<RequestBody>>(
                        body,
                        &error::pointer_push(&op_at, "requestBody"),
                    )
                });
                let responses_at = error::pointer_push(&op_at, "responses");
                let responses = || {
                    op.get("responses")?
                        .as_object()?
                        .iter()
                        .find_map(|(status, response)| {
                            check::<ReferenceOr<Response>>(
                                response,
                                &error::pointer_push(&responses_at, status),
                            )
                        })
                };
                parameters(op.get("parameters"), &op_at)
                    .or(body)
                    .or_else(responses)
                    .or_else(|| check::<openapiv3::Operation>(op, &op_at))
            })
    })
}

fn pointer_of(path: &serde_path_to_error::Path, base: &str) -> String {
    path.iter()
        .fold(base.to_string(), |pointer, segment| match segment {
            serde_path_to_error::Segment::Seq { index } => {
                error::pointer_push(&pointer, &index.to_string())
            }
            serde_path_to_error::Segment::Map { key }
            | serde_path_to_error::Segment::Enum { variant: key } => {
                error::pointer_push(&pointer, key)
            }
            serde_path_to_error::Segment::Unknown => pointer,
        })
}
