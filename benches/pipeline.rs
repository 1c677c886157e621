//! Pipeline throughput on real documents: `cargo bench`.
//! Figures are recorded in README.md.

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

/// All 32 plain dev cases concatenated into one ~1 MB document: scaling.
#[divan::bench(sample_count = 10)]
fn one_megabyte(bencher: divan::Bencher) {
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
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| docsift::run("all", divan::black_box(&bytes)).unwrap());
}
