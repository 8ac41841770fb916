//! Formatting: token streams printed by `prettyplease`, with blank lines between items as a person would
//! leave them. `build.rs` includes this file too, to format the hand-written runtime modules the same way at
//! build time, so it depends on nothing of the crate.

use proc_macro2::TokenStream;

/// Items formatted one at a time and separated by a blank line, appended to `out`: memory stays proportional
/// to one item, not to the file (GitHub's types come to hundreds of thousands of lines).
pub(crate) fn format_items_into(
    out: &mut String,
    path: &str,
    items: impl Iterator<Item = TokenStream>,
) -> Result<(), String> {
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push('\n');
        }
        format_into(out, path, item)?;
    }
    Ok(())
}

/// Tokens parsed as a file and printed by prettyplease, with blank lines between items, appended to `out`.
pub(crate) fn format_into(out: &mut String, path: &str, tokens: TokenStream) -> Result<(), String> {
    let file: syn::File = syn::parse2(tokens).map_err(|err| format!("{path}: {err}"))?;
    space_items(&prettyplease::unparse(&file), out);
    Ok(())
}

/// prettyplease packs items tightly; a blank line between items (and after the module docs and imports)
/// makes the output read like hand-written code. Each line is measured once: this runs over every line of
/// the crate.
fn space_items(code: &str, out: &mut String) {
    const ITEM_STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(crate) ",
        "fn ",
        "impl",
        "const ",
        "struct ",
        "enum ",
        "type ",
        "mod ",
        "use ",
        "async ",
        "//",
    ];
    out.reserve(code.len() + code.len() / 16);
    // The previous line, trimmed, and its indentation.
    let mut previous: Option<(&str, usize)> = None;
    // At each indentation, the last line that opened something (not a closing bracket or a continued
    // expression): where the statement or item that a `;` ends began.
    let mut opened_at: Vec<&str> = Vec::new();
    for line in lines(code) {
        // prettyplease indents with spaces only.
        let indent = line.bytes().take_while(|&byte| byte == b' ').count();
        let unindented = &line[indent..];
        let trim = unindented.trim_end();
        if let Some((prev_trim, prev_indent)) = previous {
            let starts_item = ITEM_STARTS.iter().any(|start| trim.starts_with(start));
            let after_block = matches!(prev_trim, "}" | "};")
                && prev_indent == indent
                && starts_item
                && !trim.starts_with("use ");
            let after_declaration = prev_trim.ends_with(';')
                && prev_indent >= indent
                && starts_item
                && (trim.starts_with("///") || !trim.starts_with("//"))
                && opened_at
                    .get(indent)
                    .is_some_and(|opened| is_declaration(opened));
            let after_docs = prev_trim.starts_with("//!") && !trim.starts_with("//!");
            let after_uses = prev_trim.starts_with("use ")
                && prev_trim.ends_with(';')
                && !trim.starts_with("use ");
            if after_block || after_declaration || after_docs || after_uses {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some((trim, indent));
        if !trim.starts_with([')', ']', '}', '.']) {
            if opened_at.len() <= indent {
                opened_at.resize(indent + 1, "");
            }
            opened_at[indent] = trim;
        }
    }
}

/// Whether `line` begins a declaration that ends with `;` (a constant, static, type alias or unit struct),
/// after which the next item gets a blank line as after a block. Modules and imports stay packed.
fn is_declaration(line: &str) -> bool {
    let line = line
        .strip_prefix("pub(crate) ")
        .or_else(|| line.strip_prefix("pub "))
        .unwrap_or(line);
    ["const ", "static ", "type ", "struct "]
        .iter()
        .any(|keyword| line.starts_with(keyword))
}

/// The lines of `code`, as `str::lines` gives them, their ends found by `memchr`: this runs over every line of
/// the crate, and `str::lines` searched for each end a byte at a time.
fn lines(code: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', code.as_bytes());
    std::iter::from_fn(move || match ends.next() {
        Some(end) => {
            let line = &code[start..end];
            start = end + 1;
            Some(line.strip_suffix('\r').unwrap_or(line))
        }
        None if start < code.len() => {
            let line = &code[start..];
            start = code.len();
            Some(line)
        }
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank line after the module docs, after the imports, and between items at the same depth; none
    /// inside an item, between imports or between a block and what follows it at another depth.
    #[test]
    fn items_are_spaced_as_by_hand() {
        let packed = "//! Docs.\nuse a::B;\nuse c::D;\nstruct S {\n    x: u8,\n}\nimpl S {\n    fn f() {\n        if x {\n            y();\n        }\n        z();\n    }\n    fn g() {}\n}\n/// Next.\nfn h() {}\n";
        let mut spaced = String::new();
        space_items(packed, &mut spaced);
        assert_eq!(
            spaced,
            "//! Docs.\n\nuse a::B;\nuse c::D;\n\nstruct S {\n    x: u8,\n}\n\nimpl S {\n    fn f() {\n        if x {\n            y();\n        }\n        z();\n    }\n\n    fn g() {}\n}\n\n/// Next.\nfn h() {}\n"
        );
    }

    /// A declaration ending in `;` (one line or several) is spaced from the next item like a block; modules,
    /// imports and statements are not.
    #[test]
    fn declarations_are_spaced_like_blocks() {
        let packed = "mod a;\nmod b;\npub type A = u8;\n/// B.\npub const B: &str = concat!(\n    \"b\",\n);\nconst C: u8 = X\n    .y();\n#[derive(Debug)]\nstruct D;\nfn f() {\n    let x = 1;\n    g(x);\n}\n";
        let mut spaced = String::new();
        space_items(packed, &mut spaced);
        assert_eq!(
            spaced,
            "mod a;\nmod b;\npub type A = u8;\n\n/// B.\npub const B: &str = concat!(\n    \"b\",\n);\n\nconst C: u8 = X\n    .y();\n\n#[derive(Debug)]\nstruct D;\n\nfn f() {\n    let x = 1;\n    g(x);\n}\n"
        );
    }

    #[test]
    fn lines_are_what_str_lines_gives() {
        for code in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\n",
            "last\r",
            "\n\n x\n",
            "é\nü",
        ] {
            assert_eq!(
                lines(code).collect::<Vec<_>>(),
                code.lines().collect::<Vec<_>>(),
                "{code:?}"
            );
        }
    }
}
