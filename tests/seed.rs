//! What the pipeline issue requires of the seed article, checked directly
//! (independently of its golden file).

use serde_json::Value;

fn seed() -> Value {
    let text = std::fs::read_to_string("fixtures/kim-jong-un-russia.txt").unwrap();
    let opts = whomet::Options {
        date: Some("2023-09-11".parse().unwrap()),
        ..Default::default()
    };
    serde_json::from_str(&whomet::process("seed", &text, &opts).to_json()).unwrap()
}

fn entity<'a>(rec: &'a Value, kind: &str, name: &str) -> &'a Value {
    rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == kind && e["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name:?} in {:#}", rec["entities"]))
}

fn mentions(e: &Value) -> Vec<&str> {
    e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect()
}

#[test]
fn people_with_their_short_forms() {
    let r = seed();
    let kim = mentions(entity(&r, "person", "Kim Jong Un"));
    assert!(
        kim.contains(&"Kim Jong-un") && kim.contains(&"Kim"),
        "{kim:?}"
    );
    assert!(mentions(entity(&r, "person", "Vladimir Putin")).contains(&"Putin"));
    assert!(mentions(entity(&r, "person", "Matthew Miller")).contains(&"Miller"));
    for p in ["Dmitry Peskov", "Pat Ryder", "Jake Sullivan"] {
        entity(&r, "person", p);
    }
    for e in r["entities"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        for bad in [
            "Brig",
            "Gen",
            "Chairman",
            "President",
            "Washington Examiner",
            "Chicago",
        ] {
            assert!(
                !name.contains(bad),
                "entity made of a title or furniture: {e}"
            );
        }
    }
}

#[test]
fn places_and_organisations() {
    let r = seed();
    for p in [
        "Russia",
        "North Korea",
        "Ukraine",
        "Iran",
        "China",
        "Vladivostok",
        "United States",
    ] {
        entity(&r, "place", p);
    }
    let nk = mentions(entity(&r, "place", "North Korea"));
    assert!(nk.contains(&"DPRK"), "{nk:?}");
    let us = mentions(entity(&r, "place", "United States"));
    assert!(us.contains(&"U.S."), "{us:?}");
    for o in ["Kremlin", "Pentagon", "State Department", "Wagner Group"] {
        entity(&r, "organisation", o);
    }
}

#[test]
fn dates_resolve_against_the_article_date() {
    let r = seed();
    let dates = r["dates"].as_array().unwrap();
    let value = |text: &str| {
        dates
            .iter()
            .find(|d| d["text"] == text)
            .unwrap_or_else(|| panic!("no date {text:?} in {dates:#?}"))["value"]
            .clone()
    };
    assert_eq!(value("Monday"), "2023-09-11");
    assert_eq!(value("late August"), "2023-08");
    assert_eq!(value("April 2019"), "2019-04");
    assert_eq!(value("last week"), "2023-W36");
    assert_eq!(value("late last year"), "2022");
}

#[test]
fn exactly_two_meetings_between_kim_and_putin() {
    let r = seed();
    let ms = r["meetings"].as_array().unwrap();
    assert_eq!(ms.len(), 2, "{ms:#?}");
    for m in ms {
        let mut names: Vec<&str> = m["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["Kim Jong Un", "Vladimir Putin"]);
        assert!(!m["evidence"].as_array().unwrap().is_empty());
    }
    let planned = ms
        .iter()
        .find(|m| m["status"] == "planned")
        .expect("a planned visit");
    assert_eq!(planned["where"]["name"], "Vladivostok");
    assert!(
        ["in the coming days", "within days"].contains(&planned["when"]["text"].as_str().unwrap()),
        "{planned}"
    );
    assert_eq!(planned["when"]["value"], "FUTURE_REF");
    let happened = ms
        .iter()
        .find(|m| m["status"] == "happened")
        .expect("the 2019 meeting");
    assert_eq!(happened["where"]["name"], "Russia");
    assert_eq!(happened["when"]["text"], "April 2019");
    assert_eq!(happened["when"]["value"], "2019-04");
}

#[test]
fn nothing_from_page_furniture() {
    let r = seed();
    let text = std::fs::read_to_string("fixtures/kim-jong-un-russia.txt").unwrap();
    let chars: Vec<char> = text.chars().collect();
    let furniture: Vec<(usize, usize)> = [
        "CHICAGO LAWMAKER",
        "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",
    ]
    .iter()
    .map(|f| {
        let byte = text.find(f).unwrap();
        let start = text[..byte].chars().count();
        let line_end = start + text[byte..].lines().next().unwrap().chars().count();
        (start, line_end)
    })
    .collect();
    assert!(chars.len() > 100);
    for e in r["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let s = m["start"].as_u64().unwrap() as usize;
            assert!(
                !furniture.iter().any(|&(a, b)| s >= a && s < b),
                "mention from furniture: {m}"
            );
        }
    }
}
