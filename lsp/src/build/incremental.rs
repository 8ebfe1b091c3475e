//! Builds of the object tree: the whole tree or the object of one source
//! file (`make dir/foo.o`), run by the `kmake` binary as a child process
//! whose output is captured, parsed into compiler diagnostics, reported line
//! by line as progress, and which is killed (its whole process group) on
//! cancellation.
//!
//! Why a child process and not the in-process make engine: the engine's
//! only way to stop a running make is its fatal-signal path
//! (`make::signals`), which is process-wide and ends the process once the
//! makes have cleaned up; and child processes of an in-process make inherit
//! the server's descriptors. A child `kmake` can be stopped like `make` on
//! Ctrl-C, and its output never reaches the protocol channel.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::compiler_output::{CompilerDiagnostic, OutputParser};
use super::invocation::{make_vars, require_trusted};
use crate::settings::Settings;
use crate::workspace::Layout;

/// A shared flag that asks a running build to stop.
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn new() -> CancelToken {
        CancelToken::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildTarget {
    /// The default goal (`make`).
    Tree,
    /// The object of a source file (`make init/main.o` for `init/main.c`).
    File(PathBuf),
    /// These goals.
    Goals(Vec<String>),
}

/// How a build ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildResult {
    /// make's exit status; 128 + the signal when killed.
    pub exit_code: i32,
    pub cancelled: bool,
    /// Everything it printed (standard output and error, in arrival order).
    pub output: String,
    pub diagnostics: Vec<CompilerDiagnostic>,
    /// make's `*** ...` stops and linker errors, as printed.
    pub general_errors: Vec<String>,
    /// The command line run, for the log.
    pub command: String,
}

/// The goal that builds `file` (absolute, or relative to the source tree):
/// its object for C, assembler and Rust sources.
pub fn object_goal(layout: &Layout, file: &Path) -> Result<String, String> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        layout.srctree.join(file)
    };
    let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
    let rel = abs.strip_prefix(&layout.srctree).map_err(|_| {
        format!(
            "{} is not in the source tree {}",
            abs.display(),
            layout.srctree.display()
        )
    })?;
    match rel.extension().and_then(|e| e.to_str()) {
        Some("c" | "S" | "rs") => Ok(rel.with_extension("o").to_string_lossy().into_owned()),
        _ => Err(format!(
            "{}: only C, assembler and Rust sources have an object to build",
            rel.display()
        )),
    }
}

/// The `kmake` binary: `$KMAKE_BIN`, else next to this executable (or one
/// or two directories up, as in `target/debug/deps`), else on `PATH`.
pub fn kmake_binary() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("KMAKE_BIN").map(PathBuf::from) {
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("KMAKE_BIN={}: no such file", p.display()))
        };
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(p) = exe
            .ancestors()
            .skip(1)
            .take(3)
            .map(|d| d.join("kmake"))
            .find(|p| p.is_file())
        {
            return Ok(p);
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        if let Some(p) = std::env::split_paths(&path)
            .map(|d| d.join("kmake"))
            .find(|p| p.is_file())
        {
            return Ok(p);
        }
    }
    Err("no kmake binary: set KMAKE_BIN, or install kmake next to kmake-lsp or on PATH".into())
}

/// The command-line arguments of a build of `goals`.
pub fn make_args(layout: &Layout, settings: &Settings, goals: &[String]) -> Vec<String> {
    let mut args = vec!["-C".to_string(), layout.srctree.display().to_string()];
    if layout.objtree != layout.srctree {
        args.push(format!("O={}", layout.objtree.display()));
    }
    args.extend(make_vars(settings));
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    args.push(format!("-j{jobs}"));
    args.extend(goals.iter().cloned());
    args
}

/// Whether a line is kbuild's short form of a command (`  CC      init/main.o`).
pub fn is_progress_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("  ") else {
        return false;
    };
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "_-[]".contains(c))
        && rest[word.len()..].starts_with(' ')
        && !rest[word.len()..].trim().is_empty()
}

/// Builds `target` (blocking), calling `progress` with each kbuild short
/// command line as it is printed. Stops the build when `cancel` is set.
pub fn build(
    layout: &Layout,
    settings: &Settings,
    target: &BuildTarget,
    cancel: &CancelToken,
    progress: &mut dyn FnMut(&str),
) -> Result<BuildResult, String> {
    require_trusted(settings, "building")?;
    let goals = match target {
        BuildTarget::Tree => Vec::new(),
        BuildTarget::File(f) => vec![object_goal(layout, f)?],
        BuildTarget::Goals(g) => g.clone(),
    };
    let bin = kmake_binary()?;
    let args = make_args(layout, settings, &goals);
    run(&bin, &args, layout, cancel, progress)
}

/// Runs `bin args` in the source tree and collects its output.
pub fn run(
    bin: &Path,
    args: &[String],
    layout: &Layout,
    cancel: &CancelToken,
    progress: &mut dyn FnMut(&str),
) -> Result<BuildResult, String> {
    let command = std::iter::once(bin.display().to_string())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(&layout.srctree)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so that cancelling reaches the compilers.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let (tx, rx) = channel::<String>();
    let mut readers = Vec::new();
    let outs: [Option<Box<dyn Read + Send>>; 2] = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    ];
    for stream in outs.into_iter().flatten() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || {
            let mut r = BufReader::new(stream);
            let mut buf = Vec::new();
            while matches!(r.read_until(b'\n', &mut buf), Ok(n) if n > 0) {
                let line = String::from_utf8_lossy(&buf);
                if tx.send(line.trim_end_matches('\n').to_string()).is_err() {
                    break;
                }
                buf.clear();
            }
        }));
    }
    drop(tx);
    let mut parser = OutputParser::new(&layout.objtree, &layout.srctree);
    let mut output = String::new();
    let mut killed_at: Option<Instant> = None;
    let mut exited_at: Option<Instant> = None;
    let mut status = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(line) => {
                if is_progress_line(&line) {
                    progress(line.trim());
                }
                parser.line(&line);
                output.push_str(&line);
                output.push('\n');
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => {
                if status.is_none() {
                    status = child.wait().ok();
                }
                break;
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        if cancel.is_cancelled() {
            match killed_at {
                None => {
                    signal_group(&child, libc::SIGTERM);
                    killed_at = Some(Instant::now());
                }
                Some(t) if t.elapsed() > Duration::from_secs(3) => {
                    signal_group(&child, libc::SIGKILL);
                }
                Some(_) => {}
            }
        }
        if status.is_none() {
            status = child.try_wait().ok().flatten();
        }
        if status.is_some() {
            // A process that outlived make may still hold the pipes.
            let t = *exited_at.get_or_insert_with(Instant::now);
            if t.elapsed() > Duration::from_secs(2) {
                break;
            }
        }
    }
    if status.is_none() {
        status = child.wait().ok();
    }
    for r in readers {
        if r.is_finished() {
            let _ = r.join();
        }
    }
    let exit_code = status.map_or(-1, |s| {
        use std::os::unix::process::ExitStatusExt;
        s.code().unwrap_or_else(|| 128 + s.signal().unwrap_or(0))
    });
    let (diagnostics, general_errors) = parser.finish();
    Ok(BuildResult {
        exit_code,
        cancelled: cancel.is_cancelled(),
        output,
        diagnostics,
        general_errors,
        command,
    })
}

/// Sends `sig` to the child's process group.
fn signal_group(child: &Child, sig: libc::c_int) {
    let pid = child.id() as libc::pid_t;
    if pid > 0 {
        // SAFETY: kill(2) on the group this child leads; no memory involved.
        unsafe {
            libc::kill(-pid, sig);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::compiler_output::Severity;
    use crate::build::test_tree;

    #[test]
    fn progress_lines() {
        assert!(is_progress_line("  CC      init/main.o"));
        assert!(is_progress_line("  CC [M]  drivers/net/dummy.o"));
        assert!(is_progress_line("  LD      vmlinux"));
        assert!(!is_progress_line("  CC"));
        assert!(!is_progress_line("make -f x"));
        assert!(!is_progress_line("    12 | x"));
        assert!(!is_progress_line("  é"));
    }

    #[test]
    fn goals_of_files() {
        let dir = test_tree::kbuild_tree();
        let (layout, _) = test_tree::layout(dir.path());
        assert_eq!(
            object_goal(&layout, Path::new("init/main.c")).unwrap(),
            "init/main.o"
        );
        assert_eq!(
            object_goal(&layout, &layout.srctree.join("lib/string.c")).unwrap(),
            "lib/string.o"
        );
        assert!(object_goal(&layout, Path::new("include/sample/kernel.h")).is_err());
        assert!(object_goal(&layout, Path::new("/elsewhere/x.c")).is_err());
    }

    #[test]
    fn planted_error_and_cancel() {
        if let Err(e) = kmake_binary() {
            eprintln!("note: {e} (cargo build -p kmake); skipped");
            return;
        }
        let dir = test_tree::kbuild_tree();
        let (layout, settings) = test_tree::configured(dir.path());
        let main = layout.srctree.join("init/main.c");
        let text = std::fs::read_to_string(&main).unwrap();
        std::fs::write(&main, text.replace("return 0;", "return undeclared_thing;")).unwrap();
        let line = text.lines().position(|l| l.contains("return 0;")).unwrap() as u32 + 1;
        let mut seen = Vec::new();
        let r = build(
            &layout,
            &settings,
            &BuildTarget::File(main.clone()),
            &CancelToken::new(),
            &mut |l| seen.push(l.to_string()),
        )
        .unwrap();
        assert_ne!(r.exit_code, 0, "{}", r.output);
        assert_eq!(seen, ["CC      init/main.o"], "{}", r.output);
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap_or_else(|| panic!("{}", r.output));
        assert_eq!(d.path, main);
        assert_eq!(d.line, line);
        assert!(d.message.contains("undeclared_thing"), "{}", d.message);
        assert!(!r.general_errors.is_empty(), "{}", r.output);

        // The whole tree builds once the error is gone.
        std::fs::write(&main, &text).unwrap();
        let r = build(
            &layout,
            &settings,
            &BuildTarget::Tree,
            &CancelToken::new(),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(r.exit_code, 0, "{}", r.output);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert!(layout.objtree.join("built-in.a").is_file());

        // A slow goal, cancelled after it started.
        let cancel = CancelToken::new();
        let c2 = cancel.clone();
        let t0 = Instant::now();
        let r = build(
            &layout,
            &settings,
            &BuildTarget::Goals(vec!["slow".into()]),
            &cancel,
            &mut |l| {
                if l.starts_with("SLOW") {
                    c2.cancel();
                }
            },
        )
        .unwrap();
        assert!(r.cancelled);
        assert_ne!(r.exit_code, 0);
        assert!(t0.elapsed() < Duration::from_secs(20), "{:?}", t0.elapsed());
    }
}
