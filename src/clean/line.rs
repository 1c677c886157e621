//! Rules that judge one line by its own form: captions, URLs, page markers,
//! web chrome, foreign-language passages, garbage, TOC entries.

use super::forms;
use super::text::{is_cjk, Profile};
use crate::model::Reason;
use crate::pattern::Pattern;

static FIG_EN: Pattern = Pattern::new(|| {
    r"^(?i:fig(?:ure)?\.?|chart|exhibit|plate|scheme)\s*[0-9]+(?:[.\-–][0-9]+)*[a-z]?\s*[.:：|]?(?:\s+|$)".into()
});
static TAB_EN: Pattern = Pattern::new(|| {
    r"^(?i:tab(?:le)?\.?)\s*[0-9]+(?:[.\-–][0-9]+)*[a-z]?\s*[.:：|]?(?:\s+|$)".into()
});
static FIG_ZH: Pattern = Pattern::new(|| {
    r"^(?:附)?图\s*[0-9]+(?:\s*[-－—.．]\s*[0-9]+)*(?:\s*[：:．.、]\s*|\s+)\S".into()
});
static TAB_ZH: Pattern = Pattern::new(|| {
    r"^续?表\s*[0-9]+(?:\s*[-－—.．]\s*[0-9]+)*\s*$|^(?:续)?表\s*[0-9]+(?:\s*[-－—.．]\s*[0-9]+)*(?:\s*[：:．.、]\s*|\s+)\S|^附表\s*[0-9]*(?:\s*[-－—.．]\s*[0-9]+)*(?:\s*[：:．.、]\s*|\s+)\S".into()
});
/// A caption continued on the next page: `表2（续）`, `续表3`, `（续表）`, `续上表`.
static CONTINUED: Pattern = Pattern::new(|| {
    r"^(?:附|续)?([图表])\s*(?:[0-9]+|[一二三四五六七八九十]+)(?:\s*[-－—.．]\s*[0-9]+)*\s*[（(]\s*续\s*[)）]|^[（(]?\s*续\s*(?:上)?([图表])\s*[0-9]*\s*[)）]?$".into()
});

static URL: Pattern = Pattern::new(|| {
    format!(
        r"(?i)(?:https?://|ftp://|www\.)[^\s，。；、（）()<>《》]+|\bdoi\s*[:：]\s*10\.\d{{4,}}/\S+|\b10\.\d{{4,9}}/[-._;()/:a-z0-9]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{})(?:\.cn)?(?:/[^\s，。；]*)?",
        TOP_LEVEL_DOMAINS.join("|")
    )
});
/// A label that may introduce a URL: 来源、网址、链接、原文 …
static URL_LABEL: Pattern = Pattern::new(|| {
    r"^(?:来源|信息来源|文章来源|网址|链接|原文链接|原文地址|网站|地址|URL|url|Source|source|Available at|详见|参见)?\s*[：:]?\s*$".into()
});
/// Journal headers: `International Journal of … 2020, 17, 2791`, `J. Clin. Med. 2021, 10, 12`.
static JOURNAL: Pattern = Pattern::new(|| {
    r"^[A-Z][A-Za-z.&\-]*\s+(?:(?:[A-Z][A-Za-z.&\-]*|of|and|the|for|in|on|&)\s+){0,14}(?:19|20)\d{2}\s*[,;]\s*\d+(?:\s*\(\d+\))?\s*[,:]\s*[0-9e\-–]+\.?$".into()
});

static PAGE: [Pattern; 8] = [
    Pattern::new(|| {
        r"^[-—–－─_~·•=*\s]*[-—–－─~·•]\s*\d{1,4}\s*[-—–－─~·•][-—–－─_~·•=*\s]*$".into()
    }),
    // The same read by OCR, which takes the dash for the numeral `一` it
    // looks like (`一 13 一`): no text writes a number between two of them.
    Pattern::new(|| r"^一\s*\d{1,4}\s*[一—–－-]$|^[—–－-]\s*\d{1,4}\s*一$".into()),
    Pattern::new(|| {
        r"^[-—–－─=*#\s]*第\s*\d{1,4}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,4}\s*页)?[-—–－─=*\s]*$"
            .into()
    }),
    Pattern::new(|| r"^共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页$".into()),
    Pattern::new(|| r"^第\s*[一二三四五六七八九十百零〇]+\s*页$".into()),
    Pattern::new(|| r"^\d{1,4}\s*/\s*\d{1,4}$".into()),
    Pattern::new(|| r"^\d{1,4}\s*／\s*\d{1,4}$".into()),
    Pattern::new(|| r"^(?i:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$".into()),
];
static TABLE_RULE: Pattern =
    Pattern::new(|| r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?)?\s*$".into());
static BARE_NUMBER: Pattern = Pattern::new(|| r"^\d{1,3}$".into());

/// Web and print chrome: every pattern needs a chrome word, not a policy phrase.
static CHROME: Pattern = Pattern::new(|| {
    concat!(
        r"^扫一扫|扫一扫.{0,6}(?:打开|分享|关注)|在手机[上中]?打开|^手机扫码|微信扫一扫|打印本页|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\]",
        r"|^(?:责任)?编辑\s*[：:]|^责任编辑|^(?:审核|校对|来源|发布时间|发布日期|浏览次数|阅读次数|点击数|访问量|作者)\s*[：:].{0,30}(?:浏览|点击|阅读|字号|编辑|打印)",
        r"|版权所有|ICP\s*备|网站标识码|公网安备|京公网|网站地图|联系我们|^主办单位\s*[：:]|^承办单位\s*[：:]|技术支持\s*[：:]",
        r"|^当前位置|^您的位置|^您现在的位置|^首页\s*[>＞»›]",
        r"|^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s",
        r"|^分享到|^分享\s*[：:]|【字体|字号\s*[：:]?\s*[大中小]|\[\s*大\s*中\s*小\s*\]|^收藏本页|加入收藏|设为首页|返回顶部|^上一篇|^下一篇|^相关链接|^相关阅读|^相关文章",
        r"|如有侵权.{0,3}请|联系删除|转载请注明|本文来源于|来源于网络|版权归原作者|请勿转载|未经授权.{0,6}转载",
        r"|^【?(?:我要)?纠错】?$|^【?\s*(?:打印|关闭|收藏|返回)\s*】?(?:\s*【?\s*(?:打印|关闭|收藏|返回)\s*】?)*$",
    ).into()
});

/// Closing clause of a document: `本办法自发布之日起施行`.
/// The word a closing clause uses for a document of no stated type
/// (`本文件自印发之日起施行`).
pub(crate) const GENERIC_DOC: &str = "文件";

static CLOSING: Pattern = Pattern::new(|| {
    format!(
        r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.．、]|第[一二三四五六七八九十百零]+条\s*)?\s*本({}|{GENERIC_DOC})(?:自|从|由).{{0,30}}(?:施行|实施|生效|执行)",
        crate::lexicon::alternation(crate::lexicon::DOC_TYPES)
    )
});

static TOC_LEADER: Pattern = Pattern::new(|| {
    r"^(.{1,60}?)\s*(?:[.．·…‥。\-—_]\s*){3,}\s*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?$".into()
});

/// Longest line read as a Chinese figure or table caption: a caption is a
/// short title, a longer line starting `图 N` is a sentence citing it.
/// Set on the dev cases.
const ZH_CAPTION_MAX_CHARS: usize = 50;
/// Longest line read as web or print chrome: chrome words inside a longer
/// line are the document's prose. Set on the dev cases.
const CHROME_MAX_CHARS: usize = 80;

/// Line-local verdict for `text` (already trimmed). In a document written in
/// a Latin script (`latin_doc`), Latin text is the document's own language:
/// no foreign-language verdicts and no letter-based debris guesses.
pub(crate) fn judge(text: &str, latin_doc: bool) -> Option<(Reason, String)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let p = Profile::of(t);
    let n = t.chars().count();
    if let Some(v) = url(t).or_else(|| forms::contact(t, &URL)) {
        return Some((Reason::Url, v));
    }
    // A page marker is mostly symbols by nature (`-- 10 --`): it is checked
    // before debris.
    if is_page_marker(t) {
        return Some((Reason::PageNumber, "page marker form".into()));
    }
    // Letters of another script are language, whatever else the line holds.
    if let Some(v) = forms::other_script(t) {
        return Some((Reason::ForeignLanguage, v));
    }
    if let Some(v) = garbage(t, &p, latin_doc).or_else(|| forms::rare_han(t)) {
        return Some((Reason::Garbage, v));
    }
    if let Some(v) = toc_entry(t) {
        return Some((Reason::Toc, v));
    }
    if let Some(v) = en_caption(t, n, &p) {
        return Some(v);
    }
    if n <= ZH_CAPTION_MAX_CHARS && !ends_clause(t) && FIG_ZH.is_match(t) {
        return Some((
            Reason::FigureCaption,
            "Chinese figure caption (图 N …)".into(),
        ));
    }
    if let Some(c) = CONTINUED.captures(t) {
        let table = c.get(1).or(c.get(2)).is_some_and(|m| m.as_str() == "表");
        let reason = if table {
            Reason::TableCaption
        } else {
            Reason::FigureCaption
        };
        return Some((reason, "caption continued from the page before".into()));
    }
    if let Some(v) = forms::source_note(t) {
        return Some(v);
    }
    if n <= ZH_CAPTION_MAX_CHARS && !ends_clause(t) && TAB_ZH.is_match(t) {
        return Some((
            Reason::TableCaption,
            "Chinese table caption (表 N … / 附表)".into(),
        ));
    }
    if n <= CHROME_MAX_CHARS {
        if let Some(m) = CHROME.find(t) {
            return Some((
                Reason::Boilerplate,
                format!("web/print chrome: `{}`", m.as_str()),
            ));
        }
    }
    if let Some(v) = forms::controls(t).or_else(|| forms::page_labels(t)) {
        return Some((Reason::Boilerplate, v));
    }
    if latin_doc {
        return None;
    }
    if let Some(v) = foreign(t, &p) {
        return Some((Reason::ForeignLanguage, v));
    }
    None
}

/// Longest line read as an English figure or table caption: a caption may
/// run to a long descriptive sentence. Set on the dev cases.
const EN_CAPTION_MAX_CHARS: usize = 400;
/// Fewest Latin letters in an English caption: a caption names what it
/// shows. Set on the dev cases.
const EN_CAPTION_MIN_LETTERS: usize = 6;

/// An English figure or table caption (`Figure 2. …`, `Table 3: …`): `n`
/// characters profiled `p`, no Han among them.
fn en_caption(t: &str, n: usize, p: &Profile) -> Option<(Reason, String)> {
    if n > EN_CAPTION_MAX_CHARS || p.latin < EN_CAPTION_MIN_LETTERS || p.cjk != 0 {
        return None;
    }
    if FIG_EN.is_match(t) {
        return Some((
            Reason::FigureCaption,
            "English figure caption (Figure/Fig. N)".into(),
        ));
    }
    TAB_EN.is_match(t).then(|| {
        (
            Reason::TableCaption,
            "English table caption (Table N)".into(),
        )
    })
}

/// Ends like a running sentence (a wrapped fragment or a clause), not a caption.
fn ends_clause(t: &str) -> bool {
    t.ends_with(['。', '，', '；', '、', '：'])
}

/// Longest line read as a page marker: GB/T 9704 page furniture is short
/// (`第 12 页 共 30 页` with its dashes and spaces).
const PAGE_MARKER_MAX_CHARS: usize = 24;

/// A page number or page marker other than a bare number.
pub(crate) fn is_page_marker(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() <= PAGE_MARKER_MAX_CHARS && PAGE.iter().any(|r| r.is_match(t))
}

/// A bare small number: a page number only in the right company.
pub(crate) fn is_bare_number(t: &str) -> bool {
    BARE_NUMBER.is_match(t.trim())
}

/// Every form [`URL`] matches holds `://`, or a dot after `www` or `10`
/// (`www.`, `doi:10.1000/…`, `10.1000/…`) or before a top-level domain
/// (`host.gov.cn`), ASCII letters in any case: a line without one (most lines,
/// a `1.` or a `：` notwithstanding) is not searched, since the search walks
/// the line with Unicode word boundaries, on the slowest engine.
pub(super) fn may_hold_address(t: &str) -> bool {
    if t.contains("://") {
        return true;
    }
    let b = t.as_bytes();
    let ends =
        |s: &[u8], w: &[u8]| s.len() >= w.len() && s[s.len() - w.len()..].eq_ignore_ascii_case(w);
    let starts = |s: &[u8], w: &[u8]| s.len() >= w.len() && s[..w.len()].eq_ignore_ascii_case(w);
    t.match_indices('.').any(|(i, _)| {
        let (before, after) = (&b[..i], &b[i + 1..]);
        before.ends_with(b"10")
            || ends(before, b"www")
            || TOP_LEVEL_DOMAINS
                .iter()
                .any(|d| starts(after, d.as_bytes()))
    })
}

/// The top-level domains [`URL`] knows a bare host by, as written in it.
const TOP_LEVEL_DOMAINS: [&str; 9] = ["com", "net", "org", "edu", "gov", "cn", "int", "info", "io"];

/// Most Latin letters left on an address line once its addresses are taken
/// out: a few are a label, more are a sentence around the address. Set on
/// the dev cases.
const URL_REST_MAX_LETTERS: usize = 3;
/// Share of a line's characters (numerator, denominator) its addresses must
/// cover for the line to be an address. Set on the dev cases.
const URL_SHARE: (usize, usize) = (1, 2);

fn url(t: &str) -> Option<String> {
    // A journal header opens with a capital letter.
    if t.starts_with(|c: char| c.is_ascii_uppercase())
        && JOURNAL.is_match(t)
        && Profile::of(t).cjk == 0
    {
        return Some("journal header (title, year, volume, page)".into());
    }
    if !may_hold_address(t) {
        return None;
    }
    let mut covered = 0;
    let mut rest = String::new();
    let mut last = 0;
    let mut first: Option<&str> = None;
    for m in URL.find_iter(t) {
        // A bare domain needs a dot-separated host of at least two labels.
        covered += m.as_str().chars().count();
        rest.push_str(&t[last..m.start()]);
        last = m.end();
        first.get_or_insert(m.as_str());
    }
    rest.push_str(&t[last..]);
    let first = first?;
    let rest = rest.trim();
    let rest_p = Profile::of(rest);
    // The URL must dominate: what is left is a label (来源：) or a few symbols.
    let (num, den) = URL_SHARE;
    let dominated = URL_LABEL.is_match(rest)
        || (rest_p.cjk == 0
            && rest_p.latin <= URL_REST_MAX_LETTERS
            && covered * den >= t.chars().count() * num);
    if dominated {
        return Some(format!("address `{first}` with nothing else on the line"));
    }
    None
}

/// Replacement characters (U+FFFD) that make any line debris.
const REPLACEMENTS_MIN: usize = 2;
/// Longest line that a single replacement character makes debris: in a
/// longer line it is one lost character of real text. Set on the dev cases.
const ONE_REPLACEMENT_MAX_CHARS: usize = 12;
/// Fewest radicals and strokes (`⺈ ⼀ ㇏`) that make a line debris.
const STROKES_MIN: usize = 2;
/// Share of a line's characters (numerator, denominator) that radicals and
/// strokes must reach for the line to be debris. Set on the dev cases.
const STROKE_SHARE: (usize, usize) = (1, 3);
/// Fewest characters of a line of symbols only that make it debris: one
/// mark alone may be a bullet or a separator.
const SYMBOL_LINE_MIN_CHARS: usize = 2;

/// OCR/encoding debris, judged by the mix of character classes.
fn garbage(t: &str, p: &Profile, latin_doc: bool) -> Option<String> {
    // Markdown rules (`---`, `***`) are layout, not debris.
    // Emphasis markers left on a line of their own (`**`) and table rules
    // (`|---|:--:|`) are Markdown, too.
    if TABLE_RULE.is_match(t)
        || t.chars().all(|c| c == '*' || c == '_')
        || (t.len() >= 3 && ['-', '='].iter().any(|&r| t.chars().all(|c| c == r)))
    {
        return None;
    }
    let total = p.total();
    if total == 0 {
        return None;
    }
    let bad = t.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad >= REPLACEMENTS_MIN || (bad >= 1 && total <= ONE_REPLACEMENT_MAX_CHARS) {
        return Some(format!("{bad} replacement characters (U+FFFD)"));
    }
    // The tail of a broken sentence (`%。`, `”。`, `1.5%。`) is text, not
    // debris; a run of marks (`：：；；`) ends nothing.
    const STOPS: [char; 7] = ['。', '，', '；', '：', '！', '？', '、'];
    let mut tail = t.chars().rev();
    if tail.next().is_some_and(|c| STOPS.contains(&c))
        && !tail.next().is_some_and(|c| STOPS.contains(&c))
    {
        return None;
    }
    // Radicals and strokes (⺈ ⼀ ㇏) stand in for characters only in OCR debris.
    let strokes = t
        .chars()
        .filter(|&c| matches!(c as u32, 0x2E80..=0x2FDF | 0x31C0..=0x31EF))
        .count();
    let (num, den) = STROKE_SHARE;
    if strokes >= STROKES_MIN && strokes * den >= total * num {
        return Some(format!(
            "{strokes} of {total} characters are radicals or strokes"
        ));
    }
    if let Some(unit) = repeated_unit(t) {
        return Some(format!(
            "a unit of {unit} characters repeated over the whole line (mojibake)"
        ));
    }
    if p.cjk == 0 && p.latin == 0 && p.digit == 0 && total >= SYMBOL_LINE_MIN_CHARS {
        return Some(format!(
            "only symbols ({total} non-space characters, no letters or digits)"
        ));
    }
    // HTML comments and markup are the segment stage's business.
    if t.starts_with("<!--") {
        return None;
    }
    if p.cjk == 0 {
        latin_debris(t, p, latin_doc)
    } else {
        cjk_in_symbols(t, total)
    }
}

/// Fewest characters of a line judged Latin debris by its make-up.
/// Set on the dev cases.
const DEBRIS_MIN_CHARS: usize = 4;
/// Longest Latin word of a debris line: a line with a longer word has a
/// real word in it. Set on the dev cases.
const DEBRIS_MAX_WORD: usize = 3;
/// Share of a line's characters (numerator, denominator) that confusable
/// strokes (`l 1 I | !`) must reach for it to be debris. Set on the dev cases.
const CONFUSABLE_SHARE: (usize, usize) = (6, 10);
/// Share of a line's characters (numerator, denominator) that symbols must
/// exceed, and digits stay under, for a wordless line to be debris (a line
/// mostly of digits is a number, a date or a table row).
const SYMBOL_SHARE: (usize, usize) = (1, 2);
/// Fewest Latin tokens read as OCR gibberish.
const GIBBERISH_MIN_WORDS: usize = 4;
/// Longest token counted as short (one or two letters) in OCR gibberish.
const SHORT_TOKEN_MAX: usize = 2;
/// Share of the tokens (numerator, denominator) that must be short for a
/// line to be gibberish. Set on the dev cases.
const SHORT_TOKEN_SHARE: (usize, usize) = (7, 10);
/// Average token length under which short tokens are gibberish, not a
/// sentence of short words. Set on the dev cases.
const GIBBERISH_MAX_AVG: f64 = 2.6;
/// Share of the tokens (numerator, denominator) with mixed case inside
/// (`tHe`) that must be exceeded for a line to be gibberish.
const MIXED_CASE_SHARE: (usize, usize) = (1, 2);
/// Average token length under which mixed-case tokens are gibberish, not
/// names and acronyms. Set on the dev cases.
const MIXED_CASE_MAX_AVG: f64 = 3.5;

/// A line without Han characters that is OCR debris: confusable strokes,
/// symbols, or letter soup with no real word.
fn latin_debris(t: &str, p: &Profile, latin_doc: bool) -> Option<String> {
    let total = p.total();
    let t = &forms::ascii_width(t);
    // Confusable strokes (l 1 I | !) and symbols with hardly any real word.
    // A `1` beside a digit, or a stop after one, is part of a number
    // (`5131.`, a citation's last line), not a stroke.
    let cs: Vec<char> = t.chars().collect();
    let digit_at = |k: usize| cs.get(k).is_some_and(char::is_ascii_digit);
    let after_digit = |k: usize| k > 0 && digit_at(k - 1);
    let confusable = (0..cs.len())
        .filter(|&k| {
            let c = cs[k];
            "l1I|!i:;.,'`".contains(c)
                && !(c == '1' && (after_digit(k) || digit_at(k + 1)))
                && !(".,:;".contains(c) && after_digit(k))
        })
        .count();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let (num, den) = CONFUSABLE_SHARE;
    if total >= DEBRIS_MIN_CHARS && confusable * den >= total * num && longest <= DEBRIS_MAX_WORD {
        return Some(format!(
            "{confusable} of {total} characters are confusable strokes (l 1 I |)"
        ));
    }
    let (num, den) = SYMBOL_SHARE;
    if total >= DEBRIS_MIN_CHARS
        && p.other * den > total * num
        && longest <= DEBRIS_MAX_WORD
        && p.digit * den < total * num
    {
        return Some(format!("{} of {total} characters are symbols", p.other));
    }
    // OCR gibberish: many one-or-two-letter tokens, mixed case, no real word.
    if words.len() >= GIBBERISH_MIN_WORDS && !latin_doc {
        let short = words.iter().filter(|w| w.len() <= SHORT_TOKEN_MAX).count();
        let capsy = words
            .iter()
            .filter(|w| {
                w.len() >= 2
                    && w.chars().skip(1).any(|c| c.is_ascii_uppercase())
                    && w.chars().any(|c| c.is_ascii_lowercase())
            })
            .count();
        let avg = words.iter().map(|w| w.len()).sum::<usize>() as f64 / words.len() as f64;
        let (num, den) = SHORT_TOKEN_SHARE;
        if short * den >= words.len() * num && avg < GIBBERISH_MAX_AVG && !has_function_word(&words)
        {
            return Some(format!(
                "{short} of {} Latin tokens have one or two letters (OCR debris)",
                words.len()
            ));
        }
        let (num, den) = MIXED_CASE_SHARE;
        if capsy * den > words.len() * num && avg < MIXED_CASE_MAX_AVG {
            return Some(format!(
                "{capsy} of {} tokens have mixed case inside",
                words.len()
            ));
        }
    }
    None
}

/// Fewest box and shape symbols (`■ ▲ ◆`) that drown a CJK line.
const BOX_SYMBOLS_MIN: usize = 3;
/// Share of a CJK line's characters (numerator, denominator) that box and
/// shape symbols must reach for it to be debris. Set on the dev cases.
const BOX_SYMBOL_SHARE: (usize, usize) = (1, 2);

/// A CJK line drowned in symbols: `■■■ 的 ▲▲`.
fn cjk_in_symbols(t: &str, total: usize) -> Option<String> {
    let sym = t
        .chars()
        .filter(|&c| {
            matches!(c as u32, 0x2500..=0x27BF | 0x2B00..=0x2BFF | 0xE000..=0xF8FF)
                || c == '\u{FFFD}'
                || c == '※'
        })
        .count();
    let (num, den) = BOX_SYMBOL_SHARE;
    if sym >= BOX_SYMBOLS_MIN && sym * den >= total * num {
        return Some(format!("{sym} of {total} characters are box/shape symbols"));
    }
    None
}

/// Longest unit a mojibake line repeats: `锟斤拷` is three characters.
const REPEAT_UNIT_MAX: usize = 3;
/// Shortest line read as a repeated unit: `烫烫` may be a word, `烫烫烫烫`
/// is mojibake.
const REPEAT_MIN_CHARS: usize = 4;
/// Fewest repetitions of a unit of two or three characters.
const REPEAT_MIN_UNITS: usize = 2;

/// The length of a unit of 1–[`REPEAT_UNIT_MAX`] characters the whole line
/// repeats, at least [`REPEAT_MIN_CHARS`] characters long (`锟斤拷锟斤拷`,
/// `烫烫烫烫`); CJK only.
fn repeated_unit(t: &str) -> Option<usize> {
    let c: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    if c.len() < REPEAT_MIN_CHARS || !c.iter().all(|&x| is_cjk(x)) {
        return None;
    }
    (1..=REPEAT_UNIT_MAX).find(|&u| {
        let min_units = if u == 1 {
            REPEAT_MIN_CHARS
        } else {
            REPEAT_MIN_UNITS
        };
        c.len() % u == 0 && c.len() / u >= min_units && c.chunks(u).all(|k| k == &c[..u])
    })
}

fn has_function_word(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "of" | "in"
                | "on"
                | "to"
                | "is"
                | "at"
                | "by"
                | "an"
                | "as"
                | "or"
                | "we"
                | "it"
                | "be"
        )
    })
}

/// Fewest Latin letters in a foreign-language passage. Set on the dev cases.
const FOREIGN_MIN_LETTERS: usize = 12;
/// How many times the Latin letters must outnumber the CJK characters of
/// a foreign-language passage. Set on the dev cases.
const FOREIGN_OVER_CJK: usize = 8;
/// Fewest letters of a token counted as a word.
const WORD_MIN_LETTERS: usize = 2;
/// Share of a token's characters (numerator, denominator) that must be
/// letters for it to be a word, not a code or a number.
const WORD_LETTER_SHARE: (usize, usize) = (6, 10);
/// Fewest words in a foreign-language passage. Set on the dev cases.
const FOREIGN_MIN_WORDS: usize = 3;
/// Share of a line's characters (numerator, denominator) that must be Latin
/// letters for a foreign-language passage. Set on the dev cases.
const FOREIGN_LETTER_SHARE: (usize, usize) = (5, 10);

/// A passage in a Latin-script language: whole sentences, abstracts, keywords.
fn foreign(t: &str, p: &Profile) -> Option<String> {
    let letters = p.latin;
    if letters < FOREIGN_MIN_LETTERS || p.cjk * FOREIGN_OVER_CJK > letters {
        return None;
    }
    // Words are separated by spaces: a file path or an identifier is one token.
    let words = t
        .split_whitespace()
        .filter(|w| {
            let letters = w
                .chars()
                .filter(|c| c.is_alphabetic() && !is_cjk(*c))
                .count();
            let (num, den) = WORD_LETTER_SHARE;
            letters >= WORD_MIN_LETTERS && letters * den >= w.chars().count() * num
        })
        .count();
    if words < FOREIGN_MIN_WORDS {
        return None;
    }
    // Short tokens inside Chinese (GDP, 5G, PPP) never reach
    // FOREIGN_MIN_WORDS words and FOREIGN_MIN_LETTERS letters while
    // outnumbering the CJK FOREIGN_OVER_CJK times.
    let (num, den) = FOREIGN_LETTER_SHARE;
    if letters * den < (p.total()) * num {
        return None;
    }
    Some(format!(
        "{letters} Latin letters in {words} words, {} CJK characters",
        p.cjk
    ))
}

/// Fewest letters in the heading of a contents entry: a dot leader after a
/// lone character or a number is a table row or a rule.
const TOC_HEAD_MIN_LETTERS: usize = 2;

/// A table-of-contents entry: a heading, a dot leader and a page number.
pub(crate) fn toc_entry(t: &str) -> Option<String> {
    // The pattern ends on a page number (then `页`): most lines do not, and
    // are answered without running it.
    let tail = t.strip_suffix('页').unwrap_or(t).trim_end();
    if !tail.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    let c = TOC_LEADER.captures(t)?;
    let head = c.get(1)?.as_str().trim();
    if head
        .chars()
        .filter(|&c| is_cjk(c) || c.is_alphabetic())
        .count()
        < TOC_HEAD_MIN_LETTERS
    {
        return None;
    }
    Some("entry with dot leader and page number".into())
}

/// Closing clause naming a document type: returns the type (`办法`, `条例`…).
pub(crate) fn closing_type(t: &str) -> Option<String> {
    CLOSING.captures(t).map(|c| c[1].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(t: &str) -> Option<Reason> {
        judge(t, false).map(|v| v.0)
    }

    #[test]
    fn latin_documents_keep_their_language() {
        for t in [
            "Sec. 2. Policy. It is the policy of the United States to promote competition.",
            "(a) The Secretary of Labor shall, within 90 days of the date of this order,",
            "By the authority vested in me as President by the Constitution",
            "(i) an agency; or (ii) a unit of it.",
        ] {
            assert_eq!(judge(t, true), None, "{t}");
        }
        assert_eq!(
            judge("Figure 2: Employment by sector", true).map(|v| v.0),
            Some(Reason::FigureCaption)
        );
        assert_eq!(judge("- 4 -", true).map(|v| v.0), Some(Reason::PageNumber));
    }

    #[test]
    fn captions_not_in_bank() {
        assert_eq!(
            reason("Figure 2. Distribution of county-level fiscal transfers, 2015–2020"),
            Some(Reason::FigureCaption)
        );
        assert_eq!(
            reason("Fig. 12 Workflow of the data pipeline"),
            Some(Reason::FigureCaption)
        );
        assert_eq!(
            reason("图 4 全市养老服务设施空间分布"),
            Some(Reason::FigureCaption)
        );
        assert_eq!(
            reason("图2-5：近五年研发投入变化"),
            Some(Reason::FigureCaption)
        );
        assert_eq!(
            reason("Table 3: Regression results for the baseline model."),
            Some(Reason::TableCaption)
        );
        assert_eq!(
            reason("表 7 各县区财政补助标准"),
            Some(Reason::TableCaption)
        );
        assert_eq!(reason("表3-2 主要经济指标"), Some(Reason::TableCaption));
        assert_eq!(reason("附表2 项目汇总表"), Some(Reason::TableCaption));
    }

    #[test]
    fn urls_and_pages() {
        assert_eq!(
            reason("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202301/t20230105.html"),
            Some(Reason::Url)
        );
        assert_eq!(reason("www.mof.gov.cn"), Some(Reason::Url));
        assert_eq!(
            reason("DOI: 10.1016/j.jclepro.2021.126543"),
            Some(Reason::Url)
        );
        assert_eq!(reason("信息来源：https://www.sh.gov.cn"), Some(Reason::Url));
        assert_eq!(reason("Sustainability 2021, 13, 4567"), Some(Reason::Url));
        assert_eq!(
            reason("Journal of Rural Studies and Policy 2019, 8, 112"),
            Some(Reason::Url)
        );
        for p in [
            "- 12 -",
            "—7—",
            "第 4 页",
            "第5页 共9页",
            "3 / 21",
            "--- 第 1 页 ---",
            "第01页",
            "Page 4 of 10",
            "·8·",
            "-- 10 --",
            "- 14 --",
        ] {
            assert_eq!(reason(p), Some(Reason::PageNumber), "{p}");
        }
    }

    #[test]
    fn chrome_garbage_foreign() {
        assert_eq!(reason("微信扫一扫：分享"), Some(Reason::Boilerplate));
        assert_eq!(reason("【打印】【关闭】"), Some(Reason::Boilerplate));
        assert_eq!(reason("责任编辑：李华"), Some(Reason::Boilerplate));
        assert_eq!(
            reason("网站标识码：4300000001 湘公网安备 43010502000001号"),
            Some(Reason::Boilerplate)
        );
        assert_eq!(reason("◆ ◆ ◇ ★ ……"), Some(Reason::Garbage));
        assert_eq!(reason("I|l1 ;: |1lI"), Some(Reason::Garbage));
        assert_eq!(reason("== ** == **"), Some(Reason::Garbage));
        assert_eq!(reason("Ta EL] Sr Pe Tt HE oa"), Some(Reason::Garbage));
        assert_eq!(reason("锟斤拷��"), Some(Reason::Garbage));
        assert_eq!(reason("烫烫烫烫烫烫"), Some(Reason::Garbage));
        assert_eq!(reason("⺈ ⼁㇏ ⼂"), Some(Reason::Garbage));
        assert_eq!(reason("ＩＩｌ １ ｌ：；：；"), Some(Reason::Garbage));
        assert_eq!(reason("丨丨 丿 亅 丶丶"), Some(Reason::Garbage));
        assert_eq!(reason("表 3（续）"), Some(Reason::TableCaption));
        assert_eq!(reason("（续表）"), Some(Reason::TableCaption));
        assert_eq!(reason("图2-1 (续)"), Some(Reason::FigureCaption));
        assert_eq!(
            reason("Chart 4: Loans by region"),
            Some(Reason::FigureCaption)
        );
        assert_eq!(reason("Fax: 010-12345678"), Some(Reason::Url));
        assert_eq!(reason("【打印本页】 【关闭】"), Some(Reason::Boilerplate));
        assert_eq!(reason("点击数：42"), Some(Reason::Boilerplate));
        assert_eq!(
            reason("이 정책은 지역 발전에 기여한다."),
            Some(Reason::ForeignLanguage)
        );
        assert_eq!(reason("http://t.cn/B7y9Qz"), Some(Reason::Url));
        assert_eq!(reason("续表 3"), Some(Reason::TableCaption));
        assert_eq!(
            reason("您的位置：首页 > 信息公开 > 通知公告"),
            Some(Reason::Boilerplate)
        );
        assert_eq!(
            reason("This policy aims to improve the quality of rural primary schools."),
            Some(Reason::ForeignLanguage)
        );
        assert_eq!(
            reason("Key words: fiscal policy; rural finance"),
            Some(Reason::ForeignLanguage)
        );
        assert_eq!(reason("第一章 总则……………………1"), Some(Reason::Toc));
        assert_eq!(reason("三、保障措施 .......... 12"), Some(Reason::Toc));
    }

    #[test]
    fn real_lines_kept() {
        for t in [
            "一、总体要求",
            "湖南省教育厅",
            "2022年3月1日",
            "国发〔2018〕39号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "附件：",
            "---",
            "|---|:---:|",
            "| --- | --- |",
            "<!-- INFO END -->",
            "推动5G网络、GDP核算和PPP项目规范发展。",
            "在中国政府网（www.gov.cn）公开发布。",
            "图书馆、博物馆免费开放。",
            "表彰一批先进集体和先进个人。",
            "（三）加快发展 5G 和 IPv6 网络。",
            "第三条　本条例自2024年7月1日起施行。",
            "全国",
            "90",
            "总理　　李强",
            "为实现2035年远景目标",
            "（1）",
            "（2022—2025年）",
            "表1显示，全省职业院校在校生规模持续扩大。",
            "注：1.本表数据截至2022年底。",
            "WTO",
            "——习近平",
            "2022年",
            "第四十二条　本办法由省财政厅负责解释。",
            "推广“扫一扫”亮码通行，群众手机扫码即可办理。",
            "经营者如有侵权行为的，依法承担民事责任。",
        ] {
            assert_eq!(reason(t), None, "{t}");
        }
    }
}
