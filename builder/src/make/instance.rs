//! One make instance: its variables, files, rules, options, current
//! locations and the messages it prints (`make: ...`, `Makefile:3: ...`,
//! `make[1]: *** ...`), and the state shared by all instances of a process.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use super::expr::ExprCache;
use super::file::{FileDb, FileId};
use super::job::JobState;
use super::options::Options;
use super::read::{Conditionals, LineBuf, ReadMakefile};
use super::rule::{PatternVar, Rule};
use super::var::{SetList, VarStore};
use super::vpath::Vpaths;
use super::{Fatal, Floc};

/// Where make's own messages go. Child processes write to the real file
/// descriptors; this is for make's text.
pub trait Output: Send + Sync {
    fn out(&self, bytes: &[u8]);
    fn err(&self, bytes: &[u8]);
}

/// Standard output and standard error of the process.
pub struct StdOutput;

impl Output for StdOutput {
    fn out(&self, bytes: &[u8]) {
        use std::io::Write;
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(bytes);
        let _ = o.flush();
    }
    fn err(&self, bytes: &[u8]) {
        use std::io::Write;
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(bytes);
        let _ = e.flush();
    }
}

/// Makefiles split into lines, shared by every instance: kbuild reads the
/// same makefiles for each directory. An entry is reused while the file's
/// size, modification time and inode are unchanged.
#[derive(Default)]
pub struct MakefileCache {
    entries: Mutex<FxHashMap<PathBuf, CachedMakefile>>,
}

/// A makefile's stamp, and its lines once it was read twice.
type CachedMakefile = (FileStamp, Option<Arc<LineBuf>>);

/// What identifies one version of a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FileStamp {
    pub size: u64,
    pub mtime_ns: i128,
    pub ino: u64,
    pub ctime_ns: i128,
}

impl FileStamp {
    pub fn of(md: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            size: md.size(),
            mtime_ns: md.mtime() as i128 * 1_000_000_000 + md.mtime_nsec() as i128,
            ino: md.ino(),
            ctime_ns: md.ctime() as i128 * 1_000_000_000 + md.ctime_nsec() as i128,
        }
    }
}

impl MakefileCache {
    /// Files and bytes of text kept.
    pub fn size(&self) -> (usize, usize) {
        let m = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        (
            m.len(),
            m.values()
                .filter_map(|(_, l)| l.as_ref())
                .map(|l| l.lines.iter().map(|x| x.text.len()).sum::<usize>())
                .sum(),
        )
    }

    /// The lines of the file at `path` (absolute).
    pub fn load(&self, path: &Path) -> std::io::Result<Arc<LineBuf>> {
        let md = std::fs::metadata(path)?;
        if md.is_dir() {
            return Err(std::io::Error::from_raw_os_error(libc::EISDIR));
        }
        let stamp = FileStamp::of(&md);
        let seen = match self
            .entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        {
            Some((s, Some(lines))) if *s == stamp => return Ok(lines.clone()),
            Some((s, None)) => *s == stamp,
            _ => false,
        };
        let data = std::fs::read(path)?;
        let lines = Arc::new(super::read::split_file(&data));
        // Kept from the second read on: makefiles read once (kbuild's
        // `.cmd` files) are not worth the memory.
        let keep = if seen { Some(lines.clone()) } else { None };
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), (stamp, keep));
        Ok(lines)
    }
}

/// State shared by every make instance of one process.
pub struct Shared {
    pub exprs: ExprCache,
    pub output: Arc<dyn Output>,
    pub makefiles: MakefileCache,
    pub stats: super::statcache::StatCache,
    /// Record mode: every goal is considered out of date, recipes are not
    /// run (only in-process sub-makes are), and the recorder sees each
    /// recipe that would run.
    pub recorder: Option<Arc<dyn Recorder>>,
    /// Offered every in-process sub-make first (kbuild's `syncconfig` runs
    /// on the Kconfig engine instead).
    pub submake_hook: Option<Arc<dyn SubmakeHook>>,
    /// Offered every `$(shell)` first (kbuild's compiler probes are cached).
    pub shell_hook: Option<Arc<dyn ShellHook>>,
    /// Offered every recipe command before it is started.
    pub command_hook: Option<Arc<dyn CommandHook>>,
    /// Told what the run looks at and runs (the stat cache tells it paths).
    pub observer: Option<Arc<super::observe::Observer>>,
    /// Where child processes write instead of make's own standard output
    /// and error (the kbuild layer captures a run's output this way).
    pub stdio: Option<Arc<ChildStdio>>,
}

/// Descriptors child processes get as standard output and error.
pub struct ChildStdio {
    pub out: std::os::fd::OwnedFd,
    pub err: std::os::fd::OwnedFd,
}

impl ChildStdio {
    /// Copies for one child: (stdout, stderr).
    pub fn for_child(&self) -> std::io::Result<(std::process::Stdio, std::process::Stdio)> {
        Ok((self.out.try_clone()?.into(), self.err.try_clone()?.into()))
    }
}

/// What a `$(shell)` printed and how it ended.
pub struct ShellAnswer {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: i32,
}

/// Answers some `$(shell)` commands another way (from a cache, or built in).
pub trait ShellHook: Send + Sync {
    /// `cmd` would run as `shell -c cmd` (`shell` is `$(SHELL)`) with `env`
    /// in `cwd`; `None` to let make run it.
    fn run(
        &self,
        cmd: &[u8],
        shell: &[u8],
        env: &[(Vec<u8>, Vec<u8>)],
        cwd: &Path,
    ) -> Option<ShellAnswer>;
}

/// Runs some recipe commands another way (kbuild's
/// `generate_rust_analyzer.py` natively).
pub trait CommandHook: Send + Sync {
    /// `text` would run as `sh -c text` with `env` in `cwd`; the exit status
    /// if it was run here, `None` to let make start it. Messages go to
    /// `output`.
    fn run(
        &self,
        text: &[u8],
        env: &[(Vec<u8>, Vec<u8>)],
        cwd: &Path,
        output: &dyn Output,
    ) -> Option<i32>;
}

/// Runs some sub-makes another way.
pub trait SubmakeHook: Send + Sync {
    /// The exit status if this sub-make (`argv`, `env`, in `cwd`) was run
    /// here; `None` to let make run it.
    fn intercept(&self, argv: &[Vec<u8>], env: &[(Vec<u8>, Vec<u8>)], cwd: &Path) -> Option<i32>;
}

/// Told about every recipe make would run in record mode.
pub trait Recorder: Send + Sync {
    /// `file` of `make` is about to be remade; its automatic variables are
    /// set and its variables in scope for expansion.
    fn recipe(&self, make: &mut Make, file: super::file::FileId);

    /// `file` of `make` does not exist and has no rule: in a real build
    /// another make would have made it before (record mode goes on).
    fn missing(&self, _make: &Make, _file: super::file::FileId) {}

    /// Whether a sub-make line runs (in-process) in record mode.
    fn submake(&self, _make: &Make, _argv: &[Vec<u8>]) -> bool {
        true
    }
}

impl Shared {
    pub fn new(output: Arc<dyn Output>) -> Arc<Shared> {
        Arc::new(Shared {
            exprs: ExprCache::default(),
            output,
            makefiles: MakefileCache::default(),
            stats: Default::default(),
            recorder: None,
            submake_hook: None,
            shell_hook: None,
            command_hook: None,
            observer: None,
            stdio: None,
        })
    }

    /// Shared state with the hooks a caller (kbuild) installs.
    pub fn with(output: Arc<dyn Output>, hooks: Hooks) -> Arc<Shared> {
        Arc::new(Shared {
            exprs: ExprCache::default(),
            output,
            makefiles: MakefileCache::default(),
            stats: super::statcache::StatCache::observed_by(hooks.observer.clone()),
            recorder: hooks.recorder,
            submake_hook: hooks.submake,
            shell_hook: hooks.shell,
            command_hook: hooks.command,
            observer: hooks.observer,
            stdio: hooks.stdio,
        })
    }
}

/// The hooks of a `Shared`.
#[derive(Default)]
pub struct Hooks {
    pub recorder: Option<Arc<dyn Recorder>>,
    pub submake: Option<Arc<dyn SubmakeHook>>,
    pub shell: Option<Arc<dyn ShellHook>>,
    pub command: Option<Arc<dyn CommandHook>>,
    pub observer: Option<Arc<super::observe::Observer>>,
    pub stdio: Option<Arc<ChildStdio>>,
}

impl Make {
    /// In record mode and not remaking makefiles.
    pub fn recording(&self) -> bool {
        self.shared.recorder.is_some() && !self.rebuilding_makefiles && !self.no_record
    }
}

/// One make: what `make` is between start and exit.
pub struct Make {
    pub shared: Arc<Shared>,
    /// Program name in messages (`make`).
    pub program: Vec<u8>,
    pub makelevel: u32,
    pub cwd: PathBuf,
    pub vars: VarStore,
    /// The chain current lookups use (global, or a call/foreach/target scope).
    pub scope: SetList,
    /// Where make is reading (for `$(warning)`, `$(error)` and errors).
    pub reading: Option<Floc>,
    /// The location of the variable being expanded (C `expanding_var`).
    pub expanding: Option<Floc>,
    /// Variables being expanded (for "references itself" detection).
    pub expanding_vars: Vec<(super::var::SetId, Box<[u8]>)>,
    /// `--warn-undefined-variables`
    pub warn_undefined: bool,
    /// `.SHELLSTATUS` of the last `$(shell)`.
    pub shell_status: Option<i32>,
    /// Highest `$(call)` argument count in progress (C `max_args`).
    pub call_max_args: u32,

    pub files: FileDb,
    pub rules: Vec<Rule>,
    pub pattern_vars: Vec<PatternVar>,
    pub conditionals: Conditionals,
    /// The recipe prefix (`.RECIPEPREFIX`, tab by default).
    pub cmd_prefix: u8,
    /// `export` without names, or `.EXPORT_ALL_VARIABLES`.
    pub export_all: bool,
    /// `-e`
    pub env_overrides: bool,
    /// `-I` directories and the default ones that exist.
    pub include_dirs: Vec<Vec<u8>>,
    /// Makefiles read, in order.
    pub read_files: Vec<ReadMakefile>,
    pub second_expansion: bool,
    pub one_shell: bool,
    pub posix: bool,
    pub snapped_deps: bool,
    pub default_file: Option<FileId>,
    pub suffix_file: Option<FileId>,
    pub warned_wait_deps: bool,
    pub warned_wait_cmds: bool,

    pub opts: Options,
    pub vpaths: Vpaths,
    /// Names implicit search found impossible to make.
    pub impossible: FxHashSet<Vec<u8>>,
    /// The environment this make started with.
    pub env0: Vec<(Vec<u8>, Vec<u8>)>,
    /// Expanding variables for a `$(shell)` environment (C `env_recursion`).
    pub env_recursion: u32,
    /// `SHELL` from the environment (given to commands whatever the makefile says).
    pub env_shell: Option<Vec<u8>>,
    /// Names of command-line variable definitions, newest first.
    pub command_vars: Vec<Vec<u8>>,
    /// Goals from the command line.
    pub goals: Vec<FileId>,
    pub rebuilding_makefiles: bool,
    /// Pass number of the goal loop (C `considered`).
    pub considered: u32,
    /// Commands started (C `commands_started`).
    pub commands_started: u64,
    /// Children reaped (C `command_count`).
    pub command_count: u64,
    pub not_parallel: bool,
    pub all_secondary: bool,
    pub no_intermediates: bool,
    pub clock_skew_detected: bool,
    pub restarts: u32,
    /// Running recipes.
    pub jobs: JobState,
    /// Whether "Entering directory" was printed (so "Leaving" is owed; C
    /// `stdio_traced`).
    pub stdio_traced: Cell<bool>,
    /// The directory for "Entering directory" (after `-C`).
    pub starting_directory: Vec<u8>,
    /// `MAKEFLAGS` is make's own (assignments re-read its switches).
    pub makeflags_special: bool,
    /// The makefiles being remade (C `goal_list`) and the current goal.
    pub goal_list: Vec<super::remake::Goal>,
    pub goal_dep: Option<super::remake::Goal>,
    /// `$(MAKE_COMMAND)`: lines running it are sub-makes run in-process.
    pub make_command: Vec<u8>,
    /// `KMAKE_NO_INPROCESS`: run sub-makes as processes.
    pub no_inprocess: bool,
    /// A makefile read from standard input.
    pub temp_stdin: Option<PathBuf>,
    /// Exit status already decided while remaking makefiles.
    pub makefile_status: i32,
    /// Read the makefiles and stop (the query API): nothing is remade.
    pub query_mode: bool,
    /// The makefiles were read in query mode.
    pub loaded: bool,
    /// `$(shell)` and `!=` run nothing and give nothing (untrusted trees).
    pub no_shell: bool,
    /// `$(MAKE_COMMAND)` instead of how make was invoked (`make` for kmake).
    pub make_command_override: Option<Vec<u8>>,
    /// A sub-make started while makefiles were remade: it runs for real even
    /// in record mode.
    pub no_record: bool,
}

impl Make {
    pub fn new(shared: Arc<Shared>, cwd: PathBuf) -> Make {
        Make {
            shared,
            program: b"make".to_vec(),
            makelevel: 0,
            cwd,
            vars: VarStore::default(),
            scope: SetList::global(),
            reading: None,
            expanding: None,
            expanding_vars: Vec::new(),
            warn_undefined: false,
            shell_status: None,
            call_max_args: 0,
            files: FileDb::default(),
            rules: Vec::new(),
            pattern_vars: Vec::new(),
            conditionals: Conditionals::default(),
            cmd_prefix: b'\t',
            export_all: false,
            env_overrides: false,
            include_dirs: Vec::new(),
            read_files: Vec::new(),
            second_expansion: false,
            one_shell: false,
            posix: false,
            snapped_deps: false,
            default_file: None,
            suffix_file: None,
            warned_wait_deps: false,
            warned_wait_cmds: false,
            opts: Options::default(),
            vpaths: Vpaths::default(),
            impossible: FxHashSet::default(),
            env0: Vec::new(),
            env_recursion: 0,
            env_shell: None,
            command_vars: Vec::new(),
            goals: Vec::new(),
            rebuilding_makefiles: false,
            considered: 1,
            commands_started: 0,
            command_count: 0,
            not_parallel: false,
            all_secondary: false,
            no_intermediates: false,
            clock_skew_detected: false,
            restarts: 0,
            jobs: JobState::default(),
            stdio_traced: Cell::new(false),
            starting_directory: Vec::new(),
            makeflags_special: false,
            goal_list: Vec::new(),
            goal_dep: None,
            make_command: Vec::new(),
            no_inprocess: false,
            temp_stdin: None,
            makefile_status: 0,
            query_mode: false,
            loaded: false,
            no_shell: false,
            make_command_override: None,
            no_record: false,
        }
    }

    /// `make: ` or `make[N]: `.
    pub fn prefix(&self) -> Vec<u8> {
        let mut p = self.program.clone();
        if self.makelevel > 0 {
            p.extend_from_slice(format!("[{}]", self.makelevel).as_bytes());
        }
        p.extend_from_slice(b": ");
        p
    }

    fn located(&self, floc: Option<&Floc>) -> Vec<u8> {
        match floc {
            Some(f) => {
                let mut p = f.file.to_vec();
                p.extend_from_slice(format!(":{}: ", f.line).as_bytes());
                p
            }
            None => self.prefix(),
        }
    }

    /// "Entering directory" or "Leaving directory" (C
    /// `log_working_directory`).
    pub fn log_working_directory(&self, entering: bool) {
        let mut m = self.program.clone();
        if self.makelevel > 0 {
            m.extend_from_slice(format!("[{}]", self.makelevel).as_bytes());
        }
        m.extend_from_slice(if entering {
            b": Entering directory '"
        } else {
            b": Leaving directory '"
        });
        m.extend_from_slice(&self.starting_directory);
        m.extend_from_slice(b"'\n");
        self.shared.output.out(&m);
    }

    /// Before make's first output: "Entering directory" if wanted (C
    /// `output_start`).
    pub fn output_start(&self) {
        if !self.stdio_traced.get() && self.opts.should_print_dir(self.makelevel) {
            self.stdio_traced.set(true);
            self.log_working_directory(true);
        }
    }

    /// A line on stdout, with the program prefix if asked (C `message`).
    pub fn message(&self, prefix: bool, text: &[u8]) {
        let mut m = if prefix { self.prefix() } else { Vec::new() };
        m.extend_from_slice(text);
        m.push(b'\n');
        self.output_start();
        self.shared.output.out(&m);
    }

    /// Raw text on stdout.
    pub fn print_out(&self, text: &[u8]) {
        if text.is_empty() {
            return;
        }
        self.output_start();
        self.shared.output.out(text);
    }

    /// `file:line: text` or `make: text` on stderr (C `error`).
    pub fn error(&self, floc: Option<&Floc>, text: &[u8]) {
        let mut m = self.located(floc);
        m.extend_from_slice(text);
        m.push(b'\n');
        self.output_start();
        self.shared.output.err(&m);
    }

    /// The text of a fatal error (C `fatal`): `...: *** msg.  Stop.`
    pub fn fatal_text(&self, f: &Fatal) -> Vec<u8> {
        let mut m = self.located(f.floc.as_ref());
        m.extend_from_slice(b"*** ");
        m.extend_from_slice(&f.msg);
        m.extend_from_slice(b".  Stop.\n");
        m
    }

    /// Prints a fatal error.
    pub fn report_fatal(&self, f: &Fatal) {
        if f.printed {
            return;
        }
        self.output_start();
        self.shared.output.err(&self.fatal_text(f));
    }

    /// A fatal error at the current expansion location.
    pub fn fatal_here(&self, msg: impl Into<Vec<u8>>) -> Fatal {
        Fatal::new(self.expanding.clone().or_else(|| self.reading.clone()), msg)
    }

    /// The working directory as bytes.
    pub fn cwd_bytes(&self) -> Vec<u8> {
        use std::os::unix::ffi::OsStrExt;
        self.cwd.as_os_str().as_bytes().to_vec()
    }
}
