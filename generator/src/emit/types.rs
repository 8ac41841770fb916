//! `src/types.rs`: one Rust type per named type of the IR, in spec order. Structs derive serde with renames
//! where the wire name is not the Rust name; open enums keep values they do not know in `Other(String)`.
//!
//! The spec's schemas are the items of this module, so whatever the spec names them cannot be allowed to
//! change what the code means: traits it implements are written in full (`::core::convert::From`,
//! `::core::default::Default`), paths start with a crate (`std::`, `serde::`, `serde_json::`, `crate::`, which
//! no type name can be, being lowercase), and the prelude types it uses bare (`Option`, `String`, `Vec`, `Box`,
//! `Result` and their variants) are names lowering never gives a schema (`crate_names::PRELUDE`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_opt, ident, raw_literal, type_tokens, Moved};
use crate::ir::{
    Derives, EventVariant, ExtraProperties, Field, IntegerVariant, StatusMatch, StatusVariant,
    TypeDef, TypeKind, TypeRef, UnionVariant, Variant,
};

/// The head of `src/types.rs` (its module docs).
pub fn head(has_unused: bool) -> TokenStream {
    let unused = has_unused.then(|| {
        quote! {
            /// Types of the schemas no operation uses (webhook payloads, for example), with the `all-schemas`
            /// feature.
            #[cfg(feature = "all-schemas")]
            mod unused;

            #[cfg(feature = "all-schemas")]
            pub use unused::*;
        }
    });
    quote! {
        //! Types of the requests and answers, from the spec's schemas.

        #unused
    }
}

/// The head of `src/types/unused.rs`.
pub fn unused_head() -> TokenStream {
    quote! {
        //! Types of the schemas no operation uses, compiled with the `all-schemas` feature and re-exported from
        //! `types`. They may contain the types operations use.

        #[allow(unused_imports)]
        use super::*;
    }
}

/// The items of a type file, one type (with its impls) at a time, so a spec with thousands of schemas never
/// has its whole type file in memory as tokens.
pub fn items<'a>(types: &'a [&'a TypeDef]) -> impl Iterator<Item = TokenStream> + 'a {
    types.iter().map(|def| emit_type(def))
}

fn emit_type(def: &TypeDef) -> TokenStream {
    let docs = doc_opt(def.docs.as_deref());
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct { fields, extra } => {
            let docs = struct_docs(def, fields);
            let constructor = emit_constructor(&name, fields, extra.as_ref());
            let default = def.derives.default.then(|| quote!(Default,));
            let extra = extra.as_ref().map(|extra| {
                let field = ident(&extra.rust_name);
                let value = type_tokens(&extra.value);
                quote! {
                    /// Properties the schema does not declare, by name.
                    #[serde(flatten)]
                    pub #field: std::collections::BTreeMap<String, #value>,
                }
            });
            let fields = fields.iter().map(|f| Moved::from(emit_field(f, true)));
            let (serde, gated) = serde_derives(def.derives);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, #default #(#serde),*)]
                #gated
                pub struct #name {
                    #(#fields)*
                    #extra
                }

                #constructor
            }
        }
        TypeKind::IntegerEnum { variants } => emit_integer_enum(&name, &docs, variants),
        TypeKind::EventData { variants } => emit_event_data(&name, &docs, variants),
        TypeKind::StatusBodies {
            operation,
            variants,
            untyped,
        } => emit_status_bodies(&name, &docs, operation, variants, untyped),
        TypeKind::Options { fields } => {
            let fields = fields.iter().map(|f| Moved::from(emit_field(f, false)));
            quote! {
                #docs
                #[derive(Debug, Clone, Default, PartialEq)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        TypeKind::Union {
            variants,
            discriminator: None,
            open,
            ..
        } => {
            let conversions = emit_variant_conversions(&name, variants);
            let variants = variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let ty = type_tokens(&v.ty);
                quote!(#variant(#ty),)
            });
            // Tried last, so it takes only what no alternative matches.
            let other = open.then(|| {
                quote! {
                    /// A value that matches none of the shapes the spec gives, kept as the JSON it is.
                    Other(serde_json::Value),
                }
            });
            let (serde, gated) = serde_derives(def.derives);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, #(#serde),*)]
                #gated
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                    #other
                }

                #conversions
            }
        }
        TypeKind::Union {
            variants,
            discriminator: Some(property),
            default_variant,
            open,
        } => emit_tagged_union(
            &name,
            &docs,
            variants,
            property,
            *default_variant,
            *open,
            def.derives,
        ),
        TypeKind::Alias { target } => {
            let target = type_tokens(target);
            quote! {
                #docs
                pub type #name = #target;
            }
        }
        TypeKind::Newtype { target } => {
            let target = type_tokens(target);
            let (serde, gated) = serde_derives(def.derives);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, #(#serde),*)]
                #gated
                #[serde(transparent)]
                pub struct #name(pub #target);
            }
        }
        TypeKind::StringEnum {
            variants,
            open: true,
        } => emit_open_enum(&name, &docs, variants),
        TypeKind::StringEnum {
            variants,
            open: false,
        } => emit_closed_enum(&name, &docs, variants),
    }
}

/// An event stream's data by event name, and the decoder the stream calls with each event's name and data.
/// An event without a name is a `message` (WHATWG); one of a name the spec does not list is `Other`.
fn emit_event_data(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    variants: &[EventVariant],
) -> TokenStream {
    let listed = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = type_tokens(&v.ty);
        let doc = raw_literal(&format!(" The data of a `{}` event.", v.event));
        quote! {
            #[doc = #doc]
            #variant(#ty),
        }
    });
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let event = &v.event;
        let decoded = match v.ty {
            TypeRef::String => quote!(::std::string::String::from_utf8_lossy(data).into_owned()),
            _ => quote!(crate::answer::decode_json(data)?),
        };
        quote!(#event => Self::#variant(#decoded),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#listed)*
            /// An event of a name the spec does not list, with its data as sent.
            Other {
                /// The event's name (`message` for an event without one).
                event: ::std::string::String,
                /// Its data, as text.
                data: ::std::string::String,
            },
        }

        impl #name {
            /// The data of an event named `event` (`message` when the event has no name), decoded as that name
            /// says.
            pub(crate) fn decode_event(
                event: ::core::option::Option<&str>,
                data: &[u8],
            ) -> ::core::result::Result<Self, (::std::string::String, serde_json::Error)> {
                let event = event.unwrap_or("message");
                ::core::result::Result::Ok(match event {
                    #(#arms)*
                    _ => Self::Other {
                        event: event.to_owned(),
                        data: ::std::string::String::from_utf8_lossy(data).into_owned(),
                    },
                })
            }
        }
    }
}

/// A struct's docs, with how to build one: `new` and its required fields, or `Default` when every field is
/// optional.
fn struct_docs(def: &TypeDef, fields: &[Field]) -> TokenStream {
    let required: Vec<String> = fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| format!("`{}`", f.rust_name))
        .collect();
    let building = if !required.is_empty() && required.len() < fields.len() {
        Some(format!(
            "Build one with [`{0}::new`]({0}::new) from its required fields ({1}); the optional ones are public \
             fields to set after.",
            def.name,
            required.join(", ")
        ))
    } else if def.derives.default && !fields.is_empty() {
        Some(format!(
            "Every field is optional: build one with `{0} {{ field: Some(..), ..Default::default() }}`.",
            def.name
        ))
    } else {
        None
    };
    let text = match (def.docs.as_deref(), building) {
        (Some(docs), Some(building)) => Some(format!("{docs}\n\n{building}")),
        (docs, building) => building.or(docs.map(str::to_string)),
    };
    doc_opt(text.as_deref())
}

/// `new(required fields)` for a struct that has both required and optional fields, so callers need not spell
/// out every absent field (a struct with only optional fields has `Default` instead).
fn emit_constructor(
    name: &proc_macro2::Ident,
    fields: &[Field],
    extra: Option<&ExtraProperties>,
) -> Option<TokenStream> {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.optional).collect();
    if required.is_empty() || (required.len() == fields.len() && extra.is_none()) {
        return None;
    }
    let params = required.iter().map(|f| {
        let field = ident(&f.rust_name);
        let ty = type_tokens(&f.ty);
        quote!(#field: #ty)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if f.optional {
            quote!(#field: ::core::default::Default::default(),)
        } else {
            quote!(#field,)
        }
    });
    let extra_init = extra.map(|extra| {
        let field = ident(&extra.rust_name);
        quote!(#field: ::core::default::Default::default(),)
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let doc = raw_literal(&format!(
        " Creates a `{name}` from its required fields; the optional ones are left out."
    ));
    Some(quote! {
        impl #name {
            #[doc = #doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#inits)*
                    #extra_init
                }
            }
        }
    })
}

fn emit_field(field: &Field, serde: bool) -> TokenStream {
    let docs = Moved::from(doc_opt(field.docs.as_deref()));
    let name = ident(&field.rust_name);
    let ty = Moved::from(type_tokens(&field.ty));
    if field.flatten {
        return quote! {
            #docs
            #[serde(flatten)]
            pub #name: #ty,
        };
    }
    let mut attrs = Vec::new();
    if serde && field.wire_name != field.rust_name {
        let wire = &field.wire_name;
        attrs.push(quote!(rename = #wire));
    }
    if serde && field.null_apart {
        // `Some(None)` is `null`; reading, `null` is `Some(None)` and a missing field `None`.
        attrs.push(quote!(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::nulls::null_apart"
        ));
    } else if serde && field.optional {
        match field.ty {
            TypeRef::Option(_) => {
                attrs.push(quote!(default, skip_serializing_if = "Option::is_none"))
            }
            TypeRef::Json => attrs.push(quote!(
                default,
                skip_serializing_if = "serde_json::Value::is_null"
            )),
            _ => attrs.push(quote!(default)),
        }
    }
    let serde_attr = (!attrs.is_empty()).then(|| quote!(#[serde(#(#attrs),*)]));
    quote! {
        #docs
        #serde_attr
        pub #name: #ty,
    }
}

fn variant_docs(variant: &Variant) -> TokenStream {
    let text = variant
        .docs
        .clone()
        .unwrap_or_else(|| format!("`{}`", variant.wire_value));
    doc_opt(Some(&text))
}

/// An enum whose unknown values decode into `Other`, so a server adding a value breaks nothing.
fn emit_open_enum(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    variants: &[Variant],
) -> TokenStream {
    let declarations = variants.iter().map(|v| {
        let docs = variant_docs(v);
        let variant = ident(&v.rust_name);
        quote!(#docs #variant,)
    });
    let to_str = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#variant => #wire,)
    });
    let from_str = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(#wire => Self::#variant,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#declarations)*
            /// A value this client does not know yet, kept as the server sent it.
            Other(String),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Other(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// An integer enum whose unknown values decode into `Other`, so a server adding a value breaks nothing.
fn emit_integer_enum(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    variants: &[IntegerVariant],
) -> TokenStream {
    let declarations = variants.iter().map(|v| {
        let text = raw_literal(&format!(" `{}`", v.value));
        let variant = ident(&v.rust_name);
        quote!(#[doc = #text] #variant,)
    });
    let to_value = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = proc_macro2::Literal::i64_unsuffixed(v.value);
        quote!(Self::#variant => #value,)
    });
    let from_value = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = proc_macro2::Literal::i64_unsuffixed(v.value);
        quote!(#value => Self::#variant,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#declarations)*
            /// A value this client does not know yet, kept as the server sent it.
            Other(i64),
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    #(#to_value)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::core::convert::From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#from_value)*
                    other => Self::Other(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.value())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

/// An operation's error bodies by status, decoded from an `Error::Status` of that operation. Exact statuses are
/// matched before classes (`4XX`) and classes before `default`; statuses declared without a typed body yield
/// `None` rather than falling through to `default`.
fn emit_status_bodies(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    operation: &str,
    variants: &[StatusVariant],
    untyped: &[StatusMatch],
) -> TokenStream {
    let declarations = variants.iter().map(|v| {
        let text = raw_literal(&format!(" {}: {}", status_label(v.status), v.docs));
        let variant = ident(&v.rust_name);
        let ty = type_tokens(&v.ty);
        quote!(#[doc = #text] #variant(#ty),)
    });
    let rank = |status: &StatusMatch| match status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Class(_) => 1,
        StatusMatch::Default => 2,
    };
    let mut arms: Vec<(StatusMatch, Option<&StatusVariant>)> = variants
        .iter()
        .map(|v| (v.status, Some(v)))
        .chain(untyped.iter().map(|status| (*status, None)))
        .collect();
    arms.sort_by_key(|(status, _)| rank(status));
    let has_default = arms
        .iter()
        .any(|(status, _)| *status == StatusMatch::Default);
    let arms = arms.iter().map(|(status, variant)| {
        let pattern = match status {
            StatusMatch::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(*code);
                quote!(#code)
            }
            StatusMatch::Class(class) => {
                let low = proc_macro2::Literal::u16_unsuffixed(u16::from(*class) * 100);
                let high = proc_macro2::Literal::u16_unsuffixed(u16::from(*class) * 100 + 99);
                quote!(#low..=#high)
            }
            StatusMatch::Default => quote!(_),
        };
        match variant {
            Some(v) => {
                let variant = ident(&v.rust_name);
                quote!(#pattern => serde_json::from_str(body).ok().map(Self::#variant),)
            }
            None => quote!(#pattern => None,),
        }
    });
    let fallback = (!has_default).then(|| quote!(_ => None,));
    let from_error_doc = raw_literal(&format!(
        " The body of `error` as the type `{operation}` declares for its status; `None` when `error` is not an \
         [`Error::Status`](crate::Error::Status) of `{operation}`, the status declares no typed body, or the body \
         does not match (it may also have been cut at [`MAX_ERROR_BODY`](crate::MAX_ERROR_BODY))."
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#declarations)*
        }

        impl #name {
            #[doc = #from_error_doc]
            pub fn from_error(error: &crate::Error) -> Option<Self> {
                let crate::Error::Status { operation: #operation, status, body, .. } = error else {
                    return None;
                };
                match *status {
                    #(#arms)*
                    #fallback
                }
            }
        }
    }
}

fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Class(class) => format!("{class}XX"),
        StatusMatch::Default => "Any other status".to_string(),
    }
}

/// An enum of values the caller picks from; nothing is decoded into it, so it needs no catch-all.
fn emit_closed_enum(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    variants: &[Variant],
) -> TokenStream {
    let declarations = variants.iter().map(|v| {
        let docs = variant_docs(v);
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(#docs #[serde(rename = #wire)] #variant,)
    });
    let to_str = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire_value;
        quote!(Self::#variant => #wire,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum #name {
            #(#declarations)*
        }

        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #(#to_str)*
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The serde derives a type always has (what its [`Travel`] needs) and, as a `cfg_attr`, the ones only the
/// `full-serde` feature adds.
fn serde_derives(derives: Derives) -> (Vec<TokenStream>, Option<TokenStream>) {
    let mut always = Vec::new();
    let mut gated = Vec::new();
    for (needed, derive) in [
        (derives.serialize, quote!(serde::Serialize)),
        (derives.deserialize, quote!(serde::Deserialize)),
    ] {
        if needed {
            always.push(derive);
        } else {
            gated.push(derive);
        }
    }
    let gated = (!gated.is_empty())
        .then(|| quote!(#[cfg_attr(feature = "full-serde", derive(#(#gated),*))]));
    (always, gated)
}

/// A union whose variant is chosen by a discriminator property. Each variant's own type carries the property,
/// so the whole object is decoded into the chosen variant and serialised back as it is. A value whose tag is
/// missing or selects no variant decodes as the default variant, when lowering chose one. An `open` union
/// keeps an object it cannot type (its tag is unknown or missing and there is no default, or the rest does not
/// match its tag's variant) in `Other`, as the JSON it is.
fn emit_tagged_union(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    variants: &[UnionVariant],
    property: &str,
    default_variant: Option<usize>,
    open: bool,
    derives: Derives,
) -> TokenStream {
    let default = default_variant.and_then(|i| variants.get(i));
    let fallback = format!("for a value whose `{property}` is missing or selects no other variant");
    let declarations = variants.iter().enumerate().map(|(i, v)| {
        let variant = ident(&v.rust_name);
        let ty = type_tokens(&v.ty);
        let text = match (&v.tag, default_variant == Some(i)) {
            (Some(tag), false) => Some(format!(" `{property}` is `{tag}`.")),
            (Some(tag), true) => Some(format!(
                " `{property}` is `{tag}`; also the variant {fallback}."
            )),
            (None, true) => Some(format!(" The variant {fallback}.")),
            (None, false) => None,
        };
        let doc = text.map(|text| {
            let text = raw_literal(&text);
            quote!(#[doc = #text])
        });
        quote!(#doc #variant(#ty),)
    });
    let other_doc = raw_literal(&match default {
        Some(default) => format!(
            " A value whose properties do not have the shape the spec gives its `{property}` (or, when its \
             `{property}` is missing or selects no other variant, the shape of `{}`), kept as the JSON it is.",
            default.rust_name
        ),
        None => format!(
            " A value whose `{property}` this client does not know (or that has none), or whose other \
             properties do not have the shape the spec gives its `{property}`, kept as the JSON it is."
        ),
    });
    let other = open.then(|| quote!(#[doc = #other_doc] Other(serde_json::Value),));
    let serialize_arms = variants
        .iter()
        .map(|v| {
            let variant = ident(&v.rust_name);
            match (&v.tag, v.tag_implied) {
                (Some(tag), true) => quote! {
                    Self::#variant(value) => crate::tagged::serialize_with_tag(value, #property, #tag, serializer),
                },
                _ => quote!(Self::#variant(value) => serde::Serialize::serialize(value, serializer),),
            }
        })
        .chain(open.then(
            || quote!(Self::Other(value) => serde::Serialize::serialize(value, serializer),),
        ));
    let decode = emit_tag_decoding(variants, property, default, open);
    let conversions = emit_variant_conversions(name, variants);
    let gate = |needed: bool| (!needed).then(|| quote!(#[cfg(feature = "full-serde")]));
    let (serialize_gate, deserialize_gate) = (gate(derives.serialize), gate(derives.deserialize));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#declarations)*
            #other
        }

        #serialize_gate
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                }
            }
        }

        #deserialize_gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #decode
            }
        }

        #conversions
    }
}

/// The body of a tagged union's `deserialize`: the value read whole, its tag looked up, and the variant the tag
/// selects decoded. A missing or unknown tag selects the `default` variant when there is one, else `Other` in
/// an open union and an error in a closed one. An open union keeps what it cannot type, a known tag whose
/// value does not have the shape the spec gives it included: one odd message must not fail a page of them.
fn emit_tag_decoding(
    variants: &[UnionVariant],
    property: &str,
    default: Option<&UnionVariant>,
    open: bool,
) -> TokenStream {
    let decode_as = |variant: &UnionVariant| {
        let variant = ident(&variant.rust_name);
        if open {
            quote!(serde::Deserialize::deserialize(&value).map(Self::#variant))
        } else {
            quote!(serde_json::from_value(value).map(Self::#variant))
        }
    };
    let arms: Vec<TokenStream> = variants
        .iter()
        .filter_map(|v| {
            let tag = v.tag.as_ref()?;
            let decoded = decode_as(v);
            Some(quote!(Some(#tag) => #decoded,))
        })
        .collect();
    let unknown = format!("unknown or missing `{property}`");
    let read =
        quote!(let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;);
    let finish = if open {
        quote!(Ok(decoded.unwrap_or(Self::Other(value))))
    } else {
        quote!(decoded.map_err(serde::de::Error::custom))
    };
    let otherwise = match default {
        Some(default) => decode_as(default),
        None if open => quote!(return Ok(Self::Other(value))),
        None => quote!(return Err(serde::de::Error::custom(#unknown))),
    };
    match (arms.is_empty(), default) {
        (false, _) => quote! {
            #read
            let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
            let decoded = match tag.as_deref() {
                #(#arms)*
                _ => #otherwise,
            };
            #finish
        },
        // No variant has a tag: every value is the default's, or unknown.
        (true, Some(_)) => quote! {
            #read
            let decoded = #otherwise;
            #finish
        },
        (true, None) if open => quote! {
            #read
            Ok(Self::Other(value))
        },
        (true, None) => quote! {
            <serde::de::IgnoredAny as serde::Deserialize>::deserialize(deserializer)?;
            Err(serde::de::Error::custom(#unknown))
        },
    }
}

/// `From<Variant> for Union` for each variant lowering marked, so a value can stand where the union is wanted
/// (`&text.into()`).
fn emit_variant_conversions(name: &proc_macro2::Ident, variants: &[UnionVariant]) -> TokenStream {
    let impls = variants.iter().filter(|v| v.converts).map(|v| {
        let variant = ident(&v.rust_name);
        let ty = type_tokens(&v.ty);
        quote! {
            impl ::core::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(value)
                }
            }
        }
    });
    quote!(#(#impls)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(name: &str, tag: Option<&str>) -> UnionVariant {
        UnionVariant {
            rust_name: name.into(),
            ty: TypeRef::Named(name.into()),
            tag: tag.map(str::to_string),
            tag_implied: tag.is_some(),
            converts: true,
        }
    }

    /// The emitted union, without whitespace: where prettyplease breaks lines is not the point.
    fn emitted(default_variant: Option<usize>, open: bool) -> String {
        let variants = [
            variant("Created", Some("created")),
            variant("Unknown", None),
        ];
        let derives = Derives {
            serialize: true,
            deserialize: true,
            ..Derives::default()
        };
        let name = ident("Event");
        emit_tagged_union(
            &name,
            &TokenStream::new(),
            &variants,
            "type",
            default_variant,
            open,
            derives,
        )
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
    }

    #[test]
    fn a_missing_or_unknown_tag_decodes_as_the_default_variant() {
        let open = emitted(Some(1), true);
        for expected in [
            "Some(\"created\")=>serde::Deserialize::deserialize(&value).map(Self::Created),",
            // Whatever no arm names, a missing tag included; a value of another shape is still `Other`.
            "_=>serde::Deserialize::deserialize(&value).map(Self::Unknown),",
            "Ok(decoded.unwrap_or(Self::Other(value)))",
            // Written as it is, without a tag.
            "Self::Unknown(value)=>serde::Serialize::serialize(value,serializer),",
            "#[doc=r\"Thevariantforavaluewhose`type`ismissingorselectsnoothervariant.\"]Unknown(Unknown)",
        ] {
            assert!(open.contains(expected), "{expected} in {open}");
        }
        let closed = emitted(Some(1), false);
        assert!(closed.contains("_=>serde_json::from_value(value).map(Self::Unknown),"));
        assert!(!closed.contains("Other"), "a closed union has no catch-all");
        let without = emitted(None, true);
        assert!(without.contains("_=>returnOk(Self::Other(value)),"));
    }
}
