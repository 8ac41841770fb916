//! Every name a generated crate introduces itself, in one place: lowering reserves them so no operation, tag,
//! security scheme or schema of a spec can take one, and `generator/tests/crate_names.rs` holds emission to
//! them, so the lists cannot drift from what is written. Everything else generated code relies on (std, core,
//! serde, the runtime) it names by full paths, so user names cannot shadow it.

/// Methods of `Client`: its public API, the runtime's own (`execute`, `send`, `request`), and `clone` (from
/// `#[derive(Clone)]`, which an inherent method of that name would silently shadow).
pub const CLIENT_METHODS: &[&str] = &[
    "builder",
    "base_url",
    "with_timeout",
    "with_retry_policy",
    "with_max_answer_size",
    "execute",
    "execute_owned",
    "send",
    "open",
    "open_events",
    "attempts",
    "retry_policy",
    "max_answer_size",
    "request",
    "clone",
];

/// Methods of `ClientBuilder` other than the credential setters lowering names after the security schemes.
pub const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "timeout",
    "connect_timeout",
    "retry_policy",
    "user_agent",
    "max_answer_size",
    "http_client",
    "build",
    "default",
];

/// Modules of the crate besides the one per tag: the crate root, the runtime's and the types'.
pub const CRATE_MODULES: &[&str] = &[
    "lib",
    "client",
    "call",
    "answer",
    "whole_answer",
    "params",
    "tagged",
    "nulls",
    "file_part",
    "credentials",
    "error",
    "types",
    "retry",
    "pointer",
    "items",
    "pages",
    "links",
    "link_header",
    "streaming",
    "event_frames",
    "line_frames",
    "upload",
    "webhook_event",
    "webhook_signature",
    "webhooks",
];

/// Names no schema's type may take, because generated code uses them bare: the prelude's types and their
/// variants (written bare in signatures and fields, where `::core::option::Option<::std::string::String>`
/// would bury the type a reader looks for), and `Self`, which no item can be named.
pub const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self",
];
