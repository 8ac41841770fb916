//! The whole Crisp REST API v1, as the official Node SDK (npm `crisp-api`, pinned) reaches it: every row of
//! `spec/crisp-sdk-endpoints.tsv` (one per SDK method) must be an operation of the effective spec
//! (`generated-client/openapi.json`) with the same HTTP method, route and query parameters, and a method of
//! `crisp-client` named after the SDK's method. The table itself must be what `scripts/crisp-sdk-endpoints.mjs`
//! derives from the pinned SDK, so it cannot drift from its source.

use std::collections::BTreeSet;

use generator::ir::{Operation, ParamLocation};
use workspace_tests::{crisp_config, sdk, workspace_root};

/// SDK methods whose crate method has another name, and why.
const RENAMED: &[(&str, &str, &str)] = &[
    // The 14 operations of the upstream spec keep the names the crate has always had.
    ("WebsiteBase", "checkWebsiteExists", "check_website"),
    (
        "WebsiteBase",
        "abortWebsiteDeletion",
        "abort_delete_website",
    ),
    (
        "WebsiteConversation",
        "createNewConversation",
        "create_conversation",
    ),
    (
        "WebsiteConversation",
        "getMessagesInConversation",
        "list_conversation_messages",
    ),
    (
        "WebsiteConversation",
        "sendMessageInConversation",
        "send_conversation_message",
    ),
    (
        "WebsiteConversation",
        "changeConversationState",
        "update_conversation_state",
    ),
    (
        "WebsiteConversation",
        "assignConversationRouting",
        "update_conversation_routing",
    ),
    (
        "WebsiteConversation",
        "getConversationMetas",
        "get_conversation_meta",
    ),
    // Two SDK resources use one method name; the crate has one `Client`, so each says whose it is.
    (
        "PlanSubscription",
        "listAllActiveSubscriptions",
        "list_all_active_plan_subscriptions",
    ),
    (
        "PluginSubscription",
        "listAllActiveSubscriptions",
        "list_all_active_plugin_subscriptions",
    ),
    (
        "PluginConnect",
        "getConnectEndpoints",
        "get_plugin_connect_endpoints",
    ),
    (
        "WebsiteConnect",
        "getConnectEndpoints",
        "get_website_connect_endpoints",
    ),
];

/// One row of the table.
#[derive(Debug)]
struct Endpoint {
    resource: String,
    sdk_method: String,
    http_method: String,
    path: String,
    query: BTreeSet<String>,
}

fn table() -> Vec<Endpoint> {
    let text = std::fs::read_to_string(workspace_root().join("spec/crisp-sdk-endpoints.tsv"))
        .expect("spec/crisp-sdk-endpoints.tsv is readable");
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 5, "a row has five cells: {line:?}");
            Endpoint {
                resource: cells[0].to_string(),
                sdk_method: cells[1].to_string(),
                http_method: cells[2].to_string(),
                path: cells[3].to_string(),
                query: cells[4]
                    .split(',')
                    .filter(|name| !name.is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// A route with its parameters' names left out, since the SDK's variables and the spec's names differ:
/// `/website/{websiteID}` and `/website/{website_id}` are one route.
fn route(path: &str) -> String {
    let mut route = String::new();
    let mut in_parameter = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_parameter = true;
                route.push_str("{}");
            }
            '}' => in_parameter = false,
            c if !in_parameter => route.push(c),
            _ => {}
        }
    }
    route
}

/// The crate method an SDK method becomes.
fn crate_method(endpoint: &Endpoint) -> String {
    RENAMED
        .iter()
        .find(|(resource, method, _)| {
            *resource == endpoint.resource && *method == endpoint.sdk_method
        })
        .map_or_else(
            || generator::lower::snake_name(&endpoint.sdk_method, "operation"),
            |(_, _, renamed)| renamed.to_string(),
        )
}

#[test]
fn the_table_has_every_method_of_the_pinned_sdk() {
    let endpoints = table();
    assert_eq!(
        endpoints.len(),
        229,
        "crisp-api 11.3.0 has 229 methods in lib/resources"
    );
    let routes: BTreeSet<(String, String)> = endpoints
        .iter()
        .map(|e| (e.http_method.clone(), route(&e.path)))
        .collect();
    assert_eq!(routes.len(), 225, "four routes serve two SDK methods each");
}

#[test]
fn every_sdk_method_is_a_method_of_the_crate_on_its_route_with_its_query() {
    let generated = generator::generate(&crisp_config()).expect("the Crisp spec generates");
    let operations = &generated.api.operations;
    let mut problems = Vec::new();
    for endpoint in table() {
        let name = crate_method(&endpoint);
        let Some(op) = operations.iter().find(|op| op.rust_name == name) else {
            problems.push(format!(
                "{}.{}: no method `{name}`",
                endpoint.resource, endpoint.sdk_method
            ));
            continue;
        };
        if let Some(problem) = differs(&endpoint, op) {
            problems.push(format!(
                "{}.{} (`{name}`): {problem}",
                endpoint.resource, endpoint.sdk_method
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // No method of the crate is left over: each is an SDK method, a stream of one, or one of its twins.
    assert_eq!(operations.len(), 229, "one crate method per SDK method");
}

/// How the crate's operation differs from the SDK's endpoint, if it does.
fn differs(endpoint: &Endpoint, op: &Operation) -> Option<String> {
    if op.method.wire_name() != endpoint.http_method {
        return Some(format!(
            "sent as {} instead of {}",
            op.method.wire_name(),
            endpoint.http_method
        ));
    }
    if route(&op.path_template) != route(&endpoint.path) {
        return Some(format!(
            "route {} instead of {}",
            op.path_template, endpoint.path
        ));
    }
    let query: BTreeSet<String> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.wire_name.clone())
        .collect();
    (query != endpoint.query).then(|| format!("query {query:?} instead of {:?}", endpoint.query))
}

#[test]
fn the_effective_spec_has_every_route_with_its_query() {
    let text = std::fs::read_to_string(workspace_root().join("generated-client/openapi.json"))
        .expect("openapi.json is readable");
    let spec: serde_json::Value = serde_json::from_str(&text).expect("openapi.json is JSON");
    let paths = spec["paths"].as_object().expect("paths");
    for endpoint in table() {
        let method = endpoint.http_method.to_ascii_lowercase();
        let found = paths.iter().find_map(|(path, item)| {
            (route(path) == route(&endpoint.path)).then(|| (item, &item[&method]))
        });
        let Some((item, operation)) = found.filter(|(_, op)| op.is_object()) else {
            panic!(
                "{} {} is not in openapi.json",
                endpoint.http_method, endpoint.path
            );
        };
        let resolve = |param: &serde_json::Value| match param["$ref"].as_str() {
            Some(reference) => {
                let name = reference.trim_start_matches("#/components/parameters/");
                spec["components"]["parameters"][name].clone()
            }
            None => param.clone(),
        };
        let query: BTreeSet<String> = [&item["parameters"], &operation["parameters"]]
            .into_iter()
            .filter_map(serde_json::Value::as_array)
            .flatten()
            .map(resolve)
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str().map(str::to_string))
            .collect();
        assert_eq!(
            query, endpoint.query,
            "{} {}",
            endpoint.http_method, endpoint.path
        );
    }
}

#[test]
fn the_table_is_what_the_script_derives_from_the_pinned_sdk() {
    let derived = sdk::derived_endpoint_table().unwrap_or_else(|err| panic!("{err}"));
    let committed = std::fs::read_to_string(workspace_root().join("spec/crisp-sdk-endpoints.tsv"))
        .expect("spec/crisp-sdk-endpoints.tsv is readable");
    assert!(
        derived == committed,
        "spec/crisp-sdk-endpoints.tsv is not what scripts/crisp-sdk-endpoints.mjs derives from crisp-api {}; \
         see the script's head for how to refresh it",
        sdk::CRISP_API_VERSION
    );
}

#[test]
fn routes_ignore_parameter_names_only() {
    assert_eq!(
        route("/website/{websiteID}/people/{x}"),
        "/website/{}/people/{}"
    );
    assert_ne!(route("/website/{a}/people"), route("/website/{a}/person"));
}
