//! What a batch did, for the end-of-run report on standard error.

use crate::model::{Document, Reason, WarningKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// The figures of one cleaned document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Bytes read.
    pub bytes: u64,
    /// Removed fragments by reason.
    pub removed: BTreeMap<Reason, usize>,
    /// Warnings by kind.
    pub warnings: BTreeMap<WarningKind, usize>,
}

impl Stats {
    /// The figures of `doc`.
    pub fn of(doc: &Document) -> Self {
        let mut s = Stats {
            bytes: doc.source.bytes as u64,
            ..Stats::default()
        };
        for r in &doc.removed {
            *s.removed.entry(r.reason).or_default() += 1;
        }
        for w in &doc.warnings {
            *s.warnings.entry(w.kind).or_default() += 1;
        }
        s
    }
}

/// Totals of a batch, added up in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// Documents cleaned.
    pub documents: usize,
    /// Documents skipped because their output was up to date (`--resume`).
    pub skipped: usize,
    /// Bytes of the documents cleaned.
    pub bytes: u64,
    /// Removed fragments by reason, over all documents.
    pub removed: BTreeMap<Reason, usize>,
    /// Warnings by kind, over all documents.
    pub warnings: BTreeMap<WarningKind, usize>,
    /// Inputs that failed: name (or record) and reason, in input order.
    pub failures: Vec<(String, String)>,
    /// Things left alone on purpose (a symlink out of the tree), one
    /// sentence each.
    pub notes: Vec<String>,
    /// Wall-clock time of the batch.
    pub elapsed: Duration,
    /// Review-index rows of the documents cleaned, in input order (when
    /// asked for).
    pub rows: Vec<crate::review::IndexRow>,
}

impl Summary {
    /// Adds a cleaned document's figures.
    pub fn add(&mut self, stats: &Stats) {
        self.documents += 1;
        self.bytes += stats.bytes;
        for (&r, &n) in &stats.removed {
            *self.removed.entry(r).or_default() += n;
        }
        for (&k, &n) in &stats.warnings {
            *self.warnings.entry(k).or_default() += n;
        }
    }

    /// Adds a failure.
    pub fn fail(&mut self, name: impl Into<String>, reason: impl Into<String>) {
        self.failures.push((name.into(), reason.into()));
    }

    /// Inputs seen: cleaned, skipped and failed.
    pub fn inputs(&self) -> usize {
        self.documents + self.skipped + self.failures.len()
    }

    /// The report, a few lines:
    ///
    /// ```text
    /// 33 documents, 1.52 MB in 0.80 s (1.90 MB/s); 0 skipped as up to date; 1 failed
    ///   removed: page_number 310, running_header 120, …
    ///   warnings: numbering_gap 4, …
    ///   failed: b.txt: b.txt:1: not a text file (NUL byte)
    /// ```
    ///
    /// MB are 10⁶ bytes.
    pub fn report(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let secs = self.elapsed.as_secs_f64();
        let speed = if secs > 0.0 { mb / secs } else { 0.0 };
        let mut s = format!(
            "{} document{}, {mb:.2} MB in {secs:.2} s ({speed:.2} MB/s)",
            self.documents,
            if self.documents == 1 { "" } else { "s" },
        );
        if self.skipped > 0 {
            let _ = write!(s, "; {} skipped as up to date", self.skipped);
        }
        if !self.failures.is_empty() {
            let _ = write!(s, "; {} failed", self.failures.len());
        }
        s.push('\n');
        counts(&mut s, "removed", &self.removed);
        counts(&mut s, "warnings", &self.warnings);
        for note in &self.notes {
            let _ = writeln!(s, "  skipped: {note}");
        }
        for line in self.failure_lines() {
            let _ = writeln!(s, "  failed: {line}");
        }
        s
    }

    /// One line per failure: the reason, after the input's name unless the
    /// reason names it already.
    pub fn failure_lines(&self) -> Vec<String> {
        self.failures
            .iter()
            .map(|(name, reason)| {
                if reason.starts_with(name.as_str()) {
                    reason.clone()
                } else {
                    format!("{name}: {reason}")
                }
            })
            .collect()
    }
}

/// `  label: a 3, b 1` for a non-empty count table, largest first.
fn counts<K: serde::Serialize>(s: &mut String, label: &str, table: &BTreeMap<K, usize>) {
    if table.is_empty() {
        return;
    }
    let mut rows: Vec<(String, usize)> = table.iter().map(|(k, &n)| (wire_name(k), n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let rows: Vec<String> = rows.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(s, "  {label}: {}", rows.join(", "));
}

/// The name a unit enum has in the JSON (`page_number`).
fn wire_name(k: &impl serde::Serialize) -> String {
    match serde_json::to_value(k) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_counts_by_reason_and_kind() {
        let doc = crate::run(
            "seed",
            &std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/seed/000_96aa845614dbe1bb.txt"
            ))
            .unwrap(),
        )
        .unwrap();
        let stats = Stats::of(&doc);
        let mut sum = Summary::default();
        sum.add(&stats);
        sum.add(&stats);
        sum.fail("b.txt", "b.txt:1: not a text file (NUL byte)");
        assert_eq!(sum.inputs(), 3);
        assert_eq!(sum.bytes, 2 * doc.source.bytes as u64);
        let urls = doc
            .removed
            .iter()
            .filter(|r| r.reason == Reason::Url)
            .count();
        assert!(urls > 0);
        let report = sum.report();
        assert!(report.starts_with("2 documents, "), "{report}");
        assert!(report.contains(&format!("url {}", 2 * urls)), "{report}");
        assert!(report.contains("; 1 failed\n"), "{report}");
        assert!(
            report.ends_with("  failed: b.txt:1: not a text file (NUL byte)\n"),
            "{report}"
        );
    }
}
