//! Numeric targets: the goals a clause states (`建设 20 个…基地`, `达到 90% 以上`).

use crate::model::{Each, Qualifier};

/// A target read from one text, before the pipeline gives it lines, node and
/// an inherited deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDraft {
    /// The number.
    pub value: f64,
    /// Measure word or unit as written.
    pub unit: Option<String>,
    /// How the number bounds the goal.
    pub qualifier: Qualifier,
    /// What is counted.
    pub object: Option<String>,
    /// Per-unit scope.
    pub each: Option<Each>,
    /// Deadline year stated in the same text, if any.
    pub deadline: Option<String>,
    /// Governing verb.
    pub verb: Option<String>,
    /// The clause the target was read from.
    pub text: String,
}

/// Reads the targets stated in one heading or paragraph text.
pub fn extract_targets(text: &str) -> Vec<TargetDraft> {
    let _ = text;
    Vec::new()
}

/// The governing deadline year of a text (`到2025年` → `2025`), which the
/// targets of the node and its descendants inherit.
pub fn deadline_of(text: &str) -> Option<String> {
    let _ = text;
    None
}
