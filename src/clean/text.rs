//! Character classes and text normalisation shared by the clean rules.

pub(crate) use crate::text::is_cjk;
use std::borrow::Cow;

use crate::pattern::Pattern;

/// Counts of the character classes of a line, whitespace ignored.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Profile {
    /// CJK ideographs.
    pub cjk: usize,
    /// ASCII (or full-width) Latin letters.
    pub latin: usize,
    /// Digits.
    pub digit: usize,
    /// Everything else that is not whitespace: punctuation and symbols.
    pub other: usize,
}

impl Profile {
    /// Profiles `s`.
    pub fn of(s: &str) -> Profile {
        let mut p = Profile::default();
        for c in s.chars() {
            if c.is_whitespace() {
                continue;
            }
            if is_cjk(c) {
                p.cjk += 1;
            } else if c.is_ascii_alphabetic()
                || ('\u{FF21}'..='\u{FF5A}').contains(&c) && c.is_alphabetic()
            {
                p.latin += 1;
            } else if is_digitish(c) {
                p.digit += 1;
            } else if (c as u32) < 0x2000 && !c.is_ascii() && c.is_alphabetic() {
                // Accented Latin, Greek, Cyrillic: letters of a foreign script.
                p.latin += 1;
            } else {
                p.other += 1;
            }
        }
        p
    }

    /// All non-whitespace characters.
    pub fn total(&self) -> usize {
        self.cjk + self.latin + self.digit + self.other
    }
}

/// An ASCII or full-width digit.
fn is_digitish(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// Full-width digit or ASCII-range letter to its ASCII form.
fn half(c: char) -> Option<char> {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0)
        }
        _ => None,
    }
}

/// Normalises converter damage in kept text: full-width digits and letters to
/// ASCII (and the full-width `.`, `,`, `:`, `/`, `%` between digits), spaces
/// inside CJK runs removed, `«»` to `《》`. Full-width Chinese punctuation stays.
/// Borrowed when no step changes anything (most lines of a clean document).
pub fn normalize(text: &str) -> Cow<'_, str> {
    // Each step is skipped on a text it cannot change: ASCII punctuation for
    // the first, spaces for the second.
    let folded = fold(text);
    let punctuated = if folded.contains([',', ';', '.', '!', '?', ':', '(', ')']) {
        Cow::Owned(cjk_punctuation(&folded))
    } else {
        folded
    };
    let out = if punctuated.contains([' ', '\u{3000}']) {
        Cow::Owned(join_cjk_spaces(&punctuated))
    } else {
        punctuated
    };
    // A step may copy a line it leaves as it was (ASCII punctuation between
    // Latin words, spaces between them): the line itself then.
    match out {
        Cow::Owned(s) if s == text => Cow::Borrowed(text),
        out => out,
    }
}

/// Characters at the start of a line searched for the `)` of a leading
/// marker (`(二)`, `(12)`, `(十五)`): a longer bracket is text, not a marker.
const MARKER_SCAN_CHARS: usize = 6;

/// Chinese punctuation a PDF font mapped to ASCII, restored where Chinese
/// text surrounds it: `印发给你们,请认真落实.` → `印发给你们，请认真落实。`,
/// `方案(2022—2025年)` → `方案（2022—2025年）`. ASCII stays ASCII between
/// digits and Latin text (`3.5`, `1,000`, `(a)`, `GDP(PPP)`).
fn cjk_punctuation(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let near = |i: usize, step: isize| -> Option<char> {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < cs.len() {
            let c = cs[j as usize];
            if c != ' ' {
                return Some(c);
            }
            j += step;
        }
        None
    };
    let han = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || "》）”」】".contains(c));
    let opens = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || "《（“「【".contains(c));
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // A leading marker (`(二)`, `(3)`) is kept as written: it is evidence.
    let marker_end = (cs.first() == Some(&'('))
        .then(|| cs.iter().take(MARKER_SCAN_CHARS).position(|&c| c == ')'))
        .flatten()
        .map_or(0, |k| k + 1);
    cs.iter()
        .enumerate()
        .map(|(i, &c)| {
            if i < marker_end {
                return c;
            }
            let (l, r) = (near(i, -1), near(i, 1));
            let wide = match c {
                ',' | ';' => han(l) || (opens(r) && !alnum(l)),
                '.' | '!' | '?' => han(l) && (r.is_none() || opens(r) || r == Some('(')),
                ':' => han(l),
                '(' => han(l) || opens(r),
                ')' => (han(l) && !alnum(r)) || (opens(r) && !alnum(l)),
                _ => false,
            };
            if wide && c == '.' {
                '。'
            } else if wide {
                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Full-width digits, letters and digit punctuation to ASCII, `«»` to `《》`;
/// spacing untouched (the line rules read spacing as layout).
///
/// Borrows the text when nothing changes (most lines): the folded copy of a
/// whole document would otherwise be held through the cleaning stage.
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    // What [`fold_chars`] changes: `«»`, a full-width digit or letter, or
    // digit punctuation right after a digit. A line with none is itself.
    let mut prev = None;
    let changes = text.chars().any(|c| {
        let after_digit = prev.is_some_and(is_digitish);
        prev = Some(c);
        matches!(c, '«' | '»')
            || half(c).is_some()
            || (after_digit && matches!(c, '．' | '，' | '：' | '／' | '％' | '－'))
    });
    if !changes {
        return Cow::Borrowed(text);
    }
    let folded = fold_chars(text);
    if folded == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(folded)
    }
}

/// [`fold`]'s character mapping, always into a new string.
fn fold_chars(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let c = match c {
            '«' => '《',
            '»' => '》',
            _ => c,
        };
        if let Some(h) = half(c) {
            out.push(h);
            continue;
        }
        // Full-width ASCII punctuation that sits between digits: 3．5 → 3.5, 1／2 → 1/2.
        if matches!(c, '．' | '，' | '：' | '／' | '％' | '－')
            && i > 0
            && is_digitish(chars[i - 1])
            && (c == '％' || chars.get(i + 1).is_some_and(|&n| is_digitish(n)))
        {
            // `，` between digits is a thousands separator only with 3 digits after it.
            if c == '，' {
                let three = chars[i + 1..]
                    .iter()
                    .take_while(|&&n| is_digitish(n))
                    .count()
                    == 3;
                if !three {
                    out.push(c);
                    continue;
                }
            }
            out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c));
            continue;
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// A division or article marker that is all of the text so far.
static LEADING_DIVISION: Pattern = Pattern::new(|| {
    r"^\s*第[零〇一二三四五六七八九十百千两\d]+(?:分编|编|篇|部分|章|节|条)$".into()
});

/// Removes spaces between two CJK characters (or CJK punctuation).
fn join_cjk_spaces(text: &str) -> String {
    let out: Vec<char> = text.chars().collect();
    // Remove spaces between two CJK characters (or CJK and CJK punctuation/brackets).
    let cjkish = |c: char| {
        is_cjk(c)
            || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
            || "《》〈〉（）“”‘’「」【】、。，：；！？".contains(c)
    };
    let mut res = String::with_capacity(text.len());
    let mut i = 0;
    while i < out.len() {
        let c = out[i];
        if c == ' ' || c == '\u{3000}' {
            let mut j = i;
            while j < out.len() && (out[j] == ' ' || out[j] == '\u{3000}') {
                j += 1;
            }
            let inner = i > 0 && j < out.len();
            // The separator after a leading `第二条` is layout evidence: without
            // it `第二条中华人民共和国…` reads as a reference, not an article.
            if inner && LEADING_DIVISION.is_match(&res) {
                res.extend(&out[i..j]);
                i = j;
                continue;
            }
            // Leading/trailing indentation and spaces next to Latin text stay.
            if inner && cjkish(out[i - 1]) && cjkish(out[j]) && !(c == '\u{3000}' && i == 0) {
                i = j;
                continue;
            }
            res.extend(&out[i..j]);
            i = j;
            continue;
        }
        res.push(c);
        i += 1;
    }
    res
}

/// Shortest line (non-space characters) read as doubled: a shorter one
/// (`人人常常`) may be words. Set on the dev cases.
const DOUBLED_MIN_CHARS: usize = 6;
/// Most characters of the repaired text equal to the one before, as a share
/// of its length (numerator, denominator): past it the line was real text
/// with doubled words (`常常`, `人人`), not bold doubling. Set on the dev cases.
const REPAIRED_REPEAT_SHARE: (usize, usize) = (1, 4);

/// Undoes systematic character doubling from bold PDF text
/// (`中中华华人人民民` → `中华人民`); `None` unless the whole line is doubled.
pub fn repair_doubled(text: &str) -> Option<String> {
    // Every pair of non-space characters the same character, read without
    // allocating: almost every line fails at its first pair.
    let mut chars = text.chars().filter(|c| !c.is_whitespace());
    let mut n = 0;
    while let Some(a) = chars.next() {
        if chars.next() != Some(a) {
            return None;
        }
        n += 2;
    }
    if n < DOUBLED_MIN_CHARS {
        return None;
    }
    let out: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .step_by(2)
        .collect();
    // Real text with doubled characters (常常, 人人) never doubles every one of
    // several pairs in a row: demand distinct neighbours in the repaired text.
    let o: Vec<char> = out.chars().collect();
    let repeats = o.windows(2).filter(|w| w[0] == w[1]).count();
    let (num, den) = REPAIRED_REPEAT_SHARE;
    if repeats * den > o.len() * num {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts of [`fold`] and [`normalize`] (a line that holds nothing
    /// a step changes skips it) give what the steps give, on every line of
    /// the noisy dev cases, the real PDF/OCR extractions and the wide laws
    /// (full-width digits, ASCII punctuation, spaced PDF text among them).
    #[test]
    fn shortcuts_agree_with_the_full_steps() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        for dir in ["dev-cases", "corpus/zh-noisy", "corpus/zh-law-wide"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                files.push(if path.is_dir() {
                    path.join("noisy.md")
                } else {
                    path
                });
            }
        }
        let (mut lines, mut folded) = (0, 0);
        for text in files.iter().filter_map(|f| std::fs::read_to_string(f).ok()) {
            for l in text.lines() {
                lines += 1;
                let full = fold_chars(l);
                folded += usize::from(full != l);
                assert_eq!(fold(l), full, "{l}");
                let n = normalize(l);
                assert_eq!(
                    matches!(n, Cow::Borrowed(_)),
                    n == l,
                    "borrowed iff unchanged: {l}"
                );
                assert_eq!(
                    normalize(l),
                    join_cjk_spaces(&cjk_punctuation(&full)),
                    "{l}"
                );
            }
        }
        assert!(
            lines > 20_000 && folded > 50,
            "{folded} of {lines} lines folded"
        );
    }

    #[test]
    fn normalize_full_width_and_spaces() {
        assert_eq!(normalize("２０２２年３月"), "2022年3月");
        assert_eq!(normalize("现 将 «贵 州 省"), "现将《贵州省");
        assert_eq!(normalize("增长３．５％，较上年"), "增长3.5%，较上年");
        assert_eq!(normalize("一、总体要求：坚持"), "一、总体要求：坚持");
        assert_eq!(normalize("支持 5G 网络建设"), "支持 5G 网络建设");
        assert_eq!(normalize("ＧＤＰ增长"), "GDP增长");
        assert_eq!(
            normalize("现将方案 (２０２２—２０２５ 年 )印发给你们,请认真抓好贯彻落实."),
            "现将方案（2022—2025 年）印发给你们，请认真抓好贯彻落实。"
        );
        assert_eq!(normalize("各直属机构:"), "各直属机构：");
        assert_eq!(
            normalize("支持 5G 网络和 IPv6 建设"),
            "支持 5G 网络和 IPv6 建设"
        );
        assert_eq!(normalize("(一)总体要求(试行)"), "(一)总体要求（试行）");
        for kept in [
            "增长3.5%,",
            "1,000元",
            "(a) the Secretary",
            "GDP(PPP)",
            "(1)",
            "1.加强",
            "Sec. 2. Policy.",
        ] {
            assert_eq!(normalize(kept), kept);
        }
    }

    #[test]
    fn doubled_only_when_systematic() {
        assert_eq!(
            repair_doubled("中中华华人人民民共共和和国国").as_deref(),
            Some("中华人民共和国")
        );
        assert_eq!(repair_doubled("人人享有基本公共服务"), None);
        assert_eq!(repair_doubled("常常"), None);
        assert_eq!(repair_doubled("大力推进职业教育"), None);
    }
}
