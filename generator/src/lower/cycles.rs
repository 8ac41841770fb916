//! Recursive types: a struct that contains itself by value (directly, or through other structs and
//! `Option`s) has no finite size. Fields that close such a cycle are boxed. `Vec` and maps already live on
//! the heap, so only by-value edges count.

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Boxes every field whose by-value type lies in the same strongly connected component as its struct.
pub fn box_recursive_fields(types: &mut [TypeDef]) {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for ty in by_value_types(&t.kind) {
                by_value_names(ty, &mut |name| out.extend(index.get(name).copied()));
            }
            out
        })
        .collect();
    let component = strongly_connected_components(&edges);
    let component_of: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), component[i]))
        .collect();
    for (i, def) in types.iter_mut().enumerate() {
        let own = component[i];
        let in_cycle = |name: &str| component_of.get(name) == Some(&own);
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => fields
                .iter_mut()
                .for_each(|f| box_named(&mut f.ty, &in_cycle)),
            TypeKind::Alias { target } => box_named(target, &in_cycle),
            TypeKind::Union { variants, .. } => variants
                .iter_mut()
                .for_each(|v| box_named(&mut v.ty, &in_cycle)),
            TypeKind::StringEnum { .. }
            | TypeKind::IntegerEnum { .. }
            | TypeKind::StatusBodies { .. }
            | TypeKind::Options { .. } => {}
        }
    }
}

fn by_value_types(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct { fields, .. } => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Alias { target } => vec![target],
        TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::StringEnum { .. }
        | TypeKind::IntegerEnum { .. }
        | TypeKind::StatusBodies { .. }
        | TypeKind::Options { .. } => Vec::new(),
    }
}

fn by_value_names(ty: &TypeRef, found: &mut impl FnMut(&str)) {
    match ty {
        TypeRef::Named(name) => found(name),
        TypeRef::Option(inner) => by_value_names(inner, found),
        _ => {}
    }
}

fn box_named(ty: &mut TypeRef, in_cycle: &impl Fn(&str) -> bool) {
    match ty {
        TypeRef::Named(name) if in_cycle(name) => *ty = TypeRef::Boxed(Box::new(ty.clone())),
        TypeRef::Option(inner) => box_named(inner, in_cycle),
        _ => {}
    }
}

/// Kosaraju's algorithm, iterative so a long chain of types cannot overflow the stack. Returns each node's
/// component number.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&child) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, targets) in edges.iter().enumerate() {
        for &to in targets {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    for (number, &root) in order.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = number;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &previous in &reverse[node] {
                if component[previous] == usize::MAX {
                    component[previous] = number;
                    stack.push(previous);
                }
            }
        }
    }
    component
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ir::Field;

    /// A struct of optional fields, for the tests of the passes over types.
    pub(in crate::lower) fn strukt(name: &str, fields: &[(&str, TypeRef)]) -> TypeDef {
        TypeDef {
            name: name.into(),
            docs: None,
            origin: String::new(),
            travel: crate::ir::Travel::default(),
            kind: TypeKind::Struct {
                fields: fields
                    .iter()
                    .map(|(n, ty)| Field {
                        wire_name: (*n).into(),
                        rust_name: (*n).into(),
                        ty: ty.clone(),
                        optional: true,
                        flatten: false,
                        docs: None,
                    })
                    .collect(),
                extra: None,
            },
        }
    }

    pub(in crate::lower) fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    fn opt(ty: TypeRef) -> TypeRef {
        TypeRef::Option(Box::new(ty))
    }

    fn field_types(def: &TypeDef) -> Vec<TypeRef> {
        match &def.kind {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| f.ty.clone()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn self_and_mutual_recursion_are_boxed_but_lists_and_other_types_are_not() {
        let mut types = vec![
            strukt(
                "Node",
                &[
                    ("next", opt(named("Node"))),
                    ("children", TypeRef::Vec(Box::new(named("Node")))),
                ],
            ),
            strukt(
                "Person",
                &[
                    ("employer", opt(named("Company"))),
                    ("home", named("Address")),
                ],
            ),
            strukt("Company", &[("owner", named("Person"))]),
            strukt("Address", &[("street", TypeRef::String)]),
        ];
        box_recursive_fields(&mut types);
        let boxed = |name: &str| TypeRef::Boxed(Box::new(named(name)));
        assert_eq!(
            field_types(&types[0]),
            [opt(boxed("Node")), TypeRef::Vec(Box::new(named("Node")))]
        );
        assert_eq!(
            field_types(&types[1]),
            [opt(boxed("Company")), named("Address")]
        );
        assert_eq!(field_types(&types[2]), [boxed("Person")]);
    }
}
