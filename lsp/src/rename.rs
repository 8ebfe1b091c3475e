//! Renaming a Kconfig symbol: whether the cursor is on one (and the range of
//! its name, without `CONFIG_`), every mention to rewrite (Kconfig sources,
//! `CONFIG_NAME` and `CONFIG_NAME_MODULE` elsewhere), and the edits, each
//! checked against the current text of its line.

use std::path::{Path, PathBuf};

use crate::cursor::{symbol_at, Dialect};
use crate::kconfig_index::KconfigIndex;
use crate::location::FileRange;
use crate::text_index::TextIndex;

/// The symbol a rename would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    /// The current name (the placeholder to offer).
    pub name: String,
    /// Byte columns of the name on the cursor's line (after `CONFIG_`).
    pub start: usize,
    pub end: usize,
}

/// A replacement of one range.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub range: FileRange,
    pub new_text: String,
}

/// The edits of a rename.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renamed {
    /// Sorted by file and position.
    pub edits: Vec<Edit>,
    /// Mentions whose line no longer holds the name (a file changed since it
    /// was indexed); left alone.
    pub stale: Vec<FileRange>,
}

/// The part of a word that is the symbol's name: `FOO` of `FOO`,
/// `CONFIG_FOO` and `CONFIG_FOO_MODULE`.
fn name_part(word: &str, name: &str) -> Option<(usize, usize)> {
    if word == name {
        return Some((0, name.len()));
    }
    let rest = word.strip_prefix("CONFIG_")?;
    (rest == name || rest.strip_suffix("_MODULE") == Some(name)).then_some((7, 7 + name.len()))
}

/// The symbol at byte `at` of `line_text` in `path`, if it can be renamed.
pub fn prepare_rename(
    index: &KconfigIndex,
    path: &Path,
    line_text: &str,
    at: usize,
) -> Option<RenameTarget> {
    let s = symbol_at(index, Dialect::of(index, path), line_text, at)?;
    let (a, b) = name_part(line_text.get(s.start..s.end)?, &s.name)?;
    Some(RenameTarget {
        start: s.start + a,
        end: s.start + b,
        name: s.name,
    })
}

/// Every mention of symbol `name`: in the Kconfig sources (definitions
/// included), and `CONFIG_<name>` plus, unless it is a symbol of its own,
/// `CONFIG_<name>_MODULE` in the indexed files (`open` texts rescanned).
pub fn rename_references(
    index: &KconfigIndex,
    text: &TextIndex,
    open: &[(PathBuf, String)],
    name: &str,
) -> Vec<FileRange> {
    let mut out = index.references(name, true);
    let module = format!("{name}_MODULE");
    let mut names = vec![name];
    if !index.knows(&module) {
        names.push(&module);
    }
    for n in names {
        out.extend(text.find(n, open).into_iter().map(|(path, h)| FileRange {
            path,
            line: h.line,
            start: h.col,
            end: h.col + h.len,
        }));
    }
    out.sort();
    out.dedup();
    out
}

/// Checks a new name: `[A-Za-z0-9_]+`, without `CONFIG_`, not taken.
pub fn check_new_name(index: &KconfigIndex, old: &str, new: &str) -> Result<(), String> {
    if new.is_empty() {
        return Err("the new name is empty".to_string());
    }
    if !new.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(format!(
            "`{new}` is not a Kconfig symbol name (letters, digits and `_` only)"
        ));
    }
    if let Some(bare) = new.strip_prefix("CONFIG_") {
        return Err(format!("give the name without `CONFIG_` (`{bare}`)"));
    }
    if new != old && index.knows(new) {
        return Err(format!("a symbol named `{new}` already exists"));
    }
    Ok(())
}

/// The edits renaming `old` to `new` at `refs` (from `rename_references`):
/// the name part of each mention, kept `CONFIG_` and `_MODULE` around it.
/// `line_text(path, line)` gives a line's current text (open documents
/// first); mentions it does not confirm are reported as stale.
pub fn rename(
    index: &KconfigIndex,
    refs: &[FileRange],
    old: &str,
    new: &str,
    mut line_text: impl FnMut(&Path, u32) -> Option<String>,
) -> Result<Renamed, String> {
    check_new_name(index, old, new)?;
    let mut out = Renamed::default();
    if new == old {
        return Ok(out);
    }
    for r in refs {
        let word = line_text(&r.path, r.line)
            .and_then(|t| t.get(r.start as usize..r.end as usize).map(str::to_string));
        match word.as_deref().and_then(|w| name_part(w, old)) {
            Some((a, b)) => out.edits.push(Edit {
                range: FileRange {
                    path: r.path.clone(),
                    line: r.line,
                    start: r.start + a as u32,
                    end: r.start + b as u32,
                },
                new_text: new.to_string(),
            }),
            None => out.stale.push(r.clone()),
        }
    }
    out.edits.sort();
    out.edits.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture;
    use expect_test::expect;

    #[test]
    fn renames_kconfig_makefile_c_and_module_uses() {
        let f = test_fixture::load(
            "# file: Kconfig\nconfig FOO\n\ttristate \"Foo\"\nconfig BAR\n\tbool\n\tdepends on FOO || !FOO\n\tselect FOO\n# file: drivers/Makefile\nobj-$(CONFIG_FOO) += foo.o\n# file: drivers/foo.c\n#if defined(CONFIG_FOO_MODULE) || CONFIG_FOOD\n#endif\n",
        );
        let root = f.index.layout.srctree.clone();
        let text = TextIndex::build(&root, None);
        let mk = f.path("drivers/Makefile");
        let t = prepare_rename(&f.index, &mk, "obj-$(CONFIG_FOO) += foo.o", 9).unwrap();
        assert_eq!((t.name.as_str(), t.start, t.end), ("FOO", 13, 16));
        assert!(prepare_rename(&f.index, &mk, "obj-y += foo.o", 1).is_none());

        // The Makefile is open with an unsaved line before.
        let open = vec![(mk.clone(), "\nobj-$(CONFIG_FOO) += foo.o\n".to_string())];
        let refs = rename_references(&f.index, &text, &open, "FOO");
        let read = |p: &Path, line: u32| {
            let t = match open.iter().find(|(o, _)| o == p) {
                Some((_, t)) => t.clone(),
                None => std::fs::read_to_string(p).ok()?,
            };
            t.lines().nth(line as usize).map(str::to_string)
        };
        let r = rename(&f.index, &refs, "FOO", "FOO2", read).unwrap();
        let s: Vec<String> = r
            .edits
            .iter()
            .map(|e| {
                let p = e.range.path.strip_prefix(&root).unwrap_or(&e.range.path);
                format!(
                    "{}:{}:{}-{} {}",
                    p.display(),
                    e.range.line,
                    e.range.start,
                    e.range.end,
                    e.new_text
                )
            })
            .collect();
        expect![[r#"
            Kconfig:0:7-10 FOO2
            Kconfig:4:12-15 FOO2
            Kconfig:4:20-23 FOO2
            Kconfig:5:8-11 FOO2
            drivers/Makefile:1:13-16 FOO2
            drivers/foo.c:0:19-22 FOO2"#]]
        .assert_eq(&s.join("\n"));
        assert!(r.stale.is_empty(), "{:?}", r.stale);

        // Stale positions are reported, not edited.
        let r = rename(&f.index, &refs, "FOO", "FOO2", |_, _| Some(String::new())).unwrap();
        assert!(r.edits.is_empty());
        assert_eq!(r.stale.len(), refs.len());
    }

    #[test]
    fn new_names_are_checked() {
        let f = test_fixture::load("# file: Kconfig\nconfig FOO\n\tbool\nconfig BAR\n\tbool\n");
        let e = |n: &str| check_new_name(&f.index, "FOO", n).err().unwrap_or_default();
        expect![[r#"
            a symbol named `BAR` already exists
            `A-B` is not a Kconfig symbol name (letters, digits and `_` only)
            the new name is empty
            give the name without `CONFIG_` (`X`)

        "#]]
        .assert_eq(&[e("BAR"), e("A-B"), e(""), e("CONFIG_X"), e("FOO"), e("BAZ")].join("\n"));
    }
}
