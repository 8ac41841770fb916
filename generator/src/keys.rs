//! Unknown keys: every key of a Schema, Parameter, Operation or Media Type object that the OpenAPI model does
//! not define is reported with its JSON pointer. Such a key changes nothing in the client, which is exactly
//! why it must not pass silently: it is a typo (`requird`), or a YAML flow mapping split at a comma
//! (`{ type: string, description: a, b }` gives a key `b`). Keys starting with `x-` are extensions.
//!
//! A JSON Schema keyword that normalisation leaves in a schema because it has no 3.0 form (`propertyNames`,
//! `prefixItems`, `$dynamicRef`, ...) is reported too, with what the client does about it instead of the
//! typo hint: it is not a mistake in the spec, but the spec says something the client does not act on.
//!
//! The walk runs on the normalised (3.0-form) document and knows where each kind of object lives, so a
//! property *named* `requird` is not mistaken for a keyword. It looks into the schemas normalisation rewrote,
//! and no others.

use serde_json::{Map, Value};

use crate::error::{pointer_push, Warning};
use crate::normalize::{ADDITIONAL_OPERATIONS, HTTP_METHODS};

/// The keys of an OpenAPI 3.0 Schema object, plus `$ref` and the JSON Schema containers of schemas that
/// `$ref`s point into (`$defs`, and `definitions` from earlier drafts).
const SCHEMA_KEYS: &[&str] = &[
    "$ref",
    "$defs",
    "definitions",
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "examples",
    "deprecated",
];

/// JSON Schema keywords that only constrain the values a schema allows and leave their Rust type as it is, so
/// normalisation keeps them and the client does not check them: one warning each says so. `patternProperties`,
/// `prefixItems` and `$dynamicRef` do change what a value is, and `$dynamicAnchor` only names a target for
/// `$dynamicRef`: they get their own warnings (see [`json_schema_keyword`]).
const VALIDATION_KEYWORDS: &[&str] = &[
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "dependentRequired",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "unevaluatedItems",
];

/// The keys of a Parameter object, plus those of a Reference object (`$ref` and, in 3.1, `summary`).
const PARAMETER_KEYS: &[&str] = &[
    "$ref",
    "summary",
    "name",
    "in",
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "examples",
    "content",
];

/// The keys of an Operation object.
const OPERATION_KEYS: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];

/// The keys of a Media Type object.
const MEDIA_TYPE_KEYS: &[&str] = &["schema", "example", "examples", "encoding"];

/// Every unknown key of the document's schemas, parameters, operations and media types, in document order.
pub fn unknown_keys(document: &Value) -> Vec<Warning> {
    let mut walk = Walk::default();
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            walk.path_item(item, &pointer_push("#/paths", path));
        }
    }
    if let Some(components) = document.get("components").and_then(Value::as_object) {
        walk.components(components);
    }
    walk.warnings
}

/// Checks one object (and what it contains) found at a pointer.
type Check = fn(&mut Walk, &Value, &str);

#[derive(Default)]
struct Walk {
    warnings: Vec<Warning>,
}

impl Walk {
    fn components(&mut self, components: &Map<String, Value>) {
        let sections: [(&str, Check); 6] = [
            ("schemas", Self::schema),
            ("parameters", Self::parameter),
            ("headers", Self::header),
            ("responses", Self::response),
            ("requestBodies", Self::request_body),
            ("pathItems", Self::path_item),
        ];
        for (section, walk) in sections {
            let at = pointer_push("#/components", section);
            for (name, value) in entries(components.get(section)) {
                walk(self, value, &pointer_push(&at, name));
            }
        }
    }

    fn path_item(&mut self, item: &Value, at: &str) {
        for (i, param) in items(item.get("parameters")) {
            self.parameter(param, &pointer_push(&pointer_push(at, "parameters"), &i));
        }
        for method in HTTP_METHODS {
            if let Some(op) = item.get(*method) {
                self.operation(op, &pointer_push(at, method));
            }
        }
        for (method, op) in entries(item.get(ADDITIONAL_OPERATIONS)) {
            self.operation(
                op,
                &pointer_push(&pointer_push(at, ADDITIONAL_OPERATIONS), method),
            );
        }
    }

    fn operation(&mut self, op: &Value, at: &str) {
        self.check(op, OPERATION_KEYS, "an Operation", at);
        for (i, param) in items(op.get("parameters")) {
            self.parameter(param, &pointer_push(&pointer_push(at, "parameters"), &i));
        }
        if let Some(body) = op.get("requestBody") {
            self.request_body(body, &pointer_push(at, "requestBody"));
        }
        for (status, response) in entries(op.get("responses")) {
            self.response(
                response,
                &pointer_push(&pointer_push(at, "responses"), status),
            );
        }
        for (i, entry) in items(op.get("x-methods")) {
            if let Some(body) = entry.get("body") {
                let entry_at = pointer_push(&pointer_push(at, "x-methods"), &i);
                self.schema(body, &pointer_push(&entry_at, "body"));
            }
        }
        for (name, callback) in entries(op.get("callbacks")) {
            let callback_at = pointer_push(&pointer_push(at, "callbacks"), name);
            for (expression, item) in entries(Some(callback)) {
                self.path_item(item, &pointer_push(&callback_at, expression));
            }
        }
    }

    fn parameter(&mut self, param: &Value, at: &str) {
        self.check(param, PARAMETER_KEYS, "a Parameter", at);
        self.parameter_contents(param, at);
    }

    /// A Header object is a Parameter object without `name` and `in`; its schema and content are checked.
    fn header(&mut self, header: &Value, at: &str) {
        self.parameter_contents(header, at);
    }

    fn parameter_contents(&mut self, param: &Value, at: &str) {
        if let Some(schema) = param.get("schema") {
            self.schema(schema, &pointer_push(at, "schema"));
        }
        self.content(param, at);
    }

    fn request_body(&mut self, body: &Value, at: &str) {
        self.content(body, at);
    }

    fn response(&mut self, response: &Value, at: &str) {
        for (name, header) in entries(response.get("headers")) {
            self.header(header, &pointer_push(&pointer_push(at, "headers"), name));
        }
        self.content(response, at);
    }

    fn content(&mut self, parent: &Value, at: &str) {
        for (media_type, media) in entries(parent.get("content")) {
            let media_at = pointer_push(&pointer_push(at, "content"), media_type);
            self.check(media, MEDIA_TYPE_KEYS, "a Media Type", &media_at);
            // `x-item-schema` is one item's schema (3.2's `itemSchema`), which normalisation rewrote too.
            for key in ["schema", "x-item-schema"] {
                if let Some(schema) = media.get(key) {
                    self.schema(schema, &pointer_push(&media_at, key));
                }
            }
        }
    }

    /// A schema's keys, then the schemas inside it that normalisation rewrote.
    fn schema(&mut self, schema: &Value, at: &str) {
        self.check_schema(schema, at);
        for key in ["items", "not", "additionalProperties"] {
            if let Some(child) = schema.get(key).filter(|child| child.is_object()) {
                self.schema(child, &pointer_push(at, key));
            }
        }
        for key in ["properties", "$defs", "definitions"] {
            for (name, child) in entries(schema.get(key)) {
                self.schema(child, &pointer_push(&pointer_push(at, key), name));
            }
        }
        for key in ["allOf", "oneOf", "anyOf", "prefixItems"] {
            for (i, part) in items(schema.get(key)) {
                self.schema(part, &pointer_push(&pointer_push(at, key), &i));
            }
        }
    }

    /// Warns about each key of `object` that is neither in `known` nor an extension.
    fn check(&mut self, object: &Value, known: &[&str], kind: &str, at: &str) {
        for key in unknown(object, known) {
            self.warn(at, key, typo(key, kind));
        }
    }

    /// Like [`Self::check`] for a Schema, where a JSON Schema keyword without a 3.0 form gets its own warning.
    fn check_schema(&mut self, schema: &Value, at: &str) {
        for key in unknown(schema, SCHEMA_KEYS) {
            let message = json_schema_keyword(key).unwrap_or_else(|| typo(key, "a Schema"));
            self.warn(at, key, message);
        }
    }

    /// Records a warning about `key` of the object at `at`.
    fn warn(&mut self, at: &str, key: &str, message: String) {
        self.warnings.push(Warning {
            pointer: pointer_push(at, key),
            message,
        });
    }
}

/// The keys of `object` that are neither in `known` nor extensions (none when it is not an object).
fn unknown<'a>(object: &'a Value, known: &'a [&str]) -> impl Iterator<Item = &'a String> {
    object
        .as_object()
        .into_iter()
        .flat_map(Map::keys)
        .filter(move |key| !key.starts_with("x-") && !known.contains(&key.as_str()))
}

/// What an unknown key most likely is: a typo or a split flow mapping, since the model ignores it.
fn typo(key: &str, kind: &str) -> String {
    format!(
        "`{key}` is not a key of {kind} object and is ignored: a typo, or a YAML flow mapping split \
         at a comma (`{{ description: a, b }}` has a key `b`)? Extensions start with `x-`"
    )
}

/// JSON Schema keywords whose schema the client types as any JSON though the spec says more: the fields they
/// are in count as unsupported, not free-form, in the report of what was left untyped.
pub const UNTYPING_KEYWORDS: &[&str] = &["prefixItems", "$dynamicRef"];

/// What the client does about a JSON Schema keyword that normalisation left in a schema, if `key` is one.
fn json_schema_keyword(key: &str) -> Option<String> {
    let message = match key {
        "prefixItems" => {
            "`prefixItems` (a JSON Schema tuple) is not typed item by item: its items are typed as JSON values"
        }
        "$dynamicRef" => {
            "`$dynamicRef` (JSON Schema) is not followed: the value it refers to is typed as JSON"
        }
        "contentSchema" => {
            "`contentSchema` types the document inside a string (`contentMediaType`); the client keeps the \
             string as text and does not decode it"
        }
        "$dynamicAnchor" => {
            "`$dynamicAnchor` (JSON Schema) names a target for `$dynamicRef`, which the client does not follow"
        }
        "patternProperties" => {
            "`patternProperties` could not become a typed map (that takes one pattern whose value is a \
             schema, and no `additionalProperties`): the client does not check its patterns, and types the \
             properties they match like any undeclared property (`additionalProperties`)"
        }
        key if VALIDATION_KEYWORDS.contains(&key) => {
            return Some(format!(
                "`{key}` only constrains values (JSON Schema); the client does not check it"
            ));
        }
        _ => return None,
    };
    Some(message.to_string())
}

/// The members of an object (none when it is absent or not an object).
fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

/// The items of an array with their indices as pointer tokens (none when it is absent or not an array).
fn items(value: Option<&Value>) -> impl Iterator<Item = (String, &Value)> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, item)| (i.to_string(), item))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pointers(document: &Value) -> Vec<String> {
        unknown_keys(document)
            .into_iter()
            .map(|w| w.pointer)
            .collect()
    }

    #[test]
    fn a_comma_in_a_flow_mapping_is_reported_where_it_landed() {
        // What `{ type: string, description: The password, the 2FA token or the Google token. }` reads as.
        let document = json!({ "components": { "schemas": { "Verify": { "type": "object", "properties": {
            "secret": { "type": "string", "description": "The password", "the 2FA token or the Google token.": null }
        } } } } });
        let warnings = unknown_keys(&document);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0].pointer,
            "#/components/schemas/Verify/properties/secret/the 2FA token or the Google token."
        );
        assert!(warnings[0].message.contains("Schema object"));
    }

    #[test]
    fn typos_are_found_in_operations_parameters_media_types_and_nested_schemas() {
        let document = json!({ "paths": { "/a/{id}": {
            "parameters": [{ "name": "id", "in": "path", "requird": true, "schema": { "type": "string" } }],
            "get": {
                "operationID": "getA",
                "x-methods": [{ "operationId": "getA", "body": { "tpye": "string" } }],
                "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schem": {},
                    "schema": { "type": "array", "items": { "allOf": [{ "propertys": {} }] } }
                } } } }
            }
        } } });
        assert_eq!(
            pointers(&document),
            [
                "#/paths/~1a~1{id}/parameters/0/requird",
                "#/paths/~1a~1{id}/get/operationID",
                "#/paths/~1a~1{id}/get/responses/200/content/application~1json/schem",
                "#/paths/~1a~1{id}/get/responses/200/content/application~1json/schema/items/allOf/0/propertys",
                "#/paths/~1a~1{id}/get/x-methods/0/body/tpye",
            ]
        );
    }

    #[test]
    fn extensions_keywords_and_property_names_are_not_reported() {
        let document = json!({ "components": {
            "schemas": { "A": {
                "type": "object",
                "x-anything": { "requird": 1 },
                "properties": { "requird": { "type": "string", "nullable": true }, "operationID": {} },
                "additionalProperties": { "type": "integer", "format": "int64" },
                "discriminator": { "propertyName": "requird" }
            } },
            "parameters": { "P": { "$ref": "#/components/parameters/Q", "summary": "s", "description": "d" } }
        } });
        assert_eq!(pointers(&document), Vec::<String>::new());
    }

    #[test]
    fn each_validation_keyword_gets_its_own_warning_not_the_typo_hint() {
        let mut schema = serde_json::Map::new();
        for keyword in VALIDATION_KEYWORDS {
            schema.insert(keyword.to_string(), json!({}));
        }
        let document = json!({ "components": { "schemas": { "S": schema } } });
        let warnings = unknown_keys(&document);
        assert_eq!(warnings.len(), VALIDATION_KEYWORDS.len(), "{warnings:?}");
        for (warning, keyword) in warnings.iter().zip(VALIDATION_KEYWORDS) {
            assert_eq!(
                warning.pointer,
                pointer_push("#/components/schemas/S", keyword)
            );
            assert_eq!(
                warning.message,
                format!("`{keyword}` only constrains values (JSON Schema); the client does not check it")
            );
        }
    }

    #[test]
    fn tuples_dynamic_refs_and_unmapped_pattern_properties_say_how_the_value_is_typed() {
        let document = json!({ "components": { "schemas": { "S": {
            "type": "object",
            "properties": {
                "pair": { "type": "array", "prefixItems": [{ "type": "string" }, { "tpye": "integer" }] },
                "node": { "$dynamicRef": "#node" }
            },
            "$dynamicAnchor": "node",
            "patternProperties": { "^a": { "type": "string" }, "^b": { "type": "integer" } }
        } } } });
        let warnings = unknown_keys(&document);
        let found: Vec<(&str, &str)> = warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        let expected = [
            (
                "#/components/schemas/S/$dynamicAnchor",
                "names a target for `$dynamicRef`",
            ),
            (
                "#/components/schemas/S/patternProperties",
                "could not become a typed map",
            ),
            (
                "#/components/schemas/S/properties/pair/prefixItems",
                "its items are typed as JSON values",
            ),
            // The tuple's entries are schemas like any other: a typo there is still one.
            (
                "#/components/schemas/S/properties/pair/prefixItems/1/tpye",
                "is not a key of a Schema object",
            ),
            (
                "#/components/schemas/S/properties/node/$dynamicRef",
                "is not followed",
            ),
        ];
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for ((pointer, message), (want_pointer, want_message)) in found.iter().zip(expected) {
            assert_eq!(*pointer, want_pointer);
            assert!(message.contains(want_message), "{message}");
        }
    }

    #[test]
    fn additional_operations_and_item_schemas_are_checked_and_content_schema_explained() {
        let document = json!({ "paths": { "/a": { "x-additional-operations": { "QUERY": {
            "operationID": "ask",
            "responses": { "200": { "description": "ok", "content": { "application/jsonl": {
                "x-item-schema": { "type": "string", "contentSchema": { "type": "object" } }
            } } } }
        } } } } });
        let warnings = unknown_keys(&document);
        let at = "#/paths/~1a/x-additional-operations/QUERY";
        assert_eq!(
            warnings
                .iter()
                .map(|w| w.pointer.as_str())
                .collect::<Vec<_>>(),
            [
                format!("{at}/operationID"),
                format!(
                    "{at}/responses/200/content/application~1jsonl/x-item-schema/contentSchema"
                ),
            ]
        );
        assert!(warnings[0].message.contains("an Operation object"));
        assert!(warnings[1].message.contains("keeps the string as text"));
    }

    #[test]
    fn defs_and_definitions_are_known_and_their_schemas_checked() {
        let document = json!({ "components": { "schemas": { "S": {
            "type": "object",
            "$defs": { "part": { "type": "string", "requird": true } },
            "definitions": { "old": { "type": "object", "propertys": {} } }
        } } } });
        assert_eq!(
            pointers(&document),
            [
                "#/components/schemas/S/$defs/part/requird",
                "#/components/schemas/S/definitions/old/propertys",
            ]
        );
    }
}
