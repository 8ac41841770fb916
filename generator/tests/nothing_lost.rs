//! What real specs say that a generator must type rather than drop (issue 17), from
//! `tests/corpus/hostile/nothing-lost.yaml` (which the corpus test also compiles with warnings denied):
//! parameters typed by references to named scalars, enums and chains of references; `allOf` of a reference
//! and parts that only annotate it; references into a schema's properties and definitions; a `+json` body.

use std::path::Path;

use generator::ir::{Api, Operation, TypeKind, TypeRef};
use generator::{generate, Config};

fn nothing_lost() -> generator::Generated {
    let spec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/hostile/nothing-lost.yaml");
    generate(&Config {
        spec,
        overlays: Vec::new(),
        package_name: "nothing-lost".into(),
        regenerate: "cargo run -p generator -- --spec nothing-lost.yaml".into(),
    })
    .expect("generates")
}

fn operation<'a>(api: &'a Api, name: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|op| op.rust_name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

fn field_type(api: &Api, type_name: &str, field: &str) -> TypeRef {
    let def = api
        .types
        .iter()
        .find(|def| def.name == type_name)
        .unwrap_or_else(|| panic!("no type {type_name}"));
    let TypeKind::Struct { fields, .. } = &def.kind else {
        panic!("{type_name} is not a struct");
    };
    fields
        .iter()
        .find(|f| f.rust_name == field)
        .unwrap_or_else(|| panic!("no field {type_name}.{field}"))
        .ty
        .clone()
}

#[test]
fn nothing_is_skipped_or_left_untyped() {
    let generated = nothing_lost();
    let lost: Vec<String> = generated
        .warnings
        .iter()
        .filter(|w| w.message.contains("skipped") || w.message.contains("serde_json::Value"))
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert!(lost.is_empty(), "{lost:#?}");
    let names: Vec<&str> = generated
        .api
        .operations
        .iter()
        .map(|op| op.rust_name.as_str())
        .collect();
    assert_eq!(names, ["get_project", "patch_project", "get_report"]);
}

#[test]
fn parameters_are_typed_as_what_their_references_resolve_to() {
    let api = nothing_lost().api;
    let get = operation(&api, "get_project");
    let types: Vec<(&str, &TypeRef)> = get
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), &p.ty))
        .collect();
    assert_eq!(
        types,
        [
            ("name", &TypeRef::String),
            ("region", &named("Region")),
            ("X-Trace", &TypeRef::String),
            ("tags", &TypeRef::Vec(Box::new(TypeRef::String))),
            ("page", &TypeRef::I32),
            ("workflow", &TypeRef::String),
        ]
    );
    assert_eq!(operation(&api, "get_report").params[0].ty, TypeRef::I32);
    assert!(
        !api.types.iter().any(|def| def.name.contains("Workflow")),
        "the union a parameter is sent as text instead of is not emitted"
    );
}

#[test]
fn all_of_a_reference_and_annotations_is_that_reference() {
    let api = nothing_lost().api;
    assert_eq!(field_type(&api, "Project", "name"), named("ProjectName"));
    let name = api
        .types
        .iter()
        .find(|def| def.name == "ProjectName")
        .expect("the named scalar");
    assert!(matches!(&name.kind, TypeKind::Alias { target } if *target == TypeRef::String));
    assert_eq!(
        field_type(&api, "Project", "owner"),
        TypeRef::Option(Box::new(named("Owner")))
    );
    assert_eq!(
        field_type(&api, "Project", "former_owner"),
        TypeRef::Option(Box::new(named("Owner"))),
        "`nullable` in an annotation part makes the reference optional"
    );
    assert_eq!(
        field_type(&api, "Project", "labels"),
        TypeRef::Option(Box::new(named("Labels")))
    );
    assert!(
        !api.types
            .iter()
            .any(|def| def.name.starts_with("ProjectOwner")),
        "no copy of Owner is made for the annotated reference"
    );
}

#[test]
fn references_into_properties_and_definitions_get_types_of_their_own() {
    let api = nothing_lost().api;
    assert_eq!(
        field_type(&api, "Project", "currency"),
        TypeRef::Option(Box::new(named("TransferCurrency")))
    );
    assert_eq!(
        field_type(&api, "Transfer", "currency"),
        TypeRef::Option(Box::new(named("TransferCurrency"))),
        "the property's own enum and the reference to it are one type"
    );
    assert_eq!(
        field_type(&api, "Project", "line"),
        TypeRef::Option(Box::new(named("ReportLine")))
    );
    assert_eq!(field_type(&api, "ReportLine", "amount"), TypeRef::F64);
    assert_eq!(
        field_type(&api, "Report", "lines"),
        TypeRef::Option(Box::new(TypeRef::Vec(Box::new(named("ReportLine")))))
    );
    let alias = api
        .types
        .iter()
        .find(|def| def.name == "ReportLineAlias")
        .expect("the chained reference's type");
    assert!(
        matches!(&alias.kind, TypeKind::Alias { target } if *target == named("ReportLine")),
        "{alias:?}"
    );
}

#[test]
fn a_merge_patch_body_keeps_its_media_type() {
    let api = nothing_lost().api;
    let body = operation(&api, "patch_project")
        .body
        .as_ref()
        .expect("a body");
    assert_eq!(body.media_type, "application/merge-patch+json");
    assert_eq!(body.ty, named("ProjectPatch"));
}
