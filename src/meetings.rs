//! Meetings: who met whom, where and when, as `spec/meetings.md` defines it.
use crate::dates::TimeExpr;
use crate::reader::Document;
use crate::resolver::Entities;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Happened,
    Planned,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Planned => "planned",
            Status::Cancelled => "cancelled",
        }
    }
}

/// One encounter.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Entity indices, two or more.
    pub participants: Vec<usize>,
    /// Entity index of the place.
    pub place: Option<usize>,
    /// Index into the document's time expressions.
    pub when: Option<usize>,
    pub status: Status,
    /// Byte ranges of the sentences that state it.
    pub evidence: Vec<(usize, usize)>,
}

/// Extract the meetings of a document.
pub fn extract(_doc: &Document, _entities: &Entities, _dates: &[TimeExpr]) -> Vec<Meeting> {
    Vec::new()
}
