//! Turning rule lines into the database (C `record_files`,
//! `record_target_var`, `check_specials`, `split_prereqs`, `enter_prereqs`,
//! `create_pattern_rule`): explicit, static pattern, pattern, double-colon and
//! grouped rules, prerequisites with `|` and `.WAIT`, special targets.

use std::sync::Arc;

use super::file::{Commands, Dep, FileId};
use super::instance::Make;
use super::read::ParseFs;
use super::rule::{PatternVar, Rule};
use super::text::{find_percent, patsubst_word, pattern_match, show};
use super::var::{Origin, SetId};
use super::{Fatal, Floc, MResult};

/// A pending rule, as the reader collected it.
pub struct RuleSpec {
    pub filenames: Vec<Vec<u8>>,
    pub also_make: bool,
    pub pattern: Option<(Vec<u8>, usize)>,
    pub depstr: Option<Vec<u8>>,
    pub cmds_started: u32,
    pub commands: Vec<u8>,
    pub two_colon: bool,
    pub prefix: u8,
}

impl Make {
    /// Splits a prerequisite list at `|` into normal and order-only
    /// prerequisites, handling `.WAIT` (C `split_prereqs`).
    pub fn split_prereqs(&mut self, s: &[u8]) -> Vec<Dep> {
        let (normal, stop) = self.parse_file_seq_ext(
            s,
            ParseFs {
                stop_pipe: true,
                wait: true,
                ..Default::default()
            },
        );
        let mut deps: Vec<Dep> = normal
            .into_iter()
            .map(|(n, w)| {
                let mut d = Dep::named(&n);
                d.wait_here = w;
                d
            })
            .collect();
        if stop < s.len() && s[stop] == b'|' {
            let (oo, _) = self.parse_file_seq_ext(
                &s[stop + 1..],
                ParseFs {
                    wait: true,
                    ..Default::default()
                },
            );
            for (n, w) in oo {
                let mut d = Dep::named(&n);
                d.wait_here = w;
                d.ignore_mtime = true;
                deps.push(d);
            }
        }
        deps
    }

    /// Enters prerequisites as files, expanding `%` with `stem` (C
    /// `enter_prereqs`).
    pub fn enter_prereqs(&mut self, deps: Vec<Dep>, stem: Option<&[u8]>) -> Vec<Dep> {
        let mut out = Vec::with_capacity(deps.len());
        for mut d in deps {
            if let (Some(stem), Some(name)) = (stem, d.name.clone()) {
                let (nm, pct) = find_percent(&name);
                if let Some(pc) = pct {
                    let mut v = Vec::new();
                    if stem.is_empty() {
                        v.extend_from_slice(&nm[..pc]);
                        v.extend_from_slice(&nm[pc + 1..]);
                    } else {
                        patsubst_word(&mut v, stem, b"%", Some(0), &nm, Some(pc));
                    }
                    if v.is_empty() {
                        continue;
                    }
                    d.name = Some(Arc::from(v.as_slice()));
                }
                d.stem = Some(Arc::from(stem));
                d.staticpattern = true;
            }
            if d.need_2nd_expansion {
                out.push(d);
                continue;
            }
            let name = d.name.take().expect("dep name");
            let f = match self.files.lookup(&name) {
                Some(f) => f,
                None => self.files.enter(&name),
            };
            d.file = Some(f);
            d.staticpattern = false;
            if stem.is_none() {
                self.files.get_mut(f).is_explicit = true;
            }
            out.push(d);
        }
        out
    }

    /// C `record_files`.
    pub fn record_files(&mut self, spec: RuleSpec, floc: &Floc) -> MResult<()> {
        if self.snapped_deps {
            return Err(Fatal::new(
                Some(floc.clone()),
                "prerequisites cannot be defined in recipes",
            ));
        }
        let first = spec.filenames[0].clone();
        let (first_name, implicit_pct) = find_percent(&first);
        let cmds = if !spec.commands.is_empty() {
            Some(Arc::new(Commands::new(
                Floc {
                    file: floc.file.clone(),
                    line: spec.cmds_started,
                },
                spec.commands.clone(),
                spec.prefix,
            )))
        } else if spec.also_make {
            return Err(Fatal::new(
                Some(floc.clone()),
                "grouped targets must provide a recipe",
            ));
        } else {
            None
        };
        let deps: Vec<Dep> = match &spec.depstr {
            None => Vec::new(),
            Some(d) => {
                let d = super::read::unescape_colons(d);
                if self.second_expansion && d.contains(&b'$') {
                    let mut dep = Dep::named(&d);
                    dep.need_2nd_expansion = true;
                    dep.staticpattern = spec.pattern.is_some();
                    vec![dep]
                } else {
                    let ds = self.split_prereqs(&d);
                    if spec.pattern.is_none() && implicit_pct.is_none() {
                        self.enter_prereqs(ds, None)
                    } else {
                        ds
                    }
                }
            }
        };
        if let Some(pct) = implicit_pct {
            if spec.pattern.is_some() {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    "mixed implicit and static pattern rules",
                ));
            }
            let mut targets = vec![(Arc::<[u8]>::from(first_name.as_slice()), pct)];
            for n in &spec.filenames[1..] {
                let (nm, pc) = find_percent(n);
                let Some(pc) = pc else {
                    return Err(Fatal::new(
                        Some(floc.clone()),
                        "mixed implicit and normal rules",
                    ));
                };
                targets.push((Arc::from(nm.as_slice()), pc));
            }
            self.create_pattern_rule(
                Rule {
                    targets,
                    deps,
                    cmds,
                    terminal: spec.two_colon,
                    builtin: false,
                    in_use: false,
                },
                true,
            );
            return Ok(());
        }
        let mut also: Vec<FileId> = Vec::new();
        let n = spec.filenames.len();
        for (i, raw) in spec.filenames.iter().enumerate() {
            let (name, pct) = if i == 0 {
                (first_name.clone(), None)
            } else {
                find_percent(raw)
            };
            if i > 0 && pct.is_some() {
                self.error(
                    Some(floc),
                    b"*** mixed implicit and normal rules: deprecated syntax",
                );
            }
            let mut this: Option<Vec<Dep>> = None;
            if let Some((pat, ppct)) = &spec.pattern {
                if pattern_match(pat, Some(*ppct), &name).is_none() {
                    let msg = format!("target '{}' doesn't match the target pattern", show(&name));
                    self.error(Some(floc), msg.as_bytes());
                } else if !deps.is_empty() {
                    this = Some(deps.clone());
                }
            } else if !deps.is_empty() {
                this = Some(deps.clone());
            }
            let _ = n;
            let f;
            if !spec.two_colon {
                f = self.files.enter(&name);
                if self.files.get(f).double_colon.is_some() {
                    let msg = format!(
                        "target file '{}' has both : and :: entries",
                        show(&self.files.get(f).name)
                    );
                    return Err(Fatal::new(Some(floc.clone()), msg));
                }
                let same = match (&cmds, &self.files.get(f).cmds) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    _ => false,
                };
                if same {
                    let msg = format!(
                        "target '{}' given more than once in the same rule",
                        show(&self.files.get(f).name)
                    );
                    self.error(Some(floc), msg.as_bytes());
                } else if let (Some(new), Some(old), true) =
                    (&cmds, &self.files.get(f).cmds, self.files.get(f).is_target)
                {
                    let name = show(&self.files.get(f).name);
                    self.error(
                        Some(&new.floc),
                        format!("warning: overriding recipe for target '{name}'").as_bytes(),
                    );
                    let of = old.floc.clone();
                    self.error(
                        Some(&of),
                        format!("warning: ignoring old recipe for target '{name}'").as_bytes(),
                    );
                }
                if Some(f) == self.default_file && this.is_none() && cmds.is_none() {
                    self.files.get_mut(f).cmds = None;
                }
                if cmds.is_some() {
                    self.files.get_mut(f).cmds = cmds.clone();
                }
                if Some(f) == self.suffix_file && this.is_none() {
                    self.files.get_mut(f).deps.clear();
                }
                self.files.get_mut(f).is_explicit = true;
            } else {
                let existing = self.files.lookup(&name);
                if let Some(e) = existing {
                    if self.files.get(e).is_target && self.files.get(e).double_colon.is_none() {
                        let msg = format!(
                            "target file '{}' has both : and :: entries",
                            show(&self.files.get(e).name)
                        );
                        return Err(Fatal::new(Some(floc.clone()), msg));
                    }
                }
                f = self.files.enter(&name);
                if self.files.get(f).double_colon.is_none() {
                    self.files.get_mut(f).double_colon = Some(f);
                }
                self.files.get_mut(f).cmds = cmds.clone();
            }
            if spec.also_make {
                also.push(f);
            }
            self.files.get_mut(f).is_target = true;
            if self.files.get(f).floc.is_none() {
                self.files.get_mut(f).floc = Some(floc.clone());
            }
            if let Some((pat, ppct)) = &spec.pattern {
                let mut stem = Vec::new();
                patsubst_word(&mut stem, &name, pat, Some(*ppct), b"%", Some(0));
                let stem: Arc<[u8]> = Arc::from(stem.as_slice());
                self.files.get_mut(f).stem = Some(stem.clone());
                if let Some(t) = this.take() {
                    if t.first().is_some_and(|d| d.need_2nd_expansion) {
                        let mut t = t;
                        for d in &mut t {
                            d.stem = Some(stem.clone());
                        }
                        this = Some(t);
                    } else {
                        this = Some(self.enter_prereqs(t, Some(&stem)));
                    }
                }
            }
            if let Some(t) = this {
                let file = self.files.get_mut(f);
                if file.deps.is_empty() {
                    file.deps = t;
                } else if cmds.is_some() {
                    let mut nd = t;
                    nd.append(&mut file.deps);
                    file.deps = nd;
                } else {
                    file.deps.extend(t);
                }
            }
            self.check_special_file(f, floc);
        }
        for &f in &also {
            if !self.files.get(f).also_make.is_empty() {
                let name = show(&self.files.get(f).name);
                let fl = cmds.as_ref().map(|c| c.floc.clone());
                self.error(
                    fl.as_ref(),
                    format!("warning: overriding group membership for target '{name}'").as_bytes(),
                );
            }
            // GNU make lists the group newest first.
            self.files.get_mut(f).also_make = also.iter().rev().copied().collect();
        }
        Ok(())
    }

    fn check_special_file(&mut self, f: FileId, floc: &Floc) {
        if &*self.files.get(f).name == b".WAIT" {
            if !self.warned_wait_deps && !self.files.get(f).deps.is_empty() {
                self.error(Some(floc), b".WAIT should not have prerequisites");
                self.warned_wait_deps = true;
            }
            if !self.warned_wait_cmds && self.files.get(f).cmds.is_some() {
                self.error(Some(floc), b".WAIT should not have commands");
                self.warned_wait_cmds = true;
            }
        }
    }

    /// Adds a pattern rule, replacing an identical one (C `new_pattern_rule`).
    pub fn create_pattern_rule(&mut self, rule: Rule, replace: bool) {
        let same = |r: &Rule| {
            rule.targets
                .iter()
                .any(|(t, _)| r.targets.iter().all(|(rt, _)| rt == t))
                && r.deps.len() == rule.deps.len()
                && r.deps
                    .iter()
                    .zip(rule.deps.iter())
                    .all(|(a, b)| dep_name(self, a) == dep_name(self, b))
        };
        if let Some(i) = self.rules.iter().position(same) {
            if replace {
                self.rules.remove(i);
                self.rules.push(rule);
            }
            return;
        }
        self.rules.push(rule);
    }

    /// Target-specific and pattern-specific variables (C `record_target_var`).
    pub fn record_target_var(
        &mut self,
        filenames: Vec<Vec<u8>>,
        defn: &[u8],
        origin: Origin,
        vmod: super::read::VMods,
        floc: &Floc,
    ) -> MResult<()> {
        for name in filenames {
            let (nm, pct) = find_percent(&name);
            if let Some(pc) = pct {
                let d = super::read::parse_variable_definition(defn).ok_or_else(|| {
                    Fatal::new(
                        Some(floc.clone()),
                        "Malformed target-specific variable definition",
                    )
                })?;
                let (name_raw, op, value) = (d.name.to_vec(), d.op, d.value.to_vec());
                let vname = self.expand_str(&name_raw)?;
                if vname.is_empty() {
                    return Err(Fatal::new(Some(floc.clone()), "empty variable name"));
                }
                let value = if op == super::var::AssignOp::Simple {
                    self.expand_str(&value)?
                } else {
                    value
                };
                let mut pv = PatternVar {
                    pattern: Arc::from(nm.as_slice()),
                    percent: pc,
                    name: vname.clone(),
                    value,
                    op,
                    origin,
                    floc: floc.clone(),
                    export: vmod.export,
                    private: vmod.private,
                };
                if origin != Origin::Override {
                    if let Some(gv) = self.vars.global(&vname) {
                        if matches!(gv.origin, Origin::EnvOverride | Origin::CommandLine) {
                            pv.value = gv.value.to_vec();
                            pv.origin = gv.origin;
                            pv.op = if gv.recursive {
                                super::var::AssignOp::Recursive
                            } else {
                                super::var::AssignOp::Simple
                            };
                        }
                    }
                }
                // Sorted by pattern length; equal lengths keep their order.
                let len = nm.len();
                let at = self
                    .pattern_vars
                    .iter()
                    .position(|p| p.pattern.len() > len)
                    .unwrap_or(self.pattern_vars.len());
                self.pattern_vars.insert(at, pv);
                continue;
            } else {
                let f = match self.files.lookup(&nm) {
                    Some(f) => self.files.get(f).double_colon.unwrap_or(f),
                    None => self.files.enter(&nm),
                };
                let set = self.file_var_set(f);
                let saved = self.scope.clone();
                self.scope = self.file_scope_for_reading(f);
                let r = self.try_variable_definition(Some(floc), defn, origin, Some(set));
                self.scope = saved;
                let vname = match r? {
                    Some(n) => n,
                    None => {
                        return Err(Fatal::new(
                            Some(floc.clone()),
                            "Malformed target-specific variable definition",
                        ))
                    }
                };
                if let Some(v) = self.vars.get_mut(set, &vname) {
                    v.per_target = true;
                    v.private = vmod.private;
                    if let Some(e) = vmod.export {
                        v.export = e;
                    }
                }
                let is_override = self
                    .vars
                    .lookup_in(set, &vname)
                    .is_some_and(|v| v.origin == Origin::Override);
                if !is_override {
                    if let Some(gv) = self.vars.global(&vname).cloned() {
                        if matches!(gv.origin, Origin::EnvOverride | Origin::CommandLine) {
                            if let Some(v) = self.vars.get_mut(set, &vname) {
                                v.value = gv.value.clone();
                                v.origin = gv.origin;
                                v.recursive = gv.recursive;
                                v.append = false;
                                v.parsed = None;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The file's own variable set, created when needed.
    pub fn file_var_set(&mut self, f: FileId) -> SetId {
        if let Some(s) = self.files.get(f).variables {
            return s;
        }
        let s = self.vars.new_set();
        self.files.get_mut(f).variables = Some(s);
        s
    }

    /// Special targets that change reading (C `check_specials`), and the
    /// default goal.
    pub fn check_specials(&mut self, names: &[Vec<u8>], set_default: bool) {
        for nm in names {
            if !self.posix && nm == b".POSIX" {
                self.posix = true;
                for (k, v) in [
                    (".SHELLFLAGS", "-ec"),
                    ("CC", "c99"),
                    ("CFLAGS", "-O1"),
                    ("FC", "fort77"),
                    ("FFLAGS", "-O1"),
                    ("SCCSGETFLAGS", "-s"),
                    ("ARFLAGS", "-rvU"),
                ] {
                    self.vars.define(
                        SetId::GLOBAL,
                        k.as_bytes(),
                        v.as_bytes(),
                        Origin::Default,
                        false,
                        None,
                    );
                }
                continue;
            }
            if !self.second_expansion && nm == b".SECONDEXPANSION" {
                self.second_expansion = true;
                continue;
            }
            if !self.one_shell && nm == b".ONESHELL" {
                self.one_shell = true;
                continue;
            }
            let goal_empty = self
                .vars
                .global(b".DEFAULT_GOAL")
                .is_none_or(|v| v.value.is_empty());
            if set_default && goal_empty {
                if nm.contains(&b'%') {
                    break;
                }
                if nm.first() == Some(&b'.') && !nm.contains(&b'/') {
                    continue;
                }
                if self.is_suffix_rule_name(nm) {
                    continue;
                }
                self.vars.define(
                    SetId::GLOBAL,
                    b".DEFAULT_GOAL",
                    nm,
                    Origin::File,
                    false,
                    None,
                );
            }
        }
    }

    /// Whether `nm` is a suffix or a suffix rule name like `.c.o` (those are
    /// never the default goal).
    fn is_suffix_rule_name(&self, nm: &[u8]) -> bool {
        let Some(sf) = self.suffix_file else {
            return false;
        };
        let sufs: Vec<Arc<[u8]>> = self
            .files
            .get(sf)
            .deps
            .iter()
            .filter_map(|d| d.file.map(|f| self.files.get(f).name.clone()))
            .collect();
        for d in &sufs {
            if d.first() != Some(&b'.') && **d == *nm {
                return true;
            }
            for d2 in &sufs {
                if nm.starts_with(d2) && nm[d2.len()..] == **d {
                    return true;
                }
            }
        }
        false
    }
}

/// The name of a prerequisite.
pub fn dep_name(m: &Make, d: &Dep) -> Arc<[u8]> {
    match (&d.name, d.file) {
        (Some(n), _) => n.clone(),
        (None, Some(f)) => m.files.get(f).name.clone(),
        _ => Arc::from(&b""[..]),
    }
}
