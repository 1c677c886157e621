//! The `docsift` command line: a thin shell over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{self, BufRead, Read, Write};
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
        /// Worker threads for batch mode (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
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
        } => match out_dir {
            None if files.len() == 1 => {
                let text = clean_one(&files[0], format)?;
                let mut out = io::stdout().lock();
                out.write_all(text.as_bytes())?;
                out.flush()?;
                Ok(())
            }
            None => bail!("several input files need --out-dir DIR"),
            Some(dir) => batch(&files, format, &dir, jobs),
        },
        Command::Schema => {
            io::stdout()
                .lock()
                .write_all(docsift::emit::schema().as_bytes())?;
            Ok(())
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
                    .with_context(|| format!("writing the result of line {}", n + 1))?;
            }
            out.flush()?;
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

fn read_input(path: &Path) -> Result<(String, Vec<u8>)> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("<stdin>")?;
        return Ok(("-".into(), buf));
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| name.clone())?;
    Ok((name, bytes))
}

fn clean_one(path: &Path, format: Format) -> Result<String> {
    let (name, bytes) = read_input(path)?;
    let doc = docsift::run(&name, &bytes)?;
    Ok(match format {
        Format::Json => docsift::emit::to_json(&doc),
        Format::Markdown => docsift::emit::to_markdown(&doc),
    })
}

/// Cleans every file into `dir`, in parallel; each output is written to a
/// temporary file and renamed into place, and no output may be an input.
fn batch(files: &[PathBuf], format: Format, dir: &Path, jobs: Option<usize>) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let ext = match format {
        Format::Json => "json",
        Format::Markdown => "md",
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()?;
    let jobs: Vec<(&PathBuf, &PathBuf)> = outputs.iter().map(|(o, i)| (i, o)).collect();
    let results: Vec<(String, Result<()>)> = pool.install(|| {
        jobs.par_iter()
            .map(|(input, output)| {
                let r =
                    clean_one(input, format).and_then(|text| write_atomic(output, text.as_bytes()));
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
    Ok(())
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes).with_context(|| tmp.display().to_string())?;
    std::fs::rename(&tmp, path).with_context(|| path.display().to_string())?;
    Ok(())
}
