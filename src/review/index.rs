//! The index page of a batch: one row per document with its figures.

use crate::model::Reason;
use crate::pipeline::Cleaned;
use maud::{html, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;

/// One document's row in a batch's `index.html`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    /// The source name.
    pub name: String,
    /// Link to the document's review page, relative to the index.
    pub href: String,
    /// Lines holding text.
    pub text_lines: usize,
    /// Text lines kept (in the metadata, a heading or a paragraph).
    pub kept_lines: usize,
    /// Text lines removed, by reason.
    pub removed_lines: BTreeMap<Reason, usize>,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of targets.
    pub targets: usize,
}

impl IndexRow {
    /// The figures of a cleaned document whose page is at `href`.
    pub fn of(c: &Cleaned, href: &str) -> IndexRow {
        let lines: Vec<&str> = c.source.text.lines().collect();
        let has_text = |l: usize| lines.get(l - 1).is_some_and(|t| !t.trim().is_empty());
        let mut removed_lines = BTreeMap::new();
        let mut removed_total = 0;
        for r in &c.document.removed {
            let n = (r.lines[0].max(1)..=r.lines[1])
                .filter(|&l| has_text(l))
                .count();
            *removed_lines.entry(r.reason).or_insert(0) += n;
            removed_total += n;
        }
        let text_lines = (1..=lines.len()).filter(|&l| has_text(l)).count();
        IndexRow {
            name: c.document.source.name.clone(),
            href: href.into(),
            text_lines,
            kept_lines: text_lines.saturating_sub(removed_total),
            removed_lines,
            warnings: c.document.warnings.len(),
            targets: c.document.targets.len(),
        }
    }
}

/// The index page of a batch, rows in the order given.
pub fn index_page(rows: &[IndexRow]) -> String {
    let removed = |r: &IndexRow| {
        r.removed_lines
            .iter()
            .map(|(k, n)| format!("{} {n}", k.name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                title { "docsift review — " (rows.len()) " documents" }
                style { (PreEscaped(super::CSS)) }
            }
            body {
                header { h1 { "docsift review — " (rows.len()) " documents" } }
                section #targets {
                    table.index {
                        thead { tr { th { "document" } th { "text lines" } th { "kept" }
                            th { "removed lines by reason" } th { "warnings" } th { "targets" } } }
                        tbody {
                            @for r in rows {
                                tr {
                                    td { a href=(r.href) { (r.name) } }
                                    td.num { (r.text_lines) } td.num { (r.kept_lines) }
                                    td { (removed(r)) }
                                    td.num { (r.warnings) } td.num { (r.targets) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}
