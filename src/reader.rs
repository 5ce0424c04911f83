//! Reader: turns raw article text into lines, sentences and tokens.
//!
//! Everything here works on byte offsets into the text exactly as it was
//! read; nothing is copied or rewritten, so every later stage can slice the
//! original text. The writer converts byte offsets to code points at the end.
//!
//! News text breaks naive sentence splitters in predictable ways: titles
//! ("Brig. Gen."), abbreviations ("U.S.", "Sept."), initials ("J. R. R."),
//! decimals ("3.5"), quotes that end a sentence (`."`), ellipses, and lines
//! that are not sentences at all (headlines, datelines, page furniture such as
//! "CLICK HERE TO READ MORE"). The rules for these live in `data/reader/`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens, apostrophes or periods).
    Word,
    /// Starts with a digit: "1996-08-30", "3.5", "10:30", "1,000", "2nd".
    Number,
    /// Any other single non-space character.
    Punct,
}

/// One token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// A line break (`\n`) stands between the token before (or the start
    /// of the text) and this one: the tokenizer steps over every break
    /// anyway, so later stages need not search the gaps between tokens.
    pub line_break_before: bool,
    /// A word of ASCII letters and digits alone that starts with a
    /// lower-case letter ("said", "the"; not "2nd", "well-known", "etc."):
    /// most tokens of news text, whose letter case later stages need not
    /// read again.
    pub plain_lower: bool,
}

/// What kind of line a sentence stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Ordinary article text.
    Body,
    /// A line before the body starts that reads as the article's headline.
    Headline,
    /// Page furniture (promotions, inserted headlines of other stories):
    /// nothing is extracted from it.
    Furniture,
}

/// One sentence: a byte range, the tokens inside it and the kind of line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
    pub line: LineKind,
    /// True for the first sentence of its line (or paragraph).
    pub line_start: bool,
}

/// An article split into tokens and sentences. Borrows the text.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// See [`Document::is_sports_report`]; decided once, asked by several stages.
    sports: bool,
}

impl<'a> Document<'a> {
    /// Read an article: tokenise, find lines and sentences, mark furniture.
    pub fn new(text: &'a str) -> Self {
        let Scan {
            tokens,
            breaks,
            stops,
        } = scan(text);
        let sentences = split_sentences(text, &tokens, &breaks, &stops);
        let sports = sentences
            .first()
            .is_some_and(|s| names_a_sport(&text[s.start..s.end]));
        Document {
            text,
            tokens,
            sentences,
            sports,
        }
    }

    /// The text of a token.
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The text of a byte range.
    #[inline]
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[start..end]
    }

    /// Sentences from which things may be extracted (not furniture).
    pub fn content_sentences(&self) -> impl Iterator<Item = (usize, &Sentence)> {
        self.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.line != LineKind::Furniture)
    }

    /// A sports report: its first line names a sport ("SOCCER - LEEDS BEAT
    /// ..."). There "meet" is a fixture and a city is usually its team.
    /// The sport words are in `data/reader/sports.txt`.
    pub fn is_sports_report(&self) -> bool {
        self.sports
    }

    /// Index of the sentence holding byte offset `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }

    /// Index of the first token starting at or after `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    // Combining marks (accents written as separate code points) belong to the
    // letter before them.
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Invisible characters that are neither words nor punctuation: BOM,
/// zero-width spaces and joiners, direction marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{00AD}'
    )
}

/// The character at byte `i` (a char boundary), if any. ASCII, nearly all
/// of news text, is read straight from the byte without UTF-8 decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// Byte classes for the tokenizer's ASCII fast path: one table lookup per
/// byte instead of a chain of comparisons. A byte of [`NON_ASCII`] starts
/// (or continues) a multi-byte character, which is decoded and given the
/// Unicode tests.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const DIGIT: u8 = 4;
const NON_ASCII: u8 = 8;
/// May join two runs of word characters into one token: an inner joiner
/// of words or numbers ("Jong-un", "O'Brien", "U.S", "AT&T", "3.5",
/// "1,000", "10:30", "1/2"), or the period of an abbreviation ("Gen.").
const JOIN: u8 = 16;
/// An ASCII lower-case letter.
const LOWER: u8 = 32;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_alphabetic() {
            ALNUM
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            SPACE
        } else if matches!(c, b'-' | b'\'' | b'.' | b'&' | b',' | b':' | b'/') {
            JOIN
        } else {
            0
        };
        b += 1;
    }
    t
};

/// `s`'s bytes with its length in the last byte, if it has 15 bytes or
/// fewer (so two different strings never pack alike).
///
/// Read as two overlapping words (or bytes, below four), not copied into a
/// buffer: a copy of a length known only at run time is a call to `memcpy`.
/// The resolver's names and the meetings' memos of lexicon answers are
/// keyed so, as the tagger's cache of capitalised words is.
#[inline]
pub(crate) fn packed(s: &str) -> Option<u128> {
    packed_bytes(s.as_bytes())
}

/// [`packed`] of bytes (the tagger packs forms it builds in a buffer).
#[inline]
pub(crate) fn packed_bytes(b: &[u8]) -> Option<u128> {
    let n = b.len();
    if n >= 16 {
        return None;
    }
    let (lo, hi) = padded(b)?;
    Some((lo as u128 | (hi as u128) << 64) | (n as u128) << 120)
}

/// `b`'s bytes as two little-endian words, zeros after them, if it has 16
/// or fewer (see [`packed`]).
#[inline]
pub(crate) fn padded(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    // the little-endian word of `b`'s bytes `at..at + 8` / `at..at + 4`
    let w8 = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
    let w4 = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes")) as u64;
    // (the second word's bytes past the first shifted down to follow it)
    Some(match n {
        17.. => return None,
        8.. => (
            w8(0),
            w8(n - 8).checked_shr((16 - n) as u32 * 8).unwrap_or(0),
        ),
        4.. => (w4(0) | (w4(n - 4) >> ((8 - n) * 8)) << 32, 0),
        _ => (b.iter().rev().fold(0, |x, &c| x << 8 | c as u64), 0),
    })
}

/// Split text into tokens. Linear in the text size.
///
/// Words keep inner hyphens ("Jong-un"), inner apostrophes ("O'Brien") and
/// inner periods between single letters ("U.S."); a trailing period is kept
/// on letter-period abbreviations ("U.S.") and on the listed abbreviations
/// ("Gen.", "Inc.", "Sept."). The possessive "'s" is its own token.
///
/// This runs over every byte of the input, so it walks bytes rather than
/// `char_indices()`: ASCII spaces, letters and digits are classified by
/// `BYTE_CLASS` alone, and only non-ASCII characters are decoded and given
/// the Unicode tests. The rules are the same for both.
pub fn tokenize(text: &str) -> Vec<Token> {
    scan(text).tokens
}

/// What [`scan`] finds on its way through the text.
struct Scan {
    tokens: Vec<Token>,
    /// Every line break (`\n`): the tokenizer steps over each of them
    /// anyway, so finding the lines takes no second pass over the text.
    breaks: Vec<Break>,
    /// The indices of the tokens that may end a sentence (punctuation, and
    /// words with a trailing period): the sentence splitter looks at these
    /// alone, not at every token.
    stops: Vec<usize>,
}

/// A line break.
struct Break {
    /// Its byte offset.
    at: usize,
    /// The number of tokens before it.
    tokens: usize,
}

/// [`tokenize`], with the line breaks and the tokens that may end a
/// sentence.
fn scan(text: &str) -> Scan {
    // a token to every four bytes or so, a line to every 32 or so, a stop
    // to every 32 or so: enough for most texts to need no regrowth
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut breaks = Vec::with_capacity(text.len() / 32 + 1);
    let mut stops = Vec::with_capacity(text.len() / 32 + 1);
    let bytes = text.as_bytes();
    let ends = RunEnds::new(bytes);
    // a line break since the last token (see `Token::line_break_before`)
    let mut broke = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = BYTE_CLASS[b as usize];
        if class & SPACE != 0 {
            if b == b'\n' {
                broke = true;
                breaks.push(Break {
                    at: i,
                    tokens: tokens.len(),
                });
            }
            i += 1;
            continue;
        }
        let (c, word) = if class & NON_ASCII == 0 {
            (b as char, class & ALNUM != 0)
        } else {
            let c = char_at(text, i).unwrap_or(char::REPLACEMENT_CHARACTER);
            if c.is_whitespace() || is_invisible(c) {
                i += c.len_utf8();
                continue;
            }
            (c, is_word_char(c))
        };
        if word {
            let numeric = class & DIGIT != 0;
            let run = ends.run_end(i + c.len_utf8());
            let mut end = run;
            // where the next token may start
            let mut next = run;
            let after = bytes.get(run).copied();
            let mut plain_lower = class & LOWER != 0;
            // Most words end at a space or at a punctuation mark that joins
            // nothing: then the run is the word. Otherwise the rules decide.
            if after.is_some_and(|d| BYTE_CLASS[d as usize] & (JOIN | NON_ASCII) != 0) {
                end = word_end(text, &ends, i, run, numeric);
                // trailing period on abbreviations: the only way a word ends
                // in a period (an inner one is always followed by a letter)
                if !numeric && bytes.get(end) == Some(&b'.') {
                    let w = &text[i..end];
                    if is_dotted_initials(w) || abbreviations().contains(w) {
                        end += 1;
                        stops.push(tokens.len());
                    }
                }
                // ("said," is plain; "well-known", "etc." and "café" not)
                plain_lower &= end == run;
                next = end;
            } else if after == Some(b' ') {
                // the byte most often after a word: stepped over here
                next = run + 1;
            }
            tokens.push(Token {
                start: i,
                end,
                kind: if numeric {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                line_break_before: std::mem::take(&mut broke),
                plain_lower,
            });
            i = next;
            continue;
        }
        let len = c.len_utf8();
        // "'s" possessive as its own token
        if (c == '\'' || c == '’') && tokens.last().is_some_and(|t: &Token| t.end == i) {
            if let Some(wl) = contraction_len(text, i + len) {
                let end = i + len + wl;
                tokens.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Word,
                    line_break_before: std::mem::take(&mut broke),
                    plain_lower: false,
                });
                i = end;
                continue;
            }
        }
        // "..." as one token
        let end = if c == '.' && text[i..].starts_with("...") {
            i + 3
        } else {
            i + len
        };
        stops.push(tokens.len());
        tokens.push(Token {
            start: i,
            end,
            kind: TokenKind::Punct,
            line_break_before: std::mem::take(&mut broke),
            plain_lower: false,
        });
        i = end;
    }
    Scan {
        tokens,
        breaks,
        stops,
    }
}

/// Where the text's bytes are not ASCII letters or digits, a bit a byte
/// (bit `k` of word `w` for byte `64 * w + k`), and the bits past its end
/// set: the end of a run of letters and digits is the next set bit.
///
/// Made in one pass over the text, eight bytes a step, whose steps do not
/// wait on one another. Finding each word's end by itself, eight bytes at
/// a time from its start, took about as many instructions, but each test
/// waited on the last word's end; now a word's end is a shift and a count
/// of trailing zeros.
struct RunEnds(Vec<u64>);

impl RunEnds {
    fn new(bytes: &[u8]) -> RunEnds {
        // (a word for the end of the text, whose bit is set, however long)
        let mut words = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut blocks = bytes.chunks_exact(64);
        for block in &mut blocks {
            let mut w = 0;
            for (k, chunk) in block.chunks_exact(8).enumerate() {
                let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                w |= other_bytes(x) << (8 * k);
            }
            words.push(w);
        }
        let mut last = !0u64;
        for (k, &b) in blocks.remainder().iter().enumerate() {
            if BYTE_CLASS[b as usize] & ALNUM != 0 {
                last &= !(1 << k);
            }
        }
        words.push(last);
        RunEnds(words)
    }

    /// The end of the run of ASCII letters and digits that starts at byte
    /// `j` (at most the text's length).
    #[inline]
    fn run_end(&self, j: usize) -> usize {
        let (mut w, bit) = (j / 64, j % 64);
        let mut rest = self.0[w] >> bit;
        if rest != 0 {
            return j + rest.trailing_zeros() as usize;
        }
        loop {
            w += 1;
            rest = self.0[w];
            if rest != 0 {
                return w * 64 + rest.trailing_zeros() as usize;
            }
        }
    }
}

/// A bit for each of the eight bytes of `x` (little-endian) that is not
/// an ASCII letter or digit.
///
/// In each byte's top bit, `letter` and `digit` are set where the byte
/// (its low seven bits, capitals made small for letters) lies in the
/// range, by adding to each byte what carries into its top bit exactly
/// from the range's first value on, and not from just past its last: no
/// sum leaves its byte, so each byte's answer is its own. The eight top
/// bits are then gathered into one byte by a multiplication whose partial
/// products all fall on distinct bits (so nothing carries).
#[inline]
fn other_bytes(x: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    let v = x & !HIGH;
    let lower = v | (ONES * 0x20);
    let letter = lower.wrapping_add(ONES * (0x80 - b'a' as u64))
        & !lower.wrapping_add(ONES * (0x7f - b'z' as u64));
    let digit =
        v.wrapping_add(ONES * (0x80 - b'0' as u64)) & !v.wrapping_add(ONES * (0x7f - b'9' as u64));
    // non-ASCII bytes are not ASCII letters or digits
    let other = (!(letter | digit) | x) & HIGH;
    // byte k's top bit (bit 8k + 7) to bit 56 + k
    (other >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// End of the word or number that starts at `start` with a character
/// ending at `from`, before any trailing abbreviation period.
fn word_end(text: &str, ends: &RunEnds, start: usize, from: usize, numeric: bool) -> usize {
    // the run of word characters since the last inner joiner
    let mut seg_start = start;
    let mut j = from;
    loop {
        // the common case: a run of ASCII letters and digits
        j = ends.run_end(j);
        let Some(d) = char_at(text, j) else {
            break;
        };
        if !d.is_ascii() && is_word_char(d) {
            j += d.len_utf8();
            continue;
        }
        // Inner joiners: only when a word character follows.
        let joiner = if numeric {
            matches!(d, '.' | ',' | ':' | '/' | '-')
        } else {
            matches!(d, '-' | '\'' | '’' | '.' | '&')
        };
        if !joiner {
            break;
        }
        let after = j + d.len_utf8();
        let Some(n) = char_at(text, after).filter(|&n| is_word_char(n)) else {
            break;
        };
        if !numeric {
            match d {
                // possessive / contraction: "Kim's" -> "Kim" "'s"
                '\'' | '’' if contraction_len(text, after).is_some() => break,
                '.' => {
                    // "U.S", "J.R" : periods only between single letters
                    let single =
                        char_at(text, seg_start).is_some_and(|f| seg_start + f.len_utf8() == j);
                    if !single || !n.is_alphabetic() {
                        break;
                    }
                    if char_at(text, after + n.len_utf8()).is_some_and(is_word_char) {
                        break;
                    }
                }
                '&' => {
                    // "AT&T", "S&P": only between capitals
                    let prev = text[..j].chars().next_back().unwrap_or(' ');
                    if !(prev.is_uppercase() && n.is_uppercase()) {
                        break;
                    }
                }
                _ => {}
            }
        }
        j = after;
        seg_start = after;
    }
    j
}

/// Length of the contraction or possessive ending ("s", "t", "ll", "re",
/// "ve", "d", "m") at byte `at`, just after an apostrophe: the whole run of
/// alphanumerics there must be one of them.
fn contraction_len(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let wl = rest
        .char_indices()
        .find(|(_, x)| !x.is_alphanumeric())
        .map(|(k, _)| k)
        .unwrap_or(rest.len());
    matches!(
        &rest[..wl],
        "s" | "S" | "t" | "ll" | "re" | "ve" | "d" | "m"
    )
    .then_some(wl)
}

/// "U.S", "J", "U.N": single letters joined by periods.
fn is_dotted_initials(w: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for ch in w.chars() {
        if expect_letter {
            if !ch.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else {
            if ch != '.' {
                return false;
            }
            expect_letter = true;
        }
    }
    letters >= 1 && !expect_letter
}

/// Abbreviations that take a period and do not end a sentence by
/// themselves (titles, months, company suffixes...). Data: `data/reader/abbreviations.txt`.
pub fn abbreviations() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::data::lines(include_str!("../data/reader/abbreviations.txt"))
            .map(|l| l.split('\t').next().unwrap_or(l))
            .collect()
    })
}

/// Abbreviations that never end a sentence: titles before a name ("Dr.",
/// "Gen.", "Mr."). Marked `title` in `data/reader/abbreviations.txt`.
fn title_abbreviations() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::data::lines(include_str!("../data/reader/abbreviations.txt"))
            .filter_map(|l| {
                let mut it = l.split('\t');
                let w = it.next()?;
                (it.next() == Some("title")).then_some(w)
            })
            .collect()
    })
}

/// Words that start sentences: after an abbreviation such as "U.S." a
/// following "The" or "He" means the sentence ended there.
fn sentence_starters() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::data::lines(include_str!("../data/reader/sentence_starters.txt")).collect()
    })
}

/// Sport names split into words ("motor racing" -> ["motor", "racing"]),
/// filed under their first word.
type SportNames = HashMap<&'static str, Vec<Vec<&'static str>>>;

/// The sport names of `data/reader/sports.txt`, and the most words a name has.
fn sports_words() -> &'static (SportNames, usize) {
    static S: OnceLock<(SportNames, usize)> = OnceLock::new();
    S.get_or_init(|| {
        let mut by_first = SportNames::default();
        let mut longest = 1;
        for l in crate::data::lines(include_str!("../data/reader/sports.txt")) {
            let words: Vec<&str> = l.split(' ').collect();
            longest = longest.max(words.len());
            by_first.entry(words[0]).or_default().push(words);
        }
        (by_first, longest)
    })
}

/// Does a sport's name stand among the first words of `line`?
fn names_a_sport(line: &str) -> bool {
    let (by_first, longest) = sports_words();
    let line = line.to_lowercase();
    // a name must start within the first six words (the list sized at
    // once: collected, it was grown three times)
    let mut words = Vec::with_capacity(5 + longest);
    words.extend(
        line.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(5 + longest),
    );
    words.iter().take(6).enumerate().any(|(s, w)| {
        by_first
            .get(w)
            .is_some_and(|names| names.iter().any(|sw| words[s..].starts_with(sw)))
    })
}

/// Phrases that mark a line as page furniture wherever it stands.
fn furniture_phrases() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| crate::data::lines(include_str!("../data/reader/furniture.txt")).collect())
}

/// Does `upper` (an upper-cased line) hold a furniture phrase?
///
/// The line is read once, not once for each phrase: a phrase is compared
/// only where the two bytes it starts with stand (a set of 2^16 bits).
/// Phrases of one byte, if the list ever has any, are searched for as they
/// are.
fn has_furniture_phrase(upper: &str) -> bool {
    static STARTS: OnceLock<Vec<u64>> = OnceLock::new();
    let phrases = furniture_phrases();
    let starts = STARTS.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for p in phrases.iter().filter(|p| p.len() >= 2) {
            let k = pair(p.as_bytes(), 0);
            bits[k / 64] |= 1 << (k % 64);
        }
        bits
    });
    fn pair(b: &[u8], i: usize) -> usize {
        (b[i] as usize) << 8 | b[i + 1] as usize
    }
    let b = upper.as_bytes();
    (0..b.len().saturating_sub(1)).any(|i| {
        let k = pair(b, i);
        starts[k / 64] >> (k % 64) & 1 != 0
            && phrases
                .iter()
                .any(|p| p.len() >= 2 && b[i..].starts_with(p.as_bytes()))
    }) || phrases.iter().any(|p| p.len() < 2 && upper.contains(p))
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn starts_upper_or_digit(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_opener(s: &str) -> bool {
    matches!(s, "\"" | "“" | "'" | "‘" | "(" | "[" | "«")
}

/// Split into sentences. Paragraph and line breaks are hard boundaries,
/// except a single line break inside a hard-wrapped paragraph (the line does
/// not end a sentence and the next one goes on in lower case).
fn split_sentences(
    text: &str,
    tokens: &[Token],
    breaks: &[Break],
    stops: &[usize],
) -> Vec<Sentence> {
    let (lines, line_tokens) = line_ranges(text, tokens.len(), breaks);
    let kinds = classify_lines(text, &lines);
    // about one sentence to twenty tokens in news text: few regrowths
    let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut si = 0;
    let mut li = 0;
    while li < lines.len() {
        // merge hard-wrapped lines into one block
        let kind = kinds[li];
        let mut lj = li;
        while lj + 1 < lines.len()
            && kinds[lj + 1] == kind
            && continues(text, &lines[lj], &lines[lj + 1])
        {
            lj += 1;
        }
        let toks = line_tokens[li].start..line_tokens[lj].end;
        li = lj + 1;
        // the block's stops
        while si < stops.len() && stops[si] < toks.start {
            si += 1;
        }
        let first = si;
        while si < stops.len() && stops[si] < toks.end {
            si += 1;
        }
        split_block(text, tokens, &stops[first..si], toks, kind, &mut sentences);
    }
    sentences
}

/// Does line `b` continue the sentence of line `a` (hard wrapping)?
fn continues(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    // A blank line between them (`a` ends at its line break; `b` starts
    // right after it unless other lines, all blank, lie between).
    if b.start > a.end + 1 {
        return false;
    }
    let la = text[a.clone()].trim_end();
    let lb = text[b.clone()].trim_start();
    // a title never ends a sentence: "... met Hong Kong Gov." / "Chris Patten"
    let last = la.rsplit(char::is_whitespace).next().unwrap_or("");
    if last
        .strip_suffix('.')
        .is_some_and(|w| title_abbreviations().contains(w))
        && lb.starts_with(char::is_uppercase)
    {
        return true;
    }
    let ends = la
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | '\'' | '’' | ')'));
    if ends {
        return false;
    }
    let first = lb.chars().next();
    let lower_next = first.is_some_and(|c| c.is_lowercase());
    // a continuation in lower case; a capital after a line break is taken
    // as a new line of its own (headlines, table rows, lists)
    lower_next && !la.ends_with(['-', '—'])
}

/// Non-empty lines as byte ranges (without the line break), and the range
/// of tokens on each, given all line breaks. A line is empty when no token
/// stands on it: the tokenizer skips exactly the white space and invisible
/// characters, and no token holds a line break.
fn line_ranges(
    text: &str,
    ntokens: usize,
    breaks: &[Break],
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut lines = Vec::with_capacity(breaks.len() + 1);
    let mut line_tokens = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    let mut first = 0;
    let last = Break {
        at: text.len(),
        tokens: ntokens,
    };
    for b in breaks.iter().chain([&last]) {
        if b.tokens > first {
            lines.push(start..b.at);
            line_tokens.push(first..b.tokens);
        }
        start = b.at + 1;
        first = b.tokens;
    }
    (lines, line_tokens)
}

/// The letter case of a line, as [`classify_lines`] needs it.
struct LineCase {
    /// At least 8 upper-case letters and at most one lower-case letter for
    /// every 20 of them: "KIM GOES TO RUSSIA".
    upper: bool,
    /// Some lower-case letter.
    lower: bool,
}

/// The letter case of `line`: the answer a count of all its upper- and
/// lower-case letters gives.
///
/// Most lines are body text, mostly in lower case, where the answer is clear
/// after a few words: the count stops as soon as the lower-case letters seen
/// are too many for the rest of the line to make it an upper-case line, even
/// if every byte left were a capital.
fn line_case(line: &str) -> LineCase {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    // In each byte's top bit: is the (ASCII) byte within `lo..=hi`? (See
    // `other_bytes`: no sum leaves its byte.)
    let within = |x: u64, lo: u8, hi: u8| {
        x.wrapping_add(ONES * (0x80 - lo as u64))
            & !x.wrapping_add(ONES * (0x7f - hi as u64))
            & HIGH
    };
    let bytes = line.as_bytes();
    let mut up = 0;
    let mut low = 0;
    let mut i = 0;
    // eight bytes at a time while they are ASCII
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if x & HIGH != 0 {
            break;
        }
        up += within(x, b'A', b'Z').count_ones() as usize;
        low += within(x, b'a', b'z').count_ones() as usize;
        i += 8;
        if low * 20 > up + (bytes.len() - i) {
            return LineCase {
                upper: false,
                lower: true,
            };
        }
    }
    while i < bytes.len() {
        let b = bytes[i];
        let (is_up, is_low) = if b.is_ascii() {
            i += 1;
            (b.is_ascii_uppercase(), b.is_ascii_lowercase())
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            (c.is_uppercase(), c.is_lowercase())
        };
        if is_up {
            up += 1;
        } else if is_low {
            low += 1;
            if low * 20 > up + (bytes.len() - i) {
                return LineCase {
                    upper: false,
                    lower: true,
                };
            }
        }
    }
    LineCase {
        upper: up >= 8 && low * 20 <= up,
        lower: low > 0,
    }
}

/// Does `line` hold at least `n` (> 0) words, as `split_whitespace` counts
/// them? Stops at the `n`th word.
fn words_at_least(line: &str, n: usize) -> bool {
    let bytes = line.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = if b.is_ascii() {
            i += 1;
            BYTE_CLASS[b as usize] & SPACE != 0
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c.is_whitespace()
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words >= n {
                return true;
            }
        }
    }
    false
}

/// Headline, body or furniture for each line.
///
/// All-capital lines before the first mixed-case line are the article's own
/// headline and dateline. An all-capital line of several words after the body
/// has started is an inserted headline of another story or a promotion, and
/// so is any line holding a furniture phrase ("CLICK HERE", "READ MORE").
///
/// Each test is made only when the earlier ones leave the answer open (word
/// counts stop at the number they are compared with): most lines are body
/// text after the body has started, and those need no more than [`line_case`].
fn classify_lines(text: &str, lines: &[Range<usize>]) -> Vec<LineKind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut body_started = false;
    for (n, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        let next_lower = || {
            lines.get(n + 1).is_some_and(|nx| {
                text[nx.clone()]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            })
        };
        let has_words = |count: usize| words_at_least(line, count);
        let case = line_case(line);
        let upper_line = case.upper;
        let promo = upper_line && {
            let upper_text = line.to_uppercase();
            has_furniture_phrase(&upper_text)
        };
        let kind =
            if promo || (body_started && upper_line && has_words(4) && !looks_like_table(line)) {
                LineKind::Furniture
            } else if !body_started
                && !next_lower()
                // the cheap test first
                && (upper_line || !line.trim_end().ends_with('.') && !has_words(13))
            {
                LineKind::Headline
            } else {
                LineKind::Body
            };
        if kind == LineKind::Body && case.lower {
            body_started = true;
        }
        kinds.push(kind);
    }
    kinds
}

/// Sports tables and result lines ("LEEDS 2 NEWCASTLE 1") are capitals too,
/// but are data, not furniture: they hold digits.
fn looks_like_table(line: &str) -> bool {
    line.chars().filter(|c| c.is_ascii_digit()).count() >= 2
}

/// Split one block of tokens into sentences. `stops` are the block's
/// tokens that may end a sentence, in order (see [`Scan::stops`]): the
/// others are words that end nothing, and are not looked at.
fn split_block(
    text: &str,
    tokens: &[Token],
    stops: &[usize],
    toks: Range<usize>,
    line: LineKind,
    out: &mut Vec<Sentence>,
) {
    let tstr = |k: usize| &text[tokens[k].start..tokens[k].end];
    let mut sent_first = toks.start;
    let mut first_in_line = true;
    for &k in stops {
        // within a sentence already ended (by a closing quote after a
        // period) or not one that may end a sentence
        let t = tokens[k];
        let ends_in_period = text.as_bytes()[t.end - 1] == b'.';
        if k < sent_first || t.kind != TokenKind::Punct && !ends_in_period {
            continue;
        }
        let s = tstr(k);
        let mut boundary_after: Option<usize> = None;
        if t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "..." | "…") {
            // closing quotes / brackets stay with this sentence
            let mut e = k;
            while e + 1 < toks.end && is_closer(tstr(e + 1)) && tokens[e + 1].start == tokens[e].end
            {
                e += 1;
            }
            if e + 1 >= toks.end {
                boundary_after = Some(e);
            } else {
                let next = tstr(e + 1);
                let next_word = if is_opener(next) && e + 2 < toks.end {
                    tstr(e + 2)
                } else {
                    next
                };
                let prev = (k > sent_first).then(|| tstr(k - 1));
                let ellipsis = matches!(s, "..." | "…");
                let upper_next = starts_upper_or_digit(next_word) || is_opener(next);
                let after_initial = s == "."
                    && prev.is_some_and(|p| {
                        p.chars().count() == 1 && p.chars().all(char::is_uppercase)
                    })
                    && tokens[k - 1].end == tokens[k].start;
                if upper_next
                    && !after_initial
                    && (!ellipsis
                        || starts_upper_or_digit(next_word)
                            && sentence_starters().contains(next_word))
                {
                    boundary_after = Some(e);
                }
            }
        } else if ends_in_period && s.len() > 1 && k + 1 < toks.end {
            // "U.S." / "Inc." at the end of a sentence: only when the next
            // word is a typical sentence starter; titles never end one.
            let next = tstr(k + 1);
            if !title_abbreviations().contains(s) && sentence_starters().contains(next) {
                boundary_after = Some(k);
            }
        }
        if let Some(e) = boundary_after {
            push_sentence(tokens, sent_first..e + 1, line, first_in_line, out);
            first_in_line = false;
            sent_first = e + 1;
        }
    }
    if sent_first < toks.end {
        push_sentence(tokens, sent_first..toks.end, line, first_in_line, out);
    }
}

fn push_sentence(
    tokens: &[Token],
    r: Range<usize>,
    line: LineKind,
    line_start: bool,
    out: &mut Vec<Sentence>,
) {
    out.push(Sentence {
        start: tokens[r.start].start,
        end: tokens[r.end - 1].end,
        tokens: r,
        line,
        line_start,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        let d = Document::new(text);
        d.sentences.iter().map(|s| &text[s.start..s.end]).collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    /// The run ends found from the bitmap are where a byte-by-byte walk
    /// ends, for every byte among letters and digits, at every place in
    /// and across the 64-byte blocks, and at the text's end.
    #[test]
    fn alnum_runs_end_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for len in [1, 7, 8, 9, 63, 64, 65, 130] {
                for at in (0..len).step_by(3).chain([len - 1]) {
                    for fill in [b'a', b'Z', b'0', b'9', b'm'] {
                        let mut v = vec![fill; len];
                        v[at] = b;
                        let ends = RunEnds::new(&v);
                        for from in [0, at.saturating_sub(1), at, len - 1, len] {
                            let want = v[from..]
                                .iter()
                                .position(|x| !x.is_ascii_alphanumeric())
                                .map_or(len, |k| from + k);
                            assert_eq!(ends.run_end(from), want, "{v:?} from {from}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn packed_strings_are_their_bytes_and_length() {
        for s in [
            "",
            "A",
            "Kim",
            "Obam",
            "Clinton",
            "Pyongyang",
            "Vladimir Putin",
        ] {
            let mut buf = [0u8; 16];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            buf[15] = s.len() as u8;
            assert_eq!(packed(s), Some(u128::from_le_bytes(buf)), "{s}");
        }
        assert_eq!(packed("Kim Jong Un plus"), None);
    }

    #[test]
    fn tokens_keep_names_and_abbreviations() {
        assert_eq!(
            toks("Kim Jong-un's U.S. trip"),
            ["Kim", "Jong-un", "'s", "U.S.", "trip"]
        );
        assert_eq!(
            toks("Brig. Gen. Pat Ryder"),
            ["Brig.", "Gen.", "Pat", "Ryder"]
        );
        assert_eq!(
            toks("3.5 percent at 10:30, 1,000"),
            ["3.5", "percent", "at", "10:30", ",", "1,000"]
        );
        assert_eq!(toks("AT&T and O'Brien"), ["AT&T", "and", "O'Brien"]);
        assert_eq!(toks("end."), ["end", "."]);
        assert_eq!(toks("wait..."), ["wait", "..."]);
    }

    /// The stops are exactly the tokens that may end a sentence.
    #[test]
    fn stops_are_punctuation_and_trailing_periods() {
        let text = "Brig. Gen. Pat Ryder's U.S. trip... 3.5 U.N. J.R. e.g. Zürich-based É.U. talks. Mr. 10:30, AT&T's x\u{301}.y Kim’s “quote” ‘x’ end.\n\nNew line";
        let s = scan(text);
        let want: Vec<usize> = (0..s.tokens.len())
            .filter(|&k| {
                let t = s.tokens[k];
                t.kind == TokenKind::Punct || text.as_bytes()[t.end - 1] == b'.'
            })
            .collect();
        assert!(want.len() > 10);
        assert_eq!(s.stops, want);
    }

    #[test]
    fn sentences_survive_news_text() {
        assert_eq!(
            sents("Pentagon spokesman Brig. Gen. Pat Ryder spoke. Mr. Smith left on Sept. 9 at 10 a.m. with J. R. R. Tolkien."),
            ["Pentagon spokesman Brig. Gen. Pat Ryder spoke.", "Mr. Smith left on Sept. 9 at 10 a.m. with J. R. R. Tolkien."]
        );
        assert_eq!(
            sents("The meeting \"could take place within days. It will be a full visit,\" he said. Then it ended."),
            ["The meeting \"could take place within days.", "It will be a full visit,\" he said.", "Then it ended."]
        );
        assert_eq!(
            sents("He said \"no.\" She left... and came back. Growth was 3.5 percent."),
            [
                "He said \"no.\"",
                "She left... and came back.",
                "Growth was 3.5 percent."
            ]
        );
        assert_eq!(
            sents("It was sold to the U.S. The deal closed."),
            ["It was sold to the U.S.", "The deal closed."]
        );
    }

    /// Each sentence with the kind of its line.
    fn line_kinds<'a>(d: &Document<'a>) -> Vec<(&'a str, LineKind)> {
        d.sentences
            .iter()
            .map(|s| (d.slice(s.start, s.end), s.line))
            .collect()
    }

    #[test]
    fn lines_and_furniture() {
        let text = "KIM GOES TO RUSSIA\nMOSCOW 2023-09-11\nKim is going to Russia.\nCHICAGO LAWMAKER LEADS DEMOCRATIC REBELLION\nPutin waits.\nCLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER\n";
        let d = Document::new(text);
        let kinds = line_kinds(&d);
        assert_eq!(
            kinds,
            [
                ("KIM GOES TO RUSSIA", LineKind::Headline),
                ("MOSCOW 2023-09-11", LineKind::Headline),
                ("Kim is going to Russia.", LineKind::Body),
                (
                    "CHICAGO LAWMAKER LEADS DEMOCRATIC REBELLION",
                    LineKind::Furniture
                ),
                ("Putin waits.", LineKind::Body),
                (
                    "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",
                    LineKind::Furniture
                ),
            ]
        );
    }

    #[test]
    fn wrapped_lines_join() {
        assert_eq!(
            sents("Kim Jong Un is traveling to Russia at the invitation of\npresident Putin, the Kremlin said.\n\nNext paragraph."),
            ["Kim Jong Un is traveling to Russia at the invitation of\npresident Putin, the Kremlin said.", "Next paragraph."]
        );
    }

    /// The tokenizer's byte-level fast path covers ASCII; these go through
    /// its Unicode side and must follow the same rules.
    #[test]
    fn non_ascii_words_follow_the_same_rules() {
        assert_eq!(
            toks("Zürich-based naïve É.U. talks with Ü.S. and É&A or AT&T’s O’Neil; Kim’s 3.5€ x\u{301}.y"),
            [
                "Zürich-based", "naïve", "É.U.", "talks", "with", "Ü.S.", "and", "É&A", "or",
                "AT&T", "’s", "O’Neil", ";", "Kim", "’s", "3.5", "€", "x\u{301}", ".", "y"
            ]
        );
        let text = "MOSCOW – ÉLYSÉE TALKS\nThe Élysée said on\nmonday that Kim was there.\n\nCLICK HERE TO SUBSCRIBE\nPutin left.";
        let d = Document::new(text);
        let kinds = line_kinds(&d);
        assert_eq!(
            kinds,
            [
                ("MOSCOW – ÉLYSÉE TALKS", LineKind::Headline),
                (
                    "The Élysée said on\nmonday that Kim was there.",
                    LineKind::Body
                ),
                ("CLICK HERE TO SUBSCRIBE", LineKind::Furniture),
                ("Putin left.", LineKind::Body),
            ]
        );
    }

    /// The case count may stop early, but must answer as a full count does.
    #[test]
    fn line_case_answers_as_a_full_count() {
        let full = |line: &str| {
            let up = line.chars().filter(|c| c.is_uppercase()).count();
            let low = line.chars().filter(|c| c.is_lowercase()).count();
            (up >= 8 && low * 20 <= up, low > 0)
        };
        let lines = [
            "",
            "KIM GOES TO RUSSIA",
            "KIM GOES TO RUSSIAx",
            "aBCDEFGHIJKLMNOPQRSTU",
            "aBCDEFGHIJKLMNOPQRST",
            "ABCDEFGH",
            "ABCDEFG",
            "ÉLYSÉE ÉLYSÉE ÉLYSÉE é",
            "Kim is going to Russia.",
            "ab ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN",
            "KIM GOES TO RUSSIA AND MEETS PUTIN IN VLADIVOSTOK",
            "Kim goes to Russia and meets Putin in Vladivostok today",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdé",
            "abcdefghabcdefghabcdefghABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "@[`{ AZaz 09 ~\u{7f}ABCDEFGHIJ",
            "ÉLYSÉE ABCDEFGHIJKLMNOPQRSTUVWXYZ ÉLYSÉE abc",
        ];
        for line in lines {
            let c = line_case(line);
            assert_eq!((c.upper, c.lower), full(line), "{line:?}");
        }
    }

    #[test]
    fn odd_characters_do_not_break_offsets() {
        let text = "\u{FEFF}Zoë\u{200B} met José\u{0301} in Zürich 🙂.\r\nNext.";
        let d = Document::new(text);
        for t in &d.tokens {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        assert_eq!(toks(text)[..4], ["Zoë", "met", "José\u{0301}", "in"]);
        assert_eq!(d.sentences.len(), 2);
    }
}
