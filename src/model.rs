//! The JSON wire format (`docsift/1`), documented next to the types.
//!
//! Every type here serialises exactly as `CONTRACT.md` fixes it. Fields may be
//! added; none may be renamed, removed or change meaning without bumping
//! [`SCHEMA`]. Programs that consume the JSON can rely on:
//!
//! * `lines` are 1-based, inclusive line numbers of the *original* input,
//!   whatever normalisation the text went through;
//! * every source line that holds text is accounted for exactly once: in
//!   [`Metadata`], a [`Node`] title, a [`Paragraph`], or a [`Removed`] entry;
//! * arrays are in source order and output is byte-for-byte deterministic.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema tag written in every document; bumped only on a breaking change.
pub const SCHEMA: &str = "docsift/1";

/// An inclusive, 1-based range of source lines: `[first, last]`.
pub type LineSpan = [usize; 2];

/// The whole cleaned document, as `docsift clean` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// What was read.
    pub source: Source,
    /// Title, issuers, document number, date and recipients.
    pub metadata: Metadata,
    /// Body text before the first numbered heading.
    pub preamble: Vec<Paragraph>,
    /// The numbered hierarchy, top level first.
    pub sections: Vec<Node>,
    /// Every target of the document in source order, the preamble's included.
    pub targets: Vec<Target>,
    /// Every fragment left out of `preamble`/`sections`, in source order.
    pub removed: Vec<Removed>,
    /// Everything an archivist should check: numbering gaps, damage, suspect terms.
    pub warnings: Vec<Warning>,
    /// The decisions applied (extension; `docsift clean --decisions`,
    /// `--flag-only`). Absent when none were, so plain outputs are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<Overrides>,
}

/// The decisions an archivist applied to a document, recorded in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Overrides {
    /// The decisions file as given on the command line; `null` for
    /// `--flag-only` without one.
    pub file: Option<String>,
    /// Removed fragments put back, as they were in the run without decisions.
    pub kept: Vec<KeptFragment>,
    /// Line spans removed by decision (each also in `removed`, with a
    /// `detail` naming the decisions file).
    pub removed: Vec<RemoveDecision>,
    /// True with `--flag-only`: nothing was removed, every would-be removal is
    /// a `would_remove` warning.
    pub flag_only: bool,
}

/// A removed fragment a decision put back into the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KeptFragment {
    /// Its [`Removed::id`] in the run without decisions.
    pub id: String,
    /// The reason it had been removed for.
    pub reason: Reason,
    /// Its source lines, now in a paragraph, a node or the metadata.
    pub lines: LineSpan,
}

/// A removal by decision: these source lines go, for this reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemoveDecision {
    /// First and last source line (1-based, inclusive).
    pub lines: LineSpan,
    /// The reason recorded in `removed`.
    pub reason: Reason,
}

/// Facts about the input file, so a result can be traced to the exact bytes read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// File name as given on the command line (`-` for standard input).
    pub name: String,
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Lower-case hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    pub encoding: String,
    /// Number of lines in the decoded text.
    pub lines: usize,
}

/// Document-level facts found in the head and foot of the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// The document's title, lines broken by the scanner joined.
    pub title: Option<String>,
    /// Issuing bodies, in source order.
    pub issuers: Vec<String>,
    /// Document number such as `湘教发〔2022〕12号`; an order's name and
    /// number (`中华人民共和国国务院令第707号`) for an order.
    pub doc_number: Option<String>,
    /// Issue date as written (e.g. `2022年3月1日`).
    pub date: Option<String>,
    /// Addressees (`各市州教育局`, …).
    pub recipients: Vec<String>,
    /// The titles of the documents a notice issues, in order (extension;
    /// absent when it issues none): `个人所得税专项附加扣除暂行办法` under
    /// `国务院关于印发个人所得税专项附加扣除暂行办法的通知`. The numbered
    /// hierarchy after each title is that document's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issued_titles: Vec<String>,
    /// Where each issued document's title stands (not in the JSON): the
    /// Markdown output puts them back there.
    #[serde(skip)]
    #[schemars(skip)]
    pub issued_at: Vec<LineSpan>,
    /// Source lines that were consumed as metadata (extension: lets the audit
    /// trail account for every line).
    #[serde(default)]
    pub lines: Vec<LineSpan>,
}

/// A decision or damage marked on a paragraph or heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Lines broken by the scanner or page width were joined into it.
    Joined,
    /// It starts mid-sentence: text before it was lost.
    TruncatedStart,
    /// It stops mid-sentence: text after it was lost.
    TruncatedEnd,
    /// The heading is missing from the source and was inferred.
    Inferred,
    /// The heading starts inside its parent's heading line (stacked markers:
    /// `第三节（十六）…`, `Sec. 3. Title. (a) Within…`); that line is held
    /// once, by the outermost heading on it.
    InlineHeading,
    /// The heading's number was lost with its mark (`� 推动…`, a PDF font
    /// the extractor could not map) and is inferred from the items around it.
    InferredNumber,
}

/// A paragraph of body text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Paragraph {
    /// Cleaned text, scanner line breaks joined back together.
    pub text: String,
    /// Source lines the paragraph was read from.
    pub lines: LineSpan,
    /// `truncated_start`, `truncated_end`, `joined`.
    pub flags: Vec<Flag>,
}

/// One numbered unit: chapter, section, task, sub-item, article …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Node {
    /// Dot path of ordinals from the top, e.g. `2.4.3`; unique in the document.
    pub id: String,
    /// 1 for top-level nodes, +1 per level.
    pub depth: usize,
    /// Numbering style (`cn_dun`, `cn_paren`, `arabic_dot`, …).
    pub style: crate::markers::Style,
    /// The marker as written in the source; `null` for an inferred node.
    pub marker: Option<String>,
    /// The marker's number (`一` → 1, `（四）` → 4, `12.` → 12; an inserted
    /// article `第一百二十条之一` → 120, its marker holding the `之一`).
    pub ordinal: u32,
    /// Heading text without marker and closing `。`.
    pub title: Option<String>,
    /// Body paragraphs of this node (not of its children).
    pub paragraphs: Vec<Paragraph>,
    /// Targets stated in this node's own title and paragraphs.
    pub targets: Vec<Target>,
    /// Units named in brackets as carrying the task out (extension; left out
    /// when none): `（牵头单位：省财政厅；配合单位：…）`. The text stays in
    /// the paragraph too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<Responsible>,
    /// True when the heading is missing from the source and was inferred.
    pub inferred: bool,
    /// Damage or decisions concerning the heading itself.
    pub flags: Vec<Flag>,
    /// Source lines of the heading (for inferred nodes: of its first child);
    /// those of its whole block when the heading shares its lines with its
    /// first paragraph (see "Where a line is held" in `CONTRACT.md`).
    pub lines: LineSpan,
    /// Nested nodes.
    pub children: Vec<Node>,
}

/// One role a task names and the units in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Responsible {
    /// The role as written: `牵头单位`, `负责部门`, or `负责` for
    /// `（…等有关部门负责）`.
    pub role: String,
    /// The units, in the order written (`省工业和信息化厅`, `省财政厅`).
    pub units: Vec<String>,
    /// Source lines of the paragraph (or heading) naming them.
    pub lines: LineSpan,
}

/// How a target's number bounds the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: `建设 20 个`.
    Exact,
    /// `以上`, `不少于`, `不低于`, `至少`.
    AtLeast,
    /// `以下`, `不超过`, `不高于`, `以内`.
    AtMost,
    /// `左右`, `约`, `近`, `多`.
    About,
    /// `超过`, `多于`, `高于`.
    MoreThan,
    /// `低于`, `不到`, `少于`.
    LessThan,
}

/// Per-unit scope of a target: `14 个市州各 1 所` → count 14, unit `个`, scope `市州`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Each {
    /// How many units, when stated.
    pub count: Option<f64>,
    /// Measure word of the count.
    pub unit: Option<String>,
    /// What each unit is (`市州`, `县市区`).
    pub scope: String,
}

/// A numeric goal stated in a node's title or paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// The number (`20` for `建设 20 个`; `90` with unit `%` for `90%`).
    pub value: f64,
    /// Measure word or unit as written: `个`, `所`, `%`, `亿元` …
    pub unit: Option<String>,
    /// How the number bounds the goal.
    pub qualifier: Qualifier,
    /// What is counted, cut at the clause boundary.
    pub object: Option<String>,
    /// Per-unit scope, for `各` clauses.
    pub each: Option<Each>,
    /// Year of the governing deadline (`到2025年` → `"2025"`), from the clause,
    /// its node or an ancestor.
    pub deadline: Option<String>,
    /// The verb that governs the number (`建设`, `遴选建设`, `达到`) (extension).
    #[serde(default)]
    pub verb: Option<String>,
    /// The clause the target was read from.
    pub text: String,
    /// Source lines of the paragraph or heading holding the clause.
    pub lines: LineSpan,
    /// Byte offsets of the clause in the decoded source text (start
    /// inclusive, end exclusive; UTF-8, newlines as `\n`, no BOM), noise
    /// removed from inside it included; `null` when the clause cannot be
    /// found back (text repaired in place) (extension).
    #[serde(default)]
    pub offsets: Option<[usize; 2]>,
    /// Id of the node the target belongs to; `null` for the preamble.
    pub node: Option<String>,
}

/// Why a fragment was removed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A figure caption (`Figure 10: …`, `图 3 …`).
    FigureCaption,
    /// A table caption (`Table 2: …`, `表 1 …`).
    TableCaption,
    /// A bare URL, DOI or journal address.
    Url,
    /// A page number or page marker (`- 3 -`, `第 2 页`).
    PageNumber,
    /// A running header or footer repeated across pages.
    RunningHeader,
    /// A heading that heads nothing and breaks the numbering.
    OrphanHeading,
    /// Text of another kind of document (company report, weather, medicine).
    OffTopic,
    /// A passage in another language than the document's.
    ForeignLanguage,
    /// Web-page or other-document boilerplate (print/close buttons, editor lines).
    Boilerplate,
    /// Repeats a paragraph or clause kept elsewhere.
    Duplicate,
    /// OCR or encoding debris.
    Garbage,
    /// A table of contents (dot leaders, page references).
    Toc,
}

impl Reason {
    /// Every removal reason, in declaration order (the schema's).
    pub const ALL: [Reason; 12] = [
        Reason::FigureCaption,
        Reason::TableCaption,
        Reason::Url,
        Reason::PageNumber,
        Reason::RunningHeader,
        Reason::OrphanHeading,
        Reason::OffTopic,
        Reason::ForeignLanguage,
        Reason::Boilerplate,
        Reason::Duplicate,
        Reason::Garbage,
        Reason::Toc,
    ];
}

/// A fragment left out of the cleaned document, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Removed {
    /// Stable id (extension): the first 12 hex digits of the SHA-256 of
    /// `removed`, the reason, the first and last line and the text, joined by
    /// U+001F (see [`stable_id`]). The same fragment removed for the same
    /// reason at the same lines has the same id in every run, whatever else the
    /// document says; `docsift clean --decisions` refers to fragments by it.
    #[serde(default)]
    pub id: String,
    /// Why it was removed.
    pub reason: Reason,
    /// The fragment's text as read.
    pub text: String,
    /// Its source lines.
    pub lines: LineSpan,
    /// For `duplicate`: id of the node kept, or `"preamble"`, or `"metadata"`
    /// (a copy of the document's title, which the metadata holds).
    pub duplicate_of: Option<String>,
    /// Human-readable evidence for the decision.
    pub detail: Option<String>,
}

/// What a warning is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A number is missing in a sequence (`二、` first, `3.` after `1.`).
    NumberingGap,
    /// A numbering style appears where the document's hierarchy does not expect it.
    NumberingJump,
    /// A sequence starts again from 1 where it should have continued.
    NumberingRestart,
    /// A paragraph starts or ends mid-sentence.
    Truncated,
    /// A key term differs from the one the document uses everywhere else.
    SuspectTerm,
    /// A heading was missing and has been inferred.
    InferredHeading,
    /// Two clauses differ only in their numbers; both kept.
    ConflictingVariant,
    /// A line's text was repaired in place: characters doubled by bold PDF
    /// text, or a page number glued to its start (`-4-（五）…`) taken off.
    RepairedText,
    /// Undecodable bytes were replaced by U+FFFD (`--lossy`).
    DecodeError,
    /// A fragment the cleaner would have removed, kept because of
    /// `--flag-only`; the message names the reason, the evidence and the
    /// fragment's id in a plain run.
    WouldRemove,
    /// A heading listed in a contents page (removed as `toc`) that no heading
    /// of the body reads: a part the scan or the converter lost, or a
    /// heading it mangled.
    TocEntryMissing,
    /// A line a rule judged noise and a stronger reading kept (extension): it
    /// opens with a numbering marker, it captions the document's own figure
    /// series, it is the document's metadata, or it repeats a paragraph
    /// under another heading (the document's own wording twice). The message
    /// names the verdict, its evidence and why the line stays.
    Overruled,
}

/// Something an archivist should check; nothing is changed because of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable id (extension): the first 12 hex digits of the SHA-256 of
    /// `warning`, the kind, the first and last line (or nothing) and the
    /// message, joined by U+001F (see [`stable_id`]); a repeat of the same
    /// warning gets `~2`, `~3`, … appended.
    #[serde(default)]
    pub id: String,
    /// What kind of problem.
    pub kind: WarningKind,
    /// One sentence saying what was seen.
    pub message: String,
    /// Source lines concerned.
    pub lines: Option<LineSpan>,
    /// Id of the node concerned.
    pub node: Option<String>,
}

/// The stable id of a removed fragment or warning: the first 12 lower-case hex
/// digits of the SHA-256 of `parts` joined by U+001F (unit separator).
///
/// For a [`Removed`] the parts are `removed`, the reason as written in the
/// JSON, the first line, the last line, the text; for a [`Warning`] they are
/// `warning`, the kind, the first line, the last line (both empty when the
/// warning has no lines), the message.
pub fn stable_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(parts.join("\u{1f}").as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The name of a unit enum value as written in the JSON (`page_number`).
fn wire_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Reason {
    /// The reason as written in the JSON (`running_header`).
    pub fn name(self) -> String {
        wire_name(&self)
    }
}

impl WarningKind {
    /// The kind as written in the JSON (`numbering_gap`).
    pub fn name(self) -> String {
        wire_name(&self)
    }
}

impl Removed {
    /// This fragment's [`stable_id`].
    pub fn stable_id(&self) -> String {
        let [a, b] = self.lines.map(|l| l.to_string());
        stable_id(&["removed", &self.reason.name(), &a, &b, &self.text])
    }
}

impl Warning {
    /// This warning's [`stable_id`], before any `~n` suffix.
    pub fn stable_id(&self) -> String {
        let [a, b] = self
            .lines
            .map_or([String::new(), String::new()], |l| l.map(|x| x.to_string()));
        stable_id(&["warning", &self.kind.name(), &a, &b, &self.message])
    }
}

/// Writes the [`stable_id`] of every removed fragment and warning of `doc`;
/// a repeated id gets `~2`, `~3`, … in order, so ids are unique.
///
/// Repeats are found by sorting indices (a stable sort keeps equal ids in
/// document order), not in a map holding a copy of every id: on a large
/// document such a map was a tenth of the peak of memory.
pub fn assign_ids(doc: &mut Document) {
    let mut ids: Vec<String> = doc
        .removed
        .iter()
        .map(Removed::stable_id)
        .chain(doc.warnings.iter().map(Warning::stable_id))
        .collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let mut repeats = Vec::new();
    for same in order.chunk_by(|&a, &b| ids[a] == ids[b]) {
        repeats.extend(same.iter().enumerate().skip(1).map(|(n, &k)| (k, n + 1)));
    }
    for (k, n) in repeats {
        ids[k] = format!("{}~{n}", ids[k]);
    }
    let mut ids = ids.into_iter();
    for (r, id) in doc.removed.iter_mut().zip(&mut ids) {
        r.id = id;
    }
    for (w, id) in doc.warnings.iter_mut().zip(ids) {
        w.id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::Reason;

    /// A fragment removed twice at the same lines with the same text (and
    /// a warning said twice) gets `~2`, `~3` in document order; every other
    /// id stays its stable id.
    #[test]
    fn repeated_ids_get_suffixes_in_document_order() {
        let seed = include_str!("../fixtures/seed/000_96aa845614dbe1bb.txt");
        let mut doc = crate::pipeline::run("seed", seed.as_bytes()).unwrap();
        let (r, w) = (doc.removed[0].clone(), doc.warnings[0].clone());
        doc.removed.insert(2, r.clone());
        doc.removed.push(r.clone());
        doc.warnings.push(w.clone());
        super::assign_ids(&mut doc);
        let base = r.stable_id();
        assert_eq!(doc.removed[0].id, base);
        assert_eq!(doc.removed[2].id, format!("{base}~2"));
        assert_eq!(doc.removed.last().unwrap().id, format!("{base}~3"));
        assert_eq!(doc.warnings[0].id, w.stable_id());
        assert_eq!(
            doc.warnings.last().unwrap().id,
            format!("{}~2", w.stable_id())
        );
        let plain = doc.removed.iter().filter(|r| !r.id.contains('~')).count()
            + doc.warnings.iter().filter(|w| !w.id.contains('~')).count();
        assert_eq!(plain, doc.removed.len() + doc.warnings.len() - 3);
    }

    /// `Reason::ALL` lists every reason once, in declaration order: the match
    /// below stops compiling when a reason is added and not listed.
    #[test]
    fn all_reasons_are_listed_in_order() {
        for (i, r) in Reason::ALL.iter().enumerate() {
            let at = match r {
                Reason::FigureCaption => 0,
                Reason::TableCaption => 1,
                Reason::Url => 2,
                Reason::PageNumber => 3,
                Reason::RunningHeader => 4,
                Reason::OrphanHeading => 5,
                Reason::OffTopic => 6,
                Reason::ForeignLanguage => 7,
                Reason::Boilerplate => 8,
                Reason::Duplicate => 9,
                Reason::Garbage => 10,
                Reason::Toc => 11,
            };
            assert_eq!(i, at, "{r:?}");
        }
    }
}
