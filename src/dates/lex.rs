//! The date tagger's word lists (`data/dates/*.txt`), loaded once.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FxHash (as in rustc): a multiply-rotate hash, much cheaper than SipHash
/// on the short lower-case words looked up here. The keys are our own word
/// lists, so there is no untrusted input to guard against.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut b = bytes;
        while b.len() >= 8 {
            self.add(u64::from_le_bytes(b[..8].try_into().unwrap()));
            b = &b[8..];
        }
        if b.len() >= 4 {
            self.add(u32::from_le_bytes(b[..4].try_into().unwrap()) as u64);
            b = &b[4..];
        }
        for &x in b {
            self.add(x as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
    Hour,
    Minute,
    Second,
}

/// Tense class of a marker word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Future,
    /// Future only before "to": "plans to", "is set to".
    FutureTo,
    Past,
    Report,
    /// Present tense: no direction ("is calling for redemption on Dec. 7").
    Present,
}

/// Everything the lists say about one lower-case word.
#[derive(Debug, Clone, Copy, Default)]
pub struct Word {
    pub month: u8,
    pub month_strict: bool,
    pub weekday: u8,
    pub season: Option<&'static str>,
    pub num: Option<u32>,
    pub ord: Option<u32>,
    pub decade: Option<u32>,
    pub pod: Option<&'static str>,
    /// "<weekday> <part>" is the plain day (parts_of_day.txt, "date").
    pub pod_plain_after_weekday: bool,
    pub rel: Option<i8>,
    pub unit: Option<Unit>,
    pub quarter: Option<&'static str>,
    pub tz: bool,
    pub marker: Option<Marker>,
    /// Right before an expression, puts it ahead: "payable Dec. 7", "until May".
    pub ahead: bool,
    pub licensor: bool,
    /// First word of a phrase in refs.txt / holidays.txt / modifiers.txt.
    pub starts_ref: bool,
    pub starts_holiday: bool,
    pub starts_mod: bool,
    /// Some pattern may begin at this word.
    pub starter: bool,
    /// Begins an expression only when a date word or a number follows
    /// ("the", "at", "about"): marked `lead` in keywords.txt, or the first
    /// word of only multi-word phrases in refs.txt and of modifiers.
    pub lead: bool,
}

/// A multi-word phrase with its payload.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<&'static str>,
    pub value: &'static str,
}

pub struct Lexicon {
    pub words: FxMap<&'static str, Word>,
    /// For each first byte of a lower-case key, a bit per key length
    /// (bit `n` set: some key of `n` bytes starts with that byte; lengths
    /// of 63 bytes or more share bit 63). Lets the tagger skip most tokens
    /// without lower-casing or hashing them.
    pub first_len: [u64; 256],
    /// A bit per byte value that ends some key (lower case).
    pub last: [u64; 4],
    pub refs: Vec<Phrase>,
    pub holidays: Vec<Phrase>,
    pub modifiers: Vec<Phrase>,
}

/// Data lines: comments (`#`) and blank lines removed, split on tabs.
pub fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn phrases(data: &'static str) -> Vec<Phrase> {
    let mut v: Vec<Phrase> = rows(data)
        .map(|r| Phrase {
            words: r[0].split(' ').collect(),
            value: r.get(1).copied().unwrap_or(""),
        })
        .collect();
    // longest first, so the first match is the longest
    v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    v
}

impl Lexicon {
    /// Could `token` (any case) be a key? False means it surely is not:
    /// no key of its length starts with its first letter (lower-cased).
    /// Tokens that are not ASCII always pass (a typographic apostrophe is
    /// mapped to `'` before the look-up).
    #[inline]
    pub fn may_contain(&self, token: &str) -> bool {
        let b = token.as_bytes();
        let Some(&f) = b.first() else {
            return false;
        };
        if !f.is_ascii() {
            return true;
        }
        let l = b[b.len() - 1].to_ascii_lowercase() as usize;
        self.first_len[f.to_ascii_lowercase() as usize] & (1u64 << b.len().min(63)) != 0
            && (l >= 128 || self.last[l / 64] & (1u64 << (l % 64)) != 0)
    }

    /// The entry of a token, looked up lower-cased, with `’` read as `'`.
    /// Returns the stored key (`'static`) and its word.
    #[inline]
    pub fn lookup(&'static self, token: &str) -> Option<(&'static str, &'static Word)> {
        if token.len() > 24 || !self.may_contain(token) {
            return None;
        }
        let mut buf = [0u8; 32];
        let n = if token.is_ascii() {
            let n = token.len();
            buf[..n].copy_from_slice(token.as_bytes());
            buf[..n].make_ascii_lowercase();
            n
        } else {
            let mut n = 0;
            for c in token.chars() {
                let lower = if c == '’' { '\'' } else { c };
                for l in lower.to_lowercase() {
                    let mut tmp = [0u8; 4];
                    let e = l.encode_utf8(&mut tmp).as_bytes();
                    if n + e.len() > buf.len() {
                        return None;
                    }
                    buf[n..n + e.len()].copy_from_slice(e);
                    n += e.len();
                }
            }
            n
        };
        let key = std::str::from_utf8(&buf[..n]).ok()?;
        self.words.get_key_value(key).map(|(k, v)| (*k, v))
    }
}

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut w: FxMap<&'static str, Word> = FxMap::default();
        for r in rows(include_str!("../../data/dates/months.txt")) {
            let e = w.entry(r[0]).or_default();
            e.month = r[1].parse().expect("month number");
            e.month_strict = r.get(2) == Some(&"strict");
        }
        for r in rows(include_str!("../../data/dates/weekdays.txt")) {
            w.entry(r[0]).or_default().weekday = r[1].parse().expect("weekday number");
        }
        for r in rows(include_str!("../../data/dates/seasons.txt")) {
            w.entry(r[0]).or_default().season = Some(r[1]);
        }
        for r in rows(include_str!("../../data/dates/numbers.txt")) {
            let n: u32 = r[1].parse().expect("number");
            let e = w.entry(r[0]).or_default();
            if r.get(2) == Some(&"ord") {
                e.ord = Some(n);
            } else {
                e.num = Some(n);
            }
        }
        for r in rows(include_str!("../../data/dates/decades.txt")) {
            w.entry(r[0]).or_default().decade = Some(r[1].parse().expect("decade"));
        }
        for r in rows(include_str!("../../data/dates/units.txt")) {
            let u = match r[1] {
                "D" => Unit::Day,
                "W" => Unit::Week,
                "M" => Unit::Month,
                "Q" => Unit::Quarter,
                "Y" => Unit::Year,
                "DE" => Unit::Decade,
                "CE" => Unit::Century,
                "WE" => Unit::Weekend,
                "H" => Unit::Hour,
                "MIN" => Unit::Minute,
                "S" => Unit::Second,
                x => panic!("unknown unit {x}"),
            };
            w.entry(r[0]).or_default().unit = Some(u);
        }
        for r in rows(include_str!("../../data/dates/relatives.txt")) {
            w.entry(r[0]).or_default().rel = Some(r[1].parse().expect("offset"));
        }
        for r in rows(include_str!("../../data/dates/parts_of_day.txt")) {
            let e = w.entry(r[0]).or_default();
            e.pod = Some(r[1]);
            e.pod_plain_after_weekday = match r.get(2).copied() {
                Some("date") => true,
                Some("code") => false,
                x => panic!("parts_of_day.txt: bad third column {x:?}"),
            };
        }
        for r in rows(include_str!("../../data/dates/quarters.txt")) {
            w.entry(r[0]).or_default().quarter = Some(r[1]);
        }
        for r in rows(include_str!("../../data/dates/timezones.txt")) {
            w.entry(r[0]).or_default().tz = true;
        }
        for r in rows(include_str!("../../data/dates/tense.txt")) {
            if r[1] == "ahead" {
                w.entry(r[0]).or_default().ahead = true;
                continue;
            }
            let m = match r[1] {
                "future" => Marker::Future,
                "future-to" => Marker::FutureTo,
                "past" => Marker::Past,
                "report" => Marker::Report,
                "present" => Marker::Present,
                x => panic!("unknown tense {x}"),
            };
            w.entry(r[0]).or_default().marker = Some(m);
        }
        for r in rows(include_str!("../../data/dates/licensors.txt")) {
            w.entry(r[0]).or_default().licensor = true;
        }
        let mut keyword_start = Vec::new();
        for r in rows(include_str!("../../data/dates/keywords.txt")) {
            let e = w.entry(r[0]).or_default();
            match r.get(1) {
                Some(&"start") => {
                    e.starter = true;
                    keyword_start.push(r[0]);
                }
                Some(&"lead") => {
                    e.starter = true;
                    e.lead = true;
                }
                _ => {}
            }
        }
        let refs = phrases(include_str!("../../data/dates/refs.txt"));
        let holidays = phrases(include_str!("../../data/dates/holidays.txt"));
        let modifiers = phrases(include_str!("../../data/dates/modifiers.txt"));
        for p in refs.iter().chain(&holidays).chain(&modifiers) {
            for x in &p.words {
                w.entry(x).or_default();
            }
        }
        for p in &refs {
            w.entry(p.words[0]).or_default().starts_ref = true;
        }
        for p in &holidays {
            w.entry(p.words[0]).or_default().starts_holiday = true;
        }
        for p in &modifiers {
            w.entry(p.words[0]).or_default().starts_mod = true;
        }
        for e in w.values_mut() {
            e.starter |= e.month > 0
                || e.weekday > 0
                || e.season.is_some()
                || e.num.is_some()
                || e.ord.is_some()
                || e.decade.is_some()
                || e.rel.is_some()
                || e.unit.is_some()
                || e.quarter.is_some()
                || e.starts_ref
                || e.starts_holiday
                || e.starts_mod;
        }
        for (k, e) in w.iter_mut() {
            let alone = refs.iter().any(|p| p.words == [*k]);
            let plain = e.month == 0
                && e.weekday == 0
                && e.season.is_none()
                && e.num.is_none()
                && e.ord.is_none()
                && e.decade.is_none()
                && e.pod.is_none()
                && e.rel.is_none()
                && e.unit.is_none()
                && e.quarter.is_none()
                && !e.tz
                && !e.starts_holiday;
            if (e.starts_ref || e.starts_mod) && !alone && plain && !keyword_start.contains(k) {
                e.lead = true;
            }
        }
        let mut first_len = [0u64; 256];
        let mut last = [0u64; 4];
        for k in w.keys() {
            let b = k.as_bytes()[0] as usize;
            first_len[b] |= 1u64 << k.len().min(63);
            let l = k.as_bytes()[k.len() - 1] as usize;
            last[l / 64] |= 1u64 << (l % 64);
        }
        Lexicon {
            words: w,
            first_len,
            last,
            refs,
            holidays,
            modifiers,
        }
    })
}
