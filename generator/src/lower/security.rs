//! Security lowering: reads `components.securitySchemes` generically (HTTP basic, bearer, API keys in a
//! header, query or cookie; OAuth 2 and OpenID Connect as bearer tokens). Nothing here knows about Crisp.
//!
//! An API-key scheme may list its allowed values in the vendor extension `x-enum`; the client then takes an
//! enum instead of a free string (Crisp's `X-Crisp-Tier` is declared that way in its overlay).

use indexmap::IndexMap;
use openapiv3::{
    APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement as SpecRequirement,
    SecurityScheme as SpecScheme,
};

use super::names::{camel_name, snake_name, suffixed, Scope};
use super::types::{string_enum, TypeLowering};
use crate::error::{pointer_push, Warning};
use crate::ir::{ApiKeyLocation, SecurityKind, SecurityRequirement, SecurityScheme, TypeDef};

/// Drops the schemes no security requirement names (of the spec or of an operation), with a warning: no call
/// would ever send their credentials, so a builder setter for them would only mislead (and the crate would
/// carry dead code). Requirements are renumbered to match.
pub fn drop_unused_schemes(
    schemes: &mut Vec<SecurityScheme>,
    default_security: &mut [SecurityRequirement],
    operations: &mut [crate::ir::Operation],
    warnings: &mut Vec<Warning>,
) {
    let used: std::collections::BTreeSet<usize> = default_security
        .iter()
        .chain(operations.iter().flat_map(|op| op.security.iter()))
        .flat_map(|requirement| requirement.0.iter().copied())
        .collect();
    let mut renumbered = vec![None; schemes.len()];
    let mut kept = 0;
    for (index, scheme) in schemes.iter().enumerate() {
        if used.contains(&index) {
            renumbered[index] = Some(kept);
            kept += 1;
        } else {
            warnings.push(Warning {
                pointer: pointer_push("#/components/securitySchemes", &scheme.spec_name),
                message: "no security requirement uses this scheme, so no call sends it; the client has no \
                          setter for it"
                    .to_string(),
            });
        }
    }
    if kept == schemes.len() {
        return;
    }
    let mut index = 0;
    schemes.retain(|_| {
        index += 1;
        used.contains(&(index - 1))
    });
    let renumber = |requirement: &mut SecurityRequirement| {
        for scheme in &mut requirement.0 {
            *scheme = renumbered[*scheme].unwrap_or(*scheme);
        }
    };
    default_security.iter_mut().for_each(renumber);
    operations
        .iter_mut()
        .flat_map(|op| op.security.iter_mut())
        .for_each(renumber);
}

/// Lowers every supported scheme, in spec order; unsupported ones are skipped with a warning.
pub fn lower_schemes(
    spec: &OpenAPI,
    types: &mut TypeLowering<'_>,
    warnings: &mut Vec<Warning>,
) -> Vec<SecurityScheme> {
    let Some(components) = &spec.components else {
        return Vec::new();
    };
    let mut setters = Scope::with_reserved(crate::crate_names::BUILDER_METHODS);
    let mut variants = Scope::default();
    let mut lowered = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = pointer_push("#/components/securitySchemes", name);
        let ReferenceOr::Item(scheme) = scheme else {
            warnings.push(Warning {
                pointer: at,
                message: "a `$ref` security scheme is not supported; skipped".into(),
            });
            continue;
        };
        let Some((kind, docs)) = lower_kind(name, scheme, &at, types, warnings) else {
            continue;
        };
        let setter = setters.claim(snake_name(name, "credentials"));
        // Fields of the credentials struct share the setters' scope, so the header field cannot collide.
        let authorization_field = matches!(kind, SecurityKind::HttpBasic | SecurityKind::Bearer)
            .then(|| setters.claim(suffixed(&setter, "header")));
        lowered.push(SecurityScheme {
            spec_name: name.clone(),
            field: setter.clone(),
            authorization_field,
            setter,
            variant: variants.claim(camel_name(name, "Scheme")),
            docs,
            kind,
        });
    }
    lowered
}

fn lower_kind(
    name: &str,
    scheme: &SpecScheme,
    at: &str,
    types: &mut TypeLowering<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<(SecurityKind, Option<String>)> {
    match scheme {
        SpecScheme::HTTP {
            scheme: http,
            description,
            ..
        } if http.eq_ignore_ascii_case("basic") => {
            Some((SecurityKind::HttpBasic, description.clone()))
        }
        SpecScheme::HTTP {
            scheme: http,
            description,
            ..
        } if http.eq_ignore_ascii_case("bearer") => {
            Some((SecurityKind::Bearer, description.clone()))
        }
        SpecScheme::HTTP { scheme: http, .. } => {
            warnings.push(Warning {
                pointer: pointer_push(at, "scheme"),
                message: format!("HTTP authentication scheme `{http}` is not supported; skipped"),
            });
            None
        }
        SpecScheme::APIKey {
            location,
            name: key_name,
            description,
            extensions,
        } => {
            let location = match location {
                APIKeyLocation::Header => ApiKeyLocation::Header,
                APIKeyLocation::Query => ApiKeyLocation::Query,
                APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            };
            let values = match extensions.get("x-enum") {
                None => None,
                Some(serde_json::Value::Array(values))
                    if values.iter().all(|v| v.is_string()) && !values.is_empty() =>
                {
                    let type_name = types.claim_name(name);
                    types.types.push(TypeDef {
                        name: type_name.clone(),
                        docs: description
                            .clone()
                            .or_else(|| Some(format!("Values of the `{key_name}` credential."))),
                        origin: at.to_string(),
                        travel: crate::ir::Travel::default(),
                        derives: crate::ir::Derives::default(),
                        kind: string_enum(values.iter().filter_map(|v| v.as_str()), false),
                    });
                    Some(type_name)
                }
                Some(_) => {
                    warnings.push(Warning {
                        pointer: pointer_push(at, "x-enum"),
                        message: "`x-enum` must be a non-empty list of strings; the key is taken as a free string".into(),
                    });
                    None
                }
            };
            Some((
                SecurityKind::ApiKey {
                    location,
                    name: key_name.clone(),
                    values,
                },
                description.clone(),
            ))
        }
        SpecScheme::OAuth2 { description, .. } | SpecScheme::OpenIDConnect { description, .. } => {
            let note = "Send an access token obtained elsewhere as a bearer token.";
            let docs = Some(
                description
                    .as_ref()
                    .map_or(note.to_string(), |d| format!("{d}\n\n{note}")),
            );
            Some((SecurityKind::Bearer, docs))
        }
    }
}

/// Maps security requirements to scheme indices; an alternative naming an unknown scheme is dropped.
pub fn lower_requirements(
    requirements: &[SpecRequirement],
    schemes: &[SecurityScheme],
    at: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<SecurityRequirement> {
    let index: IndexMap<&str, usize> = schemes
        .iter()
        .enumerate()
        .map(|(i, s)| (s.spec_name.as_str(), i))
        .collect();
    requirements
        .iter()
        .enumerate()
        .filter_map(|(i, requirement)| {
            let found: Option<Vec<usize>> = requirement.keys().map(|name| index.get(name.as_str()).copied()).collect();
            if found.is_none() {
                warnings.push(Warning {
                    pointer: pointer_push(at, &i.to_string()),
                    message: "this security requirement names a scheme that is not declared or not supported; dropped".into(),
                });
            }
            found.map(SecurityRequirement)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(name: &str) -> SecurityScheme {
        SecurityScheme {
            spec_name: name.into(),
            setter: name.into(),
            variant: name.into(),
            field: name.into(),
            authorization_field: None,
            docs: None,
            kind: SecurityKind::Bearer,
        }
    }

    #[test]
    fn schemes_no_requirement_names_are_dropped_and_the_rest_renumbered() {
        let mut schemes = vec![scheme("a"), scheme("unused"), scheme("c")];
        let mut default_security = vec![SecurityRequirement(vec![2])];
        let mut warnings = Vec::new();
        drop_unused_schemes(&mut schemes, &mut default_security, &mut [], &mut warnings);
        let names: Vec<&str> = schemes.iter().map(|s| s.spec_name.as_str()).collect();
        assert_eq!(names, ["c"], "`a` is named by no requirement either");
        assert_eq!(default_security, [SecurityRequirement(vec![0])]);
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "#/components/securitySchemes/a",
                "#/components/securitySchemes/unused"
            ]
        );
    }
}
