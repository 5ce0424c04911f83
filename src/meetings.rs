//! Meetings: who met whom, where and when, as `spec/meetings.md` defines it.
//!
//! Each sentence is read for triggers (`data/meetings/triggers.tsv`): a
//! meeting word ("met", "talks"), a visit ("visited", "traveled to", "left
//! for"), a host ("hosted", "received by"), an invitation ("at the
//! invitation of") or a definite anaphor ("the meeting"). Each trigger gives
//! one *report*, whose parties come from the sentence's shape, not from every
//! name in it (word classes in `data/meetings/roles.tsv`):
//! - the subject, left of the trigger past its verb group ("Kim will
//!   finally meet"), or for a noun the words that govern it ("held a new
//!   round of talks"): a name and the names coordinated with it ("A, B and
//!   C", "A and his counterpart, B,"), the name before "X, who met",
//!   "X, the envoy, met", a list between dashes, a pronoun or a definite
//!   description ("the premier") resolved to the nearest person, "they" to
//!   the last two people named, "the two leaders" to the encounter just told
//!   (or, when none was told lately, to the two people named last);
//!   with no subject beside the verb, the clause's subject or opening
//!   pronoun ("X flew in after meeting Y"), the owner of "his visit" (the
//!   subject after a fronted "During his visit,"), or the names after an
//!   inverted "are" ("Also due to visit Chile are A and B": one visit each);
//!   a speaker is the subject only of an adjunct ("X said after meeting Y");
//! - the objects, right of the trigger or of "with", "between", "by": names
//!   past their titles ("Prime Minister Jim Bolger", "his counterpart, Y",
//!   "Burundi negotiator Nyerere"), lists, and unnamed officials of a named
//!   state ("his Yugoslav counterparts" -> Yugoslavia);
//! - for a visit, the places visited: every country on a tour is a separate
//!   report; a country (or the country of a capital, `countries.tsv`, when
//!   the article names it or the sentence has its demonym) with no named
//!   host is the host party.
//!
//! - "they" with no people before it in its sentence: the people named in
//!   the few sentences before ("they were visited by X");
//! - an institution named by its state's adjective ("Belgian police", "the
//!   Philippine government", `data/meetings/bodies.tsv`) is a party of its
//!   own, added to the entity list only when it takes part in a meeting;
//! - departures and stays are visits ("left X for Y", "spent three days in
//!   X"); "accompanied by Y" adds Y to the encounter told nearest.
//!
//! People who are only mentioned (speakers, people in other clauses or in
//! prepositional phrases) are left out. The place is the "in"/"at" place
//! nearest the trigger (a venue over a city over a country), the time the
//! nearest time expression of the same clause that does not date the report,
//! the status comes from cues (`data/meetings/cues.tsv`): before the trigger,
//! or a passive cancellation after it.
//!
//! Reports of one encounter merge into one record: nested party sets, no
//! clash of dates, same status (or one sentence, or a plan and its
//! cancellation, or a visit under way and the meeting ahead). A meeting in a
//! country joins the visit to that country. A report naming one party never
//! makes a record by itself but adds to the record it belongs to ("He is
//! heading to Vladivostok"); an unnamed first mention lends its day and
//! place to the named encounter told next. A visit to a country and a
//! meeting there with a named host are one record (the host, not the
//! country, is the party); a meeting with no place takes the place of a
//! visit of its party told just before.

use crate::dates::{TimeExpr, TimexType};
use crate::lexicon;
use crate::reader::{packed, Document, LineKind};
use crate::resolver::Entities;
use crate::tagger::EntityKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Happened,
    Planned,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Happened => "happened",
            Status::Planned => "planned",
            Status::Cancelled => "cancelled",
        }
    }
}

/// One encounter.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Entity indices, two or more.
    pub participants: Vec<usize>,
    /// Entity index of the place.
    pub place: Option<usize>,
    /// Index into the document's time expressions.
    pub when: Option<usize>,
    /// The time as written for this encounter: the expression with the
    /// preposition before it ("on Monday", "in the coming days").
    pub when_span: Option<(usize, usize)>,
    /// The normalised time when it is not the expression's own: the start
    /// of a tour's span for its first stop.
    pub when_value: Option<String>,
    pub status: Status,
    /// Byte ranges of the sentences that state it.
    pub evidence: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    Meet,
    Visit,
    Host,
    Invite,
    Anaphor,
    /// "accompanied by X": X goes along with the subject.
    Company,
    /// "left X for Y": a visit to X told, one to Y ahead.
    Depart,
    /// "spent three days in X": a visit to X.
    Stay,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Planned,
    Progressive,
    Cancelled,
}

type Phrases<T> = HashMap<&'static str, Vec<(Vec<&'static str>, T)>>;

fn phrases<T: Copy>(data: &'static str, parse: impl Fn(&str) -> Option<T>) -> Phrases<T> {
    let mut m: Phrases<T> = HashMap::default();
    for l in crate::data::lines(data) {
        let mut it = l.split('\t');
        let (Some(p), Some(k)) = (it.next(), it.next()) else {
            continue;
        };
        let Some(k) = parse(k) else { continue };
        let words: Vec<&'static str> = p.split(' ').collect();
        m.entry(words[0]).or_default().push((words, k));
    }
    for v in m.values_mut() {
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
    m
}

fn triggers() -> &'static Phrases<Trigger> {
    static T: OnceLock<Phrases<Trigger>> = OnceLock::new();
    T.get_or_init(|| {
        phrases(include_str!("../data/meetings/triggers.tsv"), |k| {
            Some(match k {
                "meet" => Trigger::Meet,
                "visit" => Trigger::Visit,
                "host" => Trigger::Host,
                "invite" => Trigger::Invite,
                "anaphor" => Trigger::Anaphor,
                "company" => Trigger::Company,
                "depart" => Trigger::Depart,
                "stay" => Trigger::Stay,
                "not" => Trigger::Not,
                _ => return None,
            })
        })
    })
}

/// The trigger table arranged for the scan of every sentence, which must be
/// cheap: most tokens start no trigger. A token is tested first by its
/// first and second and its first and last bytes and its length (a bit
/// each), then compared as bytes with the first words of its first byte
/// and length, not hashed.
struct FirstWords {
    /// For a first and a second byte (their low five bits, [`fold`]), a
    /// bit per length (63 and up share a bit).
    first_second: [[u64; 32]; 32],
    /// For a first and a last byte (their low five bits), a bit per length.
    first_last: [[u64; 32]; 32],
    /// The first words and their phrases (longest first, as in
    /// [`triggers`]), by first byte and length.
    words: Vec<TriggerStart>,
    /// Where the words of a first byte and a length start in `words`: the
    /// words of `f` and `len` are `at[slot(f, len)]..at[slot(f, len) + 1]`,
    /// found without a search.
    at: Vec<u16>,
}

type TriggerStart = (&'static str, &'static [(Vec<&'static str>, Trigger)]);

/// Lengths from this one up share a slot of [`FirstWords::at`].
const SLOT_LENGTHS: usize = 32;

/// A first byte's and a length's slot of [`FirstWords::at`].
fn slot(w: &[u8]) -> usize {
    w.first().map_or(0, |&f| f as usize) * SLOT_LENGTHS + w.len().min(SLOT_LENGTHS - 1)
}

impl FirstWords {
    /// The first test: may this lower-case word start a trigger?
    #[inline]
    fn may_start(&self, w: &[u8]) -> bool {
        let (Some(&f), Some(&l)) = (w.first(), w.last()) else {
            return false;
        };
        let bit = 1u64 << w.len().min(63);
        let f = fold(f);
        self.first_second[f][second(w)] & self.first_last[f][fold(l)] & bit != 0
    }

    /// The phrases that start with this lower-case word.
    fn phrases(&self, w: &[u8]) -> Option<&'static [(Vec<&'static str>, Trigger)]> {
        if !self.may_start(w) {
            return None;
        }
        let s = slot(w);
        let (a, b) = (self.at[s] as usize, self.at[s + 1] as usize);
        self.words[a..b]
            .iter()
            .find(|s| s.0.as_bytes() == w)
            .map(|s| s.1)
    }
}

/// The low five bits of a byte: a letter's place in the alphabet, for
/// [`FirstWords`]'s tables (other bytes share the places: a test that
/// passes is only a first test).
fn fold(b: u8) -> usize {
    (b & 31) as usize
}

/// The second byte of a word [`fold`]ed, 0 for a word of one.
fn second(w: &[u8]) -> usize {
    w.get(1).map_or(0, |&b| fold(b))
}

fn trigger_starts() -> &'static FirstWords {
    static F: OnceLock<FirstWords> = OnceLock::new();
    F.get_or_init(|| {
        let mut first_second = [[0u64; 32]; 32];
        let mut first_last = [[0u64; 32]; 32];
        let mut words = Vec::new();
        for (w, phrases) in triggers() {
            let b = w.as_bytes();
            if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
                let bit = 1u64 << w.len().min(63);
                first_second[fold(f)][second(b)] |= bit;
                first_last[fold(f)][fold(l)] |= bit;
                words.push((*w, phrases.as_slice()));
            }
        }
        words.sort_by_key(|s: &TriggerStart| (slot(s.0.as_bytes()), s.0));
        // at[k]: the first word whose slot is k or later
        let mut at = vec![0u16; 256 * SLOT_LENGTHS + 1];
        let mut next = 0;
        for (k, x) in at.iter_mut().enumerate() {
            while next < words.len() && slot(words[next].0.as_bytes()) < k {
                next += 1;
            }
            *x = next as u16;
        }
        FirstWords {
            first_second,
            first_last,
            words,
            at,
        }
    })
}

/// The triggers of a sentence (its `n` tokens from `t0`), into `found`:
/// at each token the longest phrase that starts there, then on past it.
fn scan_triggers(
    doc: &Document,
    lowered: &Lowered,
    (t0, n): (usize, usize),
    found: &mut Vec<(usize, usize, Trigger)>,
) {
    let index = trigger_starts();
    let tokens = &doc.tokens[t0..t0 + n];
    let (text, ascii) = (lowered.text.as_bytes(), lowered.odd.is_empty());
    let mut i = 0;
    while i < n {
        let w = if ascii {
            // most tokens fail the first test: a loop of its own finds the
            // next that passes it
            let next = tokens[i..]
                .iter()
                .position(|t| index.may_start(&text[t.start..t.end]));
            let Some(skip) = next else { break };
            i += skip;
            &text[tokens[i].start..tokens[i].end]
        } else {
            lowered.bytes(doc, t0 + i)
        };
        let hit = index.phrases(w).and_then(|phrases| {
            // (the first word is the one just compared)
            let fits = |words: &[&str]| {
                let mut rest = words.iter().enumerate().skip(1);
                i + words.len() <= n && rest.all(|(j, w)| lowered.is(doc, t0 + i + j, w))
            };
            let (words, k) = phrases.iter().find(|(words, _)| fits(words))?;
            Some((i + words.len(), *k))
        });
        match hit {
            Some((e, k)) => {
                found.push((i, e, k));
                i = e;
            }
            None => i += 1,
        }
    }
}

fn cues() -> &'static Phrases<Cue> {
    static T: OnceLock<Phrases<Cue>> = OnceLock::new();
    T.get_or_init(|| {
        phrases(include_str!("../data/meetings/cues.tsv"), |k| {
            Some(match k {
                "planned" => Cue::Planned,
                "planned-progressive" => Cue::Progressive,
                "cancelled" => Cue::Cancelled,
                _ => return None,
            })
        })
    })
}

/// A lexicon answer remembered per thread (the lexicon is static data, so
/// the answer never changes): the rules ask about the same few hundred
/// words and names (titles, demonyms, countries) sentence after sentence,
/// and a hash lookup is far cheaper than a walk of the lexicon's automaton.
/// The memo is emptied when it grows past `MEMO_LIMIT`.
fn remembered(
    memo: &'static std::thread::LocalKey<EntryMemo>,
    key: &str,
    get: fn(&str) -> Option<&'static lexicon::Entry>,
) -> Option<&'static lexicon::Entry> {
    const MEMO_LIMIT: usize = 1 << 16;
    memo.with(|m| {
        let short = packed(key);
        let known = {
            let m = m.borrow();
            match short {
                Some(k) => m.short.get(&k).copied(),
                None => m.long.get(key).copied(),
            }
        };
        if let Some(e) = known {
            return e;
        }
        let e = get(key);
        let mut m = m.borrow_mut();
        if m.short.len() + m.long.len() >= MEMO_LIMIT {
            m.short.clear();
            m.long.clear();
        }
        match short {
            Some(k) => m.short.insert(k, e),
            None => m.long.insert(key.into(), e),
        };
        e
    })
}

/// The answers of [`remembered`]: a key of 15 bytes or fewer (nearly every
/// word, most names) by its bytes packed into a number, compared without a
/// call to `memcmp` and without reading a string kept elsewhere.
#[derive(Default)]
struct Memo {
    short: HashMap<u128, Option<&'static lexicon::Entry>>,
    long: HashMap<Box<str>, Option<&'static lexicon::Entry>>,
}

type EntryMemo = RefCell<Memo>;

/// [`lexicon::get`] of a lower-case word, remembered.
fn word_entry(w: &str) -> Option<&'static lexicon::Entry> {
    thread_local! {
        static WORDS: EntryMemo = Default::default();
    }
    remembered(&WORDS, w, lexicon::get)
}

/// [`lexicon::lookup`] of a name as written, remembered.
fn name_entry(name: &str) -> Option<&'static lexicon::Entry> {
    thread_local! {
        static NAMES: EntryMemo = Default::default();
    }
    remembered(&NAMES, name, lexicon::lookup)
}

/// Institutions named by a demonym: `data/meetings/bodies.tsv`.
fn bodies() -> &'static Phrases<()> {
    static T: OnceLock<Phrases<()>> = OnceLock::new();
    T.get_or_init(|| {
        phrases(include_str!("../data/meetings/bodies.tsv"), |k| {
            (k == "body").then_some(())
        })
    })
}

/// "Belgian police", "the Philippine government": a demonym the tagger
/// left untagged and an institution word after it make an organisation of
/// their own, named as written. Added to `ents` (kept sorted) and, when
/// new, to the entity list.
fn add_bodies(
    doc: &Document,
    low: &[&str],
    t0: usize,
    ents: &mut Vec<EntTok>,
    entities: &mut Entities,
) {
    let n = low.len();
    let mut added = false;
    for i in 0..n.saturating_sub(1) {
        if !doc.tok(t0 + i).starts_with(char::is_uppercase)
            || ents.iter().any(|e| e.a <= i + 1 && i < e.b)
            || word_entry(low[i]).and_then(|e| e.demonym).is_none()
        {
            continue;
        }
        let Some((end, ())) = match_at(bodies(), low, i + 1) else {
            continue;
        };
        if ents.iter().any(|e| e.a < end && i < e.b) {
            continue;
        }
        // "the Ruritanian army commander, General X": the person is named
        let titled = low
            .get(end)
            .is_some_and(|w| representative(w) || word_entry(w).is_some_and(|x| x.title.is_some()));
        if titled
            && ents
                .iter()
                .any(|e| e.kind == EntityKind::Person && e.a >= end && e.a <= end + 8)
        {
            continue;
        }
        let (start, stop) = (doc.tokens[t0 + i].start, doc.tokens[t0 + end - 1].end);
        let name = &doc.text[start..stop];
        let entity = match entities
            .list
            .iter()
            .position(|x| x.kind == EntityKind::Organisation && x.name == name)
        {
            Some(x) => x,
            None => {
                entities.list.push(crate::resolver::Entity {
                    kind: EntityKind::Organisation,
                    name: name.to_string().into(),
                    mentions: Vec::new(),
                });
                entities.list.len() - 1
            }
        };
        let m = &mut entities.list[entity].mentions;
        if !m.contains(&(start, stop)) {
            m.push((start, stop));
            m.sort();
        }
        ents.push(EntTok {
            a: i,
            b: end,
            entity,
            kind: EntityKind::Organisation,
        });
        added = true;
    }
    if added {
        ents.sort_by_key(|e| e.a);
    }
}

fn speech() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| crate::data::lines(include_str!("../data/meetings/speech.txt")).collect())
}

/// Longest phrase of `table` at token `i` of `low`: (end, kind).
fn match_at<T: Copy>(table: &Phrases<T>, low: &[&str], i: usize) -> Option<(usize, T)> {
    let cands = table.get(low[i])?;
    for (words, k) in cands {
        if i + words.len() <= low.len() && words.iter().zip(&low[i..]).all(|(w, t)| w == t) {
            return Some((i + words.len(), *k));
        }
    }
    None
}

/// A trigger as read: where its subject is looked for (`sa`), its span,
/// kind, and for a departure whether its place is still ahead or its time
/// is the journey's rather than the stay's.
#[derive(Debug, Clone, Copy)]
struct Told {
    sa: usize,
    ta: usize,
    tb: usize,
    tk: Trigger,
    ahead: bool,
    undated: bool,
}

impl Told {
    fn visit(sa: usize, ta: usize, tb: usize, ahead: bool, undated: bool) -> Told {
        Told {
            sa,
            ta,
            tb,
            tk: Trigger::Visit,
            ahead,
            undated,
        }
    }
}

/// A visit told: sentence, visitors, place, time, status.
type VisitTold = (usize, Vec<usize>, (usize, u8), Option<usize>, Status);

/// One sentence's account of an encounter.
#[derive(Debug, Clone)]
struct Report {
    sent: (usize, usize),
    /// Index of the sentence.
    sidx: usize,
    parties: Vec<usize>,
    host_country: Option<usize>,
    place: Option<(usize, u8)>,
    /// The country its place stands in.
    country: Option<usize>,
    /// Told by a meeting word ("meet", "talks"), not a visit or host word.
    meet: bool,
    when: Option<usize>,
    status: Status,
    anaphor: bool,
    /// The place visited, for a visit.
    visited: Option<(usize, u8)>,
    /// Its time is a tour's span and this is the tour's first stop: the
    /// stop begins at the span's start.
    start_only: bool,
}

/// A mention inside a sentence: token position, entity, kind.
#[derive(Debug, Clone, Copy)]
struct EntTok {
    a: usize,
    b: usize,
    entity: usize,
    kind: EntityKind,
}

/// How specific a place is: venue 4, city 3, region or state 2, country 1.
fn specificity(name: &str, kind: EntityKind) -> u8 {
    if kind == EntityKind::Organisation {
        return 4;
    }
    match name_entry(name).and_then(|e| e.place).map(|p| p.0) {
        Some("country") | Some("continent") => 1,
        Some("state") | Some("region") | Some("island") => 2,
        _ => 3,
    }
}

/// Countries and their capitals: `data/meetings/countries.tsv`.
fn countries() -> &'static HashMap<&'static str, &'static str> {
    static C: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    C.get_or_init(|| {
        crate::data::lines(include_str!("../data/meetings/countries.tsv"))
            .map(|l| l.split_once('\t').unwrap_or((l, "")))
            .collect()
    })
}

/// The countries of a capital: "Tripoli" -> "Libya"; "Belgrade" ->
/// "Serbia", "Yugoslavia" (in the order of [`countries`], by the letters
/// of the capital: see [`folded`]).
fn countries_of_capital(name: &str) -> impl Iterator<Item = &'static str> {
    static C: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    C.get_or_init(|| {
        let mut m: HashMap<String, Vec<&'static str>> = HashMap::default();
        for (&c, &cap) in countries().iter().filter(|(_, cap)| !cap.is_empty()) {
            m.entry(folded(cap)).or_default().push(c);
        }
        m
    })
    .get(&folded(name))
    .into_iter()
    .flatten()
    .copied()
}

/// A name without its accents: two names alike but for accents are one
/// ("Brasília" is "Brasilia").
fn folded(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

/// The country entity a place stands in, when the article names it: the
/// place itself when a country, else the country of a capital.
/// [`country_entity`], remembered per place for one article: the entity
/// list is searched for the country by name, which is too dear to do again
/// for every report of a long article.
fn country_entity_memo(
    entities: &Entities,
    place: usize,
    memo: &mut HashMap<usize, Option<usize>>,
) -> Option<usize> {
    *memo
        .entry(place)
        .or_insert_with(|| country_entity(entities, place))
}

/// The first place entity of that name.
fn place_entity(entities: &Entities, name: &str) -> Option<usize> {
    entities
        .list
        .iter()
        .position(|x| x.kind == EntityKind::Place && x.name == name)
}

fn country_entity(entities: &Entities, place: usize) -> Option<usize> {
    let name = entities.list[place].name.as_ref();
    if is_country(name) {
        return Some(place);
    }
    countries_of_capital(name).find_map(|c| place_entity(entities, c))
}

/// The one country of a capital, by its exact name: a hash lookup, so
/// every place of a sentence can be asked.
fn country_of_capital(capital: &str) -> Option<&'static str> {
    static C: OnceLock<HashMap<&'static str, Option<&'static str>>> = OnceLock::new();
    C.get_or_init(|| {
        let mut m: HashMap<&'static str, Option<&'static str>> = HashMap::default();
        for (&c, &cap) in countries().iter().filter(|(_, cap)| !cap.is_empty()) {
            // a capital of two states ("Belgrade") names neither
            m.entry(cap).and_modify(|x| *x = None).or_insert(Some(c));
        }
        m
    })
    .get(capital)
    .copied()
    .flatten()
}

/// The demonyms of a sentence, looked up on first need (most sentences
/// name no capital that asks for them).
struct Demonyms<'a> {
    low: &'a [&'a str],
    /// (token, the country of its demonym), in token order.
    found: std::cell::OnceCell<Vec<(usize, &'static str)>>,
}

impl<'a> Demonyms<'a> {
    fn new(low: &'a [&'a str]) -> Self {
        Demonyms {
            low,
            found: Default::default(),
        }
    }

    fn get(&self) -> &[(usize, &'static str)] {
        self.found.get_or_init(|| {
            let demonym = |(k, w): (usize, &&str)| Some((k, word_entry(w)?.demonym?));
            self.low.iter().enumerate().filter_map(demonym).collect()
        })
    }
}

/// The country of a capital whose demonym stands in the sentence:
/// "arrives in Rabat for the Moroccan festival" -> "Morocco".
fn demonym_country(demonyms: &Demonyms, capital: &str) -> Option<&'static str> {
    let country = country_of_capital(capital)?;
    demonyms
        .get()
        .iter()
        .any(|&(_, c)| c == country)
        .then_some(country)
}

/// Such countries the article does not name are added to the entity list,
/// the demonym their mention (dropped again unless they take part in a
/// meeting).
fn add_demonym_countries(
    doc: &Document,
    demonyms: &Demonyms,
    t0: usize,
    ents: &[EntTok],
    entities: &mut Entities,
) {
    for e in ents.iter().filter(|e| e.kind == EntityKind::Place) {
        let name = entities.list[e.entity].name.as_ref();
        let Some(c) = demonym_country(demonyms, name) else {
            continue;
        };
        if place_entity(entities, c).is_some() {
            continue;
        }
        let Some(&(k, _)) = demonyms.get().iter().find(|&&(_, x)| x == c) else {
            continue;
        };
        let t = doc.tokens[t0 + k];
        entities.list.push(crate::resolver::Entity {
            kind: EntityKind::Place,
            name: c.into(),
            mentions: vec![(t.start, t.end)],
        });
    }
}

fn is_country(name: &str) -> bool {
    countries().contains_key(name)
        || matches!(
            name_entry(name).and_then(|e| e.place).map(|p| p.0),
            Some("country")
        )
}

/// Word classes of `data/meetings/roles.tsv`, one bit each.
type Role = u16;
const AUX: Role = 1;
const GOVERN: Role = 2;
const ADJUNCT: Role = 4;
const STOP: Role = 8;
const PRONOUN: Role = 16;
const JOURNEY: Role = 32;
const AGENT: Role = 64;
const PROBE: Role = 128;
const MODAL: Role = 256;
const PLAN: Role = 512;

/// Word classes of `data/meetings/roles.tsv`, as bits.
fn roles() -> &'static HashMap<&'static str, Role> {
    static R: OnceLock<HashMap<&'static str, Role>> = OnceLock::new();
    R.get_or_init(|| {
        let mut m: HashMap<&'static str, Role> = HashMap::default();
        for l in crate::data::lines(include_str!("../data/meetings/roles.tsv")) {
            let Some((w, k)) = l.split_once('\t') else {
                continue;
            };
            let bit = match k {
                "aux" => AUX,
                "govern" => GOVERN,
                "adjunct" => ADJUNCT,
                "stop" => STOP,
                "pronoun" => PRONOUN,
                "journey" => JOURNEY,
                "agent" => AGENT,
                "probe" => PROBE,
                "modal" => MODAL,
                "plan" => PLAN,
                _ => continue,
            };
            *m.entry(w).or_default() |= bit;
        }
        m
    })
}

/// One sentence prepared for role finding.
struct Ctx<'s> {
    low: &'s [&'s str],
    /// The token starts with a capital letter.
    cap: Vec<bool>,
    ents: &'s [EntTok],
    /// Entity (index into `ents`) starting at a token.
    starts: Vec<Option<usize>>,
    /// Entity (index into `ents`) ending right before a token position.
    ends: Vec<Option<usize>>,
    /// The token is part of a time expression.
    in_date: Vec<bool>,
    /// Names of the entities, for lexicon checks.
    names: Vec<&'s str>,
}

/// The subject found left of a trigger.
enum Subject {
    None,
    /// A pronoun at this token.
    Pronoun(usize),
    /// Names, and a pronoun coordinated with them.
    Ents(Vec<usize>, Option<usize>),
    /// "X plans a trip and will visit": the first clause's subject.
    Coordinated,
    /// "the two leaders": the encounter just reported.
    Plural,
    /// "they" with no two people named before it in the sentence: the
    /// people named in the sentences just before.
    They,
    /// "Y, whom he met": the pronoun at this token meets the names before
    /// "whom".
    Whom(usize, Vec<usize>),
}

/// A preposition before a name makes it no subject ("talks in Moscow").
fn preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "from"
            | "about"
            | "over"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "into"
            | "of"
            | "with"
            | "between"
            | "against"
            | "than"
            | "like"
    )
}

/// Nouns for people who act for a named state or body (`agent` in
/// `data/meetings/roles.tsv`): "representatives from Armenia and Azerbaijan"
/// are the two states.
fn representative(w: &str) -> bool {
    roles().get(w).is_some_and(|c| c & AGENT != 0)
}

impl Ctx<'_> {
    fn n(&self) -> usize {
        self.low.len()
    }
    fn class(&self, k: usize) -> Role {
        roles().get(self.low[k]).copied().unwrap_or(0)
    }
    fn is_punct(&self, k: usize) -> bool {
        !self.low[k].chars().any(char::is_alphanumeric)
    }
    fn speech_at(&self, k: usize) -> bool {
        self.low.get(k).is_some_and(|w| speech().contains(*w))
    }
    /// The entity speaks rather than takes part: "X said", "X, said".
    fn speaker(&self, e: &EntTok) -> bool {
        self.speech_at(e.b)
            || (self.low.get(e.b).is_some_and(|w| *w == ",") && self.speech_at(e.b + 1))
    }
    /// May this entity be a party? People and organisations; places only
    /// when they are countries (a state acting: "talks with Taiwan").
    fn actor(&self, ei: usize) -> bool {
        let e = &self.ents[ei];
        match e.kind {
            EntityKind::Person | EntityKind::Organisation => true,
            // a "place" no gazetteer knows is a name the tagger misread
            // ("met with Manafort")
            EntityKind::Place => {
                is_country(self.names[ei])
                    || name_entry(self.names[ei]).is_none_or(|x| x.place.is_none())
                        && !self.names[ei].contains(' ')
                        && e.a > 0
                        && matches!(self.low[e.a - 1], "with" | "met")
            }
        }
    }

    /// The named parties right of `start`: "Y", "Prime Minister Y",
    /// "his counterpart, Y", "A, B and C", "Russia's Y".
    fn right_group(&self, start: usize) -> Vec<usize> {
        let n = self.n();
        let mut out = Vec::new();
        let mut k = start;
        loop {
            let mut g = k;
            let mut gap = 0;
            let mut comma = false;
            let found = loop {
                if g >= n || gap > 8 {
                    break None;
                }
                if let Some(ei) = self.starts[g] {
                    let e = &self.ents[ei];
                    // a possessor ("Russia's Tikhomirov") or a title's
                    // country ("President of the Russian Federation Putin")
                    let poss = self.low.get(e.b).is_some_and(|w| *w == "'s");
                    let of_title = (g > 0 && self.low[g - 1] == "of"
                        || g > 1 && self.low[g - 2] == "of" && self.low[g - 1] == "the")
                        && e.b < n
                        && self.cap[e.b]
                        && self.class(e.b) & STOP == 0;
                    if poss {
                        g = e.b + 1;
                        gap += 1;
                        continue;
                    }
                    if of_title && e.b < n && !self.is_punct(e.b) {
                        g = e.b;
                        gap += 1;
                        continue;
                    }
                    // "the head of the Party of Iran (PI) Hassan Ali": past
                    // the body's short form
                    let of_the = g > 0 && self.low[g - 1] == "of"
                        || g > 1 && self.low[g - 2] == "of" && self.low[g - 1] == "the";
                    if of_the
                        && e.b + 3 < n
                        && self.low[e.b] == "("
                        && self.low[e.b + 2] == ")"
                        && self.starts[e.b + 3]
                            .is_some_and(|x| self.ents[x].kind == EntityKind::Person)
                    {
                        g = e.b + 3;
                        gap += 1;
                        continue;
                    }
                    // a place or body that qualifies a title: "Burundi
                    // negotiator Nyerere", "Gabon President Omar Bongo"
                    if e.kind != EntityKind::Person {
                        let mut h = e.b;
                        while h < n
                            && h < e.b + 8
                            && self.starts[h].is_none()
                            && (self.title(h)
                                || self.cap[h]
                                || matches!(self.low[h], "for" | "of" | "and"))
                        {
                            h += 1;
                        }
                        if h > e.b
                            && self.starts[h]
                                .is_some_and(|x| self.ents[x].kind == EntityKind::Person)
                        {
                            g = h;
                            gap += 1;
                            continue;
                        }
                        // "the U.S. special envoy to Sudan, Carla Benn"
                        if let Some(h) = self.titled_person(e.b) {
                            g = h;
                            gap += 1;
                            continue;
                        }
                    }
                    break Some(ei);
                }
                if self.in_date[g] {
                    break None;
                }
                let w = self.low[g];
                if w == "," {
                    // "his counterpart, Y"; "business leaders, including the
                    // chairman of Keidanren, Y"
                    let including = (k..g).any(|j| self.low[j] == "including");
                    if out.is_empty() && (!comma || including) && gap > 0 && (gap <= 4 || including)
                    {
                        comma = true;
                        g += 1;
                        continue;
                    }
                    break None;
                }
                if w == "and" {
                    if gap > 0 && g + 1 < n && self.cap[g + 1] && self.starts[g + 1].is_none() {
                        g += 1;
                        gap += 1;
                        continue;
                    }
                    break None;
                }
                if w == "of" && g + 1 < n && (self.cap[g + 1] || self.low[g + 1] == "the") {
                    g += 1;
                    gap += 1;
                    continue;
                }
                // "the special envoy to Sudan": the title goes on
                if matches!(w, "to" | "for" | "of") && g > k && self.title(g - 1) {
                    if let Some(x) = self.starts.get(g + 1).copied().flatten() {
                        g = self.ents[x].b;
                        gap += 2;
                        continue;
                    }
                }
                if self.is_punct(g) || self.class(g) & (STOP | PRONOUN) != 0 {
                    break None;
                }
                g += 1;
                gap += 1;
            };
            let Some(ei) = found else { break };
            let e = &self.ents[ei];
            if self.speaker(e) {
                break;
            }
            // "Y, the OSCE representative": an apposition, not a list
            // ("and an OSCE official" goes on with the list)
            if !out.is_empty()
                && e.b < n
                && !self.cap[e.b]
                && self.title(e.b)
                && !(k > 0 && self.low[k - 1] == "and")
            {
                break;
            }
            // "Y, leader of Unita": the body Y leads is no other party
            if !out.is_empty()
                && k > 0
                && self.low[k - 1] == ","
                && e.a > k
                && self.low[e.a - 1] == "of"
                && (k..e.a).any(|j| self.title(j))
            {
                break;
            }
            if self.actor(ei) && !out.contains(&ei) {
                out.push(ei);
            }
            k = e.b;
            // a name the tagger split in two ("Bruno" "Le Maire")
            if let Some(x) = self.starts.get(k).copied().flatten() {
                if self.ents[x].kind == EntityKind::Person && e.kind == EntityKind::Person {
                    out.push(x);
                    k = self.ents[x].b;
                }
            }
            // "Y, administrator of the diocese, and an SPLA official": past
            // the apposition to the next of the list
            if e.kind == EntityKind::Person && k < n && self.low[k] == "," {
                if let Some(j) = self.apposition_end(k + 1) {
                    k = j;
                }
            }
            if k < n && (self.low[k] == "," || self.low[k] == "and") {
                k += 1;
                if k < n && self.low[k] == "and" {
                    k += 1;
                }
                continue;
            }
            break;
        }
        out
    }

    /// An apposition from `from` that ends in ", and": a lower-case title
    /// phrase ("apostolic administrator of the diocese of X"). The position
    /// of its closing comma.
    fn apposition_end(&self, from: usize) -> Option<usize> {
        let n = self.n();
        if from >= n || self.cap[from] {
            return None;
        }
        let mut titled = false;
        for j in from..n.min(from + 16) {
            let w = self.low[j];
            if w == "," {
                return (titled && self.low.get(j + 1).is_some_and(|x| *x == "and")).then_some(j);
            }
            if w == "and"
                || self.is_punct(j)
                || self.speech_at(j)
                || self.in_date[j]
                || self.class(j) & PRONOUN != 0
            {
                return None;
            }
            titled |= self.title(j) || representative(w);
        }
        None
    }

    /// A title phrase from `from` up to a person it names: "special envoy
    /// to Burundi, Y", "foreign minister, Y". The person's start, when the
    /// phrase holds a title and no clause boundary.
    fn titled_person(&self, from: usize) -> Option<usize> {
        let n = self.n();
        let mut h = from;
        let mut titled = false;
        let mut comma = false;
        while h < n && h < from + 10 {
            if let Some(x) = self.starts[h] {
                if self.ents[x].kind == EntityKind::Person {
                    return titled.then_some(h);
                }
                h = self.ents[x].b;
                continue;
            }
            let w = self.low[h];
            if self.title(h) {
                titled = true;
            } else if w == "," && !comma && titled {
                comma = true;
            } else if self.is_punct(h)
                || self.in_date[h]
                || self.speech_at(h)
                || self.class(h) & (STOP | PRONOUN) != 0 && !matches!(w, "to" | "for" | "of")
            {
                return None;
            }
            h += 1;
        }
        None
    }

    /// "in Peru for a visit", "in Rome on a private visit": the place
    /// visited stands before the noun at `ta`.
    fn place_before_visit(&self, ta: usize) -> Option<usize> {
        let mut k = ta;
        while k > 0 && ta - k < 6 {
            if self.is_punct(k - 1) || self.cap[k - 1] || self.speech_at(k - 1) {
                return None;
            }
            if matches!(self.low[k - 1], "for" | "on") {
                let ei = self.ends[k - 1]?;
                let e = &self.ents[ei];
                let placed = e.kind == EntityKind::Place
                    && e.a > 0
                    && matches!(self.low[e.a - 1], "in" | "to");
                return placed.then_some(ei);
            }
            if self.class(k - 1) & (STOP | PRONOUN) != 0 {
                return None;
            }
            k -= 1;
        }
        None
    }

    /// A meeting noun as the subject of a modal verb: "The meeting between
    /// A and B will take place", "talks with Y are due to start". Between
    /// the noun and the verb only its own phrase: names, titles, "between",
    /// "with", "and", determiners.
    fn planned_after(&self, tb: usize) -> bool {
        let n = self.n();
        for k in tb..n.min(tb + 12) {
            let w = self.low[k];
            if self.class(k) & MODAL != 0 {
                return true;
            }
            if matches!(w, "is" | "are") {
                return k + 1 < n && self.class(k + 1) & PLAN != 0;
            }
            let own = self.cap[k]
                || self.in_date[k]
                || self.title(k)
                || matches!(
                    w,
                    "between"
                        | "with"
                        | "and"
                        | "of"
                        | "the"
                        | "a"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "in"
                        | "at"
                        | "-"
                        | "'s"
                )
                || w == "," && self.cap.get(k + 1).copied().unwrap_or(false);
            if !own {
                return false;
            }
        }
        false
    }

    /// A title word of the lexicon ("minister", "counterpart", "envoy").
    fn title(&self, k: usize) -> bool {
        let w = self.low[k];
        matches!(
            w,
            "counterpart" | "counterparts" | "envoy" | "negotiator" | "leader"
        ) || word_entry(w).is_some_and(|e| e.title.is_some())
    }

    /// Left of `k`, skip a title ("rebel military leader", "his Armenian
    /// counterpart") and return where it starts.
    fn title_left(&self, k: usize) -> usize {
        let mut j = k;
        while j > 0 && k - j < 6 {
            let w = self.low[j - 1];
            if self.ends[j].is_some() {
                break;
            }
            if self.is_punct(j - 1) || self.class(j - 1) & (STOP | PRONOUN) != 0 || w == "and" {
                break;
            }
            j -= 1;
        }
        j
    }

    /// Unnamed officials of a named state right of `start`: "his Yugoslav
    /// counterparts", "Saudi officials" -> the state's name.
    fn demonym_group(&self, start: usize) -> Option<&'static str> {
        let n = self.n();
        let mut k = start;
        let mut country = None;
        while k < n && k < start + 5 {
            if self.starts[k].is_some() || self.is_punct(k) || self.class(k) & STOP != 0 {
                return None;
            }
            let w = self.low[k];
            if let Some(c) = word_entry(w).and_then(|e| e.demonym) {
                // "Saudi and American officials": no one state
                if country.is_some_and(|x| x != c) {
                    return None;
                }
                country = Some(c);
            } else if country.is_some() && (representative(w) || self.title(k)) {
                return country;
            }
            k += 1;
        }
        None
    }

    /// The entity ending at `k` and those coordinated before it: "A and B",
    /// "A, B and C", "A and his counterpart B", "he and B". Empty when it
    /// is the object of a preposition. The flag: a pronoun is one of them.
    fn left_coord(&self, k: usize) -> (Vec<usize>, Option<usize>) {
        let mut out = Vec::new();
        let mut pronoun = None;
        let mut and = false;
        let mut k = k;
        while let Some(mut ei) = self.ends[k] {
            // "the Liberation Front (LF)": the name before its short form
            let e = &self.ents[ei];
            if e.a >= 2 && self.low[e.a - 1] == "(" && self.low.get(k).is_some_and(|w| *w == ")") {
                if let Some(x) = self.ends[e.a - 1] {
                    ei = x;
                }
            }
            let e = &self.ents[ei];
            // the word before the name, past "the" ("vice-president of the OIC")
            let pa = if e.a > 1 && self.low[e.a - 1] == "the" {
                e.a - 1
            } else {
                e.a
            };
            if pa > 0 && preposition(self.low[pa - 1]) {
                // "representatives from Armenia and Azerbaijan": the states
                let delegates = pa >= 2
                    && matches!(self.low[pa - 1], "from" | "of")
                    && representative(self.low[pa - 2]);
                if !delegates {
                    if out.is_empty() {
                        return (out, None);
                    }
                    break;
                }
            }
            if self.actor(ei) {
                out.push(ei);
            }
            // "A, B and C", "A and his counterpart B", "A and his
            // counterpart, B,"
            let mut j = e.a;
            let mut comma = false;
            if j > 0 && self.low[j - 1] == "," {
                j -= 1;
                comma = true;
            }
            let t = self.title_left(j);
            if t < j {
                j = t;
                comma = false;
            }
            if j > 0 && self.low[j - 1] == "and" {
                j -= 1;
                if j > 0 && self.low[j - 1] == "," {
                    j -= 1;
                }
                and = true;
            } else if !(comma && and && self.ends[j].is_some()) {
                // a bare comma links names only in a list that ends in
                // "and": "A, B and C" (not "the envoy to X, B")
                break;
            }
            if j > 0 && self.class(j - 1) & PRONOUN != 0 {
                pronoun = Some(j - 1);
                break;
            }
            if j == 0 || self.ends[j].is_none() {
                break;
            }
            k = j;
        }
        out.reverse();
        (out, pronoun)
    }

    /// The sentence opens with a plural description: "The two leaders".
    fn plural_start(&self) -> bool {
        self.low.first().is_some_and(|w| *w == "the")
            && (1..self.n().min(5))
                .take_while(|&k| self.starts[k].is_none())
                .any(|k| self.title(k) && self.low[k].ends_with('s'))
    }

    /// The sentence opens with a pronoun subject ("He", "But she") and no
    /// speech verb or clause boundary stands between it and `ta`.
    fn clause_pronoun(&self, ta: usize) -> Option<usize> {
        let p = if self
            .low
            .first()
            .is_some_and(|w| matches!(*w, "but" | "and"))
        {
            1
        } else {
            0
        };
        if p >= ta || self.class(p) & PRONOUN == 0 {
            return None;
        }
        // "according to" is an aside, not a speaker's clause
        let free = !(p + 1..ta).any(|k| {
            self.speech_at(k) && self.low[k] != "according"
                || matches!(self.low[k], ";" | "\"" | "that" | "but")
        });
        free.then_some(p)
    }

    /// The first actor of the clause before `ta`, not inside a phrase with
    /// a preposition and with no speech verb between it and `ta`.
    fn clause_subject(&self, ta: usize) -> Option<usize> {
        let e = self.ents.iter().enumerate().find(|(_, e)| {
            e.b <= ta
                && e.kind != EntityKind::Place
                && !(e.a > 0 && preposition(self.low[e.a - 1]))
                && !(e.a > 1 && self.low[e.a - 1] == "the" && preposition(self.low[e.a - 2]))
                && self.low.get(e.b).is_none_or(|w| *w != "'s")
        })?;
        // "U.S. Senate committee chairman X": the person the body qualifies
        let e = match self.titled_person(e.1.b) {
            Some(h) if e.1.kind != EntityKind::Person => {
                self.starts[h].map(|x| (x, &self.ents[x]))?
            }
            _ => e,
        };
        let between = e.1.b..ta;
        // "X reprised his roles as star and producer, and will meet Y": the
        // verb group right after the last "and" goes on with the subject
        let last_and = between.clone().rev().find(|&k| self.low[k] == "and");
        let verb_group = last_and.is_some_and(|a| {
            (a + 1..ta).all(|k| {
                self.class(k) & AUX != 0 || self.low[k] == "," || self.low[k].ends_with("ly")
            })
        });
        // "X visited Y and Slovak women went to Z": a new subject
        if !verb_group
            && between.clone().any(|k| {
                self.low[k] == "and" && k + 1 < ta && self.class(k + 1) & (AUX | PRONOUN) == 0
            })
        {
            return None;
        }
        // "police are investigating visits by X": no party
        if between.clone().any(|k| self.class(k) & PROBE != 0) {
            return None;
        }
        if between.clone().any(|k| {
            // "a tour that will take him to": the journey is the subject's
            let journey = k > 0 && self.class(k - 1) & JOURNEY != 0;
            self.speech_at(k) && !(k == e.1.b || k == e.1.b + 1)
                || matches!(self.low[k], ";" | "\"" | "but")
                || self.low[k] == "that" && !journey
        }) {
            return None;
        }
        // "X said ..." is fine only when the trigger is in an adjunct:
        // "X said after meeting Y", "X said at the close of his trip to Z"
        if self.speaker(e.1) {
            let mut k = e.1.b;
            while k < ta && (self.speech_at(k) || self.low[k] == "," || self.in_date[k]) {
                k += 1;
            }
            let adjunct = k < ta
                && (self.class(k) & ADJUNCT != 0
                    || matches!(self.low[k], "at" | "in" | "on" | "while"));
            if !adjunct {
                return None;
            }
        }
        Some(e.0)
    }

    /// The subject of the trigger at `ta`: walk left over the verb group
    /// (and, for a noun, the words that govern it) to a name, a pronoun,
    /// "X, who", "X's" or "X, an apposition,".
    fn left_subject(&self, ta: usize, noun: bool) -> Subject {
        let subj = self.left_subject_of(ta, noun);
        if !(noun && matches!(subj, Subject::None)) {
            return subj;
        }
        // "Her tour will include", "during his visit": the owner
        let Some(j) = (ta.saturating_sub(3)..ta)
            .rev()
            .take_while(|&j| !self.cap[j] || j == 0)
            .find(|&j| matches!(self.low[j], "his" | "her"))
        else {
            return Subject::None;
        };
        // "During his visit to Slovenia, X will meet": the subject after
        // the fronted phrase
        if j > 0 && j <= 2 && preposition(self.low[0]) {
            if let Some(c) = (ta..self.n()).find(|&c| self.low[c] == ",") {
                if let Some(ei) = self.starts.get(c + 1).copied().flatten() {
                    if self.ents[ei].kind == EntityKind::Person {
                        return Subject::Ents(vec![ei], None);
                    }
                }
            }
        }
        Subject::Pronoun(j)
    }

    fn left_subject_of(&self, ta: usize, noun: bool) -> Subject {
        let mut k = ta;
        let mut steps = 0;
        let mut adjunct = false;
        while k > 0 && steps < 16 {
            let c = self.class(k - 1);
            let w = self.low[k - 1];
            let adverb = w.len() > 4 && w.ends_with("ly") && !self.cap[k - 1]
                || noun && w.len() > 5 && w.ends_with("ing") && !self.cap[k - 1] && c & PROBE == 0
                // "had initiated talks", "conducted negotiations"
                || noun && w.len() > 4 && w.ends_with("ed") && !self.cap[k - 1] && steps < 3;
            if self.in_date[k - 1] || c & AUX != 0 || (noun && c & GOVERN != 0) || adverb {
                adjunct |= c & ADJUNCT != 0;
                k -= 1;
                steps += 1;
                continue;
            }
            if c & ADJUNCT != 0 {
                adjunct = true;
                k -= 1;
                steps += 1;
                continue;
            }
            // a place after a preposition: "traveled to Russia for a meeting"
            if let Some(ei) = self.ends[k] {
                let e = &self.ents[ei];
                if noun
                    && e.kind == EntityKind::Place
                    && e.a > 0
                    && (matches!(self.low[e.a - 1], "to" | "in" | "at" | "from")
                        || self.class(e.a - 1) & GOVERN != 0)
                {
                    k = e.a - 1;
                    steps += 1;
                    continue;
                }
            }
            // "he told reporters after two days of talks"
            if adjunct
                && k >= 2
                && matches!(self.low[k - 1], "reporters" | "journalists")
                && self.speech_at(k - 2)
            {
                k -= 2;
                steps += 1;
                continue;
            }
            // "X said after meeting Y": the speaker met Y
            if adjunct && self.speech_at(k - 1) {
                k -= 1;
                steps += 1;
                continue;
            }
            break;
        }
        if k == 0 {
            return Subject::None;
        }
        let w = self.low[k - 1];
        // "Y, whom he met": he met Y
        if self.class(k - 1) & PRONOUN != 0
            && k >= 4
            && self.low[k - 2] == "whom"
            && self.low[k - 3] == ","
            && self.ends[k - 3].is_some()
        {
            let (v, _) = self.left_coord(k - 3);
            if !v.is_empty() {
                return Subject::Whom(k - 1, v);
            }
        }
        if self.class(k - 1) & PRONOUN != 0 {
            return Subject::Pronoun(k - 1);
        }
        // "after they met": the last two people named before it
        if w == "they" && !noun {
            let mut v: Vec<usize> = Vec::new();
            for (i, e) in self.ents.iter().enumerate().rev() {
                if e.b < k
                    && e.kind == EntityKind::Person
                    && !v.iter().any(|&x| self.ents[x].entity == e.entity)
                {
                    v.push(i);
                }
            }
            if v.len() >= 2 {
                v.truncate(2);
                v.reverse();
                return Subject::Ents(v, None);
            }
            if v.is_empty() {
                return Subject::They;
            }
        }
        if w == "who" && k >= 2 && self.low[k - 2] == "," {
            if k >= 3 && self.ends[k - 2].is_none() && self.title(k - 3) {
                // "the premier, who is due to meet"
                return Subject::Pronoun(k - 3);
            }
            let (v, p) = self.left_coord(k - 2);
            return Subject::Ents(v, p);
        }
        // "Lebed's meeting with": a person's own
        if w == "'s" && k >= 2 && noun {
            if let Some(ei) = self.ends[k - 1] {
                if self.ents[ei].kind == EntityKind::Person {
                    return Subject::Ents(vec![ei], None);
                }
            }
            return Subject::None;
        }
        if self.ends[k].is_some() {
            let (v, p) = self.left_coord(k);
            return Subject::Ents(v, p);
        }
        // "the constitutional monarch": a definite description
        if self.title(k - 1) && (k.saturating_sub(4)..k - 1).any(|j| self.low[j] == "the") {
            // "the two leaders": the parties of the encounter just told
            if self.low[k - 1].ends_with('s') {
                return Subject::Plural;
            }
            return Subject::Pronoun(k - 1);
        }
        if w == "and" && k < ta {
            return Subject::Coordinated;
        }
        // "the five nations -- Israel, Lebanon and Syria -- will meet"
        let mut d = k;
        while d > 1 && matches!(self.low[d - 1], "-" | "--" | "—") {
            d -= 1;
        }
        let end = if w == ")" { k - 1 } else { d };
        if (d < k || w == ")") && self.ends[end].is_some() {
            let (v, p) = self.left_coord(end);
            if v.len() >= 2 {
                return Subject::Ents(v, p);
            }
        }
        // "X, who has visited A and B, spent": the name before the
        // relative clause
        if w == "," {
            let rel = (k.saturating_sub(14).max(2)..k - 1)
                .rev()
                .take_while(|&j| !matches!(self.low[j], ";" | "\"") && !self.speech_at(j))
                .find(|&j| matches!(self.low[j], "who" | "which") && self.low[j - 1] == ",");
            if let Some(j) = rel {
                if self.ends[j - 1].is_some() {
                    let (v, p) = self.left_coord(j - 1);
                    return Subject::Ents(v, p);
                }
            }
        }
        if let Some(ei) = self.ends[k - 1].filter(|_| w == ",") {
            // "A and his counterpart, B, met"
            let t = self.title_left(self.ents[ei].a);
            if t > 0 && matches!(self.low[t - 1], "," | "and") {
                let (v, p) = self.left_coord(k - 1);
                if !v.is_empty() {
                    return Subject::Ents(v, p);
                }
            }
        }
        if w == "," {
            // "X, the envoy for Y, met ...": the name before the apposition
            for j in (k.saturating_sub(14)..k - 1).rev() {
                if self.low[j] == "," && self.ends[j].is_some() {
                    let (v, p) = self.left_coord(j);
                    return Subject::Ents(v, p);
                }
                if self.low[j] == "," && j > 0 && self.title(j - 1) {
                    return Subject::Pronoun(j - 1);
                }
                if self.speech_at(j) || matches!(self.low[j], ";" | "\"" | "but") {
                    break;
                }
            }
        }
        Subject::None
    }
}

/// The longest stretch of tokens read as one sentence. News sentences are far
/// shorter; a run-on "sentence" of a whole page (no punctuation, a table)
/// is read in pieces of this size, so that every search for a subject,
/// object or time stays within a piece and a huge input stays linear.
const MAX_SENTENCE_TOKENS: usize = 256;

/// The content sentences, a huge one cut into pieces.
fn pieces<'d>(doc: &'d Document) -> impl Iterator<Item = (usize, crate::reader::Sentence)> + 'd {
    doc.content_sentences().flat_map(move |(i, s)| {
        let r = s.tokens.clone();
        (r.start..r.end).step_by(MAX_SENTENCE_TOKENS).map(move |a| {
            let b = (a + MAX_SENTENCE_TOKENS).min(r.end);
            let mut piece = s.clone();
            piece.tokens = a..b;
            piece.start = doc.tokens[a].start;
            piece.end = doc.tokens[b - 1].end;
            (i, piece)
        })
    })
}

/// A document in lower case, for the rules to compare its tokens with
/// their word lists: lowered once for the whole text (a token is then a
/// slice of it, no string per token), the rare token with non-ASCII letters
/// lowered on its own.
struct Lowered {
    /// The text with ASCII letters in lower case, other bytes as they are:
    /// the same byte offsets as the text.
    text: String,
    /// Tokens with non-ASCII characters: (token, range in `odd_text`).
    odd: Vec<(usize, std::ops::Range<usize>)>,
    /// Those tokens in lower case, one after another.
    odd_text: String,
}

impl Lowered {
    fn new(doc: &Document) -> Lowered {
        let mut odd = Vec::new();
        let mut odd_text = String::new();
        if !doc.text.is_ascii() {
            for (k, t) in doc.tokens.iter().enumerate() {
                let s = &doc.text[t.start..t.end];
                if !s.is_ascii() {
                    let a = odd_text.len();
                    odd_text.extend(s.chars().flat_map(char::to_lowercase));
                    odd.push((k, a..odd_text.len()));
                }
            }
        }
        Lowered {
            text: doc.text.to_ascii_lowercase(),
            odd,
            odd_text,
        }
    }

    /// Token `k` in lower case.
    fn word<'s>(&'s self, doc: &Document, k: usize) -> &'s str {
        self.odd_word(k).unwrap_or_else(|| {
            let t = &doc.tokens[k];
            &self.text[t.start..t.end]
        })
    }

    /// Token `k` in lower case, as bytes: no check of char boundaries,
    /// for the scan of every token.
    fn bytes<'s>(&'s self, doc: &Document, k: usize) -> &'s [u8] {
        match self.odd_word(k) {
            Some(w) => w.as_bytes(),
            None => {
                let t = &doc.tokens[k];
                &self.text.as_bytes()[t.start..t.end]
            }
        }
    }

    /// Is token `k` in lower case `w`?
    fn is(&self, doc: &Document, k: usize, w: &str) -> bool {
        self.bytes(doc, k) == w.as_bytes()
    }

    /// Token `k` in lower case when it has non-ASCII characters.
    fn odd_word(&self, k: usize) -> Option<&str> {
        if self.odd.is_empty() {
            return None;
        }
        let j = self.odd.binary_search_by_key(&k, |o| o.0).ok()?;
        Some(&self.odd_text[self.odd[j].1.clone()])
    }
}

/// The tokens of mentions taken in the order of their starts: a cursor
/// walks the document's tokens once, instead of a search for each end.
#[derive(Default)]
struct TokenCursor {
    /// Every token before it starts before the last mention asked about.
    next: usize,
}

impl TokenCursor {
    /// [`Document::token_at`] of a mention's start and end; the start is at
    /// or after the last one asked about.
    fn span(&mut self, doc: &Document, start: usize, end: usize) -> (usize, usize) {
        let ts = &doc.tokens;
        while self.next < ts.len() && ts[self.next].start < start {
            self.next += 1;
        }
        if end < start {
            return (self.next, doc.token_at(end));
        }
        let mut b = self.next;
        while b < ts.len() && ts[b].start < end {
            b += 1;
        }
        (self.next, b)
    }
}

/// "they" stands for the people named in this many sentences before it,
/// when they are two to `THEY_MAX`.
const THEY_WINDOW: usize = 5;
const THEY_MAX: usize = 8;

/// A meeting with no place takes the place of a visit of one of its
/// parties told this many sentences before it.
const VISIT_PLACE_WINDOW: usize = 3;

/// Companions join an encounter told this many sentences from them.
const COMPANION_WINDOW: usize = 2;

/// Extract the meetings of a document.
///
/// Parties the tagger does not name ("Belgian police", `add_bodies`) are
/// added to `entities`, those that end in no meeting taken out again.
pub fn extract(doc: &Document, entities: &mut Entities, dates: &[TimeExpr]) -> Vec<Meeting> {
    if doc.is_sports_report() {
        return Vec::new();
    }
    let base = entities.list.len();
    let mut meetings = extract_in(doc, entities, dates);
    if entities.list.len() > base {
        // keep the added parties that take part in a meeting
        let used: HashSet<usize> = meetings
            .iter()
            .flat_map(|m| m.participants.iter().chain(m.place.iter()))
            .copied()
            .filter(|&e| e >= base)
            .collect();
        let mut remap: HashMap<usize, usize> = HashMap::default();
        let mut kept = base;
        let added: Vec<_> = entities.list.drain(base..).collect();
        for (k, e) in added.into_iter().enumerate() {
            if used.contains(&(base + k)) {
                remap.insert(base + k, kept);
                entities.list.push(e);
                kept += 1;
            }
        }
        for m in &mut meetings {
            for p in m.participants.iter_mut().chain(m.place.iter_mut()) {
                if let Some(&x) = remap.get(p) {
                    *p = x;
                }
            }
        }
    }
    meetings
}

fn extract_in(doc: &Document, entities: &mut Entities, dates: &[TimeExpr]) -> Vec<Meeting> {
    let lowered = Lowered::new(doc);
    // The triggers of every piece first (those of piece `p` are
    // `found_all[found_at[p]..found_at[p + 1]]`): most documents that get
    // this far tell no meeting (three in five have no trigger at all), and
    // then none of their sentences need be read for anything else.
    let mut found_all: Vec<(usize, usize, Trigger)> = Vec::new();
    // (a piece to a sentence, but for very long ones)
    let mut found_at: Vec<usize> = Vec::with_capacity(doc.sentences.len() + 1);
    found_at.push(0);
    for (_, sent) in pieces(doc) {
        if sent.line != LineKind::Headline {
            let t0 = sent.tokens.start;
            scan_triggers(doc, &lowered, (t0, sent.tokens.len()), &mut found_all);
        }
        found_at.push(found_all.len());
    }
    if !found_all.iter().any(|t| t.2 != Trigger::Not) {
        // (no report, no meeting)
        return merge(doc, Vec::new(), dates, &[]);
    }
    let mut capital_memo: HashMap<usize, Option<usize>> = HashMap::default();
    let mut reports: Vec<Report> = Vec::new();
    let mut last_subject: Option<usize> = None;
    let mut last_parties: Vec<usize> = Vec::new();
    let mut last_parties_sent: Option<usize> = None;
    // people named lately, latest last: (entity, sentence)
    let mut recent_people: Vec<(usize, usize)> = Vec::new();
    // "accompanied by": (sentence, the one accompanied, companions)
    let mut companions: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    // per sentence, kept to reuse their memory
    let mut low: Vec<&str> = Vec::new();
    let mut ents: Vec<EntTok> = Vec::new();
    let mut people_here: Vec<(usize, usize)> = Vec::new();
    let mut cursor = TokenCursor::default();
    for (piece, (sidx, sent)) in pieces(doc).enumerate() {
        let sent = &sent;
        if sent.line == LineKind::Headline {
            continue;
        }
        recent_people.retain(|&(_, s)| s + THEY_WINDOW >= sidx);
        let t0 = sent.tokens.start;
        let n = sent.tokens.len();
        // token `k` of the sentence in lower case (most sentences tell no
        // meeting: they are read without a list of their words)
        let word = |k: usize| lowered.word(doc, t0 + k);
        // entity mentions as token ranges
        ents.clear();
        ents.extend(
            entities
                .mentions_in(sent.start, sent.end)
                .map(|mi| {
                    let m = &entities.mentions[mi];
                    let (a, b) = cursor.span(doc, m.start, m.end);
                    EntTok {
                        a: a - t0,
                        b: b - t0,
                        entity: entities.of_mention[mi],
                        kind: m.kind,
                    }
                })
                .filter(|e| e.a < e.b && e.b <= n),
        );
        // people who take part in what is told, not its speakers
        let speaks = |e: &EntTok| {
            let at = |k: usize| k < n && speech().contains(word(k));
            at(e.b) || e.b < n && word(e.b) == "," && at(e.b + 1)
        };
        people_here.clear();
        people_here.extend(
            ents.iter()
                .filter(|e| e.kind == EntityKind::Person && !speaks(e))
                .map(|e| (e.entity, sidx)),
        );
        let first_person = ents
            .iter()
            .find(|e| {
                e.kind == EntityKind::Person
                    && !(e.a > 0 && matches!(word(e.a - 1), "with" | "by" | "of" | "to"))
            })
            .map(|e| e.entity);
        // its triggers, found above
        let found = &found_all[found_at[piece]..found_at[piece + 1]];
        if !found.iter().any(|t| t.2 != Trigger::Not) {
            recent_people.extend_from_slice(&people_here);
            if first_person.is_some() {
                last_subject = first_person;
            }
            continue;
        }
        low.clear();
        low.extend((0..n).map(word));
        let low = &low[..];
        add_bodies(doc, low, t0, &mut ents, entities);
        let demonyms = Demonyms::new(low);
        add_demonym_countries(doc, &demonyms, t0, &ents, entities);
        let entities = &*entities;
        let mut starts = vec![None; n + 1];
        let mut ends = vec![None; n + 1];
        for (i, e) in ents.iter().enumerate() {
            starts[e.a].get_or_insert(i);
            ends[e.b] = Some(i);
        }
        // the sentence's own time expressions (the dates are sorted by start)
        let d_lo = dates.partition_point(|d| d.start < sent.start);
        let d_hi = dates.partition_point(|d| d.start < sent.end);
        let mut in_date = vec![false; n + 1];
        for d in dates[d_lo..d_hi].iter().filter(|d| d.end <= sent.end) {
            let a = doc.token_at(d.start) - t0;
            let b = (doc.token_at(d.end) - t0).min(n);
            for x in in_date.iter_mut().take(b).skip(a) {
                *x = true;
            }
        }
        let ctx = Ctx {
            low,
            cap: sent
                .tokens
                .clone()
                .map(|k| doc.tok(k).starts_with(char::is_uppercase))
                .collect(),
            ents: &ents,
            starts,
            ends,
            in_date,
            names: ents
                .iter()
                .map(|e| entities.list[e.entity].name.as_ref())
                .collect(),
        };
        let ent_name = |e: usize| entities.list[e].name.as_ref();
        // a pronoun or description: the nearest person before it, else the
        // last sentence's subject
        let resolve_person = |pos: usize| {
            ents.iter()
                .rev()
                .find(|e| e.kind == EntityKind::Person && e.b <= pos)
                .map(|e| e.entity)
                .or(last_subject)
        };
        let first_report = reports.len();
        // departures and stays are visits to the places they name: "left
        // Brasilia on Monday for Lima" (Brasilia told, Lima ahead), "will
        // leave that day for Bolivia", "spent three days in Brazil"; the flag:
        // (ahead, undated)
        // a departure's subject stands left of its verb, its place after "for"
        let mut visits_told: Vec<Told> = Vec::new();
        for &(ta, tb, tk) in found {
            match tk {
                Trigger::Depart => {
                    let place_at = |k: usize| {
                        ctx.starts
                            .get(k)
                            .copied()
                            .flatten()
                            .filter(|&x| ents[x].kind == EntityKind::Place)
                    };
                    let mut k = tb;
                    let from = place_at(k);
                    if let Some(x) = from {
                        k = ents[x].b;
                    }
                    while k < n
                        && k < tb + 8
                        && (ctx.in_date[k]
                            || matches!(low[k], "on" | "that" | "day" | "later" | "again"))
                    {
                        k += 1;
                    }
                    let dest = k + 1 < n && low[k] == "for" && place_at(k + 1).is_some();
                    if !dest {
                        continue;
                    }
                    if from.is_some() {
                        visits_told.push(Told::visit(ta, ta, tb, false, true));
                    }
                    visits_told.push(Told::visit(ta, k, k + 1, true, false));
                }
                Trigger::Stay => {
                    let mut k = tb;
                    while k < n
                        && k < tb + 6
                        && (ctx.in_date[k]
                            || low[k].chars().all(|c| c.is_ascii_digit())
                            || matches!(
                                low[k],
                                "a" | "the"
                                    | "two"
                                    | "three"
                                    | "four"
                                    | "five"
                                    | "or"
                                    | "several"
                                    | "few"
                                    | "day"
                                    | "days"
                                    | "week"
                                    | "weeks"
                                    | "night"
                                    | "nights"
                                    | "hours"
                            ))
                    {
                        k += 1;
                    }
                    let placed = k > tb
                        && k + 1 < n
                        && low[k] == "in"
                        && ctx.starts[k + 1].is_some_and(|x| ents[x].kind == EntityKind::Place);
                    if placed {
                        visits_told.push(Told::visit(ta, k, k + 1, false, false));
                    }
                }
                _ => visits_told.push(Told {
                    sa: ta,
                    ta,
                    tb,
                    tk,
                    ahead: false,
                    undated: false,
                }),
            }
        }
        for &Told {
            sa,
            ta,
            tb,
            tk,
            ahead,
            undated,
        } in &visits_told
        {
            if tk == Trigger::Not {
                continue;
            }
            // "The king, who was accompanied by Y, will meet Z": Y joins
            // the king's encounter told nearest
            if tk == Trigger::Company {
                let principal = match ctx.left_subject(ta, false) {
                    Subject::Ents(v, p) => v
                        .iter()
                        .map(|&ei| &ents[ei])
                        .find(|e| e.kind == EntityKind::Person)
                        .map(|e| e.entity)
                        .or_else(|| p.and_then(&resolve_person)),
                    Subject::Pronoun(p) => resolve_person(p),
                    _ => None,
                };
                let mates: Vec<usize> = ctx
                    .right_group(tb)
                    .into_iter()
                    .filter(|&ei| ents[ei].kind == EntityKind::Person)
                    .map(|ei| ents[ei].entity)
                    .filter(|&e| Some(e) != principal)
                    .collect();
                if let Some(p) = principal.filter(|_| !mates.is_empty()) {
                    companions.push((sidx, p, mates));
                }
                continue;
            }
            // "after meeting Y": a gerund takes an object
            let gerund = low[ta] == "meeting"
                && tb == ta + 1
                && ta > 0
                && matches!(low[ta - 1], "after" | "before" | "while" | "since" | "by");
            let verb = gerund
                || matches!(
                    low[ta],
                    "met"
                        | "meet"
                        | "meets"
                        | "visited"
                        | "visits"
                        | "hosted"
                        | "hosts"
                        | "received"
                        | "receives"
                        | "welcomed"
                        | "greeted"
                )
                || ta > 0
                    && matches!(low[ta], "visit" | "host" | "receive" | "welcome")
                    && matches!(
                        low[ta - 1],
                        "to" | "will"
                            | "would"
                            | "could"
                            | "may"
                            | "might"
                            | "should"
                            | "must"
                            | "'ll"
                    );
            let noun = !verb || tk == Trigger::Anaphor;
            // the parties: subject and object(s)
            let mut parties: Vec<usize> = Vec::new();
            let push = |p: &mut Vec<usize>, e: usize| {
                if !p.contains(&e) {
                    p.push(e);
                }
            };
            let subj = ctx.left_subject(sa, noun);
            // a pronoun: the nearest person before it in this sentence,
            // else the last sentence's subject
            let resolve = |pos: usize, not: &[usize]| {
                ents.iter()
                    .rev()
                    .find(|e| {
                        e.kind == EntityKind::Person && e.b <= pos && !not.contains(&e.entity)
                    })
                    .map(|e| e.entity)
                    .or(last_subject.filter(|p| !not.contains(p)))
            };
            let mut has_subject = true;
            match &subj {
                Subject::Ents(v, p) => {
                    if let Some(p) = p.and_then(|p| resolve(p, &[])) {
                        push(&mut parties, p);
                    }
                    for &ei in v {
                        push(&mut parties, ents[ei].entity);
                    }
                    has_subject = !v.is_empty();
                }
                Subject::Pronoun(p) => {
                    if let Some(p) = resolve(*p, &[]) {
                        push(&mut parties, p);
                    }
                }
                Subject::They => {
                    // the people of the sentences just before, when they
                    // are a small group
                    let mut v: Vec<usize> = Vec::new();
                    for &(p, _) in &recent_people {
                        if !v.contains(&p) {
                            v.push(p);
                        }
                    }
                    if (2..=THEY_MAX).contains(&v.len()) {
                        parties = v;
                    } else {
                        has_subject = false;
                    }
                }
                Subject::Whom(p, v) => {
                    let objs: Vec<usize> = v.iter().map(|&ei| ents[ei].entity).collect();
                    if let Some(p) = resolve(*p, &objs) {
                        push(&mut parties, p);
                    }
                    for e in objs {
                        push(&mut parties, e);
                    }
                }
                Subject::None | Subject::Coordinated | Subject::Plural => has_subject = false,
            }
            let plural = matches!(subj, Subject::Plural)
                || matches!(subj, Subject::Coordinated) && ctx.plural_start();
            // what follows the trigger: "with Y", "between A and B", "by Y"
            let mut s = tb;
            while s < n && (ctx.in_date[s] || matches!(low[s], "on" | "late" | "earlier")) {
                s += 1;
            }
            let linked = s < n && matches!(low[s], "with" | "between" | "by" | "of");
            let ends_with_link = matches!(low[tb - 1], "with" | "between" | "by" | "of" | "to");
            let mut objects: Vec<usize> = Vec::new();
            let mut places: Vec<usize> = Vec::new();
            let mut named_side = false;
            if tk == Trigger::Visit || tk == Trigger::Anaphor && low[tb - 1] == "visit" {
                // "visited Russia", "a visit to Russia", "traveled to Russia"
                let mut v = tb;
                while v < n && matches!(low[v], "to" | "the" | "in") {
                    v += 1;
                }
                let mut k = v;
                while let Some(ei) = ctx.starts.get(k).copied().flatten() {
                    let e = &ents[ei];
                    // "visiting U.S. Congressman X": the place qualifies a title
                    if e.kind == EntityKind::Place
                        && e.b < n
                        && (ctx.cap[e.b] && ctx.starts[e.b].is_none()
                            || ctx.starts[e.b].is_some_and(|x| ents[x].kind == EntityKind::Person))
                    {
                        break;
                    }
                    match e.kind {
                        EntityKind::Place => places.push(ei),
                        EntityKind::Person => objects.push(ei),
                        EntityKind::Organisation => {}
                    }
                    k = e.b;
                    if k < n && (low[k] == "," || low[k] == "and") {
                        k += 1;
                        if k < n && low[k] == "and" {
                            k += 1;
                        }
                    } else {
                        break;
                    }
                }
                // "X, in Peru for a visit, said": the place before the noun
                if places.is_empty() && noun {
                    if let Some(ei) = ctx.place_before_visit(ta) {
                        places.push(ei);
                    }
                }
            }
            let obj_start = if !noun || ends_with_link || low[ta] == "visiting" {
                // "met in Baghdad the secretary-general, Y": past the place
                let mut o = tb;
                if !noun && o + 1 < n && matches!(low[o], "in" | "at") {
                    let p = if low[o + 1] == "the" { o + 2 } else { o + 1 };
                    if let Some(x) = ctx.starts.get(p).copied().flatten() {
                        if ents[x].kind == EntityKind::Place
                            && ents[x].b < n
                            && !ctx.is_punct(ents[x].b)
                            && ctx.class(ents[x].b) & STOP == 0
                        {
                            o = ents[x].b;
                        }
                    }
                }
                Some(o)
            } else if linked {
                Some(s + 1)
            } else {
                None
            };
            let mut between_state = None;
            if let Some(o) = obj_start {
                // "between Israeli and PLO officials": the state of the
                // adjective, when named, and the body
                let demonym_and = o + 2 < n
                    && low[o + 1] == "and"
                    && ctx.cap[o]
                    && ctx.starts[o].is_none()
                    && ctx.starts[o + 2].is_some();
                let demonym = if demonym_and {
                    word_entry(low[o]).and_then(|e| e.demonym)
                } else {
                    None
                };
                if let Some(c) = demonym {
                    if let Some(x) = place_entity(entities, c) {
                        push(&mut parties, x);
                        named_side = true;
                        between_state = Some(x);
                        objects.extend(ctx.right_group(o + 2));
                    }
                }
                objects.extend(ctx.right_group(o));
                // "talks with his Yugoslav counterparts": Yugoslavia, when named
                if objects.is_empty() && tk != Trigger::Visit {
                    if let Some(c) = ctx.demonym_group(o) {
                        if let Some(x) = place_entity(entities, c) {
                            push(&mut parties, x);
                            named_side = true;
                        }
                    }
                }
            }
            // "visit to Ukraine by Lien Chan", "was received at the airport by X"
            if matches!(tk, Trigger::Visit | Trigger::Host) || low[tb - 1] == "visit" {
                let mut k = tb;
                while k < n && k < tb + 6 && low[k] != "by" && !ctx.is_punct(k) {
                    k += 1;
                }
                if k < n && low[k] == "by" {
                    objects.extend(ctx.right_group(k + 1));
                }
            }
            // "At the invitation of X, Y will visit": the subject follows
            if tk == Trigger::Invite && matches!(subj, Subject::None) {
                let mut k = tb;
                while k < n && low[k] != "," {
                    k += 1;
                }
                if k < n {
                    objects.extend(ctx.right_group(k + 1));
                }
            }
            // "A and B have received permission from X": a host with no
            // named guest is no encounter of its subjects
            if tk == Trigger::Host
                && objects.is_empty()
                && !named_side
                && !(tb < n && matches!(low[tb], "him" | "her" | "them"))
            {
                continue;
            }
            let mut inverted = false;
            // "Also due to visit Chile before the end of the year are A and B": the
            // subject after the verb "are"
            if matches!(subj, Subject::None)
                && (0..ta).all(|k| ctx.class(k) & AUX != 0 || low[k].ends_with("ly"))
            {
                let be = (tb..n.min(tb + 12))
                    .take_while(|&k| !ctx.is_punct(k))
                    .find(|&k| matches!(low[k], "are" | "is" | "were" | "was"));
                if let Some(k) = be {
                    for ei in ctx.right_group(k + 1) {
                        if ents[ei].kind == EntityKind::Person {
                            push(&mut parties, ents[ei].entity);
                            inverted = true;
                        }
                    }
                }
            }
            // "told visiting Zhirinovsky": the visitor meets the clause's subject
            let visiting = low[ta] == "visiting" && !objects.is_empty();
            // no subject found: the clause's subject, for a visit ("Lee
            // said during a visit to Chile"), a meeting noun with a
            // named other side, or a second verb ("X plans a trip and will
            // visit Y")
            if !has_subject
                && (visiting
                    || matches!(subj, Subject::Coordinated)
                    || tk == Trigger::Visit && !places.is_empty()
                    || !objects.is_empty() && tk != Trigger::Anaphor
                    || noun && named_side && tk != Trigger::Anaphor)
            {
                if let Some(p) = ctx.clause_pronoun(sa) {
                    // "He met X on Monday and, according to Y, could meet Z"
                    if let Some(p) = resolve(p, &[]) {
                        push(&mut parties, p);
                    }
                } else if let Some(ei) = ctx.clause_subject(sa) {
                    if !objects.contains(&ei) {
                        push(&mut parties, ents[ei].entity);
                    }
                }
            }
            // "to meet him": the object is a person named before
            if !noun && tb < n && matches!(low[tb], "him" | "her") {
                if let Some(p) = resolve(ta, &parties) {
                    push(&mut parties, p);
                }
            }
            // "the two leaders ... held talks with X": those two and X; when
            // no encounter was told lately, the two people named last
            if plural && !objects.is_empty() {
                let two = low[..ta.min(6)].contains(&"two");
                if two && last_parties_sent.is_none_or(|s| sidx > s + 2) {
                    let obj: Vec<usize> = objects.iter().map(|&o| ents[o].entity).collect();
                    let mut v: Vec<usize> = Vec::new();
                    for &(p, ps) in recent_people.iter().rev() {
                        if ps + 3 >= sidx && !obj.contains(&p) && !v.contains(&p) {
                            v.push(p);
                        }
                    }
                    if v.len() >= 2 {
                        push(&mut parties, v[1]);
                        push(&mut parties, v[0]);
                    }
                } else {
                    for &p in &last_parties {
                        push(&mut parties, p);
                    }
                }
            }
            // "called off a meeting between Israeli and PLO officials": the
            // two sides, not the one who cancelled
            if let Some(x) = between_state.filter(|_| noun && s < n && low[s] == "between") {
                if objects.iter().any(|&ei| ctx.actor(ei)) {
                    parties.retain(|&p| p == x);
                }
            }
            for &ei in &objects {
                // a visit's places are its hosts only as places
                let place_ok = tk != Trigger::Visit && ctx.actor(ei);
                if ents[ei].kind != EntityKind::Place || place_ok {
                    push(&mut parties, ents[ei].entity);
                }
            }
            // the place it happened in: the place after "in"/"at" nearest
            // the trigger ("In Hanoi, Lee will meet ..."), or the place
            // visited; "the town of X" is X
            let mut place: Option<(usize, u8)> = None;
            let mut best_dist = usize::MAX;
            for e in &ents {
                if parties.contains(&e.entity) || e.kind == EntityKind::Person {
                    continue;
                }
                let the = e.a >= 2 && low[e.a - 1] == "the";
                let p = if the { e.a - 2 } else { e.a.saturating_sub(1) };
                let prep = e.a >= 1 && matches!(low[p], "in" | "at")
                    || p >= 1
                        && low[p] == "of"
                        && matches!(
                            low[p - 1],
                            "town"
                                | "city"
                                | "village"
                                | "capital"
                                | "resort"
                                | "settlement"
                                | "port"
                        )
                    // "in the capital Brasilia", "at the port Haifa"
                    || e.a >= 3
                        && matches!(
                            low[e.a - 1],
                            "capital" | "city" | "town" | "village" | "port" | "resort"
                        )
                        && low[e.a - 2] == "the"
                        && matches!(low[e.a - 3], "in" | "at")
                    // "on his New Zealand leg": a stage of a tour
                    || e.kind == EntityKind::Place
                        && e.b < n
                        && ctx.class(e.b) & JOURNEY != 0
                        && e.a >= 2
                        && matches!(low[e.a - 1], "his" | "her" | "the")
                        && matches!(low[e.a - 2], "on" | "during" | "in");
                if !(prep && (e.kind == EntityKind::Place || the)) {
                    continue;
                }
                // for a visit, only a place after the trigger narrows it,
                // and another country does not ("left for Kuwait to prepare
                // a summit in Pakistan")
                if !places.is_empty()
                    && (e.a < tb || e.a > tb + 12 || is_country(ent_name(e.entity)))
                {
                    continue;
                }
                // "since the government took office in Canberra": another event's
                if e.a > tb && low[tb..e.a].iter().any(|w| matches!(*w, "since" | "until")) {
                    continue;
                }
                let dist = if e.a >= tb {
                    e.a - tb
                } else {
                    ta - e.b.min(ta)
                };
                let sp = specificity(ent_name(e.entity), e.kind);
                let better = match place {
                    None => true,
                    Some((_, q)) => dist + 4 < best_dist || (dist <= best_dist + 4 && sp > q),
                };
                if better {
                    place = Some((e.entity, sp));
                    best_dist = dist;
                }
            }
            let consider = |e: &EntTok, place: &mut Option<(usize, u8)>| {
                let sp = specificity(ent_name(e.entity), e.kind);
                if place.is_none_or(|p| sp > p.1) {
                    *place = Some((e.entity, sp));
                }
            };
            // the time: nearest to the trigger, not one that dates the report
            let mut when = None;
            let mut best = usize::MAX;
            let mut fallback = None;
            for (di, d) in dates.iter().enumerate().take(d_hi).skip(d_lo) {
                if d.start < sent.start
                    || d.end > sent.end
                    || !matches!(d.kind, TimexType::Date | TimexType::Time)
                {
                    continue;
                }
                let da = doc.token_at(d.start) - t0;
                // "X said on Monday": the report's day; but "it said last
                // Friday they were visited": a bare time before the reported
                // clause's own subject is that clause's
                let db = (doc.token_at(d.end) - t0).min(n);
                let embedded = da > 0
                    && speech().contains(low[da - 1])
                    && db < ta
                    && (ctx.class(db) & PRONOUN != 0 || low[db] == "they");
                let reported =
                    !embedded && (da.saturating_sub(2)..da).any(|k| speech().contains(low[k]));
                // "NAIROBI, June 10, 2024 (Wire) - A planned meeting": the dateline
                let dateline = low[da..n.min(da + 12)]
                    .iter()
                    .any(|w| matches!(*w, "-" | "--" | "—"))
                    && (t0..t0 + da).all(|k| !doc.tok(k).chars().any(char::is_lowercase));
                // "agreed to begin talks, and that experts would visit Dhaka
                // next month": another clause's time
                let (x, y) = if da >= tb { (tb, da) } else { (da, ta) };
                let other_clause = low[x..y]
                    .iter()
                    .any(|w| matches!(*w, "that" | ";" | "which" | "while" | "but"));
                // "defer the decision until 2001", "took office in March"
                // after "since": another event's time; "now" dates nothing
                let other_event = (da.saturating_sub(3).min(tb)..da)
                    .any(|k| matches!(low[k], "until" | "till" | "since"));
                let now = d.value.as_deref() == Some("PRESENT_REF");
                // "X, who last visited China in 1993, was due to meet Y":
                // the relative clause's own time
                let relative = da < ta
                    && (da + 1..ta).any(|k| low[k] == ",")
                    && (1..da)
                        .rev()
                        .take_while(|&k| low[k] != ",")
                        .any(|k| matches!(low[k], "who" | "which") && low[k - 1] == ",")
                    // (a plan: "who arrived on Friday, was received" is one time)
                    && (da..ta).any(|k| {
                        matches!(
                            low[k],
                            "will" | "would" | "scheduled" | "due" | "expected" | "plans" | "planned"
                        )
                    });
                // "X said on Thursday after a meeting with Y", "said on
                // Thursday in a visit to Z": the speaker's day is the
                // encounter's, when nothing else dates it
                if reported && !dateline && !other_event && !now && db < ta && ta - db <= 4 {
                    let adjunct = ctx.class(db) & ADJUNCT != 0
                        || matches!(low[db], "in" | "at" | "during" | "while");
                    if adjunct && (db..ta).all(|k| !ctx.is_punct(k) && !ctx.speech_at(k)) {
                        fallback = Some(di);
                    }
                }
                if reported || dateline || other_clause || other_event || now || relative {
                    continue;
                }
                let dist = if da >= tb { da - tb } else { ta - da.min(ta) };
                if dist < best {
                    best = dist;
                    when = Some(di);
                }
            }
            let when = when.or(fallback);
            // "the meeting between A and B will take place": a noun subject
            let planned_after = noun && !low[ta].ends_with("ed") && ctx.planned_after(tb);
            // the departure's day is the journey's, not the stay's
            let when = when.filter(|_| !undated);
            let status = status_of(low, sa, tb, planned_after, when.map(|w| &dates[w]));
            // the place left for is still ahead
            let status = if ahead && status == Status::Happened {
                Status::Planned
            } else {
                status
            };
            let anaphor = (tk == Trigger::Anaphor || plural) && parties.is_empty();
            if parties.len() >= 2 {
                last_parties.clone_from(&parties);
                last_parties_sent = Some(sidx);
            }
            // one record per country of a tour
            let countries: Vec<usize> = places
                .iter()
                .filter(|&&ei| is_country(ctx.names[ei]))
                .map(|&ei| ents[ei].entity)
                .collect();
            // "Also due to visit Chile are A and B": each a visit of its own
            if inverted && tk == Trigger::Visit && countries.len() == 1 {
                for &v in &parties {
                    reports.push(Report {
                        sent: (sent.start, sent.end),
                        sidx,
                        parties: vec![v],
                        host_country: Some(countries[0]),
                        place,
                        country: Some(countries[0]),
                        meet: false,
                        when,
                        status,
                        anaphor: false,
                        visited: place,
                        start_only: false,
                    });
                }
                continue;
            }
            let host_person = tk == Trigger::Invite || parties.len() >= 2;
            if countries.len() > 1 && !host_person {
                // "will visit A and B from August 25 to 31": A from the 25th
                let span = when.is_some_and(|w| {
                    dates[w].value.as_deref().is_some_and(|v| v.contains('/'))
                        && span_start(doc, &dates[w]).is_some()
                });
                for (ci, &c) in countries.iter().enumerate() {
                    reports.push(Report {
                        sent: (sent.start, sent.end),
                        sidx,
                        parties: parties.clone(),
                        host_country: Some(c),
                        place: Some((c, 1)),
                        country: Some(c),
                        meet: false,
                        when,
                        status,
                        anaphor,
                        visited: Some((c, 1)),
                        start_only: span && ci == 0,
                    });
                }
                continue;
            }
            let mut host_country = None;
            for &ei in &places {
                consider(&ents[ei], &mut place);
                if !host_person && host_country.is_none() {
                    if is_country(ctx.names[ei]) {
                        host_country = Some(ents[ei].entity);
                    } else {
                        // a visit to a capital: its country, when named
                        host_country =
                            country_entity_memo(entities, ents[ei].entity, &mut capital_memo);
                        // or when the sentence names its people ("arrives in
                        // Tripoli for the Libyan anniversary"): added here
                        if host_country.is_none() {
                            host_country = demonym_country(&demonyms, ctx.names[ei])
                                .and_then(|c| place_entity(entities, c));
                        }
                    }
                }
            }
            reports.push(Report {
                sent: (sent.start, sent.end),
                sidx,
                parties,
                host_country,
                place,
                country: place.and_then(|p| country_entity_memo(entities, p.0, &mut capital_memo)),
                meet: tk == Trigger::Meet,
                when,
                status,
                anaphor,
                visited: if places.is_empty() { None } else { place },
                start_only: false,
            });
        }
        // "During his visit to Slovenia, X will meet Y": the meeting takes
        // the place of the visit told in the same sentence by one party
        let visit = reports[first_report..]
            .iter()
            .find(|r| r.host_country.is_some() && r.parties.len() == 1)
            .map(|r| (r.parties[0], r.place, r.country));
        if let Some((visitor, place, country)) = visit {
            for r in reports[first_report..].iter_mut() {
                if r.meet
                    && r.place.is_none()
                    && r.parties.len() >= 2
                    && r.parties.contains(&visitor)
                {
                    r.place = place;
                    r.country = country;
                }
            }
        }
        if let Some(p) = first_person {
            last_subject = Some(p);
        }
        recent_people.extend_from_slice(&people_here);
    }
    merge(doc, reports, dates, &companions)
}

/// Where the first day of a span as written ends: "August 25" of "August
/// 25 to 31" (before " to ", " through ", a dash).
fn span_start(doc: &Document, d: &TimeExpr) -> Option<usize> {
    let text = &doc.text[d.start..d.end];
    [" to ", " through ", " till ", "-", "–"]
        .iter()
        .filter_map(|sep| text.find(sep))
        // past a month name ("1996-08-25" is no span of its own)
        .filter(|&k| text[..k].contains(' '))
        .min()
        .map(|k| d.start + text[..k].trim_end().len())
}

/// The time as written: a phrase that starts in lower case takes the
/// preposition before it ("in the coming days", "within days"), a name
/// stands alone ("April 2019", "Monday"). `spec/meetings.md` shows both
/// "April 2019" and "in the coming days"; this rule gives exactly those.
/// Data: `data/meetings/time_prepositions.txt`.
fn with_preposition(doc: &Document, d: &TimeExpr) -> (usize, usize) {
    let k = doc.token_at(d.start);
    let lower = doc.text[d.start..d.end].starts_with(char::is_lowercase);
    if k > 0 && lower {
        let t = doc.tokens[k - 1];
        let w = doc.text[t.start..t.end].to_lowercase();
        let same_line = !doc.text[t.end..d.start].contains('\n');
        if same_line && time_prepositions().contains(w.as_str()) && d.start >= t.end {
            return (t.start, d.end);
        }
    }
    (d.start, d.end)
}

fn time_prepositions() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        crate::data::lines(include_str!("../data/meetings/time_prepositions.txt")).collect()
    })
}

/// Status from the cues before the trigger, and from the date.
fn status_of(
    low: &[&str],
    ta: usize,
    tb: usize,
    planned_after: bool,
    when: Option<&TimeExpr>,
) -> Status {
    let c = cues();
    // a modal inside the trigger phrase: "tour will include"
    let inner = (ta + 1..tb).any(|k| {
        roles().get(low[k]).is_some_and(|r| r & AUX != 0)
            && low[k] != "to"
            && matches!(match_at(c, low, k), Some((_, Cue::Planned)))
    });
    // the clause before the trigger: not past a comma ("X, weighing a
    // possible meeting with Y, met Z")
    let from = (ta.saturating_sub(6)..ta)
        .rev()
        .find(|&k| low[k] == ",")
        .map_or(ta.saturating_sub(6), |k| k + 1);
    let mut planned = false;
    let mut cancelled = false;
    let mut k = from;
    while k < ta {
        if let Some((e, cue)) = match_at(c, low, k) {
            match cue {
                // "did not meet", "no plans to meet" (not "gave no venue
                // or date for the meeting")
                Cue::Cancelled
                    if matches!(low[k], "no" | "not" | "never" | "n't") && k + 4 < ta => {}
                Cue::Cancelled => cancelled = true,
                // "to meet": only right before the trigger
                // "to meet", "to hold talks", "agreed to begin talks"
                Cue::Planned if low[k] == "to" => {
                    planned |= e == ta
                        || e + 1 == ta && roles().get(low[e]).is_some_and(|c| c & GOVERN != 0)
                }
                Cue::Planned => planned = true,
                // "is (reportedly) traveling to": under way, the meeting still ahead
                Cue::Progressive => {
                    planned |= low[e..ta].iter().all(|w| w.ends_with("ly"))
                        && low[ta].ends_with("ing")
                        && low[ta] != "meeting"
                }
            }
            k = e;
        } else {
            k += 1;
        }
    }
    // a cancelling cue after the trigger: "a meeting between A and B was
    // called off", "talks were postponed"
    let mut k = tb;
    while k < low.len() && k < tb + 25 {
        if let Some((e, Cue::Cancelled)) = match_at(c, low, k) {
            // only a passive verb: "talks were postponed", "was called
            // off" ("will discuss the postponed elections" is no cue)
            let passive = (k.saturating_sub(2)..k).any(|j| {
                matches!(
                    low[j],
                    "was" | "were" | "been" | "be" | "is" | "are" | "has" | "have" | "had"
                )
            });
            if passive && !matches!(low[k], "not" | "no" | "never" | "n't") {
                cancelled = true;
            }
            k = e;
        } else {
            k += 1;
        }
    }
    if cancelled {
        return Status::Cancelled;
    }
    if planned
        || inner
        || planned_after
        || when.and_then(|w| w.value.as_deref()) == Some("FUTURE_REF")
    {
        return Status::Planned;
    }
    Status::Happened
}

/// A TIMEX3 value inside an interval value: "2024-03-13" in
/// "2024-03-10/2024-03-16" (ISO dates compare as strings).
fn within(day: &str, span: &str) -> bool {
    let Some((a, b)) = span.split_once('/') else {
        return false;
    };
    !day.contains('/') && day.len() == a.len() && a <= day && day <= b
}

/// How many of the latest records a report may merge into.
const MERGE_WINDOW: usize = 64;
/// The most parties and evidence sentences one merged record takes.
const MAX_PARTIES: usize = 32;
const MAX_EVIDENCE: usize = 32;

/// Merge the reports of one encounter into records.
fn merge(
    doc: &Document,
    reports: Vec<Report>,
    dates: &[TimeExpr],
    companions: &[(usize, usize, Vec<usize>)],
) -> Vec<Meeting> {
    struct Rec {
        parties: Vec<usize>,
        host_country: Option<usize>,
        place: Option<(usize, u8)>,
        /// The country its place stands in.
        country: Option<usize>,
        when: Option<usize>,
        status: Status,
        evidence: Vec<(usize, usize)>,
        last: usize,
        first_sent: usize,
        last_sent: usize,
        start_only: bool,
    }
    let value = |w: Option<usize>| w.and_then(|i| dates[i].value.as_deref());
    let mut recs: Vec<Rec> = Vec::new();
    let mut pending: Option<Report> = None;
    // the visits told: sentence, visitors, place, time, status
    let mut visits: Vec<VisitTold> = Vec::new();
    for (ri, r) in reports.into_iter().enumerate() {
        if let Some(v) = r.visited.filter(|_| !r.parties.is_empty()) {
            visits.push((r.sidx, r.parties.clone(), v, r.when, r.status));
        }
        let fits = |rec: &Rec| {
            // one encounter has a handful of parties and sentences; a record
            // grown past these bounds (a run-on text of names) takes no
            // more, which keeps every check below bounded and a huge
            // article linear
            if rec.parties.len() >= MAX_PARTIES || rec.evidence.len() >= MAX_EVIDENCE {
                return false;
            }
            // a plan and its cancellation are one encounter
            let lifecycle = matches!(
                (rec.status, r.status),
                (Status::Planned, Status::Cancelled) | (Status::Cancelled, Status::Planned)
            );
            // reports of one sentence with nested parties are one encounter
            let same_sentence = rec.evidence.contains(&r.sent);
            let bare_anaphor = r.anaphor && r.parties.is_empty();
            // "arrived in Beijing ... was to meet Qian": the visit under way
            // and the meeting ahead are one encounter
            let lone = r.host_country.is_some() && r.parties.len() < 2
                || rec.host_country.is_some() && rec.parties.len() < 2;
            let close = r.sidx <= rec.last_sent + 2;
            let meeting_country = r.parties.len() == 1
                && r.host_country.is_some()
                && rec.country == r.host_country
                && rec.parties.len() >= 2
                && rec.parties.contains(&r.parties[0]);
            if !(rec.status == r.status
                || meeting_country
                || lifecycle
                || same_sentence
                || bare_anaphor
                || lone && close)
            {
                return false;
            }
            if r.parties.is_empty() {
                return r.anaphor && ri - rec.last <= 3;
            }
            // every country on a tour is a separate encounter
            if let (Some(a), Some(b)) = (rec.host_country, r.host_country) {
                if a != b {
                    return false;
                }
            }
            // a visit to a country joins a meeting told close by
            let lone_visit = r.host_country.is_some() && r.parties.len() < 2
                || rec.host_country.is_some() && rec.parties.len() < 2;
            // the same visit told again ("a visit to Ukraine by X" ... "X's
            // visit to Ukraine"), or the visit to the country where a meeting
            // of the visitor was told ("arrived in Beijing to meet Y" ... "the
            // first minister to visit China")
            let same_visit = r.parties.len() == 1
                && rec.parties.len() == 1
                && r.parties == rec.parties
                && r.host_country.is_some()
                && r.host_country == rec.host_country
                && r.status == rec.status;
            let visit_of_meeting = r.parties.len() == 1
                && r.host_country.is_some()
                && rec.parties.len() >= 2
                && rec.country == r.host_country
                && rec.parties.contains(&r.parties[0])
                && r.sidx <= rec.last_sent + 6;
            if lone_visit && r.sidx > rec.last_sent + 2 && !same_visit && !visit_of_meeting {
                return false;
            }
            let mine: HashSet<usize> = r.parties.iter().copied().chain(r.host_country).collect();
            let theirs: HashSet<usize> = rec
                .parties
                .iter()
                .copied()
                .chain(rec.host_country)
                .collect();
            let nested = r.parties.iter().all(|p| theirs.contains(p))
                || rec.parties.iter().all(|p| mine.contains(p));
            let dates_agree = match (value(rec.when), value(r.when)) {
                (Some(a), Some(b)) => a == b || within(a, b) || within(b, a),
                _ => true,
            };
            // "X will visit Israel ... X planned to meet A and B. He was
            // also expected to meet C": the visitor's meetings told right
            // after a visit, with no other place, are that visit
            let visit_goes_on = r.meet
                && rec.host_country.is_some()
                && r.host_country.is_none()
                && r.parties.len() >= 2
                && rec.parties.contains(&r.parties[0])
                && r.status == rec.status
                && r.place.is_none_or(|_| r.country == rec.host_country)
                && r.sidx <= rec.last_sent + 1;
            (nested || visit_goes_on) && dates_agree
        };
        // a meeting in a country joins the visit to that country
        // (only the latest records: an encounter is told again nearby, and
        // this keeps a huge article linear)
        let from = recs.len().saturating_sub(MERGE_WINDOW);
        let hosted = r.country.and_then(|c| {
            recs[from..]
                .iter()
                .rposition(|rec| rec.host_country == Some(c) && fits(rec))
                .map(|i| i + from)
        });
        let target = hosted.or_else(|| recs[from..].iter().rposition(&fits).map(|i| i + from));
        if let Some(rec) = target.map(|i| &mut recs[i]) {
            // the meeting's own status outranks a lone visit's
            let same_sentence = rec.evidence.contains(&r.sent);
            if rec.parties.len() < 2 && r.parties.len() >= 2 && !same_sentence
                || same_sentence
                    && rec.status == Status::Happened
                    && r.status == Status::Planned
                    && r.parties.len() >= 2
            {
                rec.status = r.status;
            }
            for &p in &r.parties {
                if !rec.parties.contains(&p) {
                    rec.parties.push(p);
                }
            }
            rec.host_country = rec.host_country.or(r.host_country);
            if let Some(p) = r.place {
                if rec.place.is_none_or(|q| p.1 > q.1) {
                    rec.place = Some(p);
                    rec.country = r.country.or(rec.country);
                }
            }
            // a day outranks a clock time ("on Sunday" over "at 11 a.m."),
            // and a day of a span the span ("from March 13" of "March 10 to 16")
            let clock = |w: Option<usize>| w.is_some_and(|i| dates[i].kind == TimexType::Time);
            let narrower =
                matches!((value(rec.when), value(r.when)), (Some(a), Some(b)) if within(b, a));
            if rec.when.is_none()
                || clock(rec.when) && r.when.is_some() && !clock(r.when)
                || narrower
            {
                rec.when = r.when;
                rec.start_only = r.start_only;
            }
            if r.status == Status::Cancelled {
                rec.status = Status::Cancelled;
            }
            if !rec.evidence.contains(&r.sent) {
                rec.evidence.push(r.sent);
            }
            rec.last = ri;
            rec.last_sent = r.sidx;
            continue;
        }
        let sides =
            r.parties.len() + usize::from(r.host_country.is_some_and(|h| !r.parties.contains(&h)));
        if r.parties.is_empty() && !r.anaphor && r.meet {
            // "A committee will meet on Sunday. Its members -- A, B and C --
            // will meet at 11 a.m.": an unnamed first mention
            let from = recs.len().saturating_sub(MERGE_WINDOW);
            if !recs[from..]
                .iter()
                .any(|rec| rec.evidence.contains(&r.sent))
            {
                pending = Some(r);
            }
            continue;
        }
        let partial = r.anaphor || sides < 2 && r.parties.len() < 2;
        if partial && (r.parties.is_empty() || sides < 1) {
            continue;
        }
        let mut rec = Rec {
            parties: r.parties,
            host_country: r.host_country,
            place: r.place,
            country: r.country,
            when: r.when,
            status: r.status,
            evidence: vec![r.sent],
            last: ri,
            first_sent: r.sidx,
            last_sent: r.sidx,
            start_only: r.start_only,
        };
        if partial {
            // one named party: it may still add to a later full report
            recs.push(rec);
            continue;
        }
        if let Some(p) = pending.take() {
            let clock = |w: Option<usize>| w.is_some_and(|i| dates[i].kind == TimexType::Time);
            let better_when =
                p.when.is_some() && !clock(p.when) && (rec.when.is_none() || clock(rec.when));
            let better_place = rec.place.is_none() && p.place.is_some();
            if p.sidx + 1 == r.sidx && p.status == rec.status && (better_when || better_place) {
                if better_when {
                    rec.when = p.when;
                    rec.start_only = false;
                }
                rec.place = rec.place.or(p.place);
                rec.evidence.insert(0, p.sent);
            }
        }
        recs.push(rec);
    }
    // "arrived in Peru for talks with Peruvian officials ... will meet the
    // foreign minister, Y": a visit to a country and a meeting there with a
    // named host are one encounter, whose parties are the visitor and the
    // host (the country is a party only when no host is named); a visit
    // under way and the meeting ahead take the meeting's day
    let mut i = 0;
    while i < recs.len() {
        let v = &recs[i];
        let into = v
            .host_country
            .filter(|&c| v.parties.len() == 1 || v.parties.len() == 2 && v.parties.contains(&c));
        let target = into.and_then(|c| {
            let visitor = *v.parties.iter().find(|&&p| p != c)?;
            recs.iter().enumerate().position(|(j, m)| {
                let gap = if m.first_sent >= v.last_sent {
                    m.first_sent - v.last_sent
                } else {
                    v.first_sent.saturating_sub(m.last_sent)
                };
                let there = m.country == Some(c);
                j != i
                    && m.parties.len() >= 2
                    && m.parties.contains(&visitor)
                    && !m.parties.contains(&c)
                    && m.host_country.is_none()
                    && (m.country.is_none() && gap <= 1 || there && gap <= 6)
                    && (v.status == Status::Happened && m.status == Status::Planned
                        || match (value(v.when), value(m.when)) {
                            (Some(a), Some(b)) => a == b || within(a, b) || within(b, a),
                            _ => true,
                        })
            })
        });
        let Some(j) = target else {
            i += 1;
            continue;
        };
        let v = recs.remove(i);
        let j = if j > i { j - 1 } else { j };
        let m = &mut recs[j];
        if m.place.is_none() {
            m.place = v.place;
            m.country = v.country;
        }
        if m.when.is_none() {
            m.when = v.when;
        }
        for e in v.evidence {
            if !m.evidence.contains(&e) {
                m.evidence.push(e);
            }
        }
    }
    // "X arrived in Ankara ... X is also due to meet Y": a meeting with no
    // place of its own is where its party was just told to be visiting; a
    // meeting in the country visited takes the visit's time when it has none
    for rec in recs.iter_mut().filter(|r| {
        r.parties.len() >= 2 && (r.place.is_none() || r.when.is_none() && r.country.is_some())
    }) {
        let visit = visits
            .iter()
            .rev()
            .find(|(sidx, visitors, place, when, status)| {
                *sidx + VISIT_PLACE_WINDOW >= rec.first_sent
                    && *sidx <= rec.last_sent
                    && visitors.iter().any(|v| rec.parties.contains(v))
                    && !rec.parties.contains(&place.0)
                    && (rec.place.is_none() || rec.country == Some(place.0))
                    && (*status == Status::Happened && rec.status == Status::Planned
                        || match (value(*when), value(rec.when)) {
                            (Some(a), Some(b)) => a == b || within(a, b) || within(b, a),
                            _ => true,
                        })
            });
        if let Some(&(_, _, place, when, status)) = visit {
            if rec.place.is_none() {
                rec.place = Some(place);
            }
            // and its time, when both are told alike ("will visit Israel
            // from May 2 to 4 ... is expected to meet Y")
            if rec.when.is_none() && status == rec.status {
                rec.when = when;
                rec.start_only = false;
            }
        }
    }
    // companions join the encounter of the one they accompany told nearest
    // (a meeting with people before a visit to a country)
    for (sidx, principal, mates) in companions {
        let gap = |r: &Rec| {
            if *sidx < r.first_sent {
                r.first_sent - sidx
            } else {
                sidx.saturating_sub(r.last_sent)
            }
        };
        let best = recs
            .iter_mut()
            .filter(|r| r.parties.contains(principal))
            .filter(|r| gap(r) <= COMPANION_WINDOW)
            .min_by_key(|r| (gap(r), r.host_country.is_some()));
        if let Some(r) = best {
            for &m in mates {
                if !r.parties.contains(&m) {
                    r.parties.push(m);
                }
            }
        }
    }
    recs.into_iter()
        .filter_map(|mut r| {
            if r.parties.len() < 2 {
                let h = r.host_country?;
                if !r.parties.contains(&h) {
                    r.parties.push(h);
                }
                if r.place.is_none() {
                    r.place = Some((h, 1));
                }
            }
            if r.parties.len() < 2 {
                return None;
            }
            if r.place.is_some_and(|p| r.parties.contains(&p.0)) && r.host_country.is_none() {
                r.place = None;
            }
            r.evidence.sort();
            let start = r
                .when
                .filter(|_| r.start_only)
                .and_then(|w| Some((span_start(doc, &dates[w])?, dates[w].value.as_deref()?)));
            Some(Meeting {
                participants: r.parties,
                place: r.place.map(|p| p.0),
                when_span: match start {
                    Some((end, _)) => r.when.map(|w| (dates[w].start, end)),
                    None => r.when.map(|w| with_preposition(doc, &dates[w])),
                },
                when_value: start.and_then(|(_, v)| Some(v.split_once('/')?.0.to_string())),
                when: r.when,
                status: r.status,
                evidence: r.evidence,
            })
        })
        .collect()
}
