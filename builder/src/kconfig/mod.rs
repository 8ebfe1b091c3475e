//! The Kconfig engine: parses a tree's Kconfig files and evaluates them exactly
//! as the kernel's C `scripts/kconfig/conf` does.
//!
//! Layers, bottom up: `cnum` (C number parsing), `source` (files, positions,
//! messages), `host` (I/O boundary), `preprocess` + `lexer` + `parser` (text to
//! menu tree), `symbol` + `expr` + `menu` (the model), `eval` (values),
//! `depcheck` (dependency loops), `confdata` (reading config files), `output`
//! (writing `.config`, `auto.conf`, `autoconf.h`, `rustc_cfg`, stamps), `conf`
//! (the `conf` front end's modes), `explain` (why a symbol has its value),
//! `env` (the environment kbuild's top Makefile gives Kconfig).

pub mod cnum;
pub mod conf;
pub mod confdata;
pub mod depcheck;
pub mod env;
pub mod eval;
pub mod explain;
pub mod expr;
pub mod help;
pub mod host;
mod lexer;
pub mod menu;
pub mod output;
mod parser;
pub mod preprocess;
pub mod query;
mod robustness;
pub mod shell_cache;
pub mod source;
pub mod symbol;

use std::sync::Arc;

pub use expr::{CmpOp, Expr, ExprId};
pub use host::{FsHost, Host};
pub use menu::{Menu, MenuId, MenuKind, PropId, PropKind, Property};
pub use source::{FileId, FileKind, Loc, Message, Pos, Severity, SourceFile, Span, Stream};
pub use symbol::{DefSlot, Symbol, SymbolId, SymbolType, Tristate};

use expr::ExprArena;
use menu::LinkSlot;
use symbol::SymbolIndex;

/// Runs `f` on a thread with a large stack: evaluation recurses over
/// expression trees, whose depth hostile input can make very large.
pub fn with_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("kconfig".into())
            .stack_size(256 << 20)
            .spawn_scoped(s, f)
            .expect("spawn engine thread")
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

/// How a symbol name appears in the Kconfig sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// `config NAME` / `menuconfig NAME`.
    Def,
    /// Any other mention (expressions, select, imply, default).
    Use,
}

/// One mention of a symbol in the Kconfig sources.
#[derive(Clone, Copy, Debug)]
pub struct SymRef {
    pub sym: SymbolId,
    pub span: Span,
    pub kind: RefKind,
}

/// Parser state for linking menu entries (C: `current_menu`, `current_entry`,
/// `last_entry_ptr`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct BuildState {
    pub current_menu: MenuId,
    pub current_entry: MenuId,
    pub last_entry: LinkSlot,
}

/// A parsed Kconfig tree with its evaluation state. Cloning it gives an
/// independent evaluation (the language server evaluates a defconfig that way
/// without disturbing the values it shows).
#[derive(Clone)]
pub struct Kconfig {
    pub(crate) syms: Vec<Symbol>,
    pub(crate) sym_index: SymbolIndex,
    pub(crate) sym_order: Option<Arc<[SymbolId]>>,
    pub(crate) exprs: ExprArena,
    pub(crate) trans_count: i32,
    pub(crate) menus: Vec<Menu>,
    pub(crate) props: Vec<Property>,
    pub(crate) files: Vec<SourceFile>,
    pub(crate) build: BuildState,
    pub(crate) choice_cache: Vec<Option<MenuId>>,
    /// The symbol with the `modules` option (C: `modules_sym`), `n` if none.
    pub(crate) modules_sym: SymbolId,
    pub(crate) modules_decl: Option<SymbolId>,
    pub(crate) modules_val: Tristate,
    /// Environment variables the sources referenced, with their values.
    pub(crate) pp_env: Vec<(String, String)>,
    pub(crate) messages: Vec<Message>,
    pub(crate) sym_warnings: u32,
    pub(crate) conf_changed: bool,
    pub(crate) sym_refs: Vec<SymRef>,
    pub(crate) macro_defs: Vec<preprocess::MacroDef>,
    pub(crate) sources: Vec<(FileId, Span, String)>,
    /// Name of the Kconfig file that was parsed first.
    pub(crate) top_file: String,
    /// Parse errors (the C tool exits when this is non-zero).
    pub(crate) parse_errors: u32,
    /// Prefix of symbol names in config files (C: `CONFIG_`).
    pub(crate) config_prefix: String,
    /// Warnings from the last config file read (C `conf_warnings`).
    pub(crate) conf_warnings: u32,
    /// Whether `#\n# ...\n#` progress messages are printed (off with `-s`).
    pub(crate) conf_messages: bool,
    /// Where each user value was last assigned.
    pub(crate) user_locs: rustc_hash::FxHashMap<SymbolId, Loc>,
}

/// Why a Kconfig tree could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A fatal error the C tool exits on (missing file, preprocessor error),
    /// with the messages printed before it.
    #[error("{message}")]
    Fatal {
        message: String,
        before: Vec<Message>,
    },
}

impl Kconfig {
    fn empty() -> Kconfig {
        let mut k = Kconfig {
            syms: Vec::new(),
            sym_index: SymbolIndex::default(),
            sym_order: None,
            exprs: ExprArena::with_capacity(1 << 16),
            trans_count: 0,
            menus: vec![Menu::new(MenuKind::Root, Loc::default())],
            props: Vec::new(),
            files: Vec::new(),
            build: BuildState {
                current_menu: MenuId::ROOT,
                current_entry: MenuId::ROOT,
                last_entry: LinkSlot::List(MenuId::ROOT),
            },
            choice_cache: Vec::new(),
            modules_sym: SymbolId::NO,
            modules_decl: None,
            modules_val: Tristate::No,
            pp_env: Vec::new(),
            messages: Vec::new(),
            sym_warnings: 0,
            conf_changed: false,
            sym_refs: Vec::new(),
            macro_defs: Vec::new(),
            sources: Vec::new(),
            top_file: String::new(),
            parse_errors: 0,
            config_prefix: "CONFIG_".to_string(),
            conf_warnings: 0,
            conf_messages: true,
            user_locs: Default::default(),
        };
        k.init_constants();
        k
    }

    /// Parses `top` (usually `Kconfig`) and everything it sources, then
    /// finalises the menu tree and checks for dependency loops (C `conf_parse`).
    ///
    /// Syntax errors do not fail the load: they are in `messages()` and
    /// `parse_errors()` (the command line stops on them, as the C tool does).
    pub fn load(host: &dyn Host, top: &str) -> Result<Kconfig, LoadError> {
        // Macro expansion and parsing recurse as deep as the input nests.
        with_big_stack(|| Kconfig::load_here(host, top))
    }

    fn load_here(host: &dyn Host, top: &str) -> Result<Kconfig, LoadError> {
        let mut k = Kconfig::empty();
        k.top_file = top.to_string();
        let errors = parser::Parser::new(&mut k, host)
            .parse(top)
            .map_err(|message| LoadError::Fatal {
                message,
                before: std::mem::take(&mut k.messages),
            })?;
        k.parse_errors = errors;
        k.modules_sym = k.modules_decl.unwrap_or(SymbolId::NO);
        if k.menu(MenuId::ROOT).prompt.is_none() {
            k.build.current_entry = MenuId::ROOT;
            k.menu_add_prompt(PropKind::Menu, "Main menu", None, Loc::default(), None);
        }
        if k.parse_errors > 0 {
            // The C tool stops before finalising; we finalise for the editor but
            // keep its messages out, so the command line prints what `conf` prints.
            let n = k.messages.len();
            k.menu_finalize();
            k.cache_choice_menus();
            k.messages.truncate(n);
            return Ok(k);
        }
        k.menu_finalize();
        k.cache_choice_menus();
        let mut errors = 0;
        for m in k.menu_descendants(MenuId::ROOT) {
            let Some(s) = k.menu(m).sym else { continue };
            if k.sym_check_deps(s).is_some() {
                errors += 1;
            }
            if k.transitional_check_sanity(m) {
                errors += 1;
            }
            if k.sym(s).is_choice() {
                for c in k.menu_descendants(m) {
                    if k.menu(c).sym.is_some() && k.choice_check_sanity(c) {
                        errors += 1;
                    }
                }
            }
        }
        k.parse_errors += errors;
        k.conf_changed = true;
        Ok(k)
    }

    /// Number of errors found while loading (syntax, dependency loops, ...).
    pub fn parse_errors(&self) -> u32 {
        self.parse_errors
    }

    /// Messages so far, in the order the C tool would print them.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// Removes and returns the messages so far.
    pub fn take_messages(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.messages)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every mention of a symbol name in the sources.
    pub fn symbol_refs(&self) -> &[SymRef] {
        &self.sym_refs
    }

    /// Macro (preprocessor variable) assignments, in order.
    pub fn macro_defs(&self) -> &[preprocess::MacroDef] {
        &self.macro_defs
    }

    /// Environment variables the sources read, with the values seen.
    pub fn env_dependencies(&self) -> &[(String, String)] {
        &self.pp_env
    }

    /// The symbol carrying the `modules` option, if any.
    pub fn modules_symbol(&self) -> Option<SymbolId> {
        self.modules_decl
    }

    fn file_name_of(&self, loc: Loc) -> &str {
        match loc.file {
            Some(f) => &self.files[f.0 as usize].name,
            None => "<none>",
        }
    }

    pub(crate) fn push_message(
        &mut self,
        stream: Stream,
        severity: Severity,
        loc: Loc,
        message: String,
        text: String,
    ) {
        self.messages.push(Message {
            stream,
            severity,
            loc,
            message,
            text,
            newline: true,
        });
    }

    /// `file:line:warning: msg` (C `menu_warn`, `prop_warn`, `conf_warning`).
    pub(crate) fn warn_at(&mut self, loc: Loc, message: String) {
        let text = format!(
            "{}:{}:warning: {}",
            self.file_name_of(loc),
            loc.line,
            message
        );
        self.push_message(Stream::Stderr, Severity::Warning, loc, message, text);
    }

    /// `file:line: msg` (C `zconfprint`, `zconf_error`, `yyerror`).
    pub(crate) fn report_plain(
        &mut self,
        stream: Stream,
        severity: Severity,
        loc: Loc,
        message: String,
    ) {
        let text = format!("{}:{}: {}", self.file_name_of(loc), loc.line, message);
        self.push_message(stream, severity, loc, message, text);
    }

    pub(crate) fn report_error_plain(&mut self, loc: Loc, message: String) {
        self.report_plain(Stream::Stderr, Severity::Error, loc, message);
    }

    /// A line on stdout with no location.
    pub(crate) fn stdout(&mut self, text: String) {
        self.push_message(
            Stream::Stdout,
            Severity::Info,
            Loc::default(),
            text.clone(),
            text,
        );
    }

    /// Text on stderr with no location (may span lines).
    pub(crate) fn stderr(&mut self, severity: Severity, text: String) {
        self.push_message(Stream::Stderr, severity, Loc::default(), text.clone(), text);
    }

    /// The C tool's "transitional symbols can only have help sections" check.
    fn transitional_check_sanity(&mut self, m: MenuId) -> bool {
        let Some(s) = self.menu(m).sym else {
            return false;
        };
        if !self.sym(s).is_transitional() {
            return false;
        }
        let msg = "error: transitional symbols can only have help sections".to_string();
        let dep = self.menu(m).dep;
        let vis = self.menu(m).visibility;
        if (dep.is_some() && !self.is_yes(dep)) || (vis.is_some() && !self.is_yes(vis)) {
            let loc = self.menu(m).loc;
            self.report_error_plain(loc, msg);
            return true;
        }
        let bad = self
            .sym(s)
            .props
            .iter()
            .copied()
            .find(|&p| self.prop(p).kind != PropKind::Comment);
        if let Some(p) = bad {
            let loc = self.prop(p).loc;
            self.report_error_plain(loc, msg);
            return true;
        }
        false
    }

    /// The C tool's choice member checks.
    fn choice_check_sanity(&mut self, m: MenuId) -> bool {
        let Some(s) = self.menu(m).sym else {
            return false;
        };
        let mut bad = false;
        let parent = self.menu(m).parent;
        for p in self.sym(s).props.clone() {
            let pr = self.prop(p).clone();
            if pr.kind == PropKind::Default {
                self.report_error_plain(
                    pr.loc,
                    "error: defaults for choice values not supported".to_string(),
                );
                bad = true;
            }
            if pr.menu != m && pr.kind == PropKind::Prompt && self.menu(pr.menu).parent != parent {
                self.report_error_plain(
                    pr.loc,
                    "error: choice value has a prompt outside its choice group".to_string(),
                );
                bad = true;
            }
        }
        bad
    }
}
