//! Pagination (`x-pagination` on an operation answering a list): the operation gets a companion method that
//! streams the items of every page. It is declared in the spec (or its overlay), never guessed from parameter
//! names, in one of two forms:
//!
//! - `{parameter: page_number, first: 1}`: pages numbered by a required integer parameter, from `first`
//!   until the first empty page.
//! - `{parameter: timestamp_before, cursor: timestamp, pick: min}`: the optional parameter `parameter`
//!   carries a cursor read from the page before: the `cursor` field of its first, last, smallest (`min`) or
//!   largest (`max`) item (default `last`). The stream ends at an empty page, an item without the field, or a
//!   cursor that does not move.

use serde_json::Value;

use crate::ir::{
    named_kind, CursorPages, CursorPick, Pages, Pagination, Parameter, Returns, TypeDef, TypeKind,
    TypeRef,
};

/// The pagination an operation declares, or why it cannot have one.
pub fn pagination(
    declared: &Value,
    params: &[Parameter],
    returns: &Returns,
    has_body: bool,
    stream_name: String,
    types: &[TypeDef],
) -> Result<Pagination, String> {
    let name = declared.get("parameter").and_then(Value::as_str).ok_or(
        "`x-pagination` needs `parameter`, the name of the parameter that asks for a page",
    )?;
    let param = params
        .iter()
        .position(|p| p.wire_name == name)
        .ok_or_else(|| format!("`x-pagination` names `{name}`, which is not a parameter here"))?;
    if has_body {
        return Err("a paged operation cannot take a request body".to_string());
    }
    let item = match returns {
        Returns::Json(TypeRef::Vec(item))
        | Returns::JsonAt {
            ty: TypeRef::Vec(item),
            ..
        } => (**item).clone(),
        _ => return Err("a paged operation must answer with a list".to_string()),
    };
    let pages = match declared.get("cursor") {
        None => numbered(declared, &params[param], param)?,
        Some(cursor) => cursored(declared, cursor, &params[param], param, &item, types)?,
    };
    Ok(Pagination {
        stream_name,
        item,
        pages,
    })
}

fn numbered(declared: &Value, page: &Parameter, param: usize) -> Result<Pages, String> {
    let first = match declared.get("first") {
        None => 1,
        Some(first) => first
            .as_i64()
            .ok_or("`x-pagination.first` must be an integer")?,
    };
    if !page.required || page.ty != TypeRef::I64 {
        return Err(format!(
            "the page parameter `{}` must be a required 64-bit integer",
            page.wire_name
        ));
    }
    Ok(Pages::Numbered { param, first })
}

fn cursored(
    declared: &Value,
    cursor: &Value,
    carrier: &Parameter,
    param: usize,
    item: &TypeRef,
    types: &[TypeDef],
) -> Result<Pages, String> {
    let wire = cursor
        .as_str()
        .ok_or("`x-pagination.cursor` must name a field of the listed items")?;
    let pick = match declared.get("pick").map(|pick| pick.as_str()) {
        None | Some(Some("last")) => CursorPick::Last,
        Some(Some("first")) => CursorPick::First,
        Some(Some("min")) => CursorPick::Min,
        Some(Some("max")) => CursorPick::Max,
        Some(_) => {
            return Err("`x-pagination.pick` must be `first`, `last`, `min` or `max`".to_string())
        }
    };
    if carrier.required {
        return Err(format!(
            "the cursor parameter `{}` must be optional: the first page is asked for without it",
            carrier.wire_name
        ));
    }
    let Some(TypeKind::Struct { fields, .. }) = named_kind(types, item) else {
        return Err("a listing paged by a cursor must list objects".to_string());
    };
    let field = fields
        .iter()
        .find(|f| f.wire_name == wire)
        .ok_or_else(|| format!("the listed items have no field `{wire}`"))?;
    let (field_ty, field_optional) = match &field.ty {
        TypeRef::Option(inner) => (&**inner, true),
        ty => (ty, false),
    };
    if *field_ty != carrier.ty {
        return Err(format!(
            "the field `{wire}` and the parameter `{}` must have the same type",
            carrier.wire_name
        ));
    }
    if matches!(pick, CursorPick::Min | CursorPick::Max)
        && !matches!(
            field_ty,
            TypeRef::I32 | TypeRef::I64 | TypeRef::U64 | TypeRef::String
        )
    {
        return Err(format!(
            "`pick: min` and `max` need an integer or string field, and `{wire}` is neither"
        ));
    }
    Ok(Pages::Cursor(CursorPages {
        param,
        field: field.rust_name.clone(),
        field_optional,
        pick,
        ty: field_ty.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::{Field, ParamEncoding, ParamLocation, Travel};

    fn param(name: &str, ty: TypeRef, required: bool) -> Parameter {
        Parameter {
            wire_name: name.into(),
            rust_name: name.into(),
            location: ParamLocation::Path,
            required,
            ty,
            encoding: ParamEncoding::Display,
            docs: None,
        }
    }

    fn list_of_strings() -> Returns {
        Returns::Json(TypeRef::Vec(Box::new(TypeRef::String)))
    }

    fn message_type() -> TypeDef {
        let field = |name: &str, ty: TypeRef| Field {
            wire_name: name.into(),
            rust_name: format!("{name}_field"),
            ty,
            optional: true,
            flatten: false,
            docs: None,
        };
        TypeDef {
            name: "Message".into(),
            docs: None,
            origin: String::new(),
            travel: Travel::default(),
            derives: crate::ir::Derives::default(),
            kind: TypeKind::Struct {
                fields: vec![
                    field("timestamp", TypeRef::Option(Box::new(TypeRef::I64))),
                    field("text", TypeRef::Option(Box::new(TypeRef::String))),
                    field("flag", TypeRef::Option(Box::new(TypeRef::Bool))),
                ],
                extra: None,
            },
        }
    }

    fn list_of_messages() -> Returns {
        Returns::Json(TypeRef::Vec(Box::new(TypeRef::Named("Message".into()))))
    }

    #[test]
    fn a_declared_page_parameter_makes_a_stream() {
        let params = [
            param("id", TypeRef::String, true),
            param("page", TypeRef::I64, true),
        ];
        let declared = json!({ "parameter": "page", "first": 0 });
        let paged = pagination(
            &declared,
            &params,
            &list_of_strings(),
            false,
            "list_stream".into(),
            &[],
        )
        .expect("paged");
        assert_eq!(paged.pages, Pages::Numbered { param: 1, first: 0 });
        assert_eq!(paged.item, TypeRef::String);
    }

    #[test]
    fn a_cursor_is_read_from_a_field_of_the_items() {
        let params = [
            param("id", TypeRef::String, true),
            param("before", TypeRef::I64, false),
        ];
        let declared = json!({ "parameter": "before", "cursor": "timestamp", "pick": "min" });
        let types = [message_type()];
        let paged = pagination(
            &declared,
            &params,
            &list_of_messages(),
            false,
            "s".into(),
            &types,
        )
        .expect("paged");
        assert_eq!(
            paged.pages,
            Pages::Cursor(CursorPages {
                param: 1,
                field: "timestamp_field".into(),
                field_optional: true,
                pick: CursorPick::Min,
                ty: TypeRef::I64,
            })
        );
        let last = json!({ "parameter": "before", "cursor": "timestamp" });
        let paged = pagination(
            &last,
            &params,
            &list_of_messages(),
            false,
            "s".into(),
            &types,
        )
        .expect("paged");
        assert!(matches!(
            paged.pages,
            Pages::Cursor(CursorPages {
                pick: CursorPick::Last,
                ..
            })
        ));
    }

    #[test]
    fn what_cannot_be_paged_says_why() {
        let params = [
            param("page", TypeRef::I64, true),
            param("size", TypeRef::I32, false),
            param("before", TypeRef::I64, false),
            param("text", TypeRef::String, false),
        ];
        let types = [message_type()];
        let reasons = [
            (json!({}), list_of_strings(), false, "needs `parameter`"),
            (
                json!({ "parameter": "cursor" }),
                list_of_strings(),
                false,
                "not a parameter",
            ),
            (
                json!({ "parameter": "size" }),
                list_of_strings(),
                false,
                "required 64-bit",
            ),
            (
                json!({ "parameter": "page" }),
                Returns::Json(TypeRef::String),
                false,
                "a list",
            ),
            (
                json!({ "parameter": "page" }),
                list_of_strings(),
                true,
                "request body",
            ),
            (
                json!({ "parameter": "page", "first": "one" }),
                list_of_strings(),
                false,
                "integer",
            ),
            (
                json!({ "parameter": "page", "cursor": "timestamp" }),
                list_of_messages(),
                false,
                "must be optional",
            ),
            (
                json!({ "parameter": "before", "cursor": 3 }),
                list_of_messages(),
                false,
                "name a field",
            ),
            (
                json!({ "parameter": "before", "cursor": "timestamp" }),
                list_of_strings(),
                false,
                "list objects",
            ),
            (
                json!({ "parameter": "before", "cursor": "nope" }),
                list_of_messages(),
                false,
                "no field `nope`",
            ),
            (
                json!({ "parameter": "text", "cursor": "timestamp" }),
                list_of_messages(),
                false,
                "same type",
            ),
            (
                json!({ "parameter": "before", "cursor": "timestamp", "pick": "median" }),
                list_of_messages(),
                false,
                "`first`, `last`",
            ),
        ];
        for (declared, returns, has_body, why) in reasons {
            let err = pagination(&declared, &params, &returns, has_body, "s".into(), &types)
                .expect_err("not pageable");
            assert!(err.contains(why), "{declared}: {err}");
        }
    }
}
