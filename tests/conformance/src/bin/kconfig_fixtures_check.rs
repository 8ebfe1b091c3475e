//! Proves the Kconfig fixture expectations against the kernel's C `conf`: runs
//! the real tool on every fixture (except `newer-than-6.12` ones) in a fresh
//! object tree and compares what it did with the committed `expected/`.
//! With `--write` it writes `expected/` instead (that is `tests/kconfig/regen.sh`).
//!
//! Usage: kconfig-fixtures-check [--write] [--conf BIN] [--tree DIR] [--root DIR] [--filter TEXT]
//!
//! The C tool is `--conf`, else `$KMAKE_C_CONF`, else built once (with
//! `make allnoconfig` in an object tree under the kmake cache) from the
//! reference kernel (`--tree`, `$KMAKE_KERNEL_SRC`, `<cache>/linux-source-6.12`).
//! Prints `N/M fixtures match C conf`; exits non-zero unless all match.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use kmake_conformance::fixture::{self, Fixture, Outcome};
use kmake_conformance::{cache_dir, kernel_tree};

/// The C `conf` to run, building it when needed.
fn c_conf(arg: Option<&str>, tree_arg: Option<&str>) -> Result<PathBuf> {
    if let Some(p) = arg
        .map(str::to_string)
        .or_else(|| std::env::var("KMAKE_C_CONF").ok())
    {
        let p = PathBuf::from(p);
        if !p.is_file() {
            bail!("C conf {} does not exist", p.display());
        }
        return Ok(p);
    }
    let obj = cache_dir().join("kconfig-c-conf-6.12");
    let conf = obj.join("scripts/kconfig/conf");
    if conf.is_file() {
        return Ok(conf);
    }
    let tree = kernel_tree(tree_arg)?;
    eprintln!(
        "building C conf: make -C {} O={} ARCH=x86_64 allnoconfig",
        tree.display(),
        obj.display()
    );
    std::fs::create_dir_all(&obj)?;
    let out = Command::new("make")
        .arg("-C")
        .arg(&tree)
        .arg(format!("O={}", obj.display()))
        .arg("ARCH=x86_64")
        .arg("allnoconfig")
        .stdin(Stdio::null())
        .output()
        .context("running make")?;
    if !out.status.success() || !conf.is_file() {
        bail!(
            "building C conf failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(conf)
}

/// Runs C `conf` on a fixture in a fresh object tree; returns the normalised
/// result keyed as in `expected/`.
fn run_c(conf: &Path, f: &Fixture) -> Result<BTreeMap<String, Vec<u8>>> {
    let tmp = tempfile::Builder::new()
        .prefix("kconfig-fixture-")
        .tempdir()?;
    let obj = std::fs::canonicalize(tmp.path())?;
    let before = f.prepare(&obj)?;
    let stdin = match std::fs::File::open(f.dir.join("stdin")) {
        Ok(file) => Stdio::from(file),
        Err(_) => Stdio::null(),
    };
    let out = Command::new(conf)
        .args(&f.args)
        .current_dir(&obj)
        .env_clear()
        .envs(f.environment(&obj))
        .stdin(stdin)
        .output()
        .with_context(|| format!("running {}", conf.display()))?;
    let status = match out.status.code() {
        Some(c) => c,
        None => {
            use std::os::unix::process::ExitStatusExt;
            128 + out.status.signal().unwrap_or(0)
        }
    };
    let outcome = Outcome {
        status,
        stdout: out.stdout,
        stderr: out.stderr,
    };
    Ok(f.collect(&obj, &before, &outcome)?)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let write = args.iter().any(|a| a == "--write");
    let root = match opt("--root") {
        Some(r) => PathBuf::from(r),
        None => fixture::fixtures_root(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")),
    };
    let filter = opt("--filter").unwrap_or("");
    let conf = c_conf(opt("--conf"), opt("--tree"))?;
    let fixtures = fixture::load_all(&root).map_err(anyhow::Error::msg)?;
    let (mut total, mut matching, mut skipped) = (0, 0, 0);
    let mut failed = Vec::new();
    for f in fixtures.iter().filter(|f| f.name.contains(filter)) {
        if f.newer.is_some() {
            skipped += 1;
            continue;
        }
        total += 1;
        let actual = run_c(&conf, f).with_context(|| format!("fixture {}", f.name))?;
        let expected = f.expected()?;
        if write {
            // The expectations must not depend on time or chance.
            let again = run_c(&conf, f)?;
            if let Some(d) = f.compare(&again, &actual) {
                bail!("{}: two C runs differ:\n{d}", f.name);
            }
            if expected != actual {
                f.write_expected(&actual)?;
                println!("wrote    {}", f.name);
            }
            matching += 1;
            continue;
        }
        match f.compare(&expected, &actual) {
            None => matching += 1,
            Some(report) => {
                println!("MISMATCH {}: {report}", f.name);
                failed.push(f.name.clone());
            }
        }
    }
    if write {
        println!("{matching} fixture expectations written by C conf ({skipped} newer-than-6.12 fixtures skipped)");
        return Ok(());
    }
    println!(
        "{matching}/{total} fixtures match C conf ({skipped} newer-than-6.12 fixtures not checked)"
    );
    if !failed.is_empty() {
        bail!("fixtures differing from C conf: {}", failed.join(", "));
    }
    Ok(())
}
