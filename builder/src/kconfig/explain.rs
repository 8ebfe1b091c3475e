//! Why a symbol has its value: which assignment, default, select or imply
//! decided it, and which unmet dependency keeps it off — each with a source
//! location. This follows the same decision order as `eval::calc_value`.

use super::expr::{Expr, ExprId};
use super::menu::{MenuId, PropId, PropKind};
use super::source::{Loc, Span};
use super::symbol::{DefSlot, SymbolId, SymbolType, Tristate};
use super::Kconfig;

/// A dependency (`depends on`, enclosing `if`/`menu`/`choice`) and its value.
#[derive(Clone, Debug)]
pub struct DepTerm {
    pub expr: ExprId,
    pub text: String,
    pub value: Tristate,
    /// Where the dependency was written.
    pub span: Option<Span>,
    pub loc: Loc,
}

/// A `select`/`imply` of the symbol by another symbol, with its current value.
#[derive(Clone, Debug)]
pub struct RevTerm {
    pub by: SymbolId,
    pub prop: PropId,
    /// `BY && condition` with values.
    pub text: String,
    pub value: Tristate,
}

/// What decided the value.
#[derive(Clone, Debug)]
pub enum Reason {
    /// `n`, `m`, `y` or a quoted constant.
    Constant,
    /// Referenced but never defined with a type.
    Undefined,
    /// Set in a config file (location of the assignment, if known).
    UserValue {
        loc: Option<Loc>,
        limited_by_visibility: bool,
    },
    /// The first default whose condition holds.
    Default { prop: PropId },
    /// Forced by `select`.
    Selected { by: Vec<RevTerm> },
    /// Raised by `imply`.
    Implied { by: Vec<RevTerm> },
    /// Chosen (or not) in a choice.
    Choice {
        choice: MenuId,
        selected: Option<SymbolId>,
        how: ChoiceHow,
    },
    /// Not settable (no visible prompt) and nothing gives it a value.
    NoDefault,
    /// Its direct dependencies are not met.
    DependsOff,
    /// A transitional symbol, which only carries an old value.
    Transitional,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceHow {
    /// A member set to `y` in the config file.
    UserChoice,
    /// The choice's `default`.
    ChoiceDefault,
    /// The first visible member without a value.
    FirstVisible,
    /// The last-priority visible member.
    Fallback,
    /// The choice is not visible.
    Invisible,
}

/// The full answer for one symbol.
#[derive(Clone, Debug)]
pub struct Explanation {
    pub symbol: SymbolId,
    pub value: String,
    pub reason: Reason,
    pub visible: Tristate,
    /// Direct dependencies with their values (all of them; `unmet` are the `n`s).
    pub depends: Vec<DepTerm>,
    pub selected_by: Vec<RevTerm>,
    pub implied_by: Vec<RevTerm>,
    /// Set when a range changed the value.
    pub range: Option<(PropId, String, String)>,
}

impl Explanation {
    /// The dependencies that are `n` (or `m` when limiting to `m`).
    pub fn unmet(&self) -> impl Iterator<Item = &DepTerm> {
        self.depends.iter().filter(|d| d.value == Tristate::No)
    }
}

impl Kconfig {
    /// Records where a user value was assigned (used by `explain`).
    pub(crate) fn note_user_assignment(&mut self, s: SymbolId, loc: Loc) {
        self.user_locs.insert(s, loc);
    }

    /// Where the user value of a symbol was last assigned.
    pub fn user_assignment(&self, s: SymbolId) -> Option<Loc> {
        self.user_locs.get(&s).copied()
    }

    /// All `select` (or `imply`) properties that target `s`.
    pub fn reverse_props(&self, s: SymbolId, kind: PropKind) -> Vec<PropId> {
        (0..self.props.len() as u32)
            .map(PropId)
            .filter(|&p| self.prop(p).kind == kind && self.prop_symbol(p) == Some(s))
            .collect()
    }

    fn rev_terms(&mut self, s: SymbolId, kind: PropKind) -> Vec<RevTerm> {
        let mut out = Vec::new();
        for p in self.reverse_props(s, kind) {
            let by = self.menu(self.prop(p).menu).sym.unwrap_or(SymbolId::NO);
            let by_e = self.e_sym(by);
            let term = self.e_and(Some(by_e), self.prop(p).visible.expr);
            let value = self.expr_calc_value(term);
            let text = self.expr_to_string_with_values(term);
            out.push(RevTerm {
                by,
                prop: p,
                text,
                value,
            });
        }
        out
    }

    /// Direct dependencies of every definition of `s`, one term per `depends on`
    /// line or enclosing block.
    fn dep_terms(&mut self, s: SymbolId) -> Vec<DepTerm> {
        let mut out = Vec::new();
        for m in self.sym(s).menus.clone() {
            let mut cur = Some(m);
            while let Some(c) = cur {
                for (e, span, loc) in self.menu(c).dep_lines.clone() {
                    let value = self.expr_calc_value(Some(e));
                    let text = self.expr_to_string_with_values(Some(e));
                    out.push(DepTerm {
                        expr: e,
                        text,
                        value,
                        span: Some(span),
                        loc,
                    });
                }
                cur = self.menu(c).syn_parent;
            }
        }
        out
    }

    /// Explains the current value of `s`.
    pub fn explain(&mut self, s: SymbolId) -> Explanation {
        self.calc_value(s);
        let value = self.string_value(s).to_string();
        let depends = self.dep_terms(s);
        let selected_by = self.rev_terms(s, PropKind::Select);
        let implied_by = self.rev_terms(s, PropKind::Imply);
        let sym = self.sym(s).clone();
        let mut range = None;
        let reason = if sym.is_const() || s.0 < 3 {
            Reason::Constant
        } else if sym.ty == SymbolType::Unknown {
            Reason::Undefined
        } else if sym.is_transitional() {
            Reason::Transitional
        } else if let (true, Some(choice)) = (sym.ty.is_logic(), self.sym_get_choice_menu(s)) {
            self.explain_choice(choice)
        } else if sym.ty.is_logic() {
            self.explain_tristate(s, &selected_by, &implied_by)
        } else {
            let r = if sym.visible != Tristate::No && sym.has_value() {
                Reason::UserValue {
                    loc: self.user_assignment(s),
                    limited_by_visibility: false,
                }
            } else if let Some(p) = self.default_prop(s) {
                Reason::Default { prop: p }
            } else {
                Reason::NoDefault
            };
            let before = match &r {
                Reason::UserValue { .. } => sym.def[DefSlot::User as usize]
                    .val
                    .as_deref()
                    .map(str::to_string),
                Reason::Default { prop } => self
                    .prop_symbol(*prop)
                    .map(|d| self.string_value(d).to_string()),
                _ => None,
            };
            if let (Some(b), Some(p)) = (before, self.range_prop(s)) {
                if b != value {
                    range = Some((p, b, value.clone()));
                }
            }
            r
        };
        Explanation {
            symbol: s,
            value,
            reason,
            visible: sym.visible,
            depends,
            selected_by,
            implied_by,
            range,
        }
    }

    fn explain_tristate(&mut self, s: SymbolId, sel: &[RevTerm], imp: &[RevTerm]) -> Reason {
        let sym = self.sym(s).clone();
        let cur = sym.curr.tri;
        let rev = sym.rev_dep.tri;
        let active = |v: &[RevTerm]| {
            v.iter()
                .filter(|t| t.value != Tristate::No)
                .cloned()
                .collect::<Vec<_>>()
        };
        if sym.visible != Tristate::No && sym.has_value() {
            let user = sym.user_tri().and(sym.visible);
            if rev > user && cur == rev {
                return Reason::Selected { by: active(sel) };
            }
            return Reason::UserValue {
                loc: self.user_assignment(s),
                limited_by_visibility: sym.user_tri() > sym.visible,
            };
        }
        if rev != Tristate::No && cur == rev {
            return Reason::Selected { by: active(sel) };
        }
        let def = self.default_prop(s);
        let def_val = def.map(|p| {
            let v = self.expr_calc_value(self.prop(p).expr);
            v.and(self.prop(p).visible.tri)
        });
        if let (Some(p), Some(v)) = (def, def_val) {
            if v != Tristate::No && (v == cur || (v == Tristate::Mod && cur == Tristate::Yes)) {
                return Reason::Default { prop: p };
            }
        }
        if sym.implied.tri != Tristate::No && cur != Tristate::No {
            return Reason::Implied { by: active(imp) };
        }
        if sym.dir_dep.tri == Tristate::No {
            return Reason::DependsOff;
        }
        match def {
            Some(p) => Reason::Default { prop: p },
            None => Reason::NoDefault,
        }
    }

    fn explain_choice(&mut self, choice: MenuId) -> Reason {
        let selected = self
            .menu_descendants(choice)
            .into_iter()
            .filter_map(|m| self.menu(m).sym)
            .find(|&x| {
                self.sym(x).visible != Tristate::No && self.sym(x).curr.tri == Tristate::Yes
            });
        let how = match selected {
            None => ChoiceHow::Invisible,
            Some(x) if self.sym(x).has_value() && self.sym(x).user_tri() == Tristate::Yes => {
                ChoiceHow::UserChoice
            }
            Some(x) if self.choice_default(choice) == Some(x) => ChoiceHow::ChoiceDefault,
            Some(x) if !self.sym(x).has_value() => ChoiceHow::FirstVisible,
            Some(_) => ChoiceHow::Fallback,
        };
        Reason::Choice {
            choice,
            selected,
            how,
        }
    }

    /// A short human-readable account (Markdown) of `explain(s)`.
    pub fn explain_text(&mut self, s: SymbolId) -> String {
        let ex = self.explain(s);
        let name = self.sym(s).name_or_choice().to_string();
        let loc_str = |k: &Kconfig, loc: Loc| -> String {
            match loc.file {
                Some(f) => format!("{}:{}", k.file(f).name, loc.line),
                None => "?".to_string(),
            }
        };
        let mut out = format!("`{name}` = `{}` because ", ex.value);
        match &ex.reason {
            Reason::Constant => out.push_str("it is a constant."),
            Reason::Undefined => out.push_str("it is not defined by any Kconfig file."),
            Reason::Transitional => out
                .push_str("it is transitional: it only carries a value read from the old config."),
            Reason::UserValue {
                loc,
                limited_by_visibility,
            } => {
                match loc {
                    Some(l) => out.push_str(&format!("it is set at {}", loc_str(self, *l))),
                    None => out.push_str("it is set in the configuration"),
                }
                if *limited_by_visibility {
                    out.push_str(" (limited by the visibility of its prompt)");
                }
                out.push('.');
            }
            Reason::Default { prop } => {
                let p = self.prop(*prop).clone();
                let v = self.expr_to_string_with_values(p.expr);
                out.push_str(&format!("of `default {v}` at {}", loc_str(self, p.loc)));
                if !self.is_yes(p.visible.expr) {
                    let c = self.expr_to_string_with_values(p.visible.expr);
                    out.push_str(&format!(" (condition `{c}`)"));
                }
                out.push('.');
            }
            Reason::Selected { by } => {
                out.push_str("it is selected by:");
                for t in by {
                    out.push_str(&format!(
                        "\n- `{}` at {}",
                        t.text,
                        loc_str(self, self.prop(t.prop).loc)
                    ));
                }
            }
            Reason::Implied { by } => {
                out.push_str("it is implied by:");
                for t in by {
                    out.push_str(&format!(
                        "\n- `{}` at {}",
                        t.text,
                        loc_str(self, self.prop(t.prop).loc)
                    ));
                }
            }
            Reason::Choice { selected, how, .. } => {
                let sel = selected
                    .map(|x| self.sym(x).name_or_choice().to_string())
                    .unwrap_or_default();
                let h = match how {
                    ChoiceHow::UserChoice => "chosen in the configuration",
                    ChoiceHow::ChoiceDefault => "the choice's default",
                    ChoiceHow::FirstVisible => "the first visible option",
                    ChoiceHow::Fallback => "the only remaining option",
                    ChoiceHow::Invisible => "the choice is not visible",
                };
                if selected.is_some() {
                    out.push_str(&format!("its choice selects `{sel}` ({h})."));
                } else {
                    out.push_str("its choice is not visible.");
                }
            }
            Reason::NoDefault => {
                out.push_str("it has no visible prompt, no active default and nothing selects it.")
            }
            Reason::DependsOff => out.push_str("its dependencies are not met."),
        }
        let unmet: Vec<&DepTerm> = ex.unmet().collect();
        if !unmet.is_empty() {
            out.push_str("\n\nUnmet dependencies:");
            for d in unmet {
                out.push_str(&format!("\n- `{}` at {}", d.text, loc_str(self, d.loc)));
            }
        }
        if let Some((p, before, after)) = &ex.range {
            let r = self.expr_to_string_with_values(self.prop(*p).expr);
            out.push_str(&format!(
                "\n\n`{before}` is outside `range {r}`, so it becomes `{after}`."
            ));
        }
        out
    }

    /// The first expression node's symbols (for callers building references).
    pub fn expr_symbols(&self, e: Option<ExprId>, out: &mut Vec<SymbolId>) {
        let Some(e) = e else { return };
        match self.e(e) {
            Expr::And(l, r) | Expr::Or(l, r) => {
                self.expr_symbols(Some(l), out);
                self.expr_symbols(Some(r), out);
            }
            Expr::Not(c) => self.expr_symbols(Some(c), out),
            Expr::Symbol(s) => out.push(s),
            Expr::Cmp(_, a, b) | Expr::Range(a, b) => {
                out.push(a);
                out.push(b);
            }
        }
    }
}
