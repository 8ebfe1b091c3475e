//! Kconfig fixtures (`tests/kconfig/<name>/`): what one fixture asks for, how
//! its object tree is prepared, which files a `conf` run wrote, how outputs are
//! normalised, and how they compare with the committed `expected/` tree.
//!
//! Shared, as plain std code, by the in-process test (`tests/kconfig_fixtures.rs`
//! includes this file) and by `kconfig-fixtures-check`, which runs the C tool.
//!
//! A fixture directory holds:
//! - `Kconfig` and the files it sources (the directory is `srctree`);
//! - `cmd`: the `conf` arguments, e.g. `-s --oldconfig` or `--defconfig=d.in`
//!   (a last word without a leading `-` names the top Kconfig file);
//! - optional `env` (`KEY=VALUE` lines; `$SRCTREE` and `$OBJ` are replaced by
//!   the paths), `stdin`, `in.config` (copied to the object tree as `.config`)
//!   and `objdir/` (copied into the object tree as it is);
//! - optional `newer-than-6.12`: the expectations come from upstream kernel
//!   tests, not from the 6.12 C tool (see `tests/kconfig/README.md`);
//! - `expected/`: `status`, `stdout`, `stderr`, `stamps` (touched
//!   `include/config/` stamp files, one name a line), `removed` (input files
//!   that are gone afterwards) and `out/<path>` for every other file `conf`
//!   created or rewrote in the object tree.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Placeholder for the fixture directory (`srctree`) in expectations.
pub const SRCTREE: &str = "$SRCTREE";
/// Placeholder for the object tree in expectations.
pub const OBJ: &str = "$OBJ";
/// Marker file of fixtures whose expectations come from newer upstream tests.
pub const NEWER_MARKER: &str = "newer-than-6.12";

/// Modification time given to every input file placed in the object tree, so
/// that a file `conf` rewrites (or a stamp it touches) is told apart from one
/// it left alone.
fn input_mtime() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(946_684_800)
}

/// How a newer-than-6.12 fixture's expectations are checked.
#[derive(Debug, Default)]
pub struct Newer {
    /// Where the expectations come from (the marker file's first line).
    pub source: String,
    /// Expected files checked by containment (upstream `*_contains`), not
    /// equality.
    pub contains: Vec<String>,
}

/// One fixture directory.
#[derive(Debug)]
pub struct Fixture {
    pub name: String,
    pub dir: PathBuf,
    /// The `conf` arguments as written in `cmd`, plus the top Kconfig file.
    pub args: Vec<String>,
    pub silent: bool,
    /// The mode option, e.g. `--olddefconfig` or `--defconfig=file`.
    pub mode: String,
    /// The top Kconfig file name.
    pub kconfig: String,
    /// Raw `env` entries (placeholders not yet replaced).
    pub env: Vec<(String, String)>,
    pub stdin: Vec<u8>,
    pub newer: Option<Newer>,
}

/// What a `conf` run printed and returned.
#[derive(Debug, Default)]
pub struct Outcome {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// State of the object tree before the run: relative path to contents.
pub struct Snapshot {
    files: BTreeMap<String, Vec<u8>>,
}

/// The fixtures folder of the workspace (`tests/kconfig`).
pub fn fixtures_root(workspace: &Path) -> PathBuf {
    workspace.join("tests").join("kconfig")
}

/// Every fixture under `root`, sorted by name.
pub fn load_all(root: &Path) -> Result<Vec<Fixture>, String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .flatten()
        .filter(|e| e.path().join("cmd").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.iter().map(|n| load(&root.join(n))).collect()
}

/// Reads one fixture's `cmd`, `env`, `stdin` and marker files.
pub fn load(dir: &Path) -> Result<Fixture, String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let cmd = fs::read_to_string(dir.join("cmd")).map_err(|e| format!("{name}/cmd: {e}"))?;
    let mut args: Vec<String> = cmd.split_whitespace().map(str::to_string).collect();
    let mut silent = false;
    let mut mode = None;
    let mut kconfig = None;
    for a in &args {
        if a == "-s" {
            silent = true;
        } else if a.starts_with("--") {
            if mode.replace(a.clone()).is_some() {
                return Err(format!("{name}/cmd: more than one mode"));
            }
        } else if !a.starts_with('-') {
            kconfig = Some(a.clone());
        } else {
            return Err(format!("{name}/cmd: unsupported option {a}"));
        }
    }
    let mode = mode.ok_or_else(|| format!("{name}/cmd: no mode"))?;
    let kconfig = match kconfig {
        Some(k) => k,
        None => {
            args.push("Kconfig".to_string());
            "Kconfig".to_string()
        }
    };
    let mut env = Vec::new();
    if let Ok(text) = fs::read_to_string(dir.join("env")) {
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = line
                .split_once('=')
                .ok_or_else(|| format!("{name}/env: not KEY=VALUE: {line}"))?;
            env.push((k.to_string(), v.to_string()));
        }
    }
    let stdin = fs::read(dir.join("stdin")).unwrap_or_default();
    let newer = match fs::read_to_string(dir.join(NEWER_MARKER)) {
        Ok(text) => {
            let mut n = Newer::default();
            for line in text.lines() {
                if let Some(f) = line.strip_prefix("contains ") {
                    n.contains.push(f.trim().to_string());
                } else if n.source.is_empty() {
                    n.source = line.to_string();
                }
            }
            Some(n)
        }
        Err(_) => None,
    };
    Ok(Fixture {
        name,
        dir,
        args,
        silent,
        mode,
        kconfig,
        env,
        stdin,
        newer,
    })
}

impl Fixture {
    /// The complete environment `conf` sees: `PATH`, `srctree` and `env`.
    pub fn environment(&self, obj: &Path) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        m.insert(
            "PATH".to_string(),
            std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".to_string()),
        );
        m.insert(
            "srctree".to_string(),
            self.dir.to_string_lossy().into_owned(),
        );
        for (k, v) in &self.env {
            let v = v
                .replace(SRCTREE, &self.dir.to_string_lossy())
                .replace(OBJ, &obj.to_string_lossy());
            m.insert(k.clone(), v);
        }
        m
    }

    /// Fills the (empty) object tree with `objdir/` and `in.config`, and
    /// records its state.
    pub fn prepare(&self, obj: &Path) -> io::Result<Snapshot> {
        let seed = self.dir.join("objdir");
        if seed.is_dir() {
            copy_tree(&seed, obj)?;
        }
        let cfg = self.dir.join("in.config");
        if cfg.is_file() {
            fs::copy(&cfg, obj.join(".config"))?;
        }
        let mut files = BTreeMap::new();
        for rel in walk(obj)? {
            let p = obj.join(&rel);
            fs::File::options()
                .write(true)
                .open(&p)?
                .set_modified(input_mtime())?;
            files.insert(rel, fs::read(&p)?);
        }
        Ok(Snapshot { files })
    }

    /// The outcome and the files the run created, rewrote, touched or removed,
    /// normalised, keyed as in `expected/`.
    pub fn collect(
        &self,
        obj: &Path,
        before: &Snapshot,
        outcome: &Outcome,
    ) -> io::Result<BTreeMap<String, Vec<u8>>> {
        let norm = |b: &[u8]| normalise(b, &self.dir, obj);
        let mut m = BTreeMap::new();
        m.insert(
            "status".to_string(),
            format!("{}\n", outcome.status).into_bytes(),
        );
        m.insert("stdout".to_string(), norm(&outcome.stdout));
        m.insert("stderr".to_string(), norm(&outcome.stderr));
        let mut stamps = String::new();
        let after = walk(obj)?;
        for rel in &after {
            let p = obj.join(rel);
            let data = fs::read(&p)?;
            let modified = fs::metadata(&p)?.modified()?;
            if before.files.get(rel) == Some(&data) && modified == input_mtime() {
                continue;
            }
            let is_stamp = data.is_empty()
                && rel.starts_with("include/config/")
                && !rel["include/config/".len()..].starts_with("auto.conf");
            if is_stamp {
                stamps.push_str(&rel["include/config/".len()..]);
                stamps.push('\n');
            } else {
                m.insert(format!("out/{rel}"), norm(&data));
            }
        }
        if !stamps.is_empty() {
            m.insert("stamps".to_string(), stamps.into_bytes());
        }
        let removed: String = before
            .files
            .keys()
            .filter(|k| !after.contains(k))
            .map(|k| format!("{k}\n"))
            .collect();
        if !removed.is_empty() {
            m.insert("removed".to_string(), removed.into_bytes());
        }
        Ok(m)
    }

    /// The committed expectations.
    pub fn expected(&self) -> io::Result<BTreeMap<String, Vec<u8>>> {
        let root = self.dir.join("expected");
        let mut m = BTreeMap::new();
        for rel in walk(&root)? {
            m.insert(rel.clone(), fs::read(root.join(&rel))?);
        }
        Ok(m)
    }

    /// Replaces `expected/` with `actual`.
    pub fn write_expected(&self, actual: &BTreeMap<String, Vec<u8>>) -> io::Result<()> {
        let root = self.dir.join("expected");
        if root.exists() {
            fs::remove_dir_all(&root)?;
        }
        for (rel, data) in actual {
            let p = root.join(rel);
            if let Some(parent) = p.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(p, data)?;
        }
        Ok(())
    }

    /// `None` when `actual` meets the expectations, else a report with a
    /// unified diff of the first differing file.
    pub fn compare(
        &self,
        expected: &BTreeMap<String, Vec<u8>>,
        actual: &BTreeMap<String, Vec<u8>>,
    ) -> Option<String> {
        let mut keys: Vec<&String> = expected.keys().collect();
        if self.newer.is_none() {
            keys.extend(actual.keys().filter(|k| !expected.contains_key(*k)));
        }
        keys.sort();
        keys.dedup();
        for key in keys {
            let (e, a) = (expected.get(key), actual.get(key));
            let contains = self
                .newer
                .as_ref()
                .is_some_and(|n| n.contains.iter().any(|c| c == key));
            let ok = match (e, a) {
                (Some(e), Some(a)) if contains => find(a, e),
                (e, a) => e == a,
            };
            if ok {
                continue;
            }
            let empty = Vec::new();
            let what = match (e, a) {
                (None, _) => format!("{key}: not expected, but written"),
                (_, None) => format!("{key}: expected, but not written"),
                _ if contains => format!("{key}: expected text not contained in output"),
                _ => format!("{key} differs"),
            };
            let diff = unified_diff(
                &format!("expected/{key}"),
                &format!("actual/{key}"),
                e.unwrap_or(&empty),
                a.unwrap_or(&empty),
            );
            return Some(format!("{what}\n{diff}"));
        }
        None
    }
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Replaces the object-tree and fixture paths with `$OBJ` and `$SRCTREE`.
pub fn normalise(data: &[u8], srctree: &Path, obj: &Path) -> Vec<u8> {
    let mut pairs = [
        (srctree.to_string_lossy().into_owned(), SRCTREE),
        (obj.to_string_lossy().into_owned(), OBJ),
    ];
    // Longer first, in case one path contains the other.
    pairs.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut out = data.to_vec();
    for (from, to) in &pairs {
        out = replace_bytes(&out, from.as_bytes(), to.as_bytes());
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

/// Regular files under `root`, relative, sorted (`/`-separated).
fn walk(root: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    if root.is_dir() {
        walk_into(root, "", &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn walk_into(dir: &Path, prefix: &str, out: &mut Vec<String>) -> io::Result<()> {
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        let ft = e.file_type()?;
        if ft.is_dir() {
            walk_into(&e.path(), &format!("{rel}/"), out)?;
        } else if ft.is_file() {
            out.push(rel);
        }
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    for rel in walk(from)? {
        let dst = to.join(&rel);
        if let Some(parent) = dst.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from.join(&rel), dst)?;
    }
    Ok(())
}

/// A unified diff (3 lines of context) of two texts.
pub fn unified_diff(name_a: &str, name_b: &str, a: &[u8], b: &[u8]) -> String {
    let (ta, tb) = (escape_bytes(a), escape_bytes(b));
    let la: Vec<&str> = ta.split_inclusive('\n').collect();
    let lb: Vec<&str> = tb.split_inclusive('\n').collect();
    let ops = diff_ops(&la, &lb);
    let mut out = format!("--- {name_a}\n+++ {name_b}\n");
    // Group the edit script into hunks with 3 lines of context.
    let ctx = 3;
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(ctx);
        let mut end = changed[i] + ctx + 1;
        while i + 1 < changed.len() && changed[i + 1] <= end + ctx {
            i += 1;
            end = changed[i] + ctx + 1;
        }
        let end = end.min(ops.len());
        let (mut a0, mut b0) = (None, None);
        let (mut na, mut nb) = (0, 0);
        let mut body = String::new();
        for op in &ops[start..end] {
            match *op {
                Op::Same(x, y) => {
                    a0.get_or_insert(x);
                    b0.get_or_insert(y);
                    na += 1;
                    nb += 1;
                    push_line(&mut body, ' ', la[x]);
                }
                Op::Del(x, y) => {
                    a0.get_or_insert(x);
                    b0.get_or_insert(y);
                    na += 1;
                    push_line(&mut body, '-', la[x]);
                }
                Op::Ins(x, y) => {
                    a0.get_or_insert(x);
                    b0.get_or_insert(y);
                    nb += 1;
                    push_line(&mut body, '+', lb[y]);
                }
            }
        }
        let (a0, b0) = (a0.unwrap_or(0), b0.unwrap_or(0));
        let _ = writeln!(
            out,
            "@@ -{},{na} +{},{nb} @@",
            if na == 0 { a0 } else { a0 + 1 },
            if nb == 0 { b0 } else { b0 + 1 }
        );
        out.push_str(&body);
        i += 1;
    }
    out
}

/// Text with bytes that are not UTF-8 shown as `\xNN`, so that outputs that
/// differ only there still show a difference.
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

fn push_line(out: &mut String, tag: char, line: &str) {
    out.push(tag);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// One step of an edit script; the indices are the positions in `a` and `b`
/// at that step.
#[derive(Clone, Copy)]
enum Op {
    Same(usize, usize),
    Del(usize, usize),
    Ins(usize, usize),
}

/// An edit script from a longest common subsequence (the files are small).
fn diff_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > 4_000_000 {
        // Too big for the table: everything removed, then everything added.
        let mut ops: Vec<Op> = (0..n).map(|i| Op::Del(i, 0)).collect();
        ops.extend((0..m).map(|j| Op::Ins(n, j)));
        return ops;
    }
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            ops.push(Op::Ins(i, j));
            j += 1;
        } else {
            ops.push(Op::Del(i, j));
            i += 1;
        }
    }
    ops
}
