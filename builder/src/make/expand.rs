//! Expansion of parsed text: variable and substitution references, computed
//! names, recursive variables (with self-reference detection), target-specific
//! `+=` appends, and function calls.

use std::sync::Arc;

use super::expr::{parse, static_ref, Expr, Node, ParseError};
use super::instance::Make;
use super::text::{end_of_token, find_percent, is_space, patsubst_word, skip_space};
use super::var::{SetId, SetList};
use super::MResult;

impl Make {
    /// Parses `s` (through the shared cache for non-trivial strings).
    pub fn parse_text(&self, s: &[u8]) -> MResult<Arc<Expr>> {
        let r = if s.len() > 24 {
            self.shared.exprs.get(s)
        } else {
            parse(s).map(Arc::new)
        };
        r.map_err(|e| self.parse_error(e))
    }

    fn parse_error(&self, e: ParseError) -> super::Fatal {
        match e {
            ParseError::UnterminatedRef => self.fatal_here("unterminated variable reference"),
            ParseError::UnterminatedCall { name, close } => self.fatal_here(format!(
                "unterminated call to function '{name}': missing '{}'",
                close as char
            )),
        }
    }

    /// Expands a string.
    pub fn expand_str(&mut self, s: &[u8]) -> MResult<Vec<u8>> {
        if !s.contains(&b'$') {
            return Ok(s.to_vec());
        }
        let e = self.parse_text(s)?;
        let mut out = Vec::with_capacity(s.len());
        self.expand_into(&e, &mut out)?;
        Ok(out)
    }

    /// Expands a parsed string, appending to `out`.
    pub fn expand_into(&mut self, e: &Expr, out: &mut Vec<u8>) -> MResult<()> {
        for n in &e.nodes {
            match n {
                Node::Lit(s) => out.extend_from_slice(s),
                Node::Var(name) => self.reference(name, out)?,
                Node::Subst { name, pat, rep } => self.subst_reference(name, pat, rep, out)?,
                Node::Dyn(inner) => {
                    let mut name = Vec::new();
                    self.expand_into(inner, &mut name)?;
                    match static_ref(&name) {
                        Node::Subst { name, pat, rep } => {
                            self.subst_reference(&name, &pat, &rep, out)?
                        }
                        _ => self.reference(&name, out)?,
                    }
                }
                Node::Truncating(name) => {
                    self.reference(name, out)?;
                    return Ok(());
                }
                Node::Func { f, args, open } => self.call_function(*f, args, *open, out)?,
            }
        }
        Ok(())
    }

    /// Expands `e` into a fresh buffer.
    pub fn expand_expr(&mut self, e: &Expr) -> MResult<Vec<u8>> {
        let mut out = Vec::new();
        self.expand_into(e, &mut out)?;
        Ok(out)
    }

    /// `--warn-undefined-variables` (C `warn_undefined`): names make
    /// itself looks up are exempt.
    pub fn warn_undefined_var(&self, name: &[u8]) {
        const EXEMPT: &[&[u8]] = &[
            b"MAKECMDGOALS",
            b"MAKE_RESTARTS",
            b"MAKE_TERMOUT",
            b"MAKE_TERMERR",
            b"MAKEOVERRIDES",
            b".DEFAULT",
            b"-*-command-variables-*-",
            b"-*-eval-flags-*-",
            b"VPATH",
            b"GPATH",
        ];
        if self.warn_undefined && !EXEMPT.contains(&name) {
            let floc = self.reading.clone();
            let mut m = b"warning: undefined variable '".to_vec();
            m.extend_from_slice(name);
            m.push(b'\'');
            self.error(floc.as_ref(), &m);
        }
    }

    /// The value of a variable, expanded if recursive (C `reference_variable`).
    pub fn reference(&mut self, name: &[u8], out: &mut Vec<u8>) -> MResult<()> {
        if let Some(special) = self.special_variable(name) {
            out.extend_from_slice(&special);
            return Ok(());
        }
        let scope = self.scope.clone();
        let Some((set, v)) = self.vars.lookup(&scope, name) else {
            self.warn_undefined_var(name);
            return Ok(());
        };
        if v.value.is_empty() && !v.append {
            return Ok(());
        }
        if !v.recursive {
            out.extend_from_slice(&v.value);
            return Ok(());
        }
        self.expand_variable(set, name, out)
    }

    /// Expands the recursive variable `name` found in `set` (C
    /// `recursively_expand_for_file`).
    pub fn expand_variable(&mut self, set: SetId, name: &[u8], out: &mut Vec<u8>) -> MResult<()> {
        let (value, floc, append, parsed) = {
            let v = self.vars.lookup_in(set, name).expect("variable");
            (v.value.clone(), v.floc.clone(), v.append, v.parsed.clone())
        };
        let saved_expanding = self.expanding.clone();
        if floc.is_some() {
            self.expanding = floc.clone();
        }
        let set_reading = self.reading.is_none();
        if set_reading {
            self.reading = floc.clone();
        }
        let key = (set, Box::<[u8]>::from(name));
        let depth = self.expanding_vars.iter().filter(|k| **k == key).count() as u32;
        if depth > 0 {
            let allowed = self
                .vars
                .lookup_in(set, name)
                .map(|v| v.exp_count)
                .unwrap_or(0);
            if depth > allowed {
                let msg = format!(
                    "Recursive variable '{}' references itself (eventually)",
                    super::text::show(name)
                );
                let f = self.fatal_here(msg);
                self.expanding = saved_expanding;
                return Err(f);
            }
        }
        self.expanding_vars.push(key);
        let r = if append {
            let scope = self.scope.clone();
            self.append_value(name, &scope, true, out)
        } else {
            let e = match parsed {
                Some(e) => Ok(e),
                None => {
                    let e = self.parse_text(&value);
                    if let (Ok(e), Some(v)) = (&e, self.vars.get_mut(set, name)) {
                        if Arc::ptr_eq(&v.value, &value) {
                            v.parsed = Some(e.clone());
                        }
                    }
                    e
                }
            };
            e.and_then(|e| self.expand_into(&e, out))
        };
        self.expanding_vars.pop();
        if set_reading {
            self.reading = None;
        }
        self.expanding = saved_expanding;
        r
    }

    /// The value of a target-specific `+=` variable: the value it appends to
    /// from outer sets, a space, and its own (C `variable_append`).
    fn append_value(
        &mut self,
        name: &[u8],
        list: &SetList,
        local: bool,
        out: &mut Vec<u8>,
    ) -> MResult<()> {
        let Some(node) = list.0.clone() else {
            return Ok(());
        };
        let next_local = local && !node.next_is_parent;
        let found = self
            .vars
            .lookup_in(node.set, name)
            .map(|v| (v.private, v.append, v.recursive, v.value.clone()));
        match found {
            None => self.append_value(name, &node.next, next_local, out),
            Some((private, _, _, _)) if !local && private => {
                self.append_value(name, &node.next, next_local, out)
            }
            Some((_, append, recursive, value)) => {
                let start = out.len();
                if append {
                    self.append_value(name, &node.next, next_local, out)?;
                }
                if out.len() > start {
                    out.push(b' ');
                }
                if recursive {
                    let e = self.parse_text(&value)?;
                    self.expand_into(&e, out)
                } else {
                    out.extend_from_slice(&value);
                    Ok(())
                }
            }
        }
    }

    /// `$(name:pattern=replacement)`.
    pub fn subst_reference(
        &mut self,
        name: &[u8],
        pat: &[u8],
        rep: &[u8],
        out: &mut Vec<u8>,
    ) -> MResult<()> {
        let scope = self.scope.clone();
        let value = match self.vars.lookup(&scope, name) {
            None => {
                self.warn_undefined_var(name);
                return Ok(());
            }
            Some((_, v)) if v.value.is_empty() => return Ok(()),
            Some((set, v)) => {
                if v.recursive {
                    let mut buf = Vec::new();
                    self.expand_variable(set, name, &mut buf)?;
                    buf
                } else {
                    v.value.to_vec()
                }
            }
        };
        // Without a `%`, the pattern matches as a suffix: `%pat` -> `%rep`.
        let mut pattern = vec![b'%'];
        pattern.extend_from_slice(pat);
        let mut replace = vec![b'%'];
        replace.extend_from_slice(rep);
        let (p1, ppct) = find_percent(&pattern[1..]);
        let (pattern, ppct, replace, rpct) = match ppct {
            Some(pp) => {
                let (r1, rpct) = find_percent(&replace[1..]);
                (p1, Some(pp), r1, rpct)
            }
            None => (pattern, Some(0), replace, Some(0)),
        };
        patsubst_expand_pat(out, &value, &pattern, ppct, &replace, rpct);
        Ok(())
    }
}

/// `$(patsubst)` over a word list with a `%` pattern (C `patsubst_expand_pat`).
pub fn patsubst_expand_pat(
    out: &mut Vec<u8>,
    text: &[u8],
    pattern: &[u8],
    ppct: Option<usize>,
    replace: &[u8],
    rpct: Option<usize>,
) {
    let Some(_) = ppct else {
        subst_expand(out, text, pattern, replace, true);
        return;
    };
    let rep_pre = match rpct {
        Some(r) => r,
        None => replace.len(),
    };
    let rep_post = match rpct {
        Some(r) => replace.len() - r - 1,
        None => 0,
    };
    let mut doneany = false;
    let mut i = 0;
    loop {
        let s = skip_space(text, i);
        if s >= text.len() {
            break;
        }
        let e = end_of_token(text, s);
        let word = &text[s..e];
        i = e;
        let matched = patsubst_word(out, word, pattern, ppct, replace, rpct);
        let len = word.len();
        if !matched || rep_pre > 0 || (rpct.is_some() && len + rep_post > 0) {
            out.push(b' ');
            doneany = true;
        }
    }
    if doneany {
        out.pop();
    }
}

/// `$(subst)` and word-wise substitution (C `subst_expand`).
pub fn subst_expand(out: &mut Vec<u8>, text: &[u8], subst: &[u8], replace: &[u8], by_word: bool) {
    if subst.is_empty() && !by_word {
        out.extend_from_slice(text);
        out.extend_from_slice(replace);
        return;
    }
    let mut t = 0;
    loop {
        let p = if by_word && subst.is_empty() {
            end_of_token(text, skip_space(text, t))
        } else {
            match find_sub(&text[t..], subst) {
                Some(p) => t + p,
                None => {
                    out.extend_from_slice(&text[t..]);
                    return;
                }
            }
        };
        out.extend_from_slice(&text[t..p]);
        let end = p + subst.len();
        let whole = (p == 0 || is_space(text[p - 1])) && (end >= text.len() || is_space(text[end]));
        if by_word && !whole {
            out.extend_from_slice(subst);
        } else {
            out.extend_from_slice(replace);
        }
        t = end;
        if t >= text.len() {
            return;
        }
    }
}

/// First occurrence of `needle` in `hay` (C `strstr`).
pub fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}
