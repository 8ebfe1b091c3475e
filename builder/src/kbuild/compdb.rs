//! `compile_commands.json` without building: kbuild's own goal
//! `compile_commands.json` is made in record mode, where every target counts
//! as out of date, sub-makes run in-process and no other recipe runs. The
//! recorder notes each object's compile command (`cmd_cc_o_c`, `cmd_as_o_S`
//! as kbuild would save it in the object's `.cmd` file), the members of each
//! archive and `modules.order`, and each module's parts. The database then
//! holds exactly the objects `scripts/clang-tools/gen_compile_commands.py`
//! finds after a build: the members of `vmlinux.a` and the libraries, and the
//! parts of the modules in `modules.order`.

use std::collections::BTreeMap;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::make::file::FileId;
use crate::make::instance::{Make, Recorder};

/// One database entry.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The object tree (absolute, symbolic links resolved).
    pub directory: PathBuf,
    /// The source file (absolute, resolved).
    pub file: PathBuf,
    /// The command as the kernel's script writes it.
    pub command: String,
}

#[derive(Default)]
struct State {
    /// Object (absolute) -> its entry.
    compiles: FxHashMap<PathBuf, Entry>,
    /// Target (absolute) -> its prerequisites (absolute), for archives and
    /// `modules.order`.
    members: FxHashMap<PathBuf, Vec<PathBuf>>,
    /// `X.mod` (absolute) -> the module's objects.
    mod_parts: FxHashMap<PathBuf, Vec<PathBuf>>,
    /// The `compile_commands.json` goal (absolute) and its prerequisites.
    roots: Option<(PathBuf, Vec<PathBuf>)>,
    problems: Vec<String>,
}

/// Collects what record mode shows (see the module documentation).
#[derive(Default)]
pub struct CompdbRecorder {
    state: Mutex<State>,
}

/// `a/./b/../c` as `a/c`, without touching the file system.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The `.cmd` line kbuild writes, read back as `gen_compile_commands.py`
/// reads it: `$` is doubled on the way (`make-cmd`), and the script takes the
/// text up to the last `<word>.c` or `<word>.S` followed by blanks and a `;`
/// or the end. Returns the command and the source path as written.
pub fn command_and_file(cmd: &str) -> Option<(String, String)> {
    let saved = cmd.replace('$', "$$");
    let b = saved.as_bytes();
    // Greedy `.* ` then greedy `[^ ]*\.[cS]`: the last possible split, then
    // the longest file name.
    for i in (0..b.len()).rev() {
        if b[i] != b' ' {
            continue;
        }
        let word_end = b[i + 1..]
            .iter()
            .position(|&c| c == b' ')
            .map_or(b.len(), |p| p + i + 1);
        for e in (i + 1..=word_end).rev() {
            if e < i + 3 || b[e - 2] != b'.' || !matches!(b[e - 1], b'c' | b'S') {
                continue;
            }
            let mut k = e;
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            if k == b.len() || b[k] == b';' {
                let prefix = saved[..i + 1].replace("\\#", "#").replace("$(pound)", "#");
                return Some((
                    format!("{prefix}{}", &saved[i + 1..e]),
                    saved[i + 1..e].to_string(),
                ));
            }
        }
    }
    None
}

impl Recorder for CompdbRecorder {
    fn submake(&self, _make: &Make, argv: &[Vec<u8>]) -> bool {
        !Self::is_tools_make(argv)
    }

    fn missing(&self, m: &Make, f: FileId) {
        let name = m.resolve_path(&m.files.get(f).name);
        self.problem(format!(
            "{}: no rule here and not built yet (assumed made earlier in a build)",
            name.display()
        ));
    }

    fn recipe(&self, m: &mut Make, f: FileId) {
        let name = m.files.get(f).name.clone();
        let target = lexical(&m.resolve_path(&name));
        let mut prereqs: Vec<PathBuf> = Vec::new();
        for d in &m.files.get(f).deps {
            if d.ignore_mtime {
                continue;
            }
            let Some(df) = d.file else { continue };
            let fi = m.files.get(df);
            if fi.phony || &*fi.name == b"FORCE" {
                continue;
            }
            prereqs.push(lexical(&m.resolve_path(&fi.name)));
        }
        let in_build = m.vars.global(b"MAKEFILE_LIST").is_some_and(|v| {
            crate::make::text::words(&v.value).any(|w| w.ends_with(b"scripts/Makefile.build"))
        });
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if name.ends_with(b"compile_commands.json") {
            // The wrapper make of an O= build has the goal too, with no
            // real prerequisites; the one in the object tree counts.
            let roots: Vec<PathBuf> = prereqs
                .iter()
                .filter(|p| p.extension().is_none_or(|x| x != "py"))
                .cloned()
                .collect();
            if !roots.is_empty() || st.roots.is_none() {
                st.roots = Some((target.clone(), roots));
            }
            return;
        }
        if name.ends_with(b".a") || name.ends_with(b"modules.order") {
            // Two makes may have a rule for one file: the top Makefile's
            // `modules.order: $(build-dir)` (no real prerequisites) comes
            // after the `obj=.` build's, which lists the directories.
            let members = st.members.entry(target.clone()).or_default();
            for p in &prereqs {
                if !members.contains(p) {
                    members.push(p.clone());
                }
            }
        }
        if !in_build {
            return;
        }
        drop(st);
        let first = prereqs
            .first()
            .map(|p| p.as_os_str().as_bytes().to_vec())
            .unwrap_or_default();
        if name.ends_with(b".o") && (first.ends_with(b".c") || first.ends_with(b".S")) {
            let var: &[u8] = if first.ends_with(b".c") {
                b"$(cmd_cc_o_c)"
            } else {
                b"$(cmd_as_o_S)"
            };
            match m.expand_for_file(var, Some(f)) {
                Ok(cmd) => {
                    let cmd = String::from_utf8_lossy(&cmd).into_owned();
                    let directory = std::fs::canonicalize(&m.cwd).unwrap_or_else(|_| m.cwd.clone());
                    match command_and_file(&cmd) {
                        Some((command, file)) => {
                            let joined = directory.join(&file);
                            // A generated source (in the object tree) does not
                            // exist before the build; it will after.
                            let file =
                                std::fs::canonicalize(&joined).unwrap_or_else(|_| lexical(&joined));
                            let e = Entry {
                                directory,
                                file,
                                command,
                            };
                            self.state
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .compiles
                                .insert(target, e);
                        }
                        None => self.problem(format!(
                            "{}: no source file in its command",
                            target.display()
                        )),
                    }
                }
                Err(e) => self.problem(format!(
                    "{}: {}",
                    target.display(),
                    String::from_utf8_lossy(&m.fatal_text(&e)).trim_end()
                )),
            }
        } else if name.ends_with(b".mod") {
            let parts = m.expand_for_file(b"$(call real-search, $*.o, .o, -objs -y -m)", Some(f));
            let obj = m.expand_for_file(b"$(obj)", Some(f)).unwrap_or_default();
            if let Ok(parts) = parts {
                let mut seen = FxHashSet::default();
                let mut list = Vec::new();
                for w in crate::make::text::words(&parts) {
                    if seen.insert(w.to_vec()) {
                        let mut rel = obj.clone();
                        rel.push(b'/');
                        rel.extend_from_slice(w);
                        list.push(lexical(&m.resolve_path(&rel)));
                    }
                }
                self.state
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .mod_parts
                    .insert(target, list);
            }
        }
    }
}

impl CompdbRecorder {
    /// The user-space tools (`tools/`) build no kernel objects.
    fn is_tools_make(argv: &[Vec<u8>]) -> bool {
        argv.iter().any(|a| {
            a.starts_with(b"subdir=tools") || a.ends_with(b"/tools/") || a.ends_with(b"/tools")
        })
    }

    fn problem(&self, p: String) {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .problems
            .push(p);
    }

    /// Things that did not fit (for `-d` style diagnostics).
    pub fn problems(&self) -> Vec<String> {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .problems
            .clone()
    }

    /// The entries for the objects `gen_compile_commands.py` would find,
    /// sorted by file as it sorts them; `None` if the goal was never
    /// reached.
    pub fn entries(&self) -> Option<Vec<Entry>> {
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (_, roots) = st.roots.clone()?;
        let mut objects: Vec<PathBuf> = Vec::new();
        let mut seen: FxHashSet<PathBuf> = FxHashSet::default();
        let mut stack: Vec<PathBuf> = roots.into_iter().rev().collect();
        while let Some(p) = stack.pop() {
            if !seen.insert(p.clone()) {
                continue;
            }
            let s = p.as_os_str().as_bytes();
            if s.ends_with(b".a") || s.ends_with(b"modules.order") {
                if let Some(ms) = st.members.get(&p) {
                    stack.extend(ms.iter().rev().cloned());
                }
            } else if s.ends_with(b".o") {
                objects.push(p);
            }
        }
        // Module objects listed in modules.order stand for their parts.
        let mut files: Vec<PathBuf> = Vec::new();
        for o in objects {
            let mut m = o.clone();
            m.set_extension("mod");
            match st.mod_parts.get(&m) {
                Some(parts) => files.extend(parts.iter().cloned()),
                None => files.push(o),
            }
        }
        let mut out: BTreeMap<(PathBuf, String), Entry> = BTreeMap::new();
        for o in files {
            if let Some(e) = st.compiles.get(&o) {
                out.insert((e.file.clone(), e.command.clone()), e.clone());
            }
        }
        let mut v: Vec<Entry> = out.into_values().collect();
        v.sort_by(|a, b| a.file.cmp(&b.file));
        Some(v)
    }
}

/// JSON text in the layout of the kernel's script (`indent=2`, keys sorted),
/// with `arguments` added (the command split as the shell would).
pub fn to_json(entries: &[Entry], with_arguments: bool) -> String {
    let mut out = String::from("[");
    for (i, e) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str("  {\n");
        if with_arguments {
            let args = super::shellwords::split(&e.command);
            out.push_str("    \"arguments\": [\n");
            for (j, a) in args.iter().enumerate() {
                out.push_str("      ");
                out.push_str(&json_string(a));
                out.push_str(if j + 1 < args.len() { ",\n" } else { "\n" });
            }
            out.push_str("    ],\n");
        }
        out.push_str(&format!("    \"command\": {},\n", json_string(&e.command)));
        out.push_str(&format!(
            "    \"directory\": {},\n",
            json_string(&e.directory.to_string_lossy())
        ));
        out.push_str(&format!(
            "    \"file\": {}\n",
            json_string(&e.file.to_string_lossy())
        ));
        out.push_str("  }");
    }
    out.push_str(if entries.is_empty() { "]" } else { "\n]" });
    out
}

/// A JSON string as Python's `json.dump` writes it (`ensure_ascii`).
fn json_string(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            '\u{8}' => o.push_str("\\b"),
            '\u{c}' => o.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    o.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Where the database goes (the goal's path), once the goal was reached.
impl CompdbRecorder {
    pub fn output_path(&self) -> Option<PathBuf> {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .roots
            .as_ref()
            .map(|(p, _)| p.clone())
    }
}

/// GCC options clangd does not know; dropped with `KMAKE_CLANGD=1`.
const GCC_ONLY: &[&str] = &[
    "-mno-fp-ret-in-387",
    "-mpreferred-stack-boundary=",
    "-mskip-rax-setup",
    "-mindirect-branch=",
    "-mindirect-branch-register",
    "-mfunction-return=",
    "-mrecord-mcount",
    "-fconserve-stack",
    "-fno-allow-store-data-races",
    "-fmin-function-alignment=",
    "--param=",
    "-fno-var-tracking-assignments",
    "-fno-ipa-sra",
    "-mharden-sls=",
    "-fzero-call-used-regs=",
    "-fsanitize=bounds-strict",
    "-mabi=lp64",
    "-fno-stack-clash-protection",
    "-mno-sse4a",
    "-fplugin=",
    "-fplugin-arg-",
    "-Wno-alloc-size-larger-than",
    "-Wimplicit-fallthrough=",
    "-Wno-maybe-uninitialized",
    "-Wno-format-overflow",
    "-Wno-format-truncation",
    "-Wno-stringop-overflow",
    "-Wno-stringop-truncation",
    "-Wno-dangling-pointer",
    "-Wno-packed-not-aligned",
    "-Wno-restrict",
    "-Wno-array-bounds",
    "-Wno-enum-int-mismatch",
    "-Wno-main",
    "-Wno-unused-but-set-variable",
    "-Wno-unused-const-variable",
    "-Wno-frame-address",
    "-Wno-override-init",
    "-fno-inline-functions-called-once",
    "-fstrict-flex-arrays=",
    "--param",
];

/// Whether an argument is one clangd rejects.
pub fn gcc_only(arg: &str) -> bool {
    GCC_ONLY.iter().any(|g| {
        if g.ends_with('=') {
            arg.starts_with(g)
        } else {
            arg == *g
        }
    })
}

/// Entries with the GCC-only options removed from the command.
pub fn for_clangd(entries: &[Entry]) -> Vec<Entry> {
    entries
        .iter()
        .map(|e| {
            let words: Vec<String> = super::shellwords::split(&e.command)
                .into_iter()
                .filter(|a| !gcc_only(a))
                .collect();
            Entry {
                command: words
                    .iter()
                    .map(|w| shell_quote(w))
                    .collect::<Vec<_>>()
                    .join(" "),
                ..e.clone()
            }
        })
        .collect()
}

/// A word quoted for the shell when needed.
fn shell_quote(w: &str) -> String {
    if !w.is_empty()
        && w.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-_=+/.,:@%".contains(&c))
    {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

/// `kmake ... compile_commands.json`: other goals are made first, then the
/// database is recorded and written. Returns the exit status.
pub fn run(
    argv0: Vec<u8>,
    args: Vec<Vec<u8>>,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: PathBuf,
    make_command: Option<Vec<u8>>,
) -> i32 {
    use std::sync::Arc;
    let goal_idx: Vec<usize> = super::goal_indices(&args);
    let is_db = |a: &[u8]| a == b"compile_commands.json" || a.ends_with(b"/compile_commands.json");
    let others: Vec<Vec<u8>> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !(goal_idx.contains(i) && is_db(a)))
        .map(|(_, a)| a.clone())
        .collect();
    if goal_idx.iter().any(|&i| !is_db(&args[i])) {
        let st = super::run_make(
            argv0.clone(),
            others.clone(),
            env.clone(),
            cwd.clone(),
            make_command.clone(),
        );
        if st != 0 {
            return st;
        }
    }
    let silent = args.iter().any(|a| {
        a.as_slice() == b"-s" || a.as_slice() == b"--silent" || a.as_slice() == b"--quiet"
    });
    let clangd = env
        .iter()
        .any(|(k, v)| k == b"KMAKE_CLANGD" && !v.is_empty() && v != b"0")
        || args.iter().any(|a| a.as_slice() == b"KMAKE_CLANGD=1");
    // The record run: only the database goal.
    let mut rec_args: Vec<Vec<u8>> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !goal_idx.contains(i) || is_db(a))
        .map(|(_, a)| a.clone())
        .collect();
    rec_args.retain(|a| a.as_slice() != b"-n");
    let recorder = Arc::new(CompdbRecorder::default());
    let st = super::run_make_to(
        Arc::new(crate::make::instance::StdOutput),
        super::Invocation {
            argv0,
            args: rec_args,
            env,
            cwd,
            make_command,
        },
        crate::make::instance::Hooks {
            recorder: Some(recorder.clone()),
            ..Default::default()
        },
    );
    let (Some(path), Some(entries)) = (recorder.output_path(), recorder.entries()) else {
        eprintln!("kmake: *** compile_commands.json: the build graph never reached it (exit status {st}).  Stop.");
        return if st != 0 { st } else { 2 };
    };
    let entries = if clangd {
        for_clangd(&entries)
    } else {
        entries
    };
    let json = to_json(&entries, true);
    if let Err(e) = super::write_atomically(&path, json.as_bytes()) {
        eprintln!("kmake: *** {}: {e}.  Stop.", path.display());
        return 2;
    }
    if !silent {
        println!(
            "  GEN     {} ({} entries, from evaluation)",
            path.display(),
            entries.len()
        );
    }
    if std::env::var_os("KMAKE_DEBUG_COMPDB").is_some() {
        for p in recorder.problems() {
            eprintln!("kmake: compile_commands.json: {p}");
        }
    }
    st
}

/// Computes the compile database of a configured object tree from
/// evaluation (the library form of `kmake O=... compile_commands.json`):
/// `srctree` is the kernel source, `objtree` the object tree (may be the
/// same), `vars` extra command-line assignments (`ARCH=x86_64`, `LLVM=1`),
/// `env` the environment. make's messages go to `out`. Nothing is written.
pub fn compute(
    srctree: &Path,
    objtree: &Path,
    vars: &[String],
    env: Vec<(Vec<u8>, Vec<u8>)>,
    out: std::sync::Arc<dyn crate::make::instance::Output>,
) -> Result<Vec<Entry>, String> {
    compute_with_stdio(srctree, objtree, vars, env, out, None)
}

/// `compute` with the standard output and error of any child process
/// (recipes run while makefiles are remade) sent to `stdio` rather than to
/// this process's own: a caller whose standard output is a protocol channel
/// (the language server) must not have it written to.
pub fn compute_with_stdio(
    srctree: &Path,
    objtree: &Path,
    vars: &[String],
    env: Vec<(Vec<u8>, Vec<u8>)>,
    out: std::sync::Arc<dyn crate::make::instance::Output>,
    stdio: Option<std::sync::Arc<crate::make::instance::ChildStdio>>,
) -> Result<Vec<Entry>, String> {
    let mut args: Vec<Vec<u8>> = vec![b"-s".to_vec()];
    if srctree != objtree {
        args.push(format!("O={}", objtree.display()).into_bytes());
    }
    args.extend(vars.iter().map(|v| v.as_bytes().to_vec()));
    // The database goal is never made: its recipe is only recorded.
    args.push(b"compile_commands.json".to_vec());
    let mut env = env;
    if let Some(dir) = crate::make::alias::alias_dir(&env) {
        crate::make::alias::prepend_path(&mut env, &dir);
    }
    let recorder = std::sync::Arc::new(CompdbRecorder::default());
    let inv = super::Invocation {
        argv0: b"kmake".to_vec(),
        args,
        env,
        cwd: srctree.to_path_buf(),
        make_command: Some(b"make".to_vec()),
    };
    let hooks = crate::make::instance::Hooks {
        recorder: Some(recorder.clone()),
        stdio,
        ..Default::default()
    };
    let st = super::run_make_to(out, inv, hooks);
    recorder.entries().ok_or_else(|| {
        format!("the kbuild graph did not reach compile_commands.json (make exit status {st})")
    })
}

/// Reads a `compile_commands.json` (kmake's or the kernel script's).
pub fn load(path: &Path) -> Result<Vec<Entry>, String> {
    let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_slice(&data).map_err(|e| format!("{}: {e}", path.display()))?;
    let arr = v
        .as_array()
        .ok_or_else(|| format!("{}: not a JSON array", path.display()))?;
    let mut out = Vec::with_capacity(arr.len());
    for e in arr {
        let get = |k: &str| e.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let (Some(directory), Some(file)) = (get("directory"), get("file")) else {
            continue;
        };
        let command = match (
            get("command"),
            e.get("arguments").and_then(|a| a.as_array()),
        ) {
            (Some(c), _) => c,
            (None, Some(args)) => args
                .iter()
                .filter_map(|a| a.as_str())
                .map(shell_quote)
                .collect::<Vec<_>>()
                .join(" "),
            _ => continue,
        };
        out.push(Entry {
            directory: PathBuf::from(directory),
            file: PathBuf::from(file),
            command,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_as_the_script_reads_them() {
        let (c, f) =
            command_and_file("gcc -Wp,-MMD -c -o init/main.o /s/init/main.c  ; objtool x").unwrap();
        assert_eq!(f, "/s/init/main.c");
        assert_eq!(c, "gcc -Wp,-MMD -c -o init/main.o /s/init/main.c");
        let (c, _) = command_and_file("gcc -DX='$(y)' -c a.S").unwrap();
        assert_eq!(c, "gcc -DX='$$(y)' -c a.S");
        assert!(command_and_file("ld -r -o x.o y.o").is_none());
        assert_eq!(json_string("a\"b\\é"), "\"a\\\"b\\\\\\u00e9\"");
    }
}
