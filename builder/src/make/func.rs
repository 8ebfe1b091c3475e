//! Built-in functions: text, file names, conditionals, `foreach`, `let`,
//! `call`, `value`, `eval`, `origin`, `flavor`, `shell`, `file`, messages.

use super::expand::{find_sub, patsubst_expand_pat, subst_expand};
use super::expr::{Expr, Node};
use super::instance::Make;
use super::text::{end_of_token, find_percent, is_space, skip_space, trim, words};
use super::var::Origin;
use super::MResult;

/// Identifies a built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FuncId {
    Abspath,
    Addprefix,
    Addsuffix,
    Basename,
    Dir,
    Notdir,
    Subst,
    Suffix,
    Filter,
    FilterOut,
    Findstring,
    Firstword,
    Flavor,
    Join,
    Lastword,
    Patsubst,
    Realpath,
    Shell,
    Sort,
    Strip,
    Wildcard,
    Word,
    Wordlist,
    Words,
    Origin,
    Foreach,
    Let,
    Call,
    Info,
    Error,
    Warning,
    Intcmp,
    If,
    Or,
    And,
    Value,
    Eval,
    File,
}

pub struct FuncDef {
    pub id: FuncId,
    pub name: &'static str,
    pub min_args: u32,
    /// 0 means unlimited.
    pub max_args: u32,
    /// Whether arguments are expanded before the call.
    pub expand: bool,
}

macro_rules! f {
    ($id:ident, $name:expr, $min:expr, $max:expr, $exp:expr) => {
        FuncDef {
            id: FuncId::$id,
            name: $name,
            min_args: $min,
            max_args: $max,
            expand: $exp,
        }
    };
}

/// GNU make 4.4.1's function table.
pub static FUNCTIONS: &[FuncDef] = &[
    f!(Abspath, "abspath", 0, 1, true),
    f!(Addprefix, "addprefix", 2, 2, true),
    f!(Addsuffix, "addsuffix", 2, 2, true),
    f!(Basename, "basename", 0, 1, true),
    f!(Dir, "dir", 0, 1, true),
    f!(Notdir, "notdir", 0, 1, true),
    f!(Subst, "subst", 3, 3, true),
    f!(Suffix, "suffix", 0, 1, true),
    f!(Filter, "filter", 2, 2, true),
    f!(FilterOut, "filter-out", 2, 2, true),
    f!(Findstring, "findstring", 2, 2, true),
    f!(Firstword, "firstword", 0, 1, true),
    f!(Flavor, "flavor", 0, 1, true),
    f!(Join, "join", 2, 2, true),
    f!(Lastword, "lastword", 0, 1, true),
    f!(Patsubst, "patsubst", 3, 3, true),
    f!(Realpath, "realpath", 0, 1, true),
    f!(Shell, "shell", 0, 1, true),
    f!(Sort, "sort", 0, 1, true),
    f!(Strip, "strip", 0, 1, true),
    f!(Wildcard, "wildcard", 0, 1, true),
    f!(Word, "word", 2, 2, true),
    f!(Wordlist, "wordlist", 3, 3, true),
    f!(Words, "words", 0, 1, true),
    f!(Origin, "origin", 0, 1, true),
    f!(Foreach, "foreach", 3, 3, false),
    f!(Let, "let", 3, 3, false),
    f!(Call, "call", 1, 0, true),
    f!(Info, "info", 0, 1, true),
    f!(Error, "error", 0, 1, true),
    f!(Warning, "warning", 0, 1, true),
    f!(Intcmp, "intcmp", 2, 5, false),
    f!(If, "if", 2, 3, false),
    f!(Or, "or", 1, 0, false),
    f!(And, "and", 1, 0, false),
    f!(Value, "value", 0, 1, true),
    f!(Eval, "eval", 0, 1, true),
    f!(File, "file", 1, 2, true),
];

/// The function named at the start of `s`, if the name ends at a space or the
/// end of `s` (C `lookup_function`).
pub fn lookup_function(s: &[u8]) -> Option<&'static FuncDef> {
    let n = s
        .iter()
        .take_while(|&&c| super::text::is_userfunc(c))
        .count();
    if n == 0 || (n < s.len() && !is_space(s[n])) {
        return None;
    }
    FUNCTIONS.iter().find(|f| f.name.as_bytes() == &s[..n])
}

pub fn def(id: FuncId) -> &'static FuncDef {
    FUNCTIONS.iter().find(|f| f.id == id).expect("function")
}

/// Pushes words separated by single spaces.
struct WordOut<'a> {
    out: &'a mut Vec<u8>,
    any: bool,
}

impl<'a> WordOut<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        WordOut { out, any: false }
    }
    fn push(&mut self, w: &[u8]) {
        if self.any {
            self.out.push(b' ');
        }
        self.out.extend_from_slice(w);
        self.any = true;
    }
    /// Starts a word to be written piecewise.
    fn start(&mut self) -> &mut Vec<u8> {
        if self.any {
            self.out.push(b' ');
        }
        self.any = true;
        self.out
    }
}

/// An expression with surrounding whitespace of its text removed (the C
/// functions strip the raw argument before expanding it).
fn trimmed(e: &Expr) -> Expr {
    let mut nodes = e.nodes.clone();
    if let Some(Node::Lit(s)) = nodes.first_mut() {
        let i = skip_space(s, 0);
        *s = Box::from(&s[i..]);
    }
    if let Some(Node::Lit(s)) = nodes.last_mut() {
        let mut j = s.len();
        while j > 0 && is_space(s[j - 1]) {
            j -= 1;
        }
        *s = Box::from(&s[..j]);
    }
    nodes.retain(|n| !matches!(n, Node::Lit(s) if s.is_empty()));
    Expr { nodes }
}

fn show(s: &[u8]) -> String {
    super::text::show(s)
}

/// Parses a number for `word`/`wordlist` (C `parse_numeric`).
fn parse_numeric(m: &Make, s: &[u8], msg: &str) -> MResult<i64> {
    let t = trim(s);
    if t.is_empty() {
        return Err(m.fatal_here(format!("{msg}: empty value")));
    }
    let (v, used, overflow) = crate::kconfig::cnum::strtoll(t, 10);
    if overflow {
        return Err(m.fatal_here(format!("{msg}: '{}' out of range", show(s))));
    }
    if used == 0 || used < t.len() {
        return Err(m.fatal_here(format!("{msg}: '{}'", show(s))));
    }
    Ok(v)
}

/// Parses an arbitrary-size integer for `intcmp` (C `parse_textint`):
/// (sign, digits without leading zeros).
fn parse_textint<'a>(m: &Make, s: &'a [u8], msg: &str) -> MResult<(i32, &'a [u8])> {
    let mut p = skip_space(s, 0);
    if p >= s.len() {
        return Err(m.fatal_here(format!("{msg}: empty value")));
    }
    let negative = s[p] == b'-';
    if negative || s[p] == b'+' {
        p += 1;
    }
    let after_sign = p;
    while p < s.len() && s[p] == b'0' {
        p += 1;
    }
    let start = p;
    while p < s.len() && s[p].is_ascii_digit() {
        p += 1;
    }
    let digits = &s[start..p];
    let nonzero = !digits.is_empty() as i32;
    let sign = if negative { -nonzero } else { nonzero };
    if p == after_sign || skip_space(s, p) < s.len() {
        return Err(m.fatal_here(format!("{msg}: '{}'", show(s))));
    }
    Ok((sign, digits))
}

/// C `abspath` against `cwd`.
pub fn abspath(cwd: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    if name.is_empty() {
        return None;
    }
    let mut out: Vec<u8>;
    let rest: &[u8];
    if name[0] == b'/' {
        out = b"/".to_vec();
        rest = &name[1..];
    } else {
        out = cwd.to_vec();
        rest = name;
    }
    let root_len = 1;
    for comp in rest.split(|&c| c == b'/') {
        if comp.is_empty() || comp == b"." {
            continue;
        }
        if comp == b".." {
            if out.len() > root_len {
                while out.len() > root_len && out[out.len() - 1] != b'/' {
                    out.pop();
                }
                if out.len() > root_len {
                    out.pop();
                }
            }
            continue;
        }
        if out.last() != Some(&b'/') {
            out.push(b'/');
        }
        out.extend_from_slice(comp);
    }
    if out.len() > root_len && out.last() == Some(&b'/') {
        out.pop();
    }
    Some(out)
}

impl Make {
    /// Runs a function call.
    pub fn call_function(
        &mut self,
        f: FuncId,
        args: &[Expr],
        open: u8,
        out: &mut Vec<u8>,
    ) -> MResult<()> {
        let d = def(f);
        let n = args.len() as u32;
        if n < d.min_args {
            let close = if open == b'(' { ')' } else { '}' };
            let _ = close;
            return Err(self.fatal_here(format!(
                "insufficient number of arguments ({}) to function '{}'",
                n, d.name
            )));
        }
        if !d.expand {
            return self.lazy_function(f, args, out);
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.expand_expr(a)?);
        }
        // A single empty argument counts as none for unary functions.
        self.eager_function(f, &vals, out)
    }

    fn lazy_function(&mut self, f: FuncId, args: &[Expr], out: &mut Vec<u8>) -> MResult<()> {
        match f {
            FuncId::If => {
                let cond = trimmed(&args[0]);
                let truth = !cond.nodes.is_empty() && !self.expand_expr(&cond)?.is_empty();
                let pick = if truth { 1 } else { 2 };
                if let Some(a) = args.get(pick) {
                    self.expand_into(a, out)?;
                }
                Ok(())
            }
            FuncId::Or => {
                for a in args {
                    let c = trimmed(a);
                    if c.nodes.is_empty() {
                        continue;
                    }
                    let v = self.expand_expr(&c)?;
                    if !v.is_empty() {
                        out.extend_from_slice(&v);
                        break;
                    }
                }
                Ok(())
            }
            FuncId::And => {
                for (i, a) in args.iter().enumerate() {
                    let c = trimmed(a);
                    if c.nodes.is_empty() {
                        return Ok(());
                    }
                    let v = self.expand_expr(&c)?;
                    if v.is_empty() {
                        break;
                    }
                    if i + 1 == args.len() {
                        out.extend_from_slice(&v);
                    }
                }
                Ok(())
            }
            FuncId::Foreach => {
                let name = self.expand_expr(&args[0])?;
                let list = self.expand_expr(&args[1])?;
                let s = skip_space(&name, 0);
                let name = name[s..end_of_token(&name, s)].to_vec();
                let set = self.vars.new_set();
                let saved = self.scope.clone();
                self.scope = saved.push(set, false);
                self.vars
                    .define(set, &name, b"", Origin::Automatic, false, None);
                let mut r = Ok(());
                let mut w = WordOut::new(out);
                for word in words(&list) {
                    self.vars
                        .define(set, &name, word, Origin::Automatic, false, None);
                    match self.expand_expr(&args[2]) {
                        Ok(v) => w.push(&v),
                        Err(e) => {
                            r = Err(e);
                            break;
                        }
                    }
                }
                self.scope = saved;
                self.vars.free_set(set);
                r
            }
            FuncId::Let => {
                let names = self.expand_expr(&args[0])?;
                let list = self.expand_expr(&args[1])?;
                let set = self.vars.new_set();
                let saved = self.scope.clone();
                self.scope = saved.push(set, false);
                let names: Vec<&[u8]> = words(&names).collect();
                let mut rest = &list[..];
                for (i, nm) in names.iter().enumerate() {
                    if i + 1 == names.len() {
                        let s = skip_space(rest, 0);
                        self.vars
                            .define(set, nm, &rest[s..], Origin::Automatic, false, None);
                    } else {
                        let s = skip_space(rest, 0);
                        let e = end_of_token(rest, s);
                        self.vars
                            .define(set, nm, &rest[s..e], Origin::Automatic, false, None);
                        rest = if e < rest.len() {
                            &rest[e + 1..]
                        } else {
                            &rest[e..]
                        };
                    }
                }
                let r = self.expand_into(&args[2], out);
                self.scope = saved;
                self.vars.free_set(set);
                r
            }
            FuncId::Intcmp => {
                let l = self.expand_expr(&args[0])?;
                let r = self.expand_expr(&args[1])?;
                let (ls, ln) =
                    parse_textint(self, &l, "non-numeric first argument to 'intcmp' function")?;
                let (rs, rn) =
                    parse_textint(self, &r, "non-numeric second argument to 'intcmp' function")?;
                let mut cmp = ls - rs;
                if cmp == 0 {
                    cmp = match ln.len().cmp(&rn.len()) {
                        std::cmp::Ordering::Greater => 1,
                        std::cmp::Ordering::Less => -1,
                        std::cmp::Ordering::Equal => match ln.cmp(rn) {
                            std::cmp::Ordering::Greater => 1,
                            std::cmp::Ordering::Less => -1,
                            std::cmp::Ordering::Equal => 0,
                        },
                    };
                    // GNU make 4.4.1 compares magnitudes even for two
                    // negative numbers (so -5 > -3); kept for compatibility.
                }
                let rest = &args[2..];
                if rest.is_empty() {
                    if cmp == 0 {
                        if ls < 0 {
                            out.push(b'-');
                        }
                        if ln.is_empty() {
                            out.push(b'0');
                        } else {
                            out.extend_from_slice(ln);
                        }
                    }
                    return Ok(());
                }
                let mut idx = 0;
                if cmp >= 0 {
                    idx = 1;
                    if cmp > 0 && rest.len() > 2 {
                        idx = 2;
                    }
                }
                if let Some(a) = rest.get(idx) {
                    self.expand_into(a, out)?;
                }
                Ok(())
            }
            _ => unreachable!("not a lazy function"),
        }
    }

    fn eager_function(&mut self, f: FuncId, a: &[Vec<u8>], out: &mut Vec<u8>) -> MResult<()> {
        let arg0: &[u8] = a.first().map(|v| v.as_slice()).unwrap_or(b"");
        match f {
            FuncId::Subst => subst_expand(out, &a[2], &a[0], &a[1], false),
            FuncId::Patsubst => {
                let (pat, ppct) = find_percent(&a[0]);
                let (rep, rpct) = find_percent(&a[1]);
                patsubst_expand_pat(out, &a[2], &pat, ppct, &rep, rpct);
            }
            FuncId::Strip => {
                let mut w = WordOut::new(out);
                for word in words(arg0) {
                    w.push(word);
                }
            }
            FuncId::Findstring => {
                if find_sub(&a[1], &a[0]).is_some() {
                    out.extend_from_slice(&a[0]);
                }
            }
            FuncId::Filter | FuncId::FilterOut => {
                let is_filter = f == FuncId::Filter;
                let pats: Vec<(Vec<u8>, Option<usize>)> = words(&a[0]).map(find_percent).collect();
                let mut w = WordOut::new(out);
                for word in words(&a[1]) {
                    let m = pats
                        .iter()
                        .any(|(p, pc)| super::text::pattern_match(p, *pc, word).is_some());
                    if m == is_filter {
                        w.push(word);
                    }
                }
            }
            FuncId::Sort => {
                let mut v: Vec<&[u8]> = words(arg0).collect();
                v.sort();
                v.dedup();
                let mut w = WordOut::new(out);
                for word in v {
                    w.push(word);
                }
            }
            FuncId::Word => {
                let n = parse_numeric(self, &a[0], "invalid first argument to 'word' function")?;
                if n < 1 {
                    return Err(
                        self.fatal_here("first argument to 'word' function must be greater than 0")
                    );
                }
                if let Some(word) = words(&a[1]).nth(n as usize - 1) {
                    out.extend_from_slice(word);
                }
            }
            FuncId::Wordlist => {
                let bad1 = "invalid first argument to 'wordlist' function";
                let bad2 = "invalid second argument to 'wordlist' function";
                let start = parse_numeric(self, &a[0], bad1)?;
                if start < 1 {
                    return Err(self.fatal_here(format!("{bad1}: '{start}'")));
                }
                let stop = parse_numeric(self, &a[1], bad2)?;
                if stop < 0 {
                    return Err(self.fatal_here(format!("{bad2}: '{stop}'")));
                }
                let count = stop - start + 1;
                if count > 0 {
                    let text = &a[2];
                    let mut i = 0;
                    let mut first: Option<usize> = None;
                    let mut k = 0;
                    loop {
                        let s = skip_space(text, i);
                        if s >= text.len() {
                            break;
                        }
                        let e = end_of_token(text, s);
                        k += 1;
                        if k == start {
                            first = Some(s);
                        }
                        i = e;
                        if first.is_some() && k == start + count - 1 {
                            break;
                        }
                    }
                    if let Some(s) = first {
                        out.extend_from_slice(&text[s..i]);
                    }
                }
            }
            FuncId::Words => out.extend_from_slice(words(arg0).count().to_string().as_bytes()),
            FuncId::Firstword => {
                if let Some(w) = words(arg0).next() {
                    out.extend_from_slice(w);
                }
            }
            FuncId::Lastword => {
                if let Some(w) = words(arg0).last() {
                    out.extend_from_slice(w);
                }
            }
            FuncId::Dir | FuncId::Basename => {
                let is_dir = f == FuncId::Dir;
                let mut w = WordOut::new(out);
                for word in words(arg0) {
                    let stop = word
                        .iter()
                        .rposition(|&c| c == b'/' || (!is_dir && c == b'.'));
                    let o = w.start();
                    match stop {
                        Some(p) if is_dir => o.extend_from_slice(&word[..=p]),
                        Some(p) if word[p] == b'.' => o.extend_from_slice(&word[..p]),
                        _ if is_dir => o.extend_from_slice(b"./"),
                        _ => o.extend_from_slice(word),
                    }
                }
            }
            FuncId::Notdir | FuncId::Suffix => {
                let is_suffix = f == FuncId::Suffix;
                let mut w = WordOut::new(out);
                for word in words(arg0) {
                    let stop = word
                        .iter()
                        .rposition(|&c| c == b'/' || (is_suffix && c == b'.'));
                    match stop {
                        Some(p) if !is_suffix => w.push(&word[p + 1..]),
                        Some(p) if word[p] == b'.' => w.push(&word[p..]),
                        Some(_) => {}
                        None if !is_suffix => w.push(word),
                        None => {}
                    }
                }
            }
            FuncId::Addprefix | FuncId::Addsuffix => {
                let mut w = WordOut::new(out);
                for word in words(&a[1]) {
                    let o = w.start();
                    if f == FuncId::Addprefix {
                        o.extend_from_slice(&a[0]);
                        o.extend_from_slice(word);
                    } else {
                        o.extend_from_slice(word);
                        o.extend_from_slice(&a[0]);
                    }
                }
            }
            FuncId::Join => {
                let (mut l1, mut l2) = (words(&a[0]), words(&a[1]));
                let mut w = WordOut::new(out);
                loop {
                    let (x, y) = (l1.next(), l2.next());
                    if x.is_none() && y.is_none() {
                        break;
                    }
                    let o = w.start();
                    o.extend_from_slice(x.unwrap_or(b""));
                    o.extend_from_slice(y.unwrap_or(b""));
                }
            }
            FuncId::Abspath => {
                let cwd = self.cwd_bytes();
                let mut w = WordOut::new(out);
                for word in words(arg0) {
                    if let Some(p) = abspath(&cwd, word) {
                        w.push(&p);
                    }
                }
            }
            FuncId::Realpath => {
                let mut w = WordOut::new(out);
                for word in words(arg0) {
                    let p = self.resolve_path(word);
                    if let Ok(r) = std::fs::canonicalize(&p) {
                        use std::os::unix::ffi::OsStrExt;
                        w.push(r.as_os_str().as_bytes());
                    }
                }
            }
            FuncId::Wildcard => {
                let found = self.glob_words(arg0);
                let mut w = WordOut::new(out);
                for x in found {
                    w.push(&x);
                }
            }
            FuncId::Origin | FuncId::Flavor => {
                let scope = self.scope.clone();
                let text: &str = match self.vars.lookup(&scope, arg0) {
                    None => "undefined",
                    Some((_, v)) if f == FuncId::Origin => v.origin.name(),
                    Some((_, v)) => v.flavor_name(),
                };
                out.extend_from_slice(text.as_bytes());
            }
            FuncId::Value => {
                let scope = self.scope.clone();
                if let Some((_, v)) = self.vars.lookup(&scope, arg0) {
                    out.extend_from_slice(&v.value);
                }
            }
            FuncId::Info => {
                let mut m = arg0.to_vec();
                m.push(b'\n');
                self.print_out(&m);
            }
            FuncId::Warning => {
                let floc = self.reading.clone();
                self.error(floc.as_ref(), arg0);
            }
            FuncId::Error => {
                return Err(super::Fatal::new(self.reading.clone(), arg0.to_vec()));
            }
            FuncId::Shell => {
                let r = self.shell_function(arg0, true)?;
                out.extend_from_slice(&r);
            }
            FuncId::Eval => self.eval_text(arg0)?,
            FuncId::File => self.file_function(a, out)?,
            FuncId::Call => self.call(a, out)?,
            _ => return Err(self.fatal_here("internal error: not an eager function")),
        }
        Ok(())
    }

    /// `$(call name,args...)`.
    fn call(&mut self, a: &[Vec<u8>], out: &mut Vec<u8>) -> MResult<()> {
        let s = skip_space(&a[0], 0);
        let fname = a[0][s..end_of_token(&a[0], s)].to_vec();
        if fname.is_empty() {
            return Ok(());
        }
        if let Some(d) = lookup_function(&fname) {
            // A built-in called through `call`: its arguments were expanded
            // once already; functions that expand their own get them again.
            if (a.len() as u32 - 1) < d.min_args {
                return Err(self.fatal_here(format!(
                    "insufficient number of arguments ({}) to function '{}'",
                    a.len() - 1,
                    d.name
                )));
            }
            if a.len() == 1 {
                return Ok(());
            }
            if d.expand {
                return self.eager_function(d.id, &a[1..], out);
            }
            let mut args = Vec::new();
            for v in &a[1..] {
                args.push(self.parse_text(v)?.as_ref().clone());
            }
            return self.lazy_function(d.id, &args, out);
        }
        let scope = self.scope.clone();
        let found = self
            .vars
            .lookup(&scope, &fname)
            .map(|(set, v)| (set, v.value.is_empty()));
        let Some((vset, empty)) = found else {
            self.warn_undefined_var(&fname);
            return Ok(());
        };
        if empty {
            return Ok(());
        }
        let set = self.vars.new_set();
        let saved = self.scope.clone();
        self.scope = saved.push(set, false);
        let mut i = 0u32;
        for v in a.iter() {
            let name = if i == 0 { fname.clone() } else { v.clone() };
            self.vars.define(
                set,
                i.to_string().as_bytes(),
                if i == 0 { &name } else { v },
                Origin::Automatic,
                false,
                None,
            );
            i += 1;
        }
        while i < self.call_max_args {
            self.vars.define(
                set,
                i.to_string().as_bytes(),
                b"",
                Origin::Automatic,
                false,
                None,
            );
            i += 1;
        }
        let saved_max = self.call_max_args;
        self.call_max_args = i;
        if let Some(v) = self.vars.get_mut(vset, &fname) {
            v.exp_count = u32::MAX;
        }
        let r = self.reference(&fname, out);
        if let Some(v) = self.vars.get_mut(vset, &fname) {
            v.exp_count = 0;
        }
        self.call_max_args = saved_max;
        self.scope = saved;
        self.vars.free_set(set);
        r
    }

    /// `$(file op filename[,text])`.
    fn file_function(&mut self, a: &[Vec<u8>], out: &mut Vec<u8>) -> MResult<()> {
        let fname = &a[0];
        if let Some(rest) = fname.strip_prefix(b">") {
            let (append, rest) = match rest.strip_prefix(b">") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let s = skip_space(rest, 0);
            if s >= rest.len() {
                return Err(self.fatal_here("file: missing filename"));
            }
            let name = &rest[s..end_of_token(rest, s)];
            let path = self.resolve_path(name);
            let mut data = Vec::new();
            if let Some(text) = a.get(1) {
                data.extend_from_slice(text);
                if text.is_empty() || text.last() != Some(&b'\n') {
                    data.push(b'\n');
                }
            }
            use std::io::Write;
            let r = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(append)
                .truncate(!append)
                .open(&path);
            let mut fh = r.map_err(|e| {
                super::Fatal::new(
                    self.reading.clone(),
                    format!("open: {}: {}", show(name), errno_text(&e)),
                )
            })?;
            fh.write_all(&data).map_err(|e| {
                super::Fatal::new(
                    self.reading.clone(),
                    format!("write: {}: {}", show(name), errno_text(&e)),
                )
            })?;
            self.note_directory_changed();
        } else if let Some(rest) = fname.strip_prefix(b"<") {
            let s = skip_space(rest, 0);
            if s >= rest.len() {
                return Err(self.fatal_here("file: missing filename"));
            }
            if a.len() > 1 {
                return Err(self.fatal_here("file: too many arguments"));
            }
            let name = &rest[s..end_of_token(rest, s)];
            if let Some(o) = &self.shared.observer {
                o.note_path(&self.resolve_path(name));
            }
            let read = std::fs::File::open(self.resolve_path(name))
                .map_err(|e| ("open", e))
                .and_then(|mut fh| {
                    use std::io::Read;
                    let mut data = Vec::new();
                    fh.read_to_end(&mut data)
                        .map(|_| data)
                        .map_err(|e| ("read", e))
                });
            match read {
                Ok(mut data) => {
                    if data.last() == Some(&b'\n') {
                        data.pop();
                        if data.len() > 1 && data.last() == Some(&b'\r') {
                            data.pop();
                        }
                    }
                    out.extend_from_slice(&data);
                }
                Err(("open", e)) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err((what, e)) => {
                    return Err(super::Fatal::new(
                        self.reading.clone(),
                        format!("{what}: {}: {}", show(name), errno_text(&e)),
                    ))
                }
            }
        } else {
            return Err(self.fatal_here(format!("file: invalid file operation: {}", show(fname))));
        }
        Ok(())
    }
}

/// The C `strerror` text of an I/O error.
pub fn errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let s = e.to_string();
            // Rust formats as "<text> (os error N)".
            match s.rfind(" (os error ") {
                Some(i) if s.ends_with(&format!("(os error {code})")) => s[..i].to_string(),
                _ => s,
            }
        }
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abspath_rules() {
        assert_eq!(abspath(b"/a/b", b"../c/./d/"), Some(b"/a/c/d".to_vec()));
        assert_eq!(abspath(b"/a", b"/../x"), Some(b"/x".to_vec()));
        assert_eq!(abspath(b"/a", b"."), Some(b"/a".to_vec()));
        assert_eq!(abspath(b"/", b".."), Some(b"/".to_vec()));
    }

    #[test]
    fn function_names_need_a_space() {
        assert!(lookup_function(b"info hello").is_some());
        assert!(lookup_function(b"info").is_some());
        assert!(lookup_function(b"info)").is_none());
        assert!(lookup_function(b"filter-out a,b").is_some());
    }
}
