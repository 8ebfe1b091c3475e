//! Built kernel object trees shared by kbuild-check and kbuild-bench: the
//! private source tree, objtrees configured by kmake (tinyconfig plus a
//! bootable serial-console fragment), the two tools run the way a user runs
//! them (GNU make found as `make` first in PATH), what a run printed in
//! kbuild's quiet style, and snapshots of what a run rewrote.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::kernel_make::{check_ok, describe, run_limited, walk_files, Output, ARCH, FIXED_ENV};
use crate::{is_quiet_cmd, Run};

/// Merged into tinyconfig: a 64-bit kernel that prints its banner on ttyS0
/// and loads modules (for `modules`, `M=` and the module lists).
pub const FRAGMENT: &[&str] = &[
    "CONFIG_64BIT=y",
    "CONFIG_MODULES=y",
    "CONFIG_PRINTK=y",
    "CONFIG_TTY=y",
    "CONFIG_SERIAL_8250=y",
    "CONFIG_SERIAL_8250_CONSOLE=y",
    "CONFIG_EARLY_PRINTK=y",
];

/// A make-like tool as the harness runs it. Every run gets a cleared
/// environment (PATH, HOME, [`FIXED_ENV`]) whose PATH starts with GNU make's
/// folder, so `make` means the reference make for the kernel's scripts (and
/// kmake puts its own `make` link before that for its children). A tool
/// whose file is named `make` is run as `make` with its folder first in PATH,
/// never by its absolute path: `$(MAKE)` is then `make`, as with kmake, and
/// the commands kbuild records in `.cmd` files are the same.
pub struct Runner {
    /// "make" or "kmake", for the report.
    pub label: &'static str,
    /// Absolute path of the program.
    pub path: PathBuf,
    /// PATH for its runs.
    search_path: std::ffi::OsString,
    /// Per-run time limit.
    pub timeout: Duration,
}

impl Runner {
    /// `path` is the tool, `reference_make` the GNU make whose folder goes
    /// first in PATH.
    pub fn new(
        label: &'static str,
        path: PathBuf,
        reference_make: &Path,
        timeout: Duration,
    ) -> Runner {
        let mut dirs: Vec<PathBuf> = Vec::new();
        if Self::named_make(&path) {
            if let Some(d) = path.parent() {
                dirs.push(d.to_path_buf());
            }
        }
        if let Some(d) = reference_make.parent() {
            if !dirs.iter().any(|x| x == d) {
                dirs.push(d.to_path_buf());
            }
        }
        let rest = std::env::var_os("PATH").unwrap_or_default();
        dirs.extend(std::env::split_paths(&rest));
        let search_path = std::env::join_paths(dirs).unwrap_or(rest);
        Runner {
            label,
            path,
            search_path,
            timeout,
        }
    }

    fn named_make(path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == "make")
    }

    /// `<tool> [options] O=<obj> ARCH=x86_64 [targets]` from the source tree.
    pub fn command(&self, src: &Path, obj: &Path, args: &[&str]) -> Command {
        let program: &std::ffi::OsStr = if Self::named_make(&self.path) {
            "make".as_ref()
        } else {
            self.path.as_os_str()
        };
        let mut c = Command::new(program);
        c.current_dir(src)
            .env_clear()
            .env("PATH", &self.search_path);
        if let Some(h) = std::env::var_os("HOME") {
            c.env("HOME", h);
        }
        c.envs(FIXED_ENV.iter().copied());
        let (opts, targets): (Vec<&str>, Vec<&str>) = args.iter().partition(|a| a.starts_with('-'));
        c.args(opts)
            .arg(format!("O={}", obj.display()))
            .arg(ARCH)
            .args(targets);
        c
    }

    /// Runs it with stdout captured; returns the run and the command line.
    pub fn run(&self, src: &Path, obj: &Path, args: &[&str]) -> Result<(Run, String)> {
        let mut c = self.command(src, obj, args);
        let what = describe(&c);
        Ok((run_limited(&mut c, Output::Capture, self.timeout)?, what))
    }

    /// Like [`Runner::run`], but an error unless it exits 0.
    pub fn run_ok(&self, src: &Path, obj: &Path, args: &[&str]) -> Result<Run> {
        let (r, what) = self.run(src, obj, args)?;
        check_ok(&r, &what)?;
        Ok(r)
    }
}

/// The two tools of a run from the common options: `(kmake, make)`, GNU make
/// being `--make` or the reference make, kmake `--kmake` or the workspace's
/// release build.
pub fn runners(
    args: &crate::kernel_make::RunnerArgs,
    timeout: Duration,
) -> Result<(Runner, Runner)> {
    use crate::kernel_make::{default_reference_make, kmake_or_build, resolve_program};
    let make_path = resolve_program(&args.make.clone().unwrap_or_else(default_reference_make))?;
    let kmake = kmake_or_build(args.kmake.as_deref())?;
    Ok((
        Runner::new("kmake", kmake, &make_path, timeout),
        Runner::new("make", make_path.clone(), &make_path, timeout),
    ))
}

/// A private copy of the reference source tree made of hard links
/// (`cp -al`), so scenarios can change files without touching the cache:
/// [`rewrite`] breaks the link of a file before changing it.
pub fn private_source(reference: &Path, dst: &Path) -> Result<()> {
    if dst.join("Kconfig").is_file() {
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(dst);
    let r = run_limited(
        Command::new("cp").arg("-al").arg(reference).arg(dst),
        Output::Capture,
        Duration::from_secs(600),
    )?;
    check_ok(
        &r,
        &format!("cp -al {} {}", reference.display(), dst.display()),
    )
}

/// Replaces `path` (in a private source tree) by a new file holding
/// `edit(old contents)`: a new inode, so the hard-linked original is left
/// alone, with the current time as its mtime.
pub fn rewrite(path: &Path, edit: impl FnOnce(&str) -> String) -> Result<()> {
    let old =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let perms = std::fs::metadata(path)?.permissions();
    let tmp = path.with_extension("kmake-tmp");
    std::fs::write(&tmp, edit(&old)).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::set_permissions(&tmp, perms)?;
    std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

/// `kmake O=<obj> ARCH=x86_64 tinyconfig` in a fresh objtree, then
/// [`FRAGMENT`] appended to `.config` and `kmake olddefconfig`. An error
/// names a fragment line the result lacks.
pub fn configure(kmake: &Runner, src: &Path, obj: &Path) -> Result<Duration> {
    configure_with(kmake, src, obj, FRAGMENT, &[])
}

/// [`configure`] with another fragment, and `vars` (`NAME=value`) on each
/// command line.
pub fn configure_with(
    kmake: &Runner,
    src: &Path,
    obj: &Path,
    fragment: &[&str],
    vars: &[&str],
) -> Result<Duration> {
    let _ = std::fs::remove_dir_all(obj);
    std::fs::create_dir_all(obj).with_context(|| format!("creating {}", obj.display()))?;
    let t1 = kmake
        .run_ok(src, obj, &[vars, &["tinyconfig"]].concat())?
        .elapsed;
    let config = obj.join(".config");
    let mut text = std::fs::read_to_string(&config)
        .with_context(|| format!("{} wrote no .config", kmake.label))?;
    for l in fragment {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(&config, text)?;
    let t2 = kmake
        .run_ok(src, obj, &[vars, &["olddefconfig"]].concat())?
        .elapsed;
    let result = std::fs::read_to_string(&config)?;
    let lines: BTreeSet<&str> = result.lines().collect();
    let missing: Vec<&&str> = fragment.iter().filter(|l| !lines.contains(**l)).collect();
    if !missing.is_empty() {
        bail!(
            "after olddefconfig, {} lacks {missing:?} (a dependency is not met)",
            config.display()
        );
    }
    Ok(t1 + t2)
}

/// kbuild's messages in a run's stdout, with the objtree path as `$O`: quiet
/// command lines (`  CC      init/main.o`) and `Kernel: ... is ready`.
pub fn kbuild_messages(stdout: &str, obj: &Path) -> BTreeSet<String> {
    let o = obj.to_string_lossy();
    stdout
        .lines()
        .filter(|l| is_quiet_cmd(l) || l.starts_with("Kernel: "))
        .map(|l| l.replace(o.as_ref(), "$O"))
        .collect()
}

/// The lines of a run's stdout that are not kbuild messages nor make's
/// `Entering/Leaving directory` chatter.
pub fn other_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| {
            !(is_quiet_cmd(l)
                || l.starts_with("Kernel: ")
                || l.contains("Entering directory")
                || l.contains("Leaving directory"))
        })
        .map(str::to_string)
        .collect()
}

/// Modification time (ns) and size of every file and symlink of an objtree,
/// by relative path, without kmake's `.kmake/` cache.
#[derive(Clone, Default)]
pub struct Snapshot(BTreeMap<String, (i128, u64)>);

impl Snapshot {
    pub fn take(obj: &Path) -> Result<Snapshot> {
        let mut m = BTreeMap::new();
        walk_files(obj, &mut |rel, md| {
            let t = md.mtime() as i128 * 1_000_000_000 + md.mtime_nsec() as i128;
            m.insert(rel, (t, md.size()));
        })?;
        Ok(Snapshot(m))
    }

    /// Files new or rewritten in `after`, and `<path> (deleted)` for files
    /// gone.
    pub fn changes(&self, after: &Snapshot) -> BTreeSet<String> {
        let mut s: BTreeSet<String> = after
            .0
            .iter()
            .filter(|(k, v)| self.0.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        s.extend(
            self.0
                .keys()
                .filter(|k| !after.0.contains_key(*k))
                .map(|k| format!("{k} (deleted)")),
        );
        s
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Up to `n` items, one per indented line, with `... and N more`.
pub fn list_some<'a>(items: impl IntoIterator<Item = &'a String>, n: usize) -> String {
    let v: Vec<&String> = items.into_iter().collect();
    let mut s: String = v.iter().take(n).map(|x| format!("\n    {x}")).collect();
    if v.len() > n {
        s.push_str(&format!("\n    ... and {} more", v.len() - n));
    }
    s
}

/// How two sets differ, for a report: counts and the first items only in
/// each, or `None` when they are equal.
pub fn set_difference(
    a: &BTreeSet<String>,
    b: &BTreeSet<String>,
    la: &str,
    lb: &str,
) -> Option<String> {
    if a == b {
        return None;
    }
    let only_a: Vec<&String> = a.difference(b).collect();
    let only_b: Vec<&String> = b.difference(a).collect();
    Some(format!(
        "{} with {la}, {} with {lb}, {} in common\nonly with {la} ({}):{}\nonly with {lb} ({}):{}",
        a.len(),
        b.len(),
        a.intersection(b).count(),
        only_a.len(),
        list_some(only_a, 12),
        only_b.len(),
        list_some(only_b, 12)
    ))
}

/// The words of a POSIX shell command line: blanks separate words; single
/// quotes keep everything; double quotes keep everything but `\` before
/// `$ \` " newline; a backslash outside quotes keeps the next character.
/// (No expansions: compile commands have none left.)
pub fn shell_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                for d in it.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    cur.push(d);
                }
            }
            '"' => {
                in_word = true;
                while let Some(d) = it.next() {
                    match d {
                        '"' => break,
                        '\\' => match it.peek() {
                            Some(&e @ ('$' | '`' | '"' | '\\')) => {
                                cur.push(e);
                                it.next();
                            }
                            Some('\n') => {
                                it.next();
                            }
                            _ => cur.push('\\'),
                        },
                        _ => cur.push(d),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match it.next() {
                    Some('\n') | None => {}
                    Some(d) => cur.push(d),
                }
            }
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// The objtrees of a kbuild-check work folder: built by make, built by
/// kmake, configured only (for compile_commands.json). Each is renamed to
/// [`Site::path`] while a tool runs in it.
pub fn objtrees(work: &Path) -> [PathBuf; 3] {
    ["a-make", "b-kmake", "c-unbuilt"].map(|d| work.join(d))
}

/// The one path at which every objtree of a work folder is configured and
/// built: `<work>/obj`. A tree is renamed there for each run and back after,
/// so all trees see the same absolute objtree path and nothing needs
/// normalising: kbuild records it (in `.cmd` files, `tools/objtool`'s
/// dependency files) and gcc writes it into the debug information of the
/// objects that have some (`arch/x86/boot/*.o`, objtool). Replacing the path
/// there is not enough: gcc lays out `.debug_line_str` in the order of a
/// hash table keyed by the strings, so another path moves the other strings.
pub struct Site {
    work: PathBuf,
}

impl Site {
    /// Puts back a tree an interrupted run left at the site.
    pub fn new(work: &Path) -> Result<Site> {
        let site = Site {
            work: work.to_path_buf(),
        };
        if let Ok(tree) = std::fs::read_to_string(site.marker()) {
            let tree = PathBuf::from(tree.trim_end());
            if site.path().exists() && !tree.exists() {
                std::fs::rename(site.path(), &tree)
                    .with_context(|| format!("putting back {}", tree.display()))?;
            }
            let _ = std::fs::remove_file(site.marker());
        }
        Ok(site)
    }

    /// `<work>/obj`.
    pub fn path(&self) -> PathBuf {
        self.work.join("obj")
    }

    fn marker(&self) -> PathBuf {
        self.work.join(".obj-is")
    }

    /// Runs `f` with `tree` (created if missing) renamed to the site, and
    /// its own sources at `<work>/src` if it has some (see
    /// [`Site::split_sources`]).
    pub fn with<T>(&self, tree: &Path, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let site = self.path();
        if site.exists() {
            bail!(
                "{} is in use (another run, or a tree left there: move it back)",
                site.display()
            );
        }
        self.use_sources(tree)?;
        std::fs::create_dir_all(tree).with_context(|| format!("creating {}", tree.display()))?;
        std::fs::write(self.marker(), tree.to_string_lossy().as_bytes())?;
        std::fs::rename(tree, &site)
            .with_context(|| format!("renaming {} to {}", tree.display(), site.display()))?;
        let r = f(&site);
        std::fs::rename(&site, tree)
            .with_context(|| format!("renaming {} back to {}", site.display(), tree.display()))?;
        let _ = std::fs::remove_file(self.marker());
        r
    }

    /// The private source tree of the work folder, `<work>/src`.
    pub fn src(&self) -> PathBuf {
        self.work.join("src")
    }

    fn src_of(&self, name: &str) -> PathBuf {
        self.work.join(format!("src-of-{name}"))
    }

    fn src_marker(&self) -> PathBuf {
        self.work.join(".src-is")
    }

    fn name(tree: &Path) -> String {
        tree.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// From now on `tree` has sources of its own, a copy (hard links) of
    /// `<work>/src`, which stays `owner`'s: the two trees can then go through
    /// the same source changes one after the other, each staying consistent
    /// with its sources. [`Site::with`] puts a tree's sources at
    /// `<work>/src` (the path both were built with) for its runs.
    pub fn split_sources(&self, owner: &Path, tree: &Path) -> Result<()> {
        self.use_sources(owner)?;
        let copy = self.src_of(&Self::name(tree));
        let _ = std::fs::remove_dir_all(&copy);
        private_source(&self.src(), &copy)?;
        std::fs::write(self.src_marker(), Self::name(owner))?;
        Ok(())
    }

    /// Forgets split sources (the trees are about to be configured anew).
    pub fn unsplit_sources(&self) -> Result<()> {
        let _ = std::fs::remove_file(self.src_marker());
        if let Ok(rd) = std::fs::read_dir(&self.work) {
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with("src-of-") {
                    std::fs::remove_dir_all(e.path())?;
                }
            }
        }
        Ok(())
    }

    fn use_sources(&self, tree: &Path) -> Result<()> {
        let Ok(owner) = std::fs::read_to_string(self.src_marker()) else {
            return Ok(());
        };
        let name = Self::name(tree);
        let mine = self.src_of(&name);
        if owner == name || !mine.exists() {
            return Ok(());
        }
        let theirs = self.src_of(&owner);
        std::fs::rename(self.src(), &theirs)
            .with_context(|| format!("renaming the sources to {}", theirs.display()))?;
        std::fs::rename(&mine, self.src())
            .with_context(|| format!("renaming {} to the sources", mine.display()))?;
        std::fs::write(self.src_marker(), name)?;
        Ok(())
    }
}

/// CPU time spent during a run: by the run (its whole process tree, from
/// `getrusage(RUSAGE_CHILDREN)`) and by everything else on the machine
/// (`/proc/stat` busy time less the run's), to tell a slow tool from a busy
/// machine.
pub struct CpuUse {
    pub own_s: f64,
    pub others_s: f64,
}

impl CpuUse {
    /// `f` run with its CPU use measured.
    pub fn measure<T>(f: impl FnOnce() -> T) -> (T, CpuUse) {
        let (c0, b0) = (children_cpu(), machine_busy());
        let r = f();
        let (c1, b1) = (children_cpu(), machine_busy());
        let own_s = c1 - c0;
        let others_s = match (b0, b1) {
            (Some(x), Some(y)) => (y - x - own_s).max(0.0),
            _ => f64::NAN,
        };
        (r, CpuUse { own_s, others_s })
    }

    /// `CPU 160 s (177% of 90 s), other load 3 s`.
    pub fn describe(&self, wall_s: f64) -> String {
        format!(
            "CPU {:.0} s ({:.0}% of the wall time), other processes {:.0} s",
            self.own_s,
            100.0 * self.own_s / wall_s,
            self.others_s
        )
    }
}

fn children_cpu() -> f64 {
    // SAFETY: a zeroed rusage is a valid value of this plain C struct, and
    // getrusage only writes into it.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid out-pointer.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Busy CPU seconds of the whole machine since boot (`/proc/stat`).
fn machine_busy() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?;
    let v: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy: f64 = v.iter().take(8).sum::<f64>() - v.get(3)? - v.get(4)?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Some(busy / hz)
}

/// Files and messages of the Kconfig host tool (`scripts/kconfig/conf`,
/// its objects, `.cmd` files, lexer and parser): make builds it to run
/// kbuild's config sync (`syncconfig`); kmake runs the sync on its
/// in-process Kconfig engine and never builds it. `item` is a path relative
/// to the objtree or a kbuild message naming one.
pub fn kconfig_tool(item: &str) -> bool {
    item.split_whitespace()
        .last()
        .is_some_and(|p| p.starts_with("scripts/kconfig/"))
}

/// What a kbuild-check run leaves for kbuild-bench in its work folder.
pub const TIMES_FILE: &str = "build-times";

/// Full-build wall times, `<label> <seconds>` lines.
pub fn write_times(work: &Path, times: &[(&str, f64)]) -> Result<()> {
    let text: String = times.iter().map(|(l, t)| format!("{l} {t:.3}\n")).collect();
    std::fs::write(work.join(TIMES_FILE), text)?;
    Ok(())
}

/// The times [`write_times`] wrote, if any.
pub fn read_times(work: &Path) -> BTreeMap<String, f64> {
    std::fs::read_to_string(work.join(TIMES_FILE))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(' ')?;
            Some((k.to_string(), v.parse().ok()?))
        })
        .collect()
}

/// Median of a non-empty list.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_like_a_shell() {
        assert_eq!(
            shell_words(r#"gcc -DKBUILD_MODFILE='"init/main"' -D"A(x)=#x"  a\ b -c x.c"#),
            vec![
                "gcc",
                "-DKBUILD_MODFILE=\"init/main\"",
                "-DA(x)=#x",
                "a b",
                "-c",
                "x.c"
            ]
        );
        assert_eq!(shell_words(r#"'' "a\"b\n""#), vec!["", "a\"b\\n"]);
    }

    #[test]
    fn quiet_lines() {
        let out = "make[1]: Entering directory '/o'\n  CC      init/main.o\n  CC      /o/tools/x.o\nKernel: arch/x86/boot/bzImage is ready  (#1)\n  hello\n";
        let m = kbuild_messages(out, Path::new("/o"));
        assert_eq!(m.len(), 3);
        assert!(m.contains("  CC      $O/tools/x.o"));
        assert_eq!(other_lines(out), vec!["  hello"]);
    }
}
