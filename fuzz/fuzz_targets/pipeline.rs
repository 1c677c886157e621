//! Any bytes through the whole pipeline: no panic, the same JSON twice, and
//! the Markdown rendering of the result cleans again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = docsift::run("f", data) else {
        return;
    };
    let json = docsift::emit::to_json(&doc);
    let again = docsift::run("f", data).expect("the same bytes clean twice");
    assert_eq!(json, docsift::emit::to_json(&again), "deterministic");
    let md = docsift::emit::to_markdown(&doc);
    let _ = docsift::run("f.md", md.as_bytes());
});
