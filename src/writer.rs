//! Writer: the JSON record of one article, exactly as `spec/output.md` sets it.
//!
//! Internally every stage uses byte offsets; here they become code-point
//! offsets, the unit the output contract uses.

use crate::Analysis;
use serde::Serialize;

/// The output record for one article.
#[derive(Debug, Serialize)]
pub struct Record {
    pub source: String,
    pub date: Option<String>,
    /// The page title, for articles read from HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article text all offsets refer to: always for HTML input (it is
    /// the extracted text), for plain text with `--with-text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub entities: Vec<EntityOut>,
    pub dates: Vec<DateOut>,
    pub meetings: Vec<MeetingOut>,
}

#[derive(Debug, Serialize)]
pub struct EntityOut {
    pub id: usize,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    pub mentions: Vec<SpanOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Participant {
    pub entity: usize,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct MeetingOut {
    pub participants: Vec<Participant>,
    #[serde(rename = "where")]
    pub place: Option<Participant>,
    pub when: Option<DateOut>,
    pub status: &'static str,
    pub evidence: Vec<SpanOut>,
}

/// Converts byte offsets to code-point offsets in amortised O(1).
///
/// A checkpoint every 64 bytes holds the code-point count up to there; the
/// rest is counted from the checkpoint. Pure ASCII text needs no table.
pub struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<usize>,
}

const STRIDE: usize = 64;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(text.len() / STRIDE + 1);
            let bytes = text.as_bytes();
            let mut count = 0;
            for (i, &b) in bytes.iter().enumerate() {
                if i % STRIDE == 0 {
                    checkpoints.push(count);
                }
                // count every byte that starts a code point
                if (b as i8) >= -0x40 {
                    count += 1;
                }
            }
        }
        CharIndex {
            text,
            ascii,
            checkpoints,
        }
    }

    /// Code-point offset of a byte offset (which must be a char boundary).
    pub fn chars(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / STRIDE;
        let base = block * STRIDE;
        let Some(&count) = self.checkpoints.get(block) else {
            return self.text.chars().count();
        };
        count
            + self.text.as_bytes()[base..byte]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count()
    }

    pub fn span(&self, start: usize, end: usize) -> SpanOut {
        SpanOut {
            start: self.chars(start),
            end: self.chars(end),
            text: self.text[start..end].to_string(),
        }
    }
}

impl Record {
    /// Build the record of an analysed article.
    pub fn new(source: &str, a: &Analysis) -> Record {
        let ci = CharIndex::new(a.doc.text);
        let date_out = |t: &crate::dates::TimeExpr| {
            let s = ci.span(t.start, t.end);
            DateOut {
                start: s.start,
                end: s.end,
                text: s.text,
                value: t.value.clone(),
                kind: t.kind.as_str(),
                modifier: t.modifier,
            }
        };
        let entities: Vec<EntityOut> = a
            .entities
            .list
            .iter()
            .enumerate()
            .map(|(id, e)| EntityOut {
                id,
                kind: e.kind.as_str(),
                name: e.name.clone(),
                mentions: e.mentions.iter().map(|&(s, t)| ci.span(s, t)).collect(),
            })
            .collect();
        let meetings = a
            .meetings
            .iter()
            .map(|m| MeetingOut {
                participants: m
                    .participants
                    .iter()
                    .map(|&p| Participant {
                        entity: p,
                        name: a.entities.list[p].name.clone(),
                    })
                    .collect(),
                place: m.place.map(|p| Participant {
                    entity: p,
                    name: a.entities.list[p].name.clone(),
                }),
                when: m.when.map(|d| {
                    let mut out = date_out(&a.dates[d]);
                    if let Some((s, e)) = m.when_span {
                        let span = ci.span(s, e);
                        out.start = span.start;
                        out.end = span.end;
                        out.text = span.text;
                    }
                    if let Some(v) = &m.when_value {
                        out.value = Some(v.clone());
                    }
                    out
                }),
                status: m.status.as_str(),
                evidence: m.evidence.iter().map(|&(s, e)| ci.span(s, e)).collect(),
            })
            .collect();
        Record {
            source: source.to_string(),
            date: a.date.map(|d| d.to_string()),
            title: None,
            text: None,
            entities,
            dates: a.dates.iter().map(date_out).collect(),
            meetings,
        }
    }

    /// One line of JSON, without the line break.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a record always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points() {
        let text = "é🙂a".repeat(50);
        let ci = CharIndex::new(&text);
        for (n, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(ci.chars(b), n);
        }
        assert_eq!(ci.chars(text.len()), text.chars().count());
    }
}
