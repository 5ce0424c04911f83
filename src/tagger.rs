//! Tagger: marks mentions of people, places and organisations.
//!
//! The rules work in three passes over each sentence, then one over the
//! whole document:
//!
//! 1. **Chunks.** Runs of capitalised tokens, joined by the connectors of
//!    `data/tagger/connectors.txt` ("Bank *of* England", "People*'s*
//!    Republic"). Sentence-initial common words ("The", "Look") are dropped.
//!    In all-capital lines (headlines) capitals say nothing, so every word is
//!    a candidate and only lexicon entries count.
//! 2. **Segments.** A chunk is cut at titles and roles ("U.S. | President |
//!    Bill Clinton"), which are not part of a name but say that a person
//!    follows, and at demonyms ("Russian"), which are not places.
//! 3. **Types.** Each segment is typed by the lexicons (longest match over
//!    places, organisations, well-known names and the CoNLL training names),
//!    by organisation keywords ("... Group", "Ministry of ..."), by given and
//!    family names, and by context ("spokesman X", "X said", "in X").
//! 4. **One sense per document.** A name typed with confidence carries its
//!    type to its other mentions, and a person's family and given names are
//!    found alone later ("Putin", "Kim"), even at a sentence start or in a
//!    headline.

use crate::dates::TimeExpr;
use crate::lexicon::{self, Entry};
use crate::reader::{packed, packed_bytes, padded, Document, TokenKind};
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

/// The three kinds of named entity whomet reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
        }
    }
}

/// One mention: byte range, kind, and the lexicon's canonical name when the
/// surface form is an alias ("DPRK" -> "North Korea").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub canonical: Option<&'static str>,
    /// How sure the rules are: 3 lexicon or title context, 2 strong name
    /// evidence, 1 a guess, 0 typed by the document only.
    pub confidence: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Connector {
    Any,
    AfterOf,
    Org,
}

/// The connectors (see [`connector`]), with the length of the longest.
fn connectors() -> &'static (HashMap<&'static str, Connector>, usize) {
    static M: OnceLock<(HashMap<&'static str, Connector>, usize)> = OnceLock::new();
    M.get_or_init(|| {
        let map: HashMap<_, _> = crate::data::lines(include_str!("../data/tagger/connectors.txt"))
            .map(|l| {
                let mut it = l.split('\t');
                let w = it.next().unwrap_or(l);
                let c = match it.next() {
                    Some("after-of") => Connector::AfterOf,
                    Some("org") => Connector::Org,
                    _ => Connector::Any,
                };
                (w, c)
            })
            .collect();
        let longest = map.keys().map(|w| w.len()).max().unwrap_or(0);
        (map, longest)
    })
}

/// The connector `s` is, if any. Connectors are short words: a longer
/// token (most that the chunker asks about) is not hashed.
fn connector(s: &str) -> Option<Connector> {
    let (map, longest) = connectors();
    if s.len() > *longest {
        return None;
    }
    map.get(s).copied()
}

/// A set of words, looked up as [`known`] looks up tokens: words of up to
/// 15 bytes (all of the context words) by their [`packed`] bytes, hashed
/// and compared as one integer rather than as a string.
#[derive(Debug, Default)]
struct WordSet {
    short: HashSet<u128>,
    long: HashSet<&'static str>,
}

impl WordSet {
    fn insert(&mut self, w: &'static str) -> bool {
        match packed(w) {
            Some(k) => self.short.insert(k),
            None => self.long.insert(w),
        }
    }

    fn contains(&self, s: &str) -> bool {
        match packed(s) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(s),
        }
    }

    /// Is `s` in lower case in the set? (An ASCII word without capitals,
    /// nearly every one asked about, is not copied to lower-case it.)
    fn contains_lowercase(&self, s: &str) -> bool {
        if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            self.contains(s)
        } else {
            self.contains(&s.to_lowercase())
        }
    }
}

#[derive(Debug, Default)]
struct Context {
    before_place: WordSet,
    after_person: WordSet,
    before_person: WordSet,
}

fn context() -> &'static Context {
    static C: OnceLock<Context> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Context::default();
        for l in crate::data::lines(include_str!("../data/tagger/context.tsv")) {
            let mut it = l.split('\t');
            let (Some(w), Some(k)) = (it.next(), it.next()) else {
                continue;
            };
            match k {
                "before-place" => c.before_place.insert(w),
                "after-person" => c.after_person.insert(w),
                "before-person" => c.before_person.insert(w),
                _ => false,
            };
        }
        c
    })
}

/// Per-token facts used by the rules.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    /// The token's text, a slice of the document's (where it stands there
    /// is told by its address, see [`offset`]: no field for it keeps a
    /// token at 40 bytes, and every token of every sentence is written and
    /// read again).
    s: &'a str,
    /// Starts with a capital letter.
    cap: bool,
    /// Two or more letters, all capitals.
    upper: bool,
    word: bool,
    entry: Option<&'static Entry>,
    /// What the rules ask most of `entry`, kept here (see [`Facts`]).
    facts: Facts,
    /// Where the lexicon walk stands after this token, when it was looked up
    /// (capitalised) and some longer key goes on: [`longest_entry`] starts
    /// from here instead of looking the token up again.
    next: Option<lexicon::Onward>,
    /// See [`name_like`]; decided for capitalised and all-capital tokens.
    name_like: bool,
    /// The connector a capitalised token is (see [`Tok::connector`]).
    conn: Option<Connector>,
    blocked: bool,
    /// A line break stands between this token and the one before.
    newline_before: bool,
}

// (five to a cache line and a half: a sentence's tokens are read again and
// again by the rules)
const _: () = assert!(std::mem::size_of::<Tok>() == 40);

impl Tok<'_> {
    /// Append the token's normalised form (see [`lexicon::normalise_into`]).
    fn normalise_into(&self, out: &mut String) {
        lexicon::normalise_into(self.s, out);
    }
    /// The same, as bytes, for [`one_sense`], which normalises every word
    /// of every candidate. A short ASCII word (nearly all) is checked and
    /// lower-cased eight bytes at a time, without a call to copy it; and
    /// the form is made from the token's own text, just read, not copied
    /// from its entry's key, which lies somewhere in the megabytes of the
    /// lexicon's table (reading it was a cache miss a token).
    fn normalise_bytes(&self, out: &mut Vec<u8>) {
        // (all sixteen bytes appended in one step, the rest cut: a copy of
        // a length known only at run time is a call to `memcpy`)
        if let Some(w) = self.lowered() {
            let at = out.len();
            out.extend_from_slice(&w.to_le_bytes());
            out.truncate(at + self.s.len());
            return;
        }
        let mut k = String::new();
        lexicon::normalise_into(self.s, &mut k);
        out.extend_from_slice(k.as_bytes());
    }
    /// The normalised form of a word of up to 16 bytes of printable ASCII
    /// (nearly all), zeros after it, as one integer (little-endian): its
    /// bytes checked and lower-cased eight at a time (the bytes past its
    /// end made 'a' for the check, which passes).
    fn lowered(&self) -> Option<u128> {
        let b = self.s.as_bytes();
        let (lo, hi) = padded(b)?;
        let n = b.len();
        let fill = |w: u64, from: usize| match from {
            0 => ONES_A,
            1..=7 => w | ONES_A << (from * 8),
            _ => w,
        };
        (all_graphic(fill(lo, n)) && all_graphic(fill(hi, n.saturating_sub(8))))
            .then(|| ascii_lower(lo) as u128 | (ascii_lower(hi) as u128) << 64)
    }
    /// The [`packed`] key of the token's normalised form, for a word of up
    /// to 15 bytes of printable ASCII: made in registers, not written to a
    /// buffer and read back.
    fn normalised_key(&self) -> Option<u128> {
        let n = self.s.len();
        if n >= 16 {
            return None;
        }
        Some(self.lowered()? | (n as u128) << 120)
    }
    /// The connector this token is, if any: known for capitalised tokens
    /// (see [`Known`]), looked up for the others.
    fn connector(&self) -> Option<Connector> {
        if self.cap {
            self.conn
        } else {
            connector(self.s)
        }
    }
    fn common(&self) -> bool {
        self.facts.has(Facts::COMMON)
    }
    /// A common word: listed as one, or written in lower case (only
    /// capitalised words are looked up).
    fn lower_is_common(&self) -> bool {
        self.common() || !(self.cap || self.upper)
    }
}

/// A typed span of tokens (indices into the sentence's token slice).
#[derive(Debug, Clone)]
struct Cand {
    a: usize,
    b: usize,
    /// `None`: known not to be one of ours (a MISC name such as "German").
    kind: Option<EntityKind>,
    conf: u8,
    canonical: Option<&'static str>,
}

/// What the lexicons say a form is.
fn entry_type(e: &Entry, single: bool) -> Option<(Option<EntityKind>, u8, Option<&'static str>)> {
    // a rare corpus reading of a common word ("The" once in a place name)
    let listed = e.place.is_some() || e.org.is_some() || e.person.is_some() || e.demonym.is_some();
    if single && e.common && !listed && e.conll.is_some_and(|c| c.total() < 3) {
        return None;
    }
    let lex = if let Some(p) = e.person {
        Some((Some(EntityKind::Person), 3, Some(p)))
    } else if let (Some((pk, pc)), Some((_, oc))) = (e.place, e.org) {
        if matches!(pk, "country" | "city" | "state" | "continent") {
            Some((Some(EntityKind::Place), 3, Some(pc)))
        } else {
            Some((Some(EntityKind::Organisation), 3, Some(oc)))
        }
    } else if let Some((_, pc)) = e.place {
        let doubtful = single && (e.given || e.surname || e.ambiguous.is_some() || e.common);
        Some((
            Some(EntityKind::Place),
            if doubtful { 1 } else { 3 },
            Some(pc),
        ))
    } else if let Some((ok, oc)) = e.org {
        // seats of government stand for the government: "the Kremlin said"
        let doubtful = single && e.common && ok != "gov";
        Some((
            Some(EntityKind::Organisation),
            if doubtful { 1 } else { 3 },
            Some(oc),
        ))
    } else if e.demonym.is_some() {
        Some((None, 3, None))
    } else {
        None
    };
    if let Some(c) = e.conll {
        let total = c.total();
        let best = [c.per, c.loc, c.org, c.misc].into_iter().max().unwrap_or(0) as u32;
        let kind = if c.misc as u32 == best {
            None
        } else if c.per as u32 == best {
            Some(EntityKind::Person)
        } else if c.loc as u32 == best {
            Some(EntityKind::Place)
        } else {
            Some(EntityKind::Organisation)
        };
        let conf = if total >= 2 && best * 4 >= total * 3 {
            3
        } else {
            2
        };
        // a curated entry wins over the corpus: "Kremlin" is an organisation
        // here even where the 1996 annotators wrote LOC; the corpus decides
        // only where the curated reading is doubtful or absent
        if let Some((lk, lconf, canon)) = lex {
            let strong_misc = kind.is_none() && conf >= 3;
            if lk == kind
                || lk.is_some() && !strong_misc && (lconf >= 3 || kind.is_some() && conf < 3)
            {
                return Some((lk, 3, canon));
            }
            return Some((kind, conf, canon.filter(|_| lk == kind)));
        }
        return Some((kind, conf, None));
    }
    lex
}

/// What the rules ask most of a token's lexicon entry, as bits decided
/// once for each capitalised form (kept with it per thread, see
/// [`Known`]): read from the token itself, not from the entry, one of
/// thousands parsed all over the heap (the first question about a token
/// was a cache miss).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Facts(u16);

impl Facts {
    /// Listed as a common word.
    const COMMON: u16 = 1;
    /// Listed as a title or role.
    const TITLE: u16 = 1 << 1;
    /// A given name, or may be one or a person ("ambiguous").
    const GIVEN: u16 = 1 << 2;
    /// A family name, or may be one.
    const SURNAME: u16 = 1 << 3;
    /// Listed as the last word of an organisation's name ("Bank", "Group").
    const ORG_HEAD: u16 = 1 << 4;
    /// Listed as the first word of one ("Ministry" of "Ministry of ...").
    const ORG_FIRST: u16 = 1 << 5;
    /// See [`is_non_entity`].
    const NON_ENTITY: u16 = 1 << 6;
    /// No place, organisation, name or title, and rare in the corpus as a
    /// name: a plain word, when it starts a sentence.
    const PLAIN: u16 = 1 << 7;
    /// Listed as a given or family name (not as "ambiguous").
    const NAME: u16 = 1 << 8;
    /// Listed as a place.
    const PLACE: u16 = 1 << 9;
    /// Listed as a demonym.
    const DEMONYM: u16 = 1 << 10;
    /// Listed as an organisation.
    const ORG: u16 = 1 << 11;
    /// See [`Entry::is_acronym`].
    const ACRONYM: u16 = 1 << 12;

    fn of(entry: Option<&Entry>) -> Facts {
        let Some(e) = entry else {
            return Facts(0);
        };
        let reads = |r: &[&str]| {
            e.ambiguous
                .is_some_and(|a| a.split(',').any(|x| r.contains(&x)))
        };
        let non_entity = e.demonym.is_some() && !e.given && !e.surname
            || e.place.is_none()
                && e.org.is_none()
                && e.conll
                    .is_some_and(|c| c.misc as u32 * 2 > c.total() && c.total() >= 2);
        let plain = e.place.is_none()
            && e.org.is_none()
            && !e.is_name()
            && e.title.is_none()
            && e.conll.is_none_or(|c| c.total() < 3);
        let bits = [
            (e.common, Facts::COMMON),
            (e.title.is_some(), Facts::TITLE),
            (e.given || reads(&["given", "person"]), Facts::GIVEN),
            (e.surname || reads(&["surname"]), Facts::SURNAME),
            (e.org_head, Facts::ORG_HEAD),
            (e.org_first, Facts::ORG_FIRST),
            (non_entity, Facts::NON_ENTITY),
            (plain, Facts::PLAIN),
            (e.is_name(), Facts::NAME),
            (e.place.is_some(), Facts::PLACE),
            (e.demonym.is_some(), Facts::DEMONYM),
            (e.org.is_some(), Facts::ORG),
            (e.is_acronym(), Facts::ACRONYM),
        ];
        Facts(bits.iter().filter(|(on, _)| *on).fold(0, |x, (_, b)| x | b))
    }

    /// Is any of `bits` set?
    fn has(self, bits: u16) -> bool {
        self.0 & bits != 0
    }
}

fn is_title(t: &Tok) -> bool {
    t.facts.has(Facts::TITLE) && (t.cap || t.upper)
}

fn is_given(t: &Tok) -> bool {
    t.facts.has(Facts::GIVEN)
}

fn is_surname(t: &Tok) -> bool {
    t.facts.has(Facts::SURNAME)
}

/// Listed as the last word of an organisation's name ("Bank", "Group").
fn org_head(t: &Tok) -> bool {
    t.facts.has(Facts::ORG_HEAD)
}

/// Listed as the first word of one ("Ministry" of "Ministry of ...").
fn org_first(t: &Tok) -> bool {
    t.facts.has(Facts::ORG_FIRST)
}

/// Find the entity mentions of a document.
pub fn tag(doc: &Document, dates: &[TimeExpr]) -> Vec<Mention> {
    // tokens inside time expressions are never names ("May", "Monday")
    let mut blocked = vec![false; doc.tokens.len()];
    for d in dates {
        let a = doc.token_at(d.start);
        for (k, t) in doc.tokens.iter().enumerate().skip(a) {
            if t.start >= d.end {
                break;
            }
            blocked[k] = true;
        }
    }
    let mut key = Vec::new();
    // the tokens of all content sentences in one vector, each sentence a
    // range of it with its candidates; the vectors are the thread's own,
    // kept from the document before (see [`Scratch`]) and sized up front
    // (growing one costs more than its bytes: about one token in five is
    // capitalised)
    let Scratch {
        toks: old_toks,
        mut capitals,
    } = SCRATCH.take();
    let mut toks: Vec<Tok> = recycled(old_toks);
    toks.reserve(doc.tokens.len());
    capitals.reserve(doc.tokens.len() / 4);
    let mut all: Vec<(Range<usize>, Vec<Cand>)> = Vec::with_capacity(doc.sentences.len());
    for (_, sent) in doc.content_sentences() {
        let (from, caps_from) = (toks.len(), capitals.len());
        let caps_line = read_tokens(doc, sent.tokens.clone(), &blocked, &mut toks, &mut capitals);
        let cands = if caps_line {
            tag_caps(&toks[from..])
        } else {
            tag_sentence(&toks[from..], &capitals[caps_from..], from)
        };
        all.push((from..toks.len(), cands));
    }
    if doc.is_sports_report() {
        teams_not_places(&toks, &mut all);
    }
    one_sense(&toks, &capitals, &mut all, &mut key);
    let mut out = Vec::with_capacity(all.iter().map(|(_, cands)| cands.len()).sum());
    for (range, cands) in &all {
        let toks = &toks[range.clone()];
        for c in cands {
            if let Some(kind) = c.kind {
                out.push(Mention {
                    start: offset(doc.text, toks[c.a].s),
                    end: offset(doc.text, toks[c.b - 1].s) + toks[c.b - 1].s.len(),
                    kind,
                    canonical: c.canonical,
                    confidence: c.conf,
                });
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    // (a buffer grown by a very long document is let go)
    if toks.capacity() <= Scratch::KEPT {
        capitals.clear();
        SCRATCH.set(Scratch {
            toks: recycled(toks),
            capitals,
        });
    }
    out
}

/// The buffers [`tag`] fills for every document, kept by each thread from
/// one document to the next: a fresh vector a document was fresh memory,
/// where every token written was a cache miss (the allocator hands out
/// blocks of many sizes from all over the heap); the kept ones stay in the
/// cache.
#[derive(Default)]
struct Scratch {
    /// Empty; its tokens' lifetime is that of no document (see [`recycled`]).
    toks: Vec<Tok<'static>>,
    capitals: Vec<usize>,
}

impl Scratch {
    /// The most tokens a kept buffer has room for (2.6 MB).
    const KEPT: usize = 1 << 16;
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = const {
        std::cell::Cell::new(Scratch {
            toks: Vec::new(),
            capitals: Vec::new(),
        })
    };
}

/// `toks` emptied, as a vector of tokens of another lifetime, in the same
/// memory: so [`Scratch`] can keep it between documents without `unsafe`.
/// (The standard library collects a vector's `into_iter().map(..)` into
/// its own allocation when the items are of one size; the closure never
/// runs, there being no item.)
fn recycled<'b>(mut toks: Vec<Tok<'_>>) -> Vec<Tok<'b>> {
    toks.clear();
    toks.into_iter()
        .map(|_| -> Tok<'b> { unreachable!("the vector is empty") })
        .collect()
}

/// Push onto `toks` the facts the rules use of the tokens `range` of `doc`
/// (`blocked`: the tokens inside time expressions), and onto `capitals`
/// where the capitalised words outside time expressions stand in `toks`
/// (the only tokens [`one_sense`] looks at once more); say whether they
/// make an all-capital line (a headline): three words or more, four in
/// five without lower case.
#[inline(never)]
fn read_tokens<'a>(
    doc: &Document<'a>,
    range: Range<usize>,
    blocked: &[bool],
    toks: &mut Vec<Tok<'a>>,
    capitals: &mut Vec<usize>,
) -> bool {
    let text = doc.text;
    let (mut words, mut upper_words) = (0usize, 0usize);
    let first = range.start;
    toks.reserve(range.len());
    for (k, (t, &blocked)) in doc.tokens[range.clone()]
        .iter()
        .zip(&blocked[range])
        .enumerate()
    {
        let s = &text[t.start..t.end];
        let newline_before = first + k > 0 && t.line_break_before;
        if t.plain_lower {
            // most tokens: a lower-case word, not capitalised (a particle
            // name has a hyphen) and looked up nowhere here
            words += 1;
            toks.push(Tok {
                s,
                cap: false,
                upper: false,
                word: true,
                entry: None,
                facts: Facts::default(),
                next: None,
                name_like: false,
                conn: None,
                blocked,
                newline_before,
            });
            continue;
        }
        let facts = case_facts(s);
        // (a particle starts with a lower-case ASCII letter: "al-Burhan")
        let cap = facts.first_upper || facts.first_lower && particle_name(s);
        // only capitalised words are looked up here
        let known = if cap {
            known(s)
        } else {
            Known {
                entry: None,
                facts: Facts::default(),
                next: None,
                name_like: facts.upper && name_like(s),
                conn: None,
            }
        };
        let word = t.kind == TokenKind::Word;
        if word && facts.alpha {
            words += 1;
            upper_words += !facts.lower as usize;
        }
        if (cap || facts.upper) && word && !blocked {
            capitals.push(toks.len());
        }
        toks.push(Tok {
            s,
            cap,
            upper: facts.upper,
            word,
            entry: known.entry,
            facts: known.facts,
            next: known.next,
            name_like: known.name_like,
            conn: known.conn,
            blocked,
            newline_before,
        });
    }
    words >= 3 && upper_words * 5 >= words * 4
}

/// Where `part`, a slice of `text`, starts in it (told by the two
/// addresses: tokens keep no offset of their own, see [`Tok::s`]).
fn offset(text: &str, part: &str) -> usize {
    debug_assert!(text.as_bytes().as_ptr_range().contains(&part.as_ptr()) || part.is_empty());
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// How many bytes of the text `first` to `last` span, two slices of it,
/// `last` not before `first` (see [`offset`]).
fn spanned(first: &str, last: &str) -> usize {
    debug_assert!(first.as_ptr() <= last.as_ptr());
    last.as_ptr() as usize + last.len() - first.as_ptr() as usize
}

/// What [`Tok`] records of a token's letters.
struct CaseFacts {
    /// The first character is a capital / an ASCII lower-case letter.
    first_upper: bool,
    first_lower: bool,
    /// Two or more letters, all capitals.
    upper: bool,
    /// Any letter.
    alpha: bool,
    /// Any lower-case letter.
    lower: bool,
}

/// What [`Tok`] records of a token's letters. Every token of every
/// sentence comes here, so the common cases are cheap: a word that starts
/// in lower case (most of them) is known from its first byte, and an ASCII
/// token is read only up to its first lower-case letter (after which
/// nothing can change the facts).
fn case_facts(s: &str) -> CaseFacts {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return case_facts_unicode(s);
    };
    if !first.is_ascii() {
        return case_facts_unicode(s);
    }
    let first_upper = first.is_ascii_uppercase();
    let first_lower = first.is_ascii_lowercase();
    let mut letters = 0usize;
    for &c in b {
        if !c.is_ascii() {
            return case_facts_unicode(s);
        }
        if c.is_ascii_lowercase() {
            return CaseFacts {
                first_upper,
                first_lower,
                upper: false,
                alpha: true,
                lower: true,
            };
        }
        letters += c.is_ascii_uppercase() as usize;
    }
    CaseFacts {
        first_upper,
        first_lower: false,
        upper: letters >= 2,
        alpha: letters > 0,
        lower: false,
    }
}

fn case_facts_unicode(s: &str) -> CaseFacts {
    let (mut letters, mut lower) = (0, false);
    for c in s.chars() {
        letters += c.is_alphabetic() as usize;
        lower |= c.is_lowercase();
    }
    CaseFacts {
        first_upper: s.chars().next().is_some_and(char::is_uppercase),
        first_lower: false,
        upper: letters >= 2 && !lower,
        alpha: letters > 0,
        lower,
    }
}

/// Longest lexicon match starting at `a`, ending at or before `limit`.
fn longest_entry(toks: &[Tok], a: usize, limit: usize) -> Option<(usize, &'static Entry)> {
    let max = (limit - a).min(8);
    if max == 0 || toks[a].blocked {
        return None;
    }
    // the first token as looked up when the tokens were read (capitalised
    // ones) or from the per-thread cache, the rest by walking on
    let t = &toks[a];
    let (entry, onward) = if t.cap {
        (t.entry, t.next)
    } else {
        let first = lexicon::start(t.s);
        (first.entry(), first.cursor.and_then(|c| c.onward()))
    };
    let Some(onward) = onward else {
        return entry.map(|e| (a + 1, e));
    };
    // (the longest match's line, whose entry alone is read: a shorter one
    // on the way, "New York" of "New York Times", is passed over, and
    // reading an entry is a cache miss or two)
    let mut longest = None;
    let mut cursor: Option<lexicon::Cursor> = None;
    for len in 2..=max {
        let t = &toks[a + len - 1];
        if t.blocked {
            break;
        }
        let at = match cursor.as_mut() {
            Some(c) => {
                if !c.feed(t.s) {
                    break;
                }
                c
            }
            // the second token from where the first left the walk (from
            // its node, looked up again, where that cannot tell)
            None => {
                let entered = onward.enter(t.s).unwrap_or_else(|| {
                    let mut c = lexicon::start(toks[a].s).cursor?;
                    c.feed(t.s).then_some(c)
                });
                match entered {
                    Some(c) => cursor.insert(c),
                    None => break,
                }
            }
        };
        if let Some(line) = at.line() {
            longest = Some((a + len, line));
        }
        if !at.extends() {
            break;
        }
    }
    match longest {
        Some((end, line)) => Some((end, lexicon::entry_at(line))),
        None => entry.map(|e| (a + 1, e)),
    }
}

/// A lexicon match that may be used: the right case, and a type.
fn usable(toks: &[Tok], a: usize, b: usize, e: &Entry, caps: bool) -> Option<Cand> {
    // (the tokens' case first: it needs no read of the entry)
    let last = &toks[b - 1];
    if !caps {
        if !(toks[a].cap || toks[a].upper) || !(last.cap || last.upper || last.s.ends_with('.')) {
            return None;
        }
        if e.is_acronym() && !toks[a..b].iter().all(|t| t.upper || !t.word) {
            return None;
        }
    }
    let (kind, conf, canonical) = entry_type(e, b - a == 1)?;
    Some(Cand {
        a,
        b,
        kind,
        conf,
        canonical,
    })
}

/// All-capital lines: only lexicon entries count, matched ignoring case.
fn tag_caps(toks: &[Tok]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].word || toks[i].blocked {
            i += 1;
            continue;
        }
        if let Some((b, e)) = longest_entry(toks, i, toks.len()) {
            let single = b - i == 1;
            // single common words ("TAKE", "OVER") are not names in headlines
            if !(single && e.common && e.conll.is_none_or(|c| c.total() < 3)) {
                if let Some(c) = usable(toks, i, b, e, true) {
                    out.push(c);
                    i = b;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Is token `i` at the start of a sentence or clause (so its capital says nothing)?
fn initial(toks: &[Tok], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        let p = toks[k - 1].s;
        if matches!(p, "\"" | "“" | "'" | "‘" | "(" | "[" | "-" | "—" | "–") {
            k -= 1;
            continue;
        }
        return matches!(p, ":" | ";" | "." | "!" | "?");
    }
    true
}

/// `capitals`: where the sentence's capitalised words stand, counted from
/// `from` (see [`read_tokens`]); only a [`chunkable`] token, one of them,
/// starts a chunk, so the others are stepped over.
#[inline(never)]
fn tag_sentence(toks: &[Tok], capitals: &[usize], from: usize) -> Vec<Cand> {
    // (every candidate starts at a capitalised word: one allocation, not
    // one at the first push and more as it grows)
    let mut out = Vec::with_capacity(capitals.len());
    let n = toks.len();
    let mut capitals = capitals.iter().map(|&k| k - from);
    let mut i = 0;
    while let Some(next) = capitals.find(|&k| k >= i) {
        i = next;
        let t = &toks[i];
        if !chunkable(t) {
            i += 1;
            continue;
        }
        // grow the chunk, never across a line break
        let mut j = i + 1;
        loop {
            if j < n && toks[j].newline_before {
                break;
            }
            if j < n && chunkable(&toks[j]) {
                j += 1;
                continue;
            }
            // "Italy's Dini": a listed place before "'s" is its possessor,
            // not the start of one name ("People's Republic" goes on)
            if j < n && toks[j].s == "'s" && possessor(toks, i, j) {
                break;
            }
            // connectors: only when a capitalised word follows
            let mut k = j;
            let mut saw_of = false;
            while k < n && k < j + 2 {
                match toks[k].connector() {
                    Some(Connector::Any) => {
                        saw_of |= toks[k].s == "of";
                        k += 1;
                    }
                    Some(Connector::AfterOf) if saw_of => k += 1,
                    Some(Connector::Org) => k += 1,
                    _ => break,
                }
            }
            if k > j && k < n && chunkable(&toks[k]) && !toks[k].newline_before {
                j = k + 1;
                continue;
            }
            break;
        }
        // "Blackburn and Southampton" are two names; "Test and County
        // Cricket Board" is one: "and" joins only under an organisation head
        // ("Johnson Controls Inc and Lear Corp": a head before "and" ends one)
        let of_org = org_first(&toks[i]) && toks.get(i + 1).is_some_and(|t| t.s == "of");
        let joined = of_org || org_head(&toks[j - 1]);
        let mut a = i;
        for k in i..j {
            let ends_one = k > a && org_head(&toks[k - 1]);
            if toks[k].s == "and" && (!joined || ends_one) {
                segment_chunk(toks, a, k, &mut out);
                a = k + 1;
            }
        }
        segment_chunk(toks, a, j, &mut out);
        i = j;
    }
    out
}

/// The chunk `a..b` (past a leading "The") is one listed place: "Italy",
/// "Hong Kong", "HK" before "'s" possess what follows.
fn possessor(toks: &[Tok], a: usize, b: usize) -> bool {
    let a = if matches!(toks[a].s, "The" | "THE") {
        a + 1
    } else {
        a
    };
    a < b
        && longest_entry(toks, a, b)
            .is_some_and(|(e, entry)| e == b && entry.place.is_some() && entry.org.is_none())
}

/// "al-Burhan", "el-Sisi", "bin-Salman": a lower-case particle joined to a
/// capitalised name is part of the name.
fn particle_name(s: &str) -> bool {
    // the particles, and their lengths: where the hyphen after one stands
    static S: OnceLock<(HashSet<&'static str>, Vec<usize>)> = OnceLock::new();
    let (particles, lengths) = S.get_or_init(|| {
        let set: HashSet<&str> =
            crate::data::lines(include_str!("../data/tagger/name_particles.txt")).collect();
        // (read_tokens asks only about words that start so)
        assert!(
            set.iter()
                .all(|p| p.starts_with(|c: char| c.is_ascii_lowercase())),
            "name particles start with a lower-case ASCII letter"
        );
        let mut lengths: Vec<usize> = set.iter().map(|p| p.len()).collect();
        lengths.sort_unstable();
        lengths.dedup();
        (set, lengths)
    });
    // the first hyphen stands right after the particle: most lower-case
    // words have none there, which a byte or two says
    let b = s.as_bytes();
    let Some(&at) = lengths.iter().find(|&&n| b.get(n) == Some(&b'-')) else {
        return false;
    };
    let (head, tail) = (&s[..at], &s[at + 1..]);
    !head.contains('-') && particles.contains(head) && tail.starts_with(char::is_uppercase)
}

/// May this token be part of a capitalised chunk? See [`name_like`].
/// (Every such token is among the capitals [`read_tokens`] notes.)
fn chunkable(t: &Tok) -> bool {
    (t.cap || t.upper) && t.word && !t.blocked && t.name_like
}

/// Not a calendar word ("July FOMC"), not a modifier such as
/// "Bergamo-based" or "Communist-led" (its hyphenated tail is lower case),
/// not "I": a capitalised word that may be part of a name.
fn name_like(s: &str) -> bool {
    s != "I" && !crate::dates::is_calendar_word(s.trim_end_matches('.')) && !modifier(s)
}

/// What the tagger knows of a capitalised token whatever its place: its
/// lexicon entry, where the lexicon walk stands after it (kept for
/// [`longest_entry`], so the token is not looked up again there) and
/// whether it is [`name_like`] or a connector.
#[derive(Clone, Copy)]
struct Known {
    entry: Option<&'static Entry>,
    facts: Facts,
    next: Option<lexicon::Onward>,
    name_like: bool,
    conn: Option<Connector>,
}

/// [`Known`] facts of a capitalised token. Names and capitalised words
/// recur article after article, so they are kept per thread: one look-up
/// here stands for a lexicon look-up and a calendar look-up.
fn known(s: &str) -> Known {
    /// Tokens of up to 15 bytes (nearly all) are keyed by their bytes and
    /// length packed into one integer (see [`ShortForms`]). Longer ones keep
    /// their string.
    struct Cache {
        short: ShortForms,
        long: HashMap<Box<str>, Known>,
    }
    thread_local! {
        static CACHE: RefCell<Cache> = const {
            RefCell::new(Cache {
                short: ShortForms { slots: Vec::new(), len: 0 },
                long: HashMap::with_hasher(FxBuildHasher),
            })
        };
    }
    // (a form not kept yet, one look-up in ten: out of line, so that the
    // look-up needs few registers)
    #[inline(never)]
    fn fresh(s: &str) -> Known {
        let start = lexicon::start(s);
        Known {
            entry: start.entry(),
            facts: Facts::of(start.entry()),
            next: start.cursor.and_then(|c| c.onward()),
            name_like: name_like(s),
            conn: connector(s),
        }
    }
    // (each map bounded like the lexicon's own cache)
    CACHE.with_borrow_mut(|cache| match packed(s) {
        Some(key) => cache
            .short
            .get_or_insert_with([key as u64, (key >> 64) as u64], || fresh(s)),
        None => {
            if let Some(k) = cache.long.get(s) {
                return *k;
            }
            let k = fresh(s);
            if cache.long.len() >= 1 << 16 {
                cache.long.clear();
            }
            cache.long.insert(s.into(), k);
            k
        }
    })
}

/// The per-thread cache of [`known`] short forms: an open-addressing table
/// (linear probing) whose slots hold a [`packed`] form, as two words, and
/// its [`Known`] side by side, 32 bytes, two to a cache line.
///
/// The table outgrows the fastest caches, so a look-up is often a miss; a
/// `HashMap` read a group of control bytes and then the entry, elsewhere
/// (perf put time on both loads), where a look-up here reads the slot the
/// hash names and, seldom, the next few.
struct ShortForms {
    /// A power of two of slots (none until the first form); an empty one
    /// has the key `[0, 0]`, the packing of "", which no token is.
    slots: Vec<([u64; 2], Known)>,
    /// Slots in use.
    len: usize,
}

// (a slot: two to a cache line)
const _: () = assert!(std::mem::size_of::<([u64; 2], Known)>() == 32);

impl ShortForms {
    /// Forms kept at most, then the table is emptied (it has grown to
    /// 2^17 slots by then, 4 MB, half of them in use).
    const MAX: usize = 1 << 16;
    /// Slots at first: a stream meets thousands of capitalised forms in its
    /// first articles, room for them at once.
    const FIRST: usize = 1 << 15;
    const EMPTY: ([u64; 2], Known) = (
        [0, 0],
        Known {
            entry: None,
            facts: Facts(0),
            next: None,
            name_like: false,
            conn: None,
        },
    );

    /// The slot where a look-up of `key` starts in a table of `n` slots.
    fn home(key: [u64; 2], n: usize) -> usize {
        // (two multiplications, the top bits: a form's first eight bytes
        // and the rest with its length each move every bit of the result)
        let h = (key[0].wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ key[1])
            .wrapping_mul(0xff51_afd7_ed55_8ccd);
        (h >> (64 - n.trailing_zeros())) as usize
    }

    /// The slot of `key`, or the empty one where it would go.
    fn find(&self, key: [u64; 2]) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = Self::home(key, self.slots.len());
        loop {
            let k = self.slots[i].0;
            if k == key || k == [0, 0] {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The [`Known`] of `key`, made by `fresh` and kept if it is new.
    #[inline]
    fn get_or_insert_with(&mut self, key: [u64; 2], fresh: impl FnOnce() -> Known) -> Known {
        debug_assert!(key != [0, 0]);
        if !self.slots.is_empty() {
            let i = self.find(key);
            if self.slots[i].0 == key {
                return self.slots[i].1;
            }
        }
        let known = fresh();
        self.insert(key, known);
        known
    }

    /// Keep a new form (apart from the look-up, which is most calls and
    /// needs few registers).
    #[inline(never)]
    fn insert(&mut self, key: [u64; 2], known: Known) {
        // (at most three in four slots in use, so that a miss meets an
        // empty one soon)
        if self.len >= Self::MAX {
            self.slots.fill(Self::EMPTY);
            self.len = 0;
        } else if (self.len + 1) * 4 > self.slots.len() * 3 {
            let n = (self.slots.len() * 2).max(Self::FIRST);
            let old = std::mem::replace(&mut self.slots, vec![Self::EMPTY; n]);
            for slot in old.into_iter().filter(|s| s.0 != [0, 0]) {
                let i = self.find(slot.0);
                self.slots[i] = slot;
            }
        }
        let i = self.find(key);
        self.slots[i] = (key, known);
        self.len += 1;
    }
}

/// Eight 'a's, the filler of [`Tok::normalise_bytes`].
const ONES_A: u64 = u64::MAX / 255 * b'a' as u64;

/// Each byte of `x` is printable ASCII other than a space (0x21..=0x7e).
fn all_graphic(x: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    // a byte below 0x21 borrows into its high bit (with its own high bit
    // clear), a byte above 0x7e carries into it when 1 is added (or has
    // it): exact for whether any byte does, if not for which
    let below = x.wrapping_sub(ONES * 0x21) & !x & HIGH;
    let above = (x.wrapping_add(ONES) | x) & HIGH;
    below | above == 0
}

/// `x`'s ASCII capitals in lower case, for `x` of ASCII bytes alone.
fn ascii_lower(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    // (a byte below 0x80 plus 0x3f has its high bit set from 'A' on, plus
    // 0x25 from past 'Z' on; neither carries into the next byte)
    let from_a = x.wrapping_add(ONES * (0x80 - b'A' as u64));
    let past_z = x.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
    x | (from_a & !past_z & HIGH) >> 2
}

/// "-based", "-led", "-owned": the word before is a modifier, not a name.
/// Data: `data/tagger/modifier_tails.txt`.
fn modifier_tail(tail: &str) -> bool {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        crate::data::lines(include_str!("../data/tagger/modifier_tails.txt")).collect()
    })
    .contains(tail)
}

/// "Street", "Square", "Airport": the last word of a place's name.
/// Data: `data/tagger/place_heads.txt`.
fn place_head(word: &str) -> bool {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| crate::data::lines(include_str!("../data/tagger/place_heads.txt")).collect())
        .contains(word)
}

/// "Ontario-based", "Communist-led": a modifier token.
fn is_modifier(t: &Tok) -> bool {
    modifier(t.s)
}

/// Is `s` a modifier: see [`is_modifier`].
fn modifier(s: &str) -> bool {
    s.contains('-') && s.rsplit('-').next().is_some_and(modifier_tail)
}

/// Cut a chunk at titles and demonyms and type its pieces.
///
/// Walking left to right: a listed multi-word name is taken whole; a title
/// or role is skipped and says a person follows; a listed non-entity
/// ("German", a demonym) is skipped; anything else is a piece that runs up
/// to the next title, non-entity or listed multi-word name, and is typed as
/// a whole ("Phil Simmons", "Test and County Cricket Board").
fn segment_chunk(toks: &[Tok], a: usize, b: usize, out: &mut Vec<Cand>) {
    if let Some(c) = whole_organisation(toks, a, b) {
        // what stands before "of" is a name of its own: "Lynn Reaser of ..."
        let mut head = c.a;
        while head > a
            && (toks[head - 1].connector().is_some() || matches!(toks[head - 1].s, "The"))
        {
            head -= 1;
        }
        if head > a && toks[head..c.a].iter().any(|t| t.s == "of") {
            segment_chunk(toks, a, head, out);
        }
        out.push(c);
        return;
    }
    let mut i = a;
    let mut title_before = a > 0 && {
        let p = &toks[a - 1];
        context().before_person.contains(p.s) || is_title(p)
    };
    while i < b {
        let t = &toks[i];
        // connectors, "The", and a sentence-initial plain word ("Look") are
        // not where a name starts
        // (the token's own facts first: few capitalised words are common
        // ones, and `initial` reads back over the tokens before)
        // (a connector first: no name is looked up from one, a walk from
        // the trie's root)
        if t.connector().is_some() {
            i += 1;
            continue;
        }
        let plain_initial = t.lower_is_common() && t.facts.has(Facts::PLAIN) && initial(toks, i);
        let lex = longest_entry(toks, i, b);
        let listed_phrase = lex.is_some_and(|(e, _)| e > i + 1); // "New York", "The Hague"
        if !listed_phrase && (matches!(t.s, "The" | "THE") || plain_initial) {
            i += 1;
            continue;
        }
        if let Some((e, entry)) = lex {
            // a listed title of several words: "Secretary of State Antony Blinken"
            if e > i + 1
                && entry.title.is_some()
                && entry.place.is_none()
                && entry.org.is_none()
                && (t.cap || t.upper)
            {
                title_before = true;
                i = e;
                continue;
            }
            if e > i + 1 && !(is_title(t) && entry.title.is_some()) {
                if let Some(mut c) = usable(toks, i, e, entry, false) {
                    // a listed name followed by an organisation head: "Moscow City Council"
                    if e < b && org_head(&toks[b - 1]) && !toks[e..b].iter().any(is_title) {
                        c.b = b;
                        c.kind = Some(EntityKind::Organisation);
                        c.canonical = None;
                        c.conf = 2;
                    }
                    title_before = false;
                    i = c.b;
                    out.push(c);
                    continue;
                }
            }
        }
        // a title word that is also a given name, last after a title, is
        // the name: "Prince Sultan"
        let name_after_title = title_before
            && i + 1 == b
            && (is_given(t) || t.entry.is_some_and(|e| e.conll.is_some_and(|c| c.per > 0)));
        if is_title(t)
            && !name_after_title
            && !lex
                .is_some_and(|(_, e)| e.title.is_none() && e.conll.is_some_and(|c| c.total() >= 3))
        {
            title_before = true;
            i += 1;
            continue;
        }
        if is_non_entity(t) {
            i += 1;
            continue;
        }
        // a piece: up to the next title, non-entity or listed multi-word name
        let mut j = i + 1;
        while j < b {
            let u = &toks[j];
            // a title breaks the piece; one that is also a family name
            // ("Prince", "King") only when a name follows it
            if (is_title(u) && (!is_surname(u) || j + 1 < b)) || is_non_entity(u) {
                break;
            }
            // "John Casesa of Schroder Wertheim": a person's name ends before "of"
            // and "Jesper Parnevik of Sweden", "Karlsruhe of Germany": "of" a place
            if u.s == "of" && !org_first(&toks[i]) && !is_title(&toks[i]) {
                let person = j >= i + 2 && is_given(&toks[i]);
                let of_place = toks.get(j + 1).is_some_and(|t| {
                    t.entry.is_some_and(|e| {
                        matches!(e.place, Some(("country" | "state" | "city", _)))
                            && e.org.is_none()
                    })
                }) && longest_entry(toks, j + 1, b).is_some_and(|(e, _)| e == b);
                if person || of_place {
                    break;
                }
            }
            if u.cap || u.upper {
                if let Some((e, _)) = longest_entry(toks, j, b) {
                    if e > j + 1 {
                        break;
                    }
                }
            }
            j += 1;
        }
        // connectors before a listed multi-word name belong to neither
        while j > i + 1 && toks[j - 1].connector().is_some() {
            j -= 1;
        }
        if j == i + 1 {
            if let Some((1, entry)) = lex.map(|(e, en)| (e - i, en)) {
                if let Some(mut c) = usable(toks, i, i + 1, entry, false) {
                    let curated =
                        entry.place.is_some() || entry.org.is_some() || entry.person.is_some();
                    let weak_initial = entry.common
                        && !curated
                        && entry.conll.is_none_or(|c| c.total() < 3)
                        && initial(toks, i);
                    if !weak_initial {
                        // "President Clinton": the lexicon may not know it is a person
                        if title_before && c.conf < 3 && entry.place.is_none() {
                            c.kind = Some(EntityKind::Person);
                            c.conf = 3;
                        }
                        // "Ontario-based Magna": a town's name after such a
                        // modifier is a company's
                        let country = matches!(entry.place, Some(("country", _)));
                        if i > 0
                            && is_modifier(&toks[i - 1])
                            && c.kind == Some(EntityKind::Place)
                            && !country
                        {
                            c.kind = Some(EntityKind::Organisation);
                            c.canonical = None;
                        }
                        out.push(c);
                        title_before = false;
                        i = j;
                        continue;
                    }
                }
            }
        }
        if let Some(c) = classify_run(toks, i, j, title_before) {
            out.push(c);
        }
        title_before = false;
        i = j;
    }
}

/// A chunk that ends in an organisation head is one organisation from its
/// first real word: "Budapest Stock Exchange", "U.S. Agriculture
/// Department", "Michigan National Bank". Leading titles, demonyms and
/// sentence-initial common words stay out ("Russian | Foreign Ministry");
/// a title or a possessive inside means it is not one name.
fn whole_organisation(toks: &[Tok], a: usize, b: usize) -> Option<Cand> {
    if b - a < 2 || !org_head(&toks[b - 1]) {
        return None;
    }
    let mut s = a;
    while s < b
        && (is_title(&toks[s])
            || toks[s].connector().is_some()
            || matches!(toks[s].s, "The" | "THE")
            || (toks[s].lower_is_common() && !org_first(&toks[s]) && initial(toks, s)))
    {
        s += 1;
    }
    // "Lynn Reaser of Barnett Banks Inc.": a person, then the organisation
    if s < b && is_given(&toks[s]) && !org_first(&toks[s]) {
        if let Some(of) = (s..b).rev().find(|&k| toks[k].s == "of") {
            s = of + 1;
            while s < b && matches!(toks[s].s, "the" | "The") {
                s += 1;
            }
        }
    }
    if b - s < 2
        || toks[s..b]
            .iter()
            .any(|t| is_title(t) || t.s == "'s" || t.s == "and")
    {
        return None;
    }
    // the tail is a listed place ("Jewish | West Bank"), or a demonym heads a
    // listed body ("German | Foreign Ministry"): not one new organisation
    // (from the second word: a name from the first is looked up below)
    for k in s + 1..b - 1 {
        if let Some((e, entry)) = longest_entry(toks, k, b) {
            if e == b {
                if entry.place.is_some() && entry.org.is_none() {
                    return None;
                }
                if entry.org.is_some() && k == s + 1 && is_non_entity(&toks[s]) {
                    s = k;
                    break;
                }
            }
        }
    }
    // a listed name covering it all says more
    if let Some((e, entry)) = longest_entry(toks, s, b) {
        if e == b {
            return usable(toks, s, b, entry, false);
        }
    }
    Some(Cand {
        a: s,
        b,
        kind: Some(EntityKind::Organisation),
        conf: 2,
        canonical: None,
    })
}

/// A listed word that is a name but none of ours: "German", "Russian".
fn is_non_entity(t: &Tok) -> bool {
    t.facts.has(Facts::NON_ENTITY)
}

/// Type a run of capitalised tokens that no lexicon lists as a whole.
fn classify_run(toks: &[Tok], a: usize, b: usize, title_before: bool) -> Option<Cand> {
    let ctx = context();
    let mut a = a;
    // sentence-initial common words are not names ("Look", "The", "But")
    while a < b && toks[a].lower_is_common() && !is_given(&toks[a]) && initial(toks, a) {
        a += 1;
    }
    // nor does one start with a connector left by them ("HK | 's Lam")
    while a < b && (matches!(toks[a].s, "The" | "THE") || toks[a].connector().is_some()) {
        a += 1;
    }
    if a >= b {
        return None;
    }
    let run = &toks[a..b];
    let len = run.len();
    let first = &run[0];
    let last = &run[len - 1];
    let after_person = toks
        .get(b)
        .is_some_and(|t| ctx.after_person.contains_lowercase(t.s))
        || (toks.get(b).is_some_and(|t| t.s == ",")
            && toks
                .get(b + 1)
                .is_some_and(|t| t.s.chars().all(|c| c.is_ascii_digit()) && !t.s.is_empty()));
    let before = a.checked_sub(1).map(|k| toks[k].s);
    let before_place = before.is_some_and(|w| ctx.before_place.contains(w));
    let based =
        toks.get(b).is_some_and(|t| t.s == "-") && toks.get(b + 1).is_some_and(|t| t.s == "based");
    let mk = |kind, conf| {
        Some(Cand {
            a,
            b,
            kind: Some(kind),
            conf,
            canonical: None,
        })
    };
    let all_common = run.iter().all(|t| t.lower_is_common() || !t.word);
    if org_head(last) && len >= 2 || run.iter().any(|t| t.s == "&") {
        return mk(EntityKind::Organisation, 2);
    }
    // "Ontario-based Magna": what a place is the base of is an organisation
    if a > 0 && is_modifier(&toks[a - 1]) && !is_given(first) {
        return mk(EntityKind::Organisation, 2);
    }
    if org_first(first) && len >= 3 && run[1].s == "of" {
        return mk(EntityKind::Organisation, 2);
    }
    // after a title, a listed given or family name is one even where the
    // word list also has it in lower case: "King Hussein", "Prince Sultan"
    let named_after_title = title_before
        && run
            .iter()
            .all(|t| !t.word || is_given(t) || is_surname(t) || !t.lower_is_common());
    if title_before && (!all_common || named_after_title) {
        return mk(EntityKind::Person, 3);
    }
    if len >= 2 && place_head(last.s) && !title_before {
        return mk(EntityKind::Place, 2);
    }
    if len >= 2 {
        // a plain word last ("Johnson Controls", "Hindustan Copper") or a
        // listed company inside ("Reynard Honda"): an organisation
        let plain_last = last.common() && !is_given(last) && !is_surname(last);
        // (an acronym only when written in capitals: "Un" in "Kim Jong Un" is not the UN)
        let company_inside = run.iter().any(|t| {
            let f = t.facts;
            f.has(Facts::ORG) && !f.has(Facts::PLACE) && (t.upper || !f.has(Facts::ACRONYM))
        });
        let clear_given =
            is_given(first) && !first.upper && !is_surname(first) && !first.lower_is_common();
        if clear_given {
            return mk(EntityKind::Person, 2);
        }
        if (plain_last || company_inside) && !title_before && !after_person {
            return mk(EntityKind::Organisation, 1);
        }
        if is_given(first) && !first.upper {
            return mk(EntityKind::Person, 2);
        }
        if after_person && !all_common {
            return mk(EntityKind::Person, 2);
        }
        let no_place = run.iter().all(|t| !t.facts.has(Facts::PLACE | Facts::ORG));
        if is_surname(last) && !first.lower_is_common() && no_place {
            return mk(EntityKind::Person, 1);
        }
        if all_common {
            return None;
        }
        // a common word ("Jones Medical", "Pirelli Cables"), a place first
        // ("Philadelphia Eagles") or capitals only: an organisation
        // an initial first: "P. Such", "G. Hamilton"
        if first.s.len() <= 3
            && first.s.ends_with('.')
            && first.s.starts_with(char::is_uppercase)
            && !last.upper
        {
            return mk(EntityKind::Person, 2);
        }
        // a plain word last ("Jones Medical", "Pirelli Cables"), a place
        // first ("Philadelphia Eagles"), "of" inside or capitals only: an
        // organisation; other unknown runs are people's names
        let plain_last = last.lower_is_common() && !is_given(last) && !is_surname(last);
        let of_inside = run.iter().any(|t| matches!(t.s, "of" | "for"));
        let place_first = first.facts.has(Facts::PLACE);
        if plain_last || of_inside || place_first || run.iter().all(|t| t.upper) {
            return mk(EntityKind::Organisation, 1);
        }
        return mk(EntityKind::Person, 1);
    }
    // one token
    if based || before_place && !first.lower_is_common() && !is_given(first) {
        return mk(EntityKind::Place, 1);
    }
    if first.lower_is_common() {
        return None;
    }
    if after_person {
        return mk(EntityKind::Person, 2);
    }
    if first.upper && first.s.chars().count() <= 6 {
        return mk(EntityKind::Organisation, 1);
    }
    if is_surname(first) || is_given(first) {
        return mk(EntityKind::Person, 1);
    }
    // "NationsBank", "KeyCorp": a capital inside a word is a company's
    let inner_capital =
        first.s.chars().skip(1).any(char::is_uppercase) && first.s.chars().any(char::is_lowercase);
    let after_the = a > 0 && matches!(toks[a - 1].s, "the" | "The");
    if inner_capital || after_the {
        return mk(EntityKind::Organisation, 1);
    }
    match std::env::var("WHOMET_DEFAULT").as_deref() {
        Ok("PER") => return mk(EntityKind::Person, 0),
        Ok("ORG") => return mk(EntityKind::Organisation, 0),
        Ok("LOC") => return mk(EntityKind::Place, 0),
        _ => {}
    }
    Some(Cand {
        a,
        b,
        kind: None,
        conf: 0,
        canonical: None,
    })
}

/// In a sports report a city or region is its team ("CHICAGO 3 Boston 1"),
/// unless a preposition makes it a place ("in Chicago"); countries stay
/// places, as national teams are written by country.
fn teams_not_places(doc_toks: &[Tok], all: &mut [(Range<usize>, Vec<Cand>)]) {
    for (range, cands) in all.iter_mut() {
        let toks = &doc_toks[range.clone()];
        // (only places are retyped: most sentences have none)
        if !cands.iter().any(|c| c.kind == Some(EntityKind::Place)) {
            continue;
        }
        // result and standings rows: numbers, few lower-case words, no date
        // (a dated sentence is left as it is, so it is not counted)
        if toks.iter().any(|t| t.blocked) {
            continue;
        }
        let numbers = toks
            .iter()
            .filter(|t| t.s.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        let row = numbers >= 2
            && toks
                .iter()
                .filter(|t| t.word && t.s.starts_with(char::is_lowercase))
                .nth(3)
                .is_none();
        for c in cands.iter_mut() {
            if c.kind != Some(EntityKind::Place) {
                continue;
            }
            // outside result rows, only next to a match word: "Newcastle beat Leeds"
            let after = toks.get(c.b).map(|t| t.s);
            let before = c.a.checked_sub(1).map(|k| toks[k].s);
            let scored = toks
                .get(c.b)
                .is_some_and(|t| t.s.starts_with(|ch: char| ch.is_ascii_digit()));
            if !row && !scored && !team_context(before, after) {
                continue;
            }
            let country = toks[c.a..c.b].iter().all(|t| {
                t.entry.is_some_and(|e| {
                    matches!(e.place, Some(("country", _)) | Some(("continent", _)))
                })
            });
            let mut key = String::new();
            for t in &toks[c.a..c.b] {
                t.normalise_into(&mut key);
            }
            let entry = lexicon::get(&key);
            let country = country
                || entry.is_some_and(|e| {
                    matches!(e.place, Some(("country", _)) | Some(("continent", _)))
                        || e.conll.is_some_and(|k| {
                            k.loc > 3 * k.org.max(1) && k.org == 0 && e.place.is_none()
                        })
                });
            // "in Chicago", and a venue heading a row: "Tunbridge Wells : Kent 214"
            let prep = c.a > 0
                && matches!(
                    toks[c.a - 1].s,
                    "in" | "at" | "from" | "to" | "near" | "In" | "At"
                )
                || toks.get(c.b).is_some_and(|t| t.s == ":");
            if !country && !prep {
                c.kind = Some(EntityKind::Organisation);
                c.canonical = None;
            }
        }
    }
}

/// Is a name between these words a team? Data: `data/tagger/team_context.txt`.
fn team_context(before: Option<&str>, after: Option<&str>) -> bool {
    static S: OnceLock<(HashSet<&'static str>, HashSet<&'static str>)> = OnceLock::new();
    let (b, a) = S.get_or_init(|| {
        let mut b = HashSet::default();
        let mut a = HashSet::default();
        for l in crate::data::lines(include_str!("../data/tagger/team_context.txt")) {
            match l.split_once('\t') {
                Some((w, "before")) => b.insert(w),
                Some((w, "after")) => a.insert(w),
                _ => false,
            };
        }
        (b, a)
    });
    before.is_some_and(|w| b.contains(w)) || after.is_some_and(|w| a.contains(w))
}

/// [`one_sense`]'s evidence per normalised form: per kind, the strongest
/// confidence and the total weight. Forms of up to 15 bytes (nearly all) are
/// keyed by their [`packed`] bytes, hashed and compared as one integer, not
/// as strings (every candidate votes and is looked up again).
struct Votes<'t> {
    short: HashMap<u128, [(u8, u32); 3]>,
    long: HashMap<&'t [u8], [(u8, u32); 3]>,
}

impl<'t> Votes<'t> {
    fn with_capacity(n: usize) -> Self {
        Votes {
            short: HashMap::with_capacity_and_hasher(n, Default::default()),
            long: HashMap::default(),
        }
    }

    fn entry(&mut self, form: &'t [u8]) -> &mut [(u8, u32); 3] {
        match packed_bytes(form) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(form).or_default(),
        }
    }

    fn get(&self, form: &[u8]) -> Option<&[(u8, u32); 3]> {
        match packed_bytes(form) {
            Some(k) => self.short.get(&k),
            None => self.long.get(form),
        }
    }
}

/// One sense per document: confident names type their other mentions.
///
/// `capitals`: where the document's capitalised words stand (in `doc_toks`),
/// see [`read_tokens`].
#[inline(never)]
fn one_sense(
    doc_toks: &[Tok],
    capitals: &[usize],
    all: &mut [(Range<usize>, Vec<Cand>)],
    key: &mut Vec<u8>,
) {
    // The normalised form of every candidate, written once into one buffer
    // (the votes borrow their keys from it), with where its first word's
    // form ends and its last word's begins (the forms of its parts).
    struct Form {
        start: usize,
        first_end: usize,
        last_start: usize,
        end: usize,
    }
    // (sized up front: grown push by push, the string was copied about nine
    // times a document; a form is no longer than its span of text unless
    // lower-casing lengthens it, when the string just grows)
    let (mut count, mut bytes) = (0, 0);
    for (range, cands) in all.iter() {
        let toks = &doc_toks[range.clone()];
        count += cands.len();
        bytes += cands
            .iter()
            .map(|c| spanned(toks[c.a].s, toks[c.b - 1].s))
            .sum::<usize>();
    }
    let mut text = Vec::with_capacity(bytes);
    let mut forms = Vec::with_capacity(count);
    for (range, cands) in all.iter() {
        let toks = &doc_toks[range.clone()];
        for c in cands {
            let start = text.len();
            let (mut first_end, mut last_start) = (start, start);
            for (i, t) in toks[c.a..c.b].iter().enumerate() {
                if i + 1 == c.b - c.a {
                    last_start = text.len();
                }
                t.normalise_bytes(&mut text);
                if i == 0 {
                    first_end = text.len();
                }
            }
            forms.push(Form {
                start,
                first_end,
                last_start,
                end: text.len(),
            });
        }
    }
    // evidence per normalised form and kind: (strongest confidence, total weight)
    // (sized for a vote per candidate and a part of one in four: growing the
    // table costs more)
    let mut votes = Votes::with_capacity(forms.len() + forms.len() / 4);
    let idx = |k: EntityKind| match k {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organisation => 2,
    };
    fn vote<'t>(votes: &mut Votes<'t>, f: &'t [u8], k: usize, conf: u8) {
        let v = &mut votes.entry(f)[k];
        v.0 = v.0.max(conf);
        v.1 += [1, 1, 3, 6][conf as usize];
    }
    let mut f = forms.iter();
    for (range, cands) in all.iter() {
        let toks = &doc_toks[range.clone()];
        for (c, form) in cands.iter().zip(f.by_ref()) {
            let Some(k) = c.kind else { continue };
            vote(&mut votes, &text[form.start..form.end], idx(k), c.conf);
            if c.b - c.a < 2 || c.conf < 2 {
                continue;
            }
            // a person's parts ("Putin", "Kim") are that person; an
            // organisation's first word ("Magna" of "Magna International") is it
            let parts: &[usize] = match k {
                EntityKind::Person => &[c.a, c.b - 1],
                EntityKind::Organisation => &[c.a],
                EntityKind::Place => &[],
            };
            for &p in parts {
                let t = &toks[p];
                let plain_word = t.common() && !t.facts.has(Facts::NAME);
                // ("Saudi" of "Saudi Press Agency" is a demonym, not it)
                let other = t.facts.has(Facts::PLACE | Facts::NAME | Facts::DEMONYM);
                // a person's family name that is also a plain word ("Stone")
                // is still that person's, but only as the last word
                let family = k == EntityKind::Person && p == c.b - 1 && t.cap;
                if plain_word && !family || (k == EntityKind::Organisation && (other || !t.cap)) {
                    continue;
                }
                let conf = if k == EntityKind::Person {
                    c.conf
                } else {
                    c.conf - 1
                };
                let part = if p == c.a {
                    &text[form.start..form.first_end]
                } else {
                    &text[form.last_start..form.end]
                };
                vote(&mut votes, part, idx(k), conf);
            }
        }
    }
    // the kind with the strongest evidence, then the most
    let decided = |v: &[(u8, u32); 3]| -> Option<(EntityKind, u8, u32)> {
        let (i, &(conf, weight)) = v.iter().enumerate().max_by_key(|(_, &x)| x)?;
        if weight == 0 {
            return None;
        }
        let kind = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organisation,
        ][i];
        Some((kind, conf, weight))
    };
    // which tokens a candidate covers, one sentence at a time (room for the
    // longest sentence at once, not grown sentence by sentence)
    let mut covered = Vec::with_capacity(all.iter().map(|(r, _)| r.len()).max().unwrap_or(0));
    let mut capitals = capitals.iter().peekable();
    let mut f = forms.iter();
    for (range, cands) in all.iter_mut() {
        let toks = &doc_toks[range.clone()];
        // retype weak candidates by the document's vote
        for (c, form) in cands.iter_mut().zip(f.by_ref()) {
            if c.conf >= 3 {
                continue;
            }
            let form = &text[form.start..form.end];
            if let Some((k, conf, weight)) = votes.get(form).and_then(decided) {
                if conf > c.conf || weight >= 3 || c.kind.is_none() {
                    if c.kind != Some(k) {
                        c.canonical = None;
                    }
                    c.kind = Some(k);
                    c.conf = c.conf.max(1);
                }
            }
        }
        cands.retain(|c| !(c.kind.is_none() && c.conf == 0));
        // find known names where the sentence rules did not look
        covered.clear();
        covered.resize(toks.len(), false);
        for c in cands.iter() {
            covered[c.a..c.b].iter_mut().for_each(|x| *x = true);
        }
        let mut added = Vec::new();
        while let Some(i) = capitals.next_if(|&&k| k < range.end) {
            let i = i - range.start;
            let t = &toks[i];
            if covered[i] {
                continue;
            }
            let vote = match t.normalised_key() {
                Some(k) => votes.short.get(&k),
                None => {
                    key.clear();
                    t.normalise_bytes(key);
                    votes.get(key)
                }
            };
            if let Some((k, _, m)) = vote.and_then(decided) {
                if m >= 3
                    && !(t.common() && !t.upper && initial(toks, i) && k != EntityKind::Person)
                {
                    added.push(Cand {
                        a: i,
                        b: i + 1,
                        kind: Some(k),
                        conf: 0,
                        canonical: None,
                    });
                }
            }
        }
        cands.extend(added);
        // (a stable sort leaves sorted candidates as they are: skip it then)
        if !cands.is_sorted_by_key(|c| c.a) {
            cands.sort_by_key(|c| c.a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<(String, &'static str)> {
        let doc = Document::new(text);
        tag(&doc, &[])
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind.as_str()))
            .collect()
    }

    /// Every example and counter-example of `data/tagger/examples.txt`.
    #[test]
    fn examples_hold() {
        let mut failed = Vec::new();
        for line in crate::data::lines(include_str!("../data/tagger/examples.txt")) {
            let (text, want) = line.split_once(" => ").expect("TEXT => EXPECTED");
            let got = tags(text);
            let has = |item: &str| {
                let (kind, name) = item.split_once(':').expect("type:text");
                got.iter().any(|(s, k)| s == name && *k == kind)
            };
            for item in want.split(" | ").map(str::trim) {
                let ok = match item {
                    "none" => got.is_empty(),
                    i if i.starts_with('!') => !has(&i[1..]),
                    i => has(i),
                };
                if !ok {
                    failed.push(format!("{text}\n   wanted {item}, got {got:?}"));
                }
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn short_forms_keep_what_was_made() {
        let mut forms = ShortForms {
            slots: Vec::new(),
            len: 0,
        };
        let made = |i: u64| Known {
            facts: Facts(i as u16),
            ..ShortForms::EMPTY.1
        };
        // past the bound, through every size of the table
        let n = ShortForms::MAX as u64 + 1000;
        for i in 1..=n {
            let key = [i, i << 56];
            assert_eq!(
                forms.get_or_insert_with(key, || made(i)).facts,
                made(i).facts
            );
            let kept = forms.get_or_insert_with(key, || unreachable!("{i} kept"));
            assert_eq!(kept.facts, made(i).facts);
        }
        assert_eq!(forms.len, 1000);
        assert_eq!(forms.slots.len(), 1 << 17);
    }

    #[test]
    fn normalised_bytes_are_the_lexicons_form() {
        let tok = |s| Tok {
            s,
            cap: false,
            upper: false,
            word: true,
            entry: None,
            facts: Facts::default(),
            next: None,
            name_like: false,
            conn: None,
            blocked: false,
            newline_before: false,
        };
        let mut words: Vec<String> = [
            "",
            "A",
            "Kim",
            "McDONALD'S",
            "O’Neill",
            "Zürich",
            "ABCDEFGHIJKLMNO",
            "ABCDEFGHIJKLMNOP",
            "ABCDEFGHIJKLMNOPQ",
            "[@`{~!",
            "a b",
            "tab\there",
            "\u{7f}x",
        ]
        .map(String::from)
        .to_vec();
        // every ASCII byte at every place of words of 1 to 17 bytes
        for n in 1..=17 {
            for at in 0..n {
                for c in 0..=127u8 {
                    let mut w = vec![b'Q'; n];
                    w[at] = c;
                    words.push(String::from_utf8(w).expect("ASCII"));
                }
            }
        }
        for w in &words {
            let (mut want, mut got) = (String::new(), vec![b'x']);
            lexicon::normalise_into(w, &mut want);
            tok(w).normalise_bytes(&mut got);
            assert_eq!(&got[1..], want.as_bytes(), "{w:?}");
            // (the key made in registers is the form's packed bytes)
            if let Some(k) = tok(w).normalised_key() {
                assert_eq!(Some(k), packed(&want), "{w:?}");
            }
        }
    }

    #[test]
    fn facts_say_what_the_entries_say() {
        for line in 0..lexicon::len() {
            let e = lexicon::entry_at(line as u32);
            let f = Facts::of(Some(e));
            let reads = |r: &str| e.ambiguous.is_some_and(|a| a.split(',').any(|x| x == r));
            let want = [
                (Facts::COMMON, e.common),
                (Facts::TITLE, e.title.is_some()),
                (Facts::GIVEN, e.given || reads("given") || reads("person")),
                (Facts::SURNAME, e.surname || reads("surname")),
                (Facts::ORG_HEAD, e.org_head),
                (Facts::ORG_FIRST, e.org_first),
                (Facts::NAME, e.given || e.surname),
                (Facts::PLACE, e.place.is_some()),
                (Facts::DEMONYM, e.demonym.is_some()),
                (Facts::ORG, e.org.is_some()),
                (Facts::ACRONYM, e.is_acronym()),
            ];
            for (bit, on) in want {
                assert_eq!(f.has(bit), on, "{bit:#x} of {}", e.key);
            }
        }
        assert_eq!(Facts::of(None), Facts::default());
    }

    #[test]
    fn recycled_tokens_keep_their_memory() {
        let text = String::from("Kim met Putin");
        let mut toks: Vec<Tok> = Vec::with_capacity(100);
        toks.extend(text.split(' ').map(|s| Tok {
            s,
            cap: true,
            upper: false,
            word: true,
            entry: None,
            facts: Facts::default(),
            next: None,
            name_like: true,
            conn: None,
            blocked: false,
            newline_before: false,
        }));
        let at = toks.as_ptr() as usize;
        let kept: Vec<Tok<'static>> = recycled(toks);
        drop(text);
        assert!(kept.is_empty());
        assert_eq!((kept.as_ptr() as usize, kept.capacity()), (at, 100));
    }

    #[test]
    fn titles_are_not_names() {
        let t =
            tags("Pentagon spokesman Brig. Gen. Pat Ryder spoke with President Vladimir Putin.");
        assert!(t.contains(&("Pat Ryder".into(), "person")), "{t:?}");
        assert!(t.contains(&("Vladimir Putin".into(), "person")), "{t:?}");
        assert!(
            !t.iter()
                .any(|(s, _)| s.contains("Brig") || s.contains("Gen")),
            "{t:?}"
        );
    }
}
