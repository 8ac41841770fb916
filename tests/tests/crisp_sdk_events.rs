//! The events Crisp sends, as the official Node SDK (npm `crisp-api`, pinned) knows them: every name of its
//! `DEFAULT_RTM_EVENTS` (`lib/crisp.ts`) must be a web hook of the Crisp spec (`spec/crisp/webhooks.yml`), and
//! nothing else may be, each with an operationId naming its variant and a request body typed by a component
//! schema. The spec is read with its overlays applied but not normalised, so the check sees the OpenAPI 3.1
//! `webhooks` as the overlays write them.

use std::collections::BTreeSet;

use serde_json::Value;
use workspace_tests::{crisp_config, sdk};

/// The event names of the pinned SDK's `DEFAULT_RTM_EVENTS`, in its order.
fn sdk_event_names() -> Vec<String> {
    let modules = sdk::node_modules().unwrap_or_else(|err| panic!("{err}"));
    let file = modules.join("crisp-api/lib/crisp.ts");
    let source = std::fs::read_to_string(&file)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", file.display()));
    parse_string_array(&source, "DEFAULT_RTM_EVENTS")
        .unwrap_or_else(|| panic!("{} has no `DEFAULT_RTM_EVENTS` array", file.display()))
}

/// The string literals of the array `const <name> = [ ... ];` in TypeScript source, skipping line comments.
fn parse_string_array(source: &str, name: &str) -> Option<Vec<String>> {
    let start = source.find(&format!("const {name} = ["))?;
    let body = &source[start..];
    let body = &body[body.find('[')? + 1..];
    let body = &body[..body.find("];")?];
    let mut names = Vec::new();
    for line in body.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut rest = line;
        while let Some(open) = rest.find(['"', '\'']) {
            let quote = rest[open..].chars().next()?;
            let after = &rest[open + 1..];
            let close = after.find(quote)?;
            names.push(after[..close].to_string());
            rest = &after[close + 1..];
        }
    }
    Some(names)
}

/// The Crisp spec with every overlay applied, in the generator's order, before normalisation.
fn raw_effective_document() -> Value {
    let config = crisp_config();
    let mut document =
        generator::load::load_file(&config.spec).unwrap_or_else(|err| panic!("{err}"));
    let overlays = generator::overlay_files(&config.overlays).unwrap_or_else(|err| panic!("{err}"));
    for overlay_path in overlays {
        let overlay =
            generator::load::load_file(&overlay_path).unwrap_or_else(|err| panic!("{err}"));
        generator::overlay::apply_overlay(&mut document, &overlay)
            .map_err(|err| err.in_file(&overlay_path))
            .unwrap_or_else(|err| panic!("{err}"));
    }
    document
}

/// The lowerCamel operationId an event name gets: `people:profile:created` is `peopleProfileCreated`.
fn operation_id(event: &str) -> String {
    let mut id = String::new();
    for (index, word) in event
        .split([':', '_'])
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if index == 0 {
                id.push(first.to_ascii_lowercase());
            } else {
                id.push(first.to_ascii_uppercase());
            }
            id.extend(chars);
        }
    }
    id
}

/// The component schema a `$ref` names, if it is one and it exists.
fn component_schema<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    document["components"]["schemas"].get(name)
}

/// Every `$ref` reachable from `schema` (following component schemas), with the ones that do not resolve.
fn unresolved_refs(document: &Value, schema: &Value) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut unresolved = Vec::new();
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    if seen.insert(reference.clone()) {
                        // A reference may point anywhere in the document (RFC 6901), such as a property.
                        let target = reference
                            .strip_prefix('#')
                            .and_then(|pointer| document.pointer(pointer));
                        match target {
                            Some(target) => stack.push(target),
                            None => unresolved.push(reference.clone()),
                        }
                    }
                }
                stack.extend(map.iter().filter(|(k, _)| *k != "$ref").map(|(_, v)| v));
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    unresolved
}

#[test]
fn the_sdk_list_of_events_parses() {
    let names = sdk_event_names();
    assert!(
        names.len() > 50,
        "only {} events parsed: {names:?}",
        names.len()
    );
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "an event is listed twice: {names:?}"
    );
    for name in &names {
        assert!(
            name.contains(':') && !name.contains(char::is_whitespace),
            "`{name}` does not look like an event name"
        );
    }
}

#[test]
fn every_sdk_event_is_a_webhook_and_no_other_is() {
    let sdk: BTreeSet<String> = sdk_event_names().into_iter().collect();
    let document = raw_effective_document();
    let webhooks = document["webhooks"]
        .as_object()
        .expect("the Crisp spec declares `webhooks`");
    let declared: BTreeSet<String> = webhooks.keys().cloned().collect();
    let missing: Vec<&String> = sdk.difference(&declared).collect();
    let extra: Vec<&String> = declared.difference(&sdk).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the web hooks differ from crisp-api {}'s DEFAULT_RTM_EVENTS:\n  missing: {missing:?}\n  not in the SDK: {extra:?}",
        sdk::CRISP_API_VERSION
    );
}

#[test]
fn every_webhook_has_an_operation_id_and_a_typed_body() {
    let document = raw_effective_document();
    let webhooks = document["webhooks"]
        .as_object()
        .expect("the Crisp spec declares `webhooks`");
    let mut operation_ids: BTreeSet<String> = document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|op| op.get("operationId").and_then(Value::as_str))
        .map(str::to_string)
        .collect();
    let mut problems = Vec::new();
    for (event, item) in webhooks {
        let Some(post) = item.get("post") else {
            problems.push(format!("`{event}` has no `post` operation"));
            continue;
        };
        match post.get("operationId").and_then(Value::as_str) {
            Some(id) if id == operation_id(event) => {
                if !operation_ids.insert(id.to_string()) {
                    problems.push(format!("`{event}`: operationId `{id}` is used twice"));
                }
            }
            Some(id) => problems.push(format!(
                "`{event}`: operationId `{id}`, expected `{}`",
                operation_id(event)
            )),
            None => problems.push(format!("`{event}` has no operationId")),
        }
        if post["requestBody"]["required"] != Value::Bool(true) {
            problems.push(format!("`{event}`: the request body is not required"));
        }
        let schema = &post["requestBody"]["content"]["application/json"]["schema"];
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            problems.push(format!(
                "`{event}`: the JSON body is not a `$ref` to a component schema"
            ));
            continue;
        };
        if component_schema(&document, reference).is_none() {
            problems.push(format!(
                "`{event}`: `{reference}` is not a component schema"
            ));
            continue;
        }
        for unresolved in unresolved_refs(&document, schema) {
            problems.push(format!(
                "`{event}`: its body refers to `{unresolved}`, which does not exist"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn event_names_parse_and_camel_case() {
    let source =
        "const DEFAULT_RTM_EVENTS = [\n  // Session\n  \"session:set_state\",\n  'a:b' // c\n];";
    assert_eq!(
        parse_string_array(source, "DEFAULT_RTM_EVENTS"),
        Some(vec!["session:set_state".to_string(), "a:b".to_string()])
    );
    assert_eq!(operation_id("session:set_state"), "sessionSetState");
    assert_eq!(
        operation_id("people:profile:created"),
        "peopleProfileCreated"
    );
    assert_eq!(
        operation_id("bucket:url:upload:generated"),
        "bucketUrlUploadGenerated"
    );
}
