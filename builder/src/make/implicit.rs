//! Implicit rule search (C `implicit.c`): finding a pattern rule whose
//! prerequisites exist or can be made, shortest stem first, with chains of
//! intermediate files, terminal and match-anything rules, and the
//! compatibility search for prerequisites mentioned elsewhere.

use std::sync::Arc;

use super::commands::is_ar_name;
use super::file::{Dep, FileId};
use super::instance::Make;
use super::read::ParseFs;
use super::text::{is_blank, is_space};
use super::MResult;

/// A rule that matches the target name (C `struct tryrule`).
#[derive(Clone, Copy)]
struct TryRule {
    rule: Option<usize>,
    matches: usize,
    stemlen: usize,
    order: usize,
    checked_lastslash: bool,
}

/// A prerequisite the chosen rule needs (C `struct patdeps`).
struct PatDep {
    name: Vec<u8>,
    /// For an intermediate file: the target pattern that makes it.
    pattern: Option<Arc<[u8]>>,
    /// For an intermediate file: the scratch entry the search filled in.
    file: Option<FileId>,
    ignore_mtime: bool,
    ignore_automatic_vars: bool,
    is_explicit: bool,
    wait_here: bool,
}

/// The next word of a prerequisite list, keeping `$(...)` together and
/// stopping at `|` (C `get_next_word`); the start and end.
fn next_word(s: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut p = from;
    while p < s.len() && is_space(s[p]) {
        p += 1;
    }
    if p >= s.len() {
        return None;
    }
    let beg = p;
    let mut c = s[p];
    p += 1;
    loop {
        match c {
            b' ' | b'\t' => {
                return Some((beg, p - 1));
            }
            b'$' => {
                let c2 = s.get(p).copied().unwrap_or(0);
                p += 1;
                if c2 != b'$' {
                    let close = match c2 {
                        b'(' => Some(b')'),
                        b'{' => Some(b'}'),
                        _ => None,
                    };
                    if let Some(close) = close {
                        let mut count = 0i32;
                        while p < s.len() {
                            if s[p] == c2 {
                                count += 1;
                            } else if s[p] == close {
                                count -= 1;
                                if count < 0 {
                                    p += 1;
                                    break;
                                }
                            }
                            p += 1;
                        }
                    }
                }
            }
            b'|' => return Some((beg, p)),
            _ => {}
        }
        if p >= s.len() {
            return Some((beg, s.len()));
        }
        c = s[p];
        p += 1;
    }
}

impl Make {
    /// Finds recipe and prerequisites for a target without a recipe (C
    /// `try_implicit_rule`).
    pub fn try_implicit_rule(&mut self, f: FileId, _depth: u32) -> MResult<bool> {
        if self.pattern_search(f, false, 0, false)? {
            return Ok(true);
        }
        if is_ar_name(&self.files.get(f).name) {
            return self.pattern_search(f, true, 0, false);
        }
        Ok(false)
    }

    fn pattern_search(
        &mut self,
        file: FileId,
        archive: bool,
        recursions: u32,
        allow_compat: bool,
    ) -> MResult<bool> {
        let fullname = self.files.get(file).name.clone();
        let filename: Vec<u8> = if archive {
            let open = fullname.iter().position(|&c| c == b'(').unwrap_or(0);
            fullname[open..].to_vec()
        } else {
            fullname.to_vec()
        };
        let namelen = filename.len();
        let lastslash: Option<usize> = if archive || is_ar_name(&filename) || namelen == 0 {
            None
        } else {
            filename[..namelen - 1].iter().rposition(|&c| c == b'/')
        };
        let pathlen = lastslash.map(|l| l + 1).unwrap_or(0);

        // The rules whose targets match.
        let mut tryrules: Vec<TryRule> = Vec::new();
        let mut specific_rule_matched = false;
        for (ri, rule) in self.rules.iter().enumerate() {
            if !rule.deps.is_empty() && rule.cmds.is_none() {
                continue;
            }
            if rule.in_use {
                continue;
            }
            for (ti, (target, pct)) in rule.targets.iter().enumerate() {
                let pct = *pct;
                if recursions > 0 && target.len() == 1 && !rule.terminal {
                    continue;
                }
                if target.len() > namelen {
                    continue;
                }
                let mut stem = pct;
                let mut stemlen = namelen - target.len() + 1;
                let check_lastslash = lastslash.is_some() && !target.contains(&b'/');
                if check_lastslash {
                    if pathlen > stemlen {
                        continue;
                    }
                    stemlen -= pathlen;
                    stem += pathlen;
                }
                if check_lastslash {
                    let ls = lastslash.unwrap_or(0);
                    if stem > ls + 1 && target[..stem - ls - 1] != filename[ls + 1..stem] {
                        continue;
                    }
                } else if stem > 0 && target[..stem] != filename[..stem] {
                    continue;
                }
                if target[pct + 1..] != filename[stem + stemlen..] {
                    continue;
                }
                if target.len() > 1 {
                    specific_rule_matched = true;
                }
                if rule.deps.is_empty() && rule.cmds.is_none() {
                    continue;
                }
                tryrules.push(TryRule {
                    rule: Some(ri),
                    matches: ti,
                    stemlen: stemlen + if check_lastslash { pathlen } else { 0 },
                    order: tryrules.len(),
                    checked_lastslash: check_lastslash,
                });
            }
        }
        if tryrules.is_empty() {
            return Ok(false);
        }
        tryrules.sort_by_key(|t| (t.stemlen, t.order));
        if specific_rule_matched {
            for t in &mut tryrules {
                if let Some(ri) = t.rule {
                    let r = &self.rules[ri];
                    if !r.terminal && r.targets.iter().any(|(tg, _)| tg.len() == 1) {
                        t.rule = None;
                    }
                }
            }
        }

        let mut found_compat_rule = false;
        let mut file_vars_initialized = false;
        for intermed_ok in [false, true] {
            #[allow(clippy::needless_range_loop)]
            for ti in 0..tryrules.len() {
                let t = tryrules[ti];
                let Some(ri) = t.rule else { continue };
                if intermed_ok && self.rules[ri].terminal {
                    continue;
                }
                let (target, pct) = self.rules[ri].targets[t.matches].clone();
                let mut stem = pct;
                let mut stemlen = namelen - target.len() + 1;
                if t.checked_lastslash {
                    stem += pathlen;
                    stemlen -= pathlen;
                }
                let stem_bytes = filename[stem..stem + stemlen].to_vec();
                let pathdir = filename[..pathlen].to_vec();
                let mut stem_str = if t.checked_lastslash {
                    pathdir.clone()
                } else {
                    Vec::new()
                };
                stem_str.extend_from_slice(&stem_bytes);
                if self.rules[ri].deps.is_empty() {
                    self.finish_pattern_search(
                        file,
                        recursions,
                        (ri, Vec::new(), stem_bytes, t.matches),
                        t,
                        &filename,
                        pathlen,
                    )?;
                    return Ok(true);
                }
                self.rules[ri].in_use = true;
                let rule_deps = self.rules[ri].deps.clone();
                let mut pats: Vec<PatDep> = Vec::new();
                let mut failed = false;
                let mut file_variables_set = false;
                'deps: for dep in &rule_deps {
                    let dname: Vec<u8> = super::record::dep_name(self, dep).to_vec();
                    // (name, ignore_mtime, ignore_auto, wait, is_explicit)
                    let mut dl: Vec<(Vec<u8>, bool, bool, bool, bool)> = Vec::new();
                    if !dep.need_2nd_expansion {
                        let (depname, is_explicit) = match dname.iter().position(|&c| c == b'%') {
                            None => (dname.clone(), true),
                            Some(cp) => {
                                let mut o = Vec::new();
                                if t.checked_lastslash {
                                    o.extend_from_slice(&pathdir);
                                }
                                o.extend_from_slice(&dname[..cp]);
                                o.extend_from_slice(&stem_bytes);
                                o.extend_from_slice(&dname[cp + 1..]);
                                (o, false)
                            }
                        };
                        let name = strip_dot_slash(&depname);
                        dl.push((
                            name,
                            dep.ignore_mtime,
                            dep.ignore_automatic_vars,
                            dep.wait_here,
                            is_explicit,
                        ));
                    } else {
                        let mut order_only = false;
                        let mut pos = 0;
                        while let Some((b, e)) = next_word(&dname, pos) {
                            pos = e;
                            let word = &dname[b..e];
                            if !order_only && word == b"|" {
                                order_only = true;
                                continue;
                            }
                            let mut add_dir = false;
                            let (text, is_explicit) = if !word.contains(&b'%') {
                                (word.to_vec(), true)
                            } else {
                                let mut o = Vec::new();
                                let mut i = 0;
                                let mut at_word_start = true;
                                while i < word.len() {
                                    if word[i] == b'%' && at_word_start {
                                        if t.checked_lastslash {
                                            add_dir = true;
                                            o.extend_from_slice(b"$(*F)");
                                        } else {
                                            o.extend_from_slice(b"$*");
                                        }
                                        at_word_start = false;
                                        i += 1;
                                        continue;
                                    }
                                    if is_blank(word[i]) {
                                        at_word_start = true;
                                    }
                                    o.push(word[i]);
                                    i += 1;
                                }
                                (o, false)
                            };
                            if !file_vars_initialized {
                                self.file_scope(file)?;
                                self.set_file_variables(file, Some(&stem_str));
                                file_vars_initialized = true;
                            } else if !file_variables_set {
                                let set = self.file_var_set(file);
                                self.vars.define(
                                    set,
                                    b"*",
                                    &stem_str,
                                    super::var::Origin::Automatic,
                                    false,
                                    None,
                                );
                                file_variables_set = true;
                            }
                            let expanded = self.expand_for_file(&text, Some(file))?;
                            let mut rest: &[u8] = &expanded;
                            loop {
                                let fs = ParseFs {
                                    stop_pipe: !order_only,
                                    wait: true,
                                    ..Default::default()
                                };
                                let (names, stop) = self.parse_file_seq_ext(rest, fs);
                                for (n, w) in names {
                                    let mut name =
                                        if add_dir { pathdir.clone() } else { Vec::new() };
                                    name.extend_from_slice(&n);
                                    dl.push((name, order_only, false, w, is_explicit));
                                }
                                if stop < rest.len() && rest[stop] == b'|' {
                                    order_only = true;
                                    rest = &rest[stop + 1..];
                                    continue;
                                }
                                break;
                            }
                        }
                    }
                    for (dn, ign_mtime, ign_auto, wait, d_explicit) in dl {
                        if self.impossible.contains(&dn) {
                            tryrules[ti].rule = None;
                            failed = true;
                            break 'deps;
                        }
                        let mut pd = PatDep {
                            name: dn.clone(),
                            pattern: None,
                            file: None,
                            ignore_mtime: ign_mtime,
                            ignore_automatic_vars: ign_auto,
                            is_explicit: d_explicit,
                            wait_here: wait,
                        };
                        let df = self.files.lookup(&dn);
                        if let Some(df) = df {
                            if self.files.get(df).is_explicit {
                                pd.is_explicit = true;
                            }
                            if !self.files.get(df).is_explicit && !d_explicit {
                                self.files.get_mut(df).intermediate = true;
                            }
                        }
                        let explicit = df.is_some_and(|x| self.files.get(x).is_target);
                        let in_deps = !explicit
                            && self
                                .files
                                .get(file)
                                .deps
                                .iter()
                                .any(|d| *super::record::dep_name(self, d) == *dn);
                        if explicit || in_deps {
                            pats.push(pd);
                            continue;
                        }
                        if self.file_exists(&dn) {
                            pats.push(pd);
                            continue;
                        }
                        if df.is_some() && allow_compat {
                            pats.push(pd);
                            continue;
                        }
                        if df.is_some() {
                            found_compat_rule = true;
                        }
                        if self.vpath_search(&dn).is_some() {
                            pats.push(pd);
                            continue;
                        }
                        if intermed_ok {
                            let int_file = self.files.detached(&dn);
                            if self.pattern_search(int_file, false, recursions + 1, allow_compat)? {
                                pd.pattern = Some(self.files.get(int_file).name.clone());
                                self.files.get_mut(int_file).name = Arc::from(dn.as_slice());
                                pd.file = Some(int_file);
                                pats.push(pd);
                                continue;
                            }
                            if df.is_none() {
                                self.impossible.insert(dn.clone());
                            }
                        }
                        failed = true;
                        break 'deps;
                    }
                }
                self.rules[ri].in_use = false;
                if !failed {
                    self.finish_pattern_search(
                        file,
                        recursions,
                        (ri, pats, stem_bytes, t.matches),
                        t,
                        &filename,
                        pathlen,
                    )?;
                    return Ok(true);
                }
            }
        }
        if found_compat_rule && !allow_compat {
            return self.pattern_search(file, archive, recursions, true);
        }
        Ok(false)
    }

    /// Installs the rule found into the target (the end of C
    /// `pattern_search`).
    fn finish_pattern_search(
        &mut self,
        file: FileId,
        recursions: u32,
        found: (usize, Vec<PatDep>, Vec<u8>, usize),
        t: TryRule,
        filename: &[u8],
        pathlen: usize,
    ) -> MResult<()> {
        let (ri, pats, stem, matches) = found;
        let rule = self.rules[ri].clone();
        if recursions > 0 {
            self.files.get_mut(file).name = rule.targets[matches].0.clone();
        }
        let mut new_deps: Vec<Dep> = Vec::with_capacity(pats.len());
        for pat in pats {
            if let Some(imf) = pat.file {
                let f = match self.files.lookup(&pat.name) {
                    Some(x) => x,
                    None => self.files.enter(&pat.name),
                };
                let src = std::mem::replace(
                    self.files.get_mut(imf),
                    super::file::File::new(Arc::from(&b""[..])),
                );
                let no_int = self.no_intermediates;
                {
                    let fm = self.files.get_mut(f);
                    fm.deps = src.deps;
                    fm.cmds = src.cmds;
                    fm.stem = src.stem;
                    if fm.variables.is_none() {
                        fm.variables = src.variables;
                    }
                    fm.pat_variables = src.pat_variables;
                    fm.pat_searched = src.pat_searched;
                    fm.also_make = src.also_make;
                    fm.is_target = true;
                    fm.is_explicit |= src.is_explicit || pat.is_explicit;
                    fm.notintermediate |= src.notintermediate || no_int;
                    fm.intermediate |= !fm.is_explicit && !fm.notintermediate;
                    fm.tried_implicit = true;
                }
                if let Some(pp) = &pat.pattern {
                    if let Some(pf) = self.files.lookup(pp) {
                        if self.files.get(pf).precious {
                            self.files.get_mut(f).precious = true;
                        }
                    }
                }
                let mut deps = std::mem::take(&mut self.files.get_mut(f).deps);
                for d in &mut deps {
                    if let Some(n) = d.name.take() {
                        let df = self.files.enter(&n);
                        d.file = Some(df);
                        if d.changed {
                            self.files.get_mut(df).tried_implicit = true;
                        }
                    }
                }
                self.files.get_mut(f).deps = deps;
            }
            let mut dep = Dep::named(&pat.name);
            dep.ignore_mtime = pat.ignore_mtime;
            dep.is_explicit = pat.is_explicit;
            dep.ignore_automatic_vars = pat.ignore_automatic_vars;
            dep.wait_here = pat.wait_here;
            if recursions == 0 {
                let df = match self.files.lookup(&pat.name) {
                    Some(x) => x,
                    None => self.files.enter(&pat.name),
                };
                dep.name = None;
                dep.file = Some(df);
            }
            if pat.file.is_none() && rule.terminal {
                match dep.file {
                    None => dep.changed = true,
                    Some(df) => self.files.get_mut(df).tried_implicit = true,
                }
            }
            new_deps.push(dep);
        }
        {
            let fm = self.files.get_mut(file);
            let old = std::mem::take(&mut fm.deps);
            new_deps.extend(old);
            fm.deps = new_deps;
        }
        let full_stem: Vec<u8> = if t.checked_lastslash {
            let mut s = filename[..pathlen].to_vec();
            s.extend_from_slice(&stem);
            s
        } else {
            stem
        };
        {
            let fm = self.files.get_mut(file);
            fm.stem = Some(Arc::from(full_stem.as_slice()));
            fm.cmds = rule.cmds.clone();
            fm.is_target = true;
        }
        let no_int = self.no_intermediates;
        if let Some(pf) = self.files.lookup(&rule.targets[matches].0) {
            let (p, n) = (
                self.files.get(pf).precious,
                self.files.get(pf).notintermediate,
            );
            if p {
                self.files.get_mut(file).precious = true;
            }
            if n || no_int {
                self.files.get_mut(file).notintermediate = true;
            }
        }
        if rule.targets.len() > 1 {
            for (i, (tg, pct)) in rule.targets.iter().enumerate() {
                if i == matches {
                    continue;
                }
                let mut nm = tg[..*pct].to_vec();
                nm.extend_from_slice(&full_stem);
                nm.extend_from_slice(&tg[pct + 1..]);
                let nf = self.files.enter(&nm);
                if let Some(pf) = self.files.lookup(tg) {
                    let (p, n) = (
                        self.files.get(pf).precious,
                        self.files.get(pf).notintermediate,
                    );
                    if p {
                        self.files.get_mut(nf).precious = true;
                    }
                    if n || no_int {
                        self.files.get_mut(nf).notintermediate = true;
                    }
                }
                self.files.get_mut(nf).is_target = true;
                self.files.get_mut(file).also_make.insert(0, nf);
            }
        }
        Ok(())
    }
}

/// Leading `./` removed, as make's name parsing does.
fn strip_dot_slash(n: &[u8]) -> Vec<u8> {
    super::file::normalize_name(n).to_vec()
}
