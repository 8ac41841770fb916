//! Recursive types. Rust expands a type alias where it is used, so aliases that refer to each other (through
//! anything, `Vec` included) never finish expanding: one alias of each such cycle becomes a newtype. A struct
//! that contains itself by value (directly, or through other structs and `Option`s) has no finite size:
//! fields that close such a cycle are boxed. `Vec` and maps already live on the heap, so only by-value edges
//! count there.

use std::collections::{HashMap, HashSet};

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Turns the first alias (in spec order) of every cycle of aliases into a newtype, so the rest can expand.
pub fn break_alias_cycles(types: &mut [TypeDef]) {
    let component = components(types, |kind, found| {
        if let TypeKind::Alias { target } = kind {
            target.named().into_iter().for_each(found);
        }
    });
    let mut broken = HashSet::new();
    for i in 0..types.len() {
        let TypeKind::Alias { target } = &types[i].kind else {
            continue;
        };
        let in_cycle = component.iter().filter(|&&c| c == component[i]).count() > 1
            || target.named() == Some(types[i].name.as_str());
        if in_cycle && broken.insert(component[i]) {
            let target = target.clone();
            types[i].kind = TypeKind::Newtype { target };
        }
    }
}

/// Boxes every field whose by-value type lies in the same strongly connected component as its struct.
pub fn box_recursive_fields(types: &mut [TypeDef]) {
    let component = components(types, |kind, found| {
        for ty in by_value_types(kind) {
            by_value_names(ty, found);
        }
    });
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
            TypeKind::Alias { target } | TypeKind::Newtype { target } => {
                box_named(target, &in_cycle)
            }
            TypeKind::Union { variants, .. } => variants
                .iter_mut()
                .for_each(|v| box_named(&mut v.ty, &in_cycle)),
            TypeKind::EventData { variants } => variants
                .iter_mut()
                .for_each(|v| box_named(&mut v.ty, &in_cycle)),
            TypeKind::StringEnum { .. }
            | TypeKind::IntegerEnum { .. }
            | TypeKind::StatusBodies { .. }
            | TypeKind::Options { .. } => {}
        }
    }
}

/// Each type's strongly connected component in the graph whose edges `names` finds.
fn components(types: &[TypeDef], names: impl Fn(&TypeKind, &mut dyn FnMut(&str))) -> Vec<usize> {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            names(&t.kind, &mut |name| out.extend(index.get(name).copied()));
            out
        })
        .collect();
    strongly_connected_components(&edges)
}

fn by_value_types(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct { fields, .. } => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Alias { target } | TypeKind::Newtype { target } => vec![target],
        TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::EventData { variants } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::StringEnum { .. }
        | TypeKind::IntegerEnum { .. }
        | TypeKind::StatusBodies { .. }
        | TypeKind::Options { .. } => Vec::new(),
    }
}

fn by_value_names(ty: &TypeRef, found: &mut dyn FnMut(&str)) {
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
            derives: crate::ir::Derives::default(),
            kind: TypeKind::Struct {
                fields: fields
                    .iter()
                    .map(|(n, ty)| Field {
                        wire_name: (*n).into(),
                        rust_name: (*n).into(),
                        ty: ty.clone(),
                        optional: true,
                        flatten: false,
                        nullable: false,
                        null_apart: false,
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

    fn alias(name: &str, target: TypeRef) -> TypeDef {
        TypeDef {
            kind: TypeKind::Alias { target },
            ..strukt(name, &[])
        }
    }

    #[test]
    fn one_alias_of_each_alias_cycle_becomes_a_newtype() {
        let list = |name: &str| TypeRef::Vec(Box::new(named(name)));
        let mut types = vec![
            alias("Super", list("Style")),
            alias("Style", list("Super")),
            alias("Tree", TypeRef::Map(Box::new(named("Tree")))),
            alias("Names", list("Name")),
            alias("Name", TypeRef::String),
            strukt("Node", &[("children", list("Nodes"))]),
            alias("Nodes", list("Node")),
        ];
        break_alias_cycles(&mut types);
        let kinds: Vec<&str> = types
            .iter()
            .map(|t| match t.kind {
                TypeKind::Newtype { .. } => "newtype",
                TypeKind::Alias { .. } => "alias",
                _ => "other",
            })
            .collect();
        assert_eq!(
            kinds,
            ["newtype", "alias", "newtype", "alias", "alias", "other", "alias"]
        );
    }
}
