//! Entity evaluation on CoNLL-2003: exact-span precision, recall and F1 for
//! PER, LOC and ORG.
//!
//! Each document is rebuilt as text (tokens joined by a space, sentences by a
//! line break, as the corpus gives them), run through the whole library, and
//! every entity mention is compared with the gold spans. MISC is not one of
//! whomet's types: a gold MISC span is not expected, and a prediction on one
//! is a false positive.

use super::Prf;
use crate::tagger::EntityKind;
use anyhow::Context;
use std::collections::HashSet;

/// The line that starts a document in the corpus files.
const DOC_START: &str = concat!("-DOC", "START-");

/// One rebuilt document with its gold spans (byte offsets).
#[derive(Debug, Default)]
pub struct ConllDoc {
    pub text: String,
    pub gold: Vec<(usize, usize, String)>,
}

/// Parse a CoNLL-2003 file (`word POS chunk NER`, IOB1 tags).
pub fn parse(data: &str) -> Vec<ConllDoc> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut cur: Option<(usize, usize, String)> = None;
    let mut sentence_open = false;
    let close = |cur: &mut Option<(usize, usize, String)>, doc: &mut ConllDoc| {
        if let Some(c) = cur.take() {
            doc.gold.push(c);
        }
    };
    for line in data.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.first() == Some(&DOC_START) {
            close(&mut cur, &mut doc);
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            sentence_open = false;
            continue;
        }
        if parts.is_empty() {
            close(&mut cur, &mut doc);
            if sentence_open {
                doc.text.push('\n');
                sentence_open = false;
            }
            continue;
        }
        let word = parts[0];
        let tag = parts[parts.len() - 1];
        if sentence_open {
            doc.text.push(' ');
        }
        sentence_open = true;
        let start = doc.text.len();
        doc.text.push_str(word);
        let end = doc.text.len();
        if tag == "O" {
            close(&mut cur, &mut doc);
            continue;
        }
        let typ = &tag[2..];
        let continues = !tag.starts_with("B-") && cur.as_ref().is_some_and(|c| c.2 == typ);
        if continues {
            if let Some(c) = cur.as_mut() {
                c.1 = end;
            }
        } else {
            close(&mut cur, &mut doc);
            cur = Some((start, end, typ.to_string()));
        }
    }
    close(&mut cur, &mut doc);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    docs
}

fn label(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "PER",
        EntityKind::Place => "LOC",
        EntityKind::Organisation => "ORG",
    }
}

/// Predicted spans of a text: every mention of every entity, with its type.
pub fn predict(text: &str) -> Vec<(usize, usize, String)> {
    let a = crate::analyse(text, &crate::Options::default());
    let mut out = Vec::new();
    // the tagger's entities, not the parties the meetings stage adds
    for e in &a.entities.list[..a.tagged_entities] {
        for &(s, t) in &e.mentions {
            out.push((s, t, label(e.kind).to_string()));
        }
    }
    out.sort();
    out
}

/// Scores per type (PER, LOC, ORG) and overall.
#[derive(Debug, Default)]
pub struct Scores {
    pub per: Prf,
    pub loc: Prf,
    pub org: Prf,
}

impl Scores {
    pub fn overall(&self) -> Prf {
        let mut all = self.per;
        all.add(self.loc);
        all.add(self.org);
        all
    }
    fn of(&mut self, t: &str) -> Option<&mut Prf> {
        match t {
            "PER" => Some(&mut self.per),
            "LOC" => Some(&mut self.loc),
            "ORG" => Some(&mut self.org),
            _ => None,
        }
    }
}

/// Score one document; with `log`, write its errors there.
pub fn score_doc(doc: &ConllDoc, scores: &mut Scores, log: Option<&mut String>) {
    let pred = predict(&doc.text);
    let gold: HashSet<(usize, usize, &str)> = doc
        .gold
        .iter()
        .filter(|g| g.2 != "MISC")
        .map(|g| (g.0, g.1, g.2.as_str()))
        .collect();
    let predset: HashSet<(usize, usize, &str)> =
        pred.iter().map(|p| (p.0, p.1, p.2.as_str())).collect();
    let mut lines = Vec::new();
    for p in &predset {
        let s = scores.of(p.2).expect("predicted types are ours");
        if gold.contains(p) {
            s.tp += 1;
        } else {
            s.fp += 1;
            let g = doc
                .gold
                .iter()
                .find(|g| g.0 < p.1 && p.0 < g.1)
                .map(|g| format!("{} {:?}", g.2, &doc.text[g.0..g.1]))
                .unwrap_or_else(|| "O".into());
            lines.push((
                p.0,
                format!("  FP {} {:?}   gold: {g}", p.2, &doc.text[p.0..p.1]),
            ));
        }
    }
    for g in &gold {
        if !predset.contains(g) {
            if let Some(s) = scores.of(g.2) {
                s.fn_ += 1;
            }
            let p = pred
                .iter()
                .find(|p| p.0 < g.1 && g.0 < p.1)
                .map(|p| format!("{} {:?}", p.2, &doc.text[p.0..p.1]))
                .unwrap_or_else(|| "none".into());
            lines.push((
                g.0,
                format!("  FN {} {:?}   pred: {p}", g.2, &doc.text[g.0..g.1]),
            ));
        }
    }
    if let Some(log) = log {
        lines.sort();
        for (_, l) in lines {
            log.push_str(&l);
            log.push('\n');
        }
    }
}

/// Score a whole CoNLL file's text.
pub fn score(data: &str, mut log: Option<&mut String>) -> Scores {
    let mut scores = Scores::default();
    for (i, doc) in parse(data).iter().enumerate() {
        if let Some(l) = log.as_deref_mut() {
            let first = doc.text.lines().next().unwrap_or("");
            l.push_str(&format!("doc {i}: {first}\n"));
        }
        score_doc(doc, &mut scores, log.as_deref_mut());
    }
    scores
}

/// `whomet-eval conll [FILE] [--verbose]`
pub fn main(args: &[String]) -> anyhow::Result<()> {
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let path = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(String::as_str)
        .unwrap_or("../shared/data/conll2003/dev.txt");
    let data = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut log = String::new();
    let t = std::time::Instant::now();
    let s = score(&data, verbose.then_some(&mut log));
    let secs = t.elapsed().as_secs_f64();
    if verbose {
        print!("{log}");
    }
    println!("CoNLL-2003 {path}: exact span match, MISC not ours");
    println!("  PER      {}", s.per.line());
    println!("  LOC      {}", s.loc.line());
    println!("  ORG      {}", s.org.line());
    println!("  overall  {}", s.overall().line());
    println!("  ({} documents in {:.2} s)", parse(&data).len(), secs);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rebuilds_text_and_iob1_spans() {
        // invented tokens in the corpus format
        let data = format!("{DOC_START} -X- O O\n\nNATO NNP I-NP I-ORG\nthanks VBZ I-VP O\nDutch JJ I-NP I-MISC\nhosts NN I-NP O\n\nAnna NNP I-NP I-PER\nBerg NNP I-NP I-PER\nB NNP I-NP B-PER\n");
        let data = data.as_str();
        let docs = parse(data);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "NATO thanks Dutch hosts\nAnna Berg B");
        let spans: Vec<_> = docs[0]
            .gold
            .iter()
            .map(|g| (&docs[0].text[g.0..g.1], g.2.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                ("NATO", "ORG"),
                ("Dutch", "MISC"),
                ("Anna Berg", "PER"),
                ("B", "PER")
            ]
        );
    }
}
