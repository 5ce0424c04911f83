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

/// Names as word numbers, kept per thread from article to article (names
/// recur), so that a word or a name is read only the first time it is seen.
#[derive(Default)]
struct Vocab {
    /// A word's number is its order of first appearance.
    words: HashMap<Box<[u8]>, u32>,
    /// A mention's text as written -> the range of its word numbers in
    /// `ids`: most mentions are names seen before, found by one hash.
    names: HashMap<Box<str>, (u32, u32)>,
    ids: Vec<u32>,
    buf: Vec<u8>,
}

impl Vocab {
    /// Past this many words or names the numbering starts afresh, which
    /// bounds the memory a long run over many articles takes.
    const LIMIT: usize = 1 << 17;

    fn clear_if_full(&mut self) {
        if self.words.len() >= Self::LIMIT || self.names.len() >= Self::LIMIT {
            self.words.clear();
            self.names.clear();
            self.ids.clear();
        }
    }

    /// Appends the [`name_words`] of `s` to `out` as numbers.
    fn push_name_ids(&mut self, s: &str, out: &mut Vec<u32>) {
        let (a, b) = match self.names.get(s) {
            Some(&r) => r,
            None => {
                let a = self.ids.len();
                name_ids(s, &mut self.words, &mut self.buf, &mut self.ids);
                let r = (a as u32, self.ids.len() as u32);
                self.names.insert(s.into(), r);
                r
            }
        };
        out.extend_from_slice(&self.ids[a as usize..b as usize]);
    }
}

/// [`name_words`] as numbers from `vocab` (a word's number is its order
/// of first appearance), appended to `out`, without a string per word.
/// `vocab` is keyed by bytes so that the ASCII path needs no UTF-8 check.
fn name_ids(s: &str, vocab: &mut HashMap<Box<[u8]>, u32>, buf: &mut Vec<u8>, out: &mut Vec<u32>) {
    let mut number = |buf: &mut Vec<u8>, out: &mut Vec<u32>| {
        if buf.is_empty() {
            return;
        }
        let id = match vocab.get(buf.as_slice()) {
            Some(&id) => id,
            None => {
                let next = vocab.len() as u32;
                vocab.insert(buf.as_slice().into(), next);
                next
            }
        };
        out.push(id);
        buf.clear();
    };
    buf.clear();
    if s.is_ascii() {
        // the common case, a word at a time: the same words as below
        let is_gap = |b: &u8| b.is_ascii_whitespace() || *b == b'-' || *b == 0x0B;
        for w in s.as_bytes().split(is_gap) {
            buf.extend(
                w.iter()
                    .filter(|b| b.is_ascii_alphanumeric())
                    .map(u8::to_ascii_lowercase),
            );
            number(buf, out);
        }
        return;
    }
    let mut tmp = [0u8; 4];
    for w in s.split(|c: char| c.is_whitespace() || c == '-' || c == '‐') {
        for c in w
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
        {
            buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        }
        number(buf, out);
    }
}

/// The words of `s` joined by single spaces.
fn tidy(s: &str) -> String {
    // the usual name is tidy already: ASCII words with single spaces
    let mut after_space = true;
    let plain = s.bytes().all(|c| {
        let space = c == b' ';
        let ok = c.is_ascii()
            && if space {
                !after_space
            } else {
                !c.is_ascii_whitespace() && c != 0x0B
            };
        after_space = space;
        ok
    });
    if plain && !after_space {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The starts of an entity's mentions so far, as a sorted set: most
/// entities are mentioned once, some a few times (a vector), and a name
/// mentioned thousands of times goes into a tree, where it stays cheap to
/// add to.
enum Starts {
    One(usize),
    Few(Vec<usize>),
    Many(BTreeSet<usize>),
}

impl Starts {
    /// The most a [`Starts::Few`] holds.
    const FEW: usize = 32;

    fn insert(&mut self, s: usize) {
        match self {
            Starts::One(x) if *x == s => {}
            Starts::One(x) => *self = Starts::Few(if *x < s { vec![*x, s] } else { vec![s, *x] }),
            Starts::Few(v) => {
                let i = v.partition_point(|&x| x < s);
                if v.get(i) == Some(&s) {
                } else if v.len() < Self::FEW {
                    v.insert(i, s);
                } else {
                    *self = Starts::Many(v.iter().copied().chain([s]).collect());
                }
            }
            Starts::Many(t) => {
                t.insert(s);
            }
        }
    }

    /// The greatest start before `s`.
    fn last_before(&self, s: usize) -> Option<usize> {
        match self {
            Starts::One(x) => (*x < s).then_some(*x),
            Starts::Few(v) => v[..v.partition_point(|&x| x < s)].last().copied(),
            Starts::Many(t) => t.range(..s).next_back().copied(),
        }
    }
}

/// How many entities that share a short form are weighed for it.
const FITS_WINDOW: usize = 64;

/// End of a chain in `part_links`.
const NO_LINK: u32 = u32::MAX;

struct Building {
    kind: EntityKind,
    canonical: Option<&'static str>,
    /// The mention with the most words (the first such), whose text names
    /// the entity when no canonical name does; tidied only at the end.
    best: usize,
    best_len: usize,
    /// How many mentions it has, to size its list once.
    count: usize,
    /// Starts of its mentions so far, for "the one mentioned most recently".
    starts: Starts,
}

/// Group mentions into entities.
///
/// Linear in the number of mentions (times the length of a name): entities
/// are found through hash indexes of their canonical name, their words and
/// the short forms their words allow, never by scanning all entities.
pub fn resolve(doc: &Document, mentions: &[Mention]) -> Entities {
    let mut ms: Vec<Mention> = mentions.to_vec();
    // (the tagger gives them sorted: then there is nothing to do)
    if !ms.is_sorted_by_key(|m| (m.start, m.end)) {
        ms.sort_by_key(|m| (m.start, m.end));
    }
    // words as numbers, so that keys are short id slices (see `Vocab`)
    thread_local! {
        static VOCAB: std::cell::RefCell<Vocab> = Default::default();
    }
    // all mentions' words in one buffer, a range per mention
    let mut ids: Vec<u32> = Vec::with_capacity(2 * ms.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(ms.len());
    VOCAB.with(|v| {
        let vocab = &mut *v.borrow_mut();
        vocab.clear_if_full();
        for m in &ms {
            let a = ids.len();
            vocab.push_name_ids(&doc.text[m.start..m.end], &mut ids);
            spans.push((a, ids.len()));
        }
    });
    let words: Vec<&[u32]> = spans.iter().map(|&(a, b)| &ids[a..b]).collect();
    let mut ents: Vec<Building> = Vec::with_capacity(ms.len());
    let mut of = vec![usize::MAX; ms.len()];
    let mut by_canonical: HashMap<(EntityKind, &'static str), usize> =
        HashMap::with_capacity_and_hasher(ms.len(), Default::default());
    let mut by_words: HashMap<(EntityKind, &[u32]), usize> =
        HashMap::with_capacity_and_hasher(ms.len(), Default::default());
    // short forms: (kind, words) -> the newest entity whose name contains
    // them; `part_links` chains each to the one before (one shared list
    // instead of a vector per short form)
    let mut by_part: HashMap<(EntityKind, &[u32]), u32> =
        HashMap::with_capacity_and_hasher(2 * ms.len(), Default::default());
    let mut part_links: Vec<(usize, u32)> = Vec::with_capacity(2 * ms.len());
    // longest mentions first, so short forms find their full names; equals
    // in text order (a counting sort by number of words: names are short)
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let mut at = vec![0usize; longest + 2];
    for w in &words {
        at[longest - w.len() + 1] += 1;
    }
    for j in 1..at.len() {
        at[j] += at[j - 1];
    }
    let mut order = vec![0; ms.len()];
    for (i, w) in words.iter().enumerate() {
        let slot = &mut at[longest - w.len()];
        order[*slot] = i;
        *slot += 1;
    }
    for &i in &order {
        let m = &ms[i];
        let w: &[u32] = words[i];
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
                let mut link = *by_part.get(&(m.kind, w))?;
                // a listed name stands for itself: "Lebanon" is not "Mount Lebanon"
                let own = |k: &usize| match (m.canonical, ents[*k].canonical) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                // the latest FITS_WINDOW candidates only (newest first; each
                // entity is in a chain once, so the order does not decide
                // the winner): a long article with thousands of names
                // sharing a word stays linear
                let recent = std::iter::from_fn(|| {
                    let (k, next) = *part_links.get(link as usize)?;
                    link = next;
                    Some(k)
                })
                .take(FITS_WINDOW);
                recent.filter(own).max_by_key(|&k| {
                    let before = ents[k].starts.last_before(m.start);
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
                    best: i,
                    best_len: 0,
                    count: 0,
                    starts: Starts::One(m.start),
                });
                by_words.insert((m.kind, w), k);
                for_short_forms(w, m.kind, |part| {
                    let head = by_part.entry((m.kind, part)).or_insert(NO_LINK);
                    // `k` is the newest entity: if listed, it is first
                    if *head == NO_LINK || part_links[*head as usize].0 != k {
                        part_links.push((k, *head));
                        *head = (part_links.len() - 1) as u32;
                    }
                });
                k
            }
        };
        let e = &mut ents[k];
        e.count += 1;
        e.starts.insert(m.start);
        if e.canonical.is_none() {
            e.canonical = m.canonical;
        }
        if let Some(c) = m.canonical {
            by_canonical.entry((m.kind, c)).or_insert(k);
        }
        if w.len() > e.best_len {
            e.best_len = w.len();
            e.best = i;
        }
        of[i] = k;
    }
    // order entities by first mention (by creation among those first
    // mentioned at one start): met in the sorted mentions
    let mut first: Vec<usize> = Vec::with_capacity(ents.len());
    let mut seen = vec![false; ents.len()];
    let mut i = 0;
    while i < ms.len() {
        let (start, from) = (ms[i].start, first.len());
        while i < ms.len() && ms[i].start == start {
            let k = of[i];
            if k != usize::MAX && !seen[k] {
                seen[k] = true;
                first.push(k);
            }
            i += 1;
        }
        first[from..].sort_unstable();
    }
    let mut renum = vec![0; ents.len()];
    for (new, &old) in first.iter().enumerate() {
        renum[old] = new;
    }
    let mut list: Vec<Entity> = first
        .iter()
        .map(|&k| {
            let e = &ents[k];
            Entity {
                kind: e.kind,
                name: match e.canonical {
                    Some(c) => c.to_string(),
                    None => tidy(&doc.text[ms[e.best].start..ms[e.best].end]),
                },
                mentions: Vec::with_capacity(e.count),
            }
        })
        .collect();
    // the mentions are sorted, so each entity's list comes out sorted
    let mut keep_of = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        if of[i] != usize::MAX {
            list[renum[of[i]]].mentions.push((m.start, m.end));
            keep_of.push(renum[of[i]]);
        }
    }
    let mut i = 0;
    ms.retain(|_| {
        i += 1;
        of[i - 1] != usize::MAX
    });
    Entities {
        list,
        of_mention: keep_of,
        mentions: ms,
    }
}

/// The shorter forms a name may be mentioned by, each given to `f`: first
/// or last words for a person ("Kim", "Putin", "Kim Jong"), any run of
/// words for a place or an organisation ("Wagner" of "Wagner Group"). A
/// lexicon canonical name is tried before these, so "Korea" listed as South
/// Korea goes there.
fn for_short_forms<'w, T>(w: &'w [T], kind: EntityKind, mut f: impl FnMut(&'w [T])) {
    let n = w.len();
    for len in 1..n {
        if kind == EntityKind::Person {
            f(&w[..len]);
            f(&w[n - len..]);
        } else {
            w.windows(len).for_each(&mut f);
        }
    }
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
