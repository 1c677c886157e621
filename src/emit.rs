//! Emit: the document as JSON (the contract), as cleaned Markdown, and the
//! JSON Schema of the format.

use crate::model::{Document, Node};

/// The document as pretty-printed JSON with a trailing newline.
pub fn to_json(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(doc).expect("the document model always serialises");
    s.push('\n');
    s
}

/// The JSON Schema of [`Document`], generated from the Rust types.
pub fn schema() -> String {
    let mut s =
        serde_json::to_string_pretty(&schemars::schema_for!(Document)).expect("schema serialises");
    s.push('\n');
    s
}

/// The cleaned document as Markdown: metadata, preamble, then one heading per
/// node (marker and title, `#` depth from the structure) followed by its
/// paragraphs. Removed fragments are gone; inferred headings are written with
/// the marker they were inferred as, so a second run reads the same tree.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let md = &doc.metadata;
    if let Some(t) = &md.title {
        out.push_str(&format!("# {t}\n\n"));
    }
    if let Some(n) = &md.doc_number {
        out.push_str(&format!("{n}\n\n"));
    }
    if !md.recipients.is_empty() {
        out.push_str(&format!("{}：\n\n", md.recipients.join("，")));
    }
    // Issued documents' titles, put back before the first text below them.
    let mut issued = md.issued_titles.iter().zip(&md.issued_at).peekable();
    let mut titles_before = |line: usize, out: &mut String| {
        while let Some((t, _)) = issued.next_if(|(_, at)| at[0] < line) {
            out.push_str(&format!("{t}\n\n"));
        }
    };
    for p in &doc.preamble {
        titles_before(p.lines[0], &mut out);
        out.push_str(&format!("{}\n\n", p.text));
    }
    for n in &doc.sections {
        titles_before(n.lines[0], &mut out);
        node_markdown(n, &mut out);
    }
    titles_before(usize::MAX, &mut out);
    if !md.issuers.is_empty() {
        out.push_str(&format!("{}\n\n", md.issuers.join(" ")));
    }
    if let Some(d) = &md.date {
        out.push_str(&format!("{d}\n\n"));
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn node_markdown(n: &Node, out: &mut String) {
    let marker = n.marker.clone().unwrap_or_else(|| inferred_marker(n));
    let body: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let space = |next: &str| {
        if marker.is_ascii() && next.starts_with(|c: char| c.is_ascii()) || marker.starts_with('第')
        {
            " "
        } else {
            ""
        }
    };
    match &n.title {
        // An attachment's label and its title stand on lines of their own.
        title if n.style.is_part() => {
            let hashes = "#".repeat((n.depth + 1).min(6));
            out.push_str(&format!("{hashes} {marker}\n\n"));
            if let Some(t) = title {
                out.push_str(&format!("{t}\n\n"));
            }
            for p in &body {
                out.push_str(&format!("{p}\n\n"));
            }
        }
        title
            if !n.style.is_article()
                && (title.is_some() || body.is_empty() && !n.children.is_empty()) =>
        {
            // A heading line, `#` by depth (at most six), then its paragraphs;
            // an untitled heading over children (an inferred one) is a heading too.
            let hashes = "#".repeat((n.depth + 1).min(6));
            let title = title.as_deref().unwrap_or("");
            out.push_str(
                &format!("{hashes} {marker}{}{title}\n\n", space(title)).replace(" \n", "\n"),
            );
            for p in &body {
                out.push_str(&format!("{p}\n\n"));
            }
        }
        _ => {
            // Articles and untitled items: marker and body in one paragraph, as printed.
            let first = body.first().copied().unwrap_or("");
            out.push_str(&format!("{marker}{}{first}\n\n", space(first)));
            for p in body.iter().skip(1) {
                out.push_str(&format!("{p}\n\n"));
            }
        }
    }
    for c in &n.children {
        node_markdown(c, out);
    }
}

/// The marker an inferred node stands for, in its style.
fn inferred_marker(n: &Node) -> String {
    let cn = cn_number(n.ordinal);
    match n.style.name() {
        "cn_dun" => format!("{cn}、"),
        "cn_paren" => format!("（{cn}）"),
        "arabic_dot" => format!("{}.", n.ordinal),
        "arabic_paren" => format!("（{}）", n.ordinal),
        "cn_chapter" => format!("第{cn}章"),
        "cn_section" => format!("第{cn}节"),
        "cn_article" => format!("第{cn}条"),
        "cn_part" => format!("第{cn}部分"),
        _ => format!("{}.", n.ordinal),
    }
}

/// Writes `n` (1–99) in Chinese numerals.
fn cn_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].into(),
        10..=19 => format!(
            "十{}",
            if n % 10 == 0 {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n % 10 == 0 {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}
