//! Whole documents through the library: the seed's expected decisions, the
//! audit invariants and an insta snapshot for every fixture, determinism and
//! the Markdown round trip.

use crate::common::{assert_invariants, clean, walk, Document};
use std::path::Path;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/000_96aa845614dbe1bb.txt"
);

/// The case folders of a labelled set in `fixtures/`, sorted.
fn cases_of(set: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(set);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn load(path: &Path) -> (String, Vec<u8>, String) {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = docsift::read::decode(&name, &bytes).unwrap().text;
    (name, bytes, text)
}

fn seed() -> (Document, String) {
    let (name, bytes, text) = load(Path::new(SEED));
    (clean(&name, &bytes), text)
}

#[test]
fn seed_noise_and_duplicates_are_removed() {
    let (doc, text) = seed();
    assert_invariants(&doc, &text);
    let noise: Vec<(usize, &str)> = doc
        .removed
        .iter()
        .filter(|r| r.reason != "duplicate")
        .map(|r| (r.lines[0], r.reason.as_str()))
        .collect();
    let lines: Vec<usize> = noise.iter().map(|n| n.0).collect();
    assert_eq!(lines, [7, 9, 11, 13, 15], "{noise:?}");
    assert_eq!(noise[0].1, "orphan_heading");
    assert_eq!(noise[1].1, "figure_caption");
    assert_eq!(noise[3].1, "url");
    let dups: Vec<_> = doc
        .removed
        .iter()
        .filter(|r| r.reason == "duplicate")
        .collect();
    assert_eq!(dups.len(), 16);
    for (k, d) in dups.iter().enumerate() {
        assert_eq!(d.lines, [55 + 4 * k, 57 + 4 * k]);
        assert_eq!(d.duplicate_of.as_deref(), Some("2.4.3"));
    }
    assert_eq!(
        doc.metadata.issuers,
        ["湖南省教育厅", "湖南省发展和改革委员会"]
    );
}

#[test]
fn seed_hierarchy() {
    let (doc, _) = seed();
    let shape: Vec<(String, Option<String>, bool, [usize; 2])> = walk(&doc.sections)
        .iter()
        .map(|n| (n.id.clone(), n.marker.clone(), n.inferred, n.lines))
        .collect();
    let ids: Vec<&str> = shape.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2", "2.2.2", "2.2.3", "2.2.4", "2.3",
            "2.3.1", "2.3.4", "2.4", "2.4.1", "2.4.2", "2.4.3", "5", "5.2", "5.3", "5.4"
        ]
    );
    let inferred: Vec<_> = shape.iter().filter(|s| s.2).collect();
    assert_eq!(inferred.len(), 1);
    assert_eq!(inferred[0].0, "2.2");
    assert_eq!(inferred[0].3, [29, 29]);
    let top: Vec<(&str, &str)> = doc
        .sections
        .iter()
        .map(|n| (n.style.as_str(), n.marker.as_deref().unwrap()))
        .collect();
    assert_eq!(top, [("cn_dun", "二、"), ("cn_item", "第五项")]);
    assert!(doc.sections[1]
        .children
        .iter()
        .all(|c| c.style == "cn_paren"));
    // Headings split into title and body.
    let task = &doc.sections[0].children[0].children[0];
    assert_eq!(task.title.as_deref(), Some("建设“楚怡”职业教育专业智库"));
    assert!(task.paragraphs[0]
        .text
        .starts_with("建设“楚怡”职业教育专业智库，深入研究"));
    // The broken paragraph at lines 47/49 is one again.
    let joined = &doc.sections[0].children[3].children[1].paragraphs[0];
    assert_eq!(joined.lines, [47, 49]);
    assert!(joined.text.contains("由政府、行业企业"));
}

#[test]
fn seed_warnings() {
    let (doc, _) = seed();
    let has = |kind: &str, line: usize| {
        doc.warnings
            .iter()
            .any(|w| w.kind == kind && w.lines.is_some_and(|l| l[0] == line))
    };
    assert!(has("truncated", 17), "进一步彰显 starts mid-sentence");
    assert!(has("truncated", 39), "色突出 starts mid-sentence");
    assert!(has("truncated", 121), "…职业教育“楚 is cut off");
    assert!(has("numbering_gap", 19), "二、 is the first chapter");
    assert!(has("numbering_jump", 119), "第五项 follows 二、");
    assert!(has("numbering_gap", 121), "（二） opens the last chapter");
    assert!(
        has("suspect_term", 125),
        "体校 where the document says 楚怡"
    );
    let flags = |line: usize| {
        walk(&doc.sections)
            .iter()
            .flat_map(|n| n.paragraphs.iter())
            .chain(doc.preamble.iter())
            .find(|p| p.lines[0] == line)
            .map(|p| p.flags.clone())
            .unwrap_or_default()
    };
    assert!(flags(17).contains(&"truncated_start".to_string()));
    assert!(flags(39).contains(&"truncated_start".to_string()));
    assert!(flags(121).contains(&"truncated_end".to_string()));
}

#[test]
fn seed_snapshots() {
    let (name, bytes, _) = load(Path::new(SEED));
    let doc = docsift::run(&name, &bytes).unwrap();
    insta::assert_snapshot!("seed_json", docsift::emit::to_json(&doc));
    insta::assert_snapshot!("seed_markdown", docsift::emit::to_markdown(&doc));
}

#[test]
fn fixtures_hold_invariants_and_match_snapshots() {
    insta::glob!("../fixtures/docs", "*.{md,txt}", |path| {
        let (name, bytes, text) = load(path);
        let doc = clean(&name, &bytes);
        assert_invariants(&doc, &text);
        let json = docsift::emit::to_json(&docsift::run(&name, &bytes).unwrap());
        insta::assert_snapshot!(json);
    });
}

#[test]
fn output_is_deterministic() {
    let (name, bytes, _) = load(Path::new(SEED));
    let a = docsift::emit::to_json(&docsift::run(&name, &bytes).unwrap());
    let b = docsift::emit::to_json(&docsift::run(&name, &bytes).unwrap());
    assert_eq!(a, b);
}

/// A long document (its lines judged and its sections' targets read on
/// several threads) gives the same bytes on one thread as on three.
#[test]
fn a_long_document_is_the_same_on_one_thread_or_several() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus/zh-law-wide");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut text = String::new();
    for p in paths {
        if text.lines().count() > docsift::clean::PARALLEL_MIN_LINES + 1000 {
            break;
        }
        text.push_str(&std::fs::read_to_string(p).unwrap());
        text.push_str("\n\n");
    }
    assert!(text.lines().count() > docsift::clean::PARALLEL_MIN_LINES);
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| docsift::emit::to_json(&docsift::run("long.txt", text.as_bytes()).unwrap()))
    };
    let one = on(1);
    assert!(
        one.contains("\"targets\": [\n    {"),
        "the document has targets"
    );
    assert_eq!(one, on(3));
}

/// The tree as (id, ordinal, title), read back through the contract types.
fn tree_shape(d: &docsift::Document) -> Vec<(String, u32, Option<String>)> {
    let doc: Document = serde_json::from_str(&docsift::emit::to_json(d)).unwrap();
    walk(&doc.sections)
        .iter()
        .map(|n| (n.id.clone(), n.ordinal, n.title.clone()))
        .collect()
}

/// Running docsift on its own Markdown output gives the same tree.
#[test]
fn markdown_round_trip_keeps_the_tree() {
    let mut paths = vec![std::path::PathBuf::from(SEED)];
    if let Ok(dir) = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/docs")) {
        paths.extend(
            dir.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt")),
        );
    }
    paths.sort();
    for path in paths {
        let (name, bytes, _) = load(&path);
        let first = docsift::run(&name, &bytes).unwrap();
        let md = docsift::emit::to_markdown(&first);
        let second = docsift::run(&name, md.as_bytes()).unwrap();
        assert_eq!(
            tree_shape(&first),
            tree_shape(&second),
            "{}",
            path.display()
        );
    }
}

/// Every target of the dev cases, plain and PDF-wrapped, points into its
/// source (`offsets`; the invariants check each covers its clause), but for
/// a clause whose text was repaired in place: under one in a hundred.
#[test]
fn targets_point_into_their_source() {
    let (mut all, mut located) = (0usize, 0usize);
    for set in ["dev-cases", "dev-cases-wrapped"] {
        for case in cases_of(set) {
            let (name, bytes, text) = load(&case.join("noisy.md"));
            let doc = clean(&name, &bytes);
            assert_invariants(&doc, &text);
            all += doc.targets.len();
            located += doc.targets.iter().filter(|t| t.offsets.is_some()).count();
        }
    }
    assert!(all > 400, "the dev cases hold their targets ({all})");
    assert!(
        located * 100 >= all * 99,
        "{located} of {all} targets located"
    );
}

/// The targets of target-rich dev-corpus documents, one line each, as a
/// reviewed snapshot: node | value unit qualifier | object | each | deadline | verb.
#[test]
fn targets_of_target_rich_documents() {
    for name in [
        "guizhou-2026-gov-work-report",
        "gf-2018-39-employment-promotion",
        "gbf-2019-06-financing-guarantee-fund",
        "gbf-2018-118-law-enforcement-three-systems",
        "gbf-2025-08-finance-five-articles",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/dev-cases")
            .join(name)
            .join("clean.md");
        let (file, bytes, text) = load(&path);
        let doc = clean(&file, &bytes);
        assert_invariants(&doc, &text);
        let lines: Vec<String> = doc
            .targets
            .iter()
            .map(|t| {
                let each = t
                    .each
                    .as_ref()
                    .map(|e| format!("each {:?} {:?} {}", e.count, e.unit, e.scope))
                    .unwrap_or_default();
                format!(
                    "{} | {} {} {} | {} | {} | {} | {} | {}",
                    t.node.as_deref().unwrap_or("preamble"),
                    t.value,
                    t.unit.as_deref().unwrap_or("-"),
                    t.qualifier,
                    t.object.as_deref().unwrap_or("-"),
                    each,
                    t.deadline.as_deref().unwrap_or("-"),
                    t.verb.as_deref().unwrap_or("-"),
                    t.text
                )
            })
            .collect();
        insta::assert_snapshot!(format!("targets_{name}"), lines.join("\n"));
    }
}

/// Every document of the dev corpus, plain and wrapped, clean and noisy: the
/// audit invariants hold, and a second run on docsift's own Markdown output
/// reads the same tree.
#[test]
fn every_corpus_document_is_accounted_for_and_round_trips() {
    let mut failures = Vec::new();
    for set in ["dev-cases", "dev-cases-wrapped"] {
        for case in cases_of(set) {
            for file in ["clean.md", "noisy.md"] {
                let path = case.join(file);
                let (name, bytes, text) = load(&path);
                let doc = clean(&name, &bytes);
                assert_invariants(&doc, &text);
                let first = docsift::run(&name, &bytes).unwrap();
                let second =
                    docsift::run(&name, docsift::emit::to_markdown(&first).as_bytes()).unwrap();
                if tree_shape(&first) != tree_shape(&second) {
                    failures.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the Markdown output reads as another tree:\n{}",
        failures.join("\n")
    );
}

/// Absurd nesting, bracket storms and very long documents of one marker
/// style are processed without a panic and with every line accounted for.
#[test]
fn hostile_inputs_are_processed() {
    let inputs = [
        format!("{} 一、总则\n\n正文。\n", ">".repeat(50_000)),
        (0..3_000)
            .map(|i| format!("{}- 项目\n", "  ".repeat(i)))
            .collect::<String>(),
        format!("{}\n", "[".repeat(100_000)),
        (1..5_000)
            .map(|i| format!("（{i}）事项{i}。\n\n"))
            .collect::<String>(),
        "第一章\n第一章\n第一章\n".repeat(500),
    ];
    for text in inputs {
        let doc = clean("hostile.md", text.as_bytes());
        assert_invariants(&doc, &text);
    }
}

/// A line warning names the node its line went to: a caption of the
/// document's own figure series, first judged a foreign caption, is kept in
/// its section, and the `overruled` warning says which.
#[test]
fn line_warnings_name_their_node() {
    let text = "某某省交通运输厅关于号牌式样的通知\n\n一、号牌式样\n\n号牌式样见下图。\n\n图1 汽车号牌式样\n\n二、车辆涂装\n\n车辆涂装见下图。\n\n图2 车辆涂装式样\n\n三、实施要求\n\n图3 号牌和车辆涂装对照\n\n各地按照号牌式样和车辆涂装式样执行。\n";
    let doc = clean("captions.md", text.as_bytes());
    let overruled: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.kind == "overruled")
        .map(|w| (w.lines.map(|l| l[0]), w.node.as_deref()))
        .collect();
    assert_eq!(
        overruled,
        vec![
            (Some(7), Some("1")),
            (Some(13), Some("2")),
            (Some(17), Some("3"))
        ],
        "{:?}",
        doc.warnings
    );
}
