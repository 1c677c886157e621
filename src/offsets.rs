//! Offsets into the source text for normalised text.
//!
//! The pipeline's texts are the source lines normalised: Markdown syntax and
//! the spaces between CJK characters removed, full-width forms folded, ASCII
//! punctuation in Chinese text widened, lines joined. Every one of these
//! steps deletes characters or maps one character to one, none inserts text
//! that was not in the source (a join adds at most whitespace). So a
//! normalised text is found back in the source by comparing both as
//! canonical characters ([`canonical`]: whitespace and Markdown syntax
//! ignored, full-width and half-width forms one character), and the offsets
//! of the source characters a match covers are the map back. The map is
//! computed when asked, from the source and a line span, rather than stored
//! per line: the text is held once.

use crate::model::LineSpan;

/// The character `c` compares as, or `None` when it is ignored: whitespace
/// and the Markdown syntax normalisation removes.
pub fn canonical(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '*' | '#' | '>' | '`' | '_' | '\\' => None,
        // Full-width ASCII forms (`，` `（` `１` `Ａ`) fold to ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '。' => Some('.'),
        '«' => Some('《'),
        '»' => Some('》'),
        c => Some(c),
    }
}

/// The canonical characters of some source lines, each with the byte range
/// of the source character it came from. Lines are read in as a search
/// needs them (a node title's clause is on its first line, however many
/// lines the node spans), in batches that double, so searching costs the
/// lines read, not the span.
pub struct SourceView<'a, F> {
    source: &'a SourceLines<'a>,
    /// The lines to read, and the next one not read yet.
    lines: LineSpan,
    next: usize,
    /// Lines left out (noise removed from inside a paragraph).
    skip: F,
    /// The canonical characters read, as a string to search in.
    canon: String,
    /// For each character of `canon`: its byte offset in `canon`, and the
    /// start and end byte of its source character.
    at: Vec<(usize, usize, usize)>,
}

/// A source text with the byte offset of each line's start, found once:
/// views of many paragraphs cost the length of their lines, not of the text
/// before them.
pub struct SourceLines<'a> {
    text: &'a str,
    /// Byte offset of the start of line `k + 1`.
    starts: Vec<usize>,
}

impl<'a> SourceLines<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceLines { text, starts }
    }

    /// Byte offset at which 1-based line `line` starts (the end of the text
    /// past its last line).
    fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The canonical view of lines `lines` (1-based, inclusive), without the
    /// lines `skip` says to leave out (noise removed from inside a paragraph).
    pub fn view<F: Fn(usize) -> bool>(&'a self, lines: LineSpan, skip: F) -> SourceView<'a, F> {
        SourceView {
            source: self,
            lines,
            next: lines[0],
            skip,
            canon: String::new(),
            at: Vec::new(),
        }
    }
}

/// Lines read into a view at first; each later batch doubles the lines read.
const FIRST_BATCH: usize = 8;

impl<F: Fn(usize) -> bool> SourceView<'_, F> {
    /// Reads the next batch of lines; false when every line is read.
    fn read_more(&mut self) -> bool {
        if self.next > self.lines[1] {
            return false;
        }
        let batch = (self.next - self.lines[0]).max(FIRST_BATCH);
        let last = self.lines[1].min(self.next + batch - 1);
        let text = self.source.text;
        for line in self.next..=last {
            let start = self.source.line_start(line);
            let rest = text.get(start..).unwrap_or_default();
            let len = rest.find('\n').unwrap_or(rest.len());
            if (self.skip)(line) {
                continue;
            }
            for (b, c) in rest[..len].char_indices() {
                if let Some(k) = canonical(c) {
                    self.at
                        .push((self.canon.len(), start + b, start + b + c.len_utf8()));
                    self.canon.push(k);
                }
            }
        }
        self.next = last + 1;
        true
    }

    /// The source byte range of the first occurrence of `text` (compared as
    /// canonical characters) starting at or after source byte `from`; `None`
    /// when `text` is not there or has no character that counts.
    pub fn find(&mut self, text: &str, from: usize) -> Option<[usize; 2]> {
        let key: String = text.chars().filter_map(canonical).collect();
        if key.is_empty() {
            return None;
        }
        loop {
            let first = self.at.partition_point(|&(_, s, _)| s < from);
            let base = self.at.get(first).map_or(self.canon.len(), |a| a.0);
            if let Some(k) = self.canon[base..].find(&key) {
                let hit = base + k;
                let i = self.at.partition_point(|&(c, _, _)| c < hit);
                let j = self.at.partition_point(|&(c, _, _)| c < hit + key.len());
                return Some([self.at[i].1, self.at[j - 1].2]);
            }
            if !self.read_more() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_normalised_text_across_lines_and_markup() {
        let src = "标题\n**（一）** 到 2025 年，建成\n- 3 -\n２０个基地。\n";
        // Line 3 is a page number removed from inside the paragraph.
        let src_lines = SourceLines::new(src);
        let mut view = src_lines.view([2, 4], |l| l == 3);
        let [s, e] = view.find("建成20个基地。", 0).unwrap();
        assert_eq!(&src[s..e], "建成\n- 3 -\n２０个基地。");
        let [s, e] = view.find("（一）到2025年", 0).unwrap();
        assert_eq!(&src[s..e], "（一）** 到 2025 年");
    }

    #[test]
    fn searches_from_an_offset_and_reports_absence() {
        let src = "建设1所，建设1所。";
        let src_lines = SourceLines::new(src);
        let mut view = src_lines.view([1, 1], |_| false);
        let [s1, _] = view.find("建设1所", 0).unwrap();
        let [s2, _] = view.find("建设1所", s1 + 1).unwrap();
        assert_eq!((s1, s2), (0, "建设1所，".len()));
        assert_eq!(view.find("建设2所", 0), None);
        assert_eq!(view.find("  ", 0), None);
    }

    #[test]
    fn reads_lines_as_the_search_needs_them() {
        // A clause across the first batch's last line, and one far below.
        let mut src = String::new();
        for i in 1..=1000 {
            src.push_str(&match i {
                8 => "到2025年，建成".to_string(),
                9 => "20个基地。".to_string(),
                900 => "覆盖率达到90%以上。".to_string(),
                _ => format!("第{i}行。"),
            });
            src.push('\n');
        }
        let lines = SourceLines::new(&src);
        let mut view = lines.view([1, 1000], |_| false);
        let [s, e] = view.find("建成20个基地。", 0).unwrap();
        assert_eq!(&src[s..e], "建成\n20个基地。");
        assert_eq!(view.next, 17, "two batches read, not the span");
        let [s, e] = view.find("覆盖率达到90%以上", s).unwrap();
        assert_eq!(&src[s..e], "覆盖率达到90%以上");
        assert_eq!(view.find("没有的句子", 0), None);
    }

    #[test]
    fn line_starts() {
        let src = SourceLines::new("a\nbb\n\nc");
        assert_eq!(src.line_start(1), 0);
        assert_eq!(src.line_start(2), 2);
        assert_eq!(src.line_start(4), 6);
        assert_eq!(src.line_start(9), 7);
    }
}
