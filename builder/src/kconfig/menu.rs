//! The menu tree: entries, properties, and finalisation.
//!
//! Parsing appends entries in source order; `finalize` then propagates
//! dependencies from enclosing menus/ifs/choices into every property, builds
//! reverse dependencies for `select`/`imply`, creates the automatic submenus the
//! C tool creates (a symbol followed by entries that depend on it) and flattens
//! `if` blocks. The resulting tree decides the order and the `# end of` comments
//! of `.config`.

use std::sync::Arc;

use super::expr::{CmpOp, Expr, ExprId};
use super::source::{Loc, Span};
use super::symbol::{flags, ExprValue, SymbolId, SymbolType};
use super::Kconfig;

/// Index of a menu entry; `MenuId::ROOT` is the main menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MenuId(pub u32);

impl MenuId {
    pub const ROOT: MenuId = MenuId(0);
}

/// Index of a property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PropId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropKind {
    /// `prompt "..."` or the prompt after a type.
    Prompt,
    /// The text of a `comment`.
    Comment,
    /// The text of a `menu`, `menuconfig` or `mainmenu`.
    Menu,
    Default,
    Select,
    Imply,
    Range,
}

impl PropKind {
    pub fn name(self) -> &'static str {
        match self {
            PropKind::Prompt => "prompt",
            PropKind::Comment => "comment",
            PropKind::Menu => "menu",
            PropKind::Default => "default",
            PropKind::Select => "select",
            PropKind::Imply => "imply",
            PropKind::Range => "range",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Property {
    pub kind: PropKind,
    pub text: Option<Arc<str>>,
    /// The condition (`if ...` plus inherited dependencies after finalisation).
    pub visible: ExprValue,
    /// The value (default), target (select/imply) or bounds (range).
    pub expr: Option<ExprId>,
    pub menu: MenuId,
    pub loc: Loc,
    /// The whole property line(s).
    pub span: Option<Span>,
}

/// What kind of statement created a menu entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuKind {
    Root,
    Config,
    MenuConfig,
    Choice,
    Comment,
    Menu,
    If,
}

#[derive(Clone, Debug)]
pub struct Menu {
    pub kind: MenuKind,
    pub next: Option<MenuId>,
    pub parent: Option<MenuId>,
    pub list: Option<MenuId>,
    pub sym: Option<SymbolId>,
    pub prompt: Option<PropId>,
    /// `visible if` of a menu.
    pub visibility: Option<ExprId>,
    /// `depends on` (plus inherited dependencies after finalisation).
    pub dep: Option<ExprId>,
    pub help: Option<String>,
    pub loc: Loc,
    /// The statement keyword through the name or prompt (`config FOO`).
    pub span: Option<Span>,
    /// The symbol name after `config`/`menuconfig`.
    pub name_span: Option<Span>,
    /// The whole entry, through its last attribute or help line.
    pub full_span: Option<Span>,
    /// For a choice: members in priority order (C: `choice_members`).
    pub choice_members: Vec<SymbolId>,
    /// Each `depends on` line (or `if` condition) of this entry, as written.
    pub dep_lines: Vec<(ExprId, Span, Loc)>,
    /// The enclosing block in the source (finalisation may re-parent entries).
    pub syn_parent: Option<MenuId>,
}

impl Menu {
    pub(crate) fn new(kind: MenuKind, loc: Loc) -> Menu {
        Menu {
            kind,
            next: None,
            parent: None,
            list: None,
            sym: None,
            prompt: None,
            visibility: None,
            dep: None,
            help: None,
            loc,
            span: None,
            name_span: None,
            full_span: None,
            choice_members: Vec::new(),
            dep_lines: Vec::new(),
            syn_parent: None,
        }
    }
}

/// Where the parser links the next entry (C: `last_entry_ptr`).
#[derive(Clone, Copy, Debug)]
pub(crate) enum LinkSlot {
    List(MenuId),
    Next(MenuId),
}

impl Kconfig {
    pub fn menu(&self, id: MenuId) -> &Menu {
        &self.menus[id.0 as usize]
    }

    pub(crate) fn menu_mut(&mut self, id: MenuId) -> &mut Menu {
        &mut self.menus[id.0 as usize]
    }

    pub fn prop(&self, id: PropId) -> &Property {
        &self.props[id.0 as usize]
    }

    pub(crate) fn prop_mut(&mut self, id: PropId) -> &mut Property {
        &mut self.props[id.0 as usize]
    }

    /// Depth-first successor of `menu` inside `root` (C: `menu_next`).
    pub fn menu_next(&self, menu: MenuId, root: MenuId) -> Option<MenuId> {
        if let Some(l) = self.menu(menu).list {
            return Some(l);
        }
        let mut m = menu;
        while m != root && self.menu(m).next.is_none() {
            m = self.menu(m).parent?;
        }
        if m == root {
            return None;
        }
        self.menu(m).next
    }

    /// All entries below `root`, depth first.
    pub fn menu_descendants(&self, root: MenuId) -> Vec<MenuId> {
        let mut v = Vec::new();
        let mut m = self.menu_next(root, root);
        while let Some(x) = m {
            v.push(x);
            m = self.menu_next(x, root);
        }
        v
    }

    /// The symbol a single-symbol expression names (C: `prop_get_symbol`).
    pub fn prop_symbol(&self, p: PropId) -> Option<SymbolId> {
        match self.prop(p).expr.map(|e| self.e(e)) {
            Some(Expr::Symbol(s)) => Some(s),
            _ => None,
        }
    }

    // ---- building (called by the parser) ----

    pub(crate) fn menu_add_entry(
        &mut self,
        kind: MenuKind,
        sym: Option<SymbolId>,
        loc: Loc,
    ) -> MenuId {
        let id = MenuId(self.menus.len() as u32);
        let mut m = Menu::new(kind, loc);
        m.sym = sym;
        m.parent = Some(self.build.current_menu);
        m.syn_parent = Some(self.build.current_menu);
        self.menus.push(m);
        match self.build.last_entry {
            LinkSlot::List(p) => self.menu_mut(p).list = Some(id),
            LinkSlot::Next(p) => self.menu_mut(p).next = Some(id),
        }
        self.build.last_entry = LinkSlot::Next(id);
        self.build.current_entry = id;
        if let Some(s) = sym {
            self.sym_mut(s).menus.push(id);
        }
        id
    }

    pub(crate) fn menu_add_menu(&mut self) -> MenuId {
        let e = self.build.current_entry;
        self.build.last_entry = LinkSlot::List(e);
        self.build.current_menu = e;
        e
    }

    pub(crate) fn menu_end_menu(&mut self) {
        let m = self.build.current_menu;
        self.build.last_entry = LinkSlot::Next(m);
        self.build.current_menu = self.menu(m).parent.unwrap_or(MenuId::ROOT);
    }

    pub(crate) fn menu_add_dep(&mut self, dep: Option<ExprId>) {
        let e = self.build.current_entry;
        let d = self.menu(e).dep;
        let nd = self.e_and(d, dep);
        self.menu_mut(e).dep = nd;
    }

    pub(crate) fn menu_set_type(&mut self, ty: SymbolType) {
        let e = self.build.current_entry;
        let Some(s) = self.menu(e).sym else { return };
        let cur = self.sym(s).ty;
        if cur == ty {
            return;
        }
        if cur == SymbolType::Unknown {
            self.sym_mut(s).ty = ty;
            return;
        }
        let name = self.sym(s).name_or_choice().to_string();
        let loc = self.menu(e).loc;
        self.warn_at(
            loc,
            format!(
                "ignoring type redefinition of '{}' from '{}' to '{}'",
                name,
                cur.name(),
                ty.name()
            ),
        );
    }

    pub(crate) fn menu_add_prop(
        &mut self,
        kind: PropKind,
        expr: Option<ExprId>,
        dep: Option<ExprId>,
        loc: Loc,
        span: Option<Span>,
    ) -> PropId {
        let id = PropId(self.props.len() as u32);
        let e = self.build.current_entry;
        self.props.push(Property {
            kind,
            text: None,
            visible: ExprValue {
                expr: dep,
                tri: Default::default(),
            },
            expr,
            menu: e,
            loc,
            span,
        });
        if let Some(s) = self.menu(e).sym {
            self.sym_mut(s).props.push(id);
        }
        id
    }

    pub(crate) fn menu_add_prompt(
        &mut self,
        kind: PropKind,
        text: &str,
        dep: Option<ExprId>,
        loc: Loc,
        span: Option<Span>,
    ) -> PropId {
        let p = self.menu_add_prop(kind, None, dep, loc, span);
        let mut text = text;
        if text.starts_with(is_c_space) {
            self.warn_at(loc, "leading whitespace ignored".to_string());
            text = text.trim_start_matches(is_c_space);
        }
        let e = self.build.current_entry;
        if self.menu(e).prompt.is_some() {
            self.warn_at(loc, "prompt redefined".to_string());
        }
        if kind == PropKind::Prompt {
            let mut m = e;
            while let Some(parent) = self.menu(m).parent {
                m = parent;
                if let Some(v) = self.menu(m).visibility {
                    let cur = self.prop(p).visible.expr;
                    let nv = self.e_and(cur, Some(v));
                    self.prop_mut(p).visible.expr = nv;
                }
            }
        }
        self.menu_mut(e).prompt = Some(p);
        self.prop_mut(p).text = Some(Arc::from(text));
        p
    }

    pub(crate) fn menu_add_visibility(&mut self, expr: Option<ExprId>) {
        let e = self.build.current_entry;
        let v = self.menu(e).visibility;
        let nv = self.e_and(v, expr);
        self.menu_mut(e).visibility = nv;
    }

    // ---- finalisation ----

    /// `m` becomes `m && MODULES`, so `m` reads as `n` without module support.
    fn rewrite_m(&mut self, e: Option<ExprId>) -> Option<ExprId> {
        let e = e?;
        if let Some(r) = self.exprs.memo_get(super::expr::Rewrite::RewriteM, e) {
            return Some(r);
        }
        let r = self.rewrite_m_uncached(e);
        self.exprs.memo_put(super::expr::Rewrite::RewriteM, e, r);
        Some(r)
    }

    fn rewrite_m_uncached(&mut self, e: ExprId) -> ExprId {
        match self.e(e) {
            Expr::Not(c) => {
                let c = self.rewrite_m(Some(c)).expect("operand");
                self.e_not(c)
            }
            Expr::Or(l, r) => {
                let (l, r) = (self.rewrite_m(Some(l)), self.rewrite_m(Some(r)));
                self.exprs
                    .intern(Expr::Or(l.expect("operand"), r.expect("operand")))
            }
            Expr::And(l, r) => {
                let (l, r) = (self.rewrite_m(Some(l)), self.rewrite_m(Some(r)));
                self.exprs
                    .intern(Expr::And(l.expect("operand"), r.expect("operand")))
            }
            Expr::Symbol(s) if s == SymbolId::MOD => {
                let m = self.e_sym(self.modules_sym);
                self.exprs.intern(Expr::And(e, m))
            }
            _ => e,
        }
    }

    pub(crate) fn menu_finalize(&mut self) {
        self.finalize_menu(MenuId::ROOT, false);
    }

    fn finalize_menu(&mut self, parent: MenuId, inside_choice: bool) {
        let sym = self.menu(parent).sym;
        if self.menu(parent).list.is_some() {
            // Propagate the parent's dependencies into each child and its properties.
            let parent_dep = self.menu(parent).dep;
            let mut m = self.menu(parent).list;
            while let Some(menu) = m {
                let d = self.rewrite_m(self.menu(menu).dep);
                let d = self.transform(d);
                let d = self.e_and(parent_dep, d);
                let basedep = self.eliminate_dups(d);
                self.menu_mut(menu).dep = basedep;
                let props: Vec<PropId> = match self.menu(menu).sym {
                    Some(s) => self.sym(s).props.clone(),
                    None => self.menu(menu).prompt.into_iter().collect(),
                };
                for p in props {
                    if self.prop(p).menu != menu {
                        continue;
                    }
                    let d = self.rewrite_m(self.prop(p).visible.expr);
                    let d = self.transform(d);
                    let d = self.e_and(basedep, d);
                    let dep = self.eliminate_dups(d);
                    self.prop_mut(p).visible.expr = dep;
                    let kind = self.prop(p).kind;
                    if kind == PropKind::Select || kind == PropKind::Imply {
                        let (Some(es), Some(ms)) = (self.prop_symbol(p), self.menu(menu).sym)
                        else {
                            continue;
                        };
                        let me = self.e_sym(ms);
                        let term = self.e_and(Some(me), dep);
                        if kind == PropKind::Select {
                            let old = self.sym(es).rev_dep.expr;
                            let n = self.e_or(old, term);
                            self.sym_mut(es).rev_dep.expr = n;
                        } else {
                            let old = self.sym(es).implied.expr;
                            let n = self.e_or(old, term);
                            self.sym_mut(es).implied.expr = n;
                        }
                    }
                }
                m = self.menu(menu).next;
            }
            let in_choice = sym.is_some_and(|s| self.sym(s).is_choice());
            let mut m = self.menu(parent).list;
            while let Some(menu) = m {
                self.finalize_menu(menu, in_choice);
                m = self.menu(menu).next;
            }
        } else if let (false, Some(sym)) = (inside_choice, sym) {
            // Automatic submenu: following entries that depend on this symbol.
            let pv = self
                .menu(parent)
                .prompt
                .and_then(|p| self.prop(p).visible.expr);
            let bd = self.trans_compare(pv, CmpOp::Unequal, SymbolId::NO);
            let bd = self.transform(bd);
            let basedep = self.eliminate_dups(bd);
            let mut last_menu = None;
            let mut m = self.menu(parent).next;
            while let Some(menu) = m {
                let dep = match self.menu(menu).prompt {
                    Some(p) => self.prop(p).visible.expr,
                    None => self.menu(menu).dep,
                };
                if !self.contains_symbol(dep, sym) {
                    break;
                }
                if !self.depends_symbol(dep, sym) {
                    let d = self.trans_compare(dep, CmpOp::Unequal, SymbolId::NO);
                    let d = self.transform(d);
                    let mut dep = self.eliminate_dups(d);
                    let mut dep2 = basedep;
                    self.eliminate_eq(&mut dep, &mut dep2);
                    if !self.is_yes(dep2) {
                        break;
                    }
                }
                self.finalize_menu(menu, false);
                self.menu_mut(menu).parent = Some(parent);
                last_menu = Some(menu);
                m = self.menu(menu).next;
            }
            if let Some(last) = last_menu {
                let pn = self.menu(parent).next;
                let ln = self.menu(last).next;
                self.menu_mut(parent).list = pn;
                self.menu_mut(parent).next = ln;
                self.menu_mut(last).next = None;
            }
            let pd = self.menu(parent).dep;
            let old = self.sym(sym).dir_dep.expr;
            let n = self.e_or(old, pd);
            self.sym_mut(sym).dir_dep.expr = n;
        }
        // Flatten `if` blocks and submenus of promptless symbols.
        let mut m = self.menu(parent).list;
        while let Some(menu) = m {
            let has_text = self
                .menu(menu)
                .prompt
                .is_some_and(|p| self.prop(p).text.is_some());
            if let (Some(first), false) = (self.menu(menu).list, has_text) {
                let mut last = first;
                loop {
                    self.menu_mut(last).parent = Some(parent);
                    match self.menu(last).next {
                        Some(n) => last = n,
                        None => break,
                    }
                }
                let mn = self.menu(menu).next;
                self.menu_mut(last).next = mn;
                self.menu_mut(menu).next = Some(first);
                self.menu_mut(menu).list = None;
            }
            m = self.menu(menu).next;
        }
        if let Some(s) = sym {
            if self.sym(s).flags & flags::WARNED == 0 {
                if self.sym(s).ty == SymbolType::Unknown {
                    let loc = self.menu(parent).loc;
                    self.warn_at(loc, "config symbol defined without type".to_string());
                }
                self.sym_check_prop(s);
                self.sym_mut(s).flags |= flags::WARNED;
            }
        }
    }

    fn menu_validate_number(&self, sym: SymbolId, sym2: SymbolId) -> bool {
        let t2 = self.sym(sym2).ty;
        t2 == SymbolType::Int
            || t2 == SymbolType::Hex
            || (t2 == SymbolType::Unknown
                && self
                    .sym(sym2)
                    .name
                    .as_deref()
                    .is_some_and(|n| self.sym_string_valid(sym, n)))
    }

    /// The C tool's property checks, run once per symbol during finalisation.
    fn sym_check_prop(&mut self, sym: SymbolId) {
        let props = self.sym(sym).props.clone();
        let ty = self.sym(sym).ty;
        let name = self.sym(sym).name.as_deref().map(str::to_string);
        let name_s = name.clone().unwrap_or_else(|| "(null)".to_string());
        for p in props {
            let loc = self.prop(p).loc;
            match self.prop(p).kind {
                PropKind::Default => {
                    let is_sym =
                        matches!(self.prop(p).expr.map(|e| self.e(e)), Some(Expr::Symbol(_)));
                    if matches!(ty, SymbolType::String | SymbolType::Int | SymbolType::Hex)
                        && !is_sym
                    {
                        self.warn_at(
                            loc,
                            format!("default for config symbol '{name_s}' must be a single symbol"),
                        );
                    }
                    if !is_sym {
                        continue;
                    }
                    let sym2 = self.prop_symbol(p).expect("symbol default");
                    if (ty == SymbolType::Hex || ty == SymbolType::Int)
                        && !self.menu_validate_number(sym, sym2)
                    {
                        self.warn_at(loc, format!("'{name_s}': number is invalid"));
                    }
                    if self.sym(sym).is_choice() {
                        let choice = self.sym_get_choice_menu(sym2);
                        if choice.is_none_or(|c| self.menu(c).sym != Some(sym)) {
                            let n2 = self.sym(sym2).name_or_choice().to_string();
                            self.warn_at(
                                loc,
                                format!(
                                    "choice default symbol '{n2}' is not contained in the choice"
                                ),
                            );
                        }
                    }
                }
                k @ (PropKind::Select | PropKind::Imply) => {
                    let use_ = if k == PropKind::Select {
                        "select"
                    } else {
                        "imply"
                    };
                    let Some(sym2) = self.prop_symbol(p) else {
                        continue;
                    };
                    let t2 = self.sym(sym2).ty;
                    if !ty.is_logic() {
                        self.warn_at(
                            loc,
                            format!(
                                "config symbol '{name_s}' uses {use_}, but is not bool or tristate"
                            ),
                        );
                    } else if t2 != SymbolType::Unknown && !t2.is_logic() {
                        let n2 = self.sym(sym2).name_or_choice().to_string();
                        self.warn_at(
                            loc,
                            format!("'{n2}' has wrong type. '{use_}' only accept arguments of bool and tristate type"),
                        );
                    }
                }
                PropKind::Range => {
                    if ty != SymbolType::Int && ty != SymbolType::Hex {
                        self.warn_at(
                            loc,
                            "range is only allowed for int or hex symbols".to_string(),
                        );
                    }
                    if let Some(Expr::Range(a, b)) = self.prop(p).expr.map(|e| self.e(e)) {
                        if !self.menu_validate_number(sym, a) || !self.menu_validate_number(sym, b)
                        {
                            self.warn_at(loc, "range is invalid".to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The choice a symbol is a member of: its first prompted entry's nearest
    /// symbol ancestor, if that is a choice (C: `sym_get_choice_menu`).
    pub fn sym_get_choice_menu(&self, sym: SymbolId) -> Option<MenuId> {
        if let Some(c) = self.choice_cache.get(sym.0 as usize) {
            return *c;
        }
        self.compute_choice_menu(sym)
    }

    pub(crate) fn compute_choice_menu(&self, sym: SymbolId) -> Option<MenuId> {
        let first = self
            .sym(sym)
            .menus
            .iter()
            .copied()
            .find(|m| self.menu(*m).prompt.is_some())?;
        let mut m = self.menu(first).parent;
        while let Some(x) = m {
            if self.menu(x).sym.is_some() {
                break;
            }
            m = self.menu(x).parent;
        }
        let x = m?;
        let s = self.menu(x).sym?;
        self.sym(s).is_choice().then_some(x)
    }

    /// Caches every symbol's choice (the tree no longer changes after parsing).
    pub(crate) fn cache_choice_menus(&mut self) {
        let v: Vec<Option<MenuId>> = (0..self.syms.len() as u32)
            .map(|i| self.compute_choice_menu(SymbolId(i)))
            .collect();
        self.choice_cache = v;
    }

    /// The text shown for an entry: its prompt, else its symbol's name.
    pub fn menu_get_prompt(&self, m: MenuId) -> Option<&str> {
        let menu = self.menu(m);
        if let Some(p) = menu.prompt {
            return self.prop(p).text.as_deref();
        }
        menu.sym.and_then(|s| self.sym(s).name.as_deref())
    }

    /// Whether the entry would be shown in a configuration interface.
    pub fn menu_is_visible(&mut self, m: MenuId) -> bool {
        let Some(p) = self.menu(m).prompt else {
            return false;
        };
        if let Some(v) = self.menu(m).visibility {
            if self.expr_calc_value(Some(v)) == super::symbol::Tristate::No {
                return false;
            }
        }
        let sym = self.menu(m).sym;
        let visible = if let Some(s) = sym {
            self.calc_value(s);
            self.prop(p).visible.tri
        } else {
            let e = self.prop(p).visible.expr;
            let t = self.expr_calc_value(e);
            self.prop_mut(p).visible.tri = t;
            t
        };
        if visible != super::symbol::Tristate::No {
            return true;
        }
        match sym {
            Some(s) if self.sym(s).curr.tri != super::symbol::Tristate::No => {}
            _ => return false,
        }
        let mut c = self.menu(m).list;
        while let Some(child) = c {
            if self.menu_is_visible(child) {
                return true;
            }
            c = self.menu(child).next;
        }
        false
    }

    /// The nearest enclosing `menu` (or the root) of an entry.
    pub fn menu_get_parent_menu(&self, mut m: MenuId) -> MenuId {
        while m != MenuId::ROOT {
            let is_menu = self
                .menu(m)
                .prompt
                .is_some_and(|p| self.prop(p).kind == PropKind::Menu);
            if is_menu {
                break;
            }
            m = self.menu(m).parent.unwrap_or(MenuId::ROOT);
        }
        m
    }
}

/// C `isspace` in the C locale.
pub(crate) fn is_c_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}
