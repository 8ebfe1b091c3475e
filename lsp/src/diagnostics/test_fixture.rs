//! Test trees for the diagnostics (the crate's fixture trees, with fixture
//! lines that may be indented) and a plain-text rendering of diagnostics for
//! snapshots.

use std::path::{Path, PathBuf};

use super::fixes::apply;
use super::Diag;
use crate::kconfig_index::KconfigIndex;

pub struct Fixture {
    /// Keeps the tree alive.
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub index: KconfigIndex,
}

impl Fixture {
    /// Writes the files of `fixture` (lines may be indented by four spaces)
    /// and loads the tree (untrusted), as `crate::test_fixture::load`.
    pub fn load(fixture: &str) -> Fixture {
        let text: String = fixture
            .split_inclusive('\n')
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect();
        let f = crate::test_fixture::load(&text);
        Fixture {
            root: f.index.layout.srctree.clone(),
            _dir: f.dir,
            index: f.index,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// One line per diagnostic, `path:line:start-end severity code: message`
    /// (1-based line), then its fix's title and the file with the fix applied
    /// when `text` is given.
    pub fn render(&self, diags: &[Diag], text: Option<&str>) -> String {
        let mut out = String::new();
        for d in diags {
            let p = rel(&self.root, &d.range.path);
            out.push_str(&format!(
                "{p}:{}:{}-{} {:?} {}: {}\n",
                d.range.line + 1,
                d.range.start,
                d.range.end,
                d.severity,
                d.code.as_str(),
                d.message
            ));
            if let Some(f) = &d.fix {
                out.push_str(&format!("  fix: {}\n", f.title));
                if let Some(t) = text {
                    for l in apply(t, &f.edits).lines() {
                        out.push_str(&format!("  | {l}\n"));
                    }
                }
            }
        }
        out
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}
