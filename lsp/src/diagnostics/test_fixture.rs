//! Test trees for the diagnostics: a fixture string of `# file: <path>`
//! sections written to a temporary kernel-like tree (a top `Makefile` is
//! added) and loaded for ARCH=x86_64, and a plain-text rendering of
//! diagnostics for snapshots.

use std::path::{Path, PathBuf};

use super::fixes::apply;
use super::Diag;
use crate::kconfig_index::KconfigIndex;
use crate::settings::Settings;
use crate::workspace::Layout;

pub struct Fixture {
    /// Keeps the tree alive.
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub index: KconfigIndex,
}

impl Fixture {
    /// Writes the files of `fixture` and loads the tree (untrusted).
    pub fn load(fixture: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("root");
        std::fs::write(root.join("Makefile"), "VERSION = 6\nPATCHLEVEL = 12\n").expect("Makefile");
        let mut current: Option<(String, String)> = None;
        let mut files = Vec::new();
        for line in fixture.split_inclusive('\n') {
            if let Some(name) = line.strip_prefix("# file: ") {
                files.extend(current.take());
                current = Some((name.trim().to_string(), String::new()));
            } else if let Some((_, text)) = current.as_mut() {
                text.push_str(line.strip_prefix("    ").unwrap_or(line));
            }
        }
        files.extend(current);
        for (name, text) in files {
            let p = root.join(name);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        }
        let settings = Settings {
            arch: Some("x86_64".into()),
            trusted: false,
            ..Settings::default()
        };
        let layout = Layout::detect(&root, &settings).expect("layout");
        let index = KconfigIndex::load(&layout, &settings).expect("load");
        Fixture {
            _dir: dir,
            root,
            index,
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
