//! Property test: specs nobody wrote carefully. Real documents (the generator's 3.1 fixture and vendored
//! `@readme/oas-examples` ones) are mutated at random (a key dropped, a value replaced by one of another type, a
//! random string inserted as a name) and run through the whole pipeline. The generator must return `Ok` or
//! `Err` without panicking, and whatever it emits must parse as Rust.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;

fn fixtures() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../tests/corpus/oas-examples-8.2.2");
    [
        root.join("tests/fixtures/pets-3.1.yaml"),
        corpus.join("3.0/petstore.yaml"),
        corpus.join("3.0/discriminators.yaml"),
        corpus.join("3.0/parameters-style.yaml"),
        corpus.join("3.1/train-travel.yaml"),
    ]
    .into_iter()
    .map(|path| {
        let document = generator::load::load_file(&path).expect("the fixture loads");
        (path.display().to_string(), document)
    })
    .collect()
}

/// One random change to a document.
#[derive(Debug, Clone)]
enum Mutation {
    DropKey,
    ReplaceValue(u8),
    InsertName(String),
    RenameKey(String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::DropKey),
        (0u8..6).prop_map(Mutation::ReplaceValue),
        any::<String>().prop_map(Mutation::InsertName),
        "[a-zA-Z0-9_ {}/$#~.-]{0,12}".prop_map(Mutation::RenameKey),
    ]
}

/// Every object in `value`, depth first, as JSON pointers.
fn objects(value: &Value, at: String, found: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            found.push(at.clone());
            for (key, child) in members {
                let token = key.replace('~', "~0").replace('/', "~1");
                objects(child, format!("{at}/{token}"), found);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                objects(child, format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

fn replacement(kind: u8) -> Value {
    match kind {
        0 => Value::Null,
        1 => Value::from(42),
        2 => Value::from("text"),
        3 => Value::Array(Vec::new()),
        4 => Value::Object(serde_json::Map::new()),
        _ => Value::Bool(true),
    }
}

/// Applies `mutation` to the object chosen by `pick` (and its key chosen by `key`).
fn mutate(document: &mut Value, pick: usize, key: usize, mutation: &Mutation) {
    let mut found = Vec::new();
    objects(document, String::new(), &mut found);
    let at = &found[pick % found.len()];
    let Some(Value::Object(members)) = document.pointer_mut(at) else {
        return;
    };
    let keys: Vec<String> = members.keys().cloned().collect();
    let chosen = (!keys.is_empty()).then(|| keys[key % keys.len()].clone());
    match (mutation, chosen) {
        (Mutation::DropKey, Some(chosen)) => {
            members.shift_remove(&chosen);
        }
        (Mutation::ReplaceValue(kind), Some(chosen)) => {
            members.insert(chosen, replacement(*kind));
        }
        (Mutation::InsertName(name), _) => {
            members.insert(name.clone(), Value::Object(serde_json::Map::new()));
        }
        (Mutation::RenameKey(name), Some(chosen)) => {
            if let Some(value) = members.shift_remove(&chosen) {
                members.insert(name.clone(), value);
            }
        }
        _ => {}
    }
}

fn scratch_spec(case: u64) -> PathBuf {
    std::env::temp_dir().join(format!(
        "generator-mutation-{}-{case}.json",
        std::process::id()
    ))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_specs_never_panic_and_emit_valid_rust(
        fixture in 0usize..5,
        changes in proptest::collection::vec((any::<usize>(), any::<usize>(), mutation()), 1..4),
        case in any::<u64>(),
    ) {
        let (name, mut document) = fixtures().swap_remove(fixture);
        for (pick, key, mutation) in &changes {
            mutate(&mut document, *pick, *key, mutation);
        }
        let spec = scratch_spec(case);
        std::fs::write(&spec, document.to_string()).expect("scratch spec");
        let config = generator::Config {
            spec: spec.clone(),
            overlays: Vec::new(),
            package_name: "mutated".to_string(),
            regenerate: "cargo run -p generator -- --spec mutated.json".to_string(),
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| generator::generate(&config)));
        let _ = std::fs::remove_file(&spec);
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(_) => return Err(TestCaseError::fail(format!("panicked on {name} after {changes:?}"))),
        };
        if let Ok(generated) = outcome {
            for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
                prop_assert!(
                    syn::parse_file(&file.contents).is_ok(),
                    "{} from {name} after {changes:?} is not Rust",
                    file.path
                );
            }
        }
    }
}
