//! Files and directory trees into an output directory.
//!
//! A file `F` given by name is written to `OUT/<stem of F>.<ext>`; a
//! directory `DIR` is walked (in name order, hidden entries skipped) and
//! `DIR/sub/x.txt` is written to `OUT/sub/x.<ext>`. Only files whose
//! extension is one of [`Settings::extensions`] are documents.
//!
//! Symbolic links: a link to a file inside the tree is read like the file
//! (under the link's name); a link that leads out of the tree, a broken
//! link and a link to a directory are not followed, and each is noted in
//! the [`Summary`]. Nothing is ever written inside an input directory, and
//! no output may be an input file: both are refused before anything is
//! written, as are two inputs that would share an output.

use super::{pool, read_file, write_atomic, Error, Progress, Render, Settings, Stats, Summary};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

/// One document to clean and where its output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Job {
    /// The input file, as given or as found under its directory.
    pub input: PathBuf,
    /// The output file.
    pub output: PathBuf,
}

/// Every document of a batch, in input order, and what was left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Plan {
    /// The documents.
    pub jobs: Vec<Job>,
    /// Entries not followed (symlinks out of the tree), one sentence each.
    pub notes: Vec<String>,
    /// Directories that could not be read, with the reason.
    pub failures: Vec<(String, String)>,
}

/// Finds the documents of `inputs` (files and directories) and their
/// outputs under `out_dir`, refusing an output that is an input, lies inside
/// an input directory, or is shared by two inputs. Writes nothing.
pub fn plan(inputs: &[PathBuf], out_dir: &Path, settings: &Settings) -> Result<Plan, Error> {
    let out_real = resolve(out_dir)?;
    let mut trees = Vec::new();
    let mut files = Vec::new();
    let mut plan = Plan::default();
    let mut found: Vec<(PathBuf, PathBuf)> = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            return Err(Error::Stdin);
        }
        if input.is_dir() {
            let root = canonical(input)?;
            if out_real.starts_with(&root) {
                return Err(Error::InsideInput {
                    output: out_dir.to_path_buf(),
                    tree: input.clone(),
                });
            }
            let mut walk = Walk {
                root: &root,
                extensions: &settings.extensions,
                found: &mut found,
                plan: &mut plan,
            };
            walk.dir(input, Path::new(""));
            trees.push(root);
        } else {
            if let Ok(c) = input.canonicalize() {
                files.push(c);
            }
            let stem = input.file_stem().unwrap_or("out".as_ref());
            found.push((input.clone(), PathBuf::from(stem)));
        }
    }
    let mut outputs: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for (input, rel) in found {
        let mut name = rel.into_os_string();
        name.push(".");
        name.push(&settings.output_extension);
        let output = out_dir.join(&name);
        let real = output
            .canonicalize()
            .unwrap_or_else(|_| out_real.join(&name));
        if let Some(first) = outputs.insert(output.clone(), input.clone()) {
            return Err(Error::Clash {
                first,
                second: input,
                output,
            });
        }
        if files.contains(&real) {
            return Err(Error::OverwritesInput { output });
        }
        if let Some(tree) = trees.iter().find(|t| real.starts_with(t)) {
            return Err(Error::InsideInput {
                output,
                tree: tree.clone(),
            });
        }
        plan.jobs.push(Job { input, output });
    }
    Ok(plan)
}

/// The walk of one input directory.
struct Walk<'a> {
    /// The directory's canonical path: links may not lead out of it.
    root: &'a Path,
    extensions: &'a [String],
    /// (input path, output path relative to the output directory, no extension).
    found: &'a mut Vec<(PathBuf, PathBuf)>,
    plan: &'a mut Plan,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, rel: &Path) {
        let entries = std::fs::read_dir(dir).and_then(|d| d.collect::<Result<Vec<_>, _>>());
        let mut entries = match entries {
            Ok(e) => e,
            Err(e) => {
                self.plan
                    .failures
                    .push((dir.display().to_string(), e.to_string()));
                return;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let rel = rel.join(&name);
            match entry.file_type() {
                Ok(t) if t.is_dir() => self.dir(&path, &rel),
                Ok(t) if t.is_file() => self.file(path, &rel),
                Ok(t) if t.is_symlink() => self.link(path, &rel),
                _ => {}
            }
        }
    }

    fn file(&mut self, path: PathBuf, rel: &Path) {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        if ext.is_some_and(|e| self.extensions.contains(&e)) {
            self.found.push((path, rel.with_extension("")));
        }
    }

    fn link(&mut self, path: PathBuf, rel: &Path) {
        let note = match path.canonicalize() {
            Err(_) => "broken symbolic link",
            Ok(t) if !t.starts_with(self.root) => "symbolic link out of the tree",
            Ok(t) if t.is_dir() => "symbolic link to a directory",
            Ok(_) => return self.file(path, rel),
        };
        self.plan.notes.push(format!("{}: {note}", path.display()));
    }
}

fn canonical(path: &Path) -> Result<PathBuf, Error> {
    path.canonicalize().map_err(|source| Error::Io {
        name: path.display().to_string(),
        source,
    })
}

/// `path` made absolute with symbolic links resolved, whether or not it
/// exists yet: its nearest existing ancestor canonicalised, the rest
/// appended (`..` taken lexically).
fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let abs = std::path::absolute(path).map_err(|source| Error::Io {
        name: path.display().to_string(),
        source,
    })?;
    let mut base = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = base.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(p) => out.push(p),
                    _ => {}
                }
            }
            return Ok(out);
        }
        match (base.parent(), base.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                base = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// What became of one job.
enum Outcome {
    Done(Stats, Option<crate::review::IndexRow>),
    Skipped,
    Failed(String),
}

/// Cleans every job of `plan` in parallel, writing outputs atomically
/// (`render` gives the bytes); with [`Settings::resume`] an output whose
/// recorded `source.sha256` is the input's is left as it is. Failures are
/// in the summary, in input order; no failure stops the other jobs. With
/// [`Settings::index`], each document's review-index row (linked relative
/// to `out_dir`) is in [`Summary::rows`].
pub fn run(
    plan: &Plan,
    out_dir: &Path,
    settings: &Settings,
    render: &Render,
    progress: &Progress,
) -> Result<Summary, Error> {
    let start = Instant::now();
    let pool = pool(settings.jobs, plan.jobs.len())?;
    let outcomes: Vec<Outcome> = pool.install(|| {
        plan.jobs
            .par_iter()
            .map(|job| {
                let outcome = run_job(job, out_dir, settings, render);
                let bytes = match &outcome {
                    Outcome::Done(s, _) => s.bytes,
                    _ => 0,
                };
                progress.advance(bytes);
                outcome
            })
            .collect()
    });
    progress.finish();
    let mut summary = Summary {
        notes: plan.notes.clone(),
        failures: plan.failures.clone(),
        ..Summary::default()
    };
    for (job, outcome) in plan.jobs.iter().zip(outcomes) {
        match outcome {
            Outcome::Done(stats, row) => {
                summary.add(&stats);
                summary.rows.extend(row);
            }
            Outcome::Skipped => summary.skipped += 1,
            Outcome::Failed(e) => summary.fail(job.input.display().to_string(), e),
        }
    }
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn run_job(job: &Job, out_dir: &Path, settings: &Settings, render: &Render) -> Outcome {
    if settings.resume && up_to_date(job) {
        return Outcome::Skipped;
    }
    let cleaned = read_file(&job.input, &settings.read)
        .map_err(|e| e.to_string())
        .and_then(|src| settings.mode.clean(src).map_err(|e| e.to_string()));
    let cleaned = match cleaned {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(e),
    };
    if let Err(e) = write_atomic(&job.output, &cleaned, render) {
        return Outcome::Failed(e.to_string());
    }
    let row = settings.index.then(|| {
        let href = job.output.strip_prefix(out_dir).unwrap_or(&job.output);
        let href = href
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        crate::review::IndexRow::of(&cleaned, &href)
    });
    Outcome::Done(Stats::of(&cleaned.document), row)
}

/// Whether the job's output exists and records the sha256 of the input's
/// current bytes.
fn up_to_date(job: &Job) -> bool {
    #[derive(serde::Deserialize)]
    struct Recorded {
        source: RecordedSource,
    }
    #[derive(serde::Deserialize)]
    struct RecordedSource {
        sha256: String,
    }
    let Ok(out) = std::fs::File::open(&job.output) else {
        return false;
    };
    let recorded: Result<Recorded, _> = serde_json::from_reader(std::io::BufReader::new(out));
    let Ok(recorded) = recorded else {
        return false;
    };
    let Ok(mut input) = std::fs::File::open(&job.input) else {
        return false;
    };
    let mut hasher = Sha256::new();
    if std::io::copy(&mut input, &mut hasher).is_err() {
        return false;
    }
    crate::read::hex(&hasher.finalize()) == recorded.source.sha256
}
