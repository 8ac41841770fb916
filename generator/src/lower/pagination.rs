//! Pagination (`x-pagination` on an operation answering a list): the operation gets a companion method that
//! streams the items of every page. It is declared in the spec (or its overlay), never guessed from parameter
//! names, in one of these forms:
//!
//! - `{parameter: page, first: 1}`: pages numbered by an integer parameter, counting up from `first` (or, when
//!   the parameter is optional, from the page the caller's options ask for).
//! - `{offset: start}`: an integer parameter counting the items before the page (offset/limit), from 0 or the
//!   options' value, moving on by the number of items each page holds.
//! - `{parameter: timestamp_before, cursor: timestamp, pick: min}`: the optional parameter `parameter`
//!   carries a cursor read from the page before: the `cursor` field of its first, last, smallest (`min`) or
//!   largest (`max`) item (default `last`).
//! - `{parameter: cursor, next: /meta/next_cursor}`: the optional parameter carries the cursor the answer
//!   holds at the JSON pointer `next`; a missing, null or empty one ends the listing.
//! - `{link: header}`: the next page is the `rel="next"` URL of the answer's `Link` header (GitHub's way);
//!   `{link: /links/next}`: the URL the body holds at that JSON pointer.
//!
//! Every stream also ends at an empty page, or when the next page would be asked for as the last one was.
//!
//! An answer that is not itself the list (`{results: [...], total: 3}`) says where the list is with
//! `items: /results`, a JSON pointer within what the method returns.

use serde_json::Value;

use crate::ir::{
    named_kind, CursorPages, CursorPick, LinkFrom, Pages, Pagination, Parameter, Returns, TypeDef,
    TypeKind, TypeRef,
};

/// The keys an `x-pagination` object may have.
const KEYS: &[&str] = &[
    "parameter",
    "first",
    "cursor",
    "pick",
    "next",
    "offset",
    "link",
    "items",
];

/// The pagination an operation declares, or why it cannot have one.
pub fn pagination(
    declared: &Value,
    params: &[Parameter],
    returns: &Returns,
    has_body: bool,
    stream_name: String,
    types: &[TypeDef],
) -> Result<Pagination, String> {
    let keys = declared
        .as_object()
        .ok_or("`x-pagination` must be an object")?;
    if let Some(unknown) = keys.keys().find(|key| !KEYS.contains(&key.as_str())) {
        return Err(format!(
            "`x-pagination` has `{unknown}`, which is none of {}",
            KEYS.join(", ")
        ));
    }
    if has_body {
        return Err("a paged operation cannot take a request body".to_string());
    }
    let (item, items_at, items_within) = listed(returns, declared.get("items"), types)?;
    let pages = if let Some(link) = declared.get("link") {
        linked(link, params)?
    } else if let Some(offset) = declared.get("offset") {
        let name = offset.as_str().ok_or(
            "`x-pagination.offset` must name the parameter that counts the items before a page",
        )?;
        let param = find(params, name)?;
        integer(&params[param], "offset")?;
        Pages::Offset { param }
    } else {
        let name = declared.get("parameter").and_then(Value::as_str).ok_or(
            "`x-pagination` needs `parameter`, the name of the parameter that asks for a page              (or `offset`, or `link`)",
        )?;
        let param = find(params, name)?;
        match (declared.get("cursor"), declared.get("next")) {
            (Some(cursor), None) => cursored(declared, cursor, &params[param], param, &item, types)?,
            (None, Some(next)) => answer_cursor(next, &params[param], param)?,
            (None, None) => numbered(declared, &params[param], param)?,
            (Some(_), Some(_)) => {
                return Err(
                    "`x-pagination` reads its cursor either from the items (`cursor`) or from the answer (`next`), not both"
                        .to_string(),
                )
            }
        }
    };
    Ok(Pagination {
        stream_name,
        item,
        items_at,
        items_within,
        pages,
    })
}

/// The type of the listed items, where the list is in the answer's body, and whether it is a part of what
/// the method returns (`items`) rather than all of it.
fn listed(
    returns: &Returns,
    items: Option<&Value>,
    types: &[TypeDef],
) -> Result<(TypeRef, String, bool), String> {
    let (returned, base) = match returns {
        Returns::Json(ty) => (ty, ""),
        Returns::JsonAt { ty, pointer, .. } => (ty, pointer.as_str()),
        _ => return Err("a paged operation must answer with JSON".to_string()),
    };
    let Some(items) = items else {
        return match returned {
            TypeRef::Vec(item) => Ok(((**item).clone(), base.to_string(), false)),
            _ => Err(
                "a paged operation must answer with a list, or say where its answer holds one (`items`)"
                    .to_string(),
            ),
        };
    };
    let pointer = items
        .as_str()
        .filter(|pointer| pointer.starts_with('/'))
        .ok_or("`x-pagination.items` must be a JSON pointer to the list in the answer")?;
    let mut ty = returned;
    for token in pointer.split('/').skip(1) {
        let name = token.replace("~1", "/").replace("~0", "~");
        let Some(TypeKind::Struct { fields, .. }) = named_kind(types, ty) else {
            return Err(format!(
                "`x-pagination.items` goes through `{name}`, which is not a field of an object here"
            ));
        };
        let field = fields
            .iter()
            .find(|field| field.wire_name == name)
            .ok_or_else(|| format!("the answer has no field `{name}` (`x-pagination.items`)"))?;
        ty = match &field.ty {
            TypeRef::Option(inner) => inner,
            ty => ty,
        };
    }
    match ty {
        TypeRef::Vec(item) => Ok(((**item).clone(), format!("{base}{pointer}"), true)),
        _ => Err(format!(
            "`x-pagination.items` points at `{pointer}`, which is not a list"
        )),
    }
}

/// The index of the parameter named `name` on the wire.
fn find(params: &[Parameter], name: &str) -> Result<usize, String> {
    params
        .iter()
        .position(|p| p.wire_name == name)
        .ok_or_else(|| format!("`x-pagination` names `{name}`, which is not a parameter here"))
}

/// Checks that a page number or an offset is carried by an integer.
fn integer(param: &Parameter, role: &str) -> Result<(), String> {
    match param.ty {
        TypeRef::I32 | TypeRef::I64 | TypeRef::U64 => Ok(()),
        _ => Err(format!(
            "the {role} parameter `{}` must be an integer",
            param.wire_name
        )),
    }
}

fn numbered(declared: &Value, page: &Parameter, param: usize) -> Result<Pages, String> {
    let first = match declared.get("first") {
        None => 1,
        Some(first) => first
            .as_i64()
            .ok_or("`x-pagination.first` must be an integer")?,
    };
    integer(page, "page")?;
    let fits = match page.ty {
        TypeRef::I32 => i32::try_from(first).is_ok(),
        TypeRef::U64 => first >= 0,
        _ => true,
    };
    if !fits {
        return Err(format!(
            "the first page {first} does not fit the page parameter `{}`",
            page.wire_name
        ));
    }
    Ok(Pages::Numbered { param, first })
}

fn answer_cursor(next: &Value, carrier: &Parameter, param: usize) -> Result<Pages, String> {
    let pointer = next
        .as_str()
        .filter(|pointer| pointer.starts_with('/'))
        .ok_or(
            "`x-pagination.next` must be a JSON pointer to the next page's cursor in the answer",
        )?;
    if carrier.required {
        return Err(format!(
            "the cursor parameter `{}` must be optional: the first page is asked for without it",
            carrier.wire_name
        ));
    }
    if !matches!(
        carrier.ty,
        TypeRef::String | TypeRef::I32 | TypeRef::I64 | TypeRef::U64
    ) {
        return Err(format!(
            "the cursor parameter `{}` must be a string or an integer",
            carrier.wire_name
        ));
    }
    Ok(Pages::AnswerCursor {
        param,
        pointer: pointer.to_string(),
    })
}

/// Paging by the next page's URL, from the `Link` header or the body, under a name no argument has.
fn linked(link: &Value, params: &[Parameter]) -> Result<Pages, String> {
    let from = match link.as_str() {
        Some("header") => LinkFrom::Header,
        Some(pointer) if pointer.starts_with('/') => LinkFrom::Body(pointer.to_string()),
        _ => return Err(
            "`x-pagination.link` must be `header` (the `Link` header) or a JSON pointer to the next page's URL in the answer"
                .to_string(),
        ),
    };
    // The method's arguments are its parameters, `body` and `options`: only a parameter can be `link`.
    let mut binding = "link".to_string();
    while params.iter().any(|param| param.rust_name == binding) {
        binding.push('_');
    }
    Ok(Pages::Link { from, binding })
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
            nullable: false,
            null_apart: false,
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
    fn the_next_pages_link_is_named_after_no_argument() {
        let params = [
            param("link", TypeRef::String, true),
            param("link_", TypeRef::String, false),
        ];
        let paged = pagination(
            &json!({ "link": "header" }),
            &params,
            &list_of_strings(),
            false,
            "list_stream".into(),
            &[],
        )
        .expect("paged");
        assert_eq!(
            paged.pages,
            Pages::Link {
                from: LinkFrom::Header,
                binding: "link__".into()
            }
        );
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
    fn offsets_answer_cursors_and_links_are_declared_alike() {
        let params = [
            param("offset", TypeRef::U64, false),
            param("cursor", TypeRef::String, false),
        ];
        let unwrapped = Returns::JsonAt {
            ty: TypeRef::Vec(Box::new(TypeRef::String)),
            pointer: "/data".into(),
            empty: crate::ir::EmptyAnswer::Array,
        };
        let declared =
            |value| pagination(&value, &params, &unwrapped, false, "s".into(), &[]).expect("paged");
        let offset = declared(json!({ "offset": "offset" }));
        assert_eq!(offset.pages, Pages::Offset { param: 0 });
        assert_eq!(offset.items_at, "/data");
        assert_eq!(
            declared(json!({ "parameter": "cursor", "next": "/meta/next" })).pages,
            Pages::AnswerCursor {
                param: 1,
                pointer: "/meta/next".into()
            }
        );
        assert_eq!(
            declared(json!({ "link": "header" })).pages,
            Pages::Link {
                from: LinkFrom::Header,
                binding: "link".into()
            }
        );
        assert_eq!(
            declared(json!({ "link": "/links/next" })).pages,
            Pages::Link {
                from: LinkFrom::Body("/links/next".into()),
                binding: "link".into()
            }
        );
        let optional_page = declared(json!({ "parameter": "offset", "first": 0 }));
        assert_eq!(optional_page.pages, Pages::Numbered { param: 0, first: 0 });
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
                json!({ "parameter": "text" }),
                list_of_strings(),
                false,
                "must be an integer",
            ),
            (
                json!({ "parameter": "size", "first": 5_000_000_000_i64 }),
                list_of_strings(),
                false,
                "does not fit",
            ),
            (
                json!({ "offset": "text" }),
                list_of_strings(),
                false,
                "offset parameter `text` must be an integer",
            ),
            (
                json!({ "parameter": "page", "next": "/next" }),
                list_of_strings(),
                false,
                "must be optional",
            ),
            (
                json!({ "parameter": "before", "next": "next" }),
                list_of_strings(),
                false,
                "JSON pointer",
            ),
            (
                json!({ "parameter": "before", "next": "/n", "cursor": "timestamp" }),
                list_of_messages(),
                false,
                "not both",
            ),
            (
                json!({ "link": "body" }),
                list_of_strings(),
                false,
                "`header`",
            ),
            (
                json!({ "parameter": "page", "pages": 3 }),
                list_of_strings(),
                false,
                "has `pages`",
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
