//! Streaming checks made while the input is read, so that hostile streams
//! (`/dev/zero`, `/dev/urandom`, one endless line) are refused after a few
//! kilobytes, in bounded memory, instead of after the whole stream is held.
//!
//! The checks here only refuse what decoding would refuse anyway:
//! - a NUL byte in a stream that does not have the shape of UTF-16 (a BOM, or
//!   NUL bytes nearly all at one parity in the first [`PROBE_BYTES`]); in
//!   UTF-16, a code unit U+0000;
//! - a run of bytes with neither LF nor CR longer than twice
//!   [`MAX_LINE_BYTES`](super::MAX_LINE_BYTES): no encoding read here decodes
//!   to fewer than half as many UTF-8 bytes (UTF-16 ASCII is the worst case);
//! - more than the `--max-bytes` cap in all.

use super::Options;
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::io::{ErrorKind, Read};

/// Bytes looked at to decide whether a stream may be UTF-16 without a BOM.
pub const PROBE_BYTES: usize = 64 * 1024;
/// Bytes asked of the reader at a time.
const CHUNK_BYTES: usize = 64 * 1024;
/// Share of NUL bytes, in percent, that must sit at one parity for a stream
/// without BOM to be read as UTF-16 (ASCII in UTF-16 puts every zero byte at
/// one parity; random bytes put half at each).
const UTF16_NUL_PARITY_PERCENT: usize = 90;

/// How the NUL check reads the stream.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// Not decided until [`PROBE_BYTES`] have arrived or the stream ends.
    Undecided,
    /// An 8-bit or multi-byte ASCII-compatible encoding: every NUL byte is a NUL.
    Bytes,
    /// UTF-16 in this byte order (little-endian when true).
    Utf16 { le: bool },
}

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
struct Scan {
    mode: Mode,
    /// Bytes already checked in the current mode.
    checked: usize,
    lines: LineCounter,
    /// Bytes since the last LF or CR.
    run: usize,
    /// Total line breaks seen by the run check (its own line count).
    run_lines: LineCounter,
}

impl Scan {
    fn new() -> Self {
        Scan {
            mode: Mode::Undecided,
            checked: 0,
            lines: LineCounter::default(),
            run: 0,
            run_lines: LineCounter::default(),
        }
    }

    /// Checks the bytes `buf[from..]` that just arrived; `eof` when the
    /// stream has ended.
    fn feed(&mut self, name: &str, buf: &[u8], from: usize, eof: bool) -> Result<()> {
        for &b in &buf[from..] {
            self.run_lines.feed(b.into());
            if b == b'\n' || b == b'\r' {
                self.run = 0;
            } else {
                self.run += 1;
                if self.run > 2 * super::MAX_LINE_BYTES {
                    return Err(Error::LineOverLimit {
                        name: name.into(),
                        line: self.run_lines.line(),
                        limit: super::MAX_LINE_BYTES,
                    });
                }
            }
        }
        if self.mode == Mode::Undecided {
            if buf.len() < PROBE_BYTES && !eof {
                return Ok(());
            }
            self.mode = decide(&buf[..buf.len().min(PROBE_BYTES)]);
        }
        self.check_nul(name, buf)
    }

    fn check_nul(&mut self, name: &str, buf: &[u8]) -> Result<()> {
        let nul = |line| Error::NotText {
            name: name.into(),
            line,
            detail: "NUL byte".into(),
        };
        match self.mode {
            Mode::Undecided => {}
            Mode::Bytes => {
                for &b in &buf[self.checked..] {
                    if b == 0 {
                        return Err(nul(self.lines.line()));
                    }
                    self.lines.feed(b.into());
                }
                self.checked = buf.len();
            }
            Mode::Utf16 { le } => {
                let end = self.checked + (buf.len() - self.checked) / 2 * 2;
                for pair in buf[self.checked..end].chunks_exact(2) {
                    let unit = if le {
                        u16::from_le_bytes([pair[0], pair[1]])
                    } else {
                        u16::from_be_bytes([pair[0], pair[1]])
                    };
                    if unit == 0 {
                        return Err(nul(self.lines.line()));
                    }
                    self.lines.feed(unit.into());
                }
                self.checked = end;
            }
        }
        Ok(())
    }
}

/// The NUL-check mode from the first bytes of the stream.
fn decide(probe: &[u8]) -> Mode {
    match probe {
        [0xFF, 0xFE, ..] => return Mode::Utf16 { le: true },
        [0xFE, 0xFF, ..] => return Mode::Utf16 { le: false },
        _ => {}
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in probe.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let total = even + odd;
    if total == 0 {
        Mode::Bytes
    } else if odd * 100 >= total * UTF16_NUL_PARITY_PERCENT {
        // `a\0` — the zero high byte of ASCII comes second: little-endian.
        Mode::Utf16 { le: true }
    } else if even * 100 >= total * UTF16_NUL_PARITY_PERCENT {
        Mode::Utf16 { le: false }
    } else {
        Mode::Bytes
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
    let mut scan = Scan::new();
    let mut chunk = vec![0u8; CHUNK_BYTES];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if n == 0 {
            scan.feed(name, &buf, buf.len(), true)?;
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
        scan.feed(name, &buf, from, false)?;
    }
    Ok((buf, super::hex(&hasher.finalize())))
}
