//! The file database: every target and prerequisite make knows of, with its
//! prerequisites, recipe, flags and update state.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use super::var::SetId;
use super::Floc;

/// Index of a file in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A recipe: its text and where it starts.
#[derive(Debug)]
pub struct Commands {
    pub floc: Floc,
    /// All lines, each ending in `\n` (recipe prefix removed).
    pub text: Vec<u8>,
    /// The recipe prefix in effect when it was read.
    pub prefix: u8,
    /// Built in (messages say `<builtin>`).
    pub builtin: bool,
    /// The lines, split on first use (C `chop_commands`).
    pub chopped: OnceLock<Chopped>,
}

impl Commands {
    pub fn new(floc: Floc, text: Vec<u8>, prefix: u8) -> Commands {
        Commands {
            floc,
            text,
            prefix,
            builtin: false,
            chopped: OnceLock::new(),
        }
    }
}

/// Line flags (C `COMMANDS_*`).
pub const CMD_RECURSE: u8 = 1;
pub const CMD_SILENT: u8 = 2;
pub const CMD_NOERROR: u8 = 4;

/// A recipe split into its logical lines, with each line's prefix flags.
#[derive(Debug)]
pub struct Chopped {
    pub lines: Vec<Vec<u8>>,
    pub flags: Vec<AtomicU8>,
}

impl Chopped {
    pub fn flag(&self, i: usize) -> u8 {
        self.flags[i].load(Ordering::Relaxed)
    }

    pub fn any_recurse(&self) -> bool {
        self.flags
            .iter()
            .any(|f| f.load(Ordering::Relaxed) & CMD_RECURSE != 0)
    }

    pub fn all_recurse(&self) -> bool {
        self.flags
            .iter()
            .all(|f| f.load(Ordering::Relaxed) & CMD_RECURSE != 0)
    }
}

/// A prerequisite.
#[derive(Clone, Debug)]
pub struct Dep {
    /// The file, once entered.
    pub file: Option<FileId>,
    /// Unexpanded text (second expansion pending) or a name not yet entered.
    pub name: Option<Arc<[u8]>>,
    pub stem: Option<Arc<[u8]>>,
    /// Order-only (`|`).
    pub ignore_mtime: bool,
    pub need_2nd_expansion: bool,
    pub staticpattern: bool,
    /// `.WAIT` before this prerequisite.
    pub wait_here: bool,
    /// Added by `.EXTRA_PREREQS` (not in automatic variables).
    pub ignore_automatic_vars: bool,
    /// Mentioned in a rule (not found by implicit search).
    pub is_explicit: bool,
    /// Set when this prerequisite was remade (for `$?`).
    pub changed: bool,
}

impl Dep {
    pub fn named(name: &[u8]) -> Dep {
        Dep {
            file: None,
            name: Some(Arc::from(name)),
            stem: None,
            ignore_mtime: false,
            need_2nd_expansion: false,
            staticpattern: false,
            wait_here: false,
            ignore_automatic_vars: false,
            is_explicit: false,
            changed: false,
        }
    }

    pub fn of(file: FileId) -> Dep {
        Dep {
            file: Some(file),
            name: None,
            ..Dep::named(b"")
        }
    }
}

/// Modification time as make tracks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mtime {
    /// Not checked yet.
    Unknown,
    /// Does not exist.
    Nonexistent,
    /// Older than anything (`-o` files).
    OldInf,
    /// A real time, in nanoseconds since the epoch.
    At(i128),
    /// Newer than anything (`-W` files, or remade without a time).
    NewInf,
}

impl Mtime {
    /// The modification time in a file's metadata.
    pub fn of_metadata(md: &std::fs::Metadata) -> Mtime {
        use std::os::unix::fs::MetadataExt;
        Mtime::At(md.mtime() as i128 * 1_000_000_000 + md.mtime_nsec() as i128)
    }

    /// The value comparisons use (GNU make's ordering of special times).
    pub fn order(self) -> i128 {
        match self {
            Mtime::Unknown => -3,
            Mtime::Nonexistent => -2,
            Mtime::OldInf => -1,
            Mtime::At(t) => t,
            Mtime::NewInf => i128::MAX,
        }
    }

    pub fn exists(self) -> bool {
        !matches!(self, Mtime::Nonexistent | Mtime::Unknown)
    }
}

/// Where a file is in being brought up to date (ordered as GNU make's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CmdState {
    NotStarted,
    DepsRunning,
    Running,
    Finished,
}

/// Outcome of updating a file (ordered as GNU make's: worse is greater).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum UpdateStatus {
    Success,
    /// Not tried yet.
    None,
    /// Needs updating (for `-q`).
    Question,
    Failed,
}

#[derive(Debug)]
pub struct File {
    pub name: Arc<[u8]>,
    /// The name found through vpath, if different.
    pub hname: Option<Arc<[u8]>>,
    pub deps: Vec<Dep>,
    pub cmds: Option<Arc<Commands>>,
    /// For `::` rules: the first entry of this name; `prev` chains the rest.
    pub double_colon: Option<FileId>,
    pub prev: Option<FileId>,
    pub last: Option<FileId>,
    pub stem: Option<Arc<[u8]>>,
    /// Grouped targets (`&:`) made together with this one.
    pub also_make: Vec<FileId>,
    pub variables: Option<SetId>,
    /// The target this one was considered for (target-specific inheritance).
    pub parent: Option<FileId>,
    pub pat_variables: Option<SetId>,
    pub pat_searched: bool,
    pub is_target: bool,
    pub is_explicit: bool,
    pub cmd_target: bool,
    pub phony: bool,
    pub precious: bool,
    pub intermediate: bool,
    pub notintermediate: bool,
    pub secondary: bool,
    pub dontcare: bool,
    pub ignore_vpath: bool,
    pub tried_implicit: bool,
    pub builtin: bool,
    pub snapped: bool,
    pub loaded: bool,
    pub last_mtime: Mtime,
    pub mtime_before_update: Mtime,
    pub command_state: CmdState,
    pub update_status: UpdateStatus,
    pub updated: bool,
    pub updating: bool,
    pub changed: u32,
    /// The recipe ran (or would have, under `-n`).
    pub cmds_ran: bool,
    pub floc: Option<Floc>,
    /// Pass of the goal loop that last looked at this file.
    pub considered: u32,
    /// A failure here was not reported (it was a "don't care" file).
    pub no_diag: bool,
    /// Flags from `.SILENT`/`.IGNORE` (C `command_flags`).
    pub command_flags: u8,
    /// Merged into another entry by a directory search.
    pub renamed: Option<FileId>,
    /// A scratch entry of implicit search, not in the index.
    pub detached: bool,
}

impl File {
    pub fn new(name: Arc<[u8]>) -> File {
        File {
            name,
            hname: None,
            deps: Vec::new(),
            cmds: None,
            double_colon: None,
            prev: None,
            last: None,
            stem: None,
            also_make: Vec::new(),
            variables: None,
            parent: None,
            pat_variables: None,
            pat_searched: false,
            is_target: false,
            is_explicit: false,
            cmd_target: false,
            phony: false,
            precious: false,
            intermediate: false,
            notintermediate: false,
            secondary: false,
            dontcare: false,
            ignore_vpath: false,
            tried_implicit: false,
            builtin: false,
            snapped: false,
            loaded: false,
            last_mtime: Mtime::Unknown,
            mtime_before_update: Mtime::Unknown,
            command_state: CmdState::NotStarted,
            update_status: UpdateStatus::None,
            updated: false,
            updating: false,
            changed: 0,
            cmds_ran: false,
            floc: None,
            considered: 0,
            no_diag: false,
            command_flags: 0,
            renamed: None,
            detached: false,
        }
    }

    /// The name to use on disk (found through vpath or the target name).
    pub fn disk_name(&self) -> &Arc<[u8]> {
        self.hname.as_ref().unwrap_or(&self.name)
    }
}

/// Names as make keys them: leading `./` (and following slashes) removed.
pub fn normalize_name(name: &[u8]) -> &[u8] {
    let mut n = name;
    while n.len() > 2 && n[0] == b'.' && n[1] == b'/' {
        n = &n[2..];
        while n.first() == Some(&b'/') {
            n = &n[1..];
        }
    }
    if n.is_empty() {
        return b"./";
    }
    n
}

/// All files of one make instance.
#[derive(Default, Debug)]
pub struct FileDb {
    pub files: Vec<File>,
    index: FxHashMap<Arc<[u8]>, FileId>,
}

impl FileDb {
    pub fn get(&self, id: FileId) -> &File {
        &self.files[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: FileId) -> &mut File {
        &mut self.files[id.0 as usize]
    }

    /// C `lookup_file`.
    pub fn lookup(&self, name: &[u8]) -> Option<FileId> {
        self.index.get(normalize_name(name)).copied()
    }

    /// C `enter_file`: the existing entry, or a new one (a new entry in the
    /// chain for a name with `::` rules).
    pub fn enter(&mut self, name: &[u8]) -> FileId {
        let name = normalize_name(name);
        if let Some(&id) = self.index.get(name) {
            if self.get(id).double_colon.is_none() {
                self.get_mut(id).builtin = false;
                return id;
            }
            let new = FileId(self.files.len() as u32);
            let rc = self.get(id).name.clone();
            let mut f = File::new(rc);
            f.double_colon = Some(id);
            self.files.push(f);
            let last = self.get(id).last.unwrap_or(id);
            self.get_mut(last).prev = Some(new);
            self.get_mut(id).last = Some(new);
            return new;
        }
        let id = FileId(self.files.len() as u32);
        let rc: Arc<[u8]> = Arc::from(name);
        let mut f = File::new(rc.clone());
        f.last = Some(id);
        self.files.push(f);
        self.index.insert(rc, id);
        id
    }

    /// An entry that is not in the index (implicit search's scratch files).
    pub fn detached(&mut self, name: &[u8]) -> FileId {
        let id = FileId(self.files.len() as u32);
        let mut f = File::new(Arc::from(name));
        f.last = Some(id);
        f.update_status = UpdateStatus::Success;
        f.detached = true;
        self.files.push(f);
        id
    }

    /// Makes `id` also known by `name` (C `rehash_file`): the name a
    /// directory search found. An existing entry of that name is left alone.
    pub fn rehash(&mut self, id: FileId, name: &[u8]) {
        let rc: Arc<[u8]> = Arc::from(normalize_name(name));
        for f in self.chain_of(id) {
            self.get_mut(f).hname = Some(rc.clone());
        }
        self.get_mut(id).builtin = false;
        self.index.entry(rc).or_insert(id);
    }

    /// The `::` entries of a name, or the one entry.
    pub fn chain_of(&self, id: FileId) -> Vec<FileId> {
        let mut out = Vec::new();
        let mut cur = Some(self.get(id).double_colon.unwrap_or(id));
        while let Some(c) = cur {
            out.push(c);
            cur = self.get(c).prev;
        }
        out
    }

    /// Renames are not needed; the number of files for loops.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// All ids in creation order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = FileId> {
        (0..self.files.len() as u32).map(FileId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_double_colons() {
        let mut db = FileDb::default();
        let a = db.enter(b"./a");
        assert_eq!(db.lookup(b"a"), Some(a));
        assert_eq!(normalize_name(b".//x"), b"x");
        assert_eq!(normalize_name(b"./"), b"./");
        db.get_mut(a).double_colon = Some(a);
        let a2 = db.enter(b"a");
        assert_ne!(a, a2);
        assert_eq!(db.get(a).last, Some(a2));
        assert_eq!(db.get(a2).double_colon, Some(a));
    }
}
