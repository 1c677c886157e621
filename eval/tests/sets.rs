//! The library on the six labelled sets: dev, val and wide, plain and
//! PDF-wrapped. Each set has floors at its measured figures (a ratchet: raise
//! them as the pipeline improves, never lower them for a worse reading; they
//! were lowered once, on 2026-12-01, when attachments became parts of their
//! own: the references nest an attachment's `一、` at the top or under the
//! last article, and hold its `附件` label as text, where docsift now nests
//! the items under an `attachment` node whose marker is the label); the goal is
//! [`ISSUE_BARS`] for every set. `cargo test -p docsift-eval --test eval sets
//! -- --nocapture` prints each set's table.

use crate::common::{fixture, shortfalls, Bars, ISSUE_BARS};
use docsift_eval::{evaluate_dir, Figures};
use std::time::Instant;

/// Scores one set, prints its table and asserts its case count and floors.
fn check_set(set: &str, cases: usize, floors: &Bars) -> Figures {
    let t = Instant::now();
    let f = evaluate_dir(fixture(set)).unwrap();
    println!("== {set} ({:.1} s)\n{f}\n", t.elapsed().as_secs_f64());
    assert_eq!(f.cases, cases, "{set}: cases found");
    let s = shortfalls(&f, floors);
    assert!(s.is_empty(), "{set} under its floors:\n{}", s.join("\n"));
    f
}

/// The dev case whose `clean.md` is itself a raw PDF/browser-print extraction
/// (print headers, URLs and page-width line breaks inside its "clean" text).
const RAW_REFERENCE: &str = "consumer-rights-implementing-regulation-2024";

/// Without the raw reference, the dev sets reach the issue's bars.
fn check_without_raw_reference(set: &str, f: &Figures) {
    let rest: Vec<_> = f
        .per_case
        .iter()
        .filter(|c| c.name != RAW_REFERENCE)
        .cloned()
        .collect();
    let g = Figures::from_cases(rest);
    println!("== {set} without {RAW_REFERENCE}\n{g}\n");
    let s = shortfalls(&g, &ISSUE_BARS);
    assert!(
        s.is_empty(),
        "{set} without {RAW_REFERENCE}:\n{}",
        s.join("\n")
    );
}

/// Floors of `dev-cases`: the 32 dev cases (plain). Measured 2026-12-01 after the
/// noise-by-form, numbering and join work (issue 7; joins raised after clause-style
/// numbering and addressee lines), each figure rounded down.
const DEV_FLOORS: Bars = Bars {
    removal_precision: 0.977,
    removal_recall: 0.999,
    kind_recall: 0.999, // every kind
    kept: 0.9918,
    joins: 0.972,
    bounds: 0.919, // 0.914 before the line under a row's number alone was its title, 0.912 before a short unclosed line after a blank line was a label (third session of 2026-12-03)
    tree_clean_f1: 0.982,
    tree_noisy_f1: 0.982,
    targets_f1: 1.0,
};

#[test]
fn dev() {
    let f = check_set("dev-cases", 32, &DEV_FLOORS);
    check_without_raw_reference("dev-cases", &f);
}

/// Floors of `dev-cases-wrapped`: the 32 dev cases, PDF-wrapped. Measured 2026-12-01 after the
/// noise-by-form, numbering and join work (issue 7; joins raised after clause-style
/// numbering and addressee lines), each figure rounded down.
const DEV_WRAPPED_FLOORS: Bars = Bars {
    removal_precision: 0.97,
    removal_recall: 0.998,
    kind_recall: 0.97, // off_topic
    kept: 0.9855, // a letterhead (`中国人民银行文件`) is read as its issuer, which the scorer counts as one paragraph lost; 0.985 before signatures above attachments and issued documents were read
    joins: 0.982,
    bounds: 0.887,
    tree_clean_f1: 0.982,
    tree_noisy_f1: 0.981,
    targets_f1: 0.999,
};

#[test]
fn dev_wrapped() {
    let f = check_set("dev-cases-wrapped", 32, &DEV_WRAPPED_FLOORS);
    check_without_raw_reference("dev-cases-wrapped", &f);
}

/// Floors of `val-cases`: the 32 validation cases (noise from bank-val.json). Measured 2026-12-01 after the
/// noise-by-form, numbering and join work (issue 7; joins raised after clause-style
/// numbering and addressee lines), each figure rounded down.
const VAL_FLOORS: Bars = Bars {
    removal_precision: 0.976,
    removal_recall: 0.999, // 0.993 before another document's self-reference (`本产品`, said by no other line) was a genre cue
    kind_recall: 0.999, // off_topic was 0.926: that advert's three copies were kept (its second copy, with numbered items between, is the document's repeat to dedup)
    kept: 0.9918,
    joins: 0.968,
    bounds: 0.920, // 0.915 before the line under a row's number alone was its title, 0.913 before a short unclosed line after a blank line was a label
    tree_clean_f1: 0.982,
    tree_noisy_f1: 0.982,
    targets_f1: 1.0,
};

#[test]
fn val() {
    let f = check_set("val-cases", 32, &VAL_FLOORS);
    check_without_raw_reference("val-cases", &f);
}

/// Floors of `val-cases-wrapped`: the 32 validation cases, PDF-wrapped. Measured 2026-12-01 after the
/// noise-by-form, numbering and join work (issue 7; joins raised after clause-style
/// numbering and addressee lines), each figure rounded down.
const VAL_WRAPPED_FLOORS: Bars = Bars {
    removal_precision: 0.961,
    removal_recall: 0.998, // 0.993 before a header printed once at a page head and a title printed twice went
    kind_recall: 0.967,    // off_topic
    kept: 0.9855, // a letterhead (`中国人民银行文件`) is read as its issuer, which the scorer counts as one paragraph lost; 0.9846 before signatures above attachments and issued documents were read
    joins: 0.982,
    bounds: 0.883,
    tree_clean_f1: 0.982,
    tree_noisy_f1: 0.981,
    targets_f1: 0.999,
};

#[test]
fn val_wrapped() {
    let f = check_set("val-cases-wrapped", 32, &VAL_WRAPPED_FLOORS);
    check_without_raw_reference("val-cases-wrapped", &f);
}

/// Floors of `wide-cases`: the 150 wide cases (other laws and regulations). Measured 2026-12-01 after the
/// noise-by-form, numbering and join work (issue 7; joins raised after lines opening
/// on 的 and issuer-like lines cut mid-word), each figure rounded down.
const WIDE_FLOORS: Bars = Bars {
    removal_precision: 0.997, // 0.991 before repeats with numbered items between were kept; 0.995 before a formula closing quoted articles stayed, 0.997 before titles set over lines for parallel parts did (second session of 2026-12-03)
    removal_recall: 0.999,
    kind_recall: 0.996, // orphan_heading; duplicate 0.998 (0.969 before items copied under the next number went, 0.994 before three-digit items)
    kept: 0.9994, // 0.9993 before a repeated title piece away from every page number stayed (fourth session of 2026-12-03), 0.9987 before quoted amendment items and parallel articles stayed (2026-12-03), 0.9990 before quoted formulas did
    joins: 0.987,
    bounds: 0.998, // 0.997 before a short unclosed line after a blank line was a label
    tree_clean_f1: 0.986, // 0.997 before articles grouped under `一、` headings were nested in them: the reference nests by fixed rank, `二、票据保全` under `第六条` (three judicial interpretations, 1.000 -> 0.336; the other 147 cases unchanged)
    tree_noisy_f1: 0.985, // 0.996 before articles grouped under `一、` were nested in them (above), 0.992 before bare headings restated with a title and renumbered copies went
    targets_f1: 0.999,
};

#[test]
fn wide() {
    check_set("wide-cases", 150, &WIDE_FLOORS);
}

/// Floors of `wide-cases-wrapped`: the 150 wide cases, PDF-wrapped. Measured 2026-12-01 after the
/// noise-by-form, numbering and join work (issue 7; joins raised after clause-style
/// numbering and addressee lines), each figure rounded down.
const WIDE_WRAPPED_FLOORS: Bars = Bars {
    removal_precision: 0.996, // local-beijing-0055 opens with a contents page its reference keeps; 0.994 before 2026-12-03, 0.996 before quoted formulas stayed
    removal_recall: 0.999,
    kind_recall: 0.996, // duplicate (0.971 before copies glued to the paragraph before them parted from it)
    kept: 0.9990, // 0.9988 before quoted amendment items and parallel articles stayed (2026-12-03)
    joins: 0.994,
    bounds: 0.978,
    tree_clean_f1: 0.986, // 0.997 before articles grouped under `一、` were nested in them (see WIDE_FLOORS)
    tree_noisy_f1: 0.985, // 0.994 before the same
    targets_f1: 0.997,
};

#[test]
fn wide_wrapped() {
    check_set("wide-cases-wrapped", 150, &WIDE_WRAPPED_FLOORS);
}
