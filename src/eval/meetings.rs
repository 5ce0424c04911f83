//! Meeting evaluation: participant pairs on the hand-annotated CoNLL
//! articles of `data/meetings/`, and pair recall on `data/rams-dev/`.
//!
//! Each record counts as the set of unordered pairs of its participants. A
//! predicted pair is right when it matches a gold pair of the same article
//! (one to one). Two names match when, after lower-casing, dropping titles
//! and punctuation and treating hyphens as spaces, the shorter name's words
//! all occur in the longer one and they share the last word (or the first);
//! common short forms (U.S., UK, DPRK, UN, EU) count as their full names.
//! For matched pairs, `where`, `when` and `status` are compared with the gold.

use super::Prf;
use crate::lexicon;
use anyhow::Context;
use serde_json::Value;
use std::path::Path;

/// A name as a list of comparable words.
pub fn name_key(name: &str) -> Vec<String> {
    let name = name.trim();
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    // a listed short form counts as its full name
    let full = lexicon::lookup(name)
        .and_then(|e| e.place.map(|p| p.1).or(e.org.map(|o| o.1)))
        .unwrap_or(name);
    crate::resolver::name_words(full)
        .into_iter()
        .filter(|w| {
            !lexicon::get(w).is_some_and(|e| e.title.is_some() && !e.is_name() && e.place.is_none())
        })
        .collect()
}

/// The matching rule of the meeting issue.
pub fn names_match(a: &str, b: &str) -> bool {
    let (ka, kb) = (name_key(a), name_key(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let (short, long) = if ka.len() <= kb.len() {
        (&ka, &kb)
    } else {
        (&kb, &ka)
    };
    short.iter().all(|w| long.contains(w))
        && (short.last() == long.last() || short.first() == long.first())
}

#[derive(Debug, Clone)]
struct Rec {
    parties: Vec<String>,
    place: Option<String>,
    when_text: Option<String>,
    when_value: Option<String>,
    status: Option<String>,
}

fn pairs(r: &Rec) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for i in 0..r.parties.len() {
        for j in i + 1..r.parties.len() {
            v.push((r.parties[i].clone(), r.parties[j].clone()));
        }
    }
    v
}

fn str_of(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn gold_rec(m: &Value) -> Rec {
    Rec {
        parties: m["participants"]
            .as_array()
            .map(|a| a.iter().filter_map(str_of).collect())
            .unwrap_or_default(),
        place: str_of(&m["where"]),
        when_text: str_of(&m["when"]["text"]),
        when_value: str_of(&m["when"]["value"]),
        status: str_of(&m["status"]),
    }
}

fn predict(text: &str, date: Option<crate::Date>) -> Vec<Rec> {
    let rec = crate::process(
        "eval",
        text,
        &crate::Options {
            date,
            ..Default::default()
        },
    );
    rec.meetings
        .iter()
        .map(|m| Rec {
            parties: m.participants.iter().map(|p| p.name.clone()).collect(),
            place: m.place.as_ref().map(|p| p.name.clone()),
            when_text: m.when.as_ref().map(|w| w.text.clone()),
            when_value: m.when.as_ref().and_then(|w| w.value.clone()),
            status: Some(m.status.to_string()),
        })
        .collect()
}

/// Agreement counts on matched pairs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Agree {
    pub pairs: usize,
    pub place: usize,
    pub when: usize,
    pub status: usize,
}

fn opt_match(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => names_match(a, b),
        _ => false,
    }
}

/// Score one article: pairs (one to one) and agreement on the matched ones.
fn score_article(
    gold: &[Rec],
    pred: &[Rec],
    prf: &mut Prf,
    agree: &mut Agree,
    log: &mut Vec<String>,
) {
    let gp: Vec<(usize, (String, String))> = gold
        .iter()
        .enumerate()
        .flat_map(|(i, r)| pairs(r).into_iter().map(move |p| (i, p)))
        .collect();
    let mut used = vec![false; gp.len()];
    for (pi, r) in pred.iter().enumerate() {
        for (a, b) in pairs(r) {
            let hit = gp.iter().enumerate().position(|(k, (_, (x, y)))| {
                !used[k]
                    && (names_match(&a, x) && names_match(&b, y)
                        || names_match(&a, y) && names_match(&b, x))
            });
            match hit {
                Some(k) => {
                    used[k] = true;
                    prf.tp += 1;
                    let g = &gold[gp[k].0];
                    agree.pairs += 1;
                    let place_ok = opt_match(&g.place, &pred[pi].place);
                    let when_ok = match (&g.when_value, &g.when_text) {
                        (Some(v), _) => pred[pi].when_value.as_deref() == Some(v.as_str()),
                        (None, Some(t)) => pred[pi].when_text.as_deref() == Some(t.as_str()),
                        (None, None) => pred[pi].when_text.is_none(),
                    };
                    let status_ok = g.status == pred[pi].status;
                    agree.place += place_ok as usize;
                    agree.when += when_ok as usize;
                    agree.status += status_ok as usize;
                    if !(place_ok && when_ok && status_ok) {
                        log.push(format!(
                            "  ~ {a} / {b}: where {:?} (gold {:?}), when {:?}={:?} (gold {:?}={:?}), status {:?} (gold {:?})",
                            pred[pi].place, g.place, pred[pi].when_text, pred[pi].when_value, g.when_text, g.when_value, pred[pi].status, g.status
                        ));
                    }
                }
                None => {
                    prf.fp += 1;
                    log.push(format!("  FP {a} / {b} ({:?})", pred[pi].status));
                }
            }
        }
    }
    for (k, (_, (x, y))) in gp.iter().enumerate() {
        if !used[k] {
            prf.fn_ += 1;
            log.push(format!("  FN {x} / {y}"));
        }
    }
}

/// Scores of the annotated CoNLL articles.
pub fn score_meetings(dir: &Path, verbose: bool) -> anyhow::Result<(Prf, Agree, usize)> {
    let mut prf = Prf::default();
    let mut agree = Agree::default();
    let mut docs = 0;
    for split in ["dev", "train"] {
        let gold_text = std::fs::read_to_string(dir.join(format!("{split}.jsonl")))
            .with_context(|| format!("reading {}/{split}.jsonl", dir.display()))?;
        let mut gold: std::collections::HashMap<String, (Option<String>, Vec<Rec>)> =
            Default::default();
        for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line)?;
            let recs = v["meetings"]
                .as_array()
                .map(|a| a.iter().map(gold_rec).collect())
                .unwrap_or_default();
            gold.insert(
                v["doc"].as_str().unwrap_or("").to_string(),
                (str_of(&v["date"]), recs),
            );
        }
        let reviewed = std::fs::read_to_string(dir.join(format!("reviewed-{split}.txt")))?;
        for doc in reviewed.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let doc = if doc.contains('/') {
                doc.to_string()
            } else {
                format!("{split}/{doc}")
            };
            let text = std::fs::read_to_string(dir.join("articles").join(&doc))
                .with_context(|| format!("reading article {doc}"))?;
            let (date, recs) = gold.get(&doc).cloned().unwrap_or((None, Vec::new()));
            let date = date.and_then(|d| d.parse().ok());
            let pred = predict(&text, date);
            let mut log = Vec::new();
            score_article(&recs, &pred, &mut prf, &mut agree, &mut log);
            docs += 1;
            if verbose && !log.is_empty() {
                println!("{doc}:");
                for l in log {
                    println!("{l}");
                }
            }
        }
    }
    Ok((prf, agree, docs))
}

/// Pair recall on the RAMS windows.
pub fn score_rams(dir: &Path, verbose: bool) -> anyhow::Result<Prf> {
    let gold_text =
        std::fs::read_to_string(dir.join("gold.jsonl")).context("reading rams gold.jsonl")?;
    let mut prf = Prf::default();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        let doc = v["doc"].as_str().unwrap_or("");
        let text = std::fs::read_to_string(dir.join(doc))?;
        let gold: Vec<Rec> = v["meetings"]
            .as_array()
            .map(|a| a.iter().map(gold_rec).collect())
            .unwrap_or_default();
        let pred = predict(&text, None);
        let mut p = Prf::default();
        let mut log = Vec::new();
        score_article(&gold, &pred, &mut p, &mut Agree::default(), &mut log);
        // recall only: the windows are not exhaustively annotated
        prf.tp += p.tp;
        prf.fn_ += p.fn_;
        if verbose {
            println!("rams {doc}:");
            for l in log.iter().filter(|l| !l.starts_with("  FP")) {
                println!("{l}");
            }
        }
    }
    Ok(prf)
}

fn share(n: usize, d: usize) -> String {
    if d == 0 {
        "n/a".into()
    } else {
        format!("{:.3} ({n}/{d})", n as f64 / d as f64)
    }
}

/// `whomet-eval meetings [DATA_DIR] [--verbose]` (DATA_DIR defaults to `../shared/data`).
pub fn main(args: &[String]) -> anyhow::Result<()> {
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let data = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(String::as_str)
        .unwrap_or("../shared/data");
    let data = Path::new(data);
    let (prf, agree, docs) = score_meetings(&data.join("meetings"), verbose)?;
    let rams = score_rams(&data.join("rams-dev"), verbose)?;
    println!("meetings/ (dev + train, {docs} reviewed articles): participant pairs");
    println!("  pairs    {}", prf.line());
    println!("  where    {}", share(agree.place, agree.pairs));
    println!("  when     {}", share(agree.when, agree.pairs));
    println!("  status   {}", share(agree.status, agree.pairs));
    println!(
        "rams-dev/: pair recall {}",
        share(rams.tp, rams.tp + rams.fn_)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_the_issue_rule() {
        assert!(names_match("Kim Jong Un", "Kim Jong-un"));
        assert!(names_match("Putin", "Vladimir Putin"));
        assert!(names_match(
            "The head of the Nordic Institute , Maja Lind",
            "Maja Lind"
        ));
        assert!(!names_match("Bill Clinton", "Hillary Clinton Smith"));
        assert!(!names_match("Kim", "Putin"));
    }
}
