//! Batch processing: many articles through the pipeline on several threads,
//! records written in input order, memory bounded.
//!
//! ```text
//! producer thread ──jobs──▶ N worker threads ──results──▶ caller's thread
//! (lists files / reads      (read file, decode,           (puts results back
//!  JSON lines one by one)    parse line, process)          in order, writes)
//! ```
//!
//! Every job gets a sequence number; the caller's thread writes result `k`
//! only after `0..k`, so the output is the same byte for byte whatever the
//! number of threads. What is in flight (queued, being processed, or
//! finished and waiting for its turn) is bounded by a `Window`: at most
//! `window` articles and about `max_bytes` of article text. When it is
//! full the producer waits, so a stream of any length runs in constant
//! memory. Messages (unreadable files, malformed lines, warnings) travel
//! with the results, so they too come out in input order.

use crate::input::{self, jsonl, InputError, Source};
use crate::Options;
use std::collections::VecDeque;
use std::io::{self, BufReader};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub mod progress;

/// How the inputs are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Every file (or standard input) is one article.
    #[default]
    Text,
    /// Every line of every file (or of standard input) is one article in a
    /// JSON object; see [`crate::input::jsonl`].
    Jsonl,
    /// Every file (or standard input) is one saved web page; the article
    /// is extracted from it ([`crate::process_html`]).
    Html,
}

/// At most this many finished articles travel back from a worker at once.
/// Each bundle may wake the writing thread, a system call that costs the
/// worker tens of microseconds on a virtual machine: at 32 they were 1.4%
/// of a one-thread run's time, at 64 (with the window below) about 1,700
/// wake-ups over 110 MB instead of 19,000.
const RESULT_BUNDLE: usize = 64;

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct Config {
    pub format: Format,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// At most this many articles in flight.
    pub window: usize,
    /// About this many bytes of JSON-line input in flight (one article is
    /// always let through, however large).
    pub max_bytes: usize,
    pub options: Options,
}

impl Config {
    /// Defaults for `jobs` threads: a window of 256 articles per thread (four
    /// result bundles, so a worker never waits for the writer to catch up) and
    /// 4 MiB of queued JSON lines (enough to keep every thread busy; the
    /// rest of the memory budget goes to the finished records waiting their turn).
    pub fn new(format: Format, jobs: usize, options: Options) -> Config {
        let jobs = jobs.max(1);
        Config {
            format,
            jobs,
            window: 256 * jobs,
            max_bytes: 4 << 20,
            options,
        }
    }
}

/// The number of threads to use when none is asked for: the cores available.
pub fn default_jobs() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// What the batch run tells its caller, in input order.
pub trait Sink {
    /// One record, a line of JSON without its line break.
    fn record(&mut self, json: &str) -> io::Result<()>;
    /// A line for the user: why an input was skipped, or a warning.
    fn message(&mut self, level: Level, text: &str);
    /// One input finished (a record written or an input skipped), `bytes`
    /// of input consumed.
    fn progress(&mut self, _bytes: u64) {}
}

/// Whether a message means something was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The input is processed all the same (invalid UTF-8, bad `date`).
    Warning,
    /// The input was skipped; the run ends with failure.
    Error,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    /// Inputs skipped (unreadable, binary, malformed...).
    pub errors: u64,
    pub bytes: u64,
}

enum Job {
    Text(Source),
    /// A JSON line, parsed by the reading thread: at one worker thread that
    /// thread is otherwise idle, and the worker is spared the UTF-8 check,
    /// the JSON decoding and the copy of the text (2% of its time).
    Line {
        parsed: Result<jsonl::Article, InputError>,
        /// The line's length with its line break.
        bytes: u64,
    },
    Failed(InputError),
}

struct Done {
    seq: u64,
    /// What it took from the window.
    cost: usize,
    bytes: u64,
    record: Option<String>,
    messages: Vec<(Level, String)>,
}

/// Bounds the work in flight: articles and bytes.
///
/// One producer takes room ([`Window::acquire`]) and one writer gives it
/// back ([`Window::release`]), once per article each, so the counts are
/// atomics: a mutex taken by both threads per article was contended on
/// most articles, each contention a pair of system calls. The mutex and
/// condition variable serve only for the producer to sleep when the window
/// is full and to be woken when it has drained to half.
struct Window {
    items: AtomicUsize,
    bytes: AtomicUsize,
    /// Whether the producer sleeps (or is about to), under `lock`; mirrored
    /// in `sleeping` so that a release need not take the lock to find out.
    lock: Mutex<bool>,
    sleeping: AtomicBool,
    cv: Condvar,
    max_items: usize,
    max_bytes: usize,
    cancelled: AtomicBool,
}

impl Window {
    fn new(max_items: usize, max_bytes: usize) -> Window {
        Window {
            items: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            lock: Mutex::new(false),
            sleeping: AtomicBool::new(false),
            cv: Condvar::new(),
            max_items,
            max_bytes,
            cancelled: AtomicBool::new(false),
        }
    }

    /// Room for one more article of `bytes`? (Only the producer adds, so
    /// the answer holds until it does.)
    fn has_room(&self, bytes: usize) -> bool {
        let items = self.items.load(Ordering::SeqCst);
        items == 0
            || items < self.max_items && self.bytes.load(Ordering::SeqCst) + bytes <= self.max_bytes
    }

    /// Wait for room; `false` when the run was cancelled. Called by the
    /// producer only.
    fn acquire(&self, bytes: usize) -> bool {
        loop {
            if self.cancelled.load(Ordering::SeqCst) {
                return false;
            }
            if self.has_room(bytes) {
                self.items.fetch_add(1, Ordering::SeqCst);
                self.bytes.fetch_add(bytes, Ordering::SeqCst);
                return true;
            }
            let mut asleep = self.lock.lock().unwrap_or_else(|p| p.into_inner());
            *asleep = true;
            self.sleeping.store(true, Ordering::SeqCst);
            // a release between the test above and the flag did not see it:
            // test again before sleeping
            while *asleep && !self.has_room(bytes) && !self.cancelled.load(Ordering::SeqCst) {
                asleep = self.cv.wait(asleep).unwrap_or_else(|p| p.into_inner());
            }
            *asleep = false;
            self.sleeping.store(false, Ordering::SeqCst);
        }
    }

    /// Give back one article's room. The producer is woken only when the
    /// window has drained to half, in articles and in bytes: it then refills
    /// it in one go instead of being woken once per article.
    fn release(&self, bytes: usize) {
        let items = self.items.fetch_sub(1, Ordering::SeqCst) - 1;
        let used = self.bytes.fetch_sub(bytes, Ordering::SeqCst) - bytes;
        // both halves: with small articles the bytes are always below half,
        // and waking on either woke the producer for every article
        if items <= self.max_items / 2
            && used <= self.max_bytes / 2
            && self.sleeping.load(Ordering::SeqCst)
        {
            let mut asleep = self.lock.lock().unwrap_or_else(|p| p.into_inner());
            if *asleep {
                *asleep = false;
                // woken after the lock is let go, so that the producer does
                // not wake only to wait for it
                drop(asleep);
                self.cv.notify_one();
            }
        }
    }

    fn cancel(&self) {
        let mut asleep = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        self.cancelled.store(true, Ordering::SeqCst);
        *asleep = false;
        self.cv.notify_all();
    }
}

/// Process every input and hand the results to `sink` in input order.
///
/// `sources` are read as [`Config::format`] says. Errors of `sink.record`
/// (a closed pipe, a full disk) stop the run and are returned; the threads
/// still running then stop by themselves. Inputs that cannot be read are
/// reported through `sink.message` and counted in [`Summary::errors`].
pub fn run(sources: Vec<Source>, cfg: &Config, sink: &mut dyn Sink) -> io::Result<Summary> {
    let window = Arc::new(Window::new(cfg.window.max(1), cfg.max_bytes));
    let (job_tx, job_rx) = crossbeam_channel::bounded::<(u64, usize, Job)>(cfg.window.max(1));
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<Vec<Done>>();

    let producer = {
        let window = Arc::clone(&window);
        let format = cfg.format;
        thread::Builder::new()
            .name("whomet-read".into())
            .spawn(move || produce(sources, format, &window, &job_tx))?
    };
    let mut workers = Vec::with_capacity(cfg.jobs);
    for i in 0..cfg.jobs.max(1) {
        let rx = job_rx.clone();
        let tx = done_tx.clone();
        let opts = cfg.options.clone();
        let window = Arc::clone(&window);
        let html = cfg.format == Format::Html;
        workers.push(
            thread::Builder::new()
                .name(format!("whomet-work-{i}"))
                .spawn(move || {
                    // Results go back in bundles: sent when RESULT_BUNDLE
                    // are ready or when no job is waiting (so nothing is
                    // held back while the input is slow), which spares a
                    // thread wake-up per article.
                    let mut ready: Vec<Done> = Vec::new();
                    loop {
                        let (seq, cost, job) = match rx.try_recv() {
                            Ok(j) => j,
                            Err(crossbeam_channel::TryRecvError::Empty) => {
                                if !ready.is_empty() && tx.send(std::mem::take(&mut ready)).is_err()
                                {
                                    return;
                                }
                                match rx.recv() {
                                    Ok(j) => j,
                                    Err(_) => break,
                                }
                            }
                            Err(crossbeam_channel::TryRecvError::Disconnected) => break,
                        };
                        if window.cancelled.load(Ordering::Relaxed) {
                            return;
                        }
                        ready.push(work(seq, cost, job, &opts, html));
                        if ready.len() >= RESULT_BUNDLE
                            && tx.send(std::mem::take(&mut ready)).is_err()
                        {
                            return;
                        }
                    }
                    if !ready.is_empty() {
                        let _ = tx.send(ready);
                    }
                })?,
        );
    }
    drop(job_rx);
    drop(done_tx);

    let mut summary = Summary::default();
    let mut next = 0u64;
    let mut pending: VecDeque<Option<Done>> = VecDeque::new();
    for done in done_rx.iter().flatten() {
        let at = (done.seq - next) as usize;
        if pending.len() <= at {
            pending.resize_with(at + 1, || None);
        }
        pending[at] = Some(done);
        while let Some(Some(_)) = pending.front() {
            let d = pending.pop_front().flatten().expect("checked above");
            next += 1;
            for (level, m) in &d.messages {
                if *level == Level::Error {
                    summary.errors += 1;
                }
                sink.message(*level, m);
            }
            if let Some(line) = &d.record {
                if let Err(e) = sink.record(line) {
                    window.cancel();
                    return Err(e);
                }
                summary.records += 1;
            }
            summary.bytes += d.bytes;
            sink.progress(d.bytes);
            window.release(d.cost);
        }
    }
    // Every sender is gone: the producer and the workers have finished.
    let _ = producer.join();
    for w in workers {
        let _ = w.join();
    }
    Ok(summary)
}

type JobTx = crossbeam_channel::Sender<(u64, usize, Job)>;

fn produce(sources: Vec<Source>, format: Format, window: &Window, tx: &JobTx) {
    let mut seq = 0u64;
    let mut send = |cost: usize, job: Job| -> bool {
        if !window.acquire(cost) {
            return false;
        }
        let ok = tx.send((seq, cost, job)).is_ok();
        seq += 1;
        ok
    };
    for source in sources {
        let go_on = match format {
            Format::Text | Format::Html => send(0, Job::Text(source)),
            Format::Jsonl => produce_lines(source, &mut send),
        };
        if !go_on {
            return;
        }
    }
}

/// Read one JSON Lines input line by line; `false` when the run stops.
fn produce_lines(source: Source, send: &mut dyn FnMut(usize, Job) -> bool) -> bool {
    let origin: Arc<str> = source.name().into();
    let mut stopped = false;
    let result = match &source {
        Source::Stdin => {
            let stdin = io::stdin();
            read_lines(stdin.lock(), &origin, send, &mut stopped)
        }
        Source::File(p) => match std::fs::File::open(p) {
            Ok(f) => read_lines(
                BufReader::with_capacity(1 << 16, f),
                &origin,
                send,
                &mut stopped,
            ),
            Err(_) => {
                // Let the usual reader word the reason.
                let e = input::read(&source).err().unwrap_or_else(|| InputError {
                    name: origin.to_string(),
                    reason: "cannot be opened".to_string(),
                });
                return send(0, Job::Failed(e));
            }
        },
    };
    if let Err(e) = result {
        let reason = if e.raw_os_error() == Some(21) {
            "is a directory".to_string()
        } else {
            format!("read error ({e}), the rest of it skipped")
        };
        return send(
            0,
            Job::Failed(InputError {
                name: origin.to_string(),
                reason,
            }),
        );
    }
    !stopped
}

fn read_lines<R: io::BufRead>(
    r: R,
    origin: &Arc<str>,
    send: &mut dyn FnMut(usize, Job) -> bool,
    stopped: &mut bool,
) -> io::Result<()> {
    jsonl::for_each_line(r, |line_no, bytes| {
        let cost = bytes.len();
        let job = Job::Line {
            parsed: jsonl::parse_line(&bytes, origin, line_no),
            bytes: cost as u64 + 1,
        };
        drop(bytes);
        let ok = send(cost, job);
        *stopped = !ok;
        ok
    })
}

fn work(seq: u64, cost: usize, job: Job, opts: &Options, html: bool) -> Done {
    let mut done = Done {
        seq,
        cost,
        bytes: 0,
        record: None,
        messages: Vec::new(),
    };
    let mut page = html;
    let (name, text, options) = match job {
        Job::Failed(e) => {
            done.messages.push((Level::Error, e.to_string()));
            return done;
        }
        Job::Text(source) => {
            let name = source.name();
            match input::read(&source) {
                Ok(d) => {
                    done.bytes = d.text.len() as u64;
                    if let Some(w) = d.warning {
                        done.messages.push((Level::Warning, w));
                    }
                    // a saved web page: by its extension, or by its first bytes
                    page |= source.is_html() || crate::html::looks_like_html(&d.text);
                    (name, d.text, None)
                }
                Err(e) => {
                    done.messages.push((Level::Error, e.to_string()));
                    return done;
                }
            }
        }
        Job::Line { parsed, bytes } => {
            done.bytes = bytes;
            match parsed {
                Ok(a) => {
                    for w in a.warnings {
                        done.messages.push((Level::Warning, w));
                    }
                    let options = a.date.map(|d| {
                        let mut o = opts.clone();
                        o.date = Some(d);
                        o
                    });
                    (a.id, a.text, options)
                }
                Err(e) => {
                    done.messages.push((Level::Error, e.to_string()));
                    return done;
                }
            }
        }
    };
    let options = options.as_ref().unwrap_or(opts);
    match panic::catch_unwind(AssertUnwindSafe(|| {
        if page {
            crate::process_html_to_json(&name, &text, options)
        } else {
            crate::process_to_json(&name, &text, options)
        }
    })) {
        Ok(line) => done.record = Some(line),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            done.messages.push((
                Level::Error,
                format!("{name}: internal error ({what}), article skipped; please report it"),
            ));
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[derive(Default)]
    struct Collect {
        out: Vec<String>,
        msgs: Vec<String>,
    }

    impl Sink for Collect {
        fn record(&mut self, json: &str) -> io::Result<()> {
            self.out.push(json.to_string());
            Ok(())
        }
        fn message(&mut self, _level: Level, text: &str) {
            self.msgs.push(text.to_string());
        }
    }

    fn jsonl_file(lines: usize) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        for i in 0..lines {
            writeln!(
                f,
                r#"{{"id": {i}, "text": "Article {i}. Angela Merkel met Emmanuel Macron in Berlin on Monday."}}"#
            )
            .unwrap();
            if i % 7 == 3 {
                writeln!(f, "{{not json").unwrap();
            }
        }
        f
    }

    #[test]
    fn output_is_in_input_order_whatever_the_threads() {
        let f = jsonl_file(300);
        let mut seen = Vec::new();
        for jobs in [1, 2, 5] {
            let mut cfg = Config::new(Format::Jsonl, jobs, Options::default());
            cfg.window = 3; // small, to exercise the waiting
            let mut sink = Collect::default();
            let s = run(vec![Source::File(f.path().into())], &cfg, &mut sink).unwrap();
            assert_eq!(s.records, 300);
            assert_eq!(s.errors as usize, sink.msgs.len());
            assert!(
                sink.msgs[0].contains(":5: malformed JSON"),
                "{:?}",
                sink.msgs
            );
            seen.push((sink.out, sink.msgs));
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]));
        for (i, line) in seen[0].0.iter().enumerate() {
            assert!(line.starts_with(&format!("{{\"source\":\"{i}\"")), "{line}");
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        struct Fail;
        impl Sink for Fail {
            fn record(&mut self, _: &str) -> io::Result<()> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn message(&mut self, _: Level, _: &str) {}
        }
        let f = jsonl_file(1000);
        let cfg = Config::new(Format::Jsonl, 2, Options::default());
        let e = run(vec![Source::File(f.path().into())], &cfg, &mut Fail).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }
}
