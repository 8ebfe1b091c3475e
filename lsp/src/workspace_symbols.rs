//! Workspace symbols: the Kconfig symbols of the loaded tree whose names
//! match a query (case-insensitive; exact, then prefix, then substring
//! matches), with the place of their first definition.

use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;
use crate::name_table::SymbolName;

/// At most this many answers.
pub const MAX_SYMBOLS: usize = 200;

/// One matching symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolMatch {
    pub name: String,
    /// Type and prompt (for `containerName` or a detail column).
    pub detail: String,
    /// The name in its first definition.
    pub location: FileRange,
}

/// Symbols matching `query` (a leading `CONFIG_` is ignored), best first,
/// at most `MAX_SYMBOLS`; the flag says more matched.
pub fn workspace_symbols(index: &KconfigIndex, query: &str) -> (Vec<SymbolMatch>, bool) {
    let q = query.trim().to_ascii_uppercase();
    let q = q.strip_prefix("CONFIG_").unwrap_or(&q);
    let names = index.names();
    let mut ranked: Vec<(u8, &SymbolName)> = names
        .symbols
        .iter()
        .filter(|s| s.def.is_some())
        .filter_map(|s| {
            let rank = if s.name.eq_ignore_ascii_case(q) {
                0
            } else if s.has_prefix(q) {
                1
            } else if s.contains(q) {
                2
            } else {
                return None;
            };
            Some((rank, s))
        })
        .collect();
    // Stable: alphabetical within a rank, as the table is sorted.
    ranked.sort_by_key(|(r, _)| *r);
    let more = ranked.len() > MAX_SYMBOLS;
    let out = ranked
        .into_iter()
        .take(MAX_SYMBOLS)
        .filter_map(|(_, s)| {
            Some(SymbolMatch {
                name: s.name.to_string(),
                detail: match &s.prompt {
                    Some(p) => format!("{} \"{p}\"", s.ty),
                    None => s.ty.to_string(),
                },
                location: s.def.clone()?,
            })
        })
        .collect();
    (out, more)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture;
    use expect_test::expect;

    #[test]
    fn ranked_and_located() {
        let f = test_fixture::load(
            "# file: Kconfig\nsource \"fs/Kconfig\"\nconfig XFS\n\tbool\n# file: fs/Kconfig\nconfig FS_X\n\ttristate \"Fs x\"\nconfig FS\n\tbool\nconfig NOPE\n\tbool\n",
        );
        let root = f.index.layout.srctree.clone();
        let (found, more) = workspace_symbols(&f.index, "config_fs");
        let s: Vec<String> = found
            .iter()
            .map(|m| {
                let p = m
                    .location
                    .path
                    .strip_prefix(&root)
                    .unwrap_or(&m.location.path);
                format!(
                    "{} [{}] {}:{}:{}-{}",
                    m.name,
                    m.detail,
                    p.display(),
                    m.location.line,
                    m.location.start,
                    m.location.end
                )
            })
            .collect();
        expect![[r#"
            FS [bool] fs/Kconfig:2:7-9
            FS_X [tristate "Fs x"] fs/Kconfig:0:7-11
            XFS [bool] Kconfig:1:7-10"#]]
        .assert_eq(&s.join("\n"));
        assert!(!more);
        assert!(workspace_symbols(&f.index, "zzz").0.is_empty());
        assert_eq!(workspace_symbols(&f.index, "").0.len(), 4);
    }
}
