//! Vocabulary as data. Every word list docsift matches against lives in a
//! file of this folder, compiled in with `include_str!`, one entry per line:
//!
//! ```text
//! # source: where the list comes from (a maintained source, or "curated")
//! term<TAB>why the entry is here
//! ```
//!
//! Lines starting with `#` and blank lines are comments. Files generated from
//! a maintained source name it and the script that made them; curated files
//! give a reason per entry. [`FILES`] lists them all so one test can check
//! every file for duplicates and empty reasons.

/// One entry of a lexicon file: the term and the reason (or source tag) for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The word or pattern as matched.
    pub term: &'static str,
    /// Why the entry is in the list (curated files) or its tag (generated ones).
    pub note: &'static str,
}

/// Parses a lexicon file: `term<TAB>note` lines, `#` comments, blanks skipped.
pub fn entries(src: &'static str) -> impl Iterator<Item = Entry> {
    src.lines().filter_map(|l| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            return None;
        }
        let (term, note) = l.split_once('\t').unwrap_or((l, ""));
        Some(Entry {
            term: term.trim(),
            note: note.trim(),
        })
    })
}

/// The terms of a lexicon file, in file order.
pub fn terms(src: &'static str) -> Vec<&'static str> {
    entries(src).map(|e| e.term).collect()
}

/// Han characters in everyday use (generated from jieba's dictionary): a line
/// whose Han characters are mostly outside it is strokes or OCR debris.
pub const HAN_COMMON: &str = include_str!("han_common.tsv");
/// Words of web and print page controls (`打印`, `关闭`, `返回顶部`).
pub const PAGE_CONTROLS: &str = include_str!("page_controls.tsv");
/// Field labels of a web page's article header and footer (`发布时间`, `阅读次数`).
pub const PAGE_LABELS: &str = include_str!("page_labels.tsv");
/// Page-counter labels, chrome by themselves when a number follows.
pub const PAGE_COUNTERS: &str = include_str!("page_counters.tsv");
/// Labels of contact lines (`联系电话`, `传真`, `E-mail`).
pub const CONTACT_LABELS: &str = include_str!("contact_labels.tsv");

/// Words an organisation's name ends in (`厅`, `委员会`, `银行`): issuers and addressees.
pub const ORG_SUFFIXES: &str = include_str!("org_suffixes.tsv");
/// Words only an addressee line's names end in (`各有关单位`, `各直属机构`).
pub const ADDRESSEE_SUFFIXES: &str = include_str!("addressee_suffixes.tsv");

/// Words after `第N条` that make it a reference (`第三条规定的`), not a marker.
pub const ARTICLE_REFERENCES: &str = include_str!("article_references.tsv");

/// Labels of the units a task names as carrying it out (`牵头单位`, `负责部门`).
pub const RESPONSIBILITY_LABELS: &str = include_str!("responsibility_labels.tsv");

/// Document types (`通知`, `条例`, `预案`, `解释`), longest first: the one list
/// every stage reads a title's, a closing clause's or an issued document's type from.
pub const DOC_TYPES: &str = include_str!("doc_types.tsv");

/// Words a document uses for itself whatever its type (`文件`, `规范性文件`):
/// with [`DOC_TYPES`], what `本…` may name without naming another document.
pub const SELF_REFERENCES: &str = include_str!("self_references.tsv");

/// Words of genres other than policy writing (company reports, medicine,
/// research, weather, advertising, letters, sports and food), the genre
/// before the `:` of each note: cues that lower the off-topic bar.
pub const GENRE_CUES: &str = include_str!("genre_cues.tsv");

/// Words a clause opens with before a comma (`为此`, `一是`): a short first
/// segment made of one is no sign of a cut paragraph.
pub const CLAUSE_OPENERS: &str = include_str!("clause_openers.tsv");
/// Words that end a scope noun after `各` (`人民政府`, `均`).
pub const SCOPE_STOPS: &str = include_str!("scope_stops.tsv");
/// Common words of Chinese policy writing: shared vocabulary for the
/// off-topic judge, however short the document.
pub const POLICY_WORDS: &str = include_str!("policy_words.tsv");

/// Verbs by which one document issues or forwards another (`印发`, `转发`).
pub const ISSUING_VERBS: &str = include_str!("issuing_verbs.tsv");

/// Words jieba tags p, c or uj (generated): a clause cannot end on one.
pub const OPEN_TAGS: &str = include_str!("open_tags.tsv");
/// Modal and light verbs that a clause cannot end on (`要`, `应当`, `予以`).
pub const OPEN_WORDS: &str = include_str!("open_words.tsv");

/// A regex alternation of the terms of a lexicon file, longest first, each
/// escaped: for rules that need the list inside a larger pattern.
pub fn alternation(src: &'static str) -> String {
    alternation_of(&terms(src))
}

/// A regex alternation of `words`, longest first, each escaped.
pub fn alternation_of(words: &[&str]) -> String {
    let mut t = words.to_vec();
    t.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    t.iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

/// Chinese units and measure words with their class (curated).
pub const UNITS_ZH: &str = include_str!("units_zh.tsv");
/// Measure words generated from jieba's dictionary `q` tags.
pub const MEASURE_WORDS: &str = include_str!("measure_words.tsv");
/// jieba `q` entries left out of [`MEASURE_WORDS`], with reasons.
pub const MEASURE_WORDS_EXCLUDED: &str = include_str!("measure_words_excluded.tsv");
/// SI and CLDR unit symbols (`kV`, `℃`, `m²`).
pub const UNIT_SYMBOLS: &str = include_str!("unit_symbols.tsv");
/// Words in which a numeral character is not a number (`一切`, `四川`).
pub const NOT_NUMBER_WORDS: &str = include_str!("not_number_words.tsv");
/// English units after a number (`percent`, `km`, `dollars`), with kind and factor.
pub const UNITS_EN: &str = include_str!("units_en.tsv");
/// English qualifiers before a number (`at least`, `no more than`), in match order.
pub const QUALIFIERS_EN: &str = include_str!("qualifiers_en.tsv");
/// Words ending in a one-character qualifier that is not one (`节约`, `通过`).
pub const NOT_QUALIFIER_WORDS: &str = include_str!("not_qualifier_words.tsv");
/// Negations that turn a strict bound around (`不能超过` → at most).
pub const NEGATIONS: &str = include_str!("negations.tsv");
/// Qualifiers written before a number (`不少于`, `约`).
pub const QUALIFIERS_BEFORE: &str = include_str!("qualifiers_before.tsv");
/// Qualifiers written after a number or its unit (`以上`, `左右`).
pub const QUALIFIERS_AFTER: &str = include_str!("qualifiers_after.tsv");
/// Labels that open a field of an official document's layout (`抄送：`,
/// `附件：`): a line opening with one starts its own field.
pub const FIELD_LABELS: &str = include_str!("field_labels.tsv");
/// Heading words that mark a section as a review of the past (`工作回顾`).
pub const REVIEW_HEADINGS: &str = include_str!("review_headings.tsv");
/// Verbs that govern a goal number (`建设`, `达到`, `控制在`).
pub const TARGET_VERBS: &str = include_str!("target_verbs.tsv");

pub mod dict;

/// Every lexicon file, by name, for the consistency test.
pub const FILES: &[(&str, &str)] = &[
    ("han_common.tsv", HAN_COMMON),
    ("page_controls.tsv", PAGE_CONTROLS),
    ("page_labels.tsv", PAGE_LABELS),
    ("page_counters.tsv", PAGE_COUNTERS),
    ("contact_labels.tsv", CONTACT_LABELS),
    ("doc_types.tsv", DOC_TYPES),
    ("self_references.tsv", SELF_REFERENCES),
    ("genre_cues.tsv", GENRE_CUES),
    ("clause_openers.tsv", CLAUSE_OPENERS),
    ("scope_stops.tsv", SCOPE_STOPS),
    ("policy_words.tsv", POLICY_WORDS),
    ("issuing_verbs.tsv", ISSUING_VERBS),
    ("responsibility_labels.tsv", RESPONSIBILITY_LABELS),
    ("article_references.tsv", ARTICLE_REFERENCES),
    ("org_suffixes.tsv", ORG_SUFFIXES),
    ("addressee_suffixes.tsv", ADDRESSEE_SUFFIXES),
    ("open_words.tsv", OPEN_WORDS),
    ("open_tags.tsv", OPEN_TAGS),
    ("units_zh.tsv", UNITS_ZH),
    ("measure_words.tsv", MEASURE_WORDS),
    ("measure_words_excluded.tsv", MEASURE_WORDS_EXCLUDED),
    ("unit_symbols.tsv", UNIT_SYMBOLS),
    ("not_number_words.tsv", NOT_NUMBER_WORDS),
    ("not_qualifier_words.tsv", NOT_QUALIFIER_WORDS),
    ("units_en.tsv", UNITS_EN),
    ("qualifiers_en.tsv", QUALIFIERS_EN),
    ("negations.tsv", NEGATIONS),
    ("qualifiers_before.tsv", QUALIFIERS_BEFORE),
    ("qualifiers_after.tsv", QUALIFIERS_AFTER),
    ("target_verbs.tsv", TARGET_VERBS),
    ("review_headings.tsv", REVIEW_HEADINGS),
    ("field_labels.tsv", FIELD_LABELS),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_file_is_well_formed() {
        for (name, src) in FILES {
            assert!(
                src.lines().any(|l| l.starts_with("# source:")),
                "{name}: no `# source:` line"
            );
            let mut seen = HashSet::new();
            for e in entries(src) {
                assert!(!e.term.is_empty(), "{name}: empty term");
                assert!(!e.note.is_empty(), "{name}: `{}` has no reason", e.term);
                assert!(seen.insert(e.term), "{name}: `{}` listed twice", e.term);
            }
        }
    }

    #[test]
    fn parses_terms_and_notes() {
        let src = "# source: test\n\n甲\tbecause\n乙\tand\n# 丙\tcommented\n";
        assert_eq!(terms(src), ["甲", "乙"]);
        assert_eq!(entries(src).nth(1).unwrap().note, "and");
    }
}
