//! Kconfig conformance on the reference kernel: runs the kernel's own flow
//! (`make ... <target>`, which builds and runs C `scripts/kconfig/conf`) and
//! `kmake ... <target>` side by side, and compares `.config`, `auto.conf`,
//! `autoconf.h`, `rustc_cfg` and `auto.conf.cmd` byte for byte.
//!
//! Usage: kconfig-conformance [--tree DIR] [--kmake BIN] [--work DIR] [--filter TEXT]
//! Prints `N/M identical`; exits non-zero on any difference.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};
use kmake_conformance::{
    first_difference, kernel_tree, kmake_binary, mtimes, run, strip_make_noise, touched,
    OUTPUT_FILES,
};

/// One comparison: targets run in order in a fresh object tree.
struct Case {
    name: String,
    arch: String,
    targets: Vec<String>,
    /// A config file to start from (Debian's), if any.
    start: Option<PathBuf>,
    env: Vec<(String, String)>,
    /// Extra files to compare (e.g. `defconfig` from savedefconfig).
    extra: Vec<String>,
    /// Compare stdout too (listnewconfig).
    stdout: bool,
}

impl Case {
    fn new(name: &str, arch: &str, targets: &[&str]) -> Case {
        Case {
            name: name.to_string(),
            arch: arch.to_string(),
            targets: targets.iter().map(|s| s.to_string()).collect(),
            start: None,
            env: Vec::new(),
            extra: Vec::new(),
            stdout: false,
        }
    }
}

fn defconfig_targets(tree: &Path, srcarch: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(tree.join("arch").join(srcarch).join("configs"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.retain(|n| n == "defconfig" || n.ends_with("_defconfig"));
    v.sort();
    v
}

fn fragments(tree: &Path, srcarch: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(tree.join("arch").join(srcarch).join("configs"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.retain(|n| n.ends_with(".config"));
    v.sort();
    v
}

fn debian_configs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("/usr/src/linux-config-6.12")
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".xz"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn cases(tree: &Path) -> Vec<Case> {
    let mut v = Vec::new();
    for arch in ["x86_64", "i386"] {
        for d in defconfig_targets(tree, "x86") {
            v.push(Case::new(&format!("{arch} {d}"), arch, &[&d]));
        }
        for t in [
            "allnoconfig",
            "allyesconfig",
            "allmodconfig",
            "alldefconfig",
            "tinyconfig",
        ] {
            v.push(Case::new(&format!("{arch} {t}"), arch, &[t]));
        }
    }
    for f in fragments(tree, "x86") {
        if f != "tiny.config" {
            v.push(Case::new(
                &format!("x86_64 x86_64_defconfig {f}"),
                "x86_64",
                &["x86_64_defconfig", &f],
            ));
        }
    }
    for arch in ["arm64", "riscv"] {
        for d in defconfig_targets(tree, arch) {
            v.push(Case::new(&format!("{arch} {d}"), arch, &[&d]));
        }
    }
    for cfg in debian_configs() {
        let name = cfg
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .trim_end_matches(".xz")
            .to_string();
        let mut c = Case::new(
            &format!("x86_64 olddefconfig of Debian {name}"),
            "x86_64",
            &["olddefconfig"],
        );
        c.start = Some(cfg.clone());
        v.push(c);
        let mut c = Case::new(
            &format!("x86_64 listnewconfig of Debian {name}"),
            "x86_64",
            &["listnewconfig"],
        );
        c.start = Some(cfg);
        c.stdout = true;
        v.push(c);
    }
    // What a newcomer types: no ARCH (from `uname -m`), the arch's default.
    v.push(Case::new("host defconfig (no ARCH)", "", &["defconfig"]));
    let mut c = Case::new(
        "x86_64 x86_64_defconfig savedefconfig",
        "x86_64",
        &["x86_64_defconfig", "savedefconfig"],
    );
    c.extra.push("defconfig".into());
    v.push(c);
    for seed in ["0x1234", "42"] {
        let mut c = Case::new(
            &format!("x86_64 randconfig KCONFIG_SEED={seed}"),
            "x86_64",
            &["randconfig"],
        );
        c.env.push(("KCONFIG_SEED".into(), seed.into()));
        c.stdout = true;
        v.push(c);
    }
    v
}

fn unpack_xz(src: &Path, dst: &Path) -> Result<()> {
    let out = Command::new("xz").arg("-dc").arg(src).output()?;
    if !out.status.success() {
        bail!("xz -dc {} failed", src.display());
    }
    std::fs::write(dst, out.stdout)?;
    Ok(())
}

/// Runs `prog` (make or kmake) for a case in `obj`.
fn run_tool(prog: &Path, tree: &Path, obj: &Path, case: &Case) -> Result<kmake_conformance::Run> {
    let mut cmd = Command::new(prog);
    cmd.arg("-s")
        .arg("-C")
        .arg(tree)
        .arg(format!("O={}", obj.display()));
    if !case.arch.is_empty() {
        cmd.arg(format!("ARCH={}", case.arch));
    }
    cmd.args(&case.targets);
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    cmd.env_remove("KBUILD_OUTPUT")
        .env_remove("ARCH")
        .env_remove("CROSS_COMPILE")
        .env_remove("LLVM");
    run(&mut cmd)
}

fn prepare(obj: &Path, case: &Case) -> Result<()> {
    let _ = std::fs::remove_dir_all(obj);
    std::fs::create_dir_all(obj)?;
    if let Some(cfg) = &case.start {
        unpack_xz(cfg, &obj.join(".config"))?;
    }
    Ok(())
}

fn compare(c_obj: &Path, k_obj: &Path, case: &Case) -> Vec<String> {
    let mut diffs = Vec::new();
    for f in OUTPUT_FILES
        .iter()
        .map(|s| s.to_string())
        .chain(case.extra.iter().cloned())
    {
        if let Some(d) = first_difference(&c_obj.join(&f), &k_obj.join(&f)) {
            diffs.push(format!("{f}: {d}"));
        }
    }
    let (a, b) = (
        mtimes(&c_obj.join("include/config")),
        mtimes(&k_obj.join("include/config")),
    );
    let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
    if ka != kb {
        diffs.push(format!(
            "include/config/ stamps differ: {} vs {} files",
            ka.len(),
            kb.len()
        ));
    }
    diffs
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let tree = kernel_tree(opt("--tree"))?;
    let kmake = kmake_binary(opt("--kmake"))?;
    let work = match opt("--work") {
        Some(w) => PathBuf::from(w),
        None => std::env::temp_dir().join(format!("kmake-conformance-{}", std::process::id())),
    };
    let filter = opt("--filter").map(str::to_string);
    let make = PathBuf::from("make");
    std::fs::create_dir_all(&work)?;
    println!("reference tree: {}", tree.display());
    println!("kmake: {}", kmake.display());

    let mut all = cases(&tree);
    if let Some(f) = &filter {
        all.retain(|c| c.name.contains(f.as_str()));
    }
    let (mut same, mut msgs_same, total) = (0, 0, all.len() + 1);
    let (mut t_make, mut t_kmake) = (0.0f64, 0.0f64);
    for (i, case) in all.iter().enumerate() {
        let c_obj = work.join(format!("c{i}"));
        let k_obj = work.join(format!("k{i}"));
        prepare(&c_obj, case)?;
        prepare(&k_obj, case)?;
        let rc = run_tool(&make, &tree, &c_obj, case)?;
        let rk = run_tool(&kmake, &tree, &k_obj, case)?;
        t_make += rc.elapsed.as_secs_f64();
        t_kmake += rk.elapsed.as_secs_f64();
        let mut diffs = compare(&c_obj, &k_obj, case);
        if rc.status != rk.status {
            diffs.push(format!(
                "exit status {} (make) vs {} (kmake)",
                rc.status, rk.status
            ));
        }
        if case.stdout && strip_make_noise(&rc.stdout) != strip_make_noise(&rk.stdout) {
            diffs.push(format!(
                "stdout differs:\n--- make\n{}--- kmake\n{}",
                strip_make_noise(&rc.stdout)
                    .lines()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n",
                strip_make_noise(&rk.stdout)
                    .lines()
                    .take(5)
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            ));
        }
        let msgs_ok = strip_make_noise(&rc.stderr) == strip_make_noise(&rk.stderr);
        if msgs_ok {
            msgs_same += 1;
        }
        if diffs.is_empty() {
            same += 1;
            println!(
                "identical  {:<55} make {:>6.2}s  kmake {:>6.2}s{}",
                case.name,
                rc.elapsed.as_secs_f64(),
                rk.elapsed.as_secs_f64(),
                if msgs_ok { "" } else { "  (warnings differ)" }
            );
        } else {
            println!("DIFFERENT  {}", case.name);
            for d in &diffs {
                println!("    {}", d.replace('\n', "\n    "));
            }
        }
        if !msgs_ok {
            let (a, b) = (strip_make_noise(&rc.stderr), strip_make_noise(&rk.stderr));
            let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
            let i = la
                .iter()
                .zip(lb.iter())
                .position(|(p, q)| p != q)
                .unwrap_or(la.len().min(lb.len()));
            println!(
                "    stderr differs at line {}: make {:?} / kmake {:?}",
                i + 1,
                la.get(i),
                lb.get(i)
            );
        }
        let _ = std::fs::remove_dir_all(&c_obj);
        let _ = std::fs::remove_dir_all(&k_obj);
    }

    // syncconfig: change one symbol, compare the touched include/config stamps.
    let sync_ok = syncconfig_case(&make, &kmake, &tree, &work)?;
    if sync_ok {
        same += 1;
    }
    println!(
        "{same}/{total} identical ({msgs_same}/{} with identical warnings)",
        total - 1
    );
    println!(
        "time: make {t_make:.1}s, kmake {t_kmake:.1}s over {} cases",
        total - 1
    );
    let _ = std::fs::remove_dir_all(&work);
    if same != total {
        bail!("{} case(s) differ", total - same);
    }
    Ok(())
}

fn syncconfig_case(make: &Path, kmake: &Path, tree: &Path, work: &Path) -> Result<bool> {
    let case = Case::new(
        "x86_64 syncconfig after one change",
        "x86_64",
        &["x86_64_defconfig"],
    );
    let (c_obj, k_obj) = (work.join("sync-c"), work.join("sync-k"));
    prepare(&c_obj, &case)?;
    prepare(&k_obj, &case)?;
    run_tool(make, tree, &c_obj, &case)?;
    run_tool(kmake, tree, &k_obj, &case)?;
    let mut touched_sets = Vec::new();
    for (prog, obj) in [(make, &c_obj), (kmake, &k_obj)] {
        let cfg = obj.join(".config");
        let text = std::fs::read_to_string(&cfg)?;
        let changed = text.replace("CONFIG_NFS_FS=y\n", "# CONFIG_NFS_FS is not set\n");
        std::fs::write(&cfg, changed)?;
        let before = mtimes(&obj.join("include/config"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let sync = Case::new("sync", "x86_64", &["syncconfig"]);
        let r = run_tool(prog, tree, obj, &sync)?;
        if r.status != 0 {
            println!(
                "DIFFERENT  {}: {} failed: {}",
                case.name,
                prog.display(),
                r.stderr
            );
        }
        touched_sets.push(touched(&before, &mtimes(&obj.join("include/config"))));
    }
    let mut diffs = compare(&c_obj, &k_obj, &case);
    if touched_sets[0] != touched_sets[1] {
        diffs.push(format!(
            "touched stamps differ:\n  make:  {:?}\n  kmake: {:?}",
            touched_sets[0], touched_sets[1]
        ));
    }
    if touched_sets[0].is_empty() {
        diffs.push("the change touched no stamp: the test did not exercise anything".into());
    }
    if diffs.is_empty() {
        println!(
            "identical  {} ({} stamps touched: {})",
            case.name,
            touched_sets[0].len(),
            touched_sets[0].join(" ")
        );
    } else {
        println!("DIFFERENT  {}", case.name);
        for d in diffs.iter() {
            println!("    {}", d.replace('\n', "\n    "));
        }
    }
    Ok(diffs.is_empty())
}
