//! Loading: turns a YAML or JSON file into an untyped JSON value, keeping the order of keys as written.
//! Later stages (overlays, normalisation) work on this value; syntax errors are reported here with
//! line and column because this is the last place that still knows them.

use std::path::Path;

mod yaml;

use serde_json::Value;

use crate::error::Error;

/// The largest document the generator reads (GitHub's whole REST API is 13 MB), so a runaway input fails
/// at once instead of exhausting memory.
pub const MAX_DOCUMENT_BYTES: u64 = 32 * 1024 * 1024;

/// Reads `path` and parses it as JSON (when it looks like JSON) or YAML.
pub fn load_file(path: &Path) -> Result<Value, Error> {
    let io_error = |source| Error::Io {
        file: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io_error)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(Error::Document {
            file: path.to_path_buf(),
            message: format!(
                "the file is {:.1} MB; the generator reads documents of up to {} MB",
                size as f64 / 1_048_576.0,
                MAX_DOCUMENT_BYTES / 1_048_576
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    parse_document(&bytes, path)
}

/// Parses document bytes; `file` is only used to name the document in errors.
pub fn parse_document(bytes: &[u8], file: &Path) -> Result<Value, Error> {
    let document_error = |message: &str| Error::Document {
        file: file.to_path_buf(),
        message: message.to_string(),
    };
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(document_error(&format!(
            "the document is {:.1} MB; the generator reads documents of up to {} MB",
            bytes.len() as f64 / 1_048_576.0,
            MAX_DOCUMENT_BYTES / 1_048_576
        )));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| document_error("not UTF-8 text; expected a YAML or JSON document"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(document_error(
            "the file is empty; expected a YAML or JSON document",
        ));
    }
    let value = if trimmed.starts_with('{') {
        parse_json(text, file)?
    } else {
        parse_yaml(text, file)?
    };
    if !value.is_object() {
        return Err(document_error(
            "the document is not a mapping of keys to values",
        ));
    }
    Ok(value)
}

fn parse_json(text: &str, file: &Path) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|err| Error::Syntax {
        file: file.to_path_buf(),
        line: err.line(),
        column: err.column(),
        message: format!("invalid JSON: {err}"),
    })
}

/// Parses YAML, locating what is wrong (a syntax error, a value JSON cannot hold, a second document).
fn parse_yaml(text: &str, file: &Path) -> Result<Value, Error> {
    yaml::from_str(text).map_err(|err| match err {
        yaml::YamlError::Invalid(err) => invalid_yaml(&err, file),
        yaml::YamlError::SecondDocument(at) => second_document(at, file),
    })
}

/// What a file holding two YAML documents is told, at the second one.
const SECOND_DOCUMENT: &str = "invalid YAML: a second document starts here (after a `---` line); a spec or \
                               overlay is one document: remove the `---` and what follows, or split the file";

/// A second YAML document (after `---`): a spec or overlay is one document, and silently reading only the
/// first would generate from half of what the file says.
fn second_document(at: Option<serde_yaml::Location>, file: &Path) -> Error {
    let message = SECOND_DOCUMENT.to_string();
    match at {
        Some(at) => Error::Syntax {
            file: file.to_path_buf(),
            line: at.line(),
            column: at.column(),
            message,
        },
        None => Error::Document {
            file: file.to_path_buf(),
            message,
        },
    }
}

/// A YAML error as the generator's, with its line and column when `serde_yaml` gives them.
fn invalid_yaml(err: &serde_yaml::Error, file: &Path) -> Error {
    let mut message = format!("invalid YAML: {err}");
    if message.contains("repetition limit") {
        message.push_str(
            " (its aliases expand into too many nodes, as in a \"billion laughs\" document)",
        );
    }
    match err.location() {
        Some(at) => Error::Syntax {
            file: file.to_path_buf(),
            line: at.line(),
            column: at.column(),
            message,
        },
        None => Error::Document {
            file: file.to_path_buf(),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Value, Error> {
        parse_document(text.as_bytes(), Path::new("spec.yml"))
    }

    #[test]
    fn yaml_integer_keys_become_strings_in_order() {
        let value = parse("responses:\n  200: ok\n  404: missing\n").expect("valid YAML");
        let keys: Vec<_> = value["responses"]
            .as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["200", "404"]);
    }

    /// Each case: the YAML, where the error must point (the node; for a duplicate key, its mapping) and what
    /// it must say.
    #[test]
    fn values_json_cannot_hold_are_reported_where_they_are() {
        for (yaml, at, complaint) in [
            (
                "a: 1\nb: .nan\n",
                "spec.yml:2:4:",
                "the number .nan has no JSON equivalent",
            ),
            (
                "a: 1\nb: -.inf\n",
                "spec.yml:2:4:",
                "the number -.inf has no JSON equivalent",
            ),
            (
                "a: 1\nb: 123456789012345678901234567890\n",
                "spec.yml:2:4:",
                "the number 123456789012345678901234567890 has no JSON equivalent",
            ),
            (
                "a: 1\n? [x, y]\n: z\n",
                "spec.yml:2:3:",
                "a mapping key is itself a list or mapping",
            ),
            (
                "a: 1\nb:\n  c: 2\n  c: 3\n",
                "spec.yml:3:3:",
                "duplicate entry with key \"c\"",
            ),
            (
                "200: 1\n'200': 2\n",
                "spec.yml:1:1:",
                "duplicate entry with key \"200\"",
            ),
        ] {
            let err = parse(yaml).expect_err(yaml).to_string();
            assert!(err.starts_with(at), "{yaml:?}: {err}");
            assert!(err.contains(complaint), "{yaml:?}: {err}");
        }
    }

    /// A second document is an error where it starts, whatever it holds; a single document may open with `---`
    /// and close with `...`.
    #[test]
    fn a_second_document_is_an_error_at_its_line_and_column() {
        for (yaml, at) in [
            ("a: 1\n---\nb: 2\n", "spec.yml:3:1: "),
            ("---\na: 1\n---\n- x\n", "spec.yml:4:1: "),
            ("a: 1\n--- [x, y]\n", "spec.yml:2:5: "),
            ("a: 1\n...\n---\nb: [unclosed\n", "spec.yml:4:1: "),
        ] {
            let err = parse(yaml).expect_err(yaml).to_string();
            assert!(err.starts_with(at), "{yaml:?}: {err}");
            assert!(
                err.contains("a second document starts here"),
                "{yaml:?}: {err}"
            );
        }
        let err = parse("a: 1\n---\n")
            .expect_err("an empty second document")
            .to_string();
        assert!(err.starts_with("spec.yml:"), "{err}");
        assert!(err.contains("a second document"), "{err}");
        let one = parse("---\na: 1\n...\n").expect("one document, marked at both ends");
        assert_eq!(one, serde_json::json!({"a": 1}));
    }

    #[test]
    fn json_is_read_as_json() {
        let value = parse("{\"openapi\": \"3.0.0\"}").expect("valid JSON");
        assert_eq!(value["openapi"], "3.0.0");
    }

    #[test]
    fn yaml_syntax_error_names_file_line_and_column() {
        let err = parse("a: b\n  c: [\n")
            .expect_err("broken YAML")
            .to_string();
        assert!(err.starts_with("spec.yml:2:"), "{err}");
        assert!(err.contains("invalid YAML"), "{err}");
    }

    #[test]
    fn json_syntax_error_names_line_and_column() {
        let err = parse("{\n  \"a\": ,\n}")
            .expect_err("broken JSON")
            .to_string();
        assert!(err.starts_with("spec.yml:2:8: invalid JSON"), "{err}");
    }

    #[test]
    fn empty_and_binary_files_are_rejected_politely() {
        assert!(parse("  \n")
            .expect_err("empty")
            .to_string()
            .contains("empty"));
        let err = parse_document(&[0xff, 0xfe, 0x00], Path::new("x.bin")).expect_err("binary");
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn a_scalar_document_is_rejected() {
        assert!(parse("just text")
            .expect_err("scalar")
            .to_string()
            .contains("not a mapping"));
    }
}
