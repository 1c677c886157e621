//! The `docsift` command line: a thin shell over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use docsift::decisions::Mode;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "docsift",
    version,
    about = "Clean noisy policy documents into structured, auditable JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
    /// The review page (self-contained HTML); batches also get `index.html`.
    Html,
}

#[derive(Subcommand)]
enum Command {
    /// Clean documents: one FILE (or - for stdin) to stdout, many files or
    /// directories into --out-dir, or a JSON Lines stream with --jsonl.
    Clean {
        /// Input files or directories; `-` reads standard input.
        #[arg(required_unless_present = "jsonl")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Batch mode: write one output per input into this directory
        /// (atomically; inputs are never overwritten); a directory's tree is
        /// mirrored.
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Worker threads (default: all cores; at most 4 per core, and in
        /// batch and JSON Lines modes one per input). One document of 8,192
        /// lines or more is judged on them too.
        #[arg(long)]
        jobs: Option<usize>,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = docsift::read::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Replace undecodable bytes by U+FFFD (a `decode_error` warning per
        /// line) instead of refusing the input.
        #[arg(long)]
        lossy: bool,
        /// JSON Lines in (`{"id", "text"}` or `{"id", "path"}` per line, from
        /// FILE or standard input), one `{"id", "document"}` or
        /// `{"id", "line", "error"}` line out per record, in order.
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-",
              conflicts_with_all = ["files", "out_dir"])]
        jsonl: Option<PathBuf>,
        /// With --out-dir: skip an input whose output already records its
        /// sha256 (JSON outputs only).
        #[arg(long, requires = "out_dir")]
        resume: bool,
        /// With --out-dir: file extensions that count as documents in a
        /// directory (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "txt,md,markdown")]
        ext: Vec<String>,
        /// No progress bar and no summary on stderr (failures are still
        /// reported).
        #[arg(long, short)]
        quiet: bool,
        /// Apply an archivist's decisions (`{"keep": [ids], "remove":
        /// [{"lines": [a, b], "reason": …}]}`, as the review page exports).
        #[arg(long, conflicts_with = "jsonl")]
        decisions: Option<PathBuf>,
        /// Remove nothing: every would-be removal becomes a `would_remove` warning.
        #[arg(long, conflicts_with = "jsonl")]
        flag_only: bool,
    },
    /// Compare two versions of a document: nodes added, removed, moved,
    /// renumbered and changed, and every changed target.
    Diff {
        /// The old version.
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        /// Output format (json or html).
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Print the JSON Schema of the output document.
    Schema,
    /// Read lines from stdin; print the numeric expressions of each as JSON.
    Numbers,
    /// Score docsift on labelled cases: runs the evaluation's own binary,
    /// `docsift-eval DIR… [--show N]` (crate `eval/`), with these arguments.
    Eval {
        /// Arguments for `docsift-eval`: folders of cases, `--show N`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<std::ffi::OsString>,
    },
}

/// The size from which glibc's malloc maps a block of its own, given up on
/// free: the document-sized buffers of a large input, not the small ones
/// every document of a batch allocates (128 KiB, glibc's initial value,
/// cost a batch of 428 documents four times the page faults of the default,
/// 1 MiB two and a half, for the same peak RSS).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1024 * 1024;

/// Fixes glibc's mmap threshold. Left alone, it rises to the size of each
/// large block freed (up to 32 MiB), so the pipeline's next large buffers
/// come from the heap, and the holes they leave stay resident: on a 10 MB
/// document, 13 MiB of peak RSS (101 → 88 MiB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_mmap_threshold() {
    // SAFETY: mallopt sets one parameter of the allocator; called first
    // thing in main, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

fn main() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fix_mmap_threshold();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => {}
        Err(e) if is_broken_pipe(&e) => {}
        Err(e) => {
            eprintln!("docsift: {e:#}");
            std::process::exit(2);
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Clean {
            files,
            format,
            out_dir,
            jobs,
            max_bytes,
            lossy,
            jsonl,
            resume,
            ext,
            quiet,
            decisions,
            flag_only,
        } => {
            let opts = docsift::read::Options::new(max_bytes, lossy);
            let how = Mode::load(decisions.as_deref(), flag_only)?;
            let mut settings = docsift::batch::Settings::default();
            settings.read = opts;
            settings.jobs = jobs;
            settings.resume = resume;
            settings.extensions = ext
                .iter()
                .map(|e| e.trim_start_matches('.').to_lowercase())
                .collect();
            settings.output_extension = extension(format).into();
            settings.index = matches!(format, Format::Html);
            if let Some(input) = jsonl {
                if !matches!(format, Format::Json) {
                    bail!("--jsonl writes JSON documents only (no --format)");
                }
                return jsonl_stream(&input, &settings, quiet);
            }
            match out_dir {
                None if files.len() == 1 && files[0].is_dir() => {
                    bail!("{}: a directory needs --out-dir DIR", files[0].display())
                }
                None if files.len() == 1 => {
                    let doc = match jobs {
                        Some(n) => {
                            docsift::batch::with_threads(n, || clean_one(&files[0], &opts, &how))??
                        }
                        None => clean_one(&files[0], &opts, &how)?,
                    };
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    write_doc(&doc, format, &mut out)
                        .and_then(|()| out.flush())
                        .context(STDOUT)
                }
                None => bail!("several input files need --out-dir DIR"),
                Some(_) if how.decisions.is_some() => {
                    bail!("--decisions applies to one document, not a batch")
                }
                Some(dir) => {
                    settings.mode = how;
                    if resume && !matches!(format, Format::Json) {
                        bail!("--resume reads the sha256 recorded in JSON outputs (no --format)");
                    }
                    batch(&files, format, &dir, &settings, quiet)
                }
            }
        }
        Command::Diff { old, new, format } => diff(&old, &new, format),
        Command::Schema => {
            let mut out = io::stdout().lock();
            out.write_all(docsift::emit::schema().as_bytes())
                .and_then(|()| out.flush())
                .context(STDOUT)
        }
        Command::Eval { args } => forward_eval(&args),
        Command::Numbers => numbers(),
    }
}

/// `docsift numbers`: one JSON line of numeric spans per input line.
fn numbers() -> Result<()> {
    let stdin = io::stdin().lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (n, line) in stdin.split(b'\n').enumerate() {
        let line = line.context("reading standard input")?;
        let line = String::from_utf8_lossy(&line);
        let line = line.strip_suffix('\r').unwrap_or(&line);
        let json = docsift::numbers::numbers_line_json(line);
        writeln!(out, "{json}")
            .with_context(|| format!("{STDOUT} (the result of line {})", n + 1))?;
    }
    out.flush().context(STDOUT)
}

/// `docsift eval …` runs `docsift-eval` from beside this binary (or from
/// `PATH`) and exits with its status.
fn forward_eval(args: &[std::ffi::OsString]) -> Result<()> {
    let name = format!("docsift-eval{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.join(&name)))
        .filter(|p| p.is_file());
    let status = std::process::Command::new(beside.unwrap_or_else(|| name.clone().into()))
        .args(args)
        .status()
        .with_context(|| {
            format!(
                "cannot run {name}: the evaluation is its own binary (cargo install --path eval)"
            )
        })?;
    std::process::exit(status.code().unwrap_or(2))
}

/// How standard output is named in error messages.
const STDOUT: &str = "<stdout>";

/// Reads and decodes one input (a file, a FIFO, or `-` for standard input)
/// as a stream under the size cap.
fn read_input(path: &Path, opts: &docsift::read::Options) -> Result<docsift::read::SourceText> {
    if path.as_os_str() == "-" {
        return Ok(docsift::read::read(
            "-",
            io::stdin().lock(),
            stdin_size(),
            opts,
        )?);
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| name.clone())?;
    let hint = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    Ok(docsift::read::read(&name, file, hint, opts)?)
}

/// The size of standard input when it is a regular file (`< doc.txt`).
fn stdin_size() -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
        let meta = std::fs::File::from(fd).metadata().ok()?;
        meta.is_file().then_some(meta.len())
    }
    #[cfg(not(unix))]
    None
}

fn clean_one(
    path: &Path,
    opts: &docsift::read::Options,
    how: &Mode,
) -> Result<docsift::pipeline::Cleaned> {
    // `process` adds the `--lossy` replacement warnings itself.
    Ok(how.clean(read_input(path, opts)?)?)
}

/// `docsift diff OLD NEW`: both cleaned, compared, written to stdout.
fn diff(old: &Path, new: &Path, format: Format) -> Result<()> {
    let opts = docsift::read::Options::new(docsift::read::DEFAULT_MAX_BYTES, false);
    let plain = Mode::default();
    let a = clean_one(old, &opts, &plain)?.document;
    let b = clean_one(new, &opts, &plain)?.document;
    let d = docsift::diff::diff(&a, &b);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Html => out.write_all(docsift::review::diff_page(&d).as_bytes()),
        Format::Markdown => bail!("a diff is written as json or html"),
        Format::Json => serde_json::to_writer_pretty(&mut out, &d)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
    }
    .and_then(|()| out.flush())
    .context(STDOUT)
}

/// Bytes gathered before a batch output's write reaches its file.
const RENDER_BUFFER: usize = 64 * 1024;

/// Writes the document in `format`; JSON is streamed (the same bytes as
/// `emit::to_json`, without holding them all in memory).
fn write_doc(
    c: &docsift::pipeline::Cleaned,
    format: Format,
    out: &mut impl Write,
) -> io::Result<()> {
    let doc = &c.document;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, doc)?;
            out.write_all(b"\n")
        }
        Format::Markdown => out.write_all(docsift::emit::to_markdown(doc).as_bytes()),
        Format::Html => out.write_all(docsift::review::review_page(c).as_bytes()),
    }
}

/// The file extension of outputs in `format`.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Html => "html",
    }
}

/// Cleans every file and directory tree into `dir` (see
/// `docsift::batch::tree`); exit status 2 when any input failed.
fn batch(
    files: &[PathBuf],
    format: Format,
    dir: &Path,
    settings: &docsift::batch::Settings,
    quiet: bool,
) -> Result<()> {
    let plan = docsift::batch::tree::plan(files, dir, settings)?;
    let progress = docsift::batch::Progress::new(Some(plan.jobs.len() as u64), !quiet);
    if settings.index && plan.jobs.iter().any(|j| j.output == dir.join("index.html")) {
        bail!("an input named index would overwrite the batch's index.html");
    }
    // Buffered on this side of the `dyn Write`: the JSON serializer writes a
    // few bytes at a time, and each write through the trait object is a call.
    let render = |c: &docsift::pipeline::Cleaned, w: &mut dyn Write| {
        let mut w = io::BufWriter::with_capacity(RENDER_BUFFER, w);
        write_doc(c, format, &mut w).and_then(|()| w.flush())
    };
    let summary = docsift::batch::tree::run(&plan, dir, settings, &render, &progress)?;
    report(&summary, quiet);
    if settings.index {
        let index = dir.join("index.html");
        std::fs::write(&index, docsift::review::index_page(&summary.rows))
            .with_context(|| index.display().to_string())?;
    }
    if !summary.failures.is_empty() {
        bail!(
            "{} of {} files failed",
            summary.failures.len(),
            summary.inputs()
        );
    }
    Ok(())
}

/// Cleans a JSON Lines stream (`-`: standard input) to standard output;
/// bad records are error records, not a failure of the run (and with
/// `quiet` nothing is said on stderr about them).
fn jsonl_stream(input: &Path, settings: &docsift::batch::Settings, quiet: bool) -> Result<()> {
    let progress = docsift::batch::Progress::new(None, !quiet);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let summary = if input.as_os_str() == "-" {
        docsift::batch::jsonl::run(io::stdin().lock(), &mut out, settings, &progress)?
    } else {
        let file = std::fs::File::open(input).with_context(|| input.display().to_string())?;
        docsift::batch::jsonl::run(io::BufReader::new(file), &mut out, settings, &progress)?
    };
    if !quiet {
        eprint!("docsift: {}", summary.report());
    }
    Ok(())
}

/// The end-of-batch summary on stderr; with `quiet`, only the failures.
fn report(summary: &docsift::batch::Summary, quiet: bool) {
    if quiet {
        for line in summary.failure_lines() {
            eprintln!("docsift: {line}");
        }
    } else {
        eprint!("docsift: {}", summary.report());
    }
}
