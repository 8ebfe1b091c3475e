//! The command kbuild would run for a source file, or why the file is not
//! built under the current configuration (for the language server and
//! `kmake`'s per-file queries). The commands come from a compile database
//! made by evaluation (`compdb`); the reasons from the directory's
//! Makefile/Kbuild lines and the configuration (`include/config/auto.conf`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::compdb::Entry;
use crate::make::syntax::{self, ItemKind};

/// The answer for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effective {
    /// Compiled with this command.
    Built(Entry),
    /// Not compiled; why, and the makefile line that decides it.
    NotBuilt {
        reason: String,
        at: Option<(PathBuf, u32)>,
    },
}

/// `CONFIG_` values of an object tree (`include/config/auto.conf`); unset
/// symbols are absent.
pub fn read_auto_conf(objtree: &Path) -> HashMap<String, String> {
    let mut m = HashMap::new();
    if let Ok(t) = std::fs::read_to_string(objtree.join("include/config/auto.conf")) {
        for l in t.lines() {
            if let Some((k, v)) = l.split_once('=') {
                if k.starts_with("CONFIG_") {
                    m.insert(k.to_string(), v.trim_matches('"').to_string());
                }
            }
        }
    }
    m
}

/// The kbuild makefile of a directory (`Kbuild` wins over `Makefile`).
fn dir_makefile(srctree: &Path, rel_dir: &Path) -> Option<PathBuf> {
    let d = srctree.join(rel_dir);
    ["Kbuild", "Makefile"]
        .iter()
        .map(|n| d.join(n))
        .find(|p| p.is_file())
}

/// A line mentioning `word` in an assignment of `makefile`: the line
/// (1-based), the assignment's name and its text.
fn find_word(makefile: &Path, word: &str) -> Option<(u32, String, String)> {
    let text = std::fs::read(makefile).ok()?;
    let s = syntax::parse(&text);
    let idx = syntax::LineIndex::new(&text);
    for item in &s.items {
        if let ItemKind::Assignment(syntax::Assignment { name, words, .. }) = &item.kind {
            if words
                .iter()
                .any(|w| &text[w.start..w.end] == word.as_bytes())
            {
                let line = idx.line_col(item.span.start).0 as u32 + 1;
                let n = String::from_utf8_lossy(&text[name.start..name.end]).into_owned();
                let t = String::from_utf8_lossy(&text[item.span.start..item.span.end])
                    .trim_end()
                    .to_string();
                return Some((line, n, t));
            }
        }
    }
    None
}

/// Explains a `$(CONFIG_X)` in an assignment name with the symbol's value.
fn explain_name(name: &str, config: &HashMap<String, String>) -> String {
    let mut parts = Vec::new();
    let mut rest = name;
    while let Some(i) = rest.find("$(CONFIG_") {
        let after = &rest[i + 2..];
        let Some(j) = after.find(')') else { break };
        let sym = &after[..j];
        match config.get(sym) {
            Some(v) => parts.push(format!("{sym}={v}")),
            None => parts.push(format!("{sym} is not set")),
        }
        rest = &after[j..];
    }
    parts.join(", ")
}

/// The command for `source` (absolute, or relative to `srctree`).
pub fn effective_command(db: &[Entry], srctree: &Path, objtree: &Path, source: &Path) -> Effective {
    let abs = if source.is_absolute() {
        source.to_path_buf()
    } else {
        srctree.join(source)
    };
    let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
    if let Some(e) = db.iter().find(|e| e.file == abs) {
        return Effective::Built(e.clone());
    }
    let src = std::fs::canonicalize(srctree).unwrap_or_else(|_| srctree.to_path_buf());
    let Ok(rel) = abs.strip_prefix(&src) else {
        return Effective::NotBuilt {
            reason: format!(
                "{} is not in the source tree {}",
                abs.display(),
                src.display()
            ),
            at: None,
        };
    };
    let config = read_auto_conf(objtree);
    let dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let object = format!("{stem}.o");
    let dir_built = db
        .iter()
        .any(|e| e.file.parent() == Some(src.join(&dir).as_path()));
    let mut own = None;
    if let Some(mf) = dir_makefile(&src, &dir) {
        match find_word(&mf, &object) {
            Some((line, name, text)) => {
                let reason = if switched_off(&name, &config) {
                    format!("`{text}`: {}", explain_name(&name, &config))
                } else {
                    format!("{object} is listed in `{text}`, but that list is not built here")
                };
                own = Some(Effective::NotBuilt {
                    reason,
                    at: Some((mf, line)),
                });
            }
            None if dir_built => {
                return Effective::NotBuilt {
                    reason: format!("{object} is not in {}", mf.display()),
                    at: None,
                };
            }
            None => {}
        }
    }
    if dir_built {
        if let Some(e) = own {
            return e;
        }
    }
    // The directory itself is not descended into: find the nearest
    // ancestor line that lists it under a symbol that is off.
    let mut child = dir.clone();
    while let Some(parent) = child.parent().map(Path::to_path_buf) {
        let name = format!(
            "{}/",
            child
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        if let Some(mf) = dir_makefile(&src, &parent) {
            if let Some((line, aname, text)) = find_word(&mf, &name) {
                if switched_off(&aname, &config) {
                    let why = explain_name(&aname, &config);
                    let reason = format!("{} is not built: `{text}`: {why}", child.display());
                    return Effective::NotBuilt {
                        reason,
                        at: Some((mf, line)),
                    };
                }
            }
        }
        if parent.as_os_str().is_empty() {
            break;
        }
        child = parent;
    }
    own.unwrap_or_else(|| Effective::NotBuilt {
        reason: format!("{} is not built under this configuration", rel.display()),
        at: None,
    })
}

/// Whether an assignment name like `obj-$(CONFIG_X)` names a symbol that is
/// not set (so the list it makes is one kbuild never reads).
fn switched_off(name: &str, config: &HashMap<String, String>) -> bool {
    let mut rest = name;
    while let Some(i) = rest.find("$(CONFIG_") {
        let after = &rest[i + 2..];
        let Some(j) = after.find(')') else { break };
        if !config.contains_key(&after[..j]) {
            return true;
        }
        rest = &after[j..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_from_makefile_lines() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("src");
        let obj = d.path().join("obj");
        std::fs::create_dir_all(src.join("drv/foo")).unwrap();
        std::fs::create_dir_all(obj.join("include/config")).unwrap();
        std::fs::write(src.join("Makefile"), "obj-y += drv/\n").unwrap();
        std::fs::write(
            src.join("drv/Makefile"),
            "obj-y += a.o\nobj-$(CONFIG_B) += b.o\nobj-$(CONFIG_FOO) += foo/\n",
        )
        .unwrap();
        std::fs::write(src.join("drv/foo/Makefile"), "obj-y += x.o\n").unwrap();
        for f in ["drv/a.c", "drv/b.c", "drv/foo/x.c", "drv/c.c"] {
            std::fs::write(src.join(f), "").unwrap();
        }
        std::fs::write(obj.join("include/config/auto.conf"), "CONFIG_A=y\n").unwrap();
        let a = std::fs::canonicalize(src.join("drv/a.c")).unwrap();
        let db = vec![Entry {
            directory: obj.clone(),
            file: a.clone(),
            command: "gcc -c a.c".into(),
        }];
        assert!(matches!(
            effective_command(&db, &src, &obj, Path::new("drv/a.c")),
            Effective::Built(_)
        ));
        match effective_command(&db, &src, &obj, Path::new("drv/b.c")) {
            Effective::NotBuilt { reason, at } => {
                assert_eq!(reason, "`obj-$(CONFIG_B) += b.o`: CONFIG_B is not set");
                assert_eq!(at.unwrap().1, 2);
            }
            other => panic!("{other:?}"),
        }
        match effective_command(&db, &src, &obj, Path::new("drv/foo/x.c")) {
            Effective::NotBuilt { reason, .. } => {
                assert_eq!(
                    reason,
                    "drv/foo is not built: `obj-$(CONFIG_FOO) += foo/`: CONFIG_FOO is not set"
                )
            }
            other => panic!("{other:?}"),
        }
        match effective_command(&db, &src, &obj, Path::new("drv/c.c")) {
            Effective::NotBuilt { reason, .. } => {
                assert!(reason.starts_with("c.o is not in"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }
}
