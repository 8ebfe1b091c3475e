//! kbuild Makefile intelligence as plain data: what a kbuild Makefile or
//! Kbuild file lists, hover docs for its variables, go-to-definition from its
//! objects and directories, and diagnostics that are certain.

pub mod diagnostics;
pub mod generated;
pub mod navigation;
pub mod objects;
pub mod sources;
pub mod symbols_scan;
pub mod vars;

/// A byte range on one 0-based line of the Makefile being analysed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineSpan {
    pub line: u32,
    /// Byte columns `start..end` on that line.
    pub start: u32,
    pub end: u32,
}

impl LineSpan {
    /// Whether byte column `col` of `line` is inside the span or just after it.
    pub fn touches(&self, line: u32, col: usize) -> bool {
        self.line == line && self.start as usize <= col && col <= self.end as usize
    }
}
