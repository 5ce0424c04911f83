//! Properties of the library entry point over arbitrary text: it never
//! panics, every offset slices exactly its `text` in code points, and the
//! output is deterministic. Also: any article survives a trip through a
//! JSON line.

use proptest::prelude::*;
use serde_json::Value;

/// Pieces news text is made of, and pieces that break naive code.
fn piece() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Kim",
        "Jong",
        "Un",
        "Vladimir",
        "Putin",
        "met",
        "talks",
        "in",
        "on",
        "the",
        "Monday",
        "Sept.",
        "September",
        "March",
        "May",
        "last",
        "week",
        "next",
        "year",
        "U.S.",
        "Mr.",
        "Dr.",
        "Brig.",
        "Gen.",
        "President",
        "said",
        "Moscow",
        "NEW YORK",
        "(Reuters)",
        "-",
        "--",
        "CLICK HERE",
        "1990s",
        "2023-09-11",
        "10:30",
        "3.5",
        "Jan",
        "the 1990s",
        "Q4",
        "ago",
        "Prime Minister",
        "Xi",
        "Jinping",
        "Beijing",
    ])
    .prop_map(str::to_string);
    let odd = prop::sample::select(vec![
        "\u{FEFF}",
        "\r\n",
        "\n",
        "\n\n",
        "\t",
        " ",
        "  ",
        ".",
        ",",
        "\"",
        "\u{201C}",
        "\u{201D}",
        "'",
        "\u{2019}",
        "\u{200B}",
        "\u{200D}",
        "\u{200E}",
        "\u{200F}",
        "\u{202E}",
        "e\u{301}",
        "\u{E9}",
        "\u{1F642}",
        "\u{1F468}\u{200D}\u{1F469}",
        "\u{D55C}\u{AD6D}",
        "\u{645}\u{648}\u{633}\u{643}\u{648}",
        "\u{FFFD}",
        "\0",
        "...",
        "\u{2026}",
        "?",
        "!",
        ":",
        ";",
        "(",
        ")",
        "&",
        "\u{A0}",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => words,
        3 => odd,
        1 => "[0-9]{1,5}",
        1 => "[A-Z][a-z]{0,8}",
        1 => "[A-Z]{2,6}",
        1 => "\\PC{0,12}",
        1 => any::<String>(),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (piece(), prop::sample::select(vec!["", " ", " ", "\n"])),
        0..80,
    )
    .prop_map(|v| {
        v.into_iter()
            .flat_map(|(a, b)| [a, b.to_string()])
            .collect()
    })
}

/// Check every `{start, end[, text]}` object in the record against `text`.
fn check_spans(v: &Value, chars: &[char], path: &str) -> Result<usize, TestCaseError> {
    let mut n = 0;
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e)) = (m.get("start"), m.get("end")) {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                prop_assert!(
                    s <= e && e <= chars.len(),
                    "{path}: {s}..{e} of {}",
                    chars.len()
                );
                if let Some(t) = m.get("text") {
                    let slice: String = chars[s..e].iter().collect();
                    prop_assert_eq!(t.as_str().unwrap(), slice.as_str(), "{}", path);
                }
                n += 1;
            }
            for (k, x) in m {
                n += check_spans(x, chars, &format!("{path}.{k}"))?;
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                n += check_spans(x, chars, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(n)
}

fn options(date: bool) -> whomet::Options {
    #[allow(clippy::needless_update)]
    whomet::Options {
        date: date.then(|| "2023-09-11".parse().unwrap()),
        ..Default::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn offsets_slice_exactly_and_output_is_deterministic(text in article(), date in any::<bool>()) {
        let opts = options(date);
        let json = whomet::process("src", &text, &opts).to_json();
        prop_assert!(!json.contains('\n'));
        let again = whomet::process("src", &text, &opts).to_json();
        prop_assert_eq!(&json, &again);
        let v: Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(v["source"].as_str(), Some("src"));
        let chars: Vec<char> = text.chars().collect();
        check_spans(&v, &chars, "$")?;
        // Entity ids and meeting references point at real entities.
        let n = v["entities"].as_array().unwrap().len();
        for m in v["meetings"].as_array().unwrap() {
            for p in m["participants"].as_array().unwrap() {
                prop_assert!((p["entity"].as_u64().unwrap() as usize) < n);
            }
        }
    }

    #[test]
    fn any_string_survives_a_json_line(text in any::<String>(), id in "[a-z0-9-]{0,10}") {
        let line = serde_json::json!({"id": id, "text": text, "date": "2020-02-29"}).to_string();
        let a = whomet::input::jsonl::parse_line(line.as_bytes(), "f", 1).unwrap();
        prop_assert_eq!(a.text, text);
        prop_assert_eq!(a.id, id);
        prop_assert!(a.date.is_some());
    }

    #[test]
    fn the_line_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut n = 0;
        whomet::input::jsonl::for_each_line(&bytes[..], |_, line| {
            let _ = whomet::input::jsonl::parse_line(&line, "f", 1);
            n += 1;
            true
        }).unwrap();
        prop_assert!(n <= bytes.iter().filter(|&&b| b == b'\n').count() + 1);
    }
}

/// Enormous inputs must take time linear in their size. No clock here: a
/// 1 MB sentence with no line break, 1 MB of short lines and 1 MB of one
/// word must all finish; linear stages do it in about a second in a debug
/// build, a quadratic one makes this test take minutes (the test runner
/// then reports it as running for over 60 seconds). The real measurement,
/// time per byte at growing sizes, is `cargo bench --bench pipeline`
/// (`one_sentence`, `one_line`, `many_lines`).
#[test]
fn huge_inputs_finish() {
    let one_sentence = "Kim Jong Un met Vladimir Putin in Vladivostok and ".repeat(20_000);
    let rec = whomet::process("big", &one_sentence, &options(false));
    assert_eq!(rec.source, "big");
    let many_lines = "Putin met Xi in Beijing on Monday.\n".repeat(30_000);
    let _ = whomet::process("big", &many_lines, &options(true));
    let no_spaces = "x".repeat(1_000_000);
    let _ = whomet::process("big", &no_spaces, &options(false));
}
