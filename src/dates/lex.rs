//! The date tagger's word lists (`data/dates/*.txt`), loaded once.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FxHash (as in rustc): a multiply-rotate hash, much cheaper than SipHash
/// on the short lower-case words looked up here. The keys are our own word
/// lists, so there is no untrusted input to guard against.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut b = bytes;
        while b.len() >= 8 {
            self.add(u64::from_le_bytes(b[..8].try_into().unwrap()));
            b = &b[8..];
        }
        if b.len() >= 4 {
            self.add(u32::from_le_bytes(b[..4].try_into().unwrap()) as u64);
            b = &b[4..];
        }
        for &x in b {
            self.add(x as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The longest key, in bytes (checked when the lists are loaded).
const KEY_MAX: usize = 16;

/// A key zero-padded to [`KEY_MAX`] bytes, as two machine words: hashed
/// and compared without a loop over its bytes. Padding makes "a" and
/// "a\0" alike, so a hit is confirmed by the key's length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Packed([u64; 2]);

impl Packed {
    /// `bytes` with ASCII letters lower-cased (a no-op on lower-case
    /// text), or `None` when longer than any key.
    #[inline]
    fn lower(bytes: &[u8]) -> Option<Packed> {
        if bytes.len() > KEY_MAX {
            return None;
        }
        let mut buf = [0u8; KEY_MAX];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        let (a, b) = buf.split_at(8);
        Some(Packed([
            u64::from_le_bytes(a.try_into().unwrap()),
            u64::from_le_bytes(b.try_into().unwrap()),
        ]))
    }

    /// The key of the token `text[start..end]` lower-cased (ASCII letters),
    /// read as the [`KEY_MAX`] bytes from `start` with those past `end`
    /// cleared: no loop over a varying number of bytes. `None` when the
    /// text ends within those bytes or the token is longer than any key.
    #[inline]
    fn lower_in(text: &[u8], start: usize, end: usize) -> Option<Packed> {
        Self::window(text, start, end, lower8)
    }

    /// [`Packed::lower_in`] of a token known to be ASCII lower case
    /// already ([`crate::reader::Token::plain_lower`]): its bytes as they
    /// stand, with no lower-casing to do.
    #[inline]
    fn plain_in(text: &[u8], start: usize, end: usize) -> Option<Packed> {
        Self::window(text, start, end, |x| x)
    }

    /// The two words of [`KEY_MAX`] bytes from `start`, each through `f`,
    /// with the bytes past `end` cleared.
    #[inline(always)]
    fn window(text: &[u8], start: usize, end: usize, f: impl Fn(u64) -> u64) -> Option<Packed> {
        let bytes: &[u8; KEY_MAX] = text.get(start..)?.first_chunk()?;
        let keep = KEEP.get(end - start)?;
        let (a, b) = bytes.split_at(8);
        Some(Packed([
            f(u64::from_le_bytes(a.try_into().unwrap())) & keep[0],
            f(u64::from_le_bytes(b.try_into().unwrap())) & keep[1],
        ]))
    }

    /// Were all bytes ASCII? (Lower-casing keeps the high bit of others.)
    #[inline]
    fn is_ascii(self) -> bool {
        (self.0[0] | self.0[1]) & 0x8080_8080_8080_8080 == 0
    }

    /// The key's two slots in a [`Table`]: the top [`SLOT_BITS`] bits of
    /// two products (multiplicative hashing), each of which depends on
    /// every bit of the key.
    #[inline(always)]
    fn slots(self, m: [u64; 2]) -> [usize; 2] {
        let x = self.0[0] ^ self.0[1].rotate_left(32);
        m.map(|m| (x.wrapping_mul(m) >> (64 - SLOT_BITS)) as usize)
    }
}

/// For a key of `n` bytes, the masks that keep its bytes of each word.
const KEEP: [[u64; 2]; KEY_MAX + 1] = {
    let mut m = [[0; 2]; KEY_MAX + 1];
    let mut n = 1;
    while n <= KEY_MAX {
        let byte = 0xffu64 << (8 * ((n - 1) % 8));
        m[n] = m[n - 1];
        m[n][(n - 1) / 8] |= byte;
        n += 1;
    }
    m
};

/// Eight bytes with their ASCII capitals lower-cased, all at once: the
/// bytes from `A` to `Z` get bit 0x20, found by adding to every byte's
/// low seven bits (which cannot carry into the next byte) an amount that
/// sets its top bit when it is at least `A`, or above `Z`.
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (ONES * 0x7f);
    let from_a = low7 + ONES * (0x80 - b'A' as u64);
    let past_z = low7 + ONES * (0x80 - b'Z' as u64 - 1);
    // top bit where the byte is ASCII, at least `A` and not above `Z`
    let capital = from_a & !past_z & !x & (ONES * 0x80);
    x | capital >> 2
}

/// log2 of the number of slots in a [`Table`]: a constant, so that a
/// look-up computes its slots and indexes them without reading the
/// table's size. 2,048 slots (4 KB) for a few hundred keys.
const SLOT_BITS: u32 = 11;

/// Multiplier pairs for [`Packed::slots`], tried in turn until every key
/// has a slot of its own (the first has so far).
const MULTIPLIERS: [[u64; 2]; 4] = [
    [0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f],
    [0x1656_67b1_9e37_79f9, 0xff51_afd7_ed55_8ccd],
    [0xc4ce_b9fe_1a85_ec53, 0x2127_599b_f432_5c37],
    [0x8538_ecb5_bd45_6ea3, 0x94d0_49bb_1331_11eb],
];

/// The keys in a cuckoo hash table: a key sits in one of the two slots its
/// hash names, so a look-up reads both slots and compares both keys, and
/// makes the index of the one equal (if any) by arithmetic. No branch
/// depends on what it finds: the words of a text are keys ("the", "in",
/// "said") or not in no order a branch predictor could learn, and with
/// no branch to mispredict the look-ups of successive tokens overlap.
/// The keys compared are in an array of their own (16 bytes a key), apart
/// from their words (some 120 bytes each).
struct Table {
    /// Per slot, the index in `keys` and `entries` of its key, or 0 if empty.
    slots: Box<[u16; 1 << SLOT_BITS]>,
    /// The multipliers of [`Packed::slots`] under which every key got a slot.
    mul: [u64; 2],
    /// The keys packed, from 1; at 0 (an empty slot's) one that no text
    /// packs to (all bytes 0xff).
    keys: Vec<Packed>,
    /// The words of `keys`, from 1, those that may begin an expression
    /// ([`Word::starter`]) first; at 0 the entry of no word.
    entries: Vec<Word>,
    /// How many words may begin an expression.
    starters: usize,
    /// The length of each key, in bytes.
    lens: Vec<u8>,
}

impl Table {
    fn new(words: FxMap<&'static str, Word>) -> Table {
        let mut keys = vec![Packed([u64::MAX; 2])];
        let mut entries = vec![Word::default()];
        let mut words: Vec<_> = words.into_iter().collect();
        words.sort_unstable_by_key(|(k, e)| (!e.starter, *k));
        let starters = words.iter().filter(|(_, e)| e.starter).count();
        for (k, mut e) in words {
            // keys are lower case, and no number: the tagger looks up no
            // token that begins with a digit; no NUL, which pads a key
            assert!(
                k.len() <= KEY_MAX
                    && !k.bytes().any(|b| b.is_ascii_uppercase() || b == 0)
                    && !k.starts_with(|c: char| c.is_ascii_digit()),
                "date key {k:?}: a number, not lower case or longer than KEY_MAX"
            );
            e.key = k;
            keys.push(Packed::lower(k.as_bytes()).unwrap());
            entries.push(e);
        }
        for mul in MULTIPLIERS {
            if let Some(slots) = Self::place(&keys, mul) {
                let lens = entries.iter().map(|e| e.key.len() as u8).collect();
                return Table {
                    slots,
                    mul,
                    keys,
                    entries,
                    starters,
                    lens,
                };
            }
        }
        panic!(
            "{} date keys: too many for 2^SLOT_BITS slots",
            keys.len() - 1
        );
    }

    /// Cuckoo insertion: a key whose slot is taken puts the key there out
    /// to that key's other slot, and so on. `None` if some key finds no
    /// slot within a bound of moves.
    fn place(keys: &[Packed], mul: [u64; 2]) -> Option<Box<[u16; 1 << SLOT_BITS]>> {
        let mut slots = Box::new([0u16; 1 << SLOT_BITS]);
        for n in 1..keys.len() {
            let mut n = u16::try_from(n).expect("too many date keys");
            let mut s = keys[usize::from(n)].slots(mul)[0];
            for _ in 0..100 {
                std::mem::swap(&mut slots[s], &mut n);
                if n == 0 {
                    break;
                }
                let [a, b] = keys[usize::from(n)].slots(mul);
                s = if a == s { b } else { a };
            }
            if n != 0 {
                return None;
            }
        }
        Some(slots)
    }

    /// The index in `entries` of key `p`, or 0: of its two slots' keys,
    /// the one equal to it, chosen by arithmetic.
    #[inline(always)]
    fn index(&self, p: Packed) -> usize {
        let [a, b] = p.slots(self.mul).map(|s| usize::from(self.slots[s]));
        // (slots hold indices of keys: `get` cannot fail)
        let is = |n: usize| usize::from(self.keys.get(n).is_some_and(|k| *k == p));
        (a * is(a)) | (b * is(b))
    }

    /// The word at index `n` (0: none), and whether it may begin an
    /// expression: the words that may come first, so that is read off the
    /// index, not loaded from the entry.
    #[inline(always)]
    fn found(&'static self, n: usize) -> (Option<&'static Word>, bool) {
        let starter = n.wrapping_sub(1) < self.starters;
        (self.entries.get(n).filter(|_| n != 0), starter)
    }

    #[inline]
    fn get(&self, p: Packed) -> Option<&Word> {
        match self.index(p) {
            0 => None,
            n => self.entries.get(n),
        }
    }
}

/// Calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
    Hour,
    Minute,
    Second,
}

/// Tense class of a marker word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Future,
    /// Future only before "to": "plans to", "is set to".
    FutureTo,
    Past,
    Report,
    /// Present tense: no direction ("is calling for redemption on Dec. 7").
    Present,
}

/// Everything the lists say about one lower-case word.
///
/// Laid out by hand, 64-byte aligned: the fields read of most tokens
/// tried (by `worth_trying`, `core`, `tense` and the context tests) come
/// first, in one cache line, and those of a few patterns after them, so a
/// word asked about costs one line, not the two or three that any
/// 120-byte entry of an unaligned array spans.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
pub struct Word {
    // ---- the first cache line ----
    /// The word itself.
    pub key: &'static str,
    pub num: Option<u32>,
    pub ord: Option<u32>,
    /// The phrases of refs.txt / holidays.txt / modifiers.txt that begin
    /// with this word.
    pub refs: Run,
    pub holidays: Run,
    pub mods: Run,
    /// The patterns that may begin at this word, a bit each
    /// ([`super::word_patterns`]), decided once when the lists are loaded.
    pub patterns: u16,
    pub month: u8,
    pub weekday: u8,
    /// Some pattern may begin at this word.
    pub starter: bool,
    /// Begins an expression only when a date word or a number follows
    /// ("the", "at", "about"): marked `lead` in keywords.txt, or the first
    /// word of only multi-word phrases in refs.txt and of modifiers.
    pub lead: bool,
    /// `best_at` tries the patterns at the next word too: this is "the"
    /// or a one-word modifier ("about", "early"). Read of leads only.
    pub tries_next: bool,
    /// Begins an expression only by a phrase of refs.txt, holidays.txt or
    /// modifiers.txt ("new" of "New Year's Day", "election"): no pattern
    /// of its own but those two, and no one-word modifier.
    pub phrases_only: bool,
    /// A count and nothing else ("two", "seven"): begins an expression
    /// only as a count of units ("two years ago") or as a year ("nineteen
    /// ninety-six", "two thousand").
    pub count_only: bool,
    /// May follow a bare count in an expression ([`super::follows_count`]).
    pub after_count: bool,
    pub marker: Option<Marker>,
    pub unit: Option<Unit>,
    pub licensor: bool,
    /// Right before an expression, puts it ahead: "payable Dec. 7", "until May".
    pub ahead: bool,
    pub rel: Option<i8>,
    pub tz: bool,
    pub month_strict: bool,
    // ---- the second ----
    pub season: Option<&'static str>,
    pub decade: Option<u32>,
    pub pod: Option<&'static str>,
    pub quarter: Option<&'static str>,
    /// "`<weekday> <part>`" is the plain day (parts_of_day.txt, "date").
    pub pod_plain_after_weekday: bool,
}

/// The fields read of most words asked about fit the first cache line.
const _: () = assert!(std::mem::offset_of!(Word, month_strict) < 64);

/// The phrases of a list that begin with one word: a range of the list,
/// which is sorted by first word (then longest first).
#[derive(Debug, Clone, Copy, Default)]
pub struct Run {
    start: u16,
    end: u16,
}

impl Run {
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// This run of `list`.
    pub fn of(self, list: &[Phrase]) -> &[Phrase] {
        &list[self.start as usize..self.end as usize]
    }
}

/// A multi-word phrase with its payload.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<&'static str>,
    pub value: &'static str,
}

pub struct Lexicon {
    /// Every key (lower case) and its word.
    words: Table,
    /// For each first byte of a lower-case key, a bit per key length
    /// (bit `n` set: some key of `n` bytes starts with that byte; lengths
    /// of 63 bytes or more share bit 63): [`Lexicon::may_contain`], which
    /// spares tokens that are not ASCII the Unicode lower-casing. (ASCII
    /// tokens go straight to the table: a miss costs about as little.)
    pub first_len: [u64; 256],
    /// A bit per byte value that ends some key (lower case).
    pub last: [u64; 4],
    pub refs: Vec<Phrase>,
    pub holidays: Vec<Phrase>,
    pub modifiers: Vec<Phrase>,
}

/// Data lines: comments (`#`) and blank lines removed, split on tabs.
pub fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn phrases(data: &'static str) -> Vec<Phrase> {
    let mut v: Vec<Phrase> = rows(data)
        .map(|r| Phrase {
            words: r[0].split(' ').collect(),
            value: r.get(1).copied().unwrap_or(""),
        })
        .collect();
    // by first word, and longest first, so the first match is the longest
    v.sort_by_key(|p| (p.words[0], std::cmp::Reverse(p.words.len())));
    v
}

/// The run of phrases in `list` that begin with each word.
fn runs(list: &[Phrase], w: &mut FxMap<&'static str, Word>, field: fn(&mut Word) -> &mut Run) {
    for (n, p) in list.iter().enumerate() {
        let r = field(w.entry(p.words[0]).or_default());
        if r.is_empty() {
            r.start = n as u16;
        }
        r.end = n as u16 + 1;
    }
}

impl Lexicon {
    /// Could `token` (any case) be a key? False means it surely is not:
    /// no key of its length starts with its first letter (lower-cased).
    /// Tokens that do not begin with ASCII always pass (a typographic
    /// apostrophe is mapped to `'` before the look-up).
    #[inline]
    pub fn may_contain(&self, token: &str) -> bool {
        let b = token.as_bytes();
        let Some(&f) = b.first() else {
            return false;
        };
        if !f.is_ascii() {
            return true;
        }
        let l = b[b.len() - 1].to_ascii_lowercase() as usize;
        self.first_len[f.to_ascii_lowercase() as usize] & (1u64 << b.len().min(63)) != 0
            && (l >= 128 || self.last[l / 64] & (1u64 << (l % 64)) != 0)
    }

    /// The entry of a token, looked up lower-cased, with `’` read as `'`.
    #[inline(always)]
    pub fn lookup(&'static self, token: &str) -> Option<&'static Word> {
        let b = token.as_bytes();
        match Packed::lower(b) {
            Some(p) if p.is_ascii() => self.find_packed(p, b.len()),
            // longer than any key
            _ if b.is_ascii() => None,
            _ => self.lookup_unicode(token),
        }
    }

    /// [`Lexicon::lookup_word_in`] of a token of ASCII lower-case letters and
    /// digits ([`crate::reader::Token::plain_lower`], most tokens): neither
    /// lower-cased nor checked for other bytes. Nor is the found key's
    /// length compared with the token's: neither has a NUL byte, so their
    /// zero-padded forms are equal only if their lengths are.
    ///
    /// The word, and whether it may begin an expression
    /// ([`Word::starter`]): both made without a branch on whether the
    /// token is a key.
    #[inline(always)]
    pub fn lookup_plain_in(
        &'static self,
        text: &str,
        start: usize,
        end: usize,
    ) -> (Option<&'static Word>, bool) {
        let t = &self.words;
        match Packed::plain_in(text.as_bytes(), start, end) {
            Some(p) => t.found(t.index(p)),
            None => self.lookup_slow(&text[start..end]),
        }
    }

    /// [`Lexicon::lookup`] of the token `text[start..end]`, with fewer
    /// instructions where the text goes on after it, as
    /// [`Lexicon::lookup_plain_in`] gives it: the word and whether it
    /// may begin an expression, made without a branch on whether it is a
    /// key. A key found is the token's own only if their lengths agree (a
    /// NUL byte would pack as padding).
    #[inline(always)]
    pub fn lookup_word_in(
        &'static self,
        text: &str,
        start: usize,
        end: usize,
    ) -> (Option<&'static Word>, bool) {
        let t = &self.words;
        match Packed::lower_in(text.as_bytes(), start, end) {
            Some(p) if p.is_ascii() => {
                let n = t.index(p);
                t.found(n * usize::from(t.lens.get(n) == Some(&((end - start) as u8))))
            }
            _ => self.lookup_slow(&text[start..end]),
        }
    }

    /// The word of a token the packed look-ups cannot take, and whether it
    /// may begin an expression.
    fn lookup_slow(&'static self, token: &str) -> (Option<&'static Word>, bool) {
        let w = self.lookup(token);
        (w, w.is_some_and(|w| w.starter))
    }

    /// [`Lexicon::lookup`] of a token that is not ASCII.
    #[inline(never)]
    fn lookup_unicode(&'static self, token: &str) -> Option<&'static Word> {
        if token.len() > 24 || !self.may_contain(token) {
            return None;
        }
        let mut buf = [0u8; 32];
        let mut n = 0;
        for c in token.chars() {
            let lower = if c == '’' { '\'' } else { c };
            for l in lower.to_lowercase() {
                let mut tmp = [0u8; 4];
                let e = l.encode_utf8(&mut tmp).as_bytes();
                if n + e.len() > buf.len() {
                    return None;
                }
                buf[n..n + e.len()].copy_from_slice(e);
                n += e.len();
            }
        }
        self.find(&buf[..n])
    }

    /// The entry of `bytes` with ASCII letters lower-cased.
    #[inline]
    fn find(&'static self, bytes: &[u8]) -> Option<&'static Word> {
        self.find_packed(Packed::lower(bytes)?, bytes.len())
    }

    /// The entry of packed key `p` of `len` bytes.
    #[inline]
    fn find_packed(&'static self, p: Packed, len: usize) -> Option<&'static Word> {
        self.words.get(p).filter(|w| w.key.len() == len)
    }

    /// The word of a lower-case key.
    pub fn get(&'static self, key: &str) -> Option<&'static Word> {
        self.find(key.as_bytes()).filter(|w| w.key == key)
    }

    /// All keys.
    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.entries[1..].iter().map(|w| w.key)
    }
}

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut w: FxMap<&'static str, Word> = FxMap::default();
        for r in rows(include_str!("../../data/dates/months.txt")) {
            let e = w.entry(r[0]).or_default();
            e.month = r[1].parse().expect("month number");
            e.month_strict = r.get(2) == Some(&"strict");
        }
        for r in rows(include_str!("../../data/dates/weekdays.txt")) {
            w.entry(r[0]).or_default().weekday = r[1].parse().expect("weekday number");
        }
        for r in rows(include_str!("../../data/dates/seasons.txt")) {
            w.entry(r[0]).or_default().season = Some(r[1]);
        }
        for r in rows(include_str!("../../data/dates/numbers.txt")) {
            let n: u32 = r[1].parse().expect("number");
            let e = w.entry(r[0]).or_default();
            if r.get(2) == Some(&"ord") {
                e.ord = Some(n);
            } else {
                e.num = Some(n);
            }
        }
        for r in rows(include_str!("../../data/dates/decades.txt")) {
            w.entry(r[0]).or_default().decade = Some(r[1].parse().expect("decade"));
        }
        for r in rows(include_str!("../../data/dates/units.txt")) {
            let u = match r[1] {
                "D" => Unit::Day,
                "W" => Unit::Week,
                "M" => Unit::Month,
                "Q" => Unit::Quarter,
                "Y" => Unit::Year,
                "DE" => Unit::Decade,
                "CE" => Unit::Century,
                "WE" => Unit::Weekend,
                "H" => Unit::Hour,
                "MIN" => Unit::Minute,
                "S" => Unit::Second,
                x => panic!("unknown unit {x}"),
            };
            w.entry(r[0]).or_default().unit = Some(u);
        }
        for r in rows(include_str!("../../data/dates/relatives.txt")) {
            w.entry(r[0]).or_default().rel = Some(r[1].parse().expect("offset"));
        }
        for r in rows(include_str!("../../data/dates/parts_of_day.txt")) {
            let e = w.entry(r[0]).or_default();
            e.pod = Some(r[1]);
            e.pod_plain_after_weekday = match r.get(2).copied() {
                Some("date") => true,
                Some("code") => false,
                x => panic!("parts_of_day.txt: bad third column {x:?}"),
            };
        }
        for r in rows(include_str!("../../data/dates/quarters.txt")) {
            w.entry(r[0]).or_default().quarter = Some(r[1]);
        }
        for r in rows(include_str!("../../data/dates/timezones.txt")) {
            w.entry(r[0]).or_default().tz = true;
        }
        for r in rows(include_str!("../../data/dates/tense.txt")) {
            if r[1] == "ahead" {
                w.entry(r[0]).or_default().ahead = true;
                continue;
            }
            let m = match r[1] {
                "future" => Marker::Future,
                "future-to" => Marker::FutureTo,
                "past" => Marker::Past,
                "report" => Marker::Report,
                "present" => Marker::Present,
                x => panic!("unknown tense {x}"),
            };
            w.entry(r[0]).or_default().marker = Some(m);
        }
        for r in rows(include_str!("../../data/dates/licensors.txt")) {
            w.entry(r[0]).or_default().licensor = true;
        }
        let mut keyword_start = Vec::new();
        for r in rows(include_str!("../../data/dates/keywords.txt")) {
            let e = w.entry(r[0]).or_default();
            match r.get(1) {
                Some(&"start") => {
                    e.starter = true;
                    keyword_start.push(r[0]);
                }
                Some(&"lead") => {
                    e.starter = true;
                    e.lead = true;
                }
                _ => {}
            }
        }
        let refs = phrases(include_str!("../../data/dates/refs.txt"));
        let holidays = phrases(include_str!("../../data/dates/holidays.txt"));
        let modifiers = phrases(include_str!("../../data/dates/modifiers.txt"));
        for p in refs.iter().chain(&holidays).chain(&modifiers) {
            for x in &p.words {
                w.entry(x).or_default();
            }
        }
        runs(&refs, &mut w, |e| &mut e.refs);
        runs(&holidays, &mut w, |e| &mut e.holidays);
        runs(&modifiers, &mut w, |e| &mut e.mods);
        for e in w.values_mut() {
            e.starter |= e.month > 0
                || e.weekday > 0
                || e.season.is_some()
                || e.num.is_some()
                || e.ord.is_some()
                || e.decade.is_some()
                || e.rel.is_some()
                || e.unit.is_some()
                || e.quarter.is_some()
                || !e.refs.is_empty()
                || !e.holidays.is_empty()
                || !e.mods.is_empty();
        }
        for (k, e) in w.iter_mut() {
            let alone = refs.iter().any(|p| p.words == [*k]);
            let plain = e.month == 0
                && e.weekday == 0
                && e.season.is_none()
                && e.num.is_none()
                && e.ord.is_none()
                && e.decade.is_none()
                && e.pod.is_none()
                && e.rel.is_none()
                && e.unit.is_none()
                && e.quarter.is_none()
                && !e.tz
                && e.holidays.is_empty();
            if (!e.refs.is_empty() || !e.mods.is_empty())
                && !alone
                && plain
                && !keyword_start.contains(k)
            {
                e.lead = true;
            }
            e.patterns = super::word_patterns(k, e);
            e.after_count = super::follows_count(k, e);
            e.tries_next = *k == "the" || e.mods.of(&modifiers).iter().any(|p| p.words.len() == 1);
            e.phrases_only = !e.lead
                && !e.tries_next
                && e.patterns & !(1 << super::P_REFS | 1 << super::P_HOLIDAY) == 0;
            e.count_only = !e.lead
                && e.num.is_some()
                && e.patterns & !(1 << super::P_YEAR | 1 << super::P_AGO) == 0
                && e.refs.is_empty()
                && e.holidays.is_empty()
                && e.mods.is_empty();
        }
        let mut first_len = [0u64; 256];
        let mut last = [0u64; 4];
        for k in w.keys() {
            let b = k.as_bytes()[0] as usize;
            first_len[b] |= 1u64 << k.len().min(63);
            let l = k.as_bytes()[k.len() - 1] as usize;
            last[l / 64] |= 1u64 << (l % 64);
        }
        Lexicon {
            words: Table::new(w),
            first_len,
            last,
            refs,
            holidays,
            modifiers,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower8_lowers_ascii_capitals_only() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b, b'A', b'Z', b'@', b'[', 0xc3, 0x80 | b'A', b]);
            let l = b.to_ascii_lowercase();
            let want = u64::from_le_bytes([l, b'a', b'z', b'@', b'[', 0xc3, 0x80 | b'A', l]);
            assert_eq!(lower8(x), want, "{b:#x}");
        }
    }

    #[test]
    fn lookup_word_in_text_matches_lookup() {
        let lexi = lexicon();
        for k in lexi.keys() {
            let mut cap = k.to_string();
            cap[..1].make_ascii_uppercase();
            for w in [k.to_string(), k.to_uppercase(), cap] {
                let want = lexi.lookup(&w).map(|x| x.key);
                assert_eq!(want, Some(k), "{w:?}");
                // followed by more text, or at its end
                let word = |text: &str, s, e| lexi.lookup_word_in(text, s, e).0.map(|x| x.key);
                let text = format!("{w} Of MORE text after it");
                assert_eq!(word(&text, 0, w.len()), want);
                let text = format!("x {w}");
                let (found, starter) = lexi.lookup_word_in(&text, 2, text.len());
                assert_eq!(found.map(|x| x.key), want);
                assert_eq!(starter, found.is_some_and(|x| x.starter));
                // a longer word that begins with the key is another word
                let text = format!("{w}x and more");
                let (found, starter) = lexi.lookup_word_in(&text, 0, w.len() + 1);
                assert!(found.is_none() && !starter);
            }
            // a plain lower-case token (ASCII letters and digits) is looked
            // up as it stands, a miss giving the entry of no word
            if k.starts_with(|c: char| c.is_ascii_lowercase())
                && k.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                let plain = |text: &str, s, e| {
                    let (w, starter) = lexi.lookup_plain_in(text, s, e);
                    assert_eq!(starter, w.is_some_and(|w| w.starter));
                    w.map(|x| x.key)
                };
                let text = format!("{k} more text after it");
                assert_eq!(plain(&text, 0, k.len()), Some(k));
                let text = format!("x {k}");
                assert_eq!(plain(&text, 2, text.len()), Some(k));
                let text = format!("{k}x and more");
                assert_eq!(plain(&text, 0, k.len() + 1), None);
            }
        }
        let text = "In MAY, Ma\u{212a} and Über-SEPTEMBERS";
        for (s, e) in [(3, 6), (8, 13), (18, text.len())] {
            let want = lexi.lookup(&text[s..e]).map(|x| x.key);
            assert_eq!(
                lexi.lookup_word_in(text, s, e).0.map(|x| x.key),
                want,
                "{:?}",
                &text[s..e]
            );
        }
    }
}
