//! GNU make versus kmake on the reference kernel: the controlled environment
//! both run in, objtree setup, running a tool with a time limit, and turning
//! their outputs into comparable, normalised lines with readable differences.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::{cache_dir, Run};

/// Variables that make kbuild's output reproducible, set for every run.
pub const FIXED_ENV: &[(&str, &str)] = &[
    ("LC_ALL", "C"),
    ("KBUILD_BUILD_TIMESTAMP", "Thu Jan  1 00:00:00 UTC 2024"),
    ("KBUILD_BUILD_USER", "kmake"),
    ("KBUILD_BUILD_HOST", "kmake"),
];

/// Directories kbuild's recipes would create with a separate `mkdir -p` line
/// before a `$(MAKE)` line. Under `make -n` the `$(MAKE)` line runs but the
/// `mkdir` does not, so without them both tools stop at `tools/objtool`
/// ("output directory ... does not exist") before the build phase.
pub const DRY_RUN_DIRS: &[&str] = &["tools/objtool/libsubcmd"];

/// The architecture every run builds for.
pub const ARCH: &str = "ARCH=x86_64";

/// Default limit for one tool run; a hung engine must not hang the harness.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(900);

/// Clears the environment of `cmd` and sets only PATH, HOME and [`FIXED_ENV`].
pub fn controlled(cmd: &mut Command) -> &mut Command {
    cmd.env_clear();
    for k in ["PATH", "HOME"] {
        if let Some(v) = std::env::var_os(k) {
            cmd.env(k, v);
        }
    }
    cmd.envs(FIXED_ENV.iter().copied())
}

/// The absolute path of a program named on the command line (searched in
/// PATH when it has no slash), so that `$(MAKE)` is a known string.
pub fn resolve_program(name: &str) -> Result<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        if !p.is_file() {
            bail!("{name}: no such program");
        }
        return Ok(std::path::absolute(&p).unwrap_or(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let p = dir.join(name);
        if p.is_file() {
            return Ok(p);
        }
    }
    bail!("{name}: not found in PATH")
}

/// The value after the command-line option at `i` (which moves on to it).
pub fn option_value(args: &[String], i: &mut usize, usage: &str) -> Result<String> {
    *i += 1;
    match args.get(*i) {
        Some(v) => Ok(v.clone()),
        None => bail!("{} needs a value\n{usage}", args[*i - 1]),
    }
}

/// The workspace this crate lives in.
fn workspace_root() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    p.canonicalize().unwrap_or(p)
}

/// `--kmake PATH` if given, else builds `target/release/kmake` with cargo.
pub fn kmake_or_build(arg: Option<&str>) -> Result<PathBuf> {
    if let Some(a) = arg {
        return resolve_program(a);
    }
    let root = workspace_root();
    println!("building kmake: cargo build --release -p kmake");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let r = run_limited(
        Command::new(&cargo)
            .args(["build", "--release", "-p", "kmake", "--bin", "kmake"])
            .current_dir(&root),
        Output::Capture,
        DEFAULT_TIMEOUT,
    )?;
    check_ok(&r, "cargo build --release -p kmake")?;
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) => PathBuf::from(t),
        None => root.join("target"),
    };
    let bin = target.join("release/kmake");
    if !bin.is_file() {
        bail!("cargo built kmake but {} is missing", bin.display());
    }
    Ok(std::path::absolute(&bin).unwrap_or(bin))
}

/// A fresh work folder under the cache's `tmp/`, removed on drop unless kept.
pub struct WorkDir {
    pub path: PathBuf,
    pub keep: bool,
}

impl WorkDir {
    pub fn new(name: &str, keep: bool) -> Result<WorkDir> {
        let path = cache_dir()
            .join("tmp")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(WorkDir { path, keep })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if self.keep {
            println!("kept {}", self.path.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Where a child's stdout goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Capture,
    Null,
}

/// Like [`crate::run`], but stdout may go to /dev/null, and the child (in its
/// own process group, with everything it started) is killed after `limit`.
pub fn run_limited(cmd: &mut Command, out: Output, limit: Duration) -> Result<Run> {
    cmd.stdin(Stdio::null())
        .stdout(match out {
            Output::Capture => Stdio::piped(),
            Output::Null => Stdio::null(),
        })
        .stderr(Stdio::piped())
        .process_group(0);
    let what = describe(cmd);
    let start = Instant::now();
    let mut child = cmd.spawn().with_context(|| format!("spawning {what}"))?;
    let pid = child.id() as libc::pid_t;
    let t_out = child.stdout.take().map(|mut o| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = std::io::Read::read_to_end(&mut o, &mut s);
            s
        })
    });
    let mut err = child.stderr.take().context("no stderr pipe")?;
    // Sent rather than joined: after a kill, a process that left the group
    // could keep the pipe open, and the harness must not hang on it.
    let (err_tx, err_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut s);
        let _ = err_tx.send(s);
    });
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if done_rx.recv_timeout(limit) == Err(mpsc::RecvTimeoutError::Timeout) {
            // SAFETY: signals our own child's process group; the child is not
            // reaped yet (wait4 below has not returned), so the id is ours.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            true
        } else {
            false
        }
    });
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: plain wait4 on our own child with valid out-pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    let _ = done_tx.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    if r < 0 {
        bail!("wait4 failed for {what}");
    }
    if timed_out {
        let err = err_rx
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_default();
        bail!(
            "{what} did not finish within {} s: killed; stderr ends with:\n{}",
            limit.as_secs(),
            tail(&String::from_utf8_lossy(&err), 15)
        );
    }
    let stdout = match t_out {
        Some(t) => String::from_utf8_lossy(&t.join().unwrap_or_default()).into_owned(),
        None => String::new(),
    };
    let stderr = String::from_utf8_lossy(&err_rx.recv().unwrap_or_default()).into_owned();
    let st = std::process::ExitStatus::from_raw(status);
    Ok(Run {
        status: st.code().unwrap_or(-1),
        stdout,
        stderr,
        elapsed,
        max_rss_kib: usage.ru_maxrss,
    })
}

/// A command as a user would type it (program and arguments).
pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    if let Some(d) = cmd.get_current_dir() {
        s.push_str(&format!(" (in {})", d.display()));
    }
    s
}

/// The last `n` lines of a tool's stderr, indented, for error messages.
pub fn tail(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let from = lines.len().saturating_sub(n);
    if lines.is_empty() {
        return "    (no output on stderr)".into();
    }
    lines[from..]
        .iter()
        .map(|l| format!("    {}", clip(l, 0, 300)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An error naming the command and its stderr tail unless it exited 0.
pub fn check_ok(r: &Run, what: &str) -> Result<()> {
    if r.status != 0 {
        bail!(
            "{what} failed with exit status {}; stderr ends with:\n{}",
            r.status,
            tail(&r.stderr, 15)
        );
    }
    Ok(())
}

/// A make-like tool: its absolute path and how its messages name it.
pub struct Tool {
    pub path: PathBuf,
    /// "make" or "kmake", for the report.
    pub label: &'static str,
}

impl Tool {
    /// `<tool> [args] O=<obj> ARCH=x86_64 <targets>`, run from the source
    /// tree in the controlled environment.
    pub fn command(&self, tree: &Path, obj: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(&self.path);
        c.current_dir(tree);
        controlled(&mut c);
        let (opts, targets): (Vec<&str>, Vec<&str>) = args.iter().partition(|a| a.starts_with('-'));
        c.args(opts)
            .arg(format!("O={}", obj.display()))
            .arg(ARCH)
            .args(targets);
        c
    }

    /// The name its messages start with (`make[1]: ...`): argv[0]'s basename.
    fn message_name(&self) -> String {
        self.path
            .file_name()
            .unwrap_or(OsStr::new("make"))
            .to_string_lossy()
            .into_owned()
    }

    /// Output lines with the objtree path replaced by `$O`, the tool's own
    /// path (the value of `$(MAKE)`) by `$(MAKE)`, and its message prefix
    /// (`kmake[2]:`) by make's (`make[2]:`).
    pub fn normalise(&self, text: &str, obj: &Path) -> Vec<String> {
        let obj = obj.to_string_lossy();
        let me = self.path.to_string_lossy();
        let name = self.message_name();
        text.lines()
            .map(|l| {
                let l = replace_word(&l.replace(obj.as_ref(), "$O"), &me, "$(MAKE)");
                match l.strip_prefix(name.as_str()) {
                    Some(rest) if rest.starts_with('[') || rest.starts_with(':') => {
                        format!("make{rest}")
                    }
                    _ => l,
                }
            })
            .collect()
    }
}

/// Replaces `from` where it is not followed by a character that could
/// continue a file name (so `/usr/bin/make` does not hit `/usr/bin/makeinfo`).
fn replace_word(s: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(from) {
        let after = rest[i + from.len()..].chars().next();
        let continues = after.is_some_and(|c| c.is_alphanumeric() || "_-.+/".contains(c));
        out.push_str(&rest[..i]);
        out.push_str(if continues { from } else { to });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Runs `<kmake> O=<obj> ARCH=x86_64 tinyconfig` in a fresh `obj`.
pub fn tinyconfig(kmake: &Tool, tree: &Path, obj: &Path) -> Result<Run> {
    let _ = std::fs::remove_dir_all(obj);
    std::fs::create_dir_all(obj).with_context(|| format!("creating {}", obj.display()))?;
    let mut c = kmake.command(tree, obj, &["tinyconfig"]);
    let r = run_limited(&mut c, Output::Capture, DEFAULT_TIMEOUT)?;
    check_ok(&r, &describe(&c))?;
    if !obj.join(".config").is_file() {
        bail!("{} wrote no .config", describe(&c));
    }
    Ok(r)
}

/// Creates [`DRY_RUN_DIRS`] in an objtree.
pub fn prepare_dry_run(obj: &Path) -> Result<()> {
    for d in DRY_RUN_DIRS {
        std::fs::create_dir_all(obj.join(d))
            .with_context(|| format!("creating {}", obj.join(d).display()))?;
    }
    Ok(())
}

/// Whether a dry run ended where kbuild's does on a fresh objtree: "No rule
/// to make target 'vmlinux.a'" (the archive -n never makes, needed by the
/// `vmlinux_o` sub-make, which runs even under -n).
pub fn stops_at_vmlinux_a(stderr: &str) -> bool {
    stderr.contains("'vmlinux.a'")
}

/// Index of the first line that starts the build phase of a default-verbosity
/// kbuild run: the first quiet `CC`/`AS` of a kernel object, i.e. an
/// `echo '  CC      <path>.o'` whose path is relative (not `$O/tools/...`)
/// and not under `scripts/` (host tools and `scripts/mod/empty.o` belong to
/// the prepare phase). With Linux 6.12 tinyconfig it is `CC init/main.o`.
pub fn build_phase_start(lines: &[String]) -> Option<usize> {
    lines.iter().position(|l| {
        ["echo '  CC      ", "echo '  AS      "].iter().any(|m| {
            l.find(m).is_some_and(|i| {
                let rest = &l[i + m.len()..];
                let path = rest.split('\'').next().unwrap_or("");
                path.ends_with(".o")
                    && !path.starts_with('/')
                    && !path.starts_with('$')
                    && !path.starts_with("scripts/")
            })
        })
    })
}

/// Index of the first line that differs (or where one side ends).
pub fn first_mismatch(a: &[String], b: &[String]) -> Option<usize> {
    let n = a.len().min(b.len());
    match (0..n).find(|&i| a[i] != b[i]) {
        Some(i) => Some(i),
        None if a.len() != b.len() => Some(n),
        None => None,
    }
}

/// How many lines the two outputs share, ignoring order (a multiset count).
pub fn common_lines(a: &[String], b: &[String]) -> usize {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for l in a {
        *counts.entry(l).or_default() += 1;
    }
    let mut n = 0;
    for l in b {
        if let Some(c) = counts.get_mut(l.as_str()) {
            if *c > 0 {
                *c -= 1;
                n += 1;
            }
        }
    }
    n
}

/// `s` from char `from` on, at most `width` chars, with `…` where cut.
pub fn clip(s: &str, from: usize, width: usize) -> String {
    let total = s.chars().count();
    let body: String = s.chars().skip(from).take(width).collect();
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        body,
        if from + width < total { "…" } else { "" }
    )
}

/// A report of the difference at line `i` (0-based): three lines of shared
/// context, then the next lines of each side, long lines shown around the
/// first column where the two differing lines part.
pub fn render_diff(a: &[String], b: &[String], i: usize, la: &str, lb: &str) -> String {
    render_diff_from(a, b, (i, i), (la, lb))
}

/// [`render_diff`] for two outputs compared from different lines: `at` is
/// the first differing line of each (0-based, in the whole outputs).
pub fn render_diff_from(
    a: &[String],
    b: &[String],
    at: (usize, usize),
    label: (&str, &str),
) -> String {
    let (ia, ib) = at;
    let (la, lb) = label;
    let mut s = String::new();
    let col = match (a.get(ia), b.get(ib)) {
        (Some(x), Some(y)) => x
            .chars()
            .zip(y.chars())
            .position(|(p, q)| p != q)
            .unwrap_or(x.chars().count().min(y.chars().count())),
        _ => 0,
    };
    let from = col.saturating_sub(80);
    let place = if ia == ib {
        format!("line {}", ia + 1)
    } else {
        format!("line {} of {la}, line {} of {lb}", ia + 1, ib + 1)
    };
    let column = if col > 0 {
        format!(", column {}", col + 1)
    } else {
        String::new()
    };
    s.push_str(&format!("first difference at {place}{column}:\n"));
    for (k, l) in a.iter().enumerate().take(ia).skip(ia.saturating_sub(3)) {
        s.push_str(&format!("      {:>6}  {}\n", k + 1, clip(l, 0, 160)));
    }
    for (sign, name, side, i) in [("-", la, a, ia), ("+", lb, b, ib)] {
        if i >= side.len() {
            s.push_str(&format!(
                "    {sign}         (end: {name} has no more lines)\n"
            ));
        }
        for (k, l) in side.iter().enumerate().skip(i).take(3) {
            let shown = if k == i {
                clip(l, from, 240)
            } else {
                clip(l, 0, 160)
            };
            s.push_str(&format!("    {sign} {:>6}  {shown}   [{name}]\n", k + 1));
        }
    }
    if a.len() != b.len() {
        s.push_str(&format!(
            "    ({} lines from {la}, {} from {lb})\n",
            a.len(),
            b.len()
        ));
    }
    s
}

/// Calls `f` with the relative path and metadata (not following symlinks)
/// of every file and symlink under `dir`, skipping kmake's own cache.
pub fn walk_files(dir: &Path, f: &mut dyn FnMut(String, std::fs::Metadata)) -> Result<()> {
    fn walk(root: &Path, dir: &Path, f: &mut dyn FnMut(String, std::fs::Metadata)) -> Result<()> {
        let rd = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        for e in rd {
            let e = e?;
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            if rel == ".kmake" {
                continue;
            }
            let md = std::fs::symlink_metadata(&p)?;
            if md.is_dir() {
                walk(root, &p, f)?;
            } else {
                f(rel, md);
            }
        }
        Ok(())
    }
    walk(dir, dir, f)
}

/// Files (and symlinks) under `dir`, relative, skipping kmake's own cache.
pub fn list_files(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    walk_files(dir, &mut |rel, _| {
        out.insert(rel);
    })?;
    Ok(out)
}

/// A kernel runner's command line: the options every runner takes
/// (`--tree`, `--kmake`, `--make`, `--keep`, `--help`) and its own options
/// with a value.
#[derive(Default)]
pub struct RunnerArgs {
    pub tree: Option<String>,
    pub kmake: Option<String>,
    pub make: Option<String>,
    pub keep: bool,
    own: BTreeMap<String, String>,
}

impl RunnerArgs {
    /// Parses the process's arguments; `own` names the runner's own options,
    /// each taking a value. None after `--help` (the usage is printed).
    pub fn parse(usage: &str, own: &[&str]) -> Result<Option<RunnerArgs>> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let mut r = RunnerArgs::default();
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--tree" => r.tree = Some(option_value(&args, &mut i, usage)?),
                "--kmake" => r.kmake = Some(option_value(&args, &mut i, usage)?),
                "--make" => r.make = Some(option_value(&args, &mut i, usage)?),
                "--keep" => r.keep = true,
                "-h" | "--help" => {
                    println!("{usage}");
                    return Ok(None);
                }
                name if own.contains(&name) => {
                    let v = option_value(&args, &mut i, usage)?;
                    r.own.insert(name.to_string(), v);
                }
                other => bail!("unknown argument {other:?}\n{usage}"),
            }
            i += 1;
        }
        Ok(Some(r))
    }

    /// The value of one of the runner's own options.
    pub fn value(&self, name: &str) -> Option<String> {
        self.own.get(name).cloned()
    }

    /// A positive number option, or `default`.
    pub fn count(&self, name: &str, default: usize) -> Result<usize> {
        match self.own.get(name) {
            None => Ok(default),
            Some(v) => match v.parse() {
                Ok(n) if n > 0 => Ok(n),
                _ => bail!("{name} {v}: expected a positive number"),
            },
        }
    }

    /// A number of seconds, or `default`.
    pub fn seconds(&self, name: &str, default: u64) -> Result<u64> {
        match self.own.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| anyhow::anyhow!("{name} {v}: not a number of seconds")),
        }
    }
}

/// The exit of a checking runner: 0 when every check passed, 1 when one
/// failed, 2 when the run itself broke (the error is printed).
pub fn check_exit(name: &str, r: Result<bool>) -> std::process::ExitCode {
    use std::process::ExitCode;
    match r {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{name}: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The exit of a benchmark: 0, or 1 with the error printed.
pub fn bench_exit(name: &str, r: Result<()>) -> std::process::ExitCode {
    match r {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// What comparing one file in two objtrees found.
pub enum FileCmp {
    Same,
    /// An ELF object or archive: contents are not compared.
    Binary,
    Differs(String),
}

/// Compares `rel` in both objtrees after replacing each tree's path by `$O`.
pub fn compare_file(a_obj: &Path, b_obj: &Path, rel: &str, la: &str, lb: &str) -> FileCmp {
    let (pa, pb) = (a_obj.join(rel), b_obj.join(rel));
    let link = |p: &Path| {
        std::fs::read_link(p)
            .ok()
            .map(|t| t.to_string_lossy().into_owned())
    };
    match (link(&pa), link(&pb)) {
        (None, None) => {}
        (x, y) => {
            let norm = |t: Option<String>, o: &Path| {
                t.map(|t| t.replace(o.to_string_lossy().as_ref(), "$O"))
            };
            let (x, y) = (norm(x, a_obj), norm(y, b_obj));
            return if x == y {
                FileCmp::Same
            } else {
                FileCmp::Differs(format!("symlink {x:?} ({la}) vs {y:?} ({lb})"))
            };
        }
    }
    let (Ok(x), Ok(y)) = (std::fs::read(&pa), std::fs::read(&pb)) else {
        return FileCmp::Differs("unreadable".into());
    };
    let binary = |d: &[u8]| d.starts_with(b"\x7fELF") || d.starts_with(b"!<arch>\n");
    if binary(&x) && binary(&y) {
        return FileCmp::Binary;
    }
    if x == y {
        return FileCmp::Same;
    }
    let norm = |d: &[u8], o: &Path| {
        String::from_utf8_lossy(d)
            .replace(o.to_string_lossy().as_ref(), "$O")
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (lx, ly) = (norm(&x, a_obj), norm(&y, b_obj));
    match first_mismatch(&lx, &ly) {
        None => FileCmp::Same,
        Some(i) => FileCmp::Differs(render_diff(&lx, &ly, i, la, lb)),
    }
}

/// The GNU make the kernel runs are compared with: `$KMAKE_GNU_MAKE`, else
/// the GNU make 4.4.1 that `scripts/setup-gnumake.sh` builds in the cache
/// (the version kmake's engine follows; 4.3 remakes included makefiles in
/// another order), else `make` from `PATH`.
pub fn default_reference_make() -> String {
    if let Ok(p) = std::env::var("KMAKE_GNU_MAKE") {
        if !p.is_empty() {
            return p;
        }
    }
    let built = crate::cache_dir().join("gnumake-4.4.1/bin/make");
    if built.is_file() {
        return built.display().to_string();
    }
    "make".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn boundary_is_first_kernel_object() {
        let out = lines(&[
            "set -e;  echo '  CC      scripts/mod/empty.o'; gcc ...",
            "set -e;  echo '  CC      kernel/bounds.s'; gcc ...",
            "set -e;  echo '  CC      $O/tools/objtool/libsubcmd/exec-cmd.o'; gcc",
            "make -f scripts/Makefile.build obj=init",
            "set -e;  echo '  CC      init/main.o';   trap ...",
        ]);
        assert_eq!(build_phase_start(&out), Some(4));
        assert_eq!(build_phase_start(&out[..4]), None);
    }

    #[test]
    fn normalises_paths_and_make() {
        let t = Tool {
            path: PathBuf::from("/x/target/release/kmake"),
            label: "kmake",
        };
        let got = t.normalise(
            "/x/target/release/kmake -C /tmp/b -f M\nkmake[1]: Entering directory '/tmp/b'\n/x/target/release/kmakefile",
            Path::new("/tmp/b"),
        );
        assert_eq!(
            got,
            lines(&[
                "$(MAKE) -C $O -f M",
                "make[1]: Entering directory '$O'",
                "/x/target/release/kmakefile",
            ])
        );
    }

    #[test]
    fn mismatch_and_common_lines() {
        let a = lines(&["x", "y", "z"]);
        let b = lines(&["x", "z", "y", "w"]);
        assert_eq!(first_mismatch(&a, &b), Some(1));
        assert_eq!(first_mismatch(&a, &a[..2]), Some(2));
        assert_eq!(first_mismatch(&a, &a), None);
        assert_eq!(common_lines(&a, &b), 3);
        let d = render_diff(&a, &b, 1, "make", "kmake");
        assert!(d.contains("- ") && d.contains("+ ") && d.contains("line 2"));
    }
}
