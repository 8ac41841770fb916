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
