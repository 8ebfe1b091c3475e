//! Asking a set of makefiles questions without running anything: read them
//! as make would (command-line variables, environment, `-f`, `-C`), then ask
//! for a variable's value (optionally in a target's context, with its
//! target-specific and pattern-specific variables) or for the rule that would
//! make a target with its fully expanded recipe. The kbuild layer and the
//! language server are built on this.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::file::{FileId, CMD_NOERROR, CMD_RECURSE, CMD_SILENT};
use super::instance::{Make, Output, Shared};
use super::var::Origin;
use super::{Fatal, Floc};

/// Messages make printed while reading (`$(info)`, `$(warning)`, errors).
#[derive(Default)]
pub struct Captured {
    pub out: Mutex<Vec<u8>>,
    pub err: Mutex<Vec<u8>>,
}

impl Output for Captured {
    fn out(&self, bytes: &[u8]) {
        self.out
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
    }
    fn err(&self, bytes: &[u8]) {
        self.err
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
    }
}

/// How to read the makefiles.
pub struct QueryOptions {
    /// The directory make runs in (before `-C`).
    pub cwd: PathBuf,
    /// Command-line words: variable assignments, `-f`, `-C`, `-I`, `-r`...
    /// (goals are accepted and ignored).
    pub args: Vec<Vec<u8>>,
    /// The environment make sees.
    pub env: Vec<(Vec<u8>, Vec<u8>)>,
    /// Run `$(shell)`; when false it expands to nothing (untrusted trees).
    pub allow_shell: bool,
}

/// Why the makefiles could not be read: make's message and what it had
/// printed before.
#[derive(Debug, Clone)]
pub struct QueryError {
    /// `Makefile:3: *** missing separator.  Stop.` as make prints it.
    pub message: String,
    pub floc: Option<Floc>,
    pub stderr: String,
}

/// A variable as seen from the global scope or a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarInfo {
    /// The expanded value.
    pub value: Vec<u8>,
    /// The value as written (recursive variables) or stored (simple ones).
    pub raw: Vec<u8>,
    pub recursive: bool,
    pub origin: Origin,
    /// Where it was last set.
    pub floc: Option<Floc>,
    /// Set for the target (target-specific or pattern-specific).
    pub per_target: bool,
}

/// One recipe line, expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeLine {
    /// The text as make prints it (after `@`, `-`, `+`).
    pub command: Vec<u8>,
    pub silent: bool,
    pub ignore_errors: bool,
    /// Runs even under `-n` (`+` or `$(MAKE)`).
    pub recursive: bool,
}

/// The rule that would make a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub target: Vec<u8>,
    /// Normal prerequisites, in order (duplicates kept, as `$+`).
    pub prerequisites: Vec<Vec<u8>>,
    pub order_only: Vec<Vec<u8>>,
    /// The recipe, expanded as make would run it.
    pub recipe: Vec<RecipeLine>,
    /// Where the recipe is (`None` for built-in rules or no recipe).
    pub recipe_floc: Option<Floc>,
    /// `$*` when a pattern or static pattern rule applies.
    pub stem: Option<Vec<u8>>,
    /// The target is mentioned in a rule (not only found by implicit search).
    pub explicit: bool,
    pub phony: bool,
}

/// Makefiles that were read and can be asked questions.
pub struct Evaluated {
    make: Make,
    captured: Arc<Captured>,
}

impl Evaluated {
    /// Reads the makefiles the way `make` with `opts.args` would, without
    /// remaking them or running any goal.
    pub fn load(opts: QueryOptions) -> Result<Evaluated, QueryError> {
        let captured = Arc::new(Captured::default());
        let shared = Shared::new(captured.clone() as Arc<dyn Output>);
        let mut m = Make::new(shared, opts.cwd.clone());
        m.query_mode = true;
        m.no_shell = !opts.allow_shell;
        let r = m.main(b"make", &opts.args, &opts.env, None);
        let fail = |m: &Make, f: Option<Fatal>, captured: &Captured| {
            let stderr =
                String::from_utf8_lossy(&captured.err.lock().unwrap_or_else(|e| e.into_inner()))
                    .into_owned();
            let (message, floc) = match f {
                Some(f) if !f.printed => (
                    String::from_utf8_lossy(&m.fatal_text(&f))
                        .trim_end()
                        .to_string(),
                    f.floc,
                ),
                _ => (
                    "make stopped before reading the makefiles".to_string(),
                    None,
                ),
            };
            QueryError {
                message,
                floc,
                stderr,
            }
        };
        match r {
            Err(f) => Err(fail(&m, Some(f), &captured)),
            Ok(_) if !m.loaded => Err(fail(&m, None, &captured)),
            Ok(_) => Ok(Evaluated { make: m, captured }),
        }
    }

    /// What make printed on stdout and stderr so far.
    pub fn messages(&self) -> (Vec<u8>, Vec<u8>) {
        (
            self.captured
                .out
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            self.captured
                .err
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        )
    }

    /// The engine itself, for callers that need more than these questions.
    pub fn make(&mut self) -> &mut Make {
        &mut self.make
    }

    fn target(&mut self, name: &[u8]) -> FileId {
        match self.make.files.lookup(name) {
            Some(f) => f,
            None => self.make.files.enter(name),
        }
    }

    /// A variable's value, globally or as `target`'s recipe sees it.
    pub fn variable(
        &mut self,
        name: &[u8],
        target: Option<&[u8]>,
    ) -> Result<Option<VarInfo>, QueryError> {
        let m = &mut self.make;
        let file = match target {
            None => None,
            Some(t) => {
                let f = match m.files.lookup(t) {
                    Some(f) => f,
                    None => m.files.enter(t),
                };
                Some(f)
            }
        };
        let r = m.with_file_context(file, 0, |m| {
            if let Some(f) = file {
                let stem = m.files.get(f).stem.clone();
                m.set_file_variables(f, stem.as_deref());
            }
            let scope = m.scope.clone();
            let Some((set, v)) = m.vars.lookup(&scope, name) else {
                return Ok(None);
            };
            let (raw, recursive, origin, floc, per_target) = (
                v.value.to_vec(),
                v.recursive,
                v.origin,
                v.floc.clone(),
                v.per_target,
            );
            let _ = set;
            let mut value = Vec::new();
            m.reference(name, &mut value)?;
            Ok(Some(VarInfo {
                value,
                raw,
                recursive,
                origin,
                floc,
                per_target,
            }))
        });
        r.map_err(|f| self.error(f))
    }

    /// Expands text globally or in `target`'s context.
    pub fn expand(&mut self, text: &[u8], target: Option<&[u8]>) -> Result<Vec<u8>, QueryError> {
        let file = target.map(|t| self.target(t));
        let m = &mut self.make;
        let r = m.with_file_context(file, 0, |m| {
            if let Some(f) = file {
                let stem = m.files.get(f).stem.clone();
                m.set_file_variables(f, stem.as_deref());
            }
            m.expand_str(text)
        });
        r.map_err(|f| self.error(f))
    }

    /// The rule that would make `target` (explicit, or found by implicit
    /// search) with its recipe expanded; `None` when make has no way to
    /// make it.
    pub fn rule(&mut self, target: &[u8]) -> Result<Option<RuleInfo>, QueryError> {
        let f = self.target(target);
        let r = self.rule_of(f);
        r.map_err(|e| self.error(e))
    }

    fn rule_of(&mut self, f: FileId) -> super::MResult<Option<RuleInfo>> {
        let m = &mut self.make;
        let fi = m.files.get(f);
        if !fi.phony && fi.cmds.is_none() && !fi.tried_implicit {
            m.try_implicit_rule(f, 0)?;
            m.files.get_mut(f).tried_implicit = true;
        }
        let fi = m.files.get(f);
        if fi.cmds.is_none() && !fi.is_target {
            if let Some(dc) = m.default_file.and_then(|d| m.files.get(d).cmds.clone()) {
                m.files.get_mut(f).cmds = Some(dc);
            }
        }
        if m.second_expansion {
            m.expand_deps(f)?;
        }
        let fi = m.files.get(f);
        if fi.cmds.is_none() && !fi.is_target && fi.deps.is_empty() {
            return Ok(None);
        }
        let mut prerequisites = Vec::new();
        let mut order_only = Vec::new();
        for d in &fi.deps {
            let n = super::record::dep_name(m, d).to_vec();
            if d.ignore_mtime {
                order_only.push(n);
            } else {
                prerequisites.push(n);
            }
        }
        let cmds = fi.cmds.clone();
        let stem = fi.stem.as_ref().map(|s| s.to_vec());
        let (explicit, phony, name) = (fi.is_explicit, fi.phony, fi.name.to_vec());
        let mut recipe = Vec::new();
        let mut recipe_floc = None;
        if let Some(cmds) = cmds {
            if !cmds.builtin && !cmds.floc.file.is_empty() {
                recipe_floc = Some(cmds.floc.clone());
            }
            m.file_scope(f)?;
            let stem = m.files.get(f).stem.clone();
            m.set_file_variables(f, stem.as_deref());
            let ch = m.chop_commands(&cmds);
            let lines: Vec<(Vec<u8>, u8)> = ch
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| (l.clone(), ch.flag(i)))
                .collect();
            for (i, (line, flags)) in lines.into_iter().enumerate() {
                let collapsed = super::job::collapse_in_references(&line);
                let expanded =
                    m.with_file_context(Some(f), i as u32, |m| m.expand_str(&collapsed))?;
                // An expanded line may hold several commands (newlines from
                // `define`d variables); each gets the line's flags plus its own.
                for part in split_unquoted_newlines(&expanded) {
                    let mut flags = flags | m.files.get(f).command_flags;
                    let mut p = 0;
                    while p < part.len() {
                        match part[p] {
                            b'@' => flags |= CMD_SILENT,
                            b'-' => flags |= CMD_NOERROR,
                            b'+' => flags |= CMD_RECURSE,
                            b' ' | b'\t' => {}
                            _ => break,
                        }
                        p += 1;
                    }
                    let command = part[p..].to_vec();
                    if command.iter().all(|c| c.is_ascii_whitespace()) {
                        continue;
                    }
                    recipe.push(RecipeLine {
                        command,
                        silent: flags & CMD_SILENT != 0,
                        ignore_errors: flags & CMD_NOERROR != 0,
                        recursive: flags & CMD_RECURSE != 0,
                    });
                }
            }
        }
        Ok(Some(RuleInfo {
            target: name,
            prerequisites,
            order_only,
            recipe,
            recipe_floc,
            stem,
            explicit,
            phony,
        }))
    }

    fn error(&self, f: Fatal) -> QueryError {
        let stderr =
            String::from_utf8_lossy(&self.captured.err.lock().unwrap_or_else(|e| e.into_inner()))
                .into_owned();
        QueryError {
            message: String::from_utf8_lossy(&self.make.fatal_text(&f))
                .trim_end()
                .to_string(),
            floc: f.floc,
            stderr,
        }
    }
}

/// Splits at newlines that are not escaped by a backslash (the command
/// boundaries of one expanded recipe line).
fn split_unquoted_newlines(s: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\n' {
            let bs = s[start..i]
                .iter()
                .rev()
                .take_while(|&&c| c == b'\\')
                .count();
            if bs % 2 == 0 {
                out.push(&s[start..i]);
                start = i + 1;
            }
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(dir: &std::path::Path, makefile: &str, args: &[&str]) -> Evaluated {
        std::fs::write(dir.join("Makefile"), makefile).unwrap();
        Evaluated::load(QueryOptions {
            cwd: dir.to_path_buf(),
            args: args.iter().map(|a| a.as_bytes().to_vec()).collect(),
            env: vec![(b"PATH".to_vec(), b"/usr/bin:/bin".to_vec())],
            allow_shell: true,
        })
        .unwrap_or_else(|e| panic!("{}", e.message))
    }

    #[test]
    fn variables_with_target_context() {
        let d = tempfile::tempdir().unwrap();
        let mut e = load(
            d.path(),
            "CFLAGS = -O2\nobj-y += a.o\nobj-$(CONFIG_X) += b.o\nfoo.o: CFLAGS += -g\n%.o: CFLAGS += -Wall\nS != echo shell\n",
            &["CONFIG_X=y"],
        );
        let v = e.variable(b"obj-y", None).unwrap().unwrap();
        assert_eq!(v.value, b"a.o b.o");
        assert_eq!(v.origin, Origin::File);
        assert_eq!(v.floc.as_ref().map(|f| f.line), Some(3));
        assert_eq!(e.variable(b"CFLAGS", None).unwrap().unwrap().value, b"-O2");
        let t = e.variable(b"CFLAGS", Some(b"foo.o")).unwrap().unwrap();
        assert_eq!(t.value, b"-O2 -Wall -g");
        assert!(t.per_target);
        assert_eq!(
            e.variable(b"CFLAGS", Some(b"bar.o"))
                .unwrap()
                .unwrap()
                .value,
            b"-O2 -Wall"
        );
        assert_eq!(
            e.variable(b"CONFIG_X", None).unwrap().unwrap().origin,
            Origin::CommandLine
        );
        assert_eq!(e.variable(b"S", None).unwrap().unwrap().value, b"shell");
        assert!(e.variable(b"NOPE", None).unwrap().is_none());
        assert_eq!(e.expand(b"$(obj-y:.o=.c)", None).unwrap(), b"a.c b.c");
    }

    #[test]
    fn rules_explicit_and_implicit() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("x.c"), "").unwrap();
        let mut e = load(
            d.path(),
            "CC = gcc\nall: prog | dir\n\t@echo $@ from $^\n\t-rm -f $|\nprog: x.o\n%.o: %.c\n\t$(CC) -c -o $@ $<\n",
            &[],
        );
        let r = e.rule(b"all").unwrap().unwrap();
        assert_eq!(r.prerequisites, vec![b"prog".to_vec()]);
        assert_eq!(r.order_only, vec![b"dir".to_vec()]);
        assert_eq!(r.recipe[0].command, b"echo all from prog");
        assert!(r.recipe[0].silent);
        assert_eq!(r.recipe[1].command, b"rm -f dir");
        assert!(r.recipe[1].ignore_errors);
        assert_eq!(r.recipe_floc.as_ref().map(|f| f.line), Some(3));
        let o = e.rule(b"x.o").unwrap().unwrap();
        assert_eq!(o.recipe[0].command, b"gcc -c -o x.o x.c");
        assert_eq!(o.stem.as_deref(), Some(&b"x"[..]));
        assert_eq!(o.prerequisites, vec![b"x.c".to_vec()]);
        assert!(e.rule(b"nothing-makes-this").unwrap().is_none());
    }

    #[test]
    fn untrusted_trees_run_no_shell_and_errors_name_the_line() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("Makefile"), "X := $(shell echo run)\n").unwrap();
        let mut e = Evaluated::load(QueryOptions {
            cwd: d.path().to_path_buf(),
            args: vec![],
            env: vec![],
            allow_shell: false,
        })
        .unwrap();
        assert_eq!(e.variable(b"X", None).unwrap().unwrap().value, b"");
        std::fs::write(d.path().join("Makefile"), "ok = 1\nthis line is broken\n").unwrap();
        let err = Evaluated::load(QueryOptions {
            cwd: d.path().to_path_buf(),
            args: vec![],
            env: vec![],
            allow_shell: false,
        })
        .err()
        .unwrap();
        assert_eq!(err.message, "Makefile:2: *** missing separator.  Stop.");
        assert_eq!(err.floc.map(|f| f.line), Some(2));
    }
}
