//! `generate_module` on whole specs: the pets fixture (every runtime piece) and Crisp's spec with its overlays
//! become one module's source that parses, whose every `crate` path leads into the module, that has no inner
//! attribute at its top (an `include!`d file cannot), that is the same on every run, and whose dependency
//! and feature lines are the generated `Cargo.toml`'s. `tests/build-rs-client` compiles and calls one.

use std::path::Path;

use generator::{generate, generate_module, Config, Error};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn pets() -> Config {
    Config {
        spec: root().join("generator/tests/fixtures/pets-3.1.yaml"),
        overlays: Vec::new(),
        package_name: "pets-client".to_string(),
        regenerate: "the build script".to_string(),
    }
}

/// Where `source` has a `crate` path (`crate::x`, or `crate ::x` as prettyplease prints macro arguments) that
/// does not continue with `module`: the lines, for the failure message.
fn stray_crate_paths(source: &str, module: &str) -> Vec<String> {
    let mut stray = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(at) = rest.find("crate") {
        let start = offset + at;
        let before = source[..start].chars().next_back();
        let after = source[start + "crate".len()..].trim_start();
        let in_word = before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        if !in_word {
            if let Some(path) = after.strip_prefix("::") {
                if !path.trim_start().starts_with(module) {
                    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = source[start..]
                        .find('\n')
                        .map_or(source.len(), |i| start + i);
                    stray.push(source[line_start..line_end].to_string());
                }
            }
        }
        offset = start + "crate".len();
        rest = &source[offset..];
    }
    stray
}

/// The entries of the table `name` of a TOML document.
fn toml_table(text: &str, name: &str) -> toml::Table {
    let document: toml::Table = toml::from_str(text).expect("TOML");
    document
        .get(name)
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default()
}

/// Checks what every module must be, for a client included at `module_path`.
fn check_module(config: &Config, module_path: &str) {
    let module = generate_module(config, module_path).expect("generates");
    let first_line = module.source.lines().next().unwrap_or_default();
    assert!(
        first_line.starts_with("// @generated from `") && first_line.contains("build script"),
        "{first_line}"
    );
    let file = syn::parse_file(&module.source).expect("the module parses");
    assert!(
        file.attrs.is_empty(),
        "no inner attributes or //! docs at the top"
    );
    let stray = stray_crate_paths(&module.source, &format!("{module_path}::"));
    assert!(
        stray.is_empty(),
        "crate paths outside the module:\n{}",
        stray.join("\n")
    );
    assert!(
        !module.source.contains("env!(") && !module.source.contains("#[cfg(test)]"),
        "nothing read from the including crate's environment, no unit tests"
    );
    assert_eq!(module.edition, "2021");

    let generated = generate(config).expect("generates");
    let manifest = &generated
        .files
        .iter()
        .find(|file| file.path == "Cargo.toml")
        .expect("a manifest")
        .contents;
    let tables = module.manifest_tables();
    for table in ["dependencies", "features"] {
        assert_eq!(
            toml_table(&tables, table),
            toml_table(manifest, table),
            "[{table}]"
        );
    }
    assert_eq!(
        generate_module(config, module_path)
            .expect("generates")
            .source,
        module.source,
        "the same on every run"
    );
}

#[test]
fn the_pets_fixture_becomes_a_module_anywhere_in_a_crate() {
    check_module(&pets(), "pets");
    check_module(&pets(), "api::pets");
}

#[test]
fn crisp_becomes_a_module() {
    check_module(&Config::crisp(root()), "crisp");
}

#[test]
fn a_module_path_that_is_not_rust_is_a_usage_error() {
    for wrong in ["api-pets", "mod", "a::", "pets client"] {
        match generate_module(&pets(), wrong) {
            Err(Error::Usage { message }) => assert!(message.contains("module path"), "{message}"),
            other => panic!("{wrong}: {other:?}"),
        }
    }
}

/// The check above sees a path that stays at the crate's root, in code or in a macro's arguments, and nothing
/// else.
#[test]
fn a_stray_crate_path_is_seen() {
    let source = "use crate::x;\npub(crate) fn f() {}\nuse crate::pets::y;\nm!(crate\n    ::z);\nmy_crate::w;\n";
    assert_eq!(
        stray_crate_paths(source, "pets::"),
        ["use crate::x;", "m!(crate"]
    );
}
