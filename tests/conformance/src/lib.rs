//! Shared pieces of the real-tree runs: locating the reference kernel and the
//! binaries, running commands, comparing output trees, measuring peak memory.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

pub mod compdb_compare;
pub mod fixture;
pub mod kbuild;
pub mod kernel_make;
pub mod make_cases;
pub mod report;

/// The shared cache folder of the project scripts (`KMAKE_CACHE`).
pub fn cache_dir() -> PathBuf {
    if let Ok(c) = std::env::var("KMAKE_CACHE") {
        return PathBuf::from(c);
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    Path::new(&home).join(".cache/kmake")
}

/// The reference tree: `KMAKE_KERNEL_SRC`, else `<cache>/linux-source-6.12`.
pub fn kernel_tree(arg: Option<&str>) -> Result<PathBuf> {
    let p = match arg {
        Some(a) => PathBuf::from(a),
        None => match std::env::var("KMAKE_KERNEL_SRC") {
            Ok(p) => PathBuf::from(p),
            Err(_) => cache_dir().join("linux-source-6.12"),
        },
    };
    if !p.join("Kconfig").is_file() {
        bail!(
            "no kernel tree at {} (run scripts/setup-kernel.sh, or set KMAKE_KERNEL_SRC)",
            p.display()
        );
    }
    Ok(p)
}

/// The `kmake` binary next to this one (same cargo profile), unless given.
pub fn kmake_binary(arg: Option<&str>) -> Result<PathBuf> {
    if let Some(a) = arg {
        return Ok(PathBuf::from(a));
    }
    let me = std::env::current_exe()?;
    let p = me.with_file_name("kmake");
    if !p.is_file() {
        bail!(
            "{} not found: build it first (cargo build --release -p kmake)",
            p.display()
        );
    }
    Ok(p)
}

/// What a command did.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Peak resident set size of the child, in KiB.
    pub max_rss_kib: i64,
}

/// Runs a command to completion, measuring time and peak memory.
pub fn run(cmd: &mut Command) -> Result<Run> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let child = cmd.spawn().with_context(|| format!("spawning {cmd:?}"))?;
    let pid = child.id() as libc::pid_t;
    // Drain the pipes on threads so the child never blocks, then reap it with
    // wait4 to read its resource usage.
    let mut child = child;
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut s);
        s
    });
    let mut status: libc::c_int = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: plain wait4 on our own child with valid out-pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r < 0 {
        bail!("wait4 failed for {cmd:?}");
    }
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    let st = std::process::ExitStatus::from_raw(status);
    Ok(Run {
        status: st.code().unwrap_or(-1),
        stdout,
        stderr,
        elapsed,
        max_rss_kib: usage.ru_maxrss,
    })
}

/// The files the Kconfig outputs consist of, relative to an object tree.
pub const OUTPUT_FILES: &[&str] = &[
    ".config",
    "include/config/auto.conf",
    "include/generated/autoconf.h",
    "include/generated/rustc_cfg",
    "include/config/auto.conf.cmd",
];

/// The first difference between two files, as a short report.
pub fn first_difference(a: &Path, b: &Path) -> Option<String> {
    let (ra, rb) = (std::fs::read(a), std::fs::read(b));
    match (ra, rb) {
        (Err(_), Err(_)) => None,
        (Ok(_), Err(_)) => Some(format!("missing in kmake's tree: {}", b.display())),
        (Err(_), Ok(_)) => Some(format!("missing in the reference tree: {}", a.display())),
        (Ok(x), Ok(y)) if x == y => None,
        (Ok(x), Ok(y)) => {
            let (sx, sy) = (String::from_utf8_lossy(&x), String::from_utf8_lossy(&y));
            let (lx, ly): (Vec<&str>, Vec<&str>) = (sx.lines().collect(), sy.lines().collect());
            let i = lx
                .iter()
                .zip(ly.iter())
                .position(|(p, q)| p != q)
                .unwrap_or(lx.len().min(ly.len()));
            let mut s = format!("first difference at line {}:\n", i + 1);
            for l in lx.iter().skip(i).take(3) {
                s.push_str(&format!("  - {l}\n"));
            }
            for l in ly.iter().skip(i).take(3) {
                s.push_str(&format!("  + {l}\n"));
            }
            if lx.len() != ly.len() {
                s.push_str(&format!("  ({} lines vs {} lines)\n", lx.len(), ly.len()));
            }
            Some(s)
        }
    }
}

/// Modification times of the files in a directory (for stamp comparisons).
pub fn mtimes(dir: &Path) -> BTreeMap<String, std::time::SystemTime> {
    let mut m = BTreeMap::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if let Ok(md) = e.metadata() {
                if md.is_file() {
                    if let Ok(t) = md.modified() {
                        m.insert(e.file_name().to_string_lossy().into_owned(), t);
                    }
                }
            }
        }
    }
    m
}

/// Names whose mtime changed or that are new between two snapshots.
pub fn touched(
    before: &BTreeMap<String, std::time::SystemTime>,
    after: &BTreeMap<String, std::time::SystemTime>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(k, t)| before.get(*k) != Some(*t))
        .map(|(k, _)| k.clone())
        .filter(|k| !k.starts_with("auto.conf"))
        .collect()
}

/// Lines of make's own chatter, which kmake does not print.
pub fn strip_make_noise(s: &str) -> String {
    s.lines()
        .filter(|l| {
            !(l.starts_with("make[")
                || l.starts_with("make:")
                || l.starts_with("kmake:")
                || is_quiet_cmd(l))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A kbuild "quiet" command line such as `  HOSTCC  scripts/basic/fixdep`.
pub fn is_quiet_cmd(l: &str) -> bool {
    let Some(rest) = l.strip_prefix("  ") else {
        return false;
    };
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && rest[word.len()..].starts_with(' ')
}
