//! The port against the reference: `fixtures/scorer/score.py` (a copy of
//! `shared/eval/score.py`) and `docsift_eval` score the same stored outputs,
//! and must print the same figures and the same misses, byte for byte.
//!
//! `score.py` runs a binary per file; here it is a stand-in that prints the
//! `x.out.json` stored next to `x.md`, so both scorers see the same documents.
//! The outputs are (1) the hand-made ones of `fixtures/eval-synthetic`, (2)
//! docsift's own on a few real cases with articles past 100 and `分编`, and on
//! a hand-made emergency plan with `1　总则` / `1.1` / `2.1.1` numbering, and
//! (3) random ones from `scripts/eval_random_outputs.py` (spans past the end,
//! missing runs, odd values), which reach corners docsift never does.

use crate::common::fixture;
use docsift_eval::{evaluate_dir_with, stored_output};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch directory of this test process, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("docsift-eval-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The stand-in binary for `score.py --bin`: `BIN clean x.md` prints `x.out.json`
/// (and fails like a failed run when there is none). Written by `sh`, so no
/// thread of this test process holds it open for writing when it runs.
fn stand_in(dir: &Path) -> PathBuf {
    let bin = dir.join("docsift-stored.sh");
    let made = Command::new("sh")
        .args([
            "-c",
            r#"printf '#!/bin/sh\nexec cat "${2%%.md}.out.json"\n' > "$0" && chmod 755 "$0""#,
        ])
        .arg(&bin)
        .status()
        .unwrap();
    assert!(made.success());
    bin
}

fn python(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3 runs (the differential test needs Python 3)");
    assert!(
        out.status.success(),
        "python3 {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Scores `cases` with both and asserts the same output (`--show 5`).
fn assert_same(cases: &Path, bin: &Path) {
    let score_py = fixture("scorer/score.py");
    let py = python(&[
        score_py.as_os_str(),
        "--bin".as_ref(),
        bin.as_os_str(),
        "--show".as_ref(),
        "5".as_ref(),
        cases.as_os_str(),
    ]);
    let f = evaluate_dir_with(cases, stored_output).unwrap();
    let mut rs = f.misses(5).join("\n");
    if !rs.is_empty() {
        rs.push('\n');
    }
    rs.push_str(&f.summary_line());
    println!("{}\n{rs}\n", cases.display());
    assert_eq!(rs.trim_end(), py.trim_end(), "{}", cases.display());
}

/// Copies a case's three files into `dir/NAME` and stores docsift's outputs.
fn store_docsift_outputs(case: &Path, dir: &Path) {
    let dst = dir.join(case.file_name().unwrap());
    std::fs::create_dir_all(&dst).unwrap();
    for f in ["clean.md", "noisy.md", "labels.json"] {
        std::fs::copy(case.join(f), dst.join(f)).unwrap();
    }
    for f in ["clean", "noisy"] {
        let src = dst.join(format!("{f}.md"));
        let doc = docsift_eval::run_file(&src).expect("docsift runs on the case");
        std::fs::write(
            dst.join(format!("{f}.out.json")),
            docsift::emit::to_json(&doc),
        )
        .unwrap();
    }
}

#[test]
fn matches_score_py_on_hand_made_outputs() {
    let scratch = Scratch::new("synthetic");
    assert_same(&fixture("eval-synthetic"), &stand_in(&scratch.0));
}

/// Cases with `第一百…条`, `第一千零…条` and `分编`, plain and wrapped, and
/// the hand-made plan with decimal and bare top-level numbering.
const REAL_CASES: [&str; 6] = [
    "wide-cases/civil-code-0003",
    "wide-cases/const-related-0034-2023",
    "wide-cases-wrapped/admin-law-0058-2017",
    "val-cases/gbf-2018-123-government-new-media",
    "val-cases-wrapped/consumer-rights-implementing-regulation-2024",
    "eval-markers/plan-decimal",
];

#[test]
fn matches_score_py_on_docsift_outputs() {
    let scratch = Scratch::new("real");
    let cases = scratch.0.join("cases");
    for c in REAL_CASES {
        store_docsift_outputs(&fixture(c), &cases);
    }
    assert_same(&cases, &stand_in(&scratch.0));
    // The figures are not trivially perfect: the comparison has misses to match.
    let f = evaluate_dir_with(&cases, stored_output).unwrap();
    assert_eq!((f.cases, f.failed), (REAL_CASES.len(), 0));
    assert!(f.tree_clean_f1 > 0.5 && f.tree_clean_f1 < 1.0, "{f}");
}

#[test]
fn matches_score_py_on_random_outputs() {
    let scratch = Scratch::new("random");
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/eval_random_outputs.py");
    for (set, seed) in [
        ("dev-cases", "1"),
        ("eval-markers", "2"),
        ("wide-cases-wrapped", "3"),
    ] {
        // A few cases of the set: the generator takes a whole folder.
        let src = scratch.0.join(format!("src-{set}"));
        let names: Vec<PathBuf> = docsift_eval::case_dirs(&fixture(set)).unwrap();
        for case in names.iter().step_by(names.len().div_ceil(4)) {
            let dst = src.join(case.file_name().unwrap());
            std::fs::create_dir_all(&dst).unwrap();
            for f in ["clean.md", "noisy.md", "labels.json"] {
                std::fs::copy(case.join(f), dst.join(f)).unwrap();
            }
        }
        let out = scratch.0.join(format!("out-{set}"));
        python(&[
            script.as_os_str(),
            fixture("scorer").as_os_str(),
            src.as_os_str(),
            out.as_os_str(),
            seed.as_ref(),
        ]);
        assert_same(&out, &stand_in(&scratch.0));
    }
}

/// The copy in `fixtures/scorer/` is the reference's current text, when the
/// shared folder is beside the repository (as on developers' machines and CI).
#[test]
fn scorer_copy_is_current() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/eval");
    if !shared.is_dir() {
        println!(
            "no {} beside the repository: nothing to compare",
            shared.display()
        );
        return;
    }
    for f in ["score.py", "inject.py"] {
        let want = std::fs::read(shared.join(f)).unwrap();
        let have = std::fs::read(fixture("scorer").join(f)).unwrap();
        assert!(
            want == have,
            "fixtures/scorer/{f} differs from shared/eval/{f}: copy it and port the change"
        );
    }
}
