//! The feature handlers behind the protocol methods: each takes the request's
//! document and position, asks the plain-data feature modules, and converts
//! their answer to protocol types in the negotiated position encoding.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;

use crate::completion::{self, FileType, ItemKind};
use crate::diagnostics::{self, Fix};
use crate::document_symbols::{self, OutlineItem, OutlineKind};
use crate::folding::{self, FoldKind};
use crate::kconfig_index::KconfigIndex;
use crate::makefile;
use crate::position::lsp_col;
use crate::server::{blocking, Backend};
use crate::text_range::TextRange;
use crate::to_proto::{line_range, Lines};

/// A published diagnostic and the quick fix that goes with it.
pub type Published = (Diagnostic, Option<Fix>);

/// The semantic token legend the server advertises.
pub fn semantic_legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: crate::semantic_tokens::TOKEN_TYPES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: crate::semantic_tokens::TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// A document's text and path as the editor holds it.
struct Doc {
    path: std::path::PathBuf,
    text: String,
    version: Option<i32>,
}

/// `r` in protocol positions; `lines` are the document's lines.
fn text_range(lines: &[&str], r: &TextRange, enc: crate::position::PositionEncoding) -> Range {
    let line = |n: u32| {
        let l = lines.get(n as usize).copied().unwrap_or("");
        l.strip_suffix('\r').unwrap_or(l)
    };
    let pos = |l: u32, c: u32| Position::new(l, lsp_col(line(l), c as usize, enc));
    Range::new(pos(r.start.line, r.start.col), pos(r.end.line, r.end.col))
}

fn outline_to_proto(
    items: Vec<OutlineItem>,
    lines: &[&str],
    enc: crate::position::PositionEncoding,
) -> Vec<DocumentSymbol> {
    items
        .into_iter()
        .map(|i| {
            let kind = match i.kind {
                OutlineKind::MainMenu | OutlineKind::Menu => SymbolKind::MODULE,
                OutlineKind::Choice => SymbolKind::ENUM,
                OutlineKind::Config | OutlineKind::MenuConfig => SymbolKind::CONSTANT,
                OutlineKind::Comment => SymbolKind::STRING,
                OutlineKind::Conditional => SymbolKind::NAMESPACE,
                OutlineKind::Include => SymbolKind::FILE,
                OutlineKind::Variable => SymbolKind::VARIABLE,
                OutlineKind::Define => SymbolKind::FUNCTION,
                OutlineKind::Rule => SymbolKind::METHOD,
            };
            let children = outline_to_proto(i.children, lines, enc);
            #[allow(deprecated)]
            DocumentSymbol {
                name: if i.name.is_empty() {
                    "(unnamed)".into()
                } else {
                    i.name
                },
                detail: i.detail,
                kind,
                tags: None,
                deprecated: None,
                range: text_range(lines, &i.range, enc),
                selection_range: text_range(lines, &i.selection, enc),
                children: (!children.is_empty()).then_some(children),
            }
        })
        .collect()
}

fn severity(s: diagnostics::Severity) -> DiagnosticSeverity {
    match s {
        diagnostics::Severity::Error => DiagnosticSeverity::ERROR,
        diagnostics::Severity::Warning => DiagnosticSeverity::WARNING,
        diagnostics::Severity::Information => DiagnosticSeverity::INFORMATION,
        diagnostics::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

fn diagnostic(range: Range, sev: DiagnosticSeverity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(sev),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some("kmake".into()),
        message,
        ..Default::default()
    }
}

impl Backend {
    fn doc(&self, uri: &Url) -> Option<Doc> {
        let path = crate::documents::uri_to_path(uri)?;
        match self.docs.get(uri) {
            Some(d) => Some(Doc {
                path,
                text: d.rope.to_string(),
                version: Some(d.version),
            }),
            None => Some(Doc {
                text: self.docs.text_of(&path)?,
                path,
                version: None,
            }),
        }
    }

    /// The loaded tree if it is ready now (completion does not wait for it).
    fn kconfig_now(&self) -> Option<Arc<KconfigIndex>> {
        match self.load_state() {
            crate::server::Load::Ready(k) => Some(k),
            _ => None,
        }
    }

    pub(crate) async fn completion_impl(
        &self,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let Some(doc) = self.doc(&p.text_document.uri) else {
            return Ok(None);
        };
        let k = self.kconfig_now();
        let enc = self.encoding();
        let line = p.position.line;
        blocking(move || {
            let line_text = doc
                .text
                .split('\n')
                .nth(line as usize)
                .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
                .unwrap_or_default();
            let byte = crate::position::byte_col(&line_text, p.position.character, enc);
            let c = completion::complete(k.as_deref(), &doc.path, &doc.text, line, byte);
            let range = line_range(
                line,
                &line_text,
                c.replace.0 as usize,
                c.replace.1 as usize,
                enc,
            );
            let items = c
                .items
                .into_iter()
                .map(|i| CompletionItem {
                    kind: Some(match i.kind {
                        ItemKind::Symbol => CompletionItemKind::CONSTANT,
                        ItemKind::Keyword => CompletionItemKind::KEYWORD,
                        ItemKind::Attribute => CompletionItemKind::PROPERTY,
                        ItemKind::File => CompletionItemKind::FILE,
                        ItemKind::Variable => CompletionItemKind::VARIABLE,
                    }),
                    detail: i.detail,
                    documentation: i.documentation.map(Documentation::String),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                        range,
                        i.insert_text,
                    ))),
                    label: i.label,
                    ..Default::default()
                })
                .collect();
            Some(CompletionResponse::List(CompletionList {
                is_incomplete: c.incomplete,
                items,
            }))
        })
        .await
    }

    pub(crate) async fn document_symbol_impl(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(doc) = self.doc(&params.text_document.uri) else {
            return Ok(None);
        };
        let kind = FileType::of(self.kconfig_now().as_deref(), &doc.path);
        let enc = self.encoding();
        blocking(move || {
            let items = match kind {
                FileType::Kconfig => document_symbols::kconfig(&doc.text),
                FileType::Makefile => document_symbols::makefile(&doc.text),
                _ => return None,
            };
            let lines: Vec<&str> = doc.text.split('\n').collect();
            Some(DocumentSymbolResponse::Nested(outline_to_proto(
                items, &lines, enc,
            )))
        })
        .await
    }

    pub(crate) async fn folding_range_impl(
        &self,
        params: FoldingRangeParams,
    ) -> Result<Option<Vec<FoldingRange>>> {
        let Some(doc) = self.doc(&params.text_document.uri) else {
            return Ok(None);
        };
        let kind = FileType::of(self.kconfig_now().as_deref(), &doc.path);
        blocking(move || {
            let folds = match kind {
                FileType::Kconfig => folding::kconfig(&doc.text),
                FileType::Makefile => folding::makefile(&doc.text),
                _ => return None,
            };
            Some(
                folds
                    .into_iter()
                    .map(|f| FoldingRange {
                        start_line: f.start,
                        end_line: f.end,
                        kind: Some(match f.kind {
                            FoldKind::Region => FoldingRangeKind::Region,
                            FoldKind::Comment => FoldingRangeKind::Comment,
                        }),
                        ..Default::default()
                    })
                    .collect(),
            )
        })
        .await
    }

    pub(crate) async fn semantic_tokens_impl(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(doc) = self.doc(&params.text_document.uri) else {
            return Ok(None);
        };
        if FileType::of(self.kconfig_now().as_deref(), &doc.path) != FileType::Kconfig {
            return Ok(None);
        }
        let enc = self.encoding();
        blocking(move || {
            let tokens = crate::semantic_tokens::kconfig(&doc.text);
            let flat = crate::semantic_tokens::encode_text(&doc.text, &tokens, enc);
            let data = flat
                .chunks_exact(5)
                .map(|c| SemanticToken {
                    delta_line: c[0],
                    delta_start: c[1],
                    length: c[2],
                    token_type: c[3],
                    token_modifiers_bitset: c[4],
                })
                .collect();
            Some(SemanticTokensResult::Tokens(SemanticTokens {
                result_id: None,
                data,
            }))
        })
        .await
    }

    pub(crate) async fn workspace_symbol_impl(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<Vec<SymbolInformation>>> {
        let Some(k) = self.kconfig().await else {
            return Ok(None);
        };
        let (docs, enc) = (self.docs.clone(), self.encoding());
        blocking(move || {
            let (found, _) = crate::workspace_symbols::workspace_symbols(&k, &params.query);
            let mut lines = Lines::new(&docs, enc);
            Some(
                found
                    .into_iter()
                    .filter_map(|m| {
                        #[allow(deprecated)]
                        Some(SymbolInformation {
                            name: m.name,
                            kind: SymbolKind::CONSTANT,
                            tags: None,
                            deprecated: None,
                            location: lines.location(&m.location)?,
                            container_name: Some(m.detail),
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    pub(crate) async fn prepare_rename_impl(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(c) = self.cursor(&params.text_document.uri, params.position) else {
            return Ok(None);
        };
        let Some(k) = self.kconfig().await else {
            return Ok(None);
        };
        let enc = self.encoding();
        blocking(move || {
            let t = crate::rename::prepare_rename(&k, &c.path, &c.text, c.byte)?;
            Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: line_range(c.line, &c.text, t.start, t.end, enc),
                placeholder: t.name,
            })
        })
        .await
    }

    pub(crate) async fn rename_impl(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some(c) = self.cursor(&p.text_document.uri, p.position) else {
            return Ok(None);
        };
        let Some(k) = self.kconfig().await else {
            return Ok(None);
        };
        let text = self.text_index().await.unwrap_or_default();
        let (docs, enc) = (self.docs.clone(), self.encoding());
        let new_name = params.new_name;
        let r = blocking(
            move || -> std::result::Result<Option<WorkspaceEdit>, String> {
                let Some(t) = crate::rename::prepare_rename(&k, &c.path, &c.text, c.byte) else {
                    return Ok(None);
                };
                let open = docs.texts();
                let refs = crate::rename::rename_references(&k, &text, &open, &t.name);
                // One read per file, shared with the conversion of the edits.
                let mut lines = Lines::new(&docs, enc);
                let renamed = crate::rename::rename(&k, &refs, &t.name, &new_name, |p, l| {
                    Some(lines.line(p, l).to_string())
                })?;
                if !renamed.stale.is_empty() {
                    tracing::warn!("rename: {} stale mentions left alone", renamed.stale.len());
                }
                let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
                for e in renamed.edits {
                    let Ok(uri) = Url::from_file_path(&e.range.path) else {
                        continue;
                    };
                    let range = lines.range(&e.range);
                    changes
                        .entry(uri)
                        .or_default()
                        .push(TextEdit::new(range, e.new_text));
                }
                Ok(Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }))
            },
        )
        .await?;
        r.map_err(Error::invalid_params)
    }

    /// The diagnostics of one document, with their fixes (blocking).
    fn compute_diagnostics(
        k: &KconfigIndex,
        scan: Option<&makefile::symbols_scan::KconfigScan>,
        docs: &crate::documents::Documents,
        enc: crate::position::PositionEncoding,
        path: &Path,
        text: &str,
    ) -> Vec<Published> {
        let mut lines = Lines::new(docs, enc);
        let from_diags = |lines: &mut Lines, ds: Vec<diagnostics::Diag>| -> Vec<Published> {
            ds.into_iter()
                .map(|d| {
                    (
                        diagnostic(
                            lines.range(&d.range),
                            severity(d.severity),
                            d.code.as_str(),
                            d.message,
                        ),
                        d.fix,
                    )
                })
                .collect()
        };
        match FileType::of(Some(k), path) {
            FileType::Kconfig if k.is_kconfig_file(path) => {
                from_diags(&mut lines, diagnostics::kconfig_diagnostics(k, path))
            }
            FileType::Config => from_diags(
                &mut lines,
                diagnostics::config_file_diagnostics(k, path, text),
            ),
            FileType::Makefile => {
                let Some(scan) = scan else {
                    return Vec::new();
                };
                makefile::diagnostics::makefile_diagnostics(path, text, scan)
                    .into_iter()
                    .map(|d| {
                        let r = crate::location::FileRange {
                            path: path.to_path_buf(),
                            line: d.range.line,
                            start: d.range.start,
                            end: d.range.end,
                        };
                        let sev = match d.severity {
                            makefile::diagnostics::Severity::Error => DiagnosticSeverity::ERROR,
                            makefile::diagnostics::Severity::Warning => DiagnosticSeverity::WARNING,
                        };
                        (diagnostic(lines.range(&r), sev, d.code, d.message), None)
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// Computes and publishes the diagnostics of an open document, unless a
    /// newer version arrived meanwhile.
    pub(crate) async fn publish_diagnostics(&self, uri: Url) {
        let Some(doc) = self.doc(&uri) else { return };
        let Some(version) = doc.version else { return };
        let kind = FileType::of(self.kconfig_now().as_deref(), &doc.path);
        if !matches!(
            kind,
            FileType::Kconfig | FileType::Config | FileType::Makefile
        ) {
            return;
        }
        let Some(k) = self.kconfig().await else {
            return;
        };
        let scan = if kind == FileType::Makefile {
            self.kconfig_scan().await
        } else {
            None
        };
        let (docs, enc) = (self.docs.clone(), self.encoding());
        let computed = blocking(move || {
            Backend::compute_diagnostics(&k, scan.as_deref(), &docs, enc, &doc.path, &doc.text)
        })
        .await;
        let Ok(published) = computed else { return };
        if self.docs.get(&uri).map(|d| d.version) != Some(version) {
            return;
        }
        let diags = published.iter().map(|(d, _)| d.clone()).collect();
        self.published.insert(uri.clone(), published);
        self.client
            .publish_diagnostics(uri, diags, Some(version))
            .await;
    }

    pub(crate) async fn code_action_impl(
        &self,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(published) = self.published.get(&uri).map(|p| p.clone()) else {
            return Ok(None);
        };
        let Some(path) = crate::documents::uri_to_path(&uri) else {
            return Ok(None);
        };
        let want = params.range;
        let overlaps = move |r: &Range| !(r.end < want.start || want.end < r.start);
        let (docs, enc) = (self.docs.clone(), self.encoding());
        blocking(move || {
            let mut lines = Lines::new(&docs, enc);
            let actions: Vec<CodeActionOrCommand> = published
                .into_iter()
                .filter(|(d, f)| f.is_some() && overlaps(&d.range))
                .filter_map(|(d, f)| {
                    let f = f?;
                    let edits = f
                        .edits
                        .iter()
                        .filter(|(r, _)| r.path == path)
                        .map(|(r, t)| TextEdit::new(lines.range(r), t.clone()))
                        .collect();
                    Some(CodeActionOrCommand::CodeAction(CodeAction {
                        title: f.title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![d]),
                        edit: Some(WorkspaceEdit {
                            changes: Some(HashMap::from([(uri.clone(), edits)])),
                            ..Default::default()
                        }),
                        is_preferred: Some(true),
                        ..Default::default()
                    }))
                })
                .collect();
            Some(actions)
        })
        .await
    }

    pub(crate) async fn menu_tree_request(
        &self,
        params: serde_json::Value,
    ) -> Result<serde_json::Value> {
        let Some(k) = self.kconfig().await else {
            return Err(crate::build_requests::failed(
                "the Kconfig tree is not loaded",
            ));
        };
        let invisible = params
            .get("includeInvisible")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        blocking(move || crate::menu_tree::menu_tree(&k, invisible)).await
    }
}
