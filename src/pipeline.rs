//! The pipeline: read → segment → clean → metadata → join → dedup → damage →
//! structure → targets, wired into one [`Document`].

use std::borrow::Cow;

use crate::block::Block;
use crate::clean::{self, Verdict};
use crate::damage::{flag_truncation, suspect_terms};
use crate::dedup::{dedup_with, Dedup};
use crate::error::Result;
use crate::join::join;
use crate::metadata;
use crate::model::{
    Document, LineSpan, Metadata, Node, Paragraph, Reason, Removed, Source, Target, Warning,
    WarningKind, SCHEMA,
};
use crate::read::{decode, SourceText};
use crate::segment::{segment, Unit};
use crate::structure;
use crate::targets::{deadline_of, extract_targets_with, is_review_heading, Context};
use std::collections::BTreeSet;

/// Runs the whole pipeline on raw input bytes named `name`.
pub fn run(name: &str, bytes: &[u8]) -> Result<Document> {
    Ok(process(&decode(name, bytes)?))
}

/// A cleaned document together with the decoded text its line spans point
/// into (what the review page shows beside the structure).
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The input as read and decoded.
    pub source: SourceText,
    /// The cleaned document.
    pub document: Document,
}

/// Reads a stream (see [`crate::read::read`]) and cleans it, keeping the
/// decoded text: one read, one pipeline run.
pub fn read_and_clean(
    name: &str,
    reader: impl std::io::Read,
    size_hint: Option<u64>,
    opts: &crate::read::Options,
) -> Result<Cleaned> {
    let source = crate::read::read(name, reader, size_hint, opts)?;
    Ok(clean_source(source))
}

/// Cleans decoded text, keeping it beside the document.
pub fn clean_source(source: SourceText) -> Cleaned {
    let document = process(&source);
    Cleaned { source, document }
}

/// Lines pinned by a decision (`docsift clean --decisions`, `--flag-only`):
/// kept whatever the cleaner, deduplication or structure say, or removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pins {
    /// Source lines kept: a kept line ends up in a paragraph, a node or the
    /// metadata, never in `removed`.
    pub keep: BTreeSet<usize>,
    /// Source line spans removed, each with its reason and the `detail` to
    /// write; one `removed` entry per span.
    pub remove: Vec<(LineSpan, Reason, String)>,
}

/// Runs the pipeline on decoded text.
pub fn process(src: &SourceText) -> Document {
    process_with(src, &Pins::default())
}

/// Runs the pipeline on decoded text with some lines pinned as kept or removed.
pub fn process_with(src: &SourceText, pins: &Pins) -> Document {
    let lines = line_stage(src, pins);
    let parallel = lines.units.len() >= clean::PARALLEL_MIN_LINES;
    let title = lines.metadata.title.as_deref();
    let states = lines.states;
    let (mut paras, mut removed) =
        paragraph_stage(lines.units, &src.text, &states, pins, title, parallel);
    // Read by the paragraph stage alone: freed before the structure's peak.
    drop(states);
    let parts = crate::parts::find(&paras.kept, lines.metadata.title.as_deref());
    let titles: Vec<usize> = parts
        .iter()
        .flat_map(|p| p.block..p.block + p.consumed)
        .collect();
    let mut damage = flag_truncation(&mut paras.kept, &titles);
    damage.extend(suspect_terms(&paras.kept));
    let kept_lines: Vec<LineSpan> = paras.kept.iter().map(|b| b.lines).collect();
    // The blocks' text moves into the structure.
    let mut st = structure::build_pinned(std::mem::take(&mut paras.kept), &paras.pinned, &parts);
    // Where a block joined went (none: removed), read off the kept blocks'
    // owners rather than a map of every block.
    let owners = &st.owner;
    let owner = |j: usize| owner_of(&paras.kept_index, owners, j);
    // Held to the end: grown once, to the exact length.
    removed.reserve_exact(paras.duplicates.len() + st.removed.len());
    for (mut r, j) in std::mem::take(&mut paras.duplicates) {
        if r.duplicate_of.is_none() {
            let kept = owner(j).unwrap_or(&structure::Owner::Preamble);
            r.duplicate_of = Some(kept.wire());
        }
        removed.push(r);
    }
    removed.append(&mut st.removed);
    removed.sort_by_key(|r| (r.lines, r.reason));

    let mut warnings = std::mem::take(&mut st.warnings);
    warnings.extend(with_nodes(lines.repairs, &kept_lines, &st.owner));
    warnings.extend(damage.into_iter().map(|w| {
        warning(
            w.kind,
            w.message,
            kept_lines[w.block],
            st.owner[w.block].as_ref(),
        )
    }));
    warnings.extend(variant_warnings(&paras, &owner));
    warnings.extend(kept_repeat_warnings(&paras, &owner));
    // `--lossy` replacements (none otherwise), then the order: by lines, then kind.
    warnings.extend(crate::read::replacement_warnings(src));
    // What says where each block went is spent: freed before the contents
    // check and the targets, which with the document are the peak of memory.
    drop((kept_lines, paras, std::mem::take(&mut st.owner)));
    warnings.extend(structure::contents_missing(&removed, &st.sections));
    warnings.sort_by(|a, b| a.lines.cmp(&b.lines).then(a.kind.cmp(&b.kind)));

    let mut metadata = lines.metadata;
    add_issued_titles(&mut metadata, &st.issued, &removed);
    let preamble = st.preamble;
    let mut sections = st.sections;
    let lines = crate::offsets::SourceLines::new(&src.text);
    let locate = |ts: &mut [Target]| locate_targets(ts, &lines, &removed);
    let targets = target_stage(&preamble, &mut sections, &locate, parallel);
    drop(lines);
    crate::responsible::attach(&mut sections);
    let mut doc = Document {
        schema: SCHEMA.into(),
        source: Source {
            name: src.name.clone(),
            bytes: src.bytes,
            sha256: src.sha256.clone(),
            encoding: src.encoding.clone(),
            lines: src.text.lines().count(),
        },
        metadata,
        preamble,
        sections,
        targets,
        removed,
        warnings,
        overrides: None,
    };
    crate::model::assign_ids(&mut doc);
    doc
}

/// Line warnings (text repaired, verdicts overruled) name the node their
/// line went to: the kept block whose span holds it (blocks are in line
/// order), found by binary search.
fn with_nodes(
    mut ws: Vec<Warning>,
    spans: &[LineSpan],
    owner: &[Option<structure::Owner>],
) -> Vec<Warning> {
    for w in &mut ws {
        let Some([line, _]) = w.lines else { continue };
        let k = spans.partition_point(|s| s[1] < line);
        if spans.get(k).is_some_and(|s| s[0] <= line) {
            w.node = owner[k]
                .as_ref()
                .and_then(structure::Owner::node)
                .map(str::to_string);
        }
    }
    ws
}

/// The owner of block `j`: that of its place among the kept blocks (their
/// indices ascend), none when it was removed.
fn owner_of<'a>(
    kept_index: &[usize],
    owners: &'a [Option<structure::Owner>],
    j: usize,
) -> Option<&'a structure::Owner> {
    let k = kept_index.binary_search(&j).ok()?;
    owners[k].as_ref()
}

/// Warnings for the paragraphs that repeat an earlier one with other numbers.
fn variant_warnings<'a>(
    paras: &'a ParagraphStage,
    owner: &'a impl Fn(usize) -> Option<&'a structure::Owner>,
) -> impl Iterator<Item = Warning> + 'a {
    paras.variants.iter().map(move |&(later, earlier)| {
        let (l, e) = (paras.spans[later], paras.spans[earlier]);
        let message = format!(
            "lines {}–{} repeat lines {}–{} with other numbers; both kept",
            l[0], l[1], e[0], e[1]
        );
        let kind = WarningKind::ConflictingVariant;
        warning(kind, message, l, owner(later))
    })
}

/// A paragraph dedup judged a copy, kept as the document's own wording (it
/// sits under another heading than the text it repeats, or is an item under
/// its own number).
fn kept_repeat_warnings<'a>(
    paras: &'a ParagraphStage,
    owner: &'a impl Fn(usize) -> Option<&'a structure::Owner>,
) -> impl Iterator<Item = Warning> + 'a {
    paras
        .kept_repeats
        .iter()
        .map(move |(later, earlier, why, kept)| {
            let (l, e) = (paras.spans[*later], paras.spans[*earlier]);
            let message = format!(
                "judged duplicate of lines {}–{} ({why}), kept: {kept}",
                e[0], e[1]
            );
            warning(WarningKind::Overruled, message, l, owner(*later))
        })
}

/// The titles of the documents a notice issues go to its metadata, their
/// lines with them; lines removed inside a title joined across a page break
/// stay with their removal.
fn add_issued_titles(
    metadata: &mut Metadata,
    issued: &[(String, Vec<LineSpan>)],
    removed: &[Removed],
) {
    let taken = |l: usize| removed.iter().any(|r| r.lines[0] <= l && l <= r.lines[1]);
    for (title, spans) in issued {
        metadata.issued_titles.push(title.clone());
        metadata.issued_at.extend(spans.first());
        for &[a, b] in spans {
            let mut start = None;
            for l in a..=b + 1 {
                match (start, l <= b && !taken(l)) {
                    (None, true) => start = Some(l),
                    (Some(s), false) => {
                        metadata.lines.push([s, l - 1]);
                        start = None;
                    }
                    _ => {}
                }
            }
        }
    }
    metadata.lines.sort();
}

/// A warning on `lines` of the node `owner` (none for the preamble).
fn warning(
    kind: WarningKind,
    message: String,
    lines: LineSpan,
    owner: Option<&structure::Owner>,
) -> Warning {
    Warning {
        id: String::new(),
        kind,
        message,
        lines: Some(lines),
        node: owner.and_then(structure::Owner::node).map(str::to_string),
    }
}

/// What the line stages decided for one unit: where it goes next.
#[derive(Debug, Clone, PartialEq)]
enum LineState {
    /// Text for the paragraphs.
    Keep,
    /// Removed by the cleaner, with its evidence.
    Noise(Verdict),
    /// Removed by the decision at this index of `Pins::remove`.
    Decided(usize),
    /// Consumed as metadata: held by `metadata.lines`; no paragraph spans it.
    Metadata,
}

impl LineState {
    /// Removed, and not a verdict metadata may overrule (a title repeated as
    /// a running header, an addressee line with little topic vocabulary).
    fn firm_noise(&self) -> bool {
        match self {
            LineState::Noise(v) => !matches!(v.reason, Reason::RunningHeader | Reason::OffTopic),
            LineState::Decided(_) => true,
            LineState::Keep | LineState::Metadata => false,
        }
    }
}

/// What the line stages (segment → clean → metadata) hand on.
struct LineStage<'s> {
    units: Vec<Unit<'s>>,
    /// Per unit, what the line stages decided.
    states: Vec<LineState>,
    /// Warnings on single lines: text repaired in place, verdicts overruled.
    repairs: Vec<Warning>,
    metadata: crate::model::Metadata,
}

/// Takes the page markers a PDF text layer glued to line starts (`-4-（五）…`)
/// off the text, each with a `repaired_text` warning: the line is kept, the
/// marker is not, and the audit trail says so.
fn unglue_page_numbers(units: &mut [Unit], repairs: &mut Vec<Warning>) {
    let texts: Vec<&str> = units.iter().map(|u| &*u.text).collect();
    let cuts = clean::glued_page_numbers(&texts);
    for (u, cut) in units.iter_mut().zip(cuts).filter(|(_, c)| *c > 0) {
        let marker = u.text[..cut].trim().to_string();
        repairs.push(warning(
            WarningKind::RepairedText,
            format!("page number “{marker}” glued to the start of the line taken off"),
            [u.line, u.line],
            None,
        ));
        u.text = match std::mem::take(&mut u.text) {
            Cow::Borrowed(t) => Cow::Borrowed(&t[cut..]),
            Cow::Owned(t) => Cow::Owned(t[cut..].to_string()),
        };
    }
}

/// The warning for a removal verdict overruled on unit `u`.
fn overruled(u: &Unit, v: &Verdict, why: &str) -> Warning {
    let message = format!("judged {} ({}), kept: {why}", v.reason.name(), v.detail);
    warning(WarningKind::Overruled, message, [u.line, u.line], None)
}

/// Segments, cleans and normalises the lines and reads the metadata.
fn line_stage<'s>(src: &'s SourceText, pins: &Pins) -> LineStage<'s> {
    let mut units = segment(&src.text);
    let mut repairs = Vec::new();
    unglue_page_numbers(&mut units, &mut repairs);
    // Noise is judged on the text as read (spacing is evidence: `附表 专项…`),
    // everything after on the normalised text.
    let classified = clean::classify_audited(&units);
    for o in &classified.overruled {
        repairs.push(overruled(&units[o.unit], &o.verdict, o.why));
    }
    let mut states = apply_pins(&units, pins, classified.verdicts);
    for u in &mut units {
        // Replaced only when changed: no new copy of every line.
        if let Cow::Owned(text) = clean::normalize(&u.text) {
            u.text = Cow::Owned(text);
        }
        if let Some(fixed) = clean::repair_doubled(&u.text) {
            let message = format!(
                "characters doubled by bold PDF text repaired: “{}” read as “{fixed}”",
                u.text
            );
            repairs.push(warning(
                WarningKind::RepairedText,
                message,
                [u.line, u.line],
                None,
            ));
            u.text = Cow::Owned(fixed);
        }
    }
    // Metadata outranks the softer noise verdicts.
    let noise: Vec<bool> = states.iter().map(LineState::firm_noise).collect();
    let flagged: Vec<bool> = states.iter().map(|s| *s != LineState::Keep).collect();
    let found = metadata::extract(&units, &src.text, &noise, &flagged);
    for &i in &found.units {
        let was = std::mem::replace(&mut states[i], LineState::Metadata);
        if let LineState::Noise(v) = was {
            let why = "the document's metadata (its title, issuer, number, date or addressees)";
            repairs.push(overruled(&units[i], &v, why));
        }
    }
    LineStage {
        units,
        states,
        repairs,
        metadata: found.metadata,
    }
}

/// What join and dedup hand on to the structure stage.
struct ParagraphStage<'s> {
    /// The blocks that are not duplicates, in order.
    kept: Vec<Block<'s>>,
    /// Index (among all blocks) of each kept block.
    kept_index: Vec<usize>,
    /// Whether each kept block holds a line pinned as kept.
    pinned: Vec<bool>,
    /// Lines of every block.
    spans: Vec<LineSpan>,
    /// Duplicate removals with the block each repeats.
    duplicates: Vec<(Removed, usize)>,
    /// `(later, earlier)` blocks that differ only in their numbers.
    variants: Vec<(usize, usize)>,
    /// `(later, earlier, evidence)`: repeats kept under another heading.
    kept_repeats: Vec<(usize, usize, String, &'static str)>,
}

/// Joins the kept units into blocks and deduplicates them. The removals are
/// read off the units here, and the units (a copy of the text) are
/// freed before the structure is built: each stage's data lives only as
/// long as a later stage needs it. With `parallel`, dedup prepares blocks on
/// the pool's threads.
fn paragraph_stage<'s>(
    mut units: Vec<Unit<'s>>,
    source: &str,
    states: &[LineState],
    pins: &Pins,
    title: Option<&str>,
    parallel: bool,
) -> (ParagraphStage<'s>, Vec<Removed>) {
    let keep: Vec<bool> = states.iter().map(|s| *s == LineState::Keep).collect();
    let hard: Vec<bool> = states.iter().map(|s| *s == LineState::Metadata).collect();
    let blocks = join(&units, &keep, &hard);
    // The blocks hold the normalised text now; the removals below read the
    // lines as written. Freed before dedup, the stage's peak of memory.
    for u in &mut units {
        u.text = Cow::Borrowed("");
    }
    let is_pinned = |b: &Block| b.units.iter().any(|&u| pins.keep.contains(&units[u].line));
    let mut dd = dedup_with(&blocks, parallel);
    let block_pinned: Vec<bool> = blocks.iter().map(is_pinned).collect();
    for (i, &p) in block_pinned.iter().enumerate() {
        if p {
            dd.dup_of[i] = None;
        }
    }
    for &i in &title_copies(&blocks, &units, source, title, &block_pinned) {
        dd.dup_of[i] = Some(i);
    }
    let mut removed = unit_removals(&units, source, states);
    removed.extend(forced_removals(&units, source, states, pins));
    let mut duplicates = duplicate_removals(&blocks, &units, source, &dd);
    // Held to the end: no spare capacity from their growth.
    removed.shrink_to_fit();
    duplicates.shrink_to_fit();
    drop(units);
    let spans: Vec<LineSpan> = blocks.iter().map(|b| b.lines).collect();
    let kept_index: Vec<usize> = (0..blocks.len())
        .filter(|&i| dd.dup_of[i].is_none())
        .collect();
    let pinned: Vec<bool> = kept_index.iter().map(|&i| block_pinned[i]).collect();
    let mut kept: Vec<Block> = blocks
        .into_iter()
        .zip(&dd.dup_of)
        .filter(|(_, d)| d.is_none())
        .map(|(b, _)| b)
        .collect();
    kept.shrink_to_fit();
    let stage = ParagraphStage {
        kept,
        kept_index,
        pinned,
        spans,
        duplicates,
        variants: dd.variants,
        kept_repeats: dd.kept_repeats,
    };
    (stage, removed)
}

/// Fills each target's `offsets`: its clause found back in the source lines
/// of its paragraph, the lines removed from inside the paragraph left out.
/// Targets of one paragraph come in clause order, so each is searched from
/// where the one before it was found (two targets of one clause share it).
fn locate_targets(
    targets: &mut [Target],
    source: &crate::offsets::SourceLines,
    removed: &[Removed],
) {
    // `removed` is sorted by lines and its spans do not overlap.
    let is_removed = |line: usize| {
        let k = removed.partition_point(|r| r.lines[0] <= line);
        k > 0 && removed[k - 1].lines[1] >= line
    };
    for same in targets.chunk_by_mut(|a, b| a.lines == b.lines) {
        let mut view = source.view(same[0].lines, is_removed);
        let mut from = 0;
        for t in same {
            t.offsets = view.find(&t.text, from);
            if let Some([s, _]) = t.offsets {
                from = s;
            }
        }
    }
}

/// The targets of the preamble and of every node (filled into the nodes),
/// each inheriting the nearest governing deadline and located in the source
/// by `locate` (once: the list of all targets copies the located ones), in
/// source order.
///
/// The top-level sections are independent of one another (each inherits
/// only the preamble's deadline), so with `parallel` (a long document) they
/// are read on the threads of the pool the caller runs in (one with
/// `--jobs 1`), and their targets joined in section order: the same bytes
/// whatever the threads.
fn target_stage(
    preamble: &[Paragraph],
    sections: &mut [Node],
    locate: &Locate,
    parallel: bool,
) -> Vec<Target> {
    use rayon::prelude::*;
    let own: Vec<Option<String>> = preamble.iter().map(|p| deadline_of(&p.text)).collect();
    let root_deadline = own.iter().flatten().next().cloned();
    let root = root_deadline.as_deref();
    let mut targets = paragraph_targets(preamble, own, None, root, Context::default());
    locate(&mut targets);
    let read = |n: &mut Node| {
        let mut all = Vec::new();
        attach_targets(n, root, Context::default(), &mut all, locate, parallel);
        all
    };
    let per_section: Vec<Vec<Target>> = if parallel {
        sections.par_iter_mut().map(read).collect()
    } else {
        sections.iter_mut().map(read).collect()
    };
    targets.reserve_exact(per_section.iter().map(Vec::len).sum());
    targets.extend(per_section.into_iter().flatten());
    targets.sort_by_key(|t| t.lines[0]);
    targets
}

/// Finds targets' clauses back in the source (see [`locate_targets`]);
/// shared by the threads of the target stage.
type Locate<'a> = dyn Fn(&mut [Target]) + Sync + 'a;

/// The cleaner's verdicts with `pins` applied: a line pinned as kept is
/// kept (the decision is in `overrides`); a line a removal decision covers
/// is `Decided` by it (the later decision wins on overlap).
fn apply_pins(units: &[Unit], pins: &Pins, verdicts: Vec<Option<Verdict>>) -> Vec<LineState> {
    units
        .iter()
        .zip(verdicts)
        .map(|(u, v)| {
            let decided = pins
                .remove
                .iter()
                .rposition(|(span, _, _)| (span[0]..=span[1]).contains(&u.line));
            match (decided, v) {
                (Some(k), _) => LineState::Decided(k),
                _ if pins.keep.contains(&u.line) => LineState::Keep,
                (None, Some(v)) => LineState::Noise(v),
                (None, None) => LineState::Keep,
            }
        })
        .collect()
}

/// One `Removed` per removal decision, over the units it took.
fn forced_removals(
    units: &[Unit],
    source: &str,
    states: &[LineState],
    pins: &Pins,
) -> Vec<Removed> {
    let mut out = Vec::new();
    for (k, (_, reason, detail)) in pins.remove.iter().enumerate() {
        let mine: Vec<&Unit> = (0..units.len())
            .filter(|&i| states[i] == LineState::Decided(k))
            .map(|i| &units[i])
            .collect();
        let (Some(first), Some(last)) = (mine.first(), mine.last()) else {
            continue;
        };
        out.push(Removed {
            id: String::new(),
            reason: *reason,
            text: mine
                .iter()
                .map(|u| u.raw(source).trim())
                .collect::<Vec<_>>()
                .join("\n"),
            lines: [first.line, last.line],
            duplicate_of: None,
            detail: Some(detail.clone()),
        });
    }
    out
}

/// What `duplicate_of` names for a copy of the document's title: the
/// metadata, which holds the title.
pub const TITLE_OWNER: &str = "metadata";

/// Blocks of the document's head (before its first numbered block) that say
/// the metadata's title again, line for line as the lines right above them
/// print it: the same lines twice is a copy. A document that sets its title
/// twice in two layouts (a converter's heading over the title as printed,
/// or the title cut at another place) keeps both. Pinned blocks stay.
fn title_copies(
    blocks: &[Block],
    units: &[Unit],
    source: &str,
    title: Option<&str>,
    pinned: &[bool],
) -> Vec<usize> {
    let Some(title) = title else {
        return Vec::new();
    };
    let key = metadata::compact;
    let title = key(title);
    let raw = |u: usize| units[u].raw(source).trim();
    let repeats_above = |b: &Block| {
        let (first, k) = (b.units[0], b.units.len());
        first >= k && (0..k).all(|d| raw(first - k + d) == raw(b.units[d]))
    };
    blocks
        .iter()
        .take_while(|b| b.marker.is_none())
        .enumerate()
        .filter(|&(i, b)| !pinned[i] && key(&b.text) == title && repeats_above(b))
        .map(|(i, _)| i)
        .collect()
}

/// The removals of the blocks deduplication found, each with the index of
/// the block it repeats (whose owner fills `duplicate_of` once the structure
/// is built). A copy joined across page furniture is removed piece by piece,
/// so no line is removed twice (the furniture keeps its own reason).
fn duplicate_removals(
    blocks: &[Block],
    units: &[Unit],
    source: &str,
    dd: &Dedup,
) -> Vec<(Removed, usize)> {
    let mut out = Vec::new();
    for (i, dup) in dd.dup_of.iter().enumerate() {
        let Some(j) = *dup else { continue };
        // A block that repeats itself is a copy of the metadata's title.
        let (duplicate_of, detail) = if i == j {
            let why = "the document's title printed again under it";
            (Some(TITLE_OWNER.to_string()), Some(why.to_string()))
        } else {
            (None, dd.detail[i].clone())
        };
        for run in blocks[i].units.chunk_by(|a, b| *b == *a + 1) {
            let removed = Removed {
                id: String::new(),
                reason: Reason::Duplicate,
                text: run
                    .iter()
                    .map(|&u| units[u].raw(source).trim())
                    .collect::<Vec<_>>()
                    .join("\n"),
                lines: [units[run[0]].line, units[run[run.len() - 1]].line],
                duplicate_of: duplicate_of.clone(),
                detail: detail.clone(),
            };
            out.push((removed, j));
        }
    }
    out
}

/// One `Removed` per run of adjacent noise units with the same reason.
fn unit_removals(units: &[Unit], source: &str, states: &[LineState]) -> Vec<Removed> {
    let mut out: Vec<Removed> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, (u, s)) in units.iter().zip(states).enumerate() {
        let LineState::Noise(v) = s else { continue };
        let merge = last == Some(i.wrapping_sub(1))
            && out.last().is_some_and(|r| {
                r.reason == v.reason && r.detail.as_deref() == Some(v.detail.as_str())
            })
            && matches!(
                v.reason,
                Reason::OffTopic | Reason::ForeignLanguage | Reason::Toc | Reason::Garbage
            );
        if merge {
            let r = out.last_mut().unwrap();
            r.text.push('\n');
            r.text.push_str(u.raw(source).trim());
            r.lines[1] = u.line;
        } else {
            out.push(Removed {
                id: String::new(),
                reason: v.reason,
                text: u.raw(source).trim().to_string(),
                lines: [u.line, u.line],
                duplicate_of: None,
                detail: Some(v.detail.clone()),
            });
        }
        last = Some(i);
    }
    out
}

/// The targets of `paras`, whose own deadlines ([`deadline_of`]) are
/// `own` (read once, also for the governing deadline).
fn paragraph_targets(
    paras: &[Paragraph],
    own: Vec<Option<String>>,
    node: Option<&str>,
    deadline: Option<&str>,
    ctx: Context,
) -> Vec<Target> {
    paras
        .iter()
        .zip(own)
        .flat_map(|(p, d)| texts_targets(&p.text, d, p.lines, node, deadline, ctx))
        .collect()
}

fn texts_targets(
    text: &str,
    own: Option<String>,
    lines: LineSpan,
    node: Option<&str>,
    deadline: Option<&str>,
    ctx: Context,
) -> Vec<Target> {
    extract_targets_with(text, ctx, own)
        .into_iter()
        .map(|d| Target {
            value: d.value,
            unit: d.unit,
            qualifier: d.qualifier,
            object: d.object,
            each: d.each,
            deadline: d.deadline.or_else(|| deadline.map(str::to_string)),
            verb: d.verb,
            text: d.text,
            lines,
            offsets: None,
            node: node.map(str::to_string),
        })
        .collect()
}

/// Fills `node.targets` (and its descendants'), inheriting the nearest
/// governing deadline and whether a heading above reviews the past, and
/// appends every target to `all`, in document order. With `parallel`, the
/// children are read on the pool's threads (one top-level section may be
/// most of a long document) and their targets joined in order.
fn attach_targets(
    node: &mut Node,
    inherited: Option<&str>,
    ctx: Context,
    all: &mut Vec<Target>,
    locate: &Locate,
    parallel: bool,
) {
    let ctx = Context {
        review: ctx.review || node.title.as_deref().is_some_and(is_review_heading),
    };
    let title_own = node.title.as_deref().and_then(deadline_of);
    let para_own: Vec<Option<String>> = node
        .paragraphs
        .iter()
        .map(|p| deadline_of(&p.text))
        .collect();
    let own = title_own
        .clone()
        .or_else(|| para_own.iter().flatten().next().cloned());
    let deadline = own.as_deref().or(inherited);
    let mut ts = Vec::new();
    if let Some(t) = &node.title {
        ts.extend(texts_targets(
            t,
            title_own,
            node.lines,
            Some(&node.id),
            deadline,
            ctx,
        ));
    }
    ts.extend(paragraph_targets(
        &node.paragraphs,
        para_own,
        Some(&node.id),
        deadline,
        ctx,
    ));
    locate(&mut ts);
    all.extend(ts.iter().cloned());
    ts.shrink_to_fit();
    node.targets = ts;
    if parallel && node.children.len() > 1 {
        use rayon::prelude::*;
        let per_child: Vec<Vec<Target>> = node
            .children
            .par_iter_mut()
            .map(|c| {
                let mut own = Vec::new();
                attach_targets(c, deadline, ctx, &mut own, locate, parallel);
                own
            })
            .collect();
        all.extend(per_child.into_iter().flatten());
    } else {
        for c in &mut node.children {
            attach_targets(c, deadline, ctx, all, locate, parallel);
        }
    }
}
