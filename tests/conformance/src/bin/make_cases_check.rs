//! Proves the GNU make case recordings (`tests/make/cases/**/*.expected`)
//! against GNU make 4.4.1: runs the real make on every case in a fresh
//! temporary tree and compares what it did with the recording. With `--write`
//! it (re)records instead, running every case twice so that a result that
//! depends on time or chance is refused. Recordings never come from kmake.
//!
//! Usage: make-cases-check [--write] [--make BIN] [--root DIR] [--filter TEXT] [--jobs N]
//!
//! GNU make is `--make`, else `$KMAKE_GNU_MAKE`, else
//! `<cache>/gnumake-4.4.1/bin/make` (built by `scripts/setup-gnumake.sh`).
//! Prints `N/M recordings match GNU make 4.4.1`; exits non-zero unless all do.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use kmake_conformance::cache_dir;
use kmake_conformance::fixture::unified_diff;
use kmake_conformance::make_cases::{self, Case, Flavor, REFERENCE};

/// The GNU make to run, checked to be version 4.4.1.
fn gnu_make(arg: Option<&str>) -> Result<PathBuf> {
    let p = match arg
        .map(str::to_string)
        .or_else(|| std::env::var("KMAKE_GNU_MAKE").ok())
    {
        Some(p) => PathBuf::from(p),
        None => cache_dir().join("gnumake-4.4.1/bin/make"),
    };
    if !p.is_file() {
        bail!(
            "GNU make 4.4.1 not found at {} (run scripts/setup-gnumake.sh, or set KMAKE_GNU_MAKE)",
            p.display()
        );
    }
    let out = Command::new(&p)
        .arg("--version")
        .output()
        .with_context(|| format!("running {} --version", p.display()))?;
    let version = String::from_utf8_lossy(&out.stdout);
    if version.lines().next() != Some("GNU Make 4.4.1") {
        bail!(
            "{} is not GNU Make 4.4.1 (it says {:?})",
            p.display(),
            version.lines().next().unwrap_or("")
        );
    }
    Ok(p)
}

/// What became of one case.
enum Verdict {
    Match,
    Written,
    Mismatch(String),
    Unstable(String),
}

fn check(make: &Path, case: &Case, write: bool) -> Result<Verdict> {
    let actual = case.run(make, Flavor::Gnu)?;
    let expected = case.expected()?;
    if !write {
        return Ok(match expected {
            Some(e) if e == actual => Verdict::Match,
            Some(e) => Verdict::Mismatch(unified_diff(
                "recorded",
                REFERENCE,
                e.as_bytes(),
                actual.as_bytes(),
            )),
            None => Verdict::Mismatch(format!(
                "no recording ({}); record it with --write\n",
                case.expected_path().display()
            )),
        });
    }
    let again = case.run(make, Flavor::Gnu)?;
    if again != actual {
        return Ok(Verdict::Unstable(unified_diff(
            "first run",
            "second run",
            actual.as_bytes(),
            again.as_bytes(),
        )));
    }
    if expected.as_deref() == Some(actual.as_str()) {
        return Ok(Verdict::Match);
    }
    case.write_expected(&actual)?;
    Ok(Verdict::Written)
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
        None => make_cases::cases_root(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")),
    };
    let filter = opt("--filter").unwrap_or("");
    let jobs = match opt("--jobs") {
        Some(j) => j.parse().context("--jobs")?,
        None => make_cases::default_jobs(),
    };
    let make = gnu_make(opt("--make"))?;
    let cases = make_cases::load_all(&root).map_err(anyhow::Error::msg)?;
    let cases: Vec<&Case> = cases.iter().filter(|c| c.name.contains(filter)).collect();
    let verdicts = make_cases::run_parallel(&cases, jobs, |c| check(&make, c, write));
    let (mut matching, mut written) = (0, 0);
    let mut failed = Vec::new();
    for (case, verdict) in cases.iter().zip(verdicts) {
        match verdict.with_context(|| format!("case {}", case.name))? {
            Verdict::Match => matching += 1,
            Verdict::Written => {
                written += 1;
                println!("wrote    {}", case.name);
            }
            Verdict::Mismatch(diff) => {
                println!("MISMATCH {}:\n{diff}", case.name);
                failed.push(case.name.clone());
            }
            Verdict::Unstable(diff) => {
                println!(
                    "UNSTABLE {} (two runs differ; make the case deterministic):\n{diff}",
                    case.name
                );
                failed.push(case.name.clone());
            }
        }
    }
    let total = cases.len();
    if write {
        println!(
            "{} recordings written, {matching} unchanged, {} unstable (of {total} cases, by {REFERENCE} at {})",
            written,
            failed.len(),
            make.display()
        );
    } else {
        println!("{matching}/{total} recordings match {REFERENCE}");
    }
    if !failed.is_empty() {
        bail!("cases not matching {REFERENCE}: {}", failed.join(", "));
    }
    Ok(())
}
