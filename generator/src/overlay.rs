//! Overlays: applies OpenAPI Overlay 1.0 documents to the spec before normalisation, so refinements of an
//! upstream spec live in a file of their own and the upstream file is never forked.
//!
//! Targets are RFC 9535 JSONPath expressions (`serde_json_path`). Actions apply in order, each to the result
//! of the ones before. An action whose target matches nothing is an error: it almost always means the
//! upstream spec changed under the overlay, and applying the rest silently would hide that.

use serde_json::{Map, Value};
use serde_json_path::{JsonPath, PathElement};

use crate::error::{pointer_push, Located};

/// Applies every action of `overlay` to `doc`. Errors point into the overlay document.
pub fn apply_overlay(doc: &mut Value, overlay: &Value) -> Result<(), Located> {
    let actions = check_overlay(overlay)?;
    for (index, action) in actions.iter().enumerate() {
        apply_action(doc, action, &format!("#/actions/{index}"))?;
    }
    Ok(())
}

fn check_overlay(overlay: &Value) -> Result<&Vec<Value>, Located> {
    match overlay.get("overlay") {
        Some(Value::String(version)) if version.starts_with("1.0.") || version == "1.0" => {}
        Some(other) => {
            return Err(Located::new(
                "#/overlay",
                format!("unsupported Overlay version {other}; supported is 1.0.x"),
            ))
        }
        None => {
            return Err(Located::new(
                "#",
                "not an Overlay document: the top-level `overlay` version field is missing",
            ))
        }
    }
    if !overlay.get("info").is_some_and(Value::is_object) {
        return Err(Located::new(
            "#/info",
            "an Overlay document needs an `info` object",
        ));
    }
    overlay
        .get("actions")
        .and_then(Value::as_array)
        .ok_or_else(|| Located::new("#/actions", "an Overlay document needs an `actions` list"))
}

fn apply_action(doc: &mut Value, action: &Value, at: &str) -> Result<(), Located> {
    let target = action
        .get("target")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            Located::new(
                pointer_push(at, "target"),
                "an action needs a string `target`",
            )
        })?;
    let path = JsonPath::parse(target).map_err(|err| {
        Located::new(
            pointer_push(at, "target"),
            format!("invalid JSONPath `{target}`: {err}"),
        )
    })?;
    let locations: Vec<Vec<Step>> = path
        .query_located(doc)
        .iter()
        .map(|node| node.location().iter().map(Step::from).collect())
        .collect();
    if locations.is_empty() {
        return Err(Located::new(
            pointer_push(at, "target"),
            format!("the target `{target}` matches nothing in the document"),
        ));
    }
    let remove = match action.get("remove") {
        None => false,
        Some(Value::Bool(remove)) => *remove,
        Some(_) => {
            return Err(Located::new(
                pointer_push(at, "remove"),
                "`remove` must be true or false",
            ))
        }
    };
    if remove {
        // Later array indices first, so removing one does not shift the others.
        for location in locations.iter().rev() {
            remove_at(doc, location);
        }
        return Ok(());
    }
    let update = action
        .get("update")
        .ok_or_else(|| Located::new(at, "an action needs `update` or `remove: true`"))?;
    for location in &locations {
        let node =
            node_at(doc, location).ok_or_else(|| Located::new(at, "a matched node vanished"))?;
        let node_pointer = to_pointer(location);
        match node {
            Value::Array(items) => match update {
                Value::Array(more) => items.extend(more.iter().cloned()),
                single => items.push(single.clone()),
            },
            Value::Object(_) => merge(node, update, &node_pointer)
                .map_err(|message| Located::new(pointer_push(at, "update"), message))?,
            _ => {
                return Err(Located::new(
                    pointer_push(at, "target"),
                    format!(
                    "the target matched {node_pointer}, which is neither an object nor an array"
                ),
                ))
            }
        }
    }
    Ok(())
}

/// One step of a matched node's location, owned so the document can be changed after the query.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

impl From<&PathElement<'_>> for Step {
    fn from(element: &PathElement<'_>) -> Self {
        match element {
            PathElement::Name(name) => Step::Key((*name).to_string()),
            PathElement::Index(index) => Step::Index(*index),
        }
    }
}

fn to_pointer(location: &[Step]) -> String {
    location
        .iter()
        .fold("#".to_string(), |pointer, step| match step {
            Step::Key(key) => pointer_push(&pointer, key),
            Step::Index(index) => pointer_push(&pointer, &index.to_string()),
        })
}

fn node_at<'a>(doc: &'a mut Value, location: &[Step]) -> Option<&'a mut Value> {
    location.iter().try_fold(doc, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })
}

fn remove_at(doc: &mut Value, location: &[Step]) {
    let Some((last, parent)) = location.split_last() else {
        // `$` itself: removing the root leaves an empty document.
        *doc = Value::Object(Map::new());
        return;
    };
    match (node_at(doc, parent), last) {
        (Some(Value::Object(map)), Step::Key(key)) => {
            map.shift_remove(key);
        }
        (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

/// Overlay 1.0 merge: objects merge key by key, arrays concatenate, primitives replace primitives.
fn merge(target: &mut Value, update: &Value, at: &str) -> Result<(), String> {
    match (target, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (key, value) in update {
                let child_at = pointer_push(at, key);
                match target.get_mut(key) {
                    Some(existing) => merge(existing, value, &child_at)?,
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
            Ok(())
        }
        (Value::Array(target), Value::Array(update)) => {
            target.extend(update.iter().cloned());
            Ok(())
        }
        (target, update) if is_primitive(target) && is_primitive(update) => {
            *target = update.clone();
            Ok(())
        }
        (target, update) => Err(format!(
            "cannot merge {} into the {} at {at}",
            kind(update),
            kind(target)
        )),
    }
}

fn is_primitive(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        _ => "a primitive value",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn overlay(actions: Value) -> Value {
        json!({ "overlay": "1.0.0", "info": { "title": "t", "version": "1" }, "actions": actions })
    }

    #[test]
    fn update_merges_objects_recursively() {
        let mut doc = json!({ "info": { "title": "a", "contact": { "name": "n" } } });
        let o = overlay(
            json!([{ "target": "$.info", "update": { "title": "b", "contact": { "url": "u" } } }]),
        );
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(
            doc,
            json!({ "info": { "title": "b", "contact": { "name": "n", "url": "u" } } })
        );
    }

    #[test]
    fn update_of_array_target_appends() {
        let mut doc = json!({ "tags": [{ "name": "a" }] });
        let o = overlay(json!([{ "target": "$.tags", "update": [{ "name": "b" }] }]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "tags": [{ "name": "a" }, { "name": "b" }] }));
    }

    #[test]
    fn wildcard_targets_update_every_match() {
        let mut doc = json!({ "paths": { "/a": { "get": {} }, "/b": { "get": {}, "post": {} } } });
        let o = overlay(json!([{ "target": "$.paths.*.*", "update": { "x-seen": true } }]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc["paths"]["/b"]["post"], json!({ "x-seen": true }));
        assert_eq!(doc["paths"]["/a"]["get"], json!({ "x-seen": true }));
    }

    #[test]
    fn remove_deletes_every_match_including_array_items() {
        let mut doc = json!({ "list": [1, 2, 3, 4], "paths": { "/a": {}, "/b": {} } });
        let o = overlay(json!([
            { "target": "$.list[?@ > 1]", "remove": true },
            { "target": "$.paths['/a']", "remove": true }
        ]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "list": [1], "paths": { "/b": {} } }));
    }

    #[test]
    fn a_target_that_matches_nothing_is_an_error() {
        let mut doc = json!({ "paths": {} });
        let o = overlay(json!([{ "target": "$.paths['/missing']", "update": {} }]));
        let err = apply_overlay(&mut doc, &o).expect_err("matches nothing");
        assert_eq!(err.pointer, "#/actions/0/target");
        assert!(err.message.contains("matches nothing"), "{}", err.message);
    }

    #[test]
    fn incompatible_merge_is_an_error() {
        let mut doc = json!({ "info": { "title": "a" } });
        let o = overlay(json!([{ "target": "$.info", "update": { "title": ["x"] } }]));
        let err = apply_overlay(&mut doc, &o).expect_err("array into string");
        assert!(
            err.message.contains("cannot merge an array"),
            "{}",
            err.message
        );
    }

    #[test]
    fn invalid_jsonpath_and_non_overlay_documents_are_rejected() {
        let mut doc = json!({});
        let err = apply_overlay(
            &mut doc,
            &overlay(json!([{ "target": "$..[", "remove": true }])),
        )
        .expect_err("bad path");
        assert!(err.message.contains("invalid JSONPath"));
        let err =
            apply_overlay(&mut doc, &json!({ "openapi": "3.0.0" })).expect_err("not an overlay");
        assert!(err.message.contains("not an Overlay document"));
        let err = apply_overlay(&mut doc, &json!({ "overlay": "2.0.0" })).expect_err("version");
        assert_eq!(err.pointer, "#/overlay");
    }
}
