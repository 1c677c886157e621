//! Page furniture: running headers recognised by repetition next to page
//! numbers, bare page numbers recognised by the company they keep, and
//! tables of contents as blocks.

use crate::hash::FastMap;
use std::collections::{BTreeMap, HashSet};

use super::line::{is_bare_number, toc_entry};
use super::text::{is_cjk, Profile};
use super::Verdict;
use crate::model::Reason;
use crate::pattern::Pattern;
use std::borrow::Cow;

/// Lines at the top that may be the real title even when a header repeats them.
const TOP: usize = 4;
/// Lines searched for the title's repetitions (cover pages, orders, notices).
const HEAD_ZONE: usize = 12;

static MARKER: Pattern = Pattern::new(|| {
    r"^(?:第[一二三四五六七八九十百零〇\d]+[编章节条款项部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[①-⑳])".into()
});
/// Trailing edition notes a header may carry: （征求意见稿）, （试行）, （草案）,
/// or one cut short with the title (`（国务院令第778`).
static SUFFIX: Pattern = Pattern::new(|| r"[（(][^（）()]{1,12}(?:[)）]|$)$".into());
/// Forms that are headers by themselves when they sit next to a page number.
static HEADER_FORM: Pattern = Pattern::new(|| {
    r"(?:公报|政府网|日报|简报|专刊|增刊|[征意见送审讨论]稿[)）]?|草案[)）]|第\s*\d+\s*期|\d{4}\s*年\s*第\s*\d+\s*期)$".into()
});
/// The issuer's document mark (发文机关标志, GB/T 9704-2012 §7.2.1): an
/// organisation's name and `文件` (`某省人民政府办公厅文件`). At the top it is
/// the document's own head; next to a page number inside, a running header.
static ISSUER_MARK: Pattern = Pattern::new(|| {
    format!(
        r"^[\p{{Han}}（）()]{{2,30}}?(?:{})文件$",
        crate::lexicon::alternation(crate::lexicon::ORG_SUFFIXES)
    )
});
/// A site's column path (`政务公开 · 政策文件`, `首页 > 通知公告`): short names
/// joined by spaced separators, no sentence in it. A name with a middle dot
/// (`马克思·韦伯`) has no spaces around it.
static COLUMN_PATH: Pattern =
    Pattern::new(|| r"^[^\s，。；：,;:]{2,10}(?:\s+[·•|｜>»＞]\s+[^\s，。；：,;:]{2,10})+$".into());
static TOC_TITLE: Pattern =
    Pattern::new(|| r"^(?:目\s*录|目\s*次|contents|CONTENTS|Contents)$".into());
/// A TOC entry without a dot leader: a heading and a page number.
static TOC_PLAIN: Pattern = Pattern::new(|| {
    r"^(?:第[一二三四五六七八九十百零]+[编章节部分篇]|[一二三四五六七八九十]+、|附[件录]).{0,40}?\s+\d{1,4}$".into()
});

/// A page number between dashes (`- 4 -`, `—15—`), as footers print it.
const DASHED_PAGE: &str = r"[-—–－]\s*\d{1,4}\s*[-—–－]";

/// A page marker glued to the start of a line's text (`-4-（五）向…`), as a
/// PDF text layer puts a page's footer before the next page's first line.
static GLUED_MARKER: Pattern = Pattern::new(|| format!(r"^\s*({DASHED_PAGE})\s*(\S)"));

/// Glued page markers needed before their sequence is trusted.
const GLUED_MIN: usize = 3;
/// Largest step between the numbers of two glued page markers in a row:
/// a page without text (a figure, a blank page) skips one.
const GLUED_MAX_STEP: u32 = 2;

/// Byte lengths of the page markers glued to the start of each line
/// (0 where there is none). A marker counts only as part of the document's
/// sequence: at least [`GLUED_MIN`] of them, numbers rising from one to the
/// next by 1 to [`GLUED_MAX_STEP`] (a page without text skipped), so a dash-number-dash that
/// opens one line of prose is left alone.
pub(crate) fn glued_page_numbers(texts: &[&str]) -> Vec<usize> {
    let found: Vec<(usize, u32, usize)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let c = GLUED_MARKER.captures(t)?;
            let digits: String = c[1].chars().filter(char::is_ascii_digit).collect();
            let n = digits.parse().ok()?;
            // The marker ends where the text after it starts.
            Some((i, n, c.get(2)?.start()))
        })
        .collect();
    let mut out = vec![0; texts.len()];
    let rising = found
        .windows(2)
        .filter(|w| (1..=GLUED_MAX_STEP).contains(&w[1].1.wrapping_sub(w[0].1)))
        .count();
    if found.len() >= GLUED_MIN && rising + 1 == found.len() {
        for (i, _, end) in found {
            out[i] = end;
        }
    }
    out
}

fn is_page(out: &[Option<Verdict>], i: usize) -> bool {
    out[i]
        .as_ref()
        .is_some_and(|v| v.reason == Reason::PageNumber)
}

/// The comparison key of a header: no whitespace, no trailing edition note.
fn key(t: &str) -> String {
    let s: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '_'))
        .collect();
    SUFFIX.replace(&s, "").into_owned()
}

/// A contents page's title: `目录`, `Contents`, or `目录` once spaces,
/// emphasis and a bracketed note are taken off (`**目 录**（续）`).
fn is_contents_title(t: &str) -> bool {
    // The key of a line without `目` cannot be `目录`: most lines are spared it.
    TOC_TITLE.is_match(t.trim()) || (t.contains('目') && key(t) == "目录")
}

/// Shortest line read as a running header. Set on the dev cases.
const HEADER_MIN_CHARS: usize = 4;
/// Longest line read as a running header: GB/T 9704 page furniture is
/// short. Set on the dev cases.
const HEADER_MAX_CHARS: usize = 60;
/// Fewest Han characters in a running header. Set on the dev cases.
const HEADER_MIN_CJK: usize = 3;

/// Could be a running header by its form: a short title-like line.
fn header_form(t: &str) -> bool {
    let n = t.chars().count();
    let p = Profile::of(t);
    (HEADER_MIN_CHARS..=HEADER_MAX_CHARS).contains(&n)
        && p.cjk >= HEADER_MIN_CJK
        && !t.ends_with(['。', '，', '；', '、', '：', ':'])
        && !MARKER.is_match(t)
        && balanced(t)
}

/// No closer without its opener: a wrapped fragment often starts inside a pair.
fn balanced(t: &str) -> bool {
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '（' | '(' | '《' | '“' | '【' | '〔' | '[' => depth += 1,
            '）' | ')' | '》' | '”' | '】' | '〕' | ']' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    // An unclosed opener is allowed: headers are often titles cut short.
    true
}

/// The sorted, distinct character bigrams of `s`.
fn bigrams(s: &str) -> Grams {
    let c: Vec<char> = s.chars().collect();
    let mut g: Grams = c.windows(2).map(|w| (w[0], w[1])).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// The sorted, distinct character bigrams of a header key.
type Grams = Vec<(char, char)>;

/// Jaccard similarity (numerator, denominator) over bigrams at or above
/// which two header keys are one header with small variation. Set on the
/// dev cases.
const HEADER_JACCARD: (usize, usize) = (7, 10);
/// Shortest header key compared for variants: a shorter one has too few
/// bigrams for a share of them to mean anything.
const VARIANT_MIN_CHARS: usize = 6;
/// Length ratio (numerator, denominator), shorter to longer, at or above
/// which two header keys are compared for [`HEADER_JACCARD`]: a cheap
/// filter, set looser than the bar itself.
const VARIANT_LENGTH_RATIO: (usize, usize) = (6, 10);

/// Two header keys (sorted distinct bigram vectors; the shorter key's
/// length) are the same header with small variation: Jaccard similarity at
/// least [`HEADER_JACCARD`].
fn similar_sets(shorter: usize, x: &[(char, char)], y: &[(char, char)]) -> bool {
    if shorter < VARIANT_MIN_CHARS {
        return false;
    }
    let inter = sorted_intersection(x, y);
    let union = x.len() + y.len() - inter;
    let (num, den) = HEADER_JACCARD;
    inter * den >= union * num
}

fn sorted_intersection(x: &[(char, char)], y: &[(char, char)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Distinct header keys sharing one bigram of their prefix beyond which
/// that bigram no longer finds candidates: it is too common to say which
/// keys are near copies (a hostile run of thousands of distinct title-like
/// lines between page numbers took 42 s for 20k lines comparing all pairs).
const MAX_KEYS_PER_GRAM: usize = 256;

/// Shortest header key that is distinctive by itself: its repetitions next to
/// any number count, and it is matched wherever it stands. A shorter key
/// (`通知`, a bare name) needs page markers beside it. Set on the dev cases.
const LONG_HEADER_CHARS: usize = 8;
/// Shortest header key recognised as the start of the document's title by
/// itself: a shorter prefix opens many lines. Set on the dev cases.
const TITLE_PREFIX_CHARS: usize = 10;
/// Times a key must stand next to page numbers to be a running header.
const HEADER_REPEATS: usize = 2;

/// For each distinct header key, the lines that repeat it: itself and its
/// near variants ([`HEADER_JACCARD`] over bigrams, lengths within
/// [`VARIANT_LENGTH_RATIO`]), counted by `distinct`'s (next to page markers,
/// next to any number) tallies — all of them for a key of
/// [`LONG_HEADER_CHARS`] or more, only the strong ones below.
/// Candidates come from a prefix-filtered bigram index (two sets with
/// Jaccard ≥ t share a token among the |x| − ⌈t·|x|⌉ + 1 rarest of each), so
/// the cost follows the near pairs, not all pairs.
fn repeats_of<'a>(distinct: &BTreeMap<&'a str, (usize, usize)>) -> BTreeMap<&'a str, usize> {
    let keys: Vec<(&str, usize, Grams)> = distinct
        .keys()
        .map(|k| (*k, k.chars().count(), bigrams(k)))
        .collect();
    let mut df: FastMap<(char, char), usize> = FastMap::default();
    for (_, _, g) in &keys {
        for t in g {
            *df.entry(*t).or_default() += 1;
        }
    }
    let prefix = |g: &[(char, char)]| -> Vec<(char, char)> {
        let mut p = g.to_vec();
        p.sort_unstable_by_key(|t| (df[t], *t));
        let (num, den) = HEADER_JACCARD;
        p.truncate(g.len() - (num * g.len()).div_ceil(den) + 1);
        p
    };
    let mut index: FastMap<(char, char), Vec<usize>> = FastMap::default();
    let prefixes: Vec<Vec<(char, char)>> = keys.iter().map(|(_, _, g)| prefix(g)).collect();
    for (i, p) in prefixes.iter().enumerate() {
        for t in p {
            index.entry(*t).or_default().push(i);
        }
    }
    let mut out = BTreeMap::new();
    let mut seen = vec![usize::MAX; keys.len()];
    for (i, (k, len, g)) in keys.iter().enumerate() {
        let mut cands = vec![i];
        seen[i] = i;
        for t in &prefixes[i] {
            let Some(post) = index.get(t).filter(|p| p.len() <= MAX_KEYS_PER_GRAM) else {
                continue;
            };
            for &j in post {
                if seen[j] != i {
                    seen[j] = i;
                    cands.push(j);
                }
            }
        }
        let mut r = 0;
        for j in cands {
            let (o, olen, og) = &keys[j];
            // Keys far apart in length are never near copies.
            let (num, den) = VARIANT_LENGTH_RATIO;
            let close = j == i
                || (len.min(olen) * den >= len.max(olen) * num
                    && similar_sets(*len.min(olen), g, og));
            if close {
                let (strong, all) = distinct[o];
                r += if *len >= LONG_HEADER_CHARS {
                    all
                } else {
                    strong
                };
            }
        }
        out.insert(*k, r);
    }
    out
}

/// A page marker at either end of a line (`— 15 —`, `第 3 页`, `- 2 -`):
/// the rest of the line, trimmed, when there is one.
fn strip_page_affix(t: &str) -> Option<&str> {
    static AFFIX: Pattern = Pattern::new(|| {
        format!(
            r"^\s*(?:{DASHED_PAGE}|第\s*\d{{1,4}}\s*页)\s+(.+?)\s*$|^\s*(.+?)\s+(?:{DASHED_PAGE}|第\s*\d{{1,4}}\s*页(?:\s*共\s*\d{{1,4}}\s*页)?|\d{{1,4}})\s*$"
        )
    });
    let c = AFFIX.captures(t)?;
    c.get(1).or_else(|| c.get(2)).map(|m| m.as_str())
}

/// Marks running headers, bare page numbers and TOC blocks in `out`, in
/// passes that each read what the earlier ones decided.
pub(crate) fn furniture(texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    let n = texts.len();
    page_numbers_in_prose(texts, out);
    // The document's head, to recognise a header that repeats the title.
    let head: String = (0..n)
        .filter(|&i| !is_page(out, i) && !is_bare_number(&texts[i]))
        .take(TOP)
        .map(|i| key(&texts[i]))
        .collect();
    // Each line's form, read once for the passes that ask it.
    let forms: Vec<bool> = texts.iter().map(|t| header_form(t)).collect();
    let header_keys = headers_next_to_page_numbers(texts, &forms, out, &head);
    same_headers_elsewhere(texts, &forms, out, &header_keys);
    headers_with_their_page_number(texts, out, &header_keys, &head);
    headers_repeated_in_prose(texts, &forms, out, &head);
    page_numbers_beside_headers(texts, out);
    // Contents without leaders or page numbers: headings listed one after
    // another that recur later as the real headings.
    contents_by_recurrence(texts, out);
    contents_pages(texts, out);
}

/// Shortest line read as running text around page furniture: headers and
/// page numbers are shorter. Set on the dev cases.
const PROSE_MIN_CHARS: usize = 20;
/// Fewest Han characters in a line of running text. Set on the dev cases.
const PROSE_MIN_CJK: usize = 12;
/// Lines either side of a bare number searched for another: numbers that
/// cluster are table cells, not page numbers. Set on the dev cases.
const CLUSTER_RADIUS: usize = 3;

/// Running text: a long line with clause punctuation, not a heading.
fn prose(t: &str) -> bool {
    t.chars().count() >= PROSE_MIN_CHARS
        && t.chars().filter(|&c| is_cjk(c)).count() >= PROSE_MIN_CJK
        && t.contains(['，', '。', '；'])
        && !MARKER.is_match(t)
}

/// Pass 1: bare numbers between two lines of running text are page numbers.
fn page_numbers_in_prose(texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    let n = texts.len();
    let prose = |i: usize| prose(&texts[i]);
    for i in 1..n.saturating_sub(1) {
        // Numbers that cluster are table cells, not page numbers.
        let cluster = || {
            (i.saturating_sub(CLUSTER_RADIUS)..(i + CLUSTER_RADIUS + 1).min(n))
                .any(|j| j != i && is_bare_number(&texts[j]))
        };
        if out[i].is_none()
            && is_bare_number(&texts[i])
            && prose(i - 1)
            && prose(i + 1)
            && !cluster()
        {
            out[i] = Some(Verdict::new(
                Reason::PageNumber,
                "bare number between two lines of running text",
            ));
        }
    }
}

/// Pass 2: title-like lines right next to a page number (or next to a bare
/// number, which needs a stronger header form) that repeat, repeat the
/// title, or have a gazette form. Returns the keys of the headers found.
fn headers_next_to_page_numbers(
    texts: &[Cow<str>],
    forms: &[bool],
    out: &mut [Option<Verdict>],
    head: &str,
) -> Vec<String> {
    let n = texts.len();
    let bare = |i: usize| out[i].is_none() && is_bare_number(&texts[i]);
    let near = |i: usize, f: &dyn Fn(usize) -> bool| (i > 0 && f(i - 1)) || (i + 1 < n && f(i + 1));
    let cands: Vec<(usize, bool)> = (0..n)
        .filter(|&i| out[i].is_none() && forms[i])
        // The title at the very top is followed, never preceded, by a page number.
        .filter(|&i| i >= TOP || (i > 0 && (is_page(out, i - 1) || bare(i - 1))))
        .filter_map(|i| {
            if near(i, &|j| is_page(out, j)) {
                Some((i, true))
            } else if near(i, &bare) {
                Some((i, false))
            } else {
                None
            }
        })
        .collect();
    let keys: Vec<String> = cands.iter().map(|&(i, _)| key(&texts[i])).collect();
    // A short title repeated as a header must be the whole first line.
    let first_at = (0..n).find(|&i| !is_page(out, i) && !is_bare_number(&texts[i]));
    let first: Option<String> = first_at.map(|i| key(&texts[i]));
    // Repetitions per distinct key: (next to page markers, next to any number).
    let mut distinct: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (k, &(_, strong)) in keys.iter().zip(&cands) {
        let e = distinct.entry(k.as_str()).or_default();
        e.0 += usize::from(strong);
        e.1 += 1;
    }
    let repeats_of = repeats_of(&distinct);
    // Where the running text begins (its first full stop): above it, an
    // issuer's mark is the document's own head.
    let body_from = texts.iter().position(|t| t.contains('。')).unwrap_or(n);
    let mut header_keys: Vec<String> = Vec::new();
    for (ci, &(i, strong)) in cands.iter().enumerate() {
        let k = &keys[ci];
        let repeats = repeats_of[k.as_str()];
        // A line beside a bare number is a header too when its text stands
        // beside a page marker elsewhere (`2` / `政务公开 · 政策文件` at the
        // first page break, `第 3 页` / the same line at the next).
        let confirmed = strong || distinct[k.as_str()].0 >= 1;
        let detail = if confirmed && repeats >= HEADER_REPEATS {
            format!("repeats {repeats} times next to page numbers")
        } else if Some(i) != first_at
            && head.starts_with(k.as_str())
            && (k.chars().count() >= TITLE_PREFIX_CHARS
                || (repeats >= HEADER_REPEATS && first.as_deref() == Some(k.as_str())))
        {
            "repeats the document's title next to a page number".to_string()
        } else if HEADER_FORM.is_match(&texts[i]) && !texts[i].contains(['，', '、']) {
            "gazette/draft header form next to a page number".to_string()
        } else if strong && Some(i) != first_at && first.as_deref() == Some(k.as_str()) {
            // The whole first line again, beside a page marker: the title
            // printed at the head of a later page.
            "repeats the document's first line next to a page marker".to_string()
        } else if strong && body_from <= i && ISSUER_MARK.is_match(texts[i].trim()) {
            "issuer's document mark (发文机关标志) next to a page marker".to_string()
        } else if strong && COLUMN_PATH.is_match(texts[i].trim()) {
            "site column path next to a page marker".to_string()
        } else {
            continue;
        };
        if !header_keys.contains(k) {
            header_keys.push(k.clone());
        }
        out[i] = Some(Verdict::new(Reason::RunningHeader, detail));
    }
    header_keys
}

/// Pass 3: the same header elsewhere (page number lost), except in the
/// head, where the real title and its repetitions live.
fn same_headers_elsewhere(
    texts: &[Cow<str>],
    forms: &[bool],
    out: &mut [Option<Verdict>],
    header_keys: &[String],
) {
    let n = texts.len();
    if !header_keys.is_empty() {
        for i in HEAD_ZONE..n {
            if out[i].is_some() || !forms[i] {
                continue;
            }
            let k = key(&texts[i]);
            if k.chars().count() >= LONG_HEADER_CHARS && header_keys.contains(&k) {
                out[i] = Some(Verdict::new(
                    Reason::RunningHeader,
                    "same as a running header found next to page numbers",
                ));
            }
        }
    }
}

/// Pass 3a: a header and its page number on one line (`国务院公报 — 15 —`).
fn headers_with_their_page_number(
    texts: &[Cow<str>],
    out: &mut [Option<Verdict>],
    header_keys: &[String],
    head: &str,
) {
    let n = texts.len();
    for i in 0..n {
        if out[i].is_some() {
            continue;
        }
        let Some(rest) = strip_page_affix(&texts[i]) else {
            continue;
        };
        let k = key(rest);
        let known = header_keys.contains(&k)
            || (k.chars().count() >= TITLE_PREFIX_CHARS && head.starts_with(k.as_str()))
            || HEADER_FORM.is_match(rest);
        if known && header_form(rest) {
            out[i] = Some(Verdict::new(
                Reason::RunningHeader,
                "running header with its page number on one line",
            ));
        }
    }
}

/// Times a title-like line must recur in the running text to be a header
/// whose page numbers are gone. Set on the dev cases.
const PROSE_REPEATS: usize = 3;

/// Pass 3b: a header whose page numbers are gone altogether: a title-like
/// line (the title's start, or a gazette/draft form) repeated
/// [`PROSE_REPEATS`] or more times after the body has begun, each time next
/// to running text.
fn headers_repeated_in_prose(
    texts: &[Cow<str>],
    forms: &[bool],
    out: &mut [Option<Verdict>],
    head: &str,
) {
    let n = texts.len();
    let prose = |i: usize| prose(&texts[i]);
    let body = (0..n).find(|&i| prose(i)).unwrap_or(n).max(TOP);
    let mut count: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in body..n {
        if out[i].is_none() && forms[i] {
            count.entry(key(&texts[i])).or_default().push(i);
        }
    }
    for (k, at) in &count {
        let titled = k.chars().count() >= TITLE_PREFIX_CHARS && head.starts_with(k.as_str());
        if at.len() < PROSE_REPEATS
            || k.chars().count() < LONG_HEADER_CHARS
            || !(titled || HEADER_FORM.is_match(k))
        {
            continue;
        }
        let text = |j: usize| {
            texts[j].chars().count() >= PROSE_MIN_CHARS && texts[j].contains(['，', '。', '；'])
        };
        if !at
            .iter()
            .all(|&i| (i > 0 && text(i - 1)) || (i + 1 < n && text(i + 1)))
        {
            continue;
        }
        for &i in at {
            out[i] = Some(Verdict::new(
                Reason::RunningHeader,
                format!(
                    "title-like line repeated {} times in the running text",
                    at.len()
                ),
            ));
        }
    }
}

/// Pass 4: bare numbers next to a header that has no page number of its own.
fn page_numbers_beside_headers(texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    let n = texts.len();
    let is_header = |out: &[Option<Verdict>], i: usize| {
        out[i]
            .as_ref()
            .is_some_and(|v| v.reason == Reason::RunningHeader)
    };
    for i in 0..n {
        if out[i].is_some() || !is_bare_number(&texts[i]) {
            continue;
        }
        let paired = |h: usize, other: Option<usize>| {
            is_header(out, h) && !other.is_some_and(|o| is_page(out, o))
        };
        let before = i > 0 && paired(i - 1, (i >= 2).then(|| i - 2));
        let after = i + 1 < n && paired(i + 1, (i + 2 < n).then_some(i + 2));
        if before || after {
            out[i] = Some(Verdict::new(
                Reason::PageNumber,
                "bare number next to a running header",
            ));
        }
    }
}

/// Fewest entries under a `目录` title that make a contents block: the title
/// says what follows.
const TITLED_CONTENTS_MIN: usize = 2;

/// Pass 5: tables of contents: a 目录 line followed by entries, and the
/// entries.
fn contents_pages(texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    let n = texts.len();
    for i in 0..n {
        if !is_contents_title(&texts[i]) {
            continue;
        }
        let mut j = i + 1;
        let mut entries = 0;
        while j < n {
            let t = texts[j].trim();
            let leader = toc_entry(t).is_some();
            if leader || TOC_PLAIN.is_match(t) {
                entries += 1;
                j += 1;
            } else if is_page(out, j) {
                j += 1;
            } else {
                break;
            }
        }
        if entries >= TITLED_CONTENTS_MIN {
            out[i] = Some(Verdict::new(
                Reason::Toc,
                format!("table-of-contents title followed by {entries} entries"),
            ));
            for v in out.iter_mut().take(j).skip(i + 1) {
                if !matches!(v, Some(x) if x.reason == Reason::PageNumber) {
                    *v = Some(Verdict::new(Reason::Toc, "entry of the table of contents"));
                }
            }
        }
    }
}

/// Fewest listed headings that make a contents block without a `目录` title.
const CONTENTS_MIN: usize = 3;
/// Longest line read as a contents entry.
const ENTRY_CHARS: usize = 30;
/// Share of the listed headings (numerator, denominator) that must recur in
/// the body for a run of headings to be a contents page.
const RECUR_SHARE: (usize, usize) = (2, 3);

/// A contents page with neither dot leaders nor page numbers (`目  录` over
/// `第一章 总则` … `第七章 附则`): a run of heading-only lines, at least
/// [`RECUR_SHARE`] of which recur verbatim later in the document as its headings. A
/// document never states its headings twice in a row with no body between.
fn contents_by_recurrence(texts: &[Cow<str>], out: &mut [Option<Verdict>]) {
    let n = texts.len();
    // Lines without spaces (almost all) are their own keys.
    fn squeeze(t: &str) -> Cow<'_, str> {
        if t.contains(char::is_whitespace) {
            Cow::Owned(t.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(t)
        }
    }
    // Only a line that could equal an entry is keyed: an entry has at most
    // ENTRY_CHARS characters and no clause punctuation, so any line equal to
    // one, spaces aside, has neither more nor any (long prose is most lines).
    let could_list = |t: &str| {
        !t.contains(['。', '；', '，'])
            && t.chars()
                .filter(|c| !c.is_whitespace())
                .nth(ENTRY_CHARS)
                .is_none()
    };
    let keys: Vec<Option<Cow<str>>> = texts
        .iter()
        .map(|t| could_list(t).then(|| squeeze(t)))
        .collect();
    // Where each line stands last: a listed heading recurs when it stands
    // again after the list.
    let mut last_at: FastMap<&str, usize> = FastMap::default();
    for (k, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            last_at.insert(key.as_ref(), k);
        }
    }
    let key = |j: usize| keys[j].as_deref().unwrap_or_default();
    let style_of = |t: &str| {
        let t = t.trim();
        if t.chars().count() > ENTRY_CHARS || t.contains(['。', '；', '，']) {
            return None;
        }
        // Contents list divisions and headings, never articles (whose
        // first line is body text).
        crate::markers::parse(&crate::clean::normalize(t), None)
            .map(|m| m.style)
            .filter(|s| !s.is_article())
    };
    let mut i = 0;
    while i < n {
        let titled = is_contents_title(&texts[i]);
        let start = if titled { i + 1 } else { i };
        let mut run: Vec<usize> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut styles: BTreeMap<crate::markers::Style, usize> = BTreeMap::new();
        let mut j = start;
        while j < n && (out[j].is_none() || is_page(out, j)) {
            if out[j].is_none() {
                // The first heading listed twice is where the body begins.
                let Some(style) = style_of(&texts[j]).filter(|_| seen.insert(key(j))) else {
                    break;
                };
                *styles.entry(style).or_default() += 1;
                run.push(j);
            }
            j += 1;
        }
        let need = if titled {
            TITLED_CONTENTS_MIN
        } else {
            CONTENTS_MIN
        };
        let recurs: Vec<bool> = run.iter().map(|&e| last_at[key(e)] >= j).collect();
        let found = recurs.iter().filter(|&&r| r).count();
        // A contents page lists siblings: `need` entries of one style at least
        // (a chapter heading over its first section is two styles).
        let siblings = styles.values().copied().max().unwrap_or(0);
        let (num, den) = RECUR_SHARE;
        if siblings >= need && found * den >= run.len() * num {
            if titled {
                out[i] = Some(Verdict::new(
                    Reason::Toc,
                    format!("contents title over {} listed headings", run.len()),
                ));
            }
            for (&e, &r) in run.iter().zip(&recurs) {
                let detail = if r {
                    "contents entry: the same heading stands again in the body"
                } else {
                    "contents entry: no heading of the body repeats it"
                };
                out[e] = Some(Verdict::new(Reason::Toc, detail));
            }
        }
        // Every line is looked at by one run only: linear in the document.
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::glued_page_numbers;

    #[test]
    fn glued_page_numbers_need_a_rising_sequence() {
        let lines = [
            "-2-附件",
            "正文。",
            "-3-措施，对较低风险",
            "正文。",
            "-5-（五）报告；",
        ];
        assert_eq!(glued_page_numbers(&lines), [3, 0, 3, 0, 3]);
        // One dash-number-dash opening a line is not a page sequence.
        assert_eq!(glued_page_numbers(&["-2-附件", "正文。"]), [0, 0]);
        // Numbers that fall back are not page numbers.
        let lines = ["-2-甲", "-9-乙", "-3-丙"];
        assert_eq!(glued_page_numbers(&lines), [0, 0, 0]);
    }
}
