//! Lexicons: the word lists under `data/lexicon/`, merged at compile time by
//! `build.rs` into one sorted table and embedded in the binary.
//!
//! Keys are normalised (lower case, white space removed), so "North Korea",
//! "NORTH KOREA" and the CoNLL-tokenised "People 's" all find their entry;
//! [`Entry::surface`] keeps a listed spelling for case checks ("US" is the
//! country, "us" is not).

use std::sync::OnceLock;

static TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.tsv"));

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
#[derive(Debug, Clone, Default)]
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

fn table() -> &'static [Entry] {
    static T: OnceLock<Vec<Entry>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v = Vec::with_capacity(TABLE.len() / 30);
        for line in TABLE.lines() {
            let mut f = line.split('\t');
            let mut next = || f.next().unwrap_or("");
            let key = next();
            let surface = next();
            let flags = next();
            let e = Entry {
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
            };
            v.push(e);
        }
        v
    })
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

/// Look up a normalised key.
pub fn get(key: &str) -> Option<&'static Entry> {
    let t = table();
    t.binary_search_by(|e| e.key.cmp(key)).ok().map(|i| &t[i])
}

/// Look up any surface form.
pub fn lookup(form: &str) -> Option<&'static Entry> {
    let mut k = String::with_capacity(form.len());
    normalise_into(form, &mut k);
    get(&k)
}

/// Number of entries (for tests and diagnostics).
pub fn len() -> usize {
    table().len()
}

/// Make sure the table is loaded (for benchmarks of start-up cost).
pub fn load() {
    let _ = table();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_so_binary_search_works() {
        let t = table();
        assert!(t.windows(2).all(|w| w[0].key < w[1].key));
    }

    #[test]
    fn normalisation_ignores_case_and_spaces() {
        let mut k = String::new();
        normalise_into("North  KOREA", &mut k);
        assert_eq!(k, "northkorea");
    }
}
