//! Damage: flags text the scanner or converter cut (`truncated_start`,
//! `truncated_end`) and key terms that differ from the one the document uses
//! everywhere else in the same position (`suspect_term`). Nothing is changed
//! or dropped here; these are warnings for an archivist.

use crate::block::{ends_closed, Block};
use crate::model::{Flag, WarningKind};
use crate::text::is_cjk;
use std::collections::BTreeMap;

/// A warning about one block, before the pipeline knows its node.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockWarning {
    /// The block concerned.
    pub block: usize,
    /// What kind of damage.
    pub kind: WarningKind,
    /// What was seen.
    pub message: String,
}

/// Clause openers that legitimately stand short before a comma.
static OPENERS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| crate::lexicon::terms(crate::lexicon::CLAUSE_OPENERS));

/// Longest opening clause (before the first `，`) read as a fragment left by
/// lost text: longer ones are the sentence's own subject. Set on the dev cases.
const ODD_OPENING_MAX_CHARS: usize = 5;
/// Longest opening clause that merely starts with a known opener (`为此`,
/// `同时`) and still counts as one. Set on the dev cases.
const OPENER_PREFIX_MAX_CHARS: usize = 3;

fn short_odd_opening(text: &str) -> bool {
    let Some((p, _)) = text.char_indices().find(|&(_, c)| c == '，') else {
        return false;
    };
    let head = &text[..p];
    let n = head.chars().count();
    if n == 0
        || n > ODD_OPENING_MAX_CHARS
        || head
            .chars()
            .any(|c| c.is_ascii_alphanumeric() || !is_cjk(c))
    {
        return false;
    }
    if OPENERS
        .iter()
        .any(|o| head == *o || head.starts_with(o) && n <= OPENER_PREFIX_MAX_CHARS)
    {
        return false;
    }
    // Time and place adverbials: `今年`, `会上`, `近期`, `此后`.
    !head.ends_with([
        '年', '月', '日', '时', '期', '来', '后', '前', '中', '上', '下', '外', '内', '此', '看',
        '言', '说', '里', '间', '初', '底', '末',
    ])
}

/// Longest numbered title-only paragraph read as a heading, and the shortest
/// unnumbered paragraph judged cut at the end: shorter lines are headings
/// and labels. Set on the dev cases.
const HEADING_MAX_CHARS: usize = 40;
/// Paragraphs shorter than this are labels and unnumbered headings, never
/// judged cut. Set on the dev cases.
const LABEL_MAX_CHARS: usize = 20;
/// Characters of a paragraph quoted in a truncation warning.
const QUOTE_CHARS: usize = 12;

/// Fewest letters of a heading set in capitals.
const CAPITALS_MIN_LETTERS: usize = 4;

/// A heading set in capitals, Latin script (`PART II — TAKING A
/// GOVERNMENT-WIDE APPROACH TO THE CLIMATE CRISIS`): letters and no small
/// ones. It ends without a full stop because it is a heading, not because
/// it was cut.
fn capitals_heading(t: &str) -> bool {
    // Asked first: most text has small letters or Han, and is answered
    // without looking up every character's class.
    !t.chars()
        .any(|c| crate::text::is_cjk(c) || c.is_lowercase())
        && t.chars().filter(|c| c.is_alphabetic()).count() >= CAPITALS_MIN_LETTERS
}

/// Fewest items of a list of names (`科技部、国家发展改革委、财政部`).
const NAME_LIST_MIN_ITEMS: usize = 3;
/// Longest item of a list of names: an organisation's full name
/// (`石家庄仲裁委员会`, `国务院国有资产监督管理委员会`); a longer piece is
/// a clause.
const NAME_LIST_ITEM_MAX_CHARS: usize = 16;

/// A list of names and nothing else (a table cell of responsible units, a
/// register's row of bodies): items joined by `、`, each a short name, no
/// clause punctuation. It stops without a full stop because a list does,
/// not because it was cut.
fn name_list(t: &str) -> bool {
    let t = t.trim_end_matches('、');
    if crate::metadata::is_sentence(t) || t.contains(['：', ':']) {
        return false;
    }
    let mut items = 0;
    for item in t.split('、') {
        let n = item.trim().chars().count();
        if !(2..=NAME_LIST_ITEM_MAX_CHARS).contains(&n) {
            return false;
        }
        items += 1;
    }
    items >= NAME_LIST_MIN_ITEMS
}

/// Whether each block is a numbered item followed right away by the next
/// item of its list (same style, the next number).
fn items_before_a_sibling(blocks: &[Block]) -> Vec<bool> {
    let mut out: Vec<bool> = blocks
        .windows(2)
        .map(|w| match (&w[0].marker, &w[1].marker) {
            (Some(a), Some(b)) => a.style == b.style && b.ordinal == a.ordinal + 1,
            _ => false,
        })
        .collect();
    out.push(false);
    out
}

/// Whether each block runs straight on (no removed noise between) into the
/// first item of a list under it (`For the purposes of this order` / `(a)
/// “Tribal Nation” means…`, `…做好以下工作` / `（一）…`): a lead-in, which
/// its list completes, not a paragraph cut off. Its list is nested under it:
/// an item of another style than the block's own marker.
fn leads_into_a_list(blocks: &[Block]) -> Vec<bool> {
    let mut out: Vec<bool> = blocks
        .windows(2)
        .map(|w| {
            let own = w[0].marker.as_ref().map(|m| m.style);
            !w[1].after_gap
                && w[1]
                    .marker
                    .as_ref()
                    .is_some_and(|m| m.ordinal == 1 && own != Some(m.style))
        })
        .collect();
    out.push(false);
    out
}

/// The end of an item of a list that runs as one sentence (`shall: (a) …,
/// (b) …, and (c) …`): a comma, or a comma and the conjunction before the
/// last item. Only the next item following says the list goes on.
fn ends_an_item(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '’', '"', '\'', ' ']);
    t.ends_with([',', '，']) || t.ends_with(", and") || t.ends_with(", or")
}

/// Flags truncated paragraphs in place and returns the warnings.
///
/// A paragraph is cut at the end when it is body text (not a short heading)
/// that stops without closing punctuation (a numbered item ending in a comma
/// right before the next item of its list is closed by the list); cut at
/// the start when it opens with
/// continuation punctuation, follows a paragraph cut at the end without a
/// numbering marker of its own, or — right after removed noise, where scans
/// lose text — opens with a short clause that is no known opener
/// (`进一步彰显，…`).
/// `titles`: the blocks that head a part (sorted), headings whatever their length.
pub fn flag_truncation(blocks: &mut [Block], titles: &[usize]) -> Vec<BlockWarning> {
    let mut out = Vec::new();
    let mut prev_open = false;
    let listed = items_before_a_sibling(blocks);
    let leads = leads_into_a_list(blocks);
    for (i, b) in blocks.iter_mut().enumerate() {
        // A part's heading (`附件` and its title) is a heading, whatever its length.
        if titles.binary_search(&i).is_ok() {
            prev_open = false;
            continue;
        }
        let rest = b.text[b.marker.as_ref().map_or(0, |m| m.len)..].trim();
        let len = rest.chars().count();
        let pure_title = !rest.trim_end_matches('。').contains(['。', '！', '？']);
        let heading_like = b.heading.is_some()
            || (b.marker.is_some() && len <= HEADING_MAX_CHARS && pure_title)
            || len < LABEL_MAX_CHARS
            || capitals_heading(rest)
            // A document's title (`…关于印发《…》的通知`) ends in its type, not
            // in a stop, however long it is.
            || crate::metadata::looks_like_title(rest)
            || name_list(rest)
            || crate::text::is_field_line(rest);
        // Short unpunctuated lines are labels and unnumbered headings.
        let closed = ends_closed(rest) || listed[i] && ends_an_item(rest) || leads[i];
        let cut_end = !heading_like && len > HEADING_MAX_CHARS && !closed;
        let cut_start = b.marker.is_none()
            && !crate::text::opens_a_field(rest)
            && (rest.starts_with(['，', '、', '。', '；', '）', ')', '”'])
                || prev_open
                || (b.after_gap && short_odd_opening(rest)));
        if cut_start && !b.flags.contains(&Flag::TruncatedStart) {
            b.flags.push(Flag::TruncatedStart);
            out.push(BlockWarning {
                block: i,
                kind: WarningKind::Truncated,
                message: format!(
                    "paragraph starts mid-sentence: “{}…”",
                    rest.chars().take(QUOTE_CHARS).collect::<String>()
                ),
            });
        }
        if cut_end && !b.flags.contains(&Flag::TruncatedEnd) {
            b.flags.push(Flag::TruncatedEnd);
            let tail: String = rest
                .chars()
                .rev()
                .take(QUOTE_CHARS)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            out.push(BlockWarning {
                block: i,
                kind: WarningKind::Truncated,
                message: format!("paragraph is cut off: “…{tail}”"),
            });
        }
        prev_open = cut_end;
    }
    out
}

/// Longest quoted key term compared (`“楚怡”`, `“放管服”`): a longer quote
/// is a phrase, not a term. Set on the dev cases.
const TERM_MAX_CHARS: usize = 8;
/// Characters either side of a quoted term that make its context.
const CONTEXT_CHARS: usize = 2;
/// Fewest occurrences of a term for it to be the document's dominant one.
/// Set on the dev cases.
const DOMINANT_MIN: usize = 5;

/// Quoted key terms (`“楚怡”`) seen once where the document's dominant term
/// stands in the very same context elsewhere.
pub fn suspect_terms(blocks: &[Block]) -> Vec<BlockWarning> {
    // (term) -> occurrences (block, left context, right context)
    let mut occ: BTreeMap<String, Vec<(usize, String, String)>> = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate() {
        let chars: Vec<char> = b.text.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            if chars[k] == '“' {
                let close = chars[k + 1..]
                    .iter()
                    .take(TERM_MAX_CHARS + 1)
                    .position(|&c| c == '”');
                if let Some(len) = close {
                    let term: String = chars[k + 1..k + 1 + len].iter().collect();
                    if (1..=TERM_MAX_CHARS).contains(&len) && term.chars().all(is_cjk) {
                        let left: String =
                            chars[k.saturating_sub(CONTEXT_CHARS)..k].iter().collect();
                        // After the closing quote at `k + 1 + len`.
                        let after = k + 2 + len;
                        let right: String = chars
                            [after.min(chars.len())..(after + CONTEXT_CHARS).min(chars.len())]
                            .iter()
                            .collect();
                        occ.entry(term).or_default().push((i, left, right));
                    }
                    k += len + 2;
                    continue;
                }
            }
            k += 1;
        }
    }
    let mut out = Vec::new();
    for (term, places) in &occ {
        if places.len() != 1 {
            continue;
        }
        let (block, left, right) = &places[0];
        if left.chars().count() < CONTEXT_CHARS || right.chars().count() < CONTEXT_CHARS {
            continue;
        }
        let dominant = occ
            .iter()
            .filter(|(t, p)| {
                *t != term && p.len() >= DOMINANT_MIN && t.chars().count() == term.chars().count()
            })
            .filter(|(_, p)| p.iter().any(|(_, l, r)| l == left && r == right))
            .max_by_key(|(_, p)| p.len());
        if let Some((dom, p)) = dominant {
            out.push(BlockWarning {
                block: *block,
                kind: WarningKind::SuspectTerm,
                message: format!("“{term}” appears once, in {left}“{term}”{right}, where the document says “{dom}” ({} times, also as {left}“{dom}”{right})", p.len()),
            });
        }
    }
    out.sort_by_key(|w| w.block);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::join::join;
    use crate::segment::segment;

    fn blocks(text: &str) -> Vec<Block<'_>> {
        let u = segment(text);
        join(&u, &vec![true; u.len()], &vec![false; u.len()])
    }

    #[test]
    fn truncation_both_ends() {
        let mut b = blocks("进一步彰显，品牌效应进一步凸显，办学能力进一步提升。\n\n为此，提出以下意见。\n\n(二) 加大经费投入。建立多元化筹资渠道。同时，统筹用好地方政府专项债券，引导和推动各市州、县市区加大职业教育“楚\n\n（三）完善政策。");
        let w = flag_truncation(&mut b, &[]);
        assert_eq!(b[0].flags, [Flag::TruncatedStart]);
        assert!(b[1].flags.is_empty());
        assert_eq!(b[2].flags, [Flag::TruncatedEnd]);
        assert!(b[3].flags.is_empty());
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn suspect_term_in_dominant_position() {
        let mut t = String::new();
        for k in 0..5 {
            t.push_str(&format!("实施职业教育“楚怡”行动第{k}项任务。\n\n"));
        }
        t.push_str("将职业教育“体校”行动纳入考核。\n\n他们在“体校”训练。");
        let w = suspect_terms(&blocks(&t));
        assert!(w.is_empty(), "a term seen twice is not suspect: {w:?}");
        let t2 = t.replace("他们在“体校”训练。", "");
        let w = suspect_terms(&blocks(&t2));
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("“楚怡”"));
    }
}
