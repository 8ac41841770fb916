//! Writing: puts the generated files on disk only where they changed, and in `--check` mode compares instead
//! of writing. Files in the output directory that the generator did not produce are reported; stale ones it
//! wrote earlier (they carry the preamble) are removed.

use std::path::{Path, PathBuf};

use crate::emit::{GeneratedFile, GENERATED_MARK};
use crate::error::Error;

/// How the output directory differs from what the generator would write.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose content differs.
    pub stale: Vec<String>,
    /// Files the generator writes that are not there.
    pub missing: Vec<String>,
    /// Files that are there but that the generator does not write.
    pub extra: Vec<String>,
}

impl Drift {
    /// Whether the directory is exactly what the generator writes.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (label, paths) in [
            ("stale", &self.stale),
            ("missing", &self.missing),
            ("extra", &self.extra),
        ] {
            for path in paths {
                writeln!(f, "  {label}: {path}")?;
            }
        }
        Ok(())
    }
}

/// Compares `out_dir` with `files` without touching anything.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> Result<Drift, Error> {
    let mut drift = Drift::default();
    for file in files {
        match std::fs::read(out_dir.join(&file.path)) {
            Ok(existing) if existing == file.contents.as_bytes() => {}
            Ok(_) => drift.stale.push(file.path.clone()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                drift.missing.push(file.path.clone())
            }
            Err(source) => {
                return Err(Error::Io {
                    file: out_dir.join(&file.path),
                    source,
                })
            }
        }
    }
    drift.extra = extra_files(out_dir, files)?
        .into_iter()
        .map(|(relative, _)| relative)
        .collect();
    Ok(drift)
}

/// What writing changed.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written because they were missing or their content changed.
    pub written: Vec<String>,
    /// Files an earlier run generated that this one no longer produces, removed.
    pub removed: Vec<String>,
    /// Files in the output directory the generator did not write and left alone.
    pub foreign: Vec<String>,
}

impl Written {
    /// Whether the run changed nothing on disk (files the generator did not write are never touched), so the
    /// command line can say the crate was already up to date instead of saying nothing.
    pub fn is_unchanged(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Writes every file whose content changed and removes generated files that are no longer produced.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> Result<Written, Error> {
    let mut report = Written::default();
    for file in files {
        let path = out_dir.join(&file.path);
        if std::fs::read(&path).is_ok_and(|existing| existing == file.contents.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                file: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, &file.contents).map_err(|source| Error::Io {
            file: path.clone(),
            source,
        })?;
        report.written.push(file.path.clone());
    }
    for (relative, path) in extra_files(out_dir, files)? {
        if is_generated(&path) {
            std::fs::remove_file(&path).map_err(|source| Error::Io {
                file: path.clone(),
                source,
            })?;
            report.removed.push(relative);
        } else {
            report.foreign.push(relative);
        }
    }
    Ok(report)
}

/// Whether the generator wrote `path` (its first line carries the mark), so removing it loses nothing of a user's.
fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines()
                .next()
                .map(|line| line.contains(GENERATED_MARK))
        })
        .unwrap_or(false)
}

/// Files under `out_dir` (except build output in `target/`) that are not in `files`, sorted.
fn extra_files(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<(String, PathBuf)>, Error> {
    let mut found = Vec::new();
    if out_dir.is_dir() {
        walk(out_dir, out_dir, &mut found)?;
    }
    found.retain(|(relative, _)| !files.iter().any(|f| &f.path == relative));
    found.sort();
    Ok(found)
}

/// Collects every file under `dir` (skipping `target/` at the top), with its path relative to `root`.
fn walk(root: &Path, dir: &Path, found: &mut Vec<(String, PathBuf)>) -> Result<(), Error> {
    let io = |source| Error::Io {
        file: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if path.is_dir() {
            if relative != "target" {
                walk(root, &path, found)?;
            }
        } else {
            found.push((relative, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn write_then_check_is_clean_and_reports_drift() {
        let dir = std::env::temp_dir().join(format!("generator-write-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = vec![
            file("Cargo.toml", "a"),
            file("src/lib.rs", &format!("// {GENERATED_MARK}`. b\nb")),
        ];
        let report = write(&dir, &files).expect("writes");
        assert_eq!(report.written, ["Cargo.toml", "src/lib.rs"]);
        assert!(check(&dir, &files).expect("checks").is_clean());

        // Unchanged files are not written again, and the report says nothing changed.
        let again = write(&dir, &files).expect("writes");
        assert!(
            again.written.is_empty() && again.is_unchanged(),
            "{again:?}"
        );

        std::fs::write(dir.join("notes.txt"), "mine").expect("write");
        let changed = vec![file("Cargo.toml", "changed"), file("src/other.rs", "c")];
        let drift = check(&dir, &changed).expect("checks");
        assert_eq!(drift.stale, ["Cargo.toml"]);
        assert_eq!(drift.missing, ["src/other.rs"]);
        assert_eq!(drift.extra, ["notes.txt", "src/lib.rs"]);

        let report = write(&dir, &changed).expect("writes");
        assert!(!report.is_unchanged(), "{report:?}");
        assert_eq!(
            report.removed,
            ["src/lib.rs"],
            "generated files no longer produced are removed"
        );
        assert_eq!(
            report.foreign,
            ["notes.txt"],
            "files the generator did not write are left alone"
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
