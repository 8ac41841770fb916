#![only_if(link_pages)]
//! Listings paged by links: the answer names the URL of the next page (in a `Link` header, as GitHub does,
//! or in its body), and the client follows it with the same operation's credentials, but only to URLs under
//! its base URL, so a link cannot send them elsewhere.

/// `link` (absolute, or relative to the base URL) as a path to append to `base_url`, or why it is not
/// followed: a URL outside the base URL would receive the client's credentials.
pub(crate) fn path_under(base_url: &str, link: &str) -> Result<String, crate::Error> {
    let refused = |reason: &str| crate::Error::InvalidArgument {
        name: "next page link",
        reason: format!("`{link}` {reason}"),
    };
    let base = reqwest::Url::parse(&format!("{base_url}/"))
        .map_err(|_| refused("cannot be resolved against the base URL"))?;
    let url = base
        .join(link)
        .map_err(|_| refused("is not a URL"))?;
    let base = base.as_str().trim_end_matches('/');
    let path = url
        .as_str()
        .strip_prefix(base)
        .filter(|path| path.is_empty() || path.starts_with('/') || path.starts_with('?'))
        .ok_or_else(|| refused("is not under the client's base URL, so it is not followed"))?;
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_links_under_the_base_url_are_followed() {
        let base = "https://api.example.com/v3";
        assert_eq!(
            path_under(base, "https://api.example.com/v3/items?page=2").expect("under"),
            "/items?page=2"
        );
        assert_eq!(
            path_under(base, "items?page=2").expect("relative"),
            "/items?page=2"
        );
        for elsewhere in [
            "https://api.example.com.evil.test/v3/items",
            "https://evil.test/v3/items",
            "http://api.example.com/v3/items",
            "https://api.example.com/v30/items",
            "/items",
        ] {
            assert!(path_under(base, elsewhere).is_err(), "{elsewhere}");
        }
    }
}
