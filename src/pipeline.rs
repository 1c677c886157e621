//! The pipeline: read → segment → clean → dedup → structure → targets → emit.

use crate::error::Result;
use crate::model::{Document, Metadata, Source, SCHEMA};
use crate::read::{decode, SourceText};

/// Runs the whole pipeline on raw input bytes named `name`.
pub fn run(name: &str, bytes: &[u8]) -> Result<Document> {
    Ok(process(&decode(name, bytes)?))
}

/// Runs the pipeline on decoded text.
pub fn process(src: &SourceText) -> Document {
    Document {
        schema: SCHEMA.into(),
        source: Source {
            name: src.name.clone(),
            bytes: src.bytes,
            sha256: src.sha256.clone(),
            encoding: src.encoding.clone(),
            lines: src.text.lines().count(),
        },
        metadata: Metadata::default(),
        preamble: Vec::new(),
        sections: Vec::new(),
        targets: Vec::new(),
        removed: Vec::new(),
        warnings: Vec::new(),
    }
}
