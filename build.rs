//! Compiles the lexicons under `data/lexicon/` into one compact table.
//!
//! Every list (places, organisations, names, titles, demonyms, common words,
//! the CoNLL training names...) is merged into one table keyed by the
//! normalised form (lower case, white space removed), sorted, and written to
//! `$OUT_DIR/lexicon.tsv`, with an index of line offsets and a trie from
//! each key to its line. The library embeds all three and reads them in
//! place, so start-up costs nothing rather than building maps from ten files.

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::Path;

#[derive(Default)]
struct Rec {
    surface: String,
    place: String, // kind:canonical
    org: String,   // kind:canonical
    demonym: String,
    given: bool,
    surname: bool,
    title: String,
    org_kw: String,
    common: bool,
    ambiguous: String,
    conll: String,
    person: String, // canonical full name for known people aliases
}

fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '’' | '‘') { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn rows(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let path = dir.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let Ok(text) = fs::read_to_string(&path) else {
        println!("cargo:warning=lexicon {name} missing; built without it");
        return Vec::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect()
}

fn entry<'a>(table: &'a mut BTreeMap<String, Rec>, surface: &str) -> &'a mut Rec {
    let r = table.entry(key(surface)).or_default();
    if r.surface.is_empty() {
        r.surface = surface.to_string();
    }
    r
}

fn main() {
    let dir = Path::new("data/lexicon");
    println!("cargo:rerun-if-changed=data/lexicon");
    let mut table: BTreeMap<String, Rec> = BTreeMap::new();
    // order matters only for which surface is kept: most reliable lists first
    for r in rows(dir, "places.tsv") {
        let canon = r.get(2).filter(|c| !c.is_empty()).unwrap_or(&r[0]).clone();
        let kind = r.get(1).cloned().unwrap_or_default();
        let e = entry(&mut table, &r[0]);
        if e.place.is_empty() {
            e.place = format!("{kind}:{canon}");
        }
    }
    for r in rows(dir, "organisations.tsv") {
        let canon = r.get(1).filter(|c| !c.is_empty()).unwrap_or(&r[0]).clone();
        let kind = r.get(2).cloned().unwrap_or_default();
        let e = entry(&mut table, &r[0]);
        if e.org.is_empty() {
            e.org = format!("{kind}:{canon}");
        }
    }
    for r in rows(dir, "demonyms.tsv") {
        let of = r.get(1).cloned().unwrap_or_default();
        entry(&mut table, &r[0]).demonym = of;
    }
    for r in rows(dir, "given_names.txt") {
        entry(&mut table, &r[0]).given = true;
    }
    for r in rows(dir, "surnames.txt") {
        entry(&mut table, &r[0]).surname = true;
    }
    for r in rows(dir, "titles.txt") {
        let kind = r.get(1).cloned().unwrap_or_else(|| "role".into());
        let e = entry(&mut table, &r[0]);
        if e.title.is_empty() {
            e.title = kind;
        }
    }
    for r in rows(dir, "org_keywords.txt") {
        let pos = r.get(1).cloned().unwrap_or_else(|| "head".into());
        let e = entry(&mut table, &r[0]);
        if !e.org_kw.contains(&pos) {
            if !e.org_kw.is_empty() {
                e.org_kw.push(',');
            }
            e.org_kw.push_str(&pos);
        }
    }
    for r in rows(dir, "ambiguous.tsv") {
        entry(&mut table, &r[0]).ambiguous = r.get(1).cloned().unwrap_or_default();
    }
    // WHOMET_NO_CORPUS_NAMES=1 builds without the CoNLL training names, to
    // measure how the curated lexicons alone fare (a stand-in for unseen news)
    println!("cargo:rerun-if-env-changed=WHOMET_NO_CORPUS_NAMES");
    let corpus = if env::var_os("WHOMET_NO_CORPUS_NAMES").is_some() {
        Vec::new()
    } else {
        rows(dir, "conll_names.tsv")
    };
    for r in corpus {
        let e = entry(&mut table, &r[0]);
        e.conll = r.get(1).cloned().unwrap_or_default();
        // corpus headlines are in capitals: keep a mixed-case spelling
        if !e.surface.chars().any(char::is_lowercase) && r[0].chars().any(char::is_lowercase) {
            e.surface = r[0].clone();
        }
    }
    // common words are keyed in lower case only: they must not overwrite the
    // surface of a name list entry
    for r in rows(dir, "common_words.txt") {
        let k = key(&r[0]);
        let e = table.entry(k).or_default();
        if e.surface.is_empty() {
            e.surface = r[0].clone();
        }
        e.common = true;
    }
    let mut out = String::with_capacity(table.len() * 40);
    for (k, r) in &table {
        let flags = format!(
            "{}{}{}",
            if r.given { "g" } else { "" },
            if r.surname { "s" } else { "" },
            if r.common { "c" } else { "" }
        );
        let cols = [
            k.as_str(),
            &r.surface,
            &flags,
            &r.place,
            &r.org,
            &r.demonym,
            &r.title,
            &r.org_kw,
            &r.ambiguous,
            &r.conll,
            &r.person,
        ];
        for (i, c) in cols.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            out.push_str(&c.replace(['\t', '\n'], " "));
        }
        out.push('\n');
    }
    // line offsets, so the library can binary-search the table in place
    // without parsing it at start-up
    let mut idx = Vec::with_capacity(table.len() * 4);
    let mut at = 0u32;
    for line in out.split_inclusive('\n') {
        idx.extend_from_slice(&at.to_le_bytes());
        at += line.len() as u32;
    }
    // a trie from each key to its line: a look-up walks it byte by byte,
    // and a longest-match search can go on from where the previous token
    // ended (see `trie` for the layout)
    let (nodes, tails) = trie(table.keys().map(String::as_bytes));
    let dir = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&dir).join("lexicon.tsv"), out).unwrap();
    fs::write(Path::new(&dir).join("lexicon.idx"), idx).unwrap();
    fs::write(Path::new(&dir).join("lexicon.trie"), nodes).unwrap();
    fs::write(Path::new(&dir).join("lexicon.tails"), tails).unwrap();
}

/// The trie of `keys` (sorted, unique) as one flat array the library
/// reads in place, and the bytes of the keys' tails: see below.
///
/// The array holds a little-endian u64 a node: the byte on the edge into
/// the node (bits 0..8), its number of children (8..16), the number of its
/// first child (16..40) and the line of the key ending at it (40..64; all
/// ones for none). A node's children are consecutive, sorted by label.
///
/// Most keys end in a tail of their own: past the last node another key
/// shares, one child after another down to a leaf ("...divostok"), two
/// thirds of the nodes. A tail is no nodes but its bytes in the second
/// array, followed by a 0 and the line of its key (three bytes, little
/// endian); the node it hangs from has no children and, as its first
/// child, where its tail starts (never 0: the array starts with a 0 that
/// no tail uses). The trie takes 1.4 MB instead of 2.6 (a core's L2 cache
/// holds 2), and a walk down a tail reads a byte a letter, not eight.
///
/// Node 0 is no node (no children, no line), so that the library's cursor,
/// a node number, is never 0 and an optional cursor takes no more room
/// than one. The root is node 1 and its children come next; then, depth
/// first, each node's children right after the subtree of its elder
/// sibling. So the children of a node with one child come right after it,
/// where numbered breadth first every step was a read from another part of
/// a megabytes-long array.
fn trie<'a>(keys: impl Iterator<Item = &'a [u8]>) -> (Vec<u8>, Vec<u8>) {
    // a tree first: children in the order inserted, which for sorted keys
    // is sorted, and a byte already there is the last child inserted
    struct Node {
        children: Vec<(u8, usize)>,
        line: u32,
    }
    let mut tree = vec![Node {
        children: Vec::new(),
        line: u32::MAX,
    }];
    for (line, key) in keys.enumerate() {
        let mut at = 0;
        for &b in key {
            at = match tree[at].children.last() {
                Some(&(l, child)) if l == b => child,
                _ => {
                    tree.push(Node {
                        children: Vec::new(),
                        line: u32::MAX,
                    });
                    let child = tree.len() - 1;
                    tree[at].children.push((b, child));
                    child
                }
            };
        }
        tree[at].line = line as u32;
    }
    const NONE: u64 = (1 << 24) - 1;
    assert!(tree.len() < 1 << 24, "trie node numbers fit 24 bits");
    // does a tail run from a node down: single children, one after
    // another, to a leaf, where alone a key ends? (A child comes after
    // its parent in `tree`: decided from the leaves up.)
    let mut chain = vec![false; tree.len()];
    for n in (0..tree.len()).rev() {
        let node = &tree[n];
        chain[n] = match node.children[..] {
            [] => node.line != u32::MAX,
            [(_, c)] => node.line == u32::MAX && chain[c],
            _ => false,
        };
    }
    // the tails' bytes, each followed by a 0 and its key's line, and where
    // the tail hanging from each placed node that has one starts
    let mut tails = vec![0u8];
    let mut tail_at = vec![0u32; tree.len()];
    // numbered as placed: (tree node, label) in the order of the records
    // (the tree's root stands for node 0 too: a record with no children)
    let mut order = vec![(0usize, 0u8), (0usize, 0u8)];
    // the first child of each placed node, by its number
    let mut firsts = vec![0u32, 0u32];
    // placed nodes whose children are still to be placed, the next on top
    let mut pending = vec![1usize];
    while let Some(at) = pending.pop() {
        let (n, _) = order[at];
        if let &[(label, c)] = &tree[n].children[..] {
            if chain[c] {
                // a tail hangs from here: its bytes, not its nodes
                tail_at[n] = tails.len() as u32;
                tails.push(label);
                let mut end = c;
                while let Some(&(label, next)) = tree[end].children.first() {
                    tails.push(label);
                    end = next;
                }
                assert!((tree[end].line as u64) < NONE, "line numbers fit 24 bits");
                tails.push(0);
                tails.extend_from_slice(&tree[end].line.to_le_bytes()[..3]);
                continue;
            }
        }
        firsts[at] = order.len() as u32;
        let from = order.len();
        order.extend(tree[n].children.iter().map(|&(l, c)| (c, l)));
        firsts.resize(order.len(), 0);
        // the first child's subtree next: pushed last
        pending.extend((from..order.len()).rev());
    }
    assert!(tails.len() < 1 << 24, "tail offsets fit 24 bits");
    let mut records = Vec::with_capacity(order.len() * 8);
    for (at, &(n, label)) in order.iter().enumerate() {
        if at == 0 {
            records.extend_from_slice(&(NONE << 40).to_le_bytes());
            continue;
        }
        let node = &tree[n];
        let line = if node.line == u32::MAX {
            NONE
        } else {
            assert!((node.line as u64) < NONE, "line numbers fit 24 bits");
            node.line as u64
        };
        let (count, first) = if tail_at[n] != 0 {
            (0, tail_at[n] as u64)
        } else if node.children.is_empty() {
            (0, 0)
        } else {
            (node.children.len(), firsts[at] as u64)
        };
        assert!(count < 256, "a node's children fit 8 bits");
        let record = label as u64 | (count as u64) << 8 | first << 16 | line << 40;
        records.extend_from_slice(&record.to_le_bytes());
    }
    (records, tails)
}
