//! End to end: the real `kmake-lsp` binary over stdio on the sample tree:
//! initialize → initialized → didOpen → hover → definition → shutdown → exit.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

fn send(stdin: &mut impl Write, msg: Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

#[test]
fn binary_over_stdio() {
    let tree = common::sample_tree();
    let root = tree.path().canonicalize().unwrap();
    let makefile = common::uri(&root.join("drivers/net/Makefile"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_kmake-lsp"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kmake-lsp");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        while let Some(m) = read_message(&mut stdout) {
            if tx.send(m).is_err() {
                break;
            }
        }
    });
    let response = |id: i64| -> Value {
        loop {
            let m = rx
                .recv_timeout(Duration::from_secs(120))
                .expect("a response in time");
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
        }
    };

    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": common::uri(&root), "capabilities": {},
            "initializationOptions": {"arch": "x86_64", "trusted": false}}}),
    );
    let init = response(1);
    assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let text = std::fs::read_to_string(root.join("drivers/net/Makefile")).unwrap();
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": makefile, "languageId": "makefile", "version": 1, "text": text}}}),
    );
    let at = json!({"textDocument": {"uri": makefile}, "position": {"line": 4, "character": 8}});
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": at}),
    );
    let hover = response(2);
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        value.starts_with("**CONFIG_SAMPLE_NET** · `tristate`"),
        "{hover}"
    );
    assert!(
        value.contains("= `m` because it is set at .config:8"),
        "{hover}"
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": at}),
    );
    let def = response(3);
    let loc = &def["result"][0];
    assert_eq!(
        loc["uri"],
        json!(common::uri(&root.join("drivers/net/Kconfig")))
    );
    assert_eq!(loc["range"]["start"], json!({"line": 12, "character": 7}));
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
    );
    assert_eq!(response(4)["result"], Value::Null);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let status = child.wait().expect("exits");
    assert!(status.success(), "{status}");
    reader.join().unwrap();
}
