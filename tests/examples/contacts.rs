//! Manage a contact (a "people profile"): create it, update it, record an event on it, and find it again by
//! searching the contacts.
//!
//! Run: `CRISP_IDENTIFIER=... CRISP_KEY=... CRISP_WEBSITE_ID=... cargo run -p workspace-tests --example contacts`

mod common;

use std::collections::BTreeMap;

use crisp_client::types::{
    ListPeopleProfilesOptions, PeopleEvent, PeopleProfileCompany, PeopleProfilePerson,
    PeopleProfileUpdate,
};
use crisp_client::Error;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = common::client()?;
    let website_id = common::env("CRISP_WEBSITE_ID")?;

    let contact = PeopleProfileUpdate {
        email: Some("jane@example.com".into()),
        person: Some(PeopleProfilePerson {
            nickname: Some("Jane Doe".into()),
            phone: Some("+33 6 12 34 56 78".into()),
            ..PeopleProfilePerson::default()
        }),
        segments: Some(vec!["trial".into()]),
        ..PeopleProfileUpdate::default()
    };
    let created = client.add_new_people_profile(&website_id, &contact).await?;
    let people_id = created
        .people_id
        .ok_or_else(|| Error::Config("Crisp did not say which contact it created".into()))?;
    println!("created contact {people_id}");

    // A PATCH changes only what it carries.
    let update = PeopleProfileUpdate {
        company: Some(PeopleProfileCompany {
            name: Some("Acme".into()),
            domain: Some("acme.example".into()),
            ..PeopleProfileCompany::default()
        }),
        segments: Some(vec!["customer".into()]),
        ..PeopleProfileUpdate::default()
    };
    client
        .update_people_profile(&website_id, &people_id, &update)
        .await?;

    let event = PeopleEvent {
        text: Some("Upgraded to the Pro plan".into()),
        data: Some(BTreeMap::from([("seats".into(), serde_json::json!(12))])),
        color: Some("green".into()),
        ..PeopleEvent::default()
    };
    client
        .add_people_event(&website_id, &people_id, &event)
        .await?;

    let search = ListPeopleProfilesOptions {
        search_text: Some("jane@example.com".into()),
        ..ListPeopleProfilesOptions::default()
    };
    for profile in client.list_people_profiles(&website_id, 1, &search).await? {
        println!("{:?} {:?}", profile.people_id, profile.email);
    }
    Ok(())
}
