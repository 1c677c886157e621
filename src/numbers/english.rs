//! English number words, ordinals, qualifiers and units.

use super::lexer::{numeral_at, skip_spaces};
use super::tables::qualifier_of_note;
use super::{Interval, NumberKind, Raw, Tail};
use crate::lexicon;
use crate::model::Qualifier;
use std::sync::OnceLock;

fn small_value(w: &str) -> Option<f64> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(k) = ONES.iter().position(|x| *x == w) {
        return Some(k as f64);
    }
    if matches!(w, "nought" | "naught") {
        return Some(0.0);
    }
    TENS.iter()
        .position(|x| *x == w)
        .map(|k| (k as f64 + 2.0) * 10.0)
}

fn scale_value(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "lakh" => 1e5,
        "crore" => 1e7,
        _ => return None,
    })
}

fn ordinal_value(w: &str) -> Option<f64> {
    const ORD: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(k) = ORD.iter().position(|x| *x == w) {
        return Some(k as f64);
    }
    if w == "nineth" {
        return Some(9.0);
    }
    if let Some(k) = TENS.iter().position(|x| *x == w) {
        return Some((k as f64 + 2.0) * 10.0);
    }
    Some(match w {
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
        _ => return None,
    })
}

/// A fraction denominator at `i` (after spaces or a hyphen): `fifths`,
/// `half`, `quarters`, `twenty-firsts`, `hundredth`. Returns (denominator,
/// end, plural).
fn denominator_at(cs: &[char], i: usize) -> Option<(f64, usize, bool)> {
    let (w, _, e) = next_word(cs, i, true)?;
    let single = |w: &str| -> Option<(f64, bool)> {
        match w {
            "half" => return Some((2.0, false)),
            "halves" => return Some((2.0, true)),
            "quarter" => return Some((4.0, false)),
            "quarters" => return Some((4.0, true)),
            "thirds" => return Some((3.0, true)),
            _ => {}
        }
        if let Some(o) = ordinal_value(w).filter(|&o| o >= 3.0) {
            return Some((o, false));
        }
        let stem = w.strip_suffix('s')?;
        ordinal_value(stem).filter(|&o| o >= 3.0).map(|o| (o, true))
    };
    // `twenty-fifths`, `twenty firsts`
    if let Some(t) = small_value(&w).filter(|t| *t >= 20.0 && *t % 10.0 == 0.0) {
        let (w2, _, e2) = next_word(cs, e, true)?;
        let (o, plural) = match w2.as_str() {
            "first" => (1.0, false),
            "firsts" => (1.0, true),
            "second" => (2.0, false),
            "seconds" => (2.0, true),
            _ => single(&w2)?,
        };
        if o >= 10.0 {
            return None;
        }
        return Some((t + o, e2, plural));
    }
    let (d, plural) = single(&w)?;
    Some((d, e, plural))
}

/// After a whole number ending at `end`: `and a half`, `and three fifths`
/// (then optionally a scale word: `and a half million`).
fn and_fraction(cs: &[char], end: usize) -> Option<(f64, usize)> {
    let (w, _, e) = next_word(cs, end, false)?;
    if w != "and" {
        return None;
    }
    let (num, e1) = match next_word(cs, e, false)? {
        (w, _, e1) if w == "a" || w == "one" => (1.0, e1),
        _ => {
            let (n, e1, ord) = words_number(cs, skip_spaces(cs, e))?;
            if ord {
                return None;
            }
            (n, e1)
        }
    };
    let (d, e2, plural) = denominator_at(cs, e1)?;
    if !plural && num != 1.0 {
        return None;
    }
    Some((num / d, e2))
}

/// A scale word (`million`, `thousand`) after spaces.
fn scale_word_after(cs: &[char], i: usize) -> Option<(f64, usize)> {
    let (w, _, e) = next_word(cs, i, false)?;
    scale_value(&w).map(|f| (f, e))
}

/// Fraction continuations after a number `v` ending at `end`: denominators
/// (`three fifths`, `one eighth`), `and a half`, `over three`, `out of three`,
/// `of a million`. Returns (value, end).
fn fraction_tail(cs: &[char], v: f64, end: usize, words: bool) -> Option<(f64, usize)> {
    if words {
        if let Some((d, e, plural)) = denominator_at(cs, end) {
            if plural || v == 1.0 {
                // `one hundred thirty fifths`: a final tens word joins the ordinal
                let (mut v, mut d) = (v, d);
                let last: String = {
                    let mut s = end;
                    while s > 0 && cs[s - 1].is_ascii_alphabetic() {
                        s -= 1;
                    }
                    cs[s..end].iter().collect::<String>().to_ascii_lowercase()
                };
                if let Some(t) = small_value(&last).filter(|t| *t >= 20.0 && *t % 10.0 == 0.0) {
                    let before = prev_word(cs, end - last.len());
                    if d < 10.0 && v > t && before.as_deref() != Some("and") {
                        v -= t;
                        d += t;
                    }
                }
                let mut val = v / d;
                let mut end = e;
                // `two thirds of a million`
                if let Some(k) = phrase_at(cs, skip_spaces(cs, end), "of a") {
                    if let Some((f, e2)) = scale_word_after(cs, k) {
                        val *= f;
                        end = e2;
                    }
                }
                return Some((val, end));
            }
        }
    }
    if let Some((f, e)) = and_fraction(cs, end) {
        let last = last_scale_before(cs, end);
        return Some(match scale_word_after(cs, e) {
            // `five and a half million`
            Some((s, e2)) if last == 1.0 => ((v + f) * s, e2),
            // `one billion and a half million`
            Some((s, e2)) => (v + f * s, e2),
            // `one million and a half`: the fraction is of the last scale word
            None => (v + f * last, e),
        });
    }
    for p in ["over", "out of"] {
        if let Some(k) = phrase_at(cs, skip_spaces(cs, end), p) {
            let j = skip_spaces(cs, k);
            let (d, e) = if cs.get(j).is_some_and(|c| c.is_ascii_digit()) {
                let n = numeral_at(cs, j)?;
                (n.value, n.end)
            } else {
                let (d, e, ord) = words_number(cs, j)?;
                if ord {
                    return None;
                }
                match next_word(cs, e, false) {
                    Some((w, _, e2)) if w == "hundreds" => (d * 100.0, e2),
                    _ => (d, e),
                }
            };
            // `12 out of 10` is two numbers
            if d != 0.0 && !(p == "out of" && v > d) {
                return Some((v / d, e));
            }
        }
    }
    None
}

/// Scale of the word just before `end` (`million` → 1e6), else 1.
fn last_scale_before(cs: &[char], end: usize) -> f64 {
    let mut s = end;
    while s > 0 && cs[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    let w: String = cs[s..end].iter().collect::<String>().to_ascii_lowercase();
    scale_value(&w).unwrap_or(1.0)
}

/// An ASCII word at `i`: (lower-case word, end).
fn word_at(cs: &[char], i: usize) -> Option<(String, usize)> {
    if i >= cs.len() || !cs[i].is_ascii_alphabetic() {
        return None;
    }
    if i > 0 && cs[i - 1].is_ascii_alphabetic() {
        return None;
    }
    let mut j = i;
    while j < cs.len() && cs[j].is_ascii_alphabetic() {
        j += 1;
    }
    Some((cs[i..j].iter().collect::<String>().to_ascii_lowercase(), j))
}

/// Next word after spaces (and an optional hyphen when `hyphen`).
fn next_word(cs: &[char], i: usize, hyphen: bool) -> Option<(String, usize, usize)> {
    let mut j = skip_spaces(cs, i);
    if hyphen && j < cs.len() && cs[j] == '-' {
        j = skip_spaces(cs, j + 1);
    }
    let (w, e) = word_at(cs, j)?;
    Some((w, j, e))
}

/// Multiplier words after an Arabic number: `2 million`, `3 dozens`.
pub(super) fn scale_after(cs: &[char], i: usize) -> Option<(usize, f64)> {
    let mut end = i;
    let mut f = 1.0;
    while let Some((w, _, e)) = next_word(cs, end, false) {
        let m = match w.as_str() {
            "hundred" => 100.0,
            "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs" => 12.0,
            _ => match scale_value(&w) {
                Some(v) => v,
                None => break,
            },
        };
        f *= m;
        end = e;
    }
    (end > i).then_some((end, f))
}

/// Reads English number words at `i`: (value, end, ordinal?).
fn words_number(cs: &[char], i: usize) -> Option<(f64, usize, bool)> {
    let mut acc = Words::default();
    let mut end = i;
    let mut j = i;
    let mut any = false;
    let mut first = true;
    if let Some(r) = half_or_quarter_at(cs, i) {
        return Some(r);
    }
    while let Some((w, _, e)) = next_word(cs, j, !first) {
        if w == "a" && first {
            if let Some((d, e2, false)) = denominator_at(cs, e) {
                return Some((1.0 / d, e2, false));
            }
            if let Some((w2, _, _)) = next_word(cs, e, false) {
                if w2 == "hundred" || w2 == "dozen" || scale_value(&w2).is_some() {
                    acc.current = Some(1.0);
                    j = e;
                    first = false;
                    continue;
                }
            }
            break;
        }
        if w == "and" && any {
            if !and_continues(cs, e) {
                break;
            }
            j = e;
            continue;
        }
        match acc.add(&w) {
            Step::Added => {}
            Step::Stop => break,
            Step::Ordinal(o) => {
                // `twenty-fifth`, `one hundred twenty fifth`
                let base = acc.total + acc.current.unwrap_or(0.0);
                let v = if o >= 100.0 && any {
                    base * o
                } else {
                    base + o
                };
                return Some((v, e, true));
            }
        }
        any = true;
        first = false;
        j = e;
        end = e;
    }
    if !any {
        return None;
    }
    let mut value = acc.total + acc.current.unwrap_or(0.0);
    if let Some((frac, e)) = point_decimals_after(cs, end) {
        value += frac;
        end = e;
    }
    Some((value, end, false))
}

/// A number in words being read: the sum of closed scale groups, the open
/// group, and its last small word (`twenty` waits for `one`).
#[derive(Default)]
struct Words {
    total: f64,
    current: Option<f64>,
    last_small: Option<f64>,
}

/// What a word did to a number in words.
enum Step {
    Added,
    Stop,
    /// An ordinal word ends the number with this value.
    Ordinal(f64),
}

impl Words {
    fn add(&mut self, w: &str) -> Step {
        // After `twenty`, only a unit digit continues (`twenty one`).
        let follows = |ls: Option<f64>, v: f64| {
            ls.is_none_or(|ls| ls >= 20.0 && ls % 10.0 == 0.0 && v < 10.0)
        };
        if let Some(v) = small_value(w) {
            // `one two` is two numbers, `twenty one` is one
            if !follows(self.last_small, v) {
                return Step::Stop;
            }
            self.current = Some(self.current.unwrap_or(0.0) + v);
            self.last_small = Some(v);
        } else if w == "hundred" {
            self.current = Some(self.current.unwrap_or(1.0) * 100.0);
            self.last_small = None;
        } else if w == "dozen" || w == "dozens" || w == "dzs" || w == "dozs" {
            // `three hundred and two dozens`: the dozens multiply the last group
            let c = self.current.unwrap_or(1.0);
            let group = self.last_small.unwrap_or(c);
            self.current = Some(c - group + group * 12.0);
            self.last_small = None;
        } else if let Some(s) = scale_value(w) {
            if self.current.is_none() && self.total > 0.0 {
                self.total *= s; // `three lakh crore`
            } else {
                self.total += self.current.unwrap_or(1.0) * s;
            }
            self.current = None;
            self.last_small = None;
        } else if let Some(o) = ordinal_value(w) {
            if !follows(self.last_small, o) && o < 100.0 {
                return Step::Stop;
            }
            return Step::Ordinal(o);
        } else {
            return Step::Stop;
        }
        Step::Added
    }
}

/// `half a dozen`, `half million`, `quarter million`, `half`.
fn half_or_quarter_at(cs: &[char], i: usize) -> Option<(f64, usize, bool)> {
    let (w, _, e) = next_word(cs, i, false)?;
    if w != "half" && w != "quarter" {
        return None;
    }
    let f = if w == "half" { 0.5 } else { 0.25 };
    if let Some(k) = phrase_at(cs, skip_spaces(cs, e), "a dozen") {
        return Some((f * 12.0, k, false));
    }
    if let Some((s, e2)) = scale_word_after(cs, e) {
        return Some((f * s, e2, false));
    }
    (w == "half").then_some((0.5, e, false))
}

/// Whether `and` (ending at `e`) continues a number word (`one hundred and
/// six`): a small number follows that does not start a fraction
/// (`and three fifths`).
fn and_continues(cs: &[char], e: usize) -> bool {
    let Some((w2, _, e2)) = next_word(cs, e, false) else {
        return false;
    };
    let fraction_follows = small_value(&w2).is_some_and(|v| {
        v < 10.0 && denominator_at(cs, e2).is_some_and(|(_, _, plural)| plural || v == 1.0)
    });
    small_value(&w2).is_some() && !fraction_follows
}

/// `point five`, `point seventy-one` after a number word ending at `end`:
/// the fraction and its end.
fn point_decimals_after(cs: &[char], end: usize) -> Option<(f64, usize)> {
    let (w, _, e) = next_word(cs, end, false)?;
    if w != "point" {
        return None;
    }
    let mut digits = String::new();
    let mut k = e;
    while let Some((w2, _, e2)) = next_word(cs, k, true) {
        match small_value(&w2) {
            Some(d) if d < 10.0 => digits.push(char::from_digit(d as u32, 10)?),
            // `point seventy-one`: the tens digit, the ones follow
            Some(d) if d >= 20.0 && d % 10.0 == 0.0 => {
                digits.push(char::from_digit((d / 10.0) as u32, 10)?)
            }
            Some(d) if digits.is_empty() => digits.push_str(&format!("{}", d as u32)),
            _ => break,
        }
        k = e2;
    }
    if digits.is_empty() {
        return None;
    }
    Some((format!("0.{digits}").parse::<f64>().ok()?, k))
}

/// English qualifiers before a number (`qualifiers_en.tsv`), in file order:
/// the first phrase that matches wins, so longer phrases come first.
fn en_prefix_qualifiers() -> &'static [(&'static str, Qualifier)] {
    static V: OnceLock<Vec<(&'static str, Qualifier)>> = OnceLock::new();
    V.get_or_init(|| {
        lexicon::entries(lexicon::QUALIFIERS_EN)
            .filter_map(|e| Some((e.term, qualifier_of_note(e.note)?)))
            .collect()
    })
}

/// Matches a multi-word phrase (case-insensitive) at `i`; returns its end.
fn phrase_at(cs: &[char], i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    for (k, w) in phrase.split(' ').enumerate() {
        if k > 0 {
            j = skip_spaces(cs, j);
        }
        let (got, e) = word_at(cs, j)?;
        if got != w {
            return None;
        }
        j = e;
    }
    Some(j)
}

/// English expression at `i` (which starts an ASCII word).
pub(super) fn english_at(cs: &[char], i: usize) -> Option<Raw> {
    word_at(cs, i)?;
    if let Some(r) = qualified_at(cs, i) {
        return r;
    }
    deadline_at(cs, i)
        .or_else(|| between_at(cs, i))
        .or_else(|| relative_ordinal_at(cs, i))
        // currency before the number: `usd 200`, `USD115`, `us $ 150`, `aud$ 15`
        .or_else(|| currency_prefix_at(cs, i))
        .or_else(|| percent_of_at(cs, i))
        .or_else(|| negative_at(cs, i))
        .or_else(|| value_expr_at(cs, i))
}

/// `at least 5`, `more than 5000 or equal to`, `equal to 5000 or less`.
/// `Some(None)` when a qualifier precedes an ordinal without `the`: nothing
/// is read at `i` then.
fn qualified_at(cs: &[char], i: usize) -> Option<Option<Raw>> {
    for (p, q) in en_prefix_qualifiers() {
        if let Some(e) = phrase_at(cs, i, p) {
            let j = skip_spaces(cs, e);
            let the = phrase_at(cs, j, "the").is_some();
            if let Some(mut r) = bound_at(cs, j) {
                if r.kind == NumberKind::Ordinal && !the {
                    return Some(None);
                }
                r.start = i;
                let mut q = *q;
                // `more than 5000 or equal to`
                if let Some(e) = or_equal_after(cs, r.end) {
                    r.end = e;
                    q = match q {
                        Qualifier::MoreThan => Qualifier::AtLeast,
                        Qualifier::LessThan => Qualifier::AtMost,
                        q => q,
                    };
                }
                // `equal to 5000 or less`: the suffix decides
                let suffixed =
                    r.qualifier.is_some() && matches!(q, Qualifier::Exact | Qualifier::About);
                if r.kind != NumberKind::Range && !suffixed {
                    r.interval = None;
                    r.qualify(q);
                }
                return Some(Some(r));
            }
        }
    }
    None
}

/// Years an English deadline phrase can name (`by 2030`).
const DEADLINE_YEARS: std::ops::Range<f64> = 1900.0..2200.0;

/// Deadlines: `no later than 2030`, `by 2030`.
fn deadline_at(cs: &[char], i: usize) -> Option<Raw> {
    for p in [
        "no later than",
        "not later than",
        "by",
        "before",
        "until",
        "in",
        "since",
    ] {
        if let Some(e) = phrase_at(cs, i, p) {
            let j = skip_spaces(cs, e);
            if let Some(n) = numeral_at(cs, j) {
                if n.plain_digits == 4
                    && DEADLINE_YEARS.contains(&n.value)
                    && !cs.get(n.end).is_some_and(|c| c.is_alphanumeric())
                {
                    let mut r = Raw::new(j, n.end, n.value, NumberKind::Year);
                    if p.contains("later") || p == "by" || p == "before" || p == "until" {
                        r.start = i;
                        r.qualifier = Some(Qualifier::AtMost);
                    }
                    return Some(r);
                }
            }
        }
    }
    None
}

/// `between 20 and 30`, `from 10 to 20`.
fn between_at(cs: &[char], i: usize) -> Option<Raw> {
    for (p, sep) in [("between", "and"), ("from", "to")] {
        if let Some(e) = phrase_at(cs, i, p) {
            let j = skip_spaces(cs, e);
            if let Some(a) = bound_at(cs, j) {
                let k = skip_spaces(cs, a.end);
                if let Some(e2) = phrase_at(cs, k, sep) {
                    if let Some(b) = bound_at(cs, skip_spaces(cs, e2)) {
                        let mut r = Raw::new(i, b.end, 0.0, NumberKind::Range);
                        r.value = None;
                        r.unit = b.unit.clone();
                        r.interval = Some(Interval {
                            min: a.value,
                            max: b.value,
                        });
                        return Some(r);
                    }
                }
            }
        }
    }
    None
}

/// Relative ordinals: `next`, `last`, `the second to last` (value null).
fn relative_ordinal_at(cs: &[char], i: usize) -> Option<Raw> {
    for p in [
        "the one before the last one",
        "the one before the last",
        "the last but one",
        "the second to last",
        "next to last",
        "previous one",
        "current one",
        "next one",
        "antepenultimate",
        "penultimate",
        "previous",
        "current",
        "next",
        "last",
    ] {
        if let Some(e) = phrase_at(cs, i, p) {
            let mut r = Raw::new(i, e, 0.0, NumberKind::Ordinal);
            r.value = None;
            return Some(r);
        }
    }
    None
}

/// `percent of 10`, `per cent of twenty-two`.
fn percent_of_at(cs: &[char], i: usize) -> Option<Raw> {
    for p in ["percents of", "percent of", "per cent of"] {
        if let Some(e) = phrase_at(cs, i, p) {
            if let Some(r) = value_expr_at(cs, skip_spaces(cs, e)) {
                if let Some(v) = r.value {
                    let mut out = Raw::new(i, r.end, v, NumberKind::Percent);
                    out.unit = Some("%".into());
                    return Some(out);
                }
            }
        }
    }
    None
}

/// `negative ten`, `minus 3`.
fn negative_at(cs: &[char], i: usize) -> Option<Raw> {
    if let Some(e) = phrase_at(cs, i, "negative").or_else(|| phrase_at(cs, i, "minus")) {
        if let Some(mut r) = value_expr_at(cs, skip_spaces(cs, e)) {
            r.start = i;
            r.value = r.value.map(|v| -v);
            return Some(r);
        }
    }
    None
}

/// One end of a range: `the tenth`, `negative ten`, `20`.
fn bound_at(cs: &[char], i: usize) -> Option<Raw> {
    let j = phrase_at(cs, i, "the")
        .map(|e| skip_spaces(cs, e))
        .unwrap_or(i);
    if let Some(e) = phrase_at(cs, j, "negative").or_else(|| phrase_at(cs, j, "minus")) {
        let mut r = value_expr_at(cs, skip_spaces(cs, e))?;
        r.value = r.value.map(|v| -v);
        r.start = i;
        return Some(r);
    }
    let mut r = value_expr_at(cs, j)?;
    r.start = i;
    Some(r)
}

/// English qualifiers after a number: `or more`, `or less`, `or equal to`.
pub(super) fn suffix_qualifier_en(cs: &[char], i: usize) -> Option<(usize, Qualifier)> {
    let j = skip_spaces(cs, i);
    for (p, q) in [
        ("or more", Qualifier::AtLeast),
        ("and more", Qualifier::AtLeast),
        ("or greater", Qualifier::AtLeast),
        ("or above", Qualifier::AtLeast),
        ("or less", Qualifier::AtMost),
        ("or fewer", Qualifier::AtMost),
        ("or below", Qualifier::AtMost),
    ] {
        if let Some(e) = phrase_at(cs, j, p) {
            // `200 or greater than`: swallow a dangling `than`, but
            // `or less than 6000` is a second comparison
            if let Some(t) = phrase_at(cs, skip_spaces(cs, e), "than") {
                let k = skip_spaces(cs, t);
                if cs.get(k).is_some_and(|c| c.is_ascii_digit()) || words_number(cs, k).is_some() {
                    return None;
                }
                return Some((t, q));
            }
            return Some((e, q));
        }
    }
    None
}

/// `or equal`, `or equal to` after a strict comparison makes it inclusive.
pub(super) fn or_equal_after(cs: &[char], i: usize) -> Option<usize> {
    let j = skip_spaces(cs, i);
    let e = phrase_at(cs, j, "or equal")?;
    let e = phrase_at(cs, skip_spaces(cs, e), "to").unwrap_or(e);
    // `more than 5000 or equal to 6000` is a second comparison
    let k = skip_spaces(cs, e);
    if cs.get(k).is_some_and(|c| c.is_ascii_digit()) || words_number(cs, k).is_some() {
        return None;
    }
    Some(e)
}

/// Currency codes and words written before the amount.
fn currency_prefix_at(cs: &[char], i: usize) -> Option<Raw> {
    let mut k = i;
    while k < cs.len() && (cs[k].is_ascii_alphabetic() || cs[k] == '.') && k - i < 6 {
        k += 1;
    }
    let word: String = cs[i..k].iter().collect::<String>().to_ascii_lowercase();
    let j = skip_spaces(cs, k);
    // `us $ 150`, `c $`, `hk $`, `u.s $`, `usd$`, `mex$`
    if cs.get(j) == Some(&'$') && k - i <= 4 {
        let mut r = super::money_prefix_at(cs, j)?;
        r.start = i;
        if let Some((f, e)) = scale_word_after(cs, r.end) {
            r.value = r.value.map(|v| v * f);
            r.end = e;
        }
        return Some(r);
    }
    let (unit, f) = match word.as_str() {
        "usd" | "dollar" | "dollars" => ("dollar", 1.0),
        "eur" => ("euro", 1.0),
        "gbp" => ("pound", 1.0),
        "rmb" | "cny" => ("yuan", 1.0),
        "sen" => ("sen", 1.0),
        "maud" => ("australian dollar", 1e6),
        _ => return None,
    };
    if !cs.get(j).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let n = numeral_at(cs, j)?;
    let mut r = Raw::new(i, n.end, n.value * f, NumberKind::Money);
    r.unit = Some(unit.to_string());
    if let Some((s, e)) = scale_word_after(cs, r.end) {
        r.value = r.value.map(|v| v * s);
        r.end = e;
    }
    Some(r)
}

/// The word before `i` (lower case).
fn prev_word(cs: &[char], i: usize) -> Option<String> {
    let mut e = i;
    while e > 0 && cs[e - 1] == ' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && cs[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    (s < e).then(|| cs[s..e].iter().collect::<String>().to_ascii_lowercase())
}

/// Digits followed by an English fraction tail (`1 over 3`, `2000 over 3`).
pub(super) fn digit_fraction_tail(cs: &[char], v: f64, end: usize) -> Option<(f64, usize)> {
    fraction_tail(cs, v, end, false)
}

/// Words or digits, then a unit; no qualifier.
fn value_expr_at(cs: &[char], i: usize) -> Option<Raw> {
    if cs.get(i).is_some_and(|c| c.is_ascii_digit()) || matches!(cs.get(i), Some('$')) {
        let r = super::expr_at(cs, i).or_else(|| super::money_prefix_at(cs, i))?;
        return Some(r);
    }
    let (mut v, mut end, ordinal) = words_number(cs, i)?;
    if ordinal {
        return Some(Raw::new(i, end, v, NumberKind::Ordinal));
    }
    // `the one you mentioned`: `one` after a determiner is a pronoun
    let word: String = cs[i..end].iter().collect::<String>().to_ascii_lowercase();
    let determiner = prev_word(cs, i).is_some_and(|p| {
        matches!(
            p.as_str(),
            "the" | "this" | "that" | "which" | "each" | "every" | "any" | "another" | "no"
        )
    });
    if word == "one" && determiner && unit_after(cs, end, v).is_none() {
        return None;
    }
    if let Some((fv, e)) = fraction_tail(cs, v, end, true) {
        let mut r = Raw::new(i, e, fv, NumberKind::Fraction);
        if let Some((f, e2)) = scale_word_after(cs, e) {
            r.value = Some(fv * f);
            r.end = e2;
        }
        return Some(r);
    }
    if let Some((f, e)) = scale_word_after(cs, end) {
        v *= f;
        end = e;
    }
    if let Some((e, q)) = suffix_qualifier_en(cs, end) {
        let mut r = Raw::new(i, e, v, NumberKind::Cardinal);
        r.qualify(q);
        return Some(r);
    }
    let n = super::Numeral {
        start: i,
        end,
        value: v,
        hi: None,
        decimal: v.fract() != 0.0,
        approx: false,
        tail_big: None,
        chinese: false,
        plain_digits: 0,
        single_char: false,
    };
    if let Some(t) = unit_after(cs, end, v) {
        let mut r = Raw::new(i, t.end, t.value, t.kind.unwrap_or(NumberKind::Quantity));
        r.unit = t.unit;
        return Some(r);
    }
    let _ = n;
    let kind = if v.fract() != 0.0 {
        NumberKind::Decimal
    } else {
        NumberKind::Cardinal
    };
    Some(Raw::new(i, end, v, kind))
}

/// English units (`units_en.tsv`): pattern (lower case; a space matches any
/// run of spaces), unit reported, kind, factor applied to the value.
fn en_units() -> &'static [(&'static str, &'static str, NumberKind, f64)] {
    static V: OnceLock<Vec<(&'static str, &'static str, NumberKind, f64)>> = OnceLock::new();
    V.get_or_init(|| {
        lexicon::entries(lexicon::UNITS_EN)
            .filter_map(|e| {
                let (kind, rest) = e.note.split_once(':')?;
                let kind = match kind.trim() {
                    "percent" => NumberKind::Percent,
                    "money" => NumberKind::Money,
                    "quantity" => NumberKind::Quantity,
                    _ => return None,
                };
                let (unit, factor) = match rest.split_once("; ×") {
                    Some((u, f)) => (u.trim(), f.trim().parse().ok()?),
                    None => (rest.trim(), 1.0),
                };
                Some((e.term, unit, kind, factor))
            })
            .collect()
    })
}

/// English time units: a span with one of these units is a duration.
pub(super) fn is_english_duration(unit: &str) -> bool {
    matches!(
        unit,
        "year" | "month" | "day" | "hour" | "week" | "minute" | "second"
    )
}

/// Matches `pat` case-insensitively at `j` (a space in `pat` matches one or
/// more spaces); the match must not run into a letter or digit.
fn match_unit(cs: &[char], j: usize, pat: &str) -> Option<usize> {
    let mut k = j;
    for pc in pat.chars() {
        if pc == ' ' {
            let e = skip_spaces(cs, k);
            if e == k {
                return None;
            }
            k = e;
            continue;
        }
        let c = *cs.get(k)?;
        if c.to_lowercase().next() != Some(pc) {
            return None;
        }
        k += 1;
    }
    let alnum_pat = pat.chars().last().is_some_and(|c| c.is_alphanumeric());
    if alnum_pat && cs.get(k).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(k)
}

/// An English unit after a number ending at `i` (`10 percent`, `3-inch`,
/// `200lbs`, `20 (kg)`, `10 kilometers per hour`).
pub(super) fn unit_after(cs: &[char], i: usize, v: f64) -> Option<Tail> {
    let mut j = skip_spaces(cs, i);
    if cs.get(j) == Some(&'-') {
        j += 1;
    }
    // `20 (kg)`, `20 [kg]`
    let close = match cs.get(j) {
        Some('(') => Some(')'),
        Some('[') => Some(']'),
        Some('{') => Some('}'),
        Some('<') => Some('>'),
        _ => None,
    };
    let j = if close.is_some() { j + 1 } else { j };
    let mut best: Option<(usize, &str, NumberKind, f64)> = None;
    for &(pat, unit, kind, f) in en_units() {
        if let Some(e) = match_unit(cs, j, pat) {
            if best.is_none_or(|(b, _, _, _)| e > b) {
                best = Some((e, unit, kind, f));
            }
        }
    }
    let (mut end, unit, kind, f) = best?;
    if let Some(c) = close {
        if cs.get(end) != Some(&c) {
            return None;
        }
        end += 1;
    }
    let mut unit = unit.to_string();
    if let Some((per, e)) = per_time_after(cs, end) {
        unit = format!("{unit} per {per}");
        end = e;
    }
    let mut value = v * f;
    // `5 feet 2 inches`, `12 ft 2 in`
    if unit == "foot" {
        let mut k = skip_spaces(cs, end);
        if let Some(e) = phrase_at(cs, k, "and") {
            k = skip_spaces(cs, e);
        }
        if let Some(n) = numeral_at(cs, k).filter(|n| !n.chinese && n.value < 12.0) {
            let k2 = skip_spaces(cs, n.end);
            if let Some(e) = ["inches", "inch", "in"]
                .iter()
                .find_map(|w| phrase_at(cs, k2, w))
            {
                value += n.value / 12.0;
                end = e;
            }
        }
    }
    if kind == NumberKind::Money
        && matches!(unit.as_str(), "dollar" | "$" | "euro" | "pound" | "yuan")
    {
        if let Some((c, e)) = cents_after(cs, end) {
            value += c / 100.0;
            end = e;
        }
    }
    Some(Tail {
        unit: Some(unit),
        ..Tail::with(end, value, "", kind)
    })
}

/// Speeds: `per hour`, `/ms`, `an hour` after a unit ending at `end`: the
/// time word and its end.
fn per_time_after(cs: &[char], end: usize) -> Option<(String, usize)> {
    for sep in [" per ", "/", " an ", " a "] {
        if let Some(k) = match_unit(cs, end, sep.trim_end())
            .filter(|_| sep.ends_with(' '))
            .map(|k| skip_spaces(cs, k))
            .or_else(|| (sep == "/").then(|| match_unit(cs, end, "/")).flatten())
        {
            if let Some((w, e)) = word_at(cs, k) {
                if matches!(
                    w.as_str(),
                    "hour"
                        | "hr"
                        | "h"
                        | "second"
                        | "sec"
                        | "s"
                        | "millisecond"
                        | "ms"
                        | "minute"
                        | "min"
                ) {
                    return Some((w, e));
                }
            }
        }
    }
    None
}

/// `50 cents`, `and forty-five cents`, `25` after a main currency unit.
fn cents_after(cs: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = skip_spaces(cs, i);
    if let Some(e) = phrase_at(cs, j, "and") {
        j = skip_spaces(cs, e);
    }
    let (c, e) = if cs.get(j).is_some_and(|c| c.is_ascii_digit()) {
        let n = numeral_at(cs, j)?;
        if n.decimal {
            return None;
        }
        (n.value, n.end)
    } else {
        let (c, e, ord) = words_number(cs, j)?;
        if ord {
            return None;
        }
        (c, e)
    };
    if !(0.0..100.0).contains(&c) {
        return None;
    }
    let k = skip_spaces(cs, e);
    for w in ["cents", "cent", "pence"] {
        if let Some(e2) = phrase_at(cs, k, w) {
            return Some((c, e2));
        }
    }
    // a bare number right after the unit, not followed by another unit
    if cs.get(k).is_some_and(|c| c.is_ascii_alphabetic()) && unit_after(cs, e, c).is_some() {
        return None;
    }
    Some((c, e))
}
