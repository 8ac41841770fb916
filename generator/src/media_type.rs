//! Media types as OpenAPI documents write them, compared the way HTTP compares them: by their essence, without
//! parameters and case-insensitively. Normalisation and lowering both ask what a media type is.

/// A media type without its parameters, in lower case: `Text/Event-Stream; charset=utf-8` is
/// `text/event-stream`.
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether the answer is Server-Sent Events.
pub fn is_event_stream(media_type: &str) -> bool {
    essence(media_type) == "text/event-stream"
}

/// Whether a body or query string is a form (`application/x-www-form-urlencoded`).
pub fn is_form_urlencoded(media_type: &str) -> bool {
    essence(media_type) == "application/x-www-form-urlencoded"
}

/// Whether the media type is JSON (`application/json`, `application/problem+json`, `text/json`).
pub fn is_json_media_type(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.ends_with("/json") || essence.ends_with("+json")
}

/// Whether a media type is text: `text/*`, JSON or XML.
pub fn is_text_media_type(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.starts_with("text/")
        || is_json_media_type(&essence)
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_and_case_do_not_count() {
        assert_eq!(
            super::essence(" Text/Event-Stream ; charset=utf-8"),
            "text/event-stream"
        );
        assert_eq!(super::essence("application/json"), "application/json");
        assert_eq!(super::essence(""), "");
    }
}
