//! Smoke test of the make engine on the reference kernel: GNU make and kmake
//! side by side on tinyconfig objtrees, compared line by line.
//!
//! Steps (each prints PASS/FAIL lines, with the first difference on failure):
//!   a. `kmake O=<dir> ARCH=x86_64 tinyconfig` in a fresh objtree per tool and
//!      step (kmake's Kconfig engine is proven identical to conf elsewhere).
//!   b. `dry`: `make -n` versus `kmake -n`. Everything before the build phase
//!      (the remake of include/config/auto.conf, prepare, archprepare, the
//!      scripts/basic and scripts/kconfig host tools, tools/objtool) must be
//!      identical, and so must the exit status; the rest is reported only.
//!   c. `scripts`: a real `V=1 scripts` build with each tool: the printed
//!      commands, the exit status, the set of files left in the objtree and the
//!      contents of its non-ELF files must all be identical.
//!
//! Both tools run from the source tree with a cleared environment (PATH,
//! HOME, LC_ALL=C, fixed KBUILD_BUILD_TIMESTAMP/USER/HOST). Outputs are
//! normalised before comparing: the objtree path becomes `$O`, each tool's
//! own path (the value of `$(MAKE)`) becomes `$(MAKE)`, and `kmake[N]:`
//! message prefixes become `make[N]:`.
//!
//! Develop the harness with `--kmake /usr/bin/make`: make against itself must
//! pass.
//!
//! Usage: make-kernel-smoke [--tree DIR] [--kmake PATH] [--make PATH]
//!                          [--only dry|scripts] [--keep] [--timeout SECS]
//! `--make` defaults to GNU make 4.4.1 (`$KMAKE_GNU_MAKE` or the build of
//! `scripts/setup-gnumake.sh`), the version the engine follows.
//! Exits non-zero on any FAIL.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Result};
use kmake_conformance::kernel_make::{
    build_phase_start, check_exit, common_lines, compare_file, describe, first_mismatch,
    kmake_or_build, list_files, prepare_dry_run, render_diff, render_diff_from, resolve_program,
    run_limited, stops_at_vmlinux_a, tail, tinyconfig, FileCmp, Output, RunnerArgs, Tool, WorkDir,
    DEFAULT_TIMEOUT, DRY_RUN_DIRS,
};
use kmake_conformance::report::{differences, Report};
use kmake_conformance::{kernel_tree, Run};

const USAGE: &str = "usage: make-kernel-smoke [--tree DIR] [--kmake PATH] [--make PATH] \
                     [--only dry|scripts] [--keep] [--timeout SECS]";

/// The two sides of a comparison: the reference make and the tool under test.
struct Setup {
    tree: std::path::PathBuf,
    make: Tool,
    kmake: Tool,
    timeout: Duration,
    /// kmake's make engine: kmake run as `make` (a link), a plain GNU make
    /// without kbuild's in-process configuration sync.
    engine: Tool,
}

impl Setup {
    /// Runs `tool args` on `obj` with the time limit, capturing stdout.
    fn run(&self, tool: &Tool, obj: &Path, args: &[&str]) -> Result<(Run, String)> {
        let mut c = tool.command(&self.tree, obj, args);
        let what = describe(&c);
        Ok((run_limited(&mut c, Output::Capture, self.timeout)?, what))
    }
}

fn exit_detail(rm: &Run, rk: &Run, wm: &str, wk: &str) -> String {
    format!(
        "make:  {wm}\n  exit {}, {:.1} s; stderr ends with:\n{}\nkmake: {wk}\n  exit {}, {:.1} s; stderr ends with:\n{}",
        rm.status,
        rm.elapsed.as_secs_f64(),
        tail(&rm.stderr, 6),
        rk.status,
        rk.elapsed.as_secs_f64(),
        tail(&rk.stderr, 6)
    )
}

/// Step b: `make -n` versus `kmake -n`.
fn dry_run(s: &Setup, rep: &mut Report, a: &Path, b: &Path) -> Result<()> {
    prepare_dry_run(a)?;
    prepare_dry_run(b)?;
    let (rm, wm) = s.run(&s.make, a, &["-n"])?;
    let (rk, wk) = s.run(&s.engine, b, &["-n"])?;
    let (om, ok) = (
        s.make.normalise(&rm.stdout, a),
        s.engine.normalise(&rk.stdout, b),
    );
    rep.info(
        "dry run: commands",
        &format!(
            "make:  {wm}\n  {} lines, exit {}, {:.1} s\nkmake: {wk}\n  {} lines, exit {}, {:.1} s",
            om.len(),
            rm.status,
            rm.elapsed.as_secs_f64(),
            ok.len(),
            rk.status,
            rk.elapsed.as_secs_f64()
        ),
    );
    let Some(k) = build_phase_start(&om) else {
        rep.fail(
            "dry run: prepare phase",
            &format!(
                "make's output has no build-phase line (a quiet CC of a kernel object); \
                 the dry run stopped early ({} lines)\n{}",
                om.len(),
                exit_detail(&rm, &rk, &wm, &wk)
            ),
        );
        return Ok(());
    };
    let first = first_mismatch(&om, &ok);
    match first {
        Some(i) if i < k => rep.fail(
            "dry run: prepare phase",
            &format!(
                "the {k} lines before the build phase (line {}: {}) differ\n{}",
                k + 1,
                boundary_name(&om[k]),
                render_diff(&om, &ok, i, "make", "kmake")
            ),
        ),
        _ => rep.pass(
            "dry run: prepare phase",
            &format!(
                "the {k} lines before the build phase are identical \
                 (it starts at line {}: {})",
                k + 1,
                boundary_name(&om[k])
            ),
        ),
    }
    // The same status for another reason is no match.
    let stops_at = stops_at_vmlinux_a;
    let same_stop = rm.status == rk.status && stops_at(&rm.stderr) == stops_at(&rk.stderr);
    rep.check(
        same_stop,
        "dry run: exit status and where it stops",
        &if same_stop {
            let why = if stops_at(&rm.stderr) {
                " at vmlinux.a (as expected: -n never makes it)"
            } else {
                ""
            };
            format!("both exit {}{why}", rm.status)
        } else {
            let mut d = String::new();
            if rm.status == rk.status {
                d.push_str("the same exit status, but only one stopped at vmlinux.a\n");
            }
            d + &exit_detail(&rm, &rk, &wm, &wk)
        },
    );
    // The build phase, compared from each side's own boundary so that a
    // difference in the prepare phase does not hide what follows.
    let mut whole = format!(
        "identical prefix: {} of {} lines (kmake printed {}); \
         {} lines in common ignoring order",
        first.unwrap_or(om.len()),
        om.len(),
        ok.len(),
        common_lines(&om, &ok)
    );
    match build_phase_start(&ok) {
        None => {
            whole.push_str("\nkmake's output has no build phase (no quiet CC of a kernel object)")
        }
        Some(kk) => match first_mismatch(&om[k..], &ok[kk..]) {
            None => whole.push_str(&format!(
                "\nbuild phase identical ({} lines from the boundary)",
                om.len() - k
            )),
            Some(i) => {
                whole.push_str("\nin the build phase, ");
                whole.push_str(&render_diff_from(
                    &om,
                    &ok,
                    (k + i, kk + i),
                    ("make", "kmake"),
                ));
            }
        },
    }
    rep.info("dry run: whole output", &whole);
    let (em, ek) = (
        s.make.normalise(&rm.stderr, a),
        s.engine.normalise(&rk.stderr, b),
    );
    if let Some(i) = first_mismatch(&em, &ek) {
        rep.info(
            "dry run: stderr differs",
            &render_diff(&em, &ek, i, "make", "kmake"),
        );
    }
    Ok(())
}

/// `CC      init/main.o` out of a quiet-command line.
fn boundary_name(line: &str) -> String {
    line.split("echo '  ")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| line.chars().take(80).collect())
}

/// Step c: a real `V=1 scripts` build with each tool.
fn scripts_build(s: &Setup, rep: &mut Report, a: &Path, b: &Path) -> Result<()> {
    let args = ["V=1", "scripts"];
    let (rm, wm) = s.run(&s.make, a, &args)?;
    let (rk, wk) = s.run(&s.engine, b, &args)?;
    if rm.status != 0 {
        rep.fail(
            "scripts: reference build",
            &format!(
                "make itself failed, the comparison means nothing\n{}",
                exit_detail(&rm, &rk, &wm, &wk)
            ),
        );
        return Ok(());
    }
    let (om, ok) = (
        s.make.normalise(&rm.stdout, a),
        s.engine.normalise(&rk.stdout, b),
    );
    let timing = format!(
        "make {:.1} s, kmake {:.1} s",
        rm.elapsed.as_secs_f64(),
        rk.elapsed.as_secs_f64()
    );
    match first_mismatch(&om, &ok) {
        None => rep.pass(
            "scripts: printed commands",
            &format!("{} lines identical ({timing})", om.len()),
        ),
        Some(i) => rep.fail(
            "scripts: printed commands",
            &format!(
                "{} lines from make, {} from kmake, {} in common ignoring order ({timing})\n{}",
                om.len(),
                ok.len(),
                common_lines(&om, &ok),
                render_diff(&om, &ok, i, "make", "kmake")
            ),
        ),
    }
    rep.check(
        rm.status == rk.status,
        "scripts: exit status",
        &if rm.status == rk.status {
            format!("both exit {}", rm.status)
        } else {
            exit_detail(&rm, &rk, &wm, &wk)
        },
    );
    let (fa, fb) = (list_files(a)?, list_files(b)?);
    let only_a: Vec<&String> = fa.difference(&fb).collect();
    let only_b: Vec<&String> = fb.difference(&fa).collect();
    let show = |v: &[&String]| {
        v.iter()
            .take(15)
            .map(|f| format!("\n    {f}"))
            .collect::<String>()
            + if v.len() > 15 { "\n    ..." } else { "" }
    };
    rep.check(
        only_a.is_empty() && only_b.is_empty(),
        "scripts: files in the objtree",
        &if only_a.is_empty() && only_b.is_empty() {
            format!("the same {} files (kmake's .kmake/ cache ignored)", fa.len())
        } else {
            format!(
                "{} files after make, {} after kmake\nonly after make ({}):{}\nonly after kmake ({}):{}",
                fa.len(),
                fb.len(),
                only_a.len(),
                show(&only_a),
                only_b.len(),
                show(&only_b)
            )
        },
    );
    let (mut same, mut binary, mut differ) = (0, 0, Vec::new());
    for f in fa.intersection(&fb) {
        match compare_file(a, b, f, "make", "kmake") {
            FileCmp::Same => same += 1,
            FileCmp::Binary => binary += 1,
            FileCmp::Differs(d) => differ.push((f.clone(), d)),
        }
    }
    let mut detail = format!(
        "{same} identical after path normalisation, {} differ; \
         {binary} ELF files and archives not compared",
        differ.len()
    );
    detail.push_str(&differences(&differ, 5));
    rep.check(
        differ.is_empty(),
        "scripts: contents of the files both have",
        &detail,
    );
    Ok(())
}

fn main() -> ExitCode {
    check_exit("make-kernel-smoke", real_main())
}

fn real_main() -> Result<bool> {
    let Some(args) = RunnerArgs::parse(USAGE, &["--only", "--timeout"])? else {
        return Ok(true);
    };
    let only = args.value("--only");
    let timeout = Duration::from_secs(args.seconds("--timeout", DEFAULT_TIMEOUT.as_secs())?);
    let (tree, kmake, make, keep) = (args.tree, args.kmake, args.make, args.keep);
    let steps: Vec<&str> = match only.as_deref() {
        None => vec!["dry", "scripts"],
        Some(s @ ("dry" | "scripts")) => vec![s],
        Some(other) => bail!("--only {other}: expected dry or scripts"),
    };
    let tree = kernel_tree(tree.as_deref())?;
    let s = Setup {
        make: Tool {
            path: resolve_program(
                &make.unwrap_or_else(kmake_conformance::kernel_make::default_reference_make),
            )?,
            label: "make",
        },
        kmake: Tool {
            path: kmake_or_build(kmake.as_deref())?,
            label: "kmake",
        },
        engine: Tool {
            path: PathBuf::new(),
            label: "kmake",
        },
        tree,
        timeout,
    };
    let mut s = s;
    let work = WorkDir::new("make-kernel-smoke", keep)?;
    let bin = work.path.join("bin");
    std::fs::create_dir_all(&bin)?;
    let link = bin.join("make");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&s.kmake.path, &link)?;
    s.engine.path = link;
    println!("reference tree: {}", s.tree.display());
    println!("make:  {} (objtrees */a)", s.make.path.display());
    println!("kmake: {} (objtrees */b)", s.kmake.path.display());
    println!("work:  {}", work.path.display());
    let mut rep = Report::default();

    // a. tinyconfig objtrees, configured by kmake whatever the tool under test.
    let mut times = Vec::new();
    for step in &steps {
        for side in ["a", "b"] {
            let obj = work.path.join(step).join(side);
            match tinyconfig(&s.kmake, &s.tree, &obj) {
                Ok(r) => times.push(r.elapsed.as_secs_f64()),
                Err(e) => {
                    rep.fail("tinyconfig", &format!("{e:#}"));
                    println!("make-kernel-smoke: stopped, no objtree to compare in");
                    return Ok(false);
                }
            }
        }
    }
    let configs: Vec<Vec<u8>> = steps
        .iter()
        .flat_map(|st| ["a", "b"].map(|x| work.path.join(st).join(x).join(".config")))
        .map(|p| std::fs::read(p).unwrap_or_default())
        .collect();
    let same = configs.windows(2).all(|w| w[0] == w[1]);
    rep.check(
        same,
        "tinyconfig",
        &format!(
            "{} objtrees configured by `{} O=<dir> ARCH=x86_64 tinyconfig` \
             ({:.1} s each on average), .config files {}",
            configs.len(),
            s.kmake.path.display(),
            times.iter().sum::<f64>() / times.len().max(1) as f64,
            if same { "identical" } else { "NOT identical" }
        ),
    );

    for step in &steps {
        let (a, b) = (
            work.path.join(step).join("a"),
            work.path.join(step).join("b"),
        );
        let done = match *step {
            "dry" => {
                println!(
                    "-- dry run (created {} in both objtrees first)",
                    DRY_RUN_DIRS.join(" ")
                );
                dry_run(&s, &mut rep, &a, &b)
            }
            _ => {
                println!("-- V=1 scripts build");
                scripts_build(&s, &mut rep, &a, &b)
            }
        };
        if let Err(e) = done {
            rep.fail(&format!("{step}: could not finish"), &format!("{e:#}"));
        }
    }
    println!(
        "make-kernel-smoke: {} passed, {} failed{}",
        rep.passed,
        rep.failed,
        if rep.failed > 0 && !keep {
            " (rerun with --keep to inspect the objtrees)"
        } else {
            ""
        }
    );
    Ok(rep.failed == 0)
}
