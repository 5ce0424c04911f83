//! The `whomet` command: argument parsing, I/O and exit codes. The work is
//! done by the library.

use clap::Parser;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use whomet::input::{self, Source};

/// Reads English news articles and writes, for each one, a JSON line with the
/// people, places, organisations and dates it mentions and the meetings it
/// reports: who met whom, where and when.
#[derive(Parser, Debug)]
#[command(name = "whomet", version, about, long_about = None)]
struct Cli {
    /// Article files or folders (every .txt file below, sorted by path);
    /// `-` or nothing reads one article from standard input.
    paths: Vec<PathBuf>,

    /// The article date (YYYY-MM-DD) used to resolve "Monday" or "last week";
    /// by default the date in the article's dateline, if any.
    #[arg(long, value_parser = parse_date)]
    date: Option<whomet::Date>,

    /// File extensions read from folders, comma-separated.
    #[arg(long, default_value = "txt", value_delimiter = ',')]
    ext: Vec<String>,
}

fn parse_date(s: &str) -> Result<whomet::Date, String> {
    s.parse::<whomet::Date>()
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

fn main() -> ExitCode {
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
            eprintln!("usage: whomet [--date YYYY-MM-DD] FILE|DIR|- ...\n       whomet < article.txt\nTry 'whomet --help' for more.");
            return ExitCode::from(2);
        }
        paths.push(PathBuf::from("-"));
    }
    let opts = whomet::Options {
        date: cli.date,
        ..Default::default()
    };
    let (sources, walk_errors) = input::expand(&paths, &cli.ext);
    let mut failed = !walk_errors.is_empty();
    for e in &walk_errors {
        eprintln!("whomet: {e}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for source in &sources {
        let decoded = match input::read(source) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("whomet: {e}");
                failed = true;
                continue;
            }
        };
        if let Some(w) = &decoded.warning {
            eprintln!("whomet: warning: {w}");
        }
        let name = match source {
            Source::Stdin => "-".to_string(),
            Source::File(_) => source.name(),
        };
        let record = whomet::process(&name, &decoded.text, &opts);
        let line = record.to_json();
        if let Err(e) = writeln!(out, "{line}").and_then(|_| {
            if matches!(source, Source::Stdin) {
                out.flush()
            } else {
                Ok(())
            }
        }) {
            return write_failed(e);
        }
    }
    if let Err(e) = out.flush() {
        return write_failed(e);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A closed standard output (`whomet dir/ | head -1`) ends the run quietly.
fn write_failed(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("whomet: cannot write output: {e}");
        ExitCode::from(1)
    }
}
