//! Search the helpdesk (the knowledge base) for articles whose title matches what a visitor asked, to answer
//! with a link.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... cargo run -p workspace-tests --example search_helpdesk -- refund`

mod common;

use crisp_client::types::{HelpdeskContentType, ListHelpdeskTreeOptions};
use crisp_client::Error;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;
    let query = std::env::args().nth(1).unwrap_or_else(|| "refund".into());

    let search = ListHelpdeskTreeOptions {
        search_title: Some(query.clone()),
        ..ListHelpdeskTreeOptions::default()
    };
    // Every page of results, fetched as the stream is read.
    let articles = client.list_helpdesk_tree_stream(
        &website_id,
        "en",
        &HelpdeskContentType::Articles,
        &search,
    );
    let articles: Vec<_> = articles.try_collect().await?;
    println!("{} articles match {query:?}", articles.len());
    for article in &articles {
        println!("- {:?} ({:?})", article.title, article.slug);
    }
    Ok(())
}
