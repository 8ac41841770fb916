//! Generation speed, stage by stage (load with overlays, normalise, deserialise + lower, emit) and end to end,
//! for the Crisp spec and its overlay and for synthetic specs of 10, 100, 1,000 and 10,000 operations built from
//! one template. Criterion reports throughput in operations per second, so linear growth shows as a flat rate
//! across sizes. Inputs are read up front, so no figure includes file I/O.
//!
//! Run: `cargo bench -p generator --bench pipeline`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Map, Value};

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

/// A spec to measure: its text and overlays, read up front so no stage includes file I/O.
struct Input {
    /// The benchmark group: `crisp` or `synthetic`.
    group: &'static str,
    operations: usize,
    spec: String,
    overlays: Vec<String>,
}

impl Input {
    fn crisp() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let read = |path: &str| {
            std::fs::read_to_string(root.join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
        };
        let config = generator::Config::crisp(&root);
        let overlays = generator::overlay_files(&config.overlays).expect("the Crisp overlays");
        let overlays: Vec<String> = overlays
            .iter()
            .map(|path| {
                std::fs::read_to_string(path)
                    .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
            })
            .collect();
        let spec = read("spec/crisp-openapi.yml");
        let effective =
            generator::effective_document(&config.spec, &config.overlays).expect("loads");
        Self {
            group: "crisp",
            operations: generator::count_operations(&effective),
            spec,
            overlays,
        }
    }

    fn synthetic(operations: usize) -> Self {
        Self {
            group: "synthetic",
            operations,
            spec: synthetic_spec(operations),
            overlays: Vec::new(),
        }
    }

    /// The `load` stage: the spec and its overlays parsed, and the overlays applied.
    fn load(&self, label: &Path) -> Value {
        let mut document =
            generator::load::parse_document(self.spec.as_bytes(), label).expect("loads");
        for overlay in &self.overlays {
            let overlay =
                generator::load::parse_document(overlay.as_bytes(), label).expect("loads");
            generator::overlay::apply_overlay(&mut document, &overlay).expect("applies");
        }
        document
    }
}

/// Every stage of `input` on its own, each on the previous stage's output, and all of them together.
fn bench_stages(c: &mut Criterion, input: &Input) {
    let label = Path::new("bench");
    let operations = input.operations;
    let loaded = input.load(label);
    let mut normalized = loaded.clone();
    generator::normalize::normalize(&mut normalized).expect("normalises");
    let spec = generator::deserialize(&normalized, label).expect("deserialises");
    let (api, _) = generator::lower::lower(&spec, &normalized, "bench");

    let mut group = c.benchmark_group(input.group);
    group.throughput(Throughput::Elements(operations as u64));
    if operations >= 1_000 {
        group.sample_size(10);
    }
    group.bench_function(BenchmarkId::new("load", operations), |b| {
        b.iter(|| black_box(input).load(label))
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
                generator::lower::lower(&spec, document, "bench")
            })
        },
    );
    group.bench_with_input(BenchmarkId::new("emit", operations), &api, |b, api| {
        b.iter(|| {
            let preamble = generator::emit::preamble("cargo run -p generator");
            let spec_file = generator::emit::spec_file(black_box(&normalized), &preamble);
            generator::emit::emit_crate(black_box(api), spec_file.expect("serialises"), &preamble)
        })
    });
    let overlays: Vec<&[u8]> = input.overlays.iter().map(String::as_bytes).collect();
    group.bench_function(BenchmarkId::new("all", operations), |b| {
        b.iter(|| {
            generator::generate_from_bytes(
                black_box(input.spec.as_bytes()),
                &overlays,
                label,
                "bench",
            )
        })
    });
    group.finish();
}

fn crisp(c: &mut Criterion) {
    bench_stages(c, &Input::crisp());
}

fn synthetic(c: &mut Criterion) {
    for operations in [10, 100, 1_000, 10_000] {
        bench_stages(c, &Input::synthetic(operations));
    }
}

criterion_group!(benches, crisp, synthetic);
criterion_main!(benches);
