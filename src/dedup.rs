//! Dedup: exact and near-duplicate paragraphs and numbered clauses.
//!
//! Text is normalised (marker, punctuation and spaces dropped) and compared by
//! hash, by the body after a clause title (`4.加强校企合作。<body>` repeats
//! `3.推进产教融合。<body>`), and by character 4-gram shingles through an
//! inverted index, so the work stays linear in document size. Two clauses
//! that differ only in their numbers are not duplicates: they are reported as
//! conflicting variants and both kept.

use crate::block::Block;
use crate::hash::FastMap as KeyMap;
use crate::markers::Style;

/// What deduplication decided for each block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dedup {
    /// `dup_of[i] = Some(j)`: block `i` repeats block `j` (j < i) and goes.
    pub dup_of: Vec<Option<usize>>,
    /// Evidence for each duplicate (same index as `dup_of`).
    pub detail: Vec<Option<String>>,
    /// `(later, earlier)` pairs that differ only in their numbers.
    pub variants: Vec<(usize, usize)>,
    /// `(later, earlier, evidence, why kept)`: a paragraph that repeats an
    /// earlier one under another heading, or an item worded like another
    /// under its own number, kept as the document's own wording.
    pub kept_repeats: Vec<(usize, usize, String, &'static str)>,
}

/// Shortest normalised text that is deduplicated (shorter lines such as
/// `一般规定` legitimately repeat).
const MIN_CHARS: usize = 12;
/// Shortest text without sentence punctuation that is deduplicated: shorter
/// labels (table cells, lists of bodies) legitimately repeat.
const LABEL_MIN_CHARS: usize = 30;
/// Shingle Jaccard similarity at which two paragraphs are the same text.
const NEAR: f64 = 0.8;
/// Shingle length in characters.
const K: usize = 4;
/// Shingles shared by more blocks than this are too common to say anything.
const MAX_POSTINGS: usize = 64;

/// Letters, digits and Han only, with every run of digits masked as `#`, so
/// that number-only differences show up as variants rather than as new text.
fn norm(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len() / 3);
    for c in s.chars().filter(|&c| crate::text::is_alnum(c)) {
        if c.is_ascii_digit() {
            if out.last() != Some(&'#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The text after the marker and, when there is one, after a short clause title.
fn body<'b>(block: &'b Block) -> &'b str {
    let rest = &block.text[block.marker.as_ref().map_or(0, |m| m.len)..];
    if block.marker.is_none() {
        return rest;
    }
    match rest.char_indices().find(|&(_, c)| c == '。') {
        Some((p, _)) if rest[..p].chars().count() <= 30 => &rest[p + '。'.len_utf8()..],
        _ => "",
    }
}

fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_digit()
            || c == '.' && !cur.is_empty()
            || "零〇一二两三四五六七八九十百千万亿%".contains(c)
        {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A 64-bit hash of a character sequence (multiply-rotate, as FxHash): a
/// shingle is hashed for every character of the document, so this costs a
/// few instructions rather than SipHash's rounds. Collisions only merge
/// two keys' candidates, which the similarity then tells apart.
fn hash(cs: &[char]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = cs.len() as u64;
    for &c in cs {
        h = (h.rotate_left(5) ^ c as u64).wrapping_mul(SEED);
    }
    // Final avalanche (from SplitMix64) so nearby keys spread.
    h ^= h >> 31;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 29)
}

/// The shingle → blocks inverted index, compact: most shingles occur in one
/// block, so a posting list is a chain through one shared arena rather than
/// a `Vec` each (on a 1 MB document the `Vec`s made dedup the peak of
/// memory), and a shingle past [`MAX_POSTINGS`] only counts its blocks.
#[derive(Default)]
struct Postings {
    /// Shingle → (latest arena entry, number of blocks).
    heads: KeyMap<u64, (u32, u32)>,
    /// (block, previous arena entry of the same shingle or `u32::MAX`).
    arena: Vec<(u32, u32)>,
}

impl Postings {
    fn push(&mut self, shingle: u64, block: usize) {
        let next = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        let block = u32::try_from(block).unwrap_or(u32::MAX);
        let (head, len) = self.heads.entry(shingle).or_insert((u32::MAX, 0));
        *len = len.saturating_add(1);
        if *len as usize <= MAX_POSTINGS + 1 {
            self.arena.push((block, *head));
            *head = next;
        }
    }

    /// The posting list of `shingle` as (first arena entry, length); `None`
    /// when too many blocks hold it to say anything. An unseen shingle has
    /// the empty list.
    fn list(&self, shingle: u64) -> Option<(u32, u32)> {
        match self.heads.get(&shingle) {
            None => Some((u32::MAX, 0)),
            Some(&(_, len)) if len as usize > MAX_POSTINGS => None,
            Some(&list) => Some(list),
        }
    }

    /// Calls `f` with each block of the list starting at arena entry `at`.
    fn walk(&self, mut at: u32, mut f: impl FnMut(usize)) {
        while let Some(&(block, prev)) = self.arena.get(at as usize) {
            f(block as usize);
            at = prev;
        }
    }
}

/// Shared shingles per earlier block while one block is compared: a count
/// per block and the blocks touched, cleared after each comparison (an array
/// rather than a map: this is dedup's innermost step, once per posting).
#[derive(Default)]
struct Tally {
    count: Vec<u32>,
    touched: Vec<usize>,
}

impl Tally {
    /// Counts one for each block on each of `lists`.
    fn add(&mut self, index: &Postings, lists: &[(u32, u32)]) {
        for &(at, _) in lists {
            index.walk(at, |j| {
                if self.count[j] == 0 {
                    self.touched.push(j);
                }
                self.count[j] += 1;
            });
        }
    }
}

/// The earlier block most similar to one with shingles `sh`, if its Jaccard
/// similarity reaches [`NEAR`] (the earliest on a tie).
fn nearest(
    index: &Postings,
    sh: &[u64],
    shingle_counts: &[u32],
    tally: &mut Tally,
) -> Option<(f64, usize)> {
    // Only the lists of shingles held by few enough blocks are counted.
    let mut lists: Vec<(u32, u32)> = sh.iter().filter_map(|&s| index.list(s)).collect();
    // A block reaching NEAR is on at least NEAR of `sh`'s lists (the union
    // is at least `sh`; one less for rounding), so it is on one of any
    // `probe` of them. Probing the shortest lists first, most blocks (new
    // text) end there without a candidate; the others count every list, so
    // the figures are the same either way.
    let min_shared = ((NEAR * sh.len() as f64) as usize).saturating_sub(1);
    let probe = lists.len().checked_sub(min_shared)? + 1;
    if probe < lists.len() {
        lists.select_nth_unstable_by_key(probe, |&(_, len)| len);
    }
    let (probed, rest) = lists.split_at(probe.min(lists.len()));
    tally.add(index, probed);
    if tally.touched.is_empty() {
        return None;
    }
    tally.add(index, rest);
    let Tally { count, touched } = tally;
    let best = touched
        .iter()
        .map(|&j| {
            let c = count[j] as usize;
            (
                c as f64 / (sh.len() + shingle_counts[j] as usize - c) as f64,
                j,
            )
        })
        .filter(|&(sim, _)| sim >= NEAR)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    for j in touched.drain(..) {
        count[j] = 0;
    }
    best
}

/// What dedup reads of one block, found before it is compared: its
/// normalised text, clause body and distinct shingles.
struct Prepared {
    full: Vec<char>,
    bnorm: Vec<char>,
    sh: Vec<u64>,
}

/// Blocks prepared at a time: their shingles are held until compared (about
/// 16 bytes a character). On a long document each batch is prepared on the
/// pool's threads, then compared in order.
const PREPARE_BATCH: usize = 1024;

/// [`Prepared`] for `b`, or `None` when it is too short to deduplicate.
fn prepare(b: &Block) -> Option<Prepared> {
    let full = norm(&b.text[b.marker.as_ref().map_or(0, |m| m.len)..]);
    // Short label lines (table cells, lists of bodies) legitimately
    // repeat; only sentences and long lines are deduplicated.
    let sentence = b.text.contains(['。', '；', '！', '？', '.', ';']);
    if full.len() < MIN_CHARS || (!sentence && full.len() < LABEL_MIN_CHARS) {
        return None;
    }
    let bnorm = norm(body(b));
    let mut sh: Vec<u64> = full.windows(K).map(hash).collect();
    sh.sort_unstable();
    sh.dedup();
    Some(Prepared { full, bnorm, sh })
}

/// Finds the blocks that repeat an earlier block.
pub fn dedup(blocks: &[Block]) -> Dedup {
    dedup_with(blocks, false)
}

/// [`dedup`]; with `parallel`, the blocks are prepared on the pool's threads,
/// a batch at a time (the same result: preparing a block reads it alone).
pub fn dedup_with(blocks: &[Block], parallel: bool) -> Dedup {
    in_batches(blocks, parallel, PREPARE_BATCH)
}

/// [`dedup_with`], `batch_len` blocks prepared at a time.
fn in_batches(blocks: &[Block], parallel: bool, batch_len: usize) -> Dedup {
    let n = blocks.len();
    let mut out = Dedup {
        dup_of: vec![None; n],
        detail: vec![None; n],
        variants: Vec::new(),
        kept_repeats: Vec::new(),
    };
    let mut seen = Seen {
        shingle_counts: vec![0; n],
        tally: Tally {
            count: vec![0; n],
            touched: Vec::new(),
        },
        ..Seen::default()
    };
    // Index of the latest block with each marker style before the current
    // one: "a marker of another style lies between j and i" in O(styles),
    // not O(i - j) (quadratic on thousands of repeated numbered clauses).
    let mut last_of_style: KeyMap<Style, usize> = KeyMap::default();
    let govs = governors(blocks);
    let mut renumbered = renumbered_copies(blocks).into_iter().peekable();
    let mut batch: Vec<Option<Prepared>> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if i % batch_len == 0 {
            let next = &blocks[i..blocks.len().min(i + batch_len)];
            batch = if parallel {
                use rayon::prelude::*;
                next.par_iter().map(prepare).collect()
            } else {
                next.iter().map(prepare).collect()
            };
        }
        let prepared = batch[i % batch_len].take();
        if i > 0 {
            if let Some(m) = &blocks[i - 1].marker {
                last_of_style.insert(m.style, i - 1);
            }
        }
        if let Some((_, why)) = renumbered.next_if(|(k, _)| *k == i) {
            out.dup_of[i] = Some(out.dup_of[i - 1].unwrap_or(i - 1));
            out.detail[i] = Some(why);
            continue;
        }
        let Some(Prepared { full, bnorm, sh }) = prepared else {
            continue;
        };
        // A numbered clause repeated under another heading (the same penalty
        // scale under two articles) is parallel structure, not a copy: only
        // repeats within one run of same-style items count.
        let verdict = seen.earlier(&full, &bnorm, &sh).filter(|(j, _)| {
            !b.marker.as_ref().is_some_and(|m| {
                last_of_style
                    .iter()
                    .any(|(&s, &at)| s != m.style && at > *j && at < i)
            })
        });
        if let Some((j, why)) = verdict {
            let nums = numbers(&b.text[b.marker.as_ref().map_or(0, |m| m.len)..]);
            let other = &blocks[j];
            let other_nums = numbers(&other.text[other.marker.as_ref().map_or(0, |m| m.len)..]);
            if nums != other_nums {
                out.variants.push((i, j));
            } else if b.marker.is_none() && under_other_heading(blocks, &govs, j, i) {
                // An unnumbered paragraph under another heading (an amendment
                // quoting one clause for two articles) is the document's
                // wording twice: kept, and said.
                out.kept_repeats.push((i, j, why, OTHER_HEADING));
            } else if parallel_items(b, other, &full, &bnorm, &seen) {
                out.kept_repeats.push((i, j, why, PARALLEL_ITEM));
            } else {
                // Point at the first copy, not at a copy of it.
                out.dup_of[i] = Some(out.dup_of[j].unwrap_or(j));
                out.detail[i] = Some(why);
                continue;
            }
        }
        seen.add(i, &full, &bnorm, &sh);
    }
    out
}

/// Why a repeat under another heading is kept.
const OTHER_HEADING: &str =
    "it sits under another heading than the text it repeats, the document's own wording twice";
/// Why an item worded like another is kept.
const PARALLEL_ITEM: &str =
    "it is an item under its own number, worded like another item of the same numbering";

/// Block `b` and the block `other` it nearly repeats are two items of one
/// numbering, worded alike (`第八百五十四条 委托开发合同的当事人违反约定…`
/// and `第八百五十六条 合作开发合同的当事人违反约定…`): the same style under
/// other numbers, near alike but neither the same text nor the same clause
/// body under another title (a body pasted under a second heading is a
/// copy). A converter's copy of a page repeats its items under their own
/// numbers; a copy under an invented number repeats the text exactly
/// ([`renumbered_copies`]).
fn parallel_items(b: &Block, other: &Block, full: &[char], bnorm: &[char], seen: &Seen) -> bool {
    let (Some(m), Some(n)) = (&b.marker, &other.marker) else {
        return false;
    };
    let same_body = bnorm.len() >= 2 * MIN_CHARS && seen.bodies.contains_key(&hash(bnorm));
    m.style == n.style
        && m.ordinal != n.ordinal
        && !same_body
        && !seen.exact.contains_key(&hash(full))
}

/// The blocks that copy the numbered item right before them under
/// the next number (`10.其他海事侵权纠纷案件。` then `11.其他海事侵权纠纷案件。`):
/// the same text after the marker, and a later item of the document takes
/// that number with other text, so the number was the copy's invention. An
/// item said twice under numbers no other item takes (`第十条 删去。`,
/// `第十一条 删去。`) is the document's own. In block order, each with why
/// (few: not a slot per block).
fn renumbered_copies(blocks: &[Block]) -> Vec<(usize, String)> {
    // Digits count: items differing in their numbers only are a scale.
    fn text_of<'b>(b: &'b Block) -> &'b str {
        b.text[b.marker.as_ref().map_or(0, |m| m.len)..].trim()
    }
    // The last block of each (style, number): a later taker, if any.
    let mut last: KeyMap<(Style, u32), usize> = KeyMap::default();
    for (i, b) in blocks.iter().enumerate() {
        if let Some(m) = &b.marker {
            last.insert((m.style, m.ordinal), i);
        }
    }
    let mut out = Vec::new();
    for i in 1..blocks.len() {
        let (Some(m), Some(p)) = (&blocks[i].marker, &blocks[i - 1].marker) else {
            continue;
        };
        if m.style != p.style || m.ordinal != p.ordinal + 1 {
            continue;
        }
        let Some(&j) = last.get(&(m.style, m.ordinal)).filter(|&&j| j > i) else {
            continue;
        };
        let mine = text_of(&blocks[i]);
        if mine.is_empty() || mine != text_of(&blocks[i - 1]) || mine == text_of(&blocks[j]) {
            continue;
        }
        out.push((i, format!(
            "same text as the item before it, under the next number, which the item at lines {}–{} takes",
            blocks[j].lines[0], blocks[j].lines[1]
        )));
    }
    out
}

/// Per block, the numbered block it sits under: itself when numbered,
/// else the last numbered block before it. A line quoting a numbered text
/// (an amendment's `“第二百八十七条之一 …`) heads what follows it too.
fn governors(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut last = None;
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if b.marker.is_some() || crate::markers::parse_quoted(&b.text).is_some() {
                last = Some(i);
            }
            last
        })
        .collect()
}

/// Blocks `j` and `i` sit under different headings of the document: an
/// unnumbered paragraph there twice is the document's wording twice (an
/// amendment quoting one clause for two articles). A converter's copy of a
/// page repeats the page's headings word for word, so a heading the same as
/// the original's does not set the copy apart.
fn under_other_heading(blocks: &[Block], govs: &[Option<usize>], j: usize, i: usize) -> bool {
    match (govs[i], govs[j]) {
        (Some(a), Some(b)) => a != b && blocks[a].text != blocks[b].text,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The blocks kept so far, indexed three ways: whole text, clause body and
/// shingles.
#[derive(Default)]
struct Seen {
    exact: KeyMap<u64, usize>,
    bodies: KeyMap<u64, usize>,
    index: Postings,
    /// Only the number of distinct shingles of an indexed block is needed.
    shingle_counts: Vec<u32>,
    tally: Tally,
}

impl Seen {
    /// The earlier block this one repeats, and how: the same text, the same
    /// clause body under another title, or most of its shingles.
    fn earlier(&mut self, full: &[char], bnorm: &[char], sh: &[u64]) -> Option<(usize, String)> {
        if let Some(&j) = self.exact.get(&hash(full)) {
            return Some((j, "same text".into()));
        }
        if bnorm.len() >= 2 * MIN_CHARS {
            if let Some(&j) = self.bodies.get(&hash(bnorm)) {
                return Some((j, "same clause body under another title".into()));
            }
        }
        if full.len() >= 2 * MIN_CHARS {
            let (index, counts) = (&self.index, &self.shingle_counts);
            if let Some((sim, j)) = nearest(index, sh, counts, &mut self.tally) {
                let why = format!("{:.0}% of its 4-character shingles are shared", sim * 100.0);
                return Some((j, why));
            }
        }
        None
    }

    /// Indexes block `i`.
    ///
    /// A block whose text is already indexed (a numbered clause or a
    /// paragraph kept as the document's own repeat) adds no postings: a
    /// later near copy finds the earliest copy first either way, and the
    /// index stays the size of the document's distinct text, not of its
    /// repeats (a document repeating a 4 MB text 23 times filled it with
    /// 64 postings per shingle).
    fn add(&mut self, i: usize, full: &[char], bnorm: &[char], sh: &[u64]) {
        let again = self.exact.insert(hash(full), i).is_some();
        if bnorm.len() >= 2 * MIN_CHARS {
            self.bodies.insert(hash(bnorm), i);
        }
        if !again {
            for s in sh {
                self.index.push(*s, i);
            }
        }
        self.shingle_counts[i] = u32::try_from(sh.len()).unwrap_or(u32::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::join::join;
    use crate::segment::segment;

    fn run(text: &str) -> Dedup {
        let u = segment(text);
        dedup(&join(&u, &vec![true; u.len()], &vec![false; u.len()]))
    }

    #[test]
    fn same_body_under_other_titles() {
        let d = run("3.推进产教融合。支持院校与企业合作共建实习实训基地，鼓励共建产业学院。\n\n4.加强校企合作。支持院校与企业合作共建实习实训基地，鼓励共建产业学院。\n\n5.推进产教融合。支持院校与企业合作共建实习实训基地，鼓励共建产业学院。");
        assert_eq!(d.dup_of, vec![None, Some(0), Some(0)]);
    }

    #[test]
    fn near_duplicates_and_renumbered_copies() {
        let d = run("（三）加强组织领导，各地要建立工作协调机制，明确责任分工，确保各项任务落到实处。\n\n（四）加强组织领导，各地要建立工作协调机制，明确责任分工，确保各项任务落到实处！\n\n（五）完善考核评价，将工作情况纳入年度绩效考核，对成效明显的地区给予表扬。");
        assert_eq!(d.dup_of, vec![None, Some(0), None]);
    }

    #[test]
    fn number_variants_are_kept() {
        let d = run("到2025年，全省职业院校毕业生就业率达到30%以上，培养一大批高素质技术技能人才。\n\n到2027年，全省职业院校毕业生就业率达到50%以上，培养一大批高素质技术技能人才。");
        assert_eq!(d.dup_of, vec![None, None]);
        assert_eq!(d.variants, vec![(1, 0)]);
    }

    #[test]
    fn same_items_under_different_headings_stay() {
        let d = run("（一）对擅自从事支付业务的：\n\n1. 违法情节轻微、危害后果较小的，给予警告或处1万元以上罚款。\n\n（二）对出借许可证的：\n\n1. 违法情节轻微、危害后果较小的，给予警告或处1万元以上罚款。");
        assert_eq!(d.dup_of, vec![None; 4]);
    }

    #[test]
    fn parallel_clauses_are_not_duplicates() {
        let d = run("（一）加强师资队伍建设。完善教师培养培训体系，提高教师专业化水平。\n\n（二）加强教材建设。完善教材编写审核制度，提高教材质量和适用性。");
        assert_eq!(d.dup_of, vec![None, None]);
    }

    /// Blocks prepared a batch at a time, on one thread or two, give what
    /// preparing each block just before its comparison gives.
    #[test]
    fn preparing_on_threads_a_batch_at_a_time_changes_nothing() {
        // All the wrapped dev cases as one document: past PREPARE_BATCH blocks.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/dev-cases-wrapped");
        let mut cases: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        cases.sort_by_key(|e| e.path());
        let text: String = cases
            .iter()
            .map(|c| std::fs::read_to_string(c.path().join("noisy.md")).unwrap() + "\n\n")
            .collect();
        let u = segment(&text);
        let blocks = join(&u, &vec![true; u.len()], &vec![false; u.len()]);
        assert!(blocks.len() > 2 * PREPARE_BATCH, "{} blocks", blocks.len());
        // One block at a time is dedup before batches.
        let alone = in_batches(&blocks, false, 1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for len in [7, PREPARE_BATCH, usize::MAX] {
            assert_eq!(in_batches(&blocks, false, len), alone, "batches of {len}");
            let threaded = pool.install(|| in_batches(&blocks, true, len));
            assert_eq!(threaded, alone, "batches of {len} on two threads");
        }
        let copies = alone.dup_of.iter().flatten().count();
        assert!(copies > 50, "{copies} copies found");
    }

    /// The probe of the shortest lists only ends a comparison early: on
    /// every block of the wrapped dev cases (near copies, copies glued to
    /// other text, numbered repeats), `nearest` finds what counting every
    /// list finds.
    #[test]
    fn probing_the_shortest_lists_finds_what_counting_all_does() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/dev-cases-wrapped");
        let mut cases: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        cases.sort_by_key(|e| e.path());
        let (mut compared, mut found) = (0, 0);
        for case in cases {
            let text = std::fs::read_to_string(case.path().join("noisy.md")).unwrap();
            let u = segment(&text);
            let blocks = join(&u, &vec![true; u.len()], &vec![false; u.len()]);
            let (mut index, mut counts) = (Postings::default(), vec![0u32; blocks.len()]);
            let mut tally = Tally {
                count: vec![0; blocks.len()],
                touched: Vec::new(),
            };
            for (i, b) in blocks.iter().enumerate() {
                let mut sh: Vec<u64> = norm(&b.text).windows(K).map(hash).collect();
                sh.sort_unstable();
                sh.dedup();
                // Every list counted, in a map.
                let mut all: KeyMap<usize, usize> = KeyMap::default();
                for s in &sh {
                    if let Some((at, _)) = index.list(*s) {
                        index.walk(at, |j| *all.entry(j).or_insert(0) += 1);
                    }
                }
                let plain = all
                    .into_iter()
                    .map(|(j, c)| (c as f64 / (sh.len() + counts[j] as usize - c) as f64, j))
                    .filter(|&(sim, _)| sim >= NEAR)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
                assert_eq!(nearest(&index, &sh, &counts, &mut tally), plain);
                assert!(tally.touched.is_empty() && tally.count.iter().all(|&c| c == 0));
                compared += 1;
                found += usize::from(plain.is_some());
                sh.iter().for_each(|&s| index.push(s, i));
                counts[i] = sh.len() as u32;
            }
        }
        assert!(
            compared > 2_000 && found > 100,
            "{compared} compared, {found} found"
        );
    }
}
