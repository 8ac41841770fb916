//! `openapi.json`: the document the client was generated from (the spec with its overlays applied, normalised
//! to OpenAPI 3.0), so users and tools (mock servers, validators) see exactly what the client implements. JSON
//! has no comments, so the generated-file notice is the first member, `x-generated`, on the first line.

use serde_json::{Map, Value};

use super::{GeneratedFile, PREAMBLE};

/// Writes `openapi.json`.
pub fn emit(document: &Value) -> Result<GeneratedFile, String> {
    let mut annotated = Map::new();
    annotated.insert("x-generated".to_string(), Value::from(PREAMBLE));
    if let Value::Object(members) = document {
        annotated.extend(
            members
                .iter()
                .filter(|(key, _)| key.as_str() != "x-generated")
                .map(|(key, value)| (key.clone(), value.clone())),
        );
    }
    let pretty = serde_json::to_string_pretty(&Value::Object(annotated))
        .map_err(|err| format!("openapi.json: {err}"))?;
    let contents = match pretty.strip_prefix("{\n  ") {
        Some(rest) => format!("{{ {rest}\n"),
        None => format!("{pretty}\n"),
    };
    Ok(GeneratedFile {
        path: "openapi.json".to_string(),
        contents,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_notice_is_on_the_first_line_and_the_document_is_unchanged() {
        let document = json!({ "openapi": "3.0.3", "paths": { "/a": {} } });
        let file = emit(&document).expect("serialises");
        let first = file.contents.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("{ \"x-generated\": \"@generated"),
            "{first}"
        );
        let mut parsed: Value = serde_json::from_str(&file.contents).expect("valid JSON");
        parsed.as_object_mut().map(|o| o.remove("x-generated"));
        assert_eq!(parsed, document);
    }
}
