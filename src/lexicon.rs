//! Lexicons: the word lists under `data/lexicon/`, merged at compile time by
//! `build.rs` into one sorted table and embedded in the binary, with an index
//! of line offsets: a look-up is a binary search in place and parses only the
//! line it finds, so start-up costs nothing.
//!
//! Keys are normalised (lower case, white space removed), so "North Korea",
//! "NORTH KOREA" and the CoNLL-tokenised "People 's" all find their entry;
//! [`Entry::surface`] keeps a listed spelling for case checks ("US" is the
//! country, "us" is not).

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.tsv"));
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.idx"));

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
    /// Readings of an ambiguous word ("month,person").
    pub ambiguous: Option<&'static str>,
    pub conll: Option<TypeCounts>,
    /// Canonical full name of a well-known person alias.
    pub person: Option<&'static str>,
}

impl Entry {
    /// Listed in capitals only ("NATO", "US"): must be written so in text.
    pub fn is_acronym(&self) -> bool {
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
    let mut f = line.split('\t');
    let mut next = || f.next().unwrap_or("");
    let key = next();
    let surface = next();
    let flags = next();
    Entry {
        key,
        surface,
        given: flags.contains('g'),
        surname: flags.contains('s'),
        common: flags.contains('c'),
        place: pair(next()),
        org: pair(next()),
        demonym: opt(next()),
        title: opt(next()),
        org_keyword: opt(next()),
        ambiguous: opt(next()),
        conll: counts(next()),
        person: opt(next()),
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

fn key_of(line: &str) -> &str {
    line.split_once('\t').map_or(line, |(k, _)| k)
}

/// Normalise a form the way the table keys are: lower case, no white space.
pub fn normalise_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            c if c.is_whitespace() => {}
            '’' | '‘' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Compare a line's key (up to its first tab) with a key, byte-wise.
fn cmp_key(line: &str, key: &str) -> std::cmp::Ordering {
    let l = line.as_bytes();
    let k = key.as_bytes();
    let mut i = 0;
    loop {
        let a = l.get(i).copied().filter(|&b| b != b'\t');
        let b = k.get(i).copied();
        match (a, b) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x != y => return x.cmp(&y),
            _ => i += 1,
        }
    }
}

/// Index of the first line whose key is not less than `key`.
fn lower_bound(key: &str) -> usize {
    let (mut lo, mut hi) = (0, len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cmp_key(line(mid), key) == std::cmp::Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Look up a normalised key.
pub fn get(key: &str) -> Option<Entry> {
    probe(key).0
}

/// Look up a normalised key, and say whether some longer key starts with it
/// (so a longest-match search knows when to stop).
pub fn probe(key: &str) -> (Option<Entry>, bool) {
    let i = lower_bound(key);
    if i >= len() {
        return (None, false);
    }
    let l = line(i);
    let exact = cmp_key(l, key) == std::cmp::Ordering::Equal;
    let next = if exact { i + 1 } else { i };
    let extends = next < len() && key_of(line(next)).starts_with(key);
    (exact.then(|| parse_line(l)), extends)
}

/// Look up any surface form.
pub fn lookup(form: &str) -> Option<Entry> {
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
