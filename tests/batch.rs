//! Batches as outside tools use them: `clean --jsonl` (the mapper contract
//! of Spark, Hadoop Streaming and GNU parallel) and `clean DIR --out-dir`.

use crate::common::{docsift_in, Document};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_docsift");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("docsift-batch-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The first `n` dev cases' noisy texts, by case name.
fn dev_cases(n: usize) -> Vec<(String, PathBuf)> {
    let dir = Path::new(ROOT).join("fixtures/dev-cases");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("noisy.md").is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                p.join("noisy.md"),
            )
        })
        .collect();
    cases.sort();
    cases.truncate(n);
    cases
}

/// A JSON Lines collection: text records and path records (relative to the
/// repository root) of real documents, with bad records among them.
fn collection() -> String {
    let mut lines = Vec::new();
    for (k, (name, path)) in dev_cases(8).into_iter().enumerate() {
        let rel = path
            .strip_prefix(ROOT)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let record = if k % 2 == 0 {
            serde_json::json!({ "id": name, "text": std::fs::read_to_string(&path).unwrap() })
        } else {
            serde_json::json!({ "id": k, "path": rel, "collection": "dev" })
        };
        lines.push(record.to_string());
    }
    // Invalid JSON: its id cannot be read.
    lines.insert(2, r#"{"id": "broken", "text": "unterminated"#.into());
    lines.insert(4, r#"{"text": "一、总则"}"#.into());
    lines.insert(5, String::new());
    lines.push(r#"{"id": "nul", "text": "一、总则\u0000\u0000"}"#.into());
    lines.push(r#"{"id": "gone", "path": "fixtures/no-such-file.txt"}"#.into());
    lines.push(r#"{"id": "both", "text": "x", "path": "y"}"#.into());
    lines.join("\n") + "\n"
}

#[test]
fn jsonl_gives_one_line_per_record_in_order() {
    let input = collection();
    let (code, out, err) = docsift_in(
        Path::new(ROOT),
        &["clean", "--jsonl", "--jobs", "2"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "error records do not fail the run: {err}");
    let out = String::from_utf8(out).unwrap();
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<String> = records.iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(
        ids,
        [
            "\"consumer-rights-implementing-regulation-2024\"",
            "1",
            "null",
            "\"gbf-1996-32-tibet-classes-expansion\"",
            "null",
            "3",
            "\"gbf-2018-115-normative-document-legality-review\"",
            "5",
            "\"gbf-2018-123-government-new-media\"",
            "7",
            "\"nul\"",
            "\"gone\"",
            "\"both\"",
        ]
        .map(String::from)
    );
    let errors: Vec<(String, u64)> = records
        .iter()
        .filter_map(|r| Some((r["error"].as_str()?.to_string(), r["line"].as_u64()?)))
        .collect();
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert!(
        errors[0].0.starts_with("invalid JSON") && errors[0].1 == 3,
        "{errors:?}"
    );
    assert_eq!(errors[1], ("record has no \"id\"".into(), 5));
    assert_eq!(errors[2], ("nul:1: not a text file (NUL byte)".into(), 12));
    assert!(
        errors[3].0.starts_with("fixtures/no-such-file.txt: "),
        "{errors:?}"
    );
    assert_eq!(errors[4].0, "record has both \"text\" and \"path\"");
    assert!(
        err.contains("8 documents") && err.contains("5 failed"),
        "{err}"
    );
}

/// Each document equals `docsift clean FILE`'s, byte for byte once both are
/// compact, whatever the thread count.
#[test]
fn jsonl_documents_are_those_of_clean() {
    let input = collection();
    let run = |jobs: &str| {
        docsift_in(
            Path::new(ROOT),
            &["clean", "--jsonl", "-", "--jobs", jobs, "-q"],
            input.as_bytes(),
        )
    };
    let (code, one, err) = run("1");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.is_empty(),
        "--quiet prints only failures, and record errors are records: {err}"
    );
    assert_eq!(run("2").1, one, "same bytes whatever --jobs");
    assert_eq!(run("100000").1, one, "--jobs is capped, same bytes");
    let out = String::from_utf8(one).unwrap();
    let cases = dev_cases(8);
    let mut checked = 0;
    for line in out.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(doc) = record.get("document") else {
            continue;
        };
        let typed: Document = serde_json::from_value(doc.clone()).expect("contract JSON");
        let path = match &record["id"] {
            serde_json::Value::String(name) => {
                assert_eq!(&typed.source.name, name);
                cases.iter().find(|c| &c.0 == name).unwrap().1.clone()
            }
            id => {
                let k = id.as_u64().unwrap() as usize;
                assert_eq!(
                    typed.source.name,
                    format!("fixtures/dev-cases/{}/noisy.md", cases[k].0)
                );
                cases[k].1.clone()
            }
        };
        let single = Command::new(BIN)
            .args(["clean"])
            .arg(&path)
            .output()
            .unwrap()
            .stdout;
        let mut single: serde_json::Value = serde_json::from_slice(&single).unwrap();
        single["source"]["name"] = doc["source"]["name"].clone();
        assert_eq!(
            serde_json::to_string(doc).unwrap(),
            serde_json::to_string(&single).unwrap()
        );
        checked += 1;
    }
    assert_eq!(checked, 8);
}

/// A stream much longer than a window is answered in full and in order,
/// and a record line over the limit is an error record, not the end.
#[test]
fn jsonl_streams_in_windows() {
    let mut input = String::new();
    for k in 0..300 {
        input.push_str(&format!(
            "{{\"id\": {k}, \"text\": \"一、总体要求\\n\\n到2025年，建成{k}个示范区。\\n\"}}\n"
        ));
    }
    input.push_str(&format!(
        "{{\"id\": \"long\", \"text\": \"{}\"}}\n",
        "长".repeat(30000)
    ));
    input.push_str("{\"id\": \"after\", \"text\": \"二、主要任务\"}");
    let (code, out, err) = docsift_in(
        Path::new(ROOT),
        &["clean", "--jsonl", "--max-bytes", "100", "-q"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).unwrap();
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 302);
    for (k, r) in records.iter().take(300).enumerate() {
        assert_eq!(r["id"], k);
        assert_eq!(r["document"]["targets"][0]["value"], k as f64, "{r}");
    }
    assert_eq!(records[300]["id"], serde_json::Value::Null);
    assert_eq!(records[300]["line"], 301);
    assert!(records[300]["error"]
        .as_str()
        .unwrap()
        .starts_with("record is longer than"));
    assert_eq!(records[301]["id"], "after");
    assert!(records[301]["document"].is_object());
}

#[test]
fn jsonl_from_a_missing_file_fails() {
    let (code, out, err) = docsift_in(
        Path::new(ROOT),
        &["clean", "--jsonl", "/nonexistent.jsonl"],
        b"",
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.starts_with("docsift: /nonexistent.jsonl: "), "{err}");
}

/// A tree of real documents: mirrored, resumed, never followed out by a
/// link, never written into.
#[cfg(unix)]
#[test]
fn directories_are_mirrored_and_resumed() {
    let dir = tmpdir("tree");
    let input = dir.join("in");
    let cases = dev_cases(4);
    for (k, (name, path)) in cases.iter().enumerate() {
        let sub = input.join(format!("group{}", k % 2));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(path, sub.join(format!("{name}.md"))).unwrap();
    }
    std::fs::write(input.join("notes.pdf"), "not a document").unwrap();
    std::fs::write(input.join("scan.txt"), b"\x89PNG\0\0\0\0").unwrap();
    std::fs::create_dir_all(input.join(".git")).unwrap();
    std::fs::copy(&cases[0].1, input.join(".git/hidden.md")).unwrap();
    let outside = dir.join("secret.txt");
    std::fs::copy(&cases[1].1, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, input.join("escape.txt")).unwrap();
    std::os::unix::fs::symlink(format!("group0/{}.md", cases[0].0), input.join("alias.md"))
        .unwrap();
    let out = dir.join("out");
    let args = |extra: &[&str]| {
        let mut a = vec!["clean", "in", "--out-dir", "out", "--jobs", "2"];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        docsift_in(&dir, &a.iter().map(String::as_str).collect::<Vec<_>>(), b"")
    };
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2, "one input is not text: {err}");
    assert!(err.contains("in/scan.txt:1: not a text file"), "{err}");
    assert!(
        err.contains("escape.txt: symbolic link out of the tree"),
        "{err}"
    );
    assert!(err.starts_with("docsift: 5 documents, "), "{err}");
    assert!(err.ends_with("docsift: 1 of 6 files failed\n"), "{err}");
    let mut written: Vec<String> = walk_files(&out)
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = cases
        .iter()
        .enumerate()
        .map(|(k, (name, _))| format!("group{}/{name}.json", k % 2))
        .collect();
    expected.push("alias.json".into());
    expected.sort();
    assert_eq!(
        written, expected,
        "mirrored, only documents, no temporary files"
    );
    let single = Command::new(BIN)
        .current_dir(&dir)
        .args(["clean", &format!("in/group0/{}.md", cases[0].0)])
        .output()
        .unwrap();
    let first = out.join(format!("group0/{}.json", cases[0].0));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        single.stdout,
        "batch output equals single output"
    );

    // --resume: the outputs are up to date but one; that one is redone.
    let other = out.join(format!("group1/{}.json", cases[1].0));
    std::fs::write(&other, r#"{"source": {"sha256": "0000"}}"#).unwrap();
    let stamp = std::fs::metadata(&first).unwrap().modified().unwrap();
    let (code, _, err) = run(&["--resume"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("1 document, ") && err.contains("skipped as up to date"),
        "{err}"
    );
    assert_eq!(
        std::fs::metadata(&first).unwrap().modified().unwrap(),
        stamp
    );
    let redone: Document = serde_json::from_slice(&std::fs::read(&other).unwrap()).unwrap();
    assert_eq!(redone.source.sha256.len(), 64);

    // --ext chooses the documents (case and dot do not matter).
    let (code, _, err) = docsift_in(
        &dir,
        &["clean", "in", "--out-dir", "pdf", "--ext", ".PDF", "-q"],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(walk_files(&dir.join("pdf")), [dir.join("pdf/notes.json")]);

    // Never inside the input tree, not even the output directory itself.
    let (code, _, err) = docsift_in(&dir, &["clean", "in", "--out-dir", "in/results"], b"");
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to write inside the input tree"),
        "{err}"
    );
    assert!(!input.join("results").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn directory_outputs_are_the_same_whatever_jobs() {
    let dir = tmpdir("jobs");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, path) in dev_cases(6) {
        std::fs::copy(path, input.join(format!("{name}.txt"))).unwrap();
    }
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "100000"] {
        let out = format!("out{jobs}");
        let (code, _, err) = docsift_in(
            &dir,
            &["clean", "in", "--out-dir", &out, "--jobs", jobs, "--quiet"],
            b"",
        );
        assert_eq!(code, 0, "{err}");
        assert!(err.is_empty(), "{err}");
        let files = walk_files(&dir.join(&out));
        assert_eq!(files.len(), 6);
        outputs.push(
            files
                .iter()
                .map(|f| std::fs::read(f).unwrap())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Files under `dir`, sorted.
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// On a terminal the batch draws a progress bar on stderr; `--quiet` and a
/// stderr that is not a terminal (every other test here) get none.
#[cfg(target_os = "linux")]
#[test]
fn progress_bar_only_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        panic!("this test runs docsift under a terminal with util-linux `script`");
    }
    let dir = tmpdir("progress");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, path) in dev_cases(3) {
        std::fs::copy(path, input.join(format!("{name}.md"))).unwrap();
    }
    let on_terminal = |extra: &str| {
        let command = format!("{BIN} clean in --out-dir out --jobs 1 {extra}");
        let out = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(&dir)
            .env("TERM", "xterm")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let screen = on_terminal("");
    assert!(screen.contains("/3 documents"), "a bar: {screen:?}");
    assert!(
        screen.contains("docsift: 3 documents, "),
        "and the summary: {screen:?}"
    );
    let screen = on_terminal("--quiet");
    assert!(screen.is_empty(), "--quiet: {screen:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--jobs 100000` once started 16,371 threads: the JSON Lines mode caps
/// its workers at 4 per core too (counted while docsift waits for input).
#[cfg(target_os = "linux")]
#[test]
fn jsonl_threads_are_capped() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(BIN)
        .args(["clean", "--jsonl", "--jobs", "100000", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // More records than one window (16 per worker), then wait for the
    // first window's answers.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let n = cores * 4 * 16 + 1;
    for k in 0..n {
        writeln!(
            stdin,
            "{{\"id\": {k}, \"text\": \"一、总则\\n\\n建设{k}个基地。\"}}"
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..n - 1 {
        line.clear();
        out.read_line(&mut line).unwrap();
    }
    let threads = std::fs::read_dir(format!("/proc/{}/task", child.id()))
        .unwrap()
        .count();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(
        threads <= cores * 4 + 2,
        "{threads} threads on {cores} cores"
    );
}
