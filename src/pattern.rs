//! Regexes compiled only when a text could match them.
//!
//! Compiling a regex costs far more than a search of one line: the Unicode
//! classes and bounded repetitions of the line rules (`[^（）()]{2,120}`) make
//! NFAs of thousands of states, and building them was most of docsift's
//! start-up. A [`Pattern`] reads, from the parsed pattern, literals of which
//! every match must contain one (regex-syntax's own literal extractor, the
//! one the regex crate builds its prefilters with) and compiles the regex on
//! the first text that holds one. A rule whose cue words a document never
//! uses is never built; once built, searches go straight to the regex.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Captures, Match, Regex, Replacer};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, HirKind};

/// Bytes of text a gate may turn away before the regex is built anyway. A
/// gate scans the whole text where an anchored regex fails at its first
/// character: it pays on a short document, whose run it spares the build,
/// and costs on a long run, so past this much text (a few pages) the regex
/// is built. On a batch of 60 documents, gates checked to the end cost
/// 2.4 % more instructions than building every regex at first use; with
/// this budget, 1.1 % (the gates' parsing).
const GATE_BUDGET: usize = 64 * 1024;

/// Most literals the extractor gathers before it shortens them (its
/// default is 250): the gate keeps the smallest set anyway, and the lower
/// limit took 3 M instructions off the seed's run (of 130 M).
const LITERALS_MAX: usize = 64;

/// Most literals tested one by one; a larger set gets an Aho–Corasick
/// automaton (one pass over the text).
const CONTAINS_MAX: usize = 4;

/// The matches of a [`Pattern`]'s search: none when its gate refused the text.
pub type Each<I> = std::iter::Flatten<std::option::IntoIter<I>>;

/// A regex built from `source` on the first text that could match it.
pub struct Pattern {
    source: fn() -> String,
    gate: OnceLock<Gate>,
    regex: OnceLock<Regex>,
    /// Bytes the gate has turned away.
    refused: AtomicUsize,
}

/// What a text must hold before the regex is worth building. Literals are
/// compared ignoring ASCII case: a weaker test than the pattern's, so still
/// one every match passes, and `(?i)fig` needs one literal, not eight.
enum Gate {
    /// Nothing known: the regex is built on first use.
    Open,
    /// One of these literals, ASCII lowercase.
    Any(Vec<String>),
    /// One of many literals, found in one pass.
    Automaton(AhoCorasick),
}

impl Pattern {
    /// A pattern whose text `source` makes (a literal or a `format!` of the
    /// lexicon); nothing is parsed or built until the first search.
    pub const fn new(source: fn() -> String) -> Pattern {
        Pattern {
            source,
            gate: OnceLock::new(),
            regex: OnceLock::new(),
            refused: AtomicUsize::new(0),
        }
    }

    /// The compiled regex, built now if it was not.
    ///
    /// # Panics
    /// If the pattern does not compile: patterns are constants of the crate,
    /// and debug builds build each one the pipeline consults (to check the
    /// gate's refusals), so the test suite compiles them.
    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&(self.source)()).expect("docsift pattern compiles"))
    }

    /// The regex if `haystack` could hold a match; `None` when it holds none
    /// of the literals every match contains (the regex is not built).
    ///
    /// Debug builds (the test suite) ask the gate of every text and check
    /// each refusal against the regex: every test run over real text is a
    /// check that the gate never turns away a match.
    fn for_text(&self, haystack: &str) -> Option<&Regex> {
        let built = self.regex.get();
        if built.is_some() && !cfg!(debug_assertions) {
            return built;
        }
        let gate = self.gate.get_or_init(|| Gate::of(&(self.source)()));
        if gate.admits(haystack) {
            return Some(self.regex());
        }
        if cfg!(debug_assertions) {
            assert!(
                !self.regex().is_match(haystack),
                "the gate of {self:?} refused a text it matches: {haystack:?}"
            );
        }
        let refused = self.refused.fetch_add(haystack.len(), Ordering::Relaxed);
        if refused + haystack.len() > GATE_BUDGET {
            // Built now for the next text: this one holds no match.
            self.regex();
        }
        None
    }

    /// As [`Regex::is_match`].
    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_text(haystack)
            .is_some_and(|r| r.is_match(haystack))
    }

    /// As [`Regex::find`].
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.for_text(haystack)?.find(haystack)
    }

    /// As [`Regex::captures`]. A text is first asked whether it matches at
    /// all: the capture slots are allocated on every call, and most texts
    /// asked do not match.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let r = self.for_text(haystack)?;
        if !r.is_match(haystack) {
            return None;
        }
        r.captures(haystack)
    }

    /// As [`Regex::find_iter`].
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Each<regex::Matches<'r, 'h>> {
        self.each(haystack, |r| r.find_iter(haystack))
    }

    /// As [`Regex::captures_iter`].
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> Each<regex::CaptureMatches<'r, 'h>> {
        self.each(haystack, |r| r.captures_iter(haystack))
    }

    /// The iterator `search` gives on the regex, or none if the gate refuses.
    fn each<'r, I: Iterator>(
        &'r self,
        haystack: &str,
        search: impl FnOnce(&'r Regex) -> I,
    ) -> Each<I> {
        self.for_text(haystack).map(search).into_iter().flatten()
    }

    /// As [`Regex::replace`].
    pub fn replace<'h, R: Replacer>(&self, haystack: &'h str, rep: R) -> Cow<'h, str> {
        match self.for_text(haystack) {
            Some(r) => r.replace(haystack, rep),
            None => Cow::Borrowed(haystack),
        }
    }

    /// As [`Regex::replace_all`].
    pub fn replace_all<'h, R: Replacer>(&self, haystack: &'h str, rep: R) -> Cow<'h, str> {
        match self.for_text(haystack) {
            Some(r) => r.replace_all(haystack, rep),
            None => Cow::Borrowed(haystack),
        }
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&(self.source)()).finish()
    }
}

impl Gate {
    /// The gate of `pattern`: open if it does not parse (the regex build
    /// reports that) or no literal is required.
    fn of(pattern: &str) -> Gate {
        let Ok(hir) = regex_syntax::parse(pattern) else {
            return Gate::Open;
        };
        match required(&hir).map(minimal) {
            None => Gate::Open,
            Some(lits) if lits.len() <= CONTAINS_MAX => Gate::Any(lits),
            Some(lits) => AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&lits)
                .map_or(Gate::Open, Gate::Automaton),
        }
    }

    fn admits(&self, haystack: &str) -> bool {
        match self {
            Gate::Open => true,
            Gate::Any(lits) => lits.iter().any(|l| contains_folded(haystack, l)),
            Gate::Automaton(ac) => ac.is_match(haystack),
        }
    }
}

/// Whether `haystack` holds `lit` (ASCII lowercase), ignoring ASCII case.
fn contains_folded(haystack: &str, lit: &str) -> bool {
    if !lit.bytes().any(|b| b.is_ascii_lowercase()) {
        return haystack.contains(lit);
    }
    let (h, l) = (haystack.as_bytes(), lit.as_bytes());
    h.windows(l.len()).any(|w| w.eq_ignore_ascii_case(l))
}

/// Literals of which every match of `hir` contains one, or `None` if no
/// such set is known. A match starts with one of its prefix literals (when
/// they are finite and none is empty); a concatenation's match holds a
/// match of each part, an alternation's a match of one branch. Of the sets
/// found, the smallest (the cheapest test), then the one whose shortest
/// literal is longest (the rarest cue).
fn required(hir: &Hir) -> Option<Vec<String>> {
    let mut sets = vec![prefix_literals(hir)];
    match hir.kind() {
        HirKind::Capture(c) => sets.push(required(&c.sub)),
        HirKind::Repetition(r) if r.min >= 1 => sets.push(required(&r.sub)),
        HirKind::Concat(parts) => sets.extend(parts.iter().map(required)),
        HirKind::Alternation(branches) => sets.push(
            branches
                .iter()
                .map(required)
                .collect::<Option<Vec<_>>>()
                .map(|sets| sets.concat()),
        ),
        _ => {}
    }
    // Folded first: case variants are one literal to the gate.
    sets.into_iter()
        .flatten()
        .map(folded)
        .min_by_key(|lits| (lits.len(), usize::MAX - shortest(lits)))
}

/// The prefix literals of `hir` if they are finite and none is empty.
fn prefix_literals(hir: &Hir) -> Option<Vec<String>> {
    let seq = Extractor::new().limit_total(LITERALS_MAX).extract(hir);
    let text: Vec<String> = seq
        .literals()?
        .iter()
        .map(|l| utf8_prefix(l.as_bytes()))
        .collect();
    (!text.is_empty() && text.iter().all(|t| !t.is_empty())).then_some(text)
}

/// The longest valid UTF-8 start of a literal (the extractor may cut one
/// inside a character); still a substring of every match it was part of.
fn utf8_prefix(bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid.to_string()
}

fn shortest(lits: &[String]) -> usize {
    lits.iter().map(String::len).min().unwrap_or(0)
}

/// The set lowercased (ASCII), shortest first, each literal once.
fn folded(lits: Vec<String>) -> Vec<String> {
    let mut lits: Vec<String> = lits.into_iter().map(|l| l.to_ascii_lowercase()).collect();
    lits.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    lits.dedup();
    lits
}

/// A folded set without literals that contain another of the set: a text
/// holding the longer holds the shorter, so the test asks the same question.
fn minimal(lits: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for l in lits {
        if !kept.iter().any(|k| l.contains(k.as_str())) {
            kept.push(l);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate_literals(p: &str) -> Option<Vec<String>> {
        required(&regex_syntax::parse(p).unwrap()).map(minimal)
    }

    #[test]
    fn required_literals_come_from_the_pattern_form() {
        let got = gate_literals(r"^附\s*件\s*([0-9]{1,2})?");
        assert_eq!(got, Some(vec!["附".to_string()]));
        // Behind an optional prefix: the fewest literals every match holds.
        let got = gate_literals(r"^(?:\d+[.．、])?\s*本(办法|规定)(?:自|从)").unwrap();
        assert_eq!(got, ["本"]);
        let got = gate_literals(r"(?:印发|颁布)《?([^《》]{2,80}?)》").unwrap();
        assert_eq!(got, ["》"]);
        // Either branch: one literal of each.
        let got = gate_literals(r"^共\s*\d+\s*页|^第\s*\d+\s*页").unwrap();
        assert_eq!(got, vec!["共".to_string(), "第".to_string()]);
        // Case folded: one literal for every case of the cue.
        assert_eq!(gate_literals(r"(?i)fig\.").unwrap(), ["fig."]);
        assert!(contains_folded("FIG. 2", "fig.") && !contains_folded("FIG 2", "fig."));
        // Nothing every match must hold.
        assert_eq!(gate_literals(r"^\d{1,3}$"), None);
        assert_eq!(gate_literals(r"(?:注)?\s*$"), None);
        assert_eq!(gate_literals(r"x*"), None);
    }

    /// The gate never turns away a text the regex matches: every line of
    /// the noisy dev cases, searched by the pattern and by the regex built
    /// outright, for patterns of each form the rules use. (Debug builds
    /// check every refusal of every pattern the same way, on every test.)
    #[test]
    fn the_gate_refuses_no_match() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dev-cases");
        let mut lines: Vec<String> = Vec::new();
        for case in std::fs::read_dir(dir).unwrap().flatten() {
            if let Ok(t) = std::fs::read_to_string(case.path().join("noisy.md")) {
                lines.extend(t.lines().map(str::to_string));
            }
        }
        assert!(lines.len() > 1000, "dev cases read: {} lines", lines.len());
        lines.extend(
            [
                "附件1：项目清单",
                "本办法自2025年1月1日起施行。",
                "第 3 页 共 12 页",
                "FIG. 2 Results",
                "Fig. 3",
                "（此件公开发布）",
            ]
            .map(String::from),
        );
        let patterns: [fn() -> String; 5] = [
            || r"^附\s*件\s*([0-9]{1,2})?".into(),
            || r"^(?:\d+[.．、])?\s*本(办法|规定)(?:自|从)".into(),
            || r"^共\s*\d+\s*页|^第\s*\d+\s*页".into(),
            || r"(?i)fig\.\s*\d".into(),
            || r"^[（(]\s*(?:此件|本件)[^（）()]{1,16}[)）]$".into(),
        ];
        for source in patterns {
            let gated = Pattern::new(source);
            let plain = Regex::new(&source()).unwrap();
            let mut matched = 0;
            for l in &lines {
                assert_eq!(gated.is_match(l), plain.is_match(l), "{} on {l}", source());
                matched += usize::from(plain.is_match(l));
            }
            assert!(matched > 0, "{} matches no test line", source());
        }
    }
}
