//! Structure: paragraphs → the numbered hierarchy.
//!
//! Levels are learned per document from the order numbering styles appear in
//! (a level stack), with the GB/T 9704 / statute ranks deciding only where
//! the document has not shown how two styles nest. Lost headings are inferred
//! from restarts (`1. 2. 3.` then `2. 3. 4.` under one parent means the next
//! parent heading was lost); gaps, jumps and orphan headings are reported.

use crate::block::{ends_closed, Block};
use crate::markers::{self, Marker, Style};
use crate::model::{Flag, LineSpan, Node, Paragraph, Reason, Removed, Warning, WarningKind};
use crate::parts::{PartKind, PartStart};
use crate::pattern::Pattern;
use std::collections::HashMap;

/// The hierarchy and what structuring decided along the way.
#[derive(Debug, Clone, Default)]
pub struct Structured {
    /// Unnumbered body text before the first heading.
    pub preamble: Vec<Paragraph>,
    /// Top-level nodes.
    pub sections: Vec<Node>,
    /// Orphan headings.
    pub removed: Vec<Removed>,
    /// Numbering gaps, jumps, restarts and inferred headings.
    pub warnings: Vec<Warning>,
    /// For every input block: where it went, or `None` when it was removed.
    pub owner: Vec<Option<Owner>>,
    /// The titles of the documents a notice issues and their lines:
    /// metadata, held neither by the preamble nor by a node.
    pub issued: Vec<(String, Vec<LineSpan>)>,
}

/// Where a block went: the preamble or the node with this id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// Body text before the first heading.
    Preamble,
    /// The node with this id (its heading or one of its paragraphs): one
    /// shared copy a node, however many blocks it holds, so that a block's
    /// owner costs no allocation.
    Node(std::sync::Arc<str>),
}

impl Owner {
    /// The node's id; `None` for the preamble.
    pub fn node(&self) -> Option<&str> {
        match self {
            Owner::Preamble => None,
            Owner::Node(id) => Some(id),
        }
    }

    /// As the wire format names it (`duplicate_of`): the node id, or `"preamble"`.
    pub fn wire(&self) -> String {
        self.node().unwrap_or("preamble").to_string()
    }
}

struct Draft {
    style: Style,
    marker: Option<String>,
    ordinal: u32,
    title: Option<String>,
    paragraphs: Vec<Paragraph>,
    inferred: bool,
    flags: Vec<Flag>,
    lines: LineSpan,
    children: Vec<usize>,
}

struct PendingWarning {
    kind: WarningKind,
    message: String,
    lines: Option<LineSpan>,
    node: Option<usize>,
}

/// Growth of the drafts' arena past its reservation: one part in this many.
/// Amortised linear still (a draft moves about nine times at worst); in
/// practice the reservation is short by a few inferred headings, one move.
const ARENA_GROWTH: usize = 8;

/// Longest first sentence still read as a heading title.
const TITLE_MAX: usize = 60;
/// Longest line read as the title of a bare division marker on the line
/// above (`第三章` / `总则`). Set on the dev cases.
const NEXT_LINE_TITLE_MAX: usize = 30;
/// Characters searched for the colon that ends a heading's title
/// (`总体目标：到2025年，…`): one further in is part of the body.
/// Set on the dev cases.
const COLON_TITLE_MAX: usize = 20;

/// Builds the hierarchy from paragraphs in source order, its parts found
/// from the blocks alone (no document title).
pub fn build(blocks: &[Block]) -> Structured {
    build_pinned(blocks.to_vec(), &[], &crate::parts::find(blocks, None))
}

/// [`build`] with the parts given, and the blocks where `pinned[i]` is true
/// never removed: an orphan heading pinned by a decision stays as a paragraph.
///
/// Takes the blocks and frees each one's text, units and marker once it is
/// placed (only blocks ahead are read): the text is never held twice, in
/// blocks and nodes.
pub fn build_pinned(mut blocks: Vec<Block>, pinned: &[bool], parts: &[PartStart]) -> Structured {
    let mut b = Builder {
        pinned: pinned.to_vec(),
        ..Builder::default()
    };
    // One node per marked block and part, give or take an inline or inferred
    // heading: reserved at once, a growing arena would at its last doubling
    // hold twice the nodes (the stage's peak of memory on large documents).
    let marked = blocks.iter().filter(|b| b.marker.is_some()).count();
    b.arena.reserve_exact(marked + parts.len());
    b.owner.reserve_exact(blocks.len());
    let rows = citation_rows(&blocks);
    for (block, row) in blocks.iter_mut().zip(rows) {
        if row {
            block.marker = None;
        }
    }
    let mut parts = parts.iter().peekable();
    let mut i = 0;
    while i < blocks.len() {
        let n = match parts.next_if(|p| p.block == i) {
            Some(p) => b.start_part(p, &blocks),
            None => b.take(&blocks, i),
        };
        let end = (i + n).min(blocks.len());
        b.after_colon = end > i && blocks[end - 1].text.trim_end().ends_with([':', '：']);
        for placed in &mut blocks[i..end] {
            placed.text = std::borrow::Cow::Borrowed("");
            placed.units = Vec::new();
            placed.marker = None;
        }
        i += n;
    }
    // The emptied blocks still hold their structs (a tenth of the stage's
    // peak on a large document): gone before the nodes are exported.
    let nblocks = blocks.len();
    drop(blocks);
    b.finish(nblocks)
}

/// Fewest rows of a table keyed to another law's articles.
const CITATION_ROWS_MIN: usize = 3;

/// Longest text after the marker in such a row (`背叛国家罪`, `武装叛乱、暴乱罪`).
const CITATION_ROW_MAX: usize = 20;

/// Blocks that are rows of a table keyed to another law's articles (`第一百零二条
/// 背叛国家罪`, a list of offences by Criminal Law article): a run of article
/// markers, each followed by a short name with no sentence in it, whose
/// first number does not continue the document's own articles. They are text
/// of the document, not articles of it.
fn citation_rows(blocks: &[Block]) -> Vec<bool> {
    let mut rows = vec![false; blocks.len()];
    fn row<'b>(b: &'b Block) -> Option<&'b Marker> {
        b.marker
            .as_ref()
            .filter(|m| m.style.is_article())
            .filter(|m| {
                let rest = b.text[m.len..].trim();
                let n = rest.chars().count();
                n > 0
                    && n <= CITATION_ROW_MAX
                    && !rest.contains(['。', '，', '；', '：', ',', ';', ':'])
            })
    }
    let mut last_article = 0;
    let mut i = 0;
    while i < blocks.len() {
        let Some(first) = row(&blocks[i]) else {
            if let Some(m) = blocks[i].marker.as_ref().filter(|m| m.style.is_article()) {
                last_article = m.ordinal;
            }
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut prev = first.ordinal;
        while let Some(m) = blocks.get(j).and_then(row).filter(|m| m.ordinal > prev) {
            prev = m.ordinal;
            j += 1;
        }
        if j - i >= CITATION_ROWS_MIN && first.ordinal > last_article + 1 {
            rows[i..j].iter_mut().for_each(|r| *r = true);
        } else {
            last_article = prev;
        }
        i = j;
    }
    rows
}

/// The block after bare marker block `i` reads as its title: no marker,
/// short, not a closed sentence (`第三章` over `总则`).
fn title_below(blocks: &[Block], i: usize) -> bool {
    blocks.get(i + 1).is_some_and(|n| {
        n.marker.is_none() && n.text.chars().count() <= NEXT_LINE_TITLE_MAX && !ends_closed(&n.text)
    })
}

#[derive(Default)]
struct Builder {
    arena: Vec<Draft>,
    roots: Vec<usize>,
    stack: Vec<usize>,
    /// The style a style was first seen nested under (None: top level).
    learned: HashMap<Style, Option<Style>>,
    /// The last block placed ends in a colon: it introduces what follows.
    after_colon: bool,
    /// The last ordinal seen of each style, anywhere in the document.
    last_ordinal: HashMap<Style, u32>,
    preamble: Vec<Paragraph>,
    removed: Vec<Removed>,
    warnings: Vec<PendingWarning>,
    owner: Vec<(usize, Option<usize>)>,
    owner_removed: Vec<usize>,
    /// Blocks a decision pinned as kept (`docsift clean --decisions`).
    pinned: Vec<bool>,
    issued: Vec<(String, Vec<LineSpan>)>,
}

impl Builder {
    /// Places block `i`; returns how many blocks it consumed.
    fn take(&mut self, blocks: &[Block], i: usize) -> usize {
        let block = &blocks[i];
        let Some(m) = &block.marker else {
            if is_toc_word(&block.text) {
                self.remove(i, block, "a contents heading with no contents under it");
                return 1;
            }
            self.keep_as_paragraph(i, block);
            return 1;
        };
        // Separator punctuation after the marker goes (`第五项：`); the text's
        // own closing colon (`…可以采取下列措施：`) stays.
        let rest = block.text[m.len..]
            .trim_start_matches(|c: char| c.is_whitespace() || "：:、".contains(c))
            .trim_end();
        if rest.is_empty() && !self.fits(m, blocks, i) {
            self.remove(
                i,
                block,
                &format!(
                    "bare heading {} fits no numbering sequence of the document",
                    m.text
                ),
            );
            return 1;
        }
        if rest.is_empty() && !title_below(blocks, i) {
            if let Some(j) = self.restated(m, blocks, i) {
                let detail = format!(
                    "bare heading {} with no title: the document gives {} its title at lines {}–{}",
                    m.text, blocks[j].text, blocks[j].lines[0], blocks[j].lines[1]
                );
                self.remove(i, block, &detail);
                return 1;
            }
        }
        let mut consumed = 1;
        let (title, body) = if rest.is_empty() {
            // `第三章` alone, its title on the next line.
            match blocks.get(i + 1) {
                Some(n) if title_below(blocks, i) => {
                    consumed = 2;
                    (Some(n.text.to_string()), None)
                }
                _ => (None, None),
            }
        } else {
            split_heading(m.style, rest)
        };
        let id = self.heading(m, title, body, block, false);
        if consumed == 2 {
            // The title was read from the next line: joined to the marker.
            self.arena[id].lines[1] = blocks[i + 1].lines[1];
            self.arena[id].flags.push(Flag::Joined);
        }
        for k in 0..consumed {
            self.owner.push((i + k, Some(id)));
        }
        consumed
    }

    /// Opens part `p`: the numbering before it is closed and what it learned
    /// about nesting forgotten, so the part's own `一、` starts afresh. An
    /// attachment becomes a top-level node the part's nodes go under; an
    /// issued document's title goes to the metadata.
    fn start_part(&mut self, p: &PartStart, blocks: &[Block]) -> usize {
        let last = &blocks[p.block + p.consumed - 1];
        self.stack.clear();
        self.learned.clear();
        self.last_ordinal.clear();
        if p.kind == PartKind::Issued {
            // The title goes to the metadata; the numbering after it is the
            // issued document's own.
            let title = p.title.clone().unwrap_or_default();
            let spans = blocks[p.block..p.block + p.consumed]
                .iter()
                .map(|b| b.lines);
            self.issued.push((title, spans.collect()));
            for k in 0..p.consumed {
                self.owner.push((p.block + k, None));
            }
            return p.consumed;
        }
        let mut flags = Vec::new();
        if p.consumed > 1 {
            flags.push(Flag::Joined);
        }
        let id = self.arena.len();
        self.push_draft(Draft {
            style: Style::Attachment,
            marker: p.marker.clone(),
            ordinal: p.ordinal,
            title: p.title.clone(),
            paragraphs: Vec::new(),
            inferred: false,
            flags,
            lines: [blocks[p.block].lines[0], last.lines[1]],
            children: Vec::new(),
        });
        self.roots.push(id);
        self.stack.push(id);
        for k in 0..p.consumed {
            self.owner.push((p.block + k, Some(id)));
        }
        p.consumed
    }

    /// Places the node of marker `m` with its title and body. A body that
    /// opens with a marker of a lower style (`Sec. 3. Title. (a) Within…`)
    /// starts the first child on the same line, flagged `inline_heading`
    /// (`inline`). A heading's `lines` are those of its block, the paragraph
    /// it shares them with included.
    fn heading(
        &mut self,
        m: &Marker,
        title: Option<String>,
        body: Option<String>,
        block: &Block,
        inline: bool,
    ) -> usize {
        let id = self.place(m, block);
        self.arena[id].title = title;
        if inline {
            self.arena[id].flags.push(Flag::InlineHeading);
        }
        // A heading read from several lines (its title or the paragraph it
        // shares them with, wrapped): noise removed between them is inside
        // its span, as for a joined paragraph.
        if block.flags.contains(&Flag::Joined) {
            self.arena[id].flags.push(Flag::Joined);
        }
        if block.flags.contains(&Flag::InferredNumber) {
            self.arena[id].flags.push(Flag::InferredNumber);
        }
        let child = body
            .as_deref()
            .and_then(|b| markers::parse(b, None))
            .filter(|c| c.style.rank() > m.style.rank());
        match (body, child) {
            (Some(text), Some(c)) => {
                let rest = text[c.len..]
                    .trim_start_matches(|ch: char| ch.is_whitespace() || "：:、".contains(ch))
                    .trim_end();
                let (t, b) = if rest.is_empty() {
                    (None, None)
                } else {
                    split_heading(c.style, rest)
                };
                self.heading(&c, t, b, block, true);
            }
            (Some(text), None) => {
                push_exact(&mut self.arena[id].paragraphs, paragraph(&text, block))
            }
            (None, _) => {
                let flags = block
                    .flags
                    .iter()
                    .filter(|f| matches!(f, Flag::TruncatedStart | Flag::TruncatedEnd))
                    .cloned();
                self.arena[id].flags.extend(flags);
            }
        }
        id
    }

    /// Adds block `i` as a paragraph of the open node (or the preamble).
    fn keep_as_paragraph(&mut self, i: usize, block: &Block) {
        let para = paragraph(&block.text, block);
        match self.stack.last() {
            Some(&top) => {
                push_exact(&mut self.arena[top].paragraphs, para);
                self.owner.push((i, Some(top)));
            }
            None => {
                self.preamble.push(para);
                self.owner.push((i, None));
            }
        }
    }

    /// Removes block `i` as an orphan heading, unless a decision pinned it as
    /// kept: then it stays, as a paragraph.
    fn remove(&mut self, i: usize, block: &Block, detail: &str) {
        if self.pinned.get(i).copied().unwrap_or(false) {
            self.keep_as_paragraph(i, block);
            return;
        }
        self.removed.push(Removed {
            id: String::new(),
            reason: Reason::OrphanHeading,
            text: block.text.to_string(),
            lines: block.lines,
            duplicate_of: None,
            detail: Some(detail.into()),
        });
        self.owner_removed.push(i);
    }

    /// Whether a bare marker continues a sequence: the next number of its
    /// style at its place, or `1` of a style the document goes on to use.
    fn fits(&self, m: &Marker, blocks: &[Block], i: usize) -> bool {
        if let Some(&k) = self
            .stack
            .iter()
            .rev()
            .find(|&&k| self.arena[k].style == m.style)
        {
            return m.ordinal == self.arena[k].ordinal + 1;
        }
        let same: Vec<u32> = self
            .roots
            .iter()
            .filter(|&&r| self.arena[r].style == m.style)
            .map(|&r| self.arena[r].ordinal)
            .collect();
        if let Some(&last) = same.last() {
            return m.ordinal == last + 1;
        }
        m.ordinal == 1
            || blocks[i + 1..]
                .iter()
                .filter_map(|b| b.marker.as_ref())
                .find(|n| n.style == m.style)
                .is_some_and(|n| n.ordinal == m.ordinal + 1)
    }

    /// The block that restates bare marker `m` of block `i` with a title:
    /// the next marker of its style has its number, before any marker of a
    /// style above it (`第三节` alone, then `第三节 非营利法人` in the same
    /// chapter). Two headings cannot both be that one; the bare one is the
    /// stray. Sections restart under each chapter, so a marker of a style
    /// above ends the search.
    fn restated(&self, m: &Marker, blocks: &[Block], i: usize) -> Option<usize> {
        let pos = self
            .stack
            .iter()
            .rposition(|&k| self.arena[k].style == m.style)?;
        let above: Vec<Style> = self.stack[..pos]
            .iter()
            .map(|&k| self.arena[k].style)
            .collect();
        for (j, b) in blocks.iter().enumerate().skip(i + 1) {
            let Some(n) = &b.marker else { continue };
            if above.contains(&n.style) {
                return None;
            }
            if n.style == m.style {
                let titled = b.text.len() > n.len || title_below(blocks, j);
                return (n.ordinal == m.ordinal && titled).then_some(j);
            }
        }
        None
    }

    /// Adds `d` to the arena. Past the exact reservation (an inline or
    /// inferred heading more than the blocks' markers) it grows by an eighth,
    /// not twice over: a doubling arena held twice the drafts, the stage's
    /// peak of memory on large documents (100 MiB of 535 on a 100 MB one).
    fn push_draft(&mut self, d: Draft) {
        if self.arena.len() == self.arena.capacity() {
            self.arena
                .reserve_exact(self.arena.len() / ARENA_GROWTH + 16);
        }
        self.arena.push(d);
    }

    /// Puts a new node for marker `m` into the tree; returns its arena index.
    fn place(&mut self, m: &Marker, block: &Block) -> usize {
        let node = Draft {
            style: m.style,
            marker: Some(m.text.clone()),
            ordinal: m.ordinal,
            title: None,
            paragraphs: Vec::new(),
            inferred: false,
            flags: Vec::new(),
            lines: block.lines,
            children: Vec::new(),
        };
        let at = self
            .stack
            .iter()
            .rposition(|&k| self.arena[k].style == m.style);
        let parent = match at {
            Some(k) => self.parent_of_sibling(m, block, k),
            None => self.parent_of_new_style(m, block),
        };
        let id = self.arena.len();
        self.last_ordinal.insert(m.style, m.ordinal);
        self.push_draft(node);
        match parent {
            Some(p) => self.arena[p].children.push(id),
            None => self.roots.push(id),
        }
        self.stack.push(id);
        id
    }

    /// The parent of a marker whose style is on the stack at `k` (the next
    /// item of a list): numbering checked against the item before it, and a
    /// restart under one parent read as a lost parent heading.
    fn parent_of_sibling(&mut self, m: &Marker, block: &Block, k: usize) -> Option<usize> {
        let prev = self.stack[k];
        self.stack.truncate(k);
        let prev_ord = self.arena[prev].ordinal;
        let prev_inserted = self.arena[prev]
            .marker
            .as_deref()
            .map_or(0, markers::inserted_number);
        if m.ordinal == prev_ord && m.inserted() > prev_inserted {
            // `第一百二十条之一` after `第一百二十条`: an article an amendment
            // inserted, numbered after the one it follows.
        } else if m.ordinal == prev_ord {
            // The same number twice in a row is an echo of the item
            // (a repeated page, a copied clause), not a new list.
            self.warn(
                WarningKind::NumberingRestart,
                format!("{} repeats the number of the item before it", m.text),
                block.lines,
                self.stack.last().copied(),
            );
        } else if m.ordinal < prev_ord {
            let parent = self.stack.last().copied();
            if parent.is_some_and(|p| self.arena[p].style.is_article()) {
                // An article's next paragraph (款) may open a list of
                // its own: articles are never lost between two lists.
            } else if let Some(parent) = parent.filter(|&p| !self.arena[p].style.is_part()) {
                // A restart under one parent: the next parent heading was lost.
                let inferred = self.infer_sibling(parent, block.lines);
                self.stack.push(inferred);
                if m.ordinal != 1 {
                    self.warn(
                        WarningKind::NumberingGap,
                        format!("{} is the first item under an inferred heading: items before it are missing", m.text),
                        block.lines,
                        Some(inferred),
                    );
                }
            } else {
                self.warn(
                    WarningKind::NumberingRestart,
                    format!(
                        "{} restarts the numbering after {}",
                        m.text,
                        self.arena[prev].marker.clone().unwrap_or_default()
                    ),
                    block.lines,
                    None,
                );
            }
        } else if m.ordinal > prev_ord + 1 && !opens_hundred(m, prev_ord) {
            self.warn(
                WarningKind::NumberingGap,
                format!(
                    "{} follows {}: {} missing",
                    m.text,
                    self.arena[prev].marker.clone().unwrap_or_default(),
                    missing(prev_ord, m.ordinal)
                ),
                block.lines,
                self.stack.last().copied(),
            );
        }
        self.stack.last().copied()
    }

    /// The parent of a marker whose style is not on the stack: nested where
    /// the document nested it before, else by canonical rank, with gaps and
    /// jumps between styles at one level reported.
    fn parent_of_new_style(&mut self, m: &Marker, block: &Block) -> Option<usize> {
        // A style not on the stack: nest it where the document nested it
        // before, else by canonical rank.
        // Pop what ranks at or below the new style, but never the
        // style the document nested it under before (a document may
        // put `1.` above `（一）`).
        let learned = match self.learned.get(&m.style) {
            Some(&l) => l,
            // A style first met right after an item that ends in a colon
            // (`(B) how to …, including:`, `…包括：`) is the list that colon
            // opens: nested under that item, whatever the canonical rank.
            // So is the first statute unit (`第一条`) right under a heading
            // of generic numbering that holds nothing yet (`一、受理和管辖`):
            // the document groups its articles under such headings.
            None => self.stack.last().and_then(|&k| {
                (self.introduces_list(k) || self.groups_statute_units(k, m.style))
                    .then_some(self.arena[k].style)
            }),
        };
        while self.stack.last().is_some_and(|&k| {
            let st = self.arena[k].style;
            st.rank() >= m.style.rank() && Some(st) != learned && !st.is_part()
        }) {
            self.stack.pop();
        }
        let parent = self.stack.last().copied();
        let siblings = match parent {
            Some(p) => &self.arena[p].children,
            None => &self.roots,
        };
        let prev_same = siblings
            .iter()
            .rev()
            .find(|&&s| self.arena[s].style == m.style)
            .map(|&s| self.arena[s].ordinal);
        let last_sibling = siblings.last().copied();
        // Articles, chapters and some item lists are numbered through
        // the whole document: continuing the last one is no gap.
        let continues = prev_same.is_none()
            && self
                .last_ordinal
                .get(&m.style)
                .is_some_and(|&l| m.ordinal == l + 1);
        if m.ordinal != 1
            && !continues
            && prev_same.is_none_or(|p| m.ordinal > p + 1)
            && !opens_hundred(m, prev_same.unwrap_or(0))
        {
            let what = match parent {
                Some(_) => format!(
                    "{} is the first of its kind under its heading: {} missing",
                    m.text,
                    missing(prev_same.unwrap_or(0), m.ordinal)
                ),
                None => format!(
                    "{} is the first of its kind in the document: {} missing",
                    m.text,
                    missing(prev_same.unwrap_or(0), m.ordinal)
                ),
            };
            self.warn(WarningKind::NumberingGap, what, block.lines, parent);
        }
        if let Some(s) =
            last_sibling.filter(|&s| self.arena[s].style != m.style && !self.arena[s].inferred)
        {
            self.warn(
                WarningKind::NumberingJump,
                format!(
                    "{} ({}) follows {} ({}) at the same level",
                    m.text,
                    m.style.name(),
                    self.arena[s].marker.clone().unwrap_or_default(),
                    self.arena[s].style.name()
                ),
                block.lines,
                parent,
            );
        }
        self.learned
            .entry(m.style)
            .or_insert_with(|| parent.map(|p| self.arena[p].style));
        parent
    }

    /// Draft `k` is the last one placed and the last block it took ends in
    /// a colon: it introduces what follows.
    fn introduces_list(&self, k: usize) -> bool {
        k + 1 == self.arena.len() && !self.arena[k].style.is_part() && self.after_colon
    }

    /// Draft `k` is the last one placed, a titled heading of generic
    /// numbering with no paragraph and no child yet, and `style` a statute
    /// unit: the heading groups the units that follow (an empty heading
    /// would hold nothing otherwise).
    fn groups_statute_units(&self, k: usize, style: Style) -> bool {
        let d = &self.arena[k];
        k + 1 == self.arena.len()
            && d.style.is_generic()
            && style.is_statute_unit()
            && !d.inferred
            && d.title.is_some()
            && d.paragraphs.is_empty()
            && d.children.is_empty()
    }

    /// Adds an inferred heading after `node`, as its next sibling.
    fn infer_sibling(&mut self, node: usize, lines: LineSpan) -> usize {
        let (style, ordinal) = (self.arena[node].style, self.arena[node].ordinal + 1);
        self.stack.retain(|&k| k != node);
        let parent = self.stack.last().copied();
        let id = self.arena.len();
        self.push_draft(Draft {
            style,
            marker: None,
            ordinal,
            title: None,
            paragraphs: Vec::new(),
            inferred: true,
            flags: vec![Flag::Inferred],
            lines,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.arena[p].children.push(id),
            None => self.roots.push(id),
        }
        let prev = self.arena[node].marker.clone().unwrap_or_default();
        self.warn(
            WarningKind::InferredHeading,
            format!("numbering restarts after {prev}'s items: heading {} of style {} is missing and was inferred", ordinal, style.name()),
            lines,
            Some(id),
        );
        id
    }

    fn warn(&mut self, kind: WarningKind, message: String, lines: LineSpan, node: Option<usize>) {
        self.warnings.push(PendingWarning {
            kind,
            message,
            lines: Some(lines),
            node,
        });
    }

    fn finish(mut self, nblocks: usize) -> Structured {
        let mut ids = vec![String::new(); self.arena.len()];
        let mut seen = HashMap::new();
        let roots = std::mem::take(&mut self.roots);
        assign_ids(&self.arena, &roots, "", &mut ids, &mut seen);
        // A copy of every id: freed before the export, the stage's peak.
        drop(seen);
        let mut owner = vec![None; nblocks];
        // A node's blocks come one after another: one shared id for the run.
        let mut last: Option<(usize, std::sync::Arc<str>)> = None;
        for &(i, n) in &self.owner {
            owner[i] = Some(n.map_or(Owner::Preamble, |k| {
                let id = match &last {
                    Some((j, id)) if *j == k => id.clone(),
                    _ => std::sync::Arc::from(ids[k].as_str()),
                };
                last = Some((k, id.clone()));
                Owner::Node(id)
            }));
        }
        let warnings = std::mem::take(&mut self.warnings)
            .into_iter()
            .map(|w| Warning {
                id: String::new(),
                kind: w.kind,
                message: w.message,
                lines: w.lines,
                node: w.node.map(|k| ids[k].clone()),
            })
            .collect();
        // Last: the export moves the ids and the drafts' contents into the nodes.
        let sections = self.export(&roots, ids);
        Structured {
            preamble: self.preamble,
            sections,
            removed: self.removed,
            warnings,
            owner,
            issued: self.issued,
        }
    }

    /// Moves the drafts under `roots` into the tree of nodes, freeing the
    /// arena as it goes: the drafts are put in pre-order (every child after
    /// its parent) and taken from the back, each node made from its draft
    /// and the finished subtrees of its children on top of a stack. The
    /// arena and the nodes are never held whole at once (together they were
    /// the stage's peak: 134 MiB of 443 on a 100 MB document).
    fn export(&mut self, roots: &[usize], mut ids: Vec<String>) -> Vec<Node> {
        let depths = self.reorder_preorder(roots, &mut ids);
        let mut done: Vec<Node> = Vec::new();
        while let Some(d) = self.arena.pop() {
            let k = self.arena.len();
            let kids: Vec<Node> = done.drain(done.len() - d.children.len()..).rev().collect();
            let lines = if d.inferred {
                kids.first().map_or(d.lines, |n| n.lines)
            } else {
                d.lines
            };
            done.push(Node {
                id: ids.pop().unwrap_or_default(),
                depth: depths[k],
                style: d.style,
                marker: d.marker,
                ordinal: d.ordinal,
                title: d.title,
                paragraphs: d.paragraphs,
                targets: Vec::new(),
                responsible: Vec::new(),
                inferred: d.inferred,
                flags: d.flags,
                lines,
                children: kids,
            });
            let cap = self.arena.capacity();
            if cap - self.arena.len() > cap / ARENA_GROWTH {
                self.arena.shrink_to_fit();
            }
        }
        done.reverse();
        done
    }

    /// Reorders the arena (and `ids` with it) in place into the pre-order of
    /// the trees under `roots`, children indices renumbered, drafts under no
    /// root dropped; returns each draft's depth (1 for a root).
    fn reorder_preorder(&mut self, roots: &[usize], ids: &mut Vec<String>) -> Vec<usize> {
        let n = self.arena.len();
        let (mut order, mut depths) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut todo: Vec<(usize, usize)> = roots.iter().rev().map(|&r| (r, 1)).collect();
        while let Some((k, depth)) = todo.pop() {
            order.push(k);
            depths.push(depth);
            todo.extend(self.arena[k].children.iter().rev().map(|&c| (c, depth + 1)));
        }
        let reached = order.len();
        let mut pos = vec![usize::MAX; n];
        for (p, &k) in order.iter().enumerate() {
            pos[k] = p;
        }
        drop(order);
        for (next, p) in (reached..).zip(pos.iter_mut().filter(|p| **p == usize::MAX)) {
            *p = next;
        }
        for d in &mut self.arena {
            for c in &mut d.children {
                *c = pos[*c];
            }
        }
        // Each swap puts one draft where it belongs.
        for i in 0..n {
            while pos[i] != i {
                let j = pos[i];
                self.arena.swap(i, j);
                ids.swap(i, j);
                pos.swap(i, j);
            }
        }
        self.arena.truncate(reached);
        ids.truncate(reached);
        depths
    }
}

fn assign_ids(
    arena: &[Draft],
    nodes: &[usize],
    prefix: &str,
    ids: &mut [String],
    seen: &mut HashMap<String, usize>,
) {
    for &k in nodes {
        let base = if prefix.is_empty() {
            arena[k].ordinal.to_string()
        } else {
            format!("{prefix}.{}", arena[k].ordinal)
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        ids[k] = if *n == 1 { base } else { format!("{base}~{n}") };
        let own = ids[k].clone();
        assign_ids(arena, &arena[k].children, &own, ids, seen);
    }
}

fn missing(prev: u32, next: u32) -> String {
    let n = next.saturating_sub(prev + 1);
    match n {
        0 => "nothing".into(),
        1 => format!("number {} is", prev + 1),
        _ => format!("numbers {}–{} are", prev + 1, next - 1),
    }
}

/// Pushes `p`, the first paragraph taking one slot, not the four a growing
/// vector reserves: most headings hold one paragraph, and a document's
/// thousands of headings would otherwise hold three empty slots each.
fn push_exact(v: &mut Vec<Paragraph>, p: Paragraph) {
    if v.capacity() == 0 {
        v.reserve_exact(1);
    }
    v.push(p);
}

fn paragraph(text: &str, block: &Block) -> Paragraph {
    Paragraph {
        text: text.to_string(),
        lines: block.lines,
        flags: block
            .flags
            .iter()
            .copied()
            .filter(|f| *f != Flag::InferredNumber)
            .collect(),
    }
}

/// A contents page's title alone (`目录`, `目 录`, `Contents`, `Table of
/// Contents`). Asked of every block, so it compares in place rather than copying the
/// block's text.
pub(crate) fn is_toc_word(text: &str) -> bool {
    ["目录", "contents", "tableofcontents"]
        .iter()
        .any(|w| same_letters(text, w))
}

/// `text` is `word` once whitespace is dropped, ASCII case aside.
fn same_letters(text: &str, word: &str) -> bool {
    let mut t = text.chars().filter(|c| !c.is_whitespace());
    let mut w = word.chars();
    loop {
        match (t.next(), w.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(&b) => {}
            _ => return false,
        }
    }
}

/// Shortest contents entry (letters and digits of marker and title) looked
/// for among the headings, and shortest heading prefix it may match: a
/// shorter key matches headings by chance.
const TOC_KEY_MIN_CHARS: usize = 4;

/// Warnings for the headings a contents page lists that the body lacks.
///
/// Each line of a `toc` removal, without its dot leaders and page number, is
/// compared with every node's marker and title, letters and digits only; a
/// listed heading is present when one is a prefix of the other (contents
/// pages shorten long titles).
pub fn contents_missing(removed: &[Removed], sections: &[Node]) -> Vec<Warning> {
    fn key(t: &str) -> String {
        t.chars().filter(|c| c.is_alphanumeric()).collect()
    }
    static TAIL: Pattern = Pattern::new(|| {
        r"[\s.…·‥．_-]*[-—－(（\s]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})[-—－)）\s]*$".into()
    });
    if !removed.iter().any(|r| r.reason == Reason::Toc) {
        return Vec::new();
    }
    // Every heading's key in one buffer: a node costs a range, not a string.
    let mut keys = String::new();
    let mut headings: Vec<std::ops::Range<usize>> = Vec::new();
    let mut stack: Vec<&Node> = sections.iter().collect();
    while let Some(n) = stack.pop() {
        let start = keys.len();
        let texts = [n.marker.as_deref(), n.title.as_deref()];
        keys.extend(
            texts
                .iter()
                .flatten()
                .flat_map(|t| t.chars())
                .filter(|c| c.is_alphanumeric()),
        );
        if keys.len() > start {
            headings.push(start..keys.len());
        }
        stack.extend(n.children.iter());
    }
    let headings: Vec<&str> = {
        let mut hs: Vec<&str> = headings.into_iter().map(|r| &keys[r]).collect();
        hs.sort_unstable();
        hs
    };
    let mut out = Vec::new();
    for r in removed.iter().filter(|r| r.reason == Reason::Toc) {
        for line in r.text.lines() {
            let entry = line.trim().trim_start_matches(['#', ' ']);
            let entry = TAIL.replace(entry, "");
            let k = key(&entry);
            // Contents titles, bare numbers and fragments say nothing.
            if k.chars().count() < TOC_KEY_MIN_CHARS
                || is_toc_word(&entry)
                || markers::parse(&entry, None).is_none()
            {
                continue;
            }
            // Sorted headings: the first at or after `k` starts with it if
            // any does; a heading `k` starts with is one of `k`'s prefixes.
            let at = headings.partition_point(|h| *h < k.as_str());
            let found = headings.get(at).is_some_and(|h| h.starts_with(k.as_str()))
                || k.char_indices()
                    .skip(TOC_KEY_MIN_CHARS)
                    .any(|(b, _)| headings.binary_search_by(|h| (*h).cmp(&k[..b])).is_ok());
            if !found {
                out.push(Warning {
                    id: String::new(),
                    kind: WarningKind::TocEntryMissing,
                    message: format!(
                        "the contents list “{}”, but no heading of the body reads so",
                        entry.trim()
                    ),
                    lines: Some(r.lines),
                    node: None,
                });
            }
        }
    }
    out
}

/// English sections numbered by hundreds, a hundred per part (`Sec. 101.`
/// opens Part I, `Sec. 201.` Part II, as executive orders and acts number
/// them): the first of a hundred after a lower one is no gap.
fn opens_hundred(m: &Marker, prev: u32) -> bool {
    m.style == Style::EnSection
        && m.ordinal > 100
        && m.ordinal % 100 == 1
        && prev / 100 < m.ordinal / 100
}

/// Splits the text after a marker into a heading title and a body.
pub fn split_heading(style: Style, rest: &str) -> (Option<String>, Option<String>) {
    let strip = |s: &str| {
        s.trim()
            .trim_end_matches(['。', '.', '；', ';', '：', ':'])
            .trim()
            .to_string()
    };
    if style.is_article() {
        return article_split(rest);
    }
    if style.is_division() && rest.chars().count() <= TITLE_MAX && !rest.contains('。') {
        return (Some(strip(rest)), None);
    }
    if !rest.chars().any(crate::text::is_cjk) {
        return latin_split(rest);
    }
    let end = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'));
    match end {
        Some((p, c)) => {
            let head = &rest[..p];
            let tail = rest[p + c.len_utf8()..].trim();
            if head.chars().count() <= TITLE_MAX {
                if tail.is_empty() {
                    (Some(strip(head)), None)
                } else {
                    (Some(strip(head)), Some(tail.to_string()))
                }
            } else if let Some((t, b)) = colon_split(rest) {
                (Some(t), Some(b))
            } else {
                (None, Some(rest.to_string()))
            }
        }
        None if rest.chars().count() <= TITLE_MAX => (Some(strip(rest)), None),
        None => match colon_split(rest) {
            Some((t, b)) => (Some(t), Some(b)),
            None => (None, Some(rest.to_string())),
        },
    }
}

/// Longest title in an article's brackets (`【立法目的】`, `【帮助恐怖活动罪】`).
const BRACKET_TITLE_MAX: usize = 20;

/// An article's text is its body, unless it opens with a title of its own:
/// one in brackets, as annotated statutes print them (`第一条【立法目的】为了…`),
/// or a Latin title on the line under a bare marker (`ARTICLE I` /
/// `GENERAL PROVISIONS`, `Article 3 Definitions. For the purposes…`).
fn article_split(rest: &str) -> (Option<String>, Option<String>) {
    if let Some((title, body)) = rest
        .strip_prefix('【')
        .and_then(|r| r.split_once('】'))
        .filter(|(t, _)| (1..=BRACKET_TITLE_MAX).contains(&t.chars().count()))
    {
        let body = body.trim();
        return (
            Some(title.trim().to_string()),
            (!body.is_empty()).then(|| body.to_string()),
        );
    }
    if !rest.chars().any(crate::text::is_cjk) {
        return latin_split(rest);
    }
    (None, Some(rest.to_string()))
}

/// Most words of a title in Latin script (`Climate Action Plans and Data and
/// Information Products to Improve Adaptation and Increase Resilience`, 14:
/// the executive orders of the corpus run to 17).
const LATIN_TITLE_MAX_WORDS: usize = 20;

/// Share of a Latin title's words of four letters or more that are
/// capitalised (Title Case; `Purpose`, `Definitions`): a sentence's are not
/// (`Within 30 days of an agency's submission…`).
const TITLE_CASE_SHARE: (usize, usize) = (3, 4);

/// [`split_heading`] for text in Latin script: the first sentence
/// (`Purpose.`, up to a full stop followed by a space of any kind, not one
/// closing an initial or `U.S.`) is the title when it is in Title Case and
/// short; otherwise the whole is the body.
fn latin_split(rest: &str) -> (Option<String>, Option<String>) {
    let end = rest.char_indices().find(|&(i, c)| {
        let after = rest[i + c.len_utf8()..].chars().next();
        let word = rest[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        c == '.'
            && after.is_none_or(char::is_whitespace)
            && word.chars().count() > 1
            && !word.contains('.')
    });
    let (head, tail) = match end {
        Some((p, _)) => (&rest[..p], rest[p + 1..].trim()),
        None => (rest.trim_end_matches([';', ':', ',']), ""),
    };
    let words = head.split_whitespace().count();
    if words == 0 || words > LATIN_TITLE_MAX_WORDS || !title_case(head) {
        return (None, Some(rest.to_string()));
    }
    let title = head.trim().to_string();
    (Some(title), (!tail.is_empty()).then(|| tail.to_string()))
}

/// Whether `t` is in Title Case: most of its words of four letters or more
/// start with a capital (a text without such words counts as one).
fn title_case(t: &str) -> bool {
    let long: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    let (num, den) = TITLE_CASE_SHARE;
    caps * den >= long.len() * num
}

/// `总体目标：到2025年，…` → title `总体目标`, body `到2025年，…`.
fn colon_split(rest: &str) -> Option<(String, String)> {
    let (p, _) = rest
        .char_indices()
        .take(COLON_TITLE_MAX)
        .find(|&(_, c)| c == '：')?;
    let body = rest[p + '：'.len_utf8()..].trim();
    (!body.is_empty() && p > 0).then(|| (rest[..p].trim().to_string(), body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::join::join;
    use crate::segment::segment;

    #[test]
    fn contents_titles_in_any_spacing_and_case() {
        for t in [
            "目录",
            "目 录",
            "目　录",
            "Contents",
            "TABLE OF CONTENTS",
            "Table of Contents",
        ] {
            assert!(is_toc_word(t), "{t}");
        }
        for t in ["目录一", "目", "Contents of the report", "table of", ""] {
            assert!(!is_toc_word(t), "{t}");
        }
    }

    fn tree(text: &str) -> Structured {
        let u = segment(text);
        let keep = vec![true; u.len()];
        build(&join(&u, &keep, &vec![false; u.len()]))
    }

    fn shape(nodes: &[Node]) -> Vec<String> {
        let mut out = Vec::new();
        fn walk(n: &[Node], out: &mut Vec<String>) {
            for x in n {
                out.push(format!(
                    "{}{}:{}",
                    if x.inferred { "*" } else { "" },
                    x.id,
                    x.title.clone().unwrap_or_default()
                ));
                walk(&x.children, out);
            }
        }
        walk(nodes, &mut out);
        out
    }

    #[test]
    fn nests_official_styles_and_splits_titles() {
        let s = tree("一、总体要求\n\n（一）指导思想。坚持创新。\n\n1.加强领导。统筹推进。\n\n（1）明确责任\n\n二、保障措施\n\n完善制度。");
        assert_eq!(
            shape(&s.sections),
            [
                "1:总体要求",
                "1.1:指导思想",
                "1.1.1:加强领导",
                "1.1.1.1:明确责任",
                "2:保障措施"
            ]
        );
        assert_eq!(s.sections[0].children[0].paragraphs[0].text, "坚持创新。");
        assert_eq!(s.sections[1].paragraphs[0].text, "完善制度。");
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    #[test]
    fn infers_lost_parent_from_restart() {
        let s = tree(
            "二、任务\n\n（一）甲\n\n1.子一\n\n2.子二\n\n3.子三\n\n2.丙二\n\n3.丙三\n\n（三）丁\n\n1.丁一",
        );
        assert_eq!(
            shape(&s.sections),
            [
                "2:任务",
                "2.1:甲",
                "2.1.1:子一",
                "2.1.2:子二",
                "2.1.3:子三",
                "*2.2:",
                "2.2.2:丙二",
                "2.2.3:丙三",
                "2.3:丁",
                "2.3.1:丁一"
            ]
        );
        let kinds: Vec<_> = s.warnings.iter().map(|w| w.kind).collect();
        assert!(kinds.contains(&WarningKind::InferredHeading));
        assert!(
            kinds
                .iter()
                .filter(|k| **k == WarningKind::NumberingGap)
                .count()
                >= 2,
            "{kinds:?}"
        );
    }

    #[test]
    fn higher_rank_style_becomes_top_level() {
        let s =
            tree("二、任务\n\n（一）甲\n\n1.乙\n\n第五项：强化保障。\n\n(二) 加大投入。建立渠道。");
        assert_eq!(
            shape(&s.sections),
            ["2:任务", "2.1:甲", "2.1.1:乙", "5:强化保障", "5.2:加大投入"]
        );
        let jump = s
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::NumberingJump);
        assert!(jump);
    }

    #[test]
    fn statutes_nest_and_orphans_go() {
        let s = tree("第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n第十一章\n\n第二条 本条例适用于全国。\n\n（一）甲；\n\n第二章\n\n监督管理\n\n第三条 国家建立制度。");
        assert_eq!(
            shape(&s.sections),
            ["1:总则", "1.1:", "1.2:", "1.2.1:甲", "2:监督管理", "2.3:"]
        );
        assert_eq!(s.removed.len(), 1);
        assert_eq!(s.removed[0].text, "第十一章");
        assert_eq!(
            s.sections[0].children[0].paragraphs[0].text,
            "为了规范管理，制定本条例。"
        );
    }

    #[test]
    fn items_directly_under_chapters() {
        let s = tree("一、任务\n\n（1）甲\n\n（2）乙\n\n二、保障\n\n（3）丙");
        assert_eq!(
            shape(&s.sections),
            ["1:任务", "1.1:甲", "1.2:乙", "2:保障", "2.3:丙"]
        );
    }
}
