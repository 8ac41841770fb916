//! Media: asking for a page of animations (GIFs) matching a search, with the search sent as JSON text (the
//! animations themselves come in an event).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::Ctx;

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    let search: BTreeMap<String, Value> =
        serde_json::from_value(json!({ "type": "gif", "text": "thank you" }))
            .expect("a JSON object");
    ctx.accepted(
        "listAnimationMedias",
        client.list_animation_medias(1, "1712345678", &search).await,
    );
}
