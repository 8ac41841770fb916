//! Bundling: the generated crate's Rust files as one source text, the body of a module of another crate
//! (`pub mod pets { include!(concat!(env!("OUT_DIR"), "/pets.rs")); }`), so a crate can generate its client
//! from its build script instead of depending on a committed one.
//!
//! An `include!`d file is spliced into the module that includes it, so what made sense at a crate's root
//! is rewritten to make sense there:
//!
//! - each `mod name;` becomes `mod name { ... }` with the items of its file; the file's inner attributes and
//!   `//!` docs become outer ones after the declaration's own (an item with both kinds is what clippy's
//!   `mixed_attributes_style` warns about); visibility stays;
//! - `lib.rs`'s own inner attributes and `//!` docs are dropped (a crate's front page, and attributes an
//!   included file cannot start with), except lint levels (`#![allow(dead_code)]`), which go on each of its
//!   items instead;
//! - every path that starts with `crate` (`crate::types::Pet`, `use crate::{Error, RetryPolicy};`, in macro
//!   arguments too) gets the module's path after `crate`; so does each `crate::` in a doc attribute (intra-doc
//!   links) or in another attribute's string; `pub(crate)` stays as it is;
//! - `env!("CARGO_PKG_NAME")` and `env!("CARGO_PKG_VERSION")` would name the including crate: they become the
//!   generated package's name and version, so a client says the same `User-Agent` whichever way it was
//!   generated. Any other `env!`, and `include!`-like macros (whose paths would be read from the output
//!   directory), are refused;
//! - `#[cfg(test)]` items (the runtime's own unit tests) are left out: they are the generator's tests, and
//!   would run, and be linted, as the including crate's.
//!
//! Ordinary comments do not survive parsing; doc comments do. The result is formatted like every generated
//! file, and is the same for the same files.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

use crate::emit::GeneratedFile;

/// Where a bundle is included, from the including crate's root: `pets` or `api::pets`; no segments for the
/// root itself. Checked when made, so bundling never has to reject it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePath {
    segments: Vec<Ident>,
}

impl ModulePath {
    /// Reads `pets`, `api::pets` or `crate::api::pets` (the same); an empty string is the crate root. Each
    /// segment must be a Rust identifier that is not a keyword (raw identifiers such as `r#type` are fine).
    pub fn parse(path: &str) -> Result<Self, String> {
        let path = path.trim();
        let path = path.strip_prefix("crate::").unwrap_or(path);
        if path.is_empty() || path == "crate" {
            return Ok(Self {
                segments: Vec::new(),
            });
        }
        let segments = path
            .split("::")
            .map(|segment| {
                syn::parse_str::<Ident>(segment.trim()).map_err(|_| {
                    format!(
                        "module path `{path}`: `{}` is not a Rust identifier a module can be named \
                         (write a path such as `pets` or `api::pets`)",
                        segment.trim()
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { segments })
    }

    /// The path as Rust spells it (`api::pets`); empty for the crate root.
    pub fn to_rust(&self) -> String {
        let segments: Vec<String> = self.segments.iter().map(Ident::to_string).collect();
        segments.join("::")
    }

    /// The last segment (`pets` for `api::pets`), if the path is not the crate root.
    pub fn last(&self) -> Option<String> {
        self.segments
            .last()
            .map(|ident| ident.to_string().trim_start_matches("r#").to_string())
    }
}

/// What a bundle needs besides the files.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Where the bundle is included.
    pub module_path: &'a ModulePath,
    /// The generated package's name, for `env!("CARGO_PKG_NAME")`.
    pub package_name: &'a str,
    /// The generated package's version, for `env!("CARGO_PKG_VERSION")`.
    pub package_version: &'a str,
    /// The first line of the bundle, after `// `: that it is generated, and what regenerates it.
    pub first_line: &'a str,
}

/// The crate's Rust files (`src/lib.rs` and the modules it declares, as [`crate::generate`] gives them) as one
/// formatted source text, the body of the module at `options.module_path`. Files that are not Rust
/// (`Cargo.toml`, `openapi.json`) are left out. Fails when a file does not parse, a module's file is
/// missing, a Rust file is declared by no module, or the code reads something an included file cannot
/// (see the module docs): all bugs of the generator, not of a spec.
pub fn bundle(files: &[GeneratedFile], options: &Options<'_>) -> Result<String, String> {
    let mut sources = Sources {
        files,
        used: vec![false; files.len()],
    };
    let root = sources.parse("src/lib.rs", "src/")?;
    if let Some(orphan) = files
        .iter()
        .zip(&sources.used)
        .find(|(file, used)| file.path.ends_with(".rs") && !**used)
    {
        return Err(format!(
            "{} is declared by no module of src/lib.rs",
            orphan.0.path
        ));
    }
    let lints: Vec<syn::Attribute> = root
        .attrs
        .into_iter()
        .filter(is_lint_level)
        .map(|mut attr| {
            attr.style = syn::AttrStyle::Outer;
            attr
        })
        .collect();
    let mut items = root.items;
    for item in &mut items {
        if let Some(attrs) = item_attrs(item) {
            attrs.splice(0..0, lints.iter().cloned());
            docs_first(attrs);
        }
    }
    let mut file = syn::File {
        shebang: None,
        frontmatter: None,
        attrs: Vec::new(),
        items,
    };
    let mut rewrite = Rewrite {
        module: &options.module_path.segments,
        package_name: options.package_name,
        package_version: options.package_version,
        error: None,
    };
    rewrite.visit_file_mut(&mut file);
    if let Some(error) = rewrite.error {
        return Err(error);
    }
    let mut out = format!("// {}\n", options.first_line.replace(['\r', '\n'], " "));
    crate::emit::format_into(&mut out, "the bundled module", file.to_token_stream())?;
    Ok(out)
}

/// The crate's files, and which of them a module has taken.
struct Sources<'a> {
    files: &'a [GeneratedFile],
    used: Vec<bool>,
}

impl Sources<'_> {
    /// The file at `path`, parsed, with each `mod name;` in it (at any depth) replaced by the items of its
    /// file, looked for in `children` (the directory of the module's children: `src/` for `src/lib.rs`,
    /// `src/types/` for `src/types.rs`). Its `#[cfg(test)]` items are left out.
    fn parse(&mut self, path: &str, children: &str) -> Result<syn::File, String> {
        let index = self
            .files
            .iter()
            .position(|file| file.path == path)
            .ok_or_else(|| format!("{path} is missing"))?;
        if self.used[index] {
            return Err(format!("{path} is declared by two modules"));
        }
        self.used[index] = true;
        let mut file =
            syn::parse_file(&self.files[index].contents).map_err(|err| format!("{path}: {err}"))?;
        self.inline_modules(&mut file.items, path, children)?;
        Ok(file)
    }

    /// Inlines the module declarations among `items` (and in inline modules among them), which are in the
    /// file at `path`.
    fn inline_modules(
        &mut self,
        items: &mut Vec<syn::Item>,
        path: &str,
        children: &str,
    ) -> Result<(), String> {
        items.retain_mut(|item| !item_attrs(item).is_some_and(|attrs| is_cfg_test(attrs)));
        for item in items {
            let syn::Item::Mod(module) = item else {
                continue;
            };
            let name = module.ident.to_string();
            let name = name.trim_start_matches("r#");
            if module.attrs.iter().any(|attr| attr.path().is_ident("path")) {
                return Err(format!(
                    "{path}: module `{name}` has a #[path] attribute, which bundling does not follow"
                ));
            }
            match &mut module.content {
                Some((_, inner)) => {
                    // An inline module's children live in a directory named after it.
                    self.inline_modules(inner, path, &format!("{children}{name}/"))?;
                }
                None => {
                    let flat = format!("{children}{name}.rs");
                    let nested = format!("{children}{name}/mod.rs");
                    let file = if self.files.iter().any(|file| file.path == flat) {
                        flat
                    } else {
                        nested
                    };
                    let child = self.parse(&file, &format!("{children}{name}/"))?;
                    // Outer, beside the declaration's own: an item with both inner and outer attributes
                    // is what clippy's `mixed_attributes_style` warns about in the including crate.
                    module.attrs.extend(child.attrs.into_iter().map(|mut attr| {
                        attr.style = syn::AttrStyle::Outer;
                        attr
                    }));
                    docs_first(&mut module.attrs);
                    module.content = Some((syn::token::Brace::default(), child.items));
                    module.semi = None;
                }
            }
        }
        Ok(())
    }
}

/// Puts an item's doc attributes before its others, keeping each group's order, so it reads as written by
/// hand (`/// docs`, then `#[cfg(..)]`); the order of attributes means nothing to the compiler here.
fn docs_first(attrs: &mut [syn::Attribute]) {
    attrs.sort_by_key(|attr| !attr.path().is_ident("doc"));
}

/// Whether an attribute sets a lint level (`allow`, `expect`, `warn`, `deny`, `forbid`), which an item may
/// carry as well as a crate.
fn is_lint_level(attr: &syn::Attribute) -> bool {
    ["allow", "expect", "warn", "deny", "forbid"]
        .iter()
        .any(|level| attr.path().is_ident(level))
}

/// Whether attributes include `#[cfg(test)]`.
fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| match &attr.meta {
        syn::Meta::List(list) => list.path.is_ident("cfg") && list.tokens.to_string() == "test",
        _ => false,
    })
}

/// The attributes of an item; none for items syn keeps as tokens.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(item) => &mut item.attrs,
        syn::Item::Enum(item) => &mut item.attrs,
        syn::Item::ExternCrate(item) => &mut item.attrs,
        syn::Item::Fn(item) => &mut item.attrs,
        syn::Item::ForeignMod(item) => &mut item.attrs,
        syn::Item::Impl(item) => &mut item.attrs,
        syn::Item::Macro(item) => &mut item.attrs,
        syn::Item::Mod(item) => &mut item.attrs,
        syn::Item::Static(item) => &mut item.attrs,
        syn::Item::Struct(item) => &mut item.attrs,
        syn::Item::Trait(item) => &mut item.attrs,
        syn::Item::TraitAlias(item) => &mut item.attrs,
        syn::Item::Type(item) => &mut item.attrs,
        syn::Item::Union(item) => &mut item.attrs,
        syn::Item::Use(item) => &mut item.attrs,
        _ => return None,
    })
}

/// Rewrites what means something else once included: `crate` paths and the compile-time environment.
struct Rewrite<'a> {
    /// The module path inserted after each `crate`.
    module: &'a [Ident],
    package_name: &'a str,
    package_version: &'a str,
    /// The first thing found that cannot be included (a visitor cannot return early).
    error: Option<String>,
}

/// Macros whose meaning depends on where the file is or what is compiling it.
const PLACE_MACROS: &[&str] = &[
    "env",
    "option_env",
    "include",
    "include_str",
    "include_bytes",
];

impl Rewrite<'_> {
    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    /// What `env!(name)` becomes: the package's name or version as a string literal.
    fn package_value(&mut self, macro_name: &str, arguments: &TokenStream) -> Option<&str> {
        let mut tokens = arguments.clone().into_iter();
        let variable = match (macro_name, tokens.next(), tokens.next()) {
            ("env", Some(TokenTree::Literal(literal)), None) => match syn::Lit::new(literal) {
                syn::Lit::Str(text) => text.value(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        match variable.as_str() {
            "CARGO_PKG_NAME" => Some(self.package_name),
            "CARGO_PKG_VERSION" => Some(self.package_version),
            _ => {
                self.fail(format!(
                    "`{macro_name}!({arguments})` depends on where the file is or on the crate compiling \
                     it, which both change when the file is included"
                ));
                None
            }
        }
    }

    /// `text` with the module path after each `crate::` that starts a path (not part of a longer name).
    fn rewrite_text(&self, text: &str) -> Option<String> {
        if self.module.is_empty() || !text.contains("crate::") {
            return None;
        }
        let module = self.module.iter().map(|ident| format!("{ident}::"));
        let module: String = module.collect();
        let mut out = String::with_capacity(text.len() + module.len());
        let mut rest = text;
        while let Some(at) = rest.find("crate::") {
            let starts_path = !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | ':'));
            let after = at + "crate::".len();
            out.push_str(&rest[..after]);
            if starts_path {
                out.push_str(&module);
            }
            rest = &rest[after..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// A string literal with [`Rewrite::rewrite_text`] applied, if it changed.
    fn rewrite_lit_str(&self, literal: &mut syn::LitStr) {
        if let Some(text) = self.rewrite_text(&literal.value()) {
            *literal = syn::LitStr::new(&text, literal.span());
        }
    }

    /// Macro arguments or an attribute's tokens: `crate` paths get the module path; `env!` is replaced as in
    /// [`Rewrite::package_value`]; in attributes (`in_attribute`, and any `#[...]` inside), strings get
    /// [`Rewrite::rewrite_text`].
    fn rewrite_tokens(&mut self, tokens: TokenStream, in_attribute: bool) -> TokenStream {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(tokens.len());
        let mut index = 0;
        while index < tokens.len() {
            let token = &tokens[index];
            let next = tokens.get(index + 1);
            match token {
                TokenTree::Group(group) => {
                    let is_attribute =
                        group.delimiter() == Delimiter::Bracket && opens_attribute(&out);
                    let stream = self.rewrite_tokens(group.stream(), in_attribute || is_attribute);
                    let mut rewritten = Group::new(group.delimiter(), stream);
                    rewritten.set_span(group.span());
                    out.push(TokenTree::Group(rewritten));
                }
                TokenTree::Ident(ident)
                    if PLACE_MACROS.contains(&ident.to_string().as_str())
                        && matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == '!') =>
                {
                    let name = ident.to_string();
                    let arguments = match tokens.get(index + 2) {
                        Some(TokenTree::Group(group)) => group.stream(),
                        _ => TokenStream::new(),
                    };
                    if let Some(value) = self.package_value(&name, &arguments) {
                        let mut literal = Literal::string(value);
                        literal.set_span(ident.span());
                        out.push(TokenTree::Literal(literal));
                        index += 3;
                        continue;
                    }
                    out.push(token.clone());
                }
                TokenTree::Ident(ident)
                    if ident == "crate"
                        && is_path_separator(&tokens[index + 1..])
                        && !matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '$') =>
                {
                    out.push(token.clone());
                    for segment in self.module {
                        out.push(TokenTree::Punct(Punct::new(':', Spacing::Joint)));
                        out.push(TokenTree::Punct(Punct::new(':', Spacing::Alone)));
                        out.push(TokenTree::Ident(segment.clone()));
                    }
                }
                TokenTree::Literal(literal) if in_attribute => match syn::Lit::new(literal.clone())
                {
                    syn::Lit::Str(mut text) => {
                        self.rewrite_lit_str(&mut text);
                        out.push(TokenTree::Literal(text.token()));
                    }
                    _ => out.push(token.clone()),
                },
                _ => out.push(token.clone()),
            }
            index += 1;
        }
        out.into_iter().collect()
    }
}

/// Whether the tokens so far end with `#` or `#!`, so a bracket after them is an attribute (a doc comment in a
/// macro's arguments is one), not a macro's brackets (`vec![...]`).
fn opens_attribute(tokens: &[TokenTree]) -> bool {
    let is = |token: Option<&TokenTree>, c: char| matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c);
    let mut last = tokens.iter().rev();
    match last.next() {
        Some(token) if is(Some(token), '#') => true,
        Some(token) if is(Some(token), '!') => is(last.next(), '#'),
        _ => false,
    }
}

/// Whether `tokens` start with `::`.
fn is_path_separator(tokens: &[TokenTree]) -> bool {
    matches!(
        tokens,
        [TokenTree::Punct(first), TokenTree::Punct(second), ..]
            if first.as_char() == ':' && first.spacing() == Spacing::Joint && second.as_char() == ':'
    )
}

/// `tree` behind the module path: `crate::{a, b}` becomes `crate::pets::{a, b}`.
fn prefix_use_tree(module: &[Ident], tree: syn::UseTree) -> syn::UseTree {
    module.iter().rev().fold(tree, |tree, segment| {
        syn::UseTree::Path(syn::UsePath {
            ident: segment.clone(),
            colon2_token: Default::default(),
            tree: Box::new(tree),
        })
    })
}

/// A placeholder while a use tree is moved out of its place.
fn empty_use_tree() -> syn::UseTree {
    syn::UseTree::Glob(syn::UseGlob {
        star_token: Default::default(),
    })
}

impl Rewrite<'_> {
    /// Puts the module path after `crate` at the root of a use tree (`use crate::x;`, `use {crate::x, y};`,
    /// `use crate as name;`).
    fn rewrite_use_root(&self, tree: &mut syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) if path.ident == "crate" => {
                let rest = std::mem::replace(&mut *path.tree, empty_use_tree());
                *path.tree = prefix_use_tree(self.module, rest);
            }
            syn::UseTree::Rename(rename) if rename.ident == "crate" => {
                if let Some((last, parents)) = self.module.split_last() {
                    let renamed = syn::UseTree::Rename(syn::UseRename {
                        ident: last.clone(),
                        as_token: rename.as_token,
                        rename: rename.rename.clone(),
                    });
                    *tree = syn::UseTree::Path(syn::UsePath {
                        ident: Ident::new("crate", Span::call_site()),
                        colon2_token: Default::default(),
                        tree: Box::new(prefix_use_tree(parents, renamed)),
                    });
                }
            }
            syn::UseTree::Group(group) => {
                for item in &mut group.items {
                    self.rewrite_use_root(item);
                }
            }
            _ => {}
        }
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let starts_at_crate = path.leading_colon.is_none()
            && path.segments.len() > 1
            && path
                .segments
                .first()
                .is_some_and(|first| first.ident == "crate");
        if starts_at_crate {
            for (offset, segment) in self.module.iter().enumerate() {
                path.segments
                    .insert(1 + offset, syn::PathSegment::from(segment.clone()));
            }
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        if item.leading_colon.is_none() {
            self.rewrite_use_root(&mut item.tree);
        }
        visit_mut::visit_item_use_mut(self, item);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        match &mut attr.meta {
            syn::Meta::NameValue(pair) => {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &mut pair.value
                {
                    self.rewrite_lit_str(text);
                }
            }
            syn::Meta::List(list) => {
                list.tokens = self.rewrite_tokens(std::mem::take(&mut list.tokens), true);
            }
            syn::Meta::Path(_) => {}
        }
        visit_mut::visit_attribute_mut(self, attr);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Macro(call) = expr {
            let name = call.mac.path.get_ident().map(Ident::to_string);
            if let Some(name) = name.filter(|name| PLACE_MACROS.contains(&name.as_str())) {
                if let Some(value) = self.package_value(&name, &call.mac.tokens) {
                    *expr = syn::Expr::Lit(syn::ExprLit {
                        attrs: std::mem::take(&mut call.attrs),
                        lit: syn::Lit::Str(syn::LitStr::new(value, Span::call_site())),
                    });
                }
                return;
            }
        }
        visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_macro_mut(&mut self, call: &mut syn::Macro) {
        if let Some(name) = call.path.get_ident().map(Ident::to_string) {
            if PLACE_MACROS.contains(&name.as_str()) {
                self.fail(format!(
                    "`{name}!` outside an expression reads where the file is or what compiles it"
                ));
            }
        }
        call.tokens = self.rewrite_tokens(std::mem::take(&mut call.tokens), false);
        visit_mut::visit_macro_mut(self, call);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.to_string(),
            contents: contents.to_string(),
        }
    }

    fn bundled(files: &[GeneratedFile], module_path: &str) -> Result<String, String> {
        let module_path = ModulePath::parse(module_path)?;
        bundle(
            files,
            &Options {
                module_path: &module_path,
                package_name: "pets-client",
                package_version: "0.1.0",
                first_line: "@generated by a test.",
            },
        )
    }

    /// A crate of three files: a nested module declared from a module file, crate paths in code, use trees,
    /// macros, docs and attribute strings, crate-level docs and attributes, a unit test and `env!`.
    fn small_crate() -> Vec<GeneratedFile> {
        vec![
            file("Cargo.toml", "[package]\nname = \"pets-client\"\n"),
            file(
                "src/lib.rs",
                "// @generated\n//! The crate's front page.\n#![allow(dead_code)]\n#![doc(html_root_url = \"x\")]\n\
                 #[rustfmt::skip]\nmod client;\npub mod types;\npub use client::Client;\n\
                 pub const AGENT: &str = concat!(env!(\"CARGO_PKG_NAME\"), \"/\", env!(\"CARGO_PKG_VERSION\"));\n",
            ),
            file(
                "src/client.rs",
                "//! The client.\n#![allow(clippy::all)]\nuse crate::{types::Pet, AGENT};\nuse crate as root;\n\
                 /// Returns a [`Pet`](crate::types::Pet), never a [`my_crate::Pet`].\n\
                 #[derive(Debug)]\n#[serde(with = \"crate::types::pet\")]\npub(crate) struct Client;\n\
                 impl Client {\n    pub fn pet(&self) -> crate::types::Pet {\n        \
                 assert!(matches!(crate::types::Pet::new(), crate::types::Pet { .. }));\n        \
                 let _ = format!(\"crate::x {}\", AGENT);\n        let _ = env!(\"CARGO_PKG_VERSION\");\n        \
                 root::types::Pet::new()\n    }\n}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {}\n}\n",
            ),
            file(
                "src/types.rs",
                "//! Types.\n#[cfg(feature = \"all-schemas\")]\nmod unused;\npub struct Pet;\n\
                 impl Pet { pub(crate) fn new() -> Self { Pet } }\n",
            ),
            file("src/types/unused.rs", "//! Unused.\nuse super::*;\npub type Old = crate::types::Pet;\n"),
        ]
    }

    #[test]
    fn modules_are_inlined_and_crate_paths_point_into_the_module() {
        let text = bundled(&small_crate(), "api::pets").expect("bundles");
        // prettyplease prints the arguments of a macro it does not know as tokens, with a space after a
        // keyword such as `crate`.
        let expected = r#"// @generated by a test.
/// The client.
#[allow(dead_code)]
#[rustfmt::skip]
#[allow(clippy::all)]
mod client {
    use crate::api::pets::{types::Pet, AGENT};
    use crate::api::pets as root;

    /// Returns a [`Pet`](crate::api::pets::types::Pet), never a [`my_crate::Pet`].
    #[derive(Debug)]
    #[serde(with = "crate::api::pets::types::pet")]
    pub(crate) struct Client;

    impl Client {
        pub fn pet(&self) -> crate::api::pets::types::Pet {
            assert!(
                matches!(crate ::api::pets::types::Pet::new(), crate
                ::api::pets::types::Pet { .. })
            );
            let _ = format!("crate::x {}", AGENT);
            let _ = "0.1.0";
            root::types::Pet::new()
        }
    }
}

/// Types.
#[allow(dead_code)]
pub mod types {
    /// Unused.
    #[cfg(feature = "all-schemas")]
    mod unused {
        use super::*;

        pub type Old = crate::api::pets::types::Pet;
    }

    pub struct Pet;

    impl Pet {
        pub(crate) fn new() -> Self {
            Pet
        }
    }
}

#[allow(dead_code)]
pub use client::Client;
#[allow(dead_code)]
pub const AGENT: &str = concat!("pets-client", "/", "0.1.0");
"#;
        assert_eq!(text, expected, "{text}");
        syn::parse_file(&text).expect("the bundle parses");
    }

    /// At the crate root nothing moves, but the files are still one, without crate-level attributes.
    #[test]
    fn at_the_root_paths_stay() {
        let text = bundled(&small_crate(), "").expect("bundles");
        assert!(text.contains("use crate::{types::Pet, AGENT};"), "{text}");
        assert!(text.contains("(crate::types::Pet)"), "{text}");
        assert!(text.contains("use crate as root;"), "{text}");
        let file = syn::parse_file(&text).expect("the bundle parses");
        assert!(
            file.attrs.is_empty(),
            "no inner attribute at the top: {text}"
        );
        assert!(!text.contains("front page"), "{text}");
    }

    #[test]
    fn module_paths_are_checked() {
        assert_eq!(
            ModulePath::parse("crate::api::pets").map(|p| p.to_rust()),
            Ok("api::pets".to_string())
        );
        assert_eq!(
            ModulePath::parse("r#type").map(|p| p.last()),
            Ok(Some("type".to_string()))
        );
        for wrong in ["api::", "a-b", "super::x", "fn", "a::b c", "::a"] {
            assert!(ModulePath::parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn what_cannot_be_included_is_refused() {
        let mut files = small_crate();
        files.push(file("src/stray.rs", "pub struct Stray;\n"));
        let error = bundled(&files, "pets").expect_err("an undeclared file");
        assert!(error.contains("src/stray.rs"), "{error}");

        let mut files = small_crate();
        files[1]
            .contents
            .push_str("const DIR: &str = env!(\"OUT_DIR\");\n");
        let error = bundled(&files, "pets").expect_err("another env!");
        assert!(error.contains("OUT_DIR"), "{error}");

        let mut files = small_crate();
        files[1]
            .contents
            .push_str("const SPEC: &str = include_str!(\"../openapi.json\");\n");
        assert!(
            bundled(&files, "pets").is_err(),
            "a file read relative to the bundle"
        );

        let mut files = small_crate();
        files.retain(|file| file.path != "src/types/unused.rs");
        let error = bundled(&files, "pets").expect_err("a missing module file");
        assert!(
            error.contains("src/types/unused/mod.rs is missing"),
            "{error}"
        );
    }
}
