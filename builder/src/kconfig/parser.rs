//! Kconfig statements into the menu tree, with the C parser's actions in the C
//! parser's order (symbol creation order decides output order, see `symbol`).
//!
//! Errors are reported like the C tool (`file:line: syntax error`, `invalid
//! statement`, `unknown statement "x"`, `missing end statement for this entry`)
//! and parsing goes on at the next line, so the language server still gets a tree.

use super::expr::{CmpOp, Expr, ExprId};
use super::host::Host;
use super::lexer::{LexFatal, Lexer, Tok, Token};
use super::menu::{MenuId, MenuKind, PropKind};
use super::preprocess::Flavor;
use super::source::{Loc, Pos, Severity, Span, Stream};
use super::symbol::{flags, SymbolId, SymbolType};
use super::{Kconfig, RefKind, SymRef};

/// How a block (menu, choice, if) or the file list ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Eof,
    Menu,
    Choice,
    If,
}

impl End {
    fn name(self) -> &'static str {
        match self {
            End::Menu => "menu",
            End::Choice => "choice",
            End::If => "if",
            End::Eof => "",
        }
    }
}

/// A syntax error at the current token; the statement list recovers.
struct Syntax;

enum Stop {
    Syntax,
    Fatal(LexFatal),
}

impl From<LexFatal> for Stop {
    fn from(f: LexFatal) -> Self {
        Stop::Fatal(f)
    }
}

impl From<Syntax> for Stop {
    fn from(_: Syntax) -> Self {
        Stop::Syntax
    }
}

type PResult<T> = Result<T, Stop>;

pub(crate) struct Parser<'k, 'h> {
    k: &'k mut Kconfig,
    lx: Lexer<'h>,
    look: Option<Token>,
    last_end: Pos,
    current_choice: Option<MenuId>,
    /// Bison's error status: no new "syntax error" until 3 tokens are shifted.
    err_status: u32,
    eof_reported: bool,
    pub errors: u32,
    /// Nesting of blocks and parentheses (bison's stack has a limit too).
    depth: u32,
}

/// Deepest nesting accepted before giving up like bison ("memory exhausted").
const MAX_DEPTH: u32 = 5000;

impl<'k, 'h> Parser<'k, 'h> {
    pub fn new(k: &'k mut Kconfig, host: &'h dyn Host) -> Self {
        Parser {
            k,
            lx: Lexer::new(host),
            look: None,
            last_end: Pos::default(),
            current_choice: None,
            err_status: 0,
            eof_reported: false,
            errors: 0,
            depth: 0,
        }
    }

    /// Parses `top` and everything it sources. `Err` carries the fatal message
    /// (file not found, preprocessor error), which the C tool exits on.
    pub fn parse(mut self, top: &str) -> Result<u32, String> {
        let r = self.parse_inner(top);
        self.sync();
        self.k.pp_env = std::mem::take(&mut self.lx.pp.env_used);
        match r {
            Ok(()) => Ok(self.errors),
            Err(Stop::Fatal(f)) => Err(match f {
                LexFatal::Preprocess(p) => p.0,
                LexFatal::Other(s) => s,
            }),
            Err(Stop::Syntax) => Ok(self.errors.max(1)),
        }
    }

    fn parse_inner(&mut self, top: &str) -> PResult<()> {
        self.lx.start(top)?;
        self.sync();
        if self.peek()?.tok == Tok::MainMenu {
            self.bump()?;
            let loc = self.loc();
            match self.peek()?.tok {
                Tok::WordQuote => {
                    let t = self.bump()?;
                    self.expect_eol()?;
                    self.k.build.current_entry = MenuId::ROOT;
                    let span = Some(t.span);
                    self.k
                        .menu_add_prompt(PropKind::Menu, &t.text, None, loc, span);
                }
                _ => self.recover(false, None)?,
            }
        }
        self.stmt_list(true, false)?;
        Ok(())
    }

    /// Moves files and messages the lexer produced into the model, in order.
    fn sync(&mut self) {
        while self.k.files.len() < self.lx.files.len() {
            let f = self.lx.files[self.k.files.len()].clone();
            self.k.files.push(f);
        }
        self.k.messages.append(&mut self.lx.msgs);
    }

    fn peek(&mut self) -> PResult<&Token> {
        if self.look.is_none() {
            let t = self.lx.next();
            self.sync();
            self.look = Some(t?);
        }
        Ok(self.look.as_ref().expect("lookahead"))
    }

    fn bump(&mut self) -> PResult<Token> {
        self.peek()?;
        let t = self.look.take().expect("lookahead");
        self.last_end = t.span.end;
        self.err_status = self.err_status.saturating_sub(1);
        Ok(t)
    }

    fn at(&mut self, tok: Tok) -> PResult<bool> {
        Ok(self.peek()?.tok == tok)
    }

    fn expect(&mut self, tok: Tok) -> PResult<Token> {
        if self.peek()?.tok == tok {
            self.bump()
        } else {
            Err(Stop::Syntax)
        }
    }

    fn expect_eol(&mut self) -> PResult<()> {
        self.expect(Tok::Eol).map(|_| ())
    }

    fn loc(&self) -> Loc {
        Loc {
            file: Some(self.lx.cur_file),
            line: self.lx.cur_lineno,
        }
    }

    fn span_to_here(&self, start: Span) -> Span {
        Span {
            file: start.file,
            start: start.start,
            end: self.last_end,
        }
    }

    /// `file:line: text` on stderr (C `zconfprint`/`zconf_error`/`yyerror`).
    fn report(&mut self, severity: Severity, message: String) {
        let loc = self.loc();
        self.k.report_plain(Stream::Stderr, severity, loc, message);
    }

    fn zconf_error(&mut self, message: String) {
        self.errors += 1;
        self.report(Severity::Error, message);
    }

    /// Bison-style recovery: report, skip to the end of the line, report what
    /// kind of statement failed.
    fn recover(&mut self, in_choice: bool, word: Option<&str>) -> PResult<()> {
        if self.err_status == 0 {
            self.errors += 1;
            self.report(Severity::Error, "syntax error".to_string());
        }
        self.err_status = 3;
        loop {
            match self.peek()?.tok {
                Tok::Eol => {
                    self.bump()?;
                    break;
                }
                Tok::Eof => return Ok(()),
                _ => {
                    self.bump()?;
                }
            }
        }
        // The error token and the newline were shifted.
        self.err_status = 2;
        match word {
            Some(w) if !in_choice => self.zconf_error(format!("unknown statement \"{w}\"")),
            _ => self.zconf_error("invalid statement".to_string()),
        }
        Ok(())
    }

    /// Statements until an end keyword or the end of input.
    fn stmt_list(&mut self, top: bool, in_choice: bool) -> PResult<End> {
        self.enter()?;
        let r = self.stmt_list_inner(top, in_choice);
        self.depth -= 1;
        r
    }

    fn stmt_list_inner(&mut self, top: bool, in_choice: bool) -> PResult<End> {
        loop {
            let tok = self.peek()?.tok;
            let r: PResult<Option<End>> = match tok {
                Tok::Eof => return Ok(End::Eof),
                Tok::EndMenu | Tok::EndChoice | Tok::EndIf if !top => {
                    let end = match tok {
                        Tok::EndMenu => End::Menu,
                        Tok::EndChoice => End::Choice,
                        _ => End::If,
                    };
                    self.bump()?;
                    match self.expect_eol() {
                        Ok(()) => return Ok(end),
                        Err(e) => Err(e),
                    }
                }
                Tok::Config => self.config_stmt(false).map(|_| None),
                Tok::MenuConfig if !in_choice => self.config_stmt(true).map(|_| None),
                Tok::Choice if !in_choice => self.choice_stmt(),
                Tok::Comment => self.comment_stmt().map(|_| None),
                Tok::If => self.if_stmt(in_choice),
                Tok::Menu if !in_choice => self.menu_stmt(),
                Tok::Source if !in_choice => self.source_stmt().map(|_| None),
                Tok::Word if !in_choice => self.assignment_stmt().map(|_| None),
                _ => Err(Stop::Syntax),
            };
            match r {
                Ok(Some(End::Eof)) => return Ok(End::Eof),
                Ok(_) => {}
                Err(Stop::Syntax) => {
                    if self.peek()?.tok == Tok::Eof {
                        if self.err_status == 0 && !self.eof_reported {
                            self.errors += 1;
                            self.report(Severity::Error, "syntax error".to_string());
                        }
                        self.eof_reported = true;
                        return Ok(End::Eof);
                    }
                    self.recover(in_choice, None)?;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn assignment_stmt(&mut self) -> PResult<()> {
        let name = self.bump()?;
        let flavor = match self.peek()?.tok {
            Tok::Equal => Flavor::Recursive,
            Tok::ColonEqual => Flavor::Simple,
            Tok::PlusEqual => Flavor::Append,
            _ => {
                if self.peek()?.tok == Tok::Eof {
                    return Err(Stop::Syntax);
                }
                self.recover(false, Some(&name.text))?;
                return Ok(());
            }
        };
        self.bump()?;
        let value = if self.at(Tok::AssignVal)? {
            self.bump()?.text
        } else {
            String::new()
        };
        self.expect_eol()?;
        let file = self.k.files[self.lx.cur_file.0 as usize].name.clone();
        self.k.macro_defs.push(super::preprocess::MacroDef {
            name: name.text.clone(),
            file,
            line: name.span.start.line,
        });
        let r = self.lx.assign(&name.text, &value, flavor);
        self.sync();
        r.map_err(Stop::Fatal)
    }

    fn source_stmt(&mut self) -> PResult<()> {
        let kw = self.bump()?;
        let name = self.expect(Tok::WordQuote)?;
        self.expect_eol()?;
        self.k
            .sources
            .push((self.lx.cur_file, name.span, name.text.clone()));
        let _ = kw;
        self.lx.push_file(&name.text)?;
        self.sync();
        Ok(())
    }

    fn nonconst_symbol(&mut self, kind: RefKind) -> PResult<SymbolId> {
        let t = self.expect(Tok::Word)?;
        let s = self.k.sym_lookup(Some(&t.text), false);
        self.k.sym_refs.push(SymRef {
            sym: s,
            span: t.span,
            kind,
        });
        Ok(s)
    }

    fn symbol(&mut self) -> PResult<SymbolId> {
        match self.peek()?.tok {
            Tok::Word => self.nonconst_symbol(RefKind::Use),
            Tok::WordQuote => {
                let t = self.bump()?;
                Ok(self.k.sym_lookup(Some(&t.text), true))
            }
            _ => Err(Stop::Syntax),
        }
    }

    fn expr(&mut self) -> PResult<ExprId> {
        let mut l = self.and_expr()?;
        while self.at(Tok::Or)? {
            self.bump()?;
            let r = self.and_expr()?;
            l = self.k.exprs.intern(Expr::Or(l, r));
        }
        Ok(l)
    }

    fn and_expr(&mut self) -> PResult<ExprId> {
        let mut l = self.unary()?;
        while self.at(Tok::And)? {
            self.bump()?;
            let r = self.unary()?;
            l = self.k.exprs.intern(Expr::And(l, r));
        }
        Ok(l)
    }

    /// Counts one more level of nesting; fails past `MAX_DEPTH`.
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let file = self.k.files[self.lx.cur_file.0 as usize].name.clone();
            return Err(Stop::Fatal(LexFatal::Other(format!(
                "{}:{}: memory exhausted",
                file, self.lx.cur_lineno
            ))));
        }
        Ok(())
    }

    fn unary(&mut self) -> PResult<ExprId> {
        self.enter()?;
        let r = self.unary_inner();
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self) -> PResult<ExprId> {
        match self.peek()?.tok {
            Tok::Not => {
                self.bump()?;
                let e = self.unary()?;
                Ok(self.k.e_not(e))
            }
            Tok::OpenParen => {
                self.bump()?;
                let e = self.expr()?;
                self.expect(Tok::CloseParen)?;
                Ok(e)
            }
            _ => {
                let a = self.symbol()?;
                let op = match self.peek()?.tok {
                    Tok::Less => CmpOp::Less,
                    Tok::LessEqual => CmpOp::LessEqual,
                    Tok::Greater => CmpOp::Greater,
                    Tok::GreaterEqual => CmpOp::GreaterEqual,
                    Tok::Equal => CmpOp::Equal,
                    Tok::Unequal => CmpOp::Unequal,
                    _ => return Ok(self.k.e_sym(a)),
                };
                self.bump()?;
                let b = self.symbol()?;
                Ok(self.k.e_cmp(op, a, b))
            }
        }
    }

    fn if_expr(&mut self) -> PResult<Option<ExprId>> {
        if self.at(Tok::If)? {
            self.bump()?;
            return Ok(Some(self.expr()?));
        }
        Ok(None)
    }

    /// `depends on X [if Y]` — the condition form is Linux 7.0's.
    fn depends(&mut self) -> PResult<()> {
        let kw = self.bump()?;
        let loc = self.loc();
        self.expect(Tok::On)?;
        let dep = self.expr()?;
        let cond = self.if_expr()?;
        self.expect_eol()?;
        let dep = match cond {
            Some(c) => {
                let t = self.k.trans_compare(Some(c), CmpOp::Equal, SymbolId::NO);
                self.k.e_or(Some(dep), t)
            }
            None => Some(dep),
        };
        if let Some(d) = dep {
            let span = self.span_to_here(kw.span);
            let e = self.k.build.current_entry;
            self.k.menu_mut(e).dep_lines.push((d, span, loc));
        }
        self.k.menu_add_dep(dep);
        Ok(())
    }

    fn help(&mut self) -> PResult<()> {
        self.bump()?;
        self.expect_eol()?;
        self.lx.start_help();
        let t = self.expect(Tok::HelpText)?;
        let e = self.k.build.current_entry;
        let name = self
            .k
            .menu(e)
            .sym
            .map(|s| self.k.sym(s).name_or_choice().to_string())
            .unwrap_or_else(|| "<choice>".into());
        if self.k.menu(e).help.is_some() {
            self.report(
                Severity::Warning,
                format!("warning: '{name}' defined with more than one help text -- only the last one will be used"),
            );
        }
        if t.text
            .chars()
            .all(|c| matches!(c, ' ' | '\x0c' | '\n' | '\r' | '\t' | '\x0b'))
        {
            self.report(
                Severity::Warning,
                format!("warning: '{name}' defined with blank help text"),
            );
        }
        self.k.menu_mut(e).help = Some(t.text);
        Ok(())
    }

    fn extend_entry(&mut self, m: MenuId) {
        let end = self.last_end;
        if let Some(s) = &mut self.k.menu_mut(m).full_span {
            if end > s.end {
                s.end = end;
            }
        }
    }

    /// Options of `config`/`menuconfig`.
    fn config_option_list(&mut self, m: MenuId) -> PResult<()> {
        loop {
            let t = self.peek()?.clone();
            let loc = self.loc();
            match t.tok {
                Tok::Bool | Tok::Tristate | Tok::Int | Tok::Hex | Tok::String => {
                    self.bump()?;
                    let ty = match t.tok {
                        Tok::Bool => SymbolType::Bool,
                        Tok::Tristate => SymbolType::Tristate,
                        Tok::Int => SymbolType::Int,
                        Tok::Hex => SymbolType::Hex,
                        _ => SymbolType::String,
                    };
                    if self.at(Tok::WordQuote)? {
                        let p = self.bump()?;
                        let cond = self.if_expr()?;
                        let span = Some(self.span_to_here(t.span));
                        self.k
                            .menu_add_prompt(PropKind::Prompt, &p.text, cond, loc, span);
                    }
                    self.expect_eol()?;
                    self.k.menu_set_type(ty);
                }
                Tok::Prompt => {
                    self.bump()?;
                    let p = self.expect(Tok::WordQuote)?;
                    let cond = self.if_expr()?;
                    self.expect_eol()?;
                    let span = Some(self.span_to_here(t.span));
                    self.k
                        .menu_add_prompt(PropKind::Prompt, &p.text, cond, loc, span);
                }
                Tok::Default | Tok::DefBool | Tok::DefTristate => {
                    self.bump()?;
                    let e = self.expr()?;
                    let cond = self.if_expr()?;
                    self.expect_eol()?;
                    let span = Some(self.span_to_here(t.span));
                    self.k
                        .menu_add_prop(PropKind::Default, Some(e), cond, loc, span);
                    match t.tok {
                        Tok::DefBool => self.k.menu_set_type(SymbolType::Bool),
                        Tok::DefTristate => self.k.menu_set_type(SymbolType::Tristate),
                        _ => {}
                    }
                }
                Tok::Select | Tok::Imply => {
                    self.bump()?;
                    let s = self.nonconst_symbol(RefKind::Use)?;
                    let cond = self.if_expr()?;
                    self.expect_eol()?;
                    let span = Some(self.span_to_here(t.span));
                    let kind = if t.tok == Tok::Select {
                        PropKind::Select
                    } else {
                        PropKind::Imply
                    };
                    let e = self.k.e_sym(s);
                    self.k.menu_add_prop(kind, Some(e), cond, loc, span);
                }
                Tok::Range => {
                    self.bump()?;
                    let a = self.symbol()?;
                    let b = self.symbol()?;
                    let cond = self.if_expr()?;
                    self.expect_eol()?;
                    let span = Some(self.span_to_here(t.span));
                    let e = self.k.exprs.intern(Expr::Range(a, b));
                    self.k
                        .menu_add_prop(PropKind::Range, Some(e), cond, loc, span);
                }
                Tok::Modules => {
                    self.bump()?;
                    self.expect_eol()?;
                    let cur = self
                        .k
                        .menu(self.k.build.current_entry)
                        .sym
                        .expect("config symbol");
                    if let Some(prev) = self.k.modules_decl {
                        let (a, b) = (
                            self.k.sym(cur).name_or_choice().to_string(),
                            self.k.sym(prev).name_or_choice().to_string(),
                        );
                        self.zconf_error(format!(
                            "symbol '{a}' redefines option 'modules' already defined by symbol '{b}'"
                        ));
                    }
                    self.k.modules_decl = Some(cur);
                }
                Tok::Transitional => {
                    self.bump()?;
                    self.expect_eol()?;
                    let cur = self
                        .k
                        .menu(self.k.build.current_entry)
                        .sym
                        .expect("config symbol");
                    self.k.sym_mut(cur).flags |= flags::TRANSITIONAL;
                }
                Tok::Depends => self.depends()?,
                Tok::Help => self.help()?,
                _ => return Ok(()),
            }
            self.extend_entry(m);
        }
    }

    fn start_entry(
        &mut self,
        kind: MenuKind,
        sym: Option<SymbolId>,
        kw: &Token,
        loc: Loc,
    ) -> MenuId {
        let m = self.k.menu_add_entry(kind, sym, loc);
        let span = self.span_to_here(kw.span);
        let menu = self.k.menu_mut(m);
        menu.span = Some(span);
        menu.full_span = Some(span);
        m
    }

    fn config_stmt(&mut self, menuconfig: bool) -> PResult<()> {
        let kw = self.bump()?;
        let loc = self.loc();
        let sym = self.nonconst_symbol(RefKind::Def)?;
        let name_span = self.k.sym_refs.last().map(|r| r.span);
        self.expect_eol()?;
        let kind = if menuconfig {
            MenuKind::MenuConfig
        } else {
            MenuKind::Config
        };
        let m = self.start_entry(kind, Some(sym), &kw, loc);
        self.k.menu_mut(m).name_span = name_span;
        self.config_option_list(m)?;
        if menuconfig {
            match self.k.menu(m).prompt {
                Some(p) => self.k.prop_mut(p).kind = PropKind::Menu,
                None => self.report(
                    Severity::Warning,
                    "warning: menuconfig statement without prompt".to_string(),
                ),
            }
            return Ok(());
        }
        if let Some(choice) = self.current_choice {
            let mloc = self.k.menu(m).loc;
            if self.k.menu(m).prompt.is_none() {
                self.k.report_error_plain(
                    mloc,
                    "error: choice member must have a prompt".to_string(),
                );
                self.errors += 1;
            }
            if self.k.sym(sym).ty != SymbolType::Bool {
                self.k
                    .report_error_plain(mloc, "error: choice member must be bool".to_string());
                self.errors += 1;
            }
            if self.k.sym(sym).choice_link.is_none() {
                self.k.sym_mut(sym).choice_link = Some(choice);
                self.k.menu_mut(choice).choice_members.push(sym);
            }
        }
        Ok(())
    }

    fn end_block(&mut self, end: End, expected: End, block: MenuId) -> PResult<Option<End>> {
        if end == End::Eof {
            if !self.eof_reported {
                self.eof_reported = true;
                if self.err_status == 0 {
                    self.errors += 1;
                    self.report(Severity::Error, "syntax error".to_string());
                }
            }
            let loc = self.k.menu(block).loc;
            self.k.report_plain(
                Stream::Stderr,
                Severity::Error,
                loc,
                "missing end statement for this entry".to_string(),
            );
            if self.k.build.current_menu == block {
                self.k.menu_end_menu();
            }
            return Ok(Some(End::Eof));
        }
        if end != expected {
            self.zconf_error(format!(
                "unexpected '{}' within {} block",
                end.name(),
                expected.name()
            ));
            self.errors += 1;
            return Ok(None);
        }
        let cm = self.k.build.current_menu;
        if self.k.menu(cm).loc.file != Some(self.lx.cur_file) {
            self.zconf_error(format!(
                "'{}' in different file than '{}'",
                end.name(),
                expected.name()
            ));
            let l = self.k.menu(cm).loc;
            self.k.report_plain(
                Stream::Stderr,
                Severity::Error,
                l,
                format!("location of the '{}'", expected.name()),
            );
            self.errors += 1;
            return Ok(None);
        }
        self.k.menu_end_menu();
        let end_pos = self.last_end;
        if let Some(s) = &mut self.k.menu_mut(block).full_span {
            s.end = end_pos;
        }
        Ok(None)
    }

    fn choice_stmt(&mut self) -> PResult<Option<End>> {
        let kw = self.bump()?;
        let loc = self.loc();
        self.expect_eol()?;
        let sym = self.k.sym_lookup(None, false);
        let m = self.start_entry(MenuKind::Choice, Some(sym), &kw, loc);
        self.k.menu_set_type(SymbolType::Bool);
        loop {
            let t = self.peek()?.clone();
            let loc = self.loc();
            match t.tok {
                Tok::Prompt | Tok::Bool => {
                    self.bump()?;
                    let p = self.expect(Tok::WordQuote)?;
                    let cond = self.if_expr()?;
                    self.expect_eol()?;
                    let span = Some(self.span_to_here(t.span));
                    self.k
                        .menu_add_prompt(PropKind::Prompt, &p.text, cond, loc, span);
                }
                Tok::Default => {
                    self.bump()?;
                    let s = self.nonconst_symbol(RefKind::Use)?;
                    let cond = self.if_expr()?;
                    self.expect_eol()?;
                    let span = Some(self.span_to_here(t.span));
                    let e = self.k.e_sym(s);
                    self.k
                        .menu_add_prop(PropKind::Default, Some(e), cond, loc, span);
                }
                Tok::Depends => self.depends()?,
                Tok::Help => self.help()?,
                _ => break,
            }
            self.extend_entry(m);
        }
        if self.k.menu(m).prompt.is_none() {
            let l = self.k.menu(m).loc;
            self.k
                .report_error_plain(l, "error: choice must have a prompt".to_string());
            self.errors += 1;
        }
        self.k.menu_add_menu();
        self.current_choice = Some(m);
        let end = self.stmt_list(false, true)?;
        self.current_choice = None;
        self.end_block(end, End::Choice, m)
    }

    fn if_stmt(&mut self, in_choice: bool) -> PResult<Option<End>> {
        let kw = self.bump()?;
        let loc = self.loc();
        let e = self.expr()?;
        self.expect_eol()?;
        let m = self.start_entry(MenuKind::If, None, &kw, loc);
        let span = self.span_to_here(kw.span);
        self.k.menu_mut(m).dep_lines.push((e, span, loc));
        self.k.menu_add_dep(Some(e));
        self.k.menu_add_menu();
        let end = self.stmt_list(false, in_choice)?;
        self.end_block(end, End::If, m)
    }

    fn menu_stmt(&mut self) -> PResult<Option<End>> {
        let kw = self.bump()?;
        let loc = self.loc();
        let p = self.expect(Tok::WordQuote)?;
        self.expect_eol()?;
        let m = self.start_entry(MenuKind::Menu, None, &kw, loc);
        let span = Some(self.span_to_here(kw.span));
        self.k
            .menu_add_prompt(PropKind::Menu, &p.text, None, loc, span);
        loop {
            match self.peek()?.tok {
                Tok::Visible => {
                    self.bump()?;
                    let v = self.if_expr()?;
                    self.expect_eol()?;
                    self.k.menu_add_visibility(v);
                }
                Tok::Depends => self.depends()?,
                _ => break,
            }
        }
        self.k.menu_add_menu();
        let end = self.stmt_list(false, false)?;
        self.end_block(end, End::Menu, m)
    }

    fn comment_stmt(&mut self) -> PResult<()> {
        let kw = self.bump()?;
        let loc = self.loc();
        let p = self.expect(Tok::WordQuote)?;
        self.expect_eol()?;
        let m = self.start_entry(MenuKind::Comment, None, &kw, loc);
        let span = Some(self.span_to_here(kw.span));
        self.k
            .menu_add_prompt(PropKind::Comment, &p.text, None, loc, span);
        while self.at(Tok::Depends)? {
            self.depends()?;
            self.extend_entry(m);
        }
        Ok(())
    }
}

impl Kconfig {
    /// The source strings of every `source` statement, for go-to-definition.
    pub fn source_statements(&self) -> &[(super::source::FileId, Span, String)] {
        &self.sources
    }
}
