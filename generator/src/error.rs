//! The generator's one error type. Every variant names the file it is about and where in it the problem is
//! (line and column for syntax, a JSON pointer for meaning), so a user can go straight to the broken spot.

use std::path::PathBuf;

/// Why generation stopped. Displayed as `file:line:column: message` or `file: at #/pointer: message`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read or written.
    #[error("{}: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed YAML or JSON.
    #[error("{}:{line}:{column}: {message}", file.display())]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The document is well-formed but not something the generator can read (empty, binary, wrong format).
    #[error("{}: {message}", file.display())]
    Document { file: PathBuf, message: String },
    /// A library call was given something it cannot use (a module path that is not a Rust path), or made
    /// where it cannot work (a build script's helper outside a build script).
    #[error("{message}")]
    Usage { message: String },
    /// A value inside the document is wrong; `pointer` is an RFC 6901 JSON pointer written as a URI fragment.
    #[error("{}: at {pointer}: {message}", file.display())]
    At {
        file: PathBuf,
        pointer: String,
        message: String,
    },
}

/// A problem found at one place of a document, before the file it came from is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// RFC 6901 pointer as a URI fragment, e.g. `#/paths/~1website/get`.
    pub pointer: String,
    /// What is wrong there.
    pub message: String,
}

impl Located {
    /// A problem at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// Attaches the file the problem is in.
    pub fn in_file(self, file: impl Into<PathBuf>) -> Error {
        Error::At {
            file: file.into(),
            pointer: self.pointer,
            message: self.message,
        }
    }
}

/// Something the generator could not express and skipped; the run still succeeds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Where in the effective document the skipped construct is.
    pub pointer: String,
    /// What was skipped and why.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 asks.
pub fn pointer_push(pointer: &str, token: &str) -> String {
    let mut pushed = String::with_capacity(pointer.len() + 1 + token.len());
    pushed.push_str(pointer);
    pushed.push('/');
    for c in token.chars() {
        match c {
            '~' => pushed.push_str("~0"),
            '/' => pushed.push_str("~1"),
            c => pushed.push(c),
        }
    }
    pushed
}

#[cfg(test)]
mod tests {
    use super::pointer_push;

    #[test]
    fn pointer_tokens_escape_tilde_and_slash_in_that_order() {
        assert_eq!(pointer_push("#", "paths"), "#/paths");
        assert_eq!(pointer_push("#/paths", "/a/{b}~c"), "#/paths/~1a~1{b}~0c");
        assert_eq!(pointer_push("#/x", "~1"), "#/x/~01");
        assert_eq!(pointer_push("#/x", "é/ü"), "#/x/é~1ü");
    }
}
