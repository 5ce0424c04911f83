// Shared by the fuzz targets: run one article and check the output contract.
use serde_json::Value;

fn spans(v: &Value, chars: &[char]) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e)) = (m.get("start"), m.get("end")) {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                assert!(
                    s <= e && e <= chars.len(),
                    "span {s}..{e} of {}",
                    chars.len()
                );
                if let Some(t) = m.get("text") {
                    let slice: String = chars[s..e].iter().collect();
                    assert_eq!(t.as_str().unwrap(), slice, "span {s}..{e}");
                }
            }
            m.values().for_each(|x| spans(x, chars));
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, chars)),
        _ => {}
    }
}

pub fn article(source: &str, text: &str, opts: &whomet::Options) {
    let json = whomet::process(source, text, opts).to_json();
    assert!(!json.contains('\n'));
    let v: Value = serde_json::from_str(&json).expect("a record is valid JSON");
    let chars: Vec<char> = text.chars().collect();
    spans(&v, &chars);
    assert_eq!(
        json,
        whomet::process(source, text, opts).to_json(),
        "deterministic"
    );
}
