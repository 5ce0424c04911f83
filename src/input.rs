//! Input: which articles to read, and reading them safely.
//!
//! Paths are expanded here (folders walked recursively, in sorted path
//! order), and bytes become text here: invalid UTF-8 is decoded with
//! replacement characters and a warning, binary files are refused.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub mod jsonl;

/// Where one article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// A file named as a saved web page (`.html`, `.htm`).
    pub fn is_html(&self) -> bool {
        match self {
            Source::Stdin => false,
            Source::File(p) => p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")),
        }
    }

    /// The name used in the record's `source` field and in messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub struct InputError {
    pub name: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

impl std::error::Error for InputError {}

/// Article text decoded from bytes, with a warning when it was not valid UTF-8.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Expand command-line paths: files stay as given, `-` is standard input,
/// folders become every file below them whose extension is in `exts`, in
/// sorted path order. Unreadable entries are returned as errors and do not
/// stop the walk.
pub fn expand(paths: &[PathBuf], exts: &[String]) -> (Vec<Source>, Vec<InputError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, exts, &mut out, &mut errors);
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    (out, errors)
}

fn walk(dir: &Path, exts: &[String], out: &mut Vec<Source>, errors: &mut Vec<InputError>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by(|a, b| a.file_name().cmp(b.file_name()));
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_file() && has_ext(e.path(), exts) {
                    out.push(Source::File(e.into_path()));
                }
            }
            Err(err) => {
                let name = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| dir.display().to_string());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else if let (Some(io), Some(p)) = (err.io_error(), err.path()) {
                    path_reason(p, io)
                } else {
                    err.to_string()
                };
                errors.push(InputError { name, reason });
            }
        }
    }
}

fn has_ext(path: &Path, exts: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Read one source completely and decode it.
pub fn read(source: &Source) -> Result<Decoded, InputError> {
    let name = source.name();
    let mut bytes = Vec::new();
    let res = match source {
        Source::Stdin => std::io::stdin().lock().read_to_end(&mut bytes),
        Source::File(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut bytes)),
    };
    res.map_err(|e| InputError {
        name: name.clone(),
        reason: match source {
            Source::File(p) => path_reason(p, &e),
            Source::Stdin => io_reason(&e),
        },
    })?;
    decode(bytes, &name)
}

impl Source {
    /// The size in bytes, when it can be known before reading (for progress).
    pub fn size_hint(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        }
    }
}

/// Why `path` could not be read, telling a dangling symbolic link from a
/// missing file.
fn path_reason(path: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        return "dangling symbolic link (its target does not exist)".to_string();
    }
    io_reason(e)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if e.raw_os_error() == Some(21) => "is a directory".to_string(),
        _ => e.to_string(),
    }
}

/// Decode article bytes: refuse binary data, repair invalid UTF-8.
pub fn decode(bytes: Vec<u8>, name: &str) -> Result<Decoded, InputError> {
    if bytes.contains(&0) {
        return Err(InputError {
            name: name.to_string(),
            reason: "binary file (holds NUL bytes), skipped".to_string(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            warning: None,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok(Decoded {
                text,
                warning: Some(format!(
                    "{name}: invalid UTF-8 (first at byte {at}), decoded with replacement characters"
                )),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_binary_and_repairs_utf8() {
        assert!(decode(b"ab\0c".to_vec(), "x").is_err());
        let d = decode(b"caf\xe9 ok".to_vec(), "x").unwrap();
        assert_eq!(d.text, "caf\u{FFFD} ok");
        assert!(d.warning.unwrap().contains("invalid UTF-8"));
        assert!(decode(b"fine".to_vec(), "x").unwrap().warning.is_none());
    }
}
