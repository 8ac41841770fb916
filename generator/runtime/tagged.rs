#![only_if(implied_tags)]
//! Writing a discriminated union's variant whose type has no field for the tag: the variant decides the tag,
//! so the union adds it to the object the variant serialises to.

/// Serialises `value` (an object) with `property` set to `tag`. (Unions that only answers carry serialise only
/// with the `full-serde` feature, so without it a crate may not call this.)
#[allow(dead_code)]
pub(crate) fn serialize_with_tag<S: serde::Serializer>(
    value: &impl serde::Serialize,
    property: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut object = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let serde_json::Value::Object(map) = &mut object {
        map.insert(property.to_string(), serde_json::Value::from(tag));
    }
    serde::Serialize::serialize(&object, serializer)
}
