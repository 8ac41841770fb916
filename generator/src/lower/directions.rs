//! Which way each type travels. A type is sent when a request carries it (a body, a parameter, an option, a
//! credential) or a sent type contains it. It is received when an answer carries it (a success or error body,
//! an unwrapped part, a page item), when no operation uses it (the application reads it), or when a received
//! type contains it. Emission derives serde traits from this (see [`Travel`]), and compiles the types no
//! operation uses only on request; both keep `cargo check` of a large generated crate affordable.

use std::collections::HashMap;

use crate::ir::{Operation, Returns, SecurityKind, SecurityScheme, Travel, TypeDef, TypeRef};

/// Sets `travel` on every type, from what the operations and the security schemes use.
pub fn mark_travel(types: &mut [TypeDef], operations: &[Operation], schemes: &[SecurityScheme]) {
    // Types named by a string rather than a `TypeRef`: options structs, error enums, credential enums.
    let named = |name: &String| TypeRef::Named(name.clone());
    let sent_by_name: Vec<TypeRef> = operations
        .iter()
        .filter_map(|op| op.options_struct.as_ref())
        .chain(schemes.iter().filter_map(|scheme| match &scheme.kind {
            SecurityKind::ApiKey { values, .. } => values.as_ref(),
            SecurityKind::HttpBasic | SecurityKind::Bearer => None,
        }))
        .map(named)
        .collect();
    let received_by_name: Vec<TypeRef> = operations
        .iter()
        .filter_map(|op| op.error_type.as_ref())
        .map(named)
        .collect();
    let mut sent: Vec<&TypeRef> = sent_by_name.iter().collect();
    let mut received: Vec<&TypeRef> = received_by_name.iter().collect();
    for op in operations {
        for param in &op.params {
            sent.push(&param.ty);
        }
        if let Some(body) = &op.body {
            sent.push(&body.ty);
        }
        for response in &op.responses {
            received.extend(response.body.as_ref().map(|body| &body.ty));
        }
        for answer in op.answers() {
            match answer {
                Returns::Json(ty)
                | Returns::JsonAt { ty, .. }
                | Returns::Events { data: ty, .. }
                | Returns::Lines { item: ty, .. } => received.push(ty),
                Returns::Nothing | Returns::Exists | Returns::Text | Returns::Bytes => {}
            }
        }
        if let Some(pagination) = &op.pagination {
            received.push(&pagination.item);
        }
    }
    let travel = travel(types, sent, received);
    for (def, travel) in types.iter_mut().zip(travel) {
        def.travel = travel;
    }
}

/// Each type's travel, given what requests (`sent`) and answers (`received`) carry.
fn travel(types: &[TypeDef], sent: Vec<&TypeRef>, received: Vec<&TypeRef>) -> Vec<Travel> {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let sent = reachable(types, &index, sent);
    let answered = reachable(types, &index, received.clone());
    // A schema no operation uses is read by the application (GitHub's webhook payloads), so it is decoded,
    // and so is everything it contains.
    let unused: Vec<TypeRef> = types
        .iter()
        .enumerate()
        .filter(|(i, _)| !sent[*i] && !answered[*i])
        .map(|(_, t)| TypeRef::Named(t.name.clone()))
        .collect();
    let received = reachable(types, &index, received.into_iter().chain(&unused).collect());
    sent.iter()
        .zip(received)
        .zip(answered)
        .map(|((&sent, received), answered)| Travel {
            sent,
            received,
            unused: !sent && !answered,
        })
        .collect()
}

/// The types `roots` name, and every type those contain, as flags by index.
fn reachable(types: &[TypeDef], index: &HashMap<String, usize>, roots: Vec<&TypeRef>) -> Vec<bool> {
    let mut seen = vec![false; types.len()];
    let mut pending: Vec<usize> = Vec::new();
    let mut visit = |ty: &TypeRef, pending: &mut Vec<usize>| {
        if let Some(&i) = ty.named().and_then(|name| index.get(name)) {
            if !seen[i] {
                seen[i] = true;
                pending.push(i);
            }
        }
    };
    for ty in roots {
        visit(ty, &mut pending);
    }
    while let Some(i) = pending.pop() {
        for ty in types[i].kind.contained() {
            visit(ty, &mut pending);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::cycles::tests::{named, strukt};

    #[test]
    fn contained_types_travel_with_their_container() {
        let types = vec![
            strukt("Request", &[("a", TypeRef::Vec(Box::new(named("Shared"))))]),
            strukt(
                "Answer",
                &[
                    ("a", TypeRef::Option(Box::new(named("Shared")))),
                    ("b", named("Inner")),
                ],
            ),
            strukt("Shared", &[]),
            strukt("Inner", &[("a", TypeRef::Map(Box::new(named("Answer"))))]),
            strukt("Webhook", &[("a", named("SentOnly"))]),
            strukt("SentOnly", &[]),
        ];
        let (request, answer, sent_only) = (named("Request"), named("Answer"), named("SentOnly"));
        let travels = travel(&types, vec![&request, &sent_only], vec![&answer]);
        let derives: Vec<(bool, bool)> = travels.iter().map(|t| (t.sent, t.received)).collect();
        assert_eq!(
            derives,
            [(true, false), (false, true), (true, true), (false, true), (false, true), (true, true)],
            "sent only; received only; both; received through a cycle; unused, so read; sent, and inside a read type"
        );
        let unused: Vec<bool> = travels.iter().map(|t| t.unused).collect();
        assert_eq!(unused, [false, false, false, false, true, false]);
    }
}
