//! `src/<tag>.rs`: the methods of one group of operations, as an `impl Client` block. One file per tag keeps a
//! change in the spec a small, local diff.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, named_in, raw_literal, type_tokens, Moved};
use crate::ir::{
    Api, ArgumentType, BodyEncoding, Carries, EmptyAnswer, HttpMethod, LineFraming, Operation,
    ParamEncoding, ParamLocation, Parameter, PathSegment, RequestBody, Returns, StatusMatch,
    TextStyle, TypeRef, ValueShape,
};

/// Above this many arguments clippy asks for a struct; generated signatures follow the spec instead.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// Writes the module of operations `module_index`.
pub fn emit(api: &Api, module_index: usize) -> TokenStream {
    let module = &api.modules[module_index];
    let operations: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|op| op.module == module_index)
        .collect();
    let mut module_doc = match &module.summary {
        Some(summary) => format!("{}: operations tagged `{}`.", summary.trim(), module.tag),
        None => format!("Operations tagged `{}`.", module.tag),
    };
    if let Some(description) = &module.description {
        module_doc = format!("{module_doc}\n\n{description}");
    }
    let module_doc = super::inner_doc(&module_doc);

    let named = named_types(&operations);
    let types_use = (!named.is_empty()).then(|| {
        let named = named.iter().map(|n| ident(n));
        quote!(use crate::types::{#(#named),*};)
    });
    let methods = operations
        .iter()
        .map(|op| Moved::from(emit_method(api, op)));
    // The module imports only the spec's types it names: the runtime, std and the crate's own items are
    // written out in full (`crate::call::Call`, `::core::future::Future`), so no name a spec gives a type
    // can collide with them.
    quote! {
        #module_doc

        #types_use

        impl crate::Client {
            #(#methods)*
        }
    }
}

fn named_types(operations: &[&Operation]) -> Vec<String> {
    let mut named = Vec::new();
    for op in operations {
        for argument in &op.arguments {
            named_in(argument_type_ref(&argument.ty), &mut named);
        }
        for answer in op.answers() {
            if let Returns::Json(ty)
            | Returns::JsonAt { ty, .. }
            | Returns::Events { data: ty, .. }
            | Returns::Lines { item: ty, .. } = answer
            {
                named_in(ty, &mut named);
            }
        }
        if let Some(pagination) = &op.pagination {
            named_in(&pagination.item, &mut named);
        }
    }
    named
}

/// The type an argument carries, however it is taken.
fn argument_type_ref(ty: &ArgumentType) -> &TypeRef {
    match ty {
        ArgumentType::Owned(ty) | ArgumentType::Borrowed(ty) => ty,
        ArgumentType::Optional(inner) => argument_type_ref(inner),
    }
}

/// The `Parts` a styled value is broken into; `value` is an expression for it.
fn emit_parts(
    operation: &str,
    param: &Parameter,
    shape: ValueShape,
    value: &TokenStream,
) -> TokenStream {
    let wire = &param.wire_name;
    match shape {
        ValueShape::Scalar => quote!(crate::params::Parts::Scalar(#value.to_string())),
        ValueShape::List => {
            quote!(crate::params::Parts::List(#value.iter().map(::std::string::ToString::to_string).collect()))
        }
        ValueShape::Object => {
            quote!(crate::params::Parts::Object(crate::params::object_pairs(#operation, #wire, &#value)?))
        }
    }
}

fn style_tokens(style: TextStyle) -> TokenStream {
    match style {
        TextStyle::Simple => quote!(crate::params::Style::Simple),
        TextStyle::Label => quote!(crate::params::Style::Label),
        TextStyle::Matrix => quote!(crate::params::Style::Matrix),
    }
}

/// An operation's two methods (the value, and the value with status and headers), the function that builds
/// its request, and its stream when it pages.
fn emit_method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let docs = Moved::from(doc(&method_docs(op)));
    let args = method_arguments(op, &TokenStream::new(), None);
    let allow =
        (args.len() > CLIPPY_MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let with_response = ident(&op.with_response_name);
    let with_response_doc = raw_literal(&format!(
        " Like [`Client::{0}`](Self::{0}), with the answer's HTTP status and headers.",
        op.rust_name
    ));
    let forwarded = forwarded_arguments(op);
    let request = ident(&op.request_name);
    let call = quote!(Self::#request(#(#forwarded),*));
    let (output, value) = answer_reading(&op.returns, &call, false);
    let (_, with_status) = answer_reading(&op.returns, &call, true);
    let request_fn = Moved::from(emit_request_fn(api, op, &args, allow.as_ref()));
    let stream = op
        .pagination
        .as_ref()
        .map(|pagination| Moved::from(super::streams::emit(op, pagination)));
    let byte_stream = op.byte_stream_name.as_ref().map(|name| {
        let name = ident(name);
        let doc = raw_literal(&format!(
            " Like [`Client::{0}`](Self::{0}), with the answer read as it arrives: a stream of the chunks of \
             its body, for a body too large to hold whole. The client's timeout bounds each read, not the \
             whole body.",
            op.rust_name
        ));
        quote! {
            #[doc = #doc]
            #allow
            pub fn #name(&self, #(#args),*) -> impl ::core::future::Future<Output = Result<crate::Items<'static, ::bytes::Bytes>, crate::Error>> + '_ {
                self.open(#call, |opened| opened.chunks().into_value())
            }
        }
    });
    let streamed_also = op.streamed_also.as_ref().map(|also| {
        let name = ident(&also.name);
        let media_type = &also.media_type;
        let items = match &also.returns {
            Returns::Events { .. } => "its events",
            _ => "its items",
        };
        let doc = raw_literal(&format!(
            " Like [`Client::{0}`](Self::{0}), asking for the answer as a stream (`Accept: {media_type}`) \
             and reading {items} as they arrive. Whatever in the request tells the server to stream (a \
             `stream` field, say) is yours to set. The client's timeout bounds each read, not the whole \
             stream.",
            op.rust_name
        ));
        let accepting = quote!(crate::call::Call::accepting(#call, #media_type));
        let (output, value) = answer_reading(&also.returns, &accepting, false);
        quote! {
            #[doc = #doc]
            #allow
            pub fn #name(&self, #(#args),*) -> impl ::core::future::Future<Output = Result<#output, crate::Error>> + '_ {
                #value
            }
        }
    });
    // Both methods are plain functions returning the one shared `execute` future: an `async fn` per method
    // would give rustc two state machines per operation to check (a large API has thousands), and the future
    // borrows only the client, not the arguments.
    quote! {
        #docs
        #allow
        pub fn #name(&self, #(#args),*) -> impl ::core::future::Future<Output = Result<#output, crate::Error>> + '_ {
            #value
        }

        #[doc = #with_response_doc]
        #allow
        pub fn #with_response(&self, #(#args),*) -> impl ::core::future::Future<Output = Result<crate::Response<#output>, crate::Error>> + '_ {
            #with_status
        }

        #request_fn

        #stream

        #byte_stream

        #streamed_also
    }
}

/// What a method returns, and the expression that sends `call` and reads its answer into that, keeping the
/// answer's status and headers when `with_status` says so.
fn answer_reading(
    returns: &Returns,
    call: &TokenStream,
    with_status: bool,
) -> (TokenStream, TokenStream) {
    let value = (!with_status).then(|| quote!(.map(crate::Response::into_value)));
    let into_value = (!with_status).then(|| quote!(.into_value()));
    let (output, finish) = match returns {
        Returns::Events {
            data,
            sentinel,
            by_name,
        } => {
            // The event's name matters only to a type that decodes by it.
            let decode = match (data, by_name) {
                (TypeRef::Named(name), true) => {
                    let name = ident(name);
                    quote!(#name::decode_event)
                }
                (TypeRef::String, _) => quote!(|_, data| crate::streaming::text(data)),
                _ => quote!(|_, data| crate::answer::decode_json(data)),
            };
            let sentinel = match sentinel {
                Some(sentinel) => quote!(Some(#sentinel)),
                None => quote!(None),
            };
            let data = type_tokens(data);
            let finish = if with_status {
                quote!(::core::convert::identity)
            } else {
                quote!(crate::Response::into_value)
            };
            return (
                quote!(crate::Items<'static, crate::ServerEvent<#data>>),
                quote!(self.open_events(#call, #decode, #sentinel, #finish)),
            );
        }
        Returns::Lines { item, framing } => {
            let framing = match framing {
                LineFraming::Lines => quote!(crate::line_frames::Framing::Lines),
                LineFraming::RecordSeparated => {
                    quote!(crate::line_frames::Framing::RecordSeparated)
                }
            };
            let item = type_tokens(item);
            return (
                quote!(crate::Items<'static, #item>),
                quote!(self.open(#call, |opened| opened.lines(#framing, crate::answer::decode_json)#into_value)),
            );
        }
        whole => whole_reading(whole).unwrap_or_default(),
    };
    (
        output,
        quote!(self.execute(#call, |answer| answer.#finish #value)),
    )
}

/// What a method that reads its answer whole returns, and the `Answer` method that reads it (`json()`);
/// `None` for an answer read as it arrives.
fn whole_reading(returns: &Returns) -> Option<(TokenStream, TokenStream)> {
    Some(match returns {
        Returns::Events { .. } | Returns::Lines { .. } => return None,
        Returns::Nothing => (quote!(()), quote!(nothing())),
        Returns::Exists => (quote!(bool), quote!(exists())),
        Returns::Json(ty) => (type_tokens(ty), quote!(json())),
        Returns::JsonAt { ty, pointer, empty } => {
            let empty = match empty {
                EmptyAnswer::Null => "null",
                EmptyAnswer::Array => "[]",
                EmptyAnswer::Object => "{}",
            };
            (type_tokens(ty), quote!(json_at(#pointer, #empty)))
        }
        Returns::Text => (quote!(String), quote!(text())),
        Returns::Bytes => (quote!(Vec<u8>), quote!(bytes())),
    })
}

/// How a method that reads its answer whole decodes it into its value (`|answer| ...`), for a paged stream
/// that sends the method's request itself; `None` for an answer read as it arrives.
pub(super) fn whole_value_decoder(returns: &Returns) -> Option<TokenStream> {
    let (_, finish) = whole_reading(returns)?;
    Some(quote!(|answer| answer.#finish.map(crate::Response::into_value)))
}

/// `<name>_request`: the operation's path, security, parameters and body as a `Call`, every argument checked.
fn emit_request_fn(
    api: &Api,
    op: &Operation,
    args: &[TokenStream],
    allow: Option<&TokenStream>,
) -> TokenStream {
    let request = ident(&op.request_name);
    let request_doc = raw_literal(&format!(
        " The request of [`Client::{0}`](Self::{0}), built (and its arguments checked) before anything is sent.",
        op.rust_name
    ));
    let (encodings, path) = emit_path(op);
    let encodings = encodings.into_iter().map(Moved::from);
    let security = emit_security(api, op);
    let spec_id = &op.spec_id;
    let rust_name = &op.rust_name;
    let method = match &op.method {
        // Lowering admitted only valid method tokens, so this conversion does not fail.
        HttpMethod::Other(token) => {
            let token = proc_macro2::Literal::byte_string(token.as_bytes());
            quote! {
                ::reqwest::Method::from_bytes(#token).map_err(|_| crate::Error::InvalidArgument {
                    name: "method",
                    reason: "not an HTTP method".to_string(),
                })?
            }
        }
        method => {
            let name = ident(method.wire_name());
            quote!(::reqwest::Method::#name)
        }
    };
    let template = &op.path_template;
    let mut steps = parameter_steps(op);
    steps.extend(op.body.as_ref().map(|body| body_step(op, body)));
    let binding = if steps.is_empty() {
        quote!(let call)
    } else {
        quote!(let mut call)
    };
    let steps = steps.into_iter().map(Moved::from);
    quote! {
        #[doc = #request_doc]
        #allow
        fn #request(#(#args),*) -> Result<crate::call::Call, crate::Error> {
            #(#encodings)*
            #binding = crate::call::Call::new(#spec_id, #rust_name, #method, #path, #template, #security);
            #(#steps)*
            Ok(call)
        }
    }
}

/// How each query, header and cookie parameter is added: the required ones from their arguments, then the
/// optional ones from the options when set.
fn parameter_steps(op: &Operation) -> Vec<TokenStream> {
    let added = |p: &&Parameter| p.location != ParamLocation::Path;
    let required = op
        .params
        .iter()
        .filter(|p| p.required)
        .filter(added)
        .map(|p| {
            let name = ident(&p.rust_name);
            emit_param_step(&op.spec_id, p, &quote!(#name))
        });
    let optional = op
        .params
        .iter()
        .filter(|p| !p.required)
        .filter(added)
        .map(|p| {
            let name = ident(&p.rust_name);
            let step = emit_param_step(&op.spec_id, p, &quote!(value));
            quote! {
                if let Some(value) = &options.#name {
                    #step
                }
            }
        });
    required.chain(optional).collect()
}

/// How the body is added, when there is one.
fn body_step(op: &Operation, body: &RequestBody) -> TokenStream {
    let media = &body.media_type;
    let step = match &body.encoding {
        BodyEncoding::Json => quote!(call.json_body(#media, body)?;),
        BodyEncoding::Form => quote!(call.form_body(body)?;),
        BodyEncoding::Text => quote!(call.bytes_body(#media, body.as_bytes().to_vec());),
        BodyEncoding::Bytes => quote!(body.send_with(&mut call, #media);),
        BodyEncoding::Multipart(form) => {
            let form = super::multipart::emit_form_steps(form, &op.spec_id);
            quote! {
                #form
                call.multipart_body(form);
            }
        }
    };
    if body.required {
        step
    } else {
        quote! {
            if let Some(body) = body {
                #step
            }
        }
    }
}

/// The argument names of an operation's method, in order, to pass them on.
fn forwarded_arguments(op: &Operation) -> Vec<TokenStream> {
    op.arguments
        .iter()
        .map(|argument| {
            let name = ident(&argument.rust_name);
            quote!(#name)
        })
        .collect()
}

/// `name: type` for each argument of the method but `skipped`, references living for `lifetime` (empty for
/// elided ones).
pub(super) fn method_arguments(
    op: &Operation,
    lifetime: &TokenStream,
    skipped: Option<Carries>,
) -> Vec<TokenStream> {
    op.arguments
        .iter()
        .filter(|argument| Some(argument.carries) != skipped)
        .map(|argument| {
            let name = ident(&argument.rust_name);
            let ty = argument_type(&argument.ty, lifetime);
            quote!(#name: #ty)
        })
        .collect()
}

/// The Rust spelling of how an argument is taken.
fn argument_type(ty: &ArgumentType, lifetime: &TokenStream) -> TokenStream {
    match ty {
        ArgumentType::Owned(ty) => type_tokens(ty),
        ArgumentType::Borrowed(TypeRef::String) => quote!(&#lifetime str),
        ArgumentType::Borrowed(TypeRef::Vec(item)) => {
            let item = type_tokens(item);
            quote!(&#lifetime [#item])
        }
        ArgumentType::Borrowed(ty) => {
            let ty = type_tokens(ty);
            quote!(&#lifetime #ty)
        }
        ArgumentType::Optional(inner) => {
            let inner = argument_type(inner, lifetime);
            quote!(Option<#inner>)
        }
    }
}

fn method_docs(op: &Operation) -> String {
    let mut parts = Vec::new();
    if let Some(summary) = &op.docs.summary {
        parts.push(summary.trim().to_string());
    }
    if let Some(description) = &op.docs.description {
        parts.push(description.trim().to_string());
    }
    parts.push(format!(
        "`{} {}` (`{}`)",
        op.method.wire_name(),
        op.path_template,
        op.spec_id
    ));
    let documented: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.required)
        .filter_map(|p| {
            p.docs
                .as_ref()
                .map(|d| format!("- `{}`: {}", p.rust_name, d.trim().replace('\n', " ")))
        })
        .collect();
    if !documented.is_empty() {
        parts.push(format!("# Arguments\n\n{}", documented.join("\n")));
    }
    if op.responses.len() > 1 {
        let listed: Vec<String> = op
            .responses
            .iter()
            .map(|r| {
                let status = match r.status {
                    StatusMatch::Code(code) => code.to_string(),
                    StatusMatch::Class(class) => format!("{class}XX"),
                    StatusMatch::Default => "other".to_string(),
                };
                let body = match r.body.as_ref().map(|b| &b.ty) {
                    Some(TypeRef::Named(name)) => {
                        format!(" ([`{name}`](crate::types::{name}))")
                    }
                    _ => String::new(),
                };
                format!(
                    "- {status}: {}{body}",
                    r.description.trim().replace('\n', " ")
                )
            })
            .collect();
        parts.push(format!("# Responses\n\n{}", listed.join("\n")));
    }
    if let Some(error_type) = &op.error_type {
        parts.push(format!(
            "# Errors\n\nError statuses with a declared body decode into \
             [`{error_type}`](crate::types::{error_type}) through \
             [`{error_type}::from_error`](crate::types::{error_type}::from_error)."
        ));
    }
    if let Returns::JsonAt { pointer, .. } = &op.returns {
        parts.push(format!(
            "Returns the part of the answer at `{pointer}` (an answer without it is empty)."
        ));
    }
    match &op.returns {
        Returns::Events { data, sentinel, .. } => parts.push(format!(
            "Returns the answer's Server-Sent Events as they arrive, each event's data {}{}. An event whose \
             data does not decode is an error item and the stream goes on; a connection that drops ends the \
             stream with an error{}. The client's timeout bounds each read, not the whole stream.",
            match data {
                TypeRef::String => "as text".to_string(),
                ty => format!(
                    "decoded as `{}`",
                    super::type_tokens(ty).to_string().replace(' ', "")
                ),
            },
            sentinel
                .as_ref()
                .map(|s| format!(", up to an event whose data is `{s}` (not yielded)"))
                .unwrap_or_default(),
            if op.method.may_repeat() {
                ", unless the retry policy allows resuming it: the request is sent again with \
                 `Last-Event-ID`, after the server's `retry` time or the policy's backoff"
            } else {
                " (a request of this method is never sent twice, so the stream is not resumed)"
            },
        )),
        Returns::Lines { .. } => parts.push(
            "Returns the answer's JSON texts as they arrive, one item each. A text that does not decode \
             is an error item and the stream goes on; a connection that drops ends the stream with an \
             error. The client's timeout bounds each read, not the whole stream."
                .into(),
        ),
        _ => {}
    }
    if let Returns::Exists = op.returns {
        parts.push(
            "Returns `true` when the server answers with success and `false` on 404 Not Found."
                .into(),
        );
    }
    parts.join("\n\n")
}

/// Each path parameter encoded as one segment into a binding of its own name, and the path that names them
/// inline (`format!("/a/{b}")`). The path is no binding of its own, so no parameter's name can clash with it.
fn emit_path(op: &Operation) -> (Vec<TokenStream>, TokenStream) {
    let mut template = String::new();
    let mut encodings = Vec::new();
    for segment in &op.path {
        match segment {
            PathSegment::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathSegment::Param(index) => {
                let param = &op.params[*index];
                let wire = &param.wire_name;
                let value = ident(&param.rust_name);
                template.push_str(&format!("{{{}}}", param.rust_name));
                encodings.push(match param.encoding {
                    ParamEncoding::Styled {
                        shape,
                        style,
                        explode,
                    } => {
                        let parts = emit_parts(&op.spec_id, param, shape, &quote!(#value));
                        let style = style_tokens(style);
                        quote!(let #value = crate::params::path_styled(#wire, #parts, #style, #explode)?;)
                    }
                    ParamEncoding::Json => {
                        let operation = &op.spec_id;
                        quote!(let #value = crate::params::path_segment(#wire, crate::params::json_text(#operation, &#value)?)?;)
                    }
                    _ => quote!(let #value = crate::params::path_segment(#wire, #value)?;),
                });
            }
        }
    }
    let path = if encodings.is_empty() {
        quote!(#template.to_string())
    } else {
        quote!(format!(#template))
    };
    (encodings, path)
}

fn emit_security(api: &Api, op: &Operation) -> TokenStream {
    let alternatives = op.security.iter().map(|requirement| {
        let schemes = requirement.0.iter().map(|index| {
            let variant = ident(&api.security_schemes[*index].variant);
            quote!(crate::credentials::Scheme::#variant)
        });
        quote!(&[#(#schemes),*])
    });
    quote!(&[#(#alternatives),*])
}

/// How one query, header or cookie parameter is added to the call; `value` is an expression for its value.
fn emit_param_step(operation: &str, param: &Parameter, value: &TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    match (param.location, param.encoding) {
        (
            location,
            ParamEncoding::Styled {
                shape,
                style,
                explode,
            },
        ) => {
            let parts = emit_parts(operation, param, shape, value);
            let style = style_tokens(style);
            let text = quote!(crate::params::styled(#wire, #parts, #style, #explode));
            match location {
                ParamLocation::Header => quote!(call.header(#wire, #text)?;),
                ParamLocation::Cookie => quote!(call.cookie(#wire, #text)?;),
                _ => quote!(call.query(#wire, #text);),
            }
        }
        (ParamLocation::Query, ParamEncoding::Display) => quote!(call.query(#wire, #value);),
        (ParamLocation::Query, ParamEncoding::EachDisplay) => quote! {
            for item in #value.iter() {
                call.query(#wire, item);
            }
        },
        (ParamLocation::Query, ParamEncoding::Json) => quote!(call.query_json(#wire, &#value)?;),
        (ParamLocation::Query, ParamEncoding::ObjectExploded) => {
            quote!(call.query_object(#wire, &#value, false, true)?;)
        }
        (ParamLocation::Query, ParamEncoding::ObjectJoined) => {
            quote!(call.query_object(#wire, &#value, false, false)?;)
        }
        (ParamLocation::Query, ParamEncoding::DeepObject) => {
            quote!(call.query_object(#wire, &#value, true, true)?;)
        }
        (location, ParamEncoding::Joined(delimiter)) => {
            let delimiter = delimiter.to_string();
            let joined = quote!(#value.iter().map(::std::string::ToString::to_string).collect::<Vec<_>>().join(#delimiter));
            match location {
                ParamLocation::Header => quote!(call.header(#wire, #joined)?;),
                ParamLocation::Cookie => quote!(call.cookie(#wire, #joined)?;),
                _ => quote!(call.query(#wire, #joined);),
            }
        }
        (ParamLocation::Header, ParamEncoding::Json) => {
            quote!(call.header(#wire, crate::params::json_text(#operation, &#value)?)?;)
        }
        (ParamLocation::Cookie, ParamEncoding::Json) => {
            quote!(call.cookie(#wire, crate::params::json_text(#operation, &#value)?)?;)
        }
        (ParamLocation::Header, _) => quote!(call.header(#wire, #value)?;),
        (ParamLocation::Cookie, _) => quote!(call.cookie(#wire, #value)?;),
        (ParamLocation::Path, _) => TokenStream::new(),
    }
}
