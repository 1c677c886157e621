//! Pipeline throughput on real documents: `cargo bench`.
//!
//! Whole documents (`seed`, `work_report`, `wrapped_law`, `one_megabyte`)
//! and each stage alone (`stage::*`) on the ~1 MB concatenation of the plain
//! dev cases, its input prepared by the stages before it as
//! `src/pipeline.rs` wires them. End-to-end figures from process start
//! (MB/s, peak RSS, 1–100 MB, `--jobs 1` vs 2) come from `scripts/bench`;
//! both are recorded in README.md ("Speed").

use std::path::Path;

fn main() {
    divan::main();
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("fixture exists")
}

/// The seed document (128 lines, every kind of noise).
#[divan::bench]
fn seed(bencher: divan::Bencher) {
    let bytes = read("fixtures/seed/000_96aa845614dbe1bb.txt");
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| docsift::run("seed", divan::black_box(&bytes)).unwrap());
}

/// A long government work report with injected noise (~60 KB).
#[divan::bench]
fn work_report(bencher: divan::Bencher) {
    let bytes = read("fixtures/dev-cases/guizhou-2026-gov-work-report/noisy.md");
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| docsift::run("report", divan::black_box(&bytes)).unwrap());
}

/// A PDF-wrapped statute: every line cut at the page width, no blank lines.
#[divan::bench]
fn wrapped_law(bencher: divan::Bencher) {
    let bytes = read("fixtures/dev-cases-wrapped/rural-revitalization-promotion-law-2021/noisy.md");
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| docsift::run("law", divan::black_box(&bytes)).unwrap());
}

/// All plain dev cases concatenated into one document (~560 KB).
fn dev_megabyte() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/dev-cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut bytes = Vec::new();
    for n in names.iter().filter(|p| p.is_dir()) {
        bytes.extend(std::fs::read(n.join("noisy.md")).unwrap());
        bytes.extend(b"\n\n");
    }
    bytes
}

/// That document through the whole pipeline.
#[divan::bench(sample_count = 10)]
fn one_megabyte(bencher: divan::Bencher) {
    let bytes = dev_megabyte();
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| docsift::run("all", divan::black_box(&bytes)).unwrap());
}

/// Each stage alone on that document; the counter is the document's
/// bytes, so the MB/s of the stages compare directly.
mod stage {
    use divan::{black_box, counter::BytesCount, Bencher};
    use docsift::clean;
    use docsift::join::Block;
    use docsift::model::Reason;
    use docsift::segment::Unit;

    /// Every stage's input, computed as `docsift::pipeline::process` does.
    struct Prepared {
        bytes: Vec<u8>,
        text: &'static str,
        raw_units: Vec<Unit<'static>>,
        units: Vec<Unit<'static>>,
        noise: Vec<bool>,
        flagged: Vec<bool>,
        keep: Vec<bool>,
        hard: Vec<bool>,
        blocks: Vec<Block<'static>>,
        kept: Vec<Block<'static>>,
        paragraphs: Vec<String>,
    }

    fn prepare() -> Prepared {
        let bytes = super::dev_megabyte();
        // Leaked: the units borrow their lines from it, for the whole run.
        let text: &'static str = docsift::read::decode("all", &bytes).unwrap().text.leak();
        let raw_units = docsift::segment::segment(text);
        let mut units = raw_units.clone();
        let mut verdicts = clean::classify(&units);
        for u in &mut units {
            u.text = clean::normalize(&u.text).into_owned().into();
            if let Some(fixed) = clean::repair_doubled(&u.text) {
                u.text = fixed.into();
            }
        }
        let noise: Vec<bool> = verdicts
            .iter()
            .map(|v| {
                v.as_ref()
                    .is_some_and(|v| !matches!(v.reason, Reason::RunningHeader | Reason::OffTopic))
            })
            .collect();
        let flagged: Vec<bool> = verdicts.iter().map(Option::is_some).collect();
        let found = docsift::metadata::extract(&units, text, &noise, &flagged);
        let mut hard = vec![false; units.len()];
        for &i in &found.units {
            hard[i] = true;
            verdicts[i] = None;
        }
        let keep: Vec<bool> = (0..units.len())
            .map(|i| verdicts[i].is_none() && !hard[i])
            .collect();
        let blocks = docsift::join::join(&units, &keep, &hard);
        let dd = docsift::dedup::dedup(&blocks);
        let kept: Vec<Block<'static>> = (0..blocks.len())
            .filter(|&i| dd.dup_of[i].is_none())
            .map(|i| blocks[i].clone())
            .collect();
        let paragraphs = kept.iter().map(|b| b.text.to_string()).collect();
        Prepared {
            bytes,
            text,
            raw_units,
            units,
            noise,
            flagged,
            keep,
            hard,
            blocks,
            kept,
            paragraphs,
        }
    }

    /// Bytes → text: encoding detection, checks, newline normalisation.
    #[divan::bench(sample_count = 10)]
    fn read(bencher: Bencher) {
        let p = prepare();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .bench(|| docsift::read::decode("all", black_box(&p.bytes)).unwrap());
    }

    /// Text → units (lines, Markdown syntax removed).
    #[divan::bench(sample_count = 10)]
    fn segment(bencher: Bencher) {
        let p = prepare();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .bench(|| docsift::segment::segment(black_box(p.text)));
    }

    /// Noise verdicts per line, then normalisation and repair.
    #[divan::bench(sample_count = 10)]
    fn clean(bencher: Bencher) {
        let p = prepare();
        bencher.counter(BytesCount::new(p.bytes.len())).bench(|| {
            let verdicts = clean::classify(black_box(&p.raw_units));
            let texts: Vec<String> = p
                .raw_units
                .iter()
                .map(|u| {
                    let t = clean::normalize(&u.text).into_owned();
                    clean::repair_doubled(&t).unwrap_or(t)
                })
                .collect();
            (verdicts, texts)
        });
    }

    /// Title, issuers, number, date, recipients.
    #[divan::bench(sample_count = 10)]
    fn metadata(bencher: Bencher) {
        let p = prepare();
        bencher.counter(BytesCount::new(p.bytes.len())).bench(|| {
            docsift::metadata::extract(black_box(&p.units), p.text, &p.noise, &p.flagged)
        });
    }

    /// Lines → paragraphs.
    #[divan::bench(sample_count = 10)]
    fn join(bencher: Bencher) {
        let p = prepare();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .bench(|| docsift::join::join(black_box(&p.units), &p.keep, &p.hard));
    }

    /// Exact, body and near duplicates.
    #[divan::bench(sample_count = 10)]
    fn dedup(bencher: Bencher) {
        let p = prepare();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .bench(|| docsift::dedup::dedup(black_box(&p.blocks)));
    }

    /// Truncation flags and suspect terms.
    #[divan::bench(sample_count = 10)]
    fn damage(bencher: Bencher) {
        let p = prepare();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .with_inputs(|| p.kept.clone())
            .bench_local_refs(|kept| {
                let mut w = docsift::damage::flag_truncation(kept, &[]);
                w.extend(docsift::damage::suspect_terms(kept));
                w
            });
    }

    /// The numbered hierarchy.
    #[divan::bench(sample_count = 10)]
    fn structure(bencher: Bencher) {
        let p = prepare();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .bench(|| docsift::structure::build(black_box(&p.kept)));
    }

    /// Numeric targets of every kept paragraph.
    #[divan::bench(sample_count = 10)]
    fn targets(bencher: Bencher) {
        let p = prepare();
        bencher.counter(BytesCount::new(p.bytes.len())).bench(|| {
            p.paragraphs
                .iter()
                .map(|t| docsift::targets::extract_targets_in(t, Default::default()).len())
                .sum::<usize>()
        });
    }

    /// The document as pretty JSON.
    #[divan::bench(sample_count = 10)]
    fn emit(bencher: Bencher) {
        let p = prepare();
        let doc = docsift::run("all", &p.bytes).unwrap();
        bencher
            .counter(BytesCount::new(p.bytes.len()))
            .bench(|| docsift::emit::to_json(black_box(&doc)));
    }
}
