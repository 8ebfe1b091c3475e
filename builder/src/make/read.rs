//! Reading makefiles (C `read.c`): logical lines, conditionals, variable
//! assignments and `define`, `include`, `vpath`, `export`, and rule lines with
//! their recipes, target-specific variables and static patterns.
//!
//! The line structure of each makefile is cached process-wide (kbuild reads
//! the same few makefiles hundreds of times); evaluation is GNU make's, line by
//! line, since what a line means can depend on everything before it.

use std::path::PathBuf;
use std::sync::Arc;

use super::file::FileId;
use super::instance::Make;
use super::text::{
    collapse_continuations, end_of_token, find_char_unquote, find_map_unquote, is_blank, is_space,
    remove_comments, skip_space, unescape_char, StopSet,
};
use super::var::{AssignOp, Export, Origin, SetId};
use super::{Fatal, Floc, MResult};

/// One logical line: physical lines joined by backslash-newline (kept).
#[derive(Debug, Clone)]
pub struct LogicalLine {
    pub text: Box<[u8]>,
    /// Physical lines it spans (0 for `$(eval)` text, as make counts).
    pub nlines: u32,
}

/// A makefile split into logical lines, shared between make instances.
#[derive(Debug)]
pub struct LineBuf {
    pub lines: Vec<LogicalLine>,
    /// A NUL byte was seen on these lines (make warns).
    pub nul_lines: Vec<u32>,
}

/// Splits a file's bytes like C `readline`: CRLF endings lose the CR,
/// backslash-newline keeps lines together.
pub fn split_file(data: &[u8]) -> LineBuf {
    let mut lines = Vec::new();
    let mut nul_lines = Vec::new();
    let mut i = 0;
    let mut lineno = 1u32;
    while i < data.len() {
        let mut text: Vec<u8> = Vec::new();
        let mut n = 0u32;
        loop {
            let end = data[i..].iter().position(|&c| c == b'\n').map(|p| p + i);
            let (seg, next, had_nl) = match end {
                Some(e) => (&data[i..e], e + 1, true),
                None => (&data[i..], data.len(), false),
            };
            let mut seg = seg;
            if let Some(z) = seg.iter().position(|&c| c == 0) {
                nul_lines.push(lineno + n);
                seg = &seg[..z];
            }
            text.extend_from_slice(seg);
            i = next;
            n += 1;
            if !had_nl {
                break;
            }
            if text.last() == Some(&b'\r') {
                text.pop();
            }
            let bs = text.iter().rev().take_while(|&&c| c == b'\\').count();
            if bs % 2 == 0 {
                break;
            }
            text.push(b'\n');
            if i >= data.len() {
                // A continuation on the last line joins an empty line.
                break;
            }
        }
        lines.push(LogicalLine {
            text: text.into_boxed_slice(),
            nlines: n,
        });
        lineno += n;
    }
    LineBuf { lines, nul_lines }
}

/// Splits `$(eval)` text like C `readstring`: lines do not advance the line
/// number.
pub fn split_string(data: &[u8]) -> LineBuf {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= data.len() {
        if i == data.len() {
            lines.push(LogicalLine {
                text: Box::from(&data[start..]),
                nlines: 0,
            });
            break;
        }
        if data[i] == b'\n' {
            let bs = data[start..i]
                .iter()
                .rev()
                .take_while(|&&c| c == b'\\')
                .count();
            if bs % 2 == 0 {
                lines.push(LogicalLine {
                    text: Box::from(&data[start..i]),
                    nlines: 0,
                });
                start = i + 1;
            }
        }
        i += 1;
    }
    LineBuf {
        lines,
        nul_lines: Vec::new(),
    }
}

/// A buffer being evaluated.
struct Ebuf {
    buf: Arc<LineBuf>,
    idx: usize,
    floc: Floc,
}

impl Ebuf {
    /// Next logical line and the number of physical lines it took.
    fn readline(&mut self) -> Option<(Box<[u8]>, u32)> {
        let l = self.buf.lines.get(self.idx)?;
        self.idx += 1;
        Some((l.text.clone(), l.nlines))
    }
}

/// Conditional state of one buffer (C `struct conditionals`).
#[derive(Default, Clone, Debug)]
pub struct Conditionals {
    /// 0: interpreting, 1: not yet, 2: done (an earlier branch ran).
    pub ignoring: Vec<u8>,
    pub seen_else: Vec<bool>,
}

/// Modifiers in front of an assignment (C `struct vmodifiers`).
#[derive(Default, Clone, Copy)]
pub struct VMods {
    pub assign: bool,
    pub define: bool,
    pub undefine: bool,
    pub override_: bool,
    pub private: bool,
    pub export: Option<Export>,
}

/// An assignment found in a line (C `parse_variable_definition`).
pub struct VarDef<'a> {
    pub name: &'a [u8],
    pub op: AssignOp,
    pub value: &'a [u8],
}

/// Recognises `name op value` (C `parse_variable_definition`); `None` if the
/// line is not an assignment.
pub fn parse_variable_definition(s: &[u8]) -> Option<VarDef<'_>> {
    let mut p = skip_blank_space(s, 0);
    let name_start = p;
    let mut end: Option<usize> = None;
    let op;
    loop {
        let c = *s.get(p)?;
        p += 1;
        if c == b'#' {
            return None;
        }
        if is_blank(c) {
            if end.is_some() {
                return None;
            }
            end = Some(p - 1);
            p = skip_blank_space(s, p);
            continue;
        }
        if c == b'=' {
            end.get_or_insert(p - 1);
            op = AssignOp::Recursive;
            break;
        }
        if c == b':' {
            end.get_or_insert(p - 1);
            match s.get(p) {
                Some(b'=') => {
                    p += 1;
                    op = AssignOp::Simple;
                    break;
                }
                Some(b':') => {
                    p += 1;
                    match s.get(p) {
                        Some(b'=') => {
                            p += 1;
                            op = AssignOp::Simple;
                            break;
                        }
                        Some(b':') if s.get(p + 1) == Some(&b'=') => {
                            p += 2;
                            op = AssignOp::Expand;
                            break;
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        if s.get(p) == Some(&b'=') {
            let o = match c {
                b'+' => Some(AssignOp::Append),
                b'?' => Some(AssignOp::Conditional),
                b'!' => Some(AssignOp::Shell),
                _ => None,
            };
            if let Some(o) = o {
                end.get_or_insert(p - 1);
                p += 1;
                op = o;
                break;
            }
        }
        if end.is_some() {
            return None;
        }
        if c == b'$' {
            let c2 = *s.get(p)?;
            p += 1;
            let close = match c2 {
                b'(' => b')',
                b'{' => b'}',
                _ => continue,
            };
            let mut count = 1;
            while p < s.len() {
                if s[p] == close {
                    count -= 1;
                    if count == 0 {
                        p += 1;
                        break;
                    }
                }
                if s[p] == c2 {
                    count += 1;
                }
                p += 1;
            }
        }
    }
    let end = end.expect("end of name");
    let value = &s[skip_space(s, p)..];
    Some(VarDef {
        name: &s[name_start..end],
        op,
        value,
    })
}

/// `NEXT_TOKEN`: skips blanks and newlines.
fn skip_blank_space(s: &[u8], i: usize) -> usize {
    skip_space(s, i)
}

/// The word type of the next rule-line word (C `get_next_mword`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MWord {
    Eol,
    Static,
    Variable,
    Colon,
    DColon,
    AmpColon,
    AmpDColon,
    Semicolon,
    VarAssign,
}

fn get_next_mword(s: &[u8], from: usize) -> (MWord, usize, usize) {
    let mut p = from;
    while p < s.len() && is_space(s[p]) {
        p += 1;
    }
    let beg = p;
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let c = at(p);
    p += 1;
    let simple = match c {
        0 => Some((MWord::Eol, beg)),
        b';' => Some((MWord::Semicolon, p)),
        b'=' => Some((MWord::VarAssign, p)),
        b':' => {
            if at(p) == b'=' {
                Some((MWord::VarAssign, p + 1))
            } else if at(p) == b':' {
                if at(p + 1) == b'=' {
                    Some((MWord::VarAssign, p + 2))
                } else {
                    Some((MWord::DColon, p + 1))
                }
            } else {
                Some((MWord::Colon, p))
            }
        }
        b'&' if at(p) == b':' => {
            if at(p + 1) != b':' {
                Some((MWord::AmpColon, p + 1))
            } else {
                Some((MWord::AmpDColon, p + 2))
            }
        }
        b'+' | b'?' | b'!' if at(p) == b'=' => Some((MWord::VarAssign, p + 1)),
        _ => None,
    };
    if let Some((w, end)) = simple {
        return (w, beg, end.min(s.len()).max(beg));
    }
    let mut wtype = MWord::Static;
    let mut c = c;
    loop {
        if c == 0 || is_space(c) {
            break;
        }
        match c {
            b'=' | b':' => break,
            b'$' => {
                let c2 = at(p);
                p += 1;
                if c2 == b'$' {
                } else if c2 == 0 {
                    break;
                } else {
                    wtype = MWord::Variable;
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
            b'?' | b'+' if at(p) == b'=' => break,
            b'\\' if matches!(at(p), b':' | b';' | b'=' | b'\\') => p += 1,
            b'&' if at(p) == b':' => break,
            _ => {}
        }
        c = at(p);
        p += 1;
    }
    (wtype, beg, (p - 1).min(s.len()))
}

/// A rule being collected until the next non-recipe line.
#[derive(Default)]
struct Pending {
    filenames: Vec<Vec<u8>>,
    also_make: bool,
    pattern: Option<(Vec<u8>, usize)>,
    depstr: Option<Vec<u8>>,
    cmds_started: u32,
    commands: Vec<u8>,
    two_colon: bool,
    prefix: u8,
    tgts_started: u32,
    active: bool,
}

/// How a makefile was asked for (C `RM_*` flags).
#[derive(Clone, Copy, Default)]
pub struct ReadFlags {
    pub no_default_goal: bool,
    pub included: bool,
    pub dontcare: bool,
}

/// A makefile that was read (or not found), for remaking makefiles.
#[derive(Clone, Debug)]
pub struct ReadMakefile {
    pub file: FileId,
    pub name: Vec<u8>,
    pub dontcare: bool,
    pub included: bool,
    /// Why it could not be read (`strerror` text).
    pub error: Option<String>,
    pub floc: Option<Floc>,
}

impl Make {
    /// The absolute path of a name relative to this make's directory.
    pub fn resolve_path(&self, name: &[u8]) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        let p = std::path::Path::new(std::ffi::OsStr::from_bytes(name));
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.cwd.join(p)
        }
    }

    /// The lines of a makefile, through the shared cache.
    fn load_lines(&self, path: &std::path::Path) -> std::io::Result<Arc<LineBuf>> {
        if let Some(o) = &self.shared.observer {
            o.note_path(path);
        }
        self.shared.makefiles.load(path)
    }

    /// Reads one makefile (C `eval_makefile`).
    pub fn eval_makefile(&mut self, name: &[u8], flags: ReadFlags) -> MResult<ReadMakefile> {
        let mut filename = name.to_vec();
        let mut result = self.load_lines(&self.resolve_path(&filename));
        if let Err(e) = &result {
            if e.kind() == std::io::ErrorKind::NotFound
                && flags.included
                && !filename.starts_with(b"/")
            {
                for dir in self.include_dirs.clone() {
                    let mut cand = dir.clone();
                    cand.push(b'/');
                    cand.extend_from_slice(&filename);
                    let r = self.load_lines(&self.resolve_path(&cand));
                    match &r {
                        Ok(_) => {
                            filename = cand;
                            result = r;
                            break;
                        }
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            filename = cand;
                            result = r;
                            break;
                        }
                        _ => {}
                    }
                }
            }
        }
        let fid = match self.files.lookup(&filename) {
            Some(f) => f,
            None => self.files.enter(&filename),
        };
        let fname = self.files.get(fid).name.to_vec();
        self.files.get_mut(fid).is_explicit = true;
        let mut rm = ReadMakefile {
            file: fid,
            name: fname.clone(),
            dontcare: flags.dontcare,
            included: flags.included,
            error: None,
            floc: self.reading.clone(),
        };
        let lines = match result {
            Ok(l) => l,
            Err(e) if e.raw_os_error() == Some(libc::EISDIR) => {
                let msg = format!(
                    "{}: {}",
                    super::text::show(&fname),
                    super::func::errno_text(&e)
                );
                return Err(Fatal::new(None, msg));
            }
            Err(e) => {
                rm.error = Some(super::func::errno_text(&e));
                self.files.get_mut(fid).last_mtime = super::file::Mtime::Nonexistent;
                self.read_files.push(rm.clone());
                return Ok(rm);
            }
        };
        if self.files.get(fid).last_mtime == super::file::Mtime::Nonexistent {
            self.files.get_mut(fid).last_mtime = super::file::Mtime::Unknown;
        }
        self.read_files.push(rm.clone());
        let floc = Floc::new(&fname, 1);
        self.append_makefile_list(&fname, &floc)?;
        for &l in &lines.nul_lines {
            self.error(
                Some(&Floc::new(&fname, l)),
                b"warning: NUL character seen; rest of line ignored",
            );
        }
        let mut ebuf = Ebuf {
            buf: lines,
            idx: 0,
            floc,
        };
        let saved_reading = self.reading.take();
        let saved_cond = std::mem::take(&mut self.conditionals);
        let r = self.eval(&mut ebuf, !flags.no_default_goal);
        self.conditionals = saved_cond;
        self.reading = saved_reading;
        r?;
        Ok(rm)
    }

    fn append_makefile_list(&mut self, name: &[u8], floc: &Floc) -> MResult<()> {
        let cur = self
            .vars
            .global(b"MAKEFILE_LIST")
            .map(|v| v.value.to_vec())
            .unwrap_or_default();
        let mut v = cur;
        if !v.is_empty() {
            v.push(b' ');
        }
        v.extend_from_slice(name);
        let recursive = self
            .vars
            .global(b"MAKEFILE_LIST")
            .is_some_and(|v| v.recursive);
        self.vars.define(
            SetId::GLOBAL,
            b"MAKEFILE_LIST",
            &v,
            Origin::File,
            recursive,
            Some(floc.clone()),
        );
        Ok(())
    }

    /// `$(eval text)` (C `eval_buffer`).
    pub fn eval_text(&mut self, text: &[u8]) -> MResult<()> {
        let floc = self.reading.clone().unwrap_or(Floc {
            file: Arc::from(&b""[..]),
            line: 1,
        });
        let mut ebuf = Ebuf {
            buf: Arc::new(split_string(text)),
            idx: 0,
            floc,
        };
        let saved_reading = self.reading.clone();
        let saved_c = std::mem::take(&mut self.conditionals);
        let r = self.eval(&mut ebuf, true);
        self.conditionals = saved_c;
        self.reading = saved_reading;
        r
    }

    fn floc_or_none(&self, f: &Floc) -> Option<Floc> {
        if f.file.is_empty() {
            None
        } else {
            Some(f.clone())
        }
    }

    /// The evaluation loop (C `eval`).
    fn eval(&mut self, ebuf: &mut Ebuf, set_default: bool) -> MResult<()> {
        let mut pend = Pending {
            cmds_started: 1,
            tgts_started: 1,
            prefix: self.cmd_prefix,
            ..Default::default()
        };
        let mut ignoring = false;
        let mut in_ignored_define = false;
        let mut no_targets = false;
        let mut nlines = 0u32;
        loop {
            ebuf.floc.line += nlines;
            let Some((raw, n)) = ebuf.readline() else {
                break;
            };
            nlines = n;
            self.reading = self.floc_or_none(&ebuf.floc);
            let mut line: &[u8] = &raw;
            if ebuf.floc.line == 1 && line.starts_with(&[0xEF, 0xBB, 0xBF]) {
                line = &line[3..];
            }
            if line.is_empty() {
                continue;
            }
            if line[0] == self.cmd_prefix {
                if no_targets {
                    continue;
                }
                if pend.active {
                    if ignoring {
                        continue;
                    }
                    if pend.commands.is_empty() {
                        pend.cmds_started = ebuf.floc.line;
                    }
                    pend.commands.extend_from_slice(&line[1..]);
                    pend.commands.push(b'\n');
                    continue;
                }
            }
            let mut collapsed = line.to_vec();
            collapse_continuations(&mut collapsed);
            remove_comments(&mut collapsed);
            let p0 = skip_space(&collapsed, 0);
            let (vmod, p) = parse_var_assignment(&collapsed, p0, false);
            if vmod.assign {
                if ignoring {
                    if vmod.define {
                        in_ignored_define = true;
                    }
                    continue;
                }
                self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
                let origin = if vmod.override_ {
                    Origin::Override
                } else {
                    Origin::File
                };
                let rest = collapsed[p..].to_vec();
                if vmod.undefine {
                    self.do_undefine(&rest, origin, &ebuf.floc)?;
                    continue;
                }
                let vname = if vmod.define {
                    self.do_define(&rest, origin, ebuf)?
                } else {
                    let floc = ebuf.floc.clone();
                    match self.try_variable_definition(Some(&floc), &rest, origin, None)? {
                        Some(n) => n,
                        None => continue,
                    }
                };
                if let Some(v) = self.vars.get_mut(SetId::GLOBAL, &vname) {
                    if let Some(e) = vmod.export {
                        v.export = e;
                    }
                    if vmod.private {
                        v.private = true;
                    }
                }
                continue;
            }
            if p >= collapsed.len() {
                continue;
            }
            let w_end = end_of_token(&collapsed, p);
            let word = collapsed[p..w_end].to_vec();
            let p2 = skip_space(&collapsed, w_end);
            if in_ignored_define {
                if word == b"endef" && (p2 >= collapsed.len() || collapsed[p2] == b'#') {
                    in_ignored_define = false;
                }
                continue;
            }
            let floc = ebuf.floc.clone();
            if let Some(i) = self.conditional_line(&collapsed[p..], word.len(), &floc)? {
                ignoring = i;
                continue;
            }
            if ignoring {
                continue;
            }
            let rest = collapsed[p2..].to_vec();
            if word == b"export" || word == b"unexport" {
                let exporting = word == b"export";
                self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
                if rest.is_empty() {
                    self.export_all = exporting;
                } else {
                    let names = self.expand_str(&rest)?;
                    for n in super::text::words(&names) {
                        if self.vars.global(n).is_none() {
                            self.vars.define(
                                SetId::GLOBAL,
                                n,
                                b"",
                                Origin::File,
                                false,
                                Some(floc.clone()),
                            );
                        }
                        if let Some(v) = self.vars.get_mut(SetId::GLOBAL, n) {
                            v.export = if exporting {
                                Export::Export
                            } else {
                                Export::NoExport
                            };
                        }
                    }
                }
                continue;
            }
            if word == b"vpath" {
                self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
                let v = self.expand_str(&rest)?;
                let mut it = super::text::words(&v);
                let pat = it.next().map(|x| x.to_vec());
                let dirs = it.next().map(|_| {
                    let s = skip_space(&v, 0);
                    let e = end_of_token(&v, s);
                    v[skip_space(&v, e)..].to_vec()
                });
                self.set_vpath(pat, dirs);
                continue;
            }
            if word == b"include" || word == b"-include" || word == b"sinclude" {
                let noerror = word[0] != b'i';
                self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
                let names = self.expand_str(&rest)?;
                if names.is_empty() {
                    continue;
                }
                let files = self.parse_file_seq(
                    &names,
                    ParseFs {
                        noar: true,
                        ..Default::default()
                    },
                );
                let saved_cond = std::mem::take(&mut self.conditionals);
                let saved_reading = self.reading.clone();
                for f in files {
                    let flags = ReadFlags {
                        no_default_goal: !set_default,
                        included: true,
                        dontcare: noerror,
                    };
                    let r = self.eval_makefile(&f, flags);
                    self.reading = saved_reading.clone();
                    if let Err(e) = r {
                        self.conditionals = saved_cond;
                        return Err(e);
                    }
                    if let Some(last) = self.read_files.last_mut() {
                        last.floc = Some(floc.clone());
                    }
                }
                self.conditionals = saved_cond;
                continue;
            }
            if word == b"load" || word == b"-load" {
                self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
                let names = self.expand_str(&rest)?;
                if names.is_empty() || word[0] == b'-' {
                    continue;
                }
                let first = super::text::words(&names).next().unwrap_or(b"").to_vec();
                return Err(Fatal::new(
                    Some(floc),
                    format!("{}: failed to load", super::text::show(&first)),
                ));
            }
            if line[0] == self.cmd_prefix {
                return Err(Fatal::new(
                    Some(floc),
                    "recipe commences before first target",
                ));
            }
            // A rule line.
            self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
            pend.tgts_started = ebuf.floc.line;
            if let Some(nt) = self.rule_line(line, &ebuf.floc, set_default, &mut pend)? {
                no_targets = nt;
            }
        }
        if !self.conditionals.ignoring.is_empty() {
            return Err(Fatal::new(Some(ebuf.floc.clone()), "missing 'endif'"));
        }
        self.record_waiting_files(&mut pend, &ebuf.floc, &mut no_targets)?;
        Ok(())
    }

    /// Parses a rule line; `Some(no_targets)` when the line was consumed.
    fn rule_line(
        &mut self,
        line: &[u8],
        floc: &Floc,
        set_default: bool,
        pend: &mut Pending,
    ) -> MResult<Option<bool>> {
        let mut line = line.to_vec();
        // An unquoted `;` not after a `#` starts the recipe.
        let stop = StopSet {
            semi: true,
            comment: true,
            variable: true,
            ..StopSet::NONE
        };
        let mut cmdleft: Option<Vec<u8>> = None;
        let mut semip: Option<Vec<u8>> = None;
        if let Some(i) = find_map_unquote(&mut line, 0, stop) {
            if line[i] == b'#' {
                line.truncate(i);
            } else {
                semip = Some(line[i..].to_vec());
                cmdleft = Some(line[i + 1..].to_vec());
                line.truncate(i);
            }
        }
        collapse_continuations(&mut line);
        let (mut wtype, wbeg, wend) = get_next_mword(&line, 0);
        match wtype {
            MWord::Eol => {
                if cmdleft.is_some() {
                    return Err(Fatal::new(Some(floc.clone()), "missing rule before recipe"));
                }
                return Ok(Some(false));
            }
            MWord::Colon | MWord::DColon | MWord::AmpColon | MWord::AmpDColon => {
                return Ok(Some(true))
            }
            _ => {}
        }
        let mut lb_next = wbeg;
        let mut wlen = wend - wbeg;
        let mut p2 = self.expand_str(&line[lb_next..lb_next + wlen])?;
        let colonp;
        // Only the text appended last is searched (escaped characters in
        // earlier words have been unescaped already).
        let mut seg = 0;
        loop {
            lb_next += wlen;
            if cmdleft.is_none() {
                if let Some(i) = find_char_unquote(&mut p2, seg, b';') {
                    let rest = self.expand_str(&line[lb_next..])?;
                    p2.extend_from_slice(&rest);
                    lb_next = line.len();
                    cmdleft = Some(p2[i + 1..].to_vec());
                    p2.truncate(i);
                }
            }
            if let Some(mut c) = find_char_unquote(&mut p2, seg, b':') {
                if c > 0 && p2[c - 1] == b'&' {
                    c -= 1;
                }
                colonp = Some(c);
                break;
            }
            let (wt, b, e) = get_next_mword(&line, lb_next);
            wtype = wt;
            if wtype == MWord::Eol {
                colonp = None;
                break;
            }
            p2.push(b' ');
            seg = p2.len();
            let ex = self.expand_str(&line[b..e])?;
            p2.extend_from_slice(&ex);
            lb_next = b;
            wlen = e - b;
        }
        let Some(colonp) = colonp else {
            let t = skip_space(&p2, 0);
            if t >= p2.len() {
                return Ok(Some(false));
            }
            if self.cmd_prefix == b'\t' && line.starts_with(b"        ") {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    "missing separator (did you mean TAB instead of 8 spaces?)",
                ));
            }
            let l = &line[skip_space(&line, 0)..];
            if l.starts_with(b"if")
                && ((l[2..].starts_with(b"neq") && !l.get(5).is_some_and(|&c| is_blank(c)))
                    || (l[2..].starts_with(b"eq") && !l.get(4).is_some_and(|&c| is_blank(c))))
            {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    "missing separator (ifeq/ifneq must be followed by whitespace)",
                ));
            }
            return Err(Fatal::new(Some(floc.clone()), "missing separator"));
        };
        let also_make = p2[colonp] == b'&';
        let targets_text = p2[..colonp].to_vec();
        let filenames = self.parse_file_seq(&targets_text, ParseFs::default());
        if filenames.is_empty() {
            return Ok(Some(true));
        }
        let mut p = colonp + if also_make { 1 } else { 0 } + 1;
        let two_colon = p2.get(p) == Some(&b':');
        if two_colon {
            p += 1;
        }
        // A target-specific variable?
        let mut after: Vec<u8> = p2[p..].to_vec();
        let unexpanded_rest = line[lb_next..].to_vec();
        let plen = after.len();
        after.extend_from_slice(&unexpanded_rest);
        let s0 = skip_space(&after, 0);
        let (vmod, vp) = parse_var_assignment(&after, s0, true);
        if vmod.assign {
            let mut defn = after[vp..].to_vec();
            if let Some(semi) = semip {
                let mut s = semi;
                collapse_continuations(&mut s);
                defn.extend_from_slice(&s);
            }
            self.record_target_var(
                filenames,
                &defn,
                if vmod.override_ {
                    Origin::Override
                } else {
                    Origin::File
                },
                vmod,
                floc,
            )?;
            return Ok(Some(false));
        }
        // A normal rule: unquote `=` in the prerequisites and expand them.
        let mut rest_raw = unexpanded_rest;
        let _ = find_char_unquote(&mut rest_raw, 0, b'=');
        let mut deps_text: Vec<u8> = p2[p..].to_vec();
        let _ = plen;
        if !rest_raw.is_empty() {
            let ex = self.expand_str(&rest_raw)?;
            deps_text.extend_from_slice(&ex);
            if cmdleft.is_none() {
                if let Some(i) = find_char_unquote(&mut deps_text, 0, b';') {
                    cmdleft = Some(deps_text[i + 1..].to_vec());
                    deps_text.truncate(i);
                }
            }
        }
        // A static pattern rule: `targets: target-pattern: prereq-patterns`.
        let mut colon2: Option<usize> = deps_text.iter().position(|&c| c == b':');
        while let Some(c) = colon2 {
            if c > 0 && deps_text[c - 1] == b'\\' {
                let bs = deps_text[..c]
                    .iter()
                    .rev()
                    .take_while(|&&x| x == b'\\')
                    .count();
                if bs % 2 == 1 {
                    colon2 = deps_text[c + 1..]
                        .iter()
                        .position(|&x| x == b':')
                        .map(|x| x + c + 1);
                    continue;
                }
            }
            break;
        }
        let mut pattern: Option<(Vec<u8>, usize)> = None;
        if let Some(c) = colon2 {
            let pats = self.parse_file_seq(
                &deps_text[..c],
                ParseFs {
                    noglob: true,
                    ..Default::default()
                },
            );
            deps_text = deps_text[c + 1..].to_vec();
            if pats.is_empty() {
                return Err(Fatal::new(Some(floc.clone()), "missing target pattern"));
            }
            if pats.len() > 1 {
                return Err(Fatal::new(Some(floc.clone()), "multiple target patterns"));
            }
            let (pat, pct) = super::text::find_percent(&pats[0]);
            let Some(pct) = pct else {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    "target pattern contains no '%'",
                ));
            };
            pattern = Some((pat, pct));
        }
        let depstr = super::text::trim(&deps_text).to_vec();
        pend.active = true;
        pend.filenames = filenames;
        pend.also_make = also_make;
        pend.pattern = pattern;
        pend.depstr = if depstr.is_empty() {
            None
        } else {
            Some(depstr)
        };
        pend.two_colon = two_colon;
        pend.prefix = self.cmd_prefix;
        pend.commands.clear();
        if let Some(c) = cmdleft {
            pend.cmds_started = floc.line;
            pend.commands.extend_from_slice(&c);
            pend.commands.push(b'\n');
        }
        let names = pend.filenames.clone();
        self.check_specials(&names, set_default);
        Ok(Some(false))
    }

    /// Turns the pending rule into database entries (C `record_files`).
    fn record_waiting_files(
        &mut self,
        pend: &mut Pending,
        floc: &Floc,
        no_targets: &mut bool,
    ) -> MResult<()> {
        if pend.active {
            let p = std::mem::take(pend);
            let fi = Floc {
                file: floc.file.clone(),
                line: p.tgts_started,
            };
            let spec = super::record::RuleSpec {
                filenames: p.filenames,
                also_make: p.also_make,
                pattern: p.pattern,
                depstr: p.depstr,
                cmds_started: p.cmds_started,
                commands: p.commands,
                two_colon: p.two_colon,
                prefix: p.prefix,
            };
            self.record_files(spec, &fi)?;
            pend.prefix = self.cmd_prefix;
        }
        pend.commands.clear();
        pend.active = false;
        *no_targets = false;
        pend.pattern = None;
        pend.also_make = false;
        Ok(())
    }
}

/// Parses `export`/`override`/`private`/`define`/`undefine` modifiers and
/// detects an assignment (C `parse_var_assignment`). Returns the modifiers and
/// where the assignment (or the unchanged line) starts.
fn parse_var_assignment(s: &[u8], start: usize, targvar: bool) -> (VMods, usize) {
    let mut vm = VMods::default();
    let mut p = skip_space(s, start);
    if p >= s.len() {
        return (vm, p);
    }
    let line_start = p;
    loop {
        if parse_variable_definition(&s[p..]).is_some() {
            break;
        }
        let e = end_of_token(s, p);
        let w = &s[p..e];
        match w {
            b"export" => vm.export = Some(Export::Export),
            b"unexport" => vm.export = Some(Export::NoExport),
            b"override" => vm.override_ = true,
            b"private" => vm.private = true,
            b"define" if !targvar => {
                vm.define = true;
                p = skip_space(s, e);
                break;
            }
            b"undefine" if !targvar => {
                vm.undefine = true;
                p = skip_space(s, e);
                break;
            }
            _ => return (VMods::default(), line_start),
        }
        p = skip_space(s, e);
        if p >= s.len() {
            return (VMods::default(), line_start);
        }
    }
    vm.assign = true;
    (vm, p)
}

/// Options of `parse_file_seq`.
#[derive(Clone, Copy, Default)]
pub struct ParseFs {
    pub nostrip: bool,
    pub noar: bool,
    pub noglob: bool,
    pub exists: bool,
    /// Stop at `|` (prerequisite lists).
    pub stop_pipe: bool,
    pub wait: bool,
}

impl Make {
    /// Splits a list of file names (C `parse_file_seq`): backslash quoting,
    /// `./` stripping, archive groups `lib(a b)`, `~` and glob expansion.
    /// Returns names; `.WAIT` markers come back as `None` entries when asked.
    pub fn parse_file_seq(&mut self, s: &[u8], fs: ParseFs) -> Vec<Vec<u8>> {
        self.parse_file_seq_ext(s, fs)
            .0
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    }

    /// Like `parse_file_seq`, also returning whether `.WAIT` preceded each
    /// name and the index where parsing stopped (at `|`).
    pub fn parse_file_seq_ext(&mut self, s: &[u8], fs: ParseFs) -> (Vec<(Vec<u8>, bool)>, usize) {
        let mut buf = s.to_vec();
        let mut out: Vec<(Vec<u8>, bool)> = Vec::new();
        let mut p = 0;
        let mut found_wait = false;
        let mut in_group: Option<Vec<u8>> = None;
        let stop = StopSet {
            blank: true,
            pipe: fs.stop_pipe,
            ..StopSet::NONE
        };
        loop {
            p = skip_space(&buf, p);
            if p >= buf.len() || (fs.stop_pipe && buf[p] == b'|') {
                break;
            }
            let start = p;
            let end = find_map_unquote(&mut buf, p, stop).unwrap_or(buf.len());
            p = end;
            let mut s0 = start;
            if fs.wait && &buf[s0..end] == b".WAIT" {
                found_wait = true;
                continue;
            }
            if !fs.nostrip {
                while end - s0 > 2 && buf[s0] == b'.' && buf[s0 + 1] == b'/' {
                    s0 += 2;
                    while s0 < end && buf[s0] == b'/' {
                        s0 += 1;
                    }
                }
            }
            let mut name: Vec<u8> = if s0 == end {
                b"./".to_vec()
            } else {
                buf[s0..end].to_vec()
            };
            // Archive groups: "lib(a b c)" is "lib(a) lib(b) lib(c)".
            if !fs.noar {
                if in_group.is_none() && name.first() != Some(&b'(') && name.last() != Some(&b')') {
                    if let Some(op) = name.iter().position(|&c| c == b'(') {
                        // A group must end in a word ending with ')'.
                        let mut e = end;
                        let mut closes = false;
                        loop {
                            let o = e;
                            e = skip_space(&buf, e);
                            while e < buf.len() && !is_blank(buf[e]) {
                                e += 1;
                            }
                            if e == o {
                                break;
                            }
                            if buf[e - 1] == b')' {
                                closes = true;
                                break;
                            }
                            if e >= buf.len() {
                                break;
                            }
                        }
                        if closes {
                            in_group = Some(name[..=op].to_vec());
                            name = name[op + 1..].to_vec();
                            if name.is_empty() {
                                continue;
                            }
                        }
                    }
                }
                if let Some(prefix) = &in_group {
                    let mut full = prefix.clone();
                    if name.last() == Some(&b')') {
                        in_group = None;
                        if name.len() == 1 {
                            continue;
                        }
                        full.extend_from_slice(&name);
                    } else {
                        full.extend_from_slice(&name);
                        full.push(b')');
                    }
                    name = full;
                }
            }
            if fs.noglob {
                out.push((name, std::mem::take(&mut found_wait)));
                continue;
            }
            if name.first() == Some(&b'~') {
                if let Some(t) = self.tilde_expand(&name) {
                    name = t;
                }
            }
            let wait = std::mem::take(&mut found_wait);
            if !fs.exists && !name.iter().any(|&c| matches!(c, b'?' | b'*' | b'[')) {
                out.push((name, wait));
                continue;
            }
            let found = self.glob(&name);
            if found.is_empty() {
                if !fs.exists {
                    out.push((name, wait));
                }
                continue;
            }
            for (i, f) in found.into_iter().enumerate() {
                out.push((f, wait && i == 0));
            }
        }
        (out, p)
    }

    /// `~` and `~user` at the start of a name (C `tilde_expand`).
    pub fn tilde_expand(&self, name: &[u8]) -> Option<Vec<u8>> {
        let rest = &name[1..];
        let slash = rest.iter().position(|&c| c == b'/').unwrap_or(rest.len());
        let user = &rest[..slash];
        let home: Vec<u8> = if user.is_empty() {
            match self.vars.global(b"HOME").map(|v| v.value.to_vec()) {
                Some(h) if !h.is_empty() => h,
                _ => std::env::var_os("HOME").map(|h| {
                    use std::os::unix::ffi::OsStrExt;
                    h.as_bytes().to_vec()
                })?,
            }
        } else {
            home_of(user)?
        };
        let mut out = home;
        out.extend_from_slice(&rest[slash..]);
        Some(out)
    }

    /// Wildcard expansion of each word, keeping only existing files.
    pub fn glob_words(&mut self, s: &[u8]) -> Vec<Vec<u8>> {
        self.parse_file_seq(
            s,
            ParseFs {
                nostrip: true,
                exists: true,
                ..Default::default()
            },
        )
    }

    /// `ifdef`/`ifeq`/`else`/`endif` (C `conditional_line`): `None` when the
    /// line is not a conditional, else whether to ignore what follows.
    fn conditional_line(&mut self, line: &[u8], len: usize, floc: &Floc) -> MResult<Option<bool>> {
        let cmd = &line[..len];
        let kind = match cmd {
            b"ifdef" | b"ifndef" | b"ifeq" | b"ifneq" | b"else" | b"endif" => cmd.to_vec(),
            _ => return Ok(None),
        };
        let name = String::from_utf8_lossy(&kind).into_owned();
        let mut rest = skip_space(line, len);
        let extratext = |m: &Make| {
            m.error(
                Some(floc),
                format!("extraneous text after '{name}' directive").as_bytes(),
            )
        };
        let c = &mut self.conditionals;
        if kind == b"endif" {
            if rest < line.len() {
                extratext(self);
            }
            let c = &mut self.conditionals;
            if c.ignoring.is_empty() {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    format!("extraneous '{name}'"),
                ));
            }
            c.ignoring.pop();
            c.seen_else.pop();
            return Ok(Some(self.conditionals.ignoring.iter().any(|&i| i != 0)));
        }
        if kind == b"else" {
            if c.ignoring.is_empty() {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    format!("extraneous '{name}'"),
                ));
            }
            let o = c.ignoring.len() - 1;
            if c.seen_else[o] {
                return Err(Fatal::new(
                    Some(floc.clone()),
                    "only one 'else' per conditional",
                ));
            }
            match c.ignoring[o] {
                0 => c.ignoring[o] = 2,
                1 => c.ignoring[o] = 0,
                _ => {}
            }
            if rest >= line.len() {
                c.seen_else[o] = true;
                return Ok(Some(self.conditionals.ignoring.iter().any(|&i| i != 0)));
            }
            let mut e = rest + 1;
            while e < line.len() && !is_space(line[e]) {
                e += 1;
            }
            let w = &line[rest..e];
            let sub = if w == b"else" || w == b"endif" {
                None
            } else {
                match self.conditional_line(&line[rest..], e - rest, floc) {
                    Ok(Some(_)) => Some(true),
                    Ok(None) => None,
                    Err(err) if err.msg == b"invalid syntax in conditional" => None,
                    Err(err) => return Err(err),
                }
            };
            match sub {
                None => extratext(self),
                Some(_) => {
                    let c = &mut self.conditionals;
                    if c.ignoring[o] < 2 {
                        c.ignoring[o] = c.ignoring[o + 1];
                    }
                    c.ignoring.pop();
                    c.seen_else.pop();
                }
            }
            return Ok(Some(self.conditionals.ignoring.iter().any(|&i| i != 0)));
        }
        let o = c.ignoring.len();
        c.ignoring.push(0);
        c.seen_else.push(false);
        if c.ignoring[..o].iter().any(|&i| i != 0) {
            c.ignoring[o] = 1;
            return Ok(Some(true));
        }
        let invalid = || Fatal::new(Some(floc.clone()), "invalid syntax in conditional");
        if kind == b"ifdef" || kind == b"ifndef" {
            let v = self.expand_str(&line[rest..])?;
            let e = end_of_token(&v, 0);
            if skip_space(&v, e) < v.len() {
                self.conditionals.ignoring.pop();
                self.conditionals.seen_else.pop();
                return Err(invalid());
            }
            let scope = self.scope.clone();
            let defined = self
                .vars
                .lookup(&scope, &v[..e])
                .is_some_and(|(_, v)| !v.value.is_empty());
            self.conditionals.ignoring[o] = (defined == (kind == b"ifndef")) as u8;
        } else {
            // ifeq / ifneq, in `(a,b)` or quoted form.
            let Some(&first) = line.get(rest) else {
                self.conditionals.ignoring.pop();
                self.conditionals.seen_else.pop();
                return Err(invalid());
            };
            let termin = if first == b'(' { b',' } else { first };
            if termin != b',' && termin != b'"' && termin != b'\'' {
                self.conditionals.ignoring.pop();
                self.conditionals.seen_else.pop();
                return Err(invalid());
            }
            rest += 1;
            let s1_start = rest;
            let mut i = rest;
            if termin == b',' {
                let mut count = 0i32;
                while i < line.len() {
                    match line[i] {
                        b'(' => count += 1,
                        b')' => count -= 1,
                        b',' if count <= 0 => break,
                        _ => {}
                    }
                    i += 1;
                }
            } else {
                while i < line.len() && line[i] != termin {
                    i += 1;
                }
            }
            if i >= line.len() {
                self.conditionals.ignoring.pop();
                self.conditionals.seen_else.pop();
                return Err(invalid());
            }
            let mut s1_end = i;
            if termin == b',' {
                while s1_end > s1_start && is_blank(line[s1_end - 1]) {
                    s1_end -= 1;
                }
            }
            i += 1;
            let s1 = self.expand_str(&line[s1_start..s1_end])?;
            if termin != b',' {
                i = skip_space(line, i);
            }
            let termin2 = if termin == b',' {
                b')'
            } else {
                line.get(i).copied().unwrap_or(0)
            };
            if termin2 != b')' && termin2 != b'"' && termin2 != b'\'' {
                self.conditionals.ignoring.pop();
                self.conditionals.seen_else.pop();
                return Err(invalid());
            }
            let s2_start;
            if termin2 == b')' {
                let mut count = 0i32;
                s2_start = skip_space(line, i);
                i = s2_start;
                while i < line.len() {
                    if line[i] == b'(' {
                        count += 1;
                    } else if line[i] == b')' {
                        if count <= 0 {
                            break;
                        }
                        count -= 1;
                    }
                    i += 1;
                }
            } else {
                i += 1;
                s2_start = i;
                while i < line.len() && line[i] != termin2 {
                    i += 1;
                }
            }
            if i >= line.len() {
                self.conditionals.ignoring.pop();
                self.conditionals.seen_else.pop();
                return Err(invalid());
            }
            let s2_end = i;
            i += 1;
            if skip_space(line, i) < line.len() {
                extratext(self);
            }
            let s2 = self.expand_str(&line[s2_start..s2_end])?;
            self.conditionals.ignoring[o] = ((s1 == s2) == (kind == b"ifneq")) as u8;
        }
        Ok(Some(self.conditionals.ignoring.iter().any(|&i| i != 0)))
    }

    /// `undefine` (C `do_undefine`).
    fn do_undefine(&mut self, name: &[u8], origin: Origin, floc: &Floc) -> MResult<()> {
        let v = self.expand_str(name)?;
        let s = skip_space(&v, 0);
        if s >= v.len() {
            return Err(Fatal::new(Some(floc.clone()), "empty variable name"));
        }
        let mut e = v.len();
        while e > s + 1 && is_blank(v[e - 1]) {
            e -= 1;
        }
        let n = v[s..e].to_vec();
        if let Some(var) = self.vars.global(&n) {
            if origin >= var.origin {
                self.vars.remove(SetId::GLOBAL, &n);
            }
        }
        Ok(())
    }

    /// `define name [op]` ... `endef` (C `do_define`); returns the name.
    fn do_define(&mut self, rest: &[u8], origin: Origin, ebuf: &mut Ebuf) -> MResult<Vec<u8>> {
        let defstart = ebuf.floc.clone();
        let (name_text, op) = match parse_variable_definition(rest) {
            None => (rest.to_vec(), AssignOp::Recursive),
            Some(d) => {
                if !d.value.is_empty() {
                    self.error(Some(&defstart), b"extraneous text after 'define' directive");
                }
                (d.name.to_vec(), d.op)
            }
        };
        let n = self.expand_str(&name_text)?;
        let s = skip_space(&n, 0);
        if s >= n.len() {
            return Err(Fatal::new(Some(defstart), "empty variable name"));
        }
        let mut e = n.len();
        while e > s + 1 && is_blank(n[e - 1]) {
            e -= 1;
        }
        let name = n[s..e].to_vec();
        let mut nlevels = 1;
        let mut def: Vec<u8> = Vec::new();
        loop {
            let Some((raw, nl)) = ebuf.readline() else {
                return Err(Fatal::new(
                    Some(defstart),
                    "missing 'endef', unterminated 'define'",
                ));
            };
            ebuf.floc.line += nl;
            let mut line = raw.to_vec();
            collapse_continuations(&mut line);
            if line.first() != Some(&self.cmd_prefix) {
                let p = skip_space(&line, 0);
                let t = &line[p..];
                let len = t.len();
                if (len == 6 || (len > 6 && is_blank(t[6]))) && t.starts_with(b"define") {
                    nlevels += 1;
                } else if (len == 5 || (len > 5 && is_blank(t[5]))) && t.starts_with(b"endef") {
                    let mut after = t[5..].to_vec();
                    remove_comments(&mut after);
                    if skip_space(&after, 0) < after.len() {
                        self.error(Some(&ebuf.floc), b"extraneous text after 'endef' directive");
                    }
                    nlevels -= 1;
                    if nlevels == 0 {
                        break;
                    }
                }
            }
            def.extend_from_slice(&line);
            def.push(b'\n');
        }
        // The last line's newline is not part of the value.
        def.pop();
        let floc = defstart.clone();
        self.do_variable_definition(Some(&floc), &name, &def, origin, op, None)?;
        // The line count: the reader advanced past the `endef`.
        ebuf.floc.line -= 0;
        Ok(name)
    }

    /// Parses and performs an assignment line; returns the variable name.
    pub fn try_variable_definition(
        &mut self,
        floc: Option<&Floc>,
        line: &[u8],
        origin: Origin,
        target_set: Option<SetId>,
    ) -> MResult<Option<Vec<u8>>> {
        let Some(d) = parse_variable_definition(line) else {
            return Ok(None);
        };
        let (name_raw, op, value) = (d.name.to_vec(), d.op, d.value.to_vec());
        let name = self.expand_str(&name_raw)?;
        if name.is_empty() {
            return Err(Fatal::new(floc.cloned(), "empty variable name"));
        }
        self.do_variable_definition(floc, &name, &value, origin, op, target_set)?;
        Ok(Some(name))
    }

    /// Defines a variable with an assignment operator (C
    /// `do_variable_definition`). `target_set`: a target-specific set.
    pub fn do_variable_definition(
        &mut self,
        floc: Option<&Floc>,
        name: &[u8],
        value: &[u8],
        origin: Origin,
        op: AssignOp,
        target_set: Option<SetId>,
    ) -> MResult<()> {
        let mut append = false;
        let mut conditional = false;
        let mut recursive = true;
        let newval: Vec<u8> = match op {
            AssignOp::Simple => {
                recursive = false;
                self.expand_str(value)?
            }
            AssignOp::Expand => {
                let t = self.expand_str(value)?;
                let mut v = Vec::with_capacity(t.len());
                for &c in &t {
                    if c == b'$' {
                        v.push(b'$');
                    }
                    v.push(c);
                }
                v
            }
            AssignOp::Shell => {
                let cmd = self.expand_str(value)?;
                self.shell_function(&cmd, false)?
            }
            AssignOp::Conditional => {
                let scope = self.scope.clone();
                if self.vars.lookup(&scope, name).is_some() {
                    return Ok(());
                }
                conditional = true;
                value.to_vec()
            }
            AssignOp::Recursive => value.to_vec(),
            AssignOp::Append => {
                let existing = match target_set {
                    Some(set) => {
                        append = true;
                        let v = self
                            .vars
                            .lookup_in(set, name)
                            .map(|v| (v.recursive, v.value.clone(), v.append));
                        if let Some((_, _, a)) = &v {
                            if !*a {
                                append = false;
                            }
                        }
                        v.map(|(r, val, _)| (r, val))
                    }
                    None => {
                        let scope = self.scope.clone();
                        self.vars
                            .lookup(&scope, name)
                            .map(|(_, v)| (v.recursive, v.value.clone()))
                    }
                };
                match existing {
                    None => value.to_vec(),
                    Some((was_recursive, old)) => {
                        let val = if was_recursive {
                            value.to_vec()
                        } else {
                            recursive = false;
                            self.expand_str(value)?
                        };
                        if val.is_empty() {
                            return Ok(());
                        }
                        let mut v = Vec::with_capacity(old.len() + 1 + val.len());
                        if !old.is_empty() {
                            if name == b"MAKEFLAGS" {
                                match super::expand::find_sub(&old, b" -- ") {
                                    Some(i) => v.extend_from_slice(&old[..i]),
                                    None => v.extend_from_slice(&old),
                                }
                            } else {
                                v.extend_from_slice(&old);
                            }
                            v.push(b' ');
                        }
                        v.extend_from_slice(&val);
                        v
                    }
                }
            }
        };
        let set = target_set.unwrap_or(SetId::GLOBAL);
        let origin = if self.env_overrides && origin == Origin::Env {
            Origin::EnvOverride
        } else {
            origin
        };
        if self.env_overrides {
            if let Some(v) = self.vars.get_mut(set, name) {
                if v.origin == Origin::Env {
                    v.origin = Origin::EnvOverride;
                }
            }
        }
        self.vars
            .define(set, name, &newval, origin, recursive, floc.cloned());
        if let Some(v) = self.vars.get_mut(set, name) {
            v.append = append;
            v.conditional = conditional;
        }
        if target_set.is_none() {
            self.special_var_set(name, origin)?;
        }
        Ok(())
    }
}

/// The home directory of a user, from /etc/passwd.
fn home_of(user: &[u8]) -> Option<Vec<u8>> {
    let data = std::fs::read("/etc/passwd").ok()?;
    for line in data.split(|&c| c == b'\n') {
        let fields: Vec<&[u8]> = line.split(|&c| c == b':').collect();
        if fields.len() >= 6 && fields[0] == user {
            return Some(fields[5].to_vec());
        }
    }
    None
}

/// Unescapes `:` in prerequisite text (C `unescape_char`).
pub fn unescape_colons(s: &[u8]) -> Vec<u8> {
    unescape_char(s, b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignments() {
        let d = parse_variable_definition(b"  FOO := bar baz").unwrap();
        assert_eq!(
            (d.name, d.op, d.value),
            (&b"FOO"[..], AssignOp::Simple, &b"bar baz"[..])
        );
        let d = parse_variable_definition(b"$(a:b=c) += x").unwrap();
        assert_eq!((d.name, d.op), (&b"$(a:b=c)"[..], AssignOp::Append));
        assert!(parse_variable_definition(b"a b = c").is_none());
        assert!(parse_variable_definition(b"a: b").is_none());
        let d = parse_variable_definition(b"x :::= y").unwrap();
        assert_eq!(d.op, AssignOp::Expand);
        let d = parse_variable_definition(b"x ::= y").unwrap();
        assert_eq!(d.op, AssignOp::Simple);
    }

    #[test]
    fn logical_lines() {
        let b = split_file(b"a \\\nb\r\nc\\\\\nd");
        let t: Vec<&[u8]> = b.lines.iter().map(|l| &*l.text).collect();
        assert_eq!(t, vec![&b"a \\\nb"[..], &b"c\\\\"[..], &b"d"[..]]);
        assert_eq!(b.lines[0].nlines, 2);
    }

    #[test]
    fn mwords() {
        assert_eq!(get_next_mword(b"  foo: bar", 0), (MWord::Static, 2, 5));
        assert_eq!(get_next_mword(b"$(x) y", 0), (MWord::Variable, 0, 4));
        assert_eq!(get_next_mword(b"::= y", 0), (MWord::VarAssign, 0, 3));
        assert_eq!(get_next_mword(b"&: y", 0), (MWord::AmpColon, 0, 2));
    }
}
