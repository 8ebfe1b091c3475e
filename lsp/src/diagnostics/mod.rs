//! Diagnostics as plain data: what is wrong at a place in a Kconfig or config
//! file, and an optional quick fix. `kconfig` checks the Kconfig sources of the
//! loaded tree, `config_file` evaluates `.config`, defconfig and fragment
//! files as `conf` would, `fixes` builds the edits of quick fixes.
//!
//! To the protocol: `range` through `to_proto::Lines::range`, `severity` one to
//! one, `code` as the diagnostic's string code with source `kmake`; a `fix` is a
//! quick-fix code action whose workspace edit holds `edits` (all in the
//! diagnostic's file).

pub mod config_file;
pub mod fixes;
pub mod kconfig;
#[cfg(test)]
mod test_fixture;

use std::path::Path;

use crate::location::FileRange;

pub use config_file::{config_file_diagnostics, ConfigKind};
pub use kconfig::kconfig_diagnostics;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

/// What kind of problem, as a stable string code (`Code::as_str`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A syntax error or an error `conf` stops on (loops, bad choices).
    ParseError,
    /// Another warning the C tool prints while parsing.
    KconfigWarning,
    /// A name used in an expression that no Kconfig file defines.
    UndefinedSymbol,
    /// `select` of a symbol whose direct dependencies are unmet.
    UnmetSelect,
    /// A value or argument of the wrong type.
    TypeMismatch,
    /// A `default` no `range` of the symbol admits.
    DefaultOutOfRange,
    /// Conflicting definitions (type or prompt redefined).
    Redefinition,
    /// A config file names a symbol the tree does not define.
    UnknownSymbol,
    /// A config file gives a value the symbol's type rejects.
    InvalidValue,
    /// A config file line that is neither an assignment nor a comment.
    UnexpectedData,
    /// A symbol assigned twice in one config file.
    Override,
    /// A requested value that evaluation does not keep.
    ValueNotKept,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ParseError => "parse-error",
            Code::KconfigWarning => "kconfig-warning",
            Code::UndefinedSymbol => "undefined-symbol",
            Code::UnmetSelect => "unmet-select",
            Code::TypeMismatch => "type-mismatch",
            Code::DefaultOutOfRange => "default-out-of-range",
            Code::Redefinition => "redefinition",
            Code::UnknownSymbol => "unknown-symbol",
            Code::InvalidValue => "invalid-value",
            Code::UnexpectedData => "unexpected-data",
            Code::Override => "override",
            Code::ValueNotKept => "value-not-kept",
        }
    }
}

/// A quick fix: text edits in the diagnostic's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    /// Ranges to replace (empty ranges insert), applied together.
    pub edits: Vec<(FileRange, String)>,
}

/// One diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub range: FileRange,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub fix: Option<Fix>,
}

/// The range of line `line` (0-based) of `text` without its indentation and
/// line end; the line start when the text has no such line.
pub(crate) fn line_range(path: &Path, text: &str, line: u32) -> FileRange {
    let l = text.split('\n').nth(line as usize).unwrap_or("");
    let l = l.strip_suffix('\r').unwrap_or(l);
    let start = l.len() - l.trim_start().len();
    FileRange {
        path: path.to_path_buf(),
        line,
        start: start as u32,
        end: l.len() as u32,
    }
}

/// Diagnostics in document order (line, column, then message).
pub(crate) fn sort(diags: &mut [Diag]) {
    diags.sort_by(|a, b| {
        (a.range.line, a.range.start, &a.message).cmp(&(b.range.line, b.range.start, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_skip_indentation_and_line_ends() {
        let p = Path::new("/k/Kconfig");
        let t = "config A\r\n\tbool \"x\"\n";
        let r = line_range(p, t, 1);
        assert_eq!((r.line, r.start, r.end), (1, 1, 9));
        let r = line_range(p, t, 0);
        assert_eq!((r.start, r.end), (0, 8));
        let r = line_range(p, t, 7);
        assert_eq!((r.line, r.start, r.end), (7, 0, 0));
    }
}
