//! Lexicons: the word lists under `data/lexicon/`, merged at compile time by
//! `build.rs` into one sorted table, embedded in the binary with an index of
//! line offsets and a finite-state transducer (the `fst` crate) from each key
//! to its line. A look-up walks the transducer and parses only the line it
//! finds, so start-up costs nothing, and a longest-match search over tokens
//! ([`Cursor`]) goes on from where the previous token ended.
//!
//! Two things keep the per-token cost down on long streams: what a token
//! does to the walk is cached per thread ([`step`]; names and capitalised
//! words recur from article to article), and each line is parsed once into
//! an [`Entry`] shared by all threads ([`entry_at`]).
//!
//! Keys are normalised (lower case, white space removed), so "North Korea",
//! "NORTH KOREA" and the CoNLL-tokenised "People 's" all find their entry;
//! [`Entry::surface`] keeps a listed spelling for case checks ("US" is the
//! country, "us" is not).

use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cell::RefCell;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.tsv"));
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.idx"));
static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));

fn fst() -> &'static fst::raw::Fst<&'static [u8]> {
    static F: OnceLock<fst::raw::Fst<&'static [u8]>> = OnceLock::new();
    F.get_or_init(|| fst::raw::Fst::new(FST).expect("the embedded transducer is valid"))
}

/// Counts of a surface form's entity types in the CoNLL-2003 training split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCounts {
    pub per: u16,
    pub loc: u16,
    pub org: u16,
    pub misc: u16,
}

impl TypeCounts {
    pub fn total(&self) -> u32 {
        self.per as u32 + self.loc as u32 + self.org as u32 + self.misc as u32
    }
}

/// Everything the lexicons know about one normalised form.
#[derive(Debug, Clone, Copy, Default)]
pub struct Entry {
    pub key: &'static str,
    pub surface: &'static str,
    pub given: bool,
    pub surname: bool,
    pub common: bool,
    /// Place kind ("country", "city", ...) and canonical name.
    pub place: Option<(&'static str, &'static str)>,
    /// Organisation kind and canonical name.
    pub org: Option<(&'static str, &'static str)>,
    /// The place a demonym belongs to ("Russian" -> "Russia").
    pub demonym: Option<&'static str>,
    /// "honorific" or "role".
    pub title: Option<&'static str>,
    /// "head", "first" or "head,first".
    pub org_keyword: Option<&'static str>,
    /// `org_keyword` says "head" / "first"; decided when the line is parsed
    /// (the tagger asks for every word of every capitalised chunk).
    pub org_head: bool,
    pub org_first: bool,
    /// Readings of an ambiguous word ("month,person").
    pub ambiguous: Option<&'static str>,
    pub conll: Option<TypeCounts>,
    /// Canonical full name of a well-known person alias.
    pub person: Option<&'static str>,
    /// See [`Entry::is_acronym`]; decided when the line is parsed.
    acronym: bool,
}

impl Entry {
    /// Listed in capitals only ("NATO", "US"): must be written so in text.
    pub fn is_acronym(&self) -> bool {
        self.acronym
    }

    fn surface_is_acronym(&self) -> bool {
        let mut upper = 0;
        for c in self.surface.chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_uppercase() {
                upper += 1;
            }
        }
        upper >= 2
    }
    pub fn is_name(&self) -> bool {
        self.given || self.surname
    }
}

fn opt(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

fn pair(s: &'static str) -> Option<(&'static str, &'static str)> {
    let (a, b) = s.split_once(':')?;
    Some((a, b))
}

fn counts(s: &'static str) -> Option<TypeCounts> {
    if s.is_empty() {
        return None;
    }
    let mut c = TypeCounts::default();
    for part in s.split(',') {
        let Some((t, n)) = part.split_once('=') else {
            continue;
        };
        let n: u16 = n.parse().unwrap_or(0);
        match t {
            "PER" => c.per = n,
            "LOC" => c.loc = n,
            "ORG" => c.org = n,
            "MISC" => c.misc = n,
            _ => {}
        }
    }
    Some(c)
}

fn parse_line(line: &'static str) -> Entry {
    let mut e = parse_fields(line);
    e.acronym = e.surface_is_acronym();
    e.org_head = e.org_keyword.is_some_and(|k| k.contains("head"));
    e.org_first = e.org_keyword.is_some_and(|k| k.contains("first"));
    e
}

fn parse_fields(line: &'static str) -> Entry {
    // fields are short and many: a plain byte loop finds the tabs for less
    // than `split`'s searcher (every entry a stream touches is parsed once)
    let mut rest = line;
    let mut next = || {
        let end = rest.bytes().position(|b| b == b'\t').unwrap_or(rest.len());
        let field = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        field
    };
    let key = next();
    let surface = next();
    let (mut given, mut surname, mut common) = (false, false, false);
    for b in next().bytes() {
        match b {
            b'g' => given = true,
            b's' => surname = true,
            b'c' => common = true,
            _ => {}
        }
    }
    Entry {
        key,
        surface,
        given,
        surname,
        common,
        place: pair(next()),
        org: pair(next()),
        demonym: opt(next()),
        title: opt(next()),
        org_keyword: opt(next()),
        org_head: false,
        org_first: false,
        ambiguous: opt(next()),
        conll: counts(next()),
        person: opt(next()),
        acronym: false,
    }
}

/// The i-th line of the table (without its line break).
fn line(i: usize) -> &'static str {
    let at = |k: usize| {
        u32::from_le_bytes(INDEX[k * 4..k * 4 + 4].try_into().expect("4 bytes")) as usize
    };
    let start = at(i);
    let end = if (i + 1) * 4 < INDEX.len() {
        at(i + 1) - 1
    } else {
        TABLE.len().saturating_sub(1)
    };
    &TABLE[start..end.max(start)]
}

#[cfg(test)]
fn key_of(line: &str) -> &str {
    line.split_once('\t').map_or(line, |(k, _)| k)
}

/// Normalise a form the way the table keys are: lower case, no white space.
pub fn normalise_into(s: &str, out: &mut String) {
    // the common case, one ASCII word, in one pass over its bytes; anything
    // else is undone and read character by character
    let at = out.len();
    out.reserve(s.len());
    for b in s.bytes() {
        if !b.is_ascii_graphic() {
            out.truncate(at);
            normalise_chars(s, out);
            return;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

fn normalise_chars(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            c if c.is_whitespace() => {}
            '’' | '‘' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// A position in the transducer after some normalised text: feed it token
/// after token to find the longest listed name.
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    addr: fst::raw::CompiledAddr,
    out: fst::raw::Output,
}

/// The root's address (asking `Fst::root` decodes the whole node).
fn root_addr() -> fst::raw::CompiledAddr {
    static A: OnceLock<fst::raw::CompiledAddr> = OnceLock::new();
    *A.get_or_init(|| fst().root().addr())
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            addr: root_addr(),
            out: fst::raw::Output::zero(),
        }
    }
}

impl Cursor {
    /// Go on with `s`, normalised as the keys are (lower case, no white
    /// space, typographic apostrophes as `'`). False when no key goes on.
    pub fn feed(&mut self, s: &str) -> bool {
        let f = fst();
        let mut node = f.node(self.addr);
        let mut buf = [0u8; 4];
        for c in s.chars() {
            let mut step = |b: u8| -> bool {
                match node.find_input(b) {
                    Some(i) => {
                        let t = node.transition(i);
                        self.out = self.out.cat(t.out);
                        node = f.node(t.addr);
                        true
                    }
                    None => false,
                }
            };
            let ok = match c {
                c if c.is_whitespace() => true,
                '’' | '‘' => step(b'\''),
                c if c.is_ascii() => step(c.to_ascii_lowercase() as u8),
                c => c
                    .to_lowercase()
                    .all(|l| l.encode_utf8(&mut buf).bytes().all(&mut step)),
            };
            if !ok {
                return false;
            }
        }
        self.addr = node.addr();
        true
    }

    /// The line of the entry whose key is exactly what was fed.
    pub fn line(&self) -> Option<u32> {
        let node = fst().node(self.addr);
        node.is_final()
            .then(|| self.out.cat(node.final_output()).value() as u32)
    }

    /// The entry whose key is exactly what was fed.
    pub fn entry(&self) -> Option<&'static Entry> {
        self.line().map(entry_at)
    }

    /// Does some longer key go on from here?
    pub fn extends(&self) -> bool {
        !fst().node(self.addr).is_empty()
    }
}

/// Parsed entries, one slot per line of the table, filled on first use and
/// shared by every thread. A slot holds a leaked `Entry`: each line is
/// parsed at most once (twice when two threads race; one copy is dropped),
/// so the memory is bounded by the table (about 90,000 lines; a news
/// stream touches a small share of them).
fn slots() -> &'static [AtomicPtr<Entry>] {
    static S: OnceLock<Box<[AtomicPtr<Entry>]>> = OnceLock::new();
    S.get_or_init(|| {
        (0..len())
            .map(|_| AtomicPtr::new(std::ptr::null_mut()))
            .collect()
    })
}

/// The entry on a line of the table.
pub fn entry_at(line_no: u32) -> &'static Entry {
    let slot = &slots()[line_no as usize];
    let p = slot.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: a non-null slot points to a leaked, never freed Entry.
        return unsafe { &*p };
    }
    let fresh = Box::into_raw(Box::new(parse_line(line(line_no as usize))));
    match slot.compare_exchange(
        std::ptr::null_mut(),
        fresh,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        // SAFETY: `fresh` was just leaked and is now owned by the slot.
        Ok(_) => unsafe { &*fresh },
        Err(other) => {
            // SAFETY: `fresh` never became visible to another thread.
            drop(unsafe { Box::from_raw(fresh) });
            // SAFETY: as above, a non-null slot is a leaked Entry.
            unsafe { &*other }
        }
    }
}

/// What a single token finds in the transducer from its root.
#[derive(Clone, Copy, Debug)]
pub struct Start {
    /// Where the walk stands after the token; `None` when no key starts so.
    pub cursor: Option<Cursor>,
    /// The line of the key that is exactly the token.
    pub line: Option<u32>,
    /// Some longer key goes on from here.
    pub extends: bool,
    /// The entry on `line`.
    pub entry: Option<&'static Entry>,
}

impl Start {
    pub fn entry(&self) -> Option<&'static Entry> {
        self.entry
    }
}

/// Look up one token from the root of the transducer.
pub fn start(token: &str) -> Start {
    step(None, token)
}

/// Go on from `from` (the root when `None`) with one token. News repeats
/// its capitalised words (names, places, sentence-initial words) article
/// after article, so results are kept per thread, keyed by where the walk
/// stood and the token as written: hashing a short string costs an order
/// of magnitude less than walking the transducer byte by byte.
pub fn step(from: Option<Cursor>, token: &str) -> Start {
    struct Cache {
        /// Walks from the root, keyed by the token itself.
        root: FxHashMap<Box<str>, Walk>,
        /// Walks from inside, keyed by the token's bytes and then the node's
        /// address in eight bytes (fixed width, so no separator is needed).
        inner: FxHashMap<Box<[u8]>, Walk>,
        key: Vec<u8>,
    }
    thread_local! {
        static CACHE: RefCell<Cache> = const {
            RefCell::new(Cache {
                root: FxHashMap::with_hasher(FxBuildHasher),
                inner: FxHashMap::with_hasher(FxBuildHasher),
                key: Vec::new(),
            })
        };
    }
    let walk = CACHE.with_borrow_mut(|c| match from {
        None => {
            if let Some(w) = c.root.get(token) {
                return *w;
            }
            let w = Walk::new(root_addr(), token, true);
            if c.root.len() >= 1 << 16 {
                c.root.clear();
            }
            c.root.insert(token.into(), w);
            w
        }
        Some(from) => {
            c.key.clear();
            c.key.extend_from_slice(token.as_bytes());
            c.key.extend_from_slice(&(from.addr as u64).to_le_bytes());
            if let Some(w) = c.inner.get(c.key.as_slice()) {
                return *w;
            }
            let w = Walk::new(from.addr, token, false);
            if c.inner.len() >= 1 << 16 {
                c.inner.clear();
            }
            c.inner.insert(c.key.as_slice().into(), w);
            w
        }
    });
    walk.start(from)
}

/// Look up one token from the root without the per-thread cache of
/// [`start`], for a caller that keeps its own.
pub fn start_uncached(token: &str) -> Start {
    Walk::new(root_addr(), token, true).start(None)
}

/// What one token does from a node: outputs along a path add up, and a
/// node may be reached by several paths, so [`step`]'s cache keeps the
/// output gained on the way, not the total.
#[derive(Clone, Copy)]
struct Walk {
    to: Option<fst::raw::CompiledAddr>,
    gained: u64,
    final_out: Option<u64>,
    extends: bool,
    /// The entry reached, for walks from the root (whose line is known).
    entry: Option<&'static Entry>,
}

impl Walk {
    /// Walk `token` from the node at `from` (the root if `at_root`).
    fn new(from: fst::raw::CompiledAddr, token: &str, at_root: bool) -> Walk {
        let mut cur = Cursor {
            addr: from,
            out: fst::raw::Output::zero(),
        };
        if !cur.feed(token) {
            return Walk {
                to: None,
                gained: 0,
                final_out: None,
                extends: false,
                entry: None,
            };
        }
        let node = fst().node(cur.addr);
        let final_out = node.is_final().then(|| node.final_output().value());
        Walk {
            to: Some(cur.addr),
            gained: cur.out.value(),
            final_out,
            extends: !node.is_empty(),
            entry: final_out
                .filter(|_| at_root)
                .map(|f| entry_at((cur.out.value() + f) as u32)),
        }
    }

    /// Where the walk from `from` (the root when `None`) ends.
    fn start(self, from: Option<Cursor>) -> Start {
        let out = from.map_or(0, |f| f.out.value()) + self.gained;
        let line = self.final_out.map(|f| (out + f) as u32);
        Start {
            cursor: self.to.map(|addr| Cursor {
                addr,
                out: fst::raw::Output::new(out),
            }),
            line,
            extends: self.extends,
            entry: self.entry.or_else(|| line.map(entry_at)),
        }
    }
}

/// Look up a normalised key.
pub fn get(key: &str) -> Option<&'static Entry> {
    probe(key).0
}

/// Look up a normalised key, and say whether some longer key starts with it
/// (so a longest-match search knows when to stop).
///
/// Goes through the per-thread cache of [`start`]: the later stages ask
/// about the same few words (titles, demonyms) article after article.
pub fn probe(key: &str) -> (Option<&'static Entry>, bool) {
    let s = start(key);
    (s.entry, s.extends)
}

/// Look up any surface form.
pub fn lookup(form: &str) -> Option<&'static Entry> {
    let mut k = String::with_capacity(form.len());
    normalise_into(form, &mut k);
    get(&k)
}

/// Number of entries (for tests and diagnostics).
pub fn len() -> usize {
    INDEX.len() / 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_so_binary_search_works() {
        assert!(len() > 1000);
        for i in 1..len() {
            assert!(key_of(line(i - 1)) < key_of(line(i)), "{}", line(i));
        }
        let e = get("vladivostok").expect("a listed city");
        assert_eq!(e.surface, "Vladivostok");
        assert!(e.place.is_some());
        assert!(get("zzzznotaword").is_none());
    }

    #[test]
    fn normalisation_ignores_case_and_spaces() {
        let mut k = String::new();
        normalise_into("North  KOREA", &mut k);
        assert_eq!(k, "northkorea");
    }
}
