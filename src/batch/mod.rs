//! Batches: many documents in parallel, each independent of the others.
//!
//! - [`tree`]: files and directory trees into an output directory that
//!   mirrors them (atomic writes, `--resume`, never inside an input tree);
//! - [`jsonl`]: JSON Lines in, JSON Lines out, in input order and bounded
//!   memory — the mapper contract of Spark `RDD.pipe`, Hadoop Streaming and
//!   GNU parallel;
//! - [`Summary`]: what a batch did (documents, bytes, speed, removals by
//!   reason, warnings by kind, failures with their reasons);
//! - [`Progress`]: a progress bar on standard error.
//!
//! One document's failure never stops the others: it is recorded in the
//! [`Summary`] (and, in JSON Lines, written as an error record).

use crate::model::Document;
use crate::pipeline::Cleaned;
use crate::read::{Options, SourceText};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub mod jsonl;
mod progress;
mod summary;
pub mod tree;

pub use progress::Progress;
pub use summary::{Stats, Summary};

/// Writes one document in the caller's output format.
pub type Render<'a> = dyn Fn(&Cleaned, &mut dyn Write) -> io::Result<()> + Sync + 'a;

/// Why a batch could not be run (a document's own failure is not one of
/// these: it goes into the [`Summary`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Standard input (`-`) was given where files are read.
    #[error("batch mode reads files, not standard input")]
    Stdin,
    /// Two inputs would be written to the same output.
    #[error("{first} and {second} would both be written to {output}")]
    Clash {
        /// The first input.
        first: PathBuf,
        /// The second input.
        second: PathBuf,
        /// Their common output.
        output: PathBuf,
    },
    /// An output would replace an input file.
    #[error("{output}: refusing to overwrite an input file")]
    OverwritesInput {
        /// The output path.
        output: PathBuf,
    },
    /// An output would be written inside an input directory.
    #[error("{output}: refusing to write inside the input tree {tree}")]
    InsideInput {
        /// The output path.
        output: PathBuf,
        /// The input directory.
        tree: PathBuf,
    },
    /// A file or directory could not be read, created or written.
    #[error("{name}: {source}")]
    Io {
        /// The path concerned.
        name: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// How a batch is run.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Settings {
    /// How each input is read (size cap, `--lossy`).
    pub read: Options,
    /// Worker threads asked for (`None`: one per core); see [`worker_count`].
    pub jobs: Option<usize>,
    /// Skip an output whose `source.sha256` is the input's (JSON outputs).
    pub resume: bool,
    /// File name extensions that count as documents in a directory, lower
    /// case, without the dot.
    pub extensions: Vec<String>,
    /// Extension of the outputs (`json`, `md`, `html`), without the dot.
    pub output_extension: String,
    /// How each document is cleaned (`--flag-only`; decisions apply to one
    /// document only).
    pub mode: crate::decisions::Mode,
    /// Collect each document's row of a review index (`--format html`).
    pub index: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            read: Options::default(),
            jobs: None,
            resume: false,
            extensions: DOCUMENT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            output_extension: "json".into(),
            mode: crate::decisions::Mode::default(),
            index: false,
        }
    }
}

/// Extensions of the files a directory's documents are read from by default.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// The document for decoded text (the pipeline adds a `decode_error`
/// warning per line where `--lossy` replaced bytes).
pub fn document(src: &SourceText) -> Document {
    crate::process(src)
}

/// Reads and decodes the file at `path` (named as given) under `opts`.
pub fn read_file(path: &Path, opts: &Options) -> crate::Result<SourceText> {
    let name = path.display().to_string();
    let io = |source| crate::Error::Io {
        name: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let hint = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    crate::read::read(&name, file, hint, opts)
}

/// Reads the file at `path` (named as given) under `opts` and cleans it.
pub fn clean_file(path: &Path, opts: &Options) -> crate::Result<Document> {
    Ok(document(&read_file(path, opts)?))
}

/// Threads beyond this many per core only add memory and switching.
pub const MAX_JOBS_PER_CORE: usize = 4;

/// Worker threads for `inputs` documents: as asked (all cores by default),
/// but never more than one per input nor [`MAX_JOBS_PER_CORE`] per core
/// (`--jobs 100000` on one file once started 16,371 threads).
pub fn worker_count(jobs: Option<usize>, inputs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let asked = jobs.filter(|&j| j > 0).unwrap_or(cores);
    asked.min(inputs).min(cores * MAX_JOBS_PER_CORE).max(1)
}

/// Runs `f` on a pool of `jobs` threads (at most [`MAX_JOBS_PER_CORE`] per
/// core): one document's parallel stages (a document of
/// [`crate::clean::PARALLEL_MIN_LINES`] lines or more) then use no more
/// threads than asked, where they would otherwise use every core.
pub fn with_threads<R: Send>(jobs: usize, f: impl FnOnce() -> R + Send) -> Result<R, Error> {
    Ok(pool(Some(jobs), usize::MAX)?.install(f))
}

/// A thread pool of [`worker_count`] threads.
fn pool(jobs: Option<usize>, inputs: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(worker_count(jobs, inputs))
        .build()
        .map_err(|e| Error::Threads(e.to_string()))
}

/// Writes `doc` to `path` through a temporary file in the same directory
/// renamed into place, so a reader never sees half an output; creates the
/// directory if needed.
pub fn write_atomic(path: &Path, doc: &Cleaned, render: &Render) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::File::create(&tmp))
        .and_then(|f| {
            let mut w = io::BufWriter::new(f);
            render(doc, &mut w)?;
            w.flush()
        });
    let done = written.and_then(|()| std::fs::rename(&tmp, path));
    if let Err(source) = done {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Io {
            name: path.display().to_string(),
            source,
        });
    }
    Ok(())
}

/// Writes `doc` as pretty JSON and a newline: the bytes of `docsift clean`.
pub fn render_json(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
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

    #[test]
    fn one_documents_stages_run_on_the_threads_asked() {
        assert_eq!(with_threads(1, rayon::current_num_threads).unwrap(), 1);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(
            with_threads(100_000, rayon::current_num_threads).unwrap(),
            cores * MAX_JOBS_PER_CORE
        );
    }
}
