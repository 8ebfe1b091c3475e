//! Test harness: a server driven in-process through its tower `Service`, a
//! client side that records what the server sends and answers its requests,
//! and a copy of the repository's sample tree with a `.config`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tower::{Service, ServiceExt};
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::LspService;

use kmake_lsp::server::{Backend, Load};

/// The sample tree copied to a temporary directory, with
/// `arch/x86/configs/x86_64_defconfig` as its `.config`.
pub fn sample_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample");
    copy_dir(&src, dir.path());
    std::fs::copy(
        dir.path().join("arch/x86/configs/x86_64_defconfig"),
        dir.path().join(".config"),
    )
    .expect("copy .config");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// The reference kernel tree (Linux 6.12 at /work/cache/linux-source-6.12 or
/// `$KMAKE_KERNEL_SRC`), or `None` with a note when it is absent.
pub fn kernel() -> Option<PathBuf> {
    let p = std::env::var_os("KMAKE_KERNEL_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/cache/linux-source-6.12"));
    if p.join("Kconfig").is_file() && p.join("Makefile").is_file() {
        Some(p)
    } else {
        eprintln!(
            "note: no kernel tree at {} (set KMAKE_KERNEL_SRC); skipped",
            p.display()
        );
        None
    }
}

pub fn uri(path: &Path) -> String {
    url_of(path).to_string()
}

fn url_of(path: &Path) -> tower_lsp::lsp_types::Url {
    tower_lsp::lsp_types::Url::from_file_path(path).expect("absolute path")
}

/// A running in-process server.
pub struct TestServer {
    pub service: LspService<Backend>,
    pub root: PathBuf,
    next_id: i64,
    /// Everything the server sent the client: (method, params).
    pub sent: Arc<Mutex<Vec<(String, Value)>>>,
    pub init_result: Value,
}

impl TestServer {
    /// Starts a server on `root` with `options` as `initializationOptions`,
    /// offering UTF-8 positions when `utf8`, and waits for the Kconfig load.
    pub async fn start(root: &Path, options: Value, utf8: bool) -> TestServer {
        let (service, socket) = kmake_lsp::server::service();
        TestServer::start_with(service, socket, root, options, utf8).await
    }

    /// `start` with a service built by the caller.
    pub async fn start_with(
        service: LspService<Backend>,
        socket: tower_lsp::ClientSocket,
        root: &Path,
        options: Value,
        utf8: bool,
    ) -> TestServer {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        let (mut requests, mut responses) = socket.split();
        tokio::spawn(async move {
            while let Some(req) = requests.next().await {
                let (method, id, params) = req.into_parts();
                log.lock()
                    .unwrap()
                    .push((method.to_string(), params.unwrap_or(Value::Null)));
                if let Some(id) = id {
                    let _ = responses
                        .send(Response::from_parts(id, Ok(Value::Null)))
                        .await;
                }
            }
        });
        let root = root.canonicalize().expect("root");
        let mut s = TestServer {
            service,
            root: root.clone(),
            next_id: 0,
            sent,
            init_result: Value::Null,
        };
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        s.init_result = s
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(&root),
                    "capabilities": {
                        "general": {"positionEncodings": encodings},
                        "window": {"workDoneProgress": true}
                    },
                    "initializationOptions": options,
                }),
            )
            .await
            .expect("initialize");
        s.notify("initialized", json!({})).await;
        s.wait_loaded().await;
        s
    }

    /// Waits until the Kconfig load finished (either way).
    pub async fn wait_loaded(&self) {
        for _ in 0..3000 {
            match self.service.inner().load_state() {
                Load::Ready(_) | Load::Failed(_) => return,
                _ => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
        panic!("Kconfig load did not finish");
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let mut req = Request::build(method.to_string()).id(self.next_id);
        if !params.is_null() {
            req = req.params(params);
        }
        let req = req.finish();
        let svc = self.service.ready().await.expect("service ready");
        let resp = svc
            .call(req)
            .await
            .expect("server alive")
            .expect("a response");
        let (_, result) = resp.into_parts();
        result.map_err(|e| e.message.to_string())
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let req = Request::build(method.to_string()).params(params).finish();
        let svc = self.service.ready().await.expect("service ready");
        assert!(svc.call(req).await.expect("server alive").is_none());
    }

    pub async fn open(&mut self, rel: &str, language: &str, text: &str) {
        let uri = uri(&self.path(rel));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    fn position(&self, rel: &str, line: u32, character: u32) -> Value {
        json!({
            "textDocument": {"uri": uri(&self.path(rel))},
            "position": {"line": line, "character": character},
        })
    }

    pub async fn hover(&mut self, rel: &str, line: u32, character: u32) -> Value {
        let p = self.position(rel, line, character);
        self.request("textDocument/hover", p).await.expect("hover")
    }

    /// Definitions as `(path relative to the root, line, start, end)`.
    pub async fn definition(
        &mut self,
        rel: &str,
        line: u32,
        character: u32,
    ) -> Vec<(String, u32, u32, u32)> {
        let p = self.position(rel, line, character);
        let v = self
            .request("textDocument/definition", p)
            .await
            .expect("definition");
        self.locations(&v)
    }

    pub async fn references(
        &mut self,
        rel: &str,
        line: u32,
        character: u32,
        decl: bool,
    ) -> Vec<(String, u32, u32, u32)> {
        let mut p = self.position(rel, line, character);
        p["context"] = json!({"includeDeclaration": decl});
        let v = self
            .request("textDocument/references", p)
            .await
            .expect("references");
        self.locations(&v)
    }

    fn locations(&self, v: &Value) -> Vec<(String, u32, u32, u32)> {
        let Some(list) = v.as_array() else {
            return Vec::new();
        };
        list.iter()
            .map(|l| {
                let u = tower_lsp::lsp_types::Url::parse(l["uri"].as_str().unwrap()).unwrap();
                let p = u.to_file_path().unwrap();
                let rel = p
                    .strip_prefix(&self.root)
                    .unwrap_or(&p)
                    .display()
                    .to_string();
                let r = &l["range"];
                let n = |v: &Value| v.as_u64().unwrap() as u32;
                (
                    rel,
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["character"]),
                )
            })
            .collect()
    }

    /// The methods the server sent, in order.
    pub fn sent_methods(&self) -> Vec<String> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .map(|(m, _)| m.clone())
            .collect()
    }
}

/// The Markdown text of a hover answer.
pub fn hover_text(v: &Value) -> String {
    v["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}
