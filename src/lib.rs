//! whomet: who met whom, where and when, from English news text.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! text -> reader (sentences, tokens) -> tagger (person/place/organisation
//!      mentions) + dates (time expressions) -> resolver (entities)
//!      -> meetings -> writer (one JSON object per article)
//! ```
//!
//! Every rule list (lexicons, triggers, date patterns) is plain-text data
//! under `data/`, compiled into the binary with `include_str!`.
//!
//! ```
//! let rec = whomet::process("-", "Kim Jong Un met Vladimir Putin in Moscow on Monday.", &whomet::Options::default());
//! assert!(rec.entities.iter().any(|e| e.name == "Vladimir Putin"));
//! ```

pub mod batch;
pub mod data;
pub mod dates;
pub mod eval;
pub mod html;
pub mod input;
mod json_bytes;
pub mod lexicon;
pub mod meetings;
pub mod reader;
pub mod resolver;
pub mod tagger;
pub mod writer;

pub use jiff::civil::Date;

/// Settings that apply to every article.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The article date used to resolve relative expressions; when `None`
    /// it is taken from the article's dateline, if any.
    pub date: Option<Date>,
    /// Put the article text in the record (always done for HTML input,
    /// whose text is extracted from the page).
    pub with_text: bool,
}

/// Everything the pipeline found in one article, with byte offsets.
#[derive(Debug)]
pub struct Analysis<'a> {
    pub doc: reader::Document<'a>,
    /// The date relative expressions were resolved against.
    pub date: Option<Date>,
    pub mentions: Vec<tagger::Mention>,
    pub dates: Vec<dates::TimeExpr>,
    pub entities: resolver::Entities,
    /// How many of `entities` the resolver found from the tagger's
    /// mentions; the meetings stage adds parties the tagger does not name
    /// ("Belgian police") after them.
    pub tagged_entities: usize,
    pub meetings: Vec<meetings::Meeting>,
}

/// Run the whole pipeline on one article's text.
pub fn analyse<'a>(text: &'a str, opts: &Options) -> Analysis<'a> {
    let doc = reader::Document::new(text);
    let (date, mut dates) = dates::tag_dated(&doc, opts.date);
    // later stages find a sentence's dates by binary search
    dates.sort_by_key(|d| (d.start, d.end));
    let mentions = tagger::tag(&doc, &dates);
    let mut entities = resolver::resolve(&doc, &mentions);
    let tagged_entities = entities.list.len();
    let meetings = meetings::extract(&doc, &mut entities, &dates);
    Analysis {
        doc,
        date,
        mentions,
        dates,
        entities,
        tagged_entities,
        meetings,
    }
}

/// Run the pipeline and build the output record for one article.
pub fn process(source: &str, text: &str, opts: &Options) -> writer::Record {
    let a = analyse(text, opts);
    let mut rec = writer::Record::new(source, &a);
    if opts.with_text {
        rec.text = Some(text.to_string());
    }
    rec
}

/// [`process`] and [`writer::Record::to_json`] in one: the same line of
/// JSON, written without building the record.
pub fn process_to_json(source: &str, text: &str, opts: &Options) -> String {
    let a = analyse(text, opts);
    writer::json(source, &a, None, opts.with_text.then_some(text))
}

/// Run the pipeline on a saved web page: the article's headline and body
/// are extracted from the page ([`html::extract`]), its date is the page's
/// publication date unless [`Options::date`] is set, and the record carries
/// the `title` and the extracted `text` that all offsets refer to.
pub fn process_html(source: &str, page: &str, opts: &Options) -> writer::Record {
    let article = html::extract(page);
    let opts = Options {
        date: opts.date.or(article.date),
        ..opts.clone()
    };
    let a = analyse(&article.text, &opts);
    let mut rec = writer::Record::new(source, &a);
    rec.title = article.title;
    rec.text = Some(article.text.clone());
    rec
}

/// [`process_html`] and [`writer::Record::to_json`] in one: the same line
/// of JSON, written without building the record.
pub fn process_html_to_json(source: &str, page: &str, opts: &Options) -> String {
    let article = html::extract(page);
    let opts = Options {
        date: opts.date.or(article.date),
        ..opts.clone()
    };
    let a = analyse(&article.text, &opts);
    writer::json(source, &a, article.title.as_deref(), Some(&article.text))
}
