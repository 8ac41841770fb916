//! Verify: the identity verification settings (read, turn on) and the secret key (read, roll).

use crisp_client::types::VerifySettingsUpdate;

use super::{Ctx, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "getVerifySettings",
        client.get_verify_settings(WEBSITE).await,
    );
    let enable = VerifySettingsUpdate {
        enabled: Some(true),
    };
    ctx.accepted(
        "updateVerifySettings",
        client.update_verify_settings(WEBSITE, &enable).await,
    );
    ctx.accepted("getVerifyKey", client.get_verify_key(WEBSITE).await);
    ctx.accepted("rollVerifyKey", client.roll_verify_key(WEBSITE).await);
}
