//! Disk changes under the workspace (notify): which paths changed, filtered to
//! what the server's indexes read, and what each change asks for — a new load
//! for Kconfig files and the `.config`, a rescan for files the text index reads.

use std::path::{Path, PathBuf};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc::UnboundedSender;

use crate::text_index::is_indexed;
use crate::workspace::Layout;

/// What a batch of changed paths asks of the server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// A Kconfig file or the `.config` changed: load the tree again.
    pub reload: bool,
    /// Files the text index reads that changed, appeared or went away.
    pub rescan: Vec<PathBuf>,
}

/// A running watch; dropping it stops it.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

fn file_name(p: &Path) -> &str {
    p.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// Whether a changed path may matter: not in a dot directory (`.git`,
/// `.kmake`), not a build product, and (in a separate objtree) only the config.
pub fn relevant(layout: &Layout, config: Option<&Path>, path: &Path) -> bool {
    if Some(path) == config {
        return true;
    }
    if layout.in_separate_objtree(path) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(&layout.srctree) else {
        return false;
    };
    if rel
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
    {
        return false;
    }
    let name = file_name(path);
    name.starts_with("Kconfig") || is_indexed(name)
}

/// Sorts a batch of relevant changed paths into work.
pub fn classify(config: Option<&Path>, paths: &[PathBuf]) -> Work {
    let mut work = Work::default();
    for p in paths {
        if Some(p.as_path()) == config || file_name(p).starts_with("Kconfig") {
            work.reload = true;
        } else if !work.rescan.contains(p) {
            work.rescan.push(p.clone());
        }
    }
    work
}

/// Watches the source tree (recursively) and the config file, sending every
/// relevant changed path to `tx`.
pub fn watch(
    layout: &Layout,
    config: Option<PathBuf>,
    tx: UnboundedSender<PathBuf>,
) -> Result<Watch, String> {
    let filter_layout = layout.clone();
    let filter_config = config.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        let Ok(event) = res else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for p in event.paths {
            if relevant(&filter_layout, filter_config.as_deref(), &p) {
                let _ = tx.send(p);
            }
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&layout.srctree, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", layout.srctree.display()))?;
    if let Some(c) = config.as_deref() {
        if layout.in_separate_objtree(c) {
            // The objtree itself is not watched (builds write all over it).
            let dir = c.parent().unwrap_or(&layout.objtree);
            watcher
                .watch(dir, RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
    }
    Ok(Watch { _watcher: watcher })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevance_and_work() {
        let layout = Layout {
            srctree: PathBuf::from("/k"),
            objtree: PathBuf::from("/k/out"),
        };
        let config = PathBuf::from("/k/out/.config");
        let r = |p: &str| relevant(&layout, Some(&config), Path::new(p));
        assert!(r("/k/out/.config"));
        assert!(r("/k/fs/ext4/Kconfig"));
        assert!(r("/k/fs/ext4/inode.c"));
        assert!(r("/k/fs/ext4/Makefile"));
        assert!(!r("/k/out/fs/ext4/inode.o"));
        assert!(!r("/k/out/include/generated/autoconf.h"));
        assert!(!r("/k/.git/index"));
        assert!(!r("/k/fs/ext4/.inode.o.cmd"));
        assert!(!r("/k/fs/ext4/inode.o"));
        assert!(!r("/elsewhere/x.c"));

        let w = classify(
            Some(&config),
            &[
                PathBuf::from("/k/fs/a.c"),
                PathBuf::from("/k/fs/a.c"),
                PathBuf::from("/k/fs/b.h"),
            ],
        );
        assert_eq!(
            w,
            Work {
                reload: false,
                rescan: vec![PathBuf::from("/k/fs/a.c"), PathBuf::from("/k/fs/b.h")]
            }
        );
        assert!(classify(Some(&config), std::slice::from_ref(&config)).reload);
        assert!(classify(None, &[PathBuf::from("/k/fs/Kconfig.debug")]).reload);
    }

    #[test]
    fn sees_a_change_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("fs")).unwrap();
        let layout = Layout {
            srctree: root.clone(),
            objtree: root.clone(),
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let _w = watch(&layout, Some(root.join(".config")), tx).unwrap();
        std::fs::write(root.join("fs/x.c"), "CONFIG_A\n").unwrap();
        std::fs::write(root.join("fs/x.o"), "").unwrap();
        std::fs::write(root.join(".config"), "CONFIG_A=y\n").unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut seen = Vec::new();
        while std::time::Instant::now() < deadline
            && !(seen.contains(&root.join("fs/x.c")) && seen.contains(&root.join(".config")))
        {
            match rx.try_recv() {
                Ok(p) => seen.push(p),
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        }
        assert!(seen.contains(&root.join("fs/x.c")), "{seen:?}");
        assert!(seen.contains(&root.join(".config")), "{seen:?}");
        assert!(!seen.contains(&root.join("fs/x.o")), "{seen:?}");
    }
}
