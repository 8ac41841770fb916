//! The calls the Prism contract test makes: every operation of `crisp-client`, with realistic arguments, one
//! module per resource group. Each call goes through [`Ctx::accepted`], which records the operation it
//! proves, so the test can check that no operation was left out.

use std::collections::BTreeSet;
use std::sync::Mutex;

use crisp_client::{Client, Error};
use workspace_tests::prism::Prism;

pub mod analytics;
pub mod availability;
pub mod batch;
pub mod bucket;
pub mod campaigns;
pub mod conversations;
pub mod helpdesk;
pub mod inboxes;
pub mod media;
pub mod operators;
pub mod people;
pub mod plan_subscriptions;
pub mod plugin_connect;
pub mod plugin_subscriptions;
pub mod settings;
pub mod teams;
pub mod verify;
pub mod visitors;
pub mod website;
pub mod website_connect;

/// Identifiers shaped like Crisp's, for arguments.
pub const WEBSITE: &str = "8c842203-7ed8-4e29-a608-7cf78a7d2fcc";
pub const SESSION: &str = "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881";
pub const PEOPLE: &str = "c5e3a4e1-5a64-4c08-9d54-e6a1f9e2d0b4";
pub const USER: &str = "a4b2c1d0-2f3e-4d5c-8b7a-6e5f4d3c2b1a";
pub const PLUGIN: &str = "c64f3595-adee-425a-8d3a-89d47f7ed6bb";

/// A client pointed at one Prism, and the operations proven so far.
pub struct Ctx<'p> {
    pub client: Client,
    pub prism: &'p Prism,
    proven: Mutex<BTreeSet<String>>,
}

impl<'p> Ctx<'p> {
    pub fn new(prism: &'p Prism) -> Self {
        let client = Client::builder()
            .basic_auth("7c3ef21c-1e04-41ce-8c06-5605c346f73e", "contract-test-key")
            .tier(crisp_client::types::Tier::Plugin)
            .base_url(&prism.base_url)
            .build()
            .expect("valid configuration");
        Self {
            client,
            prism,
            proven: Mutex::new(BTreeSet::new()),
        }
    }

    /// The value of a call that Prism accepted and whose answer decoded; panics with the operation (its
    /// `operationId`), the error and what Prism said otherwise.
    pub fn accepted<T>(&self, operation: &str, result: Result<T, Error>) -> T {
        let value = result.unwrap_or_else(|err| {
            panic!(
                "{operation} was not accepted or its answer did not decode: {err}\nbody: {:?}\nprism log:\n{}",
                err.body(),
                self.prism.log_text()
            )
        });
        self.proven
            .lock()
            .expect("not poisoned")
            .insert(operation.to_string());
        value
    }

    /// The `operationId`s proven so far.
    pub fn proven(&self) -> BTreeSet<String> {
        self.proven.lock().expect("not poisoned").clone()
    }
}

/// Calls every operation of every group once.
pub async fn call_every_operation(ctx: &Ctx<'_>) {
    website::call(ctx).await;
    conversations::call(ctx).await;
    people::call(ctx).await;
    helpdesk::call(ctx).await;
    campaigns::call(ctx).await;
    batch::call(ctx).await;
    operators::call(ctx).await;
    inboxes::call(ctx).await;
    visitors::call(ctx).await;
    teams::call(ctx).await;
    verify::call(ctx).await;
    availability::call(ctx).await;
    settings::call(ctx).await;
    analytics::call(ctx).await;
    website_connect::call(ctx).await;
    plugin_subscriptions::call(ctx).await;
    plugin_connect::call(ctx).await;
    plan_subscriptions::call(ctx).await;
    bucket::call(ctx).await;
    media::call(ctx).await;
}
