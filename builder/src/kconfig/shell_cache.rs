//! A persisted cache of `$(shell ...)` results.
//!
//! Kconfig's compiler probes (`$(cc-option ...)`, `$(as-instr ...)`, version
//! scripts) run about a hundred processes per configuration and dominate the C
//! tool's run time. A result is reused only when everything it could depend on
//! is unchanged:
//! - the command text and the working directory;
//! - the environment it sees (all variables, minus a short list of per-session
//!   ones that no probe reads, such as `MAKEFLAGS`, `SHLVL` or `TERM`);
//! - the identity (device, inode, size, modification time) of every executable
//!   or file the command names: words found on `PATH` or as existing paths, with
//!   symlinks followed — so a new or updated compiler invalidates its probes;
//! - for rustup proxies, the rustup settings and toolchain directory.
//!
//! The cache lives in `<objtree>/.kmake/shell-cache.json`; deleting it is safe.
//! Both output streams are stored (byte-exact) and replayed.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::host::{run_sh, ShellOutput, ShellRunner};
use super::source::{decode_bytes, encode_text};

/// Prefixes of per-session variables (terminals, editors, benchmark tools).
const VOLATILE_PREFIXES: &[&str] = &[
    "HYPERFINE_",
    "VSCODE_",
    "TERM_PROGRAM",
    "ITERM_",
    "KONSOLE_",
    "GNOME_TERMINAL_",
    "XDG_SESSION_",
    "SSH_",
];

/// Whether an environment variable is per-session noise no command reads.
pub fn volatile(name: &str) -> bool {
    VOLATILE.contains(&name) || VOLATILE_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Environment variables that never decide a probe's result.
const VOLATILE: &[&str] = &[
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
    "MAKE_TERMOUT",
    "MAKE_TERMERR",
    "MAKEOVERRIDES",
    "OLDPWD",
    "PWD",
    "SHLVL",
    "_",
    "TERM",
    "COLORTERM",
    "LS_COLORS",
    "SSH_CLIENT",
    "SSH_CONNECTION",
    "SSH_TTY",
    "SSH_AUTH_SOCK",
    "DISPLAY",
    "WINDOWID",
    "TMUX",
    "TMUX_PANE",
    "STY",
    "DBUS_SESSION_BUS_ADDRESS",
    "INVOCATION_ID",
    "JOURNAL_STREAM",
    "WINDOWPATH",
    "COLUMNS",
    "LINES",
    "PS1",
    "PS2",
    "PROMPT_COMMAND",
    "HISTFILE",
    "HISTSIZE",
    "HISTCONTROL",
];

/// Device, inode, size, modification time (seconds, nanoseconds).
type StampId = (u64, u64, u64, i64, i64);

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Stamp {
    path: String,
    /// `None` when the file did not exist.
    id: Option<StampId>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    cmd: String,
    cwd: String,
    env_hash: u64,
    deps: Vec<Stamp>,
    /// Both streams, as text that round-trips to the exact bytes.
    stdout: String,
    stderr: String,
    /// Exit status (older cache files have none: 0).
    #[serde(default)]
    status: i32,
    /// When this entry was last used (seconds since the epoch).
    last_used: u64,
}

/// An entry on disk: its dependencies are indices into the file's path table.
#[derive(Serialize, Deserialize)]
struct DiskEntry {
    cmd: String,
    cwd: String,
    env_hash: u64,
    deps: Vec<u32>,
    stdout: String,
    stderr: String,
    #[serde(default)]
    status: i32,
    last_used: u64,
}

#[derive(Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    /// Every stamped file once (many probes depend on the same compiler).
    stamps: Vec<Stamp>,
    entries: Vec<DiskEntry>,
}

const VERSION: u32 = 3;

/// Makes temporary file names unique within the process.
static TMP_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Environments remembered per command.
const MAX_VARIANTS: usize = 4;

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Counters for benchmarks and tests.
#[derive(Default, Clone, Copy, Debug)]
pub struct CacheStats {
    pub hits: u32,
    pub misses: u32,
}

/// A `ShellRunner` that answers from the cache when it can.
pub struct CachedShell {
    path: PathBuf,
    entries: Mutex<HashMap<(String, String, u64), Entry>>,
    dirty: Mutex<bool>,
    stats: Mutex<CacheStats>,
}

/// The entries of a cache file (none if it is missing, unreadable or of
/// another version).
fn load_entries(path: &Path) -> HashMap<(String, String, u64), Entry> {
    let mut entries = HashMap::new();
    let Ok(data) = std::fs::read(path) else {
        return entries;
    };
    let Ok(f) = serde_json::from_slice::<CacheFile>(&data) else {
        return entries;
    };
    if f.version != VERSION {
        return entries;
    }
    for e in f.entries {
        let deps = e
            .deps
            .iter()
            .filter_map(|&i| f.stamps.get(i as usize).cloned())
            .collect();
        let entry = Entry {
            cmd: e.cmd,
            cwd: e.cwd,
            env_hash: e.env_hash,
            deps,
            stdout: e.stdout,
            stderr: e.stderr,
            status: e.status,
            last_used: e.last_used,
        };
        entries.insert(
            (entry.cmd.clone(), entry.cwd.clone(), entry.env_hash),
            entry,
        );
    }
    entries
}

fn identity(path: &Path) -> Option<StampId> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.dev(), m.ino(), m.size(), m.mtime(), m.mtime_nsec()))
}

fn env_hash(env: &BTreeMap<String, String>) -> u64 {
    // FNV-1a over the sorted variables: stable across runs and builds.
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |b: &[u8]| {
        for &c in b {
            h ^= c as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    };
    for (k, v) in env {
        if volatile(k) {
            continue;
        }
        eat(k.as_bytes());
        eat(b"=");
        eat(v.as_bytes());
        eat(b"\0");
    }
    h
}

/// Finds `word` on `PATH` the way a shell would.
fn which(word: &str, env: &BTreeMap<String, String>) -> Option<PathBuf> {
    let path = env.get("PATH")?;
    for dir in path.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let p = Path::new(dir).join(word);
        if let Ok(m) = std::fs::metadata(&p) {
            if m.is_file() && m.mode() & 0o111 != 0 {
                return Some(p);
            }
        }
    }
    None
}

/// The files a command could depend on: the words that name existing files or
/// programs on `PATH`.
pub fn dependencies(cmd: &str, cwd: &Path, env: &BTreeMap<String, String>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let seps = |c: char| c.is_whitespace() || "`;|&()<>'\"=$,{}".contains(c);
    for word in cmd.split(seps).filter(|w| !w.is_empty()) {
        if word.starts_with('-') && !word.contains('/') {
            continue;
        }
        let candidates: Vec<PathBuf> = if word.contains('/') {
            let p = cwd.join(word);
            if p.is_file() {
                vec![p]
            } else {
                vec![]
            }
        } else {
            // A program on PATH, or a file in the directory (`sh x.sh`).
            let local = cwd.join(word);
            which(word, env)
                .into_iter()
                .chain(local.is_file().then_some(local))
                .collect()
        };
        for p in candidates {
            if let Ok(real) = std::fs::canonicalize(&p) {
                if real != p {
                    out.push(real.clone());
                }
                if real.ends_with(".cargo/bin/rustup")
                    || p.parent().is_some_and(|d| d.ends_with(".cargo/bin"))
                {
                    if let Some(home) = rustup_home(env) {
                        out.push(home.join("settings.toml"));
                        out.push(home.join("toolchains"));
                    }
                }
            }
            out.push(p);
        }
    }
    out.sort();
    out.dedup();
    out
}

fn rustup_home(env: &BTreeMap<String, String>) -> Option<PathBuf> {
    if let Some(h) = env.get("RUSTUP_HOME") {
        return Some(PathBuf::from(h));
    }
    env.get("HOME").map(|h| Path::new(h).join(".rustup"))
}

impl CachedShell {
    /// Opens (or starts) the cache stored at `path`.
    pub fn open(path: PathBuf) -> CachedShell {
        let entries = load_entries(&path);
        CachedShell {
            path,
            entries: Mutex::new(entries),
            dirty: Mutex::new(false),
            stats: Mutex::new(CacheStats::default()),
        }
    }

    /// The cache file for an object tree.
    pub fn for_objtree(objtree: &Path) -> CachedShell {
        CachedShell::open(objtree.join(".kmake").join("shell-cache.json"))
    }

    pub fn stats(&self) -> CacheStats {
        *self.stats.lock().expect("cache lock")
    }

    /// Writes the cache back if anything was added (atomically).
    pub fn save(&self) -> std::io::Result<()> {
        if !*self.dirty.lock().expect("cache lock") {
            return Ok(());
        }
        // Merged with what is on disk now: another engine of this process
        // (or another kmake) may have written entries since it was read.
        let mut merged = load_entries(&self.path);
        for (k, e) in self.entries.lock().expect("cache lock").iter() {
            merged.insert(k.clone(), e.clone());
        }
        let mut entries: Vec<Entry> = merged.into_values().collect();
        // Newest first; keep a few environments per command (a terminal and an
        // editor, say), so the file does not grow with every variation.
        entries.sort_by(|a, b| {
            (&a.cmd, &a.cwd, std::cmp::Reverse(a.last_used)).cmp(&(
                &b.cmd,
                &b.cwd,
                std::cmp::Reverse(b.last_used),
            ))
        });
        let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
        for e in entries {
            let same = kept
                .iter()
                .rev()
                .take_while(|k| k.cmd == e.cmd && k.cwd == e.cwd)
                .count();
            if same < MAX_VARIANTS {
                kept.push(e);
            }
        }
        let mut stamps: Vec<Stamp> = Vec::new();
        let mut index: HashMap<(String, Option<StampId>), u32> = HashMap::new();
        let disk: Vec<DiskEntry> = kept
            .into_iter()
            .map(|e| {
                let deps = e
                    .deps
                    .into_iter()
                    .map(|st| {
                        *index.entry((st.path.clone(), st.id)).or_insert_with(|| {
                            stamps.push(st);
                            stamps.len() as u32 - 1
                        })
                    })
                    .collect();
                DiskEntry {
                    cmd: e.cmd,
                    cwd: e.cwd,
                    env_hash: e.env_hash,
                    deps,
                    stdout: e.stdout,
                    stderr: e.stderr,
                    status: e.status,
                    last_used: e.last_used,
                }
            })
            .collect();
        let data = serde_json::to_vec(&CacheFile {
            version: VERSION,
            stamps,
            entries: disk,
        })
        .map_err(std::io::Error::other)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension(format!(
            "json.{}.{}.tmp",
            std::process::id(),
            TMP_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::write(&tmp, data)?;
        std::fs::rename(&tmp, &self.path)?;
        *self.dirty.lock().expect("cache lock") = false;
        Ok(())
    }
}

impl CachedShell {
    /// The cached result of `cmd` if there is one and every file it depends
    /// on is unchanged; runs nothing (for workspaces that may not run
    /// commands but may read what an earlier build recorded).
    pub fn lookup(
        &self,
        cmd: &str,
        cwd: &Path,
        env: &BTreeMap<String, String>,
    ) -> Option<ShellOutput> {
        let key = (cmd.to_string(), cwd.display().to_string(), env_hash(env));
        let entries = self.entries.lock().expect("cache lock");
        let e = entries.get(&key)?;
        let fresh = e.deps.iter().all(|s| identity(Path::new(&s.path)) == s.id);
        if !fresh {
            return None;
        }
        self.stats.lock().expect("cache lock").hits += 1;
        Some(ShellOutput {
            stdout: encode_text(&e.stdout),
            stderr: encode_text(&e.stderr),
            status: e.status,
        })
    }
}

impl ShellRunner for CachedShell {
    fn run(&self, cmd: &str, cwd: &Path, env: &BTreeMap<String, String>) -> ShellOutput {
        let key = (cmd.to_string(), cwd.display().to_string(), env_hash(env));
        if let Some(out) = self.lookup(cmd, cwd, env) {
            return out;
        }
        self.stats.lock().expect("cache lock").misses += 1;
        if std::env::var_os("KMAKE_TRACE_SHELL").is_some() {
            eprintln!("kmake: $(shell) cache miss: {cmd}");
        }
        // Stamp before running, so a file changed during the run is re-probed.
        let deps: Vec<Stamp> = dependencies(cmd, cwd, env)
            .into_iter()
            .map(|p| Stamp {
                id: identity(&p),
                path: p.display().to_string(),
            })
            .collect();
        let out = run_sh(cmd, cwd, env);
        let entry = Entry {
            cmd: key.0.clone(),
            cwd: key.1.clone(),
            env_hash: key.2,
            deps,
            stdout: decode_bytes(&out.stdout),
            stderr: decode_bytes(&out.stderr),
            status: out.status,
            last_used: now(),
        };
        self.entries.lock().expect("cache lock").insert(key, entry);
        *self.dirty.lock().expect("cache lock") = true;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with_path(dir: &Path) -> BTreeMap<String, String> {
        let mut env = BTreeMap::new();
        env.insert(
            "PATH".to_string(),
            format!("{}:/usr/bin:/bin", dir.display()),
        );
        env
    }

    #[test]
    fn a_changed_compiler_invalidates_its_probes() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        let cc = bin.join("fakecc");
        std::fs::write(&cc, "#!/bin/sh\necho fakecc 1.0\n").unwrap();
        std::fs::set_permissions(&cc, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let env = env_with_path(&bin);
        let cache_path = dir.path().join("cache.json");

        let c = CachedShell::open(cache_path.clone());
        assert_eq!(
            c.run("fakecc --version", dir.path(), &env).stdout,
            b"fakecc 1.0\n"
        );
        assert_eq!(
            c.run("fakecc --version", dir.path(), &env).stdout,
            b"fakecc 1.0\n"
        );
        assert_eq!((c.stats().hits, c.stats().misses), (1, 1));
        c.save().unwrap();

        // A new process reuses the persisted result.
        let c = CachedShell::open(cache_path.clone());
        assert_eq!(
            c.run("fakecc --version", dir.path(), &env).stdout,
            b"fakecc 1.0\n"
        );
        assert_eq!(c.stats().hits, 1);

        // Replacing the compiler (new inode, size, time) must re-run the probe.
        std::fs::remove_file(&cc).unwrap();
        std::fs::write(&cc, "#!/bin/sh\necho fakecc 2.00\n").unwrap();
        std::fs::set_permissions(&cc, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let c = CachedShell::open(cache_path);
        assert_eq!(
            c.run("fakecc --version", dir.path(), &env).stdout,
            b"fakecc 2.00\n"
        );
        assert_eq!(c.stats().misses, 1);
    }

    #[test]
    fn environment_is_part_of_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let mut env = env_with_path(dir.path());
        let c = CachedShell::open(dir.path().join("c.json"));
        env.insert("PROBE".into(), "one".into());
        assert_eq!(c.run("echo $PROBE", dir.path(), &env).stdout, b"one\n");
        env.insert("PROBE".into(), "two".into());
        assert_eq!(c.run("echo $PROBE", dir.path(), &env).stdout, b"two\n");
        // Per-session variables do not split the cache.
        env.insert("SHLVL".into(), "7".into());
        assert_eq!(c.run("echo $PROBE", dir.path(), &env).stdout, b"two\n");
        assert_eq!((c.stats().hits, c.stats().misses), (1, 2));
    }

    #[test]
    fn script_files_named_in_the_command_are_dependencies() {
        let dir = tempfile::tempdir().unwrap();
        let env = env_with_path(dir.path());
        std::fs::write(dir.path().join("probe.sh"), "echo a\n").unwrap();
        let c = CachedShell::open(dir.path().join("c.json"));
        assert_eq!(c.run("sh ./probe.sh", dir.path(), &env).stdout, b"a\n");
        std::fs::write(dir.path().join("probe.sh"), "echo bb\n").unwrap();
        assert_eq!(c.run("sh ./probe.sh", dir.path(), &env).stdout, b"bb\n");
    }
}
