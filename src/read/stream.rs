//! Streaming checks made while the input is read, so that hostile streams
//! (`/dev/zero`, `/dev/urandom`, one endless line) are refused after a few
//! kilobytes, in bounded memory, instead of after the whole stream is held.
//!
//! The checks here only refuse what decoding the whole input would refuse
//! too (so a stream and the same bytes in memory get the same verdict):
//! - two zero bytes at an even offset: a NUL character in every reading
//!   (8-bit, UTF-8, UTF-16 of either byte order, with or without BOM); the
//!   error is that of decoding the bytes read so far, so it names the line
//!   in the encoding they most plausibly are;
//! - a run of bytes with neither LF nor CR longer than twice
//!   [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES) (plus a BOM): no encoding
//!   read here decodes to fewer than half as many UTF-8 bytes (UTF-16 ASCII
//!   is the worst case);
//! - more than the `--max-bytes` cap in all.

use super::Options;
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::io::{ErrorKind, Read};

/// Bytes without LF or CR after which a line is certainly too long once
/// decoded: twice the line limit, plus a BOM's bytes.
const RUN_LIMIT: usize = 2 * super::MAX_LINE_BYTES + 4;

/// Bytes asked of the reader at a time.
const CHUNK_BYTES: usize = 64 * 1024;

/// Counts lines as the decoder will: LF, CR and CRLF each end one line.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct LineCounter {
    breaks: usize,
    prev_cr: bool,
}

impl LineCounter {
    /// The 1-based line of the next unit fed.
    pub(super) fn line(&self) -> usize {
        self.breaks + 1
    }

    /// Feeds one unit (byte or UTF-16 code unit).
    pub(super) fn feed(&mut self, unit: u32) {
        match unit {
            0x0D => self.breaks += 1,
            0x0A if !self.prev_cr => self.breaks += 1,
            _ => {}
        }
        self.prev_cr = unit == 0x0D;
    }
}

/// The state of the checks over the bytes read so far.
#[derive(Default)]
struct Scan {
    /// Bytes since the last LF or CR.
    run: usize,
    /// Line of the run (counted on bytes).
    lines: LineCounter,
    /// Even offset up to which byte pairs were checked for U+0000.
    pairs: usize,
}

impl Scan {
    /// Checks the bytes `buf[from..]` that just arrived.
    fn feed(&mut self, name: &str, buf: &[u8], from: usize, opts: &Options) -> Result<()> {
        for &b in &buf[from..] {
            self.lines.feed(b.into());
            if b == b'\n' || b == b'\r' {
                self.run = 0;
            } else {
                self.run += 1;
                if self.run > RUN_LIMIT {
                    return Err(Error::LineOverLimit {
                        name: name.into(),
                        line: self.lines.line(),
                        limit: super::MAX_LINE_BYTES,
                    });
                }
            }
        }
        while self.pairs + 2 <= buf.len() {
            let at = self.pairs;
            self.pairs += 2;
            if buf[at] == 0 && buf[at + 1] == 0 {
                let prefix = buf[..at + 2].to_vec();
                let sha = super::hex(&Sha256::digest(&prefix));
                return Err(super::decode_owned(name, prefix, sha, opts)
                    .err()
                    .unwrap_or_else(|| Error::NotText {
                        name: name.into(),
                        line: self.lines.line(),
                        detail: "NUL byte".into(),
                    }));
            }
        }
        Ok(())
    }
}

/// Reads `reader` to its end under the checks above. `size_hint` (a file's
/// length) lets the buffer be allocated once.
pub(super) fn read_checked(
    name: &str,
    mut reader: impl Read,
    size_hint: Option<u64>,
    opts: &Options,
) -> Result<(Vec<u8>, String)> {
    let io = |source| Error::Io {
        name: name.into(),
        source,
    };
    if size_hint.is_some_and(|n| n > opts.max_bytes) {
        return Err(Error::TooLarge {
            name: name.into(),
            limit: opts.max_bytes,
        });
    }
    let mut buf: Vec<u8> = Vec::new();
    if let Some(n) = size_hint {
        buf.reserve_exact(usize::try_from(n).unwrap_or(0).saturating_add(1));
    }
    let mut hasher = Sha256::new();
    let mut scan = Scan::default();
    let mut chunk = vec![0u8; CHUNK_BYTES];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if n == 0 {
            break;
        }
        if (buf.len() + n) as u64 > opts.max_bytes {
            return Err(Error::TooLarge {
                name: name.into(),
                limit: opts.max_bytes,
            });
        }
        let from = buf.len();
        buf.extend_from_slice(&chunk[..n]);
        hasher.update(&chunk[..n]);
        scan.feed(name, &buf, from, opts)?;
    }
    Ok((buf, super::hex(&hasher.finalize())))
}
