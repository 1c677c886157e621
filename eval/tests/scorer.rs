//! The scorer itself on hand-made cases with stored outputs
//! (`fixtures/eval-synthetic`, figures computed by hand in its README).

use crate::common::{fixture, shortfalls, ISSUE_BARS};
use docsift_eval::{evaluate_dir, evaluate_dir_with, stored_output};

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
    let b = &f.per_case[1];
    assert!(b.failed());
    // The reason names the file the run stopped at.
    let why = b.failure.as_deref().unwrap_or_default();
    assert!(
        why.starts_with("noisy.md: ") && why.contains("noisy.out.json"),
        "{why}"
    );
    assert_eq!(f.failures(), [format!("b-failed: {why}")]);
    assert!(f.to_string().contains(&format!("failed b-failed: {why}")));
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
        "failed case b-failed",
    ] {
        assert!(
            s.iter().any(|l| l.starts_with(name)),
            "{name} missing in {s:?}"
        );
    }
    assert!(!s.iter().any(|l| l.contains("page_number")), "{s:?}");
}

/// A case the pipeline refuses counts as failed, with the pipeline's reason.
#[test]
fn a_failed_pipeline_run_is_reported_with_its_reason() {
    let dir = std::env::temp_dir().join(format!("docsift-eval-refused-{}", std::process::id()));
    let case = dir.join("empty-noisy");
    std::fs::create_dir_all(&case).unwrap();
    let src = fixture("eval-synthetic/a-basic");
    for f in ["clean.md", "labels.json"] {
        std::fs::copy(src.join(f), case.join(f)).unwrap();
    }
    std::fs::write(case.join("noisy.md"), b"").unwrap();
    let f = evaluate_dir(&dir).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!((f.cases, f.failed), (1, 1));
    let why = &f.failures()[0];
    assert!(
        why.starts_with("empty-noisy: noisy.md: ") && why.ends_with("noisy.md: file is empty"),
        "{why}"
    );
}
