//! Naming: turns any string from a spec into a valid, idiomatic Rust identifier, and keeps names unique
//! within a scope. All of the generator's naming rules live here, so they can be read and tested together.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves in the 2021 and 2024 editions (strict and reserved keywords).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// A `snake_case` name for a function, argument, field or module.
pub fn snake_name(raw: &str, fallback: &str) -> String {
    let name = if is_plain_snake(raw) {
        raw.to_string()
    } else {
        words(raw).to_snake_case()
    };
    let name = if name.is_empty() {
        fallback.to_string()
    } else {
        name
    };
    let name = if starts_with_digit(&name) {
        format!("n{name}")
    } else {
        name
    };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `name` (from [`snake_name`]) with `_suffix` after it: `get_pet_with_response`. A keyword's guard underscore
/// is not doubled (`self_` gives `self_request`, not `self__request`, which is not snake case).
pub fn suffixed(name: &str, suffix: &str) -> String {
    format!("{}_{suffix}", name.strip_suffix('_').unwrap_or(name))
}

/// An `UpperCamelCase` name for a type or an enum variant.
pub fn camel_name(raw: &str, fallback: &str) -> String {
    let name = if is_plain_camel(raw) {
        raw.to_string()
    } else if is_plain_words(raw, is_ascii_break) {
        capitalised_words(raw)
    } else {
        words(raw).to_upper_camel_case()
    };
    let name = if name.is_empty() {
        fallback.to_string()
    } else {
        name
    };
    let name = if starts_with_digit(&name) {
        format!("{fallback}{name}")
    } else {
        name
    };
    if name == "Self" {
        format!("{name}{fallback}")
    } else {
        name
    }
}

/// An enum variant for a string value. Signs carry meaning in values such as `+1` and `-1`, so they are spelled
/// out; an empty string is `Empty`.
pub fn variant_name(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_string();
    }
    let spelled = match value.chars().next() {
        Some('+') => format!("plus {}", &value[1..]),
        Some('-') => format!("minus {}", &value[1..]),
        _ => value.to_string(),
    };
    camel_name(&spelled, "Value")
}

/// Transliterates to ASCII (`café` → `cafe`, `日本` → `Ri Ben`), keeps letters and digits and turns everything
/// else into word breaks. Case changes inside a word (`fooBar`) are left for `heck` to split.
fn words(raw: &str) -> String {
    deunicode::deunicode(raw)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Lowercase ASCII words, each starting with a letter, joined by single underscores (`created_at`): most
/// property names of real specs, which `heck` would return unchanged, so they skip transliteration and `heck`.
fn is_plain_snake(raw: &str) -> bool {
    is_plain_words(raw, |c| c == '_')
}

/// ASCII words, each one capital letter followed by lowercase letters or digits, run together, a capital
/// coming only after a lowercase letter (`GlobalAdvisoryItem`; `heck` lowercases the `B` of `A1B`): the name
/// hints lowering builds from names already given, which `heck` would return unchanged.
fn is_plain_camel(raw: &str) -> bool {
    raw.starts_with(|c: char| c.is_ascii_uppercase())
        && raw.bytes().all(|b| b.is_ascii_alphanumeric())
        && raw
            .as_bytes()
            .windows(2)
            .all(|pair| !pair[1].is_ascii_uppercase() || pair[0].is_ascii_lowercase())
}

/// An ASCII character that is not a letter or digit: a break between words wherever it appears.
fn is_ascii_break(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_alphanumeric()
}

/// Lowercase ASCII words, each starting with a letter, each joined to the next by one separator: most names of
/// real specs (`created_at`, `simple-user`, `repos/get`), whose words are plain to see without transliteration
/// or `heck`.
fn is_plain_words(raw: &str, is_separator: impl Fn(char) -> bool) -> bool {
    raw.split(is_separator).all(|word| {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

/// Plain words (see [`is_plain_words`]) each capitalised and joined: what `heck`'s upper camel case makes of
/// them, without its per-character formatting (names are most of what lowering spends on GitHub's spec).
fn capitalised_words(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    for word in raw.split(is_ascii_break) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

fn starts_with_digit(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_digit())
}

/// Names already taken in one Rust namespace (a module's types, a struct's fields, `Client`'s methods).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_string()).collect(),
        }
    }

    /// Takes `candidate`, or the first of `candidate2`, `candidate3`, ... that is free (snake names get `_2`).
    pub fn claim(&mut self, candidate: String) -> String {
        if self.taken.insert(candidate.clone()) {
            return candidate;
        }
        let separator =
            if candidate.contains('_') || candidate.chars().all(|c| !c.is_ascii_uppercase()) {
                "_"
            } else {
                ""
            };
        let base = candidate.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|name| self.taken.insert(name.clone()))
            .unwrap_or(candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names_follow_heck_and_dodge_keywords() {
        assert_eq!(snake_name("getWebsite", "op"), "get_website");
        assert_eq!(snake_name("website_id", "arg"), "website_id");
        assert_eq!(snake_name("type", "field"), "type_");
        assert_eq!(snake_name("self", "field"), "self_");
        assert_eq!(snake_name("X-Crisp-Tier", "field"), "x_crisp_tier");
        assert_eq!(snake_name("2fa", "field"), "n2fa");
        assert_eq!(snake_name("!!", "field"), "field");
        assert_eq!(snake_name("café au lait", "field"), "cafe_au_lait");
        assert_eq!(snake_name("größe", "field"), "grosse");
        assert_eq!(snake_name("日本", "field"), "ri_ben");
        assert_eq!(snake_name("🦀", "field"), "crab");
        assert_eq!(suffixed("self_", "request"), "self_request");
        assert_eq!(suffixed("get_pet", "stream"), "get_pet_stream");
    }

    #[test]
    fn camel_names_are_valid_types() {
        assert_eq!(camel_name("website", "Type"), "Website");
        assert_eq!(
            camel_name("update_conversation_state", "Type"),
            "UpdateConversationState"
        );
        assert_eq!(camel_name("self", "Type"), "SelfType");
        assert_eq!(camel_name("404 error", "Type"), "Type404Error");
        assert_eq!(camel_name("", "Type"), "Type");
    }

    #[test]
    fn variants_spell_out_signs() {
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("unresolved"), "Unresolved");
        assert_eq!(variant_name("urn:crisp.im:x"), "UrnCrispImX");
        assert_eq!(variant_name("1"), "Value1");
    }

    #[test]
    fn scope_disambiguates_in_claim_order() {
        let mut types = Scope::with_reserved(&["Client"]);
        assert_eq!(types.claim("Client".into()), "Client2");
        assert_eq!(types.claim("Pet".into()), "Pet");
        assert_eq!(types.claim("Pet".into()), "Pet2");
        assert_eq!(types.claim("Pet".into()), "Pet3");
        let mut fields = Scope::default();
        assert_eq!(fields.claim("user_id".into()), "user_id");
        assert_eq!(fields.claim("user_id".into()), "user_id_2");
        assert_eq!(fields.claim("type_".into()), "type_");
        assert_eq!(fields.claim("type_".into()), "type_2");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn is_identifier(name: &str) -> bool {
        syn::parse_str::<syn::Ident>(name).is_ok()
    }

    proptest! {
        /// The shortcut for names already in snake case gives what `heck` gives.
        #[test]
        fn plain_snake_names_are_what_heck_makes_of_them(raw in "[a-z][a-z0-9]{0,5}(_[a-z][a-z0-9]{0,5}){0,3}") {
            prop_assert!(is_plain_snake(&raw));
            prop_assert_eq!(words(&raw).to_snake_case(), raw);
        }

        /// The shortcut for names already in upper camel case gives what `heck` gives.
        #[test]
        fn plain_camel_names_are_what_heck_makes_of_them(raw in "([A-Z][a-z0-9]{0,5}[a-z]){0,4}[A-Z][a-z0-9]{0,6}") {
            prop_assert!(is_plain_camel(&raw));
            prop_assert_eq!(words(&raw).to_upper_camel_case(), raw);
        }

        /// The shortcut for plain words joined by any ASCII punctuation or space gives what `heck`'s upper camel
        /// case gives.
        #[test]
        fn plain_words_are_capitalised_as_heck_capitalises_them(raw in "[a-z][a-z0-9]{0,5}([\t !-/:-@\\[-`{-~][a-z][a-z0-9]{0,5}){0,3}") {
            prop_assert!(is_plain_words(&raw, is_ascii_break));
            prop_assert_eq!(capitalised_words(&raw), words(&raw).to_upper_camel_case());
        }

        /// The other way round: whatever mix of cases, digits and separators a name has, a shortcut that takes
        /// it gives what `heck` gives, so no shortcut accepts a name it would spell differently.
        #[test]
        fn every_name_a_shortcut_takes_comes_out_as_heck_spells_it(raw in "[A-Ca-c0-9_ ./-]{0,10}") {
            if is_plain_snake(&raw) {
                prop_assert_eq!(words(&raw).to_snake_case(), raw.clone());
            }
            if is_plain_camel(&raw) {
                prop_assert_eq!(words(&raw).to_upper_camel_case(), raw.clone());
            }
            if is_plain_words(&raw, is_ascii_break) {
                prop_assert_eq!(capitalised_words(&raw), words(&raw).to_upper_camel_case());
            }
        }

        /// Any string, used as a schema, property, parameter or operation name, becomes a valid identifier, and
        /// names claimed in one scope stay unique.
        #[test]
        fn any_string_becomes_a_valid_unique_identifier(raw in proptest::collection::vec(any::<String>(), 1..8)) {
            let mut types = Scope::with_reserved(&["Client", "Error"]);
            let mut fields = Scope::default();
            let mut variants = Scope::with_reserved(&["Other"]);
            let mut seen = std::collections::HashSet::new();
            for text in &raw {
                let type_name = types.claim(camel_name(text, "Type"));
                let field = fields.claim(snake_name(text, "field"));
                let variant = variants.claim(variant_name(text));
                for name in [&type_name, &field, &variant] {
                    prop_assert!(is_identifier(name), "{:?} became {:?}", text, name);
                }
                prop_assert!(seen.insert(("type", type_name.clone())), "{type_name} twice");
                prop_assert!(seen.insert(("field", field.clone())), "{field} twice");
                prop_assert!(seen.insert(("variant", variant.clone())), "{variant} twice");
            }
        }
    }
}
