//! Writer: the JSON record of one article, exactly as `spec/output.md` sets it.
//!
//! Internally every stage uses byte offsets; here they become code-point
//! offsets, the unit the output contract uses.

use crate::json_bytes::first_special;
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
        self.span_ref(start, end).to_owned()
    }

    /// [`CharIndex::span`] borrowing its text.
    fn span_ref(&self, start: usize, end: usize) -> SpanRef<'a> {
        SpanRef {
            start: self.chars(start),
            end: self.chars(end),
            text: &self.text[start..end],
        }
    }
}

/// A [`SpanOut`] that borrows its text: what the JSON writer reads.
#[derive(Clone, Copy)]
struct SpanRef<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl SpanRef<'_> {
    fn to_owned(self) -> SpanOut {
        SpanOut {
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
        }
    }
}

impl SpanOut {
    fn as_ref(&self) -> SpanRef<'_> {
        SpanRef {
            start: self.start,
            end: self.end,
            text: &self.text,
        }
    }
}

impl Participant {
    /// Its entity and name, as the writer reads them.
    fn as_ref(&self) -> (usize, &str) {
        (self.entity, &self.name)
    }
}

/// A [`DateOut`] that borrows its strings.
#[derive(Clone, Copy)]
struct DateRef<'a> {
    span: SpanRef<'a>,
    value: Option<&'a str>,
    kind: &'static str,
    modifier: Option<&'static str>,
}

impl DateRef<'_> {
    fn to_owned(self) -> DateOut {
        DateOut {
            start: self.span.start,
            end: self.span.end,
            text: self.span.text.to_string(),
            value: self.value.map(str::to_string),
            kind: self.kind,
            modifier: self.modifier,
        }
    }
}

impl DateOut {
    fn as_ref(&self) -> DateRef<'_> {
        DateRef {
            span: SpanRef {
                start: self.start,
                end: self.end,
                text: &self.text,
            },
            value: self.value.as_deref(),
            kind: self.kind,
            modifier: self.modifier,
        }
    }
}

/// How the analysis becomes the record's values, shared by [`Record::new`]
/// and [`json`] so that the two cannot disagree.
struct Outline<'x, 'a> {
    a: &'x Analysis<'a>,
    ci: CharIndex<'a>,
}

impl<'x, 'a> Outline<'x, 'a> {
    fn new(a: &'x Analysis<'a>) -> Self {
        Outline {
            a,
            ci: CharIndex::new(a.doc.text),
        }
    }

    fn date(&self, t: &'x crate::dates::TimeExpr) -> DateRef<'x> {
        DateRef {
            span: self.ci.span_ref(t.start, t.end),
            value: t.value.as_deref(),
            kind: t.kind.as_str(),
            modifier: t.modifier,
        }
    }

    /// The time of a meeting: its expression, with the meeting's own span
    /// and value where it has them.
    fn when(&self, m: &'x crate::meetings::Meeting) -> Option<DateRef<'x>> {
        let mut out = self.date(&self.a.dates[m.when?]);
        if let Some((s, e)) = m.when_span {
            out.span = self.ci.span_ref(s, e);
        }
        if let Some(v) = &m.when_value {
            out.value = Some(v);
        }
        Some(out)
    }

    /// Entity `p` as a meeting's participant or place.
    fn party(&self, p: usize) -> (usize, &'x str) {
        (p, &self.a.entities.list[p].name)
    }
}

impl Record {
    /// Build the record of an analysed article.
    pub fn new(source: &str, a: &Analysis) -> Record {
        let o = Outline::new(a);
        let participant = |p| {
            let (entity, name) = o.party(p);
            Participant {
                entity,
                name: name.to_string(),
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
                name: e.name.to_string(),
                mentions: e.mentions.iter().map(|&(s, t)| o.ci.span(s, t)).collect(),
            })
            .collect();
        let meetings = a
            .meetings
            .iter()
            .map(|m| MeetingOut {
                participants: m.participants.iter().map(|&p| participant(p)).collect(),
                place: m.place.map(participant),
                when: o.when(m).map(DateRef::to_owned),
                status: m.status.as_str(),
                evidence: m.evidence.iter().map(|&(s, e)| o.ci.span(s, e)).collect(),
            })
            .collect();
        Record {
            source: source.to_string(),
            date: a.date.map(|d| d.to_string()),
            title: None,
            text: None,
            entities,
            dates: a.dates.iter().map(|t| o.date(t).to_owned()).collect(),
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
        let mut out = String::with_capacity(self.size_hint());
        push_record(
            &mut out,
            Head {
                source: &self.source,
                date: self.date.as_deref(),
                title: self.title.as_deref(),
                text: self.text.as_deref(),
            },
            self.entities.iter().map(|e| EntityRef {
                id: e.id,
                kind: e.kind,
                name: &e.name,
                mentions: e.mentions.iter().map(SpanOut::as_ref),
            }),
            self.dates.iter().map(DateOut::as_ref),
            self.meetings.iter().map(|m| MeetingRef {
                participants: m.participants.iter().map(Participant::as_ref),
                place: m.place.as_ref().map(Participant::as_ref),
                when: m.when.as_ref().map(DateOut::as_ref),
                status: m.status,
                evidence: m.evidence.iter().map(SpanOut::as_ref),
            }),
        );
        out
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

/// The JSON line of an analysed article: the same bytes as
/// `Record::new(source, a)` with `title` and `text` set, then
/// [`Record::to_json`], but written straight from the analysis. The batch
/// driver writes every record this way: building the [`Record`] first
/// copied every mention's text and every name into a `String` of its own,
/// only to write and drop them.
pub fn json(source: &str, a: &Analysis, title: Option<&str>, text: Option<&str>) -> String {
    let o = Outline::new(a);
    let list = &a.entities.list;
    let mut out = String::with_capacity(json_size_hint(source, a, title, text));
    let date = a.date.map(iso_date);
    push_record(
        &mut out,
        Head {
            source,
            date: date.as_deref(),
            title,
            text,
        },
        list.iter().enumerate().map(|(id, e)| EntityRef {
            id,
            kind: e.kind.as_str(),
            name: &e.name,
            mentions: e.mentions.iter().map(|&(s, t)| o.ci.span_ref(s, t)),
        }),
        a.dates.iter().map(|t| o.date(t)),
        a.meetings.iter().map(|m| MeetingRef {
            participants: m.participants.iter().map(|&p| o.party(p)),
            place: m.place.map(|p| o.party(p)),
            when: o.when(m),
            status: m.status.as_str(),
            evidence: m.evidence.iter().map(|&(s, e)| o.ci.span_ref(s, e)),
        }),
    );
    out
}

/// A date as its `to_string` writes it (`2024-01-05`); a year of four
/// digits (any article's) without the formatting machinery.
fn iso_date(d: crate::Date) -> String {
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return d.to_string();
    }
    let mut s = String::with_capacity(10);
    let two = |s: &mut String, n: usize| {
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    };
    two(&mut s, year as usize / 100);
    two(&mut s, year as usize % 100);
    s.push('-');
    two(&mut s, d.month() as usize);
    s.push('-');
    two(&mut s, d.day() as usize);
    s
}

/// [`Record::size_hint`] for [`json`]: a little more than the length of
/// the JSON, from the byte lengths of the texts it will hold.
fn json_size_hint(source: &str, a: &Analysis, title: Option<&str>, text: Option<&str>) -> usize {
    let span = |&(s, e): &(usize, usize)| 48 + (e - s);
    let long = |t: Option<&str>| t.map_or(0, |t| 16 + t.len() + t.len() / 8);
    let names = &a.entities.list;
    let date = |t: &crate::dates::TimeExpr| {
        96 + (t.end - t.start) + t.value.as_ref().map_or(0, String::len)
    };
    let meeting = |m: &crate::meetings::Meeting| {
        128 + m
            .participants
            .iter()
            .chain(&m.place)
            .map(|&p| 32 + names[p].name.len())
            .sum::<usize>()
            + m.when.map_or(0, |d| {
                date(&a.dates[d])
                    + m.when_span.as_ref().map_or(0, span)
                    + m.when_value.as_ref().map_or(0, String::len)
            })
            + m.evidence.iter().map(span).sum::<usize>()
    };
    64 + source.len()
        + long(title)
        + long(text)
        + names
            .iter()
            .map(|e| 64 + e.name.len() + e.mentions.iter().map(span).sum::<usize>())
            .sum::<usize>()
        + a.dates.iter().map(date).sum::<usize>()
        + a.meetings.iter().map(meeting).sum::<usize>()
}

/// The fields of a record ahead of its lists.
struct Head<'r> {
    source: &'r str,
    date: Option<&'r str>,
    title: Option<&'r str>,
    text: Option<&'r str>,
}

/// An [`EntityOut`] as the writer reads it.
struct EntityRef<'r, M> {
    id: usize,
    kind: &'static str,
    name: &'r str,
    mentions: M,
}

/// A [`MeetingOut`] as the writer reads it; a participant or place is
/// its entity and name.
struct MeetingRef<'r, P, E> {
    participants: P,
    place: Option<(usize, &'r str)>,
    when: Option<DateRef<'r>>,
    status: &'static str,
    evidence: E,
}

/// The whole record: the one place that sets out its JSON, for both
/// [`Record::to_json`] and [`json`].
fn push_record<'r, M, P, E>(
    out: &mut String,
    head: Head<'r>,
    entities: impl Iterator<Item = EntityRef<'r, M>>,
    dates: impl Iterator<Item = DateRef<'r>>,
    meetings: impl Iterator<Item = MeetingRef<'r, P, E>>,
) where
    M: Iterator<Item = SpanRef<'r>>,
    P: Iterator<Item = (usize, &'r str)>,
    E: Iterator<Item = SpanRef<'r>>,
{
    out.push_str("{\"source\":");
    push_str(out, head.source);
    out.push_str(",\"date\":");
    push_opt_str(out, head.date);
    if let Some(title) = head.title {
        out.push_str(",\"title\":");
        push_str(out, title);
    }
    if let Some(text) = head.text {
        out.push_str(",\"text\":");
        push_str(out, text);
    }
    out.push_str(",\"entities\":");
    push_list(out, entities, |out, e| {
        out.push_str("{\"id\":");
        push_num(out, e.id);
        out.push_str(",\"type\":");
        push_str(out, e.kind);
        out.push_str(",\"name\":");
        push_str(out, e.name);
        out.push_str(",\"mentions\":");
        push_list(out, e.mentions, push_span);
        out.push('}');
    });
    out.push_str(",\"dates\":");
    push_list(out, dates, push_date);
    out.push_str(",\"meetings\":");
    push_list(out, meetings, |out, m| {
        out.push_str("{\"participants\":");
        push_list(out, m.participants, push_participant);
        out.push_str(",\"where\":");
        match m.place {
            Some(p) => push_participant(out, p),
            None => out.push_str("null"),
        }
        out.push_str(",\"when\":");
        match m.when {
            Some(d) => push_date(out, d),
            None => out.push_str("null"),
        }
        out.push_str(",\"status\":");
        push_str(out, m.status);
        out.push_str(",\"evidence\":");
        push_list(out, m.evidence, push_span);
        out.push('}');
    });
    out.push('}');
}

/// `[a,b,...]`, each item written by `f`.
fn push_list<T>(
    out: &mut String,
    items: impl Iterator<Item = T>,
    mut f: impl FnMut(&mut String, T),
) {
    out.push('[');
    for (i, x) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        f(out, x);
    }
    out.push(']');
}

/// `{"start":..,"end":..,"text":..` (the object left open).
fn push_span_fields(out: &mut String, s: SpanRef) {
    out.push_str("{\"start\":");
    push_num(out, s.start);
    out.push_str(",\"end\":");
    push_num(out, s.end);
    out.push_str(",\"text\":");
    push_str(out, s.text);
}

fn push_span(out: &mut String, s: SpanRef) {
    push_span_fields(out, s);
    out.push('}');
}

fn push_date(out: &mut String, d: DateRef) {
    push_span_fields(out, d.span);
    out.push_str(",\"value\":");
    push_opt_str(out, d.value);
    out.push_str(",\"type\":");
    push_str(out, d.kind);
    if let Some(m) = d.modifier {
        out.push_str(",\"mod\":");
        push_str(out, m);
    }
    out.push('}');
}

fn push_participant(out: &mut String, (entity, name): (usize, &str)) {
    out.push_str("{\"entity\":");
    push_num(out, entity);
    out.push_str(",\"name\":");
    push_str(out, name);
    out.push('}');
}

/// A number in decimal, two digits at a time.
fn push_num(out: &mut String, n: usize) {
    const PAIRS: &str = "0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let pair = |k: usize| &PAIRS[k * 2..k * 2 + 2];
    let digit = |k: usize| char::from(b'0' + k as u8);
    // Most numbers are offsets below 10 000: written in pieces of a known
    // length, which are copied in place rather than by a call to `memcpy`.
    match n {
        0..=9 => return out.push(digit(n)),
        10..=99 => return out.push_str(pair(n)),
        100..=999 => {
            out.push(digit(n / 100));
            return out.push_str(pair(n % 100));
        }
        1000..=9999 => {
            out.push_str(pair(n / 100));
            return out.push_str(pair(n % 100));
        }
        _ => {}
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    while n >= 100 {
        let d = (n % 100) * 2;
        n /= 100;
        i -= 2;
        digits[i..i + 2].copy_from_slice(&PAIRS.as_bytes()[d..d + 2]);
    }
    if n >= 10 {
        i -= 2;
        digits[i..i + 2].copy_from_slice(pair(n).as_bytes());
    } else {
        i -= 1;
        digits[i] = b'0' + n as u8;
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

fn push_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.push_str("null"),
    }
}

/// A string, escaped as serde_json escapes it: `"` and `\`, the control
/// characters (short forms for \b \t \n \f \r, `\u00XX` for the others);
/// everything else, non-ASCII included, as it is.
#[inline]
fn push_str(out: &mut String, s: &str) {
    match first_special(s.as_bytes()) {
        // the common case, nothing to escape: one copy
        None => {
            out.reserve(s.len() + 2);
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        Some(first) => push_escaped(out, s, first),
    }
}

/// [`push_str`] of a string with a byte to escape at `first`.
#[cold]
#[inline(never)]
fn push_escaped(out: &mut String, s: &str, first: usize) {
    out.push('"');
    // (the bytes escaped are ASCII, so the runs between them are strs)
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(first) {
        let esc = ESCAPE[b as usize];
        if esc == 0 {
            continue;
        }
        out.push_str(&s[run..i]);
        if esc == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[(b >> 4) as usize]));
            out.push(char::from(HEX[(b & 0xF) as usize]));
        } else {
            out.push('\\');
            out.push(char::from(esc));
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
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
    fn dates_as_to_string_writes_them() {
        for (y, m, d) in [
            (2024, 1, 5),
            (1999, 12, 31),
            (5, 3, 9),
            (0, 1, 1),
            (9999, 12, 31),
        ] {
            let date = crate::Date::new(y, m, d).unwrap();
            assert_eq!(iso_date(date), date.to_string());
        }
        for y in [-1, -50, -9999] {
            let date = crate::Date::new(y, 6, 15).unwrap();
            assert_eq!(iso_date(date), date.to_string());
        }
    }

    #[test]
    fn numbers_in_decimal() {
        let mut n = 1usize;
        let big = std::iter::from_fn(|| {
            n = n.checked_mul(7)?;
            Some(n)
        });
        for n in (0..20_000).chain(big).chain([usize::MAX]) {
            let mut out = String::new();
            push_num(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    /// The escape table escapes exactly the bytes the shared scan stops at.
    #[test]
    fn escape_table_matches_the_scan() {
        for b in 0..=255u8 {
            assert_eq!(
                ESCAPE[b as usize] != 0,
                crate::json_bytes::is_special(b),
                "{b}"
            );
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

    /// [`json`] writes what building the [`Record`] and writing it gives.
    #[test]
    fn json_is_what_the_record_writes() {
        let text =
            "\u{FEFF}Zoë met José\u{301} in Zürich 🙂 on Monday.\r\nShe said \"yes\\no\".\t\n\
            Kim Jong Un met Vladimir Putin in Vladivostok on Sept. 13, 2023, the Kremlin said. \
            Putin will visit Pyongyang next month, and the two leaders will meet again in 2024.";
        for with_text in [false, true] {
            let opts = crate::Options {
                with_text,
                ..Default::default()
            };
            let rec = crate::process("s\"1", text, &opts);
            assert!(!rec.meetings.is_empty() && !rec.dates.is_empty());
            assert_eq!(crate::process_to_json("s\"1", text, &opts), rec.to_json());
        }
        let page = format!(
            "<html><head><title>Kim \"meets\" Putin</title></head><body><article><p>{}</p></article></body></html>",
            text.replace('\n', " ")
        );
        let opts = crate::Options::default();
        let rec = crate::process_html("p", &page, &opts);
        assert!(rec.title.is_some());
        assert_eq!(
            crate::process_html_to_json("p", &page, &opts),
            rec.to_json()
        );
    }
}
