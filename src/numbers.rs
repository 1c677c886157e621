//! Number engine: finds every numeric expression in a string (Arabic, Chinese,
//! mixed, percentages, fractions, ranges, ordinals, years, dates, English).

use crate::model::Qualifier;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a numeric expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A plain whole number.
    Cardinal,
    /// A number with a fractional part.
    Decimal,
    /// `三分之一`, `1/3`.
    Fraction,
    /// `90%`, `百分之九十`, `九成`, `3个百分点`.
    Percent,
    /// `第三`, `third`.
    Ordinal,
    /// `10-20个`, `5至8所`, `三四十万`.
    Range,
    /// A number with a measure word or unit (`20个`, `5公里`).
    Quantity,
    /// An amount of money (`15万元`).
    Money,
    /// A year (`2025年`).
    Year,
    /// A date (`2022年3月1日`).
    Date,
}

/// Bounds of a range or qualified number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Interval {
    /// Lower bound, if any.
    pub min: Option<f64>,
    /// Upper bound, if any.
    pub max: Option<f64>,
}

/// One numeric expression found in a string; the `docsift numbers` wire format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NumberSpan {
    /// The matched text, exactly as in the input.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The plain number; `null` for ranges.
    pub value: Option<f64>,
    /// Measure word or unit (`个`, `%`, `万元`).
    pub unit: Option<String>,
    /// What the expression is.
    pub kind: NumberKind,
    /// A bounding qualifier next to the number.
    pub qualifier: Option<Qualifier>,
    /// Bounds, for ranges and qualified numbers.
    pub interval: Option<Interval>,
    /// Byte range of the match in the input (not serialised).
    #[serde(skip)]
    #[schemars(skip)]
    pub bytes: std::ops::Range<usize>,
}

/// Finds every numeric expression in `text`, in order, without overlaps.
pub fn find_numbers(text: &str) -> Vec<NumberSpan> {
    let _ = text;
    Vec::new()
}

/// The `docsift numbers` output for one input line: `{"spans": [...]}`.
pub fn numbers_line_json(line: &str) -> String {
    serde_json::json!({ "spans": find_numbers(line) }).to_string()
}
