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
