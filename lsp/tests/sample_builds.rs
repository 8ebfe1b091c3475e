//! Protocol tests of the build side: `kmake/menuTree`, `kmake.setConfig`,
//! `kmake/effectiveCommand` and build-on-save with compiler errors published
//! on their files, on the sample tree made buildable by a miniature kbuild
//! (`tests/fixtures/kbuild`).

mod common;

use std::path::Path;
use std::time::Duration;

use common::{hover_text, sample_tree, uri, TestServer};
use kmake_lsp::settings::Settings;
use kmake_lsp::workspace::Layout;
use serde_json::{json, Value};

/// The sample tree with the miniature kbuild, configured (olddefconfig,
/// syncconfig) for x86_64.
fn kbuild_tree() -> tempfile::TempDir {
    let tree = sample_tree();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kbuild");
    for f in ["Makefile", "scripts/Makefile.build"] {
        std::fs::copy(fixtures.join(f), tree.path().join(f)).expect("fixture");
    }
    let settings = Settings {
        arch: Some("x86_64".into()),
        ..Settings::default()
    };
    let layout = Layout::detect(tree.path(), &settings).expect("layout");
    kmake_lsp::build::invocation::run_conf(&layout, &settings, "olddefconfig").expect("conf");
    kmake_lsp::build::invocation::sync_config(&layout, &settings).expect("syncconfig");
    tree
}

fn find<'a>(nodes: &'a [Value], symbol: &str) -> Option<&'a Value> {
    for n in nodes {
        if n["symbol"] == symbol {
            return Some(n);
        }
        if let Some(c) = n["children"].as_array() {
            if let Some(f) = find(c, symbol) {
                return Some(f);
            }
        }
    }
    None
}

/// The `kmake` binary the build side runs, if this checkout has built it.
fn have_kmake() -> bool {
    let found = kmake_lsp::build::incremental::kmake_binary().is_ok();
    if !found {
        eprintln!("note: no kmake binary (cargo build -p kmake); build test skipped");
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn menu_tree_and_set_config() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), json!({"arch": "x86_64"}), false).await;
    let v = s.request("kmake/menuTree", json!({})).await.unwrap();
    assert_eq!(v["arch"], "x86_64");
    let nodes = v["nodes"].as_array().unwrap();
    let net = find(nodes, "SAMPLE_NET").unwrap_or_else(|| panic!("{v}"));
    assert_eq!(net["type"], "tristate");
    assert_eq!(net["value"], "m");
    assert_eq!(net["allowed"], json!(["n", "m", "y"]));
    assert!(net["location"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("drivers/net/Kconfig"));
    let netdev = find(nodes, "NETDEVICES").unwrap();
    assert!(find(netdev["children"].as_array().unwrap(), "DUMMY").is_some());
    // A choice shows its selected member.
    assert!(v.to_string().contains("\"value\":\"HZ_1000\""), "{v}");

    let r = s
        .request(
            "workspace/executeCommand",
            json!({"command": "kmake.setConfig", "arguments": ["CONFIG_DUMMY", "y"]}),
        )
        .await
        .unwrap();
    assert!(r.is_string(), "{r}");
    let config = std::fs::read_to_string(s.path(".config")).unwrap();
    assert!(config.contains("\nCONFIG_DUMMY=y\n"), "{config}");
    // The server reloads from the new .config.
    let mut h = String::new();
    for _ in 0..250 {
        s.wait_loaded().await;
        h = hover_text(&s.hover("drivers/net/Makefile", 8, 10).await);
        if h.contains("`DUMMY` = `y`") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    assert!(h.contains("`DUMMY` = `y`"), "{h}");
    // A value that cannot stick is refused with the reason; nothing written.
    let err = s
        .request(
            "workspace/executeCommand",
            json!({"command": "kmake.setConfig", "arguments": ["NO_SUCH_SYMBOL", "y"]}),
        )
        .await
        .unwrap_err();
    assert!(err.contains("NO_SUCH_SYMBOL"), "{err}");
    assert_eq!(std::fs::read_to_string(s.path(".config")).unwrap(), config);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn effective_command_and_untrusted_refusal() {
    let tree = kbuild_tree();
    let mut s = TestServer::start(tree.path(), json!({"arch": "x86_64"}), false).await;
    let main = s.path("init/main.c");
    let v = s
        .request(
            "kmake/effectiveCommand",
            json!({"textDocument": {"uri": uri(&main)}}),
        )
        .await
        .unwrap();
    let args: Vec<&str> = v["arguments"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"))
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(args[0], "gcc", "{v}");
    assert!(args.contains(&"init/main.c"), "{v}");
    assert_eq!(v["object"], "init/main.o");
    // With the database evaluated, hovering the object in its Makefile shows
    // the same command.
    let makefile = std::fs::read_to_string(s.path("init/Makefile")).unwrap();
    let (line, col) = makefile
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("main.o").map(|c| (i as u32, c as u32 + 1)))
        .expect("init/Makefile lists main.o");
    let h = hover_text(&s.hover("init/Makefile", line, col).await);
    assert!(h.contains("kbuild runs"), "{h}");
    assert!(h.contains(v["command"].as_str().unwrap()), "{h}");
    // lib/test_lib.c is not built under this config: the reason says why.
    let v = s
        .request(
            "kmake/effectiveCommand",
            json!({"textDocument": {"uri": uri(&s.path("lib/test_lib.c"))}}),
        )
        .await
        .unwrap();
    assert!(v["notBuilt"].as_str().unwrap().contains("CONFIG_"), "{v}");

    let tree = kbuild_tree();
    let mut s = TestServer::start(
        tree.path(),
        json!({"arch": "x86_64", "trusted": false}),
        false,
    )
    .await;
    let err = s
        .request(
            "kmake/effectiveCommand",
            json!({"textDocument": {"uri": uri(&s.path("init/main.c"))}}),
        )
        .await
        .unwrap_err();
    assert!(err.contains("trusted"), "{err}");
}

/// The diagnostics last published for `path` by the build.
fn build_diagnostics(s: &TestServer, path: &Path) -> Option<Vec<Value>> {
    let want = uri(path);
    s.sent
        .lock()
        .unwrap()
        .iter()
        .rev()
        .find(|(m, p)| m == "textDocument/publishDiagnostics" && p["uri"] == want)
        .map(|(_, p)| p["diagnostics"].as_array().cloned().unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn build_on_save_publishes_compiler_errors() {
    if !have_kmake() {
        return;
    }
    let tree = kbuild_tree();
    let mut s = TestServer::start(
        tree.path(),
        json!({"arch": "x86_64", "buildOnSave": "file"}),
        false,
    )
    .await;
    let main = s.path("init/main.c");
    let broken = "int broken(void) { return undeclared_thing; }\n";
    std::fs::write(&main, broken).unwrap();
    s.open("init/main.c", "c", broken).await;
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&main)}}),
    )
    .await;
    let mut found = None;
    for _ in 0..1500 {
        if let Some(d) = build_diagnostics(&s, &main).filter(|d| !d.is_empty()) {
            found = Some(d);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let diags = found.expect("the build's errors are published on init/main.c");
    let e = &diags[0];
    assert_eq!(e["severity"], 1);
    assert_eq!(e["range"]["start"]["line"], 0);
    assert!(
        e["message"].as_str().unwrap().contains("undeclared_thing"),
        "{e}"
    );
    // Fixed and built again through the command: the errors go away.
    std::fs::write(&main, "int fixed(void) { return 0; }\n").unwrap();
    let r = s
        .request(
            "workspace/executeCommand",
            json!({"command": "kmake.buildFile", "arguments": [uri(&main)]}),
        )
        .await
        .unwrap();
    assert!(r.as_str().unwrap().starts_with("build succeeded"), "{r}");
    // The client side logs notifications as they arrive.
    for _ in 0..250 {
        if build_diagnostics(&s, &main) == Some(Vec::new()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(build_diagnostics(&s, &main), Some(Vec::new()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_build_cancels_the_running_one() {
    use tower::{Service, ServiceExt};
    use tower_lsp::jsonrpc::Request;
    if !have_kmake() {
        return;
    }
    let tree = kbuild_tree();
    // The default goal takes 30 s.
    let top = tree.path().join("Makefile");
    let text = std::fs::read_to_string(&top).unwrap();
    std::fs::write(
        &top,
        text.replace("all: built-in.a", "all: slow built-in.a"),
    )
    .unwrap();
    let mut s = TestServer::start(tree.path(), json!({"arch": "x86_64"}), false).await;
    let build = |id: i64| {
        Request::build("workspace/executeCommand")
            .id(id)
            .params(json!({"command": "kmake.build", "arguments": []}))
            .finish()
    };
    let t0 = std::time::Instant::now();
    let first = s.service.ready().await.unwrap().call(build(1000));
    let first = tokio::spawn(first);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let second = s.service.ready().await.unwrap().call(build(1001));
    let second = tokio::spawn(second);
    let answer = |r: std::result::Result<Option<tower_lsp::jsonrpc::Response>, _>| {
        let resp = r.expect("server alive").expect("a response");
        resp.into_parts().1.expect("a result")
    };
    let r1 = answer(first.await.unwrap());
    assert_eq!(r1, json!("cancelled"));
    assert!(t0.elapsed() < Duration::from_secs(25), "{:?}", t0.elapsed());
    // The second is cancelled too when its request is.
    s.notify("$/cancelRequest", json!({"id": 1001})).await;
    let r2 = second.await.unwrap();
    assert!(t0.elapsed() < Duration::from_secs(25), "{:?}", t0.elapsed());
    drop(r2);
    // No process is left running in the tree (killed within a few seconds).
    let running = || {
        let ps = std::process::Command::new("pgrep")
            .args(["-af", &tree.path().display().to_string()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&ps.stdout).into_owned()
    };
    let mut left = running();
    for _ in 0..100 {
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = running();
    }
    assert!(left.is_empty(), "{left}");
}
