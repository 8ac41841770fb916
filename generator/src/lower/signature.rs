//! The arguments of an operation's methods: which values they take, in which order, and whether borrowed or
//! owned. Emission spells them out (and the stream method's lifetimes), deciding nothing.

use crate::ir::{
    named_kind, Argument, ArgumentType, BodyEncoding, Carries, Parameter, RequestBody, TypeDef,
    TypeKind, TypeRef,
};

/// The required parameters (path parameters first), then the body, then the options struct.
pub fn arguments(
    params: &[Parameter],
    body: Option<&RequestBody>,
    options_struct: Option<&str>,
    types: &[TypeDef],
) -> Vec<Argument> {
    let mut arguments: Vec<Argument> = params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required)
        .map(|(index, p)| Argument {
            rust_name: p.rust_name.clone(),
            ty: parameter_type(&p.ty, types),
            carries: Carries::Param(index),
        })
        .collect();
    if let Some(body) = body {
        let ty = body_type(body);
        arguments.push(Argument {
            rust_name: "body".into(),
            ty: if body.required {
                ty
            } else {
                ArgumentType::Optional(Box::new(ty))
            },
            carries: Carries::Body,
        });
    }
    if let Some(options) = options_struct {
        arguments.push(Argument {
            rust_name: "options".into(),
            ty: ArgumentType::Borrowed(TypeRef::Named(options.to_string())),
            carries: Carries::Options,
        });
    }
    arguments
}

/// Strings, lists, maps, JSON and generated types are borrowed; numbers, booleans and the enums that are
/// `Copy` (closed ones, and integer ones) are passed by value.
fn parameter_type(ty: &TypeRef, types: &[TypeDef]) -> ArgumentType {
    let copied_enum = matches!(
        named_kind(types, ty),
        Some(TypeKind::StringEnum { open: false, .. } | TypeKind::IntegerEnum { .. })
    );
    match ty {
        _ if copied_enum => ArgumentType::Owned(ty.clone()),
        TypeRef::String
        | TypeRef::Vec(_)
        | TypeRef::Named(_)
        | TypeRef::Map(_)
        | TypeRef::Json
        | TypeRef::Bytes => ArgumentType::Borrowed(ty.clone()),
        _ => ArgumentType::Owned(ty.clone()),
    }
}

/// JSON and form bodies are borrowed (they are serialised); raw bytes and multipart forms are taken, since
/// the request owns what it sends; text is borrowed and copied once.
fn body_type(body: &RequestBody) -> ArgumentType {
    match &body.encoding {
        BodyEncoding::Bytes | BodyEncoding::Multipart(_) => ArgumentType::Owned(body.ty.clone()),
        BodyEncoding::Text => ArgumentType::Borrowed(TypeRef::String),
        BodyEncoding::Json | BodyEncoding::Form => ArgumentType::Borrowed(body.ty.clone()),
    }
}
