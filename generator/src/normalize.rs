//! Normalisation: rewrites an OpenAPI 3.1 document into the 3.0 forms that `openapiv3` understands, on the
//! untyped value, before deserialising. Each rule is a small function with its own test.
//!
//! Nothing the spec says is dropped silently. A JSON Schema keyword with no 3.0 form either becomes the
//! nearest form that types the same values (`patternProperties` with one pattern is a typed map, a schema-valued
//! `unevaluatedProperties` is `additionalProperties`), or is left in the document for `keys.rs` to report with
//! its JSON pointer: keywords that only constrain values (`propertyNames`, `if`, `contains`, ...), a tuple's
//! `prefixItems` (whose `items`, which types only the items after the prefix, is removed) and `$dynamicRef`.
//! `$defs` and `definitions` are kept, their schemas rewritten like any other, for `$ref`s that point into
//! them. Only what is wrong in the spec itself, such as a type name that is not a string, is an error naming its
//! JSON pointer.
//!
//! One rule is not about 3.1 and applies to 3.0 documents too, in the same single walk: an `enum` (or `const`)
//! without `type` whose values are all strings, all integers or all booleans gets that type.
//!
//! The walk is structural (it knows where schemas live), so a property *named* `const` is left alone.

use serde_json::{Map, Value};

use crate::error::{pointer_push, Located};

/// Schema keywords that only annotate or identify a schema; removing them changes no wire format.
const ANNOTATION_KEYWORDS: &[&str] = &["$schema", "$id", "$comment", "$anchor"];

/// The operation keys of a path item.
pub(crate) const HTTP_METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Checks the OpenAPI version and rewrites the document in place: for 3.1 into 3.0 form, for 3.0 only by
/// the rules that hold for both versions.
pub fn normalize(doc: &mut Value) -> Result<(), Located> {
    let root = doc
        .as_object_mut()
        .ok_or_else(|| Located::new("#", "the document is not a mapping"))?;
    let version = check_version(root)?;
    inline_path_item_refs(doc);
    let Some(root) = doc.as_object_mut() else {
        return Ok(());
    };
    let walk = Walk { version };
    if version == OpenApiVersion::V3_0 {
        return walk.document(root);
    }
    root.insert("openapi".into(), Value::from("3.0.3"));
    root.remove("jsonSchemaDialect");
    // Webhooks are requests the API makes to its users: 3.0 documents declare them as `x-webhooks` (GitHub
    // does), which the OpenAPI 3.0 model keeps as an extension; lowering reads them there.
    if let Some(webhooks) = root.remove("webhooks") {
        root.entry("x-webhooks").or_insert(webhooks);
    }
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    remove_mutual_tls(root);
    walk.document(root)
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

/// The OpenAPI versions the generator reads; a 3.1 document is rewritten into 3.0 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenApiVersion {
    V3_0,
    V3_1,
}

/// The document's OpenAPI version, or an error saying which versions are read.
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

/// Visits one object (and what it contains) found at a pointer.
type Visit = fn(&Walk, &mut Value, &str) -> Result<(), Located>;

/// The structural walk: it visits every place of the document where a schema can be, so a property *named*
/// `const` is never taken for the keyword. One walk serves both versions; `version` says which rules apply.
struct Walk {
    version: OpenApiVersion,
}

impl Walk {
    /// Rewrites the schemas of every path item and every component.
    fn document(&self, root: &mut Map<String, Value>) -> Result<(), Located> {
        if let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) {
            for (path, item) in paths.iter_mut() {
                self.path_item(item, &pointer_push("#/paths", path))?;
            }
        }
        if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
            self.components_section(components)?;
        }
        if let Some(webhooks) = root.get_mut("x-webhooks").and_then(Value::as_object_mut) {
            for (name, item) in webhooks.iter_mut() {
                self.path_item(item, &pointer_push("#/webhooks", name))?;
            }
        }
        Ok(())
    }

    /// Each section of `components` holds one kind of object; each is walked as that kind.
    fn components_section(&self, components: &mut Map<String, Value>) -> Result<(), Located> {
        let base = "#/components";
        let sections: [(&str, Visit); 7] = [
            ("schemas", Self::schema),
            ("parameters", Self::parameter_like),
            ("headers", Self::parameter_like),
            ("responses", Self::response),
            ("requestBodies", Self::request_body),
            ("pathItems", Self::path_item),
            ("callbacks", Self::callback),
        ];
        for (section, visit) in sections {
            if let Some(entries) = components.get_mut(section).and_then(Value::as_object_mut) {
                let at = pointer_push(base, section);
                for (name, value) in entries.iter_mut() {
                    visit(self, value, &pointer_push(&at, name))?;
                }
            }
        }
        Ok(())
    }

    /// A path item's shared parameters and its operations.
    fn path_item(&self, item: &mut Value, at: &str) -> Result<(), Located> {
        let Some(item) = item.as_object_mut() else {
            return Ok(());
        };
        self.each_in_array(item, "parameters", at, Self::parameter_like)?;
        for method in HTTP_METHODS {
            if let Some(op) = item.get_mut(*method) {
                self.operation(op, &pointer_push(at, method))?;
            }
        }
        Ok(())
    }

    /// An operation's parameters, body, responses, callbacks and `x-methods` bodies.
    fn operation(&self, op: &mut Value, at: &str) -> Result<(), Located> {
        let Some(op) = op.as_object_mut() else {
            return Ok(());
        };
        if self.version == OpenApiVersion::V3_1 {
            // 3.1 made `responses` optional; 3.0 requires it.
            op.entry("responses")
                .or_insert_with(|| Value::Object(Map::new()));
        }
        self.each_in_array(op, "parameters", at, Self::parameter_like)?;
        if let Some(body) = op.get_mut("requestBody") {
            self.request_body(body, &pointer_push(at, "requestBody"))?;
        }
        self.each_in_object(op, "responses", at, Self::response)?;
        self.each_in_object(op, "callbacks", at, Self::callback)?;
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
                self.schema(
                    body,
                    &pointer_push(&pointer_push(&methods_at, &i.to_string()), "body"),
                )?;
            }
        }
        Ok(())
    }

    /// A callback maps runtime expressions to path items.
    fn callback(&self, callback: &mut Value, at: &str) -> Result<(), Located> {
        for (expression, item) in callback.as_object_mut().into_iter().flatten() {
            self.path_item(item, &pointer_push(at, expression))?;
        }
        Ok(())
    }

    /// A parameter or a header: its schema, or the schemas of its content.
    fn parameter_like(&self, param: &mut Value, at: &str) -> Result<(), Located> {
        let Some(param) = param.as_object_mut() else {
            return Ok(());
        };
        if let Some(s) = param.get_mut("schema") {
            self.schema(s, &pointer_push(at, "schema"))?;
        }
        self.each_in_object(param, "content", at, Self::media_type)
    }

    /// A request body's media types.
    fn request_body(&self, body: &mut Value, at: &str) -> Result<(), Located> {
        let Some(body) = body.as_object_mut() else {
            return Ok(());
        };
        self.each_in_object(body, "content", at, Self::media_type)
    }

    /// A response's headers and media types.
    fn response(&self, resp: &mut Value, at: &str) -> Result<(), Located> {
        let Some(resp) = resp.as_object_mut() else {
            return Ok(());
        };
        self.each_in_object(resp, "headers", at, Self::parameter_like)?;
        self.each_in_object(resp, "content", at, Self::media_type)
    }

    /// A media type's schema.
    fn media_type(&self, media: &mut Value, at: &str) -> Result<(), Located> {
        match media.get_mut("schema") {
            Some(s) => self.schema(s, &pointer_push(at, "schema")),
            None => Ok(()),
        }
    }

    /// Rewrites one schema and, recursively, every schema inside it.
    fn schema(&self, value: &mut Value, at: &str) -> Result<(), Located> {
        if self.version == OpenApiVersion::V3_1 {
            boolean_schema(value);
        }
        let Some(schema) = value.as_object_mut() else {
            return Ok(());
        };
        if self.version == OpenApiVersion::V3_1 {
            json_schema_2020_to_3_0(schema, at)?;
        }
        enum_type(schema);
        self.subschemas(schema, at)
    }

    /// The schemas inside a schema: those that type values, and those kept for `$ref`s (`$defs`,
    /// `definitions`) or for `keys.rs` to look into (`prefixItems`). Subschemas of keywords that only
    /// constrain values (`if`, `contains`, ...) are not visited: nothing types them.
    fn subschemas(&self, schema: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
        for key in ["items", "additionalProperties", "not"] {
            if let Some(child) = schema.get_mut(key) {
                if child.is_object() || key != "additionalProperties" {
                    self.schema(child, &pointer_push(at, key))?;
                }
            }
        }
        for key in ["properties", "$defs", "definitions"] {
            self.each_in_object(schema, key, at, Self::schema)?;
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            self.each_in_array(schema, key, at, Self::schema)?;
        }
        Ok(())
    }

    /// Visits each member of the object under `key`, if there is one.
    fn each_in_object(
        &self,
        parent: &mut Map<String, Value>,
        key: &str,
        at: &str,
        visit: Visit,
    ) -> Result<(), Located> {
        let at = pointer_push(at, key);
        for (name, value) in parent
            .get_mut(key)
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            visit(self, value, &pointer_push(&at, name))?;
        }
        Ok(())
    }

    /// Visits each item of the array under `key`, if there is one.
    fn each_in_array(
        &self,
        parent: &mut Map<String, Value>,
        key: &str,
        at: &str,
        visit: Visit,
    ) -> Result<(), Located> {
        let at = pointer_push(at, key);
        for (i, value) in parent
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
            .enumerate()
        {
            visit(self, value, &pointer_push(&at, &i.to_string()))?;
        }
        Ok(())
    }
}

/// The JSON Schema 2020-12 forms of one schema (not of its subschemas) rewritten into their 3.0 forms.
fn json_schema_2020_to_3_0(schema: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
    unevaluated_properties(schema);
    pattern_properties(schema);
    tuple_items(schema);
    for keyword in ANNOTATION_KEYWORDS {
        schema.shift_remove(*keyword);
    }
    type_array(schema, at)?;
    const_to_enum(schema);
    exclusive_bounds(schema);
    examples_to_example(schema);
    content_encoding(schema);
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

/// `unevaluatedProperties` types the properties no other keyword of the schema evaluates, which is what
/// `additionalProperties` types in 3.0: a boolean or a schema becomes `additionalProperties`. Beside an
/// `additionalProperties`, which evaluates every other property, it has nothing left to type and is dropped.
fn unevaluated_properties(schema: &mut Map<String, Value>) {
    if let Some(unevaluated) = schema.shift_remove("unevaluatedProperties") {
        schema.entry("additionalProperties").or_insert(unevaluated);
    }
}

/// `patternProperties` with one pattern whose value is a schema, and no `additionalProperties`, is a map whose
/// values that schema types: it becomes `additionalProperties` (the pattern only validates keys). Otherwise it
/// is left for `keys.rs` to report.
fn pattern_properties(schema: &mut Map<String, Value>) {
    let one_schema = matches!(
        schema.get("patternProperties"),
        Some(Value::Object(patterns)) if patterns.len() == 1 && patterns.values().all(Value::is_object)
    );
    if !one_schema || schema.contains_key("additionalProperties") {
        return;
    }
    if let Some(Value::Object(patterns)) = schema.shift_remove("patternProperties") {
        if let Some((_, value)) = patterns.into_iter().next() {
            schema.insert("additionalProperties".into(), value);
        }
    }
}

/// A tuple (`prefixItems`) loses its `items`: in 3.1 `items` types only the items after the prefix, so read
/// as the type of every item it would fail to decode the prefix. `prefixItems` stays for `keys.rs` to report.
fn tuple_items(schema: &mut Map<String, Value>) {
    if schema.contains_key("prefixItems") {
        schema.shift_remove("items");
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

/// Keywords that give a schema its shape; an `enum` beside them is not the whole story of its type.
const SHAPE_KEYWORDS: &[&str] = &[
    "type",
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "properties",
    "additionalProperties",
    "items",
];

/// An `enum` (a `const`, once rewritten) without `type` whose values are all strings, all integers or all
/// booleans gets that `type`, so it is typed like the values it allows rather than as any JSON. A discriminator's
/// tag written `{enum: [cat]}` is a string.
fn enum_type(schema: &mut Map<String, Value>) {
    if SHAPE_KEYWORDS.iter().any(|k| schema.contains_key(*k)) {
        return;
    }
    let Some(Value::Array(values)) = schema.get("enum") else {
        return;
    };
    let all = |is: fn(&Value) -> bool| !values.is_empty() && values.iter().all(is);
    let is_integer = |v: &Value| v.is_i64() || v.is_u64();
    let ty = if all(Value::is_string) {
        "string"
    } else if all(is_integer) {
        "integer"
    } else if all(Value::is_boolean) {
        "boolean"
    } else {
        return;
    };
    schema.insert("type".into(), Value::from(ty));
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
    }

    #[test]
    fn schema_unevaluated_properties_becomes_additional_properties_unless_there_is_one() {
        assert_eq!(
            normalized_schema(
                json!({ "type": "object", "unevaluatedProperties": { "type": ["string", "null"] } })
            ),
            json!({ "type": "object", "additionalProperties": { "type": "string", "nullable": true } })
        );
        assert_eq!(
            normalized_schema(json!({
                "type": "object",
                "additionalProperties": { "type": "integer" },
                "unevaluatedProperties": { "type": "string" }
            })),
            json!({ "type": "object", "additionalProperties": { "type": "integer" } })
        );
    }

    #[test]
    fn one_pattern_property_becomes_a_typed_map() {
        assert_eq!(
            normalized_schema(json!({
                "type": "object",
                "patternProperties": { "^[a-z]+$": { "const": 1 } }
            })),
            json!({ "type": "object", "additionalProperties": { "enum": [1], "type": "integer" } })
        );
    }

    #[test]
    fn pattern_properties_that_are_no_single_schema_are_left_for_keys_to_report() {
        for schema in [
            json!({ "type": "object", "patternProperties": { "^a": { "type": "string" }, "^b": {} } }),
            json!({ "type": "object", "patternProperties": { "^a": { "type": "string" } }, "additionalProperties": false }),
            json!({ "type": "object", "patternProperties": { "^a": false } }),
        ] {
            assert_eq!(normalized_schema(schema.clone()), schema);
        }
    }

    #[test]
    fn a_tuple_loses_its_items_and_keeps_prefix_items() {
        assert_eq!(
            normalized_schema(json!({
                "type": "array",
                "prefixItems": [{ "const": "point" }, { "type": "number" }],
                "items": { "type": "number" }
            })),
            json!({
                "type": "array",
                "prefixItems": [{ "enum": ["point"], "type": "string" }, { "type": "number" }]
            })
        );
    }

    #[test]
    fn validation_keywords_and_dynamic_refs_are_left_in_place() {
        let schema = json!({
            "type": "object",
            "properties": {
                "tags": { "type": "array", "items": { "type": "string" }, "contains": { "const": "a" },
                          "minContains": 1, "maxContains": 2, "unevaluatedItems": false },
                "node": { "$dynamicRef": "#node" }
            },
            "propertyNames": { "maxLength": 8 },
            "dependentRequired": { "a": ["b"] },
            "dependentSchemas": { "a": { "required": ["c"] } },
            "if": { "required": ["a"] },
            "then": { "required": ["b"] },
            "else": { "required": ["c"] },
            "$dynamicAnchor": "node"
        });
        assert_eq!(normalized_schema(schema.clone()), schema);
    }

    #[test]
    fn schemas_under_defs_and_definitions_are_rewritten_and_kept() {
        assert_eq!(
            normalized_schema(json!({
                "type": "object",
                "properties": { "part": { "$ref": "#/components/schemas/S/$defs/part" } },
                "$defs": { "part": { "type": ["string", "null"] }, "any": true },
                "definitions": { "old": { "const": 2 } }
            })),
            json!({
                "type": "object",
                "properties": { "part": { "$ref": "#/components/schemas/S/$defs/part" } },
                "$defs": { "part": { "type": "string", "nullable": true }, "any": {} },
                "definitions": { "old": { "enum": [2], "type": "integer" } }
            })
        );
    }

    #[test]
    fn a_type_name_that_is_not_a_string_is_still_an_error() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "components": { "schemas": { "S": { "$defs": { "d": { "type": ["string", 1] } } } } }
        });
        let err = normalize(&mut doc).expect_err("1 is not a type name");
        assert_eq!(err.pointer, "#/components/schemas/S/$defs/d/type");
    }

    #[test]
    fn an_enum_of_one_json_type_without_type_gets_that_type() {
        for (values, ty) in [
            (json!(["a", "b"]), "string"),
            (json!([1, -2]), "integer"),
            (json!([true]), "boolean"),
        ] {
            assert_eq!(
                normalized_schema(json!({ "enum": values })),
                json!({ "enum": values, "type": ty })
            );
        }
        assert_eq!(
            normalized_schema(json!({ "const": "on", "description": "d" })),
            json!({ "description": "d", "enum": ["on"], "type": "string" })
        );
    }

    #[test]
    fn an_enum_beside_a_type_or_a_shape_or_of_mixed_values_is_left_alone() {
        for schema in [
            json!({ "enum": ["a", 1] }),
            json!({ "enum": [1.5] }),
            json!({ "enum": ["a", null] }),
            json!({ "enum": [] }),
            json!({ "type": "number", "enum": [1] }),
            json!({ "$ref": "#/components/schemas/T", "enum": ["a"] }),
            json!({ "oneOf": [{ "type": "string" }], "enum": ["a"] }),
            json!({ "properties": { "a": {} }, "enum": [{ "a": "x" }] }),
        ] {
            assert_eq!(normalized_schema(schema.clone()), schema);
        }
    }

    #[test]
    fn a_3_0_discriminator_tag_without_type_is_a_string_and_nothing_else_changes() {
        let mut doc = json!({
            "openapi": "3.0.3",
            "paths": { "/pets": { "get": { "responses": { "200": { "description": "ok", "content": {
                "application/json": { "schema": { "oneOf": [{ "properties": { "kind": { "enum": ["cat"] } } }] } }
            } } } } } },
            "components": { "schemas": {
                "Dog": { "properties": { "kind": { "enum": ["dog"] } }, "exclusiveMinimum": true, "const": 1 }
            } }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(doc["openapi"], "3.0.3");
        let schema = &doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]
            ["application/json"]["schema"];
        assert_eq!(
            schema["oneOf"][0]["properties"]["kind"],
            json!({ "enum": ["cat"], "type": "string" })
        );
        assert_eq!(
            doc["components"]["schemas"]["Dog"],
            json!({
                "properties": { "kind": { "enum": ["dog"], "type": "string" } },
                "exclusiveMinimum": true,
                "const": 1
            })
        );
    }

    #[test]
    fn const_becomes_single_value_enum() {
        assert_eq!(
            normalized_schema(json!({ "type": "string", "const": "on" })),
            json!({ "type": "string", "enum": ["on"] })
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
        assert_eq!(schema["items"], json!({ "enum": [1], "type": "integer" }));
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
    fn missing_paths_and_responses_are_filled_in_and_webhooks_kept_as_x_webhooks() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "webhooks": { "ping": {} }
        });
        normalize(&mut doc).expect("normalises");
        assert_eq!(doc["paths"], json!({}));
        assert!(doc.get("webhooks").is_none());
        assert_eq!(doc["x-webhooks"], json!({ "ping": {} }));

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
    fn json_schema_keywords_deep_in_a_path_are_no_error() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": { "title": "t", "version": "1" },
            "paths": { "/a/{b}": { "get": { "responses": { "200": { "description": "ok", "content": {
                "application/json": { "schema": { "type": "array", "prefixItems": [{ "type": "string" }] } }
            } } } } } }
        });
        normalize(&mut doc).expect("a tuple is no error");
        assert_eq!(
            doc["paths"]["/a/{b}"]["get"]["responses"]["200"]["content"]["application/json"]
                ["schema"],
            json!({ "type": "array", "prefixItems": [{ "type": "string" }] })
        );
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
