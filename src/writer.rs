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
    ///
    /// Written by hand rather than with `serde_json::to_string`: the output
    /// is mostly keys, small numbers and short strings, where serde's
    /// per-field calls and per-byte escaping were most of the writer's cost.
    /// Here each run of fixed text (punctuation and keys, as in
    /// `,"end":`) is one copy. The bytes are exactly what
    /// `serde_json::to_string` writes for the same record (compact, fields
    /// in declaration order, skipped `None`s, the same string escapes); a
    /// test holds the two together.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(self.size_hint());
        out.extend_from_slice(b"{\"source\":");
        push_str(&mut out, &self.source);
        out.extend_from_slice(b",\"date\":");
        push_opt_str(&mut out, self.date.as_deref());
        if let Some(title) = &self.title {
            out.extend_from_slice(b",\"title\":");
            push_str(&mut out, title);
        }
        if let Some(text) = &self.text {
            out.extend_from_slice(b",\"text\":");
            push_str(&mut out, text);
        }
        out.extend_from_slice(b",\"entities\":");
        push_list(&mut out, &self.entities, |out, e| {
            out.extend_from_slice(b"{\"id\":");
            push_num(out, e.id);
            out.extend_from_slice(b",\"type\":");
            push_str(out, e.kind);
            out.extend_from_slice(b",\"name\":");
            push_str(out, &e.name);
            out.extend_from_slice(b",\"mentions\":");
            push_list(out, &e.mentions, push_span);
            out.push(b'}');
        });
        out.extend_from_slice(b",\"dates\":");
        push_list(&mut out, &self.dates, push_date);
        out.extend_from_slice(b",\"meetings\":");
        push_list(&mut out, &self.meetings, |out, m| {
            out.extend_from_slice(b"{\"participants\":");
            push_list(out, &m.participants, push_participant);
            out.extend_from_slice(b",\"where\":");
            match &m.place {
                Some(p) => push_participant(out, p),
                None => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b",\"when\":");
            match &m.when {
                Some(d) => push_date(out, d),
                None => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b",\"status\":");
            push_str(out, m.status);
            out.extend_from_slice(b",\"evidence\":");
            push_list(out, &m.evidence, push_span);
            out.push(b'}');
        });
        out.push(b'}');
        // only `str`s and ASCII were written
        String::from_utf8(out).expect("JSON made of strings is UTF-8")
    }

    /// A little more than the length of the JSON, so that the buffer is
    /// allocated once.
    fn size_hint(&self) -> usize {
        let span = |s: &SpanOut| 48 + s.text.len();
        let date = |d: &DateOut| 96 + d.text.len() + d.value.as_ref().map_or(0, String::len);
        let entity = |e: &EntityOut| 64 + e.name.len() + e.mentions.iter().map(span).sum::<usize>();
        let meeting = |m: &MeetingOut| {
            128 + m
                .participants
                .iter()
                .map(|p| 32 + p.name.len())
                .sum::<usize>()
                + m.place.as_ref().map_or(0, |p| 32 + p.name.len())
                + m.when.as_ref().map_or(0, date)
                + m.evidence.iter().map(span).sum::<usize>()
        };
        64 + self.source.len()
            + self
                .title
                .as_ref()
                .map_or(0, |t| 16 + t.len() + t.len() / 8)
            + self.text.as_ref().map_or(0, |t| 16 + t.len() + t.len() / 8)
            + self.entities.iter().map(entity).sum::<usize>()
            + self.dates.iter().map(date).sum::<usize>()
            + self.meetings.iter().map(meeting).sum::<usize>()
    }
}

/// `[a,b,...]`, each item written by `f`.
fn push_list<T>(out: &mut Vec<u8>, items: &[T], mut f: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        f(out, x);
    }
    out.push(b']');
}

/// `{"start":..,"end":..,"text":..` (the object left open).
fn push_span_fields(out: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    out.extend_from_slice(b"{\"start\":");
    push_num(out, start);
    out.extend_from_slice(b",\"end\":");
    push_num(out, end);
    out.extend_from_slice(b",\"text\":");
    push_str(out, text);
}

fn push_span(out: &mut Vec<u8>, s: &SpanOut) {
    push_span_fields(out, s.start, s.end, &s.text);
    out.push(b'}');
}

fn push_date(out: &mut Vec<u8>, d: &DateOut) {
    push_span_fields(out, d.start, d.end, &d.text);
    out.extend_from_slice(b",\"value\":");
    push_opt_str(out, d.value.as_deref());
    out.extend_from_slice(b",\"type\":");
    push_str(out, d.kind);
    if let Some(m) = d.modifier {
        out.extend_from_slice(b",\"mod\":");
        push_str(out, m);
    }
    out.push(b'}');
}

fn push_participant(out: &mut Vec<u8>, p: &Participant) {
    out.extend_from_slice(b"{\"entity\":");
    push_num(out, p.entity);
    out.extend_from_slice(b",\"name\":");
    push_str(out, &p.name);
    out.push(b'}');
}

/// A number in decimal, two digits at a time.
fn push_num(out: &mut Vec<u8>, n: usize) {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    while n >= 100 {
        let d = (n % 100) * 2;
        n /= 100;
        i -= 2;
        digits[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    }
    if n >= 10 {
        i -= 2;
        digits[i..i + 2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
    } else {
        i -= 1;
        digits[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&digits[i..]);
}

fn push_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A string, escaped as serde_json escapes it: `"` and `\`, the control
/// characters (short forms for \b \t \n \f \r, `\u00XX` for the others);
/// everything else, non-ASCII included, as it is.
fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    // the common case: nothing to escape, one copy
    let Some(first) = bytes.iter().position(|&b| ESCAPE[b as usize] != 0) else {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    };
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        let esc = ESCAPE[b as usize];
        if esc == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        if esc == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xF) as usize]);
        } else {
            out.push(b'\\');
            out.push(esc);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// How serde_json escapes each byte: 0 = as it is, `u` = `\u00XX`, any other
/// = a backslash and that letter.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

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

    #[test]
    fn numbers_in_decimal() {
        let mut n = 1usize;
        let big = std::iter::from_fn(|| {
            n = n.checked_mul(7)?;
            Some(n)
        });
        for n in (0..2000).chain(big).chain([usize::MAX]) {
            let mut out = Vec::new();
            push_num(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }

    /// Every byte that needs an escape, and some that do not.
    fn awkward() -> String {
        let mut s: String = (0u8..0x80).map(char::from).collect();
        s.push_str("\u{7f}é🙂\u{2028}\u{FEFF}\\\"end");
        s
    }

    fn span(n: usize, text: &str) -> SpanOut {
        SpanOut {
            start: n,
            end: n + 10,
            text: text.to_string(),
        }
    }

    /// `to_json` is written by hand; it must give what serde_json gives for
    /// the derived `Serialize`, on every shape of record.
    #[test]
    fn to_json_is_what_serde_json_writes() {
        let date = |value: Option<&str>, modifier| DateOut {
            start: 0,
            end: 9,
            text: awkward(),
            value: value.map(str::to_string),
            kind: "DATE",
            modifier,
        };
        let who = |entity| Participant {
            entity,
            name: "Kim \"Jong\" Un".to_string(),
        };
        let mut rec = Record {
            source: awkward(),
            date: None,
            title: None,
            text: None,
            entities: vec![],
            dates: vec![],
            meetings: vec![],
        };
        assert_eq!(rec.to_json(), serde_json::to_string(&rec).unwrap());
        rec.date = Some("2023-09-11".to_string());
        rec.title = Some(awkward());
        rec.text = Some(awkward().repeat(3));
        rec.entities = vec![
            EntityOut {
                id: 0,
                kind: "person",
                name: awkward(),
                mentions: vec![span(0, "a"), span(9, ""), span(10, &awkward())],
            },
            EntityOut {
                id: usize::MAX,
                kind: "place",
                name: String::new(),
                mentions: vec![],
            },
        ];
        rec.dates = vec![
            date(Some("2023-09"), Some("APPROX")),
            date(None, None),
            date(Some(""), None),
        ];
        rec.meetings = vec![
            MeetingOut {
                participants: vec![who(0), who(1)],
                place: Some(who(99)),
                when: Some(date(Some("2023-W37"), None)),
                status: "planned",
                evidence: vec![span(12345, "met"), span(99999, &awkward())],
            },
            MeetingOut {
                participants: vec![],
                place: None,
                when: None,
                status: "reported",
                evidence: vec![],
            },
        ];
        assert_eq!(rec.to_json(), serde_json::to_string(&rec).unwrap());
        for text in [
            "Kim Jong Un met Vladimir Putin in Vladivostok on Sept. 13, 2023.",
            "\u{FEFF}Zoë met José\u{301} in Zürich 🙂 on Monday.\r\nShe said \"yes\\no\".\t",
        ] {
            let rec = crate::process("s", text, &crate::Options::default());
            assert_eq!(rec.to_json(), serde_json::to_string(&rec).unwrap());
        }
    }
}
