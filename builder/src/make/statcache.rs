//! The file status cache shared by every make instance of a process: `stat`
//! results are kept until anything may have changed the file system (a job
//! or `$(shell)` finished, make wrote, touched or deleted a file), which bumps
//! a process-wide generation and so drops them all. In a dry run (`-n`) almost
//! nothing runs, and the sub-makes of a kbuild tree share the answers.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

/// What make needs to know about a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stat {
    /// `ENOENT` or `ENOTDIR`.
    Missing,
    Exists {
        is_dir: bool,
        is_file: bool,
        /// Nanoseconds since the epoch.
        mtime_ns: i128,
    },
}

impl Stat {
    /// `stat` of a path (following symbolic links); errors other than "does
    /// not exist" are returned.
    pub fn read(path: &Path) -> std::io::Result<Stat> {
        match std::fs::metadata(path) {
            Ok(md) => {
                use std::os::unix::fs::MetadataExt;
                Ok(Stat::Exists {
                    is_dir: md.is_dir(),
                    is_file: md.is_file(),
                    mtime_ns: md.mtime() as i128 * 1_000_000_000 + md.mtime_nsec() as i128,
                })
            }
            Err(e) => {
                let code = e.raw_os_error();
                if code == Some(libc::ENOENT) || code == Some(libc::ENOTDIR) {
                    Ok(Stat::Missing)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// `read`, with other errors taken as "missing".
    pub fn of_path(path: &Path) -> Stat {
        Stat::read(path).unwrap_or(Stat::Missing)
    }
}

#[derive(Default)]
pub struct StatCache {
    /// Told the first status of every path (the no-op memo).
    pub observer: Option<std::sync::Arc<super::observe::Observer>>,
    generation: AtomicU64,
    entries: Mutex<FxHashMap<PathBuf, (u64, Stat)>>,
    /// Lookups answered from the cache, and `stat` calls made.
    pub hits: AtomicU64,
    pub misses: AtomicU64,
}

impl StatCache {
    /// A cache that tells `observer` the first status of every path.
    pub fn observed_by(observer: Option<std::sync::Arc<super::observe::Observer>>) -> StatCache {
        StatCache {
            observer,
            ..Default::default()
        }
    }

    /// Anything may have changed: forget all answers.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// `stat` of an absolute path (following symbolic links). Errors other
    /// than "does not exist" are returned and not cached.
    pub fn stat(&self, path: &Path) -> std::io::Result<Stat> {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some((g, s)) = self
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        {
            if *g == generation {
                self.hits.fetch_add(1, Ordering::Relaxed);
                return Ok(*s);
            }
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let s = Stat::read(path)?;
        if let Some(o) = &self.observer {
            o.note_stat(path, s);
        }
        // Stored only if nothing changed while we looked.
        if self.generation.load(Ordering::SeqCst) == generation {
            self.entries
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_path_buf(), (generation, s));
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_until_invalidated() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        let c = StatCache::default();
        assert_eq!(c.stat(&p).unwrap(), Stat::Missing);
        std::fs::write(&p, "x").unwrap();
        assert_eq!(
            c.stat(&p).unwrap(),
            Stat::Missing,
            "cached until invalidated"
        );
        c.invalidate();
        assert!(matches!(
            c.stat(&p).unwrap(),
            Stat::Exists { is_file: true, .. }
        ));
        assert_eq!(c.hits.load(Ordering::Relaxed), 1);
    }
}
