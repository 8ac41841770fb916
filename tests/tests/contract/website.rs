//! Website: check, create, read, delete and abort the deletion of a website.

use crisp_client::types::{
    CreateWebsiteRequest, DeleteWebsiteRequest, DeleteWebsiteRequestVerify,
    DeleteWebsiteRequestVerifyMethod,
};

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted("checkWebsite", client.check_website("acme.example").await);
    let body = CreateWebsiteRequest {
        name: "Acme".into(),
        domain: "acme.example".into(),
    };
    ctx.accepted("createWebsite", client.create_website(&body).await);
    ctx.accepted("getWebsite", client.get_website(WEBSITE).await);
    let verify = DeleteWebsiteRequest {
        verify: DeleteWebsiteRequestVerify {
            method: DeleteWebsiteRequestVerifyMethod::Password,
            secret: "correct horse battery staple".into(),
        },
    };
    ctx.accepted(
        "deleteWebsite",
        client.delete_website(WEBSITE, &verify).await,
    );
    ctx.accepted(
        "abortDeleteWebsite",
        client.abort_delete_website(WEBSITE).await,
    );
}
