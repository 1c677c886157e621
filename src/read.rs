//! Read: bytes → text. Detects the encoding (UTF-8 with or without BOM,
//! UTF-16 with BOM, GB18030/GBK and other CJK legacy encodings without BOM),
//! normalises newlines, rejects non-text.
//!
//! Input is read as a stream ([`read`]) under a size cap, with NUL bytes and
//! line length checked as the bytes arrive (see [`stream`]).
//!
//! Decision order:
//! 1. a BOM fixes the encoding (UTF-8, UTF-16LE, UTF-16BE); bytes malformed in
//!    it are an error;
//! 2. input with NUL bytes that reads as plausible UTF-16 text is UTF-16
//!    (LE or BE, whichever reads better): nearly every character plausible in
//!    a Chinese or English document, and the code units holding a zero byte
//!    mostly ASCII (`x\0y\n` is not UTF-16: its zero byte comes from 砀);
//! 3. otherwise input that is valid UTF-8 is always read as UTF-8;
//! 4. input that is UTF-8 in shape with a few malformed sequences (lone
//!    surrogates, a truncated character) is UTF-8 with errors, never a legacy
//!    encoding that happens to decode it (`一、总体` read as GB18030 is
//!    `涓€銆佹€讳綋`);
//! 5. otherwise `chardetng` guesses (with the `.cn` top-level domain as the
//!    prior, so GBK-family bytes are read as GB18030, its superset); if the
//!    guess does not decode without errors, GB18030 is tried; if neither
//!    decodes, the input is not text and the error names the line and byte of
//!    the first undecodable byte in the candidate with fewer errors;
//! 6. decoded text with NUL characters or with many other control characters
//!    is not text either.
//!
//! Undecodable bytes are an error, or with [`Options::lossy`] become U+FFFD
//! and the lines concerned are listed in [`SourceText::replaced_lines`].

use crate::error::{Error, Result};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use sha2::{Digest, Sha256};

mod stream;
use stream::LineCounter;

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
    /// Lines where undecodable bytes were replaced by U+FFFD (only with
    /// [`Options::lossy`]), ascending.
    pub replaced_lines: Vec<usize>,
}

/// Longest line accepted, in bytes (of the line decoded to UTF-8, newline excluded).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Largest input read by default: 256 MiB, far above the largest policy
/// document seen (the whole corpus concatenated is under 20 MB).
pub const DEFAULT_MAX_BYTES: u64 = 256 << 20;

/// How input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Inputs larger than this many bytes are refused ([`Error::TooLarge`]).
    pub max_bytes: u64,
    /// Replace undecodable bytes by U+FFFD instead of refusing the input.
    pub lossy: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: DEFAULT_MAX_BYTES,
            lossy: false,
        }
    }
}

impl Options {
    /// Options with the given size cap and lossy flag.
    pub fn new(max_bytes: u64, lossy: bool) -> Self {
        Options { max_bytes, lossy }
    }
}

/// Reads and decodes a stream named `name` (a file, standard input, a FIFO).
/// `size_hint` is the expected length when known (a regular file's size).
///
/// Errors: those of [`decode`], plus [`Error::Io`] when reading fails,
/// [`Error::TooLarge`] past `opts.max_bytes`, and early [`Error::NotText`] or
/// [`Error::LineOverLimit`] from the streaming checks.
pub fn read(
    name: &str,
    reader: impl std::io::Read,
    size_hint: Option<u64>,
    opts: &Options,
) -> Result<SourceText> {
    let (bytes, sha256) = stream::read_checked(name, reader, size_hint, opts)?;
    decode_owned(name, bytes, sha256, opts)
}

/// Decodes raw bytes named `name`, strictly.
///
/// Errors: [`Error::Empty`] for empty or whitespace-only input,
/// [`Error::NotText`] for binary or undecodable input, [`Error::LineTooLong`]
/// for a line over [`MAX_LINE_BYTES`]. Never panics.
pub fn decode(name: &str, bytes: &[u8]) -> Result<SourceText> {
    decode_with(name, bytes, &Options::default())
}

/// [`decode`] with options (`max_bytes` is not applied: the bytes are here).
pub fn decode_with(name: &str, bytes: &[u8], opts: &Options) -> Result<SourceText> {
    decode_owned(name, bytes.to_vec(), hex(&Sha256::digest(bytes)), opts)
}

fn decode_owned(name: &str, bytes: Vec<u8>, sha256: String, opts: &Options) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::Empty { name: name.into() });
    }
    let len = bytes.len();
    let decoded = decode_bytes(name, bytes, opts.lossy)?;
    let text = normalise_newlines(decoded.text);
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
        encoding: encoding_name(decoded.encoding),
        bytes: len,
        sha256,
        replaced_lines: decoded.replaced,
    })
}

/// One `decode_error` warning per line where `--lossy` replaced bytes, to be
/// added to the document's warnings.
pub fn replacement_warnings(src: &SourceText) -> Vec<crate::model::Warning> {
    src.replaced_lines
        .iter()
        .map(|&line| crate::model::Warning {
            id: String::new(),
            kind: crate::model::WarningKind::DecodeError,
            message: format!(
                "bytes that are not valid {} replaced by U+FFFD",
                src.encoding
            ),
            lines: Some([line, line]),
            node: None,
        })
        .collect()
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

pub(crate) fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(64);
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The result of decoding: text (BOM removed, newlines as read), encoding,
/// and the lines where bytes were replaced.
struct Decoded {
    text: String,
    encoding: &'static Encoding,
    replaced: Vec<usize>,
}

/// Picks the encoding and decodes; the BOM is not part of the result.
fn decode_bytes(name: &str, mut bytes: Vec<u8>, lossy: bool) -> Result<Decoded> {
    let finish = |enc: &'static Encoding, r: std::result::Result<Decoding, Malformed>| match r {
        Ok(d) => Ok(Decoded {
            text: d.text,
            encoding: enc,
            replaced: d.replaced,
        }),
        Err(e) => Err(e.into_error(name, enc)),
    };
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if enc == UTF_8 {
            bytes.drain(..bom_len);
            return match String::from_utf8(bytes) {
                Ok(text) => finish(UTF_8, Ok(Decoding::clean(text))),
                Err(e) => finish(UTF_8, decode_in(UTF_8, e.as_bytes(), lossy)),
            };
        }
        return finish(enc, decode_in(enc, &bytes[bom_len..], lossy));
    }
    if let Some(enc) = utf16_without_bom(&bytes) {
        return finish(enc, decode_in(enc, &bytes, lossy));
    }
    // Not UTF-16: a zero byte is NUL in every encoding left, and says
    // "binary" better than the first undecodable byte would.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let mut lines = LineCounter::default();
        bytes[..at].iter().for_each(|&b| lines.feed(b.into()));
        return Err(Error::NotText {
            name: name.into(),
            line: lines.line(),
            detail: "NUL byte".into(),
        });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return finish(UTF_8, Ok(Decoding::clean(text))),
        Err(e) => e.into_bytes(),
    };
    if utf8_with_errors(&bytes) {
        return finish(UTF_8, decode_in(UTF_8, &bytes, lossy));
    }
    let enc = legacy_encoding(&bytes);
    finish(enc, decode_in(enc, &bytes, lossy))
}

/// The legacy encoding of bytes that are not UTF-8: `chardetng`'s guess if it
/// decodes them, else GB18030 if that does, else whichever of the two has
/// fewer malformed sequences (the guess on a tie).
fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if guess == GBK || guess == UTF_8 {
        // GB18030 decodes everything GBK does (and more); UTF-8 was ruled out.
        guess = GB18030;
    }
    if guess == GB18030 {
        return guess;
    }
    let errors_guess = malformed_count(guess, bytes);
    if errors_guess == 0 {
        return guess;
    }
    match malformed_count(GB18030, bytes) {
        0 => GB18030,
        n if n < errors_guess => GB18030,
        _ => guess,
    }
}

/// A file needs at least this many well-formed multi-byte UTF-8 sequences
/// to be called UTF-8 with errors.
const UTF8_MIN_SEQUENCES: usize = 3;
/// ... and at most one byte outside UTF-8's shape per this many sequences.
/// Measured: GBK encodings of the 27k corpus lines with two or more
/// non-ASCII characters (and of the 250 corpus documents) have at least one
/// such byte per 4 sequences that happen to be UTF-8-shaped; real UTF-8 with
/// a damaged character has one per hundreds.
const UTF8_SEQUENCES_PER_ERROR: usize = 8;

/// Bytes in the shape of UTF-8 — lead bytes followed by the right number of
/// continuation bytes — with a few exceptions: UTF-8 damaged by a bad
/// conversion (CESU-8 surrogates, overlong forms, a cut character).
fn utf8_with_errors(bytes: &[u8]) -> bool {
    let (mut shaped, mut stray) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let need = match b {
            0x00..=0x7F => {
                i += 1;
                continue;
            }
            0xC0..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF7 => 3,
            _ => 0,
        };
        let cont = bytes
            .get(i + 1..=i + need)
            .is_some_and(|c| need > 0 && c.iter().all(|&x| (0x80..=0xBF).contains(&x)));
        if cont {
            shaped += 1;
            i += need + 1;
        } else {
            stray += 1;
            i += 1;
        }
    }
    shaped >= UTF8_MIN_SEQUENCES && stray * UTF8_SEQUENCES_PER_ERROR <= shaped
}

/// UTF-16 without a BOM, as some Windows tools write it: only considered when
/// the input holds NUL bytes (which rule out every 8-bit reading anyway) and
/// accepted when nearly every decoded character is plausible in a Chinese or
/// English document and the zero bytes come mostly from ASCII characters; the
/// better-scoring byte order wins, LE on a tie.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 != 0 || !bytes.contains(&0) {
        return None;
    }
    let score = |enc: &'static Encoding| {
        let (mut total, mut plausible, mut zero, mut ascii_zero) = (0usize, 0, 0, 0);
        for pair in bytes.chunks_exact(2) {
            let unit = if enc == UTF_16LE {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            };
            // A NUL character is refused after decoding, on its own line.
            total += usize::from(unit != 0);
            if char::from_u32(unit.into()).is_some_and(plausible_char) {
                plausible += 1;
            }
            if pair.contains(&0) {
                zero += 1;
                if (1..0x80).contains(&unit) {
                    ascii_zero += 1;
                }
            }
        }
        (plausible * 100 >= total * 95 && ascii_zero * 2 > zero).then_some(plausible)
    };
    match (score(UTF_16LE), score(UTF_16BE)) {
        (Some(le), Some(be)) if be > le => Some(UTF_16BE),
        (Some(_), _) => Some(UTF_16LE),
        (None, Some(_)) => Some(UTF_16BE),
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

/// Text decoded, and the lines where bytes were replaced.
struct Decoding {
    text: String,
    replaced: Vec<usize>,
}

impl Decoding {
    fn clean(text: String) -> Self {
        Decoding {
            text,
            replaced: Vec::new(),
        }
    }
}

/// Decodes `bytes` in `enc`: strictly (the first malformed sequence is an
/// error), or with `lossy` replacing each malformed sequence by U+FFFD.
fn decode_in(
    enc: &'static Encoding,
    bytes: &[u8],
    lossy: bool,
) -> std::result::Result<Decoding, Malformed> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut replaced = Vec::new();
    let mut lines = LineCounter::default();
    let mut counted = 0;
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => {
                return Ok(Decoding {
                    text: out,
                    replaced,
                })
            }
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
            DecoderResult::Malformed(bad, after) => {
                for &b in &out.as_bytes()[counted..] {
                    lines.feed(b.into());
                }
                counted = out.len();
                if !lossy {
                    let offset = read_total.saturating_sub(bad as usize + after as usize);
                    return Err(Malformed {
                        offset,
                        line: lines.line(),
                    });
                }
                if replaced.last() != Some(&lines.line()) {
                    replaced.push(lines.line());
                }
                out.push('\u{FFFD}');
            }
        }
    }
}

/// How many malformed sequences `bytes` holds in `enc`.
fn malformed_count(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut scratch = String::with_capacity(64 * 1024);
    let (mut n, mut at) = (0, 0);
    loop {
        scratch.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[at..], &mut scratch, true);
        at += read;
        match result {
            DecoderResult::InputEmpty => return n,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => n += 1,
        }
    }
}

/// CRLF and lone CR become LF, in place.
fn normalise_newlines(s: String) -> String {
    if !s.contains('\r') {
        return s;
    }
    let mut b = s.into_bytes();
    let mut w = 0;
    let mut r = 0;
    while r < b.len() {
        let c = b[r];
        r += 1;
        if c == b'\r' {
            b[w] = b'\n';
            if b.get(r) == Some(&b'\n') {
                r += 1;
            }
        } else {
            b[w] = c;
        }
        w += 1;
    }
    b.truncate(w);
    // Only ASCII bytes were replaced or dropped: still UTF-8.
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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

    const ROBUST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/robust/");

    fn robust(name: &str) -> Vec<u8> {
        std::fs::read(format!("{ROBUST}{name}")).unwrap()
    }

    fn lossy(bytes: &[u8]) -> SourceText {
        decode_with("l", bytes, &Options::new(DEFAULT_MAX_BYTES, true)).unwrap()
    }

    #[test]
    fn utf8_with_bad_sequences_is_utf8_with_errors() {
        // CESU-8 surrogates on line 2 of UTF-8 text: not GB18030 mojibake.
        let b = robust("mojibake_cesu_surrogate_utf8_as_gb18030.txt");
        let e = decode("m", &b).unwrap_err().to_string();
        assert_eq!(
            e,
            "m:2: not a text file (byte offset 13 is not valid UTF-8)"
        );
        let s = lossy(&b);
        assert_eq!(s.encoding, "UTF-8");
        assert!(s.text.starts_with("一、总体\n\u{FFFD}"), "{}", s.text);
        assert_eq!(s.replaced_lines, [2]);
        // A late bad byte is reported where it is, in the encoding of the file.
        let b = robust("wrong_error_line_bad_byte_late.txt");
        let e = decode("w", &b).unwrap_err().to_string();
        assert_eq!(
            e,
            "w:45: not a text file (byte offset 10454 is not valid UTF-8)"
        );
        assert_eq!(lossy(&b).replaced_lines, [45]);
        // Real GBK is never taken for damaged UTF-8 (see also
        // `real_documents_in_gbk_and_utf16`), and valid text has no replacements.
        assert_eq!(lossy(&encode(GBK, ZH)).encoding, "GB18030");
        assert!(lossy(ZH.as_bytes()).replaced_lines.is_empty());
    }

    #[test]
    fn lossy_replaces_in_the_detected_encoding() {
        let mut b = encode(GBK, "第一行中文内容\n第二行中文内容\n第三");
        b.push(0xFF);
        b.extend(encode(GBK, "行\n第四行\n"));
        let s = lossy(&b);
        assert_eq!(s.encoding, "GB18030");
        assert_eq!(
            s.text,
            "第一行中文内容\n第二行中文内容\n第三\u{FFFD}行\n第四行\n"
        );
        assert_eq!(s.replaced_lines, [3]);
        let w = replacement_warnings(&s);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].lines, Some([3, 3]));
        assert_eq!(w[0].kind, crate::model::WarningKind::DecodeError);
    }

    #[test]
    fn nul_is_not_utf16_by_accident() {
        let b = robust("nul_file_accepted_as_utf16.txt");
        assert_eq!(b, b"x\0y\n");
        let e = decode("n", &b).unwrap_err().to_string();
        assert_eq!(e, "n:1: not a text file (NUL byte)");
        // Real UTF-16 with a NUL character is refused too, on its line.
        let le: Vec<u8> = "Sec. 1.\n第二行\0\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(line_of(decode("u", &le).unwrap_err()), 2);
    }

    fn read_all(r: impl std::io::Read, max: u64) -> Result<SourceText> {
        read("s", r, None, &Options::new(max, false))
    }

    #[test]
    fn streams_are_checked_while_read() {
        use std::io::Read;
        // Endless NULs, endless line, endless lines: each stops early.
        let e = read_all(std::io::repeat(0), u64::MAX).unwrap_err();
        assert_eq!(e.to_string(), "s:1: not a text file (NUL byte)");
        let e = read_all(std::io::repeat(b'a'), u64::MAX).unwrap_err();
        assert!(matches!(e, Error::LineOverLimit { line: 1, .. }), "{e}");
        let e = read_all(std::io::repeat(b'\n').take(5000), 4096).unwrap_err();
        assert_eq!(
            e.to_string(),
            "s: input is larger than 4096 bytes (see --max-bytes)"
        );
        // A NUL late in CRLF text, on its line.
        let mut b = "正文\r\n".repeat(50_000).into_bytes();
        b.extend_from_slice(b"\0\0");
        let e = read_all(&b[..], u64::MAX).unwrap_err();
        assert_eq!(line_of(e), 50_001);
        // UTF-16 without BOM passes the NUL check, unless a code unit is
        // U+0000; Chinese UTF-16 puts zero bytes at both parities (一 is
        // U+4E00).
        let text = "Sec. 1. Purpose.\n第一条 目的一\n".repeat(5000);
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(read_all(&le[..], u64::MAX).unwrap().text, text);
        let mut bad = le.clone();
        bad.extend_from_slice(&[0, 0]);
        bad.extend_from_slice(&le);
        assert_eq!(line_of(read_all(&bad[..], u64::MAX).unwrap_err()), 10_001);
    }

    #[test]
    fn streaming_read_equals_decode() {
        for b in [
            ZH.as_bytes().to_vec(),
            encode(GBK, ZH),
            b"\xEF\xBB\xBFa\r\nb\rc".to_vec(),
            // Found by the `decode` fuzz target: zero bytes at both
            // parities, but no U+0000, and plausible UTF-16BE (脁g最g).
            b"\x81\x01\x00gg\x00\x00g".to_vec(),
        ] {
            assert_eq!(
                read_all(&b[..], u64::MAX).unwrap(),
                decode("s", &b).unwrap()
            );
        }
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
