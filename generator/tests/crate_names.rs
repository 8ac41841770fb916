//! The names a generated crate introduces itself are listed once, in `generator::crate_names`, and lowering
//! reserves them. This holds emission to those lists: every method `Client` and `ClientBuilder` get besides the
//! operations and credential setters, and every module besides the tags', must be listed, or a spec could name
//! an operation, a tag or a security scheme after it and the crate would not compile.

use std::collections::BTreeSet;
use std::path::Path;

use generator::crate_names::{BUILDER_METHODS, CLIENT_METHODS, CRATE_MODULES};

fn generated(spec: &str) -> generator::Generated {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
    generator::generate(&generator::Config {
        spec,
        overlays: Vec::new(),
        package_name: "names".into(),
        regenerate: "cargo run -p generator -- --spec names.yaml".into(),
    })
    .expect("generates")
}

/// The names of the functions of every `impl <type_name>` block of `file`.
fn methods_of(file: &syn::File, type_name: &str) -> BTreeSet<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) if block.trait_.is_none() => Some(block),
            _ => None,
        })
        .filter(|block| {
            matches!(&*block.self_ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == type_name))
        })
        .flat_map(|block| block.items.iter())
        .filter_map(|item| match item {
            syn::ImplItem::Fn(function) => Some(function.sig.ident.to_string()),
            _ => None,
        })
        .collect()
}

fn parsed(generated: &generator::Generated, path: &str) -> syn::File {
    let file = generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is generated"));
    syn::parse_file(&file.contents).unwrap_or_else(|err| panic!("{path}: {err}"))
}

#[test]
fn emission_introduces_only_the_names_lowering_reserves() {
    for spec in [
        "tests/fixtures/pets-3.1.yaml",
        "../tests/corpus/oas-examples-8.2.2/3.0/parameters-style.yaml",
        "../tests/corpus/oas-examples-8.2.2/3.0/file-uploads.yaml",
    ] {
        let generated = generated(spec);
        let client = parsed(&generated, "src/client.rs");
        let operations: BTreeSet<String> = generated
            .api
            .operations
            .iter()
            .flat_map(|op| {
                [&op.rust_name, &op.with_response_name, &op.request_name]
                    .into_iter()
                    .cloned()
                    .chain(op.pagination.iter().map(|p| p.stream_name.clone()))
            })
            .collect();
        let unlisted: Vec<String> = methods_of(&client, "Client")
            .into_iter()
            .filter(|name| !CLIENT_METHODS.contains(&name.as_str()) && !operations.contains(name))
            .collect();
        assert!(
            unlisted.is_empty(),
            "{spec}: Client methods missing from CLIENT_METHODS: {unlisted:?}"
        );

        let setters: BTreeSet<&str> = generated
            .api
            .security_schemes
            .iter()
            .map(|s| s.setter.as_str())
            .collect();
        let unlisted: Vec<String> = methods_of(&client, "ClientBuilder")
            .into_iter()
            .filter(|name| {
                !BUILDER_METHODS.contains(&name.as_str()) && !setters.contains(name.as_str())
            })
            .collect();
        assert!(
            unlisted.is_empty(),
            "{spec}: ClientBuilder methods missing from BUILDER_METHODS: {unlisted:?}"
        );

        let tags: BTreeSet<&str> = generated
            .api
            .modules
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        let lib = parsed(&generated, "src/lib.rs");
        let unlisted: Vec<String> = lib
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(module) => Some(module.ident.to_string()),
                _ => None,
            })
            .filter(|name| !CRATE_MODULES.contains(&name.as_str()) && !tags.contains(name.as_str()))
            .collect();
        assert!(
            unlisted.is_empty(),
            "{spec}: modules missing from CRATE_MODULES: {unlisted:?}"
        );
    }
}
