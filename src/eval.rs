//! In-project evaluation: a faithful Rust port of `shared/eval/score.py`.
//!
//! A case directory holds `clean.md`, `noisy.md` and `labels.json` (made by
//! `shared/eval/inject.py`). For every case the pipeline is run in-process on
//! `noisy.md` and on `clean.md`, and the same figures as `score.py` are computed:
//! removal precision/recall (and recall per noise kind), kept, joins, bounds,
//! tree F1 (clean and noisy) and targets F1. [`Figures::summary_line`] prints
//! them in exactly `score.py`'s last-line format, so the two can be diffed.
//!
//! Known deviations from the Python, all outside what docsift emits today:
//! `str()` of non-integer numbers and of strings nested in metadata lists is
//! approximated, and the pipeline has no 120 s timeout.

use crate::error::{Error, Result};
use crate::model::{Document, Node, Qualifier};
use rayon::prelude::*;
use regex::Regex;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

// ---------------------------------------------------------------------------
// The helpers of inject.py / score.py, one for one.

/// `inject.MARKER` without its look-ahead (emulated in [`marker`]).
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:第[一二三四五六七八九十百]+[章节条项部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])",
    )
    .expect("MARKER")
});
/// `inject.DECOR`; Python's `\s` also matches U+001C–U+001F.
static DECOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#+[\s\x1c-\x1f]*|\*\*)").expect("DECOR"));
/// `score.PUNCT`: Python's `[\s#\W_]` is exactly "not a letter or number".
static PUNCT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\p{L}\p{N}]+").expect("PUNCT"));
static CN_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[一二三四五六七八九十百]+").expect("CN_RUN"));
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("DIGITS"));
static ND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").expect("ND"));

fn is_nd(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && ND.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The value of a Unicode decimal digit: decimal digits are encoded in runs of
/// ten starting at zero, so it is the count of digits before it in its run.
fn nd_value(c: char) -> i64 {
    if let Some(d) = c.to_digit(10) {
        return d as i64;
    }
    let mut k = 0;
    let mut cp = c as u32;
    while let Some(prev) = cp.checked_sub(1).and_then(char::from_u32) {
        if !is_nd(prev) {
            break;
        }
        k += 1;
        cp -= 1;
    }
    k % 10
}

/// Python's `str.isspace`.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's truthiness of `s.strip()`.
fn has_text(s: &str) -> bool {
    !s.chars().all(py_space)
}

/// `inject.bare`: the text without leading Markdown decoration.
pub fn bare(text: &str) -> &str {
    match DECOR.find(text) {
        Some(m) => &text[m.end()..],
        None => text,
    }
}

/// `MARKER.match(text)`: the numbering marker opening `text`, if any.
pub fn marker(text: &str) -> Option<&str> {
    let m = MARKER.find(text)?;
    let s = m.as_str();
    // `\d+[.．、](?!\d)`: a digit marker must not be followed by a digit.
    if s.chars().next().is_some_and(is_nd) && text[m.end()..].chars().next().is_some_and(is_nd) {
        return None;
    }
    Some(s)
}

/// `MARKER.sub("", text)`.
fn strip_marker(text: &str) -> &str {
    marker(text).map_or(text, |m| &text[m.len()..])
}

/// `score.norm`: only letters and numbers are kept.
pub fn norm(s: &str) -> String {
    PUNCT.replace_all(s, "").into_owned()
}

const CN: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn cn_digit(s: &str) -> Option<i64> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => CN.iter().position(|&d| d == c).map(|i| i as i64),
        _ => None,
    }
}

/// `score.cn_number`.
pub fn cn_number(s: &str) -> i64 {
    if !s.is_empty() && s.chars().all(is_nd) {
        return s.chars().fold(0i64, |v, c| {
            v.saturating_mul(10).saturating_add(nd_value(c))
        });
    }
    if s == "十" {
        return 10;
    }
    if let Some(rest) = s.strip_prefix('十') {
        let second = rest.chars().next().map(String::from).unwrap_or_default();
        return 10 + cn_digit(&second).unwrap_or(0);
    }
    if let Some((a, b)) = s.split_once('十') {
        return cn_digit(a).unwrap_or(0) * 10
            + if b.is_empty() {
                0
            } else {
                cn_digit(b).unwrap_or(0)
            };
    }
    cn_digit(s).unwrap_or(-1)
}

/// `score.marker_ordinal`.
pub fn marker_ordinal(m: &str) -> i64 {
    let d: String = m
        .chars()
        .filter(|c| !"第章节条项部分、.．（）()".contains(*c))
        .collect();
    cn_number(&d)
}

/// `score.family`: 第一章 → 第N章, （三） → （N）, 12. → N., （2） → （Nd）.
pub fn family(marker: &str) -> String {
    let fam = CN_RUN.replace_all(marker, "N");
    let fam = DIGITS
        .replace_all(&fam, "Nd")
        .replace('(', "（")
        .replace(')', "）")
        .replace('．', ".");
    match fam.as_str() {
        "Nd." | "Nd、" => "N.".into(),
        _ => fam,
    }
}

/// `score.rank`: 编/篇/部分 > 章 > 节 > 条 > 一、 > （一） > 1. > （1）.
pub fn rank(fam: &str) -> u8 {
    match fam {
        "第N编" | "第N篇" | "第N部分" => 0,
        "第N章" => 1,
        "第N节" => 2,
        "第N条" | "第N项" => 3,
        "N、" => 4,
        "（N）" => 5,
        "N." => 6,
        "（Nd）" => 7,
        _ => 8,
    }
}

/// A (line, ordinal, parent line) triple of the tree figure.
pub type TreeKey = (i64, i64, i64);

/// `score.ref_tree`: the reference hierarchy from the markers of `clean.md`.
pub fn ref_tree(clean_lines: &[String]) -> HashSet<TreeKey> {
    let mut stack: Vec<(u8, i64)> = Vec::new();
    let mut out = HashSet::new();
    for (i, text) in clean_lines.iter().enumerate() {
        let ln = i as i64 + 1;
        let Some(m) = marker(bare(text)) else {
            continue;
        };
        let r = rank(&family(m));
        while stack.last().is_some_and(|&(sr, _)| sr >= r) {
            stack.pop();
        }
        out.insert((ln, marker_ordinal(m), stack.last().map_or(0, |&(_, l)| l)));
        stack.push((r, ln));
    }
    out
}

/// `score.walk`: every node in pre-order with its parent.
fn walk(nodes: &[Node]) -> Vec<(&Node, Option<&Node>)> {
    fn rec<'a>(
        nodes: &'a [Node],
        parent: Option<&'a Node>,
        out: &mut Vec<(&'a Node, Option<&'a Node>)>,
    ) {
        for n in nodes {
            out.push((n, parent));
            rec(&n.children, Some(n), out);
        }
    }
    let mut out = Vec::new();
    rec(nodes, None, &mut out);
    out
}

/// Metadata fields in serialisation order (Python's dicts keep JSON order).
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = m.next_entry::<String, Value>()? {
                    v.push(e);
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_map(V)
    }
}

/// Python's `repr` of a JSON value (strings approximated as `'…'`).
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) if n.is_f64() => {
            let s = format!("{:?}", n.as_f64().unwrap_or(0.0));
            match s.split_once('e') {
                Some((m, e)) => {
                    let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                    format!("{m}e{sign}{digits:0>2}")
                }
                None => s,
            }
        }
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{s}'"),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `str` of a JSON value.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => py_repr(v),
    }
}

/// `score.kept_text`: all text kept in metadata, preamble and sections, normalised.
pub fn kept_text(out: &Document) -> String {
    let md = serde_json::to_string(&out.metadata)
        .ok()
        .and_then(|s| serde_json::from_str::<Ordered>(&s).ok())
        .map_or_else(Vec::new, |o| o.0);
    let mut parts: Vec<String> = md
        .iter()
        .filter_map(|(_, v)| v.as_str().map(String::from))
        .collect();
    for (_, v) in &md {
        if let Value::Array(a) = v {
            parts.extend(a.iter().map(py_str));
        }
    }
    parts.extend(out.preamble.iter().map(|p| p.text.clone()));
    for (n, _) in walk(&out.sections) {
        parts.push(n.title.clone().unwrap_or_default());
        parts.extend(n.paragraphs.iter().map(|p| p.text.clone()));
    }
    norm(&parts.concat())
}

/// `score.spans`: line spans of all paragraphs, preamble first.
fn spans(out: &Document) -> Vec<[usize; 2]> {
    let mut v: Vec<[usize; 2]> = out.preamble.iter().map(|p| p.lines).collect();
    for (n, _) in walk(&out.sections) {
        v.extend(n.paragraphs.iter().map(|p| p.lines));
    }
    v
}

/// `origin.get(str(ln), default)`.
fn map_line(origin: &HashMap<i64, i64>, ln: i64, default: i64) -> i64 {
    origin.get(&ln).copied().unwrap_or(default)
}

/// `score.tree`: (line, ordinal, parent line) of every non-inferred node,
/// lines mapped through `origin` when given.
pub fn tree(out: &Document, origin: Option<&HashMap<i64, i64>>) -> HashSet<TreeKey> {
    let mut s = HashSet::new();
    for (n, p) in walk(&out.sections) {
        if n.inferred {
            continue;
        }
        let mut ln = n.lines[0] as i64;
        // An inferred parent has no source line: compare against 0.
        let mut pl = match p {
            Some(q) if !q.inferred => q.lines[0] as i64,
            _ => 0,
        };
        if let Some(o) = origin {
            ln = map_line(o, ln, -ln);
            pl = map_line(o, pl, if pl == 0 { 0 } else { -pl });
        }
        s.insert((ln, n.ordinal as i64, pl));
    }
    s
}

/// A (node line, value, unit, qualifier) tuple of the targets figure; the
/// value is its bit pattern (`None` for what JSON writes as `null`).
pub type TargetKey = (i64, Option<u64>, Option<String>, Qualifier);

/// `score.targets`: the targets of all nodes, keyed by their node's line.
pub fn targets(out: &Document, origin: Option<&HashMap<i64, i64>>) -> HashSet<TargetKey> {
    let mut s = HashSet::new();
    for (n, _) in walk(&out.sections) {
        let mut ln = n.lines[0] as i64;
        if let Some(o) = origin {
            ln = map_line(o, ln, -ln);
        }
        for t in &n.targets {
            // serde_json writes non-finite numbers as null; -0.0 == 0.0 in Python.
            let v = t.value.is_finite().then(|| (t.value + 0.0).to_bits());
            s.insert((ln, v, t.unit.clone(), t.qualifier));
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Cases and their scores.

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

    fn add(&mut self, o: &F1Counts) {
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

fn ratio_or(a: usize, b: usize, empty: f64) -> f64 {
    if b == 0 {
        empty
    } else {
        a as f64 / b as f64
    }
}

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
        name: path.display().to_string(),
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
        name: path.display().to_string(),
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
    /// The pipeline failed on `noisy.md` or `clean.md`; nothing else is counted.
    pub failed: bool,
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

/// Scores one case given the pipeline's output on `noisy.md` (`on`) and
/// `clean.md` (`oc`); `None` means the pipeline failed.
pub fn score_case(case: &Case, on: Option<&Document>, oc: Option<&Document>) -> CaseScore {
    let mut s = CaseScore {
        name: case.name.clone(),
        ..CaseScore::default()
    };
    let (Some(on), Some(oc)) = (on, oc) else {
        s.failed = true;
        return s;
    };
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
    let snippet = |ln: i64| -> String {
        usize::try_from(ln - 1)
            .ok()
            .and_then(|i| case.noisy_lines.get(i))
            .map(|t| t.chars().take(60).collect())
            .unwrap_or_default()
    };
    let mut fp: Vec<i64> = removed
        .iter()
        .copied()
        .filter(|l| !truth.contains_key(l))
        .collect();
    fp.sort_unstable();
    s.false_removed = fp
        .into_iter()
        .map(|line| Miss {
            line,
            kind: None,
            text: snippet(line),
        })
        .collect();
    s.missed = truth
        .iter()
        .filter(|(l, _)| !removed.contains(*l))
        .map(|(&line, k)| Miss {
            line,
            kind: Some(k.clone()),
            text: snippet(line),
        })
        .collect();
    for (ln, k) in &truth {
        let pk = s.per_kind.entry(k.clone()).or_default();
        pk.1 += 1;
        pk.0 += usize::from(removed.contains(ln));
    }

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
    for &(a, b) in &labels.joins {
        s.joins += 1;
        let covers = |l: [usize; 2]| (l[0] as i64) <= a && (l[1] as i64) >= b;
        s.joined += usize::from(
            sp.iter().any(|&l| covers(l)) || nodes.iter().any(|(n, _)| covers(n.lines)),
        );
    }
    let origin = &labels.origin;
    let clean_lines: HashSet<i64> = origin.values().copied().collect();
    s.bounds = clean_lines.len().saturating_sub(1);
    let last_origin = origin.keys().copied().max().unwrap_or(0).max(0) as usize;
    for l in &sp {
        let covered: HashSet<i64> = (l[0]..=l[1].min(last_origin))
            .filter_map(|ln| origin.get(&(ln as i64)).copied())
            .collect();
        s.merged += covered.len().saturating_sub(1);
    }

    let reference = ref_tree(&case.clean_lines);
    s.tree_clean = F1Counts::of(&tree(oc, None), &reference);
    s.tree_noisy = F1Counts::of(&tree(on, Some(origin)), &reference);
    s.targets = F1Counts::of(&targets(on, Some(origin)), &targets(oc, None));
    s
}

// ---------------------------------------------------------------------------
// Totals.

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
            if c.failed {
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

/// Python's `f"{x:.{p}f}"`: rounds the exact binary value half to even.
fn py_fixed(x: f64, p: usize) -> String {
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

impl fmt::Display for Figures {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let sum = |g: fn(&CaseScore) -> usize| -> usize {
            self.per_case.iter().filter(|c| !c.failed).map(g).sum()
        };
        let (tp, fp, fn_) = (
            sum(|c| c.tp),
            sum(|c| c.false_removed.len()),
            sum(|c| c.missed.len()),
        );
        writeln!(f, "{} cases, {} failed", self.cases, self.failed)?;
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
            for c in self.per_case.iter().filter(|c| !c.failed) {
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

// ---------------------------------------------------------------------------
// Running.

/// The case directories under `dir` (those holding `labels.json`), sorted by name.
pub fn case_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| Error::Io {
        name: dir.display().to_string(),
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

/// Runs the library on one file as `docsift clean FILE` would; `None` when it
/// fails, errs or panics.
pub fn run_file(path: &Path) -> Option<Document> {
    let bytes = std::fs::read(path).ok()?;
    let name = path.display().to_string();
    std::panic::catch_unwind(|| crate::pipeline::run(&name, &bytes))
        .ok()?
        .ok()
}

/// Scores the library on every case under `dir`, in parallel; totals are
/// summed in case-name order, so the result is deterministic.
pub fn evaluate_dir(dir: impl AsRef<Path>) -> Result<Figures> {
    evaluate_dir_with(dir, run_file)
}

/// Like [`evaluate_dir`], with `runner` standing in for the pipeline: it gets
/// the path of `noisy.md` or `clean.md` and returns the document, or `None`
/// for a failure.
pub fn evaluate_dir_with<F>(dir: impl AsRef<Path>, runner: F) -> Result<Figures>
where
    F: Fn(&Path) -> Option<Document> + Sync,
{
    let dirs = case_dirs(dir.as_ref())?;
    let scores = dirs
        .par_iter()
        .map(|d| {
            let case = Case::load(d)?;
            let on = runner(&case.noisy_path);
            let oc = runner(&case.clean_path);
            Ok(score_case(&case, on.as_ref(), oc.as_ref()))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Figures::from_cases(scores))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_ordinals() {
        assert_eq!(marker("一、总体要求"), Some("一、"));
        assert_eq!(marker("（十二）深化"), Some("（十二）"));
        assert_eq!(marker("(3)项目"), Some("(3)"));
        assert_eq!(marker("12.建设"), Some("12."));
        assert_eq!(marker("１２．建设"), Some("１２．"));
        assert_eq!(
            marker("3.5亿元"),
            None,
            "look-ahead: a decimal is no marker"
        );
        assert_eq!(marker("第十二条 规定"), Some("第十二条"));
        // As in inject.py: `[章节条项部分]` is one character, so 第一部分 matches as 第一部.
        assert_eq!(marker("第一部分"), Some("第一部"));
        assert_eq!(marker("总体要求"), None);
        assert_eq!(bare("## 一、总体"), "一、总体");
        assert_eq!(bare("**（一）"), "（一）");
        assert_eq!(marker_ordinal("第十二条"), 12);
        assert_eq!(marker_ordinal("二十三、"), 23);
        assert_eq!(marker_ordinal("（十）"), 10);
        assert_eq!(marker_ordinal("１２．"), 12);
        assert_eq!(
            marker_ordinal("第一百条"),
            -1,
            "score.py's cn_number has no 百"
        );
        assert_eq!(family("第一章"), "第N章");
        assert_eq!(family("(三)"), "（N）");
        assert_eq!(family("12、"), "N.");
        assert_eq!(family("（2）"), "（Nd）");
        assert_eq!(rank(&family("第一部分")), 0);
        assert_eq!(rank(&family("第一部")), 8);
        assert_eq!(rank(&family("一、")), 4);
        assert_eq!(norm("## 一、总体 要求_(a)。"), "一总体要求a");
    }

    #[test]
    fn ref_tree_nests_by_rank() {
        let lines: Vec<String> = [
            "标题",
            "",
            "一、甲",
            "（一）乙",
            "1.丙",
            "（二）丁",
            "二、戊",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = ref_tree(&lines);
        let want: HashSet<TreeKey> = [(3, 1, 0), (4, 1, 3), (5, 1, 4), (6, 2, 3), (7, 2, 0)]
            .into_iter()
            .collect();
        assert_eq!(t, want);
    }

    #[test]
    fn python_rounding() {
        assert_eq!(py_fixed(0.0625, 3), "0.062");
        assert_eq!(py_fixed(0.125, 2), "0.12");
        assert_eq!(py_fixed(0.375, 2), "0.38");
        assert_eq!(py_fixed(2.0 / 3.0, 3), "0.667");
        assert_eq!(py_fixed(1.0, 4), "1.0000");
    }
}
