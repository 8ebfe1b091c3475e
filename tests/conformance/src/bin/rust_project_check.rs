//! rust-project-check: kmake's rust-project.json against the kernel's own
//! `scripts/generate_rust_analyzer.py` on Linux 6.12 with `CONFIG_RUST=y`.
//!
//! One objtree, configured by kmake: x86_64 `tinyconfig` plus `CONFIG_64BIT=y`
//! and `CONFIG_RUST=y`, with `RUSTC=` and `BINDGEN=` on every command line
//! (Debian's rustc-web and the bindgen-cli that scripts/setup-rust-kernel.sh
//! builds). Steps:
//!   1. `kmake rust-analyzer` on the configured, unbuilt tree, then GNU make's
//!      `make rust-analyzer` in the same tree: the two rust-project.json files
//!      are byte-identical (else JSON-equal, which is reported as such).
//!   2. An external module (`M=`, a Makefile with `obj-m += hello_rust.o`):
//!      `kmake M=<ext> rust-analyzer` against the same objtree, compared with
//!      the kernel's script run with the external tree as its last argument —
//!      the command GNU make prints for the in-tree goal (`make -n`), which is
//!      what kbuild runs for `M=` too (6.12's `make M=... rust-analyzer` itself
//!      stops before it; its exit is shown).
//!
//! Usage: rust-project-check [--tree DIR] [--kmake PATH] [--make PATH]
//!                           [--rustc PATH] [--bindgen PATH] [--keep]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::Result;
use kmake_conformance::kbuild::{configure_with, runners, Runner};
use kmake_conformance::kernel_make::{
    check_exit, run_limited, tail, Output, RunnerArgs, WorkDir, DEFAULT_TIMEOUT,
};
use kmake_conformance::report::Report;
use kmake_conformance::{cache_dir, kernel_tree};

const USAGE: &str = "usage: rust-project-check [--tree DIR] [--kmake PATH] [--make PATH] \
                     [--rustc PATH] [--bindgen PATH] [--keep]";

/// Merged into tinyconfig: what `CONFIG_RUST` needs on x86.
const FRAGMENT: &[&str] = &["CONFIG_64BIT=y", "CONFIG_RUST=y"];

/// The external module's files: a Rust crate root named in its Makefile
/// (the script reads `Makefile` next to each `.rs` file), and a `.rs` file
/// that is not one.
const EXT_FILES: &[(&str, &str)] = &[
    ("Makefile", "obj-m += hello_rust.o\n"),
    (
        "hello_rust.rs",
        "// SPDX-License-Identifier: GPL-2.0\n//! rust-project-check's external module.\n\
         use kernel::prelude::*;\n",
    ),
    (
        "helper.rs",
        "// Not a crate root: no helper.o in the Makefile.\n",
    ),
];

fn main() -> ExitCode {
    check_exit("rust-project-check", real_main())
}

fn real_main() -> Result<bool> {
    let Some(args) = RunnerArgs::parse(USAGE, &["--rustc", "--bindgen"])? else {
        return Ok(true);
    };
    let reference = kernel_tree(args.tree.as_deref())?;
    let (kmake, make) = runners(&args, DEFAULT_TIMEOUT)?;
    let rustc = args
        .value("--rustc")
        .unwrap_or_else(|| "/usr/bin/rustc".into());
    let bindgen = args.value("--bindgen").unwrap_or_else(|| {
        cache_dir()
            .join("bindgen-0.73.2/bin/bindgen")
            .display()
            .to_string()
    });
    let vars = [format!("RUSTC={rustc}"), format!("BINDGEN={bindgen}")];
    let vars: Vec<&str> = vars.iter().map(String::as_str).collect();
    let work = WorkDir::new("rust-project-check", args.keep)?;
    let obj = work.path.join("obj");
    println!("reference tree: {}", reference.display());
    println!("make:  {} (run as `make`)", make.path.display());
    println!("kmake: {}", kmake.path.display());
    println!("objtree: {} ({})", obj.display(), vars.join(" "));

    let mut rep = Report::default();
    rep.begin(
        "config",
        "tinyconfig + CONFIG_64BIT=y CONFIG_RUST=y, by kmake",
    );
    match configure_with(&kmake, &reference, &obj, FRAGMENT, &vars) {
        Ok(t) => rep.pass(
            "CONFIG_RUST=y configured",
            &format!("{:.1} s", t.as_secs_f64()),
        ),
        Err(e) => {
            rep.fail(
                "CONFIG_RUST=y configured",
                &format!(
                    "{e:#}\n(rustc, rust-src, bindgen and libclang must pass \
                     scripts/rust_is_available.sh: run scripts/setup-rust-kernel.sh)"
                ),
            );
            rep.end("config", String::new());
            return Ok(false);
        }
    }
    rep.end("config", String::new());

    let in_tree = in_tree(&mut rep, &kmake, &make, &reference, &obj, &vars)?;
    rep.end("in-tree", in_tree);
    let ext = work.path.join("ext");
    let external = external(&mut rep, &kmake, &make, &reference, &obj, &ext, &vars)?;
    rep.end("external", external);

    Ok(rep.summary("rust-project-check", "summary"))
}

/// Step 1: kmake first (an unbuilt tree), then GNU make, same objtree.
fn in_tree(
    rep: &mut Report,
    kmake: &Runner,
    make: &Runner,
    src: &Path,
    obj: &Path,
    vars: &[&str],
) -> Result<String> {
    rep.begin(
        "in-tree",
        "`rust-analyzer` in the objtree: kmake, then make",
    );
    let json = obj.join("rust-project.json");
    let goal = [vars, &["rust-analyzer"]].concat();
    let rk = kmake.run(src, obj, &goal)?.0;
    let ours = take_file(&json);
    let rm = make.run(src, obj, &goal)?.0;
    let theirs = take_file(&json);
    let figures = format!(
        "make {:.2} s, kmake {:.2} s",
        rm.elapsed.as_secs_f64(),
        rk.elapsed.as_secs_f64()
    );
    for (label, r, file) in [("kmake", &rk, &ours), ("make", &rm, &theirs)] {
        rep.check(
            r.status == 0 && file.is_some(),
            &format!("{label} rust-analyzer writes rust-project.json"),
            &run_detail(r),
        );
    }
    if let (Some(a), Some(b)) = (&theirs, &ours) {
        compare(rep, "the same rust-project.json", a, b);
    }
    Ok(figures)
}

/// Step 2: `M=` against the objtree, against the script with the external
/// tree as its last argument.
fn external(
    rep: &mut Report,
    kmake: &Runner,
    make: &Runner,
    src: &Path,
    obj: &Path,
    ext: &Path,
    vars: &[&str],
) -> Result<String> {
    rep.begin(
        "external",
        "`M=<ext> rust-analyzer`: kmake vs generate_rust_analyzer.py with the external tree",
    );
    std::fs::create_dir_all(ext)?;
    for (name, text) in EXT_FILES {
        std::fs::write(ext.join(name), text)?;
    }
    let json = ext.join("rust-project.json");
    let m = format!("M={}", ext.display());
    let goal = [vars, &[m.as_str(), "rust-analyzer"]].concat();
    let rk = kmake.run(src, obj, &goal)?.0;
    let ours = take_file(&json);
    rep.check(
        rk.status == 0 && ours.is_some(),
        "kmake M=<ext> rust-analyzer writes <ext>/rust-project.json",
        &run_detail(&rk),
    );
    let rm = make.run(src, obj, &goal)?.0;
    let _ = take_file(&json);
    rep.info(
        "GNU make M=<ext> rust-analyzer (6.12)",
        &format!(
            "exit {}; stderr ends with:\n{}",
            rm.status,
            tail(&rm.stderr, 3)
        ),
    );

    // The command kbuild runs for the in-tree goal, with the external tree
    // appended and the output redirected there.
    let (dry, what) = make.run(src, obj, &["-n", vars[0], vars[1], "rust-analyzer"])?;
    // The recipe continues its lines with backslash-newline.
    let joined = dry.stdout.replace("\\\n", " ");
    let Some(line) = joined
        .lines()
        .find(|l| l.contains("generate_rust_analyzer.py"))
    else {
        rep.fail(
            "the script's command from make -n",
            &format!("no generate_rust_analyzer.py line in `{what}`"),
        );
        return Ok(String::new());
    };
    let Some(cut) = line.rfind(" > ") else {
        rep.fail("the script's command from make -n", line);
        return Ok(String::new());
    };
    let script = format!("{} {} > {}", &line[..cut], ext.display(), json.display());
    let mut c = Command::new("/bin/sh");
    c.arg("-c").arg(&script).current_dir(obj);
    let rs = run_limited(&mut c, Output::Capture, Duration::from_secs(120))?;
    let theirs = take_file(&json);
    rep.check(
        rs.status == 0 && theirs.is_some(),
        "the kernel's script with the external tree",
        &format!("{script}\nexit {}{}", rs.status, tail(&rs.stderr, 5)),
    );
    if let (Some(a), Some(b)) = (&theirs, &ours) {
        compare(rep, "the same rust-project.json for M=", a, b);
    }
    Ok(format!("kmake {:.2} s", rk.elapsed.as_secs_f64()))
}

/// Exit and time of a run, and the end of its stderr when it failed.
fn run_detail(r: &kmake_conformance::Run) -> String {
    let mut s = format!("exit {}, {:.2} s", r.status, r.elapsed.as_secs_f64());
    if r.status != 0 {
        s.push_str(&format!("; stderr ends with:\n{}", tail(&r.stderr, 8)));
    }
    s
}

/// The file's text, removing the file (so the next writer is seen).
fn take_file(p: &PathBuf) -> Option<String> {
    let t = std::fs::read_to_string(p).ok()?;
    let _ = std::fs::remove_file(p);
    Some(t)
}

/// Byte-identical passes; JSON-equal passes with a note; otherwise the first
/// crate that differs is shown.
fn compare(rep: &mut Report, what: &str, theirs: &str, ours: &str) {
    if theirs == ours {
        let crates = crates(theirs).map_or(0, |c| c.len());
        rep.pass(
            what,
            &format!("byte-identical, {} bytes, {crates} crates", ours.len()),
        );
        return;
    }
    let (a, b) = match (
        serde_json::from_str::<serde_json::Value>(theirs),
        serde_json::from_str::<serde_json::Value>(ours),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (_, Err(e)) => return rep.fail(what, &format!("kmake's file is not JSON: {e}")),
        (Err(e), _) => return rep.fail(what, &format!("the script's file is not JSON: {e}")),
    };
    if a == b {
        rep.pass(what, "JSON-equal (not byte-identical)");
        return;
    }
    let detail = first_crate_difference(&a, &b).unwrap_or_else(|| "outside `crates`".into());
    rep.fail(what, &detail);
}

fn crates(text: &str) -> Option<Vec<serde_json::Value>> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v.get("crates")?.as_array().cloned()
}

/// The first crate (by position) that differs, both versions shown.
fn first_crate_difference(a: &serde_json::Value, b: &serde_json::Value) -> Option<String> {
    let (ca, cb) = (a.get("crates")?.as_array()?, b.get("crates")?.as_array()?);
    if ca.len() != cb.len() {
        return Some(format!("make: {} crates, kmake: {}", ca.len(), cb.len()));
    }
    let (i, (x, y)) = ca.iter().zip(cb).enumerate().find(|(_, (x, y))| x != y)?;
    Some(format!("crate {i}:\nmake:  {x}\nkmake: {y}"))
}
