//! Test trees from fixture strings: `# file: path` headers split a text into
//! files of a temporary kernel tree, which is then loaded like a workspace.

use std::path::PathBuf;

use crate::kconfig_index::KconfigIndex;
use crate::settings::Settings;
use crate::workspace::Layout;

/// A loaded temporary tree (kept alive by `dir`).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub index: KconfigIndex,
}

impl Fixture {
    /// The canonical path of a file of the tree.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.index.layout.srctree.join(rel)
    }
}

/// Writes the files of `fixture` (a top `Makefile` and `arch/x86/Kconfig`
/// are added when missing)
/// and loads the tree for x86_64, untrusted.
pub fn load(fixture: &str) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut current: Option<(String, String)> = None;
    let mut files = Vec::new();
    for line in fixture.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("# file: ") {
            files.extend(current.take());
            current = Some((name.trim().to_string(), String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
        }
    }
    files.extend(current);
    if !files.iter().any(|(n, _)| n == "Makefile") {
        files.push(("Makefile".into(), "VERSION = 6\nPATCHLEVEL = 12\n".into()));
    }
    if !files.iter().any(|(n, _)| n == "arch/x86/Kconfig") {
        files.push(("arch/x86/Kconfig".into(), String::new()));
    }
    for (name, text) in &files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, text).expect("write");
    }
    let settings = Settings {
        arch: Some("x86_64".into()),
        trusted: false,
        ..Settings::default()
    };
    let layout = Layout::detect(dir.path(), &settings).expect("layout");
    let index = KconfigIndex::load(&layout, &settings).expect("load");
    Fixture { dir, index }
}
