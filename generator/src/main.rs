//! `cargo run -p generator`: regenerates `generated-client/` from the Crisp spec and its overlay, or, with
//! `--spec`, a client for any other OpenAPI document. `--check` writes nothing and fails when the output
//! directory is not what the generator would write.
//!
//! Exit codes: 0 success, 1 invalid input or a stale output directory, 2 usage error (from clap).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use generator::{generate, write, Config};

/// The generator allocates and frees millions of small token and syntax-tree nodes; mimalloc does that about
/// twice as fast as the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The workspace root, so the defaults work from any working directory.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Generate a typed async Rust client crate from an OpenAPI 3.0/3.1 document.
#[derive(Debug, Parser)]
#[command(name = "generator", version)]
struct Cli {
    /// The OpenAPI document (YAML or JSON). Default: spec/crisp-openapi.yml with its overlays.
    #[arg(long, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// An Overlay 1.0 document to apply before generating, or a directory of them (applied in file-name
    /// order); repeat to apply several in order. Default: spec/crisp/ then spec/crisp-overlay.yml when --spec
    /// is not given, none otherwise.
    #[arg(long = "overlay", value_name = "FILE|DIR")]
    overlays: Vec<PathBuf>,
    /// Where to write the crate. Default: generated-client/ (required with --spec).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Cargo package name of the generated crate. Default: crisp-client, or the --out directory's name.
    #[arg(long, value_name = "CRATE")]
    name: Option<String>,
    /// Write nothing; exit non-zero listing every file that differs from what would be written.
    #[arg(long)]
    check: bool,
    /// List every struct field typed as any JSON (`serde_json::Value`), with its JSON pointer and whether the
    /// spec leaves it free-form or the generator could not type it.
    #[arg(long)]
    report_untyped: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    // Plain `cargo run -p generator` (with `--check` at most) regenerates the Crisp client; anything else is named
    // in full in the files it writes.
    let default_crisp =
        cli.spec.is_none() && cli.overlays.is_empty() && cli.out.is_none() && cli.name.is_none();
    let (spec, overlays, out) = match cli.spec {
        None => {
            let crisp = Config::crisp(&root);
            (
                crisp.spec,
                if cli.overlays.is_empty() {
                    crisp.overlays
                } else {
                    cli.overlays
                },
                cli.out.unwrap_or_else(|| root.join("generated-client")),
            )
        }
        Some(spec) => match cli.out {
            Some(out) => (spec, cli.overlays, out),
            None => {
                eprintln!("error: --out DIR is required with --spec, so the Crisp client is not overwritten");
                return ExitCode::from(2);
            }
        },
    };
    let package_name = cli.name.unwrap_or_else(|| match out.file_name() {
        Some(name) if out != root.join("generated-client") => name.to_string_lossy().into_owned(),
        _ => "crisp-client".to_string(),
    });
    if !is_package_name(&package_name) {
        eprintln!("error: `{package_name}` is not a valid Cargo package name; pass --name CRATE");
        return ExitCode::from(2);
    }
    let regenerate = if default_crisp {
        "cargo run -p generator".to_string()
    } else {
        generator::regenerate_command(&spec, &overlays, &out, &package_name)
    };
    let config = Config {
        spec,
        overlays,
        package_name,
        regenerate,
    };
    match run(&config, &out, cli.check, cli.report_untyped) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(
    config: &Config,
    out: &Path,
    check: bool,
    report_untyped: bool,
) -> Result<ExitCode, generator::Error> {
    let generated = generate(config)?;
    for warning in &generated.warnings {
        eprintln!("warning: {}: {warning}", config.spec.display());
    }
    let coverage = &generated.api.coverage;
    if report_untyped {
        for field in &coverage.untyped_fields {
            let cause = match &field.cause {
                generator::ir::Untyped::FreeForm => "free-form in the spec".to_string(),
                generator::ir::Untyped::Unsupported(why) => format!("unsupported: {why}"),
            };
            eprintln!(
                "untyped: {}: {}: {cause}",
                config.spec.display(),
                field.pointer
            );
        }
    }
    // The last line of every run: how much of the spec the client keeps.
    let generated_count = generated.api.operations.len();
    let summary = format!(
        "{}: {generated_count} {} generated, {}",
        config.spec.display(),
        if generated_count == 1 {
            "operation"
        } else {
            "operations"
        },
        coverage.summary()
    );
    if check {
        let drift = write::check(out, &generated.files)?;
        if drift.is_clean() {
            eprintln!("{summary}");
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "error: {} is not what the generator writes:\n{drift}run `{}` to regenerate it",
            out.display(),
            config.regenerate
        );
        return Ok(ExitCode::FAILURE);
    }
    let report = write::write(out, &generated.files)?;
    for path in &report.written {
        eprintln!("wrote {}", out.join(path).display());
    }
    for path in &report.removed {
        eprintln!("removed {}", out.join(path).display());
    }
    for path in &report.foreign {
        eprintln!(
            "warning: {} was not written by the generator; left alone",
            out.join(path).display()
        );
    }
    eprintln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// Letters, digits, `-` and `_`, starting with a letter: what Cargo accepts and a library name can be made from.
fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
