//! The effective compiler command of a source file: the exact command kbuild
//! would run for it under the object tree's configuration, or why it is not
//! built. The commands come from the builder's evaluation of kbuild (its
//! compile database, made without building), kept in an `EffectiveCache`
//! until the configuration or the Makefiles change.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Instant, SystemTime};

use kmake::kbuild::compdb::{self, Entry};
use kmake::kbuild::effective::{self as kb, Effective};

use super::invocation::{
    dot_config, make_env, make_vars, mtime, null_stdio, require_trusted, sync_config, Captured,
};
use crate::settings::Settings;
use crate::workspace::Layout;

/// What kbuild does with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EffectiveCommand {
    /// Compiled: run `command` (or `arguments`) in `directory` to make
    /// `object`.
    Built {
        directory: PathBuf,
        arguments: Vec<String>,
        command: String,
        /// The object file, relative to `directory` as the command names it.
        object: String,
    },
    /// Not compiled under this configuration.
    NotBuilt {
        /// A sentence for the user: "not built under this configuration:
        /// `obj-$(CONFIG_X) += x.o`: CONFIG_X is not set (fs/Makefile:12)".
        reason: String,
        /// The makefile line that decides it (1-based line), if known.
        at: Option<(PathBuf, u32)>,
    },
}

/// What an evaluation depends on: a change to any of them means the cached
/// database is stale.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    srctree: PathBuf,
    objtree: PathBuf,
    vars: Vec<String>,
    /// `.config`, `include/config/auto.conf`, the top `Makefile`.
    mtimes: Vec<Option<SystemTime>>,
}

impl Stamp {
    fn of(layout: &Layout, settings: &Settings) -> Stamp {
        Stamp {
            srctree: layout.srctree.clone(),
            objtree: layout.objtree.clone(),
            vars: make_vars(settings),
            mtimes: vec![
                mtime(&dot_config(layout)),
                mtime(&layout.objtree.join("include/config/auto.conf")),
                mtime(&layout.srctree.join("Makefile")),
            ],
        }
    }
}

/// An evaluated compile database.
pub struct Database {
    stamp: Stamp,
    pub entries: Vec<Entry>,
    by_file: HashMap<PathBuf, usize>,
    /// How long the evaluation took.
    pub millis: u128,
}

impl Database {
    /// The entry of a source file (absolute, resolved).
    pub fn entry(&self, file: &Path) -> Option<&Entry> {
        self.by_file.get(file).map(|&i| &self.entries[i])
    }
}

/// Evaluated databases by object tree, for repeated queries. Invalidated by
/// a changed `.config`, `auto.conf` or top `Makefile` (checked at each
/// query), and by `invalidate` (the server calls it when a `Makefile`,
/// `Kbuild` or `Kconfig` file is saved).
#[derive(Default)]
pub struct EffectiveCache {
    trees: Mutex<HashMap<PathBuf, Arc<Database>>>,
}

impl EffectiveCache {
    /// The process's cache (what `effective_command` uses).
    pub fn global() -> &'static EffectiveCache {
        static C: OnceLock<EffectiveCache> = OnceLock::new();
        C.get_or_init(EffectiveCache::default)
    }

    /// Forgets every evaluation.
    pub fn invalidate(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<Database>>> {
        self.trees.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The compile database of the layout's object tree, evaluated now if
    /// the cached one is missing or stale (blocking: seconds on a kernel).
    /// Concurrent callers wait for one evaluation.
    pub fn database(&self, layout: &Layout, settings: &Settings) -> Result<Arc<Database>, String> {
        require_trusted(settings, "the effective command")?;
        let mut trees = self.lock();
        sync_config(layout, settings)?;
        let stamp = Stamp::of(layout, settings);
        if let Some(db) = trees.get(&layout.objtree) {
            if db.stamp == stamp {
                return Ok(db.clone());
            }
        }
        let mut db = evaluate(layout, stamp.vars.clone())?;
        // The evaluation may itself have remade `auto.conf` (kbuild re-syncs
        // when its `auto.conf.cmd` conditions say so): the database stands
        // for the files as they are after it.
        db.stamp = Stamp::of(layout, settings);
        let db = Arc::new(db);
        trees.insert(layout.objtree.clone(), db.clone());
        Ok(db)
    }

    /// The database evaluated earlier if it is still current; never
    /// evaluates (for hovers, which must answer at once).
    pub fn cached(&self, layout: &Layout, settings: &Settings) -> Option<Arc<Database>> {
        if !settings.trusted {
            return None;
        }
        let db = self.lock().get(&layout.objtree)?.clone();
        (db.stamp == Stamp::of(layout, settings)).then_some(db)
    }

    /// The effective command of `file` (absolute, or relative to the source
    /// tree).
    pub fn effective_command(
        &self,
        layout: &Layout,
        settings: &Settings,
        file: &Path,
    ) -> Result<EffectiveCommand, String> {
        let db = self.database(layout, settings)?;
        Ok(answer(&db, layout, file))
    }
}

/// `EffectiveCache::global().effective_command(...)`.
pub fn effective_command(
    layout: &Layout,
    settings: &Settings,
    file: &Path,
) -> Result<EffectiveCommand, String> {
    EffectiveCache::global().effective_command(layout, settings, file)
}

/// Evaluates kbuild in record mode for the object tree.
fn evaluate(layout: &Layout, vars: Vec<String>) -> Result<Database, String> {
    let t0 = Instant::now();
    let out = Arc::new(Captured::default());
    let stdio = null_stdio()?;
    let (srctree, objtree, args) = (layout.srctree.clone(), layout.objtree.clone(), vars.clone());
    let out2: Arc<dyn kmake::make::instance::Output> = out.clone();
    let entries = kmake::kconfig::with_big_stack(move || {
        compdb::compute_with_stdio(&srctree, &objtree, &args, make_env(), out2, Some(stdio))
    })
    .map_err(|e| {
        let text = out.text();
        let tail: Vec<&str> = text.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!(
            "evaluating kbuild in {}: {e}\n{}",
            layout.objtree.display(),
            tail.join("\n")
        )
    })?;
    let by_file = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.file.clone(), i))
        .collect();
    let millis = t0.elapsed().as_millis();
    tracing::info!(
        objtree = %layout.objtree.display(),
        entries = entries.len(),
        millis,
        "kbuild evaluated"
    );
    Ok(Database {
        stamp: Stamp {
            srctree: layout.srctree.clone(),
            objtree: layout.objtree.clone(),
            vars,
            mtimes: Vec::new(),
        },
        entries,
        by_file,
        millis,
    })
}

/// The object a compile command writes (`-o <object>`).
pub fn object_of(arguments: &[String]) -> Option<String> {
    arguments.iter().enumerate().find_map(|(i, a)| {
        if a == "-o" {
            arguments.get(i + 1).cloned()
        } else {
            a.strip_prefix("-o")
                .filter(|o| !o.is_empty() && o.ends_with(".o"))
                .map(str::to_string)
        }
    })
}

/// The answer for one file from an evaluated database.
pub fn answer(db: &Database, layout: &Layout, file: &Path) -> EffectiveCommand {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        layout.srctree.join(file)
    };
    let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
    let found = db
        .entry(&abs)
        .cloned()
        .map(Effective::Built)
        .unwrap_or_else(|| {
            kb::effective_command(&db.entries, &layout.srctree, &layout.objtree, &abs)
        });
    match found {
        Effective::Built(e) => {
            let arguments = kmake::kbuild::shellwords::split(&e.command);
            let object = object_of(&arguments).unwrap_or_default();
            EffectiveCommand::Built {
                directory: e.directory,
                arguments,
                command: e.command,
                object,
            }
        }
        Effective::NotBuilt { reason, at } => {
            let place = at
                .as_ref()
                .map(|(p, l)| format!(" ({}:{l})", layout.display(p)))
                .unwrap_or_default();
            // Makefile lines align with tabs; one space reads better.
            let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
            EffectiveCommand::NotBuilt {
                reason: format!("not built under this configuration: {reason}{place}"),
                at,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects() {
        let a = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            object_of(&a("gcc -c -o init/main.o init/main.c")).as_deref(),
            Some("init/main.o")
        );
        assert_eq!(object_of(&a("gcc -oa.o x.c")).as_deref(), Some("a.o"));
        assert_eq!(object_of(&a("gcc -c x.c -o")), None);
        assert_eq!(object_of(&[]), None);
    }
}
