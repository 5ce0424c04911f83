//! JSON Lines input: one article per line, `{"id": ..., "text": ..., "date": "YYYY-MM-DD"}`.
//!
//! `id` may be a string or a number (a number becomes its JSON text: `42`,
//! `1.5`); when it is missing or `null` the source is `FILE:LINE`. `text` is
//! required and must be a string. `date` is optional; when present it wins
//! over `--date`. Other fields are ignored, so records written by other tools
//! can be fed as they are. Blank lines are skipped without a word.
//!
//! Lines are read one at a time ([`for_each_line`]): memory holds one line,
//! never the whole stream.

use super::InputError;
use jiff::civil::Date;
use serde::Deserialize;
use std::io::{self, BufRead};

/// One article read from a JSON line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The `source` of the record: the line's `id`.
    pub id: String,
    pub text: String,
    /// The line's own date, if it gave a valid one.
    pub date: Option<Date>,
    /// Something was wrong but the article is still processed
    /// (invalid UTF-8, a date that is not YYYY-MM-DD).
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Str(String),
    Num(serde_json::Number),
}

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Parse one line (without its line break; a trailing `\r` is fine).
/// `origin` names the file (`-` for standard input), `line_no` counts from 1.
pub fn parse_line(bytes: &[u8], origin: &str, line_no: u64) -> Result<Article, InputError> {
    // formatted only when needed: most lines have an id and no warning
    let here = || format!("{origin}:{line_no}");
    let mut warnings = Vec::new();
    let line: Result<Line, serde_json::Error> = match std::str::from_utf8(bytes) {
        Ok(s) => serde_json::from_str(s),
        Err(e) => {
            warnings.push(format!(
                "{}: invalid UTF-8 (first at byte {}), decoded with replacement characters",
                here(),
                e.valid_up_to()
            ));
            serde_json::from_str(&String::from_utf8_lossy(bytes))
        }
    };
    let line = line.map_err(|e| InputError {
        name: here(),
        reason: format!("malformed JSON line ({e}), skipped"),
    })?;
    let Some(text) = line.text else {
        return Err(InputError {
            name: here(),
            reason: "JSON line has no \"text\" field, skipped".to_string(),
        });
    };
    let id = match line.id {
        Some(Id::Str(s)) => s,
        Some(Id::Num(n)) => n.to_string(),
        None => here(),
    };
    let date = match line.date {
        None => None,
        Some(d) => match parse_date(&d) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!(
                    "{}: \"date\" {d:?} is not YYYY-MM-DD, ignored",
                    here()
                ));
                None
            }
        },
    };
    Ok(Article {
        id,
        text,
        date,
        warnings,
    })
}

/// A strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    s.parse::<Date>().ok()
}

/// Call `f(line_no, bytes)` for every non-blank line of `r`, line numbers
/// counting from 1, the line break (`\n` or `\r\n`) removed. Stops early
/// when `f` returns `false`. Holds one line in memory at a time; `f` gets it
/// by value, so it can keep it without a copy.
pub fn for_each_line<R: BufRead>(
    mut r: R,
    mut f: impl FnMut(u64, Vec<u8>) -> bool,
) -> io::Result<()> {
    let mut line_no = 0u64;
    loop {
        let mut buf = Vec::new();
        let n = r.read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if !f(line_no, buf) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_text_and_dates() {
        let a = parse_line(
            br#"{"id": "a1", "text": "Hi.", "date": "2023-09-11"}"#,
            "f",
            1,
        )
        .unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.text, "Hi.");
        assert_eq!(a.date, Some(jiff::civil::date(2023, 9, 11)));
        assert!(a.warnings.is_empty());
        let a = parse_line(br#"{"id": 42, "text": ""}"#, "f", 1).unwrap();
        assert_eq!(a.id, "42");
        let a = parse_line(br#"{"text": "x", "extra": [1]}"#, "f.jsonl", 7).unwrap();
        assert_eq!(a.id, "f.jsonl:7");
        let a = parse_line(br#"{"id": 1, "text": "x", "date": "11/09/2023"}"#, "f", 2).unwrap();
        assert_eq!(a.date, None);
        assert!(a.warnings[0].contains("not YYYY-MM-DD"));
    }

    #[test]
    fn bad_lines_are_named() {
        let e = parse_line(b"{\"id\": 1, \"text\": ", "in.jsonl", 3).unwrap_err();
        assert_eq!(e.name, "in.jsonl:3");
        assert!(e.reason.contains("malformed JSON"));
        let e = parse_line(br#"{"id": 1}"#, "in.jsonl", 4).unwrap_err();
        assert!(e.reason.contains("no \"text\""));
        assert!(parse_line(br#"{"id": 1, "text": 5}"#, "f", 1).is_err());
        assert!(parse_line(br#"[1, 2]"#, "f", 1).is_err());
        assert!(parse_line(br#"{"id": true, "text": "x"}"#, "f", 1).is_err());
    }

    #[test]
    fn invalid_utf8_is_repaired_with_a_warning() {
        let a = parse_line(b"{\"id\": 1, \"text\": \"caf\xe9\"}", "f", 1).unwrap();
        assert_eq!(a.text, "caf\u{FFFD}");
        assert!(a.warnings[0].contains("invalid UTF-8"));
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        let mut seen = Vec::new();
        for_each_line(&b"a\r\n\n  \nb\nc"[..], |n, l| {
            seen.push((n, l));
            true
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![(1, b"a".to_vec()), (4, b"b".to_vec()), (5, b"c".to_vec())]
        );
    }
}
