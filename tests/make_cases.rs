//! GNU make conformance cases: runs the `kmake` binary (invoked as `make`, in
//! GNU make mode: no Kconfig tree) on every case under `tests/make/cases/` in a
//! fresh temporary tree and compares status, stdout, stderr and the files it
//! created, changed or removed with the committed recording, which GNU make
//! 4.4.1 produced (see `tests/make/README.md`; never generated from kmake).
//!
//! Environment:
//! - `MAKE_CASE=text`: only the cases whose name (`area/name`) contains `text`;
//! - `MAKE_CASES_ALLOW_FAIL=1`: print the summary, but do not fail;
//! - `MAKE_CASES_DIFFS=n`: print the diffs of at most `n` failing cases (20);
//! - `MAKE_CASES_ACTUAL=dir`: keep kmake's result of failing cases in
//!   `dir/<area>/<name>.actual`;
//! - `MAKE_CASES_JOBS=n`: run `n` cases at a time (default: the CPUs).

use std::io::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "conformance/src/fixture.rs"]
mod fixture;
#[allow(dead_code)]
#[path = "conformance/src/make_cases.rs"]
mod make_cases;

use make_cases::{Case, Flavor};

/// Tells the run's summary even when libtest captures the test's output.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

#[test]
fn make_cases() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let kmake = Path::new(env!("CARGO_BIN_EXE_kmake"));
    let filter = std::env::var("MAKE_CASE").unwrap_or_default();
    let allow_fail =
        std::env::var("MAKE_CASES_ALLOW_FAIL").is_ok_and(|v| !v.is_empty() && v != "0");
    let max_diffs: usize = std::env::var("MAKE_CASES_DIFFS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let keep = std::env::var_os("MAKE_CASES_ACTUAL").map(std::path::PathBuf::from);

    let cases = make_cases::load_all(&make_cases::cases_root(&workspace))
        .unwrap_or_else(|e| panic!("loading the cases: {e}"));
    let cases: Vec<&Case> = cases.iter().filter(|c| c.name.contains(&filter)).collect();
    assert!(!cases.is_empty(), "no case matches MAKE_CASE={filter:?}");

    let results = make_cases::run_parallel(&cases, make_cases::default_jobs(), |c| {
        let actual = c.run(kmake, Flavor::Kmake);
        (actual, c.expected())
    });
    let mut failed = Vec::new();
    for (case, (actual, expected)) in cases.iter().zip(results) {
        let actual = actual.unwrap_or_else(|e| panic!("{}: running kmake: {e}", case.name));
        let expected = match expected {
            Ok(Some(e)) => e,
            Ok(None) => panic!(
                "{}: no recording; record it from GNU make with make-cases-check --write",
                case.name
            ),
            Err(e) => panic!("{}: reading the recording: {e}", case.name),
        };
        if actual == expected {
            continue;
        }
        if failed.len() < max_diffs {
            println!(
                "FAIL {}\n{}",
                case.name,
                fixture::unified_diff(
                    "expected (GNU make 4.4.1)",
                    "actual (kmake)",
                    expected.as_bytes(),
                    actual.as_bytes()
                )
            );
        }
        if let Some(dir) = &keep {
            let p = dir.join(format!("{}.actual", case.name));
            if let Some(parent) = p.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(&p, &actual);
        }
        failed.push(case.name.clone());
    }
    // Known divergences: listed with their reason in
    // tests/make/known-divergences.txt; any other failure fails the test, and
    // so does a listed case that passes (the list must stay true).
    let known = known_divergences(&workspace);
    let unexpected: Vec<&String> = failed.iter().filter(|f| !known.contains(f)).collect();
    let fixed: Vec<&String> = known
        .iter()
        .filter(|k| cases.iter().any(|c| &c.name == *k) && !failed.contains(k))
        .collect();
    let (total, passed) = (cases.len(), cases.len() - failed.len());
    if failed.len() > max_diffs {
        println!(
            "({} more failing cases without a diff; MAKE_CASES_DIFFS=n shows more)",
            failed.len() - max_diffs
        );
    }
    if !failed.is_empty() {
        println!("failing cases: {}", failed.join(" "));
    }
    say(&format!("make_cases: {passed}/{total} cases pass"));
    if !fixed.is_empty() {
        println!(
            "listed as known divergences but passing now (remove them from the list): {fixed:?}"
        );
    }
    if (!unexpected.is_empty() || !fixed.is_empty()) && !allow_fail {
        panic!(
            "{} of {total} make cases fail outside tests/make/known-divergences.txt (MAKE_CASE=name runs some; MAKE_CASES_ALLOW_FAIL=1 tolerates failures)",
            unexpected.len()
        );
    }
}

/// Case names listed in `tests/make/known-divergences.txt` (one per line,
/// `area/name  reason`; `#` comments).
fn known_divergences(workspace: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(workspace.join("tests/make/known-divergences.txt"))
        .unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}
