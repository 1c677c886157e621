//! Numeric targets: the goals a clause states (`建设 20 个…基地`, `达到 90% 以上`).
//!
//! Built on [`crate::numbers::find_numbers`]. A target is a number the text
//! commits someone to reach, keep, limit, pay or build. The rules (see
//! `docs/numbers.md`, "Targets"):
//!
//! * clauses are cut at `。；！？，` (outside brackets and quotes);
//! * a candidate is a percentage, a money amount, a fraction, or a quantity
//!   counted with a measure word or unit; a duration or age only as a
//!   requirement (bounded, `具有5年以上…`, `30日内`; or stated, `为12个月`,
//!   `达11年`), never as a modifier (`三年行动`);
//! * a candidate is a target when the clause commits to it: a goal verb
//!   governs it (the nearest one before it in the clause), or it carries a
//!   bound (`以上`, `不超过`, `左右`, also written earlier with a `…的` phrase
//!   between: `不高于承担风险责任的0.5%`), or it is a fine (`…罚款`) or a
//!   standard (`…的标准`);
//! * never a target: numbers inside quotes or titles (`“七个专项行动”`), the
//!   start value of a change (`从2020年的41.6%提升至…`), `一` before a measure
//!   word unqualified (an article: `建设一批`), years, dates, ordinals and
//!   document numbers, and — in a section whose heading reviews the past
//!   (`工作回顾`) — any figure of a clause without a future cue (`力争`, `计划`);
//! * value and unit are as written (`15万元` → 15, `万元`);
//! * the object is the noun phrase after the number up to the clause boundary,
//!   an opening bracket or the next number; when it holds `的`, its head (the
//!   part after the last `的`) is kept. For a percentage it is the subject
//!   before the verb;
//! * `N 个X各…M 所` gives `each = {count N, unit 个, scope X}` (and `N 个` is not
//!   itself a target); `各X…M 所` gives `each = {count null, unit null, scope X}`.

use crate::lexicon;
use crate::model::{Each, Qualifier};
use crate::numbers::{
    find_numbers, is_age_unit, is_duration_unit, is_measure_word, prefix_qualifier_at, NumberKind,
    NumberSpan,
};
use crate::text::is_cjk;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

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

/// Goal verbs (`target_verbs.tsv`), one automaton finding every occurrence.
fn verbs() -> &'static AhoCorasick {
    static V: OnceLock<AhoCorasick> = OnceLock::new();
    V.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(lexicon::terms(lexicon::TARGET_VERBS))
            .expect("lexicon terms build an automaton")
    })
}

/// Every goal verb in a clause as (char start, char end), overlaps included,
/// sorted by end, then by length.
fn verb_hits(clause: &str) -> Vec<(usize, usize)> {
    let mut char_at = vec![0usize; clause.len() + 1];
    for (n, (b, _)) in clause.char_indices().enumerate() {
        char_at[b] = n;
    }
    char_at[clause.len()] = clause.chars().count();
    let mut hits: Vec<(usize, usize)> = verbs()
        .find_overlapping_iter(clause)
        .map(|m| (char_at[m.start()], char_at[m.end()]))
        .collect();
    hits.sort_by_key(|&(s, e)| (e, e - s));
    hits
}

/// What every rule asks of a clause, computed once so each number costs
/// time in proportion to its neighbourhood, not to the clause.
struct ClauseIndex {
    /// Goal verbs, sorted by end then length.
    hits: Vec<(usize, usize)>,
    /// `verb_starts[i]`: a goal verb starts at character `i`.
    verb_starts: Vec<bool>,
    /// `quoted[i]`: character `i` is inside quotes or a title (`“…”`, `《…》`).
    quoted: Vec<bool>,
    /// First `从` or `由` of the clause (the start of a change).
    first_from: Option<usize>,
    /// Per span, the last span of its enumeration ([`chain_ends`]).
    chain_end: Vec<usize>,
}

impl ClauseIndex {
    fn new(clause: &str, cs: &[char], spans: &[NumberSpan]) -> ClauseIndex {
        let hits = verb_hits(clause);
        let mut verb_starts = vec![false; cs.len() + 1];
        for &(s, _) in &hits {
            verb_starts[s] = true;
        }
        let mut quoted = Vec::with_capacity(cs.len() + 1);
        let mut depth = [0i32; 3];
        for &c in cs {
            quoted.push(depth.iter().any(|&d| d > 0));
            for (k, (o, cl)) in [('“', '”'), ('《', '》'), ('「', '」')]
                .into_iter()
                .enumerate()
            {
                if c == o {
                    depth[k] += 1;
                } else if c == cl {
                    depth[k] = (depth[k] - 1).max(0);
                }
            }
        }
        quoted.push(depth.iter().any(|&d| d > 0));
        let first_from = cs.iter().position(|&c| c == '从' || c == '由');
        ClauseIndex {
            hits,
            verb_starts,
            quoted,
            first_from,
            chain_end: chain_ends(cs, spans),
        }
    }
}

/// Whether a section heading marks a review of the past (`工作回顾`): the
/// figures under it are reports, not targets.
pub fn is_review_heading(title: &str) -> bool {
    lexicon::terms(lexicon::REVIEW_HEADINGS)
        .iter()
        .any(|w| title.contains(w))
}

/// Where a text stands in its document, as far as targets care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The text is under a heading that reviews the past ([`is_review_heading`]).
    pub review: bool,
}

/// Words that end a scope noun after `各` (governing bodies, adverbs).
static SCOPE_STOPS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| crate::lexicon::terms(crate::lexicon::SCOPE_STOPS));

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

/// Nearest goal verb ending at or before `end`, the longest of those ending
/// at the same place: (start, verb).
fn verb_before(cs: &[char], ix: &ClauseIndex, end: usize) -> Option<(usize, String)> {
    let k = ix.hits.partition_point(|&(_, e)| e <= end);
    let (s, e) = *ix.hits.get(k.checked_sub(1)?)?;
    Some((s, slice(cs, s, e)))
}

/// `一批`, `一个`: the character 一 directly before a measure word, unqualified.
fn is_indefinite_article(s: &NumberSpan) -> bool {
    s.qualifier.is_none()
        && s.text.starts_with('一')
        && s.value == Some(1.0)
        && s.kind == NumberKind::Quantity
}

/// Units that number things rather than count them (`第3号`, `5级`).
const LABEL_UNITS: &[&str] = &["号", "號", "章", "条款", "款", "级", "届", "期"];

/// Whether a span can state a goal (before looking at its clause).
fn is_goal_number(s: &NumberSpan) -> bool {
    if !s.value.is_some_and(f64::is_finite) {
        return false;
    }
    match s.kind {
        NumberKind::Percent | NumberKind::Money => true,
        // `三分之一` is a proportion; `9/13` as often a page counter or a date
        NumberKind::Fraction => !s.text.contains(['/', '／']) || s.qualifier.is_some(),
        NumberKind::Quantity => {
            let unit = s.unit.as_deref().unwrap_or("");
            !LABEL_UNITS.contains(&unit) && !is_indefinite_article(s)
        }
        _ => false,
    }
}

/// A bounding qualifier (anything but `exact`).
fn is_bound(q: Option<Qualifier>) -> bool {
    q.is_some_and(|q| q != Qualifier::Exact)
}

/// `从2020年的41.6%提升至…`, `由…3年以上放宽至…`: the number is the start
/// value of a change.
fn is_start_value(
    cs: &[char],
    ix: &ClauseIndex,
    s: &NumberSpan,
    next: Option<&NumberSpan>,
) -> bool {
    let Some(next) = next else { return false };
    let from = ix.first_from.is_some_and(|f| f < s.start);
    let between = slice(cs, s.end, next.start);
    from && ["到", "至", "为"].iter().any(|w| between.contains(w))
}

/// Shortest bound word carried to a later number (`超过`, `不高于`): a
/// one-character bound (`超`, `逾`) counts only right before its number.
/// Set on the dev cases.
const CARRIED_BOUND_MIN_CHARS: usize = 2;
/// Longest gap from a carried bound to its number that opens with a rate
/// word (`不能超过每月1000元`). Set on the dev cases.
const RATE_GAP_CHARS: usize = 3;

/// A bound written earlier in the clause and carried to the number over a
/// `…的` phrase (`原则上不高于承担风险责任的0.5%`), a rate word
/// (`不能超过每月1000元`) or the goal verb between them (`至少建设1个`,
/// `最多安排3名`).
fn carried_bound(
    cs: &[char],
    from: usize,
    s: &NumberSpan,
    verb: Option<&(usize, String)>,
) -> Option<Qualifier> {
    // the bound ending last before the number, the longest of those (`不高于`, not `高于`)
    let (k, n, q) = (from..s.start)
        .filter_map(|k| prefix_qualifier_at(cs, k).map(|(n, q)| (k, n, q)))
        .filter(|&(_, n, q)| {
            n >= CARRIED_BOUND_MIN_CHARS && q != Qualifier::About && q != Qualifier::Exact
        })
        .max_by_key(|&(k, n, _)| (k + n, n))?;
    // carried over a `…的` phrase, or over a rate word (`不能超过每月1000元`)
    let gap = &cs[(k + n).min(s.start)..s.start];
    let rate = gap.first() == Some(&'每') && gap.len() <= RATE_GAP_CHARS;
    let over_verb = verb.is_some_and(|(v, w)| *v == k + n && v + w.chars().count() == s.start);
    ((s.start > 0 && cs[s.start - 1] == '的') || rate || over_verb).then_some(q)
}

/// How the clause commits to a candidate, if it does: the verb, the
/// qualifier, and whether the commitment holds.
struct Commitment {
    verb: Option<(usize, String)>,
    qualifier: Option<Qualifier>,
}

/// Reads the commitment of span `k` of a clause; `None` when it states no goal.
fn commitment(cs: &[char], ix: &ClauseIndex, spans: &[NumberSpan], k: usize) -> Option<Commitment> {
    let s = &spans[k];
    if ix.quoted[s.start] || is_start_value(cs, ix, s, spans.get(k + 1)) {
        return None;
    }
    // A leading qualifier that is itself a goal verb (`突破`, `不低于`) counts.
    let lead = s
        .text
        .chars()
        .take_while(|c| {
            !c.is_ascii_digit()
                && !"零〇一二两三四五六七八九十百千万亿半０１２３４５６７８９".contains(*c)
        })
        .count();
    let verb = verb_before(cs, ix, s.start + lead);
    // A verb that is the number's own qualifier (`超过6万元的`) commits no more
    // than the bound does: the bound rules decide.
    let governed = verb.as_ref().is_some_and(|&(v, _)| v < s.start);
    let prev_end = spans[..k]
        .iter()
        .rev()
        .find(|p| p.kind != NumberKind::Year)
        .map(|p| p.end);
    let qualifier = s
        .qualifier
        .or_else(|| carried_bound(cs, prev_end.unwrap_or(0), s, verb.as_ref()));
    let tail = chain_tail(cs, spans, &ix.chain_end, k);
    let after = tail.trim_start_matches(['的', ' ']);
    let sanction = after.starts_with("罚款") || after.starts_with("罚金");
    // a rate or amount a rule applies (`按照工资总额的百分之一点五提取`,
    // `…50%的标准`): a standard
    let rate = matches!(s.kind, NumberKind::Percent | NumberKind::Money)
        && by_rate(cs, prev_end.unwrap_or(0), s.start);
    let standard = after.starts_with("标准") || rate;
    let unit = s.unit.as_deref().unwrap_or("");
    if is_age_unit(unit) && is_bound(qualifier) && cs.get(s.end).is_some_and(|&c| is_cjk(c)) {
        // `65周岁以上老年人`: an age bound before a noun names a population.
        return None;
    }
    if is_duration_unit(unit) {
        // A duration states a requirement only when bounded or stated
        // (`为12个月`, `达11年`), never as a modifier (`三年行动`).
        let modifier = cs.get(s.end).is_some_and(|&c| is_cjk(c) && c != '的');
        let stated = cs[..s.start].iter().rev().find(|c| !c.is_whitespace()) == Some(&'为');
        let bound_ok = is_bound(qualifier) && !tail.starts_with('的');
        if !(bound_ok || ((governed || stated) && !modifier)) {
            return None;
        }
    } else if !(governed || bound_commits(cs, s, &tail, qualifier) || sanction || standard) {
        return None;
    }
    Some(Commitment { verb, qualifier })
}

/// Whether a bound alone, with no goal verb, makes a number a commitment: in
/// Chinese text, unless the bound is written after the number and a `的`
/// or a noun follows it directly, making the whole a modifier
/// (`50万元以上的设备费`, `海拔1500米以上农村学校`: a scope, not a goal), or
/// the bound is a condition (`超过`, `不足`) before a `的` (`不足60平方米的村卫生室`). In
/// English the tense is in the verbs, so a bound alone states nothing
/// (`burned more than 7 million acres`).
fn bound_commits(cs: &[char], s: &NumberSpan, tail: &str, qualifier: Option<Qualifier>) -> bool {
    if !is_bound(qualifier) || !cs.iter().any(|&c| is_cjk(c)) {
        return false;
    }
    let suffix_bound = ["以上", "以下", "以内", "之内", "左右", "上下"]
        .iter()
        .any(|w| s.text.ends_with(w));
    let condition = matches!(qualifier, Some(Qualifier::MoreThan | Qualifier::LessThan));
    let before_noun = tail.chars().next().is_some_and(is_cjk);
    !((suffix_bound && before_noun) || (condition && tail.starts_with('的')))
}

/// How much of the text after a number the tail rules read (`的标准`, `罚款`).
const TAIL_CHARS: usize = 8;

/// The text after the enumeration span `k` belongs to (`10000元、5000元、3000元的标准`):
/// spans joined by `、`, `和`, `及`, `或` or nothing (`五千元以上一万元以下罚款`)
/// share what follows the last one.
fn chain_tail(cs: &[char], spans: &[NumberSpan], chain_end: &[usize], k: usize) -> String {
    let end = spans[chain_end[k]].end;
    slice(cs, end, (end + TAIL_CHARS).min(cs.len()))
        .trim_start()
        .to_string()
}

/// For each span, the last span of the enumeration it belongs to (see
/// [`chain_tail`]), computed backwards once per clause.
fn chain_ends(cs: &[char], spans: &[NumberSpan]) -> Vec<usize> {
    let mut ends: Vec<usize> = (0..spans.len()).collect();
    for k in (0..spans.len().saturating_sub(1)).rev() {
        let between = slice(cs, spans[k].end, spans[k + 1].start);
        if matches!(between.trim(), "" | "、" | "和" | "及" | "或" | "或者") {
            ends[k] = ends[k + 1];
        }
    }
    ends
}

/// How far before a number `按`/`按照` may stand to make it a rate.
const RATE_CUE_CHARS: usize = 16;

/// `按照…的百分之一点五`, `按每人1000元`: a number introduced by `按`/`按照`
/// (within [`RATE_CUE_CHARS`], after the previous number) is the rate a rule
/// applies.
fn by_rate(cs: &[char], from: usize, start: usize) -> bool {
    let from = from.max(start.saturating_sub(RATE_CUE_CHARS));
    cs[from..start].contains(&'按')
}

/// Whether a clause under a review heading still looks ahead (`力争`,
/// `计划`): only then can it state a target. A year alone does not: a review
/// reports what was reached by it (`从2020年的51%提升到2025年的70%`).
fn looks_ahead(clause: &str) -> bool {
    ["力争", "争取", "预计", "计划"]
        .iter()
        .any(|w| clause.contains(w))
}

/// The number and unit as written (`15万元` → 15, `万元`) of a span whose
/// value folds a magnitude word.
fn as_written(s: &NumberSpan) -> (f64, Option<String>) {
    let v = s.value.unwrap_or_default();
    match (&s.magnitude, &s.unit) {
        (Some((m, f)), Some(u)) => {
            let w: f64 = format!("{:.12e}", v / f).parse().unwrap_or(v / f);
            (w, Some(format!("{m}{u}")))
        }
        _ => (v, s.unit.clone()),
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
fn subject_before(
    cs: &[char],
    ix: &ClauseIndex,
    spans: &[NumberSpan],
    vstart: usize,
) -> Option<String> {
    let mut end = vstart;
    // The first number outside quotes and titles (`“十四五”时期…` names, not counts).
    if let Some(first) = spans.iter().find(|s| !ix.quoted[s.start]) {
        end = end.min(first.start);
    }
    if let Some(k) = ix.first_from.filter(|&k| k < end && cs[k] == '从') {
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
fn scope_after(cs: &[char], ix: &ClauseIndex, g: usize, to: usize) -> Option<String> {
    let mut e = g + 1;
    while e < to && e < g + 1 + EACH_SCOPE_CHARS {
        if SCOPE_STOPS.iter().any(|w| starts_with_at(cs, e, w)) || ix.verb_starts[e] {
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
    extract_targets_in(text, Context::default())
}

/// [`extract_targets`] for a text at a known place of its document.
pub fn extract_targets_in(text: &str, ctx: Context) -> Vec<TargetDraft> {
    extract_targets_with(text, ctx, deadline_of(text))
}

/// [`extract_targets_in`] with the text's own deadline ([`deadline_of`])
/// already read, for a caller that needed it too.
pub fn extract_targets_with(
    text: &str,
    ctx: Context,
    deadline: Option<String>,
) -> Vec<TargetDraft> {
    let cs: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (cs_start, cs_end) in clauses(&cs) {
        let clause: String = slice(&cs, cs_start, cs_end);
        if ctx.review && !looks_ahead(&clause) {
            continue;
        }
        clause_targets(&clause, deadline.as_deref(), &mut out);
    }
    out
}

/// The targets of one clause, appended to `out`.
fn clause_targets(clause: &str, deadline: Option<&str>, out: &mut Vec<TargetDraft>) {
    let ccs: Vec<char> = clause.chars().collect();
    let spans = find_numbers(clause);
    let ix = ClauseIndex::new(clause, &ccs, &spans);
    let mut consumed = vec![false; spans.len()];
    for (k, s) in spans.iter().enumerate() {
        if consumed[k] || !is_goal_number(s) {
            continue;
        }
        let Some(c) = commitment(&ccs, &ix, &spans, k) else {
            continue;
        };
        let prev_end = spans[..k]
            .iter()
            .rev()
            .find(|p| p.kind != NumberKind::Year)
            .map(|p| p.end);
        let each = each_of(&ccs, &ix, &spans, k, prev_end, &mut consumed);
        // The count of a later `各` clause is not a target of its own.
        if let Some(next) = spans.get(k + 1) {
            let between = slice(&ccs, s.end, next.start);
            if between.contains('各')
                && s.kind == NumberKind::Quantity
                && between.chars().count() <= EACH_LOOKAHEAD_CHARS
            {
                continue;
            }
        }
        let vstart = c.verb.as_ref().map(|v| v.0).unwrap_or(s.start);
        let vend = c
            .verb
            .as_ref()
            .map(|(v, w)| v + w.chars().count())
            .unwrap_or(0);
        let object = object_of(&ccs, &ix, &spans, k, prev_end, vstart, vend);
        let (value, unit) = as_written(s);
        out.push(TargetDraft {
            value,
            unit,
            qualifier: c.qualifier.unwrap_or(Qualifier::Exact),
            object,
            each,
            deadline: deadline.map(str::to_string),
            verb: c.verb.map(|v| v.1),
            text: clause_text(&ccs, s),
        });
    }
}

/// Longest scope noun between a count and its `各` (`14 个市州各`), or after
/// `各` (`各县市区`); set on the seed's and the dev cases' `各` clauses.
const EACH_SCOPE_CHARS: usize = 8;

/// Farthest a `各` may follow a count for the count to be its scope rather
/// than a target (`支持 14 个市州各改扩建 1 所`).
const EACH_LOOKAHEAD_CHARS: usize = 10;

/// Longest clause a target quotes whole: the longest clause of the corpus
/// (320 documents) has 227 characters. Past it (a line with no punctuation,
/// scanner debris) a target quotes this many characters around its number,
/// so output stays linear in the input.
const MAX_TARGET_TEXT_CHARS: usize = 240;

/// The clause a target quotes: all of it, or a window around the number when
/// the clause is longer than [`MAX_TARGET_TEXT_CHARS`].
fn clause_text(ccs: &[char], s: &NumberSpan) -> String {
    if ccs.len() <= MAX_TARGET_TEXT_CHARS {
        return slice(ccs, 0, ccs.len()).trim().to_string();
    }
    let half = MAX_TARGET_TEXT_CHARS / 2;
    let from = s.start.saturating_sub(half);
    let to = (s.end + half).min(ccs.len());
    slice(ccs, from, to).trim().to_string()
}

/// `各`: per-unit scope between the previous number (or clause start) and
/// span `k`; a counted scope right before 各 (`14 个市州各`) is consumed.
fn each_of(
    ccs: &[char],
    ix: &ClauseIndex,
    spans: &[NumberSpan],
    k: usize,
    prev_end: Option<usize>,
    consumed: &mut [bool],
) -> Option<Each> {
    let s = &spans[k];
    let look_from = prev_end.unwrap_or(0).min(s.start);
    let g = (look_from..s.start).rev().find(|&g| ccs[g] == '各')?;
    // only spans ending within a few characters of 各 can be its count
    let near = |p: &&NumberSpan| p.end + EACH_SCOPE_CHARS >= g;
    let counted = spans[..k]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, p)| near(p))
        .find(|(_, p)| {
            p.end <= g
                && p.kind == NumberKind::Quantity
                && p.unit.as_deref().is_some_and(is_measure_word)
        });
    match counted {
        Some((pk, p))
            if trim_phrase(&slice(ccs, p.end, g)).is_some() && g - p.end <= EACH_SCOPE_CHARS =>
        {
            consumed[pk] = true;
            let (count, unit) = as_written(p);
            Some(Each {
                count: Some(count),
                unit,
                scope: trim_phrase(&slice(ccs, p.end, g)).unwrap_or_default(),
            })
        }
        _ => scope_after(ccs, ix, g, s.start).map(|scope| Each {
            count: None,
            unit: None,
            scope,
        }),
    }
}

/// What span `k` counts: the noun phrase after it, or before it when none
/// follows (`新增专精特新中小企业200家以上`); a percentage's subject.
fn object_of(
    ccs: &[char],
    ix: &ClauseIndex,
    spans: &[NumberSpan],
    k: usize,
    prev_end: Option<usize>,
    vstart: usize,
    vend: usize,
) -> Option<String> {
    let s = &spans[k];
    if s.kind == NumberKind::Percent || s.kind == NumberKind::Fraction {
        return subject_before(ccs, ix, spans, vstart.min(s.start));
    }
    let next_start = spans.get(k + 1).map(|n| n.start).unwrap_or(ccs.len());
    let after_raw = slice(ccs, s.end, next_start);
    let after = object_after(ccs, s.end, next_start);
    if after.is_some() && !after_raw.trim_start().starts_with('、') {
        return after;
    }
    let mut from = vend.max(prev_end.unwrap_or(0)).min(s.start);
    if let Some(d) = (from..s.start).rev().find(|&d| ccs[d] == '、') {
        from = d + 1;
    }
    trim_phrase(&slice(ccs, from, s.start))
        .or(after)
        .or_else(|| subject_before(ccs, ix, spans, vstart))
}

/// Characters before a year read for a deadline cue: the longest cue
/// (`截止到`, `力争到`) and a space.
const DEADLINE_BEFORE_CHARS: usize = 4;
/// Characters after a year read for a deadline cue (`前`, `年底`, `之前`).
const DEADLINE_AFTER_CHARS: usize = 3;

/// The governing deadline year of a text (`到2025年` → `2025`), which the
/// targets of the node and its descendants inherit.
pub fn deadline_of(text: &str) -> Option<String> {
    // A year is written with digits, `年`, or `〇`/`零` (`二〇三〇`): a text
    // with none of them has no year to look for.
    if !text.contains(|c: char| c.is_ascii_digit() || matches!(c, '年' | '〇' | '零' | '０'..='９'))
    {
        return None;
    }
    // A year is read as one before `年` (`2025年`, `2023—2027年`) or after an
    // English cue word (`by 2030`): a text with neither has none.
    if !text.contains('年') && !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
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
        let before: String = cs[s.start.saturating_sub(DEADLINE_BEFORE_CHARS)..s.start]
            .iter()
            .collect();
        let after: String = cs[s.end..(s.end + DEADLINE_AFTER_CHARS).min(cs.len())]
            .iter()
            .collect();
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
        // An English cue needs no `年`; a number without either is no year.
        assert_eq!(
            deadline_of("Agencies shall report by 2030.").as_deref(),
            Some("2030")
        );
        assert_eq!(deadline_of("到2025，建成20个基地"), None);
    }

    fn one(text: &str) -> (f64, Option<String>, Qualifier) {
        let t = extract_targets(text);
        assert_eq!(t.len(), 1, "{text}: {t:#?}");
        (t[0].value, t[0].unit.clone(), t[0].qualifier)
    }

    fn none(text: &str) {
        let t = extract_targets(text);
        assert!(t.is_empty(), "{text}: {t:#?}");
    }

    #[test]
    fn several_targets_per_clause_each_with_its_object() {
        let t = extract_targets("新建30个风电实训基地和80个风电示范项目。");
        let got: Vec<_> = t.iter().map(|t| (t.value, t.object.clone())).collect();
        assert_eq!(
            got,
            [
                (30.0, Some("风电实训基地".to_string())),
                (80.0, Some("风电示范项目".to_string()))
            ]
        );
        let t = extract_targets("城乡低保覆盖率和参保率分别达到80%和60%");
        let got: Vec<_> = t.iter().map(|t| (t.value, t.unit.as_deref())).collect();
        assert_eq!(got, [(80.0, Some("%")), (60.0, Some("%"))]);
    }

    #[test]
    fn goals_with_any_unit_and_bound() {
        assert_eq!(
            one("全省风电装机容量超过3000万千瓦"),
            (3000.0, Some("万千瓦".into()), Qualifier::MoreThan)
        );
        assert_eq!(
            one("风电利用率稳定在95%左右"),
            (95.0, Some("%".into()), Qualifier::About)
        );
        assert_eq!(one("兼职教师占比不低于三分之一").2, Qualifier::AtLeast);
        assert_eq!(
            one("人均公园绿地面积14平方米以上"),
            (14.0, Some("平方米".into()), Qualifier::AtLeast)
        );
        assert_eq!(
            one("年均浓度不高于35微克/立方米"),
            (35.0, Some("微克/立方米".into()), Qualifier::AtMost)
        );
    }

    #[test]
    fn durations_count_as_requirements_only() {
        assert_eq!(
            one("见习期一般为12个月"),
            (12.0, Some("个月".into()), Qualifier::Exact)
        );
        assert_eq!(
            one("具有5年以上相关工作经历"),
            (5.0, Some("年".into()), Qualifier::AtLeast)
        );
        assert_eq!(
            one("应当自受理之日起20个工作日内作出决定"),
            (20.0, Some("个工作日".into()), Qualifier::AtMost)
        );
        none("实施三年行动");
        none("组织开展为期3—12个月的见习");
        // an age bound before a noun names a population
        none("对80周岁以上老年人给予补贴");
    }

    #[test]
    fn reports_names_and_scopes_are_not_targets() {
        none("全省共有职业院校200所");
        none("深入实施“七个专项行动”");
        none("除50万元以上的设备费外");
        none("对面积不足60平方米的村卫生室实施改扩建");
        // a condition before 的, even when its bound word is also a goal verb
        none("对供餐人数超过1000人的供餐单位");
        none("在境内居住累计不超过90天的个人");
        // a slash fraction is as often a page counter or a date as a proportion
        none("提高维权意识 9/13");
        // the start value of a change is not a target, the end value is
        assert_eq!(one("毛入学率从41.6%提升至52%以上").0, 52.0);
        assert_eq!(one("条件由参保3年以上放宽至参保1年以上").0, 1.0);
    }

    #[test]
    fn fines_and_standards() {
        let t = extract_targets("处10万元以上50万元以下的罚款");
        let got: Vec<_> = t.iter().map(|t| (t.value, t.qualifier)).collect();
        assert_eq!(got, [(10.0, Qualifier::AtLeast), (50.0, Qualifier::AtMost)]);
        assert_eq!(
            one("给予3万元罚款"),
            (3.0, Some("万元".into()), Qualifier::Exact)
        );
        assert_eq!(
            one("企业按照职工工资总额的百分之一点五提取培训经费"),
            (1.5, Some("%".into()), Qualifier::Exact)
        );
        assert_eq!(one("按每人每年1200元发放").0, 1200.0);
        assert_eq!(
            one("每人分摊的额度不能超过每月1000元"),
            (1000.0, Some("元".into()), Qualifier::AtMost)
        );
        none("职工工资总额的百分之一点五");
        let t = extract_targets("分别按照每公里10000元、5000元、3000元的标准给予补助");
        assert_eq!(t.len(), 3, "{t:#?}");
    }

    #[test]
    fn a_review_section_states_no_targets_unless_it_looks_ahead() {
        let review = Context { review: true };
        assert!(extract_targets_in("全年地区生产总值增长4.9%", review).is_empty());
        assert!(extract_targets_in("城镇新增就业62.6万人", review).is_empty());
        assert_eq!(
            extract_targets_in("力争新增就业60万人以上", review).len(),
            1
        );
        assert_eq!(extract_targets("全年地区生产总值增长4.9%").len(), 1);
        assert!(is_review_heading("2025年和“十四五”时期工作回顾"));
        assert!(!is_review_heading("“十五五”时期主要目标任务"));
    }

    #[test]
    fn a_long_clause_quotes_a_window_so_output_stays_linear() {
        let clause = "建设10个基地以上".repeat(2000);
        let t = extract_targets(&clause);
        assert!(t.len() >= 1000, "{}", t.len());
        assert!(t
            .iter()
            .all(|t| t.text.chars().count() <= MAX_TARGET_TEXT_CHARS + 16));
        let short = extract_targets("建设10个基地");
        assert_eq!(short[0].text, "建设10个基地");
    }

    /// The issue's short notice: once its paragraph is kept, every target in
    /// it is found, each with the deadline.
    #[test]
    fn the_issue_paragraph_gives_every_target() {
        let text = "到2025年，全省风电装机容量超过3000万千瓦，其中海上风电达到1.5亿千瓦；\
                    新建30个风电实训基地和80个风电示范项目。风电利用率稳定在95%左右。";
        let got: Vec<_> = extract_targets(text)
            .into_iter()
            .map(|t| (t.value, t.unit.unwrap_or_default(), t.qualifier, t.deadline))
            .collect();
        let y = Some("2025".to_string());
        assert_eq!(
            got,
            [
                (3000.0, "万千瓦".into(), Qualifier::MoreThan, y.clone()),
                (1.5, "亿千瓦".into(), Qualifier::Exact, y.clone()),
                (30.0, "个".into(), Qualifier::Exact, y.clone()),
                (80.0, "个".into(), Qualifier::Exact, y.clone()),
                (95.0, "%".into(), Qualifier::About, y),
            ]
        );
    }

    /// Random clauses over the characters the rules look at never panic,
    /// in either context, and give the same result twice.
    #[test]
    fn random_clauses_never_panic() {
        let alphabet: Vec<char> =
            "0123456789一二三五十百千万亿个所年日内以上下左右不超过低于的按照从由到至建设达到罚款标准各“”《》、，。 /%"
                .chars()
                .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..5000 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for review in [false, true] {
                let a = extract_targets_in(&s, Context { review });
                let b = extract_targets_in(&s, Context { review });
                assert_eq!(a, b, "{s}");
                assert!(a.iter().all(|t| t.value.is_finite()), "{s}");
            }
        }
    }

    #[test]
    fn article_is_not_a_target() {
        assert!(extract_targets("遴选建设一批“楚怡”高水平职业本科专业群。").is_empty());
    }
}
