//! The names a loaded tree offers to completion and workspace symbols: every
//! defined Kconfig symbol with its type, first prompt and first definition
//! site, and every Kconfig file by its path in the source tree. Built once
//! per load (`KconfigIndex::names`), then only read.

use kmake::kconfig::{FileId, FileKind, Kconfig, SymbolType};

use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;

/// A defined symbol.
#[derive(Clone, Debug)]
pub struct SymbolName {
    pub name: Box<str>,
    /// `name` in upper case, for case-insensitive matching.
    upper: Box<str>,
    /// As Kconfig spells the type (`bool`, `tristate`, `int`, ...).
    pub ty: &'static str,
    /// The first prompt of its definitions.
    pub prompt: Option<Box<str>>,
    /// The name in its first definition.
    pub def: Option<FileRange>,
}

/// Every name of a load, sorted.
#[derive(Clone, Debug, Default)]
pub struct NameTable {
    /// By name.
    pub symbols: Vec<SymbolName>,
    /// Kconfig files relative to the source tree (`init/Kconfig`), sorted.
    pub kconfig_files: Vec<String>,
}

/// How Kconfig writes a type.
pub fn type_keyword(t: SymbolType) -> &'static str {
    match t {
        SymbolType::Unknown => "unknown",
        SymbolType::Bool => "bool",
        SymbolType::Tristate => "tristate",
        SymbolType::Int => "int",
        SymbolType::Hex => "hex",
        SymbolType::String => "string",
    }
}

impl SymbolName {
    /// Whether the name starts with `upper_prefix` (given in upper case).
    pub fn has_prefix(&self, upper_prefix: &str) -> bool {
        self.upper.starts_with(upper_prefix)
    }

    /// Whether the name contains `upper_part` (given in upper case).
    pub fn contains(&self, upper_part: &str) -> bool {
        self.upper.contains(upper_part)
    }
}

impl NameTable {
    /// Reads the names of a loaded tree.
    pub fn build(index: &KconfigIndex) -> NameTable {
        index.with_engine(|k| NameTable::from_engine(index, k))
    }

    fn from_engine(index: &KconfigIndex, k: &Kconfig) -> NameTable {
        let mut symbols: Vec<SymbolName> = k
            .defined_symbols()
            .into_iter()
            .filter_map(|s| {
                let sym = k.sym(s);
                let name: Box<str> = sym.name.as_deref()?.into();
                let prompt = sym.menus.iter().find_map(|&m| {
                    let p = k.menu(m).prompt?;
                    k.prop(p).text.as_deref().map(Box::from)
                });
                let def = sym.menus.iter().find_map(|&m| {
                    let span = k.menu(m).name_span?;
                    let same_line = span.end.line == span.start.line;
                    Some(FileRange {
                        path: index.path_of(span.file).to_path_buf(),
                        line: span.start.line.saturating_sub(1),
                        start: span.start.col,
                        end: if same_line {
                            span.end.col
                        } else {
                            span.start.col
                        },
                    })
                });
                Some(SymbolName {
                    upper: name.to_ascii_uppercase().into(),
                    name,
                    ty: type_keyword(sym.ty),
                    prompt,
                    def,
                })
            })
            .collect();
        symbols.sort_by(|a, b| a.name.cmp(&b.name));
        symbols.dedup_by(|a, b| a.name == b.name);
        let srctree = &index.layout.srctree;
        let srctree = srctree.canonicalize().unwrap_or_else(|_| srctree.clone());
        let mut kconfig_files: Vec<String> = k
            .files()
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FileKind::Kconfig)
            .map(|(i, _)| {
                let path = index.path_of(FileId(i as u32));
                let p = path.strip_prefix(&srctree).unwrap_or(path);
                p.to_string_lossy().into_owned()
            })
            .collect();
        kconfig_files.sort();
        kconfig_files.dedup();
        NameTable {
            symbols,
            kconfig_files,
        }
    }

    /// The symbol called exactly `name`.
    pub fn get(&self, name: &str) -> Option<&SymbolName> {
        let i = self
            .symbols
            .binary_search_by(|s| (*s.name).cmp(name))
            .ok()?;
        self.symbols.get(i)
    }
}

/// The help text of a symbol's first definition that has one.
pub fn help_of(index: &KconfigIndex, name: &str) -> Option<String> {
    index.with_engine(|k| {
        let s = k.sym_find(name)?;
        k.sym(s)
            .menus
            .iter()
            .find_map(|&m| k.menu(m).help.clone())
            .filter(|h| !h.trim().is_empty())
    })
}
