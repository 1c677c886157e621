//! Any bytes: decoding never panics, strict and lossy agree on valid input,
//! and the streaming reader gives the same result as `decode`.
#![no_main]
use docsift::read::{decode, decode_with, read, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = decode("f", data);
    let lossy = decode_with("f", data, &Options::new(u64::MAX, true));
    if let Ok(s) = &strict {
        assert!(!s.text.contains('\r') && !s.text.contains('\0'));
        let l = lossy.as_ref().expect("lossy accepts what strict accepts");
        assert_eq!(s.text, l.text);
        assert!(l.replaced_lines.is_empty());
    }
    if let Ok(l) = &lossy {
        let lines = l.text.split('\n').count();
        assert!(l.replaced_lines.iter().all(|&n| n >= 1 && n <= lines));
    }
    match (read("f", data, None, &Options::new(u64::MAX, false)), &strict) {
        (Ok(a), Ok(b)) => assert_eq!(&a, b),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("stream {a:?} vs decode {b:?}"),
    }
});
