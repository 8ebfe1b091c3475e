//! Running recipes (C `job.c`): expanding a target's recipe, starting its
//! lines one at a time as processes (or, for `$(MAKE)` lines, as sub-makes on
//! threads of this process), job slots and the jobserver, reaping finished
//! jobs, error messages and deleting targets whose recipe failed.

use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};
use std::sync::Arc;

use super::file::{CmdState, FileId, Mtime, UpdateStatus, CMD_NOERROR, CMD_RECURSE, CMD_SILENT};
use super::instance::Make;
use super::jobserver::{Client, Token};
use super::shell::{is_bourne_compatible_shell, Env, ExitStatus};
use super::text::{is_blank, show};
use super::{Fatal, MResult};

/// A finished job: its id and how it ended.
struct Event {
    id: u64,
    status: ExitStatus,
}

/// One running recipe (C `struct child`).
struct Child {
    id: u64,
    file: FileId,
    /// The expanded recipe lines.
    lines: Vec<Vec<u8>>,
    /// The next line to start (C `command_line`).
    command_line: usize,
    /// What is left of the current line (C `command_ptr`).
    current: Option<Vec<u8>>,
    noerror: bool,
    recursive: bool,
    dontcare: bool,
    env: Option<Arc<Env>>,
    /// A process or sub-make was started for the current line.
    started: bool,
    deleted: bool,
    good_stdin: bool,
    /// The process of the current line, if it is one.
    pid: Option<u32>,
    _token: Option<Token>,
}

/// The jobs of one make.
pub struct JobState {
    pub client: Option<Client>,
    children: Vec<Child>,
    tx: Sender<Event>,
    rx: Receiver<Event>,
    next_id: u64,
    good_stdin_used: bool,
    printed_waiting: bool,
    delete_on_error: Option<bool>,
    /// One job at a time (no `-j`, or `-j1`): each recipe is waited for.
    pub serial: bool,
    /// Set when a fatal signal arrived: start nothing more.
    pub dying: bool,
    /// Registration with the signal thread.
    pub signal_key: Option<u64>,
}

impl Default for JobState {
    fn default() -> Self {
        let (tx, rx) = channel();
        JobState {
            client: None,
            children: Vec::new(),
            tx,
            rx,
            next_id: 1,
            good_stdin_used: false,
            printed_waiting: false,
            delete_on_error: None,
            serial: true,
            dying: false,
            signal_key: None,
        }
    }
}

impl JobState {
    /// Lets a child use the jobserver if it is recursive.
    pub fn client_configure(&self, cmd: &mut Command, recursive: bool) {
        if let Some(c) = &self.client {
            c.configure_command(cmd, recursive);
        }
    }

    /// What non-recursive children's `MAKEFLAGS` get for a pipe jobserver.
    pub fn invalid_auth_arg(&self) -> Option<Vec<u8>> {
        let js = self.client.as_ref()?.jobserver()?;
        if js.style() == super::jobserver::JobserverStyle::Pipe {
            Some(b" --jobserver-auth=-2,-2".to_vec())
        } else {
            None
        }
    }

    pub fn has_children(&self) -> bool {
        !self.children.is_empty()
    }

    /// Asks the signal thread to tell this make about fatal signals.
    pub fn watch_signals(&mut self) {
        if self.signal_key.is_some() {
            return;
        }
        let tx = self.tx.clone();
        let client = self.client.clone();
        self.signal_key = Some(super::signals::register(Box::new(move |sig| {
            let _ = tx.send(Event {
                id: 0,
                status: ExitStatus {
                    code: 0,
                    signal: sig,
                    core: false,
                },
            });
            if let Some(c) = &client {
                c.wake();
            }
        })));
    }

    /// Stops telling this make about signals.
    pub fn unwatch_signals(&mut self) {
        if let Some(k) = self.signal_key.take() {
            super::signals::unregister(k);
        }
    }
}

/// Joins backslash-newlines inside variable references and function calls
/// of a recipe line before it is expanded (the loop at the top of C
/// `new_job`).
pub(crate) fn collapse_in_references(line: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        out.push(c);
        i += 1;
        if c != b'$' || i >= line.len() {
            continue;
        }
        let open = line[i];
        if open != b'(' && open != b'{' {
            continue;
        }
        let close = if open == b'(' { b')' } else { b'}' };
        out.push(open);
        i += 1;
        let outref = out.len();
        let mut count = 0i32;
        let refstart = i - 1;
        while i < line.len() {
            let ch = line[i];
            if ch == close {
                count -= 1;
                if count < 0 {
                    break;
                }
            }
            if ch == b'\\' && line.get(i + 1) == Some(&b'\n') {
                // An odd number of backslashes before the newline?
                let mut quoted = false;
                let mut p = i;
                while p > refstart && line[p - 1] == b'\\' {
                    quoted = !quoted;
                    p -= 1;
                }
                if quoted {
                    out.push(ch);
                    i += 1;
                } else {
                    i += 2;
                    while i < line.len() && super::text::is_space(line[i]) {
                        i += 1;
                    }
                    while out.len() > outref && is_blank(*out.last().expect("out")) {
                        out.pop();
                    }
                    out.push(b' ');
                }
                continue;
            }
            if ch == open {
                count += 1;
            }
            out.push(ch);
            i += 1;
        }
    }
    out
}

/// The text `strsignal` gives for a signal.
fn signal_text(sig: i32) -> String {
    // SAFETY: strsignal returns a pointer to a static or thread-local string.
    let p = unsafe { libc::strsignal(sig) };
    if p.is_null() {
        return format!("Unknown signal {sig}");
    }
    // SAFETY: a NUL-terminated string from the C library.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned()
}

impl Make {
    /// The job-slot client, created serial if none was set up.
    fn client(&mut self) -> MResult<Client> {
        if self.jobs.client.is_none() {
            let c = Client::serial().map_err(|e| Fatal::new(None, format!("{e}")))?;
            self.jobs.client = Some(c);
        }
        Ok(self.jobs.client.clone().expect("client"))
    }

    /// Starts the recipe of a target (C `execute_file_commands`).
    pub fn execute_file_commands(&mut self, file: FileId) -> MResult<()> {
        let cmds = self.files.get(file).cmds.clone().expect("recipe");
        if cmds
            .text
            .iter()
            .all(|&c| c.is_ascii_whitespace() || matches!(c, b'-' | b'@' | b'+'))
        {
            self.set_command_state(file, CmdState::Running);
            self.files.get_mut(file).update_status = UpdateStatus::Success;
            return self.notice_finished_file(file);
        }
        self.file_scope(file)?;
        let stem = self.files.get(file).stem.clone();
        self.set_file_variables(file, stem.as_deref());
        self.new_job(file)
    }

    /// C `new_job`.
    fn new_job(&mut self, file: FileId) -> MResult<()> {
        self.reap_children(false, false)?;
        if self.recording() {
            if let Some(r) = self.shared.recorder.clone() {
                r.recipe(self, file);
            }
        }
        let cmds = self.files.get(file).cmds.clone().expect("recipe");
        let nlines = self.chop_commands(&cmds).lines.len();
        let mut lines = Vec::with_capacity(nlines);
        for i in 0..nlines {
            let raw = self.chop_commands(&cmds).lines[i].clone();
            let collapsed = collapse_in_references(&raw);
            let e = self.with_file_context(Some(file), i as u32, |m| m.expand_str(&collapsed))?;
            lines.push(e);
        }
        let id = self.jobs.next_id;
        self.jobs.next_id += 1;
        let mut c = Child {
            id,
            file,
            lines,
            command_line: 0,
            current: None,
            noerror: false,
            recursive: false,
            dontcare: self.files.get(file).dontcare,
            env: None,
            started: false,
            deleted: false,
            good_stdin: false,
            pid: None,
            _token: None,
        };
        job_next_command(&mut c);
        c._token = Some(self.acquire_token()?);
        if self.opts.trace {
            self.trace_why(file)?;
        }
        self.start_waiting_job(c)?;
        if self.jobs.serial || self.not_parallel {
            while self.files.get(file).command_state == CmdState::Running {
                if !self.jobs.has_children() {
                    break;
                }
                self.reap_children(true, false)?;
            }
        }
        Ok(())
    }

    /// A job slot: the free implicit one, or a jobserver token, waiting for
    /// running jobs to finish while none is free.
    fn acquire_token(&mut self) -> MResult<Token> {
        let client = self.client()?;
        let err = |e: super::jobserver::JobserverError| Fatal::new(None, format!("{e}"));
        loop {
            if let Some(t) = client.try_acquire().map_err(err)? {
                return Ok(t);
            }
            self.reap_children(false, false)?;
            if let Some(t) = client.try_acquire().map_err(err)? {
                return Ok(t);
            }
            if !self.jobs.has_children() {
                return client.acquire().map_err(err);
            }
            if let Some(t) = client
                .acquire_timeout(std::time::Duration::from_secs(3600))
                .map_err(err)?
            {
                return Ok(t);
            }
        }
    }

    /// C `start_waiting_job`.
    fn start_waiting_job(&mut self, mut c: Child) -> MResult<()> {
        let file = c.file;
        self.start_job_command(&mut c)?;
        match self.files.get(file).command_state {
            CmdState::Running => {
                self.jobs.children.push(c);
            }
            CmdState::NotStarted => {
                self.files.get_mut(file).update_status = UpdateStatus::Success;
                self.notice_finished_file(file)?;
            }
            CmdState::Finished => {
                self.notice_finished_file(file)?;
            }
            CmdState::DepsRunning => {}
        }
        Ok(())
    }

    /// Starts the next line of a job, skipping lines that need no process
    /// (C `start_job_command`).
    fn start_job_command(&mut self, c: &mut Child) -> MResult<()> {
        loop {
            let Some(text) = c.current.take() else {
                if self.next_command(c)? {
                    continue;
                }
                return Ok(());
            };
            let file = c.file;
            let cmds = self.files.get(file).cmds.clone().expect("recipe");
            let chopped = self.chop_commands(&cmds);
            let line_no = c.command_line - 1;
            let mut flags = self.files.get(file).command_flags | chopped.flag(line_no);
            c.noerror = flags & CMD_NOERROR != 0;
            let mut p = 0;
            while p < text.len() {
                match text[p] {
                    b'@' => flags |= CMD_SILENT,
                    b'+' => flags |= CMD_RECURSE,
                    b'-' => c.noerror = true,
                    ch if is_blank(ch) => {}
                    _ => break,
                }
                p += 1;
            }
            c.recursive = flags & CMD_RECURSE != 0;
            chopped.flags[line_no]
                .fetch_or(flags & CMD_RECURSE, std::sync::atomic::Ordering::Relaxed);
            // A recipe prefix after backslash-newline is dropped.
            let prefix = cmds.prefix;
            let mut rest: Vec<u8> = Vec::with_capacity(text.len() - p);
            let mut i = p;
            while i < text.len() {
                rest.push(text[i]);
                if text[i] == b'\n' && text.get(i + 1) == Some(&prefix) {
                    i += 1;
                }
                i += 1;
            }
            let argv = self.command_argv(&rest, true, Some(file), flags)?;
            let shown: Vec<u8> = match argv.rest {
                Some(r) => rest[..r].to_vec(),
                None => rest.clone(),
            };
            // What is left of this line for the next time.
            c.current = argv.rest.map(|r| rest[r + 1..].to_vec());
            let mut argv = argv.argv;
            if argv.is_some() && self.opts.question && flags & CMD_RECURSE == 0 {
                self.files.get_mut(file).update_status = UpdateStatus::Question;
                return self.notice_finished_file(file);
            }
            if self.opts.touch && flags & CMD_RECURSE == 0 {
                argv = None;
            }
            let Some(argv) = argv else {
                if self.next_command(c)? {
                    continue;
                }
                return Ok(());
            };
            if !self.recording()
                && (self.opts.just_print
                    || self.opts.trace
                    || (flags & CMD_SILENT == 0 && !self.opts.run_silent))
            {
                self.message(false, &shown);
            }
            self.commands_started += 1;
            if argv.len() == 3
                && is_bourne_compatible_shell(&argv[0])
                && (argv[1] == b"-c" || argv[1] == b"-ec")
                && argv[2] == b":"
            {
                if self.next_command(c)? {
                    continue;
                }
                return Ok(());
            }
            let skip = if self.recording() {
                // Only sub-makes run; everything else is only recorded.
                !(flags & CMD_RECURSE != 0
                    && self.is_this_make(&argv[0])
                    && self
                        .shared
                        .recorder
                        .as_ref()
                        .is_some_and(|r| r.submake(self, &argv)))
            } else {
                self.opts.just_print && flags & CMD_RECURSE == 0
            };
            if skip {
                if self.next_command(c)? {
                    continue;
                }
                return Ok(());
            }
            self.output_start();
            c.good_stdin = !self.jobs.good_stdin_used;
            if c.good_stdin {
                self.jobs.good_stdin_used = true;
            }
            c.deleted = false;
            if c.env.is_none() {
                let any_recurse = self.chop_commands(&cmds).any_recurse();
                c.env = Some(Arc::new(self.target_environment(Some(file), any_recurse)?));
            }
            let env = c.env.clone().expect("env");
            self.launch(c, argv, env, flags & CMD_RECURSE != 0)?;
            self.set_command_state(file, CmdState::Running);
            return Ok(());
        }
    }

    /// Moves to the next line; when there is none, the job is done (the
    /// `next_command` label of C `start_job_command`). Returns whether there
    /// is a line to start.
    fn next_command(&mut self, c: &mut Child) -> MResult<bool> {
        if job_next_command(c) {
            return Ok(true);
        }
        self.set_command_state(c.file, CmdState::Running);
        self.files.get_mut(c.file).update_status = UpdateStatus::Success;
        self.notice_finished_file(c.file)?;
        Ok(false)
    }

    /// The value `$(MAKE)` runs: this program.
    fn is_this_make(&self, argv0: &[u8]) -> bool {
        !self.make_command.is_empty() && argv0 == self.make_command.as_slice() && !self.no_inprocess
    }

    /// Starts a process, or a sub-make on a thread for a recursive
    /// `$(MAKE)` line.
    fn launch(
        &mut self,
        c: &mut Child,
        argv: Vec<Vec<u8>>,
        env: Arc<Env>,
        recursive: bool,
    ) -> MResult<()> {
        let tx = self.jobs.tx.clone();
        let id = c.id;
        let client = self.client()?;
        c.started = true;
        if recursive && self.is_this_make(&argv[0]) {
            let shared = self.shared.clone();
            let cwd = self.cwd.clone();
            let no_record = !self.recording();
            let sub_client = client
                .sub_make()
                .map_err(|e| Fatal::new(None, format!("{e}")))?;
            let wake = client.clone();
            let spawned = std::thread::Builder::new()
                .name("kmake-submake".into())
                .stack_size(SUBMAKE_STACK)
                .spawn(move || {
                    let hooked = shared
                        .submake_hook
                        .as_ref()
                        .and_then(|h| h.intercept(&argv, &env, &cwd));
                    let status = match hooked {
                        Some(code) => ExitStatus::code(code),
                        None => super::run::run_submake(
                            shared,
                            argv,
                            (*env).clone(),
                            cwd,
                            sub_client,
                            no_record,
                        ),
                    };
                    let _ = tx.send(Event { id, status });
                    wake.wake();
                });
            if let Err(e) = spawned {
                return Err(Fatal::new(None, format!("cannot start a thread: {e}")));
            }
            return Ok(());
        }
        let text = if argv.len() == 3 && argv[1] == b"-c" {
            argv[2].clone()
        } else {
            argv.join(&b' ')
        };
        if let Some(o) = &self.shared.observer {
            o.note_command(&self.cwd, &text, super::shell::env_path(&env));
        }
        if let Some(hook) = self.shared.command_hook.clone() {
            if let Some(code) = hook.run(&text, &env, &self.cwd, &*self.shared.output) {
                let _ = tx.send(Event {
                    id,
                    status: ExitStatus::code(code),
                });
                client.wake();
                return Ok(());
            }
        }
        let spawned = super::shell::child_command(&argv, &env, &self.cwd).and_then(|mut cmd| {
            cmd.stdin(if c.good_stdin {
                Stdio::inherit()
            } else {
                Stdio::null()
            });
            if let Some(s) = &self.shared.stdio {
                let (o, e) = s.for_child()?;
                cmd.stdout(o).stderr(e);
            }
            client.configure_command(&mut cmd, recursive);
            cmd.spawn()
        });
        match spawned {
            Ok(mut child) => {
                c.pid = Some(child.id());
                let wake = client.clone();
                let spawned = std::thread::Builder::new()
                    .name("kmake-wait".into())
                    .stack_size(64 * 1024)
                    .spawn(move || {
                        let status = match child.wait() {
                            Ok(s) => ExitStatus::from_std(s),
                            Err(_) => ExitStatus::code(127),
                        };
                        let _ = tx.send(Event { id, status });
                        wake.wake();
                    });
                if let Err(e) = spawned {
                    return Err(Fatal::new(None, format!("cannot start a thread: {e}")));
                }
            }
            Err(e) => {
                let mut m = argv[0].clone();
                m.extend_from_slice(b": ");
                m.extend_from_slice(super::func::errno_text(&e).as_bytes());
                self.error(None, &m);
                let _ = tx.send(Event {
                    id,
                    status: ExitStatus::code(127),
                });
            }
        }
        Ok(())
    }

    /// Waits for finished jobs and continues or ends them (C
    /// `reap_children`). `block`: wait for one; `err`: an error is stopping
    /// make.
    pub fn reap_children(&mut self, mut block: bool, err: bool) -> MResult<()> {
        while !self.jobs.children.is_empty() {
            if err && block && !self.jobs.printed_waiting {
                self.jobs.printed_waiting = true;
                self.error(None, b"*** Waiting for unfinished jobs....");
            }
            let ev = if block {
                match self.jobs.rx.recv() {
                    Ok(ev) => ev,
                    Err(_) => break,
                }
            } else {
                match self.jobs.rx.try_recv() {
                    Ok(ev) => ev,
                    Err(TryRecvError::Empty) | Err(TryRecvError::Disconnected) => break,
                }
            };
            if ev.id == 0 {
                if self.jobs.dying {
                    continue;
                }
                return Err(self.fatal_signal(ev.status.signal));
            }
            self.command_count += 1;
            self.shared.stats.invalidate();
            let Some(idx) = self.jobs.children.iter().position(|c| c.id == ev.id) else {
                continue;
            };
            let mut c = self.jobs.children.remove(idx);
            let st = ev.status;
            let mut child_failed = if st.success() {
                0
            } else if st.signal == 0 && st.code == 1 && self.opts.question && c.recursive {
                1
            } else {
                2
            };
            let dontcare = c.dontcare;
            let file = c.file;
            let mut keep = false;
            if child_failed != 0 && !c.noerror && !self.opts.ignore_errors {
                if !dontcare && child_failed == 2 {
                    self.child_error(&c, st, false);
                }
                self.files.get_mut(file).update_status = if child_failed == 2 {
                    UpdateStatus::Failed
                } else {
                    UpdateStatus::Question
                };
                let doe = match self.jobs.delete_on_error {
                    Some(d) => d,
                    None => {
                        let d = self
                            .files
                            .lookup(b".DELETE_ON_ERROR")
                            .is_some_and(|f| self.files.get(f).is_target);
                        self.jobs.delete_on_error = Some(d);
                        d
                    }
                };
                if st.signal != 0 || doe {
                    self.delete_child_targets(&mut c);
                }
            } else {
                if child_failed != 0 {
                    self.child_error(&c, st, true);
                    child_failed = 0;
                }
                if job_next_command(&mut c) {
                    if self.jobs.dying {
                        self.files.get_mut(file).update_status = UpdateStatus::Failed;
                    } else {
                        c.started = false;
                        self.start_job_command(&mut c)?;
                        if self.files.get(file).command_state == CmdState::Running {
                            keep = true;
                        } else if self.files.get(file).update_status != UpdateStatus::Success {
                            self.delete_child_targets(&mut c);
                        }
                    }
                } else {
                    self.files.get_mut(file).update_status = UpdateStatus::Success;
                }
            }
            if keep {
                // start_job_command may have finished the job already (its
                // remaining lines needed no process) and then it is done.
                if c.started {
                    self.jobs.children.push(c);
                    continue;
                }
            }
            if !self.jobs.dying && !keep {
                self.notice_finished_file(file)?;
            }
            if c.good_stdin {
                self.jobs.good_stdin_used = false;
            }
            drop(c);
            if !err && child_failed != 0 && !dontcare && !self.opts.keep_going && !self.jobs.dying {
                return Err(Fatal::exit(child_failed));
            }
            block = false;
        }
        Ok(())
    }

    /// `make: *** [Makefile:3: all] Error 1` (C `child_error`).
    fn child_error(&mut self, c: &Child, st: ExitStatus, ignored: bool) {
        if ignored && self.opts.run_silent {
            return;
        }
        let file = self.files.get(c.file);
        let cmds = file.cmds.clone().expect("recipe");
        let nm = if cmds.builtin || cmds.floc.file.is_empty() {
            "<builtin>".to_string()
        } else {
            format!(
                "{}:{}",
                show(&cmds.floc.file),
                cmds.floc.line as usize + c.command_line.saturating_sub(1)
            )
        };
        let name = show(&file.name);
        let (pre, post) = if ignored {
            ("", " (ignored)")
        } else {
            ("*** ", "")
        };
        self.show_goal_error();
        let m = if st.signal == 0 {
            format!("{pre}[{nm}: {name}] Error {}{post}", st.code)
        } else {
            let dump = if st.core { " (core dumped)" } else { "" };
            format!("{pre}[{nm}: {name}] {}{dump}{post}", signal_text(st.signal))
        };
        self.error(None, m.as_bytes());
    }

    /// Deletes a failed job's targets (C `delete_child_targets`).
    fn delete_child_targets(&mut self, c: &mut Child) {
        if c.deleted || !c.started {
            return;
        }
        self.delete_target(c.file, None);
        let name = self.files.get(c.file).name.clone();
        for a in self.files.get(c.file).also_make.clone() {
            self.delete_target(a, Some(&name));
        }
        c.deleted = true;
    }

    /// Deletes a target that changed unless it is precious (C
    /// `delete_target`).
    fn delete_target(&mut self, f: FileId, on_behalf_of: Option<&[u8]>) {
        let fi = self.files.get(f);
        if fi.precious || fi.phony {
            return;
        }
        let name = fi.name.clone();
        let last = fi.last_mtime;
        let path = self.resolve_path(&name);
        let Ok(md) = std::fs::metadata(&path) else {
            return;
        };
        if !md.is_file() || Mtime::of_metadata(&md) == last {
            return;
        }
        let m = match on_behalf_of {
            Some(b) => format!("*** [{}] Deleting file '{}'", show(b), show(&name)),
            None => format!("*** Deleting file '{}'", show(&name)),
        };
        self.error(None, m.as_bytes());
        self.shared.stats.invalidate();
        if let Err(e) = std::fs::remove_file(&path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                let m = format!("unlink: {}: {}", show(&name), super::func::errno_text(&e));
                self.error(None, m.as_bytes());
            }
        }
    }

    /// A fatal signal arrived (C `fatal_error_signal`): SIGTERM is passed on
    /// to running jobs, the targets they were writing are deleted, they are
    /// waited for, and intermediate files are removed.
    pub fn fatal_signal(&mut self, sig: i32) -> Fatal {
        self.jobs.dying = true;
        if sig == libc::SIGTERM {
            for c in &self.jobs.children {
                if let Some(pid) = c.pid {
                    // SAFETY: sending a signal to our child process.
                    unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
                }
            }
        }
        let mut children = std::mem::take(&mut self.jobs.children);
        for c in &mut children {
            self.delete_child_targets(c);
        }
        self.jobs.children = children;
        while self.jobs.has_children() {
            let _ = self.reap_children(true, false);
        }
        self.remove_intermediates(true);
        Fatal::exit(128 + sig)
    }

    /// Waits for every running job (C `die`'s wait).
    pub fn wait_for_children(&mut self, err: bool) {
        while self.jobs.has_children() {
            if self.reap_children(true, err).is_err() {
                continue;
            }
        }
    }
}

/// Stack of a sub-make's thread: makefile evaluation recurses deeply.
const SUBMAKE_STACK: usize = 256 * 1024 * 1024;

/// Moves to the next non-empty line of a job (C `job_next_command`).
fn job_next_command(c: &mut Child) -> bool {
    loop {
        if c.current.as_ref().is_some_and(|t| !t.is_empty()) {
            return true;
        }
        if c.command_line >= c.lines.len() {
            c.current = None;
            return false;
        }
        c.current = Some(std::mem::take(&mut c.lines[c.command_line]));
        c.command_line += 1;
    }
}

impl Make {
    /// `--trace`: why a target is remade (the `DB_WHY` part of C `new_job`).
    fn trace_why(&mut self, file: FileId) -> MResult<()> {
        let fi = self.files.get(file);
        let cmds = fi.cmds.clone().expect("recipe");
        let nm = if cmds.builtin || cmds.floc.file.is_empty() {
            "<builtin>".to_string()
        } else {
            format!("{}:{}", show(&cmds.floc.file), cmds.floc.line)
        };
        let name = show(&fi.name);
        let why = if fi.phony {
            "target is .PHONY".to_string()
        } else if fi.last_mtime == Mtime::Nonexistent {
            "target does not exist".to_string()
        } else {
            let newer = self.expand_for_file(b"$?", Some(file))?;
            if !newer.is_empty() {
                show(&newer)
            } else {
                let missing: Vec<String> = self
                    .files
                    .get(file)
                    .deps
                    .iter()
                    .filter_map(|d| d.file)
                    .filter(|&d| self.files.get(d).last_mtime == Mtime::Nonexistent)
                    .map(|d| show(&self.files.get(d).name))
                    .collect();
                if missing.is_empty() {
                    "unknown reasons".to_string()
                } else {
                    missing.join(" ")
                }
            }
        };
        let m = format!("{nm}: update target '{name}' due to: {why}");
        self.message(false, m.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_inside_references() {
        assert_eq!(
            collapse_in_references(b"echo $(foo \\\n   bar) \\\nx"),
            b"echo $(foo bar) \\\nx"
        );
        assert_eq!(collapse_in_references(b"a ${x\\\n y}"), b"a ${x y}");
    }
}
