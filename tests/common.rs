//! The contract's JSON types as an outside consumer sees them, written here
//! independently of the library: an accidental change of the wire format
//! breaks these tests. Unknown fields are rejected so that additions are
//! deliberate too.

// Every field is parsed (that is the check); not every test reads every field.
#![allow(dead_code)]

use serde::Deserialize;

pub type Span = [usize; 2];

/// Held by tests that measure wall time (tests/hostile.rs) and by the
/// CPU-heavy tests added beside them (the browser, the corpus-wide review
/// check), so that a timing is never taken while a browser renders.
pub static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Takes [`TIMING`], whatever a failed test left it as.
pub fn timing_lock() -> std::sync::MutexGuard<'static, ()> {
    TIMING.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub schema: String,
    pub source: Source,
    pub metadata: Metadata,
    pub preamble: Vec<Paragraph>,
    pub sections: Vec<Node>,
    pub targets: Vec<Target>,
    pub removed: Vec<Removed>,
    pub warnings: Vec<Warning>,
    /// Only written when decisions were applied.
    #[serde(default)]
    pub overrides: Option<Overrides>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    pub file: Option<String>,
    pub kept: Vec<Kept>,
    pub removed: Vec<RemoveDecision>,
    pub flag_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kept {
    pub id: String,
    pub reason: String,
    pub lines: Span,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RemoveDecision {
    pub lines: Span,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    pub bytes: usize,
    pub sha256: String,
    pub encoding: String,
    pub lines: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: Option<String>,
    pub issuers: Vec<String>,
    pub doc_number: Option<String>,
    pub date: Option<String>,
    pub recipients: Vec<String>,
    #[serde(default)]
    pub issued_titles: Vec<String>,
    pub lines: Vec<Span>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    pub text: String,
    pub lines: Span,
    pub flags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub depth: usize,
    pub style: String,
    pub marker: Option<String>,
    pub ordinal: u32,
    pub title: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    pub targets: Vec<Target>,
    #[serde(default)]
    pub responsible: Vec<Responsible>,
    pub inferred: bool,
    pub flags: Vec<String>,
    pub lines: Span,
    pub children: Vec<Node>,
}

/// Units a task names as carrying it out (extension, absent when none).
#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Responsible {
    pub role: String,
    pub units: Vec<String>,
    pub lines: Span,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Each {
    pub count: Option<f64>,
    pub unit: Option<String>,
    pub scope: String,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub value: f64,
    pub unit: Option<String>,
    pub qualifier: String,
    pub object: Option<String>,
    pub each: Option<Each>,
    pub deadline: Option<String>,
    pub verb: Option<String>,
    pub text: String,
    pub lines: Span,
    pub offsets: Option<[usize; 2]>,
    pub node: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    pub id: String,
    pub reason: String,
    pub text: String,
    pub lines: Span,
    pub duplicate_of: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub id: String,
    pub kind: String,
    pub message: String,
    pub lines: Option<Span>,
    pub node: Option<String>,
}

/// Every node, depth first.
pub fn walk(nodes: &[Node]) -> Vec<&Node> {
    let mut out = Vec::new();
    fn go<'a>(n: &'a [Node], out: &mut Vec<&'a Node>) {
        for x in n {
            out.push(x);
            go(&x.children, out);
        }
    }
    go(nodes, &mut out);
    out
}

/// Parses the library's JSON for `bytes` into the consumer types.
pub fn clean(name: &str, bytes: &[u8]) -> Document {
    let doc = docsift::run(name, bytes).expect("document cleans");
    let json = docsift::emit::to_json(&doc);
    serde_json::from_str(&json).expect("output matches the contract types")
}

/// Checks the audit-trail invariants of one document against its source text.
/// A character's narrow form: full-width ASCII forms and `。` to ASCII, so
/// that punctuation restored to its Chinese width still reads from its source.
fn narrow(c: char) -> char {
    match c {
        '。' => '.',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The characters a comparison of normalised and source text counts:
/// whitespace and Markdown syntax left out, the rest narrowed.
fn counted(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"*#>`_\\".contains(*c))
        .map(|c| match c {
            '«' => '《',
            '»' => '》',
            c => narrow(c),
        })
        .collect()
}

/// A target's `offsets` cover its clause in the source: within its lines,
/// and the same characters once the lines removed inside are left out.
fn assert_offsets_hold(t: &Target, [s, e]: [usize; 2], source: &str, removed: &[u32]) {
    let slice = source
        .get(s..e)
        .unwrap_or_else(|| panic!("offsets {s}..{e} are no char range of the source"));
    let first = source[..s].matches('\n').count() + 1;
    let last = first + slice.matches('\n').count();
    assert!(
        t.lines[0] <= first && last <= t.lines[1],
        "offsets of `{}` span lines {first}–{last}, outside {:?}",
        t.text,
        t.lines
    );
    let kept: Vec<&str> = slice
        .split('\n')
        .enumerate()
        .filter(|(k, _)| removed[first + k] == 0)
        .map(|(_, l)| l)
        .collect();
    assert_eq!(
        counted(&kept.join("\n")),
        counted(&t.text),
        "the source at the offsets of a target is its clause"
    );
}

pub fn assert_invariants(doc: &Document, source: &str) {
    let lines: Vec<&str> = source.split('\n').collect();
    let n = doc.source.lines;
    let mut kept = vec![0u32; n + 2];
    let mut removed = vec![0u32; n + 2];
    let check = |s: Span, what: &str| {
        assert!(
            s[0] >= 1 && s[0] <= s[1] && s[1] <= n,
            "{what} span {s:?} outside 1..={n}"
        );
    };
    for s in &doc.metadata.lines {
        check(*s, "metadata");
        (s[0]..=s[1]).for_each(|l| kept[l] += 1);
    }
    let mut paragraphs: Vec<&Paragraph> = doc.preamble.iter().collect();
    // Lines inside a span joined across removed noise.
    let mut spanned = vec![false; n + 2];
    let nodes = walk(&doc.sections);
    let mut ids = std::collections::BTreeSet::new();
    for node in &nodes {
        assert!(ids.insert(node.id.clone()), "duplicate id {}", node.id);
        check(node.lines, "node");
        if !node.inferred {
            kept[node.lines[0]] += 1;
            kept[node.lines[1]] += 1;
            (node.lines[0]..=node.lines[1]).for_each(|l| spanned[l] = true);
        }
        paragraphs.extend(node.paragraphs.iter());
        for c in &node.children {
            assert_eq!(c.depth, node.depth + 1, "depth of {}", c.id);
            assert!(
                c.id.starts_with(&format!("{}.", node.id)),
                "id {} under {}",
                c.id,
                node.id
            );
        }
        assert_eq!(
            node.marker.is_none(),
            node.inferred,
            "inferred nodes and only they lack a marker: {}",
            node.id
        );
    }
    for p in &paragraphs {
        check(p.lines, "paragraph");
        // A paragraph joined across a page break spans the noise removed
        // between its halves: only its end lines are certainly its own.
        if p.flags.iter().any(|f| f == "joined") {
            kept[p.lines[0]] += 1;
            kept[p.lines[1]] += 1;
            (p.lines[0]..=p.lines[1]).for_each(|l| spanned[l] = true);
        } else {
            (p.lines[0]..=p.lines[1]).for_each(|l| kept[l] += 1);
        }
        // The cleaned text is read from its lines: its characters are a
        // subsequence of the (normalised) source span.
        let src: String = (p.lines[0]..=p.lines[1])
            .map(|l| docsift::clean::normalize(lines[l - 1]))
            .collect();
        let mut it = src.chars().filter(|c| !c.is_whitespace()).map(narrow);
        let missing: Vec<char> = p
            .text
            .chars()
            .filter(|c| !c.is_whitespace() && !it.any(|s| s == narrow(*c)))
            .take(1)
            .collect();
        assert!(
            missing.is_empty(),
            "paragraph {:?} is not read from lines {:?}",
            p.text,
            p.lines
        );
    }
    for r in &doc.removed {
        check(r.lines, "removed");
        (r.lines[0]..=r.lines[1]).for_each(|l| removed[l] += 1);
        let src: Vec<&str> = (r.lines[0]..=r.lines[1])
            .map(|l| lines[l - 1].trim())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            r.text,
            src.join("\n"),
            "removed text is the source text of its lines"
        );
        if r.reason == "duplicate" {
            let of = r
                .duplicate_of
                .as_deref()
                .expect("a duplicate names what it repeats");
            assert!(
                of == "preamble" || ids.contains(of),
                "duplicate_of {of} is no node"
            );
        }
    }
    for t in &doc.targets {
        if let Some(id) = &t.node {
            assert!(ids.contains(id), "target node {id} is no node");
        }
        if let Some(at) = t.offsets {
            assert_offsets_hold(t, at, source, &removed);
        }
    }
    for (l, text) in lines.iter().enumerate().map(|(i, t)| (i + 1, t)) {
        if text.trim().is_empty() || l > n {
            continue;
        }
        assert!(
            kept[l] + removed[l] > 0 || spanned[l],
            "line {l} is accounted for nowhere: {text:?}"
        );
        assert!(
            kept[l] == 0 || removed[l] == 0,
            "line {l} is both kept and removed: {text:?}"
        );
        assert!(removed[l] <= 1, "line {l} is removed twice");
    }
}

/// Runs docsift in `dir` with `stdin`: (exit code, stdout, stderr).
pub fn docsift_in(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_docsift"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    use std::io::Write;
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
