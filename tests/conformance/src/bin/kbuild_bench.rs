//! kbuild-bench: GNU make against kmake on real Linux 6.12 builds, side by
//! side (figures only, no verdict):
//!   1. no-op rebuild of a built tinyconfig tree (`-jN`, median of `--runs`
//!      after one warm-up run), each tool in the tree it built; target: kmake
//!      ≥10× faster
//!   2. full tinyconfig build (+ the serial-console fragment), wall time;
//!      target: kmake ≤1.0× make
//!   3. `kmake compile_commands.json` on an unbuilt x86_64_defconfig tree,
//!      twice (the first run includes the config sync), with the number of
//!      entries; target ≤5 s. make's script needs a full build first. A
//!      failure of kmake here is printed as a missing figure, not an error.
//!
//! `--trees DIR` reuses the work folder of `kbuild-check --work DIR` (or
//! `--keep`): its built trees a-make and b-kmake, its private source tree and
//! the full-build times it recorded. Without it the bench configures and
//! builds both trees itself (two full builds). The environment is the one of
//! kbuild-check: cleared, GNU make first in PATH and run as `make`, fixed
//! KBUILD_BUILD_*.
//!
//! Usage: kbuild-bench [--tree DIR] [--kmake PATH] [--make PATH] [--trees DIR]
//!                     [--runs N] [--jobs N] [--keep]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use kmake_conformance::kbuild::{
    configure, kbuild_messages, median, objtrees, read_times, CpuUse, Runner, Site, TIMES_FILE,
};
use kmake_conformance::kernel_make::{
    bench_exit, check_ok, default_reference_make, kmake_or_build, resolve_program, run_limited,
    tail, Output, RunnerArgs, WorkDir, DEFAULT_TIMEOUT,
};
use kmake_conformance::{kernel_tree, Run};

const USAGE: &str = "usage: kbuild-bench [--tree DIR] [--kmake PATH] [--make PATH] \
                     [--trees DIR] [--runs N] [--jobs N] [--keep]";

fn mib(kib: i64) -> f64 {
    kib as f64 / 1024.0
}

/// `met` or `NOT met` for a target.
fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

/// kmake's own figures from `KMAKE_STATS=1` (without its children).
fn own_stats(r: &Run) -> String {
    r.stderr
        .lines()
        .rev()
        .find(|l| l.contains("kmake: self user"))
        .map(|l| l.trim_start_matches("kmake: ").to_string())
        .unwrap_or_else(|| "no KMAKE_STATS line".into())
}

fn main() -> ExitCode {
    bench_exit("kbuild-bench", real_main())
}

fn real_main() -> Result<()> {
    let Some(args) = RunnerArgs::parse(USAGE, &["--trees", "--runs", "--jobs"])? else {
        return Ok(());
    };
    let (runs, jobs) = (args.count("--runs", 3)?, args.count("--jobs", 2)?);
    let trees = args.value("--trees");
    let (tree, kmake, make, keep) = (args.tree, args.kmake, args.make, args.keep);
    let reference = kernel_tree(tree.as_deref())?;
    let make_path = resolve_program(&make.unwrap_or_else(default_reference_make))?;
    let kmake = Runner::new(
        "kmake",
        kmake_or_build(kmake.as_deref())?,
        &make_path,
        DEFAULT_TIMEOUT,
    );
    let make = Runner::new("make", make_path.clone(), &make_path, DEFAULT_TIMEOUT);
    let work = WorkDir::new("kbuild-bench", keep)?;
    let j = format!("-j{jobs}");
    println!("make:  {} (run as `make`)", make.path.display());
    println!("kmake: {}", kmake.path.display());

    // The built trees: kbuild-check's, or two full builds here; every run
    // in a tree happens at the site of its work folder, where it was built.
    let (site, src, a, b, build_times, from) = match &trees {
        Some(d) => {
            let d = std::path::absolute(PathBuf::from(d))?;
            let [a, b, _] = objtrees(&d);
            for o in [&a, &b] {
                if !o.join("vmlinux").is_file() {
                    bail!(
                        "--trees {}: {} is not a built objtree (run kbuild-check --work {} first)",
                        d.display(),
                        o.display(),
                        d.display()
                    );
                }
            }
            let t = read_times(&d);
            let cpu = |k: &str| CpuUse {
                own_s: t.get(&format!("{k}-cpu")).copied().unwrap_or(f64::NAN),
                others_s: t.get(&format!("{k}-others")).copied().unwrap_or(f64::NAN),
            };
            let (Some(tm), Some(tk)) = (t.get("make"), t.get("kmake")) else {
                bail!(
                    "--trees {}: no {TIMES_FILE} with both build times",
                    d.display()
                );
            };
            let from = format!("recorded by kbuild-check in {}", d.display());
            let times = ((*tm, cpu("make")), (*tk, cpu("kmake")));
            (Site::new(&d)?, d.join("src"), a, b, times, from)
        }
        None => {
            let [a, b, _] = objtrees(&work.path);
            let site = Site::new(&work.path)?;
            let mut t = Vec::new();
            for (tool, tree) in [(&make, &a), (&kmake, &b)] {
                println!("configuring, then building with {} ...", tool.label);
                let (r, cpu) = site.with(tree, |obj| {
                    configure(&kmake, &reference, obj)?;
                    let (r, cpu) = CpuUse::measure(|| tool.run_ok(&reference, obj, &[&j]));
                    Ok((r?, cpu))
                })?;
                t.push((r.elapsed.as_secs_f64(), cpu));
            }
            let src = reference.clone();
            let kt = t.pop().context("two builds")?;
            let mt = t.pop().context("two builds")?;
            (site, src, a, b, (mt, kt), "measured here".to_string())
        }
    };

    // 1. No-op rebuilds: per tool, one untimed warm-up (it also lets kmake
    // record its no-op memo: the rename to the site voids the last one),
    // then the timed runs, all in a row with the tree at the site.
    let noop = |tool: &Runner, tree: &Path| -> Result<(f64, Vec<f64>, usize, i64)> {
        site.with(tree, |obj| {
            let warm = tool.run_ok(&src, obj, &[&j])?.elapsed.as_secs_f64();
            let (mut times, mut messages, mut rss) = (Vec::new(), 0, 0);
            for _ in 0..runs {
                let r = tool.run_ok(&src, obj, &[&j])?;
                messages = kbuild_messages(&r.stdout, obj).len();
                times.push(r.elapsed.as_secs_f64());
                rss = rss.max(r.max_rss_kib);
            }
            Ok((warm, times, messages, rss))
        })
    };
    let (wm, tm, nm, _) = noop(&make, &a)?;
    let (wk, tk, nk, rss_k) = noop(&kmake, &b)?;
    let own = site.with(&b, |obj| {
        let mut stats = kmake.command(&src, obj, &[&j]);
        stats.env("KMAKE_STATS", "1");
        let r = run_limited(&mut stats, Output::Capture, DEFAULT_TIMEOUT)?;
        check_ok(&r, "kmake with KMAKE_STATS=1")?;
        Ok(r)
    })?;
    let (mm, mk) = (median(tm.clone()), median(tk.clone()));
    let all = |v: &[f64]| {
        v.iter()
            .map(|t| format!("{t:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    println!(
        "\n1. no-op rebuild of built tinyconfig trees, {j}, median of {runs} after a warm-up run"
    );
    println!(
        "   make  {mm:>8.3} s   (in the tree make built; {nm} kbuild messages; \
         warm-up {wm:.3} s, runs {})",
        all(&tm)
    );
    println!(
        "   kmake {mk:>8.3} s   (in the tree kmake built; {nk} kbuild messages; \
         warm-up {wk:.3} s, runs {}; peak RSS {:.0} MiB)",
        all(&tk),
        mib(rss_k)
    );
    println!(
        "   make/kmake {:.1}x   (target ≥10x: {})",
        mm / mk,
        verdict(mm / mk >= 10.0)
    );
    println!(
        "   kmake process itself, one run that evaluates everything: {}",
        own_stats(&own)
    );
    println!(
        "   (kmake's warm-up evaluates the whole build and records its no-op memo, which the \
         runs replay; the memo is void once anything it looked at changes, the objtree's \
         directory included)"
    );

    // 2. Full builds.
    let ((bm, cm), (bk, ck)) = build_times;
    println!("\n2. full tinyconfig build, {j} ({from})");
    println!("   make  {bm:>8.1} s   ({})", cm.describe(bm));
    println!("   kmake {bk:>8.1} s   ({})", ck.describe(bk));
    println!(
        "   kmake/make {:.2}x   (target ≤1.0x: {})",
        bk / bm,
        verdict(bk / bm <= 1.0)
    );

    // 3. compile_commands.json from evaluation, x86_64_defconfig.
    let d = work.path.join("defconfig");
    std::fs::create_dir_all(&d)?;
    let cfg = kmake.run_ok(&reference, &d, &["defconfig"])?;
    println!(
        "\n3. kmake compile_commands.json, unbuilt x86_64_defconfig tree \
         (configured by `kmake defconfig` in {:.1} s)",
        cfg.elapsed.as_secs_f64()
    );
    let mut failed = Vec::new();
    for n in 1..=2 {
        let mut c = kmake.command(&reference, &d, &["compile_commands.json"]);
        c.env("KMAKE_STATS", "1");
        let r = run_limited(&mut c, Output::Capture, DEFAULT_TIMEOUT)?;
        if r.status != 0 {
            // A figure the bench cannot give, not a reason to stop it.
            println!(
                "   run {n}: FAILED: kmake compile_commands.json exited {} after {:.2} s; \
                 stderr ends with:\n{}",
                r.status,
                r.elapsed.as_secs_f64(),
                tail(&r.stderr, 10)
            );
            failed.push("compile_commands.json on x86_64_defconfig");
            break;
        }
        let entries = count_entries(&d.join("compile_commands.json"));
        let t = r.elapsed.as_secs_f64();
        println!(
            "   run {n}{} {t:>6.2} s, {entries} entries, peak RSS {:.0} MiB (target ≤5 s: {})",
            if n == 1 { " (with config sync):" } else { ":" },
            mib(r.max_rss_kib),
            verdict(t <= 5.0)
        );
        println!("         kmake process itself: {}", own_stats(&r));
    }
    println!(
        "   make: gen_compile_commands.py reads the .cmd files of a finished build, so it \
         needs the full x86_64_defconfig build first"
    );
    if !failed.is_empty() {
        println!("\nkbuild-bench: no figure for: {}", failed.join(", "));
    }
    Ok(())
}

/// Entries in a compile_commands.json (0 when unreadable).
fn count_entries(p: &Path) -> usize {
    std::fs::read_to_string(p)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.as_array().map(Vec::len))
        .unwrap_or(0)
}
