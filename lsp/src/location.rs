//! Plain-data places in files that the features return (byte columns, 0-based
//! lines); `to_proto` turns them into protocol locations.

use std::path::PathBuf;

/// A range on one line of a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileRange {
    pub path: PathBuf,
    /// 0-based line.
    pub line: u32,
    /// Byte columns on that line, `start..end`.
    pub start: u32,
    pub end: u32,
}

impl FileRange {
    /// The start of a file.
    pub fn file_start(path: PathBuf) -> FileRange {
        FileRange {
            path,
            line: 0,
            start: 0,
            end: 0,
        }
    }
}
