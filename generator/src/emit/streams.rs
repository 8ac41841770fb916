//! `<name>_stream`: every item of a paged listing, fetched page by page as the stream is read. The stream
//! takes the method's arguments (minus a page number or offset it counts itself) and keeps its own copies of
//! them and of the client (clones share the connection pool), so it borrows nothing: it may be returned,
//! stored or spawned on a task, and `client.list_stream(id, &Options::default())` needs no variable to hold
//! the options. Each shape of `Pages` is spelled out here as the cursor the stream starts from and the
//! fetch of one page for a cursor; `runtime/pages.rs` does the rest.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::method_arguments;
use super::{ident, raw_literal, type_tokens};
use crate::ir::{
    ArgumentType, Carries, CursorPages, CursorPick, LinkFrom, Operation, Pages, Pagination, TypeRef,
};

/// What is said of every stream, after how it pages.
const LAZY: &str =
    "Pages are fetched as the stream is read; an error ends the stream after the items before it.";

/// The stream method of a paged operation.
pub(super) fn emit(op: &Operation, pagination: &Pagination) -> TokenStream {
    let stream = ident(&pagination.stream_name);
    let item = type_tokens(&pagination.item);
    let skipped = counted_argument(op, &pagination.pages);
    let args = method_arguments(op, &TokenStream::new(), skipped);
    let copies = owned_copies(op, skipped);
    let (start, fetch, how) = match &pagination.pages {
        Pages::Numbered { param, first } => numbered(op, pagination, *param, *first),
        Pages::Offset { param } => offset(op, pagination, *param),
        Pages::Cursor(cursor) => item_cursor(op, pagination, cursor),
        Pages::AnswerCursor { param, pointer } => {
            answer_cursor(op, *param, &pagination.items_at, pointer)
        }
        Pages::Link { from, binding } => link(op, &pagination.items_at, from, binding),
    };
    let doc = raw_literal(&format!(
        " Every item of [`Client::{0}`](Self::{0}), page after page: {how}. {LAZY}",
        op.rust_name
    ));
    quote! {
        #[doc = #doc]
        pub fn #stream(&self, #(#args),*) -> crate::Items<'static, #item> {
            let client = self.clone();
            #(#copies)*
            crate::Items::new(crate::pages::pages(#start, #fetch))
        }
    }
}

/// The argument the stream leaves out because it counts it itself: a required page number or offset.
fn counted_argument(op: &Operation, pages: &Pages) -> Option<Carries> {
    match pages {
        Pages::Numbered { param, .. } | Pages::Offset { param } if op.params[*param].required => {
            Some(Carries::Param(*param))
        }
        _ => None,
    }
}

/// The stream's own copies of the method's borrowed arguments (but `skipped`).
fn owned_copies(op: &Operation, skipped: Option<Carries>) -> Vec<TokenStream> {
    op.arguments
        .iter()
        .filter(|argument| Some(argument.carries) != skipped)
        .filter_map(|argument| {
            let name = ident(&argument.rust_name);
            match &argument.ty {
                ArgumentType::Borrowed(TypeRef::String) => {
                    Some(quote!(let #name = #name.to_owned();))
                }
                ArgumentType::Borrowed(TypeRef::Vec(_)) => {
                    Some(quote!(let #name = #name.to_vec();))
                }
                ArgumentType::Borrowed(_) => Some(quote!(let #name = #name.clone();)),
                ArgumentType::Owned(_) | ArgumentType::Optional(_) => None,
            }
        })
        .collect()
}

/// The method's arguments as one page's fetch passes them on from the stream's copies, with the page's
/// cursor (the closure's argument, named after the parameter `param`) in that parameter: as the argument
/// itself when it is required, else in a copy of the options (which the returned statement makes), wrapped
/// in `Some` when the cursor is a plain value (`in_some`).
fn with_cursor(op: &Operation, param: usize, in_some: bool) -> (TokenStream, Vec<TokenStream>) {
    let carrier = &op.params[param];
    let value = ident(&carrier.rust_name);
    let options_struct = op.options_struct.as_deref().map(ident);
    // The options struct holds the optional parameters; the others are kept as the caller set them.
    let others =
        (op.params.iter().filter(|p| !p.required).count() > 1).then(|| quote!(..options.clone()));
    let options = match (carrier.required, in_some) {
        (true, _) => TokenStream::new(),
        (false, true) => {
            quote!(let options = #options_struct { #value: Some(#value), #others };)
        }
        (false, false) => quote!(let options = #options_struct { #value, #others };),
    };
    let args = op
        .arguments
        .iter()
        .map(|argument| {
            let name = ident(&argument.rust_name);
            match (argument.carries, &argument.ty) {
                (Carries::Param(index), _) if index == param => quote!(#value),
                (_, ArgumentType::Borrowed(_)) => quote!(&#name),
                (_, ArgumentType::Owned(_) | ArgumentType::Optional(_)) => quote!(#name),
            }
        })
        .collect();
    (options, args)
}

/// The future of one page's items, on the stream's own client: the method's own answer, or the part of it
/// `x-pagination.items` names.
fn fetch_items(op: &Operation, pagination: &Pagination, args: &[TokenStream]) -> TokenStream {
    let request = ident(&op.request_name);
    let decode = if pagination.items_within {
        let items_at = &pagination.items_at;
        quote!(|answer| answer.items(#items_at))
    } else {
        // Lowering pages only operations whose answer is read whole.
        super::operations::whole_value_decoder(&op.returns).unwrap_or_default()
    };
    quote!(client.clone().execute_owned(Self::#request(#(#args),*), #decode))
}

/// The cursor an optional parameter starts from: the caller's options' value, copied or cloned.
fn from_options(op: &Operation, param: usize) -> TokenStream {
    let field = ident(&op.params[param].rust_name);
    match op.params[param].ty {
        TypeRef::String => quote!(options.#field.clone()),
        _ => quote!(options.#field),
    }
}

/// Pages `first`, `first + 1`, ... (or from the options' page).
fn numbered(
    op: &Operation,
    pagination: &Pagination,
    param: usize,
    first: i64,
) -> (TokenStream, TokenStream, String) {
    let carrier = &op.params[param];
    let page = ident(&carrier.rust_name);
    let first_literal = proc_macro2::Literal::i64_unsuffixed(first);
    let (start, from) = if carrier.required {
        (
            quote!(#first_literal),
            format!("page {first}, {}", first + 1),
        )
    } else {
        let options_page = from_options(op, param);
        (
            quote!(#options_page.unwrap_or(#first_literal)),
            format!("the page `options` asks for (or page {first}), the one after it"),
        )
    };
    let from = format!("{from} and so on, up to the first empty page");
    let (options, args) = with_cursor(op, param, true);
    let fetched = fetch_items(op, pagination, &args);
    let fetch = quote! {
        move |#page| {
            #options
            crate::pages::numbered(#fetched, #page)
        }
    };
    (start, fetch, from)
}

/// Offsets 0 (or the options' offset), then past each page's items.
fn offset(
    op: &Operation,
    pagination: &Pagination,
    param: usize,
) -> (TokenStream, TokenStream, String) {
    let carrier = &op.params[param];
    let offset = ident(&carrier.rust_name);
    let start = if carrier.required {
        quote!(0)
    } else {
        let options_offset = from_options(op, param);
        quote!(#options_offset.unwrap_or(0))
    };
    let (options, args) = with_cursor(op, param, true);
    let fetched = fetch_items(op, pagination, &args);
    let fetch = quote! {
        move |#offset| {
            #options
            crate::pages::offset(#fetched, #offset)
        }
    };
    let how = format!(
        "`{}` counts the items before each page, from {}, up to the first empty page",
        carrier.rust_name,
        if carrier.required {
            "0"
        } else {
            "the options' value (or 0)"
        }
    );
    (start, fetch, how)
}

/// The first page as the options ask for it, then each next one with the cursor read from the items of the
/// page before.
fn item_cursor(
    op: &Operation,
    pagination: &Pagination,
    cursor: &CursorPages,
) -> (TokenStream, TokenStream, String) {
    let CursorPages {
        param,
        field,
        field_optional,
        pick,
        ty,
    } = cursor;
    let carrier = &op.params[*param];
    let carrier_var = ident(&carrier.rust_name);
    let field_ident = ident(field);
    let item_ty = type_tokens(&pagination.item);
    let value = match ty {
        TypeRef::String => quote!(item.#field_ident.clone()),
        _ => quote!(item.#field_ident),
    };
    let next = match (pick, field_optional) {
        (CursorPick::First, true) => quote!(page.first().and_then(|item| #value)),
        (CursorPick::First, false) => quote!(page.first().map(|item| #value)),
        (CursorPick::Last, true) => quote!(page.last().and_then(|item| #value)),
        (CursorPick::Last, false) => quote!(page.last().map(|item| #value)),
        (CursorPick::Min, true) => quote!(page.iter().filter_map(|item| #value).min()),
        (CursorPick::Min, false) => quote!(page.iter().map(|item| #value).min()),
        (CursorPick::Max, true) => quote!(page.iter().filter_map(|item| #value).max()),
        (CursorPick::Max, false) => quote!(page.iter().map(|item| #value).max()),
    };
    let (options, args) = with_cursor(op, *param, false);
    let fetched = fetch_items(op, pagination, &args);
    let fetch = quote! {
        move |#carrier_var| {
            #options
            crate::pages::following(#fetched, |page: &[#item_ty]| #next)
        }
    };
    let which = match pick {
        CursorPick::First => format!("the `{field}` of the first item"),
        CursorPick::Last => format!("the `{field}` of the last item"),
        CursorPick::Min => format!("the smallest `{field}` among the items"),
        CursorPick::Max => format!("the largest `{field}` among the items"),
    };
    let how = format!(
        "the first page as `options` asks for it, then each next one with `{}` set to {which} of the \
         page before, up to an empty page or a cursor that does not move",
        carrier.rust_name
    );
    (from_options(op, *param), fetch, how)
}

/// The first page as the options ask for it, then each next one with the cursor the answer before held.
fn answer_cursor(
    op: &Operation,
    param: usize,
    items_at: &str,
    pointer: &str,
) -> (TokenStream, TokenStream, String) {
    let request = ident(&op.request_name);
    let carrier = &op.params[param];
    let carrier_var = ident(&carrier.rust_name);
    let (options, args) = with_cursor(op, param, false);
    let fetch = quote! {
        move |#carrier_var| {
            #options
            client.clone().execute_owned(Self::#request(#(#args),*), |answer| answer.cursor_page(#items_at, #pointer))
        }
    };
    let how = format!(
        "the first page as `options` asks for it, then each next one with `{}` set to the cursor the \
         answer before held at `{pointer}`, up to an answer without one",
        carrier.rust_name
    );
    (from_options(op, param), fetch, how)
}

/// The first page as the arguments ask for it, then each page the answer before links to.
fn link(
    op: &Operation,
    items_at: &str,
    from: &LinkFrom,
    binding: &str,
) -> (TokenStream, TokenStream, String) {
    let request = ident(&op.request_name);
    let link = ident(binding);
    let args: Vec<TokenStream> = op
        .arguments
        .iter()
        .map(|argument| {
            let name = ident(&argument.rust_name);
            match argument.ty {
                ArgumentType::Borrowed(_) => quote!(&#name),
                ArgumentType::Owned(_) | ArgumentType::Optional(_) => quote!(#name),
            }
        })
        .collect();
    let (page, where_) = match from {
        LinkFrom::Header => (
            quote!(answer.link_page_from_header(#items_at)),
            "the `Link` header's `rel=\"next\"`".to_string(),
        ),
        LinkFrom::Body(pointer) => (
            quote!(answer.link_page_from_body(#items_at, #pointer)),
            format!("the URL at `{pointer}`"),
        ),
    };
    let fetch = quote! {
        move |#link: Option<String>| {
            let call = Self::#request(#(#args),*)
                .and_then(|call| call.follow(client.base_url(), #link.as_deref()));
            client.clone().execute_owned(call, |answer| #page)
        }
    };
    let how = format!(
        "the first page as the arguments ask for it, then each page {where_} of the answer before names \
         (followed only within the base URL), up to an answer without one"
    );
    (quote!(None), fetch, how)
}
