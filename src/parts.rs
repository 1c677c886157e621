//! Parts: where a notice's attachments (`附件1` + title) and the document it
//! issues (`关于印发《…办法》的通知` followed by that `…办法`) begin.
//!
//! An attachment is a node of its own (style `attachment`): its numbering
//! starts afresh under it, and nothing in it nests under the last article of
//! the text before it. The title of an issued document goes to the metadata
//! (`issued_title`); the numbered hierarchy after it is that document's. The
//! evidence is the document's own: an attachment label alone on its line, or
//! a title the notice names as the document it issues.

use crate::block::Block;
use crate::markers::Style;
use crate::pattern::Pattern;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `附件`, `附件1`, `附件一：`, `附 件`, with the rest of the line after it (on
/// normalised text: full-width digits are ASCII by then).
static LABEL: Pattern = Pattern::new(|| {
    r"^附\s*件\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]?\s*(.*)$".into()
});

/// The name of the document a notice issues, from its title: `…关于印发《X》的通知`
/// (the brackets may be missing: `国务院关于印发X的通知`).
static ISSUES: Pattern = Pattern::new(|| {
    format!(
        r"(?:{})《?([^《》]{{2,80}}?)》?(?:的(?:通知|决定|命令|公告|令))?$",
        crate::lexicon::alternation(crate::lexicon::ISSUING_VERBS)
    )
});

/// Names in book-title brackets (`《…办法》`).
static BOOK: Pattern = Pattern::new(|| r"《([^《》]{2,80})》".into());

/// What kind of part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// `附件1` and what follows it: a node of style `attachment`.
    Attachment,
    /// The document a notice issues, headed by its title alone.
    Issued,
}

/// Where a part begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartStart {
    /// Index of its first block.
    pub block: usize,
    /// An attachment or the issued document.
    pub kind: PartKind,
    /// The label as written (`附件1`); `None` for an issued document.
    pub marker: Option<String>,
    /// The attachment's number (1 for a bare `附件`).
    pub ordinal: u32,
    /// The part's title.
    pub title: Option<String>,
    /// Blocks its heading takes: the label, and its title when on a line of its own.
    pub consumed: usize,
}

/// An attachment label: its number and the text after it on the line.
/// `附件三所列…`, `附件所称…` (a reference word right after the label, no
/// separator: `article_references.tsv`) cite an attachment inside a
/// sentence: no label.
pub fn attachment_label(text: &str) -> Option<(u32, &str)> {
    let c = LABEL.captures(text.trim())?;
    let ordinal = match c.get(1) {
        Some(n) => crate::markers::cn_numeral(n.as_str())?,
        None => 1,
    };
    let after = text.trim().strip_prefix("附件").map(|r| {
        r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    });
    if after.is_some_and(crate::markers::opens_with_reference_word) {
        return None;
    }
    Some((ordinal, c.get(2).map_or("", |m| m.as_str()).trim()))
}

/// Whether `text` is an attachment label alone on its line (`附件`, `附件2：`):
/// the line after it is the attachment's title, not the start of a paragraph.
pub fn is_bare_label(text: &str) -> bool {
    attachment_label(text).is_some_and(|(_, rest)| rest.is_empty())
}

/// Longest attachment title, in characters.
const TITLE_MAX: usize = 60;

/// A line that can be an attachment's title (`…名单`, `…样图`, `…办法`): short,
/// no sentence punctuation in it, not closed like a sentence.
pub fn is_title_form(text: &str) -> bool {
    text.chars().count() <= TITLE_MAX
        && !crate::metadata::is_sentence(text)
        && !crate::block::ends_closed(text)
}

/// The parts of a document, in order. `title` is the document's title (from
/// its metadata): the document it issues is named there or, in `《…》`, in a
/// sentence that issues it (`现将《…》印发给你们`).
pub fn find(blocks: &[Block], title: Option<&str>) -> Vec<PartStart> {
    let mut names = Names::from_title(title);
    let doc = Doc::new(blocks);
    let first_marked = blocks.iter().position(|b| b.marker.is_some());
    let mut out: Vec<PartStart> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let issued = out.iter().any(|p| p.kind == PartKind::Issued);
        let prev = out
            .iter()
            .rev()
            .find(|p| p.kind == PartKind::Attachment)
            .map(|p| p.ordinal);
        let part = attachment_at(&doc, i, prev).or_else(|| {
            // An issued document without a label: its title alone, before
            // the first numbered heading or after another issued document.
            let b = &blocks[i];
            let place = i > 0 && (first_marked.is_some_and(|f| i < f) || issued);
            let titled = place
                && b.marker.is_none()
                && attachment_label(&b.text).is_none()
                && crate::metadata::looks_like_title(&b.text);
            (titled && names.take(&b.text)).then(|| PartStart {
                block: i,
                kind: PartKind::Issued,
                marker: None,
                ordinal: 1,
                title: Some(b.text.to_string()),
                consumed: 1,
            })
        });
        match part {
            Some(mut p) => {
                // An attachment that is the issued document (`附件：` over
                // the title the notice named) is that document.
                let named =
                    p.kind == PartKind::Issued || p.title.as_deref().is_some_and(|t| names.take(t));
                if named {
                    p.kind = PartKind::Issued;
                }
                i += p.consumed;
                out.push(p);
            }
            None => {
                names.read(&blocks[i].text);
                i += 1;
            }
        }
    }
    out
}

/// The names a notice gives the document it issues.
struct Names(Vec<String>);

impl Names {
    fn from_title(title: Option<&str>) -> Names {
        let title = title.map(key).unwrap_or_default();
        Names(
            ISSUES
                .captures(&title)
                .map(|c| c[1].to_string())
                .into_iter()
                .collect(),
        )
    }

    /// Takes the `《…》` names of a sentence that issues a document.
    fn read(&mut self, text: &str) {
        if self.0.len() < NAMES_MAX && issues_a_document(text) {
            let k = key(text);
            self.0
                .extend(BOOK.captures_iter(&k).map(|c| c[1].to_string()));
        }
    }

    /// Whether `title` is one of the names, its issuers in front allowed
    /// (`中国人民银行 农业农村部关于加强…的意见` for `关于加强…的意见`); a
    /// name heads one document only, so a matched name is taken off the list.
    fn take(&mut self, title: &str) -> bool {
        let t = key(title);
        let at = self
            .0
            .iter()
            .position(|n| t == *n || n.chars().count() >= NAME_MIN && t.ends_with(n.as_str()));
        if let Some(k) = at {
            // The same name read twice (title and text) goes with it.
            let n = self.0.remove(k);
            self.0.retain(|m| *m != n);
        }
        at.is_some()
    }
}

/// Whether `text` holds a verb by which one document issues or forwards
/// another ([`crate::lexicon::ISSUING_VERBS`]).
pub(crate) fn issues_a_document(text: &str) -> bool {
    static VERBS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| crate::lexicon::terms(crate::lexicon::ISSUING_VERBS));
    VERBS.iter().any(|v| text.contains(v))
}

/// Shortest name matched as the end of a longer title.
const NAME_MIN: usize = 6;

/// An attachment begins at block `i`: a bare label followed by what it
/// holds, its title on the next line when that line reads as one; or a
/// label with its title on the line when the document named that title
/// before or the label is the next of a sequence of attachments (`prev`,
/// the last one's number).
fn attachment_at(doc: &Doc, i: usize, prev: Option<u32>) -> Option<PartStart> {
    let blocks = doc.blocks;
    let (ordinal, rest) = attachment_label(&blocks[i].text)?;
    let next = blocks.get(i + 1)?;
    let marker = blocks[i].text.trim()[..blocks[i].text.trim().len() - rest.len()]
        .trim_end_matches(|c: char| c.is_whitespace() || "：:".contains(c))
        .to_string();
    if !rest.is_empty() {
        // Named in the text above (searched only where labels are few: a
        // pass over the text each), or the next of a sequence.
        let listed = prev.is_some_and(|n| ordinal == n + 1)
            || doc.labels <= LABELS_SEARCHED && blocks[..i].iter().any(|b| b.text.contains(rest));
        let opens = attachment_label(&next.text).is_none();
        // The same title again below: this line lists the attachment, the
        // one below heads it.
        let again = doc.last_at.get(&key(rest)).is_some_and(|&j| j > i);
        return (listed && opens && !again).then(|| PartStart {
            block: i,
            kind: PartKind::Attachment,
            marker: Some(marker),
            ordinal,
            title: Some(rest.to_string()),
            consumed: 1,
        });
    }
    let titled = next.marker.is_none() && is_title_form(&next.text);
    // `附件：` over a list of titles (`1.…名单`), or a title and then the
    // next label: an attachment list, not an attachment.
    let after = blocks.get(i + 1 + usize::from(titled));
    if after.is_none_or(|b| attachment_label(&b.text).is_some()) {
        return None;
    }
    if !titled
        && next
            .marker
            .as_ref()
            .is_some_and(|m| m.style == Style::ArabicDot)
    {
        return None;
    }
    Some(PartStart {
        block: i,
        kind: PartKind::Attachment,
        marker: Some(marker),
        ordinal,
        title: titled.then(|| next.text.to_string()),
        consumed: 1 + usize::from(titled),
    })
}

/// Most attachment labels for which the text above is searched for their
/// title; past it only a numbered sequence is evidence (linear time on a
/// hostile document of labels).
const LABELS_SEARCHED: usize = 64;

/// Most names of issued documents read from the text.
const NAMES_MAX: usize = 32;

/// The blocks with what attachment detection looks up in them.
struct Doc<'a> {
    blocks: &'a [Block<'a>],
    /// How many blocks open with an attachment label.
    labels: usize,
    /// Per title-like key (a short block's text, or a label's title), its
    /// last block.
    last_at: HashMap<String, usize>,
}

impl<'a> Doc<'a> {
    fn new(blocks: &'a [Block]) -> Self {
        let mut last_at = HashMap::new();
        let mut labels = 0;
        for (i, b) in blocks.iter().enumerate() {
            // Only a short line can repeat a title.
            if b.text.len() <= TITLE_MAX * 4 && is_title_form(&b.text) {
                last_at.insert(key(&b.text), i);
            }
            if let Some((_, rest)) = attachment_label(&b.text) {
                labels += 1;
                last_at.insert(key(rest), i);
            }
        }
        Doc {
            blocks,
            labels,
            last_at,
        }
    }
}

/// A name compared without spaces and Markdown emphasis.
fn key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block<'_>> {
        text.split("\n\n")
            .enumerate()
            .map(|(i, t)| Block {
                text: t.into(),
                lines: [i + 1, i + 1],
                units: vec![i],
                heading: None,
                marker: crate::markers::parse(t, None),
                flags: Vec::new(),
                after_gap: false,
            })
            .collect()
    }

    #[test]
    fn labels() {
        assert_eq!(attachment_label("附件"), Some((1, "")));
        assert_eq!(attachment_label("附件2："), Some((2, "")));
        assert_eq!(attachment_label("附 件 3"), Some((3, "")));
        assert_eq!(attachment_label("附件：名单"), Some((1, "名单")));
        assert_eq!(attachment_label("附件二 名单"), Some((2, "名单")));
        // A reference inside a sentence, not a label.
        assert_eq!(attachment_label("附件三所列全国性法律的决定"), None);
        assert_eq!(attachment_label("附件所称的专用号牌"), None);
        assert_eq!(attachment_label("附则"), None);
    }

    #[test]
    fn attachment_after_signature_not_the_list() {
        let b = blocks("一、总则\n\n正文。\n\n附件：专用号牌式样\n\n（此件公开发布）\n\n附件\n\n专用号牌式样和车辆涂装样图\n\n一、号牌编码规则");
        let p = find(&b, None);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].block, 4);
        assert_eq!(p[0].title.as_deref(), Some("专用号牌式样和车辆涂装样图"));
        assert_eq!(p[0].consumed, 2);
    }

    #[test]
    fn a_list_of_attachments_is_not_a_part() {
        let b = blocks("正文。\n\n附件：\n\n1.重点项目名单\n\n2.资金安排表");
        assert!(find(&b, None).is_empty());
        let b = blocks("正文。\n\n附件1\n\n附件2\n\n正文。");
        assert_eq!(find(&b, None).len(), 1);
    }

    #[test]
    fn issued_document_named_by_the_title() {
        let b = blocks("现将《个人所得税专项附加扣除暂行办法》印发给你们。\n\n（此件公开发布）\n\n个人所得税专项附加扣除暂行办法\n\n第一章　总　　则");
        let p = find(
            &b,
            Some("国务院关于印发个人所得税专项附加扣除暂行办法的通知"),
        );
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].block, p[0].kind), (2, PartKind::Issued));
        // Named only in the text before it.
        assert_eq!(find(&b, None).len(), 1);
        // A title the notice does not name is not an issued document.
        let b = blocks("正文。\n\n实施细则\n\n第一章　总则");
        assert!(find(&b, Some("关于加强管理的通知")).is_empty());
    }
}
