//! The `docsift` binary as outside tools use it (CONTRACT.md).

use crate::common::{walk, Document};
use std::io::Read;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_docsift");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/000_96aa845614dbe1bb.txt"
);

fn docsift(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    crate::common::docsift_in(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        args,
        stdin,
    )
}

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("docsift-test-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn clean_writes_contract_json() {
    let (code, out, err) = docsift(&["clean", SEED], b"");
    assert_eq!(code, 0, "{err}");
    let doc: Document = serde_json::from_slice(&out).expect("contract JSON");
    assert_eq!(doc.schema, "docsift/1");
    assert_eq!(doc.source.lines, 128);
    assert_eq!(doc.source.sha256.len(), 64);
    assert!(!walk(&doc.sections).is_empty());
}

#[test]
fn stdin_gives_the_same_document() {
    let bytes = std::fs::read(SEED).unwrap();
    let (code, out, _) = docsift(&["clean", "-"], &bytes);
    assert_eq!(code, 0);
    let (_, file_out, _) = docsift(&["clean", SEED], b"");
    let a: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&file_out).unwrap();
    assert_eq!(a["source"]["name"], "-");
    assert_eq!(a["sections"], b["sections"]);
    assert_eq!(a["removed"], b["removed"]);
}

#[test]
fn markdown_format() {
    let (code, out, _) = docsift(&["clean", SEED, "--format", "markdown"], b"");
    assert_eq!(code, 0);
    let md = String::from_utf8(out).unwrap();
    assert!(md.contains("## 二、主要任务"));
    assert!(md.contains("### （一）传承创新“楚怡”职业教育精神"));
    assert!(!md.contains("Figure 10"), "removed fragments are gone");
    assert!(!md.contains("www.ijerph.com"));
    assert_eq!(
        md.matches("探索建立校企共办机制").count(),
        1,
        "duplicates are gone"
    );
}

#[test]
fn schema_describes_the_document() {
    let (code, out, _) = docsift(&["schema"], b"");
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let props = schema["properties"].as_object().expect("object schema");
    for key in [
        "schema", "source", "metadata", "preamble", "sections", "targets", "removed", "warnings",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
}

#[test]
fn numbers_answers_one_line_per_line() {
    let (code, out, _) = docsift(&["numbers"], "建设 20 个基地\n\n达到90%以上\n".as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["spans"].is_array()));
}

#[test]
fn errors_name_the_file_and_exit_2() {
    let (code, _, err) = docsift(&["clean", "/nonexistent/file.txt"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/file.txt"), "{err}");

    let dir = tmpdir("errors");
    let bin = dir.join("image.png");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let (code, out, err) = docsift(&["clean", bin.to_str().unwrap()], b"");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("image.png") && err.lines().count() == 1,
        "{err}"
    );

    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let (code, _, err) = docsift(&["clean", empty.to_str().unwrap()], b"");
    assert_eq!(code, 2);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
}

#[test]
fn batch_writes_atomically_and_never_over_inputs() {
    let dir = tmpdir("batch");
    let a = dir.join("a.md");
    let b = dir.join("b.txt");
    std::fs::copy(SEED, &a).unwrap();
    std::fs::write(&b, "一、总体要求\n\n到2025年，建成10个示范区。\n").unwrap();
    let out = dir.join("out");
    for jobs in ["1", "2"] {
        let (code, _, err) = docsift(
            &[
                "clean",
                a.to_str().unwrap(),
                b.to_str().unwrap(),
                "--out-dir",
                out.to_str().unwrap(),
                "--jobs",
                jobs,
            ],
            b"",
        );
        assert_eq!(code, 0, "{err}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.json", "b.json"], "no temporary files are left");
    let single = docsift(&["clean", a.to_str().unwrap()], b"").1;
    assert_eq!(
        std::fs::read(out.join("a.json")).unwrap(),
        single,
        "batch output equals single output"
    );

    // An output that would land on an input is refused before anything is written.
    let clash = dir.join("c.json");
    std::fs::write(&clash, "一、总则\n").unwrap();
    let before = std::fs::read(&clash).unwrap();
    let (code, _, err) = docsift(
        &[
            "clean",
            clash.to_str().unwrap(),
            "--out-dir",
            dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 2);
    assert!(err.contains("input"), "{err}");
    assert_eq!(std::fs::read(&clash).unwrap(), before);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // A document big enough that its JSON outgrows the pipe buffer.
    let mut text = String::new();
    for k in 1..=3000 {
        text.push_str(&format!(
            "{k}. 第{k}项工作要求各地建设{k}个示范点并按期完成验收。\n\n"
        ));
    }
    let dir = tmpdir("pipe");
    let path = dir.join("big.md");
    std::fs::write(&path, text).unwrap();
    let mut child = Command::new(BIN)
        .args(["clean", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// `docsift eval ARGS` runs `docsift-eval ARGS` from beside the binary (the
/// evaluation is a crate of its own, `eval/`) and exits with its status;
/// without one it says where the evaluation went.
#[test]
fn eval_forwards_to_docsift_eval() {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("eval-forward-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let bin = d.join("docsift");
    std::fs::hard_link(BIN, &bin).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(&bin)
            .args(args)
            .env("PATH", "")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            err,
        )
    };
    let (code, _, err) = run(&["eval", "cases", "--show", "2"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("cannot run docsift-eval") && err.contains("--path eval"),
        "{err}"
    );
    // A stand-in written by another process, so no test thread holds it open.
    let stub = d.join("docsift-eval");
    let made = Command::new("sh")
        .args([
            "-c",
            "printf '#!/bin/sh\\necho \"args: $*\"\\nexit 3\\n' > \"$0\" && chmod 755 \"$0\"",
        ])
        .arg(&stub)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, out, err) = run(&["eval", "cases", "--show", "2"]);
    assert_eq!(
        (code, out.as_str()),
        (Some(3), "args: cases --show 2\n"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn write_errors_name_stdout() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    for args in [&["clean", SEED][..], &["schema"], &["numbers"]] {
        let out = Command::new(BIN)
            .args(args)
            .stdin(Stdio::null())
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if args[0] == "numbers" {
            // No input, no output: nothing to fail.
            assert_eq!(out.status.code(), Some(0), "{err}");
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.starts_with("docsift: <stdout>: No space left on device"),
            "{err}"
        );
    }
}

/// A document long enough for its stages to run in parallel (8,192 lines or
/// more: 160 copies of the seed's 62) gives the same bytes on the threads
/// `--jobs` asks for as on every core.
#[test]
fn one_large_document_is_the_same_whatever_jobs() {
    let dir = tmpdir("jobs-one");
    let doc = dir.join("long.txt");
    let seed = std::fs::read_to_string(SEED).unwrap();
    std::fs::write(&doc, seed.repeat(160)).unwrap();
    let path = doc.to_str().unwrap();
    let (code, all, err) = docsift(&["clean", path], b"");
    assert_eq!(code, 0, "{err}");
    for jobs in ["1", "2", "100000"] {
        let (code, out, err) = docsift(&["clean", path, "--jobs", jobs], b"");
        assert_eq!(code, 0, "{err}");
        assert!(out == all, "--jobs {jobs} changed the output");
    }
}

#[test]
fn jobs_are_capped() {
    // `--jobs 100000` on one file started 16,371 threads and ran > 10 min.
    let dir = tmpdir("jobs");
    let (code, _, err) = docsift(
        &[
            "clean",
            SEED,
            "--out-dir",
            dir.to_str().unwrap(),
            "--jobs",
            "100000",
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("000_96aa845614dbe1bb.json").exists());
}

#[test]
fn lossy_reads_damaged_utf8() {
    let damaged = b"\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\n\xed\xa0\x80 text\n";
    let (code, _, err) = docsift(&["clean", "-"], damaged);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "docsift: -:2: not a text file (byte offset 13 is not valid UTF-8)"
    );
    let (code, out, err) = docsift(&["clean", "--lossy", "-"], damaged);
    assert_eq!(code, 0, "{err}");
    let doc: Document = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc.source.encoding, "UTF-8");
    let kinds: Vec<_> = doc
        .warnings
        .iter()
        .map(|w| (w.kind.as_str(), w.lines))
        .collect();
    assert_eq!(kinds, [("decode_error", Some([2, 2]))]);
}

#[test]
fn max_bytes_applies_to_stdin() {
    // From a pipe: read up to the cap, then refused.
    let (code, _, err) = docsift(&["clean", "--max-bytes", "100", "-"], &[b'a'; 1000]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim_end(),
        "docsift: -: input is larger than 100 bytes (see --max-bytes)"
    );
    // Redirected from a file: refused from its size, and read when it fits.
    for (cap, expect) in [("100", 2), ("100000", 0)] {
        let out = Command::new(BIN)
            .args(["clean", "--max-bytes", cap, "-"])
            .stdin(std::fs::File::open(SEED).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(expect), "{cap}");
    }
}
