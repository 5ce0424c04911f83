//! The library entry point over arbitrary bytes, decoded as the CLI does.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the article.
    let (opts, bytes) = match data.split_first() {
        Some((b, rest)) if b & 1 == 1 => (
            whomet::Options {
                date: Some(whomet::Date::constant(2023, 9, 11)),
                ..Default::default()
            },
            rest,
        ),
        Some((_, rest)) => (whomet::Options::default(), rest),
        None => (whomet::Options::default(), data),
    };
    if let Ok(d) = whomet::input::decode(bytes.to_vec(), "fuzz") {
        check::article("fuzz", &d.text, &opts);
    }
});
