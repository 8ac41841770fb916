//! `generator`: generates the clients `generator.toml` lists (the nearest one in the working directory or above
//! it; in this workspace, `cargo run -p generator` regenerates `generated-client/`), or, with `--spec` and
//! `--out`, a client for any OpenAPI document without a config file. `--check` writes nothing and fails when an
//! output directory is not what the generator would write.
//!
//! Exit codes: 0 success, 1 invalid input or a stale output directory, 2 usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use generator::settings::{self, FILE_NAME};
use generator::{generate, write, Config, Error, Generated};

/// The generator allocates and frees millions of small token and syntax-tree nodes; mimalloc does that about
/// twice as fast as the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What files generated from `generator.toml` name as the way to regenerate them: the committed clients must
/// not change with the directory the command was run from.
const REGENERATE_FROM_SETTINGS: &str = "cargo run -p generator";

/// Generate a typed async Rust client crate from an OpenAPI 3.0, 3.1 or 3.2 document.
///
/// Without --spec, generates every client listed in generator.toml, the first one found in the working
/// directory or a directory above it (paths in it are relative to it).
#[derive(Debug, Parser)]
#[command(name = "generator", version)]
struct Cli {
    /// The OpenAPI document (YAML or JSON). Default: the clients generator.toml lists.
    #[arg(long, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// An Overlay 1.0 or 1.1 document to apply before generating, or a directory of them (applied in file-name
    /// order); repeat to apply several in order. Only with --spec.
    #[arg(long = "overlay", value_name = "FILE|DIR")]
    overlays: Vec<PathBuf>,
    /// Where to write the crate. Required with --spec.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Cargo package name of the generated crate. Only with --spec; default: the --out directory's name.
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

/// One client to generate, and where.
struct Job {
    config: Config,
    out: PathBuf,
}

/// Why the command line gives no clients to generate.
enum Stop {
    /// The arguments (or their absence, with no generator.toml) do not say what to do: exit 2.
    Usage(String),
    /// The generator.toml is there but wrong, or could not be read: exit 1.
    Invalid(Error),
}

/// Generates (or checks) every client the command line or generator.toml names; exit codes as the module says.
fn main() -> ExitCode {
    let cli = Cli::parse();
    let jobs = match jobs(&cli) {
        Ok(jobs) => jobs,
        Err(Stop::Usage(message)) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
        Err(Stop::Invalid(err)) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Every client is generated (or checked) even when one fails, so one run reports every problem.
    let mut all_fine = true;
    for job in &jobs {
        match run(job, cli.check, cli.report_untyped) {
            Ok(fine) => all_fine &= fine,
            Err(err) => {
                eprintln!("error: {err}");
                all_fine = false;
            }
        }
    }
    if all_fine {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The clients this run generates: the one `--spec` describes, or else those of the nearest generator.toml.
fn jobs(cli: &Cli) -> Result<Vec<Job>, Stop> {
    match &cli.spec {
        Some(spec) => from_flags(spec, cli).map(|job| vec![job]),
        None => from_settings(cli),
    }
}

/// The client `--spec`, `--overlay`, `--out` and `--name` describe; its files name that whole command.
fn from_flags(spec: &Path, cli: &Cli) -> Result<Job, Stop> {
    let out = cli.out.clone().ok_or_else(|| {
        Stop::Usage("--out DIR is required with --spec: where to write the crate".to_string())
    })?;
    let package_name = match (&cli.name, out.file_name()) {
        (Some(name), _) => name.clone(),
        (None, Some(dir)) => dir.to_string_lossy().into_owned(),
        (None, None) => {
            return Err(Stop::Usage(format!(
                "`--out {}` names no directory to call the crate after; pass --name CRATE",
                out.display()
            )))
        }
    };
    if !settings::is_package_name(&package_name) {
        return Err(Stop::Usage(format!(
            "`{package_name}` is not a valid Cargo package name; pass --name CRATE"
        )));
    }
    let regenerate = generator::regenerate_command(spec, &cli.overlays, &out, &package_name);
    let config = Config {
        spec: spec.to_path_buf(),
        overlays: cli.overlays.clone(),
        package_name,
        regenerate,
    };
    Ok(Job { config, out })
}

/// The clients of the generator.toml nearest to the working directory.
fn from_settings(cli: &Cli) -> Result<Vec<Job>, Stop> {
    if !cli.overlays.is_empty() || cli.out.is_some() || cli.name.is_some() {
        return Err(Stop::Usage(format!(
            "--overlay, --out and --name describe the client of --spec; without --spec the clients are those \
             {FILE_NAME} lists"
        )));
    }
    let cwd = std::env::current_dir().map_err(|source| {
        Stop::Invalid(Error::Io {
            file: PathBuf::from("the working directory"),
            source,
        })
    })?;
    let file = settings::find(&cwd).ok_or_else(|| Stop::Usage(nothing_to_generate(&cwd)))?;
    let clients = settings::load(&file).map_err(Stop::Invalid)?;
    Ok(clients.into_iter().map(job_from_settings).collect())
}

/// What a bare run needs when no generator.toml is found.
fn nothing_to_generate(cwd: &Path) -> String {
    format!(
        "no {FILE_NAME} in {} or any directory above it, so nothing says what to generate.\n\
         Either write a {FILE_NAME} listing the clients:\n\n\
         [[client]]\n\
         spec = \"openapi.yaml\"            # paths relative to the {FILE_NAME}\n\
         overlays = [\"overlays\"]          # optional, applied in order; a directory means its files by name\n\
         out = \"my-client\"\n\
         name = \"my-client\"\n\n\
         or pass the client on the command line: --spec FILE --out DIR [--overlay FILE|DIR ...] [--name CRATE]",
        cwd.display()
    )
}

/// A client of generator.toml; its files name plain `cargo run -p generator` as the way to regenerate them.
fn job_from_settings(client: settings::Client) -> Job {
    let config = Config {
        spec: client.spec,
        overlays: client.overlays,
        package_name: client.name,
        regenerate: REGENERATE_FROM_SETTINGS.to_string(),
    };
    Job {
        config,
        out: client.out,
    }
}

/// Generates one client and writes or checks it; `Ok(false)` when `--check` found it stale.
fn run(job: &Job, check: bool, report_untyped: bool) -> Result<bool, Error> {
    let generated = generate(&job.config)?;
    let spec = &job.config.spec;
    for warning in &generated.warnings {
        eprintln!("warning: {}: {warning}", spec.display());
    }
    if report_untyped {
        print_untyped(spec, &generated);
    }
    let fine = if check {
        check_output(job, &generated)?
    } else {
        write_output(&job.out, &generated)?;
        true
    };
    // The last line of every run: how much of the spec the client keeps.
    eprintln!("{}", summary(spec, &generated));
    Ok(fine)
}

/// `--report-untyped`: every field typed as any JSON, with why.
fn print_untyped(spec: &Path, generated: &Generated) {
    for field in &generated.api.coverage.untyped_fields {
        let cause = match &field.cause {
            generator::ir::Untyped::FreeForm => "free-form in the spec".to_string(),
            generator::ir::Untyped::Unsupported(why) => format!("unsupported: {why}"),
        };
        eprintln!("untyped: {}: {}: {cause}", spec.display(), field.pointer);
    }
}

/// `--check`: says the output is up to date, or lists how it differs and the command that fixes it.
fn check_output(job: &Job, generated: &Generated) -> Result<bool, Error> {
    let drift = write::check(&job.out, &generated.files)?;
    if drift.is_clean() {
        eprintln!("{}", up_to_date(&job.out, generated.files.len()));
        return Ok(true);
    }
    eprintln!(
        "error: {} is not what the generator writes:\n{drift}run `{}` to regenerate it",
        job.out.display(),
        job.config.regenerate
    );
    Ok(false)
}

/// Writes the files that changed and says which, or that there was nothing to do.
fn write_output(out: &Path, generated: &Generated) -> Result<(), Error> {
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
    if report.is_unchanged() {
        eprintln!("{}", up_to_date(out, generated.files.len()));
    }
    Ok(())
}

/// `generated-client/ is up to date (29 files)`: a run that changed nothing still says what it looked at.
fn up_to_date(out: &Path, files: usize) -> String {
    let mut dir = out.display().to_string();
    if !dir.ends_with(std::path::is_separator) {
        dir.push('/');
    }
    let noun = if files == 1 { "file" } else { "files" };
    format!("{dir} is up to date ({files} {noun})")
}

/// `spec: N operations generated, ...`: how much of the spec the client keeps.
fn summary(spec: &Path, generated: &Generated) -> String {
    let count = generated.api.operations.len();
    let noun = if count == 1 {
        "operation"
    } else {
        "operations"
    };
    format!(
        "{}: {count} {noun} generated, {}",
        spec.display(),
        generated.api.coverage.summary()
    )
}
