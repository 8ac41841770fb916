//! `src/credentials.rs`: what the spec's security schemes make of the client. The builder's credential
//! setters, the credentials it keeps (their `Debug` redacts every secret), how each is checked once at
//! `build()` and added to a request, and which the spec requires before any call can be made. Everything else
//! about the client is the same in every crate and lives in the runtime (`generator/runtime/client.rs`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{doc_opt, ident, raw_literal};
use crate::ir::{Api, ApiKeyLocation, SecurityKind, SecurityScheme};

/// Writes `src/credentials.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let schemes = &api.security_schemes;
    let has_secrets = schemes.iter().any(|s| {
        !matches!(
            s.kind,
            SecurityKind::ApiKey {
                values: Some(_),
                ..
            }
        )
    });
    let redacted = has_secrets.then(|| {
        quote! {
            /// What debug output shows instead of a secret.
            const REDACTED: &str = "<redacted>";
        }
    });
    let credentials = emit_credentials(api);
    let setters = schemes.iter().map(emit_setter);
    quote! {
        //! The API's security schemes: the credentials the builder takes, how each is checked and sent, and
        //! which of them each operation accepts.

        #redacted

        #credentials

        impl crate::ClientBuilder {
            #(#setters)*
        }
    }
}

fn emit_credentials(api: &Api) -> TokenStream {
    let schemes = &api.security_schemes;
    let fields = schemes.iter().map(emit_field);
    let debug_fields = schemes.iter().map(emit_debug_field);
    let variants = schemes.iter().map(|s| {
        let variant = ident(&s.variant);
        let doc = raw_literal(&format!(" `{}` in the spec.", s.spec_name));
        quote!(#[doc = #doc] #variant,)
    });
    let has_arms = schemes.iter().map(|s| {
        let variant = scheme_variant(s);
        let field = ident(&s.field);
        quote!(#variant => self.#field.is_some(),)
    });
    let apply_arms = schemes.iter().map(emit_apply_arm);
    // With no schemes `apply` has no arms, and its request is never read.
    let request = if schemes.is_empty() {
        quote!(_request)
    } else {
        quote!(request)
    };
    let validations = schemes.iter().map(emit_validation);
    let check_required = emit_check_required(api);
    quote! {
        /// The credentials a client sends. `Debug` never shows a secret.
        #[derive(Clone, Default)]
        pub(crate) struct Credentials {
            #(#fields)*
        }

        impl ::std::fmt::Debug for Credentials {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Credentials")
                    #(#debug_fields)*
                    .finish()
            }
        }

        /// The security schemes of the spec; an operation lists which of them it accepts.
        #[derive(Clone, Copy, Debug)]
        pub(crate) enum Scheme {
            #(#variants)*
        }

        impl Credentials {
            fn has(&self, scheme: Scheme) -> bool {
                match scheme {
                    #(#has_arms)*
                }
            }

            #check_required

            /// Adds the credentials of the first alternative the client can satisfy.
            pub(crate) fn authorize(
                &self,
                operation: &'static str,
                alternatives: &[&[Scheme]],
                mut request: ::reqwest::RequestBuilder,
            ) -> Result<::reqwest::RequestBuilder, crate::Error> {
                if alternatives.is_empty() {
                    return Ok(request);
                }
                let schemes = alternatives
                    .iter()
                    .find(|schemes| schemes.iter().all(|scheme| self.has(*scheme)))
                    .ok_or(crate::Error::MissingCredentials { operation })?;
                for scheme in schemes.iter() {
                    request = self.apply(*scheme, request);
                }
                Ok(request)
            }

            fn apply(&self, scheme: Scheme, #request: ::reqwest::RequestBuilder) -> ::reqwest::RequestBuilder {
                match scheme {
                    #(#apply_arms)*
                }
            }

            /// Rejects values that could never be sent (empty secrets, characters a header cannot carry), and
            /// encodes the `Authorization` headers once, so a request only copies them.
            pub(crate) fn prepare(&mut self) -> Result<(), crate::Error> {
                #(#validations)*
                Ok(())
            }
        }
    }
}

/// `check_required`, which `build()` calls: it refuses a client that could not make any call the spec
/// secures by default.
fn emit_check_required(api: &Api) -> TokenStream {
    let requirements = &api.default_security;
    let required = !requirements.is_empty() && requirements.iter().all(|r| !r.0.is_empty());
    if !required {
        return quote! {
            /// The spec secures no operation by default, so any credentials will do.
            pub(crate) fn check_required(&self) -> Result<(), crate::Error> {
                Ok(())
            }
        };
    }
    let alternatives = requirements.iter().map(|r| {
        let variants =
            r.0.iter()
                .map(|i| scheme_variant(&api.security_schemes[*i]));
        quote!(&[#(#variants),*])
    });
    let needed = requirements
        .iter()
        .map(|r| {
            r.0.iter()
                .map(|i| format!("`{}`", api.security_schemes[*i].setter))
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join(", or ");
    let message = format!("missing credentials: this API needs {needed} on the builder");
    quote! {
        /// Fails unless every scheme of at least one alternative the spec requires by default is configured.
        pub(crate) fn check_required(&self) -> Result<(), crate::Error> {
            let alternatives: &[&[Scheme]] = &[#(#alternatives),*];
            if alternatives.iter().any(|schemes| schemes.iter().all(|scheme| self.has(*scheme))) {
                Ok(())
            } else {
                Err(crate::Error::Config(#message.to_string()))
            }
        }
    }
}

fn emit_field(scheme: &SecurityScheme) -> TokenStream {
    let field = ident(&scheme.field);
    let ty = match &scheme.kind {
        SecurityKind::HttpBasic => quote!((String, String)),
        SecurityKind::ApiKey {
            values: Some(enum_name),
            ..
        } => {
            let enum_name = ident(enum_name);
            quote!(crate::types::#enum_name)
        }
        SecurityKind::Bearer | SecurityKind::ApiKey { values: None, .. } => quote!(String),
    };
    let header = authorization_field(scheme).map(|header| {
        quote! {
            /// The `Authorization` header, encoded once by `prepare` (marked sensitive).
            #header: Option<::reqwest::header::HeaderValue>,
        }
    });
    quote!(#field: Option<#ty>, #header)
}

fn emit_debug_field(scheme: &SecurityScheme) -> TokenStream {
    let field = ident(&scheme.field);
    let name = &scheme.field;
    match &scheme.kind {
        SecurityKind::HttpBasic => {
            quote!(.field(#name, &self.#field.as_ref().map(|(username, _)| (username, REDACTED))))
        }
        SecurityKind::ApiKey {
            values: Some(_), ..
        } => quote!(.field(#name, &self.#field)),
        SecurityKind::Bearer | SecurityKind::ApiKey { values: None, .. } => {
            quote!(.field(#name, &self.#field.as_ref().map(|_| REDACTED)))
        }
    }
}

fn emit_setter(scheme: &SecurityScheme) -> TokenStream {
    let setter = ident(&scheme.setter);
    let field = ident(&scheme.field);
    let docs = doc_opt(scheme.docs.as_deref());
    let (how, signature, value) = match &scheme.kind {
        SecurityKind::HttpBasic => (
            " Sent as HTTP Basic authentication (`Authorization: Basic ...`).".to_string(),
            quote!(username: impl Into<String>, password: impl Into<String>),
            quote!((username.into(), password.into())),
        ),
        SecurityKind::Bearer => (
            " Sent as `Authorization: Bearer <token>`.".to_string(),
            quote!(token: impl Into<String>),
            quote!(token.into()),
        ),
        SecurityKind::ApiKey {
            location,
            name,
            values,
        } => {
            let place = match location {
                ApiKeyLocation::Header => "header",
                ApiKeyLocation::Query => "query parameter",
                ApiKeyLocation::Cookie => "cookie",
            };
            let how = format!(" Sent as the `{name}` {place}.");
            match values {
                Some(enum_name) => {
                    let enum_name = ident(enum_name);
                    (how, quote!(value: crate::types::#enum_name), quote!(value))
                }
                None => (how, quote!(key: impl Into<String>), quote!(key.into())),
            }
        }
    };
    let how = raw_literal(&how);
    quote! {
        #docs
        ///
        #[doc = #how]
        pub fn #setter(mut self, #signature) -> Self {
            self.credentials.#field = Some(#value);
            self
        }
    }
}

fn scheme_variant(scheme: &SecurityScheme) -> TokenStream {
    let variant = ident(&scheme.variant);
    quote!(Scheme::#variant)
}

fn emit_apply_arm(scheme: &SecurityScheme) -> TokenStream {
    let variant = scheme_variant(scheme);
    let field = ident(&scheme.field);
    let add = match &scheme.kind {
        SecurityKind::HttpBasic | SecurityKind::Bearer => {
            let header = authorization_field(scheme);
            return quote! {
                #variant => match &self.#header {
                    Some(header) => request.header(::reqwest::header::AUTHORIZATION, header.clone()),
                    None => request,
                },
            };
        }
        SecurityKind::ApiKey {
            location,
            name,
            values,
        } => {
            let text = quote!(value.as_str());
            match location {
                ApiKeyLocation::Header if values.is_some() => quote!(request.header(#name, #text)),
                ApiKeyLocation::Header => quote! {
                    match ::reqwest::header::HeaderValue::from_str(#text) {
                        Ok(mut header) => {
                            header.set_sensitive(true);
                            request.header(#name, header)
                        }
                        Err(_) => request,
                    }
                },
                ApiKeyLocation::Query => quote!(request.query(&[(#name, #text)])),
                ApiKeyLocation::Cookie => {
                    let format = format!("{name}={{}}");
                    quote!(request.header(::reqwest::header::COOKIE, format!(#format, #text)))
                }
            }
        }
    };
    quote! {
        #variant => match &self.#field {
            Some(value) => #add,
            None => request,
        },
    }
}

/// The field holding a scheme's prepared `Authorization` header, when it has one (lowering names it).
fn authorization_field(scheme: &SecurityScheme) -> Option<Ident> {
    scheme.authorization_field.as_deref().map(ident)
}

fn emit_validation(scheme: &SecurityScheme) -> TokenStream {
    let field = ident(&scheme.field);
    let setter = &scheme.setter;
    let set_header = authorization_field(scheme).map(|header| {
        let (prefix, value) = match scheme.kind {
            SecurityKind::HttpBasic => ("Basic", "encoded"),
            _ => ("Bearer", "value"),
        };
        let format = format!("{prefix} {{{value}}}");
        let invalid = format!("`{setter}` cannot be sent as an `Authorization` header");
        quote! {
            let mut header = ::reqwest::header::HeaderValue::try_from(format!(#format))
                .map_err(|_| crate::Error::Config(#invalid.to_string()))?;
            header.set_sensitive(true);
            self.#header = Some(header);
        }
    });
    match &scheme.kind {
        SecurityKind::HttpBasic => {
            let empty = format!("`{setter}` needs a non-empty username and password");
            let colon = format!("the `{setter}` username cannot contain `:`");
            quote! {
                if let Some((username, password)) = &self.#field {
                    if username.is_empty() || password.is_empty() {
                        return Err(crate::Error::Config(#empty.to_string()));
                    }
                    if username.contains(':') {
                        return Err(crate::Error::Config(#colon.to_string()));
                    }
                    let encoded = ::base64::Engine::encode(
                        &::base64::engine::general_purpose::STANDARD,
                        format!("{username}:{password}"),
                    );
                    #set_header
                }
            }
        }
        SecurityKind::ApiKey {
            values: Some(_), ..
        } => TokenStream::new(),
        SecurityKind::Bearer | SecurityKind::ApiKey { .. } => {
            let message =
                format!("`{setter}` needs a non-empty value made of visible ASCII characters");
            quote! {
                if let Some(value) = &self.#field {
                    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
                        return Err(crate::Error::Config(#message.to_string()));
                    }
                    #set_header
                }
            }
        }
    }
}
