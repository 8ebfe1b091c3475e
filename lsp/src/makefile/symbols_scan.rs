//! Kconfig symbol types for Makefile diagnostics: a trait for the lookup and
//! an implementation from a fast textual scan of every `Kconfig*` file of a
//! tree, all architectures at once (a Makefile under `arch/arm64` uses arm64
//! symbols whatever architecture the server loaded).

use std::collections::HashMap;
use std::path::Path;

use kmake::kconfig::SymbolType;

/// The type of a Kconfig symbol by name (without `CONFIG_`): `None` when no
/// Kconfig file defines it, `Some(SymbolType::Unknown)` when it is defined
/// without a type or with conflicting ones.
pub trait SymbolTypes {
    fn symbol_type(&self, name: &str) -> Option<SymbolType>;
}

impl SymbolTypes for HashMap<String, SymbolType> {
    fn symbol_type(&self, name: &str) -> Option<SymbolType> {
        self.get(name).copied()
    }
}

/// Every symbol of a tree's `Kconfig*` files with its type.
#[derive(Clone, Debug, Default)]
pub struct KconfigScan {
    types: HashMap<String, SymbolType>,
    /// How many `Kconfig*` files were read.
    pub files: usize,
}

impl SymbolTypes for KconfigScan {
    fn symbol_type(&self, name: &str) -> Option<SymbolType> {
        self.types.get(name).copied()
    }
}

fn type_keyword(word: &str) -> Option<SymbolType> {
    Some(match word {
        "bool" | "boolean" | "def_bool" => SymbolType::Bool,
        "tristate" | "def_tristate" => SymbolType::Tristate,
        "int" | "def_int" => SymbolType::Int,
        "hex" | "def_hex" => SymbolType::Hex,
        "string" | "def_string" => SymbolType::String,
        _ => return None,
    })
}

/// Lines that end a `config` entry's attributes.
const ENTRY_ENDS: &[&str] = &[
    "choice",
    "endchoice",
    "menu",
    "endmenu",
    "if",
    "endif",
    "source",
    "rsource",
    "osource",
    "orsource",
    "comment",
    "mainmenu",
    "help",
    "---help---",
];

impl KconfigScan {
    /// Scans every file named `Kconfig*` under `root` (hidden directories
    /// skipped; unreadable files and directories ignored).
    pub fn scan_tree(root: &Path) -> KconfigScan {
        let mut scan = KconfigScan::default();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                let Ok(ft) = e.file_type() else { continue };
                if ft.is_dir() {
                    if !name.starts_with('.') {
                        dirs.push(e.path());
                    }
                } else if name.starts_with("Kconfig") {
                    if let Ok(bytes) = std::fs::read(e.path()) {
                        scan.add_text(&String::from_utf8_lossy(&bytes));
                        scan.files += 1;
                    }
                }
            }
        }
        scan
    }

    /// Adds the symbols of one Kconfig file's text.
    pub fn add_text(&mut self, text: &str) {
        let mut current: Option<&str> = None;
        for line in text.lines() {
            let mut words = line.split_whitespace();
            let Some(first) = words.next() else { continue };
            if first == "config" || first == "menuconfig" {
                current = words.next();
                if let Some(name) = current {
                    self.types
                        .entry(name.to_string())
                        .or_insert(SymbolType::Unknown);
                }
                continue;
            }
            if ENTRY_ENDS.contains(&first) {
                current = None;
                continue;
            }
            let (Some(name), Some(ty)) = (current, type_keyword(first)) else {
                continue;
            };
            let slot = self.types.entry(name.to_string()).or_default();
            *slot = merge(*slot, ty);
        }
    }

    /// Adds what another scan found (of other files).
    pub fn absorb(&mut self, other: KconfigScan) {
        for (name, ty) in other.types {
            let slot = self.types.entry(name).or_default();
            *slot = merge(*slot, ty);
        }
        self.files += other.files;
    }

    /// How many symbols are known.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// Bool and tristate definitions of one symbol agree for a Makefile's
/// purpose (tristate wins); any other mix is `Unknown`.
fn merge(old: SymbolType, new: SymbolType) -> SymbolType {
    use SymbolType::*;
    match (old, new) {
        (Unknown, t) => t,
        (a, b) if a == b => a,
        (Bool, Tristate) | (Tristate, Bool) => Tristate,
        _ => Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_types() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        std::fs::create_dir_all(root.join("arch/arm64")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(
            root.join("Kconfig"),
            "\
config A
\tbool \"a\"
\thelp
\t  string in help text is not a type
menuconfig B
\tdef_tristate y
config C
\tint
config D
\tdepends on A
if A
config E
\thex \"e\"
endif
choice
\tprompt \"x\"
config F
\tbool \"f\"
endchoice
",
        )
        .unwrap();
        std::fs::write(
            root.join("arch/arm64/Kconfig.platforms"),
            "config ARM64_ONLY\n\tstring\nconfig A\n\tbool\n",
        )
        .unwrap();
        std::fs::write(root.join(".git/Kconfig"), "config HIDDEN\n\tbool\n").unwrap();
        std::fs::write(root.join("Makefile"), "config NOT_KCONFIG\n").unwrap();
        let s = KconfigScan::scan_tree(root);
        assert_eq!(s.files, 2);
        assert_eq!(s.symbol_type("A"), Some(SymbolType::Bool));
        assert_eq!(s.symbol_type("B"), Some(SymbolType::Tristate));
        assert_eq!(s.symbol_type("C"), Some(SymbolType::Int));
        assert_eq!(s.symbol_type("D"), Some(SymbolType::Unknown));
        assert_eq!(s.symbol_type("E"), Some(SymbolType::Hex));
        assert_eq!(s.symbol_type("F"), Some(SymbolType::Bool));
        assert_eq!(s.symbol_type("ARM64_ONLY"), Some(SymbolType::String));
        assert_eq!(s.symbol_type("HIDDEN"), None);
        assert_eq!(s.symbol_type("NOT_KCONFIG"), None);
        assert_eq!(s.len(), 7);
    }

    #[test]
    fn merging() {
        let mut s = KconfigScan::default();
        s.add_text("config X\n\tbool\nconfig X\n\ttristate\nconfig Y\n\tint\nconfig Y\n\tbool\n");
        assert_eq!(s.symbol_type("X"), Some(SymbolType::Tristate));
        assert_eq!(s.symbol_type("Y"), Some(SymbolType::Unknown));
        s.add_text("config\n\tbool\nbool\n");
        assert_eq!(s.len(), 2);
    }
}
