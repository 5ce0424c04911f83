//! The JSON Lines reader over arbitrary bytes, and every article it accepts
//! through the pipeline.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    let opts = whomet::Options::default();
    let mut last = 0;
    whomet::input::jsonl::for_each_line(data, |n, line| {
        assert!(n > last, "line numbers grow");
        last = n;
        assert!(!line.contains(&b'\n'));
        if let Ok(a) = whomet::input::jsonl::parse_line(&line, "fuzz", n) {
            let mut o = opts.clone();
            o.date = a.date.or(o.date);
            check::article(&a.id, &a.text, &o);
        }
        true
    })
    .unwrap();
});
