//! compdb-check: kmake's compile_commands.json of an unbuilt tree against
//! the kernel's `gen_compile_commands.py` after a full GNU make build of the
//! same objtree — the long conformance run (x86_64_defconfig by default: most
//! of an hour on 2 cores), kept out of CI; CI does the same for tinyconfig
//! in kbuild-check.
//!
//! 1. `kmake O=<obj> ARCH=x86_64 <config>` (a `*defconfig`/`*config` target);
//! 2. `kmake compile_commands.json` on the configured, unbuilt tree, timed,
//!    and checked to have built no kernel object;
//! 3. `make -jN` (GNU make, run as `make`), timed, then `make
//!    compile_commands.json` (the kernel's script reading the `.cmd` files);
//! 4. the two databases compared: the same files, the same directory and
//!    command for each, kmake's `arguments` the words of its `command`.
//!
//! Usage: compdb-check [--tree DIR] [--kmake PATH] [--make PATH]
//!                     [--config TARGET] [--jobs N] [--keep]

use std::process::ExitCode;

use anyhow::Result;
use kmake_conformance::compdb_compare::compare_compdbs;
use kmake_conformance::kbuild::{list_some, runners};
use kmake_conformance::kernel_make::{check_exit, list_files, tail, RunnerArgs, WorkDir};
use kmake_conformance::kernel_tree;
use kmake_conformance::report::Report;

const USAGE: &str = "usage: compdb-check [--tree DIR] [--kmake PATH] [--make PATH] \
                     [--config TARGET] [--jobs N] [--keep]";

/// A defconfig build may take an hour or more on a small machine.
const BUILD_LIMIT: std::time::Duration = std::time::Duration::from_secs(4 * 3600);

fn main() -> ExitCode {
    check_exit("compdb-check", real_main())
}

fn real_main() -> Result<bool> {
    let Some(args) = RunnerArgs::parse(USAGE, &["--config", "--jobs"])? else {
        return Ok(true);
    };
    let config = args
        .value("--config")
        .unwrap_or_else(|| "x86_64_defconfig".into());
    let jobs = format!("-j{}", args.count("--jobs", 2)?);
    let reference = kernel_tree(args.tree.as_deref())?;
    let (kmake, make) = runners(&args, BUILD_LIMIT)?;
    let work = WorkDir::new("compdb-check", args.keep)?;
    let obj = work.path.join("obj");
    std::fs::create_dir_all(&obj)?;
    println!("reference tree: {}", reference.display());
    println!("make:  {} (run as `make`)", make.path.display());
    println!("kmake: {}", kmake.path.display());
    println!("objtree: {} ({config})", obj.display());
    let mut rep = Report::default();

    rep.begin("compdb", &format!("{config}: kmake unbuilt vs make built"));
    let cfg = kmake.run_ok(&reference, &obj, &[&config])?;
    println!("configured by kmake in {:.1} s", cfg.elapsed.as_secs_f64());
    let out = obj.join("compile_commands.json");
    let rk = kmake.run_ok(&reference, &obj, &["compile_commands.json"])?;
    let ours = work.path.join("kmake-compile_commands.json");
    std::fs::rename(&out, &ours)?;
    let built: Vec<String> = list_files(&obj)?
        .into_iter()
        .filter(|f| (f.ends_with(".o") || f == "vmlinux") && !f.starts_with("scripts/"))
        .filter(|f| !f.starts_with("tools/"))
        .collect();
    rep.check(
        built.is_empty(),
        "kmake wrote it without building the kernel",
        &format!(
            "{:.2} s (config sync included); kernel objects in the tree: {}{}",
            rk.elapsed.as_secs_f64(),
            built.len(),
            list_some(&built, 8)
        ),
    );
    println!("building with make {jobs} ...");
    let (rb, what) = make.run(&reference, &obj, &[&jobs])?;
    if rb.status != 0 {
        rep.fail(
            "make builds the kernel",
            &format!("{what}: exit {}\n{}", rb.status, tail(&rb.stderr, 10)),
        );
        rep.end("compdb", String::new());
        return Ok(false);
    }
    rep.pass(
        "make builds the kernel",
        &format!("{:.0} s", rb.elapsed.as_secs_f64()),
    );
    let rm = make.run_ok(&reference, &obj, &["compile_commands.json"])?;
    compare_compdbs(&mut rep, &out, &ours, &obj)?;
    let figures = format!(
        "kmake {:.2} s on the unbuilt tree; make: build {:.0} s + script {:.1} s",
        rk.elapsed.as_secs_f64(),
        rb.elapsed.as_secs_f64(),
        rm.elapsed.as_secs_f64()
    );
    rep.end("compdb", figures.clone());
    println!("\n{figures}");
    println!("compdb-check: {} passed, {} failed", rep.passed, rep.failed);
    Ok(rep.failed == 0)
}
