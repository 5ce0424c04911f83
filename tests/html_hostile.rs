//! Hostile pages: each must give a best-effort article quickly, never a
//! panic, stack overflow or hang. Inputs are generated here, not committed.

use std::time::{Duration, Instant};

use whomet::html::{extract, looks_like_html, HtmlArticle};

const STORY: &str = "<p>Chancellor Olaf Scholz met French President Emmanuel Macron in Paris \
on Tuesday, and the two leaders discussed energy prices, defence spending and trade.</p>";

fn timed(label: &str, input: &str) -> HtmlArticle {
    let t = Instant::now();
    let a = extract(input);
    let took = t.elapsed();
    eprintln!("{label}: {} bytes in {took:?}", input.len());
    assert!(took < Duration::from_secs(2), "{label} took {took:?}");
    a
}

#[test]
fn ten_thousand_nested_divs() {
    let mut page = String::from("<!doctype html><html><body>");
    for _ in 0..10_000 {
        page.push_str("<div class=\"wrap\">");
    }
    page.push_str(STORY);
    for _ in 0..10_000 {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    let a = timed("nested divs", &page);
    assert!(a.text.contains("Emmanuel Macron in Paris"), "{}", a.text);
}

#[test]
fn unclosed_nested_inline_and_blocks() {
    let mut page = String::from("<html><body>");
    for i in 0..5_000 {
        page.push_str(
            [
                "<b>",
                "<i>",
                "<span>",
                "<a href=x>",
                "<li>",
                "<table><tr><td>",
            ][i % 6],
        );
    }
    page.push_str(STORY);
    let a = timed("unclosed", &page);
    assert!(a.text.contains("Olaf Scholz"), "{}", a.text);
}

#[test]
fn fifty_megabyte_page() {
    let mut page =
        String::from("<!DOCTYPE html><html><head><title>Big page</title></head><body><article>");
    page.push_str(STORY);
    page.push_str(
        "<p>The meeting followed weeks of talks, officials said, and more were planned.</p>",
    );
    let filler = "<div class=\"x\"><span>filler text, filler text, filler text</span></div>\n";
    while page.len() < 50 << 20 {
        page.push_str(filler);
    }
    let a = timed("50 MB", &page);
    assert!(a.text.contains("Emmanuel Macron"));
}

#[test]
fn binary_page() {
    let mut bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    bytes[10] = 0;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let a = timed("binary", &text);
    assert_eq!(a, HtmlArticle::default());
    // without NUL bytes: best effort, no panic
    let no_nul = text.replace('\0', " ");
    timed("binary without NUL", &no_nul);
    assert!(!looks_like_html(&text));
}

#[test]
fn degenerate_pages() {
    for page in [
        "",
        "<",
        "<html",
        "<!doctype html>",
        "<html><body></body></html>",
        "</div></div></p></body>",
        "<script>var a = '<p>not text</p>';",
        "<p>",
        "<html><head><script type=\"application/ld+json\">{\"@graph\": [[[[",
        "<meta property=article:published_time content=\"9999-99-99\">",
        "<time datetime=\"2024-02-30\">Feb 30</time>",
        "\u{FEFF}<html><body>é\u{0301} \u{200B}</body></html>",
    ] {
        timed("degenerate", page);
    }
}

#[test]
fn deep_json_ld_and_many_scripts() {
    let mut ld = String::new();
    for _ in 0..5_000 {
        ld.push_str("{\"a\":");
    }
    ld.push('1');
    for _ in 0..5_000 {
        ld.push('}');
    }
    let mut page =
        format!("<html><head><script type=\"application/ld+json\">{ld}</script></head><body>");
    for _ in 0..2_000 {
        page.push_str("<script>document.write('<div>x</div>')</script><style>p{}</style>");
    }
    page.push_str(STORY);
    page.push_str("</body></html>");
    let a = timed("deep json-ld", &page);
    assert!(a.text.contains("Olaf Scholz"));
    assert!(!a.text.contains("document.write"));
}
