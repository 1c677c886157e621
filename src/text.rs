//! Character classes shared by every stage: one definition of "is this a
//! Chinese character", so the stages cannot disagree about a line.

use crate::pattern::Pattern;

/// A Han ideograph: the CJK Unified Ideographs block, its extensions A–H and
/// the compatibility ideographs (Unicode `Script=Han` letters).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F | 0x31350..=0x323AF)
}

/// A line that is a date and nothing else (`2018年11月7日`,
/// `二〇一八年十一月七日`, bracketed or not): the signature date of a
/// document, a form both the cleaner and the metadata reader know.
pub fn is_date_line(text: &str) -> bool {
    static DATE: Pattern = Pattern::new(|| {
        r"^[（(]?\s*((?:19|20)\d{2}|[一二〇零○Ｏ三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[）)]?$".into()
    });
    // The form closes on `日`: most lines are answered without the search.
    text.contains('日') && DATE.is_match(text)
}

/// The last `n` characters of `text` (all of it when shorter), found from
/// the end: a growing paragraph read at every line is not counted again.
pub fn last_chars(text: &str, n: usize) -> &str {
    let Some(back) = n.checked_sub(1) else {
        return "";
    };
    let start = text.char_indices().rev().nth(back).map_or(0, |(b, _)| b);
    &text[start..]
}

/// A letter or digit (`char::is_alphanumeric`), answered without Unicode
/// table lookups for ASCII and Han, which are nearly all the text here.
pub fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_cjk(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// A line that opens a field of an official document's layout (`抄送：…`,
/// `附件：…`, [`crate::lexicon::FIELD_LABELS`]): its own start, whatever the
/// paragraph above left open. Join does not glue it on, and the truncation
/// check does not read it as starting mid-sentence.
pub fn opens_a_field(t: &str) -> bool {
    static LABELS: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| crate::lexicon::terms(crate::lexicon::FIELD_LABELS));
    LABELS.iter().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|r| r.trim_start().starts_with(['：', ':']))
    })
}

/// Longest label of a field line (`来源`, `更新时间`, `发布机构`).
const FIELD_LABEL_MAX_CHARS: usize = 6;

/// A field line by its form: a short label of Han characters, a colon and a
/// value with no clause and no other label in it (`来源： /Volumes/…/反洗钱法.pdf`,
/// `更新时间： 2026-02-18`), as converters and web pages write a document's
/// particulars. Its value needs no full stop, and a field line never runs on
/// into another.
pub fn is_field_line(t: &str) -> bool {
    let Some((label, value)) = t.split_once(['：', ':']) else {
        return false;
    };
    let n = label.chars().count();
    (2..=FIELD_LABEL_MAX_CHARS).contains(&n)
        && label.chars().all(is_cjk)
        && !value.trim().is_empty()
        && !value.contains(['，', '。', '；', '！', '？', '：', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_by_their_form() {
        for t in [
            "来源： /Volumes/a/反洗钱法（2024 修订）.pdf",
            "更新时间： 2026-02-18",
            "版本：现行有效",
        ] {
            assert!(is_field_line(t), "{t}");
        }
        for t in [
            "主要目标：到2025年，全省建成一批示范基地。",
            "发文机关： 发文机关： 国务院",
            "注：",
        ] {
            assert!(!is_field_line(t), "{t}");
        }
    }

    #[test]
    fn han_and_not_han() {
        for c in ['中', '㐀', '𠀀', '丨', '丶'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '１', '。', 'あ', 'ア', '한', '⼀', '①'] {
            assert!(!is_cjk(c), "{c}");
        }
        for c in [
            'a', 'Z', '7', '中', '𠀀', 'é', 'あ', '１', '①', '。', ' ', '-', '⼀',
        ] {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c}");
        }
    }
}
