//! The rule data under `data/`, embedded with `include_str!`: one entry a
//! line, `#` comments and blank lines skipped. Every stage reads its lists
//! through here, so the format is the same everywhere.

/// The entries of an embedded data file, trailing white space removed.
pub fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}
