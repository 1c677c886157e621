//! Decisions: an archivist's overrides of the cleaner's removals.
//!
//! A decisions file (what the review page's *Export decisions* button
//! downloads) names removed fragments to put back, by their
//! [`Removed::id`](crate::model::Removed::id) in a plain run, and line spans to
//! remove:
//!
//! ```json
//! {"keep": ["3f2a9c0b1d4e"], "remove": [{"lines": [40, 42], "reason": "boilerplate"}]}
//! ```
//!
//! [`apply`] resolves the ids against a plain run, then runs the pipeline again
//! with those lines pinned ([`Pins`]) and records what was applied in
//! [`Document::overrides`]. With `flag_only`, nothing is removed at all: every
//! would-be removal (the cleaner's and the file's) becomes a `would_remove`
//! warning.

use crate::model::{
    assign_ids, Document, KeptFragment, Overrides, RemoveDecision, Removed, Warning, WarningKind,
};
use crate::pipeline::{clean_source, process, process_with, Cleaned, Pins};
use crate::read::SourceText;
use serde::{Deserialize, Serialize};

/// A decisions file: removed fragments to keep (by id) and spans to remove.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// Ids of removed fragments (from `docsift clean` without decisions) to
    /// put back into the document.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Line spans to remove, each with its reason.
    #[serde(default)]
    pub remove: Vec<RemoveDecision>,
}

/// Why a decisions file cannot be applied; every message names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionError {
    /// The file could not be read.
    #[error("{file}: cannot read decisions: {message}")]
    Read {
        /// The decisions file.
        file: String,
        /// The system's message.
        message: String,
    },
    /// The file is not a decisions file (bad JSON, unknown field or reason).
    #[error("{file}: not a decisions file: {message}")]
    Parse {
        /// The decisions file.
        file: String,
        /// What the JSON reader said, with line and column.
        message: String,
    },
    /// A `keep` id names no removed fragment of the document.
    #[error("{file}: id {id:?} names no removed fragment of {document} (ids are those of a plain `docsift clean`)")]
    UnknownId {
        /// The decisions file.
        file: String,
        /// The id not found.
        id: String,
        /// The document's name.
        document: String,
    },
    /// A `remove` span is empty, reversed, or outside the document.
    #[error("{file}: remove lines {first}–{last}: not a span of text lines of {document} ({lines} lines)")]
    BadLines {
        /// The decisions file.
        file: String,
        /// First line given.
        first: usize,
        /// Last line given.
        last: usize,
        /// The document's name.
        document: String,
        /// The document's line count.
        lines: usize,
    },
}

impl Decisions {
    /// Parses a decisions file's bytes; `file` names it in errors.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Decisions, DecisionError> {
        serde_json::from_slice(bytes).map_err(|e| DecisionError::Parse {
            file: file.into(),
            message: e.to_string(),
        })
    }

    /// Reads and parses a decisions file.
    pub fn load(path: &std::path::Path) -> Result<Decisions, DecisionError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| DecisionError::Read {
            file: file.clone(),
            message: e.to_string(),
        })?;
        Decisions::parse(&file, &bytes)
    }
}

/// How a document is cleaned: plain (the default), with an archivist's
/// decisions, or flag only (`docsift clean --decisions F`, `--flag-only`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mode {
    /// The decisions file's name as given, and its decisions.
    pub decisions: Option<(String, Decisions)>,
    /// Remove nothing; flag every would-be removal.
    pub flag_only: bool,
}

impl Mode {
    /// Loads the decisions file, if any.
    pub fn load(file: Option<&std::path::Path>, flag_only: bool) -> Result<Mode, DecisionError> {
        let decisions = match file {
            Some(f) => Some((f.display().to_string(), Decisions::load(f)?)),
            None => None,
        };
        Ok(Mode {
            decisions,
            flag_only,
        })
    }

    /// Cleans `src` in this mode, keeping the decoded text beside the document.
    pub fn clean(&self, src: SourceText) -> Result<Cleaned, DecisionError> {
        if self.decisions.is_none() && !self.flag_only {
            return Ok(clean_source(src));
        }
        let none = Decisions::default();
        let (file, decisions) = match &self.decisions {
            Some((f, d)) => (Some(f.as_str()), d),
            None => (None, &none),
        };
        let document = apply(&src, decisions, file, self.flag_only)?;
        Ok(Cleaned {
            source: src,
            document,
        })
    }
}

/// Cleans `src` with `decisions` (from the file named `file`, `None` for
/// none) applied; with `flag_only`, removes nothing and flags every would-be
/// removal. Unknown ids and bad spans are refused.
pub fn apply(
    src: &SourceText,
    decisions: &Decisions,
    file: Option<&str>,
    flag_only: bool,
) -> Result<Document, DecisionError> {
    let base = process(src);
    let fname = file.unwrap_or("--flag-only");
    let mut pins = Pins::default();
    let mut kept = Vec::new();
    for id in &decisions.keep {
        if kept.iter().any(|k: &KeptFragment| &k.id == id) {
            continue; // named twice
        }
        let r =
            base.removed
                .iter()
                .find(|r| &r.id == id)
                .ok_or_else(|| DecisionError::UnknownId {
                    file: fname.into(),
                    id: id.clone(),
                    document: src.name.clone(),
                })?;
        pins.keep.extend(r.lines[0]..=r.lines[1]);
        kept.push(KeptFragment {
            id: id.clone(),
            reason: r.reason,
            lines: r.lines,
        });
    }
    for d in &decisions.remove {
        check_span(src, d, fname)?;
        pins.remove
            .push((d.lines, d.reason, format!("removed by decision in {fname}")));
    }
    let doc = if flag_only {
        flag_everything(src, pins)
    } else {
        process_with(src, &pins)
    };
    Ok(Document {
        overrides: Some(Overrides {
            file: file.map(str::to_string),
            kept,
            removed: decisions.remove.clone(),
            flag_only,
        }),
        ..doc
    })
}

/// Refuses a span that is reversed, outside the document or all blank.
fn check_span(src: &SourceText, d: &RemoveDecision, file: &str) -> Result<(), DecisionError> {
    let lines: Vec<&str> = src.text.lines().collect();
    let [a, b] = d.lines;
    let has_text = a >= 1
        && a <= b
        && b <= lines.len()
        && lines[a - 1..b].iter().any(|l| !l.trim().is_empty());
    if has_text {
        return Ok(());
    }
    Err(DecisionError::BadLines {
        file: file.into(),
        first: a,
        last: b,
        document: src.name.clone(),
        lines: lines.len(),
    })
}

/// Most reruns `--flag-only` makes to keep lines that only a kept fragment
/// made removable (a repeat of it); one is nearly always enough.
const FLAG_ROUNDS: usize = 4;

/// Keeps every line: pins each removal (the cleaner's and the decisions')
/// as kept and adds a `would_remove` warning for it.
fn flag_everything(src: &SourceText, mut pins: Pins) -> Document {
    let mut flags: Vec<Warning> = pins
        .remove
        .drain(..)
        .map(|(lines, reason, detail)| would_remove(&lines, reason.name(), &detail, None))
        .collect();
    let mut doc = process_with(src, &pins);
    for _ in 0..FLAG_ROUNDS {
        if doc.removed.is_empty() {
            break;
        }
        for r in &doc.removed {
            pins.keep.extend(r.lines[0]..=r.lines[1]);
            flags.push(flag_of(r));
        }
        doc = process_with(src, &pins);
    }
    doc.warnings.extend(flags);
    doc.warnings
        .sort_by(|a, b| a.lines.cmp(&b.lines).then(a.kind.cmp(&b.kind)));
    assign_ids(&mut doc);
    doc
}

/// The `would_remove` warning standing for a removal.
fn flag_of(r: &Removed) -> Warning {
    let detail = r.detail.as_deref().unwrap_or("no detail");
    would_remove(&r.lines, r.reason.name(), detail, Some(&r.id))
}

fn would_remove(lines: &[usize; 2], reason: String, detail: &str, id: Option<&str>) -> Warning {
    let id = id.map(|i| format!(" (id {i})")).unwrap_or_default();
    Warning {
        id: String::new(),
        kind: WarningKind::WouldRemove,
        message: format!("would be removed as {reason}{id}: {detail}; kept by --flag-only"),
        lines: Some(*lines),
        node: None,
    }
}
