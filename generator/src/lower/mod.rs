//! Lowering: turns the typed OpenAPI document into the IR. Every naming and typing decision is made in this
//! module's children (`names`, `types`, `security`, `operations`); emission only spells the result out.

mod cycles;
mod directions;
mod envelopes;
mod errors;
mod methods;
mod multipart;
mod names;
mod operations;
mod pagination;
mod security;
mod types;
mod unwrap;

pub use names::{camel_name, snake_name, variant_name, Scope};
pub use operations::is_json;

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::Warning;
use crate::ir::Api;

/// Lowers `spec` (with `raw`, the same document untyped) into the client's IR, plus what was skipped.
pub fn lower(spec: &OpenAPI, raw: &Value, package_name: &str) -> (Api, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut types = types::TypeLowering::new(spec);
    let schemes = security::lower_schemes(spec, &mut types, &mut warnings);
    let default_security = security::lower_requirements(
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
    warnings.append(&mut lowering.warnings);
    warnings.append(&mut types.warnings);
    let mut type_defs = types.types;
    let mut operations = operations;
    envelopes::drop_unwrapped_envelopes(&mut type_defs, &mut operations);
    cycles::box_recursive_fields(&mut type_defs);
    directions::mark_travel(&mut type_defs, &operations, &schemes);
    open_received_unions(&mut type_defs);

    let error_reason_pointer = pointer_extension(spec, "x-error-reason", &mut warnings);

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
        types: type_defs,
        operations,
        modules,
    };
    (api, warnings)
}

/// Discriminated unions that answers carry keep values with unknown tags (`Other`): a server adding a kind of
/// message must not make a whole page of messages fail. Unions only sent are closed: the caller picks a variant.
fn open_received_unions(types: &mut [crate::ir::TypeDef]) {
    for def in types {
        if let crate::ir::TypeKind::Union {
            discriminator: Some(_),
            open,
            ..
        } = &mut def.kind
        {
            *open = def.travel.received;
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
