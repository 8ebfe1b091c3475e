//! The workspace's load lifecycle: loading the Kconfig tree and, at the same
//! time, walking the whole tree for the text index; loading again when the
//! settings, a Kconfig file or the `.config` change (on disk, through the
//! notify watch, or in an open buffer); every load has a generation, and the
//! work of an older one is dropped.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tower_lsp::lsp_types::{MessageType, Url};

use crate::documents::uri_to_path;
use crate::kconfig_index::KconfigIndex;
use crate::progress::Progress;
use crate::server::{blocking, lock, Backend, Load};
use crate::text_index::TextIndex;
use crate::workspace::Layout;

impl Backend {
    /// The open Kconfig buffers, which loads read instead of the files.
    pub(crate) fn kconfig_overlay(&self) -> crate::overlay_host::Overlay {
        self.docs
            .texts_of(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("Kconfig"))
            })
            .into_iter()
            .collect()
    }

    /// After edits of a Kconfig buffer settle, loads the tree again with the
    /// open buffers: hover, definition and diagnostics follow unsaved edits.
    /// The text index and the disk watch stay.
    pub(crate) fn refresh_kconfig_soon(&self) {
        let edit = self.state.kconfig_edits.fetch_add(1, Ordering::SeqCst) + 1;
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let settled = || me.state.kconfig_edits.load(Ordering::SeqCst) == edit;
            let generation = me.state.generation.load(Ordering::SeqCst);
            // A load in progress reads the buffers itself.
            let Load::Ready(old) = me.load_state() else {
                return;
            };
            if !settled() {
                return;
            }
            let (layout, settings, overlay) =
                (old.layout.clone(), me.settings(), me.kconfig_overlay());
            let loaded =
                blocking(move || KconfigIndex::load_with(&layout, &settings, &overlay)).await;
            if !settled() || me.state.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            match loaded {
                Ok(Ok(k)) => {
                    me.state.kconfig.send_replace(Load::Ready(Arc::new(k)));
                    me.republish_all();
                }
                Ok(Err(e)) => tracing::warn!("Kconfig with unsaved edits: {e}"),
                Err(e) => tracing::warn!("Kconfig with unsaved edits: {}", e.message),
            }
        });
    }

    pub(crate) fn is_kconfig_buffer(&self, uri: &Url) -> bool {
        uri_to_path(uri)
            .and_then(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
            .is_some_and(|n| n.starts_with("Kconfig"))
    }

    /// (Re)loads the workspace in the background: Kconfig first, then the
    /// text index, each with `$/progress`.
    pub(crate) fn reload(&self) {
        let generation = self.state.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let state = self.state.clone();
        let client = self.client.clone();
        let me = self.clone();
        state.kconfig.send_replace(Load::Loading);
        state.text.send_replace(None);
        state.scan.send_replace(None);
        tokio::spawn(async move {
            let current = || state.generation.load(Ordering::SeqCst) == generation;
            let progress = state.progress.load(Ordering::Relaxed);
            let settings = lock(&state.settings);
            let Some(folder) = lock(&state.folder) else {
                state
                    .kconfig
                    .send_replace(Load::Failed("no workspace folder".into()));
                return;
            };
            let p = Progress::begin(
                &client,
                progress,
                &format!("kmake/load/{generation}"),
                "kmake: loading Kconfig",
            )
            .await;
            let t0 = Instant::now();
            let layout = Layout::detect(&folder, &settings);
            // The whole-tree walk (CONFIG_ uses, every architecture's Kconfig
            // symbol types) does not need the Kconfig load: both run at once.
            let walk = layout.clone().ok().map(|layout| {
                tokio::task::spawn_blocking(move || {
                    let skip =
                        (layout.objtree != layout.srctree).then_some(layout.objtree.as_path());
                    let cache = layout.objtree.join(".kmake").join("lsp-index");
                    TextIndex::build_cached(&layout.srctree, skip, &cache)
                })
            });
            let overlay = me.kconfig_overlay();
            let loaded = blocking(move || KconfigIndex::load_with(&layout?, &settings, &overlay))
                .await
                .unwrap_or_else(|e| Err(e.message.to_string()));
            if !current() {
                p.end("superseded".into()).await;
                return;
            }
            let index = match loaded {
                Ok(k) => Arc::new(k),
                Err(e) => {
                    client
                        .log_message(MessageType::WARNING, format!("kmake: {e}"))
                        .await;
                    state.kconfig.send_replace(Load::Failed(e.clone()));
                    p.end(e).await;
                    return;
                }
            };
            let s = &index.stats;
            let summary = format!(
                "ARCH={} ({} Kconfig files, {} symbols, {} ms{}{})",
                s.arch,
                s.files,
                s.symbols,
                s.millis,
                match &s.config {
                    Some(c) => format!(", values from {}", index.layout.display(c)),
                    None => ", no .config: default values".to_string(),
                },
                if s.shell_refused > 0 {
                    format!(", untrusted: {} $(shell) refused", s.shell_refused)
                } else {
                    String::new()
                }
            ) + &if s.parse_errors > 0 {
                format!(", {} parse errors", s.parse_errors)
            } else {
                String::new()
            };
            tracing::info!("Kconfig loaded: {summary}");
            client
                .log_message(
                    MessageType::INFO,
                    format!("kmake: Kconfig loaded: {summary}"),
                )
                .await;
            state.kconfig.send_replace(Load::Ready(index.clone()));
            p.end(summary).await;

            let p = Progress::begin(
                &client,
                progress,
                &format!("kmake/index/{generation}"),
                "kmake: indexing CONFIG_ uses",
            )
            .await;
            let (built, scan, used) = match walk {
                Some(w) => w.await.unwrap_or_default(),
                None => Default::default(),
            };
            let msg = format!(
                "{} files with CONFIG_ uses ({} read, {} unchanged since the saved index), \
                 {} Kconfig files of all architectures; {} ms from the start of the load",
                built.file_count(),
                used.read,
                used.reused,
                scan.files,
                t0.elapsed().as_millis()
            );
            tracing::info!("text index: {msg}");
            if !current() {
                p.end("superseded".into()).await;
                return;
            }
            let text = Arc::new(built);
            state.scan.send_replace(Some(Arc::new(scan)));
            state.text.send_replace(Some(text.clone()));
            me.republish_all();
            p.end(msg).await;
            me.watch_disk(&index, text, generation).await;
        });
    }

    /// Keeps the load current from disk: a changed Kconfig file or `.config`
    /// loads the tree again, other changed files are rescanned by the text
    /// index and open documents get fresh diagnostics.
    async fn watch_disk(&self, index: &KconfigIndex, text: Arc<TextIndex>, generation: u64) {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let config = index.layout.config_file(&index.env).or_else(|| {
            // Not there yet: watch where it would appear.
            Some(index.layout.objtree.join(".config"))
        });
        // Setting up a recursive watch walks the whole tree.
        let (layout, watched) = (index.layout.clone(), config.clone());
        let started = blocking(move || crate::watcher::watch(&layout, watched, tx))
            .await
            .unwrap_or_else(|e| Err(e.message.to_string()));
        if self.state.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        match started {
            Ok(w) => {
                *self.state.disk.lock().unwrap_or_else(|p| p.into_inner()) = Some(w);
            }
            Err(e) => {
                tracing::warn!("{e}");
                return;
            }
        }
        let me = self.clone();
        tokio::spawn(async move {
            let current = || me.state.generation.load(Ordering::SeqCst) == generation;
            while let Some(first) = rx.recv().await {
                // Editors and builds write in bursts: take what follows soon.
                let mut batch = vec![first];
                tokio::time::sleep(Duration::from_millis(200)).await;
                while let Ok(p) = rx.try_recv() {
                    batch.push(p);
                }
                if !current() {
                    return;
                }
                let work = crate::watcher::classify(config.as_deref(), &batch);
                if work.reload {
                    tracing::info!("Kconfig or .config changed on disk: reloading");
                    me.reload();
                    return;
                }
                let text = text.clone();
                let _ = blocking(move || {
                    for p in &work.rescan {
                        text.rescan(p);
                    }
                })
                .await;
                me.republish_all();
            }
        });
    }
}
