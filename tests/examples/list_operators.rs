//! List the operators of a website with their role and availability, to route a conversation to someone.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... cargo run -p workspace-tests --example list_operators`

mod common;

use crisp_client::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;

    for member in client.list_website_operators(&website_id).await? {
        let Some(operator) = member.details else {
            continue;
        };
        println!(
            "{} {} <{}>: {} ({})",
            operator.first_name.unwrap_or_default(),
            operator.last_name.unwrap_or_default(),
            operator.email.unwrap_or_default(),
            operator.role.unwrap_or_default(),
            operator.availability.unwrap_or_else(|| "unknown".into()),
        );
    }
    Ok(())
}
