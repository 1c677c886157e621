//! Numbering markers of official documents (GB/T 9704 and statute styles,
//! plus English `Chapter`/`Article`/`Sec.`/`(a)`/`1.2`): recognised at the
//! start of a paragraph, with their style, ordinal and canonical rank.

use std::sync::LazyLock;

use crate::pattern::Pattern;

/// A numbering style; its name is the `style` string of the wire format.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
pub enum Style {
    /// `第一编`, `第一篇`.
    #[serde(rename = "cn_volume")]
    CnVolume,
    /// `第一部分`.
    #[serde(rename = "cn_part")]
    CnPart,
    /// `第一分编`: a civil code's sub-book, between `编` and `章`.
    #[serde(rename = "cn_subvolume")]
    CnSubVolume,
    /// `第一章`.
    #[serde(rename = "cn_chapter")]
    CnChapter,
    /// `第一节`.
    #[serde(rename = "cn_section")]
    CnSection,
    /// `第一条`.
    #[serde(rename = "cn_article")]
    CnArticle,
    /// `第五项`.
    #[serde(rename = "cn_item")]
    CnItem,
    /// `一、`.
    #[serde(rename = "cn_dun")]
    CnDun,
    /// `（一）`, `(一)`.
    #[serde(rename = "cn_paren")]
    CnParen,
    /// `1.`, `1、`, `1．`.
    #[serde(rename = "arabic_dot")]
    ArabicDot,
    /// `1　总则`: a bare number before a short title, the top level of
    /// emergency plans and standards (`1.1`, `1.1.1` below it).
    #[serde(rename = "arabic_bare")]
    ArabicBare,
    /// `1.1`.
    #[serde(rename = "decimal")]
    Decimal2,
    /// `1.1.1`.
    #[serde(rename = "decimal3")]
    Decimal3,
    /// `（1）`, `(1)`.
    #[serde(rename = "arabic_paren")]
    ArabicParen,
    /// `1）`, `1)`.
    #[serde(rename = "arabic_half_paren")]
    ArabicHalfParen,
    /// `①`.
    #[serde(rename = "circled")]
    Circled,
    /// `专栏1`: a boxed column in a plan.
    #[serde(rename = "column")]
    Column,
    /// `PART I —`, `Part 2`: a part of an English order or act, above its
    /// chapters and sections.
    #[serde(rename = "en_part")]
    EnPart,
    /// `Chapter 1`, `CHAPTER I`.
    #[serde(rename = "en_chapter")]
    EnChapter,
    /// `Article 1`.
    #[serde(rename = "en_article")]
    EnArticle,
    /// `Sec. 1.`, `Section 1.`.
    #[serde(rename = "en_section")]
    EnSection,
    /// `(a)`.
    #[serde(rename = "alpha_paren")]
    AlphaParen,
    /// `(i)`.
    #[serde(rename = "roman_paren")]
    RomanParen,
    /// `(A)`.
    #[serde(rename = "upper_alpha_paren")]
    UpperAlphaParen,
    /// `附件1`: an attachment, a part of its own after the main text.
    #[serde(rename = "attachment")]
    Attachment,
}

impl Style {
    /// The wire-format name of the style.
    pub fn name(self) -> &'static str {
        match self {
            Style::CnVolume => "cn_volume",
            Style::CnPart => "cn_part",
            Style::CnSubVolume => "cn_subvolume",
            Style::CnChapter => "cn_chapter",
            Style::CnSection => "cn_section",
            Style::CnArticle => "cn_article",
            Style::CnItem => "cn_item",
            Style::CnDun => "cn_dun",
            Style::CnParen => "cn_paren",
            Style::ArabicDot => "arabic_dot",
            Style::ArabicBare => "arabic_bare",
            Style::Decimal2 => "decimal",
            Style::Decimal3 => "decimal3",
            Style::ArabicParen => "arabic_paren",
            Style::ArabicHalfParen => "arabic_half_paren",
            Style::Circled => "circled",
            Style::Column => "column",
            Style::EnPart => "en_part",
            Style::EnChapter => "en_chapter",
            Style::EnArticle => "en_article",
            Style::EnSection => "en_section",
            Style::AlphaParen => "alpha_paren",
            Style::RomanParen => "roman_paren",
            Style::UpperAlphaParen => "upper_alpha_paren",
            Style::Attachment => "attachment",
        }
    }

    /// Canonical rank (smaller = higher level) from GB/T 9704 and statute
    /// practice; used only when a document has not shown how two styles nest.
    pub fn rank(self) -> u8 {
        match self {
            Style::CnVolume | Style::CnPart => 0,
            Style::CnSubVolume | Style::EnPart => 1,
            Style::CnChapter | Style::EnChapter => 2,
            Style::CnSection => 3,
            Style::CnArticle | Style::CnItem | Style::EnArticle | Style::EnSection => 4,
            Style::CnDun => 5,
            Style::CnParen => 6,
            // A column box (`专栏1`) holds its own `1.1` items; a bare `1　总则`
            // holds `1.1` sections.
            Style::ArabicDot | Style::Column | Style::ArabicBare => 7,
            Style::Decimal2 => 8,
            Style::Decimal3 => 9,
            Style::ArabicParen | Style::ArabicHalfParen | Style::AlphaParen => 10,
            Style::Circled | Style::RomanParen => 11,
            Style::UpperAlphaParen => 12,
            // A part is above every numbering level; it is never a child.
            Style::Attachment => 0,
        }
    }

    /// The units of a statute (`编`, `部分`, `章`, `节`, `条`): fixed in their
    /// order among themselves, wherever a document puts them.
    pub fn is_statute_unit(self) -> bool {
        self == Style::CnArticle
            || self.is_division() && !matches!(self, Style::EnPart | Style::EnChapter)
    }

    /// Generic numbering (`一、`, `（一）`): its level is where a document
    /// puts it, above statute units in a judicial interpretation grouped
    /// under `一、受理和管辖`.
    pub fn is_generic(self) -> bool {
        matches!(self, Style::CnDun | Style::CnParen)
    }

    /// Styles whose text is a body, not a heading (statute articles).
    pub fn is_article(self) -> bool {
        matches!(self, Style::CnArticle | Style::EnArticle)
    }

    /// A part of its own (an attachment): never nested under the numbering
    /// before it, never closed by a heading after it.
    pub fn is_part(self) -> bool {
        self == Style::Attachment
    }

    /// Styles that normally stand alone on a heading line (`第一章 总则`).
    pub fn is_division(self) -> bool {
        matches!(
            self,
            Style::CnVolume
                | Style::CnPart
                | Style::CnSubVolume
                | Style::CnChapter
                | Style::CnSection
                | Style::EnPart
                | Style::EnChapter
        )
    }
}

/// A marker found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Its style.
    pub style: Style,
    /// Its number (`（四）` → 4).
    pub ordinal: u32,
    /// The marker as written (`（四）`, `12.`).
    pub text: String,
    /// Byte length of the marker plus the separator after it.
    pub len: usize,
}

impl Marker {
    /// The number after `之` of an article inserted by an amendment
    /// (`第一百二十条之一` → 1, after `第一百二十条`); 0 for any other marker.
    pub fn inserted(&self) -> u32 {
        inserted_number(&self.text)
    }
}

/// [`Marker::inserted`] of a marker as written.
pub fn inserted_number(marker: &str) -> u32 {
    marker
        .rsplit_once('之')
        .filter(|(head, _)| head.starts_with('第'))
        .and_then(|(_, n)| cn_numeral(n))
        .unwrap_or(0)
}

const CN: &str = "零〇一二三四五六七八九十百千两";

static RE_CN_DIV: Pattern = Pattern::new(|| {
    format!(
        r"^第\s*([{CN}]+|\d+)\s*(分编|编|篇|部分|章|节|条|项)(之[一二三四五六七八九十]{{1,3}})?(?:[\s\u{{3000}}：:、．.]*)"
    )
});
/// Text ending in a reference to a statute unit and the word or mark that
/// adds another (`…第二百八十七条之一、`, `…第十条和`).
static RE_REFERENCE_LIST_TAIL: Pattern = Pattern::new(|| {
    format!(
        r"第(?:[{CN}]+|\d+)(?:分编|编|篇|部分|章|节|条|款|项)(?:之[一二三四五六七八九十]{{1,3}})?[、和及或]$"
    )
});

/// Whether `text` stops inside a list of references to statute units: a
/// marker on the next line is the list's next item, not a heading.
pub fn ends_in_reference_list(text: &str) -> bool {
    RE_REFERENCE_LIST_TAIL.is_match(text.trim_end())
}

static RE_CN_DUN: Pattern = Pattern::new(|| format!(r"^([{CN}]+)\s*[、．.]\s*"));
static RE_CN_PAREN: Pattern = Pattern::new(|| format!(r"^[（(]\s*([{CN}]+)\s*[）)]\s*"));
static RE_DECIMAL: Pattern =
    Pattern::new(|| r"^(\d{1,2})[.．](\d{1,2})(?:[.．](\d{1,2}))?[.．]?\s*".into());
static RE_ARABIC_DOT: Pattern = Pattern::new(|| r"^(\d{1,3})\s*[.．、](?:\s*)".into());
static RE_ARABIC_PAREN: Pattern = Pattern::new(|| r"^[（(]\s*(\d{1,3})\s*[）)]\s*".into());
/// Another article or paragraph reference glued to an article number
/// (`第五条第三项`): the line cites, it does not number. With a separator
/// between them (`第六条　第十七条规定的…`) the first is the article's number.
static RE_NEXT_REF: Pattern = Pattern::new(|| format!(r"^第[{CN}\d]+[条款项]"));
/// An item number whose punctuation a PDF font lost to U+FFFD (`1` + `�`):
/// the number survives, the mark after it does not.
static RE_DAMAGED: Pattern = Pattern::new(|| r"^(\d{1,2})\s*\u{FFFD}\s*".into());
/// `1。 指导思想`: OCR's reading of the dot of `1.` as the ideographic full
/// stop, read only before a short title alone on its line (as
/// [`RE_ARABIC_BARE`]): a number's stop inside a sentence is no marker.
static RE_OCR_STOP: Pattern = Pattern::new(|| {
    r"^(\d{1,2})[ \t\u{3000}]*。[ \t\u{3000}]*\p{Han}[^\d。，；：,;:、]{0,14}$".into()
});
/// `1　总则`: one or two digits, a space, and a short title with no clause
/// punctuation and no digits, alone on its line.
static RE_ARABIC_BARE: Pattern =
    Pattern::new(|| r"^(\d{1,2})[ \t\u{3000}]+\p{Han}[^\d。，；：,;:、]{0,14}$".into());
static RE_ARABIC_HALF: Pattern = Pattern::new(|| r"^(\d{1,3})[）)]\s*".into());
static RE_CIRCLED: Pattern = Pattern::new(|| r"^([\u{2460}-\u{2473}])\s*".into());
static RE_COLUMN: Pattern = Pattern::new(|| format!(r"^专栏\s*(\d+|[{CN}]+)[\s\u{{3000}}：:]*"));
static RE_EN_DIV: Pattern = Pattern::new(|| {
    r"^(?i:(part\s|chapter\s|article\s|section\s|sec\.))\s*(\d+|[IVXLC]+)\b\.?\s*(?:[—–:]\s*)?"
        .into()
});
static RE_EN_PAREN: Pattern = Pattern::new(|| r"^\(([a-z]{1,4}|[ivxlc]{5,8}|[A-Z])\)\s*".into());

/// `section 3(t) of the Act`, `Section 2 and 3 of this order`: a reference
/// carried to a line start, not a heading. Headings capitalise their keyword
/// (`Sec. 3.`, `ARTICLE IV`) and follow the number with a stop or a title,
/// never with a sub-reference `(b)` or a linking word.
fn is_en_reference(keyword: &str, after: &str) -> bool {
    static LINK: Pattern =
        Pattern::new(|| r"^\s*(?:,\s*|(?:of|and|or|to|through|in|under|shall|is|as)\b)".into());
    keyword.starts_with(|c: char| c.is_ascii_lowercase())
        || after.starts_with('(')
        || LINK.is_match(after)
}

/// Reads a Chinese numeral up to the thousands (`十二` → 12, `一百零五` → 105,
/// `二〇` → 20 digit by digit); `None` if it is not one.
pub fn cn_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1),
    };
    if !s.chars().any(|c| matches!(c, '十' | '百' | '千')) {
        // digit by digit (二〇二二)
        let mut n = 0u32;
        for c in s.chars() {
            n = n.checked_mul(10)?.checked_add(digit(c)?)?;
        }
        return Some(n);
    }
    let mut total = 0u32;
    let mut cur: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                cur = Some(digit(c)?);
                continue;
            }
        };
        total += cur.unwrap_or(1) * unit;
        cur = None;
    }
    Some(total + cur.unwrap_or(0))
}

fn roman(s: &str) -> Option<u32> {
    let mut total = 0i32;
    let mut prev = 0i32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total as u32)
}

/// The marker of a line quoting a numbered text (`“第二百八十七条之一 …`,
/// `“（一）…`: an amendment's new wording): what the quoted text opens with.
/// `None` when the line opens with no quote.
pub fn parse_quoted(text: &str) -> Option<Marker> {
    let inner = text.trim_start_matches(['“', '"', '‘']);
    (inner.len() < text.len())
        .then(|| parse(inner, None))
        .flatten()
}

/// Recognises a numbering marker at the start of `text`.
///
/// `prev_alpha` is the last `(a)`-style ordinal seen, which decides whether
/// `(i)` continues letters after `(h)` or starts roman numerals.
pub fn parse(text: &str, prev_alpha: Option<u32>) -> Option<Marker> {
    // Most lines open with a character no marker does: asked of every line
    // (and again of every paragraph), the patterns below are not run then.
    if !text.starts_with(may_open) {
        return None;
    }
    if let Some(c) = RE_CN_DIV.captures(text) {
        return cn_division(text, &c);
    }
    if let Some(c) = RE_CN_PAREN.captures(text) {
        return cn_paren(text, &c);
    }
    if let Some(c) = RE_CN_DUN.captures(text) {
        return cn_dun(text, &c);
    }
    if let Some(c) = RE_DECIMAL.captures(text) {
        return decimal(text, &c);
    }
    if let Some(c) = RE_ARABIC_PAREN.captures(text) {
        return arabic_paren(text, &c);
    }
    if let Some(c) = RE_ARABIC_DOT.captures(text) {
        return arabic_dot(text, &c);
    }
    if let Some(c) = RE_DAMAGED.captures(text) {
        return damaged(text, &c);
    }
    if let Some(c) = RE_OCR_STOP.captures(text) {
        return ocr_stop(text, &c);
    }
    if let Some(c) = RE_ARABIC_BARE.captures(text) {
        return arabic_bare(text, &c);
    }
    if let Some(c) = RE_ARABIC_HALF.captures(text) {
        return arabic_half(text, &c);
    }
    if let Some(c) = RE_CIRCLED.captures(text) {
        return circled(&c);
    }
    if let Some(c) = RE_COLUMN.captures(text) {
        return column(text, &c);
    }
    if let Some(c) = RE_EN_DIV
        .captures(text)
        .filter(|c| !is_en_reference(&c[1], &text[c.get(2).unwrap().end()..]))
    {
        return en_division(text, &c);
    }
    if let Some(c) = RE_EN_PAREN
        .captures(text)
        .filter(|c| !is_paren_reference(&text[c.get(0).unwrap().end()..]))
    {
        return en_paren(text, &c, prev_alpha);
    }
    None
}

/// Whether `c` can open a marker: every pattern [`parse`] tries begins with
/// `第`, a bracket, a Chinese numeral, a digit (`\d` is a Unicode decimal
/// digit, which `is_numeric` includes), a circled number, `专栏`, or the
/// first letter of an English keyword (`ſ` folds to `s`).
fn may_open(c: char) -> bool {
    matches!(c, '第' | '（' | '(' | '专' | 'ſ' | '\u{2460}'..='\u{2473}')
        || CN.contains(c)
        || c.is_numeric()
        || matches!(c.to_ascii_lowercase(), 'p' | 'c' | 'a' | 's')
}

/// `(a) of this section`, `(b) and (c) of …`, `(f)(i) of this section`: a
/// reference to a lettered item carried to a line start, not an item. No
/// item's text begins with `of`, or with a linking word before another
/// reference, whatever item numbers are stacked on the first (`(b)(i)
/// Within…` is an item and its first sub-item).
fn is_paren_reference(after: &str) -> bool {
    static LINK: Pattern = Pattern::new(|| {
        r"^(?:\((?:[a-z]{1,4}|[ivxlc]{5,8}|[A-Z]|\d{1,3})\))*\s*(?:of\b|(?:and|or|through|to)\s+\()"
            .into()
    });
    LINK.is_match(after)
}

/// A marker of `style` and `ordinal` whose match `m` ends the marker's
/// span and whose written form is `marker`; no marker for ordinal 0 (but a
/// `〇、` is kept for `CnDun`'s own filter).
fn mk(style: Style, ordinal: u32, m: &regex::Match, marker: &str) -> Option<Marker> {
    (ordinal > 0 || style == Style::CnDun).then(|| Marker {
        style,
        ordinal,
        text: marker.trim().to_string(),
        len: m.end(),
    })
}

/// `第N编/分编/部分/章/节/条/项`, unless a reference (`第十七条、`, `第一条规定的`).
fn cn_division(text: &str, c: &regex::Captures) -> Option<Marker> {
    let n = cn_numeral(&c[1])?;
    let style = match &c[2] {
        "编" | "篇" => Style::CnVolume,
        "分编" => Style::CnSubVolume,
        "部分" => Style::CnPart,
        "章" => Style::CnChapter,
        "节" => Style::CnSection,
        "条" => Style::CnArticle,
        _ => Style::CnItem,
    };
    let m = c.get(0).unwrap();
    // An inserted article's `之一` is part of its marker (`第一百二十条之一`).
    let unit_end = c.get(3).unwrap_or_else(|| c.get(2).unwrap()).end();
    let marker = &text[..unit_end];
    // `第一条规定的…` inside a sentence is a reference, not a marker: articles
    // need a separator or a heading-like rest.
    let rest = &text[m.end()..];
    // `第十七条、第十九条至…规定` lists references: not a marker.
    let after = &text[unit_end..];
    if after.starts_with(['、', '，', '至', '和', '或'])
        || RE_NEXT_REF.is_match(after) && style == Style::CnArticle
    {
        return None;
    }
    if m.end() == unit_end && !rest.is_empty() && style == Style::CnArticle {
        let next = rest.chars().next().unwrap();
        if matches!(next, '第' | '的' | '、' | '至') {
            return None;
        }
        // `第三条规定的`, `第三条中…`, `第三条和第四条`: a reference, unless the
        // text opens with a longer word (`第三条中国人民银行…`).
        if matches!(next, '规' | '所' | '中' | '和' | '或') && !opens_article_text(rest) {
            return None;
        }
    }
    mk(style, n, &m, marker)
}

/// Characters after `第N条` segmented to find its first word: room for a
/// long name (`中国人民银行`).
const FIRST_WORD_SPAN: usize = 6;
/// Shortest first word that opens an article's text: a single character
/// (`中`, `和`) is a reference's particle.
const ARTICLE_WORD_MIN: usize = 2;

/// The text after `第N条` opens with a word of [`ARTICLE_WORD_MIN`]
/// characters or more (by jieba's most probable segmentation) that is not a
/// reference word.
fn opens_article_text(rest: &str) -> bool {
    let word = crate::lexicon::dict::first_word(rest, FIRST_WORD_SPAN);
    word.chars().count() >= ARTICLE_WORD_MIN && !opens_with_reference_word(rest)
}

/// `rest`, right after a numbered designation (`第三条`, `附件三`), opens
/// with a word that makes it a reference inside a sentence (`规定`, `所列`:
/// `article_references.tsv`).
pub(crate) fn opens_with_reference_word(rest: &str) -> bool {
    static REFERENCES: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| crate::lexicon::terms(crate::lexicon::ARTICLE_REFERENCES));
    REFERENCES.iter().any(|r| rest.starts_with(r))
}

/// `（一）`.
fn cn_paren(text: &str, c: &regex::Captures) -> Option<Marker> {
    let n = cn_numeral(&c[1])?;
    let m = c.get(0).unwrap();
    let close = text[..m.end()]
        .rfind([')', '）'])
        .map(|i| i + text[i..].chars().next().unwrap().len_utf8());
    mk(Style::CnParen, n, &m, &text[..close.unwrap_or(m.end())])
}

/// `一、`.
fn cn_dun(text: &str, c: &regex::Captures) -> Option<Marker> {
    // `一是`/`十四五` are not markers; the separator is required by the regex.
    let n = cn_numeral(&c[1])?;
    let m = c.get(0).unwrap();
    mk(Style::CnDun, n, &m, &text[..m.end()]).filter(|mk| mk.ordinal > 0)
}

/// `1.2` and `1.2.3`, unless a number (`3.5亿元`).
fn decimal(text: &str, c: &regex::Captures) -> Option<Marker> {
    let (a, b) = (c[1].parse::<u32>().ok()?, c[2].parse::<u32>().ok()?);
    let m = c.get(0).unwrap();
    let (style, n, end) = match c.get(3) {
        Some(x) => (Style::Decimal3, x.as_str().parse::<u32>().ok()?, x.end()),
        None => (Style::Decimal2, b, c.get(2).unwrap().end()),
    };
    // `3.5亿元` is a number: a decimal marker is followed by a space or by
    // text that is not a unit.
    let next = text[m.end()..].chars().next();
    let spaced = m.end() > end;
    let unitish = next.is_some_and(|ch| {
        ch.is_ascii_digit() || "万亿千百元个所项倍米公里亩吨人年月日%％".contains(ch)
    });
    if a == 0
        || n == 0
        || next.is_none()
        || unitish
        || (!spaced && next.is_none_or(|ch| ch <= '\u{2e80}'))
    {
        return None;
    }
    let len = m.end();
    Some(Marker {
        style,
        ordinal: n,
        text: text[..end].to_string(),
        len,
    })
}

/// `（1）`.
fn arabic_paren(text: &str, c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let close = text[..m.end()]
        .rfind([')', '）'])
        .map(|i| i + text[i..].chars().next().unwrap().len_utf8());
    mk(
        Style::ArabicParen,
        c[1].parse().ok()?,
        &m,
        &text[..close.unwrap_or(m.end())],
    )
}

/// Most digits of a `1.` marker: `2024.` is a year ending a sentence; a
/// judicial interpretation numbers its items past 100 (`113.`).
const DOT_MARKER_MAX_DIGITS: usize = 3;

/// `1.`/`1、`, unless a number or a year.
fn arabic_dot(text: &str, c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let rest = &text[m.end()..];
    // `3.5亿元`, `2.` followed by a digit, `2024.` as a year: not markers.
    // A space or `、` before the digit sets it apart: `5. 2025年底前，…` and
    // `1、2025年…` number an item that opens on a year.
    let set_apart = m.as_str().ends_with(char::is_whitespace) || m.as_str().contains('、');
    if rest.starts_with(|ch: char| ch.is_ascii_digit()) && !set_apart
        || c[1].len() > DOT_MARKER_MAX_DIGITS
    {
        return None;
    }
    // An ASCII `1.` needs text after it (`2024.` ends a sentence).
    if rest.is_empty() {
        return None;
    }
    mk(Style::ArabicDot, c[1].parse().ok()?, &m, &text[..m.end()])
}

/// `N�`: a marker whose punctuation the PDF lost.
fn damaged(text: &str, c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let n = c[1].parse().ok()?;
    mk(Style::ArabicDot, n, &m, text[..m.end()].trim_end())
}

/// `1。 指导思想`: the dot read as `。`; the marker is written as read.
fn ocr_stop(text: &str, c: &regex::Captures) -> Option<Marker> {
    let digits = c.get(1).unwrap();
    let stop = digits.end() + text[digits.end()..].find('。')? + '。'.len_utf8();
    let start = text[stop..]
        .find(|ch: char| !ch.is_whitespace())
        .map_or(text.len(), |k| stop + k);
    Some(Marker {
        style: Style::ArabicDot,
        ordinal: digits.as_str().parse().ok().filter(|&n| n > 0)?,
        text: text[..stop].to_string(),
        len: start,
    })
}

/// `1　总则`: a bare numeral before a short title.
fn arabic_bare(text: &str, c: &regex::Captures) -> Option<Marker> {
    let digits = c.get(1).unwrap();
    let start = text[digits.end()..]
        .find(|ch: char| !ch.is_whitespace())
        .map_or(text.len(), |k| digits.end() + k);
    Some(Marker {
        style: Style::ArabicBare,
        ordinal: digits.as_str().parse().ok().filter(|&n| n > 0)?,
        text: digits.as_str().to_string(),
        len: start,
    })
}

/// `1）`.
fn arabic_half(text: &str, c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    mk(
        Style::ArabicHalfParen,
        c[1].parse().ok()?,
        &m,
        text[..m.end()].trim_end(),
    )
}

/// `①`.
fn circled(c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let n = c[1].chars().next()? as u32 - 0x2460 + 1;
    mk(Style::Circled, n, &m, &c[1])
}

/// `专栏N`.
fn column(text: &str, c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let n = cn_numeral(&c[1])?;
    mk(Style::Column, n, &m, &text[..c.get(1).unwrap().end()])
}

/// `Chapter`/`Article`/`Section`/`Sec.` N.
fn en_division(text: &str, c: &regex::Captures) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let n = c[2].parse::<u32>().ok().or_else(|| roman(&c[2]))?;
    // A word needs a space before its number; `Sec.203.` does not.
    let style = match c[1].trim_end().to_ascii_lowercase().as_str() {
        "part" => Style::EnPart,
        "chapter" => Style::EnChapter,
        "article" => Style::EnArticle,
        _ => Style::EnSection,
    };
    // The separator (`PART I — TITLE`) is not part of the marker.
    let marker = text[..m.end()].trim_end_matches(|c: char| c.is_whitespace() || "—–:".contains(c));
    mk(style, n, &m, marker)
}

/// `(a)`, `(A)`, `(iv)`: a letter after `(h)` is read as one.
fn en_paren(text: &str, c: &regex::Captures, prev_alpha: Option<u32>) -> Option<Marker> {
    let m = c.get(0).unwrap();
    let s = &c[1];
    let marker = &text[..c.get(1).unwrap().end() + 1];
    if s.len() == 1 && s.chars().all(|ch| ch.is_ascii_uppercase()) {
        return mk(
            Style::UpperAlphaParen,
            s.as_bytes()[0] as u32 - b'A' as u32 + 1,
            &m,
            marker,
        );
    }
    // Past `(z)` the letters double (`(aa)` is 27, `(bb)` 28), as US
    // drafting numbers them.
    let first = s.as_bytes()[0];
    let letter = s
        .bytes()
        .all(|b| b == first)
        .then(|| 26 * (s.len() as u32 - 1) + u32::from(first - b'a') + 1);
    let is_roman = roman(s).is_some() && s.chars().all(|ch| "ivxlc".contains(ch));
    // `(i)` after `(h)` and `(cc)` after `(bb)` are letters; otherwise roman
    // numerals win.
    if let Some(l) = letter {
        if !is_roman || prev_alpha == Some(l - 1) {
            return mk(Style::AlphaParen, l, &m, marker);
        }
    }
    if is_roman {
        return mk(Style::RomanParen, roman(s)?, &m, marker);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(Style, u32, String, String)> {
        parse(s, None).map(|m| (m.style, m.ordinal, m.text.clone(), s[m.len..].to_string()))
    }

    #[test]
    fn chinese_styles() {
        assert_eq!(
            p("二、主要任务"),
            Some((Style::CnDun, 2, "二、".into(), "主要任务".into()))
        );
        assert_eq!(
            p("（十二）加强领导"),
            Some((Style::CnParen, 12, "（十二）".into(), "加强领导".into()))
        );
        assert_eq!(
            p("(二) 加大经费投入。"),
            Some((Style::CnParen, 2, "(二)".into(), "加大经费投入。".into()))
        );
        assert_eq!(
            p("1.建设智库。"),
            Some((Style::ArabicDot, 1, "1.".into(), "建设智库。".into()))
        );
        assert_eq!(
            p("12、推进"),
            Some((Style::ArabicDot, 12, "12、".into(), "推进".into()))
        );
        assert_eq!(
            p("3． 巩固"),
            Some((Style::ArabicDot, 3, "3．".into(), "巩固".into()))
        );
        assert_eq!(
            p("（3）做好"),
            Some((Style::ArabicParen, 3, "（3）".into(), "做好".into()))
        );
        assert_eq!(
            p("第五项：强化保障"),
            Some((Style::CnItem, 5, "第五项".into(), "强化保障".into()))
        );
        assert_eq!(
            p("第一百零五条 本法"),
            Some((Style::CnArticle, 105, "第一百零五条".into(), "本法".into()))
        );
        assert_eq!(p("第三部分 重点任务").map(|x| x.0), Some(Style::CnPart));
        assert_eq!(
            p("第二节　一般规定").map(|x| (x.0, x.3)),
            Some((Style::CnSection, "一般规定".into()))
        );
        assert_eq!(
            p("3）加强医疗").map(|x| (x.0, x.1, x.2)),
            Some((Style::ArabicHalfParen, 3, "3）".into()))
        );
        assert_eq!(p("①加强").map(|x| (x.0, x.1)), Some((Style::Circled, 1)));
        assert_eq!(
            p("1.2 发展目标").map(|x| (x.0, x.1, x.3)),
            Some((Style::Decimal2, 2, "发展目标".into()))
        );
        assert_eq!(
            p("专栏3 重大工程").map(|x| (x.0, x.1)),
            Some((Style::Column, 3))
        );
    }

    #[test]
    fn not_markers() {
        for s in [
            "3.5亿元用于",
            "一是加强",
            "十四五时期",
            "2024年，我们",
            "第一条规定的情形",
            "2024.",
            "1.5",
            "一批项目",
        ] {
            assert_eq!(p(s), None, "{s}");
        }
    }

    #[test]
    fn english_styles() {
        use Style::*;
        // (text, the last `(a)`-style ordinal before it, style and number;
        // None: no marker).
        type Case = (&'static str, Option<u32>, Option<(Style, u32)>);
        let cases: &[Case] = &[
            ("Sec. 2. Policy.", None, Some((EnSection, 2))),
            ("Section 1. Purpose.", None, Some((EnSection, 1))),
            ("CHAPTER IV General", None, Some((EnChapter, 4))),
            ("PART II — GENERAL PROVISIONS", None, Some((EnPart, 2))),
            ("part 2 of this order", None, None),
            // `Sec.203.` with no space; a roman numeral of five letters.
            (
                "Sec.203.  National Climate Task Force.",
                None,
                Some((EnSection, 203)),
            ),
            (
                "(xviii)  the Assistant to the President",
                None,
                Some((RomanParen, 18)),
            ),
            ("sections 2 and 3 apply", None, None),
            // A lettered reference carried to a line start.
            (
                "(a) of this section, agency heads shall identify",
                None,
                None,
            ),
            ("(b) and (c) of this section apply", None, None),
            ("(b) to promote clean energy;", None, Some((AlphaParen, 2))),
            ("(a) The Secretary", None, Some((AlphaParen, 1))),
            ("(ii) report", None, Some((RomanParen, 2))),
            ("(i) next", Some(8), Some((AlphaParen, 9))),
            ("(i) first", None, Some((RomanParen, 1))),
        ];
        for &(text, prev, want) in cases {
            let got = parse(text, prev).map(|m| (m.style, m.ordinal));
            assert_eq!(got, want, "{text}");
        }
        // The separator is not part of the marker.
        let part = parse("PART II — GENERAL PROVISIONS", None).unwrap();
        assert_eq!(part.text, "PART II");
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_numeral("十"), Some(10));
        assert_eq!(cn_numeral("十九"), Some(19));
        assert_eq!(cn_numeral("二十三"), Some(23));
        assert_eq!(cn_numeral("一百零五"), Some(105));
        assert_eq!(cn_numeral("两百"), Some(200));
        assert_eq!(cn_numeral("二〇二五"), Some(2025));
    }
}
