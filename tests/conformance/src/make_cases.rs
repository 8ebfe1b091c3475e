//! GNU make differential cases (`tests/make/cases/<area>/<name>.mk`): what one
//! case asks for, how its work tree is prepared, how a make binary is run on
//! it, how the run is normalised, and the recorded-result format
//! (`<name>.expected`, written only from GNU make 4.4.1).
//!
//! Shared, as plain std code, by the kmake test (`tests/make_cases.rs`
//! includes this file) and by `make-cases-check`, which runs GNU make.
//! `tests/make/README.md` describes the format for case authors.
//!
//! A case file is a makefile whose leading comment lines may hold `#!`
//! directives, followed by optional extra files:
//! ```text
//! #! args: -k all          command-line words (shell-like quoting), repeatable
//! #! env: NAME=value       an environment variable, repeatable
//! #! makefile: GNUmakefile mtime=-5 noeol
//!                          name and options of the leading section
//!                          (`Makefile` by default; `none` writes no makefile)
//! #! stdin: input.txt      make's standard input (a case file), else /dev/null
//! #! timeout: 20           seconds before the run is killed (default 10)
//! all: ; @echo hi          the makefile (the `#!` lines stay in it as comments)
//! #!file sub/Makefile mtime=+10 exec
//! ...                      more files, until the next `#!file`/`#!dir`/`#!link`
//! #!dir empty
//! #!link ln target mtime=-5
//! ```
//! `exec` makes a file executable, `noeol` drops its final newline. Every
//! prepared file, directory and link gets the modification time [`BASE_MTIME`]
//! plus its `mtime=` offset in seconds, so that files a run creates are always
//! newer and "older/newer" orderings are exact.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The reference the recordings come from.
pub const REFERENCE: &str = "GNU make 4.4.1";
/// Placeholder for the temporary root (`$TMP/work` is the working directory,
/// `$TMP/bin` holds the `make` link) in recordings.
pub const TMP: &str = "$TMP";
/// Modification time of prepared files (offsets are added): 2001-09-09.
pub const BASE_MTIME: u64 = 1_000_000_000;
/// Seconds a run may take unless the case says otherwise.
pub const DEFAULT_TIMEOUT: u64 = 10;
/// File name suffix of cases and of their recordings.
pub const CASE_EXT: &str = "mk";
pub const EXPECTED_EXT: &str = "expected";

/// What a prepared path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    File(Vec<u8>),
    Dir,
    /// A symbolic link to the given target.
    Link(String),
}

/// One file, directory or symbolic link prepared in the work tree before the run.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Relative, `/`-separated.
    pub path: String,
    pub content: Content,
    /// Seconds relative to [`BASE_MTIME`].
    pub mtime: i64,
    /// Made executable (mode 755 instead of 644).
    pub exec: bool,
}

/// One case.
#[derive(Debug)]
pub struct Case {
    /// `<area>/<name>`.
    pub name: String,
    /// The case file.
    pub path: PathBuf,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub stdin: Option<String>,
    pub timeout: Duration,
    pub files: Vec<Prepared>,
}

/// Which make ran, for the normalisation of its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// GNU make, invoked as `make`.
    Gnu,
    /// kmake, invoked as `make`; its own name (`kmake`) is replaced by `make`.
    Kmake,
}

/// The cases folder of the workspace (`tests/make/cases`).
pub fn cases_root(workspace: &Path) -> PathBuf {
    workspace.join("tests").join("make").join("cases")
}

/// Every case under `root`, sorted by name. Fails on a malformed case and on a
/// recording without its case.
pub fn load_all(root: &Path) -> Result<Vec<Case>, String> {
    let mut files = Vec::new();
    collect_files(root, "", &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
    files.sort();
    let mut cases = Vec::new();
    for rel in &files {
        if let Some(stem) = rel.strip_suffix(&format!(".{EXPECTED_EXT}")) {
            if !files.contains(&format!("{stem}.{CASE_EXT}")) {
                return Err(format!(
                    "{rel}: recording without a case ({stem}.{CASE_EXT}); delete it"
                ));
            }
        } else if let Some(stem) = rel.strip_suffix(&format!(".{CASE_EXT}")) {
            cases.push(Case::load(stem, &root.join(rel))?);
        } else if !rel.ends_with(".md") {
            return Err(format!(
                "{rel}: neither a case (.{CASE_EXT}) nor a recording (.{EXPECTED_EXT})"
            ));
        }
    }
    Ok(cases)
}

fn collect_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> io::Result<()> {
    for e in fs::read_dir(dir)? {
        let e = e?;
        let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.file_type()?.is_dir() {
            collect_files(&e.path(), &format!("{rel}/"), out)?;
        } else {
            out.push(rel);
        }
    }
    Ok(())
}

/// Options of a prepared file.
#[derive(Debug, Clone, Copy, Default)]
struct FileOpts {
    mtime: i64,
    noeol: bool,
    exec: bool,
}

/// `path [mtime=N] [noeol] [exec]` of a `#!file`/`#!dir`/`makefile:` line.
fn file_spec(spec: &str, what: &str) -> Result<(String, FileOpts), String> {
    let mut words = spec.split_whitespace();
    let path = words
        .next()
        .ok_or_else(|| format!("{what}: no path"))?
        .to_string();
    if path.starts_with('/') || path.split('/').any(|c| c == "..") {
        return Err(format!("{what}: {path}: must stay inside the work tree"));
    }
    let mut o = FileOpts::default();
    for w in words {
        if let Some(n) = w.strip_prefix("mtime=") {
            o.mtime = n
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("{what}: bad mtime offset {n}"))?;
        } else if w == "noeol" {
            o.noeol = true;
        } else if w == "exec" {
            o.exec = true;
        } else {
            return Err(format!("{what}: unknown option {w}"));
        }
    }
    Ok((path, o))
}

impl Case {
    /// Parses the case file `path`, named `name`.
    pub fn load(name: &str, path: &Path) -> Result<Case, String> {
        let text = fs::read(path).map_err(|e| format!("{name}: {e}"))?;
        let mut case = Case {
            name: name.to_string(),
            path: path.to_path_buf(),
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            timeout: Duration::from_secs(DEFAULT_TIMEOUT),
            files: Vec::new(),
        };
        let err = |msg: String| format!("{name}: {msg}");
        let mut makefile = Some(("Makefile".to_string(), FileOpts::default()));
        // Sections: (path, options, what, file text).
        let mut sections: Vec<(String, FileOpts, Content, Vec<u8>)> = Vec::new();
        let mut lead = Vec::new();
        let mut in_header = true;
        for line in text.split_inclusive(|&b| b == b'\n') {
            let s = String::from_utf8_lossy(line);
            let t = s.trim_end_matches('\n');
            if let Some(spec) = t.strip_prefix("#!file ") {
                let (p, o) = file_spec(spec, "#!file").map_err(err)?;
                sections.push((p, o, Content::File(Vec::new()), Vec::new()));
                in_header = false;
                continue;
            }
            if let Some(spec) = t.strip_prefix("#!dir ") {
                let (p, o) = file_spec(spec, "#!dir").map_err(err)?;
                sections.push((p, o, Content::Dir, Vec::new()));
                in_header = false;
                continue;
            }
            if let Some(spec) = t.strip_prefix("#!link ") {
                let (p, rest) = spec
                    .trim()
                    .split_once(' ')
                    .ok_or_else(|| err(format!("#!link: not PATH TARGET: {spec}")))?;
                let (to, o) = file_spec(rest, "#!link").map_err(err)?;
                let (p, _) = file_spec(p, "#!link").map_err(err)?;
                sections.push((p, o, Content::Link(to), Vec::new()));
                in_header = false;
                continue;
            }
            if let Some((_, _, what, content)) = sections.last_mut() {
                if *what != Content::File(Vec::new()) {
                    if !t.trim().is_empty() {
                        return Err(err(format!("text after #!dir or #!link: {t}")));
                    }
                } else {
                    content.extend_from_slice(line);
                }
                continue;
            }
            lead.extend_from_slice(line);
            if in_header && !t.starts_with('#') {
                in_header = false;
            }
            if in_header {
                let Some(d) = t.strip_prefix("#! ") else {
                    continue;
                };
                let (key, value) = d
                    .split_once(':')
                    .ok_or_else(|| err(format!("directive without ':': {t}")))?;
                let value = value.trim();
                match key.trim() {
                    "args" => case.args.extend(split_words(value).map_err(err)?),
                    "env" => {
                        let (k, v) = value
                            .split_once('=')
                            .ok_or_else(|| err(format!("env: not NAME=VALUE: {value}")))?;
                        case.env.push((k.to_string(), v.to_string()));
                    }
                    "makefile" if value == "none" => makefile = None,
                    "makefile" => makefile = Some(file_spec(value, "makefile").map_err(err)?),
                    "stdin" => case.stdin = Some(value.to_string()),
                    "timeout" => {
                        let n: u64 = value
                            .parse()
                            .map_err(|_| err(format!("timeout: not a number: {value}")))?;
                        case.timeout = Duration::from_secs(n);
                    }
                    other => return Err(err(format!("unknown directive {other}"))),
                }
            } else if t.starts_with("#! ") {
                return Err(err(format!("directive after the header: {t}")));
            }
        }
        match makefile {
            Some((p, o)) => sections.insert(0, (p, o, Content::File(Vec::new()), lead)),
            None => {
                let only_header = String::from_utf8_lossy(&lead)
                    .lines()
                    .all(|l| l.starts_with('#') || l.trim().is_empty());
                if !only_header {
                    return Err(err("makefile: none, but the case has a makefile".into()));
                }
            }
        }
        for (path, o, what, mut content) in sections {
            if case.files.iter().any(|f| f.path == path) {
                return Err(err(format!("{path} prepared twice")));
            }
            if o.noeol && content.last() == Some(&b'\n') {
                content.pop();
            }
            case.files.push(Prepared {
                path,
                content: match what {
                    Content::File(_) => Content::File(content),
                    other => other,
                },
                mtime: o.mtime,
                exec: o.exec,
            });
        }
        if let Some(s) = &case.stdin {
            if !case
                .files
                .iter()
                .any(|f| &f.path == s && matches!(f.content, Content::File(_)))
            {
                return Err(err(format!("stdin: {s} is not a file of the case")));
            }
        }
        Ok(case)
    }

    /// The recording's path.
    pub fn expected_path(&self) -> PathBuf {
        self.path.with_extension(EXPECTED_EXT)
    }

    /// The recorded result, `None` when there is none yet.
    pub fn expected(&self) -> io::Result<Option<String>> {
        match fs::read_to_string(self.expected_path()) {
            Ok(s) => Ok(Some(s)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes the recording.
    pub fn write_expected(&self, text: &str) -> io::Result<()> {
        fs::write(self.expected_path(), text)
    }

    /// Runs `make` (GNU make or kmake, see `flavor`) on the case in a fresh
    /// temporary tree; returns the rendered, normalised result.
    pub fn run(&self, make: &Path, flavor: Flavor) -> io::Result<String> {
        let tmp = TempRoot::new()?;
        let root = tmp.path.clone();
        let (bin, work) = (root.join("bin"), root.join("work"));
        fs::create_dir(&bin)?;
        fs::create_dir(&work)?;
        let make = fs::canonicalize(make)?;
        std::os::unix::fs::symlink(&make, bin.join("make"))?;
        let before = self.prepare(&work)?;

        let stdin = match &self.stdin {
            Some(p) => Stdio::from(fs::File::open(work.join(p))?),
            None => Stdio::null(),
        };
        let (out_path, err_path) = (root.join("stdout"), root.join("stderr"));
        let mut cmd = Command::new(bin.join("make"));
        cmd.arg0("make")
            .args(&self.args)
            .current_dir(&work)
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("LC_ALL", "C")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(stdin)
            .stdout(fs::File::create(&out_path)?)
            .stderr(fs::File::create(&err_path)?)
            .process_group(0);
        default_signals(&mut cmd);
        let mut child = cmd.spawn()?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        let status = loop {
            if let Some(st) = child.try_wait()? {
                break Status::Exited(exit_code(st));
            }
            if start.elapsed() > self.timeout {
                kill_group(child.id());
                let _ = child.wait();
                break Status::TimedOut;
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        };
        let stdout = fs::read(&out_path)?;
        let stderr = fs::read(&err_path)?;
        let changes = changes(&work, &before)?;
        let norm = |data: &[u8]| normalise(data, &root, flavor);
        let mut out = String::new();
        match status {
            Status::Exited(code) => {
                let _ = writeln!(out, "status: {code}");
            }
            Status::TimedOut => {
                let _ = writeln!(out, "status: timed out after {}s", self.timeout.as_secs());
            }
        }
        section(&mut out, "stdout", &norm(&stdout));
        section(&mut out, "stderr", &norm(&stderr));
        for (path, change) in changes {
            let path = String::from_utf8_lossy(&norm(path.as_bytes())).into_owned();
            match change {
                Change::File(data) => section(&mut out, &format!("file {path}"), &norm(&data)),
                Change::Touched => section(&mut out, &format!("touched {path}"), b""),
                Change::Removed => section(&mut out, &format!("removed {path}"), b""),
                Change::Dir => section(&mut out, &format!("dir {path}/"), b""),
                Change::RemovedDir => section(&mut out, &format!("removed {path}/"), b""),
                Change::Link(to) => {
                    let to = String::from_utf8_lossy(&norm(to.as_bytes())).into_owned();
                    section(&mut out, &format!("link {path} -> {to}"), b"");
                }
            }
        }
        Ok(out)
    }

    /// Writes the case's files into `work` and returns the tree's state.
    fn prepare(&self, work: &Path) -> io::Result<BTreeMap<String, Entry>> {
        let mut dirs = Vec::new();
        for f in &self.files {
            let p = work.join(&f.path);
            if let Some(parent) = p.parent() {
                fs::create_dir_all(parent)?;
            }
            match &f.content {
                Content::File(data) => fs::write(&p, data)?,
                Content::Dir => fs::create_dir_all(&p)?,
                Content::Link(to) => std::os::unix::fs::symlink(to, &p)?,
            }
            if f.exec {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(&p, fs::Permissions::from_mode(0o755))?;
            }
        }
        // Times last: writing a file changes its directory's time.
        for f in &self.files {
            let t = UNIX_EPOCH + Duration::from_secs(BASE_MTIME.saturating_add_signed(f.mtime));
            let p = work.join(&f.path);
            match &f.content {
                Content::File(_) => fs::File::options().write(true).open(&p)?.set_modified(t)?,
                Content::Dir => dirs.push((p, t)),
                Content::Link(_) => set_link_time(&p, t)?,
            }
        }
        let base = UNIX_EPOCH + Duration::from_secs(BASE_MTIME);
        for (rel, entry) in scan(work)? {
            let p = work.join(&rel);
            if entry == Entry::Dir && !dirs.iter().any(|(d, _)| d == &p) {
                dirs.push((p, base));
            }
        }
        dirs.push((work.to_path_buf(), base));
        // Deepest first, so that setting a parent's time is the last word.
        dirs.sort_by_key(|(p, _)| std::cmp::Reverse(p.components().count()));
        for (p, t) in dirs {
            fs::File::open(&p)?.set_modified(t)?;
        }
        scan(work)
    }
}

/// Sets a symbolic link's own modification time (std has no `lutimes`).
fn set_link_time(p: &Path, t: SystemTime) -> io::Result<()> {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let st = Command::new("touch")
        .args(["-h", "-m", "-d", &format!("@{secs}")])
        .arg(p)
        .status()?;
    if !st.success() {
        return Err(io::Error::other(format!("touch -h {} failed", p.display())));
    }
    Ok(())
}

enum Status {
    Exited(i32),
    TimedOut,
}

fn exit_code(st: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    st.code().unwrap_or_else(|| 128 + st.signal().unwrap_or(0))
}

/// Gives the child the default action for the signals make handles: a
/// harness started in the background inherits SIGINT and SIGQUIT ignored,
/// and make keeps ignored signals ignored, which would change the cases that
/// interrupt make.
fn default_signals(cmd: &mut Command) {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    // SIGHUP, SIGINT, SIGQUIT, SIGTERM (the same numbers on every Linux).
    const SIGNALS: [i32; 4] = [1, 2, 3, 15];
    // SAFETY: between fork and exec the closure only calls signal() with
    // SIG_DFL (0), which is async-signal-safe (a sigaction call) and touches
    // no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            for sig in SIGNALS {
                signal(sig, 0);
            }
            Ok(())
        });
    }
}

/// Kills a process group (the run and everything it started).
fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// A temporary folder, removed on drop.
struct TempRoot {
    path: PathBuf,
}

impl TempRoot {
    fn new() -> io::Result<TempRoot> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let base = fs::canonicalize(std::env::temp_dir())?;
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let p = base.join(format!("make-case-{}-{n}", std::process::id()));
            match fs::create_dir(&p) {
                Ok(()) => return Ok(TempRoot { path: p }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempRoot {
    fn drop(&mut self) {
        // A recipe may have left a read-only folder behind.
        let _ = Command::new("chmod")
            .args(["-R", "u+rwx"])
            .arg(&self.path)
            .stderr(Stdio::null())
            .status();
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// One path of the work tree.
#[derive(Debug, PartialEq)]
enum Entry {
    File(Vec<u8>, SystemTime),
    Dir,
    Link(String),
}

/// What a run did to one path.
enum Change {
    File(Vec<u8>),
    Touched,
    Removed,
    Dir,
    RemovedDir,
    Link(String),
}

/// Every path under `root`, relative, sorted.
fn scan(root: &Path) -> io::Result<BTreeMap<String, Entry>> {
    let mut m = BTreeMap::new();
    scan_into(root, "", &mut m)?;
    Ok(m)
}

fn scan_into(dir: &Path, prefix: &str, m: &mut BTreeMap<String, Entry>) -> io::Result<()> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        // An unreadable folder a recipe made: its name is all we can report.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => return Ok(()),
        Err(e) => return Err(e),
    };
    for e in rd {
        let e = e?;
        let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
        let ft = e.file_type()?;
        if ft.is_symlink() {
            let to = fs::read_link(e.path())?;
            m.insert(rel, Entry::Link(to.to_string_lossy().into_owned()));
        } else if ft.is_dir() {
            m.insert(rel.clone(), Entry::Dir);
            scan_into(&e.path(), &format!("{rel}/"), m)?;
        } else {
            let data = fs::read(e.path()).unwrap_or_else(|_| b"<unreadable>".to_vec());
            let t = e.metadata()?.modified()?;
            m.insert(rel, Entry::File(data, t));
        }
    }
    Ok(())
}

/// The paths a run created, changed, touched or removed, sorted.
fn changes(work: &Path, before: &BTreeMap<String, Entry>) -> io::Result<Vec<(String, Change)>> {
    let after = scan(work)?;
    let mut out = Vec::new();
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let change = match (before.get(k), after.get(k)) {
            (Some(b), Some(a)) if a == b => continue,
            (Some(Entry::File(old, _)), Some(Entry::File(new, _))) if old == new => Change::Touched,
            (_, Some(Entry::File(new, _))) => Change::File(new.clone()),
            (_, Some(Entry::Link(to))) => Change::Link(to.clone()),
            (Some(Entry::Dir), Some(Entry::Dir)) => continue,
            (_, Some(Entry::Dir)) => Change::Dir,
            (Some(Entry::Dir), None) => Change::RemovedDir,
            (Some(_), None) => Change::Removed,
            (None, None) => continue,
        };
        out.push((k.clone(), change));
    }
    Ok(out)
}

/// Appends `==> title <==` and `data`: lines that could be read as a section
/// title or a marker get a leading `\`, and a missing final newline is shown
/// as `\ No newline at end of file`, so that different results always render
/// differently.
fn section(out: &mut String, title: &str, data: &[u8]) {
    let _ = writeln!(out, "==> {title} <==");
    let text = escape_bytes(data);
    for line in text.split_inclusive('\n') {
        if line.starts_with("==> ") || line.starts_with('\\') {
            out.push('\\');
        }
        out.push_str(line);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// Text with bytes that are not UTF-8 shown as `\xNN`.
fn escape_bytes(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len());
    for chunk in data.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

/// Output made comparable: the temporary root becomes `$TMP`, jobserver fifo
/// names lose their process id, and kmake's name becomes `make`.
pub fn normalise(data: &[u8], root: &Path, flavor: Flavor) -> Vec<u8> {
    let mut out = replace_bytes(data, root.to_string_lossy().as_bytes(), TMP.as_bytes());
    out = normalise_fifo(&out);
    if flavor == Flavor::Kmake {
        out = replace_bytes(&out, b"kmake", b"make");
    }
    out
}

/// `GMfifo12345` (the jobserver's named pipe) becomes `GMfifoPID`.
fn normalise_fifo(data: &[u8]) -> Vec<u8> {
    const MARK: &[u8] = b"GMfifo";
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(MARK) {
            out.extend_from_slice(MARK);
            i += MARK.len();
            let digits = data[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 {
                out.extend_from_slice(b"PID");
                i += digits;
            }
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

fn replace_bytes(data: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    if from.is_empty() {
        return data.to_vec();
    }
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}

/// Splits `args:` text into words: blanks separate, `'...'` and `"..."`
/// quote, a backslash outside single quotes escapes the next character.
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => cur.push(c),
                        None => return Err(format!("unterminated ' in: {s}")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$')) => cur.push(c),
                            Some(c) => {
                                cur.push('\\');
                                cur.push(c);
                            }
                            None => return Err(format!("unterminated \" in: {s}")),
                        },
                        Some(c) => cur.push(c),
                        None => return Err(format!("unterminated \" in: {s}")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(c) => cur.push(c),
                    None => return Err(format!("trailing \\ in: {s}")),
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    Ok(words)
}

/// Runs `f` on every item with up to `jobs` threads; results in input order.
pub fn run_parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

/// Threads to run cases on: `MAKE_CASES_JOBS`, else the number of CPUs.
pub fn default_jobs() -> usize {
    std::env::var("MAKE_CASES_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(
            split_words(r#"-f a.mk 'X=a b' "Y=\"q\"" Z=\ z"#).unwrap(),
            ["-f", "a.mk", "X=a b", "Y=\"q\"", "Z= z"]
        );
        assert_eq!(split_words("A= ''").unwrap(), ["A=", ""]);
    }

    #[test]
    fn sections_escape() {
        let mut s = String::new();
        section(&mut s, "stdout", b"==> x <==\n\\ y\nlast");
        assert_eq!(
            s,
            "==> stdout <==\n\\==> x <==\n\\\\ y\nlast\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn fifo() {
        assert_eq!(
            normalise_fifo(b"--jobserver-auth=fifo:/tmp/GMfifo4242 x"),
            b"--jobserver-auth=fifo:/tmp/GMfifoPID x"
        );
    }
}
