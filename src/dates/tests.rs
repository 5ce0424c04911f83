//! Runs every example and counter-example of `data/dates/examples.txt`.
use super::*;
use crate::reader::Document;

fn run(text: &str, anchor: &str) -> Vec<(String, Option<String>)> {
    let doc = Document::new(text);
    let a: Date = anchor.parse().expect("anchor date");
    tag(&doc, Some(a))
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.value))
        .collect()
}

#[test]
fn examples_and_counter_examples() {
    let mut failures = Vec::new();
    let mut n = 0;
    for r in lex::rows(include_str!("../../data/dates/examples.txt")) {
        assert_eq!(r.len(), 4, "examples.txt: bad line {r:?}");
        let (group, anchor, text, want) = (r[0], r[1], r[2], r[3]);
        n += 1;
        let got = run(text, anchor);
        let ok = if let Some(span) = want.strip_prefix('!') {
            let s = text.find(span).expect("counter-example span in text");
            let e = s + span.len();
            let doc = Document::new(text);
            let a: Date = anchor.parse().unwrap();
            !tag(&doc, Some(a)).iter().any(|t| {
                t.start < e && s < t.end && matches!(t.kind, TimexType::Date | TimexType::Time)
            })
        } else {
            let (span, value) = want.split_once(" = ").expect("SPAN = VALUE");
            got.iter()
                .any(|(s, v)| s == span && v.as_deref() == Some(value))
        };
        if !ok {
            failures.push(format!("[{group}] {text:?}: want {want}, got {got:?}"));
        }
    }
    assert!(n > 50, "too few examples");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn article_date_from_datelines() {
    let cases = [
        (
            "SANTIAGO 1996-12-05\nChile said on Thursday ...",
            Some("1996-12-05"),
        ),
        (
            "MOSCOW, Sept. 11, 2023 (Reuters) - Russia said ...",
            Some("2023-09-11"),
        ),
        (
            "Monday, September 11, 2023\nKim Jong Un is traveling ...",
            Some("2023-09-11"),
        ),
        (
            "Headline here\nBy A Writer\n2023-09-11\nText.",
            Some("2023-09-11"),
        ),
        (
            "Kim met Putin.\nNo dates here.\nNor here.\nOn Sept. 11, 2023 more.",
            None,
        ),
    ];
    for (text, want) in cases {
        let doc = Document::new(text);
        let got = article_date(&doc).map(|d| d.to_string());
        assert_eq!(got.as_deref(), want, "{text:?}");
    }
}

#[test]
fn lexicon_lookup_matches_plain_lowercase_lookup() {
    let lexi = lex::lexicon();
    for k in lexi.keys() {
        assert!(lexi.may_contain(k), "filter drops key {k:?}");
        assert_eq!(lexi.lookup(k).map(|w| w.key), Some(k));
        assert!(lexi.get(k).is_some());
        let up = k.to_uppercase();
        assert_eq!(lexi.lookup(&up).map(|w| w.key), Some(k), "{up:?}");
        assert!(up == k || lexi.get(&up).is_none(), "{up:?}");
    }
    assert_eq!(lexi.lookup("’s").map(|w| w.key), Some("'s"));
    for t in ["Kremlin", "zzz", "", "Pyongyang", "1996-08-30"] {
        assert_eq!(lexi.lookup(t).map(|w| w.key), None, "{t:?}");
    }
}

/// An earnings story: the quarter reported on is the last finished one
/// named in the past, not a forecast one nor one after "a".
#[test]
fn reporting_quarter_survives_forecasts_and_asides() {
    let text = "Acme Corp. posted a 12% gain in third-quarter profit. \
                After a flat second quarter, sales picked up. \
                Brokers see growth holding up in the fourth quarter and \
                well into the second quarter of 1990. \
                In the year-earlier period, Acme earned $4 million. \
                Net rose to $9 million from $8 million a year ago. \
                In the 1989 period, costs were lower.";
    let got = run(text, "1989-11-01");
    let want = [
        ("third-quarter", "1989-Q3"),
        ("a flat second quarter", ""),
        ("the fourth quarter", "1989-Q4"),
        ("the second quarter of 1990", "1990-Q2"),
        ("the year-earlier period", "1988-Q3"),
        ("a year ago", "1988-Q3"),
        ("the 1989 period", "1989-Q3"),
    ];
    for (span, value) in want {
        if value.is_empty() {
            continue;
        }
        assert!(
            got.iter()
                .any(|(s, v)| s == span && v.as_deref() == Some(value)),
            "{span} = {value}: got {got:?}"
        );
    }
}

/// "the previous Friday", "the following month", "the next morning" and
/// "that day" count from what the story named last.
#[test]
fn anaphora_counts_from_the_last_named_day_and_month() {
    let text = "In March, the firm hired a new chief. The following month, it sold a unit. \
                Police arrived on Oct. 3, 1999. Two men came the next morning. \
                The index closed at 120 on Friday, up 2% from the previous Friday.";
    let got = run(text, "1999-10-11");
    for (span, value) in [
        ("The following month", "1999-04"),
        ("the next morning", "1999-10-04"),
        ("the previous Friday", "1999-10-01"),
    ] {
        assert!(
            got.iter()
                .any(|(s, v)| s == span && v.as_deref() == Some(value)),
            "{span} = {value}: got {got:?}"
        );
    }
    // with no day named before, "that day" is no date at all
    assert!(run("Traders who sold that day lost money.", "1999-10-11").is_empty());
}

#[test]
fn push_num_pads_as_format_does() {
    for n in [
        0i64,
        5,
        -5,
        9,
        10,
        42,
        -42,
        99,
        100,
        999,
        1000,
        2019,
        -2019,
        12345,
        i64::MIN + 1,
    ] {
        for width in 0..=6 {
            let mut s = String::from("x");
            push_num(&mut s, n, width);
            assert_eq!(s, format!("x{n:0width$}"), "{n} {width}");
        }
    }
}

#[test]
fn ymd_writes_as_format_does() {
    for y in [-9999i16, -5, 0, 7, 999, 1000, 1996, 2026, 9999] {
        for (m, d) in [(1i8, 1i8), (2, 28), (9, 30), (10, 9), (12, 31)] {
            let date = mk_date(y, m, d).unwrap();
            assert_eq!(ymd(date), format!("{y:04}-{m:02}-{d:02}"));
        }
    }
}
