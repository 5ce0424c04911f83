//! Progress on standard error: articles done (of how many, when known),
//! MB/s and time left. Drawn only when standard error is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write;
use std::time::Duration;

/// A progress line, or nothing when it is not wanted.
pub struct Progress {
    bar: Option<ProgressBar>,
    articles: Option<u64>,
    done: u64,
}

impl Progress {
    /// No progress at all.
    pub fn hidden() -> Progress {
        Progress {
            bar: None,
            articles: None,
            done: 0,
        }
    }

    /// A progress line on standard error over `total_bytes` of input (when
    /// known) and `articles` articles (when known).
    pub fn stderr(total_bytes: Option<u64>, articles: Option<u64>) -> Progress {
        let bar = match total_bytes {
            Some(len) => {
                let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bar:30} {msg} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}, {eta} left",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar
            }
            None => {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} {msg} {decimal_bytes} {decimal_bytes_per_sec} {elapsed}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar
            }
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        let p = Progress {
            bar: Some(bar),
            articles,
            done: 0,
        };
        p.set_message();
        p
    }

    fn set_message(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(match self.articles {
                Some(n) => format!("{}/{} articles", self.done, n),
                None => format!("{} articles", self.done),
            });
        }
    }

    /// One more input done, `bytes` of it.
    pub fn inc(&mut self, bytes: u64) {
        self.done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            self.set_message();
        }
    }

    /// Print a line on standard error without garbling the bar. Errors
    /// writing standard error are ignored: there is nowhere else to tell.
    pub fn eprintln(&self, line: &str) {
        let print = || {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Remove the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
