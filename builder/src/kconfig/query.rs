//! Read-only questions the language server asks about a loaded tree: where a
//! symbol is defined, what it is, what selects it, the menu tree.
//!
//! Answers are plain data (spans, strings, ids); no protocol types here.

use super::expr::ExprId;
use super::menu::{MenuId, MenuKind, PropKind};
use super::source::{Loc, Span};
use super::symbol::{SymbolId, SymbolType};
use super::Kconfig;

/// One `config`/`menuconfig`/`choice` entry defining a symbol.
#[derive(Clone, Debug)]
pub struct Definition {
    pub menu: MenuId,
    pub kind: MenuKind,
    pub loc: Loc,
    /// The name after the keyword.
    pub name_span: Option<Span>,
    /// The whole entry, through its last attribute or help text.
    pub entry_span: Option<Span>,
    pub prompt: Option<String>,
    pub help: Option<String>,
    /// `depends on` of this entry plus inherited ones, as Kconfig text.
    pub depends_on: String,
}

/// A summary of a symbol for hover.
#[derive(Clone, Debug)]
pub struct SymbolInfo {
    pub name: String,
    pub ty: SymbolType,
    pub definitions: Vec<Definition>,
    /// Defaults in evaluation order: (value text, condition text, location).
    pub defaults: Vec<(String, String, Loc)>,
    /// `select`s and `imply`s of other symbols by this one.
    pub selects: Vec<(String, Loc)>,
    pub implies: Vec<(String, Loc)>,
    /// Symbols that select / imply this one: (`SYM && condition`, location).
    pub selected_by: Vec<(String, Loc)>,
    pub implied_by: Vec<(String, Loc)>,
    /// `range` properties: (bounds text, condition text).
    pub ranges: Vec<(String, String)>,
    /// Direct dependencies (all definitions), as Kconfig text.
    pub direct_deps: String,
}

/// A node of the menu tree as a configuration interface shows it.
#[derive(Clone, Debug)]
pub struct MenuNode {
    pub menu: MenuId,
    pub kind: MenuKind,
    pub prompt: Option<String>,
    pub symbol: Option<SymbolId>,
    pub loc: Loc,
    pub children: Vec<MenuNode>,
}

impl Kconfig {
    /// Every defining entry of `s`, in source order.
    pub fn definitions(&self, s: SymbolId) -> Vec<Definition> {
        self.sym(s)
            .menus
            .iter()
            .map(|&m| {
                let menu = self.menu(m);
                Definition {
                    menu: m,
                    kind: menu.kind,
                    loc: menu.loc,
                    name_span: menu.name_span,
                    entry_span: menu.full_span,
                    prompt: menu
                        .prompt
                        .and_then(|p| self.prop(p).text.as_deref().map(str::to_string)),
                    help: menu.help.clone(),
                    depends_on: self.expr_to_string(menu.dep),
                }
            })
            .collect()
    }

    fn cond_text(&self, e: Option<ExprId>) -> String {
        if self.is_yes(e) {
            String::new()
        } else {
            self.expr_to_string(e)
        }
    }

    /// Everything static about a symbol (no values; see `explain` for those).
    pub fn symbol_info(&self, s: SymbolId) -> SymbolInfo {
        let sym = self.sym(s);
        let mut info = SymbolInfo {
            name: sym.name_or_choice().to_string(),
            ty: sym.ty,
            definitions: self.definitions(s),
            defaults: Vec::new(),
            selects: Vec::new(),
            implies: Vec::new(),
            selected_by: Vec::new(),
            implied_by: Vec::new(),
            ranges: Vec::new(),
            direct_deps: self.expr_to_string(sym.dir_dep.expr),
        };
        for &p in &sym.props {
            let pr = self.prop(p);
            match pr.kind {
                PropKind::Default => info.defaults.push((
                    self.expr_to_string(pr.expr),
                    self.cond_text(pr.visible.expr),
                    pr.loc,
                )),
                PropKind::Select => info.selects.push((self.expr_to_string(pr.expr), pr.loc)),
                PropKind::Imply => info.implies.push((self.expr_to_string(pr.expr), pr.loc)),
                PropKind::Range => info.ranges.push((
                    self.expr_to_string(pr.expr),
                    self.cond_text(pr.visible.expr),
                )),
                _ => {}
            }
        }
        for (kind, out) in [
            (PropKind::Select, &mut info.selected_by),
            (PropKind::Imply, &mut info.implied_by),
        ] {
            for p in self.reverse_props(s, kind) {
                let pr = self.prop(p);
                let by = self
                    .menu(pr.menu)
                    .sym
                    .map(|b| self.sym(b).name_or_choice().to_string())
                    .unwrap_or_default();
                let cond = self.cond_text(pr.visible.expr);
                let text = if cond.is_empty() {
                    by
                } else {
                    format!("{by} && {cond}")
                };
                out.push((text, pr.loc));
            }
        }
        info
    }

    /// Symbols defined by some Kconfig entry, by name.
    pub fn defined_symbols(&self) -> Vec<SymbolId> {
        (3..self.syms.len() as u32)
            .map(SymbolId)
            .filter(|&s| {
                self.sym(s).name.is_some()
                    && !self.sym(s).is_const()
                    && !self.sym(s).menus.is_empty()
            })
            .collect()
    }

    /// The menu tree below `root` (after finalisation).
    pub fn menu_tree(&self, root: MenuId) -> MenuNode {
        let menu = self.menu(root);
        let mut children = Vec::new();
        let mut c = menu.list;
        while let Some(m) = c {
            children.push(self.menu_tree(m));
            c = self.menu(m).next;
        }
        MenuNode {
            menu: root,
            kind: menu.kind,
            prompt: self.menu_get_prompt(root).map(str::to_string),
            symbol: menu.sym,
            loc: menu.loc,
            children,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::conf::{self, ConfIo, Mode};
    use super::super::explain::Reason;
    use super::super::host::MemHost;
    use super::super::source::Stream;
    use super::*;

    struct Quiet;
    impl ConfIo for Quiet {
        fn print(&mut self, _: Stream, _: &str) {}
        fn read_line(&mut self) -> Option<String> {
            None
        }
        fn is_tty(&self) -> bool {
            false
        }
    }

    const TREE: &str = r#"mainmenu "Test"
config MODULES
	bool "modules"
	modules
	default y
menu "Drivers"
config BUS
	bool "bus"
	default y
config NET
	tristate "net"
	depends on BUS
config FOO
	tristate "foo"
	depends on NET
	select BAR
	imply BAZ
	help
	  Foo help.
config BAR
	tristate
config BAZ
	tristate "baz"
config COUNT
	int "count"
	range 2 8
	default 10
endmenu
"#;

    fn load(config: &str) -> Kconfig {
        let mut host = MemHost::new(&[("Kconfig", TREE), (".config", config)]);
        host.env.insert("srctree".into(), "/src".into());
        let mut k = Kconfig::load(&host, "Kconfig").expect("loads");
        assert_eq!(k.parse_errors(), 0);
        conf::run(
            &mut k,
            &host,
            std::path::Path::new("/nonexistent"),
            Mode::ListNewConfig,
            true,
            &mut Quiet,
        )
        .expect("reads config");
        k
    }

    #[test]
    fn definitions_and_info() {
        let k = load("");
        let foo = k.sym_find("FOO").unwrap();
        let defs = k.definitions(foo);
        assert_eq!(defs.len(), 1);
        assert_eq!(defs[0].loc.line, 13);
        assert_eq!(defs[0].prompt.as_deref(), Some("foo"));
        // The C scanner keeps no newline when the next line starts a statement.
        assert_eq!(defs[0].help.as_deref(), Some("Foo help."));
        let span = defs[0].name_span.unwrap();
        assert_eq!((span.start.line, span.start.col, span.end.col), (13, 7, 10));
        let bar = k.sym_find("BAR").unwrap();
        let info = k.symbol_info(bar);
        assert_eq!(
            info.selected_by
                .iter()
                .map(|s| s.0.as_str())
                .collect::<Vec<_>>(),
            ["FOO && NET"]
        );
        let baz = k.symbol_info(k.sym_find("BAZ").unwrap());
        assert_eq!(baz.implied_by.len(), 1);
        assert_eq!(k.symbol_info(foo).direct_deps, "NET");
    }

    #[test]
    fn explain_default_select_and_unmet_dependency() {
        let mut k = load("CONFIG_NET=y\nCONFIG_FOO=m\n# CONFIG_BUS is not set\n");
        // BUS=n turns NET off: unmet dependency reported with its location.
        let net = k.sym_find("NET").unwrap();
        let ex = k.explain(net);
        assert_eq!(ex.value, "n");
        let unmet: Vec<_> = ex.unmet().map(|d| (d.text.clone(), d.loc.line)).collect();
        assert_eq!(unmet, [("BUS [=n]".to_string(), 12)]);
        let bus = k.sym_find("BUS").unwrap();
        assert!(
            matches!(k.explain(bus).reason, Reason::UserValue { loc: Some(l), .. } if l.line == 3)
        );
        // COUNT: default 10 clamped by its range to 8.
        let count = k.sym_find("COUNT").unwrap();
        let ex = k.explain(count);
        assert_eq!(ex.value, "8");
        assert!(matches!(ex.reason, Reason::Default { .. }));
        assert_eq!(
            ex.range.as_ref().map(|r| (r.1.as_str(), r.2.as_str())),
            Some(("10", "8"))
        );
    }

    #[test]
    fn explain_selected_symbol() {
        let mut k = load("CONFIG_NET=m\nCONFIG_FOO=m\n");
        let bar = k.sym_find("BAR").unwrap();
        let ex = k.explain(bar);
        assert_eq!(ex.value, "m");
        match ex.reason {
            Reason::Selected { by } => assert_eq!(by[0].text, "FOO [=m] && NET [=m]"),
            r => panic!("unexpected reason {r:?}"),
        }
        let text = k.explain_text(bar);
        assert!(
            text.starts_with("`BAR` = `m` because it is selected by:"),
            "{text}"
        );
    }

    #[test]
    fn menu_tree_follows_the_sources() {
        let k = load("");
        let root = k.menu_tree(MenuId::ROOT);
        assert_eq!(root.prompt.as_deref(), Some("Test"));
        let drivers = &root.children[1];
        assert_eq!(drivers.prompt.as_deref(), Some("Drivers"));
        let prompts = |n: &MenuNode| {
            n.children
                .iter()
                .map(|c| c.prompt.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        // NET depends on BUS and FOO on NET: automatic submenus, as the C tool builds them.
        assert_eq!(prompts(drivers), ["bus", "BAR", "baz", "count"]);
        assert_eq!(prompts(&drivers.children[0]), ["net"]);
        assert_eq!(prompts(&drivers.children[0].children[0]), ["foo"]);
    }
}
