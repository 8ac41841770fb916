#![only_if(json_at_answer, answer_cursor_pages, link_pages, items_within)]
//! Decoding only the part of a JSON answer at a JSON pointer (`x-unwrap`): the rest of the document is skipped
//! as it is read, never built, so unwrapping an envelope costs no more than decoding its payload.

use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The value at `pointer` (`/data`, `/a/0/b`) in `body` decoded as `T`; `None` when it is missing or null.
/// A value that does not decode fails with where it is in the body (`data[3].created_at`).
pub(crate) fn decode_at<T: de::DeserializeOwned>(
    body: &[u8],
    pointer: &str,
) -> Result<Option<T>, (String, serde_json::Error)> {
    let tokens: Vec<std::borrow::Cow<'_, str>> = pointer
        .split('/')
        .skip(1)
        .map(|token| match token.contains('~') {
            true => token.replace("~1", "/").replace("~0", "~").into(),
            false => token.into(),
        })
        .collect();
    // Decoded once as it is; only a body that fails is decoded again, tracking where, which costs every
    // successful call nothing.
    let decode = |track: bool| {
        let failed_at = RefCell::new(None);
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let found = AtPointer::<T> {
            tokens: &tokens,
            failed_at: &failed_at,
            track,
            target: PhantomData,
        }
        .deserialize(&mut deserializer)
        .and_then(|found| deserializer.end().map(|()| found));
        found.map_err(|error| (failed_at.take(), error))
    };
    decode(false).or_else(|_| {
        decode(true).map_err(|(inner, error)| (joined_path(&tokens, inner.as_deref()), error))
    })
}

/// The path of a failing value: the pointer's tokens (`data`, `[3]`), then the path within the part, when
/// decoding the part is what failed.
fn joined_path(tokens: &[std::borrow::Cow<'_, str>], inner: Option<&str>) -> String {
    let mut path = String::new();
    for token in tokens {
        if token.bytes().all(|b| b.is_ascii_digit()) && !token.is_empty() {
            path.push_str(&format!("[{token}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(token);
        }
    }
    match inner {
        None | Some(".") => {}
        Some(inner) if inner.starts_with('[') || path.is_empty() => path.push_str(inner),
        Some(inner) => {
            path.push('.');
            path.push_str(inner);
        }
    }
    path
}

/// Walks down `tokens` and decodes what is there, noting in `failed_at` where a value in it did not decode.
struct AtPointer<'p, T> {
    tokens: &'p [std::borrow::Cow<'p, str>],
    failed_at: &'p RefCell<Option<String>>,
    /// Whether to track where in the part a value fails (slower; only when it is known to fail).
    track: bool,
    target: PhantomData<T>,
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for AtPointer<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        if self.tokens.is_empty() && !self.track {
            return <Option<T> as de::Deserialize>::deserialize(deserializer);
        }
        if self.tokens.is_empty() {
            let mut track = serde_path_to_error::Track::new();
            let decoded = <Option<T> as de::Deserialize>::deserialize(
                serde_path_to_error::Deserializer::new(deserializer, &mut track),
            );
            if decoded.is_err() {
                *self.failed_at.borrow_mut() = Some(track.path().to_string());
            }
            return decoded;
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
                    failed_at: self.failed_at,
                    track: self.track,
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
                    failed_at: self.failed_at,
                    track: self.track,
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

    #[test]
    fn a_value_that_does_not_decode_is_named_by_its_path() {
        #[derive(Debug, serde::Deserialize)]
        struct Event {
            #[allow(dead_code)]
            at: i64,
        }
        let body = br#"{"data": [{"at": 1}, {"at": 2}, {"at": 3}, {"at": "yesterday"}]}"#;
        let (path, error) = decode_at::<Vec<Event>>(body, "/data").expect_err("a string is no i64");
        assert_eq!(path, "data[3].at");
        assert!(error.to_string().contains("invalid type: string"), "{error}");
        let (path, _) = decode_at::<i64>(br#"{"data": {"a": [0, "x"]}}"#, "/data/a/1").expect_err("x");
        assert_eq!(path, "data.a[1]");
    }
}
