//! The in-project evaluation (`docsift::eval`, a port of `shared/eval/score.py`):
//! the scorer itself on hand-made cases, and the library on the dev cases.

use docsift::eval::{evaluate_dir, evaluate_dir_with, Figures};
use docsift::Document;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Stands in for the pipeline: `x.md` → the document stored in `x.out.json`.
fn stored_output(path: &Path) -> Option<Document> {
    let text = std::fs::read_to_string(path.with_extension("out.json")).ok()?;
    Some(serde_json::from_str(&text).expect("a stored output that parses"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn scorer_matches_hand_computed_figures() {
    let f = evaluate_dir_with(fixture("eval-synthetic"), stored_output).unwrap();
    println!("{f}");
    assert_eq!((f.cases, f.failed), (2, 1));
    let want = [
        ("removal precision", f.removal_precision, 2.0 / 3.0),
        ("removal recall", f.removal_recall, 0.5),
        ("kept", f.kept, 7.0 / 8.0),
        ("joins", f.joins, 0.5),
        ("bounds", f.bounds, 6.0 / 7.0),
        ("tree clean F1", f.tree_clean_f1, 4.0 / 7.0),
        ("tree noisy F1", f.tree_noisy_f1, 8.0 / 9.0),
        ("targets F1", f.targets_f1, 4.0 / 7.0),
    ];
    for (name, got, expected) in want {
        assert!(close(got, expected), "{name}: {got} != {expected}");
    }
    let kinds: Vec<(&str, usize, usize)> = f
        .recall_by_kind
        .iter()
        .map(|(k, v)| (k.as_str(), v.removed, v.total))
        .collect();
    assert_eq!(
        kinds,
        [
            ("duplicate", 0, 1),
            ("figure_caption", 0, 1),
            ("page_number", 1, 1),
            ("running_header", 1, 1)
        ]
    );
    assert_eq!(f.min_kind_recall(), 0.0);
    // Byte for byte what `score.py` prints on the same outputs (see the fixture's README).
    assert_eq!(
        f.summary_line(),
        "recall by kind: duplicate 0/1, figure_caption 0/1, page_number 1/1, running_header 1/1\n\
         cases 2 failed 1 | removal P 0.667 R 0.500 | kept 0.8750 | joins 0.500 bounds 0.857 | \
         tree clean F1 0.571 noisy F1 0.889 | targets F1 0.571"
    );
    let a = &f.per_case[0];
    assert_eq!(a.name, "a-basic");
    // What `score.py --show 5` prints for the case.
    assert_eq!(
        f.misses(5),
        [
            "a-basic: kept-text removed, line 1: 关于推进职业教育改革的通知",
            "a-basic: noise kept (figure_caption), line 16: Figure 3: Results",
            "a-basic: noise kept (duplicate), line 20: 2.遴选建设基地14个。",
        ]
    );
    assert!(f.per_case[1].failed);
}

/// The issue's targets for every figure.
const ISSUE_BARS: Bars = Bars {
    removal_precision: 0.98,
    removal_recall: 0.95,
    kind_recall: 0.90,
    kept: 0.995,
    joins: 0.95,
    bounds: 0.97,
    tree_clean_f1: 0.97,
    tree_noisy_f1: 0.95,
    targets_f1: 0.95,
};

/// Measured floors on the full plain dev set (a ratchet: raise, never lower).
/// Below the issue's bars for precision, kept, joins and bounds — see
/// docs/evaluation.md: one reference document is itself a raw PDF extraction.
const PLAIN_FLOORS: Bars = Bars {
    removal_precision: 0.975,
    removal_recall: 0.99,
    kind_recall: 0.95,
    kept: 0.992,
    joins: 0.94,
    bounds: 0.91,
    tree_clean_f1: 0.975,
    tree_noisy_f1: 0.975,
    targets_f1: 0.99,
};

/// Measured floors on the full wrapped dev set (ratchet).
const WRAPPED_FLOORS: Bars = Bars {
    removal_precision: 0.97,
    removal_recall: 0.99,
    kind_recall: 0.92,
    kept: 0.986,
    joins: 0.97,
    bounds: 0.885,
    tree_clean_f1: 0.975,
    tree_noisy_f1: 0.975,
    targets_f1: 0.965,
};

/// The dev case whose `clean.md` is itself a raw PDF/browser-print extraction
/// (print headers, URLs and page-width line breaks inside its "clean" text).
const RAW_REFERENCE: &str = "consumer-rights-implementing-regulation-2024";

/// Lowest acceptable value of every figure.
struct Bars {
    removal_precision: f64,
    removal_recall: f64,
    /// Applies to the removal recall of every noise kind.
    kind_recall: f64,
    kept: f64,
    joins: f64,
    bounds: f64,
    tree_clean_f1: f64,
    tree_noisy_f1: f64,
    targets_f1: f64,
}

/// Every figure under its bar, as readable lines (empty when all pass).
fn shortfalls(f: &Figures, bars: &Bars) -> Vec<String> {
    let mut checks = vec![
        (
            "removal precision".to_string(),
            f.removal_precision,
            bars.removal_precision,
        ),
        (
            "removal recall".to_string(),
            f.removal_recall,
            bars.removal_recall,
        ),
        ("kept".to_string(), f.kept, bars.kept),
        ("joins".to_string(), f.joins, bars.joins),
        ("bounds".to_string(), f.bounds, bars.bounds),
        (
            "tree clean F1".to_string(),
            f.tree_clean_f1,
            bars.tree_clean_f1,
        ),
        (
            "tree noisy F1".to_string(),
            f.tree_noisy_f1,
            bars.tree_noisy_f1,
        ),
        ("targets F1".to_string(), f.targets_f1, bars.targets_f1),
    ];
    for (k, v) in &f.recall_by_kind {
        checks.push((format!("recall of {k}"), v.recall, bars.kind_recall));
    }
    let mut out: Vec<String> = checks
        .into_iter()
        .filter(|(_, got, bar)| got < bar)
        .map(|(name, got, bar)| format!("{name} {got:.4} < {bar}"))
        .collect();
    if f.failed > 0 {
        out.push(format!("{} of {} cases failed", f.failed, f.cases));
    }
    out
}

#[test]
fn shortfalls_name_every_figure_under_its_bar() {
    let f = evaluate_dir_with(fixture("eval-synthetic"), stored_output).unwrap();
    let s = shortfalls(&f, &ISSUE_BARS);
    for name in [
        "removal precision",
        "removal recall",
        "kept",
        "joins",
        "bounds",
        "tree clean F1",
        "tree noisy F1",
        "targets F1",
        "recall of duplicate",
        "recall of figure_caption",
        "1 of 2 cases failed",
    ] {
        assert!(
            s.iter().any(|l| l.starts_with(name)),
            "{name} missing in {s:?}"
        );
    }
    assert!(!s.iter().any(|l| l.contains("page_number")), "{s:?}");
}

#[test]
fn dev_cases_reach_the_bars() {
    let mut failures = Vec::new();
    for (set, floors) in [
        ("dev-cases", &PLAIN_FLOORS),
        ("dev-cases-wrapped", &WRAPPED_FLOORS),
    ] {
        let f = evaluate_dir(fixture(set)).unwrap();
        println!("== {set}\n{f}\n");
        assert_eq!(f.cases, 32, "{set}: cases found");
        failures.extend(
            shortfalls(&f, floors)
                .into_iter()
                .map(|s| format!("{set}: {s}")),
        );
        // Without the one reference that is a raw extraction, the issue's bars.
        let rest: Vec<_> = f
            .per_case
            .iter()
            .filter(|c| c.name != RAW_REFERENCE)
            .cloned()
            .collect();
        let g = Figures::from_cases(rest);
        println!("== {set} without {RAW_REFERENCE}\n{g}\n");
        let bars = ISSUE_BARS;
        failures.extend(
            shortfalls(&g, &bars)
                .into_iter()
                .map(|s| format!("{set} without {RAW_REFERENCE}: {s}")),
        );
    }
    assert!(
        failures.is_empty(),
        "under the bars:\n{}",
        failures.join("\n")
    );
}

/// Differential check of the port: scores stored outputs (`noisy.out.json`,
/// `clean.out.json` next to each case's `.md` files) with both `score.py` and
/// `docsift::eval`, and compares the printed figures. Needs Python:
/// `scripts/eval_random_outputs.py` makes such directories;
/// `DOCSIFT_SCORE_PY=…/shared/eval/score.py DOCSIFT_EVAL_STORED=DIR[:DIR…]
/// cargo test --test integration matches_score_py -- --ignored`.
#[test]
#[ignore = "needs python3, score.py and a directory of stored outputs (see the doc comment)"]
fn matches_score_py_on_stored_outputs() {
    let score_py = std::env::var("DOCSIFT_SCORE_PY").expect("set DOCSIFT_SCORE_PY");
    let dirs = std::env::var("DOCSIFT_EVAL_STORED").expect("set DOCSIFT_EVAL_STORED");
    let bin = std::env::temp_dir().join(format!("docsift-stored-{}.sh", std::process::id()));
    std::fs::write(&bin, "#!/bin/sh\nexec cat \"${2%.md}.out.json\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for dir in dirs.split(':') {
        let out = std::process::Command::new("python3")
            .arg(&score_py)
            .arg("--bin")
            .arg(&bin)
            .arg(dir)
            .output()
            .expect("python3 runs");
        let py = String::from_utf8(out.stdout).unwrap();
        let rs = evaluate_dir_with(dir, stored_output)
            .unwrap()
            .summary_line();
        println!("{dir}\n{rs}");
        assert_eq!(rs.trim(), py.trim(), "{dir}");
    }
    let _ = std::fs::remove_file(&bin);
}
