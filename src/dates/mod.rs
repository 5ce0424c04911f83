//! Dates: finds time expressions and normalises them to TIMEX3 values.
//!
//! Token-based and linear: every token is looked up once in the word lists
//! of `data/dates/` (month names, weekdays, seasons, number words, units,
//! relative words, modifiers, reference phrases, holidays, tense markers);
//! at each token the patterns below are tried and the longest match wins.
//! Relative expressions are resolved against the article date (`anchor`)
//! with jiff; the tense of the sentence decides whether "Monday" or
//! "Sept. 9" lies before or after it.
use crate::reader::{Document, LineKind, TokenKind};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use std::cell::RefCell;

mod lex;
use lex::{lexicon, Marker, Unit, Word};

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
pub fn tag(doc: &Document, anchor: Option<Date>) -> Vec<TimeExpr> {
    Tagger::new(doc, anchor, doc.tokens.len()).tag_all()
}

/// The article's own date, from a dateline in its first lines: the first
/// full calendar date (year, month and day) in the first three non-empty
/// lines.
pub fn article_date(doc: &Document) -> Option<Date> {
    Tagger::new(doc, None, 0).article_date()
}

/// [`tag`] against `given`, else against the [`article_date`]: the date
/// used and the expressions. The dateline's tokens are looked up once for
/// both.
pub fn tag_dated(doc: &Document, given: Option<Date>) -> (Option<Date>, Vec<TimeExpr>) {
    let mut t = Tagger::new(doc, given, 0);
    let date = given.or_else(|| t.article_date());
    t.anchor = date;
    t.look_up(doc.tokens.len());
    (date, t.tag_all())
}

impl Tagger<'_> {
    /// Every expression of the document (all tokens looked up).
    fn tag_all(mut self) -> Vec<TimeExpr> {
        let t = &mut self;
        let doc = t.doc;
        let mut out = Vec::new();
        for s in &doc.sentences {
            if s.line == LineKind::Furniture {
                continue;
            }
            t.sentence(s.tokens.start, s.tokens.end);
            let mut i = t.lo;
            while i < t.hi {
                // most tokens may begin nothing: the next that may is
                // found by its bit
                let Some(k) = t.next_begin(i, t.hi) else {
                    break;
                };
                i = k;
                if !t.worth_trying(i) {
                    // in debug builds (the tests) the token passed over is
                    // tried anyway and must begin nothing, so the test
                    // cannot drift from what `best_at` finds
                    #[cfg(debug_assertions)]
                    {
                        let kept = t.ahead.borrow().clone();
                        debug_assert!(
                            t.best_at(i).is_none(),
                            "an expression begins at {:?}, which worth_trying passes over",
                            doc.tok(i)
                        );
                        *t.ahead.borrow_mut() = kept;
                    }
                    i += 1;
                    continue;
                }
                match t.best_at(i) {
                    Some(c) => {
                        // what follows is read in a new context
                        t.ahead.take();
                        if let Some(d) = c.day {
                            t.last_day = Some(d);
                        }
                        if let Some(q) = c.quarter {
                            if t.reportable(q, c.s, c.e) {
                                t.qctx = Some(q);
                            }
                            t.last_q = Some(q);
                        }
                        if let Some(y) = c
                            .value
                            .as_deref()
                            .and_then(|v| v.get(..4))
                            .and_then(|v| v.parse().ok())
                        {
                            t.last_year = Some(y);
                        }
                        if let Some(m) = c
                            .value
                            .as_deref()
                            .filter(|v| v.as_bytes().get(4) == Some(&b'-'))
                            .and_then(|v| v.get(5..7))
                            .and_then(|m| m.parse().ok())
                            .and_then(|m| t.last_year.map(|y| (y, m)))
                        {
                            t.last_month = Some(m);
                        }
                        out.push(TimeExpr {
                            start: doc.tokens[c.s].start,
                            end: doc.tokens[c.e - 1].end,
                            kind: c.kind,
                            value: c.value,
                            modifier: c.modi,
                        });
                        i = c.e;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }

    /// The first full date of the first three non-empty lines; looks up
    /// only their tokens. The lines are read as far as the sentences tried
    /// need: the date is mostly in the first, and an article without line
    /// breaks would otherwise be searched to its end for the first one.
    fn article_date(&mut self) -> Option<Date> {
        let doc = self.doc;
        let text = doc.text;
        let t = self;
        let mut lines = 0;
        // where the lines read so far end
        let mut pos = 0;
        // the end of the third non-empty line, once read, and the tokens
        // that begin before it
        let mut limit = text.len();
        let mut ntok = doc.tokens.len();
        for s in &doc.sentences {
            while lines < 3 && pos < s.end {
                let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k + 1);
                if !text[pos..end].trim().is_empty() {
                    lines += 1;
                }
                pos = end;
                if lines >= 3 {
                    limit = pos;
                    ntok = doc.tokens.partition_point(|t| t.start < limit);
                }
            }
            if s.start >= limit || s.tokens.start >= ntok {
                break;
            }
            // only the tokens of those lines are looked up, a sentence at a time
            t.sentence(s.tokens.start, s.tokens.end.min(ntok));
            t.look_up(t.hi);
            for i in t.lo..t.hi {
                if !t.may_start(i) {
                    continue;
                }
                if let Some(c) = t.best_at(i) {
                    if let (Some(d), Some(v)) = (c.day, c.value.as_deref()) {
                        if v.len() >= 10 && !v.starts_with('X') {
                            return Some(d);
                        }
                    }
                }
            }
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    /// A present-tense verb is the nearest cue: "the vote is Monday".
    Present,
    Unknown,
}

/// A match: token range [s, e) and what it means.
#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    kind: TimexType,
    value: Option<String>,
    modi: Option<&'static str>,
    /// A fully resolved day (for "the next day" and article_date).
    day: Option<Date>,
    /// A resolved quarter (financial context for "a year ago").
    quarter: Option<(i16, u8)>,
    /// May be preceded by "the" ("the third quarter", "the past year").
    the_ok: bool,
}

impl Cand {
    fn new(s: usize, e: usize, kind: TimexType, value: Option<String>) -> Self {
        Cand {
            s,
            e,
            kind,
            value,
            modi: None,
            day: None,
            quarter: None,
            the_ok: false,
        }
    }
    fn date(s: usize, e: usize, value: Option<String>) -> Self {
        Cand::new(s, e, TimexType::Date, value)
    }
    fn with_day(mut self, d: Option<Date>) -> Self {
        self.day = d;
        self
    }
    fn the(mut self) -> Self {
        self.the_ok = true;
        self
    }
}

// TIMEX3 values are written with these helpers rather than `format!`,
// whose machinery costs more than the rest of a match.

/// Appends `n` in decimal, zero-padded to `width` characters, as
/// `{n:0width$}` does.
fn push_num(s: &mut String, n: i64, width: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        k -= 1;
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        s.push('-');
    }
    for _ in digits.len() - k + usize::from(n < 0)..width {
        s.push('0');
    }
    s.extend(digits[k..].iter().map(|&b| b as char));
}
/// `n` in decimal, as `{n}`.
fn num(n: impl Into<i64>) -> String {
    let mut s = String::with_capacity(8);
    push_num(&mut s, n.into(), 0);
    s
}
/// A day: "2019-04-07" (with room for a time or part of day after it).
/// A day as "YYYY-MM-DD": written digit by digit where the year has four,
/// as nearly every year does, without [`push_num`]'s loop and padding.
fn ymd(d: Date) -> String {
    let mut s = String::with_capacity(16);
    let y = d.year();
    if (1000..=9999).contains(&y) {
        for n in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
            s.push(char::from(b'0' + n as u8));
        }
    } else {
        push_num(&mut s, y.into(), 4);
    }
    // a month and a day have two digits at most
    for n in [d.month(), d.day()] {
        s.push('-');
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    }
    s
}
fn ym(y: i16, m: i8) -> String {
    let mut s = String::with_capacity(7);
    push_num(&mut s, y.into(), 4);
    s.push('-');
    push_num(&mut s, m.into(), 2);
    s
}
/// A quarter or half: "1989-Q3" (`part` "Q3"), or "1989-H1".
fn year_part(y: impl Into<i64>, part: &str) -> String {
    let mut s = String::with_capacity(8);
    push_num(&mut s, y.into(), 0);
    s.push('-');
    s.push_str(part);
    s
}
/// A quarter: "1989-Q3".
fn yq(y: impl Into<i64>, q: u8) -> String {
    let mut s = year_part(y, "Q");
    push_num(&mut s, q.into(), 0);
    s
}
fn week_of(d: Date) -> String {
    let w = d.iso_week_date();
    let mut s = String::with_capacity(11);
    push_num(&mut s, w.year().into(), 4);
    s.push_str("-W");
    push_num(&mut s, w.week().into(), 2);
    s
}
fn quarter_of(d: Date) -> u8 {
    ((d.month() - 1) / 3 + 1) as u8
}
fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}
fn add_months(d: Date, n: i64) -> Option<Date> {
    d.first_of_month().checked_add(n.months()).ok()
}
fn mk_date(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}
fn weekday_of(n: u8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(n as i8).ok()
}

/// Weekday `wd` (1 = Monday) relative to `a`: on or before (`dir` 0),
/// strictly before (-1), strictly after (1), on or after (2).
fn weekday_near(a: Date, wd: u8, dir: i8) -> Option<Date> {
    let aw = a.weekday().to_monday_one_offset() as i64;
    let wd = wd as i64;
    match dir {
        0 => add_days(a, -((aw - wd).rem_euclid(7))),
        2 => add_days(a, (wd - aw).rem_euclid(7)),
        -1 => {
            let back = (aw - wd).rem_euclid(7);
            add_days(a, -(if back == 0 { 7 } else { back }))
        }
        _ => {
            let fwd = (wd - aw).rem_euclid(7);
            add_days(a, if fwd == 0 { 7 } else { fwd })
        }
    }
}

/// What the tagger knows of a token before trying patterns.
#[derive(Clone, Copy)]
struct Tok {
    /// Its entry in the word lists.
    w: Option<&'static Word>,
    /// May an expression begin at it?
    begins: bool,
}

impl Tok {
    /// Looks up token `t` of `text`. Each kind of token gets only the tests
    /// that can hold for it: every number may begin an expression and none
    /// is a key (checked when the lists are loaded); a word may also begin
    /// one as a fused modifier ("mid-November"), a punctuation mark as an
    /// apostrophe ("'90s").
    #[inline]
    fn of(lexi: &'static lex::Lexicon, text: &str, t: &crate::reader::Token) -> Tok {
        match t.kind {
            TokenKind::Number => Tok {
                w: None,
                begins: true,
            },
            // no hyphen, so no fused modifier
            TokenKind::Word if t.plain_lower => {
                let (w, begins) = lexi.lookup_plain_in(text, t.start, t.end);
                Tok { w, begins }
            }
            TokenKind::Word => {
                let (w, starter) = lexi.lookup_word_in(text, t.start, t.end);
                let s = &text.as_bytes()[t.start..t.end];
                Tok {
                    w,
                    begins: starter | maybe_hyphen_mod(t.kind, s),
                }
            }
            TokenKind::Punct => {
                let s = &text[t.start..t.end];
                // mostly commas and periods: most fail the cheap test
                let (w, starter) = if lexi.may_contain(s) {
                    lexi.lookup_word_in(text, t.start, t.end)
                } else {
                    (None, false)
                };
                Tok {
                    w,
                    begins: starter || is_apostrophe(t.kind, s.as_bytes()),
                }
            }
        }
    }
}

/// The patterns, by index in the order they are tried (of two equally long
/// matches the first wins): [`Tagger::pattern`]; a pattern's index is its
/// bit in a mask of them.
const P_REFS: u32 = 0;
const P_HOLIDAY: u32 = 1;
const P_CLOCK: u32 = 2;
const P_WEEKDAY: u32 = 3;
const P_MONTH: u32 = 4;
const P_DAY_MONTH: u32 = 5;
const P_NUMERIC: u32 = 6;
const P_YEAR: u32 = 7;
const P_DECADE: u32 = 8;
const P_THE_UNIT: u32 = 9;
const P_REL: u32 = 10;
const P_DAYWORD: u32 = 11;
const P_AGO: u32 = 12;
const P_QUARTER: u32 = 13;
const P_MISC: u32 = 14;
const P_HYPHEN_MOD: u32 = 15;

/// The patterns that may begin at the number `s`, by its shape: what
/// each pattern's first test of a number lets through.
fn number_patterns(s: &[u8]) -> u16 {
    let n = s.len();
    let mut m = 0;
    // "1996-08-30", "02/13/1998", "2/13/98"
    if n == 10 || n >= 6 && s.iter().filter(|&&b| b == b'/').count() == 2 {
        m |= 1 << P_NUMERIC;
    }
    if n == 4 {
        m |= 1 << P_YEAR;
    }
    // "1990s", "1990 's", "20th century"
    if n <= 5 {
        m |= 1 << P_DECADE;
    }
    // a day: "9", "9th"; an ordinal quarter: "3rd quarter"
    if n <= 4 {
        m |= 1 << P_DAY_MONTH | 1 << P_QUARTER;
    }
    // "10:30", "6", "10am", "10a.m"
    if n <= 2 || n <= 5 && s[n - 1].is_ascii_alphabetic() || s.contains(&b':') {
        m |= 1 << P_CLOCK;
    }
    // a count: "3 years ago"
    if n <= 9 && s.iter().all(u8::is_ascii_digit) {
        m |= 1 << P_AGO;
    }
    m
}
/// ... at a hyphenated word: "twenty-five years ago", "fiscal-first
/// quarter", "mid-1990s".
const HYPHEN_PATTERNS: u16 = 1 << P_AGO | 1 << P_QUARTER | 1 << P_HYPHEN_MOD;
/// ... at an apostrophe: "'98", "'90s".
const APOSTROPHE_PATTERNS: u16 = 1 << P_YEAR | 1 << P_DECADE;

/// Can the listed word `key` follow a bare count ("3", "12", "1.5", not a
/// year nor a day with a suffix) in an expression that begins at the
/// count? These are all the patterns that take such a count read after it:
/// a unit ("3 years ago", "12 centuries"), a month or "of" ("12 May", "12
/// of May"), a clock word or "in" ("10 a.m.", "5 o'clock", "5 in the
/// morning", "6 EST"), a quarter or half ("1 quarter", "2 fiscal half").
fn follows_count(key: &str, w: &Word) -> bool {
    w.unit.is_some()
        || w.month > 0
        || w.tz
        || matches!(
            key,
            "of" | "in"
                | "a.m."
                | "a.m"
                | "am"
                | "p.m."
                | "p.m"
                | "pm"
                | "o'clock"
                | "century"
                | "quarter"
                | "half"
                | "fiscal"
        )
}

/// The patterns that may begin at the listed word `key`, as a mask of
/// `P_*` bits: those whose first test its entry (or the key itself, for
/// the patterns that name their words) can pass. Kept to what each pattern
/// reads of its first token, so that skipping the others changes nothing.
fn word_patterns(key: &str, w: &Word) -> u16 {
    let mut m = 0u16;
    let mut set = |p: u32, on: bool| {
        if on {
            m |= 1 << p;
        }
    };
    set(P_REFS, !w.refs.is_empty());
    set(P_HOLIDAY, !w.holidays.is_empty());
    set(P_CLOCK, matches!(key, "noon" | "midnight" | "midday"));
    set(P_WEEKDAY, w.weekday > 0);
    set(P_MONTH, w.month > 0);
    set(P_YEAR, w.num.is_some());
    // "the twentieth century" (the next word is checked in `core`)
    set(P_DECADE, w.decade.is_some());
    set(P_THE_UNIT, w.unit.is_some());
    set(P_REL, w.rel.is_some());
    set(
        P_DAYWORD,
        matches!(key, "today" | "yesterday" | "tomorrow" | "tonight"),
    );
    // a count: an article, a vague quantity or a number word
    set(
        P_AGO,
        matches!(key, "a" | "an" | "several" | "many" | "some" | "few") || w.num.is_some(),
    );
    // "fiscal first quarter", "third quarter", "first two quarters",
    // "last half"
    set(
        P_QUARTER,
        key == "fiscal"
            || w.quarter.is_some()
            || w.ord.is_some()
            || matches!(key, "first" | "last" | "final"),
    );
    set(
        P_MISC,
        matches!(
            key,
            "fiscal"
                | "year-earlier"
                | "year-ago"
                | "year"
                | "full"
                | "that"
                | "year-end"
                | "mid"
                | "every"
                | "each"
                | "daily"
                | "weekly"
                | "monthly"
                | "annually"
                | "yearly"
        ) || w.season.is_some(),
    );
    m
}

struct Tagger<'a> {
    doc: &'a Document<'a>,
    /// The entries of the tokens looked up so far.
    toks: Vec<Option<&'static Word>>,
    /// Which of them may begin an expression, a bit each (64 tokens a
    /// word): [`Tagger::tag_all`] finds the next that may by the bits set,
    /// with no branch a token on a flag in no order a predictor learns.
    begins: Vec<u64>,
    anchor: Option<Date>,
    last_day: Option<Date>,
    last_year: Option<i16>,
    /// The month (year, month) last mentioned ("the following month").
    last_month: Option<(i16, i8)>,
    /// The quarter reported on: the last finished quarter named.
    qctx: Option<(i16, u8)>,
    /// The quarter named last ("that quarter").
    last_q: Option<(i16, u8)>,
    lo: usize,
    hi: usize,
    /// `core(i)` found while trying `i - 1` ("the first quarter", "about
    /// two years"), kept for `i`'s own turn. Cleared when the context
    /// that `core` reads changes: a new sentence or an expression found.
    ahead: RefCell<Option<(usize, Option<Cand>)>>,
    guards_before: &'static [&'static str],
    guards_after: &'static [&'static str],
    streets: &'static [&'static str],
    ref_guards: &'static [(bool, &'static str, &'static str)],
}

struct Guards {
    before: Vec<&'static str>,
    after: Vec<&'static str>,
    street: Vec<&'static str>,
    /// (next?, reference word, neighbour word)
    refs: Vec<(bool, &'static str, &'static str)>,
}

fn guards() -> &'static Guards {
    static G: std::sync::OnceLock<Guards> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let mut g = Guards {
            before: vec![],
            after: vec![],
            street: vec![],
            refs: vec![],
        };
        for r in lex::rows(include_str!("../../data/dates/guards.txt")) {
            // compared with tokens without regard to case ([`in_list`])
            assert!(
                !r[1].bytes().any(|b| b.is_ascii_uppercase()),
                "guards.txt: {:?} is not lower case",
                r[1]
            );
            match r[0] {
                "before" => g.before.push(r[1]),
                "after" => g.after.push(r[1]),
                "street" => g.street.push(r[1]),
                "ref-next" => g.refs.push((true, r[1], r[2])),
                "ref-prev" => g.refs.push((false, r[1], r[2])),
                x => panic!("guards.txt: unknown kind {x}"),
            }
        }
        g
    })
}

impl<'a> Tagger<'a> {
    /// Looks up the first `ntok` tokens of `doc` (all of them for [`tag`];
    /// [`article_date`] starts with none and looks up more with
    /// [`Tagger::look_up`]); the sentence bounds `lo`/`hi` must stay within
    /// the tokens looked up.
    fn new(doc: &'a Document<'a>, anchor: Option<Date>, ntok: usize) -> Self {
        let g = guards();
        let mut t = Tagger {
            doc,
            // room for every token: the article date's look-ups come first
            toks: Vec::with_capacity(doc.tokens.len()),
            begins: Vec::with_capacity(doc.tokens.len().div_ceil(64)),
            anchor,
            last_day: None,
            last_year: None,
            last_month: None,
            qctx: None,
            last_q: None,
            lo: 0,
            hi: 0,
            ahead: RefCell::new(None),
            guards_before: &g.before,
            guards_after: &g.after,
            streets: &g.street,
            ref_guards: &g.refs,
        };
        t.look_up(ntok);
        t
    }

    /// Looks up the tokens up to `ntok`.
    fn look_up(&mut self, ntok: usize) {
        let lexi = lexicon();
        let from = self.toks.len();
        let ntok = ntok.min(self.doc.tokens.len());
        if ntok <= from {
            return;
        }
        let text = self.doc.text;
        // written in place, through a slice: a push would store the
        // vector's length back at every token
        self.toks.resize(ntok, None);
        self.begins.resize(ntok.div_ceil(64), 0);
        // a word of bits at a time, each made in a register
        let mut k = from;
        while k < ntok {
            let word = k / 64;
            let end = ntok.min(word * 64 + 64);
            let mut bits = 0u64;
            for ((w, t), b) in self.toks[k..end]
                .iter_mut()
                .zip(&self.doc.tokens[k..end])
                .zip(k % 64..)
            {
                let tok = Tok::of(lexi, text, t);
                *w = tok.w;
                bits |= u64::from(tok.begins) << b;
            }
            self.begins[word] |= bits;
            k = end;
        }
    }

    /// The first token from `i` on, before `hi`, that may begin an
    /// expression.
    fn next_begin(&self, i: usize, hi: usize) -> Option<usize> {
        let mut word = i / 64;
        let mut bits = self.begins[word] & (!0 << (i % 64));
        while bits == 0 {
            word += 1;
            if word * 64 >= hi {
                return None;
            }
            bits = self.begins[word];
        }
        let k = word * 64 + bits.trailing_zeros() as usize;
        (k < hi).then_some(k)
    }

    /// Tries the sentence of tokens `lo..hi` next.
    fn sentence(&mut self, lo: usize, hi: usize) {
        self.lo = lo;
        self.hi = hi;
        self.ahead.take();
    }

    // ---- token helpers ----
    /// The key of token `i` in the word lists; "" if none or outside the
    /// sentence.
    fn k(&self, i: usize) -> &'static str {
        if i >= self.lo && i < self.hi {
            self.key(i)
        } else {
            ""
        }
    }
    /// The key of token `i`, which must have been looked up.
    fn key(&self, i: usize) -> &'static str {
        self.toks[i].map_or("", |w| w.key)
    }
    fn wd(&self, i: usize) -> Option<&'static Word> {
        if i >= self.lo && i < self.hi {
            self.toks[i]
        } else {
            None
        }
    }
    fn text(&self, i: usize) -> &'a str {
        if i < self.hi {
            self.doc.tok(i)
        } else {
            ""
        }
    }
    fn cap(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn maybe_hyphen_mod(&self, i: usize) -> bool {
        maybe_hyphen_mod(self.doc.tokens[i].kind, self.doc.tok(i).as_bytes())
    }
    /// Might an expression start at token `i`? A cheap test before the
    /// patterns are tried. Inlined: [`Tagger::article_date`] asks it of
    /// every token it reads, and most fail its first test ([`Tagger::tag_all`]
    /// skips those by their bits).
    #[inline(always)]
    fn may_start(&self, i: usize) -> bool {
        self.begins[i / 64] >> (i % 64) & 1 != 0 && self.worth_trying(i)
    }

    /// Necessary conditions, cheap to check, before every pattern is tried
    /// at token `i` (most tokens that may start an expression do not):
    /// a function word that may begin one ("the", "that", "at") does so
    /// only where a phrase or pattern of its own goes on
    /// ([`Tagger::lead_matches`]) or, after "the" or a one-word modifier,
    /// before a word that a pattern may begin at, a number, an apostrophe
    /// ("the '90s") or a fused word ("the fiscal-first quarter"); a bare count ("3", "12",
    /// not a year) only before a word that may follow one in an expression
    /// ([`follows_count`]) or as the second of two days; a score or a
    /// fraction ("6-4", "1/2") likewise; an ordinal ("9th") only before a
    /// listed word or as the second of two days; an apostrophe only before
    /// a number ("'98"); a word that begins expressions only by phrases of
    /// its own ("new", "election") only where one goes on whole
    /// ([`Tagger::phrase_matches`]). In debug builds `tag_all` checks that
    /// every token passed over begins nothing. Score
    /// tables and articles are mostly such tokens, so this spares most of
    /// the pattern calls. The token's kind and entry are read before its
    /// text, which most tokens asked about need not be sliced for.
    #[inline(never)]
    fn worth_trying(&self, i: usize) -> bool {
        let j = i + 1;
        let kind = self.doc.tokens[i].kind;
        if kind == TokenKind::Number {
            let t = self.doc.tok(i).as_bytes();
            // the second of two days: "April 24 and 25"
            let second_day = || {
                i >= self.lo + 3
                    && matches!(self.k(i - 1), "and" | "or")
                    && self.doc.tokens[i - 2].kind == TokenKind::Number
            };
            // a year or an ISO date
            if t.len() == 10 || t.len() == 4 && t.iter().all(u8::is_ascii_digit) {
                return true;
            }
            // digits with letters or a colon ("1990s", "10:30", "10am"); not
            // a score or fraction ("6-4", "1-0", "1/2", "3.5", "9.99",
            // "1,200"), which counts like a bare number
            let count_like = t
                .iter()
                .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.' | b','))
                && t.iter().filter(|&&b| b == b'/').count() != 2;
            if !count_like {
                // an ordinal ("9th", "3rd") begins only a day before a month
                // or "of" ("9th of May"), a quarter ("3rd quarter") or a
                // century ("20th century"), all listed words, or is the
                // second of two days; it is no clock time (two digits at
                // most) nor a decade
                return !is_ordinal(t) || j < self.hi && self.toks[j].is_some() || second_day();
            }
            // (no pattern reads a number right after a count: "6-4 6-3",
            // "14 1/2" are no expressions)
            return j < self.hi && self.toks[j].is_some_and(|w| w.after_count) || second_day();
        }
        // an apostrophe begins only "'98" and "'90s"
        if kind == TokenKind::Punct && is_apostrophe(kind, self.doc.tok(i).as_bytes()) {
            return j < self.hi && self.doc.tokens[j].kind == TokenKind::Number;
        }
        let lead = match self.toks[i] {
            Some(w) if w.lead => w,
            Some(w) if w.phrases_only => return self.phrase_matches(w, i),
            Some(w) if w.count_only => return self.count_goes_on(i),
            _ => return true,
        };
        if j >= self.hi {
            return false;
        }
        // What `best_at` tries at the next token counts only after "the"
        // or a one-word modifier ("about two years"), not after "at" or
        // "that" ("at the end", "that the"): tag_all tries it on its own
        // turn. The next token's text is read only for the test its kind
        // needs.
        let next_kind = self.doc.tokens[j].kind;
        let Some(next) = self.toks[j] else {
            // no phrase goes on at an unlisted token, but a pattern of the
            // lead's own ("a", "that") may read a number there
            let reads_next = lead.tries_next || lead.patterns & !(1 << P_REFS) != 0;
            return reads_next
                && match next_kind {
                    TokenKind::Number => true,
                    TokenKind::Punct => self.is_apos(j),
                    TokenKind::Word => self.fused(j),
                };
        };
        lead.tries_next
            && (next.patterns != 0
                // (a one-word modifier tries the word after a "the" too:
                // "about the 1990s")
                || next.key == "the"
                || match next_kind {
                    TokenKind::Number => true,
                    TokenKind::Punct => self.is_apos(j),
                    TokenKind::Word => self.fused(j),
                })
            || self.lead_matches(lead, next, i)
    }

    /// Does word `j` bring patterns of its own text: a hyphen
    /// ("mid-1990s", "fiscal-first") or "FY" ([`Tagger::core`])?
    fn fused(&self, j: usize) -> bool {
        !self.doc.tokens[j].plain_lower && {
            let t = self.doc.tok(j);
            t.as_bytes().contains(&b'-') || t.starts_with("FY")
        }
    }

    /// Can `best_at` find an expression at the function word `lead`
    /// (token `i`, followed by the listed word `next`) other than
    /// through `core` at the next token? Only by a pattern of its own,
    /// a phrase of refs.txt or modifiers.txt it begins that goes on
    /// there ("at the moment", "at least"), or a century ("the twentieth
    /// century", `core`). A phrase is matched whole: most words after
    /// "the" or "at" are listed for some other use, and "at the" begins
    /// "at the moment" only. Of "that"'s own pattern, the demonstrative
    /// ("that day", [`Tagger::p_misc`]), the next word is checked too:
    /// "that" is mostly a conjunction.
    fn lead_matches(&self, lead: &Word, next: &Word, i: usize) -> bool {
        let lexi = lexicon();
        let next_key = next.key;
        let mut own = lead.patterns & !(1 << P_REFS);
        if lead.key == "that" && !matches!(next_key, "same" | "day" | "year" | "quarter") {
            own &= !(1 << P_MISC);
        }
        // a count ("a", "an") begins only "a year ago", "a few years ago"
        // ([`Tagger::p_ago`])
        if next.unit.is_none() && next_key != "few" {
            own &= !(1 << P_AGO);
        }
        own != 0
            || next_key == "century"
            || lead
                .refs
                .of(&lexi.refs)
                .iter()
                .any(|p| p.words.len() == 1 || self.rest_at(i, p))
            || lead
                .mods
                .of(&lexi.modifiers)
                .iter()
                .any(|p| p.words.len() > 1 && self.rest_at(i, p))
    }
    /// Can `best_at` find an expression at the listed word `w` (token
    /// `i`, [`Word::phrases_only`])? Only where one of its phrases goes on
    /// whole ("New Year's Day", not "New York"), or where the token's text
    /// or a "century" after it brings patterns ([`Tagger::core`]).
    fn phrase_matches(&self, w: &Word, i: usize) -> bool {
        let lexi = lexicon();
        let whole = |p: &lex::Phrase| p.words.len() == 1 || self.rest_at(i, p);
        w.refs.of(&lexi.refs).iter().any(whole)
            || w.holidays.of(&lexi.holidays).iter().any(whole)
            || w.mods.of(&lexi.modifiers).iter().any(whole)
            || self.k(i + 1) == "century"
            || !self.doc.tokens[i].plain_lower && {
                let t = self.doc.tok(i).as_bytes();
                t.contains(&b'-')
                    || t.starts_with(b"FY")
                    || is_apostrophe(self.doc.tokens[i].kind, t)
            }
    }
    /// Can `best_at` find an expression at the count word at `i`
    /// ([`Word::count_only`])? Only before a unit ("two years ago",
    /// [`Tagger::p_ago`]) or the rest of a spoken year ("nineteen
    /// ninety-six", "two thousand", [`Tagger::year`]): a number, a number
    /// word, or a hyphenated word.
    fn count_goes_on(&self, i: usize) -> bool {
        let j = i + 1;
        j < self.hi
            && (self.doc.tokens[j].kind == TokenKind::Number
                || self.toks[j].is_some_and(|w| w.unit.is_some() || w.num.is_some())
                || self.fused(j))
    }
    fn is_apos(&self, i: usize) -> bool {
        i < self.hi && is_apostrophe(self.doc.tokens[i].kind, self.doc.tok(i).as_bytes())
    }
    /// Capitalised word that is not the first of its sentence nor a known word.
    fn name_like(&self, i: usize) -> bool {
        i >= self.lo
            && i < self.hi
            && i > self.lo
            && self.doc.tokens[i].kind == TokenKind::Word
            && self.cap(i)
            && self.toks[i].is_none_or(|w| w.month == 0 && w.weekday == 0 && !w.licensor)
            && !matches!(self.text(i - 1), "\"" | "“" | "(" | ":" | "--" | "—" | "``")
    }
    fn int(&self, i: usize) -> Option<u32> {
        let s = self.text(i);
        if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    }
    /// A cardinal: digits or number words ("twenty-five").
    fn number(&self, i: usize) -> Option<u32> {
        if let Some(n) = self.int(i) {
            return Some(n);
        }
        if let Some(n) = self.wd(i).and_then(|w| w.num) {
            return Some(n);
        }
        let s = self.text(i);
        if s.as_bytes().contains(&b'-')
            && s.len() < 20
            && self.doc.tokens[i].kind == TokenKind::Word
        {
            let l = s.to_ascii_lowercase();
            let mut sum = 0;
            for p in l.split('-') {
                sum += lexicon().get(p).and_then(|w| w.num)?;
            }
            return Some(sum);
        }
        None
    }
    /// A day of the month: "9", "9th", "ninth", "twenty-first".
    fn day_num(&self, i: usize) -> Option<u8> {
        let s = self.text(i);
        if self
            .doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
            && i < self.hi
        {
            let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &s[digits.len()..];
            if !(suffix.is_empty()
                || ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|x| suffix.eq_ignore_ascii_case(x)))
            {
                return None;
            }
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let n: u8 = digits.parse().ok()?;
            return (1..=31).contains(&n).then_some(n);
        }
        if let Some(n) = self.wd(i).and_then(|w| w.ord) {
            return (n <= 31).then_some(n as u8);
        }
        if s.as_bytes().contains(&b'-')
            && self
                .doc
                .tokens
                .get(i)
                .is_some_and(|t| t.kind == TokenKind::Word)
        {
            let l = s.to_ascii_lowercase();
            let (a, b) = l.split_once('-')?;
            let x = lexicon().get(a)?.num?;
            let y = lexicon().get(b)?.ord?;
            let n = x + y;
            return (n <= 31).then_some(n as u8);
        }
        None
    }
    /// A year at `i`: "1994", "'98", "nineteen ninety-six". Returns (year, end).
    fn year(&self, i: usize) -> Option<(i16, usize)> {
        let s = self.text(i);
        if s.len() == 4 {
            let n = self.int(i)?;
            return (1000..=2999).contains(&n).then_some((n as i16, i + 1));
        }
        if self.is_apos(i) {
            let n = self.text(i + 1);
            if n.len() == 2 {
                let v = self.int(i + 1)? as i16;
                let y = if v <= 30 { 2000 + v } else { 1900 + v };
                return Some((y, i + 2));
            }
            return None;
        }
        // spoken: "nineteen ninety-six", "two thousand"
        let first = self.wd(i)?.num?;
        if (11..=20).contains(&first) {
            let second = self.number(i + 1)?;
            if (10..=99).contains(&second) && self.wd(i + 1).is_none_or(|w| w.unit.is_none()) {
                return Some(((first * 100 + second) as i16, i + 2));
            }
            if second == 100 {
                return Some(((first * 100) as i16, i + 2));
            }
        }
        if first == 2 && self.k(i + 1) == "thousand" {
            let mut y = 2000;
            let mut e = i + 2;
            if self.k(e) == "and" {
                if let Some(n) = self.number(e + 1).filter(|n| *n < 100) {
                    y += n;
                    e += 2;
                }
            } else if let Some(n) = self.number(e).filter(|n| *n < 100) {
                y += n;
                e += 1;
            }
            return Some((y as i16, e));
        }
        None
    }
    fn month(&self, i: usize) -> Option<(u8, bool)> {
        let w = self.wd(i)?;
        (w.month > 0 && self.cap(i)).then_some((w.month, w.month_strict))
    }
    fn weekday(&self, i: usize) -> Option<u8> {
        let w = self.wd(i)?;
        (w.weekday > 0 && self.cap(i)).then_some(w.weekday)
    }
    /// Does phrase `p`, from the run of token `i`'s word (so its first
    /// word is token `i`), go on after it?
    fn rest_at(&self, i: usize, p: &lex::Phrase) -> bool {
        self.phrase_at(i + 1, &p.words[1..])
    }
    fn phrase_at(&self, i: usize, words: &[&str]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(j, x)| i + j < self.hi && self.key(i + j) == *x)
    }

    // ---- tense ----
    fn tense(&self, s: usize, e: usize) -> Tense {
        // passive or adjectival after a present form: "is heard", "be held"
        // or adjectival after a determiner: "a still unspecified date", "the revised plan"
        let passive = |j: usize| {
            j > self.lo
                && matches!(
                    self.doc.tok(j - 1),
                    "is" | "are"
                        | "be"
                        | "being"
                        | "am"
                        | "a"
                        | "an"
                        | "the"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "still"
                )
        };
        // a plan seen from before a past time: "had been due to", "had been
        // scheduled to"
        let pluperfect =
            |j: usize| (j.saturating_sub(2).max(self.lo)..j).any(|x| self.key(x) == "had");
        let class = |j: usize| -> Option<Marker> {
            if let Some(m) = self.toks[j].and_then(|w| w.marker) {
                match m {
                    Marker::Future | Marker::FutureTo if pluperfect(j) => {
                        return Some(Marker::Past)
                    }
                    Marker::FutureTo | Marker::Present if self.k(j + 1) == "to" => {
                        return Some(Marker::Future)
                    }
                    Marker::FutureTo => {}
                    Marker::Past if passive(j) => return None,
                    m => return Some(m),
                }
            }
            let tk = self.doc.tokens[j];
            if tk.end - tk.start > 4 {
                let t = self.doc.tok(j);
                if t.ends_with("ed") && t.bytes().all(|b| b.is_ascii_lowercase()) {
                    return (!passive(j)).then_some(Marker::Past);
                }
            }
            None
        };
        // punctuation (single characters) without slicing the text of words
        let punct = |j: usize| {
            if self.doc.tokens[j].kind == TokenKind::Punct {
                self.doc.tok(j)
            } else {
                ""
            }
        };
        // "as soon as Tuesday", "as early as next week", "until May": ahead
        if s >= self.lo + 2 && self.k(s - 1) == "as" && matches!(self.k(s - 2), "soon" | "early") {
            return Tense::Future;
        }
        // "until May", "payable Dec. 7" -- but not with a pluperfect:
        // "had filed reports by Wednesday", "until Thursday they had not"
        if self.limit_ahead(s)
            && !(s.saturating_sub(8).max(self.lo)..(e + 8).min(self.hi))
                .any(|j| self.key(j) == "had")
        {
            return Tense::Future;
        }
        let to_tense = |m: Marker| match m {
            Marker::Future | Marker::FutureTo => Tense::Future,
            Marker::Present => Tense::Present,
            _ => Tense::Past,
        };
        // nearest marker on the left, and on the right within the clause
        let left = (self.lo..s)
            .rev()
            .find_map(|j| class(j).map(|m| (s - j, m)));
        // inside parentheses the clause ends at ")": "the ferry will sail at
        // 5 in the morning (5 a.m. Thursday), the port said"
        let in_paren = || {
            (self.lo..s)
                .rev()
                .map(punct)
                .find(|t| matches!(*t, "(" | ")"))
                == Some("(")
        };
        // a marker on the right counts only if nearer than the left one:
        // no further look is needed
        let reach = left.map_or(self.hi, |(dl, _)| (e + dl - 1).min(self.hi));
        let right = (e..reach)
            .take_while(|&j| {
                let t = punct(j);
                !(matches!(t, ";" | "." | "\"" | "''" | "``") || t == ")" && in_paren())
            })
            .find_map(|j| class(j).map(|m| (j + 1 - e, m)));
        match (left, right) {
            (Some((dl, ml)), Some((dr, mr))) => to_tense(if dr < dl { mr } else { ml }),
            (Some((_, m)), None) | (None, Some((_, m))) => to_tense(m),
            (None, None) => Tense::Unknown,
        }
    }

    /// "until March 6", "payable Dec. 7", "effective on Feb. 1": a cue
    /// right before the expression (tense.txt, "ahead") that puts it ahead.
    fn limit_ahead(&self, s: usize) -> bool {
        let mut j = s;
        if j > self.lo && matches!(self.k(j - 1), "on" | "at") {
            j -= 1;
        }
        j > self.lo && self.toks[j - 1].is_some_and(|w| w.ahead)
    }

    /// Year for a month (and day) given without a year.
    fn year_for(&self, m: u8, d: Option<u8>, tense: Tense) -> Option<i16> {
        let a = self.anchor?;
        let y = a.year();
        let mut diff = m as i32 - a.month() as i32;
        if diff == 0 {
            if let Some(d) = d {
                diff = (d as i32 - a.day() as i32).signum();
            }
        }
        // Past: last year's only if more than a month ahead (cues such as
        // "payable Dec. 7" or "will be paid" make the tense future first).
        Some(match tense {
            Tense::Past if diff > 1 => y - 1,
            Tense::Future if diff < -1 => y + 1,
            Tense::Unknown | Tense::Present if diff > 6 => y - 1,
            Tense::Unknown | Tense::Present if diff < -6 => y + 1,
            _ => y,
        })
    }
    fn weekday_date(&self, wd: u8, tense: Tense) -> Option<Date> {
        let a = self.anchor?;
        match tense {
            Tense::Future | Tense::Present => weekday_near(a, wd, 2),
            _ => weekday_near(a, wd, 0),
        }
    }
    fn quarter_year(&self, q: u8, tense: Tense) -> Option<i16> {
        let a = self.anchor?;
        Some(if q > quarter_of(a) && tense != Tense::Future {
            a.year() - 1
        } else {
            a.year()
        })
    }

    // ---- the search ----
    fn best_at(&self, i: usize) -> Option<Cand> {
        let mut best = match self.ahead.take() {
            Some((j, c)) if j == i => c,
            _ => self.core(i),
        };
        // `core(i + 1)`, kept for the next turn
        let next = || {
            let c = self.core(i + 1);
            *self.ahead.borrow_mut() = Some((i + 1, c.clone()));
            c
        };
        // "the" + pattern that allows it
        if self.k(i) == "the" {
            if let Some(mut c) = next().filter(|c| c.the_ok) {
                c.s = i;
                best = longer(best, Some(c));
            }
        }
        // modifier + pattern
        let mods = self.toks[i].map_or(&[][..], |w| w.mods.of(&lexicon().modifiers));
        for p in mods {
            if !self.rest_at(i, p) {
                continue;
            }
            let j = i + p.words.len();
            let c = if j == i + 1 { next() } else { self.core(j) };
            let c = c.or_else(|| {
                (self.k(j) == "the")
                    .then(|| self.core(j + 1).filter(|c| c.the_ok))
                    .flatten()
            });
            if let Some(mut c) = c {
                let is_ref = c.value.as_deref().is_some_and(|v| v.ends_with("_REF"));
                let ok = match p.value {
                    "START" | "END" | "MID" | "-" => {
                        matches!(c.kind, TimexType::Date | TimexType::Time) && !is_ref
                    }
                    _ => !is_ref,
                };
                if ok {
                    c.s = i;
                    if p.value != "-" {
                        c.modi = Some(p.value);
                    }
                    best = longer(best, Some(c));
                }
            }
        }
        best
    }

    /// The longest match of the patterns at `i`.
    fn core(&self, i: usize) -> Option<Cand> {
        if i >= self.hi {
            return None;
        }
        // What the token is decides which patterns may begin at it; each
        // pattern still checks all it needs. A word of the lists brings
        // the patterns its entry allows ([`word_patterns`]); a number, an
        // apostrophe ("'90s") or a hyphenated word ("twenty-five",
        // "mid-1990s", "fiscal-first") those that take such a token.
        let mut mask = self.toks[i].map_or(0, |w| w.patterns);
        // a plain lower-case word (most words tried) has no hyphen, and is
        // no "FY": its text need not be read
        let tk = self.doc.tokens[i];
        if !tk.plain_lower {
            let (kind, text) = (tk.kind, self.doc.tok(i));
            match kind {
                TokenKind::Number => mask |= number_patterns(text.as_bytes()),
                TokenKind::Word if text.as_bytes().contains(&b'-') => mask |= HYPHEN_PATTERNS,
                _ if is_apostrophe(kind, text.as_bytes()) => mask |= APOSTROPHE_PATTERNS,
                _ => {}
            }
            if text.starts_with("FY") {
                mask |= 1 << P_MISC;
            }
        }
        if mask & (1 << P_DECADE) == 0 && self.k(i + 1) == "century" {
            mask |= 1 << P_DECADE;
        }
        // The masks restate what each pattern reads of its first token. In
        // debug builds (the tests) every pattern left out is tried too and
        // must fail, so a pattern taught a new first word cannot be skipped
        // without a test noticing.
        #[cfg(debug_assertions)]
        for p in (0..=P_HYPHEN_MOD).filter(|p| mask & (1 << p) == 0) {
            debug_assert!(
                self.pattern(p, i).is_none(),
                "pattern {p} matches at {:?} but its mask bit is not set",
                self.doc.tok(i)
            );
        }
        let mut best: Option<Cand> = None;
        // in this order: of two equally long matches, the first wins
        while mask != 0 {
            let p = mask.trailing_zeros();
            mask &= mask - 1;
            if let Some(c) = self.pattern(p, i) {
                best = longer(best, Some(c));
            }
        }
        best
    }

    /// Pattern `p` (a `P_*` index) at `i`.
    fn pattern(&self, p: u32, i: usize) -> Option<Cand> {
        match p {
            P_REFS => self.p_refs(i),
            P_HOLIDAY => self.p_holiday(i),
            P_CLOCK => self.p_clock(i),
            P_WEEKDAY => self.p_weekday(i),
            P_MONTH => self.p_month(i),
            P_DAY_MONTH => self.p_day_month(i),
            P_NUMERIC => self.p_numeric(i),
            P_YEAR => self.p_year(i),
            P_DECADE => self.p_decade(i),
            P_THE_UNIT => self.p_the_unit(i),
            P_REL => self.p_rel(i),
            P_DAYWORD => self.p_dayword(i),
            P_AGO => self.p_ago(i),
            P_QUARTER => self.p_quarter(i),
            P_MISC => self.p_misc(i),
            _ => self.p_hyphen_mod(i),
        }
    }

    fn p_refs(&self, i: usize) -> Option<Cand> {
        for p in self.toks[i]?.refs.of(&lexicon().refs) {
            if self.rest_at(i, p) {
                let e = i + p.words.len();
                // "the past year", "current quarter": left to other patterns
                if self.wd(e).is_some_and(|w| w.unit.is_some()) && p.words.len() == 1 {
                    return None;
                }
                if p.words == ["current"] && !self.doc.tok(i).starts_with('c') {
                    return None;
                }
                if self.guarded(i, e) {
                    return None;
                }
                // "the past four years" is a span, left to other patterns
                if p.words.last() == Some(&"past")
                    && (self
                        .doc
                        .tokens
                        .get(e)
                        .is_some_and(|t| t.kind == TokenKind::Number)
                        || self.wd(e).is_some_and(|w| w.num.is_some()))
                {
                    return None;
                }
                return Some(Cand::date(i, e, Some(p.value.to_string())));
            }
        }
        None
    }

    /// A one-word reference at `i` (ending at `e`) next to a word that
    /// makes it no expression (guards.txt, "ref-next"/"ref-prev").
    fn guarded(&self, i: usize, e: usize) -> bool {
        // "ref-next" looks at the reference's last word and the word after
        // it, "ref-prev" at its first word and the one before it
        let (first, last) = (self.k(i), self.k(e - 1));
        let (prev, next) = (self.k(i.wrapping_sub(1)), self.k(e));
        self.ref_guards.iter().any(|&(after, g, n)| {
            if after {
                g == last && n == next
            } else {
                g == first && n == prev
            }
        })
    }

    fn p_holiday(&self, i: usize) -> Option<Cand> {
        let holidays = self.toks[i]?.holidays.of(&lexicon().holidays);
        if holidays.is_empty() || !self.cap(i) {
            return None;
        }
        for p in holidays {
            if !self.rest_at(i, p) {
                continue;
            }
            let mut e = i + p.words.len();
            let tense = self.tense(i, e);
            let explicit = self.year(e).filter(|(y, _)| *y >= 1000);
            let parts: Vec<&str> = p.value.split('-').collect();
            let m: u8 = if p.value == "election" {
                11
            } else {
                parts[0].parse().ok()?
            };
            let y = match explicit {
                Some((y, e2)) => {
                    e = e2;
                    Some(y)
                }
                None => self.year_for(m, None, tense),
            };
            let d = y.and_then(|y| {
                if p.value == "election" {
                    let first_mon = mk_date(y, 11, 1)?
                        .nth_weekday_of_month(1, Weekday::Monday)
                        .ok()?;
                    add_days(first_mon, 1)
                } else if parts.len() == 2 {
                    mk_date(y, m as i8, parts[1].parse().ok()?)
                } else {
                    let wd = weekday_of(parts[1].parse().ok()?)?;
                    let n: i8 = if parts[2] == "L" {
                        -1
                    } else {
                        parts[2].parse().ok()?
                    };
                    mk_date(y, m as i8, 1)?.nth_weekday_of_month(n, wd).ok()
                }
            });
            return Some(Cand::date(i, e, d.map(ymd)).with_day(d));
        }
        None
    }

    /// Clock times: "10:35 a.m.", "6 a.m. EST", "noon Thursday", "midnight".
    fn p_clock(&self, i: usize) -> Option<Cand> {
        let k = self.k(i);
        let (mut h, m, mut e);
        let mut certain = false;
        if k == "noon" || k == "midnight" || k == "midday" {
            // "high noon": an idiom, no clock time
            if self.guarded(i, i + 1) {
                return None;
            }
            h = if k == "midnight" { 24 } else { 12 };
            m = 0;
            e = i + 1;
            certain = true;
        } else {
            if self.doc.tokens[i].kind != TokenKind::Number {
                return None;
            }
            let s = self.text(i);
            // no allocation: the suffixes are ASCII, compared without case
            let cut = |suf: &str| {
                let b = s.as_bytes();
                (b.len() >= suf.len()
                    && b[b.len() - suf.len()..].eq_ignore_ascii_case(suf.as_bytes()))
                .then(|| &s[..s.len() - suf.len()])
            };
            let (num, ampm) = if let Some(x) = cut("am").or_else(|| cut("a.m")) {
                (x, Some(0))
            } else if let Some(x) = cut("pm").or_else(|| cut("p.m")) {
                (x, Some(12))
            } else {
                (s, None)
            };
            if let Some(colon) = num.bytes().position(|c| c == b':') {
                let (a, b) = (&num[..colon], &num[colon + 1..]);
                if b.len() != 2 {
                    return None;
                }
                h = a.parse().ok()?;
                m = b.parse().ok()?;
            } else {
                if num.len() > 2 {
                    return None;
                }
                h = num.parse().ok()?;
                m = 0;
            }
            if h > 24 || m > 59 {
                return None;
            }
            e = i + 1;
            let mut ap = ampm;
            if ap.is_none() {
                match self.k(e) {
                    "a.m." | "a.m" | "am" => ap = Some(0),
                    "p.m." | "p.m" | "pm" => ap = Some(12),
                    _ => {}
                }
                if ap.is_some() {
                    if self.k(e) == "am" && self.text(e) == "am" {
                        // lower-case "am" is a verb ("I am")
                        return None;
                    }
                    e += 1;
                }
            }
            if let Some(p) = ap {
                if h > 12 || h == 0 {
                    return None;
                }
                certain = true;
                h = h % 12 + p;
            } else if self.k(e) == "o'clock" {
                certain = true;
                e += 1;
            }
            if self.k(e) == "in" && self.k(e + 1) == "the" {
                if let Some(pod) = self.wd(e + 2).and_then(|w| w.pod) {
                    certain = true;
                    if matches!(pod, "TAF" | "TEV") && h < 12 {
                        h += 12;
                    }
                    e += 3;
                }
            }
        }
        if self.wd(e).is_some_and(|w| w.tz) && self.text(e).chars().all(|c| c.is_ascii_uppercase())
        {
            certain = true;
            e += 1;
        }
        if !certain {
            let num = self.text(i);
            let prev = if i > self.lo { self.k(i - 1) } else { "" };
            if !(num.contains(':')
                && matches!(
                    prev,
                    "at" | "by" | "until" | "since" | "before" | "after" | "from"
                ))
            {
                return None;
            }
        }
        // an attached day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6"
        let mut day = self.anchor;
        let mut j = e;
        if self.text(j) == "," {
            j += 1;
        }
        if let Some(c) = self.day_expr(j, i) {
            day = c.day;
            e = c.e;
        } else if self.text(e) == "(" {
            // the day after or inside a parenthesis, outside the span:
            // "9:20 a.m. (0620 GMT) Monday", "5 in the morning (5 a.m. EDT
            // Thursday)"
            if let Some(close) = (e + 1..(e + 8).min(self.hi)).find(|&k| self.text(k) == ")") {
                let d = self
                    .day_expr(close + 1, i)
                    .or_else(|| (e + 1..close).find_map(|k| self.day_expr(k, i)))
                    .and_then(|c| c.day);
                if d.is_some() {
                    day = d;
                }
            }
        }
        let v = day.map(|d| {
            let mut v = ymd(d);
            if m == 0 && h == 24 {
                v.push_str("T24:00");
            } else {
                v.push('T');
                push_num(&mut v, h.into(), 2);
                v.push(':');
                push_num(&mut v, m.into(), 2);
            }
            v
        });
        Some(Cand::new(i, e, TimexType::Time, v))
    }

    /// A day after a clock time: weekday, month-day, today/yesterday/tomorrow.
    /// `from` is where the whole expression starts ("until 9 a.m. Tuesday").
    fn day_expr(&self, j: usize, from: usize) -> Option<Cand> {
        if j >= self.hi {
            return None;
        }
        let c = self
            .weekday_from(j, from)
            .or_else(|| self.p_month(j))
            .or_else(|| self.p_dayword(j))?;
        (c.day.is_some() && c.kind == TimexType::Date).then_some(c)
    }

    fn p_weekday(&self, i: usize) -> Option<Cand> {
        self.weekday_from(i, i)
    }

    /// A weekday at `i` in an expression that starts at `from`.
    fn weekday_from(&self, i: usize, from: usize) -> Option<Cand> {
        let wd = self.weekday(i)?;
        // "Monday, Sept. 11, 2023", "Friday Oct. 13"
        let j = if self.text(i + 1) == "," {
            i + 2
        } else {
            i + 1
        };
        if let Some(c) = self.p_month(j).filter(|c| c.day.is_some()) {
            let mut c = c;
            c.s = i;
            return Some(c);
        }
        // a possessive names a day already past or at hand, whatever the
        // clause's tense: "ways to get around Wednesday's ruling"
        let tense = if self.k(i + 1) == "'s" {
            Tense::Unknown
        } else {
            self.tense(from, i + 1)
        };
        let d = self.weekday_date(wd, tense);
        Some(self.day_at(i, d))
    }

    /// A day word at `i` resolved to `d`, with a part of day after it
    /// ("Friday night", "yesterday evening") where the data allows one.
    fn day_at(&self, i: usize, d: Option<Date>) -> Cand {
        if let Some(w) = self.wd(i + 1).filter(|w| w.pod.is_some()) {
            if w.pod_plain_after_weekday {
                return Cand::date(i, i + 2, d.map(ymd)).with_day(d);
            }
            let pod = w.pod.unwrap_or_default();
            let v = d.map(|d| ymd(d) + pod);
            return Cand::new(i, i + 2, TimexType::Time, v).with_day(d);
        }
        Cand::date(i, i + 1, d.map(ymd)).with_day(d)
    }

    fn p_month(&self, i: usize) -> Option<Cand> {
        let (m, strict) = self.month(i)?;
        let prev = if i > self.lo { Some(i - 1) } else { None };
        // "Theresa May", "Sept" inside a name
        let mut e = i + 1;
        if let Some((d, d2, re)) = self.day_range(e, prev) {
            // "August 26-29", "from September 2 to 4": an interval
            let mut e2 = re;
            let j = if self.text(e2) == "," { e2 + 1 } else { e2 };
            let year = self.year(j).filter(|(y, _)| *y >= 1000).map(|(y, ye)| {
                e2 = ye;
                y
            });
            let y = year.or_else(|| self.year_for(m, Some(d), self.tense(i, e2)));
            let a = y.and_then(|y| mk_date(y, m as i8, d as i8));
            let b = y.and_then(|y| mk_date(y, m as i8, d2 as i8));
            if let (Some(a), Some(b)) = (a, b) {
                return Some(
                    Cand::date(i, e2, Some(format!("{}/{}", ymd(a), ymd(b)))).with_day(Some(a)),
                );
            }
        }
        if let Some(d) = self.day_num(e) {
            // not "May 2-1", "June 1.5"
            let mut e2 = e + 1;
            let mut year = None;
            let j = if self.text(e2) == "," { e2 + 1 } else { e2 };
            if let Some((y, ye)) = self.year(j).filter(|(y, _)| *y >= 1000) {
                year = Some(y);
                e2 = ye;
            }
            let tense = self.tense(i, e2);
            let y = year.or_else(|| self.year_for(m, Some(d), tense));
            let date = match y {
                Some(y) => Some(mk_date(y, m as i8, d as i8)?),
                None => None,
            };
            let v = match (date, year) {
                (Some(dt), _) => Some(ymd(dt)),
                (None, _) => Some(format!("XXXX-{m:02}-{d:02}")),
            };
            return Some(Cand::date(i, e2, v).with_day(date));
        }
        // "April 2019", "April of 2019"
        let j = if self.k(e) == "of" { e + 1 } else { e };
        if let Some((y, ye)) = self.year(j).filter(|(y, _)| *y >= 1000) {
            return Some(Cand::date(i, ye, Some(ym(y, m as i8))));
        }
        // "June last year", "January this year"
        if let Some(r) = self.wd(e).and_then(|w| w.rel) {
            if self.k(e + 1) == "year" {
                let y = self.anchor.map(|a| a.year() + r as i16);
                return Some(Cand::date(i, e + 2, y.map(|y| ym(y, m as i8))));
            }
        }
        // month alone
        let licensed = prev.is_some_and(|p| {
            self.toks[p].is_some_and(|w| w.licensor || w.rel.is_some())
                || self
                    .text(p)
                    .as_bytes()
                    .get(..3)
                    .is_some_and(|x| x.eq_ignore_ascii_case(b"mid"))
        });
        // a month before a common noun after an article: "the March
        // accession", "a June agreement" -- not "the March on Washington",
        // and never "May" ("the May government" is a prime minister's)
        let premodifier = || {
            prev.is_some_and(|p| matches!(self.k(p), "the" | "a" | "an"))
                && matches!(self.key(i), "march" | "june")
                && e < self.hi
                && self.doc.tokens[e].kind == TokenKind::Word
                && self.text(e).starts_with(|c: char| c.is_ascii_lowercase())
                && self.toks[e].is_none_or(|w| !w.licensor)
                && !matches!(self.k(e), "on" | "for" | "against" | "at" | "with" | "into")
        };
        if strict && !licensed && !premodifier() || prev.is_some_and(|p| self.name_like(p)) {
            return None;
        }
        if e < self.hi
            && self.doc.tokens[e].kind == TokenKind::Word
            && self.cap(e)
            && self.toks[e].is_none()
        {
            // "June Carter", "April Fools"
            return None;
        }
        let key = self.key(i);
        if key.ends_with('.') || key.len() <= 4 && !matches!(key, "may" | "june" | "july") {
            // bare "Sept", "Dec": only with a day or year
            return None;
        }
        let tense = self.tense(i, e);
        let y = self.year_for(m, None, tense);
        e = i + 1;
        Some(Cand::date(i, e, y.map(|y| ym(y, m as i8))))
    }

    /// A range of days after a month: "26-29" (one token), "2 to 4" after
    /// "from"/"between", "2 through 4". Returns (first, last, end).
    fn day_range(&self, e: usize, before_month: Option<usize>) -> Option<(u8, u8, usize)> {
        if e >= self.hi {
            return None;
        }
        let s = self.text(e);
        if self.doc.tokens[e].kind == TokenKind::Number && s.len() <= 5 {
            if let Some((a, b)) = s.split_once('-') {
                let (a, b): (u8, u8) = (a.parse().ok()?, b.parse().ok()?);
                return (1 <= a && a < b && b <= 31).then_some((a, b, e + 1));
            }
        }
        let a = self.day_num(e)?;
        let from = before_month.map_or("", |p| self.k(p));
        let ok = match self.k(e + 1) {
            "through" => true,
            "to" => matches!(from, "from" | "between"),
            _ => false,
        };
        let b = if ok {
            self.day_num(e + 2)?
        } else {
            return None;
        };
        // "from May 2 to 4 June" is two dates
        if self.month(e + 3).is_some() || self.int(e + 2).is_none() || b <= a {
            return None;
        }
        Some((a, b, e + 3))
    }

    /// "11 September 2001", "9th March".
    fn p_day_month(&self, i: usize) -> Option<Cand> {
        if self.doc.tokens[i].kind != TokenKind::Number {
            return None;
        }
        let d = self.day_num(i)?;
        let j = if self.k(i + 1) == "of" { i + 2 } else { i + 1 };
        let Some((m, _)) = self.month(j) else {
            return self.second_day(i, d);
        };
        let mut e = j + 1;
        let year = self.year(e).filter(|(y, _)| *y >= 1000).map(|(y, ye)| {
            e = ye;
            y
        });
        let tense = self.tense(i, e);
        let y = year.or_else(|| self.year_for(m, Some(d), tense));
        let date = match y {
            Some(y) => Some(mk_date(y, m as i8, d as i8)?),
            None => None,
        };
        Some(Cand::date(i, e, date.map(ymd)).with_day(date))
    }

    /// The second of two days after one month: "25" in "on April 24 and
    /// 25" (TimeML tags each day), in the first day's month and year. Not
    /// "on April 24 and 25 others", where the number counts something.
    fn second_day(&self, i: usize, d: u8) -> Option<Cand> {
        if i < self.lo + 3 || !matches!(self.k(i - 1), "and" | "or") {
            return None;
        }
        let first = self.p_month(i - 3).filter(|c| c.e == i - 1)?.day?;
        let next = self.k(i + 1);
        let ends = i + 1 >= self.hi
            || self.doc.tokens[i + 1].kind == TokenKind::Punct
            || matches!(
                next,
                "in" | "at" | "on" | "for" | "to" | "with" | "when" | "and"
            );
        if !ends {
            return None;
        }
        let date = mk_date(first.year(), first.month(), d as i8)?;
        Some(Cand::date(i, i + 1, Some(ymd(date))).with_day(Some(date)))
    }

    /// "1996-08-30", "02/13/1998".
    fn p_numeric(&self, i: usize) -> Option<Cand> {
        if self.doc.tokens[i].kind != TokenKind::Number {
            return None;
        }
        let s = self.text(i);
        let b = s.as_bytes();
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        let date = if s.len() == 10 && b[4] == b'-' && b[7] == b'-' {
            if !(digits(&b[..4]) && digits(&b[5..7]) && digits(&b[8..])) {
                return None;
            }
            mk_date(
                s[..4].parse().ok()?,
                s[5..7].parse().ok()?,
                s[8..].parse().ok()?,
            )
        } else if s.bytes().filter(|&c| c == b'/').count() == 2 {
            let mut it = s.split('/');
            let m: i8 = it.next()?.parse().ok()?;
            let d: i8 = it.next()?.parse().ok()?;
            let ys = it.next()?;
            let y: i16 = match ys.len() {
                4 => ys.parse().ok()?,
                2 => {
                    let v: i16 = ys.parse().ok()?;
                    if v <= 30 {
                        2000 + v
                    } else {
                        1900 + v
                    }
                }
                _ => return None,
            };
            mk_date(y, m, d)
        } else {
            None
        }?;
        Some(Cand::date(i, i + 1, Some(ymd(date))).with_day(Some(date)))
    }

    fn p_year(&self, i: usize) -> Option<Cand> {
        if self.is_apos(i) {
            // a clipped year after a licensing word: "in '98", "since '95";
            // not a quotation ("he said '98 percent'")
            let (y, e) = self.year(i)?;
            let joined = self.doc.tokens[i].end == self.doc.tokens[i + 1].start;
            let licensed = i > self.lo && self.toks[i - 1].is_some_and(|w| w.licensor);
            return (joined && licensed && !in_list(self.guards_after, self.text(e)))
                .then(|| Cand::date(i, e, Some(num(y))));
        }
        if self.doc.tokens[i].kind == TokenKind::Word {
            // spoken: "nineteen ninety-six"; "twelve hundred" is a count
            // unless a word such as "in" or "since" comes before it
            let (y, e) = self.year(i)?;
            if self.k(e - 1) == "hundred"
                && !(i > self.lo && self.toks[i - 1].is_some_and(|w| w.licensor))
            {
                return None;
            }
            return Some(Cand::date(i, e, Some(num(y))));
        }
        if self.doc.tokens[i].kind != TokenKind::Number || self.text(i).len() != 4 {
            return None;
        }
        let (y, e) = self.year(i)?;
        let prev = if i > self.lo { self.k(i - 1) } else { "" };
        let prev_text = if i > self.lo { self.text(i - 1) } else { "" };
        let licensed = i > self.lo && self.toks[i - 1].is_some_and(|w| w.licensor);
        if !(1900..=2099).contains(&y) && !licensed {
            return None;
        }
        if self.guards_before.contains(&prev) || self.guards_before.contains(&prev_text) {
            return None;
        }
        let next = self.k(e);
        if self.guards_after.contains(&next) || in_list(self.guards_after, self.text(e)) {
            return None;
        }
        if i > self.lo && self.name_like(i - 1) {
            return None;
        }
        if in_list(self.streets, self.text(e + 1)) {
            return None;
        }
        // "the 1988 third quarter", "1988's fourth quarter"
        let qj = if self.k(e) == "'s" { e + 1 } else { e };
        if let Some((q, qe)) = self.quarter_words(qj) {
            let v = year_part(y, &q);
            let mut c = Cand::date(i, qe, Some(v)).the();
            c.quarter = q
                .strip_prefix('Q')
                .and_then(|x| x.parse().ok())
                .map(|q| (y, q));
            return Some(c);
        }
        if self.k(e) == "quarter" && prev == "the" {
            let q = self.qctx.or_else(|| self.last_quarter()).map(|(_, q)| q);
            let mut c = Cand::date(i, e + 1, q.map(|q| yq(y, q))).the();
            c.quarter = q.map(|q| (y, q));
            return Some(c);
        }
        let mut c = Cand::date(i, e, Some(num(y)));
        if self.k(e) == "period" && prev == "the" {
            // "the 1989 period": that year's part of the reported quarter
            // when the sentence is about a quarter
            let period = self.sentence_period();
            if period != Some(false) && (self.qctx.is_some() || period.is_some()) {
                if let Some((_, q)) = self.qctx.or_else(|| self.last_quarter()) {
                    c.value = Some(yq(y, q));
                }
            }
            c.e = e + 1;
            c.the_ok = true;
        }
        Some(c)
    }

    /// "1990s", "'90s", "the nineties", "the 20th century".
    fn p_decade(&self, i: usize) -> Option<Cand> {
        let s = self.text(i);
        let mut the = true;
        let (v, e) = if self.doc.tokens[i].kind == TokenKind::Number
            && s.len() == 5
            && s.ends_with('s')
            && s.as_bytes()[3] == b'0'
        {
            (s[..3].to_string(), i + 1)
        } else if self.doc.tokens[i].kind == TokenKind::Number
            && s.len() == 4
            && s.ends_with('0')
            && self.k(i + 1) == "'s"
        {
            self.int(i)?;
            (s[..3].to_string(), i + 2)
        } else if self.is_apos(i) && self.text(i + 1).len() == 3 && self.text(i + 1).ends_with("0s")
        {
            let d: u32 = self.text(i + 1)[..1].parse().ok()?;
            let c = if d <= 2 { "20" } else { "19" };
            (format!("{c}{d}"), i + 2)
        } else if let Some(d) = self.wd(i).and_then(|w| w.decade) {
            if i == self.lo || self.k(i - 1) != "the" {
                return None;
            }
            (format!("19{d}"), i + 1)
        } else if self.k(i + 1) == "century" {
            the = true;
            let n = self.day_num(i).map(u32::from)?;
            (format!("{:02}", n - 1), i + 2)
        } else {
            return None;
        };
        let mut c = Cand::date(i, e, Some(v));
        c.the_ok = the;
        Some(c)
    }

    /// "the year", "the quarter", "the weekend", "the year 2000".
    fn p_the_unit(&self, i: usize) -> Option<Cand> {
        if i == self.lo || self.k(i - 1) != "the" {
            return None;
        }
        let u = self.wd(i)?.unit?;
        let a = self.anchor;
        let tense = self.tense(i, i + 1);
        let c = match u {
            Unit::Year => {
                if let Some((y, e)) = self.year(i + 1).filter(|(y, _)| *y >= 1000) {
                    Cand::date(i, e, Some(num(y)))
                } else if self.text(i) == "year"
                    && !matches!(self.k(i + 1), "before" | "after" | "earlier" | "later")
                {
                    Cand::date(i, i + 1, a.map(|a| num(a.year())))
                } else {
                    return None;
                }
            }
            Unit::Quarter if self.text(i) == "quarter" => {
                // a quarter named before (a fiscal one) wins over the
                // calendar: "the fiscal first quarter ... the quarter ended
                // Sept. 30"
                let q = self
                    .qctx
                    .or_else(|| self.quarter_ended(i + 1))
                    .or_else(|| self.last_quarter());
                let mut c = Cand::date(i, i + 1, q.map(|(y, q)| yq(y, q)));
                c.quarter = q;
                c
            }
            // "the week of March 6": that day's week
            Unit::Week if self.text(i) == "week" && self.k(i + 1) == "of" => {
                let c = self.core(i + 2).filter(|c| c.kind == TimexType::Date)?;
                Cand::date(i, c.e, c.day.map(week_of))
            }
            // "the day before Christmas", "the day after last Tuesday"
            Unit::Day if self.text(i) == "day" && matches!(self.k(i + 1), "before" | "after") => {
                let c = self.core(i + 2).filter(|c| c.kind == TimexType::Date)?;
                let n = if self.k(i + 1) == "before" { -1 } else { 1 };
                let d = c.day.and_then(|d| add_days(d, n));
                Cand::date(i, c.e, d.map(ymd)).with_day(d)
            }
            Unit::Weekend if self.text(i) == "weekend" => {
                let a = a?;
                let aw = a.weekday().to_monday_one_offset();
                let d = if aw >= 6 || tense == Tense::Future {
                    Some(a)
                } else {
                    add_days(a, -7)
                };
                Cand::date(i, i + 1, d.map(|d| format!("{}-WE", week_of(d))))
            }
            _ => return None,
        };
        Some(c.the())
    }

    /// The reporting period a financial sentence is about: `Some(true)` for
    /// a quarter ("in the third quarter", "the latest period"), `Some(false)`
    /// for a longer span ("for the nine months", "the first half"), `None`
    /// when it names none. A longer span wins: "a year earlier" then means
    /// the year, not the quarter.
    fn sentence_period(&self) -> Option<bool> {
        let mut quarter = false;
        for j in self.lo..self.hi {
            let k = self.key(j);
            let t = self.doc.tok(j);
            if (t == "months" && matches!(self.k(j.wrapping_sub(1)), "six" | "nine"))
                || t.eq_ignore_ascii_case("nine-month")
                || t.eq_ignore_ascii_case("six-month")
                || (k == "half" && j > self.lo && self.toks[j - 1].is_some_and(|w| w.ord.is_some()))
            {
                return Some(false);
            }
            quarter |= k == "quarter"
                || self.toks[j].is_some_and(|w| w.quarter.is_some())
                || (t == "period"
                    && matches!(
                        self.k(j.wrapping_sub(1)),
                        "latest" | "the" | "corresponding" | "comparable" | "same"
                    ));
        }
        quarter.then_some(true)
    }

    /// Can the quarter named at `s..e` be the one the article reports on?
    /// Not one ahead ("the third quarter of 1990" in 1989), nor the running
    /// one unless the clause is past ("growth should continue into the
    /// fourth quarter"; but "it reported fourth-quarter earnings" of a
    /// fiscal year), nor a noun with an indefinite article ("after a flat
    /// second quarter"; "a third-quarter loss" is the loss's).
    fn reportable(&self, (y, q): (i16, u8), s: usize, e: usize) -> bool {
        if let Some(a) = self.anchor {
            if y > a.year()
                || (y, q) >= (a.year(), quarter_of(a)) && self.tense(s, e) != Tense::Past
            {
                return false;
            }
        }
        let noun = self.k(e - 1) == "quarter";
        !(noun && (s.saturating_sub(2).max(self.lo)..s).any(|j| matches!(self.key(j), "a" | "an")))
    }

    /// "(the quarter) ended July 31": the calendar quarter holding most of
    /// the three months up to that day (May to July: the second). Of the
    /// 5 "the quarter ended" in TempEval-3 train, 2 are valued so, 3 left
    /// unknown (QX, P1Q); none otherwise.
    fn quarter_ended(&self, j: usize) -> Option<(i16, u8)> {
        if !matches!(self.k(j), "ended" | "ending") {
            return None;
        }
        let end = self.p_month(j + 1)?.day?;
        let mid = add_months(end, -1)?;
        Some((mid.year(), quarter_of(mid)))
    }

    fn last_quarter(&self) -> Option<(i16, u8)> {
        let a = self.anchor?;
        let q = quarter_of(a);
        Some(if q == 1 {
            (a.year() - 1, 4)
        } else {
            (a.year(), q - 1)
        })
    }

    /// Relative: "last week", "next month", "this spring", "last Friday",
    /// "last November", "the past year", "last night".
    fn p_rel(&self, i: usize) -> Option<Cand> {
        let mut r = self.wd(i)?.rel?;
        let mut j = i + 1;
        let word = self.k(i);
        if word == "this" && matches!(self.k(j), "past" | "coming") {
            r = self.wd(j)?.rel?;
            j += 1;
        }
        if matches!(
            word,
            "past" | "present" | "current" | "latest" | "preceding" | "previous" | "following"
        ) && !(i > self.lo && self.k(i - 1) == "the")
            && word != "current"
        {
            // "past year" without "the" is rare and often an adjective phrase
            if word != "past" {
                return None;
            }
        }
        // a title in quotes: ABC's "This Week"
        if i > self.lo && matches!(self.text(i - 1), "\"" | "“" | "``") && self.cap(j) {
            return None;
        }
        let a = self.anchor;
        // "the following year", "the previous Friday": from what was last
        // mentioned, not from the article date
        let anaphoric = matches!(word, "following" | "previous" | "preceding");
        let fiscal = self.k(j) == "fiscal";
        if fiscal {
            j += 1;
        }
        let w = self.wd(j);
        if self.k(j) == "period" && matches!(word, "latest" | "this" | "current" | "same") {
            let q = self.qctx.or_else(|| self.last_quarter());
            let mut c = Cand::date(i, j + 1, q.map(|(y, q)| yq(y, q)));
            c.quarter = q;
            return Some(c.the());
        }
        // units
        if let Some(u) = w.and_then(|w| w.unit) {
            if !self.text(j).ends_with('s') || u == Unit::Day {
                // singular units only ("the past three years" is a duration)
            }
            if self.text(j).ends_with('s') && self.text(j) != "days" {
                return None;
            }
            let e = j + 1;
            let c = match u {
                Unit::Week => {
                    let d = a.and_then(|a| add_days(a, 7 * r as i64));
                    Cand::date(i, e, d.map(week_of))
                }
                Unit::Month => {
                    // "the following month": from the month last mentioned
                    let base = match self.last_month {
                        Some((y, m)) if anaphoric => mk_date(y, m, 1),
                        _ => a,
                    };
                    let d = base.and_then(|a| add_months(a, r as i64));
                    Cand::date(i, e, d.map(|d| ym(d.year(), d.month())))
                }
                Unit::Year => {
                    // "the following year", "the previous year": from the
                    // year last mentioned, when there is one
                    let y = match self.last_year {
                        Some(ly) if anaphoric => Some(ly + r as i16),
                        _ => a.map(|a| a.year() + r as i16),
                    };
                    // "last year's third quarter"
                    if self.k(e) == "'s" {
                        if let (Some(y), Some((q, qe))) = (y, self.quarter_words(e + 1)) {
                            let mut c = Cand::date(i, qe, Some(year_part(y, &q)));
                            c.quarter = q
                                .strip_prefix('Q')
                                .and_then(|x| x.parse().ok())
                                .map(|q| (y, q));
                            return Some(c.the());
                        }
                    }
                    // "compared with $33 million last year" in a sentence
                    // about the latest quarter: that quarter a year before
                    if r == -1 && word == "last" && self.sentence_period() == Some(true) {
                        if let Some((qy, q)) = self.qctx.or_else(|| self.last_quarter()) {
                            return Some(Cand::date(i, e, Some(yq(qy - 1, q))));
                        }
                    }
                    Cand::date(i, e, y.map(num))
                }
                Unit::Quarter => {
                    let q = a.and_then(|a| {
                        let d = a
                            .first_of_month()
                            .checked_add((3 * r as i64).months())
                            .ok()?;
                        Some((d.year(), quarter_of(d)))
                    });
                    let mut c = Cand::date(i, e, q.map(|(y, q)| yq(y, q)));
                    c.quarter = q;
                    c
                }
                Unit::Weekend => {
                    let d = a.and_then(|a| add_days(a, 7 * r as i64));
                    Cand::date(i, e, d.map(|d| format!("{}-WE", week_of(d))))
                }
                Unit::Decade => {
                    let y = a.map(|a| a.year() / 10 + r as i16);
                    Cand::date(i, e, y.map(|y| format!("{y}")))
                }
                Unit::Century => {
                    let y = a.map(|a| a.year() / 100 + r as i16);
                    Cand::date(i, e, y.map(|y| format!("{y:02}")))
                }
                Unit::Day if self.text(j) == "day" && r != 0 => {
                    let base = self.last_day.or(a);
                    let d = base.and_then(|b| add_days(b, r as i64));
                    Cand::date(i, e, d.map(ymd)).with_day(d)
                }
                _ => return None,
            };
            return Some(c.the());
        }
        if fiscal {
            return None;
        }
        // weekdays
        if let Some(wd) = self.weekday(j) {
            let a = a?;
            let base = self.last_day.filter(|_| anaphoric).unwrap_or(a);
            let d = match (word, r) {
                ("this", _) => self.weekday_date(wd, self.tense(i, j + 1)),
                (_, x) if x < 0 => weekday_near(base, wd, -1),
                _ => weekday_near(base, wd, 1),
            };
            return Some(Cand::date(i, j + 1, d.map(ymd)).with_day(d).the());
        }
        // months
        if let Some((m, _)) = self.month(j) {
            if self.day_num(j + 1).is_some() {
                return None;
            }
            let a = a?;
            let am = a.month() as u8;
            let y = match r {
                0 => a.year(),
                x if x < 0 => {
                    if m < am {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                _ => {
                    if m > am {
                        a.year()
                    } else {
                        a.year() + 1
                    }
                }
            };
            return Some(Cand::date(i, j + 1, Some(ym(y, m as i8))).the());
        }
        // seasons
        if let Some(se) = w.and_then(|w| w.season) {
            let a = a?;
            let idx = |s: &str| match s {
                "SP" => 1,
                "SU" => 2,
                "FA" => 3,
                _ => 4,
            };
            let cur = match a.month() {
                1 | 2 => 0,
                3..=5 => 1,
                6..=8 => 2,
                9..=11 => 3,
                _ => 4,
            };
            let y = match r {
                0 => a.year(),
                x if x < 0 => {
                    if idx(se) < cur {
                        a.year()
                    } else {
                        a.year() - 1
                    }
                }
                _ => {
                    if idx(se) > cur {
                        a.year()
                    } else {
                        a.year() + 1
                    }
                }
            };
            return Some(Cand::date(i, j + 1, Some(format!("{y}-{se}"))).the());
        }
        // "last night", "this morning"
        if let Some(pod) = w.and_then(|w| w.pod) {
            let d = match (word, pod) {
                ("last", "TNI") => a.and_then(|a| add_days(a, -1)),
                ("this", _) => a,
                // "the next morning": the day after the one last named,
                // valued like "Friday morning" (parts_of_day.txt)
                ("next" | "following", _) if i > self.lo && self.k(i - 1) == "the" => {
                    let d = self.last_day.or(a).and_then(|d| add_days(d, 1));
                    let c = if w.is_some_and(|w| w.pod_plain_after_weekday) {
                        Cand::date(i, j + 1, d.map(ymd))
                    } else {
                        Cand::new(i, j + 1, TimexType::Time, d.map(|d| ymd(d) + pod))
                    };
                    return Some(c.with_day(d).the());
                }
                _ => return None,
            };
            return Some(Cand::new(
                i,
                j + 1,
                TimexType::Time,
                d.map(|d| ymd(d) + pod),
            ));
        }
        None
    }

    /// "today", "yesterday morning", "tomorrow", "tonight".
    fn p_dayword(&self, i: usize) -> Option<Cand> {
        let k = self.k(i);
        if !matches!(k, "today" | "yesterday" | "tomorrow" | "tonight") {
            return None;
        }
        // a name: "USA Today", "This is VOA Today"
        if i > self.lo && self.cap(i) && self.name_like(i - 1) || self.guarded(i, i + 1) {
            return None;
        }
        let off = match k {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            "tonight" => {
                let v = self.anchor.map(|a| ymd(a) + "TNI");
                return Some(Cand::new(i, i + 1, TimexType::Time, v).with_day(self.anchor));
            }
            _ => return None,
        };
        let d = self.anchor.and_then(|a| add_days(a, off));
        Some(self.day_at(i, d))
    }

    /// "two years ago", "a year earlier", "10 days ago"; durations "three years".
    fn p_ago(&self, i: usize) -> Option<Cand> {
        let (n, j) = match self.k(i) {
            "a" | "an" => (Some(1), i + 1),
            "several" | "many" | "some" => (None, i + 1),
            "few" => (None, i + 1),
            // a unit after the count is checked first: cheaper than the count
            _ if self.wd(i + 1).is_none_or(|w| w.unit.is_none()) => return None,
            _ => (Some(self.number(i)?), i + 1),
        };
        if self.k(i) == "a" && self.k(j) == "few" {
            return self.p_ago_rest(i, None, j + 1);
        }
        self.p_ago_rest(i, n, j)
    }

    fn p_ago_rest(&self, i: usize, n: Option<u32>, j: usize) -> Option<Cand> {
        let u = self.wd(j)?.unit?;
        let e = j + 1;
        let dir = match self.k(e) {
            "ago" | "earlier" | "before" => -1i64,
            "later" | "hence" => 1,
            _ => 0,
        };
        if dir == 0 {
            // a duration
            if matches!(self.k(i), "a" | "an" | "some" | "many" | "several") {
                return None;
            }
            let n = n?;
            let code = match u {
                Unit::Day => "D",
                Unit::Week => "W",
                Unit::Month => "M",
                Unit::Quarter => "Q",
                Unit::Year => "Y",
                Unit::Decade => "DE",
                Unit::Century => "CE",
                Unit::Hour => "H",
                Unit::Minute => "M",
                Unit::Second => "S",
                Unit::Weekend => return None,
            };
            let t = if matches!(u, Unit::Hour | Unit::Minute | Unit::Second) {
                "T"
            } else {
                ""
            };
            return Some(Cand::new(
                i,
                e,
                TimexType::Duration,
                Some(format!("P{t}{n}{code}")),
            ));
        }
        let e = e + 1;
        let Some(n) = n else {
            let v = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some(Cand::date(i, e, Some(v.into())));
        };
        let n = n as i64 * dir;
        let a = self.anchor;
        let c = match u {
            Unit::Year => {
                let period = self.sentence_period();
                if n.abs() == 1
                    && period != Some(false)
                    && (self.qctx.is_some() || period.is_some())
                {
                    if let Some((y, q)) = self.qctx.or_else(|| self.last_quarter()) {
                        let mut c = Cand::date(i, e, Some(yq(y + n as i16, q)));
                        c.quarter = None;
                        return Some(c);
                    }
                }
                Cand::date(i, e, a.map(|a| num(a.year() as i64 + n)))
            }
            Unit::Month => {
                let d = a.and_then(|a| add_months(a, n));
                Cand::date(i, e, d.map(|d| ym(d.year(), d.month())))
            }
            Unit::Week => {
                let d = a.and_then(|a| add_days(a, 7 * n));
                Cand::date(i, e, d.map(week_of))
            }
            Unit::Day => {
                let d = a.and_then(|a| add_days(a, n));
                Cand::date(i, e, d.map(ymd)).with_day(d)
            }
            Unit::Decade => Cand::date(i, e, a.map(|a| format!("{}", a.year() as i64 + 10 * n))),
            Unit::Quarter => {
                let q = a.and_then(|a| {
                    let d = a.first_of_month().checked_add((3 * n).months()).ok()?;
                    Some((d.year(), quarter_of(d)))
                });
                Cand::date(i, e, q.map(|(y, q)| yq(y, q)))
            }
            _ => return None,
        };
        Some(c)
    }

    /// Ordinal quarter or half at `i`: "third quarter", "third-quarter",
    /// "fiscal first quarter", "first half". Returns ("Q3", end).
    fn quarter_words(&self, i: usize) -> Option<(String, usize)> {
        let mut j = i;
        if self.k(j) == "fiscal" {
            j += 1;
        }
        if let Some(q) = self.wd(j).and_then(|w| w.quarter) {
            let mut e = j + 1;
            if self.k(e) == "fiscal" {
                e += 1;
            }
            return Some((q.to_ascii_uppercase(), e));
        }
        // "the first two quarters of 1990" is a half year
        if self.k(j + 1) == "two" && self.k(j + 2) == "quarters" {
            let h = match self.k(j) {
                "first" => "H1",
                // "the last two quarters" alone is a span of time
                "last" | "final" if self.k(j + 3) == "of" && self.year(j + 4).is_some() => "H2",
                _ => return None,
            };
            return Some((h.to_string(), j + 3));
        }
        // an ordinal before "quarter" or "half" (checked first: cheaper)
        let mut e = j + 1;
        if self.k(e) == "fiscal" {
            e += 1;
        }
        let noun = self.k(e);
        if !matches!(noun, "quarter" | "half") {
            return None;
        }
        // "the fiscal-first quarter": the ordinal fused with "fiscal"
        let fused = (j < self.hi)
            .then(|| self.text(j).get(..7))
            .flatten()
            .filter(|p| p.eq_ignore_ascii_case("fiscal-"))
            .and_then(|_| lexicon().lookup(&self.text(j)[7..]))
            .and_then(|w| w.ord);
        let ord = self.day_num(j).filter(|_| {
            self.doc.tokens[j].kind == TokenKind::Number
                || self.wd(j).is_some_and(|w| w.ord.is_some())
        });
        let ord = ord.or(fused.filter(|n| *n <= 4).map(|n| n as u8));
        let ord = ord.or_else(|| {
            (self.k(j) == "last")
                .then_some(2)
                .filter(|_| self.k(j + 1) == "half")
        })?;
        match noun {
            "quarter" if (1..=4).contains(&ord) => Some((format!("Q{ord}"), e + 1)),
            "half" if (1..=2).contains(&ord) => Some((format!("H{ord}"), e + 1)),
            _ => None,
        }
    }

    fn p_quarter(&self, i: usize) -> Option<Cand> {
        let (q, mut e) = self.quarter_words(i)?;
        // a half needs "the" or a year: "first half" of a game...
        let mut year = None;
        if self.k(e) == "of" {
            if let Some((y, ye)) = self.year(e + 1) {
                year = Some(y);
                e = ye;
            }
        } else if let Some((y, ye)) = self.year(e).filter(|(y, _)| *y >= 1900) {
            year = Some(y);
            e = ye;
        }
        let n: u8 = q[1..].parse().ok()?;
        let qn = if q.starts_with('H') { n * 2 } else { n };
        let tense = self.tense(i, e);
        let y = year.or_else(|| self.quarter_year(qn.min(4), tense));
        let mut c = Cand::date(i, e, y.map(|y| year_part(y, &q)));
        if q.starts_with('Q') {
            c.quarter = y.map(|y| (y, n));
        }
        // a hyphenated quarter is an adjective: "the third-quarter results"
        // leaves "the" with the noun
        let adjective = e == i + 1 || self.k(i) == "fiscal" && e == i + 2;
        if adjective && self.text(e - 1).contains('-') {
            return Some(c);
        }
        Some(c.the())
    }

    /// "fiscal 1989", "FY1998", "year-earlier", "year-ago", "year-end",
    /// "every Monday", "daily", "this coming ...".
    fn p_misc(&self, i: usize) -> Option<Cand> {
        let k = self.k(i);
        let a = self.anchor;
        match k {
            "fiscal" => {
                let j = if self.k(i + 1) == "year" {
                    i + 2
                } else {
                    i + 1
                };
                if j == i + 2 && self.year(j).is_none() && i > self.lo && self.k(i - 1) == "the" {
                    // "the fiscal year"
                    return Some(Cand::date(i, j, a.map(|a| num(a.year()))).the());
                }
                let (y, e) = self.year(j).filter(|(y, _)| *y >= 1900)?;
                Some(Cand::date(i, e, Some(num(y))).the())
            }
            "year-earlier" | "year-ago" => {
                let mut e = i + 1;
                let mut quarter = match self.sentence_period() {
                    Some(q) => q,
                    None => self.qctx.is_some(),
                };
                if matches!(self.k(e), "quarter" | "period") {
                    e += 1;
                    quarter = true;
                } else if let Some((_, qe)) = self.quarter_words(e) {
                    e = qe;
                    quarter = true;
                }
                let v = if quarter {
                    self.qctx
                        .or_else(|| self.last_quarter())
                        .map(|(y, q)| yq(y - 1, q))
                } else {
                    a.map(|a| num(a.year() - 1))
                };
                // "the year-earlier period", but "the year-ago results"
                let c = Cand::date(i, e, v);
                Some(if e > i + 1 { c.the() } else { c })
            }
            "year" if self.k(i + 1) == "end" || self.k(i + 1) == "'s" && self.k(i + 2) == "end" => {
                let e = if self.k(i + 1) == "end" { i + 2 } else { i + 3 };
                let mut c = Cand::date(i, e, a.map(|a| num(a.year()))).the();
                c.modi = Some("END");
                Some(c)
            }
            "full" if self.k(i + 1) == "year" && i > self.lo && self.k(i - 1) == "the" => {
                Some(Cand::date(i, i + 2, a.map(|a| num(a.year()))).the())
            }
            "that" => {
                let j = if self.k(i + 1) == "same" {
                    i + 2
                } else {
                    i + 1
                };
                let c = match self.k(j) {
                    // "that day" with no day before it is no date ("trades
                    // made that day")
                    "day" => {
                        Cand::date(i, j + 1, Some(ymd(self.last_day?))).with_day(self.last_day)
                    }
                    "year" => Cand::date(i, j + 1, self.last_year.map(num)),
                    "quarter" => {
                        let mut c = Cand::date(i, j + 1, self.last_q.map(|(y, q)| yq(y, q)));
                        c.quarter = self.last_q;
                        c
                    }
                    _ => return None,
                };
                Some(c)
            }
            "year-end" => Some(self.year_end(i, i + 1)),
            "mid" => {
                let pod = self.wd(i + 1)?.pod?;
                Some(self.pod_then_day(i, i + 2, pod))
            }
            "every" | "each" => {
                let j = i + 1;
                if let Some(wd) = self.weekday(j) {
                    return Some(Cand::new(
                        i,
                        j + 1,
                        TimexType::Set,
                        Some(format!("XXXX-WXX-{wd}")),
                    ));
                }
                let code = match self.wd(j)?.unit? {
                    Unit::Day => "P1D",
                    Unit::Week => "P1W",
                    Unit::Month => "P1M",
                    Unit::Year => "P1Y",
                    _ => return None,
                };
                if self.text(j).ends_with('s') {
                    return None;
                }
                Some(Cand::new(i, j + 1, TimexType::Set, Some(code.into())))
            }
            "daily" | "weekly" | "monthly" | "annually" | "yearly" => {
                let code = match k {
                    "daily" => "P1D",
                    "weekly" => "P1W",
                    "monthly" => "P1M",
                    _ => "P1Y",
                };
                Some(Cand::new(i, i + 1, TimexType::Set, Some(code.into())))
            }
            _ => {
                // FY1998
                let s = self.text(i);
                if let Some(rest) = s.strip_prefix("FY") {
                    if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                        return Some(Cand::date(i, i + 1, Some(rest.to_string())));
                    }
                }
                // season alone: "summer", "the spring of 1998"
                let se = self.wd(i)?.season?;
                let mut e = i + 1;
                let j = if self.k(e) == "of" { e + 1 } else { e };
                let year = self.year(j).filter(|(y, _)| *y >= 1000);
                if let Some((_, ye)) = year {
                    e = ye;
                }
                let prev = if i > self.lo { self.k(i - 1) } else { "" };
                let det = matches!(
                    prev,
                    "the" | "in" | "during" | "by" | "until" | "since" | "this" | "early" | "late"
                );
                if year.is_none() {
                    if matches!(se, "FA" | "SP") && (prev != "the" || self.k(e) == "of") {
                        return None;
                    }
                    if !det {
                        return None;
                    }
                    if self.k(e) == "of" {
                        return None;
                    }
                }
                let y = year.map(|(y, _)| y).or(a.map(|a| a.year()));
                Some(Cand::date(i, e, y.map(|y| format!("{y}-{se}"))).the())
            }
        }
    }

    /// A part of the day at `s..e` ("mid-afternoon", "mid afternoon"), with
    /// the day after it if one is named ("yesterday"), else the article's.
    fn pod_then_day(&self, s: usize, e: usize, pod: &str) -> Cand {
        let (day, e) = match self.day_expr(e, s) {
            Some(c) => (c.day, c.e),
            None => (self.anchor, e),
        };
        let v = day.map(|d| ymd(d) + pod);
        Cand::new(s, e, TimexType::Time, v).with_day(day)
    }

    /// "year-end", the accounting term: the year's last day (both valued
    /// "year-end" in TempEval-3 train are so; the two "year end" and
    /// "year's end" are the year, END); last year's after "since" or in a
    /// past clause ("the shares have fallen since year-end").
    fn year_end(&self, i: usize, e: usize) -> Cand {
        let back = i > self.lo && self.k(i - 1) == "since" || self.tense(i, e) == Tense::Past;
        let d = self
            .anchor
            .and_then(|a| mk_date(a.year() - i16::from(back), 12, 31));
        let mut c = Cand::date(i, e, d.map(ymd)).with_day(d).the();
        c.modi = Some("END");
        c
    }

    /// "mid-November", "mid-1990s", "late-November", "early-1990".
    fn p_hyphen_mod(&self, i: usize) -> Option<Cand> {
        if !self.maybe_hyphen_mod(i) {
            return None;
        }
        let s = self.text(i);
        let low = s.to_ascii_lowercase();
        let (m, rest) = if let Some(r) = low.strip_prefix("mid-") {
            ("MID", r)
        } else if let Some(r) = low.strip_prefix("early-") {
            ("START", r)
        } else if let Some(r) = low.strip_prefix("late-") {
            ("END", r)
        } else {
            return None;
        };
        let orig_rest = &s[s.len() - rest.len()..];
        if let Some(pod) = lexicon().get(rest).and_then(|w| w.pod) {
            // "mid-afternoon yesterday"
            return Some(self.pod_then_day(i, i + 1, pod));
        }
        let v = if let Some(w) = lexicon().get(rest).filter(|w| {
            w.month > 0 && !w.month_strict || rest == "march" || rest == "may" || rest == "june"
        }) {
            let y = self.year_for(w.month, None, self.tense(i, i + 1));
            y.map(|y| ym(y, w.month as i8))
        } else if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
            Some(rest.to_string())
        } else if rest.len() == 5
            && rest.ends_with('s')
            && rest[..4].bytes().all(|b| b.is_ascii_digit())
        {
            Some(rest[..3].to_string())
        } else {
            let _ = orig_rest;
            return None;
        };
        let mut c = Cand::date(i, i + 1, v).the();
        c.modi = Some(m);
        Some(c)
    }
}

/// Is `text`, with its ASCII letters lower-cased, one of `list` (words in
/// lower case)? Compared in place, without a lower-cased copy.
fn in_list(list: &[&str], text: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(text))
}

/// Digits and an ordinal suffix: "9th", "21st", "3RD".
fn is_ordinal(t: &[u8]) -> bool {
    let n = t.iter().take_while(|b| b.is_ascii_digit()).count();
    let suffix = &t[n..];
    n > 0
        && ["st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x.as_bytes()))
}

fn is_apostrophe(kind: TokenKind, text: &[u8]) -> bool {
    kind == TokenKind::Punct && (text == b"'" || text == "’".as_bytes())
}

/// Might the token be "mid-November", "early-1990s", "late-afternoon"?
/// The first tests are combined without branches (`&`, not `&&`): asked
/// of every word that is not plain lower case, of which they pass one in
/// ten in no order a branch predictor could learn.
#[inline]
fn maybe_hyphen_mod(kind: TokenKind, s: &[u8]) -> bool {
    // ASCII letters lower-cased ('M' | 0x20 is 'm'; no other byte is)
    let first = s.first().map_or(0, |b| b | 0x20);
    (kind == TokenKind::Word) & (s.len() > 4) & matches!(first, b'm' | b'e' | b'l')
        && s.contains(&b'-')
}

fn longer(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.e > a.e || (b.e == a.e && b.s < a.s) {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests;

/// A month or weekday name that is never anything else ("July", "Monday",
/// "Sept."; not "May" or "March"): the entity tagger keeps such words out of
/// names ("July FOMC", "Sept Brent").
pub fn is_calendar_word(word: &str) -> bool {
    lexicon()
        .lookup(word)
        .is_some_and(|x| (x.month > 0 && !x.month_strict) || x.weekday > 0)
}
