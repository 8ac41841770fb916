//! Operators: the member list, the last active operators and their flush, email to the team, one operator's
//! membership (read, change, unlink) and an invitation.

use crisp_client::types::{
    ChangeOperatorMembershipRequest, InviteWebsiteOperatorRequest, OperatorEmail,
    OperatorEmailTarget, OperatorInviteVerify,
};

use super::{Ctx, USER, WEBSITE};

pub async fn call(ctx: &Ctx<'_>) {
    let client = &ctx.client;
    ctx.accepted(
        "listWebsiteOperators",
        client.list_website_operators(WEBSITE).await,
    );
    ctx.accepted(
        "listLastActiveWebsiteOperators",
        client.list_last_active_website_operators(WEBSITE).await,
    );
    ctx.accepted(
        "flushLastActiveWebsiteOperators",
        client.flush_last_active_website_operators(WEBSITE).await,
    );
    let to_owners = OperatorEmail {
        recipient: Some("owners".into()),
        user_id: None,
        subject: Some("Chatbox maintenance tonight".into()),
        message: Some("The chatbox will be offline from 22:00 to 22:30 UTC.".into()),
        target: Some(OperatorEmailTarget {
            label: Some("Status page".into()),
            url: Some("https://status.acme.example/incidents/42".into()),
        }),
    };
    let to_one = OperatorEmail {
        user_id: Some(USER.into()),
        subject: Some("Your weekly digest".into()),
        message: Some("You resolved 37 conversations this week.".into()),
        ..OperatorEmail::default()
    };
    for email in [to_owners, to_one] {
        ctx.accepted(
            "sendEmailToWebsiteOperators",
            client
                .send_email_to_website_operators(WEBSITE, &email)
                .await,
        );
    }
    ctx.accepted(
        "getWebsiteOperator",
        client.get_website_operator(WEBSITE, USER).await,
    );
    let promote = ChangeOperatorMembershipRequest {
        role: "owner".into(),
        title: Some("Head of Support".into()),
    };
    ctx.accepted(
        "changeOperatorMembership",
        client
            .change_operator_membership(WEBSITE, USER, &promote)
            .await,
    );
    ctx.accepted(
        "unlinkOperatorFromWebsite",
        client.unlink_operator_from_website(WEBSITE, USER).await,
    );
    let invite = InviteWebsiteOperatorRequest {
        email: "jane.doe@acme.example".into(),
        role: "member".into(),
        verify: OperatorInviteVerify {
            method: "password".into(),
            secret: "correct horse battery staple".into(),
        },
    };
    ctx.accepted(
        "inviteWebsiteOperator",
        client.invite_website_operator(WEBSITE, &invite).await,
    );
}
