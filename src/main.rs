//! The `whomet` command: argument parsing, I/O and exit codes. The work is
//! done by the library (`whomet::batch` runs the articles through it).

use clap::{Parser, ValueEnum};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whomet::batch::{self, progress::Progress, Format, Level, Sink};
use whomet::input::{self, Source};

mod allocator;

#[global_allocator]
static GLOBAL: allocator::MiMalloc = allocator::MiMalloc;

/// Reads English news articles and writes, for each one, a JSON line with the
/// people, places, organisations and dates it mentions and the meetings it
/// reports: who met whom, where and when.
///
/// Exit status: 0 when every input was read, 1 when some could not be (each
/// named on standard error; all the others are still written), 2 on a usage
/// error.
#[derive(Parser, Debug)]
#[command(name = "whomet", version, about, long_about)]
struct Cli {
    /// Article files or folders (every file below with an extension from
    /// --ext, sorted by path); `-` or nothing reads standard input.
    paths: Vec<PathBuf>,

    /// How inputs hold articles: `text`, one article per file; `jsonl`, one
    /// article per line as {"id": ..., "text": ..., "date": "YYYY-MM-DD"};
    /// `html`, one saved web page per file (the article is extracted).
    #[arg(long = "input", value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,

    /// The article date (YYYY-MM-DD) used to resolve "Monday" or "last week";
    /// by default the date in the article's dateline, if any. A JSON line's
    /// own "date" wins over it.
    #[arg(long, value_parser = parse_date)]
    date: Option<whomet::Date>,

    /// File extensions read from folders, comma-separated [default:
    /// txt,html,htm; jsonl with --input jsonl; html,htm with --input html].
    /// Files named .html/.htm, or that begin like a web page, are read as
    /// saved web pages: the article is extracted from the page.
    #[arg(long, value_delimiter = ',')]
    ext: Option<Vec<String>>,

    /// Write the records to FILE instead of standard output: all of them or,
    /// when writing fails, none (FILE is left as it was).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Articles processed in parallel [default: the number of cores]. The
    /// output is the same, in the same order, whatever the number.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// No progress line on standard error (it is shown only on a terminal).
    #[arg(short, long)]
    quiet: bool,

    /// Put the article text in each record ("text"), as web pages always do.
    #[arg(long)]
    with_text: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Text,
    Jsonl,
    Html,
}

fn parse_date(s: &str) -> Result<whomet::Date, String> {
    input::jsonl::parse_date(s).ok_or_else(|| "expected a date as YYYY-MM-DD".to_string())
}

/// Write a line on standard error, ignoring failure (there is nowhere else).
fn eprint_line(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

fn main() -> ExitCode {
    // Panics inside the workers are caught and reported per article; any
    // other is reported in one line, not as a backtrace prompt.
    std::panic::set_hook(Box::new(|info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("whomet-work"));
        if !worker {
            eprint_line(&format!("whomet: internal error: {info}"));
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let mut paths = cli.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprint_line(
                "usage: whomet [OPTIONS] FILE|DIR|- ...\n       whomet < article.txt\n       whomet --input jsonl < articles.jsonl\nTry 'whomet --help' for more.",
            );
            return ExitCode::from(2);
        }
        paths.push(PathBuf::from("-"));
    }
    let format = match cli.input {
        InputFormat::Text => Format::Text,
        InputFormat::Jsonl => Format::Jsonl,
        InputFormat::Html => Format::Html,
    };
    let exts = cli.ext.clone().unwrap_or_else(|| {
        let exts: &[&str] = match format {
            Format::Text => &["txt", "html", "htm"],
            Format::Jsonl => &["jsonl"],
            Format::Html => &["html", "htm"],
        };
        exts.iter().map(|e| e.to_string()).collect()
    });
    let (sources, walk_errors) = input::expand(&paths, &exts);
    for e in &walk_errors {
        eprint_line(&format!("whomet: {e}"));
    }

    let progress = if !cli.quiet && io::stderr().is_terminal() {
        let total: Option<u64> = sources.iter().map(Source::size_hint).sum();
        let articles = (format != Format::Jsonl).then_some(sources.len() as u64);
        Progress::stderr(total, articles)
    } else {
        Progress::hidden()
    };
    let jobs = match cli.jobs {
        None | Some(0) => batch::default_jobs(),
        Some(n) => n,
    };
    let options = whomet::Options {
        date: cli.date,
        with_text: cli.with_text,
    };
    let cfg = batch::Config::new(format, jobs, options);

    let result = match &cli.output {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            let mut sink = CliSink {
                out: &mut out,
                progress,
            };
            let r = batch::run(sources, &cfg, &mut sink).and_then(|s| {
                sink.out.flush()?;
                Ok(s)
            });
            sink.progress.finish();
            r.map_err(|e| (e, "standard output".to_string()))
        }
        Some(path) => write_atomically(path, |out| {
            let mut sink = CliSink { out, progress };
            let r = batch::run(sources, &cfg, &mut sink);
            sink.progress.finish();
            r
        }),
    };
    match result {
        Ok(summary) => {
            if summary.errors > 0 || !walk_errors.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        // A closed standard output (`whomet dir/ | head -1`) ends the run quietly.
        Err((e, _)) if e.kind() == io::ErrorKind::BrokenPipe && cli.output.is_none() => {
            ExitCode::SUCCESS
        }
        Err((e, what)) => {
            eprint_line(&format!("whomet: cannot write {what}: {e}"));
            ExitCode::from(1)
        }
    }
}

struct CliSink<'a> {
    out: &'a mut dyn Write,
    progress: Progress,
}

impl Sink for CliSink<'_> {
    fn record(&mut self, json: &str) -> io::Result<()> {
        self.out.write_all(json.as_bytes())?;
        self.out.write_all(b"\n")
    }

    fn message(&mut self, level: Level, text: &str) {
        let line = match level {
            Level::Warning => format!("whomet: warning: {text}"),
            Level::Error => format!("whomet: {text}"),
        };
        self.progress.eprintln(&line);
    }

    fn progress(&mut self, bytes: u64) {
        self.progress.inc(bytes);
    }
}

/// Write `path` completely or not at all: into a temporary file beside it,
/// flushed to disk and renamed over `path` at the end; removed on failure.
fn write_atomically<T>(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, (io::Error, String)> {
    let what = path.display().to_string();
    let err = |e: io::Error| (e, what.clone());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".whomet-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    let mut out = BufWriter::with_capacity(1 << 16, tmp);
    let value = body(&mut out).map_err(err)?;
    let tmp = out.into_inner().map_err(|e| err(e.into_error()))?;
    tmp.as_file().sync_all().map_err(err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode));
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    // Make the rename itself durable; not every file system allows this.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(value)
}
