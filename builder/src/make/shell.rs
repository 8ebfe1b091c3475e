//! Running commands for make itself: the `$(shell)` function and `!=`, the
//! environment given to commands (C `target_environment`), and the argument
//! vector of a command line in a target's context (C
//! `construct_command_argv`).

use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use rustc_hash::FxHashMap;

use super::argv::{construct, Argv, ShellSpec};
use super::file::{FileId, CMD_NOERROR};
use super::instance::Make;
use super::var::{Export, Origin, SetId};
use super::MResult;

/// An environment for a child: names and values.
pub type Env = Vec<(Vec<u8>, Vec<u8>)>;

/// Replaces newlines with spaces (C `fold_newlines`): all trailing newlines
/// go with `trim`, else at most one.
pub fn fold_newlines(buf: &[u8], trim: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(buf.len());
    let mut last_nonnl: isize = -1;
    let mut i = 0;
    while i < buf.len() {
        if buf[i] == b'\r' && buf.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        if buf[i] == b'\n' {
            out.push(b' ');
        } else {
            last_nonnl = out.len() as isize;
            out.push(buf[i]);
        }
        i += 1;
    }
    let dst = out.len() as isize;
    if !trim && last_nonnl < dst - 2 {
        last_nonnl = dst - 2;
    }
    out.truncate((last_nonnl + 1).max(0) as usize);
    out
}

/// Whether a shell is one of the POSIX shells make knows.
pub fn is_bourne_compatible_shell(path: &[u8]) -> bool {
    let base = match path.iter().rposition(|&c| c == b'/') {
        Some(i) => &path[i + 1..],
        None => path,
    };
    matches!(
        base,
        b"sh" | b"bash" | b"dash" | b"ksh" | b"rksh" | b"zsh" | b"ash"
    )
}

/// An exit status as make sees it: code and signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitStatus {
    pub code: i32,
    pub signal: i32,
    pub core: bool,
}

impl ExitStatus {
    pub fn from_std(st: std::process::ExitStatus) -> ExitStatus {
        use std::os::unix::process::ExitStatusExt;
        match st.signal() {
            Some(sig) => ExitStatus {
                code: 0,
                signal: sig,
                core: st.core_dumped(),
            },
            None => ExitStatus {
                code: st.code().unwrap_or(0),
                signal: 0,
                core: false,
            },
        }
    }

    pub fn code(code: i32) -> ExitStatus {
        ExitStatus {
            code,
            signal: 0,
            core: false,
        }
    }

    pub fn success(&self) -> bool {
        self.code == 0 && self.signal == 0
    }
}

impl Make {
    /// The argument vector of `line` in `file`'s context (C
    /// `construct_command_argv`).
    pub fn command_argv(
        &mut self,
        line: &[u8],
        stop_at_newline: bool,
        file: Option<FileId>,
        flags: u8,
    ) -> MResult<Argv> {
        let saved = self.warn_undefined;
        self.warn_undefined = false;
        let r = self.with_file_context(file, 0, |m| {
            let shell = m.expand_str(b"$(SHELL)")?;
            let scope = m.scope.clone();
            let sf = m
                .vars
                .lookup(&scope, b".SHELLFLAGS")
                .map(|(_, v)| (v.origin, v.value.clone()));
            let shellflags = match sf {
                None => Vec::new(),
                Some((Origin::Default, _)) if m.posix => {
                    if flags & CMD_NOERROR != 0 {
                        b"-c".to_vec()
                    } else {
                        b"-ec".to_vec()
                    }
                }
                Some((_, v)) => m.expand_str(&v)?,
            };
            let ifs = m.expand_str(b"$(IFS)")?;
            Ok((shell, shellflags, ifs))
        });
        self.warn_undefined = saved;
        let (shell, shellflags, ifs) = r?;
        let spec = ShellSpec {
            shell: &shell,
            shellflags: &shellflags,
            ifs: &ifs,
            one_shell: self.one_shell,
        };
        Ok(construct(line, stop_at_newline, &spec))
    }

    /// `$(shell cmd)` and `!=` (C `func_shell_base`).
    pub fn shell_function(&mut self, cmd: &[u8], trim_newlines: bool) -> MResult<Vec<u8>> {
        if self.no_shell {
            self.vars.define(
                SetId::GLOBAL,
                b".SHELLSTATUS",
                b"127",
                Origin::Override,
                false,
                None,
            );
            return Ok(Vec::new());
        }
        if std::env::var_os("KMAKE_TRACE_SHELL").is_some() {
            eprintln!("kmake: $(shell {})", String::from_utf8_lossy(cmd));
        }
        let argv = self.command_argv(cmd, false, None, 0)?;
        let Some(argv) = argv.argv else {
            return Ok(Vec::new());
        };
        let env = self.target_environment(None, false)?;
        if let Some(o) = &self.shared.observer {
            o.note_command(&self.cwd, cmd, env_path(&env));
        }
        if let Some(hook) = self.shared.shell_hook.clone() {
            let shell: &[u8] = if argv.len() == 3 && argv[1] == b"-c" {
                &argv[0]
            } else {
                super::argv::DEFAULT_SHELL
            };
            if let Some(a) = hook.run(cmd, shell, &env, &self.cwd) {
                if !a.stderr.is_empty() {
                    self.output_start();
                    self.shared.output.err(&a.stderr);
                }
                self.shell_status = Some(a.status);
                self.shared.stats.invalidate();
                let st = a.status.to_string();
                self.vars.define(
                    SetId::GLOBAL,
                    b".SHELLSTATUS",
                    st.as_bytes(),
                    Origin::Override,
                    false,
                    None,
                );
                return Ok(fold_newlines(&a.stdout, trim_newlines));
            }
        }
        let spawned = child_command(&argv, &env, &self.cwd).and_then(|mut c| {
            c.stdin(Stdio::inherit()).stdout(Stdio::piped());
            match &self.shared.stdio {
                Some(s) => c.stderr(s.for_child()?.1),
                None => c.stderr(Stdio::inherit()),
            };
            self.jobs.client_configure(&mut c, false);
            c.spawn()
        });
        let mut out = Vec::new();
        let status = match spawned {
            Err(e) => {
                let mut m = argv[0].clone();
                m.extend_from_slice(b": ");
                m.extend_from_slice(super::func::errno_text(&e).as_bytes());
                self.error(None, &m);
                ExitStatus::code(127)
            }
            Ok(mut child) => {
                if let Some(mut so) = child.stdout.take() {
                    let _ = so.read_to_end(&mut out);
                }
                match child.wait() {
                    Ok(s) => ExitStatus::from_std(s),
                    Err(_) => ExitStatus::code(127),
                }
            }
        };
        let code = if status.code == 0 && status.signal > 0 {
            128 + status.signal
        } else {
            status.code
        };
        self.shell_status = Some(code);
        self.shared.stats.invalidate();
        self.vars.define(
            SetId::GLOBAL,
            b".SHELLSTATUS",
            code.to_string().as_bytes(),
            Origin::Override,
            false,
            None,
        );
        Ok(fold_newlines(&out, trim_newlines))
    }

    /// Whether a variable goes to the environment of commands (C
    /// `should_export`).
    fn should_export(&self, v: &super::var::Var) -> bool {
        match v.export {
            Export::Export => true,
            Export::NoExport => false,
            Export::IfSet => v.origin != Origin::Default,
            Export::Default => {
                if matches!(v.origin, Origin::Default | Origin::Automatic) || !v.exportable {
                    return false;
                }
                self.export_all
                    || matches!(
                        v.origin,
                        Origin::CommandLine | Origin::Env | Origin::EnvOverride
                    )
            }
        }
    }

    /// The environment of a command for `file` (or of `$(shell)` when
    /// `None`), with `MAKELEVEL` one higher (C `target_environment`).
    pub fn target_environment(&mut self, file: Option<FileId>, recursive: bool) -> MResult<Env> {
        let list = match file {
            Some(f) => self.file_scope(f)?,
            None => self.scope.clone(),
        };
        if file.is_none() {
            self.env_recursion += 1;
        }
        // Most specific first; the first one seen of each name wins, and an
        // outer definition fills in an unknown export status.
        let mut table: FxHashMap<Box<[u8]>, (SetId, Option<Export>)> = FxHashMap::default();
        let mut order: Vec<Box<[u8]>> = Vec::new();
        let mut first = true;
        for (set, _) in list.iter() {
            let islocal = first;
            first = false;
            let isglobal = set == SetId::GLOBAL;
            for (name, v) in &self.vars.set(set).vars {
                if !islocal && v.private {
                    continue;
                }
                match table.get_mut(name) {
                    None => {
                        if !isglobal || self.should_export(v) {
                            table.insert(name.clone(), (set, None));
                            order.push(name.clone());
                        }
                    }
                    Some(entry) => {
                        let current = match entry.1 {
                            Some(e) => e,
                            None => self
                                .vars
                                .lookup_in(entry.0, name)
                                .map(|x| x.export)
                                .unwrap_or(Export::Default),
                        };
                        if current == Export::Default {
                            entry.1 = Some(v.export);
                        }
                    }
                }
            }
        }
        order.sort();
        let invalid = if !recursive {
            self.jobs.invalid_auth_arg()
        } else {
            None
        };
        let mut env: Env = Vec::with_capacity(order.len() + 2);
        let mut added_shell = self.env_shell.is_none();
        let mut found_makelevel = false;
        let mut result: MResult<()> = Ok(());
        for name in order {
            let (set, export) = table[&name];
            let Some(mut v) = self.vars.lookup_in(set, &name).cloned() else {
                continue;
            };
            if let Some(e) = export {
                v.export = e;
            }
            if !self.should_export(&v) {
                continue;
            }
            let mut value: Vec<u8> = v.value.to_vec();
            if v.recursive
                && (!matches!(v.origin, Origin::Env | Origin::EnvOverride)
                    || &*name == b"MAKEFLAGS")
            {
                value = match self.expand_var_for_env(set, &name, &list) {
                    Ok(x) => x,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                };
            }
            if !added_shell && &*name == b"SHELL" {
                added_shell = true;
                env.push((name.to_vec(), value));
                continue;
            }
            if !found_makelevel && &*name == b"MAKELEVEL" {
                found_makelevel = true;
                env.push((name.to_vec(), (self.makelevel + 1).to_string().into_bytes()));
                continue;
            }
            if let Some(inv) = &invalid {
                if &*name == b"MAKEFLAGS"
                    && super::expand::find_sub(&value, b" --jobserver-auth=").is_some()
                {
                    value = match super::expand::find_sub(&value, b" -- ") {
                        None => {
                            let mut x = value.clone();
                            x.extend_from_slice(inv);
                            x
                        }
                        Some(at) => {
                            let mut x = value[..at].to_vec();
                            x.extend_from_slice(inv);
                            x.extend_from_slice(&value[at..]);
                            x
                        }
                    };
                }
            }
            env.push((name.to_vec(), value));
        }
        if file.is_none() {
            self.env_recursion -= 1;
        }
        result?;
        if !added_shell {
            if let Some(s) = &self.env_shell {
                env.push((b"SHELL".to_vec(), s.clone()));
            }
        }
        if !found_makelevel {
            env.push((
                b"MAKELEVEL".to_vec(),
                (self.makelevel + 1).to_string().into_bytes(),
            ));
        }
        Ok(env)
    }

    /// Expands a variable for the environment; a variable already being
    /// expanded for `$(shell)` gets its value from make's own environment.
    fn expand_var_for_env(
        &mut self,
        set: SetId,
        name: &[u8],
        list: &super::var::SetList,
    ) -> MResult<Vec<u8>> {
        let key = (set, Box::<[u8]>::from(name));
        if self.env_recursion > 0 && self.expanding_vars.contains(&key) {
            return Ok(self
                .env0
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default());
        }
        let saved = std::mem::replace(&mut self.scope, list.clone());
        let mut out = Vec::new();
        let r = self.expand_variable(set, name, &mut out);
        self.scope = saved;
        r.map(|_| out)
    }
}

/// Finds a program the way `execvp` would with the child's `PATH`: names
/// with a slash are used as they are; otherwise the first executable file
/// found in `PATH` (an empty entry is the current directory). A program that
/// exists but cannot be run gives `EACCES`, one that is not found `ENOENT`.
pub fn resolve_program(
    name: &[u8],
    env: &Env,
    cwd: &std::path::Path,
) -> std::io::Result<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let as_path = |b: &[u8]| std::path::PathBuf::from(std::ffi::OsStr::from_bytes(b));
    if name.contains(&b'/') || name.is_empty() {
        return Ok(as_path(name));
    }
    let path: &[u8] = env
        .iter()
        .find(|(k, _)| k == b"PATH")
        .map(|(_, v)| v.as_slice())
        .unwrap_or(b"/bin:/usr/bin");
    let mut denied = false;
    for dir in path.split(|&c| c == b':') {
        let mut p = if dir.is_empty() {
            cwd.to_path_buf()
        } else {
            as_path(dir)
        };
        if !p.is_absolute() {
            p = cwd.join(p);
        }
        p.push(std::ffi::OsStr::from_bytes(name));
        match std::fs::metadata(&p) {
            Ok(md) if md.is_file() && md.permissions().mode() & 0o111 != 0 => return Ok(p),
            Ok(_) => denied = true,
            Err(_) => {}
        }
    }
    Err(std::io::Error::from_raw_os_error(if denied {
        libc::EACCES
    } else {
        libc::ENOENT
    }))
}

/// `PATH` of an environment (empty if unset).
pub fn env_path(env: &[(Vec<u8>, Vec<u8>)]) -> &[u8] {
    env.iter()
        .rev()
        .find(|(k, _)| k == b"PATH")
        .map(|(_, v)| v.as_slice())
        .unwrap_or(b"")
}

/// A command for `argv` with exactly `env` and `cwd`. The program is found
/// here so that the standard library can start it with `posix_spawn`
/// (a `fork` of a large make is much slower).
pub fn child_command(
    argv: &[Vec<u8>],
    env: &Env,
    cwd: &std::path::Path,
) -> std::io::Result<Command> {
    let program = resolve_program(&argv[0], env, cwd)?;
    let mut c = Command::new(program);
    c.arg0(std::ffi::OsStr::from_bytes(&argv[0]))
        .args(argv[1..].iter().map(|a| std::ffi::OsStr::from_bytes(a)))
        .env_clear()
        .envs(env.iter().map(|(k, v)| {
            (
                std::ffi::OsStr::from_bytes(k),
                std::ffi::OsStr::from_bytes(v),
            )
        }))
        .current_dir(cwd);
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_folding() {
        assert_eq!(fold_newlines(b"a\nb\n\n", true), b"a b");
        assert_eq!(fold_newlines(b"a\nb\n\n", false), b"a b ");
        assert_eq!(fold_newlines(b"a\r\nb\n", false), b"a b");
        assert_eq!(fold_newlines(b"\n\n", true), b"");
        assert!(
            is_bourne_compatible_shell(b"/bin/bash") && !is_bourne_compatible_shell(b"/bin/fish")
        );
    }
}
