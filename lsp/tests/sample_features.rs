//! In-process protocol tests of the editor features on a copy of the sample
//! tree: completion, outline, folding, semantic tokens, workspace symbols,
//! rename, published diagnostics with quick fixes, and kbuild Makefile hover,
//! navigation and diagnostics.

mod common;

use std::time::Duration;

use common::{hover_text, sample_tree, uri, TestServer};
use serde_json::{json, Value};

fn options() -> Value {
    json!({"arch": "x86_64", "trusted": false})
}

fn doc(s: &TestServer, rel: &str) -> Value {
    json!({"textDocument": {"uri": uri(&s.path(rel))}})
}

fn at(s: &TestServer, rel: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri(&s.path(rel))}, "position": {"line": line, "character": character}})
}

/// The last diagnostics published for `rel`, waiting up to 10 s for some.
async fn published(s: &TestServer, rel: &str) -> Vec<Value> {
    let want = uri(&s.path(rel));
    for _ in 0..500 {
        let found = s
            .sent
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|(m, p)| m == "textDocument/publishDiagnostics" && p["uri"] == want)
            .map(|(_, p)| p["diagnostics"].as_array().cloned().unwrap_or_default());
        if let Some(d) = found {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no diagnostics published for {rel}");
}

fn labels(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn completion_in_kconfig_makefile_and_config_files() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    let kconfig = "config NEW_THING\n\tbool \"x\"\n\tdepends on SAMPLE_N\n\t\n";
    s.open("drivers/net/Kconfig.new", "kconfig", kconfig).await;
    let v = s
        .request(
            "textDocument/completion",
            at(&s, "drivers/net/Kconfig.new", 2, 20),
        )
        .await
        .unwrap();
    let l = labels(&v);
    assert!(l.contains(&"SAMPLE_NET".to_string()), "{l:?}");
    assert!(l.contains(&"SAMPLE_NET_STATS".to_string()), "{l:?}");
    // The edit replaces the word typed so far.
    let item = &v["items"][0];
    assert_eq!(item["textEdit"]["range"]["start"]["character"], 12);
    // An indented empty line inside an entry: attributes.
    let v = s
        .request(
            "textDocument/completion",
            at(&s, "drivers/net/Kconfig.new", 3, 1),
        )
        .await
        .unwrap();
    let l = labels(&v);
    assert!(l.iter().any(|x| x == "depends on"), "{l:?}");
    assert!(l.iter().any(|x| x == "select"), "{l:?}");

    s.open("drivers/net/Makefile.new", "makefile", "obj-$(CONFIG_DUM\n")
        .await;
    let v = s
        .request(
            "textDocument/completion",
            at(&s, "drivers/net/Makefile.new", 0, 16),
        )
        .await
        .unwrap();
    assert!(labels(&v).iter().any(|x| x.contains("DUMMY")), "{v}");
}

#[tokio::test]
async fn outline_folding_semantic_tokens_and_workspace_symbols() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    let text = std::fs::read_to_string(s.path("drivers/net/Kconfig")).unwrap();
    s.open("drivers/net/Kconfig", "kconfig", &text).await;
    let v = s
        .request(
            "textDocument/documentSymbol",
            doc(&s, "drivers/net/Kconfig"),
        )
        .await
        .unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"NETDEVICES"), "{v}");
    let all = v.to_string();
    assert!(all.contains("SAMPLE_NIC_PCI"), "{all}");

    let v = s
        .request("textDocument/foldingRange", doc(&s, "drivers/net/Kconfig"))
        .await
        .unwrap();
    // `if NETDEVICES` (line 11) folds up to before its `endif` (line 39).
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|f| f["startLine"] == 10 && f["endLine"] == 37),
        "{v}"
    );

    let v = s
        .request(
            "textDocument/semanticTokens/full",
            doc(&s, "drivers/net/Kconfig"),
        )
        .await
        .unwrap();
    let data = v["data"].as_array().unwrap();
    assert!(data.len() > 50 && data.len() % 5 == 0, "{v}");
    let legend = &s.init_result["capabilities"]["semanticTokensProvider"]["legend"];
    assert!(legend["tokenTypes"].as_array().unwrap().len() >= 5);

    let v = s
        .request("workspace/symbol", json!({"query": "sample_net"}))
        .await
        .unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["name"], "SAMPLE_NET");
    assert!(first["location"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("drivers/net/Kconfig"));
}

#[tokio::test]
async fn rename_across_kconfig_makefiles_and_configs() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    // `obj-$(CONFIG_DUMMY) += dummy.o`: the name part is renamable.
    let v = s
        .request(
            "textDocument/prepareRename",
            at(&s, "drivers/net/Makefile", 8, 15),
        )
        .await
        .unwrap();
    assert_eq!(v["placeholder"], "DUMMY");
    assert_eq!(v["range"]["start"]["character"], 13);
    assert_eq!(v["range"]["end"]["character"], 18);
    let mut p = at(&s, "drivers/net/Makefile", 8, 15);
    p["newName"] = json!("DUMMY_NET");
    let v = s.request("textDocument/rename", p).await.unwrap();
    let changes = v["changes"].as_object().unwrap();
    let files: Vec<String> = changes
        .keys()
        .map(|u| {
            u.rsplit_once("/drivers/")
                .map_or(u.clone(), |x| x.1.to_string())
        })
        .collect();
    let all = changes.keys().cloned().collect::<Vec<_>>().join(" ");
    assert!(all.contains("drivers/net/Kconfig"), "{all}");
    assert!(all.contains("drivers/net/Makefile"), "{all}");
    assert!(all.contains("x86_64_defconfig"), "{all}");
    assert!(files.len() >= 3);
    for edits in changes.values() {
        for e in edits.as_array().unwrap() {
            assert_eq!(e["newText"], "DUMMY_NET");
        }
    }
    // A taken name is refused with a message.
    let mut p = at(&s, "drivers/net/Makefile", 8, 15);
    p["newName"] = json!("SAMPLE_NET");
    let err = s.request("textDocument/rename", p).await.unwrap_err();
    assert!(err.contains("already exists"), "{err}");
}

#[tokio::test]
async fn config_file_diagnostics_with_a_quick_fix() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    let rel = "arch/x86/configs/t_defconfig";
    let text = "CONFIG_SAMPLE_NET_STATS=y\nCONFIG_NO_SUCH_THING=y\n";
    std::fs::write(s.path(rel), text).unwrap();
    s.open(rel, "kconfig-config", text).await;
    let diags = published(&s, rel).await;
    let all = serde_json::to_string(&diags).unwrap();
    assert!(all.contains("NO_SUCH_THING"), "{all}");
    let kept = diags
        .iter()
        .find(|d| d["code"] == "value-not-kept")
        .unwrap_or_else(|| panic!("{all}"));
    assert!(
        kept["message"].as_str().unwrap().contains("SAMPLE_NET"),
        "{kept}"
    );
    let mut p = doc(&s, rel);
    p["range"] = kept["range"].clone();
    p["context"] = json!({"diagnostics": [kept]});
    let v = s.request("textDocument/codeAction", p).await.unwrap();
    let action = &v.as_array().unwrap()[0];
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][uri(&s.path(rel))].to_string();
    assert!(edits.contains("CONFIG_SAMPLE_NET=y"), "{edits}");
}

#[tokio::test]
async fn makefile_hover_definition_and_diagnostics() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    let rel = "drivers/net/Makefile";
    let mut text = std::fs::read_to_string(s.path(rel)).unwrap();
    text.push_str("obj-y += nosuch.o\n");
    s.open(rel, "makefile", &text).await;
    let diags = published(&s, rel).await;
    let missing: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "missing-source")
        .collect();
    assert_eq!(missing.len(), 1, "{diags:?}");
    assert_eq!(missing[0]["range"]["start"]["line"], 10);
    assert_eq!(diags.len(), 1, "{diags:?}");

    // Hover on `samplenet-y`: a composite's part list.
    let h = hover_text(&s.hover(rel, 5, 3).await);
    assert!(!h.is_empty());
    // `sn_main.o` leads to sn_main.c; `obj-y` hover explains the list.
    let d = s.definition(rel, 5, 16).await;
    assert_eq!(d[0].0, "drivers/net/sn_main.c", "{d:?}");
    let h = hover_text(&s.hover(rel, 10, 1).await);
    assert!(h.contains("obj-y"), "{h}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disk_changes_reach_references_and_values() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    // Wait for the text index (references answer once it is built).
    let before = s.references("drivers/net/Makefile", 8, 10, false).await;
    std::fs::write(
        s.path("drivers/net/new_user.c"),
        "#if IS_ENABLED(CONFIG_DUMMY)\n#endif\n",
    )
    .unwrap();
    let mut after = before.clone();
    for _ in 0..250 {
        tokio::time::sleep(Duration::from_millis(40)).await;
        after = s.references("drivers/net/Makefile", 8, 10, false).await;
        if after.len() > before.len() {
            break;
        }
    }
    assert!(
        after.contains(&("drivers/net/new_user.c".to_string(), 0, 15, 27)),
        "{after:?}"
    );

    // The .config changes on disk: hover shows the new value.
    let h = hover_text(&s.hover("drivers/net/Makefile", 8, 10).await);
    assert!(h.contains("`DUMMY` = `m`"), "{h}");
    let config = std::fs::read_to_string(s.path(".config")).unwrap();
    std::fs::write(
        s.path(".config"),
        config.replace("CONFIG_DUMMY=m", "CONFIG_DUMMY=y"),
    )
    .unwrap();
    let mut h = String::new();
    for _ in 0..250 {
        tokio::time::sleep(Duration::from_millis(40)).await;
        s.wait_loaded().await;
        h = hover_text(&s.hover("drivers/net/Makefile", 8, 10).await);
        if h.contains("`DUMMY` = `y`") {
            break;
        }
    }
    assert!(h.contains("`DUMMY` = `y`"), "{h}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsaved_kconfig_edits_reach_diagnostics_and_hover() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    let rel = "drivers/net/Kconfig";
    let text = std::fs::read_to_string(s.path(rel)).unwrap();
    s.open(rel, "kconfig", &text).await;
    assert!(published(&s, rel).await.is_empty());
    // An unsaved edit: a new symbol depending on one that does not exist.
    let edited = text.replace(
        "endif # NETDEVICES",
        "config SAMPLE_EDITED\n\tbool \"Edited in the buffer\"\n\tdepends on NO_SUCH_DEP\n\nendif # NETDEVICES",
    );
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&s.path(rel)), "version": 2},
               "contentChanges": [{"text": edited}]}),
    )
    .await;
    let line = edited
        .lines()
        .position(|l| l.contains("NO_SUCH_DEP"))
        .unwrap() as u64;
    let mut diags = Vec::new();
    for _ in 0..250 {
        diags = published(&s, rel).await;
        if !diags.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let undefined = diags
        .iter()
        .find(|d| d["code"] == "undefined-symbol")
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(undefined["range"]["start"]["line"], line);
    assert!(undefined["message"]
        .as_str()
        .unwrap()
        .contains("NO_SUCH_DEP"));
    // Hover knows the symbol that exists only in the buffer.
    let h = hover_text(&s.hover(rel, line as u32 - 2, 9).await);
    assert!(h.contains("Edited in the buffer"), "{h}");
    // The file on disk is unchanged.
    assert_eq!(std::fs::read_to_string(s.path(rel)).unwrap(), text);
}
