//! Deciding what to rebuild (C `remake.c`): the goal loop, considering each
//! target and its prerequisites, modification times (with directory search),
//! intermediate files, `-t`/`-q`/`-n`, and the messages make prints about
//! targets ("Nothing to be done", "No rule to make target").

use std::sync::Arc;

use super::file::{CmdState, FileId, Mtime, UpdateStatus, CMD_RECURSE};
use super::instance::Make;
use super::text::show;
use super::{Fatal, Floc, MResult};

/// A goal: a command-line target, the default goal, or a makefile to remake
/// (C `struct goaldep`).
#[derive(Clone, Debug)]
pub struct Goal {
    pub file: FileId,
    /// Commands were started for it.
    pub changed: bool,
    /// A makefile whose absence is fine (`-include`, `MAKEFILES`).
    pub dontcare: bool,
    /// An included makefile.
    pub included: bool,
    /// Why it could not be read, for the message if it cannot be remade.
    pub error: Option<String>,
    pub floc: Option<Floc>,
}

impl Goal {
    pub fn new(file: FileId) -> Goal {
        Goal {
            file,
            changed: false,
            dontcare: false,
            included: false,
            error: None,
            floc: None,
        }
    }
}

/// The current time in nanoseconds.
fn now_ns() -> i128 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(_) => 0,
    }
}

/// `%.2g` for the clock skew warning.
fn format_2g(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let exp = v.abs().log10().floor() as i32;
    if !(-4..2).contains(&exp) {
        let m = v / 10f64.powi(exp);
        let s = format!("{m:.1}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        return format!("{s}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let decimals = (1 - exp).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

impl Make {
    /// The double-colon root of a file (or the file).
    pub fn root(&self, f: FileId) -> FileId {
        self.files.get(f).double_colon.unwrap_or(f)
    }

    fn is_updating(&self, f: FileId) -> bool {
        self.files.get(self.root(f)).updating
    }

    fn set_updating(&mut self, f: FileId, on: bool) {
        let r = self.root(f);
        self.files.get_mut(r).updating = on;
    }

    /// C `set_command_state`.
    pub fn set_command_state(&mut self, f: FileId, state: CmdState) {
        self.files.get_mut(f).command_state = state;
        for a in self.files.get(f).also_make.clone() {
            if state > self.files.get(a).command_state {
                self.files.get_mut(a).command_state = state;
            }
        }
    }

    /// The cached modification time, searching VPATH when unknown.
    pub fn file_mtime(&mut self, f: FileId) -> Mtime {
        match self.files.get(f).last_mtime {
            Mtime::Unknown => self.f_mtime(f, true),
            m => m,
        }
    }

    /// The cached modification time, without directory search.
    pub fn file_mtime_no_search(&mut self, f: FileId) -> Mtime {
        match self.files.get(f).last_mtime {
            Mtime::Unknown => self.f_mtime(f, false),
            m => m,
        }
    }

    /// Remakes the goals (C `update_goal_chain`).
    pub fn update_goal_chain(&mut self, goals: &[Goal]) -> MResult<UpdateStatus> {
        let (t, q, n) = (self.opts.touch, self.opts.question, self.opts.just_print);
        let mut goals: Vec<Goal> = goals.to_vec();
        self.goal_list = if self.rebuilding_makefiles {
            goals.clone()
        } else {
            Vec::new()
        };
        let mut status = UpdateStatus::None;
        let mut last_cmd_count = 0u64;
        self.considered = self.considered.wrapping_add(1);
        let r = (|| -> MResult<UpdateStatus> {
            while !goals.is_empty() {
                let block = last_cmd_count == self.command_count;
                self.reap_children(block, false)?;
                last_cmd_count = self.command_count;
                let mut i = 0;
                let mut stopped = false;
                while i < goals.len() {
                    let g = goals[i].clone();
                    self.goal_dep = Some(g.clone());
                    let mut stop = false;
                    let mut any_not_updated = false;
                    for file in self.chain(g.file) {
                        self.files.get_mut(file).dontcare = g.dontcare;
                        if self.rebuilding_makefiles {
                            if self.files.get(file).cmd_target {
                                self.opts.touch = t;
                                self.opts.question = q;
                                self.opts.just_print = n;
                            } else {
                                self.opts.touch = false;
                                self.opts.question = false;
                                self.opts.just_print = false;
                            }
                        }
                        let started = self.commands_started;
                        let fail =
                            self.update_file(file, if self.rebuilding_makefiles { 1 } else { 0 })?;
                        if self.commands_started > started {
                            goals[i].changed = true;
                        }
                        stop = false;
                        let fi = self.files.get(file);
                        if (fail != UpdateStatus::Success || fi.updated)
                            && status < UpdateStatus::Question
                        {
                            if fi.update_status != UpdateStatus::Success {
                                status = fi.update_status;
                                stop = self.opts.question
                                    && !self.opts.keep_going
                                    && !self.rebuilding_makefiles;
                            } else {
                                let mtime = if self.rebuilding_makefiles {
                                    self.file_mtime_no_search(file)
                                } else {
                                    self.file_mtime(file)
                                };
                                let fi = self.files.get(file);
                                if fi.updated && mtime != fi.mtime_before_update {
                                    if !self.rebuilding_makefiles
                                        || (!self.opts.just_print && !self.opts.question)
                                    {
                                        status = UpdateStatus::Success;
                                    }
                                    if self.rebuilding_makefiles && fi.dontcare {
                                        stop = true;
                                    }
                                }
                            }
                        }
                        any_not_updated |= !self.files.get(file).updated;
                        self.files.get_mut(file).dontcare = false;
                        if stop {
                            break;
                        }
                    }
                    if stop || !any_not_updated {
                        let fi = self.files.get(g.file);
                        if !self.rebuilding_makefiles
                            && fi.update_status == UpdateStatus::Success
                            && !goals[i].changed
                            && !self.opts.run_silent
                            && !self.opts.question
                        {
                            let m = if fi.phony || fi.cmds.is_none() {
                                format!("Nothing to be done for '{}'.", show(&fi.name))
                            } else {
                                format!("'{}' is up to date.", show(&fi.name))
                            };
                            self.message(true, m.as_bytes());
                        }
                        goals.remove(i);
                        if stop {
                            stopped = true;
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                if !stopped {
                    self.considered = self.considered.wrapping_add(1);
                }
            }
            Ok(status)
        })();
        if self.rebuilding_makefiles {
            self.opts.touch = t;
            self.opts.question = q;
            self.opts.just_print = n;
        }
        r
    }

    /// Reports a makefile that could not be read, the first time (C
    /// `show_goal_error`).
    pub fn show_goal_error(&mut self) {
        let Some(gd) = &self.goal_dep else { return };
        if !gd.included || gd.dontcare {
            return;
        }
        let file = gd.file;
        if let Some(g) = self.goal_list.iter_mut().find(|g| g.file == file) {
            if let Some(e) = g.error.take() {
                let floc = g.floc.clone();
                let name = self.files.get(file).name.clone();
                let mut m = name.to_vec();
                m.extend_from_slice(b": ");
                m.extend_from_slice(e.as_bytes());
                self.error(floc.as_ref(), &m);
            }
        }
    }

    /// C `update_file`.
    pub fn update_file(&mut self, file: FileId, depth: u32) -> MResult<UpdateStatus> {
        let root = self.root(file);
        let f = self.files.get(root);
        if f.considered == self.considered
            && !(f.updated && f.update_status > UpdateStatus::None && !f.dontcare && f.no_diag)
        {
            return Ok(if f.command_state == CmdState::Finished {
                f.update_status
            } else {
                UpdateStatus::Success
            });
        }
        let mut status = UpdateStatus::Success;
        for f in self.chain(root) {
            self.files.get_mut(f).considered = self.considered;
            let new = self.update_file_1(f, depth)?;
            if new != UpdateStatus::Success && !self.opts.keep_going {
                return Ok(new);
            }
            let st = self.files.get(f).command_state;
            if st == CmdState::Running || st == CmdState::DepsRunning {
                return Ok(UpdateStatus::Success);
            }
            if new > status {
                status = new;
            }
        }
        Ok(status)
    }

    /// "No rule to make target" (C `complain`).
    fn complain(&mut self, file: FileId) -> MResult<()> {
        let deps: Vec<FileId> = self
            .files
            .get(file)
            .deps
            .iter()
            .filter_map(|d| d.file)
            .collect();
        for df in deps {
            let d = self.files.get(df);
            if d.updated && d.update_status > UpdateStatus::None && self.files.get(file).no_diag {
                return self.complain(df);
            }
        }
        self.show_goal_error();
        let name = show(&self.files.get(file).name);
        let msg = match self.files.get(file).parent {
            Some(p) => format!(
                "No rule to make target '{}', needed by '{}'",
                name,
                show(&self.files.get(p).name)
            ),
            None => format!("No rule to make target '{name}'"),
        };
        if !self.opts.keep_going {
            return Err(Fatal::new(None, msg));
        }
        self.error(None, format!("*** {msg}.").as_bytes());
        self.files.get_mut(file).no_diag = false;
        Ok(())
    }

    /// Whether any `::` entry of `f` is running.
    fn chain_running(&self, f: FileId) -> bool {
        self.chain(f).iter().any(|&x| {
            let s = self.files.get(x).command_state;
            s == CmdState::Running || s == CmdState::DepsRunning
        })
    }

    /// Considers one target (C `update_file_1`).
    fn update_file_1(&mut self, file: FileId, depth: u32) -> MResult<UpdateStatus> {
        let fi = self.files.get(file);
        if fi.updated {
            if fi.update_status > UpdateStatus::None {
                if fi.no_diag && !fi.dontcare {
                    self.complain(file)?;
                }
                return Ok(self.files.get(file).update_status);
            }
            return Ok(UpdateStatus::Success);
        }
        match fi.command_state {
            CmdState::NotStarted | CmdState::DepsRunning => {}
            CmdState::Running => return Ok(UpdateStatus::Success),
            CmdState::Finished => return Ok(fi.update_status),
        }
        let dontcare = fi.dontcare;
        self.files.get_mut(file).no_diag = dontcare;
        self.set_updating(file, true);
        let depth = depth + 1;
        let mut this_mtime = self.file_mtime(file);
        let mut noexist = this_mtime == Mtime::Nonexistent;
        for ad in self.files.get(file).also_make.clone() {
            if noexist {
                break;
            }
            let m = self.file_mtime(ad);
            noexist = m == Mtime::Nonexistent;
            if !noexist && m.order() < this_mtime.order() {
                this_mtime = m;
            }
        }
        let mut must_make = noexist;
        let fi = self.files.get(file);
        if !fi.phony && fi.cmds.is_none() && !fi.tried_implicit {
            self.try_implicit_rule(file, depth)?;
            self.files.get_mut(file).tried_implicit = true;
        }
        self.use_default_recipe(file);

        let mut dep_status = UpdateStatus::Success;
        let mut running = false;
        let mut targets = vec![file];
        targets.extend(self.files.get(file).also_make.clone());
        for t in targets {
            if self.second_expansion {
                self.expand_deps(t)?;
            }
            let mut di = 0;
            while di < self.files.get(t).deps.len() {
                let d = self.files.get(t).deps[di].clone();
                if d.wait_here && running {
                    break;
                }
                let Some(df) = d.file else {
                    di += 1;
                    continue;
                };
                let mtime = self.file_mtime(df);
                if self.is_updating(df) {
                    let m = format!(
                        "Circular {} <- {} dependency dropped.",
                        show(&self.files.get(file).name),
                        show(&self.files.get(df).name)
                    );
                    self.error(None, m.as_bytes());
                    // GNU make drops it from FILE's list (even when it came
                    // from an also_make peer's).
                    if t == file {
                        self.files.get_mut(t).deps.remove(di);
                    } else {
                        di += 1;
                    }
                    continue;
                }
                self.files.get_mut(df).parent = Some(file);
                let mut maybe_make = must_make;
                let saved_dc = if self.rebuilding_makefiles {
                    let old = self.files.get(df).dontcare;
                    let fd = self.files.get(file).dontcare;
                    self.files.get_mut(df).dontcare = fd;
                    Some(old)
                } else {
                    None
                };
                let new = self.check_dep(df, depth, this_mtime, &mut maybe_make)?;
                if new > dep_status {
                    dep_status = new;
                }
                if let Some(old) = saved_dc {
                    self.files.get_mut(df).dontcare = old;
                }
                if !d.ignore_mtime {
                    must_make = maybe_make;
                }
                running |= self.chain_running(df);
                if dep_status != UpdateStatus::Success && !self.opts.keep_going {
                    break;
                }
                if !running {
                    let now = self.file_mtime(df);
                    if let Some(dd) = self.files.get_mut(t).deps.get_mut(di) {
                        dd.changed = now != mtime || mtime == Mtime::Nonexistent;
                    }
                }
                di += 1;
            }
            if dep_status != UpdateStatus::Success && !self.opts.keep_going {
                break;
            }
        }

        let always_make = self.opts.always_make || self.recording();
        if must_make || always_make {
            let mut di = 0;
            while di < self.files.get(file).deps.len() {
                let d = self.files.get(file).deps[di].clone();
                di += 1;
                if d.wait_here && running {
                    break;
                }
                let Some(df) = d.file else { continue };
                if !self.files.get(df).intermediate {
                    continue;
                }
                let mtime = self.file_mtime(df);
                self.files.get_mut(df).parent = Some(file);
                let saved_dc = if self.rebuilding_makefiles {
                    let old = self.files.get(df).dontcare;
                    let fd = self.files.get(file).dontcare;
                    self.files.get_mut(df).dontcare = fd;
                    Some(old)
                } else {
                    None
                };
                self.files.get_mut(df).considered = 0;
                let new = self.update_file(df, depth)?;
                if new > dep_status {
                    dep_status = new;
                }
                if let Some(old) = saved_dc {
                    self.files.get_mut(df).dontcare = old;
                }
                running |= self.chain_running(df);
                if dep_status != UpdateStatus::Success && !self.opts.keep_going {
                    break;
                }
                if !running {
                    let fi = self.files.get(file);
                    let phony_cmds = fi.phony && fi.cmds.is_some();
                    let now = self.file_mtime(df);
                    if let Some(dd) = self.files.get_mut(file).deps.get_mut(di - 1) {
                        dd.changed = phony_cmds || now != mtime;
                    }
                }
            }
        }

        self.set_updating(file, false);
        let depth = depth - 1;

        if running {
            self.set_command_state(file, CmdState::DepsRunning);
            return Ok(UpdateStatus::Success);
        }

        if dep_status != UpdateStatus::Success {
            self.files.get_mut(file).update_status = if dep_status == UpdateStatus::None {
                UpdateStatus::Failed
            } else {
                dep_status
            };
            self.notice_finished_file(file)?;
            if depth == 0 && self.opts.keep_going && !self.opts.just_print && !self.opts.question {
                let m = format!(
                    "Target '{}' not remade because of errors.",
                    show(&self.files.get(file).name)
                );
                self.error(None, m.as_bytes());
            }
            return Ok(dep_status);
        }

        if self.files.get(file).command_state == CmdState::DepsRunning {
            self.set_command_state(file, CmdState::NotStarted);
        }

        // Which prerequisites are newer ($?), and whether to remake.
        let mut deps_changed = false;
        let ndeps = self.files.get(file).deps.len();
        for di in 0..ndeps {
            let d = self.files.get(file).deps[di].clone();
            let Some(df) = d.file else { continue };
            let d_mtime = self.file_mtime(df);
            if !d.ignore_mtime {
                if d_mtime == Mtime::Nonexistent && !self.files.get(df).intermediate {
                    must_make = true;
                }
                deps_changed |= d.changed;
            }
            let changed = d.changed || noexist || d_mtime.order() > this_mtime.order();
            self.files.get_mut(file).deps[di].changed = changed;
        }

        let fi = self.files.get(file);
        if fi.double_colon.is_some() && fi.deps.is_empty() {
            must_make = true;
        } else if !noexist && fi.is_target && !deps_changed && fi.cmds.is_none() && !always_make {
            must_make = false;
        } else if !must_make && fi.cmds.is_some() && always_make {
            must_make = true;
        }

        if !must_make {
            let fi = self.files.get(file);
            if !fi.notintermediate && !self.no_intermediates {
                self.files.get_mut(file).secondary = true;
            }
            self.notice_finished_file(file)?;
            // Use the name a directory search found from now on.
            let mut cur = Some(file);
            while let Some(c) = cur {
                if let Some(h) = self.files.get(c).hname.clone() {
                    self.files.get_mut(c).name = h;
                }
                cur = self.files.get(c).prev;
            }
            return Ok(UpdateStatus::Success);
        }

        if let Some(h) = &self.files.get(file).hname {
            if *h != self.files.get(file).name {
                self.files.get_mut(file).ignore_vpath = true;
            }
        }

        self.remake_file(file)?;

        if self.files.get(file).command_state != CmdState::Finished {
            return Ok(UpdateStatus::Success);
        }
        self.files.get_mut(file).updated = true;
        Ok(self.files.get(file).update_status)
    }

    /// A target without a recipe that is not a target of any rule gets the
    /// `.DEFAULT` recipe.
    fn use_default_recipe(&mut self, file: FileId) {
        let fi = self.files.get(file);
        if fi.cmds.is_none() && !fi.is_target {
            if let Some(dc) = self
                .default_file
                .and_then(|d| self.files.get(d).cmds.clone())
            {
                self.files.get_mut(file).cmds = Some(dc);
            }
        }
    }

    /// C `notice_finished_file`.
    pub fn notice_finished_file(&mut self, file: FileId) -> MResult<()> {
        let ran = self.files.get(file).command_state == CmdState::Running;
        let mut touched = false;
        self.files.get_mut(file).command_state = CmdState::Finished;
        self.files.get_mut(file).updated = true;

        if self.opts.touch && self.files.get(file).update_status == UpdateStatus::Success {
            let cmds = self.files.get(file).cmds.clone();
            let all_recurse = cmds.as_ref().is_some_and(|c| {
                let ch = self.chop_commands(c);
                ch.any_recurse() && ch.all_recurse()
            });
            if !all_recurse {
                if self.files.get(file).phony {
                    self.files.get_mut(file).update_status = UpdateStatus::Success;
                } else if cmds.is_some() {
                    let st = self.touch_file(file);
                    self.files.get_mut(file).update_status = st;
                    self.commands_started += 1;
                    touched = true;
                }
            }
        }

        if self.files.get(file).mtime_before_update == Mtime::Unknown {
            let lm = self.files.get(file).last_mtime;
            self.files.get_mut(file).mtime_before_update = lm;
        }

        let fi = self.files.get(file);
        if (ran && !fi.phony) || touched {
            let mut i = 0usize;
            if (self.opts.question || self.opts.just_print || self.opts.touch) && fi.cmds.is_some()
            {
                let c = fi.cmds.clone().expect("cmds");
                let ch = self.chop_commands(&c);
                i = ch.lines.len();
                while i > 0 {
                    if ch.flag(i - 1) & CMD_RECURSE == 0 {
                        break;
                    }
                    i -= 1;
                }
            } else if fi.is_target && fi.cmds.is_none() {
                i = 1;
            }
            self.files.get_mut(file).last_mtime = if i == 0 {
                Mtime::Unknown
            } else {
                Mtime::NewInf
            };
        }

        if self.files.get(file).double_colon.is_some() {
            let root = self.root(file);
            let mut max = self.files.get(file).last_mtime;
            let chain = self.chain(root);
            let mut all_updated = true;
            for &f in &chain {
                if !self.files.get(f).updated {
                    all_updated = false;
                    break;
                }
                let lm = self.files.get(f).last_mtime;
                if max != Mtime::Unknown && (lm == Mtime::Unknown || lm.order() > max.order()) {
                    max = lm;
                }
            }
            if all_updated {
                for f in chain {
                    self.files.get_mut(f).last_mtime = max;
                }
            }
        }

        let status = self.files.get(file).update_status;
        if ran && status != UpdateStatus::None {
            for a in self.files.get(file).also_make.clone() {
                let am = self.files.get_mut(a);
                am.command_state = CmdState::Finished;
                am.updated = true;
                am.update_status = status;
                if !am.phony {
                    self.f_mtime(a, false);
                }
            }
            let fi = self.files.get(file);
            if fi.tried_implicit && !fi.also_make.is_empty() {
                self.check_also_make(file);
            }
        } else if status == UpdateStatus::None {
            self.files.get_mut(file).update_status = UpdateStatus::Success;
        }
        Ok(())
    }

    /// Warns about grouped peers a pattern recipe did not create.
    fn check_also_make(&mut self, file: FileId) {
        let mut mtime = self.files.get(file).last_mtime;
        if mtime == Mtime::Unknown {
            mtime = self.name_mtime(&self.files.get(file).name.clone());
        }
        if matches!(mtime, Mtime::At(_))
            && mtime.order() > self.files.get(file).mtime_before_update.order()
        {
            for a in self.files.get(file).also_make.clone() {
                if self.files.get(a).last_mtime == Mtime::Nonexistent {
                    let floc = self.files.get(file).cmds.as_ref().map(|c| c.floc.clone());
                    let m = format!(
                        "warning: pattern recipe did not update peer target '{}'.",
                        show(&self.files.get(a).name)
                    );
                    self.error(floc.as_ref(), m.as_bytes());
                }
            }
        }
    }

    /// C `check_dep`.
    fn check_dep(
        &mut self,
        file: FileId,
        depth: u32,
        this_mtime: Mtime,
        must_make: &mut bool,
    ) -> MResult<UpdateStatus> {
        self.set_updating(file, true);
        let mut dep_status = UpdateStatus::Success;
        let fi = self.files.get(file);
        if fi.phony || !fi.intermediate {
            dep_status = self.update_file(file, depth)?;
            let mtime = self.file_mtime(file);
            if mtime == Mtime::Nonexistent || mtime.order() > this_mtime.order() {
                *must_make = true;
            }
        } else {
            let fi = self.files.get(file);
            if !fi.phony && fi.cmds.is_none() && !fi.tried_implicit {
                self.try_implicit_rule(file, depth)?;
                self.files.get_mut(file).tried_implicit = true;
            }
            self.use_default_recipe(file);
            let mtime = self.file_mtime(file);
            if mtime != Mtime::Nonexistent && mtime.order() > this_mtime.order() {
                *must_make = true;
            } else {
                let mut deps_running = false;
                if self.files.get(file).command_state != CmdState::Running {
                    if self.files.get(file).command_state == CmdState::DepsRunning {
                        self.files.get_mut(file).considered = 0;
                    }
                    self.set_command_state(file, CmdState::NotStarted);
                }
                if self.second_expansion {
                    self.expand_deps(file)?;
                }
                let mut di = 0;
                while di < self.files.get(file).deps.len() {
                    let d = self.files.get(file).deps[di].clone();
                    let Some(df) = d.file else {
                        di += 1;
                        continue;
                    };
                    if self.is_updating(df) {
                        let m = format!(
                            "Circular {} <- {} dependency dropped.",
                            show(&self.files.get(file).name),
                            show(&self.files.get(df).name)
                        );
                        self.error(None, m.as_bytes());
                        self.files.get_mut(file).deps.remove(di);
                        continue;
                    }
                    self.files.get_mut(df).parent = Some(file);
                    let mut maybe_make = *must_make;
                    let new = self.check_dep(df, depth + 1, this_mtime, &mut maybe_make)?;
                    if new > dep_status {
                        dep_status = new;
                    }
                    if !d.ignore_mtime {
                        *must_make = maybe_make;
                    }
                    if dep_status != UpdateStatus::Success && !self.opts.keep_going {
                        break;
                    }
                    let st = self.files.get(df).command_state;
                    if st == CmdState::Running || st == CmdState::DepsRunning {
                        deps_running = true;
                    }
                    di += 1;
                }
                if deps_running {
                    self.set_command_state(file, CmdState::DepsRunning);
                }
            }
        }
        self.set_updating(file, false);
        Ok(dep_status)
    }

    /// `-t`: updates the file's time without changing it (C `touch_file`).
    fn touch_file(&mut self, file: FileId) -> UpdateStatus {
        self.shared.stats.invalidate();
        let name = self.files.get(file).name.clone();
        if !self.opts.run_silent {
            let mut m = b"touch ".to_vec();
            m.extend_from_slice(&name);
            self.message(false, &m);
        }
        if self.opts.just_print {
            return UpdateStatus::Success;
        }
        use std::io::{Read, Seek, Write};
        let path = self.resolve_path(&name);
        let fail = |m: &Make, what: &str, e: std::io::Error| {
            let t = format!(
                "touch: {what}: {}: {}",
                show(&name),
                super::func::errno_text(&e)
            );
            m.error(None, t.as_bytes());
            UpdateStatus::Failed
        };
        let mut fh = match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) => return fail(self, "open", e),
        };
        let size = match fh.metadata() {
            Ok(m) => m.len(),
            Err(e) => return fail(self, "fstat", e),
        };
        let mut buf = [b'x'];
        if let Err(e) = fh.read(&mut buf) {
            return fail(self, "read", e);
        }
        if let Err(e) = fh.seek(std::io::SeekFrom::Start(0)) {
            return fail(self, "lseek", e);
        }
        if let Err(e) = fh.write_all(&buf) {
            return fail(self, "write", e);
        }
        if size == 0 {
            if let Err(e) = fh.set_len(0) {
                return fail(self, "open", e);
            }
        }
        UpdateStatus::Success
    }

    /// Runs the recipe of a target that must be remade (C `remake_file`).
    fn remake_file(&mut self, file: FileId) -> MResult<()> {
        let fi = self.files.get(file);
        match fi.cmds.clone() {
            None => {
                if fi.phony || fi.is_target {
                    self.files.get_mut(file).update_status = UpdateStatus::Success;
                } else if self.recording() {
                    // A file with no rule here that another part of a real
                    // build makes first (kbuild's `prepare` builds host tools
                    // such as scripts/selinux/genheaders): record mode goes on
                    // as that build would, and tells the recorder.
                    if let Some(r) = self.shared.recorder.clone() {
                        r.missing(self, file);
                    }
                    self.files.get_mut(file).update_status = UpdateStatus::Success;
                } else {
                    if !self.rebuilding_makefiles || !self.files.get(file).dontcare {
                        self.complain(file)?;
                    }
                    self.files.get_mut(file).update_status = UpdateStatus::Failed;
                }
            }
            Some(cmds) => {
                let any_recurse = self.chop_commands(&cmds).any_recurse();
                if !self.opts.touch || any_recurse {
                    return self.execute_file_commands(file);
                }
                self.files.get_mut(file).update_status = UpdateStatus::Success;
            }
        }
        self.notice_finished_file(file)
    }

    /// The modification time of a file, searching directories when asked
    /// (C `f_mtime`).
    pub fn f_mtime(&mut self, file: FileId, search: bool) -> Mtime {
        let name = self.files.get(file).name.clone();
        let mut mtime = self.name_mtime(&name);
        if mtime == Mtime::Nonexistent && search && !self.files.get(file).ignore_vpath {
            let found = self.vpath_search(&name).or_else(|| {
                if name.starts_with(b"-l") {
                    self.library_search(&name)
                } else {
                    None
                }
            });
            if let Some((found_name, m)) = found {
                if m != Mtime::Unknown {
                    self.files.get_mut(file).last_mtime = m;
                }
                let dirlen = found_name.len().saturating_sub(name.len() + 1);
                if self.gpath_search(&found_name[..dirlen]) {
                    self.files.rehash(file, &found_name);
                    let rc: Arc<[u8]> = Arc::from(found_name.as_slice());
                    for f in self.chain(file) {
                        self.files.get_mut(f).name = rc.clone();
                    }
                    return match self.files.get(file).last_mtime {
                        Mtime::Unknown => self.f_mtime(file, true),
                        x => x,
                    };
                }
                self.files.rehash(file, &found_name);
                mtime = if m == Mtime::OldInf || m == Mtime::NewInf {
                    m
                } else {
                    self.name_mtime(&found_name)
                };
            }
        }
        if !self.clock_skew_detected
            && mtime.exists()
            && mtime != Mtime::NewInf
            && !self.files.get(file).updated
        {
            if let Mtime::At(t) = mtime {
                let now = now_ns();
                if t > now + 1 {
                    let from_now = (t - now) as f64 / 1e9;
                    let s = if from_now >= 100.0 {
                        format!("{}", from_now as u64)
                    } else {
                        format_2g(from_now)
                    };
                    let m = format!(
                        "Warning: File '{}' has modification time {s} s in the future",
                        show(&name)
                    );
                    self.error(None, m.as_bytes());
                    self.clock_skew_detected = true;
                }
            }
        }
        let root = self.root(file);
        let propagate = self.files.get(root).updated;
        for f in self.chain(root) {
            let fi = self.files.get(f);
            if mtime != Mtime::Nonexistent
                && fi.command_state == CmdState::NotStarted
                && !fi.tried_implicit
                && fi.intermediate
            {
                self.files.get_mut(f).intermediate = false;
            }
            if self.files.get(f).updated == propagate {
                self.files.get_mut(f).last_mtime = mtime;
            }
        }
        mtime
    }

    /// `stat` of a name (C `name_mtime`), following symbolic links' own
    /// times with `-L`.
    pub fn name_mtime(&self, name: &[u8]) -> Mtime {
        let path = self.resolve_path(name);
        let mut mtime = match self.shared.stats.stat(&path) {
            Ok(super::statcache::Stat::Exists { mtime_ns, .. }) => Mtime::At(mtime_ns),
            Ok(super::statcache::Stat::Missing) => return Mtime::Nonexistent,
            Err(e) => {
                let m = format!("stat: {}: {}", show(name), super::func::errno_text(&e));
                self.error(None, m.as_bytes());
                return Mtime::Nonexistent;
            }
        };
        if self.opts.check_symlink {
            let mut p = path;
            for _ in 0..40 {
                let Ok(md) = std::fs::symlink_metadata(&p) else {
                    break;
                };
                if !md.file_type().is_symlink() {
                    break;
                }
                let lt = Mtime::of_metadata(&md);
                if lt.order() > mtime.order() {
                    mtime = lt;
                }
                let Ok(target) = std::fs::read_link(&p) else {
                    break;
                };
                p = match p.parent() {
                    Some(dir) if !target.is_absolute() => dir.join(target),
                    _ => target,
                };
            }
        }
        mtime
    }

    /// `-lNAME` prerequisites (C `library_search`).
    fn library_search(&mut self, lib: &[u8]) -> Option<(Vec<u8>, Mtime)> {
        let patterns = self.expand_str(b"$(.LIBPATTERNS)").ok()?;
        let libname = &lib[2..];
        let mut best: Option<(Vec<u8>, Mtime)> = None;
        for pat in super::text::words(&patterns) {
            let Some(pc) = pat.iter().position(|&c| c == b'%') else {
                let m = format!(".LIBPATTERNS element '{}' is not a pattern", show(pat));
                self.error(None, m.as_bytes());
                continue;
            };
            let mut name = pat[..pc].to_vec();
            name.extend_from_slice(libname);
            name.extend_from_slice(&pat[pc + 1..]);
            let m = self.name_mtime(&name);
            if m != Mtime::Nonexistent {
                return Some((name, m));
            }
            if best.is_none() {
                if let Some(found) = self.vpath_search(&name) {
                    best = Some(found);
                }
            }
            if best.is_none() {
                for dir in [&b"/lib"[..], b"/usr/lib", b"/usr/local/lib"] {
                    let mut full = dir.to_vec();
                    full.push(b'/');
                    full.extend_from_slice(&name);
                    let m = self.name_mtime(&full);
                    if m != Mtime::Nonexistent {
                        best = Some((full, m));
                        break;
                    }
                }
            }
        }
        best
    }

    /// Deletes intermediate files make created (C `remove_intermediates`).
    pub fn remove_intermediates(&mut self, sig: bool) {
        if self.opts.question || self.opts.touch || self.all_secondary || self.no_intermediates {
            return;
        }
        if sig && self.opts.just_print {
            return;
        }
        let mut doneany = false;
        // GNU make walks its hash table; newest first matches it for the
        // chains seen in practice.
        for f in self.files.ids().rev().collect::<Vec<_>>() {
            let fi = self.files.get(f);
            if fi.detached {
                continue;
            }
            if !(fi.intermediate
                && (fi.dontcare || !fi.precious)
                && !fi.secondary
                && !fi.notintermediate
                && !fi.cmd_target)
            {
                continue;
            }
            if fi.update_status == UpdateStatus::None {
                continue;
            }
            let name = fi.name.clone();
            let dontcare = fi.dontcare;
            let mut err = None;
            if !self.opts.just_print {
                self.shared.stats.invalidate();
                match std::fs::remove_file(self.resolve_path(&name)) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => err = Some(e),
                }
            }
            if !dontcare {
                if sig {
                    let m = format!("*** Deleting intermediate file '{}'", show(&name));
                    self.error(None, m.as_bytes());
                } else if !self.opts.run_silent {
                    let mut t = if doneany {
                        b" ".to_vec()
                    } else {
                        b"rm ".to_vec()
                    };
                    doneany = true;
                    t.extend_from_slice(&name);
                    self.print_out(&t);
                }
                if let Some(e) = err {
                    let m = format!("\nunlink: {}: {}", show(&name), super::func::errno_text(&e));
                    self.error(None, m.as_bytes());
                    doneany = false;
                }
            }
        }
        if doneany && !sig {
            self.print_out(b"\n");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_significant_digits() {
        assert_eq!(super::format_2g(3.456), "3.5");
        assert_eq!(super::format_2g(12.3), "12");
        assert_eq!(super::format_2g(0.5), "0.5");
    }

    /// Names the recorder saw: recipes, and missing files with no rule.
    #[derive(Default)]
    struct Names(std::sync::Mutex<Vec<String>>);

    impl crate::make::instance::Recorder for Names {
        fn recipe(&self, m: &mut crate::make::instance::Make, f: crate::make::file::FileId) {
            let n = String::from_utf8_lossy(&m.files.get(f).name).into_owned();
            self.0.lock().unwrap().push(format!("recipe {n}"));
        }
        fn missing(&self, m: &crate::make::instance::Make, f: crate::make::file::FileId) {
            let n = String::from_utf8_lossy(&m.files.get(f).name).into_owned();
            self.0.lock().unwrap().push(format!("missing {n}"));
        }
    }

    #[test]
    fn record_mode_goes_on_past_files_a_real_build_makes_elsewhere() {
        use std::sync::Arc;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Makefile"),
            "all: x.o\nx.o: x.c gen.h ; cc -c x.c\ngen.h: tool/gen ; tool/gen > $@\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("x.c"), "").unwrap();
        let names = Arc::new(Names::default());
        let out = Arc::new(crate::make::query::Captured::default());
        let shared = crate::make::instance::Shared::with(
            out.clone(),
            crate::make::instance::Hooks {
                recorder: Some(names.clone()),
                ..Default::default()
            },
        );
        let st = crate::make::run::run_with(
            shared,
            b"make".to_vec(),
            vec![],
            vec![],
            dir.path().to_path_buf(),
            None,
        );
        let err = String::from_utf8_lossy(&out.err.lock().unwrap()).into_owned();
        assert_eq!(st, 0, "{err}");
        let seen = names.0.lock().unwrap().clone();
        assert_eq!(seen, ["missing tool/gen", "recipe gen.h", "recipe x.o"]);
        // Outside record mode the same makefile stops at tool/gen.
        let out = Arc::new(crate::make::query::Captured::default());
        let shared = crate::make::instance::Shared::new(out.clone());
        let st = crate::make::run::run_with(
            shared,
            b"make".to_vec(),
            vec![b"-n".to_vec()],
            vec![],
            dir.path().to_path_buf(),
            None,
        );
        let err = String::from_utf8_lossy(&out.err.lock().unwrap()).into_owned();
        assert_eq!(st, 2);
        assert!(
            err.contains("No rule to make target 'tool/gen', needed by 'gen.h'"),
            "{err}"
        );
    }
}
