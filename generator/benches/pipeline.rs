//! Generation speed, stage by stage (load, normalise, deserialise + lower, emit) and end to end, for the Crisp
//! spec and for synthetic specs of 10, 100, 1,000 and 10,000 operations built from one template. Criterion
//! reports throughput in operations per second, so linear growth shows as a flat rate across sizes.
//!
//! Run: `cargo bench -p generator --bench pipeline`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Map};

/// An OpenAPI 3.1 document with `operations` operations in `operations / 10` tags, each with a path and a
/// query parameter, a JSON body and a JSON answer of its own schema (an object with an enum, a nested list
/// and a reference to a shared schema).
fn synthetic_spec(operations: usize) -> String {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    schemas.insert(
        "Owner".into(),
        json!({ "type": "object", "required": ["id"], "properties": {
            "id": { "type": "integer", "format": "int64" }, "name": { "type": ["string", "null"] } } }),
    );
    for i in 0..operations {
        let schema = format!("Thing{i}");
        schemas.insert(
            schema.clone(),
            json!({ "type": "object", "required": ["id"], "properties": {
                "id": { "type": "string" },
                "state": { "type": "string", "enum": ["open", "closed", "archived"] },
                "tags": { "type": "array", "items": { "type": "object", "properties": { "label": { "type": "string" } } } },
                "owner": { "$ref": "#/components/schemas/Owner" },
                "count": { "type": "integer", "exclusiveMinimum": 0 } } }),
        );
        let reference = json!({ "$ref": format!("#/components/schemas/{schema}") });
        paths.insert(
            format!("/things{i}/{{thing_id}}"),
            json!({ "post": {
                "operationId": format!("updateThing{i}"),
                "summary": format!("Update thing {i}"),
                "tags": [format!("group{}", i / 10)],
                "parameters": [
                    { "name": "thing_id", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "dry_run", "in": "query", "schema": { "type": "boolean" } }
                ],
                "requestBody": { "required": true, "content": { "application/json": { "schema": reference } } },
                "responses": {
                    "200": { "description": "ok", "content": { "application/json": { "schema": reference } } },
                    "404": { "description": "missing" }
                }
            } }),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Synthetic", "version": "1" },
        "servers": [{ "url": "https://api.example/v1" }],
        "paths": paths,
        "components": { "schemas": schemas }
    })
    .to_string()
}

fn crisp() -> (PathBuf, Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    (
        root.join("spec/crisp-openapi.yml"),
        vec![root.join("spec/crisp-overlay.yml")],
    )
}

fn stages(c: &mut Criterion) {
    let label = Path::new("synthetic.json");
    for operations in [10, 100, 1_000, 10_000] {
        let text = synthetic_spec(operations);
        let loaded = generator::load::parse_document(text.as_bytes(), label).expect("loads");
        let mut normalized = loaded.clone();
        generator::normalize::normalize(&mut normalized).expect("normalises");
        let spec = generator::deserialize(&normalized, label).expect("deserialises");
        let (api, _) = generator::lower::lower(&spec, &normalized, "synthetic");

        let mut group = c.benchmark_group("synthetic");
        group.throughput(Throughput::Elements(operations as u64));
        if operations >= 1_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("load", operations), &text, |b, text| {
            b.iter(|| generator::load::parse_document(black_box(text.as_bytes()), label))
        });
        group.bench_with_input(
            BenchmarkId::new("normalise", operations),
            &loaded,
            |b, loaded| {
                b.iter_batched(
                    || loaded.clone(),
                    |mut document| generator::normalize::normalize(black_box(&mut document)),
                    criterion::BatchSize::LargeInput,
                )
            },
        );
        group.bench_with_input(
            BenchmarkId::new("lower", operations),
            &normalized,
            |b, document| {
                b.iter(|| {
                    let spec =
                        generator::deserialize(black_box(document), label).expect("deserialises");
                    generator::lower::lower(&spec, document, "synthetic")
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("emit", operations), &api, |b, api| {
            b.iter(|| {
                let spec_file = generator::emit::spec_file(black_box(&normalized));
                generator::emit::emit_crate(black_box(api), spec_file.expect("serialises"))
            })
        });
        group.bench_with_input(BenchmarkId::new("all", operations), &text, |b, text| {
            b.iter(|| {
                generator::generate_from_bytes(black_box(text.as_bytes()), &[], label, "synthetic")
            })
        });
        group.finish();
    }
}

fn crisp_end_to_end(c: &mut Criterion) {
    let (spec, overlays) = crisp();
    let config = generator::Config {
        spec,
        overlays,
        package_name: "crisp-client".into(),
    };
    let mut group = c.benchmark_group("crisp");
    group.throughput(Throughput::Elements(14));
    group.bench_function("all", |b| {
        b.iter(|| generator::generate(black_box(&config)))
    });
    group.finish();
}

criterion_group!(benches, crisp_end_to_end, stages);
criterion_main!(benches);
