//! Lexicons: the word lists under `data/lexicon/`, merged at compile time by
//! `build.rs` into one sorted table, embedded in the binary with an index of
//! line offsets and a trie from each key to its line. A look-up walks the
//! trie and parses only the line it finds, so start-up costs nothing, and a
//! longest-match search over tokens ([`Cursor`]) goes on from where the
//! previous token ended.
//!
//! The trie is one flat array of 8-byte nodes (see `trie` in `build.rs`):
//! a step is a search among a node's sorted children (one or two for most
//! nodes), so a walk costs about what hashing the token would, and no walk
//! is cached. A key's own tail, past the nodes it shares with others, is
//! its bytes in a second array, and nodes are laid out so that a walk down
//! a key reads consecutive records: the arrays are more than a megabyte
//! long, and a step to a far part of them is a cache miss (the tagger
//! walks on from a name to the next token for every capitalised word).
//! Each line is parsed once into an [`Entry`] shared by all threads
//! ([`entry_at`]).
//!
//! Keys are normalised (lower case, white space removed), so "North Korea",
//! "NORTH KOREA" and the CoNLL-tokenised "People 's" all find their entry;
//! [`Entry::surface`] keeps a listed spelling for case checks ("US" is the
//! country, "us" is not).

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::OnceLock;

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.tsv"));
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.idx"));
/// The trie (see `trie` in `build.rs`): a little-endian u64 a node, with
/// the byte on the edge into it, its number of children, its first child
/// and the line of the key ending at it.
static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.trie"));
/// The keys' tails (see `trie` in `build.rs`): the bytes of each, a 0 and
/// the line of its key (three bytes, little endian).
static TAILS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.tails"));

/// A [`Cursor`] within a tail has this bit and the place of the next byte
/// in [`TAILS`]; one on a node, the node's number (below 2^24).
const IN_TAIL: u32 = 1 << 31;

/// The line field of a node that ends no key.
const NO_LINE: u32 = (1 << 24) - 1;

/// One node of the trie.
#[derive(Clone, Copy)]
struct Node(u64);

impl Node {
    #[inline]
    fn at(node: NonZeroU32) -> Node {
        let at = node.get() as usize * 8;
        Node(u64::from_le_bytes(
            TRIE[at..at + 8].try_into().expect("8 bytes"),
        ))
    }
    /// The numbers of the first and one past the last child; for a node
    /// a tail hangs from (no children), where the tail starts and the same.
    #[inline]
    fn children(self) -> (u32, u32) {
        let first = (self.0 >> 16) as u32 & 0xff_ffff;
        (first, first + (self.0 >> 8) as u8 as u32)
    }
    #[inline]
    fn line(self) -> u32 {
        (self.0 >> 40) as u32
    }
}

/// Where a walk stands after `b` from `at` (see [`Cursor`]).
#[inline(always)]
fn child(at: NonZeroU32, b: u8) -> Option<NonZeroU32> {
    if at.get() & IN_TAIL != 0 {
        return tail_step(at.get() & !IN_TAIL, b);
    }
    let (first, end) = Node::at(at).children();
    if first == end {
        // a leaf, or a node a tail hangs from
        return tail_step(first, b);
    }
    find(first, end, b)
}

/// Where a walk stands after `b` at byte `at` of [`TAILS`] (0: no tail).
#[inline(always)]
fn tail_step(at: u32, b: u8) -> Option<NonZeroU32> {
    // (a tail's bytes end in a 0, which no walk goes past; nor does the 0
    // at 0, where a leaf's "tail" would start)
    if at == 0 || b == 0 || TAILS.get(at as usize) != Some(&b) {
        return None;
    }
    NonZeroU32::new(IN_TAIL | (at + 1))
}

/// The node among `first..end` (a node's children) whose label is `b`.
#[inline(always)]
fn find(first: u32, end: u32, b: u8) -> Option<NonZeroU32> {
    // the children's records, whose first bytes are their labels
    let records = TRIE.get(first as usize * 8..end as usize * 8)?;
    let label = |i: usize| records[i * 8];
    let n = records.len() / 8;
    // most nodes have a child or two; the root and a few near it dozens,
    // where the letters from `b` to the last label (often "z") are often
    // all there: `b` is then as far from the end as from that label
    let i = if n > 8 {
        let guess = (n - 1).checked_sub(label(n - 1).wrapping_sub(b) as usize);
        match guess {
            Some(g) if label(g) == b => g,
            _ => {
                // (halving without a branch on the comparison, as the
                // standard library's binary search does)
                let (mut base, mut size) = (0, n);
                while size > 1 {
                    let half = size / 2;
                    if label(base + half) <= b {
                        base += half;
                    }
                    size -= half;
                }
                if label(base) != b {
                    return None;
                }
                base
            }
        }
    } else {
        records.iter().step_by(8).position(|&l| l == b)?
    };
    // (a child is never node 0, which is no node)
    NonZeroU32::new(first + i as u32)
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
///
/// (The fields are in the order the tagger reads them: what typing a match
/// reads, the kinds and canonical names, then the readings and flags, fill
/// the first 128 bytes, two cache lines where the entry starts on one; the
/// key and spellings, read seldom, the last 64. Entries lie all over the
/// heap, and the first read of a line of one is a cache miss. Asking
/// `align(64)` for the lines cost more in the allocator than it saved.)
#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
pub struct Entry {
    /// Place kind ("country", "city", ...) and canonical name.
    pub place: Option<(&'static str, &'static str)>,
    /// Organisation kind and canonical name.
    pub org: Option<(&'static str, &'static str)>,
    /// Canonical full name of a well-known person alias.
    pub person: Option<&'static str>,
    /// The place a demonym belongs to ("Russian" -> "Russia").
    pub demonym: Option<&'static str>,
    /// Readings of an ambiguous word ("month,person").
    pub ambiguous: Option<&'static str>,
    pub conll: Option<TypeCounts>,
    pub given: bool,
    pub surname: bool,
    pub common: bool,
    /// `org_keyword` says "head" / "first"; decided when the line is parsed
    /// (the tagger asks for every word of every capitalised chunk).
    pub org_head: bool,
    pub org_first: bool,
    /// See [`Entry::is_acronym`]; decided when the line is parsed.
    acronym: bool,
    /// "honorific" or "role".
    pub title: Option<&'static str>,
    pub key: &'static str,
    pub surface: &'static str,
    /// "head", "first" or "head,first".
    pub org_keyword: Option<&'static str>,
}

// (three cache lines' worth, the first two as above)
const _: () = assert!(std::mem::size_of::<Entry>() == 192);
const _: () = assert!(std::mem::offset_of!(Entry, title) == 128);

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

/// `s` split at the first `sep`, an ASCII byte (so both sides are
/// strings). A plain byte loop: these fields are a few bytes long, where
/// `split_once`'s searcher costs more to set up than it saves.
fn split_at_byte(s: &'static str, sep: u8) -> Option<(&'static str, &'static str)> {
    debug_assert!(sep.is_ascii());
    let at = s.bytes().position(|b| b == sep)?;
    Some((&s[..at], &s[at + 1..]))
}

fn pair(s: &'static str) -> Option<(&'static str, &'static str)> {
    split_at_byte(s, b':')
}

fn counts(s: &'static str) -> Option<TypeCounts> {
    if s.is_empty() {
        return None;
    }
    let mut c = TypeCounts::default();
    let mut rest = Some(s);
    while let Some(r) = rest {
        let part = match split_at_byte(r, b',') {
            Some((part, more)) => {
                rest = Some(more);
                part
            }
            None => {
                rest = None;
                r
            }
        };
        let Some((t, n)) = split_at_byte(part, b'=') else {
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

/// A position in the trie after some normalised text: feed it token after
/// token to find the longest listed name. The default is the root.
///
/// (A node's number, or [`IN_TAIL`] and a place in a tail, which is never
/// 0: no node is numbered 0, see `trie` in `build.rs`, so an
/// `Option<Cursor>` is as small as a cursor.)
#[derive(Clone, Copy, Debug)]
pub struct Cursor {
    node: NonZeroU32,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor { node: ROOT }
    }
}

/// The root of the trie.
const ROOT: NonZeroU32 = NonZeroU32::new(1).expect("not 0");

impl Cursor {
    /// Go on with one byte of a key as it stands (no normalising).
    #[cfg(test)]
    fn feed_bytes_for_test(&mut self, b: u8) -> bool {
        match child(self.node, b) {
            Some(node) => {
                self.node = node;
                true
            }
            None => false,
        }
    }

    /// Go on with `s`, normalised as the keys are (lower case, no white
    /// space, typographic apostrophes as `'`). False when no key goes on.
    pub fn feed(&mut self, s: &str) -> bool {
        // ASCII, nearly all tokens, a byte at a time; anything else is
        // read again from the start character by character
        let mut node = self.node;
        let mut plain = true;
        for &b in s.as_bytes() {
            if !b.is_ascii_graphic() {
                plain = false;
                break;
            }
            match child(node, b.to_ascii_lowercase()) {
                Some(c) => node = c,
                None => return false,
            }
        }
        if plain {
            self.node = node;
            return true;
        }
        node = self.node;
        let mut step = |b: u8| -> bool {
            match child(node, b) {
                Some(c) => {
                    node = c;
                    true
                }
                None => false,
            }
        };
        let mut buf = [0u8; 4];
        let ok = s.chars().all(|c| match c {
            c if c.is_whitespace() => true,
            '’' | '‘' => step(b'\''),
            c if c.is_ascii() => step(c.to_ascii_lowercase() as u8),
            c => c
                .to_lowercase()
                .all(|l| l.encode_utf8(&mut buf).bytes().all(&mut step)),
        });
        if ok {
            self.node = node;
        }
        ok
    }

    /// The line of the entry whose key is exactly what was fed.
    pub fn line(&self) -> Option<u32> {
        let line = match self.tail() {
            // (past the last byte of a tail, a 0 and its key's line)
            Some(at) => match TAILS[at..] {
                [0, a, b, c, ..] => u32::from_le_bytes([a, b, c, 0]),
                _ => return None,
            },
            None => Node::at(self.node).line(),
        };
        (line != NO_LINE).then_some(line)
    }

    /// Where in [`TAILS`] the walk stands, if in a tail.
    fn tail(&self) -> Option<usize> {
        let at = self.node.get();
        (at & IN_TAIL != 0).then_some((at & !IN_TAIL) as usize)
    }

    /// The entry whose key is exactly what was fed.
    pub fn entry(&self) -> Option<&'static Entry> {
        self.line().map(entry_at)
    }

    /// Does some longer key go on from here?
    pub fn extends(&self) -> bool {
        match self.tail() {
            Some(at) => TAILS[at] != 0,
            // (a node with children or a tail: a leaf's first child is 0)
            None => Node::at(self.node).children().0 != 0,
        }
    }

    /// Where the longer keys go on from here, if any do.
    pub fn onward(&self) -> Option<Onward> {
        // (a node has at most 255 children, and node numbers and places in
        // a tail fit 24 bits, see `trie` in `build.rs`; a count of 0 says
        // a place in a tail)
        let (first, count) = match self.tail() {
            Some(at) => (at as u32, 0),
            None => {
                let (first, end) = Node::at(self.node).children();
                (first, end - first)
            }
        };
        if !self.extends() {
            return None;
        }
        NonZeroU32::new(first << 8 | count).map(Onward)
    }
}

/// Where the keys longer than some text go on: a node's children (or the
/// rest of a tail), kept instead of the node (see [`Cursor::onward`]) so that going on needs no
/// read of the node's own record. The tagger keeps one for every
/// capitalised form it has met and goes on from it to the next token
/// whenever it looks for the longest name there: from the node, that first
/// read was a cache miss a time (a node lies anywhere in megabytes).
#[derive(Clone, Copy, Debug)]
pub struct Onward(NonZeroU32);

impl Onward {
    /// Go on with `s` as [`Cursor::feed`] would from the node this was
    /// taken from: `Some(None)` when no key goes on, `Some(Some(cursor))`
    /// where the walk stands after `s`; `None`, cannot tell here, when `s`
    /// does not start with a printable ASCII byte (its normal form may
    /// start elsewhere): go on from the node itself then.
    pub fn enter(self, s: &str) -> Option<Option<Cursor>> {
        let (&b, _) = s.as_bytes().split_first()?;
        if !b.is_ascii_graphic() {
            return None;
        }
        let (first, count) = (self.0.get() >> 8, self.0.get() & 0xff);
        let b = b.to_ascii_lowercase();
        let went = if count == 0 {
            tail_step(first, b)
        } else {
            find(first, first + count, b)
        };
        let Some(node) = went else {
            return Some(None);
        };
        // (the first character is one byte, normalised on its own)
        let mut cursor = Cursor { node };
        Some(cursor.feed(&s[1..]).then_some(cursor))
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

/// What a single token finds in the trie from its root.
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

/// Look up one token from the root of the trie.
pub fn start(token: &str) -> Start {
    step(None, token)
}

/// Go on from `from` (the root when `None`) with one token.
pub fn step(from: Option<Cursor>, token: &str) -> Start {
    let mut cur = from.unwrap_or_default();
    if !cur.feed(token) {
        return Start {
            cursor: None,
            line: None,
            extends: false,
            entry: None,
        };
    }
    let line = cur.line();
    Start {
        cursor: Some(cur),
        line,
        extends: cur.extends(),
        entry: line.map(entry_at),
    }
}

/// Look up a normalised key.
pub fn get(key: &str) -> Option<&'static Entry> {
    start(key).entry
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
    fn the_trie_finds_every_key_at_its_line() {
        for i in 0..len() {
            let key = key_of(line(i));
            let mut c = Cursor::default();
            assert!(c.feed(key), "{key}");
            assert_eq!(c.line(), Some(i as u32), "{key}");
        }
        // going on from the root's children finds them too
        let onward = Cursor::default().onward().expect("keys");
        for i in 0..len() {
            let key = key_of(line(i));
            if let Some(went) = onward.enter(key) {
                assert_eq!(went.and_then(|c| c.line()), Some(i as u32), "{key}");
            }
        }
        assert!(matches!(onward.enter("zzzzq"), Some(None)));
        assert!(onward.enter("’s").is_none());
        // a prefix of a key is no key, but extends
        let mut c = Cursor::default();
        assert!(c.feed("vladivosto"));
        assert_eq!(c.line(), None);
        assert!(c.extends());
    }

    #[test]
    fn every_prefix_of_a_key_walks_to_what_the_table_says() {
        // (through the nodes and into the tails: after each byte, a key
        // ends there exactly when the table has it, and longer keys go on
        // exactly when the table has one)
        let keys: Vec<&str> = (0..len()).map(|i| key_of(line(i))).collect();
        for key in &keys {
            let mut c = Cursor::default();
            for (n, b) in key.bytes().enumerate() {
                let prefix = &key.as_bytes()[..=n];
                let at = keys.partition_point(|k| k.as_bytes() < prefix);
                assert!(c.feed_bytes_for_test(b), "{key} at {n}");
                let exact = keys[at].as_bytes() == prefix;
                assert_eq!(c.line(), exact.then_some(at as u32), "{key} at {n}");
                let longer = keys[at + exact as usize..]
                    .first()
                    .is_some_and(|k| k.as_bytes().starts_with(prefix));
                assert_eq!(c.extends(), longer, "{key} at {n}");
                assert_eq!(c.onward().is_some(), longer, "{key} at {n}");
            }
            // nothing goes on past a key with a byte no key has (nor the 0
            // that ends a tail)
            assert!(!c.clone().feed("\u{0}"), "{key}");
        }
    }

    #[test]
    fn normalisation_ignores_case_and_spaces() {
        let mut k = String::new();
        normalise_into("North  KOREA", &mut k);
        assert_eq!(k, "northkorea");
    }
}
