//! Deserialising: the normalised document into `openapiv3`'s model. `openapiv3` flattens its extensions into
//! the document, its paths and its components, so serde would buffer a whole document (13 MB for GitHub's)
//! several times before reading it. Here those three are read member by member instead, paths and components
//! on two cores. If that fails, the document is read once more the ordinary way, tracking where it fails.

use std::path::Path;

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, PathItem, Paths, ReferenceOr};
use serde::de::{DeserializeOwned, Error as _};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{error, ir, Error};

/// Reads the normalised document into `openapiv3`'s model; errors carry the JSON pointer of the bad value.
pub fn deserialize(document: &Value, file: &Path) -> Result<OpenAPI, Error> {
    if let Ok(spec) = in_parts(document) {
        return Ok(spec);
    }
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

/// The same model as `OpenAPI::deserialize`, with paths and components read entry by entry (paths on a
/// second core). Any failure, including a shape this does not expect, is left to the ordinary reading.
fn in_parts(document: &Value) -> Result<OpenAPI, serde_json::Error> {
    let Value::Object(members) = document else {
        return OpenAPI::deserialize(document);
    };
    // The small members, read as a document with empty paths and without components.
    let mut head: Map<String, Value> = members
        .iter()
        .filter(|(key, _)| {
            !key.starts_with("x-") && !matches!(key.as_str(), "paths" | "components")
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let paths = members.get("paths");
    if paths.is_some() {
        head.insert("paths".to_string(), Value::Object(Map::new()));
    }
    let (paths, components) = std::thread::scope(|scope| {
        let paths = scope.spawn(|| paths.map(read_paths).transpose());
        let components = match members.get("components") {
            None | Some(Value::Null) => Ok(None),
            Some(components) => read_components(components).map(Some),
        };
        let paths = paths
            .join()
            .unwrap_or_else(|_| Err(serde_json::Error::custom("reading the paths panicked")));
        (paths, components)
    });
    let mut spec = OpenAPI::deserialize(Value::Object(head))?;
    if let Some(paths) = paths? {
        spec.paths = paths;
    }
    spec.components = components?;
    spec.extensions = extensions(members);
    Ok(spec)
}

/// `paths`: path items under keys that start with `/`, extensions under `x-`, anything else ignored.
fn read_paths(value: &Value) -> Result<Paths, serde_json::Error> {
    let Value::Object(entries) = value else {
        return Paths::deserialize(value);
    };
    let mut paths = IndexMap::with_capacity(entries.len());
    for (key, item) in entries.iter().filter(|(key, _)| key.starts_with('/')) {
        paths.insert(key.clone(), reference_or::<PathItem>(item)?);
    }
    Ok(Paths {
        paths,
        extensions: extensions(entries),
    })
}

fn read_components(value: &Value) -> Result<Components, serde_json::Error> {
    let Value::Object(sections) = value else {
        return Components::deserialize(value);
    };
    let section = |name: &str| sections.get(name);
    Ok(Components {
        schemas: entries(section("schemas"))?,
        responses: entries(section("responses"))?,
        parameters: entries(section("parameters"))?,
        examples: entries(section("examples"))?,
        request_bodies: entries(section("requestBodies"))?,
        headers: entries(section("headers"))?,
        security_schemes: entries(section("securitySchemes"))?,
        links: entries(section("links"))?,
        callbacks: entries(section("callbacks"))?,
        extensions: extensions(sections),
    })
}

/// One section of `components`, entry by entry; a missing section is empty.
fn entries<T: DeserializeOwned>(
    section: Option<&Value>,
) -> Result<IndexMap<String, ReferenceOr<T>>, serde_json::Error> {
    match section {
        None => Ok(IndexMap::new()),
        Some(Value::Object(entries)) => entries
            .iter()
            .map(|(key, value)| Ok((key.clone(), reference_or(value)?)))
            .collect(),
        Some(other) => IndexMap::deserialize(other),
    }
}

/// What `ReferenceOr::deserialize` makes of `value`: a reference when it has a string `$ref`, else the item.
/// `ReferenceOr` is an untagged enum, so serde would first copy the whole entry (a schema with everything
/// inside it) to try it as a reference; here the entry is looked at and read once.
fn reference_or<T: DeserializeOwned>(value: &Value) -> Result<ReferenceOr<T>, serde_json::Error> {
    match value.get("$ref") {
        Some(Value::String(reference)) => Ok(ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        _ => T::deserialize(value).map(ReferenceOr::Item),
    }
}

/// The `x-` members of an object, as `openapiv3` keeps them.
fn extensions(members: &Map<String, Value>) -> IndexMap<String, Value> {
    members
        .iter()
        .filter(|(key, _)| key.starts_with("x-"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// `openapiv3` flattens `paths` (and extensions), which hides the inner path of an error. Deserialising each
/// path item and each component on its own finds the entry that fails and the path inside it.
fn narrow_error(document: &Value) -> Option<(String, String)> {
    use openapiv3::{
        Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    };

    fn first_failure<T: DeserializeOwned>(
        entries: Option<&Value>,
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
    let paths = document.get("paths").and_then(Value::as_object);
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
fn narrow_path_item(item: &Value, at: &str) -> Option<(String, String)> {
    use openapiv3::{Parameter, ReferenceOr, RequestBody, Response};

    fn check<T: DeserializeOwned>(value: &Value, at: &str) -> Option<(String, String)> {
        let err = serde_path_to_error::deserialize::<_, T>(value).err()?;
        Some((pointer_of(err.path(), at), err.inner().to_string()))
    }
    fn parameters(value: Option<&Value>, at: &str) -> Option<(String, String)> {
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// What `in_parts` must equal: `openapiv3`'s own reading of the whole document.
    fn ordinary(document: &Value) -> OpenAPI {
        OpenAPI::deserialize(document).expect("a valid document")
    }

    #[test]
    fn extensions_odd_keys_and_null_components_read_as_openapiv3_reads_them() {
        let document = json!({
            "openapi": "3.0.3",
            "x-top": {"a": [1, 2]},
            "info": {"title": "t", "version": "1", "x-info": true},
            "paths": {
                "/b": {"get": {"responses": {"200": {"description": "ok"}}}},
                "x-paths": 1,
                "not-a-path": {"ignored": true},
                "/a": {"$ref": "#/paths/~1b"}
            },
            "components": {
                "schemas": {
                    "B": {"type": "string"},
                    "A": {"$ref": "#/components/schemas/B"},
                    "C": {"$ref": "#/components/schemas/B", "description": "a sibling of $ref"},
                    "D": {"type": "object", "$ref": 3}
                },
                "responses": {"Gone": {"$ref": "#/components/responses/Other"}},
                "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "K"}},
                "x-components": "yes",
                "unknown": {}
            },
            "tags": [{"name": "t"}]
        });
        let spec = in_parts(&document).expect("reads");
        assert_eq!(spec, ordinary(&document));
        assert_eq!(
            spec.paths.paths.keys().collect::<Vec<_>>(),
            ["/b", "/a"],
            "spec order is kept"
        );

        let without = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": null});
        assert_eq!(in_parts(&without).expect("reads"), ordinary(&without));
    }

    #[test]
    fn every_corpus_spec_reads_in_parts_as_it_reads_whole() {
        let specs = crate::spec_files_for_tests();
        let mut compared = 0;
        for path in &specs {
            let Ok(document) = crate::effective_document(path, &[]) else {
                continue;
            };
            let Ok(whole) = OpenAPI::deserialize(&document) else {
                continue;
            };
            let parts =
                in_parts(&document).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            assert!(
                parts == whole,
                "{} reads differently in parts",
                path.display()
            );
            compared += 1;
        }
        assert!(compared >= 50, "only {compared} specs compared");
    }

    #[test]
    fn a_bad_section_is_reported_where_it_is() {
        let document = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"A": {"type": "object", "properties": 5}}}});
        let err = deserialize(&document, Path::new("spec.json")).expect_err("invalid");
        assert!(
            err.to_string()
                .contains("at #/components/schemas/A: not a valid OpenAPI 3.0 document here"),
            "{err}"
        );
    }
}
