//! kbuild's `$(shell ...)` calls, answered fast: compiler and tool probes
//! (`try-run`, `--version`, the `*-version.sh` scripts) come from the
//! object tree's persisted cache (`<objtree>/.kmake/shell-cache.json`, the
//! one the Kconfig engine uses, keyed by command, directory, environment and
//! the identity of every program and file the command names), and the
//! `mkdir -p dir...` kbuild runs for every directory is done in-process.
//! Anything else runs as make would run it.

use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::kconfig::host::ShellRunner;
use crate::kconfig::shell_cache::CachedShell;
use crate::make::instance::{ShellAnswer, ShellHook};

/// The hook `kmake` installs.
#[derive(Default)]
pub struct KbuildShell {
    caches: Mutex<FxHashMap<PathBuf, Arc<CachedShell>>>,
}

/// Whether a command is a probe whose answer only depends on the programs
/// and files it names (and the environment).
pub fn is_probe(cmd: &str) -> bool {
    let c = cmd.trim_start();
    // kbuild's try-run (scripts/Makefile.compiler).
    if c.starts_with("set -e; TMP=") && c.contains("trap \"rm -rf") {
        return true;
    }
    // Tool versions.
    let first = c
        .split_whitespace()
        .find(|w| !w.contains('='))
        .unwrap_or("");
    let base = first.rsplit('/').next().unwrap_or(first);
    let quiet = c
        .replace("2>/dev/null", "")
        .replace(">/dev/null", "")
        .replace("2>&1", "");
    if c.contains("--version") && !quiet.contains(';') && !quiet.contains('>') {
        return true;
    }
    matches!(
        base,
        "cc-version.sh"
            | "ld-version.sh"
            | "as-version.sh"
            | "rustc-version.sh"
            | "pahole-version.sh"
            | "min-tool-version.sh"
            | "cc-can-link.sh"
            | "tools-support-relr.sh"
    ) || (base.starts_with("gcc-") && base.ends_with("-has-stack-protector.sh"))
}

/// The directories of a plain `mkdir -p a b c`, if that is all the command is.
fn plain_mkdir(cmd: &str) -> Option<Vec<&str>> {
    let rest = cmd.trim().strip_prefix("mkdir -p ")?;
    let dirs: Vec<&str> = rest.split_whitespace().collect();
    let special = |w: &str| w.bytes().any(|b| b"\"'\\$`;&|<>()*?[]{}~#!=".contains(&b));
    if dirs.is_empty() || dirs.iter().any(|d| special(d) || d.starts_with('-')) {
        return None;
    }
    Some(dirs)
}

impl KbuildShell {
    /// The cache of the object tree `cwd` is, if it is one.
    fn cache(&self, cwd: &Path) -> Option<Arc<CachedShell>> {
        if !cwd.join(".config").is_file() {
            return None;
        }
        let mut caches = self.caches.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            caches
                .entry(cwd.to_path_buf())
                .or_insert_with(|| Arc::new(CachedShell::for_objtree(cwd)))
                .clone(),
        )
    }

    /// Writes back the caches that got new entries.
    pub fn save(&self) {
        for c in self
            .caches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
        {
            let _ = c.save();
        }
    }
}

impl ShellHook for KbuildShell {
    fn run(
        &self,
        cmd: &[u8],
        shell: &[u8],
        env: &[(Vec<u8>, Vec<u8>)],
        cwd: &Path,
    ) -> Option<ShellAnswer> {
        if shell != b"/bin/sh" {
            return None;
        }
        let text = crate::kconfig::source::decode_bytes(cmd);
        if let Some(dirs) = plain_mkdir(&text) {
            for d in &dirs {
                let p = cwd.join(Path::new(std::ffi::OsStr::from_bytes(
                    crate::kconfig::source::encode_text(d).as_slice(),
                )));
                if std::fs::create_dir_all(&p).is_err() {
                    return None;
                }
            }
            return Some(ShellAnswer {
                stdout: Vec::new(),
                stderr: Vec::new(),
                status: 0,
            });
        }
        if !is_probe(&text) {
            return None;
        }
        let cache = self.cache(cwd)?;
        let d = |s: &[u8]| crate::kconfig::source::decode_bytes(s);
        let env: BTreeMap<String, String> = env.iter().map(|(k, v)| (d(k), d(v))).collect();
        let out = cache.run(&text, cwd, &env);
        Some(ShellAnswer {
            stdout: out.stdout,
            stderr: out.stderr,
            status: out.status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_and_mkdirs() {
        assert!(is_probe("set -e; TMP=.tmp_$$/tmp; trap \"rm -rf .tmp_$$\" EXIT; mkdir -p .tmp_$$; if ( gcc -x c /dev/null ) ; then echo y; fi"));
        assert!(is_probe("LC_ALL=C gcc --version 2>/dev/null | head -n 1"));
        assert!(is_probe("/src/scripts/ld-version.sh ld"));
        assert!(!is_probe("mkdir -p init"));
        assert!(!is_probe("cat .version"));
        assert_eq!(plain_mkdir("mkdir -p a b/c"), Some(vec!["a", "b/c"]));
        assert_eq!(plain_mkdir("mkdir -p a; rm x"), None);
    }
}
