//! Hover on a symbol: what the engine knows about it (type, prompt, help,
//! definitions, dependencies, selects) and its current value with the reason.

use std::path::Path;

use crate::cursor::{symbol_at, Dialect};
use crate::kconfig_index::KconfigIndex;

/// Markdown for the symbol at byte `at` of `line_text`, with the byte range
/// of the word it is about.
pub fn hover(
    index: &KconfigIndex,
    path: &Path,
    line_text: &str,
    at: usize,
) -> Option<(String, (usize, usize))> {
    let s = symbol_at(index, Dialect::of(index, path), line_text, at)?;
    let text = index.hover(&s.name)?;
    Some((text, (s.start, s.end)))
}
