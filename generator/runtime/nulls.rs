#![only_if(nulls_apart)]
//! Reading a field whose `null` means something apart from its absence (`Option<Option<T>>`, for the
//! optional, nullable fields of the types a request carries).

/// Reads such a field: `null` is `Some(None)`, a value `Some(Some(value))`; a missing field is `None`
/// through `#[serde(default)]`. (Types that only requests carry deserialise only with the `full-serde`
/// feature, so without it a crate may not call this.)
#[allow(dead_code)]
pub(crate) fn null_apart<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize<'de>>::deserialize(deserializer).map(Some)
}
