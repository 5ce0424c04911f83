//! Dates: finds time expressions and normalises them to TIMEX3 values.
use crate::reader::Document;
use jiff::civil::Date;

/// TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One time expression: byte offsets into the text, its type, its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    /// TIMEX3 value ("2019-04", "FUTURE_REF"); `None` when it cannot be resolved.
    pub value: Option<String>,
    /// TIMEX3 mod: "START", "MID", "END", "APPROX", ...
    pub modifier: Option<&'static str>,
}

/// Find and normalise the time expressions of a document.
pub fn tag(_doc: &Document, _anchor: Option<Date>) -> Vec<TimeExpr> {
    Vec::new()
}

/// The article's own date, from a dateline in its first lines.
pub fn article_date(_doc: &Document) -> Option<Date> {
    None
}
