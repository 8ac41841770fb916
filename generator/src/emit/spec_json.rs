//! `openapi.json`: the document the client was generated from (the spec with its overlays applied, normalised
//! to OpenAPI 3.0), so users and tools (mock servers, validators) see exactly what the client implements. JSON
//! has no comments, so the generated-file notice is the first member, `x-generated`, on the first line.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::GeneratedFile;

/// Writes `openapi.json`, with `preamble` (the generated-file notice) as its first member.
pub fn emit(document: &Value, preamble: &str) -> Result<GeneratedFile, String> {
    let mut contents = serde_json::to_string_pretty(&Annotated(document, preamble))
        .map_err(|err| format!("openapi.json: {err}"))?;
    if contents.starts_with("{\n  ") {
        contents.replace_range(..4, "{ ");
    }
    contents.push('\n');
    Ok(GeneratedFile {
        path: "openapi.json".to_string(),
        contents,
    })
}

/// The document with the notice as its first member, serialised straight from the original: GitHub's spec is
/// 13 MB, and copying it first cost as much as writing it.
struct Annotated<'a>(&'a Value, &'a str);

impl Serialize for Annotated<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Value::Object(members) = self.0 else {
            return self.0.serialize(serializer);
        };
        let kept = members
            .iter()
            .filter(|(key, _)| key.as_str() != "x-generated");
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("x-generated", self.1)?;
        for (key, value) in kept {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_notice_is_on_the_first_line_and_the_document_is_unchanged() {
        let document = json!({ "openapi": "3.0.3", "paths": { "/a": {} } });
        let file =
            emit(&document, &crate::emit::preamble("cargo run -p generator")).expect("serialises");
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
