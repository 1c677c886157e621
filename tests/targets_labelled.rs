//! Hand-labelled targets (`fixtures/targets-labelled/`): the whole pipeline
//! runs on six corpus documents and its targets are scored against labels
//! written by reading the text (see `GUIDE.md` there).

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Bars from issue 8.
const PRECISION_BAR: f64 = 0.90;
const RECALL_BAR: f64 = 0.90;
const QUALIFIER_BAR: f64 = 0.95;

/// Folds a leading magnitude word of the unit into the value (`15 万元` →
/// `150000 元`), so a label as written and a report in either form compare.
fn canon(value: f64, unit: Option<&str>) -> (f64, String) {
    let mut v = value;
    let mut u = unit.unwrap_or("").to_string();
    loop {
        let f = if u.starts_with('万') || u.starts_with('萬') {
            1e4
        } else if u.starts_with('亿') || u.starts_with('億') {
            1e8
        } else {
            break;
        };
        if u.chars().count() < 2 {
            break;
        }
        v *= f;
        u = u.chars().skip(1).collect();
    }
    (v, u)
}

fn same(a: &(f64, String), b: &(f64, String)) -> bool {
    a.1 == b.1 && (a.0 - b.0).abs() <= 1e-9 * a.0.abs().max(1.0)
}

struct Label {
    value: (f64, String),
    qualifier: String,
}

/// The labelled targets and the ambiguous numbers of one source line.
type LineLabels = (Vec<Label>, Vec<(f64, String)>);

#[derive(Default)]
struct DocLabels {
    scope: Option<(usize, usize)>,
    by_line: BTreeMap<usize, LineLabels>,
}

fn load() -> BTreeMap<String, DocLabels> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/targets-labelled/labels.jsonl");
    let mut docs: BTreeMap<String, DocLabels> = BTreeMap::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).unwrap();
        let doc = docs
            .entry(v["doc"].as_str().unwrap().to_string())
            .or_default();
        if let Some(l) = v.get("lines") {
            doc.scope = l.as_array().map(|a| {
                (
                    a[0].as_u64().unwrap() as usize,
                    a[1].as_u64().unwrap() as usize,
                )
            });
            continue;
        }
        let n = v["line"].as_u64().unwrap() as usize;
        let entry = doc.by_line.entry(n).or_default();
        for t in v["targets"].as_array().unwrap() {
            entry.0.push(Label {
                value: canon(t[0].as_f64().unwrap(), t[1].as_str()),
                qualifier: t[2].as_str().unwrap().to_string(),
            });
        }
        for t in v
            .get("ambiguous")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            entry.1.push(canon(t[0].as_f64().unwrap(), t[1].as_str()));
        }
    }
    docs
}

/// Scores every labelled document; returns (reported, right, labelled,
/// qualifier right) and the mismatches, one line each.
fn score() -> ([usize; 4], Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/targets-labelled/docs");
    let mut totals = [0usize; 4];
    let mut report = Vec::new();
    for (name, labels) in load() {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let doc = docsift::run(&name, &bytes).unwrap();
        let in_scope = |l: usize| labels.scope.is_none_or(|(a, b)| a <= l && l <= b);
        let mut open: BTreeMap<usize, Vec<Option<&Label>>> = labels
            .by_line
            .iter()
            .map(|(&l, (ts, _))| (l, ts.iter().map(Some).collect()))
            .collect();
        for t in &doc.targets {
            let [a, b] = t.lines;
            if !in_scope(a) {
                continue;
            }
            let got = canon(t.value, t.unit.as_deref());
            let q = serde_json::to_value(t.qualifier).unwrap();
            let q = q.as_str().unwrap();
            // a label with the same value, preferring one with the same qualifier
            let mut hit = None;
            for same_q in [true, false] {
                for l in a..=b {
                    let Some(slots) = open.get_mut(&l) else {
                        continue;
                    };
                    let slot = slots.iter_mut().find(|s| {
                        s.is_some_and(|x| same(&x.value, &got) && (!same_q || x.qualifier == q))
                    });
                    if let Some(slot) = slot {
                        hit = slot.take();
                        break;
                    }
                }
                if hit.is_some() {
                    break;
                }
            }
            let ambiguous = (a..=b).any(|l| {
                labels
                    .by_line
                    .get(&l)
                    .is_some_and(|(_, amb)| amb.iter().any(|x| same(x, &got)))
            });
            match hit {
                Some(label) => {
                    totals[0] += 1;
                    totals[1] += 1;
                    if label.qualifier == q {
                        totals[3] += 1;
                    } else {
                        report.push(format!(
                            "{name}:{a}: qualifier {q}, labelled {} ({} {})",
                            label.qualifier, t.value, got.1
                        ));
                    }
                }
                None if ambiguous => {}
                None => {
                    totals[0] += 1;
                    report.push(format!(
                        "{name}:{a}: extra {} {:?} {q} in `{}`",
                        t.value, t.unit, t.text
                    ));
                }
            }
        }
        for (l, slots) in open {
            for s in slots.into_iter().flatten() {
                report.push(format!("{name}:{l}: missed {} {}", s.value.0, s.value.1));
            }
        }
        totals[2] += labels
            .by_line
            .values()
            .map(|(ts, _)| ts.len())
            .sum::<usize>();
    }
    (totals, report)
}

#[test]
fn hand_labelled_targets_meet_the_bars() {
    let ([reported, right, labelled, qual], report) = score();
    let p = right as f64 / reported.max(1) as f64;
    let r = right as f64 / labelled.max(1) as f64;
    let q = qual as f64 / right.max(1) as f64;
    eprintln!(
        "hand-labelled targets: reported {reported}, right {right}, labelled {labelled}; \
         P {p:.3} R {r:.3} qualifiers {q:.3}"
    );
    for l in &report {
        eprintln!("  {l}");
    }
    assert!(labelled >= 90, "the label file lost its targets");
    assert!(p >= PRECISION_BAR, "precision {p:.3} < {PRECISION_BAR}");
    assert!(r >= RECALL_BAR, "recall {r:.3} < {RECALL_BAR}");
    assert!(q >= QUALIFIER_BAR, "qualifiers {q:.3} < {QUALIFIER_BAR}");
}

#[test]
fn canon_folds_magnitude_words() {
    assert!(same(&canon(15.0, Some("万元")), &(150000.0, "元".into())));
    assert!(same(&canon(3.0, Some("万亿元")), &(3e12, "元".into())));
    assert!(same(&canon(2.0, Some("万")), &(2.0, "万".into())));
    assert!(same(&canon(90.0, Some("%")), &(90.0, "%".into())));
}
