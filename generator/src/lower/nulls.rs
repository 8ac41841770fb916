//! Fields a request can set to `null`. An optional, nullable property of a type that is sent has three
//! states on the wire (left out, `null`, a value), and APIs give `null` a meaning of its own: usually "clear
//! it" (GitHub's `milestone: null` takes an issue's milestone away; a JSON merge patch removes a member
//! with `null`). Such a field is `Option<Option<T>>`: `None` leaves it out, `Some(None)` sends `null`.
//!
//! Types that are only received keep `Option<T>`, all a reader needs. The fields of a multipart or form
//! body keep it too: those encodings have no `null`.

use std::collections::HashSet;

use crate::ir::{BodyEncoding, Operation, TypeDef, TypeKind, TypeRef};

/// What a tri-state field's docs add, so a caller learns the states from the field itself.
const STATES: &str = "`None` leaves it out of the request; `Some(None)` sends `null`.";

/// Makes the optional, nullable fields of every sent type keep `null` apart from absence; run once the
/// directions are marked.
pub fn keep_nulls_apart(types: &mut [TypeDef], operations: &[Operation]) {
    let without_null = flat_bodies(operations);
    for def in types.iter_mut() {
        if !def.travel.sent || without_null.contains(def.name.as_str()) {
            continue;
        }
        let TypeKind::Struct { fields, .. } = &mut def.kind else {
            continue;
        };
        for field in fields.iter_mut() {
            if !(field.optional && field.nullable) || field.flatten {
                continue;
            }
            let TypeRef::Option(value) = &field.ty else {
                continue;
            };
            field.ty = TypeRef::Option(Box::new(TypeRef::Option(value.clone())));
            field.null_apart = true;
            field.docs = Some(match field.docs.take() {
                Some(docs) => format!("{}\n\n{STATES}", docs.trim_end()),
                None => STATES.to_string(),
            });
        }
    }
}

/// The types sent as multipart or form bodies, whose fields become parts or pairs rather than JSON.
fn flat_bodies(operations: &[Operation]) -> HashSet<&str> {
    operations
        .iter()
        .filter_map(|op| op.body.as_ref())
        .filter(|body| {
            matches!(
                body.encoding,
                BodyEncoding::Multipart(_) | BodyEncoding::Form
            )
        })
        .filter_map(|body| match &body.ty {
            TypeRef::Named(name) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Travel};
    use crate::lower::cycles::tests::strukt;

    fn field(name: &str, ty: TypeRef, optional: bool, nullable: bool) -> Field {
        Field {
            wire_name: name.into(),
            rust_name: name.into(),
            ty,
            optional,
            flatten: false,
            nullable,
            null_apart: false,
            docs: None,
        }
    }

    fn sent(mut def: TypeDef, sent: bool) -> TypeDef {
        def.travel = Travel {
            sent,
            received: !sent,
            unused: false,
        };
        def
    }

    fn fields(def: &TypeDef) -> &[Field] {
        match &def.kind {
            TypeKind::Struct { fields, .. } => fields,
            _ => panic!("a struct"),
        }
    }

    #[test]
    fn only_optional_nullable_fields_of_sent_types_keep_null_apart() {
        let string = || TypeRef::Option(Box::new(TypeRef::String));
        let mut patch = sent(strukt("Patch", &[]), true);
        if let TypeKind::Struct { fields, .. } = &mut patch.kind {
            fields.push(field("milestone", string(), true, true));
            fields.push(field("title", string(), true, false));
            fields.push(field("state", string(), false, true));
        }
        let mut answer = sent(strukt("Answer", &[]), false);
        if let TypeKind::Struct { fields, .. } = &mut answer.kind {
            fields.push(field("milestone", string(), true, true));
        }
        let mut types = vec![patch, answer];
        keep_nulls_apart(&mut types, &[]);

        let [milestone, title, state] = fields(&types[0]) else {
            panic!("three fields")
        };
        assert_eq!(milestone.ty, TypeRef::Option(Box::new(string())));
        assert!(milestone.null_apart);
        assert_eq!(milestone.docs.as_deref(), Some(STATES));
        // Optional but never null, and required but nullable: two states each, as before.
        assert_eq!((&title.ty, title.null_apart), (&string(), false));
        assert_eq!((&state.ty, state.null_apart), (&string(), false));
        // A type only read keeps `Option<T>`.
        assert_eq!(fields(&types[1])[0].ty, string());
        assert!(!fields(&types[1])[0].null_apart);
    }
}
