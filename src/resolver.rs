//! Resolver: groups mentions of one real-world thing into one entity.
//!
//! Three rules, in order:
//! 1. Mentions with the same lexicon canonical name are one entity
//!    ("DPRK", "Democratic People's Republic of Korea", "North Korea").
//! 2. Mentions of the same kind with the same words, ignoring case, hyphens
//!    and periods, are one entity ("Kim Jong Un", "Kim Jong-un").
//! 3. A shorter mention joins the longer entity of the same kind whose words
//!    it shares: first or last word for a person ("Putin", "Kim"), any
//!    contained sequence for a place or organisation. When several fit, the
//!    one mentioned most recently before it wins.
//!
//! The entity's name is its canonical lexicon name, else its fullest mention
//! (most words; the first such mention on a tie).

use crate::reader::Document;
use crate::tagger::{EntityKind, Mention};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// One entity with all its mentions (byte ranges, in text order).
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    pub name: String,
    pub mentions: Vec<(usize, usize)>,
}

/// The entities of a document and, for each mention, its entity.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// `of_mention[i]` is the entity of `mentions[i]`.
    pub of_mention: Vec<usize>,
    /// The mentions, sorted by start.
    pub mentions: Vec<Mention>,
}

impl Entities {
    /// The entity mentioned at exactly this byte range, if any.
    pub fn at(&self, start: usize, end: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.start < start);
        self.mentions
            .get(i)
            .filter(|m| m.start == start && m.end == end)
            .map(|_| self.of_mention[i])
    }

    /// Indices of mentions that lie inside a byte range.
    pub fn mentions_in(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let a = self.mentions.partition_point(|m| m.start < start);
        let b = self.mentions.partition_point(|m| m.start < end);
        a..b.max(a)
    }
}

/// Words of a name for matching: lower case, hyphens as spaces, no periods
/// or apostrophes.
pub fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '‐')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// [`name_words`] as numbers from `vocab` (a word's number is its order
/// of first appearance), without a string per word.
fn name_ids(s: &str, vocab: &mut HashMap<Box<str>, u32>, buf: &mut String) -> Vec<u32> {
    let mut out = Vec::with_capacity(4);
    let mut number = |buf: &mut String, out: &mut Vec<u32>| {
        if buf.is_empty() {
            return;
        }
        let next = vocab.len() as u32;
        let id = match vocab.get(buf.as_str()) {
            Some(&id) => id,
            None => {
                vocab.insert(buf.as_str().into(), next);
                next
            }
        };
        out.push(id);
        buf.clear();
    };
    buf.clear();
    if s.is_ascii() {
        // the common case, byte by byte: the same words as below
        for &b in s.as_bytes() {
            if b.is_ascii_whitespace() || b == b'-' || b == 0x0B {
                number(buf, &mut out);
            } else if b.is_ascii_alphanumeric() {
                buf.push(b.to_ascii_lowercase() as char);
            }
        }
        number(buf, &mut out);
        return out;
    }
    for w in s.split(|c: char| c.is_whitespace() || c == '-' || c == '‐') {
        buf.extend(
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
        number(buf, &mut out);
    }
    out
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many entities that share a short form are weighed for it.
const FITS_WINDOW: usize = 64;

struct Building {
    kind: EntityKind,
    canonical: Option<&'static str>,
    best: String,
    best_len: usize,
    mentions: Vec<usize>,
    /// Starts of its mentions so far, for "the one mentioned most recently".
    starts: BTreeSet<usize>,
}

/// Group mentions into entities.
///
/// Linear in the number of mentions (times the length of a name): entities
/// are found through hash indexes of their canonical name, their words and
/// the short forms their words allow, never by scanning all entities.
pub fn resolve(doc: &Document, mentions: &[Mention]) -> Entities {
    let mut ms: Vec<Mention> = mentions.to_vec();
    ms.sort_by_key(|m| (m.start, m.end));
    // words as numbers: one hash per word, then keys are short id slices.
    // The numbering is kept per thread from article to article (names
    // recur), so a word is copied only the first time it is seen.
    thread_local! {
        static VOCAB: std::cell::RefCell<(HashMap<Box<str>, u32>, String)> = Default::default();
    }
    let words: Vec<Vec<u32>> = VOCAB.with(|v| {
        let (vocab, buf) = &mut *v.borrow_mut();
        if vocab.len() >= 1 << 17 {
            vocab.clear();
        }
        ms.iter()
            .map(|m| name_ids(&doc.text[m.start..m.end], vocab, buf))
            .collect()
    });
    let mut ents: Vec<Building> = Vec::new();
    let mut of = vec![usize::MAX; ms.len()];
    let mut by_canonical: HashMap<(EntityKind, &'static str), usize> = HashMap::default();
    let mut by_words: HashMap<(EntityKind, &[u32]), usize> = HashMap::default();
    // short forms: (kind, words) -> entities whose name contains them
    let mut by_part: HashMap<(EntityKind, &[u32]), Vec<usize>> = HashMap::default();
    // longest mentions first, so short forms find their full names
    let mut order: Vec<usize> = (0..ms.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(words[i].len()), ms[i].start));
    for &i in &order {
        let m = &ms[i];
        let w: &[u32] = &words[i];
        if w.is_empty() {
            continue;
        }
        let found = m
            .canonical
            .and_then(|c| by_canonical.get(&(m.kind, c)).copied())
            .or_else(|| by_words.get(&(m.kind, w)).copied())
            .or_else(|| {
                // a short form: of those that contain it, the one mentioned
                // most recently before it, else the first
                let fits = by_part.get(&(m.kind, w))?;
                // a listed name stands for itself: "Lebanon" is not "Mount Lebanon"
                let own = |k: &usize| match (m.canonical, ents[*k].canonical) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                // the latest FITS_WINDOW candidates only: a long article
                // with thousands of names sharing a word stays linear
                let recent = &fits[fits.len().saturating_sub(FITS_WINDOW)..];
                recent.iter().copied().filter(own).max_by_key(|&k| {
                    let before = ents[k].starts.range(..m.start).next_back();
                    (before.map(|s| s + 1).unwrap_or(0), std::cmp::Reverse(k))
                })
            });
        let k = match found {
            Some(k) => k,
            None => {
                let k = ents.len();
                ents.push(Building {
                    kind: m.kind,
                    canonical: m.canonical,
                    best: String::new(),
                    best_len: 0,
                    mentions: Vec::new(),
                    starts: BTreeSet::new(),
                });
                by_words.insert((m.kind, w), k);
                for part in short_forms(w, m.kind) {
                    let v = by_part.entry((m.kind, part)).or_default();
                    // `k` is the newest entity: if listed, it is last
                    if v.last() != Some(&k) {
                        v.push(k);
                    }
                }
                k
            }
        };
        let e = &mut ents[k];
        e.mentions.push(i);
        e.starts.insert(m.start);
        if e.canonical.is_none() {
            e.canonical = m.canonical;
        }
        if let Some(c) = m.canonical {
            by_canonical.entry((m.kind, c)).or_insert(k);
        }
        if w.len() > e.best_len {
            e.best_len = w.len();
            e.best = tidy(&doc.text[m.start..m.end]);
        }
        of[i] = k;
    }
    // order entities by first mention
    let mut first: Vec<(usize, usize)> = ents
        .iter()
        .enumerate()
        .map(|(k, e)| (e.starts.first().copied().unwrap_or(0), k))
        .collect();
    first.sort();
    let mut renum = vec![0; ents.len()];
    for (new, &(_, old)) in first.iter().enumerate() {
        renum[old] = new;
    }
    let list = first
        .iter()
        .map(|&(_, k)| {
            let e = &ents[k];
            let mut mentions: Vec<(usize, usize)> = e
                .mentions
                .iter()
                .map(|&x| (ms[x].start, ms[x].end))
                .collect();
            mentions.sort();
            Entity {
                kind: e.kind,
                name: e
                    .canonical
                    .map(str::to_string)
                    .unwrap_or_else(|| e.best.clone()),
                mentions,
            }
        })
        .collect();
    let mut keep_ms = Vec::new();
    let mut keep_of = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        if of[i] != usize::MAX {
            keep_ms.push(m.clone());
            keep_of.push(renum[of[i]]);
        }
    }
    Entities {
        list,
        of_mention: keep_of,
        mentions: keep_ms,
    }
}

/// The shorter forms a name may be mentioned by: first or last words for a
/// person ("Kim", "Putin", "Kim Jong"), any run of words for a place or an
/// organisation ("Wagner" of "Wagner Group"). A lexicon canonical name is
/// tried before these, so "Korea" listed as South Korea goes there.
fn short_forms<T>(w: &[T], kind: EntityKind) -> Vec<&[T]> {
    let n = w.len();
    let mut out = Vec::new();
    for len in 1..n {
        if kind == EntityKind::Person {
            out.push(&w[..len]);
            out.push(&w[n - len..]);
        } else {
            out.extend(w.windows(len));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, s: &str, from: usize, kind: EntityKind) -> Mention {
        let start = text[from..].find(s).unwrap() + from;
        Mention {
            start,
            end: start + s.len(),
            kind,
            canonical: None,
            confidence: 3,
        }
    }

    #[test]
    fn short_forms_join_full_names() {
        let text = "Kim Jong Un met Vladimir Putin. Kim Jong-un and Putin talked. Kim left.";
        let doc = Document::new(text);
        let p = EntityKind::Person;
        let ms = vec![
            m(text, "Kim Jong Un", 0, p),
            m(text, "Vladimir Putin", 0, p),
            m(text, "Kim Jong-un", 20, p),
            m(text, "Putin", 40, p),
            m(text, "Kim", 60, p),
        ];
        let e = resolve(&doc, &ms);
        let names: Vec<_> = e
            .list
            .iter()
            .map(|e| (e.name.as_str(), e.mentions.len()))
            .collect();
        assert_eq!(names, [("Kim Jong Un", 3), ("Vladimir Putin", 2)]);
    }
}
