//! Loading: turns a YAML or JSON file into an untyped JSON value, keeping the order of keys as written.
//! Later stages (overlays, normalisation) work on this value; syntax errors are reported here with
//! line and column because this is the last place that still knows them.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{pointer_push, Error, Located};

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

fn parse_yaml(text: &str, file: &Path) -> Result<Value, Error> {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|err| {
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
    })?;
    yaml_to_json(yaml, "#").map_err(|located| located.in_file(file))
}

/// Converts YAML to JSON. YAML allows non-string keys (`200:` is an integer); OpenAPI means them as strings.
fn yaml_to_json(yaml: serde_yaml::Value, pointer: &str) -> Result<Value, Located> {
    use serde_yaml::Value as Yaml;
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => yaml_number(&n, pointer)?,
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| yaml_to_json(item, &pointer_push(pointer, &i.to_string())))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut object = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                let key = yaml_key(key, pointer)?;
                let value = yaml_to_json(value, &pointer_push(pointer, &key))?;
                object.insert(key, value);
            }
            Value::Object(object)
        }
        Yaml::Tagged(tagged) => yaml_to_json(tagged.value, pointer)?,
    })
}

fn yaml_number(n: &serde_yaml::Number, pointer: &str) -> Result<Value, Located> {
    if let Some(i) = n.as_i64() {
        Ok(Value::from(i))
    } else if let Some(u) = n.as_u64() {
        Ok(Value::from(u))
    } else {
        n.as_f64()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| Located::new(pointer, format!("the number {n} has no JSON equivalent")))
    }
}

fn yaml_key(key: serde_yaml::Value, pointer: &str) -> Result<String, Located> {
    use serde_yaml::Value as Yaml;
    match key {
        Yaml::String(s) => Ok(s),
        Yaml::Number(n) => Ok(n.to_string()),
        Yaml::Bool(b) => Ok(b.to_string()),
        Yaml::Null => Ok("null".to_string()),
        Yaml::Tagged(tagged) => yaml_key(tagged.value, pointer),
        Yaml::Sequence(_) | Yaml::Mapping(_) => Err(Located::new(
            pointer,
            "a mapping key is itself a list or mapping; OpenAPI keys are strings",
        )),
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
