//! The loaded Kconfig tree of a workspace: the builder's engine with the
//! objtree's `.config` read into it, and the questions the features ask of it
//! (definitions, `source` targets, Kconfig references, hover text), answered
//! as plain data.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use kmake::kconfig::env::KbuildEnv;
use kmake::kconfig::{
    FileId, FileKind, FsHost, Kconfig, Message, RefKind, Span, SymbolId, SymbolType,
};

use crate::diagnostics::Diag;
use crate::location::FileRange;
use crate::name_table::NameTable;
use crate::overlay_host::{Overlay, OverlayHost};
use crate::settings::Settings;
use crate::shell_guard::GuardedShell;
use crate::workspace::Layout;

/// Facts about a load, for progress messages and logs.
#[derive(Clone, Debug)]
pub struct LoadStats {
    pub millis: u128,
    pub arch: String,
    pub srcarch: String,
    pub files: usize,
    pub symbols: usize,
    pub parse_errors: u32,
    /// The `.config` read, if any.
    pub config: Option<PathBuf>,
    /// `$(shell)` commands refused (untrusted workspace).
    pub shell_refused: u32,
}

/// A loaded Kconfig tree.
pub struct KconfigIndex {
    engine: Mutex<Kconfig>,
    pub layout: Layout,
    pub env: KbuildEnv,
    /// Canonical path of each engine file, by `FileId`.
    paths: Vec<PathBuf>,
    by_path: HashMap<PathBuf, FileId>,
    pub stats: LoadStats,
    /// What parsing the tree and reading the `.config` reported.
    messages: Vec<Message>,
    /// Diagnostics of the Kconfig files by canonical path, computed on first use.
    kconfig_diags: OnceLock<HashMap<PathBuf, Vec<Diag>>>,
    /// Symbol and file names for completion, read at first use.
    names: OnceLock<NameTable>,
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

impl KconfigIndex {
    /// Parses the tree's Kconfig for the settings' architecture and reads the
    /// objtree's `.config` (blocking; run it off the async runtime).
    pub fn load(layout: &Layout, settings: &Settings) -> Result<KconfigIndex, String> {
        KconfigIndex::load_with(layout, settings, &Overlay::new())
    }

    /// `load`, reading the Kconfig files `overlay` holds (open editor buffers)
    /// from there instead of the disk.
    pub fn load_with(
        layout: &Layout,
        settings: &Settings,
        overlay: &Overlay,
    ) -> Result<KconfigIndex, String> {
        let t0 = Instant::now();
        let shell = if settings.trusted {
            GuardedShell::trusted(&layout.objtree)
        } else {
            GuardedShell::untrusted_with_cache(&layout.objtree)
        };
        let env = layout.kbuild_env(settings, &shell)?;
        let host = OverlayHost {
            fs: FsHost {
                cwd: layout.objtree.clone(),
                env: env.env.clone(),
                shell: &shell,
            },
            overlay,
        };
        let mut k = Kconfig::load(&host, &env.kconfig).map_err(|e| e.to_string())?;
        let config = layout.config_file(&env);
        if config.is_some() {
            // Relative to the objtree, as `conf` names it in messages.
            let name = env
                .env
                .get("KCONFIG_CONFIG")
                .cloned()
                .unwrap_or_else(|| ".config".into());
            if !k.conf_read(&host, Some(&name)) {
                tracing::warn!("{name}: could not be read");
            }
        }
        // Values of symbols the config does not set come from defaults, as
        // `olddefconfig` would compute them.
        let messages = k.take_messages();
        shell.save();
        let paths: Vec<PathBuf> = k.files().iter().map(|f| canonical(&f.path)).collect();
        let by_path = paths
            .iter()
            .enumerate()
            .filter(|(i, _)| k.files()[*i].kind == FileKind::Kconfig)
            .map(|(i, p)| (p.clone(), FileId(i as u32)))
            .collect();
        let stats = LoadStats {
            millis: t0.elapsed().as_millis(),
            arch: env.arch.clone(),
            srcarch: env.srcarch.clone(),
            files: k.files().len(),
            symbols: k.defined_symbols().len(),
            parse_errors: k.parse_errors(),
            config,
            shell_refused: shell.refused(),
        };
        Ok(KconfigIndex {
            engine: Mutex::new(k),
            layout: layout.clone(),
            env,
            paths,
            by_path,
            stats,
            messages,
            kconfig_diags: OnceLock::new(),
            names: OnceLock::new(),
        })
    }

    /// The engine; a panic in an earlier query does not lock it for good.
    fn engine(&self) -> MutexGuard<'_, Kconfig> {
        self.engine.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with the engine locked (queries that need more than the
    /// answers below: menu tree, symbol info, evaluation).
    pub fn with_engine<R>(&self, f: impl FnOnce(&mut Kconfig) -> R) -> R {
        f(&mut self.engine())
    }

    /// The names of this load (symbols with types and prompts, Kconfig
    /// files), built at the first call.
    pub fn names(&self) -> &NameTable {
        self.names.get_or_init(|| NameTable::build(self))
    }

    /// The canonical path of an engine file.
    pub fn path_of(&self, file: FileId) -> &Path {
        &self.paths[file.0 as usize]
    }

    /// The engine's id of a Kconfig file of the loaded tree (canonical path).
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// What the engine reported while parsing the tree and reading the
    /// `.config`, in the C tool's order.
    pub fn load_messages(&self) -> &[Message] {
        &self.messages
    }

    /// The Kconfig diagnostics of the whole tree, by canonical path, computed
    /// by `compute` on the first call.
    pub fn kconfig_diagnostics_with(
        &self,
        compute: impl FnOnce(&KconfigIndex) -> HashMap<PathBuf, Vec<Diag>>,
    ) -> &HashMap<PathBuf, Vec<Diag>> {
        self.kconfig_diags.get_or_init(|| compute(self))
    }

    /// The canonical paths of the Kconfig files of the loaded tree.
    pub fn kconfig_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self.by_path.keys().cloned().collect();
        v.sort();
        v
    }

    /// Whether `path` is one of the Kconfig files of the loaded tree.
    pub fn is_kconfig_file(&self, path: &Path) -> bool {
        self.by_path.contains_key(path)
    }

    fn range_of(&self, span: Span) -> FileRange {
        FileRange {
            path: self.paths[span.file.0 as usize].clone(),
            line: span.start.line.saturating_sub(1),
            start: span.start.col,
            end: if span.end.line == span.start.line {
                span.end.col
            } else {
                span.start.col
            },
        }
    }

    fn symbol(k: &Kconfig, name: &str) -> Option<SymbolId> {
        let s = k.sym_find(name)?;
        let sym = k.sym(s);
        (!sym.is_const() && sym.name.is_some()).then_some(s)
    }

    /// Whether `name` (without `CONFIG_`) is a symbol of the tree: defined, or
    /// at least referenced by some Kconfig file.
    pub fn knows(&self, name: &str) -> bool {
        let k = self.engine();
        Self::symbol(&k, name).is_some()
    }

    /// Every `config NAME`/`menuconfig NAME` entry, in source order.
    pub fn definitions(&self, name: &str) -> Vec<FileRange> {
        let k = self.engine();
        let Some(s) = Self::symbol(&k, name) else {
            return Vec::new();
        };
        k.definitions(s)
            .into_iter()
            .filter_map(|d| match (d.name_span, d.loc.file) {
                (Some(span), _) => Some(self.range_of(span)),
                (None, Some(f)) => Some(FileRange {
                    path: self.paths[f.0 as usize].clone(),
                    line: d.loc.line.saturating_sub(1),
                    start: 0,
                    end: 0,
                }),
                (None, None) => None,
            })
            .collect()
    }

    /// The files a `source` statement on line `line` (0-based) of `path`
    /// includes; `None` when there is no `source` there.
    pub fn source_targets(&self, path: &Path, line: u32) -> Option<Vec<PathBuf>> {
        let file = *self.by_path.get(path)?;
        let k = self.engine();
        let (_, _, name) = k
            .source_statements()
            .iter()
            .find(|(f, span, _)| *f == file && span.start.line == line + 1)?;
        let targets = k
            .files()
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FileKind::Kconfig && glob_match(name, &f.name))
            .map(|(i, _)| self.paths[i].clone())
            .collect();
        Some(targets)
    }

    /// Mentions of `name` in the Kconfig sources (definitions only with
    /// `include_definitions`).
    pub fn references(&self, name: &str, include_definitions: bool) -> Vec<FileRange> {
        let k = self.engine();
        let Some(s) = Self::symbol(&k, name) else {
            return Vec::new();
        };
        k.symbol_refs()
            .iter()
            .filter(|r| r.sym == s && (include_definitions || r.kind != RefKind::Def))
            .map(|r| self.range_of(r.span))
            .collect()
    }

    /// Markdown for hovering `name`: type, prompts, where it is defined, its
    /// dependencies, what selects or implies it, its value and why, its help.
    pub fn hover(&self, name: &str) -> Option<String> {
        let mut k = self.engine();
        let s = Self::symbol(&k, name)?;
        let k = &mut *k;
        let info = k.symbol_info(s);
        // Evaluation recurses as deep as the dependency chains go.
        let why = kmake::kconfig::with_big_stack(|| k.explain_text(s));
        let at = |loc: kmake::kconfig::Loc| match loc.file {
            Some(f) => format!(
                "{}:{}",
                self.layout.display(&self.paths[f.0 as usize]),
                loc.line
            ),
            None => "?".to_string(),
        };
        let ty = match info.ty {
            SymbolType::Unknown => "undefined".to_string(),
            t => t.name().to_string(),
        };
        let mut out = format!("**CONFIG_{}** · `{ty}`\n", info.name);
        for d in &info.definitions {
            if let Some(p) = &d.prompt {
                out.push_str(&format!("\n\"{p}\""));
            }
        }
        out.push('\n');
        if info.definitions.is_empty() {
            out.push_str("\nNot defined by any Kconfig file of this architecture.\n");
        }
        for d in &info.definitions {
            out.push_str(&format!("\nDefined at `{}`", at(d.loc)));
            if !d.depends_on.is_empty() && d.depends_on != "y" {
                out.push_str(&format!(", depends on `{}`", d.depends_on));
            }
            out.push('\n');
        }
        let list = |out: &mut String, title: &str, items: &[(String, kmake::kconfig::Loc)]| {
            if items.is_empty() {
                return;
            }
            out.push_str(&format!("\n{title}:\n"));
            for (text, loc) in items {
                out.push_str(&format!("- `{text}` at `{}`\n", at(*loc)));
            }
        };
        list(&mut out, "Selected by", &info.selected_by);
        list(&mut out, "Implied by", &info.implied_by);
        list(&mut out, "Selects", &info.selects);
        list(&mut out, "Implies", &info.implies);
        out.push_str(&format!("\n**Value:** {why}\n"));
        for d in &info.definitions {
            if let Some(h) = d.help.as_deref().filter(|h| !h.trim().is_empty()) {
                out.push_str(&format!("\n---\n\n{}\n", h.trim_end()));
            }
        }
        Some(out)
    }
}

/// `pattern` with `*` wildcards (as in `source "arch/*/Kconfig"`) against a name.
fn glob_match(pattern: &str, name: &str) -> bool {
    let Some((head, rest)) = pattern.split_once('*') else {
        return pattern == name;
    };
    let Some(tail) = name.strip_prefix(head) else {
        return false;
    };
    (0..=tail.len())
        .filter(|&i| tail.is_char_boundary(i))
        .any(|i| glob_match(rest, &tail[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(glob_match("arch/Kconfig", "arch/Kconfig"));
        assert!(glob_match("drivers/*/Kconfig", "drivers/net/Kconfig"));
        assert!(glob_match("a*b*c", "aXXbYc"));
        assert!(!glob_match("drivers/*/Kconfig", "drivers/net/Kconfig.x"));
        assert!(!glob_match("x", "y"));
    }
}
