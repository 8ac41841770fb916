//! What OpenAPI 3.2 adds, rewritten into what the rest of the pipeline reads: extensions lowering knows, the
//! 3.0 form that sends the same request, or, when the client cannot send it yet, nothing, with a warning.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::*;
use crate::media_type::{is_event_stream, is_form_urlencoded, is_json_media_type};

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
    pub(super) fn gather_additional_operations(
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
                    } else if !crate::ir::HttpMethod::is_token(&method) {
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
    pub(super) fn querystring_to_query(
        &mut self,
        param: &mut Map<String, Value>,
        at: &str,
    ) -> Option<String> {
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
    pub(super) fn cookie_style(&mut self, param: &mut Map<String, Value>, at: &str) {
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
    pub(super) fn item_schema(
        &mut self,
        media_type: &str,
        media: &mut Map<String, Value>,
        at: &str,
    ) -> bool {
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
        let (item, by_name) = if is_event_stream(media_type) {
            self.event_data
                .remove(at)
                .unwrap_or_else(|| (event_data_schema(&item, None), events_by_name(&item, None)))
        } else {
            (item, None)
        };
        media.insert(ITEM_SCHEMA.into(), item);
        if let Some(by_name) = by_name {
            if !media.contains_key(EVENT_DATA) {
                media.insert(EVENT_DATA.into(), by_name);
            }
        }
        true
    }

    /// 3.2: an operation with an `in: querystring` parameter the client cannot send ([`querystring_problem`]),
    /// its own or its path item's, written out or through a `$ref` to `components.parameters`, is left out
    /// with a warning naming that parameter and why. Such parameters of the path item go too: no operation is
    /// left to use them, and `openapiv3` could not read them.
    pub(super) fn leave_out_unsendable_operations(
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
    pub(super) fn unsendable_in(&self, params: Option<&Value>, at: &str) -> Option<String> {
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
    pub(super) fn is_unsendable(&self, param: &Value) -> bool {
        match param.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.unsendable.contains_key(reference),
            None => param.as_object().and_then(querystring_problem).is_some(),
        }
    }

    /// 3.2: `components.parameters` entries that are, or refer to, an `in: querystring` parameter the client
    /// cannot send are left out (`openapiv3` could not read one), with a warning each; so is every operation
    /// that uses one ([`Self::leave_out_unsendable_operations`]).
    pub(super) fn leave_out_unsendable_parameters(&mut self, components: &mut Map<String, Value>) {
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
pub(super) fn additional_operation_at(
    at: &str,
    method: &str,
    moved: &[(String, String)],
) -> String {
    moved.iter().find(|(m, _)| m == method).map_or_else(
        || pointer_push(&pointer_push(at, ADDITIONAL_OPERATIONS), method),
        |(_, op_at)| op_at.clone(),
    )
}

/// An `in: querystring` parameter the client cannot send: where it is, and why.
pub(super) struct Unsendable {
    pointer: String,
    why: String,
}

/// Why the client cannot send `param`, if it is an `in: querystring` parameter it cannot send: the query
/// string is the one media type of its `content`, and `application/x-www-form-urlencoded` (which
/// [`Walk::querystring_to_query`] rewrites) is the only one the client sends yet.
pub(super) fn querystring_problem(param: &Map<String, Value>) -> Option<String> {
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
pub(super) fn unsendable_parameters(doc: &Value) -> HashMap<String, Unsendable> {
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
pub(super) fn inline_media_type_refs(doc: &mut Value, warnings: &mut Vec<Warning>) {
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
pub(super) fn media_type_target<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
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
pub(super) fn each_media_type(value: &Value, at: &str, visit: &mut dyn FnMut(&str, &str, &Value)) {
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
pub(super) fn event_data_schemas(doc: &Value) -> HashMap<String, (Value, Option<Value>)> {
    let mut found = HashMap::new();
    each_media_type(doc, "#", &mut |at, media_type, media| {
        if let Some(item) = media
            .get("itemSchema")
            .filter(|_| is_event_stream(media_type))
        {
            found.insert(
                at.to_string(),
                (
                    event_data_schema(item, Some(doc)),
                    events_by_name(item, Some(doc)),
                ),
            );
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
/// different events whose data need not be alike ([`events_by_name`] types those by name). Of several, the one that says
/// most wins.
pub(super) fn event_data_schema(item: &Value, doc: Option<&Value>) -> Value {
    data_schema(item, doc).unwrap_or_else(|| item.clone())
}

/// The schema of the data an event's schema declares (of its `data` properties, the one that says most:
/// its `contentSchema`, any JSON, or text); `None` when it has no `data` property.
fn data_schema(event: &Value, doc: Option<&Value>) -> Option<Value> {
    let mut found = Vec::new();
    data_properties(event, doc, 0, &mut found);
    let data = match found
        .into_iter()
        .map(|data| event_data(data, doc))
        .min_by_key(EventData::rank)?
    {
        EventData::Schema(schema) => schema.clone(),
        EventData::Json => Value::Object(Map::new()),
        EventData::Text => serde_json::json!({ "type": "string" }),
    };
    Some(data)
}

/// What an event's `data` property says its data is.
pub(super) enum EventData<'a> {
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
pub(super) fn data_properties<'a>(
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
pub(super) fn event_data<'a>(data: &'a Value, doc: Option<&'a Value>) -> EventData<'a> {
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

/// The data schema of each event an `itemSchema` tells apart, in order: each branch of its `oneOf` (or
/// `anyOf`) whose `event` is a constant (`const`, or an `enum` of one name), with that branch's data
/// ([`event_data`]: its `contentSchema`, any JSON, or text). `None` when no branch names its event.
pub(super) fn events_by_name(item: &Value, doc: Option<&Value>) -> Option<Value> {
    let item = local_target(item, doc).unwrap_or(item);
    let branches = item
        .get("oneOf")
        .or_else(|| item.get("anyOf"))
        .and_then(Value::as_array)?;
    let mut by_name = Map::new();
    for branch in branches {
        let branch = local_target(branch, doc).unwrap_or(branch);
        let Some(event) = event_name(branch) else {
            continue;
        };
        // An event without a `data` property of its own has text data, as every event does.
        let data =
            data_schema(branch, doc).unwrap_or_else(|| serde_json::json!({ "type": "string" }));
        by_name.entry(event).or_insert(data);
    }
    (!by_name.is_empty()).then_some(Value::Object(by_name))
}

/// The constant name a branch of an event's schema gives its `event` field.
fn event_name(branch: &Value) -> Option<String> {
    let event = branch.get("properties")?.get("event")?;
    let name = match event.get("const") {
        Some(name) => name,
        None => match event.get("enum")?.as_array()?.as_slice() {
            [name] => name,
            _ => return None,
        },
    };
    name.as_str().map(str::to_owned)
}

/// What the local `$ref` of `value` names in `doc`.
pub(super) fn local_target<'a>(value: &Value, doc: Option<&'a Value>) -> Option<&'a Value> {
    let reference = value.get("$ref")?.as_str()?;
    doc?.pointer(reference.strip_prefix('#')?)
}

/// 3.2's tag `summary` (a short name to display), `parent` (the tag it nests under) and `kind` (what sort of
/// tag: `nav`, `badge`, ...) → the extensions `x-summary`, `x-parent` and `x-kind`, which `openapiv3`'s `Tag`
/// keeps.
pub(super) fn tag_fields(root: &mut Map<String, Value>) {
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
pub(super) fn default_mapping(schema: &mut Map<String, Value>) {
    if let Some(discriminator) = schema
        .get_mut("discriminator")
        .and_then(Value::as_object_mut)
    {
        to_extension(discriminator, "defaultMapping", "x-default-mapping");
    }
}

/// Moves `field` of `object` to the extension `extension`; one already there, written by hand, is kept.
pub(super) fn to_extension(object: &mut Map<String, Value>, field: &str, extension: &str) {
    if let Some(value) = object.shift_remove(field) {
        object.entry(extension).or_insert(value);
    }
}
