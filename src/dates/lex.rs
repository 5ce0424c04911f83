//! The date tagger's word lists (`data/dates/*.txt`), loaded once.
use std::collections::HashMap;
use std::sync::OnceLock;

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
}

/// A multi-word phrase with its payload.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<&'static str>,
    pub value: &'static str,
}

pub struct Lexicon {
    pub words: HashMap<&'static str, Word>,
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

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut w: HashMap<&'static str, Word> = HashMap::new();
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
            w.entry(r[0]).or_default().pod = Some(r[1]);
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
        for r in rows(include_str!("../../data/dates/keywords.txt")) {
            let e = w.entry(r[0]).or_default();
            e.starter |= r.get(1) == Some(&"start");
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
        Lexicon {
            words: w,
            refs,
            holidays,
            modifiers,
        }
    })
}
