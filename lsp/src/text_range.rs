//! Ranges that may span lines within one document (0-based lines, byte
//! columns), for outlines and folds; `FileRange` covers one line only.

/// A place in a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 0-based line.
    pub line: u32,
    /// Byte column on that line.
    pub col: u32,
}

/// `start..end` in one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    pub start: Pos,
    pub end: Pos,
}

impl TextRange {
    /// Columns `start..end` of one line.
    pub fn on_line(line: u32, start: u32, end: u32) -> TextRange {
        TextRange {
            start: Pos { line, col: start },
            end: Pos { line, col: end },
        }
    }

    /// From column `start_col` of `start_line` to column `end_col` of
    /// `end_line`.
    pub fn lines(start_line: u32, start_col: u32, end_line: u32, end_col: u32) -> TextRange {
        TextRange {
            start: Pos {
                line: start_line,
                col: start_col,
            },
            end: Pos {
                line: end_line,
                col: end_col,
            },
        }
    }

    /// Whether `inner` lies within this range.
    pub fn contains(&self, inner: &TextRange) -> bool {
        self.start <= inner.start && inner.end <= self.end
    }
}
