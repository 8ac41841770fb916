//! What every example needs: a client built from the environment, so the examples run against Crisp (or a
//! mock of it) without editing them.
//!
//! - `CRISP_IDENTIFIER`, `CRISP_KEY`: a token pair (from Crisp's token generator or the Marketplace).
//! - `CRISP_TIER`: `plugin` (default), `user` or `website`.
//! - `CRISP_API_URL`: another base URL, such as a mock server's (default `https://api.crisp.chat/v1`).
//! - `CRISP_WEBSITE_ID`, and `CRISP_SESSION_ID` for the examples that work on a conversation.

use crisp_client::types::Tier;
use crisp_client::{Client, Error};

/// The value of the environment variable `name`, or an error that says which one is missing.
pub fn env(name: &str) -> Result<String, Error> {
    std::env::var(name).map_err(|_| Error::Config(format!("set the environment variable {name}")))
}

/// A client with the token pair and tier of the environment.
pub fn client() -> Result<Client, Error> {
    let tier = match std::env::var("CRISP_TIER").as_deref() {
        Ok("user") => Tier::User,
        Ok("website") => Tier::Website,
        _ => Tier::Plugin,
    };
    let mut builder = Client::builder()
        .basic_auth(env("CRISP_IDENTIFIER")?, env("CRISP_KEY")?)
        .tier(tier);
    if let Ok(url) = std::env::var("CRISP_API_URL") {
        builder = builder.base_url(url);
    }
    builder.build()
}
