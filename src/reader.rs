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

use rustc_hash::FxHashSet as HashSet;
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
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
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

/// Split text into tokens. Linear in the text size.
///
/// Words keep inner hyphens ("Jong-un"), inner apostrophes ("O'Brien") and
/// inner periods between single letters ("U.S."); a trailing period is kept
/// on letter-period abbreviations ("U.S.") and on the listed abbreviations
/// ("Gen.", "Inc.", "Sept."). The possessive "'s" is its own token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some(&(i, c)) = iter.peek() {
        if matches!(c, '\t'..='\r' | ' ') || !c.is_ascii() && (c.is_whitespace() || is_invisible(c))
        {
            iter.next();
            continue;
        }
        if is_word_char(c) {
            let numeric = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            iter.next();
            while let Some(&(j, d)) = iter.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
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
                let next = text[after..].chars().next();
                let Some(n) = next.filter(|n| is_word_char(*n)) else {
                    break;
                };
                if !numeric && (d == '\'' || d == '’') {
                    // possessive / contraction: "Kim's" -> "Kim" "'s"
                    let rest = &text[after..];
                    let word_end = rest
                        .char_indices()
                        .find(|(_, x)| !x.is_alphanumeric())
                        .map(|(k, _)| k)
                        .unwrap_or(rest.len());
                    let tail = &rest[..word_end];
                    if matches!(tail, "s" | "S" | "t" | "ll" | "re" | "ve" | "d" | "m") {
                        break;
                    }
                }
                if !numeric && d == '.' {
                    // "U.S", "J.R" : periods only between single letters
                    let word_start = token_start_of(text, i, j);
                    let seg = &text[word_start..j];
                    if seg.chars().count() != 1 || !n.is_alphabetic() {
                        break;
                    }
                    let after_n = after + n.len_utf8();
                    let next2 = text[after_n..].chars().next();
                    if next2.is_some_and(is_word_char) {
                        break;
                    }
                }
                if !numeric && d == '&' {
                    // "AT&T", "S&P": only between capitals
                    let prev = text[..j].chars().next_back().unwrap_or(' ');
                    if !(prev.is_uppercase() && n.is_uppercase()) {
                        break;
                    }
                }
                iter.next();
                let _ = n;
                end = after;
            }
            // trailing period on abbreviations
            if !numeric && end < bytes.len() && bytes[end] == b'.' {
                let w = &text[i..end];
                if is_dotted_initials(w) || abbreviations().contains(w) {
                    end += 1;
                    iter.next();
                }
            }
            tokens.push(Token {
                start: i,
                end,
                kind: if numeric {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
            });
            continue;
        }
        // "'s" possessive as its own token
        if (c == '\'' || c == '’') && !tokens.is_empty() {
            let after = i + c.len_utf8();
            let rest = &text[after..];
            let wl = rest
                .char_indices()
                .find(|(_, x)| !x.is_alphanumeric())
                .map(|(k, _)| k)
                .unwrap_or(rest.len());
            let prev_end = tokens.last().map(|t: &Token| t.end).unwrap_or(0);
            if prev_end == i
                && matches!(
                    &rest[..wl],
                    "s" | "S" | "t" | "ll" | "re" | "ve" | "d" | "m"
                )
            {
                let end = after + wl;
                while iter.peek().is_some_and(|&(k, _)| k < end) {
                    iter.next();
                }
                tokens.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Word,
                });
                continue;
            }
        }
        iter.next();
        // "..." as one token
        if c == '.' && text[i..].starts_with("...") {
            iter.next();
            iter.next();
            tokens.push(Token {
                start: i,
                end: i + 3,
                kind: TokenKind::Punct,
            });
            continue;
        }
        tokens.push(Token {
            start: i,
            end: i + c.len_utf8(),
            kind: TokenKind::Punct,
        });
    }
    tokens
}

/// Start of the current run of word characters that ends at `upto`,
/// not going before `floor`.
fn token_start_of(text: &str, floor: usize, upto: usize) -> usize {
    let mut s = upto;
    for (k, ch) in text[floor..upto].char_indices().rev() {
        if is_word_char(ch) {
            s = floor + k;
        } else {
            break;
        }
    }
    s
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

/// The sport names of `data/reader/sports.txt`, each split into its words.
fn sports_words() -> &'static [Vec<&'static str>] {
    static S: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    S.get_or_init(|| {
        crate::data::lines(include_str!("../data/reader/sports.txt"))
            .map(|l| l.split(' ').collect())
            .collect()
    })
}

/// Does a sport's name stand among the first words of `line`?
fn names_a_sport(line: &str) -> bool {
    let sports = sports_words();
    let longest = sports.iter().map(Vec::len).max().unwrap_or(1);
    let line = line.to_lowercase();
    // a name must start within the first six words
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5 + longest)
        .collect();
    sports
        .iter()
        .any(|sw| words.windows(sw.len()).take(6).any(|w| w == sw.as_slice()))
}

/// Phrases that mark a line as page furniture wherever it stands.
fn furniture_phrases() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| crate::data::lines(include_str!("../data/reader/furniture.txt")).collect())
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
fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let lines = line_ranges(text);
    let kinds = classify_lines(text, &lines);
    let mut sentences = Vec::new();
    let mut ti = 0;
    let mut li = 0;
    while li < lines.len() {
        // merge hard-wrapped lines into one block
        let block_start = lines[li].start;
        let kind = kinds[li];
        let mut lj = li;
        while lj + 1 < lines.len()
            && kinds[lj + 1] == kind
            && continues(text, &lines[lj], &lines[lj + 1])
        {
            lj += 1;
        }
        let block_end = lines[lj].end;
        li = lj + 1;
        let first = ti;
        while ti < tokens.len() && tokens[ti].start < block_end {
            ti += 1;
        }
        let toks = first..ti;
        if toks.is_empty() {
            continue;
        }
        let _ = block_start;
        split_block(text, tokens, toks, kind, &mut sentences);
    }
    sentences
}

/// Does line `b` continue the sentence of line `a` (hard wrapping)?
fn continues(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    if text[a.end..b.start].matches('\n').count() > 1 {
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

/// Non-empty lines as byte ranges (without the line break).
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            push_line(text, start, i, &mut out);
            start = i + 1;
        }
    }
    push_line(text, start, text.len(), &mut out);
    out
}

fn push_line(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let line = &text[start..end];
    if line
        .chars()
        .any(|c| !(c.is_whitespace() || is_invisible(c)))
    {
        out.push(start..end);
    }
}

/// Letters of a line: (upper, lower).
fn case_counts(line: &str) -> (usize, usize) {
    let mut up = 0;
    let mut low = 0;
    for c in line.chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    (up, low)
}

/// Headline, body or furniture for each line.
///
/// All-capital lines before the first mixed-case line are the article's own
/// headline and dateline. An all-capital line of several words after the body
/// has started is an inserted headline of another story or a promotion, and
/// so is any line holding a furniture phrase ("CLICK HERE", "READ MORE").
fn classify_lines(text: &str, lines: &[Range<usize>]) -> Vec<LineKind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut body_started = false;
    for (n, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        let next_lower = lines.get(n + 1).is_some_and(|nx| {
            text[nx.clone()]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        });
        let (up, low) = case_counts(line);
        let upper_line = up >= 8 && low * 20 <= up;
        let words = line.split_whitespace().count();
        let promo = upper_line && {
            let upper_text = line.to_uppercase();
            furniture_phrases().iter().any(|p| upper_text.contains(p))
        };
        let kind = if promo || (body_started && upper_line && words >= 4 && !looks_like_table(line))
        {
            LineKind::Furniture
        } else if !body_started
            && !next_lower
            && (upper_line || words <= 12 && !line.trim_end().ends_with('.'))
        {
            LineKind::Headline
        } else {
            LineKind::Body
        };
        if kind == LineKind::Body && low > 0 {
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

/// Split one block of tokens into sentences.
fn split_block(
    text: &str,
    tokens: &[Token],
    toks: Range<usize>,
    line: LineKind,
    out: &mut Vec<Sentence>,
) {
    let tstr = |k: usize| &text[tokens[k].start..tokens[k].end];
    let mut sent_first = toks.start;
    let mut k = toks.start;
    let mut first_in_line = true;
    while k < toks.end {
        let s = tstr(k);
        let mut boundary_after: Option<usize> = None;
        if matches!(s, "." | "!" | "?" | "..." | "…") {
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
        } else if s.ends_with('.') && s.len() > 1 && k + 1 < toks.end {
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
            k = e + 1;
        } else {
            k += 1;
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

    #[test]
    fn lines_and_furniture() {
        let text = "KIM GOES TO RUSSIA\nMOSCOW 2023-09-11\nKim is going to Russia.\nCHICAGO LAWMAKER LEADS DEMOCRATIC REBELLION\nPutin waits.\nCLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER\n";
        let d = Document::new(text);
        let kinds: Vec<_> = d
            .sentences
            .iter()
            .map(|s| (d.slice(s.start, s.end), s.line))
            .collect();
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
