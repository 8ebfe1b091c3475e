//! The only way the server runs `$(shell ...)`: through the shell cache in a
//! trusted workspace, never in an untrusted one. An untrusted workspace reads
//! what an earlier build recorded in the cache, and answers Kconfig's
//! `if-success` probes as if the toolchain could, so its Kconfig still parses.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use kmake::kconfig::host::{ShellOutput, ShellRunner};
use kmake::kconfig::shell_cache::CachedShell;

/// A `ShellRunner` that refuses every command unless the workspace is trusted.
pub struct GuardedShell {
    inner: Option<CachedShell>,
    /// Untrusted: the objtree's cache, read only.
    recorded: Option<CachedShell>,
    refused: AtomicU32,
}

/// The `<then>` of `{ <command>; } >/dev/null 2>&1 && echo "<then>" || echo
/// "<else>"`, the shape of `scripts/Kconfig.include`'s `if-success`, when
/// `<command>` probes the toolchain (compiler, assembler, linker options).
/// Sanity checks (`test ...`, `command -v ...`) get no answer: their results
/// feed `error-if`, and the tool versions they test were refused too.
fn if_success_then(cmd: &str) -> Option<&str> {
    let rest = cmd.trim().strip_prefix('{')?;
    let (probe, tail) = rest.rsplit_once("; } >/dev/null 2>&1 && echo \"")?;
    let (then, tail) = tail.split_once("\" || echo \"")?;
    let probe = probe.trim_start();
    let check = ["test ", "[ ", "command -v "]
        .iter()
        .any(|c| probe.starts_with(c));
    (!check && tail.ends_with('"')).then_some(then)
}

impl GuardedShell {
    /// Runs commands through the objtree's shell cache.
    pub fn trusted(objtree: &Path) -> GuardedShell {
        GuardedShell {
            inner: Some(CachedShell::for_objtree(objtree)),
            recorded: None,
            refused: AtomicU32::new(0),
        }
    }

    /// Runs nothing: every command "fails" with status 127 and no output, as
    /// if `/bin/sh` were missing, except `if-success` probes (they answer
    /// their `<then>`).
    pub fn untrusted() -> GuardedShell {
        GuardedShell {
            inner: None,
            recorded: None,
            refused: AtomicU32::new(0),
        }
    }

    /// `untrusted`, answering first from what the objtree's shell cache
    /// recorded (fresh entries only; nothing is run or written).
    pub fn untrusted_with_cache(objtree: &Path) -> GuardedShell {
        GuardedShell {
            recorded: Some(CachedShell::for_objtree(objtree)),
            ..GuardedShell::untrusted()
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
                if let Some(out) = self.recorded.as_ref().and_then(|c| c.lookup(cmd, cwd, env)) {
                    return out;
                }
                self.refused.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(cmd, "untrusted workspace: $(shell) refused");
                match if_success_then(cmd) {
                    Some(then) => ShellOutput {
                        stdout: format!("{then}\n").into_bytes(),
                        status: 0,
                        ..ShellOutput::default()
                    },
                    None => ShellOutput {
                        status: 127,
                        ..ShellOutput::default()
                    },
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
    fn untrusted_answers_if_success_probes_and_recorded_results() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("ran");
        let probe = format!(
            "{{ touch {}; }} >/dev/null 2>&1 && echo \"y\" || echo \"n\"",
            marker.display()
        );
        let sh = GuardedShell::untrusted();
        let out = sh.run(&probe, dir.path(), &BTreeMap::new());
        assert_eq!((out.status, out.stdout.as_slice()), (0, &b"y\n"[..]));
        assert!(!marker.exists());
        assert_eq!(
            if_success_then("{ x; } >/dev/null 2>&1 && echo \"-fa\" || echo \"\""),
            Some("-fa")
        );
        assert_eq!(if_success_then("echo hi"), None);
        assert_eq!(
            if_success_then("{ test -z \"\"; } >/dev/null 2>&1 && echo \"y\" || echo \"n\""),
            None
        );
        assert_eq!(
            if_success_then("{ command -v gcc; } >/dev/null 2>&1 && echo \"n\" || echo \"y\""),
            None
        );

        // A trusted run records `echo hi`; an untrusted one replays it.
        let env = BTreeMap::new();
        let trusted = GuardedShell::trusted(dir.path());
        trusted.run("echo recorded", dir.path(), &env);
        trusted.save();
        let sh = GuardedShell::untrusted_with_cache(dir.path());
        let out = sh.run("echo recorded", dir.path(), &env);
        assert_eq!(out.stdout, b"recorded\n");
        assert_eq!(sh.refused(), 0);
        assert_eq!(sh.run("echo new", dir.path(), &env).status, 127);
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
