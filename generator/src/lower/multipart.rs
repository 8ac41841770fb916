//! Multipart bodies: how each field of the body struct goes on the wire. Bytes are file parts, strings text,
//! numbers, booleans and enums their `Display` text, lists of those one part per item, anything else JSON.

use crate::ir::{
    is_scalar, named_kind, MultipartForm, MultipartPart, PartEncoding, TypeDef, TypeKind, TypeRef,
};

/// Makes the byte fields of the multipart body struct `ty` files (`FilePart`: bytes with a file name and
/// content type), since that is what a multipart byte field is on the wire.
pub fn make_files(ty: &TypeRef, types: &mut [TypeDef]) {
    let Some(TypeRef::Named(name)) = Some(ty) else {
        return;
    };
    let Some(def) = types.iter_mut().find(|def| def.name == *name) else {
        return;
    };
    if let TypeKind::Struct { fields, extra } = &mut def.kind {
        for field in fields {
            file_for_bytes(&mut field.ty);
        }
        if let Some(extra) = extra {
            file_for_bytes(&mut extra.value);
        }
    }
}

/// `Bytes` as `File`, in an option or a list too.
fn file_for_bytes(ty: &mut TypeRef) {
    match ty {
        TypeRef::Bytes => *ty = TypeRef::File,
        TypeRef::Option(inner) | TypeRef::Vec(inner) => file_for_bytes(inner),
        _ => {}
    }
}

/// The parts of the struct `ty`, or `None` when `ty` is not a struct (the body is then sent as bytes).
pub fn form_of(ty: &TypeRef, types: &[TypeDef]) -> Option<MultipartForm> {
    let Some(TypeKind::Struct { fields, extra }) = named_kind(types, ty) else {
        return None;
    };
    let parts = fields
        .iter()
        .map(|field| part(&field.wire_name, &field.rust_name, &field.ty, types))
        .collect();
    let extra = extra
        .as_ref()
        .map(|extra| part("", &extra.rust_name, &extra.value, types));
    Some(MultipartForm { parts, extra })
}

fn part(wire_name: &str, rust_name: &str, ty: &TypeRef, types: &[TypeDef]) -> MultipartPart {
    let (optional, ty) = match ty {
        TypeRef::Option(inner) => (true, &**inner),
        ty => (false, ty),
    };
    let (list, encoding) = match ty {
        TypeRef::Vec(item) => match item_encoding(item, types) {
            PartEncoding::Json => (false, PartEncoding::Json),
            encoding => (true, encoding),
        },
        ty => (false, item_encoding(ty, types)),
    };
    MultipartPart {
        wire_name: wire_name.to_string(),
        rust_name: rust_name.to_string(),
        optional,
        list,
        encoding,
    }
}

fn item_encoding(ty: &TypeRef, types: &[TypeDef]) -> PartEncoding {
    match ty {
        TypeRef::Bytes | TypeRef::File => PartEncoding::File,
        TypeRef::String => PartEncoding::Text,
        ty if is_scalar(ty, types) => PartEncoding::Display,
        _ => PartEncoding::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Field;

    #[test]
    fn each_field_gets_the_part_its_type_needs() {
        let field = |name: &str, ty: TypeRef| Field {
            wire_name: name.into(),
            rust_name: name.into(),
            ty,
            optional: false,
            flatten: false,
            nullable: false,
            null_apart: false,
            docs: None,
        };
        let optional = |ty| TypeRef::Option(Box::new(ty));
        let list = |ty| TypeRef::Vec(Box::new(ty));
        let mut types = [TypeDef {
            name: "Upload".into(),
            docs: None,
            origin: String::new(),
            travel: crate::ir::Travel::default(),
            derives: crate::ir::Derives::default(),
            kind: TypeKind::Struct {
                fields: vec![
                    field("photo", TypeRef::Bytes),
                    field("caption", optional(TypeRef::String)),
                    field("width", TypeRef::I64),
                    field("tags", optional(list(TypeRef::String))),
                    field("scans", list(TypeRef::Bytes)),
                    field("meta", optional(TypeRef::Json)),
                    field("points", list(list(TypeRef::I64))),
                ],
                extra: None,
            },
        }];
        let form = form_of(&TypeRef::Named("Upload".into()), &types).expect("a struct");
        let shapes: Vec<(&str, bool, bool, PartEncoding)> = form
            .parts
            .iter()
            .map(|p| (p.wire_name.as_str(), p.optional, p.list, p.encoding))
            .collect();
        assert_eq!(
            shapes,
            [
                ("photo", false, false, PartEncoding::File),
                ("caption", true, false, PartEncoding::Text),
                ("width", false, false, PartEncoding::Display),
                ("tags", true, true, PartEncoding::Text),
                ("scans", false, true, PartEncoding::File),
                ("meta", true, false, PartEncoding::Json),
                ("points", false, false, PartEncoding::Json),
            ]
        );
        assert!(form_of(&TypeRef::String, &types).is_none());

        make_files(&TypeRef::Named("Upload".into()), &mut types);
        let TypeKind::Struct { fields, .. } = &types[0].kind else {
            unreachable!("a struct")
        };
        let files: Vec<&TypeRef> = fields.iter().map(|field| &field.ty).collect();
        assert_eq!(files[0], &TypeRef::File);
        assert_eq!(files[4], &list(TypeRef::File));
        assert_eq!(
            files[1],
            &optional(TypeRef::String),
            "only bytes become files"
        );
    }
}
