//! Symbol values: visibility, defaults, select/imply, choices, ranges, and
//! setting user values — the C tool's `sym_calc_value` and friends.
//!
//! Values are computed lazily and memoised (the `VALID` flag and the per-node
//! expression cache); any user change clears all of it, as in the C tool.

use std::sync::Arc;

use super::cnum;
use super::expr::{CmpOp, Expr, ExprId};
use super::menu::{MenuId, PropId, PropKind};
use super::source::Severity;
use super::symbol::{flags, DefSlot, SymValue, SymbolId, SymbolType, Tristate};
use super::Kconfig;

/// How a comparison operand parsed (C `expr_parse_string`).
enum Num {
    Str,
    Signed(i64),
    Unsigned(u64),
}

fn parse_num(s: &str, ty: SymbolType) -> Num {
    let b = s.as_bytes();
    let (bits, used, err, unsigned) = match ty {
        SymbolType::Bool | SymbolType::Tristate => {
            let v = match s {
                "n" => 0,
                "m" => 1,
                "y" => 2,
                _ => -1,
            };
            return Num::Signed(v);
        }
        SymbolType::Int => {
            let (v, u, e) = cnum::strtoll(b, 10);
            (v as u64, u, e, false)
        }
        SymbolType::Hex => {
            let (v, u, e) = cnum::strtoull(b, 16);
            (v, u, e, true)
        }
        _ => {
            let (v, u, e) = cnum::strtoll(b, 0);
            (v as u64, u, e, false)
        }
    };
    let valid = !err && used == b.len() && used > 0 && b[used - 1].is_ascii_hexdigit();
    match (valid, unsigned) {
        (false, _) => Num::Str,
        (true, true) => Num::Unsigned(bits),
        (true, false) => Num::Signed(bits as i64),
    }
}

fn as_bits(n: &Num) -> u64 {
    match n {
        Num::Signed(v) => *v as u64,
        Num::Unsigned(v) => *v,
        Num::Str => 0,
    }
}

impl Kconfig {
    /// The type used for evaluation: tristate reads as bool without modules.
    pub fn sym_get_type(&self, s: SymbolId) -> SymbolType {
        let t = self.sym(s).ty;
        if t == SymbolType::Tristate && self.modules_val == Tristate::No {
            SymbolType::Bool
        } else {
            t
        }
    }

    /// The value of an expression (C `expr_calc_value`); no expression is `y`.
    pub fn expr_calc_value(&mut self, e: Option<ExprId>) -> Tristate {
        let Some(e) = e else { return Tristate::Yes };
        if let Some(v) = self.exprs.cache[e.0 as usize] {
            return v;
        }
        let v = self.expr_calc_uncached(e);
        self.exprs.cache[e.0 as usize] = Some(v);
        v
    }

    fn expr_calc_uncached(&mut self, e: ExprId) -> Tristate {
        match self.e(e) {
            Expr::Symbol(s) => {
                self.calc_value(s);
                self.sym(s).curr.tri
            }
            Expr::And(l, r) => {
                let a = self.expr_calc_value(Some(l));
                let b = self.expr_calc_value(Some(r));
                a.and(b)
            }
            Expr::Or(l, r) => {
                let a = self.expr_calc_value(Some(l));
                let b = self.expr_calc_value(Some(r));
                a.or(b)
            }
            Expr::Not(c) => !self.expr_calc_value(Some(c)),
            Expr::Cmp(op, l, r) => {
                self.calc_value(l);
                self.calc_value(r);
                let s1 = self.string_value(l);
                let s2 = self.string_value(r);
                let (t1, t2) = (self.sym(l).ty, self.sym(r).ty);
                let (k1, k2) = if t1 != SymbolType::String || t2 != SymbolType::String {
                    (parse_num(&s1, t1), parse_num(&s2, t2))
                } else {
                    (Num::Str, Num::Str)
                };
                let res = match (&k1, &k2) {
                    (Num::Str, _) | (_, Num::Str) => s1.as_bytes().cmp(s2.as_bytes()),
                    (Num::Unsigned(_), _) | (_, Num::Unsigned(_)) => {
                        as_bits(&k1).cmp(&as_bits(&k2))
                    }
                    (Num::Signed(a), Num::Signed(b)) => a.cmp(b),
                };
                use std::cmp::Ordering::*;
                let t = match op {
                    CmpOp::Equal => res == Equal,
                    CmpOp::GreaterEqual => res != Less,
                    CmpOp::Greater => res == Greater,
                    CmpOp::LessEqual => res != Greater,
                    CmpOp::Less => res == Less,
                    CmpOp::Unequal => res != Equal,
                };
                if t {
                    Tristate::Yes
                } else {
                    Tristate::No
                }
            }
            Expr::Range(..) => {
                self.stdout(format!("expr_calc_value: {}?", 11));
                Tristate::No
            }
        }
    }

    /// The value as text (C `sym_get_string_value`): `n`/`m`/`y` for bool and
    /// tristate, else the string value. Does not compute anything.
    pub fn string_value(&self, s: SymbolId) -> Arc<str> {
        let sym = self.sym(s);
        match sym.ty {
            SymbolType::Bool | SymbolType::Tristate => Arc::from(sym.curr.tri.as_str()),
            _ => sym.curr.val.clone().unwrap_or_else(|| Arc::from("")),
        }
    }

    pub fn tristate_value(&self, s: SymbolId) -> Tristate {
        self.sym(s).curr.tri
    }

    pub fn is_choice_value(&self, s: SymbolId) -> bool {
        self.sym(s).choice_link.is_some()
    }

    /// First default whose condition is not `n` (C `sym_get_default_prop`).
    pub(crate) fn default_prop(&mut self, s: SymbolId) -> Option<PropId> {
        self.first_active_prop(s, PropKind::Default)
    }

    /// First range whose condition is not `n` (C `sym_get_range_prop`).
    pub fn range_prop(&mut self, s: SymbolId) -> Option<PropId> {
        self.first_active_prop(s, PropKind::Range)
    }

    fn first_active_prop(&mut self, s: SymbolId, kind: PropKind) -> Option<PropId> {
        let n = self.sym(s).props.len();
        for i in 0..n {
            let p = self.sym(s).props[i];
            if self.prop(p).kind != kind {
                continue;
            }
            let v = self.expr_calc_value(self.prop(p).visible.expr);
            self.prop_mut(p).visible.tri = v;
            if v != Tristate::No {
                return Some(p);
            }
        }
        None
    }

    fn range_val(&mut self, s: SymbolId, base: u32) -> i64 {
        self.calc_value(s);
        let base = match self.sym(s).ty {
            SymbolType::Int => 10,
            SymbolType::Hex => 16,
            _ => base,
        };
        let v = self
            .sym(s)
            .curr
            .val
            .clone()
            .unwrap_or_else(|| Arc::from(""));
        cnum::strtoll(v.as_bytes(), base).0
    }

    /// Range bounds of a range property, as numbers.
    pub(crate) fn range_bounds(&mut self, p: PropId, base: u32) -> (SymbolId, SymbolId, i64, i64) {
        let Some(Expr::Range(a, b)) = self.prop(p).expr.map(|e| self.e(e)) else {
            return (SymbolId::NO, SymbolId::NO, 0, 0);
        };
        let lo = self.range_val(a, base);
        let hi = self.range_val(b, base);
        (a, b, lo, hi)
    }

    fn validate_range(&mut self, s: SymbolId) {
        let base = match self.sym(s).ty {
            SymbolType::Int => 10,
            SymbolType::Hex => 16,
            _ => return,
        };
        let Some(p) = self.range_prop(s) else { return };
        let cur = self
            .sym(s)
            .curr
            .val
            .clone()
            .unwrap_or_else(|| Arc::from(""));
        let val = cnum::strtoll(cur.as_bytes(), base).0;
        let Some(Expr::Range(a, b)) = self.prop(p).expr.map(|e| self.e(e)) else {
            return;
        };
        let mut range_sym = a;
        let lo = self.range_val(a, base);
        if val >= lo {
            range_sym = b;
            let hi = self.range_val(b, base);
            if val <= hi {
                return;
            }
        }
        let v = self.sym(range_sym).curr.val.clone();
        self.sym_mut(s).curr.val = v;
    }

    pub(crate) fn calc_visibility(&mut self, s: SymbolId) {
        if self.sym(s).is_transitional() {
            self.sym_mut(s).visible = Tristate::Yes;
            return;
        }
        let mut tri = Tristate::No;
        let n = self.sym(s).props.len();
        for i in 0..n {
            let p = self.sym(s).props[i];
            if self.prop(p).text.is_none() {
                continue;
            }
            let v = self.expr_calc_value(self.prop(p).visible.expr);
            self.prop_mut(p).visible.tri = v;
            tri = tri.or(v);
        }
        if tri == Tristate::Mod
            && (self.sym(s).ty != SymbolType::Tristate || self.modules_val == Tristate::No)
        {
            tri = Tristate::Yes;
        }
        self.sym_mut(s).visible = tri;
        if self.is_choice_value(s) {
            return;
        }
        let bool_ty = self.sym_get_type(s) == SymbolType::Bool;
        let fix = |t: Tristate| {
            if t == Tristate::Mod && bool_ty {
                Tristate::Yes
            } else {
                t
            }
        };
        let d = self.sym(s).dir_dep.expr;
        let t = if d.is_some() {
            self.expr_calc_value(d)
        } else {
            Tristate::Yes
        };
        self.sym_mut(s).dir_dep.tri = fix(t);
        let r = self.sym(s).rev_dep.expr;
        let t = if r.is_some() {
            self.expr_calc_value(r)
        } else {
            Tristate::No
        };
        self.sym_mut(s).rev_dep.tri = fix(t);
        let im = self.sym(s).implied.expr;
        let t = if im.is_some() {
            self.expr_calc_value(im)
        } else {
            Tristate::No
        };
        self.sym_mut(s).implied.tri = fix(t);
    }

    /// The choice's default member (C `sym_choice_default`).
    pub fn choice_default(&mut self, choice: MenuId) -> Option<SymbolId> {
        let cs = self.menu(choice).sym?;
        let n = self.sym(cs).props.len();
        for i in 0..n {
            let p = self.sym(cs).props[i];
            if self.prop(p).kind != PropKind::Default {
                continue;
            }
            let v = self.expr_calc_value(self.prop(p).visible.expr);
            self.prop_mut(p).visible.tri = v;
            if v == Tristate::No {
                continue;
            }
            if let Some(d) = self.prop_symbol(p) {
                if self.sym(d).visible != Tristate::No {
                    return Some(d);
                }
            }
        }
        self.menu_descendants(choice)
            .into_iter()
            .filter_map(|m| self.menu(m).sym)
            .find(|&s| self.sym(s).visible != Tristate::No)
    }

    /// Picks the selected member of a choice and sets all visible members
    /// (C `sym_calc_choice`).
    pub fn calc_choice(&mut self, choice: MenuId) -> Option<SymbolId> {
        let members = self.menu(choice).choice_members.clone();
        let mut res = None;
        for &s in &members {
            self.calc_visibility(s);
            if self.sym(s).visible == Tristate::No {
                continue;
            }
            if self.sym(s).has_value() && self.sym(s).user_tri() == Tristate::Yes {
                res = Some(s);
                break;
            }
        }
        if res.is_none() {
            res = self.choice_default(choice);
            if let Some(r) = res {
                if self.sym(r).has_value() && self.sym(r).user_tri() == Tristate::No {
                    res = None;
                }
            }
        }
        let subs = self.menu_descendants(choice);
        if res.is_none() {
            res = subs
                .iter()
                .filter_map(|&m| self.menu(m).sym)
                .find(|&s| self.sym(s).visible != Tristate::No && !self.sym(s).has_value());
        }
        if res.is_none() {
            res = members
                .iter()
                .rev()
                .copied()
                .find(|&s| self.sym(s).visible != Tristate::No);
        }
        for m in subs {
            let Some(s) = self.menu(m).sym else { continue };
            if self.sym(s).visible == Tristate::No {
                continue;
            }
            let val = if Some(s) == res {
                Tristate::Yes
            } else {
                Tristate::No
            };
            let sym = self.sym_mut(s);
            sym.curr.tri = val;
            sym.flags |= flags::VALID | flags::WRITE;
        }
        res
    }

    fn warn_unmet_dep(&mut self, s: SymbolId) {
        let name = self.sym(s).name_or_choice().to_string();
        let mut out = format!("\nWARNING: unmet direct dependencies detected for {name}\n");
        let c = if self.sym(s).dir_dep.tri == Tristate::Mod {
            'm'
        } else {
            'n'
        };
        out.push_str(&format!("  Depends on [{c}]: "));
        let dd = self.sym(s).dir_dep.expr;
        out.push_str(&self.expr_to_string_with_values(dd));
        out.push('\n');
        let rd = self.sym(s).rev_dep.expr;
        self.print_revdep(rd, Tristate::Yes, "  Selected by [y]:\n", &mut out);
        self.print_revdep(rd, Tristate::Mod, "  Selected by [m]:\n", &mut out);
        self.stderr(Severity::Warning, out.trim_end_matches('\n').to_string());
        self.sym_warnings += 1;
    }

    /// The `select`/`imply` terms of `e` whose value is `want`, one per line
    /// (C `expr_gstr_print_revdep`).
    pub(crate) fn print_revdep(
        &mut self,
        e: Option<ExprId>,
        want: Tristate,
        title: &str,
        out: &mut String,
    ) {
        let mut title = Some(title);
        if let Some(e) = e {
            self.revdep_walk(e, want, &mut title, out);
        }
    }

    fn revdep_walk(
        &mut self,
        e: ExprId,
        want: Tristate,
        title: &mut Option<&str>,
        out: &mut String,
    ) {
        if let Expr::Or(l, r) = self.e(e) {
            self.revdep_walk(l, want, title, out);
            self.revdep_walk(r, want, title, out);
        } else if self.expr_calc_value(Some(e)) == want {
            if let Some(t) = title.take() {
                out.push_str(t);
            }
            out.push_str("  - ");
            out.push_str(&self.expr_to_string_with_values(Some(e)));
            out.push('\n');
        }
    }

    /// Computes a symbol's value if it is not valid yet (C `sym_calc_value`).
    pub fn calc_value(&mut self, s: SymbolId) {
        if self.sym(s).flags & flags::VALID != 0 {
            return;
        }
        self.sym_mut(s).flags |= flags::VALID;
        let oldval = self.sym(s).curr.clone();
        let mut newval = SymValue {
            val: None,
            tri: Tristate::No,
        };
        newval.val = Some(Arc::from(match self.sym(s).ty {
            SymbolType::Int => "0",
            SymbolType::Hex => "0x0",
            SymbolType::String => "",
            SymbolType::Bool | SymbolType::Tristate => "n",
            SymbolType::Unknown => {
                let sym = self.sym_mut(s);
                sym.curr.val = sym.name.clone();
                sym.curr.tri = Tristate::No;
                return;
            }
        }));
        self.sym_mut(s).flags &= !flags::WRITE;
        self.calc_visibility(s);
        if self.sym(s).visible != Tristate::No {
            self.sym_mut(s).flags |= flags::WRITE;
        }
        // Seen by recursive calls.
        self.sym_mut(s).curr = newval.clone();
        let mut chosen_default: Option<PropId> = None;
        match self.sym_get_type(s) {
            SymbolType::Bool | SymbolType::Tristate => {
                if let Some(choice) = self.sym_get_choice_menu(s) {
                    self.calc_choice(choice);
                    newval.tri = self.sym(s).curr.tri;
                } else {
                    let sym = self.sym(s);
                    if sym.visible != Tristate::No && sym.has_value() {
                        newval.tri = sym.user_tri().and(sym.visible);
                    } else {
                        if self.sym(s).rev_dep.tri != Tristate::No {
                            self.sym_mut(s).flags |= flags::WRITE;
                        }
                        if !self.sym(s).is_choice() {
                            if let Some(p) = self.default_prop(s) {
                                chosen_default = Some(p);
                                let v = self.expr_calc_value(self.prop(p).expr);
                                newval.tri = v.and(self.prop(p).visible.tri);
                                if newval.tri != Tristate::No {
                                    self.sym_mut(s).flags |= flags::WRITE;
                                }
                            }
                            let sym = self.sym(s);
                            if sym.implied.tri != Tristate::No {
                                let (imp, dd) = (sym.implied.tri, sym.dir_dep.tri);
                                self.sym_mut(s).flags |= flags::WRITE;
                                newval.tri = newval.tri.or(imp).and(dd);
                            }
                        }
                    }
                    let sym = self.sym(s);
                    if sym.dir_dep.tri < sym.rev_dep.tri {
                        self.warn_unmet_dep(s);
                    }
                    newval.tri = newval.tri.or(self.sym(s).rev_dep.tri);
                }
                if newval.tri == Tristate::Mod && self.sym_get_type(s) == SymbolType::Bool {
                    newval.tri = Tristate::Yes;
                }
            }
            SymbolType::String | SymbolType::Hex | SymbolType::Int => {
                let sym = self.sym(s);
                if sym.visible != Tristate::No && sym.has_value() {
                    newval.val = sym.def[DefSlot::User as usize].val.clone();
                } else if let Some(p) = self.default_prop(s) {
                    chosen_default = Some(p);
                    if let Some(ds) = self.prop_symbol(p) {
                        self.sym_mut(s).flags |= flags::WRITE;
                        self.calc_value(ds);
                        newval.val = self.sym(ds).curr.val.clone();
                    }
                }
            }
            SymbolType::Unknown => {}
        }
        // A value taken over from a transitional symbol counts as set by the user.
        if let Some(p) = chosen_default {
            if !self.sym(s).has_value() {
                if let Some(ds) = self.prop_symbol(p) {
                    if self.sym(ds).is_transitional() && self.sym(ds).has_value() {
                        let sym = self.sym_mut(s);
                        sym.def[DefSlot::User as usize] = newval.clone();
                        sym.flags |= flags::DEF_USER;
                    }
                }
            }
        }
        self.sym_mut(s).curr = newval;
        self.validate_range(s);
        if s == self.modules_sym && self.sym(s).curr != oldval {
            self.modules_val = self.sym(s).curr.tri;
        }
        if self.sym(s).is_choice() || self.sym(s).is_transitional() {
            self.sym_mut(s).flags &= !flags::WRITE;
        }
    }

    /// Forgets every computed value (C `sym_clear_all_valid`).
    pub fn clear_all_valid(&mut self) {
        for sym in self.syms.iter_mut().skip(3) {
            sym.flags &= !flags::VALID;
        }
        self.exprs.invalidate_all();
        self.conf_changed = true;
        let m = self.modules_sym;
        self.calc_value(m);
    }

    pub fn tristate_within_range(&self, s: SymbolId, val: Tristate) -> bool {
        let ty = self.sym_get_type(s);
        let sym = self.sym(s);
        if sym.visible == Tristate::No {
            return false;
        }
        if ty != SymbolType::Bool && ty != SymbolType::Tristate {
            return false;
        }
        if ty == SymbolType::Bool && val == Tristate::Mod {
            return false;
        }
        if sym.visible <= sym.rev_dep.tri {
            return false;
        }
        val >= sym.rev_dep.tri && val <= sym.visible
    }

    /// Sets a bool/tristate user value if allowed (C `sym_set_tristate_value`).
    pub fn set_tristate_value(&mut self, s: SymbolId, val: Tristate) -> bool {
        let old = self.sym(s).curr.tri;
        if !self.tristate_within_range(s, val) {
            return false;
        }
        let sym = self.sym_mut(s);
        if !sym.has_value() || sym.user_tri() != val {
            sym.def[DefSlot::User as usize].tri = val;
            sym.flags |= flags::DEF_USER;
        }
        if old != val {
            self.clear_all_valid();
        }
        true
    }

    /// Selects `sym` in its choice (C `choice_set_value`).
    pub fn choice_set_value(&mut self, choice: MenuId, sym: SymbolId) {
        let mut changed = false;
        for m in self.menu_descendants(choice) {
            let Some(s) = self.menu(m).sym else { continue };
            if self.sym(s).visible == Tristate::No {
                continue;
            }
            let val = if s == sym {
                Tristate::Yes
            } else {
                Tristate::No
            };
            if self.sym(s).curr.tri != val {
                changed = true;
            }
            let x = self.sym_mut(s);
            x.def[DefSlot::User as usize].tri = val;
            x.flags |= flags::DEF_USER;
            self.move_choice_member(choice, s, true);
        }
        if changed {
            self.clear_all_valid();
        }
    }

    /// Moves a member to the head (highest priority) or tail of its choice list.
    pub(crate) fn move_choice_member(&mut self, choice: MenuId, s: SymbolId, to_head: bool) {
        let list = &mut self.menu_mut(choice).choice_members;
        if let Some(i) = list.iter().position(|&x| x == s) {
            list.remove(i);
        }
        if to_head {
            list.insert(0, s);
        } else {
            list.push(s);
        }
    }

    /// Whether `text` is a valid value for the symbol's type (C `sym_string_valid`).
    pub fn sym_string_valid(&self, s: SymbolId, text: &str) -> bool {
        let b = text.as_bytes();
        match self.sym(s).ty {
            SymbolType::String => true,
            SymbolType::Int => {
                let mut i = 0;
                if b.first() == Some(&b'-') {
                    i = 1;
                }
                let Some(&c) = b.get(i) else { return false };
                if !c.is_ascii_digit() {
                    return false;
                }
                if c == b'0' && i + 1 < b.len() {
                    return false;
                }
                b[i..].iter().all(|c| c.is_ascii_digit())
            }
            SymbolType::Hex => {
                let mut i = 0;
                if b.len() >= 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') {
                    i = 2;
                }
                // The C loop checks the first byte even when it is the terminator.
                let rest = &b[i..];
                !rest.is_empty() && rest.iter().all(|c| c.is_ascii_hexdigit())
            }
            SymbolType::Bool | SymbolType::Tristate => {
                matches!(b.first(), Some(b'y' | b'Y' | b'm' | b'M' | b'n' | b'N'))
            }
            SymbolType::Unknown => false,
        }
    }

    pub fn sym_string_within_range(&mut self, s: SymbolId, text: &str) -> bool {
        match self.sym(s).ty {
            SymbolType::String => self.sym_string_valid(s, text),
            t @ (SymbolType::Int | SymbolType::Hex) => {
                if !self.sym_string_valid(s, text) {
                    return false;
                }
                let Some(p) = self.range_prop(s) else {
                    return true;
                };
                let base = if t == SymbolType::Int { 10 } else { 16 };
                let val = cnum::strtoll(text.as_bytes(), base).0;
                let (_, _, lo, hi) = self.range_bounds(p, base);
                val >= lo && val <= hi
            }
            SymbolType::Bool | SymbolType::Tristate => match text.as_bytes().first() {
                Some(b'y' | b'Y') => self.tristate_within_range(s, Tristate::Yes),
                Some(b'm' | b'M') => self.tristate_within_range(s, Tristate::Mod),
                Some(b'n' | b'N') => self.tristate_within_range(s, Tristate::No),
                _ => false,
            },
            SymbolType::Unknown => false,
        }
    }

    /// Sets a user value from text if valid and in range (C `sym_set_string_value`).
    pub fn set_string_value(&mut self, s: SymbolId, text: &str) -> bool {
        match self.sym(s).ty {
            SymbolType::Bool | SymbolType::Tristate => {
                return match text.as_bytes().first() {
                    Some(b'y' | b'Y') => self.set_tristate_value(s, Tristate::Yes),
                    Some(b'm' | b'M') => self.set_tristate_value(s, Tristate::Mod),
                    Some(b'n' | b'N') => self.set_tristate_value(s, Tristate::No),
                    _ => false,
                };
            }
            _ => {}
        }
        if !self.sym_string_within_range(s, text) {
            return false;
        }
        let ty = self.sym(s).ty;
        let sym = self.sym_mut(s);
        sym.flags |= flags::DEF_USER;
        let b = text.as_bytes();
        let new: Arc<str> = if ty == SymbolType::Hex
            && !(b.len() >= 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X'))
        {
            Arc::from(format!("0x{text}"))
        } else {
            if sym.def[DefSlot::User as usize].val.as_deref() == Some(text) {
                return true;
            }
            Arc::from(text)
        };
        sym.def[DefSlot::User as usize].val = Some(new);
        self.clear_all_valid();
        true
    }

    /// The value the symbol would have without a user value
    /// (C `sym_get_string_default`).
    pub fn string_default(&mut self, s: SymbolId) -> Arc<str> {
        self.calc_visibility(s);
        let m = self.modules_sym;
        self.calc_value(m);
        let mut val = Tristate::No;
        let mut text: Arc<str> = Arc::from("");
        if let Some(p) = self.default_prop(s) {
            match self.sym(s).ty {
                SymbolType::Bool | SymbolType::Tristate => {
                    let v = self.expr_calc_value(self.prop(p).expr);
                    val = v.and(self.prop(p).visible.tri);
                }
                _ => {
                    if let Some(ds) = self.prop_symbol(p) {
                        self.calc_value(ds);
                        text = self
                            .sym(ds)
                            .curr
                            .val
                            .clone()
                            .unwrap_or_else(|| Arc::from(""));
                    }
                }
            }
        }
        val = val.or(self.sym(s).rev_dep.tri);
        if val == Tristate::Mod
            && !self.is_choice_value(s)
            && self.sym(self.modules_sym).curr.tri == Tristate::No
        {
            val = Tristate::Yes;
        }
        if self.sym(s).ty == SymbolType::Bool && val == Tristate::Mod {
            val = Tristate::Yes;
        }
        if val < self.sym(s).implied.tri {
            val = self.sym(s).implied.tri;
        }
        match self.sym(s).ty {
            SymbolType::Bool | SymbolType::Tristate => Arc::from(val.as_str()),
            SymbolType::Int if text.is_empty() => Arc::from("0"),
            SymbolType::Hex if text.is_empty() => Arc::from("0x0"),
            _ => text,
        }
    }

    /// Whether the user can change the value (C `sym_is_changeable`).
    pub fn is_changeable(&self, s: SymbolId) -> bool {
        let sym = self.sym(s);
        !sym.is_choice() && sym.visible > sym.rev_dep.tri
    }
}
