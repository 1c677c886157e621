//! A case directory: `clean.md`, `noisy.md` and `labels.json`, read as
//! `score.py` reads them.

use crate::{Error, Result};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One case as read from its directory.
#[derive(Debug, Clone)]
pub struct Case {
    /// Directory name.
    pub name: String,
    /// Path of `noisy.md`.
    pub noisy_path: PathBuf,
    /// Path of `clean.md`.
    pub clean_path: PathBuf,
    /// Lines of `noisy.md` (universal newlines, split on `\n`).
    pub noisy_lines: Vec<String>,
    /// Lines of `clean.md`.
    pub clean_lines: Vec<String>,
    /// `labels.json`.
    pub labels: Labels,
}

/// `labels.json` as `score.py` uses it.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Injected noise lines of `noisy.md` with their kind.
    pub noise: Vec<(i64, String)>,
    /// Inclusive line spans of `noisy.md` that repeat earlier content.
    pub duplicate: Vec<(i64, i64)>,
    /// Inclusive line spans one clean paragraph was broken into.
    pub joins: Vec<(i64, i64)>,
    /// Noisy line → clean line, for every real line of `noisy.md`.
    pub origin: HashMap<i64, i64>,
}

fn bad(path: &Path, detail: impl Into<String>) -> Error {
    Error::BadCase {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

impl Labels {
    /// Parses `labels.json` text; `path` is for error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Labels> {
        let v: Value = serde_json::from_str(text).map_err(|e| bad(path, e.to_string()))?;
        let int = |x: Option<&Value>, what: &str| -> Result<i64> {
            x.and_then(Value::as_i64)
                .ok_or_else(|| bad(path, format!("{what}: expected an integer")))
        };
        let rows = |key: &str| -> Result<Vec<Vec<Value>>> {
            v.get(key)
                .and_then(Value::as_array)
                .ok_or_else(|| bad(path, format!("missing array `{key}`")))?
                .iter()
                .map(|r| {
                    r.as_array()
                        .cloned()
                        .ok_or_else(|| bad(path, format!("`{key}`: expected arrays")))
                })
                .collect()
        };
        let mut l = Labels::default();
        for r in rows("noise")? {
            let kind = r
                .get(1)
                .and_then(Value::as_str)
                .ok_or_else(|| bad(path, "noise: expected a kind"))?;
            l.noise.push((int(r.first(), "noise")?, kind.to_owned()));
        }
        for r in rows("duplicate")? {
            l.duplicate
                .push((int(r.first(), "duplicate")?, int(r.get(1), "duplicate")?));
        }
        for r in rows("joins")? {
            l.joins
                .push((int(r.first(), "joins")?, int(r.get(1), "joins")?));
        }
        let origin = v
            .get("origin")
            .and_then(Value::as_object)
            .ok_or_else(|| bad(path, "missing object `origin`"))?;
        for (k, val) in origin {
            // Python looks keys up as str(int): only canonical integers can match.
            if let Ok(n) = k.parse::<i64>() {
                if n.to_string() == *k {
                    l.origin.insert(n, int(Some(val), "origin")?);
                }
            }
        }
        Ok(l)
    }
}

/// Reads a file as Python's `open(…, encoding="utf-8").read()` does (universal newlines).
fn read_text(path: &Path) -> Result<String> {
    let s = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(s.replace("\r\n", "\n").replace('\r', "\n"))
}

impl Case {
    /// Loads the case in directory `dir`.
    pub fn load(dir: &Path) -> Result<Case> {
        let lines = |s: String| s.split('\n').map(String::from).collect::<Vec<_>>();
        let labels_path = dir.join("labels.json");
        Ok(Case {
            name: dir
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            noisy_path: dir.join("noisy.md"),
            clean_path: dir.join("clean.md"),
            noisy_lines: lines(read_text(&dir.join("noisy.md"))?),
            clean_lines: lines(read_text(&dir.join("clean.md"))?),
            labels: Labels::parse(&labels_path, &read_text(&labels_path)?)?,
        })
    }
}
