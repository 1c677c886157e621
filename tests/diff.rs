//! `docsift diff OLD NEW` on a synthetic edit whose changes are known and on
//! real pairs from the corpus.

use serde::Deserialize;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_docsift");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The diff as an outside consumer reads it (CONTRACT.md, `docsift-diff/1`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Diff {
    schema: String,
    old: Version,
    new: Version,
    summary: Summary,
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Version {
    name: String,
    sha256: String,
    nodes: usize,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Summary {
    unchanged: usize,
    added: usize,
    removed: usize,
    moved: usize,
    renumbered: usize,
    changed: usize,
    targets_changed: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    kinds: Vec<String>,
    old: Option<NodeRef>,
    new: Option<NodeRef>,
    similarity: Option<f64>,
    targets: Vec<TargetChange>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct NodeRef {
    id: String,
    parent: Option<String>,
    marker: Option<String>,
    title: Option<String>,
    text: String,
    lines: [usize; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetChange {
    fields: Vec<String>,
    old: Option<TargetRef>,
    new: Option<TargetRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct TargetRef {
    value: f64,
    unit: Option<String>,
    qualifier: String,
    object: Option<String>,
    deadline: Option<String>,
    text: String,
    lines: [usize; 2],
}

fn diff(old: &str, new: &str) -> Diff {
    let out = Command::new(BIN)
        .args(["diff", &format!("{ROOT}/{old}"), &format!("{ROOT}/{new}")])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Diff = serde_json::from_slice(&out.stdout).expect("docsift-diff/1 JSON");
    assert_eq!(d.schema, "docsift-diff/1");
    d
}

/// `(kinds, old id, new id)` of every change.
fn shape(d: &Diff) -> Vec<(String, Option<&str>, Option<&str>)> {
    d.changes
        .iter()
        .map(|c| {
            (
                c.kinds.join("+"),
                c.old.as_ref().map(|n| n.id.as_str()),
                c.new.as_ref().map(|n| n.id.as_str()),
            )
        })
        .collect()
}

#[test]
fn synthetic_edit_reports_exactly_its_changes() {
    // new.md: 20 → 30 bases and 2025 → 2027; （二） deleted so （三）（四）
    // renumbered; a （一） added under 三、.
    let d = diff("fixtures/diff/old.md", "fixtures/diff/new.md");
    let s = |k: &str, o: Option<&'static str>, n: Option<&'static str>| (k.to_string(), o, n);
    assert_eq!(
        shape(&d),
        [
            s("changed+targets", Some("1"), Some("1")),
            s("removed", Some("2.2"), None),
            s("renumbered", Some("2.3"), Some("2.2")),
            s("renumbered", Some("2.4"), Some("2.3")),
            s("added", None, Some("3.1")),
        ]
    );
    assert_eq!(
        d.summary,
        Summary {
            unchanged: 3,
            added: 1,
            removed: 1,
            moved: 0,
            renumbered: 2,
            changed: 1,
            targets_changed: 2,
        }
    );
    let t = &d.changes[0].targets;
    assert_eq!(t[0].fields, ["value", "deadline"]);
    let (o, n) = (t[0].old.as_ref().unwrap(), t[0].new.as_ref().unwrap());
    assert_eq!((o.value, n.value), (20.0, 30.0));
    assert_eq!(
        (o.deadline.as_deref(), n.deadline.as_deref()),
        (Some("2025"), Some("2027"))
    );
    assert_eq!(o.unit.as_deref(), Some("个"));
    assert_eq!(
        t[1].fields,
        ["deadline"],
        "100 名骨干教师: only the year changed"
    );
    assert_eq!(
        d.changes[0].old.as_ref().unwrap().text,
        "总体要求\n到2025年，建设 20 个省级实训基地，培育 100 名骨干教师。"
    );
    assert!(d.changes[2]
        .old
        .as_ref()
        .unwrap()
        .text
        .contains("深化产教融合"));
    assert_eq!(d.changes[2].similarity, Some(1.0));
}

#[test]
fn a_document_against_itself_has_no_changes() {
    let f = "fixtures/corpus/zh-noisy/aml-law-2024-pdf.txt";
    let d = diff(f, f);
    assert!(d.changes.is_empty(), "{:?}", shape(&d));
    assert_eq!(d.summary.unchanged, d.old.nodes);
    assert_eq!(d.old.nodes, 116);
}

#[test]
fn pdf_extraction_against_the_official_text() {
    // The anti-money-laundering law as a PDF extraction and as published:
    // every article matches its own, and none differs: the articles the page
    // width broke after their first line (44, 51, 53) are put back together.
    let d = diff(
        "fixtures/corpus/zh-noisy/aml-law-2024-pdf.txt",
        "fixtures/corpus/reference/aml-law-2024.md",
    );
    assert_eq!((d.old.nodes, d.new.nodes), (116, 116));
    assert_eq!(d.summary.unchanged, 116);
    assert_eq!((d.summary.added, d.summary.removed), (0, 0));
    assert_eq!((d.summary.moved, d.summary.renumbered), (0, 0));
    assert!(d.changes.is_empty(), "{:?}", shape(&d));
}

#[test]
fn diff_page_is_html_in_the_review_style() {
    let out = Command::new(BIN)
        .args([
            "diff",
            &format!("{ROOT}/fixtures/diff/old.md"),
            &format!("{ROOT}/fixtures/diff/new.md"),
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("<del>2</del><ins>3</ins>"),
        "the changed number is marked"
    );
    assert!(page.contains("class=\"tag k-renumbered\""));
    assert_eq!(page.matches("class=\"change\"").count(), 5);
    assert!(!page.contains("http://") && !page.contains("https://"));
}

/// Diffs two texts through the library, as `docsift diff` does.
fn diff_texts(old: &str, new: &str) -> Diff {
    let a = docsift::run("old.md", old.as_bytes()).unwrap();
    let b = docsift::run("new.md", new.as_bytes()).unwrap();
    let json = serde_json::to_string(&docsift::diff::diff(&a, &b)).unwrap();
    serde_json::from_str(&json).unwrap()
}

#[test]
fn edits_to_the_official_law_are_found_exactly() {
    // Article 25 deleted (both its paragraphs), article 20 given a deadline.
    let law = std::fs::read_to_string(format!("{ROOT}/fixtures/corpus/reference/aml-law-2024.md"))
        .unwrap();
    let (a, b) = (
        law.find("第二十五条").unwrap(),
        law.find("第二十六条").unwrap(),
    );
    let edited = format!("{}{}", &law[..a], &law[b..]).replacen(
        "应当按照有关规定反馈处理结果",
        "应当在三十日内反馈处理结果",
        1,
    );
    let d = diff_texts(&law, &edited);
    let s = |k: &str, o: Option<&'static str>, n: Option<&'static str>| (k.to_string(), o, n);
    assert_eq!(
        shape(&d),
        [
            s("changed+targets", Some("2.20"), Some("2.20")),
            s("removed", Some("2.25"), None)
        ]
    );
    assert_eq!(d.summary.unchanged, 114);
    let t = &d.changes[0].targets;
    assert_eq!(t.len(), 1);
    assert!(t[0].old.is_none(), "a new target");
    let n = t[0].new.as_ref().unwrap();
    assert_eq!(
        (n.value, n.unit.as_deref(), n.qualifier.as_str()),
        (30.0, Some("日"), "at_most")
    );
    assert!(d.changes[1]
        .old
        .as_ref()
        .unwrap()
        .text
        .contains("反洗钱自律组织接受"));
}

#[test]
fn a_section_moved_under_another_chapter_is_moved_and_renumbered() {
    let old = std::fs::read_to_string(format!("{ROOT}/fixtures/diff/old.md")).unwrap();
    let item = "（四）扩大对外交流合作。鼓励学校与境外院校开展联合办学，引进优质教育资源。\n\n";
    assert!(old.contains(item));
    let new = format!(
        "{}（一）扩大对外交流合作。鼓励学校与境外院校开展联合办学，引进优质教育资源。\n",
        old.replace(item, "")
    );
    let d = diff_texts(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:?}", shape(&d));
    let c = &d.changes[0];
    assert_eq!(c.kinds, ["moved", "renumbered"]);
    let (o, n) = (c.old.as_ref().unwrap(), c.new.as_ref().unwrap());
    assert_eq!((o.id.as_str(), o.parent.as_deref()), ("2.4", Some("2")));
    assert_eq!((n.id.as_str(), n.parent.as_deref()), ("3.1", Some("3")));
    assert_eq!(c.similarity, Some(1.0));
}

#[test]
fn noisy_and_clean_renderings_of_the_dev_cases_match_node_for_node() {
    // Each dev case is one document twice: its clean text and a noisy
    // rendering (page furniture, OCR damage, insertions). Measured
    // 2026-12-01: 1118 nodes, 1095 unchanged, 23 changed by the damage.
    let dir = std::path::Path::new(ROOT).join("fixtures/dev-cases");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("clean.md").is_file())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 32);
    let (mut nodes, mut unchanged, mut changed) = (0, 0, 0);
    for case in &cases {
        let read = |f: &str| std::fs::read_to_string(case.join(f)).unwrap();
        let d = diff_texts(&read("noisy.md"), &read("clean.md"));
        let s = &d.summary;
        assert_eq!(
            (s.added, s.removed, s.moved, s.renumbered),
            (0, 0, 0, 0),
            "{}: {:?}",
            case.display(),
            shape(&d)
        );
        nodes += d.new.nodes;
        unchanged += s.unchanged;
        changed += s.changed;
    }
    assert_eq!(nodes, unchanged + changed, "every node matched");
    assert!(unchanged >= 1090 && nodes >= 1118, "{unchanged} of {nodes}");
}
