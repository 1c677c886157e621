//! Any line through `numbers`: no panic; spans in order, without overlap,
//! inside the line, their text the characters they cover.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    let chars: Vec<char> = line.chars().collect();
    let spans = docsift::numbers::find_numbers(&line);
    let mut end = 0;
    for s in &spans {
        assert!(s.start >= end && s.start < s.end && s.end <= chars.len(), "{s:?}");
        let text: String = chars[s.start..s.end].iter().collect();
        assert_eq!(text, s.text);
        assert_eq!(&line[s.bytes.clone()], s.text);
        if let Some(v) = s.value {
            assert!(v.is_finite(), "{s:?}");
        }
        end = s.end;
    }
    let _ = docsift::numbers::numbers_line_json(&line);
});
