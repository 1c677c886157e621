//! The archivist's tools from the command line: stable ids, decisions,
//! `--flag-only`, the review page and the batch index.

use crate::common::{assert_invariants, Document};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_docsift");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/000_96aa845614dbe1bb.txt"
);

fn docsift(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), out.stdout, err)
}

fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("docsift-review-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn clean(args: &[&str]) -> Document {
    let (code, out, err) = docsift(&[&["clean", SEED], args].concat());
    assert_eq!(code, 0, "{err}");
    serde_json::from_slice(&out).expect("contract JSON")
}

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

#[test]
fn ids_follow_the_documented_recipe_and_are_unique() {
    let doc = clean(&[]);
    let r = &doc.removed[0];
    let recipe = format!(
        "removed\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        r.reason, r.lines[0], r.lines[1], r.text
    );
    let hex: String = Sha256::digest(recipe.as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(r.id, hex);
    let w = &doc.warnings[0];
    let [a, b] = w
        .lines
        .map_or([String::new(), String::new()], |l| l.map(|x| x.to_string()));
    let recipe = format!(
        "warning\u{1f}{}\u{1f}{a}\u{1f}{b}\u{1f}{}",
        w.kind, w.message
    );
    let hex: String = Sha256::digest(recipe.as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(w.id, hex);
    let mut ids: Vec<&str> = doc.removed.iter().map(|r| r.id.as_str()).collect();
    ids.extend(doc.warnings.iter().map(|w| w.id.as_str()));
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids are unique");
    assert!(doc.overrides.is_none(), "no overrides without decisions");
}

#[test]
fn ids_survive_an_edit_elsewhere() {
    // An extra character on a kept line changes nothing else's id.
    let dir = tmpdir("stable");
    let edited = seed_text().replacen("深入研究新时代", "深入研究新的时代", 1);
    let f = write(&dir, "seed.txt", &edited);
    let (code, out, err) = docsift(&["clean", &f]);
    assert_eq!(code, 0, "{err}");
    let after: Document = serde_json::from_slice(&out).unwrap();
    let before = clean(&[]);
    let ids = |d: &Document| d.removed.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
}

#[test]
fn kept_fragments_return_and_removals_stick() {
    let base = clean(&[]);
    let url = base.removed.iter().find(|r| r.reason == "url").unwrap();
    let dup = base
        .removed
        .iter()
        .find(|r| r.reason == "duplicate")
        .unwrap();
    let dir = tmpdir("decide");
    let f = write(
        &dir,
        "d.json",
        &format!(
            r#"{{"keep": ["{}", "{}"], "remove": [{{"lines": [23, 23], "reason": "boilerplate"}}]}}"#,
            url.id, dup.id
        ),
    );
    let doc = clean(&["--decisions", &f]);
    assert_invariants(&doc, &seed_text());
    // Both kept fragments are now in paragraphs.
    let paras: Vec<_> = crate::common::walk(&doc.sections)
        .into_iter()
        .flat_map(|n| n.paragraphs.iter())
        .chain(doc.preamble.iter())
        .collect();
    for kept in [url, dup] {
        assert!(
            paras
                .iter()
                .any(|p| p.lines[0] <= kept.lines[0] && kept.lines[1] <= p.lines[1]),
            "lines {:?} are in a paragraph",
            kept.lines
        );
        assert!(doc.removed.iter().all(|r| r.id != kept.id));
    }
    let forced: Vec<_> = doc.removed.iter().filter(|r| r.lines == [23, 23]).collect();
    assert_eq!(forced.len(), 1);
    assert_eq!(forced[0].reason, "boilerplate");
    assert_eq!(
        forced[0].detail.as_deref(),
        Some(format!("removed by decision in {f}").as_str())
    );
    let o = doc.overrides.as_ref().unwrap();
    assert_eq!(o.file.as_deref(), Some(f.as_str()));
    assert_eq!(
        o.kept.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        [&url.id, &dup.id]
    );
    assert_eq!(o.kept[0].reason, "url");
    assert_eq!(o.removed.len(), 1);
    assert!(!o.flag_only);
    // Everything else as before: the other removals keep their ids.
    for r in base
        .removed
        .iter()
        .filter(|r| r.id != url.id && r.id != dup.id)
    {
        assert!(
            doc.removed.iter().any(|x| x.id == r.id),
            "{} still removed",
            r.id
        );
    }
}

#[test]
fn bad_decision_files_are_refused_naming_the_file() {
    let dir = tmpdir("bad");
    let cases = [
        (
            "unknown.json",
            r#"{"keep": ["0123456789ab"]}"#,
            "id \"0123456789ab\" names no removed fragment",
        ),
        ("syntax.json", r#"{"keep": ["#, "not a decisions file"),
        ("field.json", r#"{"kept": []}"#, "unknown field `kept`"),
        (
            "reason.json",
            r#"{"remove": [{"lines": [3, 3], "reason": "dull"}]}"#,
            "unknown variant `dull`",
        ),
        (
            "span.json",
            r#"{"remove": [{"lines": [500, 501], "reason": "garbage"}]}"#,
            "remove lines 500–501",
        ),
        (
            "blank.json",
            r#"{"remove": [{"lines": [1, 2], "reason": "garbage"}]}"#,
            "remove lines 1–2",
        ),
    ];
    for (name, body, says) in cases {
        let f = write(&dir, name, body);
        let (code, out, err) = docsift(&["clean", SEED, "--decisions", &f]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: nothing on stdout");
        assert!(err.starts_with(&format!("docsift: {f}: ")), "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
    }
    let (code, _, err) = docsift(&["clean", SEED, "--decisions", "/nonexistent/d.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("/nonexistent/d.json: cannot read decisions"),
        "{err}"
    );
}

#[test]
fn flag_only_keeps_every_line_and_flags_each_removal() {
    let base = clean(&[]);
    let doc = clean(&["--flag-only"]);
    assert!(doc.removed.is_empty(), "{:?}", doc.removed);
    assert_invariants(&doc, &seed_text());
    let flags: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.kind == "would_remove")
        .collect();
    assert_eq!(flags.len(), base.removed.len());
    for r in &base.removed {
        assert!(
            flags.iter().any(|w| w.lines == Some(r.lines)
                && w.message
                    .starts_with(&format!("would be removed as {} (id {})", r.reason, r.id))),
            "{} is flagged",
            r.id
        );
    }
    let o = doc.overrides.as_ref().unwrap();
    assert!(o.flag_only);
    assert_eq!(o.file, None);
}

#[test]
fn review_page_escapes_the_document_and_links_every_part() {
    let dir = tmpdir("page");
    let f = write(
        &dir,
        "evil.md",
        "一、总体要求\n\n到2025年，建设 20 个基地。<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\nwww.example-journal.com\n",
    );
    let (code, out, err) = docsift(&["clean", &f, "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert_eq!(
        page.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no network"
    );
    assert!(page.contains("id=\"L1\""), "every line has its anchor");
    assert!(
        page.contains("href=\"#L1\" data-node=\"1\""),
        "outline links its lines"
    );
    assert!(
        page.contains("data-reason=\"url\""),
        "the URL is shown, removed"
    );
    assert!(page.contains("@media print"));
    assert!(page.contains("<td class=\"num\">20</td>"), "the target row");
}

#[test]
fn batch_html_writes_pages_and_an_index() {
    let dir = tmpdir("batch");
    let out = dir.join("out");
    let a = write(&dir, "a.md", "一、总体要求\n\n建设 20 个基地。\n\n- 3 -\n");
    let (code, _, err) = docsift(&[
        "clean",
        SEED,
        &a,
        "--out-dir",
        out.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(code, 0, "{err}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(out.join("a.html").is_file() && out.join("000_96aa845614dbe1bb.html").is_file());
    assert_eq!(
        index.matches("<tr>").count(),
        3,
        "header and one row per document"
    );
    assert!(index.contains("href=\"a.html\""));
    assert!(index.contains("href=\"000_96aa845614dbe1bb.html\""));
    assert!(index.contains("page_number 1"), "{index}");
    assert!(
        index.contains("duplicate "),
        "the seed's removals by reason"
    );
}

/// Every document of the corpus, sorted by path.
fn corpus() -> Vec<PathBuf> {
    fn rec(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                rec(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    rec(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus"),
        &mut out,
    );
    out.sort();
    out
}

/// The review page, `--flag-only` and the diff on every corpus document: the
/// page shows every removed fragment and warning by id, flag-only keeps every
/// line (the audit invariants hold with nothing removed), and a document
/// compared with itself has no changes.
#[test]
fn archivist_tools_work_on_every_corpus_document() {
    // One document at a time, and not while tests/hostile.rs takes timings.
    let _quiet = crate::common::timing_lock();
    let files = corpus();
    assert!(
        files.len() >= 190,
        "corpus documents found: {}",
        files.len()
    );
    files.iter().for_each(|path| {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let src = docsift::read::decode(&name, &bytes).unwrap();
        let c = docsift::pipeline::clean_source(src.clone());
        let page = docsift::review::review_page(&c);
        for id in c.document.removed.iter().map(|r| &r.id) {
            assert!(page.contains(&format!("data-id=\"{id}\"")), "{name}: {id}");
        }
        for id in c.document.warnings.iter().map(|w| &w.id) {
            assert!(page.contains(&format!("id=\"W-{id}\"")), "{name}: {id}");
        }
        let flagged = docsift::decisions::apply(&src, &Default::default(), None, true).unwrap();
        assert!(flagged.removed.is_empty(), "{name}: {:?}", flagged.removed);
        let would = flagged
            .warnings
            .iter()
            .filter(|w| w.kind == docsift::model::WarningKind::WouldRemove)
            .count();
        assert!(would >= c.document.removed.len(), "{name}");
        let json = docsift::emit::to_json(&flagged);
        let doc: Document = serde_json::from_str(&json).unwrap();
        assert_invariants(&doc, &src.text);
        let d = docsift::diff::diff(&c.document, &c.document);
        assert!(d.changes.is_empty(), "{name}: {:?}", d.changes.first());
    });
}

#[test]
fn misuse_is_refused_with_one_line() {
    let dir = tmpdir("misuse");
    let d = write(&dir, "d.json", r#"{"keep": []}"#);
    let out = dir.join("out").display().to_string();
    let cases: [(&[&str], &str); 3] = [
        (
            &["clean", SEED, SEED, "--out-dir", &out, "--decisions", &d],
            "--decisions applies to one document, not a batch",
        ),
        (
            &["diff", "/nonexistent/old.txt", SEED],
            "/nonexistent/old.txt",
        ),
        (
            &["diff", SEED, SEED, "--format", "markdown"],
            "a diff is written as json or html",
        ),
    ];
    for (args, says) in cases {
        let (code, stdout, err) = docsift(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(
            err.starts_with("docsift: ") && err.contains(says),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert!(
        !dir.join("out").exists(),
        "nothing written for a refused batch"
    );
}

#[test]
fn warnings_sit_right_above_the_lines_they_concern() {
    let doc = clean(&[]);
    let (code, out, err) = docsift(&["clean", SEED, "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let page = String::from_utf8(out).unwrap();
    assert_eq!(doc.warnings.len(), 12);
    for w in &doc.warnings {
        let l = w.lines.unwrap()[0];
        let at = page.find(&format!("id=\"W-{}\"", w.id)).unwrap();
        let anchor = page.find(&format!("id=\"L{l}\"")).unwrap();
        let line = page[..anchor].rfind("<div class=\"line").unwrap();
        assert!(at < line, "warning {} before line {l}", w.id);
        // Nothing but other warnings between it and its line.
        let between = &page[at..line];
        assert!(!between.contains("class=\"line"), "{}: {between}", w.id);
        assert!(
            between.contains(&w.message.replace('<', "&lt;")),
            "{}",
            w.message
        );
    }
}

#[test]
fn flag_only_flags_removals_by_decision_too() {
    let dir = tmpdir("flagdecide");
    let f = write(
        &dir,
        "d.json",
        r#"{"remove": [{"lines": [23, 25], "reason": "boilerplate"}]}"#,
    );
    let doc = clean(&["--decisions", &f, "--flag-only"]);
    assert!(doc.removed.is_empty());
    assert_invariants(&doc, &seed_text());
    let w: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.kind == "would_remove" && w.lines == Some([23, 25]))
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].message,
        format!("would be removed as boilerplate: removed by decision in {f}; kept by --flag-only")
    );
    let o = doc.overrides.unwrap();
    assert!(o.flag_only);
    assert_eq!(
        o.removed,
        [crate::common::RemoveDecision {
            lines: [23, 25],
            reason: "boilerplate".into()
        }]
    );
}
