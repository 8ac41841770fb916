//! Contract test against an independent validating server: Stoplight Prism (`@stoplight/prism-cli`, pinned in
//! `workspace_tests::prism`) mocks the effective spec the client was generated from (`generated-client/openapi.json`)
//! with request validation on. Every operation of the crate, called through `crisp-client` with realistic
//! arguments (the calls are in `contract/`, one module per resource group), must be accepted (2xx), and Prism's
//! answer, made up from the response schemas, must decode into the typed result. Dynamic answers (random
//! schema-valid data) are decoded over several rounds. Plain `reqwest` requests that break the contract prove
//! that validation is on.

mod contract;

use std::collections::BTreeSet;

use contract::{call_every_operation, Ctx};
use workspace_tests::prism::{Answers, Prism};
use workspace_tests::{crisp_config, workspace_root};

/// Rounds of calls against the dynamic mock, each with fresh random answers.
const DYNAMIC_ROUNDS: usize = 5;

fn start(answers: Answers) -> Prism {
    let spec = workspace_root().join("generated-client/openapi.json");
    Prism::start(&spec, answers).unwrap_or_else(|err| panic!("{err}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_is_accepted_and_its_static_answer_decodes() {
    let prism = start(Answers::Static);
    let ctx = Ctx::new(&prism);
    call_every_operation(&ctx).await;
    let every: BTreeSet<String> = generator::generate(&crisp_config())
        .expect("the Crisp spec generates")
        .api
        .operations
        .iter()
        .map(|op| op.spec_id.clone())
        .collect();
    let proven = ctx.proven();
    let missing: Vec<&String> = every.difference(&proven).collect();
    assert!(missing.is_empty(), "operations no call proves: {missing:?}");
    let log = prism.log_path().to_path_buf();
    assert!(log.exists(), "Prism logs to {}", log.display());
    drop(ctx);
    drop(prism);
    assert!(!log.exists(), "a passing test leaves no log behind");
}

#[tokio::test(flavor = "multi_thread")]
async fn random_schema_valid_answers_decode() {
    let prism = start(Answers::Dynamic);
    let ctx = Ctx::new(&prism);
    for _ in 0..DYNAMIC_ROUNDS {
        call_every_operation(&ctx).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_that_break_the_contract_are_rejected() {
    let prism = start(Answers::Static);
    let http = reqwest::Client::new();
    let url = |path: &str| format!("{}{path}", prism.base_url);

    let bad_state = http
        .patch(url("/website/w1/conversation/s1/state"))
        .basic_auth("id", Some("key"))
        .header("X-Crisp-Tier", "plugin")
        .json(&serde_json::json!({ "state": "bogus" }))
        .send()
        .await
        .expect("prism answers");
    assert_eq!(bad_state.status(), 422, "an unknown enum value is refused");
    let violations = bad_state
        .headers()
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(violations.contains("state"), "{violations}");

    let no_auth = http
        .get(url("/website/w1"))
        .send()
        .await
        .expect("prism answers");
    assert_eq!(
        no_auth.status(),
        401,
        "a request without credentials is refused"
    );

    let no_domain = http
        .head(url("/website"))
        .basic_auth("id", Some("key"))
        .header("X-Crisp-Tier", "plugin")
        .send()
        .await
        .expect("prism answers");
    assert_eq!(no_domain.status(), 422, "checkWebsite needs its domain");
}
