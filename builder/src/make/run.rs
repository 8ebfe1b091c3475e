//! One run of make from its command line to its exit status (C `main`):
//! environment and switches, `-C`, reading the makefiles, remaking them and
//! starting over (in this process), the goals, and the end (waiting for jobs,
//! deleting intermediate files, "Leaving directory"). Sub-makes started by
//! `$(MAKE)` lines run here too, on their own threads.

use std::path::PathBuf;
use std::sync::Arc;

use super::file::{CmdState, Mtime, UpdateStatus};
use super::instance::{Make, Output, Shared, StdOutput};
use super::jobserver::{
    self, Client, Inherited, Jobs, JobserverFlags, JobserverStyle, SetupRequest,
};
use super::read::ReadFlags;
use super::remake::Goal;
use super::text::show;
use super::var::{Export, Origin, SetId};
use super::{Fatal, MResult};

/// How a make instance ended.
pub(crate) enum Outcome {
    Exit(i32),
    /// The makefiles were remade: read everything again.
    Restart,
}

/// Runs make as the process's top make: `argv0` as invoked, the arguments,
/// the environment and the working directory. Returns the exit status.
/// `make_command`: what `$(MAKE)` is, when not how make was invoked.
pub fn run_process(
    argv0: Vec<u8>,
    args: Vec<Vec<u8>>,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: PathBuf,
    make_command: Option<Vec<u8>>,
) -> i32 {
    // A make started by a recipe of an observed kmake run reports what it
    // looked at (see `observe`).
    let observe_dir = env
        .iter()
        .find(|(k, _)| k == super::observe::OBSERVE_DIR_VAR.as_bytes())
        .map(|(_, v)| {
            use std::os::unix::ffi::OsStrExt;
            PathBuf::from(std::ffi::OsStr::from_bytes(v))
        });
    let output = Arc::new(StdOutput) as Arc<dyn Output>;
    let Some(dir) = observe_dir else {
        return run_with(Shared::new(output), argv0, args, env, cwd, make_command);
    };
    let observer = Arc::new(super::observe::Observer::default());
    let report = super::observe::Report::start(&dir);
    let hooks = super::instance::Hooks {
        observer: Some(observer.clone()),
        ..Default::default()
    };
    let code = run_with(
        Shared::with(output, hooks),
        argv0,
        args,
        env,
        cwd,
        make_command,
    );
    // Not being able to report only makes the parent's run not memoized:
    // it checks that every make that started also reported.
    if let Some(r) = report {
        let _ = r.finish(&observer);
    }
    code
}

/// `run_process` with given shared state (a recorder, a captured output).
pub fn run_with(
    shared: Arc<Shared>,
    argv0: Vec<u8>,
    args: Vec<Vec<u8>>,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: PathBuf,
    make_command: Option<Vec<u8>>,
) -> i32 {
    super::signals::install();
    let stats = std::env::var_os("KMAKE_STATS").is_some();
    let code = run(
        shared.clone(),
        Invocation {
            argv0,
            args,
            env,
            cwd,
        },
        None,
        make_command,
        false,
    );
    if stats {
        print_self_usage();
        use std::sync::atomic::Ordering;
        eprintln!(
            "kmake: stat cache: {} hits, {} stat calls",
            shared.stats.hits.load(Ordering::Relaxed),
            shared.stats.misses.load(Ordering::Relaxed)
        );
        let (n, b) = shared.exprs.size();
        let (fn_, fb) = shared.makefiles.size();
        eprintln!(
            "kmake: caches: {n} parsed texts ({} KiB), {fn_} makefiles ({} KiB)",
            b / 1024,
            fb / 1024
        );
    }
    if let Some(sig) = super::signals::fatal() {
        super::signals::die_by(sig);
    }
    // No process-wide jobserver cleanup here: other runs in this process (the language
    // server's builds, parallel tests) may still hold tokens. This run's tokens were dropped
    // with it; `exit` runs the cleanup for the process.
    code
}

/// Runs a sub-make in this process (a `$(MAKE)` recipe line): `argv` is the
/// command line, `env` the environment a child process would get.
pub fn run_submake(
    shared: Arc<Shared>,
    argv: Vec<Vec<u8>>,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: PathBuf,
    client: Client,
    no_record: bool,
) -> super::shell::ExitStatus {
    let mut argv = argv.into_iter();
    let argv0 = argv.next().unwrap_or_default();
    let inv = Invocation {
        argv0,
        args: argv.collect(),
        env,
        cwd,
    };
    let code = run(shared, inv, Some(client), None, no_record);
    match super::signals::fatal() {
        // Like a sub-make process killed by the signal.
        Some(sig) => super::shell::ExitStatus {
            code: 0,
            signal: sig,
            core: false,
        },
        None => super::shell::ExitStatus::code(code),
    }
}

/// How a make was started: its command line, environment and directory.
struct Invocation {
    argv0: Vec<u8>,
    args: Vec<Vec<u8>>,
    env: Vec<(Vec<u8>, Vec<u8>)>,
    cwd: PathBuf,
}

fn run(
    shared: Arc<Shared>,
    inv: Invocation,
    client: Option<Client>,
    make_command: Option<Vec<u8>>,
    no_record: bool,
) -> i32 {
    let Invocation {
        argv0,
        args,
        mut env,
        cwd,
    } = inv;
    loop {
        let mut m = Make::new(shared.clone(), cwd.clone());
        m.make_command_override = make_command.clone();
        m.no_record = no_record;
        let r = m.main(&argv0, &args, &env, client.clone());
        let outcome = match r {
            Ok(o) => o,
            Err(f) => {
                m.report_fatal(&f);
                Outcome::Exit(m.die(f.status))
            }
        };
        match outcome {
            Outcome::Exit(code) => return code,
            Outcome::Restart => {
                let restarts = m.restarts + 1;
                let value = format!(
                    "{}{}",
                    if m.stdio_traced.get() { "-" } else { "" },
                    restarts
                )
                .into_bytes();
                env.retain(|(k, _)| k != b"MAKE_RESTARTS");
                env.push((b"MAKE_RESTARTS".to_vec(), value));
            }
        }
    }
}

impl Make {
    /// The end of a make (C `die`): waits for running jobs, removes
    /// intermediate files, prints "Leaving directory". Returns the status.
    pub fn die(&mut self, status: i32) -> i32 {
        self.wait_for_children(status != 0);
        self.remove_intermediates(false);
        if let Some(p) = self.temp_stdin.take() {
            let _ = std::fs::remove_file(p);
        }
        self.jobs.unwatch_signals();
        if self.stdio_traced.get() && super::signals::fatal().is_none() {
            self.log_working_directory(false);
        }
        status
    }

    /// C `main` after the process set-up.
    pub(crate) fn main(
        &mut self,
        argv0: &[u8],
        args: &[Vec<u8>],
        env: &[(Vec<u8>, Vec<u8>)],
        client: Option<Client>,
    ) -> MResult<Outcome> {
        self.program = match argv0.iter().rposition(|&c| c == b'/') {
            _ if argv0.is_empty() => b"make".to_vec(),
            Some(i) => argv0[i + 1..].to_vec(),
            None => argv0.to_vec(),
        };
        self.no_inprocess = env
            .iter()
            .any(|(k, v)| k == b"KMAKE_NO_INPROCESS" && !v.is_empty() && v != b"0");
        let g = SetId::GLOBAL;
        self.vars
            .define(g, b".VARIABLES", b"", Origin::Default, false, None);
        self.vars
            .define(g, b".RECIPEPREFIX", b"", Origin::Default, false, None);
        self.vars
            .define(g, b".SHELLFLAGS", b"-c", Origin::Default, false, None);
        self.vars
            .define(g, b".LOADED", b"", Origin::Default, false, None);
        self.vars.define(
            g,
            b".FEATURES",
            super::default::FEATURES.as_bytes(),
            Origin::Default,
            false,
            None,
        );

        // The environment.
        self.env0 = env.to_vec();
        for (k, v) in env {
            if k.is_empty() || k.contains(&b'=') {
                continue;
            }
            let mut value: &[u8] = v;
            let mut export = Export::Export;
            if k == b"MAKE_RESTARTS" {
                if value.first() == Some(&b'-') {
                    self.stdio_traced.set(true);
                    value = &value[1..];
                }
                self.restarts = std::str::from_utf8(value)
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(0);
                export = Export::NoExport;
            }
            self.vars.define(g, k, value, Origin::Env, true, None);
            if k == b"SHELL" {
                export = Export::NoExport;
                self.env_shell = Some(value.to_vec());
            }
            if let Some(var) = self.vars.get_mut(g, k) {
                var.export = export;
            }
        }

        // Switches from GNUMAKEFLAGS, MAKEFLAGS, then the command line.
        if self.vars.global(b"GNUMAKEFLAGS").is_some() {
            self.decode_env_switches(b"GNUMAKEFLAGS", Origin::CommandLine)?;
            self.vars
                .define(g, b"GNUMAKEFLAGS", b"", Origin::Env, false, None);
        }
        self.decode_env_switches(b"MAKEFLAGS", Origin::CommandLine)?;
        let env_slots = self.opts.jobs.take();
        self.decode_switches(args, Origin::CommandLine, argv0)?;
        let argv_slots = self.opts.jobs;
        if self.opts.jobs.is_none() {
            self.opts.jobs = env_slots;
        }
        if self.opts.help {
            return Err(self.print_usage(false));
        }
        if self.opts.version {
            self.print_version();
            return Ok(Outcome::Exit(self.die(0)));
        }
        self.makelevel = match self.vars.global(b"MAKELEVEL") {
            Some(v) if !v.value.is_empty() && v.value[0] != b'-' => {
                let digits: Vec<u8> = v
                    .value
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .copied()
                    .collect();
                std::str::from_utf8(&digits)
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(0)
            }
            _ => 0,
        };
        self.opts.always_make = self.opts.always_make_set && self.restarts == 0;
        if self.opts.no_builtin_vars {
            self.opts.no_builtin_rules = true;
        }
        self.env_overrides = self.opts.env_overrides;

        // $(MAKE_COMMAND): how we were invoked, absolute if relative with a
        // slash.
        let mut make_command = self
            .make_command_override
            .clone()
            .unwrap_or_else(|| argv0.to_vec());
        if !make_command.is_empty() && make_command[0] != b'/' && make_command.contains(&b'/') {
            let mut p = self.cwd_bytes();
            p.push(b'/');
            p.extend_from_slice(&make_command);
            make_command = p;
        }
        self.make_command = make_command.clone();

        // -C
        for dir in self.opts.directories.clone() {
            let target = self.resolve_path(&dir);
            match std::fs::canonicalize(&target) {
                Ok(p) if p.is_dir() => self.cwd = p,
                Ok(_) => {
                    let e = std::io::Error::from_raw_os_error(libc::ENOTDIR);
                    return Err(Fatal::new(
                        None,
                        format!("{}: {}", show(&dir), super::func::errno_text(&e)),
                    ));
                }
                Err(e) => {
                    self.starting_directory = self.cwd_bytes();
                    return Err(Fatal::new(
                        None,
                        format!("{}: {}", show(&dir), super::func::errno_text(&e)),
                    ));
                }
            }
        }
        self.starting_directory = self.cwd_bytes();
        let curdir = self.cwd_bytes();
        self.vars
            .define(g, b"CURDIR", &curdir, Origin::File, false, None);
        self.construct_include_path();

        self.vars.define(
            g,
            b"MAKE_COMMAND",
            &make_command,
            Origin::Default,
            false,
            None,
        );
        self.vars
            .define(g, b"MAKE", b"$(MAKE_COMMAND)", Origin::Default, true, None);

        if !self.command_vars.is_empty() {
            let mut value = Vec::new();
            for name in self.command_vars.clone() {
                let Some(v) = self.vars.global(&name).cloned() else {
                    continue;
                };
                if !value.is_empty() {
                    value.push(b' ');
                }
                super::options::quote_for_env(&mut value, &name);
                if !v.recursive {
                    value.push(b':');
                }
                value.push(b'=');
                super::options::quote_for_env(&mut value, &v.value);
            }
            self.vars.define(
                g,
                b"-*-command-variables-*-",
                &value,
                Origin::Automatic,
                false,
                None,
            );
            self.vars.define(
                g,
                b"MAKEOVERRIDES",
                b"${-*-command-variables-*-}",
                Origin::Default,
                true,
                None,
            );
        }

        // A makefile from standard input goes to a temporary file first.
        self.read_stdin_makefile()?;

        self.set_default_suffixes();
        self.define_automatic_variables();
        self.define_makeflags(false);
        self.makeflags_special = true;
        if let Some(v) = self.vars.get_mut(g, b"MAKEFLAGS") {
            v.export = Export::Export;
        }
        self.define_default_variables();
        self.default_file = Some(self.files.enter(b".DEFAULT"));
        self.vars
            .define(g, b".DEFAULT_GOAL", b"", Origin::File, false, None);

        if !self.opts.eval_strings.is_empty() {
            let mut value = Vec::new();
            for s in self.opts.eval_strings.clone() {
                self.eval_text(&s)?;
                if !value.is_empty() {
                    value.push(b' ');
                }
                value.extend_from_slice(b"--eval=");
                super::options::quote_for_env(&mut value, &s);
            }
            self.vars.define(
                g,
                b"-*-eval-flags-*-",
                &value,
                Origin::Automatic,
                false,
                None,
            );
        }

        let (old_rules, old_vars) = (self.opts.no_builtin_rules, self.opts.no_builtin_vars);
        let old_jobs = self.opts.jobs;
        let read_goals = self.read_all_makefiles()?;
        self.opts.jobs = None;
        self.decode_env_switches(b"GNUMAKEFLAGS", Origin::Env)?;
        self.vars
            .define(g, b"GNUMAKEFLAGS", b"", Origin::Override, false, None);
        self.decode_env_switches(b"MAKEFLAGS", Origin::Env)?;
        let makefile_jobs = self.opts.jobs;
        if makefile_jobs.is_none() || argv_slots.is_some() {
            self.opts.jobs = old_jobs;
        }
        if self.opts.no_builtin_vars {
            self.opts.no_builtin_rules = true;
        }
        if self.opts.no_builtin_rules && !old_rules {
            if let Some(sf) = self.suffix_file {
                if self.files.get(sf).builtin {
                    self.files.get_mut(sf).deps.clear();
                }
            }
            self.vars
                .define(g, b"SUFFIXES", b"", Origin::Default, false, None);
        }
        if self.opts.no_builtin_vars && !old_vars {
            self.undefine_default_variables();
        }

        let forced_in_makefile =
            makefile_jobs.is_some() && argv_slots.is_none() && makefile_jobs != old_jobs;
        if self.query_mode {
            self.jobs.client =
                Some(Client::serial().map_err(|e| Fatal::new(None, format!("{e}")))?);
        } else {
            self.setup_jobs(client, argv_slots, forced_in_makefile)?;
        }

        self.define_makeflags(false);
        self.snap_deps()?;
        self.install_default_suffix_rules();
        self.convert_to_pattern();
        self.install_default_implicit_rules();
        self.snap_implicit_rules()?;
        self.build_vpath_lists()?;

        for name in self.opts.old_files.clone() {
            let f = self.files.enter(&name);
            let fi = self.files.get_mut(f);
            fi.last_mtime = Mtime::OldInf;
            fi.mtime_before_update = Mtime::OldInf;
            fi.updated = true;
            fi.update_status = UpdateStatus::Success;
            fi.command_state = CmdState::Finished;
        }
        if self.restarts == 0 {
            self.mark_new_files();
        }
        if self.query_mode {
            // Read and ready; nothing is remade or run.
            self.loaded = true;
            return Ok(Outcome::Exit(0));
        }

        if let Some(outcome) = self.remake_makefiles(read_goals)? {
            return Ok(outcome);
        }

        self.define_makeflags(false);
        self.opts.always_make = self.opts.always_make_set;
        if self.restarts > 0 {
            self.mark_new_files();
        }
        if let Some(p) = self.temp_stdin.take() {
            let _ = std::fs::remove_file(p);
        }

        if self.goals.is_empty() {
            let dg = self.vars.global(b".DEFAULT_GOAL").cloned();
            let name = match dg {
                Some(v) if v.recursive => self.expand_str(&v.value)?,
                Some(v) => v.value.to_vec(),
                None => Vec::new(),
            };
            if !name.is_empty() {
                let f = match self.files.lookup(&name) {
                    Some(f) => Some(f),
                    None => {
                        let names = self.parse_file_seq(
                            &name,
                            super::read::ParseFs {
                                noglob: true,
                                ..Default::default()
                            },
                        );
                        if names.len() > 1 {
                            return Err(Fatal::new(
                                None,
                                ".DEFAULT_GOAL contains more than one target",
                            ));
                        }
                        names.first().map(|n| self.files.enter(n))
                    }
                };
                if let Some(f) = f {
                    self.goals.push(f);
                }
            }
        }
        if self.goals.is_empty() {
            let has_list = self
                .vars
                .global(b"MAKEFILE_LIST")
                .is_some_and(|v| !v.value.is_empty());
            return Err(Fatal::new(
                None,
                if has_list {
                    "No targets"
                } else {
                    "No targets specified and no makefile found"
                },
            ));
        }
        let goals: Vec<Goal> = self.goals.iter().map(|&f| Goal::new(f)).collect();
        let status = match self.update_goal_chain(&goals)? {
            UpdateStatus::None | UpdateStatus::Success => 0,
            UpdateStatus::Question => 1,
            UpdateStatus::Failed => 2,
        };
        let status = status.max(self.makefile_status);
        if self.clock_skew_detected {
            self.error(
                None,
                b"warning:  Clock skew detected.  Your build may be incomplete.",
            );
        }
        Ok(Outcome::Exit(self.die(status)))
    }

    fn mark_new_files(&mut self) {
        for name in self.opts.new_files.clone() {
            let f = self.files.enter(&name);
            let fi = self.files.get_mut(f);
            fi.last_mtime = Mtime::NewInf;
            fi.mtime_before_update = Mtime::NewInf;
        }
    }

    /// `-f -`: standard input is copied to a temporary makefile.
    fn read_stdin_makefile(&mut self) -> MResult<()> {
        let positions: Vec<usize> = self
            .opts
            .makefiles
            .iter()
            .enumerate()
            .filter(|(_, m)| m.as_slice() == b"-")
            .map(|(i, _)| i)
            .collect();
        if positions.len() > 1 {
            return Err(Fatal::new(
                None,
                "Makefile from standard input specified twice",
            ));
        }
        let Some(&i) = positions.first() else {
            return Ok(());
        };
        use std::io::Read;
        let mut data = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut data);
        let dir = std::env::var_os("TMPDIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/tmp"));
        let path = dir.join(format!(
            "GmkStdin{}.{}",
            std::process::id(),
            self as *const Make as usize % 100000
        ));
        if std::fs::write(&path, &data).is_err() {
            return Err(Fatal::new(
                None,
                "cannot store makefile from stdin to a temporary file",
            ));
        }
        use std::os::unix::ffi::OsStrExt;
        let name = path.as_os_str().as_bytes().to_vec();
        self.opts.makefiles[i] = name.clone();
        self.opts.stdin_offset = Some(i);
        let f = self.files.enter(&name);
        let mtime = self.f_mtime(f, false);
        let fi = self.files.get_mut(f);
        fi.updated = true;
        fi.update_status = UpdateStatus::Success;
        fi.command_state = CmdState::Finished;
        fi.intermediate = false;
        fi.dontcare = false;
        fi.last_mtime = mtime;
        fi.mtime_before_update = mtime;
        self.temp_stdin = Some(path);
        Ok(())
    }

    /// C `read_all_makefiles`: `MAKEFILES`, then `-f` files or the default
    /// names. Returns the makefiles as goals for remaking.
    fn read_all_makefiles(&mut self) -> MResult<Vec<Goal>> {
        let g = SetId::GLOBAL;
        self.vars
            .define(g, b"MAKEFILE_LIST", b"", Origin::File, false, None);
        let value = self.expand_str(b"$(MAKEFILES)")?;
        for name in super::text::words(&value)
            .map(|w| w.to_vec())
            .collect::<Vec<_>>()
        {
            self.eval_makefile(
                &name,
                ReadFlags {
                    no_default_goal: true,
                    included: true,
                    dontcare: true,
                },
            )?;
        }
        let makefiles = self.opts.makefiles.clone();
        if !makefiles.is_empty() {
            for name in makefiles {
                let rm = self.eval_makefile(&name, ReadFlags::default())?;
                if let Some(e) = &rm.error {
                    let m = format!("{}: {}", show(&rm.name), e);
                    self.error(None, m.as_bytes());
                }
            }
        } else {
            let defaults: [&[u8]; 3] = [b"GNUmakefile", b"makefile", b"Makefile"];
            match defaults.iter().find(|n| self.file_exists(n)) {
                Some(n) => {
                    let rm = self.eval_makefile(n, ReadFlags::default())?;
                    if let Some(e) = &rm.error {
                        let m = format!("{}: {}", show(&rm.name), e);
                        self.error(None, m.as_bytes());
                    }
                }
                None => {
                    let mut goals = Vec::new();
                    for n in defaults {
                        let f = self.files.enter(n);
                        let mut goal = Goal::new(f);
                        goal.dontcare = true;
                        goals.push(goal);
                    }
                    // GNU make keeps these in reverse order before reversing
                    // the whole list.
                    let mut out: Vec<Goal> = self.read_files_goals();
                    goals.reverse();
                    out.extend(goals);
                    return Ok(out);
                }
            }
        }
        Ok(self.read_files_goals())
    }

    fn read_files_goals(&self) -> Vec<Goal> {
        self.read_files
            .iter()
            .map(|r| Goal {
                file: r.file,
                changed: false,
                dontcare: r.dontcare,
                included: r.included,
                error: r.error.clone(),
                floc: r.floc.clone(),
            })
            .collect()
    }

    /// Sets up job slots and the jobserver after the makefiles are read.
    fn setup_jobs(
        &mut self,
        client: Option<Client>,
        argv_slots: Option<u32>,
        forced_in_makefile: bool,
    ) -> MResult<()> {
        let to_jobs = |n: Option<u32>| {
            n.map(|n| {
                if n == 0 {
                    Jobs::Unlimited
                } else {
                    Jobs::Limited(n)
                }
            })
        };
        let style = match self.opts.jobserver_style.as_deref() {
            None => None,
            Some(b"fifo") => Some(JobserverStyle::Fifo),
            Some(b"pipe") => Some(JobserverStyle::Pipe),
            Some(other) => {
                return Err(Fatal::new(
                    None,
                    format!("unknown jobserver auth style '{}'", show(other)),
                ))
            }
        };
        let cmd_jobs = if forced_in_makefile {
            to_jobs(self.opts.jobs)
        } else {
            to_jobs(argv_slots)
        };
        // Without an inherited jobserver, the -j in effect decides.
        let flags = JobserverFlags {
            jobs: to_jobs(self.opts.jobs),
            auth: self.opts.jobserver_auth.clone(),
            style: None,
        };
        let inherited = match &client {
            Some(c) => Inherited::Parent(c),
            None => Inherited::Environment(&flags),
        };
        let req = SetupRequest {
            inherited,
            jobs: cmd_jobs,
            style,
            tmpdir: None,
        };
        let setup = jobserver::setup(&req).map_err(|e| Fatal::new(None, format!("{e}")))?;
        for w in &setup.warnings {
            let text = match w {
                jobserver::JobserverWarning::ForcedInSubmake(_) if forced_in_makefile => {
                    format!(
                        "warning: -j{} forced in makefile: resetting jobserver mode.",
                        self.opts.jobs.unwrap_or(0)
                    )
                }
                _ => w.to_string(),
            };
            if self.restarts == 0 {
                self.error(None, text.as_bytes());
            }
        }
        let c = setup.client;
        self.jobs.serial = matches!(c.jobs(), Some(Jobs::Limited(1)));
        match c.jobserver() {
            Some(js) => {
                self.opts.jobserver_auth = Some(js.auth().to_bytes());
                if js.is_owner() {
                    self.opts.jobs = js.jobs().or(self.opts.jobs);
                }
            }
            None => self.opts.jobserver_auth = None,
        }
        self.jobs.client = Some(c);
        self.jobs.watch_signals();
        Ok(())
    }

    /// Remakes the makefiles that were read (the `read_files` part of C
    /// `main`). `Some` when make must start over or stop.
    fn remake_makefiles(&mut self, read_goals: Vec<Goal>) -> MResult<Option<Outcome>> {
        if read_goals.is_empty() {
            return Ok(None);
        }
        let mut goals: Vec<Goal> = Vec::new();
        let mut mtimes: Vec<Mtime> = Vec::new();
        let mut skipped: Vec<Goal> = Vec::new();
        let mut any_failed = false;
        for d in read_goals {
            let f = d.file;
            let skip = self.files.get(f).phony
                || self.chain(f).iter().any(|&x| {
                    self.files.get(x).deps.is_empty()
                        && self.files.get(x).cmds.is_some()
                        && self.files.get(x).double_colon.is_some()
                });
            if !skip {
                mtimes.push(self.file_mtime_no_search(f));
                goals.push(d);
            } else if d.error.is_some() && !d.dontcare {
                skipped.push(d);
                any_failed = true;
            }
        }
        self.define_makeflags(true);
        self.rebuilding_makefiles = true;
        let r = self.update_goal_chain(&goals);
        self.rebuilding_makefiles = false;
        let mut status = r?;
        for d in skipped {
            let m = format!(
                "{}: {}",
                show(&self.files.get(d.file).name),
                d.error.unwrap_or_default()
            );
            self.error(d.floc.as_ref(), m.as_bytes());
        }
        if any_failed && status == UpdateStatus::Success {
            status = UpdateStatus::None;
        }
        let mut restart = false;
        match status {
            UpdateStatus::Question | UpdateStatus::None => {}
            UpdateStatus::Failed => {
                let mut any_remade = false;
                for (i, d) in goals.iter().enumerate() {
                    let fi = self.files.get(d.file);
                    if fi.updated {
                        if fi.update_status == UpdateStatus::Success {
                            any_remade |= self.file_mtime_no_search(d.file) != mtimes[i];
                        } else if !d.dontcare {
                            let m = format!("Failed to remake makefile '{}'.", show(&fi.name));
                            self.error(d.floc.as_ref(), m.as_bytes());
                            let mtime = self.file_mtime_no_search(d.file);
                            any_remade |= mtime != Mtime::Nonexistent && mtime != mtimes[i];
                            self.makefile_status = 2;
                            any_failed = true;
                        }
                    } else if !d.dontcare {
                        let name = show(&fi.name);
                        if d.included {
                            let m = format!("Included makefile '{name}' was not found.");
                            self.error(d.floc.as_ref(), m.as_bytes());
                        } else {
                            let m = format!("Makefile '{name}' was not found");
                            self.error(None, m.as_bytes());
                            any_failed = true;
                        }
                    }
                }
                restart = any_remade;
            }
            UpdateStatus::Success => restart = true,
        }
        if restart {
            self.remove_intermediates(false);
            self.wait_for_children(false);
            return Ok(Some(Outcome::Restart));
        }
        if any_failed {
            return Err(Fatal::exit(2));
        }
        Ok(None)
    }
}

/// `KMAKE_STATS=1`: this process's own CPU time and peak memory (children
/// not included), on stderr.
fn print_self_usage() {
    // SAFETY: getrusage fills the struct.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    eprintln!(
        "kmake: self user {:.3}s sys {:.3}s, max RSS {:.1} MiB",
        t(ru.ru_utime),
        t(ru.ru_stime),
        ru.ru_maxrss as f64 / 1024.0
    );
}
