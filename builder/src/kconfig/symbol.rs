//! Symbols: types, tristate values, flags, and the symbol table.
//!
//! The table reproduces the C tool's iteration order ("for all symbols"): a
//! 16384-bucket hash of the name, buckets in ascending order, newest symbol first
//! within a bucket. `auto.conf`, `autoconf.h` and `rustc_cfg` list symbols in that
//! order, so byte-identical output needs it.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::expr::ExprId;
use super::menu::{MenuId, PropId};
use super::Kconfig;

/// Index of a symbol. The three constants `n`, `m`, `y` come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymbolId(pub u32);

impl SymbolId {
    pub const NO: SymbolId = SymbolId(0);
    pub const MOD: SymbolId = SymbolId(1);
    pub const YES: SymbolId = SymbolId(2);

    pub fn of_tristate(t: Tristate) -> SymbolId {
        match t {
            Tristate::No => SymbolId::NO,
            Tristate::Mod => SymbolId::MOD,
            Tristate::Yes => SymbolId::YES,
        }
    }
}

/// `n` < `m` < `y`; `&&` is min, `||` is max, `!` is `2 - x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Tristate {
    #[default]
    No = 0,
    Mod = 1,
    Yes = 2,
}

impl Tristate {
    pub fn and(self, o: Tristate) -> Tristate {
        self.min(o)
    }
    pub fn or(self, o: Tristate) -> Tristate {
        self.max(o)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Tristate::No => "n",
            Tristate::Mod => "m",
            Tristate::Yes => "y",
        }
    }
    pub fn as_char(self) -> char {
        match self {
            Tristate::No => 'n',
            Tristate::Mod => 'm',
            Tristate::Yes => 'y',
        }
    }
}

impl std::ops::Not for Tristate {
    type Output = Tristate;
    /// `2 - x`: `!y` is `n`, `!m` is `m`.
    fn not(self) -> Tristate {
        match self {
            Tristate::No => Tristate::Yes,
            Tristate::Mod => Tristate::Mod,
            Tristate::Yes => Tristate::No,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SymbolType {
    #[default]
    Unknown,
    Bool,
    Tristate,
    Int,
    Hex,
    String,
}

impl SymbolType {
    /// The name the C tool prints in messages (`integer`, not `int`).
    pub fn name(self) -> &'static str {
        match self {
            SymbolType::Unknown => "unknown",
            SymbolType::Bool => "bool",
            SymbolType::Tristate => "tristate",
            SymbolType::Int => "integer",
            SymbolType::Hex => "hex",
            SymbolType::String => "string",
        }
    }
    pub fn is_logic(self) -> bool {
        matches!(self, SymbolType::Bool | SymbolType::Tristate)
    }
}

pub mod flags {
    pub const CONST: u32 = 0x0001;
    pub const CHECK: u32 = 0x0008;
    pub const VALID: u32 = 0x0080;
    pub const WRITE: u32 = 0x0200;
    pub const WRITTEN: u32 = 0x0800;
    pub const CHECKED: u32 = 0x2000;
    pub const WARNED: u32 = 0x8000;
    pub const DEF_USER: u32 = 0x10000;
    pub const DEF_AUTO: u32 = 0x20000;
    /// Symbol marked `transitional` (Linux 6.18): read from `.config`, never written.
    pub const TRANSITIONAL: u32 = 0x100000;
}

/// The two value slots a config file can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefSlot {
    /// `.config` (or a defconfig, fragment, `KCONFIG_ALLCONFIG`).
    User = 0,
    /// `include/config/auto.conf`, read to find changed symbols.
    Auto = 1,
}

impl DefSlot {
    pub fn flag(self) -> u32 {
        match self {
            DefSlot::User => flags::DEF_USER,
            DefSlot::Auto => flags::DEF_AUTO,
        }
    }
}

/// A value as the C tool keeps it: a string (int/hex/string) and a tristate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SymValue {
    pub val: Option<Arc<str>>,
    pub tri: Tristate,
}

/// An expression with its last computed value.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExprValue {
    pub expr: Option<ExprId>,
    pub tri: Tristate,
}

#[derive(Clone, Debug, Default)]
pub struct Symbol {
    /// `None` for a choice.
    pub name: Option<Arc<str>>,
    pub ty: SymbolType,
    pub curr: SymValue,
    pub def: [SymValue; 2],
    pub visible: Tristate,
    /// Menu entries defining this symbol, in definition order.
    pub menus: Vec<MenuId>,
    /// Properties in definition order (across all definitions).
    pub props: Vec<PropId>,
    pub flags: u32,
    /// Dependencies from enclosing menus, choices and ifs (all definitions, or-ed).
    pub dir_dep: ExprValue,
    /// Reverse dependencies from `select`.
    pub rev_dep: ExprValue,
    /// Weak reverse dependencies from `imply`.
    pub implied: ExprValue,
    /// The choice block this symbol was declared in (C: `choice_link`).
    pub choice_link: Option<MenuId>,
    /// Hash bucket in the C tool's symbol table.
    pub(crate) bucket: u32,
}

impl Symbol {
    pub fn is_const(&self) -> bool {
        self.flags & flags::CONST != 0
    }
    pub fn is_choice(&self) -> bool {
        self.name.is_none()
    }
    pub fn has_value(&self) -> bool {
        self.flags & flags::DEF_USER != 0
    }
    pub fn name_or_choice(&self) -> &str {
        self.name.as_deref().unwrap_or("<choice>")
    }
    pub fn user_tri(&self) -> Tristate {
        self.def[DefSlot::User as usize].tri
    }
    pub fn is_transitional(&self) -> bool {
        self.flags & flags::TRANSITIONAL != 0
    }
}

/// The C tool's string hash (FNV-1a over signed chars).
pub(crate) fn hash_str(s: &str) -> u32 {
    let mut h: u32 = 2166136261;
    for &b in super::source::encode_text(s).iter() {
        let c = b as i8 as i32 as u32;
        h = (h ^ c).wrapping_mul(0x01000193);
    }
    h
}

const SYMBOL_HASHSIZE: u32 = 1 << 14;

/// Name index of the symbol table.
#[derive(Default, Clone)]
pub struct SymbolIndex {
    /// Non-constant symbols by name.
    plain: FxHashMap<Arc<str>, SymbolId>,
    /// Constant (quoted) symbols by name.
    constant: FxHashMap<Arc<str>, SymbolId>,
}

impl Kconfig {
    pub fn sym(&self, id: SymbolId) -> &Symbol {
        &self.syms[id.0 as usize]
    }

    pub(crate) fn sym_mut(&mut self, id: SymbolId) -> &mut Symbol {
        &mut self.syms[id.0 as usize]
    }

    pub(crate) fn init_constants(&mut self) {
        for (name, tri) in [
            ("n", Tristate::No),
            ("m", Tristate::Mod),
            ("y", Tristate::Yes),
        ] {
            self.syms.push(Symbol {
                name: Some(Arc::from(name)),
                ty: SymbolType::Tristate,
                curr: SymValue {
                    val: Some(Arc::from(name)),
                    tri,
                },
                flags: flags::CONST | flags::VALID,
                ..Default::default()
            });
        }
    }

    /// Looks a symbol up by name, creating it if needed (C: `sym_lookup`).
    /// `constant` selects quoted-string symbols. `name == None` creates a choice.
    pub(crate) fn sym_lookup(&mut self, name: Option<&str>, constant: bool) -> SymbolId {
        if let Some(n) = name {
            if let Some(c) = single_tristate(n) {
                return c;
            }
            let map = if constant {
                &self.sym_index.constant
            } else {
                &self.sym_index.plain
            };
            if let Some(&id) = map.get(n) {
                return id;
            }
        }
        let id = SymbolId(self.syms.len() as u32);
        let rc: Option<Arc<str>> = name.map(Arc::from);
        let bucket = name.map(|n| hash_str(n) % SYMBOL_HASHSIZE).unwrap_or(0);
        self.syms.push(Symbol {
            name: rc.clone(),
            flags: if constant { flags::CONST } else { 0 },
            bucket,
            ..Default::default()
        });
        if let Some(rc) = rc {
            if constant {
                self.sym_index.constant.insert(rc, id);
            } else {
                self.sym_index.plain.insert(rc, id);
            }
        }
        self.sym_order = None;
        id
    }

    /// Finds a non-constant symbol by name (C: `sym_find`).
    pub fn sym_find(&self, name: &str) -> Option<SymbolId> {
        if let Some(c) = single_tristate(name) {
            return Some(c);
        }
        self.sym_index.plain.get(name).copied()
    }

    /// All symbols in the C tool's hash-table order (constants `n/m/y` excluded).
    pub(crate) fn all_symbols(&mut self) -> Arc<[SymbolId]> {
        if let Some(o) = &self.sym_order {
            return o.clone();
        }
        let mut ids: Vec<SymbolId> = (3..self.syms.len() as u32).map(SymbolId).collect();
        ids.sort_by(|a, b| {
            let (sa, sb) = (self.sym(*a), self.sym(*b));
            sa.bucket.cmp(&sb.bucket).then(b.0.cmp(&a.0))
        });
        let rc: Arc<[SymbolId]> = ids.into();
        self.sym_order = Some(rc.clone());
        rc
    }

    /// Number of symbols, including constants and choices.
    pub fn symbol_count(&self) -> usize {
        self.syms.len()
    }
}

fn single_tristate(n: &str) -> Option<SymbolId> {
    match n {
        "y" => Some(SymbolId::YES),
        "m" => Some(SymbolId::MOD),
        "n" => Some(SymbolId::NO),
        _ => None,
    }
}
