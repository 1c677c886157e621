//! Number engine: finds every numeric expression in a string (Arabic, Chinese,
//! mixed, percentages, fractions, ranges, ordinals, years, dates, English).

mod english;
mod lexer;
mod tables;

use crate::model::Qualifier;
use lexer::{match_spaced, numeral_at, skip_spaces, Numeral};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tables::*;

/// What a numeric expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A plain whole number.
    Cardinal,
    /// A number with a fractional part.
    Decimal,
    /// `三分之一`, `1/3`.
    Fraction,
    /// `90%`, `百分之九十`, `九成`, `3个百分点`.
    Percent,
    /// `第三`, `third`.
    Ordinal,
    /// `10-20个`, `5至8所`, `三四十万`.
    Range,
    /// A number with a measure word or unit (`20个`, `5公里`).
    Quantity,
    /// An amount of money (`15万元`).
    Money,
    /// A year (`2025年`).
    Year,
    /// A date (`2022年3月1日`).
    Date,
}

/// Bounds of a range or qualified number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Interval {
    /// Lower bound, if any.
    pub min: Option<f64>,
    /// Upper bound, if any.
    pub max: Option<f64>,
}

/// One numeric expression found in a string; the `docsift numbers` wire format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NumberSpan {
    /// The matched text, exactly as in the input.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The plain number; `null` for ranges.
    pub value: Option<f64>,
    /// Measure word or unit (`个`, `%`, `万元`).
    pub unit: Option<String>,
    /// What the expression is.
    pub kind: NumberKind,
    /// A bounding qualifier next to the number.
    pub qualifier: Option<Qualifier>,
    /// Bounds, for ranges and qualified numbers.
    pub interval: Option<Interval>,
    /// Byte range of the match in the input (not serialised).
    #[serde(skip)]
    #[schemars(skip)]
    pub bytes: std::ops::Range<usize>,
    /// The magnitude word folded into `value` before the unit (`万` of
    /// `10万人`, factor 1e4), so the number as written can be restored
    /// (not serialised).
    #[serde(skip)]
    #[schemars(skip)]
    pub magnitude: Option<(String, f64)>,
}

/// Finds every numeric expression in `text`, in order, without overlaps.
pub fn find_numbers(text: &str) -> Vec<NumberSpan> {
    let cs: Vec<char> = text.chars().collect();
    let mut bytes = Vec::with_capacity(cs.len() + 1);
    let mut b = 0;
    for c in &cs {
        bytes.push(b);
        b += c.len_utf8();
    }
    bytes.push(b);
    let urls = url_ranges(text, &bytes);
    let mut raws: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if let Some(&(_, e)) = urls.iter().find(|&&(s, e)| s <= i && i < e) {
            i = e;
            continue;
        }
        match span_at(&cs, i) {
            Some(r) if r.end > i && inside_a_word(&cs, &r) => i += 1,
            Some(r) if r.end > i => {
                i = r.end;
                push_merging(&cs, &mut raws, r);
            }
            _ => i += 1,
        }
    }
    raws.into_iter()
        .map(|r| NumberSpan {
            text: cs[r.start..r.end].iter().collect(),
            start: r.start,
            end: r.end,
            value: finite(r.value),
            unit: r.unit,
            kind: r.kind,
            qualifier: r.qualifier,
            interval: r.interval.map(|iv| Interval {
                min: finite(iv.min),
                max: finite(iv.max),
            }),
            bytes: bytes[r.start]..bytes[r.end],
            magnitude: r.magnitude,
        })
        .collect()
}

/// Character ranges of URLs, whose digits are not numbers (`%2020`).
fn url_ranges(text: &str, bytes: &[usize]) -> Vec<(usize, usize)> {
    static URL: crate::pattern::Pattern =
        crate::pattern::Pattern::new(|| r"(?i)(?:https?://|www\.)[^\s，。；、）)\]】]+".into());
    URL.find_iter(text)
        .map(|m| {
            let s = bytes.partition_point(|&b| b < m.start());
            let e = bytes.partition_point(|&b| b < m.end());
            (s, e)
        })
        .collect()
}

/// Pushes `r`, merging it with the previous span when the two are the two
/// bounds of one range (`大于10小于20`, `最多100最少20`).
fn push_merging(cs: &[char], raws: &mut Vec<Raw>, r: Raw) {
    if let Some(p) = raws.last_mut() {
        if let (Some(a), Some(b), Some(_), Some(_)) =
            (p.interval, r.interval, p.qualifier, r.qualifier)
        {
            let between: String = cs[p.end..r.start]
                .iter()
                .filter(|c| !c.is_whitespace())
                .collect();
            let between = between.to_ascii_lowercase();
            let joined = matches!(
                between.as_str(),
                "" | "并"
                    | "且"
                    | "并且"
                    | "而且"
                    | "的同时"
                    | "同时"
                    | "，"
                    | ","
                    | "and"
                    | "but"
                    | "and,"
            );
            let (lo, hi) = match (a.min, a.max, b.min, b.max) {
                (Some(lo), None, None, Some(hi)) | (None, Some(hi), Some(lo), None) => (lo, hi),
                _ => (f64::NAN, f64::NAN),
            };
            if joined && lo < hi && p.unit.is_none() {
                p.end = r.end;
                p.kind = NumberKind::Range;
                p.value = None;
                p.unit = r.unit;
                p.qualifier = None;
                p.interval = Some(Interval {
                    min: Some(lo),
                    max: Some(hi),
                });
                return;
            }
        }
    }
    raws.push(r);
}

/// The `docsift numbers` output for one input line: `{"spans": [...]}`.
pub fn numbers_line_json(line: &str) -> String {
    #[derive(Serialize)]
    struct Line {
        spans: Vec<NumberSpan>,
    }
    serde_json::to_string(&Line {
        spans: find_numbers(line),
    })
    .unwrap_or_else(|_| "{\"spans\":[]}".to_string())
}

/// A qualifier word written before a number starting at character `i` of
/// `cs` (`不少于`, `原则上不高于`, `约`): its length in characters and meaning.
pub fn prefix_qualifier_at(cs: &[char], i: usize) -> Option<(usize, Qualifier)> {
    match_qualifier(cs, i)
}

/// Whether `unit` (as a span reports it) is a measure word such as `个`, `所`,
/// `项` rather than a physical, money or time unit.
pub fn is_measure_word(unit: &str) -> bool {
    unit_class(unit) == Some(UnitClass::Classifier)
}

/// Whether `unit` measures time or age (`个月`, `年`, `岁`): such quantities
/// are durations, not counts.
pub fn is_duration_unit(unit: &str) -> bool {
    english::is_english_duration(unit)
        || matches!(
            unit_class(unit),
            Some(UnitClass::Duration) | Some(UnitClass::Age)
        )
}

/// Whether `unit` states an age (`岁`, `周岁`).
pub fn is_age_unit(unit: &str) -> bool {
    unit_class(unit) == Some(UnitClass::Age)
}

fn unit_class(unit: &str) -> Option<UnitClass> {
    let stripped = unit.trim_start_matches(['万', '萬', '亿', '億', '千', '百']);
    let cs: Vec<char> = stripped.chars().collect();
    match unit_at(&cs, 0) {
        Some((n, c)) if n == cs.len() => Some(c),
        _ => None,
    }
}

/// A value fit to report: `None` when it overflowed or lost precision (the
/// engine carries those as NaN or infinity), else [`clean_float`] of it.
fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite()).map(clean_float)
}

/// Rounds away binary noise (`0.1 + 0.2`, `2.3 × 1e8`) so output is stable
/// and readable: a whole number is kept as it is; otherwise nine decimals,
/// then fifteen significant digits.
fn clean_float(v: f64) -> f64 {
    if v.fract() == 0.0 {
        return v;
    }
    let r = (v * 1e9).round() / 1e9;
    let r = if (r - v).abs() < 1e-9 * v.abs().max(1.0) {
        r
    } else {
        v
    };
    format!("{r:.14e}").parse().unwrap_or(r)
}

/// A span under construction (character offsets).
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    value: Option<f64>,
    unit: Option<String>,
    kind: NumberKind,
    qualifier: Option<Qualifier>,
    interval: Option<Interval>,
    magnitude: Option<(String, f64)>,
}

impl Raw {
    fn new(start: usize, end: usize, value: f64, kind: NumberKind) -> Raw {
        Raw {
            start,
            end,
            value: Some(value),
            unit: None,
            kind,
            qualifier: None,
            interval: None,
            magnitude: None,
        }
    }

    /// Sets a qualifier and the interval it implies.
    fn qualify(&mut self, q: Qualifier) {
        self.qualifier = Some(q);
        if self.interval.is_some() {
            return;
        }
        if let Some(v) = self.value {
            self.interval = match q {
                Qualifier::AtLeast | Qualifier::MoreThan => Some(Interval {
                    min: Some(v),
                    max: None,
                }),
                Qualifier::AtMost | Qualifier::LessThan => Some(Interval {
                    min: None,
                    max: Some(v),
                }),
                Qualifier::Exact => Some(Interval {
                    min: Some(v),
                    max: Some(v),
                }),
                _ => None,
            };
        }
    }
}

fn text_of(cs: &[char], s: usize, e: usize) -> String {
    cs[s..e].iter().collect()
}

/// Tries every expression form at `i`.
fn span_at(cs: &[char], i: usize) -> Option<Raw> {
    let c = cs[i];
    // Most characters of a text open no number: answered before the forms
    // below are tried one by one.
    if !may_open(c) {
        return None;
    }
    span_forms(cs, i)
}

/// The number forms tried at `i` in turn ([`span_at`] without its first
/// character check).
fn span_forms(cs: &[char], i: usize) -> Option<Raw> {
    let c = cs[i];
    // Prefix qualifier: `不少于`, `超过了`, `约`, `小于 或 等于`.
    let symbol_glued = matches!(c, '>' | '<') && i > 0 && matches!(cs[i - 1], '<' | '>' | '=');
    // `节约`, `通过`, `附近`: a one-character qualifier ending a word is not one.
    let word_end = |n: usize| n == 1 && i > 0 && in_not_qualifier_word(cs, i);
    if let Some((n, q)) = match_qualifier(cs, i).filter(|&(n, _)| !symbol_glued && !word_end(n)) {
        let mut j = i + n;
        while j < cs.len() && matches!(cs[j], '了' | '是' | '有' | '为' | '達' | '达' | ' ') {
            j += 1;
        }
        if let Some(mut r) = core_at(cs, j) {
            if r.kind != NumberKind::Year
                && r.kind != NumberKind::Date
                && r.kind != NumberKind::Ordinal
            {
                r.start = i;
                if r.kind != NumberKind::Range && (r.qualifier.is_none() || q != Qualifier::About) {
                    r.interval = None;
                    r.qualify(q);
                } else if r.qualifier.is_none() {
                    r.qualifier = Some(q);
                }
                return Some(r);
            }
        }
    }
    // Comparison: `比三十大`, `比 170 低`.
    if c == '比' {
        let j = skip_spaces(cs, i + 1);
        if let Some(mut r) = expr_at(cs, j) {
            let k = skip_spaces(cs, r.end);
            let q = match cs.get(k) {
                Some('大') | Some('高') | Some('多') | Some('长') => Some(Qualifier::MoreThan),
                Some('小') | Some('低') | Some('少') | Some('短') => Some(Qualifier::LessThan),
                _ => None,
            };
            if let (Some(q), true) = (q, r.value.is_some()) {
                r.start = i;
                r.end = k + 1;
                r.interval = None;
                r.qualify(q);
                return Some(r);
            }
        }
    }
    if let Some(r) = between_at(cs, i) {
        return Some(r);
    }
    if c == '第' {
        return ordinal_at(cs, i);
    }
    // `打对折`: half price.
    if matches!(c, '对' | '對') && cs.get(i + 1) == Some(&'折') && i > 0 && cs[i - 1] == '打' {
        let mut r = Raw::new(i, i + 2, 50.0, NumberKind::Percent);
        r.unit = Some("%".into());
        return Some(r);
    }
    if let Some(r) = half_at(cs, i) {
        return Some(r);
    }
    if c == '翻' {
        if let Some(r) = doubling_at(cs, i) {
            return Some(r);
        }
    }
    if let Some(v) = vulgar_fraction(c) {
        let mut r = Raw::new(i, i + 1, v, NumberKind::Fraction);
        if let Some(t) = english::unit_after(cs, i + 1, v) {
            r.end = t.end;
            r.unit = t.unit;
            r.kind = t.kind.unwrap_or(NumberKind::Quantity);
        }
        return Some(r);
    }
    if c.is_ascii_alphabetic() {
        return english::english_at(cs, i);
    }
    core_at(cs, i)
}

/// `c` is the first character of some form [`span_at`] reads: a qualifier
/// or negation of the lexicons, a numeral, sign or decimal point, a
/// currency sign or `人民币`, a percent prefix (`百分之`), a vulgar
/// fraction, an ASCII letter (English numbers), or the first character of
/// `比…大`, `位于…之间`, `在…之间`, `第`, `对折`, `半`/`一半`, `翻番`.
/// `numbers::tests` checks it against every position of the fixtures.
fn may_open(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || arabic_digit(c).is_some()
        || lexer::is_point(c)
        || is_minus(c)
        || cn_digit(c).is_some()
        || cn_small_unit(c).is_some()
        || cn_tens(c).is_some()
        || cn_big_unit(c).is_some()
        || vulgar_fraction(c).is_some()
        || matches!(
            c,
            '比' | '位'
                | '在'
                | '第'
                | '对'
                | '對'
                | '半'
                | '一'
                | '翻'
                | '人'
                | '百'
                | '千'
                | '万'
                | '佰'
                | '仟'
                | '萬'
                | '$'
                | '¥'
                | '￥'
                | '€'
                | '£'
        )
        || prefix_qualifiers().opens(c)
        || negations().opens(c)
}

/// `位于20和30之间`, `在第十和第十五之间`: a range closed by `之间`.
fn between_at(cs: &[char], i: usize) -> Option<Raw> {
    let j = match_spaced(cs, i, "位于").or_else(|| match_spaced(cs, i, "在"))?;
    let j = skip_spaces(cs, j);
    let side = |k: usize| -> Option<(f64, usize)> {
        if cs.get(k) == Some(&'第') {
            let r = ordinal_at(cs, k)?;
            Some((r.value?, r.end))
        } else {
            let (n, v) = signed_numeral_at(cs, k)?;
            Some((v, n.end))
        }
    };
    let (a, e1) = side(j)?;
    let k = skip_spaces(cs, e1);
    if !matches!(cs.get(k), Some('和') | Some('与') | Some('到') | Some('至')) {
        return None;
    }
    let (b, e2) = side(skip_spaces(cs, k + 1))?;
    let end = match_spaced(cs, skip_spaces(cs, e2), "之间")?;
    if b <= a {
        return None;
    }
    let mut r = Raw::new(i, end, 0.0, NumberKind::Range);
    r.value = None;
    r.interval = Some(Interval {
        min: Some(a),
        max: Some(b),
    });
    Some(r)
}

/// `½`, `⅔`, `¾` …
fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅙' => 1.0 / 6.0,
        '⅛' => 0.125,
        _ => return None,
    })
}

/// A prefix qualifier at `i` (spaces allowed inside, `小于 或 等于`).
fn match_qualifier(cs: &[char], i: usize) -> Option<(usize, Qualifier)> {
    let direct = prefix_qualifiers().at(cs, i, true);
    // `不能超过` → at most, `不可低于` → at least: a negated strict bound.
    let negated = negations().at(cs, i, false).and_then(|(n, ())| {
        let (m, q) = prefix_qualifiers().at(cs, i + n, true)?;
        let flipped = match q {
            Qualifier::MoreThan => Qualifier::AtMost,
            Qualifier::LessThan => Qualifier::AtLeast,
            _ => return None,
        };
        Some((n + m, flipped))
    });
    match (direct, negated) {
        (Some(d), Some(g)) => Some(if g.0 > d.0 { g } else { d }),
        (d, g) => d.or(g),
    }
}

/// Percent prefix, money prefix or a plain expression at `i`.
fn core_at(cs: &[char], i: usize) -> Option<Raw> {
    if i >= cs.len() {
        return None;
    }
    if let Some(r) = percent_prefix_at(cs, i) {
        return Some(r);
    }
    if let Some(r) = money_prefix_at(cs, i) {
        return Some(r);
    }
    expr_at(cs, i)
}

/// `翻一番` (×2), `翻两番` (×4): doubling N times, reported as the multiple
/// reached (value 2^N, unit `倍`).
fn doubling_at(cs: &[char], i: usize) -> Option<Raw> {
    let n = numeral_at(cs, i + 1)?;
    if cs.get(n.end) != Some(&'番') || n.decimal || !(1.0..=MAX_DOUBLINGS).contains(&n.value) {
        return None;
    }
    let mut r = Raw::new(
        i,
        n.end + 1,
        2f64.powi(n.value as i32),
        NumberKind::Quantity,
    );
    r.unit = Some("倍".into());
    Some(r)
}

/// Most doublings `翻N番` is read with (beyond, the phrase is not a multiple).
const MAX_DOUBLINGS: f64 = 10.0;

/// `半百` (50), `半成` (5 %), `半折` (50 %), `半个` (0.5), `半吨` (0.5), `一半` (0.5).
fn half_at(cs: &[char], i: usize) -> Option<Raw> {
    let (start, k) = if cs[i] == '半' {
        (i, i)
    } else if cs[i] == '一'
        && cs.get(i + 1) == Some(&'半')
        && !(i > 0 && lexer::is_cn_numeral_char(cs[i - 1]))
    {
        let mut r = Raw::new(i, i + 2, 0.5, NumberKind::Decimal);
        if cs.get(i + 2) == Some(&'半') {
            r.end += 1;
        }
        return Some(r);
    } else {
        return None;
    };
    if i > 0 && lexer::is_cn_numeral_char(cs[i - 1]) {
        return None;
    }
    let pct = |end: usize, v: f64| {
        let mut r = Raw::new(start, end, v, NumberKind::Percent);
        r.unit = Some("%".into());
        r
    };
    match cs.get(k + 1) {
        Some('百') => Some(Raw::new(start, k + 2, 50.0, NumberKind::Cardinal)),
        Some('成') => Some(pct(k + 2, 5.0)),
        Some('折') => Some(pct(k + 2, 50.0)),
        _ => {
            let (len, class) = unit_at(cs, k + 1)?;
            // `上半年`, `下半场`: a half of a period, not a quantity.
            let period = i > 0 && matches!(cs[i - 1], '上' | '下' | '前' | '后' | '後');
            if period || cs[k + 1] == '年' {
                return None;
            }
            let kind = if class == UnitClass::Money {
                NumberKind::Money
            } else {
                NumberKind::Quantity
            };
            let mut r = Raw::new(start, k + 1 + len, 0.5, kind);
            r.unit = Some(text_of(cs, k + 1, k + 1 + len));
            Some(r)
        }
    }
}

/// Whether a numeral may start at `i` given what precedes and follows it.
fn start_ok(cs: &[char], i: usize, n: &Numeral) -> bool {
    let prev = if i > 0 { Some(cs[i - 1]) } else { None };
    if !n.chinese {
        // `A2021…`, `abc123`: part of an identifier.
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || arabic_digit(p).is_some()) {
            return false;
        }
        return true;
    }
    if prev.is_some_and(lexer::is_cn_numeral_char) {
        return false;
    }
    // `十分之三`: a fraction reads its numeral whatever word it resembles.
    let fraction = match_spaced(cs, skip_spaces(cs, n.end), "分之").is_some();
    if !fraction
        && [n.start, n.end - 1]
            .iter()
            .any(|&k| in_not_number_word(cs, k))
    {
        return false;
    }
    if n.single_char && is_formal_digit(cs[n.start]) {
        if let Some(&next) = cs.get(n.end) {
            if is_cjk(next)
                && unit_at(cs, n.end).is_none()
                && !matches!(next, '点' | '點' | '又' | '分')
            {
                return false;
            }
        }
    }
    true
}

/// A lone Chinese numeral in span `r` that opens a word of jieba's
/// dictionary reaching past the span (`零工`, `零部件`, `两岸`, `四川`,
/// `百花齐放`): a word, not a count. The numeral with what the span read
/// after it (`一个月`, `三成`, `一吨半`, `第一条`) is a number, and so is a
/// pair the dictionary lacks (`零事故`).
fn inside_a_word(cs: &[char], r: &Raw) -> bool {
    let Some(p) = (r.start..r.end).find(|&k| lexer::is_cn_numeral_char(cs[k])) else {
        return false;
    };
    let single = cs.get(p + 1).is_none_or(|&c| !lexer::is_cn_numeral_char(c));
    if !single || (r.start..p).any(|k| arabic_digit(cs[k]).is_some()) {
        return false;
    }
    let end = (p + crate::lexicon::dict::MAX_WORD_CHARS).min(cs.len());
    if end <= r.end {
        return false;
    }
    let window: String = cs[p..end].iter().collect();
    crate::lexicon::dict::words_in(&window)
        .iter()
        .any(|&(s, e)| s == 0 && p + e > r.end)
}

/// An optionally signed numeral at `i`, with letter/word multipliers.
/// Returns (numeral, signed value, start).
fn signed_numeral_at(cs: &[char], i: usize) -> Option<(Numeral, f64)> {
    signed_numeral(cs, i, true)
}

/// [`signed_numeral_at`], optionally without the word-context check (used
/// inside a larger expression, e.g. the numerator of `三分之一`).
fn signed_numeral(cs: &[char], i: usize, check: bool) -> Option<(Numeral, f64)> {
    let mut j = i;
    let mut neg = false;
    if j < cs.len() && is_minus(cs[j]) {
        if matches!(cs[j], '-' | '－' | '−')
            && i > 0
            && ((cs[i - 1].is_alphanumeric() && !is_cjk(cs[i - 1])) || is_minus(cs[i - 1]))
        {
            return None;
        }
        neg = true;
        j = skip_spaces(cs, j + 1);
        if j < cs.len() && matches!(cs[j], '的') {
            j += 1;
        }
    }
    let mut n = numeral_at(cs, j)?;
    if check && !start_ok(cs, j, &n) {
        return None;
    }
    if check && neg && !start_ok(cs, i, &n) && !matches!(cs[i], '负' | '負') {
        return None;
    }
    if !n.chinese {
        if let Some((e, f)) = lexer::letter_multiplier(cs, n.end) {
            n.value *= f;
            n.end = e;
            n.decimal = n.value.fract() != 0.0;
            n.plain_digits = 0;
        } else if let Some((e, f)) = english::scale_after(cs, n.end) {
            n.value *= f;
            n.end = e;
            n.decimal = n.value.fract() != 0.0;
            n.plain_digits = 0;
        }
    }
    let v = if neg { -n.value } else { n.value };
    if neg {
        n.hi = n.hi.map(|h| -h);
    }
    n.start = i;
    Some((n, v))
}

/// `第三`, `第3批`, `第二百五十`.
fn ordinal_at(cs: &[char], i: usize) -> Option<Raw> {
    let n = numeral_at(cs, i + 1)?;
    if n.decimal {
        return None;
    }
    let mut r = Raw::new(i, n.end, n.value, NumberKind::Ordinal);
    if let Some((len, class)) = unit_at(cs, n.end) {
        if class == UnitClass::Classifier {
            r.unit = Some(text_of(cs, n.end, n.end + len));
            r.end = n.end + len;
        }
    }
    Some(r)
}

/// `百分之五`, `千分之二`, `万分之三`, `百分百`.
fn percent_prefix_at(cs: &[char], i: usize) -> Option<Raw> {
    if i > 0 && lexer::is_cn_numeral_char(cs[i - 1]) {
        return None;
    }
    for (w, f) in [
        ("百万万分之", 1e-8),
        ("百万分之", 1e-4),
        ("千万分之", 1e-5),
        ("万万分之", 1e-6),
        ("百分之", 1.0),
        ("佰分之", 1.0),
        ("千分之", 0.1),
        ("仟分之", 0.1),
        ("万分之", 0.01),
        ("萬分之", 0.01),
    ] {
        if let Some(j) = match_spaced(cs, i, w) {
            let j = skip_spaces(cs, j);
            let (n, v) = signed_numeral(cs, j, false)?;
            if let Some(h) = n.hi {
                let mut r = Raw::new(i, n.end, 0.0, NumberKind::Range);
                r.value = None;
                r.unit = Some("%".into());
                r.interval = Some(Interval {
                    min: Some(v * f),
                    max: Some(h * f),
                });
                return Some(r);
            }
            let mut r = Raw::new(i, n.end, v * f, NumberKind::Percent);
            r.unit = Some("%".into());
            if n.approx {
                r.qualify(Qualifier::About);
            }
            suffix_qualifier(cs, &mut r);
            return Some(r);
        }
    }
    if let Some(j) = match_spaced(cs, i, "百分") {
        if cs.get(j) == Some(&'百') {
            let mut r = Raw::new(i, j + 1, 100.0, NumberKind::Percent);
            r.unit = Some("%".into());
            return Some(r);
        }
        if cs
            .get(j)
            .is_some_and(|&c| cn_digit(c).is_some() || cn_small_unit(c).is_some())
        {
            let n = numeral_at(cs, j)?;
            let mut r = Raw::new(i, n.end, n.value, NumberKind::Percent);
            r.unit = Some("%".into());
            return Some(r);
        }
    }
    None
}

/// `$20`, `￥300`, `€ 5`.
fn money_prefix_at(cs: &[char], i: usize) -> Option<Raw> {
    if i >= cs.len() {
        return None;
    }
    if let Some(j) = match_spaced(cs, i, "人民币") {
        let j = skip_spaces(cs, j);
        if j > i + 3 {
            let mut r = expr_at(cs, j)?;
            if r.kind == NumberKind::Money {
                r.start = i;
                return Some(r);
            }
        }
        return None;
    }
    let sym = match cs[i] {
        '$' => "$",
        '¥' | '￥' => "¥",
        '€' => "€",
        '£' => "£",
        _ => return None,
    };
    let j = skip_spaces(cs, i + 1);
    let (n, v) = signed_numeral_at(cs, j)?;
    let mut r = Raw::new(i, n.end, v, NumberKind::Money);
    r.unit = Some(sym.into());
    Some(r)
}

/// Separators of a range (`10-20`, `5至8`, `三到五`).
fn range_sep_at(cs: &[char], i: usize) -> Option<(usize, bool)> {
    let j = skip_spaces(cs, i);
    let c = *cs.get(j)?;
    match c {
        '到' | '至' | '~' | '～' | '〜' | '-' | '–' | '—' | '―' | '－' | '−' => {
            let mut k = j + 1;
            // `2023——2027`
            while k < cs.len() && cs[k] == c && matches!(c, '—' | '-') {
                k += 1;
            }
            Some((skip_spaces(cs, k), false))
        }
        '与' | '和' => Some((skip_spaces(cs, j + 1), true)),
        't' | 'T' => {
            let w: String = cs[j..cs.len().min(j + 7)]
                .iter()
                .collect::<String>()
                .to_ascii_lowercase();
            (w.starts_with("through") && !cs.get(j + 7).is_some_and(|c| c.is_ascii_alphabetic()))
                .then(|| (skip_spaces(cs, j + 7), false))
        }
        _ => None,
    }
}

/// Four-digit numbers before `年` read as calendar years (`2025年`); others
/// are durations (`5000年`).
const CALENDAR_YEARS: std::ops::Range<f64> = 1000.0..3000.0;

/// `成` counts tenths: `十成` is the most (100 %).
const TENTHS_IN_WHOLE: f64 = 10.0;

/// A subunit count after a unit (`五元三毛`, `3斤5两`) is below this.
const MAX_SUBUNITS: f64 = 100.0;

/// What follows a numeral: unit, percent sign, `成`/`折`, date parts.
struct Tail {
    end: usize,
    value: f64,
    unit: Option<String>,
    kind: Option<NumberKind>,
    year: bool,
    /// The numeral's trailing magnitude word folded into `value` before a
    /// unit (`万` of `10万人`): its text and factor.
    magnitude: Option<(String, f64)>,
}

impl Tail {
    fn bare(end: usize, value: f64) -> Tail {
        Tail {
            end,
            value,
            unit: None,
            kind: None,
            year: false,
            magnitude: None,
        }
    }

    fn with(end: usize, value: f64, unit: &str, kind: NumberKind) -> Tail {
        Tail {
            unit: Some(unit.to_string()),
            kind: Some(kind),
            ..Tail::bare(end, value)
        }
    }
}

/// Reads the unit or percent marker after numeral `n` (value `v`).
fn tail_at(cs: &[char], n: &Numeral, v: f64) -> Tail {
    let j = skip_spaces(cs, n.end);
    let Some(&c) = cs.get(j) else {
        return Tail::bare(n.end, v);
    };
    if let Some(t) = percent_tail(cs, n, v, j) {
        return t;
    }
    // Calendar year: `2025年`, `二〇二五年`.
    if c == '年' && n.plain_digits == 4 && CALENDAR_YEARS.contains(&v) && n.hi.is_none() {
        let mut t = Tail::bare(j + 1, v);
        t.kind = Some(NumberKind::Year);
        t.year = true;
        return t;
    }
    if let Some(t) = unit_tail(cs, n, v, j) {
        return t;
    }
    // `三两`, `九两半`: the weight unit 两 after a numeral.
    if c == '两' || c == '兩' {
        let half = cs.get(j + 1) == Some(&'半');
        let value = if half { v + 0.5 } else { v };
        let end = if half { j + 2 } else { j + 1 };
        return Tail::with(end, value, &c.to_string(), NumberKind::Quantity);
    }
    if let Some(t) = english::unit_after(cs, n.end, v) {
        return t;
    }
    if let Some((len, class)) = symbol_at(cs, j) {
        let kind = if class == UnitClass::Money {
            NumberKind::Money
        } else {
            NumberKind::Quantity
        };
        return Tail::with(j + len, v, &text_of(cs, j, j + len), kind);
    }
    Tail::bare(n.end, v)
}

/// `%`, `个百分点`, `七成`, `八折` after a numeral starting at `j`.
fn percent_tail(cs: &[char], n: &Numeral, v: f64, j: usize) -> Option<Tail> {
    let pct =
        |end: usize, value: f64, unit: &str| Tail::with(end, value, unit, NumberKind::Percent);
    let c = cs[j];
    if c == '%' || c == '％' {
        return Some(pct(j + 1, v, "%"));
    }
    for w in ["个百分点", "個百分點", "个百分點", "個百分点"] {
        if let Some(e) = match_spaced(cs, j, w) {
            return Some(pct(e, v, "个百分点"));
        }
    }
    if c == '成' && v > 0.0 && v <= TENTHS_IN_WHOLE && !n.approx && n.hi.is_none() {
        let mut value = v * 10.0;
        let mut end = j + 1;
        let k = skip_spaces(cs, end);
        if let Some(d) = cs.get(k).and_then(|&c| cn_digit(c)) {
            if !cs
                .get(k + 1)
                .is_some_and(|&c| lexer::is_cn_numeral_char(c) || unit_at(cs, k + 1).is_some())
            {
                value += d as f64;
                end = k + 1;
            }
        } else if cs.get(end) == Some(&'半') {
            value += 5.0;
            end += 1;
        }
        // `一成不变`, `九成功`: 成 starts a word.
        if !cs
            .get(end)
            .is_some_and(|&c| matches!(c, '不' | '为' | '功' | '立' | '效' | '果' | '本' | '员'))
        {
            return Some(pct(end, value, "%"));
        }
    }
    if c == '折' && v > 0.0 && !n.approx {
        if v < 10.0 {
            return Some(pct(j + 1, v * 10.0, "%"));
        }
        if v < 100.0 && v.fract() == 0.0 && n.plain_digits == 2 {
            return Some(pct(j + 1, v, "%"));
        }
    }
    None
}

/// A Chinese unit word at `j`: a lexicon entry, or `平方`/`立方` before a
/// physical unit (`平方海里`, `立方千米`).
fn unit_word_at(cs: &[char], j: usize) -> Option<(usize, UnitClass)> {
    let direct = unit_at(cs, j);
    let squared = (match_spaced(cs, j, "平方").or_else(|| match_spaced(cs, j, "立方")))
        .and_then(|k| unit_at(cs, k).map(|(n, c)| (k - j + n, c)))
        .filter(|&(_, c)| c == UnitClass::Dimension);
    match (direct, squared) {
        (Some(d), Some(s)) => Some(if s.0 > d.0 { s } else { d }),
        (d, s) => d.or(s),
    }
}

/// `/吨`, `/月`, `每人`, `/m³` after a unit ending at `i`: the denominator of a
/// compound unit (`元/吨`, `微克/立方米`); returns its end and text.
fn per_unit_at(cs: &[char], i: usize) -> Option<(usize, String)> {
    let sep = *cs.get(i)?;
    if !matches!(sep, '/' | '／' | '每') {
        return None;
    }
    // A month or quarter is a period here, not a date (`元/月`, `吨/季度`).
    let period = match_spaced(cs, i + 1, "季度")
        .or_else(|| (cs.get(i + 1) == Some(&'月')).then_some(i + 2))
        .map(|e| (e - i - 1, UnitClass::Duration));
    let (n, _) = unit_word_at(cs, i + 1)
        .or_else(|| symbol_at(cs, i + 1))
        .or(period)?;
    Some((i + 1 + n, text_of(cs, i + 1, i + 1 + n)))
}

/// A unit word after numeral `n` at `j`, with compounds: a trailing magnitude
/// word of the numeral stays in the value (`10万人` → 100000 人), unit per unit
/// (`元/月`), half (`三斤半`), colloquial tenths (`一米八`), money subunits.
fn unit_tail(cs: &[char], n: &Numeral, v: f64, j: usize) -> Option<Tail> {
    let (len, class) = unit_word_at(cs, j)?;
    let mut unit = text_of(cs, j, j + len);
    let mut end = j + len;
    if let Some((e, per)) = per_unit_at(cs, end) {
        unit = format!("{unit}{}{per}", cs[end]);
        end = e;
    }
    let magnitude = n
        .tail_big
        .filter(|_| j == n.end)
        .map(|(s, f)| (text_of(cs, s, n.end), f));
    let kind = if class == UnitClass::Money {
        NumberKind::Money
    } else {
        NumberKind::Quantity
    };
    let mut value = v;
    if magnitude.is_none() && class != UnitClass::Classifier {
        if cs.get(end) == Some(&'半') {
            // `三斤半`, `两米半`
            value += 0.5;
            end += 1;
        } else if let Some(e) = colloquial_tenth(cs, n, len, end) {
            // `一米八`, `一块五`
            value += cn_digit(cs[end]).unwrap_or(0) as f64 / 10.0;
            end = e;
        }
    }
    if class == UnitClass::Money || unit.ends_with('斤') {
        let (v2, e2) = subunits_after(cs, &unit, value, end);
        value = v2;
        end = e2;
    }
    Some(Tail {
        magnitude,
        ..Tail::with(end, value, &unit, kind)
    })
}

/// `一米八`: a one-character unit after a Chinese numeral, then one lone
/// Chinese digit (no further numeral, unit or `两` after it) is its tenths.
fn colloquial_tenth(cs: &[char], n: &Numeral, unit_len: usize, end: usize) -> Option<usize> {
    let d = *cs.get(end)?;
    cn_digit(d)?;
    let lone = !cs.get(end + 1).is_some_and(|&c| {
        lexer::is_cn_numeral_char(c) || unit_at(cs, end + 1).is_some() || c == '半'
    });
    (n.chinese && unit_len == 1 && lone && !matches!(d, '两' | '兩' | '〇' | '零'))
        .then_some(end + 1)
}

/// Money and weight subunits after a unit: `3斤5两`, `五元三毛`, `50元6角三分`.
fn subunits_after(cs: &[char], unit: &str, mut value: f64, end: usize) -> (f64, usize) {
    let subunits: &[(&str, f64)] = if unit.ends_with('斤') {
        &[("两", 0.1), ("兩", 0.1)]
    } else if unit.ends_with("美元") {
        &[("美分", 0.01)]
    } else {
        &[("角", 0.1), ("毛", 0.1), ("分", 0.01)]
    };
    let mut k = end;
    if cs.get(k) == Some(&'又') {
        k += 1;
    }
    let mut used = false;
    for &(su, f) in subunits {
        if let Some(m) = numeral_at(cs, k) {
            if let Some(e) = match_spaced(cs, m.end, su).filter(|_| m.value < MAX_SUBUNITS) {
                value += m.value * f;
                k = e;
                used = true;
            }
        }
    }
    let mut end = if used { k } else { end };
    if matches!(cs.get(end), Some('整') | Some('正')) && unit.ends_with(['元', '圆']) {
        end += 1;
    }
    (value, end)
}

/// `以上`, `以下`, `左右` after a number or unit.
fn suffix_qualifier(cs: &[char], r: &mut Raw) {
    if let Some((e, q)) = english::suffix_qualifier_en(cs, r.end) {
        r.end = e;
        r.interval = None;
        r.qualify(q);
        return;
    }
    let j = skip_spaces(cs, r.end);
    if let Some((n, q)) = suffix_qualifiers().at(cs, j, false) {
        r.end = j + n;
        r.interval = None;
        r.qualify(q);
        return;
    }
    // `30日内`, `3年内`, `5公里内`: 内 after a time or distance means within.
    let spatial = r
        .unit
        .as_deref()
        .and_then(unit_class)
        .is_some_and(|c| matches!(c, UnitClass::Duration | UnitClass::Dimension));
    if spatial && cs.get(j) == Some(&'内') {
        r.end = j + 1;
        r.interval = None;
        r.qualify(Qualifier::AtMost);
    }
}

/// Month/day after a year or on its own: `3月1日`.
fn date_rest(cs: &[char], i: usize) -> Option<usize> {
    let m = numeral_at(cs, i)?;
    if cs.get(m.end) != Some(&'月') || m.value < 1.0 || m.value > 12.0 || m.decimal {
        return None;
    }
    let mut end = m.end + 1;
    if let Some(d) = numeral_at(cs, end) {
        if matches!(cs.get(d.end), Some('日') | Some('号')) && d.value >= 1.0 && d.value <= 31.0 {
            end = d.end + 1;
        }
    }
    Some(end)
}

/// A number expression at `i`: numeral, fraction, range, unit, qualifier.
fn expr_at(cs: &[char], i: usize) -> Option<Raw> {
    let (n, v) = signed_numeral_at(cs, i)?;
    if let Some(r) = english_ordinal_at(cs, &n, v) {
        return Some(r);
    }
    if !n.chinese && !n.decimal {
        if let Some((fv, e)) = english::digit_fraction_tail(cs, v, n.end) {
            return Some(Raw::new(n.start, e, fv, NumberKind::Fraction));
        }
    }
    // Fractions: `三分之一`, `一又三分之一`, `3/5`, `1 3/5`, `三分之二以上`.
    if let Some(mut r) = fraction_after(cs, &n, v) {
        // `1/4 mile`, `10 1/2 miles`
        if let Some(t) = english::unit_after(cs, r.end, r.value.unwrap_or(0.0)) {
            r.end = t.end;
            r.value = Some(t.value);
            r.unit = t.unit;
            r.kind = t.kind.unwrap_or(NumberKind::Quantity);
        }
        suffix_qualifier(cs, &mut r);
        return Some(r);
    }
    // Month-day date: `3月1日`.
    if (!n.chinese || n.plain_digits > 0 || n.value <= 12.0) && cs.get(n.end) == Some(&'月') {
        if let Some(e) = date_rest(cs, n.start).filter(|&e| e > n.end + 1) {
            let mut r = Raw::new(n.start, e, 0.0, NumberKind::Date);
            r.value = None;
            return Some(r);
        }
    }
    let t1 = tail_at(cs, &n, v);
    if n.hi.is_none() {
        if let Some(r) = range_after(cs, &n, &t1) {
            return Some(r);
        }
    }
    Some(single_expr(cs, &n, v, t1))
}

/// `4th`, `21st`: an English ordinal suffix after an Arabic integer.
fn english_ordinal_at(cs: &[char], n: &Numeral, v: f64) -> Option<Raw> {
    if n.chinese || n.decimal || n.end + 2 > cs.len() {
        return None;
    }
    let suf: String = cs[n.end..n.end + 2]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    let free = !cs.get(n.end + 2).is_some_and(|c| c.is_ascii_alphabetic());
    (matches!(suf.as_str(), "st" | "nd" | "rd" | "th") && free)
        .then(|| Raw::new(n.start, n.end + 2, v, NumberKind::Ordinal))
}

/// Range after the first bound `n` and its tail `t1`: `10-20个`, `5至8所`,
/// `2023—2027年`, `10～15%`, `10000与20000之间`, `10-20万元`.
fn range_after(cs: &[char], n: &Numeral, t1: &Tail) -> Option<Raw> {
    let (j, between) = range_sep_at(cs, t1.end)?;
    let (m, w) = signed_numeral_at(cs, j)?;
    let t2 = tail_at(cs, &m, w);
    let same_unit = t1.unit.is_none()
        || t1.unit == t2.unit
        || (t1.year && t2.year)
        || (between && t2.unit.as_deref() == Some("间"));
    let mut lo = t1.value;
    // `10-20万元`: a magnitude word written once scales both bounds.
    if t1.unit.is_none() && n.tail_big.is_none() {
        if let Some((_, f)) = &t2.magnitude {
            lo *= f;
        }
    }
    let hi = t2.value;
    let year_like = t2.year
        || (t1.year && m.plain_digits == 4)
        || (n.plain_digits == 4 && m.plain_digits == 4 && t2.kind == Some(NumberKind::Year));
    let mut end = t2.end;
    if between && t2.unit.as_deref() == Some("间") {
        end = m.end;
    }
    let mut ok = same_unit && hi > lo && m.hi.is_none();
    if between {
        let k = skip_spaces(cs, end);
        match match_spaced(cs, k, "之间").or_else(|| match_spaced(cs, k, "间")) {
            Some(e) => end = e,
            None => ok = false,
        }
    }
    // `1-222-2222`: a chain of hyphenated numbers is an identifier.
    let chained = matches!(cs.get(m.end), Some('-') | Some('/'))
        && cs.get(m.end + 1).is_some_and(|c| c.is_ascii_digit());
    // `1995-01`: a hyphen between a 4-digit and a 2-digit number is a date.
    let dated = matches!(cs[skip_spaces(cs, t1.end)], '-' | '－')
        && n.plain_digits == 4
        && m.plain_digits == 2;
    if !ok || chained || dated {
        return None;
    }
    let kind = if year_like {
        NumberKind::Year
    } else {
        NumberKind::Range
    };
    let mut r = Raw::new(n.start, end, 0.0, kind);
    r.value = None;
    r.unit = t2.unit.clone().or(t1.unit.clone());
    r.interval = Some(Interval {
        min: Some(lo),
        max: Some(hi),
    });
    if !year_like {
        suffix_qualifier(cs, &mut r);
    }
    Some(r)
}

/// One number with its tail: a year or date, a quantity, a neighbouring-digit
/// range (`三四十万`), with approximation and suffix qualifiers.
fn single_expr(cs: &[char], n: &Numeral, v: f64, t1: Tail) -> Raw {
    let kind = t1.kind.unwrap_or(if n.decimal {
        NumberKind::Decimal
    } else {
        NumberKind::Cardinal
    });
    let mut r = Raw::new(n.start, t1.end, t1.value, kind);
    if kind == NumberKind::Year {
        if let Some(e) = date_rest(cs, t1.end) {
            r.end = e;
            r.value = None;
            r.kind = NumberKind::Date;
        }
        return r;
    }
    r.unit = t1.unit;
    r.magnitude = t1.magnitude;
    if let Some(h) = n.hi {
        // `三四十万`: a range read from neighbouring digits.
        let factor = if t1.value != v && v != 0.0 {
            t1.value / v
        } else {
            1.0
        };
        r.kind = NumberKind::Range;
        r.value = None;
        r.interval = Some(Interval {
            min: Some(v.min(h) * factor),
            max: Some(v.max(h) * factor),
        });
    }
    if n.approx && r.value.is_some() {
        r.qualifier = Some(Qualifier::About);
        r.interval = Some(Interval {
            min: r.value,
            max: None,
        });
    }
    suffix_qualifier(cs, &mut r);
    r
}

/// Fraction forms after numeral `n` (signed value `v`).
fn fraction_after(cs: &[char], n: &Numeral, v: f64) -> Option<Raw> {
    let frac = |j: usize| -> Option<(f64, usize)> {
        // `分之Y` (or `份Y`) at j, returns (Y, end)
        let k = match_spaced(cs, j, "分之").or_else(|| {
            let next_is_numeral = cs
                .get(j + 1)
                .is_some_and(|&c| cn_digit(c).is_some() || cn_small_unit(c).is_some());
            (cs.get(j) == Some(&'份') && next_is_numeral).then_some(j + 1)
        })?;
        let k = skip_spaces(cs, k);
        let (m, w) = signed_numeral(cs, k, false)?;
        Some((w, m.end))
    };
    let after = skip_spaces(cs, n.end);
    if n.hi.is_none() {
        if let Some((num, end)) = frac(after) {
            if v != 0.0 {
                let mut r = Raw::new(n.start, end, num / v, NumberKind::Fraction);
                r.value = Some(num / v);
                return Some(r);
            }
        }
        // `A又B分之C`
        if cs.get(after) == Some(&'又') {
            let k = skip_spaces(cs, after + 1);
            if let Some(b) = numeral_at(cs, k) {
                let after_b = skip_spaces(cs, b.end);
                // `一又十分一`: inside 又, a bare 分 also means 分之
                let bare = (cs.get(after_b) == Some(&'分') && cs.get(after_b + 1) != Some(&'之'))
                    .then(|| numeral_at(cs, after_b + 1))
                    .flatten()
                    .map(|m| (m.value, m.end));
                if let Some((c, end)) = frac(after_b).or(bare) {
                    if b.value != 0.0 {
                        let sign = if v < 0.0 { -1.0 } else { 1.0 };
                        let val = v + sign * c / b.value;
                        return Some(Raw::new(n.start, end, val, NumberKind::Fraction));
                    }
                }
            }
        }
    }
    if !n.chinese && !n.decimal {
        // `3/5`, `1 3/5`
        let slash = |k: usize| cs.get(k).is_some_and(|&c| c == '/' || c == '／');
        let int_at = |k: usize| -> Option<Numeral> {
            let m = numeral_at(cs, k)?;
            (!m.chinese && !m.decimal).then_some(m)
        };
        let after_slash = n.start > 0 && slash(n.start - 1);
        if slash(n.end) && !after_slash {
            if let Some(d) = int_at(n.end + 1) {
                if !slash(d.end) && d.value != 0.0 {
                    return Some(Raw::new(n.start, d.end, v / d.value, NumberKind::Fraction));
                }
            }
        }
        if after > n.end && after < cs.len() {
            if let Some(a) = int_at(after) {
                if slash(a.end) {
                    if let Some(d) = int_at(a.end + 1) {
                        if !slash(d.end) && d.value != 0.0 {
                            let sign = if v < 0.0 { -1.0 } else { 1.0 };
                            let val = v + sign * a.value / d.value;
                            return Some(Raw::new(n.start, d.end, val, NumberKind::Fraction));
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
