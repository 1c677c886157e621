//! Read: bytes → text. Detects the encoding (UTF-8 with or without BOM,
//! UTF-16 with BOM, GB18030/GBK and other CJK legacy encodings without BOM),
//! normalises newlines, rejects non-text.
//!
//! Decision order:
//! 1. a BOM fixes the encoding (UTF-8, UTF-16LE, UTF-16BE); bytes malformed in
//!    it are an error;
//! 2. input with NUL bytes that reads as plausible UTF-16 text is UTF-16
//!    (LE or BE, whichever reads better);
//! 3. otherwise input that is valid UTF-8 is always read as UTF-8;
//! 4. otherwise `chardetng` guesses (with the `.cn` top-level domain as the
//!    prior, so GBK-family bytes are read as GB18030, its superset); if the
//!    guess does not decode without errors, GB18030 is tried; if neither
//!    decodes, the input is not text and the error names the line of the first
//!    undecodable byte;
//! 5. decoded text with NUL characters or with many other control characters
//!    is not text either.

use crate::error::{Error, Result};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use sha2::{Digest, Sha256};

/// Decoded input; `text` uses `\n` newlines only, so line `n` of `text` is line
/// `n` of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceText {
    /// File name as given.
    pub name: String,
    /// The decoded text, newlines normalised to `\n`, BOM removed.
    pub text: String,
    /// Name of the encoding read.
    pub encoding: String,
    /// Size of the raw input.
    pub bytes: usize,
    /// Lower-case hex SHA-256 of the raw input.
    pub sha256: String,
}

/// Longest line accepted, in bytes (of the line decoded to UTF-8, newline excluded).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Decodes raw bytes named `name`.
///
/// Errors: [`Error::Empty`] for empty or whitespace-only input,
/// [`Error::NotText`] for binary or undecodable input, [`Error::LineTooLong`]
/// for a line over [`MAX_LINE_BYTES`]. Never panics.
pub fn decode(name: &str, bytes: &[u8]) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::Empty { name: name.into() });
    }
    let (raw, encoding) = decode_bytes(name, bytes)?;
    let text = normalise_newlines(&raw);
    check_controls(name, &text)?;
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(Error::Empty { name: name.into() });
    }
    if let Some((i, line)) = text
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > MAX_LINE_BYTES)
    {
        return Err(Error::LineTooLong {
            name: name.into(),
            line: i + 1,
            len: line.len(),
            limit: MAX_LINE_BYTES,
        });
    }
    Ok(SourceText {
        name: name.into(),
        text,
        encoding: encoding_name(encoding),
        bytes: bytes.len(),
        sha256: sha256_hex(bytes),
    })
}

/// The name written in `source.encoding`: encoding_rs's name, with GB18030 in
/// its usual upper-case spelling.
fn encoding_name(enc: &'static Encoding) -> String {
    if enc == GB18030 {
        "GB18030".into()
    } else {
        enc.name().into()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Picks the encoding and decodes; the BOM is not part of the result.
fn decode_bytes(name: &str, bytes: &[u8]) -> Result<(String, &'static Encoding)> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom_len..])
            .map(|s| (s, enc))
            .map_err(|e| e.into_error(name, enc));
    }
    if let Some(found) = utf16_without_bom(bytes) {
        return Ok(found);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), UTF_8));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if guess == GBK || guess == UTF_8 {
        // GB18030 decodes everything GBK does (and more); UTF-8 was ruled out above.
        guess = GB18030;
    }
    let first = match strict(guess, bytes) {
        Ok(s) => return Ok((s, guess)),
        Err(e) => e,
    };
    if guess == GB18030 {
        return Err(first.into_error(name, guess));
    }
    match strict(GB18030, bytes) {
        Ok(s) => Ok((s, GB18030)),
        // Report the candidate that read further: its failure is the more telling.
        Err(e) if e.offset > first.offset => Err(e.into_error(name, GB18030)),
        Err(_) => Err(first.into_error(name, guess)),
    }
}

/// UTF-16 without a BOM, as some Windows tools write it: only considered when
/// the input holds NUL bytes (which rule out every 8-bit reading anyway) and
/// accepted when nearly every decoded character is plausible in a Chinese or
/// English document; the better-scoring byte order wins, LE on a tie.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    if bytes.len() % 2 != 0 || !bytes.contains(&0) {
        return None;
    }
    let score = |enc: &'static Encoding| {
        let text = strict(enc, bytes).ok()?;
        let total = text.chars().count();
        let plausible = text.chars().filter(|&c| plausible_char(c)).count();
        (plausible * 100 >= total * 95).then_some((plausible, text, enc))
    };
    match (score(UTF_16LE), score(UTF_16BE)) {
        (Some(le), Some(be)) if be.0 > le.0 => Some((be.1, be.2)),
        (Some(le), _) => Some((le.1, le.2)),
        (None, Some(be)) => Some((be.1, be.2)),
        (None, None) => None,
    }
}

/// Printable ASCII and whitespace, general and CJK punctuation, CJK ideographs
/// and full-width forms.
fn plausible_char(c: char) -> bool {
    matches!(c, ' '..='~' | '\t' | '\n' | '\r' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}'
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Where strict decoding stopped.
struct Malformed {
    /// Byte offset of the first offending byte.
    offset: usize,
    /// 1-based line of that byte.
    line: usize,
}

impl Malformed {
    fn into_error(self, name: &str, enc: &'static Encoding) -> Error {
        Error::NotText {
            name: name.into(),
            line: self.line,
            detail: format!(
                "byte offset {} is not valid {}",
                self.offset,
                encoding_name(enc)
            ),
        }
    }
}

/// Decodes `bytes` in `enc` without replacement characters.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> std::result::Result<String, Malformed> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
            DecoderResult::Malformed(bad, after) => {
                let offset = read_total.saturating_sub(bad as usize + after as usize);
                return Err(Malformed {
                    offset,
                    line: line_after(&out),
                });
            }
        }
    }
}

/// The 1-based line on which the text following `prefix` starts (CR, LF and
/// CRLF each end a line).
fn line_after(prefix: &str) -> usize {
    let b = prefix.as_bytes();
    let mut n = 1;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// CRLF and lone CR become LF.
fn normalise_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Control characters that have no place in a text document: C0 except tab,
/// LF, VT, FF and CR (form feeds separate pages in PDF text extraction), DEL,
/// and C1.
fn is_bad_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// NUL anywhere, or bad control characters making up more than 1 in
/// [`CONTROL_RATIO`] characters, mean binary input.
fn check_controls(name: &str, text: &str) -> Result<()> {
    let mut first = None;
    let mut count = 0usize;
    let mut total = 0usize;
    let mut line = 1;
    for c in text.chars() {
        total += 1;
        if c == '\n' {
            line += 1;
        } else if c == '\0' {
            return Err(Error::NotText {
                name: name.into(),
                line,
                detail: "NUL byte".into(),
            });
        } else if is_bad_control(c) {
            count += 1;
            first.get_or_insert((line, c));
        }
    }
    match first {
        Some((line, c)) if count * CONTROL_RATIO > total => Err(Error::NotText {
            name: name.into(),
            line,
            detail: format!("{count} control characters, the first U+{:04X}", c as u32),
        }),
        _ => Ok(()),
    }
}

/// A text may hold at most one stray control character in this many characters.
const CONTROL_RATIO: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;

    const ZH: &str = "湖南省教育厅关于印发《湖南省职业教育改革实施方案》的通知\n\
        各市州教育（体育）局：\n\
        一、总体要求\n\
        到2025年，全省建设20个左右高水平专业群，遴选建设“楚怡”文化传承基地14个。\n\
        （一）深化产教融合，推进校企合作。\n";

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (b, _, unmappable) = enc.encode(s);
        assert!(!unmappable);
        b.into_owned()
    }

    fn line_of(err: Error) -> usize {
        match err {
            Error::NotText { line, .. } => line,
            e => panic!("expected NotText, got {e:?}"),
        }
    }

    #[test]
    fn utf8_without_bom() {
        let s = decode("a.txt", ZH.as_bytes()).unwrap();
        assert_eq!(s.text, ZH);
        assert_eq!(s.encoding, "UTF-8");
        assert_eq!(s.bytes, ZH.len());
        assert_eq!(s.name, "a.txt");
    }

    #[test]
    fn utf8_with_bom_is_stripped() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(ZH.as_bytes());
        let s = decode("a", &b).unwrap();
        assert_eq!(s.text, ZH);
        assert_eq!(s.encoding, "UTF-8");
        assert_eq!(s.bytes, ZH.len() + 3);
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in ZH.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let a = decode("le", &le).unwrap();
        assert_eq!((a.text.as_str(), a.encoding.as_str()), (ZH, "UTF-16LE"));
        let b = decode("be", &be).unwrap();
        assert_eq!((b.text.as_str(), b.encoding.as_str()), (ZH, "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom() {
        for text in [ZH, "Sec. 1. Purpose.\nThe policy of the United States.\n"] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let a = decode("le", &le).unwrap();
            assert_eq!((a.text.as_str(), a.encoding.as_str()), (text, "UTF-16LE"));
            let b = decode("be", &be).unwrap();
            assert_eq!((b.text.as_str(), b.encoding.as_str()), (text, "UTF-16BE"));
        }
        // UTF-8 text with a stray NUL is still not text.
        let mut b = ZH.as_bytes().to_vec();
        b.insert(b.len() - 1, 0);
        if b.len() % 2 == 1 {
            b.insert(0, b'x');
        }
        assert!(matches!(decode("n", &b), Err(Error::NotText { .. })));
    }

    #[test]
    fn utf16_truncated_is_not_text() {
        let mut le = vec![0xFF, 0xFE];
        for u in "第一行\n第二行\n\u{1F600}".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        le.truncate(le.len() - 2); // lone high surrogate at the end
        assert_eq!(line_of(decode("x", &le).unwrap_err()), 3);
    }

    #[test]
    fn gbk_chinese_is_gb18030() {
        let b = encode(GBK, ZH);
        assert!(std::str::from_utf8(&b).is_err());
        let s = decode("gbk.txt", &b).unwrap();
        assert_eq!(s.encoding, "GB18030");
        assert_eq!(s.text, ZH);
        // A short sentence too.
        let short = "到2025年，建设20个高水平专业群。";
        let s = decode("s", &encode(GBK, short)).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (short, "GB18030"));
    }

    #[test]
    fn gb18030_four_byte_characters() {
        let text = "国务院关于印发《“十四五”数字经济发展规划》的通知€㐀\n二、主要任务\n";
        let b = encode(GB18030, text);
        let s = decode("g", &b).unwrap();
        assert_eq!((s.text.as_str(), s.encoding.as_str()), (text, "GB18030"));
    }

    #[test]
    fn valid_utf8_always_utf8() {
        // Bytes that are also valid GBK pairs (é = C3 A9) stay UTF-8.
        for t in ["café", "é", "ÃÃÃÃ", "中", "Résumé naïve — “quotes”"] {
            let s = decode("u", t.as_bytes()).unwrap();
            assert_eq!((s.text.as_str(), s.encoding.as_str()), (t, "UTF-8"));
        }
    }

    #[test]
    fn newlines_normalised_line_numbers_kept() {
        let s = decode("n", "一\r\n二\r三\n\r\n四\r\r五".as_bytes()).unwrap();
        assert_eq!(s.text, "一\n二\n三\n\n四\n\n五");
        let crlf_gbk = encode(GBK, "第一行\r\n第二行\r\n");
        assert_eq!(decode("g", &crlf_gbk).unwrap().text, "第一行\n第二行\n");
    }

    #[test]
    fn sha256_of_raw_bytes() {
        let s = decode("h", b"abc").unwrap();
        assert_eq!(
            s.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // The BOM is hashed too: the hash is of the bytes read.
        assert_ne!(decode("h", b"\xEF\xBB\xBFabc").unwrap().sha256, s.sha256);
    }

    #[test]
    fn empty_and_whitespace_only() {
        for b in [
            &b""[..],
            b"   ",
            b"\n\r\n\t \n",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBF \n",
            "\u{3000}\u{3000}\n".as_bytes(),
            b"\xFF\xFE",
        ] {
            assert!(
                matches!(decode("e", b), Err(Error::Empty { ref name }) if name == "e"),
                "{b:?}"
            );
        }
    }

    #[test]
    fn nul_byte_names_its_line() {
        let b = b"line one\nline two\nbad\0line\n";
        assert_eq!(line_of(decode("x", b).unwrap_err()), 3);
        let b = b"\r\n\r\n\0";
        assert_eq!(line_of(decode("x", b).unwrap_err()), 3);
    }

    #[test]
    fn binary_headers_are_not_text() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        let err = decode("a.png", png).unwrap_err();
        assert!(err.to_string().starts_with("a.png:"), "{err}");
        assert_eq!(line_of(err), 3);
        let zip = b"PK\x03\x04\x14\0\0\0\x08\0abcdefgh";
        assert_eq!(line_of(decode("a.zip", zip).unwrap_err()), 1);
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
        assert!(matches!(decode("a.out", elf), Err(Error::NotText { .. })));
    }

    #[test]
    fn many_control_characters_are_not_text() {
        let b = "正文\n第二行\x01\x02\x03\x04\x05\n".as_bytes();
        let e = decode("c", b).unwrap_err();
        assert_eq!(line_of(e), 2);
        // One stray control character in a long text is tolerated (left to cleaning).
        let mut long = "正文内容。".repeat(40);
        long.push('\x1b');
        long.push_str("\n\x0c第二页\n");
        let s = decode("c", long.as_bytes()).unwrap();
        assert!(s.text.contains('\x0c'));
    }

    #[test]
    fn undecodable_bytes_name_their_line() {
        // GBK text, then a byte that is invalid in GB18030 (0xFF) on line 3.
        let mut b = encode(GBK, "第一行中文内容\n第二行中文内容\n第三");
        b.push(0xFF);
        b.extend(encode(GBK, "行\n"));
        let e = decode("bad", &b).unwrap_err();
        assert_eq!(line_of(e), 3);
        // Invalid UTF-8 after a UTF-8 BOM.
        let e = decode("bom", b"\xEF\xBB\xBFok\nok\n\xC3(").unwrap_err();
        assert_eq!(line_of(e), 3);
    }

    #[test]
    fn long_line_names_its_line() {
        let mut s = String::from("a\nb\n");
        s.push_str(&"x".repeat(MAX_LINE_BYTES + 1));
        s.push_str("\nc\n");
        match decode("long", s.as_bytes()) {
            Err(Error::LineTooLong {
                line, len, limit, ..
            }) => {
                assert_eq!((line, len, limit), (3, MAX_LINE_BYTES + 1, MAX_LINE_BYTES));
            }
            other => panic!("{other:?}"),
        }
        let mut ok = "x".repeat(MAX_LINE_BYTES);
        ok.push('\n');
        assert!(decode("ok", ok.as_bytes()).is_ok());
    }

    /// Every dev-case document (real Chinese policy text), and each of its lines
    /// alone, re-encoded in GBK, reads back as GB18030 with the same text.
    #[test]
    fn real_documents_in_gbk_and_utf16() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/dev-cases");
        let mut docs = 0;
        let mut lines = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path().join("clean.md");
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let (gbk, _, unmappable) = GBK.encode(&text);
            if unmappable {
                continue;
            }
            let s = decode("doc", &gbk).unwrap();
            assert_eq!(s.encoding, "GB18030", "{}", p.display());
            assert_eq!(s.text, text, "{}", p.display());
            docs += 1;
            for line in text
                .lines()
                .filter(|l| l.chars().filter(|c| !c.is_ascii()).count() >= 6)
            {
                let s = decode("line", &encode(GBK, line)).unwrap();
                assert_eq!((s.text.as_str(), s.encoding.as_str()), (line, "GB18030"));
                lines += 1;
            }
            let mut le = vec![0xFF, 0xFE];
            le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            assert_eq!(decode("doc", &le).unwrap().text, text);
            for (bytes, name) in [
                (le[2..].to_vec(), "UTF-16LE"),
                (
                    text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                    "UTF-16BE",
                ),
            ] {
                let s = decode("doc", &bytes).unwrap();
                assert_eq!(
                    (s.text.as_str(), s.encoding.as_str()),
                    (text.as_str(), name)
                );
            }
        }
        assert!(
            docs >= 20 && lines >= 1000,
            "{docs} documents, {lines} lines"
        );
    }

    /// xorshift64*: deterministic random bytes without a dependency.
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut x = seed.max(1);
        move || {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut next = rng(0x5eed);
        let base = encode(GBK, ZH);
        let mut not_text = 0;
        for i in 0..3000 {
            let len = (next() % 300) as usize;
            let bytes: Vec<u8> = match i % 3 {
                // Pure random bytes.
                0 => (0..len).map(|_| next() as u8).collect(),
                // Random high bytes, with BOM-like prefixes sometimes.
                1 => {
                    let mut v: Vec<u8> = match next() % 4 {
                        0 => vec![0xFF, 0xFE],
                        1 => vec![0xFE, 0xFF],
                        2 => vec![0xEF, 0xBB, 0xBF],
                        _ => vec![],
                    };
                    v.extend((0..len).map(|_| 0x80 | next() as u8));
                    v
                }
                // GBK text with a few bytes flipped.
                _ => {
                    let mut v = base.clone();
                    for _ in 0..(next() % 4) {
                        let at = (next() as usize) % v.len();
                        v[at] = next() as u8;
                    }
                    v
                }
            };
            match decode("r", &bytes) {
                Ok(s) => {
                    assert!(!s.text.contains('\r'));
                    assert!(!s.text.contains('\0'));
                    assert_eq!(s.sha256.len(), 64);
                }
                Err(Error::NotText { line, .. }) => {
                    assert!(line >= 1 && line <= bytes.len() + 1);
                    if i % 3 == 0 {
                        not_text += 1;
                    }
                }
                Err(_) => {}
            }
        }
        // Pure random byte strings are overwhelmingly rejected.
        assert!(not_text > 900, "{not_text}");
    }
}
