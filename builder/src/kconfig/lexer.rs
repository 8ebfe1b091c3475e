//! Kconfig tokens, with the C scanner's states: normal text, the value of a
//! macro assignment, quoted strings and help text.
//!
//! Macro references are expanded while scanning (an expanded word is a single
//! token and is never rescanned), `source` pushes a file, and the end of a sourced
//! file yields an end-of-line. Line numbers follow the C tool: a statement's line
//! is the line of its first token.

use std::collections::HashMap;
use std::sync::Arc;

use super::host::Host;
use super::preprocess::{Fatal, PpContext, PpOutput, Preprocessor};
use super::source::{FileId, Loc, Message, Pos, Severity, SourceFile, Span, Stream};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Eof,
    Eol,
    Word,
    WordQuote,
    AssignVal,
    HelpText,
    Bool,
    Choice,
    Comment,
    Config,
    DefBool,
    DefTristate,
    Default,
    Depends,
    EndChoice,
    EndIf,
    EndMenu,
    Help,
    Hex,
    If,
    Imply,
    Int,
    MainMenu,
    Menu,
    MenuConfig,
    Modules,
    On,
    Prompt,
    Range,
    Select,
    Source,
    String,
    Transitional,
    Tristate,
    Visible,
    Or,
    And,
    Equal,
    Unequal,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Not,
    OpenParen,
    CloseParen,
    ColonEqual,
    PlusEqual,
}

fn keyword(w: &str) -> Option<Tok> {
    Some(match w {
        "bool" => Tok::Bool,
        "choice" => Tok::Choice,
        "comment" => Tok::Comment,
        "config" => Tok::Config,
        "def_bool" => Tok::DefBool,
        "def_tristate" => Tok::DefTristate,
        "default" => Tok::Default,
        "depends" => Tok::Depends,
        "endchoice" => Tok::EndChoice,
        "endif" => Tok::EndIf,
        "endmenu" => Tok::EndMenu,
        "help" => Tok::Help,
        "hex" => Tok::Hex,
        "if" => Tok::If,
        "imply" => Tok::Imply,
        "int" => Tok::Int,
        "mainmenu" => Tok::MainMenu,
        "menu" => Tok::Menu,
        "menuconfig" => Tok::MenuConfig,
        "modules" => Tok::Modules,
        "on" => Tok::On,
        "prompt" => Tok::Prompt,
        "range" => Tok::Range,
        "select" => Tok::Select,
        "source" => Tok::Source,
        "string" => Tok::String,
        "transitional" => Tok::Transitional,
        "tristate" => Tok::Tristate,
        "visible" => Tok::Visible,
        _ => return None,
    })
}

#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub tok: Tok,
    pub text: String,
    pub span: Span,
}

struct FileBuf {
    id: FileId,
    name: Arc<str>,
    data: String,
    pos: usize,
    /// C `yylineno`: newlines consumed so far, plus one.
    line: u32,
    line_start: usize,
    /// `cur_lineno` of the `source` statement that opened this file.
    source_lineno: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Initial,
    AssignVal,
    Help,
}

/// Why scanning stopped for good.
#[derive(Debug)]
pub(crate) enum LexFatal {
    Preprocess(Fatal),
    /// A file could not be opened, or recursive inclusion; the full message.
    Other(String),
}

pub(crate) struct Lexer<'h> {
    host: &'h dyn Host,
    stack: Vec<FileBuf>,
    state: State,
    prev_token: Tok,
    prev_prev_token: Tok,
    /// C `cur_lineno`: the line of the current statement.
    pub cur_lineno: u32,
    /// File of the current statement (C `cur_filename`).
    pub cur_file: FileId,
    pub pp: Preprocessor,
    pub msgs: Vec<Message>,
    pub files: Vec<SourceFile>,
    file_ids: HashMap<Arc<str>, FileId>,
    first_ts: u32,
    last_ts: u32,
    help_text: String,
    help_start: Pos,
    /// Line count of the last file closed (C `yylineno` at the end of input).
    eof_line: u32,
}

impl<'h> Lexer<'h> {
    pub fn new(host: &'h dyn Host) -> Self {
        Lexer {
            host,
            stack: Vec::new(),
            state: State::Initial,
            prev_token: Tok::Eol,
            prev_prev_token: Tok::Eol,
            cur_lineno: 0,
            cur_file: FileId(0),
            pp: Preprocessor::default(),
            msgs: Vec::new(),
            files: Vec::new(),
            file_ids: HashMap::new(),
            first_ts: 0,
            last_ts: 0,
            help_text: String::new(),
            help_start: Pos::default(),
            eof_line: 0,
        }
    }

    pub fn file_name(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].name
    }

    /// C `file_lookup`: registers a file name once.
    fn file_lookup(&mut self, name: &str, path: std::path::PathBuf) -> FileId {
        if let Some(&id) = self.file_ids.get(name) {
            return id;
        }
        let id = FileId(self.files.len() as u32);
        let rc: Arc<str> = Arc::from(name);
        self.files.push(SourceFile {
            name: rc.clone(),
            path,
            kind: super::source::FileKind::Kconfig,
        });
        self.file_ids.insert(rc, id);
        id
    }

    /// Opens the top-level Kconfig file.
    pub fn start(&mut self, name: &str) -> Result<(), LexFatal> {
        let Some((path, bytes)) = self.host.open(name) else {
            return Err(LexFatal::Other(format!("can't find file {name}")));
        };
        let id = self.file_lookup(name, path);
        self.cur_file = id;
        self.push_buf(id, bytes, 0);
        Ok(())
    }

    fn push_buf(&mut self, id: FileId, bytes: Vec<u8>, source_lineno: u32) {
        let data = super::source::decode_vec(bytes);
        let name = self.files[id.0 as usize].name.clone();
        self.stack.push(FileBuf {
            id,
            name,
            data,
            pos: 0,
            line: 1,
            line_start: 0,
            source_lineno,
        });
    }

    /// `source "name"` (C `zconf_nextfile`), called after the statement's newline.
    pub fn push_file(&mut self, name: &str) -> Result<(), LexFatal> {
        let Some((path, bytes)) = self.host.open(name) else {
            let cur = self.file_name(self.cur_file).to_string();
            return Err(LexFatal::Other(format!(
                "{}:{}: can't open file \"{}\"",
                cur, self.cur_lineno, name
            )));
        };
        if self.stack.iter().any(|b| &*b.name == name) {
            let mut s = format!(
                "Recursive inclusion detected.\nInclusion path:\n  current file : {name}\n"
            );
            // The C tool lists the new buffer first (its parent is the current one).
            let mut chain: Vec<(Arc<str>, u32)> = vec![(
                self.stack
                    .last()
                    .map(|b| b.name.clone())
                    .unwrap_or_default(),
                self.cur_lineno,
            )];
            for i in (1..self.stack.len()).rev() {
                chain.push((self.stack[i - 1].name.clone(), self.stack[i].source_lineno));
            }
            for (f, l) in chain {
                s.push_str(&format!("  included from: {f}:{l}\n"));
            }
            return Err(LexFatal::Other(s.trim_end_matches('\n').to_string()));
        }
        let id = self.file_lookup(name, path);
        let lineno = self.cur_lineno;
        self.push_buf(id, bytes, lineno);
        self.cur_file = id;
        Ok(())
    }

    /// A macro assignment (C `variable_add`), run after the statement's newline.
    pub fn assign(
        &mut self,
        name: &str,
        value: &str,
        flavor: super::preprocess::Flavor,
    ) -> Result<(), LexFatal> {
        if self.stack.is_empty() {
            let file = self.file_name(self.cur_file).to_string();
            let cx = PpContext {
                filename: &file,
                lineno: self.cur_lineno,
                host: self.host,
            };
            let r = self.pp.add(&cx, name, value, flavor);
            return r.map_err(LexFatal::Preprocess);
        }
        self.expand(|pp, cx| pp.add(cx, name, value, flavor))
    }

    /// Enters help-text scanning (C `zconf_starthelp`), after `help` and its newline.
    pub fn start_help(&mut self) {
        self.help_text.clear();
        self.first_ts = 0;
        self.last_ts = 0;
        self.state = State::Help;
        self.help_start = self.pos();
    }

    fn buf(&self) -> &FileBuf {
        self.stack.last().expect("open file")
    }

    fn buf_mut(&mut self) -> &mut FileBuf {
        self.stack.last_mut().expect("open file")
    }

    fn pos(&self) -> Pos {
        match self.stack.last() {
            Some(b) => Pos {
                line: b.line,
                col: (b.pos - b.line_start) as u32,
            },
            None => Pos::default(),
        }
    }

    fn peek_byte(&self, off: usize) -> Option<u8> {
        let b = self.buf();
        b.data.as_bytes().get(b.pos + off).copied()
    }

    fn newline(&mut self) {
        let b = self.buf_mut();
        b.pos += 1;
        b.line += 1;
        b.line_start = b.pos;
    }

    fn warn(&mut self, line: u32, message: String) {
        let file = self.buf().name.clone();
        let text = format!("{file}:{line}:warning: {message}");
        let fid = self.buf().id;
        self.msgs.push(Message {
            stream: Stream::Stderr,
            severity: Severity::Warning,
            loc: Loc {
                file: Some(fid),
                line,
            },
            message,
            text,
            newline: true,
        });
    }

    fn flush_pp_output(&mut self) {
        let line = self.buf().line;
        let fid = self.buf().id;
        for o in std::mem::take(&mut self.pp.output) {
            let (stream, severity, text, newline) = match o {
                PpOutput::Stdout(t) => (Stream::Stdout, Severity::Info, t, true),
                PpOutput::Stderr(t) => (Stream::Stderr, Severity::Warning, t, true),
                PpOutput::RawStderr(t) => (Stream::Stderr, Severity::Info, t, false),
            };
            self.msgs.push(Message {
                stream,
                severity,
                loc: Loc {
                    file: Some(fid),
                    line,
                },
                message: text.clone(),
                text,
                newline,
            });
        }
    }

    /// Runs an expansion with the current file and line as context.
    fn expand<T>(
        &mut self,
        f: impl FnOnce(&mut Preprocessor, &PpContext) -> Result<T, Fatal>,
    ) -> Result<T, LexFatal> {
        let name = self.buf().name.clone();
        let cx = PpContext {
            filename: &name,
            lineno: self.buf().line,
            host: self.host,
        };
        let r = f(&mut self.pp, &cx);
        self.flush_pp_output();
        r.map_err(LexFatal::Preprocess)
    }

    /// Rest of the current line (without its newline), from `pos`.
    fn rest_of_line(&self) -> &str {
        let b = self.buf();
        let s = &b.data[b.pos..];
        match s.find('\n') {
            Some(i) => &s[..i],
            None => s,
        }
    }

    fn span_from(&self, start: Pos) -> Span {
        Span {
            file: self.buf().id,
            start,
            end: self.pos(),
        }
    }

    /// The next token for the parser (C `yylex`): drops repeated newlines,
    /// tracks statement line numbers and enters assignment-value scanning.
    pub fn next(&mut self) -> Result<Token, LexFatal> {
        loop {
            let t = self.next_raw()?;
            if self.prev_token == Tok::Eol || self.prev_token == Tok::HelpText {
                if t.tok == Tok::Eol {
                    continue;
                }
                // At the end of input the C scanner's line is the top file's last.
                self.cur_lineno = self.stack.last().map(|b| b.line).unwrap_or(self.eof_line);
            }
            if self.prev_prev_token == Tok::Eol
                && self.prev_token == Tok::Word
                && matches!(t.tok, Tok::Equal | Tok::ColonEqual | Tok::PlusEqual)
            {
                self.state = State::AssignVal;
            }
            self.prev_prev_token = self.prev_token;
            self.prev_token = t.tok;
            return Ok(t);
        }
    }

    fn tok(&self, tok: Tok, text: String, start: Pos) -> Token {
        Token {
            tok,
            text,
            span: self.span_from(start),
        }
    }

    fn next_raw(&mut self) -> Result<Token, LexFatal> {
        loop {
            if self.stack.is_empty() {
                return Ok(Token {
                    tok: Tok::Eof,
                    text: String::new(),
                    span: Span {
                        file: self.cur_file,
                        start: Pos::default(),
                        end: Pos::default(),
                    },
                });
            }
            let Some(c) = self.peek_byte(0) else {
                // End of this file.
                if self.state == State::Help {
                    self.state = State::Initial;
                    let text = std::mem::take(&mut self.help_text);
                    let start = self.help_start;
                    return Ok(self.tok(Tok::HelpText, text, start));
                }
                self.state = State::Initial;
                if self.prev_token != Tok::Eol && self.prev_token != Tok::HelpText {
                    let line = self.buf().line;
                    self.warn(line, "no new line at end of file".to_string());
                }
                let start = self.pos();
                let span = self.span_from(start);
                self.eof_line = self.buf().line;
                self.stack.pop();
                if let Some(parent) = self.stack.last() {
                    self.cur_file = parent.id;
                    return Ok(Token {
                        tok: Tok::Eol,
                        text: String::new(),
                        span,
                    });
                }
                return Ok(Token {
                    tok: Tok::Eof,
                    text: String::new(),
                    span,
                });
            };
            match self.state {
                State::Help => {
                    if let Some(t) = self.scan_help(c) {
                        return Ok(t);
                    }
                }
                State::AssignVal => {
                    if c == b'\n' {
                        let start = self.pos();
                        self.newline();
                        self.state = State::Initial;
                        return Ok(self.tok(Tok::Eol, String::new(), start));
                    }
                    if c == b' ' || c == b'\t' {
                        self.buf_mut().pos += 1;
                        continue;
                    }
                    let start = self.pos();
                    let v = self.rest_of_line().to_string();
                    self.buf_mut().pos += v.len();
                    return Ok(self.tok(Tok::AssignVal, v, start));
                }
                State::Initial => {
                    if let Some(t) = self.scan_initial(c)? {
                        return Ok(t);
                    }
                }
            }
        }
    }

    fn scan_initial(&mut self, c: u8) -> Result<Option<Token>, LexFatal> {
        let start = self.pos();
        match c {
            b'#' => {
                let n = self.rest_of_line().len();
                self.buf_mut().pos += n;
                Ok(None)
            }
            b' ' | b'\t' => {
                let b = self.buf_mut();
                let n = b.data.as_bytes()[b.pos..]
                    .iter()
                    .take_while(|&&c| c == b' ' || c == b'\t')
                    .count();
                b.pos += n;
                Ok(None)
            }
            b'\\' if self.peek_byte(1) == Some(b'\n') => {
                self.buf_mut().pos += 1;
                self.newline();
                Ok(None)
            }
            b'\n' => {
                self.newline();
                Ok(Some(self.tok(Tok::Eol, String::new(), start)))
            }
            b'"' | b'\'' => {
                self.buf_mut().pos += 1;
                self.scan_string(c, start).map(Some)
            }
            c if is_word_byte(c) || c == b'$' => {
                let b = self.buf();
                let bytes = &b.data.as_bytes()[b.pos..];
                let run = bytes
                    .iter()
                    .take_while(|&&b| is_word_byte(b) || b == b'$')
                    .count();
                if bytes[..run].contains(&b'$') {
                    let text = self.rest_of_line().to_string();
                    let (v, used) = self.expand(|pp, cx| pp.expand_one_token(cx, &text))?;
                    self.buf_mut().pos += used;
                    if v.is_empty() {
                        return Ok(None);
                    }
                    return Ok(Some(self.tok(Tok::Word, v, start)));
                }
                let word = &b.data[b.pos..b.pos + run];
                let tok = keyword(word).unwrap_or(Tok::Word);
                let text = if tok == Tok::Word {
                    word.to_string()
                } else {
                    String::new()
                };
                self.buf_mut().pos += run;
                Ok(Some(self.tok(tok, text, start)))
            }
            _ => {
                let two = [c, self.peek_byte(1).unwrap_or(0)];
                let (tok, len) = match &two {
                    b"||" => (Some(Tok::Or), 2),
                    b"&&" => (Some(Tok::And), 2),
                    b"!=" => (Some(Tok::Unequal), 2),
                    b"<=" => (Some(Tok::LessEqual), 2),
                    b">=" => (Some(Tok::GreaterEqual), 2),
                    b":=" => (Some(Tok::ColonEqual), 2),
                    b"+=" => (Some(Tok::PlusEqual), 2),
                    [b'=', _] => (Some(Tok::Equal), 1),
                    [b'<', _] => (Some(Tok::Less), 1),
                    [b'>', _] => (Some(Tok::Greater), 1),
                    [b'!', _] => (Some(Tok::Not), 1),
                    [b'(', _] => (Some(Tok::OpenParen), 1),
                    [b')', _] => (Some(Tok::CloseParen), 1),
                    _ => (None, 1),
                };
                self.buf_mut().pos += len;
                match tok {
                    Some(t) => {
                        let text = String::from_utf8_lossy(&two[..len]).into_owned();
                        Ok(Some(self.tok(t, text, start)))
                    }
                    None => {
                        let line = self.buf().line;
                        if c.is_ascii() {
                            self.warn(
                                line,
                                format!("ignoring unsupported character '{}'", c as char),
                            );
                        } else {
                            // One warning per byte, with the byte itself, as
                            // the C scanner reads bytes.
                            self.buf_mut().pos -= 1;
                            let b = self.buf();
                            let ch = b.data[b.pos..].chars().next().expect("char");
                            for byte in super::source::char_bytes(ch) {
                                let shown = super::source::raw_byte_char(byte);
                                self.warn(
                                    line,
                                    format!("ignoring unsupported character '{shown}'"),
                                );
                            }
                            self.buf_mut().pos += ch.len_utf8();
                        }
                        Ok(None)
                    }
                }
            }
        }
    }

    fn scan_string(&mut self, quote: u8, start: Pos) -> Result<Token, LexFatal> {
        let mut text = String::new();
        loop {
            let Some(c) = self.peek_byte(0) else {
                return Ok(self.tok(Tok::WordQuote, text, start));
            };
            match c {
                b'$' => {
                    self.buf_mut().pos += 1;
                    let rest = self.rest_of_line().to_string();
                    let (v, used) = self.expand(|pp, cx| pp.expand_dollar(cx, &rest, &[]))?;
                    self.buf_mut().pos += used;
                    text.push_str(&v);
                }
                b'\\' => {
                    self.buf_mut().pos += 1;
                    if let Some(n) = self.peek_byte(0) {
                        if n != b'\n' {
                            let b = self.buf();
                            let ch = b.data[b.pos..].chars().next().expect("char");
                            text.push(ch);
                            self.buf_mut().pos += ch.len_utf8();
                        }
                    }
                }
                b'"' | b'\'' => {
                    self.buf_mut().pos += 1;
                    if c == quote {
                        return Ok(self.tok(Tok::WordQuote, text, start));
                    }
                    text.push(c as char);
                }
                b'\n' => {
                    let file = self.file_name(self.cur_file).to_string();
                    let line = self.cur_lineno;
                    let message = "multi-line strings not supported".to_string();
                    self.msgs.push(Message {
                        stream: Stream::Stderr,
                        severity: Severity::Warning,
                        loc: Loc {
                            file: Some(self.cur_file),
                            line,
                        },
                        text: format!("{file}:{line}:warning: {message}"),
                        message,
                        newline: true,
                    });
                    return Ok(self.tok(Tok::WordQuote, text, start));
                }
                _ => {
                    let b = self.buf();
                    let s = &b.data[b.pos..];
                    let n = s.find(['$', '\'', '"', '\\', '\n']).unwrap_or(s.len());
                    text.push_str(&s[..n]);
                    self.buf_mut().pos += n;
                }
            }
        }
    }

    /// One step of help-text scanning; `Some` when the help text ends.
    fn scan_help(&mut self, c: u8) -> Option<Token> {
        let end_help = |me: &mut Self| -> Token {
            me.state = State::Initial;
            let text = std::mem::take(&mut me.help_text);
            let start = me.help_start;
            me.tok(Tok::HelpText, text, start)
        };
        if c == b' ' || c == b'\t' || c == b'\n' {
            let rest = {
                let b = self.buf();
                &b.data.as_bytes()[b.pos..]
            };
            let k = rest
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            if rest.get(k) == Some(&b'\n') {
                let after = rest.get(k + 1).copied();
                self.buf_mut().pos += k;
                self.newline();
                if after.is_some_and(|a| a != b' ' && a != b'\t' && a != b'\n') {
                    return Some(end_help(self));
                }
                self.help_text.push('\n');
                return None;
            }
            let mut ts = 0u32;
            for &b in &rest[..k] {
                if b == b'\t' {
                    ts = (ts & !7) + 8;
                } else {
                    ts += 1;
                }
            }
            self.buf_mut().pos += k;
            self.last_ts = ts;
            if self.first_ts != 0 {
                if ts < self.first_ts {
                    return Some(end_help(self));
                }
                let mut ts = ts - self.first_ts;
                while ts > 8 {
                    self.help_text.push_str("        ");
                    ts -= 8;
                }
                for _ in 0..ts {
                    self.help_text.push(' ');
                }
            }
            return None;
        }
        // Borrow the line in place: help text is a large share of the input.
        let b = self.stack.last_mut().expect("open file");
        let rest = &b.data[b.pos..];
        let n = rest.find('\n').unwrap_or(rest.len());
        self.help_text
            .push_str(rest[..n].trim_end_matches([' ', '\t']));
        b.pos += n;
        if self.first_ts == 0 {
            self.first_ts = self.last_ts;
        }
        None
    }
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}
