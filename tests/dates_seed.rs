//! The seed article, read from `../shared/data/seed` at run time.
use whomet::dates::{tag, TimexType};
use whomet::reader::Document;

#[test]
fn seed_article_dates() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/seed/kim-jong-un-russia.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping seed_article_dates: {path} is absent");
        return;
    };
    let doc = Document::new(&text);
    let anchor = jiff::civil::date(2023, 9, 11);
    let tags = tag(&doc, Some(anchor));
    let found: Vec<(&str, Option<&str>, Option<&str>)> = tags
        .iter()
        .map(|t| (&text[t.start..t.end], t.value.as_deref(), t.modifier))
        .collect();
    let has = |span: &str, value: &str| {
        found
            .iter()
            .filter(|(s, v, _)| *s == span && *v == Some(value))
            .count()
    };
    // every "Monday" ("on Monday", "Monday's briefing") is the article's day
    let mondays = text.matches("Monday").count();
    assert!(mondays >= 2);
    assert_eq!(has("Monday", "2023-09-11"), mondays, "{found:?}");
    assert_eq!(has("late August", "2023-08"), 1, "{found:?}");
    assert_eq!(has("April 2019", "2019-04"), 1, "{found:?}");
    assert_eq!(has("last week", "2023-W36"), 1, "{found:?}");
    assert_eq!(has("late last year", "2022"), 1, "{found:?}");
    assert!(found
        .iter()
        .any(|(s, _, m)| *s == "late last year" && *m == Some("END")));
    assert!(
        found
            .iter()
            .any(|(s, v, _)| s.contains("the coming days") && *v == Some("FUTURE_REF")),
        "{found:?}"
    );
    assert_eq!(has("within days", "FUTURE_REF"), 1, "{found:?}");
    for t in &tags {
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(matches!(
            t.kind,
            TimexType::Date | TimexType::Time | TimexType::Duration | TimexType::Set
        ));
    }
}
