//! Typed error bodies: an operation whose error responses declare JSON bodies gets one enum with a variant per
//! such status (`GetPetError::NotFound(ErrorModel)`), which decodes an `Error::Status` of that operation. The
//! client keeps one `Error` type for every call, so `?` works everywhere, and callers who care about an error's
//! body ask for it by operation.

use super::names::{camel_name, Scope};
use super::types::TypeLowering;
use crate::ir::{Response, StatusMatch, StatusVariant, TypeDef, TypeKind, TypeRef};

/// Defines `<Operation>Error` when some error response declares a typed JSON body, and returns its name.
pub fn error_bodies(
    types: &mut TypeLowering<'_>,
    responses: &[Response],
    spec_id: &str,
    type_hint: &str,
    method_link: &str,
    at: &str,
) -> Option<String> {
    let errors = responses.iter().filter(|r| !is_success(r.status));
    let mut names = Scope::default();
    let mut variants = Vec::new();
    let mut untyped = Vec::new();
    for response in errors {
        match response.body.as_ref().map(|b| &b.ty) {
            Some(ty) if *ty != TypeRef::Json && has_json_body(response) => {
                variants.push(StatusVariant {
                    rust_name: names.claim(variant_for(response.status)),
                    status: response.status,
                    ty: ty.clone(),
                    docs: response.description.trim().to_string(),
                })
            }
            _ => untyped.push(response.status),
        }
    }
    // With `default` alone there is no status to tell apart: `Error::body_json` decodes it directly.
    if variants.iter().all(|v| v.status == StatusMatch::Default) {
        return None;
    }
    let name = types.claim_name(&format!("{type_hint}Error"));
    types.types.push(TypeDef {
        name: name.clone(),
        docs: Some(format!(
            "The error bodies {method_link} declares, by status. Decode one from an [`Error::Status`](crate::Error::Status) with `from_error`."
        )),
        origin: format!("{at}/responses"),
        travel: crate::ir::Travel::default(),
        derives: crate::ir::Derives::default(),
        kind: TypeKind::StatusBodies {
            operation: spec_id.to_string(),
            variants,
            untyped,
        },
    });
    Some(name)
}

fn is_success(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(code) => (100..400).contains(&code),
        StatusMatch::Class(class) => class < 4,
        StatusMatch::Default => false,
    }
}

fn has_json_body(response: &Response) -> bool {
    response
        .body
        .as_ref()
        .is_some_and(|b| super::is_json(&b.media_type))
}

/// `NotFound` for 404 and the other common statuses, `ClientError`/`ServerError` for classes, `Other` for
/// `default`, `Status418` for the rest.
fn variant_for(status: StatusMatch) -> String {
    let name = match status {
        StatusMatch::Code(code) => match code {
            400 => "BadRequest",
            401 => "Unauthorized",
            402 => "PaymentRequired",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            406 => "NotAcceptable",
            409 => "Conflict",
            410 => "Gone",
            412 => "PreconditionFailed",
            413 => "PayloadTooLarge",
            415 => "UnsupportedMediaType",
            422 => "UnprocessableEntity",
            423 => "Locked",
            429 => "TooManyRequests",
            500 => "InternalServerError",
            501 => "NotImplemented",
            502 => "BadGateway",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            _ => return camel_name(&format!("status {code}"), "Status"),
        },
        StatusMatch::Class(4) => "ClientError",
        StatusMatch::Class(5) => "ServerError",
        StatusMatch::Class(class) => return format!("Status{class}xx"),
        StatusMatch::Default => "Other",
    };
    name.to_string()
}
