//! Accuracy floors on the development data in `../shared/data/`: they catch
//! a change that makes whomet clearly worse. The real figures come from
//! `whomet-eval` (see README). Skipped, with a message, where the data is absent.

use std::path::Path;

fn data(rel: &str) -> Option<String> {
    let p = Path::new("../shared/data").join(rel);
    if !p.exists() {
        eprintln!("skipped: {} is absent", p.display());
        return None;
    }
    Some(p.display().to_string())
}

#[test]
fn conll_dev_entities_floor() {
    let Some(path) = data("conll2003/dev.txt") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let s = whomet::eval::conll::score(&text, None);
    let f1 = s.overall().f1();
    assert!(f1 >= 0.87, "CoNLL dev overall F1 fell to {f1:.3}");
    for (name, t) in [("PER", s.per), ("LOC", s.loc), ("ORG", s.org)] {
        assert!(t.f1() >= 0.78, "CoNLL dev {name} F1 fell to {:.3}", t.f1());
    }
}

#[test]
fn meetings_floor() {
    let Some(dir) = data("meetings") else { return };
    let (prf, _, docs) = whomet::eval::meetings::score_meetings(Path::new(&dir), false).unwrap();
    assert!(docs >= 300);
    assert!(prf.f1() >= 0.62, "meeting pair F1 fell to {:.3}", prf.f1());
    assert!(
        prf.precision() >= 0.85,
        "meeting pair precision fell to {:.3}",
        prf.precision()
    );
}

#[test]
fn timeml_floor() {
    let Some(dir) = data("tempeval3/train") else {
        return;
    };
    let (files, s) = whomet::eval::timeml::evaluate(Path::new(&dir), None).unwrap();
    assert!(files >= 250);
    assert!(
        s.strict.f1() >= 0.88,
        "TimeML strict F1 fell to {:.3}",
        s.strict.f1()
    );
    assert!(
        s.relaxed.f1() >= 0.92,
        "TimeML relaxed F1 fell to {:.3}",
        s.relaxed.f1()
    );
    assert!(
        s.value.f1() >= 0.83,
        "TimeML value F1 fell to {:.3}",
        s.value.f1()
    );
}
