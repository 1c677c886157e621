//! Totals over a set of cases: every figure of `score.py`, its last lines
//! byte for byte, and a readable table.

use crate::py_fixed;
use crate::score::{ratio_or, CaseScore, F1Counts};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Removal recall of one noise kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindRecall {
    /// Noise lines of this kind removed.
    pub removed: usize,
    /// Noise lines of this kind.
    pub total: usize,
    /// `removed / total`.
    pub recall: f64,
}

/// All figures of `score.py` for a case directory, with the counts behind them.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    /// Cases found.
    pub cases: usize,
    /// Cases where the pipeline failed.
    pub failed: usize,
    /// Removed noise lines / removed lines.
    pub removal_precision: f64,
    /// Removed noise lines / noise lines.
    pub removal_recall: f64,
    /// Removal recall per noise kind.
    pub recall_by_kind: BTreeMap<String, KindRecall>,
    /// Share of clean paragraphs whose text survives.
    pub kept: f64,
    /// Share of broken paragraphs joined again.
    pub joins: f64,
    /// Share of paragraph boundaries kept.
    pub bounds: f64,
    /// Tree F1 of the clean run.
    pub tree_clean_f1: f64,
    /// Tree F1 of the noisy run.
    pub tree_noisy_f1: f64,
    /// Targets F1 of the noisy run against the clean run.
    pub targets_f1: f64,
    /// Per-case counts, sorted by case name.
    pub per_case: Vec<CaseScore>,
}

impl Figures {
    /// Sums case scores (in the order given) into figures, as `score.py` does.
    pub fn from_cases(per_case: Vec<CaseScore>) -> Figures {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        let (mut paras, mut kept, mut joins, mut joined, mut bounds, mut merged) =
            (0, 0, 0, 0, 0, 0);
        let (mut tc, mut tn, mut tg) = (
            F1Counts::default(),
            F1Counts::default(),
            F1Counts::default(),
        );
        let mut kinds: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut failed = 0;
        for c in &per_case {
            if c.failed() {
                failed += 1;
                continue;
            }
            tp += c.tp;
            fp += c.false_removed.len();
            fn_ += c.missed.len();
            for (k, (r, t)) in &c.per_kind {
                let e = kinds.entry(k.clone()).or_default();
                e.0 += r;
                e.1 += t;
            }
            paras += c.paras;
            kept += c.kept;
            joins += c.joins;
            joined += c.joined;
            bounds += c.bounds;
            merged += c.merged;
            tc.add(&c.tree_clean);
            tn.add(&c.tree_noisy);
            tg.add(&c.targets);
        }
        Figures {
            cases: per_case.len(),
            failed,
            removal_precision: ratio_or(tp, tp + fp, 1.0),
            removal_recall: ratio_or(tp, tp + fn_, 1.0),
            recall_by_kind: kinds
                .into_iter()
                .map(|(k, (removed, total))| {
                    let recall = ratio_or(removed, total, 1.0);
                    (
                        k,
                        KindRecall {
                            removed,
                            total,
                            recall,
                        },
                    )
                })
                .collect(),
            kept: ratio_or(kept, paras, 0.0),
            joins: ratio_or(joined, joins, 1.0),
            bounds: if bounds == 0 {
                1.0
            } else {
                1.0 - merged as f64 / bounds as f64
            },
            tree_clean_f1: tc.f1(),
            tree_noisy_f1: tn.f1(),
            targets_f1: tg.f1(),
            per_case,
        }
    }

    /// The lowest per-kind removal recall (1.0 when there is no noise).
    pub fn min_kind_recall(&self) -> f64 {
        self.recall_by_kind
            .values()
            .map(|k| k.recall)
            .fold(1.0, f64::min)
    }

    /// `score.py`'s last two lines: recall by kind, then the figures.
    pub fn summary_line(&self) -> String {
        let kinds: Vec<String> = self
            .recall_by_kind
            .iter()
            .map(|(k, v)| format!("{k} {}/{}", v.removed, v.total))
            .collect();
        format!(
            "recall by kind: {}\ncases {} failed {} | removal P {} R {} | kept {} | joins {} bounds {} | tree clean F1 {} noisy F1 {} | targets F1 {}",
            kinds.join(", "),
            self.cases,
            self.failed,
            py_fixed(self.removal_precision, 3),
            py_fixed(self.removal_recall, 3),
            py_fixed(self.kept, 4),
            py_fixed(self.joins, 3),
            py_fixed(self.bounds, 3),
            py_fixed(self.tree_clean_f1, 3),
            py_fixed(self.tree_noisy_f1, 3),
            py_fixed(self.targets_f1, 3),
        )
    }

    /// Every failed case with the reason: `name: noisy.md: …`.
    pub fn failures(&self) -> Vec<String> {
        self.per_case
            .iter()
            .filter_map(|c| Some(format!("{}: {}", c.name, c.failure.as_ref()?)))
            .collect()
    }

    /// Up to `n` misses per case, as `score.py --show n` prints them.
    pub fn misses(&self, n: usize) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.per_case {
            for m in c.false_removed.iter().take(n) {
                out.push(format!(
                    "{}: kept-text removed, line {}: {}",
                    c.name, m.line, m.text
                ));
            }
            for m in c.missed.iter().take(n) {
                let kind = m.kind.as_deref().unwrap_or("");
                out.push(format!(
                    "{}: noise kept ({kind}), line {}: {}",
                    c.name, m.line, m.text
                ));
            }
        }
        out
    }
}

impl fmt::Display for Figures {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let sum = |g: fn(&CaseScore) -> usize| -> usize {
            self.per_case.iter().filter(|c| !c.failed()).map(g).sum()
        };
        let (tp, fp, fn_) = (
            sum(|c| c.tp),
            sum(|c| c.false_removed.len()),
            sum(|c| c.missed.len()),
        );
        writeln!(f, "{} cases, {} failed", self.cases, self.failed)?;
        for c in &self.per_case {
            if let Some(why) = &c.failure {
                writeln!(f, "failed {}: {why}", c.name)?;
            }
        }
        writeln!(f, "{:<28} {:>7}  counts", "figure", "value")?;
        let row = |f: &mut fmt::Formatter, name: &str, v: f64, counts: String| {
            writeln!(f, "{name:<28} {v:>7.4}  {counts}")
        };
        row(
            f,
            "removal precision",
            self.removal_precision,
            format!("{tp}/{}", tp + fp),
        )?;
        row(
            f,
            "removal recall",
            self.removal_recall,
            format!("{tp}/{}", tp + fn_),
        )?;
        for (k, v) in &self.recall_by_kind {
            row(
                f,
                &format!("  recall {k}"),
                v.recall,
                format!("{}/{}", v.removed, v.total),
            )?;
        }
        row(
            f,
            "kept",
            self.kept,
            format!("{}/{}", sum(|c| c.kept), sum(|c| c.paras)),
        )?;
        row(
            f,
            "joins",
            self.joins,
            format!("{}/{}", sum(|c| c.joined), sum(|c| c.joins)),
        )?;
        row(
            f,
            "bounds",
            self.bounds,
            format!("{} merged of {}", sum(|c| c.merged), sum(|c| c.bounds)),
        )?;
        let f1c = |g: fn(&CaseScore) -> F1Counts| {
            let mut t = F1Counts::default();
            for c in self.per_case.iter().filter(|c| !c.failed()) {
                t.add(&g(c));
            }
            format!("tp {} pred {} truth {}", t.tp, t.pred, t.truth)
        };
        row(
            f,
            "tree F1 clean",
            self.tree_clean_f1,
            f1c(|c| c.tree_clean),
        )?;
        row(
            f,
            "tree F1 noisy",
            self.tree_noisy_f1,
            f1c(|c| c.tree_noisy),
        )?;
        row(f, "targets F1", self.targets_f1, f1c(|c| c.targets))?;
        write!(f, "{}", self.summary_line())
    }
}
