//! Snapshots of what the generator produces for the Crisp spec: the IR, then each emitted file under its own
//! name, so a change to the spec, overlay or generator shows up as a reviewable diff (`cargo insta review`).

use workspace_tests::crisp_config;

#[test]
fn crisp_ir() {
    let generated = generator::generate(&crisp_config()).expect("generates");
    insta::assert_yaml_snapshot!("crisp_ir", generated.api);
}

#[test]
fn crisp_emitted_files() {
    let generated = generator::generate(&crisp_config()).expect("generates");
    let names: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "Cargo.toml",
            "openapi.json",
            "src/lib.rs",
            "src/client.rs",
            "src/error.rs",
            "src/types.rs",
            "src/types/unused.rs",
            "src/retry.rs",
            "src/pointer.rs",
            "src/pages.rs",
            "src/cursor_pages.rs",
            "src/website.rs",
            "src/conversations.rs",
            "src/bucket.rs",
            "src/media.rs",
            "src/plan_subscriptions.rs",
            "src/plugin_connect.rs",
            "src/plugin_subscriptions.rs",
            "src/analytics.rs",
            "src/availability.rs",
            "src/batch.rs",
            "src/campaigns.rs",
            "src/website_connect.rs",
            "src/helpdesk.rs",
            "src/inboxes.rs",
            "src/operators.rs",
            "src/people.rs",
            "src/settings.rs",
            "src/teams.rs",
            "src/verify.rs",
            "src/visitors.rs",
        ]
    );
    for file in &generated.files {
        let name = format!("crisp__{}", file.path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, file.contents);
    }
}
