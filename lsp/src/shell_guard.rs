//! The only way the server runs `$(shell ...)`: through the shell cache in a
//! trusted workspace, never in an untrusted one.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use kmake::kconfig::host::{ShellOutput, ShellRunner};
use kmake::kconfig::shell_cache::CachedShell;

/// A `ShellRunner` that refuses every command unless the workspace is trusted.
pub struct GuardedShell {
    inner: Option<CachedShell>,
    refused: AtomicU32,
}

impl GuardedShell {
    /// Runs commands through the objtree's shell cache.
    pub fn trusted(objtree: &Path) -> GuardedShell {
        GuardedShell {
            inner: Some(CachedShell::for_objtree(objtree)),
            refused: AtomicU32::new(0),
        }
    }

    /// Runs nothing: every command "fails" with status 127 and no output, as
    /// if `/bin/sh` were missing.
    pub fn untrusted() -> GuardedShell {
        GuardedShell {
            inner: None,
            refused: AtomicU32::new(0),
        }
    }

    /// How many commands were refused.
    pub fn refused(&self) -> u32 {
        self.refused.load(Ordering::Relaxed)
    }

    /// Writes the cache back (trusted workspaces only).
    pub fn save(&self) {
        if let Some(c) = &self.inner {
            if let Err(e) = c.save() {
                tracing::warn!("shell cache not saved: {e}");
            }
        }
    }
}

impl ShellRunner for GuardedShell {
    fn run(&self, cmd: &str, cwd: &Path, env: &BTreeMap<String, String>) -> ShellOutput {
        match &self.inner {
            Some(c) => c.run(cmd, cwd, env),
            None => {
                self.refused.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(cmd, "untrusted workspace: $(shell) refused");
                ShellOutput {
                    status: 127,
                    ..ShellOutput::default()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_runs_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("ran");
        let sh = GuardedShell::untrusted();
        let out = sh.run(
            &format!("touch {}; echo hi", marker.display()),
            dir.path(),
            &BTreeMap::new(),
        );
        assert_eq!(out.status, 127);
        assert!(out.stdout.is_empty());
        assert!(!marker.exists());
        assert_eq!(sh.refused(), 1);
    }

    #[test]
    fn trusted_runs_commands() {
        let dir = tempfile::tempdir().unwrap();
        let sh = GuardedShell::trusted(dir.path());
        let out = sh.run("echo hi", dir.path(), &BTreeMap::new());
        assert_eq!((out.status, out.stdout.as_slice()), (0, &b"hi\n"[..]));
        assert_eq!(sh.refused(), 0);
    }
}
