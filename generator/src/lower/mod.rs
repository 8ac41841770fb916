//! Lowering: turns the typed OpenAPI document into the IR. Every naming and typing decision is made in this
//! module's children (`names`, `types`, `security`, `operations`); emission only spells the result out.

mod coverage;
mod cycles;
mod derives;
mod directions;
mod envelopes;
mod errors;
mod methods;
mod multipart;
mod names;
mod needs;
mod nulls;
mod operations;
mod pagination;
mod security;
mod sequences;
mod signature;
mod tags;
mod types;
mod unwrap;
mod webhooks;

pub use names::{camel_name, snake_name, variant_name, Scope};
pub use operations::is_json;

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::Warning;
use crate::ir::Api;

/// Lowers `spec` (with `raw`, the same document untyped) into the client's IR, plus what was skipped.
pub fn lower(spec: &OpenAPI, raw: &Value, package_name: &str) -> (Api, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut types = types::TypeLowering::new(spec, raw);
    let mut schemes = security::lower_schemes(spec, &mut types, &mut warnings);
    let mut default_security = security::lower_requirements(
        spec.security.as_deref().unwrap_or_default(),
        &schemes,
        "#/security",
        &mut warnings,
    );
    types.lower_components();

    let unwrap = pointer_extension(spec, "x-unwrap", &mut warnings);
    let mut lowering =
        operations::OperationLowering::new(spec, raw, &mut types, &schemes, &default_security);
    lowering.unwrap = unwrap;
    let operations = lowering.lower_all();
    let modules = std::mem::take(&mut lowering.module_list);
    let skipped = std::mem::take(&mut lowering.skipped);
    warnings.append(&mut lowering.warnings);
    let webhooks = webhooks::lower_webhooks(spec, &mut types, &mut warnings);
    warnings.append(&mut types.warnings);
    let mut type_defs = types.types;
    let types_unsupported = types.unsupported;
    let mut operations = operations;
    security::drop_unused_schemes(
        &mut schemes,
        &mut default_security,
        &mut operations,
        &mut warnings,
    );
    envelopes::drop_unwrapped_envelopes(&mut type_defs, &mut operations);
    tags::imply_tags(&mut type_defs, &operations);
    tags::mark_conversions(&mut type_defs);
    cycles::break_alias_cycles(&mut type_defs);
    cycles::box_recursive_fields(&mut type_defs);
    directions::mark_travel(&mut type_defs, &operations, &schemes);
    derives::decide(&mut type_defs);
    nulls::keep_nulls_apart(&mut type_defs, &operations);
    drop_orphan_inline_types(&mut type_defs);
    open_received_unions(&mut type_defs);

    let error_reason_pointer = pointer_extension(spec, "x-error-reason", &mut warnings);
    let example = code_extension(spec, "x-rust-example", &mut warnings);

    let needs = needs::needs(&operations, &schemes, &type_defs, webhooks.as_ref());
    let coverage = coverage::coverage(&type_defs, skipped, &types_unsupported);
    let api = Api {
        package_name: package_name.to_string(),
        crate_name: package_name.replace('-', "_"),
        title: spec.info.title.clone(),
        api_version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        default_base_url: spec.servers.first().map(|server| server.url.clone()),
        security_schemes: schemes,
        default_security,
        error_reason_pointer,
        webhooks,
        example,
        types: type_defs,
        operations,
        modules,
        needs,
        coverage,
    };
    (api, warnings)
}

/// Inline types no operation uses (those of an operation the generator skipped, of a parameter typed
/// otherwise, or a tag field taken out by `tags.rs`) describe nothing a caller can reach; they go, unless a
/// type that stays contains them. Component schemas no operation uses stay, for the `all-schemas` feature.
fn drop_orphan_inline_types(types: &mut Vec<crate::ir::TypeDef>) {
    // A webhook's inline payload is used by no operation, but by the webhooks module.
    let orphan = |def: &crate::ir::TypeDef| {
        def.travel.unused
            && !is_component_schema(&def.origin)
            && !def.origin.starts_with("#/webhooks/")
    };
    let mut kept: std::collections::HashSet<String> = types
        .iter()
        .filter(|def| !orphan(def))
        .map(|def| def.name.clone())
        .collect();
    loop {
        let contained: Vec<String> = types
            .iter()
            .filter(|def| kept.contains(&def.name))
            .flat_map(|def| def.kind.contained())
            .filter_map(|ty| ty.named())
            .filter(|name| !kept.contains(*name))
            .map(str::to_string)
            .collect();
        if contained.is_empty() {
            break;
        }
        kept.extend(contained);
    }
    types.retain(|def| kept.contains(&def.name));
}

/// Whether `origin` is a component schema itself (`#/components/schemas/Pet`), not a schema inside one.
fn is_component_schema(origin: &str) -> bool {
    origin
        .strip_prefix("#/components/schemas/")
        .is_some_and(|key| !key.contains('/'))
}

/// Unions that answers carry keep what they do not know (`Other`): a discriminated union a value with an
/// unknown tag, an untagged one a value that matches no alternative, so a server adding a kind of message does
/// not make a whole page of messages fail. Unions only sent are closed: the caller picks a variant. An untagged
/// union with an alternative that is any JSON already keeps everything.
fn open_received_unions(types: &mut [crate::ir::TypeDef]) {
    for def in types {
        if let crate::ir::TypeKind::Union { variants, open, .. } = &mut def.kind {
            let keeps_anything = variants.iter().any(|v| v.ty == crate::ir::TypeRef::Json);
            *open = def.travel.received && !keeps_anything;
        }
    }
}

/// A top-level vendor extension whose value is a JSON pointer (`x-error-reason: /reason`, `x-unwrap: /data`).
fn pointer_extension(spec: &OpenAPI, name: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    match spec.extensions.get(name)? {
        Value::String(pointer) if pointer.starts_with('/') => Some(pointer.clone()),
        _ => {
            warnings.push(Warning {
                pointer: format!("#/{name}"),
                message: format!("`{name}` must be a JSON pointer string such as `/data`; ignored"),
            });
            None
        }
    }
}

/// A top-level vendor extension whose value is source code (`x-rust-example`), without a trailing newline.
fn code_extension(spec: &OpenAPI, name: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    match spec.extensions.get(name)? {
        Value::String(code) if !code.trim().is_empty() && !code.contains("```") => {
            Some(code.trim_end().to_string())
        }
        _ => {
            warnings.push(Warning {
                pointer: format!("#/{name}"),
                message: format!(
                    "`{name}` must be a string of Rust code (without Markdown fences); ignored"
                ),
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cycles::tests::{named, strukt};
    use super::*;
    use crate::ir::{Travel, TypeDef};

    fn at(origin: &str, unused: bool, def: TypeDef) -> TypeDef {
        TypeDef {
            origin: origin.into(),
            travel: Travel {
                unused,
                ..Travel::default()
            },
            ..def
        }
    }

    #[test]
    fn orphan_inline_types_go_unless_a_kept_type_contains_them() {
        let skipped = "#/paths/~1a/get/parameters/0/schema";
        let mut types = vec![
            at(
                skipped,
                true,
                strukt("SkippedParam", &[("x", named("SkippedPart"))]),
            ),
            at(skipped, true, strukt("SkippedPart", &[])),
            at(
                skipped,
                true,
                strukt("Shared", &[("y", named("SharedPart"))]),
            ),
            at(skipped, true, strukt("SharedPart", &[])),
            at(
                "#/components/schemas/Hook",
                true,
                strukt("Hook", &[("s", named("Shared"))]),
            ),
            at("#/components/schemas/C", true, strukt("C", &[])),
            at("#/paths/~1d/get", false, strukt("Used", &[])),
        ];
        drop_orphan_inline_types(&mut types);
        let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Shared", "SharedPart", "Hook", "C", "Used"]);
    }
}
