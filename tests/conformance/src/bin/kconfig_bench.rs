//! Benchmark: C `conf --olddefconfig` versus `kmake olddefconfig` on
//! x86_64_defconfig of the reference tree, in one run, side by side.
//!
//! The C tool is run directly (not through make) with the environment kbuild
//! gives it; kmake is run as a user would (`kmake -s O=dir olddefconfig`),
//! warm (its `$(shell)` cache filled) and cold (cache deleted first).
//!
//! Usage: kconfig-bench [--tree DIR] [--kmake BIN] [--runs N]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};
use kmake::kconfig::env::kbuild_env;
use kmake::kconfig::host::DirectShell;
use kmake_conformance::{first_difference, kernel_tree, kmake_binary, run, Run};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn check(r: &Run, what: &str) -> Result<()> {
    if r.status != 0 {
        bail!("{what} failed ({}):\n{}{}", r.status, r.stdout, r.stderr);
    }
    Ok(())
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
    let runs: usize = opt("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let work = std::env::temp_dir().join(format!("kmake-bench-{}", std::process::id()));
    let (c_obj, k_obj) = (work.join("c"), work.join("k"));
    std::fs::create_dir_all(&c_obj)?;
    std::fs::create_dir_all(&k_obj)?;

    // Reference objtree (this also builds scripts/kconfig/conf) and kmake's.
    let r = run(Command::new("make")
        .args(["-s", "-C"])
        .arg(&tree)
        .arg(format!("O={}", c_obj.display()))
        .args(["ARCH=x86_64", "x86_64_defconfig"]))?;
    check(&r, "make x86_64_defconfig")?;
    let kmake_cmd = |target: &str| {
        let mut c = Command::new(&kmake);
        c.args(["-s", "-C"])
            .arg(&tree)
            .arg(format!("O={}", k_obj.display()))
            .args(["ARCH=x86_64", target]);
        c
    };
    check(
        &run(&mut kmake_cmd("x86_64_defconfig"))?,
        "kmake x86_64_defconfig",
    )?;

    // The environment kbuild gives conf (proven identical by the conformance run).
    let user_env: BTreeMap<String, String> = std::env::vars().collect();
    let mut cmdline = BTreeMap::new();
    cmdline.insert("ARCH".to_string(), "x86_64".to_string());
    let kenv = kbuild_env(&tree, &c_obj, &user_env, &cmdline, &DirectShell)?;
    let conf = c_obj.join("scripts/kconfig/conf");
    let c_cmd = || {
        let mut c = Command::new(&conf);
        c.args(["-s", "--olddefconfig", "Kconfig"])
            .current_dir(&c_obj)
            .env_clear()
            .envs(&kenv.env);
        c
    };

    let mut c_times = Vec::new();
    let mut warm = Vec::new();
    let mut cold = Vec::new();
    let mut rss = 0i64;
    let mut cold_rss = 0i64;
    let cache: PathBuf = k_obj.join(".kmake");
    for _ in 0..runs {
        let r = run(&mut c_cmd())?;
        check(&r, "C conf --olddefconfig")?;
        c_times.push(r.elapsed.as_secs_f64());
        let r = run(&mut kmake_cmd("olddefconfig"))?;
        check(&r, "kmake olddefconfig")?;
        warm.push(r.elapsed.as_secs_f64());
        rss = rss.max(r.max_rss_kib);
        let _ = std::fs::remove_dir_all(&cache);
        let r = run(&mut kmake_cmd("olddefconfig"))?;
        check(&r, "kmake olddefconfig (cold)")?;
        cold.push(r.elapsed.as_secs_f64());
        cold_rss = cold_rss.max(r.max_rss_kib);
    }
    for f in [
        ".config",
        "include/config/auto.conf",
        "include/generated/autoconf.h",
    ] {
        if let Some(d) = first_difference(&c_obj.join(f), &k_obj.join(f)) {
            bail!("outputs differ ({f}): {d}");
        }
    }
    let (c, w, k) = (median(c_times), median(warm), median(cold));
    println!(
        "olddefconfig of x86_64_defconfig, {} ({runs} runs, median)",
        tree.display()
    );
    println!("  C conf (direct)        {:>8.1} ms", c * 1e3);
    println!(
        "  kmake, warm cache      {:>8.1} ms   {:>5.1}x faster than C conf",
        w * 1e3,
        c / w
    );
    println!(
        "  kmake, cold cache      {:>8.1} ms   {:>5.2}x",
        k * 1e3,
        c / k
    );
    println!(
        "  kmake peak RSS         {:>8.1} MiB (warm), {:.1} MiB (cold)",
        rss as f64 / 1024.0,
        cold_rss as f64 / 1024.0
    );
    let _ = std::fs::remove_dir_all(&work);
    let _ = Path::new(&work);
    Ok(())
}
