//! The IR the generator lowers the Crisp spec into, one snapshot per operation and one per type (and one for
//! the rest: title, credentials, modules), so a change to the spec, an overlay or the generator shows up as a
//! small reviewable diff (`cargo insta review`). The emitted files themselves are checked in one place,
//! `golden.rs`, against the committed `generated-client/`, whose diff is git's.

use std::collections::BTreeSet;

use workspace_tests::{crisp_config, workspace_root};

const PREFIX: &str = "crisp_ir__";

#[test]
fn crisp_ir_one_snapshot_per_operation_and_per_type() {
    let mut api = generator::generate(&crisp_config()).expect("generates").api;
    let operations = std::mem::take(&mut api.operations);
    let types = std::mem::take(&mut api.types);
    let mut expected = BTreeSet::new();
    expected.insert(snapshot(format!("{PREFIX}api"), &api));
    for op in &operations {
        expected.insert(snapshot(format!("{PREFIX}operation__{}", op.rust_name), op));
    }
    for def in &types {
        expected.insert(snapshot(format!("{PREFIX}type__{}", def.name), def));
    }
    // A snapshot of an operation or type that no longer exists would linger unnoticed; it must be deleted.
    let directory = workspace_root().join("tests/tests/snapshots");
    let stale: Vec<String> = std::fs::read_dir(&directory)
        .expect("the snapshots directory")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|file| {
            let name = file.strip_prefix("snapshots__")?.strip_suffix(".snap")?;
            (name.starts_with(PREFIX) && !expected.contains(name)).then(|| file.clone())
        })
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots of operations or types that no longer exist; delete them: {stale:?}"
    );
}

/// Snapshots `value` under `name`, and gives the name back.
fn snapshot(name: String, value: &impl serde::Serialize) -> String {
    insta::assert_yaml_snapshot!(name.as_str(), value);
    name
}
