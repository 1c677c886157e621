//! The paragraph-sized piece of kept text the stages after joining work on
//! (dedup, damage, structure), and the punctuation tests they share.

use std::borrow::Cow;

use crate::markers::Marker;
use crate::model::{Flag, LineSpan};

/// A paragraph-sized piece of kept text, with the source lines it came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block<'s> {
    /// The paragraph text, broken lines joined: borrowed from its one line
    /// when that line's text was (most paragraphs of a document), so the
    /// text is not held twice until the structure takes it.
    pub text: Cow<'s, str>,
    /// First and last source line.
    pub lines: LineSpan,
    /// Indices of the units it was built from.
    pub units: Vec<usize>,
    /// Markdown heading level of its first line, a hint.
    pub heading: Option<u8>,
    /// The numbering marker it opens with.
    pub marker: Option<Marker>,
    /// `joined`, `truncated_start`, `truncated_end`.
    pub flags: Vec<Flag>,
    /// Removed text (noise) or the document start comes right before it:
    /// where a scan loses text.
    pub after_gap: bool,
}

/// Punctuation that closes a paragraph.
pub fn ends_closed(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '’', '"', '\'', '」', '』', ' ']);
    // English list items close with `; and` / `; or`.
    if t.ends_with("; and") || t.ends_with("; or") {
        return true;
    }
    t.ends_with([
        '。', '！', '？', '；', '：', '.', '!', '?', ';', ':', '…', '）', ')', '】',
    ])
}
