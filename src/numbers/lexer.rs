//! Numeral tokenizer and value parser.
//!
//! [`numeral_at`] reads one numeral (Arabic, Chinese or mixed) starting at a
//! character offset: it splits the text into atoms (digit runs, Chinese
//! digits, unit characters, approximation marks, decimal point), then
//! evaluates the atoms. Signs, fractions, units and qualifiers are the
//! assembler's business (`mod.rs`).

use super::tables::*;

/// One piece of a numeral.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Atom {
    /// An Arabic number (`4.78`, `1,200`).
    Num(f64),
    /// A Chinese digit 0–9.
    Digit(u32),
    /// `十`, `百`, `千`.
    Small(f64),
    /// `廿`, `卅`, `卌`.
    Tens(f64),
    /// `万`, `亿`, `兆`.
    Big(f64),
    /// `多`, `余`, `几`.
    Approx,
}

/// A numeral read from the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Numeral {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Its value (lower bound for `三四十`).
    pub value: f64,
    /// Upper value of a neighbouring-digit range (`三四十万` → 400000).
    pub hi: Option<f64>,
    /// Has a fractional part.
    pub decimal: bool,
    /// Holds `多`/`余`/`几`.
    pub approx: bool,
    /// Trailing `万`/`亿` run: where it starts and its factor.
    pub tail_big: Option<(usize, f64)>,
    /// Uses Chinese numeral characters.
    pub chinese: bool,
    /// Arabic integer digit count when the numeral is one plain Arabic integer;
    /// digit count of a Chinese digit string (`二〇二五` → 4); else 0.
    pub plain_digits: usize,
    /// The numeral ends with a lone Chinese digit or unit (no Arabic).
    pub single_char: bool,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

/// Skips spaces from `i`.
pub(crate) fn skip_spaces(cs: &[char], mut i: usize) -> usize {
    while i < cs.len() && is_space(cs[i]) {
        i += 1;
    }
    i
}

/// Matches `word` at `i`, allowing spaces between its characters; returns the end.
pub(crate) fn match_spaced(cs: &[char], i: usize, word: &str) -> Option<usize> {
    let mut j = i;
    for (k, w) in word.chars().enumerate() {
        if k > 0 {
            j = skip_spaces(cs, j);
        }
        if j < cs.len() && cs[j] == w {
            j += 1;
        } else {
            return None;
        }
    }
    Some(j)
}

fn digit_at(cs: &[char], k: usize) -> Option<u32> {
    cs.get(k).and_then(|&c| arabic_digit(c))
}

/// Reads an Arabic number at `i`: digits with thousands separators, decimals,
/// exponent, power. Returns (end, value, decimal?, integer digits). The value
/// is NaN when it overflows `f64` or underflows to zero (reported as
/// `value: null`); a long number that fits is its nearest `f64`.
pub(crate) fn arabic_at(cs: &[char], i: usize) -> Option<(usize, f64, bool, usize)> {
    let mut j = i;
    let mut int = String::new();
    while let Some(d) = digit_at(cs, j) {
        int.push(char::from_digit(d, 10)?);
        j += 1;
    }
    let after_point = i > 0 && is_point(cs[i - 1]);
    if int.is_empty() {
        // `.5` starts a number; `...9` and `192.168.1.2` do not start a new one.
        let leading = j < cs.len() && is_point(cs[j]) && digit_at(cs, j + 1).is_some();
        if !leading || after_point {
            return None;
        }
    }
    if !int.is_empty() {
        j = comma_groups(cs, j, &mut int);
        j = indian_groups(cs, j, &mut int);
        j = space_groups(cs, i, j, &mut int);
    }
    let int_digits = int.len();
    let mut text = int;
    let mut decimal = false;
    if !after_point {
        if let Some(k) = fraction_digits(cs, j, &mut text) {
            decimal = true;
            j = k;
        }
    }
    if text.is_empty() || text == "." {
        return None;
    }
    let parsed: f64 = text.parse().ok()?;
    let mut value = if parsed.is_finite() { parsed } else { f64::NAN };
    if let Some((k, e)) = signed_exponent(cs, j, &['e', 'E']) {
        // parsed, not multiplied: `1e300` is exactly the nearest f64
        let scaled = format!("{text}e{e}").parse().unwrap_or(f64::NAN);
        value = checked(value, scaled);
        decimal = decimal || e < 0 || value.fract() != 0.0;
        j = k;
    }
    if let Some((k, e)) = signed_exponent(cs, j, &['^']) {
        value = checked(value, value.powi(e));
        decimal = decimal || value.fract() != 0.0;
        j = k;
    }
    Some((j, value, decimal, if decimal { 0 } else { int_digits }))
}

/// `scaled` unless it overflowed to infinity or underflowed to zero from a
/// non-zero `base`: then NaN (reported as `value: null`).
fn checked(base: f64, scaled: f64) -> f64 {
    if !scaled.is_finite() || (scaled == 0.0 && base != 0.0) {
        f64::NAN
    } else {
        scaled
    }
}

/// Thousands separators `1,234,567` (`，` between full-width digits): `,`
/// and exactly three digits, repeated; appends them to `int`.
fn comma_groups(cs: &[char], mut j: usize, int: &mut String) -> usize {
    if int.len() > 3 {
        return j;
    }
    while j > 0
        && (cs.get(j) == Some(&',')
            || (cs.get(j) == Some(&'，') && ('０'..='９').contains(&cs[j - 1])))
        && (1..=3).all(|k| digit_at(cs, j + k).is_some())
        && digit_at(cs, j + 4).is_none()
    {
        int.extend(
            cs[j + 1..j + 4]
                .iter()
                .filter_map(|&c| arabic_digit(c))
                .filter_map(|d| char::from_digit(d, 10)),
        );
        j += 4;
    }
    j
}

/// Indian grouping `12,34,567`: pairs, then a final group of three.
fn indian_groups(cs: &[char], j: usize, int: &mut String) -> usize {
    if int.len() > 2 {
        return j;
    }
    let mut k = j;
    let mut pairs = 0;
    while cs.get(k) == Some(&',')
        && digit_at(cs, k + 1).is_some()
        && digit_at(cs, k + 2).is_some()
        && cs.get(k + 3) == Some(&',')
    {
        pairs += 1;
        k += 3;
    }
    let three = cs.get(k) == Some(&',')
        && (1..=3).all(|m| digit_at(cs, k + m).is_some())
        && digit_at(cs, k + 4).is_none();
    if pairs == 0 || !three {
        return j;
    }
    int.extend(
        cs[j..k + 4]
            .iter()
            .filter_map(|&c| arabic_digit(c))
            .filter_map(|d| char::from_digit(d, 10)),
    );
    k + 4
}

/// Space grouping `1 234 567` (outside CJK text only).
fn space_groups(cs: &[char], i: usize, j: usize, int: &mut String) -> usize {
    let before_cjk = i > 0 && is_cjk(cs[i - 1]);
    if int.len() > 3 || before_cjk {
        return j;
    }
    let mut k = j;
    let mut groups = String::new();
    while cs
        .get(k)
        .is_some_and(|&c| matches!(c, ' ' | '\u{202f}' | '\u{a0}'))
        && (1..=3).all(|m| digit_at(cs, k + m).is_some())
        && digit_at(cs, k + 4).is_none()
    {
        groups.extend(
            cs[k + 1..k + 4]
                .iter()
                .filter_map(|&c| arabic_digit(c))
                .filter_map(|d| char::from_digit(d, 10)),
        );
        k += 4;
    }
    if groups.is_empty() || cs.get(k).is_some_and(|&c| is_cjk(c)) {
        return j;
    }
    int.push_str(&groups);
    k
}

/// Fraction digits after a point at `j` (not an IP-like `192.168.1.2`);
/// appends `.ddd` to `text` and returns the end.
fn fraction_digits(cs: &[char], j: usize, text: &mut String) -> Option<usize> {
    if !(cs.get(j).is_some_and(|&c| is_point(c)) && digit_at(cs, j + 1).is_some()) {
        return None;
    }
    let mut k = j + 1;
    while digit_at(cs, k).is_some() {
        k += 1;
    }
    let ip_like = cs.get(k).is_some_and(|&c| is_point(c)) && digit_at(cs, k + 1).is_some();
    if ip_like {
        return None;
    }
    text.push('.');
    text.extend(
        cs[j + 1..k]
            .iter()
            .filter_map(|&c| arabic_digit(c))
            .filter_map(|d| char::from_digit(d, 10)),
    );
    Some(k)
}

/// An exponent after one of `marks` at `j`: `e5`, `e-1`, `^+23`. Returns the
/// end and the exponent (saturating; an `e` running into letters is none).
fn signed_exponent(cs: &[char], j: usize, marks: &[char]) -> Option<(usize, i32)> {
    if !cs.get(j).is_some_and(|c| marks.contains(c)) {
        return None;
    }
    let power = marks.contains(&'^');
    let mut k = j + 1;
    let mut neg = false;
    while let Some(&c) = cs.get(k) {
        match c {
            '+' => {}
            '-' | '－' | '−' => neg = !neg,
            _ => break,
        }
        k += 1;
        if !power {
            break;
        }
    }
    let s = k;
    let mut e = 0i32;
    while let Some(d) = digit_at(cs, k) {
        e = e.saturating_mul(10).saturating_add(d as i32);
        k += 1;
    }
    if k == s || (!power && cs.get(k).is_some_and(|c| c.is_ascii_alphabetic())) {
        return None;
    }
    Some((k, if neg { -e } else { e }))
}

pub(crate) fn is_point(c: char) -> bool {
    c == '.' || c == '．'
}

/// Letter multipliers after an Arabic number (`40k`, `1.2M`, `10G`).
/// Returns (end, factor). `k` is accepted anywhere; the others only when no
/// CJK or letter follows (so `5G基站` and `1m` stay what they are).
pub(crate) fn letter_multiplier(cs: &[char], i: usize) -> Option<(usize, f64)> {
    let j = skip_spaces(cs, i);
    let c = *cs.get(j)?;
    let next = cs.get(j + 1).copied();
    let lower: String = cs[j..cs.len().min(j + 3)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    if cs.get(j) == Some(&'M')
        && cs.get(j + 1) == Some(&'M')
        && !cs.get(j + 2).is_some_and(|c| c.is_alphanumeric())
    {
        return Some((j + 2, 1e6)); // `1MM`
    }
    for (w, f) in [("mil", 1e6), ("bln", 1e9), ("tln", 1e12)] {
        if lower.starts_with(w) && !cs.get(j + 3).is_some_and(|c| c.is_alphanumeric()) {
            return Some((j + 3, f));
        }
    }
    let f = match c {
        'k' | 'K' | 'Ｋ' => 1e3,
        'M' => 1e6,
        'G' => 1e9,
        'B' | 'b' => 1e9,
        'T' => 1e12,
        _ => return None,
    };
    let ok = match next {
        None => true,
        Some(n) if matches!(c, 'k' | 'K' | 'Ｋ') => !n.is_ascii_alphanumeric(),
        Some(n) => !n.is_alphanumeric() && !is_cjk(n),
    };
    ok.then_some((j + 1, f))
}

/// True when `c` can start or continue a Chinese numeral.
pub(crate) fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some()
        || cn_small_unit(c).is_some()
        || cn_tens(c).is_some()
        || cn_big_unit(c).is_some()
}

/// Reads the atoms of a numeral at `i` (no sign). Returns atoms with their
/// char ranges and, if a decimal part follows a `点`, the decimal digits.
/// Maximum atoms in one numeral: bounds the work per position.
const MAX_ATOMS: usize = 64;

fn atoms_at(cs: &[char], i: usize) -> Vec<(Atom, usize, usize)> {
    let mut atoms: Vec<(Atom, usize, usize)> = Vec::new();
    let mut j = i;
    while j < cs.len() && atoms.len() < MAX_ATOMS {
        let k = if atoms.is_empty() {
            j
        } else {
            skip_spaces(cs, j)
        };
        if k >= cs.len() {
            break;
        }
        let Some((atom, end)) = next_atom(cs, k, k > j, &atoms) else {
            break;
        };
        atoms.push((atom, k, end));
        j = end;
    }
    atoms
}

/// The atom at `k` given the atoms read so far (`spaced`: spaces precede it),
/// or `None` when the numeral ends before `k`.
fn next_atom(
    cs: &[char],
    k: usize,
    spaced: bool,
    atoms: &[(Atom, usize, usize)],
) -> Option<(Atom, usize)> {
    let c = cs[k];
    let prev = atoms.last().map(|a| a.0);
    if let Some((e, v, _, _)) = arabic_at(cs, k) {
        if matches!(prev, Some(Atom::Num(_))) || matches!(prev, Some(Atom::Digit(d)) if d != 0) {
            return None;
        }
        if spaced && !matches!(prev, Some(Atom::Small(_)) | Some(Atom::Big(_))) {
            return None;
        }
        Some((Atom::Num(v), e))
    } else if let Some(d) = cn_digit(c) {
        // `两` after a digit is the weight unit (`九两半`), not a numeral,
        // unless it continues a digit string (`幺八五洞幺拐两零`).
        let digit_run = atoms.len() >= 2 && atoms.iter().all(|a| matches!(a.0, Atom::Digit(_)));
        if matches!(c, '两' | '兩')
            && matches!(prev, Some(Atom::Digit(_)) | Some(Atom::Num(_)))
            && !digit_run
        {
            return None;
        }
        // A final `两` after a unit character is the weight unit (`三十两`, `两万两`).
        if matches!(c, '两' | '兩')
            && matches!(prev, Some(Atom::Small(_)) | Some(Atom::Big(_)))
            && !cs
                .get(k + 1)
                .is_some_and(|&n| is_cn_numeral_char(n) || n == '半')
        {
            return None;
        }
        if spaced && matches!(prev, Some(Atom::Digit(_)) | Some(Atom::Num(_))) {
            return None;
        }
        if matches!(prev, Some(Atom::Num(_))) {
            return None;
        }
        Some((Atom::Digit(d), k + 1))
    } else if let Some(u) = cn_small_unit(c) {
        // `12千米`, `3000万千瓦`, `2.3千克`: after an Arabic number or a
        // magnitude word, 千 opening a unit word is kilo-, not a thousand.
        let unit_word = unit_at(cs, k).is_some_and(|(n, _)| n >= 2);
        let digital = matches!(cs.get(k + 1), Some('字') | Some('比'));
        if (unit_word && matches!(prev, Some(Atom::Num(_)) | Some(Atom::Big(_))))
            || (u == 1000.0 && digital && prev.is_some())
        {
            return None;
        }
        Some((Atom::Small(u), k + 1))
    } else if let Some(t) = cn_tens(c) {
        Some((Atom::Tens(t), k + 1))
    } else if let Some(b) = cn_big_unit(c) {
        // `兆` opening a unit word is mega- (`五十兆字节`, `1兆赫兹`, `3兆瓦`).
        if c == '兆' && unit_at(cs, k).is_some_and(|(n, _)| n >= 2) {
            return None;
        }
        Some((Atom::Big(b), k + 1))
    } else if is_cn_approx(c)
        && prev.is_some()
        && !matches!(prev, Some(Atom::Approx))
        && (matches!(
            prev,
            Some(Atom::Small(_)) | Some(Atom::Big(_)) | Some(Atom::Num(_))
        ) || matches!(c, '几' | '幾'))
    {
        Some((Atom::Approx, k + 1))
    } else {
        None
    }
}

/// Value of a list of atoms, or `None` when they do not form one number.
fn eval_plain(atoms: &[Atom]) -> Option<f64> {
    if atoms.is_empty()
        || atoms
            .iter()
            .all(|a| matches!(a, Atom::Big(_) | Atom::Approx))
    {
        return None;
    }
    // Digit string: only digits (`一二三`, `二〇二五`).
    if atoms.len() >= 2 && atoms.iter().all(|a| matches!(a, Atom::Digit(_))) {
        let digits = atoms.iter().filter_map(|a| match a {
            Atom::Digit(d) => Some(*d as f64),
            _ => None,
        });
        return Some(digits.fold(0.0, |v, d| v * 10.0 + d));
    }
    let mut acc = Accumulator::default();
    for &a in atoms {
        acc.step(a)?;
    }
    Some(acc.finish())
}

/// Running state of [`eval_plain`] over a numeral's atoms.
#[derive(Default)]
struct Accumulator {
    /// Value of the completed `万`/`亿` groups.
    total: f64,
    /// Factor of the last big unit.
    last_big: f64,
    /// Value of the current group below 万.
    section: f64,
    /// A pending number and whether it is a single Chinese digit.
    cur: Option<(f64, bool)>,
    /// Factor of the last unit character.
    last_unit: f64,
    /// A `零` since the last unit.
    zero: bool,
    prev: Option<Atom>,
}

impl Accumulator {
    /// Adds one atom; `None` when the atoms do not form one number.
    fn step(&mut self, a: Atom) -> Option<()> {
        match a {
            Atom::Digit(_) | Atom::Num(_) | Atom::Tens(_) if self.cur.is_some() => return None,
            Atom::Digit(0) => self.zero = true,
            Atom::Digit(d) => self.cur = Some((d as f64, true)),
            Atom::Num(v) => self.cur = Some((v, false)),
            Atom::Tens(t) => {
                self.section += t;
                self.last_unit = 10.0;
                self.zero = false;
            }
            Atom::Small(u) => {
                if matches!(self.prev, Some(Atom::Small(p)) if p <= u) {
                    return None; // `五十千`
                }
                self.section += self.cur.map(|c| c.0).unwrap_or(1.0) * u;
                self.cur = None;
                self.last_unit = u;
                self.zero = false;
            }
            Atom::Big(b) => self.big(b),
            Atom::Approx => {}
        }
        self.prev = Some(a);
        Some(())
    }

    /// A big unit (`万`, `亿`) closes the current group.
    fn big(&mut self, b: f64) {
        // `百二萬`: a lone digit after a small unit abbreviates the next place.
        let c = match self.cur {
            Some((c, true)) if !self.zero && (10.0..1e4).contains(&self.last_unit) && c < 10.0 => {
                c * self.last_unit / 10.0
            }
            Some((c, _)) => c,
            None => 0.0,
        };
        let mut s = self.section + c;
        if s == 0.0 && self.total == 0.0 {
            s = 1.0;
        }
        if self.total > 0.0 && b >= self.last_big {
            self.total = (self.total + s) * b;
        } else {
            self.total += s * b;
        }
        self.last_big = b;
        self.section = 0.0;
        self.cur = None;
        self.last_unit = b;
        self.zero = false;
    }

    /// The value, with a trailing lone digit read as the next place (`三万五`).
    fn finish(mut self) -> f64 {
        if let Some((c, single)) = self.cur {
            let abbreviated = single
                && !self.zero
                && self.last_unit >= 10.0
                && c < 10.0
                && !matches!(self.prev, Some(Atom::Approx));
            self.section += if abbreviated {
                c * self.last_unit / 10.0
            } else {
                c
            };
        }
        self.total + self.section
    }
}

/// Value, plus upper value for a neighbouring-digit range (`三四十`).
fn eval(atoms: &[Atom]) -> Option<(f64, Option<f64>)> {
    let has_unit = atoms
        .iter()
        .any(|a| matches!(a, Atom::Small(_) | Atom::Big(_) | Atom::Tens(_)));
    if has_unit {
        for p in 0..atoms.len().saturating_sub(1) {
            if let (Atom::Digit(a), Atom::Digit(b)) = (atoms[p], atoms[p + 1]) {
                if a >= 1 && b > a {
                    let mut lo = atoms.to_vec();
                    lo.remove(p + 1);
                    let mut hi = atoms.to_vec();
                    hi.remove(p);
                    let l = eval_plain(&lo)?;
                    let h = eval_plain(&hi)?;
                    return Some((l, Some(h)));
                }
            }
        }
    }
    eval_plain(atoms).map(|v| (v, None))
}

/// Reads decimal digits after a `点` at `i`: Chinese digits or Arabic digits.
fn decimal_digits_at(cs: &[char], i: usize) -> Option<(usize, String)> {
    let mut j = skip_spaces(cs, i);
    let mut s = String::new();
    if cs.get(j).and_then(|&c| arabic_digit(c)).is_some() {
        while let Some(d) = cs.get(j).and_then(|&c| arabic_digit(c)) {
            s.push(char::from_digit(d, 10)?);
            j += 1;
        }
        return Some((j, s));
    }
    loop {
        let k = if s.is_empty() { j } else { skip_spaces(cs, j) };
        match cs
            .get(k)
            .filter(|&&c| c != '两' && c != '兩')
            .and_then(|&c| cn_digit(c))
        {
            Some(d) => {
                s.push(char::from_digit(d, 10)?);
                j = k + 1;
            }
            None => break,
        }
    }
    if s.is_empty() {
        None
    } else {
        Some((j, s))
    }
}

/// Reads one numeral (no sign) at `i`.
pub(crate) fn numeral_at(cs: &[char], i: usize) -> Option<Numeral> {
    let mut atoms = atoms_at(cs, i);
    while !atoms.is_empty() {
        let plain: Vec<Atom> = atoms.iter().map(|a| a.0).collect();
        if let Some((mut value, hi)) = eval(&plain) {
            let mut end = atoms.last()?.2;
            let chinese = plain.iter().any(|a| !matches!(a, Atom::Num(_)));
            let approx = plain.contains(&Atom::Approx);
            let mut decimal = plain
                .iter()
                .any(|a| matches!(a, Atom::Num(v) if v.fract() != 0.0));
            // The Arabic form decides `decimal` for `10.0`-like numbers too.
            if let [Atom::Num(_)] = plain[..] {
                if let Some((_, _, d, _)) = arabic_at(cs, i) {
                    decimal = d;
                }
            }
            let mut plain_digits = 0;
            if plain.len() == 1 {
                if let Some((_, _, false, digits)) = arabic_at(cs, i) {
                    plain_digits = digits;
                }
            } else if plain.iter().all(|a| matches!(a, Atom::Digit(_))) {
                plain_digits = plain.len();
            }
            // tail of big units
            let mut tail_big = None;
            let mut t = atoms.len();
            while t > 0 && matches!(atoms[t - 1].0, Atom::Big(_)) {
                t -= 1;
            }
            if t < atoms.len() && t > 0 && hi.is_none() {
                let factor: f64 = atoms[t..]
                    .iter()
                    .map(|a| if let Atom::Big(b) = a.0 { b } else { 1.0 })
                    .product();
                tail_big = Some((atoms[t].1, factor));
            }
            // decimal part after `点`
            let after = skip_spaces(cs, end);
            if hi.is_none() && after < cs.len() && is_cn_point(cs[after]) && !approx {
                if let Some((e, digits)) = decimal_digits_at(cs, after + 1) {
                    let frac: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                    value += frac;
                    decimal = frac != 0.0;
                    end = e;
                    tail_big = None;
                    // `二十点一万`
                    let mut k = end;
                    let mut factor = 1.0;
                    while let Some(b) = cs.get(k).and_then(|&c| cn_big_unit(c)) {
                        factor *= b;
                        k += 1;
                    }
                    if k > end {
                        tail_big = Some((end, factor));
                        value *= factor;
                        end = k;
                    }
                }
            }
            let single_char = chinese && end - i == 1;
            return Some(Numeral {
                start: i,
                end,
                value,
                hi,
                decimal,
                approx,
                tail_big,
                chinese,
                plain_digits,
                single_char,
            });
        }
        atoms.pop();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> f64 {
        let cs: Vec<char> = s.chars().collect();
        let n = numeral_at(&cs, 0).unwrap();
        assert_eq!(n.end, cs.len(), "{s} not read whole");
        n.value
    }

    #[test]
    fn chinese_values() {
        for (s, want) in [
            ("两千六", 2600.0),
            ("一百零十万三千", 1103000.0),
            ("三万五", 35000.0),
            ("一千零五", 1005.0),
            ("四万万", 4e8),
            ("一万五千亿", 1.5e12),
            ("五兆六十二亿四万五千二", 5006200045200.0),
            ("万九", 19000.0),
            ("百三", 130.0),
            ("一七二零", 1720.0),
            ("4.78万亿", 4.78e12),
            ("3万4000", 34000.0),
            ("二十点一万", 201000.0),
            ("廿二", 22.0),
            ("十多万", 100000.0),
            ("一千零十二", 1012.0),
        ] {
            assert!((v(s) - want).abs() < 1e-6, "{s}: {} != {want}", v(s));
        }
    }
}
