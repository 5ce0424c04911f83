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
use crate::json_bytes::first_special_long as first_special;
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
    let read = |s: &str| match plain_line(s) {
        Some(line) => Ok(line),
        None => serde_json::from_str(s),
    };
    let line: Result<Line, serde_json::Error> = match std::str::from_utf8(bytes) {
        Ok(s) => read(s),
        Err(e) => {
            warnings.push(format!(
                "{}: invalid UTF-8 (first at byte {}), decoded with replacement characters",
                here(),
                e.valid_up_to()
            ));
            read(&String::from_utf8_lossy(bytes))
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

/// The [`Line`] of a line in the usual, plain form: one object whose keys,
/// written without escapes, are `id`, `text` and `date`, each at most once,
/// with string (or `null`) values that hold no `\\u` escape. `None` for
/// anything else, valid or not: serde_json then reads it, and gives the
/// same `Line` or its own error.
///
/// Nearly every line has this form, and reading it here costs about half
/// what serde_json's general reader does: the article text, most of the
/// line, is copied in runs between escapes found eight bytes at a time.
fn plain_line(s: &str) -> Option<Line> {
    let mut r = Plain {
        s,
        b: s.as_bytes(),
        i: 0,
    };
    let mut line = Line {
        id: None,
        text: None,
        date: None,
    };
    let mut seen = [false; 3];
    r.expect(b'{')?;
    if r.peek() == Some(b'}') {
        r.i += 1;
    } else {
        loop {
            let key = r.key()?;
            let field = ["id", "text", "date"].iter().position(|&k| k == key)?;
            if std::mem::replace(&mut seen[field], true) {
                return None;
            }
            r.expect(b':')?;
            let value = r.string_or_null()?;
            match field {
                0 => line.id = value.map(Id::Str),
                1 => line.text = value,
                _ => line.date = value,
            }
            match r.next_byte()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    r.skip_space();
    (r.i == r.b.len()).then_some(line)
}

/// A reader of [`plain_line`]'s form.
struct Plain<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Plain<'a> {
    fn skip_space(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// The next byte that is not white space, consumed.
    fn next_byte(&mut self) -> Option<u8> {
        self.skip_space();
        let c = *self.b.get(self.i)?;
        self.i += 1;
        Some(c)
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next_byte()? == c).then_some(())
    }

    /// A key without escapes.
    fn key(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.i;
        let len = first_special(&self.b[start..])?;
        self.i = start + len + 1;
        (self.b[start + len] == b'"').then(|| &self.s[start..start + len])
    }

    /// A string value (`Some`) or `null` (`None`); `None` inside when it
    /// is neither or holds what [`plain_line`] leaves to serde_json.
    fn string_or_null(&mut self) -> Option<Option<String>> {
        match self.next_byte()? {
            b'n' => {
                let rest = self.b.get(self.i..self.i + 3)?;
                self.i += 3;
                (rest == b"ull").then_some(None)
            }
            b'"' => self.string_rest().map(Some),
            _ => None,
        }
    }

    /// The rest of a string after its opening quote, unescaped.
    fn string_rest(&mut self) -> Option<String> {
        let mut out = String::new();
        loop {
            let start = self.i;
            let len = first_special(&self.b[start..])?;
            if out.is_empty() {
                // the string's length is at most what is left of the line:
                // then it is copied without regrowing
                let escapes = self.b[start + len] != b'"';
                out.reserve(if escapes { self.b.len() - start } else { len });
            }
            // split at an ASCII byte: a char boundary
            out.push_str(&self.s[start..start + len]);
            self.i = start + len + 1;
            let c = match self.b[start + len] {
                b'"' => break,
                b'\\' => *self.b.get(self.i)?,
                // a control character: not allowed in a JSON string
                _ => return None,
            };
            self.i += 1;
            out.push(match c {
                b'"' | b'\\' | b'/' => c as char,
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                // `\u` (and anything invalid) is left to serde_json
                _ => return None,
            });
        }
        Some(out)
    }
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

    /// The plain reader gives what serde_json gives, or leaves the line
    /// to it.
    #[test]
    fn plain_lines_read_as_serde_json_reads_them() {
        fn fields(l: &Line) -> (Option<String>, Option<String>, Option<String>) {
            let id = l.id.as_ref().map(|id| match id {
                Id::Str(s) => s.clone(),
                Id::Num(n) => format!("#{n}"),
            });
            (id, l.text.clone(), l.date.clone())
        }
        let plain = [
            r#"{"id": "a1", "text": "Hi.", "date": "2023-09-11"}"#,
            r#"{"id":"a1","text":"Hi.\nHo \"x\" \\ \/ \b\f\r\t end"}"#,
            " \t{ \"text\" : \"Zoë 🙂 \u{7f}\" , \"id\" : null , \"date\" : null } \r",
            r#"{"text": "", "id": ""}"#,
            r#"{"date": "x", "text": "a\\"}"#,
            r#"{}"#,
            r#"{"text": null}"#,
        ];
        let others = [
            r#"{"id": 42, "text": "x"}"#,
            r#"{"id": 1.50, "text": "x"}"#,
            r#"{"text": "caf\u00e9"}"#,
            r#"{"text": "x", "extra": [1]}"#,
            r#"{"text": "x", "text": "y"}"#,
            r#"{"t\u0065xt": "x"}"#,
            r#"{"text": "x",}"#,
            r#"{"text": "x"} x"#,
            r#"{"text": "x" "id": "y"}"#,
            r#"{"text" "x"}"#,
            r#"{"text": "x"#,
            r#"{"text": "x\"#,
            r#"{"text": "x\q"}"#,
            r#"{"text": nul}"#,
            r#"{"text": nulls}"#,
            r#"{"text": true}"#,
            r#"{"id": "a", "text": "x"}}"#,
            r#"["a", "x"]"#,
            "{\"text\": \"tab\there\"}",
            "{\"text\": \"x\u{1}\"}",
            "\u{feff}{\"text\": \"x\"}",
            "",
            "{",
        ];
        for (n, line) in plain.iter().chain(&others).enumerate() {
            let serde: Result<Line, _> = serde_json::from_str(line);
            match plain_line(line) {
                Some(p) => {
                    let want = serde.unwrap_or_else(|e| panic!("{line:?}: {e}"));
                    assert_eq!(fields(&p), fields(&want), "{line:?}");
                }
                None => assert!(n >= plain.len(), "{line:?} left to serde_json"),
            }
        }
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
