//! Kconfig expressions: a hash-consed arena plus the rewrites the C tool applies.
//!
//! Every expression node is interned, so two syntactically identical nodes are the
//! same `ExprId`. The C tool does the same, and its per-node value cache depends on
//! that identity, so we keep it to evaluate exactly alike. The rewrites
//! (`transform`, `eliminate_dups`, `eliminate_eq`, `trans_compare`) only matter for
//! building the menu tree (automatic submenus), which decides the layout of `.config`.

use rustc_hash::FxHashMap;

use super::symbol::{SymbolId, SymbolType, Tristate};
use super::Kconfig;

/// Index of an interned expression node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// A comparison operator between two symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Equal,
    Unequal,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Equal => "=",
            CmpOp::Unequal => "!=",
            CmpOp::Less => "<",
            CmpOp::LessEqual => "<=",
            CmpOp::Greater => ">",
            CmpOp::GreaterEqual => ">=",
        }
    }
}

/// One expression node. Operands are other nodes or symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    Or(ExprId, ExprId),
    And(ExprId, ExprId),
    Not(ExprId),
    Cmp(CmpOp, SymbolId, SymbolId),
    Symbol(SymbolId),
    /// `range A B` (only as the expression of a range property).
    Range(SymbolId, SymbolId),
}

/// The node kinds in the order the printer ranks their binding strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExprKind {
    None,
    Or,
    And,
    Not,
    Eq,
    Rel,
    Symbol,
    Range,
}

impl Expr {
    pub(crate) fn kind(&self) -> ExprKind {
        match self {
            Expr::Or(..) => ExprKind::Or,
            Expr::And(..) => ExprKind::And,
            Expr::Not(..) => ExprKind::Not,
            Expr::Cmp(CmpOp::Equal | CmpOp::Unequal, ..) => ExprKind::Eq,
            Expr::Cmp(..) => ExprKind::Rel,
            Expr::Symbol(..) => ExprKind::Symbol,
            Expr::Range(..) => ExprKind::Range,
        }
    }
}

/// Interned expression nodes with their cached values.
#[derive(Default, Clone)]
pub struct ExprArena {
    nodes: Vec<Expr>,
    index: FxHashMap<Expr, ExprId>,
    /// Cached value per node; `None` when not valid.
    pub(crate) cache: Vec<Option<Tristate>>,
    /// Memoised results of the pure rewrites, by node (`u32::MAX`: not known).
    memo: [Vec<u32>; 3],
}

/// Which memoised rewrite.
#[derive(Clone, Copy)]
pub(crate) enum Rewrite {
    Transform = 0,
    Dups = 1,
    RewriteM = 2,
}

impl ExprArena {
    pub fn with_capacity(n: usize) -> Self {
        let mut a = ExprArena::default();
        a.nodes.reserve(n);
        a.cache.reserve(n);
        a.index.reserve(n);
        a
    }

    pub fn intern(&mut self, e: Expr) -> ExprId {
        match self.index.entry(e) {
            std::collections::hash_map::Entry::Occupied(o) => *o.get(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let id = ExprId(self.nodes.len() as u32);
                self.nodes.push(e);
                self.cache.push(None);
                v.insert(id);
                id
            }
        }
    }

    pub(crate) fn memo_get(&self, r: Rewrite, e: ExprId) -> Option<ExprId> {
        match self.memo[r as usize].get(e.0 as usize) {
            Some(&v) if v != u32::MAX => Some(ExprId(v)),
            _ => None,
        }
    }

    pub(crate) fn memo_put(&mut self, r: Rewrite, e: ExprId, v: ExprId) {
        let m = &mut self.memo[r as usize];
        if m.len() <= e.0 as usize {
            m.resize(self.nodes.len().max(e.0 as usize + 1), u32::MAX);
        }
        m[e.0 as usize] = v.0;
    }

    pub fn get(&self, id: ExprId) -> Expr {
        self.nodes[id.0 as usize]
    }

    pub fn invalidate_all(&mut self) {
        self.cache.iter_mut().for_each(|v| *v = None);
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// A printer callback: receives each token (with its symbol, if any).
pub(crate) type Decorate<'a> = &'a mut dyn FnMut(&Kconfig, &mut String, Option<SymbolId>, &str);

/// Which of `&&` / `||` a leaf walk is flattening.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Junction {
    Or,
    And,
}

impl Kconfig {
    /// The node `id`, for callers that walk an expression's structure.
    pub fn expr_node(&self, id: ExprId) -> Expr {
        self.exprs.get(id)
    }

    pub(crate) fn e(&self, id: ExprId) -> Expr {
        self.exprs.get(id)
    }

    pub(crate) fn e_sym(&mut self, s: SymbolId) -> ExprId {
        self.exprs.intern(Expr::Symbol(s))
    }

    pub(crate) fn e_not(&mut self, e: ExprId) -> ExprId {
        self.exprs.intern(Expr::Not(e))
    }

    pub(crate) fn e_cmp(&mut self, op: CmpOp, a: SymbolId, b: SymbolId) -> ExprId {
        self.exprs.intern(Expr::Cmp(op, a, b))
    }

    fn e_two(&mut self, j: Junction, a: ExprId, b: ExprId) -> ExprId {
        match j {
            Junction::Or => self.exprs.intern(Expr::Or(a, b)),
            Junction::And => self.exprs.intern(Expr::And(a, b)),
        }
    }

    /// `a && b`, where a missing operand means "no condition".
    pub(crate) fn e_and(&mut self, a: Option<ExprId>, b: Option<ExprId>) -> Option<ExprId> {
        match (a, b) {
            (None, b) => b,
            (a, None) => a,
            (Some(a), Some(b)) => Some(self.exprs.intern(Expr::And(a, b))),
        }
    }

    /// `a || b`, where a missing operand is dropped.
    pub(crate) fn e_or(&mut self, a: Option<ExprId>, b: Option<ExprId>) -> Option<ExprId> {
        match (a, b) {
            (None, b) => b,
            (a, None) => a,
            (Some(a), Some(b)) => Some(self.exprs.intern(Expr::Or(a, b))),
        }
    }

    pub(crate) fn is_yes(&self, e: Option<ExprId>) -> bool {
        match e {
            None => true,
            Some(e) => self.e(e) == Expr::Symbol(SymbolId::YES),
        }
    }

    fn is_const_sym(&self, e: ExprId, s: SymbolId) -> bool {
        self.e(e) == Expr::Symbol(s)
    }

    fn junction_of(e: Expr) -> Option<Junction> {
        match e {
            Expr::Or(..) => Some(Junction::Or),
            Expr::And(..) => Some(Junction::And),
            _ => None,
        }
    }

    fn operands(e: Expr) -> (ExprId, ExprId) {
        match e {
            Expr::Or(l, r) | Expr::And(l, r) => (l, r),
            _ => unreachable!("operands of a leaf"),
        }
    }

    /// Walks two trees of `j` nodes and replaces equal leaves in both by the
    /// neutral constant, so a later `eliminate_yn` removes them.
    fn eliminate_eq_walk(&mut self, j: Junction, e1: &mut ExprId, e2: &mut ExprId) {
        let x1 = self.e(*e1);
        if Self::junction_of(x1) == Some(j) {
            let (mut l, mut r) = Self::operands(x1);
            self.eliminate_eq_walk(j, &mut l, e2);
            self.eliminate_eq_walk(j, &mut r, e2);
            *e1 = self.e_two(j, l, r);
            return;
        }
        let x2 = self.e(*e2);
        if Self::junction_of(x2) == Some(j) {
            let (mut l, mut r) = Self::operands(x2);
            self.eliminate_eq_walk(j, e1, &mut l);
            self.eliminate_eq_walk(j, e1, &mut r);
            *e2 = self.e_two(j, l, r);
            return;
        }
        if let (Expr::Symbol(a), Expr::Symbol(b)) = (x1, x2) {
            if a == b && (a == SymbolId::YES || a == SymbolId::NO) {
                return;
            }
        }
        if !self.expr_eq(Some(*e1), Some(*e2)) {
            return;
        }
        self.trans_count += 1;
        let neutral = match j {
            Junction::Or => SymbolId::NO,
            Junction::And => SymbolId::YES,
        };
        *e1 = self.e_sym(neutral);
        *e2 = self.e_sym(neutral);
    }

    /// Removes operands common to both expressions (at the same `&&`/`||` level).
    pub(crate) fn eliminate_eq(&mut self, e1: &mut Option<ExprId>, e2: &mut Option<ExprId>) {
        let (Some(mut a), Some(mut b)) = (*e1, *e2) else {
            return;
        };
        if let Some(j) = Self::junction_of(self.e(a)) {
            self.eliminate_eq_walk(j, &mut a, &mut b);
        }
        let ka = self.e(a).kind();
        let kb = self.e(b).kind();
        if ka != kb {
            if let Some(j) = Self::junction_of(self.e(b)) {
                self.eliminate_eq_walk(j, &mut a, &mut b);
            }
        }
        *e1 = Some(self.eliminate_yn(a));
        *e2 = Some(self.eliminate_yn(b));
    }

    /// Structural equality modulo operand order within `&&`/`||` levels.
    pub(crate) fn expr_eq(&mut self, e1: Option<ExprId>, e2: Option<ExprId>) -> bool {
        let (Some(a), Some(b)) = (e1, e2) else {
            return self.is_yes(e1) && self.is_yes(e2);
        };
        let (x1, x2) = (self.e(a), self.e(b));
        if x1.kind() != x2.kind() {
            return false;
        }
        match (x1, x2) {
            (Expr::Cmp(o1, l1, r1), Expr::Cmp(o2, l2, r2)) => o1 == o2 && l1 == l2 && r1 == r2,
            (Expr::Symbol(s1), Expr::Symbol(s2)) => s1 == s2,
            (Expr::Not(c1), Expr::Not(c2)) => self.expr_eq(Some(c1), Some(c2)),
            (Expr::And(..), _) | (Expr::Or(..), _) => {
                let old = self.trans_count;
                let (mut p, mut q) = (Some(a), Some(b));
                self.eliminate_eq(&mut p, &mut q);
                let res = matches!((p.map(|p| self.e(p)), q.map(|q| self.e(q))),
                    (Some(Expr::Symbol(s1)), Some(Expr::Symbol(s2))) if s1 == s2);
                self.trans_count = old;
                res
            }
            // Comparisons of different operators have different kinds only when
            // one is (in)equality and the other relational; same kind, other op:
            _ => false,
        }
    }

    /// `e && n -> n`, `e && y -> e`, `e || n -> e`, `e || y -> y`, recursively.
    pub(crate) fn eliminate_yn(&mut self, e: ExprId) -> ExprId {
        match self.e(e) {
            Expr::And(l, r) => {
                let l = self.eliminate_yn(l);
                let r = self.eliminate_yn(r);
                if self.is_const_sym(l, SymbolId::NO) {
                    return l;
                }
                if self.is_const_sym(l, SymbolId::YES) {
                    return r;
                }
                if self.is_const_sym(r, SymbolId::NO) {
                    return r;
                }
                if self.is_const_sym(r, SymbolId::YES) {
                    return l;
                }
                e
            }
            Expr::Or(l, r) => {
                let l = self.eliminate_yn(l);
                let r = self.eliminate_yn(r);
                if self.is_const_sym(l, SymbolId::NO) {
                    return r;
                }
                if self.is_const_sym(l, SymbolId::YES) {
                    return l;
                }
                if self.is_const_sym(r, SymbolId::NO) {
                    return l;
                }
                if self.is_const_sym(r, SymbolId::YES) {
                    return r;
                }
                e
            }
            _ => e,
        }
    }

    /// The symbol a join considers (`A`, `A=x`, `A!=x`, `!A` ...), if the leaf is
    /// of a joinable shape.
    fn join_subject(&self, e: Expr, allow_not_cmp: bool) -> Option<SymbolId> {
        match e {
            Expr::Cmp(CmpOp::Equal | CmpOp::Unequal, s, _) | Expr::Symbol(s) => Some(s),
            Expr::Not(c) => match self.e(c) {
                Expr::Symbol(s) => Some(s),
                Expr::Cmp(CmpOp::Equal | CmpOp::Unequal, s, _) if allow_not_cmp => Some(s),
                _ => None,
            },
            _ => None,
        }
    }

    /// Subject symbols of two leaves for joining, or `None` when they cannot join.
    fn join_pair(&self, a: ExprId, b: ExprId) -> Option<SymbolId> {
        let (x1, x2) = (self.e(a), self.e(b));
        let s1 = self.join_subject(x1, true)?;
        let s2 = self.join_subject(x2, false)?;
        if s1 != s2 {
            return None;
        }
        let t = self.sym(s1).ty;
        if t != SymbolType::Bool && t != SymbolType::Tristate {
            return None;
        }
        Some(s1)
    }

    /// `e1 || e2` as one simpler leaf, if one exists.
    fn join_or(&mut self, a: ExprId, b: ExprId) -> Option<ExprId> {
        if self.expr_eq(Some(a), Some(b)) {
            return Some(a);
        }
        let s = self.join_pair(a, b)?;
        let (x1, x2) = (self.e(a), self.e(b));
        let (y, m, n) = (SymbolId::YES, SymbolId::MOD, SymbolId::NO);
        if self.sym(s).ty == SymbolType::Tristate {
            if let (Expr::Cmp(CmpOp::Equal, _, r1), Expr::Cmp(CmpOp::Equal, _, r2)) = (x1, x2) {
                let pair = |p: SymbolId, q: SymbolId| (r1 == p && r2 == q) || (r1 == q && r2 == p);
                if pair(y, m) {
                    return Some(self.e_cmp(CmpOp::Unequal, s, n));
                }
                if pair(y, n) {
                    return Some(self.e_cmp(CmpOp::Unequal, s, m));
                }
                if pair(m, n) {
                    return Some(self.e_cmp(CmpOp::Unequal, s, y));
                }
            }
        }
        if self.sym(s).ty == SymbolType::Bool {
            let not_sym = |x: Expr, k: &Kconfig| matches!(x, Expr::Not(c) if matches!(k.e(c), Expr::Symbol(_)));
            if (not_sym(x1, self) && matches!(x2, Expr::Symbol(_)))
                || (not_sym(x2, self) && matches!(x1, Expr::Symbol(_)))
            {
                return Some(self.e_sym(SymbolId::YES));
            }
        }
        None
    }

    /// `e1 && e2` as one simpler leaf, if one exists.
    fn join_and(&mut self, a: ExprId, b: ExprId) -> Option<ExprId> {
        if self.expr_eq(Some(a), Some(b)) {
            return Some(a);
        }
        let s = self.join_pair(a, b)?;
        let (x1, x2) = (self.e(a), self.e(b));
        let (y, m, n) = (SymbolId::YES, SymbolId::MOD, SymbolId::NO);
        let sym_vs = |x: Expr, o: Expr, op: CmpOp, c: SymbolId| {
            matches!(x, Expr::Symbol(_)) && matches!(o, Expr::Cmp(p, _, r) if p == op && r == c)
        };
        let either = |op: CmpOp, c: SymbolId| sym_vs(x1, x2, op, c) || sym_vs(x2, x1, op, c);
        if either(CmpOp::Equal, y) {
            return Some(self.e_cmp(CmpOp::Equal, s, y));
        }
        if either(CmpOp::Unequal, n) {
            return Some(self.e_sym(s));
        }
        if either(CmpOp::Unequal, m) {
            return Some(self.e_cmp(CmpOp::Equal, s, y));
        }
        if self.sym(s).ty == SymbolType::Tristate {
            if let (Expr::Cmp(CmpOp::Equal, _, b1), Expr::Cmp(CmpOp::Unequal, _, c1)) = (x1, x2) {
                if self.sym(c1).is_const() && self.sym(b1).is_const() {
                    return Some(if b1 != c1 {
                        self.e_cmp(CmpOp::Equal, s, b1)
                    } else {
                        self.e_sym(n)
                    });
                }
            }
            if let (Expr::Cmp(CmpOp::Unequal, _, c1), Expr::Cmp(CmpOp::Equal, _, b1)) = (x1, x2) {
                if self.sym(c1).is_const() && self.sym(b1).is_const() {
                    return Some(if b1 != c1 {
                        self.e_cmp(CmpOp::Equal, s, b1)
                    } else {
                        self.e_sym(n)
                    });
                }
            }
            if let (Expr::Cmp(CmpOp::Unequal, _, r1), Expr::Cmp(CmpOp::Unequal, _, r2)) = (x1, x2) {
                let pair = |p: SymbolId, q: SymbolId| (r1 == p && r2 == q) || (r1 == q && r2 == p);
                if pair(y, n) {
                    return Some(self.e_cmp(CmpOp::Equal, s, m));
                }
                if pair(y, m) {
                    return Some(self.e_cmp(CmpOp::Equal, s, n));
                }
                if pair(m, n) {
                    return Some(self.e_cmp(CmpOp::Equal, s, y));
                }
            }
        }
        None
    }

    fn eliminate_dups_walk(&mut self, j: Junction, e1: &mut ExprId, e2: &mut ExprId) {
        let x1 = self.e(*e1);
        if Self::junction_of(x1) == Some(j) {
            let (mut l, mut r) = Self::operands(x1);
            self.eliminate_dups_walk(j, &mut l, e2);
            self.eliminate_dups_walk(j, &mut r, e2);
            *e1 = self.e_two(j, l, r);
            return;
        }
        let x2 = self.e(*e2);
        if Self::junction_of(x2) == Some(j) {
            let (mut l, mut r) = Self::operands(x2);
            self.eliminate_dups_walk(j, e1, &mut l);
            self.eliminate_dups_walk(j, e1, &mut r);
            *e2 = self.e_two(j, l, r);
            return;
        }
        let joined = match j {
            Junction::Or => self.join_or(*e1, *e2),
            Junction::And => self.join_and(*e1, *e2),
        };
        if let Some(t) = joined {
            *e1 = self.e_sym(match j {
                Junction::Or => SymbolId::NO,
                Junction::And => SymbolId::YES,
            });
            *e2 = t;
            self.trans_count += 1;
        }
    }

    /// Joins duplicate and redundant operands, repeating until nothing changes.
    pub(crate) fn eliminate_dups(&mut self, e: Option<ExprId>) -> Option<ExprId> {
        let input = e?;
        if let Some(r) = self.exprs.memo_get(Rewrite::Dups, input) {
            return Some(r);
        }
        let mut e = input;
        let old = self.trans_count;
        loop {
            self.trans_count = 0;
            if let Some(j) = Self::junction_of(self.e(e)) {
                let (l, r) = Self::operands(self.e(e));
                let mut l = self.eliminate_dups(Some(l)).expect("operand");
                let mut r = self.eliminate_dups(Some(r)).expect("operand");
                self.eliminate_dups_walk(j, &mut l, &mut r);
                e = self.e_two(j, l, r);
            }
            e = self.eliminate_yn(e);
            if self.trans_count == 0 {
                break;
            }
        }
        self.trans_count = old;
        self.exprs.memo_put(Rewrite::Dups, input, e);
        Some(e)
    }

    /// Normalises comparisons and negations (see the C tool's `expr_transform`).
    pub(crate) fn transform(&mut self, e: Option<ExprId>) -> Option<ExprId> {
        let input = e?;
        if let Some(r) = self.exprs.memo_get(Rewrite::Transform, input) {
            return Some(r);
        }
        // Rewrites that print (a bool compared with `m`) print on every call, as
        // in the C tool, so only silent results are memoised.
        let printed = self.messages.len();
        let r = self.transform_uncached(input);
        if self.messages.len() == printed {
            self.exprs.memo_put(Rewrite::Transform, input, r);
        }
        Some(r)
    }

    fn transform_uncached(&mut self, input: ExprId) -> ExprId {
        let mut e = input;
        match self.e(e) {
            Expr::Or(l, r) => {
                let (l, r) = (
                    self.transform(Some(l)).expect("operand"),
                    self.transform(Some(r)).expect("operand"),
                );
                e = self.e_two(Junction::Or, l, r);
            }
            Expr::And(l, r) => {
                let (l, r) = (
                    self.transform(Some(l)).expect("operand"),
                    self.transform(Some(r)).expect("operand"),
                );
                e = self.e_two(Junction::And, l, r);
            }
            Expr::Not(c) => {
                // The C tool rebuilds unary nodes through the binary allocator with
                // a missing right operand: the same node.
                let c = self.transform(Some(c)).expect("operand");
                e = self.e_not(c);
            }
            Expr::Range(..) => {}
            _ => {}
        }
        let (y, m, n) = (SymbolId::YES, SymbolId::MOD, SymbolId::NO);
        match self.e(e) {
            Expr::Cmp(CmpOp::Equal, s, r) if self.sym(s).ty == SymbolType::Bool => {
                if r == n {
                    let se = self.e_sym(s);
                    e = self.e_not(se);
                } else if r == m {
                    let name = self.sym(s).name_or_choice().to_string();
                    self.stdout(format!(
                        "boolean symbol {name} tested for 'm'? test forced to 'n'"
                    ));
                    e = self.e_sym(n);
                } else if r == y {
                    e = self.e_sym(s);
                }
            }
            Expr::Cmp(CmpOp::Unequal, s, r) if self.sym(s).ty == SymbolType::Bool => {
                if r == n {
                    e = self.e_sym(s);
                } else if r == m {
                    let name = self.sym(s).name_or_choice().to_string();
                    self.stdout(format!(
                        "boolean symbol {name} tested for 'm'? test forced to 'y'"
                    ));
                    e = self.e_sym(y);
                } else if r == y {
                    // The C tool builds `!<left operand>` reading the comparison's
                    // left symbol slot as an expression: i.e. `!A`.
                    let se = self.e_sym(s);
                    e = self.e_not(se);
                }
            }
            Expr::Not(c) => match self.e(c) {
                Expr::Not(cc) => e = cc,
                Expr::Cmp(op, a, b) => {
                    let neg = match op {
                        CmpOp::Equal => CmpOp::Unequal,
                        CmpOp::Unequal => CmpOp::Equal,
                        CmpOp::LessEqual => CmpOp::Greater,
                        CmpOp::GreaterEqual => CmpOp::Less,
                        CmpOp::Less => CmpOp::GreaterEqual,
                        CmpOp::Greater => CmpOp::LessEqual,
                    };
                    e = self.e_cmp(neg, a, b);
                }
                Expr::Or(a, b) => {
                    let (na, nb) = (self.e_not(a), self.e_not(b));
                    let t = self.e_two(Junction::And, na, nb);
                    e = self.transform(Some(t)).expect("operand");
                }
                Expr::And(a, b) => {
                    let (na, nb) = (self.e_not(a), self.e_not(b));
                    let t = self.e_two(Junction::Or, na, nb);
                    e = self.transform(Some(t)).expect("operand");
                }
                Expr::Symbol(s) if s == y => e = self.e_sym(n),
                Expr::Symbol(s) if s == m => e = self.e_sym(m),
                Expr::Symbol(s) if s == n => e = self.e_sym(y),
                _ => {}
            },
            _ => {}
        }
        e
    }

    pub(crate) fn contains_symbol(&self, e: Option<ExprId>, s: SymbolId) -> bool {
        let Some(e) = e else { return false };
        match self.e(e) {
            Expr::And(l, r) | Expr::Or(l, r) => {
                self.contains_symbol(Some(l), s) || self.contains_symbol(Some(r), s)
            }
            Expr::Symbol(x) => x == s,
            Expr::Cmp(_, a, b) => a == s || b == s,
            Expr::Not(c) => self.contains_symbol(Some(c), s),
            Expr::Range(..) => false,
        }
    }

    /// True if `e` can only be true when `s` is not `n`.
    pub(crate) fn depends_symbol(&self, e: Option<ExprId>, s: SymbolId) -> bool {
        let Some(e) = e else { return false };
        match self.e(e) {
            Expr::And(l, r) => self.depends_symbol(Some(l), s) || self.depends_symbol(Some(r), s),
            Expr::Symbol(x) => x == s,
            Expr::Cmp(CmpOp::Equal, a, b) => a == s && (b == SymbolId::YES || b == SymbolId::MOD),
            Expr::Cmp(CmpOp::Unequal, a, b) => a == s && b == SymbolId::NO,
            _ => false,
        }
    }

    /// Inserts explicit comparisons (`op`, against `s`) into `e`.
    pub(crate) fn trans_compare(
        &mut self,
        e: Option<ExprId>,
        op: CmpOp,
        s: SymbolId,
    ) -> Option<ExprId> {
        let Some(e) = e else {
            let mut r = self.e_sym(s);
            if op == CmpOp::Unequal {
                r = self.e_not(r);
            }
            return Some(r);
        };
        match self.e(e) {
            x @ (Expr::And(l, r) | Expr::Or(l, r)) => {
                let is_and = matches!(x, Expr::And(..));
                let e1 = self.trans_compare(Some(l), CmpOp::Equal, s)?;
                let e2 = self.trans_compare(Some(r), CmpOp::Equal, s)?;
                let mut res = e;
                if s == SymbolId::YES {
                    res = self.e_two(if is_and { Junction::And } else { Junction::Or }, e1, e2);
                }
                if s == SymbolId::NO {
                    res = self.e_two(if is_and { Junction::Or } else { Junction::And }, e1, e2);
                }
                if op == CmpOp::Unequal {
                    res = self.e_not(res);
                }
                Some(res)
            }
            Expr::Not(c) => {
                let flipped = if op == CmpOp::Equal {
                    CmpOp::Unequal
                } else {
                    CmpOp::Equal
                };
                self.trans_compare(Some(c), flipped, s)
            }
            Expr::Cmp(..) => {
                if op == CmpOp::Equal {
                    if s == SymbolId::YES {
                        return Some(e);
                    }
                    if s == SymbolId::MOD {
                        return Some(self.e_sym(SymbolId::NO));
                    }
                    if s == SymbolId::NO {
                        return Some(self.e_not(e));
                    }
                } else {
                    if s == SymbolId::YES {
                        return Some(self.e_not(e));
                    }
                    if s == SymbolId::MOD {
                        return Some(self.e_sym(SymbolId::YES));
                    }
                    if s == SymbolId::NO {
                        return Some(e);
                    }
                }
                None
            }
            Expr::Symbol(x) => Some(self.e_cmp(op, x, s)),
            Expr::Range(..) => None,
        }
    }

    /// Prints an expression the way the C tool does. `sym_fn` receives each symbol
    /// token (with its symbol) so callers can decorate it (e.g. with ` [=y]`).
    pub(crate) fn print_expr(
        &self,
        e: Option<ExprId>,
        out: &mut String,
        decorate: Decorate<'_>,
        prev: ExprKind,
    ) {
        let Some(e) = e else {
            decorate(self, out, None, "y");
            return;
        };
        let x = self.e(e);
        let paren = needs_paren(prev, x.kind());
        if paren {
            decorate(self, out, None, "(");
        }
        let name = |k: &Kconfig, s: SymbolId| -> (Option<SymbolId>, String) {
            match &k.sym(s).name {
                Some(n) => (Some(s), n.to_string()),
                None => (None, "<choice>".to_string()),
            }
        };
        match x {
            Expr::Symbol(s) => {
                let (sid, n) = name(self, s);
                decorate(self, out, sid, &n);
            }
            Expr::Not(c) => {
                decorate(self, out, None, "!");
                self.print_expr(Some(c), out, decorate, ExprKind::Not);
            }
            Expr::Cmp(op, a, b) => {
                let (sid, n) = name(self, a);
                decorate(self, out, sid, &n);
                decorate(self, out, None, op.as_str());
                let bn = self.sym(b).name.clone().unwrap_or_default();
                decorate(self, out, Some(b), &bn);
            }
            Expr::Or(l, r) => {
                self.print_expr(Some(l), out, decorate, ExprKind::Or);
                decorate(self, out, None, " || ");
                self.print_expr(Some(r), out, decorate, ExprKind::Or);
            }
            Expr::And(l, r) => {
                self.print_expr(Some(l), out, decorate, ExprKind::And);
                decorate(self, out, None, " && ");
                self.print_expr(Some(r), out, decorate, ExprKind::And);
            }
            Expr::Range(a, b) => {
                decorate(self, out, None, "[");
                let an = self.sym(a).name.clone().unwrap_or_default();
                decorate(self, out, Some(a), &an);
                decorate(self, out, None, " ");
                let bn = self.sym(b).name.clone().unwrap_or_default();
                decorate(self, out, Some(b), &bn);
                decorate(self, out, None, "]");
            }
        }
        if paren {
            decorate(self, out, None, ")");
        }
    }

    /// The expression as Kconfig source text (`A && (B || !C)`).
    pub fn expr_to_string(&self, e: Option<ExprId>) -> String {
        let mut s = String::new();
        self.print_expr(
            e,
            &mut s,
            &mut |_, out, _, t| out.push_str(t),
            ExprKind::None,
        );
        s
    }

    /// The expression with each typed symbol's current value (`A [=y] && B [=n]`).
    /// Like the C tool, it shows the values as they stand and computes nothing.
    pub fn expr_to_string_with_values(&self, e: Option<ExprId>) -> String {
        let mut s = String::new();
        self.print_expr(
            e,
            &mut s,
            &mut |k, out, sym, t| {
                out.push_str(t);
                if let Some(sym) = sym {
                    if k.sym(sym).ty != SymbolType::Unknown {
                        out.push_str(" [=");
                        out.push_str(&k.string_value(sym));
                        out.push(']');
                    }
                }
            },
            ExprKind::None,
        );
        s
    }
}

/// Whether a child of kind `child` printed under `parent` needs parentheses.
fn needs_paren(parent: ExprKind, child: ExprKind) -> bool {
    use ExprKind::*;
    if parent == child {
        return false;
    }
    let loose = |c: ExprKind, set: &[ExprKind]| set.contains(&c);
    match parent {
        Rel => loose(child, &[Eq, Not, And, Or]),
        Eq => loose(child, &[Not, And, Or]),
        Not => loose(child, &[And, Or]),
        And => child == Or,
        _ => false,
    }
}
