//! The workspace model: where the kernel tree is (srctree), where its build
//! output and `.config` are (objtree), for which architecture, and the
//! environment kbuild's top Makefile would give Kconfig there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kmake::kconfig::env::{kbuild_env, KbuildEnv};

use crate::settings::Settings;
use crate::shell_guard::GuardedShell;

/// Where things are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The kernel source tree (top `Makefile` + `Kconfig`), canonical.
    pub srctree: PathBuf,
    /// The object tree, canonical (the source tree for in-tree builds).
    pub objtree: PathBuf,
}

/// The directory itself or its closest ancestor holding both a `Makefile`
/// and a `Kconfig`.
pub fn find_kernel_root(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .find(|d| d.join("Makefile").is_file() && d.join("Kconfig").is_file())
        .map(Path::to_path_buf)
}

impl Layout {
    /// The layout for a workspace folder: `outputDir` (relative to the kernel
    /// root) if set and existing, else the source tree.
    pub fn detect(folder: &Path, settings: &Settings) -> Result<Layout, String> {
        let root = find_kernel_root(folder).ok_or_else(|| {
            format!(
                "{}: not in a kbuild tree (no directory with both Makefile and Kconfig)",
                folder.display()
            )
        })?;
        let srctree = root
            .canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let objtree = match &settings.output_dir {
            Some(o) => {
                let p = srctree.join(o);
                p.canonicalize()
                    .map_err(|e| format!("outputDir {}: {e}", p.display()))?
            }
            None => srctree.clone(),
        };
        Ok(Layout { srctree, objtree })
    }

    /// The `.config` this workspace reads values from, if there is one.
    pub fn config_file(&self, env: &KbuildEnv) -> Option<PathBuf> {
        let name = env
            .env
            .get("KCONFIG_CONFIG")
            .map(String::as_str)
            .unwrap_or(".config");
        let p = self.objtree.join(name);
        p.is_file().then_some(p)
    }

    /// The Kconfig environment (`ARCH`, `SRCARCH`, `srctree`, tools, ...) as
    /// the top Makefile computes it. Compiler probes go through `shell`, so an
    /// untrusted workspace runs none of them either.
    pub fn kbuild_env(
        &self,
        settings: &Settings,
        shell: &GuardedShell,
    ) -> Result<KbuildEnv, String> {
        let mut cmdline = BTreeMap::new();
        let mut put = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                cmdline.insert(k.to_string(), v.clone());
            }
        };
        put("ARCH", &settings.arch);
        put("CROSS_COMPILE", &settings.cross_compile);
        put("LLVM", &settings.llvm);
        let user_env: BTreeMap<String, String> = std::env::vars().collect();
        kbuild_env(&self.srctree, &self.objtree, &user_env, &cmdline, shell).map_err(|e| e.0)
    }

    /// Whether `path` is inside the object tree of an out-of-tree build (text
    /// scans skip it).
    pub fn in_separate_objtree(&self, path: &Path) -> bool {
        self.objtree != self.srctree && path.starts_with(&self.objtree)
    }

    /// `path` relative to the source tree when inside it, for display.
    pub fn display<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, str> {
        match path.strip_prefix(&self.srctree) {
            Ok(rel) => rel.to_string_lossy(),
            Err(_) => path.to_string_lossy(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_objtree_and_env() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("linux");
        std::fs::create_dir_all(src.join("fs/ext4")).unwrap();
        std::fs::create_dir_all(src.join("arch/x86")).unwrap();
        std::fs::create_dir_all(src.join("out")).unwrap();
        std::fs::write(src.join("Makefile"), "VERSION = 6\nPATCHLEVEL = 12\n").unwrap();
        std::fs::write(src.join("Kconfig"), "").unwrap();
        std::fs::write(src.join("arch/x86/Kconfig"), "").unwrap();
        assert_eq!(find_kernel_root(&src.join("fs/ext4")), Some(src.clone()));
        assert_eq!(find_kernel_root(dir.path()), None);

        let settings = Settings {
            arch: Some("x86_64".into()),
            output_dir: Some("out".into()),
            trusted: false,
            ..Settings::default()
        };
        let layout = Layout::detect(&src.join("fs"), &settings).unwrap();
        let src = src.canonicalize().unwrap();
        assert_eq!(layout.srctree, src);
        assert_eq!(layout.objtree, src.join("out"));
        assert!(layout.in_separate_objtree(&src.join("out/x.o")));
        assert!(!layout.in_separate_objtree(&src.join("fs/x.c")));
        assert_eq!(
            layout.display(&src.join("fs/ext4/Kconfig")),
            "fs/ext4/Kconfig"
        );

        let shell = GuardedShell::untrusted();
        let env = layout.kbuild_env(&settings, &shell).unwrap();
        assert_eq!((env.arch.as_str(), env.srcarch.as_str()), ("x86_64", "x86"));
        assert_eq!(env.env["KERNELVERSION"], "6.12");
        assert_eq!(env.env["srctree"], "..");
        // The compiler version probes were refused, not run.
        assert!(shell.refused() > 0);
        assert_eq!(layout.config_file(&env), None);

        let bad = Settings {
            output_dir: Some("missing".into()),
            ..Settings::default()
        };
        assert!(Layout::detect(&src, &bad)
            .unwrap_err()
            .contains("outputDir"));
    }
}
