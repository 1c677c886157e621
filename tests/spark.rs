//! The Spark example (`examples/spark/docsift_job.py`) run for real, on
//! `local[2]`, over a dozen corpus documents: its output must be the
//! single-machine `docsift clean --jsonl` output.
//!
//! Needs Python with `pyspark` (`.ci/run` installs it) and Java 17; fails,
//! naming what is missing, unless `DOCSIFT_SKIP_SPARK=1`. A test binary of
//! its own (`cargo test --test spark`), so Spark's start-up does not run
//! beside the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_docsift");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Spark's local start-up is ~20 s here; a run past this has hung.
const TIMEOUT: Duration = Duration::from_secs(300);

/// Twelve policy documents of the corpus: text records, every third a path
/// record; and one bad record.
fn collection() -> String {
    let dir = Path::new(ROOT).join("fixtures/corpus/zh-policy");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = String::new();
    for (k, f) in files.iter().take(12).enumerate() {
        let id = f.file_name().unwrap().to_string_lossy().into_owned();
        let record = if k % 3 == 2 {
            serde_json::json!({ "id": id, "path": f })
        } else {
            serde_json::json!({ "id": id, "text": std::fs::read_to_string(f).unwrap() })
        };
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out.push_str("{\"id\": \"bad\", \"text\": 3}\n");
    out
}

/// Whether `python3` can import pyspark; panics with what to do when it
/// cannot and the test is not explicitly skipped.
fn spark_available() -> bool {
    if std::env::var("DOCSIFT_SKIP_SPARK").is_ok_and(|v| v == "1") {
        eprintln!("DOCSIFT_SKIP_SPARK=1: the Spark example is not run");
        return false;
    }
    let probe = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output();
    match probe {
        Ok(out) if out.status.success() => true,
        Ok(out) => panic!(
            "the Spark test needs pyspark: `python3 -m pip install pyspark==4.3.0` \
             (as .ci/run does), or DOCSIFT_SKIP_SPARK=1 to skip it\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("the Spark test needs python3 ({e}), or DOCSIFT_SKIP_SPARK=1"),
    }
}

/// Lines of a JSON Lines output as values, with `line` taken out of error
/// records: it counts the lines of the stream one docsift read, which under
/// Spark is a partition (the `id` is the key).
fn records(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            if let Some(o) = v.as_object_mut().filter(|o| o.contains_key("error")) {
                o.remove("line");
            }
            v
        })
        .collect()
}

#[test]
fn spark_job_output_equals_single_machine_output() {
    if !spark_available() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("spark-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("collection.jsonl");
    std::fs::write(&input, collection()).unwrap();
    let output = dir.join("cleaned");

    let single = Command::new(BIN)
        .args(["clean", "--quiet", "--jsonl"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(single.status.success());
    let single = String::from_utf8(single.stdout).unwrap();

    let mut job = Command::new("python3")
        .arg(Path::new(ROOT).join("examples/spark/docsift_job.py"))
        .args([
            "--master",
            "local[2]",
            "--partitions",
            "3",
            "--docsift",
            BIN,
        ])
        .arg(&input)
        .arg(&output)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("spark.log")).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = job.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = job.kill();
            panic!(
                "the Spark job ran over {TIMEOUT:?}; see {}",
                dir.join("spark.log").display()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let log = std::fs::read_to_string(dir.join("spark.log")).unwrap_or_default();
    assert!(status.success(), "the Spark job failed:\n{log}");
    assert!(output.join("_SUCCESS").exists(), "{log}");

    let mut parts: Vec<PathBuf> = std::fs::read_dir(&output)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() >= 3, "one part per partition: {parts:?}");
    let spark: String = parts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(spark.lines().count(), 13);
    for (a, b) in spark.lines().zip(single.lines()) {
        if !a.contains("\"error\":") {
            assert_eq!(a, b, "documents are the same bytes");
        }
    }
    let (spark, single) = (records(&spark), records(&single));
    assert_eq!(
        spark.iter().filter(|r| r.get("document").is_some()).count(),
        12
    );
    assert_eq!(
        spark, single,
        "Spark's output is the single-machine output, in order"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
