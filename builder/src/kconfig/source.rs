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
    /// The full text as printed.
    pub text: String,
}
