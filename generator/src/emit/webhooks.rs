//! `src/webhooks.rs`: the `Event` enum of the spec's webhooks and `parse`, which reads a request into one,
//! matching the event's name (and action) where `lower/webhooks.rs` found the spec puts it. Compiled with the
//! crate's `webhooks` feature.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, inner_doc, named_in, raw_literal, type_tokens};
use crate::ir::{
    EventAt, SecretForm, Signature, SignatureEncoding, SignedPiece, TimestampUnit, Webhook,
    Webhooks,
};

/// The module.
pub fn emit(webhooks: &Webhooks) -> TokenStream {
    let module_doc = inner_doc(
        "The events the API sends to a service of yours (webhooks): [`parse`] reads a request's headers and \
         raw body into an [`Event`]. An event this crate does not know arrives as [`Event::Other`], with its \
         name and JSON, so nothing is dropped when the API adds one.",
    );
    let mut named = Vec::new();
    for hook in &webhooks.hooks {
        named_in(&hook.payload, &mut named);
    }
    let imports = (!named.is_empty()).then(|| {
        let named = named.iter().map(|name| ident(name));
        quote!(use crate::types::{#(#named),*};)
    });
    let variants = webhooks.hooks.iter().map(variant);
    let names = webhooks.hooks.iter().map(|hook| {
        let variant = ident(&hook.variant);
        let name = &hook.name;
        quote!(Self::#variant(_) => #name,)
    });
    let parse = emit_parse(webhooks);
    let verify = webhooks.signature.as_ref().map(emit_verify);
    quote! {
        #module_doc

        #imports

        /// One webhook request's event, by its name. Payloads are boxed: a large API's (GitHub's issue events
        /// nest hundreds of fields) would make every `Event` as large as the largest.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Event {
            #(#variants)*
            /// An event this crate does not know: its name and its body as JSON.
            Other {
                name: String,
                body: serde_json::Value,
            },
        }

        impl Event {
            /// The event's name, as the API sends it.
            pub fn name(&self) -> &str {
                match self {
                    #(#names)*
                    Self::Other { name, .. } => name,
                }
            }
        }

        #[rustfmt::skip]
        pub use crate::webhook_event::ParseError;

        #verify

        #parse
    }
}

/// `verify(verifier, headers, body)`, with the API's scheme spelt out as a constant.
fn emit_verify(signature: &Signature) -> TokenStream {
    let header = &signature.header;
    let pieces = signature.signed.iter().map(|piece| match piece {
        SignedPiece::Text(text) => quote!(crate::webhook_signature::Piece::Text(#text)),
        SignedPiece::Body => quote!(crate::webhook_signature::Piece::Body),
        SignedPiece::Timestamp => quote!(crate::webhook_signature::Piece::Timestamp),
        SignedPiece::Header(name) => quote!(crate::webhook_signature::Piece::Header(#name)),
    });
    let (timestamp_header, unit) = match &signature.timestamp {
        Some((header, unit)) => (quote!(Some(#header)), *unit),
        None => (quote!(None), TimestampUnit::Seconds),
    };
    let unit = match unit {
        TimestampUnit::Seconds => quote!(Seconds),
        TimestampUnit::Milliseconds => quote!(Milliseconds),
    };
    let encoding = match signature.encoding {
        SignatureEncoding::Hex => quote!(Hex),
        SignatureEncoding::Base64 => quote!(Base64),
    };
    let key = match &signature.key {
        SecretForm::Raw => quote!(crate::webhook_signature::KeyForm::Raw),
        SecretForm::Base64 { prefix } => {
            quote!(crate::webhook_signature::KeyForm::Base64WithPrefix(#prefix))
        }
    };
    let prefix = &signature.prefix;
    let several = signature.several;
    let verify_doc = raw_literal(&format!(
        " Checks that a webhook request was signed by the API (the HMAC-SHA256 in `{header}`), on the raw body \
         as received and before [`parse`], in constant time, and that its signed timestamp (if the API signs \
         one) is within the verifier's tolerance. Answer a request that fails with 401 and do not read it."
    ));
    quote! {
        #[rustfmt::skip]
        pub use crate::webhook_signature::{Secret, SignatureError, Verifier};

        /// How the API signs its webhooks (the spec's `x-webhook-signature`).
        const SCHEME: crate::webhook_signature::Scheme = crate::webhook_signature::Scheme {
            signature_header: #header,
            signed: &[#(#pieces),*],
            timestamp_header: #timestamp_header,
            timestamp_unit: crate::webhook_signature::TimestampUnit::#unit,
            encoding: crate::webhook_signature::Encoding::#encoding,
            prefix: #prefix,
            several: #several,
            key: #key,
        };

        #[doc = #verify_doc]
        pub fn verify(verifier: &Verifier, headers: &::reqwest::header::HeaderMap, body: &[u8]) -> Result<(), SignatureError> {
            crate::webhook_signature::verify_now(&SCHEME, verifier, headers, body)
        }
    }
}

/// An `Event` variant: the webhook's docs and name, holding its payload.
fn variant(hook: &Webhook) -> TokenStream {
    let mut text = match &hook.action {
        Some(action) => format!("`{}` with the action `{action}`", hook.name),
        None => format!("`{}`", hook.name),
    };
    if let Some(summary) = &hook.docs.summary {
        text = format!("{text}: {}", summary.trim());
    }
    if let Some(description) = &hook.docs.description {
        text = format!("{text}\n\n{}", description.trim());
    }
    let docs = doc(&text);
    let variant = ident(&hook.variant);
    let payload = type_tokens(&hook.payload);
    quote! {
        #docs
        #variant(Box<#payload>),
    }
}

/// `parse(headers, body)`: the event's name where the API puts it, then the payload its name says.
fn emit_parse(webhooks: &Webhooks) -> TokenStream {
    let other = quote!(_ => Event::Other { name, body });
    let (name, matched) = match &webhooks.event_at {
        EventAt::Body { pointer } => {
            let arms = webhooks.hooks.iter().map(|hook| {
                let event = &hook.name;
                let decoded = decoded(hook);
                quote!(#event => #decoded,)
            });
            (
                quote!(let name = crate::webhook_event::name_in_body(&body, #pointer)?;),
                quote! {
                    match name.as_str() {
                        #(#arms)*
                        #other,
                    }
                },
            )
        }
        EventAt::Header { name, action } => {
            let arms = webhooks.match_order.iter().map(|&index| {
                let hook = &webhooks.hooks[index];
                let event = &hook.name;
                let decoded = decoded(hook);
                match &hook.action {
                    Some(action) => quote!((#event, Some(#action)) => #decoded,),
                    None => quote!((#event, _) => #decoded,),
                }
            });
            let action = match action {
                Some(pointer) => quote!(crate::webhook_event::text_at(&body, #pointer)),
                None => quote!(::core::option::Option::<String>::None),
            };
            (
                quote! {
                    let name = crate::webhook_event::name_in_header(headers, #name)?;
                    let action = #action;
                },
                quote! {
                    match (name.as_str(), action.as_deref()) {
                        #(#arms)*
                        #other,
                    }
                },
            )
        }
    };
    let headers_used = matches!(webhooks.event_at, EventAt::Header { .. });
    let headers = if headers_used {
        quote!(headers)
    } else {
        quote!(_headers)
    };
    let parse_doc = raw_literal(
        " The event of a webhook request, from its headers and raw body: by its name where the API puts it, \
         with the payload that name has. Verify the request first, on the same raw bytes, where the API signs \
         its webhooks.",
    );
    quote! {
        #[doc = #parse_doc]
        pub fn parse(#headers: &::reqwest::header::HeaderMap, body: &[u8]) -> Result<Event, ParseError> {
            let body = crate::webhook_event::json(body)?;
            #name
            Ok(#matched)
        }
    }
}

/// The variant holding `hook`'s payload, decoded from `body`.
fn decoded(hook: &Webhook) -> TokenStream {
    let variant = ident(&hook.variant);
    quote!(Event::#variant(crate::webhook_event::payload(&name, body)?))
}
