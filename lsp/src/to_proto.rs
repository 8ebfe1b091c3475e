//! Conversions from the features' plain data (paths, 0-based lines, byte
//! columns) to protocol types, in the negotiated position encoding. Cannot
//! fail: a file that vanished gives column 0.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tower_lsp::lsp_types::{Location, Position, Range, Url};

use crate::documents::Documents;
use crate::location::FileRange;
use crate::position::{lsp_col, trim_eol, PositionEncoding};

/// A file's text as read once per request.
struct FileText {
    text: String,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// No byte above 0x7f: byte columns are UTF-16 columns too.
    ascii: bool,
}

/// Line texts of files, read once per request (open documents win over disk).
pub struct Lines<'d> {
    docs: &'d Documents,
    enc: PositionEncoding,
    files: HashMap<PathBuf, FileText>,
}

impl<'d> Lines<'d> {
    pub fn new(docs: &'d Documents, enc: PositionEncoding) -> Lines<'d> {
        Lines {
            docs,
            enc,
            files: HashMap::new(),
        }
    }

    fn file(&mut self, path: &Path) -> &FileText {
        self.files.entry(path.to_path_buf()).or_insert_with(|| {
            let text = self.docs.text_of(path).unwrap_or_default();
            let starts = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect();
            FileText {
                ascii: text.is_ascii(),
                text,
                starts,
            }
        })
    }

    /// Line `line` of `path` without its end of line ("" past the end).
    pub fn line(&mut self, path: &Path, line: u32) -> &str {
        let f = self.file(path);
        let Some(&start) = f.starts.get(line as usize) else {
            return "";
        };
        let end = f
            .starts
            .get(line as usize + 1)
            .copied()
            .unwrap_or(f.text.len());
        trim_eol(&f.text[start..end])
    }

    /// The protocol position of byte column `col` of `line`.
    pub fn position(&mut self, path: &Path, line: u32, col: u32) -> Position {
        let enc = self.enc;
        if col == 0 || enc == PositionEncoding::Utf8 || self.file(path).ascii {
            // Byte columns are UTF-8 positions, and UTF-16 ones in ASCII text.
            return Position::new(line, col);
        }
        let text = self.line(path, line);
        Position::new(line, lsp_col(text, col as usize, enc))
    }

    pub fn range(&mut self, r: &FileRange) -> Range {
        Range::new(
            self.position(&r.path, r.line, r.start),
            self.position(&r.path, r.line, r.end),
        )
    }

    pub fn location(&mut self, r: &FileRange) -> Option<Location> {
        let uri = Url::from_file_path(&r.path).ok()?;
        Some(Location::new(uri, self.range(r)))
    }

    pub fn locations(&mut self, rs: &[FileRange]) -> Vec<Location> {
        rs.iter().filter_map(|r| self.location(r)).collect()
    }
}

/// The range of byte columns `start..end` on a line whose text is known.
pub fn line_range(line: u32, text: &str, start: usize, end: usize, enc: PositionEncoding) -> Range {
    Range::new(
        Position::new(line, lsp_col(text, start, enc)),
        Position::new(line, lsp_col(text, end, enc)),
    )
}
