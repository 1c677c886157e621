//! The library's error type: every failure names the input and, where it
//! applies, the line.

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or written.
    #[error("{name}: {source}")]
    Io {
        /// File name.
        name: String,
        /// Underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input holds no text at all.
    #[error("{name}: file is empty")]
    Empty {
        /// File name.
        name: String,
    },
    /// The input is not text (NUL bytes, control characters, undecodable bytes).
    #[error("{name}:{line}: not a text file ({detail})")]
    NotText {
        /// File name.
        name: String,
        /// 1-based line of the first offending byte.
        line: usize,
        /// What was seen.
        detail: String,
    },
    /// A line is longer than docsift accepts.
    #[error("{name}:{line}: line is {len} bytes long (limit {limit})")]
    LineTooLong {
        /// File name.
        name: String,
        /// 1-based line number.
        line: usize,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// A line was found too long while reading, before decoding (the
    /// stream was not read further).
    #[error("{name}:{line}: line is longer than {limit} bytes")]
    LineOverLimit {
        /// File name.
        name: String,
        /// 1-based line number.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is larger than the size cap (`--max-bytes`).
    #[error("{name}: input is larger than {limit} bytes (see --max-bytes)")]
    TooLarge {
        /// File name.
        name: String,
        /// The cap, in bytes.
        limit: u64,
    },
}

/// Result with docsift's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
