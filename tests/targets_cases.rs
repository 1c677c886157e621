//! Table-driven target cases (`fixtures/targets/*.jsonl`): each case gives a
//! paragraph and every target expected from it, in order, none extra.

use docsift::targets::extract_targets;
use serde_json::{json, Value};
use std::path::Path;

/// JSON equality that treats `14` and `14.0` as the same number.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn qualifier_name(q: docsift::model::Qualifier) -> String {
    serde_json::to_value(q)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn target_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/targets");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for path in files {
        for line in std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let case: Value = serde_json::from_str(line).unwrap();
            n += 1;
            let text = case["text"].as_str().unwrap();
            let got: Vec<Value> = extract_targets(text)
                .into_iter()
                .map(|t| {
                    json!({
                        "value": t.value,
                        "unit": t.unit,
                        "qualifier": qualifier_name(t.qualifier),
                        "object": t.object,
                        "each": t.each.map(|e| json!({"count": e.count, "unit": e.unit, "scope": e.scope})),
                        "deadline": t.deadline,
                        "verb": t.verb,
                    })
                })
                .collect();
            let want = case["targets"].as_array().unwrap();
            let same = got.len() == want.len()
                && got.iter().zip(want).all(|(g, w)| {
                    w.as_object()
                        .unwrap()
                        .iter()
                        .all(|(k, wv)| same_json(&g[k], wv))
                });
            if !same {
                failures.push(format!(
                    "{text}\n  want {}\n  got  {}",
                    Value::from(want.clone()),
                    Value::from(got)
                ));
            }
        }
    }
    assert!(n > 0);
    assert!(
        failures.is_empty(),
        "{} of {n} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
