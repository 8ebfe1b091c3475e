//! Find references of a symbol: its mentions in the Kconfig sources (from the
//! engine) and whole-word `CONFIG_NAME` in Makefiles, C, defconfigs and
//! fragments (from the text index).

use std::path::{Path, PathBuf};

use crate::cursor::{symbol_at, Dialect};
use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;
use crate::text_index::TextIndex;

/// Every mention of the symbol at byte `at` of `line_text`, sorted by file
/// and position; definitions only with `include_declaration`.
pub fn references(
    index: &KconfigIndex,
    text: &TextIndex,
    open: &[(PathBuf, String)],
    path: &Path,
    line_text: &str,
    at: usize,
    include_declaration: bool,
) -> Vec<FileRange> {
    let Some(s) = symbol_at(index, Dialect::of(index, path), line_text, at) else {
        return Vec::new();
    };
    let mut out = index.references(&s.name, include_declaration);
    out.extend(
        text.find(&s.name, open)
            .into_iter()
            .map(|(path, h)| FileRange {
                path,
                line: h.line,
                start: h.col,
                end: h.col + h.len,
            }),
    );
    out.sort();
    out.dedup();
    out
}
