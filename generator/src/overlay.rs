//! Overlays: applies OpenAPI Overlay 1.0 and 1.1 documents to the spec before normalisation, so refinements
//! of an upstream spec live in a file of their own and the upstream file is never forked.
//!
//! Targets and `copy` sources are RFC 9535 JSONPath expressions (`serde_json_path`). Actions apply in order,
//! each to the result of the ones before (Overlay Object). The `overlay` field's `major.minor` picks the rules
//! and its patch is not considered (Versions): `1.0`/`1.0.x` and `1.1`/`1.1.x` are applied, nothing else.
//!
//! Overlay 1.0, exactly as this generator has always applied it:
//! - an action whose target matches nothing is an error: it almost always means the upstream spec changed
//!   under the overlay, and applying the rest silently would hide that;
//! - targets must be objects or arrays: `update` merges into objects and is appended to arrays (an array is
//!   concatenated); `remove: true` wins over `update`; fields the generator does not know are ignored;
//! - 1.0 has no `copy`, so an action with one is refused rather than half-applied.
//!
//! Overlay 1.1 (OAI/Overlay-Specification, `versions/1.1.0.md`), by section:
//! - Overlay Object: `info` and a non-empty `actions` list are required; `extends`, if present, is a string.
//!   The overlay is applied to the spec the generator is given; `extends` is not resolved or compared.
//! - Info Object: `title` and `version` are required strings, `description` an optional string.
//! - Action Object: a target that selects zero nodes changes nothing and succeeds. The nodes an `update` or
//!   `copy` selects must be all objects, all arrays or all primitives. Objects are merged with (recursively:
//!   primitives replace primitives, arrays concatenate, objects merge, anything else is an error), arrays
//!   take an array's items or one appended value, primitives (string, number, boolean, null: RFC 8259 §1)
//!   are replaced by a primitive. `copy` is a JSONPath selecting one node of the document being transformed
//!   (Copy Example), whose value is applied exactly as an `update` value is. `remove: true` takes each
//!   target out of the object or array containing it, and `update` and `copy` then have no effect.
//! - Specification Extensions: `x-` fields are allowed on the Overlay, Info and Action Objects.
//!
//! Where the 1.1 text leaves a case open, the strict choice, each an error pointing into the overlay:
//! - `update` and `copy` in one action: each field's row says it has no impact when the other is present,
//!   so the text gives neither precedence (`schemas/v1.1/schema.yaml` accepts only one of them);
//! - a `copy` source selecting zero or several nodes (the field asks for a single node);
//! - a field a 1.1 object neither fixes nor allows as `x-` (the schema forbids them; a typo such as
//!   `updte` would otherwise be ignored);
//! - removing the root `$`, which no object or array contains.
//!
//! In both versions removal goes from the last and deepest node up, so no removal shifts a node still to be
//! removed. Also in 1.1: a node selected more than once is changed once, and a `copy` source is read before
//! any target changes.

use std::collections::HashSet;

use serde_json::{Map, Value};
use serde_json_path::{JsonPath, PathElement};

use crate::error::{pointer_push, Located};

/// Applies every action of `overlay` to `doc`, in order, under the rules of the version the overlay declares.
/// Errors point into the overlay document.
pub fn apply_overlay(doc: &mut Value, overlay: &Value) -> Result<(), Located> {
    let version = overlay_version(overlay)?;
    let actions = check_overlay(overlay, version)?;
    for (index, action) in actions.iter().enumerate() {
        let at = format!("#/actions/{index}");
        let action = read_action(action, version, &at)?;
        apply_action(doc, &action, version, &at)?;
    }
    Ok(())
}

/// The Overlay feature set a document declares; every later rule depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1_0,
    V1_1,
}

impl Version {
    /// Reads `1.0`, `1.0.x`, `1.1` or `1.1.x`: only `major.minor` names a feature set (Versions).
    fn parse(version: &str) -> Option<Self> {
        let is = |feature_set: &str| {
            version
                .strip_prefix(feature_set)
                .is_some_and(|patch| patch.is_empty() || patch.starts_with('.'))
        };
        if is("1.0") {
            Some(Version::V1_0)
        } else if is("1.1") {
            Some(Version::V1_1)
        } else {
            None
        }
    }
}

/// Reads the `overlay` field, which says whether the document is an overlay at all and which rules apply.
fn overlay_version(overlay: &Value) -> Result<Version, Located> {
    match overlay.get("overlay") {
        Some(found @ Value::String(version)) => {
            Version::parse(version).ok_or_else(|| unsupported_version(found))
        }
        Some(other) => Err(unsupported_version(other)),
        None => Err(Located::new(
            "#",
            "not an Overlay document: the top-level `overlay` version field is missing",
        )),
    }
}

/// The error for a version this module does not apply; a YAML number (`overlay: 1.1`) gets a hint, since the
/// field is a string and the number has lost its patch.
fn unsupported_version(found: &Value) -> Located {
    let hint = if found.is_string() {
        ""
    } else {
        " (the version is a string: quote it, as in \"1.1.0\")"
    };
    Located::new(
        "#/overlay",
        format!("unsupported Overlay version {found}{hint}; supported are 1.0.x and 1.1.x"),
    )
}

/// The fields an Overlay 1.1 Overlay Object fixes (Overlay Object).
const OVERLAY_FIELDS: &[&str] = &["overlay", "info", "extends", "actions"];
/// The fields an Overlay 1.1 Info Object fixes (Info Object).
const INFO_FIELDS: &[&str] = &["title", "version", "description"];
/// The fields an Overlay 1.1 Action Object fixes (Action Object).
const ACTION_FIELDS: &[&str] = &["target", "description", "update", "copy", "remove"];

/// Checks the Overlay Object around the actions and returns the actions; 1.1 documents get the 1.1 checks.
fn check_overlay(overlay: &Value, version: Version) -> Result<&Vec<Value>, Located> {
    let info = overlay
        .get("info")
        .and_then(Value::as_object)
        .ok_or_else(|| Located::new("#/info", "an Overlay document needs an `info` object"))?;
    let actions = overlay
        .get("actions")
        .and_then(Value::as_array)
        .ok_or_else(|| Located::new("#/actions", "an Overlay document needs an `actions` list"))?;
    if version == Version::V1_1 {
        check_overlay_1_1(overlay, info, actions)?;
    }
    Ok(actions)
}

/// The Overlay 1.1 rules for the Overlay and Info Objects: known fields only, `extends` a string, the Info
/// Object's `title` and `version` present, and at least one action.
fn check_overlay_1_1(
    overlay: &Value,
    info: &Map<String, Value>,
    actions: &[Value],
) -> Result<(), Located> {
    let top = overlay
        .as_object()
        .ok_or_else(|| Located::new("#", "an Overlay document must be an object"))?;
    check_fields(top, OVERLAY_FIELDS, "#", "an Overlay 1.1 document")?;
    optional_string(top, "extends", "#", "a URI reference")?;
    check_fields(info, INFO_FIELDS, "#/info", "an Overlay 1.1 Info Object")?;
    required_string(info, "title", "#/info")?;
    required_string(info, "version", "#/info")?;
    optional_string(info, "description", "#/info", "CommonMark text")?;
    if actions.is_empty() {
        return Err(Located::new(
            "#/actions",
            "an Overlay 1.1 document needs at least one action",
        ));
    }
    Ok(())
}

/// Refuses a field that an Overlay 1.1 object neither fixes nor allows as an `x-` extension, so a misspelt
/// field is an error instead of being silently ignored.
fn check_fields(
    object: &Map<String, Value>,
    fixed: &[&str],
    at: &str,
    what: &str,
) -> Result<(), Located> {
    match object
        .keys()
        .find(|key| !key.starts_with("x-") && !fixed.contains(&key.as_str()))
    {
        Some(key) => Err(Located::new(
            pointer_push(at, key),
            format!(
                "{what} has no field `{key}`; its fields are `{}` and `x-` extensions",
                fixed.join("`, `")
            ),
        )),
        None => Ok(()),
    }
}

/// Checks that a required field is a string, so the error names the field rather than a later symptom.
fn required_string(object: &Map<String, Value>, field: &str, at: &str) -> Result<(), Located> {
    match object.get(field) {
        Some(Value::String(_)) => Ok(()),
        _ => Err(Located::new(
            pointer_push(at, field),
            format!("`{field}` is required and must be a string"),
        )),
    }
}

/// Checks that an optional field, when present, is a string (`what` says what the string holds).
fn optional_string(
    object: &Map<String, Value>,
    field: &str,
    at: &str,
    what: &str,
) -> Result<(), Located> {
    match object.get(field) {
        None | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(Located::new(
            pointer_push(at, field),
            format!("`{field}` must be a string ({what})"),
        )),
    }
}

/// One action, read and checked before it touches the document: where it applies and what it does there.
struct Action<'a> {
    target: Query<'a>,
    modifier: Modifier<'a>,
}

/// A parsed JSONPath and its text, kept for messages.
struct Query<'a> {
    path: JsonPath,
    text: &'a str,
}

/// What an action does to each node its target selects.
enum Modifier<'a> {
    /// `remove: true`: take the node out of the object or array containing it.
    Remove,
    /// `update`: apply this value from the overlay.
    Update(&'a Value),
    /// `copy` (1.1 only): apply the value of the one node this query selects in the document.
    Copy(Query<'a>),
}

/// Reads an action under its version's rules, so a malformed action is refused before it changes anything.
fn read_action<'a>(action: &'a Value, version: Version, at: &str) -> Result<Action<'a>, Located> {
    if version == Version::V1_1 {
        let object = action
            .as_object()
            .ok_or_else(|| Located::new(at, "an action must be an object"))?;
        check_fields(object, ACTION_FIELDS, at, "an Overlay 1.1 Action Object")?;
        optional_string(object, "description", at, "CommonMark text")?;
    }
    let target = read_target(action, at)?;
    let remove = read_remove(action, at)?;
    let copy = read_copy(action, version, at)?;
    let modifier = choose_modifier(remove, action.get("update"), copy, version, at)?;
    Ok(Action { target, modifier })
}

/// Reads the required `target`, with the message 1.0 has always given when it is missing or not a string.
fn read_target<'a>(action: &'a Value, at: &str) -> Result<Query<'a>, Located> {
    let at = pointer_push(at, "target");
    let text = action
        .get("target")
        .and_then(Value::as_str)
        .ok_or_else(|| Located::new(&at, "an action needs a string `target`"))?;
    parse_query(text, &at)
}

/// Parses a JSONPath of the overlay; `at` points at the field holding it.
fn parse_query<'a>(text: &'a str, at: &str) -> Result<Query<'a>, Located> {
    let path = JsonPath::parse(text)
        .map_err(|err| Located::new(at, format!("invalid JSONPath `{text}`: {err}")))?;
    Ok(Query { path, text })
}

/// Reads `remove`, false when absent (Action Object).
fn read_remove(action: &Value, at: &str) -> Result<bool, Located> {
    match action.get("remove") {
        None => Ok(false),
        Some(Value::Bool(remove)) => Ok(*remove),
        Some(_) => Err(Located::new(
            pointer_push(at, "remove"),
            "`remove` must be true or false",
        )),
    }
}

/// Reads `copy`, `None` when absent: a JSONPath string in 1.1. Overlay 1.0 has no `copy`, so there it is
/// refused instead of ignored, which would leave the action meaning something other than its author wrote.
fn read_copy<'a>(
    action: &'a Value,
    version: Version,
    at: &str,
) -> Result<Option<Query<'a>>, Located> {
    let Some(copy) = action.get("copy") else {
        return Ok(None);
    };
    let at = pointer_push(at, "copy");
    if version == Version::V1_0 {
        return Err(Located::new(
            at,
            "`copy` is an Overlay 1.1 action, but this document declares Overlay 1.0; \
             declare `overlay: 1.1.0` to use it",
        ));
    }
    let text = copy.as_str().ok_or_else(|| {
        Located::new(
            &at,
            "`copy` must be a string: a JSONPath selecting the node to copy",
        )
    })?;
    parse_query(text, &at).map(Some)
}

/// Decides what an action does. `remove: true` makes `update` and `copy` have no effect (Action Object);
/// both `update` and `copy` is refused, since each one's text says it has no impact when the other is there.
fn choose_modifier<'a>(
    remove: bool,
    update: Option<&'a Value>,
    copy: Option<Query<'a>>,
    version: Version,
    at: &str,
) -> Result<Modifier<'a>, Located> {
    match (remove, update, copy) {
        (true, _, _) => Ok(Modifier::Remove),
        (false, Some(_), Some(_)) => Err(Located::new(
            at,
            "an action has both `update` and `copy`; Overlay 1.1 says each has no impact when the other \
             is present, so neither can apply: use one action for each",
        )),
        (false, Some(update), None) => Ok(Modifier::Update(update)),
        (false, None, Some(copy)) => Ok(Modifier::Copy(copy)),
        (false, None, None) => Err(Located::new(
            at,
            match version {
                Version::V1_0 => "an action needs `update` or `remove: true`",
                Version::V1_1 => "an action needs `update`, `copy` or `remove: true`",
            },
        )),
    }
}

/// Applies one checked action to the document.
fn apply_action(
    doc: &mut Value,
    action: &Action,
    version: Version,
    at: &str,
) -> Result<(), Located> {
    let targets = select_targets(doc, &action.target, version, at)?;
    if targets.is_empty() {
        return Ok(());
    }
    match &action.modifier {
        Modifier::Remove => remove_targets(doc, targets, version, at),
        Modifier::Update(value) => update_targets(
            doc,
            &targets,
            value,
            version,
            &pointer_push(at, "update"),
            at,
        ),
        Modifier::Copy(source) => {
            let value = copy_source(doc, source, at)?;
            update_targets(
                doc,
                &targets,
                &value,
                version,
                &pointer_push(at, "copy"),
                at,
            )
        }
    }
}

/// The locations the target selects. In 1.0 an empty selection is an error (see the module doc); in 1.1 it
/// is allowed (Action Object) and a node selected more than once counts once.
fn select_targets(
    doc: &Value,
    target: &Query,
    version: Version,
    at: &str,
) -> Result<Vec<Location>, Located> {
    let selected = locations(doc, &target.path);
    match version {
        Version::V1_0 if selected.is_empty() => Err(Located::new(
            pointer_push(at, "target"),
            format!(
                "the target `{}` matches nothing in the document",
                target.text
            ),
        )),
        Version::V1_0 => Ok(selected),
        Version::V1_1 => Ok(distinct(selected)),
    }
}

/// Where a selected node is, owned so the document can be changed after the query.
type Location = Vec<Step>;

/// One step of a matched node's location. The order sorts siblings by name or index and a node before its
/// descendants, which is what removal needs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// The locations of the nodes `path` selects, in the query's order (duplicates kept).
fn locations(doc: &Value, path: &JsonPath) -> Vec<Location> {
    path.query_located(doc)
        .iter()
        .map(|node| node.location().iter().map(Step::from).collect())
        .collect()
}

/// The locations without repeats, first occurrence kept, so a node selected twice is changed once.
fn distinct(locations: Vec<Location>) -> Vec<Location> {
    let mut seen = HashSet::new();
    locations
        .into_iter()
        .filter(|location| seen.insert(location.clone()))
        .collect()
}

/// A location as a JSON pointer into the document, for messages.
fn to_pointer(location: &[Step]) -> String {
    location
        .iter()
        .fold("#".to_string(), |pointer, step| match step {
            Step::Key(key) => pointer_push(&pointer, key),
            Step::Index(index) => pointer_push(&pointer, &index.to_string()),
        })
}

/// The node at `location`, to change it.
fn node_at<'a>(doc: &'a mut Value, location: &[Step]) -> Option<&'a mut Value> {
    location.iter().try_fold(doc, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })
}

/// The node at `location`, to read it.
fn node_ref<'a>(doc: &'a Value, location: &[Step]) -> Option<&'a Value> {
    location.iter().try_fold(doc, |node, step| match step {
        Step::Key(key) => node.get(key.as_str()),
        Step::Index(index) => node.get(*index),
    })
}

/// The value a `copy` applies: the one node its query selects in the document as the earlier actions left
/// it (Copy Example), read once before any target changes. Zero or several nodes are refused: the field
/// asks for a single node and the text does not say what else to do.
fn copy_source(doc: &Value, source: &Query, at: &str) -> Result<Value, Located> {
    let at = pointer_push(at, "copy");
    let selected = distinct(locations(doc, &source.path));
    match selected.as_slice() {
        [one] => node_ref(doc, one)
            .cloned()
            .ok_or_else(|| Located::new(&at, "the copied node vanished")),
        [] => Err(Located::new(
            &at,
            format!(
                "the copy source `{}` matches nothing in the document; `copy` needs a JSONPath that \
                 selects exactly one node",
                source.text
            ),
        )),
        several => Err(Located::new(
            &at,
            format!(
                "the copy source `{}` selects {} nodes ({}); `copy` needs a JSONPath that selects \
                 exactly one node",
                source.text,
                several.len(),
                pointer_list(several)
            ),
        )),
    }
}

/// The first few locations as pointers, for a message that must stay one line.
fn pointer_list(locations: &[Location]) -> String {
    const SHOWN: usize = 3;
    let mut shown: Vec<String> = locations
        .iter()
        .take(SHOWN)
        .map(|l| to_pointer(l))
        .collect();
    if locations.len() > SHOWN {
        shown.push("...".to_string());
    }
    shown.join(", ")
}

/// Removes every target from the object or array containing it. The locations are sorted so that, going
/// from the last, removing one node never shifts another still to be removed, whatever order the query
/// selected them in (`$.list[2,0]` takes out items 2 and 0). In 1.1 the root is refused (nothing contains
/// it); 1.0 documents may remove it, as they always could.
fn remove_targets(
    doc: &mut Value,
    mut targets: Vec<Location>,
    version: Version,
    at: &str,
) -> Result<(), Located> {
    if version == Version::V1_1 && targets.iter().any(Vec::is_empty) {
        return Err(Located::new(
            pointer_push(at, "target"),
            "the target selects the document root `$`, which no object or array contains, so it \
             cannot be removed",
        ));
    }
    targets.sort();
    // A node selected twice (`$.list[0,0]`) is removed once, not together with its next sibling.
    targets.dedup();
    // Later and deeper locations first, so removing one node does not shift the others.
    for location in targets.iter().rev() {
        remove_at(doc, location);
    }
    Ok(())
}

/// Removes the node at `location` from its parent; 1.0 documents may remove the root, leaving `{}`.
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

/// Applies an `update` value, or a copied one, to every target; `value_at` points at the overlay field the
/// value came from. 1.1 first checks the targets are all of one kind (Action Object); 1.0 refuses primitive
/// targets, as it always has.
fn update_targets(
    doc: &mut Value,
    targets: &[Location],
    value: &Value,
    version: Version,
    value_at: &str,
    at: &str,
) -> Result<(), Located> {
    if version == Version::V1_1 {
        check_same_kind(doc, targets, at)?;
    }
    for location in targets {
        let node =
            node_at(doc, location).ok_or_else(|| Located::new(at, "a matched node vanished"))?;
        let node_pointer = to_pointer(location);
        if version == Version::V1_0 && is_primitive(node) {
            return Err(Located::new(
                pointer_push(at, "target"),
                format!(
                    "the target matched {node_pointer}, which is neither an object nor an array"
                ),
            ));
        }
        update_node(node, value, &node_pointer)
            .map_err(|message| Located::new(value_at, message))?;
    }
    Ok(())
}

/// Overlay 1.1 (Action Object): the nodes an `update` or `copy` selects must be all objects, all arrays or
/// all primitives; checked before any of them changes.
fn check_same_kind(doc: &Value, targets: &[Location], at: &str) -> Result<(), Located> {
    let mut kinds = targets
        .iter()
        .filter_map(|location| node_ref(doc, location).map(|node| (location, kind(node))));
    let Some((first, first_kind)) = kinds.next() else {
        return Ok(());
    };
    match kinds.find(|(_, other_kind)| *other_kind != first_kind) {
        Some((other, other_kind)) => Err(Located::new(
            pointer_push(at, "target"),
            format!(
                "the target selects {first_kind} at {} and {other_kind} at {}; the nodes an `update` or \
                 `copy` selects must be all objects, all arrays or all primitives",
                to_pointer(first),
                to_pointer(other)
            ),
        )),
        None => Ok(()),
    }
}

/// Applies `value` to one selected node by the node's kind: objects are merged with, arrays take an array's
/// items or one appended value, primitives are replaced by a primitive (1.1 only; 1.0 never gets here with
/// one).
fn update_node(node: &mut Value, value: &Value, node_pointer: &str) -> Result<(), String> {
    match node {
        Value::Array(items) => {
            match value {
                Value::Array(more) => items.extend(more.iter().cloned()),
                single => items.push(single.clone()),
            }
            Ok(())
        }
        Value::Object(_) => merge(node, value, node_pointer),
        primitive if is_primitive(value) => {
            *primitive = value.clone();
            Ok(())
        }
        _ => Err(format!(
            "cannot replace the primitive value at {node_pointer} with {}",
            kind(value)
        )),
    }
}

/// The Overlay merge: objects merge key by key, arrays concatenate, primitives replace primitives, and any
/// other pairing is an error.
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
            "cannot merge {} into {} at {at}",
            kind(update),
            kind(target)
        )),
    }
}

/// Whether a value is one of JSON's primitives (string, number, boolean, null).
fn is_primitive(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

/// A value's kind as the merge rules see it, for messages and the 1.1 same-kind check.
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
    fn removal_takes_out_exactly_the_selected_items_whatever_their_order_in_the_query() {
        for target in ["$.list[2,0]", "$.list[0,2]", "$.list[2,0,2]"] {
            let mut doc = json!({ "list": ["a", "b", "c", "d"] });
            let o = overlay(json!([{ "target": target, "remove": true }]));
            apply_overlay(&mut doc, &o).expect("applies");
            assert_eq!(doc, json!({ "list": ["b", "d"] }), "{target}");
        }
        // A node and one of its descendants: the descendant goes first, then the node.
        let mut doc = json!({ "list": [{ "x": [1, 2] }, "keep"] });
        let o = overlay(json!([{ "target": "$.list[0,0].x[1]", "remove": true },
                               { "target": "$.list[0]", "remove": true }]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "list": ["keep"] }));
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

    fn overlay_1_1(actions: Value) -> Value {
        json!({ "overlay": "1.1.0", "info": { "title": "t", "version": "1" }, "actions": actions })
    }

    #[test]
    fn copy_merges_the_source_object_into_the_target() {
        // The Overlay 1.1 "Simple Copy" example.
        let mut doc = json!({ "paths": {
            "/items": { "get": { "responses": { "200": { "description": "OK" } } } },
            "/some-items": { "delete": { "responses": { "200": { "description": "OK" } } } }
        } });
        let o = overlay_1_1(
            json!([{ "target": "$.paths['/some-items']", "copy": "$.paths['/items']" }]),
        );
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(
            doc["paths"]["/some-items"],
            json!({
                "delete": { "responses": { "200": { "description": "OK" } } },
                "get": { "responses": { "200": { "description": "OK" } } }
            })
        );
        assert_eq!(
            doc["paths"]["/items"],
            json!({ "get": { "responses": { "200": { "description": "OK" } } } })
        );
    }

    #[test]
    fn copy_of_a_scalar_replaces_a_primitive_and_is_appended_to_an_array() {
        let mut doc = json!({ "info": { "title": "a", "x-name": "b" }, "tags": ["t"] });
        let o = overlay_1_1(json!([
            { "target": "$.info.title", "copy": "$.info['x-name']" },
            { "target": "$.tags", "copy": "$.info['x-name']" }
        ]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(
            doc,
            json!({ "info": { "title": "b", "x-name": "b" }, "tags": ["t", "b"] })
        );
    }

    #[test]
    fn copy_of_an_array_concatenates_with_an_array_target() {
        let mut doc = json!({ "a": { "tags": ["x"] }, "b": { "tags": ["y", "z"] } });
        let o = overlay_1_1(json!([{ "target": "$.a.tags", "copy": "$.b.tags" }]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc["a"]["tags"], json!(["x", "y", "z"]));
        assert_eq!(doc["b"]["tags"], json!(["y", "z"]));
    }

    #[test]
    fn copy_onto_several_targets_changes_each() {
        let mut doc = json!({
            "x-defaults": { "x-rate-limit": 100, "tags": ["common"] },
            "paths": { "/a": { "get": { "tags": ["a"] } }, "/b": { "get": {} } }
        });
        let o = overlay_1_1(json!([{ "target": "$.paths.*.get", "copy": "$['x-defaults']" }]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(
            doc["paths"]["/a"]["get"],
            json!({ "tags": ["a", "common"], "x-rate-limit": 100 })
        );
        assert_eq!(
            doc["paths"]["/b"]["get"],
            json!({ "x-rate-limit": 100, "tags": ["common"] })
        );
    }

    #[test]
    fn copy_reads_the_result_of_earlier_actions() {
        // The Overlay 1.1 "Move Example": ensure the target exists, copy, then remove the source.
        let get = json!({ "responses": { "200": { "description": "OK" } } });
        let mut doc = json!({ "paths": { "/items": { "get": get } } });
        let o = overlay_1_1(json!([
            { "target": "$.paths", "update": { "/new-items": {} } },
            { "target": "$.paths['/new-items']", "copy": "$.paths['/items']" },
            { "target": "$.paths['/items']", "remove": true }
        ]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "paths": { "/new-items": { "get": get } } }));
    }

    #[test]
    fn copy_whose_source_matches_nothing_is_an_error_at_copy() {
        let mut doc = json!({ "paths": { "/a": {} } });
        let o = overlay_1_1(json!([
            { "target": "$.paths['/a']", "update": { "x-seen": true } },
            { "target": "$.paths['/a']", "copy": "$.paths['/missing']" }
        ]));
        let err = apply_overlay(&mut doc, &o).expect_err("source matches nothing");
        assert_eq!(err.pointer, "#/actions/1/copy");
        assert!(err.message.contains("matches nothing"), "{}", err.message);
    }

    #[test]
    fn copy_whose_source_selects_several_nodes_is_an_error() {
        let mut doc = json!({ "paths": { "/a": { "get": {} }, "/b": { "get": {} } }, "t": {} });
        let o = overlay_1_1(json!([{ "target": "$.t", "copy": "$.paths.*" }]));
        let err = apply_overlay(&mut doc, &o).expect_err("two sources");
        assert_eq!(err.pointer, "#/actions/0/copy");
        assert!(err.message.contains("selects 2 nodes"), "{}", err.message);
        assert!(
            err.message.contains("#/paths/~1a, #/paths/~1b"),
            "{}",
            err.message
        );
        assert_eq!(doc["t"], json!({}));
    }

    #[test]
    fn copy_source_selecting_one_node_twice_selects_one_node() {
        let mut doc = json!({ "src": { "k": 1 }, "t": {} });
        let o = overlay_1_1(json!([{ "target": "$.t", "copy": "$['src','src']" }]));
        apply_overlay(&mut doc, &o).expect("one node, named twice");
        assert_eq!(doc["t"], json!({ "k": 1 }));
    }

    #[test]
    fn copy_and_update_in_one_action_are_refused() {
        let mut doc = json!({ "src": { "k": 1 }, "t": {} });
        let o = overlay_1_1(json!([{ "target": "$.t", "copy": "$.src", "update": { "u": 2 } }]));
        let err = apply_overlay(&mut doc, &o).expect_err("update and copy");
        assert_eq!(err.pointer, "#/actions/0");
        assert!(
            err.message.contains("both `update` and `copy`"),
            "{}",
            err.message
        );
        assert_eq!(doc["t"], json!({}));
    }

    #[test]
    fn remove_true_makes_copy_and_update_have_no_effect() {
        let mut doc = json!({ "t": { "k": 1 }, "u": {} });
        let o = overlay_1_1(json!([
            { "target": "$.t", "remove": true, "copy": "$.missing", "update": { "u": 2 } }
        ]));
        apply_overlay(&mut doc, &o).expect("removes");
        assert_eq!(doc, json!({ "u": {} }));
    }

    #[test]
    fn copy_in_an_overlay_1_0_document_is_refused() {
        let mut doc = json!({ "src": { "k": 1 }, "t": {} });
        let o = overlay(json!([{ "target": "$.t", "copy": "$.src" }]));
        let err = apply_overlay(&mut doc, &o).expect_err("1.0 has no copy");
        assert_eq!(err.pointer, "#/actions/0/copy");
        assert!(err.message.contains("Overlay 1.1"), "{}", err.message);
        assert_eq!(doc["t"], json!({}));
        let o = overlay(json!([{ "target": "$.t", "update": { "u": 1 }, "copy": "$.src" }]));
        let err = apply_overlay(&mut doc, &o).expect_err("not ignored next to update");
        assert_eq!(err.pointer, "#/actions/0/copy");
    }

    #[test]
    fn overlay_1_1_update_and_remove_act_as_in_1_0() {
        let original = json!({
            "info": { "title": "a", "contact": { "name": "n" } },
            "tags": [{ "name": "a" }],
            "list": [1, 2, 3, 4],
            "paths": { "/a": { "get": {} }, "/b": { "get": {}, "post": {} } }
        });
        let actions = json!([
            { "target": "$.info", "update": { "title": "b", "contact": { "url": "u" } } },
            { "target": "$.tags", "update": [{ "name": "b" }] },
            { "target": "$.tags", "update": { "name": "c" } },
            { "target": "$.paths.*.*", "update": { "x-seen": true } },
            { "target": "$.list[?@ > 1]", "remove": true },
            { "target": "$.paths['/a']", "remove": true }
        ]);
        let expected = json!({
            "info": { "title": "b", "contact": { "name": "n", "url": "u" } },
            "tags": [{ "name": "a" }, { "name": "b" }, { "name": "c" }],
            "list": [1],
            "paths": { "/b": { "get": { "x-seen": true }, "post": { "x-seen": true } } }
        });
        let mut under_1_0 = original.clone();
        apply_overlay(&mut under_1_0, &overlay(actions.clone())).expect("1.0 applies");
        let mut under_1_1 = original;
        apply_overlay(&mut under_1_1, &overlay_1_1(actions)).expect("1.1 applies");
        assert_eq!(under_1_0, expected);
        assert_eq!(under_1_1, expected);
    }

    #[test]
    fn overlay_1_1_target_matching_nothing_changes_nothing() {
        let original = json!({ "paths": { "/a": {} } });
        let actions = json!([
            { "target": "$.paths['/missing']", "update": { "x": 1 } },
            { "target": "$.paths['/missing']", "copy": "$.also.missing" },
            { "target": "$.paths['/missing']", "remove": true }
        ]);
        let mut doc = original.clone();
        apply_overlay(&mut doc, &overlay_1_1(actions.clone())).expect("1.1: no-op");
        assert_eq!(doc, original);
        let err = apply_overlay(&mut doc, &overlay(json!([actions[0]]))).expect_err("1.0 errs");
        assert_eq!(err.pointer, "#/actions/0/target");
    }

    #[test]
    fn overlay_1_1_update_replaces_primitive_targets_which_1_0_refuses() {
        let original = json!({ "paths": { "/a": { "get": { "description": "old" } },
                                          "/b": { "get": { "description": "old" } } } });
        let actions = json!([{ "target": "$.paths.*.get.description", "update": "new" }]);
        let mut doc = original.clone();
        apply_overlay(&mut doc, &overlay_1_1(actions.clone())).expect("1.1 replaces");
        assert_eq!(doc["paths"]["/a"]["get"]["description"], json!("new"));
        assert_eq!(doc["paths"]["/b"]["get"]["description"], json!("new"));
        let mut doc = original;
        let err = apply_overlay(&mut doc, &overlay(actions)).expect_err("1.0 refuses");
        assert_eq!(err.pointer, "#/actions/0/target");
        assert!(err.message.contains("neither an object nor an array"));
    }

    #[test]
    fn overlay_1_1_primitive_target_needs_a_primitive_value() {
        let mut doc = json!({ "info": { "title": "a" } });
        let o = overlay_1_1(json!([{ "target": "$.info.title", "update": { "x": 1 } }]));
        let err = apply_overlay(&mut doc, &o).expect_err("object onto a string");
        assert_eq!(err.pointer, "#/actions/0/update");
        assert!(
            err.message
                .contains("cannot replace the primitive value at #/info/title"),
            "{}",
            err.message
        );
    }

    #[test]
    fn overlay_1_1_targets_of_mixed_kinds_are_refused_before_any_change() {
        let mut doc = json!({ "a": { "k": 1 }, "b": [1] });
        let o = overlay_1_1(json!([{ "target": "$['a','b']", "update": { "x": 1 } }]));
        let err = apply_overlay(&mut doc, &o).expect_err("object and array");
        assert_eq!(err.pointer, "#/actions/0/target");
        assert!(err.message.contains("an object at #/a"), "{}", err.message);
        assert!(err.message.contains("an array at #/b"), "{}", err.message);
        assert_eq!(doc, json!({ "a": { "k": 1 }, "b": [1] }));
    }

    #[test]
    fn overlay_1_1_a_node_selected_twice_is_updated_once() {
        let mut doc = json!({ "tags": ["a"] });
        let o = overlay_1_1(json!([{ "target": "$['tags','tags']", "update": "b" }]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "tags": ["a", "b"] }));
    }

    #[test]
    fn overlay_1_1_remove_takes_out_exactly_the_selected_nodes() {
        let mut doc = json!({ "list": ["a", "b", "c", "d"], "o": { "p": { "q": 1 } } });
        let o = overlay_1_1(json!([
            { "target": "$.list[2,0,0]", "remove": true },
            { "target": "$.o..*", "remove": true }
        ]));
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "list": ["b", "d"], "o": {} }));
    }

    #[test]
    fn overlay_1_1_remove_of_the_root_is_refused() {
        let mut doc = json!({ "a": 1 });
        let o = overlay_1_1(json!([{ "target": "$", "remove": true }]));
        let err = apply_overlay(&mut doc, &o).expect_err("root");
        assert_eq!(err.pointer, "#/actions/0/target");
        assert_eq!(doc, json!({ "a": 1 }));
    }

    #[test]
    fn versions_1_1_and_1_1_x_are_accepted_and_others_refused() {
        for version in ["1.1", "1.1.0", "1.1.7"] {
            let mut doc = json!({ "info": { "title": "a" } });
            let mut o = overlay_1_1(json!([{ "target": "$.info.title", "update": "b" }]));
            o["overlay"] = json!(version);
            apply_overlay(&mut doc, &o).unwrap_or_else(|e| panic!("{version}: {e:?}"));
            assert_eq!(doc["info"]["title"], json!("b"), "{version}");
        }
        for version in [json!("1.2.0"), json!("1.10.0"), json!("1.1x"), json!(1.1)] {
            let mut o = overlay_1_1(json!([{ "target": "$", "update": {} }]));
            o["overlay"] = version.clone();
            let err = apply_overlay(&mut json!({}), &o).expect_err("unsupported");
            assert_eq!(err.pointer, "#/overlay", "{version}");
            assert!(
                err.message.contains("supported are 1.0.x and 1.1.x"),
                "{}",
                err.message
            );
        }
        let mut o = overlay_1_1(json!([{ "target": "$", "update": {} }]));
        o["overlay"] = json!(1.1);
        let err = apply_overlay(&mut json!({}), &o).expect_err("a YAML number");
        assert!(err.message.contains("quote it"), "{}", err.message);
    }

    #[test]
    fn overlay_1_1_info_extends_description_and_extensions_are_accepted() {
        let mut doc = json!({ "a": {} });
        let o = json!({
            "overlay": "1.1.0",
            "info": { "title": "t", "version": "1", "description": "*why*", "x-owner": "me" },
            "extends": "./openapi.yaml",
            "x-note": 1,
            "actions": [{ "target": "$.a", "description": "mark", "x-id": 7, "update": { "m": 1 } }]
        });
        apply_overlay(&mut doc, &o).expect("applies");
        assert_eq!(doc, json!({ "a": { "m": 1 } }));
    }

    #[test]
    fn overlay_1_1_document_errors_point_at_the_field() {
        let base = overlay_1_1(json!([{ "target": "$", "update": {} }]));
        let cases = [
            ("/info/title", json!(null), "#/info/title"),
            ("/info/version", json!(1), "#/info/version"),
            ("/info/description", json!(["x"]), "#/info/description"),
            ("/info/summary", json!("s"), "#/info/summary"),
            ("/extends", json!(5), "#/extends"),
            ("/actionz", json!([]), "#/actionz"),
            ("/actions", json!([]), "#/actions"),
            ("/actions/0/updte", json!({}), "#/actions/0/updte"),
            (
                "/actions/0/description",
                json!(1),
                "#/actions/0/description",
            ),
            ("/actions/0/copy", json!(1), "#/actions/0/copy"),
            ("/actions/0", json!("$.a"), "#/actions/0"),
        ];
        for (field, value, pointer) in cases {
            let mut o = base.clone();
            let (parent, key) = field.rsplit_once('/').expect("a field path");
            let parent = if parent.is_empty() {
                &mut o
            } else {
                o.pointer_mut(parent).expect("parent exists")
            };
            match (parent, key.parse::<usize>()) {
                (Value::Array(items), Ok(index)) => items[index] = value,
                (Value::Object(map), _) if value.is_null() => {
                    map.shift_remove(key);
                }
                (Value::Object(map), _) => {
                    map.insert(key.to_string(), value);
                }
                _ => panic!("bad case {field}"),
            }
            let err = apply_overlay(&mut json!({}), &o).expect_err(field);
            assert_eq!(err.pointer, pointer, "{field}: {}", err.message);
        }
    }

    #[test]
    fn overlay_1_0_keeps_ignoring_what_1_1_refuses() {
        let mut doc = json!({ "a": {} });
        let o = json!({
            "overlay": "1.0.0",
            "info": { "summary": "no title" },
            "extends": 5,
            "unknown": true,
            "actions": [{ "target": "$.a", "updte": 1, "update": { "m": 1 } }]
        });
        apply_overlay(&mut doc, &o).expect("1.0 applies as before");
        assert_eq!(doc, json!({ "a": { "m": 1 } }));
        let empty = json!({ "overlay": "1.0", "info": {}, "actions": [] });
        apply_overlay(&mut doc, &empty).expect("1.0 accepts an empty list, as before");
    }
}
