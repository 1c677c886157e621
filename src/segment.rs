//! Segment: text → one [`Unit`] per non-blank source line, with the Markdown
//! syntax read off by `pulldown-cmark` and layout hints kept for the later
//! stages (heading level, blank line before, indentation).
//!
//! Markdown is interpreted only as far as it is safe for converter output:
//! emphasis, links, escapes and heading `#`s are removed, but list markers
//! (`1. `, `- 1 -`) stay as written, because in policy text they are
//! numbering and page markers, not Markdown lists.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// One non-blank source line, the smallest unit the pipeline decides about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'s> {
    /// 1-based source line.
    pub line: usize,
    /// Byte range of the line as read, without trailing whitespace, in the
    /// segmented text: the text itself stays in one place ([`Unit::raw`]).
    pub span: std::ops::Range<usize>,
    /// Characters of the line as read (its width on the page).
    pub width: usize,
    /// The line's text with Markdown syntax removed and surrounding whitespace
    /// trimmed: borrowed from the segmented text when that is all it took
    /// (most lines), so the lines are not held twice.
    pub text: Cow<'s, str>,
    /// ATX/Setext heading level given by the Markdown, a hint only.
    pub heading: Option<u8>,
    /// The line follows a blank line (or starts the document).
    pub blank_before: bool,
    /// The line opens with an indent (full-width or 2+ spaces): a paragraph start in PDF text.
    pub indent: bool,
}

impl Unit<'_> {
    /// The line as read (without trailing whitespace), from the text it was
    /// segmented from.
    pub fn raw<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.span.clone()).unwrap_or_default()
    }
}

/// Lines shorter than this many characters say nothing of a page width
/// (headings, last lines of paragraphs). With [`WRAP_MIN_LINES`] and
/// [`WRAP_SHARE`], set on dev-cases-wrapped and the real PDF extraction of
/// `fixtures/corpus/zh-noisy/` (AML measures), whose widths spread over
/// several characters; stricter values (20, 15, 45 %) lose that file's joins.
pub const WRAP_MIN_WIDTH: usize = 16;
/// Long lines a text needs before a page width is read from it.
pub const WRAP_MIN_LINES: usize = 8;
/// Share of the long lines (numerator, denominator) that must have the
/// page width, ±1 character.
pub const WRAP_SHARE: (usize, usize) = (4, 10);

/// Page-width evidence of a wrapped text (PDF extraction without blank lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    /// The dominant line width in characters.
    pub width: usize,
}

/// Finds the page width when the text was cut at one: many long lines share
/// one length (±1) and most lines follow no blank line. The one detector
/// the cleaner and the joiner both read, so they agree about a document.
pub fn detect_wrap(units: &[Unit]) -> Option<Wrap> {
    let lens: Vec<usize> = units
        .iter()
        .map(|u| u.width)
        .filter(|&n| n >= WRAP_MIN_WIDTH)
        .collect();
    if lens.len() < WRAP_MIN_LINES {
        return None;
    }
    let mut hist = std::collections::BTreeMap::new();
    for &n in &lens {
        *hist.entry(n).or_insert(0usize) += 1;
    }
    let (&width, _) = hist
        .iter()
        .max_by_key(|&(&n, &c)| (c + hist.get(&(n + 1)).copied().unwrap_or(0), n))?;
    let near = lens
        .iter()
        .filter(|&&n| n + 1 >= width && n <= width + 1)
        .count();
    let blank_free = units.iter().filter(|u| !u.blank_before).count();
    let (num, den) = WRAP_SHARE;
    (near * den >= lens.len() * num && blank_free * 2 > units.len()).then_some(Wrap { width })
}

/// Splits `text` (newlines already normalised to `\n`) into units.
pub fn segment(text: &str) -> Vec<Unit<'_>> {
    segment_in(text, PARSE_CHUNK)
}

/// [`segment`], with the Markdown parsed in pieces of about `chunk` bytes.
fn segment_in(text: &str, chunk: usize) -> Vec<Unit<'_>> {
    let line_starts = line_starts(text);
    // Code fences never open code in converter output (`~~~ ### ~~~` is
    // debris): the parser sees them as blank, with every offset unchanged.
    let masked = mask_fences(text, &line_starts);
    let md = read_markdown(text, &masked, &line_starts, chunk);
    // At most one unit a line: sized once, with no spare capacity from growth
    // (the units live until dedup, the peak of memory).
    let mut units = Vec::with_capacity(line_starts.len());
    let mut blank = true;
    for (i, &s) in line_starts.iter().enumerate() {
        let e = line_starts.get(i + 1).map_or(text.len(), |&n| n - 1);
        let raw = text[s..e].trim_end();
        if raw.trim().is_empty() {
            blank = true;
            continue;
        }
        let line = i + 1;
        let pieces = md.pieces_of(line);
        let text_ = if md.verbatim[line] || pieces.is_empty() {
            Cow::Borrowed(raw)
        } else {
            rebuild(raw, s, pieces, md.heading[line].is_some())
        };
        let indent = raw.starts_with('\u{3000}') || raw.starts_with("  ") || raw.starts_with('\t');
        let clean = match text_ {
            Cow::Borrowed(t) => strip_cjk_emphasis(t.trim_matches(char::is_whitespace)),
            Cow::Owned(t) => {
                Cow::Owned(strip_cjk_emphasis(t.trim_matches(char::is_whitespace)).into_owned())
            }
        };
        // A line that held only Markdown syntax still holds text: keep it as read.
        let text = if clean.is_empty() {
            Cow::Borrowed(raw.trim())
        } else {
            clean
        };
        units.push(Unit {
            line,
            span: s..s + raw.len(),
            width: raw.chars().count(),
            text,
            heading: md.heading[line],
            blank_before: blank,
            indent,
        });
        blank = false;
    }
    units.shrink_to_fit();
    units
}

/// What the Markdown parse says of each line (indexed by 1-based line).
struct LineMarkdown<'m> {
    /// Text pieces as (line, byte offset, text) in line order, borrowed from
    /// the text where the parser did (all but escapes and entities): no
    /// second copy of it. One list, not a `Vec` per line: that cost an
    /// allocation per line and 53 MiB of heap on a 100 MB document.
    pieces: Vec<(usize, usize, Cow<'m, str>)>,
    /// Line `l`'s pieces are `pieces[first[l]..first[l + 1]]`.
    first: Vec<usize>,
    /// Heading level.
    heading: Vec<Option<u8>>,
    /// Inside a code or HTML block: the source line is the content.
    verbatim: Vec<bool>,
}

/// Bytes of text the Markdown parser reads at once. pulldown-cmark builds
/// the tree of all it is given before the first event, about three times
/// the text (278 MiB for a 100 MB document, the first peak of memory), so a
/// long text is parsed in pieces cut where no block can continue
/// ([`chunk_ends`]). A document shorter than this is parsed whole.
pub const PARSE_CHUNK: usize = 1 << 20;

/// Parses the text as Markdown and files its text pieces, headings and
/// code blocks by line.
fn read_markdown<'m>(
    text: &str,
    masked: &'m str,
    line_starts: &[usize],
    chunk: usize,
) -> LineMarkdown<'m> {
    let nlines = line_starts.len();
    let mut md = LineMarkdown {
        pieces: Vec::new(),
        first: Vec::new(),
        heading: vec![None; nlines + 1],
        verbatim: vec![false; nlines + 1],
    };
    let mut start = 0;
    for end in chunk_ends(masked, line_starts, chunk) {
        read_chunk(text, masked, start..end, line_starts, &mut md);
        start = end;
    }
    // Stable: a line's pieces stay in the parser's order.
    md.pieces.sort_by_key(|p| p.0);
    let mut k = 0;
    md.first = (0..=nlines + 1)
        .map(|l| {
            while md.pieces.get(k).is_some_and(|p| p.0 < l) {
                k += 1;
            }
            k
        })
        .collect();
    md
}

/// Where the parse of `masked` may be cut: the ends of pieces of at least
/// `chunk` bytes, each at the start of a line that parses the same whether
/// the text before it is there or not. That is a line after a blank line,
/// starting at its first column with a character that is not ASCII (a Han
/// character or full-width punctuation: no Markdown block starts or
/// continues with one, and a blank line has closed every paragraph, list
/// item and quote), and outside the HTML blocks that only their closing
/// marker ends (`<!--` … `-->`). A link reference definition resolves
/// anywhere in the document, so a text with a line holding `]:` is not cut
/// at all. Code fences are masked before the parse. The last end is the
/// text's length.
fn chunk_ends(masked: &str, line_starts: &[usize], chunk: usize) -> Vec<usize> {
    if masked.len() <= chunk || masked.contains("]:") {
        return vec![masked.len()];
    }
    let line = |i: usize| {
        let e = line_starts.get(i + 1).map_or(masked.len(), |&n| n);
        &masked[line_starts[i]..e]
    };
    let mut ends = Vec::new();
    let (mut from, mut html_end) = (0, None);
    for (i, &s) in line_starts.iter().enumerate() {
        let text = line(i);
        let cut = i > 0
            && s - from >= chunk
            && html_end.is_none()
            && !text.as_bytes().first().is_none_or(u8::is_ascii)
            && line(i - 1).trim().is_empty();
        if cut {
            ends.push(s);
            from = s;
        }
        html_end = html_block_end(text, html_end);
    }
    ends.push(masked.len());
    ends
}

/// The closing marker of the HTML block still open after `line`, given
/// the one open before it: the blocks of CommonMark's kinds 1 to 5, which
/// blank lines do not end. Any line opening with one counts, however far
/// indented (a code line is then taken for one: a cut lost, never a wrong
/// one).
fn html_block_end(line: &str, open: Option<&'static str>) -> Option<&'static str> {
    const KINDS: [(&str, &str); 8] = [
        ("<!--", "-->"),
        ("<![cdata[", "]]>"),
        ("<?", "?>"),
        ("<pre", "</pre>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
        ("<!", ">"),
    ];
    let (end, rest) = match open {
        Some(end) => (end, line),
        None => {
            let t = line.trim_start_matches(' ');
            let head = t.as_bytes()[..t.len().min(9)].to_ascii_lowercase();
            let (opener, end) = KINDS.iter().find(|(o, _)| head.starts_with(o.as_bytes()))?;
            (*end, &t[opener.len()..])
        }
    };
    (!rest.to_ascii_lowercase().contains(end)).then_some(end)
}

/// Files the text pieces, headings and code blocks of `masked[range]`,
/// parsed on its own, by line of the whole text.
fn read_chunk<'m>(
    text: &str,
    masked: &'m str,
    range: std::ops::Range<usize>,
    line_starts: &[usize],
    md: &mut LineMarkdown<'m>,
) {
    let base = range.start;
    let line_of = |byte: usize| line_starts.partition_point(|&s| s <= byte);
    let span = |range: &std::ops::Range<usize>| {
        let a = line_of(base + range.start);
        (
            a,
            line_of(base + range.end.saturating_sub(1).max(range.start)),
        )
    };
    let mut in_code = 0usize;
    let parser = Parser::new_ext(&masked[range], Options::empty()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let (a, b) = span(&range);
                md.heading[a..=b].fill(Some(level as u8));
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => in_code += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                in_code = in_code.saturating_sub(1)
            }
            // An inline tag (`<span style="…">`, `</u>`) is markup around
            // the text, as `**` is; other inline HTML stays text.
            Event::InlineHtml(t) if in_code == 0 && is_tag(&t) => {}
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if in_code > 0 {
                    let (a, b) = span(&range);
                    md.verbatim[a..=b].fill(true);
                    continue;
                }
                let parts: Vec<Cow<'m, str>> = match t {
                    CowStr::Borrowed(s) => s.split('\n').map(Cow::Borrowed).collect(),
                    t => t.split('\n').map(|p| Cow::Owned(p.to_string())).collect(),
                };
                let mut start = base + range.start;
                for (k, part) in parts.into_iter().enumerate() {
                    if k > 0 {
                        start = text[start..].find('\n').map_or(start, |p| start + p + 1);
                    }
                    md.pieces.push((line_of(start), start, part));
                }
            }
            _ => {}
        }
    }
}

impl<'m> LineMarkdown<'m> {
    /// The text pieces of 1-based `line`.
    fn pieces_of(&self, line: usize) -> &[(usize, usize, Cow<'m, str>)] {
        &self.pieces[self.first[line]..self.first[line + 1]]
    }
}

/// Removes `**`/`__` pairs that CommonMark leaves as text next to CJK
/// punctuation (`**（一）标题。**正文` is bold to any reader, not to the spec).
fn strip_cjk_emphasis(text: &str) -> Cow<'_, str> {
    if !text.contains(['*', '_']) {
        return Cow::Borrowed(text.trim());
    }
    // `**` never stands for itself in policy text; a PDF page width may leave
    // one half of a pair on each line.
    let mut out = text.replace("**", "");
    if out.contains('*') {
        out = emphasised_stops(&out);
    }
    // A pair cut in half by the page width leaves one `*` at a line edge.
    if out.matches('*').count() == 1 && (out.starts_with('*') || out.ends_with('*')) {
        out = out.replace('*', "");
    }
    // `__` may be a form blank (`姓名：______`): only pairs go.
    let n = out.matches("__").count();
    if n >= 2 && n % 2 == 0 && !out.contains("___") {
        out = out.replace("__", "");
    }
    Cow::Owned(out.trim().to_string())
}

/// `Subcontractors*.*` → `Subcontractors.`: a converter's italics around one
/// stop right after a word, which CommonMark leaves as text (the opening `*`
/// is followed by punctuation and preceded by a letter, so it opens nothing).
/// A file pattern (`*.*`) stands after a space or a quote, never glued to a
/// word.
fn emphasised_stops(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < cs.len() {
        let wrapped = cs[i] == '*'
            && i > 0
            && cs[i - 1].is_alphanumeric()
            && cs.get(i + 1).is_some_and(|c| ".,;:".contains(*c))
            && cs.get(i + 2) == Some(&'*');
        if wrapped {
            out.push(cs[i + 1]);
            i += 3;
        } else {
            out.push(cs[i]);
            i += 1;
        }
    }
    out
}

/// `text` with fence lines (```` ``` ````, `~~~`) blanked out byte for byte;
/// borrowed, not copied, when there is none.
fn mask_fences<'a>(text: &'a str, line_starts: &[usize]) -> Cow<'a, str> {
    let fence = |i: usize, s: usize| {
        let e = line_starts.get(i + 1).map_or(text.len(), |&n| n - 1);
        let t = text[s..e].trim_start();
        (t.starts_with("```") || t.starts_with("~~~")).then_some(e)
    };
    if !line_starts
        .iter()
        .enumerate()
        .any(|(i, &s)| fence(i, s).is_some())
    {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for (i, &s) in line_starts.iter().enumerate() {
        if let Some(e) = fence(i, s) {
            for b in &mut bytes[s..e] {
                *b = b' ';
            }
        }
    }
    // Only whole lines of UTF-8 were replaced by ASCII spaces.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// Byte offsets at which each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&s| s <= text.len())
        .collect()
}

/// One HTML tag, opening or closing (`<u>`, `<span style="…">`, `</b>`).
fn is_tag(t: &str) -> bool {
    let t = t.trim();
    t.starts_with('<')
        && t.ends_with('>')
        && t[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        && !t[1..t.len() - 1].contains(['<', '>'])
}

/// Rebuilds a line from the parser's content pieces, keeping the raw prefix in
/// front of the first piece (list markers), minus heading `#`s and quote `>`s.
/// A plain line (one piece, the rest of the line as written, after nothing
/// but indentation) is borrowed from `raw`: most lines of a document.
fn rebuild<'r>(
    raw: &'r str,
    line_start: usize,
    pieces: &[(usize, usize, Cow<str>)],
    is_heading: bool,
) -> Cow<'r, str> {
    let first = pieces[0].1.saturating_sub(line_start).min(raw.len());
    if let [(_, _, piece)] = pieces {
        let whole = raw.get(first..first + piece.len()).filter(|t| t == piece);
        let indent_only = raw.get(..first).is_some_and(|p| p.trim().is_empty());
        if let Some(t) = whole.filter(|_| indent_only && !is_heading) {
            return Cow::Borrowed(t);
        }
    }
    Cow::Owned(rebuild_owned(raw, first, pieces, is_heading))
}

/// [`rebuild`] of a line whose syntax is taken off: `first` is where its
/// first piece starts in `raw`.
fn rebuild_owned(
    raw: &str,
    first: usize,
    pieces: &[(usize, usize, Cow<str>)],
    is_heading: bool,
) -> String {
    let mut prefix = raw.get(..first).unwrap_or("").trim_start();
    loop {
        let p = prefix.trim_start_matches(['>', ' ', '\u{3000}', '\t']);
        let p = if is_heading {
            p.trim_start_matches('#').trim_start()
        } else {
            p
        };
        if p.len() == prefix.len() {
            break;
        }
        prefix = p;
    }
    // Emphasis openers and inline tags right before the text (`**1.**`,
    // `<span style="…">Sec. 4.`) are syntax, not content.
    let mut prefix = prefix.trim_end_matches(['*', '_', '[', '!']);
    while let Some(open) = prefix.strip_suffix('>').and_then(|p| p.rfind('<')) {
        if !is_tag(&prefix[open..]) {
            break;
        }
        prefix = prefix[..open].trim_end_matches(['*', '_', '[', '!', ' ']);
    }
    // So is a backslash escaping the first character (`\(f\)`, a
    // converter's escaped list marker).
    let escaped = raw
        .get(first..)
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_punctuation()));
    let prefix = match prefix.strip_suffix('\\') {
        Some(p) if escaped => p,
        _ => prefix,
    };
    let mut out = String::from(prefix);
    for (_, _, p) in pieces {
        out.push_str(p);
    }
    if is_heading {
        let t = out.trim_end();
        let stripped = t.trim_end_matches('#');
        if stripped.len() != t.len() && (stripped.is_empty() || stripped.ends_with(' ')) {
            return stripped.trim_end().to_string();
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_italic_stop_glued_to_a_word_is_the_stop() {
        assert_eq!(
            emphasised_stops("Subcontractors*.*  (a)"),
            "Subcontractors.  (a)"
        );
        assert_eq!(emphasised_stops("51 or 52*.*"), "51 or 52.");
        // Not glued to a word, or not one stop: left as written.
        assert_eq!(emphasised_stops("files as *.* here"), "files as *.* here");
        assert_eq!(emphasised_stops("a*b*c"), "a*b*c");
        assert_eq!(emphasised_stops("word*..*"), "word*..*");
    }

    use super::*;

    /// The noisy dev cases, the Markdown fixtures, the real PDF/OCR
    /// extractions and the wide laws, newlines normalised.
    fn fixture_texts() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut out = Vec::new();
        for dir in ["dev-cases", "docs", "corpus/zh-noisy", "corpus/zh-law-wide"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                let path = if path.is_dir() {
                    path.join("noisy.md")
                } else {
                    path
                };
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path, text.replace("\r\n", "\n")));
                }
            }
        }
        out
    }

    /// The plain-line shortcut of [`rebuild`] (borrow the line) gives what
    /// the full rebuild gives, on every line of the noisy dev cases, the
    /// Markdown fixtures, the real PDF/OCR extractions and the wide laws; and it is the
    /// common case, so the units do not copy the document.
    #[test]
    fn plain_lines_are_borrowed_as_the_full_rebuild_reads_them() {
        let (mut lines, mut borrowed) = (0, 0);
        for (path, text) in fixture_texts() {
            let starts = line_starts(&text);
            let masked = mask_fences(&text, &starts);
            let md = read_markdown(&text, &masked, &starts, PARSE_CHUNK);
            for (i, &s) in starts.iter().enumerate() {
                let e = starts.get(i + 1).map_or(text.len(), |&n| n - 1);
                let (raw, pieces) = (text[s..e].trim_end(), md.pieces_of(i + 1));
                if raw.trim().is_empty() || md.verbatim[i + 1] || pieces.is_empty() {
                    continue;
                }
                let heading = md.heading[i + 1].is_some();
                let first = pieces[0].1.saturating_sub(s).min(raw.len());
                let got = rebuild(raw, s, pieces, heading);
                assert_eq!(
                    got,
                    rebuild_owned(raw, first, pieces, heading),
                    "{path:?}: {raw}"
                );
                lines += 1;
                borrowed += usize::from(matches!(got, Cow::Borrowed(_)));
            }
        }
        assert!(lines > 10_000, "{lines} lines read");
        assert!(
            borrowed * 10 > lines * 9,
            "{borrowed} of {lines} lines borrowed"
        );
    }

    /// Parsing in pieces reads every line of the fixtures as parsing the
    /// whole text does, with a piece of 512 bytes, so each document is cut
    /// many times.
    #[test]
    fn parsing_in_pieces_reads_as_parsing_whole() {
        let mut cuts = 0;
        for (path, text) in fixture_texts() {
            let starts = line_starts(&text);
            cuts += chunk_ends(&mask_fences(&text, &starts), &starts, 512).len() - 1;
            assert_eq!(
                segment_in(&text, 512),
                segment_in(&text, usize::MAX),
                "{path:?}"
            );
        }
        assert!(cuts > 500, "{cuts} cuts");
    }

    /// An HTML comment runs across blank lines: no cut falls inside it, so
    /// its lines stay verbatim as in the whole parse.
    #[test]
    fn no_cut_inside_an_html_comment() {
        let text = "第一段。\n\n<!-- 转换器的注释\n\n注释里的一行\n\n-->\n\n第二段。\n\n第三段。\n";
        let starts = line_starts(text);
        let ends = chunk_ends(text, &starts, 1);
        let at = |l: &str| text.find(l).unwrap();
        assert_eq!(ends, [at("第二段"), at("第三段"), text.len()]);
        let whole = segment_in(text, usize::MAX);
        assert_eq!(whole[2].text, "注释里的一行");
        assert_eq!(segment_in(text, 1), whole);
        // Each kind's own end closes it, on its line or a later one.
        assert_eq!(html_block_end("<!-- a -->", None), None);
        assert_eq!(html_block_end("  <SCRIPT>", None), Some("</script>"));
        assert_eq!(html_block_end("x</script>", Some("</script>")), None);
        assert_eq!(html_block_end("<p>", None), None);
    }

    /// A link reference definition resolves anywhere: such a text is not cut.
    #[test]
    fn a_link_definition_forbids_cuts() {
        let text = "见[办法]。\n\n第二段。\n\n[办法]: http://example.cn\n";
        assert_eq!(chunk_ends(text, &line_starts(text), 1), [text.len()]);
        assert_eq!(segment_in(text, 1)[0].text, "见办法。");
    }

    #[test]
    fn headings_lists_and_emphasis() {
        let u = segment(
            "# 湖南省教育厅\n\n1. 夯实基础。\n- 1 -\n**（一）加强领导**\n\n[链接](http://x.cn)正文",
        );
        let t: Vec<_> = u
            .iter()
            .map(|u| (u.line, u.text.as_ref(), u.heading))
            .collect();
        assert_eq!(
            t,
            vec![
                (1, "湖南省教育厅", Some(1)),
                (3, "1. 夯实基础。", None),
                (4, "- 1 -", None),
                (5, "（一）加强领导", None),
                (7, "链接正文", None),
            ]
        );
        assert!(u[0].blank_before && !u[2].blank_before && u[4].blank_before);
    }

    #[test]
    fn cjk_bold_is_unwrapped() {
        let u = segment("**（一）全面转向高质量发展新阶段。**从遏制新增债务");
        assert_eq!(u[0].text, "（一）全面转向高质量发展新阶段。从遏制新增债务");
    }

    #[test]
    fn bold_split_by_a_line_end_is_unwrapped() {
        let u = segment("\u{3000}\u{3000}**（六）坚决落实国家战略，推动绿\n色转型。**以双碳为牵引");
        assert_eq!(u[0].text, "（六）坚决落实国家战略，推动绿");
        assert_eq!(u[1].text, "色转型。以双碳为牵引");
    }

    #[test]
    fn fence_does_not_swallow_text() {
        let u = segment("~~~ ### ~~~\n一、总则\n\n## 第二章 任务\n");
        assert_eq!(u.len(), 3);
        assert_eq!(u[0].text, "~~~ ### ~~~");
        assert_eq!(u[1].text, "一、总则");
        assert_eq!((u[2].text.as_ref(), u[2].heading), ("第二章 任务", Some(2)));
    }

    #[test]
    fn indent_is_seen() {
        let u = segment("\u{3000}\u{3000}（四）支持创业。\n正文");
        assert!(u[0].indent);
        assert_eq!(u[0].text, "（四）支持创业。");
    }
}
