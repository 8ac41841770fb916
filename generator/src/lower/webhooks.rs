//! Webhooks: the requests an API makes to its users (OpenAPI 3.1's `webhooks`, or 3.0's `x-webhooks`, which
//! normalisation makes both), as one `Event` a service parses each request into. Where a request names its
//! event is declared, never guessed, by the top-level `x-webhook-event`:
//!
//! - `{in: body, pointer: /event}`: a string in the JSON body (Crisp);
//! - `{in: header, name: X-GitHub-Event, action: /action}`: a header, with the body's action splitting an
//!   event into several (GitHub's `issues` + `opened`), the action being optional.
//!
//! How the API signs its requests is declared by `x-webhook-signature` (HMAC-SHA256):
//!
//! ```yaml
//! x-webhook-signature:
//!   header: X-Crisp-Signature          # where the signature is
//!   signed: "[{timestamp};{body}]"      # what is signed: text with {body}, {timestamp}, {header:Name}
//!   timestamp: { header: X-Crisp-Request-Timestamp, unit: milliseconds }   # optional; checked for age
//!   encoding: hex                       # or base64
//!   prefix: "sha256="                   # optional, before each signature
//!   several: true                       # optional: several space-separated signatures, any may match
//!   key: base64                         # optional: the secret is base64, not raw text
//!   key_prefix: whsec_                  # optional, with `key: base64`: stripped first (default `whsec_`)
//! ```
//!
//! Each webhook's event name is its key, or its operation's `x-webhook-name`; with an action declared, its
//! operation's `x-webhook-action` names the action it stands for. Its payload is its request body's JSON
//! schema, typed like any other (and shared with the client's own types).

use openapiv3::{OpenAPI, ReferenceOr, Schema};
use serde_json::Value;

use super::names::{camel_name, Scope};
use super::types::TypeLowering;
use crate::error::{pointer_push, Warning};
use crate::ir::{
    Docs, EventAt, SecretForm, Signature, SignatureEncoding, SignedPiece, TimestampUnit, Webhook,
    Webhooks,
};

/// The spec's webhooks, or `None` when it has none (or does not say where their events are named, which is
/// warned about).
pub fn lower_webhooks(
    spec: &OpenAPI,
    types: &mut TypeLowering<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<Webhooks> {
    let declared = spec.extensions.get("x-webhooks")?.as_object()?;
    if declared.is_empty() {
        return None;
    }
    let event_at = match event_at(spec.extensions.get("x-webhook-event")) {
        Ok(event_at) => event_at,
        Err(why) => {
            warnings.push(Warning {
                pointer: "#/x-webhook-event".into(),
                message: format!("{why}; the webhooks get no `webhooks` module"),
            });
            return None;
        }
    };
    // `Other` is the variant of the events the crate does not know.
    let mut variants = Scope::with_reserved(&["Other"]);
    let mut hooks = Vec::new();
    for (key, item) in declared {
        let at = pointer_push("#/webhooks", key);
        match hook(key, item, &event_at, types, &mut variants, &at) {
            // Two webhooks with one name (and action) could never both be matched: the later one is left out.
            Ok(hook) if hooks.iter().any(|h: &Webhook| same_event(h, &hook)) => {
                warnings.push(Warning {
                    pointer: at,
                    message: format!(
                    "another webhook already is the event `{}`; this one is left out of `Event`",
                    hook.name
                ),
                })
            }
            Ok(hook) => hooks.push(hook),
            Err((pointer, why)) => warnings.push(Warning {
                pointer,
                message: format!("{why}; this webhook is left out of `Event`"),
            }),
        }
    }
    let signature = spec
        .extensions
        .get("x-webhook-signature")
        .and_then(|declared| {
            signature(declared)
                .map_err(|why| {
                    warnings.push(Warning {
                        pointer: "#/x-webhook-signature".into(),
                        message: format!("{why}; the webhooks get no `verify`"),
                    })
                })
                .ok()
        });
    let match_order = match_order(&hooks);
    Some(Webhooks {
        event_at,
        hooks,
        match_order,
        signature,
    })
}

/// The signature scheme `x-webhook-signature` declares.
fn signature(declared: &Value) -> Result<Signature, String> {
    let text = |key: &str| declared.get(key).and_then(Value::as_str);
    let header = text("header")
        .filter(|header| !header.is_empty())
        .ok_or("`x-webhook-signature` needs `header`, the header holding the signature")?
        .to_string();
    if let Some(algorithm) = text("algorithm").filter(|a| !a.eq_ignore_ascii_case("hmac-sha256")) {
        return Err(format!(
            "`x-webhook-signature.algorithm` is `{algorithm}`; only `hmac-sha256` is supported"
        ));
    }
    let timestamp = match declared.get("timestamp") {
        None => None,
        Some(timestamp) => {
            let header = timestamp
                .get("header")
                .and_then(Value::as_str)
                .ok_or("`x-webhook-signature.timestamp` needs `header`")?;
            let unit = match timestamp.get("unit").and_then(Value::as_str) {
                None | Some("seconds") => TimestampUnit::Seconds,
                Some("milliseconds") => TimestampUnit::Milliseconds,
                Some(other) => {
                    return Err(format!(
                        "`x-webhook-signature.timestamp.unit` is `{other}`, not `seconds` or `milliseconds`"
                    ))
                }
            };
            Some((header.to_string(), unit))
        }
    };
    let signed = signed_pieces(
        text("signed").ok_or("`x-webhook-signature` needs `signed`, what is signed")?,
    )?;
    if signed.contains(&SignedPiece::Timestamp) && timestamp.is_none() {
        return Err(
            "`x-webhook-signature.signed` uses {timestamp}, but no `timestamp` is declared".into(),
        );
    }
    let encoding = match text("encoding") {
        Some("hex") => SignatureEncoding::Hex,
        Some("base64") => SignatureEncoding::Base64,
        _ => return Err("`x-webhook-signature.encoding` must be `hex` or `base64`".into()),
    };
    let key = match text("key") {
        None | Some("raw") => SecretForm::Raw,
        Some("base64") => SecretForm::Base64 {
            prefix: text("key_prefix")
                .unwrap_or(STANDARD_WEBHOOKS_KEY_PREFIX)
                .to_string(),
        },
        Some(other) => {
            return Err(format!(
                "`x-webhook-signature.key` is `{other}`, not `raw` or `base64`"
            ))
        }
    };
    Ok(Signature {
        header,
        signed,
        timestamp,
        encoding,
        prefix: text("prefix").unwrap_or_default().to_string(),
        several: declared
            .get("several")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        key,
    })
}

/// What Standard Webhooks writes before a base64 signing secret (`whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw`).
const STANDARD_WEBHOOKS_KEY_PREFIX: &str = "whsec_";

/// The order `parse` tries the events in: spec order, except that an event split by an action comes before
/// the same event without one, whose pattern (any action) would match it first.
fn match_order(hooks: &[Webhook]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..hooks.len()).collect();
    order.sort_by_key(|&index| hooks[index].action.is_none());
    order
}

/// `[{timestamp};{body}]` as its pieces: text, and the placeholders `{body}`, `{timestamp}` and
/// `{header:Name}`.
fn signed_pieces(template: &str) -> Result<Vec<SignedPiece>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(SignedPiece::Text(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .map(|close| open + close)
            .ok_or_else(|| format!("`{template}` has a `{{` that is not closed"))?;
        pieces.push(match &rest[open + 1..close] {
            "body" => SignedPiece::Body,
            "timestamp" => SignedPiece::Timestamp,
            placeholder => match placeholder.strip_prefix("header:") {
                Some(name) if !name.is_empty() => SignedPiece::Header(name.to_string()),
                _ => {
                    return Err(format!(
                        "`{template}`: `{{{placeholder}}}` is none of {{body}}, {{timestamp}}, {{header:Name}}"
                    ))
                }
            },
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(SignedPiece::Text(rest.to_string()));
    }
    if !pieces.contains(&SignedPiece::Body) {
        return Err(format!("`{template}` does not sign the {{body}}"));
    }
    Ok(pieces)
}

/// Whether two webhooks are matched by the same requests.
fn same_event(a: &Webhook, b: &Webhook) -> bool {
    a.name == b.name && a.action == b.action
}

/// Where a request names its event, from `x-webhook-event`.
fn event_at(declared: Option<&Value>) -> Result<EventAt, String> {
    let declared = declared.ok_or(
        "the spec has webhooks but does not say where a request names its event \
         (`x-webhook-event: {in: body, pointer: /event}` or `{in: header, name: X-Event}`)",
    )?;
    let pointer = |key: &str| -> Result<Option<String>, String> {
        match declared.get(key) {
            None => Ok(None),
            Some(Value::String(pointer)) if pointer.starts_with('/') => Ok(Some(pointer.clone())),
            Some(_) => Err(format!(
                "`x-webhook-event.{key}` must be a JSON pointer such as `/event`"
            )),
        }
    };
    match declared.get("in").and_then(Value::as_str) {
        Some("body") => Ok(EventAt::Body {
            pointer: pointer("pointer")?.ok_or("`x-webhook-event` in the body needs `pointer`")?,
        }),
        Some("header") => Ok(EventAt::Header {
            name: declared
                .get("name")
                .and_then(Value::as_str)
                .filter(|name| !name.is_empty())
                .ok_or("`x-webhook-event` in a header needs `name`")?
                .to_string(),
            action: pointer("action")?,
        }),
        _ => Err("`x-webhook-event.in` must be `body` or `header`".to_string()),
    }
}

/// One webhook: its event name (and action), variant and payload type.
fn hook(
    key: &str,
    item: &Value,
    event_at: &EventAt,
    types: &mut TypeLowering<'_>,
    variants: &mut Scope,
    at: &str,
) -> Result<Webhook, (String, String)> {
    let (method, operation) = ["post", "put", "patch", "get", "delete"]
        .iter()
        .find_map(|method| item.get(*method).map(|op| (*method, op)))
        .ok_or_else(|| (at.to_string(), "it declares no request".to_string()))?;
    let at = pointer_push(at, method);
    let text = |key: &str| {
        operation
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let name = text("x-webhook-name").unwrap_or_else(|| key.to_string());
    let action = match event_at {
        EventAt::Header {
            action: Some(_), ..
        } => text("x-webhook-action"),
        _ => None,
    };
    let schema_at = format!("{at}/requestBody/content/application~1json/schema");
    let schema = operation
        .pointer("/requestBody/content/application~1json/schema")
        .ok_or_else(|| {
            (
                at.clone(),
                "it has no JSON request body to type its payload by".to_string(),
            )
        })?;
    let schema: ReferenceOr<Schema> = serde_json::from_value(schema.clone()).map_err(|err| {
        (
            schema_at.clone(),
            format!("its payload schema is not a schema: {err}"),
        )
    })?;
    let label = text("operationId").unwrap_or_else(|| key.to_string());
    let variant = variants.claim(camel_name(&label, "Event"));
    let docs = Docs {
        summary: text("summary"),
        description: text("description"),
    };
    let role = format!("The payload of the webhook `{key}`.");
    let payload = types.lower(
        (&schema).into(),
        &format!("{variant}Event"),
        &role,
        &schema_at,
    );
    Ok(Webhook {
        name,
        action,
        variant,
        payload,
        docs,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn crisp_github_and_standard_webhooks_signatures_are_declared() {
        let crisp = signature(&json!({
            "header": "X-Crisp-Signature",
            "signed": "[{timestamp};{body}]",
            "timestamp": { "header": "X-Crisp-Request-Timestamp", "unit": "milliseconds" },
            "encoding": "hex"
        }))
        .expect("Crisp's");
        assert_eq!(
            crisp.signed,
            [
                SignedPiece::Text("[".into()),
                SignedPiece::Timestamp,
                SignedPiece::Text(";".into()),
                SignedPiece::Body,
                SignedPiece::Text("]".into())
            ]
        );
        assert_eq!(
            crisp.timestamp,
            Some((
                "X-Crisp-Request-Timestamp".into(),
                TimestampUnit::Milliseconds
            ))
        );
        let github = signature(&json!({
            "header": "X-Hub-Signature-256", "signed": "{body}", "encoding": "hex", "prefix": "sha256="
        }))
        .expect("GitHub's");
        assert_eq!(
            (github.signed, github.prefix.as_str()),
            (vec![SignedPiece::Body], "sha256=")
        );
        let standard = signature(&json!({
            "header": "webhook-signature",
            "signed": "{header:webhook-id}.{timestamp}.{body}",
            "timestamp": { "header": "webhook-timestamp" },
            "encoding": "base64", "prefix": "v1,", "several": true, "key": "base64"
        }))
        .expect("Standard Webhooks'");
        assert_eq!(standard.signed[0], SignedPiece::Header("webhook-id".into()));
        assert!(standard.several);
        assert_eq!(
            standard.key,
            SecretForm::Base64 {
                prefix: "whsec_".into()
            }
        );

        for (declared, why) in [
            (
                json!({ "signed": "{body}", "encoding": "hex" }),
                "needs `header`",
            ),
            (
                json!({ "header": "S", "encoding": "hex" }),
                "needs `signed`",
            ),
            (
                json!({ "header": "S", "signed": "{timestamp}", "encoding": "hex" }),
                "does not sign the {body}",
            ),
            (
                json!({ "header": "S", "signed": "{body", "encoding": "hex" }),
                "not closed",
            ),
            (
                json!({ "header": "S", "signed": "{nonce}{body}", "encoding": "hex" }),
                "none of",
            ),
            (
                json!({ "header": "S", "signed": "{timestamp}{body}", "encoding": "hex" }),
                "no `timestamp`",
            ),
            (
                json!({ "header": "S", "signed": "{body}", "encoding": "b32" }),
                "`hex` or `base64`",
            ),
            (
                json!({ "header": "S", "signed": "{body}", "encoding": "hex", "algorithm": "hmac-sha1" }),
                "only `hmac-sha256`",
            ),
        ] {
            let err = signature(&declared).expect_err("not a scheme");
            assert!(err.contains(why), "{declared}: {err}");
        }
    }

    #[test]
    fn a_key_prefix_other_than_standard_webhooks_can_be_declared() {
        let scheme = signature(&json!({
            "header": "S", "signed": "{body}", "encoding": "base64", "key": "base64", "key_prefix": "sk_"
        }))
        .expect("a scheme");
        assert_eq!(
            scheme.key,
            SecretForm::Base64 {
                prefix: "sk_".into()
            }
        );
    }

    #[test]
    fn an_event_with_its_action_is_tried_before_the_same_event_without_one() {
        let hook = |name: &str, action: Option<&str>| Webhook {
            name: name.into(),
            action: action.map(Into::into),
            variant: format!("{name}{}", action.unwrap_or_default()),
            payload: crate::ir::TypeRef::Json,
            docs: Docs::default(),
        };
        let hooks = [
            hook("issues", None),
            hook("push", None),
            hook("issues", Some("opened")),
            hook("issues", Some("closed")),
        ];
        assert_eq!(match_order(&hooks), [2, 3, 0, 1]);
    }

    #[test]
    fn the_event_is_named_in_the_body_or_a_header() {
        assert_eq!(
            event_at(Some(&json!({ "in": "body", "pointer": "/event" }))),
            Ok(EventAt::Body {
                pointer: "/event".into()
            })
        );
        assert_eq!(
            event_at(Some(
                &json!({ "in": "header", "name": "X-GitHub-Event", "action": "/action" })
            )),
            Ok(EventAt::Header {
                name: "X-GitHub-Event".into(),
                action: Some("/action".into())
            })
        );
        for (declared, why) in [
            (None, "does not say where"),
            (Some(json!({ "in": "query" })), "`body` or `header`"),
            (Some(json!({ "in": "body" })), "needs `pointer`"),
            (
                Some(json!({ "in": "body", "pointer": "event" })),
                "JSON pointer",
            ),
            (Some(json!({ "in": "header" })), "needs `name`"),
        ] {
            let err = event_at(declared.as_ref()).expect_err("not a place");
            assert!(err.contains(why), "{declared:?}: {err}");
        }
    }
}
