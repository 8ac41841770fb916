//! A discriminated union's variant implies its tag. When a struct is only ever a variant of discriminated
//! unions on the same property (`NewMessage::Text(TextMessage)`, tagged by `type`), its field for that property
//! is taken out: the caller cannot set a tag that contradicts the variant (`TextMessageType::Other("file")`),
//! and need not repeat it (`TextMessage::new(from, origin, content)`). The union writes the tag when it
//! serialises the variant, and reads the variant from the whole object as before. A struct also used on its own
//! (a body, an answer, a field) keeps its field, since there nothing else would write the tag.
//!
//! A union's default variant (the one for a missing or unknown tag, `x-default-mapping`) holds values of many
//! tags, so its struct keeps its field, which tells them apart and writes each back as it came.
//!
//! And a union converts from each variant's type that no other variant has, so `&text.into()` stands where
//! the union is wanted.

use std::collections::{HashMap, HashSet};

use crate::ir::{without_aliases, Operation, Returns, TypeDef, TypeKind, TypeRef};

/// Takes the tag field out of every struct that is only a variant of discriminated unions on one property.
pub fn imply_tags(types: &mut [TypeDef], operations: &[Operation]) {
    let (variant_of, elsewhere) = uses(types, operations);
    let strippable: HashMap<String, String> = variant_of
        .into_iter()
        .filter(|(name, properties)| properties.len() == 1 && !elsewhere.contains(name))
        .filter_map(|(name, properties)| {
            let property = properties.into_iter().next()?;
            has_plain_field(types, &name, &property).then_some((name, property))
        })
        .collect();
    for def in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                if let Some(property) = strippable.get(&def.name) {
                    fields.retain(|field| &field.wire_name != property);
                }
            }
            TypeKind::Union {
                variants,
                discriminator: Some(_),
                ..
            } => {
                for variant in variants {
                    variant.tag_implied = variant.tag.is_some()
                        && variant
                            .ty
                            .named()
                            .is_some_and(|name| strippable.contains_key(name));
                }
            }
            _ => {}
        }
    }
}

/// Marks the variants a union converts from: those whose type, aliases resolved, is a generated type (not the
/// union itself) that no other variant of the union has.
pub fn mark_conversions(types: &mut [TypeDef]) {
    let resolved: Vec<Vec<TypeRef>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Union { variants, .. } => variants
                .iter()
                .map(|v| without_aliases(&v.ty, types))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for (def, resolved) in types.iter_mut().zip(resolved) {
        let own_name = def.name.clone();
        let TypeKind::Union { variants, .. } = &mut def.kind else {
            continue;
        };
        for (variant, ty) in variants.iter_mut().zip(&resolved) {
            variant.converts = matches!(ty, TypeRef::Named(name) if *name != own_name)
                && resolved.iter().filter(|other| *other == ty).count() == 1;
        }
    }
}

/// For each type used as a variant of a discriminated union, the properties those unions tag on; and every
/// type used any other way (by an operation, a field, an alias, an untagged union, a variant without a tag,
/// a union's default variant).
fn uses(
    types: &[TypeDef],
    operations: &[Operation],
) -> (HashMap<String, HashSet<String>>, HashSet<String>) {
    let mut variant_of: HashMap<String, HashSet<String>> = HashMap::new();
    let mut elsewhere: HashSet<String> = HashSet::new();
    let note = |ty: &TypeRef, set: &mut HashSet<String>| {
        if let Some(name) = ty.named() {
            set.insert(name.to_string());
        }
    };
    for def in types {
        match &def.kind {
            TypeKind::Union {
                variants,
                discriminator: Some(property),
                default_variant,
                ..
            } => {
                for (i, variant) in variants.iter().enumerate() {
                    let tagged = variant.tag.is_some() && *default_variant != Some(i);
                    match (tagged, &variant.ty) {
                        (true, TypeRef::Named(name)) => {
                            variant_of
                                .entry(name.clone())
                                .or_default()
                                .insert(property.clone());
                        }
                        (_, ty) => note(ty, &mut elsewhere),
                    }
                }
            }
            kind => {
                for ty in kind.contained() {
                    note(ty, &mut elsewhere);
                }
            }
        }
    }
    for op in operations {
        for param in &op.params {
            note(&param.ty, &mut elsewhere);
        }
        if let Some(body) = &op.body {
            note(&body.ty, &mut elsewhere);
        }
        for response in &op.responses {
            if let Some(body) = &response.body {
                note(&body.ty, &mut elsewhere);
            }
        }
        if let Returns::Json(ty) | Returns::JsonAt { ty, .. } = &op.returns {
            note(ty, &mut elsewhere);
        }
        if let Some(pagination) = &op.pagination {
            note(&pagination.item, &mut elsewhere);
        }
    }
    (variant_of, elsewhere)
}

/// Whether `name` is a struct (without a map of undeclared properties, which would collect the tag) with a
/// plain field for `property`.
fn has_plain_field(types: &[TypeDef], name: &str, property: &str) -> bool {
    types.iter().any(|def| {
        def.name == name
            && matches!(&def.kind, TypeKind::Struct { fields, extra: None }
                if fields.iter().any(|f| f.wire_name == property && !f.flatten))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::UnionVariant;
    use crate::lower::cycles::tests::{named, strukt};

    fn union(name: &str, property: &str, variants: &[(&str, &str)]) -> TypeDef {
        TypeDef {
            kind: TypeKind::Union {
                variants: variants
                    .iter()
                    .map(|(ty, tag)| UnionVariant {
                        rust_name: (*ty).into(),
                        ty: named(ty),
                        tag: Some((*tag).into()),
                        tag_implied: false,
                        converts: false,
                    })
                    .collect(),
                discriminator: Some(property.into()),
                default_variant: None,
                open: false,
            },
            ..strukt(name, &[])
        }
    }

    fn field_names(types: &[TypeDef], name: &str) -> Vec<String> {
        match &types.iter().find(|t| t.name == name).expect("a type").kind {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| f.wire_name.clone()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn a_struct_only_a_variant_loses_its_tag_field_one_used_elsewhere_keeps_it() {
        let tagged = |name: &str| {
            strukt(
                name,
                &[("type", TypeRef::String), ("text", TypeRef::String)],
            )
        };
        let mut types = vec![
            union("Message", "type", &[("Text", "text"), ("Note", "note")]),
            union("Event", "kind", &[("Note", "note")]),
            tagged("Text"),
            tagged("Note"),
            strukt("Reply", &[("last", named("Shared"))]),
            union("Answer", "type", &[("Shared", "shared")]),
            tagged("Shared"),
        ];
        imply_tags(&mut types, &[]);
        assert_eq!(field_names(&types, "Text"), ["text"]);
        assert_eq!(
            field_names(&types, "Note"),
            ["type", "text"],
            "a variant of unions tagged by different properties keeps its field"
        );
        assert_eq!(
            field_names(&types, "Shared"),
            ["type", "text"],
            "a struct also used as a field keeps its tag"
        );
        let TypeKind::Union { variants, .. } = &types[0].kind else {
            panic!("a union");
        };
        let implied: Vec<bool> = variants.iter().map(|v| v.tag_implied).collect();
        assert_eq!(implied, [true, false]);
    }

    #[test]
    fn a_default_variant_keeps_its_tag_field_even_when_the_mapping_names_it() {
        let tagged = |name: &str| {
            strukt(
                name,
                &[("type", TypeRef::String), ("text", TypeRef::String)],
            )
        };
        let mut event = union(
            "Event",
            "type",
            &[("Known", "known"), ("Fallback", "fallback")],
        );
        if let TypeKind::Union {
            default_variant, ..
        } = &mut event.kind
        {
            *default_variant = Some(1);
        }
        let mut types = vec![event, tagged("Known"), tagged("Fallback")];
        imply_tags(&mut types, &[]);
        assert_eq!(field_names(&types, "Known"), ["text"]);
        assert_eq!(
            field_names(&types, "Fallback"),
            ["type", "text"],
            "the default holds values of many tags and writes each back as it came"
        );
        let TypeKind::Union { variants, .. } = &types[0].kind else {
            panic!("a union");
        };
        let implied: Vec<bool> = variants.iter().map(|v| v.tag_implied).collect();
        assert_eq!(implied, [true, false]);
    }
}
