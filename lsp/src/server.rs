//! The language server: its state, and the protocol methods (each a guarded
//! delegation to `features`, `build_requests` or `load`); a panic in a handler
//! answers an error response.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use futures::FutureExt;
use serde_json::Value;
use tokio::sync::watch;
use tower_lsp::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService};

use dashmap::DashMap;

use crate::documents::{uri_to_path, Documents};
use crate::features::{semantic_legend, Published};
use crate::kconfig_index::KconfigIndex;
use crate::makefile::symbols_scan::KconfigScan;
use crate::position::{byte_col, trim_eol, PositionEncoding};
use crate::settings::Settings;
use crate::text_index::TextIndex;
use crate::to_proto::{line_range, Lines};

/// How long a request waits for a load still in progress.
const LOAD_WAIT: Duration = Duration::from_secs(120);

/// Where the workspace's Kconfig tree is.
#[derive(Clone)]
pub enum Load {
    /// `initialized` has not arrived yet.
    NotStarted,
    Loading,
    Ready(Arc<KconfigIndex>),
    /// No kernel tree, or the load failed (the message says why).
    Failed(String),
}

pub(crate) struct State {
    pub(crate) encoding: RwLock<PositionEncoding>,
    pub(crate) settings: RwLock<Settings>,
    pub(crate) folder: RwLock<Option<PathBuf>>,
    pub(crate) progress: AtomicBool,
    pub(crate) kconfig: watch::Sender<Load>,
    pub(crate) text: watch::Sender<Option<Arc<TextIndex>>>,
    /// Symbol types of every architecture's Kconfig files, for Makefiles.
    pub(crate) scan: watch::Sender<Option<Arc<KconfigScan>>>,
    /// The disk watch of the current load.
    pub(crate) disk: std::sync::Mutex<Option<crate::watcher::Watch>>,
    pub(crate) generation: AtomicU64,
    /// Edits of open Kconfig buffers (the last one wins a refresh).
    pub(crate) kconfig_edits: AtomicU64,
}

/// The server behind `LspService`. Clones share everything (for tasks).
#[derive(Clone)]
pub struct Backend {
    pub(crate) client: Client,
    pub(crate) docs: Arc<Documents>,
    pub(crate) state: Arc<State>,
    /// The diagnostics last published per document, with their fixes.
    pub(crate) published: Arc<DashMap<Url, Vec<Published>>>,
    pub(crate) builds: Arc<crate::build_requests::Builds>,
}

/// The `LspService` of the server, and its channel to the client.
pub fn service() -> (LspService<Backend>, tower_lsp::ClientSocket) {
    LspService::build(Backend::new)
        .custom_method("kmake/effectiveCommand", Backend::effective_command)
        .custom_method("kmake/menuTree", Backend::menu_tree)
        .finish()
}

fn internal(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Runs blocking `f` off the runtime; a panic becomes an error.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| match e.try_into_panic() {
            Ok(p) => internal(format!("kmake-lsp: internal error: {}", panic_text(&*p))),
            Err(e) => internal(format!("kmake-lsp: task failed: {e}")),
        })
}

pub(crate) fn lock<T: Clone>(l: &RwLock<T>) -> T {
    l.read().unwrap_or_else(|p| p.into_inner()).clone()
}

fn set<T>(l: &RwLock<T>, v: T) {
    *l.write().unwrap_or_else(|p| p.into_inner()) = v;
}

/// The cursor of a request: file, line and the line's text, byte column.
pub(crate) struct Cursor {
    pub(crate) path: PathBuf,
    pub(crate) line: u32,
    pub(crate) text: String,
    pub(crate) byte: usize,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            docs: Arc::new(Documents::default()),
            state: Arc::new(State {
                encoding: RwLock::new(PositionEncoding::Utf16),
                settings: RwLock::new(Settings::default()),
                folder: RwLock::new(None),
                progress: AtomicBool::new(false),
                kconfig: watch::channel(Load::NotStarted).0,
                text: watch::channel(None).0,
                scan: watch::channel(None).0,
                disk: std::sync::Mutex::new(None),
                kconfig_edits: AtomicU64::new(0),
                generation: AtomicU64::new(0),
            }),
            published: Arc::new(DashMap::new()),
            builds: Arc::default(),
        }
    }

    /// Runs a handler body; a panic in it answers an internal error and the
    /// server goes on.
    pub async fn guarded<T>(
        &self,
        method: &str,
        body: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let t0 = Instant::now();
        let r = match AssertUnwindSafe(body).catch_unwind().await {
            Ok(r) => r,
            Err(p) => {
                let msg = panic_text(&*p);
                tracing::error!(method, "handler panicked: {msg}");
                Err(internal(format!(
                    "kmake-lsp: internal error in {method}: {msg}"
                )))
            }
        };
        tracing::debug!(method, ms = t0.elapsed().as_secs_f64() * 1e3, "handled");
        r
    }

    /// `kmake/effectiveCommand`: the command kbuild runs for a file, or why
    /// it is not built.
    pub async fn effective_command(
        &self,
        params: crate::build_requests::EffectiveCommandParams,
    ) -> Result<Value> {
        self.guarded(
            "kmake/effectiveCommand",
            self.effective_command_request(params),
        )
        .await
    }

    /// `kmake/menuTree`: the Kconfig menu tree with current values.
    pub async fn menu_tree(&self, params: Value) -> Result<Value> {
        self.guarded("kmake/menuTree", self.menu_tree_request(params))
            .await
    }

    pub(crate) fn settings(&self) -> Settings {
        lock(&self.state.settings)
    }

    pub(crate) fn folder(&self) -> Option<PathBuf> {
        lock(&self.state.folder)
    }

    pub(crate) fn progress_enabled(&self) -> bool {
        self.state.progress.load(Ordering::Relaxed)
    }

    /// Whether a disk watch keeps the load current.
    pub(crate) fn watching_disk(&self) -> bool {
        self.state
            .disk
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    pub(crate) fn encoding(&self) -> PositionEncoding {
        lock(&self.state.encoding)
    }

    /// The current load state (for tests and status).
    pub fn load_state(&self) -> Load {
        self.state.kconfig.borrow().clone()
    }

    /// The loaded tree, waiting for a load in progress.
    pub(crate) async fn kconfig(&self) -> Option<Arc<KconfigIndex>> {
        let mut rx = self.state.kconfig.subscribe();
        let wait = async move {
            let l = rx
                .wait_for(|l| matches!(l, Load::Ready(_) | Load::Failed(_)))
                .await
                .ok()?;
            match &*l {
                Load::Ready(k) => Some(k.clone()),
                _ => None,
            }
        };
        tokio::time::timeout(LOAD_WAIT, wait).await.ok().flatten()
    }

    /// The text index, waiting for it to be built.
    pub(crate) async fn text_index(&self) -> Option<Arc<TextIndex>> {
        let mut rx = self.state.text.subscribe();
        let wait = async move { rx.wait_for(Option::is_some).await.ok()?.clone() };
        tokio::time::timeout(LOAD_WAIT, wait).await.ok().flatten()
    }

    /// The all-architecture Kconfig type scan, waiting for it to be built.
    pub(crate) async fn kconfig_scan(&self) -> Option<Arc<KconfigScan>> {
        let mut rx = self.state.scan.subscribe();
        let wait = async move { rx.wait_for(Option::is_some).await.ok()?.clone() };
        tokio::time::timeout(LOAD_WAIT, wait).await.ok().flatten()
    }

    /// Publishes the diagnostics of every open document (after a load).
    pub(crate) fn republish_all(&self) {
        for uri in self.docs.uris() {
            let me = self.clone();
            tokio::spawn(async move { me.publish_diagnostics(uri).await });
        }
    }

    /// Publishes a document's diagnostics after edits settle.
    fn publish_soon(&self, uri: Url) {
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(150)).await;
            me.publish_diagnostics(uri).await;
        });
    }

    pub(crate) fn cursor(&self, uri: &Url, pos: Position) -> Option<Cursor> {
        let path = uri_to_path(uri)?;
        let line = match self.docs.get(uri) {
            Some(d) => crate::position::rope_line(&d.rope, pos.line as usize),
            None => {
                let text = self.docs.text_of(&path)?;
                let l = text
                    .split_inclusive('\n')
                    .nth(pos.line as usize)
                    .unwrap_or("");
                trim_eol(l).to_string()
            }
        };
        let byte = byte_col(&line, pos.character, self.encoding());
        Some(Cursor {
            path,
            line: pos.line,
            text: line,
            byte,
        })
    }
}

fn is_makefile(path: &std::path::Path) -> bool {
    crate::completion::FileType::of(None, path) == crate::completion::FileType::Makefile
}

fn folder_of(params: &InitializeParams) -> Option<PathBuf> {
    let from_uri = |u: &Url| u.to_file_path().ok();
    #[allow(deprecated)]
    let root_path = params.root_path.as_ref().map(PathBuf::from);
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref();
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.iter().find_map(|f| from_uri(&f.uri)))
        .or_else(|| root_uri.and_then(from_uri))
        .or(root_path)
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        self.guarded("initialize", async {
            let offered: Option<Vec<String>> = params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_ref())
                .map(|v| v.iter().map(|e| e.as_str().to_string()).collect());
            let enc = PositionEncoding::negotiate(offered.as_deref());
            set(&self.state.encoding, enc);
            let opts = params.initialization_options.clone().unwrap_or(Value::Null);
            set(&self.state.settings, Settings::default().merged(&opts));
            set(&self.state.folder, folder_of(&params));
            let progress = params
                .capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false);
            self.state.progress.store(progress, Ordering::Relaxed);
            Ok(InitializeResult {
                server_info: Some(ServerInfo {
                    name: "kmake-lsp".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
                capabilities: ServerCapabilities {
                    position_encoding: Some(PositionEncodingKind::from(enc.name())),
                    text_document_sync: Some(TextDocumentSyncCapability::Options(
                        TextDocumentSyncOptions {
                            open_close: Some(true),
                            change: Some(TextDocumentSyncKind::INCREMENTAL),
                            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                            ..Default::default()
                        },
                    )),
                    hover_provider: Some(HoverProviderCapability::Simple(true)),
                    definition_provider: Some(OneOf::Left(true)),
                    references_provider: Some(OneOf::Left(true)),
                    completion_provider: Some(CompletionOptions {
                        trigger_characters: Some(["_", "\"", "/", " "].map(String::from).to_vec()),
                        ..Default::default()
                    }),
                    document_symbol_provider: Some(OneOf::Left(true)),
                    workspace_symbol_provider: Some(OneOf::Left(true)),
                    folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                    semantic_tokens_provider: Some(
                        SemanticTokensServerCapabilities::SemanticTokensOptions(
                            SemanticTokensOptions {
                                legend: semantic_legend(),
                                full: Some(SemanticTokensFullOptions::Bool(true)),
                                range: None,
                                ..Default::default()
                            },
                        ),
                    ),
                    rename_provider: Some(OneOf::Right(RenameOptions {
                        prepare_provider: Some(true),
                        work_done_progress_options: Default::default(),
                    })),
                    execute_command_provider: Some(ExecuteCommandOptions {
                        commands: crate::build_requests::COMMANDS
                            .iter()
                            .map(|c| c.to_string())
                            .collect(),
                        ..Default::default()
                    }),
                    code_action_provider: Some(CodeActionProviderCapability::Options(
                        CodeActionOptions {
                            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                            ..Default::default()
                        },
                    )),
                    ..Default::default()
                },
            })
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        let _ = self
            .guarded("initialized", async {
                self.reload();
                Ok(())
            })
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let _ = self
            .guarded("didOpen", async {
                let d = params.text_document;
                self.docs.open(d.uri.clone(), d.version, &d.text);
                let me = self.clone();
                tokio::spawn(async move { me.publish_diagnostics(d.uri).await });
                Ok(())
            })
            .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let enc = self.encoding();
        let _ = self
            .guarded("didChange", async {
                let d = params.text_document;
                self.docs
                    .change(&d.uri, d.version, &params.content_changes, enc);
                if self.is_kconfig_buffer(&d.uri) {
                    // The refreshed load publishes.
                    self.refresh_kconfig_soon();
                } else {
                    self.publish_soon(d.uri);
                }
                Ok(())
            })
            .await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let _ = self
            .guarded("didClose", async {
                let uri = params.text_document.uri;
                let edited = self.docs.get(&uri).is_some_and(|d| {
                    d.path
                        .as_ref()
                        .and_then(|p| std::fs::read_to_string(p).ok())
                        .is_none_or(|disk| d.rope != disk.as_str())
                });
                self.docs.close(&uri);
                if edited && self.is_kconfig_buffer(&uri) {
                    // Unsaved edits are gone: back to the files.
                    self.refresh_kconfig_soon();
                }
                // Diagnostics of closed files are dropped, as editors expect.
                if self.published.remove(&uri).is_some() {
                    self.client.publish_diagnostics(uri, Vec::new(), None).await;
                }
                Ok(())
            })
            .await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let _ = self
            .guarded("didSave", async {
                // A saved Kconfig file or .config changes what the engine knows.
                let Some(path) = uri_to_path(&params.text_document.uri) else {
                    return Ok(());
                };
                self.forget_effective_commands(&path);
                self.build_on_save(path.clone());
                if self.watching_disk() {
                    // The disk watch sees the save and does what it asks.
                    return Ok(());
                }
                if let Load::Ready(k) = self.load_state() {
                    let config = k.layout.config_file(&k.env);
                    if k.is_kconfig_file(&path) || config.as_deref() == Some(path.as_path()) {
                        self.reload();
                    }
                }
                Ok(())
            })
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let _ = self
            .guarded("didChangeConfiguration", async {
                let old = lock(&self.state.settings);
                let new = old.merged(&params.settings);
                let load_key = |s: &Settings| {
                    (
                        s.arch.clone(),
                        s.output_dir.clone(),
                        s.cross_compile.clone(),
                        s.llvm.clone(),
                        s.trusted,
                    )
                };
                let reload = load_key(&new) != load_key(&old);
                set(&self.state.settings, new);
                if reload {
                    self.reload();
                }
                Ok(())
            })
            .await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.guarded("textDocument/definition", async {
            let p = params.text_document_position_params;
            let Some(c) = self.cursor(&p.text_document.uri, p.position) else {
                return Ok(None);
            };
            let Some(k) = self.kconfig().await else {
                return Ok(None);
            };
            let (docs, enc) = (self.docs.clone(), self.encoding());
            let locs = blocking(move || {
                let mut found = crate::definition::definition(&k, &c.path, c.line, &c.text, c.byte);
                if found.is_empty() && is_makefile(&c.path) {
                    if let Some(text) = docs.text_of(&c.path) {
                        found = crate::makefile::navigation::makefile_definition(
                            &c.path, &text, c.line, c.byte,
                        );
                    }
                }
                Lines::new(&docs, enc).locations(&found)
            })
            .await?;
            Ok((!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs)))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.guarded("textDocument/hover", async {
            let p = params.text_document_position_params;
            let Some(c) = self.cursor(&p.text_document.uri, p.position) else {
                return Ok(None);
            };
            let Some(k) = self.kconfig().await else {
                return Ok(None);
            };
            let (docs, enc) = (self.docs.clone(), self.encoding());
            let settings = self.settings();
            blocking(move || {
                let found = crate::hover::hover(&k, &c.path, &c.text, c.byte).or_else(|| {
                    if !is_makefile(&c.path) {
                        return None;
                    }
                    let text = docs.text_of(&c.path)?;
                    crate::makefile::vars::makefile_hover(&text, c.line, c.byte).or_else(|| {
                        crate::object_hover::object_hover(
                            &k.layout, &settings, &c.path, &c.text, c.byte,
                        )
                    })
                });
                let (text, (a, b)) = found?;
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: text,
                    }),
                    range: Some(line_range(c.line, &c.text, a, b, enc)),
                })
            })
            .await
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.guarded("textDocument/references", async {
            let p = params.text_document_position;
            let Some(c) = self.cursor(&p.text_document.uri, p.position) else {
                return Ok(None);
            };
            let Some(k) = self.kconfig().await else {
                return Ok(None);
            };
            let text = self.text_index().await.unwrap_or_default();
            let (docs, enc) = (self.docs.clone(), self.encoding());
            let with_decl = params.context.include_declaration;
            let locs = blocking(move || {
                let open = docs.texts();
                let found = crate::references::references(
                    &k, &text, &open, &c.path, &c.text, c.byte, with_decl,
                );
                Lines::new(&docs, enc).locations(&found)
            })
            .await?;
            Ok(Some(locs))
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.guarded("textDocument/completion", self.completion_impl(params))
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.guarded(
            "textDocument/documentSymbol",
            self.document_symbol_impl(params),
        )
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<Vec<SymbolInformation>>> {
        self.guarded("workspace/symbol", self.workspace_symbol_impl(params))
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.guarded("textDocument/foldingRange", self.folding_range_impl(params))
            .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.guarded(
            "textDocument/semanticTokens/full",
            self.semantic_tokens_impl(params),
        )
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.guarded(
            "textDocument/prepareRename",
            self.prepare_rename_impl(params),
        )
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.guarded("textDocument/rename", self.rename_impl(params))
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.guarded("textDocument/codeAction", self.code_action_impl(params))
            .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        self.guarded(
            "workspace/executeCommand",
            self.execute_command_impl(params),
        )
        .await
    }
}
