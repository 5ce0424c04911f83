//! Saved web pages: keep only the article (headline and body paragraphs)
//! and find its date.
//!
//! The page is parsed with html5ever (through `scraper`), the way a
//! browser would, broken markup included. The article is then found the
//! way Firefox Reader View (Mozilla Readability) finds it:
//!
//! 1. elements that are never content (scripts, styles, forms, `nav`,
//!    `aside`, `footer`, hidden elements, ARIA navigation roles) are
//!    dropped, and so are elements whose class or id names page furniture
//!    (`data/html/unlikely.txt`: nav, menu, footer, sidebar, related,
//!    comment, promo, cookie, share, social, ad, ...) unless they hold the
//!    article itself;
//! 2. every paragraph of 25 characters or more scores 1 + its commas +
//!    one point a hundred characters (at most 3); its parent gets the
//!    score, its grandparent half, older ancestors less;
//! 3. each scored block starts from a base for its tag and its class
//!    (`article`, `main` and `itemprop="articleBody"` are preferred,
//!    furniture words penalised), and its score is scaled down by its
//!    link density;
//! 4. the best block, with those of its siblings that score well or are
//!    plain paragraphs, is the article; link-dense blocks and short
//!    boilerplate lines (`data/html/boilerplate.txt`) inside it are
//!    dropped.
//!
//! If that keeps too little text the search is run again without the
//! class-name rule, and then the JSON-LD `articleBody` is used.
//!
//! Every walk over the tree uses an explicit stack or an index loop, so
//! deeply nested pages cannot overflow the stack, and all the work is
//! linear in the size of the page (which is capped at [`MAX_INPUT_BYTES`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::civil::Date;
use regex::Regex;
use scraper::{Html, Node};

/// The article found in a web page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The headline, if the page has one.
    pub title: Option<String>,
    /// The headline on its own line, a blank line, then the body
    /// paragraphs separated by blank lines; ends with one newline (empty
    /// when nothing was found).
    pub text: String,
    /// The publication date: `article:published_time`, `<time datetime>`,
    /// JSON-LD `datePublished`, or a visible dateline, in that order.
    pub date: Option<Date>,
}

/// Pages longer than this are cut (at a character boundary) before they
/// are parsed: the article is at the top of any real page, and the cut
/// keeps time and memory bounded.
pub const MAX_INPUT_BYTES: usize = 4 << 20;

/// Whether text (the start of a file is enough) is an HTML page: it
/// starts with markup (after white space or a byte-order mark) and has a
/// `<!doctype html` or `<html` in its first kilobyte, in any case.
pub fn looks_like_html(prefix: &str) -> bool {
    let bytes = prefix.as_bytes();
    let head = &bytes[..bytes.len().min(1024)];
    // a page starts with markup (a doctype, a comment, an XML declaration);
    // prose that merely mentions "<html>" does not
    let start = head
        .strip_prefix("\u{FEFF}".as_bytes())
        .unwrap_or(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if start != Some(&b'<') {
        return false;
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    contains(&lower, b"<!doctype html") || contains(&lower, b"<html")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Extract the article from a web page. Never panics; a page that is
/// really binary (NUL bytes) or holds no text gives an empty article.
pub fn extract(html: &str) -> HtmlArticle {
    if html.as_bytes().contains(&0) {
        return HtmlArticle::default();
    }
    let html = cut(html, MAX_INPUT_BYTES);
    let html = cap_depth(html, MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let page = Page::new(&doc);
    page.article()
}

/// Elements nested deeper than this are flattened before parsing: the
/// HTML tree builder looks through all open elements for some tags, which
/// is quadratic in the nesting depth. Browsers cap depth near 512 too.
pub const MAX_DEPTH: usize = 400;

/// Elements that never hold content or whose end tag is implied, so they
/// do not deepen the tree in the depth estimate.
fn is_shallow(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "tr"
            | "td"
            | "th"
            | "image"
            | "keygen"
    )
}

/// A guard before the real parse, not a parser: scan the tags and, when
/// start tags nest deeper than `max`, leave out the start tags below that
/// depth and their end tags. Pages within the limit are returned as they
/// are. Linear in the length of the page.
fn cap_depth(s: &str, max: usize) -> Cow<'_, str> {
    match depth_scan(s, max, false) {
        None => Cow::Borrowed(s),
        Some(_) => Cow::Owned(depth_scan(s, max, true).unwrap_or_default()),
    }
}

/// With `write` unset: `None` when the page stays within `max`, else
/// `Some` (empty). With `write` set: the page with the excess tags left
/// out.
fn depth_scan(s: &str, max: usize, write: bool) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut copied = 0usize; // bytes of `s` before this are in `out`
    let mut depth = 0usize;
    let mut skipped: HashMap<String, usize> = HashMap::new();
    let mut deep = false;
    let mut i = 0usize;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        i = lt + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = s[name_start..name_start + name_len].to_ascii_lowercase();
        // the end of the tag: the first '>' outside quotes
        let mut j = name_start + name_len;
        let mut quote = 0u8;
        while j < b.len() {
            let c = b[j];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            j += 1;
        }
        let end = (j + 1).min(b.len());
        let self_closing = j > 0 && b.get(j - 1) == Some(&b'/');
        i = end;
        let mut drop_tag = false;
        if closing {
            match skipped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    drop_tag = true;
                }
                _ => {
                    if !is_shallow(&name) {
                        depth = depth.saturating_sub(1);
                    }
                }
            }
        } else if !self_closing && !is_shallow(&name) {
            if depth >= max {
                deep = true;
                if !write {
                    return Some(String::new());
                }
                *skipped.entry(name.clone()).or_default() += 1;
                drop_tag = true;
            } else {
                depth += 1;
            }
            if matches!(
                name.as_str(),
                "script" | "style" | "textarea" | "title" | "xmp" | "noscript" | "iframe"
            ) {
                // raw text: jump to its end tag
                let close = format!("</{name}");
                i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
            }
        }
        if write && drop_tag {
            out.push_str(&s[copied..lt]);
            copied = end;
        }
    }
    if !write {
        return if deep { Some(String::new()) } else { None };
    }
    out.push_str(&s[copied..]);
    Some(out)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

// ---------------------------------------------------------------------
// The page as a flat tree: nodes in document order, so a node's parent
// always has a smaller index and its descendants follow it.

const NONE: usize = usize::MAX;

enum Kind<'a> {
    Element(&'a scraper::node::Element),
    Text(&'a str),
}

struct FlatNode<'a> {
    kind: Kind<'a>,
    /// the element's name ("" for text)
    tag: &'a str,
    block: bool,
    parent: usize,
    children: Vec<usize>,
}

/// Why an element is left out of the article.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Drop {
    Keep,
    /// never content, whatever its place (script, nav, hidden, ...)
    Hard,
    /// its class or id names page furniture
    Furniture,
    /// a byline or author box: not text, but may hold the date
    Byline,
}

struct Page<'a> {
    nodes: Vec<FlatNode<'a>>,
    body: usize,
    /// collapsed text length of each text node (0 for elements)
    own_len: Vec<usize>,
    own_commas: Vec<usize>,
    /// the drop reason of each node itself (not inherited)
    own_drop: Vec<Drop>,
    /// the class/id weight of each element (+25 article-like, -25
    /// furniture-like, for the class and the id each)
    weight: Vec<f64>,
    /// furniture elements kept because they hold the article
    kept: std::cell::OnceCell<Vec<bool>>,
}

/// Text counts of every node under one choice of dropped nodes.
struct Stats {
    gone: Vec<bool>,
    text: Vec<usize>,
    link: Vec<usize>,
    commas: Vec<usize>,
    has_block_child: Vec<bool>,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Html) -> Self {
        let mut nodes: Vec<FlatNode<'a>> = Vec::new();
        // The ancestors of the current node as (ego_tree id, flat index):
        // descendants() is pre-order, so a node's parent is on this stack.
        let mut open = Vec::new();
        let mut body = NONE;
        for n in doc.tree.root().descendants() {
            let kind = match n.value() {
                Node::Element(e) => Kind::Element(e),
                Node::Text(t) => Kind::Text(&t.text),
                _ => continue,
            };
            let Some(pid) = n.parent().map(|p| p.id()) else {
                continue;
            };
            while open.last().is_some_and(|&(id, _)| id != pid) {
                open.pop();
            }
            let parent = open.last().map(|&(_, i)| i).unwrap_or(NONE);
            let i = nodes.len();
            if parent == NONE && !matches!(n.parent().map(|p| p.value()), Some(Node::Document)) {
                // under a skipped node: cannot happen for html5ever trees
                continue;
            }
            if matches!(kind, Kind::Element(_)) {
                open.push((n.id(), i));
            }
            if parent != NONE {
                nodes[parent].children.push(i);
            }
            if body == NONE {
                if let Kind::Element(e) = kind {
                    if e.name() == "body" {
                        body = i;
                    }
                }
            }
            let tag = match kind {
                Kind::Element(e) => e.name(),
                Kind::Text(_) => "",
            };
            nodes.push(FlatNode {
                kind,
                tag,
                block: is_block(tag),
                parent,
                children: Vec::new(),
            });
        }
        let mut own_len = vec![0; nodes.len()];
        let mut own_commas = vec![0; nodes.len()];
        let mut own_drop = vec![Drop::Keep; nodes.len()];
        let mut weight = vec![0.0; nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            match n.kind {
                Kind::Text(t) => {
                    own_len[i] = collapsed_len(t);
                    own_commas[i] = t.chars().filter(|&c| c == ',' || c == '，').count();
                }
                Kind::Element(e) => {
                    own_drop[i] = drop_of(e);
                    weight[i] = class_weight(e);
                }
            }
        }
        Page {
            nodes,
            body,
            own_len,
            own_commas,
            own_drop,
            weight,
            kept: std::cell::OnceCell::new(),
        }
    }

    fn kept_furniture(&self) -> &[bool] {
        self.kept.get_or_init(|| {
            let s = self.stats(true);
            (0..self.nodes.len())
                .map(|i| {
                    let p = self.nodes[i].parent;
                    self.own_drop[i] != Drop::Keep && !s.gone[i] && (p == NONE || !s.gone[p])
                })
                .collect()
        })
    }

    fn el(&self, i: usize) -> Option<&'a scraper::node::Element> {
        match self.nodes.get(i)?.kind {
            Kind::Element(e) => Some(e),
            Kind::Text(_) => None,
        }
    }

    fn tag(&self, i: usize) -> &'a str {
        self.nodes.get(i).map_or("", |n| n.tag)
    }

    fn is_article_body(&self, i: usize) -> bool {
        self.el(i)
            .and_then(|e| e.attr("itemprop"))
            .is_some_and(|v| v.split_whitespace().any(|w| w == "articleBody"))
    }

    /// Count text under each node, leaving out hard-dropped nodes and,
    /// when `furniture` is set, furniture that does not hold the article.
    fn stats(&self, furniture: bool) -> Stats {
        let n = self.nodes.len();
        let mut gone = vec![false; n];
        for i in 0..n {
            let p = self.nodes[i].parent;
            let d = self.own_drop[i];
            gone[i] = (p != NONE && gone[p])
                || d == Drop::Hard
                || (furniture && matches!(d, Drop::Furniture | Drop::Byline) && i != self.body);
        }
        if furniture {
            // A furniture element that holds the article (a wrapper named
            // "page has-sidebar", say) is kept: it contains <main>, the
            // articleBody or an <article> that is not itself furniture, or
            // most of the page's paragraph text.
            let hard = self.stats(false);
            let mut holds = vec![false; n];
            let mut p_len = vec![0usize; n];
            for i in (0..n).rev() {
                let p = self.nodes[i].parent;
                if p == NONE || hard.gone[i] {
                    continue;
                }
                let tag = self.tag(i);
                let protects = tag == "main"
                    || self.is_article_body(i)
                    || (tag == "article" && self.own_drop[i] == Drop::Keep);
                if protects || holds[i] {
                    holds[p] = true;
                }
                p_len[p] += if tag == "p" { hard.text[i] } else { p_len[i] };
            }
            let total = if self.body != NONE {
                p_len[self.body]
            } else {
                0
            };
            let mut regone = vec![false; n];
            for i in 0..n {
                let p = self.nodes[i].parent;
                let d = self.own_drop[i];
                let furn = matches!(d, Drop::Furniture | Drop::Byline)
                    && i != self.body
                    && !holds[i]
                    && !(total > 0 && p_len[i] * 10 >= total * 6);
                regone[i] = (p != NONE && regone[p]) || d == Drop::Hard || furn;
            }
            gone = regone;
        }
        let mut text = vec![0usize; n];
        let mut link = vec![0usize; n];
        let mut commas = vec![0usize; n];
        let mut has_block_child = vec![false; n];
        for i in (0..n).rev() {
            if gone[i] {
                continue;
            }
            text[i] += self.own_len[i];
            commas[i] += self.own_commas[i];
            let p = self.nodes[i].parent;
            if p == NONE {
                continue;
            }
            let tag = self.tag(i);
            text[p] += text[i];
            link[p] += if tag == "a" { text[i] } else { link[i] };
            commas[p] += commas[i];
            if self.nodes[i].block {
                has_block_child[p] = true;
            }
        }
        // An unclosed <a> early in a broken page makes everything after it
        // a link; link density then means nothing.
        if self.body != NONE && link[self.body] * 10 > text[self.body] * 6 {
            link.iter_mut().for_each(|l| *l = 0);
        }
        Stats {
            gone,
            text,
            link,
            commas,
            has_block_child,
        }
    }

    fn link_density(&self, s: &Stats, i: usize) -> f64 {
        if s.text[i] == 0 {
            0.0
        } else {
            s.link[i] as f64 / s.text[i] as f64
        }
    }

    fn base_score(&self, i: usize) -> f64 {
        let tag = self.tag(i);
        let mut score = match tag {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            "article" => 10.0,
            "main" => 10.0,
            _ => 0.0,
        };
        if self.is_article_body(i) {
            score += 50.0;
        }
        score += self.weight[i];
        score
    }

    /// Readability's scoring: the indices of the blocks that make up the
    /// article, in document order.
    fn find_content(&self, s: &Stats) -> Vec<usize> {
        let n = self.nodes.len();
        let mut score: Vec<Option<f64>> = vec![None; n];
        for i in 0..n {
            if s.gone[i] {
                continue;
            }
            let tag = self.tag(i);
            let paragraph = matches!(tag, "p" | "pre" | "td")
                || (matches!(tag, "div" | "section" | "article") && !s.has_block_child[i]);
            if !paragraph || s.text[i] < 25 {
                continue;
            }
            let points = 1.0 + s.commas[i] as f64 + (s.text[i] / 100).min(3) as f64;
            let mut a = self.nodes[i].parent;
            let mut level = 0usize;
            while a != NONE && level < 5 {
                if self.el(a).is_none() || self.tag(a) == "html" {
                    break;
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                let cur = score[a].unwrap_or_else(|| self.base_score(a));
                score[a] = Some(cur + points / divider);
                a = self.nodes[a].parent;
                level += 1;
            }
        }
        let mut top = NONE;
        let mut top_score = f64::MIN;
        for (i, sc) in score.iter_mut().enumerate() {
            if let Some(v) = sc {
                *v *= 1.0 - self.link_density(s, i);
                if *v > top_score {
                    top_score = *v;
                    top = i;
                }
            }
        }
        if top == NONE {
            return if self.body != NONE {
                vec![self.body]
            } else {
                Vec::new()
            };
        }
        // A lone child stands for its parent.
        loop {
            let p = self.nodes[top].parent;
            if p == NONE || p == self.body || self.tag(p) == "html" {
                break;
            }
            let live = self.nodes[p]
                .children
                .iter()
                .filter(|&&c| !s.gone[c] && s.text[c] > 0)
                .count();
            if live != 1 {
                break;
            }
            top = p;
            if let Some(v) = score[p] {
                top_score = top_score.max(v);
            }
        }
        let parent = self.nodes[top].parent;
        if parent == NONE {
            return vec![top];
        }
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = self.el(top).and_then(|e| e.attr("class")).unwrap_or("");
        let mut out = Vec::new();
        for &c in &self.nodes[parent].children {
            if s.gone[c] || self.el(c).is_none() {
                continue;
            }
            if c == top {
                out.push(c);
                continue;
            }
            let mut bonus = 0.0;
            let class = self.el(c).and_then(|e| e.attr("class")).unwrap_or("");
            if !top_class.is_empty() && class == top_class {
                bonus = top_score * 0.2;
            }
            let append = if let Some(v) = score[c] {
                v + bonus >= threshold
            } else if self.tag(c) == "p" {
                let len = s.text[c];
                let ld = self.link_density(s, c);
                (len > 80 && ld < 0.25)
                    || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(&self.plain_text(c)))
            } else {
                false
            };
            if append {
                out.push(c);
            }
        }
        out
    }

    /// Whether a block inside the article is furniture all the same:
    /// link-dense lists and boxes (Readability's "clean conditionally").
    fn conditionally_dropped(&self, s: &Stats, i: usize) -> bool {
        let tag = self.tag(i);
        if self.el(i).is_none() {
            return false;
        }
        if !matches!(
            tag,
            "div" | "section" | "ul" | "ol" | "table" | "header" | "p" | "li" | "span"
        ) {
            return false;
        }
        let ld = self.link_density(s, i);
        if tag == "p" || tag == "li" || tag == "span" {
            return s.text[i] < 250 && ld > 0.8;
        }
        let weight = self.weight[i];
        if weight < 0.0 {
            return true;
        }
        if s.commas[i] >= 10 {
            return false;
        }
        (weight < 25.0 && ld > 0.33) || (weight >= 25.0 && ld > 0.5)
    }

    fn plain_text(&self, i: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            match self.nodes[j].kind {
                Kind::Text(t) => out.push_str(t),
                Kind::Element(e) => {
                    if matches!(e.name(), "script" | "style" | "template") {
                        continue;
                    }
                    stack.extend(self.nodes[j].children.iter().rev());
                }
            }
        }
        collapse(&out)
    }

    /// The body paragraphs under `roots`, leaving out dropped nodes.
    fn render(&self, s: &Stats, roots: &[usize], skip: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = Para::default();
        for &r in roots {
            // (node, entering)
            let mut stack = vec![(r, true)];
            while let Some((i, entering)) = stack.pop() {
                match self.nodes[i].kind {
                    Kind::Text(t) => {
                        if entering {
                            cur.push(t);
                        }
                    }
                    Kind::Element(e) => {
                        let tag = e.name();
                        if !entering {
                            if self.nodes[i].block {
                                cur.flush(&mut out);
                            }
                            continue;
                        }
                        if s.gone[i] || i == skip || self.conditionally_dropped(s, i) {
                            continue;
                        }
                        if tag == "br" {
                            cur.line_break();
                            continue;
                        }
                        if self.nodes[i].block {
                            cur.flush(&mut out);
                        }
                        stack.push((i, false));
                        for &c in self.nodes[i].children.iter().rev() {
                            stack.push((c, true));
                        }
                    }
                }
            }
            cur.flush(&mut out);
        }
        out.retain(|p| !is_boilerplate(p));
        out
    }

    fn article(&self) -> HtmlArticle {
        let meta = self.meta();
        let mut best: Option<(Stats, Vec<usize>, Vec<String>)> = None;
        let mut title_node = NONE;
        for furniture in [true, false] {
            let s = self.stats(furniture);
            let roots = self.find_content(&s);
            let t = self.title_node(&s, &roots, &meta);
            let paras = self.render(&s, &roots, t);
            let len: usize = paras.iter().map(|p| p.len()).sum();
            let better = match &best {
                None => true,
                Some((_, _, old)) => {
                    let old_len: usize = old.iter().map(|p| p.len()).sum();
                    len > old_len * 2 && old_len < 500
                }
            };
            if better {
                title_node = t;
                best = Some((s, roots, paras));
            }
            if len >= 500 {
                break;
            }
        }
        let (stats, roots, mut paras) = best.unwrap_or_else(|| (self.stats(false), vec![], vec![]));
        let body_len: usize = paras.iter().map(|p| p.len()).sum();
        if let Some(ab) = &meta.ld_body {
            if body_len < 100 && ab.len() > body_len * 2 {
                paras = ab
                    .split('\n')
                    .map(collapse)
                    .filter(|p| !p.is_empty())
                    .collect();
            }
        }
        let title = if title_node != NONE {
            Some(self.plain_text(title_node))
        } else {
            meta.fallback_title()
        }
        .filter(|t| !t.is_empty());
        if let Some(t) = &title {
            while paras.first().is_some_and(|p| same_text(p, t)) {
                paras.remove(0);
            }
        }
        let date = meta
            .published
            .or_else(|| self.time_date(&stats, &roots))
            .or(meta.ld_date)
            .or_else(|| self.visible_date(&stats, &paras));
        let mut text = String::new();
        if let Some(t) = &title {
            text.push_str(t);
            text.push('\n');
            if !paras.is_empty() {
                text.push('\n');
            }
        }
        text.push_str(&paras.join("\n\n"));
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        HtmlArticle { title, text, date }
    }

    /// The headline element: an `<h1>` that matches the page's declared
    /// title, else the first `<h1>` in or just around the article.
    fn title_node(&self, s: &Stats, roots: &[usize], meta: &Meta) -> usize {
        let mut in_content = NONE;
        let declared: Vec<String> = [&meta.og_title, &meta.ld_headline, &meta.doc_title]
            .into_iter()
            .flatten()
            .map(|t| t.to_lowercase())
            .collect();
        let region = self.article_region(roots);
        for i in 0..self.nodes.len() {
            if s.gone[i] || self.tag(i) != "h1" || s.text[i] == 0 {
                continue;
            }
            let text = self.plain_text(i).to_lowercase();
            if text.is_empty() {
                continue;
            }
            if declared
                .iter()
                .any(|d| d.contains(&text) || text.contains(d))
            {
                return i;
            }
            if in_content == NONE && region.iter().any(|&r| self.is_within(i, r)) {
                in_content = i;
            }
        }
        in_content
    }

    /// The article's roots widened to the nearest `<article>` or `<main>`
    /// around them (where the headline and date usually sit), or to their
    /// parent.
    fn article_region(&self, roots: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        for &r in roots {
            let mut a = r;
            let mut found = NONE;
            let mut steps = 0;
            while a != NONE && steps < 6 {
                if matches!(self.tag(a), "article" | "main") || self.is_article_body(a) {
                    found = a;
                    break;
                }
                a = self.nodes[a].parent;
                steps += 1;
            }
            if found == NONE {
                let p = self.nodes[r].parent;
                found = if p != NONE && p != self.body { p } else { r };
            }
            out.push(found);
        }
        out
    }

    fn is_within(&self, mut i: usize, root: usize) -> bool {
        // Ancestor walk: bounded by depth, done once per candidate only.
        let mut steps = 0;
        while i != NONE && steps < 100_000 {
            if i == root {
                return true;
            }
            i = self.nodes[i].parent;
            steps += 1;
        }
        false
    }

    /// The first `<time datetime>` marked as the publication time, else
    /// the first in the article's region, else the first outside
    /// furniture.
    fn time_date(&self, s: &Stats, roots: &[usize]) -> Option<Date> {
        let region = self.article_region(roots);
        let mut first_region = None;
        let mut first_any = None;
        for i in 0..self.nodes.len() {
            if self.tag(i) != "time" {
                continue;
            }
            let e = self.el(i)?;
            let Some(d) = e.attr("datetime").and_then(parse_date) else {
                continue;
            };
            // furniture (a rail of other stories) never gives the date;
            // a byline box may
            if self.dropped_as_furniture(i) {
                continue;
            }
            let marked = e
                .attr("itemprop")
                .is_some_and(|v| v.contains("datePublished"))
                || e.attr("pubdate").is_some()
                || e.attr("class").is_some_and(|c| c.contains("publish"));
            if marked {
                return Some(d);
            }
            if first_region.is_none() && region.iter().any(|&r| self.is_within(i, r)) {
                first_region = Some(d);
            }
            if first_any.is_none() && !s.gone[i] {
                first_any = Some(d);
            }
        }
        first_region.or(first_any)
    }

    /// Whether a node sits in furniture (a rail of other stories, a
    /// footer): such a node never gives the date. Furniture that holds the
    /// article (a "page has-sidebar" wrapper) does not count.
    fn dropped_as_furniture(&self, i: usize) -> bool {
        let kept = self.kept_furniture();
        let mut a = i;
        while a != NONE {
            if matches!(self.own_drop[a], Drop::Furniture) && a != self.body && !kept[a] {
                return true;
            }
            if self.own_drop[a] == Drop::Hard && !matches!(self.tag(a), "header") {
                return matches!(self.tag(a), "nav" | "aside" | "footer");
            }
            a = self.nodes[a].parent;
        }
        false
    }

    /// A date written out in a byline or date box, or in the first
    /// paragraphs ("Published March 4, 2024").
    fn visible_date(&self, _s: &Stats, paras: &[String]) -> Option<Date> {
        for i in 0..self.nodes.len() {
            let Some(e) = self.el(i) else { continue };
            let names = format!(
                "{} {}",
                e.attr("class").unwrap_or(""),
                e.attr("id").unwrap_or("")
            )
            .to_lowercase();
            let dateish = ["date", "time", "byline", "published", "timestamp", "posted"]
                .iter()
                .any(|w| names.contains(w));
            if !dateish || self.dropped_as_furniture(i) {
                continue;
            }
            let text = self.plain_text(i);
            if text.len() > 300 {
                continue;
            }
            if let Some(d) = text_date(&text) {
                return Some(d);
            }
        }
        paras.iter().take(3).find_map(|p| text_date(cut(p, 2000)))
    }

    fn meta(&self) -> Meta {
        let mut m = Meta::default();
        let mut published_rank = usize::MAX;
        for i in 0..self.nodes.len() {
            let Some(e) = self.el(i) else { continue };
            match e.name() {
                "meta" => {
                    let key = e
                        .attr("property")
                        .or_else(|| e.attr("name"))
                        .or_else(|| e.attr("itemprop"))
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    let Some(content) = e.attr("content") else {
                        continue;
                    };
                    let rank = PUBLISHED_KEYS.iter().position(|k| *k == key);
                    if let Some(r) = rank {
                        if r < published_rank {
                            if let Some(d) = parse_date(content) {
                                m.published = Some(d);
                                published_rank = r;
                            }
                        }
                    }
                    if (key == "og:title" || key == "twitter:title") && m.og_title.is_none() {
                        m.og_title = Some(collapse(content)).filter(|t| !t.is_empty());
                    }
                }
                "title" if m.doc_title.is_none() => {
                    m.doc_title = Some(self.plain_text(i)).filter(|t| !t.is_empty());
                }
                "script" => {
                    let ty = e.attr("type").unwrap_or("").to_ascii_lowercase();
                    if ty.contains("ld+json") {
                        let raw = self.plain_text_raw(i);
                        json_ld(&raw, &mut m);
                    }
                }
                _ => {}
            }
        }
        m
    }

    fn plain_text_raw(&self, i: usize) -> String {
        let mut out = String::new();
        for &c in &self.nodes[i].children {
            if let Kind::Text(t) = self.nodes[c].kind {
                out.push_str(t);
            }
        }
        out
    }
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.date",
    "pubdate",
    "publish-date",
];

#[derive(Default)]
struct Meta {
    published: Option<Date>,
    og_title: Option<String>,
    doc_title: Option<String>,
    ld_headline: Option<String>,
    ld_date: Option<Date>,
    ld_date_is_article: bool,
    ld_body: Option<String>,
}

impl Meta {
    fn fallback_title(&self) -> Option<String> {
        self.og_title
            .clone()
            .or_else(|| self.ld_headline.clone())
            .or_else(|| self.doc_title.as_deref().map(clean_doc_title))
    }
}

/// `<title>` text without the site name: of the parts split at " | ",
/// " - ", " – ", " — ", " :: " or " » ", the one with the most words.
fn clean_doc_title(t: &str) -> String {
    let mut parts = vec![t.to_string()];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let mut best = t.to_string();
    let mut words = 0;
    for p in parts {
        let w = p.split_whitespace().count();
        if w > words {
            words = w;
            best = p.trim().to_string();
        }
    }
    best
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "WebPage",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
];

/// Read one JSON-LD block: `datePublished`, `headline`, `articleBody` of
/// the article object, looked for in nested objects, arrays and `@graph`.
fn json_ld(raw: &str, m: &mut Meta) {
    if raw.len() > 2 << 20 {
        return;
    }
    let cleaned;
    let value: serde_json::Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(_) => {
            cleaned = raw
                .replace("<!--", "")
                .replace("-->", "")
                .replace("<![CDATA[", "")
                .replace("]]>", "");
            match serde_json::from_str(cleaned.trim().trim_end_matches(';')) {
                Ok(v) => v,
                Err(_) => return,
            }
        }
    };
    let mut stack = vec![&value];
    let mut seen = 0usize;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 100_000 {
            break;
        }
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                let is_article = match o.get("@type") {
                    Some(serde_json::Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                    Some(serde_json::Value::Array(ts)) => ts
                        .iter()
                        .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                    _ => false,
                };
                if let Some(d) = o
                    .get("datePublished")
                    .and_then(|d| d.as_str())
                    .and_then(parse_date)
                {
                    if m.ld_date.is_none() || (is_article && !m.ld_date_is_article) {
                        m.ld_date = Some(d);
                        m.ld_date_is_article = is_article;
                    }
                }
                if is_article {
                    if let Some(h) = o.get("headline").and_then(|h| h.as_str()) {
                        if m.ld_headline.is_none() {
                            m.ld_headline = Some(collapse(h)).filter(|t| !t.is_empty());
                        }
                    }
                    if let Some(b) = o.get("articleBody").and_then(|b| b.as_str()) {
                        if m.ld_body.is_none() {
                            m.ld_body = Some(b.to_string());
                        }
                    }
                }
                let mut kids: Vec<&serde_json::Value> = o
                    .values()
                    .filter(|v| v.is_object() || v.is_array())
                    .collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------
// Element classification

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

fn drop_of(e: &scraper::node::Element) -> Drop {
    let tag = e.name();
    if matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "form"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "label"
            | "nav"
            | "aside"
            | "footer"
            | "figure"
            | "figcaption"
            | "dialog"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "img"
            | "picture"
    ) {
        return Drop::Hard;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return Drop::Hard;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return Drop::Hard;
        }
    }
    if let Some(role) = e.attr("role") {
        let role = role.to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "search"
        ) {
            return Drop::Hard;
        }
    }
    if matches!(tag, "html" | "body" | "main")
        || (e.attr("class").is_none() && e.attr("id").is_none())
    {
        return Drop::Keep;
    }
    let names = class_and_id(e);
    let words = split_words(&names);
    if words.iter().any(|w| {
        matches!(
            w.as_str(),
            "byline" | "author" | "authors" | "date" | "timestamp" | "published" | "posted"
        )
    }) {
        return Drop::Byline;
    }
    if is_furniture_name(&names, &words) {
        return Drop::Furniture;
    }
    Drop::Keep
}

fn class_and_id(e: &scraper::node::Element) -> String {
    format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
}

/// Class/id words: split at anything but letters and digits, and at
/// camelCase humps, lower-cased.
fn split_words(names: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in names.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

struct Unlikely {
    whole: Vec<&'static str>,
    inside: Vec<&'static str>,
}

fn unlikely() -> &'static Unlikely {
    static U: OnceLock<Unlikely> = OnceLock::new();
    U.get_or_init(|| {
        let mut u = Unlikely {
            whole: Vec::new(),
            inside: Vec::new(),
        };
        for line in crate::data::lines(include_str!("../data/html/unlikely.txt")) {
            match line.strip_prefix('=') {
                Some(w) => u.whole.push(w),
                None => u.inside.push(line),
            }
        }
        u
    })
}

fn is_furniture_name(names: &str, words: &[String]) -> bool {
    let u = unlikely();
    let lower = names.to_lowercase();
    // "site-header" style entries hold a dash: match them on the raw names
    let raw_words: Vec<&str> = lower.split_whitespace().collect();
    words.iter().any(|w| u.whole.contains(&w.as_str()))
        || raw_words.iter().any(|w| u.whole.contains(w))
        || u.inside.iter().any(|w| lower.contains(w))
}

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story",
];
const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "contact",
    "foot",
    "masthead",
    "media",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "cookie",
    "social",
    "subscribe",
    "newsletter",
    "menu",
];

/// +25 for an article-like class, -25 for a furniture-like one, the same
/// again for the id.
fn class_weight(e: &scraper::node::Element) -> f64 {
    let mut w = 0.0;
    if e.attrs.is_empty() {
        return w;
    }
    for name in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        let lower = name.to_lowercase();
        let words = split_words(&lower);
        let negative = NEGATIVE.iter().any(|n| lower.contains(n))
            || words
                .iter()
                .any(|x| matches!(x.as_str(), "nav" | "ad" | "ads"));
        if negative {
            w -= 25.0;
        } else if POSITIVE.iter().any(|p| lower.contains(p)) {
            w += 25.0;
        }
    }
    w
}

fn boilerplate() -> &'static [&'static str] {
    static B: OnceLock<Vec<&'static str>> = OnceLock::new();
    B.get_or_init(|| crate::data::lines(include_str!("../data/html/boilerplate.txt")).collect())
}

fn is_boilerplate(p: &str) -> bool {
    if p.len() >= 200 {
        return false;
    }
    let lower = p.to_lowercase();
    boilerplate().iter().any(|b| {
        lower.starts_with(b)
            && lower[b.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')']);
    t.ends_with('.') || t.ends_with('!') || t.ends_with('?')
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

// ---------------------------------------------------------------------
// Text

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn collapsed_len(t: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in t.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
        } else {
            if space && n > 0 {
                n += 1;
            }
            space = false;
            n += 1;
        }
    }
    n
}

/// Whitespace runs become one space; the ends are trimmed.
fn collapse(t: &str) -> String {
    let mut p = Para::default();
    p.push(t);
    p.buf.trim().to_string()
}

/// A paragraph being built: whitespace collapsed, `<br>` kept as a
/// line break.
#[derive(Default)]
struct Para {
    buf: String,
    space: bool,
}

impl Para {
    fn push(&mut self, t: &str) {
        for c in t.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
                    self.buf.push(' ');
                }
                self.space = false;
                self.buf.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.buf.trim_end_matches(' ').len();
        self.buf.truncate(trimmed);
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.space = false;
    }

    fn flush(&mut self, out: &mut Vec<String>) {
        let t = self.buf.trim();
        if !t.is_empty() {
            out.push(t.to_string());
        }
        self.buf.clear();
        self.space = false;
    }
}

// ---------------------------------------------------------------------
// Dates

/// A machine-readable date: `2024-03-05`, `2024-03-05T10:22:00+03:00`,
/// `2024/03/05`, or a written one (`Tue, 05 Mar 2024 10:00:00 GMT`).
/// The calendar date is taken as written, without moving it to UTC.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b[4]
        && b[8..10].iter().all(u8::is_ascii_digit)
        && b.get(10).is_none_or(|c| !c.is_ascii_digit())
    {
        let y: i16 = s[..4].parse().ok()?;
        let m: i8 = s[5..7].parse().ok()?;
        let d: i8 = s[8..10].parse().ok()?;
        return Date::new(y, m, d)
            .ok()
            .filter(|_| (1900..=2100).contains(&y));
    }
    text_date(s)
}

fn month_number(m: &str) -> Option<i8> {
    let m = m.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|p| m.starts_with(p))
        .map(|i| i as i8 + 1)
}

/// The first written date with a year in a piece of text: "March 4,
/// 2024", "4 March 2024", "Mar. 4 2024", "2024-03-04".
fn text_date(s: &str) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let month = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        Regex::new(&format!(
            r"(?i)\b(?:{month}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{1,2}})(?:st|nd|rd|th)?\s+{month},?\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))\b"
        ))
        .expect("valid date pattern")
    });
    for c in re.captures_iter(s) {
        let (y, m, d) = if let (Some(m), Some(d), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            (y.as_str(), month_number(m.as_str()), d.as_str())
        } else if let (Some(d), Some(m), Some(y)) = (c.get(4), c.get(5), c.get(6)) {
            (y.as_str(), month_number(m.as_str()), d.as_str())
        } else if let (Some(y), Some(m), Some(d)) = (c.get(7), c.get(8), c.get(9)) {
            (y.as_str(), m.as_str().parse().ok(), d.as_str())
        } else {
            continue;
        };
        let (Ok(y), Some(m), Ok(d)) = (y.parse::<i16>(), m, d.parse::<i8>()) else {
            continue;
        };
        if !(1900..=2100).contains(&y) {
            continue;
        }
        if let Ok(date) = Date::new(y, m, d) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html() {
        assert!(looks_like_html("<!DOCTYPE html>\n<html>"));
        assert!(looks_like_html("  \n<HTML lang=en>"));
        assert!(!looks_like_html("MOSCOW (Reuters) - Talks on <html> tags"));
        let late = format!("{}<html>", " ".repeat(2000));
        assert!(!looks_like_html(&late));
        assert!(!looks_like_html(""));
    }

    #[test]
    fn dates() {
        let d = |y, m, d| Some(Date::new(y, m, d).unwrap());
        assert_eq!(parse_date("2024-03-05T10:22:00+03:00"), d(2024, 3, 5));
        assert_eq!(parse_date("2024/03/05"), d(2024, 3, 5));
        assert_eq!(parse_date("Tue, 05 Mar 2024 10:00:00 GMT"), d(2024, 3, 5));
        assert_eq!(parse_date("2024-13-05"), None);
        assert_eq!(text_date("Published March 4, 2024 at 10:00"), d(2024, 3, 4));
        assert_eq!(text_date("Updated 4th March 2024"), d(2024, 3, 4));
        assert_eq!(text_date("MOSCOW, March 4 (Reuters)"), None);
    }

    #[test]
    fn class_words() {
        assert_eq!(
            split_words("relatedArticles cookie-banner"),
            ["related", "articles", "cookie", "banner"]
        );
        let w = split_words("header-main");
        assert!(!is_furniture_name("header-main", &w));
        let w = split_words("story-body");
        assert!(!is_furniture_name("story-body", &w));
        let w = split_words("ad-slot");
        assert!(is_furniture_name("ad-slot", &w));
        let w = split_words("shadow loading");
        assert!(!is_furniture_name("shadow loading", &w));
    }

    #[test]
    fn paragraphs_and_entities() {
        let a = extract(
            "<html><body><article><h1>Talks &amp; more</h1>\
             <p>Scholz met   Macron in Paris on Tuesday, officials said.<br>They talked.</p>\
             <p>It was the leaders&#8217; first meeting this year, and it lasted hours.</p>\
             </article></body></html>",
        );
        assert_eq!(a.title.as_deref(), Some("Talks & more"));
        assert_eq!(
            a.text,
            "Talks & more\n\nScholz met Macron in Paris on Tuesday, officials said.\nThey talked.\n\n\
             It was the leaders\u{2019} first meeting this year, and it lasted hours.\n"
        );
    }
}
