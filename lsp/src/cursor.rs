//! What the cursor is on: the Kconfig symbol named by the word under it, with
//! the naming rules of each kind of file (bare `FOO` in Kconfig, `CONFIG_FOO`
//! in Makefiles, C, `.config` and defconfig files).

use std::path::Path;

use crate::kconfig_index::KconfigIndex;

/// How a file names Kconfig symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Kconfig sources: `depends on FOO`.
    Kconfig,
    /// Everything else: `CONFIG_FOO` (Makefiles, C, `.config`, defconfigs).
    Prefixed,
}

impl Dialect {
    pub fn of(index: &KconfigIndex, path: &Path) -> Dialect {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if index.is_kconfig_file(path) || name.starts_with("Kconfig") {
            Dialect::Kconfig
        } else {
            Dialect::Prefixed
        }
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The identifier (`[A-Za-z0-9_]+`) containing byte `at` of `line`, or ending
/// just before it, as a byte range.
pub fn word_at(line: &str, at: usize) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let at = at.min(b.len());
    let mut start = at;
    while start > 0 && is_ident(b[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < b.len() && is_ident(b[end]) {
        end += 1;
    }
    (start < end).then_some((start, end))
}

/// A symbol under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolAt {
    /// The Kconfig name (no `CONFIG_`).
    pub name: String,
    /// The word's byte range on the line.
    pub start: usize,
    pub end: usize,
}

/// The symbol named at byte `at` of `line` in a file of `dialect`, if the
/// loaded tree knows it. `CONFIG_FOO_MODULE` (from `autoconf.h`) means `FOO`.
pub fn symbol_at(
    index: &KconfigIndex,
    dialect: Dialect,
    line: &str,
    at: usize,
) -> Option<SymbolAt> {
    let (start, end) = word_at(line, at)?;
    let word = &line[start..end];
    let prefixed = word.strip_prefix("CONFIG_");
    let mut candidates = Vec::new();
    if dialect == Dialect::Kconfig {
        candidates.push(word);
    }
    if let Some(p) = prefixed {
        candidates.push(p);
        if let Some(base) = p.strip_suffix("_MODULE") {
            candidates.push(base);
        }
    }
    let name = candidates.into_iter().find(|c| index.knows(c))?;
    Some(SymbolAt {
        name: name.to_string(),
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let l = "obj-$(CONFIG_EXT4_FS) += ext4/";
        let w = |at| word_at(l, at).map(|(a, b)| &l[a..b]);
        assert_eq!(w(6), Some("CONFIG_EXT4_FS"));
        assert_eq!(w(13), Some("CONFIG_EXT4_FS"));
        // Just after the word still names it.
        assert_eq!(w(20), Some("CONFIG_EXT4_FS"));
        assert_eq!(w(22), None);
        assert_eq!(w(0), Some("obj"));
        assert_eq!(w(999), None);
        assert_eq!(word_at("", 0), None);
        assert_eq!(word_at("é CONFIG_A", 3), Some((3, 11)));
    }
}
