//! Operation lowering: one `ir::Operation` per path and method, with its Rust name, parameters, body,
//! responses and what the method returns. Operations the generator cannot express are skipped with a warning
//! naming their JSON pointer, so the rest of the client is still generated.

use indexmap::IndexMap;
use openapiv3::{
    MediaType, OpenAPI, Operation as SpecOperation, Parameter as SpecParameter,
    ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    RequestBody as SpecBody, Response as SpecResponse, StatusCode,
};
use serde_json::Value;

use super::names::{camel_name, snake_name, suffixed, Scope};
use super::security::lower_requirements;
use super::types::{unescape, TypeLowering};
use crate::crate_names;
use crate::error::{pointer_push, Warning};
use crate::ir::{is_scalar, is_struct, without_aliases, MultipartForm};
use crate::ir::{
    BodyEncoding, Docs, EventVariant, Field, HttpMethod, Module, Operation, Pagination,
    ParamEncoding, ParamLocation, Parameter, PathSegment, RequestBody, Response, ResponseBody,
    Returns, SecurityRequirement, SecurityScheme, Sequence, StatusMatch, StreamedAlso, TextStyle,
    TypeDef, TypeKind, TypeRef, ValueShape,
};

/// Everything operation lowering reads and writes.
pub struct OperationLowering<'s, 't> {
    pub spec: &'s OpenAPI,
    /// The normalised document, for what `openapiv3` forgets (the order of methods within a path).
    pub raw: &'s Value,
    pub types: &'t mut TypeLowering<'s>,
    pub schemes: &'t [SecurityScheme],
    pub default_security: &'t [SecurityRequirement],
    pub warnings: Vec<Warning>,
    /// The operations skipped, by pointer, for the report (their warnings say why).
    pub skipped: Vec<String>,
    /// The spec's `x-unwrap` pointer: methods return that part of their answers.
    pub unwrap: Option<String>,
    methods: Scope,
    module_names: Scope,
    modules: IndexMap<String, usize>,
    pub module_list: Vec<Module>,
}

impl<'s, 't> OperationLowering<'s, 't> {
    pub fn new(
        spec: &'s OpenAPI,
        raw: &'s Value,
        types: &'t mut TypeLowering<'s>,
        schemes: &'t [SecurityScheme],
        default_security: &'t [SecurityRequirement],
    ) -> Self {
        Self {
            spec,
            raw,
            types,
            schemes,
            default_security,
            warnings: Vec::new(),
            skipped: Vec::new(),
            unwrap: None,
            methods: Scope::with_reserved(crate_names::CLIENT_METHODS),
            module_names: Scope::with_reserved(crate_names::CRATE_MODULES),
            modules: IndexMap::new(),
            module_list: Vec::new(),
        }
    }

    /// Lowers every operation of every path, in spec order.
    pub fn lower_all(&mut self) -> Vec<Operation> {
        let mut operations = Vec::new();
        for (path, item) in &self.spec.paths.paths {
            let at = pointer_push("#/paths", path);
            let ReferenceOr::Item(item) = item else {
                self.warn(
                    &at,
                    "a `$ref` path item is not supported; its operations are skipped",
                );
                self.skipped.push(at);
                continue;
            };
            let additional = self.additional_operations(item, &at);
            let fixed = self.methods_in_spec_order(path, item);
            let fixed = fixed
                .into_iter()
                .map(|(method, op)| (pointer_push(&at, method.spec_name()), method, op));
            for (op_at, method, operation) in fixed.chain(
                additional
                    .iter()
                    .map(|(op_at, method, op)| (op_at.clone(), method.clone(), op)),
            ) {
                for (variant, variant_at) in
                    super::methods::method_variants(operation, &op_at, &mut self.warnings)
                {
                    match self.lower_operation(path, &method, item, &variant, &variant_at) {
                        Ok(op) => operations.push(op),
                        Err(message) => {
                            self.warn(&variant_at, &format!("{message}; operation skipped"));
                            self.skipped.push(variant_at);
                        }
                    }
                }
            }
        }
        operations
    }

    fn methods_in_spec_order<'i>(
        &self,
        path: &str,
        item: &'i PathItem,
    ) -> Vec<(HttpMethod, &'i SpecOperation)> {
        let by_method = |method: &HttpMethod| match method {
            HttpMethod::Get => item.get.as_ref(),
            HttpMethod::Put => item.put.as_ref(),
            HttpMethod::Post => item.post.as_ref(),
            HttpMethod::Delete => item.delete.as_ref(),
            HttpMethod::Options => item.options.as_ref(),
            HttpMethod::Head => item.head.as_ref(),
            HttpMethod::Patch => item.patch.as_ref(),
            HttpMethod::Trace => item.trace.as_ref(),
            HttpMethod::Other(_) => None,
        };
        let written: Vec<HttpMethod> = self.raw["paths"][path]
            .as_object()
            .into_iter()
            .flat_map(|item| item.keys())
            .filter_map(|key| HttpMethod::ALL.into_iter().find(|m| m.spec_name() == key))
            .collect();
        let order = if written.is_empty() {
            HttpMethod::ALL.to_vec()
        } else {
            written
        };
        order
            .into_iter()
            .filter_map(|m| by_method(&m).map(|op| (m, op)))
            .collect()
    }

    /// The operations of methods a path item has no field for (OpenAPI 3.2's `query` and
    /// `additionalOperations`, which normalisation gathers in `x-additional-operations`), with their pointers;
    /// one that is no operation, or whose method is no HTTP token, is skipped with a warning.
    fn additional_operations(
        &mut self,
        item: &PathItem,
        at: &str,
    ) -> Vec<(String, HttpMethod, SpecOperation)> {
        let Some(declared) = item.extensions.get("x-additional-operations") else {
            return Vec::new();
        };
        let at = pointer_push(at, "x-additional-operations");
        let Some(declared) = declared.as_object() else {
            self.warn(&at, "`x-additional-operations` is not a mapping; ignored");
            return Vec::new();
        };
        let mut found = Vec::new();
        for (token, value) in declared {
            let op_at = pointer_push(&at, token);
            if !HttpMethod::is_token(token) {
                self.warn(&op_at, "not an HTTP method name; operation skipped");
                self.skipped.push(op_at);
                continue;
            }
            match serde_json::from_value::<SpecOperation>(value.clone()) {
                Ok(op) => found.push((op_at, HttpMethod::Other(token.clone()), op)),
                Err(err) => {
                    self.warn(
                        &op_at,
                        &format!("not an operation ({err}); operation skipped"),
                    );
                    self.skipped.push(op_at);
                }
            }
        }
        found
    }

    /// One operation, each decision made by a function of its own: names, parameters in argument order, the
    /// path, the body, the answer, paging, typed errors, security, and the methods' arguments.
    fn lower_operation(
        &mut self,
        path: &str,
        method: &HttpMethod,
        item: &PathItem,
        op: &SpecOperation,
        at: &str,
    ) -> Result<Operation, String> {
        let spec_id = op
            .operation_id
            .clone()
            .unwrap_or_else(|| derived_id(method, path));
        let type_hint = camel_name(&spec_id, "Operation");
        let (template, path_names) = parse_template(path)?;
        let rust_name = self.method_name(&spec_id, at);
        let with_response_name = self.methods.claim(suffixed(&rust_name, "with_response"));
        let request_name = self.methods.claim(suffixed(&rust_name, "request"));
        let method_name = rust_name.as_str();

        // `body` and `options` name arguments of their own; `call` is the request being built, which the
        // arguments are added to, and `client` a paged stream's copy of the client.
        let mut arg_names = Scope::with_reserved(&["body", "options", "call", "client"]);
        let mut params = Vec::new();
        for (param, param_at) in self.merged_parameters(item, op, at) {
            params.push(self.lower_parameter(
                param,
                &type_hint,
                method_name,
                &param_at,
                &mut arg_names,
            )?);
        }
        let params = path_parameters_first(params, &path_names)?;
        let path_segments = path_segments(template, &params);
        let options_struct = self.options_struct(&params, &type_hint, method_name, at);
        let body = match &op.request_body {
            Some(body) => self.lower_body(
                body,
                &type_hint,
                method_name,
                &pointer_push(at, "requestBody"),
            )?,
            None => None,
        };
        let responses = self.lower_responses(op, &type_hint, method_name, at);
        let returns = returns_for(method, &responses, &self.types.types);
        let returns = match &self.unwrap {
            Some(pointer) => super::unwrap::unwrap_answer(returns, &self.types.types, pointer),
            None => returns,
        };
        let pagination = self.pagination(op, &rust_name, &params, &returns, body.is_some(), at);
        // A binary answer can also be read as it arrives, by a method of its own.
        let byte_stream_name = matches!(returns, Returns::Bytes)
            .then(|| self.methods.claim(suffixed(&rust_name, "stream")));
        let streamed_also = self.streamed_also(op, &returns, &rust_name, &type_hint, at);
        let error_type = super::errors::error_bodies(
            self.types,
            &responses,
            &spec_id,
            &type_hint,
            &method_link(method_name),
            at,
        );
        let security = self.security(op, at);
        let arguments = super::signature::arguments(
            &params,
            body.as_ref(),
            options_struct.as_deref(),
            &self.types.types,
        );
        Ok(Operation {
            rust_name,
            with_response_name,
            request_name,
            pagination,
            byte_stream_name,
            streamed_also,
            module: self.module_for(op),
            spec_id,
            method: method.clone(),
            path_template: path.to_string(),
            path: path_segments,
            docs: Docs {
                summary: op.summary.clone(),
                description: op.description.clone(),
            },
            params,
            arguments,
            options_struct,
            error_type,
            body,
            responses,
            returns,
            security,
        })
    }

    /// The method's name: the operation id in snake case, made unique (with a warning when it had to change).
    fn method_name(&mut self, spec_id: &str, at: &str) -> String {
        let wanted = snake_name(spec_id, "operation");
        let rust_name = self.methods.claim(wanted.clone());
        if rust_name != wanted {
            self.warn(
                at,
                &format!(
                    "the method name `{wanted}` is already taken (by another operation or by the client); \
                     this operation's method is `{rust_name}`"
                ),
            );
        }
        rust_name
    }

    /// How the operation pages (`x-pagination`), with its stream method's name; a declaration that does not
    /// fit the operation is warned about and gives no stream.
    fn pagination(
        &mut self,
        op: &SpecOperation,
        rust_name: &str,
        params: &[Parameter],
        returns: &Returns,
        has_body: bool,
        at: &str,
    ) -> Option<Pagination> {
        let declared = op.extensions.get("x-pagination")?;
        let stream_name = self.methods.claim(suffixed(rust_name, "stream"));
        super::pagination::pagination(
            declared,
            params,
            returns,
            has_body,
            stream_name,
            &self.types.types,
        )
        .map_err(|why| {
            self.warnings.push(Warning {
                pointer: pointer_push(at, "x-pagination"),
                message: format!("{why}; no stream method"),
            })
        })
        .ok()
    }

    /// The operation's own security alternatives, or the spec's default.
    fn security(&mut self, op: &SpecOperation, at: &str) -> Vec<SecurityRequirement> {
        match &op.security {
            Some(requirements) => lower_requirements(
                requirements,
                self.schemes,
                &pointer_push(at, "security"),
                &mut self.warnings,
            ),
            None => self.default_security.to_vec(),
        }
    }

    /// Path-item parameters overridden by operation parameters of the same name and location.
    fn merged_parameters<'p>(
        &self,
        item: &'p PathItem,
        op: &'p SpecOperation,
        at: &str,
    ) -> Vec<(&'p SpecParameter, String)>
    where
        's: 'p,
    {
        let path_at = at.rsplit_once('/').map_or(at, |(parent, _)| parent);
        let mut merged: Vec<(&SpecParameter, String)> = Vec::new();
        let sources = item
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    p,
                    pointer_push(&pointer_push(path_at, "parameters"), &i.to_string()),
                )
            })
            .chain(op.parameters.iter().enumerate().map(|(i, p)| {
                (
                    p,
                    pointer_push(&pointer_push(at, "parameters"), &i.to_string()),
                )
            }));
        for (param, param_at) in sources {
            let Some(param) = self.resolve_parameter(param) else {
                continue;
            };
            let key = (param.parameter_data_ref().name.as_str(), location_of(param));
            merged.retain(|(p, _)| (p.parameter_data_ref().name.as_str(), location_of(p)) != key);
            merged.push((param, param_at));
        }
        merged
    }

    fn resolve_parameter<'p>(
        &self,
        param: &'p ReferenceOr<SpecParameter>,
    ) -> Option<&'p SpecParameter>
    where
        's: 'p,
    {
        let components = self.spec.components.as_ref().map(|c| &c.parameters);
        resolve(param, components, "#/components/parameters/")
    }

    fn lower_parameter(
        &mut self,
        param: &SpecParameter,
        type_hint: &str,
        method: &str,
        at: &str,
        arg_names: &mut Scope,
    ) -> Result<Parameter, String> {
        let data = param.parameter_data_ref();
        let location = location_of(param);
        let hint = format!("{type_hint}{}", camel_name(&data.name, "Param"));
        let role = format!("The `{}` parameter of {}.", data.name, method_link(method));
        // A parameter declared with `content` is sent as that media type's text; only JSON has a typed form.
        let (ty, as_content) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let at = pointer_push(at, "schema");
                (self.types.lower(schema.into(), &hint, &role, &at), false)
            }
            ParameterSchemaOrContent::Content(content) => match content.first() {
                Some((
                    media_type,
                    MediaType {
                        schema: Some(schema),
                        ..
                    },
                )) if is_json(media_type) => {
                    let at = pointer_push(
                        &pointer_push(&pointer_push(at, "content"), media_type),
                        "schema",
                    );
                    (self.types.lower(schema.into(), &hint, &role, &at), true)
                }
                _ => (TypeRef::Json, true),
            },
        };
        // A parameter is typed as what it resolves to: `$ref: Name` to `Name: {type: string, pattern: ...}`
        // is a string, which the encodings below know how to send.
        let ty = match without_aliases(&ty, &self.types.types) {
            TypeRef::Option(inner) => *inner,
            ty => ty,
        };
        // A value that may be one scalar or another (`oneOf: [integer, string]`, GitHub's workflow ids) is
        // text on the wire either way: the caller writes it as a string.
        let ty = if is_scalar_union(&ty, &self.types.types) {
            TypeRef::String
        } else {
            ty
        };
        let encoding = match location {
            ParamLocation::Query if as_content => ParamEncoding::Json,
            ParamLocation::Query => query_encoding(param, &ty, &self.types.types),
            // A path, header or cookie value declared with a JSON `content` is that JSON's text.
            _ if as_content => ParamEncoding::Json,
            _ => match styled_encoding(param, &ty, &self.types.types) {
                Some(encoding) => encoding,
                None => {
                    self.warn(
                        at,
                        &format!(
                            "parameter `{}` in the {location:?} is neither a scalar, a list of scalars nor an \
                             object, which OpenAPI gives no text form for there; it is sent as JSON text",
                            data.name
                        ),
                    );
                    ParamEncoding::Json
                }
            },
        };
        Ok(Parameter {
            wire_name: data.name.clone(),
            rust_name: arg_names.claim(snake_name(&data.name, "param")),
            location,
            required: data.required || location == ParamLocation::Path,
            ty,
            encoding,
            docs: data.description.clone(),
        })
    }

    /// Optional parameters are gathered in one struct with `Default`, so calls stay short.
    fn options_struct(
        &mut self,
        params: &[Parameter],
        type_hint: &str,
        method: &str,
        at: &str,
    ) -> Option<String> {
        let optional: Vec<&Parameter> = params.iter().filter(|p| !p.required).collect();
        if optional.is_empty() {
            return None;
        }
        let name = self.types.claim_name(&format!("{type_hint}Options"));
        let fields = optional
            .iter()
            .map(|p| Field {
                wire_name: p.wire_name.clone(),
                rust_name: p.rust_name.clone(),
                ty: TypeRef::Option(Box::new(p.ty.clone())),
                optional: true,
                flatten: false,
                nullable: false,
                null_apart: false,
                docs: p.docs.clone(),
            })
            .collect();
        self.types.types.push(TypeDef {
            name: name.clone(),
            docs: Some(format!("Optional parameters of {}.", method_link(method))),
            origin: pointer_push(at, "parameters"),
            travel: crate::ir::Travel::default(),
            derives: crate::ir::Derives::default(),
            kind: TypeKind::Options { fields },
        });
        Some(name)
    }

    fn lower_body(
        &mut self,
        body: &ReferenceOr<SpecBody>,
        type_hint: &str,
        method: &str,
        at: &str,
    ) -> Result<Option<RequestBody>, String> {
        let components = self.spec.components.as_ref().map(|c| &c.request_bodies);
        let body = resolve(body, components, "#/components/requestBodies/")
            .ok_or("the request body `$ref` does not resolve within this document")?;
        let Some((media_type, media)) = pick_media(&body.content) else {
            return Ok(None);
        };
        let media_at = pointer_push(&pointer_push(at, "content"), media_type);
        let is_form = media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded");
        let (encoding, ty) = if is_json(media_type) || (is_form && media.schema.is_some()) {
            let ty = match &media.schema {
                Some(schema) => self.types.lower(
                    schema.into(),
                    &format!("{type_hint}Request"),
                    &format!("The request body of {}.", method_link(method)),
                    &pointer_push(&media_at, "schema"),
                ),
                None => TypeRef::Json,
            };
            (
                if is_form {
                    BodyEncoding::Form
                } else {
                    BodyEncoding::Json
                },
                ty,
            )
        } else if let Some((ty, form)) =
            self.multipart_struct(media_type, media, type_hint, method, &media_at)
        {
            (BodyEncoding::Multipart(form), ty)
        } else if media_type.to_ascii_lowercase().starts_with("text/") {
            (BodyEncoding::Text, TypeRef::String)
        } else {
            (BodyEncoding::Bytes, TypeRef::Upload)
        };
        // A JSON body is sent as the media type the spec names (`application/merge-patch+json` stays that);
        // a wildcard is no content type, so it is sent as `application/json`.
        let media_type = if encoding == BodyEncoding::Json && media_type.contains('*') {
            "application/json".to_string()
        } else {
            media_type.clone()
        };
        Ok(Some(RequestBody {
            media_type,
            encoding,
            ty,
            required: body.required,
            docs: body.description.clone(),
        }))
    }

    /// A `multipart/form-data` body whose schema is an object becomes a struct, one part per field; other
    /// multipart bodies are sent as bytes the caller encodes.
    fn multipart_struct(
        &mut self,
        media_type: &str,
        media: &MediaType,
        type_hint: &str,
        method: &str,
        at: &str,
    ) -> Option<(TypeRef, MultipartForm)> {
        if !media_type.eq_ignore_ascii_case("multipart/form-data") {
            return None;
        }
        let ty = self.types.lower(
            media.schema.as_ref()?.into(),
            &format!("{type_hint}Request"),
            &format!("The parts of the request body of {}.", method_link(method)),
            &pointer_push(at, "schema"),
        );
        super::multipart::make_files(&ty, &mut self.types.types);
        let form = super::multipart::form_of(&ty, &self.types.types)?;
        Some((ty, form))
    }

    fn lower_responses(
        &mut self,
        op: &SpecOperation,
        type_hint: &str,
        method: &str,
        at: &str,
    ) -> Vec<Response> {
        let responses_at = pointer_push(at, "responses");
        let declared = op
            .responses
            .responses
            .iter()
            .map(|(status, response)| {
                let status = match status {
                    StatusCode::Code(code) => StatusMatch::Code(*code),
                    StatusCode::Range(class) => {
                        StatusMatch::Class(u8::try_from(*class).unwrap_or_default())
                    }
                };
                (status, response)
            })
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| (StatusMatch::Default, r)),
            );
        let declared: Vec<_> = declared.collect();
        let several_bodies = declared.len() > 1;
        let mut lowered = Vec::new();
        for (status, response) in declared {
            let key = status_key(status);
            let response_at = pointer_push(&responses_at, &key);
            let components = self.spec.components.as_ref().map(|c| &c.responses);
            let Some(response) = resolve(response, components, "#/components/responses/") else {
                self.warn(
                    &response_at,
                    "the response `$ref` does not resolve within this document; ignored",
                );
                continue;
            };
            let hint = match (status, several_bodies) {
                (StatusMatch::Code(code), true) if !(200..300).contains(&code) => {
                    format!("{type_hint}Error{code}")
                }
                (StatusMatch::Default, true) => format!("{type_hint}Error"),
                _ => format!("{type_hint}Response"),
            };
            let role = format!("The answer of {} with HTTP {key}.", method_link(method));
            lowered.push(Response {
                status,
                description: response.description.clone(),
                body: self.response_body(response, &hint, &role, &response_at),
            });
        }
        lowered
    }

    fn response_body(
        &mut self,
        response: &SpecResponse,
        hint: &str,
        role: &str,
        at: &str,
    ) -> Option<ResponseBody> {
        let (media_type, media) = pick_media(&response.content)?;
        let media_at = pointer_push(&pointer_push(at, "content"), media_type);
        if let Some(sequence) = super::sequences::sequence_of(media_type, media) {
            let ty = self.item_type(&sequence, media, hint, role, &media_at);
            return Some(ResponseBody {
                media_type: media_type.clone(),
                ty,
                sequence: Some(sequence),
            });
        }
        let ty = if is_json(media_type) {
            match &media.schema {
                Some(schema) => self.types.lower(
                    schema.into(),
                    hint,
                    role,
                    &pointer_push(&media_at, "schema"),
                ),
                None => TypeRef::Json,
            }
        } else if media_type.starts_with("text/") {
            TypeRef::String
        } else {
            TypeRef::Bytes
        };
        Some(ResponseBody {
            media_type: media_type.clone(),
            ty,
            sequence: None,
        })
    }

    /// The method asking for the answer as a stream, when the first 2xx response, which the main method reads
    /// whole, also declares a sequence media type (an event stream, JSON Lines).
    fn streamed_also(
        &mut self,
        op: &SpecOperation,
        returns: &Returns,
        rust_name: &str,
        type_hint: &str,
        at: &str,
    ) -> Option<StreamedAlso> {
        if matches!(returns, Returns::Events { .. } | Returns::Lines { .. }) {
            return None;
        }
        let (status, response) =
            op.responses
                .responses
                .iter()
                .find(|(status, _)| match status {
                    StatusCode::Code(code) => (200..300).contains(code),
                    StatusCode::Range(class) => *class == 2,
                })?;
        let components = self.spec.components.as_ref().map(|c| &c.responses);
        let response = resolve(response, components, "#/components/responses/")?;
        let (media_type, media, sequence) =
            response.content.iter().find_map(|(media_type, media)| {
                super::sequences::sequence_of(media_type, media).map(|s| (media_type, media, s))
            })?;
        let media_at = pointer_push(
            &pointer_push(
                &pointer_push(&pointer_push(at, "responses"), &status.to_string()),
                "content",
            ),
            media_type,
        );
        let name = self.methods.claim(suffixed(
            rust_name,
            match sequence {
                Sequence::Events { .. } => "events",
                Sequence::Lines(_) => "lines",
            },
        ));
        let role = format!("The answer of {} as it arrives.", method_link(&name));
        let ty = self.item_type(
            &sequence,
            media,
            &format!("{type_hint}Streamed"),
            &role,
            &media_at,
        );
        Some(StreamedAlso {
            name,
            media_type: media_type.clone(),
            returns: sequence_returns(sequence, ty, &self.types.types),
        })
    }

    /// The type of one item of a sequence: as its schema says, else an event's data as text and a line as
    /// untyped JSON.
    fn item_type(
        &mut self,
        sequence: &Sequence,
        media: &MediaType,
        hint: &str,
        role: &str,
        at: &str,
    ) -> TypeRef {
        let untyped = match sequence {
            Sequence::Events { .. } => TypeRef::String,
            Sequence::Lines(_) => TypeRef::Json,
        };
        if matches!(sequence, Sequence::Events { .. }) {
            match super::sequences::event_data(media) {
                Ok(events) if !events.is_empty() => {
                    return self.event_data_type(&events, hint, role, at);
                }
                Ok(_) => {}
                Err(why) => self.warn(at, &format!("{why}; the events are not told apart")),
            }
        }
        match super::sequences::item_schema(media) {
            Ok(Some((schema, key))) => {
                let role = format!("One item of {}", role.trim_start_matches("The "));
                self.types.lower(
                    (&schema).into(),
                    &format!("{hint}Item"),
                    &role,
                    &pointer_push(at, key),
                )
            }
            Ok(None) => untyped,
            Err(why) => {
                self.warn(at, &format!("{why}; its items are left untyped"));
                untyped
            }
        }
    }

    /// The enum of an event stream's data by event name (`TypeKind::EventData`), each name's data typed by its
    /// schema: text for a string schema, else JSON of that type.
    fn event_data_type(
        &mut self,
        events: &[(String, ReferenceOr<openapiv3::Schema>)],
        hint: &str,
        role: &str,
        at: &str,
    ) -> TypeRef {
        let name = self.types.claim_name(&format!("{hint}Event"));
        let mut variant_names = Scope::with_reserved(&["Other"]);
        let variants = events
            .iter()
            .map(|(event, schema)| {
                let rust_name = variant_names.claim(camel_name(event, "Event"));
                let ty = self.types.lower(
                    schema.into(),
                    &format!("{name}{rust_name}"),
                    &format!("The data of the `{event}` events of [`{name}`]."),
                    &pointer_push(&pointer_push(at, "x-event-data"), event),
                );
                EventVariant {
                    event: event.clone(),
                    rust_name,
                    ty,
                }
            })
            .collect();
        let docs = format!(
            "The data of one event of the {}, told apart by the event's name (its `event` field).",
            role.trim_start_matches("The ").trim_end_matches('.')
        );
        self.types.define(
            name.clone(),
            Some(docs),
            at,
            TypeKind::EventData { variants },
        );
        TypeRef::Named(name)
    }

    /// Operations are grouped in one module per first tag.
    fn module_for(&mut self, op: &SpecOperation) -> usize {
        let tag = op
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "operations".to_string());
        if let Some(index) = self.modules.get(&tag) {
            return *index;
        }
        let index = self.module_list.len();
        let declared = self.spec.tags.iter().find(|t| t.name == tag);
        let summary = declared
            .and_then(|t| t.extensions.get("x-summary"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.module_list.push(Module {
            name: self.module_names.claim(snake_name(&tag, "operations")),
            tag: tag.clone(),
            summary,
            description: declared.and_then(|t| t.description.clone()),
        });
        self.modules.insert(tag, index);
        index
    }

    fn warn(&mut self, at: &str, message: &str) {
        self.warnings.push(Warning {
            pointer: at.to_string(),
            message: message.to_string(),
        });
    }
}

/// A rustdoc link to a `Client` method.
fn method_link(method: &str) -> String {
    format!("[`Client::{method}`](crate::Client::{method})")
}

/// What a successful call yields: HEAD asks whether something exists; otherwise the first 2xx response decides.
fn returns_for(method: &HttpMethod, responses: &[Response], types: &[TypeDef]) -> Returns {
    if *method == HttpMethod::Head {
        return Returns::Exists;
    }
    let success = responses.iter().find(|r| match r.status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Class(class) => class == 2,
        StatusMatch::Default => false,
    });
    match success {
        Some(Response {
            status: StatusMatch::Code(204 | 205),
            body: None,
            ..
        }) => Returns::Nothing,
        Some(Response {
            body: Some(body), ..
        }) => match (&body.sequence, &body.ty) {
            (Some(sequence), ty) => sequence_returns(sequence.clone(), ty.clone(), types),
            (None, TypeRef::String) if !is_json(&body.media_type) => Returns::Text,
            (None, TypeRef::Bytes) => Returns::Bytes,
            (None, ty) => Returns::Json(ty.clone()),
        },
        // No declared content: the body, if any, is decoded as untyped JSON.
        _ => Returns::Json(TypeRef::Json),
    }
}

/// What a method reading a sequence of `item`s returns; an event stream's data decodes by each event's name
/// when `item` is one of `types`' event-data enums.
fn sequence_returns(sequence: Sequence, item: TypeRef, types: &[TypeDef]) -> Returns {
    let by_name = matches!(&item, TypeRef::Named(name) if types.iter().any(|def| {
        def.name == *name && matches!(def.kind, TypeKind::EventData { .. })
    }));
    match sequence {
        Sequence::Events { sentinel } => Returns::Events {
            data: item,
            sentinel,
            by_name,
        },
        Sequence::Lines(framing) => Returns::Lines { item, framing },
    }
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Class(class) => format!("{class}XX"),
        StatusMatch::Default => "default".to_string(),
    }
}

/// JSON first (it is what the client can type); otherwise the first declared media type.
fn pick_media(content: &IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content
        .iter()
        .find(|(media, _)| is_json(media))
        .or_else(|| content.iter().next())
}

/// `application/json`, `application/problem+json`, `text/json` and the like, parameters ignored.
pub fn is_json(media_type: &str) -> bool {
    let essence = crate::media_type::essence(media_type);
    essence == "*/*" || essence.ends_with("/json") || essence.ends_with("+json")
}

/// Whether `ty` names a union without a discriminator whose alternatives are all scalars.
fn is_scalar_union(ty: &TypeRef, types: &[TypeDef]) -> bool {
    matches!(
        crate::ir::named_kind(types, ty),
        Some(TypeKind::Union { variants, discriminator: None, .. })
            if variants.iter().all(|v| is_scalar(&without_aliases(&v.ty, types), types))
    )
}

/// How a query value is spelled, from its type and the parameter's `style` and `explode` (OpenAPI defaults:
/// form style, exploded).
fn query_encoding(param: &SpecParameter, ty: &TypeRef, types: &[TypeDef]) -> ParamEncoding {
    let style = match param {
        SpecParameter::Query { style, .. } => Some(style),
        _ => None,
    };
    let explode = param.parameter_data_ref().explode.unwrap_or(true);
    let is_object = is_object(ty, types);
    match (ty, style) {
        (TypeRef::Vec(item), _) if is_scalar(item, types) => match style {
            Some(QueryStyle::SpaceDelimited) => ParamEncoding::Joined(' '),
            Some(QueryStyle::PipeDelimited) => ParamEncoding::Joined('|'),
            // Headers and cookies (`simple` and `form` without explode) take comma-separated lists.
            None => ParamEncoding::Joined(','),
            _ if explode => ParamEncoding::EachDisplay,
            _ => ParamEncoding::Joined(','),
        },
        (ty, _) if is_scalar(ty, types) => ParamEncoding::Display,
        (_, Some(QueryStyle::DeepObject)) if is_object => ParamEncoding::DeepObject,
        (_, Some(QueryStyle::Form)) if is_object && explode => ParamEncoding::ObjectExploded,
        (_, Some(QueryStyle::Form)) if is_object => ParamEncoding::ObjectJoined,
        _ => ParamEncoding::Json,
    }
}

/// How a path, header or cookie value is spelled, from its shape and the parameter's `style` and `explode`
/// (defaults: `simple`, not exploded). A simple scalar is its `Display` form; simple lists in headers and
/// cookies are comma-joined; everything else is arranged by the client's `styled` helper.
fn styled_encoding(
    param: &SpecParameter,
    ty: &TypeRef,
    types: &[TypeDef],
) -> Option<ParamEncoding> {
    let shape = match ty {
        ty if is_scalar(ty, types) => ValueShape::Scalar,
        TypeRef::Vec(item) if is_scalar(item, types) => ValueShape::List,
        ty if is_object(ty, types) => ValueShape::Object,
        _ => return None,
    };
    let style = match param {
        SpecParameter::Path {
            style: PathStyle::Label,
            ..
        } => TextStyle::Label,
        SpecParameter::Path {
            style: PathStyle::Matrix,
            ..
        } => TextStyle::Matrix,
        _ => TextStyle::Simple,
    };
    let explode = param.parameter_data_ref().explode.unwrap_or(false);
    let in_path = matches!(param, SpecParameter::Path { .. });
    Some(match (shape, style) {
        (ValueShape::Scalar, TextStyle::Simple) => ParamEncoding::Display,
        (ValueShape::List, TextStyle::Simple) if !in_path => ParamEncoding::Joined(','),
        _ => ParamEncoding::Styled {
            shape,
            style,
            explode,
        },
    })
}

fn is_object(ty: &TypeRef, types: &[TypeDef]) -> bool {
    matches!(ty, TypeRef::Map(_)) || is_struct(ty, types)
}

fn location_of(param: &SpecParameter) -> ParamLocation {
    match param {
        SpecParameter::Path { .. } => ParamLocation::Path,
        SpecParameter::Query { .. } => ParamLocation::Query,
        SpecParameter::Header { .. } => ParamLocation::Header,
        SpecParameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// Resolves a local `$ref` into a components section, following chains a bounded number of times.
fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    prefix: &str,
) -> Option<&'a T> {
    let mut current = item;
    for _ in 0..32 {
        match current {
            ReferenceOr::Item(item) => return Some(item),
            ReferenceOr::Reference { reference } => {
                let key = unescape(reference.strip_prefix(prefix)?);
                current = components?.get(&key)?;
            }
        }
    }
    None
}

/// A name for an operation without `operationId`: its method and path, e.g. `get_pets_by_pet_id`.
fn derived_id(method: &HttpMethod, path: &str) -> String {
    let mut words = vec![method.spec_name().to_ascii_lowercase()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => words.push(format!("by {param}")),
            None => words.push(segment.to_string()),
        }
    }
    snake_name(&words.join(" "), "operation")
}

enum TemplatePiece {
    Literal(String),
    Param(String),
}

/// The parameters in argument order: path parameters first, in template order; the rest keep spec order.
/// Fails when the template and the path parameters do not name the same things.
fn path_parameters_first(
    mut params: Vec<Parameter>,
    path_names: &[String],
) -> Result<Vec<Parameter>, String> {
    let mut ordered: Vec<Parameter> = Vec::with_capacity(params.len());
    for name in path_names {
        let found = params
            .iter()
            .position(|p| p.location == ParamLocation::Path && &p.wire_name == name)
            .ok_or_else(|| {
                format!("the path template names `{{{name}}}` but no path parameter declares it")
            })?;
        ordered.push(params.remove(found));
    }
    if let Some(stray) = params.iter().find(|p| p.location == ParamLocation::Path) {
        return Err(format!(
            "path parameter `{}` does not appear in the path template",
            stray.wire_name
        ));
    }
    ordered.extend(params);
    Ok(ordered)
}

/// The template as literal text and parameters (indices into `params`).
fn path_segments(template: Vec<TemplatePiece>, params: &[Parameter]) -> Vec<PathSegment> {
    template
        .into_iter()
        .map(|piece| match piece {
            TemplatePiece::Literal(text) => PathSegment::Literal(text),
            TemplatePiece::Param(name) => PathSegment::Param(
                params
                    .iter()
                    .position(|p| p.wire_name == name)
                    .unwrap_or_default(),
            ),
        })
        .collect()
}

/// Splits `/a/{b}/c` into literal text and parameter names.
fn parse_template(path: &str) -> Result<(Vec<TemplatePiece>, Vec<String>), String> {
    let mut pieces = Vec::new();
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(TemplatePiece::Literal(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path template `{path}`"))?
            + open;
        let name = &rest[open + 1..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed parameter in path template `{path}`"));
        }
        pieces.push(TemplatePiece::Param(name.to_string()));
        names.push(name.to_string());
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("unopened `}}` in path template `{path}`"));
    }
    if !rest.is_empty() {
        pieces.push(TemplatePiece::Literal(rest.to_string()));
    }
    Ok((pieces, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_read_like_method_and_path() {
        assert_eq!(
            derived_id(&HttpMethod::Get, "/pets/{petId}/toys"),
            "get_pets_by_pet_id_toys"
        );
        assert_eq!(derived_id(&HttpMethod::Post, "/"), "post");
    }

    #[test]
    fn templates_split_into_literals_and_parameters() {
        let (pieces, names) =
            parse_template("/website/{website_id}/conversations/{page_number}").expect("valid");
        assert_eq!(names, ["website_id", "page_number"]);
        assert_eq!(pieces.len(), 4);
        assert!(parse_template("/a/{b").is_err());
        assert!(parse_template("/a/b}").is_err());
        assert!(parse_template("/a/{}").is_err());
    }

    #[test]
    fn json_media_types_are_recognised() {
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/vnd.github+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/octet-stream"));
    }
}
