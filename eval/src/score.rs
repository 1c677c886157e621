//! The score of one case: the counts `score.py` sums over a set.

use crate::case::Case;
use crate::reference::{
    bare, has_text, kept_text, norm, ref_tree, spans, strip_marker, targets, tree, walk,
};
use docsift::Document;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Counts behind an F1 figure: `|pred ∩ truth|`, `|pred|`, `|truth|`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct F1Counts {
    /// Predicted items that are true.
    pub tp: usize,
    /// Predicted items.
    pub pred: usize,
    /// True items.
    pub truth: usize,
}

impl F1Counts {
    /// The counts of two sets.
    pub fn of<T: Eq + std::hash::Hash>(pred: &HashSet<T>, truth: &HashSet<T>) -> Self {
        F1Counts {
            tp: pred.intersection(truth).count(),
            pred: pred.len(),
            truth: truth.len(),
        }
    }

    pub(crate) fn add(&mut self, o: &F1Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.truth += o.truth;
    }

    /// F1 as `score.py`'s `micro`: empty sides count as perfect precision/recall.
    pub fn f1(&self) -> f64 {
        let p = ratio_or(self.tp, self.pred, 1.0);
        let r = ratio_or(self.tp, self.truth, 1.0);
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

pub(crate) fn ratio_or(a: usize, b: usize, empty: f64) -> f64 {
    if b == 0 {
        empty
    } else {
        a as f64 / b as f64
    }
}

/// A line of `noisy.md` scored wrongly, as `score.py --show` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    /// 1-based line of `noisy.md`.
    pub line: i64,
    /// The noise kind, for noise that was kept; `None` for text that was removed.
    pub kind: Option<String>,
    /// The line's first 60 characters.
    pub text: String,
}

/// The score of one case: the counts `score.py` sums.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CaseScore {
    /// Case name.
    pub name: String,
    /// Why the pipeline failed on `noisy.md` or `clean.md` (then nothing else
    /// is counted): the file and the error or panic message.
    pub failure: Option<String>,
    /// Removed lines that are noise.
    pub tp: usize,
    /// Removed lines that are not noise (kept text removed).
    pub false_removed: Vec<Miss>,
    /// Noise lines not removed, with their kind.
    pub missed: Vec<Miss>,
    /// Per noise kind: (removed, total).
    pub per_kind: BTreeMap<String, (usize, usize)>,
    /// Non-blank lines of `clean.md`.
    pub paras: usize,
    /// Of those, how many survive in the noisy run's kept text.
    pub kept: usize,
    /// Broken paragraphs.
    pub joins: usize,
    /// Of those, how many come out as one paragraph or heading.
    pub joined: usize,
    /// Boundaries between real paragraphs.
    pub bounds: usize,
    /// Boundaries lost inside output paragraphs.
    pub merged: usize,
    /// Tree of the clean run against the markers.
    pub tree_clean: F1Counts,
    /// Tree of the noisy run (mapped to clean lines) against the markers.
    pub tree_noisy: F1Counts,
    /// Targets of the noisy run against the clean run.
    pub targets: F1Counts,
}

impl CaseScore {
    /// The pipeline failed on one of the case's files.
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }
}

/// What the pipeline gave for one file: the document, or why it failed.
pub type Run = std::result::Result<Document, String>;

/// Scores one case given the pipeline's runs on `noisy.md` (`on`) and
/// `clean.md` (`oc`); a failed run fails the case with its reason.
pub fn score_case(case: &Case, on: &Run, oc: &Run) -> CaseScore {
    let mut s = CaseScore {
        name: case.name.clone(),
        ..CaseScore::default()
    };
    let (on, oc) = match (on, oc) {
        (Ok(on), Ok(oc)) => (on, oc),
        _ => {
            let why = [("noisy.md", on), ("clean.md", oc)]
                .into_iter()
                .filter_map(|(f, r)| r.as_ref().err().map(|e| format!("{f}: {e}")))
                .collect::<Vec<_>>();
            s.failure = Some(why.join("; "));
            return s;
        }
    };
    score_removal(case, on, &mut s);
    score_text(case, on, &mut s);
    let origin = &case.labels.origin;
    let reference = ref_tree(&case.clean_lines);
    s.tree_clean = F1Counts::of(&tree(oc, None), &reference);
    s.tree_noisy = F1Counts::of(&tree(on, Some(origin)), &reference);
    s.targets = F1Counts::of(&targets(on, Some(origin)), &targets(oc, None));
    s
}

/// Removal precision/recall counts, per kind, and the misses.
fn score_removal(case: &Case, on: &Document, s: &mut CaseScore) {
    let labels = &case.labels;
    let mut truth: BTreeMap<i64, String> = labels.noise.iter().cloned().collect();
    for &(a, b) in &labels.duplicate {
        for ln in a..=b {
            truth.insert(ln, "duplicate".into());
        }
    }
    let mut removed = HashSet::new();
    for r in &on.removed {
        // Only lines 1..=len count, so a runaway span costs nothing.
        for ln in r.lines[0].max(1)..=r.lines[1].min(case.noisy_lines.len()) {
            if has_text(&case.noisy_lines[ln - 1]) {
                removed.insert(ln as i64);
            }
        }
    }
    s.tp = removed.iter().filter(|l| truth.contains_key(l)).count();
    let miss = |line: i64, kind: Option<&String>| Miss {
        line,
        kind: kind.cloned(),
        text: usize::try_from(line - 1)
            .ok()
            .and_then(|i| case.noisy_lines.get(i))
            .map(|t| t.chars().take(60).collect())
            .unwrap_or_default(),
    };
    let mut fp: Vec<i64> = removed
        .iter()
        .copied()
        .filter(|l| !truth.contains_key(l))
        .collect();
    fp.sort_unstable();
    s.false_removed = fp.into_iter().map(|line| miss(line, None)).collect();
    s.missed = truth
        .iter()
        .filter(|(l, _)| !removed.contains(*l))
        .map(|(&line, k)| miss(line, Some(k)))
        .collect();
    for (ln, k) in &truth {
        let pk = s.per_kind.entry(k.clone()).or_default();
        pk.1 += 1;
        pk.0 += usize::from(removed.contains(ln));
    }
}

/// Kept text, joins and paragraph bounds of the noisy run.
fn score_text(case: &Case, on: &Document, s: &mut CaseScore) {
    let kept = kept_text(on);
    let real: Vec<String> = case
        .clean_lines
        .iter()
        .filter(|p| has_text(p))
        .map(|p| norm(strip_marker(bare(p))))
        .collect();
    s.paras = real.len();
    s.kept = real.iter().filter(|p| kept.contains(p.as_str())).count();

    let sp = spans(on);
    let nodes = walk(&on.sections);
    for &(a, b) in &case.labels.joins {
        s.joins += 1;
        let covers = |l: [usize; 2]| (l[0] as i64) <= a && (l[1] as i64) >= b;
        s.joined += usize::from(
            sp.iter().any(|&l| covers(l)) || nodes.iter().any(|(n, _)| covers(n.lines)),
        );
    }
    let origin = &case.labels.origin;
    let clean_lines: HashSet<i64> = origin.values().copied().collect();
    s.bounds = clean_lines.len().saturating_sub(1);
    let last_origin = origin.keys().copied().max().unwrap_or(0).max(0) as usize;
    for l in &sp {
        let covered: HashSet<i64> = (l[0]..=l[1].min(last_origin))
            .filter_map(|ln| origin.get(&(ln as i64)).copied())
            .collect();
        s.merged += covered.len().saturating_sub(1);
    }
}
