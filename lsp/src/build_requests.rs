//! Builds and commands from the editor: `kmake/effectiveCommand`, the
//! `workspace/executeCommand` commands (build, build a file, generate
//! compile_commands.json / rust-project.json, set a config value) and
//! build-on-save. One build runs at a time: a newer one cancels it. Compiler
//! errors and warnings are published as diagnostics on their files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use serde::Deserialize;
use serde_json::{json, Value};
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;

use crate::build::compiler_output::{CompilerDiagnostic, Severity};
use crate::build::effective::{effective_command, EffectiveCache, EffectiveCommand};
use crate::build::incremental::{build, BuildResult, BuildTarget, CancelToken};
use crate::progress::Progress;
use crate::server::{blocking, Backend};
use crate::settings::{BuildOnSave, Settings};
use crate::workspace::Layout;

/// The commands `workspace/executeCommand` accepts.
pub const COMMANDS: &[&str] = &[
    "kmake.build",
    "kmake.buildFile",
    "kmake.compileCommands",
    "kmake.rustProject",
    "kmake.setConfig",
];

/// The running build, and the files the last build published diagnostics on.
#[derive(Default)]
pub struct Builds {
    running: Mutex<Option<CancelToken>>,
    published: Mutex<HashSet<Url>>,
    sequence: std::sync::atomic::AtomicU64,
}

/// `kmake/effectiveCommand` parameters.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveCommandParams {
    pub text_document: TextDocumentIdentifier,
}

fn to_lsp(d: &CompilerDiagnostic) -> Diagnostic {
    let pos = Position::new(d.line.saturating_sub(1), d.col.saturating_sub(1));
    let related: Vec<DiagnosticRelatedInformation> = d
        .notes
        .iter()
        .filter_map(|n| {
            let uri = Url::from_file_path(&n.path).ok()?;
            let p = Position::new(n.line.saturating_sub(1), n.col.saturating_sub(1));
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, Range::new(p, p)),
                message: n.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: Range::new(pos, pos),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        source: Some("kmake build".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The compiler diagnostics of a build by file.
pub fn by_file(result: &BuildResult) -> HashMap<Url, Vec<Diagnostic>> {
    let mut out: HashMap<Url, Vec<Diagnostic>> = HashMap::new();
    for d in &result.diagnostics {
        if let Ok(uri) = Url::from_file_path(&d.path) {
            out.entry(uri).or_default().push(to_lsp(d));
        }
    }
    out
}

/// Cancels a build when the request running it goes away (`$/cancelRequest`
/// drops the request's future) before it finished.
struct CancelOnDrop {
    token: CancelToken,
    finished: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if !self.finished {
            self.token.cancel();
        }
    }
}

fn arg_str(args: &[Value], i: usize, what: &str) -> Result<String> {
    args.get(i)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| Error::invalid_params(format!("missing argument: {what}")))
}

impl Backend {
    fn layout_and_settings(&self) -> Result<(Layout, Settings)> {
        let settings = self.settings();
        let folder = self.folder().ok_or_else(|| failed("no workspace folder"))?;
        let layout = Layout::detect(&folder, &settings).map_err(failed)?;
        Ok((layout, settings))
    }

    pub(crate) async fn effective_command_request(
        &self,
        params: EffectiveCommandParams,
    ) -> Result<Value> {
        let (layout, settings) = self.layout_and_settings()?;
        let path = crate::documents::uri_to_path(&params.text_document.uri)
            .ok_or_else(|| Error::invalid_params("not a file URI"))?;
        let answer = blocking(move || effective_command(&layout, &settings, &path)).await?;
        match answer {
            Ok(EffectiveCommand::Built {
                directory,
                arguments,
                command,
                object,
            }) => Ok(json!({
                "directory": directory,
                "arguments": arguments,
                "command": command,
                "object": object,
            })),
            Ok(EffectiveCommand::NotBuilt { reason, at }) => Ok(json!({
                "notBuilt": reason,
                "at": at.and_then(|(p, line)| {
                    let uri = Url::from_file_path(p).ok()?;
                    Some(json!({"uri": uri, "line": line.saturating_sub(1)}))
                }),
            })),
            Err(e) => Err(failed(e)),
        }
    }

    /// Runs a build (cancelling the one running), with `$/progress` and the
    /// compiler's diagnostics published on their files. Returns a summary.
    pub(crate) async fn run_build(&self, target: BuildTarget) -> Result<String> {
        let (layout, settings) = self.layout_and_settings()?;
        let token = CancelToken::new();
        if let Some(old) = self
            .builds
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .replace(token.clone())
        {
            old.cancel();
        }
        let n = self
            .builds
            .sequence
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let title = match &target {
            BuildTarget::Tree => "kmake: building".to_string(),
            BuildTarget::File(p) => format!("kmake: building {}", layout.display(p)),
            BuildTarget::Goals(g) => format!("kmake: building {}", g.join(" ")),
        };
        let progress = Progress::begin(
            &self.client,
            self.progress_enabled(),
            &format!("kmake/build/{n}"),
            &title,
        )
        .await;
        let mut guard = CancelOnDrop {
            token: token.clone(),
            finished: false,
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let cancel = token.clone();
        let (blayout, bsettings) = (layout.clone(), settings.clone());
        let job = tokio::task::spawn_blocking(move || {
            build(&blayout, &bsettings, &target, &cancel, &mut |line| {
                let _ = tx.send(line.trim().to_string());
            })
        });
        while let Some(line) = rx.recv().await {
            progress.report(line).await;
        }
        let result = job.await.map_err(|e| failed(format!("build task: {e}")))?;
        guard.finished = true;
        let result = match result {
            Ok(r) => r,
            Err(e) => {
                progress.end(e.clone()).await;
                return Err(failed(e));
            }
        };
        if result.cancelled {
            progress.end("cancelled".into()).await;
            return Ok("cancelled".into());
        }
        // Fresh diagnostics everywhere the last build reported something.
        let fresh = by_file(&result);
        let stale: Vec<Url> = {
            let mut published = self
                .builds
                .published
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            let stale = published
                .iter()
                .filter(|u| !fresh.contains_key(*u))
                .cloned()
                .collect();
            *published = fresh.keys().cloned().collect();
            stale
        };
        for uri in stale {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        let (mut errors, mut warnings) = (0, 0);
        for (uri, diags) in fresh {
            errors += diags
                .iter()
                .filter(|d| d.severity == Some(DiagnosticSeverity::ERROR))
                .count();
            warnings += diags
                .iter()
                .filter(|d| d.severity == Some(DiagnosticSeverity::WARNING))
                .count();
            self.client.publish_diagnostics(uri, diags, None).await;
        }
        let summary = if result.exit_code == 0 {
            format!("build succeeded ({warnings} warnings)")
        } else {
            let general = result.general_errors.first().cloned().unwrap_or_default();
            format!(
                "build failed (exit {}): {errors} errors, {warnings} warnings{}",
                result.exit_code,
                if general.is_empty() {
                    String::new()
                } else {
                    format!("; {general}")
                }
            )
        };
        tracing::info!("{}: {summary}", result.command);
        progress.end(summary.clone()).await;
        if result.exit_code != 0 {
            self.client
                .show_message(MessageType::ERROR, format!("kmake: {summary}"))
                .await;
        }
        Ok(summary)
    }

    /// On save: what `buildOnSave` asks for.
    pub(crate) fn build_on_save(&self, path: PathBuf) {
        let target = match self.settings().build_on_save {
            BuildOnSave::Off => return,
            BuildOnSave::Tree => BuildTarget::Tree,
            BuildOnSave::File => {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !matches!(ext, "c" | "S" | "rs") {
                    return;
                }
                BuildTarget::File(path)
            }
        };
        let me = self.clone();
        tokio::spawn(async move {
            if let Err(e) = me.run_build(target).await {
                tracing::warn!("build on save: {}", e.message);
            }
        });
    }

    /// A saved Makefile, Kbuild or Kconfig file changes what kbuild does.
    pub(crate) fn forget_effective_commands(&self, path: &std::path::Path) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("Makefile") || name.starts_with("Kbuild") || name.starts_with("Kconfig")
        {
            EffectiveCache::global().invalidate();
        }
    }

    pub(crate) async fn execute_command_impl(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<Value>> {
        let args = params.arguments;
        match params.command.as_str() {
            "kmake.build" => Ok(Some(json!(self.run_build(BuildTarget::Tree).await?))),
            "kmake.buildFile" => {
                let uri = arg_str(&args, 0, "file URI")?;
                let uri = Url::parse(&uri).map_err(|e| Error::invalid_params(e.to_string()))?;
                let path = crate::documents::uri_to_path(&uri)
                    .ok_or_else(|| Error::invalid_params("not a file URI"))?;
                Ok(Some(json!(self.run_build(BuildTarget::File(path)).await?)))
            }
            "kmake.compileCommands" => {
                let (layout, settings) = self.layout_and_settings()?;
                let clangd = args
                    .first()
                    .and_then(|a| a.get("clangdCompatible"))
                    .and_then(Value::as_bool)
                    .unwrap_or(settings.clangd_compatible);
                let written = blocking(move || {
                    crate::build::commands::generate_compile_commands(&layout, &settings, clangd)
                })
                .await?
                .map_err(failed)?;
                Ok(Some(json!(written)))
            }
            "kmake.rustProject" => {
                let (layout, settings) = self.layout_and_settings()?;
                let token = CancelToken::new();
                let written = blocking(move || {
                    crate::build::commands::generate_rust_project(&layout, &settings, &token)
                })
                .await?
                .map_err(failed)?;
                Ok(Some(json!(written)))
            }
            "kmake.setConfig" => {
                let name = arg_str(&args, 0, "symbol name")?;
                let value = arg_str(&args, 1, "value")?;
                let (layout, settings) = self.layout_and_settings()?;
                let name = name.strip_prefix("CONFIG_").unwrap_or(&name).to_string();
                let summary = blocking(move || {
                    crate::build::commands::set_config_value(&layout, &settings, &name, &value)
                })
                .await?
                .map_err(failed)?;
                // The disk watch sees the new .config; without one, reload here.
                if !self.watching_disk() {
                    self.reload();
                }
                Ok(Some(json!(summary)))
            }
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }
}

/// A request that could not be done, with the reason for the user.
pub(crate) fn failed(message: impl Into<String>) -> Error {
    Error {
        code: tower_lsp::jsonrpc::ErrorCode::InvalidRequest,
        message: message.into().into(),
        data: None,
    }
}
