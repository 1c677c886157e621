//! English number words, ordinals, qualifiers and units.

use super::lexer::{numeral_at, skip_spaces};
use super::{Interval, NumberKind, Raw, Tail};
use crate::model::Qualifier;

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
    let mut total = 0.0;
    let mut current: Option<f64> = None;
    let mut end = i;
    let mut j = i;
    let mut any = false;
    let mut first = true;
    let mut last_small: Option<f64> = None;
    while let Some((w, _, e)) = next_word(cs, j, !first) {
        if w == "a" && first {
            if let Some((w2, _, _)) = next_word(cs, e, false) {
                if w2 == "hundred" || w2 == "dozen" || scale_value(&w2).is_some() {
                    current = Some(1.0);
                    j = e;
                    first = false;
                    continue;
                }
            }
            break;
        }
        if w == "and" && any {
            if let Some((w2, _, _)) = next_word(cs, e, false) {
                if small_value(&w2).is_some() {
                    j = e;
                    continue;
                }
            }
            break;
        }
        if let Some(v) = small_value(&w) {
            // `one two` is two numbers, `twenty one` is one
            if let Some(ls) = last_small {
                if !(ls >= 20.0 && ls % 10.0 == 0.0 && v < 10.0) {
                    break;
                }
            }
            current = Some(current.unwrap_or(0.0) + v);
            last_small = Some(v);
        } else if w == "hundred" {
            current = Some(current.unwrap_or(1.0) * 100.0);
            last_small = None;
        } else if w == "dozen" || w == "dozens" || w == "dzs" || w == "dozs" {
            current = Some(current.unwrap_or(1.0) * 12.0);
            last_small = None;
        } else if let Some(s) = scale_value(&w) {
            total += current.unwrap_or(1.0) * s;
            current = None;
            last_small = None;
        } else if let Some(o) = ordinal_value(&w) {
            // `twenty-fifth`, `one hundred twenty fifth`
            if let Some(ls) = last_small {
                if !(ls >= 20.0 && ls % 10.0 == 0.0 && o < 10.0) && o < 100.0 {
                    break;
                }
            }
            let base = total + current.unwrap_or(0.0);
            let v = if o >= 100.0 && any {
                base * o
            } else {
                base + o
            };
            return Some((v, e, true));
        } else {
            break;
        }
        any = true;
        first = false;
        j = e;
        end = e;
    }
    if !any {
        return None;
    }
    // `point five`
    let mut value = total + current.unwrap_or(0.0);
    if let Some((w, _, e)) = next_word(cs, end, false) {
        if w == "point" {
            let mut digits = String::new();
            let mut k = e;
            while let Some((w2, _, e2)) = next_word(cs, k, true) {
                match small_value(&w2) {
                    Some(d) if d < 10.0 => digits.push(char::from_digit(d as u32, 10)?),
                    Some(d) if d >= 10.0 && digits.is_empty() => {
                        digits.push_str(&format!("{}", d as u32))
                    }
                    _ => break,
                }
                k = e2;
            }
            if !digits.is_empty() {
                value += format!("0.{digits}").parse::<f64>().ok()?;
                end = k;
            }
        }
    }
    Some((value, end, false))
}

const EN_PREFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("no fewer than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("a maximum of", Qualifier::AtMost),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("larger than", Qualifier::MoreThan),
    ("bigger than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("smaller than", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("some", Qualifier::About),
];

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
    for (p, q) in EN_PREFIX_QUALIFIERS {
        if let Some(e) = phrase_at(cs, i, p) {
            let j = skip_spaces(cs, e);
            if let Some(mut r) = value_expr_at(cs, j) {
                if r.kind == NumberKind::Ordinal {
                    return None;
                }
                r.start = i;
                r.interval = None;
                r.qualify(*q);
                return Some(r);
            }
        }
    }
    // deadlines: `no later than 2030`, `by 2030`
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
                    && (1900.0..2200.0).contains(&n.value)
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
    // `between 20 and 30`, `from 10 to 20`
    for (p, sep) in [("between", "and"), ("from", "to")] {
        if let Some(e) = phrase_at(cs, i, p) {
            let j = skip_spaces(cs, e);
            if let Some(a) = value_expr_at(cs, j) {
                let k = skip_spaces(cs, a.end);
                if let Some(e2) = phrase_at(cs, k, sep) {
                    if let Some(b) = value_expr_at(cs, skip_spaces(cs, e2)) {
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
    if let Some(e) = phrase_at(cs, i, "negative").or_else(|| phrase_at(cs, i, "minus")) {
        if let Some(mut r) = value_expr_at(cs, skip_spaces(cs, e)) {
            r.start = i;
            r.value = r.value.map(|v| -v);
            return Some(r);
        }
    }
    value_expr_at(cs, i)
}

/// Words or digits, then a unit; no qualifier.
fn value_expr_at(cs: &[char], i: usize) -> Option<Raw> {
    if cs.get(i).is_some_and(|c| c.is_ascii_digit()) || matches!(cs.get(i), Some('$')) {
        let r = super::expr_at(cs, i).or_else(|| super::money_prefix_at(cs, i))?;
        return Some(r);
    }
    let (v, end, ordinal) = words_number(cs, i)?;
    if ordinal {
        return Some(Raw::new(i, end, v, NumberKind::Ordinal));
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

const EN_UNITS: &[(&str, &str, NumberKind)] = &[
    ("percent", "%", NumberKind::Percent),
    ("percents", "%", NumberKind::Percent),
    ("percentage", "%", NumberKind::Percent),
    ("per cent", "%", NumberKind::Percent),
    ("dollars", "dollar", NumberKind::Money),
    ("dollar", "dollar", NumberKind::Money),
    ("cents", "cent", NumberKind::Money),
    ("cent", "cent", NumberKind::Money),
    ("pence", "pence", NumberKind::Money),
    ("pounds", "pound", NumberKind::Money),
    ("euros", "euro", NumberKind::Money),
    ("euro", "euro", NumberKind::Money),
    ("yuan", "yuan", NumberKind::Money),
    ("rmb", "yuan", NumberKind::Money),
    ("usd", "dollar", NumberKind::Money),
    ("francs", "franc", NumberKind::Money),
    ("yen", "yen", NumberKind::Money),
    ("miles", "mile", NumberKind::Quantity),
    ("mile", "mile", NumberKind::Quantity),
    ("feet", "foot", NumberKind::Quantity),
    ("foot", "foot", NumberKind::Quantity),
    ("inches", "inch", NumberKind::Quantity),
    ("inch", "inch", NumberKind::Quantity),
    ("meters", "meter", NumberKind::Quantity),
    ("meter", "meter", NumberKind::Quantity),
    ("metres", "meter", NumberKind::Quantity),
    ("metre", "meter", NumberKind::Quantity),
    ("kilometers", "kilometer", NumberKind::Quantity),
    ("kilometer", "kilometer", NumberKind::Quantity),
    ("km", "kilometer", NumberKind::Quantity),
    ("cm", "centimeter", NumberKind::Quantity),
    ("mm", "millimeter", NumberKind::Quantity),
    ("kg", "kilogram", NumberKind::Quantity),
    ("kilograms", "kilogram", NumberKind::Quantity),
    ("grams", "gram", NumberKind::Quantity),
    ("lbs", "pound", NumberKind::Quantity),
    ("tons", "ton", NumberKind::Quantity),
    ("tonnes", "ton", NumberKind::Quantity),
    ("metric tons", "ton", NumberKind::Quantity),
    ("gallons", "gallon", NumberKind::Quantity),
    ("gallon", "gallon", NumberKind::Quantity),
    ("liters", "liter", NumberKind::Quantity),
    ("litres", "liter", NumberKind::Quantity),
    ("ml", "milliliter", NumberKind::Quantity),
    ("acres", "acre", NumberKind::Quantity),
    ("hectares", "hectare", NumberKind::Quantity),
    ("m", "meter", NumberKind::Quantity),
    ("degrees", "degree", NumberKind::Quantity),
    ("years", "year", NumberKind::Quantity),
    ("months", "month", NumberKind::Quantity),
    ("days", "day", NumberKind::Quantity),
];

/// An English unit after a number ending at `i` (`10 percent`, `3-inch`, `200lbs`).
pub(super) fn unit_after(cs: &[char], i: usize, v: f64) -> Option<Tail> {
    let mut j = skip_spaces(cs, i);
    if cs.get(j) == Some(&'-') {
        j += 1;
    }
    // `200lbs`: the unit may touch the number
    let start_ok = j > i || cs.get(j).is_some_and(|c| c.is_ascii_alphabetic());
    if !start_ok {
        return None;
    }
    let mut best: Option<(usize, &str, NumberKind)> = None;
    for (w, unit, kind) in EN_UNITS {
        // word_at refuses to start inside a word; allow touching the digits
        let mut k = j;
        let mut ok = true;
        for (m, part) in w.split(' ').enumerate() {
            if m > 0 {
                k = skip_spaces(cs, k);
            }
            let mut e = k;
            while e < cs.len() && cs[e].is_ascii_alphabetic() {
                e += 1;
            }
            let got: String = cs[k..e].iter().collect::<String>().to_ascii_lowercase();
            if got != *part {
                ok = false;
                break;
            }
            k = e;
        }
        if ok && best.map_or(true, |(b, _, _)| k > b) {
            best = Some((k, unit, *kind));
        }
    }
    let (end, unit, kind) = best?;
    Some(Tail {
        end,
        value: v,
        unit: Some(unit.to_string()),
        kind: Some(kind),
        year: false,
    })
}
