//! The statements that turn a multipart body struct into a `reqwest::multipart::Form`, spelling out the parts
//! lowering chose for each field (`ir::MultipartForm`). Absent optional fields send no part.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{MultipartForm, MultipartPart, PartEncoding};

/// Builds `form` from `body` (owned, so bytes move into their parts).
pub fn emit_form_steps(form: &MultipartForm, operation: &str) -> TokenStream {
    let parts = form.parts.iter().map(|part| {
        let member = ident(&part.rust_name);
        let name = &part.wire_name;
        add_field(part, operation, &quote!(#name), quote!(body.#member))
    });
    let extra = form.extra.as_ref().map(|extra| {
        let member = ident(&extra.rust_name);
        let add = add_field(extra, operation, &quote!(name), quote!(value));
        quote! {
            for (name, value) in body.#member {
                #add
            }
        }
    });
    quote! {
        let mut form = ::reqwest::multipart::Form::new();
        #(#parts)*
        #extra
    }
}

/// The statements adding the field `value` under `name`: unwrapping an `Option`, one part per list item.
fn add_field(
    part: &MultipartPart,
    operation: &str,
    name: &TokenStream,
    value: TokenStream,
) -> TokenStream {
    let present = if part.optional {
        quote!(value)
    } else {
        value.clone()
    };
    let add = if part.list {
        let add = add_one(part.encoding, operation, name, &quote!(item));
        quote! {
            for item in #present {
                #add
            }
        }
    } else {
        add_one(part.encoding, operation, name, &present)
    };
    if part.optional {
        quote! {
            if let Some(value) = #value {
                #add
            }
        }
    } else {
        add
    }
}

/// The statement adding one part holding `value`.
fn add_one(
    encoding: PartEncoding,
    operation: &str,
    name: &TokenStream,
    value: &TokenStream,
) -> TokenStream {
    match encoding {
        PartEncoding::File => quote! {
            form = form.part(#name, #value.into_part(#name)?);
        },
        PartEncoding::Text => quote!(form = form.text(#name, #value);),
        PartEncoding::Display => quote!(form = form.text(#name, #value.to_string());),
        PartEncoding::Json => {
            quote!(form = form.part(#name, crate::call::json_part(#operation, &#value)?);)
        }
    }
}
