//! What a crate needs from the runtime and from dependencies, decided once from its operations and security
//! schemes (`ir::Needs`), so emission, the manifest and the runtime's selection all read the same answer.

use crate::ir::{
    BodyEncoding, LinkFrom, Operation, Pages, ParamEncoding, ParamLocation, PartEncoding, Returns,
    SecurityKind, SecurityScheme, TypeDef, TypeKind, TypeRef, ValueShape,
};

/// What `operations`, `schemes` and `types` need.
pub fn needs(
    operations: &[Operation],
    schemes: &[SecurityScheme],
    types: &[TypeDef],
    webhooks: Option<&crate::ir::Webhooks>,
) -> crate::ir::Needs {
    let named_by =
        |wanted: fn(&crate::ir::EventAt) -> bool| webhooks.is_some_and(|w| wanted(&w.event_at));
    let params = || operations.iter().flat_map(|op| op.params.iter());
    let styled = |p: &&crate::ir::Parameter| matches!(p.encoding, ParamEncoding::Styled { .. });
    let in_path = |p: &&crate::ir::Parameter| p.location == ParamLocation::Path;
    let in_query = |p: &&crate::ir::Parameter| p.location == ParamLocation::Query;
    let body = |wanted: fn(&BodyEncoding) -> bool| {
        operations
            .iter()
            .any(|op| op.body.as_ref().is_some_and(|b| wanted(&b.encoding)))
    };
    // What any method returns, the streamed companions (`StreamedAlso`) included.
    let returns =
        |wanted: fn(&Returns) -> bool| operations.iter().flat_map(Operation::answers).any(wanted);
    let pages = |wanted: fn(&Pages) -> bool| {
        operations
            .iter()
            .any(|op| op.pagination.as_ref().is_some_and(|p| wanted(&p.pages)))
    };
    crate::ir::Needs {
        path_segment: params().any(|p| in_path(&p) && !styled(&p)),
        styled_path: params().any(|p| in_path(&p) && styled(&p)),
        styled: params().any(|p| styled(&p)),
        styled_object: params().any(|p| {
            matches!(
                p.encoding,
                ParamEncoding::Styled {
                    shape: ValueShape::Object,
                    ..
                }
            )
        }),
        query: params().any(|p| in_query(&p) && !is_json_or_object(&p.encoding)),
        query_json: params().any(|p| in_query(&p) && p.encoding == ParamEncoding::Json),
        query_object: params().any(|p| is_object(&p.encoding)),
        json_text: params().any(|p| !in_query(&p) && p.encoding == ParamEncoding::Json),
        headers: params().any(|p| p.location == ParamLocation::Header),
        cookies: params().any(|p| p.location == ParamLocation::Cookie),
        json_body: body(|b| *b == BodyEncoding::Json),
        form_body: body(|b| *b == BodyEncoding::Form),
        bytes_body: body(|b| *b == BodyEncoding::Text),
        byte_uploads: body(|b| *b == BodyEncoding::Bytes),
        multipart_body: body(|b| matches!(b, BodyEncoding::Multipart(_))),
        file_parts: body(|b| match b {
            BodyEncoding::Multipart(form) => form
                .parts
                .iter()
                .chain(&form.extra)
                .any(|part| part.encoding == PartEncoding::File),
            _ => false,
        }),
        json_part: body(|b| match b {
            BodyEncoding::Multipart(form) => form
                .parts
                .iter()
                .chain(&form.extra)
                .any(|part| part.encoding == PartEncoding::Json),
            _ => false,
        }),
        json_answer: returns(|r| matches!(r, Returns::Json(_))),
        json_at_answer: returns(|r| matches!(r, Returns::JsonAt { .. })),
        exists: returns(|r| matches!(r, Returns::Exists)),
        nothing: returns(|r| matches!(r, Returns::Nothing)),
        text: returns(|r| matches!(r, Returns::Text)),
        bytes_answer: returns(|r| matches!(r, Returns::Bytes)),
        numbered_pages: pages(|p| matches!(p, Pages::Numbered { .. })),
        offset_pages: pages(|p| matches!(p, Pages::Offset { .. })),
        item_cursor_pages: pages(|p| matches!(p, Pages::Cursor(_))),
        answer_cursor_pages: pages(|p| matches!(p, Pages::AnswerCursor { .. })),
        link_pages: pages(|p| matches!(p, Pages::Link { .. })),
        header_link_pages: pages(|p| {
            matches!(
                p,
                Pages::Link {
                    from: LinkFrom::Header,
                    ..
                }
            )
        }),
        body_link_pages: pages(|p| {
            matches!(
                p,
                Pages::Link {
                    from: LinkFrom::Body(_),
                    ..
                }
            )
        }),
        items_within: operations
            .iter()
            .filter_map(|op| op.pagination.as_ref())
            .any(|pagination| {
                pagination.items_within
                    && matches!(
                        pagination.pages,
                        Pages::Numbered { .. } | Pages::Offset { .. } | Pages::Cursor(_)
                    )
            }),
        http_basic: schemes
            .iter()
            .any(|s| matches!(s.kind, SecurityKind::HttpBasic)),
        implied_tags: types.iter().any(|def| {
            matches!(&def.kind, TypeKind::Union { variants, .. } if variants.iter().any(|v| v.tag_implied))
        }),
        whole_answers: returns(|r| !matches!(r, Returns::Events { .. } | Returns::Lines { .. })),
        event_streams: returns(|r| matches!(r, Returns::Events { .. })),
        text_events: returns(|r| {
            matches!(
                r,
                Returns::Events {
                    data: TypeRef::String,
                    ..
                }
            )
        }),
        line_streams: returns(|r| matches!(r, Returns::Lines { .. })),
        byte_streams: operations.iter().any(|op| op.byte_stream_name.is_some()),
        accept_streams: operations.iter().any(|op| op.streamed_also.is_some()),
        webhook_body_names: named_by(|at| matches!(at, crate::ir::EventAt::Body { .. })),
        webhook_header_names: named_by(|at| matches!(at, crate::ir::EventAt::Header { .. })),
        webhook_signature: webhooks.is_some_and(|w| w.signature.is_some()),
        nulls_apart: types.iter().any(|def| {
            matches!(&def.kind, TypeKind::Struct { fields, .. } if fields.iter().any(|f| f.null_apart))
        }),
    }
}

fn is_object(encoding: &ParamEncoding) -> bool {
    matches!(
        encoding,
        ParamEncoding::ObjectExploded | ParamEncoding::ObjectJoined | ParamEncoding::DeepObject
    )
}

fn is_json_or_object(encoding: &ParamEncoding) -> bool {
    *encoding == ParamEncoding::Json || is_object(encoding)
}
