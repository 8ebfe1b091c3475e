//! Whole-word `CONFIG_FOO` mentions outside Kconfig: Makefiles and Kbuild
//! files, C/assembly/Rust sources and headers, device trees, defconfigs and
//! config fragments. Built by one walk of the source tree (skipping dot
//! directories and a separate objtree); open documents are rescanned at query
//! time so unsaved edits count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One `CONFIG_NAME` in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// 0-based line.
    pub line: u32,
    /// Byte column of the `C` of `CONFIG_`.
    pub col: u32,
    /// Length of `CONFIG_NAME` in bytes.
    pub len: u32,
}

/// The mentions of every name, by file.
#[derive(Default)]
pub struct TextIndex {
    files: Vec<PathBuf>,
    /// Name without `CONFIG_` → (file index, hit).
    hits: HashMap<Box<str>, Vec<(u32, Hit)>>,
}

/// Whether a file is scanned (by name).
pub fn is_indexed(name: &str) -> bool {
    if name.starts_with("Makefile") || name.starts_with("Kbuild") || name.ends_with("defconfig") {
        return true;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    matches!(
        ext,
        "c" | "h" | "S" | "rs" | "dts" | "dtsi" | "config" | "lds" | "mk" | "include"
    )
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Every whole-word `CONFIG_NAME` in `text`: (name without prefix, hit).
pub fn scan(text: &[u8]) -> Vec<(&str, Hit)> {
    const P: &[u8] = b"CONFIG_";
    let mut out = Vec::new();
    let (mut line, mut line_start, mut counted) = (0u32, 0usize, 0usize);
    for at in memchr::memmem::find_iter(text, P) {
        if at > 0 && is_ident(text[at - 1]) {
            continue;
        }
        let name_start = at + P.len();
        let name_end = text[name_start..]
            .iter()
            .position(|&b| !is_ident(b))
            .map_or(text.len(), |n| name_start + n);
        if name_end == name_start {
            continue;
        }
        for nl in memchr::memchr_iter(b'\n', &text[counted..at]) {
            line += 1;
            line_start = counted + nl + 1;
        }
        counted = at;
        // Names are ASCII by construction.
        let name = std::str::from_utf8(&text[name_start..name_end]).unwrap_or_default();
        out.push((
            name,
            Hit {
                line,
                col: (at - line_start) as u32,
                len: (name_end - at) as u32,
            },
        ));
    }
    out
}

impl TextIndex {
    /// Walks `srctree`, skipping dot directories, symlinks and `skip`.
    pub fn build(srctree: &Path, skip: Option<&Path>) -> TextIndex {
        let mut index = TextIndex::default();
        let mut stack = vec![srctree.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                let name = e.file_name();
                let Some(name) = name.to_str() else { continue };
                let Ok(ft) = e.file_type() else { continue };
                let path = e.path();
                if ft.is_dir() {
                    if !name.starts_with('.') && Some(path.as_path()) != skip {
                        stack.push(path);
                    }
                } else if ft.is_file() && is_indexed(name) {
                    if let Ok(bytes) = std::fs::read(&path) {
                        index.add(path, &bytes);
                    }
                }
            }
        }
        index
    }

    fn add(&mut self, path: PathBuf, bytes: &[u8]) {
        let hits = scan(bytes);
        if hits.is_empty() {
            return;
        }
        let f = self.files.len() as u32;
        self.files.push(path);
        for (name, hit) in hits {
            self.hits.entry(name.into()).or_default().push((f, hit));
        }
    }

    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Mentions of `CONFIG_<name>`: from the index for files not in `open`,
    /// from a fresh scan of `open`'s texts for the rest.
    pub fn find(&self, name: &str, open: &[(PathBuf, String)]) -> Vec<(PathBuf, Hit)> {
        let is_open = |p: &Path| open.iter().any(|(o, _)| o == p);
        let mut out: Vec<(PathBuf, Hit)> = self
            .hits
            .get(name)
            .into_iter()
            .flatten()
            .map(|(f, h)| (&self.files[*f as usize], *h))
            .filter(|(p, _)| !is_open(p))
            .map(|(p, h)| (p.clone(), h))
            .collect();
        for (p, text) in open {
            let indexed = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_indexed);
            if !indexed {
                continue;
            }
            out.extend(
                scan(text.as_bytes())
                    .into_iter()
                    .filter(|(n, _)| *n == name)
                    .map(|(_, h)| (p.clone(), h)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_with_lines_and_columns() {
        let text = b"obj-$(CONFIG_A) += a.o\n#if IS_ENABLED(CONFIG_A_B) && XCONFIG_A\n# CONFIG_A is not set\nCONFIG_";
        let hits: Vec<_> = scan(text)
            .into_iter()
            .map(|(n, h)| (n, h.line, h.col, h.len))
            .collect();
        assert_eq!(hits, [("A", 0, 6, 8), ("A_B", 1, 15, 10), ("A", 2, 2, 8)]);
    }

    #[test]
    fn walk_skips_objtree_and_dot_dirs_and_sees_open_edits() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["fs", ".git", "out"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("fs/Makefile"), "obj-$(CONFIG_FS) += x.o\n").unwrap();
        std::fs::write(
            root.join("fs/x.c"),
            "#ifdef CONFIG_FS\n#endif // CONFIG_FS\n",
        )
        .unwrap();
        std::fs::write(root.join("fs/notes.txt"), "CONFIG_FS\n").unwrap();
        std::fs::write(root.join(".git/x.c"), "CONFIG_FS\n").unwrap();
        std::fs::write(root.join("out/y.c"), "CONFIG_FS\n").unwrap();
        let index = TextIndex::build(root, Some(&root.join("out")));
        assert_eq!(index.file_count(), 2);
        assert_eq!(index.find("FS", &[]).len(), 3);
        let open = vec![(
            root.join("fs/x.c"),
            "CONFIG_FS CONFIG_FS CONFIG_FS".to_string(),
        )];
        assert_eq!(index.find("FS", &open).len(), 4);
        assert!(index.find("NOPE", &[]).is_empty());
    }
}
