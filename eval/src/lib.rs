//! docsift's evaluation: a faithful Rust port of `shared/eval/score.py`
//! (copied to `fixtures/scorer/score.py`), run in-process on the library.
//!
//! A case directory holds `clean.md`, `noisy.md` and `labels.json` (made by
//! `shared/eval/inject.py`). For every case the pipeline is run on `noisy.md`
//! and on `clean.md`, and the same figures as `score.py` are computed:
//! removal precision/recall (and recall per noise kind), kept, joins, bounds,
//! tree F1 (clean and noisy) and targets F1. [`Figures::summary_line`] prints
//! them in exactly `score.py`'s last-line format, so the two can be diffed
//! (the crate's tests do, on real and random outputs). A case whose pipeline
//! run fails or panics is counted as failed and keeps the reason
//! ([`CaseScore::failure`], [`Figures::failures`]).
//!
//! ```no_run
//! let f = docsift_eval::evaluate_dir("fixtures/val-cases").unwrap();
//! println!("{f}"); // a table of every figure, then score.py's last lines
//! ```
//!
//! Known deviations from the Python, all outside what docsift emits today:
//! `str()` of non-integer numbers and of strings nested in metadata lists is
//! approximated, integers past `i64` saturate, and the pipeline has no 120 s
//! timeout.
#![deny(missing_docs)]

pub mod case;
pub mod figures;
pub mod reference;
pub mod score;

pub use case::{Case, Labels};
pub use figures::{Figures, KindRecall};
pub use score::{score_case, CaseScore, F1Counts, Miss, Run};

use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Why a set of cases could not be scored (a failing pipeline run is not an
/// error: it is a failed case, with its reason).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A case is malformed (e.g. `labels.json` does not parse).
    #[error("{}: bad evaluation case ({detail})", path.display())]
    BadCase {
        /// The offending file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
}

/// Result with the evaluation's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The case directories under `dir` (those holding `labels.json`), sorted by name.
pub fn case_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).map_err(io)? {
        let p = e.map_err(io)?.path();
        if p.join("labels.json").is_file() {
            v.push(p);
        }
    }
    v.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(v)
}

/// Runs the library on one file as `docsift clean FILE` would: the document,
/// or why it failed (the read or pipeline error, or the panic message).
pub fn run_file(path: &Path) -> Run {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let name = path.display().to_string();
    match std::panic::catch_unwind(|| docsift::run(&name, &bytes)) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(format!("panicked: {}", panic_message(panic.as_ref()))),
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// Scores the library on every case under `dir`, in parallel; totals are
/// summed in case-name order, so the result is deterministic.
pub fn evaluate_dir(dir: impl AsRef<Path>) -> Result<Figures> {
    evaluate_dir_with(dir, run_file)
}

/// Like [`evaluate_dir`], with `runner` standing in for the pipeline: it gets
/// the path of `noisy.md` or `clean.md` and returns the document, or why it
/// failed.
pub fn evaluate_dir_with<F>(dir: impl AsRef<Path>, runner: F) -> Result<Figures>
where
    F: Fn(&Path) -> Run + Sync,
{
    let dirs = case_dirs(dir.as_ref())?;
    let scores = dirs
        .par_iter()
        .map(|d| {
            let case = Case::load(d)?;
            let on = runner(&case.noisy_path);
            let oc = runner(&case.clean_path);
            Ok(score_case(&case, &on, &oc))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Figures::from_cases(scores))
}

/// The document a stored run left next to `x.md` in `x.out.json` (as written
/// by `docsift clean x.md`); a missing file is a failed run. For checking the
/// scorer on outputs made elsewhere (by `score.py`'s stand-in binary, say).
pub fn stored_output(path: &Path) -> Run {
    let out = path.with_extension("out.json");
    let text = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", out.display()))
}

/// Python's `f"{x:.{p}f}"`: rounds the exact binary value half to even.
pub(crate) fn py_fixed(x: f64, p: usize) -> String {
    // Rust's `{:.p}` rounds the exact decimal expansion too; both agree except
    // on exact ties, which only occur for dyadic values. Handle those by hand.
    let scaled = x * 10f64.powi(p as i32);
    if scaled.is_finite() && scaled.fract().abs() == 0.5 && scaled.abs() < 1e15 {
        let down = scaled.trunc();
        let even = if (down as i64) % 2 == 0 {
            down
        } else {
            down + scaled.signum()
        };
        return format!("{:.p$}", even / 10f64.powi(p as i32));
    }
    format!("{x:.p$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_rounding() {
        assert_eq!(py_fixed(0.0625, 3), "0.062");
        assert_eq!(py_fixed(0.125, 2), "0.12");
        assert_eq!(py_fixed(0.375, 2), "0.38");
        assert_eq!(py_fixed(2.0 / 3.0, 3), "0.667");
        assert_eq!(py_fixed(1.0, 4), "1.0000");
    }

    #[test]
    fn a_failed_run_says_why() {
        let dir = std::env::temp_dir().join(format!("docsift-eval-fail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.md");
        std::fs::write(&empty, b"").unwrap();
        let err = run_file(&empty).unwrap_err();
        assert!(err.contains("empty.md") && err.contains("empty"), "{err}");
        let missing = run_file(&dir.join("missing.md")).unwrap_err();
        assert!(missing.starts_with("cannot read"), "{missing}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
