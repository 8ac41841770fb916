//! The hand-written runtime (`generator/runtime/`) as a crate gets it: the modules its operations need, each
//! with only the items they use. `build.rs` formatted every module and cut it at its `only_if` markers; here
//! the cuts a crate needs are put back together.

use crate::ir::Needs;

/// A runtime module as `build.rs` prepared it.
pub(crate) struct RuntimeModule {
    /// The module's name in the crate (`call` for `src/call.rs`).
    pub name: &'static str,
    /// The pieces that need the module (any of them); empty when every crate does.
    only_if: &'static [&'static str],
    /// The module's formatted text in order, each part with the pieces that need it (empty: always kept).
    segments: &'static [(&'static [&'static str], &'static str)],
}

/// Every runtime module, in the order a crate declares them.
const MODULES: &[RuntimeModule] = include!(concat!(env!("OUT_DIR"), "/runtime_modules.rs"));

/// The runtime modules a crate with `needs` gets, in declaration order.
pub(crate) fn modules(needs: &Needs) -> impl Iterator<Item = &'static RuntimeModule> + '_ {
    MODULES
        .iter()
        .filter(move |module| needed(module.only_if, needs))
}

impl RuntimeModule {
    /// The module's text with the items `needs` does not ask for left out.
    pub(crate) fn text(&self, needs: &Needs) -> String {
        let kept: String = self
            .segments
            .iter()
            .filter(|(only_if, _)| needed(only_if, needs))
            .map(|(_, text)| *text)
            .collect();
        tidy_blank_lines(&kept)
    }
}

/// Whether something marked `only_if` is needed: when unmarked, or when any of its pieces is.
fn needed(only_if: &[&str], needs: &Needs) -> bool {
    only_if.is_empty() || only_if.iter().any(|name| needs.piece(name) == Some(true))
}

/// Blank lines as the formatter leaves them, after items were taken out: never two in a row, none after an
/// opening brace or before a closing one.
fn tidy_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            pending_blank = !out.is_empty() && !out.trim_end().ends_with('{');
            continue;
        }
        if pending_blank && !line.trim_start().starts_with('}') {
            out.push('\n');
        }
        pending_blank = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece whose name a runtime marker may use.
    fn every_piece() -> Needs {
        let all = serde_json::to_value(Needs::default()).expect("needs serialise");
        let all: serde_json::Map<String, serde_json::Value> = all
            .as_object()
            .expect("an object")
            .keys()
            .map(|key| (key.clone(), true.into()))
            .collect();
        serde_json::from_value(all.into()).expect("needs deserialise")
    }

    #[test]
    fn every_marker_names_a_piece_of_needs() {
        for module in MODULES {
            for name in module
                .only_if
                .iter()
                .chain(module.segments.iter().flat_map(|(only_if, _)| *only_if))
            {
                assert!(
                    Needs::default().piece(name).is_some(),
                    "runtime/{}.rs: `only_if({name})` names no field of ir::Needs",
                    module.name
                );
            }
        }
    }

    #[test]
    fn with_every_piece_a_module_is_its_whole_formatted_text() {
        let needs = every_piece();
        for module in MODULES {
            let whole: String = module.segments.iter().map(|(_, text)| *text).collect();
            assert_eq!(module.text(&needs), whole, "runtime/{}.rs", module.name);
            assert!(!whole.contains("only_if"), "runtime/{}.rs", module.name);
        }
    }

    #[test]
    fn a_module_without_its_pieces_keeps_only_what_is_unmarked() {
        let call = MODULES
            .iter()
            .find(|module| module.name == "call")
            .expect("call.rs");
        let bare = call.text(&Needs::default());
        assert!(bare.contains("pub(crate) fn new("));
        assert!(!bare.contains("fn query("));
        assert!(!bare.contains("fn json_part("));
        let with_query = call.text(&Needs {
            query: true,
            ..Needs::default()
        });
        assert!(with_query.contains("fn query("));
        assert!(!with_query.contains("fn query_json("));
        assert!(syn::parse_file(&bare).is_ok() && syn::parse_file(&with_query).is_ok());
        let names: Vec<&str> = modules(&Needs::default()).map(|m| m.name).collect();
        assert_eq!(names, ["client", "call", "answer", "error", "retry"]);
    }

    #[test]
    fn blank_lines_are_tidied_where_items_were_taken_out() {
        assert_eq!(
            tidy_blank_lines("impl A {\n\n    fn a() {}\n\n\n    fn b() {}\n\n}\n\nfn c() {}\n"),
            "impl A {\n    fn a() {}\n\n    fn b() {}\n}\n\nfn c() {}\n"
        );
    }
}
