//! `whomet-eval`: scores whomet on the development data.
//!
//! ```text
//! whomet-eval conll    [FILE]   # CoNLL-2003 PER/LOC/ORG exact-span P/R/F1
//! whomet-eval timeml   [DIR]    # TempEval-3 DATE/TIME strict, relaxed, value F1
//! whomet-eval meetings [DIR]    # meeting participant pairs, where/when/status
//! ```
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprintln!("usage: whomet-eval conll|timeml|meetings [PATH] [--verbose]");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let res = match cmd.as_str() {
        "conll" => whomet::eval::conll::main(rest),
        "timeml" => whomet::eval::timeml::main(rest),
        "meetings" => whomet::eval::meetings::main(rest),
        _ => {
            eprintln!("whomet-eval: unknown command {cmd:?} (conll, timeml, meetings)");
            return ExitCode::from(2);
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("whomet-eval: {e:#}");
            ExitCode::from(1)
        }
    }
}
