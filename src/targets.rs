//! Numeric targets: the goals a clause states (`建设 20 个…基地`, `达到 90% 以上`).
//!
//! Built on [`crate::numbers::find_numbers`]. A target is a quantity counted
//! with a measure word, a percentage or a money amount that a goal verb of the
//! same clause governs. The rules (see `docs/numbers.md`):
//!
//! * clauses are cut at `。；！？，` (outside brackets and quotes);
//! * the governing verb is the nearest goal verb before the number in the clause;
//!   without one the number is a statement, not a goal;
//! * `一` written as a character directly before a measure word, unqualified, is
//!   an indefinite article (`建设一批`, `形成一个体系`), not a quantity;
//! * durations, ages, years, dates, ordinals and document numbers are never targets;
//! * the object is the noun phrase after the number up to the clause boundary,
//!   an opening bracket or the next number; when it holds `的`, its head (the
//!   part after the last `的`) is kept. For a percentage it is the subject
//!   before the verb;
//! * `N 个X各…M 所` gives `each = {count N, unit 个, scope X}` (and `N 个` is not
//!   itself a target); `各X…M 所` gives `each = {count null, unit null, scope X}`.

use crate::model::{Each, Qualifier};
use crate::numbers::{find_numbers, is_duration_unit, is_measure_word, NumberKind, NumberSpan};
use crate::text::is_cjk;

/// A target read from one text, before the pipeline gives it lines, node and
/// an inherited deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDraft {
    /// The number.
    pub value: f64,
    /// Measure word or unit as written.
    pub unit: Option<String>,
    /// How the number bounds the goal.
    pub qualifier: Qualifier,
    /// What is counted.
    pub object: Option<String>,
    /// Per-unit scope.
    pub each: Option<Each>,
    /// Deadline year stated in the same text, if any.
    pub deadline: Option<String>,
    /// Governing verb.
    pub verb: Option<String>,
    /// The clause the target was read from.
    pub text: String,
}

/// Goal verbs, matched longest first at the position nearest to the number.
const VERBS: &[&str] = &[
    "遴选建设",
    "培育建设",
    "认定建设",
    "重点建设",
    "新建改扩建",
    "改扩建",
    "扩建",
    "新建",
    "建设",
    "建成",
    "培育",
    "打造",
    "办好",
    "遴选",
    "认定",
    "创建",
    "组建",
    "设立",
    "建立",
    "布局建设",
    "达到",
    "达",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "提高",
    "提升",
    "增加到",
    "增加至",
    "增加",
    "增长",
    "增至",
    "新增",
    "减少",
    "降低到",
    "降至",
    "降低",
    "下降",
    "控制在",
    "稳定在",
    "保持在",
    "保持",
    "完成",
    "实现",
    "培训",
    "招收",
    "招生",
    "吸引",
    "引进",
    "支持",
    "资助",
    "补助",
    "奖励",
    "扶持",
    "开展",
    "举办",
    "评选",
    "推出",
    "选派",
    "投入",
    "安排",
    "筹集",
    "带动",
    "覆盖",
    "帮扶",
    "落地建设",
    "开工",
    "实施",
    "改造",
    "治理",
    "营造",
    "选树",
    "命名",
    "发展",
    "占比",
    "超过",
    "突破",
    "不低于",
    "不少于",
    "不超过",
    "力争",
    "确保",
];

/// Words that end a scope noun after `各` (governing bodies, adverbs).
const SCOPE_STOPS: &[&str] = &[
    "人民政府",
    "政府",
    "党委",
    "部门",
    "教育局",
    "要",
    "应",
    "均",
    "都",
    "分别",
    "至少",
    "重点",
    "积极",
    "每年",
    "可",
    "须",
    "必须",
    "再",
    "按",
];

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | ';' | '！' | '!' | '？' | '?' | '，' | ',' | '\n'
    )
}

/// Clauses of `text` as (char start, char end); brackets and quotes protect.
fn clauses(cs: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (k, &c) in cs.iter().enumerate() {
        match c {
            '（' | '(' | '《' | '【' | '[' => depth += 1,
            '）' | ')' | '》' | '】' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 && is_clause_end(c) {
            if k > start {
                out.push((start, k));
            }
            start = k + 1;
        }
    }
    if start < cs.len() {
        out.push((start, cs.len()));
    }
    out
}

fn slice(cs: &[char], a: usize, b: usize) -> String {
    cs[a..b].iter().collect()
}

fn starts_with_at(cs: &[char], i: usize, w: &str) -> bool {
    let n = w.chars().count();
    i + n <= cs.len() && w.chars().zip(&cs[i..i + n]).all(|(a, b)| a == *b)
}

/// Nearest goal verb ending at or before `end` (not before `floor`):
/// (start, verb).
fn verb_before(cs: &[char], floor: usize, end: usize) -> Option<(usize, String)> {
    let mut e = end;
    while e > floor {
        // the longest verb ending exactly at e
        let mut best: Option<(usize, &str)> = None;
        for v in VERBS {
            let n = v.chars().count();
            if e >= floor + n && starts_with_at(cs, e - n, v) && best.is_none_or(|(b, _)| n > b) {
                best = Some((n, v));
            }
        }
        if let Some((n, v)) = best {
            return Some((e - n, v.to_string()));
        }
        e -= 1;
    }
    None
}

/// `一批`, `一个`: the character 一 directly before a measure word, unqualified.
fn is_indefinite_article(s: &NumberSpan) -> bool {
    s.qualifier.is_none()
        && s.text.starts_with('一')
        && s.value == Some(1.0)
        && s.kind == NumberKind::Quantity
}

/// Whether a span can state a goal.
fn is_goal_number(s: &NumberSpan) -> bool {
    let Some(v) = s.value else { return false };
    if !v.is_finite() {
        return false;
    }
    match s.kind {
        NumberKind::Percent | NumberKind::Money => true,
        NumberKind::Quantity => {
            let unit = s.unit.as_deref().unwrap_or("");
            !is_duration_unit(unit)
                && !matches!(
                    unit,
                    "号" | "號" | "章" | "条款" | "款" | "级" | "届" | "期"
                )
                && !is_indefinite_article(s)
        }
        _ => false,
    }
}

/// Trims a noun phrase: quotes kept, connectives and spaces dropped.
fn trim_phrase(s: &str) -> Option<String> {
    let t = s
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '、' | '和' | '及' | '与' | '等' | '的' | '：' | ':')
        })
        .to_string();
    (!t.is_empty()).then_some(t)
}

/// Head of a noun phrase: the part after the last `的`, if that is non-empty.
fn head_noun(s: &str) -> String {
    match s.rfind('的') {
        Some(k) if k + '的'.len_utf8() < s.len() => s[k + '的'.len_utf8()..].to_string(),
        _ => s.to_string(),
    }
}

/// Object after a quantity: up to the clause end, a bracket or the next number.
fn object_after(cs: &[char], from: usize, to: usize) -> Option<String> {
    let mut e = from;
    while e < to && !matches!(cs[e], '（' | '(' | '：' | ':') {
        e += 1;
    }
    trim_phrase(&head_noun(&slice(cs, from, e)))
}

/// Subject of a percentage: from the clause start to the verb, `从`, or the
/// first number, whichever comes first.
fn subject_before(cs: &[char], spans: &[NumberSpan], vstart: usize) -> Option<String> {
    let mut end = vstart;
    // The first number outside quotes and titles (`“十四五”时期…` names, not counts).
    let quoted = |at: usize| {
        let opens = cs[..at]
            .iter()
            .filter(|&&c| matches!(c, '“' | '《'))
            .count();
        let closes = cs[..at]
            .iter()
            .filter(|&&c| matches!(c, '”' | '》'))
            .count();
        opens > closes
    };
    if let Some(first) = spans.iter().find(|s| !quoted(s.start)) {
        end = end.min(first.start);
    }
    if let Some(k) = (0..end).find(|&k| cs[k] == '从') {
        end = k;
    }
    let mut t = slice(cs, 0, end);
    // `年均分别增长`: drop every trailing adverb, in any order.
    while let Some(adverb) = ["年均", "平均", "累计", "分别", "均", "都", "将", "要", "应"]
        .iter()
        .find(|a| t.ends_with(*a))
    {
        t.truncate(t.len() - adverb.len());
    }
    trim_phrase(&t).filter(|p| p.chars().any(|c| c.is_alphanumeric()))
}

/// Scope noun right after `各` at `g`.
fn scope_after(cs: &[char], g: usize, to: usize) -> Option<String> {
    let mut e = g + 1;
    while e < to && e < g + 1 + 8 {
        if SCOPE_STOPS.iter().any(|w| starts_with_at(cs, e, w))
            || VERBS.iter().any(|w| starts_with_at(cs, e, w))
        {
            break;
        }
        if !is_cjk(cs[e]) {
            break;
        }
        e += 1;
    }
    trim_phrase(&slice(cs, g + 1, e))
}

/// Reads the targets stated in one heading or paragraph text.
pub fn extract_targets(text: &str) -> Vec<TargetDraft> {
    let cs: Vec<char> = text.chars().collect();
    let deadline = deadline_of(text);
    let mut out = Vec::new();
    for (cs_start, cs_end) in clauses(&cs) {
        let clause: String = slice(&cs, cs_start, cs_end);
        let ccs: Vec<char> = clause.chars().collect();
        let spans = find_numbers(&clause);
        let mut consumed = vec![false; spans.len()];
        for (k, s) in spans.iter().enumerate() {
            if consumed[k] || !is_goal_number(s) {
                continue;
            }
            let prev_end = spans[..k]
                .iter()
                .rev()
                .find(|p| p.kind != NumberKind::Year)
                .map(|p| p.end);
            // A leading qualifier that is itself a goal verb (`突破`, `不低于`) counts.
            let lead = s
                .text
                .chars()
                .take_while(|c| {
                    !c.is_ascii_digit()
                        && !"零〇一二两三四五六七八九十百千万亿０１２３４５６７８９".contains(*c)
                })
                .count();
            let Some((vstart, verb)) = verb_before(&ccs, 0, s.start + lead) else {
                continue;
            };
            // `各`: per-unit scope between the previous number (or clause start) and this one.
            let look_from = prev_end.unwrap_or(0).min(s.start);
            let mut each = None;
            if let Some(g) = (look_from..s.start).rev().find(|&g| ccs[g] == '各') {
                // `14 个市州各`: a counted scope right before 各
                let counted = spans[..k].iter().enumerate().rev().find(|(_, p)| {
                    p.end <= g
                        && p.kind == NumberKind::Quantity
                        && p.unit.as_deref().is_some_and(is_measure_word)
                });
                match counted {
                    Some((pk, p))
                        if trim_phrase(&slice(&ccs, p.end, g)).is_some() && g - p.end <= 8 =>
                    {
                        each = Some(crate::model::Each {
                            count: p.value,
                            unit: p.unit.clone(),
                            scope: trim_phrase(&slice(&ccs, p.end, g)).unwrap_or_default(),
                        });
                        consumed[pk] = true;
                    }
                    _ => {
                        if let Some(scope) = scope_after(&ccs, g, s.start) {
                            each = Some(Each {
                                count: None,
                                unit: None,
                                scope,
                            });
                        }
                    }
                }
            }
            // The count of a later `各` clause is not a target of its own.
            if let Some(next) = spans.get(k + 1) {
                let between = slice(&ccs, s.end, next.start);
                if between.contains('各')
                    && s.kind == NumberKind::Quantity
                    && between.chars().count() <= 10
                {
                    continue;
                }
            }
            let next_start = spans.get(k + 1).map(|n| n.start).unwrap_or(ccs.len());
            let vend = vstart + verb.chars().count();
            let object = if s.kind == NumberKind::Percent {
                subject_before(&ccs, &spans, vstart)
            } else {
                let after_raw = slice(&ccs, s.end, next_start);
                let after = object_after(&ccs, s.end, next_start);
                if after.is_none() || after_raw.trim_start().starts_with('、') {
                    // `新增专精特新中小企业200家以上`: the noun precedes the number.
                    let mut from = vend.max(prev_end.unwrap_or(0)).min(s.start);
                    if let Some(d) = (from..s.start).rev().find(|&d| ccs[d] == '、') {
                        from = d + 1;
                    }
                    trim_phrase(&slice(&ccs, from, s.start))
                        .or(after)
                        .or_else(|| subject_before(&ccs, &spans, vstart))
                } else {
                    after
                }
            };
            out.push(TargetDraft {
                value: s.value.unwrap_or_default(),
                unit: s.unit.clone(),
                qualifier: s.qualifier.unwrap_or(Qualifier::Exact),
                object,
                each,
                deadline: deadline.clone(),
                verb: Some(verb),
                text: clause.trim().to_string(),
            });
        }
    }
    out
}

/// The governing deadline year of a text (`到2025年` → `2025`), which the
/// targets of the node and its descendants inherit.
pub fn deadline_of(text: &str) -> Option<String> {
    let cs: Vec<char> = text.chars().collect();
    for s in find_numbers(text) {
        if s.kind != NumberKind::Year {
            continue;
        }
        let year = match (s.value, s.interval) {
            (Some(v), _) => v,
            (None, Some(iv)) => match iv.max {
                Some(m) => m,
                None => continue,
            },
            _ => continue,
        };
        let before: String = cs[s.start.saturating_sub(4)..s.start].iter().collect();
        let after: String = cs[s.end..(s.end + 3).min(cs.len())].iter().collect();
        let by_prefix = [
            "到",
            "至",
            "截至",
            "截止",
            "截止到",
            "力争到",
            "争取到",
            "于",
        ]
        .iter()
        .any(|p| before.trim_end().ends_with(p));
        let by_suffix = ["前", "以前", "之前", "底", "年底", "末", "年末"]
            .iter()
            .any(|p| after.starts_with(p));
        let english = s.qualifier == Some(Qualifier::AtMost);
        let period = s.value.is_none();
        if by_prefix || by_suffix || english || period {
            return Some(format!("{}", year as i64));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        assert_eq!(deadline_of("到2025年，建成体系").as_deref(), Some("2025"));
        assert_eq!(deadline_of("2030年前碳达峰").as_deref(), Some("2030"));
        assert_eq!(
            deadline_of("行动计划（2023—2027年）").as_deref(),
            Some("2027")
        );
        assert_eq!(deadline_of("2024年，我们将继续努力"), None);
    }

    #[test]
    fn article_is_not_a_target() {
        assert!(extract_targets("遴选建设一批“楚怡”高水平职业本科专业群。").is_empty());
    }
}
