//! `src/lib.rs`: the crate's front page (docs from the spec and a working example) and its public surface.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, inner_doc};
use crate::ir::{Api, ParamLocation, Returns, SecurityKind, TypeDef, TypeKind, TypeRef};

/// The crate features, documented on the front page: both leave out code that makes a large API slow to
/// compile, so both are off by default.
fn features(api: &Api) -> String {
    let mut text = "# Features\n\n\
        - `full-serde`: every type in [`types`] derives both `Serialize` and `Deserialize`. Without it, a type \
        derives what its direction needs: `Serialize` for what requests carry, `Deserialize` for what answers \
        carry."
        .to_string();
    let unused = api.types.iter().filter(|def| def.travel.unused).count();
    if unused > 0 {
        let (types, they_derive) = if unused == 1 {
            ("type", "It derives")
        } else {
            ("types", "They derive")
        };
        text.push_str(&format!(
            "\n- `all-schemas`: {unused} more {types} in [`types`], for the schemas no operation uses \
             (webhook payloads, for example). {they_derive} `Deserialize`."
        ));
    }
    if let Some(webhooks) = &api.webhooks {
        text.push_str(&format!(
            "\n- `webhooks`: the `webhooks` module, which reads the {} events the API sends to a service \
             (webhook requests) into a typed `webhooks::Event`{}.",
            webhooks.hooks.len(),
            if unused > 0 {
                " (it turns on `all-schemas`, where their payloads are)"
            } else {
                ""
            }
        ));
    }
    text
}

/// Writes `src/lib.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let mut intro = format!(
        "# {}\n\nA typed async client for {} (API version {}).",
        api.title, api.title, api.api_version
    );
    if let Some(description) = &api.description {
        intro = format!("{intro}\n\n{}", description.trim());
    }
    intro.push_str(
        "\n\nThe exact OpenAPI document this client implements (the spec with its overlays applied) is \
         `openapi.json` at the crate's root.",
    );
    let intro = inner_doc(&intro);
    let example = inner_doc(&example(api));
    let features = inner_doc(&features(api));
    let modules = api.modules.iter().map(|m| ident(&m.name));
    // A spec without operations leaves the request machinery unused; that is the spec's doing, not a bug.
    let no_operations = api
        .operations
        .is_empty()
        .then(|| quote!(#![allow(dead_code)]));
    // The modules that read webhooks are compiled with the `webhooks` feature, like `webhooks` itself.
    let runtime = super::runtime::modules(&api.needs).map(|module| {
        let name = ident(module.name);
        let gate = module
            .name
            .starts_with("webhook_")
            .then(|| quote!(#[cfg(feature = "webhooks")]));
        quote!(#gate #[rustfmt::skip] mod #name;)
    });
    let webhooks = api.webhooks.is_some().then(|| {
        quote! {
            #[cfg(feature = "webhooks")]
            #[rustfmt::skip]
            pub mod webhooks;
        }
    });
    let base_url = emit_base_url(api);
    // Streams are read with `next` (inherent), or with the `futures` traits, which come with them.
    let streams = api.needs.streams().then(|| {
        quote! {
            #[rustfmt::skip]
            pub use items::Items;
            #[rustfmt::skip]
            pub use futures::stream::{StreamExt, TryStreamExt};
        }
    });
    let uploads = api.needs.byte_uploads.then(|| {
        quote! {
            #[rustfmt::skip]
            pub use upload::Upload;
        }
    });
    let events = api.needs.event_streams.then(|| {
        quote! {
            #[rustfmt::skip]
            pub use streaming::ServerEvent;
        }
    });
    let files = api.needs.file_parts.then(|| {
        quote! {
            #[rustfmt::skip]
            pub use file_part::FilePart;
        }
    });
    let streaming = api.needs.streaming();
    let reason_pointer = match &api.error_reason_pointer {
        Some(pointer) => quote!(Some(#pointer)),
        None => quote!(None),
    };
    quote! {
        #intro
        #no_operations
        //!
        //! # Example
        //!
        #example
        //!
        //! Every method returns [`Error`] on failure; [`Error::status`] and [`Error::reason`] tell what the
        //! server answered. A method's docs list the responses its operation declares, with the type of each
        //! body: the first success status is decoded into what the method returns, and an error status arrives
        //! as [`Error::Status`] with its body, which [`Error::body_json`] decodes into the type listed.
        //!
        #features

        // Every file of this crate is formatted by the generator (prettyplease); `rustfmt::skip` keeps
        // `cargo fmt` from reflowing it, so regenerating and formatting never fight.
        #(#runtime)*
        #[rustfmt::skip]
        mod credentials;
        #[rustfmt::skip]
        pub mod types;
        #(#[rustfmt::skip] mod #modules;)*
        #webhooks

        #[rustfmt::skip]
        pub use client::{Client, ClientBuilder, DEFAULT_MAX_ANSWER_SIZE, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT};
        #[rustfmt::skip]
        pub use answer::Response;
        #[rustfmt::skip]
        pub use error::{Error, RequestInfo, MAX_ERROR_BODY};
        #[rustfmt::skip]
        pub use retry::RetryPolicy;
        #streams
        #events
        #uploads
        #files

        #base_url

        /// Where an error body names the error (the spec's `x-error-reason`), if the spec says.
        const ERROR_REASON_POINTER: Option<&str> = #reason_pointer;

        /// Whether some answer is read as it arrives, which the HTTP client then bounds read by read.
        const READS_AS_IT_ARRIVES: bool = #streaming;
    }
}

/// `DEFAULT_BASE_URL`, from the spec's first server.
fn emit_base_url(api: &Api) -> TokenStream {
    match &api.default_base_url {
        Some(url) => {
            let doc =
                super::raw_literal(&format!(" Base URL from the spec's first server: `{url}`."));
            quote! {
                #[doc = #doc]
                pub const DEFAULT_BASE_URL: &str = #url;
            }
        }
        None => quote! {
            /// The spec names no server, so the builder must be given a base URL.
            pub const DEFAULT_BASE_URL: &str = "";
        },
    }
}

/// A `no_run` example that compiles: build a client with the spec's default credentials and make the first
/// call whose arguments are simple to write.
/// The crate page's example: the spec's own (`x-rust-example`), or one made up from the credentials and the
/// first operation that needs no body or options. Either is compiled as a doctest.
fn example(api: &Api) -> String {
    if let Some(code) = &api.example {
        return format!("```no_run\n{code}\n```");
    }
    let krate = &api.crate_name;
    let mut lines = vec![
        "```no_run".to_string(),
        format!("# async fn example() -> Result<(), {krate}::Error> {{"),
        format!("use {krate}::Client;"),
    ];
    let mut builder = vec!["let client = Client::builder()".to_string()];
    if let Some(requirement) = api.default_security.first() {
        for scheme in requirement.0.iter().map(|i| &api.security_schemes[*i]) {
            let setter = &scheme.setter;
            let args = match &scheme.kind {
                SecurityKind::HttpBasic => "\"username\", \"password\"".to_string(),
                SecurityKind::Bearer => "\"token\"".to_string(),
                SecurityKind::ApiKey {
                    values: Some(enum_name),
                    ..
                } => {
                    let variant = first_variant(&api.types, enum_name).unwrap_or_default();
                    lines.push(format!("use {krate}::types::{enum_name};"));
                    format!("{enum_name}::{variant}")
                }
                SecurityKind::ApiKey { values: None, .. } => "\"key\"".to_string(),
            };
            builder.push(format!("    .{setter}({args})"));
        }
    }
    builder.push("    .build()?;".to_string());
    lines.extend(builder);
    if let Some(call) = api.operations.iter().find_map(example_call) {
        lines.push(call);
    }
    lines.extend(["# Ok(())".to_string(), "# }".to_string(), "```".to_string()]);
    lines.join("\n")
}

fn first_variant(types: &[TypeDef], name: &str) -> Option<String> {
    types
        .iter()
        .find(|t| t.name == name)
        .and_then(|t| match &t.kind {
            TypeKind::StringEnum { variants, .. } => variants.first().map(|v| v.rust_name.clone()),
            _ => None,
        })
}

/// `let answer = client.op(args).await?;` for an operation whose arguments are all strings or numbers.
fn example_call(op: &crate::ir::Operation) -> Option<String> {
    if op.body.is_some() || op.options_struct.is_some() {
        return None;
    }
    let args = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| match (&p.ty, p.location) {
            (TypeRef::String, _) => Some("\"example\"".to_string()),
            (
                TypeRef::I32 | TypeRef::I64 | TypeRef::U64,
                ParamLocation::Path | ParamLocation::Query,
            ) => Some("1".to_string()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let binding = match op.returns {
        Returns::Exists => "exists",
        Returns::Nothing => "()",
        _ => "answer",
    };
    Some(format!(
        "let {binding} = client.{}({}).await?;",
        op.rust_name,
        args.join(", ")
    ))
}
