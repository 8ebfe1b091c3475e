//! Variables: values, flavors, origins, export state, and the chains of
//! variable sets that lookups walk (call/foreach scopes, target-specific and
//! pattern-specific sets, the global set).

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::expr::Expr;
use super::Floc;

/// Where a definition came from; a stronger origin is not overridden by a
/// weaker one. The order is GNU make's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    Default,
    Env,
    File,
    EnvOverride,
    CommandLine,
    Override,
    Automatic,
}

impl Origin {
    /// The text `$(origin)` returns.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::Env => "environment",
            Origin::File => "file",
            Origin::EnvOverride => "environment override",
            Origin::CommandLine => "command line",
            Origin::Override => "override",
            Origin::Automatic => "automatic",
        }
    }
}

/// `export`/`unexport` state of a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// Exported if it came from the environment or command line (or with
    /// `.EXPORT_ALL_VARIABLES`).
    Default,
    Export,
    NoExport,
    /// Exported only if it has a value (used for `MAKEFILES`... and `SHELL`).
    IfSet,
}

/// The operator of an assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Recursive,
    /// `:=` and `::=`
    Simple,
    /// `:::=` (POSIX): expanded, then stored as recursive with `$` doubled.
    Expand,
    /// `+=`
    Append,
    /// `?=`
    Conditional,
    /// `!=`
    Shell,
}

#[derive(Clone, Debug)]
pub struct Var {
    pub value: Arc<[u8]>,
    pub recursive: bool,
    pub origin: Origin,
    pub export: Export,
    /// Names made only of letters, digits and `_` (starting with a letter or
    /// `_`) can go to the environment.
    pub exportable: bool,
    pub private: bool,
    /// A target-specific `+=`: appends to the value inherited from outer sets.
    pub append: bool,
    /// A target-specific `?=`.
    pub conditional: bool,
    pub floc: Option<Floc>,
    /// The parsed value, for recursive variables.
    pub parsed: Option<Arc<Expr>>,
    /// Nested self-references allowed while expanding (`$(call)` sets it).
    pub exp_count: u32,
    /// Defined for a target or pattern.
    pub per_target: bool,
}

impl Var {
    pub fn new(
        value: &[u8],
        recursive: bool,
        origin: Origin,
        floc: Option<Floc>,
        name: &[u8],
    ) -> Var {
        Var {
            value: Arc::from(value),
            recursive,
            origin,
            export: Export::Default,
            exportable: exportable_name(name),
            private: false,
            append: false,
            conditional: false,
            floc,
            parsed: None,
            exp_count: 0,
            per_target: false,
        }
    }

    /// The text `$(flavor)` returns.
    pub fn flavor_name(&self) -> &'static str {
        if self.recursive {
            "recursive"
        } else {
            "simple"
        }
    }
}

/// Whether a name may be put in the environment of commands.
pub fn exportable_name(name: &[u8]) -> bool {
    match name.first() {
        Some(&c) if c == b'_' || c.is_ascii_alphabetic() => {}
        _ => return false,
    }
    name[1..]
        .iter()
        .all(|&c| c == b'_' || c.is_ascii_alphanumeric())
}

/// Index of a variable set in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SetId(pub u32);

impl SetId {
    pub const GLOBAL: SetId = SetId(0);
}

/// One table of variables.
#[derive(Default, Clone, Debug)]
pub struct VarSet {
    pub vars: FxHashMap<Box<[u8]>, Var>,
}

/// A chain of sets to look names up in, innermost first.
#[derive(Clone, Debug)]
pub struct SetList(pub Option<Arc<SetNode>>);

#[derive(Debug)]
pub struct SetNode {
    pub set: SetId,
    /// Whether the next set belongs to the target this one's target was
    /// built for (private variables do not cross that link).
    pub next_is_parent: bool,
    pub next: SetList,
}

impl SetList {
    pub fn global() -> SetList {
        SetList(Some(Arc::new(SetNode {
            set: SetId::GLOBAL,
            next_is_parent: false,
            next: SetList(None),
        })))
    }

    pub fn push(&self, set: SetId, next_is_parent: bool) -> SetList {
        SetList(Some(Arc::new(SetNode {
            set,
            next_is_parent,
            next: self.clone(),
        })))
    }

    pub fn iter(&self) -> SetIter<'_> {
        SetIter {
            cur: self.0.as_deref(),
            after_parent: false,
        }
    }
}

/// Iterates (set, reached through a parent link) pairs.
pub struct SetIter<'a> {
    cur: Option<&'a SetNode>,
    after_parent: bool,
}

impl<'a> Iterator for SetIter<'a> {
    type Item = (SetId, bool);
    fn next(&mut self) -> Option<(SetId, bool)> {
        let n = self.cur?;
        let r = (n.set, self.after_parent);
        if n.next_is_parent {
            self.after_parent = true;
        }
        self.cur = n.next.0.as_deref();
        Some(r)
    }
}

/// All variable sets of one make instance.
#[derive(Clone, Debug)]
pub struct VarStore {
    pub sets: Vec<VarSet>,
    /// Sets freed by ended call/foreach scopes, for reuse.
    free: Vec<SetId>,
    /// Bumped when the global set gains a variable (for `.VARIABLES`).
    pub changenum: u64,
}

impl Default for VarStore {
    fn default() -> Self {
        VarStore {
            sets: vec![VarSet::default()],
            free: Vec::new(),
            changenum: 0,
        }
    }
}

impl VarStore {
    pub fn new_set(&mut self) -> SetId {
        if let Some(id) = self.free.pop() {
            self.sets[id.0 as usize].vars.clear();
            return id;
        }
        self.sets.push(VarSet::default());
        SetId(self.sets.len() as u32 - 1)
    }

    /// Returns a scope set (call/foreach/let) for reuse.
    pub fn free_set(&mut self, id: SetId) {
        self.sets[id.0 as usize].vars.clear();
        self.free.push(id);
    }

    pub fn set(&self, id: SetId) -> &VarSet {
        &self.sets[id.0 as usize]
    }

    pub fn set_mut(&mut self, id: SetId) -> &mut VarSet {
        &mut self.sets[id.0 as usize]
    }

    /// Looks `name` up along `list` (C `lookup_variable`), skipping private
    /// variables of parent targets.
    pub fn lookup(&self, list: &SetList, name: &[u8]) -> Option<(SetId, &Var)> {
        for (set, after_parent) in list.iter() {
            if let Some(v) = self.sets[set.0 as usize].vars.get(name) {
                if after_parent && v.private {
                    continue;
                }
                return Some((set, v));
            }
        }
        None
    }

    pub fn lookup_in(&self, set: SetId, name: &[u8]) -> Option<&Var> {
        self.sets[set.0 as usize].vars.get(name)
    }

    pub fn global(&self, name: &[u8]) -> Option<&Var> {
        self.lookup_in(SetId::GLOBAL, name)
    }

    /// Defines `name` in `set` unless a stronger definition exists there
    /// (C `define_variable_in_set`). Returns whether it was (re)defined.
    pub fn define(
        &mut self,
        set: SetId,
        name: &[u8],
        value: &[u8],
        origin: Origin,
        recursive: bool,
        floc: Option<Floc>,
    ) -> bool {
        let s = &mut self.sets[set.0 as usize];
        if let Some(v) = s.vars.get_mut(name) {
            if origin >= v.origin {
                v.value = Arc::from(value);
                v.floc = floc;
                v.origin = origin;
                v.recursive = recursive;
                v.parsed = None;
                return true;
            }
            return false;
        }
        s.vars.insert(
            Box::from(name),
            Var::new(value, recursive, origin, floc, name),
        );
        if set == SetId::GLOBAL {
            self.changenum += 1;
        }
        true
    }

    pub fn get_mut(&mut self, set: SetId, name: &[u8]) -> Option<&mut Var> {
        self.sets[set.0 as usize].vars.get_mut(name)
    }

    pub fn remove(&mut self, set: SetId, name: &[u8]) -> Option<Var> {
        let r = self.sets[set.0 as usize].vars.remove(name);
        if r.is_some() && set == SetId::GLOBAL {
            self.changenum += 1;
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stronger_origins_win() {
        let mut s = VarStore::default();
        assert!(s.define(SetId::GLOBAL, b"A", b"cmd", Origin::CommandLine, true, None));
        assert!(!s.define(SetId::GLOBAL, b"A", b"file", Origin::File, true, None));
        assert_eq!(&*s.global(b"A").unwrap().value, b"cmd");
        assert!(s.define(SetId::GLOBAL, b"A", b"ovr", Origin::Override, true, None));
        assert_eq!(&*s.global(b"A").unwrap().value, b"ovr");
    }

    #[test]
    fn private_does_not_cross_parents() {
        let mut s = VarStore::default();
        let parent = s.new_set();
        let child = s.new_set();
        s.define(parent, b"P", b"1", Origin::File, true, None);
        s.get_mut(parent, b"P").unwrap().private = true;
        let list = SetList::global().push(parent, false).push(child, true);
        assert!(s.lookup(&list, b"P").is_none());
        let own = SetList::global().push(parent, false);
        assert!(s.lookup(&own, b"P").is_some());
        assert!(exportable_name(b"_A9") && !exportable_name(b"9A") && !exportable_name(b"A-B"));
    }
}
