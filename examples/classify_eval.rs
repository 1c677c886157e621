//! Dev harness for the clean stage: runs `segment` + `classify` over every
//! dev case and prints precision/recall per noise kind against `labels.json`.
//!
//! `cargo run --release --example classify_eval [-- --show] [DIR...]`
//! (default: /work/shared/eval/dev-cases and dev-cases-wrapped).
//! `duplicate` labels are the dedup stage's and `orphan_heading` the structure
//! stage's: both are left out of the figures.

use std::collections::BTreeMap;
use std::fs;

use docsift::clean::classify;
use docsift::segment::segment;

#[derive(Default)]
struct Kind {
    truth: usize,
    found: usize,
    right_reason: usize,
    flagged: usize,
    flagged_fp: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let mut dirs: Vec<String> = args.into_iter().filter(|a| !a.starts_with("--")).collect();
    if dirs.is_empty() {
        dirs = vec![
            "/work/shared/eval/dev-cases".into(),
            "/work/shared/eval/dev-cases-wrapped".into(),
        ];
    }
    for dir in dirs {
        let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
        let (mut real, mut fp) = (0usize, 0usize);
        let mut cases: Vec<_> = fs::read_dir(&dir)
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        cases.sort();
        for case in cases {
            let Ok(labels) = fs::read_to_string(case.join("labels.json")) else {
                continue;
            };
            let labels: serde_json::Value = serde_json::from_str(&labels).expect("labels");
            let noisy = fs::read_to_string(case.join("noisy.md")).expect("noisy");
            let mut truth: BTreeMap<usize, String> = BTreeMap::new();
            for n in labels["noise"].as_array().expect("noise") {
                truth.insert(
                    n[0].as_u64().unwrap() as usize,
                    n[1].as_str().unwrap().to_string(),
                );
            }
            let mut dup = std::collections::BTreeSet::new();
            for d in labels["duplicate"].as_array().expect("dup") {
                for l in d[0].as_u64().unwrap()..=d[1].as_u64().unwrap() {
                    dup.insert(l as usize);
                }
            }
            let units = segment(&noisy);
            let verdicts = classify(&units);
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            for (u, v) in units.iter().zip(&verdicts) {
                if dup.contains(&u.line) {
                    continue;
                }
                let t = truth.get(&u.line).cloned();
                if t.as_deref() == Some("orphan_heading") {
                    continue;
                }
                let got = v.as_ref().map(|v| {
                    serde_json::to_value(v.reason)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string()
                });
                if let Some(t) = &t {
                    let k = kinds.entry(t.clone()).or_default();
                    k.truth += 1;
                    if got.is_some() {
                        k.found += 1;
                    }
                    if got.as_deref() == Some(t.as_str()) {
                        k.right_reason += 1;
                    }
                    if got.is_none() && show {
                        println!("  MISS {name}:{} [{t}] {}", u.line, u.text);
                    }
                } else {
                    real += 1;
                }
                if let Some(g) = &got {
                    let k = kinds.entry(g.clone()).or_default();
                    k.flagged += 1;
                    if t.is_none() {
                        k.flagged_fp += 1;
                        fp += 1;
                        if show {
                            println!(
                                "  FP   {name}:{} [{g}] {} — {}",
                                u.line,
                                u.text,
                                v.as_ref().unwrap().detail
                            );
                        }
                    }
                }
            }
        }
        println!("== {dir}");
        println!(
            "{:<18} {:>6} {:>8} {:>8} {:>9} {:>9}",
            "kind", "truth", "recall", "reason", "flagged", "precision"
        );
        let (mut tt, mut tf, mut fl) = (0, 0, 0);
        for (k, v) in &kinds {
            tt += v.truth;
            tf += v.found;
            fl += v.flagged;
            let r = if v.truth > 0 {
                v.found as f64 / v.truth as f64
            } else {
                f64::NAN
            };
            let rr = if v.truth > 0 {
                v.right_reason as f64 / v.truth as f64
            } else {
                f64::NAN
            };
            let p = if v.flagged > 0 {
                1.0 - v.flagged_fp as f64 / v.flagged as f64
            } else {
                f64::NAN
            };
            println!(
                "{k:<18} {:>6} {r:>8.3} {rr:>8.3} {:>9} {p:>9.3}",
                v.truth, v.flagged
            );
        }
        println!(
            "ALL: recall {:.3} precision {:.3} kept {:.4} ({fp} real lines of {real} removed)",
            tf as f64 / tt.max(1) as f64,
            1.0 - fp as f64 / fl.max(1) as f64,
            1.0 - fp as f64 / real.max(1) as f64
        );
    }
}
