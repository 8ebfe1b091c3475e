//! Pattern rules (`%.o: %.c`), including those converted from suffix rules,
//! and pattern-specific variables.

use std::sync::Arc;

use super::file::{Commands, Dep};
use super::var::{AssignOp, Export, Origin};
use super::Floc;

/// One pattern rule: several target patterns may share a recipe.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Target patterns, each with the index of its `%`.
    pub targets: Vec<(Arc<[u8]>, usize)>,
    /// Prerequisites (names with `%`, unexpanded for second expansion).
    pub deps: Vec<Dep>,
    pub cmds: Option<Arc<Commands>>,
    /// `::` rule: only applies when the prerequisites exist.
    pub terminal: bool,
    /// Built in (from the default database).
    pub builtin: bool,
    /// Being used in the current implicit search (no recursion).
    pub in_use: bool,
}

impl Rule {
    /// Whether some target pattern is just `%` (a match-anything rule).
    pub fn match_anything(&self) -> bool {
        self.targets.iter().any(|(t, _)| t.len() == 1)
    }
}

/// One pattern-specific variable (`%.o: CFLAGS += -g`), applied to each
/// matching target when its variables are set up.
#[derive(Debug, Clone)]
pub struct PatternVar {
    pub pattern: Arc<[u8]>,
    pub percent: usize,
    pub name: Vec<u8>,
    /// As written, or expanded for `:=`.
    pub value: Vec<u8>,
    pub op: AssignOp,
    pub origin: Origin,
    pub floc: Floc,
    pub export: Option<Export>,
    pub private: bool,
}
