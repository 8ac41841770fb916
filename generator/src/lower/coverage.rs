//! What of the spec the client does not keep, for the report at the end of a run: the operations skipped, and
//! every struct field typed as any JSON, told apart by whether the spec leaves it free-form (nothing to fix)
//! or types it in a way the generator cannot express yet (recorded where lowering gave up, with why).

use crate::error::pointer_push;
use crate::ir::{Coverage, TypeDef, TypeKind, TypeRef, Untyped, UntypedField};

/// The coverage of `types`, given the operations skipped and the pointers where lowering could not type a
/// schema (with why).
pub fn coverage(
    types: &[TypeDef],
    skipped_operations: Vec<String>,
    unsupported: &[(String, String)],
) -> Coverage {
    let mut untyped_fields = Vec::new();
    for def in types {
        let TypeKind::Struct { fields, .. } = &def.kind else {
            continue;
        };
        for field in fields.iter().filter(|f| is_any_json(&f.ty)) {
            untyped_fields.push(UntypedField {
                pointer: pointer_push(&pointer_push(&def.origin, "properties"), &field.wire_name),
                cause: Untyped::FreeForm,
            });
        }
    }
    let mut coverage = Coverage {
        skipped_operations,
        untyped_fields,
    };
    coverage.attribute(
        unsupported
            .iter()
            .map(|(at, why)| (at.as_str(), why.as_str())),
    );
    coverage
}

/// Whether values of `ty` are any JSON, or lists, maps or options of it.
fn is_any_json(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Json => true,
        TypeRef::Vec(inner)
        | TypeRef::Map(inner)
        | TypeRef::Option(inner)
        | TypeRef::Boxed(inner) => is_any_json(inner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::cycles::tests::strukt;

    #[test]
    fn free_form_fields_are_told_from_those_the_generator_could_not_type() {
        let mut def = strukt(
            "Thing",
            &[
                ("extra", TypeRef::Json),
                ("odd", TypeRef::Vec(Box::new(TypeRef::Json))),
                ("name", TypeRef::String),
            ],
        );
        def.origin = "#/components/schemas/Thing".into();
        let unsupported = [(
            "#/components/schemas/Thing/properties/odd/items".to_string(),
            "no Rust type yet".to_string(),
        )];
        let coverage = coverage(&[def], vec!["#/paths/~1a/get".into()], &unsupported);
        assert_eq!(
            coverage.untyped_fields,
            [
                UntypedField {
                    pointer: "#/components/schemas/Thing/properties/extra".into(),
                    cause: Untyped::FreeForm,
                },
                UntypedField {
                    pointer: "#/components/schemas/Thing/properties/odd".into(),
                    cause: Untyped::Unsupported("no Rust type yet".into()),
                },
            ]
        );
        assert_eq!(
            coverage.summary(),
            "1 operation skipped, 2 fields untyped: 1 free-form in the spec, 1 unsupported (see warnings)"
        );
        assert_eq!(
            Coverage::default().summary(),
            "0 operations skipped, 0 fields untyped"
        );
    }
}
