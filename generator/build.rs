//! Prepares the hand-written runtime modules (`runtime/*.rs`) when the generator is built. Each is formatted
//! with the code emission formats generated files with (`src/emit/format.rs`): every generation used to parse
//! and print them again, about a tenth of the work of generating the Crisp client. And each is cut where its
//! `only_if` markers say, so emission can copy a crate only the pieces its operations use
//! (`src/emit/runtime.rs` reads the result):
//!
//! - `#![only_if(a, b)]` at the top of a file: the module is needed when piece `a` or `b` is;
//! - `#[only_if(a, b)]` as the first attribute of an item, or of an item in an `impl` block: that item is.
//!
//! The pieces are the fields of `ir::Needs`. A marker is the only thing in a runtime file that is not plain
//! Rust, and it never reaches a generated crate.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::punctuated::Punctuated;

#[allow(dead_code)]
#[path = "src/emit/format.rs"]
mod format;

/// The runtime modules emission may copy into a crate, in the order a crate declares them.
const RUNTIME_MODULES: &[&str] = &[
    "client.rs",
    "call.rs",
    "answer.rs",
    "whole_answer.rs",
    "params.rs",
    "tagged.rs",
    "nulls.rs",
    "file_part.rs",
    "upload.rs",
    "error.rs",
    "retry.rs",
    "items.rs",
    "pages.rs",
    "streaming.rs",
    "event_frames.rs",
    "line_frames.rs",
    "links.rs",
    "link_header.rs",
    "pointer.rs",
    "webhook_event.rs",
    "webhook_signature.rs",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=src/emit/format.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    let mut table = String::from("&[\n");
    for name in RUNTIME_MODULES {
        let source_path = Path::new("runtime").join(name);
        println!("cargo::rerun-if-changed={}", source_path.display());
        let source = std::fs::read_to_string(&source_path)?;
        let place = source_path.display().to_string();
        let tokens: TokenStream = source.parse().map_err(|err| format!("{place}: {err}"))?;
        let mut formatted = String::new();
        format::format_into(&mut formatted, &place, tokens)?;
        let module = cut(&formatted, &place)?;
        writeln!(
            table,
            "    RuntimeModule {{ name: {:?}, only_if: &{:?}, segments: &[",
            name.trim_end_matches(".rs"),
            module.only_if
        )?;
        for (only_if, text) in module.segments {
            writeln!(table, "        (&{only_if:?}, {text:?}),")?;
        }
        table.push_str("    ] },\n");
    }
    table.push_str("]\n");
    std::fs::write(out_dir.join("runtime_modules.rs"), table)?;
    Ok(())
}

/// A formatted runtime module cut at its markers.
struct Cut {
    /// The pieces that need the module; empty when every crate does.
    only_if: Vec<String>,
    /// The module's text in order, each part with the pieces that need it (empty: always kept).
    segments: Vec<(&'static [&'static str], String)>,
}

/// A marked range of lines, 1-based and inclusive: the marker's lines (one, or several when the formatter
/// broke a long list of pieces), then the item's.
struct Marked {
    marker: usize,
    marker_end: usize,
    end: usize,
    only_if: Vec<String>,
}

fn cut(formatted: &str, place: &str) -> Result<Cut, String> {
    let file = syn::parse_file(formatted).map_err(|err| format!("{place}: {err}"))?;
    let mut file_only_if = Vec::new();
    let mut file_marker = None;
    for attr in &file.attrs {
        if let Some(names) = marker_names(attr, place)? {
            file_only_if = names;
            file_marker = Some(
                attr.pound_token.span.start().line..=attr.bracket_token.span.close().end().line,
            );
        }
    }
    let mut marked = Vec::new();
    for item in &file.items {
        if let Some(range) = marked_range(item_attrs(item), item, place)? {
            marked.push(range);
            continue;
        }
        if let syn::Item::Impl(block) = item {
            for inner in &block.items {
                if let Some(range) = marked_range(impl_item_attrs(inner), inner, place)? {
                    marked.push(range);
                }
            }
        }
    }
    let lines: Vec<&str> = formatted.lines().collect();
    let mut segments = Vec::new();
    let mut plain = String::new();
    let mut line = 1;
    for range in marked {
        for text in &lines[line - 1..range.marker - 1] {
            if !file_marker
                .as_ref()
                .is_some_and(|lines| lines.contains(&line))
            {
                plain.push_str(text);
                plain.push('\n');
            }
            line += 1;
        }
        if !lines[range.marker - 1]
            .trim_start()
            .starts_with("#[only_if(")
        {
            return Err(format!(
                "{place}:{}: `only_if` must be an item's first attribute",
                range.marker
            ));
        }
        segments.push((EMPTY, std::mem::take(&mut plain)));
        let kept: String = lines[range.marker_end..range.end]
            .iter()
            .map(|text| format!("{text}\n"))
            .collect();
        segments.push((leak(range.only_if), kept));
        line = range.end + 1;
    }
    for text in &lines[line - 1..] {
        if !file_marker
            .as_ref()
            .is_some_and(|lines| lines.contains(&line))
        {
            plain.push_str(text);
            plain.push('\n');
        }
        line += 1;
    }
    segments.push((EMPTY, plain));
    segments.retain(|(_, text)| !text.is_empty());
    Ok(Cut {
        only_if: file_only_if,
        segments,
    })
}

const EMPTY: &[&str] = &[];

/// The names as a static list, for the table (the build script runs once, so nothing is lost).
fn leak(names: Vec<String>) -> &'static [&'static str] {
    let names: Vec<&'static str> = names
        .into_iter()
        .map(|name| &*Box::leak(name.into_boxed_str()))
        .collect();
    Box::leak(names.into_boxed_slice())
}

/// The lines a marked item spans, from its marker to its last token.
fn marked_range(
    attrs: &[syn::Attribute],
    item: &impl ToTokens,
    place: &str,
) -> Result<Option<Marked>, String> {
    let Some(first) = attrs.first() else {
        return Ok(None);
    };
    for attr in &attrs[1..] {
        if marker_names(attr, place)?.is_some() {
            return Err(format!(
                "{place}:{}: `only_if` must be an item's first attribute",
                attr.pound_token.span.start().line
            ));
        }
    }
    let Some(only_if) = marker_names(first, place)? else {
        return Ok(None);
    };
    let end = item
        .to_token_stream()
        .into_iter()
        .last()
        .map(|token| token.span().end().line)
        .ok_or_else(|| format!("{place}: an empty item"))?;
    Ok(Some(Marked {
        marker: first.pound_token.span.start().line,
        marker_end: first.bracket_token.span.close().end().line,
        end,
        only_if,
    }))
}

/// The piece names of an `only_if` marker, or `None` for another attribute.
fn marker_names(attr: &syn::Attribute, place: &str) -> Result<Option<Vec<String>>, String> {
    if !attr.path().is_ident("only_if") {
        return Ok(None);
    }
    let names = attr
        .parse_args_with(Punctuated::<syn::Ident, syn::Token![,]>::parse_terminated)
        .map_err(|err| {
            format!(
                "{place}:{}: `only_if` takes piece names: {err}",
                attr.pound_token.span.start().line
            )
        })?;
    Ok(Some(names.iter().map(ToString::to_string).collect()))
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

fn impl_item_attrs(item: &syn::ImplItem) -> &[syn::Attribute] {
    match item {
        syn::ImplItem::Const(item) => &item.attrs,
        syn::ImplItem::Fn(item) => &item.attrs,
        syn::ImplItem::Type(item) => &item.attrs,
        _ => &[],
    }
}
