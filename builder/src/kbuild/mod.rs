//! Kernel knowledge on top of the make engine: compile databases made by
//! evaluating kbuild's Makefiles, and the command kbuild would run for a file.

pub mod capture;
pub mod compdb;
pub mod effective;
pub mod noop;
pub mod probes;
pub mod rust_project;
pub mod shellwords;
pub mod syncconfig;

/// Indices of the goal words in a make command line (not options, their
/// arguments, or variable assignments).
pub fn goal_indices(args: &[Vec<u8>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut only_goals = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_goals {
            if !a.contains(&b'=') {
                out.push(i - 1);
            }
            continue;
        }
        if a.as_slice() == b"--" {
            only_goals = true;
            continue;
        }
        if a.starts_with(b"--") {
            if matches!(
                a.as_slice(),
                b"--directory"
                    | b"--file"
                    | b"--makefile"
                    | b"--include-dir"
                    | b"--old-file"
                    | b"--what-if"
                    | b"--new-file"
                    | b"--assume-new"
                    | b"--assume-old"
                    | b"--eval"
            ) {
                i += 1;
            }
            continue;
        }
        if a.first() == Some(&b'-') && a.len() > 1 {
            // A cluster: an option taking an argument ends it.
            for (k, &c) in a.iter().enumerate().skip(1) {
                if b"CfIoWE".contains(&c) {
                    if k + 1 == a.len() {
                        i += 1;
                    }
                    break;
                }
                if c == b'j' || c == b'l' {
                    if k + 1 == a.len()
                        && args.get(i).is_some_and(|n| {
                            !n.is_empty() && n.iter().all(|d| d.is_ascii_digit() || *d == b'.')
                        })
                    {
                        i += 1;
                    }
                    break;
                }
            }
            continue;
        }
        if a.contains(&b'=') {
            continue;
        }
        out.push(i - 1);
    }
    out
}

/// `kmake` on a make command line: the make engine with kbuild's hooks
/// (configuration sync on the Kconfig engine, cached probes), and a no-op
/// build replayed from its memo.
pub fn run_make(
    argv0: Vec<u8>,
    args: Vec<Vec<u8>>,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: std::path::PathBuf,
    make_command: Option<Vec<u8>>,
) -> i32 {
    if let Some((args, ext)) = rust_project::split_external(&args, &cwd) {
        let hooks = crate::make::instance::Hooks {
            command: Some(std::sync::Arc::new(rust_project::RustAnalyzerHook {
                exttree: Some(ext),
            })),
            ..Default::default()
        };
        let inv = Invocation {
            argv0,
            args,
            env,
            cwd,
            make_command,
        };
        return run_make_to(
            std::sync::Arc::new(crate::make::instance::StdOutput),
            inv,
            hooks,
        );
    }
    let inv = Invocation {
        argv0,
        args,
        env,
        cwd,
        make_command,
    };
    match noop::Plan::new(&inv) {
        Some(plan) if plan.replay() => 0,
        Some(plan) => plan.run(inv),
        None => run_make_to(
            std::sync::Arc::new(crate::make::instance::StdOutput),
            inv,
            Default::default(),
        ),
    }
}

/// A make command line for the kbuild layer.
pub struct Invocation {
    pub argv0: Vec<u8>,
    pub args: Vec<Vec<u8>>,
    pub env: Vec<(Vec<u8>, Vec<u8>)>,
    pub cwd: std::path::PathBuf,
    /// What `$(MAKE)` is (`make` for kmake).
    pub make_command: Option<Vec<u8>>,
}

/// The make engine with kbuild's hooks added to the caller's (a recorder,
/// an observer, captured output), make's own messages going to `out`.
pub fn run_make_to(
    out: std::sync::Arc<dyn crate::make::instance::Output>,
    inv: Invocation,
    hooks: crate::make::instance::Hooks,
) -> i32 {
    use crate::make::instance::{Hooks, Shared};
    use std::sync::Arc;
    let shell = Arc::new(probes::KbuildShell::default());
    let hooks = Hooks {
        submake: Some(Arc::new(syncconfig::KconfigSync)),
        shell: Some(shell.clone()),
        command: hooks
            .command
            .or_else(|| Some(Arc::new(rust_project::RustAnalyzerHook::default()))),
        recorder: hooks.recorder,
        observer: hooks.observer,
        stdio: hooks.stdio,
    };
    let shared = Shared::with(out, hooks);
    let st = crate::make::run::run_with(
        shared,
        inv.argv0,
        inv.args,
        inv.env,
        inv.cwd,
        inv.make_command,
    );
    shell.save();
    st
}

/// Writes `data` to `path` through a temporary file and a rename, so a
/// reader never sees half of it.
pub fn write_atomically(path: &std::path::Path, data: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let r = std::fs::write(&tmp, data).and_then(|_| std::fs::rename(&tmp, path));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn goals() {
        let a: Vec<Vec<u8>> = [
            "-C", "x", "O=o", "-j", "2", "all", "-kf", "M", "b", "--", "c",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        assert_eq!(super::goal_indices(&a), vec![5, 8, 10]);
    }
}
