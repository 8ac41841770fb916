//! Envelopes that only exist to be unwrapped. With `x-unwrap`, a method returns the part of its answer at the
//! pointer (Crisp's `data`), so the type lowering made for the whole success answer (`GetWebsiteResponse`:
//! `error`, `reason`, `data`) is named by nothing a caller can get: it would be dead code in every crate, a
//! hundred structs in Crisp's. Such a type is dropped when nothing else names it, and the response it described
//! is documented with the type the method returns instead.

use std::collections::{HashMap, HashSet};

use crate::ir::{Operation, Returns, StatusMatch, TypeDef, TypeKind, TypeRef};

/// Drops the inline success-answer types of unwrapped operations that nothing else names.
pub fn drop_unwrapped_envelopes(types: &mut Vec<TypeDef>, operations: &mut [Operation]) {
    let uses = references(types, operations);
    let inline_structs: HashSet<String> = types
        .iter()
        .filter(|def| matches!(def.kind, TypeKind::Struct { .. }))
        .filter(|def| !def.origin.starts_with("#/components/schemas/"))
        .map(|def| def.name.clone())
        .collect();
    let mut dropped: HashSet<String> = HashSet::new();
    for op in operations.iter_mut() {
        let Returns::JsonAt { ty: returned, .. } = &op.returns else {
            continue;
        };
        for response in op.responses.iter_mut().filter(|r| is_success(r.status)) {
            let Some(body) = &mut response.body else {
                continue;
            };
            let Some(name) = body.ty.named().map(str::to_string) else {
                continue;
            };
            let only_here = uses.get(name.as_str()) == Some(&1);
            if only_here
                && matches!(body.ty, TypeRef::Named(_))
                && inline_structs.contains(name.as_str())
            {
                body.ty = returned.clone();
                dropped.insert(name);
            }
        }
    }
    types.retain(|def| !dropped.contains(&def.name));
}

fn is_success(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Class(class) => class == 2,
        StatusMatch::Default => false,
    }
}

/// How many times each type is named: by other types, and by the operations' parameters, options, bodies,
/// responses, returns, pages and error enums.
fn references(types: &[TypeDef], operations: &[Operation]) -> HashMap<String, usize> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut count = |ty: &TypeRef| {
        if let Some(name) = ty.named() {
            *uses.entry(name.to_string()).or_default() += 1;
        }
    };
    for def in types {
        def.kind.contained().into_iter().for_each(&mut count);
    }
    for op in operations {
        op.params.iter().for_each(|p| count(&p.ty));
        op.body.iter().for_each(|b| count(&b.ty));
        op.responses
            .iter()
            .filter_map(|r| r.body.as_ref())
            .for_each(|b| count(&b.ty));
        if let Returns::Json(ty) | Returns::JsonAt { ty, .. } = &op.returns {
            count(ty);
        }
        op.pagination.iter().for_each(|p| count(&p.item));
    }
    for name in operations
        .iter()
        .flat_map(|op| op.options_struct.iter().chain(op.error_type.iter()))
    {
        *uses.entry(name.clone()).or_default() += 1;
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, EmptyAnswer, HttpMethod, Response, ResponseBody, Travel};
    use crate::lower::cycles::tests::{named, strukt};

    fn op(name: &str, returns: Returns, answer: TypeRef) -> Operation {
        Operation {
            spec_id: name.into(),
            rust_name: name.into(),
            module: 0,
            method: HttpMethod::Get,
            path_template: "/".into(),
            path: Vec::new(),
            docs: Docs::default(),
            params: Vec::new(),
            arguments: Vec::new(),
            options_struct: None,
            with_response_name: String::new(),
            request_name: String::new(),
            pagination: None,
            byte_stream_name: None,
            streamed_also: None,
            error_type: None,
            body: None,
            responses: vec![Response {
                status: StatusMatch::Code(200),
                description: "ok".into(),
                body: Some(ResponseBody {
                    media_type: "application/json".into(),
                    ty: answer,
                    sequence: None,
                }),
            }],
            returns,
            security: Vec::new(),
        }
    }

    fn at_data(ty: TypeRef) -> Returns {
        Returns::JsonAt {
            ty,
            pointer: "/data".into(),
            empty: EmptyAnswer::Object,
        }
    }

    fn inline(mut def: TypeDef) -> TypeDef {
        def.origin = "#/paths/~1x/get/responses/200".into();
        def.travel = Travel::default();
        def
    }

    #[test]
    fn an_envelope_only_its_operation_names_is_dropped_and_the_docs_name_the_data() {
        let mut types = vec![
            inline(strukt("GetAResponse", &[("data", named("A"))])),
            strukt("A", &[]),
            inline(strukt("SharedResponse", &[("data", named("A"))])),
            strukt("ComponentResponse", &[("data", named("A"))]),
            inline(strukt("PlainResponse", &[])),
        ];
        types[3].origin = "#/components/schemas/ComponentResponse".into();
        let mut operations = vec![
            op("get_a", at_data(named("A")), named("GetAResponse")),
            op("shared_1", at_data(named("A")), named("SharedResponse")),
            op("shared_2", at_data(named("A")), named("SharedResponse")),
            op("component", at_data(named("A")), named("ComponentResponse")),
            op(
                "plain",
                Returns::Json(named("PlainResponse")),
                named("PlainResponse"),
            ),
        ];
        drop_unwrapped_envelopes(&mut types, &mut operations);
        let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["A", "SharedResponse", "ComponentResponse", "PlainResponse"],
            "named twice, a component, or returned whole: kept"
        );
        let documented = operations[0].responses[0].body.as_ref().map(|b| &b.ty);
        assert_eq!(documented, Some(&named("A")));
    }
}
