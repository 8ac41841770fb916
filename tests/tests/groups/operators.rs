//! Operators on the wire: the member list decodes Crisp's snake_case wire names (`user_id`, `first_name`,
//! `has_token`), nulls, missing fields and role values the client has never seen; the last active operators
//! carry 64-bit millisecond timestamps; email, membership changes, unlinking and invitations send exactly the
//! path and JSON body Crisp expects.

use crisp_client::types::{
    ChangeOperatorMembershipRequest, InviteWebsiteOperatorRequest, OperatorEmail,
    OperatorEmailTarget, OperatorInviteVerify,
};
use serde_json::json;
use wiremock::matchers::body_json;
use wiremock::MockServer;

use super::{client, crisp, done, envelope};

const OWNER: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
const MEMBER: &str = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b";
const THIRD: &str = "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e";

#[tokio::test]
async fn the_member_list_decodes_wire_names_nulls_missing_fields_and_unknown_roles() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/operators/list")
        .respond_with(envelope(json!([
            {
                "type": "operator",
                "details": {
                    "user_id": OWNER,
                    "email": "valerian@acme.example",
                    "avatar": "https://avatar.crisp.chat/users/a4b2c1d0.png",
                    "first_name": "Valérian",
                    "last_name": "Saliou",
                    "role": "owner",
                    "title": "CEO",
                    "availability": "online",
                    "has_token": true,
                    "identifier": "7c3ef21c-1e04-41ce-8c06-5605c346f73e",
                    "key": "e5c3b3f2a1d0c9b8a7f6e5d4c3b2a1f0"
                }
            },
            {
                "type": "operator",
                "details": {
                    "user_id": MEMBER,
                    "email": "jane.doe@acme.example",
                    "avatar": null,
                    "first_name": "Jane",
                    "last_name": "Doe",
                    "role": "viewer",
                    "title": null,
                    "availability": "away",
                    "has_token": false,
                    "verified": true
                }
            },
            { "type": "operator", "details": { "user_id": THIRD, "role": "member" } }
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let members = client(&server)
        .list_website_operators("w1")
        .await
        .expect("the member list decodes");

    assert_eq!(members.len(), 3);
    assert_eq!(members[0].type_.as_deref(), Some("operator"));
    let owner = members[0].details.as_ref().expect("the owner has details");
    assert_eq!(owner.user_id.as_deref(), Some(OWNER));
    assert_eq!(owner.first_name.as_deref(), Some("Valérian"));
    assert_eq!(owner.last_name.as_deref(), Some("Saliou"));
    assert_eq!(owner.role.as_deref(), Some("owner"));
    assert_eq!(owner.has_token, Some(true));
    assert_eq!(
        owner.identifier.as_deref(),
        Some("7c3ef21c-1e04-41ce-8c06-5605c346f73e")
    );
    assert!(owner.key.is_some());

    let member = members[1].details.as_ref().expect("the member has details");
    assert_eq!(member.user_id.as_deref(), Some(MEMBER));
    assert_eq!(member.first_name.as_deref(), Some("Jane"));
    assert_eq!(member.avatar, None, "a null avatar is None");
    assert_eq!(member.title, None, "a null title is None");
    assert_eq!(
        member.role.as_deref(),
        Some("viewer"),
        "a role the client does not know comes back as sent"
    );
    assert_eq!(member.has_token, Some(false));
    assert_eq!(member.identifier, None, "no token: no identifier");

    let sparse = members[2].details.as_ref().expect("the third has details");
    assert_eq!(sparse.user_id.as_deref(), Some(THIRD));
    assert_eq!(sparse.role.as_deref(), Some("member"));
    assert_eq!(sparse.email, None, "a missing field is None");
    assert_eq!(sparse.first_name, None);
    assert_eq!(sparse.has_token, None);
}

#[tokio::test]
async fn one_operator_is_read_promoted_demoted_and_unlinked() {
    let server = MockServer::start().await;
    let operator = format!("/website/w1/operator/{MEMBER}");
    crisp("GET", &operator)
        .respond_with(envelope(json!({
            "user_id": MEMBER,
            "email": "jane.doe@acme.example",
            "avatar": "https://avatar.crisp.chat/users/f1e2d3c4.png",
            "first_name": "Jane",
            "last_name": "Doe",
            "role": "member",
            "title": "Support Agent",
            "availability": "offline",
            "has_token": false
        })))
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &operator)
        .and(body_json(
            json!({ "role": "owner", "title": "Head of Support" }),
        ))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("PATCH", &operator)
        .and(body_json(json!({ "role": "member" })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", &operator)
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let jane = client
        .get_website_operator("w1", MEMBER)
        .await
        .expect("the operator decodes");
    assert_eq!(jane.user_id.as_deref(), Some(MEMBER));
    assert_eq!(jane.last_name.as_deref(), Some("Doe"));
    assert_eq!(jane.title.as_deref(), Some("Support Agent"));
    assert_eq!(jane.availability.as_deref(), Some("offline"));

    let promote = ChangeOperatorMembershipRequest {
        role: "owner".into(),
        title: Some("Head of Support".into()),
    };
    client
        .change_operator_membership("w1", MEMBER, &promote)
        .await
        .expect("promoted");
    let demote = ChangeOperatorMembershipRequest {
        role: "member".into(),
        title: None,
    };
    client
        .change_operator_membership("w1", MEMBER, &demote)
        .await
        .expect("demoted, the title left as it is");
    client
        .unlink_operator_from_website("w1", MEMBER)
        .await
        .expect("unlinked");
}

#[tokio::test]
async fn last_active_operators_carry_64_bit_timestamps_and_are_flushed() {
    let server = MockServer::start().await;
    crisp("GET", "/website/w1/operators/active")
        .respond_with(envelope(json!([
            {
                "user_id": OWNER,
                "avatar": "https://avatar.crisp.chat/users/a4b2c1d0.png",
                "nickname": "Valérian Saliou",
                "timestamp": 1_764_586_800_123_i64
            },
            { "user_id": MEMBER, "avatar": null, "nickname": "Jane Doe" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    crisp("DELETE", "/website/w1/operators/active")
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let active = client
        .list_last_active_website_operators("w1")
        .await
        .expect("the last active operators decode");
    assert_eq!(active.len(), 2);
    assert_eq!(active[0].user_id.as_deref(), Some(OWNER));
    assert_eq!(active[0].nickname.as_deref(), Some("Valérian Saliou"));
    assert_eq!(
        active[0].timestamp,
        Some(1_764_586_800_123),
        "milliseconds past 2^32 survive"
    );
    assert_eq!(active[1].avatar, None);
    assert_eq!(active[1].timestamp, None, "a missing timestamp is None");

    client
        .flush_last_active_website_operators("w1")
        .await
        .expect("flushed");
}

#[tokio::test]
async fn email_goes_to_the_owners_or_to_one_operator() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/operators/email")
        .and(body_json(json!({
            "recipient": "owners",
            "subject": "Chatbox maintenance tonight",
            "message": "The chatbox will be offline from 22:00 to 22:30 UTC.",
            "target": { "label": "Status page", "url": "https://status.acme.example/incidents/42" }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    crisp("POST", "/website/w1/operators/email")
        .and(body_json(json!({
            "user_id": MEMBER,
            "subject": "Your weekly digest",
            "message": "You resolved 37 conversations this week."
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

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
    client
        .send_email_to_website_operators("w1", &to_owners)
        .await
        .expect("sent to the owners");
    let to_jane = OperatorEmail {
        user_id: Some(MEMBER.into()),
        subject: Some("Your weekly digest".into()),
        message: Some("You resolved 37 conversations this week.".into()),
        ..OperatorEmail::default()
    };
    client
        .send_email_to_website_operators("w1", &to_jane)
        .await
        .expect("sent to one operator, under the wire name user_id");
}

#[tokio::test]
async fn an_invitation_sends_the_address_the_role_and_the_inviters_proof() {
    let server = MockServer::start().await;
    crisp("POST", "/website/w1/operator")
        .and(body_json(json!({
            "email": "new.hire@acme.example",
            "role": "member",
            "verify": { "method": "password", "secret": "correct horse battery staple" }
        })))
        .respond_with(done())
        .expect(1)
        .mount(&server)
        .await;

    let invite = InviteWebsiteOperatorRequest {
        email: "new.hire@acme.example".into(),
        role: "member".into(),
        verify: OperatorInviteVerify {
            method: "password".into(),
            secret: "correct horse battery staple".into(),
        },
    };
    client(&server)
        .invite_website_operator("w1", &invite)
        .await
        .expect("invited");
}
