#![only_if(json_at_answer)]
//! Decoding only the part of a JSON answer at a JSON pointer (`x-unwrap`): the rest of the document is skipped
//! as it is read, never built, so unwrapping an envelope costs no more than decoding its payload.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The value at `pointer` (`/data`, `/a/0/b`) in `body` decoded as `T`; `None` when it is missing or null.
pub(crate) fn decode_at<T: de::DeserializeOwned>(
    body: &[u8],
    pointer: &str,
) -> Result<Option<T>, serde_json::Error> {
    let tokens: Vec<std::borrow::Cow<'_, str>> = pointer
        .split('/')
        .skip(1)
        .map(|token| match token.contains('~') {
            true => token.replace("~1", "/").replace("~0", "~").into(),
            false => token.into(),
        })
        .collect();
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let found = AtPointer::<T> {
        tokens: &tokens,
        target: PhantomData,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(found)
}

/// Walks down `tokens` and decodes what is there.
struct AtPointer<'p, T> {
    tokens: &'p [std::borrow::Cow<'p, str>],
    target: PhantomData<T>,
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for AtPointer<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        if self.tokens.is_empty() {
            return <Option<T> as de::Deserialize>::deserialize(deserializer);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for AtPointer<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON value containing `/{}`", self.tokens.join("/"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let (first, rest) = (&self.tokens[0], &self.tokens[1..]);
        let mut found = None;
        while let Some(matches) = map.next_key_seed(KeyIs(first))? {
            if matches {
                found = map.next_value_seed(AtPointer::<T> {
                    tokens: rest,
                    target: PhantomData,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        let (first, rest) = (&self.tokens[0], &self.tokens[1..]);
        let wanted = first.parse::<usize>().ok();
        let mut found = None;
        let mut index = 0;
        loop {
            if Some(index) == wanted {
                match seq.next_element_seed(AtPointer::<T> {
                    tokens: rest,
                    target: PhantomData,
                })? {
                    Some(value) => found = value,
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
            index += 1;
        }
        Ok(found)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<T>, E> {
        Ok(None)
    }
}

/// Reads an object key and tells whether it is the wanted one, without allocating it.
struct KeyIs<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_part_and_skips_the_rest() {
        let body = br#"{"error": false, "data": {"a": [10, {"b~/c": 7}]}, "after": [1, {"x": null}]}"#;
        assert_eq!(decode_at::<i64>(body, "/data/a/1/b~0~1c").ok(), Some(Some(7)));
        assert_eq!(decode_at::<i64>(body, "/data/a/0").ok(), Some(Some(10)));
        assert_eq!(decode_at::<i64>(body, "/missing").ok(), Some(None));
        assert_eq!(decode_at::<i64>(body, "/error/deeper").ok(), Some(None));
        assert_eq!(decode_at::<i64>(br#"{"data": null}"#, "/data").ok(), Some(None));
        assert!(decode_at::<i64>(br#"{"data": "seven"}"#, "/data").is_err());
        assert!(decode_at::<i64>(br#"{"data": 7"#, "/data").is_err(), "truncated");
        assert!(decode_at::<i64>(br#"{"data": 7} trailing"#, "/data").is_err());
    }
}
