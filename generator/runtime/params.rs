#![only_if(path_segment, styled_path, styled, query_object, styled_object, json_text)]
//! How parameter values are written into a request: path segments percent-encoded so no value can change
//! the path, RFC 6570 styles for path, header and cookie values, and objects as name-value pairs.

#[only_if(path_segment, styled_path)]
/// Everything but RFC 3986 unreserved characters is percent-encoded in a path segment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[only_if(path_segment)]
/// Encodes `value` as exactly one path segment: `/` cannot escape it, and the values that would change the
/// path's meaning (empty, `.` and `..`) are refused.
pub(crate) fn path_segment(
    name: &'static str,
    value: impl std::fmt::Display,
) -> Result<String, crate::Error> {
    let value = value.to_string();
    if value.is_empty() || value == "." || value == ".." {
        return Err(crate::Error::InvalidArgument {
            name,
            reason: format!("`{value}` cannot be a path segment"),
        });
    }
    Ok(percent_encoding::utf8_percent_encode(&value, SEGMENT).to_string())
}

#[only_if(query_object, styled_object)]
/// An object argument's properties as `(name, text)` pairs, in order; null properties are left out.
pub(crate) fn object_pairs(
    operation: &'static str,
    name: &'static str,
    value: &impl serde::Serialize,
) -> Result<Vec<(String, String)>, crate::Error> {
    let value =
        serde_json::to_value(value).map_err(|source| crate::Error::Encode { operation, source })?;
    let serde_json::Value::Object(properties) = value else {
        return Err(crate::Error::InvalidArgument {
            name,
            reason: "expected an object".to_string(),
        });
    };
    Ok(properties
        .into_iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| match value {
            serde_json::Value::String(text) => (key, text),
            other => (key, other.to_string()),
        })
        .collect())
}

#[only_if(json_text)]
/// A path, header or cookie value as JSON text: what its spec declares (`content: application/json`), or
/// the only faithful text for a shape OpenAPI's styles do not cover there (a list of objects).
pub(crate) fn json_text(
    operation: &'static str,
    value: &impl serde::Serialize,
) -> Result<String, crate::Error> {
    serde_json::to_string(value).map_err(|source| crate::Error::Encode { operation, source })
}

#[only_if(styled)]
/// A parameter value broken into what a style arranges. Which shapes occur depends on the spec.
#[allow(dead_code)]
pub(crate) enum Parts {
    Scalar(String),
    List(Vec<String>),
    Object(Vec<(String, String)>),
}

#[only_if(styled)]
/// The RFC 6570 styles OpenAPI allows in paths, headers and cookies.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `a,b`; objects `k,v` or, exploded, `k=v`.
    Simple,
    /// `.a,b` or, exploded, `.a.b`.
    Label,
    /// `;name=a,b` or, exploded, `;name=a;name=b` and, for objects, `;k=v`.
    Matrix,
}

#[only_if(styled)]
/// Arranges `parts` the way `style` and `explode` say (OpenAPI's style tables).
pub(crate) fn styled(name: &str, parts: Parts, style: Style, explode: bool) -> String {
    let (lead, exploded_separator) = match style {
        Style::Simple => ("", ","),
        Style::Label => (".", "."),
        Style::Matrix => (";", ";"),
    };
    let separator = if explode { exploded_separator } else { "," };
    match (parts, style) {
        (Parts::Scalar(value), Style::Matrix) => format!(";{name}={value}"),
        (Parts::Scalar(value), _) => format!("{lead}{value}"),
        (Parts::List(items), Style::Matrix) if explode => {
            items.iter().map(|item| format!(";{name}={item}")).collect()
        }
        (Parts::List(items), Style::Matrix) => format!(";{name}={}", items.join(",")),
        (Parts::List(items), _) => format!("{lead}{}", items.join(separator)),
        (Parts::Object(pairs), Style::Matrix) if explode => pairs
            .iter()
            .map(|(key, value)| format!(";{key}={value}"))
            .collect(),
        (Parts::Object(pairs), _) if explode => {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(key, value)| format!("{key}={value}"))
                .collect();
            format!("{lead}{}", pairs.join(separator))
        }
        (Parts::Object(pairs), style) => {
            let flat: Vec<String> = pairs
                .into_iter()
                .flat_map(|(key, value)| [key, value])
                .collect();
            let prefix = if style == Style::Matrix {
                format!(";{name}=")
            } else {
                lead.to_string()
            };
            format!("{prefix}{}", flat.join(","))
        }
    }
}

#[only_if(styled_path)]
/// A styled value as one path segment: every part is percent-encoded before it is arranged, so no value can
/// add a `/`; the segments that would change the path's meaning are refused.
pub(crate) fn path_styled(
    name: &'static str,
    parts: Parts,
    style: Style,
    explode: bool,
) -> Result<String, crate::Error> {
    let encode =
        |text: String| percent_encoding::utf8_percent_encode(&text, SEGMENT).to_string();
    let parts = match parts {
        Parts::Scalar(value) => Parts::Scalar(encode(value)),
        Parts::List(items) => Parts::List(items.into_iter().map(encode).collect()),
        Parts::Object(pairs) => Parts::Object(
            pairs
                .into_iter()
                .map(|(key, value)| (encode(key), encode(value)))
                .collect(),
        ),
    };
    let segment = styled(&encode(name.to_string()), parts, style, explode);
    if segment.is_empty() || segment == "." || segment == ".." {
        return Err(crate::Error::InvalidArgument {
            name,
            reason: format!("`{segment}` cannot be a path segment"),
        });
    }
    Ok(segment)
}
