//! Benchmark: `make -n` versus `kmake -n` over the whole reference kernel
//! (x86_64 tinyconfig), the time it takes to evaluate kbuild's makefiles and
//! decide every command, side by side in one objtree.
//!
//! The objtree is configured by `kmake tinyconfig`; the directories kbuild
//! creates with separate `mkdir -p` lines (see `DRY_RUN_DIRS`) are created so
//! the dry run gets past tools/objtool. One warm-up `make -n` (not timed)
//! remakes include/config/auto.conf and builds fixdep and conf; then the two
//! tools alternate, stdout to /dev/null, in the same controlled environment
//! as make-kernel-smoke. kmake must exit as make does, or the figures mean
//! nothing and the bench stops.
//!
//! Usage: make-bench [--tree DIR] [--kmake PATH] [--make PATH] [--runs N] [--keep]

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{bail, Result};
use kmake_conformance::kernel_make::{
    bench_exit, describe, kmake_or_build, prepare_dry_run, resolve_program, run_limited,
    stops_at_vmlinux_a, tail, tinyconfig, Output, RunnerArgs, Tool, WorkDir, DEFAULT_TIMEOUT,
};
use kmake_conformance::{kernel_tree, Run};

const USAGE: &str =
    "usage: make-bench [--tree DIR] [--kmake PATH] [--make PATH] [--runs N] [--keep]";

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

/// One timed dry run with stdout to /dev/null.
fn dry(tool: &Tool, tree: &Path, obj: &Path) -> Result<(Run, String)> {
    let mut c: Command = tool.command(tree, obj, &["-n"]);
    let what = describe(&c) + " >/dev/null";
    Ok((run_limited(&mut c, Output::Null, DEFAULT_TIMEOUT)?, what))
}

fn main() -> ExitCode {
    bench_exit("make-bench", real_main())
}

fn real_main() -> Result<()> {
    let Some(args) = RunnerArgs::parse(USAGE, &["--runs"])? else {
        return Ok(());
    };
    let runs = args.count("--runs", 3)?;
    let (tree, kmake, make, keep) = (args.tree, args.kmake, args.make, args.keep);
    let tree = kernel_tree(tree.as_deref())?;
    let make = Tool {
        path: resolve_program(
            &make.unwrap_or_else(kmake_conformance::kernel_make::default_reference_make),
        )?,
        label: "make",
    };
    let kmake = Tool {
        path: kmake_or_build(kmake.as_deref())?,
        label: "kmake",
    };
    let work = WorkDir::new("make-bench", keep)?;
    let obj = work.path.join("obj");

    tinyconfig(&kmake, &tree, &obj)?;
    prepare_dry_run(&obj)?;
    let mut warm = make.command(&tree, &obj, &["-n"]);
    let what = describe(&warm);
    let w = run_limited(&mut warm, Output::Capture, DEFAULT_TIMEOUT)?;
    let expected = w.status;
    println!(
        "warm-up: {what}: {} lines, exit {expected}, {:.2} s",
        w.stdout.lines().count(),
        w.elapsed.as_secs_f64()
    );
    let stop = stops_at_vmlinux_a(&w.stderr);
    if !stop {
        println!(
            "note: make -n did not end at vmlinux.a as it does on a 6.12 tree; stderr ends with:\n{}",
            tail(&w.stderr, 6)
        );
    }

    let (mut tm, mut tk) = (Vec::new(), Vec::new());
    let (mut rss_m, mut rss_k) = (0i64, 0i64);
    for _ in 0..runs {
        for (tool, times, rss) in [(&make, &mut tm, &mut rss_m), (&kmake, &mut tk, &mut rss_k)] {
            let (r, what) = dry(tool, &tree, &obj)?;
            if r.status != expected || stops_at_vmlinux_a(&r.stderr) != stop {
                bail!(
                    "{what} exited {}{}, where the warm-up make -n exited {expected}{}: \
                     the figures would mean nothing; its stderr ends with:\n{}",
                    r.status,
                    if stops_at_vmlinux_a(&r.stderr) {
                        " at vmlinux.a"
                    } else {
                        ""
                    },
                    if stop { " at vmlinux.a" } else { "" },
                    tail(&r.stderr, 15)
                );
            }
            times.push(r.elapsed.as_secs_f64());
            *rss = (*rss).max(r.max_rss_kib);
        }
    }
    let (mm, mk) = (median(tm.clone()), median(tk.clone()));
    println!(
        "make -n of x86_64 tinyconfig, {} ({runs} runs, stdout to /dev/null)",
        tree.display()
    );
    println!(
        "  {:<10} {:>12} {:>12} {:>11}",
        "", "min", "median", "peak RSS"
    );
    for (label, path, t, rss) in [
        ("make", &make.path, &tm, rss_m),
        ("kmake", &kmake.path, &tk, rss_k),
    ] {
        println!(
            "  {label:<10} {:>9.1} ms {:>9.1} ms {:>7.1} MiB   {}",
            min(t) * 1e3,
            median(t.clone()) * 1e3,
            rss as f64 / 1024.0,
            path.display()
        );
    }
    println!(
        "  make/kmake {:>11.2}x {:>11.2}x   (above 1: kmake is faster)",
        min(&tm) / min(&tk),
        mm / mk
    );
    println!("  (peak RSS: largest process of the run's tree, from wait4)");

    // kmake's own process, without the compilers and shells it starts.
    let mut own = kmake.command(&tree, &obj, &["-n"]);
    own.env("KMAKE_STATS", "1");
    let r = run_limited(&mut own, Output::Capture, DEFAULT_TIMEOUT)?;
    match r
        .stderr
        .lines()
        .rev()
        .find(|l| l.contains("kmake: self user"))
    {
        Some(line) => println!(
            "  kmake process itself: {}",
            line.trim_start_matches("kmake: ")
        ),
        None => println!("  kmake process itself: no KMAKE_STATS line on stderr"),
    }
    Ok(())
}
