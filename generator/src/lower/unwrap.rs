//! Envelope unwrapping (`x-unwrap` at the top of the spec, a JSON pointer such as `/data`): APIs that wrap every
//! answer in an envelope declare where the payload sits, and methods return the payload's type instead of the
//! envelope. An answer whose schema has nothing at the pointer returns `()`; an answer that leaves the payload
//! out (or sends null) decodes as empty (`[]`, `{}` or null, by type).

use crate::ir::{named_kind, EmptyAnswer, Returns, TypeDef, TypeKind, TypeRef};

/// The return of an operation whose JSON answer is a struct, rewritten to the part at `pointer`.
pub fn unwrap_answer(returns: Returns, types: &[TypeDef], pointer: &str) -> Returns {
    let Returns::Json(envelope) = &returns else {
        return returns;
    };
    if !has_fields(envelope, types) {
        return returns;
    }
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(super::types::unescape)
        .collect();
    match part_at(envelope, &tokens, types) {
        Some(ty) => Returns::JsonAt {
            empty: empty_for(&ty, types),
            ty,
            pointer: pointer.to_string(),
        },
        None => Returns::Nothing,
    }
}

/// The type at `tokens` inside `ty`, walking struct fields by wire name; `Option`s along the way are dropped,
/// since an absent part decodes as empty.
fn part_at(ty: &TypeRef, tokens: &[String], types: &[TypeDef]) -> Option<TypeRef> {
    let Some((first, rest)) = tokens.split_first() else {
        return Some(ty.clone());
    };
    let field = fields_of(ty, types)?
        .iter()
        .find(|f| &f.wire_name == first)?;
    part_at(strip(&field.ty), rest, types)
}

fn strip(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Option(inner) | TypeRef::Boxed(inner) => strip(inner),
        ty => ty,
    }
}

/// The fields of the struct `ty` names, through options, boxes and aliases.
fn fields_of<'a>(ty: &TypeRef, types: &'a [TypeDef]) -> Option<&'a [crate::ir::Field]> {
    match named_kind(types, strip(ty))? {
        TypeKind::Struct { fields, .. } => Some(fields),
        TypeKind::Alias { target } => fields_of(target, types),
        _ => None,
    }
}

fn has_fields(ty: &TypeRef, types: &[TypeDef]) -> bool {
    fields_of(ty, types).is_some()
}

/// What an absent payload decodes from.
fn empty_for(ty: &TypeRef, types: &[TypeDef]) -> EmptyAnswer {
    match ty {
        TypeRef::Vec(_) => EmptyAnswer::Array,
        TypeRef::Map(_) => EmptyAnswer::Object,
        ty if has_fields(ty, types) => EmptyAnswer::Object,
        _ => EmptyAnswer::Null,
    }
}
