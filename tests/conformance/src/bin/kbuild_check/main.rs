//! kbuild-check: GNU make and kmake build the same Linux 6.12 x86_64 kernel
//! (tinyconfig plus a serial console) in two object trees, and everything
//! that follows is compared.
//!
//! Steps (PASS/FAIL lines with the first differences on failure):
//!   config            objtrees a-make (built by make), b-kmake (built by
//!                     kmake) and c-unbuilt (for compile_commands.json), all
//!                     configured by kmake: tinyconfig, the fragment
//!                     appended, olddefconfig; the three .config files equal
//!   build             `make -jN` in a, `kmake -jN` in b: both exit 0, both
//!                     make vmlinux and bzImage, the same kbuild messages
//!   objects           every *.o, *.a, vmlinux and bzImage byte-identical,
//!                     then every other file of the two trees (.cmd files,
//!                     generated headers, host tools)
//!   boot              b's bzImage under qemu-system-x86_64 (TCG) prints
//!                     `Linux version 6.12` on ttyS0
//!   compile-commands  `make compile_commands.json` in a (the kernel's
//!                     script, after the build) against `kmake
//!                     compile_commands.json` in the unbuilt c: the same
//!                     entries; kmake's `arguments` are its `command`'s words
//!   interchange       kmake in make's tree and make in kmake's tree rebuild
//!                     nothing: the same messages and rewritten files as a
//!                     no-op of the tree's own tool; kmake's replayed no-op
//!                     (its memo, second run in a row) does what make's does
//!   modules           `modules` in both trees does what the other does;
//!                     modules.order, modules.builtin(.modinfo) and
//!                     Module.symvers identical; an external module (`M=`,
//!                     two objects, its own include path) built against each
//!                     tree gives byte-identical files, and `M= clean` leaves
//!                     the same files
//!   clean             `clean`, `mrproper`, `distclean`, each on hard-linked
//!                     copies of both built trees: the same files left and
//!                     the same messages
//!   incremental       no-op, no-op again, touch a .c, touch a header, toggle
//!                     a CONFIG value + olddefconfig, add ccflags-y to a
//!                     Makefile, no-op: run in sequence by kmake in b, then
//!                     by make in a on a copy of the sources taken before;
//!                     each scenario must rewrite the same files and print
//!                     the same messages; afterwards the objects are still
//!                     identical. Files kbuild rewrites on every run with the
//!                     same contents (the generated Makefile, two symlinks,
//!                     .missing-syscalls.d) may differ: kmake's memo replay
//!                     does not rewrite them.
//!
//! Every tree is configured and built at one path, `<work>/obj`: the tree a
//! tool runs in is renamed there for the run (see `Site`), so the trees are
//! compared byte for byte with nothing to normalise. Expected difference:
//! make builds scripts/kconfig/conf for kbuild's config sync, kmake runs the
//! sync in-process (its files and messages are reported, not failed).
//!
//! All runs use a private source tree of hard links to the reference tree
//! (`cp -al`); a scenario that changes a file breaks its link first. Every
//! run has a cleared environment: PATH with GNU make's folder first, HOME,
//! LC_ALL=C and fixed KBUILD_BUILD_TIMESTAMP/USER/HOST. GNU make is always
//! run as `make` from PATH (kmake's `$(MAKE)` is `make` too), so the commands
//! kbuild records are the same in both trees.
//!
//! Usage: kbuild-check [--tree DIR] [--kmake PATH] [--make PATH] [--jobs N]
//!                     [--only STEP] [--keep] [--work DIR] [--boot-timeout SECS]
//! `--work DIR` uses (and keeps) DIR as the work folder; steps whose results
//! are already there (config, build) are reused when another step needs them.
//! `--only STEP` runs that step and whatever it needs that is not there yet.
//! Exits 1 on any FAIL, 2 when the harness itself could not run.

mod clean;
mod modules;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use kmake_conformance::compdb_compare::compare_compdbs;
use kmake_conformance::kbuild::{
    configure, kbuild_messages, kconfig_tool, list_some, objtrees, other_lines, private_source,
    rewrite, set_difference, write_times, CpuUse, Runner, Site, Snapshot,
};
use kmake_conformance::kernel_make::{
    check_exit, compare_file, default_reference_make, kmake_or_build, list_files, resolve_program,
    tail, FileCmp, RunnerArgs, DEFAULT_TIMEOUT,
};
use kmake_conformance::report::{differences, Report};
use kmake_conformance::{kernel_tree, Run};

const USAGE: &str = "usage: kbuild-check [--tree DIR] [--kmake PATH] [--make PATH] [--jobs N] \
                     [--only STEP] [--keep] [--work DIR] [--boot-timeout SECS]\n\
                     steps: config build objects boot compile-commands interchange modules clean incremental";

const STEPS: &[&str] = &[
    "config",
    "build",
    "objects",
    "boot",
    "compile-commands",
    "interchange",
    "modules",
    "clean",
    "incremental",
];

/// The step each step needs done first (besides `config` for all).
fn needs(step: &str) -> &'static [&'static str] {
    match step {
        "config" => &[],
        "build" => &["config"],
        _ => &["config", "build"],
    }
}

/// The C file and the header the incremental scenarios touch, and the
/// Makefile they add a flag to. The header is included by about 80 of the
/// ~620 objects: widely enough to matter, cheap enough to rebuild twice.
const TOUCH_C: &str = "kernel/printk/printk.c";
const TOUCH_H: &str = "include/linux/syscalls.h";
const FLAG_MAKEFILE: &str = "init/Makefile";
const FLAG_LINE: &str = "ccflags-y += -DKMAKE_TEST";
const TOGGLE: &str = "CONFIG_PRINTK_TIME";

/// The whole run's setting.
struct Check {
    src: PathBuf,
    work: PathBuf,
    a: PathBuf,
    b: PathBuf,
    c: PathBuf,
    /// Where the tree a tool runs in is renamed for the run.
    site: Site,
    make: Runner,
    kmake: Runner,
    jobs: String,
    boot_timeout: Duration,
    /// The files make's no-op rewrites (with the same contents), once known.
    always_rewritten: BTreeSet<String>,
    rep: Report,
}

/// A run of one tool and what it changed in its objtree.
struct Outcome {
    run: Run,
    what: String,
    messages: BTreeSet<String>,
    changed: BTreeSet<String>,
}

impl Outcome {
    fn exit_line(&self) -> String {
        format!(
            "{}\n  exit {}, {:.1} s; stderr ends with:\n{}",
            self.what,
            self.run.status,
            self.run.elapsed.as_secs_f64(),
            tail(&self.run.stderr, 8)
        )
    }
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn mib(kib: i64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

impl Check {
    fn stamp(&self, step: &str) -> PathBuf {
        self.work.join(format!(".done-{step}"))
    }

    /// Runs `tool args` in `tree` (at the site), returning the run and the
    /// command line.
    fn run(&self, tool: &Runner, tree: &Path, args: &[&str]) -> Result<(Run, String)> {
        self.site.with(tree, |obj| tool.run(&self.src, obj, args))
    }

    /// [`Check::run`] with a snapshot of the objtree around it.
    fn outcome(&self, tool: &Runner, tree: &Path, args: &[&str]) -> Result<Outcome> {
        let before = Snapshot::take(tree)?;
        let (run, what) = self.run(tool, tree, args)?;
        let after = Snapshot::take(tree)?;
        Ok(Outcome {
            messages: kbuild_messages(&run.stdout, &self.site.path()),
            changed: before.changes(&after),
            run,
            what,
        })
    }

    /// `make_side` less the Kconfig host tool's files or messages kmake does
    /// not have (see [`kconfig_tool`]), which are reported as expected.
    fn without_kconfig_tool(
        &self,
        what: &str,
        make_side: &BTreeSet<String>,
        kmake_side: &BTreeSet<String>,
    ) -> BTreeSet<String> {
        let (tool, rest): (BTreeSet<String>, BTreeSet<String>) = make_side
            .iter()
            .cloned()
            .partition(|x| kconfig_tool(x) && !kmake_side.contains(x));
        if !tool.is_empty() {
            self.rep.info(
                &format!("{what}: {} only with make, as expected", tool.len()),
                "kmake runs kbuild's config sync on its own Kconfig engine, so it never builds \
                 scripts/kconfig/conf",
            );
        }
        rest
    }

    fn build_args(&self) -> Vec<&str> {
        vec![self.jobs.as_str()]
    }

    // ---- step 1 ------------------------------------------------------

    fn config(&mut self, reference: &Path) -> Result<bool> {
        self.rep.begin(
            "config",
            "tinyconfig + serial-console fragment, configured by kmake, in a, b and c",
        );
        let t = Instant::now();
        self.site.unsplit_sources()?;
        let _ = std::fs::remove_dir_all(&self.src);
        private_source(reference, &self.src)?;
        println!(
            "private source tree (hard links): {} ({})",
            self.src.display(),
            secs(t.elapsed())
        );
        let _ = std::fs::remove_file(self.stamp("build"));
        let mut times = Vec::new();
        for obj in [&self.a, &self.b, &self.c] {
            match self
                .site
                .with(obj, |o| configure(&self.kmake, &self.src, o))
            {
                Ok(t) => times.push(t),
                Err(e) => {
                    self.rep
                        .fail(&format!("configure {}", obj.display()), &format!("{e:#}"));
                    return Ok(self.rep.end("config", "kmake could not configure".into()));
                }
            }
        }
        let configs: Vec<Vec<u8>> = [&self.a, &self.b, &self.c]
            .iter()
            .map(|o| std::fs::read(o.join(".config")).unwrap_or_default())
            .collect();
        let same = configs.windows(2).all(|w| w[0] == w[1]);
        let detail = format!(
            "`kmake tinyconfig`, fragment {}, `kmake olddefconfig`: {} each on average; \
             .config files {}",
            kmake_conformance::kbuild::FRAGMENT.join(" "),
            secs(times.iter().sum::<Duration>() / times.len() as u32),
            if same { "identical" } else { "NOT identical" }
        );
        self.rep
            .check(same, "three objtrees configured alike", &detail);
        let ok = self
            .rep
            .end("config", format!("{} per tree", secs(times[0])));
        if ok {
            std::fs::write(self.stamp("config"), "")?;
        }
        Ok(ok)
    }

    // ---- step 2 ------------------------------------------------------

    fn build(&mut self) -> Result<bool> {
        self.rep
            .begin("build", &format!("full build, {}", self.jobs));
        let _ = std::fs::remove_file(self.stamp("build"));
        let args = self.build_args();
        let (om, cm) = CpuUse::measure(|| self.outcome(&self.make, &self.a, &args));
        let om = om?;
        let tm = om.run.elapsed.as_secs_f64();
        println!("make:  {:.1} s, {}", tm, cm.describe(tm));
        let (ok_, ck) = CpuUse::measure(|| self.outcome(&self.kmake, &self.b, &args));
        let ok_ = ok_?;
        let tk = ok_.run.elapsed.as_secs_f64();
        println!("kmake: {:.1} s, {}", tk, ck.describe(tk));
        for (o, obj, label) in [(&om, &self.a, "make"), (&ok_, &self.b, "kmake")] {
            let missing: Vec<&str> = ["vmlinux", "arch/x86/boot/bzImage"]
                .into_iter()
                .filter(|f| !obj.join(f).is_file())
                .collect();
            let good = o.run.status == 0 && missing.is_empty();
            let cpu = if label == "make" { &cm } else { &ck };
            let detail = if good {
                format!(
                    "exit 0, vmlinux and bzImage made, {}, {}, peak RSS {} (the largest \
                     process of the run, compilers included)",
                    secs(o.run.elapsed),
                    cpu.describe(o.run.elapsed.as_secs_f64()),
                    mib(o.run.max_rss_kib)
                )
            } else {
                format!("missing: {missing:?}\n{}", o.exit_line())
            };
            self.rep
                .check(good, &format!("{label} builds the kernel"), &detail);
        }
        let times = format!(
            "make {:.1} s, kmake {:.1} s (kmake/make {:.2})",
            tm,
            tk,
            tk / tm
        );
        let make_messages = self.without_kconfig_tool("messages", &om.messages, &ok_.messages);
        match set_difference(&make_messages, &ok_.messages, "make", "kmake") {
            None => self.rep.pass(
                "the same kbuild messages, ignoring order",
                &format!("{} distinct lines; {times}", ok_.messages.len()),
            ),
            Some(d) => self
                .rep
                .fail("the same kbuild messages, ignoring order", &d),
        }
        let (xm, xk) = (other_lines(&om.run.stdout), other_lines(&ok_.run.stdout));
        if xm != xk {
            self.rep.info(
                "other stdout lines differ (not compared)",
                &format!("make:{}\nkmake:{}", list_some(&xm, 8), list_some(&xk, 8)),
            );
        }
        write_times(
            &self.work,
            &[
                ("make", tm),
                ("kmake", tk),
                ("make-cpu", cm.own_s),
                ("kmake-cpu", ck.own_s),
                ("make-others", cm.others_s),
                ("kmake-others", ck.others_s),
            ],
        )?;
        let built = [&self.a, &self.b]
            .iter()
            .all(|o| o.join("vmlinux").is_file() && o.join("arch/x86/boot/bzImage").is_file());
        if om.run.status == 0 && ok_.run.status == 0 && built {
            std::fs::write(self.stamp("build"), "")?;
        }
        Ok(self.rep.end("build", times))
    }

    // ---- step 3 ------------------------------------------------------

    fn objects(&mut self) -> Result<bool> {
        self.rep.begin(
            "objects",
            "*.o, *.a, vmlinux, bzImage byte for byte; then the rest of the trees",
        );
        let (_, figures) = self.compare_objects("objects")?;
        self.compare_other_files()?;
        self.embedded_paths()?;
        Ok(self.rep.end("objects", figures))
    }

    /// Which binaries of b carry the objtree path (in DWARF: the real-mode
    /// boot code and objtool are built with -g), the reason the trees are
    /// built at one path rather than compared with the path replaced.
    fn embedded_paths(&mut self) -> Result<()> {
        let site = self.site.path();
        let needle = site.to_string_lossy();
        let mut with = Vec::new();
        for f in list_files(&self.b)? {
            let p = self.b.join(&f);
            if p.is_symlink() {
                continue;
            }
            let data = std::fs::read(&p)?;
            if data.starts_with(b"\x7fELF")
                && data.windows(needle.len()).any(|w| w == needle.as_bytes())
            {
                with.push(f);
            }
        }
        self.rep.info(
            &format!("{} ELF files contain the objtree path", with.len()),
            &format!(
                "both trees are built at {} (renamed there for each run), so they compare \
                 byte for byte; replacing the path would not do: gcc orders .debug_line_str \
                 by a hash of the strings, and another path reorders it{}",
                site.display(),
                list_some(&with, 6)
            ),
        );
        Ok(())
    }

    /// How file `f` differs byte for byte between the two trees, or None.
    fn binary_difference(&self, f: &str) -> Result<Option<String>> {
        let x = std::fs::read(self.a.join(f))?;
        let y = std::fs::read(self.b.join(f))?;
        Ok((x != y).then(|| describe_binary_difference(&self.a, &self.b, f, &x, &y)))
    }

    /// The object comparison, as one check; returns (ok, figures).
    fn compare_objects(&mut self, what: &str) -> Result<(bool, String)> {
        let (fa, fb) = (list_files(&self.a)?, list_files(&self.b)?);
        let oa: BTreeSet<String> = fa.into_iter().filter(|f| is_object(f)).collect();
        let ob: BTreeSet<String> = fb.into_iter().filter(|f| is_object(f)).collect();
        let oa = self.without_kconfig_tool(what, &oa, &ob);
        let (mut same, mut differ) = (0usize, Vec::new());
        for f in oa.intersection(&ob) {
            match self.binary_difference(f)? {
                None => same += 1,
                Some(d) => differ.push((f.clone(), d)),
            }
        }
        let missing = set_difference(&oa, &ob, "make", "kmake");
        let ok = differ.is_empty() && missing.is_none();
        let mut detail = format!(
            "{} files compared: {same} byte-identical, {} differ",
            oa.intersection(&ob).count(),
            differ.len()
        );
        detail.push_str(&differences(&differ, 8));
        if let Some(m) = missing {
            detail.push_str(&format!("\nnot made by both: {m}"));
        }
        self.rep.check(
            ok,
            &format!("{what}: identical *.o, *.a, vmlinux and bzImage"),
            &detail,
        );
        Ok((ok, format!("{same}/{} identical", oa.len().max(ob.len()))))
    }

    /// Every other file of the two trees: the same set, the same bytes
    /// (a text file that differs is shown line by line).
    fn compare_other_files(&mut self) -> Result<()> {
        let what = "the same other files in both objtrees";
        let other = |f: &String| !is_object(f) && f != "compile_commands.json";
        let fa: BTreeSet<String> = list_files(&self.a)?.into_iter().filter(other).collect();
        let fb: BTreeSet<String> = list_files(&self.b)?.into_iter().filter(other).collect();
        let fa = self.without_kconfig_tool(what, &fa, &fb);
        match set_difference(&fa, &fb, "make", "kmake") {
            Some(d) => self.rep.fail(what, &d),
            None => self.rep.pass(
                what,
                &format!("{} files (kmake's .kmake/ cache left out)", fa.len()),
            ),
        }
        let (mut same, mut differ) = (0, Vec::new());
        for f in fa.intersection(&fb) {
            match compare_file(&self.a, &self.b, f, "make", "kmake") {
                FileCmp::Same => same += 1,
                FileCmp::Differs(d) => differ.push((f.clone(), d)),
                FileCmp::Binary => match self.binary_difference(f)? {
                    None => same += 1,
                    Some(d) => differ.push((f.clone(), d)),
                },
            }
        }
        let mut detail = format!(
            "{same} identical (.cmd and dependency files, generated sources and headers, host \
             tools, images), {} differ",
            differ.len()
        );
        detail.push_str(&differences(&differ, 6));
        self.rep.check(
            differ.is_empty(),
            "the other files have the same contents",
            &detail,
        );
        Ok(())
    }

    // ---- step 4 ------------------------------------------------------

    fn boot(&mut self) -> Result<bool> {
        self.rep
            .begin("boot", "kmake's bzImage under qemu-system-x86_64 (TCG)");
        let image = self.b.join("arch/x86/boot/bzImage");
        let figures = match boot(&image, self.boot_timeout) {
            Err(e) => {
                self.rep
                    .fail("boot the kernel kmake built", &format!("{e:#}"));
                "could not run qemu".to_string()
            }
            Ok(b) => {
                let ok = b.banner.is_some();
                let mut detail = match &b.banner {
                    Some((line, t)) => format!("`{line}` after {}", secs(*t)),
                    None => format!(
                        "no `Linux version 6.12` within {} s",
                        self.boot_timeout.as_secs()
                    ),
                };
                detail.push_str(&format!(
                    "\nqemu {} after {}; the console ends with:{}",
                    if b.exited_by_itself {
                        "exited by itself (panic=-1 and -no-reboot)"
                    } else {
                        "was killed"
                    },
                    secs(b.elapsed),
                    list_some(&b.last_lines, 6)
                ));
                self.rep
                    .check(ok, "kmake's bzImage boots to the banner", &detail);
                match b.banner {
                    Some((_, t)) => format!("banner after {}", secs(t)),
                    None => "no banner".into(),
                }
            }
        };
        Ok(self.rep.end("boot", figures))
    }

    // ---- step 5 ------------------------------------------------------

    fn compile_commands(&mut self) -> Result<bool> {
        self.rep.begin(
            "compile-commands",
            "make's (gen_compile_commands.py, built tree a) vs kmake's (unbuilt tree c)",
        );
        let out = "compile_commands.json";
        let _ = std::fs::remove_file(self.a.join(out));
        let _ = std::fs::remove_file(self.c.join(out));
        let (rm, wm) = self.run(&self.make, &self.a, &[out])?;
        let (rk, wk) = self.run(&self.kmake, &self.c, &[out])?;
        let gen = rk
            .stdout
            .lines()
            .find(|l| l.contains("from evaluation"))
            .map(|l| l.trim().to_string())
            .unwrap_or_else(|| "(no `from evaluation` line)".into());
        let figures = format!(
            "make {} (after the build), kmake {} (unbuilt tree, peak RSS {})",
            secs(rm.elapsed),
            secs(rk.elapsed),
            mib(rk.max_rss_kib)
        );
        if rm.status != 0 || rk.status != 0 {
            self.rep.fail(
                "both write compile_commands.json",
                &format!(
                    "make: {wm}\n  exit {}; stderr ends with:\n{}\nkmake: {wk}\n  exit {}; stderr ends with:\n{}",
                    rm.status,
                    tail(&rm.stderr, 8),
                    rk.status,
                    tail(&rk.stderr, 8)
                ),
            );
            return Ok(self.rep.end("compile-commands", figures));
        }
        self.rep
            .info("kmake's message", &format!("{gen}\n{figures}"));
        compare_compdbs(
            &mut self.rep,
            &self.a.join(out),
            &self.c.join(out),
            &self.site.path(),
        )?;
        // Nothing of the kernel may be built. Host objects (fixdep, conf) are
        // what a config sync may build, as with make; they are listed only.
        let (host, built): (Vec<String>, Vec<String>) = list_files(&self.c)?
            .into_iter()
            .filter(|f| f.ends_with(".o") || f == "vmlinux")
            .partition(|f| f.starts_with("scripts/") || f.starts_with("tools/"));
        self.rep.check(
            built.is_empty(),
            "kmake wrote it without building the kernel (no kernel object in c)",
            &if built.is_empty() {
                format!(
                    "no kernel object and no vmlinux in c; host objects: {}{}",
                    host.len(),
                    list_some(&host, 4)
                )
            } else {
                format!("{} objects in c:{}", built.len(), list_some(&built, 8))
            },
        );
        Ok(self.rep.end("compile-commands", figures))
    }

    // ---- step 6 ------------------------------------------------------

    fn interchange(&mut self) -> Result<bool> {
        self.rep.begin(
            "interchange",
            "each tool in the other's built tree rebuilds nothing",
        );
        let args = self.build_args();
        let base_m = self.outcome(&self.make, &self.a, &args)?;
        // Twice in a row at the site: the second run replays kmake's no-op
        // memo (a rename of the tree, as between the other runs, voids it).
        let (base_k, replay_k) = self.site.with(&self.b, |obj| {
            let mut two = Vec::new();
            for _ in 0..2 {
                let before = Snapshot::take(obj)?;
                let (run, what) = self.kmake.run(&self.src, obj, &args)?;
                let after = Snapshot::take(obj)?;
                two.push(Outcome {
                    messages: kbuild_messages(&run.stdout, obj),
                    changed: before.changes(&after),
                    run,
                    what,
                });
            }
            let second = two.pop().context("two runs")?;
            let first = two.pop().context("two runs")?;
            Ok((first, second))
        })?;
        let cross_k = self.outcome(&self.kmake, &self.a, &args)?;
        let cross_m = self.outcome(&self.make, &self.b, &args)?;
        let summary = |o: &Outcome| {
            format!(
                "exit {}, {}, {} kbuild messages, {} files rewritten",
                o.run.status,
                secs(o.run.elapsed),
                o.messages.len(),
                o.changed.len()
            )
        };
        self.rep.info(
            "no-op of each tool in its own tree (what kbuild always does)",
            &format!(
                "make in a:  {}{}\n  rewrote:{}\nkmake in b: {}{}\n  rewrote:{}",
                summary(&base_m),
                list_some(&base_m.messages, 12),
                list_some(&base_m.changed, 12),
                summary(&base_k),
                list_some(&base_k.messages, 12),
                list_some(&base_k.changed, 12)
            ),
        );
        let always = base_m.changed.clone();
        self.compare_outcomes(
            "no-op: kmake in its tree does what make does in its tree",
            &base_m,
            &base_k,
            ("make in a", "kmake in b"),
            &always,
        );
        self.compare_outcomes(
            "no-op again: kmake's replayed no-op does what make's no-op does",
            &base_m,
            &replay_k,
            ("make in a", "kmake in b, again"),
            &always,
        );
        self.compare_outcomes(
            "kmake in make's tree a rebuilds nothing",
            &base_k,
            &cross_k,
            ("kmake in b", "kmake in a"),
            &always,
        );
        self.compare_outcomes(
            "make in kmake's tree b rebuilds nothing",
            &base_m,
            &cross_m,
            ("make in a", "make in b"),
            &always,
        );
        self.always_rewritten = always;
        Ok(self.rep.end(
            "interchange",
            format!(
                "no-op: make {}, kmake {} (again {}); crossed: kmake {}, make {}",
                secs(base_m.run.elapsed),
                secs(base_k.run.elapsed),
                secs(replay_k.run.elapsed),
                secs(cross_k.run.elapsed),
                secs(cross_m.run.elapsed)
            ),
        ))
    }

    /// One check: both exit 0, print the same messages, rewrite the same
    /// files. Files in `always` (those make's no-op rewrites with the same
    /// contents every time: the generated Makefile, the `source` and
    /// `arch/x86_64/boot/bzImage` symlinks, `.missing-syscalls.d`) may be
    /// rewritten by one and not the other: that is noted, not failed.
    fn compare_outcomes(
        &mut self,
        what: &str,
        x: &Outcome,
        y: &Outcome,
        label: (&str, &str),
        always: &BTreeSet<String>,
    ) {
        let (lx, ly) = label;
        let mut problems = Vec::new();
        for (o, l) in [(x, lx), (y, ly)] {
            if o.run.status != 0 {
                problems.push(format!("{l} failed: {}", o.exit_line()));
            }
        }
        if let Some(d) = set_difference(&x.messages, &y.messages, lx, ly) {
            problems.push(format!("kbuild messages differ: {d}"));
        }
        let tolerated: BTreeSet<String> = x
            .changed
            .symmetric_difference(&y.changed)
            .filter(|f| always.contains(*f))
            .cloned()
            .collect();
        let xc: BTreeSet<String> = x.changed.difference(&tolerated).cloned().collect();
        let yc: BTreeSet<String> = y.changed.difference(&tolerated).cloned().collect();
        if let Some(d) = set_difference(&xc, &yc, lx, ly) {
            problems.push(format!("rewritten files differ: {d}"));
        }
        if problems.is_empty() {
            let mut detail = format!(
                "{} messages, {} files rewritten, as with {lx} ({} vs {})",
                y.messages.len(),
                yc.len(),
                secs(x.run.elapsed),
                secs(y.run.elapsed)
            );
            if !tolerated.is_empty() {
                detail.push_str(&format!(
                    "\nrewritten by only one of them, files kbuild rewrites on every run with \
                     the same contents:{}",
                    list_some(&tolerated, 6)
                ));
            }
            self.rep.pass(what, &detail);
        } else {
            self.rep.fail(what, &problems.join("\n"));
        }
    }

    // ---- step 7 ------------------------------------------------------

    /// The scenarios run as two sequences: kmake's in b, the tree staying at
    /// the site throughout (so its no-op memo lives from run to run, and the
    /// scenarios test that each change voids it), then make's in a, in a
    /// copy of the source tree taken before, that gets the same changes.
    fn incremental(&mut self) -> Result<bool> {
        self.rep.begin(
            "incremental",
            "the same changes in sequence: kmake in b, then make in a (on a copy of the sources)",
        );
        let scenarios: [(&str, Scenario); 7] = [
            ("no-op", Scenario::Nothing),
            ("no-op again (kmake replays its memo)", Scenario::Nothing),
            ("touch a .c file", Scenario::Touch(TOUCH_C)),
            ("touch a widely included header", Scenario::Touch(TOUCH_H)),
            (
                "toggle a CONFIG value, olddefconfig",
                Scenario::Toggle(TOGGLE),
            ),
            ("add ccflags-y to a Makefile", Scenario::Flag),
            ("no-op after the changes", Scenario::Nothing),
        ];
        // From here on a has its own copy of the sources: each tree stays
        // consistent with the sources it went through the changes with.
        self.site.split_sources(&self.b, &self.a)?;
        let k = self
            .site
            .with(&self.b, |obj| self.sequence(&self.kmake, obj, &scenarios))?;
        let m = self
            .site
            .with(&self.a, |obj| self.sequence(&self.make, obj, &scenarios))?;
        let mut always = self.always_rewritten.clone();
        always.extend(m[0].1.changed.iter().cloned());
        let mut figures = Vec::new();
        for (((name, _), (change, om)), (_, ok_)) in scenarios.iter().zip(&m).zip(&k) {
            self.compare_outcomes(
                &format!("{name} ({change})"),
                om,
                ok_,
                ("make in a", "kmake in b"),
                &always,
            );
            figures.push(format!(
                "{name}: {} files, make {:.1} s, kmake {:.2} s",
                om.changed.len(),
                om.run.elapsed.as_secs_f64(),
                ok_.run.elapsed.as_secs_f64()
            ));
        }
        self.compare_objects("after the scenarios")?;
        self.rep.info("scenario figures", &figures.join("\n"));
        Ok(self
            .rep
            .end("incremental", format!("{} scenarios", figures.len())))
    }

    /// One tool through all scenarios in the tree at `obj`, each change
    /// made just before its run.
    fn sequence(
        &self,
        tool: &Runner,
        obj: &Path,
        scenarios: &[(&str, Scenario)],
    ) -> Result<Vec<(String, Outcome)>> {
        let mut out = Vec::new();
        for (_, sc) in scenarios {
            let before = Snapshot::take(obj)?;
            let change = self.apply(sc, obj)?;
            let mut status = 0;
            let mut config_stdout = String::new();
            let mut elapsed = Duration::ZERO;
            if matches!(sc, Scenario::Toggle(_)) {
                let (r, what) = tool.run(&self.src, obj, &["olddefconfig"])?;
                if r.status != 0 {
                    status = r.status;
                    println!("{what}: exit {}\n{}", r.status, tail(&r.stderr, 8));
                }
                elapsed += r.elapsed;
                config_stdout = r.stdout;
            }
            let (mut run, what) = tool.run(&self.src, obj, &self.build_args())?;
            if status != 0 {
                run.status = status;
            }
            run.elapsed += elapsed;
            let after = Snapshot::take(obj)?;
            let mut messages = kbuild_messages(&run.stdout, obj);
            messages.extend(kbuild_messages(&config_stdout, obj));
            out.push((
                change,
                Outcome {
                    messages,
                    changed: before.changes(&after),
                    run,
                    what,
                },
            ));
        }
        Ok(out)
    }

    /// Makes a scenario's change in the source tree or in the `.config` of
    /// the objtree at `obj`; returns a description of it.
    fn apply(&self, sc: &Scenario, obj: &Path) -> Result<String> {
        Ok(match sc {
            Scenario::Nothing => "nothing changed".into(),
            Scenario::Touch(f) => {
                rewrite(&self.src.join(f), str::to_string)?;
                format!("{f} rewritten, same text")
            }
            Scenario::Toggle(sym) => {
                let off = format!("# {sym} is not set");
                let on = format!("{sym}=y");
                let p = obj.join(".config");
                let text = std::fs::read_to_string(&p)?;
                let mut now = None;
                let new: String = text
                    .lines()
                    .map(|l| {
                        let l = if l == off {
                            now = Some(on.clone());
                            on.as_str()
                        } else if l == on {
                            now = Some(off.clone());
                            off.as_str()
                        } else {
                            l
                        };
                        format!("{l}\n")
                    })
                    .collect();
                let Some(now) = now else {
                    bail!("{} has no line for {sym}", p.display());
                };
                std::fs::write(&p, new)?;
                format!("`{now}` in .config")
            }
            Scenario::Flag => {
                let path = self.src.join(FLAG_MAKEFILE);
                let mut added = true;
                rewrite(&path, |t| {
                    if let Some(rest) = t.strip_suffix(&format!("{FLAG_LINE}\n")) {
                        added = false;
                        rest.to_string()
                    } else {
                        format!("{t}{FLAG_LINE}\n")
                    }
                })?;
                format!(
                    "`{FLAG_LINE}` {} {FLAG_MAKEFILE}",
                    if added { "added to" } else { "removed from" }
                )
            }
        })
    }
}

enum Scenario {
    Nothing,
    Touch(&'static str),
    Toggle(&'static str),
    Flag,
}

/// The files compared byte for byte as build results.
fn is_object(f: &str) -> bool {
    f.ends_with(".o") || f.ends_with(".a") || f == "vmlinux" || f == "arch/x86/boot/bzImage"
}

/// Sizes and the first differing offset; for archives, the member lists.
fn describe_binary_difference(a: &Path, b: &Path, f: &str, x: &[u8], y: &[u8]) -> String {
    let at = x
        .iter()
        .zip(y.iter())
        .position(|(p, q)| p != q)
        .unwrap_or(x.len().min(y.len()));
    let mut s = format!(
        "{} vs {} bytes, first difference at offset {at:#x}",
        x.len(),
        y.len()
    );
    if f.ends_with(".a") {
        // `ar t` names a thin archive's members by their paths: as `$O/...`.
        let members = |p: &Path| {
            Command::new("ar")
                .arg("t")
                .arg(p.join(f))
                .output()
                .map(|o| {
                    String::from_utf8_lossy(&o.stdout).replace(p.to_string_lossy().as_ref(), "$O")
                })
                .unwrap_or_default()
        };
        let (ma, mb) = (members(a), members(b));
        if ma == mb {
            s.push_str(&format!("; the same {} members", ma.lines().count()));
        } else {
            let la: BTreeSet<String> = ma.lines().map(str::to_string).collect();
            let lb: BTreeSet<String> = mb.lines().map(str::to_string).collect();
            s.push_str("; members differ: ");
            s.push_str(
                &set_difference(&la, &lb, "make", "kmake")
                    .unwrap_or_else(|| "same members, another order".into()),
            );
        }
    }
    s
}

/// What the boot showed.
struct Boot {
    /// The banner line and when it came.
    banner: Option<(String, Duration)>,
    exited_by_itself: bool,
    elapsed: Duration,
    last_lines: Vec<String>,
}

/// Boots `image` with qemu-system-x86_64 (TCG), reading the serial console
/// until the banner shows (then up to 15 s more, or until qemu exits, to
/// show how the boot ends) or `limit` passes. qemu is killed at the end.
fn boot(image: &Path, limit: Duration) -> Result<Boot> {
    let qemu = resolve_program("qemu-system-x86_64")
        .context("qemu-system-x86_64 is not installed: run scripts/setup-qemu.sh")?;
    if !image.is_file() {
        bail!("{} is missing", image.display());
    }
    let mut cmd = Command::new(&qemu);
    cmd.args([
        "-nographic",
        "-no-reboot",
        "-m",
        "256",
        "-accel",
        "tcg",
        "-kernel",
    ])
    .arg(image)
    .args(["-append", "console=ttyS0 panic=-1"])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .process_group(0);
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", qemu.display()))?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    for pipe in [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut pipe = pipe;
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    let mut console = Vec::new();
    let mut banner: Option<(String, Duration)> = None;
    let mut deadline = start + limit;
    let mut exited = false;
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        match rx.recv_timeout((deadline - now).min(Duration::from_millis(200))) {
            Ok(chunk) => console.extend_from_slice(&chunk),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                exited = true;
                break;
            }
        }
        if banner.is_none() {
            let text = String::from_utf8_lossy(&console);
            if let Some(l) = text.lines().find(|l| l.contains("Linux version 6.12")) {
                let l = l.trim_end_matches('\r').to_string();
                banner = Some((l, start.elapsed()));
                deadline = deadline.min(Instant::now() + Duration::from_secs(15));
            }
        }
        if let Ok(Some(_)) = child.try_wait() {
            exited = true;
            // Let the readers deliver what is left.
            while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
                console.extend_from_slice(&chunk);
            }
            break;
        }
    }
    let elapsed = start.elapsed();
    if !exited {
        let _ = child.kill();
    }
    let _ = child.wait();
    if banner.is_none() {
        let text = String::from_utf8_lossy(&console);
        if let Some(l) = text.lines().find(|l| l.contains("Linux version 6.12")) {
            banner = Some((l.trim_end_matches('\r').to_string(), elapsed));
        }
    }
    let text = String::from_utf8_lossy(&console);
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let last_lines = lines[lines.len().saturating_sub(6)..].to_vec();
    Ok(Boot {
        banner,
        exited_by_itself: exited,
        elapsed,
        last_lines,
    })
}

fn main() -> ExitCode {
    check_exit("kbuild-check", real_main())
}

fn real_main() -> Result<bool> {
    let Some(args) = RunnerArgs::parse(USAGE, &["--only", "--work", "--jobs", "--boot-timeout"])?
    else {
        return Ok(true);
    };
    let (jobs, boot_timeout) = (
        args.count("--jobs", 2)?,
        args.seconds("--boot-timeout", 60)?,
    );
    let (only, work) = (args.value("--only"), args.value("--work"));
    let (tree, kmake, make, keep) = (args.tree, args.kmake, args.make, args.keep);
    let requested: Vec<&'static str> = match only.as_deref() {
        None => STEPS.to_vec(),
        Some(s) => match STEPS.iter().find(|x| **x == s) {
            Some(x) => vec![*x],
            None => bail!("--only {s}: expected one of {}", STEPS.join(" ")),
        },
    };
    let reference = kernel_tree(tree.as_deref())?;
    let make_path = resolve_program(&make.unwrap_or_else(default_reference_make))?;
    let kmake_path = kmake_or_build(kmake.as_deref())?;
    // Kept alive to the end: removes the work folder on drop unless kept.
    let (_guard, work) = match work {
        Some(w) => {
            let w = std::path::absolute(PathBuf::from(w))?;
            std::fs::create_dir_all(&w)?;
            (None, w)
        }
        None => {
            let g = kmake_conformance::kernel_make::WorkDir::new("kbuild-check", keep)?;
            let p = g.path.clone();
            (Some(g), p)
        }
    };
    let [a, b, c] = objtrees(&work);
    let site = Site::new(&work)?;
    let mut ck = Check {
        site,
        src: work.join("src"),
        a,
        b,
        c,
        make: Runner::new("make", make_path.clone(), &make_path, DEFAULT_TIMEOUT),
        kmake: Runner::new("kmake", kmake_path, &make_path, DEFAULT_TIMEOUT),
        jobs: format!("-j{jobs}"),
        boot_timeout: Duration::from_secs(boot_timeout),
        always_rewritten: BTreeSet::new(),
        work,
        rep: Report::default(),
    };
    let start = Instant::now();
    println!("reference tree: {}", reference.display());
    println!(
        "make:  {} (run as `make`, first in PATH; objtree a-make)",
        ck.make.path.display()
    );
    println!(
        "kmake: {} (objtrees b-kmake and c-unbuilt)",
        ck.kmake.path.display()
    );
    println!(
        "every run at {} (the tree it runs in renamed there)",
        ck.site.path().display()
    );
    println!("work:  {}", ck.work.display());

    let mut done: BTreeMap<&str, bool> = BTreeMap::new();
    let mut order: Vec<&'static str> = Vec::new();
    for step in &requested {
        for n in needs(step) {
            if !requested.contains(n) && !order.contains(n) && !ck.stamp(n).is_file() {
                order.push(n);
            }
        }
        order.push(step);
    }
    for step in order {
        let blocked = needs(step).iter().find(|n| {
            done.get(*n) == Some(&false) || (!done.contains_key(*n) && !ck.stamp(n).is_file())
        });
        if let Some(n) = blocked {
            ck.rep.skipped(step, &format!("needs {n}"));
            done.insert(step, false);
            continue;
        }
        let r = match step {
            "config" => ck.config(&reference),
            "build" => ck.build(),
            "objects" => ck.objects(),
            "boot" => ck.boot(),
            "compile-commands" => ck.compile_commands(),
            "interchange" => ck.interchange(),
            "modules" => ck.modules(),
            "clean" => ck.clean(),
            _ => ck.incremental(),
        };
        let ok = match r {
            Ok(ok) => ok,
            Err(e) => {
                ck.rep
                    .fail(&format!("{step}: could not finish"), &format!("{e:#}"));
                ck.rep.end(step, "harness error".into());
                false
            }
        };
        // Only a failed config or build stops the steps that need it.
        let usable = match step {
            "config" => ck.stamp("config").is_file(),
            "build" => ck.stamp("build").is_file(),
            _ => ok,
        };
        done.insert(step, usable);
    }

    Ok(ck.rep.summary(
        "kbuild-check",
        &format!("summary ({})", secs(start.elapsed())),
    ))
}
