//! What each type derives: `Default` for a struct of optional fields, and the serde traits its direction
//! needs (`lower/directions.rs` found which way it travels).

use crate::ir::{Derives, TypeDef, TypeKind};

/// Decides every type's derives; run after the directions are marked.
pub fn decide(types: &mut [TypeDef]) {
    for def in types {
        def.derives = Derives {
            default: matches!(&def.kind, TypeKind::Struct { fields, .. } if fields.iter().all(|f| f.optional)),
            serialize: def.travel.sent,
            deserialize: def.travel.received,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Travel, TypeRef};
    use crate::lower::cycles::tests::strukt;

    #[test]
    fn default_for_optional_fields_only_and_serde_by_direction() {
        let mut optional = strukt("Options", &[("a", TypeRef::String)]);
        optional.travel = Travel {
            sent: true,
            ..Travel::default()
        };
        let mut required = strukt("Answer", &[("a", TypeRef::String)]);
        if let TypeKind::Struct { fields, .. } = &mut required.kind {
            fields[0].optional = false;
        }
        required.travel = Travel {
            received: true,
            ..Travel::default()
        };
        let mut types = [optional, required];
        decide(&mut types);
        assert_eq!(
            types.map(|t| t.derives),
            [
                Derives {
                    default: true,
                    serialize: true,
                    deserialize: false
                },
                Derives {
                    default: false,
                    serialize: false,
                    deserialize: true
                },
            ]
        );
    }
}
