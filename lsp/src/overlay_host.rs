//! The Kconfig engine's file access with open editor buffers in place of the
//! files on disk, so a load sees unsaved edits (diagnostics as you type).

use std::collections::HashMap;
use std::path::PathBuf;

use kmake::kconfig::host::{Host, ShellOutput};
use kmake::kconfig::FsHost;

/// Buffers by canonical path.
pub type Overlay = HashMap<PathBuf, String>;

/// An `FsHost` that reads `overlay`'s text for the files it holds.
pub struct OverlayHost<'a> {
    pub fs: FsHost<'a>,
    pub overlay: &'a Overlay,
}

impl Host for OverlayHost<'_> {
    fn open(&self, name: &str) -> Option<(PathBuf, Vec<u8>)> {
        let (path, bytes) = self.fs.open(name)?;
        if self.overlay.is_empty() {
            return Some((path, bytes));
        }
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        match self.overlay.get(&canonical) {
            Some(text) => Some((path, text.clone().into_bytes())),
            None => Some((path, bytes)),
        }
    }

    fn getenv(&self, name: &str) -> Option<String> {
        self.fs.getenv(name)
    }

    fn shell(&self, cmd: &str) -> ShellOutput {
        self.fs.shell(cmd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kmake::kconfig::host::DirectShell;

    #[test]
    fn buffers_replace_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("Kconfig"), "config A\n").unwrap();
        std::fs::write(root.join("Other"), "x\n").unwrap();
        let overlay: Overlay = [(root.join("Kconfig"), "config B\n".to_string())].into();
        let shell = DirectShell;
        let host = OverlayHost {
            fs: FsHost {
                cwd: root.clone(),
                env: Default::default(),
                shell: &shell,
            },
            overlay: &overlay,
        };
        assert_eq!(host.open("Kconfig").unwrap().1, b"config B\n");
        assert_eq!(host.open("Other").unwrap().1, b"x\n");
        assert!(host.open("Missing").is_none());
    }
}
