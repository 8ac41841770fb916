//! The statements that turn a multipart body struct into a `reqwest::multipart::Form`: one part per field,
//! bytes as file parts, scalars and lists of scalars as text parts, anything else as a JSON part. Absent
//! optional fields send no part.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Api, ExtraProperties, Field, TypeKind, TypeRef};

/// Builds `form` from `body` (owned, so bytes move into their parts), then hands it to the call.
pub fn emit_form_steps(api: &Api, operation: &str, ty: &TypeRef) -> TokenStream {
    let Some((fields, extra)) = struct_fields(api, ty) else {
        return quote!(let form = reqwest::multipart::Form::new(););
    };
    let parts = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let name = &field.wire_name;
        add_part(
            api,
            operation,
            &quote!(#name),
            &quote!(body.#member),
            &field.ty,
        )
    });
    let extra = extra.as_ref().map(|extra| {
        let member = ident(&extra.rust_name);
        let add = add_part(api, operation, &quote!(name), &quote!(value), &extra.value);
        quote! {
            for (name, value) in body.#member {
                #add
            }
        }
    });
    quote! {
        let mut form = reqwest::multipart::Form::new();
        #(#parts)*
        #extra
    }
}

fn struct_fields<'a>(
    api: &'a Api,
    ty: &TypeRef,
) -> Option<(&'a [Field], &'a Option<ExtraProperties>)> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    match &api.types.iter().find(|t| &t.name == name)?.kind {
        TypeKind::Struct { fields, extra } => Some((fields, extra)),
        _ => None,
    }
}

/// The statement adding `value` (of type `ty`) under `name`.
fn add_part(
    api: &Api,
    operation: &str,
    name: &TokenStream,
    value: &TokenStream,
    ty: &TypeRef,
) -> TokenStream {
    match ty {
        TypeRef::Option(inner) => {
            let add = add_part(api, operation, name, &quote!(value), inner);
            quote! {
                if let Some(value) = #value {
                    #add
                }
            }
        }
        TypeRef::Boxed(inner) => add_part(api, operation, name, &quote!((*#value)), inner),
        TypeRef::Bytes => quote! {
            form = form.part(#name, reqwest::multipart::Part::bytes(#value).file_name(#name));
        },
        TypeRef::String => quote!(form = form.text(#name, #value);),
        ty if is_text(api, ty) => quote!(form = form.text(#name, #value.to_string());),
        TypeRef::Vec(item)
            if matches!(**item, TypeRef::Bytes | TypeRef::String) || is_text(api, item) =>
        {
            let add = add_part(api, operation, name, &quote!(item), item);
            quote! {
                for item in #value {
                    #add
                }
            }
        }
        _ => quote!(form = form.part(#name, json_part(#operation, &#value)?);),
    }
}

/// Whether some part of the multipart body `ty` is sent as JSON (so the module needs `json_part`).
pub fn needs_json_part(api: &Api, ty: &TypeRef) -> bool {
    let Some((fields, extra)) = struct_fields(api, ty) else {
        return false;
    };
    fields
        .iter()
        .map(|f| &f.ty)
        .chain(extra.as_ref().map(|e| &e.value))
        .any(|ty| is_json(api, ty))
}

fn is_json(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Option(inner) | TypeRef::Boxed(inner) => is_json(api, inner),
        TypeRef::Bytes | TypeRef::String => false,
        ty if is_text(api, ty) => false,
        TypeRef::Vec(item) => {
            !(matches!(**item, TypeRef::Bytes | TypeRef::String) || is_text(api, item))
        }
        _ => true,
    }
}

/// Scalars whose `Display` form is their wire text.
fn is_text(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::U64
        | TypeRef::F32
        | TypeRef::F64 => true,
        TypeRef::Named(name) => api.types.iter().any(|t| {
            &t.name == name
                && matches!(
                    t.kind,
                    TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }
                )
        }),
        _ => false,
    }
}
