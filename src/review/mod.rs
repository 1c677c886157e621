//! The archivist's view: a self-contained HTML review page per document, an
//! index page for a batch, and (in [`diff_page`]) the page of a comparison.
//!
//! Pages are built with `maud`, which escapes every interpolated string, so
//! text from the document can never become markup. CSS and JavaScript are
//! inlined (constant, from this crate); the pages load nothing from the
//! network and work offline from a USB stick.
//!
//! The review page shows the source text with line numbers; the outline of the
//! structure beside it (each node linked to its lines); every removed fragment
//! in place, struck through, labelled with its reason and evidence; warnings
//! where they apply; the targets as a table; the metadata at the top. Clicking
//! a removed fragment marks it *keep*; selected lines can be marked *remove*;
//! *Export decisions* downloads the file `docsift clean --decisions` reads.

mod diff_page;
mod index;

pub use diff_page::diff_page;
pub use index::{index_page, IndexRow};

use crate::model::{Document, Node, Reason, Target};
use crate::pipeline::Cleaned;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;

/// The page's stylesheet, screen and print.
pub(crate) const CSS: &str = include_str!("review.css");
/// The page's script: outline, toggle, filter, decisions.
const JS: &str = include_str!("review.js");

/// What one source line is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    Kept,
    Meta,
    Heading,
}

/// The review page of one cleaned document.
pub fn review_page(c: &Cleaned) -> String {
    let doc = &c.document;
    let title = doc
        .metadata
        .title
        .clone()
        .unwrap_or(doc.source.name.clone());
    let page = html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "docsift review — " (title) }
                style { (PreEscaped(CSS)) }
            }
            body data-source=(doc.source.name) data-stem=(stem(&doc.source.name)) {
                header { h1 { (title) } (metadata(doc)) (controls(doc)) }
                div.layout {
                    nav #outline { h2 { "Outline" } (outline(&doc.sections)) }
                    main #source { (source_lines(c)) }
                }
                (targets_table(&doc.targets))
                script { (PreEscaped(JS)) }
            }
        }
    };
    page.into_string()
}

/// The file stem of a source name, for the decisions file's name.
fn stem(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned())
}

fn metadata(doc: &Document) -> Markup {
    let md = &doc.metadata;
    let s = &doc.source;
    html! {
        table.meta #metadata {
            tr { th { "Title" } td { (md.title.as_deref().unwrap_or("—")) } }
            tr { th { "Issuers" } td { (md.issuers.join("；")) } }
            tr { th { "发文字号" } td { (md.doc_number.as_deref().unwrap_or("—")) } }
            tr { th { "Date" } td { (md.date.as_deref().unwrap_or("—")) } }
            tr { th { "Recipients" } td { (md.recipients.join("，")) } }
            tr { th { "Source" } td { (s.name) " · " (s.encoding) " · " (s.lines) " lines · "
                code { (s.sha256.get(..12).unwrap_or(&s.sha256)) } } }
            tr { th { "Summary" } td #summary {
                (crate::diff::walk(&doc.sections).len()) " nodes · "
                (doc.removed.len()) " removed · " (doc.warnings.len()) " warnings · "
                (doc.targets.len()) " targets" } }
        }
        @if let Some(o) = &doc.overrides {
            p.overrides { "Decisions applied from " (o.file.as_deref().unwrap_or("—"))
                ": " (o.kept.len()) " kept, " (o.removed.len()) " removed"
                @if o.flag_only { " (flag only: nothing removed)" } }
        }
    }
}

/// The reasons present in the document, each with its count.
fn reason_counts(doc: &Document) -> BTreeMap<Reason, usize> {
    let mut m = BTreeMap::new();
    for r in &doc.removed {
        *m.entry(r.reason).or_insert(0) += 1;
    }
    m
}

fn controls(doc: &Document) -> Markup {
    let reasons: Vec<String> = Reason::ALL.iter().map(|r| r.name()).collect();
    html! {
        div.controls #controls {
            label { input #toggle-removed type="checkbox" checked; " show removed text" }
            span #reason-filter { " Reasons: "
                @for (r, n) in reason_counts(doc) {
                    label.reason { input type="checkbox" checked data-reason=(r.name());
                        " " (r.name()) " (" (n) ")" }
                }
            }
            span.decide {
                button #mark-remove type="button" { "Remove selected lines as" }
                select #remove-reason { @for r in &reasons { option value=(r) { (r) } } }
                button #export type="button" { "Export decisions" }
                span #decision-count { "no decisions" }
            }
        }
    }
}

/// The last source line of a node's subtree (heading, paragraphs, children).
fn node_end(n: &Node) -> usize {
    let own = n.paragraphs.iter().map(|p| p.lines[1]).max();
    let kids = n.children.iter().map(node_end).max();
    [Some(n.lines[1]), own, kids]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(n.lines[1])
}

fn outline(nodes: &[Node]) -> Markup {
    html! {
        ul {
            @for n in nodes {
                li {
                    a.node href=(format!("#L{}", n.lines[0])) data-node=(n.id)
                        data-from=(n.lines[0]) data-to=(node_end(n)) {
                        span.marker { (n.marker.as_deref().unwrap_or("·")) }
                        " " (n.title.as_deref().unwrap_or(""))
                        @if n.inferred { em { " (inferred)" } }
                    }
                    @if !n.children.is_empty() { (outline(&n.children)) }
                }
            }
        }
    }
}

/// The role of every source line (index 0 is line 1); removed lines are
/// found separately, as removal wins over a paragraph joined across them.
fn line_roles(doc: &Document, n: usize) -> Vec<Role> {
    let mut roles = vec![Role::Blank; n];
    let mut mark = |span: [usize; 2], role: Role| {
        for l in span[0]..=span[1].min(n) {
            if l >= 1 && roles[l - 1] == Role::Blank {
                roles[l - 1] = role;
            }
        }
    };
    for s in &doc.metadata.lines {
        mark(*s, Role::Meta);
    }
    for node in crate::diff::walk(&doc.sections) {
        if !node.inferred {
            mark(node.lines, Role::Heading);
        }
        for p in &node.paragraphs {
            mark(p.lines, Role::Kept);
        }
    }
    for p in &doc.preamble {
        mark(p.lines, Role::Kept);
    }
    roles
}

fn source_lines(c: &Cleaned) -> Markup {
    let doc = &c.document;
    let lines: Vec<&str> = c.source.text.lines().collect();
    let roles = line_roles(doc, lines.len());
    let mut warn_at: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, w) in doc.warnings.iter().enumerate() {
        warn_at
            .entry(w.lines.map_or(0, |l| l[0]))
            .or_default()
            .push(i);
    }
    let line = |l: usize| {
        let role = match roles[l - 1] {
            Role::Blank if lines[l - 1].trim().is_empty() => "blank",
            Role::Blank | Role::Kept => "kept",
            Role::Meta => "meta",
            Role::Heading => "heading",
        };
        html! { div class=(format!("line {role}")) id=(format!("L{l}")) data-line=(l) {
        a.ln href=(format!("#L{l}")) { (l) } span.tx { (lines[l - 1]) } } }
    };
    let warnings = |from: usize, to: usize| {
        html! { @for (_, ws) in warn_at.range(from..to) { @for &i in ws { (warning(doc, i)) } } }
    };
    let mut removed = doc.removed.iter().peekable();
    let mut out = vec![warnings(0, 1)];
    let mut l = 1;
    while l <= lines.len() {
        if let Some(r) = removed.next_if(|r| r.lines[0] <= l) {
            let end = r.lines[1].clamp(l, lines.len());
            out.push(warnings(l, end + 1));
            out.push(html! {
                div.removed id=(format!("R-{}", r.id)) data-id=(r.id) data-reason=(r.reason.name())
                    title="click to keep this fragment" {
                    div.label { span.reason { (r.reason.name()) }
                        @if let Some(d) = &r.detail { " — " (d) }
                        @if let Some(o) = &r.duplicate_of { " (kept as " (o) ")" }
                        span.keepmark { " · KEEP" } }
                    @for k in l..=end { (line(k)) }
                }
            });
            l = end + 1;
        } else {
            out.push(warnings(l, l + 1));
            out.push(line(l));
            l += 1;
        }
    }
    html! { @for m in out { (m) } }
}

fn warning(doc: &Document, i: usize) -> Markup {
    let w = &doc.warnings[i];
    html! {
        div.warning id=(format!("W-{}", w.id)) data-id=(w.id) data-kind=(w.kind.name()) {
            span.kind { (w.kind.name()) }
            @if let Some(n) = &w.node { " [" (n) "]" }
            " " (w.message)
        }
    }
}

fn targets_table(ts: &[Target]) -> Markup {
    let num = |v: f64| format!("{v}");
    html! {
        section #targets {
            h2 { "Targets (" (ts.len()) ")" }
            table {
                thead { tr { th { "value" } th { "unit" } th { "qualifier" } th { "object" }
                    th { "deadline" } th { "node" } th { "line" } } }
                tbody {
                    @for t in ts {
                        tr {
                            td.num { (num(t.value)) } td { (t.unit.as_deref().unwrap_or("")) }
                            td { (serde_json::to_value(t.qualifier).ok()
                                .and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()) }
                            td { (t.object.as_deref().unwrap_or("")) }
                            td { (t.deadline.as_deref().unwrap_or("")) }
                            td { (t.node.as_deref().unwrap_or("preamble")) }
                            td { a href=(format!("#L{}", t.lines[0])) { (t.lines[0]) } }
                        }
                    }
                }
            }
        }
    }
}
