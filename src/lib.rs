//! docsift reads a noisy policy document (scanner, OCR or PDF-to-Markdown
//! output) and returns a clean, structured hierarchy with its numeric targets
//! and an audit trail of every decision.
//!
//! ```
//! let text = "二、主要任务\n\n（一）建设基地。建设 20 个实训基地。\n\nwww.example-journal.com\n";
//! let doc = docsift::run("notice.md", text.as_bytes()).unwrap();
//! let section = &doc.sections[0].children[0];
//! assert_eq!(section.id, "2.1");
//! assert_eq!(section.title.as_deref(), Some("建设基地"));
//! // Nothing is dropped silently: the URL is in the audit trail with its line.
//! assert_eq!(doc.removed[0].lines, [5, 5]);
//! println!("{}", docsift::emit::to_json(&doc));
//! ```
//!
//! The modules follow the pipeline, data flowing one way:
//! [`read`] (bytes → text) → [`segment`] (lines) → [`clean`] (noise) →
//! [`metadata`] → [`join`] (paragraphs) → [`dedup`] → [`damage`] (flags) →
//! [`structure`] (hierarchy, using [`markers`]) → [`targets`] (using
//! [`numbers`]) → [`emit`]. [`pipeline`] wires them; [`model`] is the wire
//! format; [`batch`] cleans many documents at once (directory trees, JSON
//! Lines streams) with a summary. The evaluation on labelled cases is a
//! crate of its own (`docsift-eval`, in `eval/`).
#![deny(missing_docs)]

// Data model, errors, shared text classes and vocabulary.
pub mod error;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod text;
pub mod pattern;

// Stages, in pipeline order.
pub mod read;
pub mod segment;
pub mod clean;
pub mod metadata;
pub mod join;
pub mod block;
pub mod dedup;
pub mod damage;
pub mod markers;
pub mod parts;
pub mod structure;
pub mod numbers;
pub mod targets;
pub mod offsets;
pub mod responsible;
pub mod emit;

// Wiring.
pub mod pipeline;

// Many documents at once.
pub mod batch;

// The archivist's tools: decisions, the review page, comparing versions.
pub mod decisions;
pub mod diff;
pub mod review;

pub use error::{Error, Result};
pub use model::{Document, Node, Paragraph, Removed, Target, Warning};
pub use pipeline::{process, run};
