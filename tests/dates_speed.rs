//! Throughput of the date tagger alone (run with `--ignored --nocapture`).
use whomet::dates::tag;
use whomet::reader::Document;

#[test]
#[ignore]
fn dates_throughput() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/seed/kim-jong-un-russia.txt"
    );
    let Ok(seed) = std::fs::read_to_string(path) else {
        eprintln!("skipping dates_throughput: {path} is absent");
        return;
    };
    let text = seed.repeat(2000);
    let doc = Document::new(&text);
    let t = std::time::Instant::now();
    let n = tag(&doc, Some(jiff::civil::date(2023, 9, 11))).len();
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{} expressions in {:.1} MB: {:.1} MB/s (tagging only)",
        n,
        text.len() as f64 / 1e6,
        text.len() as f64 / 1e6 / s
    );
}
