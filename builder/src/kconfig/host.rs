//! The engine's window on the outside world: files, environment, `$(shell ...)`.
//!
//! Parsing and evaluation never touch the file system directly; they ask a
//! `Host`. The command line uses `FsHost`; the language server supplies open
//! editor buffers and can refuse to run shell commands in untrusted workspaces.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the engine needs from its environment while parsing Kconfig files.
pub trait Host: Sync {
    /// Opens a file named in `source` (or the top Kconfig) the way the C tool
    /// does: `name` relative to the object tree, then `$(srctree)/name`.
    fn open(&self, name: &str) -> Option<(PathBuf, Vec<u8>)>;
    /// An environment variable as the C tool would see it.
    fn getenv(&self, name: &str) -> Option<String>;
    /// Runs `cmd` with `/bin/sh -c` in the object tree.
    fn shell(&self, cmd: &str) -> ShellOutput;
}

/// What a shell command printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit status (128+N for a signal; 127 if the shell could not start).
    pub status: i32,
}

/// Runs `$(shell ...)` commands (possibly from a cache).
pub trait ShellRunner: Sync {
    fn run(&self, cmd: &str, cwd: &Path, env: &BTreeMap<String, String>) -> ShellOutput;
}

/// Runs every command with `/bin/sh -c`, inheriting stderr.
pub struct DirectShell;

impl ShellRunner for DirectShell {
    fn run(&self, cmd: &str, cwd: &Path, env: &BTreeMap<String, String>) -> ShellOutput {
        run_sh(cmd, cwd, env)
    }
}

/// `/bin/sh -c cmd` with exactly `env`; stdout and stderr captured (stderr is
/// replayed in order with the engine's messages).
pub fn run_sh(cmd: &str, cwd: &Path, env: &BTreeMap<String, String>) -> ShellOutput {
    use std::os::unix::ffi::OsStrExt;
    let os = |s: &str| std::ffi::OsStr::from_bytes(&super::source::encode_text(s)).to_os_string();
    let out = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(os(cmd))
        .current_dir(cwd)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (os(k), os(v))))
        .stdin(std::process::Stdio::null())
        .output();
    match out {
        Ok(o) => {
            use std::os::unix::process::ExitStatusExt;
            let status = o
                .status
                .code()
                .unwrap_or_else(|| 128 + o.status.signal().unwrap_or(0));
            ShellOutput {
                stdout: o.stdout,
                stderr: o.stderr,
                status,
            }
        }
        Err(_) => ShellOutput {
            status: 127,
            ..ShellOutput::default()
        },
    }
}

/// The real file system, rooted at the object tree.
pub struct FsHost<'a> {
    /// Directory the C tool would run in (the object tree).
    pub cwd: PathBuf,
    /// The complete environment the C tool would see.
    pub env: BTreeMap<String, String>,
    pub shell: &'a dyn ShellRunner,
}

impl FsHost<'_> {
    fn resolve(&self, name: &str) -> PathBuf {
        let p = Path::new(name);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.cwd.join(p)
        }
    }
}

impl Host for FsHost<'_> {
    fn open(&self, name: &str) -> Option<(PathBuf, Vec<u8>)> {
        let first = self.resolve(name);
        if let Ok(b) = std::fs::read(&first) {
            return Some((first, b));
        }
        if name.starts_with('/') {
            return None;
        }
        let srctree = self.env.get("srctree")?;
        let second = self.resolve(&format!("{srctree}/{name}"));
        std::fs::read(&second).ok().map(|b| (second, b))
    }

    fn getenv(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }

    fn shell(&self, cmd: &str) -> ShellOutput {
        self.shell.run(cmd, &self.cwd, &self.env)
    }
}

/// Files held in memory (editor buffers, tests); `$(shell)` runs nothing and
/// expands to the empty string unless a fixed answer is registered.
#[derive(Default, Clone)]
pub struct MemHost {
    pub files: std::collections::HashMap<String, String>,
    pub env: BTreeMap<String, String>,
    pub shell_answers: std::collections::HashMap<String, String>,
}

impl MemHost {
    pub fn new(files: &[(&str, &str)]) -> MemHost {
        MemHost {
            files: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            ..Default::default()
        }
    }
}

impl Host for MemHost {
    fn open(&self, name: &str) -> Option<(PathBuf, Vec<u8>)> {
        let direct = self
            .files
            .get(name)
            .map(|t| (PathBuf::from(name), t.clone().into_bytes()));
        direct.or_else(|| {
            let src = self.env.get("srctree")?;
            let full = format!("{src}/{name}");
            self.files
                .get(&full)
                .map(|t| (PathBuf::from(full), t.clone().into_bytes()))
        })
    }

    fn getenv(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }

    fn shell(&self, cmd: &str) -> ShellOutput {
        let answer = self.shell_answers.get(cmd).cloned().unwrap_or_default();
        ShellOutput {
            stdout: answer.into_bytes(),
            stderr: Vec::new(),
            status: 0,
        }
    }
}
