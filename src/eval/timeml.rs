//! Evaluation: TimeML (TempEval-3) DATE and TIME expressions.
//!
//! Reads `.tml` files, strips the tags inside `<TEXT>` (decoding XML
//! entities, so offsets are into the decoded text), takes the document
//! creation time from the `<DCT>` TIMEX3, runs [`crate::dates::tag`] and
//! scores DATE/TIME expressions: strict span, relaxed span (overlap) and
//! value (relaxed span with the same `value`).
use super::Prf;
use crate::dates::{self, TimexType};
use crate::reader::Document;
use anyhow::Context;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// One gold TIMEX3 in the decoded text.
#[derive(Debug, Clone)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone)]
pub struct TimeMlDoc {
    pub text: String,
    pub dct: Option<Date>,
    pub timexes: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(decode_entities(&tag[i..j]))
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                u32::from_str_radix(&name[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parse a TimeML document.
pub fn parse(xml: &str) -> anyhow::Result<TimeMlDoc> {
    let dct = xml.find("<DCT>").and_then(|i| {
        let seg = &xml[i..];
        let end = seg.find("</DCT>")?;
        let seg = &seg[..end];
        let t = seg.find("<TIMEX3")?;
        let close = seg[t..].find('>')? + t;
        let v = attr(&seg[t..close], "value")?;
        let d = v.get(..10)?;
        d.parse::<Date>().ok()
    });
    let start = xml.find("<TEXT>").context("no <TEXT>")? + "<TEXT>".len();
    let end = xml[start..].find("</TEXT>").context("no </TEXT>")? + start;
    let body = &xml[start..end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..lt]));
        let gt = rest[lt..].find('>').context("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            let kind = attr(tag, "type").unwrap_or_default();
            let value = attr(tag, "value").unwrap_or_default();
            if tag.ends_with('/') {
                // empty TIMEX3: nothing to score
            } else {
                open.push((text.len(), kind, value));
            }
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, kind, value)) = open.pop() {
                timexes.push(GoldTimex {
                    start: s,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&decode_entities(rest));
    Ok(TimeMlDoc { text, dct, timexes })
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Scores of one run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scores {
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
}

/// Score one document; misses and false positives are appended to `log`.
pub fn score_doc(name: &str, doc: &TimeMlDoc, log: Option<&mut Vec<String>>) -> Scores {
    let rdoc = Document::new(&doc.text);
    let preds = dates::tag(&rdoc, doc.dct);
    score_preds(name, doc, &preds, log)
}

fn score_preds(
    name: &str,
    doc: &TimeMlDoc,
    preds: &[dates::TimeExpr],
    mut log: Option<&mut Vec<String>>,
) -> Scores {
    let text = &doc.text;
    let scored = |k: &str| k == "DATE" || k == "TIME";
    let gold: Vec<&GoldTimex> = doc.timexes.iter().filter(|g| scored(&g.kind)).collect();
    let other: Vec<&GoldTimex> = doc.timexes.iter().filter(|g| !scored(&g.kind)).collect();
    let preds: Vec<&dates::TimeExpr> = preds
        .iter()
        .filter(|p| matches!(p.kind, TimexType::Date | TimexType::Time))
        .collect();
    let mut s = Scores::default();
    let snip = |a: usize, b: usize| text[a..b].replace('\n', " ");
    // about 60 characters before and 30 after a span, for the error log
    let ctx = |a: usize, b: usize| {
        let cs = text[..a].char_indices().rev().nth(60).map_or(0, |x| x.0);
        let ce = text[b..]
            .char_indices()
            .nth(30)
            .map_or(text.len(), |x| b + x.0);
        snip(cs, ce)
    };
    for p in &preds {
        let ps = (p.start, p.end);
        let hits: Vec<&&GoldTimex> = gold
            .iter()
            .filter(|g| overlaps(ps, (g.start, g.end)))
            .collect();
        if hits.is_empty() {
            if other.iter().any(|g| overlaps(ps, (g.start, g.end))) {
                continue;
            }
            s.strict.fp += 1;
            s.relaxed.fp += 1;
            s.value.fp += 1;
            if let Some(l) = log.as_deref_mut() {
                l.push(format!(
                    "{name}\tFP\t{:?}\t{}\t{}",
                    snip(p.start, p.end),
                    p.value.as_deref().unwrap_or("-"),
                    ctx(p.start, p.end)
                ));
            }
            continue;
        }
        if hits.iter().any(|g| g.start == p.start && g.end == p.end) {
            s.strict.tp += 1;
        } else {
            s.strict.fp += 1;
        }
        s.relaxed.tp += 1;
        if hits
            .iter()
            .any(|g| Some(g.value.as_str()) == p.value.as_deref())
        {
            s.value.tp += 1;
        } else {
            s.value.fp += 1;
        }
    }
    for g in &gold {
        let gs = (g.start, g.end);
        let hits: Vec<&&dates::TimeExpr> = preds
            .iter()
            .filter(|p| overlaps(gs, (p.start, p.end)))
            .collect();
        if !hits.iter().any(|p| p.start == g.start && p.end == g.end) {
            s.strict.fn_ += 1;
        }
        if hits.is_empty() {
            s.relaxed.fn_ += 1;
            s.value.fn_ += 1;
            if let Some(l) = log.as_deref_mut() {
                l.push(format!(
                    "{name}\tMISS\t{:?}\t{}",
                    snip(g.start, g.end),
                    g.value
                ));
            }
            continue;
        }
        if !hits
            .iter()
            .any(|p| Some(g.value.as_str()) == p.value.as_deref())
        {
            s.value.fn_ += 1;
            if let Some(l) = log.as_deref_mut() {
                let p = hits[0];
                l.push(format!(
                    "{name}\tVALUE\t{:?}\tgold {}\tgot {:?} {}\tdct {}\t{}",
                    snip(g.start, g.end),
                    g.value,
                    snip(p.start, p.end),
                    p.value.as_deref().unwrap_or("-"),
                    doc.dct.map(|d| d.to_string()).unwrap_or_default(),
                    ctx(g.start, g.end)
                ));
            }
        } else if let Some(l) = log.as_deref_mut() {
            if std::env::var_os("WHOMET_EVAL_ALL").is_some() {
                l.push(format!(
                    "{name}\tOK\t{:?}\t{}",
                    snip(g.start, g.end),
                    g.value
                ));
            }
            if !hits.iter().any(|p| p.start == g.start && p.end == g.end) {
                let p = hits[0];
                l.push(format!(
                    "{name}\tSPAN\t{:?}\tgot {:?}",
                    snip(g.start, g.end),
                    snip(p.start, p.end)
                ));
            }
        }
    }
    s
}

fn tml_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Score every `.tml` file in a folder.
pub fn evaluate(dir: &Path, mut log: Option<&mut Vec<String>>) -> anyhow::Result<(usize, Scores)> {
    let mut total = Scores::default();
    let n = each_doc(dir, |name, doc| {
        let s = score_doc(name, doc, log.as_deref_mut());
        total.strict.add(s.strict);
        total.relaxed.add(s.relaxed);
        total.value.add(s.value);
    })?;
    Ok((n, total))
}

/// Every document of a folder through `f`, with its name.
fn each_doc(dir: &Path, mut f: impl FnMut(&str, &TimeMlDoc)) -> anyhow::Result<usize> {
    let files = tml_files(dir)?;
    for path in &files {
        let xml =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let doc = parse(&xml).with_context(|| format!("parsing {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        f(&name, &doc);
    }
    Ok(files.len())
}

/// `--why`: the value errors and false positives by kind (see
/// [`super::timeml_errors`]), and the value F1 if every error of the kinds
/// a rule could fix were fixed.
fn why(dir: &Path, s: &Scores) -> anyhow::Result<()> {
    use super::timeml_errors::{breakdown, cases, KINDS};
    let mut all = Vec::new();
    each_doc(dir, |_, doc| {
        let rdoc = Document::new(&doc.text);
        cases(doc, &dates::tag(&rdoc, doc.dct), &mut all);
    })?;
    let b = breakdown(&all);
    let total: usize = b.value_errors.values().sum();
    println!("value errors (gold expression overlapped, another value): {total}");
    for (k, name) in KINDS.iter().enumerate() {
        println!(
            "  {:4}  {name}",
            b.value_errors.get(&k).copied().unwrap_or(0)
        );
    }
    println!("false positives (no gold expression overlaps):");
    println!(
        "  {:4}  the same wording is a gold expression elsewhere",
        b.fp_annotated_elsewhere
    );
    println!("  {:4}  other", b.fp_other);
    // upper bounds for rules that keep every reading the set scores right
    // elsewhere: every "other" error right and "other" false positive gone,
    // then also every miss found with its value
    let other = b.value_errors.get(&(KINDS.len() - 1)).copied().unwrap_or(0);
    let v = s.value;
    let f1 = |tp: usize, pred: usize| 2.0 * tp as f64 / (pred + v.tp + v.fn_) as f64;
    let pred = v.tp + v.fp - b.fp_other;
    let misses = s.relaxed.fn_;
    println!(
        "value F1 if every 'other' error and false positive were fixed: {:.3}; and every miss found: {:.3}",
        f1(v.tp + other, pred),
        f1(v.tp + other + misses, pred + misses)
    );
    for c in &b.other {
        println!(
            "  other: {:?} gold {} got {}",
            c.phrase,
            c.gold.as_deref().unwrap_or("-"),
            c.got.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

/// Entry point of `whomet-eval timeml`.
pub fn main(args: &[String]) -> anyhow::Result<()> {
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let explain = args.iter().any(|a| a == "--why");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data/tempeval3/train"));
    let mut log = Vec::new();
    let (n, s) = evaluate(&dir, verbose.then_some(&mut log))?;
    for l in &log {
        println!("{l}");
    }
    println!("timeml: {} files in {} (DATE+TIME)", n, dir.display());
    println!("strict   {}", s.strict.line());
    println!("relaxed  {}", s.relaxed.line());
    println!("value    {}", s.value.line());
    if explain {
        why(&dir, &s)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_text_offsets_and_entities() {
        let xml = "<TimeML><DCT><TIMEX3 type=\"DATE\" tid=\"t0\" value=\"1998-02-13\">x</TIMEX3></DCT>\
                   <TEXT>A &amp; B <TIMEX3 type=\"DATE\" tid=\"t1\" value=\"1998-02-13\">Friday</TIMEX3> \
                   for <TIMEX3 type=\"DURATION\" tid=\"t2\" value=\"P2Y\">two years</TIMEX3>.</TEXT></TimeML>";
        let d = parse(xml).unwrap();
        assert_eq!(d.dct, Some(jiff::civil::date(1998, 2, 13)));
        assert_eq!(d.text, "A & B Friday for two years.");
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "Friday");
        assert_eq!(d.timexes[1].kind, "DURATION");
    }
}
