//! Normalisation: rewrites an OpenAPI 3.1 document into the 3.0 forms that `openapiv3` understands, on the
//! untyped value, before deserialising. Each rule is a small function with its own test. A 3.1 keyword with
//! no faithful 3.0 form is an error naming its JSON pointer: dropping it would silently change the API.
//!
//! The walk is structural (it knows where schemas live), so a property *named* `const` is left alone.

use serde_json::{Map, Value};

use crate::error::{pointer_push, Located};

/// JSON Schema 2020-12 keywords that 3.0 cannot express and the generator does not emulate.
const UNMAPPABLE_KEYWORDS: &[&str] = &[
    "prefixItems",
    "$dynamicRef",
    "$dynamicAnchor",
    "$defs",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedItems",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
];

/// Schema keywords that only annotate or identify a schema; removing them changes no wire format.
const ANNOTATION_KEYWORDS: &[&str] = &["$schema", "$id", "$comment", "$anchor"];

/// The operation keys of a path item.
pub(crate) const HTTP_METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Checks the OpenAPI version and, for 3.1, rewrites the document in place into 3.0 form.
pub fn normalize(doc: &mut Value) -> Result<(), Located> {
    let root = doc
        .as_object_mut()
        .ok_or_else(|| Located::new("#", "the document is not a mapping"))?;
    let version = check_version(root)?;
    inline_path_item_refs(doc);
    let Some(root) = doc.as_object_mut() else {
        return Ok(());
    };
    if version == OpenApiVersion::V3_0 {
        return Ok(());
    }
    root.insert("openapi".into(), Value::from("3.0.3"));
    root.remove("jsonSchemaDialect");
    // Webhooks are requests the API makes to its users; a client has nothing to call there.
    root.remove("webhooks");
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    remove_mutual_tls(root);

    if let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            path_item(item, &pointer_push("#/paths", path))?;
        }
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components_section(components)?;
    }
    Ok(())
}

/// Replaces each path item that is a local `$ref` (to another path or to `#/components/pathItems`) with a
/// copy of its target, so lowering sees every path item whole. Chains are followed a bounded number of times;
/// a reference that cannot be resolved is left for lowering to report.
fn inline_path_item_refs(doc: &mut Value) {
    const MAX_CHAIN: usize = 8;
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return;
    };
    let mut resolved = Vec::new();
    for (path, item) in paths {
        let mut target = item;
        for _ in 0..MAX_CHAIN {
            let Some(pointer) = target
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            else {
                break;
            };
            match doc.pointer(pointer) {
                Some(next) => target = next,
                None => break,
            }
        }
        if !std::ptr::eq(target, item) && target.get("$ref").is_none() {
            resolved.push((path.clone(), target.clone()));
        }
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in resolved {
            paths.insert(path, item);
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum OpenApiVersion {
    V3_0,
    V3_1,
}

fn check_version(root: &Map<String, Value>) -> Result<OpenApiVersion, Located> {
    if root.contains_key("swagger") {
        return Err(Located::new(
            "#/swagger",
            "Swagger 2.0 is not supported; convert the document to OpenAPI 3 first \
             (for example with `npx swagger2openapi spec.yml -o openapi.yml`)",
        ));
    }
    match root.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(OpenApiVersion::V3_0),
        Some(Value::String(v)) if v.starts_with("3.1.") || v == "3.1" => Ok(OpenApiVersion::V3_1),
        Some(other) => Err(Located::new(
            "#/openapi",
            format!("unsupported OpenAPI version {other}; supported are 3.0.x and 3.1.x"),
        )),
        None => Err(Located::new(
            "#",
            "not an OpenAPI document: the top-level `openapi` version field is missing",
        )),
    }
}

/// 3.1's `mutualTLS` scheme is configured on the TLS connection, not sent per request; 3.0 has no such type.
/// The scheme and its mentions in security requirements are removed.
fn remove_mutual_tls(root: &mut Map<String, Value>) {
    let Some(schemes) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mutual: Vec<String> = schemes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    if mutual.is_empty() {
        return;
    }
    for name in &mutual {
        schemes.shift_remove(name);
    }
    let strip = |security: &mut Value| {
        for requirement in security.as_array_mut().into_iter().flatten() {
            if let Some(requirement) = requirement.as_object_mut() {
                for name in &mutual {
                    requirement.shift_remove(name);
                }
            }
        }
    };
    if let Some(security) = root.get_mut("security") {
        strip(security);
    }
    for item in root
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
    {
        for method in HTTP_METHODS {
            if let Some(security) = item.get_mut(*method).and_then(|op| op.get_mut("security")) {
                strip(security);
            }
        }
    }
}

fn components_section(components: &mut Map<String, Value>) -> Result<(), Located> {
    let base = "#/components";
    for (section, walk) in [
        (
            "schemas",
            schema as fn(&mut Value, &str) -> Result<(), Located>,
        ),
        ("parameters", parameter_like),
        ("headers", parameter_like),
        ("responses", response),
        ("requestBodies", request_body),
        ("pathItems", path_item),
        ("callbacks", callback),
    ] {
        if let Some(entries) = components.get_mut(section).and_then(Value::as_object_mut) {
            let at = pointer_push(base, section);
            for (name, value) in entries.iter_mut() {
                walk(value, &pointer_push(&at, name))?;
            }
        }
    }
    Ok(())
}

fn path_item(item: &mut Value, at: &str) -> Result<(), Located> {
    let Some(item) = item.as_object_mut() else {
        return Ok(());
    };
    each_in_array(item, "parameters", at, parameter_like)?;
    for method in HTTP_METHODS {
        if let Some(op) = item.get_mut(*method) {
            operation(op, &pointer_push(at, method))?;
        }
    }
    Ok(())
}

fn operation(op: &mut Value, at: &str) -> Result<(), Located> {
    let Some(op) = op.as_object_mut() else {
        return Ok(());
    };
    // 3.1 made `responses` optional; 3.0 requires it.
    op.entry("responses")
        .or_insert_with(|| Value::Object(Map::new()));
    each_in_array(op, "parameters", at, parameter_like)?;
    if let Some(body) = op.get_mut("requestBody") {
        request_body(body, &pointer_push(at, "requestBody"))?;
    }
    each_in_object(op, "responses", at, response)?;
    each_in_object(op, "callbacks", at, callback)?;
    // The bodies of `x-methods` entries (see `lower/methods.rs`) are schemas like any other.
    let methods_at = pointer_push(at, "x-methods");
    for (i, entry) in op
        .get_mut("x-methods")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(body) = entry.get_mut("body") {
            schema(
                body,
                &pointer_push(&pointer_push(&methods_at, &i.to_string()), "body"),
            )?;
        }
    }
    Ok(())
}

fn callback(callback: &mut Value, at: &str) -> Result<(), Located> {
    for (expression, item) in callback.as_object_mut().into_iter().flatten() {
        path_item(item, &pointer_push(at, expression))?;
    }
    Ok(())
}

fn parameter_like(param: &mut Value, at: &str) -> Result<(), Located> {
    let Some(param) = param.as_object_mut() else {
        return Ok(());
    };
    if let Some(s) = param.get_mut("schema") {
        schema(s, &pointer_push(at, "schema"))?;
    }
    each_in_object(param, "content", at, media_type)
}

fn request_body(body: &mut Value, at: &str) -> Result<(), Located> {
    let Some(body) = body.as_object_mut() else {
        return Ok(());
    };
    each_in_object(body, "content", at, media_type)
}

fn response(resp: &mut Value, at: &str) -> Result<(), Located> {
    let Some(resp) = resp.as_object_mut() else {
        return Ok(());
    };
    each_in_object(resp, "headers", at, parameter_like)?;
    each_in_object(resp, "content", at, media_type)
}

fn media_type(media: &mut Value, at: &str) -> Result<(), Located> {
    match media.get_mut("schema") {
        Some(s) => schema(s, &pointer_push(at, "schema")),
        None => Ok(()),
    }
}

/// Rewrites one schema and, recursively, every schema inside it.
fn schema(value: &mut Value, at: &str) -> Result<(), Located> {
    boolean_schema(value);
    let Some(schema) = value.as_object_mut() else {
        return Ok(());
    };
    unevaluated_properties(schema, at)?;
    if let Some(keyword) = UNMAPPABLE_KEYWORDS
        .iter()
        .find(|k| schema.contains_key(**k))
    {
        return Err(Located::new(
            pointer_push(at, keyword),
            format!("the OpenAPI 3.1 keyword `{keyword}` has no OpenAPI 3.0 equivalent and is not supported"),
        ));
    }
    for keyword in ANNOTATION_KEYWORDS {
        schema.shift_remove(*keyword);
    }
    type_array(schema, at)?;
    const_to_enum(schema);
    exclusive_bounds(schema);
    examples_to_example(schema);
    content_encoding(schema);

    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = schema.get_mut(key) {
            if child.is_object() || key != "additionalProperties" {
                self::schema(child, &pointer_push(at, key))?;
            }
        }
    }
    each_in_object(schema, "properties", at, self::schema)?;
    for key in ["allOf", "anyOf", "oneOf"] {
        each_in_array(schema, key, at, self::schema)?;
    }
    Ok(())
}

/// `true` accepts anything (`{}`); `false` accepts nothing (`not: {}`).
fn boolean_schema(value: &mut Value) {
    if let Value::Bool(accepts) = *value {
        let mut schema = Map::new();
        if !accepts {
            schema.insert("not".into(), Value::Object(Map::new()));
        }
        *value = Value::Object(schema);
    }
}

/// `type: [T, "null"]` → `type: T` + `nullable: true`; several non-null types become an `anyOf`.
fn type_array(schema: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
    let types = match schema.get("type") {
        Some(Value::Array(types)) => types.clone(),
        Some(Value::String(t)) if t == "null" => vec![Value::from("null")],
        _ => return Ok(()),
    };
    let mut names = Vec::with_capacity(types.len());
    for t in &types {
        let name = t.as_str().ok_or_else(|| {
            Located::new(
                pointer_push(at, "type"),
                format!("a type name must be a string, found {t}"),
            )
        })?;
        names.push(name);
    }
    let nullable = names.contains(&"null");
    let non_null: Vec<&str> = names.into_iter().filter(|t| *t != "null").collect();
    schema.shift_remove("type");
    match non_null.as_slice() {
        [] => {}
        [single] => {
            schema.insert("type".into(), Value::from(*single));
        }
        several => {
            let alternatives = several
                .iter()
                .map(|t| serde_json::json!({ "type": t }))
                .collect();
            schema.insert("anyOf".into(), Value::Array(alternatives));
        }
    }
    if nullable {
        schema.insert("nullable".into(), Value::Bool(true));
    }
    Ok(())
}

/// A boolean `unevaluatedProperties` says whether unlisted properties are allowed, which is what
/// `additionalProperties` says in 3.0 (an explicit `additionalProperties` wins). A schema value has no 3.0 form.
fn unevaluated_properties(schema: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
    match schema.shift_remove("unevaluatedProperties") {
        None => Ok(()),
        Some(Value::Bool(allowed)) => {
            schema.entry("additionalProperties").or_insert(Value::Bool(allowed));
            Ok(())
        }
        Some(_) => Err(Located::new(
            pointer_push(at, "unevaluatedProperties"),
            "a schema-valued `unevaluatedProperties` has no OpenAPI 3.0 equivalent and is not supported",
        )),
    }
}

/// `const: v` → `enum: [v]`.
fn const_to_enum(schema: &mut Map<String, Value>) {
    if let Some(value) = schema.shift_remove("const") {
        schema
            .entry("enum")
            .or_insert_with(|| Value::Array(vec![value]));
    }
}

/// Numeric `exclusiveMinimum: n` → `minimum: n` + `exclusiveMinimum: true` (likewise for the maximum).
fn exclusive_bounds(schema: &mut Map<String, Value>) {
    for (exclusive, inclusive) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(bound)) = schema.get(exclusive).cloned() {
            schema.insert(inclusive.into(), Value::Number(bound));
            schema.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// A schema's `examples` array → `example` (its first entry).
fn examples_to_example(schema: &mut Map<String, Value>) {
    if matches!(schema.get("examples"), Some(Value::Array(_))) {
        if let Some(Value::Array(examples)) = schema.shift_remove("examples") {
            if let Some(first) = examples.into_iter().next() {
                schema.entry("example").or_insert(first);
            }
        }
    }
}

/// `contentEncoding: base64` → `format: byte`; a `contentMediaType` without encoding → `format: binary`.
fn content_encoding(schema: &mut Map<String, Value>) {
    let encoding = schema.shift_remove("contentEncoding");
    let media = schema.shift_remove("contentMediaType");
    let format = match (encoding, media) {
        (Some(Value::String(e)), _) if e.eq_ignore_ascii_case("base64") => "byte",
        (None, Some(_)) => "binary",
        _ => return,
    };
    schema
        .entry("format")
        .or_insert_with(|| Value::from(format));
}

fn each_in_object(
    parent: &mut Map<String, Value>,
    key: &str,
    at: &str,
    walk: fn(&mut Value, &str) -> Result<(), Located>,
) -> Result<(), Located> {
    let at = pointer_push(at, key);
    for (name, value) in parent
        .get_mut(key)
        .and_then(Value::as_object_mut)
        .into_iter()
        .flatten()
    {
        walk(value, &pointer_push(&at, name))?;
    }
    Ok(())
}

fn each_in_array(
    parent: &mut Map<String, Value>,
    key: &str,
    at: &str,
    walk: fn(&mut Value, &str) -> Result<(), Located>,
) -> Result<(), Located> {
    let at = pointer_push(at, key);
    for (i, value) in parent
        .get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .enumerate()
    {
        walk(value, &pointer_push(&at, &i.to_string()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Normalises a 3.1 document whose only schema is `schema` and returns that schema afterwards.
    fn normalized_schema(schema: Value) -> Value {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "components": { "schemas": { "S": schema } }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(doc["openapi"], "3.0.3");
        doc["components"]["schemas"]["S"].clone()
    }

    #[test]
    fn path_item_refs_are_replaced_by_their_targets() {
        let get = json!({ "get": { "responses": {} } });
        let mut doc = json!({
            "openapi": "3.0.3",
            "paths": {
                "/copy": { "$ref": "#/paths/~1source" },
                "/source": get,
                "/chained": { "$ref": "#/paths/~1copy" },
                "/shared": { "$ref": "#/components/pathItems/Shared" },
                "/dangling": { "$ref": "#/paths/~1nowhere" },
                "/loop": { "$ref": "#/paths/~1loop" }
            },
            "components": { "pathItems": { "Shared": get } }
        });
        normalize(&mut doc).expect("normalises");
        for path in ["/copy", "/chained", "/shared"] {
            assert_eq!(doc["paths"][path], get, "{path}");
        }
        assert_eq!(
            doc["paths"]["/dangling"],
            json!({ "$ref": "#/paths/~1nowhere" })
        );
        assert_eq!(doc["paths"]["/loop"], json!({ "$ref": "#/paths/~1loop" }));
    }

    #[test]
    fn type_with_null_becomes_nullable() {
        assert_eq!(
            normalized_schema(json!({ "type": ["string", "null"] })),
            json!({ "type": "string", "nullable": true })
        );
    }

    #[test]
    fn several_types_become_any_of() {
        assert_eq!(
            normalized_schema(json!({ "type": ["string", "integer"] })),
            json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }] })
        );
    }

    #[test]
    fn boolean_unevaluated_properties_becomes_additional_properties() {
        assert_eq!(
            normalized_schema(json!({ "type": "object", "unevaluatedProperties": false })),
            json!({ "type": "object", "additionalProperties": false })
        );
        let mut doc = json!({ "openapi": "3.1.0", "components": { "schemas": { "S": { "unevaluatedProperties": {} } } } });
        let err = normalize(&mut doc).expect_err("schema-valued");
        assert_eq!(err.pointer, "#/components/schemas/S/unevaluatedProperties");
    }

    #[test]
    fn const_becomes_single_value_enum() {
        assert_eq!(
            normalized_schema(json!({ "const": "on" })),
            json!({ "enum": ["on"] })
        );
    }

    #[test]
    fn numeric_exclusive_bounds_become_boolean_flags() {
        assert_eq!(
            normalized_schema(
                json!({ "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10 })
            ),
            json!({ "type": "integer", "exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10 })
        );
    }

    #[test]
    fn examples_array_becomes_example() {
        assert_eq!(
            normalized_schema(json!({ "type": "string", "examples": ["a", "b"] })),
            json!({ "type": "string", "example": "a" })
        );
    }

    #[test]
    fn schema_identity_keywords_are_removed() {
        assert_eq!(
            normalized_schema(
                json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "type": "string" })
            ),
            json!({ "type": "string" })
        );
    }

    #[test]
    fn boolean_schemas_become_objects() {
        assert_eq!(
            normalized_schema(
                json!({ "type": "object", "properties": { "any": true, "none": false } })
            ),
            json!({ "type": "object", "properties": { "any": {}, "none": { "not": {} } } })
        );
    }

    #[test]
    fn nested_schemas_are_rewritten_but_property_names_are_not() {
        let schema = normalized_schema(json!({
            "type": "object",
            "properties": { "const": { "type": ["integer", "null"] } },
            "items": { "const": 1 }
        }));
        assert_eq!(
            schema["properties"]["const"],
            json!({ "type": "integer", "nullable": true })
        );
        assert_eq!(schema["items"], json!({ "enum": [1] }));
    }

    #[test]
    fn the_bodies_of_x_methods_are_normalised_like_other_schemas() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "paths": { "/a": { "patch": { "responses": {}, "x-methods": [
                { "operationId": "one", "body": { "type": ["string", "null"] } },
                { "operationId": "two" }
            ] } } }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(
            doc["paths"]["/a"]["patch"]["x-methods"][0]["body"],
            json!({ "type": "string", "nullable": true })
        );
    }

    #[test]
    fn missing_paths_and_responses_are_filled_in_and_webhooks_dropped() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "webhooks": { "ping": {} }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(doc["paths"], json!({}));
        assert!(doc.get("webhooks").is_none());

        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "paths": { "/a": { "get": { "operationId": "a" } } }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(doc["paths"]["/a"]["get"]["responses"], json!({}));
    }

    #[test]
    fn mutual_tls_scheme_is_removed_with_its_requirements() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "security": [{ "mtls": [], "key": [] }],
            "paths": { "/a": { "get": { "security": [{ "mtls": [] }] } } },
            "components": { "securitySchemes": {
                "mtls": { "type": "mutualTLS" },
                "key": { "type": "apiKey", "in": "header", "name": "K" }
            } }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(
            doc["components"]["securitySchemes"],
            json!({ "key": { "type": "apiKey", "in": "header", "name": "K" } })
        );
        assert_eq!(doc["security"], json!([{ "key": [] }]));
        assert_eq!(doc["paths"]["/a"]["get"]["security"], json!([{}]));
    }

    #[test]
    fn unmappable_keyword_is_an_error_with_its_pointer() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "paths": { "/a/{b}": { "get": { "responses": { "200": { "description": "ok", "content": {
                "application/json": { "schema": { "type": "array", "prefixItems": [{ "type": "string" }] } }
            } } } } } }
        });
        let err = normalize(&mut doc).expect_err("prefixItems is not mappable");
        assert_eq!(
            err.pointer,
            "#/paths/~1a~1{b}/get/responses/200/content/application~1json/schema/prefixItems"
        );
        assert!(err.message.contains("prefixItems"));
    }

    #[test]
    fn version_3_0_documents_are_left_untouched() {
        let original = json!({ "openapi": "3.0.3", "info": {}, "components": { "schemas": { "S": { "exclusiveMinimum": true } } } });
        let mut doc = original.clone();
        normalize(&mut doc).expect("3.0 is accepted");
        assert_eq!(doc, original);
    }

    #[test]
    fn swagger_and_unknown_versions_are_rejected() {
        let err = normalize(&mut json!({ "swagger": "2.0" })).expect_err("swagger");
        assert!(err.message.contains("Swagger 2.0 is not supported"));
        let err = normalize(&mut json!({ "openapi": "4.0.0" })).expect_err("4.0");
        assert_eq!(err.pointer, "#/openapi");
        let err = normalize(&mut json!({ "title": "x" })).expect_err("not openapi");
        assert!(err.message.contains("not an OpenAPI document"));
    }
}
