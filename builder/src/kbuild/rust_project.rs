//! `rust-project.json` for rust-analyzer, written natively: kbuild's
//! `rust-analyzer` goal evaluates as make does (the checks it runs first, and
//! `rust/Makefile`'s arguments: core's cfgs and edition, the real source and
//! object trees, the sysroot and its library sources, `M=`), and the command
//! that would start `scripts/generate_rust_analyzer.py` is done here instead,
//! giving the same crates in the same order, the same JSON text.
//!
//! With `M=`, Linux 6.12's own goal fails (`rust/Makefile` is looked for in
//! the module's directory), so kmake makes the goal for the kernel tree and
//! adds the module's directory as the generator's external tree, writing
//! `<M>/rust-project.json`: what the script gives for that tree.
//!
//! The crates: the sysroot's `core`, `alloc`, `std`, `proc_macro`; the
//! kernel's `compiler_builtins`, `macros` (a procedural macro built as
//! `<objtree>/rust/libmacros.so`), `build_error`, `ffi`, then `bindings`,
//! `uapi` and `kernel` with the configuration's cfgs (from
//! `include/generated/rustc_cfg`) and generated sources; the host programs of
//! `scripts/` that `scripts/Makefile` names `<name>-rust`; every `.rs` file in
//! `samples/` and `drivers/` (or the external module's tree) whose directory's
//! `Makefile` or `Kbuild` mentions `<name>.o`.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::make::instance::{CommandHook, Output};

/// What `generate_rust_analyzer.py` is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Args {
    /// `--cfgs=crate=--cfg a --cfg b`, per crate.
    pub cfgs: Vec<(String, Vec<String>)>,
    pub core_edition: String,
    pub srctree: PathBuf,
    pub objtree: PathBuf,
    pub sysroot: PathBuf,
    pub sysroot_src: PathBuf,
    /// The external module's directory (`M=`).
    pub exttree: Option<PathBuf>,
}

/// A command line that starts the generator with its output redirected to a
/// file: the arguments and the file. Anything else (pipes, more commands,
/// expansions) is left to the shell.
pub fn parse_command(text: &str) -> Option<(Args, PathBuf)> {
    // Continuation lines (backslash-newline) are fine; a bare newline
    // starts another command.
    let joined = text.replace("\\\n", " ");
    if joined.contains(|c| "|&;`$<(){}\n".contains(c)) {
        return None;
    }
    let words = super::shellwords::split(&joined);
    let (program, rest) = words.split_first()?;
    if !program.ends_with("/generate_rust_analyzer.py") && program != "generate_rust_analyzer.py" {
        return None;
    }
    let mut cfgs = Vec::new();
    let mut positional = Vec::new();
    let mut out = None;
    let mut it = rest.iter();
    while let Some(w) = it.next() {
        if w == ">" {
            out = Some(PathBuf::from(it.next()?));
        } else if let Some(f) = w.strip_prefix('>') {
            out = Some(PathBuf::from(f));
        } else if let Some(c) = w.strip_prefix("--cfgs=") {
            let (krate, vals) = c.split_once('=')?;
            let vals = vals.replace("--cfg", "");
            cfgs.push((
                krate.to_string(),
                vals.split_whitespace().map(str::to_string).collect(),
            ));
        } else if w.starts_with('-') {
            return None; // --verbose, or an option this version does not know
        } else {
            positional.push(PathBuf::from(w));
        }
    }
    if !(5..=6).contains(&positional.len()) {
        return None;
    }
    let mut p = positional.into_iter().map(|x| pathlib(&x));
    let core_edition = p.next()?.to_string_lossy().into_owned();
    let args = Args {
        cfgs,
        core_edition,
        srctree: p.next()?,
        objtree: p.next()?,
        sysroot: p.next()?,
        sysroot_src: p.next()?,
        exttree: p.next(),
    };
    Some((args, out?))
}

/// A path as Python's `pathlib` spells it: no `.` components, repeated or
/// trailing slashes.
fn pathlib(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        if c != std::path::Component::CurDir {
            out.push(c);
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// The crate list under construction.
struct Crates {
    list: Vec<Value>,
    /// Last index of each display name (a later crate of the same name wins,
    /// as in the script).
    index: std::collections::HashMap<String, usize>,
}

/// One crate's description.
struct Crate<'a> {
    name: &'a str,
    root: PathBuf,
    deps: &'a [&'a str],
    cfg: Vec<String>,
    member: bool,
    proc_macro: bool,
    edition: &'a str,
}

impl Crates {
    fn add(&mut self, c: Crate) -> Result<&mut Map<String, Value>, String> {
        let mut deps = Vec::new();
        for d in c.deps {
            let i = self
                .index
                .get(*d)
                .ok_or_else(|| format!("crate {} depends on unknown crate {d}", c.name))?;
            deps.push(json!({"crate": i, "name": d}));
        }
        self.index.insert(c.name.to_string(), self.list.len());
        self.list.push(json!({
            "display_name": c.name,
            "root_module": c.root.to_string_lossy(),
            "is_workspace_member": c.member,
            "is_proc_macro": c.proc_macro,
            "deps": deps,
            "cfg": c.cfg,
            "edition": c.edition,
            "env": {"RUST_MODFILE": "This is only for rust-analyzer"},
        }));
        match self.list.last_mut() {
            Some(Value::Object(m)) => Ok(m),
            _ => Err("internal error".into()),
        }
    }

    fn kernel(&mut self, name: &str, root: PathBuf, deps: &[&str]) -> Result<(), String> {
        self.add(Crate {
            name,
            root,
            deps,
            cfg: Vec::new(),
            member: true,
            proc_macro: false,
            edition: "2021",
        })
        .map(|_| ())
    }
}

/// The `rust-project.json` value for `args`.
pub fn generate(args: &Args) -> Result<Value, String> {
    let cfg_file = args.objtree.join("include/generated/rustc_cfg");
    let text =
        std::fs::read_to_string(&cfg_file).map_err(|e| format!("{}: {e}", cfg_file.display()))?;
    let cfg: Vec<String> = text.lines().map(|l| l.replace("--cfg=", "")).collect();
    let crate_cfgs = |k: &str| {
        args.cfgs
            .iter()
            .rev()
            .find(|(c, _)| c == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut crates = Crates {
        list: Vec::new(),
        index: Default::default(),
    };
    for (name, deps) in [
        ("core", &[][..]),
        ("alloc", &["core"][..]),
        ("std", &["alloc", "core"][..]),
        ("proc_macro", &["core", "std"][..]),
    ] {
        crates.add(Crate {
            name,
            root: args.sysroot_src.join(name).join("src/lib.rs"),
            deps,
            cfg: if name == "core" {
                crate_cfgs("core")
            } else {
                Vec::new()
            },
            member: false,
            proc_macro: false,
            edition: &args.core_edition,
        })?;
    }
    let src = &args.srctree;
    let rust = src.join("rust");
    crates.kernel(
        "compiler_builtins",
        rust.join("compiler_builtins.rs"),
        &["core"],
    )?;
    crates
        .add(Crate {
            name: "macros",
            root: rust.join("macros/lib.rs"),
            deps: &["std", "proc_macro"],
            cfg: Vec::new(),
            member: true,
            proc_macro: true,
            edition: "2021",
        })?
        .insert(
            "proc_macro_dylib_path".into(),
            format!("{}/rust/libmacros.so", args.objtree.display()).into(),
        );
    crates.kernel(
        "build_error",
        rust.join("build_error.rs"),
        &["core", "compiler_builtins"],
    )?;
    crates.kernel("ffi", rust.join("ffi.rs"), &["core", "compiler_builtins"])?;
    let real_obj = std::fs::canonicalize(&args.objtree)
        .map_err(|e| format!("{}: {e}", args.objtree.display()))?;
    for (name, deps) in [
        ("bindings", &["core", "ffi"][..]),
        ("uapi", &["core", "ffi"][..]),
        (
            "kernel",
            &["core", "macros", "build_error", "ffi", "bindings", "uapi"][..],
        ),
    ] {
        let m = crates.add(Crate {
            name,
            root: rust.join(name).join("lib.rs"),
            deps,
            cfg: cfg.clone(),
            member: true,
            proc_macro: false,
            edition: "2021",
        })?;
        if let Some(Value::Object(env)) = m.get_mut("env") {
            env.insert("OBJTREE".into(), real_obj.to_string_lossy().into());
        }
        m.insert(
            "source".into(),
            json!({
                "include_dirs": [
                    rust.join(name).to_string_lossy(),
                    args.objtree.join("rust").to_string_lossy(),
                ],
                "exclude_dirs": [],
            }),
        );
    }
    let scripts = src.join("scripts");
    let makefile = std::fs::read_to_string(scripts.join("Makefile"))
        .map_err(|e| format!("{}: {e}", scripts.join("Makefile").display()))?;
    for path in dir_entries(&scripts) {
        if !path.to_string_lossy().ends_with(".rs") {
            continue;
        }
        let name = stem(&path);
        if makefile.contains(&format!("{name}-rust")) {
            crates.kernel(&name, path, &["std"])?;
        }
    }
    let roots = match &args.exttree {
        Some(ext) => vec![ext.clone()],
        None => vec![src.join("samples"), src.join("drivers")],
    };
    for root in roots {
        for path in rust_files(&root) {
            let name = stem(&path);
            let dir = path.parent().unwrap_or(Path::new("/"));
            let object = format!("{name}.o");
            let lists = |f: &str| {
                std::fs::read(dir.join(f))
                    .is_ok_and(|t| String::from_utf8_lossy(&t).contains(&object))
            };
            if lists("Makefile") || lists("Kbuild") {
                crates.add(Crate {
                    name: &name,
                    root: path.clone(),
                    deps: &["core", "kernel"],
                    cfg: cfg.clone(),
                    member: true,
                    proc_macro: false,
                    edition: "2021",
                })?;
            }
        }
    }
    Ok(json!({
        "crates": crates.list,
        "sysroot": args.sysroot.to_string_lossy(),
    }))
}

/// A path's name without its last extension.
fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The entries of a directory in the order the file system lists them.
fn dir_entries(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The `*.rs` entries under `root`: each directory's in listing order,
/// directories in pre-order, symbolic links to directories not followed.
fn rust_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut dirs = vec![root.to_path_buf()];
    // An explicit stack: a directory's children go on in reverse so the
    // first listed is visited first.
    while let Some(dir) = dirs.pop() {
        let entries = dir_entries(&dir);
        for p in &entries {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if name.ends_with(".rs") && seen.insert(p.clone()) {
                out.push(p.clone());
            }
        }
        let subdirs: Vec<PathBuf> = entries
            .into_iter()
            .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()))
            .collect();
        dirs.extend(subdirs.into_iter().rev());
    }
    out
}

/// JSON text as Python's `json.dump(..., sort_keys=True, indent=4)` writes
/// it (ASCII only, no final newline).
pub fn to_python_json(v: &Value) -> String {
    let mut s = String::new();
    write_value(v, 0, &mut s);
    s
}

fn write_value(v: &Value, depth: usize, s: &mut String) {
    let pad = |d: usize, s: &mut String| {
        s.push('\n');
        s.push_str(&" ".repeat(4 * d));
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            s.push('{');
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                pad(depth + 1, s);
                write_string(k, s);
                s.push_str(": ");
                write_value(&m[*k], depth + 1, s);
            }
            pad(depth, s);
            s.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            s.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                pad(depth + 1, s);
                write_value(x, depth + 1, s);
            }
            pad(depth, s);
            s.push(']');
        }
        Value::Object(_) => s.push_str("{}"),
        Value::Array(_) => s.push_str("[]"),
        Value::String(t) => write_string(t, s),
        other => s.push_str(&other.to_string()),
    }
}

fn write_string(t: &str, s: &mut String) {
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    s.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

/// The hook kmake installs: the generator's command runs here.
#[derive(Default)]
pub struct RustAnalyzerHook {
    /// An external module's directory (from `M=`) to add.
    pub exttree: Option<PathBuf>,
}

/// Splits `M=dir` off a command line that makes `rust-analyzer`: the other
/// arguments and the directory (absolute, relative ones against `base`).
pub fn split_external(args: &[Vec<u8>], base: &Path) -> Option<(Vec<Vec<u8>>, PathBuf)> {
    let goals = super::goal_indices(args);
    if !goals.iter().any(|&i| args[i] == b"rust-analyzer") {
        return None;
    }
    let is_ext = |a: &Vec<u8>| a.starts_with(b"M=") || a.starts_with(b"KBUILD_EXTMOD=");
    let m = args.iter().rposition(is_ext)?;
    let value = &args[m][args[m].iter().position(|&c| c == b'=')? + 1..];
    if value.is_empty() {
        return None;
    }
    use std::os::unix::ffi::OsStrExt;
    let dir = base.join(std::ffi::OsStr::from_bytes(value));
    let rest = args.iter().filter(|a| !is_ext(a)).cloned().collect();
    Some((rest, pathlib(&dir)))
}

impl CommandHook for RustAnalyzerHook {
    fn run(
        &self,
        text: &[u8],
        _env: &[(Vec<u8>, Vec<u8>)],
        cwd: &Path,
        output: &dyn Output,
    ) -> Option<i32> {
        let text = std::str::from_utf8(text).ok()?;
        let (mut args, mut out) = parse_command(text)?;
        if let Some(ext) = &self.exttree {
            args.exttree = Some(ext.clone());
            out = ext.join("rust-project.json");
        }
        let out = cwd.join(out);
        let result = generate(&args).and_then(|v| {
            let json = to_python_json(&v);
            super::write_atomically(&out, json.as_bytes())
                .map_err(|e| format!("{}: {e}", out.display()))
        });
        match result {
            Ok(()) => Some(0),
            Err(e) => {
                output.err(format!("kmake: rust-project.json: {e}\n").as_bytes());
                Some(1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_it_takes() {
        let (a, out) = parse_command(
            "/s/scripts/generate_rust_analyzer.py --cfgs='core=--cfg no_fp_fmt_parse' 2021 /s /o /sys /sys/lib/rustlib/src/rust/library > /o/rust-project.json",
        )
        .unwrap();
        assert_eq!(out, PathBuf::from("/o/rust-project.json"));
        assert_eq!(
            a.cfgs,
            vec![("core".into(), vec!["no_fp_fmt_parse".into()])]
        );
        assert_eq!(a.core_edition, "2021");
        assert_eq!(a.exttree, None);
        assert!(
            parse_command("/s/scripts/generate_rust_analyzer.py 2021 /s /o /x /y | tee f")
                .is_none()
        );
        assert!(parse_command("/s/scripts/other.py 2021 /s /o /x /y > f").is_none());
        let (a, out) = parse_command(
            "/s/scripts/generate_rust_analyzer.py \\\n\t--cfgs='core=--cfg x' 2024 \\\n\t/s /o \\\n\t/u /u/lib  > \\\n\t./rust-project.json",
        )
        .unwrap();
        assert_eq!(
            (a.core_edition.as_str(), out),
            ("2024", PathBuf::from("./rust-project.json"))
        );
        assert!(
            parse_command("/s/scripts/generate_rust_analyzer.py 2021 /s /o /x /y > f\necho")
                .is_none()
        );
        assert!(
            parse_command("/s/scripts/generate_rust_analyzer.py -v 2021 /s /o /x /y > f").is_none()
        );
    }

    #[test]
    fn python_json_text() {
        let v = json!({"b": [1, {"x": []}], "a": "é\"", "c": {}, "d": true});
        assert_eq!(
            to_python_json(&v),
            "{\n    \"a\": \"\\u00e9\\\"\",\n    \"b\": [\n        1,\n        {\n            \"x\": []\n        }\n    ],\n    \"c\": {},\n    \"d\": true\n}"
        );
    }

    #[test]
    fn crates_of_a_small_tree() {
        let d = tempfile::tempdir().unwrap();
        let s = d.path().join("src");
        let o = d.path().join("obj");
        let w = |p: &Path, t: &str| {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, t).unwrap();
        };
        w(
            &o.join("include/generated/rustc_cfg"),
            "--cfg=CONFIG_X\n--cfg=CONFIG_Y=\"y\"\n",
        );
        w(&s.join("scripts/Makefile"), "hostprogs += gen-rust\n");
        w(&s.join("scripts/gen.rs"), "");
        w(&s.join("scripts/other.rs"), "");
        w(
            &s.join("samples/rust/Makefile"),
            "obj-$(CONFIG_SAMPLE) += rust_minimal.o\n",
        );
        w(&s.join("samples/rust/rust_minimal.rs"), "");
        w(&s.join("samples/rust/helper.rs"), "");
        w(
            &s.join("drivers/net/phy/Kbuild"),
            "obj-y += ax88796b_rust.o\n",
        );
        w(&s.join("drivers/net/phy/ax88796b_rust.rs"), "");
        let args = Args {
            cfgs: vec![("core".into(), vec!["no_fp_fmt_parse".into()])],
            core_edition: "2021".into(),
            srctree: s.clone(),
            objtree: o.clone(),
            sysroot: "/sys".into(),
            sysroot_src: "/sys/src".into(),
            exttree: None,
        };
        let v = generate(&args).unwrap();
        let crates = v["crates"].as_array().unwrap();
        let names: Vec<&str> = crates
            .iter()
            .map(|c| c["display_name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "core",
                "alloc",
                "std",
                "proc_macro",
                "compiler_builtins",
                "macros",
                "build_error",
                "ffi",
                "bindings",
                "uapi",
                "kernel",
                "gen",
                "rust_minimal",
                "ax88796b_rust"
            ]
        );
        let kernel = &crates[10];
        assert_eq!(kernel["cfg"], json!(["CONFIG_X", "CONFIG_Y=\"y\""]));
        assert_eq!(kernel["deps"][5], json!({"crate": 9, "name": "uapi"}));
        assert_eq!(crates[0]["cfg"], json!(["no_fp_fmt_parse"]));
        assert_eq!(
            crates[5]["proc_macro_dylib_path"],
            json!(format!("{}/rust/libmacros.so", o.display()))
        );
        assert_eq!(
            crates[13]["deps"],
            json!([{"crate": 0, "name": "core"}, {"crate": 10, "name": "kernel"}])
        );
        let ext = Args {
            exttree: Some(s.join("samples")),
            ..args
        };
        let v = generate(&ext).unwrap();
        assert_eq!(v["crates"].as_array().unwrap().len(), 13);
    }
}
