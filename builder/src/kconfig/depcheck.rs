//! Recursive dependency detection (C `sym_check_deps`), with the C tool's
//! explanation of the cycle.

use super::expr::{Expr, ExprId};
use super::menu::{PropId, PropKind};
use super::source::Severity;
use super::symbol::{flags, SymbolId};
use super::Kconfig;

/// Which part of a symbol the walk is in, for the explanation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    None,
    DirDep,
    RevDep,
    Implied,
    PropExpr,
}

#[derive(Clone, Copy)]
struct Frame {
    sym: SymbolId,
    prop: Option<PropId>,
    via: Via,
}

/// The walk's stack (C `dep_stack`).
#[derive(Default)]
pub(crate) struct DepStack {
    frames: Vec<Frame>,
}

impl Kconfig {
    /// Returns the symbol closing a dependency loop through `sym`, after
    /// printing the loop; `None` when there is none.
    pub(crate) fn sym_check_deps(&mut self, sym: SymbolId) -> Option<SymbolId> {
        let mut st = DepStack::default();
        self.check_deps(&mut st, sym)
    }

    fn check_deps(&mut self, st: &mut DepStack, sym: SymbolId) -> Option<SymbolId> {
        let f = self.sym(sym).flags;
        if f & flags::CHECK != 0 {
            self.print_recursive(st, sym);
            return Some(sym);
        }
        if f & flags::CHECKED != 0 {
            return None;
        }
        if let Some(choice) = self.sym_get_choice_menu(sym) {
            st.frames.push(Frame {
                sym,
                prop: None,
                via: Via::None,
            });
            let cs = self.menu(choice).sym.expect("choice symbol");
            let r = self.check_deps(st, cs);
            st.frames.pop();
            r
        } else if self.sym(sym).is_choice() {
            self.check_choice_deps(st, sym)
        } else {
            self.sym_mut(sym).flags |= flags::CHECK | flags::CHECKED;
            let r = self.check_sym_deps(st, sym);
            self.sym_mut(sym).flags &= !flags::CHECK;
            r
        }
    }

    fn check_expr_deps(&mut self, st: &mut DepStack, e: Option<ExprId>) -> Option<SymbolId> {
        let e = e?;
        match self.e(e) {
            Expr::Or(l, r) | Expr::And(l, r) => self
                .check_expr_deps(st, Some(l))
                .or_else(|| self.check_expr_deps(st, Some(r))),
            Expr::Not(c) => self.check_expr_deps(st, Some(c)),
            Expr::Cmp(_, a, b) => self.check_deps(st, a).or_else(|| self.check_deps(st, b)),
            Expr::Symbol(s) => self.check_deps(st, s),
            Expr::Range(..) => {
                self.stderr(Severity::Error, "Oops! How to check 11?".to_string());
                None
            }
        }
    }

    fn check_sym_deps(&mut self, st: &mut DepStack, sym: SymbolId) -> Option<SymbolId> {
        st.frames.push(Frame {
            sym,
            prop: None,
            via: Via::None,
        });
        let top = st.frames.len() - 1;
        let r = (|| {
            for (via, e) in [
                (Via::DirDep, self.sym(sym).dir_dep.expr),
                (Via::RevDep, self.sym(sym).rev_dep.expr),
                (Via::Implied, self.sym(sym).implied.expr),
            ] {
                st.frames[top].via = via;
                if let Some(s) = self.check_expr_deps(st, e) {
                    return Some(s);
                }
            }
            st.frames[top].via = Via::None;
            let props = self.sym(sym).props.clone();
            let is_choice = self.sym(sym).is_choice();
            for p in props {
                let kind = self.prop(p).kind;
                if kind == PropKind::Select || kind == PropKind::Imply {
                    continue;
                }
                st.frames[top].prop = Some(p);
                if let Some(s) = self.check_expr_deps(st, self.prop(p).visible.expr) {
                    return Some(s);
                }
                if kind != PropKind::Default || is_choice {
                    continue;
                }
                st.frames[top].via = Via::PropExpr;
                if let Some(s) = self.check_expr_deps(st, self.prop(p).expr) {
                    return Some(s);
                }
                st.frames[top].via = Via::None;
            }
            None
        })();
        st.frames.pop();
        r
    }

    fn check_choice_deps(&mut self, st: &mut DepStack, choice: SymbolId) -> Option<SymbolId> {
        st.frames.push(Frame {
            sym: choice,
            prop: None,
            via: Via::None,
        });
        let cm = self.sym(choice).menus[0];
        let subs = self.menu_descendants(cm);
        for &m in &subs {
            if let Some(s) = self.menu(m).sym {
                self.sym_mut(s).flags |= flags::CHECK | flags::CHECKED;
            }
        }
        self.sym_mut(choice).flags |= flags::CHECK | flags::CHECKED;
        let mut r = self.check_sym_deps(st, choice);
        self.sym_mut(choice).flags &= !flags::CHECK;
        if r.is_none() {
            for &m in &subs {
                let Some(s) = self.menu(m).sym else { continue };
                r = self.check_sym_deps(st, s);
                if r.is_some() {
                    break;
                }
            }
        }
        for &m in &subs {
            if let Some(s) = self.menu(m).sym {
                self.sym_mut(s).flags &= !flags::CHECK;
            }
        }
        if let Some(s2) = r {
            if self.sym_get_choice_menu(s2) == Some(cm) {
                r = Some(choice);
            }
        }
        st.frames.pop();
        r
    }

    fn print_recursive(&mut self, st: &mut DepStack, last: SymbolId) {
        let mut last = last;
        let mut pushed = false;
        if let Some(choice) = self.sym_get_choice_menu(last) {
            st.frames.push(Frame {
                sym: last,
                prop: None,
                via: Via::None,
            });
            pushed = true;
            last = self.menu(choice).sym.expect("choice symbol");
        }
        let Some(start) = st.frames.iter().rposition(|f| f.sym == last) else {
            self.stderr(
                Severity::Error,
                "unexpected recursive dependency error".to_string(),
            );
            if pushed {
                st.frames.pop();
            }
            return;
        };
        let name = |k: &Kconfig, s: SymbolId| k.sym(s).name_or_choice().to_string();
        let raw =
            |k: &Kconfig, s: SymbolId| k.sym(s).name.as_deref().unwrap_or("(null)").to_string();
        let mut out = String::new();
        for i in start..st.frames.len() {
            let f = st.frames[i];
            let next = st.frames.get(i + 1).map(|n| n.sym).unwrap_or(last);
            let kind = f
                .prop
                .map(|p| self.prop(p).kind.name())
                .unwrap_or("unknown");
            if f.sym == last {
                out.push_str("error: recursive dependency detected!\n");
            }
            if self.sym(next).is_choice() {
                let cm = self.sym(next).menus[0];
                let loc = self.menu(cm).loc;
                let file = loc
                    .file
                    .map(|f| self.file(f).name.to_string())
                    .unwrap_or_default();
                out.push_str(&format!(
                    "\tsymbol {} is part of choice block at {}:{}\n",
                    name(self, f.sym),
                    file,
                    loc.line
                ));
            } else {
                let line = match f.via {
                    Via::DirDep => format!(
                        "\tsymbol {} depends on {}\n",
                        name(self, f.sym),
                        raw(self, next)
                    ),
                    Via::RevDep => format!(
                        "\tsymbol {} is selected by {}\n",
                        raw(self, f.sym),
                        raw(self, next)
                    ),
                    Via::Implied => format!(
                        "\tsymbol {} is implied by {}\n",
                        raw(self, f.sym),
                        raw(self, next)
                    ),
                    Via::PropExpr => format!(
                        "\tsymbol {} {} value contains {}\n",
                        name(self, f.sym),
                        kind,
                        raw(self, next)
                    ),
                    Via::None => format!(
                        "\tsymbol {} {} is visible depending on {}\n",
                        name(self, f.sym),
                        kind,
                        raw(self, next)
                    ),
                };
                out.push_str(&line);
            }
        }
        out.push_str("For a resolution refer to Documentation/kbuild/kconfig-language.rst\n");
        out.push_str("subsection \"Kconfig recursive dependency limitations\"\n");
        self.stderr(Severity::Error, out);
        if pushed {
            st.frames.pop();
        }
    }
}
