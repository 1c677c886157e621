//! Lexical tables: numeral characters, units and measure words, qualifiers.
//!
//! Character tables stay here; word lists (units, measure words, qualifiers,
//! words that are not numbers) come from the data files of [`crate::lexicon`],
//! compiled into aho-corasick automata once, so the rules in the lexer and the
//! assembler stay free of vocabulary.

use crate::lexicon;
use crate::model::Qualifier;
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use std::sync::OnceLock;

/// Value of an Arabic digit, ASCII or full-width.
pub(crate) fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Value of a Chinese digit character (ordinary, formal and colloquial forms).
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | '洞' => 0,
        '一' | '壹' | '幺' | '弌' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '倆' | '俩' | '弍' => 2,
        '三' | '叁' | '參' | '叄' | '弎' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' | '拐' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Formal (banker's) digits that are also ordinary word characters.
pub(crate) fn is_formal_digit(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰'
            | '貳'
            | '叁'
            | '參'
            | '肆'
            | '伍'
            | '陆'
            | '陸'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '洞'
            | '拐'
            | '幺'
    )
}

/// Multiplier of a Chinese unit character below 万 (`十`, `百`, `千`).
pub(crate) fn cn_small_unit(c: char) -> Option<f64> {
    match c {
        '十' | '拾' => Some(10.0),
        '百' | '佰' => Some(100.0),
        '千' | '仟' => Some(1000.0),
        _ => None,
    }
}

/// Tens written as one character (`廿` 20, `卅` 30, `卌` 40).
pub(crate) fn cn_tens(c: char) -> Option<f64> {
    match c {
        '廿' => Some(20.0),
        '卅' => Some(30.0),
        '卌' => Some(40.0),
        _ => None,
    }
}

/// Multiplier of a Chinese big unit (`万`, `亿`, `兆`).
pub(crate) fn cn_big_unit(c: char) -> Option<f64> {
    match c {
        '万' | '萬' => Some(1e4),
        '亿' | '億' => Some(1e8),
        '兆' => Some(1e12),
        _ => None,
    }
}

/// Approximation characters inside a numeral (`十多万`, `五百余`, `二十几`).
pub(crate) fn is_cn_approx(c: char) -> bool {
    matches!(c, '多' | '余' | '餘' | '几' | '幾' | '来')
}

/// Decimal point of a Chinese numeral.
pub(crate) fn is_cn_point(c: char) -> bool {
    matches!(c, '点' | '點')
}

/// Negative sign words and characters.
pub(crate) fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－' | '−' | '负' | '負')
}

pub(crate) use crate::text::is_cjk;

/// A word list compiled for anchored longest-match lookup at a character
/// offset (aho-corasick over a short window of the text).
pub(crate) struct Vocab<T> {
    ac: AhoCorasick,
    /// The first characters of the terms, sorted: most positions of a text
    /// start none, and are answered without running the automaton.
    firsts: Vec<char>,
    values: Vec<T>,
    lens: Vec<usize>,
    max_chars: usize,
}

/// Longest term any lookup window needs, in characters.
const WINDOW_CHARS: usize = 24;

impl<T: Copy> Vocab<T> {
    /// Builds the automaton; later duplicates of a term are ignored.
    fn new(entries: Vec<(&'static str, T)>) -> Vocab<T> {
        let mut seen = std::collections::HashSet::new();
        let entries: Vec<_> = entries
            .into_iter()
            .filter(|(t, _)| !t.is_empty() && seen.insert(*t))
            .collect();
        // A contiguous NFA, not the DFA the builder would choose: cheaper to
        // build (1.3 M of the 40 M instructions of a small document's run)
        // and no slower on the short anchored searches it serves (the same
        // instructions on a 2 MB document).
        let ac = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(entries.iter().map(|(t, _)| t))
            .expect("lexicon terms build an automaton");
        let lens: Vec<usize> = entries.iter().map(|(t, _)| t.chars().count()).collect();
        let mut firsts: Vec<char> = entries
            .iter()
            .filter_map(|(t, _)| t.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        Vocab {
            ac,
            firsts,
            max_chars: lens.iter().copied().max().unwrap_or(1).min(WINDOW_CHARS),
            lens,
            values: entries.into_iter().map(|(_, v)| v).collect(),
        }
    }

    /// Some term starts with `c`.
    pub(crate) fn opens(&self, c: char) -> bool {
        self.firsts.binary_search(&c).is_ok()
    }

    /// Longest term starting exactly at `i`: (length in chars, value). With
    /// `spaced`, spaces between the term's characters are skipped (`小于 或 等于`)
    /// and the length counts them.
    pub(crate) fn at(&self, cs: &[char], i: usize, spaced: bool) -> Option<(usize, T)> {
        if i >= cs.len() || self.firsts.binary_search(&cs[i]).is_err() {
            return None;
        }
        let mut buf = [0u8; 4 * WINDOW_CHARS];
        let mut len = 0;
        let mut pos = [0usize; WINDOW_CHARS];
        let mut n = 0;
        let mut k = i;
        while k < cs.len() && n < self.max_chars {
            let c = cs[k];
            if spaced && n > 0 && matches!(c, ' ' | '\u{3000}' | '\t') {
                k += 1;
                continue;
            }
            len += c.encode_utf8(&mut buf[len..]).len();
            pos[n] = k;
            n += 1;
            k += 1;
        }
        let hay = std::str::from_utf8(&buf[..len]).ok()?;
        let m = self.ac.find(Input::new(hay).anchored(Anchored::Yes))?;
        let id = m.pattern().as_usize();
        let chars = self.lens[id];
        Some((pos[chars - 1] + 1 - i, self.values[id]))
    }
}

/// Parses the class word that opens a unit note (`money: yuan`).
fn class_of_note(note: &str) -> Option<UnitClass> {
    Some(match note.split(':').next()?.trim() {
        "money" => UnitClass::Money,
        "duration" => UnitClass::Duration,
        "age" => UnitClass::Age,
        "dimension" => UnitClass::Dimension,
        "classifier" => UnitClass::Classifier,
        _ => return None,
    })
}

/// Class of a generated measure word the curated list does not name: a word
/// that starts or ends with a physical unit is one (`平方英尺`, `千瓦小时`),
/// one that ends with a time unit is a duration (`毫微秒`), else a classifier.
fn derived_class(word: &str, curated: &std::collections::HashMap<&str, UnitClass>) -> UnitClass {
    let cs: Vec<char> = word.chars().collect();
    let class = |a: usize, b: usize| -> Option<UnitClass> {
        let w: String = cs[a..b].iter().collect();
        curated.get(w.as_str()).copied()
    };
    for k in (1..cs.len()).rev() {
        if class(0, k) == Some(UnitClass::Dimension)
            || class(cs.len() - k, cs.len()) == Some(UnitClass::Dimension)
        {
            return UnitClass::Dimension;
        }
    }
    for k in (1..cs.len()).rev() {
        if let Some(c @ (UnitClass::Duration | UnitClass::Money)) = class(cs.len() - k, cs.len()) {
            return c;
        }
    }
    UnitClass::Classifier
}

/// Chinese units and measure words (`units_zh.tsv`, then the generated
/// `measure_words.tsv`), longest match.
fn units() -> &'static Vocab<UnitClass> {
    static V: OnceLock<Vocab<UnitClass>> = OnceLock::new();
    V.get_or_init(|| {
        let curated: std::collections::HashMap<&str, UnitClass> =
            lexicon::entries(lexicon::UNITS_ZH)
                .filter_map(|e| Some((e.term, class_of_note(e.note)?)))
                .collect();
        let mut all: Vec<(&str, UnitClass)> = lexicon::entries(lexicon::UNITS_ZH)
            .filter_map(|e| Some((e.term, class_of_note(e.note)?)))
            .collect();
        for e in lexicon::entries(lexicon::MEASURE_WORDS) {
            if !curated.contains_key(e.term) {
                all.push((e.term, derived_class(e.term, &curated)));
            }
        }
        Vocab::new(all)
    })
}

/// SI/CLDR unit symbols (`kV`, `℃`, `m²`), case-sensitive.
fn symbols() -> &'static Vocab<UnitClass> {
    static V: OnceLock<Vocab<UnitClass>> = OnceLock::new();
    V.get_or_init(|| {
        Vocab::new(
            lexicon::entries(lexicon::UNIT_SYMBOLS)
                .filter_map(|e| Some((e.term, class_of_note(e.note)?)))
                .collect(),
        )
    })
}

/// Parses the qualifier word that opens a qualifier note (`at_least: …`).
pub(crate) fn qualifier_of_note(note: &str) -> Option<Qualifier> {
    Some(match note.split(':').next()?.trim() {
        "at_least" => Qualifier::AtLeast,
        "at_most" => Qualifier::AtMost,
        "more_than" => Qualifier::MoreThan,
        "less_than" => Qualifier::LessThan,
        "about" => Qualifier::About,
        "exact" => Qualifier::Exact,
        _ => return None,
    })
}

fn qualifier_vocab(src: &'static str) -> Vocab<Qualifier> {
    Vocab::new(
        lexicon::entries(src)
            .filter_map(|e| Some((e.term, qualifier_of_note(e.note)?)))
            .collect(),
    )
}

/// Qualifiers written before a number (`qualifiers_before.tsv`).
pub(crate) fn prefix_qualifiers() -> &'static Vocab<Qualifier> {
    static V: OnceLock<Vocab<Qualifier>> = OnceLock::new();
    V.get_or_init(|| qualifier_vocab(lexicon::QUALIFIERS_BEFORE))
}

/// Negations before a strict bound (`negations.tsv`: `不能`, `严禁`).
pub(crate) fn negations() -> &'static Vocab<()> {
    static V: OnceLock<Vocab<()>> = OnceLock::new();
    V.get_or_init(|| {
        Vocab::new(
            lexicon::terms(lexicon::NEGATIONS)
                .into_iter()
                .map(|t| (t, ()))
                .collect(),
        )
    })
}

/// Qualifiers written after a number or its unit (`qualifiers_after.tsv`).
pub(crate) fn suffix_qualifiers() -> &'static Vocab<Qualifier> {
    static V: OnceLock<Vocab<Qualifier>> = OnceLock::new();
    V.get_or_init(|| qualifier_vocab(lexicon::QUALIFIERS_AFTER))
}

/// What a unit measures; decides the span kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    /// A measure word (classifier): `个`, `所`, `项`.
    Classifier,
    /// A physical unit: `公里`, `吨`, `亩`.
    Dimension,
    /// Money: `元`, `美元`.
    Money,
    /// Time length: `个月`, `小时`, `天`; also `年` when not a calendar year.
    Duration,
    /// Age: `岁`.
    Age,
}

/// Longest Chinese unit or measure word starting at `i`.
pub(crate) fn unit_at(cs: &[char], i: usize) -> Option<(usize, UnitClass)> {
    units().at(cs, i, false)
}

/// Longest unit symbol starting at `i` (`kV`, `℃`, `m²`): it must not run
/// into a further letter or digit, and a one-letter symbol (`A`, `W`) must
/// not be followed (spaces skipped) by a Chinese character or a hyphen either
/// (`5A级景区`, `4A 级` are grades, `L-202` a code).
pub(crate) fn symbol_at(cs: &[char], i: usize) -> Option<(usize, UnitClass)> {
    let (n, class) = symbols().at(cs, i, false)?;
    let next = cs.get(i + n).copied();
    if next.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c)) {
        return None;
    }
    let after = cs[i + n..].iter().find(|c| !matches!(c, ' ' | '\u{3000}'));
    if n == 1 && cs[i].is_ascii_alphabetic() && after.is_some_and(|&c| is_cjk(c) || c == '-') {
        return None;
    }
    Some((n, class))
}

/// Whether a word of `not_number_words.tsv` covers position `i` (`一切`,
/// `四川`, `十分`): the numeral character there is part of a word.
pub(crate) fn in_not_number_word(cs: &[char], i: usize) -> bool {
    static V: OnceLock<(AhoCorasick, usize)> = OnceLock::new();
    covered(&V, lexicon::NOT_NUMBER_WORDS, cs, i)
}

/// Whether a word of `not_qualifier_words.tsv` covers position `i` (`节约`,
/// `通过`): the one-character qualifier there is part of a word.
pub(crate) fn in_not_qualifier_word(cs: &[char], i: usize) -> bool {
    static V: OnceLock<(AhoCorasick, usize)> = OnceLock::new();
    covered(&V, lexicon::NOT_QUALIFIER_WORDS, cs, i)
}

/// Whether a term of lexicon `src` (automaton cached in `cell`) covers `i`.
fn covered(
    cell: &'static OnceLock<(AhoCorasick, usize)>,
    src: &'static str,
    cs: &[char],
    i: usize,
) -> bool {
    let (ac, max) = cell.get_or_init(|| {
        let terms = lexicon::terms(src);
        let max = terms.iter().map(|t| t.chars().count()).max().unwrap_or(1);
        // Built cheaply, as the vocabularies above.
        let ac = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&terms)
            .expect("lexicon terms build an automaton");
        (ac, max)
    });
    let from = i.saturating_sub(max - 1);
    let to = (i + *max).min(cs.len());
    let hay: String = cs[from..to].iter().collect();
    // byte offset of position i inside the window
    let at: usize = cs[from..i].iter().map(|c| c.len_utf8()).sum();
    ac.find_overlapping_iter(&hay)
        .any(|m| m.start() <= at && at < m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry of a classed lexicon file parses: a file whose note lost
    /// its class would silently drop the entry.
    #[test]
    fn every_lexicon_note_parses() {
        for src in [lexicon::UNITS_ZH, lexicon::UNIT_SYMBOLS] {
            for e in lexicon::entries(src) {
                assert!(class_of_note(e.note).is_some(), "{}: {}", e.term, e.note);
            }
        }
        for src in [
            lexicon::QUALIFIERS_BEFORE,
            lexicon::QUALIFIERS_AFTER,
            lexicon::QUALIFIERS_EN,
        ] {
            for e in lexicon::entries(src) {
                assert!(
                    qualifier_of_note(e.note).is_some(),
                    "{}: {}",
                    e.term,
                    e.note
                );
            }
        }
    }

    /// The generated measure words leave out every excluded entry, and the
    /// exclusions name real jieba `q` words (not typos that exclude nothing
    /// but would be kept by a regenerated list).
    #[test]
    fn generated_measure_words_respect_the_exclusions() {
        let generated = lexicon::terms(lexicon::MEASURE_WORDS);
        for e in lexicon::entries(lexicon::MEASURE_WORDS_EXCLUDED) {
            assert!(!generated.contains(&e.term), "{} is excluded", e.term);
        }
        assert!(generated.len() > 150, "{}", generated.len());
        assert!(lexicon::MEASURE_WORDS.contains("generated by scripts/gen_measure_words.py"));
    }

    #[test]
    fn generated_words_get_the_class_of_their_unit() {
        let cs = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(unit_at(&cs("平方英尺"), 0), Some((4, UnitClass::Dimension)));
        assert_eq!(unit_at(&cs("千瓦小时"), 0), Some((4, UnitClass::Dimension)));
        assert_eq!(unit_at(&cs("毫微秒"), 0), Some((3, UnitClass::Duration)));
        assert_eq!(unit_at(&cs("盏灯"), 0), Some((1, UnitClass::Classifier)));
        assert_eq!(unit_at(&cs("美元"), 0), Some((2, UnitClass::Money)));
        assert_eq!(unit_at(&cs("掏耳朵"), 0), None);
    }
}
