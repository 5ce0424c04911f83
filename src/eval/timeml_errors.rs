//! What kind of errors the TimeML value score is made of.
//!
//! `whomet-eval timeml --why` sorts every value error (a gold DATE/TIME
//! expression overlapped by ours, with another value) and every false
//! positive into kinds that say whether a rule could fix it without
//! breaking the same reading elsewhere in the corpus:
//!
//! - the gold value is a typing variant of ours ("2000-W6" for "2000-W06",
//!   "T17" for "T17:00");
//! - the gold value is left vague ("1989-WXX", "1988-QX", "199X", a
//!   duration, `PAST_REF`) where we give the period;
//! - the gold adds or drops a part of day ("TMO", "TNI") that the same
//!   wording gets the other way elsewhere;
//! - a weekday the gold puts a whole number of weeks from our reading
//!   (which follows the sentence's tense and the article date);
//! - the same wording, with the same relation to the article date as ours
//!   ("a year ago" = the year before, in the quarter reported), is scored
//!   right elsewhere in the set: another reading would break those;
//! - anything else: where a better rule may exist.
//!
//! False positives are split the same way: the same wording is a gold
//! expression elsewhere in the set, or not.
use super::timeml::{GoldTimex, TimeMlDoc};
use crate::dates::{self, TimexType};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashSet};

/// A gold expression that ours overlaps, or one of ours that no gold
/// expression overlaps.
#[derive(Debug, Clone)]
pub struct Case {
    /// The gold expression's text (or ours for a false positive), lower case.
    pub phrase: String,
    pub gold: Option<String>,
    pub got: Option<String>,
    pub dct: Option<Date>,
}

/// The value cases of one document: every scored gold expression that one
/// of ours overlaps, and every expression of ours that overlaps no gold one.
pub fn cases(doc: &TimeMlDoc, preds: &[dates::TimeExpr], out: &mut Vec<Case>) {
    let scored = |g: &&GoldTimex| g.kind == "DATE" || g.kind == "TIME";
    let gold: Vec<&GoldTimex> = doc.timexes.iter().filter(scored).collect();
    let preds: Vec<&dates::TimeExpr> = preds
        .iter()
        .filter(|p| matches!(p.kind, TimexType::Date | TimexType::Time))
        .collect();
    let over = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let lower = |a: usize, b: usize| doc.text[a..b].to_lowercase().replace('\n', " ");
    for g in &gold {
        let hits: Vec<_> = preds
            .iter()
            .filter(|p| over((g.start, g.end), (p.start, p.end)))
            .collect();
        if hits.is_empty() {
            continue;
        }
        let right = hits.iter().find(|p| p.value.as_deref() == Some(&g.value));
        out.push(Case {
            phrase: lower(g.start, g.end),
            gold: Some(g.value.clone()),
            got: right.unwrap_or(&hits[0]).value.clone(),
            dct: doc.dct,
        });
    }
    for p in &preds {
        let any = |t: &GoldTimex| over((p.start, p.end), (t.start, t.end));
        if !doc.timexes.iter().any(any) {
            out.push(Case {
                phrase: lower(p.start, p.end),
                gold: None,
                got: p.value.clone(),
                dct: doc.dct,
            });
        }
    }
}

/// Where a value lies from the article date, at its own precision: a year
/// or quarter or month or ISO week or day offset, or the value itself.
fn relation(v: &str, dct: Option<Date>) -> (char, i64, String) {
    let Some(a) = dct else {
        return ('v', 0, v.to_string());
    };
    let num = |s: &str| s.parse::<i64>().ok();
    let (y, rest) = (v.get(..4).and_then(num), v.get(4..).unwrap_or(""));
    let ay = i64::from(a.year());
    match (y, rest.len()) {
        (Some(y), 0) => return ('y', y - ay, String::new()),
        (Some(y), 3) if rest.starts_with("-Q") => {
            if let Some(q) = num(&rest[2..]) {
                let aq = (i64::from(a.month()) - 1) / 3 + 1;
                return ('q', (y - ay) * 4 + q - aq, String::new());
            }
        }
        (Some(y), 3) if rest.starts_with('-') => {
            if let Some(m) = num(&rest[1..]) {
                return ('m', (y - ay) * 12 + m - i64::from(a.month()), String::new());
            }
        }
        (Some(y), 4) if rest.starts_with("-W") => {
            if let Some(w) = num(&rest[2..]) {
                let iso = a.iso_week_date();
                let (iy, iw) = (i64::from(iso.year()), i64::from(iso.week()));
                return ('w', (y - iy) * 53 + w - iw, String::new());
            }
        }
        _ => {}
    }
    if let Some(d) = v.get(..10).and_then(|d| d.parse::<Date>().ok()) {
        let days = (d - a).get_days();
        return ('d', i64::from(days), v[10..].to_string());
    }
    ('v', 0, v.to_string())
}

/// "2000-W6" -> "2000-W06", "...T17" -> "...T17:00": the same value typed
/// two ways.
fn canonical(v: &str) -> String {
    let mut s = v.to_string();
    if let Some(i) = s.find("-W") {
        let w = &s[i + 2..];
        if w.len() == 1 && w.as_bytes()[0].is_ascii_digit() {
            s.insert(i + 2, '0');
        }
    }
    if let Some(i) = s.find('T') {
        let t = &s[i + 1..];
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) {
            s.push_str(":00");
        }
    }
    s
}

fn is_vague(v: &str) -> bool {
    v.contains('X') || v.starts_with('P') && v.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The kinds, in the order they are tested.
pub const KINDS: [&str; 6] = [
    "gold value typed differently (W6/W06, T17/T17:00)",
    "gold value left vague (XX, WXX, QX, duration, *_REF) where we give the period",
    "part of day added or dropped (TMO/TNI/TEV)",
    "weekday a whole number of weeks from our reading",
    "same wording, same relation to the article date, right elsewhere",
    "other (a better rule may exist)",
];

/// Counts of value errors by kind, and of false positives whose wording is
/// (or is not) a gold expression elsewhere.
#[derive(Debug, Default)]
pub struct Breakdown {
    pub value_errors: BTreeMap<usize, usize>,
    pub fp_annotated_elsewhere: usize,
    pub fp_other: usize,
    /// The "other" value errors, for the log.
    pub other: Vec<Case>,
}

pub fn breakdown(cases: &[Case]) -> Breakdown {
    let mut right: HashSet<(&str, (char, i64, String))> = HashSet::new();
    let mut gold_phrases: HashSet<&str> = HashSet::new();
    for c in cases {
        if let Some(g) = &c.gold {
            gold_phrases.insert(&c.phrase);
            if c.got.as_deref() == Some(g.as_str()) {
                right.insert((&c.phrase, relation(g, c.dct)));
            }
        }
    }
    let mut b = Breakdown::default();
    for c in cases {
        let got = c.got.as_deref().unwrap_or("");
        let Some(gold) = c.gold.as_deref() else {
            if gold_phrases.contains(c.phrase.as_str()) {
                b.fp_annotated_elsewhere += 1;
            } else {
                b.fp_other += 1;
            }
            continue;
        };
        if gold == got {
            continue;
        }
        let refs = ["PAST_REF", "PRESENT_REF", "FUTURE_REF"];
        let day = |v: &str| v.get(..10).and_then(|d| d.parse::<Date>().ok());
        let weeks_apart = match (day(gold), day(got)) {
            (Some(g), Some(o)) => (g - o).get_days() % 7 == 0,
            _ => false,
        };
        let pod = |a: &str, b: &str| {
            a.len() == b.len() + 3 && a.starts_with(b) && a.as_bytes()[b.len()] == b'T'
        };
        let kind = if canonical(gold) == canonical(got) {
            0
        } else if is_vague(gold) || refs.contains(&gold) && !refs.contains(&got) {
            1
        } else if pod(gold, got) || pod(got, gold) {
            2
        } else if weeks_apart && WEEKDAYS.iter().any(|w| c.phrase.contains(w)) {
            3
        } else if right.contains(&(c.phrase.as_str(), relation(got, c.dct))) {
            4
        } else {
            b.other.push(c.clone());
            5
        };
        *b.value_errors.entry(kind).or_default() += 1;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(phrase: &str, gold: Option<&str>, got: &str, dct: &str) -> Case {
        Case {
            phrase: phrase.into(),
            gold: gold.map(Into::into),
            got: Some(got.into()),
            dct: dct.parse().ok(),
        }
    }

    #[test]
    fn sorts_errors_into_kinds() {
        let cases = [
            case("this week", Some("2000-W6"), "2000-W06", "2000-02-10"),
            case("last week", Some("1989-WXX"), "1989-W42", "1989-10-27"),
            case(
                "friday morning",
                Some("1998-08-07TMO"),
                "1998-08-07",
                "1998-08-08",
            ),
            case("tuesday", Some("1990-08-07"), "1990-08-14", "1990-08-15"),
            // "a year ago" read as the year before is right in one article...
            case("a year ago", Some("1988"), "1988", "1989-10-26"),
            // ...so reading it the same way elsewhere is no rule's fault
            case("a year ago", Some("1988-10"), "1988", "1989-11-02"),
            case("july last year", Some("1997-06"), "1997-07", "1998-02-19"),
            case("now", None, "PRESENT_REF", "1998-01-01"),
            case("now", Some("PRESENT_REF"), "PRESENT_REF", "1998-01-01"),
            case("the quarter", None, "1989-Q3", "1989-10-26"),
        ];
        let b = breakdown(&cases);
        let n = |k| b.value_errors.get(&k).copied().unwrap_or(0);
        assert_eq!([n(0), n(1), n(2), n(3), n(4), n(5)], [1, 1, 1, 1, 1, 1]);
        assert_eq!(b.other[0].phrase, "july last year");
        assert_eq!((b.fp_annotated_elsewhere, b.fp_other), (1, 1));
    }

    #[test]
    fn relations_are_offsets_at_the_value_precision() {
        let d = "1989-10-26".parse().ok();
        assert_eq!(relation("1988", d), ('y', -1, String::new()));
        assert_eq!(relation("1988-Q3", d), ('q', -5, String::new()));
        assert_eq!(relation("1989-09", d), ('m', -1, String::new()));
        assert_eq!(relation("1989-10-24TNI", d), ('d', -2, "TNI".into()));
        assert_eq!(canonical("2000-W6"), "2000-W06");
        assert_eq!(canonical("1989-11-06T17"), "1989-11-06T17:00");
    }
}
