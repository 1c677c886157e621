//! The helpers of `score.py` (and `inject.py`'s `bare`), one for one: how the
//! scorer reads markers, builds the reference tree and collects the kept text,
//! tree and targets of a docsift document.
//!
//! `score.py`'s `SCORE_MARKER` uses look-ahead, which the `regex` crate lacks;
//! [`marker`] emulates it alternative by alternative. Every quantifier of the
//! emulated alternatives is followed by a character it cannot match, so
//! Python's backtracking never finds a shorter match than the greedy one and
//! the greedy reading is exact.

use docsift::model::{Document, Node, Qualifier};
use regex::Regex;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

/// `score.NUM_CN`: the characters of Chinese numerals in `第…条` markers.
const NUM_CN: &str = "零〇一二三四五六七八九十百千";

/// The alternatives of `SCORE_MARKER` that need no look-ahead: `第…编/条/…`,
/// `一、` and `（一）`.
static CN_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:第[{NUM_CN}]+(?:分编|编|篇|部分|章|节|条|项)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
    ))
    .expect("CN_MARKER")
});
/// `inject.DECOR`; Python's `\s` also matches U+001C–U+001F.
static DECOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#+[\s\x1c-\x1f]*|\*\*)").expect("DECOR"));
/// `score.PUNCT`: Python's `[\s#\W_]` is exactly "not a letter or number".
static PUNCT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\p{L}\p{N}]+").expect("PUNCT"));
static NUM_CN_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("[{NUM_CN}]+")).expect("NUM_CN_RUN"));
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("DIGITS"));
static ND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").expect("ND"));

/// Python's `\d` in a `str` pattern: a Unicode decimal digit.
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

/// Python's `int()` of a run of decimal digits (saturating).
fn py_int(s: &str) -> i64 {
    s.chars().fold(0i64, |v, c| {
        v.saturating_mul(10).saturating_add(nd_value(c))
    })
}

/// Python's `str.isspace` of one character (and so `\s`).
pub(crate) fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's truthiness of `s.strip()`.
pub(crate) fn has_text(s: &str) -> bool {
    !s.chars().all(py_space)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `inject.bare`: the text without leading Markdown decoration.
pub fn bare(text: &str) -> &str {
    match DECOR.find(text) {
        Some(m) => &text[m.end()..],
        None => text,
    }
}

/// Byte length of the run of decimal digits opening `s`, at most `max` digits.
fn digits_len(s: &str, max: usize) -> usize {
    s.char_indices()
        .take(max)
        .take_while(|&(_, c)| is_nd(c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// `\d{1,2}(?:[.．]\d{1,2}){1,3}(?=[\s　]|[\u4e00-\u9fff])(?![万亿千百元个倍米吨年月日人次多余])`.
fn decimal_marker(text: &str) -> Option<usize> {
    let mut end = digits_len(text, 2);
    if end == 0 || text[end..].starts_with(is_nd) {
        return None;
    }
    let mut groups = 0;
    while groups < 3 {
        let rest = &text[end..];
        let Some(dot) = rest.chars().next().filter(|c| matches!(c, '.' | '．')) else {
            break;
        };
        let d = digits_len(&rest[dot.len_utf8()..], 2);
        if d == 0 {
            break;
        }
        end += dot.len_utf8() + d;
        groups += 1;
    }
    let next = text[end..].chars().next()?;
    let ok = groups > 0
        && !is_nd(next)
        && !matches!(next, '.' | '．')
        && (py_space(next) || is_han(next))
        && !"万亿千百元个倍米吨年月日人次多余".contains(next);
    ok.then_some(end)
}

/// `\d+[.．、](?!\d)`.
fn dot_marker(text: &str) -> Option<usize> {
    let d = digits_len(text, usize::MAX);
    let sep = text[d..].chars().next()?;
    if d == 0 || !matches!(sep, '.' | '．' | '、') {
        return None;
    }
    let end = d + sep.len_utf8();
    (!text[end..].starts_with(is_nd)).then_some(end)
}

/// `[（(]\d+[）)]`.
fn paren_digit_marker(text: &str) -> Option<usize> {
    let open = text.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let start = open.len_utf8();
    let d = digits_len(&text[start..], usize::MAX);
    let close = text[start + d..].chars().next()?;
    (d > 0 && matches!(close, '）' | ')')).then(|| start + d + close.len_utf8())
}

/// `\d{1,2}[\s　]+(?=[\u4e00-\u9fff][^。，；：]{0,14}$)`: a bare top-level
/// number before a short title (`1　总则`).
fn bare_number_marker(text: &str) -> Option<usize> {
    let d = digits_len(text, 2);
    if d == 0 {
        return None;
    }
    let spaces: usize = text[d..]
        .chars()
        .take_while(|&c| py_space(c))
        .map(char::len_utf8)
        .sum();
    let end = d + spaces;
    let mut rest = text[end..].chars();
    let ok = spaces > 0
        && rest.next().is_some_and(is_han)
        && rest.clone().count() <= 14
        && rest.all(|c| !"。，；：".contains(c));
    ok.then_some(end)
}

/// `SCORE_MARKER.match(text)`: the numbering marker opening `text`, if any.
pub fn marker(text: &str) -> Option<&str> {
    if let Some(m) = CN_MARKER.find(text) {
        return Some(m.as_str());
    }
    let end = decimal_marker(text)
        .or_else(|| dot_marker(text))
        .or_else(|| paren_digit_marker(text))
        .or_else(|| bare_number_marker(text))?;
    Some(&text[..end])
}

/// `SCORE_MARKER.sub("", text)` (the pattern is anchored: one marker at most).
pub fn strip_marker(text: &str) -> &str {
    marker(text).map_or(text, |m| &text[m.len()..])
}

/// `score.norm`: only letters and numbers are kept.
pub fn norm(s: &str) -> String {
    PUNCT.replace_all(s, "").into_owned()
}

/// `score.cn_number`: 十二 → 12, 一百零五 → 105, 一千零三十九 → 1039, Arabic
/// digits as they read; -1 when unreadable.
pub fn cn_number(s: &str) -> i64 {
    if !s.is_empty() && s.chars().all(is_nd) {
        return py_int(s);
    }
    const CN: &str = "零一二三四五六七八九";
    if s.is_empty()
        || s.chars()
            .any(|c| !CN.contains(c) && !"十百千〇".contains(c))
    {
        return -1;
    }
    let (mut total, mut cur) = (0i64, 0i64);
    for c in s.chars() {
        match c {
            '零' | '〇' => {}
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += if cur == 0 { 1 } else { cur } * unit;
                cur = 0;
            }
            _ => cur = CN.chars().position(|d| d == c).unwrap_or(0) as i64,
        }
    }
    total + cur
}

/// Python's `s.strip()`.
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_space)
}

/// The digit runs of `\d{1,2}(?:[.．]\d{1,2}){k}` when `s` is exactly that
/// (`min_groups..=3` groups), else `None`.
fn decimal_parts(s: &str, min_groups: usize) -> Option<Vec<&str>> {
    let parts: Vec<&str> = s.split(['.', '．']).collect();
    let ok = (min_groups + 1..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(is_nd));
    ok.then_some(parts)
}

/// `score.marker_ordinal`.
pub fn marker_ordinal(m: &str) -> i64 {
    let m = py_strip(m);
    if let Some(parts) = decimal_parts(m, 0) {
        return parts.last().map_or(-1, |p| py_int(p));
    }
    let d: String = m
        .chars()
        .filter(|&c| !"第章节条项部分编篇、.．（）()　".contains(c) && !py_space(c))
        .collect();
    cn_number(&d)
}

/// `score.family`: 第一章 → 第N章, （三） → （N）, 12. → N., （2） → （Nd）,
/// `1　` → N_, 1.1 → N.N.
pub fn family(marker: &str) -> String {
    let d = digits_len(marker, 2);
    if d > 0 && marker.len() > d && marker[d..].chars().all(py_space) {
        return "N_".into();
    }
    let marker = py_strip(marker);
    if let Some(parts) = decimal_parts(marker, 1) {
        return format!("N{}", ".N".repeat(parts.len() - 1));
    }
    let fam = NUM_CN_RUN.replace_all(marker, "N");
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

/// `score.rank`, times ten (the Python ranks have one decimal):
/// 编/篇/部分 > 分编 > 章 > 节 > 条 > 一、 > （一） > `1　` > 1.1 > 1. > （1）.
pub fn rank(fam: &str) -> u8 {
    match fam {
        "第N编" | "第N篇" | "第N部分" => 0,
        "第N分编" => 5,
        "第N章" => 10,
        "第N节" => 20,
        "第N条" | "第N项" => 30,
        "N、" => 40,
        "（N）" => 50,
        "N_" => 54,
        "N.N" => 55,
        "N.N.N" => 56,
        "N.N.N.N" => 57,
        "N." => 60,
        "（Nd）" => 70,
        _ => 80,
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
pub(crate) fn walk(nodes: &[Node]) -> Vec<(&Node, Option<&Node>)> {
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
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ordered, A::Error> {
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
pub(crate) fn spans(out: &Document) -> Vec<[usize; 2]> {
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
            "a decimal before a unit is no marker"
        );
        assert_eq!(marker("第十二条 规定"), Some("第十二条"));
        assert_eq!(marker("第一部分"), Some("第一部分"));
        assert_eq!(marker("总体要求"), None);
        assert_eq!(bare("## 一、总体"), "一、总体");
        assert_eq!(bare("**（一）"), "（一）");
        assert_eq!(marker_ordinal("第十二条"), 12);
        assert_eq!(marker_ordinal("二十三、"), 23);
        assert_eq!(marker_ordinal("（十）"), 10);
        assert_eq!(marker_ordinal("１２．"), 12);
        assert_eq!(family("第一章"), "第N章");
        assert_eq!(family("(三)"), "（N）");
        assert_eq!(family("12、"), "N.");
        assert_eq!(family("（2）"), "（Nd）");
        assert_eq!(rank(&family("第一部分")), 0);
        assert_eq!(rank(&family("一、")), 40);
        assert_eq!(norm("## 一、总体 要求_(a)。"), "一总体要求a");
    }

    /// What the corrected `score.py` reads and the first port did not.
    #[test]
    fn corrected_markers() {
        assert_eq!(marker("第一百二十条 规定"), Some("第一百二十条"));
        assert_eq!(marker_ordinal("第一百二十条"), 120);
        assert_eq!(marker_ordinal("第一千零三十九条"), 1039);
        assert_eq!(marker_ordinal("第一百零五条"), 105);
        assert_eq!(marker_ordinal("第十条"), 10);
        assert_eq!(marker("第二分编 合同"), Some("第二分编"));
        assert_eq!(family("第二分编"), "第N分编");
        assert_eq!(rank("第N分编"), 5);
        assert_eq!(marker("1.1　编制目的"), Some("1.1"));
        assert_eq!(marker("5.1.1 应急响应"), Some("5.1.1"));
        assert_eq!(marker("5.1.1.2.3 过长"), None);
        assert_eq!(marker("1.12万人"), None);
        assert_eq!(marker("1.1x"), None);
        assert_eq!(family("5.1.1"), "N.N.N");
        assert_eq!(marker_ordinal("5.1.12"), 12);
        assert_eq!(marker("1　总则"), Some("1　"));
        assert_eq!(marker("12  适用范围"), Some("12  "));
        assert_eq!(
            marker("1　总则，本预案适用于"),
            None,
            "a sentence is no title"
        );
        assert_eq!(marker("1　这是一个超过十五个字的很长很长的标题文字"), None);
        assert_eq!(marker("123 总则"), None);
        assert_eq!(family("1　"), "N_");
        assert_eq!(marker_ordinal("1　"), 1);
        assert_eq!(strip_marker("1　总则"), "总则");
        assert_eq!(strip_marker("第一百二十条　规定"), "　规定");
        assert_eq!(cn_number("两"), -1);
        assert_eq!(cn_number("〇"), 0);
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
            "1　总则",
            "1.1　目的",
            "1.1.1　细目",
            "（1）子项",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = ref_tree(&lines);
        let want: HashSet<TreeKey> = [
            (3, 1, 0),
            (4, 1, 3),
            (5, 1, 4),
            (6, 2, 3),
            (7, 2, 0),
            (8, 1, 7),
            (9, 1, 8),
            (10, 1, 9),
            (11, 1, 10),
        ]
        .into_iter()
        .collect();
        assert_eq!(t, want);
    }
}
