//! Real converter output (`fixtures/corpus/zh-noisy/`): the anti-money-
//! laundering law's PDF extraction checked article by article against the
//! official text, and reviewed snapshots of all four real noisy files.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{assert_invariants, clean, walk, Document, Node};

fn corpus(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/corpus")
        .join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Letters and digits only: the comparison ignores spacing and punctuation
/// widths, which a PDF extraction changes.
fn letters(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Length of the longest common subsequence (two rows, linear memory).
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The official text: article marker → (chapter marker, article text).
fn reference() -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let (mut chapter, mut current) = (String::new(), None::<String>);
    for line in corpus("reference/aml-law-2024.md").lines() {
        let line = line.trim();
        if let Some(h) = line.strip_prefix("## ") {
            chapter = h.split_whitespace().next().unwrap_or("").to_string();
            current = None;
        } else if line.starts_with('第') && line.contains('条') && line.contains(' ') {
            let (marker, text) = line.split_once(' ').unwrap();
            out.insert(marker.to_string(), (chapter.clone(), text.to_string()));
            current = Some(marker.to_string());
        } else if let Some(m) = &current {
            if !line.is_empty() && !line.starts_with('#') {
                out.get_mut(m).unwrap().1.push_str(line);
            }
        }
    }
    out
}

/// The whole text of a node: title, paragraphs and children with markers.
fn node_text(n: &Node) -> String {
    let mut s = n.title.clone().unwrap_or_default();
    for p in &n.paragraphs {
        s.push_str(&p.text);
    }
    for c in &n.children {
        s.push_str(c.marker.as_deref().unwrap_or(""));
        s.push_str(&node_text(c));
    }
    s
}

/// Articles of the output: marker → (chapter marker, text).
fn articles(d: &Document) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for chapter in d.sections.iter().filter(|n| n.style == "cn_chapter") {
        for a in walk(&chapter.children)
            .into_iter()
            .filter(|n| n.style == "cn_article")
        {
            let marker = a.marker.clone().unwrap_or_default();
            let ch = chapter.marker.clone().unwrap_or_default();
            out.insert(marker, (ch, node_text(a)));
        }
    }
    out
}

/// Share of each article's text found, in order, in the output (and of the
/// output's text found in the reference): both at least this.
const ARTICLE_TEXT: f64 = 0.98;

#[test]
fn aml_law_pdf_has_every_article_under_its_chapter() {
    let src = corpus("zh-noisy/aml-law-2024-pdf.txt");
    let d = clean("aml-law-2024-pdf.txt", src.as_bytes());
    assert_invariants(&d, &src);
    let want = reference();
    assert_eq!(want.len(), 65, "the official text has 65 articles");
    let got = articles(&d);
    let mut fails = Vec::new();
    for (marker, (chapter, text)) in &want {
        let Some((gch, gtext)) = got.get(marker) else {
            fails.push(format!("{marker}: missing"));
            continue;
        };
        let (a, b) = (letters(text), letters(gtext));
        let common = lcs(&a, &b) as f64;
        let (recall, precision) = (common / a.len() as f64, common / b.len().max(1) as f64);
        if gch != chapter || recall < ARTICLE_TEXT || precision < ARTICLE_TEXT {
            fails.push(format!(
                "{marker}: under {gch} (want {chapter}), {recall:.3} of its text, {precision:.3} of ours is its"
            ));
        }
    }
    assert_eq!(got.len(), 65, "articles found: {:?}", got.keys());
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

#[test]
fn real_noisy_files_match_reviewed_snapshots() {
    for name in [
        "acquiring-outsourcing-market-opinion-2023-ocr.txt",
        "aml-law-2024-pdf.txt",
        "guizhou-market-entities-action-plan-2022-pdf.txt",
        "precious-metals-gems-aml-measures-2025-pdf.txt",
    ] {
        let src = corpus(&format!("zh-noisy/{name}"));
        let doc = docsift::run(name, src.as_bytes()).unwrap();
        assert_invariants(&clean(name, src.as_bytes()), &src);
        let mut review = format!(
            "title: {:?}\nissuers: {:?}\ndoc_number: {:?}\ndate: {:?}\nrecipients: {:?}\n\n",
            doc.metadata.title,
            doc.metadata.issuers,
            doc.metadata.doc_number,
            doc.metadata.date,
            doc.metadata.recipients
        );
        review.push_str(&docsift::emit::to_markdown(&doc));
        review.push_str("\n---- removed\n");
        for r in &doc.removed {
            let text: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text: String = text.chars().take(40).collect();
            review.push_str(&format!("{:?} {:?} {text}\n", r.lines, r.reason));
        }
        review.push_str("---- warnings\n");
        for w in &doc.warnings {
            review.push_str(&format!("{:?} {:?} {}\n", w.lines, w.kind, w.message));
        }
        insta::assert_snapshot!(
            format!("real_noisy_{}", name.trim_end_matches(".txt")),
            review
        );
    }
}
