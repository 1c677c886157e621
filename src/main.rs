//! The `docsift` command line: a thin shell over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use docsift::decisions::Mode;
use rayon::prelude::*;
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
    /// Clean documents: one FILE (or - for stdin) to stdout, or many into --out-dir.
    Clean {
        /// Input files; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Batch mode: write one output per input into this directory
        /// (atomically; inputs are never overwritten).
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Worker threads for batch mode (default: all cores; at most one
        /// per input and 4 per core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = docsift::read::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Replace undecodable bytes by U+FFFD (a `decode_error` warning per
        /// line) instead of refusing the input.
        #[arg(long)]
        lossy: bool,
        /// Apply an archivist's decisions (`{"keep": [ids], "remove":
        /// [{"lines": [a, b], "reason": …}]}`, as the review page exports).
        #[arg(long)]
        decisions: Option<PathBuf>,
        /// Remove nothing: every would-be removal becomes a `would_remove` warning.
        #[arg(long)]
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

fn main() {
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
            decisions,
            flag_only,
        } => {
            let opts = docsift::read::Options::new(max_bytes, lossy);
            let how = Mode::load(decisions.as_deref(), flag_only)?;
            match out_dir {
                None if files.len() == 1 => {
                    let doc = clean_one(&files[0], &opts, &how)?;
                    let mut out = io::BufWriter::new(io::stdout().lock());
                    write_doc(&doc, format, &mut out)
                        .and_then(|()| out.flush())
                        .context(STDOUT)
                }
                None => bail!("several input files need --out-dir DIR"),
                Some(_) if how.decisions.is_some() => {
                    bail!("--decisions applies to one document, not a batch")
                }
                Some(dir) => batch(&files, format, &dir, jobs, &opts, &how),
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
        Command::Numbers => {
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
            out.flush().context(STDOUT)?;
            Ok(())
        }
    }
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

/// Cleans every file into `dir`, in parallel; each output is written to a
/// temporary file and renamed into place, and no output may be an input.
fn batch(
    files: &[PathBuf],
    format: Format,
    dir: &Path,
    jobs: Option<usize>,
    opts: &docsift::read::Options,
    how: &Mode,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let ext = match format {
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Html => "html",
    };
    let inputs: Vec<PathBuf> = files.iter().filter_map(|f| f.canonicalize().ok()).collect();
    let mut outputs = std::collections::BTreeMap::new();
    for f in files {
        if f.as_os_str() == "-" {
            bail!("batch mode reads files, not standard input");
        }
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let out = dir.join(format!("{stem}.{ext}"));
        if let Some(prev) = outputs.insert(out.clone(), f.clone()) {
            bail!(
                "{} and {} would both be written to {}",
                prev.display(),
                f.display(),
                out.display()
            );
        }
        if let Ok(c) = out.canonicalize() {
            if inputs.contains(&c) {
                bail!("{}: refusing to overwrite an input file", out.display());
            }
        }
    }
    if matches!(format, Format::Html) && outputs.contains_key(&dir.join("index.html")) {
        bail!("an input named index would overwrite the batch's index.html");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(worker_count(jobs, outputs.len()))
        .build()?;
    let jobs: Vec<(&PathBuf, &PathBuf)> = outputs.iter().map(|(o, i)| (i, o)).collect();
    let results: Vec<(String, Result<docsift::review::IndexRow>)> = pool.install(|| {
        jobs.par_iter()
            .map(|(input, output)| {
                let r = clean_one(input, opts, how).and_then(|c| {
                    write_atomic(output, &c, format)?;
                    let href = output.file_name().unwrap_or_default().to_string_lossy();
                    Ok(docsift::review::IndexRow::of(&c, &href))
                });
                (input.display().to_string(), r)
            })
            .collect()
    });
    let mut failed = 0;
    for (_, r) in &results {
        if let Err(e) = r {
            eprintln!("docsift: {e:#}");
            failed += 1;
        }
    }
    if failed > 0 {
        bail!("{failed} of {} files failed", results.len());
    }
    if matches!(format, Format::Html) {
        let rows: Vec<_> = results.into_iter().filter_map(|(_, r)| r.ok()).collect();
        let index = docsift::review::index_page(&rows);
        std::fs::write(dir.join("index.html"), index)
            .with_context(|| dir.join("index.html").display().to_string())?;
    }
    Ok(())
}

/// Threads beyond this many per core only add memory and switching.
const MAX_JOBS_PER_CORE: usize = 4;

/// Worker threads for `inputs` files: as asked (all cores by default), but
/// never more than one per input nor [`MAX_JOBS_PER_CORE`] per core
/// (`--jobs 100000` on one file started 16,371 threads).
fn worker_count(jobs: Option<usize>, inputs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let asked = jobs.filter(|&j| j > 0).unwrap_or(cores);
    asked.min(inputs).min(cores * MAX_JOBS_PER_CORE).max(1)
}

fn write_atomic(path: &Path, doc: &docsift::pipeline::Cleaned, format: Format) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = io::BufWriter::new(f);
        write_doc(doc, format, &mut w)?;
        w.flush()
    });
    let done = written.and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = done {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| path.display().to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_are_capped_by_inputs_and_cores() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(worker_count(Some(100_000), 1), 1);
        assert_eq!(
            worker_count(Some(100_000), 1_000_000),
            cores * MAX_JOBS_PER_CORE
        );
        assert_eq!(worker_count(Some(2), 10), 2.min(cores * MAX_JOBS_PER_CORE));
        assert_eq!(worker_count(None, 3), cores.min(3));
        assert_eq!(worker_count(Some(0), 3), cores.min(3));
    }
}
