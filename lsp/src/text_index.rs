//! Whole-word `CONFIG_FOO` mentions outside Kconfig: Makefiles and Kbuild
//! files, C/assembly/Rust sources and headers, device trees, defconfigs and
//! config fragments. Built by one walk of the source tree (skipping dot
//! directories and a separate objtree); open documents are rescanned at query
//! time so unsaved edits count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};

use crate::index_cache::{self, Saved, SavedFile, Stamp};
use crate::makefile::symbols_scan::KconfigScan;

/// One `CONFIG_NAME` in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// 0-based line.
    pub line: u32,
    /// Byte column of the `C` of `CONFIG_`.
    pub col: u32,
    /// Length of `CONFIG_NAME` in bytes.
    pub len: u32,
}

/// The indexed files and their mentions; names interned.
#[derive(Default)]
struct Inner {
    /// Path and the mentions in it: (name id, hit), in text order.
    files: Vec<(PathBuf, Vec<(u32, Hit)>)>,
    by_path: HashMap<PathBuf, u32>,
    /// Name without `CONFIG_` → id.
    names: HashMap<Box<str>, u32>,
    /// Name id → files that mentioned it when scanned (a later rescan may
    /// leave stale entries: lookups check the file's hits).
    postings: Vec<Vec<u32>>,
}

/// The mentions of every name, by file. Built in parallel by one walk of the
/// tree; files are rescanned one by one as they change on disk.
#[derive(Default)]
pub struct TextIndex {
    inner: RwLock<Inner>,
}

/// Whether a file is scanned (by name).
pub fn is_indexed(name: &str) -> bool {
    if name.starts_with("Makefile") || name.starts_with("Kbuild") || name.ends_with("defconfig") {
        return true;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    matches!(
        ext,
        "c" | "h" | "S" | "rs" | "dts" | "dtsi" | "config" | "lds" | "mk" | "include"
    )
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Every whole-word `CONFIG_NAME` in `text`: (name without prefix, hit).
pub fn scan(text: &[u8]) -> Vec<(&str, Hit)> {
    const P: &[u8] = b"CONFIG_";
    let mut out = Vec::new();
    let (mut line, mut line_start, mut counted) = (0u32, 0usize, 0usize);
    for at in memchr::memmem::find_iter(text, P) {
        if at > 0 && is_ident(text[at - 1]) {
            continue;
        }
        let name_start = at + P.len();
        let name_end = text[name_start..]
            .iter()
            .position(|&b| !is_ident(b))
            .map_or(text.len(), |n| name_start + n);
        if name_end == name_start {
            continue;
        }
        for nl in memchr::memchr_iter(b'\n', &text[counted..at]) {
            line += 1;
            line_start = counted + nl + 1;
        }
        counted = at;
        // Names are ASCII by construction.
        let name = std::str::from_utf8(&text[name_start..name_end]).unwrap_or_default();
        out.push((
            name,
            Hit {
                line,
                col: (at - line_start) as u32,
                len: (name_end - at) as u32,
            },
        ));
    }
    out
}

/// How a start used the saved index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheUse {
    /// Files whose saved mentions were taken as they were.
    pub reused: usize,
    /// Files read (new, changed, or no saved index).
    pub read: usize,
    /// Whether the index was saved again.
    pub saved: bool,
}

/// What one walker thread found: files with hits named by local ids, and
/// the symbol types of the `Kconfig*` files it read.
#[derive(Default)]
struct Partial {
    names: HashMap<Box<str>, u32>,
    local_names: Vec<Box<str>>,
    files: Vec<(PathBuf, Vec<(u32, Hit)>)>,
    kconfig: KconfigScan,
    /// Every indexed file seen (with or without mentions), for saving.
    stamps: Vec<(PathBuf, Stamp)>,
    /// Files whose saved mentions were reused / that were read.
    reused: usize,
    read: usize,
}

impl Partial {
    fn intern(&mut self, name: &str) -> u32 {
        match self.names.get(name) {
            Some(&id) => id,
            None => {
                let id = self.local_names.len() as u32;
                self.local_names.push(name.into());
                self.names.insert(name.into(), id);
                id
            }
        }
    }

    fn add(&mut self, path: PathBuf, bytes: &[u8]) {
        let hits = scan(bytes);
        if hits.is_empty() {
            return;
        }
        let hits = hits
            .into_iter()
            .map(|(name, hit)| (self.intern(name), hit))
            .collect();
        self.files.push((path, hits));
    }

    /// Mentions saved by an earlier session for an unchanged file.
    fn add_saved(&mut self, path: PathBuf, saved: &Saved, file: &SavedFile) {
        if file.hits.is_empty() {
            return;
        }
        let hits = file
            .hits
            .iter()
            .map(|(n, hit)| (self.intern(&saved.names[*n as usize]), *hit))
            .collect();
        self.files.push((path, hits));
    }
}

/// Directories still to read, shared by the walker threads.
struct Queue {
    dirs: Mutex<Vec<PathBuf>>,
    /// Directories popped and not yet finished: the walk ends when none are
    /// queued and none are in progress.
    busy: AtomicUsize,
}

fn walk_worker(queue: &Queue, skip: Option<&Path>, saved: Option<&Saved>) -> Partial {
    let mut part = Partial::default();
    let mut buf = Vec::new();
    loop {
        let dir = {
            let mut dirs = queue.dirs.lock().unwrap_or_else(|p| p.into_inner());
            match dirs.pop() {
                Some(d) => {
                    queue.busy.fetch_add(1, Ordering::SeqCst);
                    Some(d)
                }
                None => None,
            }
        };
        let Some(dir) = dir else {
            if queue.busy.load(Ordering::SeqCst) == 0 {
                return part;
            }
            std::thread::yield_now();
            continue;
        };
        let mut subdirs = Vec::new();
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                let name = e.file_name();
                let Some(name) = name.to_str() else { continue };
                let Ok(ft) = e.file_type() else { continue };
                if ft.is_dir() {
                    let path = e.path();
                    if !name.starts_with('.') && Some(path.as_path()) != skip {
                        subdirs.push(path);
                    }
                } else if ft.is_file() && name.starts_with("Kconfig") {
                    if let Ok(bytes) = std::fs::read(e.path()) {
                        part.kconfig.add_text(&String::from_utf8_lossy(&bytes));
                        part.kconfig.files += 1;
                    }
                } else if ft.is_file() && is_indexed(name) {
                    let path = e.path();
                    let Ok(meta) = e.metadata() else { continue };
                    let stamp = Stamp::of(&meta);
                    let unchanged = saved.and_then(|s| {
                        let f = s.files.get(&path)?;
                        (f.stamp == stamp).then_some((s, f))
                    });
                    if let Some((s, f)) = unchanged {
                        part.add_saved(path.clone(), s, f);
                        part.reused += 1;
                    } else {
                        buf.clear();
                        let read = std::fs::File::open(&path)
                            .and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut buf));
                        if read.is_err() {
                            continue;
                        }
                        part.add(path.clone(), &buf);
                        part.read += 1;
                    }
                    part.stamps.push((path, stamp));
                }
            }
        }
        if !subdirs.is_empty() {
            let mut dirs = queue.dirs.lock().unwrap_or_else(|p| p.into_inner());
            dirs.extend(subdirs);
        }
        queue.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Inner {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.names.insert(name.into(), id);
        self.postings.push(Vec::new());
        id
    }

    fn merge(&mut self, part: Partial) {
        let map: Vec<u32> = part.local_names.iter().map(|n| self.intern(n)).collect();
        for (path, mut hits) in part.files {
            for (id, _) in &mut hits {
                *id = map[*id as usize];
            }
            self.put(path, hits);
        }
    }

    /// Sets the mentions of `path` (a new file or a rescan).
    fn put(&mut self, path: PathBuf, hits: Vec<(u32, Hit)>) {
        let f = match self.by_path.get(&path) {
            Some(&f) => f,
            None => {
                let f = self.files.len() as u32;
                self.by_path.insert(path.clone(), f);
                self.files.push((path, Vec::new()));
                f
            }
        };
        let mut seen: Vec<u32> = hits.iter().map(|(id, _)| *id).collect();
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            let p = &mut self.postings[id as usize];
            if p.last() != Some(&f) {
                p.push(f);
            }
        }
        self.files[f as usize].1 = hits;
    }
}

impl TextIndex {
    /// Walks `srctree` on every core, skipping dot directories, symlinks and
    /// `skip` (a separate objtree).
    pub fn build(srctree: &Path, skip: Option<&Path>) -> TextIndex {
        TextIndex::build_with_kconfig(srctree, skip).0
    }

    /// `build`, also reading the symbol types of every `Kconfig*` file met
    /// (all architectures) in the same walk.
    pub fn build_with_kconfig(srctree: &Path, skip: Option<&Path>) -> (TextIndex, KconfigScan) {
        let (index, kconfig, _) = TextIndex::walk(srctree, skip, None);
        (index, kconfig)
    }

    /// `build_with_kconfig`, reusing the mentions saved at `cache` for files
    /// that did not change since, and saving the new index there.
    pub fn build_cached(
        srctree: &Path,
        skip: Option<&Path>,
        cache: &Path,
    ) -> (TextIndex, KconfigScan, CacheUse) {
        let saved = index_cache::load(cache);
        let (index, kconfig, stamps) = TextIndex::walk(srctree, skip, saved.as_ref());
        let mut used = stamps.1;
        if used.read > 0 || saved.is_none() {
            match index.save(cache, &stamps.0) {
                Ok(()) => used.saved = true,
                Err(e) => tracing::warn!("{}: {e}", cache.display()),
            }
        }
        (index, kconfig, used)
    }

    fn save(&self, cache: &Path, stamps: &[(PathBuf, Stamp)]) -> std::io::Result<()> {
        let inner = self.read();
        let mut names: Vec<&str> = vec![""; inner.postings.len()];
        for (n, &id) in &inner.names {
            names[id as usize] = n;
        }
        let files = stamps.iter().map(|(p, stamp)| {
            let hits = inner
                .by_path
                .get(p)
                .map_or(&[][..], |&f| &inner.files[f as usize].1[..]);
            (p.as_path(), *stamp, hits)
        });
        index_cache::save(cache, &names, files)
    }

    #[allow(clippy::type_complexity)]
    fn walk(
        srctree: &Path,
        skip: Option<&Path>,
        saved: Option<&Saved>,
    ) -> (TextIndex, KconfigScan, (Vec<(PathBuf, Stamp)>, CacheUse)) {
        let queue = Queue {
            dirs: Mutex::new(vec![srctree.to_path_buf()]),
            busy: AtomicUsize::new(0),
        };
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 8);
        let parts: Vec<Partial> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| s.spawn(|| walk_worker(&queue, skip, saved)))
                .collect();
            workers.into_iter().filter_map(|w| w.join().ok()).collect()
        });
        let mut inner = Inner::default();
        let mut kconfig = KconfigScan::default();
        let mut stamps = Vec::new();
        let mut used = CacheUse::default();
        for mut part in parts {
            kconfig.absorb(std::mem::take(&mut part.kconfig));
            stamps.append(&mut part.stamps);
            used.reused += part.reused;
            used.read += part.read;
            inner.merge(part);
        }
        let index = TextIndex {
            inner: RwLock::new(inner),
        };
        (index, kconfig, (stamps, used))
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Rescans one file after it changed on disk (or drops its mentions when
    /// it is gone or not an indexed kind of file).
    pub fn rescan(&self, path: &Path) {
        let indexed = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_indexed);
        let bytes = if indexed {
            std::fs::read(path).unwrap_or_default()
        } else {
            Vec::new()
        };
        let found = scan(&bytes);
        let mut inner = self.inner.write().unwrap_or_else(|p| p.into_inner());
        if found.is_empty() && !inner.by_path.contains_key(path) {
            return;
        }
        let hits = found
            .into_iter()
            .map(|(name, hit)| (inner.intern(name), hit))
            .collect();
        inner.put(path.to_path_buf(), hits);
    }

    /// Files with at least one mention.
    pub fn file_count(&self) -> usize {
        self.read()
            .files
            .iter()
            .filter(|(_, h)| !h.is_empty())
            .count()
    }

    /// Mentions of all names.
    pub fn hit_count(&self) -> usize {
        self.read().files.iter().map(|(_, h)| h.len()).sum()
    }

    /// Mentions of `CONFIG_<name>`: from the index for files not in `open`,
    /// from a fresh scan of `open`'s texts for the rest.
    pub fn find(&self, name: &str, open: &[(PathBuf, String)]) -> Vec<(PathBuf, Hit)> {
        let is_open = |p: &Path| open.iter().any(|(o, _)| o == p);
        let mut out: Vec<(PathBuf, Hit)> = Vec::new();
        {
            let inner = self.read();
            if let Some(&id) = inner.names.get(name) {
                for &f in &inner.postings[id as usize] {
                    let (path, hits) = &inner.files[f as usize];
                    if is_open(path) {
                        continue;
                    }
                    out.extend(
                        hits.iter()
                            .filter(|(n, _)| *n == id)
                            .map(|(_, h)| (path.clone(), *h)),
                    );
                }
            }
        }
        for (p, text) in open {
            let indexed = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_indexed);
            if !indexed {
                continue;
            }
            out.extend(
                scan(text.as_bytes())
                    .into_iter()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, h)| (p.clone(), h)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_with_lines_and_columns() {
        let text = b"obj-$(CONFIG_A) += a.o\n#if IS_ENABLED(CONFIG_A_B) && XCONFIG_A\n# CONFIG_A is not set\nCONFIG_";
        let hits: Vec<_> = scan(text)
            .into_iter()
            .map(|(n, h)| (n, h.line, h.col, h.len))
            .collect();
        assert_eq!(hits, [("A", 0, 6, 8), ("A_B", 1, 15, 10), ("A", 2, 2, 8)]);
    }

    #[test]
    fn walk_skips_objtree_and_dot_dirs_and_sees_open_edits() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["fs", ".git", "out"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("fs/Makefile"), "obj-$(CONFIG_FS) += x.o\n").unwrap();
        std::fs::write(
            root.join("fs/x.c"),
            "#ifdef CONFIG_FS\n#endif // CONFIG_FS\n",
        )
        .unwrap();
        std::fs::write(root.join("fs/notes.txt"), "CONFIG_FS\n").unwrap();
        std::fs::write(root.join(".git/x.c"), "CONFIG_FS\n").unwrap();
        std::fs::write(root.join("out/y.c"), "CONFIG_FS\n").unwrap();
        std::fs::write(root.join("fs/Kconfig"), "config FS\n\tbool \"fs\"\n").unwrap();
        let (index, kconfig) = TextIndex::build_with_kconfig(root, Some(&root.join("out")));
        assert_eq!(kconfig.files, 1);
        assert_eq!(
            crate::makefile::symbols_scan::SymbolTypes::symbol_type(&kconfig, "FS"),
            Some(kmake::kconfig::SymbolType::Bool)
        );
        assert_eq!(index.file_count(), 2);
        assert_eq!(index.find("FS", &[]).len(), 3);
        let open = vec![(
            root.join("fs/x.c"),
            "CONFIG_FS CONFIG_FS CONFIG_FS".to_string(),
        )];
        assert_eq!(index.find("FS", &open).len(), 4);
        assert!(index.find("NOPE", &[]).is_empty());

        // A file changed on disk, a new one, a deleted one.
        std::fs::write(root.join("fs/x.c"), "CONFIG_NEW CONFIG_NEW\n").unwrap();
        index.rescan(&root.join("fs/x.c"));
        std::fs::write(root.join("fs/y.h"), "\n  CONFIG_FS\n").unwrap();
        index.rescan(&root.join("fs/y.h"));
        std::fs::remove_file(root.join("fs/Makefile")).unwrap();
        index.rescan(&root.join("fs/Makefile"));
        let found = index.find("FS", &[]);
        assert_eq!(
            found,
            [(
                root.join("fs/y.h"),
                Hit {
                    line: 1,
                    col: 2,
                    len: 9
                }
            )]
        );
        assert_eq!(index.find("NEW", &[]).len(), 2);

        // Saved between sessions: a second start reads only what changed.
        let cache = root.join("out/.kmake/lsp-index");
        let (_, _, used) = TextIndex::build_cached(root, Some(&root.join("out")), &cache);
        assert_eq!((used.reused, used.read, used.saved), (0, 2, true));
        let (again, _, used) = TextIndex::build_cached(root, Some(&root.join("out")), &cache);
        assert_eq!((used.reused, used.read, used.saved), (2, 0, false));
        assert_eq!(again.find("NEW", &[]).len(), 2);
        assert_eq!(again.find("FS", &[]), found);
        std::fs::write(root.join("fs/y.h"), "CONFIG_FS CONFIG_NEW\n").unwrap();
        let (again, _, used) = TextIndex::build_cached(root, Some(&root.join("out")), &cache);
        assert_eq!((used.reused, used.read, used.saved), (1, 1, true));
        assert_eq!(again.find("NEW", &[]).len(), 3);
        assert_eq!(again.find("FS", &[]).len(), 1);
        assert_eq!(index.file_count(), 2);
        assert_eq!(index.hit_count(), 3);
    }
}
