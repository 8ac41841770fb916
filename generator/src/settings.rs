//! `generator.toml`: the clients a plain `generator` run (no `--spec`) generates. The binary finds the file by
//! walking up from the working directory, never from where it was built, so an installed generator works in
//! any project and can never rewrite the checkout it was compiled in.
//!
//! ```toml
//! [[client]]
//! spec = "spec/crisp-openapi.yml"
//! overlays = ["spec/crisp", "spec/crisp-overlay.yml"]   # optional; in order, a directory as its files by name
//! out = "generated-client"
//! name = "crisp-client"
//! ```
//!
//! Paths are relative to the file's directory. Unknown keys, missing fields and invalid TOML are errors that
//! name the file, with line and column where the TOML parser gives them.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;

/// The file's name; the first directory from the working directory upwards that holds one is where it is read.
pub const FILE_NAME: &str = "generator.toml";

/// One client the file lists, its paths resolved against the file's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The OpenAPI document (YAML or JSON).
    pub spec: PathBuf,
    /// Overlay files or directories, applied in order (see [`crate::overlay_files`]).
    pub overlays: Vec<PathBuf>,
    /// Where the crate is written.
    pub out: PathBuf,
    /// Cargo package name of the generated crate.
    pub name: String,
}

/// The file as written: only `[[client]]` tables, so a misspelt key is an error rather than silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    #[serde(default)]
    client: Vec<Spanned<WrittenClient>>,
}

/// One `[[client]]` table as written; `overlays` may be left out.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenClient {
    spec: PathBuf,
    #[serde(default)]
    overlays: Vec<PathBuf>,
    out: Spanned<PathBuf>,
    name: Spanned<String>,
}

/// The `generator.toml` nearest to `cwd` (in it or in the closest directory above), as a path relative to `cwd`
/// (`generator.toml`, `../generator.toml`, ...), so the paths it leads to read in messages as a user types them.
pub fn find(cwd: &Path) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative.join(FILE_NAME));
        }
        relative.push("..");
    }
    None
}

/// Reads the clients `file` lists.
pub fn load(file: &Path) -> Result<Vec<Client>, Error> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        file: file.to_path_buf(),
        source,
    })?;
    parse(&text, file)
}

/// Parses the text of a `generator.toml`; `file` names it in errors and its directory anchors relative paths.
pub fn parse(text: &str, file: &Path) -> Result<Vec<Client>, Error> {
    let written: Written = toml::from_str(text).map_err(|err| toml_error(&err, text, file))?;
    if written.client.is_empty() {
        return Err(Error::Document {
            file: file.to_path_buf(),
            message: format!(
                "lists no client; add a [[client]] table with `spec`, `out` and `name` (and optionally \
                 `overlays`), paths relative to the {FILE_NAME}'s directory"
            ),
        });
    }
    let dir = file.parent().unwrap_or(Path::new(""));
    let clients: Vec<Client> = written
        .client
        .iter()
        .map(|entry| resolve(entry.get_ref(), dir, text, file))
        .collect::<Result<_, _>>()?;
    no_shared_output(&written.client, &clients, text, file)?;
    Ok(clients)
}

/// A client with its paths joined to `dir`, once its crate name is known to be valid.
fn resolve(entry: &WrittenClient, dir: &Path, text: &str, file: &Path) -> Result<Client, Error> {
    let name = entry.name.get_ref();
    if !is_package_name(name) {
        return Err(at(
            text,
            file,
            entry.name.span(),
            format!(
                "`{name}` is not a valid Cargo package name (letters, digits, `-` and `_`, starting with a letter)"
            ),
        ));
    }
    Ok(Client {
        spec: dir.join(&entry.spec),
        overlays: entry.overlays.iter().map(|o| dir.join(o)).collect(),
        out: dir.join(entry.out.get_ref()),
        name: name.clone(),
    })
}

/// Two clients written into one directory would remove each other's files on every run.
fn no_shared_output(
    written: &[Spanned<WrittenClient>],
    clients: &[Client],
    text: &str,
    file: &Path,
) -> Result<(), Error> {
    for (index, client) in clients.iter().enumerate() {
        if let Some(first) = clients[..index].iter().position(|c| c.out == client.out) {
            return Err(at(
                text,
                file,
                written[index].get_ref().out.span(),
                format!(
                    "client {} writes to {}, as client {} does; each client needs its own `out`",
                    index + 1,
                    client.out.display(),
                    first + 1
                ),
            ));
        }
    }
    Ok(())
}

/// Letters, digits, `-` and `_`, starting with a letter: what Cargo accepts and a library name can be made from.
pub fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A TOML error as the generator's error, at the line and column the parser points to when it does.
fn toml_error(err: &toml::de::Error, text: &str, file: &Path) -> Error {
    let mut message = err.message().trim_end().to_string();
    match err.span() {
        Some(span) => {
            if text
                .get(span.clone())
                .is_some_and(|t| t.starts_with("[client]"))
            {
                message.push_str("; each client is an array-of-tables entry, written [[client]]");
            }
            at(text, file, span, message)
        }
        None => Error::Document {
            file: file.to_path_buf(),
            message,
        },
    }
}

/// An error at the start of `span` (byte offsets into `text`).
fn at(text: &str, file: &Path, span: Range<usize>, message: String) -> Error {
    let (line, column) = line_and_column(text, span.start);
    Error::Syntax {
        file: file.to_path_buf(),
        line,
        column,
        message,
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Vec<Client>, Error> {
        parse(text, Path::new("conf/generator.toml"))
    }

    #[test]
    fn paths_are_relative_to_the_file_and_overlays_keep_their_order() {
        let clients = parse_text(
            "[[client]]\nspec = \"a.yml\"\noverlays = [\"o\", \"x.yml\"]\nout = \"out\"\nname = \"a\"\n\n\
             [[client]]\nspec = \"/abs/b.yml\"\nout = \"../b\"\nname = \"b-client\"\n",
        )
        .expect("valid");
        assert_eq!(
            clients,
            [
                Client {
                    spec: "conf/a.yml".into(),
                    overlays: vec!["conf/o".into(), "conf/x.yml".into()],
                    out: "conf/out".into(),
                    name: "a".into(),
                },
                Client {
                    spec: "/abs/b.yml".into(),
                    overlays: Vec::new(),
                    out: "conf/../b".into(),
                    name: "b-client".into(),
                },
            ]
        );
    }

    /// Each case: the file, where the error must point and what it must say.
    #[test]
    fn mistakes_are_errors_that_name_the_file_and_the_place() {
        let head = "[[client]]\nspec = \"a.yml\"\nout = \"out\"\n";
        for (text, at, complaint) in [
            (
                format!("{head}name = \"a\"\nouts = \"x\"\n"),
                "conf/generator.toml:5:1: ",
                "unknown field `outs`",
            ),
            (
                "[[client]]\nspec = \"a.yml\"\nname = \"a\"\n".to_string(),
                "conf/generator.toml:1:1: ",
                "missing field `out`",
            ),
            (
                format!("{head}name = 5\n"),
                "conf/generator.toml:4:8: ",
                "invalid type: integer `5`, expected a string",
            ),
            (
                "[[client]\nspec = \"a.yml\"\n".to_string(),
                "conf/generator.toml:1:",
                "",
            ),
            (
                format!("{head}name = \"9 lives\"\n"),
                "conf/generator.toml:4:8: ",
                "not a valid Cargo package name",
            ),
            (
                format!("{head}name = \"a\"\n{head}name = \"b\"\n"),
                "conf/generator.toml:7:7: ",
                "client 2 writes to conf/out, as client 1 does",
            ),
            (
                "[client]\nspec = \"a.yml\"\nout = \"out\"\nname = \"a\"\n".to_string(),
                "conf/generator.toml:1:1: ",
                "written [[client]]",
            ),
            (
                "clients = []\n".to_string(),
                "conf/generator.toml:1:1: ",
                "unknown field `clients`",
            ),
            (
                "# nothing yet\n".to_string(),
                "conf/generator.toml: ",
                "lists no client",
            ),
        ] {
            let err = parse_text(&text).expect_err(&text).to_string();
            assert!(err.starts_with(at), "{text:?}: {err}");
            assert!(err.contains(complaint), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_nearest_file_wins_and_is_found_relative_to_the_working_directory() {
        let root = std::env::temp_dir().join(format!("generator-settings-{}", std::process::id()));
        let deep = root.join("a/b/c");
        std::fs::create_dir_all(&deep).expect("scratch directories");
        std::fs::write(root.join(FILE_NAME), "").expect("outer file");
        assert_eq!(find(&deep), Some(PathBuf::from("../../../generator.toml")));
        std::fs::write(root.join("a/b").join(FILE_NAME), "").expect("inner file");
        assert_eq!(find(&deep), Some(PathBuf::from("../generator.toml")));
        assert_eq!(
            find(&root.join("a/b")),
            Some(PathBuf::from("generator.toml"))
        );
        std::fs::remove_dir_all(&root).expect("cleanup");
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "ab\nçd\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, 5), (2, 2));
        assert_eq!(line_and_column(text, 999), (3, 1));
    }

    /// The tests in `tests/` generate from [`crate::Config::crisp`]; the binary from the workspace's
    /// `generator.toml`, which lists Crisp first and then the pets and chat fixtures. They must describe the same
    /// client.
    #[test]
    fn the_workspace_file_lists_the_crisp_client_tests_generate() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let clients = load(&root.join(FILE_NAME)).expect("the workspace's generator.toml");
        let crisp = crate::Config::crisp(&root);
        assert_eq!(
            clients,
            [
                Client {
                    spec: crisp.spec,
                    overlays: crisp.overlays,
                    out: root.join("generated-client"),
                    name: crisp.package_name,
                },
                Client {
                    spec: root.join("generator/tests/fixtures/pets-3.1.yaml"),
                    overlays: Vec::new(),
                    out: root.join("tests/pets-client"),
                    name: "pets-client".to_string(),
                },
                Client {
                    spec: root.join("tests/corpus/streaming/chat.yaml"),
                    overlays: Vec::new(),
                    out: root.join("tests/chat-client"),
                    name: "chat-client".to_string(),
                }
            ]
        );
    }
}
