//! The intermediate model: plain data that holds every naming and typing decision about the client.
//! Lowering fills it from the spec; emission only spells it out. Everything is kept in spec order.

use serde::Serialize;

/// A whole client crate, ready to emit.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    /// Cargo package name, e.g. `crisp-client`.
    pub package_name: String,
    /// Library name as used in Rust paths, e.g. `crisp_client`.
    pub crate_name: String,
    /// `info.title` of the spec.
    pub title: String,
    /// `info.version` of the spec (the API's version, not the crate's).
    pub api_version: String,
    /// `info.description` of the spec.
    pub description: Option<String>,
    /// The first server URL of the spec, the client's default base URL.
    pub default_base_url: Option<String>,
    /// How callers authenticate, in spec order.
    pub security_schemes: Vec<SecurityScheme>,
    /// The spec's top-level security: alternatives, each a set of scheme indices that apply together.
    pub default_security: Vec<SecurityRequirement>,
    /// JSON pointer into an error body that names the error (the spec's `x-error-reason`), if declared.
    pub error_reason_pointer: Option<String>,
    /// The webhooks the API sends its users, when the spec declares them and where a request names its
    /// event (`webhooks`, or 3.0's `x-webhooks`, with `x-webhook-event`).
    pub webhooks: Option<Webhooks>,
    /// The example the crate page opens with (the spec's `x-rust-example`, Rust code that may use tokio's
    /// `#[tokio::main]`); one is made up from the first simple operation when the spec has none.
    pub example: Option<String>,
    /// Named types, in spec order.
    pub types: Vec<TypeDef>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// Operation modules (one per first tag), in order of first appearance.
    pub modules: Vec<Module>,
    /// What the operations and security schemes need from the runtime and from dependencies.
    pub needs: Needs,
    /// What of the spec the client does not keep: operations skipped, fields typed as any JSON.
    pub coverage: Coverage,
}

/// What of the spec the client does not keep, for the report at the end of a run (`lower/coverage.rs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// The operations skipped, by JSON pointer (a warning says why).
    pub skipped_operations: Vec<String>,
    /// Every struct field typed as any JSON (`serde_json::Value`), with why.
    pub untyped_fields: Vec<UntypedField>,
}

/// A struct field typed as any JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UntypedField {
    /// Where its schema is (JSON pointer).
    pub pointer: String,
    pub cause: Untyped,
}

/// Why a field is any JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Untyped {
    /// The spec leaves it free-form (`{}`, no `type`, `additionalProperties: true`): any JSON is right.
    FreeForm,
    /// The spec types it in a way the generator cannot express yet; the reason, as its warning gives it.
    Unsupported(String),
}

impl Coverage {
    /// Marks as unsupported each free-form field whose schema holds a pointer of `causes` (a place where the
    /// generator gave up typing, with why): the spec typed it, the generator could not.
    pub fn attribute<'c>(&mut self, causes: impl IntoIterator<Item = (&'c str, &'c str)> + Clone) {
        for field in &mut self.untyped_fields {
            if field.cause != Untyped::FreeForm {
                continue;
            }
            if let Some((_, why)) = causes
                .clone()
                .into_iter()
                .find(|(at, _)| at.starts_with(field.pointer.as_str()))
            {
                field.cause = Untyped::Unsupported(why.to_string());
            }
        }
    }

    /// How many untyped fields the spec leaves free-form, and how many the generator could not type.
    pub fn untyped_counts(&self) -> (usize, usize) {
        let free_form = self
            .untyped_fields
            .iter()
            .filter(|field| field.cause == Untyped::FreeForm)
            .count();
        (free_form, self.untyped_fields.len() - free_form)
    }

    /// The one-line report: `3 operations skipped, 12 fields untyped: 8 free-form in the spec, 4 unsupported
    /// (see warnings)`.
    pub fn summary(&self) -> String {
        let (free_form, unsupported) = self.untyped_counts();
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut line = format!(
            "{} skipped, {} untyped",
            plural(self.skipped_operations.len(), "operation", "operations"),
            plural(self.untyped_fields.len(), "field", "fields"),
        );
        if !self.untyped_fields.is_empty() {
            line.push_str(&format!(
                ": {free_form} free-form in the spec, {unsupported} unsupported"
            ));
        }
        if unsupported > 0 || !self.skipped_operations.is_empty() {
            line.push_str(" (see warnings)");
        }
        line
    }
}

/// What a crate's operations and security schemes need: the runtime pieces (each named by the `only_if`
/// markers of `generator/runtime/`) and the dependencies that come with them. A crate gets only these, so it
/// has no dead code and no unused dependency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct Needs {
    /// A path parameter written as a plain segment.
    pub path_segment: bool,
    /// A path parameter arranged by a style.
    pub styled_path: bool,
    /// Any parameter arranged by a style (path, header or cookie).
    pub styled: bool,
    /// A styled parameter whose value is an object.
    pub styled_object: bool,
    pub query: bool,
    /// A query parameter sent as JSON text.
    pub query_json: bool,
    /// A query parameter whose value is an object.
    pub query_object: bool,
    /// A path, header or cookie value sent as JSON text.
    pub json_text: bool,
    pub headers: bool,
    pub cookies: bool,
    pub json_body: bool,
    pub form_body: bool,
    /// A body sent as raw bytes or text.
    pub bytes_body: bool,
    pub multipart_body: bool,
    /// A multipart part sent as JSON.
    pub json_part: bool,
    /// A multipart file part (`FilePart`).
    pub file_parts: bool,
    /// A binary body (`Upload`), from memory or streamed.
    pub byte_uploads: bool,
    pub json_answer: bool,
    /// A method returning part of its answer (`x-unwrap`).
    pub json_at_answer: bool,
    /// A HEAD method answering whether a resource exists.
    pub exists: bool,
    /// A method whose answer has no body to decode.
    pub nothing: bool,
    pub text: bool,
    pub bytes_answer: bool,
    /// A listing paged by page number.
    pub numbered_pages: bool,
    /// A listing paged by offset.
    pub offset_pages: bool,
    /// A listing paged by a cursor read from its items.
    pub item_cursor_pages: bool,
    /// A listing paged by a cursor its answer holds.
    pub answer_cursor_pages: bool,
    /// A listing paged by links to the next page.
    pub link_pages: bool,
    /// A listing whose next page is named by the `Link` header.
    pub header_link_pages: bool,
    /// A listing whose next page is named in the body.
    pub body_link_pages: bool,
    /// A listing whose items are a part of what its method returns.
    pub items_within: bool,
    /// A security scheme sent as HTTP Basic authentication (base64).
    pub http_basic: bool,
    /// A discriminated union that writes its variants' tags (`lower/tags.rs`).
    pub implied_tags: bool,
    /// A method whose answer is read whole before it is decoded (every method but the event and line
    /// streams).
    pub whole_answers: bool,
    /// An answer of Server-Sent Events, read as it arrives.
    pub event_streams: bool,
    /// An event stream whose data is kept as text.
    pub text_events: bool,
    /// An answer of JSON Lines or JSON text sequences, read as it arrives.
    pub line_streams: bool,
    /// A binary answer that may be read as it arrives.
    pub byte_streams: bool,
    /// A method asks for its answer as a stream with `Accept` (`Operation::streamed_also`).
    pub accept_streams: bool,
    /// Webhooks named in the body.
    pub webhook_body_names: bool,
    /// Webhooks named by a header.
    pub webhook_header_names: bool,
    /// Webhooks signed (HMAC-SHA256).
    pub webhook_signature: bool,
    /// A type that may be read has a field whose `null` is kept apart from its absence (`Field::null_apart`).
    pub nulls_apart: bool,
}

impl Needs {
    /// Whether the runtime piece `name` is needed; `None` for a name that is not a piece.
    pub fn piece(&self, name: &str) -> Option<bool> {
        Some(match name {
            "path_segment" => self.path_segment,
            "styled_path" => self.styled_path,
            "styled" => self.styled,
            "styled_object" => self.styled_object,
            "query" => self.query,
            "query_json" => self.query_json,
            "query_object" => self.query_object,
            "json_text" => self.json_text,
            "headers" => self.headers,
            "cookies" => self.cookies,
            "json_body" => self.json_body,
            "form_body" => self.form_body,
            "bytes_body" => self.bytes_body,
            "multipart_body" => self.multipart_body,
            "json_part" => self.json_part,
            "file_parts" => self.file_parts,
            "byte_uploads" => self.byte_uploads,
            "json_answer" => self.json_answer,
            "json_at_answer" => self.json_at_answer,
            "exists" => self.exists,
            "nothing" => self.nothing,
            "text" => self.text,
            "bytes_answer" => self.bytes_answer,
            "pages" => self.pages(),
            "numbered_pages" => self.numbered_pages,
            "offset_pages" => self.offset_pages,
            "item_cursor_pages" => self.item_cursor_pages,
            "answer_cursor_pages" => self.answer_cursor_pages,
            "link_pages" => self.link_pages,
            "header_link_pages" => self.header_link_pages,
            "body_link_pages" => self.body_link_pages,
            "items_within" => self.items_within,
            "http_basic" => self.http_basic,
            "implied_tags" => self.implied_tags,
            "streaming" => self.streaming(),
            "whole_answers" => self.whole_answers,
            "event_streams" => self.event_streams,
            "text_events" => self.text_events,
            "line_streams" => self.line_streams,
            "byte_streams" => self.byte_streams,
            "webhooks" => self.webhook_body_names || self.webhook_header_names,
            "webhook_body_names" => self.webhook_body_names,
            "webhook_header_names" => self.webhook_header_names,
            "webhook_signature" => self.webhook_signature,
            "accept_streams" => self.accept_streams,
            "nulls_apart" => self.nulls_apart,
            _ => return None,
        })
    }

    /// Whether any listing is paged, which needs the `futures` crate.
    pub fn pages(&self) -> bool {
        self.numbered_pages
            || self.offset_pages
            || self.item_cursor_pages
            || self.answer_cursor_pages
            || self.link_pages
    }

    /// Whether some answer is read as it arrives.
    pub fn streaming(&self) -> bool {
        self.event_streams || self.line_streams || self.byte_streams
    }

    /// Whether some method returns a stream (`Items`).
    pub fn streams(&self) -> bool {
        self.pages() || self.streaming()
    }

    /// Whether the crate reads or writes streams (`Items`, `Upload::from_stream`), which needs the `futures`
    /// crate.
    pub fn futures(&self) -> bool {
        self.streams() || self.byte_uploads
    }

    /// Whether answers are decoded from JSON (whole, in part, or as pages), which tracks where a value
    /// failed with the `serde_path_to_error` crate.
    pub fn decodes_json(&self) -> bool {
        self.json_answer
            || self.json_at_answer
            || self.answer_cursor_pages
            || self.link_pages
            || self.items_within
            || self.event_streams
            || self.line_streams
            || self.webhook_body_names
            || self.webhook_header_names
    }

    /// Whether path segments are percent-encoded, which needs the `percent-encoding` crate.
    pub fn percent_encoding(&self) -> bool {
        self.path_segment || self.styled_path
    }
}

/// The requests an API makes to its users (webhooks), as one `Event` enum a service parses them into.
#[derive(Debug, Clone, Serialize)]
pub struct Webhooks {
    /// Where a request says which event it carries.
    pub event_at: EventAt,
    /// The events, in spec order (the order of `Event`'s variants).
    pub hooks: Vec<Webhook>,
    /// Indexes into `hooks` in the order `parse` tries them: an event with its action before the same event
    /// without one, which would otherwise match it first.
    pub match_order: Vec<usize>,
    /// How the API signs its requests (`x-webhook-signature`), if the spec says.
    pub signature: Option<Signature>,
}

/// An HMAC-SHA256 signature scheme: what is signed, where the signature and its timestamp are, how written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// The header holding the signature(s).
    pub header: String,
    /// What is signed, in order.
    pub signed: Vec<SignedPiece>,
    /// The header holding the signed timestamp, checked for age, and its unit.
    pub timestamp: Option<(String, TimestampUnit)>,
    pub encoding: SignatureEncoding,
    /// Written before each signature (`sha256=`, `v1,`).
    pub prefix: String,
    /// Whether the header may hold several signatures, separated by spaces (any may match).
    pub several: bool,
    /// How the signing secret becomes the HMAC key.
    pub key: SecretForm,
}

/// How a webhook signing secret becomes the HMAC key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SecretForm {
    /// Its bytes, as given.
    Raw,
    /// Standard base64, after this prefix when the secret has it (Standard Webhooks' `whsec_`).
    Base64 { prefix: String },
}

/// A part of what is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SignedPiece {
    Text(String),
    Body,
    Timestamp,
    Header(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TimestampUnit {
    Seconds,
    Milliseconds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SignatureEncoding {
    Hex,
    Base64,
}

/// Where a webhook request names its event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EventAt {
    /// A string in the JSON body at this pointer (Crisp: `/event`).
    Body { pointer: String },
    /// A header (GitHub: `X-GitHub-Event`), with the body's pointer to an action that splits an event into
    /// several (GitHub: `/action`), if declared.
    Header {
        name: String,
        action: Option<String>,
    },
}

/// One event.
#[derive(Debug, Clone, Serialize)]
pub struct Webhook {
    /// The event's name as sent (`message:send`, `issues`).
    pub name: String,
    /// The action that, with the name, identifies the event (`opened`), when the API splits events so.
    pub action: Option<String>,
    /// The `Event` variant.
    pub variant: String,
    /// The type of the request's body.
    pub payload: TypeRef,
    pub docs: Docs,
}

/// A source module grouping operations that share their first tag.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// Rust module name.
    pub name: String,
    /// The tag it came from, and its summary (OpenAPI 3.2's tag `summary`, its `x-summary` once normalised)
    /// and description, for the module docs.
    pub tag: String,
    pub summary: Option<String>,
    pub description: Option<String>,
}

/// One way to authenticate, as declared in `components.securitySchemes`.
#[derive(Debug, Clone, Serialize)]
pub struct SecurityScheme {
    /// The key in `components.securitySchemes`.
    pub spec_name: String,
    /// The `ClientBuilder` method that sets it, and the `Scheme` variant naming it.
    pub setter: String,
    pub variant: String,
    /// Field in the generated credentials struct.
    pub field: String,
    /// The credentials field holding the prepared `Authorization` header, for HTTP Basic and bearer schemes:
    /// they are encoded once when the client is built, not on every request.
    pub authorization_field: Option<String>,
    pub docs: Option<String>,
    pub kind: SecurityKind,
}

/// What a security scheme sends with each request.
#[derive(Debug, Clone, Serialize)]
pub enum SecurityKind {
    /// `Authorization: Basic base64(username:password)`.
    HttpBasic,
    /// `Authorization: Bearer <token>`; OAuth 2 and OpenID Connect tokens are sent this way too.
    Bearer,
    /// A key sent in a header, query parameter or cookie; `values` names a closed enum of allowed values.
    ApiKey {
        location: ApiKeyLocation,
        name: String,
        values: Option<String>,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// Schemes (indices into `Api::security_schemes`) that must all be sent together; empty means anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityRequirement(pub Vec<usize>);

/// One API operation, lowered to one client method.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// `operationId`, or the name derived from method and path when the spec has none.
    pub spec_id: String,
    /// The method name on `Client`.
    pub rust_name: String,
    /// Index into `Api::modules`.
    pub module: usize,
    pub method: HttpMethod,
    /// The path template as written in the spec, e.g. `/website/{website_id}`.
    pub path_template: String,
    /// The template split into literal text and parameters (indices into `params`).
    pub path: Vec<PathSegment>,
    pub docs: Docs,
    /// Path, query, header and cookie parameters, path parameters first in template order.
    pub params: Vec<Parameter>,
    /// The arguments of the operation's methods, in order: its required parameters, its body, its options.
    pub arguments: Vec<Argument>,
    /// Name of the struct gathering the optional parameters, if there are any.
    pub options_struct: Option<String>,
    /// The method that also returns status and headers (`<name>_with_response`).
    pub with_response_name: String,
    /// The private function that builds the operation's request, which both methods send.
    pub request_name: String,
    /// How the operation pages, when the spec says it does (`x-pagination`).
    pub pagination: Option<Pagination>,
    /// The method that reads a binary answer as it arrives (`<name>_stream`), when the answer is binary.
    pub byte_stream_name: Option<String>,
    /// The method that asks for the answer as a stream, when the operation's success answer may come both
    /// whole and as a stream (`application/json` and `text/event-stream`, as chat-completion APIs declare).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub streamed_also: Option<StreamedAlso>,
    /// The enum of typed error bodies, when the operation declares any.
    pub error_type: Option<String>,
    pub body: Option<RequestBody>,
    /// Every declared response, in spec order.
    pub responses: Vec<Response>,
    /// What the method returns on success.
    pub returns: Returns,
    /// Security alternatives for this operation.
    pub security: Vec<SecurityRequirement>,
}

impl Operation {
    /// What the operation's methods return on success: the main method's answer, then the streamed one.
    pub fn answers(&self) -> impl Iterator<Item = &Returns> {
        std::iter::once(&self.returns).chain(self.streamed_also.as_ref().map(|also| &also.returns))
    }
}

/// The method that asks for an operation's answer as a stream (`Accept`), beside the methods that read it
/// whole.
#[derive(Debug, Clone, Serialize)]
pub struct StreamedAlso {
    /// `<name>_events` for an event stream, `<name>_lines` for JSON Lines or a JSON text sequence.
    pub name: String,
    /// The media type it asks for.
    pub media_type: String,
    /// `Returns::Events` or `Returns::Lines`.
    pub returns: Returns,
}

/// One argument of an operation's methods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Argument {
    pub rust_name: String,
    pub ty: ArgumentType,
    /// What it carries.
    pub carries: Carries,
}

/// How a method takes an argument: borrowed where the request only reads it (so a caller keeps its values),
/// by value where it is consumed or costs nothing to copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ArgumentType {
    /// By value: numbers, booleans, raw bytes, a multipart body (its parts move into the form).
    Owned(TypeRef),
    /// By reference: `&str` for a string, `&[T]` for a list, `&T` for anything else.
    Borrowed(TypeRef),
    /// An optional body: `None` sends none.
    Optional(Box<ArgumentType>),
}

/// What an argument of an operation's methods carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Carries {
    /// The required parameter `params[index]`.
    Param(usize),
    Body,
    /// The struct of the optional parameters.
    Options,
}

/// Summary and description from the spec.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Docs {
    pub summary: Option<String>,
    pub description: Option<String>,
}

/// HTTP methods OpenAPI can describe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    /// Any other method, by its token as HTTP spells it: OpenAPI 3.2's `query` operation (`QUERY`) and its
    /// `additionalOperations` (`PURGE`, `COPY`, ...).
    Other(String),
}

impl HttpMethod {
    /// The method as the spec spells it (lower case for the fixed methods of a path item).
    pub fn spec_name(&self) -> &str {
        match self {
            Self::Get => "get",
            Self::Put => "put",
            Self::Post => "post",
            Self::Delete => "delete",
            Self::Options => "options",
            Self::Head => "head",
            Self::Patch => "patch",
            Self::Trace => "trace",
            Self::Other(token) => token,
        }
    }

    /// The method as HTTP spells it (upper case for the fixed methods).
    pub fn wire_name(&self) -> &str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Head => "HEAD",
            Self::Patch => "PATCH",
            Self::Trace => "TRACE",
            Self::Other(token) => token,
        }
    }

    /// Whether `token` can name an HTTP method (RFC 9110 `token`: letters, digits and
    /// ``!#$%&'*+-.^_`|~``), as 3.2's `additionalOperations` keys must.
    pub fn is_token(token: &str) -> bool {
        !token.is_empty()
            && token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    }

    /// Whether sending the request twice has the effect of sending it once (RFC 9110 idempotent methods):
    /// the runtime's retry policy repeats only these unprompted, and resumes only their event streams.
    pub fn may_repeat(&self) -> bool {
        match self {
            Self::Get | Self::Head | Self::Put | Self::Delete | Self::Options | Self::Trace => true,
            // QUERY is safe and idempotent (draft-ietf-httpbis-safe-method-w-body); others are unknown.
            Self::Other(token) => token == "QUERY",
            Self::Post | Self::Patch => false,
        }
    }

    /// Every method, for parsing.
    pub const ALL: [HttpMethod; 8] = [
        Self::Get,
        Self::Put,
        Self::Post,
        Self::Delete,
        Self::Options,
        Self::Head,
        Self::Patch,
        Self::Trace,
    ];
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathSegment {
    Literal(String),
    /// Index into the operation's `params`.
    Param(usize),
}

/// A paged listing, streamed item by item by a companion method.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// The companion method's name (`<name>_stream`).
    pub stream_name: String,
    /// The type of one item (the answer is a list of them).
    pub item: TypeRef,
    /// Where the list is in the answer (a JSON pointer; empty for the whole body).
    pub items_at: String,
    /// Whether the list is a part of what the method returns (`x-pagination.items`), so the stream decodes
    /// the answers itself rather than calling the method.
    pub items_within: bool,
    /// How the next page is asked for.
    pub pages: Pages,
}

/// How a listing is paged. Every shape streams until an empty page, a page with no next one, or a next
/// page that would be the same as the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Pages {
    /// By a page number in the integer parameter `params[param]`, counting up from `first` (or from the page
    /// the options ask for, when the parameter is optional).
    Numbered { param: usize, first: i64 },
    /// By the integer parameter `params[param]` counting the items before the page (offset/limit), from 0 or
    /// the options' offset.
    Offset { param: usize },
    /// By a cursor read from a field of the page's items.
    Cursor(CursorPages),
    /// By a cursor the answer holds at `pointer` (a JSON pointer), sent back in the optional parameter
    /// `params[param]`; a missing, null or empty cursor ends the listing.
    AnswerCursor { param: usize, pointer: String },
    /// By the URL of the next page, which the client follows as it is (within its base URL). The stream's
    /// fetch names that URL `binding`, a name none of the method's arguments has.
    Link { from: LinkFrom, binding: String },
}

/// Where an answer gives the URL of the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LinkFrom {
    /// The `Link` header's `rel="next"` (RFC 8288), as GitHub sends it.
    Header,
    /// A string in the body at this JSON pointer.
    Body(String),
}

/// A listing paged by a cursor: the optional parameter `params[param]` carries the value of `field` (a Rust
/// field name of the item struct) of the item `pick` chooses in the page before, until an empty page or a
/// cursor that does not move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CursorPages {
    pub param: usize,
    pub field: String,
    /// Whether the field is an `Option`.
    pub field_optional: bool,
    pub pick: CursorPick,
    /// The cursor's type (the field's, without `Option`).
    pub ty: TypeRef,
}

/// Which item of a page gives the next cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CursorPick {
    First,
    Last,
    /// The item with the smallest value (a listing that pages backwards in time, whatever its order).
    Min,
    /// The item with the largest value.
    Max,
}

/// One parameter of an operation.
#[derive(Debug, Clone, Serialize)]
pub struct Parameter {
    /// The name on the wire.
    pub wire_name: String,
    /// The Rust argument or field name.
    pub rust_name: String,
    pub location: ParamLocation,
    /// Required parameters are method arguments; optional ones are fields of the options struct.
    pub required: bool,
    pub ty: TypeRef,
    /// How the value is written into the query string or header.
    pub encoding: ParamEncoding,
    pub docs: Option<String>,
}

/// How a parameter value becomes text on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParamEncoding {
    /// Its `Display` form (strings, numbers, booleans, enums).
    Display,
    /// A list, one `name=value` pair per item (form style, exploded).
    EachDisplay,
    /// A list in one pair, items joined by the delimiter (form `,`, `spaceDelimited`, `pipeDelimited`).
    Joined(char),
    /// An object, one `property=value` pair per property (form style, exploded).
    ObjectExploded,
    /// An object in one pair: `name=p1,v1,p2,v2` (form style, not exploded).
    ObjectJoined,
    /// An object as `name[property]=value` pairs.
    DeepObject,
    /// JSON text, for values with no simpler form.
    Json,
    /// A path, header or cookie value arranged by an RFC 6570 style (`simple`, `label`, `matrix`).
    Styled {
        shape: ValueShape,
        style: TextStyle,
        explode: bool,
    },
}

/// What a parameter value is made of, which decides how a style arranges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ValueShape {
    Scalar,
    List,
    Object,
}

/// The RFC 6570 styles OpenAPI allows outside the query (cookies use `simple` spelling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TextStyle {
    /// `a,b,c`; objects `k,v,k2,v2` or, exploded, `k=v,k2=v2`.
    Simple,
    /// A leading `.`: `.a,b` or, exploded, `.a.b`.
    Label,
    /// `;name=a,b` or, exploded, `;name=a;name=b`; objects exploded are `;k=v;k2=v2`.
    Matrix,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// The request body of an operation.
#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
}

/// How a body is put on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum BodyEncoding {
    /// Serialised with serde_json.
    Json,
    /// `application/x-www-form-urlencoded`, serialised with serde_urlencoded (flat objects).
    Form,
    /// `multipart/form-data` from a struct: one part (or one per item) per field.
    Multipart(MultipartForm),
    /// Text (`text/*`), sent as given.
    Text,
    /// Sent as the bytes given, under the declared media type.
    Bytes,
}

/// How the fields of a multipart body struct become parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MultipartForm {
    pub parts: Vec<MultipartPart>,
    /// The struct's map of undeclared properties, each entry a part named by its key (`wire_name` is unused).
    pub extra: Option<MultipartPart>,
}

/// One field of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MultipartPart {
    pub wire_name: String,
    pub rust_name: String,
    /// The field is an `Option`; when absent no part is sent.
    pub optional: bool,
    /// The field is a list; each item is a part of its own, under the same name.
    pub list: bool,
    pub encoding: PartEncoding,
}

/// What one part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PartEncoding {
    /// Bytes, sent as a file part named after the field.
    File,
    /// A string, sent as text.
    Text,
    /// A number, boolean or enum, sent as its `Display` text.
    Display,
    /// Anything else, sent as `application/json`.
    Json,
}

/// One declared response.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub status: StatusMatch,
    pub description: String,
    /// The chosen media type and its Rust type, when the response declares content.
    pub body: Option<ResponseBody>,
}

/// The status codes a response describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StatusMatch {
    Code(u16),
    /// `2XX` and the like; the digit is the class.
    Class(u8),
    Default,
}

/// A decoded response body.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseBody {
    pub media_type: String,
    /// The body's type; for a sequence, the type of one item.
    pub ty: TypeRef,
    /// The body is a sequence of items read as they arrive.
    pub sequence: Option<Sequence>,
}

/// What a method yields on success.
#[derive(Debug, Clone, Serialize)]
pub enum Returns {
    /// Nothing is decoded (no content, e.g. 204).
    Nothing,
    /// HEAD: whether the resource exists (2xx is true, 404 is false).
    Exists,
    /// A JSON body decoded into this type; an empty body decodes as JSON `null`.
    Json(TypeRef),
    /// The part of a JSON body at `pointer` (the spec's `x-unwrap`), decoded into `ty`; a missing or null part
    /// decodes from `empty`.
    JsonAt {
        ty: TypeRef,
        pointer: String,
        empty: EmptyAnswer,
    },
    /// A textual body.
    Text,
    /// Raw bytes.
    Bytes,
    /// Server-Sent Events, read as they arrive, each event's data decoded into `data` (`String`: kept as
    /// text), up to an event whose data is `sentinel`. With `by_name`, `data` is a
    /// [`TypeKind::EventData`], which decodes each event's data as its `event` name says.
    Events {
        data: TypeRef,
        sentinel: Option<String>,
        #[serde(skip_serializing_if = "is_false")]
        by_name: bool,
    },
    /// JSON texts, one per line or record, read as they arrive, each decoded into `item`.
    Lines { item: TypeRef, framing: LineFraming },
}

/// How the JSON texts of a streaming answer are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LineFraming {
    /// One per line (`application/jsonl`, `application/x-ndjson`).
    Lines,
    /// Each after an ASCII record separator (`application/json-seq`, RFC 7464).
    RecordSeparated,
}

/// A media type whose answer is a sequence of items read as they arrive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Sequence {
    /// Server-Sent Events (`text/event-stream`), ending at an event whose data is `sentinel`.
    Events {
        sentinel: Option<String>,
    },
    Lines(LineFraming),
}

/// The JSON an absent unwrapped part stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EmptyAnswer {
    Null,
    Array,
    Object,
}

/// The kind of the generated type `ty` names, if it names one.
pub fn named_kind<'a>(types: &'a [TypeDef], ty: &TypeRef) -> Option<&'a TypeKind> {
    let TypeRef::Named(name) = ty else {
        return None;
    };
    types.iter().find(|t| &t.name == name).map(|t| &t.kind)
}

/// `ty` with every alias it names replaced by what the alias stands for, through chains of aliases and inside
/// lists, maps and options: a parameter typed `$ref: Name` where `Name` is a constrained string is a string.
/// A chain longer than any real spec's (a cycle) is left as it is.
pub fn without_aliases(ty: &TypeRef, types: &[TypeDef]) -> TypeRef {
    fn resolve(ty: &TypeRef, types: &[TypeDef], depth: usize) -> TypeRef {
        match ty {
            TypeRef::Named(_) if depth < 64 => match named_kind(types, ty) {
                Some(TypeKind::Alias { target }) => resolve(target, types, depth + 1),
                _ => ty.clone(),
            },
            TypeRef::Vec(inner) => TypeRef::Vec(Box::new(resolve(inner, types, depth))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(resolve(inner, types, depth))),
            TypeRef::Option(inner) => TypeRef::Option(Box::new(resolve(inner, types, depth))),
            ty => ty.clone(),
        }
    }
    resolve(ty, types, 0)
}

/// Values with a one-line text form on the wire (`Display`): numbers, booleans, strings and enums.
pub fn is_scalar(ty: &TypeRef, types: &[TypeDef]) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::Bool
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::U64
        | TypeRef::F32
        | TypeRef::F64 => true,
        ty => matches!(
            named_kind(types, ty),
            Some(TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. })
        ),
    }
}

/// Whether `ty` is a struct the generator defined.
pub fn is_struct(ty: &TypeRef, types: &[TypeDef]) -> bool {
    matches!(named_kind(types, ty), Some(TypeKind::Struct { .. }))
}

/// A Rust type as used in a signature or field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U64,
    F32,
    F64,
    /// Raw bytes (`Vec<u8>`).
    Bytes,
    /// A file sent in a multipart body: bytes with a file name and content type (`crate::FilePart`).
    File,
    /// A binary request body, in memory or streamed (`crate::Upload`).
    Upload,
    /// Any JSON (`serde_json::Value`).
    Json,
    /// A generated type, by its Rust name.
    Named(String),
    Vec(Box<TypeRef>),
    /// A map with string keys.
    Map(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// Heap-allocated, where a type contains itself (directly or through others).
    Boxed(Box<TypeRef>),
}

impl TypeRef {
    /// The generated type this reference names, through lists, maps, options and boxes (each wraps one type,
    /// so there is at most one).
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Vec(inner)
            | TypeRef::Map(inner)
            | TypeRef::Option(inner)
            | TypeRef::Boxed(inner) => inner.named(),
            _ => None,
        }
    }
}

/// A named type emitted into `types.rs`.
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub name: String,
    pub docs: Option<String>,
    /// Where in the spec it comes from (JSON pointer).
    pub origin: String,
    pub kind: TypeKind,
    /// Which way its values travel, so it derives only the serde traits it needs (`lower/directions.rs`).
    pub travel: Travel,
    /// The traits it derives beyond `Debug`, `Clone` and `PartialEq` (`lower/derives.rs`).
    pub derives: Derives,
}

/// What a type derives besides `Debug`, `Clone` and `PartialEq`, decided once its direction is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Derives {
    /// `Default`: a struct whose fields are all optional, which callers build with `..Default::default()`.
    pub default: bool,
    /// `Serialize` without the `full-serde` feature (with it, every type derives it).
    pub serialize: bool,
    /// `Deserialize` without the `full-serde` feature (with it, every type derives it).
    pub deserialize: bool,
}

/// Whether a type's values are sent in requests, received in answers, or both. serde's derives are most of
/// what rustc spends on a large generated crate, so a type derives `Serialize` only when it is sent and
/// `Deserialize` only when it is received; the crate's `full-serde` feature derives both everywhere. Each
/// flag holds for everything a type contains, so a derive never needs a trait its fields lack.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Travel {
    /// A request carries it.
    pub sent: bool,
    /// An answer carries it, or no operation uses it: a schema such as one of GitHub's 2,000 webhook payloads
    /// is something the application reads.
    pub received: bool,
    /// No operation uses it, even through another type. Such types are compiled only with the crate's
    /// `all-schemas` feature: in GitHub's spec they are 3,500 of 5,700 types and three quarters of the fields.
    pub unused: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone, Serialize)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// Where the schema allows properties beyond the declared ones (`additionalProperties`), a map that
        /// collects them (`#[serde(flatten)]`).
        extra: Option<ExtraProperties>,
    },
    /// An integer enumeration; unknown values decode into `Other(i64)`.
    IntegerEnum { variants: Vec<IntegerVariant> },
    /// A string enumeration. `open` enums keep unknown values in an `Other(String)` variant, so a server
    /// adding a value does not break decoding.
    StringEnum { variants: Vec<Variant>, open: bool },
    /// A name for another type (`pub type Name = ...;`).
    Alias { target: TypeRef },
    /// A type of its own that wraps another and travels as it (`pub struct Name(pub T);`, serde transparent):
    /// what an alias becomes when aliases refer to each other in a cycle, which Rust cannot expand.
    Newtype { target: TypeRef },
    /// One of several shapes (`oneOf`/`anyOf`). With a discriminator the property's value picks the variant;
    /// without one, the first variant the value decodes as wins. An `open` union (one that answers carry) keeps
    /// a value with a tag it does not know, or that matches no alternative, in an `Other` variant, as JSON, so
    /// a server adding a kind of value does not break decoding.
    Union {
        variants: Vec<UnionVariant>,
        discriminator: Option<String>,
        /// The index in `variants` of the variant a value decodes as when its tag is missing or selects no
        /// variant (the discriminator's `defaultMapping`, `x-default-mapping` once normalised); only with a
        /// `discriminator`. A value that does not have its shape is still `Other` in an open union.
        #[serde(skip_serializing_if = "Option::is_none")]
        default_variant: Option<usize>,
        open: bool,
    },
    /// The typed error bodies of one operation (`operation` is its spec id), by status. `untyped` lists the
    /// error statuses it declares without a typed body, so they are not mistaken for `default`.
    StatusBodies {
        operation: String,
        variants: Vec<StatusVariant>,
        untyped: Vec<StatusMatch>,
    },
    /// The optional parameters of one operation, every field an `Option`, with `Default`.
    Options { fields: Vec<Field> },
    /// The data of an event stream's events, told apart by their `event` field, each name with a data type
    /// of its own (`x-event-data`); an event of another name is kept, its data as text, in `Other`.
    EventData { variants: Vec<EventVariant> },
}

/// One named event of an [`TypeKind::EventData`].
#[derive(Debug, Clone, Serialize)]
pub struct EventVariant {
    /// The `event` field that names it.
    pub event: String,
    pub rust_name: String,
    /// Its data's type: a JSON type, or `String` for text.
    pub ty: TypeRef,
}

impl TypeKind {
    /// The types this type's values contain (its fields, variants, alias target or map values).
    pub fn contained(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct { fields, extra } => fields
                .iter()
                .map(|f| &f.ty)
                .chain(extra.as_ref().map(|extra| &extra.value))
                .collect(),
            TypeKind::Options { fields } => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Alias { target } | TypeKind::Newtype { target } => vec![target],
            TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::StatusBodies { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::EventData { variants } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
        }
    }
}

/// One alternative of a union.
#[derive(Debug, Clone, Serialize)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects it, when the union has a discriminator. The union's default
    /// variant has one only where the mapping names it: being the default implies no tag of its own name.
    pub tag: Option<String>,
    /// The variant's type has no field for the tag (`lower/tags.rs` took it out, since the variant decides
    /// it): the union writes the tag when it serialises the variant.
    pub tag_implied: bool,
    /// The union converts from the variant's type (`From<TextMessage> for NewMessage`): no other variant has
    /// that type, aliases resolved.
    pub converts: bool,
}

/// A struct field.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    /// The full Rust type, `Option` included when the field may be absent or null.
    pub ty: TypeRef,
    /// Whether the field may be left out when serialising (not required).
    pub optional: bool,
    /// The field is a union whose properties sit beside the struct's own (`#[serde(flatten)]`); its
    /// `wire_name` is empty.
    pub flatten: bool,
    /// The schema allows `null`. (Like `null_apart`, left out of the IR snapshots when false, as most are.)
    #[serde(skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// `null` is a value of its own, apart from leaving the field out: the field is `Option<Option<T>>`,
    /// `Some(None)` being `null` (`lower/nulls.rs` decides which fields).
    #[serde(skip_serializing_if = "is_false")]
    pub null_apart: bool,
    pub docs: Option<String>,
}

/// One status of an operation's error bodies.
#[derive(Debug, Clone, Serialize)]
pub struct StatusVariant {
    pub rust_name: String,
    pub status: StatusMatch,
    pub ty: TypeRef,
    /// The response's description.
    pub docs: String,
}

/// The map field that keeps a struct's undeclared properties.
#[derive(Debug, Clone, Serialize)]
pub struct ExtraProperties {
    pub rust_name: String,
    /// The type of each extra property's value.
    pub value: TypeRef,
}

/// A variant of an integer enum.
#[derive(Debug, Clone, Serialize)]
pub struct IntegerVariant {
    pub rust_name: String,
    pub value: i64,
}

/// An enum variant.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    pub rust_name: String,
    pub wire_value: String,
    pub docs: Option<String>,
}

/// For `skip_serializing_if`: a flag that is rarely set shows in the IR snapshots only where it is.
fn is_false(flag: &bool) -> bool {
    !flag
}
