//! Normalisation: rewrites an OpenAPI 3.1 or 3.2 document into the 3.0 forms that `openapiv3` understands,
//! on the untyped value, before deserialising. Each rule is a small function with its own test.
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
//! A 3.2 document gets every 3.1 rule, then its own (see "OpenAPI 3.2" below): what 3.2 adds becomes an
//! extension lowering reads (`x-additional-operations`, `x-item-schema`, ...), the 3.0 form that sends the same
//! request (a form query string), or, when the client cannot send it yet, is left out with a [`Warning`].
//!
//! One rule is not about 3.1 and applies to 3.0 documents too, in the same single walk: an `enum` (or `const`)
//! without `type` whose values are all strings, all integers or all booleans gets that type. A media type's
//! `x-item-schema` (the schema of one item of a sequence, 3.2's `itemSchema`) is a schema in every version.
//!
//! The walk is structural (it knows where schemas live), so a property *named* `const` is left alone.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::{pointer_push, Located, Warning};

/// Schema keywords that only annotate or identify a schema; removing them changes no wire format.
const ANNOTATION_KEYWORDS: &[&str] = &["$schema", "$id", "$comment", "$anchor"];

/// The operation keys of a path item.
pub(crate) const HTTP_METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The path-item extension holding the operations of methods without a field of their own in 3.0: 3.2's
/// `query` (as `QUERY`) and `additionalOperations`, keyed by the method as it is sent (case matters).
pub(crate) const ADDITIONAL_OPERATIONS: &str = "x-additional-operations";

/// The media-type extension holding the schema of one item of a sequence (3.2's `itemSchema`); for a
/// `text/event-stream`, the schema of one event's data.
const ITEM_SCHEMA: &str = "x-item-schema";

/// How many `$ref`s in a row are followed, and how deep an event's schema is searched for its `data`.
const MAX_CHAIN: usize = 8;

/// Checks the OpenAPI version and rewrites the document in place: for 3.1 and 3.2 into 3.0 form, for 3.0
/// only by the rules that hold for every version. The warnings say what a 3.2 document describes that the
/// client leaves out, or sends otherwise than described.
pub fn normalize(doc: &mut Value) -> Result<Vec<Warning>, Located> {
    let root = doc
        .as_object_mut()
        .ok_or_else(|| Located::new("#", "the document is not a mapping"))?;
    let version = check_version(root)?;
    let mut warnings = Vec::new();
    if version == OpenApiVersion::V3_2 {
        inline_media_type_refs(doc, &mut warnings);
    }
    inline_path_item_refs(doc);
    let mut walk = Walk::new(version, doc);
    let Some(root) = doc.as_object_mut() else {
        return Ok(warnings);
    };
    if version >= OpenApiVersion::V3_1 {
        root_to_3_0(root, version);
    }
    walk.document(root)?;
    if version >= OpenApiVersion::V3_1 {
        remove_mutual_tls(root);
    }
    warnings.append(&mut walk.warnings);
    Ok(warnings)
}

/// The rewrites of a 3.1 or 3.2 document's top level.
fn root_to_3_0(root: &mut Map<String, Value>, version: OpenApiVersion) {
    root.insert("openapi".into(), Value::from("3.0.3"));
    root.remove("jsonSchemaDialect");
    // Webhooks are requests the API makes to its users: 3.0 documents declare them as `x-webhooks` (GitHub
    // does), which the OpenAPI 3.0 model keeps as an extension; lowering reads them there.
    if let Some(webhooks) = root.remove("webhooks") {
        root.entry("x-webhooks").or_insert(webhooks);
    }
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    if version == OpenApiVersion::V3_2 {
        // `$self` is the URI other documents use to refer into this one: it identifies the document and
        // changes no request. References within the document are `#` fragments, which it does not affect.
        root.shift_remove("$self");
        tag_fields(root);
    }
}

/// Replaces each path item that is a local `$ref` (to another path or to `#/components/pathItems`) with a
/// copy of its target, so lowering sees every path item whole. Chains are followed a bounded number of times;
/// a reference that cannot be resolved is left for lowering to report.
fn inline_path_item_refs(doc: &mut Value) {
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

/// The OpenAPI versions the generator reads; a 3.1 or 3.2 document is rewritten into 3.0 form. Ordered, so
/// that `>= V3_1` reads "every rule of 3.1".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum OpenApiVersion {
    V3_0,
    V3_1,
    V3_2,
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
        Some(Value::String(v)) if v.starts_with("3.2.") || v == "3.2" => Ok(OpenApiVersion::V3_2),
        Some(other) => Err(Located::new(
            "#/openapi",
            format!("unsupported OpenAPI version {other}; supported are 3.0.x, 3.1.x and 3.2.x"),
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
    for op in root
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .flat_map(operations_mut)
    {
        if let Some(security) = op.get_mut("security") {
            strip(security);
        }
    }
}

/// The operations of a path item: those under a method's field and those in [`ADDITIONAL_OPERATIONS`].
fn operations_mut(item: &mut Value) -> Vec<&mut Value> {
    let mut operations = Vec::new();
    for (key, value) in item.as_object_mut().into_iter().flatten() {
        if HTTP_METHODS.contains(&key.as_str()) {
            operations.push(value);
        } else if key == ADDITIONAL_OPERATIONS {
            operations.extend(value.as_object_mut().into_iter().flat_map(Map::values_mut));
        }
    }
    operations
}

/// Visits one object (and what it contains) found at a pointer.
type Visit = fn(&mut Walk, &mut Value, &str) -> Result<(), Located>;

/// The structural walk: it visits every place of the document where a schema can be, so a property *named*
/// `const` is never taken for the keyword. One walk serves every version; `version` says which rules apply.
/// Pointers are those of the document as written, so a warning or an error names what its author wrote
/// (`#/paths/~1a/query`, not where the operation is moved to).
struct Walk {
    version: OpenApiVersion,
    /// 3.2: the schema of one event's data of each `text/event-stream` media type that has an `itemSchema`,
    /// by the media type's pointer; found before the walk, which rewrites the schemas it is read from.
    event_data: HashMap<String, Value>,
    /// 3.2: the `components.parameters` entries, by the `$ref` that names them, that are (or refer to) an
    /// `in: querystring` parameter the client cannot send.
    unsendable: HashMap<String, Unsendable>,
    /// What the walk left out or changed at a loss.
    warnings: Vec<Warning>,
}

impl Walk {
    fn new(version: OpenApiVersion, doc: &Value) -> Self {
        let (event_data, unsendable) = if version == OpenApiVersion::V3_2 {
            (event_data_schemas(doc), unsendable_parameters(doc))
        } else {
            Default::default()
        };
        Self {
            version,
            event_data,
            unsendable,
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, pointer: String, message: String) {
        self.warnings.push(Warning { pointer, message });
    }

    /// Rewrites the schemas of every path item and every component.
    fn document(&mut self, root: &mut Map<String, Value>) -> Result<(), Located> {
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
    fn components_section(&mut self, components: &mut Map<String, Value>) -> Result<(), Located> {
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
        if self.version == OpenApiVersion::V3_2 {
            self.leave_out_unsendable_parameters(components);
        }
        Ok(())
    }

    /// A path item's shared parameters and its operations.
    fn path_item(&mut self, item: &mut Value, at: &str) -> Result<(), Located> {
        let Some(item) = item.as_object_mut() else {
            return Ok(());
        };
        let moved = if self.version == OpenApiVersion::V3_2 {
            self.gather_additional_operations(item, at)
        } else {
            Vec::new()
        };
        self.each_in_array(item, "parameters", at, Self::parameter_like)?;
        for method in HTTP_METHODS {
            if let Some(op) = item.get_mut(*method) {
                self.operation(op, &pointer_push(at, method))?;
            }
        }
        for (method, op) in item
            .get_mut(ADDITIONAL_OPERATIONS)
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            self.operation(op, &additional_operation_at(at, method, &moved))?;
        }
        if self.version == OpenApiVersion::V3_2 {
            self.leave_out_unsendable_operations(item, at, &moved);
        }
        Ok(())
    }

    /// An operation's parameters, body, responses, callbacks and `x-methods` bodies.
    fn operation(&mut self, op: &mut Value, at: &str) -> Result<(), Located> {
        let Some(op) = op.as_object_mut() else {
            return Ok(());
        };
        if self.version >= OpenApiVersion::V3_1 {
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
    fn callback(&mut self, callback: &mut Value, at: &str) -> Result<(), Located> {
        for (expression, item) in callback.as_object_mut().into_iter().flatten() {
            self.path_item(item, &pointer_push(at, expression))?;
        }
        Ok(())
    }

    /// A parameter or a header: its schema, or the schemas of its content.
    fn parameter_like(&mut self, param: &mut Value, at: &str) -> Result<(), Located> {
        let Some(param) = param.as_object_mut() else {
            return Ok(());
        };
        let mut schema_at = pointer_push(at, "schema");
        if self.version == OpenApiVersion::V3_2 {
            if let Some(media_at) = self.querystring_to_query(param, at) {
                schema_at = pointer_push(&media_at, "schema");
            }
            self.cookie_style(param, at);
        }
        if let Some(s) = param.get_mut("schema") {
            self.schema(s, &schema_at)?;
        }
        self.content(param, at)
    }

    /// A request body's media types.
    fn request_body(&mut self, body: &mut Value, at: &str) -> Result<(), Located> {
        let Some(body) = body.as_object_mut() else {
            return Ok(());
        };
        self.content(body, at)
    }

    /// A response's headers and media types.
    fn response(&mut self, resp: &mut Value, at: &str) -> Result<(), Located> {
        let Some(resp) = resp.as_object_mut() else {
            return Ok(());
        };
        if self.version == OpenApiVersion::V3_2 && !resp.contains_key("$ref") {
            // 3.2 made `description` optional, beside a new `summary`; openapiv3 requires `description`.
            if !resp.contains_key("description") {
                let summary = resp.get("summary").filter(|s| s.is_string()).cloned();
                let description = summary.unwrap_or_else(|| Value::from(""));
                resp.insert("description".into(), description);
            }
        }
        self.each_in_object(resp, "headers", at, Self::parameter_like)?;
        self.content(resp, at)
    }

    /// The media types of a `content` map.
    fn content(&mut self, parent: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
        let at = pointer_push(at, "content");
        for (media_type, media) in parent
            .get_mut("content")
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            self.media_type(media_type, media, &pointer_push(&at, media_type))?;
        }
        Ok(())
    }

    /// A media type's schema and item schema.
    fn media_type(&mut self, media_type: &str, media: &mut Value, at: &str) -> Result<(), Located> {
        let Some(media) = media.as_object_mut() else {
            return Ok(());
        };
        let mut item_at = pointer_push(at, ITEM_SCHEMA);
        if self.version == OpenApiVersion::V3_2 {
            if self.item_schema(media_type, media, at) {
                item_at = pointer_push(at, "itemSchema");
            }
            // Encodings by position, for `multipart` parts that have no names. The client sends such bodies
            // as bytes the caller encodes, so it applies no encoding to them; kept as extensions, since
            // `keys.rs` would take the 3.2 fields for typos.
            to_extension(media, "prefixEncoding", "x-prefix-encoding");
            to_extension(media, "itemEncoding", "x-item-encoding");
        }
        if let Some(s) = media.get_mut("schema") {
            self.schema(s, &pointer_push(at, "schema"))?;
        }
        if let Some(s) = media.get_mut(ITEM_SCHEMA) {
            self.schema(s, &item_at)?;
        }
        // The headers of a multipart part (`openapiv3` reads them, with their schemas).
        let encoding_at = pointer_push(at, "encoding");
        for (name, encoding) in media
            .get_mut("encoding")
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            if let Some(encoding) = encoding.as_object_mut() {
                let at = pointer_push(&encoding_at, name);
                self.each_in_object(encoding, "headers", &at, Self::parameter_like)?;
            }
        }
        Ok(())
    }

    /// Rewrites one schema and, recursively, every schema inside it.
    fn schema(&mut self, value: &mut Value, at: &str) -> Result<(), Located> {
        if self.version >= OpenApiVersion::V3_1 {
            boolean_schema(value);
        }
        let Some(schema) = value.as_object_mut() else {
            return Ok(());
        };
        if self.version >= OpenApiVersion::V3_1 {
            json_schema_2020_to_3_0(schema, at)?;
        }
        if self.version == OpenApiVersion::V3_2 {
            default_mapping(schema);
        }
        enum_type(schema);
        self.subschemas(schema, at)
    }

    /// The schemas inside a schema: those that type values, and those kept for `$ref`s (`$defs`,
    /// `definitions`) or for `keys.rs` to look into (`prefixItems`). Subschemas of keywords that only
    /// constrain values (`if`, `contains`, ...) are not visited: nothing types them.
    fn subschemas(&mut self, schema: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
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
        &mut self,
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
        &mut self,
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

/// `contentEncoding: base64` → `format: byte`; a `contentMediaType` without encoding → `format: binary`, but
/// for a `type: string` of a text media type (JSON or XML in a string, an HTML fragment, the `data` of a 3.2
/// event): that is text, and stays a plain string. A `contentSchema` beside it is left for `keys.rs`.
fn content_encoding(schema: &mut Map<String, Value>) {
    let encoding = schema.shift_remove("contentEncoding");
    let media = schema.shift_remove("contentMediaType");
    let format = match (encoding, media) {
        (Some(Value::String(e)), _) if e.eq_ignore_ascii_case("base64") => "byte",
        (None, Some(Value::String(media)))
            if has_type(schema, "string") && is_text_media_type(&media) =>
        {
            return
        }
        (None, Some(_)) => "binary",
        _ => return,
    };
    schema
        .entry("format")
        .or_insert_with(|| Value::from(format));
}

// OpenAPI 3.2
//
// What 3.2 adds, and what becomes of it. `openapiv3` 2.2.0 reads 3.0; each addition was checked in its
// sources for whether reading it fails (F) or drops it silently (D), since none of its structs denies
// unknown fields:
// - `query` and `additionalOperations` on a path item (D: `PathItem` keeps the eight methods and `x-` keys):
//   moved into `x-additional-operations` ([`Walk::gather_additional_operations`]).
// - `in: querystring` (F: `Parameter` is an enum tagged by `in`, with four variants): a form query string
//   becomes a form query parameter, any other leaves its operations out ([`Walk::querystring_to_query`],
//   [`Walk::leave_out_unsendable_operations`]).
// - `style: cookie` (F: `CookieStyle` has only `form`): read as `form` ([`Walk::cookie_style`]).
// - `$ref` in a `content` map, to `components.mediaTypes` (D: content maps hold `MediaType`, not
//   `ReferenceOr`, so a reference reads as an empty media type; `Components` ignores `mediaTypes`): inlined
//   ([`inline_media_type_refs`]).
// - Response `description`, now optional (F: `Response::description` is required), and `summary` (D): the
//   description is filled from the summary, or empty ([`Walk::response`]).
// - Media type `itemSchema` (D): `x-item-schema` ([`Walk::item_schema`]); `prefixEncoding` and
//   `itemEncoding` (D, and `keys.rs` would report them as typos): `x-prefix-encoding`, `x-item-encoding`.
// - Tag `summary`, `parent`, `kind` (D; `Tag` keeps `x-` keys): `x-summary`, `x-parent`, `x-kind`.
// - Discriminator `defaultMapping` (D; `Discriminator` keeps `x-` keys): its `x-default-mapping`.
// - `$self` (D): removed; it only identifies the document.
// Left as they are, dropped by `openapiv3` and used by nothing the client does: Server `name`; Example
// `dataValue` and `serializedValue` (lowering reads no examples); security scheme `deprecated` and
// `oauth2MetadataUrl`, and the OAuth `deviceAuthorization` flow (`OAuth2Flows` reads the four others and
// ignores it; lowering reads no flows: an OAuth scheme takes a bearer token); XML `nodeType` (`Schema` keeps
// no `xml`); an Encoding's nested `encoding`, `prefixEncoding` and `itemEncoding` (of multipart parts inside
// parts, which the client does not build). A string's `contentMediaType`, which 3.2's event streams use for
// JSON in an event's `data`, is a 3.1 keyword ([`content_encoding`]).

impl Walk {
    /// 3.2's `query` operation and `additionalOperations` map → the path item's [`ADDITIONAL_OPERATIONS`],
    /// keyed by the method as it is sent: `QUERY`, and each `additionalOperations` key as written (3.2 makes
    /// the method's case significant). A key naming a method with a field of its own (`GET`, `post`,
    /// `Query`), which 3.2 does not allow there, or that is no HTTP method token, is left out with a warning.
    /// Returns each moved operation's method and pointer as written.
    fn gather_additional_operations(
        &mut self,
        item: &mut Map<String, Value>,
        at: &str,
    ) -> Vec<(String, String)> {
        let mut moved = Vec::new();
        let mut gathered = Map::new();
        if let Some(op) = item.shift_remove("query") {
            moved.push(("QUERY".to_string(), pointer_push(at, "query")));
            gathered.insert("QUERY".into(), op);
        }
        let extra_at = pointer_push(at, "additionalOperations");
        match item.shift_remove("additionalOperations") {
            None => {}
            Some(Value::Object(extra)) => {
                for (method, op) in extra {
                    let op_at = pointer_push(&extra_at, &method);
                    let field = method.to_ascii_lowercase();
                    if HTTP_METHODS.contains(&field.as_str()) || field == "query" {
                        self.warn(
                            op_at,
                            format!(
                                "operation left out: `additionalOperations` may not hold `{method}`, whose \
                                 operation belongs in the path item's `{field}` field (OpenAPI 3.2)"
                            ),
                        );
                    } else if !is_method_token(&method) {
                        self.warn(
                            op_at,
                            format!("operation left out: `{method}` is not an HTTP method name"),
                        );
                    } else {
                        moved.push((method.clone(), op_at));
                        gathered.insert(method, op);
                    }
                }
            }
            Some(_) => self.warn(
                extra_at,
                "left out: `additionalOperations` is not a map of methods to operations".into(),
            ),
        }
        if !gathered.is_empty() {
            match item
                .entry(ADDITIONAL_OPERATIONS)
                .or_insert_with(|| Value::Object(Map::new()))
            {
                Value::Object(operations) => operations.extend(gathered),
                other => *other = Value::Object(gathered),
            }
        }
        moved
    }

    /// 3.2's `in: querystring` parameter is the whole query string, serialised by the one media type of its
    /// `content`. As `application/x-www-form-urlencoded`, that is what a `form`-style, exploded query
    /// parameter of the same schema sends (whose name is not sent either), so it becomes one: `in: query`,
    /// `style: form`, `explode: true` and the media type's schema (a map of strings when it has none).
    /// Per-property `encoding` has no such form: warned about. Other media types are left for
    /// [`Self::leave_out_unsendable_operations`]. Returns the media type's pointer when rewritten.
    fn querystring_to_query(&mut self, param: &mut Map<String, Value>, at: &str) -> Option<String> {
        if param.get("in").and_then(Value::as_str) != Some("querystring")
            || querystring_problem(param).is_some()
        {
            return None;
        }
        let Some(Value::Object(content)) = param.shift_remove("content") else {
            return None;
        };
        let (media_type, media) = content.into_iter().next()?;
        let media_at = pointer_push(&pointer_push(at, "content"), &media_type);
        let mut media = match media {
            Value::Object(media) => media,
            _ => Map::new(),
        };
        if media
            .get("encoding")
            .and_then(Value::as_object)
            .is_some_and(|encoding| !encoding.is_empty())
        {
            self.warn(
                pointer_push(&media_at, "encoding"),
                "not applied: the query string is sent as a `form` query parameter, each property \
                 form-style"
                    .into(),
            );
        }
        let schema = media.shift_remove("schema").unwrap_or_else(|| {
            serde_json::json!({ "type": "object", "additionalProperties": { "type": "string" } })
        });
        param.insert("in".into(), Value::from("query"));
        param.insert("style".into(), Value::from("form"));
        param.insert("explode".into(), Value::Bool(true));
        param.insert("schema".into(), schema);
        Some(media_at)
    }

    /// 3.2's `style: cookie` for `in: cookie` (where `openapiv3` knows only `form`, and fails) is read as the
    /// default, `form`. The client sends a single value alike either way (`name=value`, not
    /// percent-encoded); a list or an object would be several `name=value` pairs under `cookie`, which the
    /// client does not send: warned about.
    fn cookie_style(&mut self, param: &mut Map<String, Value>, at: &str) {
        let is = |key: &str, value: &str| param.get(key).and_then(Value::as_str) == Some(value);
        if !(is("in", "cookie") && is("style", "cookie")) {
            return;
        }
        param.shift_remove("style");
        let compound = param
            .get("schema")
            .and_then(Value::as_object)
            .is_some_and(|s| {
                has_type(s, "array")
                    || has_type(s, "object")
                    || s.contains_key("items")
                    || s.contains_key("properties")
            });
        if compound {
            self.warn(
                pointer_push(at, "style"),
                "`style: cookie` is read as `form`: this list or object is not sent as separate \
                 `name=value` pairs"
                    .into(),
            );
        }
    }

    /// 3.2's `itemSchema`, the schema of each item of a sequential media type → `x-item-schema`. For
    /// `text/event-stream` that is the schema of one event's data ([`event_data_schema`]), which is what the
    /// client hands over; for every other media type (`application/jsonl`, `application/x-ndjson`,
    /// `application/json-seq`, `multipart/mixed`, ...) the item schema as it is. An `x-item-schema` written by
    /// hand is kept. Returns whether `itemSchema` became `x-item-schema`.
    fn item_schema(&mut self, media_type: &str, media: &mut Map<String, Value>, at: &str) -> bool {
        let Some(item) = media.shift_remove("itemSchema") else {
            return false;
        };
        if media.contains_key(ITEM_SCHEMA) {
            self.warn(
                pointer_push(at, "itemSchema"),
                format!("left out: the media type's `{ITEM_SCHEMA}` is kept instead"),
            );
            return false;
        }
        let item = if is_event_stream(media_type) {
            self.event_data
                .remove(at)
                .unwrap_or_else(|| event_data_schema(&item, None))
        } else {
            item
        };
        media.insert(ITEM_SCHEMA.into(), item);
        true
    }

    /// 3.2: an operation with an `in: querystring` parameter the client cannot send ([`querystring_problem`]),
    /// its own or its path item's, written out or through a `$ref` to `components.parameters`, is left out
    /// with a warning naming that parameter and why. Such parameters of the path item go too: no operation is
    /// left to use them, and `openapiv3` could not read them.
    fn leave_out_unsendable_operations(
        &mut self,
        item: &mut Map<String, Value>,
        at: &str,
        moved: &[(String, String)],
    ) {
        let shared = self.unsendable_in(item.get("parameters"), &pointer_push(at, "parameters"));
        let problem = |op: &Value, op_at: &str| {
            shared.clone().or_else(|| {
                self.unsendable_in(op.get("parameters"), &pointer_push(op_at, "parameters"))
            })
        };
        let mut left_out = Vec::new();
        for method in HTTP_METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let op_at = pointer_push(at, method);
            if let Some(why) = problem(op, &op_at) {
                left_out.push((false, method.to_string(), op_at, why));
            }
        }
        for (method, op) in item
            .get(ADDITIONAL_OPERATIONS)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let op_at = additional_operation_at(at, method, moved);
            if let Some(why) = problem(op, &op_at) {
                left_out.push((true, method.clone(), op_at, why));
            }
        }
        for (additional, method, op_at, why) in left_out {
            if !additional {
                item.shift_remove(&method);
            } else if let Some(operations) = item
                .get_mut(ADDITIONAL_OPERATIONS)
                .and_then(Value::as_object_mut)
            {
                operations.shift_remove(&method);
                if operations.is_empty() {
                    item.shift_remove(ADDITIONAL_OPERATIONS);
                }
            }
            self.warn(op_at, format!("operation left out: {why}"));
        }
        if shared.is_some() {
            if let Some(params) = item.get_mut("parameters").and_then(Value::as_array_mut) {
                params.retain(|param| !self.is_unsendable(param));
            }
        }
    }

    /// Why the first parameter of `params` (at `at`) that the client cannot send leaves its operation out.
    fn unsendable_in(&self, params: Option<&Value>, at: &str) -> Option<String> {
        let params = params.and_then(Value::as_array)?;
        params.iter().enumerate().find_map(|(i, param)| {
            let param_at = pointer_push(at, &i.to_string());
            match param.get("$ref").and_then(Value::as_str) {
                Some(reference) => self.unsendable.get(reference).map(|u| {
                    format!(
                        "its `in: querystring` parameter at {} (through the `$ref` at {param_at}) {}",
                        u.pointer, u.why
                    )
                }),
                None => param
                    .as_object()
                    .and_then(querystring_problem)
                    .map(|why| format!("its `in: querystring` parameter at {param_at} {why}")),
            }
        })
    }

    /// Whether the client cannot send `param`, written out or through a `$ref`.
    fn is_unsendable(&self, param: &Value) -> bool {
        match param.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.unsendable.contains_key(reference),
            None => param.as_object().and_then(querystring_problem).is_some(),
        }
    }

    /// 3.2: `components.parameters` entries that are, or refer to, an `in: querystring` parameter the client
    /// cannot send are left out (`openapiv3` could not read one), with a warning each; so is every operation
    /// that uses one ([`Self::leave_out_unsendable_operations`]).
    fn leave_out_unsendable_parameters(&mut self, components: &mut Map<String, Value>) {
        let Some(params) = components
            .get_mut("parameters")
            .and_then(Value::as_object_mut)
        else {
            return;
        };
        let mut left_out = Vec::new();
        params.retain(|name, _| {
            let own = pointer_push("#/components/parameters", name);
            let Some(u) = self.unsendable.get(&own) else {
                return true;
            };
            let message = if u.pointer == own {
                format!(
                    "parameter left out: it is `in: querystring` and {}; so is every operation that \
                     uses it",
                    u.why
                )
            } else {
                format!(
                    "parameter left out: it refers to the `in: querystring` parameter at {}, which {}",
                    u.pointer, u.why
                )
            };
            left_out.push((own, message));
            false
        });
        for (pointer, message) in left_out {
            self.warn(pointer, message);
        }
    }
}

/// Where the operation of `method` in a path item's [`ADDITIONAL_OPERATIONS`] was written: where 3.2 had it
/// (`moved`), else in the extension itself.
fn additional_operation_at(at: &str, method: &str, moved: &[(String, String)]) -> String {
    moved.iter().find(|(m, _)| m == method).map_or_else(
        || pointer_push(&pointer_push(at, ADDITIONAL_OPERATIONS), method),
        |(_, op_at)| op_at.clone(),
    )
}

/// Whether `method` is an HTTP method token (RFC 9110: letters, digits and ``!#$%&'*+-.^_`|~``).
fn is_method_token(method: &str) -> bool {
    !method.is_empty()
        && method
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// An `in: querystring` parameter the client cannot send: where it is, and why.
struct Unsendable {
    pointer: String,
    why: String,
}

/// Why the client cannot send `param`, if it is an `in: querystring` parameter it cannot send: the query
/// string is the one media type of its `content`, and `application/x-www-form-urlencoded` (which
/// [`Walk::querystring_to_query`] rewrites) is the only one the client sends yet.
fn querystring_problem(param: &Map<String, Value>) -> Option<String> {
    if param.get("in").and_then(Value::as_str) != Some("querystring") {
        return None;
    }
    match param.get("content").and_then(Value::as_object) {
        Some(content) if content.len() == 1 => {
            let media_type = content.keys().next()?;
            (!is_form_urlencoded(media_type)).then(|| {
                format!(
                    "has media type `{media_type}`, which the client cannot send as a query string yet \
                     (it sends `application/x-www-form-urlencoded` ones)"
                )
            })
        }
        _ => {
            Some("has no `content` with exactly one media type to describe its query string".into())
        }
    }
}

/// The `components.parameters` entries, by the `$ref` that names them, that are or lead to (through a
/// bounded chain of `$ref`s) an `in: querystring` parameter the client cannot send.
fn unsendable_parameters(doc: &Value) -> HashMap<String, Unsendable> {
    let mut found = HashMap::new();
    let Some(params) = doc
        .pointer("/components/parameters")
        .and_then(Value::as_object)
    else {
        return found;
    };
    for (name, param) in params {
        let own = pointer_push("#/components/parameters", name);
        let mut pointer = own.clone();
        let mut param = param;
        for _ in 0..MAX_CHAIN {
            let Some(reference) = param.get("$ref").and_then(Value::as_str) else {
                break;
            };
            match reference.strip_prefix('#').and_then(|p| doc.pointer(p)) {
                Some(target) => {
                    pointer = reference.to_string();
                    param = target;
                }
                None => break,
            }
        }
        if let Some(why) = param.as_object().and_then(querystring_problem) {
            found.insert(own, Unsendable { pointer, why });
        }
    }
    found
}

/// 3.2's `components.mediaTypes` holds Media Type objects that `content` maps (of request bodies, responses,
/// parameters, headers, encodings) refer to with `$ref`; 3.0 has neither, and `openapiv3` would read such a
/// reference as an empty media type. Each is replaced with a copy of its target (following chains a bounded
/// number of times), then the references inside the copies, a bounded number of rounds; one that cannot be
/// resolved is left, with a warning. The section is then removed.
fn inline_media_type_refs(doc: &mut Value, warnings: &mut Vec<Warning>) {
    const SECTION: &str = "#/components/mediaTypes/";
    let references = |doc: &Value| {
        let mut found = Vec::new();
        each_media_type(doc, "#", &mut |at, _, media| {
            let reference = media.get("$ref").and_then(Value::as_str);
            if let Some(reference) = reference.filter(|r| r.starts_with(SECTION)) {
                if !at.starts_with(SECTION) {
                    found.push((at.to_string(), reference.to_string()));
                }
            }
        });
        found
    };
    for _ in 0..MAX_CHAIN {
        let resolved: Vec<(String, Value)> = references(doc)
            .into_iter()
            .filter_map(|(at, reference)| {
                media_type_target(doc, &reference).map(|target| (at, target.clone()))
            })
            .collect();
        if resolved.is_empty() {
            break;
        }
        for (at, target) in resolved {
            if let Some(slot) = doc.pointer_mut(&at[1..]) {
                *slot = target;
            }
        }
    }
    for (pointer, reference) in references(doc) {
        let message = if media_type_target(doc, &reference).is_some() {
            format!(
                "`{reference}` is left as a reference, which describes no content: the Media Type \
                 objects it leads to refer to one another too deeply"
            )
        } else {
            format!(
                "`{reference}` is left as a reference, which describes no content: it leads to no Media \
                 Type object (none is there, or its `$ref`s go round in a loop)"
            )
        };
        warnings.push(Warning { pointer, message });
    }
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.shift_remove("mediaTypes");
    }
}

/// The Media Type object a `$ref` leads to in the document, following a bounded chain of `$ref`s.
fn media_type_target<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    let mut target = doc.pointer(reference.strip_prefix('#')?)?;
    for _ in 0..MAX_CHAIN {
        match target.get("$ref").and_then(Value::as_str) {
            None => return target.is_object().then_some(target),
            Some(next) => target = doc.pointer(next.strip_prefix('#')?)?,
        }
    }
    None
}

/// Calls `visit` with the pointer, the media type and the Media Type object of every entry of every
/// `content` map in `value`, found by its key wherever it is: the callers look only for what a schema cannot
/// hold there (a `$ref` into `components.mediaTypes`, a `text/event-stream` entry with an `itemSchema`).
fn each_media_type(value: &Value, at: &str, visit: &mut dyn FnMut(&str, &str, &Value)) {
    let nested = |child: &&Value| child.is_object() || child.is_array();
    match value {
        Value::Object(members) => {
            for (key, child) in members.iter().filter(|(_, child)| nested(child)) {
                let child_at = pointer_push(at, key);
                if key == "content" {
                    for (media_type, media) in child.as_object().into_iter().flatten() {
                        visit(&pointer_push(&child_at, media_type), media_type, media);
                    }
                }
                each_media_type(child, &child_at, visit);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate().filter(|(_, item)| nested(item)) {
                each_media_type(item, &pointer_push(at, &i.to_string()), visit);
            }
        }
        _ => {}
    }
}

/// The schema of one event's data of each `text/event-stream` media type with an `itemSchema`, by the media
/// type's pointer ([`event_data_schema`], which follows `$ref`s into the document as it is written).
fn event_data_schemas(doc: &Value) -> HashMap<String, Value> {
    let mut found = HashMap::new();
    each_media_type(doc, "#", &mut |at, media_type, media| {
        if let Some(item) = media
            .get("itemSchema")
            .filter(|_| is_event_stream(media_type))
        {
            found.insert(at.to_string(), event_data_schema(item, Some(doc)));
        }
    });
    found
}

/// The schema of one event's data, from a `text/event-stream` media type's `itemSchema`. 3.2 describes each
/// event as an object with the fields `event`, `data`, `id` and `retry`, text unless said otherwise, `data`
/// often JSON (`contentMediaType: application/json` and its `contentSchema`); the client hands over each
/// event's data. So it is `data`'s `contentSchema`, any JSON (`{}`) for JSON without one, and a string
/// otherwise. An `itemSchema` without a `data` property is taken as the data's schema itself, as some specs
/// write it. `data` is looked for in the schema's `properties`, its `allOf` and what its `$ref` names,
/// following `$ref`s within `doc` a bounded number of times; not in `oneOf` or `anyOf` branches, which are
/// different events whose data need not be alike (each is a string at least). Of several, the one that says
/// most wins.
fn event_data_schema(item: &Value, doc: Option<&Value>) -> Value {
    let mut found = Vec::new();
    data_properties(item, doc, 0, &mut found);
    match found
        .into_iter()
        .map(|data| event_data(data, doc))
        .min_by_key(EventData::rank)
    {
        None => item.clone(),
        Some(EventData::Schema(schema)) => schema.clone(),
        Some(EventData::Json) => Value::Object(Map::new()),
        Some(EventData::Text) => serde_json::json!({ "type": "string" }),
    }
}

/// What an event's `data` property says its data is.
enum EventData<'a> {
    /// JSON of this `contentSchema`.
    Schema(&'a Value),
    /// JSON (a JSON `contentMediaType`) of any shape.
    Json,
    /// Text.
    Text,
}

impl EventData<'_> {
    /// Lower says more.
    fn rank(&self) -> u8 {
        match self {
            Self::Schema(_) => 0,
            Self::Json => 1,
            Self::Text => 2,
        }
    }
}

/// The `data` properties of an event's schema: its own, its `allOf` members' and its `$ref` target's.
fn data_properties<'a>(
    schema: &'a Value,
    doc: Option<&'a Value>,
    depth: usize,
    found: &mut Vec<&'a Value>,
) {
    if depth > MAX_CHAIN {
        return;
    }
    if let Some(data) = schema.get("properties").and_then(|p| p.get("data")) {
        found.push(data);
    }
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        data_properties(part, doc, depth + 1, found);
    }
    if let Some(target) = local_target(schema, doc) {
        data_properties(target, doc, depth + 1, found);
    }
}

/// What a `data` property says, following its `$ref`s.
fn event_data<'a>(data: &'a Value, doc: Option<&'a Value>) -> EventData<'a> {
    let mut data = data;
    for _ in 0..MAX_CHAIN {
        if let Some(schema) = data.get("contentSchema") {
            return EventData::Schema(schema);
        }
        let media = data.get("contentMediaType").and_then(Value::as_str);
        if media.is_some_and(is_json_media_type) {
            return EventData::Json;
        }
        match local_target(data, doc) {
            Some(target) => data = target,
            None => break,
        }
    }
    EventData::Text
}

/// What the local `$ref` of `value` names in `doc`.
fn local_target<'a>(value: &Value, doc: Option<&'a Value>) -> Option<&'a Value> {
    let reference = value.get("$ref")?.as_str()?;
    doc?.pointer(reference.strip_prefix('#')?)
}

/// 3.2's tag `summary` (a short name to display), `parent` (the tag it nests under) and `kind` (what sort of
/// tag: `nav`, `badge`, ...) → the extensions `x-summary`, `x-parent` and `x-kind`, which `openapiv3`'s `Tag`
/// keeps.
fn tag_fields(root: &mut Map<String, Value>) {
    for tag in root
        .get_mut("tags")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        to_extension(tag, "summary", "x-summary");
        to_extension(tag, "parent", "x-parent");
        to_extension(tag, "kind", "x-kind");
    }
}

/// 3.2's discriminator `defaultMapping` (the schema of a payload whose discriminating property is missing or
/// unmapped) → the discriminator's `x-default-mapping`, which `openapiv3`'s `Discriminator` keeps.
fn default_mapping(schema: &mut Map<String, Value>) {
    if let Some(discriminator) = schema
        .get_mut("discriminator")
        .and_then(Value::as_object_mut)
    {
        to_extension(discriminator, "defaultMapping", "x-default-mapping");
    }
}

/// Moves `field` of `object` to the extension `extension`; one already there, written by hand, is kept.
fn to_extension(object: &mut Map<String, Value>, field: &str, extension: &str) {
    if let Some(value) = object.shift_remove(field) {
        object.entry(extension).or_insert(value);
    }
}

fn is_event_stream(media_type: &str) -> bool {
    crate::media_type::essence(media_type) == "text/event-stream"
}

fn is_form_urlencoded(media_type: &str) -> bool {
    crate::media_type::essence(media_type) == "application/x-www-form-urlencoded"
}

fn is_json_media_type(media_type: &str) -> bool {
    let essence = crate::media_type::essence(media_type);
    essence.ends_with("/json") || essence.ends_with("+json")
}

/// Whether a media type is text: `text/*`, JSON or XML.
fn is_text_media_type(media_type: &str) -> bool {
    let essence = crate::media_type::essence(media_type);
    essence.starts_with("text/")
        || is_json_media_type(&essence)
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
}

/// Whether a schema's `type` is `name`, or a list that names it.
fn has_type(schema: &Map<String, Value>, name: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(ty)) => ty == name,
        Some(Value::Array(types)) => types.iter().any(|ty| ty.as_str() == Some(name)),
        _ => false,
    }
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
            "paths": { "/a": {
                "get": { "security": [{ "mtls": [] }] },
                "x-additional-operations": { "PURGE": { "security": [{ "mtls": [], "key": [] }] } }
            } },
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
        assert_eq!(
            doc["paths"]["/a"]["x-additional-operations"]["PURGE"]["security"],
            json!([{ "key": [] }])
        );
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

    /// Normalises a 3.2 document of `paths` and `components`; the document afterwards, and the warnings.
    fn normalized_3_2(paths: Value, components: Value) -> (Value, Vec<Warning>) {
        let mut doc = json!({
            "openapi": "3.2.0",
            "info": { "title": "t", "version": "1" },
            "paths": paths,
            "components": components
        });
        let warnings = normalize(&mut doc).expect("normalises");
        assert_eq!(doc["openapi"], "3.0.3");
        (doc, warnings)
    }

    /// The pointers and messages of `warnings`.
    fn found(warnings: &[Warning]) -> Vec<(&str, &str)> {
        warnings
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect()
    }

    /// Asserts that `openapiv3` reads `doc` and that `keys.rs` finds no key it does not know in it.
    fn assert_readable_and_known(doc: &Value) {
        crate::deserialize(doc, std::path::Path::new("spec.yml")).expect("openapiv3 reads it");
        assert_eq!(crate::keys::unknown_keys(doc), Vec::new());
    }

    #[test]
    fn version_3_2_is_read_with_every_3_1_rule() {
        for version in ["3.2.0", "3.2.1", "3.2"] {
            let mut doc = json!({
                "openapi": version,
                "$self": "https://example.com/openapi.yaml",
                "jsonSchemaDialect": "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
                "info": { "title": "t", "version": "1" },
                "webhooks": { "ping": {} },
                "components": { "schemas": { "S": { "type": ["string", "null"], "const": "a" } } }
            });
            let warnings = normalize(&mut doc).expect("3.2 is read");
            assert_eq!(warnings, []);
            assert_eq!(
                doc,
                json!({
                    "openapi": "3.0.3",
                    "info": { "title": "t", "version": "1" },
                    "x-webhooks": { "ping": {} },
                    "paths": {},
                    "components": { "schemas": { "S": { "type": "string", "nullable": true, "enum": ["a"] } } }
                }),
                "{version}"
            );
        }
    }

    #[test]
    fn versions_after_3_2_are_refused_naming_the_supported_ones() {
        for version in ["3.3.0", "4.0.0", "3.20"] {
            let err = normalize(&mut json!({ "openapi": version })).expect_err(version);
            assert_eq!(err.pointer, "#/openapi");
            assert_eq!(
                err.message,
                format!(
                    "unsupported OpenAPI version \"{version}\"; supported are 3.0.x, 3.1.x and 3.2.x"
                )
            );
        }
    }

    #[test]
    fn query_and_additional_operations_move_to_x_additional_operations() {
        let (doc, warnings) = normalized_3_2(
            json!({ "/items": {
                "get": { "responses": {} },
                "query": { "operationId": "search", "requestBody": { "content": {
                    "application/json": { "schema": { "type": ["object", "null"] } }
                } } },
                "additionalOperations": {
                    "COPY": { "operationId": "copy", "parameters": [
                        { "name": "to", "in": "header", "schema": { "const": "x" } }
                    ] },
                    "GET": { "operationId": "shadowsGet" },
                    "post": { "operationId": "shadowsPost" },
                    "Query": { "operationId": "shadowsQuery" },
                    "NOT A METHOD": { "operationId": "bad" }
                }
            } }),
            json!({}),
        );
        let item = doc["paths"]["/items"].as_object().expect("a path item");
        assert_eq!(
            item.keys().collect::<Vec<_>>(),
            ["get", "x-additional-operations"]
        );
        let operations = item["x-additional-operations"].as_object().expect("a map");
        assert_eq!(operations.keys().collect::<Vec<_>>(), ["QUERY", "COPY"]);
        assert_eq!(
            operations["QUERY"]["requestBody"]["content"]["application/json"]["schema"],
            json!({ "type": "object", "nullable": true })
        );
        assert_eq!(operations["QUERY"]["responses"], json!({}));
        assert_eq!(
            operations["COPY"]["parameters"][0]["schema"],
            json!({ "enum": ["x"], "type": "string" })
        );
        let at = "#/paths/~1items/additionalOperations";
        let found = found(&warnings);
        assert_eq!(
            found
                .iter()
                .map(|(pointer, _)| *pointer)
                .collect::<Vec<_>>(),
            [
                format!("{at}/GET"),
                format!("{at}/post"),
                format!("{at}/Query"),
                format!("{at}/NOT A METHOD")
            ]
        );
        assert!(
            found[0]
                .1
                .contains("belongs in the path item's `get` field"),
            "{}",
            found[0].1
        );
        assert!(found[2].1.contains("`query` field"), "{}", found[2].1);
        assert!(
            found[3].1.contains("not an HTTP method name"),
            "{}",
            found[3].1
        );
        assert_eq!(crate::count_operations(&doc), 3);
        assert_readable_and_known(&doc);
    }

    #[test]
    fn an_error_in_a_moved_operation_names_where_it_was_written() {
        let mut doc = json!({ "openapi": "3.2.0", "paths": { "/a": { "query": { "responses": { "200": {
            "description": "ok",
            "content": { "application/json": { "schema": { "type": ["string", 1] } } }
        } } } } } });
        let err = normalize(&mut doc).expect_err("1 is not a type name");
        assert_eq!(
            err.pointer,
            "#/paths/~1a/query/responses/200/content/application~1json/schema/type"
        );
    }

    #[test]
    fn hand_written_x_additional_operations_are_normalised_in_3_1() {
        let mut doc = json!({ "openapi": "3.1.0", "paths": { "/a": { "x-additional-operations": {
            "PURGE": { "parameters": [{ "name": "p", "in": "query", "schema": { "type": ["integer", "null"] } }] }
        } } } });
        normalize(&mut doc).expect("normalises");
        let purge = &doc["paths"]["/a"]["x-additional-operations"]["PURGE"];
        assert_eq!(
            purge["parameters"][0]["schema"],
            json!({ "type": "integer", "nullable": true })
        );
        assert_eq!(purge["responses"], json!({}));
        assert_eq!(crate::count_operations(&doc), 1);
    }

    #[test]
    fn a_form_urlencoded_querystring_becomes_a_form_query_parameter() {
        let (doc, warnings) = normalized_3_2(
            json!({ "/search": { "get": { "parameters": [{
                "name": "filter",
                "in": "querystring",
                "required": true,
                "content": { "application/x-www-form-urlencoded": {
                    "schema": { "type": "object", "properties": { "q": { "type": ["string", "null"] } } },
                    "encoding": { "q": { "contentType": "text/plain" } }
                } }
            }] } } }),
            json!({ "parameters": { "Form": {
                "name": "f",
                "in": "querystring",
                "content": { "application/x-www-form-urlencoded; charset=utf-8": {} }
            } } }),
        );
        assert_eq!(
            doc["paths"]["/search"]["get"]["parameters"][0],
            json!({
                "name": "filter",
                "in": "query",
                "required": true,
                "style": "form",
                "explode": true,
                "schema": { "type": "object", "properties": { "q": { "type": "string", "nullable": true } } }
            })
        );
        assert_eq!(
            doc["components"]["parameters"]["Form"],
            json!({
                "name": "f",
                "in": "query",
                "style": "form",
                "explode": true,
                "schema": { "type": "object", "additionalProperties": { "type": "string" } }
            })
        );
        let found = found(&warnings);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "#/paths/~1search/get/parameters/0/content/application~1x-www-form-urlencoded/encoding"
        );
        assert!(found[0].1.starts_with("not applied"), "{}", found[0].1);
        assert_readable_and_known(&doc);
    }

    #[test]
    fn operations_with_a_querystring_of_another_media_type_are_left_out_with_a_warning() {
        let (doc, warnings) = normalized_3_2(
            json!({
                "/direct": {
                    "get": { "parameters": [{ "name": "q", "in": "querystring", "content": {
                        "application/json": { "schema": { "type": "object" } }
                    } }] },
                    "post": { "responses": {} }
                },
                "/shared": {
                    "parameters": [{ "$ref": "#/components/parameters/Selector" }],
                    "get": {},
                    "query": {}
                },
                "/through": {
                    "get": { "parameters": [{ "$ref": "#/components/parameters/Alias" }] },
                    "put": { "parameters": [{ "$ref": "#/components/parameters/Form" }] }
                }
            }),
            json!({ "parameters": {
                "Selector": { "name": "s", "in": "querystring", "content": {
                    "application/jsonpath": { "schema": { "type": "string" } }
                } },
                "Alias": { "$ref": "#/components/parameters/Selector" },
                "Form": { "name": "f", "in": "querystring", "content": {
                    "application/x-www-form-urlencoded": {}
                } }
            } }),
        );
        assert_eq!(
            doc["paths"]["/direct"],
            json!({ "post": { "responses": {} } })
        );
        assert_eq!(doc["paths"]["/shared"], json!({ "parameters": [] }));
        let through = doc["paths"]["/through"].as_object().expect("a path item");
        assert_eq!(through.keys().collect::<Vec<_>>(), ["put"]);
        let parameters = doc["components"]["parameters"].as_object().expect("a map");
        assert_eq!(parameters.keys().collect::<Vec<_>>(), ["Form"]);
        let selector = "#/components/parameters/Selector";
        let expected = [
            (
                "#/paths/~1direct/get".to_string(),
                "operation left out: its `in: querystring` parameter at \
                 #/paths/~1direct/get/parameters/0 has media type `application/json`, which the client \
                 cannot send as a query string yet (it sends `application/x-www-form-urlencoded` ones)"
                    .to_string(),
            ),
            (
                "#/paths/~1shared/get".to_string(),
                format!("{selector} (through the `$ref` at #/paths/~1shared/parameters/0) has media type `application/jsonpath`"),
            ),
            (
                "#/paths/~1shared/query".to_string(),
                format!("{selector} (through the `$ref` at #/paths/~1shared/parameters/0)"),
            ),
            (
                "#/paths/~1through/get".to_string(),
                format!("{selector} (through the `$ref` at #/paths/~1through/get/parameters/0)"),
            ),
            (
                selector.to_string(),
                "parameter left out: it is `in: querystring` and has media type `application/jsonpath`"
                    .to_string(),
            ),
            (
                "#/components/parameters/Alias".to_string(),
                format!("parameter left out: it refers to the `in: querystring` parameter at {selector}, which has media type"),
            ),
        ];
        let found = found(&warnings);
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for ((pointer, message), (want_pointer, want_message)) in found.iter().zip(&expected) {
            assert_eq!(pointer, want_pointer);
            assert!(message.contains(want_message.as_str()), "{message}");
        }
        assert_readable_and_known(&doc);
    }

    #[test]
    fn cookie_style_is_read_as_form_with_a_warning_for_lists_and_objects() {
        let (doc, warnings) = normalized_3_2(
            json!({ "/a": { "get": { "parameters": [
                { "name": "session", "in": "cookie", "style": "cookie", "schema": { "type": "string" } },
                { "name": "prefs", "in": "cookie", "style": "cookie", "schema": { "type": ["array", "null"], "items": { "type": "string" } } },
                { "name": "plain", "in": "cookie", "style": "form", "schema": { "type": "string" } }
            ] } } }),
            json!({}),
        );
        let parameters = &doc["paths"]["/a"]["get"]["parameters"];
        assert_eq!(
            parameters[0],
            json!({ "name": "session", "in": "cookie", "schema": { "type": "string" } })
        );
        assert!(parameters[1].get("style").is_none());
        assert_eq!(parameters[2]["style"], "form");
        let found = found(&warnings);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "#/paths/~1a/get/parameters/1/style");
        assert_readable_and_known(&doc);
    }

    #[test]
    fn tag_summary_parent_and_kind_become_extensions() {
        let mut doc = json!({ "openapi": "3.2.0", "info": { "title": "t", "version": "1" }, "tags": [
            { "name": "partner", "summary": "Partner", "description": "d", "parent": "external", "kind": "audience" },
            { "name": "external", "kind": "nav", "x-kind": "written by hand" }
        ] });
        normalize(&mut doc).expect("normalises");
        assert_eq!(
            doc["tags"],
            json!([
                { "name": "partner", "description": "d", "x-summary": "Partner", "x-parent": "external", "x-kind": "audience" },
                { "name": "external", "x-kind": "written by hand" }
            ])
        );
        assert_readable_and_known(&doc);
    }

    #[test]
    fn discriminator_default_mapping_becomes_an_extension_of_the_discriminator() {
        let (doc, _) = normalized_3_2(
            json!({}),
            json!({ "schemas": { "Pet": {
                "oneOf": [{ "$ref": "#/components/schemas/Cat" }, { "$ref": "#/components/schemas/OtherPet" }],
                "discriminator": { "propertyName": "petType", "defaultMapping": "OtherPet" }
            } } }),
        );
        assert_eq!(
            doc["components"]["schemas"]["Pet"]["discriminator"],
            json!({ "propertyName": "petType", "x-default-mapping": "OtherPet" })
        );
        let spec = crate::deserialize(&doc, std::path::Path::new("spec.yml")).expect("reads");
        let schemas = &spec.components.expect("components").schemas;
        let openapiv3::ReferenceOr::Item(pet) = &schemas["Pet"] else {
            panic!("Pet is a schema");
        };
        let discriminator = pet.schema_data.discriminator.as_ref().expect("kept");
        assert_eq!(discriminator.extensions["x-default-mapping"], "OtherPet");
    }

    /// A response whose `content` has one media type, `media_type`, of item schema `item`.
    fn streamed(media_type: &str, item: Value) -> Value {
        json!({ "description": "d", "content": { media_type: { "itemSchema": item } } })
    }

    #[test]
    fn item_schema_becomes_x_item_schema_normalised_as_a_schema() {
        let (doc, warnings) = normalized_3_2(
            json!({}),
            json!({ "responses": {
                "Lines": streamed("application/jsonl", json!({ "type": ["object", "null"] })),
                "Seq": streamed("application/json-seq", json!({ "$ref": "#/components/schemas/Entry" })),
                "Parts": streamed("multipart/mixed", json!({ "$comment": "one image" })),
                "Both": { "description": "d", "content": { "application/x-ndjson": {
                    "itemSchema": { "type": "string" },
                    "x-item-schema": { "type": "integer" }
                } } }
            } }),
        );
        let item = |name: &str, media_type: &str| {
            doc["components"]["responses"][name]["content"][media_type].clone()
        };
        assert_eq!(
            item("Lines", "application/jsonl"),
            json!({ "x-item-schema": { "type": "object", "nullable": true } })
        );
        assert_eq!(
            item("Seq", "application/json-seq"),
            json!({ "x-item-schema": { "$ref": "#/components/schemas/Entry" } })
        );
        assert_eq!(
            item("Parts", "multipart/mixed"),
            json!({ "x-item-schema": {} })
        );
        assert_eq!(
            item("Both", "application/x-ndjson"),
            json!({ "x-item-schema": { "type": "integer" } })
        );
        assert_eq!(
            found(&warnings),
            [(
                "#/components/responses/Both/content/application~1x-ndjson/itemSchema",
                "left out: the media type's `x-item-schema` is kept instead"
            )]
        );
    }

    #[test]
    fn an_event_streams_x_item_schema_is_the_schema_of_one_events_data() {
        let event = |data: Value| json!({ "type": "object", "required": ["data"], "properties": { "event": { "type": "string" }, "data": data } });
        let sse = |item: Value| streamed("text/event-stream; charset=utf-8", item);
        let json_data = |schema: Value| json!({ "type": "string", "contentMediaType": "application/json", "contentSchema": schema });
        let (doc, warnings) = normalized_3_2(
            json!({
                "/events": { "get": { "responses": { "200": sse(json!({ "$ref": "#/components/schemas/Event" })) } } },
                "/ask": { "query": { "responses": { "200": sse(json!({ "$ref": "#/components/schemas/Event" })) } } }
            }),
            json!({
                "schemas": {
                    "Event": event(json_data(json!({ "$ref": "#/components/schemas/Chunk" }))),
                    "Chunk": { "type": "object" },
                    "Count": json_data(json!({ "type": ["integer", "null"] }))
                },
                "responses": {
                    "Typed": sse(event(json_data(json!({ "type": "object", "properties": { "n": { "type": ["integer", "null"] } } })))),
                    "AnyJson": sse(event(json!({ "type": "string", "contentMediaType": "application/json" }))),
                    "Text": sse(event(json!({ "type": "string" }))),
                    "NoData": sse(json!({ "type": "object", "properties": { "n": { "const": 1 } } })),
                    "DataRef": sse(event(json!({ "$ref": "#/components/schemas/Count" }))),
                    "InAllOf": sse(json!({ "allOf": [
                        event(json!({ "type": "string" })),
                        { "properties": { "data": { "contentMediaType": "application/json" } } }
                    ] })),
                    "PerEvent": sse(json!({
                        "$ref": "#/components/schemas/Plain",
                        "oneOf": [{ "properties": { "data": json_data(json!({ "type": "object" })) } }]
                    }))
                }
            }),
        );
        assert_eq!(warnings, []);
        let content = "text/event-stream; charset=utf-8";
        let item = |response: &Value| response["content"][content][ITEM_SCHEMA].clone();
        let chunk = json!({ "$ref": "#/components/schemas/Chunk" });
        assert_eq!(
            item(&doc["paths"]["/events"]["get"]["responses"]["200"]),
            chunk
        );
        assert_eq!(
            item(&doc["paths"]["/ask"][ADDITIONAL_OPERATIONS]["QUERY"]["responses"]["200"]),
            chunk
        );
        let responses = &doc["components"]["responses"];
        for (name, expected) in [
            (
                "Typed",
                json!({ "type": "object", "properties": { "n": { "type": "integer", "nullable": true } } }),
            ),
            ("AnyJson", json!({})),
            ("Text", json!({ "type": "string" })),
            (
                "NoData",
                json!({ "type": "object", "properties": { "n": { "enum": [1], "type": "integer" } } }),
            ),
            ("DataRef", json!({ "type": "integer", "nullable": true })),
            ("InAllOf", json!({})),
            // `Plain` is no schema of the document: without a `data` found, the item schema is taken whole.
            (
                "PerEvent",
                json!({ "$ref": "#/components/schemas/Plain", "oneOf": [{ "properties": { "data": {
                "type": "string", "contentSchema": { "type": "object" }
            } } }] }),
            ),
        ] {
            assert_eq!(item(&responses[name]), expected, "{name}");
            assert!(responses[name]["content"][content]
                .get("itemSchema")
                .is_none());
        }
    }

    #[test]
    fn hand_written_x_item_schemas_are_normalised_in_3_0_and_3_1() {
        for (version, expected) in [
            (
                "3.1.0",
                json!({ "type": "string", "nullable": true, "enum": ["a"] }),
            ),
            ("3.0.3", json!({ "type": ["string", "null"], "const": "a" })),
        ] {
            let mut doc = json!({ "openapi": version, "paths": { "/a": { "get": { "responses": { "200": {
                "description": "d",
                "content": { "application/jsonl": { "x-item-schema": { "type": ["string", "null"], "const": "a" } } }
            } } } } } });
            normalize(&mut doc).expect("normalises");
            assert_eq!(
                doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/jsonl"]
                    [ITEM_SCHEMA],
                expected,
                "{version}"
            );
        }
        let mut doc = json!({ "openapi": "3.0.3", "components": { "responses": { "R": {
            "description": "d",
            "content": { "application/jsonl": { "x-item-schema": { "enum": ["a", "b"] } } }
        } } } });
        normalize(&mut doc).expect("normalises");
        assert_eq!(
            doc["components"]["responses"]["R"]["content"]["application/jsonl"][ITEM_SCHEMA],
            json!({ "enum": ["a", "b"], "type": "string" })
        );
    }

    #[test]
    fn media_type_refs_are_replaced_by_copies_of_their_targets() {
        let json_media = json!({ "schema": { "type": ["string", "null"] } });
        let (doc, warnings) = normalized_3_2(
            json!({ "/a": { "post": {
                "parameters": [{ "name": "p", "in": "query", "content": {
                    "application/json": { "$ref": "#/components/mediaTypes/Json" }
                } }],
                "requestBody": { "content": {
                    "application/x-www-form-urlencoded": { "$ref": "#/components/mediaTypes/Form" }
                } },
                "responses": { "200": { "description": "ok", "content": {
                    "application/json": { "$ref": "#/components/mediaTypes/Alias" },
                    "text/plain": { "$ref": "#/components/mediaTypes/Missing" },
                    "text/html": { "$ref": "#/components/mediaTypes/Loop" }
                } } }
            } } }),
            json!({
                "mediaTypes": {
                    "Json": json_media,
                    "Alias": { "$ref": "#/components/mediaTypes/Json" },
                    "Form": { "schema": { "type": "object" }, "encoding": { "a": { "headers": {
                        "X-Part": { "content": { "application/json": { "$ref": "#/components/mediaTypes/Json" } } }
                    } } } },
                    "Loop": { "$ref": "#/components/mediaTypes/Loop" }
                },
                "headers": { "H": { "content": { "application/json": { "$ref": "#/components/mediaTypes/Alias" } } } }
            }),
        );
        let normalized_json = json!({ "schema": { "type": "string", "nullable": true } });
        let post = &doc["paths"]["/a"]["post"];
        assert_eq!(
            post["parameters"][0]["content"]["application/json"],
            normalized_json
        );
        assert_eq!(
            post["requestBody"]["content"]["application/x-www-form-urlencoded"],
            json!({ "schema": { "type": "object" }, "encoding": { "a": { "headers": {
                "X-Part": { "content": { "application/json": normalized_json } }
            } } } })
        );
        let content = &post["responses"]["200"]["content"];
        assert_eq!(content["application/json"], normalized_json);
        assert_eq!(
            content["text/plain"],
            json!({ "$ref": "#/components/mediaTypes/Missing" })
        );
        assert_eq!(
            doc["components"]["headers"]["H"]["content"]["application/json"],
            normalized_json
        );
        assert!(doc["components"].get("mediaTypes").is_none());
        let found = found(&warnings);
        let at = "#/paths/~1a/post/responses/200/content";
        assert_eq!(
            found
                .iter()
                .map(|(pointer, _)| *pointer)
                .collect::<Vec<_>>(),
            [format!("{at}/text~1plain"), format!("{at}/text~1html")]
        );
        assert!(
            found[0].1.contains("leads to no Media Type object"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn a_media_type_that_contains_itself_is_inlined_a_bounded_number_of_times() {
        let (doc, warnings) = normalized_3_2(
            json!({ "/a": { "post": { "requestBody": { "content": {
                "multipart/mixed": { "$ref": "#/components/mediaTypes/Nested" }
            } } } } }),
            json!({ "mediaTypes": { "Nested": { "schema": {}, "encoding": { "part": { "headers": {
                "X-Inner": { "content": { "multipart/mixed": { "$ref": "#/components/mediaTypes/Nested" } } }
            } } } } } }),
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0]
            .pointer
            .starts_with("#/paths/~1a/post/requestBody/content/multipart~1mixed/encoding/part"));
        assert!(
            warnings[0].message.contains("too deeply"),
            "{}",
            warnings[0].message
        );
        let body = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["multipart/mixed"];
        assert_eq!(body["schema"], json!({}));
    }

    #[test]
    fn a_response_without_description_gets_its_summary_or_an_empty_one() {
        let (doc, warnings) = normalized_3_2(
            json!({ "/a": { "get": { "responses": {
                "200": { "summary": "Fine" },
                "204": {},
                "default": { "$ref": "#/components/responses/Error" }
            } } } }),
            json!({ "responses": { "Error": { "summary": "Failed", "description": "It failed." } } }),
        );
        assert_eq!(warnings, []);
        let responses = &doc["paths"]["/a"]["get"]["responses"];
        assert_eq!(
            responses["200"],
            json!({ "summary": "Fine", "description": "Fine" })
        );
        assert_eq!(responses["204"], json!({ "description": "" }));
        assert_eq!(
            responses["default"],
            json!({ "$ref": "#/components/responses/Error" })
        );
        assert_eq!(
            doc["components"]["responses"]["Error"]["description"],
            "It failed."
        );
        assert_readable_and_known(&doc);
    }

    #[test]
    fn positional_encodings_become_extensions() {
        let (doc, _) = normalized_3_2(
            json!({ "/a": { "post": { "requestBody": { "content": { "multipart/mixed": {
                "schema": { "type": "array", "prefixItems": [{ "type": "object" }, {}] },
                "prefixEncoding": [{}, { "contentType": "image/*" }],
                "itemEncoding": { "contentType": "image/jpeg" }
            } } } } } }),
            json!({}),
        );
        let media = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["multipart/mixed"];
        assert_eq!(
            media["x-prefix-encoding"],
            json!([{}, { "contentType": "image/*" }])
        );
        assert_eq!(
            media["x-item-encoding"],
            json!({ "contentType": "image/jpeg" })
        );
        assert!(media.get("prefixEncoding").is_none() && media.get("itemEncoding").is_none());
    }

    #[test]
    fn a_string_of_a_text_content_media_type_stays_a_string() {
        assert_eq!(
            normalized_schema(json!({
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": { "type": "object" }
            })),
            json!({ "type": "string", "contentSchema": { "type": "object" } })
        );
        assert_eq!(
            normalized_schema(
                json!({ "type": ["string", "null"], "contentMediaType": "text/html" })
            ),
            json!({ "type": "string", "nullable": true })
        );
        assert_eq!(
            normalized_schema(json!({ "type": "string", "contentMediaType": "image/png" })),
            json!({ "type": "string", "format": "binary" })
        );
        assert_eq!(
            normalized_schema(json!({ "contentMediaType": "application/json" })),
            json!({ "format": "binary" })
        );
    }

    #[test]
    fn a_3_2_document_with_every_addition_reads_and_has_no_unknown_keys() {
        let mut doc = json!({
            "openapi": "3.2.0",
            "$self": "https://example.com/openapi",
            "info": { "title": "t", "version": "1" },
            "servers": [{ "url": "https://example.com", "name": "prod" }],
            "tags": [{ "name": "a", "summary": "A", "kind": "nav" }],
            "paths": { "/a/{id}": {
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
                "query": {
                    "parameters": [
                        { "name": "q", "in": "querystring", "content": { "application/x-www-form-urlencoded": {
                            "schema": { "type": "object" },
                            "examples": { "one": { "dataValue": { "a": 1 }, "serializedValue": "a=1" } }
                        } } },
                        { "name": "c", "in": "cookie", "style": "cookie", "schema": { "type": "string" } }
                    ],
                    "responses": {
                        "200": { "summary": "Events", "content": { "text/event-stream": {
                            "itemSchema": { "properties": { "data": {
                                "contentMediaType": "application/json",
                                "contentSchema": { "$ref": "#/components/schemas/Chunk" }
                            } } }
                        } } },
                        "default": { "content": { "application/json": { "$ref": "#/components/mediaTypes/Error" } } }
                    }
                },
                "additionalOperations": { "LINK": { "responses": { "204": {} } } }
            } },
            "components": {
                "schemas": {
                    "Chunk": { "type": "object", "xml": { "nodeType": "element" } },
                    "Pet": { "oneOf": [{ "$ref": "#/components/schemas/Chunk" }],
                             "discriminator": { "propertyName": "kind", "defaultMapping": "Chunk" } }
                },
                "mediaTypes": { "Error": { "schema": { "type": "object" } } },
                "securitySchemes": { "oauth": { "type": "oauth2", "deprecated": true,
                    "oauth2MetadataUrl": "https://example.com/.well-known/oauth-authorization-server",
                    "flows": { "deviceAuthorization": {
                        "deviceAuthorizationUrl": "https://example.com/device",
                        "tokenUrl": "https://example.com/token",
                        "scopes": {}
                    } } } }
            }
        });
        let warnings = normalize(&mut doc).expect("normalises");
        assert_eq!(warnings, []);
        assert_readable_and_known(&doc);
        assert_eq!(crate::count_operations(&doc), 2);
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
