//! JSON Schema 2020-12 (OpenAPI 3.1 and 3.2) forms of one schema rewritten into their OpenAPI 3.0 forms, one
//! small rule per function; the walk in `mod.rs` applies them to every schema of the document.

use serde_json::{Map, Value};

use super::ANNOTATION_KEYWORDS;
use crate::error::{pointer_push, Located};

/// The JSON Schema 2020-12 forms of one schema (not of its subschemas) rewritten into their 3.0 forms.
pub(super) fn json_schema_2020_to_3_0(
    schema: &mut Map<String, Value>,
    at: &str,
) -> Result<(), Located> {
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
pub(super) fn boolean_schema(value: &mut Value) {
    if let Value::Bool(accepts) = *value {
        let mut schema = Map::new();
        if !accepts {
            schema.insert("not".into(), Value::Object(Map::new()));
        }
        *value = Value::Object(schema);
    }
}

/// `type: [T, "null"]` → `type: T` + `nullable: true`; several non-null types become an `anyOf`.
pub(super) fn type_array(schema: &mut Map<String, Value>, at: &str) -> Result<(), Located> {
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
pub(super) fn unevaluated_properties(schema: &mut Map<String, Value>) {
    if let Some(unevaluated) = schema.shift_remove("unevaluatedProperties") {
        schema.entry("additionalProperties").or_insert(unevaluated);
    }
}

/// `patternProperties` with one pattern whose value is a schema, and no `additionalProperties`, is a map whose
/// values that schema types: it becomes `additionalProperties` (the pattern only validates keys). Otherwise it
/// is left for `keys.rs` to report.
pub(super) fn pattern_properties(schema: &mut Map<String, Value>) {
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
pub(super) fn tuple_items(schema: &mut Map<String, Value>) {
    if schema.contains_key("prefixItems") {
        schema.shift_remove("items");
    }
}

/// `const: v` → `enum: [v]`.
pub(super) fn const_to_enum(schema: &mut Map<String, Value>) {
    if let Some(value) = schema.shift_remove("const") {
        schema
            .entry("enum")
            .or_insert_with(|| Value::Array(vec![value]));
    }
}

/// Keywords that give a schema its shape; an `enum` beside them is not the whole story of its type.
pub(super) const SHAPE_KEYWORDS: &[&str] = &[
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
pub(super) fn enum_type(schema: &mut Map<String, Value>) {
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
pub(super) fn exclusive_bounds(schema: &mut Map<String, Value>) {
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
pub(super) fn examples_to_example(schema: &mut Map<String, Value>) {
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
pub(super) fn content_encoding(schema: &mut Map<String, Value>) {
    let encoding = schema.shift_remove("contentEncoding");
    let media = schema.shift_remove("contentMediaType");
    let format = match (encoding, media) {
        (Some(Value::String(e)), _) if e.eq_ignore_ascii_case("base64") => "byte",
        (None, Some(Value::String(media)))
            if has_type(schema, "string") && crate::media_type::is_text_media_type(&media) =>
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

/// Whether a schema's `type` is `name`, or a list that names it.
pub(super) fn has_type(schema: &Map<String, Value>, name: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(ty)) => ty == name,
        Some(Value::Array(types)) => types.iter().any(|ty| ty.as_str() == Some(name)),
        _ => false,
    }
}
