#![only_if(header_link_pages)]
//! The `Link` header (RFC 8288), where APIs such as GitHub's name the next page of a listing.

use reqwest::header::{HeaderMap, LINK};

/// The `rel="next"` target of the answer's `Link` headers, as written (it may be relative).
pub(crate) fn next_in_header(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(next_in_link_value)
}

/// The `rel="next"` target of one `Link` header value: `<url>; rel="next", <url>; rel="last"`. A `rel` may
/// list several relations (`rel="next prefetch"`), quoted or not; URLs may hold commas.
fn next_in_link_value(value: &str) -> Option<String> {
    let mut rest = value;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        let params_end = rest[close..].find('<').map_or(rest.len(), |next| close + next);
        // `; rel="next", ` up to the next link, without the comma that separates links.
        let params = rest[close + 1..params_end].trim_end().trim_end_matches(',');
        let is_next = params.split(';').any(|param| {
            let Some((name, relations)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && relations
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|relation| relation.eq_ignore_ascii_case("next"))
        });
        if is_next {
            return Some(target.to_owned());
        }
        rest = &rest[params_end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_relation_is_found_among_others() {
        let github = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", \
                      <https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"";
        assert_eq!(
            next_in_link_value(github).as_deref(),
            Some("https://api.github.com/repositories/1/issues?page=2")
        );
        let later = "</items?page=1>; rel=prev, </items?a=1,2&page=3>; rel=\"prefetch NEXT\"";
        assert_eq!(
            next_in_link_value(later).as_deref(),
            Some("/items?a=1,2&page=3")
        );
        assert_eq!(next_in_link_value("</items?page=1>; rel=\"prev\""), None);
        assert_eq!(next_in_link_value("<unclosed; rel=next"), None);
        assert_eq!(next_in_link_value(""), None);
    }
}
