//! The symbol description the C tool shows for `?` in `oldconfig` and in
//! menuconfig's help (C `menu_get_ext_help`, `get_symbol_str`): prompt,
//! location, dependencies, selects and reverse dependencies with values.

use super::expr::ExprId;
use super::menu::{MenuId, PropKind};
use super::symbol::{SymbolId, SymbolType, Tristate};
use super::Kconfig;

const NO_HELP: &str = "There is no help available for this option.";

impl Kconfig {
    fn dep_str(&self, out: &mut String, e: Option<ExprId>, prefix: &str) {
        if !self.is_yes(e) {
            out.push_str(prefix);
            out.push_str(&self.expr_to_string_with_values(e));
            out.push('\n');
        }
    }

    fn prompt_str(&mut self, out: &mut String, p: super::menu::PropId) {
        let text = self.prop(p).text.clone().unwrap_or_default();
        out.push_str(&format!("  Prompt: {text}\n"));
        let pm = self.prop(p).menu;
        let dep = self.menu(pm).dep;
        self.dep_str(out, dep, "  Depends on: ");
        let vis = self.prop(p).visible.expr;
        if !self.expr_eq(dep, vis) {
            self.dep_str(out, vis, "  Visible if: ");
        }
        let mut chain = Vec::new();
        let mut m = pm;
        while m != MenuId::ROOT && chain.len() < 8 {
            chain.push(m);
            m = self.menu(m).parent.unwrap_or(MenuId::ROOT);
        }
        for &c in &chain {
            // The C tool computes visibility here (it marks the jump target).
            self.menu_is_visible(c);
        }
        out.push_str("  Location:\n");
        for (j, &c) in chain.iter().rev().enumerate() {
            let indent = 2 * j + 4;
            out.push_str(&" ".repeat(indent));
            out.push_str("-> ");
            out.push_str(self.menu_get_prompt(c).unwrap_or(""));
            if let Some(s) = self.menu(c).sym {
                let v = self.string_value(s);
                out.push_str(&format!(" ({} [={}])", self.sym(s).name_or_choice(), v));
            }
            out.push('\n');
        }
    }

    fn props_str(&self, out: &mut String, s: SymbolId, kind: PropKind, prefix: &str) {
        let mut hit = false;
        for &p in &self.sym(s).props {
            if self.prop(p).kind != kind {
                continue;
            }
            if !hit {
                out.push_str(prefix);
                hit = true;
            } else {
                out.push_str(" && ");
            }
            out.push_str(&self.expr_to_string_with_values(self.prop(p).expr));
        }
        if hit {
            out.push('\n');
        }
    }

    /// The C tool's symbol summary (C `get_symbol_str`).
    pub fn symbol_info_text(&mut self, s: SymbolId) -> String {
        let mut out = String::new();
        if let Some(name) = self.sym(s).name.clone() {
            let v = self.string_value(s);
            out.push_str(&format!("Symbol: {name} [={v}]\n"));
            let ty = self.sym(s).ty;
            out.push_str(&format!("Type  : {}\n", ty.name()));
            if ty == SymbolType::Int || ty == SymbolType::Hex {
                if let Some(p) = self.range_prop(s) {
                    out.push_str("Range : ");
                    out.push_str(&self.expr_to_string_with_values(self.prop(p).expr));
                    out.push('\n');
                }
            }
        }
        let menus = self.sym(s).menus.clone();
        for &m in &menus {
            if let Some(p) = self.menu(m).prompt {
                self.def_str(&mut out, m);
                self.prompt_str(&mut out, p);
            }
        }
        for &m in &menus {
            if self.menu(m).prompt.is_none() {
                self.def_str(&mut out, m);
                let d = self.menu(m).dep;
                self.dep_str(&mut out, d, "  Depends on: ");
            }
        }
        self.props_str(&mut out, s, PropKind::Select, "Selects: ");
        let rd = self.sym(s).rev_dep.expr;
        if rd.is_some() {
            self.print_revdep(rd, Tristate::Yes, "Selected by [y]:\n", &mut out);
            self.print_revdep(rd, Tristate::Mod, "Selected by [m]:\n", &mut out);
            self.print_revdep(rd, Tristate::No, "Selected by [n]:\n", &mut out);
        }
        self.props_str(&mut out, s, PropKind::Imply, "Implies: ");
        let im = self.sym(s).implied.expr;
        if im.is_some() {
            self.print_revdep(im, Tristate::Yes, "Implied by [y]:\n", &mut out);
            self.print_revdep(im, Tristate::Mod, "Implied by [m]:\n", &mut out);
            self.print_revdep(im, Tristate::No, "Implied by [n]:\n", &mut out);
        }
        out.push_str("\n\n");
        out
    }

    fn def_str(&self, out: &mut String, m: MenuId) {
        let loc = self.menu(m).loc;
        let f = loc
            .file
            .map(|f| self.file(f).name.to_string())
            .unwrap_or_default();
        out.push_str(&format!("Defined at {}:{}\n", f, loc.line));
    }

    /// Help text plus the symbol summary (C `menu_get_ext_help`).
    pub fn menu_ext_help(&mut self, m: MenuId) -> String {
        let mut out = String::new();
        let sym = self.menu(m).sym;
        let mut text = NO_HELP.to_string();
        if let Some(h) = self.menu(m).help.clone() {
            if let Some(name) = sym.and_then(|s| self.sym(s).name.clone()) {
                out.push_str(&format!("{}{}:\n\n", self.config_prefix, name));
            }
            text = h;
        }
        out.push_str(&text);
        out.push('\n');
        if let Some(s) = sym {
            let info = self.symbol_info_text(s);
            out.push_str(&info);
        }
        out
    }
}
