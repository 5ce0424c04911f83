//! Golden files: every `fixtures/NAME.txt` is run with the date in
//! `fixtures/NAME.date` and must give exactly `fixtures/NAME.expected.json`.
//! After a deliberate change of behaviour, review the difference and rewrite
//! the files with `WHOMET_BLESS=1 cargo test --test golden`.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// Plain-text fixtures (`fixtures/*.txt`) and saved pages (`fixtures/html/*.html`).
fn fixtures() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for (dir, ext) in [("fixtures", "txt"), ("fixtures/html", "html")] {
        v.extend(
            fs::read_dir(dir)
                .expect("fixture folder exists")
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == ext)),
        );
    }
    v.sort();
    v
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}

fn run(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let date = fs::read_to_string(path.with_extension("date"))
        .ok()
        .map(|d| d.trim().parse().expect("a YYYY-MM-DD date"));
    let opts = whomet::Options {
        date,
        ..Default::default()
    };
    let source = path.display().to_string();
    let rec = if is_html(path) {
        whomet::process_html(&source, &text, &opts)
    } else {
        whomet::process(&source, &text, &opts)
    };
    serde_json::from_str(&rec.to_json()).unwrap()
}

#[test]
fn fixtures_match_their_golden_files() {
    let bless = std::env::var_os("WHOMET_BLESS").is_some();
    let mut failed = Vec::new();
    let all = fixtures();
    assert!(
        all.len() >= 5,
        "the seed and at least four articles of our own"
    );
    for path in all {
        let got = run(&path);
        let golden = path.with_extension("expected.json");
        if bless {
            fs::write(&golden, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let want: Value = serde_json::from_str(
            &fs::read_to_string(&golden)
                .unwrap_or_else(|_| panic!("{} is missing", golden.display())),
        )
        .unwrap();
        if got != want {
            failed.push(format!(
                "{}: output differs from {}\n got: {}",
                path.display(),
                golden.display(),
                serde_json::to_string_pretty(&got).unwrap()
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// Every start/end slices exactly the text it claims, in code points.
#[test]
fn every_offset_slices_its_text() {
    for path in fixtures() {
        let rec = run(&path);
        // offsets refer to the text as read, or to the extracted text of a page
        let text = match rec["text"].as_str() {
            Some(t) => t.to_string(),
            None => fs::read_to_string(&path).unwrap(),
        };
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        for e in rec["entities"].as_array().unwrap() {
            spans.extend(e["mentions"].as_array().unwrap().iter().cloned());
        }
        spans.extend(rec["dates"].as_array().unwrap().iter().cloned());
        for m in rec["meetings"].as_array().unwrap() {
            if !m["when"].is_null() {
                spans.push(m["when"].clone());
            }
            spans.extend(m["evidence"].as_array().unwrap().iter().cloned());
        }
        assert!(!spans.is_empty(), "{}: nothing found", path.display());
        for s in spans {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let slice: String = chars[a..b].iter().collect();
            assert_eq!(
                slice,
                s["text"].as_str().unwrap(),
                "{}: {s}",
                path.display()
            );
        }
    }
}
