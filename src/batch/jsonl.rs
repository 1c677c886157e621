//! JSON Lines in, JSON Lines out: the mapper contract of Spark `RDD.pipe`,
//! Hadoop Streaming and GNU parallel.
//!
//! Each input line is a record `{"id": …, "text": "…"}` (the document's
//! text) or `{"id": …, "path": "…"}` (a file to read, relative to the
//! working directory); other fields are ignored and blank lines skipped. Each
//! record gives one output line, in input order:
//!
//! - `{"id": …, "document": {…}}` — the document `docsift clean` gives, as
//!   compact JSON; `id` is the record's, as written (string or number);
//!   `source.name` is the id for a text record (a string id as is, another
//!   JSON value in its JSON form) and the path for a path record;
//! - `{"id": …, "line": N, "error": "…"}` — the record could not be cleaned
//!   (invalid JSON, no `id`, neither or both of `text` and `path`, an
//!   unreadable path, text that is not text); `id` is `null` when the record
//!   has none, `line` is its 1-based line in the input.
//!
//! Records are read in windows (a bounded count and size), cleaned in
//! parallel and written in order, so memory stays bounded whatever the
//! length of the stream. A record line may be at most 6 × the size cap
//! plus 64 KiB long (JSON escapes take up to 6 bytes per byte of text).

use super::{document, pool, Error, Progress, Settings, Stats, Summary};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, Write};
use std::time::Instant;

/// Records cleaned together, per worker thread.
const RECORDS_PER_WORKER: usize = 16;

/// A window is closed once its records hold this many bytes.
const WINDOW_BYTES: usize = 32 << 20;

/// One input line.
enum Line {
    /// A record's bytes (newline removed) and its 1-based line.
    Record(Vec<u8>, usize),
    /// A line over the limit (not kept) and its 1-based line.
    TooLong(usize, usize),
}

/// Cleans every record of `input` and writes one line per record to `out`,
/// in input order. Errors only when reading the input or writing the
/// output fails; a bad record is an error record and the stream goes on.
pub fn run(
    mut input: impl BufRead,
    out: &mut impl Write,
    settings: &Settings,
    progress: &Progress,
) -> Result<Summary, Error> {
    let start = Instant::now();
    let workers = super::worker_count(settings.jobs, usize::MAX);
    let pool = pool(Some(workers), workers)?;
    let limit = line_limit(settings.read.max_bytes);
    let mut summary = Summary::default();
    let mut line_no = 0;
    let mut window = Vec::new();
    loop {
        let more = fill(&mut input, &mut window, workers, limit, &mut line_no)?;
        let results: Vec<Answer> = pool.install(|| {
            window
                .par_iter()
                .map(|line| {
                    let r = clean_line(line, settings);
                    progress.advance(r.1.as_ref().map_or(0, |s| s.bytes));
                    r
                })
                .collect()
        });
        window.clear();
        for (bytes, r) in results {
            out.write_all(&bytes)
                .and_then(|()| out.write_all(b"\n"))
                .map_err(stdout_error)?;
            match r {
                Ok(stats) => summary.add(&stats),
                Err((name, reason)) => summary.fail(name, reason),
            }
        }
        // A window's answers go out at once: a consumer waiting for them
        // (a pipe, a mapper's reader) gets them before the next window.
        out.flush().map_err(stdout_error)?;
        if !more {
            break;
        }
    }
    progress.finish();
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn stdout_error(source: std::io::Error) -> Error {
    Error::Io {
        name: "<stdout>".into(),
        source,
    }
}

/// The longest record line read for a size cap of `max_bytes`.
fn line_limit(max_bytes: u64) -> usize {
    usize::try_from(max_bytes.saturating_mul(6).saturating_add(64 << 10)).unwrap_or(usize::MAX)
}

/// Reads lines into `window` until it holds `workers ×`
/// [`RECORDS_PER_WORKER`] records or [`WINDOW_BYTES`]; false at the end of
/// the input.
fn fill(
    input: &mut impl BufRead,
    window: &mut Vec<Line>,
    workers: usize,
    limit: usize,
    line_no: &mut usize,
) -> Result<bool, Error> {
    let mut held = 0;
    while window.len() < workers * RECORDS_PER_WORKER && held < WINDOW_BYTES {
        let mut buf = Vec::new();
        let read = read_line(input, &mut buf, limit).map_err(|source| Error::Io {
            name: "JSON Lines input".into(),
            source,
        })?;
        let Some(complete) = read else {
            return Ok(false);
        };
        *line_no += 1;
        if !complete {
            window.push(Line::TooLong(*line_no, limit));
        } else if !buf.iter().all(u8::is_ascii_whitespace) {
            held += buf.len();
            window.push(Line::Record(buf, *line_no));
        }
    }
    Ok(true)
}

/// Reads one line into `buf` (newline and CR removed): `None` at the end of
/// the input, `Some(false)` when the line is longer than `limit` (the rest
/// of it is skipped, `buf` is cleared).
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<bool>> {
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let n = std::io::Read::take(&mut *input, cap).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(Some(true));
    }
    if buf.len() <= limit {
        return Ok(Some(true)); // the last line, without a newline
    }
    buf.clear();
    buf.shrink_to_fit();
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(Some(false));
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(Some(false));
            }
            None => {
                let len = chunk.len();
                input.consume(len);
            }
        }
    }
}

/// The output line of one input line, and its figures or its failure
/// (name, reason) for the summary.
type Answer = (Vec<u8>, Result<Stats, (String, String)>);

/// The output line of one input line, and its figures or its failure.
fn clean_line(line: &Line, settings: &Settings) -> Answer {
    let (id, outcome, line_no) = match line {
        Line::TooLong(n, limit) => (
            Value::Null,
            Err(format!("record is longer than {limit} bytes")),
            *n,
        ),
        Line::Record(bytes, n) => {
            let (id, outcome) = clean_record(bytes, settings);
            (id, outcome, *n)
        }
    };
    match outcome {
        Ok(doc) => {
            let stats = Stats::of(&doc);
            let record = Cleaned {
                id: &id,
                document: &doc,
            };
            (to_line(&record), Ok(stats))
        }
        Err(error) => {
            let record = Failed {
                id: &id,
                line: line_no,
                error: &error,
            };
            let name = match &id {
                Value::Null => format!("line {line_no}"),
                id => format!("line {line_no} (id {id})"),
            };
            (to_line(&record), Err((name, error)))
        }
    }
}

/// An output record for a cleaned document (fields in this order).
#[derive(serde::Serialize)]
struct Cleaned<'a> {
    id: &'a Value,
    document: &'a crate::Document,
}

/// An error record.
#[derive(serde::Serialize)]
struct Failed<'a> {
    id: &'a Value,
    line: usize,
    error: &'a str,
}

/// Compact JSON of an output record.
fn to_line(record: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(record).unwrap_or_else(|e| {
        // Only a map with non-string keys fails, and the model has none.
        format!("{{\"id\":null,\"error\":\"cannot write the record: {e}\"}}").into_bytes()
    })
}

/// The record's id (`null` when it has none) and its document or the reason
/// it has none.
fn clean_record(bytes: &[u8], settings: &Settings) -> (Value, Result<crate::Document, String>) {
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return (Value::Null, Err(format!("invalid JSON: {e}"))),
    };
    let Value::Object(mut record) = value else {
        return (Value::Null, Err("a record is a JSON object".into()));
    };
    let id = record.remove("id").unwrap_or(Value::Null);
    if id.is_null() {
        return (id, Err("record has no \"id\"".into()));
    }
    let name = match &id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let opts = &settings.read;
    let doc = match (record.remove("text"), record.remove("path")) {
        (Some(Value::String(text)), None) => {
            if text.len() as u64 > opts.max_bytes {
                Err(crate::Error::TooLarge {
                    name,
                    limit: opts.max_bytes,
                })
            } else {
                crate::read::decode_with(&name, text.as_bytes(), opts).map(|src| document(&src))
            }
        }
        (None, Some(Value::String(path))) => super::clean_file(path.as_ref(), opts),
        (Some(_), Some(_)) => return (id, Err("record has both \"text\" and \"path\"".into())),
        (None, None) => return (id, Err("record has neither \"text\" nor \"path\"".into())),
        _ => return (id, Err("\"text\" and \"path\" must be strings".into())),
    };
    (id, doc.map_err(|e| e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_to_their_end() {
        let mut input = std::io::Cursor::new(b"0123456789\nabc\n0123".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Some(false));
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"abc");
        buf.clear();
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"0123");
        buf.clear();
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), None);
    }
}
