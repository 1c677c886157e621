//! Noise kinds recognised by the form of a line, never by its words: contact
//! lines, page controls and page labels, publication notes, caption notes,
//! text in another script, and debris with no language in it.
//!
//! Each rule reads what makes the kind a kind (a line made of addresses and
//! numbers; a line of bracketed controls; letters of a script that is neither
//! Han nor Latin), with its vocabulary in `src/lexicon/`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::lexicon;
use crate::model::Reason;
use crate::pattern::Pattern;
use crate::text::is_cjk;

/// Longest-first matcher over the terms of a lexicon file.
fn matcher(src: &'static str) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(lexicon::terms(src))
        .expect("lexicon automaton")
}

static EMAIL: Pattern =
    Pattern::new(|| r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+".into());
/// The fewest digits a [`PHONE`] match holds (a 7-digit local number).
const PHONE_MIN_DIGITS: usize = 7;
/// Telephone and fax numbers: with an area code, mobile, or a 400/800 hotline.
static PHONE: Pattern = Pattern::new(|| {
    r"(?:\+?86[\s\-]?)?(?:[(（]?0\d{2,3}[)）]?[\s\-－—]?\d{7,8}|1[3-9]\d{9}|[48]00[\s\-]?\d{3}[\s\-]?\d{4})(?:\s*(?:转|-|ext\.?)\s*\d{1,5})?".into()
});
static CONTACT: LazyLock<AhoCorasick> = LazyLock::new(|| matcher(lexicon::CONTACT_LABELS));

/// Most letters a contact line may hold besides its labels and numbers
/// (a separator word like `或`); measured on the dev and corpus letterheads.
const CONTACT_SLACK: usize = 2;

/// A line made of telephone and fax numbers, e-mail addresses and their
/// labels, with nothing else: a masthead or footer, not the document.
pub(super) fn contact(t: &str, url: &Pattern) -> Option<String> {
    // An e-mail address needs its `@`, a telephone number at least
    // `PHONE_MIN_DIGITS` digits: most lines are spared both searches.
    let emails = if t.contains('@') {
        EMAIL.find_iter(t).count()
    } else {
        0
    };
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    let phones = if digits >= PHONE_MIN_DIGITS {
        PHONE.find_iter(t).count()
    } else {
        0
    };
    let strong = emails + phones;
    // Labels alone make a contact line only with a number left beside them
    // (a post code): a line without a digit is spared the label search.
    if strong == 0 && digits == 0 {
        return None;
    }
    let labels = CONTACT.find_iter(t).count();
    if strong == 0 && labels == 0 {
        return None;
    }
    let rest = EMAIL.replace_all(t, " ");
    let rest = if super::line::may_hold_address(&rest) {
        url.replace_all(&rest, " ")
    } else {
        rest
    };
    let rest = PHONE.replace_all(&rest, " ");
    let mut out = String::with_capacity(rest.len());
    CONTACT.replace_all_with(&rest, &mut out, |_, _, dst| {
        dst.push(' ');
        true
    });
    let rest = out;
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    let digits = rest.chars().any(|c| c.is_ascii_digit());
    if letters > CONTACT_SLACK || (strong == 0 && !digits) {
        return None;
    }
    Some(format!(
        "contact line: {strong} addresses or numbers and {labels} labels, nothing else"
    ))
}

static CONTROLS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::terms(lexicon::PAGE_CONTROLS).into_iter().collect());
static BRACKETED: Pattern =
    Pattern::new(|| r"^(?:\s*[【\[〖［]\s*[^】\]〗］]{1,12}\s*[】\]〗］]\s*)+$".into());
static SEGMENT: Pattern = Pattern::new(|| r"[【\[〖［]\s*([^】\]〗］]{1,12})\s*[】\]〗］]".into());
/// Longest control word that a page control may be (`我要打印`, `关闭本页`).
const CONTROL_CHARS: usize = 6;
/// Fewest bare control words on a line of page controls: one word alone
/// (`打印`, `关闭`) may be text.
const CONTROL_WORDS_MIN: usize = 2;

/// Does `s` consist of page-control words (`打印本页`, `我要纠错`, `大 中 小`)?
fn is_control(s: &str) -> bool {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':' | '|' | '/'))
        .collect();
    let s = s.strip_prefix("我要").unwrap_or(&s);
    if s.is_empty() || s.chars().count() > CONTROL_CHARS {
        return false;
    }
    // Cover the word with control terms, longest first.
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for n in (1..=rest.chars().count()).rev() {
            let end = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
            if CONTROLS.contains(&rest[..end]) {
                rest = &rest[end..];
                continue 'outer;
            }
        }
        return false;
    }
    true
}

/// A line of page controls: bracketed (`【我要打印】【关闭本页】`) or bare
/// words set apart by spaces or bars (`打印 | 关闭`).
pub(super) fn controls(t: &str) -> Option<String> {
    if t.trim_start().starts_with(['【', '[', '〖', '［']) && BRACKETED.is_match(t) {
        let segs: Vec<&str> = SEGMENT
            .captures_iter(t)
            .map(|c| c.get(1).map_or("", |m| m.as_str()))
            .collect();
        if segs.iter().any(|s| is_control(s)) {
            return Some(format!("{} bracketed page controls", segs.len()));
        }
        return None;
    }
    let mut words = t
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '/' | '·'))
        .filter(|w| !w.is_empty());
    let n = words.clone().count();
    (n >= CONTROL_WORDS_MIN && words.all(is_control))
        .then(|| format!("{n} page-control words and nothing else"))
}

static LABELS: LazyLock<AhoCorasick> = LazyLock::new(|| matcher(lexicon::PAGE_LABELS));
static COUNTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::terms(lexicon::PAGE_COUNTERS).into_iter().collect());
/// Longest line read as a page's header or footer fields.
const LABEL_LINE_CHARS: usize = 80;
/// Fewest field labels (`发布时间：`, `来源：`) on a line of page fields
/// without a counter: one label alone may head the document's own text.
const LABELS_MIN: usize = 2;

/// A web page's article fields: two labels (`发布时间：… 来源：…`) or a
/// counter with its number (`阅读次数：1253`), each label followed by `：`.
pub(super) fn page_labels(t: &str) -> Option<String> {
    if t.chars().count() > LABEL_LINE_CHARS || t.ends_with(['。', '；', '，']) {
        return None;
    }
    let mut labels = Vec::new();
    let mut counter = false;
    for m in LABELS.find_iter(t) {
        let after = t[m.end()..].trim_start();
        // A label starts the line or follows a space or bar, and a colon follows it.
        let before = t[..m.start()].chars().next_back();
        let free = before.is_none_or(|c| c.is_whitespace() || matches!(c, '|' | '｜' | '】' | ']'));
        if !free || !after.starts_with(['：', ':']) {
            continue;
        }
        let value = after[after.chars().next().map_or(0, char::len_utf8)..].trim_start();
        if COUNTERS.contains(&t[m.range()]) && value.starts_with(|c: char| c.is_ascii_digit()) {
            counter = true;
        }
        labels.push(&t[m.range()]);
    }
    (labels.len() >= LABELS_MIN || counter).then(|| format!("page fields: {}", labels.join("、")))
}

/// GB/T 9704 notes on circulation standing alone in brackets: `（此件公开发布）`,
/// `（此页无正文）`, `（本件依申请公开）`.
static PUBLICATION_NOTE: Pattern =
    Pattern::new(|| r"^[（(]\s*(?:此件|本件|此页|本页)[^（）()]{1,16}[)）]$".into());

/// A date as a signature gives it: `2018年12月4日`, `二〇一八年十二月四日`.
static SIGNATURE_DATE: Pattern = Pattern::new(|| {
    r"^[0-9〇零一二三四五六七八九]{4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日$".into()
});
/// Lines looked back over for the signature date a note belongs under.
const NOTE_LOOKBACK: usize = 3;

/// A circulation note (`（此件公开发布）`) belongs under the signature date
/// (GB/T 9704 附注); standing anywhere else it was carried in from another
/// page or document. `kept(j)` says whether line `j` is still kept.
pub(super) fn circulation_notes(
    texts: &[Cow<str>],
    kept: impl Fn(usize) -> bool,
) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        if !kept(i) || !PUBLICATION_NOTE.is_match(t) {
            continue;
        }
        let under_date = (0..i)
            .rev()
            .filter(|&j| kept(j))
            .take(NOTE_LOOKBACK)
            .any(|j| SIGNATURE_DATE.is_match(texts[j].trim()));
        if !under_date {
            out.push((
                i,
                "circulation note (GB/T 9704 附注) away from the signature date it belongs under"
                    .into(),
            ));
        }
    }
    out
}

/// Notes under a figure or table naming where its data came from.
static SOURCE_NOTE: Pattern = Pattern::new(|| {
    r"^(?:(?:资料|数据|图表|图片|表格)来源|(?:注|备注|说明|图注|表注)\s*\d?\s*[：:].{0,60}?(?:来源|出处|引自|摘自|取自|来自))".into()
});
/// Longest line read as a source note.
const NOTE_CHARS: usize = 80;

/// A source note (`注：图中数据来源于…`, `资料来源：…`): a figure's caption,
/// or a table's when it names a table.
pub(super) fn source_note(t: &str) -> Option<(Reason, String)> {
    if t.chars().count() > NOTE_CHARS || !SOURCE_NOTE.is_match(t) {
        return None;
    }
    let table = t.contains('表') && !t.contains('图');
    let reason = if table {
        Reason::TableCaption
    } else {
        Reason::FigureCaption
    };
    Some((reason, "source note under a figure or table".into()))
}

/// Letters of a script that is neither Han nor Latin: kana, Hangul,
/// Cyrillic, Greek, Arabic, Thai, Devanagari …
static OTHER_SCRIPT: Pattern =
    Pattern::new(|| r"[\p{L}&&[^\p{Han}\p{Latin}\p{Common}\p{Inherited}]]".into());
/// Fewest letters of another script that make a passage.
const SCRIPT_MIN: usize = 4;
/// Han characters per letter of another script beyond which the letters are
/// too few to make a passage: Japanese mixes kanji with kana, and a fifth
/// of kana is already Japanese.
const HAN_PER_SCRIPT_LETTER: usize = 5;

/// A passage in another script (Japanese, Korean, Russian …) inside a
/// document written in Han or Latin script.
pub(super) fn other_script(t: &str) -> Option<String> {
    // ASCII, Han, general and CJK punctuation and full-width forms hold no
    // letter of another script: a line made of them only is not searched.
    let plain = |c: char| {
        c.is_ascii()
            || is_cjk(c)
            || matches!(u32::from(c), 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF65)
    };
    if t.chars().all(plain) {
        return None;
    }
    let letters: Vec<char> = OTHER_SCRIPT
        .find_iter(t)
        .filter_map(|m| m.as_str().chars().next())
        .collect();
    let han = t.chars().filter(|&c| is_cjk(c)).count();
    if letters.len() < SCRIPT_MIN || letters.len() * HAN_PER_SCRIPT_LETTER < han {
        return None;
    }
    Some(format!(
        "{} letters of the {} script",
        letters.len(),
        script_name(letters[0])
    ))
}

fn script_name(c: char) -> &'static str {
    match c as u32 {
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D => "Japanese kana",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Korean Hangul",
        0x0400..=0x052F => "Cyrillic",
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "Greek",
        0x0590..=0x05FF => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F => "Arabic",
        0x0E00..=0x0E7F => "Thai",
        0x0900..=0x097F => "Devanagari",
        _ => "another",
    }
}

static HAN_COMMON: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::of(
        lexicon::terms(lexicon::HAN_COMMON)
            .into_iter()
            .filter_map(|t| t.chars().next()),
    )
});

/// A set of characters as a bitmap of the Basic Multilingual Plane (8 KB)
/// and a sorted list of the rest: asked once per character of every line,
/// where hashing each costs more than the judgement.
struct CharSet {
    bmp: Vec<u64>,
    astral: Vec<char>,
}

impl CharSet {
    fn of(chars: impl Iterator<Item = char>) -> Self {
        let mut set = CharSet {
            bmp: vec![0; 0x10000 / 64],
            astral: Vec::new(),
        };
        for c in chars {
            match usize::try_from(u32::from(c)) {
                Ok(u) if u < 0x10000 => set.bmp[u / 64] |= 1 << (u % 64),
                _ => set.astral.push(c),
            }
        }
        set.astral.sort_unstable();
        set
    }

    fn contains(&self, c: char) -> bool {
        let u = u32::from(c) as usize;
        if u < 0x10000 {
            self.bmp[u / 64] & (1 << (u % 64)) != 0
        } else {
            self.astral.binary_search(&c).is_ok()
        }
    }
}

/// Fewest Han characters for the rare-character test.
const RARE_MIN: usize = 3;
/// Share of a line's Han characters (numerator, denominator) outside
/// everyday use that makes it debris. Set on the dev cases.
const RARE_SHARE: (usize, usize) = (2, 3);

/// Han characters that are strokes or rare forms (`丨丨 丿 亅 丶丶`): OCR reads
/// rules, specks and table borders as them. [`RARE_SHARE`] outside everyday
/// use is debris.
pub(super) fn rare_han(t: &str) -> Option<String> {
    let (mut han, mut rare) = (0, 0);
    for c in t.chars().filter(|&c| is_cjk(c)) {
        han += 1;
        rare += usize::from(!HAN_COMMON.contains(c));
    }
    if han < RARE_MIN {
        return None;
    }
    let (num, den) = RARE_SHARE;
    (rare * den >= han * num).then(|| {
        format!(
            "{rare} of {han} Han characters are strokes or rare forms outside everyday vocabulary"
        )
    })
}

/// Full-width ASCII forms (`ｌ１：；`) to ASCII, for judging a line's make-up.
pub(super) fn ascii_width(t: &str) -> String {
    t.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Pattern {
        Pattern::new(|| r"(?i)(?:https?://|www\.)\S+".into())
    }

    #[test]
    fn contact_lines_are_made_of_addresses() {
        for t in [
            "E-mail: office@city-planning.gov.cn",
            "电话：0731-88881234  传真：0731-88885678",
            "Tel: +86 10 6609 1234; Fax: 010-66091235",
            "邮箱：zhengce@mail.example.org",
            "咨询电话：400-123-4567",
            "联系电话：13912345678",
            "服务热线：12345",
        ] {
            assert!(contact(t, &url()).is_some(), "{t}");
        }
        for t in [
            "联系人：王明，联系电话：0731-88881234",
            "各地要公布举报电话，接受群众监督。",
            "电话会议",
            "2022年3月1日",
            "设立12345政务服务便民热线。",
        ] {
            assert!(contact(t, &url()).is_none(), "{t}");
        }
    }

    #[test]
    fn control_lines() {
        for t in [
            "【打印本页】【关闭窗口】",
            "【我要纠错】",
            "[ 打印 ] [ 关闭 ]",
            "【字体：大 中 小】【打印】",
            "打印 | 关闭",
            "返回顶部",
        ] {
            assert!(controls(t).is_some() || t == "返回顶部", "{t}");
        }
        for t in [
            "【专栏1】",
            "【案例】深化改革",
            "打印机 采购",
            "关闭 违规 企业",
        ] {
            assert!(controls(t).is_none(), "{t}");
        }
    }

    #[test]
    fn page_label_lines() {
        for t in [
            "浏览次数：88  更新时间：2021-01-02",
            "点击量：3021",
            "发布时间：2019-05-06 来源：市政府办公室",
            "作者：李明 | 编辑：张华",
        ] {
            assert!(page_labels(t).is_some(), "{t}");
        }
        for t in [
            "来源：国家统计局。",
            "发布时间：2019年5月6日",
            "本次活动的阅读量显著上升",
            "编辑出版：省教育厅",
        ] {
            assert!(page_labels(t).is_none(), "{t}");
        }
    }

    #[test]
    fn notes_and_scripts() {
        let doc = |lines: &[&str]| -> Vec<usize> {
            let texts: Vec<Cow<str>> = lines.iter().map(|&s| Cow::Borrowed(s)).collect();
            circulation_notes(&texts, |_| true)
                .into_iter()
                .map(|v| v.0)
                .collect()
        };
        let signed = ["国务院办公厅", "2018年12月4日", "（此件公开发布）"];
        assert!(doc(&signed).is_empty());
        assert!(doc(&["国务院办公厅", "二〇一九年一月八日", "(此件不予公开)"]).is_empty());
        let astray = ["一、总体要求", "（此件公开发布）", "加快发展。"];
        assert_eq!(doc(&astray), [1]);
        assert_eq!(doc(&["正文。", "（此页无正文）"]), [1]);
        assert!(doc(&[
            "正文。",
            "（此件由省教育厅负责解释，自发布之日起施行并持续有效）"
        ])
        .is_empty());
        assert_eq!(
            source_note("资料来源：省统计局2021年统计年鉴").map(|v| v.0),
            Some(Reason::FigureCaption)
        );
        assert_eq!(
            source_note("注：本表数据来自各市州上报。").map(|v| v.0),
            Some(Reason::TableCaption)
        );
        assert!(source_note("注：1.本表数据截至2022年底。").is_none());
        for t in [
            "この政策は地方の発展に寄与するものである。",
            "본 연구는 지역 간 격차를 분석하였다.",
            "Результаты исследования показывают рост.",
        ] {
            assert!(other_script(t).is_some(), "{t}");
        }
        for t in ["推进αβ测试平台建设", "日本东京都", "（ア）项目", "Ω"] {
            assert!(other_script(t).is_none(), "{t}");
        }
    }

    #[test]
    fn rare_strokes() {
        assert!(rare_han("丨丨 丿 亅 丶丶").is_some());
        assert!(rare_han("冂 凵 匚 卩").is_some());
        for t in ["李 强", "总理　　李强", "目  录", "堃旻公司发展"] {
            assert!(rare_han(t).is_none(), "{t}");
        }
        assert_eq!(ascii_width("ｌｌ１ ｉ ：：；；"), "ll1 i ::;;");
    }
}
