//! Lowering of a spec that is not Crisp's: generic security, names for operations without `operationId`,
//! duplicate names, 3.1 forms, optional parameters. The IR is snapshotted so any change is reviewed.

use std::path::Path;

use generator::ir::{
    ApiKeyLocation, BodyEncoding, ParamEncoding, ParamLocation, Returns, SecurityKind, TypeDef,
    TypeKind, TypeRef,
};
use generator::{generate, Config};

fn pets() -> generator::Generated {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pets-3.1.yaml");
    generate(&Config {
        spec,
        overlays: Vec::new(),
        package_name: "pets-client".into(),
        regenerate: "cargo run -p generator -- --spec pets-3.1.yaml".into(),
    })
    .expect("generates")
}

#[test]
fn pets_ir_snapshot() {
    let generated = pets();
    insta::assert_yaml_snapshot!("pets_ir", generated.api);
    insta::assert_yaml_snapshot!("pets_warnings", generated.warnings);
}

#[test]
fn security_schemes_are_lowered_generically() {
    let api = pets().api;
    let kinds: Vec<_> = api
        .security_schemes
        .iter()
        .map(|s| (s.setter.as_str(), &s.kind))
        .collect();
    assert!(matches!(kinds[0], ("token", SecurityKind::Bearer)));
    assert!(matches!(
        kinds[1],
        ("partner_key", SecurityKind::ApiKey { location: ApiKeyLocation::Query, name, values: None }) if name == "partner_key"
    ));
    // Lowering names the field of the prepared bearer header; an API key has none.
    assert_eq!(
        api.security_schemes[0].authorization_field.as_deref(),
        Some("token_header")
    );
    assert_eq!(api.security_schemes[1].authorization_field, None);
    // Two alternatives: a bearer token or a partner key.
    assert_eq!(api.default_security.len(), 2);
    let get_pet = api
        .operations
        .iter()
        .find(|op| op.rust_name == "get_pet")
        .expect("getPet");
    assert!(
        get_pet.security.is_empty(),
        "`security: []` makes an operation anonymous"
    );

    let credentials_rs = pets()
        .files
        .into_iter()
        .find(|f| f.path == "src/credentials.rs")
        .expect("credentials.rs");
    // The bearer header is encoded once, when the client is built, and copied into each request. (Compared
    // without whitespace: where prettyplease breaks lines is not the point.)
    let code: String = credentials_rs
        .contents
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for expected in [
        "HeaderValue::try_from(format!(\"Bearer{value}\"),)",
        "request.header(::reqwest::header::AUTHORIZATION,header.clone())",
        "request.query(&[(\"partner_key\",value.as_str())])",
    ] {
        assert!(code.contains(expected), "{expected}");
    }
}

#[test]
fn operations_get_stable_unique_names() {
    let api = pets().api;
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.rust_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "get_pets",
            "get_pet",
            "get_pet_2",
            "put_pet_note",
            "book_visit",
            "upload_photo",
            "list_pet_events",
            "set_owner",
            "feed_pet",
            "walk_pet",
            "search_animals",
            "get_pet_story",
            "download_photo",
            "patch_pet_profile",
            "list_shelter_pets",
            "list_visits",
            "list_adoptions",
            "list_feed",
            "list_photos",
            "list_notes"
        ]
    );
    let list = &api.operations[0];
    assert_eq!(list.spec_id, "get_pets");
    assert_eq!(list.options_struct.as_deref(), Some("GetPetsOptions"));
    let header = list
        .params
        .iter()
        .find(|p| p.location == ParamLocation::Header)
        .expect("header");
    assert_eq!(
        (header.rust_name.as_str(), header.required),
        ("x_request_id", true)
    );
    assert!(matches!(list.returns, Returns::Json(TypeRef::Vec(_))));
    assert!(
        matches!(api.operations[2].returns, Returns::Nothing),
        "204 without content"
    );
}

#[test]
fn schemas_keep_their_names_and_3_1_forms_are_typed() {
    let api = pets().api;
    let pet = api.types.iter().find(|t| t.name == "Pet").expect("Pet");
    let TypeKind::Struct { fields, .. } = &pet.kind else {
        panic!("Pet is a struct")
    };
    let field = |name: &str| fields.iter().find(|f| f.wire_name == name).expect(name);
    assert_eq!(field("id").ty, TypeRef::I64);
    assert_eq!(field("type").rust_name, "type_");
    assert_eq!(
        field("nickname").ty,
        TypeRef::Option(Box::new(TypeRef::String))
    );
    let status = api
        .types
        .iter()
        .find(|t| t.name == "PetStatus")
        .expect("inline enum named after its parent");
    let TypeKind::StringEnum {
        variants,
        open: true,
    } = &status.kind
    else {
        panic!("open enum")
    };
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(names, ["Available", "Adopted", "Plus1", "Minus1"]);
}

fn type_named<'a>(types: &'a [TypeDef], name: &str) -> &'a TypeDef {
    types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn recursive_all_of_and_one_of_schemas_are_typed() {
    let api = pets().api;
    let TypeKind::Struct { fields, .. } = &type_named(&api.types, "Pet").kind else {
        panic!("struct")
    };
    let parent = fields
        .iter()
        .find(|f| f.wire_name == "parent")
        .expect("parent");
    assert_eq!(
        parent.ty,
        TypeRef::Option(Box::new(TypeRef::Boxed(Box::new(TypeRef::Named(
            "Pet".into()
        ))))),
        "a type containing itself is boxed"
    );

    let TypeKind::Struct { fields, .. } = &type_named(&api.types, "Cat").kind else {
        panic!("allOf is merged")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    // `kind`, the tag of the union `Cat` is a variant of, is the variant's to write (`lower/tags.rs`).
    assert_eq!(
        names,
        [
            "id", "name", "type", "nickname", "status", "parent", "size", "tags", "slug", "mood",
            "lives"
        ]
    );
    let status = fields
        .iter()
        .find(|f| f.wire_name == "status")
        .expect("status");
    assert_eq!(
        status.ty,
        TypeRef::Option(Box::new(TypeRef::Named("PetStatus".into()))),
        "an inline enum with the same values is defined once"
    );
    assert!(
        !api.types.iter().any(|t| t.name == "CatStatus"),
        "no copy of Pet's status enum"
    );

    let TypeKind::Union {
        variants,
        discriminator,
        ..
    } = &type_named(&api.types, "Animal").kind
    else {
        panic!("union")
    };
    assert_eq!(discriminator.as_deref(), Some("kind"));
    let tags: Vec<(&str, Option<&str>)> = variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.tag.as_deref()))
        .collect();
    assert_eq!(
        tags,
        [("Cat", Some("meow")), ("Dog", Some("Dog"))],
        "mapping first, then the schema name"
    );
    assert!(
        variants.iter().all(|v| v.tag_implied),
        "the union writes the tags its variants no longer hold"
    );

    let TypeKind::Union {
        variants,
        discriminator: None,
        ..
    } = &type_named(&api.types, "IdOrName").kind
    else {
        panic!("untagged union")
    };
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(names, ["Integer", "String"]);
}

#[test]
fn integer_enums_maps_and_constraint_compositions_are_typed() {
    let api = pets().api;
    let TypeKind::IntegerEnum { variants } = &type_named(&api.types, "Size").kind else {
        panic!("integer enum")
    };
    let variants: Vec<(&str, i64)> = variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.value))
        .collect();
    assert_eq!(
        variants,
        [("Value1", 1), ("Value2", 2), ("Value3", 3), ("Minus1", -1)]
    );

    let TypeKind::Struct { fields, extra } = &type_named(&api.types, "Tag").kind else {
        panic!("struct")
    };
    assert_eq!(fields.len(), 1);
    let extra = extra
        .as_ref()
        .expect("additionalProperties beside properties");
    assert_eq!(
        (extra.rust_name.as_str(), &extra.value),
        ("additional_properties", &TypeRef::String)
    );

    let alias = |name: &str| match &type_named(&api.types, name).kind {
        TypeKind::Alias { target } => target.clone(),
        other => panic!("{name} is an alias, not {other:?}"),
    };
    assert_eq!(alias("Slug"), TypeRef::String, "allOf of one scalar type");
    assert_eq!(alias("Mood"), TypeRef::String, "a scalar type beside oneOf");

    let TypeKind::Union { variants, .. } = &type_named(&api.types, "Payment").kind else {
        panic!("anyOf beside unevaluatedProperties is a union")
    };
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(
        names,
        ["PaymentCard", "PaymentBankAccount"],
        "named by title"
    );
}

#[test]
fn parameter_styles_decide_the_encoding() {
    let api = pets().api;
    let encoding = |name: &str| {
        api.operations[0]
            .params
            .iter()
            .find(|p| p.wire_name == name)
            .map(|p| p.encoding)
            .expect(name)
    };
    assert_eq!(
        encoding("tags"),
        ParamEncoding::EachDisplay,
        "form style explodes by default"
    );
    assert_eq!(encoding("ids"), ParamEncoding::Joined(','));
    assert_eq!(encoding("names"), ParamEncoding::Joined('|'));
    assert_eq!(encoding("filter"), ParamEncoding::DeepObject);
    assert_eq!(
        encoding("X-Trace"),
        ParamEncoding::Joined(','),
        "header lists are comma-separated"
    );
    assert_eq!(encoding("limit"), ParamEncoding::Display);
}

#[test]
fn text_and_form_bodies_are_typed() {
    let api = pets().api;
    let body = |name: &str| {
        let op = api
            .operations
            .iter()
            .find(|op| op.rust_name == name)
            .expect(name);
        op.body.clone().expect("a body")
    };
    let note = body("put_pet_note");
    assert_eq!(
        (note.encoding, note.ty),
        (BodyEncoding::Text, TypeRef::String)
    );
    let visit = body("book_visit");
    assert_eq!(visit.encoding, BodyEncoding::Form);
    assert_eq!(visit.ty, TypeRef::Named("BookVisitRequest".into()));
}

#[test]
fn the_manifest_lists_only_dependencies_the_crate_uses() {
    let manifest = pets()
        .files
        .into_iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("manifest")
        .contents;
    assert!(
        manifest.contains("percent-encoding = "),
        "path parameters: {manifest}"
    );
    assert!(
        manifest.contains("serde_urlencoded = "),
        "a form body: {manifest}"
    );

    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus/oas-examples-8.2.2/3.0/schema-types.yaml");
    let generated = generate(&Config {
        spec,
        overlays: Vec::new(),
        package_name: "x".into(),
        regenerate: "cargo run -p generator -- --spec schema-types.yaml".into(),
    })
    .expect("generates");
    let manifest = &generated.files[0].contents;
    assert!(
        !manifest.contains("serde_urlencoded"),
        "no form body: {manifest}"
    );
}

#[test]
fn types_derive_only_the_serde_traits_their_direction_needs() {
    let generated = pets();
    let travel = |name: &str| {
        let def = type_named(&generated.api.types, name);
        (def.travel.sent, def.travel.received)
    };
    assert_eq!(travel("Pet"), (false, true), "answers only");
    assert_eq!(travel("BookVisitRequest"), (true, false), "requests only");
    assert_eq!(
        travel("Payment"),
        (false, true),
        "no operation uses it: the application reads it"
    );

    let file = |path: &str| {
        generated
            .files
            .iter()
            .find(|f| f.path == path)
            .expect("file")
            .contents
            .clone()
    };
    let (types_rs, unused_rs) = (file("src/types.rs"), file("src/types/unused.rs"));
    let declaration = |contents: &str, name: &str| {
        let end = contents.find(&format!(" {name} {{")).expect("declared");
        let start = contents[..end].rfind("#[derive").expect("derives");
        contents[start..end].to_string()
    };
    assert!(declaration(&types_rs, "struct Pet").starts_with(
        "#[derive(Debug, Clone, PartialEq, serde::Deserialize)]\n#[cfg_attr(feature = \"full-serde\", derive(serde::Serialize))]"
    ));
    assert!(declaration(&types_rs, "struct BookVisitRequest").starts_with(
        "#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]\n#[cfg_attr(feature = \"full-serde\", derive(serde::Deserialize))]"
    ));
    // A schema no operation uses is decoded, and compiled only with `all-schemas`.
    assert!(!types_rs.contains(" enum Payment {"));
    assert!(declaration(&unused_rs, "enum Payment").starts_with(
        "#[derive(Debug, Clone, PartialEq, serde::Deserialize)]\n#[cfg_attr(feature = \"full-serde\", derive(serde::Serialize))]\n#[serde(untagged)]"
    ));
    assert!(types_rs.contains("#[cfg(feature = \"all-schemas\")]\nmod unused;"));
    assert!(types_rs.contains("#[cfg(feature = \"all-schemas\")]\npub use unused::*;"));
    let manifest = file("Cargo.toml");
    assert!(manifest.contains("[features]\n"));
    assert!(manifest.contains("\nfull-serde = []\n"));
    assert!(manifest.contains("\nall-schemas = []\n"));
    // The front page says what each feature adds.
    let lib_rs = file("src/lib.rs");
    assert!(lib_rs.contains("//! - `full-serde`: every type in [`types`] derives both"));
    assert!(lib_rs.contains("//! - `all-schemas`: 8 more types in [`types`]"));
    assert!(lib_rs.contains("//! - `webhooks`: the `webhooks` module, which reads the 3 events"));
}

/// Webhooks add a `webhooks` module, its runtime and a `webhooks` feature; the same spec without them (the pets
/// fixture with its `webhooks` removed by an overlay) generates what it did before webhooks were read: no such
/// module, runtime or feature, and every other file the same but for the lines that name them.
#[test]
fn a_spec_without_webhooks_gets_nothing_of_them() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pets-3.1.yaml");
    let bytes = std::fs::read(&spec).expect("the fixture");
    let without: &[u8] = br#"{"overlay": "1.0.0", "info": {"title": "no webhooks", "version": "1"},
        "actions": [{"target": "$.webhooks", "remove": true}, {"target": "$['x-webhook-event']", "remove": true}]}"#;
    let plain = generator::generate_from_bytes(&bytes, &[without], &spec, "pets-client")
        .expect("generates");
    let with =
        generator::generate_from_bytes(&bytes, &[], &spec, "pets-client").expect("generates");
    assert!(plain.api.webhooks.is_none() && with.api.webhooks.is_some());
    let paths = |generated: &generator::Generated| -> Vec<String> {
        generated
            .files
            .iter()
            .map(|file| file.path.clone())
            .collect()
    };
    for module in ["src/webhooks.rs", "src/webhook_event.rs"] {
        assert!(!paths(&plain).contains(&module.to_string()), "{module}");
        assert!(paths(&with).contains(&module.to_string()), "{module}");
    }
    let file = |generated: &generator::Generated, path: &str| {
        generated
            .files
            .iter()
            .find(|file| file.path == path)
            .map(|file| file.contents.clone())
            .unwrap_or_default()
    };
    assert!(!file(&plain, "Cargo.toml").contains("webhooks"));
    assert!(!file(&plain, "src/lib.rs").contains("mod webhook"));
    assert!(!file(&plain, "src/lib.rs").contains("`webhooks`"));
    // The operations do not change.
    assert_eq!(
        file(&plain, "src/operations.rs"),
        file(&with, "src/operations.rs")
    );
}

/// Two webhooks that name the same event could never both be matched (and would make an unreachable match arm):
/// the second is left out with a warning naming it.
#[test]
fn a_second_webhook_for_the_same_event_is_left_out_with_a_warning() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pets-3.1.yaml");
    let bytes = std::fs::read(&spec).expect("the fixture");
    let twice: &[u8] = br#"{"overlay": "1.0.0", "info": {"title": "twice", "version": "1"},
        "actions": [{"target": "$.webhooks.ping.post", "update": {"x-webhook-name": "pet", "x-webhook-action": "arrived"}}]}"#;
    let generated =
        generator::generate_from_bytes(&bytes, &[twice], &spec, "pets-client").expect("generates");
    let hooks = &generated.api.webhooks.as_ref().expect("webhooks").hooks;
    assert_eq!(hooks.len(), 2);
    assert!(generated.warnings.iter().any(
        |w| w.pointer == "#/webhooks/ping" && w.message.contains("already is the event `pet`")
    ));
}

/// 3.2's `defaultMapping` (the chat corpus's `AccountEvent`): the variant a missing or unknown `type` decodes
/// as, with no tag of its own name, and a struct that keeps its `type`, since it holds events of many types.
#[test]
fn a_default_mapping_is_the_variant_for_missing_and_unknown_tags() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/streaming/chat.yaml");
    let generated = generate(&Config {
        spec,
        overlays: Vec::new(),
        package_name: "chat-client".into(),
        regenerate: "cargo run -p generator -- --spec chat.yaml".into(),
    })
    .expect("generates");
    let api = &generated.api;
    let TypeKind::Union {
        variants,
        default_variant,
        ..
    } = &type_named(&api.types, "AccountEvent").kind
    else {
        panic!("union")
    };
    let tags: Vec<(&str, Option<&str>)> = variants
        .iter()
        .map(|v| (v.rust_name.as_str(), v.tag.as_deref()))
        .collect();
    assert_eq!(
        tags,
        [
            ("CompletionFinished", Some("completion_finished")),
            ("QuotaWarning", Some("quota_warning")),
            ("UnknownEvent", None),
        ]
    );
    assert_eq!(*default_variant, Some(2));
    assert!(!variants[2].tag_implied, "the default is written as it is");
    let TypeKind::Struct { fields, .. } = &type_named(&api.types, "UnknownEvent").kind else {
        panic!("struct")
    };
    assert!(fields.iter().any(|f| f.wire_name == "type"));
    assert!(
        !generated
            .warnings
            .iter()
            .any(|w| w.pointer.contains("AccountEvent")),
        "{:?}",
        generated.warnings
    );
}

/// 3.2's tag `summary` heads the docs of the tag's module; `parent` and `kind` stay in `openapi.json`.
#[test]
fn a_tag_summary_heads_its_modules_docs() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/streaming/chat.yaml");
    let generated = generate(&Config {
        spec,
        overlays: Vec::new(),
        package_name: "chat-client".into(),
        regenerate: "cargo run -p generator -- --spec chat.yaml".into(),
    })
    .expect("generates");
    let summaries: Vec<(&str, Option<&str>)> = generated
        .api
        .modules
        .iter()
        .map(|m| (m.tag.as_str(), m.summary.as_deref()))
        .collect();
    assert_eq!(
        summaries,
        [
            ("chat", Some("Chat")),
            ("feeds", Some("Feeds")),
            ("files", Some("Files"))
        ]
    );
    let feeds = generated
        .files
        .iter()
        .find(|f| f.path == "src/feeds.rs")
        .expect("the feeds module");
    assert!(feeds
        .contents
        .contains("//! Feeds: operations tagged `feeds`."));
    let spec_json = generated
        .files
        .iter()
        .find(|f| f.path == "openapi.json")
        .expect("the effective spec");
    assert!(spec_json.contents.contains("\"x-parent\": \"chat\""));
}

/// `x-additional-operations` written by hand in a 3.0 document (3.2's `additionalOperations` once
/// normalised): each entry with a method token is an operation of that method; a key that is no token, or a
/// value that is no operation, is skipped with a warning at its pointer.
#[test]
fn additional_operations_are_methods_of_their_own_and_bad_ones_are_warned_about() {
    let spec = br#"{
        "openapi": "3.0.3",
        "info": { "title": "Cache", "version": "1" },
        "paths": { "/cache": { "x-additional-operations": {
            "PURGE": { "operationId": "purgeCache", "responses": { "204": { "description": "gone" } } },
            "NOT A METHOD": { "operationId": "bad", "responses": {} },
            "COPY": 7
        } } }
    }"#;
    let generated = generator::generate_from_bytes(spec, &[], Path::new("cache.json"), "cache")
        .expect("generates");
    let methods: Vec<(&str, &str)> = generated
        .api
        .operations
        .iter()
        .map(|op| (op.rust_name.as_str(), op.method.wire_name()))
        .collect();
    assert_eq!(methods, [("purge_cache", "PURGE")]);
    let pointers: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "#/paths/~1cache/x-additional-operations/NOT A METHOD",
            "#/paths/~1cache/x-additional-operations/COPY"
        ],
        "{:?}",
        generated.warnings
    );
}

/// A nullable, optional property is three states only where a request carries it as JSON: there `null`
/// means something (clear it). Read-only types, required properties and the fields of multipart and form
/// bodies, which have no `null`, stay `Option<T>`.
#[test]
fn only_json_sent_optional_nullable_fields_keep_null_apart() {
    let spec = br##"{
        "openapi": "3.0.3",
        "info": { "title": "Issues", "version": "1" },
        "components": { "schemas": {
            "Patch": { "type": "object", "required": ["state"], "properties": {
                "milestone": { "type": "integer", "nullable": true },
                "state": { "type": "string", "nullable": true },
                "title": { "type": "string" } } },
            "Issue": { "type": "object", "properties": {
                "milestone": { "type": "integer", "nullable": true } } },
            "Upload": { "type": "object", "properties": {
                "note": { "type": "string", "nullable": true } } },
            "Form": { "type": "object", "properties": {
                "note": { "type": "string", "nullable": true } } }
        } },
        "paths": { "/issues/{id}": {
            "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }],
            "patch": { "operationId": "updateIssue",
                "requestBody": { "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/Patch" } } } },
                "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/Issue" } } } } } },
            "post": { "operationId": "attach",
                "requestBody": { "content": { "multipart/form-data": {
                    "schema": { "$ref": "#/components/schemas/Upload" } } } },
                "responses": { "204": { "description": "ok" } } },
            "put": { "operationId": "note",
                "requestBody": { "content": { "application/x-www-form-urlencoded": {
                    "schema": { "$ref": "#/components/schemas/Form" } } } },
                "responses": { "204": { "description": "ok" } } }
        } }
    }"##;
    let generated = generator::generate_from_bytes(spec, &[], Path::new("issues.json"), "issues")
        .expect("generates");
    let field = |type_name: &str, field_name: &str| {
        let TypeKind::Struct { fields, .. } = &type_named(&generated.api.types, type_name).kind
        else {
            panic!("{type_name} is a struct");
        };
        let field = fields
            .iter()
            .find(|f| f.wire_name == field_name)
            .unwrap_or_else(|| panic!("{type_name}.{field_name}"));
        (field.ty.clone(), field.null_apart)
    };
    let option = |ty: TypeRef| TypeRef::Option(Box::new(ty));
    assert_eq!(
        field("Patch", "milestone"),
        (option(option(TypeRef::I64)), true)
    );
    assert_eq!(field("Patch", "state"), (option(TypeRef::String), false));
    assert_eq!(field("Patch", "title"), (option(TypeRef::String), false));
    assert_eq!(field("Issue", "milestone"), (option(TypeRef::I64), false));
    assert_eq!(field("Upload", "note"), (option(TypeRef::String), false));
    assert_eq!(field("Form", "note"), (option(TypeRef::String), false));
    let types = generated
        .files
        .iter()
        .find(|f| f.path == "src/types.rs")
        .expect("the types");
    assert!(types.contents.contains(
        "        deserialize_with = \"crate::nulls::null_apart\"\n    )]\n    pub milestone: Option<Option<i64>>,"
    ));
    assert!(generated.files.iter().any(|f| f.path == "src/nulls.rs"));
}

/// A success answer declared both whole (JSON) and as a stream gets a second method asking for the stream:
/// `_lines` for NDJSON (typed by the 3.0 `schema`, one line's), `_events` for an event stream (untyped: text).
#[test]
fn an_answer_both_whole_and_streamed_gets_a_method_for_each() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corpus/streaming/whole-or-streamed.yaml");
    let generated = generate(&Config {
        spec,
        overlays: Vec::new(),
        package_name: "records".into(),
        regenerate: "cargo run -p generator -- --spec whole-or-streamed.yaml".into(),
    })
    .expect("generates");
    let streamed: Vec<(&str, &str, &str, &Returns)> = generated
        .api
        .operations
        .iter()
        .filter_map(|op| {
            let also = op.streamed_also.as_ref()?;
            Some((
                op.rust_name.as_str(),
                also.name.as_str(),
                also.media_type.as_str(),
                &also.returns,
            ))
        })
        .collect();
    let [(export, export_lines, ndjson, lines), (status, status_events, sse, events)] =
        streamed.as_slice()
    else {
        panic!("two operations stream too: {streamed:?}");
    };
    assert_eq!(
        (*export, *export_lines, *ndjson),
        (
            "export_records",
            "export_records_lines",
            "application/x-ndjson"
        )
    );
    assert!(
        matches!(lines, Returns::Lines { item: TypeRef::Named(name), .. } if name == "Record"),
        "{lines:?}"
    );
    assert_eq!(
        (*status, *status_events, *sse),
        ("status", "status_events", "text/event-stream")
    );
    assert!(
        matches!(
            events,
            Returns::Events {
                data: TypeRef::String,
                sentinel: None,
                by_name: false
            }
        ),
        "{events:?}"
    );
    // The main methods still read the JSON whole.
    let export = &generated.api.operations[0];
    assert!(matches!(export.returns, Returns::Json(TypeRef::Vec(_))));
    // Events told apart by name (`x-event-data`, written by hand in 3.0) decode by their names.
    let watch = &generated.api.operations[2];
    let Returns::Events {
        data: TypeRef::Named(data),
        by_name: true,
        ..
    } = &watch.returns
    else {
        panic!("{:?}", watch.returns);
    };
    let TypeKind::EventData { variants } = &type_named(&generated.api.types, data).kind else {
        panic!("{data} is no event data");
    };
    let named: Vec<(&str, &str, &TypeRef)> = variants
        .iter()
        .map(|v| (v.event.as_str(), v.rust_name.as_str(), &v.ty))
        .collect();
    assert_eq!(
        named,
        [
            ("changed", "Changed", &TypeRef::Named("Record".into())),
            ("heartbeat", "Heartbeat", &TypeRef::String)
        ]
    );
    assert!(generated.api.needs.accept_streams && generated.api.needs.line_streams);
}
