//! Pagination (`x-pagination: {parameter: page_number, first: 1}` on an operation): a listing paged by an
//! integer page number, ending at the first empty page, gets a companion method that streams its items. It is
//! declared in the spec (or its overlay), never guessed from parameter names.

use serde_json::Value;

use crate::ir::{Pagination, Parameter, Returns, TypeRef};

/// The pagination an operation declares, or why it cannot have one.
pub fn pagination(
    declared: &Value,
    params: &[Parameter],
    returns: &Returns,
    has_body: bool,
    stream_name: String,
) -> Result<Pagination, String> {
    let name = declared
        .get("parameter")
        .and_then(Value::as_str)
        .ok_or("`x-pagination` needs `parameter`, the name of the page-number parameter")?;
    let first_page = match declared.get("first") {
        None => 1,
        Some(first) => first
            .as_i64()
            .ok_or("`x-pagination.first` must be an integer")?,
    };
    let page_param = params
        .iter()
        .position(|p| p.wire_name == name)
        .ok_or_else(|| format!("`x-pagination` names `{name}`, which is not a parameter here"))?;
    let page = &params[page_param];
    if !page.required || page.ty != TypeRef::I64 {
        return Err(format!(
            "the page parameter `{name}` must be a required 64-bit integer"
        ));
    }
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
    Ok(Pagination {
        stream_name,
        page_param,
        first_page,
        item,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::{ParamEncoding, ParamLocation};

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

    #[test]
    fn a_declared_page_parameter_makes_a_stream() {
        let params = [
            param("id", TypeRef::String, true),
            param("page", TypeRef::I64, true),
        ];
        let declared = json!({ "parameter": "page", "first": 0 });
        let pagination = pagination(
            &declared,
            &params,
            &list_of_strings(),
            false,
            "list_stream".into(),
        )
        .expect("paged");
        assert_eq!(
            (
                pagination.page_param,
                pagination.first_page,
                pagination.item
            ),
            (1, 0, TypeRef::String)
        );
    }

    #[test]
    fn what_cannot_be_paged_says_why() {
        let params = [
            param("page", TypeRef::I64, true),
            param("size", TypeRef::I32, false),
        ];
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
        ];
        for (declared, returns, has_body, why) in reasons {
            let err = pagination(&declared, &params, &returns, has_body, "s".into())
                .expect_err("not pageable");
            assert!(err.contains(why), "{declared}: {err}");
        }
    }
}
