//! Several client methods for one operation (`x-methods` on an operation). Some APIs give one route two
//! meanings told apart only by the body (Crisp's `PATCH /website/{website_id}/batch/remove` removes
//! conversations or people); OpenAPI can declare only one operation per route and method, whose body is the
//! union of both. `x-methods` lists the methods a caller should see instead, each with its own `operationId`,
//! docs and JSON body schema, and the route's own `operationId` names no method:
//!
//! ```yaml
//! x-methods:
//!   - { operationId: batchRemoveConversations, summary: ..., body: { $ref: "#/components/schemas/A" } }
//!   - { operationId: batchRemovePeople, summary: ..., body: { $ref: "#/components/schemas/B" } }
//! ```

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{MediaType, Operation, ReferenceOr, RequestBody, Schema};
use serde_json::Value;

use crate::error::{pointer_push, Warning};

/// The operations to lower for `op` (found at `at`), each with its pointer: `op` itself, or one variant per
/// `x-methods` entry. An entry that cannot be read is skipped with a warning.
pub fn method_variants<'o>(
    op: &'o Operation,
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<(Cow<'o, Operation>, String)> {
    let Some(declared) = op.extensions.get("x-methods") else {
        return vec![(Cow::Borrowed(op), at.to_string())];
    };
    let list_at = pointer_push(at, "x-methods");
    let Some(entries) = declared.as_array().filter(|entries| !entries.is_empty()) else {
        warnings.push(Warning {
            pointer: list_at,
            message: "`x-methods` must be a non-empty list of methods; ignored".to_string(),
        });
        return vec![(Cow::Borrowed(op), at.to_string())];
    };
    let mut variants = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let entry_at = pointer_push(&list_at, &i.to_string());
        match variant(op, entry) {
            Ok(variant) => variants.push((Cow::Owned(variant), entry_at)),
            Err(why) => warnings.push(Warning {
                pointer: entry_at,
                message: format!("{why}; this method is skipped"),
            }),
        }
    }
    variants
}

/// `op` as the method `entry` describes: its name, docs and (when given) its JSON body schema.
fn variant(op: &Operation, entry: &Value) -> Result<Operation, String> {
    let name = entry
        .get("operationId")
        .and_then(Value::as_str)
        .ok_or("an `x-methods` entry needs an `operationId` string")?;
    let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_string);
    let mut variant = op.clone();
    variant.extensions.shift_remove("x-methods");
    variant.operation_id = Some(name.to_string());
    variant.summary = text("summary").or(variant.summary);
    variant.description = text("description").or(variant.description);
    if let Some(body) = entry.get("body") {
        let schema: ReferenceOr<Schema> = serde_json::from_value(body.clone())
            .map_err(|err| format!("its `body` is not a schema: {err}"))?;
        let (description, required) = match &op.request_body {
            Some(ReferenceOr::Item(body)) => (body.description.clone(), body.required),
            _ => (None, true),
        };
        let media = MediaType {
            schema: Some(schema),
            ..MediaType::default()
        };
        variant.request_body = Some(ReferenceOr::Item(RequestBody {
            description,
            content: IndexMap::from([("application/json".to_string(), media)]),
            required,
            extensions: IndexMap::new(),
        }));
    }
    Ok(variant)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn operation(value: Value) -> Operation {
        serde_json::from_value(value).expect("an operation")
    }

    #[test]
    fn each_entry_is_a_method_with_its_own_name_docs_and_body() {
        let op = operation(json!({
            "operationId": "batchRemove",
            "summary": "Remove in bulk",
            "requestBody": { "required": true, "content": { "application/json": { "schema": {
                "anyOf": [{ "$ref": "#/components/schemas/A" }, { "$ref": "#/components/schemas/B" }]
            } } } },
            "responses": {},
            "x-methods": [
                { "operationId": "removeA", "summary": "Remove As", "body": { "$ref": "#/components/schemas/A" } },
                { "operationId": "removeB", "body": { "type": "object", "properties": { "b": { "type": "string" } } } }
            ]
        }));
        let mut warnings = Vec::new();
        let variants = method_variants(&op, "#/paths/~1x/patch", &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let summary: Vec<_> = variants
            .iter()
            .map(|(op, at)| {
                let body = match &op.request_body {
                    Some(ReferenceOr::Item(body)) => {
                        serde_json::to_value(&body.content["application/json"].schema)
                            .expect("serialisable")
                    }
                    _ => Value::Null,
                };
                (
                    op.operation_id.clone(),
                    op.summary.clone(),
                    body,
                    at.clone(),
                    op.extensions.contains_key("x-methods"),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    Some("removeA".into()),
                    Some("Remove As".into()),
                    json!({ "$ref": "#/components/schemas/A" }),
                    "#/paths/~1x/patch/x-methods/0".to_string(),
                    false
                ),
                (
                    Some("removeB".into()),
                    Some("Remove in bulk".into()),
                    json!({ "type": "object", "properties": { "b": { "type": "string" } } }),
                    "#/paths/~1x/patch/x-methods/1".to_string(),
                    false
                ),
            ]
        );
    }

    #[test]
    fn without_x_methods_the_operation_is_its_own_method() {
        let op = operation(json!({ "operationId": "get", "responses": {} }));
        let mut warnings = Vec::new();
        let variants = method_variants(&op, "#/paths/~1x/get", &mut warnings);
        assert_eq!(variants.len(), 1);
        assert!(matches!(variants[0].0, Cow::Borrowed(_)));
    }

    #[test]
    fn broken_entries_are_skipped_with_their_pointer() {
        let op = operation(json!({ "responses": {}, "x-methods": [
            { "summary": "no name" },
            { "operationId": "ok" },
            { "operationId": "bad", "body": { "type": 7 } }
        ] }));
        let mut warnings = Vec::new();
        let variants = method_variants(&op, "#/p", &mut warnings);
        assert_eq!(variants.len(), 1);
        let pointers: Vec<_> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/p/x-methods/0", "#/p/x-methods/2"]);
        let empty = operation(json!({ "responses": {}, "x-methods": [] }));
        assert_eq!(method_variants(&empty, "#/q", &mut warnings).len(), 1);
        assert_eq!(
            warnings.last().map(|w| w.pointer.as_str()),
            Some("#/q/x-methods")
        );
    }
}
