//! Every item of the hand-written runtime (`generator/runtime/`) is compiled, linted by clippy and exercised
//! in this workspace only if some crate here needs it. Crisp's client and the pets and chat fixtures' together
//! must need every piece, so no runtime item escapes `cargo clippy --workspace` and the end-to-end tests.

use workspace_tests::{chat_config, crisp_config, pets_config};

#[test]
fn crisp_and_the_pets_fixture_together_need_every_runtime_piece() {
    let needs = [crisp_config(), pets_config(), chat_config()].map(|config| {
        let generated = generator::generate(&config).expect("generates");
        serde_json::to_value(generated.api.needs).expect("needs serialise")
    });
    let pieces = needs[0].as_object().expect("an object of flags");
    assert!(pieces.len() > 20, "{pieces:?}");
    let missing: Vec<&String> = pieces
        .keys()
        .filter(|piece| needs.iter().all(|n| n[piece.as_str()] != true))
        .collect();
    assert!(
        missing.is_empty(),
        "no workspace crate needs {missing:?}: give a fixture an operation that does"
    );
}
