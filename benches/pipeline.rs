//! Throughput of the pipeline (`cargo bench --bench pipeline`).
//!
//! - `article`: `whomet::process_to_json` over real news articles rebuilt from the
//!   CoNLL-2003 token files (or a built-in article when they are absent),
//!   in bytes of article text per second.
//! - `stage`: each stage alone over the same articles, the stages before
//!   it done beforehand (reader, dates, tagger, resolver, meetings, writer).
//! - `one_sentence` / `one_line` / `many_lines`: one enormous sentence, one
//!   enormous line of short sentences, and many short lines, at growing
//!   sizes: time per byte must stay flat (linear time), not grow with size.
//! - `batch`: the whole batch pipeline (`whomet::batch::run`) over a JSON
//!   Lines file, at 1 and 2 threads.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use std::io::{self, Write};
use std::sync::OnceLock;
use whomet::batch::{self, Format, Level, Sink};
use whomet::input::Source;
use whomet::Options;

fn main() {
    divan::main();
}

const FALLBACK: &str = "MOSCOW, Sept. 13 (Reuters) - North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny cosmodrome on Wednesday, the Kremlin said.\nThe two leaders held talks for more than four hours, and Putin accepted an invitation to visit Pyongyang, KCNA reported on Thursday.\n";

/// The line that starts a document in the corpus files.
const DOC_START: &str = concat!("-DOC", "START-");

/// Articles rebuilt from CoNLL-2003: a document per document-start line, tokens
/// joined by spaces, sentences by line breaks.
fn articles() -> &'static [String] {
    static A: OnceLock<Vec<String>> = OnceLock::new();
    A.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/conll2003/dev.txt"
        );
        let Ok(conll) = std::fs::read_to_string(path) else {
            return vec![FALLBACK.repeat(8); 50];
        };
        let mut docs = Vec::new();
        let mut doc = String::new();
        let mut sentence = String::new();
        for line in conll.lines().chain(std::iter::once(DOC_START)) {
            let token = line.split(' ').next().unwrap_or("");
            if token.is_empty() || token == DOC_START {
                if !sentence.is_empty() {
                    doc.push_str(&sentence);
                    doc.push('\n');
                    sentence.clear();
                }
                if token == DOC_START && !doc.is_empty() {
                    docs.push(std::mem::take(&mut doc));
                }
            } else {
                if !sentence.is_empty() {
                    sentence.push(' ');
                }
                sentence.push_str(token);
            }
        }
        docs.truncate(120);
        docs
    })
}

#[divan::bench(sample_count = 20)]
fn article(bencher: Bencher) {
    let docs = articles();
    let bytes: usize = docs.iter().map(String::len).sum();
    let opts = Options::default();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in docs {
            black_box(whomet::process_to_json("bench", black_box(d), &opts));
        }
    });
}

const STAGES: [&str; 6] = [
    "reader", "dates", "tagger", "resolver", "meetings", "writer",
];

/// One stage over the articles, in bytes of article text per second.
#[divan::bench(args = STAGES, sample_count = 10)]
fn stage(bencher: Bencher, stage: &str) {
    use whomet::{dates, meetings, reader::Document, resolver, tagger, writer};
    let docs = articles();
    let bytes: usize = docs.iter().map(String::len).sum();
    let opts = Options::default();
    let analyses: Vec<_> = docs.iter().map(|d| whomet::analyse(d, &opts)).collect();
    let bencher = bencher.counter(BytesCount::new(bytes));
    match stage {
        "reader" => bencher.bench(|| {
            for d in docs {
                black_box(Document::new(black_box(d)));
            }
        }),
        "dates" => bencher.bench(|| {
            for a in &analyses {
                black_box(dates::tag(black_box(&a.doc), None));
            }
        }),
        "tagger" => bencher.bench(|| {
            for a in &analyses {
                black_box(tagger::tag(black_box(&a.doc), &a.dates));
            }
        }),
        "resolver" => bencher.bench(|| {
            for a in &analyses {
                black_box(resolver::resolve(black_box(&a.doc), &a.mentions));
            }
        }),
        "meetings" => {
            let found: Vec<_> = analyses
                .iter()
                .map(|a| resolver::resolve(&a.doc, &a.mentions))
                .collect();
            bencher.bench(|| {
                for (a, e) in analyses.iter().zip(&found) {
                    let mut e = e.clone();
                    black_box(meetings::extract(black_box(&a.doc), &mut e, &a.dates));
                }
            })
        }
        _ => bencher.bench(|| {
            for a in &analyses {
                black_box(writer::json("bench", black_box(a), None, None));
            }
        }),
    }
}

const SIZES: [usize; 3] = [250_000, 1_000_000, 4_000_000];

/// One article made of `unit` repeated to about `size` bytes.
fn repeated(bencher: Bencher, unit: &str, size: usize) {
    let text = unit.repeat(size / unit.len());
    let opts = Options::default();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(whomet::process_to_json("big", &text, &opts)));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn one_sentence(bencher: Bencher, size: usize) {
    repeated(
        bencher,
        "Kim Jong Un met Vladimir Putin in Vladivostok on Monday and ",
        size,
    );
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn one_line(bencher: Bencher, size: usize) {
    repeated(bencher, "Putin met Xi in Beijing. Talks went on. ", size);
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn many_lines(bencher: Bencher, size: usize) {
    repeated(bencher, "Putin met Xi in Beijing on Monday.\n", size);
}

struct Discard;

impl Sink for Discard {
    fn record(&mut self, json: &str) -> io::Result<()> {
        black_box(json);
        Ok(())
    }
    fn message(&mut self, _: Level, _: &str) {}
}

fn jsonl_file() -> &'static tempfile::NamedTempFile {
    static F: OnceLock<tempfile::NamedTempFile> = OnceLock::new();
    F.get_or_init(|| {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        for round in 0..4 {
            for (i, d) in articles().iter().enumerate() {
                let line = serde_json::json!({"id": format!("{round}-{i}"), "text": d});
                writeln!(f, "{line}").unwrap();
            }
        }
        f.flush().unwrap();
        f
    })
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn batch(bencher: Bencher, jobs: usize) {
    let f = jsonl_file();
    let bytes = std::fs::metadata(f.path()).unwrap().len();
    let cfg = batch::Config::new(Format::Jsonl, jobs, Options::default());
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| batch::run(vec![Source::File(f.path().into())], &cfg, &mut Discard).unwrap());
}
