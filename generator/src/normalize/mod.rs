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
//! The schema rules are in `json_schema.rs`; a 3.2 document gets every 3.1 rule, then its own (`v3_2.rs`): what 3.2 adds becomes an
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

mod json_schema;
#[cfg(test)]
mod tests;
mod v3_2;

use json_schema::*;
use v3_2::*;

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
/// Where an event stream's media type keeps the data schema of each event name (`lower/sequences.rs`).
const EVENT_DATA: &str = "x-event-data";

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
    /// and the data schema of each event name its `oneOf` tells apart, by the media type's pointer; found
    /// before the walk, which rewrites the schemas they are read from.
    event_data: HashMap<String, (Value, Option<Value>)>,
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
        // The data schema of each event name (`x-event-data`, written by hand or from a 3.2 `itemSchema`).
        let events_at = pointer_push(at, EVENT_DATA);
        for (event, s) in media
            .get_mut(EVENT_DATA)
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            self.schema(s, &pointer_push(&events_at, event))?;
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
