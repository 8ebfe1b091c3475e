//! Source files, positions and the messages the engine reports.
//!
//! Messages keep both the structured form (for the language server) and the exact
//! text the C tool prints (for the command line), so `kmake` can match `conf`'s
//! stderr and stdout line for line.

use std::path::PathBuf;
use std::sync::Arc;

/// Index of a Kconfig (or config) file read by the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A position: 1-based line, 0-based byte column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A range of source text in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: Pos,
    pub end: Pos,
}

/// A file and line, the granularity the C tool reports at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Loc {
    pub file: Option<FileId>,
    pub line: u32,
}

/// Whether a file is part of the Kconfig sources or a config file read later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Kconfig,
    Config,
}

/// A file the engine read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name as written in `source` (what the C tool prints).
    pub name: Arc<str>,
    /// Where it was found on disk.
    pub path: PathBuf,
    pub kind: FileKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Which stream the C tool prints a message on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One message, with its exact C-tool text in `text` (no trailing newline unless
/// the tool prints a blank line).
#[derive(Clone, Debug)]
pub struct Message {
    pub stream: Stream,
    pub severity: Severity,
    pub loc: Loc,
    /// The message without the location prefix.
    pub message: String,
    /// The full text as printed (see `newline`).
    pub text: String,
    /// Whether a newline follows the text (output a tool printed may not end
    /// in one).
    pub newline: bool,
}

impl Message {
    /// Exactly what the C tool prints for this message.
    pub fn printed(&self) -> String {
        if self.newline {
            format!("{}\n", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// First of the private-use characters that stand for bytes 0x80..=0xFF which
/// are not part of valid UTF-8 (like Python's "surrogateescape"), so text read
/// from files and commands round-trips byte for byte.
const RAW_BYTE_BASE: u32 = 0x10FF00;

/// The character standing for a raw (non-UTF-8) byte.
pub fn raw_byte_char(b: u8) -> char {
    char::from_u32(RAW_BYTE_BASE + b as u32).expect("private-use character")
}

/// Owned bytes to text without copying when they are valid UTF-8.
pub fn decode_vec(b: Vec<u8>) -> String {
    match String::from_utf8(b) {
        Ok(s) => s,
        Err(e) => decode_bytes(e.as_bytes()),
    }
}

/// Bytes to text: valid UTF-8 as is, other bytes as `raw_byte_char`s.
pub fn decode_bytes(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        s.push_str(chunk.valid());
        for &x in chunk.invalid() {
            s.push(raw_byte_char(x));
        }
    }
    s
}

/// Text back to the bytes it was read from.
pub fn encode_text(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        return s.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if (RAW_BYTE_BASE + 0x80..=RAW_BYTE_BASE + 0xFF).contains(&u) {
            out.push((u - RAW_BYTE_BASE) as u8);
        } else {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

/// The bytes a character was read from.
pub fn char_bytes(c: char) -> Vec<u8> {
    encode_text(c.encode_utf8(&mut [0u8; 4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let raw = b"ok \xe2\x82\xac latin1 \xe9 cut \xe2\x82";
        let t = decode_bytes(raw);
        assert!(t.starts_with("ok \u{20ac} latin1 "));
        assert_eq!(encode_text(&t), raw);
        assert_eq!(char_bytes('\u{20ac}'), b"\xe2\x82\xac");
        assert_eq!(char_bytes(raw_byte_char(0xe9)), b"\xe9");
    }
}
