//! Rule regression cases from `fixtures/rules/*.toml` (format in the README
//! there), run through the whole pipeline and read back as a consumer would.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::common::{clean, walk, Document};

/// A neutral policy body a line case is set into, between two paragraphs.
const BODY_HEAD: &str = "某某省教育厅关于推进职业教育改革的通知\n\n各市州教育局：\n\n一、总体要求\n\n全面贯彻党的教育方针，推进职业教育高质量发展，建设一批高水平职业院校和专业。\n\n";
const BODY_TAIL: &str = "\n\n二、主要任务\n\n（一）完善职业教育体系。加快推进职业教育改革，完善职业教育体系，提升服务能力。\n\n（二）深化产教融合。支持企业参与办学，推动校企合作，提高人才培养质量。\n";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    line: Vec<LineCase>,
    #[serde(default)]
    doc: Vec<DocCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineCase {
    name: String,
    text: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocCase {
    name: String,
    text: String,
    #[serde(default)]
    kept: Vec<String>,
    #[serde(default)]
    removed: Vec<Expected>,
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    no_ids: Vec<String>,
    #[serde(default)]
    titles: BTreeMap<String, String>,
    /// Per text, how many kept paragraphs and titles hold it (a clause the
    /// document writes twice is kept twice).
    #[serde(default)]
    kept_times: BTreeMap<String, usize>,
    /// Pairs of texts that are both kept, never in one paragraph or title.
    #[serde(default)]
    apart: Vec<[String; 2]>,
    /// The addressees the metadata must read, in order.
    #[serde(default)]
    recipients: Option<Vec<String>>,
    /// The issuers the metadata must read, in order.
    #[serde(default)]
    issuers: Option<Vec<String>>,
    /// The document title the metadata must read.
    #[serde(default)]
    title: Option<String>,
    /// The document number the metadata must read.
    #[serde(default)]
    doc_number: Option<String>,
    /// The date the metadata must read.
    #[serde(default)]
    date: Option<String>,
    /// Texts each warning message of the document must contain, one per
    /// warning of `warn_kind`, in order (an empty list: no such warning).
    #[serde(default)]
    warns: Option<Vec<String>>,
    /// Per node id, the units its `responsible` field names, role by role.
    #[serde(default)]
    responsible: BTreeMap<String, Vec<Vec<String>>>,
    /// The kind `warns` is about (snake_case, as on the wire).
    #[serde(default)]
    warn_kind: Option<String>,
    /// The titles of the documents the notice issues (`[]`: it issues none).
    #[serde(default)]
    issued_titles: Option<Vec<String>>,
    /// Per node id, its numbering style as on the wire.
    #[serde(default)]
    styles: BTreeMap<String, String>,
    /// Per node id, the id of its parent (`""` for a top-level node).
    #[serde(default)]
    parents: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    reason: String,
}

/// Every kept text of a document: titles, paragraphs, preamble, metadata.
fn kept_texts(d: &Document) -> Vec<String> {
    let mut out: Vec<String> = d.preamble.iter().map(|p| p.text.clone()).collect();
    for n in walk(&d.sections) {
        out.extend(n.title.clone());
        out.extend(n.paragraphs.iter().map(|p| p.text.clone()));
    }
    out.extend(d.metadata.title.clone());
    out.extend(d.metadata.issued_titles.iter().cloned());
    out
}

fn check_doc(file: &str, c: &DocCase) -> Vec<String> {
    let d = clean(&c.name, c.text.trim_start().as_bytes());
    let kept = kept_texts(&d);
    let mut fails = Vec::new();
    for k in &c.kept {
        if !kept.iter().any(|t| t.contains(k.as_str())) {
            fails.push(format!("{file} {}: `{k}` not kept", c.name));
        }
    }
    for (k, &n) in &c.kept_times {
        let got = kept.iter().filter(|t| t.contains(k.as_str())).count();
        if got != n {
            fails.push(format!(
                "{file} {}: `{k}` kept {got} times, not {n}",
                c.name
            ));
        }
    }
    for e in &c.removed {
        if !d
            .removed
            .iter()
            .any(|r| r.text.contains(&e.text) && r.reason == e.reason)
        {
            let got: Vec<_> = d.removed.iter().map(|r| (&r.reason, &r.text)).collect();
            fails.push(format!(
                "{file} {}: `{}` not removed as {} (removed: {got:?})",
                c.name, e.text, e.reason
            ));
        }
    }
    for [a, b] in &c.apart {
        let both = kept
            .iter()
            .any(|t| t.contains(a.as_str()) && t.contains(b.as_str()));
        let each = [a, b]
            .iter()
            .all(|x| kept.iter().any(|t| t.contains(x.as_str())));
        if both || !each {
            fails.push(format!(
                "{file} {}: `{a}` and `{b}` should be kept apart (kept: {kept:?})",
                c.name
            ));
        }
    }
    if c.warns.is_some() != c.warn_kind.is_some() {
        fails.push(format!(
            "{file} {}: `warns` and `warn_kind` go together",
            c.name
        ));
    }
    if let (Some(expected), Some(kind)) = (&c.warns, &c.warn_kind) {
        let got: Vec<&str> = d
            .warnings
            .iter()
            .filter(|w| &w.kind == kind)
            .map(|w| w.message.as_str())
            .collect();
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(expected)
                .all(|(g, e)| g.contains(e.as_str()));
        if !ok {
            fails.push(format!(
                "{file} {}: {kind} warnings {got:?}, expected {expected:?}",
                c.name
            ));
        }
    }
    if c.title.is_some() && d.metadata.title != c.title {
        fails.push(format!(
            "{file} {}: title {:?}, expected {:?}",
            c.name, d.metadata.title, c.title
        ));
    }
    if c.doc_number.is_some() && d.metadata.doc_number != c.doc_number {
        fails.push(format!(
            "{file} {}: doc_number {:?}, expected {:?}",
            c.name, d.metadata.doc_number, c.doc_number
        ));
    }
    if c.date.is_some() && d.metadata.date != c.date {
        fails.push(format!(
            "{file} {}: date {:?}, expected {:?}",
            c.name, d.metadata.date, c.date
        ));
    }
    if let Some(r) = &c.issuers {
        if &d.metadata.issuers != r {
            fails.push(format!(
                "{file} {}: issuers {:?}, expected {r:?}",
                c.name, d.metadata.issuers
            ));
        }
    }
    if let Some(r) = &c.recipients {
        if &d.metadata.recipients != r {
            fails.push(format!(
                "{file} {}: recipients {:?}, expected {r:?}",
                c.name, d.metadata.recipients
            ));
        }
    }
    let nodes = walk(&d.sections);
    let has = |id: &str| nodes.iter().any(|n| n.id == id);
    for id in &c.ids {
        if !has(id) {
            let all: Vec<_> = nodes.iter().map(|n| n.id.as_str()).collect();
            fails.push(format!("{file} {}: no node {id} (nodes {all:?})", c.name));
        }
    }
    for id in &c.no_ids {
        if has(id) {
            fails.push(format!("{file} {}: unexpected node {id}", c.name));
        }
    }
    for (id, expected) in &c.responsible {
        let got: Option<Vec<Vec<String>>> = nodes
            .iter()
            .find(|n| &n.id == id)
            .map(|n| n.responsible.iter().map(|r| r.units.clone()).collect());
        if got.as_ref() != Some(expected) {
            fails.push(format!(
                "{file} {}: node {id} responsible {got:?}, expected {expected:?}",
                c.name
            ));
        }
    }
    if let Some(t) = &c.issued_titles {
        let got = &d.metadata.issued_titles;
        if got != t {
            fails.push(format!(
                "{file} {}: issued titles {got:?}, expected {t:?}",
                c.name
            ));
        }
    }
    for (id, style) in &c.styles {
        let got = nodes.iter().find(|n| &n.id == id).map(|n| n.style.as_str());
        if got != Some(style.as_str()) {
            fails.push(format!(
                "{file} {}: node {id} style {got:?}, expected `{style}`",
                c.name
            ));
        }
    }
    for (id, parent) in &c.parents {
        let got = parent_of(&d.sections, id, "");
        if got.as_deref() != Some(parent.as_str()) {
            fails.push(format!(
                "{file} {}: node {id} parent {got:?}, expected `{parent}`",
                c.name
            ));
        }
    }
    for (id, title) in &c.titles {
        let got = nodes
            .iter()
            .find(|n| &n.id == id)
            .and_then(|n| n.title.as_deref());
        if got != Some(title.as_str()) {
            fails.push(format!(
                "{file} {}: node {id} title {got:?}, expected `{title}`",
                c.name
            ));
        }
    }
    fails
}

/// The id of the parent of node `id` (`""` at the top), if the node exists.
fn parent_of(nodes: &[crate::common::Node], id: &str, parent: &str) -> Option<String> {
    nodes.iter().find_map(|n| {
        if n.id == id {
            Some(parent.to_string())
        } else {
            parent_of(&n.children, id, &n.id)
        }
    })
}

fn check_line(file: &str, c: &LineCase) -> Option<String> {
    let doc = format!("{BODY_HEAD}{}{BODY_TAIL}", c.text);
    let d = clean(&c.name, doc.as_bytes());
    let line = BODY_HEAD.lines().count() + 1;
    let got = d
        .removed
        .iter()
        .find(|r| r.lines[0] <= line && line <= r.lines[1])
        .map_or("kept", |r| r.reason.as_str());
    (got != c.reason).then(|| {
        format!(
            "{file} {}: `{}` is {got}, expected {}",
            c.name, c.text, c.reason
        )
    })
}

#[test]
fn rule_cases_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/rules")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let (mut cases, mut fails) = (0, Vec::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let f: File = toml::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        cases += f.line.len() + f.doc.len();
        fails.extend(f.line.iter().filter_map(|c| check_line(&name, c)));
        fails.extend(f.doc.iter().flat_map(|c| check_doc(&name, c)));
    }
    assert!(cases >= 20, "only {cases} rule cases found");
    assert!(
        fails.is_empty(),
        "{} of {cases} rule cases fail:\n{}",
        fails.len(),
        fails.join("\n")
    );
}
