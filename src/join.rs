//! Join: kept units → paragraphs ([`Block`]s), putting back together the
//! paragraphs a scanner or a PDF page width broke into several lines.
//!
//! A line continues the paragraph before it when nothing says a new one
//! starts: the next line has no numbering marker and no heading hint, and the
//! previous one either ends without closing punctuation (and the two ends fit
//! together as text of this document) or fills the page width of a wrapped
//! text. Noise removed between the two halves (a page break) does not stop a
//! join; metadata does.

pub use crate::block::{ends_closed, Block};
use crate::hash::{FastMap, FastSet};
use crate::lexicon::dict;
use crate::markers::{self, Marker, Style};
use crate::metadata::is_standalone_line;
use crate::model::Flag;
use crate::segment::{detect_wrap, Unit, Wrap};
use crate::text::is_cjk;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Longest line that never continues into the next without a form that
/// says so: labels, table cells and signatures, not wrapped text. Set on
/// the dev cases.
const LABEL_MAX_CHARS: usize = 8;
/// A line at least this long that stops mid-sentence is running text cut
/// by a line end (its bracket or first word may continue it). Set on the
/// dev cases; also the shortest repeated sentence [`split_repeats`] parts.
const RUNNING_MIN_CHARS: usize = 20;
/// Longest numbered one-line block that may be a heading (`（一）加强组织领导`)
/// rather than a clause. Set on the dev cases.
const HEADING_MAX_CHARS: usize = 40;
/// Fewest characters of words before a number cut from its unit (`…之日起30`
/// + `日内`): shorter is a table cell (`90` over `天津`).
const NUMBER_LEAD_MIN_CHARS: usize = 4;
/// Distinct lines a bigram must appear in to attest a word at a line start.
const ATTESTED_MIN_LINES: u32 = 2;
/// Kept lines read ahead for the item after an ambiguous `(i)`, `(v)` or
/// `(x)`: an item's paragraph in the executive orders runs to 30 lines.
const ROMAN_LOOKAHEAD_UNITS: usize = 64;
/// Bytes of a paragraph's opening that a marker is read from: markers and
/// the few characters after them that decide one (`第三条规定的` is a
/// reference) take far fewer; a bare `1　总则` is at most 17 characters.
const MARKER_LOOKAHEAD: usize = 256;

/// The text ends a sentence or clause (`。`, `；`, `：`), a bracketed note
/// after it aside (`…实行告知承诺制。（负责部门：卫生健康委）`); a bracket
/// alone does not end one (`二、科技成果转化激励方面（共4项）` is a heading).
fn ends_sentence(text: &str) -> bool {
    let mut t = text.trim_end_matches(['”', '’', '"', '\'', '」', '』', ' ']);
    if let Some(open) = t
        .strip_suffix(['）', ')'])
        .and_then(|inner| inner.rfind(['（', '(']))
    {
        t = &t[..open];
    }
    t.ends_with(['。', '！', '？', '；', '：', '.', '!', '?', ';', ':'])
}

fn ends_open(text: &str) -> bool {
    // `；` separates clauses of one paragraph; a list of `；` items carries markers.
    text.ends_with(['，', '、', ',', '“', '《', '（', '(', '—', '-', '；'])
}

/// An English section or article heading whose title has not reached its
/// full stop (`Sec. 201. Agency Goals and` over `Targets. (a) …`): such
/// titles always close with one, so the line below goes on with it.
fn english_title_open(a: &Block) -> bool {
    let Some(m) = a.marker.as_ref() else {
        return false;
    };
    let rest = a.text[m.len..].trim();
    matches!(m.style, Style::EnSection | Style::EnArticle)
        && a.units.len() == 1
        && !rest.is_empty()
        && !a.text.chars().any(is_cjk)
        && !rest.ends_with(['.', ';', ':', '!', '?'])
        && !rest.contains(". ")
        && !rest.contains(".\u{a0}")
}

/// The text opens on punctuation that closes or goes on with the text
/// before it (`，自2019年1月1日起施行。`): it continues the line above.
pub(crate) fn starts_continuation(text: &str) -> bool {
    text.starts_with([
        '，', '、', '。', '；', '：', '）', ')', '”', '》', ',', '.', ';',
    ])
}

/// Joins the kept units into paragraphs. `keep[i]` says whether unit `i`
/// takes part; `hard[i]` marks units (metadata) that no paragraph may span.
pub fn join<'s>(units: &[Unit<'s>], keep: &[bool], hard: &[bool]) -> Vec<Block<'s>> {
    let wrap = detect_wrap(units);
    // A document that separates paragraphs by blank lines marks a line break
    // without one as a soft break inside a paragraph.
    let blank_style =
        wrap.is_none() && units.iter().filter(|u| u.blank_before).count() * 2 > units.len();
    let stats = seam_stats(units, keep);
    let mut out: Vec<Block> = Vec::new();
    let mut prev_alpha = None;
    let mut barrier = true;
    let mut gap = true;
    for (i, u) in units.iter().enumerate() {
        if hard[i] {
            barrier = true;
            continue;
        }
        if !keep[i] {
            gap = true;
            continue;
        }
        // A line of Markdown syntax alone (`**` left by a page width, `---`)
        // belongs to the paragraph it sits in and adds no text.
        let syntax = u.text.chars().all(|c| "*-_=#~`".contains(c));
        if let Some(a) = out.last_mut().filter(|_| syntax && !barrier && !gap) {
            a.lines[1] = u.line;
            a.units.push(i);
            continue;
        }
        // `� 推动中小企业…` then `５` alone: the PDF set the item's number
        // below its first line; it goes in front, where it was printed. (A
        // number right before the next lost mark is that item's.)
        let before_mark = number_before_lost_mark(units, keep, i);
        if let Some(a) = out
            .last_mut()
            .filter(|a| !barrier && !before_mark && number_below_lost_mark(a, &u.text))
        {
            put_number_in_front(a, u, i);
            continue;
        }
        let marker = read_marker(units, keep, i, prev_alpha);
        let alpha = marker.as_ref().filter(|m| m.style == Style::AlphaParen);
        prev_alpha = alpha.map(|m| m.ordinal).or(prev_alpha);
        // After an opening bracket or quote the line must go on, whatever it
        // looks like (`（` + `3）加强…` is one marker broken by the page width).
        let forced = !barrier
            && out
                .last()
                .is_some_and(|a| a.text.ends_with(['（', '(', '“', '《']));
        let damaged = !barrier && out.last().is_some_and(|a| lost_mark_after_number(a, u));
        // `…作为第二百八十七条之一、` + `第二百八十七条之二：…`: the next item of
        // a list of references the line break cut, not a heading.
        let listed = !barrier
            && marker.as_ref().is_some_and(|m| m.style.is_statute_unit())
            && out
                .last()
                .is_some_and(|a| markers::ends_in_reference_list(&a.text));
        let cont = forced
            || damaged
            || listed
            || !barrier
                && marker.is_none()
                && u.heading.is_none()
                && !before_mark
                && !title_after_label(&out, units, wrap)
                && {
                    let a = out.last().unwrap();
                    let last = &units[*a.units.last().unwrap()];
                    // What follows a heading line across removed noise is its
                    // body (or noise the cleaner missed), not the rest of its
                    // title: a title does not wrap over a page break.
                    !(gap && heading_like(a, &stats))
                        && continues(a, last, u, wrap, blank_style, &stats)
                };
        barrier = false;
        if cont {
            append(out.last_mut().unwrap(), u, i, damaged);
        } else {
            out.push(open_block(u, i, marker, gap));
        }
        gap = false;
    }
    number_lost_marks(&mut out);
    let mut blocks = split_repeats(out, units);
    // Held through dedup and structure: no spare capacity from growth.
    blocks.shrink_to_fit();
    blocks
}

/// The last block is a title: the line under a bare label (`附件2` /
/// `重点项目名单`) or a label with its title (`附件2：重点项目名单`), or the
/// line under a row's number alone (`1` / `知识产权…“三合一”审判`, a table's
/// serial column read out row by row). A title, not the start of a
/// paragraph; a title line cut at the page width goes on, unless it already
/// ends as a title does (`…的意见`).
fn title_after_label(out: &[Block], units: &[Unit], wrap: Option<Wrap>) -> bool {
    let Some(title) = out.last().filter(|b| b.units.len() == 1) else {
        return false;
    };
    let above = out.len().checked_sub(2).map(|k| &out[k]);
    let under_label = above.is_some_and(|b| {
        crate::parts::is_bare_label(&b.text) || b.units.len() == 1 && is_item_number(&b.text)
    });
    let text = match crate::parts::attachment_label(&title.text) {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ if under_label => &*title.text,
        _ => return false,
    };
    let line = &units[title.units[0]];
    let full = wrap.is_some_and(|w| line.width + 2 >= w.width);
    crate::parts::is_title_form(text) && (!full || crate::metadata::looks_like_title(text))
}

/// A new block of unit `u` (index `i`), opening on `marker`; `gap`: noise
/// or the document start lies right before it.
fn open_block<'s>(u: &Unit<'s>, i: usize, marker: Option<markers::Marker>, gap: bool) -> Block<'s> {
    Block {
        text: u.text.clone(),
        lines: [u.line, u.line],
        units: vec![i],
        heading: u.heading,
        marker,
        flags: Vec::new(),
        after_gap: gap,
    }
}

/// Unit `u` (index `i`) continues block `a`: its text is appended (with a
/// space where the break stood for one) and `a` is flagged `joined`.
fn append(a: &mut Block, u: &Unit, i: usize, damaged: bool) {
    push_line(a.text.to_mut(), &u.text);
    a.lines[1] = u.line;
    a.units.push(i);
    if damaged {
        a.marker = markers::parse(&a.text, None);
    }
    if !a.flags.contains(&Flag::Joined) {
        a.flags.push(Flag::Joined);
    }
}

/// The marker of unit `i`. `(i)` after `(h)` is the letter, unless the next
/// lettered or roman item is `(ii)`: then it opens a roman list (under
/// `(h)`); so too `(v)` after `(u)` before `(vi)`, `(x)` after `(w)` before
/// `(xi)`. The numbering that follows decides, not the letter alone.
fn read_marker(
    units: &[Unit],
    keep: &[bool],
    i: usize,
    prev_alpha: Option<u32>,
) -> Option<markers::Marker> {
    let m = markers::parse(&units[i].text, prev_alpha)?;
    if m.style != Style::AlphaParen {
        return Some(m);
    }
    let Some(r) = markers::parse(&units[i].text, None).filter(|r| r.style == Style::RomanParen)
    else {
        return Some(m);
    };
    let next = units[i + 1..]
        .iter()
        .zip(&keep[i + 1..])
        .filter(|(_, &k)| k)
        .take(ROMAN_LOOKAHEAD_UNITS)
        .find_map(|(u, _)| {
            markers::parse(&u.text, Some(m.ordinal))
                .filter(|n| matches!(n.style, Style::AlphaParen | Style::RomanParen))
        });
    let roman = next.is_some_and(|n| n.style == Style::RomanParen && n.ordinal == r.ordinal + 1);
    Some(if roman { r } else { m })
}

/// Appends a line to a paragraph's text, with a space where the break stood
/// for one (between two Latin words).
fn push_line(text: &mut String, line: &str) {
    // A word, or what opens one in Latin text: `subsection` + `(a) of`,
    // `at least` + `$15.00`, `the` + `“clean”`.
    let opens_word = |c: char| c.is_ascii_alphanumeric() || "([“‘\"$§".contains(c);
    if latin_break(text) && line.starts_with(opens_word) {
        text.push(' ');
    }
    text.push_str(line);
}

/// The text of `idx`'s units joined as [`append`] joins them.
fn joined_text(units: &[Unit], idx: &[usize]) -> String {
    let mut text = String::new();
    for &u in idx {
        push_line(&mut text, &units[u].text);
    }
    text
}

/// The opening of the text of `idx`'s units: whole units up to at least
/// [`MARKER_LOOKAHEAD`] bytes, as much as a marker is read from.
fn opening_text(units: &[Unit], idx: &[usize]) -> String {
    let mut text = String::new();
    for &u in idx {
        if text.len() >= MARKER_LOOKAHEAD {
            break;
        }
        push_line(&mut text, &units[u].text);
    }
    text
}

/// The number line `u` (index `i`) set below an item's first line goes in
/// front of it, where it was printed, and makes the item's marker.
fn put_number_in_front(a: &mut Block, u: &Unit, i: usize) {
    a.text = std::borrow::Cow::Owned(format!("{}{}", u.text, a.text));
    a.marker = markers::parse(&a.text, None);
    a.lines[1] = u.line;
    // The number line is held by the item's span; the seam with the line
    // after is read from the item's first line.
    a.units.insert(0, i);
    if !a.flags.contains(&Flag::Joined) {
        a.flags.push(Flag::Joined);
    }
}

/// `1` as block `a` and `� 做大做强…` as unit `u`: an item number whose mark
/// the PDF lost; the two lines are one item.
fn lost_mark_after_number(a: &Block, u: &Unit) -> bool {
    u.text.starts_with('\u{FFFD}') && a.units.len() == 1 && is_item_number(&a.text)
}

/// A line that is only an item number (one or two digits, `５` read as `5`).
fn is_item_number(t: &str) -> bool {
    (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// `a` is the first line of an item whose mark was lost (`� 推动…`, no
/// number before it) and `t` a number alone: the item's own number.
fn number_below_lost_mark(a: &Block, t: &str) -> bool {
    a.units.len() == 1 && a.marker.is_none() && a.text.starts_with('\u{FFFD}') && is_item_number(t)
}

/// `４` alone, and the next kept line opens on U+FFFD (`� 稳定壮大…`): the
/// number of an item whose mark the PDF lost; it starts that item instead
/// of ending the paragraph before.
fn number_before_lost_mark(units: &[Unit], keep: &[bool], i: usize) -> bool {
    is_item_number(&units[i].text)
        && (i + 1..units.len())
            .find(|&j| keep[j])
            .is_some_and(|j| units[j].text.starts_with('\u{FFFD}'))
}

/// Items whose number the PDF lost with their mark (`� 推动中小企业…` with no
/// digit anywhere), in a document whose other items kept theirs (`1�`,
/// `2�`): each takes the number after the last item's, flagged
/// `inferred_number`. Two recovered items are needed to trust the sequence.
fn number_lost_marks(blocks: &mut [Block]) {
    let mut damaged = blocks
        .iter()
        .filter_map(|b| b.marker.as_ref())
        .filter(|m| m.text.ends_with('\u{FFFD}'));
    let Some(style) = damaged.next().map(|m| m.style) else {
        return;
    };
    if damaged.next().is_none() {
        return;
    }
    let mut last = 0;
    for b in blocks.iter_mut() {
        match &b.marker {
            Some(m) if m.style == style => last = m.ordinal,
            Some(_) => {}
            None if b.text.starts_with('\u{FFFD}') && last > 0 => {
                let len = b.text.len() - b.text['\u{FFFD}'.len_utf8()..].trim_start().len();
                last += 1;
                b.marker = Some(Marker {
                    style,
                    ordinal: last,
                    text: "\u{FFFD}".to_string(),
                    len,
                });
                b.flags.push(Flag::InferredNumber);
            }
            None => {}
        }
    }
}

/// A paragraph whose first lines repeat an earlier paragraph word for word,
/// up to its closing punctuation, was glued to that copy by the page width
/// (the copy ended exactly at the margin): the copy becomes its own block so
/// deduplication can see it, and the rest stays a paragraph. So does a
/// paragraph whose first sentence is repeated by the lines right after it
/// (the original and its copy glued together); the rest is read again, so
/// the copy in turn parts from what follows it.
///
/// The cuts are found first and made after, in place: the blocks are never
/// held twice (the stage's peak of memory), and a paragraph of `n` copies is
/// cut `n` times without building each rest's text (16k identical lines
/// took 2.5 s, 32k 10 s). The comparison key (letters and digits only) of
/// each growing prefix is hashed incrementally, so a paragraph of `n` lines
/// costs `O(n)`, not `O(n²)` (a wrapped run of 10k similar lines took 25 s).
fn split_repeats<'s>(mut blocks: Vec<Block<'s>>, units: &[Unit<'s>]) -> Vec<Block<'s>> {
    let cuts = repeat_cuts(&blocks, units);
    if !cuts.is_empty() {
        apply_cuts(&mut blocks, &cuts, units);
    }
    blocks
}

/// Where [`split_repeats`] cuts: `(block, units before the cut)`, in order.
fn repeat_cuts(blocks: &[Block], units: &[Unit]) -> Vec<(usize, usize)> {
    let mut seen = SeenKeys::default();
    let mut cuts = Vec::new();
    // The last piece read: its block and its units' range in that block.
    let mut last: Option<(usize, usize, usize)> = None;
    for (i, b) in blocks.iter().enumerate() {
        let mut from = 0;
        while let Some(k) = find_repeat(&b.units[from..], units, &seen) {
            seen.insert(&b.units[from..from + k], units);
            cuts.push((i, from + k));
            last = Some((i, from, from + k));
            from += k;
        }
        let piece = &b.units[from..];
        // The piece says again the last sentences of the one before it
        // (`P。O。` then `O。`): those part from it, so the copy is seen.
        if let Some((j, s, e)) = last {
            let prev = &blocks[j].units[s..e];
            if let Some(k) = tail_repeat(prev, piece, units) {
                cuts.push((j, s + k));
                seen.insert(&prev[k..], units);
            }
        }
        seen.insert(piece, units);
        last = Some((i, from, b.units.len()));
    }
    // A tail cut falls inside the piece before the last cut.
    cuts.sort_unstable();
    cuts
}

/// Cuts `blocks` at `cuts` (sorted), in place: the pieces of the last block
/// go to the end of the grown list first, so no block is overwritten before
/// it is moved.
fn apply_cuts<'s>(blocks: &mut Vec<Block<'s>>, cuts: &[(usize, usize)], units: &[Unit<'s>]) {
    let n = blocks.len();
    blocks.reserve_exact(cuts.len());
    blocks.resize_with(n + cuts.len(), Block::default);
    let mut dest = blocks.len();
    let mut upto = cuts.len();
    for i in (0..n).rev() {
        let from = cuts[..upto].partition_point(|&(b, _)| b < i);
        let b = std::mem::take(&mut blocks[i]);
        if from == upto {
            dest -= 1;
            blocks[dest] = b;
            continue;
        }
        let at: Vec<usize> = cuts[from..upto].iter().map(|&(_, k)| k).collect();
        for piece in cut_block(b, &at, units).into_iter().rev() {
            dest -= 1;
            blocks[dest] = piece;
        }
        upto = from;
    }
    debug_assert_eq!(dest, 0);
}

/// Block `b` cut before each of its units `at` (ascending). The first piece
/// keeps the block's heading hint and marker; each later one reads its
/// marker from its own first lines.
fn cut_block<'s>(b: Block<'s>, at: &[usize], units: &[Unit<'s>]) -> Vec<Block<'s>> {
    let joined = |n: usize| {
        if n > 1 {
            vec![Flag::Joined]
        } else {
            Vec::new()
        }
    };
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(at.iter().copied())
        .chain(std::iter::once(b.units.len()))
        .collect();
    let mut out = Vec::with_capacity(at.len() + 1);
    for (p, w) in bounds.windows(2).enumerate() {
        let idx = &b.units[w[0]..w[1]];
        let text = joined_text(units, idx);
        let first = p == 0;
        let end = if w[1] == b.units.len() {
            b.lines[1]
        } else {
            units[idx[idx.len() - 1]].line
        };
        out.push(Block {
            lines: [
                if first {
                    b.lines[0]
                } else {
                    units[idx[0]].line
                },
                end,
            ],
            marker: if first {
                b.marker.clone()
            } else {
                markers::parse(&opening_text(units, idx), None)
            },
            heading: if first { b.heading } else { None },
            flags: joined(idx.len()),
            after_gap: first && b.after_gap,
            units: idx.to_vec(),
            text: text.into(),
        });
    }
    out
}

/// The units of `prev` after the first `k` say `b` again word for word, and
/// the first `k` end a sentence: `b` repeats the last sentences of `prev`.
/// Reads no more of `prev` than `b` is long.
fn tail_repeat(prev: &[usize], b: &[usize], units: &[Unit]) -> Option<usize> {
    // Letters, digits and Han of a unit: compared as they stream, never
    // collected (this is asked of most blocks).
    let key = |u: &usize| units[*u].text.chars().filter(|&c| crate::text::is_alnum(c));
    // Its characters and bytes, in one pass.
    let (chars, b_len) = b
        .iter()
        .flat_map(key)
        .fold((0, 0), |(n, len), c| (n + 1, len + c.len_utf8()));
    if chars < RUNNING_MIN_CHARS {
        return None;
    }
    let key_len = |u: &usize| -> usize { key(u).map(char::len_utf8).sum() };
    let mut len = 0;
    for k in (1..prev.len()).rev() {
        len += key_len(&prev[k]);
        if len < b_len {
            continue;
        }
        let same = prev[k..].iter().flat_map(key).eq(b.iter().flat_map(key));
        let closed = ends_closed(&units[prev[k - 1]].text);
        return (same && closed).then_some(k);
    }
    None
}

/// Where [`split_repeats`] cuts block `b`: after the first sentence end
/// whose text so far was seen as a paragraph before, or after which the
/// next lines say the text so far again; when they say again only the
/// sentences since the last sentence end before (`P。O。O。`), before those
/// (`P。` | `O。O。`, read again). The unit count of the first part.
fn find_repeat(b: &[usize], units: &[Unit], seen: &SeenKeys) -> Option<usize> {
    // Only its end is read (whether a sentence closed), but the end may lie
    // across lines (a closing quote alone on one).
    let mut text = String::new();
    let mut chars = 0;
    let mut k_hash = RepeatKey::default();
    // The key of `text`, grown with it: asking at every sentence end must
    // not re-read the paragraph.
    let mut key = String::new();
    // Where the sentences since the last sentence end begin: unit, key
    // byte, characters.
    let mut since = (0, 0, 0);
    for (k, &u) in b.iter().enumerate().take(b.len().saturating_sub(1)) {
        let piece = &units[u].text;
        push_line(&mut text, piece);
        chars += piece.chars().count();
        k_hash.push(piece);
        key.extend(piece.chars().filter(|&c| crate::text::is_alnum(c)));
        if !ends_closed(&text) {
            continue;
        }
        let rest = &b[k + 1..];
        if chars >= RUNNING_MIN_CHARS
            && (seen.contains(k_hash.finish(), &b[..=k], units)
                || repeated_after(units, rest, &key))
        {
            return Some(k + 1);
        }
        let (at, key_at, before) = since;
        if at > 0
            && chars - before >= RUNNING_MIN_CHARS
            && repeated_after(units, rest, &key[key_at..])
        {
            return Some(at);
        }
        since = (k + 1, key.len(), chars);
    }
    None
}

/// The units `rest` open with the text whose key is `head` again, word for
/// word (letters and digits), ending at a line end. Stops at the first
/// character that differs, so a paragraph costs about one line per sentence
/// end it is asked at.
fn repeated_after(units: &[Unit], rest: &[usize], head: &str) -> bool {
    let mut at = 0;
    for &u in rest {
        for c in units[u].text.chars().filter(|&c| crate::text::is_alnum(c)) {
            if !head[at..].starts_with(c) {
                return false;
            }
            at += c.len_utf8();
        }
        if at == head.len() {
            return true;
        }
    }
    false
}

/// The comparison key of [`split_repeats`] — the letters and digits of a
/// text — hashed as it grows piece by piece.
#[derive(Default)]
struct RepeatKey(crate::hash::KeyHasher);

impl RepeatKey {
    /// Appends the key of `piece` (the hasher's `write` streams, so the
    /// hash of the pieces is the hash of their concatenation).
    fn push(&mut self, piece: &str) {
        use std::hash::Hasher;
        let mut buf = [0u8; 4];
        for c in piece.chars().filter(|&c| crate::text::is_alnum(c)) {
            self.0.write(c.encode_utf8(&mut buf).as_bytes());
        }
    }

    fn finish(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

/// The keys of the paragraphs [`split_repeats`] has read, each held as the
/// list of its lines (unit indices), not as a copy of its text: the hash
/// finds the candidates, their lines' letters and digits decide.
#[derive(Default)]
struct SeenKeys {
    /// Key hash → index of its last entry.
    heads: FastMap<u64, usize>,
    /// `(first unit in arena, unit count, entry before with the same hash)`.
    entries: Vec<(usize, usize, Option<usize>)>,
    /// The entries' unit indices, one after another.
    arena: Vec<usize>,
}

impl SeenKeys {
    /// Whether the key of `idx` (whose hash is `hash`) has been seen.
    fn contains(&self, hash: u64, idx: &[usize], units: &[Unit]) -> bool {
        let mut at = self.heads.get(&hash).copied();
        while let Some(e) = at {
            let (start, len, before) = self.entries[e];
            if same_key(&self.arena[start..start + len], idx, units) {
                return true;
            }
            at = before;
        }
        false
    }

    /// Records the key of `idx`, unless an equal one is recorded.
    fn insert(&mut self, idx: &[usize], units: &[Unit]) {
        let mut h = RepeatKey::default();
        for &u in idx {
            h.push(&units[u].text);
        }
        let hash = h.finish();
        if self.contains(hash, idx, units) {
            return;
        }
        let before = self.heads.insert(hash, self.entries.len());
        self.entries.push((self.arena.len(), idx.len(), before));
        self.arena.extend_from_slice(idx);
    }
}

/// Whether the lines `a` and `b` say the same letters and digits.
fn same_key(a: &[usize], b: &[usize], units: &[Unit]) -> bool {
    let (mut x, mut y) = (
        a.iter().flat_map(|&u| units[u].text.chars()),
        b.iter().flat_map(|&u| units[u].text.chars()),
    );
    loop {
        let p = x.by_ref().find(|&c| crate::text::is_alnum(c));
        let q = y.by_ref().find(|&c| crate::text::is_alnum(c));
        if p != q {
            return false;
        }
        if p.is_none() {
            return true;
        }
    }
}

/// The text ends in a Latin word (or a comma after one) set in Latin text,
/// so a line break after it stood for a space. A run of letters or digits
/// right after Chinese text (`…成效明显，2` + `030年前`, `不高于2` + `3微克`)
/// was cut by the page width inside a number or word: no space. Latin text
/// sets its words apart with any space (a no-break space after a full stop,
/// `(a)\u{a0}The`) and joins them with a typographic apostrophe (`Nation’s`).
fn latin_break(text: &str) -> bool {
    let t = text.strip_suffix(',').unwrap_or(text);
    if !t.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        return false;
    }
    let before = t.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
    before
        .chars()
        .next_back()
        .is_none_or(|c| c.is_ascii() || c.is_whitespace() || c == '’')
}

/// A heading line: a marker and a short title, no sentence finished in it
/// (`（十三）加大…供给。支持金融机构为更` has begun its body). Articles, and
/// items of a style this document writes as clauses, have no titles.
fn heading_like(a: &Block, stats: &SeamStats) -> bool {
    a.marker
        .as_ref()
        .is_some_and(|m| !stats.is_clause_style(m.style, &a.text))
        && a.units.len() == 1
        && a.text.chars().count() <= HEADING_MAX_CHARS
        && !a.text.contains('。')
}

/// Whether unit `b` continues block `a` whose last unit is `last`.
fn continues(
    a: &Block,
    last: &Unit,
    b: &Unit,
    wrap: Option<Wrap>,
    blank_style: bool,
    stats: &SeamStats,
) -> bool {
    if a.heading.is_some() || last.heading.is_some() {
        return false;
    }
    if starts_continuation(&b.text) {
        return true;
    }
    // An enumeration left open (`…江苏、`) goes on, whatever the next line
    // looks like (a list of provinces reads like an addressee line).
    if a.text.ends_with(['、', '，', ',']) && !is_standalone_line(&last.text) {
        return true;
    }
    // A contents title (`目录`) stands alone wherever it falls, even after a
    // line left open at the page width.
    // A line that reads as issuer names (`…渔业行政主管部`) is no signature
    // when the next line finishes its last word (`门批准…`).
    if is_standalone_line(&last.text) && !dict::word_across(&a.text, &b.text)
        || is_standalone_line(&b.text)
        || crate::text::opens_a_field(&b.text)
        || crate::structure::is_toc_word(&b.text)
        || crate::structure::is_toc_word(&last.text)
        || crate::parts::is_bare_label(&b.text)
        || crate::parts::is_bare_label(&last.text)
    {
        return false;
    }
    if !b.blank_before && english_title_open(a) {
        return true;
    }
    let full = wrap.is_some_and(|w| last.width + 2 >= w.width);
    // Two field lines (`来源：…` / `更新时间：…`) are two fields, unless the
    // page width cut the first: a line wider than the page (a long path) was
    // not cut by it.
    let wider = wrap.is_some_and(|w| last.width > w.width + 2);
    if (!full || wider)
        && crate::text::is_field_line(&b.text)
        && crate::text::is_field_line(&a.text)
    {
        return false;
    }
    if full && !b.indent {
        return true;
    }
    if b.indent && wrap.is_some() {
        return false;
    }
    // Without a blank line in a blank-line document, the break is soft.
    let across_blank = b.blank_before && blank_style;
    if ends_closed(&a.text) {
        return false;
    }
    // `…应当对引进` + `的外来生物物种…`: a clause never opens on `的`;
    // `…自事故发生之日起30` + `日内…`: a number is cut from its unit.
    if starts_with_particle(&b.text) || number_across(&a.text, &b.text) {
        return true;
    }
    if blank_style && !b.blank_before || ends_open(&a.text) {
        return true;
    }
    // `…各部门要` + `完善…`: a clause cannot stop on such a word.
    if b.text.starts_with(is_cjk) && ends_on_open_word(&a.text) {
        return true;
    }
    // A clause numbered in a style this document closes with punctuation
    // (`第十三条 有下列情形` + `之一的，…`) is unfinished: it goes on.
    // A marker alone (`第十二条`) has begun no clause.
    let bare = a.marker.as_ref().is_some_and(|m| a.text.len() <= m.len);
    let clause = a.units.len() == 1
        && !bare
        && a.marker
            .as_ref()
            .is_some_and(|m| stats.is_clause_style(m.style, &a.text));
    if clause {
        return true;
    }
    // `…扩大分支机构审批权限` + `并在授信额度…`: a line opening on a
    // conjunction joins the text before it, not a heading.
    if !bare && !heading_like(a, stats) && starts_with_conjunction(&b.text) {
        return true;
    }
    seam_continues(a, last, b, across_blank, stats)
}

/// The last test of [`continues`], for a line left open with no form that
/// decides: whether the two ends read as one text of this document.
fn seam_continues(a: &Block, last: &Unit, b: &Unit, across_blank: bool, stats: &SeamStats) -> bool {
    // Very short lines are labels, table cells and signatures, not wrapped text.
    let last_len = last.text.chars().count();
    if last_len <= LABEL_MAX_CHARS {
        return false;
    }
    let (Some(x), Some(y)) = (a.text.chars().last(), b.text.chars().next()) else {
        return false;
    };
    let heading_like = heading_like(a, stats);
    if !is_cjk(x) || !is_cjk(y) {
        // `…高等教育` + `（大学专科、…）`: a bracket opening the next line
        // continues a long unfinished one.
        let bracket = matches!(y, '（' | '(') && is_cjk(x) && last_len >= RUNNING_MIN_CHARS;
        return !heading_like && (bracket || !across_blank);
    }
    // Ends mid-word: the seam must read as this document's text. A short
    // heading line (`一、总体要求`) joins only when its last character never
    // closes a clause anywhere in the document and the seam is attested or
    // falls inside a dictionary word (`…国有资本经营预` + `算制度`,
    // `…由国务院办` + `公厅通报`).
    let seam = stats.bigrams.contains_key(&(x, y));
    let never_ends = !stats.clause_ends.contains(&x);
    if heading_like {
        (seam || dict::word_across(&a.text, &b.text)) && never_ends
    } else if across_blank {
        // A blank line is itself evidence of a paragraph end: the seam is
        // attested, or a long line stops mid-sentence and the next starts with
        // a word (`…提高资金` + `使用效益`), unlike a fragment after lost text
        // (`…本科专业` + `色突出`). A short line that closes nothing after
        // the blank is a label or a cell of its own (`山西省` heading the
        // next list of a table, `全国` in a scope column), not the tail of a
        // sentence, which ends closed, nor a title's last line.
        if is_label(&b.text) {
            return false;
        }
        seam || dict::word_across(&a.text, &b.text)
            || (last_len >= RUNNING_MIN_CHARS && starts_with_word(&b.text, stats))
    } else {
        seam || never_ends
    }
}

/// A line of at most [`LABEL_MAX_CHARS`] that closes no clause and is no
/// title's last line (`转制为企业的规定` ends in a document type).
fn is_label(text: &str) -> bool {
    text.chars().count() <= LABEL_MAX_CHARS
        && !ends_closed(text)
        && !ends_open(text)
        && !crate::metadata::looks_like_title(text)
}

/// Characters of a line's tail tagged to find its last word.
const TAIL_CHARS: usize = 6;

/// The line ends on a word that needs more after it: a preposition,
/// conjunction or `的` (by jieba's tags), or a modal verb (`要`, `应当`).
fn ends_on_open_word(text: &str) -> bool {
    static MODALS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        crate::lexicon::terms(crate::lexicon::OPEN_WORDS)
            .into_iter()
            .collect()
    });
    // The tail is found from the end: a paragraph grows one line at a time,
    // and counting its characters at every line was quadratic.
    let tail = crate::text::last_chars(text, TAIL_CHARS);
    if !tail.chars().next_back().is_some_and(is_cjk) {
        return false;
    }
    let last = dict::last_word(tail);
    dict::is_open_tagged(last) || MODALS.contains(last)
}

/// The line opens on a word jieba tags as a conjunction (`和`, `并`, `以及`)
/// that is not set off by a comma (`同时，…`, `但是，…` open sentences).
fn starts_with_conjunction(text: &str) -> bool {
    let word = dict::first_word(text, dict::SEAM_CHARS);
    let after = text[word.len()..].chars().next();
    !word.is_empty() && dict::is_conjunction(word) && after.is_some_and(is_cjk)
}

/// Characters of each side of a seam read for a number cut from its unit.
const NUMBER_SEAM_CHARS: usize = 8;

/// A sentence ending on a digit and the next line opening on that number's
/// unit: the number reader finds one quantity across the seam (`…之日起30`
/// + `日内`).
fn number_across(tail: &str, head: &str) -> bool {
    // A sentence broken after its number, not a number alone (a table cell:
    // `90` over `天津` is no `90天`).
    let words = tail.trim_end_matches(|c: char| c.is_ascii_digit());
    if words.len() == tail.len()
        || !words.ends_with(is_cjk)
        || words.chars().count() < NUMBER_LEAD_MIN_CHARS
    {
        return false;
    }
    if !head.starts_with(is_cjk) {
        return false;
    }
    let t: String = {
        let cs: Vec<char> = tail.chars().rev().take(NUMBER_SEAM_CHARS).collect();
        cs.into_iter().rev().collect()
    };
    let seam = t.chars().count();
    let joined: String = t
        .chars()
        .chain(head.chars().take(NUMBER_SEAM_CHARS))
        .collect();
    crate::numbers::find_numbers(&joined)
        .iter()
        .any(|n| n.start < seam && n.end > seam && n.unit.is_some())
}

/// `text` opens on the structural particle (jieba's uj: `的`).
fn starts_with_particle(text: &str) -> bool {
    dict::is_particle(dict::first_word(text, dict::SEAM_CHARS))
}

/// `text` opens with a word: a dictionary word, or a bigram the document
/// uses elsewhere too.
fn starts_with_word(text: &str, stats: &SeamStats) -> bool {
    let mut it = text.chars();
    let attested = match (it.next(), it.next()) {
        (Some(a), Some(b)) => stats
            .bigrams
            .get(&(a, b))
            .is_some_and(|&n| n >= ATTESTED_MIN_LINES),
        _ => false,
    };
    attested
        || dict::words_in(&text.chars().take(4).collect::<String>())
            .iter()
            .any(|&(s, _)| s == 0)
}

/// What the document's own text says about where words run on and end.
struct SeamStats {
    /// Character bigrams inside the kept lines (not across line ends), counted.
    bigrams: FastMap<(char, char), u32>,
    /// Characters seen right before clause punctuation.
    clause_ends: FastSet<char>,
    /// Per marker style, lines that open with it and end closed, and all such lines.
    styles: FastMap<Style, (u32, u32)>,
}

/// Other lines of one marker style needed before its closing habit is trusted.
const CLAUSE_STYLE_MIN_LINES: u32 = 3;
/// Share of a style's lines ending in closing punctuation above which the
/// style numbers clauses, not headings (laws' `（一）…；` items close about
/// every line, policy headings `（一）加强组织领导` hardly any; measured on
/// the dev cases' clean texts).
const CLAUSE_STYLE_SHARE: f64 = 0.8;

impl SeamStats {
    /// Whether lines numbered in `style` are clauses in this document:
    /// articles always, other styles when nearly all their other lines (the
    /// line `text` in question left out) end closed.
    fn is_clause_style(&self, style: Style, text: &str) -> bool {
        if style.is_article() {
            return true;
        }
        self.styles.get(&style).is_some_and(|&(closed, all)| {
            let closed = closed.saturating_sub(u32::from(ends_sentence(text)));
            let all = all.saturating_sub(1);
            all >= CLAUSE_STYLE_MIN_LINES
                && f64::from(closed) >= CLAUSE_STYLE_SHARE * f64::from(all)
        })
    }
}

fn seam_stats(units: &[Unit], keep: &[bool]) -> SeamStats {
    let mut bigrams = FastMap::default();
    let mut clause_ends = FastSet::default();
    let mut styles: FastMap<Style, (u32, u32)> = FastMap::default();
    for (u, _) in units.iter().zip(keep).filter(|(_, &k)| k) {
        if let Some(m) = markers::parse(&u.text, None) {
            let e = styles.entry(m.style).or_default();
            e.0 += u32::from(ends_sentence(&u.text));
            e.1 += 1;
        }
        let mut prev = None;
        for c in u.text.chars() {
            if let Some(p) = prev {
                *bigrams.entry((p, c)).or_insert(0) += 1;
                if "，。；：、！？,.;:!?）)”".contains(c) {
                    clause_ends.insert(p);
                }
            }
            prev = Some(c);
        }
    }
    SeamStats {
        bigrams,
        clause_ends,
        styles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use std::borrow::Cow;

    fn run(text: &str) -> Vec<(String, crate::model::LineSpan)> {
        let u = segment(text);
        let keep = vec![true; u.len()];
        let hard = vec![false; u.len()];
        join(&u, &keep, &hard)
            .into_iter()
            .map(|b| (b.text.into_owned(), b.lines))
            .collect()
    }

    #[test]
    fn joins_after_open_punctuation() {
        let b = run("2.培育建设30个由政府、\n\n行业企业、职业院校等联合组建的职教集团。\n\n3.推进产教融合。");
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[0],
            (
                "2.培育建设30个由政府、行业企业、职业院校等联合组建的职教集团。".into(),
                [1, 3]
            )
        );
    }

    /// A block of one line whose text the segmenter borrowed borrows it too:
    /// a paragraph's text is not held twice before the structure takes it.
    #[test]
    fn one_line_blocks_borrow_their_line() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/seed/000_96aa845614dbe1bb.txt"
        ))
        .unwrap();
        let u = segment(&text);
        let blocks = join(&u, &vec![true; u.len()], &vec![false; u.len()]);
        let single: Vec<&Block> = blocks.iter().filter(|b| b.units.len() == 1).collect();
        assert!(single.len() > 20, "{} one-line blocks", single.len());
        for b in single {
            let borrowed = matches!(u[b.units[0]].text, Cow::Borrowed(_));
            assert_eq!(matches!(b.text, Cow::Borrowed(_)), borrowed, "{}", b.text);
        }
    }

    #[test]
    fn keeps_headings_and_closed_paragraphs_apart() {
        let b = run("一、总体要求\n\n到2025年，建成体系。\n\n完善制度。");
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn does_not_glue_unrelated_fragments() {
        // The seam `业色` never occurs in the document: text was lost between.
        let t = "1. 遴选建设一批高水平专业群。遴选建设 10 个项目，每个项目有本科专业\n\n色突出、服务能力强的优质专业（群）。\n\n支持专业群建设。";
        assert_eq!(run(t).len(), 3);
    }

    #[test]
    fn wrapped_lines_join_at_page_width() {
        let mut t = String::new();
        for k in 0..6 {
            t.push_str(&format!(
                "（{}）加强领导。这是一个足够长的段落，它在页面宽度处被切断了，",
                ["一", "二", "三", "四", "五", "六"][k]
            ));
            t.push_str(
                "\n然后继续写下去，直到结束为止这是一个足够长的段落，它在页面宽度处被切断。\n",
            );
        }
        assert_eq!(run(&t).len(), 6);
    }
}
