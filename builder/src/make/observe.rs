//! What a run looked at, for the no-op memo of the kbuild layer: the status
//! every path had when make first stat'ed, read or listed it, and the commands
//! it ran (recipes and `$(shell)`). make processes started by recipes (not
//! in-process sub-makes) add theirs through a directory named in the
//! environment (`KMAKE_OBSERVE_DIR`), one file per process.

use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::statcache::Stat;
use super::wire::{put, put_u64, Reader};

/// The variable naming the directory child make processes write their
/// observations to.
pub const OBSERVE_DIR_VAR: &str = "KMAKE_OBSERVE_DIR";

/// A command a run started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ran {
    pub cwd: PathBuf,
    /// The command as the shell sees it (`sh -c` text), or the words of a
    /// command started without a shell joined by spaces.
    pub text: Vec<u8>,
    /// `PATH` the command was started with.
    pub path_var: Vec<u8>,
}

/// Paths with their first status, and commands, in the order seen.
#[derive(Default)]
pub struct Observer {
    paths: Mutex<FxHashMap<PathBuf, Stat>>,
    commands: Mutex<Vec<Ran>>,
}

impl Observer {
    /// Records `path`'s status unless it was seen before.
    pub fn note_stat(&self, path: &Path, stat: Stat) {
        let mut m = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        if !m.contains_key(path) {
            m.insert(path.to_path_buf(), stat);
        }
    }

    /// Records `path` by looking at it now (files make reads itself).
    pub fn note_path(&self, path: &Path) {
        if self
            .paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(path)
        {
            return;
        }
        self.note_stat(path, Stat::of_path(path));
    }

    pub fn note_command(&self, cwd: &Path, text: &[u8], path_var: &[u8]) {
        self.commands
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Ran {
                cwd: cwd.to_path_buf(),
                text: text.to_vec(),
                path_var: path_var.to_vec(),
            });
    }

    /// Everything seen so far.
    pub fn snapshot(&self) -> (Vec<(PathBuf, Stat)>, Vec<Ran>) {
        let paths = self
            .paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(p, s)| (p.clone(), *s))
            .collect();
        let commands = self
            .commands
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        (paths, commands)
    }

    /// Adds what another process observed (its file from `write_to`).
    pub fn merge_file(&self, file: &Path) -> std::io::Result<()> {
        let data = std::fs::read(file)?;
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad observation file");
        let mut r = Reader::new(&data);
        if r.bytes().ok_or_else(bad)? != MAGIC {
            return Err(bad());
        }
        for _ in 0..r.u64().ok_or_else(bad)? {
            let p = PathBuf::from(std::ffi::OsStr::from_bytes(r.bytes().ok_or_else(bad)?));
            let s = match r.u64().ok_or_else(bad)? {
                0 => Stat::Missing,
                k => Stat::Exists {
                    is_dir: k & 2 != 0,
                    is_file: k & 4 != 0,
                    mtime_ns: r.u64().ok_or_else(bad)? as i64 as i128,
                },
            };
            self.note_stat(&p, s);
        }
        for _ in 0..r.u64().ok_or_else(bad)? {
            let cwd = PathBuf::from(std::ffi::OsStr::from_bytes(r.bytes().ok_or_else(bad)?));
            let text = r.bytes().ok_or_else(bad)?.to_vec();
            let path_var = r.bytes().ok_or_else(bad)?.to_vec();
            self.note_command(&cwd, &text, &path_var);
        }
        Ok(())
    }

    /// Writes everything seen to `file`.
    pub fn write_to(&self, file: &Path) -> std::io::Result<()> {
        let (paths, commands) = self.snapshot();
        let mut out = Vec::new();
        put(&mut out, MAGIC);
        put_u64(&mut out, paths.len() as u64);
        for (p, s) in &paths {
            put(&mut out, p.as_os_str().as_bytes());
            match s {
                Stat::Missing => put_u64(&mut out, 0),
                Stat::Exists {
                    is_dir,
                    is_file,
                    mtime_ns,
                } => {
                    let k = 1 | (*is_dir as u64) << 1 | (*is_file as u64) << 2;
                    put_u64(&mut out, k);
                    put_u64(&mut out, *mtime_ns as i64 as u64);
                }
            }
        }
        put_u64(&mut out, commands.len() as u64);
        for c in &commands {
            put(&mut out, c.cwd.as_os_str().as_bytes());
            put(&mut out, &c.text);
            put(&mut out, &c.path_var);
        }
        let mut tmp = file.as_os_str().to_owned();
        tmp.push(".tmp");
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&out)?;
        drop(f);
        std::fs::rename(&tmp, file)
    }
}

/// A make process's report in the directory of `KMAKE_OBSERVE_DIR`: a
/// `<id>.start` file when it starts, `<id>.obs` when it is done. The parent
/// trusts its observations only if every start has its report.
pub struct Report {
    obs: PathBuf,
}

impl Report {
    pub fn start(dir: &Path) -> Option<Report> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let id = format!("{}-{nanos}", std::process::id());
        std::fs::write(dir.join(format!("{id}.start")), b"").ok()?;
        Some(Report {
            obs: dir.join(format!("{id}.obs")),
        })
    }

    pub fn finish(self, observer: &Observer) -> std::io::Result<()> {
        observer.write_to(&self.obs)
    }
}

/// Merges the reports in `dir` into `observer`; false if a make started but
/// did not report (it died, or could not write).
pub fn merge_reports(dir: &Path, observer: &Observer) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut ok = true;
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "start") {
            let obs = p.with_extension("obs");
            ok &= observer.merge_file(&obs).is_ok();
        }
    }
    ok
}

const MAGIC: &[u8] = b"kmake-observed-1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_status_wins_and_files_round_trip() {
        let d = tempfile::tempdir().unwrap();
        let o = Observer::default();
        let p = d.path().join("f");
        o.note_stat(&p, Stat::Missing);
        std::fs::write(&p, "x").unwrap();
        o.note_path(&p);
        o.note_path(d.path());
        o.note_command(d.path(), b"echo hi", b"/bin");
        let file = d.path().join("x.obs");
        o.write_to(&file).unwrap();
        let (paths, cmds) = o.snapshot();
        assert_eq!(
            paths.iter().find(|(q, _)| *q == p).unwrap().1,
            Stat::Missing
        );
        let o2 = Observer::default();
        o2.merge_file(&file).unwrap();
        let (mut p2, c2) = o2.snapshot();
        let mut p1 = paths;
        p1.sort_by(|a, b| a.0.cmp(&b.0));
        p2.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(p1, p2);
        assert_eq!(cmds, c2);
        std::fs::write(&file, b"junk").unwrap();
        assert!(o2.merge_file(&file).is_err());
    }
}
