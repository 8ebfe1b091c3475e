//! Go to definition: from a symbol (in Kconfig, Makefiles, C, config files) to
//! every `config NAME` entry; from a Kconfig `source "path"` to the file.

use std::path::Path;

use crate::cursor::{symbol_at, Dialect};
use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;

/// Where the thing at byte `at` of `line_text` (line `line`, 0-based, of
/// `path`) is defined; empty when nothing is known there.
pub fn definition(
    index: &KconfigIndex,
    path: &Path,
    line: u32,
    line_text: &str,
    at: usize,
) -> Vec<FileRange> {
    let dialect = Dialect::of(index, path);
    if dialect == Dialect::Kconfig {
        if let Some(files) = index.source_targets(path, line) {
            return files.into_iter().map(FileRange::file_start).collect();
        }
    }
    match symbol_at(index, dialect, line_text, at) {
        Some(s) => index.definitions(&s.name),
        None => Vec::new(),
    }
}
