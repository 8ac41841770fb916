//! Answers that are sequences of items read as they arrive: Server-Sent Events (`text/event-stream`), JSON
//! Lines (`application/jsonl`, `application/x-ndjson`) and JSON text sequences (`application/json-seq`).
//! One item's schema is the media type's `x-item-schema` (OpenAPI 3.2's `itemSchema`, which normalisation
//! renames; for an event stream, the schema of each event's data), else its `schema`, which 3.0 and 3.1
//! documents use for the same; an event stream may name the data that ends it (`x-stream-sentinel`, such as
//! `[DONE]`).

use openapiv3::{MediaType, ReferenceOr, Schema};

use crate::ir::{LineFraming, Sequence};

/// The sequence a media type's answer is, if it is one.
pub fn sequence_of(media_type: &str, media: &MediaType) -> Option<Sequence> {
    match crate::media_type::essence(media_type).as_str() {
        "text/event-stream" => Some(Sequence::Events {
            sentinel: media
                .extensions
                .get("x-stream-sentinel")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned),
        }),
        "application/jsonl"
        | "application/x-ndjson"
        | "application/x-jsonlines"
        | "application/jsonlines" => Some(Sequence::Lines(LineFraming::Lines)),
        "application/json-seq" => Some(Sequence::Lines(LineFraming::RecordSeparated)),
        _ => None,
    }
}

/// The schema of one item, and where it is: `x-item-schema`, else `schema`. `Err` names an `x-item-schema`
/// that is no schema.
pub fn item_schema(
    media: &MediaType,
) -> Result<Option<(ReferenceOr<Schema>, &'static str)>, String> {
    match media.extensions.get("x-item-schema") {
        Some(value) => serde_json::from_value(value.clone())
            .map(|schema| Some((schema, "x-item-schema")))
            .map_err(|err| format!("`x-item-schema` is not a schema ({err})")),
        None => Ok(media.schema.clone().map(|schema| (schema, "schema"))),
    }
}

/// The data schema of each event name an event stream declares (`x-event-data`: a mapping of `event` names
/// to schemas, which normalisation writes for a 3.2 `itemSchema` whose `oneOf` tells events apart by a
/// constant `event`), in order; empty when it declares none. `Err` names what is not such a mapping.
pub fn event_data(media: &MediaType) -> Result<Vec<(String, ReferenceOr<Schema>)>, String> {
    let Some(declared) = media.extensions.get("x-event-data") else {
        return Ok(Vec::new());
    };
    let declared = declared
        .as_object()
        .ok_or("`x-event-data` is not a mapping of event names to schemas")?;
    declared
        .iter()
        .map(|(event, schema)| {
            serde_json::from_value(schema.clone())
                .map(|schema| (event.clone(), schema))
                .map_err(|err| format!("`x-event-data.{event}` is not a schema ({err})"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(value: serde_json::Value) -> MediaType {
        serde_json::from_value(value).expect("a media type")
    }

    #[test]
    fn event_streams_and_json_lines_are_sequences_and_json_is_not() {
        let sse = media(serde_json::json!({"x-stream-sentinel": "[DONE]"}));
        assert_eq!(
            sequence_of("text/event-stream; charset=utf-8", &sse),
            Some(Sequence::Events {
                sentinel: Some("[DONE]".into())
            })
        );
        let plain = media(serde_json::json!({}));
        assert_eq!(
            sequence_of("application/x-ndjson", &plain),
            Some(Sequence::Lines(LineFraming::Lines))
        );
        assert_eq!(
            sequence_of("application/json-seq", &plain),
            Some(Sequence::Lines(LineFraming::RecordSeparated))
        );
        assert_eq!(sequence_of("application/json", &plain), None);
        assert_eq!(sequence_of("text/plain", &plain), None);
    }

    #[test]
    fn the_item_schema_comes_before_the_schema_and_a_bad_one_is_named() {
        let both = media(serde_json::json!({
            "schema": {"type": "string"},
            "x-item-schema": {"$ref": "#/components/schemas/Chunk"}
        }));
        let (schema, from) = item_schema(&both).expect("readable").expect("a schema");
        assert_eq!(from, "x-item-schema");
        assert!(
            matches!(schema, ReferenceOr::Reference { reference } if reference.ends_with("/Chunk"))
        );
        let only_schema = media(serde_json::json!({"schema": {"type": "string"}}));
        assert_eq!(
            item_schema(&only_schema)
                .expect("readable")
                .map(|(_, from)| from),
            Some("schema")
        );
        let bad = media(serde_json::json!({"x-item-schema": 7}));
        assert!(item_schema(&bad)
            .expect_err("not a schema")
            .contains("x-item-schema"));
    }
}
