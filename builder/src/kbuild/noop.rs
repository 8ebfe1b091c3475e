//! The no-op memo: a build that changed nothing it looked at is replayed
//! instead of evaluated again.
//!
//! A kbuild build reads a thousand makefiles and stats tens of thousands of
//! files just to find that nothing is out of date. kmake watches such a run
//! (`make::observe`): every path make stat'ed, read or listed, in-process or
//! in a make started by a recipe, and every command it ran. When the run
//! succeeded and every path it looked at has, at the end, the status it had
//! when first seen, then the run depends on nothing that changed during it,
//! and running it again from this state would do the same: the same commands
//! with the same results, the same output. Its end state is stored in
//! `<objtree>/.kmake/noop/<key>` with the output; the next run with the same
//! command line, directory, environment, kind of standard output and kmake
//! binary replays the output if every stored path still has that identity
//! (type, size, inode, modification and change time).
//!
//! Besides the paths make saw, the identity of every file or program named
//! by a command the run started (scripts, the compiler, `PATH` lookups) and
//! of every dependency listed in a `-MD` file a command named is stored: the
//! commands that run on every no-op (`filechk`, `checksyscalls.sh`, objtool's
//! `sync-check.sh`) depend on them. Only goals that build inside the trees
//! are memoized (not `install` or `clean`). `KMAKE_NO_MEMO=1` turns it off;
//! deleting `.kmake/noop` is always safe.

use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::capture::{self, Capture, Recorded};
use super::Invocation;
use crate::make::observe::{self, Observer};
use crate::make::statcache::Stat;
use crate::make::wire::{put, put_u64, Reader};

const MAGIC: &[u8] = b"kmake-noop-memo-1";

/// The identity of a path as stored in a memo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    /// 0: missing, 1: file, 2: directory, 3: other.
    pub kind: u8,
    pub size: u64,
    pub ino: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
}

impl Identity {
    pub fn of(path: &Path) -> Identity {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(path) {
            Ok(m) => Identity {
                kind: if m.is_file() {
                    1
                } else if m.is_dir() {
                    2
                } else {
                    3
                },
                size: m.size(),
                ino: m.ino(),
                mtime_ns: m.mtime() * 1_000_000_000 + m.mtime_nsec(),
                ctime_ns: m.ctime() * 1_000_000_000 + m.ctime_nsec(),
            },
            Err(_) => Identity {
                kind: 0,
                size: 0,
                ino: 0,
                mtime_ns: 0,
                ctime_ns: 0,
            },
        }
    }
}

/// A memo: the state a quiescent run ended in, and what it printed.
#[derive(Debug, PartialEq, Eq)]
pub struct Memo {
    pub key: Vec<u8>,
    pub paths: Vec<(PathBuf, Identity)>,
    /// `git status` of the source tree when the version string shows
    /// whether it is dirty.
    pub git_status: Option<Vec<u8>>,
    pub output: Recorded,
}

impl Memo {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put(&mut out, MAGIC);
        put(&mut out, &self.key);
        put_u64(&mut out, self.paths.len() as u64);
        for (p, id) in &self.paths {
            put(&mut out, p.as_os_str().as_bytes());
            put_u64(&mut out, id.kind as u64);
            put_u64(&mut out, id.size);
            put_u64(&mut out, id.ino);
            put_u64(&mut out, id.mtime_ns as u64);
            put_u64(&mut out, id.ctime_ns as u64);
        }
        match &self.git_status {
            Some(g) => {
                put_u64(&mut out, 1);
                put(&mut out, g);
            }
            None => put_u64(&mut out, 0),
        }
        put_u64(&mut out, self.output.chunks.len() as u64);
        for (s, b) in &self.output.chunks {
            put_u64(&mut out, *s as u64);
            put(&mut out, b);
        }
        out
    }

    pub fn decode(data: &[u8]) -> Option<Memo> {
        let mut r = Reader::new(data);
        if r.bytes()? != MAGIC {
            return None;
        }
        let key = r.bytes()?.to_vec();
        let n = r.u64()?;
        let mut paths = Vec::with_capacity(n.min(1 << 20) as usize);
        for _ in 0..n {
            let p = PathBuf::from(std::ffi::OsStr::from_bytes(r.bytes()?));
            let id = Identity {
                kind: r.u64()? as u8,
                size: r.u64()?,
                ino: r.u64()?,
                mtime_ns: r.u64()? as i64,
                ctime_ns: r.u64()? as i64,
            };
            paths.push((p, id));
        }
        let git_status = match r.u64()? {
            0 => None,
            1 => Some(r.bytes()?.to_vec()),
            _ => return None,
        };
        let mut output = Recorded::default();
        for _ in 0..r.u64()? {
            let s = r.u64()? as u8;
            if s != 1 && s != 2 {
                return None;
            }
            output.chunks.push((s, r.bytes()?.to_vec()));
        }
        r.at_end().then_some(Memo {
            key,
            paths,
            git_status,
            output,
        })
    }

    /// Whether every stored path still has its identity.
    pub fn holds(&self) -> bool {
        self.paths.iter().all(|(p, id)| Identity::of(p) == *id)
    }
}

/// A run that may be memoized: where its memo lives and what it is keyed by.
pub struct Plan {
    file: PathBuf,
    key: Vec<u8>,
    stdio: capture::Stdio,
    objtree: PathBuf,
    /// The kernel source tree, when found.
    srctree: Option<PathBuf>,
}

/// Goals that only build inside the source and object trees.
fn memoizable_goal(g: &[u8]) -> bool {
    const NAMED: &[&[u8]] = &[
        b"all",
        b"vmlinux",
        b"bzImage",
        b"zImage",
        b"Image",
        b"Image.gz",
        b"modules",
        b"prepare",
        b"modules_prepare",
        b"scripts",
        b"dtbs",
        b"headers",
    ];
    const SUFFIXES: &[&[u8]] = &[b".o", b".ko", b".i", b".s", b".lst", b".a", b"/"];
    NAMED.contains(&g) || SUFFIXES.iter().any(|s| g.ends_with(s) && g.len() > s.len())
}

/// The directory make ends up in (`-C` applied) and the options a memoized
/// run may have; `None` for anything else (`-n`, `-B`, `-t`, `-q`, `-p`, ...).
fn start_directory(args: &[Vec<u8>], cwd: &Path) -> Option<PathBuf> {
    let mut dir = cwd.to_path_buf();
    let mut i = 0;
    let goals = super::goal_indices(args);
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if goals.contains(&(i - 1)) {
            if !memoizable_goal(a) {
                return None;
            }
            continue;
        }
        if !a.starts_with(b"-") {
            continue; // an assignment
        }
        let path = |b: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(b));
        match a.as_slice() {
            b"-C" | b"--directory" => {
                dir = dir.join(path(args.get(i)?));
                i += 1;
            }
            b"-j" | b"--jobs" => {
                if args
                    .get(i)
                    .is_some_and(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
                {
                    i += 1;
                }
            }
            b"-k"
            | b"--keep-going"
            | b"-s"
            | b"--silent"
            | b"--quiet"
            | b"-w"
            | b"--print-directory"
            | b"--no-print-directory" => {}
            _ if a.starts_with(b"--directory=") => dir = dir.join(path(&a[12..])),
            _ if a.starts_with(b"-C") => dir = dir.join(path(&a[2..])),
            _ if a.starts_with(b"--jobs=") => {}
            _ if a.starts_with(b"-j") && a[2..].iter().all(u8::is_ascii_digit) => {}
            _ => return None,
        }
    }
    Some(dir)
}

impl Plan {
    /// The plan for a kmake command line, if it may be memoized.
    pub fn new(inv: &Invocation) -> Option<Plan> {
        let env_has = |k: &[u8]| inv.env.iter().any(|(n, v)| n == k && !v.is_empty());
        if env_has(b"KMAKE_NO_MEMO") {
            return None;
        }
        let stdio = capture::Stdio::current()?;
        let start = start_directory(&inv.args, &inv.cwd)?;
        let last_o = inv
            .args
            .iter()
            .rev()
            .find_map(|a| a.strip_prefix(b"O="))
            .or_else(|| {
                inv.env
                    .iter()
                    .rev()
                    .find(|(k, _)| k == b"KBUILD_OUTPUT")
                    .map(|(_, v)| v.as_slice())
            });
        let objtree = match last_o {
            Some(o) if !o.is_empty() => start.join(Path::new(std::ffi::OsStr::from_bytes(o))),
            _ => start.clone(),
        };
        if !objtree.join(".config").is_file() {
            return None;
        }
        let mut key = Vec::new();
        put(&mut key, inv.cwd.as_os_str().as_bytes());
        put(&mut key, &inv.argv0);
        for a in &inv.args {
            put(&mut key, a);
        }
        let env: BTreeMap<&[u8], &[u8]> = inv
            .env
            .iter()
            .filter(|(k, _)| {
                !matches!(k.as_slice(), b"_" | b"OLDPWD")
                    && k.as_slice() != observe::OBSERVE_DIR_VAR.as_bytes()
            })
            .map(|(k, v)| (k.as_slice(), v.as_slice()))
            .collect();
        for (k, v) in env {
            put(&mut key, k);
            put(&mut key, v);
        }
        put(&mut key, format!("{stdio:?}").as_bytes());
        if let Ok(exe) = std::env::current_exe() {
            let id = Identity::of(&exe);
            put(&mut key, exe.as_os_str().as_bytes());
            put(&mut key, format!("{id:?}").as_bytes());
        }
        let file = objtree
            .join(".kmake/noop")
            .join(format!("{:016x}", fnv(&key)));
        let srctree = find_srctree(&start, &objtree);
        Some(Plan {
            file,
            key,
            stdio,
            objtree,
            srctree,
        })
    }

    /// What the version string depends on beyond what make sees:
    /// `localversion*` files (the directories' identities) and the git
    /// state `scripts/setlocalversion` reads; with `CONFIG_LOCALVERSION_AUTO`
    /// the working tree's state too, which is checked by running git.
    fn version_inputs(&self) -> (Vec<PathBuf>, Option<Vec<u8>>) {
        let mut paths = vec![self.objtree.clone()];
        let Some(src) = &self.srctree else {
            return (paths, None);
        };
        paths.push(src.clone());
        let Some(git) = git_dir(src) else {
            return (paths, None);
        };
        paths.push(git.join("HEAD"));
        paths.push(git.join("packed-refs"));
        if let Ok(head) = std::fs::read_to_string(git.join("HEAD")) {
            if let Some(r) = head.trim().strip_prefix("ref: ") {
                paths.push(git.join(r));
            }
        }
        let auto = std::fs::read_to_string(self.objtree.join("include/config/auto.conf"))
            .is_ok_and(|c| c.lines().any(|l| l == "CONFIG_LOCALVERSION_AUTO=y"));
        (paths, auto.then(|| git_status(src)))
    }

    /// Replays the memo if it holds: what a run would print, printed.
    pub fn replay(&self) -> bool {
        let Ok(data) = std::fs::read(&self.file) else {
            return false;
        };
        let Some(memo) = Memo::decode(&data) else {
            return false;
        };
        if memo.key != self.key || !memo.holds() {
            return false;
        }
        if let Some(status) = &memo.git_status {
            let Some(src) = &self.srctree else {
                return false;
            };
            if git_status(src) != *status {
                return false;
            }
        }
        for (s, b) in &memo.output.chunks {
            capture::write_all(*s as i32, b);
        }
        if std::env::var_os("KMAKE_STATS").is_some() {
            eprintln!(
                "kmake: no-op replayed from {} ({} paths unchanged)",
                self.file.display(),
                memo.paths.len()
            );
        }
        true
    }

    /// Runs `inv` watched and captured, and stores or drops the memo.
    pub fn run(&self, mut inv: Invocation) -> i32 {
        let _ = std::fs::remove_file(&self.file);
        let obs_dir = self.file.with_extension("obs");
        let _ = std::fs::remove_dir_all(&obs_dir);
        let started = std::fs::create_dir_all(&obs_dir)
            .ok()
            .and_then(|_| Capture::start(self.stdio, [1, 2]).ok());
        let Some((cap, stdio, out)) = started else {
            return super::run_make_to(
                Arc::new(crate::make::instance::StdOutput),
                inv,
                Default::default(),
            );
        };
        inv.env.push((
            observe::OBSERVE_DIR_VAR.as_bytes().to_vec(),
            obs_dir.as_os_str().as_bytes().to_vec(),
        ));
        let path_var = crate::make::shell::env_path(&inv.env).to_vec();
        let observer = Arc::new(Observer::default());
        let hooks = crate::make::instance::Hooks {
            observer: Some(observer.clone()),
            stdio: Some(stdio),
            ..Default::default()
        };
        let status = super::run_make_to(out, inv, hooks);
        let recorded = cap.finish();
        let reported = observe::merge_reports(&obs_dir, &observer);
        let _ = std::fs::remove_dir_all(&obs_dir);
        if let (0, Some(output), true) = (status, recorded, reported) {
            if let Some(memo) = self.conclude(&observer, output, &path_var) {
                let _ = super::write_atomically(&self.file, &memo.encode());
            }
        }
        status
    }

    /// The memo of a finished run, if it was quiescent.
    fn conclude(&self, observer: &Observer, output: Recorded, path_var: &[u8]) -> Option<Memo> {
        let trace = std::env::var_os("KMAKE_TRACE_MEMO").is_some();
        let (paths, commands) = observer.snapshot();
        let mut all: BTreeMap<PathBuf, Identity> = BTreeMap::new();
        for (p, first) in paths {
            if Stat::of_path(&p) != first {
                if trace {
                    eprintln!(
                        "kmake: not memoized: {} changed during the run",
                        p.display()
                    );
                }
                return None;
            }
            let id = Identity::of(&p);
            all.insert(p, id);
        }
        let d = |b: &[u8]| crate::kconfig::source::decode_bytes(b);
        for c in &commands {
            let mut env = BTreeMap::new();
            let pv = if c.path_var.is_empty() {
                path_var
            } else {
                &c.path_var
            };
            env.insert("PATH".to_string(), d(pv));
            let text = d(&c.text);
            for p in crate::kconfig::shell_cache::dependencies(&text, &c.cwd, &env) {
                all.entry(p.clone()).or_insert_with(|| Identity::of(&p));
            }
            for dep in depfile_dependencies(&text, &c.cwd) {
                all.entry(dep.clone()).or_insert_with(|| Identity::of(&dep));
            }
        }
        let (extra, git_status) = self.version_inputs();
        for p in extra {
            all.entry(p.clone()).or_insert_with(|| Identity::of(&p));
        }
        if trace {
            eprintln!("kmake: memoized {} paths", all.len());
        }
        Some(Memo {
            key: self.key.clone(),
            paths: all.into_iter().collect(),
            git_status,
            output,
        })
    }
}

/// The prerequisites listed in the dependency files (`-MD`/`-MMD` output)
/// a command names: `-Wp,-MMD,file`, `-MF file`, `-MF,file`.
fn depfile_dependencies(cmd: &str, cwd: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let words: Vec<&str> = cmd.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(rest) = w.strip_prefix("-Wp,") {
            let parts: Vec<&str> = rest.split(',').collect();
            if let Some(k) = parts.iter().position(|p| *p == "-MMD" || *p == "-MD") {
                if let Some(f) = parts.get(k + 1) {
                    files.push(*f);
                }
            }
        } else if *w == "-MF" {
            if let Some(f) = words.get(i + 1) {
                files.push(f);
            }
        }
    }
    let mut out = Vec::new();
    for f in files {
        let path = cwd.join(f);
        let Ok(text) = std::fs::read(&path) else {
            continue;
        };
        if text.len() > 4 << 20 {
            continue;
        }
        let text = String::from_utf8_lossy(&text).replace("\\\n", " ");
        for line in text.lines() {
            let Some((_, deps)) = line.split_once(": ") else {
                continue;
            };
            out.extend(deps.split_whitespace().map(|d| cwd.join(d)));
        }
    }
    out
}

/// The kernel source tree: the directory make starts in if it has the
/// kernel's scripts, else the one the object tree's generated `Makefile`
/// includes.
fn find_srctree(start: &Path, objtree: &Path) -> Option<PathBuf> {
    if start.join("scripts/setlocalversion").is_file() {
        return Some(start.to_path_buf());
    }
    let text = std::fs::read_to_string(objtree.join("Makefile")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("include ")?.strip_suffix("/Makefile"))
        .map(PathBuf::from)
}

/// The git directory of a work tree (`.git`, or where a `.git` file points).
fn git_dir(src: &Path) -> Option<PathBuf> {
    let dot = src.join(".git");
    if dot.is_dir() {
        return Some(dot);
    }
    let text = std::fs::read_to_string(&dot).ok()?;
    let d = text.trim().strip_prefix("gitdir: ")?;
    Some(src.join(d))
}

/// What `scripts/setlocalversion` asks git to decide "-dirty".
fn git_status(src: &Path) -> Vec<u8> {
    std::process::Command::new("git")
        .arg("-C")
        .arg(src)
        .args(["--no-optional-locks", "status", "-uno", "--porcelain"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .map(|o| {
            let mut v = o.stdout;
            v.extend_from_slice(format!("\n{:?}", o.status.code()).as_bytes());
            v
        })
        .unwrap_or_else(|_| b"no git".to_vec())
}

/// FNV-1a: stable across runs and builds.
fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &c in b {
        h ^= c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inv(args: &[&str], cwd: &Path) -> Invocation {
        Invocation {
            argv0: b"kmake".to_vec(),
            args: args.iter().map(|a| a.as_bytes().to_vec()).collect(),
            env: vec![(b"PATH".to_vec(), b"/usr/bin:/bin".to_vec())],
            cwd: cwd.to_path_buf(),
            make_command: None,
        }
    }

    #[test]
    fn which_runs_are_memoized() {
        let d = tempfile::tempdir().unwrap();
        let o = d.path().join("out");
        std::fs::create_dir_all(&o).unwrap();
        std::fs::write(o.join(".config"), "").unwrap();
        let ok = |a: &[&str]| start_directory(&inv(a, d.path()).args, d.path()).is_some();
        assert!(ok(&["O=out", "-j2"]));
        assert!(ok(&["O=out", "-j", "2", "init/main.o", "drivers/"]));
        assert!(!ok(&["O=out", "install"]));
        assert!(!ok(&["O=out", "-n"]));
        assert!(!ok(&["O=out", "clean"]));
        if capture::Stdio::current().is_some() {
            let p = Plan::new(&inv(&["O=out", "-j2"], d.path())).unwrap();
            assert!(p.file.starts_with(o.join(".kmake/noop")));
            assert!(Plan::new(&inv(&["O=elsewhere"], d.path())).is_none());
        }
    }

    #[test]
    fn memos_round_trip_and_notice_changes() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("f");
        std::fs::write(&f, "1").unwrap();
        let memo = Memo {
            key: b"k".to_vec(),
            git_status: Some(b" M x.c\n".to_vec()),
            paths: vec![
                (f.clone(), Identity::of(&f)),
                (
                    d.path().join("missing"),
                    Identity::of(&d.path().join("missing")),
                ),
            ],
            output: Recorded {
                chunks: vec![(1, b"  CALL x\n".to_vec()), (2, b"w\n".to_vec())],
            },
        };
        let enc = memo.encode();
        let back = Memo::decode(&enc).unwrap();
        assert_eq!(back, memo);
        assert!(back.holds());
        assert!(Memo::decode(&enc[..enc.len() - 1]).is_none());
        std::fs::write(d.path().join("missing"), "").unwrap();
        assert!(!back.holds());
    }

    #[test]
    fn dependency_files_of_commands() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(".x.d"), "x.o: a.h \\\n  /abs/b.h\n").unwrap();
        let deps = depfile_dependencies("gcc -Wp,-MMD,./.x.d -c x.c", d.path());
        assert_eq!(deps, vec![d.path().join("a.h"), PathBuf::from("/abs/b.h")]);
    }
}
