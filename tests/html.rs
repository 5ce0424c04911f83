//! Saved web pages under fixtures/html/: extract() must give exactly the
//! committed NAME.expected.txt (headline line, blank line, body), the
//! right title and date, keep the body sentences and drop every name that
//! only appears in page furniture.

use whomet::html::{extract, looks_like_html, HtmlArticle};
use whomet::Date;

struct Case {
    name: &'static str,
    title: &'static str,
    date: (i16, i8, i8),
    /// sentences (or parts) of the body that must be kept
    body: &'static [&'static str],
    /// names and phrases from navigation, banners, rails, comments,
    /// footers, bylines and scripts that must not appear
    furniture: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "wire_reuters",
        title: "Lavrov meets Turkish foreign minister in Moscow over grain deal",
        date: (2024, 3, 5),
        body: &[
            "MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov met Turkish Foreign Minister Hakan Fidan in Moscow on Tuesday",
            "the ministry\u{2019}s mansion on Spiridonovka Street",
            "\"We had a frank and useful conversation,\" Lavrov told reporters",
            "ready to host a new round & would invite",
            "he will meet Ukrainian Foreign Minister Dmytro Kuleba on Thursday",
        ],
        furniture: &[
            "Dmitri Volkov", "Clara Hughes", "Maria Jensen", "Ivan Petrov", "Advertisement",
            "Business", "Markets", "Newswire", "__CONFIG__",
        ],
    },
    Case {
        name: "furniture_heavy",
        title: "Scholz and Macron meet in Paris to mend ties",
        date: (2023, 10, 10),
        body: &[
            "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday",
            "Christian Lindner and Bruno Le Maire",
            "\u{201c}long, open and friendly\u{201d}",
            "Scholz is expected to host Macron in Hamburg in early November",
            "Energy dispute",
        ],
        furniture: &[
            "Paul Grant", "cookies", "Accept all", "Giorgia Meloni", "Rishi Sunak",
            "Pedro Sanchez", "Ursula von der Leyen", "Zelenskiy", "Mark Rutte", "Viktor Orban",
            "Xi Jinping", "Jonas Berg", "Karl Weber", "Annette Roux", "Susan Clarke",
            "Helen Marsh", "Martin Keller", "Read more", "Share on", "Home", "Granada",
            "querySelectorAll", "font-family",
        ],
    },
    Case {
        name: "live_blog",
        title: "G7 foreign ministers meet in Capri \u{2013} live updates",
        date: (2024, 4, 18),
        body: &[
            "18:40 CEST",
            "Antony Blinken spoke by phone with Chinese Foreign Minister Wang Yi on Thursday evening",
            "Antonio Tajani met Ukrainian Foreign Minister Dmytro Kuleba on the sidelines of the meeting in Capri",
            "David Cameron and German Foreign Minister Annalena Baerbock held a bilateral meeting at the Grand Hotel Quisisana",
            "meeting in Capri, which opens today, April 18",
        ],
        furniture: &[
            "Jake Sullivan", "Catherine Colonna", "Marco Bellini", "Laura Finch", "Key events",
            "Share this update", "All live coverage",
        ],
    },
    Case {
        name: "jsonld_only",
        title: "Japan\u{2019}s Kishida hosts Philippine president for talks on maritime security",
        date: (2023, 11, 3),
        body: &[
            "Fumio Kishida met Philippine President Ferdinand Marcos Jr. in Tokyo on Friday",
            "each other\u{2019}s territory",
            "Marcos will travel to Osaka on Saturday",
        ],
        furniture: &[
            "Yoon Suk Yeol", "Joe Biden", "Camp David", "Anthony Albanese", "Xi Jinping",
            "Pacific Ledger", "Aiko Tanaka", "Recommended", "@graph",
        ],
    },
    Case {
        name: "broken_markup",
        title: "Modi welcomes Sheikh Hasina in New Delhi",
        date: (2024, 6, 22),
        body: &[
            "NEW DELHI -- Indian Prime Minister Narendra Modi met Bangladesh Prime Minister Sheikh Hasina at Hyderabad House in New Delhi on Saturday",
            "External Affairs Minister S. Jaishankar",
            "Indian experts would visit Dhaka next month.",
            "On Sunday Hasina will call on President Droupadi Murmu at Rashtrapati Bhavan",
        ],
        furniture: &[
            "Rajesh Kumar", "Wang Yi", "Amit Shah", "Suresh Iyer", "Also read", "Nation",
            "Staff Reporter", "Subcontinent Post",
        ],
    },
];

fn fixture(name: &str, ext: &str) -> String {
    let path = format!("{}/fixtures/html/{name}.{ext}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(name: &str) -> HtmlArticle {
    let page = fixture(name, "html");
    assert!(looks_like_html(&page), "{name} should sniff as HTML");
    extract(&page)
}

#[test]
fn fixtures_match_expected_text() {
    for c in CASES {
        let a = run(c.name);
        let expected = fixture(c.name, "expected.txt");
        assert_eq!(a.text, expected, "{}: text differs from expected", c.name);
    }
}

#[test]
fn fixtures_title_and_date() {
    for c in CASES {
        let a = run(c.name);
        assert_eq!(a.title.as_deref(), Some(c.title), "{}: title", c.name);
        let (y, m, d) = c.date;
        assert_eq!(
            a.date,
            Some(Date::new(y, m, d).unwrap()),
            "{}: date",
            c.name
        );
        // the headline first, on its own line, then a blank line
        assert!(
            a.text.starts_with(&format!("{}\n\n", c.title)),
            "{}: headline line",
            c.name
        );
    }
}

#[test]
fn fixtures_keep_body_and_drop_furniture() {
    for c in CASES {
        let a = run(c.name);
        for s in c.body {
            assert!(
                a.text.contains(s),
                "{}: body lost {s:?}\n{}",
                c.name,
                a.text
            );
        }
        for f in c.furniture {
            assert!(
                !a.text.contains(f),
                "{}: furniture kept {f:?}\n{}",
                c.name,
                a.text
            );
        }
    }
}

#[test]
fn fixtures_text_shape() {
    for c in CASES {
        let a = run(c.name);
        assert!(
            a.text.ends_with('\n') && !a.text.ends_with("\n\n"),
            "{}",
            c.name
        );
        assert!(!a.text.contains("\n\n\n"), "{}: triple newline", c.name);
        for line in a.text.lines() {
            assert_eq!(line, line.trim(), "{}: untrimmed line {line:?}", c.name);
            assert!(
                !line.contains("  "),
                "{}: uncollapsed space {line:?}",
                c.name
            );
            assert!(
                !["&amp;", "&#", "&quot;", "&nbsp;", "&rsquo;"]
                    .iter()
                    .any(|e| line.contains(e)),
                "{}: entity left {line:?}",
                c.name
            );
        }
        // every paragraph is its own block: no sentence runs into the next
        assert!(
            !a.text.contains(".The ") && !a.text.contains(".On "),
            "{}",
            c.name
        );
    }
}

#[test]
fn block_elements_break_lines() {
    let a = extract(
        "<!doctype html><html><head><title>T</title></head><body><div>\
         <h1>Leaders meet</h1><div>Putin met Xi in Beijing on Monday, officials said, and talked.</div>\
         <div>Xi later met Lula.<br>He left.</div><ul><li>One item here</li><li>Two items here</li></ul>\
         <blockquote>A quote</blockquote><table><tr><td>Cell one</td><td>Cell two</td></tr></table>\
         </div></body></html>",
    );
    assert_eq!(a.title.as_deref(), Some("Leaders meet"));
    assert!(
        a.text
            .contains("talked.\n\nXi later met Lula.\nHe left.\n\nOne item here\n\nTwo items here"),
        "{}",
        a.text
    );
    assert!(a.text.contains("Cell one\n\nCell two"), "{}", a.text);
}

#[test]
fn date_sources_in_order() {
    let body = "<article><h1>Talks</h1><p>Scholz met Macron in Paris on Tuesday, officials said, after weeks of talks.</p></article>";
    let d = |y, m, d| Some(Date::new(y, m, d).unwrap());
    let meta = "<meta property=\"article:published_time\" content=\"2024-01-02T10:00:00Z\">";
    let time = "<time datetime=\"2024-01-03\">3 Jan</time>";
    let ld = "<script type=\"application/ld+json\">[{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-01-04\"}]</script>";
    let vis = "<div class=\"date\">Published January 5, 2024</div>";
    let page = |h: &str, b: &str| format!("<html><head>{h}</head><body>{b}{body}</body></html>");
    assert_eq!(
        extract(&page(&format!("{ld}{meta}"), &format!("{time}{vis}"))).date,
        d(2024, 1, 2)
    );
    assert_eq!(
        extract(&page(ld, &format!("{vis}{time}"))).date,
        d(2024, 1, 3)
    );
    assert_eq!(extract(&page(ld, vis)).date, d(2024, 1, 4));
    assert_eq!(extract(&page("", vis)).date, d(2024, 1, 5));
    assert_eq!(extract(&page("", "")).date, None);
}

#[test]
fn title_falls_back_to_meta_then_title_tag() {
    let p = "<p>Scholz met Macron in Paris on Tuesday, officials said, after weeks of talks.</p>";
    let a = extract(&format!(
        "<html><head><title>Scholz meets Macron | The Site</title></head><body>{p}</body></html>"
    ));
    assert_eq!(a.title.as_deref(), Some("Scholz meets Macron"));
    let a = extract(&format!("<html><head><meta property=\"og:title\" content=\"OG title\"><title>X | Y</title></head><body>{p}</body></html>"));
    assert_eq!(a.title.as_deref(), Some("OG title"));
    let a = extract(&format!("<html><body>{p}</body></html>"));
    assert_eq!(a.title, None);
    assert!(a.text.starts_with("Scholz met Macron"));
}

#[test]
fn sniffing() {
    assert!(looks_like_html(
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"
    ));
    assert!(looks_like_html(
        "<!-- saved from url=(0042)https://example.invalid/ -->\n<html>"
    ));
    assert!(!looks_like_html(
        "Kim Jong Un met Vladimir Putin in Vladivostok."
    ));
}
