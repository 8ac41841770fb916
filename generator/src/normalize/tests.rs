//! The rules of normalisation, one test (or a few) per rule.

use serde_json::json;

use super::*;

/// Normalises a 3.1 document whose only schema is `schema` and returns that schema afterwards.
fn normalized_schema(schema: Value) -> Value {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "components": { "schemas": { "S": schema } }
    });
    normalize(&mut doc).expect("normalises");
    assert_eq!(doc["openapi"], "3.0.3");
    doc["components"]["schemas"]["S"].clone()
}

#[test]
fn path_item_refs_are_replaced_by_their_targets() {
    let get = json!({ "get": { "responses": {} } });
    let mut doc = json!({
        "openapi": "3.0.3",
        "paths": {
            "/copy": { "$ref": "#/paths/~1source" },
            "/source": get,
            "/chained": { "$ref": "#/paths/~1copy" },
            "/shared": { "$ref": "#/components/pathItems/Shared" },
            "/dangling": { "$ref": "#/paths/~1nowhere" },
            "/loop": { "$ref": "#/paths/~1loop" }
        },
        "components": { "pathItems": { "Shared": get } }
    });
    normalize(&mut doc).expect("normalises");
    for path in ["/copy", "/chained", "/shared"] {
        assert_eq!(doc["paths"][path], get, "{path}");
    }
    assert_eq!(
        doc["paths"]["/dangling"],
        json!({ "$ref": "#/paths/~1nowhere" })
    );
    assert_eq!(doc["paths"]["/loop"], json!({ "$ref": "#/paths/~1loop" }));
}

#[test]
fn type_with_null_becomes_nullable() {
    assert_eq!(
        normalized_schema(json!({ "type": ["string", "null"] })),
        json!({ "type": "string", "nullable": true })
    );
}

#[test]
fn several_types_become_any_of() {
    assert_eq!(
        normalized_schema(json!({ "type": ["string", "integer"] })),
        json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }] })
    );
}

#[test]
fn boolean_unevaluated_properties_becomes_additional_properties() {
    assert_eq!(
        normalized_schema(json!({ "type": "object", "unevaluatedProperties": false })),
        json!({ "type": "object", "additionalProperties": false })
    );
}

#[test]
fn schema_unevaluated_properties_becomes_additional_properties_unless_there_is_one() {
    assert_eq!(
        normalized_schema(
            json!({ "type": "object", "unevaluatedProperties": { "type": ["string", "null"] } })
        ),
        json!({ "type": "object", "additionalProperties": { "type": "string", "nullable": true } })
    );
    assert_eq!(
        normalized_schema(json!({
            "type": "object",
            "additionalProperties": { "type": "integer" },
            "unevaluatedProperties": { "type": "string" }
        })),
        json!({ "type": "object", "additionalProperties": { "type": "integer" } })
    );
}

#[test]
fn one_pattern_property_becomes_a_typed_map() {
    assert_eq!(
        normalized_schema(json!({
            "type": "object",
            "patternProperties": { "^[a-z]+$": { "const": 1 } }
        })),
        json!({ "type": "object", "additionalProperties": { "enum": [1], "type": "integer" } })
    );
}

#[test]
fn pattern_properties_that_are_no_single_schema_are_left_for_keys_to_report() {
    for schema in [
        json!({ "type": "object", "patternProperties": { "^a": { "type": "string" }, "^b": {} } }),
        json!({ "type": "object", "patternProperties": { "^a": { "type": "string" } }, "additionalProperties": false }),
        json!({ "type": "object", "patternProperties": { "^a": false } }),
    ] {
        assert_eq!(normalized_schema(schema.clone()), schema);
    }
}

#[test]
fn a_tuple_loses_its_items_and_keeps_prefix_items() {
    assert_eq!(
        normalized_schema(json!({
            "type": "array",
            "prefixItems": [{ "const": "point" }, { "type": "number" }],
            "items": { "type": "number" }
        })),
        json!({
            "type": "array",
            "prefixItems": [{ "enum": ["point"], "type": "string" }, { "type": "number" }]
        })
    );
}

#[test]
fn validation_keywords_and_dynamic_refs_are_left_in_place() {
    let schema = json!({
        "type": "object",
        "properties": {
            "tags": { "type": "array", "items": { "type": "string" }, "contains": { "const": "a" },
                      "minContains": 1, "maxContains": 2, "unevaluatedItems": false },
            "node": { "$dynamicRef": "#node" }
        },
        "propertyNames": { "maxLength": 8 },
        "dependentRequired": { "a": ["b"] },
        "dependentSchemas": { "a": { "required": ["c"] } },
        "if": { "required": ["a"] },
        "then": { "required": ["b"] },
        "else": { "required": ["c"] },
        "$dynamicAnchor": "node"
    });
    assert_eq!(normalized_schema(schema.clone()), schema);
}

#[test]
fn schemas_under_defs_and_definitions_are_rewritten_and_kept() {
    assert_eq!(
        normalized_schema(json!({
            "type": "object",
            "properties": { "part": { "$ref": "#/components/schemas/S/$defs/part" } },
            "$defs": { "part": { "type": ["string", "null"] }, "any": true },
            "definitions": { "old": { "const": 2 } }
        })),
        json!({
            "type": "object",
            "properties": { "part": { "$ref": "#/components/schemas/S/$defs/part" } },
            "$defs": { "part": { "type": "string", "nullable": true }, "any": {} },
            "definitions": { "old": { "enum": [2], "type": "integer" } }
        })
    );
}

#[test]
fn a_type_name_that_is_not_a_string_is_still_an_error() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "components": { "schemas": { "S": { "$defs": { "d": { "type": ["string", 1] } } } } }
    });
    let err = normalize(&mut doc).expect_err("1 is not a type name");
    assert_eq!(err.pointer, "#/components/schemas/S/$defs/d/type");
}

#[test]
fn an_enum_of_one_json_type_without_type_gets_that_type() {
    for (values, ty) in [
        (json!(["a", "b"]), "string"),
        (json!([1, -2]), "integer"),
        (json!([true]), "boolean"),
    ] {
        assert_eq!(
            normalized_schema(json!({ "enum": values })),
            json!({ "enum": values, "type": ty })
        );
    }
    assert_eq!(
        normalized_schema(json!({ "const": "on", "description": "d" })),
        json!({ "description": "d", "enum": ["on"], "type": "string" })
    );
}

#[test]
fn an_enum_beside_a_type_or_a_shape_or_of_mixed_values_is_left_alone() {
    for schema in [
        json!({ "enum": ["a", 1] }),
        json!({ "enum": [1.5] }),
        json!({ "enum": ["a", null] }),
        json!({ "enum": [] }),
        json!({ "type": "number", "enum": [1] }),
        json!({ "$ref": "#/components/schemas/T", "enum": ["a"] }),
        json!({ "oneOf": [{ "type": "string" }], "enum": ["a"] }),
        json!({ "properties": { "a": {} }, "enum": [{ "a": "x" }] }),
    ] {
        assert_eq!(normalized_schema(schema.clone()), schema);
    }
}

#[test]
fn a_3_0_discriminator_tag_without_type_is_a_string_and_nothing_else_changes() {
    let mut doc = json!({
        "openapi": "3.0.3",
        "paths": { "/pets": { "get": { "responses": { "200": { "description": "ok", "content": {
            "application/json": { "schema": { "oneOf": [{ "properties": { "kind": { "enum": ["cat"] } } }] } }
        } } } } } },
        "components": { "schemas": {
            "Dog": { "properties": { "kind": { "enum": ["dog"] } }, "exclusiveMinimum": true, "const": 1 }
        } }
    });
    normalize(&mut doc).expect("normalises");
    assert_eq!(doc["openapi"], "3.0.3");
    let schema =
        &doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(
        schema["oneOf"][0]["properties"]["kind"],
        json!({ "enum": ["cat"], "type": "string" })
    );
    assert_eq!(
        doc["components"]["schemas"]["Dog"],
        json!({
            "properties": { "kind": { "enum": ["dog"], "type": "string" } },
            "exclusiveMinimum": true,
            "const": 1
        })
    );
}

#[test]
fn const_becomes_single_value_enum() {
    assert_eq!(
        normalized_schema(json!({ "type": "string", "const": "on" })),
        json!({ "type": "string", "enum": ["on"] })
    );
}

#[test]
fn numeric_exclusive_bounds_become_boolean_flags() {
    assert_eq!(
        normalized_schema(
            json!({ "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10 })
        ),
        json!({ "type": "integer", "exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10 })
    );
}

#[test]
fn examples_array_becomes_example() {
    assert_eq!(
        normalized_schema(json!({ "type": "string", "examples": ["a", "b"] })),
        json!({ "type": "string", "example": "a" })
    );
}

#[test]
fn schema_identity_keywords_are_removed() {
    assert_eq!(
        normalized_schema(
            json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "type": "string" })
        ),
        json!({ "type": "string" })
    );
}

#[test]
fn boolean_schemas_become_objects() {
    assert_eq!(
        normalized_schema(
            json!({ "type": "object", "properties": { "any": true, "none": false } })
        ),
        json!({ "type": "object", "properties": { "any": {}, "none": { "not": {} } } })
    );
}

#[test]
fn nested_schemas_are_rewritten_but_property_names_are_not() {
    let schema = normalized_schema(json!({
        "type": "object",
        "properties": { "const": { "type": ["integer", "null"] } },
        "items": { "const": 1 }
    }));
    assert_eq!(
        schema["properties"]["const"],
        json!({ "type": "integer", "nullable": true })
    );
    assert_eq!(schema["items"], json!({ "enum": [1], "type": "integer" }));
}

#[test]
fn the_bodies_of_x_methods_are_normalised_like_other_schemas() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": { "/a": { "patch": { "responses": {}, "x-methods": [
            { "operationId": "one", "body": { "type": ["string", "null"] } },
            { "operationId": "two" }
        ] } } }
    });
    normalize(&mut doc).expect("normalises");
    assert_eq!(
        doc["paths"]["/a"]["patch"]["x-methods"][0]["body"],
        json!({ "type": "string", "nullable": true })
    );
}

#[test]
fn missing_paths_and_responses_are_filled_in_and_webhooks_kept_as_x_webhooks() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "webhooks": { "ping": {} }
    });
    normalize(&mut doc).expect("normalises");
    assert_eq!(doc["paths"], json!({}));
    assert!(doc.get("webhooks").is_none());
    assert_eq!(doc["x-webhooks"], json!({ "ping": {} }));

    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": { "/a": { "get": { "operationId": "a" } } }
    });
    normalize(&mut doc).expect("normalises");
    assert_eq!(doc["paths"]["/a"]["get"]["responses"], json!({}));
}

#[test]
fn mutual_tls_scheme_is_removed_with_its_requirements() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "security": [{ "mtls": [], "key": [] }],
        "paths": { "/a": {
            "get": { "security": [{ "mtls": [] }] },
            "x-additional-operations": { "PURGE": { "security": [{ "mtls": [], "key": [] }] } }
        } },
        "components": { "securitySchemes": {
            "mtls": { "type": "mutualTLS" },
            "key": { "type": "apiKey", "in": "header", "name": "K" }
        } }
    });
    normalize(&mut doc).expect("normalises");
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({ "key": { "type": "apiKey", "in": "header", "name": "K" } })
    );
    assert_eq!(doc["security"], json!([{ "key": [] }]));
    assert_eq!(doc["paths"]["/a"]["get"]["security"], json!([{}]));
    assert_eq!(
        doc["paths"]["/a"]["x-additional-operations"]["PURGE"]["security"],
        json!([{ "key": [] }])
    );
}

#[test]
fn json_schema_keywords_deep_in_a_path_are_no_error() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": { "/a/{b}": { "get": { "responses": { "200": { "description": "ok", "content": {
            "application/json": { "schema": { "type": "array", "prefixItems": [{ "type": "string" }] } }
        } } } } } }
    });
    normalize(&mut doc).expect("a tuple is no error");
    assert_eq!(
        doc["paths"]["/a/{b}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        json!({ "type": "array", "prefixItems": [{ "type": "string" }] })
    );
}

#[test]
fn version_3_0_documents_are_left_untouched() {
    let original = json!({ "openapi": "3.0.3", "info": {}, "components": { "schemas": { "S": { "exclusiveMinimum": true } } } });
    let mut doc = original.clone();
    normalize(&mut doc).expect("3.0 is accepted");
    assert_eq!(doc, original);
}

/// Normalises a 3.2 document of `paths` and `components`; the document afterwards, and the warnings.
fn normalized_3_2(paths: Value, components: Value) -> (Value, Vec<Warning>) {
    let mut doc = json!({
        "openapi": "3.2.0",
        "info": { "title": "t", "version": "1" },
        "paths": paths,
        "components": components
    });
    let warnings = normalize(&mut doc).expect("normalises");
    assert_eq!(doc["openapi"], "3.0.3");
    (doc, warnings)
}

/// The pointers and messages of `warnings`.
fn found(warnings: &[Warning]) -> Vec<(&str, &str)> {
    warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect()
}

/// Asserts that `openapiv3` reads `doc` and that `keys.rs` finds no key it does not know in it.
fn assert_readable_and_known(doc: &Value) {
    crate::deserialize(doc, std::path::Path::new("spec.yml")).expect("openapiv3 reads it");
    assert_eq!(crate::keys::unknown_keys(doc), Vec::new());
}

#[test]
fn version_3_2_is_read_with_every_3_1_rule() {
    for version in ["3.2.0", "3.2.1", "3.2"] {
        let mut doc = json!({
            "openapi": version,
            "$self": "https://example.com/openapi.yaml",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
            "info": { "title": "t", "version": "1" },
            "webhooks": { "ping": {} },
            "components": { "schemas": { "S": { "type": ["string", "null"], "const": "a" } } }
        });
        let warnings = normalize(&mut doc).expect("3.2 is read");
        assert_eq!(warnings, []);
        assert_eq!(
            doc,
            json!({
                "openapi": "3.0.3",
                "info": { "title": "t", "version": "1" },
                "x-webhooks": { "ping": {} },
                "paths": {},
                "components": { "schemas": { "S": { "type": "string", "nullable": true, "enum": ["a"] } } }
            }),
            "{version}"
        );
    }
}

#[test]
fn versions_after_3_2_are_refused_naming_the_supported_ones() {
    for version in ["3.3.0", "4.0.0", "3.20"] {
        let err = normalize(&mut json!({ "openapi": version })).expect_err(version);
        assert_eq!(err.pointer, "#/openapi");
        assert_eq!(
            err.message,
            format!(
                "unsupported OpenAPI version \"{version}\"; supported are 3.0.x, 3.1.x and 3.2.x"
            )
        );
    }
}

#[test]
fn query_and_additional_operations_move_to_x_additional_operations() {
    let (doc, warnings) = normalized_3_2(
        json!({ "/items": {
            "get": { "responses": {} },
            "query": { "operationId": "search", "requestBody": { "content": {
                "application/json": { "schema": { "type": ["object", "null"] } }
            } } },
            "additionalOperations": {
                "COPY": { "operationId": "copy", "parameters": [
                    { "name": "to", "in": "header", "schema": { "const": "x" } }
                ] },
                "GET": { "operationId": "shadowsGet" },
                "post": { "operationId": "shadowsPost" },
                "Query": { "operationId": "shadowsQuery" },
                "NOT A METHOD": { "operationId": "bad" }
            }
        } }),
        json!({}),
    );
    let item = doc["paths"]["/items"].as_object().expect("a path item");
    assert_eq!(
        item.keys().collect::<Vec<_>>(),
        ["get", "x-additional-operations"]
    );
    let operations = item["x-additional-operations"].as_object().expect("a map");
    assert_eq!(operations.keys().collect::<Vec<_>>(), ["QUERY", "COPY"]);
    assert_eq!(
        operations["QUERY"]["requestBody"]["content"]["application/json"]["schema"],
        json!({ "type": "object", "nullable": true })
    );
    assert_eq!(operations["QUERY"]["responses"], json!({}));
    assert_eq!(
        operations["COPY"]["parameters"][0]["schema"],
        json!({ "enum": ["x"], "type": "string" })
    );
    let at = "#/paths/~1items/additionalOperations";
    let found = found(&warnings);
    assert_eq!(
        found
            .iter()
            .map(|(pointer, _)| *pointer)
            .collect::<Vec<_>>(),
        [
            format!("{at}/GET"),
            format!("{at}/post"),
            format!("{at}/Query"),
            format!("{at}/NOT A METHOD")
        ]
    );
    assert!(
        found[0]
            .1
            .contains("belongs in the path item's `get` field"),
        "{}",
        found[0].1
    );
    assert!(found[2].1.contains("`query` field"), "{}", found[2].1);
    assert!(
        found[3].1.contains("not an HTTP method name"),
        "{}",
        found[3].1
    );
    assert_eq!(crate::count_operations(&doc), 3);
    assert_readable_and_known(&doc);
}

#[test]
fn an_error_in_a_moved_operation_names_where_it_was_written() {
    let mut doc = json!({ "openapi": "3.2.0", "paths": { "/a": { "query": { "responses": { "200": {
        "description": "ok",
        "content": { "application/json": { "schema": { "type": ["string", 1] } } }
    } } } } } });
    let err = normalize(&mut doc).expect_err("1 is not a type name");
    assert_eq!(
        err.pointer,
        "#/paths/~1a/query/responses/200/content/application~1json/schema/type"
    );
}

#[test]
fn hand_written_x_additional_operations_are_normalised_in_3_1() {
    let mut doc = json!({ "openapi": "3.1.0", "paths": { "/a": { "x-additional-operations": {
        "PURGE": { "parameters": [{ "name": "p", "in": "query", "schema": { "type": ["integer", "null"] } }] }
    } } } });
    normalize(&mut doc).expect("normalises");
    let purge = &doc["paths"]["/a"]["x-additional-operations"]["PURGE"];
    assert_eq!(
        purge["parameters"][0]["schema"],
        json!({ "type": "integer", "nullable": true })
    );
    assert_eq!(purge["responses"], json!({}));
    assert_eq!(crate::count_operations(&doc), 1);
}

#[test]
fn a_form_urlencoded_querystring_becomes_a_form_query_parameter() {
    let (doc, warnings) = normalized_3_2(
        json!({ "/search": { "get": { "parameters": [{
            "name": "filter",
            "in": "querystring",
            "required": true,
            "content": { "application/x-www-form-urlencoded": {
                "schema": { "type": "object", "properties": { "q": { "type": ["string", "null"] } } },
                "encoding": { "q": { "contentType": "text/plain" } }
            } }
        }] } } }),
        json!({ "parameters": { "Form": {
            "name": "f",
            "in": "querystring",
            "content": { "application/x-www-form-urlencoded; charset=utf-8": {} }
        } } }),
    );
    assert_eq!(
        doc["paths"]["/search"]["get"]["parameters"][0],
        json!({
            "name": "filter",
            "in": "query",
            "required": true,
            "style": "form",
            "explode": true,
            "schema": { "type": "object", "properties": { "q": { "type": "string", "nullable": true } } }
        })
    );
    assert_eq!(
        doc["components"]["parameters"]["Form"],
        json!({
            "name": "f",
            "in": "query",
            "style": "form",
            "explode": true,
            "schema": { "type": "object", "additionalProperties": { "type": "string" } }
        })
    );
    let found = found(&warnings);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].0,
        "#/paths/~1search/get/parameters/0/content/application~1x-www-form-urlencoded/encoding"
    );
    assert!(found[0].1.starts_with("not applied"), "{}", found[0].1);
    assert_readable_and_known(&doc);
}

#[test]
fn operations_with_a_querystring_of_another_media_type_are_left_out_with_a_warning() {
    let (doc, warnings) = normalized_3_2(
        json!({
            "/direct": {
                "get": { "parameters": [{ "name": "q", "in": "querystring", "content": {
                    "application/json": { "schema": { "type": "object" } }
                } }] },
                "post": { "responses": {} }
            },
            "/shared": {
                "parameters": [{ "$ref": "#/components/parameters/Selector" }],
                "get": {},
                "query": {}
            },
            "/through": {
                "get": { "parameters": [{ "$ref": "#/components/parameters/Alias" }] },
                "put": { "parameters": [{ "$ref": "#/components/parameters/Form" }] }
            }
        }),
        json!({ "parameters": {
            "Selector": { "name": "s", "in": "querystring", "content": {
                "application/jsonpath": { "schema": { "type": "string" } }
            } },
            "Alias": { "$ref": "#/components/parameters/Selector" },
            "Form": { "name": "f", "in": "querystring", "content": {
                "application/x-www-form-urlencoded": {}
            } }
        } }),
    );
    assert_eq!(
        doc["paths"]["/direct"],
        json!({ "post": { "responses": {} } })
    );
    assert_eq!(doc["paths"]["/shared"], json!({ "parameters": [] }));
    let through = doc["paths"]["/through"].as_object().expect("a path item");
    assert_eq!(through.keys().collect::<Vec<_>>(), ["put"]);
    let parameters = doc["components"]["parameters"].as_object().expect("a map");
    assert_eq!(parameters.keys().collect::<Vec<_>>(), ["Form"]);
    let selector = "#/components/parameters/Selector";
    let expected = [
        (
            "#/paths/~1direct/get".to_string(),
            "operation left out: its `in: querystring` parameter at \
             #/paths/~1direct/get/parameters/0 has media type `application/json`, which the client \
             cannot send as a query string yet (it sends `application/x-www-form-urlencoded` ones)"
                .to_string(),
        ),
        (
            "#/paths/~1shared/get".to_string(),
            format!("{selector} (through the `$ref` at #/paths/~1shared/parameters/0) has media type `application/jsonpath`"),
        ),
        (
            "#/paths/~1shared/query".to_string(),
            format!("{selector} (through the `$ref` at #/paths/~1shared/parameters/0)"),
        ),
        (
            "#/paths/~1through/get".to_string(),
            format!("{selector} (through the `$ref` at #/paths/~1through/get/parameters/0)"),
        ),
        (
            selector.to_string(),
            "parameter left out: it is `in: querystring` and has media type `application/jsonpath`"
                .to_string(),
        ),
        (
            "#/components/parameters/Alias".to_string(),
            format!("parameter left out: it refers to the `in: querystring` parameter at {selector}, which has media type"),
        ),
    ];
    let found = found(&warnings);
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for ((pointer, message), (want_pointer, want_message)) in found.iter().zip(&expected) {
        assert_eq!(pointer, want_pointer);
        assert!(message.contains(want_message.as_str()), "{message}");
    }
    assert_readable_and_known(&doc);
}

#[test]
fn cookie_style_is_read_as_form_with_a_warning_for_lists_and_objects() {
    let (doc, warnings) = normalized_3_2(
        json!({ "/a": { "get": { "parameters": [
            { "name": "session", "in": "cookie", "style": "cookie", "schema": { "type": "string" } },
            { "name": "prefs", "in": "cookie", "style": "cookie", "schema": { "type": ["array", "null"], "items": { "type": "string" } } },
            { "name": "plain", "in": "cookie", "style": "form", "schema": { "type": "string" } }
        ] } } }),
        json!({}),
    );
    let parameters = &doc["paths"]["/a"]["get"]["parameters"];
    assert_eq!(
        parameters[0],
        json!({ "name": "session", "in": "cookie", "schema": { "type": "string" } })
    );
    assert!(parameters[1].get("style").is_none());
    assert_eq!(parameters[2]["style"], "form");
    let found = found(&warnings);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "#/paths/~1a/get/parameters/1/style");
    assert_readable_and_known(&doc);
}

#[test]
fn tag_summary_parent_and_kind_become_extensions() {
    let mut doc = json!({ "openapi": "3.2.0", "info": { "title": "t", "version": "1" }, "tags": [
        { "name": "partner", "summary": "Partner", "description": "d", "parent": "external", "kind": "audience" },
        { "name": "external", "kind": "nav", "x-kind": "written by hand" }
    ] });
    normalize(&mut doc).expect("normalises");
    assert_eq!(
        doc["tags"],
        json!([
            { "name": "partner", "description": "d", "x-summary": "Partner", "x-parent": "external", "x-kind": "audience" },
            { "name": "external", "x-kind": "written by hand" }
        ])
    );
    assert_readable_and_known(&doc);
}

#[test]
fn discriminator_default_mapping_becomes_an_extension_of_the_discriminator() {
    let (doc, _) = normalized_3_2(
        json!({}),
        json!({ "schemas": { "Pet": {
            "oneOf": [{ "$ref": "#/components/schemas/Cat" }, { "$ref": "#/components/schemas/OtherPet" }],
            "discriminator": { "propertyName": "petType", "defaultMapping": "OtherPet" }
        } } }),
    );
    assert_eq!(
        doc["components"]["schemas"]["Pet"]["discriminator"],
        json!({ "propertyName": "petType", "x-default-mapping": "OtherPet" })
    );
    let spec = crate::deserialize(&doc, std::path::Path::new("spec.yml")).expect("reads");
    let schemas = &spec.components.expect("components").schemas;
    let openapiv3::ReferenceOr::Item(pet) = &schemas["Pet"] else {
        panic!("Pet is a schema");
    };
    let discriminator = pet.schema_data.discriminator.as_ref().expect("kept");
    assert_eq!(discriminator.extensions["x-default-mapping"], "OtherPet");
}

/// A response whose `content` has one media type, `media_type`, of item schema `item`.
fn streamed(media_type: &str, item: Value) -> Value {
    json!({ "description": "d", "content": { media_type: { "itemSchema": item } } })
}

#[test]
fn item_schema_becomes_x_item_schema_normalised_as_a_schema() {
    let (doc, warnings) = normalized_3_2(
        json!({}),
        json!({ "responses": {
            "Lines": streamed("application/jsonl", json!({ "type": ["object", "null"] })),
            "Seq": streamed("application/json-seq", json!({ "$ref": "#/components/schemas/Entry" })),
            "Parts": streamed("multipart/mixed", json!({ "$comment": "one image" })),
            "Both": { "description": "d", "content": { "application/x-ndjson": {
                "itemSchema": { "type": "string" },
                "x-item-schema": { "type": "integer" }
            } } }
        } }),
    );
    let item = |name: &str, media_type: &str| {
        doc["components"]["responses"][name]["content"][media_type].clone()
    };
    assert_eq!(
        item("Lines", "application/jsonl"),
        json!({ "x-item-schema": { "type": "object", "nullable": true } })
    );
    assert_eq!(
        item("Seq", "application/json-seq"),
        json!({ "x-item-schema": { "$ref": "#/components/schemas/Entry" } })
    );
    assert_eq!(
        item("Parts", "multipart/mixed"),
        json!({ "x-item-schema": {} })
    );
    assert_eq!(
        item("Both", "application/x-ndjson"),
        json!({ "x-item-schema": { "type": "integer" } })
    );
    assert_eq!(
        found(&warnings),
        [(
            "#/components/responses/Both/content/application~1x-ndjson/itemSchema",
            "left out: the media type's `x-item-schema` is kept instead"
        )]
    );
}

#[test]
fn an_event_streams_x_item_schema_is_the_schema_of_one_events_data() {
    let event = |data: Value| json!({ "type": "object", "required": ["data"], "properties": { "event": { "type": "string" }, "data": data } });
    let sse = |item: Value| streamed("text/event-stream; charset=utf-8", item);
    let json_data = |schema: Value| json!({ "type": "string", "contentMediaType": "application/json", "contentSchema": schema });
    let (doc, warnings) = normalized_3_2(
        json!({
            "/events": { "get": { "responses": { "200": sse(json!({ "$ref": "#/components/schemas/Event" })) } } },
            "/ask": { "query": { "responses": { "200": sse(json!({ "$ref": "#/components/schemas/Event" })) } } }
        }),
        json!({
            "schemas": {
                "Event": event(json_data(json!({ "$ref": "#/components/schemas/Chunk" }))),
                "Chunk": { "type": "object" },
                "Count": json_data(json!({ "type": ["integer", "null"] }))
            },
            "responses": {
                "Typed": sse(event(json_data(json!({ "type": "object", "properties": { "n": { "type": ["integer", "null"] } } })))),
                "AnyJson": sse(event(json!({ "type": "string", "contentMediaType": "application/json" }))),
                "Text": sse(event(json!({ "type": "string" }))),
                "NoData": sse(json!({ "type": "object", "properties": { "n": { "const": 1 } } })),
                "DataRef": sse(event(json!({ "$ref": "#/components/schemas/Count" }))),
                "InAllOf": sse(json!({ "allOf": [
                    event(json!({ "type": "string" })),
                    { "properties": { "data": { "contentMediaType": "application/json" } } }
                ] })),
                "PerEvent": sse(json!({
                    "$ref": "#/components/schemas/Plain",
                    "oneOf": [{ "properties": { "data": json_data(json!({ "type": "object" })) } }]
                }))
            }
        }),
    );
    assert_eq!(warnings, []);
    let content = "text/event-stream; charset=utf-8";
    let item = |response: &Value| response["content"][content][ITEM_SCHEMA].clone();
    let chunk = json!({ "$ref": "#/components/schemas/Chunk" });
    assert_eq!(
        item(&doc["paths"]["/events"]["get"]["responses"]["200"]),
        chunk
    );
    assert_eq!(
        item(&doc["paths"]["/ask"][ADDITIONAL_OPERATIONS]["QUERY"]["responses"]["200"]),
        chunk
    );
    let responses = &doc["components"]["responses"];
    for (name, expected) in [
        (
            "Typed",
            json!({ "type": "object", "properties": { "n": { "type": "integer", "nullable": true } } }),
        ),
        ("AnyJson", json!({})),
        ("Text", json!({ "type": "string" })),
        (
            "NoData",
            json!({ "type": "object", "properties": { "n": { "enum": [1], "type": "integer" } } }),
        ),
        ("DataRef", json!({ "type": "integer", "nullable": true })),
        ("InAllOf", json!({})),
        // `Plain` is no schema of the document: without a `data` found, the item schema is taken whole.
        (
            "PerEvent",
            json!({ "$ref": "#/components/schemas/Plain", "oneOf": [{ "properties": { "data": {
            "type": "string", "contentSchema": { "type": "object" }
        } } }] }),
        ),
    ] {
        assert_eq!(item(&responses[name]), expected, "{name}");
        assert!(responses[name]["content"][content]
            .get("itemSchema")
            .is_none());
    }
}

/// An `itemSchema` whose `oneOf` tells events apart by a constant `event` (`const`, or an `enum` of one
/// name; a branch given by `$ref` too) gives each name its data's schema in `x-event-data`, normalised as a
/// schema; a branch without a constant name is not an event of its own.
#[test]
fn events_told_apart_by_name_get_their_data_schemas_in_x_event_data() {
    let json_data =
        |schema: Value| json!({ "contentMediaType": "application/json", "contentSchema": schema });
    let (doc, warnings) = normalized_3_2(
        json!({ "/m": { "post": { "responses": { "200": streamed("text/event-stream", json!({
            "type": "object",
            "properties": { "event": { "type": "string" }, "data": { "type": "string" } },
            "oneOf": [
                { "properties": { "event": { "const": "start" }, "data": json_data(json!({ "$ref": "#/components/schemas/Start" })) } },
                { "$ref": "#/components/schemas/DeltaEvent" },
                { "properties": { "event": { "enum": ["ping"] } } },
                { "properties": { "event": { "enum": ["a", "b"] }, "data": json_data(json!({})) } },
                { "properties": { "data": { "contentMediaType": "application/json" } } }
            ]
        })) } } } }),
        json!({ "schemas": {
            "Start": { "type": "object" },
            "DeltaEvent": { "properties": { "event": { "const": "delta" },
                "data": json_data(json!({ "type": ["integer", "null"] })) } }
        } }),
    );
    assert_eq!(warnings, []);
    let media = &doc["paths"]["/m"]["post"]["responses"]["200"]["content"]["text/event-stream"];
    assert_eq!(
        media["x-event-data"],
        json!({
            "start": { "$ref": "#/components/schemas/Start" },
            "delta": { "type": "integer", "nullable": true },
            "ping": { "type": "string" }
        })
    );
    // Events of other names: the data the item schema gives every event.
    assert_eq!(media[ITEM_SCHEMA], json!({ "type": "string" }));
}

#[test]
fn hand_written_x_item_schemas_are_normalised_in_3_0_and_3_1() {
    for (version, expected) in [
        (
            "3.1.0",
            json!({ "type": "string", "nullable": true, "enum": ["a"] }),
        ),
        ("3.0.3", json!({ "type": ["string", "null"], "const": "a" })),
    ] {
        let mut doc = json!({ "openapi": version, "paths": { "/a": { "get": { "responses": { "200": {
            "description": "d",
            "content": { "application/jsonl": { "x-item-schema": { "type": ["string", "null"], "const": "a" } } }
        } } } } } });
        normalize(&mut doc).expect("normalises");
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/jsonl"]
                [ITEM_SCHEMA],
            expected,
            "{version}"
        );
    }
    let mut doc = json!({ "openapi": "3.0.3", "components": { "responses": { "R": {
        "description": "d",
        "content": { "application/jsonl": { "x-item-schema": { "enum": ["a", "b"] } } }
    } } } });
    normalize(&mut doc).expect("normalises");
    assert_eq!(
        doc["components"]["responses"]["R"]["content"]["application/jsonl"][ITEM_SCHEMA],
        json!({ "enum": ["a", "b"], "type": "string" })
    );
}

#[test]
fn media_type_refs_are_replaced_by_copies_of_their_targets() {
    let json_media = json!({ "schema": { "type": ["string", "null"] } });
    let (doc, warnings) = normalized_3_2(
        json!({ "/a": { "post": {
            "parameters": [{ "name": "p", "in": "query", "content": {
                "application/json": { "$ref": "#/components/mediaTypes/Json" }
            } }],
            "requestBody": { "content": {
                "application/x-www-form-urlencoded": { "$ref": "#/components/mediaTypes/Form" }
            } },
            "responses": { "200": { "description": "ok", "content": {
                "application/json": { "$ref": "#/components/mediaTypes/Alias" },
                "text/plain": { "$ref": "#/components/mediaTypes/Missing" },
                "text/html": { "$ref": "#/components/mediaTypes/Loop" }
            } } }
        } } }),
        json!({
            "mediaTypes": {
                "Json": json_media,
                "Alias": { "$ref": "#/components/mediaTypes/Json" },
                "Form": { "schema": { "type": "object" }, "encoding": { "a": { "headers": {
                    "X-Part": { "content": { "application/json": { "$ref": "#/components/mediaTypes/Json" } } }
                } } } },
                "Loop": { "$ref": "#/components/mediaTypes/Loop" }
            },
            "headers": { "H": { "content": { "application/json": { "$ref": "#/components/mediaTypes/Alias" } } } }
        }),
    );
    let normalized_json = json!({ "schema": { "type": "string", "nullable": true } });
    let post = &doc["paths"]["/a"]["post"];
    assert_eq!(
        post["parameters"][0]["content"]["application/json"],
        normalized_json
    );
    assert_eq!(
        post["requestBody"]["content"]["application/x-www-form-urlencoded"],
        json!({ "schema": { "type": "object" }, "encoding": { "a": { "headers": {
            "X-Part": { "content": { "application/json": normalized_json } }
        } } } })
    );
    let content = &post["responses"]["200"]["content"];
    assert_eq!(content["application/json"], normalized_json);
    assert_eq!(
        content["text/plain"],
        json!({ "$ref": "#/components/mediaTypes/Missing" })
    );
    assert_eq!(
        doc["components"]["headers"]["H"]["content"]["application/json"],
        normalized_json
    );
    assert!(doc["components"].get("mediaTypes").is_none());
    let found = found(&warnings);
    let at = "#/paths/~1a/post/responses/200/content";
    assert_eq!(
        found
            .iter()
            .map(|(pointer, _)| *pointer)
            .collect::<Vec<_>>(),
        [format!("{at}/text~1plain"), format!("{at}/text~1html")]
    );
    assert!(
        found[0].1.contains("leads to no Media Type object"),
        "{}",
        found[0].1
    );
}

#[test]
fn a_media_type_that_contains_itself_is_inlined_a_bounded_number_of_times() {
    let (doc, warnings) = normalized_3_2(
        json!({ "/a": { "post": { "requestBody": { "content": {
            "multipart/mixed": { "$ref": "#/components/mediaTypes/Nested" }
        } } } } }),
        json!({ "mediaTypes": { "Nested": { "schema": {}, "encoding": { "part": { "headers": {
            "X-Inner": { "content": { "multipart/mixed": { "$ref": "#/components/mediaTypes/Nested" } } }
        } } } } } }),
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0]
        .pointer
        .starts_with("#/paths/~1a/post/requestBody/content/multipart~1mixed/encoding/part"));
    assert!(
        warnings[0].message.contains("too deeply"),
        "{}",
        warnings[0].message
    );
    let body = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["multipart/mixed"];
    assert_eq!(body["schema"], json!({}));
}

#[test]
fn a_response_without_description_gets_its_summary_or_an_empty_one() {
    let (doc, warnings) = normalized_3_2(
        json!({ "/a": { "get": { "responses": {
            "200": { "summary": "Fine" },
            "204": {},
            "default": { "$ref": "#/components/responses/Error" }
        } } } }),
        json!({ "responses": { "Error": { "summary": "Failed", "description": "It failed." } } }),
    );
    assert_eq!(warnings, []);
    let responses = &doc["paths"]["/a"]["get"]["responses"];
    assert_eq!(
        responses["200"],
        json!({ "summary": "Fine", "description": "Fine" })
    );
    assert_eq!(responses["204"], json!({ "description": "" }));
    assert_eq!(
        responses["default"],
        json!({ "$ref": "#/components/responses/Error" })
    );
    assert_eq!(
        doc["components"]["responses"]["Error"]["description"],
        "It failed."
    );
    assert_readable_and_known(&doc);
}

#[test]
fn positional_encodings_become_extensions() {
    let (doc, _) = normalized_3_2(
        json!({ "/a": { "post": { "requestBody": { "content": { "multipart/mixed": {
            "schema": { "type": "array", "prefixItems": [{ "type": "object" }, {}] },
            "prefixEncoding": [{}, { "contentType": "image/*" }],
            "itemEncoding": { "contentType": "image/jpeg" }
        } } } } } }),
        json!({}),
    );
    let media = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["multipart/mixed"];
    assert_eq!(
        media["x-prefix-encoding"],
        json!([{}, { "contentType": "image/*" }])
    );
    assert_eq!(
        media["x-item-encoding"],
        json!({ "contentType": "image/jpeg" })
    );
    assert!(media.get("prefixEncoding").is_none() && media.get("itemEncoding").is_none());
}

#[test]
fn a_string_of_a_text_content_media_type_stays_a_string() {
    assert_eq!(
        normalized_schema(json!({
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": { "type": "object" }
        })),
        json!({ "type": "string", "contentSchema": { "type": "object" } })
    );
    assert_eq!(
        normalized_schema(json!({ "type": ["string", "null"], "contentMediaType": "text/html" })),
        json!({ "type": "string", "nullable": true })
    );
    assert_eq!(
        normalized_schema(json!({ "type": "string", "contentMediaType": "image/png" })),
        json!({ "type": "string", "format": "binary" })
    );
    assert_eq!(
        normalized_schema(json!({ "contentMediaType": "application/json" })),
        json!({ "format": "binary" })
    );
}

#[test]
fn a_3_2_document_with_every_addition_reads_and_has_no_unknown_keys() {
    let mut doc = json!({
        "openapi": "3.2.0",
        "$self": "https://example.com/openapi",
        "info": { "title": "t", "version": "1" },
        "servers": [{ "url": "https://example.com", "name": "prod" }],
        "tags": [{ "name": "a", "summary": "A", "kind": "nav" }],
        "paths": { "/a/{id}": {
            "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
            "query": {
                "parameters": [
                    { "name": "q", "in": "querystring", "content": { "application/x-www-form-urlencoded": {
                        "schema": { "type": "object" },
                        "examples": { "one": { "dataValue": { "a": 1 }, "serializedValue": "a=1" } }
                    } } },
                    { "name": "c", "in": "cookie", "style": "cookie", "schema": { "type": "string" } }
                ],
                "responses": {
                    "200": { "summary": "Events", "content": { "text/event-stream": {
                        "itemSchema": { "properties": { "data": {
                            "contentMediaType": "application/json",
                            "contentSchema": { "$ref": "#/components/schemas/Chunk" }
                        } } }
                    } } },
                    "default": { "content": { "application/json": { "$ref": "#/components/mediaTypes/Error" } } }
                }
            },
            "additionalOperations": { "LINK": { "responses": { "204": {} } } }
        } },
        "components": {
            "schemas": {
                "Chunk": { "type": "object", "xml": { "nodeType": "element" } },
                "Pet": { "oneOf": [{ "$ref": "#/components/schemas/Chunk" }],
                         "discriminator": { "propertyName": "kind", "defaultMapping": "Chunk" } }
            },
            "mediaTypes": { "Error": { "schema": { "type": "object" } } },
            "securitySchemes": { "oauth": { "type": "oauth2", "deprecated": true,
                "oauth2MetadataUrl": "https://example.com/.well-known/oauth-authorization-server",
                "flows": { "deviceAuthorization": {
                    "deviceAuthorizationUrl": "https://example.com/device",
                    "tokenUrl": "https://example.com/token",
                    "scopes": {}
                } } } }
        }
    });
    let warnings = normalize(&mut doc).expect("normalises");
    assert_eq!(warnings, []);
    assert_readable_and_known(&doc);
    assert_eq!(crate::count_operations(&doc), 2);
}

#[test]
fn swagger_and_unknown_versions_are_rejected() {
    let err = normalize(&mut json!({ "swagger": "2.0" })).expect_err("swagger");
    assert!(err.message.contains("Swagger 2.0 is not supported"));
    let err = normalize(&mut json!({ "openapi": "4.0.0" })).expect_err("4.0");
    assert_eq!(err.pointer, "#/openapi");
    let err = normalize(&mut json!({ "title": "x" })).expect_err("not openapi");
    assert!(err.message.contains("not an OpenAPI document"));
}
