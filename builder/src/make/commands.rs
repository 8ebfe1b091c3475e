//! A target's context for its recipe (C `commands.c` and parts of
//! `variable.c`): the chain of variable sets a target sees (its own,
//! pattern-specific, its parent's, global), the automatic variables, splitting
//! recipes into lines, and expanding text in a target's context.

use std::sync::atomic::AtomicU8;
use std::sync::Arc;

use super::file::{Chopped, Commands, FileId, CMD_NOERROR, CMD_RECURSE, CMD_SILENT};
use super::instance::Make;
use super::text::{find_percent, pattern_match};
use super::var::{AssignOp, Origin, SetList};
use super::{Floc, MResult};

impl Make {
    /// The variable-set chain of a target (C `initialize_file_variables`),
    /// looking up its pattern-specific variables the first time.
    pub fn file_scope(&mut self, f: FileId) -> MResult<SetList> {
        self.file_scope_depth(f, 0)
    }

    fn file_scope_depth(&mut self, f: FileId, depth: u32) -> MResult<SetList> {
        let fv = self.file_var_set(f);
        let file = self.files.get(f);
        if let Some(dc) = file.double_colon {
            if dc != f {
                let base = self.file_scope_depth(dc, depth + 1)?;
                return Ok(base.push(fv, false));
            }
        }
        let parent = file.parent;
        let base = match parent {
            Some(p) if depth < 200 && p != f => self.file_scope_depth(p, depth + 1)?,
            _ => SetList::global(),
        };
        if !self.files.get(f).pat_searched {
            self.files.get_mut(f).pat_searched = true;
            self.find_pattern_vars(f)?;
        }
        Ok(match self.files.get(f).pat_variables {
            Some(pv) => base.push(pv, true).push(fv, false),
            None => base.push(fv, true),
        })
    }

    /// The chain used while reading a target-specific assignment.
    pub fn file_scope_for_reading(&mut self, f: FileId) -> SetList {
        let fv = self.file_var_set(f);
        SetList::global().push(fv, true)
    }

    /// Collects the pattern-specific variables matching a target's name into
    /// a set of their own.
    fn find_pattern_vars(&mut self, f: FileId) -> MResult<()> {
        let name = self.files.get(f).name.clone();
        let matching: Vec<usize> = (0..self.pattern_vars.len())
            .filter(|&i| {
                let p = &self.pattern_vars[i];
                pattern_match(&p.pattern, Some(p.percent), &name).is_some()
            })
            .collect();
        if matching.is_empty() {
            return Ok(());
        }
        let set = self.vars.new_set();
        self.files.get_mut(f).pat_variables = Some(set);
        let saved = std::mem::replace(&mut self.scope, SetList::global().push(set, false));
        let mut r = Ok(());
        for i in matching {
            let p = self.pattern_vars[i].clone();
            if p.op == AssignOp::Simple {
                self.vars.define(
                    set,
                    &p.name,
                    &p.value,
                    p.origin,
                    false,
                    Some(p.floc.clone()),
                );
            } else {
                r = self.do_variable_definition(
                    Some(&p.floc),
                    &p.name,
                    &p.value,
                    p.origin,
                    p.op,
                    Some(set),
                );
                if r.is_err() {
                    break;
                }
            }
            if let Some(v) = self.vars.get_mut(set, &p.name) {
                v.per_target = true;
                v.private = p.private;
                if let Some(e) = p.export {
                    v.export = e;
                }
            }
        }
        self.scope = saved;
        r
    }

    /// Defines the automatic variables of a target in its own set (C
    /// `set_file_variables`); `stem` is `$*` (`None`: from `.SUFFIXES`).
    pub fn set_file_variables(&mut self, f: FileId, stem: Option<&[u8]>) {
        let name = self.files.get(f).name.clone();
        let (at, percent): (Vec<u8>, Vec<u8>) = match ar_parts(&name) {
            Some((lib, member)) => (lib.to_vec(), member.to_vec()),
            None => (name.to_vec(), Vec::new()),
        };
        let star: Vec<u8> = match stem {
            Some(s) => s.to_vec(),
            None => {
                let base: &[u8] = match ar_parts(&name) {
                    Some((_, m)) => m,
                    None => &name,
                };
                let sf = self.files.enter(b".SUFFIXES");
                let mut found: Option<Vec<u8>> = None;
                for d in &self.files.get(sf).deps {
                    let dn = super::record::dep_name(self, d);
                    if base.len() > dn.len() && base.ends_with(&dn) {
                        found = Some(base[..base.len() - dn.len()].to_vec());
                        break;
                    }
                }
                let s = found.unwrap_or_default();
                self.files.get_mut(f).stem = Some(Arc::from(s.as_slice()));
                s
            }
        };
        let file = self.files.get(f);
        let mut less: Vec<u8> = Vec::new();
        for d in &file.deps {
            if !d.ignore_mtime && !d.ignore_automatic_vars && !d.need_2nd_expansion {
                less = super::record::dep_name(self, d).to_vec();
                break;
            }
        }
        let default_cmds = self
            .default_file
            .and_then(|df| self.files.get(df).cmds.clone());
        if let (Some(c), Some(dc)) = (&file.cmds, &default_cmds) {
            if Arc::ptr_eq(c, dc) {
                less = at.clone();
            }
        }
        // $+ keeps duplicates; $^, $? and $| do not. A name that is both
        // order-only and normal counts as normal.
        let always = self.opts.always_make;
        let mut plus: Vec<u8> = Vec::new();
        let mut entries: Vec<(Arc<[u8]>, bool, bool)> = Vec::new();
        for d in &file.deps {
            if d.need_2nd_expansion || d.ignore_automatic_vars {
                continue;
            }
            let dn = super::record::dep_name(self, d);
            if !d.ignore_mtime {
                let c: &[u8] = match ar_parts(&dn) {
                    Some((_, m)) => m,
                    None => &dn,
                };
                if !plus.is_empty() {
                    plus.push(b' ');
                }
                plus.extend_from_slice(c);
            }
            entries.push((dn, d.ignore_mtime, d.changed));
        }
        let mut first_index: rustc_hash::FxHashMap<Arc<[u8]>, usize> =
            rustc_hash::FxHashMap::default();
        let mut order_only: Vec<bool> = entries.iter().map(|e| e.1).collect();
        let mut keep = vec![false; entries.len()];
        for (i, e) in entries.iter().enumerate() {
            match first_index.get(&e.0) {
                None => {
                    first_index.insert(e.0.clone(), i);
                    keep[i] = true;
                }
                Some(&j) => {
                    if order_only[i] != order_only[j] {
                        order_only[i] = false;
                        order_only[j] = false;
                    }
                }
            }
        }
        let (mut caret, mut qmark, mut bar) = (Vec::new(), Vec::new(), Vec::new());
        let push = |v: &mut Vec<u8>, s: &[u8]| {
            if !v.is_empty() {
                v.push(b' ');
            }
            v.extend_from_slice(s);
        };
        for (i, e) in entries.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let c: &[u8] = match ar_parts(&e.0) {
                Some((_, m)) => m,
                None => &e.0,
            };
            if order_only[i] {
                push(&mut bar, c);
            } else {
                push(&mut caret, c);
                if e.2 || always {
                    push(&mut qmark, c);
                }
            }
        }
        let set = self.file_var_set(f);
        for (n, v) in [
            (&b"<"[..], &less[..]),
            (b"*", &star[..]),
            (b"@", &at[..]),
            (b"%", &percent[..]),
            (b"+", &plus[..]),
            (b"^", &caret[..]),
            (b"?", &qmark[..]),
            (b"|", &bar[..]),
        ] {
            self.vars.define(set, n, v, Origin::Automatic, false, None);
        }
    }

    /// Splits a recipe into lines and finds each line's flags (C
    /// `chop_commands`).
    pub fn chop_commands<'a>(&self, cmds: &'a Commands) -> &'a Chopped {
        cmds.chopped.get_or_init(|| {
            let text = &cmds.text;
            let mut lines: Vec<Vec<u8>> = Vec::new();
            if self.one_shell {
                let mut l = text.clone();
                if l.last() == Some(&b'\n') {
                    l.pop();
                }
                lines.push(l);
            } else {
                let mut p = 0;
                while p < text.len() {
                    let mut end = p;
                    loop {
                        match text[end..].iter().position(|&c| c == b'\n') {
                            None => {
                                end = text.len();
                                break;
                            }
                            Some(o) => {
                                end += o;
                                let bs = text[p..end]
                                    .iter()
                                    .rev()
                                    .take_while(|&&c| c == b'\\')
                                    .count();
                                if bs % 2 == 1 {
                                    end += 1;
                                    continue;
                                }
                                break;
                            }
                        }
                    }
                    lines.push(text[p..end].to_vec());
                    p = end;
                    if p < text.len() {
                        p += 1;
                    }
                }
            }
            let flags = lines
                .iter()
                .map(|l| {
                    let mut fl = 0u8;
                    let mut i = 0;
                    while i < l.len() && (matches!(l[i], b' ' | b'\t' | b'-' | b'@' | b'+')) {
                        match l[i] {
                            b'+' => fl |= CMD_RECURSE,
                            b'@' => fl |= CMD_SILENT,
                            b'-' => fl |= CMD_NOERROR,
                            _ => {}
                        }
                        i += 1;
                    }
                    if fl & CMD_RECURSE == 0 {
                        let rest = &l[i..];
                        if super::expand::find_sub(rest, b"$(MAKE)").is_some()
                            || super::expand::find_sub(rest, b"${MAKE}").is_some()
                        {
                            fl |= CMD_RECURSE;
                        }
                    }
                    AtomicU8::new(fl)
                })
                .collect();
            Chopped { lines, flags }
        })
    }

    /// Runs `op` with `f`'s variables in scope and `f`'s recipe as the
    /// reading location (C `variable_expand_for_file`).
    pub fn with_file_context<R>(
        &mut self,
        f: Option<FileId>,
        line_offset: u32,
        op: impl FnOnce(&mut Make) -> MResult<R>,
    ) -> MResult<R> {
        let Some(f) = f else { return op(self) };
        let scope = self.file_scope(f)?;
        let reading = self
            .files
            .get(f)
            .cmds
            .as_ref()
            .filter(|c| !c.builtin && !c.floc.file.is_empty())
            .map(|c| Floc {
                file: c.floc.file.clone(),
                line: c.floc.line + line_offset,
            });
        let saved_scope = std::mem::replace(&mut self.scope, scope);
        let saved_reading = std::mem::replace(&mut self.reading, reading);
        let r = op(self);
        self.scope = saved_scope;
        self.reading = saved_reading;
        r
    }

    /// Expands `s` in `f`'s context.
    pub fn expand_for_file(&mut self, s: &[u8], f: Option<FileId>) -> MResult<Vec<u8>> {
        self.with_file_context(f, 0, |m| m.expand_str(s))
    }

    /// A `.SILENT`/`.IGNORE` flag check for the whole make.
    pub fn command_flags_of(&self, f: FileId) -> u8 {
        self.files.get(f).command_flags
    }
}

/// Splits an archive member reference `lib(member)`.
pub fn ar_parts(name: &[u8]) -> Option<(&[u8], &[u8])> {
    if name.last() != Some(&b')') {
        return None;
    }
    let open = name.iter().position(|&c| c == b'(')?;
    if open == 0 {
        return None;
    }
    Some((&name[..open], &name[open + 1..name.len() - 1]))
}

/// Whether a name is an archive member reference.
pub fn is_ar_name(name: &[u8]) -> bool {
    ar_parts(name).is_some()
}

/// The `%` pattern of a rule target.
pub fn percent_of(pattern: &[u8]) -> Option<usize> {
    find_percent(pattern).1
}
