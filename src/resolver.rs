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

use crate::reader::{packed, Document};
use crate::tagger::{EntityKind, Mention};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// One entity with all its mentions (byte ranges, in text order).
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    /// A lexicon canonical name is borrowed from the lexicon; a name as
    /// written is the article's.
    pub name: Cow<'static, str>,
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

/// Past this many words, names or word sequences the numbering starts
/// afresh, which bounds the memory a long run over many articles takes.
const VOCAB_LIMIT: usize = 1 << 17;

/// The first size of the tables of [`Vocab`].
const VOCAB_START: usize = 1 << 12;

/// No number: a name without words, an entity not yet found.
const NONE: u32 = u32::MAX;

/// What is known of a mention's text, the first time it is seen.
#[derive(Clone, Copy)]
struct Name {
    /// The number of its [`name_words`] as a sequence, [`NONE`] when it has
    /// no words.
    seq: u32,
    /// How many words it has.
    words: u32,
    /// Where its shorter word sequences start in [`Vocab::parts`]: for
    /// each length from one to `words - 1`, the runs of that length from
    /// left to right.
    parts: u32,
    /// The text is [`tidy`] as it stands.
    tidy: bool,
}

/// Names as numbers, kept per thread from article to article (names
/// recur), so that a name is read only the first time it is seen: then its
/// words, its word sequence and those of its short forms are numbered, and
/// the resolver keys its tables by those numbers, not by strings or slices.
#[derive(Default)]
struct Vocab {
    /// A word's number is its order of first appearance. Keyed by bytes so
    /// that the ASCII path needs no UTF-8 check.
    words: HashMap<Box<[u8]>, u32>,
    /// A word sequence's number: (the number of the sequence without its
    /// last word, or [`NONE`], the last word) -> number, so that a
    /// sequence is numbered from its prefix in one lookup.
    seqs: HashMap<(u32, u32), u32>,
    /// A mention's text as written -> its [`Name`]: most mentions are
    /// names seen before, found by one hash. A text of 15 bytes or fewer
    /// (most names) is keyed by its bytes packed into a number, which is
    /// compared without a call to `memcmp` and without reading a string
    /// elsewhere in memory: the table outgrows the caches, so each read
    /// of another place is likely a miss.
    short_names: HashMap<u128, Name>,
    names: HashMap<Box<str>, Name>,
    /// The short forms' sequence numbers of the known names.
    parts: Vec<u32>,
    /// Lexicon canonical names by number (equal names, equal numbers).
    canonicals: HashMap<&'static str, u32>,
    /// The same by address: a canonical name is a slice of the lexicon's
    /// static text, and an address hashes cheaper than the string (two
    /// entries may hold equal names at two addresses: `canonicals` decides).
    canonical_at: HashMap<(usize, usize), u32>,
    buf: Vec<u8>,
    ids: Vec<u32>,
    row: Vec<u32>,
}

impl Vocab {
    /// Empties the tables when one is full; true when it did. (A run sees
    /// thousands of names: the tables start that big rather than grow to
    /// it by rehashing their keys.)
    fn clear_if_full(&mut self) -> bool {
        if self.short_names.capacity() == 0 {
            self.words.reserve(VOCAB_START);
            self.seqs.reserve(2 * VOCAB_START);
            self.short_names.reserve(VOCAB_START);
            self.names.reserve(VOCAB_START / 4);
        }
        let names = self.short_names.len() + self.names.len();
        let full = [self.words.len(), self.seqs.len(), names]
            .iter()
            .any(|&n| n >= VOCAB_LIMIT);
        if full {
            self.words.clear();
            self.seqs.clear();
            self.short_names.clear();
            self.names.clear();
            self.parts.clear();
        }
        full
    }

    /// The [`Name`] of a mention's text.
    fn name(&mut self, s: &str) -> Name {
        let short = packed(s);
        let known = match short {
            Some(key) => self.short_names.get(&key),
            None => self.names.get(s),
        };
        if let Some(&name) = known {
            return name;
        }
        self.ids.clear();
        name_ids(s, &mut self.words, &mut self.buf, &mut self.ids);
        let n = self.ids.len();
        let parts = self.parts.len() as u32;
        // row[a]: the sequence of `len` words from word a, one length at
        // a time (its prefix is the sequence one shorter)
        self.row.clear();
        self.row.resize(n, NONE);
        for len in 1..=n {
            for a in 0..=n - len {
                let key = (self.row[a], self.ids[a + len - 1]);
                let next = self.seqs.len() as u32;
                self.row[a] = *self.seqs.entry(key).or_insert(next);
            }
            if len < n {
                self.parts.extend_from_slice(&self.row[..=n - len]);
            }
        }
        let name = Name {
            seq: if n == 0 { NONE } else { self.row[0] },
            words: n as u32,
            parts,
            tidy: is_tidy(s),
        };
        match short {
            Some(key) => self.short_names.insert(key, name),
            None => self.names.insert(s.into(), name),
        };
        name
    }

    /// The number of a canonical name.
    fn canonical(&mut self, c: &'static str) -> u32 {
        let at = (c.as_ptr() as usize, c.len());
        if let Some(&no) = self.canonical_at.get(&at) {
            return no;
        }
        let next = self.canonicals.len() as u32;
        let no = *self.canonicals.entry(c).or_insert(next);
        self.canonical_at.insert(at, no);
        no
    }

    /// The shorter forms a name may be mentioned by, each given to `f` as
    /// its sequence number: first or last words for a person ("Kim",
    /// "Putin", "Kim Jong"), any run of words for a place or an
    /// organisation ("Wagner" of "Wagner Group"). A lexicon canonical name
    /// is tried before these, so "Korea" listed as South Korea goes there.
    fn for_short_forms(&self, name: Name, kind: EntityKind, mut f: impl FnMut(u32)) {
        let n = name.words as usize;
        let mut from = name.parts as usize;
        for len in 1..n {
            let runs = &self.parts[from..from + n - len + 1];
            if kind == EntityKind::Person {
                f(runs[0]);
                f(runs[runs.len() - 1]);
            } else {
                runs.iter().copied().for_each(&mut f);
            }
            from += runs.len();
        }
    }
}

/// A word sequence's entries in one article's tables, by entity kind.
#[derive(Clone, Copy, Default)]
struct SeqSlot {
    /// The article it belongs to: a slot of another article is empty.
    stamp: u32,
    /// The entity named by exactly these words.
    entity: [u32; 3],
    /// The newest entity with these words among its short forms, the head
    /// of a chain in `part_links`.
    part: [u32; 3],
}

/// A canonical name's entity in one article, by entity kind.
#[derive(Clone, Copy, Default)]
struct CanonicalSlot {
    stamp: u32,
    entity: [u32; 3],
}

/// Tables indexed by sequence or canonical number, stamped with the
/// article they belong to, so that one article's tables cost no hashing
/// and are emptied by a new stamp, not by a pass over them.
#[derive(Default)]
struct Tables {
    stamp: u32,
    seqs: Vec<SeqSlot>,
    canonicals: Vec<CanonicalSlot>,
}

impl Tables {
    /// Starts an article whose numbers are below the tables' new sizes.
    fn start(&mut self, seqs: usize, canonicals: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // (once in four billion articles)
            self.seqs.clear();
            self.canonicals.clear();
            self.stamp = 1;
        }
        if self.seqs.len() < seqs {
            self.seqs.resize(seqs, SeqSlot::default());
        }
        if self.canonicals.len() < canonicals {
            self.canonicals.resize(canonicals, CanonicalSlot::default());
        }
    }

    fn seq(&self, seq: u32) -> Option<&SeqSlot> {
        Some(&self.seqs[seq as usize]).filter(|s| s.stamp == self.stamp)
    }

    fn seq_mut(&mut self, seq: u32) -> &mut SeqSlot {
        let stamp = self.stamp;
        let s = &mut self.seqs[seq as usize];
        if s.stamp != stamp {
            *s = SeqSlot {
                stamp,
                entity: [NONE; 3],
                part: [NO_LINK; 3],
            };
        }
        s
    }

    fn canonical(&self, c: u32, kind: usize) -> Option<usize> {
        let s = &self.canonicals[c as usize];
        (s.stamp == self.stamp && s.entity[kind] != NONE).then_some(s.entity[kind] as usize)
    }

    /// Sets a canonical name's entity unless it has one.
    fn set_canonical(&mut self, c: u32, kind: usize, k: usize) {
        let stamp = self.stamp;
        let s = &mut self.canonicals[c as usize];
        if s.stamp != stamp {
            *s = CanonicalSlot {
                stamp,
                entity: [NONE; 3],
            };
        }
        if s.entity[kind] == NONE {
            s.entity[kind] = k as u32;
        }
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

/// Is `s` [`tidy`] as it stands? The usual name is: ASCII words with
/// single spaces.
fn is_tidy(s: &str) -> bool {
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
    plain && !after_space
}

/// The words of `s` joined by single spaces.
fn tidy(s: &str) -> String {
    if is_tidy(s) {
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
    /// Room a new [`Starts::Few`] is given.
    const FIRST_FEW: usize = 8;

    fn insert(&mut self, s: usize) {
        match self {
            Starts::One(x) if *x == s => {}
            Starts::One(x) => {
                // (room for a few more: an entity mentioned twice is
                // often mentioned again)
                let mut v = Vec::with_capacity(Self::FIRST_FEW);
                v.extend(if *x < s { [*x, s] } else { [s, *x] });
                *self = Starts::Few(v);
            }
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
    /// The number of `canonical` ([`NONE`] without one).
    canonical_no: u32,
    /// The mention with the most words (the first such), whose text names
    /// the entity when no canonical name does; tidied only at the end.
    best: usize,
    best_len: u32,
    /// How many mentions it has, to size its list once.
    count: usize,
    /// Starts of its mentions so far, for "the one mentioned most recently".
    starts: Starts,
}

/// The resolver's memory, kept per thread: the names seen so far, the
/// article tables and the buffers of one article, reused by the next.
#[derive(Default)]
struct Resolver {
    vocab: Vocab,
    tables: Tables,
    /// Per mention: its name and its canonical name's number.
    names: Vec<(Name, u32)>,
    ents: Vec<Building>,
    of: Vec<usize>,
    at: Vec<usize>,
    order: Vec<usize>,
    part_links: Vec<(usize, u32)>,
    first: Vec<usize>,
    seen: Vec<bool>,
    renum: Vec<usize>,
}

/// Group mentions into entities.
///
/// Linear in the number of mentions (times the length of a name): entities
/// are found through indexes of their canonical name, their words and the
/// short forms their words allow, never by scanning all entities.
pub fn resolve(doc: &Document, mentions: &[Mention]) -> Entities {
    let mut ms: Vec<Mention> = mentions.to_vec();
    // (the tagger gives them sorted: then there is nothing to do)
    if !ms.is_sorted_by_key(|m| (m.start, m.end)) {
        ms.sort_by_key(|m| (m.start, m.end));
    }
    thread_local! {
        static RESOLVER: std::cell::RefCell<Resolver> = Default::default();
    }
    RESOLVER.with(|r| r.borrow_mut().resolve(doc, ms))
}

impl Resolver {
    fn resolve(&mut self, doc: &Document, mut ms: Vec<Mention>) -> Entities {
        let Resolver {
            vocab,
            tables,
            names,
            ents,
            of,
            at,
            order,
            part_links,
            first,
            seen,
            renum,
        } = self;
        if vocab.clear_if_full() {
            // (the numbers start afresh: no slot may keep an old one)
            tables.seqs.clear();
        }
        names.clear();
        names.extend(ms.iter().map(|m| {
            let name = vocab.name(&doc.text[m.start..m.end]);
            (name, m.canonical.map_or(NONE, |c| vocab.canonical(c)))
        }));
        tables.start(vocab.seqs.len(), vocab.canonicals.len());
        ents.clear();
        of.clear();
        of.resize(ms.len(), usize::MAX);
        part_links.clear();
        // longest mentions first, so short forms find their full names;
        // equals in text order (a counting sort by number of words: names
        // are short)
        let longest = names.iter().map(|n| n.0.words).max().unwrap_or(0) as usize;
        at.clear();
        at.resize(longest + 2, 0);
        for n in names.iter() {
            at[longest - n.0.words as usize + 1] += 1;
        }
        for j in 1..at.len() {
            at[j] += at[j - 1];
        }
        order.clear();
        order.resize(ms.len(), 0);
        for (i, n) in names.iter().enumerate() {
            let slot = &mut at[longest - n.0.words as usize];
            order[*slot] = i;
            *slot += 1;
        }
        for &i in order.iter() {
            let m = &ms[i];
            let (name, canonical) = names[i];
            if name.words == 0 {
                continue;
            }
            let kind = m.kind as usize;
            let found = (canonical != NONE)
                .then(|| tables.canonical(canonical, kind))
                .flatten()
                .or_else(|| {
                    let s = tables.seq(name.seq)?;
                    (s.entity[kind] != NONE).then_some(s.entity[kind] as usize)
                })
                .or_else(|| {
                    // a short form: of those that contain it, the one
                    // mentioned most recently before it, else the first
                    let mut link = tables.seq(name.seq)?.part[kind];
                    // a listed name stands for itself: "Lebanon" is not
                    // "Mount Lebanon"
                    let own = |k: &usize| {
                        let theirs = ents[*k].canonical_no;
                        canonical == NONE || theirs == NONE || canonical == theirs
                    };
                    // the latest FITS_WINDOW candidates only (newest first;
                    // each entity is in a chain once, so the order does not
                    // decide the winner): a long article with thousands of
                    // names sharing a word stays linear
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
                        canonical_no: canonical,
                        best: i,
                        best_len: 0,
                        count: 0,
                        starts: Starts::One(m.start),
                    });
                    tables.seq_mut(name.seq).entity[kind] = k as u32;
                    vocab.for_short_forms(name, m.kind, |part| {
                        let head = &mut tables.seq_mut(part).part[kind];
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
                e.canonical_no = canonical;
            }
            if canonical != NONE {
                tables.set_canonical(canonical, kind, k);
            }
            if name.words > e.best_len {
                e.best_len = name.words;
                e.best = i;
            }
            of[i] = k;
        }
        // order entities by first mention (by creation among those first
        // mentioned at one start): met in the sorted mentions
        first.clear();
        seen.clear();
        seen.resize(ents.len(), false);
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
        renum.clear();
        renum.resize(ents.len(), 0);
        for (new, &old) in first.iter().enumerate() {
            renum[old] = new;
        }
        let mut list: Vec<Entity> = first
            .iter()
            .map(|&k| {
                let e = &ents[k];
                let (best, name) = (&ms[e.best], names[e.best].0);
                let text = &doc.text[best.start..best.end];
                Entity {
                    kind: e.kind,
                    name: match e.canonical {
                        Some(c) => Cow::Borrowed(c),
                        None if name.tidy => Cow::Owned(text.to_string()),
                        None => Cow::Owned(tidy(text)),
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
            .map(|e| (&*e.name, e.mentions.len()))
            .collect();
        assert_eq!(names, [("Kim Jong Un", 3), ("Vladimir Putin", 2)]);
    }
}
