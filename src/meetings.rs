//! Meetings: who met whom, where and when, as `spec/meetings.md` defines it.
//!
//! Each sentence is read for triggers (`data/meetings/triggers.tsv`): a
//! meeting word ("met", "talks"), a visit ("visited", "traveled to"), a host
//! ("hosted", "at the invitation of") or a definite anaphor ("the meeting").
//! A triggered sentence gives one *report*: its parties (named people, minus
//! those who only report it, such as "spokesman X said"; the named sides of
//! "between A and B" / "talks with X"; a pronoun subject resolved to the last
//! sentence's subject), the place visited or the place it happened in, the
//! time expression nearest the trigger (not one that dates the report:
//! "confirmed on Monday"), and a status from cues before the trigger
//! (`data/meetings/cues.tsv`).
//!
//! Reports of one encounter merge into one record: same status, one party
//! set contained in the other, no clash of dates. A report naming only one
//! party, or only an anaphor, never makes a record by itself but adds its
//! place and time to the record it belongs to ("He is heading to
//! Vladivostok").

use crate::dates::{TimeExpr, TimexType};
use crate::lexicon;
use crate::reader::{Document, LineKind};
use crate::resolver::Entities;
use crate::tagger::EntityKind;
use std::collections::{HashMap, HashSet};
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
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Planned,
    Progressive,
    Cancelled,
}

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

type Phrases<T> = HashMap<&'static str, Vec<(Vec<&'static str>, T)>>;

fn phrases<T: Copy>(data: &'static str, parse: impl Fn(&str) -> Option<T>) -> Phrases<T> {
    let mut m: Phrases<T> = HashMap::new();
    for l in data_lines(data) {
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
                "not" => Trigger::Not,
                _ => return None,
            })
        })
    })
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

fn speech() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| data_lines(include_str!("../data/meetings/speech.txt")).collect())
}

/// Roles of people who report an encounter rather than take part in it.
fn is_reporter_role(w: &str) -> bool {
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokesmen"
            | "analyst"
            | "correspondent"
            | "reporter"
    )
}

/// Longest phrase of `table` at token `i` of `low`: (end, kind).
fn match_at<T: Copy>(table: &Phrases<T>, low: &[String], i: usize) -> Option<(usize, T)> {
    let cands = table.get(low[i].as_str())?;
    for (words, k) in cands {
        if i + words.len() <= low.len() && words.iter().zip(&low[i..]).all(|(w, t)| w == t) {
            return Some((i + words.len(), *k));
        }
    }
    None
}

/// One sentence's account of an encounter.
#[derive(Debug, Clone)]
struct Report {
    sent: (usize, usize),
    parties: Vec<usize>,
    host_country: Option<usize>,
    place: Option<(usize, u8)>,
    when: Option<usize>,
    status: Status,
    anaphor: bool,
}

/// A mention inside a sentence: token position, entity, kind.
#[derive(Debug, Clone, Copy)]
struct EntTok {
    a: usize,
    b: usize,
    entity: usize,
    kind: EntityKind,
}

/// How specific a place is: venue or city 3, region or state 2, country 1.
fn specificity(name: &str, kind: EntityKind) -> u8 {
    if kind == EntityKind::Organisation {
        return 3;
    }
    match lexicon::lookup(name).and_then(|e| e.place).map(|p| p.0) {
        Some("country") | Some("continent") => 1,
        Some("state") | Some("region") | Some("island") => 2,
        _ => 3,
    }
}

fn is_country(name: &str) -> bool {
    matches!(
        lexicon::lookup(name).and_then(|e| e.place).map(|p| p.0),
        Some("country")
    )
}

/// Extract the meetings of a document.
pub fn extract(doc: &Document, entities: &Entities, dates: &[TimeExpr]) -> Vec<Meeting> {
    if doc.is_sports_report() {
        return Vec::new();
    }
    let trig = triggers();
    let mut reports: Vec<Report> = Vec::new();
    let mut last_subject: Option<usize> = None;
    let mut low: Vec<String> = Vec::new();
    for (_, sent) in doc.content_sentences() {
        if sent.line == LineKind::Headline {
            continue;
        }
        let t0 = sent.tokens.start;
        let n = sent.tokens.len();
        low.clear();
        low.extend(sent.tokens.clone().map(|k| doc.tok(k).to_lowercase()));
        // entity mentions as token ranges
        let ents: Vec<EntTok> = entities
            .mentions_in(sent.start, sent.end)
            .map(|mi| {
                let m = &entities.mentions[mi];
                EntTok {
                    a: doc.token_at(m.start) - t0,
                    b: doc.token_at(m.end) - t0,
                    entity: entities.of_mention[mi],
                    kind: m.kind,
                }
            })
            .collect();
        let first_person = ents
            .iter()
            .find(|e| e.kind == EntityKind::Person)
            .map(|e| e.entity);
        // triggers
        let mut found: Vec<(usize, usize, Trigger)> = Vec::new();
        let mut i = 0;
        while i < n {
            if let Some((e, k)) = match_at(trig, &low, i) {
                found.push((i, e, k));
                i = e;
            } else {
                i += 1;
            }
        }
        let real: Vec<&(usize, usize, Trigger)> = found
            .iter()
            .filter(|t| !matches!(t.2, Trigger::Not | Trigger::Anaphor))
            .collect();
        let anaphor = found.iter().any(|t| t.2 == Trigger::Anaphor);
        let negated_only = real.is_empty() && found.iter().any(|t| t.2 == Trigger::Not);
        if (real.is_empty() && !anaphor) || negated_only {
            if first_person.is_some() {
                last_subject = first_person;
            }
            continue;
        }
        let main = real.first().map(|t| (t.0, t.1, t.2)).or_else(|| {
            found
                .iter()
                .find(|t| t.2 == Trigger::Anaphor)
                .map(|t| (t.0, t.1, t.2))
        });
        let Some((ta, tb, tk)) = main else { continue };
        let ent_name = |e: usize| entities.list[e].name.as_str();
        // who reports rather than takes part
        let reporter = |e: &EntTok| -> bool {
            if e.kind != EntityKind::Person {
                return false;
            }
            let role = (e.a.saturating_sub(4)..e.a).any(|k| is_reporter_role(&low[k]));
            let says = low.get(e.b).is_some_and(|w| speech().contains(w.as_str()))
                || (low.get(e.b).is_some_and(|w| w == ",")
                    && low
                        .get(e.b + 1)
                        .is_some_and(|w| speech().contains(w.as_str())));
            role || (says && e.a > ta)
        };
        let mut parties: Vec<usize> = Vec::new();
        let push = |p: &mut Vec<usize>, e: usize| {
            if !p.contains(&e) {
                p.push(e);
            }
        };
        for e in &ents {
            if e.kind == EntityKind::Person && !reporter(e) {
                push(&mut parties, e.entity);
            }
        }
        // "between A and B", "talks with X": named sides of any kind
        for &&(a, b, k) in &real {
            if k != Trigger::Meet {
                continue;
            }
            let mut s = b;
            if low.get(s).is_some_and(|w| w == "between" || w == "with") {
                s += 1;
            } else if !low[a..b].iter().any(|w| w == "with") {
                continue;
            }
            let s0 = s;
            for e in ents.iter().filter(|e| e.a >= s0) {
                let gap = &low[s..e.a];
                if gap.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "," | ";" | "." | "on" | "in" | "at" | "to" | "for" | "over"
                    )
                }) && !gap
                    .iter()
                    .all(|w| matches!(w.as_str(), "the" | "and" | ","))
                {
                    break;
                }
                if e.kind != EntityKind::Person {
                    push(&mut parties, e.entity);
                }
                s = e.b;
            }
        }
        // "Israel and Syria held talks": named sides right before a meeting word
        if parties.len() < 2 && tk == Trigger::Meet {
            let mut k = ta;
            let before: Vec<&EntTok> = ents.iter().filter(|e| e.b <= ta).collect();
            for e in before.iter().rev() {
                let gap = &low[e.b..k];
                if gap.iter().all(|w| {
                    matches!(
                        w.as_str(),
                        "and"
                            | ","
                            | "held"
                            | "have"
                            | "has"
                            | "had"
                            | "will"
                            | "to"
                            | "are"
                            | "were"
                    )
                }) {
                    if e.kind != EntityKind::Person {
                        push(&mut parties, e.entity);
                    }
                    k = e.a;
                } else {
                    break;
                }
            }
        }
        // a pronoun subject is the last sentence's subject
        let pronoun = (0..ta.min(4))
            .chain(ta.saturating_sub(3)..ta)
            .any(|k| matches!(low[k].as_str(), "he" | "she"));
        if pronoun
            && !ents
                .iter()
                .any(|e| e.kind == EntityKind::Person && e.b <= ta && !reporter(e))
        {
            if let Some(s) = last_subject {
                if !parties.contains(&s) {
                    parties.insert(0, s);
                }
            }
        }
        // the place visited, and the place it happened in
        let mut host_country = None;
        let mut place: Option<(usize, u8)> = None;
        let consider = |e: &EntTok, place: &mut Option<(usize, u8)>| {
            let sp = specificity(ent_name(e.entity), e.kind);
            if place.is_none_or(|p| sp > p.1) {
                *place = Some((e.entity, sp));
            }
        };
        let host_person = real
            .iter()
            .any(|t| matches!(t.2, Trigger::Invite | Trigger::Host))
            || parties.len() >= 2;
        for &&(_, b, k) in &real {
            if k != Trigger::Visit {
                continue;
            }
            // "visited Russia", "a visit to Russia", "traveled to Russia"
            let mut s = b;
            while s < n && matches!(low[s].as_str(), "to" | "the" | "in") {
                s += 1;
            }
            if let Some(e) = ents.iter().find(|e| e.a == s) {
                match e.kind {
                    EntityKind::Place => {
                        consider(e, &mut place);
                        if !host_person && is_country(ent_name(e.entity)) {
                            host_country = Some(e.entity);
                        }
                    }
                    EntityKind::Person => push(&mut parties, e.entity),
                    EntityKind::Organisation => {}
                }
            }
        }
        for e in &ents {
            if parties.contains(&e.entity) || e.kind == EntityKind::Person {
                continue;
            }
            let prep = e.a >= 1 && matches!(low[e.a - 1].as_str(), "in" | "at")
                || e.a >= 2
                    && matches!(low[e.a - 2].as_str(), "in" | "at")
                    && low[e.a - 1] == "the";
            if prep && (e.kind == EntityKind::Place || low[e.a - 1] == "the") {
                consider(e, &mut place);
            }
        }
        // the time: nearest to the trigger, not one that dates the report
        let mut when = None;
        let mut best = usize::MAX;
        for (di, d) in dates.iter().enumerate() {
            if d.start < sent.start
                || d.end > sent.end
                || !matches!(d.kind, TimexType::Date | TimexType::Time)
            {
                continue;
            }
            let da = doc.token_at(d.start) - t0;
            let reported = (da.saturating_sub(2)..da).any(|k| speech().contains(low[k].as_str()));
            // "NAIROBI, June 10, 2024 (Wire) - A planned meeting": the dateline
            let dateline = low[da..n.min(da + 12)]
                .iter()
                .any(|w| matches!(w.as_str(), "-" | "--" | "—"))
                && (t0..t0 + da).all(|k| !doc.tok(k).chars().any(char::is_lowercase));
            if reported || dateline {
                continue;
            }
            let dist = if da >= tb { da - tb } else { ta - da.min(ta) };
            if dist < best {
                best = dist;
                when = Some(di);
            }
        }
        let status = status_of(&low, ta, tb, when.map(|w| &dates[w]));
        reports.push(Report {
            sent: (sent.start, sent.end),
            parties,
            host_country,
            place,
            when,
            status,
            anaphor: real.is_empty(),
        });
        if let Some(p) = first_person {
            last_subject = Some(p);
        }
    }
    merge(doc, reports, dates)
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
    S.get_or_init(|| data_lines(include_str!("../data/meetings/time_prepositions.txt")).collect())
}

/// Status from the cues before the trigger, and from the date.
fn status_of(low: &[String], ta: usize, tb: usize, when: Option<&TimeExpr>) -> Status {
    let c = cues();
    let from = ta.saturating_sub(6);
    let mut planned = false;
    let mut cancelled = false;
    let mut k = from;
    while k < ta {
        if let Some((e, cue)) = match_at(c, low, k) {
            match cue {
                Cue::Cancelled => cancelled = true,
                // "to meet": only right before the trigger
                Cue::Planned if low[k] == "to" => planned |= e == ta,
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
            // only the verbs: "not", "no", "never" after the trigger say nothing
            if !matches!(low[k].as_str(), "not" | "no" | "never" | "n't") {
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
    if planned || when.and_then(|w| w.value.as_deref()) == Some("FUTURE_REF") {
        return Status::Planned;
    }
    Status::Happened
}

/// Merge the reports of one encounter into records.
fn merge(doc: &Document, reports: Vec<Report>, dates: &[TimeExpr]) -> Vec<Meeting> {
    struct Rec {
        parties: Vec<usize>,
        host_country: Option<usize>,
        place: Option<(usize, u8)>,
        when: Option<usize>,
        status: Status,
        evidence: Vec<(usize, usize)>,
        last: usize,
    }
    let value = |w: Option<usize>| w.and_then(|i| dates[i].value.as_deref());
    let mut recs: Vec<Rec> = Vec::new();
    for (ri, r) in reports.into_iter().enumerate() {
        let fits = |rec: &Rec| {
            // a plan and its cancellation are one encounter
            let lifecycle = matches!(
                (rec.status, r.status),
                (Status::Planned, Status::Cancelled) | (Status::Cancelled, Status::Planned)
            );
            if rec.status != r.status && !lifecycle && !(r.anaphor && r.parties.is_empty()) {
                return false;
            }
            if r.parties.is_empty() {
                return r.anaphor && ri - rec.last <= 3;
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
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            nested && dates_agree
        };
        if let Some(rec) = recs.iter_mut().rev().find(|rec| fits(rec)) {
            for &p in &r.parties {
                if !rec.parties.contains(&p) {
                    rec.parties.push(p);
                }
            }
            rec.host_country = rec.host_country.or(r.host_country);
            if let Some(p) = r.place {
                if rec.place.is_none_or(|q| p.1 > q.1) {
                    rec.place = Some(p);
                }
            }
            rec.when = rec.when.or(r.when);
            if r.status == Status::Cancelled {
                rec.status = Status::Cancelled;
            }
            if !rec.evidence.contains(&r.sent) {
                rec.evidence.push(r.sent);
            }
            rec.last = ri;
            continue;
        }
        let sides =
            r.parties.len() + usize::from(r.host_country.is_some_and(|h| !r.parties.contains(&h)));
        if r.anaphor || sides < 2 && r.parties.len() < 2 {
            // one named party: it may still add to a later full report
            if !r.parties.is_empty() && sides >= 1 {
                recs.push(Rec {
                    parties: r.parties,
                    host_country: r.host_country,
                    place: r.place,
                    when: r.when,
                    status: r.status,
                    evidence: vec![r.sent],
                    last: ri,
                });
            }
            continue;
        }
        recs.push(Rec {
            parties: r.parties,
            host_country: r.host_country,
            place: r.place,
            when: r.when,
            status: r.status,
            evidence: vec![r.sent],
            last: ri,
        });
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
            Some(Meeting {
                participants: r.parties,
                place: r.place.map(|p| p.0),
                when_span: r.when.map(|w| with_preposition(doc, &dates[w])),
                when: r.when,
                status: r.status,
                evidence: r.evidence,
            })
        })
        .collect()
}
