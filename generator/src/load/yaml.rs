//! YAML read straight into JSON values. Going through `serde_yaml::Value` first built, hashed and then
//! converted a second tree of the whole document: about a third of the time the Crisp spec and its overlay
//! take to load. Reading directly also lets `serde_yaml` report a value JSON cannot hold at its line and column.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_json::{map::Entry, Map, Number, Value};

/// Why YAML text is not the one JSON value a spec or overlay must be.
#[derive(Debug)]
pub(super) enum YamlError {
    /// Not YAML, or a value JSON cannot hold; located when the parser knows where.
    Invalid(serde_yaml::Error),
    /// The first document is followed by another (after a `---` line), and `serde_yaml`'s own error for that
    /// has no place; this is where the second document's content starts, when the parser says.
    SecondDocument(Option<serde_yaml::Location>),
}

impl From<serde_yaml::Error> for YamlError {
    fn from(err: serde_yaml::Error) -> Self {
        Self::Invalid(err)
    }
}

/// Parses one YAML document into the JSON value it means. YAML allows keys that are not strings (`200:` is an
/// integer); OpenAPI means them as strings, so they are written as such. Tags are dropped, as JSON has none.
/// The documents are read one at a time (as `serde_yaml` does for a single one), so a second document is found
/// without reading the text twice.
pub(super) fn from_str(text: &str) -> Result<Value, YamlError> {
    let mut documents = serde_yaml::Deserializer::from_str(text);
    let first = documents
        .next()
        .ok_or_else(|| YamlError::Invalid(de::Error::custom("the text holds no YAML document")))?;
    let value = AnyValue.deserialize(first)?;
    match documents.next() {
        None => Ok(value),
        Some(second) => Err(YamlError::SecondDocument(where_it_starts(second))),
    }
}

/// Where a document's first node is: reading it as [`Nothing`] fails there, and the error carries the place.
fn where_it_starts(document: serde_yaml::Deserializer) -> Option<serde_yaml::Location> {
    document
        .deserialize_any(Nothing)
        .err()
        .and_then(|err| err.location())
}

/// A visitor that accepts no value at all (every `visit_*` is serde's default, an error).
struct Nothing;

impl<'de> Visitor<'de> for Nothing {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("no value")
    }
}

/// Reads any YAML node as a JSON value.
struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Value, E> {
        Err(no_json_number(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Value, E> {
        Err(no_json_number(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or_else(|| no_json_number(serde_yaml::Number::from(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut array = Vec::with_capacity(items.size_hint().unwrap_or(0));
        while let Some(item) = items.next_element_seed(AnyValue)? {
            array.push(item);
        }
        Ok(Value::Array(array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = entries.next_key_seed(Key)? {
            match object.entry(key) {
                Entry::Occupied(entry) => {
                    return Err(de::Error::custom(format_args!(
                        "duplicate entry with key {:?}",
                        entry.key()
                    )))
                }
                Entry::Vacant(entry) => {
                    entry.insert(entries.next_value_seed(AnyValue)?);
                }
            }
        }
        Ok(Value::Object(object))
    }

    /// A tagged node (`!something value`): the value, without its tag.
    fn visit_enum<A: EnumAccess<'de>>(self, tagged: A) -> Result<Value, A::Error> {
        let (_tag, value): (de::IgnoredAny, _) = tagged.variant()?;
        value.newtype_variant_seed(AnyValue)
    }
}

/// Reads a mapping key as the string OpenAPI means by it.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a mapping key")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<String, E> {
        Ok(value.to_string())
    }

    /// As YAML writes it (`.inf`, `1.5`).
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
        Ok(serde_yaml::Number::from(value).to_string())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(key_not_scalar())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(key_not_scalar())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, tagged: A) -> Result<String, A::Error> {
        let (_tag, key): (de::IgnoredAny, _) = tagged.variant()?;
        key.newtype_variant_seed(Key)
    }
}

fn no_json_number<E: de::Error>(number: impl fmt::Display) -> E {
    E::custom(format_args!("the number {number} has no JSON equivalent"))
}

fn key_not_scalar<E: de::Error>() -> E {
    E::custom("a mapping key is itself a list or mapping; OpenAPI keys are strings")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The two-step reading this module replaced: the whole `serde_yaml::Value` tree, then converted.
    fn through_yaml_value(text: &str) -> Value {
        fn key(yaml: serde_yaml::Value) -> String {
            match yaml {
                serde_yaml::Value::String(s) => s,
                serde_yaml::Value::Number(n) => n.to_string(),
                serde_yaml::Value::Bool(b) => b.to_string(),
                serde_yaml::Value::Null => "null".to_string(),
                serde_yaml::Value::Tagged(tagged) => key(tagged.value),
                other => panic!("not a scalar key: {other:?}"),
            }
        }
        fn convert(yaml: serde_yaml::Value) -> Value {
            match yaml {
                serde_yaml::Value::Null => Value::Null,
                serde_yaml::Value::Bool(b) => Value::Bool(b),
                serde_yaml::Value::Number(n) => serde_json::to_value(&n).expect("a JSON number"),
                serde_yaml::Value::String(s) => Value::String(s),
                serde_yaml::Value::Sequence(items) => items.into_iter().map(convert).collect(),
                serde_yaml::Value::Mapping(mapping) => Value::Object(
                    mapping
                        .into_iter()
                        .map(|(k, v)| (key(k), convert(v)))
                        .collect(),
                ),
                serde_yaml::Value::Tagged(tagged) => convert(tagged.value),
            }
        }
        convert(serde_yaml::from_str(text).expect("valid YAML"))
    }

    #[test]
    fn every_yaml_spec_we_have_reads_as_through_a_yaml_value() {
        let mut files = crate::spec_files_for_tests();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let config = crate::Config::crisp(&root);
        files.extend(crate::overlay_files(&config.overlays).expect("the Crisp overlays"));
        for file in &files {
            let text = std::fs::read_to_string(file).expect("a readable spec");
            let direct =
                from_str(&text).unwrap_or_else(|err| panic!("{}: {err:?}", file.display()));
            assert!(
                direct == through_yaml_value(&text),
                "{} reads differently",
                file.display()
            );
        }
        assert!(files.len() > 50, "only {} files", files.len());
    }

    #[test]
    fn keys_are_the_strings_yaml_writes_and_values_keep_their_order() {
        let text = "200: a\ntrue: b\n~: c\n1.5: d\n!custom k: e\n-7: f\n";
        let value = from_str(text).expect("valid YAML");
        let keys: Vec<&str> = value
            .as_object()
            .expect("a mapping")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["200", "true", "null", "1.5", "k", "-7"]);
        assert_eq!(value, through_yaml_value(text));
    }

    #[test]
    fn aliases_expand_and_tags_are_dropped() {
        let value = from_str("a: &shared {b: [1, -2, 2.5, x, null]}\nc: *shared\nd: !custom 5\n")
            .expect("valid YAML");
        assert_eq!(
            value["c"],
            serde_json::json!({"b": [1, -2, 2.5, "x", null]})
        );
        assert_eq!(value["a"], value["c"]);
        assert_eq!(value["d"], 5);
    }
}
