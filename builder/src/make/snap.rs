//! After reading (C `snap_deps`, `expand_deps`, `convert_to_pattern`,
//! `snap_implicit_rules`): special targets take effect, `.EXTRA_PREREQS` are
//! added, suffix rules become pattern rules, and prerequisites that need a
//! second expansion are expanded when their target is considered.

use std::sync::Arc;

use super::file::{Dep, FileId, Mtime, CMD_NOERROR, CMD_SILENT};
use super::instance::Make;
use super::rule::Rule;
use super::text::show;
use super::var::SetId;
use super::{Fatal, MResult};

impl Make {
    /// Every entry of a name's `::` chain (or the one entry).
    pub fn chain(&self, f: FileId) -> Vec<FileId> {
        let mut out = Vec::new();
        let mut cur = Some(self.files.get(f).double_colon.unwrap_or(f));
        while let Some(c) = cur {
            out.push(c);
            cur = self.files.get(c).prev;
        }
        out
    }

    /// The files a special target's prerequisites name, with their `::`
    /// entries.
    fn special_deps(&self, name: &[u8]) -> Option<(bool, Vec<FileId>)> {
        let f = self.files.lookup(name)?;
        let mut any_deps = false;
        let mut out = Vec::new();
        for e in self.chain(f) {
            for d in &self.files.get(e).deps {
                any_deps = true;
                if let Some(df) = d.file {
                    out.extend(self.chain(df));
                }
            }
        }
        Some((any_deps, out))
    }

    fn special_is_target(&self, name: &[u8]) -> Option<FileId> {
        self.files
            .lookup(name)
            .filter(|&f| self.files.get(f).is_target)
    }

    /// C `snap_deps`.
    pub fn snap_deps(&mut self) -> MResult<()> {
        self.snapped_deps = true;
        if let Some((_, fs)) = self.special_deps(b".PRECIOUS") {
            for f in fs {
                self.files.get_mut(f).precious = true;
            }
        }
        if let Some((_, fs)) = self.special_deps(b".PHONY") {
            for f in fs {
                let file = self.files.get_mut(f);
                file.phony = true;
                file.is_target = true;
                file.last_mtime = Mtime::Nonexistent;
                file.mtime_before_update = Mtime::Nonexistent;
            }
        }
        if let Some((any, fs)) = self.special_deps(b".NOTINTERMEDIATE") {
            if any {
                for f in fs {
                    self.files.get_mut(f).notintermediate = true;
                }
            } else {
                self.no_intermediates = true;
            }
        }
        if let Some((_, fs)) = self.special_deps(b".INTERMEDIATE") {
            for f in fs {
                if self.files.get(f).notintermediate {
                    let m = format!(
                        "{} cannot be both .NOTINTERMEDIATE and .INTERMEDIATE",
                        show(&self.files.get(f).name)
                    );
                    return Err(Fatal::new(None, m));
                }
                self.files.get_mut(f).intermediate = true;
            }
        }
        if let Some((any, fs)) = self.special_deps(b".SECONDARY") {
            if any {
                for f in fs {
                    if self.files.get(f).notintermediate {
                        let m = format!(
                            "{} cannot be both .NOTINTERMEDIATE and .SECONDARY",
                            show(&self.files.get(f).name)
                        );
                        return Err(Fatal::new(None, m));
                    }
                    let file = self.files.get_mut(f);
                    file.intermediate = true;
                    file.secondary = true;
                }
            } else {
                self.all_secondary = true;
            }
        }
        if self.no_intermediates && self.all_secondary {
            return Err(Fatal::new(
                None,
                ".NOTINTERMEDIATE and .SECONDARY are mutually exclusive",
            ));
        }
        if self.special_is_target(b".EXPORT_ALL_VARIABLES").is_some() {
            self.export_all = true;
        }
        for (name, flag) in [(&b".IGNORE"[..], CMD_NOERROR), (b".SILENT", CMD_SILENT)] {
            if let Some(f) = self.special_is_target(name) {
                if self.files.get(f).deps.is_empty() {
                    if flag == CMD_NOERROR {
                        self.opts.ignore_errors = true;
                    } else {
                        self.opts.run_silent = true;
                    }
                } else {
                    let (_, fs) = self.special_deps(name).unwrap_or_default();
                    for f2 in fs {
                        self.files.get_mut(f2).command_flags |= flag;
                    }
                }
            }
        }
        if let Some(f) = self.special_is_target(b".NOTPARALLEL") {
            if self.files.get(f).deps.is_empty() {
                self.not_parallel = true;
            } else {
                let (_, fs) = self.special_deps(b".NOTPARALLEL").unwrap_or_default();
                for f2 in fs {
                    for d in self.files.get_mut(f2).deps.iter_mut().skip(1) {
                        d.wait_here = true;
                    }
                }
            }
        }
        // .EXTRA_PREREQS, global and per target.
        let global_extra = self
            .vars
            .global(b".EXTRA_PREREQS")
            .map(|v| (v.value.clone(), v.recursive));
        let global_prereqs = match global_extra {
            Some((v, rec)) => self.extra_prereqs(&v, rec)?,
            None => Vec::new(),
        };
        for f in self.files.ids().collect::<Vec<_>>() {
            if !self.second_expansion {
                self.files.get_mut(f).updating = false;
            }
            let file = self.files.get(f);
            if self.all_secondary && !file.notintermediate {
                self.files.get_mut(f).intermediate = true;
            }
            let file = self.files.get(f);
            if self.no_intermediates && !file.intermediate && !file.secondary {
                self.files.get_mut(f).notintermediate = true;
            }
            let file = self.files.get(f);
            let prereqs = if let Some(set) = file.variables {
                match self
                    .vars
                    .lookup_in(set, b".EXTRA_PREREQS")
                    .map(|v| (v.value.clone(), v.recursive))
                {
                    Some((v, rec)) => self.extra_prereqs(&v, rec)?,
                    None => Vec::new(),
                }
            } else if file.is_target {
                global_prereqs.clone()
            } else {
                Vec::new()
            };
            if prereqs.is_empty() {
                continue;
            }
            let name = self.files.get(f).name.clone();
            if prereqs
                .iter()
                .any(|d| d.file.is_some_and(|df| self.files.get(df).name == name))
            {
                continue;
            }
            self.files.get_mut(f).deps.extend(prereqs);
        }
        Ok(())
    }

    /// Parses an `.EXTRA_PREREQS` value into prerequisites that automatic
    /// variables ignore (C `expand_extra_prereqs`).
    fn extra_prereqs(&mut self, value: &[u8], recursive: bool) -> MResult<Vec<Dep>> {
        let text = if recursive {
            self.expand_str(value)?
        } else {
            value.to_vec()
        };
        let deps = self.split_prereqs(&text);
        let mut out = Vec::new();
        for mut d in deps {
            let name = d.name.take().unwrap_or_else(|| Arc::from(&b""[..]));
            let f = match self.files.lookup(&name) {
                Some(f) => f,
                None => self.files.enter(&name),
            };
            d.file = Some(f);
            d.ignore_automatic_vars = true;
            out.push(d);
        }
        Ok(out)
    }

    /// Second expansion of a target's prerequisites (C `expand_deps`).
    pub fn expand_deps(&mut self, f: FileId) -> MResult<()> {
        if self.files.get(f).snapped {
            return Ok(());
        }
        self.files.get_mut(f).snapped = true;
        if !self
            .files
            .get(f)
            .deps
            .iter()
            .any(|d| d.need_2nd_expansion && d.name.is_some())
        {
            return Ok(());
        }
        // Expanded in place: the automatic variables of the expansion see
        // the prerequisites before and after the one being expanded.
        let mut initialized = false;
        let mut di = 0;
        while di < self.files.get(f).deps.len() {
            let d = self.files.get(f).deps[di].clone();
            let Some(name) = d.name.clone().filter(|_| d.need_2nd_expansion) else {
                di += 1;
                continue;
            };
            let mut text = name.to_vec();
            if d.staticpattern && text.contains(&b'%') {
                text = replace_first_percents(&text);
            }
            if !initialized {
                self.file_scope(f)?;
                initialized = true;
            }
            let fstem = self.files.get(f).stem.clone();
            let stem = d.stem.clone().or(fstem);
            self.set_file_variables(f, Some(stem.as_deref().unwrap_or(b"")));
            let expanded = self.expand_for_file(&text, Some(f))?;
            let new = self.split_prereqs(&expanded);
            let mut entered: Vec<Dep> = Vec::with_capacity(new.len());
            for mut nd in new {
                let n = nd.name.take().unwrap_or_else(|| Arc::from(&b""[..]));
                let file = match self.files.lookup(&n) {
                    Some(x) => x,
                    None => self.files.enter(&n),
                };
                nd.file = Some(file);
                nd.stem = d.stem.clone();
                if d.stem.is_none() {
                    self.files.get_mut(file).is_explicit = true;
                }
                entered.push(nd);
            }
            let n = entered.len();
            self.files.get_mut(f).deps.splice(di..di + 1, entered);
            di += n;
        }
        Ok(())
    }

    /// Turns suffix rules into pattern rules (C `convert_to_pattern`).
    pub fn convert_to_pattern(&mut self) {
        let Some(sf) = self.suffix_file else { return };
        let suffixes: Vec<(Arc<[u8]>, Option<FileId>)> = self
            .files
            .get(sf)
            .deps
            .iter()
            .map(|d| (super::record::dep_name(self, d), d.file))
            .collect();
        for (s, sfile) in &suffixes {
            self.convert_suffix_rule(Some(s), None, None);
            if let Some(cmds) = sfile.and_then(|f| self.files.get(f).cmds.clone()) {
                self.convert_suffix_rule(Some(b""), Some(s), Some(cmds));
            }
            for (s2, _) in &suffixes {
                if s == s2 {
                    continue;
                }
                let mut rulename = s.to_vec();
                rulename.extend_from_slice(s2);
                let Some(f) = self.files.lookup(&rulename) else {
                    continue;
                };
                let Some(cmds) = self.files.get(f).cmds.clone() else {
                    continue;
                };
                if !self.files.get(f).deps.is_empty() {
                    if self.posix {
                        continue;
                    }
                    self.error(
                        Some(&cmds.floc),
                        b"warning: ignoring prerequisites on suffix rule definition",
                    );
                }
                if &**s2 == b".a" {
                    self.convert_suffix_rule(None, Some(s), Some(cmds.clone()));
                }
                self.convert_suffix_rule(Some(s2), Some(s), Some(cmds));
            }
        }
    }

    /// One suffix rule as a pattern rule; `target` `None` is the archive
    /// member rule `(%.o)`.
    fn convert_suffix_rule(
        &mut self,
        target: Option<&[u8]>,
        source: Option<&[u8]>,
        cmds: Option<Arc<super::file::Commands>>,
    ) {
        let (name, pct) = match target {
            None => (b"(%.o)".to_vec(), 1),
            Some(t) => {
                let mut n = b"%".to_vec();
                n.extend_from_slice(t);
                (n, 0)
            }
        };
        let deps = match source {
            None => Vec::new(),
            Some(s) => {
                let mut n = b"%".to_vec();
                n.extend_from_slice(s);
                vec![Dep::named(&n)]
            }
        };
        let rule = Rule {
            targets: vec![(Arc::from(name.as_slice()), pct)],
            deps,
            cmds,
            terminal: false,
            builtin: false,
            in_use: false,
        };
        self.create_pattern_rule(rule, false);
    }

    /// Adds `.EXTRA_PREREQS` to the pattern rules (C `snap_implicit_rules`).
    pub fn snap_implicit_rules(&mut self) -> MResult<()> {
        let extra = self
            .vars
            .global(b".EXTRA_PREREQS")
            .map(|v| (v.value.clone(), v.recursive));
        let prereqs = match extra {
            Some((v, rec)) => {
                let text = if rec {
                    self.expand_str(&v)?
                } else {
                    v.to_vec()
                };
                self.split_prereqs(&text)
                    .into_iter()
                    .map(|mut d| {
                        d.ignore_automatic_vars = true;
                        d
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        if prereqs.is_empty() {
            return Ok(());
        }
        for r in &mut self.rules {
            r.deps.extend(prereqs.iter().cloned());
        }
        let _ = SetId::GLOBAL;
        Ok(())
    }
}

/// Replaces the first `%` of each word with `$*` (static pattern
/// prerequisites under second expansion).
fn replace_first_percents(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 8);
    let mut i = 0;
    let search_from_word = true;
    while i < s.len() {
        let c = s[i];
        if search_from_word && c == b'%' {
            out.extend_from_slice(b"$*");
            i += 1;
            // Skip to the end of this word.
            while i < s.len() && !matches!(s[i], b' ' | b'\t' | b'\n') {
                out.push(s[i]);
                i += 1;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn static_pattern_percents() {
        assert_eq!(
            super::replace_first_percents(b"%.c %.h x%y%"),
            b"$*.c $*.h x$*y%"
        );
    }
}
