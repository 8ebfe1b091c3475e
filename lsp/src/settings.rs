//! Client settings: `initializationOptions` at start, `workspace/didChangeConfiguration`
//! later. Keys may be flat (`{"arch": "x86_64"}`) or under `kmake`
//! (`{"kmake": {"arch": ...}}`).

use serde_json::Value;

/// What the client told us about the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// `ARCH=`; the host's architecture when unset.
    pub arch: Option<String>,
    /// The object tree (`O=`), absolute or relative to the kernel root.
    pub output_dir: Option<String>,
    pub cross_compile: Option<String>,
    pub llvm: Option<String>,
    /// Whether the workspace may run commands (`$(shell)` in Kconfig, compiler
    /// probes). An untrusted workspace runs nothing.
    pub trusted: bool,
    /// What a save builds.
    pub build_on_save: BuildOnSave,
    /// Whether generated compile databases drop GCC-only flags clangd rejects.
    pub clangd_compatible: bool,
}

/// `buildOnSave`: `off`, `file` (the saved source's object) or `tree`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BuildOnSave {
    #[default]
    Off,
    File,
    Tree,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            arch: None,
            output_dir: None,
            cross_compile: None,
            llvm: None,
            trusted: true,
            build_on_save: BuildOnSave::Off,
            clangd_compatible: false,
        }
    }
}

impl Settings {
    /// `self` updated by the keys present in `v`; wrong types are ignored.
    pub fn merged(&self, v: &Value) -> Settings {
        let v = v.get("kmake").unwrap_or(v);
        let mut s = self.clone();
        let text = |k: &str| -> Option<Option<String>> {
            match v.get(k)? {
                Value::String(t) if t.is_empty() => Some(None),
                Value::String(t) => Some(Some(t.clone())),
                Value::Null => Some(None),
                _ => None,
            }
        };
        if let Some(a) = text("arch") {
            s.arch = a;
        }
        if let Some(o) = text("outputDir").or_else(|| text("O")) {
            s.output_dir = o;
        }
        if let Some(c) = text("crossCompile") {
            s.cross_compile = c;
        }
        if let Some(l) = text("llvm") {
            s.llvm = l;
        }
        if let Some(t) = v.get("trusted").and_then(Value::as_bool) {
            s.trusted = t;
        }
        match v.get("buildOnSave").and_then(Value::as_str) {
            Some("off") => s.build_on_save = BuildOnSave::Off,
            Some("file") => s.build_on_save = BuildOnSave::File,
            Some("tree") => s.build_on_save = BuildOnSave::Tree,
            _ => {}
        }
        if let Some(c) = v.get("clangdCompatible").and_then(Value::as_bool) {
            s.clangd_compatible = c;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flat_nested_and_bad_values() {
        let s = Settings::default().merged(&json!({"arch": "arm64", "trusted": false}));
        assert_eq!(s.arch.as_deref(), Some("arm64"));
        assert!(!s.trusted);
        let s = s.merged(&json!({"kmake": {"outputDir": "out", "arch": ""}}));
        assert_eq!(s.output_dir.as_deref(), Some("out"));
        assert_eq!(s.arch, None);
        assert!(!s.trusted);
        let s3 = s.merged(&json!({"buildOnSave": "file", "clangdCompatible": true}));
        assert_eq!(s3.build_on_save, BuildOnSave::File);
        assert!(s3.clangd_compatible);
        assert_eq!(s3.merged(&json!({"buildOnSave": "sometimes"})), s3);
        let s2 = s.merged(&json!({"arch": 3, "trusted": "yes"}));
        assert_eq!(s2, s);
        assert_eq!(
            Settings::default().merged(&Value::Null),
            Settings::default()
        );
    }
}
